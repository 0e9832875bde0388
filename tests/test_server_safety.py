"""A public endpoint: read-only, fetching nothing, every query bounded in time and rows, request sizes
limited, CORS open without credentials, and every page escaping what it prints."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from test_server_support import BASE, build_data_dir, tcp_listener

from server.app import create_app
from server.pool import PoolError
from server.settings import Settings

HKPR = "https://w3id.org/hkpr/ontology#"
# A cartesian product over the whole graph: 10^10 rows and more, never finishes in time.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data_dir(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def client(data_dir: Path):
    # one test client stands for many: it may use both workers and queue a dozen queries
    settings = Settings(data_dir=data_dir, workers=2, query_timeout=1.0, max_rows=3, max_request_bytes=4096,
                        client_queries=2, queue_limit=24)  # fmt: skip
    with TestClient(create_app(settings)) as c:
        yield c


def quad_count(client: TestClient) -> int:
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    return int(json.loads(r.text)["results"]["bindings"][0]["n"]["value"])


# ---- read-only


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("POST", {"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("POST", {"data": {"update": "DROP ALL"}}),
        ("GET", {"params": {"update": "CLEAR ALL"}}),
        ("GET", {"params": {"query": "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }"}}),
        ("POST", {"data": {"query": "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }"}}),
        ("POST", {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-query"}}),
        ("GET", {"params": {"query": "LOAD <http://127.0.0.1:9/data.ttl>"}}),
        ("POST", {"data": {"query": "ASK {}", "using-graph-uri": "http://x/g"}}),
    ],
)
def test_every_update_form_is_refused_and_changes_nothing(client: TestClient, method: str, kwargs) -> None:
    before = quad_count(client)
    r = client.request(method, "/sparql", **kwargs)
    assert r.status_code == 403, r.text
    assert "read-only" in r.text
    assert quad_count(client) == before


# ---- nothing fetched on a client's behalf


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ VALUES ?e {{ <http://127.0.0.1:{port}/> }} SeRvIcE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ # a comment <\n SERVICE<http://127.0.0.1:{port}/>{{ ?s ?p ?o }} }}",
        "PREFIX s: <http://x/> SELECT * WHERE {{ ?x s:p 'a \\' b' . SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "ASK {{ FILTER(1<2) SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_opens_no_connection(client: TestClient, template: str) -> None:
    with tcp_listener() as (port, hits):
        r = client.get("/sparql", params={"query": template.format(port=port)})
        assert r.status_code == 400 and "SERVICE" in r.text
    assert hits == []


def test_from_and_dataset_iris_are_never_fetched(client: TestClient) -> None:
    with tcp_listener() as (port, hits):
        url = f"http://127.0.0.1:{port}/data.ttl"
        r1 = client.get(
            "/sparql", params={"query": f"SELECT * FROM <{url}> FROM NAMED <{url}> WHERE {{ ?s ?p ?o }}"}
        )
        r2 = client.get(
            "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": url, "named-graph-uri": url}
        )
        assert r1.status_code == r2.status_code == 200
        assert json.loads(r1.text)["results"]["bindings"] == []
        assert json.loads(r2.text)["boolean"] is False
    assert hits == []


def test_words_that_only_look_like_service_are_fine(client: TestClient) -> None:
    q = f"""PREFIX hkpr: <{HKPR}> # SERVICE in a comment
    SELECT ?service WHERE {{ BIND("public SERVICE <http://127.0.0.1:9/>" AS ?service) ?m a hkpr:Meeting }}"""
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200, r.text


def test_workers_cannot_reach_the_network_even_past_the_check(client: TestClient) -> None:
    pool = client.app.state.ctx.pool
    if not pool.isolated:
        pytest.skip("this system does not let the workers leave the network (no network namespaces)")
    with tcp_listener() as (port, hits):
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(PoolError) as err:
            client.portal.call(pool.run, {"query": query, "format": "json", "max_rows": 10})
        assert err.value.status == 500
    assert hits == []


# ---- bounded queries


def test_a_runaway_query_is_stopped_and_does_not_stall_others(client: TestClient) -> None:
    pool = client.app.state.ctx.pool
    before = set(pool.pids)
    result: dict = {}

    def runaway() -> None:
        started = time.monotonic()
        r = client.get("/sparql", params={"query": RUNAWAY}, headers={"Accept": "application/json"})
        result.update(status=r.status_code, body=r.text, seconds=time.monotonic() - started)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.2)
    for _ in range(3):  # meanwhile, other clients are answered at once
        started = time.monotonic()
        r = client.get("/sparql", params={"query": f"ASK {{ ?m a <{HKPR}Meeting> }}"})
        assert r.status_code == 200 and time.monotonic() - started < 0.5
    thread.join(10)
    assert result["status"] == 504
    assert 1.0 <= result["seconds"] < 3.0
    problem = json.loads(result["body"])
    assert problem["status"] == 504 and "time limit of 1 s" in problem["detail"]
    killed = before - set(pool.pids)
    assert len(killed) == 1  # the worker running it was killed, really stopping the query
    deadline = time.monotonic() + 10
    while len(pool.pids) < 2 and time.monotonic() < deadline:  # and replaced (after it is reaped)
        time.sleep(0.05)
    assert len(pool.pids) == 2
    with pytest.raises(ProcessLookupError):
        os.kill(killed.pop(), 0)
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_requests_beyond_the_workers_wait_their_turn(client: TestClient) -> None:
    answers: dict[int, object] = {}

    def ask(n: int) -> None:
        r = client.get(
            "/sparql", params={"query": f"SELECT ?n WHERE {{ ?s ?p ?o BIND ({n} AS ?n) }} LIMIT 1"}
        )
        answers[n] = json.loads(r.text)["results"]["bindings"][0]["n"]["value"] if r.status_code == 200 else r

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(12)]  # for 2 workers
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert answers == {n: str(n) for n in range(12)}


def test_rows_are_limited_and_the_cut_is_signalled(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert len(json.loads(r.text)["results"]["bindings"]) == 3
    assert r.headers["x-sparql-truncated"] == "true" and r.headers["x-sparql-max-rows"] == "3"
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }", "format": "csv"})
    assert len(r.text.strip().splitlines()) == 4
    r = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/turtle"}
    )
    assert len(list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))) == 3
    assert r.headers["x-sparql-truncated"] == "true"
    r = client.get("/sparql", params={"query": f"SELECT ?m WHERE {{ ?m a <{HKPR}Meeting> }}"})
    assert len(json.loads(r.text)["results"]["bindings"]) == 2
    assert "x-sparql-truncated" not in r.headers


def test_request_size_limits(client: TestClient) -> None:
    big = "ASK {} #" + "x" * 5000
    r = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    r = client.post("/sparql", data={"query": big}, headers={"Accept": "application/json"})
    assert r.status_code == 413 and json.loads(r.text)["status"] == 413

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(10):
            yield b"x" * 1000

    r = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert client.get("/sparql", params={"query": big}).status_code == 414


# ---- CORS


def test_cors_is_open_for_reads_without_credentials(client: TestClient) -> None:
    r = client.options(
        "/sparql",
        headers={"Origin": "https://notebook.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )  # fmt: skip
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in r.headers
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://notebook.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "X-SPARQL-Truncated" in r.headers["access-control-expose-headers"]


# ---- escaping


def test_markup_in_the_data_shows_as_text(client: TestClient) -> None:
    page = client.get("/doc/release/P2024040200555.html").text
    assert "<script>alert(1)</script>" not in page and "<b>ahead</b>" not in page
    assert (
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt; Task Force meets &amp; plans &lt;b&gt;ahead&lt;/b&gt;</h1>"
        in page
    )
    page = client.get("/doc/meeting/task-force-on-northern-metropolis-development/4.html").text
    assert "<img" not in page
    assert "fourth meeting &lt;img src=x onerror=alert(2)&gt; by video" in page


def test_markup_in_requests_shows_as_text(client: TestClient) -> None:
    hostile = "</textarea><script>alert(3)</script>"
    page = client.get("/", params={"query": hostile}).text
    assert "<script>alert(3)" not in page and "&lt;/textarea&gt;&lt;script&gt;alert(3)" in page
    r = client.get(
        "/sparql",
        params={"query": "ASK {}", "default-graph-uri": "<script>alert(4)</script>"},
        headers={"Accept": "text/html"},
    )
    assert r.status_code == 400 and "<script>alert(4)" not in r.text and "&lt;script&gt;alert(4)" in r.text
    r = client.get("/sparql", params={"query": "SELECT <script>"}, headers={"Accept": "text/html"})
    assert "<script>" not in r.text.replace('<script src="http://testserver/static/query.js" defer>', "")


def test_only_http_iris_become_links(tmp_path: Path) -> None:
    trig = tmp_path / "evil.trig"
    trig.write_text(
        f"<{BASE}release/P1> {{ <{BASE}person/x> <http://xmlns.com/foaf/0.1/homepage> <javascript:alert(5)> ;"
        f' <http://www.w3.org/2000/01/rdf-schema#label> "X" . }}'
    )
    data = build_data_dir(tmp_path / "data", trig)
    with TestClient(create_app(Settings(data_dir=data, workers=1))) as c:
        page = c.get("/doc/person/x.html").text
    assert "javascript:alert(5)" in page and 'href="javascript:' not in page
