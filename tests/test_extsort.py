"""The external merge sort of N-Triples lines: the same lines, sorted and unique, whatever the budget."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg import extsort
from kg.extsort import SortedLines


def lines(rng: random.Random, n: int) -> list[bytes]:
    """N-Triples-like lines with repeats, a shared prefix and non-ASCII text."""
    words = ["a", "ab", "b", "é", "z" * 30, '\\"q\\"']
    return [
        f'<https://e.org/{rng.choice(words)}> <https://e.org/p> "{rng.choice(words)}{rng.randint(0, 50)}" .'.encode()
        for _ in range(n)
    ]


@pytest.fixture(params=["sort(1)", "python"])
def merger(request, monkeypatch) -> str:
    """Runs merged by sort(1) (where the machine has it) and by the Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(extsort.shutil, "which", lambda name: None)
    elif extsort.shutil.which("sort") is None:
        pytest.skip("no sort(1) on this machine")
    return request.param


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("budget", [1, 500, 10**9])
def test_sorted_unique_lines_whatever_the_budget(tmp_path: Path, seed: int, budget: int, merger: str) -> None:
    rng = random.Random(seed)
    given = lines(rng, rng.randint(0, 400))
    with SortedLines(tmp_path, budget) as sort:
        for start in range(0, len(given), 37):
            sort.add(given[start : start + 37])
        expected = [line + b"\n" for line in sorted(set(given))]
        assert list(sort) == expected
        assert b"".join(sort.chunks()) == b"".join(expected)
        if budget == 1 and given:
            assert sort.runs >= 1  # it did sort on disk
    assert not any(tmp_path.iterdir())


def test_many_runs_are_merged_into_fewer(tmp_path: Path, monkeypatch, merger: str) -> None:
    monkeypatch.setattr(extsort, "FAN_IN", 3)
    given = lines(random.Random(1), 300)
    with SortedLines(tmp_path, 1) as sort:
        for line in given:
            sort.add([line])
        assert sort.runs <= 3
        assert list(sort) == [line + b"\n" for line in sorted(set(given))]


def test_an_iteration_begun_does_not_see_later_lines(tmp_path: Path) -> None:
    with SortedLines(tmp_path, 1) as sort:
        sort.add([b"<a> <p> <o> ."])
        first = iter(sort)
        sort.add([b"<b> <p> <o> ."])
        assert list(first) == [b"<a> <p> <o> .\n"]
        assert len(list(sort)) == 2


def test_prefixed_lines_sort_by_key_then_line_in_either_merge(tmp_path: Path, merger: str) -> None:
    # keys that prefix one another and bytes above ASCII: sort(1) in the C locale orders as Python
    given = [
        b"_:b12\t<x> <p> _:b12 .",
        b"_:b1\t<x> <p> _:b1 .",
        "<é>\t<x> <p> <é> .".encode(),
        b"<e>\t<a> <p> <e> .",
    ]
    with SortedLines(tmp_path, 1) as sort:
        for line in given * 2:
            sort.add([line])
        assert sort.runs > 1
        assert list(sort) == [line + b"\n" for line in sorted(given)]
