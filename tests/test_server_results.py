"""Query results as a worker writes them: straight in the client's format while the rows fit the
limit, cut at exactly the limit otherwise, whatever the literals spell; and the protocol's
parameters read from a query string as urllib reads them."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qsl, quote

import pyoxigraph as ox
import pytest

from server.params import parse_pairs
from server.worker import answer

EX = "http://example.org/"
# Literals that spell what the writers put around a row: JSON's ",{}" and "},{", CSV's CRLF,
# XML's <result>, TSV's tab and newline.
ODD = ["plain", "a,{}b", '},{"x":{}}', "line\r\nbreak", "<result>x</result>", "tab\there\nnewline", 'q"uote']
FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
ROWS = f"SELECT ?s ?o ?none WHERE {{ ?s <{EX}p> ?o OPTIONAL {{ ?s <{EX}none> ?none }} }} ORDER BY ?s"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for i, text in enumerate(ODD):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(text, language="en" if i % 2 else None)))  # fmt: skip
    store.add(ox.Quad(ox.BlankNode("b"), ox.NamedNode(f"{EX}p"), ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))  # fmt: skip
    for g in ("g1", "g2"):  # one triple in two graphs
        store.add(
            ox.Quad(ox.NamedNode(f"{EX}t"), ox.NamedNode(f"{EX}q"), ox.Literal("twice"), ox.NamedNode(EX + g))
        )
    return store


def run(store: ox.Store, query: str, fmt: str, max_rows: int) -> tuple[dict, bytes]:
    return answer(store, {"query": query, "format": fmt, "max_rows": max_rows, "union": False})


def solutions(body: bytes, fmt: str) -> list[dict[str, str]]:
    if fmt == "csv":  # which pyoxigraph does not read back
        head, *rows = csv.reader(io.StringIO(body.decode(), newline=""))
        return [{v: x for v, x in zip(head, row, strict=False) if x} for row in rows]  # [] for an empty row
    parsed = ox.parse_query_results(body, format=FORMATS[fmt])
    return [{v.value: str(s[v]) for v in parsed.variables if s[v] is not None} for s in parsed]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_within_the_limit_are_written_as_pyoxigraph_writes_them(store: ox.Store, fmt: str) -> None:
    expected = store.query(ROWS).serialize(format=FORMATS[fmt])
    total = len(ODD) + 1
    for limit in (total, total + 1, 10_000):
        header, body = run(store, ROWS, fmt, limit)
        assert header["ok"] and not header["truncated"] and header["format"] == fmt
        assert solutions(body, fmt) == solutions(expected, fmt)
        if fmt in ("json", "xml", "tsv"):
            assert body == expected


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("limit", [1, 3, 7])
def test_rows_past_the_limit_are_cut_at_the_limit(store: ox.Store, fmt: str, limit: int) -> None:
    every = solutions(store.query(ROWS).serialize(format=FORMATS[fmt]), fmt)
    header, body = run(store, ROWS, fmt, limit)
    assert header["ok"] and header["truncated"] and header["rows"] == limit
    assert solutions(body, fmt) == every[:limit]


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_without_bindings_count_as_rows(store: ox.Store, fmt: str) -> None:
    query = "SELECT ?x WHERE { VALUES ?x { UNDEF UNDEF 1 UNDEF } }"
    header, body = run(store, query, fmt, 4)
    assert not header["truncated"] and len(solutions(body, fmt)) == 4
    header, body = run(store, query, fmt, 3)
    assert header["truncated"] and len(solutions(body, fmt)) == 3
    header, body = run(store, "SELECT * WHERE {}", fmt, 1)
    assert not header["truncated"] and len(solutions(body, fmt)) == 1


def test_a_graph_result_counts_a_triple_once_and_is_cut_at_the_limit(store: ox.Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    header, body = run(store, query, "ntriples", 10_000)
    triples = body.decode().splitlines()
    assert not header["truncated"] and len(triples) == len(set(triples)) == len(ODD) + 2
    header, body = run(store, query, "turtle", 3)
    assert header["truncated"] and len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) == 3


@pytest.mark.parametrize(
    "raw",
    [
        "query=" + quote('PREFIX ex: <http://ex/#> SELECT * { ?s ?p "é\\n%" } # ünï', safe=""),
        "query=a+b%2Bc&format=json&format=&default-graph-uri=http%3A%2F%2Fx%2Fg",
        "a=%zz&b=%4&c=%4g&d=%",
        "a=\\x41&b=%5Cx41&c=\\\\%41",
        "=1&&flag&a=b=c",
        "bad=%E9%00%ff",
    ],
)
def test_parameters_are_read_as_urllib_reads_them(raw: str) -> None:
    assert parse_pairs(raw.encode()) == parse_qsl(raw, keep_blank_values=True)
