"""Read -> recognise -> resolve -> emit for a batch of inputs, one named graph per release."""

from __future__ import annotations

import contextlib
import gc
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pyoxigraph as ox

from kg.batch_workers import worker_count
from kg.emit import emit
from kg.iris import Iris
from kg.model import Rejection, Release
from kg.read import read_paths
from kg.recognise import recognise
from kg.resolve import Resolver


class ExtractedRelease:
    """One release's named graph: its quads and their serializations, each made once, on demand,
    from the other (a worker process hands back the N-Quads only). The quads are kept in one
    order, each once (sorted as N-Quads lines), whether they come from the extraction or from a
    store: the dumps of the same graph are then the same bytes however it was built."""

    def __init__(
        self,
        release_id: str,
        source: str,
        quads: list[ox.Quad] | None = None,
        nquads: bytes | None = None,
        jsonld: bytes | None = None,
    ) -> None:
        if quads is None and nquads is None:
            raise ValueError("a release graph needs its quads or its N-Quads")
        self.release_id, self.source = release_id, source
        self._quads, self._nquads, self._jsonld = quads, nquads, jsonld
        if quads is not None:
            self._quads, self._nquads = _in_order(quads)

    @property
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            self._quads = list(ox.parse(self._nquads, format=ox.RdfFormat.N_QUADS, lenient=True))
        return self._quads

    @property
    def nquads(self) -> bytes:
        """The graph as N-Quads."""
        if self._nquads is None:
            self._nquads = ox.serialize(self.quads, format=ox.RdfFormat.N_QUADS)
        return self._nquads

    def serialize(self, with_jsonld: bool) -> None:
        """Make the N-Quads (and the JSON-LD) now, where a failure is this release's alone."""
        _ = self.nquads, self.jsonld if with_jsonld else b""

    @property
    def jsonld(self) -> bytes:
        """The graph as JSON-LD array members, `{"@id": graph, "@graph": [...]}` (b"" if empty)."""
        if self._jsonld is None:
            self._jsonld = jsonld_members(self.quads)
        return self._jsonld


def _in_order(quads: list[ox.Quad]) -> tuple[list[ox.Quad], bytes]:
    """The quads sorted by their N-Quads lines, each once, and those lines."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    order = sorted(range(len(lines)), key=lines.__getitem__)
    kept = [i for n, i in enumerate(order) if n == 0 or lines[i] != lines[order[n - 1]]]
    return [quads[i] for i in kept], b"".join([lines[i] for i in kept])


def jsonld_members(quads: list[ox.Quad]) -> bytes:
    """Quads as the members of a JSON-LD array (pyoxigraph's document without its brackets)."""
    document = ox.serialize(quads, format=ox.RdfFormat.JSON_LD).strip()
    return document[1:-1].strip() if document.startswith(b"[") else document


TIME_LIMIT = 5.0  # seconds of extraction per release (`kg build --release-timeout`); a release takes ~2 ms


class ExtractionTimeout(Exception):
    """A release's extraction ran past the time limit."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after `seconds` (by SIGALRM, which also interrupts a
    regular expression; only on the main thread, where Python runs signal handlers: elsewhere, and
    for seconds None or 0, no limit)."""
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Extractor:
    """Turns one release into the quads of its named graph (reference data loaded once); a release
    whose extraction fails or runs past `seconds` is rejected with the reason."""

    def __init__(self, iris: Iris, seconds: float | None = TIME_LIMIT) -> None:
        self.iris = iris
        self.seconds = seconds
        self.resolver = Resolver.load(iris.base)

    def __call__(self, release: Release, with_jsonld: bool = False) -> ExtractedRelease | Rejection:
        """The release's graph (serialized as N-Quads, and JSON-LD if asked), or its rejection."""
        try:
            with time_limit(self.seconds):
                extraction = recognise(release)
                quads = emit(extraction, self.resolver, self.iris)
                graph = ExtractedRelease(release.id, release.source, quads)
                graph.serialize(with_jsonld)
        except ExtractionTimeout:
            return Rejection(
                release.source,
                f"extraction took longer than the time limit of {self.seconds:g} s per release",
            )
        except Exception as exc:  # one bad release never stops the batch
            return Rejection(release.source, f"extraction failed: {type(exc).__name__}: {str(exc)[:200]}")
        return graph


def extract_all(
    paths: Iterable[Path], iris: Iris, jobs: int = 1, seconds: float | None = TIME_LIMIT
) -> Iterator[ExtractedRelease | Rejection]:
    """Every release under `paths` extracted, or rejected with its reason; a release read twice
    is kept once (the fuller copy) and the other copy reported."""
    releases: list[Release] = []
    for item in read_releases(paths, jobs):
        if isinstance(item, Rejection):
            yield item
        else:
            releases.append(item)
    yield from extract_releases(releases, iris, jobs, seconds=seconds)


def read_releases(paths: Iterable[Path], jobs: int = 1) -> Iterator[Release | Rejection]:
    """Every release under `paths` once, or a rejection with its reason; of a release read twice
    (a page and a record of it) the fuller copy is kept and the other reported. The files are read
    in `jobs` processes where there are enough (kg.read.read_paths)."""
    chosen: dict[str, Release] = {}
    for item in read_paths(paths, jobs):
        if isinstance(item, Rejection):
            yield item
            continue
        kept = chosen.setdefault(item.id, item)
        if kept is not item:
            if _fullness(item) > _fullness(kept):
                chosen[item.id], item, kept = item, kept, item
            yield Rejection(
                item.source, f"duplicate of release {item.id} (kept the fuller copy from {kept.source})"
            )
    yield from chosen.values()


def extract_releases(
    releases: list[Release],
    iris: Iris,
    jobs: int = 1,
    with_jsonld: bool = False,
    seconds: float | None = TIME_LIMIT,
) -> Iterator[ExtractedRelease | Rejection]:
    """Each release extracted (in `jobs` worker processes when there are enough), or rejected;
    `with_jsonld` has the workers write each graph's JSON-LD too (the build's dump needs it);
    `seconds` limits each release's extraction."""
    jobs = worker_count(jobs)
    if jobs == 1 or len(releases) < 200:
        extractor = Extractor(iris, seconds)
        for release in releases:
            yield extractor(release, with_jsonld)
        return
    batch = max(1, min(BATCH, len(releases) // (jobs * 4)))
    # (releases, alone): a batch marked alone is one release sent while no other work is in flight
    pending = deque((releases[i : i + batch], False) for i in range(0, len(releases), batch))
    while pending:
        with ProcessPoolExecutor(
            jobs, initializer=_init_worker, initargs=(iris.base, with_jsonld, seconds)
        ) as pool:
            # a few batches in flight, the next one sent when one is taken: a caller that stops to
            # catch up (the build's store loader) stops the workers too, instead of piling up results
            running: deque = deque()
            try:
                while pending or running:
                    while (
                        pending
                        and len(running) < 2 * jobs
                        and not (running and (pending[0][1] or running[0][2]))
                    ):
                        work, alone = pending[0]
                        running.append((pool.submit(_extract_batch, work), work, alone))
                        pending.popleft()
                    results = running[0][0].result()
                    running.popleft()
                    for result in results:
                        if isinstance(result, Rejection):
                            yield result
                        else:
                            release_id, source, nquads, jsonld = result
                            yield ExtractedRelease(release_id, source, nquads=nquads, jsonld=jsonld)
            except BrokenProcessPool:
                # a worker died (killed, out of memory, a crash in native code): the batches in
                # flight are extracted again one release at a time with nothing else in flight, so
                # that a release that takes its worker down is known, and rejected
                if running and running[0][2]:
                    yield Rejection(running[0][1][0].source, "extraction failed: its worker process died")
                    running.popleft()
                for _, work, _ in reversed(running):
                    pending.extendleft(([release], True) for release in reversed(work))


BATCH = 100  # releases per task sent to a worker process


def _fullness(release: Release) -> tuple[int, int]:
    return len(release.text) + sum(map(len, release.captions)), int(release.issued is not None)


_worker: Extractor | None = None
_worker_jsonld = False


def _init_worker(base: str, with_jsonld: bool, seconds: float | None) -> None:
    global _worker, _worker_jsonld
    _worker, _worker_jsonld = Extractor(Iris(base), seconds), with_jsonld
    gc.freeze()  # the reference data lives as long as the worker: no collection need look at it


def _extract_batch(releases: list[Release]) -> list[tuple[str, str, bytes, bytes | None] | Rejection]:
    """Extract in a worker process; each graph travels back serialized (quads do not pickle)."""
    assert _worker is not None
    out: list[tuple[str, str, bytes, bytes | None] | Rejection] = []
    for release in releases:
        result = _worker(release, _worker_jsonld)
        if isinstance(result, Rejection):
            out.append(result)
        else:
            jsonld = result.jsonld if _worker_jsonld else None
            out.append((result.release_id, result.source, result.nquads, jsonld))
    return out
