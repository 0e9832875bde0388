"""Progress on long work: shown on a terminal (stage, done of total, rate, time left), silent otherwise."""

from __future__ import annotations

import io
from pathlib import Path

from kg import progress
from kg.build import build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_each_stage_and_the_releases_done(tmp_path: Path) -> None:
    screen = Terminal()
    with progress.shown(stream=screen):
        report = build([SAMPLE], tmp_path / "graph")
    text = screen.getvalue()
    for stage in ("read", "extract", "reason", "validate", "merge", "dumps", "store"):
        assert stage in text
    n = report.releases_read
    assert f"{n}/{n} releases" in text
    assert "left" in text


def test_silent_when_not_a_terminal_or_quiet(tmp_path: Path) -> None:
    for screen, quiet in ((io.StringIO(), False), (Terminal(), True)):
        with progress.shown(quiet=quiet, stream=screen):
            task = progress.task("extract", 10, "releases")
            task.advance(3)
            task.close()
        assert screen.getvalue() == ""


def test_counts_rate_and_time_left_of_a_counted_task() -> None:
    screen = Terminal()
    with progress.shown(stream=screen):
        task = progress.task("publish", 4, "graphs")
        for _ in range(4):
            task.advance()
        task.close()
    assert "4/4 graphs" in screen.getvalue()
    assert "/s" in screen.getvalue()
