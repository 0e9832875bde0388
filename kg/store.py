"""The on-disk store of a build (in a new generation folder: kg/generations.py) and its bulk loader."""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

STORE = "store"
DUMPS = "dumps"
REPORT = "report.json"


def open_store(data_dir: Path, read_only: bool = True) -> ox.Store:
    """Open the store of a built data folder."""
    path = data_dir / STORE
    if not path.is_dir():
        raise FileNotFoundError(f"no graph store in {data_dir} (run `kg build ... --out {data_dir}` first)")
    return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))


class BackgroundLoader:
    """Bulk loads into a store on a thread of its own, one load after another, while the caller
    goes on (pyoxigraph's bulk loader releases the GIL). `finish` waits and raises what failed."""

    def __init__(self, store: ox.Store, defer: bool = False) -> None:
        """`defer`: the store's compactions wait for idle CPU (`defer_compactions`), for a build
        whose store is compacted whole at its end."""
        self.store = store
        self.defer = defer
        self.jobs: queue.Queue = queue.Queue()
        # at most BACKLOG pieces of `add` waiting: a caller that runs ahead waits (memory stays bounded)
        self._slots = threading.BoundedSemaphore(self.BACKLOG)
        self.error: BaseException | None = None
        self.seconds = 0.0
        self._pending: list[bytes] = []
        self._pending_size = 0
        self.thread = threading.Thread(target=self._run, name="store-loader", daemon=True)
        self.thread.start()

    PIECE = 1 << 26  # bytes per bulk load: pyoxigraph's loader holds several times its input in memory
    BACKLOG = 2

    def add(self, nquads: bytes) -> None:
        """Queue N-Quads for loading; small additions are gathered into pieces of about PIECE bytes."""
        self._pending.append(nquads)
        self._pending_size += len(nquads)
        if self._pending_size >= self.PIECE:
            self._flush(bounded=True)

    def load(
        self, chunks: Iterable[bytes], format: ox.RdfFormat, to_graph: ox.DefaultGraph | None = None
    ) -> None:
        """Queue the loading of `chunks` of N-Quads or N-Triples (taken lazily) in `format`,
        without waiting for the loads before it."""
        self._flush()
        self.jobs.put((_pieces(chunks, self.PIECE), format, to_graph, False))

    def _flush(self, bounded: bool = False) -> None:
        if self._pending:
            if bounded:
                self._slots.acquire()
            self.jobs.put(([b"".join(self._pending)], ox.RdfFormat.N_QUADS, None, bounded))
            self._pending, self._pending_size = [], 0

    def _run(self) -> None:
        while (job := self.jobs.get()) is not None:
            batches, fmt, to_graph, bounded = job
            began = time.perf_counter()
            try:
                for data in batches if self.error is None else ():
                    if self.defer:  # (RocksDB's pool may have grown since the last load)
                        self.defer = defer_compactions()
                    self.store.bulk_load(data, fmt, to_graph=to_graph, lenient=True)
            except BaseException as exc:  # reported by finish()
                self.error = exc
            del job, batches
            self.seconds += time.perf_counter() - began
            if bounded:
                self._slots.release()

    def finish(self) -> None:
        self._flush()
        self.jobs.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        """Drop the loads not yet begun and wait for the current one (when the build fails)."""
        self._pending = []
        with contextlib.suppress(queue.Empty):
            while True:
                self.jobs.get_nowait()
        self.jobs.put(None)
        self.thread.join()


class Compaction:
    """`store.optimize()` on a thread of its own (pyoxigraph lets go of the GIL); `wait` waits and
    raises what failed."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.error: BaseException | None = None
        self.seconds = 0.0
        self.thread = threading.Thread(target=self._run, name="store-compaction", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        began = time.perf_counter()
        try:
            self.store.optimize()
        except BaseException as exc:  # raised again by wait()
            self.error = exc
        self.seconds = time.perf_counter() - began

    def wait(self) -> None:
        self.thread.join()
        if self.error is not None:
            raise self.error


def defer_compactions() -> bool:
    """Put RocksDB's background threads (this process's compactions and flushes) at the lowest CPU
    priority, if `resume_compactions` can put them back; return whether they were.

    Each bulk load ingests files whose keys (hashes) overlap the store's, and RocksDB compacts them
    as they pile up: on a 100,000-release build that took about a third of a core beside the
    extraction, and the build's final `optimize` compacts the whole store again anyway. At nice 19
    the compactions take only the CPU the build leaves idle (the loads go on: measured with both
    cores busy). The final compaction runs on the same threads, so they are put back first; where
    that is not allowed (an unprivileged process cannot lower a nice value), nothing is changed,
    or a busy machine could starve the final compaction. Linux only."""
    if not _can_resume():
        return False
    _renice(IDLE)
    return True


def resume_compactions() -> None:
    """RocksDB's background threads back at the process's own priority (after `defer_compactions`)."""
    if _can_resume():
        _renice(os.getpriority(os.PRIO_PROCESS, 0))


IDLE = 19  # the nice value of deferred compactions


@functools.cache
def _can_resume() -> bool:
    """Whether a thread of this process may go to nice IDLE and back (tried on a thread of its own)."""
    if sys.platform != "linux":
        return False
    allowed: list[bool] = []

    def attempt() -> None:
        tid, own = threading.get_native_id(), os.getpriority(os.PRIO_PROCESS, 0)
        try:
            os.setpriority(os.PRIO_PROCESS, tid, IDLE)
            os.setpriority(os.PRIO_PROCESS, tid, own)
            allowed.append(True)
        except OSError:
            allowed.append(False)

    trial = threading.Thread(target=attempt, name="nice-trial")
    trial.start()
    trial.join()
    return allowed == [True]


def _renice(value: int) -> None:
    for tid in _rocksdb_threads():
        with contextlib.suppress(OSError):
            if os.getpriority(os.PRIO_PROCESS, tid) != value:
                os.setpriority(os.PRIO_PROCESS, tid, value)


def _rocksdb_threads() -> list[int]:
    """This process's RocksDB background threads (its compaction and flush pools), by thread id."""
    found = []
    with contextlib.suppress(OSError):
        for tid in os.listdir("/proc/self/task"):
            with contextlib.suppress(OSError):
                if Path(f"/proc/self/task/{tid}/comm").read_text().startswith("rocksdb"):
                    found.append(int(tid))
    return found


def _pieces(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """Line-based RDF (N-Quads, N-Triples) regrouped into pieces of about `size` bytes, whole lines."""
    batch: list[bytes] = []
    length = 0
    for chunk in chunks:
        start = 0
        while len(chunk) - start + length >= size:
            end = chunk.find(b"\n", start + max(0, size - length - 1))
            if end < 0:
                break
            batch.append(chunk[start : end + 1])
            yield b"".join(batch)
            batch, length, start = [], 0, end + 1
        if start < len(chunk):
            batch.append(chunk[start:] if start else chunk)
            length += len(chunk) - start
    if batch:
        yield b"".join(batch)


def quads_in(graph: str, triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    g = ox.NamedNode(graph)
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, g)
