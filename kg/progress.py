"""Progress of long work on a terminal: the stage, what is done of the total, the rate and the time left.

The commands that run for minutes (`kg build`, `kg build --update`, `kg publish`) wrap their work in
`shown()`; the stages inside call `task(...)` and `advance` it. Outside `shown()`, when the output
is not a terminal, or with `--quiet`, the tasks are silent and cost nothing. Drawn by `rich`.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import IO, Any

_progress: Any = None  # the rich Progress on screen, inside `shown()`


class Task:
    """One piece of work's progress (silent: nothing is shown)."""

    def advance(self, n: int = 1) -> None:
        """`n` more done."""

    def note(self, text: str) -> None:
        """Show `text` beside the task (counts of what was done so far)."""

    def close(self) -> None:
        """The work is over."""


class _Shown(Task):
    def __init__(self, progress: Any, name: str, total: int | None, unit: str) -> None:
        self.progress, self.total = progress, total
        self.id = progress.add_task(name, total=total, unit=unit, note="")

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.id, n)

    def note(self, text: str) -> None:
        self.progress.update(self.id, note=text, refresh=True)

    def close(self) -> None:
        task = next(t for t in self.progress.tasks if t.id == self.id)
        self.progress.update(self.id, total=task.completed if self.total is None else self.total)
        self.progress.stop_task(self.id)


def task(name: str, total: int | None = None, unit: str = "") -> Task:
    """A task shown as `name`, `total` items of `unit` (None: not counted, its time only)."""
    return Task() if _progress is None else _Shown(_progress, name, total, unit)


@contextlib.contextmanager
def shown(quiet: bool = False, stream: IO[str] | None = None) -> Iterator[None]:
    """Show the tasks made inside the block on `stream` (standard error), if it is a terminal and
    not `quiet`."""
    global _progress
    stream = sys.stderr if stream is None else stream
    if quiet or _progress is not None or not stream.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Done(ProgressColumn):
        """What a counted task has done of its total."""

        def render(self, task: Any) -> Text:
            if task.total is None or not task.fields["unit"]:
                return Text("")
            return Text(f"{task.completed:,.0f}/{task.total:,.0f} {task.fields['unit']}")

    class Rate(ProgressColumn):
        """Items per second of a counted task, over its last moments."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f}/s" if speed and task.fields["unit"] else "")

    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        Done(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[note]}"),
    )
    with Progress(*columns, console=Console(file=stream), refresh_per_second=4) as progress:
        _progress = progress
        try:
            yield
        finally:
            _progress = None
