"""The on-disk store and the dumps: written to a temporary folder, renamed into place at the end."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.iris import PREFIXES

STORE = "store"
DUMPS = "dumps"
REPORT = "report.json"
DUMP_NAME = "hkpr"
# name suffix -> (format, whether named graphs are kept)
DUMP_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}


def open_store(data_dir: Path, read_only: bool = True) -> ox.Store:
    """Open the store of a built data folder."""
    path = data_dir / STORE
    if not path.is_dir():
        raise FileNotFoundError(f"no graph store in {data_dir} (run `kg build ... --out {data_dir}` first)")
    return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))


def write_dumps(store: ox.Store, dumps_dir: Path) -> dict[str, str]:
    """Write gzip dumps of the whole graph in every dump format, and SHA256SUMS; return name -> sha256.

    N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold the merged graph (the
    store's default graph, where the build keeps the union of the named graphs).
    """
    dumps_dir.mkdir(parents=True, exist_ok=True)
    sums: dict[str, str] = {}
    for suffix, (fmt, datasets) in DUMP_FORMATS.items():
        name = f"{DUMP_NAME}.{suffix}.gz"
        path = dumps_dir / name
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None
        with gzip.open(path, "wb", compresslevel=6) as out:
            if datasets:
                ox.serialize(named_quads(store), out, fmt, prefixes=prefixes)
            else:
                store.dump(out, fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        sums[name] = sha256_file(path)
    (dumps_dir / "SHA256SUMS").write_text("".join(f"{digest}  {name}\n" for name, digest in sums.items()))
    return sums


def named_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the store's named graphs (not the default graph, which repeats them)."""
    for quad in store.quads_for_pattern(None, None, None, None):
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            yield quad


def merge_into_default_graph(store: ox.Store) -> None:
    """Make the store's default graph the RDF merge of its named graphs (each triple once).

    SPARQL's default graph is then the union of asserted and inferred triples with set semantics,
    which pyoxigraph's "union default graph" option does not give (it repeats a triple stated in
    two graphs).
    """
    store.clear_graph(ox.DefaultGraph())
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in named_quads(store))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def count_triples(store: ox.Store, graph: str | None = None) -> int:
    if graph is None:
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    else:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)


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
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
