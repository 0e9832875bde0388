"""The W3C SPARQL 1.1 Protocol tests (../shared/conformance/w3c-sparql11/protocol/manifest.ttl) that
apply to a public read-only endpoint, run against the app in-process.

The data files go into the store as the named graphs the tests name; /sparql/ is the endpoint. As
../shared/conformance/README.md says: the query tests apply as written; the dataset tests use graphs
already in the store (nothing is fetched); every update test, well-formed or not, must get a 4xx on
its update request, and the query that follows it must find that nothing changed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from test_server_support import build_data_dir

from server.app import create_app
from server.settings import Settings

SHARED = Path(os.environ.get("HKPR_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
PROTOCOL = SHARED / "conformance" / "w3c-sparql11" / "protocol"
MANIFEST = PROTOCOL / "manifest.ttl"

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
HTS = "http://www.w3.org/2011/http-statusCodes#"

BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = ("application/rdf+xml", "text/turtle", "application/n-triples")


class Manifest:
    """The manifest's triples, read with pyoxigraph (lists and blank nodes followed by hand)."""

    def __init__(self, path: Path) -> None:
        self.store = ox.Store()
        self.store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri())
        self.base = path.as_uri()

    def objects(self, s: ox.NamedNode | ox.BlankNode, p: str) -> list:
        return [q.object for q in self.store.quads_for_pattern(s, ox.NamedNode(p), None)]

    def one(self, s: ox.NamedNode | ox.BlankNode, p: str):
        found = self.objects(s, p)
        return found[0] if found else None

    def items(self, head) -> list:
        out = []
        while head is not None and head != ox.NamedNode(RDF + "nil"):
            out.append(self.one(head, RDF + "first"))
            head = self.one(head, RDF + "rest")
        return out

    def entries(self) -> list:
        return self.items(self.one(ox.NamedNode(self.base), MF + "entries"))


def _requests(m: Manifest, test) -> list[dict]:
    action = m.one(test, MF + "action")
    out = []
    for req in m.items(m.one(action, HT + "requests")):
        body = m.one(req, HT + "body")
        resp = m.one(req, HT + "resp")
        out.append(
            {
                "method": m.one(req, HT + "methodName").value,
                "path": m.one(req, HT + "absolutePath").value,
                "headers": {
                    m.one(h, HT + "fieldName").value: m.one(h, HT + "fieldValue").value
                    for h in m.items(m.one(req, HT + "headers"))
                },
                "body": None if body is None else m.one(body, CNT + "chars").value,
                "encoding": None if body is None else m.one(body, CNT + "characterEncoding").value,
                "status": {s.value.removeprefix(HTS) for s in m.objects(resp, MF + "expectedStatus")},
                "boolean": (lambda b: None if b is None else b.value == "true")(
                    m.one(resp, MF + "expectedBoolean")
                ),
                "format": (lambda f: None if f is None else f.value)(m.one(resp, MF + "expectedFormat")),
            }
        )
    return out


def _load_cases() -> list:
    if not MANIFEST.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"../shared not found: no {MANIFEST}"))]
    m = Manifest(MANIFEST)
    cases = []
    for test in m.entries():
        name = test.value.rsplit("#", 1)[-1]
        cases.append(pytest.param((name, _requests(m, test)), id=name))
    return cases


CASES = _load_cases()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    if not MANIFEST.is_file():
        pytest.skip(f"../shared not found: no {MANIFEST}")
    m = Manifest(MANIFEST)
    graphs = {}  # the data files under the graph names the tests give them (ut:graphData)
    for test in m.entries():
        for g in m.objects(test, UT + "graphData"):
            graphs[m.one(g, UT + "graph").value] = m.one(g, RDFS + "label").value
    quads = []
    for file, name in sorted(graphs.items()):
        for q in ox.parse(path=unquote(urlsplit(file).path), format=ox.RdfFormat.N_TRIPLES):
            quads.append(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name)))
    data = build_data_dir(tmp_path_factory.mktemp("w3c"), quads=quads)
    app = create_app(Settings(data_dir=data, workers=2))
    with TestClient(app, base_url="http://www.example") as c:
        yield c


def _send(client: TestClient, req: dict):
    path = req["path"].replace("/sparql/", "/sparql", 1)
    body = None
    if req["body"] is not None:
        body = req["body"].encode("utf-16" if req["encoding"].upper() == "UTF-16" else "utf-8")
    return client.request(req["method"], path, content=body, headers=req["headers"])


def _class(status: int) -> str:
    return f"StatusCode{status // 100}xx"


def _check_format(response, expected: str | None, boolean: bool | None) -> None:
    ctype = response.headers.get("content-type", "").split(";")[0]
    if expected == "boolean" or boolean is not None:
        assert ctype in BOOLEAN_TYPES
        if ctype == "application/sparql-results+json":
            value = json.loads(response.text)["boolean"]
        else:
            value = "<boolean>true</boolean>" in response.text
        if boolean is not None:
            assert value is boolean
    elif expected == "tabular":
        assert ctype in TABULAR_TYPES
    elif expected == "RDF":
        assert ctype in RDF_TYPES
        fmt = {"application/rdf+xml": ox.RdfFormat.RDF_XML, "text/turtle": ox.RdfFormat.TURTLE}.get(
            ctype, ox.RdfFormat.N_TRIPLES
        )
        list(ox.parse(response.content, format=fmt))  # it parses


@pytest.mark.shared
@pytest.mark.parametrize("case", CASES)
def test_w3c_protocol(client: TestClient, case) -> None:
    name, requests = case
    if name.startswith(("update_", "bad_update_")):
        first, *after = requests
        response = _send(client, first)
        assert 400 <= response.status_code < 500, response.text
        for req in after:  # the query that checks the update's effect: there is none
            response = _send(client, req)
            assert response.status_code == 200
            assert json.loads(response.text)["boolean"] is False
        return
    for req in requests:
        response = _send(client, req)
        assert _class(response.status_code) in req["status"], f"{response.status_code}: {response.text}"
        if response.status_code < 300:
            _check_format(response, req["format"], req["boolean"])
