"""Batches of a build's work (reasoning, SHACL) run in worker processes, a bounded number at a time.

Each worker makes its own worker object once (`make(*args)`: the arguments go to it pickled, so
they are plain data) and then calls one of its methods on each batch it is sent. At most one
batch more than there are workers is in flight, so what the build holds is bounded by the batch
size, not by the number of batches. Results come back in the order they are done: what is made of
them must not depend on that order (sorted lines, sums, sets).
"""

from __future__ import annotations

import concurrent.futures as cf
import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_worker: Any = None  # the worker object of this process (made by `_start`)


def _start(make: Callable[..., Any], args: tuple) -> None:
    global _worker
    gc.disable()  # a batch is millions of small acyclic objects: the cyclic collector only costs time
    _worker = make(*args)


def _call(method: str, batch: tuple) -> Any:
    return getattr(_worker, method)(*batch)


def fresh() -> multiprocessing.context.BaseContext:
    """Processes started from the fork server (spawned where there is none), not forked from the
    build: a fork would begin with everything the build holds."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_batches(
    make: Callable[..., Any], args: tuple, method: str, batches: Iterable[tuple], jobs: int
) -> Iterator[Any]:
    """`make(*args).method(*batch)` for each batch, in `jobs` worker processes (in this process when
    `jobs` is 1 or less); the results as they are done."""
    if jobs <= 1:
        worker = make(*args)
        for batch in batches:
            yield getattr(worker, method)(*batch)
        return
    with cf.ProcessPoolExecutor(jobs, mp_context=fresh(), initializer=_start, initargs=(make, args)) as pool:
        pending: set[cf.Future] = set()
        for batch in batches:
            pending.add(pool.submit(_call, method, batch))
            if len(pending) > jobs:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        for future in cf.as_completed(pending):
            yield future.result()
