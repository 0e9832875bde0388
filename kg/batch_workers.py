"""Batches of a build's work (reasoning, SHACL) run in worker processes, a bounded number at a time.

Each worker makes its own worker object once (`make(*args)`: the arguments go to it pickled, so
they are plain data) and then calls one of its methods on each batch it is sent; the parts of a
batch that are spans of a sorted file (kg.nodegroups.Span) are read by the worker. At most one
batch more than there are workers is in flight, so what the build holds is bounded by the batch
size, not by the number of batches. Results come back in the order of the batches (a result done
early is held until those before it are).
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kg.nodegroups import Span

_worker: Any = None  # the worker object of this process (made by `_start`)


def _start(make: Callable[..., Any], args: tuple) -> None:
    global _worker
    gc.disable()  # a batch is millions of small acyclic objects: the cyclic collector only costs time
    _worker = make(*args)


def _call(method: str, batch: tuple) -> Any:
    return getattr(_worker, method)(*_read(batch))


def _read(batch: tuple) -> tuple:
    """The batch with its spans of sorted files (kg.nodegroups.Span) read: here, in the worker,
    instead of sent by the build (which copied and pickled every byte of them)."""
    return tuple(part.read() if isinstance(part, Span) else part for part in batch)


def worker_count(jobs: int) -> int:
    """The worker processes `--jobs` asks for: one per core for 0 (or less)."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def fresh() -> multiprocessing.context.BaseContext:
    """Processes started from the fork server (spawned where there is none), not forked from the
    build: a fork would begin with everything the build holds."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_batches(
    make: Callable[..., Any], args: tuple, method: str, batches: Iterable[tuple], jobs: int
) -> Iterator[Any]:
    """`make(*args).method(*batch)` for each batch, in `jobs` worker processes (in this process when
    `jobs` is 1 or less); the results in the order of the batches. A result done before those of
    the batches sent ahead of it waits (at most HELD per worker: then no more batches are sent
    until the oldest is done), so one slow batch does not keep the other workers idle."""
    if jobs <= 1:
        worker = make(*args)
        for batch in batches:
            yield getattr(worker, method)(*_read(batch))
        return
    with cf.ProcessPoolExecutor(jobs, mp_context=fresh(), initializer=_start, initargs=(make, args)) as pool:
        running: dict[cf.Future, int] = {}  # sent and not done -> the batch's number
        done: dict[int, Any] = {}  # done, waiting for a batch sent before it
        taken = 0

        def settle(limit: int) -> Iterator[Any]:
            """Wait until at most `limit` batches are running; the results that are next in order."""
            nonlocal taken
            while len(running) > limit or (running and len(done) > HELD * jobs):
                finished, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    done[running.pop(future)] = future.result()
                while taken in done:
                    yield done.pop(taken)
                    taken += 1

        for number, batch in enumerate(batches):
            running[pool.submit(_call, method, batch)] = number
            yield from settle(jobs)
        yield from settle(0)


HELD = 4  # results per worker held back, at most, waiting for an earlier batch
