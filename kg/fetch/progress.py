"""The progress bar of `kg fetch`: days done of days to do, with counts and an ETA (tqdm).

Drawn on a terminal only: when stderr is not a TTY (cron, a pipe, a test) or with --quiet,
nothing is drawn.
"""

from __future__ import annotations

import sys

from tqdm import tqdm


class Progress:
    """Counts days (index pages) done; shows releases new, unchanged and failed beside the bar."""

    def __init__(self, total: int, *, quiet: bool = False) -> None:
        enabled = not quiet and sys.stderr.isatty()
        self._bar = tqdm(total=total, unit="day", desc="kg fetch", file=sys.stderr, disable=not enabled)

    def show(self, day: str, new: int, unchanged: int, failed: int) -> None:
        self._bar.set_postfix_str(f"{day} new {new} unchanged {unchanged} failed {failed}", refresh=True)

    def advance(self) -> None:
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()
