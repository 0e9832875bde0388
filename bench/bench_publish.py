"""`kg publish` of a built graph into a local `oxigraph serve`: wall time, and counts that must match.

    python bench/bench_publish.py --data DIR [--keep-store DIR]

Starts the native Oxigraph server (`pip install '.[bench]'`) on a free port of 127.0.0.1 with a
new, empty store, runs `kg publish --data DIR --to http://127.0.0.1:PORT/store` in a child
process, then asks both the built store and the server the same count queries (quads in named
graphs, named graphs) and prints them side by side. The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import PeakMemory, free_port, gib, machine

COUNTS = {
    "quads in named graphs": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "named graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}


def wait_for(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"oxigraph serve did not answer at {url}")


def remote_count(url: str, query: str) -> int:
    response = httpx.get(
        url, params={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=600
    )
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def local_count(data: Path, query: str) -> int:
    store = ox.Store.read_only(str(data / "store"))
    return int(next(iter(store.query(query)))["n"].value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a folder `kg build --out` wrote")
    parser.add_argument(
        "--keep-store", type=Path, help="the server's store folder, kept (default: temporary)"
    )
    args = parser.parse_args(argv)
    server = shutil.which("oxigraph")
    if server is None:
        raise SystemExit("needs the oxigraph server: pip install '.[bench]'")
    work = tempfile.TemporaryDirectory(prefix="hkpr-publish-") if args.keep_store is None else None
    location = args.keep_store or Path(work.name) / "store"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"machine: {machine()}")
    process = subprocess.Popen(
        [server, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D")
        command = [
            sys.executable,
            "-m",
            "kg.cli",
            "publish",
            "--data",
            str(args.data),
            "--to",
            f"{base}/store",
        ]
        began = time.perf_counter()
        child = subprocess.Popen(
            [*command, "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        with PeakMemory(child.pid) as memory:
            out, err = child.communicate()
        wall = time.perf_counter() - began
        if child.returncode != 0:
            raise SystemExit(f"kg publish failed (exit {child.returncode}):\n{err[-4000:]}")
        print(f"kg publish: {wall:.1f} s wall, peak {gib(memory.peak)}; {out.strip()}")
        for name, query in COUNTS.items():
            here, there = local_count(args.data, query), remote_count(f"{base}/query", query)
            verdict = "match" if here == there else "DIFFER"
            print(f"  {name}: built store {here:,}, oxigraph serve {there:,} ({verdict})")
    finally:
        process.terminate()
        process.wait(timeout=30)
        if work is not None:
            work.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
