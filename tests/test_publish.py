"""`kg publish` against a real SPARQL store (the Oxigraph server) started on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from test_server_support import free_port, oxigraph_server

from kg.build import build
from kg.paths import SAMPLE_DIR
from kg.publish import publish


@pytest.fixture
def oxigraph(tmp_path: Path):
    with oxigraph_server(tmp_path / "remote") as url:
        yield url


def remote_count(url: str, where: str) -> int:
    r = httpx.post(
        url + "/query",
        data={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    r.raise_for_status()
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_publish_copies_every_graph_and_replaces_on_republish(oxigraph: str, tmp_path: Path) -> None:
    out = tmp_path / "graph"
    report = build([SAMPLE_DIR], out, shacl=False)
    published = publish(out, oxigraph + "/store")
    assert published.failed == []
    assert published.graphs >= 8  # 5 releases, inferred, ontology, reference
    assert remote_count(oxigraph, "GRAPH ?g { ?s ?p ?o }") == report.triples_total
    seed = "<https://w3id.org/hkpr/id/release/P2023090700255>"
    in_seed = remote_count(oxigraph, f"GRAPH {seed} {{ ?s ?p ?o }}")
    # a stale triple in a release graph is gone after publishing again: graphs are replaced whole
    httpx.post(
        oxigraph + "/update",
        content=f"INSERT DATA {{ GRAPH {seed} {{ <urn:x> <urn:y> <urn:z> }} }}",
        headers={"Content-Type": "application/sparql-update"},
    ).raise_for_status()
    assert publish(out, oxigraph + "/store").failed == []
    assert remote_count(oxigraph, f"GRAPH {seed} {{ ?s ?p ?o }}") == in_seed


def test_publish_reports_an_unreachable_store(tmp_path: Path) -> None:
    out = tmp_path / "graph"
    build([SAMPLE_DIR], out, shacl=False)
    report = publish(out, f"http://127.0.0.1:{free_port()}/store")
    assert report.graphs == 0 and report.failed
    assert all("release/" in f or "graph/" in f or "ontology" in f for f in report.failed)
