"""Helpers for the server's tests (no tests here): a data folder built from a TriG file in the shape
`kg build` writes, and a real server in a subprocess on a free port."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TRIG = Path(__file__).with_name("test_server_sample.trig")
BASE = "https://w3id.org/hkpr/id/"


def build_data_dir(out: Path, trig: Path = SAMPLE_TRIG, quads: list[ox.Quad] | None = None) -> Path:
    """DIR/store, DIR/dumps/hkpr.*.gz with SHA256SUMS, DIR/report.json, from a TriG file or quads."""
    out.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(out / "store"))
    if quads is None:
        store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    else:
        store.extend(quads)
    dumps = out / "dumps"
    dumps.mkdir(exist_ok=True)
    sums = {}
    for suffix, fmt in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                        ("nq", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):  # fmt: skip
        name = f"hkpr.{suffix}.gz"
        if fmt.supports_datasets:
            data = store.dump(format=fmt)
        else:
            data = ox.serialize(
                store.query(
                    "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
                ),
                format=fmt,
            )
        (dumps / name).write_bytes(gzip.compress(data, mtime=0))
        sums[name] = hashlib.sha256((dumps / name).read_bytes()).hexdigest()
    (dumps / "SHA256SUMS").write_text("".join(f"{d}  {n}\n" for n, d in sums.items()))
    total = len(store)
    releases = sum(1 for g in store.named_graphs() if g.value.startswith(BASE + "release/"))
    report = {"base": BASE, "releases_read": releases, "triples_total": total, "dumps": sums}
    (out / "report.json").write_text(json.dumps(report))
    store.flush()
    del store
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(location: Path, *options: str) -> Iterator[str]:
    """The native Oxigraph server (`pip install oxigraph`) over `location` on a free 127.0.0.1 port.

    Skips the calling test when the `oxigraph` command is not installed.
    """
    import pytest

    command = shutil.which("oxigraph")
    if not command:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [command, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


class Served(str):
    """The base URL of a running server, with the server's process id."""

    pid: int


@contextlib.contextmanager
def running_server(data_dir: Path, *options: str, startup: float = 20.0) -> Iterator[Served]:
    """`python -m server` on a free 127.0.0.1 port; yields its base URL and stops it afterwards."""
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    }
    cmd = [sys.executable, "-m", "server", "--data-dir", str(data_dir), "--port", str(port), *options]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = Served(f"http://127.0.0.1:{port}")
    url.pid = proc.pid
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"the server exited with {proc.returncode}:\n{out}")
            try:
                if httpx.get(url + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start in time")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def tcp_listener() -> Iterator[tuple[int, list[tuple[str, int]]]]:
    """A TCP listener on 127.0.0.1: yields its port and the list of connections it received."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    srv.settimeout(0.05)
    hits: list[tuple[str, int]] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, addr = srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            hits.append(addr)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield srv.getsockname()[1], hits
    finally:
        time.sleep(0.2)  # a connection made late still counts
        stop.set()
        thread.join()
        srv.close()
