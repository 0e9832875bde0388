"""`kg sync` into a folder a real server is serving, while 20 clients ask it: every count, cached
or not, is the old build's or the new one's (never a mix), the new one is answered within
seconds of the swap, the dumps' ETag and Last-Modified and VoID change with it, and the search
index (/search.json) finds the releases the sync brought. Real processes: a fixture site over
HTTP, `kg sync`, `python -m server`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import httpx
from fixture_site import FixtureSite, house_release
from test_server_follow import COUNT, MANY_CLIENTS, Asking, count, dump_head, void_triples
from test_server_support import running_server

from kg.fetch.harvest import site_today

CLIENTS = 20


def kg_sync(data: Path, pages: Path, site: FixtureSite, *more: str) -> subprocess.Popen:
    where = ("--data", str(data), "--pages", str(pages), "--site", site.url)
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "sync", *where, "--delay", "0.02", "--quiet", *more],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def cached_count(client: httpx.Client, url: str) -> int:
    """The same query text each time: after the first, answered from the result cache."""
    response = client.get(url + "/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return int(response.text.splitlines()[1])


def search_ids(client: httpx.Client, url: str, words: str) -> set[str]:
    response = client.get(url + "/search.json", params={"q": words, "kind": "release"})
    assert response.status_code == 200, response.text
    return {hit["iri"].rsplit("/", 1)[-1] for hit in response.json()["hits"]}


def test_sync_into_a_served_folder_under_concurrent_queries(tmp_path: Path) -> None:
    today = site_today()
    days = [today - timedelta(days=n) for n in (2, 1, 0)]
    first = [house_release(days[0], 1), house_release(days[0], 2), house_release(days[1], 3)]
    later = [house_release(days[2], 14), house_release(days[2], 15)]
    data, pages = tmp_path / "D", tmp_path / "P"
    with FixtureSite() as site:
        site.add_day(days[0], first[:2])
        site.add_day(days[1], first[2:])
        site.add_day(days[2], [])
        sync = kg_sync(data, pages, site, "--from", days[0].isoformat())
        out, _ = sync.communicate(timeout=300)
        assert sync.returncode == 0, out

        with running_server(data, *MANY_CLIENTS) as url, httpx.Client(timeout=30) as client:
            old_count = count(client, url, "first")
            assert cached_count(client, url) == old_count
            old_dump = dump_head(client, url)
            old_void = void_triples(client, url)
            assert search_ids(client, url, later[0].title) == set()
            old_generation = os.readlink(data)

            def ask(own: httpx.Client, n: int, i: int) -> tuple[str, int | str]:
                what = ("count", "cached", "void", "dump")[i % 4]
                if what == "count":
                    return what, count(own, url, f"{n}-{i}")
                if what == "cached":
                    return what, cached_count(own, url)
                if what == "void":
                    return what, void_triples(own, url)
                return what, dump_head(own, url)[0]

            clients = Asking(CLIENTS, ask)
            time.sleep(1.0)
            site.add_day(days[2], later)  # today's index grows
            sync = kg_sync(data, pages, site)
            deadline = time.monotonic() + 300
            while os.readlink(data) == old_generation:  # the moment the update swaps D
                assert sync.poll() is None, sync.communicate()[0]
                assert time.monotonic() < deadline, "the sync did not swap the folder in time"
                time.sleep(0.01)
            swapped = time.monotonic()
            out, _ = sync.communicate(timeout=120)
            assert sync.returncode == 0, out
            assert "releases: 2 new" in out and "updating" in out
            time.sleep(max(0.0, swapped + 8.0 - time.monotonic()))
            answers = [(sent, what, a) for sent, (what, a) in clients.stop()[0]]

            assert not clients.errors, clients.errors[:3]
            new_count = count(client, url, "last")
            new_dump = dump_head(client, url)
            new_void = void_triples(client, url)
            assert new_count > old_count
            assert new_dump[0] != old_dump[0] and new_dump[1] != old_dump[1]
            assert new_void != old_void
            olds = {"count": old_count, "cached": old_count, "void": old_void, "dump": old_dump[0]}
            news = {"count": new_count, "cached": new_count, "void": new_void, "dump": new_dump[0]}
            for _, what, answer in answers:  # every answer from one build, none a mix
                assert answer in (olds[what], news[what]), (what, answer)
            settled = [(what, answer) for sent, what, answer in answers if sent > swapped + 5.0]
            assert {what for what, _ in settled} == set(olds)
            assert all(answer == news[what] for what, answer in settled)  # new within seconds
            last_old = max((sent for sent, what, a in answers if a == olds[what]), default=swapped)
            print(
                f"\n{len(answers)} answers from {CLIENTS} clients: "
                f"{sum(a == olds[w] for _, w, a in answers)} old, {sum(a == news[w] for _, w, a in answers)} new "
                f"(counts {old_count} -> {new_count}); the last old one sent "
                f"{max(0.0, last_old - swapped):.2f} s after the swap"
            )

            assert search_ids(client, url, later[0].title) >= {later[0].id}
            assert search_ids(client, url, later[1].title) >= {later[1].id}
            assert search_ids(client, url, first[0].title) >= {first[0].id}  # the old ones stay
