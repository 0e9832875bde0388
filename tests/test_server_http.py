"""A real server (`python -m server`, uvicorn) in a subprocess on a free 127.0.0.1 port, queried over
HTTP by clients nobody here wrote: SPARQLWrapper, rdflib following IRIs, httpx."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from test_server_support import BASE, ROOT, build_data_dir, running_server, tcp_listener

HKPR = "https://w3id.org/hkpr/ontology#"
PREFIXES = f"PREFIX hkpr: <{HKPR}>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
CHAIRS = (
    PREFIXES + "SELECT DISTINCT ?m ?name WHERE { ?m a hkpr:Meeting ; hkpr:chair/foaf:name ?name } ORDER BY ?m"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data_dir(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def server(data_dir: Path):
    with running_server(
        data_dir, "--workers", "2", "--query-timeout", "1.5", "--max-request-bytes", "65536"
    ) as url:
        yield url


def test_startup_is_quick(data_dir: Path) -> None:
    started = time.monotonic()
    with running_server(data_dir, "--workers", "2") as url:
        took = time.monotonic() - started
        assert httpx.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 200
    print(f"\nstart-up (process start to first page): {took:.2f} s")
    # About 1.6 s on an idle 2-core machine (issue 5's target is 2 s); the store is opened, never read
    # through, so the time does not grow with the graph. The bound catches that regressing, not jitter.
    assert took < 6.0


def test_sparqlwrapper_select_in_json_xml_and_csv(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(CHAIRS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["Chan Ka-wai", "Lee Mei-ling"]
    client.setReturnFormat(XML)
    doc = client.query().convert()
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["Chan Ka-wai", "Lee Mei-ling"]
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1].endswith(",Chan Ka-wai")
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 2


def test_sparqlwrapper_construct_and_ask(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(PREFIXES + "CONSTRUCT WHERE { ?m hkpr:chair ?p }")
    client.setReturnFormat(XML)  # RDF/XML, parsed by SPARQLWrapper into an rdflib graph
    graph = client.query().convert()
    assert len(graph) == 2
    client.setReturnFormat(TURTLE)
    assert len(rdflib.Graph().parse(data=client.query().convert(), format="turtle")) == 2
    client.setQuery(PREFIXES + "ASK { ?m a hkpr:Meeting }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_sparqlwrapper_updates_are_refused(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery("CLEAR ALL")
    with pytest.raises(Exception) as err:
        client.query()
    assert "403" in str(err.value) or "Forbidden" in str(err.value)
    assert httpx.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_rdflib_follows_a_data_iri(server: str) -> None:
    g = rdflib.Graph().parse(server + "/id/person/chan-ka-wai")  # 303, then Turtle by negotiation
    person = rdflib.URIRef(BASE + "person/chan-ka-wai")
    assert str(g.value(person, rdflib.FOAF.name)) == "Chan Ka-wai"
    assert (None, rdflib.URIRef(HKPR + "chair"), person) in g


def test_a_runaway_query_does_not_stall_other_clients(server: str) -> None:
    result = {}

    def runaway() -> None:
        started = time.monotonic()
        r = httpx.get(server + "/sparql", params={"query": RUNAWAY}, timeout=30)
        result.update(status=r.status_code, seconds=time.monotonic() - started, text=r.text)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    with httpx.Client(base_url=server) as c:
        for _ in range(5):
            started = time.monotonic()
            assert c.get("/sparql", params={"query": CHAIRS}).status_code == 200
            assert time.monotonic() - started < 0.5
    thread.join(30)
    assert result["status"] == 504 and 1.5 <= result["seconds"] < 4, result
    assert "time limit" in result["text"]
    assert httpx.get(server + "/sparql", params={"query": CHAIRS}).status_code == 200


def test_pipelined_answers_on_one_connection_come_whole_and_in_order(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    large = "SELECT ?s ?p ?o ?t WHERE { ?s ?p ?o . ?t a ?c } ORDER BY ?s ?p ?o ?t LIMIT 3000"  # some 500 kB
    asked = [(i, f"SELECT ?n WHERE {{ BIND({i} AS ?n) }}" if i % 4 else large) for i in range(12)]
    head = f"HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/csv, application/n-triples\r\n\r\n"
    request = "".join(f"GET /sparql?query={quote(q, safe='')} {head}" for _, q in asked).encode()
    with socket.create_connection((host, int(port)), timeout=30) as sock, sock.makefile("rb") as stream:
        sock.sendall(request)  # all at once: the server answers them one after another
        for i, _ in asked:
            status = stream.readline()
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            assert status.startswith(b"HTTP/1.1 200"), (i, status)
            if i % 4:
                assert body == f"n\r\n{i}\r\n".encode()
            else:
                assert (
                    len(body) > 100_000
                    and len(list(csv.reader(io.StringIO(body.decode(), newline="")))) == 3001
                )


def _descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {p for p, pp in parents.items() if pp == parent}
        todo.extend(children - found)
        found |= children
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_several_frontends_answer_and_stop_together(data_dir: Path) -> None:
    with running_server(data_dir, "--frontends", "2", "--workers", "2") as url:
        with httpx.Client(base_url=url) as a, httpx.Client(base_url=url) as b:
            for client in (a, b) * 5:
                r = client.get("/sparql", params={"query": CHAIRS}, headers={"Accept": "text/csv"})
                assert r.status_code == 200 and r.text.splitlines()[1:] == [
                    f"{BASE}meeting/task-force-on-northern-metropolis-development/3,Chan Ka-wai",
                    f"{BASE}meeting/task-force-on-northern-metropolis-development/4,Lee Mei-ling",
                ]
        # a front-end that no query reached may still be starting its worker on a loaded machine
        deadline = time.monotonic() + 20
        while True:
            processes = _descendants(url.pid)
            workers = [p for p in processes if b"server.worker" in _cmdline(p)]
            if len(workers) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert len(workers) == 2  # one query worker in each of the two front-ends
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{p}").exists() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in processes if Path(f"/proc/{p}").exists()]


def test_service_to_a_local_listener_opens_no_connection(server: str) -> None:
    with tcp_listener() as (port, hits):
        r = httpx.get(
            server + "/sparql",
            params={"query": f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"},
        )
        assert r.status_code == 400
    assert hits == []


def test_dumps_download_intact(server: str, data_dir: Path) -> None:
    sums = dict(
        reversed(line.split("  ")) for line in httpx.get(server + "/dumps/SHA256SUMS").text.splitlines()
    )
    for name in ("hkpr.ttl.gz", "hkpr.nt.gz", "hkpr.nq.gz", "hkpr.jsonld.gz"):
        digest = hashlib.sha256()
        with httpx.stream("GET", server + "/dumps/" + name) as r:
            assert r.headers["content-type"] == "application/gzip"
            assert int(r.headers["content-length"]) == (data_dir / "dumps" / name).stat().st_size
            body = b"".join(r.iter_raw())  # as saved by wget or curl: no decoding
        digest.update(body)
        assert digest.hexdigest() == sums[name]
        assert gzip.decompress(body)


def test_void_and_limits_over_http(server: str) -> None:
    r = httpx.get(server + "/.well-known/void", headers={"Accept": "application/n-triples"})
    assert f"<{server}/dumps/hkpr.ttl.gz>" in r.text and f"<{server}/sparql>" in r.text
    r = httpx.post(
        server + "/sparql", content=b"x" * 70000, headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413


def test_bad_settings_stop_the_cli_with_a_message(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "server", "--data-dir", str(tmp_path), "--workers", "0"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "--workers: Input should be greater than or equal to 1" in done.stderr
    done = subprocess.run(cmd[:-2], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1 and "no graph store" in done.stderr


def test_the_bundled_sample_built_by_kg_build(tmp_path: Path) -> None:
    """Issue 2's check: the seed release's 10th meeting with its chairs, over HTTP."""
    try:
        from kg.build import build
        from kg.paths import SAMPLE_DIR
    except ImportError as exc:
        pytest.skip(f"kg build is not available yet: {exc}")
    build([SAMPLE_DIR], tmp_path / "sample", shacl=False)  # SHACL is tested elsewhere
    with running_server(tmp_path / "sample", "--workers", "1") as url:
        client = SPARQLWrapper(url + "/sparql")
        client.setQuery(
            PREFIXES
            + "SELECT ?name WHERE { ?m a hkpr:Meeting ; hkpr:ordinal 10 ; hkpr:chair/foaf:name ?name } ORDER BY ?name"
        )
        client.setReturnFormat(JSON)
        names = {r["name"]["value"] for r in client.query().convert()["results"]["bindings"]}
        assert {"Sun Dong", "Wang Shourui"} <= names
        assert httpx.get(url + "/", timeout=10).status_code == 200

        def ask(query: str) -> bool:
            client.setQuery(PREFIXES + query)
            return bool(client.query().convert()["boolean"])

        # issue 2's other checks, over HTTP on the reasoned graph
        assert not ask("ASK { ?m hkpr:chair ?p FILTER NOT EXISTS { ?m hkpr:participant ?p } }")
        assert ask("ASK { ?b a hkpr:TaskForce , <http://www.w3.org/ns/org#Organization> }")
        assert not ask(
            "ASK { ?b a hkpr:TaskForce FILTER NOT EXISTS { ?b a <http://www.w3.org/ns/org#Organization> } }"
        )
        assert ask(
            "ASK { ?post <http://www.w3.org/ns/org#heldBy> ?p . ?p <http://www.w3.org/ns/org#holds> ?post }"
        )
        assert not ask("ASK { ?x <http://www.w3.org/2002/07/owl#sameAs> ?x }")
        # the default graph is a merge: a post named by two releases has its label once
        client.setQuery(
            PREFIXES
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT (COUNT(*) AS ?n) WHERE { "
            "<https://w3id.org/hkpr/id/post/secretary-for-innovation-technology-and-industry> rdfs:label ?l }"
        )
        assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "1"


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads memory use from /proc")
def test_a_large_dump_streams_without_growing_memory(tmp_path: Path) -> None:
    data = build_data_dir(tmp_path / "data")
    size = 48 * 1024 * 1024
    with (data / "dumps" / "hkpr.nt.gz").open("wb") as f:
        for _ in range(size // (1 << 20)):
            f.write(os.urandom(1 << 20))
    with running_server(data, "--workers", "1") as url:
        httpx.get(url + "/dumps/SHA256SUMS")
        before = _rss(url.pid)
        received = 0
        with httpx.stream("GET", url + "/dumps/hkpr.nt.gz") as r:
            for chunk in r.iter_raw():
                received += len(chunk)
        grown = _rss(url.pid) - before
    assert received == size
    assert grown < 16 * 1024 * 1024, f"the server grew by {grown} bytes serving {size} bytes"
