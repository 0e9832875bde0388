"""A query worker: a process that opens the store read-only and answers queries sent over a pipe.

Run as `python -m server.worker STORE_DIR`. Messages are length-prefixed JSON (4 bytes, big-endian)
on stdin; each answer is a length-prefixed JSON header on stdout followed by `length` bytes of body,
already serialized by pyoxigraph, in the client's format. The ready message names the store's
identity (`store_identity`), which the server's result cache keys on. The server kills a worker whose query overruns its time limit
(pyoxigraph cannot be interrupted in-process) and starts another.

Before opening the store the worker tries to move into a network namespace of its own, where no
address is reachable: a second guard, under the server's refusal of SERVICE, against any query
making the server open a connection.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import sys
from collections.abc import Callable
from typing import IO, Any

import pyoxigraph as ox

from server.etags import entity_tag
from server.lifeline import die_with_parent, watch_lifeline

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "n3": ox.RdfFormat.N3,
}
NO_PREFIXES = ("ntriples", "nquads", "jsonld")


class _Enough(Exception):
    """Raised into the serializer to stop it once the row limit is passed."""


class _LineSink:
    """A binary writer keeping the distinct whole lines (the same triple from two graphs is one line)
    up to `limit`, in the order first written; it stops the writer at the one after. Lines are split
    and counted a chunk at a time, with no Python work per line."""

    def __init__(self, limit: int, max_bytes: int | None = None) -> None:
        self.limit = limit
        self.max_bytes = max_bytes
        self.size = 0  # bytes of the distinct lines kept (each with its newline)
        self._seen: dict[bytes, None] = {}  # insertion-ordered
        self.rest = b""
        self.more = False

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        parts = (self.rest + chunk).split(b"\n")
        self.rest = parts.pop()
        self._keep(parts)
        return len(chunk)

    def _keep(self, parts: list[bytes]) -> None:
        before = len(self._seen)
        self._seen.update(dict.fromkeys(parts))
        if self.max_bytes is not None and len(self._seen) > before:
            self.size += sum(len(line) + 1 for line in list(self._seen)[before:])
        if len(self._seen) > self.limit or (self.max_bytes is not None and self.size > self.max_bytes):
            self.more = True
            raise _Enough

    def flush(self) -> None:
        pass

    @property
    def stopped(self) -> bool:
        return self.more

    def finish(self) -> None:
        if self.rest and not self.more:  # a last line without its newline
            with contextlib.suppress(_Enough):
                self._keep([self.rest])
        self.rest = b""

    @property
    def lines(self) -> list[bytes]:
        return list(self._seen)[: self.limit]


class _RowCounter:
    """A binary writer that keeps a SELECT result as written and counts its rows as it goes.

    Rows are counted by marks the format writes for each row (`ROW_MARKS`): the count is never
    below the rows written, and above them only for a literal that spells a mark (which the
    writer cannot escape), so a result whose count stays within the limit is complete. Once the
    count passes `limit` the writer is stopped.
    """

    def __init__(self, fmt: str, limit: int, max_bytes: int | None = None) -> None:
        self.marks, header = ROW_MARKS[fmt]
        self.rows = -header
        self.limit = limit
        self.max_bytes = max_bytes
        self.size = 0
        self.chunks: list[bytes] = []
        self._tail = b""
        self._keep = max(len(m) for m in self.marks) - 1

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        window = self._tail + chunk
        skip = len(self._tail)
        # a mark may straddle two chunks; one wholly inside the tail was counted already
        self.rows += sum(window.count(m, max(0, skip - len(m) + 1)) for m in self.marks)
        self._tail = window[-self._keep :]
        self.chunks.append(chunk)
        self.size += len(chunk)
        if self.stopped:
            raise _Enough
        return len(chunk)

    def flush(self) -> None:
        pass

    @property
    def stopped(self) -> bool:
        return self.rows > self.limit or (self.max_bytes is not None and self.size > self.max_bytes)

    def body(self) -> bytes:
        return b"".join(self.chunks)


# Per format: the marks of a row (outside what the writer escapes) and the header lines to discount.
ROW_MARKS: dict[str, tuple[tuple[bytes, ...], int]] = {
    "json": ((b'"bindings":[{', b',{"', b",{}"), 0),  # the first row, then each next one
    "xml": ((b"<result>", b"<result/>"), 0),
    "tsv": ((b"\n",), 1),
    "csv": ((b"\r\n",), 1),
}


def _drain(serialize: Any, sink: _LineSink | _RowCounter) -> bool:
    """Run `serialize(sink)`; True when it finished, False when the sink stopped it."""
    try:
        serialize(sink)
    except _Enough:
        return False
    except OSError:  # the serializer may wrap our exception
        if not sink.stopped:
            raise
        return False
    return True


_MERGED: dict[int, bool] = {}


def _has_merged_default(store: ox.Store) -> bool:
    key = id(store)
    if key not in _MERGED:
        _MERGED[key] = (
            next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
        )
    return _MERGED[key]


def answer(store: ox.Store, req: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run one query request; the header says ok/status, format, rows and truncation.

    A SELECT result is written by pyoxigraph straight in the client's format while its rows are
    counted; only a result past the row limit is run again as TSV lines, cut, and converted.
    """
    kwargs: dict[str, Any] = {}
    default, named = req.get("default_graphs"), req.get("named_graphs")
    if default is None and named is None:
        # `kg build` keeps the merge of all graphs (each triple once) as the store's default graph;
        # only a store without one falls back to pyoxigraph's union, which repeats shared triples
        kwargs["use_default_graph_as_union"] = req.get("union", True) and not _has_merged_default(store)
    else:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named or []]
    max_rows = int(req["max_rows"])
    max_bytes = int(req["max_bytes"]) if req.get("max_bytes") else None
    fmt = req.get("format", "")
    prefixes = req.get("prefixes") or {}

    def run() -> Any:
        return store.query(req["query"], base_iri=req.get("base_iri"), **kwargs)

    try:
        result = run()
        if isinstance(result, ox.QueryBoolean):
            fmt = fmt if fmt in ("json", "xml") else "json"
            return _ok(fmt, 1, False, result.serialize(format=RESULT_FORMATS[fmt]))
        if isinstance(result, ox.QuerySolutions):
            fmt = fmt if fmt in RESULT_FORMATS else "json"
            return _solutions(result, fmt, max_rows, run, max_bytes)
        sink = _LineSink(max_rows, max_bytes)
        _drain(lambda out: result.serialize(out, format=ox.RdfFormat.N_TRIPLES), sink)
        sink.finish()
        return convert("graph", sink.lines, sink.more, fmt, prefixes, max_bytes)
    except SyntaxError as exc:
        return {"ok": False, "status": 400, "message": f"malformed query: {exc}"}, b""
    except ValueError as exc:
        return {"ok": False, "status": 500, "message": f"the result cannot be written as {fmt}: {exc}"}, b""
    except OSError as exc:
        return {"ok": False, "status": 500, "message": f"query failed: {exc}"}, b""


def _solutions(result: ox.QuerySolutions, fmt: str, max_rows: int, again: Callable[[], Any], max_bytes: int | None = None) -> tuple[dict[str, Any], bytes]:  # fmt: skip
    """A SELECT result in `fmt`, written directly when its rows fit in `max_rows` and its bytes in
    `max_bytes`, else cut.

    Past a limit (by the count of `_RowCounter`) the query runs `again` and is written as TSV,
    whose rows are exactly its lines, so it is cut after a row and converted; a TSV result is cut
    as it is, without a second run.
    """
    counter = _RowCounter(fmt, max_rows, max_bytes)
    if _drain(lambda out: result.serialize(out, format=RESULT_FORMATS[fmt]), counter):
        return _ok(fmt, max(0, counter.rows), False, counter.body())
    if fmt != "tsv":
        lines = _RowCounter("tsv", max_rows, max_bytes)
        rerun = again()
        if _drain(lambda out: rerun.serialize(out, format=ox.QueryResultsFormat.TSV), lines):
            # a literal spelled a row mark, or JSON outgrew TSV: the rows fit after all
            return convert("select", lines.body().split(b"\n")[:-1], False, fmt, {}, max_bytes)
        counter = lines
    body = counter.body()
    whole = body[: body.rfind(b"\n")]  # a line cut by the byte limit is dropped
    head_and_rows = whole.split(b"\n", max_rows + 1)[: max_rows + 1]
    return convert("select", head_and_rows, True, fmt, {}, max_bytes)


_PN_PREFIX = re.compile(
    r"(?:[A-Za-z\u00C0-\uFFFF](?:[\w.\-\u00B7\u00C0-\uFFFF]*[\w\-\u00B7\u00C0-\uFFFF])?)?"
)
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*")


def _prefixes(prefixes: dict[str, str]) -> dict[str, str]:
    """Only prefixes the writers can use: a valid prefix name for an absolute IRI."""
    return {k: v for k, v in prefixes.items() if _PN_PREFIX.fullmatch(k) and _ABSOLUTE.fullmatch(v)}


def _write_graph(nt: bytes, fmt: str, prefixes: dict[str, str] | None) -> bytes:
    """N-Triples -> another RDF format; if the prefixes do not suit the writer, without them."""
    try:
        return ox.serialize(
            ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=GRAPH_FORMATS[fmt], prefixes=prefixes
        )
    except ValueError:
        if not prefixes:
            raise
        return ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=GRAPH_FORMATS[fmt])


def convert(form: str, lines: list[bytes], more: bool, fmt: str, prefixes: dict[str, str], max_bytes: int | None = None) -> tuple[dict[str, Any], bytes]:  # fmt: skip
    """Results cut to whole lines (TSV with its header for SELECT, N-Triples for a graph, SPARQL
    JSON for ASK) written in the format the client asked for, and cut to fewer rows if it comes
    to more than `max_bytes` (refused, 507, if not even one row fits); used for the local store
    and for a remote backend alike."""
    header, body = _convert(form, lines, more, fmt, prefixes)
    head = 1 if form == "select" else 0
    while max_bytes is not None and len(body) > max_bytes and form != "ask":
        rows = len(lines) - head
        if rows <= 1:
            message = (
                f"the answer is larger than the limit of {max_bytes} bytes with a single row;"
                " select fewer or shorter values (SUBSTR, LIMIT)"
            )
            return {"ok": False, "status": 507, "message": message}, b""
        keep = max(1, min(rows - 1, rows * max_bytes // len(body)))
        lines = lines[: head + keep]
        header, body = _convert(form, lines, True, fmt, prefixes)
    return header, body


def _convert(form: str, lines: list[bytes], more: bool, fmt: str, prefixes: dict[str, str]) -> tuple[dict[str, Any], bytes]:  # fmt: skip
    raw = b"".join(line + b"\n" for line in lines)
    if form == "ask":
        fmt = fmt if fmt in ("json", "xml") else "json"
        parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
        return _ok(fmt, 1, False, parsed.serialize(format=RESULT_FORMATS[fmt]))
    if form == "select":
        fmt = fmt if fmt in RESULT_FORMATS else "json"
        body = raw
        if fmt != "tsv":
            parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.TSV)
            body = parsed.serialize(format=RESULT_FORMATS[fmt])
        return _ok(fmt, max(0, len(lines) - 1), more, body)
    fmt = fmt if fmt in GRAPH_FORMATS else "turtle"
    lines = sorted(lines)  # groups each subject's triples for the writers, and makes the order stable
    raw = b"".join(line + b"\n" for line in lines)
    if fmt != "ntriples":
        raw = _write_graph(raw, fmt, None if fmt in NO_PREFIXES else _prefixes(prefixes))
    return _ok(fmt, len(lines), more, raw)


def _ok(fmt: str, rows: int, truncated: bool, body: bytes) -> tuple[dict[str, Any], bytes]:
    header = {"ok": True, "format": fmt, "rows": rows, "truncated": truncated}
    if not truncated:  # hashed here, in parallel, rather than in the server's one process
        header["etag"] = entity_tag(fmt, body)
    return header, body


def isolate_network() -> bool:
    """Move this process into an empty network namespace; False where the system does not allow it."""
    if not sys.platform.startswith("linux") or os.environ.get("HKPR_WORKER_NETWORK") == "1":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    return any(libc.unshare(flags) == 0 for flags in (clone_newnet, clone_newuser | clone_newnet))


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def send(out: IO[bytes], header: dict[str, Any], body: bytes = b"") -> None:
    header["length"] = len(body)
    head = json.dumps(header).encode()
    out.write(len(head).to_bytes(4, "big") + head)
    out.write(body)
    out.flush()


def store_identity(path: str) -> str:
    """What tells this store from any other, now or later: the folder (device, inode, change time)
    and RocksDB's IDENTITY (a fresh id per database) and CURRENT (its manifest) files."""
    st = os.stat(path)
    parts = [f"{st.st_dev}:{st.st_ino}:{st.st_ctime_ns}"]
    for name in ("IDENTITY", "CURRENT"):
        try:
            with open(os.path.join(path, name), "rb") as f:
                parts.append(f.read(200).decode("ascii", "replace").strip())
        except OSError:
            parts.append("")
    return "/".join(parts)


def open_store(path: str) -> tuple[ox.Store, str]:
    """The store read-only and its identity, taken before and after opening so that a build
    renamed into place meanwhile is not taken for the store opened."""
    for _ in range(5):
        before = store_identity(path)
        store = ox.Store.read_only(path)
        if store_identity(path) == before:
            return store, before
        del store
    raise OSError(f"the store at {path} kept changing while it was opened")


def main(argv: list[str]) -> int:
    parent = os.environ.get("HKPR_PARENT_PID", "")
    die_with_parent(int(parent) if parent.isdigit() else None)  # never outlive the server
    watch_lifeline()
    inp = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not corrupt the answers
    isolated = isolate_network()
    try:
        store, identity = open_store(argv[0])
    except OSError as exc:
        send(out, {"ready": False, "message": f"cannot open the store {argv[0]}: {exc}"})
        return 1
    send(out, {"ready": True, "isolated": isolated, "pid": os.getpid(), "store": identity})
    while True:
        try:
            size = int.from_bytes(_read_exact(inp, 4), "big")
            req = json.loads(_read_exact(inp, size))
        except EOFError:
            return 0
        header, body = answer(store, req)
        send(out, header, body)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
