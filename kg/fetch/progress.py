"""The progress of `kg fetch`: days done of days to do, with counts and an ETA (kg.progress).

Drawn on a terminal only: when stderr is not a TTY (cron, a pipe, a test) or with --quiet,
nothing is drawn.
"""

from __future__ import annotations

import contextlib

from kg import progress


class Progress:
    """Counts days (index pages) done; shows releases new, unchanged and failed beside the bar."""

    def __init__(self, total: int, *, quiet: bool = False) -> None:
        self._shown = contextlib.ExitStack()
        self._shown.enter_context(progress.shown(quiet))
        self._task = progress.task("kg fetch:", total, "days")

    def show(self, day: str, new: int, unchanged: int, failed: int) -> None:
        self._task.note(f"{day} new {new} unchanged {unchanged} failed {failed}")

    def advance(self) -> None:
        self._task.advance()

    def close(self) -> None:
        self._task.close()
        self._shown.close()
