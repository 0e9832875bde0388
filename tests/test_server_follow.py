"""A real server follows its data folder while real `kg build`s replace the graph in it: every
answer comes from one build (the old count or the new, never a mix), the new graph is answered
within seconds of the swap without a restart or a dropped query, the dumps' ETags, VoID and
Last-Modified change with it, a killed build changes nothing served, and the old generation's
files go once its last query has ended."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_server_support import running_server

from kg.paths import SAMPLE_DIR

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
VOID_TRIPLES = "http://rdfs.org/ns/void#triples"
# the concurrent clients below all come from 127.0.0.1, which by default may have one query
# running and a few waiting (429 past them, tests/test_server_hardening.py): admit them all
MANY_CLIENTS = ("--workers", "2", "--client-queries", "24", "--queue-limit", "48")


def kg_build(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-shacl"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def count(client: httpx.Client, url: str, salt: str = "") -> int:
    # a comment makes the query text new: the answer comes from a worker, not the result cache
    response = client.get(
        url + "/sparql", params={"query": f"{COUNT} # {salt}"}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 200, response.text
    return int(response.text.splitlines()[1])


def dump_head(client: httpx.Client, url: str) -> tuple[str, str]:
    response = client.head(url + "/dumps/hkpr.nq.gz")
    assert response.status_code == 200
    return response.headers["etag"], response.headers["last-modified"]


def void_triples(client: httpx.Client, url: str) -> str:
    response = client.get(url + "/.well-known/void", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    (line,) = [ln for ln in response.text.splitlines() if f"<{VOID_TRIPLES}>" in ln and "#dataset>" in ln]
    return line.split(f"<{VOID_TRIPLES}>")[1].strip()


class Asking:
    """`clients` threads, each with its own connection, asking `ask(client, n, i)` again and
    again until stopped; each answer is kept with the time its request was sent."""

    def __init__(self, clients: int, ask: Callable[[httpx.Client, int, int], Any]) -> None:
        self.answers: list[tuple[float, Any]] = []
        self.errors: list[BaseException] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(ask, n)) for n in range(clients)]
        for t in self._threads:
            t.start()

    def _run(self, ask: Callable[[httpx.Client, int, int], Any], n: int) -> None:
        with httpx.Client(timeout=30) as own:
            i = 0
            while not self._stop.is_set():
                sent = time.monotonic()
                try:
                    self.answers.append((sent, ask(own, n, i)))
                except BaseException as exc:
                    self.errors.append(exc)
                i += 1

    def stop(self) -> tuple[list[tuple[float, Any]], list[BaseException]]:
        self._stop.set()
        for t in self._threads:
            t.join()
        return self.answers, self.errors


def generations(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.gen-"))


@pytest.fixture
def corpora(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old"
    old.mkdir()
    for name in ("P2023090700255.txt", "releases-2024-03.jsonl"):
        shutil.copy(SAMPLE_DIR / name, old / name)
    return old, SAMPLE_DIR


def test_a_served_folder_rebuilt_under_concurrent_queries(corpora, tmp_path: Path) -> None:
    old, new = corpora
    out = tmp_path / "D"
    assert kg_build(old, out).wait(120) == 0
    with running_server(out, *MANY_CLIENTS) as url, httpx.Client(timeout=30) as client:
        old_count = count(client, url, "first")
        old_dump, old_modified = dump_head(client, url)
        old_void = void_triples(client, url)
        old_generation = os.readlink(out)

        def ask(own: httpx.Client, n: int, i: int) -> int:
            return count(own, url, f"{n}-{i}" if i % 2 else "")

        clients = Asking(24, ask)  # answers: (when the query was sent, the count answered)
        time.sleep(1.0)
        build = kg_build(new, out)
        while os.readlink(out) == old_generation:  # the moment the build swaps D
            assert build.poll() is None or build.returncode == 0
            time.sleep(0.01)
        swapped = time.monotonic()
        assert build.wait(60) == 0
        time.sleep(8.0)
        answers, errors = clients.stop()

        assert not errors, errors[:3]
        counts = {c for _, c in answers}
        new_count = count(client, url, "last")
        assert new_count != old_count
        assert counts <= {old_count, new_count}  # every answer from one build, none a mix
        last_old = max((sent for sent, c in answers if c == old_count), default=swapped)
        lag = max(0.0, last_old - swapped)
        after = [c for sent, c in answers if sent > swapped + 5.0]
        assert after and set(after) == {new_count}  # all new within seconds of the swap
        old_answers = sum(1 for _, c in answers if c == old_count)
        print(
            f"\n{len(answers)} answers from 24 clients: {old_answers} old ({old_count}), "
            f"{len(answers) - old_answers} new ({new_count}); the last old one sent {lag:.2f} s after the swap"
        )

        new_dump, new_modified = dump_head(client, url)
        assert new_dump != old_dump and new_modified != old_modified
        assert void_triples(client, url) != old_void

        # the old generation's folder goes once its last query has ended
        deadline = time.monotonic() + 10
        while len(generations(out)) > 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert generations(out) == [os.readlink(out)]

        # a build killed before its end changes nothing served
        served = os.readlink(out)
        killed = kg_build(old, out)
        # killed once it has started writing its generation (a fixed pause let a quick build finish)
        while generations(out) == [served] and killed.poll() is None:
            time.sleep(0.002)
        assert killed.poll() is None, "the build ended before it could be killed"
        killed.kill()
        killed.wait()
        time.sleep(2.5)
        assert os.readlink(out) == served
        assert count(client, url, "after the killed build") == new_count
        assert dump_head(client, url) == (new_dump, new_modified)

        # and a build that succeeds again is followed again
        assert kg_build(old, out).wait(120) == 0
        deadline = time.monotonic() + 10
        while count(client, url, str(time.monotonic())) != old_count and time.monotonic() < deadline:
            time.sleep(0.2)
        assert count(client, url, "back") == old_count
        assert dump_head(client, url)[0] == old_dump  # the same graph, the same dump bytes


def test_a_request_running_across_the_swap_finishes_on_its_build(corpora, tmp_path: Path) -> None:
    old, new = corpora
    out = tmp_path / "D"
    assert kg_build(old, out).wait(120) == 0
    with running_server(out, "--workers", "2") as url, httpx.Client(timeout=60) as client:
        old_etag = dump_head(client, url)[0]
        # a slow download of the old dump, begun before the swap and read after it
        with client.stream("GET", url + "/dumps/hkpr.nq.gz") as response:
            assert response.status_code == 200 and response.headers["etag"] == old_etag
            assert kg_build(new, out).wait(120) == 0
            deadline = time.monotonic() + 10
            while dump_head(client, url)[0] == old_etag and time.monotonic() < deadline:
                time.sleep(0.2)
            assert dump_head(client, url)[0] != old_etag
            body = response.read()
        assert f'"{hashlib.sha256(body).hexdigest()}"' == old_etag  # the old file, whole


def test_a_new_build_that_cannot_be_served_is_not_taken(corpora, tmp_path: Path) -> None:
    old, new = corpora
    out = tmp_path / "D"
    assert kg_build(old, out).wait(120) == 0
    with running_server(out, "--workers", "1") as url, httpx.Client(timeout=30) as client:
        old_count, old_dump = count(client, url, "first"), dump_head(client, url)
        broken = tmp_path / ".D.gen-broken-1"  # a generation whose store no worker can open
        (broken / "store").mkdir(parents=True)
        (broken / "report.json").write_text("{}")
        link = tmp_path / ".D.link-1"
        os.symlink(broken.name, link)
        os.rename(link, out)
        time.sleep(3.0)
        assert count(client, url, "after the broken one") == old_count
        assert dump_head(client, url) == old_dump
        assert kg_build(new, out).wait(120) == 0  # and the next good build is followed
        deadline = time.monotonic() + 10
        while count(client, url, str(time.monotonic())) == old_count and time.monotonic() < deadline:
            time.sleep(0.2)
        assert count(client, url, "last") != old_count


def test_an_update_is_followed_too(corpora, tmp_path: Path) -> None:
    old, new = corpora
    out = tmp_path / "D"
    assert kg_build(old, out).wait(120) == 0
    with running_server(out, "--workers", "1") as url, httpx.Client(timeout=30) as client:
        old_count, old_dump = count(client, url), dump_head(client, url)
        update = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "build",
                str(new / "P2024011800412.htm"),
                "--out",
                str(out),
                "--update",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert update.returncode == 0 and "updated in place" in update.stdout, update.stderr
        deadline = time.monotonic() + 10
        while count(client, url) == old_count and time.monotonic() < deadline:  # the cached query too
            time.sleep(0.2)
        assert count(client, url) > old_count
        assert dump_head(client, url)[0] != old_dump[0]
