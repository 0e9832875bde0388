"""The result cache: a repeated query is answered with the same bytes and an ETag a client can
revalidate; only complete answers from the store being served are kept, never errors."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from test_server_support import BASE, build_data_dir

from server.app import create_app
from server.cache import ResultCache, request_key
from server.pool import Answer
from server.settings import Settings

HKPR = "https://w3id.org/hkpr/ontology#"
MEETINGS = f"SELECT ?m WHERE {{ ?m a <{HKPR}Meeting> }} ORDER BY ?m"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data_dir(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def client(data_dir: Path):
    settings = Settings(data_dir=data_dir, workers=2, max_rows=3, query_timeout=1.0)
    with TestClient(create_app(settings)) as c:
        yield c


def results(client: TestClient):
    return client.app.state.ctx.results


def get(client: TestClient, query: str, **headers: str):
    return client.get("/sparql", params={"query": query}, headers={**JSON_RESULTS, **headers})


def test_a_repeated_query_gets_the_same_bytes_and_etag_from_the_cache(client: TestClient) -> None:
    first = get(client, MEETINGS)
    kept = len(results(client))
    again = get(client, MEETINGS)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == first.headers["content-type"]
    assert len(results(client)) == kept >= 1  # answered from the cache, not kept twice
    ids = [b["m"]["value"] for b in json.loads(again.text)["results"]["bindings"]]
    assert ids == [f"{BASE}meeting/task-force-on-northern-metropolis-development/{n}" for n in (3, 4)]


def test_each_format_and_dataset_is_its_own_entry(client: TestClient) -> None:
    as_json = get(client, MEETINGS)
    as_csv = client.get("/sparql", params={"query": MEETINGS, "format": "csv"})
    as_csv_again = client.get("/sparql", params={"query": MEETINGS, "format": "csv"})
    one_graph = client.get(
        "/sparql", params={"query": MEETINGS, "default-graph-uri": f"{BASE}release/P2024031500321"}
    )
    assert as_csv.headers["content-type"].startswith("text/csv") and as_csv.text.startswith("m\r\n")
    assert as_csv_again.content == as_csv.content
    assert as_json.headers["etag"] != as_csv.headers["etag"]
    assert len(json.loads(one_graph.text)["results"]["bindings"]) == 1


def test_a_client_revalidates_with_if_none_match(client: TestClient) -> None:
    first = get(client, MEETINGS)
    etag = first.headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        r = get(client, MEETINGS, **{"If-None-Match": header})
        assert r.status_code == 304 and r.content == b"", header
        assert r.headers["etag"] == etag
    assert get(client, MEETINGS, **{"If-None-Match": '"other"'}).content == first.content
    # an ETag names one representation: the CSV of the same query is not the JSON the client holds
    r = client.get("/sparql", params={"query": MEETINGS, "format": "csv"}, headers={"If-None-Match": etag})
    assert r.status_code == 200 and r.text.startswith("m\r\n")


def test_posted_queries_share_the_cache_but_carry_no_etag(client: TestClient) -> None:
    by_get = get(client, MEETINGS)
    by_post = client.post("/sparql", data={"query": MEETINGS}, headers=JSON_RESULTS)
    assert by_post.status_code == 200 and by_post.content == by_get.content
    assert "etag" not in by_post.headers


def test_identical_requests_at_once_all_get_the_answer(client: TestClient) -> None:
    query = f"SELECT ?p ?o WHERE {{ <{BASE}person/chan-ka-wai> ?p ?o }} ORDER BY ?p ?o LIMIT 3"
    bodies: list[bytes] = []

    def ask() -> None:
        r = get(client, query)
        assert r.status_code == 200
        bodies.append(r.content)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(bodies) == 8 and len(set(bodies)) == 1


def test_a_cut_answer_is_not_cached(client: TestClient) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    before = len(results(client))
    r = get(client, query)
    assert r.headers["x-sparql-truncated"] == "true" and "etag" not in r.headers
    assert len(json.loads(r.text)["results"]["bindings"]) == 3
    assert len(results(client)) == before


def test_errors_and_timeouts_are_not_cached(client: TestClient) -> None:
    before = len(results(client))
    for _ in range(2):
        assert get(client, "SELECT * WHERE { ?s ?p }").status_code == 400
    for _ in range(2):
        r = get(client, RUNAWAY)
        assert r.status_code == 504 and "etag" not in r.headers
    assert len(results(client)) == before


def test_the_cache_can_be_turned_off(data_dir: Path) -> None:
    with TestClient(create_app(Settings(data_dir=data_dir, workers=1, cache_bytes=0))) as c:
        first, again = get(c, MEETINGS), get(c, MEETINGS)
        assert first.status_code == again.status_code == 200 and first.content == again.content
        assert get(c, MEETINGS, **{"If-None-Match": first.headers["etag"]}).status_code == 304
        assert len(c.app.state.ctx.results) == 0


def test_answers_are_not_shared_between_stores(tmp_path: Path) -> None:
    label = "http://www.w3.org/2000/01/rdf-schema#label"

    def build(folder: Path, name: str) -> Path:
        graph = ox.NamedNode(f"{BASE}release/R1")
        quads = [ox.Quad(ox.NamedNode(f"{BASE}person/x"), ox.NamedNode(label), ox.Literal(name), graph)]
        quads += [ox.Quad(ox.NamedNode(f"{BASE}person/p{i}"), ox.NamedNode(label), ox.Literal(f"P{i}"), graph)
                  for i in range(100)]  # enough for RUNAWAY to run past the time limit  # fmt: skip
        return build_data_dir(folder, quads=quads)

    query = f"SELECT ?name WHERE {{ <{BASE}person/x> <{label}> ?name }}"

    def name_in(c: TestClient) -> str:
        return json.loads(get(c, query).text)["results"]["bindings"][0]["name"]["value"]

    first, second = build(tmp_path / "a", "Ada"), build(tmp_path / "b", "Bo")
    with (
        TestClient(create_app(Settings(data_dir=first, workers=1))) as a,
        TestClient(create_app(Settings(data_dir=second, workers=1))) as b,
    ):
        assert (name_in(a), name_in(b), name_in(a)) == ("Ada", "Bo", "Ada")

    # A build renamed into place while serving (a plain folder, as an older kg wrote it): the
    # server follows the folder (server/follow.py) and answers from the new store within seconds,
    # never from the cache of what the old one said.
    served = tmp_path / "served"
    shutil.copytree(first, served)
    with TestClient(create_app(Settings(data_dir=served, workers=1, query_timeout=1.0))) as c:
        assert name_in(c) == "Ada"
        newer = build(tmp_path / "newer", "Cy")
        served.rename(tmp_path / "old")
        newer.rename(served)
        names = [name_in(c)]
        deadline = time.monotonic() + 15
        while names[-1] != "Cy" and time.monotonic() < deadline:
            time.sleep(0.1)
            names.append(name_in(c))
        assert names[-1] == "Cy" and set(names) <= {"Ada", "Cy"}
        assert get(c, RUNAWAY).status_code == 504  # a worker replaced after the swap opens the new store
        assert name_in(c) == "Cy"


def _answer(body: bytes, truncated: bool = False, store: str = "s1") -> Answer:
    return Answer("json", 1, truncated, body, 0.0, store)


def test_the_cache_is_bounded_in_bytes_and_forgets_the_least_used() -> None:
    cache = ResultCache(8_000)
    keys = [request_key("s1", {"query": f"q{i}", "format": "json"}) for i in range(12)]
    for key in keys[:8]:
        assert cache.put(key, _answer(b"x" * 600))
    assert cache.get(keys[0]) is not None  # used: now the most recent
    for key in keys[8:]:
        cache.put(key, _answer(b"x" * 600))
    assert cache.size <= 8_000
    assert cache.get(keys[0]) is not None and cache.get(keys[1]) is None
    assert not cache.put(keys[0], _answer(b"x" * 1_000))  # more than 1/8 of the cache
    assert not cache.put(keys[2], _answer(b"x", truncated=True))
    other = request_key("s1", {"query": "other", "format": "json"})
    assert not cache.put(other, _answer(b"x", store="s2"))  # answered from another store
    assert cache.get(other) is None and cache.size <= 8_000
