"""`kg sync`: fetch from the fixture site, then build or update the graph, and query it."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from fixture_site import FixtureSite, house_release

from kg.fetch.harvest import site_today

RELEASE_IDS = """PREFIX hkpr: <https://w3id.org/hkpr/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?id WHERE { ?r a hkpr:PressRelease ; dct:identifier ?id } ORDER BY ?id"""


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=600, check=False
    )


def release_ids(data: Path) -> list[str]:
    run = kg("query", "--data", str(data), "--format", "csv", RELEASE_IDS)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()[1:]


@pytest.fixture
def site():
    with FixtureSite() as s:
        yield s


def test_sync_builds_then_updates_the_graph_with_what_is_new(site, tmp_path):
    today = site_today()  # kg sync works on the site's calendar: the fixture's days are around today
    days = [today - timedelta(days=n) for n in (2, 1, 0)]
    first = [house_release(days[0], 1), house_release(days[0], 2), house_release(days[1], 3)]
    site.add_day(days[0], first[:2])
    site.add_day(days[1], first[2:])
    site.add_day(days[2], [])  # nothing yet today
    data, pages = tmp_path / "data", tmp_path / "pages"
    sync = ("sync", "--data", str(data), "--pages", str(pages), "--site", site.url, "--delay", "0.02")

    run = kg(*sync, "--from", days[0].isoformat())
    assert run.returncode == 0, run.stdout + run.stderr
    assert "releases: 3 new" in run.stdout and "building" in run.stdout
    assert release_ids(data) == sorted(r.id for r in first)

    noon = [house_release(days[2], 4), house_release(days[2], 5)]
    site.add_day(days[2], noon)  # today's index grows
    run = kg(*sync)  # no --from: from the last day fetched
    assert run.returncode == 0, run.stdout + run.stderr
    assert "releases: 2 new, 1 unchanged" in run.stdout and "updating" in run.stdout
    assert release_ids(data) == sorted(r.id for r in [*first, *noon])
    assert all(site.hits(r.path) == 1 for r in [*first, *noon])
    assert site.hits(f"/gia/general/{days[0]:%Y%m/%d}.htm") == 1  # a past day is not asked again

    # pages fetched by a plain kg fetch in between are built by the next sync
    late = house_release(days[2], 6)
    site.add_day(days[2], [*noon, late])
    fetched = kg("fetch", "--out", str(pages), "--since-last", "--site", site.url, "--delay", "0.02")
    assert fetched.returncode == 0 and "releases: 1 new" in fetched.stdout
    run = kg(*sync)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "releases: 0 new" in run.stdout and "updating" in run.stdout
    assert late.id in release_ids(data)

    run = kg(*sync)
    assert run.returncode == 0 and "nothing new to build" in run.stdout


def test_sync_reports_a_failed_fetch_but_builds_what_came(site, tmp_path):
    today = site_today()
    good, gone = house_release(today, 1), house_release(today, 2)
    site.add_day(today, [good, gone])
    site.pages.pop(gone.path)  # listed, but not there (404)
    data = tmp_path / "data"
    run = kg(
        *("sync", "--data", str(data), "--pages", str(tmp_path / "p"), "--site", site.url),
        *("--from", today.isoformat(), "--delay", "0.02"),
    )
    assert run.returncode == 1
    assert f"failed: release en {gone.id}: HTTP 404" in run.stdout
    assert release_ids(data) == [good.id]
