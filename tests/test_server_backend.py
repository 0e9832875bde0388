"""`kg serve --backend URL`: the same routes and protections through a remote SPARQL endpoint.

The remote is a real Oxigraph server on 127.0.0.1, filled by `kg publish` from the built sample.
"""

from __future__ import annotations

import httpx
import pytest
import rdflib
from fastapi.testclient import TestClient
from test_server_support import free_port, oxigraph_server

from kg.build import build
from kg.paths import SAMPLE_DIR
from kg.publish import publish
from server.app import create_app
from server.settings import Settings

CHAIRS = (
    "PREFIX hkpr: <https://w3id.org/hkpr/ontology#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "SELECT DISTINCT ?name WHERE { ?m hkpr:ordinal 10 ; hkpr:chair/foaf:name ?name } ORDER BY ?name"
)


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("remote")
    build([SAMPLE_DIR], tmp / "graph", shacl=False)
    with oxigraph_server(tmp / "db", "--union-default-graph") as url:
        assert publish(tmp / "graph", url + "/store").failed == []
        yield url, tmp / "graph"


@pytest.fixture(scope="module")
def client(remote):
    url, _ = remote
    settings = Settings(backend=url + "/query", query_timeout=3, max_rows=3)
    with TestClient(create_app(settings)) as c:
        yield c


def test_queries_answered_through_the_backend_in_every_format(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": CHAIRS}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert [b["name"]["value"] for b in r.json()["results"]["bindings"]] == ["Sun Dong", "Wang Shourui"]
    csv = client.get("/sparql", params={"query": CHAIRS, "format": "csv"})
    assert csv.text.splitlines() == ["name", "Sun Dong", "Wang Shourui"]
    ask = client.post(
        "/sparql", content="ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query"}
    )
    assert ask.json()["boolean"] is True
    turtle = client.get(
        "/sparql",
        params={
            "query": "CONSTRUCT { ?m ?p ?o } WHERE { ?m <https://w3id.org/hkpr/ontology#ordinal> 10 ; ?p ?o }"
        },
        headers={"Accept": "text/turtle"},
    )
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    triples = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert len(triples) == 3 and turtle.headers["X-SPARQL-Truncated"] == "true"  # max_rows is 3


def test_row_limit_applies_to_the_backend(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }", "format": "json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 3
    assert r.headers["X-SPARQL-Truncated"] == "true"


def test_protections_hold_with_a_backend(client: TestClient, remote) -> None:
    url, _ = remote
    update = client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert update.status_code == 403
    service = client.get(
        "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}
    )
    assert service.status_code == 400
    bad = client.get("/sparql", params={"query": "SELEC ?x"})
    assert bad.status_code == 400
    count = httpx.post(url + "/query", data={"query": "ASK { <urn:a> <urn:b> <urn:c> }"},
                       headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert count.json()["boolean"] is False


def test_linked_data_pages_through_the_backend(client: TestClient) -> None:
    r = client.get("/id/person/sun-dong", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert r.status_code == 200 and "Sun Dong" in r.text


def test_an_unreachable_backend_is_a_clear_error() -> None:
    settings = Settings(backend=f"http://127.0.0.1:{free_port()}/query", query_timeout=3)
    with TestClient(create_app(settings)) as c:
        r = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert r.status_code == 502 and "backend" in r.text
