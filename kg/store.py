"""The on-disk store and the dumps: written to a temporary folder, renamed into place at the end."""

from __future__ import annotations

import contextlib
import gc
import gzip
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from kg.iris import PREFIXES

STORE = "store"
DUMPS = "dumps"
REPORT = "report.json"
DUMP_NAME = "hkpr"


def open_store(data_dir: Path, read_only: bool = True) -> ox.Store:
    """Open the store of a built data folder."""
    path = data_dir / STORE
    if not path.is_dir():
        raise FileNotFoundError(f"no graph store in {data_dir} (run `kg build ... --out {data_dir}` first)")
    return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))


def write_dumps(store: ox.Store, dumps_dir: Path) -> dict[str, str]:
    """Write gzip dumps of the whole graph in every dump format, and SHA256SUMS; return name -> sha256.

    N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold the merged graph (the
    store's default graph, where the build keeps the union of the named graphs). The formats are
    written side by side, each by pyoxigraph's own writer straight to a file.
    """
    dumps_dir.mkdir(parents=True, exist_ok=True)
    writers = {"ttl": _merged_turtle, "nt": _merged_ntriples, "nq": _named_nquads, "jsonld": _named_jsonld}
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        done = pool.map(lambda item: _write_gzip(store, dumps_dir, *item), writers.items())
        sums = dict(done)
    (dumps_dir / "SHA256SUMS").write_text("".join(f"{sums[n]}  {n}\n" for n in sorted(sums)))
    return sums


def _write_gzip(store: ox.Store, folder: Path, suffix: str, writer) -> tuple[str, str]:
    name = f"{DUMP_NAME}.{suffix}.gz"
    raw = folder / f".{DUMP_NAME}.{suffix}"
    with raw.open("wb") as out:
        writer(store, out)
    digest = hashlib.sha256()
    with (
        raw.open("rb") as src,
        (folder / name).open("wb") as dst,
        gzip.GzipFile(filename="", mode="wb", fileobj=_Tee(dst, digest), compresslevel=3, mtime=0) as gz,
    ):
        while chunk := src.read(1 << 22):
            gz.write(chunk)
    raw.unlink()
    return name, digest.hexdigest()


class _Tee:
    """A binary writer that also feeds a hash."""

    def __init__(self, out, digest) -> None:
        self.out, self.digest = out, digest

    def write(self, data) -> int:
        self.digest.update(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def _merged_turtle(store: ox.Store, out) -> None:
    store.dump(out, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)


def _merged_ntriples(store: ox.Store, out) -> None:
    store.dump(out, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())


def _named_nquads(store: ox.Store, out) -> None:
    """Each named graph's triples as N-Quads (the default graph, their merge, is left out)."""
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        # an N-Triples line ends in " .\n" (newlines inside literals are escaped): add the graph
        out.write(lines.replace(b" .\n", f" <{graph.value}> .\n".encode()))


def _named_jsonld(store: ox.Store, out) -> None:
    """The named graphs as one expanded JSON-LD document: [{"@id": graph, "@graph": [...]}, ...]."""
    out.write(b"[")
    for i, graph in enumerate(sorted(store.named_graphs(), key=lambda g: g.value)):
        nodes = store.dump(format=ox.RdfFormat.JSON_LD, from_graph=graph)
        out.write(b"," if i else b"")
        out.write(b'{"@id":' + json.dumps(graph.value).encode() + b',"@graph":' + nodes + b"}")
    out.write(b"]\n")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def quads_in(graph: str, triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    g = ox.NamedNode(graph)
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, g)


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A temporary folder beside `out` that replaces `out` only if the block succeeds.

    On failure the temporary folder is removed and `out` (the last good graph) is untouched.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(out.parent, os.W_OK):
        raise PermissionError(f"cannot write to {out.parent}")
    tmp = out.parent / f".{out.name}.building-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        yield tmp
    except BaseException:
        _remove(tmp)
        raise
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        _remove(old)


def _remove(path: Path) -> None:
    """Remove a folder, also while a closing store's background threads still write into it."""
    gc.collect()  # drop any store object that still holds the folder open
    for attempt in range(50):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.02 * (attempt + 1))
