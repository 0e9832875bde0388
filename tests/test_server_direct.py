"""/sparql skips the framework's middleware (server.sparql_direct): every answer, error and header
must be the one the framework's route would have given."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send
from test_server_support import BASE, build_data_dir

from server.app import create_app
from server.settings import Settings

HKPR = "https://w3id.org/hkpr/ontology#"
MEETINGS = f"SELECT ?m WHERE {{ ?m a <{HKPR}Meeting> }} ORDER BY ?m"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ORIGIN = {"Origin": "https://notebook.example"}


VIA_FRAMEWORK = (b"x-test-via", b"framework")


class Via:
    """A client of one application that sends its requests the direct way or through the framework."""

    def __init__(self, client: TestClient, framework: bool) -> None:
        self.client = client
        self.extra = {VIA_FRAMEWORK[0].decode(): VIA_FRAMEWORK[1].decode()} if framework else {}

    def request(self, method: str, path: str, **kwargs):
        headers = {**kwargs.pop("headers", {}), **self.extra}
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory):
    data = build_data_dir(tmp_path_factory.mktemp("data"))
    app = create_app(Settings(data_dir=data, workers=2, max_rows=3, max_request_bytes=4096))

    async def either(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and VIA_FRAMEWORK in scope["headers"]:
            await app.via_framework(scope, receive, send)  # the application without the direct path
        else:
            await app(scope, receive, send)

    with TestClient(either) as client:
        yield Via(client, framework=False), Via(client, framework=True)


def shape(response) -> tuple[int, bytes, list[tuple[str, str]]]:
    return response.status_code, response.content, sorted(response.headers.multi_items())


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/sparql", {"params": {"query": MEETINGS}, "headers": ORIGIN}),
        ("GET", "/sparql/", {"params": {"query": MEETINGS, "format": "csv"}}),
        ("GET", "/sparql", {"params": {"query": "SELECT ?s WHERE { ?s ?p ?o }"}}),  # cut at 3 rows
        ("GET", "/sparql", {"params": {"query": f"DESCRIBE <{BASE}person/chan-ka-wai>"},
                            "headers": {"Accept": "text/turtle"}}),
        ("GET", "/sparql", {"params": {"query": "ASK {}", "default-graph-uri": f"{BASE}graph/inferred"}}),
        ("HEAD", "/sparql", {"params": {"query": MEETINGS}}),
        ("GET", "/sparql", {"headers": {"Accept": "text/turtle"}}),  # the service description
        ("GET", "/sparql", {"headers": {"Accept": BROWSER}}),  # the query page
        ("GET", "/sparql", {"params": {"query": MEETINGS}, "headers": {"Accept": BROWSER, **ORIGIN}}),
        ("POST", "/sparql", {"data": {"query": MEETINGS}, "headers": ORIGIN}),
        ("POST", "/sparql", {"content": MEETINGS, "headers": {"Content-Type": "application/sparql-query"}}),
        ("POST", "/sparql", {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("POST", "/sparql", {"content": MEETINGS, "headers": {"Content-Type": "text/plain"}}),
        ("POST", "/sparql", {"content": "ASK {}", "headers": {
            "Content-Type": "application/sparql-query; charset=latin-1"}}),
        ("POST", "/sparql", {"content": b"query=%FF\xff", "headers": {
            "Content-Type": "application/x-www-form-urlencoded"}}),
        ("POST", "/sparql", {"data": {"query": "ASK {} #" + "x" * 5000}}),  # 413
        ("GET", "/sparql", {"params": {"query": "ASK {} #" + "x" * 5000}}),  # 414
        ("GET", "/sparql", {"params": {"update": "CLEAR ALL"}, "headers": {"Accept": "application/json"}}),
        ("GET", "/sparql", {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}}),
        ("GET", "/sparql", {"params": {"query": "SELECT * WHERE { ?s ?p }"}, "headers": {"Accept": BROWSER}}),
        ("GET", "/sparql", {"params": {"query": MEETINGS}, "headers": {"Accept": "image/png"}}),
        ("GET", "/sparql", {"params": {"query": MEETINGS, "default-graph-uri": "not an iri"}}),
        ("GET", "/sparql", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}),
    ],
)  # fmt: skip
def test_the_direct_path_answers_as_the_framework_does(clients, method: str, path: str, kwargs) -> None:
    direct, framework = clients
    ours, theirs = direct.request(method, path, **kwargs), framework.request(method, path, **kwargs)
    assert shape(ours) == shape(theirs)
    if method != "HEAD":
        assert ours.content or ours.status_code == 304


def test_revalidation_and_cors_on_the_direct_path(clients) -> None:
    direct, framework = clients
    etag = direct.get("/sparql", params={"query": MEETINGS}).headers["etag"]
    conditional = {"params": {"query": MEETINGS}, "headers": {"If-None-Match": etag, **ORIGIN}}
    ours, theirs = direct.get("/sparql", **conditional), framework.get("/sparql", **conditional)
    assert ours.status_code == 304 and shape(ours) == shape(theirs)
    assert ours.headers["access-control-allow-origin"] == "*"
    assert ours.headers["vary"] == "Accept, Origin"


def test_a_body_sent_in_chunks_past_the_limit_is_refused_alike(clients) -> None:
    def chunks():
        yield b"query=" + b"x" * 3000
        yield b"y" * 3000

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    direct, framework = clients
    ours = direct.request("POST", "/sparql", content=chunks(), headers=form)
    theirs = framework.request("POST", "/sparql", content=chunks(), headers=form)
    assert ours.status_code == 413 and shape(ours) == shape(theirs)
