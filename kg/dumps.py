"""The dumps: the whole graph in four formats, gzipped, with SHA256SUMS, written from what the build holds.

N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold the merged graph (every
triple once, the store's default graph). Everything is written from memory by pyoxigraph's
writers, the four files side by side (zlib releases the GIL while it compresses).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.extract import jsonld_members
from kg.iris import PREFIXES

DUMP_NAME = "hkpr"
LEVEL = 3  # gzip level: ~3x smaller than the raw files, several times faster than level 9


@dataclass
class Contents:
    """The graph as the build holds it: each named graph as N-Quads and as a JSON-LD array member
    (`{"@id": graph, "@graph": [...]}`), and the merged graph as sorted N-Triples."""

    nquads: Sequence[bytes]
    jsonld: Sequence[bytes]
    merged: bytes


def graph_members(quads: Sequence[ox.Quad]) -> list[bytes]:
    """Quads of one or more named graphs as JSON-LD members, one per graph (b"" left out)."""
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name, []).append(q)
    return [m for part in graphs.values() if (m := jsonld_members(part))]


def write_dumps(folder: Path, contents: Contents) -> dict[str, str]:
    """Write hkpr.{ttl,nt,nq,jsonld}.gz and SHA256SUMS into `folder`; return file name -> sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    writers: dict[str, Callable[[IO[bytes]], None]] = {
        "jsonld": lambda out: _write_jsonld(out, contents),
        "nq": lambda out: _write_nquads(out, contents),
        "ttl": lambda out: ox.serialize(
            ox.parse(contents.merged, format=ox.RdfFormat.N_TRIPLES, lenient=True),
            out,
            ox.RdfFormat.TURTLE,
            prefixes=PREFIXES,
        ),
        "nt": lambda out: out.write(contents.merged),
    }
    with ThreadPoolExecutor(max_workers=min(len(writers), os.cpu_count() or 1)) as pool:
        sums = dict(pool.map(lambda item: _gzip_to(folder, *item), writers.items()))
    (folder / "SHA256SUMS").write_text("".join(f"{sums[n]}  {n}\n" for n in sorted(sums)))
    return sums


def _write_jsonld(out: IO[bytes], contents: Contents) -> None:
    """One expanded JSON-LD document, a named graph per line: [{"@id": graph, "@graph": [...]}, ...]."""
    first = True
    out.write(b"[\n")
    for member in contents.jsonld:
        if member:
            out.write(member if first else b",\n" + member)
            first = False
    out.write(b"\n]\n")


def _write_nquads(out: IO[bytes], contents: Contents) -> None:
    for chunk in contents.nquads:
        out.write(chunk)


def _gzip_to(folder: Path, suffix: str, writer: Callable[[IO[bytes]], None]) -> tuple[str, str]:
    """Run `writer` into folder/hkpr.{suffix}.gz; the sha256 is of the compressed file."""
    name = f"{DUMP_NAME}.{suffix}.gz"
    digest = hashlib.sha256()
    with (
        (folder / name).open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=_Tee(raw, digest), compresslevel=LEVEL, mtime=0) as gz,
        _Buffered(gz) as out,
    ):
        writer(out)
    return name, digest.hexdigest()


class _Buffered:
    """Gathers small writes into 4 MiB blocks for the compressor."""

    SIZE = 1 << 22

    def __init__(self, out: IO[bytes]) -> None:
        self.out, self.parts, self.size = out, [], 0

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        if self.size >= self.SIZE:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.parts:
            self.out.write(b"".join(self.parts))
            self.parts, self.size = [], 0

    def __enter__(self) -> _Buffered:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


class _Tee:
    """A binary writer that also feeds a hash."""

    def __init__(self, out: IO[bytes], digest) -> None:
        self.out, self.digest = out, digest

    def write(self, data) -> int:
        self.digest.update(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()
