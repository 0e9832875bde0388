"""Replay issue 10's attacks on the endpoint and the build, and print what held.

    python bench/attacks.py --data DIR [--code ROOT] [--only 1,2,9] [--runaway 32] [--json FILE]

DIR is a folder written by `kg build ... --out DIR` (the issue used 3,000 generated releases:
`python bench/generate.py --releases 3000 --out C && kg build C --out DIR`). Each serving attack
starts its own `python -m server --data-dir DIR` on a free 127.0.0.1 port with the default
settings (unless the attack says otherwise) and stops it; each build attack runs `python -m kg.cli
build` on inputs it writes to a temporary folder. `--code ROOT` runs another checkout's code (its
server and its build), to measure before and after in one session. Every request and every
command has a time bound, so code that fails an attack still finishes the run.

The table has one line per check: item (the issue's numbering), attack, expected, observed, and
held (yes / NO). Item 2 and 9 also print the figures the issue asks for: the worst query's peak
memory, and a cheap query's p50/p99 while `--runaway` runaway queries are in flight.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
from support import PeakMemory, children, free_port, resident

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "sample" / "P2023090700255.txt"
SECOND = ROOT / "sample" / "P2024011800412.htm"

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} # {n}"
WORST = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?d ?b LIMIT 10"
JSON = {"Accept": "application/sparql-results+json"}


@dataclass
class Outcome:
    item: str
    attack: str
    expected: str
    observed: str
    held: bool | None  # None: not run


# ---- processes


def alive(pid: int) -> bool:
    """Whether the process runs (neither gone nor a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Server:
    """`python -m server` over a data folder on a free port, from the code at `code`."""

    def __init__(self, code: Path, data: Path, *options: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(code)}
        cmd = [sys.executable, "-m", "server", "--data-dir", str(data), "--port", str(self.port), *options]
        self.proc = subprocess.Popen(
            cmd, env=env, cwd=code, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                httpx.get(self.url + "/sparql", params={"query": "ASK {}"}, headers=JSON, timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not start: {' '.join(cmd)}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        workers = children(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in workers:  # old code leaves them behind (item 4)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def serving(args: argparse.Namespace, *options: str) -> Iterator[Server]:
    server = Server(args.code, args.data, *options)
    try:
        yield server
    finally:
        server.stop()


# one client for every request (it is thread-safe): a client per request costs the measuring
# process tens of milliseconds of CPU, which 80 threads at once would add to every figure
HTTP = httpx.Client(limits=httpx.Limits(max_connections=512, max_keepalive_connections=64))


def get(url: str, timeout: float = 60, **kwargs) -> tuple[httpx.Response | None, float]:
    """A GET and its seconds; None for a failed exchange (refused, reset, timed out)."""
    started = time.monotonic()
    try:
        r = HTTP.get(url, timeout=timeout, **kwargs)
    except httpx.HTTPError:
        r = None
    return r, time.monotonic() - started


def status(r: httpx.Response | None) -> str:
    return "no answer" if r is None else str(r.status_code)


def raw(port: int, data: bytes, timeout: float = 30) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        with contextlib.suppress(OSError):
            s.sendall(data)
        out = b""
        with contextlib.suppress(OSError):
            while chunk := s.recv(65536):
                out += chunk
    return out


def releases(folder: Path, *files: Path) -> Path:
    """A new folder holding copies of these release files."""
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder)
    return folder


def build(args: argparse.Namespace, *argv: str, timeout: float = 600, strace: list[str] | None = None) -> tuple[int, float]:  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(args.code)}
    cmd = [*(strace or []), sys.executable, "-m", "kg.cli", "build", *argv]
    started = time.monotonic()
    try:
        done = subprocess.run(cmd, env=env, cwd=args.code, capture_output=True, timeout=timeout)
        code = done.returncode
    except subprocess.TimeoutExpired:
        code = -1
    return code, time.monotonic() - started


def report(folder: Path) -> dict:
    try:
        return json.loads((folder / "report.json").read_text())
    except (OSError, ValueError):
        return {}


# ---- the endpoint's attacks


def item1_quadratic(args: argparse.Namespace) -> list[Outcome]:
    attack = ("ASK {}\n" + "'\\" * 20_000).encode()  # 40 KB
    with serving(args) as server:
        url = server.url + "/sparql"
        get(url, params={"query": "ASK {}"}, headers=JSON)
        with ThreadPoolExecutor(1) as pool:
            post = pool.submit(lambda: get_post(url, attack))
            time.sleep(0.1)
            cached, seconds = get(url, timeout=120, params={"query": "ASK {}"}, headers=JSON)
            answer, attack_seconds = post.result()
    with serving(args) as server, ThreadPoolExecutor(1) as pool:  # SIGTERM while it reads the attack
        pool.submit(lambda: get_post(server.url + "/sparql", attack))
        time.sleep(0.3)
        started = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        try:
            server.proc.wait(30)
            stopped = f"{time.monotonic() - started:.1f} s"
        except subprocess.TimeoutExpired:
            stopped = "not within 30 s"
    held = cached is not None and cached.status_code == 200 and seconds < 1.0
    return [
        Outcome("1", "40 KB of open strings POSTed; a cached ASK {} meanwhile",
                "the ASK answered at once", f"ASK {status(cached)} in {seconds:.2f} s; the attack {status(answer)} in {attack_seconds:.2f} s",
                held),
        Outcome("1", "SIGTERM while the server reads the attack", "the server stops within the query time limit", stopped,
                stopped.endswith(" s") and float(stopped.split()[0]) < 11),
    ]  # fmt: skip


def get_post(url: str, body: bytes) -> tuple[httpx.Response | None, float]:
    started = time.monotonic()
    try:
        r = HTTP.post(url, content=body, headers={"Content-Type": "application/sparql-query"}, timeout=120)
    except httpx.HTTPError:
        r = None
    return r, time.monotonic() - started


def item2_memory(args: argparse.Namespace) -> list[Outcome]:
    out = []
    limit = _setting(args, "worker_memory")
    for options in ((), ("--worker-memory", str(1 << 30))):
        ceiling = int(options[1]) if options else limit
        attack = "the worst query: " + WORST + (" " + " ".join(options) if options else "")
        try:
            with serving(args, *options) as server, PeakMemory(server.pid, 0.02) as peak:
                r, seconds = get(server.url + "/sparql", params={"query": WORST}, headers=JSON)
        except RuntimeError:
            out.append(Outcome("2", attack, "507", f"the server does not accept {' '.join(options)}", False))
            continue
        observed = f"{status(r)} after {seconds:.1f} s; peak {peak.largest / 2**30:.2f} GiB in one process, {peak.peak / 2**30:.2f} GiB the server's tree"  # fmt: skip
        bounded = ceiling is not None and peak.largest <= ceiling * 1.1
        setting = f"--worker-memory {ceiling / 2**30:.2f} GiB" if ceiling else "--worker-memory"
        if options:
            expected, held = (
                f"507, the worker stopped at {setting}",
                bounded and r is not None and r.status_code == 507,
            )
        else:
            expected, held = (
                f"no worker past the default {setting} (507 there, else 504 at the time limit)",
                bounded,
            )
        out.append(Outcome("2", attack, expected, observed, held))
    return out


def _setting(args: argparse.Namespace, name: str) -> int | None:
    """A default setting of the code under test (None for code without it)."""
    code = f"from server.settings import Settings; print(getattr(Settings(), {name!r}, ''))"
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(args.code)},
                          capture_output=True, text=True, cwd=args.code)  # fmt: skip
    value = done.stdout.strip()
    return int(value) if value.isdigit() else None


def item4_orphans(args: argparse.Namespace) -> list[Outcome]:
    server = Server(args.code, args.data, "--query-timeout", "60")
    workers = children(server.pid)
    threading.Thread(target=get, args=(server.url + "/sparql",),
                     kwargs={"params": {"query": RUNAWAY.format(n=0)}, "timeout": 70}, daemon=True).start()  # fmt: skip
    time.sleep(1)
    server.proc.kill()
    server.proc.wait()
    time.sleep(3)
    left = [p for p in workers if alive(p)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return [Outcome("4", "kill -9 of the server with a runaway query running", "no worker left 3 s later",
                    f"{len(left)} of {len(workers)} workers still running", not left)]  # fmt: skip


def item7_heads(args: argparse.Namespace) -> list[Outcome]:
    out = []
    with serving(args) as server:
        before = resident(server.pid)
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (50 << 20) + b"\r\n\r\n"
        answer = raw(server.port, head)
        grew = (resident(server.pid) - before) / 2**20
        first = answer.split(b"\r\n", 1)[0].decode("latin-1") or "nothing"
        out.append(Outcome("7", "a 50 MB header", "431, the server not growing",
                           f"{first}; server +{grew:.0f} MiB", first.startswith("HTTP/1.1 431") and grew < 32))  # fmt: skip
        with socket.create_connection(("127.0.0.1", server.port), timeout=40) as s:
            started = time.monotonic()
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            answer = b""
            with contextlib.suppress(OSError):
                while time.monotonic() - started < 30:
                    s.sendall(b"X-Slow: 1\r\n")
                    time.sleep(0.5)
            with contextlib.suppress(OSError):
                while chunk := s.recv(4096):
                    answer += chunk
            seconds = time.monotonic() - started
        first = answer.split(b"\r\n", 1)[0].decode("latin-1") or "nothing"
        out.append(Outcome("7", "a header line every 0.5 s, never finished", "408 within --header-timeout",
                           f"{first} after {seconds:.1f} s", first.startswith("HTTP/1.1 408") and seconds < 20))  # fmt: skip
    return out


def item9_admission(args: argparse.Namespace) -> list[Outcome]:
    """`--runaway` runaway queries at once, then every 0.5 s for 8 s a cheap uncached query from the
    same client, one from another client (127.0.0.2) and a cached one, each sent at once."""
    out = []
    with serving(args) as server:
        url = server.url + "/sparql"
        cached = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"}
        get(url, params=cached, headers=JSON)
        other = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=60,
                             limits=httpx.Limits(max_connections=64))  # fmt: skip

        def from_other(params: dict[str, str]) -> tuple[httpx.Response | None, float]:
            started = time.monotonic()
            try:
                r: httpx.Response | None = other.get(url, params=params, headers=JSON)
            except httpx.HTTPError:
                r = None
            return r, time.monotonic() - started

        pool = ThreadPoolExecutor(args.runaway + 3 * 16)
        runs = [pool.submit(get, url, 60, params={"query": RUNAWAY.format(n=i)}, headers=JSON)
                for i in range(args.runaway)]  # fmt: skip
        time.sleep(0.5)
        sent: dict[str, list] = {"same client": [], "another client": [], "cached": []}
        for i in range(16):
            cheap = {"query": f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {i + 1}"}  # uncached: each differs
            sent["same client"].append(pool.submit(get, url, 60, params=cheap, headers=JSON))
            sent["another client"].append(pool.submit(from_other, {"query": cheap["query"] + " # another"}))
            sent["cached"].append(pool.submit(get, url, 60, params=cached, headers=JSON))
            time.sleep(0.5)
        figures = {
            who: [(status(r), s) for r, s in (f.result() for f in futures)] for who, futures in sent.items()
        }
        results = [f.result() for f in runs]
        pool.shutdown()
    codes = sorted(status(r) for r, _ in results)
    at_once = sum(1 for r, s in results if r is not None and r.status_code in (429, 503) and s < 1.0)
    for who, seen in figures.items():
        times = sorted(s for _, s in seen)
        p50, p99 = statistics.median(times), statistics.quantiles(times, n=100, method="inclusive")[98]
        answered = sum(1 for st, _ in seen if st == "200")
        observed = f"p50 {p50:.2f} s, p99 {p99:.2f} s; {answered}/{len(seen)} answered 200 ({', '.join(sorted({st for st, _ in seen}))})"  # fmt: skip
        if who == "cached":
            held, expected = answered == len(seen) and p99 < 0.5, "200 at once"
        elif who == "another client":
            held, expected = (
                answered == len(seen) and p99 < 1.0,
                "answered at once (a worker is left for others)",
            )
        else:
            held = all(s < 1.0 for _, s in seen)
            expected = "answered or refused (with Retry-After) at once"
        out.append(Outcome("9", f"cheap query, {who}, while {args.runaway} runaway queries run", expected, observed, held))  # fmt: skip
    out.append(Outcome("9", f"the {args.runaway} runaway queries", "those past the queue refused at once",
                       f"{at_once} refused in < 1 s; statuses {', '.join(f'{c}x{codes.count(c)}' for c in sorted(set(codes)))}",
                       at_once >= args.runaway // 2))  # fmt: skip
    return out


PRODUCERS = [
    ("/", {}), ("/sparql", {"Accept": "text/turtle"}), ("/sparql", {"Accept": "text/html"}),
    ("/.well-known/void", {"Accept": "text/turtle"}), ("/ontology/", {}), ("/ontology", {"Accept": "text/html"}),
    ("/no/such/page", {"Accept": "text/html"}),
]  # fmt: skip


def item10_host(args: argparse.Namespace) -> list[Outcome]:
    with serving(args) as server:
        person = _a_person(server.url)
        producers = [*PRODUCERS, (f"/id/{person}", {"Accept": "text/turtle"}), (f"/doc/{person}.html", {})]
        leaked = []
        for path, headers in producers:
            r, _ = get(server.url + path, headers={**headers, "Host": "evil.example"}, follow_redirects=False)
            text = "" if r is None else r.text + " ".join(f"{k}: {v}" for k, v in r.headers.items())
            if "evil.example" in text:
                leaked.append(path)
    return [Outcome("10", "Host: evil.example on every page that writes absolute URLs",
                    "evil.example in no answer", f"in {len(leaked)} of {len(producers)}: {' '.join(leaked)}" if leaked
                    else f"in none of {len(producers)}", not leaked)]  # fmt: skip


def _a_person(url: str) -> str:
    query = "SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } LIMIT 1"
    r, _ = get(url + "/sparql", params={"query": query}, headers=JSON)
    try:
        iri = r.json()["results"]["bindings"][0]["p"]["value"]  # type: ignore[union-attr]
    except (AttributeError, KeyError, IndexError, ValueError):
        return "person/nobody"
    return iri.split("/id/", 1)[-1]


def item11_server(args: argparse.Namespace) -> list[Outcome]:
    out = []
    with serving(args, "--workers", "1") as server:
        url = server.url + "/sparql"
        for pid in children(server.pid):
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
        r, _ = get(url, params={"query": "ASK { ?s ?p ?o }"}, headers=JSON)
        out.append(Outcome("11", "a worker killed while idle, then a query", "200", status(r),
                           r is not None and r.status_code == 200))  # fmt: skip
        long_url = b"GET /sparql?query=ASK%20%7B%7D%20%23" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: a\r\n\r\n"
        first = raw(server.port, long_url).split(b"\r\n", 1)[0].decode("latin-1") or "nothing"
        out.append(Outcome("11", "a 70 KB URL", "414", first, first.startswith("HTTP/1.1 414")))
        page, _ = get(server.url + "/")
        answer, _ = get(url, params={"query": "ASK {}"}, headers=JSON)
        sniff = [r.headers.get("x-content-type-options") for r in (page, answer) if r is not None]
        csp = page.headers.get("content-security-policy") if page is not None else None
        out.append(Outcome("11", "headers of a page and an answer", "nosniff on both, a CSP on the page",
                           f"nosniff {sniff}, CSP {'yes' if csp else 'no'}", sniff == ["nosniff"] * 2 and bool(csp)))  # fmt: skip
    concat = "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o }"
    try:
        with serving(args, "--max-bytes", str(1 << 20)) as server:
            r, seconds = get(server.url + "/sparql", params={"query": concat}, headers=JSON)
    except RuntimeError:
        out.append(Outcome("11", "GROUP_CONCAT of every literal, --max-bytes 1 MiB", "507 (one row is larger)",
                           "the server does not accept --max-bytes", False))  # fmt: skip
        return out
    size = len(r.content) if r is not None else 0
    out.append(Outcome("11", "GROUP_CONCAT of every literal, --max-bytes 1 MiB", "507 (one row is larger)",
                       f"{status(r)}, {size / 2**20:.1f} MiB in {seconds:.1f} s", r is not None and r.status_code == 507))  # fmt: skip
    return out


# ---- the build's attacks (items 3, 5, 6, 8, 11): the other half of the issue


def item3_deep(args: argparse.Namespace, tmp: Path) -> list[Outcome]:
    src = releases(tmp / "deep", SEED)
    (src / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (src / "deep.jsonl").write_text('{"a": ' * 100_000 + "1" + "}" * 100_000 + "\n")
    code, _ = build(args, str(src), "--out", str(tmp / "deep-out"), "--no-shacl")
    read = report(tmp / "deep-out").get("releases_read")
    return [Outcome("3", "a .json and a .jsonl line nested 100,000 deep beside a release",
                    "exit 0, the release built, both rejected", f"exit {code}, releases {read}", code == 0 and read == 1)]  # fmt: skip


def item5_rebuild(args: argparse.Namespace, tmp: Path) -> list[Outcome]:
    one, two = releases(tmp / "one", SEED), releases(tmp / "two", SEED, SECOND)
    out = tmp / "served"
    build(args, str(one), "--out", str(out), "--no-shacl")
    local = argparse.Namespace(**{**vars(args), "data": out})
    count = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} # {i}"
    # both workers answer the 20 counts: one client may use both (where the code has that limit)
    both = ("--client-queries", "2") if _setting(args, "client_queries") is not None else ()
    with serving(local, "--workers", "2", "--query-timeout", "2", *both) as server:
        etag_before = httpx.head(server.url + "/dumps/hkpr.nq.gz").headers.get("etag")
        first, _ = get(server.url + "/sparql", params={"query": count.format(i="before")}, headers=JSON)
        before = first.json()["results"]["bindings"][0]["n"]["value"] if first is not None else "?"
        build(args, str(two), "--out", str(out), "--no-shacl")
        # a query past the time limit: its worker is killed and replaced, the other one stays
        get(server.url + "/sparql", params={"query": RUNAWAY.format(n="rebuilt")}, headers=JSON)
        time.sleep(3.0)
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(lambda i: get(server.url + "/sparql", params={"query": count.format(i=i)}, headers=JSON)[0], range(20)))  # fmt: skip
        counts = sorted({r.json()["results"]["bindings"][0]["n"]["value"] for r in answers if r is not None and r.status_code == 200})  # fmt: skip
        dump = httpx.get(server.url + "/dumps/hkpr.nq.gz")
        etag_after = dump.headers.get("etag")
    sums = (out / "dumps" / "SHA256SUMS").read_text() if (out / "dumps" / "SHA256SUMS").exists() else ""
    import hashlib

    served_sum = hashlib.sha256(dump.content).hexdigest()
    etag_fits = (served_sum in sums) and (etag_after != etag_before)
    return [
        Outcome("5", "the served folder rebuilt, a worker replaced, 20 counts", "one count (one build) for all",
                f"counts {counts} (before the rebuild: {before})", len(counts) == 1),
        Outcome("5", "the dump after the rebuild", "a new ETag over the new file",
                f"ETag {'changed' if etag_after != etag_before else 'unchanged'}; body {'is' if served_sum in sums else 'is not'} the new dump",
                etag_fits),
    ]  # fmt: skip


def item6_swap(args: argparse.Namespace, tmp: Path) -> list[Outcome]:
    if not shutil.which("strace"):
        return [Outcome("6", "kg build killed between its renames", "the output always there", "strace is not installed", None)]  # fmt: skip
    src = releases(tmp / "swap-src", SEED)
    out = tmp / "swap"
    build(args, str(src), "--out", str(out), "--no-shacl")
    missing, left = [], 0
    for when in range(1, 7):
        calls = "rename,renameat,renameat2"
        strace = ["strace", "-f", "-o", os.devnull, "-e", f"trace={calls}",
                  "-e", f"inject={calls}:error=EIO:signal=SIGKILL:when={when}"]  # fmt: skip
        build(args, str(src), "--out", str(out), "--no-shacl", strace=strace)
        left = max(left, len(_leftovers(out)))
        if not (out / "report.json").exists():
            missing.append(when)
            build(args, str(src), "--out", str(out), "--no-shacl")
    build(args, str(src), "--out", str(out), "--no-shacl")
    after = _leftovers(out)
    return [
        Outcome("6", "kg build killed at its 1st..6th rename", "the output there every time",
                f"missing after the kill at rename {missing}" if missing else "always there", not missing),
        Outcome("6", "leftovers of killed builds", "cleaned up by the next build",
                f"up to {left} after a killed build, {len(after)} after the next", not after),
    ]  # fmt: skip


def _count(rejected: int | list) -> int:
    """The report's rejections: a number, or (since the build names them) a list."""
    return len(rejected) if isinstance(rejected, list) else rejected


def _leftovers(out: Path) -> list[str]:
    """What builds left beside `out` (`.out.*`), but the generation `out` links to (it is `out`)."""
    served = os.readlink(out) if out.is_symlink() else None
    return [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.name != served]


def item8_csv(args: argparse.Namespace, tmp: Path) -> list[Outcome]:
    src = tmp / "csv"
    env = {**os.environ, "PYTHONPATH": str(args.code)}
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--releases", "12", "--format", "csv",
                    "--out", str(src), "--start", "2024-01-01", "--end", "2024-01-20"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    files = sorted(src.glob("*.csv"))
    rows = sum(1 for f in files for _ in __import__("csv").DictReader(f.open(newline="", encoding="utf-8")))
    import csv

    with files[0].open(newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    big = min(8, len(records) - 1)
    records[big]["text"] = "word " * 30_000  # 150,000 characters
    with files[0].open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    code, _ = build(args, str(src), "--out", str(tmp / "csv-out"), "--no-shacl")
    got = report(tmp / "csv-out")
    read, rejected = got.get("releases_read", 0), _count(got.get("releases_rejected", got.get("rejected", 0)))
    return [Outcome("8", f"a CSV field of 150,000 characters in row {big + 1} of {rows}",
                    f"{rows - 1} or {rows} releases, none lost", f"exit {code}, {read} read, {rejected} rejected",
                    code == 0 and read >= rows - 1)]  # fmt: skip


def item11_build(args: argparse.Namespace, tmp: Path) -> list[Outcome]:
    out = []
    src = releases(tmp / "binary", SEED)
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 40)
    code, _ = build(args, str(src), "--out", str(tmp / "binary-out"), "--no-shacl")
    read = report(tmp / "binary-out").get("releases_read")
    out.append(Outcome("11", "a PNG named .txt beside a release", "rejected: 1 release read",
                       f"exit {code}, {read} read", read == 1))  # fmt: skip
    day1, both = releases(tmp / "day1", SEED), releases(tmp / "both", SEED, SECOND)
    updated, rebuilt = tmp / "updated", tmp / "rebuilt"
    build(args, str(day1), "--out", str(updated), "--no-shacl")
    build(args, str(SECOND), "--out", str(updated), "--update", "--no-shacl")
    build(args, str(both), "--out", str(rebuilt), "--no-shacl")
    a = _sums(updated)
    b = _sums(rebuilt)
    same = [n for n in ("hkpr.nq.gz", "hkpr.jsonld.gz") if n in a and a.get(n) == b.get(n)]
    out.append(Outcome("11", "--update vs a rebuild of the same releases", "the same dumps byte for byte",
                       f"identical: {same or 'none'}", len(same) == 2))  # fmt: skip
    names = releases(tmp / "names", SEED)  # a release beside it: the batch goes on without it
    people = ", ".join(f"Mr Chan Tai-{i:05d}" for i in range(10_000))
    text = SEED.read_text(encoding="utf-8").replace("The", f"The meeting was attended by {people}. The", 1)
    (names / "P2023090700999.txt").write_text(text, encoding="utf-8")
    code, seconds = build(args, str(names), "--out", str(tmp / "names-out"), "--no-shacl", timeout=300)
    got = report(tmp / "names-out")
    read, rejected = got.get("releases_read", 0), _count(got.get("releases_rejected", got.get("rejected", 0)))
    out.append(Outcome("11", "one release naming 10,000 people beside a release", "done or rejected within the per-release limit",
                       f"exit {code} in {seconds:.0f} s, {read} read, {rejected} rejected",
                       code == 0 and read >= 1 and seconds < 20))  # fmt: skip
    return out


def _sums(folder: Path) -> dict[str, str]:
    try:
        lines = (folder / "dumps" / "SHA256SUMS").read_text().splitlines()
    except OSError:
        return {}
    return {line.split()[-1]: line.split()[0] for line in lines if line.strip()}


SERVING: dict[str, Callable[[argparse.Namespace], list[Outcome]]] = {
    "1": item1_quadratic, "2": item2_memory, "4": item4_orphans, "7": item7_heads,
    "9": item9_admission, "10": item10_host, "11s": item11_server,
}  # fmt: skip
BUILDING: dict[str, Callable[[argparse.Namespace, Path], list[Outcome]]] = {
    "3": item3_deep, "5": item5_rebuild, "6": item6_swap, "8": item8_csv, "11b": item11_build,
}  # fmt: skip


def table(outcomes: list[Outcome]) -> str:
    rows = [("item", "attack", "expected", "observed", "held")]
    rows += [(o.item, o.attack, o.expected, o.observed, {True: "yes", False: "NO", None: "not run"}[o.held])
             for o in outcomes]  # fmt: skip
    widths = [min(60, max(len(r[i]) for r in rows)) for i in range(5)]
    lines = []
    for r in rows:
        lines.append(" | ".join(c[:60].ljust(w) for c, w in zip(r, widths, strict=True)))
        if r is rows[0]:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, required=True, help="a folder built by kg build --out")
    p.add_argument("--code", type=Path, default=ROOT, help="the checkout whose server and build are attacked")
    p.add_argument("--only", default="", help="comma-separated items, e.g. 1,2,9 (11s/11b: server/build)")
    p.add_argument("--runaway", type=int, default=32, help="runaway queries in flight for item 9")
    p.add_argument("--json", type=Path, help="also write the outcomes as JSON")
    args = p.parse_args(argv)
    args.code, args.data = args.code.resolve(), args.data.resolve()
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}

    def chosen(key: str) -> bool:
        return not wanted or key in wanted or key.rstrip("sb") in wanted

    outcomes: list[Outcome] = []
    for key, attack in SERVING.items():
        if chosen(key):
            print(f"item {key} ...", file=sys.stderr, flush=True)
            try:
                outcomes += attack(args)
            except RuntimeError as exc:  # e.g. code without the setting the attack uses
                outcomes.append(
                    Outcome(key.rstrip("s"), f"item {key}", "see the issue", str(exc)[-60:], False)
                )
    with tempfile.TemporaryDirectory(prefix="hkpr-attacks-") as tmp:
        for key, attack in BUILDING.items():
            if chosen(key):
                print(f"item {key} ...", file=sys.stderr, flush=True)
                folder = Path(tmp) / key
                folder.mkdir()
                try:
                    outcomes += attack(args, folder)
                except Exception as exc:  # a build that breaks the replay is a failed check
                    outcomes.append(Outcome(key.rstrip("b"), f"item {key}", "see the issue", f"{type(exc).__name__}: {exc}", False))  # fmt: skip
    print(table(outcomes))
    checks = [o for o in outcomes if o.held is not None]
    items = sorted({o.item for o in checks}, key=lambda i: int(i))
    held_items = [i for i in items if all(o.held for o in checks if o.item == i)]
    print(f"\n{sum(1 for o in checks if o.held)} of {len(checks)} checks held; items held: "
          f"{', '.join(held_items) or 'none'} ({len(held_items)} of {len(items)})")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
