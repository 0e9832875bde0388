"""Latency of the example queries, one request at a time: `kg serve` (cache off) beside the native
Oxigraph server on the same store.

    python bench/bench_latency.py --data DIR [--repeats 20] [--max-seconds 120] [--query-timeout 300]
                                  [--servers ours,oxigraph] [--only KEY,...]

For a graph where a query takes seconds, a load test under 16 clients (bench_serve.py) measures a
queue; this measures the query. Both servers start on free ports of 127.0.0.1 over DIR (as
bench_serve.py starts them, and stay up together); then, query by query, each server in turn gets
one warm-up request and then `--repeats` requests one after another (fewer if they pass
`--max-seconds` in all), and the run prints p50 and p99 (nearest rank: with 20 requests the p99 is
the slowest) of the seconds to the whole answer, the rows, and the load average meanwhile.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_serve import TRIVIAL, ask, queries, rows, servers, sparql_url, start, stop


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=120.0, help="time per query and server")
    parser.add_argument("--query-timeout", type=int, default=300, help="kg serve --query-timeout")
    parser.add_argument("--servers", default="ours,oxigraph")
    parser.add_argument("--only", help="comma-separated query keys (default: all)")
    args = parser.parse_args()
    # what bench_serve.servers reads
    args.workers = args.frontends = args.cache_bytes = args.rdflib_limit = args.oxigraph_timeout = None
    args.rdflib_start_timeout = 60.0
    chosen = queries(args.data / "dumps" / "hkpr.nt.gz", None)
    if args.only:
        chosen = {k: q for k, q in chosen.items() if k in args.only.split(",")}
    known = servers(args.data, args)
    names = args.servers.split(",")
    logs = Path(tempfile.mkdtemp(prefix="bench-latency-"))
    running = {}
    try:
        for name in names:
            proc, port, startup = start(known[name], logs, TRIVIAL)
            running[name] = (proc, port)
            print(f"{name}: answering after {startup:.2f} s")
        table = []
        for key, query in chosen.items():
            for name in names:
                proc, port = running[name]
                url = sparql_url(port, known[name].path, query)
                load = os.getloadavg()[0]
                status, data, first, error = ask(url, args.query_timeout + 30)
                if status != 200:
                    table.append(
                        (key, name, None, None, 0, f"status {status} {error[:80]}", load, None, None)
                    )
                    continue
                seconds: list[float] = []
                began = time.perf_counter()
                while len(seconds) < args.repeats and time.perf_counter() - began < args.max_seconds:
                    status, data, spent, error = ask(url, args.query_timeout + 30)
                    if status != 200:
                        break
                    seconds.append(spent)
                note = "" if status == 200 else f"status {status} after {len(seconds)}"
                p50 = percentile(seconds, 50) if seconds else None
                p99 = percentile(seconds, 99) if seconds else None
                table.append((key, name, p50, p99, len(seconds), note, load, rows(data), first))
                print(f"  {key} on {name}: p50 {p50} s, p99 {p99} s over {len(seconds)} ({note})", flush=True)
        print("\n| query | server | rows | requests | p50 | p99 | warm-up | load at start |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for key, name, p50, p99, n, note, load, got, first in table:
            shown = [f"{x * 1000:,.0f} ms" if x is not None else "-" for x in (p50, p99, first)]
            print(
                f"| {key} | {name} | {got if got is not None else '-'} | {n} | {shown[0]} | {shown[1]} | {shown[2]} | {load:.1f} |"
                + (f" {note}" if note else "")
            )
    finally:
        for proc, _ in running.values():
            stop(proc)


if __name__ == "__main__":
    main()
