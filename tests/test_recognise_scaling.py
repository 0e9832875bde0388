"""The work of recognising one release grows with the names it holds, not with their square (a
release of 10,000 names once took 27 s, 20,000 names 108 s). Work is counted as the lines of the
project's code run (deterministic, unlike time): twice the names must cost about twice the lines."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from kg.model import Release
from kg.recognise import recognise

_KG = str(Path(__file__).resolve().parent.parent / "kg")


def _word(i: int) -> str:
    letters = ""
    for _ in range(3):
        letters += chr(97 + i % 26)
        i //= 26
    return letters.capitalize()


def many_names(n: int) -> Release:
    """A release in the house style naming n people, n organisations and n/4 meetings."""
    surnames = "Chan Wong Lee Cheung Lam Ho Ng Leung Lau Tang".split()
    paragraphs = []
    for k in range(0, n, 4):
        people = ", ".join(f"Mr {surnames[i % 10]} {_word(i)}-man" for i in range(k, k + 4))
        offices = ", the ".join(f"{_word(i)} Development Bureau" for i in range(k, k + 3))
        paragraphs.append(
            f"The Secretary for {_word(k)}, {people}, and representatives from the {offices} and the "
            f"{_word(k + 3)} Department attended the meeting of the {_word(k)} Task Force today "
            f"(March 14). Mr {surnames[k % 10]} said the task force would meet again."
        )
    return Release(
        id="P2024031400100",
        date=date(2024, 3, 14),
        text="\n\n".join(paragraphs),
        source="test",
        title="Meetings",
    )


def lines_run(release: Release) -> int:
    """How many lines of kg/ code recognising the release runs."""
    count = 0

    def line(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame, event, arg):
        return line if frame.f_code.co_filename.startswith(_KG) else None

    recognise(release)  # compiled expressions and the reference data are loaded once, apart
    sys.settrace(call)
    try:
        extraction = recognise(release)
    finally:
        sys.settrace(None)
    assert len(extraction.people) >= len(release.text) // 400  # the names were read
    return count


def test_twice_the_names_cost_about_twice_the_work():
    small, large = lines_run(many_names(400)), lines_run(many_names(800))
    assert large < 2.3 * small, (small, large)
