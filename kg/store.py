"""The on-disk store of a build (in a new generation folder: kg/generations.py) and its bulk loader."""

from __future__ import annotations

import contextlib
import queue
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

    def __init__(self, store: ox.Store) -> None:
        self.store = store
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
