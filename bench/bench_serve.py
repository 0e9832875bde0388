"""`kg serve` under load, side by side with the native Oxigraph server and rdflib-endpoint.

    python bench/bench_serve.py --data DIR [--seconds 15] [--connections 16] [--threads 2]
                                [--servers ours,ours-cached,oxigraph,rdflib] [--rdflib-limit N]
                                [--max-load 1.0 --load-wait 600] [--one-at-a-time] [--json FILE]

DIR is a folder written by `kg build ... --out DIR`. The servers run on free ports of 127.0.0.1,
over the same data. They start one after another; then each query is measured on each server in
turn (the others idle meanwhile), so that a shared machine whose load drifts weighs on all of them
alike (`--one-at-a-time`: each server alone, all its queries, stopped before the next starts):

- ours: `kg serve --data DIR --cache-bytes 0` (query worker processes over DIR/store, the result
  cache off: every request runs its query; the engine's honest figure), GET /sparql;
- ours-cached: `kg serve --data DIR` with its result cache (the probe fills it, so the load test
  measures a repeated query, answered from memory), GET /sparql;
- oxigraph: `oxigraph serve-read-only --location DIR/store`, GET /query, the same store default
  graph (the build keeps the merge of all named graphs there);
- rdflib: rdflib-endpoint's `SparqlEndpoint` over an rdflib Graph parsed from DIR/dumps/hkpr.nt.gz
  (that merge again), GET /sparql. `--rdflib-limit N` loads only the dump's first N lines: then
  rdflib answers over a smaller graph than the others, and the output says so on every table.

Per server: the seconds from launch to its first successful answer (for rdflib, mostly the parse)
and the triples its default graph holds; then for each query (the query page's worked
examples from server/examples.py, plus a lookup of a person's name by IRI) one probe request
(status, rows, seconds; a query that fails, is cut short or runs past --probe-timeout is not
load-tested on that server), then `wrk --latency` with Accept: application/sparql-results+json
for --seconds, or longer for a slow query (about three rounds of every connection's request, at
most --max-seconds), then a wait until the server's processes are idle and it answers `ASK {}`,
so a backlog left by one query does not slow the next; a server still busy past a bound (or
exited) is restarted before the next query. Throughput is successful (2xx) answers per second.
Every wait is bounded in time; nothing listens beyond 127.0.0.1. With --max-load the run first
waits (at most --load-wait seconds) until the 1-minute load average is below it, and every load test
records the load average when it starts: the machine may be shared.

Targets (issue 5): start-up <= 2 s whatever the size; at 1M triples >= 20x rdflib-endpoint's
throughput and >= 0.5x the native Oxigraph server's, p99 latency under 16 clients reported.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from support import PeakMemory, free_port, gib, machine  # noqa: E402

from server.examples import EXAMPLES, PROLOGUE  # noqa: E402

JSON_RESULTS = "application/sparql-results+json"
FOAF_NAME = "<http://xmlns.com/foaf/0.1/name>"
START_TARGET = 2.0
RDFLIB_TARGET = 20.0
OXIGRAPH_TARGET = 0.5
SERVERS = ("ours", "ours-cached", "oxigraph", "rdflib")
LABELS = {"ours": "ours (cache off)", "ours-cached": "ours (cache on)"}
OURS = ("ours", "ours-cached")
TRIVIAL = "ASK {}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@dataclass
class Server:
    name: str
    command: list[str]
    path: str  # the SPARQL endpoint's path
    start_timeout: float
    env: dict[str, str] | None = None


@dataclass
class Run:
    """What one server did: start-up, the probes, and wrk's figures per query."""

    name: str
    startup: float | None = None
    error: str = ""
    triples: int | None = None
    peak_rss: int = 0
    probes: dict[str, dict] = field(default_factory=dict)
    loads: dict[str, dict] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def sparql_url(port: int, path: str, query: str) -> str:
    return f"http://127.0.0.1:{port}{path}?query={urllib.parse.quote(query, safe='')}"


def ask(url: str, timeout: float) -> tuple[int, dict | None, float, str]:
    """One GET: (status, JSON results or None, seconds, error text); status 0 when no answer came."""
    request = urllib.request.Request(url, headers={"Accept": JSON_RESULTS})
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace")
        return exc.code, None, time.perf_counter() - began, detail
    except (OSError, TimeoutError) as exc:  # refused, reset, timed out
        return 0, None, time.perf_counter() - began, f"{exc.__class__.__name__}: {exc}"
    seconds = time.perf_counter() - began
    try:
        data = json.loads(body)
    except ValueError:
        return status, None, seconds, f"not JSON: {body[:120]!r}"
    return status, data, seconds, ""


def rows(data: dict | None) -> int | None:
    """The number of rows of a SELECT result (1 or 0 for ASK)."""
    if data is None:
        return None
    return len(data["results"]["bindings"]) if "results" in data else int(bool(data.get("boolean")))


def person_iri(dump: Path, limit: int | None) -> str:
    """The first person in the dump that has a name (within the first `limit` lines when given)."""
    with gzip.open(dump, "rt", encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                break
            subject, _, rest = line.partition(" ")
            if "/person/" in subject and rest.startswith(FOAF_NAME):
                return subject
    raise SystemExit(f"no person with a foaf:name in {dump}")


def queries(dump: Path, limit: int | None) -> dict[str, str]:
    """The query page's worked examples, and a lookup of one person's name by IRI."""
    chosen = {e.key: e.query for e in EXAMPLES}
    chosen["name-by-iri"] = (
        PROLOGUE + f"\nSELECT ?name WHERE {{ {person_iri(dump, limit)} foaf:name ?name }}\n"
    )
    return chosen


def servers(data: Path, args: argparse.Namespace) -> dict[str, Server]:
    venv_bin = Path(sys.executable).parent
    kg = shutil.which("kg", path=str(venv_bin)) or shutil.which("kg")
    oxigraph = shutil.which("oxigraph", path=str(venv_bin)) or shutil.which("oxigraph")
    ours = [kg, "serve"] if kg else [sys.executable, "-m", "kg.cli", "serve"]
    ours += ["--data", str(data), "--query-timeout", str(args.query_timeout)]
    if args.workers:
        ours += ["--workers", str(args.workers)]
    if args.frontends:
        ours += ["--frontends", str(args.frontends)]
    cached = ["--cache-bytes", str(args.cache_bytes)] if args.cache_bytes else []
    rdflib = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--serve-rdflib",
        str(data / "dumps" / "hkpr.nt.gz"),
    ]
    if args.rdflib_limit:
        rdflib.append(str(args.rdflib_limit))
    return {
        "ours": Server("ours", [*ours, "--cache-bytes", "0", "--port", "{port}"], "/sparql", 60.0),
        "ours-cached": Server("ours-cached", [*ours, *cached, "--port", "{port}"], "/sparql", 60.0),
        "oxigraph": Server(
            "oxigraph",
            [
                oxigraph or "oxigraph",
                "serve-read-only",
                "--location",
                str(data / "store"),
                "--bind",
                "127.0.0.1:{port}",
                *(["--timeout-s", str(args.oxigraph_timeout)] if args.oxigraph_timeout else []),
            ],
            "/query",
            60.0,
        ),
        "rdflib": Server("rdflib", [*rdflib, "{port}"], "/sparql", args.rdflib_start_timeout),
    }


def start(server: Server, logs: Path, probe: str) -> tuple[subprocess.Popen, int, float]:
    """Launch `server` on a free port; (process, port, seconds to the first successful answer)."""
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in server.command]
    log = open(logs / f"{server.name}.log", "wb")  # noqa: SIM115 - closed with the process
    began = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT, env=server.env
    )
    proc.log = log  # type: ignore[attr-defined]
    url = sparql_url(port, server.path, probe)
    deadline = began + server.start_timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            stop(proc)
            tail = (logs / f"{server.name}.log").read_text(errors="replace")[-1500:]
            raise RuntimeError(f"exited with status {proc.returncode} before answering:\n{tail}")
        status, _, _, _ = ask(url, timeout=max(1.0, deadline - time.perf_counter()))
        if status == 200:
            return proc, port, time.perf_counter() - began
        time.sleep(0.02)
    stop(proc)
    raise RuntimeError(f"no successful answer within {server.start_timeout:g} s")


def stop(proc: subprocess.Popen) -> None:
    """Stop the server's process group (the session it was started in), waiting at most 10 s."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass
    proc.log.close()  # type: ignore[attr-defined]


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def parse_wrk(out: str) -> dict:
    """Requests/s, latency percentiles (ms), completed requests, non-2xx and socket errors."""
    figures: dict = {"rps": None, "requests": 0, "non2xx": 0, "errors": {}}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        figures["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in ([\d.]+(?:us|ms|s|m)),", out):  # more digits than Requests/sec
        figures["requests"] = int(m.group(1))
        figures["rps"] = figures["requests"] / (ms(m.group(2)) / 1000)
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        figures["non2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        figures["errors"] = {
            k: int(v) for k, v in zip(("connect", "read", "write", "timeout"), m.groups(), strict=True)
        }
    if figures["rps"] is not None and figures["requests"]:  # answers with a 2xx or 3xx status
        figures["ok_rps"] = figures["rps"] * (figures["requests"] - figures["non2xx"]) / figures["requests"]
    for pct in ("50", "75", "90", "99"):
        if m := re.search(rf"^\s+{pct}%\s+([\d.]+(?:us|ms|s|m))\s*$", out, re.M):
            figures[f"p{pct}"] = ms(m.group(1))
    return figures


def duration(args: argparse.Namespace, probe: float) -> int:
    """wrk's seconds for a query whose single answer took `probe` s: --seconds, or long enough for
    about three rounds of every connection's request on this machine's cores, at most --max-seconds."""
    rounds = 3 * args.connections * probe / (os.cpu_count() or 1)
    return int(min(args.max_seconds, max(args.seconds, math.ceil(rounds))))


def load(url: str, args: argparse.Namespace, seconds: int) -> dict:
    """wrk on one URL for `seconds` (a request slower than that counts as a timeout); killed 30 s past it."""
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
               "--latency", "--timeout", f"{seconds}s", "-H", f"Accept: {JSON_RESULTS}", url]  # fmt: skip
    load_before = os.getloadavg()[0]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
    except subprocess.TimeoutExpired:
        return {"rps": None, "failed": "wrk did not finish"}
    if done.returncode != 0:
        return {
            "rps": None,
            "failed": (done.stderr + done.stdout).strip()[-300:] or f"wrk exit {done.returncode}",
        }
    return {**parse_wrk(done.stdout), "seconds": seconds, "load": load_before}


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by process `root` and its descendants alive now (Linux /proc)."""
    children: dict[int, list[int]] = {}
    used: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        total += used.get(pid, 0.0)
    return total


@dataclass
class Live:
    server: Server
    proc: subprocess.Popen
    port: int


def settle(live: Live, bound: float) -> float | None:
    """Wait until the server is idle (its processes use < 5% of a core over 0.5 s) and answers a
    trivial query: a backlog of requests from the last load (wrk has hung up, but servers finish
    what they accepted) must not slow the next. The seconds waited, None past `bound`."""
    began = time.perf_counter()
    url = sparql_url(live.port, live.server.path, TRIVIAL)
    while (waited := time.perf_counter() - began) < bound:
        if live.proc.poll() is not None:
            return None
        before = tree_cpu(live.proc.pid)
        time.sleep(0.5)
        if tree_cpu(live.proc.pid) - before > 0.025:
            continue
        status, _, _, _ = ask(url, timeout=max(1.0, bound - waited))
        if status == 200:
            return time.perf_counter() - began
    return None


class Serving:
    """One server over the whole run: started on demand, restarted when a query leaves it busy."""

    def __init__(self, server: Server, args: argparse.Namespace, logs: Path, probe: str) -> None:
        self.server, self.args, self.logs, self.probe = server, args, logs, probe
        self.run = Run(server.name)
        self.live: Live | None = None
        self.memory: PeakMemory | None = None
        self.peaks: list[int] = []
        self.failed = False

    def ready(self) -> Live | None:
        """The running server (started or restarted now if need be), None when it cannot start."""
        if self.live is not None and self.live.proc.poll() is None:
            return self.live
        self.close()
        if self.failed:
            return None
        name = self.server.name
        print(f"\n[{name}] starting: {' '.join(self.server.command)}", flush=True)
        try:
            proc, port, seconds = start(self.server, self.logs, self.probe)
        except RuntimeError as exc:
            self.run.error = self.run.error or str(exc)
            self.failed = True
            print(f"[{name}] did not start: {exc}", flush=True)
            return None
        print(f"[{name}] first answer after {seconds:.2f} s (port {port})", flush=True)
        self.live = Live(self.server, proc, port)
        self.memory = PeakMemory(proc.pid, interval=0.5).__enter__()
        if self.run.startup is None:
            self.run.startup = seconds
            count(self.live, self.run, self.args)
        return self.live

    def close(self) -> None:
        """Stop the server, if running (the next `ready` starts it again)."""
        if self.live is None:
            return
        if self.memory is not None:
            self.memory.__exit__()
            self.peaks.append(self.memory.peak)
        proc = self.live.proc
        if proc.poll() is not None:
            tail = (self.logs / f"{self.server.name}.log").read_text(errors="replace").strip()[-400:]
            self.run.notes.append(f"its log ended: {tail}")
        stop(proc)
        self.live, self.memory = None, None
        self.run.peak_rss = max(self.peaks, default=0)

    def measure(self, key: str, query: str) -> None:
        live = self.ready()
        if live is not None and not probe_and_load(live, self.run, key, query, self.args):
            self.close()  # restarted for its next query


def measure(servers: list[Server], chosen: dict[str, str], args: argparse.Namespace, logs: Path) -> dict[str, Run]:  # fmt: skip
    """Every query on every server. Interleaved (the default), all servers start first, one after
    another, and then each query is measured on each server in turn, so that a machine whose load
    drifts weighs on all of them alike; with --one-at-a-time each server runs alone, all its
    queries, and stops before the next one starts."""
    serving = [Serving(server, args, logs, chosen["name-by-iri"]) for server in servers]
    try:
        if args.one_at_a_time:
            for one in serving:
                for key, query in chosen.items():
                    one.measure(key, query)
                one.close()
        else:
            for one in serving:
                one.ready()
            for key, query in chosen.items():
                for one in serving:
                    one.measure(key, query)
    finally:
        for one in serving:
            one.close()
    return {one.server.name: one.run for one in serving}


def count(live: Live, run: Run, args: argparse.Namespace) -> None:
    """The number of triples the server's default graph holds (the same data for all three?)."""
    status, data, seconds, _ = ask(sparql_url(live.port, live.server.path, COUNT), args.probe_timeout)
    if status == 200 and data:
        run.triples = int(data["results"]["bindings"][0]["n"]["value"])
    print(f"[{run.name}] {run.triples} triples in the default graph (counted in {seconds:.1f} s)", flush=True)
    settle(live, args.probe_timeout)


def probe_and_load(live: Live, run: Run, key: str, query: str, args: argparse.Namespace) -> bool:
    """One probe, then wrk if the probe succeeded, then a wait until the server is idle;
    False when it stayed busy (the caller restarts it)."""
    url = sparql_url(live.port, live.server.path, query)
    status, data, seconds, error = ask(url, args.probe_timeout)
    run.probes[key] = {"status": status, "rows": rows(data), "seconds": seconds, "error": error}
    shown = f"{rows(data)} rows" if status == 200 else f"status {status} {error[:160]}"
    print(f"[{run.name}] {key}: probe {seconds:.3f} s, {shown}", flush=True)
    bound = args.probe_timeout
    if status == 200 and data is None:  # a result cut short: oxigraph streams, then times out
        run.probes[key]["status"] = -1
    elif status == 200:
        run.loads[key] = load(url, args, duration(args, seconds))
        print(f"[{run.name}] {key}: {json.dumps(run.loads[key])}", flush=True)
        bound = min(600.0, args.connections * seconds * 2 + 30)
    waited = settle(live, bound)
    if waited is None:
        code = live.proc.poll()
        what = f"exited (status {code})" if code is not None else f"still busy {bound:.0f} s"
        run.notes.append(f"{what} after {key}: restarted for the next query, if any")
        print(f"[{run.name}] {what} after {key}", flush=True)
        return False
    if waited > 2.0:
        run.notes.append(f"{key}: {waited:.0f} s until idle after the load")
    return True


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a and b else "n/a"


def cell(figures: dict | None, probe: dict | None) -> tuple[str, str]:
    """Successful answers per second and p99 as table cells, or why there are none."""
    if figures and figures.get("rps") is not None:
        bad = figures.get("non2xx", 0) + sum(figures.get("errors", {}).values())
        flag = f" ({bad} of {figures.get('requests', 0)} failed)" if bad else ""
        p99 = f"{figures['p99']:.1f} ms" if "p99" in figures else "n/a"
        if not figures.get("requests"):
            return f"0 done{flag}", "n/a"
        rate = figures["ok_rps"]
        return (f"{rate:.1f}" if rate >= 10 else f"{rate:.3g}") + flag, p99
    if figures and figures.get("failed"):
        return "wrk failed", "n/a"
    if probe and probe["status"] != 200:
        why = {0: "no answer", -1: "answer cut short"}.get(probe["status"], f"HTTP {probe['status']}")
        return why, "n/a"
    return "not run", "n/a"


def label(name: str) -> str:
    return LABELS.get(name, name)


def ok_rps(runs: dict[str, Run], name: str, key: str) -> float | None:
    return (runs[name].loads.get(key) or {}).get("ok_rps") if name in runs else None


def report(runs: dict[str, Run], chosen: dict[str, str], data: Path, args: argparse.Namespace, began_load: float) -> None:  # fmt: skip
    meta = json.loads((data / "report.json").read_text())
    print(f"\n== kg serve under load: {data} ==")
    print(
        f"machine: {machine()}; load average {began_load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    )
    print(f"data: {meta.get('releases_read')} releases, {meta.get('triples_total')} quads in the store")
    print(f"wrk: {args.threads} threads, {args.connections} connections, {args.seconds} s per query and server"
          f" (up to {args.max_seconds} s for a slow query); query timeout: ours {args.query_timeout} s,"
          f" oxigraph {args.oxigraph_timeout or 'none'}, rdflib-endpoint none")  # fmt: skip
    if "ours-cached" in runs:
        print("ours (cache on): the probe fills the cache, so the load test measures a repeated query;"
              " ours (cache off) runs every request's query.")  # fmt: skip
    if args.rdflib_limit and "rdflib" in runs:
        print(f"NOTE: rdflib-endpoint loaded only the first {args.rdflib_limit} lines of the N-Triples dump:"
              " its graph is SMALLER than the others', so its figures flatter it.")  # fmt: skip
    print("\nstart-up (launch to first successful answer), triples in the default graph, peak memory:")
    for name, run in runs.items():
        started = f"{run.startup:.2f} s" if run.startup is not None else f"FAILED: {run.error[:200]}"
        mark = ""
        if name in OURS and run.startup is not None:
            mark = "  (target <= 2 s: " + ("met" if run.startup <= START_TARGET else "MISSED") + ")"
        print(f"  {label(name):16} {started}{mark}; {run.triples if run.triples is not None else '?'} triples;"
              f" {gib(run.peak_rss)}")  # fmt: skip
    for key in chosen:
        print(f"\n-- {key} --")
        print(f"  {'server':16} {'probe s':>8} {'rows':>6} {'wrk s':>5} {'load':>5} {'ok answers/s':>20}"
              f" {'p50 ms':>8} {'p90 ms':>8} {'p99':>10}")  # fmt: skip
        for name, run in runs.items():
            probe, figures = run.probes.get(key), run.loads.get(key)
            rps, p99 = cell(figures, probe)
            p50 = f"{figures['p50']:.1f}" if figures and "p50" in figures else ""
            p90 = f"{figures['p90']:.1f}" if figures and "p90" in figures else ""
            seconds = f"{probe['seconds']:.3f}" if probe else ""
            nrows = str(probe["rows"]) if probe and probe["rows"] is not None else ""
            span = str(figures.get("seconds", "")) if figures else ""
            load_avg = f"{figures['load']:.2f}" if figures and "load" in figures else ""
            print(f"  {label(name):16} {seconds:>8} {nrows:>6} {span:>5} {load_avg:>5} {rps:>20} {p50:>8} {p90:>8}"
                  f" {p99:>10}")  # fmt: skip
        for ours in OURS:
            parts = []
            for other, target in (("rdflib", RDFLIB_TARGET), ("oxigraph", OXIGRAPH_TARGET)):
                mine, theirs = ok_rps(runs, ours, key), ok_rps(runs, other, key)
                if ours in runs and other in runs:
                    met = " met" if mine and theirs and mine / theirs >= target else " MISSED"
                    r = ratio(mine, theirs)
                    parts.append(f"{ours}/{other} {r} (target >= {target:g}x{'' if r == 'n/a' else met})")
            if parts:
                print(f"  {label(ours)}: " + "; ".join(parts))
        if args.rdflib_limit and "rdflib" in runs:
            print(f"  (rdflib over the dump's first {args.rdflib_limit} lines only: a smaller graph)")
        counts = {
            n: r.probes[key]["rows"]
            for n, r in runs.items()
            if key in r.probes and r.probes[key]["rows"] is not None
        }
        if len(set(counts.values())) > 1:
            print(f"  WARNING: the servers returned different row counts: {counts}")
    for name, run in runs.items():
        for note in run.notes:
            print(f"note [{label(name)}]: {note}")
    summary(runs, chosen)


def summary(runs: dict[str, Run], chosen: dict[str, str]) -> None:
    """One markdown table: answers/s (p99) per server and query, and the ratios of ours to the others."""
    names = list(runs)
    pairs = [(o, t) for o in OURS if o in runs for t in ("rdflib", "oxigraph") if t in runs]
    head = ["query", "rows", *(f"{label(n)} ans/s (p99)" for n in names), *(f"{o}/{t}" for o, t in pairs)]
    print("\n| " + " | ".join(head) + " |")
    print("| --- |" + " ---: |" * (len(head) - 1))
    for key in chosen:
        counted = [
            r.probes[key]["rows"] for r in runs.values() if (r.probes.get(key) or {}).get("rows") is not None
        ]
        cells = [key, f"{counted[0]:,}" if counted else ""]
        for name in names:
            rps, p99 = cell(runs[name].loads.get(key), runs[name].probes.get(key))
            cells.append(f"{rps} ({p99})")
        cells += [ratio(ok_rps(runs, o, key), ok_rps(runs, t, key)) for o, t in pairs]
        print("| " + " | ".join(cells) + " |")


def wait_for_quiet(limit: float, patience: float) -> float:
    """Wait until the 1-minute load average is below `limit` (at most `patience` s); the load then."""
    began = time.monotonic()
    while (now := os.getloadavg()[0]) >= limit and time.monotonic() - began < patience:
        print(f"load average {now:.2f} >= {limit:g}: waiting ({time.monotonic() - began:.0f} s)", flush=True)
        time.sleep(15)
    if now >= limit:
        print(f"load average still {now:.2f} after {patience:g} s: running anyway", flush=True)
    return now


def serve_rdflib(dump: str, limit: int | None, port: int) -> None:
    """The rdflib-endpoint server: the dump (or its first `limit` lines) parsed into an rdflib Graph."""
    import io
    import itertools

    import uvicorn
    from rdflib import Graph
    from rdflib_endpoint import SparqlEndpoint

    began = time.perf_counter()
    graph = Graph()
    with gzip.open(dump, "rb") as f:
        source = io.BytesIO(b"".join(itertools.islice(f, limit))) if limit else f
        graph.parse(source=source, format="nt")
    print(f"rdflib: {len(graph)} triples parsed in {time.perf_counter() - began:.1f} s", flush=True)
    app = SparqlEndpoint(graph=graph, path="/sparql", title="hkpr (rdflib-endpoint)")
    uvicorn.run(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve-rdflib":  # the child that serves rdflib
        rest = sys.argv[2:]
        serve_rdflib(rest[0], int(rest[1]) if len(rest) == 3 else None, int(rest[-1]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a folder written by `kg build --out`")
    parser.add_argument("--seconds", type=int, default=15, help="wrk's duration per query and server")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--servers", default=",".join(SERVERS), help="which to run, in order (default: all)")
    parser.add_argument("--only", help="comma-separated query keys to run (default: all)")
    parser.add_argument("--workers", type=int, help="kg serve --workers (default: kg serve's own)")
    parser.add_argument("--frontends", type=int, help="kg serve --frontends (default: kg serve's own)")
    parser.add_argument(
        "--cache-bytes", type=int, help="kg serve --cache-bytes for ours-cached (default: its own)"
    )
    parser.add_argument(
        "--max-load", type=float, help="first wait until the 1-minute load average is below this"
    )
    parser.add_argument(
        "--load-wait", type=float, default=600.0, help="seconds to wait for --max-load at most"
    )
    parser.add_argument("--rdflib-limit", type=int, help="load only the dump's first N lines into rdflib")
    parser.add_argument(
        "--rdflib-start-timeout", type=float, default=1800.0, help="seconds allowed for the parse"
    )
    parser.add_argument("--probe-timeout", type=float, default=60.0,
                        help="seconds one probe query may take")  # fmt: skip
    parser.add_argument("--max-seconds", type=int, default=90, help="longest wrk run for a slow query")
    parser.add_argument("--query-timeout", type=int, default=10, help="kg serve --query-timeout")
    parser.add_argument("--oxigraph-timeout", type=int,
                        help="oxigraph --timeout-s (default: none; with it, 0.5.13 failed under load here)")  # fmt: skip
    parser.add_argument("--one-at-a-time", action="store_true",
                        help="run each server alone, all its queries, instead of each query on each server in turn")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    data = args.data.resolve()
    for needed in (data / "store", data / "dumps" / "hkpr.nt.gz", data / "report.json"):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: give a folder written by `kg build --out`")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    chosen = queries(data / "dumps" / "hkpr.nt.gz", args.rdflib_limit)
    if args.only:
        keep = set(args.only.split(",")) | {"name-by-iri"}
        chosen = {k: v for k, v in chosen.items() if k in keep}
    available = servers(data, args)
    names = [n.strip() for n in args.servers.split(",") if n.strip()]
    if unknown := set(names) - set(available):
        raise SystemExit(f"unknown servers {sorted(unknown)}; choose among {list(available)}")
    began_load = wait_for_quiet(args.max_load, args.load_wait) if args.max_load else os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="hkpr-bench-serve-") as logs:
        runs = measure([available[name] for name in names], chosen, args, Path(logs))
    report(runs, chosen, data, args, began_load)
    if args.json:
        args.json.write_text(json.dumps({n: r.__dict__ for n, r in runs.items()}, indent=1))


if __name__ == "__main__":
    main()
