"""The dumps: the whole graph in four formats, gzipped, with SHA256SUMS, written from what the build holds.

N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold the merged graph (every
triple once, the store's default graph). Everything is written from memory by pyoxigraph's
writers, the four files side by side, and compressed with ISA-L (python-isal: standard gzip
files, several times faster to write than zlib's).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from isal import igzip

from kg.extract import jsonld_members
from kg.iris import ONTOLOGY, PREFIXES, Iris

DUMP_NAME = "hkpr"
LEVEL = 2  # isal's gzip level: ~14x smaller than the raw N-Quads, ~6x faster than zlib's level 3


@dataclass
class Contents:
    """The graph as the build holds it: each named graph as N-Quads and as a JSON-LD array member
    (`{"@id": graph, "@graph": [...]}`), and the merged graph as sorted N-Triples."""

    nquads: Sequence[bytes]
    jsonld: Sequence[bytes]
    merged: bytes


def graph_order(graphs: Iterable[str], iris: Iris) -> list[str]:
    """The order of the named graphs in the dumps: the release graphs by IRI, then the build's
    own graphs (incumbency, inferred, ontology, reference), then any other. A rebuild and an
    update both write them so: the dumps of the same graph are the same bytes."""
    graphs = set(graphs)
    prefix = iris.release("")
    own = [iris.incumbency_graph, iris.inferred_graph, ONTOLOGY, iris.reference_graph]
    releases = sorted(g for g in graphs if g.startswith(prefix))
    return [*releases, *(g for g in own if g in graphs), *sorted(graphs - set(releases) - set(own))]


def canonical_graph(lines: Iterable[bytes]) -> tuple[bytes, bytes]:
    """One named graph from its N-Quads lines (each with its newline): the lines sorted, each
    once, and the JSON-LD member made from them (the build's own graphs are written so, by a
    rebuild as by an update, whatever order their triples were made in)."""
    nquads = b"".join(sorted(set(lines)))
    return nquads, jsonld_members(list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)))


def write_dumps(folder: Path, contents: Contents) -> dict[str, str]:
    """Write hkpr.{ttl,nt,nq,jsonld}.gz and SHA256SUMS into `folder`; return file name -> sha256."""
    writer = DumpWriter(folder)
    try:
        for chunk in contents.nquads:
            writer.add(nquads=chunk)
        for member in contents.jsonld:
            writer.add(jsonld=member)
        return writer.finish(contents.merged)
    finally:
        writer.close()


class DumpWriter:
    """The dumps, written as the graph arrives: each named graph's N-Quads and JSON-LD member
    compressed as soon as it is added (so nobody holds them uncompressed), and the merged graph's
    Turtle and N-Triples at `finish`. The JSON-LD dump is one expanded document with a named graph
    per line: `[{"@id": graph, "@graph": [...]},...]`."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._nquads = _GzipOut(folder, "nq")
        self._jsonld = _GzipOut(folder, "jsonld")
        self._jsonld.write(b"[\n")
        self._first_member = True

    def add(self, nquads: bytes = b"", jsonld: bytes = b"") -> None:
        """Append named graphs: N-Quads, and/or one JSON-LD member (b"" adds nothing)."""
        if nquads:
            self._nquads.write(nquads)
        if jsonld:
            self._jsonld.write(jsonld if self._first_member else b",\n" + jsonld)
            self._first_member = False

    def finish(self, merged: bytes | Callable[[], Iterable[bytes]]) -> dict[str, str]:
        """Close the named-graph dumps, write the merged graph's (sorted N-Triples: the bytes, or a
        function giving them anew in chunks each time it is called) and SHA256SUMS; return file
        name -> sha256 of the compressed file."""
        self._jsonld.write(b"\n]\n")
        sums = dict([self._nquads.close(), self._jsonld.close()])
        chunks = merged if callable(merged) else lambda: (merged,)

        def write(out: IO[bytes]) -> None:
            for chunk in chunks():
                out.write(chunk)

        writers: dict[str, Callable[[IO[bytes]], None]] = {
            "ttl": lambda out: ox.serialize(
                ox.parse(_ChunkReader(chunks()), format=ox.RdfFormat.N_TRIPLES, lenient=True),
                out,
                ox.RdfFormat.TURTLE,
                prefixes=PREFIXES,
            ),
            "nt": write,
        }
        with ThreadPoolExecutor(max_workers=min(len(writers), os.cpu_count() or 1)) as pool:
            sums.update(pool.map(lambda item: _gzip_to(self.folder, *item), writers.items()))
        (self.folder / "SHA256SUMS").write_text("".join(f"{sums[n]}  {n}\n" for n in sorted(sums)))
        return sums

    def close(self) -> None:
        """Close what is still open (after a failure; the files are left incomplete)."""
        self._nquads.close()
        self._jsonld.close()


def _gzip_to(folder: Path, suffix: str, writer: Callable[[IO[bytes]], None]) -> tuple[str, str]:
    """Run `writer` into folder/hkpr.{suffix}.gz; the sha256 is of the compressed file."""
    out = _GzipOut(folder, suffix)
    try:
        writer(out)
    finally:
        name_and_sum = out.close()
    return name_and_sum


class _GzipOut:
    """folder/hkpr.{suffix}.gz opened for writing: writes gathered into blocks, compressed, hashed."""

    def __init__(self, folder: Path, suffix: str) -> None:
        self.name = f"{DUMP_NAME}.{suffix}.gz"
        self.digest = hashlib.sha256()
        self._raw = (folder / self.name).open("wb")
        self._gz = igzip.IGzipFile(
            filename="", mode="wb", fileobj=_Tee(self._raw, self.digest), compresslevel=LEVEL, mtime=0
        )
        self._out = _Buffered(self._gz)
        self._open = True

    def write(self, data) -> int:
        return self._out.write(data)

    def flush(self) -> None:
        """Nothing to do: the blocks are compressed as they fill, the rest at `close` (a writer's
        flush here would cut the compressed stream into small blocks)."""

    def close(self) -> tuple[str, str]:
        """Flush and close (once); (file name, sha256 of the compressed file)."""
        if self._open:
            self._open = False
            try:
                self._out.flush()
                self._gz.close()
            finally:
                self._raw.close()
        return self.name, self.digest.hexdigest()


class _Buffered:
    """Cuts the bytes written into blocks of exactly SIZE bytes for the compressor (the last one
    shorter), however they were written: the compressed file then depends on its content alone,
    not on how the writes fell (ISA-L's output changes with the compressor's input boundaries)."""

    SIZE = 1 << 22

    def __init__(self, out: IO[bytes]) -> None:
        self.out, self.block = out, bytearray()

    def write(self, data) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        if self.block:
            room = self.SIZE - len(self.block)
            self.block += view[:room]
            view = view[room:]
            if len(self.block) < self.SIZE:
                return size
            self.out.write(self.block)
            self.block = bytearray()
        while len(view) >= self.SIZE:
            self.out.write(view[: self.SIZE])
            view = view[self.SIZE :]
        self.block += view
        return size

    def flush(self) -> None:
        if self.block:
            self.out.write(self.block)
            self.block = bytearray()


class _Tee:
    """A binary writer that also feeds a hash."""

    def __init__(self, out: IO[bytes], digest) -> None:
        self.out, self.digest = out, digest

    def write(self, data) -> int:
        self.digest.update(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


class _ChunkReader:
    """A binary reader over chunks of bytes (for a parser that reads a file)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks: Iterator[bytes] = iter(chunks)
        self._rest = memoryview(b"")

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            out = bytes(self._rest) + b"".join(self._chunks)
            self._rest = memoryview(b"")
            return out
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return b""
            self._rest = memoryview(chunk)
        out, self._rest = self._rest[:size], self._rest[size:]
        return bytes(out)
