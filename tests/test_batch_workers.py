"""kg.batch_workers: batches in worker processes, their results in the order of the batches."""

from __future__ import annotations

import time

import pytest

from kg.batch_workers import run_batches


class Sleeper:
    """A worker whose batches take the time they say; each result says when it was done."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def one(self, seconds: float, value: int) -> tuple[str, int, float]:
        if value < 0:
            raise ValueError(f"batch {value} failed")
        time.sleep(seconds)
        return self.tag, value, time.monotonic()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_in_the_order_of_the_batches_even_when_a_later_one_is_done_first(jobs: int) -> None:
    batches = [(0.6, 0), *((0.0, n) for n in range(1, 12)), (0.3, 12), (0.0, 13)]
    results = list(run_batches(Sleeper, ("t",), "one", iter(batches), jobs))
    assert [value for _, value, _ in results] == list(range(14))
    assert {tag for tag, _, _ in results} == {"t"}
    if jobs > 1:  # the slow first batch did not hold the other workers up: they went on meanwhile
        assert results[1][2] < results[0][2]


def test_a_failing_batch_raises_its_error() -> None:
    with pytest.raises(ValueError, match="batch -1 failed"):
        list(run_batches(Sleeper, ("t",), "one", iter([(0.0, 1), (0.0, -1), (0.0, 2)]), 2))
