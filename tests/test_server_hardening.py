"""Issue 10, against a real server in a subprocess: no single request, crash or client can take the
endpoint down. Each test replays one attack that broke the server before the fix."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from test_server_support import BASE, ROOT, build_data_dir, running_server

HKPR = "https://w3id.org/hkpr/ontology#"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
WORST = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?d ?b LIMIT 10"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data_dir(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def wide_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 triples with long literals: their cross product sorted needs gigabytes."""
    quads = [
        ox.Quad(ox.NamedNode(f"{BASE}thing/{i}"), ox.NamedNode(f"{HKPR}note"), ox.Literal(f"note {i} " + "x" * 200),
                ox.NamedNode(f"{BASE}release/R{i % 30}"))
        for i in range(3000)
    ]  # fmt: skip
    return build_data_dir(tmp_path_factory.mktemp("wide"), quads=quads)


def children(pid: int) -> set[int]:
    """The process ids whose parent is `pid` (Linux /proc)."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def gone(pids, within: float) -> bool:
    """Whether every one of these processes has ended (or is a zombie) within `within` seconds."""
    deadline = time.monotonic() + within
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(alive(p) for p in pids)


def resident(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def in_background(fn, *args, **kwargs) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def run() -> None:
        started = time.monotonic()
        try:
            result["response"] = fn(*args, **kwargs)
        except Exception as exc:  # a test asserts on it
            result["error"] = exc
        result["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def timed_get(url: str, **kwargs) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    r = httpx.get(url, timeout=30, **kwargs)
    return r, time.monotonic() - started


# ---- 1. nothing sized by the client runs unbounded on the event loop


@pytest.mark.parametrize(
    ("attack", "status"),
    [
        ("ASK {}\n" + "'\\" * 40_000, 400),  # 80 KB of open strings: 53 s on the event loop before
        ("ASK {}\n" + "a-" * 40_000, 400),  # a name without a colon, read again from each "-"
        ("PREFIX a: <http://a/> " * 4_000 + "ASK {}", 200),  # a long prologue
    ],
)
def test_a_hostile_query_text_does_not_freeze_the_server(data_dir: Path, attack: str, status: int) -> None:
    with running_server(data_dir, "--workers", "1") as url:
        assert httpx.get(url + "/sparql", params={"query": "ASK {}"}, headers=JSON).status_code == 200
        thread, result = in_background(
            httpx.post, url + "/sparql",
            content=attack.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=120,
        )  # fmt: skip
        time.sleep(0.05)
        cached, seconds = timed_get(url + "/sparql", params={"query": "ASK {}"}, headers=JSON)
        assert cached.status_code == 200 and seconds < 2.0
        thread.join(120)
        assert result["response"].status_code == status and result["seconds"] < 5.0


def test_sigterm_stops_the_server_promptly_while_it_reads_a_hostile_query(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1", "--query-timeout", "3") as url:
        in_background(httpx.get, url + "/sparql", params={"query": RUNAWAY}, timeout=30)
        attack = "ASK {}\n" + "'\\" * 40_000
        in_background(httpx.post, url + "/sparql", content=attack.encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=120)  # fmt: skip
        time.sleep(0.3)
        os.kill(url.pid, signal.SIGTERM)
        assert gone([url.pid], within=6.0)


# ---- 2. a worker's memory is bounded


def test_a_query_past_the_memory_limit_is_stopped_with_507(wide_dir: Path) -> None:
    limit = 400 << 20
    with running_server(
        wide_dir, "--workers", "1", "--worker-memory", str(limit), "--query-timeout", "30"
    ) as url:
        before = children(url.pid)
        r, seconds = timed_get(url + "/sparql", params={"query": WORST}, headers=JSON)
        assert r.status_code == 507 and "memory limit of 400 MiB" in r.json()["detail"]
        assert seconds < 25  # stopped when it passed the limit, not at the time limit
        assert gone(before, within=5.0)
        again = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=30)
        assert again.status_code == 200 and again.json()["boolean"] is True  # a new worker answers
        assert all(resident(p) < limit for p in children(url.pid))


# ---- 4. workers die with the server


def test_workers_die_with_a_killed_server(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "2", "--query-timeout", "60") as url:
        workers = children(url.pid)
        assert len(workers) == 2
        in_background(httpx.get, url + "/sparql", params={"query": RUNAWAY}, timeout=60)
        time.sleep(0.5)
        os.kill(url.pid, signal.SIGKILL)  # kill -9: the server cannot stop its workers itself
        assert gone(workers, within=5.0)


def test_the_lifeline_pipe_alone_kills_an_orphan(tmp_path: Path) -> None:
    """The portable guard, without PR_SET_PDEATHSIG: the child dies when the pipe's writer closes."""
    from server.lifeline import lifeline_pipe

    read, write = lifeline_pipe()
    code = (
        "import sys, time; from server.lifeline import watch_lifeline; watch_lifeline(int(sys.argv[1]));"
        " time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(read)], pass_fds=(read,), env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    os.close(read)
    time.sleep(0.5)
    assert child.poll() is None
    os.close(write)  # what the system does when the parent dies
    assert child.wait(5) == -signal.SIGKILL


# ---- 7. request heads are bounded in size and time


def _raw(url: str, data: bytes, wait: float = 5.0) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as s:
        with contextlib.suppress(OSError):  # the server may close as soon as it has refused
            s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
    return b"".join(chunks)


def test_a_huge_header_is_refused_with_431(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1") as url:  # the default limit, 16 KiB
        before = resident(url.pid)
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (20 << 20) + b"\r\n\r\n"
        answer = _raw(url, head)
        assert answer.startswith(b"HTTP/1.1 431 ")
        assert resident(url.pid) < before + (16 << 20)  # the 20 MB header was never held
        ok = httpx.get(url + "/", headers={"X-Fine": "a" * 4000})
        assert ok.status_code == 200


def test_a_slow_header_is_cut_off_with_408(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1", "--header-timeout", "1") as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as s:
            started = time.monotonic()
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            answer = b""
            try:
                for _ in range(20):  # a header line every 0.2 s: never finished
                    s.sendall(b"X-Slow: 1\r\n")
                    time.sleep(0.2)
            except OSError:
                pass
            try:
                while chunk := s.recv(4096):
                    answer += chunk
            except OSError:
                pass
            assert answer.startswith(b"HTTP/1.1 408 ") and time.monotonic() - started < 3.5
        with socket.create_connection((host, int(port)), timeout=10) as idle:  # sends nothing at all
            started = time.monotonic()
            assert idle.recv(4096).startswith(b"HTTP/1.1 408 ") and time.monotonic() - started < 3.0


def test_a_url_past_the_parser_is_414_not_400(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1") as url:
        answer = _raw(
            url, b"GET /sparql?query=ASK%20%7B%7D%20%23" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n"
        )
        assert answer.startswith(b"HTTP/1.1 414 ") and b"POST the query" in answer
        assert httpx.get(url + "/sparql", params={"query": "ASK {} #" + "x" * 60_000}).status_code == 200


# ---- 9. admission: cheap and cached queries are not starved by runaway ones


def test_runaway_queries_do_not_starve_others(data_dir: Path) -> None:
    options = ("--workers", "2", "--query-timeout", "4", "--client-queries", "1", "--queue-limit", "4")
    with running_server(data_dir, *options) as url:
        cached = {"query": f"ASK {{ ?m a <{HKPR}Meeting> }}"}
        assert httpx.get(url + "/sparql", params=cached, headers=JSON).status_code == 200
        runs = [
            in_background(httpx.get, url + "/sparql", params={"query": RUNAWAY + f" # {i}"}, timeout=60)
            for i in range(12)
        ]
        time.sleep(0.5)
        for _ in range(5):  # a cached answer never waits for a worker
            r, seconds = timed_get(url + "/sparql", params=cached, headers=JSON)
            assert r.status_code == 200 and seconds < 0.5
        # another client gets the worker this one may not take
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        r = other.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, timeout=30)
        assert r.status_code == 200
        for thread, _ in runs:
            thread.join(30)
        statuses = sorted(result["response"].status_code for _, result in runs)
        # one runs (504), two wait their turn (one client's share of the queue), the rest are
        # refused at once, with a time to come back
        refused = [result for _, result in runs if result["seconds"] < 1.0]
        assert statuses.count(504) >= 1 and len(refused) == 9, statuses
        for result in refused:
            assert result["response"].status_code == 429 and "Retry-After" in result["response"].headers


def test_a_cached_answer_is_served_while_every_worker_is_replaced(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "2", "--query-timeout", "1", "--client-queries", "2") as url:
        cached = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
        assert httpx.get(url + "/sparql", params=cached, headers=JSON).status_code == 200
        runs = [
            in_background(httpx.get, url + "/sparql", params={"query": RUNAWAY + f" # {i}"}, timeout=60)
            for i in range(2)
        ]
        time.sleep(0.9)
        deadline = time.monotonic() + 1.5  # both workers are killed at 1 s and replaced meanwhile
        while time.monotonic() < deadline:
            r, seconds = timed_get(url + "/sparql", params=cached, headers=JSON)
            assert r.status_code == 200 and seconds < 0.5
        for thread, result in runs:
            thread.join(10)
            assert result["response"].status_code == 504


# ---- 10. the Host header is not trusted


def _urls_in(r: httpx.Response) -> str:
    return r.text + " " + " ".join(f"{k}: {v}" for k, v in r.headers.items())


PRODUCERS = [
    ("/", {}),
    ("/sparql", {"Accept": "text/turtle"}),  # the service description
    ("/sparql", {"Accept": "text/html"}),  # the query page
    ("/.well-known/void", {"Accept": "text/turtle"}),
    ("/id/person/chan-ka-wai", {"Accept": "text/turtle"}),  # 303
    ("/doc/person/chan-ka-wai.html", {}),
    ("/doc/person/chan-ka-wai", {"Accept": "text/turtle"}),  # Content-Location, Link
    ("/ontology/", {}),  # Starlette's slash redirect (307)
    ("/ontology", {"Accept": "text/html"}),
    ("/no/such/page", {"Accept": "text/html"}),  # the error page's links
    ("/dumps/nothing", {"Accept": "text/html"}),
]


def test_a_hostile_host_header_is_never_written_into_answers(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1") as url:
        for path, headers in PRODUCERS:
            r = httpx.get(url + path, headers={**headers, "Host": "evil.example"})
            assert "evil.example" not in _urls_in(r), path
        trusted = httpx.get(url + "/sparql", headers={"Accept": "text/turtle", "Host": "localhost"})
        assert "<http://localhost/sparql>" in trusted.text or "http://localhost/sparql" in trusted.text


def test_the_public_url_makes_every_absolute_url(data_dir: Path) -> None:
    public = "https://kg.example.org/hkpr"
    with running_server(data_dir, "--workers", "1", "--public-url", public) as url:
        for path, headers in PRODUCERS:
            r = httpx.get(url + path, headers={**headers, "Host": "evil.example"})
            text = _urls_in(r)
            assert "evil.example" not in text and "127.0.0.1" not in text, path
        r = httpx.get(url + "/id/person/chan-ka-wai", headers={"Accept": "text/turtle"})
        assert r.headers["location"] == public + "/doc/person/chan-ka-wai.ttl"


# ---- 11. a dead worker, a huge row, sniffing


def test_a_worker_that_died_idle_does_not_fail_the_next_query(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1") as url:
        (worker,) = children(url.pid)
        os.kill(worker, signal.SIGKILL)
        time.sleep(0.2)
        r = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=30)
        assert r.status_code == 200 and r.json()["boolean"] is True


def test_the_bytes_of_an_answer_are_bounded(wide_dir: Path) -> None:
    with running_server(wide_dir, "--workers", "1", "--max-bytes", "100000") as url:
        concat = "SELECT (GROUP_CONCAT(?o) AS ?all) WHERE { ?s ?p ?o }"
        r = httpx.get(url + "/sparql", params={"query": concat}, headers=JSON)
        assert r.status_code == 507 and "limit of 100000 bytes" in r.json()["detail"]
        rows = httpx.get(url + "/sparql", params={"query": "SELECT ?o WHERE { ?s ?p ?o }"}, headers=JSON)
        assert rows.status_code == 200 and rows.headers["X-SPARQL-Truncated"] == "true"
        assert len(rows.content) <= 100_000 and 100 < len(rows.json()["results"]["bindings"]) < 3000
        graph = httpx.get(url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                          headers={"Accept": "text/turtle"})  # fmt: skip
        assert graph.status_code == 200 and graph.headers["X-SPARQL-Truncated"] == "true"
        assert len(graph.content) <= 100_000


def test_every_answer_says_nosniff_and_pages_carry_a_policy(data_dir: Path) -> None:
    with running_server(data_dir, "--workers", "1") as url:
        for path, params, headers in [
            ("/", {}, {}),
            ("/sparql", {"query": "ASK {}"}, JSON),
            ("/sparql", {"query": "ASK {"}, {}),  # an error
            ("/static/query.js", {}, {}),
            ("/dumps/SHA256SUMS", {}, {}),
            ("/no/such/page", {}, {"Accept": "text/html"}),
        ]:
            r = httpx.get(url + path, params=params, headers=headers)
            assert r.headers["x-content-type-options"] == "nosniff", path
            if r.headers["content-type"].startswith("text/html"):
                policy = r.headers["content-security-policy"]
                assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
