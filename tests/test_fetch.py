"""`kg fetch` against the fixture site (tests/fixture_site.py) served over HTTP on 127.0.0.1."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest
from fixture_site import (
    FixtureSite,
    Reply,
    chinese_release,
    house_release,
    index_page,
    index_path,
    malformed_index,
    malformed_release,
    old_english_release,
)

from kg.fetch import FetchOptions, fetch
from kg.fetch.http import USER_AGENT, Politeness, retry_after
from kg.fetch.site import release_links
from kg.model import Rejection
from kg.read import read_paths

MON, TUE, WED, THU, FRI = (date(2023, 9, 4) + timedelta(days=n) for n in range(5))
LATER = date(2023, 9, 20)  # "today" for the runs below: every day above is past and final
QUICK = Politeness(delay=0.02, timeout=2.0, retries=3, backoff=0.05)


def options(site: FixtureSite, out: Path, start: date, end: date, **kw) -> FetchOptions:
    kw.setdefault("politeness", Politeness(**vars(QUICK)))
    return FetchOptions(
        out=out, start=start, end=end, site=site.url, quiet=True, today=kw.pop("today", LATER), **kw
    )


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


@pytest.fixture
def site():
    with FixtureSite() as s:
        yield s


# --- the index parser ----------------------------------------------------------------------


def test_index_links_are_found_in_any_markup_once_each_and_nothing_else():
    releases = [house_release(MON, n) for n in (101, 102, 103)]
    modern = index_page(MON, [*releases, releases[0]], extra=["/gia/general/202309/04/P2023090400101.htm"])
    links = release_links(modern, "http://mirror.test/gia/general/202309/04.htm", "http://mirror.test")
    assert [link.id for link in links] == [r.id for r in releases]  # duplicates once, in page order
    assert links[0].url == "http://mirror.test/gia/general/202309/04/P2023090400101.htm"

    old = index_page(MON, releases, style="prlist")  # relative links in ul#prlist
    assert [
        link.id for link in release_links(old, "http://m.test/gia/general/202309/04.htm", "http://m.test")
    ] == [r.id for r in releases]

    # broken markup; a link to the original host is fetched from the site given
    broken = malformed_index(MON, releases)
    found = release_links(broken, "http://m.test/gia/general/202309/04.htm", "http://m.test")
    assert [link.id for link in found] == [r.id for r in releases]
    assert all(link.url.startswith("http://m.test/gia/general/") for link in found)

    noise = (
        b'<a href="/gia/general/202309/04.htm">day</a><a href="/gia/general/202309/04/P2023090400101p.htm">photo</a>'
        b'<a href="/gia/general/202309/04/P20230904001.htm">short</a><a href="/gia/general/200111/08/1108116.htm">old</a>'
        b'<a href="/gia/general/201202/17/P201202170579.htm">four digits</a>'
    )
    ids = [
        link.id for link in release_links(noise, "http://m.test/gia/general/202309/04.htm", "http://m.test")
    ]
    assert ids == ["gia:200111/08/1108116", "P201202170579"]


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2023, 9, 7, 12, 0, tzinfo=timezone.utc)
    assert retry_after("3", now) == 3
    assert retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert retry_after(format_datetime(now - timedelta(seconds=90), usegmt=True), now) == 0
    assert retry_after("soon", now) is None
    assert retry_after(None, now) is None


# --- a run over several days -----------------------------------------------------------------


def test_fetch_saves_every_release_once_as_published_with_a_manifest(site, tmp_path):
    mon = [house_release(MON, n) for n in (101, 102, 103)]
    site.add_day(MON, mon, extra_links=[mon[0].path, f"https://www.info.gov.hk{mon[1].path}"])  # duplicates
    site.add_day(TUE, [house_release(TUE, 7, digits=4)], style="prlist")  # a 4-digit serial, older index
    site.add_day(WED, [])  # a day with no releases; THU has no index at all (404)
    fri = [house_release(FRI, n) for n in (201, 202)]
    site.put(index_path(FRI), malformed_index(FRI, fri))
    for r in fri:
        site.add_release(r)
    out = tmp_path / "pages"

    summary = fetch(options(site, out, MON, FRI))

    every = [*mon, *fri, house_release(TUE, 7, digits=4)]
    assert sorted(summary.new) == sorted(f"en/{r.day:%Y/%m/%d}/{r.name}" for r in every)
    for r in every:
        assert site.hits(r.path) == 1, r.path
        assert (out / "en" / f"{r.day:%Y/%m/%d}" / r.name).read_bytes() == r.page  # bytes untouched
    assert summary.days == 5 and summary.days_with_releases == 3
    assert summary.days_without_releases == ["2023-09-06 (en)"]
    assert summary.days_not_published == ["2023-09-07 (en)"]
    assert summary.ok and not summary.failed
    text = "\n".join(summary.lines())
    assert "releases: 6 new, 0 unchanged" in text and "not published (index page not found, 404): 1" in text

    entries = [e for e in manifest(out) if e["kind"] == "release"]
    entry = next(e for e in entries if e["id"] == mon[0].id)
    assert entry["language"] == "en" and entry["index_date"] == "2023-09-04" and entry["status"] == 200
    assert entry["url"] == f"{site.url}{mon[0].path}"
    assert entry["sha256"] == hashlib.sha256(mon[0].page).hexdigest() and entry["bytes"] == len(mon[0].page)
    assert entry["etag"] and entry["last_modified"] and entry["fetched_at"]
    assert entry["headers"]["content-type"].startswith("text/html")
    assert all(hit.headers["user-agent"] == USER_AGENT for hit in site.requests())
    assert "hk-press-kg" in USER_AGENT and "https://" in USER_AGENT

    # a second run asks for nothing it has: past days come from the manifest
    before = len(site.requests())
    again = fetch(options(site, out, MON, FRI))
    assert again.new == [] and again.unchanged == 6 and again.ok
    assert [hit.path for hit in site.requests()[before:]] == ["/robots.txt"]


def test_requests_are_one_at_a_time_and_the_delay_apart(site, tmp_path):
    site.add_day(MON, [house_release(MON, n) for n in range(1, 9)])
    fetch(options(site, tmp_path / "p", MON, MON, politeness=Politeness(delay=0.25, timeout=2, retries=0)))
    arrivals = [hit.at for hit in site.requests()]
    assert len(arrivals) == 10  # robots.txt, the index, 8 releases
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.25


def test_default_politeness_is_at_least_a_second_between_requests():
    assert Politeness().delay >= 1.0


# --- faults ----------------------------------------------------------------------------------


def test_errors_are_retried_with_backoff_and_retry_after_obeyed(site, tmp_path):
    rel = [house_release(MON, n) for n in (1, 2, 3, 4)]
    site.add_day(MON, rel)
    site.fail(index_path(MON), Reply(500), Reply(502))  # 5xx twice, then the page
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=3), usegmt=True)
    site.fail(rel[0].path, Reply(503, {"Retry-After": later}))  # the HTTP-date form, 2-3 s ahead
    site.fail(rel[1].path, Reply(429, {"Retry-After": "1"}))  # "come back in a second"
    site.fail(rel[2].path, Reply(200, pause=1.5))  # slower than the time-out
    out = tmp_path / "p"

    summary = fetch(
        options(site, out, MON, MON, politeness=Politeness(delay=0.02, timeout=0.5, retries=3, backoff=0.1))
    )

    assert summary.ok and len(summary.new) == 4
    assert site.hits(index_path(MON)) == 3
    first, second = site.requests(rel[0].path)
    assert (
        second.at - first.at >= 1.2
    )  # an HTTP-date 3 s ahead when set (to the second), not the 0.1 s backoff
    first, second = site.requests(rel[1].path)
    assert second.at - first.at >= 1.0  # Retry-After: 1
    assert site.hits(rel[2].path) == 2  # the slow answer timed out and was asked again
    attempts = [hit.at for hit in site.requests(index_path(MON))]
    assert attempts[2] - attempts[1] >= 2 * (attempts[1] - attempts[0]) * 0.8 - 0.05  # backoff grows
    assert (out / "en/2023/09/04" / rel[2].name).read_bytes() == rel[2].page


def test_backoff_doubles_and_retry_after_is_capped(site):
    from kg.fetch.http import PoliteClient

    site.put("/a.htm", b"<html>a</html>")
    site.fail("/a.htm", Reply(500), Reply(502), Reply(504))
    site.put("/b.htm", b"<html>b</html>")
    site.fail("/b.htm", Reply(429, {"Retry-After": "3600"}), Reply(503, {"Retry-After": "7"}))
    waits: list[float] = []
    gentle = Politeness(delay=0, retries=3, backoff=2, max_wait=300)
    with PoliteClient(gentle, sleep=waits.append) as client:
        assert client.get(f"{site.url}/a.htm").status == 200
        assert waits == [2, 4, 8]
        waits.clear()
        answer = client.get(f"{site.url}/b.htm")
        assert (answer.status, answer.attempts, waits) == (200, 3, [300, 7])


def test_failures_are_reported_and_fetched_on_the_next_run(site, tmp_path):
    rel = [house_release(MON, n) for n in (1, 2)]
    site.add_day(MON, rel)
    site.fail(rel[0].path, Reply(404))
    site.fail(index_path(TUE), *[Reply(500)] * 3)  # still failing after the retries
    site.add_day(TUE, [house_release(TUE, 9)])
    out = tmp_path / "p"

    summary = fetch(
        options(site, out, MON, TUE, politeness=Politeness(delay=0.01, timeout=1, retries=2, backoff=0.02))
    )

    assert not summary.ok
    reasons = {f.what: f.reason for f in summary.failed}
    assert reasons == {
        f"release en {rel[0].id}": "HTTP 404",
        "index en 2023-09-05": "HTTP 500 after 3 attempts",
    }
    assert "failed: release en P2023090400001: HTTP 404" in "\n".join(summary.lines())
    assert [e["error"] for e in manifest(out) if e.get("error")] == ["HTTP 404", "HTTP 500 after 3 attempts"]

    again = fetch(options(site, out, MON, TUE))
    assert again.ok and sorted(again.new) == sorted(
        [f"en/2023/09/04/{rel[0].name}", f"en/2023/09/05/{house_release(TUE, 9).name}"]
    )
    assert site.hits(rel[1].path) == 1


def test_a_release_redirected_to_another_page_is_not_saved_as_the_release(site, tmp_path):
    rel = [house_release(MON, n) for n in (1, 2)]
    site.add_day(MON, rel)
    site.put("/gia/pagenotfound.htm", b"<html><body>The page you requested is not available.</body></html>")
    site.fail(rel[0].path, Reply(302, {"Location": "/gia/pagenotfound.htm"}))
    summary = fetch(options(site, tmp_path, MON, MON))
    assert [(f.what, f.reason) for f in summary.failed] == [
        (f"release en {rel[0].id}", f"redirected to {site.url}/gia/pagenotfound.htm, not a release page")
    ]
    assert summary.new == [f"en/2023/09/04/{rel[1].name}"]
    assert not (tmp_path / "en/2023/09/04" / rel[0].name).exists()


def test_a_failing_run_exits_non_zero_and_prints_the_reason(site, tmp_path):
    site.add_day(MON, [house_release(MON, 1)])
    site.fail(house_release(MON, 1).path, Reply(410))
    args = ("fetch", "--site", site.url, "--from", "2023-09-04", "--to", "2023-09-04", "--out", str(tmp_path))
    args = (*args, "--delay", "0")
    run = _kg(*args)
    assert run.returncode == 1
    assert "failed: release en P2023090400001: HTTP 410" in run.stdout
    run = _kg(*args)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "releases: 1 new, 0 unchanged" in run.stdout


def test_robots_txt_is_obeyed(tmp_path):
    with FixtureSite(robots="User-agent: *\nDisallow: /gia/general/202309/04/P2023090400002.htm\n") as site:
        rel = [house_release(MON, n) for n in (1, 2)]
        site.add_day(MON, rel)
        summary = fetch(options(site, tmp_path, MON, MON))
        assert site.hits(rel[1].path) == 0 and site.hits(rel[0].path) == 1
        assert [(f.what, f.reason) for f in summary.failed] == [
            (f"release en {rel[1].id}", "disallowed by robots.txt")
        ]
    with FixtureSite(robots="User-agent: hk-press-kg\nDisallow: /\n") as site:
        site.add_day(MON, [house_release(MON, 1)])
        summary = fetch(options(site, tmp_path / "2", MON, MON))
        assert [hit.path for hit in site.requests()] == ["/robots.txt"]
        assert summary.failed[0].reason == "disallowed by robots.txt"


# --- pages that change, runs that stop -----------------------------------------------------


def test_an_index_that_grows_during_the_day_is_asked_again_conditionally(site, tmp_path):
    yesterday, today = THU, FRI
    site.add_day(MON, [house_release(MON, 1)])
    site.add_day(yesterday, [house_release(yesterday, 5)])
    site.add_day(today, [house_release(today, 11), house_release(today, 12)])
    out = tmp_path / "p"
    first = fetch(options(site, out, MON, today, today=today))
    assert len(first.new) == 4

    site.add_day(today, [house_release(today, n) for n in (11, 12, 13)])  # a third release at noon
    before = len(site.requests())
    second = fetch(options(site, out, None, None, since_last=True, today=today))

    asked = site.requests()[before:]
    assert [hit.path for hit in asked] == [
        "/robots.txt",
        index_path(yesterday),
        index_path(today),
        house_release(today, 13).path,
    ]  # MON is not asked again; only the new release is fetched
    assert asked[1].headers.get("if-none-match") and asked[1].headers.get("if-modified-since")
    assert asked[1].status == 304 and asked[2].status == 200
    assert second.new == [f"en/2023/09/08/{house_release(today, 13).name}"] and second.unchanged == 3
    assert second.start == yesterday and second.end == today

    # the machine was off for three days; a release came late on the last day read
    site.add_day(today, [house_release(today, n) for n in (11, 12, 13, 14)])
    before = len(site.requests())
    third = fetch(options(site, out, None, None, since_last=True, today=today + timedelta(days=3)))
    asked = site.requests()[before:]
    assert [hit.path for hit in asked][:3] == [
        "/robots.txt",
        index_path(today),
        house_release(today, 14).path,
    ]
    assert asked[1].headers.get("if-none-match")  # read while it could change: asked again, conditionally
    assert third.new == [f"en/2023/09/08/{house_release(today, 14).name}"]
    assert third.days_not_published == ["2023-09-09 (en)", "2023-09-10 (en)", "2023-09-11 (en)"]


def test_since_last_without_an_earlier_run_asks_for_a_start(site, tmp_path):
    with pytest.raises(ValueError, match="--since-last: no earlier fetch"):
        fetch(options(site, tmp_path, None, None, since_last=True))


def test_a_run_killed_mid_way_goes_on_where_it_stopped(site, tmp_path):
    releases = [house_release(MON, n) for n in range(1, 13)] + [house_release(TUE, n) for n in range(1, 13)]
    site.add_day(MON, releases[:12])
    site.add_day(TUE, releases[12:])
    out = tmp_path / "p"
    args = ("fetch", "--site", site.url, "--from", "2023-09-04", "--to", "2023-09-05", "--out", str(out))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args, "--delay", "0.4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # kill in a pause: the pages asked for so far are saved
        asked = sum(site.hits(r.path) for r in releases)
        if asked >= 8 and asked == _saved_lines(out):
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    saved = {e["id"] for e in manifest(out) if e["kind"] == "release"}
    assert 8 <= len(saved) < len(releases)

    run = _kg(*args, "--delay", "0.01")
    assert run.returncode == 0, run.stdout + run.stderr
    for r in releases:
        assert site.hits(r.path) == 1, r.path
        assert (out / "en" / f"{r.day:%Y/%m/%d}" / r.name).read_bytes() == r.page
    assert f"releases: {len(releases) - len(saved)} new, {len(saved)} unchanged" in run.stdout
    ids = [e["id"] for e in manifest(out) if e["kind"] == "release"]
    assert sorted(ids) == sorted(r.id for r in releases)  # one line each


def test_a_page_saved_just_before_a_crash_gets_its_manifest_line(site, tmp_path):
    rel = [house_release(MON, n) for n in (1, 2)]
    site.add_day(MON, rel)
    out = tmp_path / "p"
    fetch(options(site, out, MON, MON))
    lines = (out / "manifest.jsonl").read_text().splitlines(keepends=True)
    cut = [line for line in lines if rel[1].id not in line]
    (out / "manifest.jsonl").write_text("".join(cut) + '{"kind": "release", "id": "P20230')  # cut short
    (out / "en/2023/09/04" / f".{rel[1].name}.tmp-999").write_bytes(b"half a pa")

    summary = fetch(options(site, out, MON, MON))

    assert summary.new == [] and summary.unchanged == 2 and site.hits(rel[1].path) == 1
    assert "1 line(s) cut short" in "\n".join(summary.lines())
    recovered = [e for e in manifest_lines_readable(out) if e.get("recovered")]
    assert [e["id"] for e in recovered] == [rel[1].id]
    assert recovered[0]["sha256"] == hashlib.sha256(rel[1].page).hexdigest()
    assert not list(out.rglob(".*.tmp-*"))


def _saved_lines(out: Path) -> int:
    try:
        return (out / "manifest.jsonl").read_text().count('"kind": "release"')
    except FileNotFoundError:
        return 0


def manifest_lines_readable(out: Path) -> list[dict]:
    entries = []
    for line in (out / "manifest.jsonl").read_text().splitlines():
        with contextlib.suppress(ValueError):
            entries.append(json.loads(line))
    return entries


def test_two_runs_cannot_write_one_folder_at_once(site, tmp_path):
    from kg.fetch.store import Busy, HarvestFolder

    site.add_day(MON, [house_release(MON, 1)])
    holder = HarvestFolder(tmp_path)
    holder.open(site.url)
    try:
        with pytest.raises(Busy, match="another kg fetch"):
            fetch(options(site, tmp_path, MON, MON))
    finally:
        holder.close()


# --- what kg build makes of the folder -----------------------------------------------------


def test_the_folder_is_what_kg_build_reads_legacy_encodings_and_chinese_pages_included(site, tmp_path):
    old_day = date(2001, 11, 8)
    old = old_english_release(old_day, "1108116")
    zh_old = chinese_release(old_day, "1108117")
    site.add_day(old_day, [old], style="prlist")
    site.add_day(old_day, [zh_old], language="zh", style="prlist")
    site.add_day(MON, [house_release(MON, 1), malformed_release(MON, 2)])
    site.add_day(MON, [chinese_release(MON, "P2023090400003", charset="utf-8")], language="zh")
    out = tmp_path / "p"
    for day in (old_day, MON):
        summary = fetch(options(site, out, day, day, languages=("en", "zh")))
        assert summary.ok, summary.lines()
    assert (out / "zh/2001/11/08/1108117.htm").read_bytes() == zh_old.page  # Big5, untouched

    read = list(read_paths([out]))
    releases = {r.id: r for r in read if not isinstance(r, Rejection)}
    rejected = {
        Path(r.source).relative_to(out).as_posix(): r.reason for r in read if isinstance(r, Rejection)
    }
    assert set(releases) == {"gia:200111/08/1108116", "P2023090400001"}
    old_release = releases["gia:200111/08/1108116"]
    assert "\u201cThe meeting reviewed the year\u2019s work" in old_release.text  # windows-1252 decoded
    assert old_release.date == old_day
    assert rejected == {
        "manifest.jsonl": "the manifest of `kg fetch` (what was fetched), not release records",
        "en/2023/09/04/P2023090400002.htm": "HTML page has no #pressrelease element: not a press release page",
        "zh/2001/11/08/1108117.htm": "not an English release (the text is mostly Chinese)",
        "zh/2023/09/04/P2023090400003.htm": "not an English release (the text is mostly Chinese)",
    }


def _kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_a_progress_bar_on_a_terminal_and_none_otherwise(site, tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    site.add_day(MON, [house_release(MON, n) for n in (1, 2, 3)])
    args = [sys.executable, "-m", "kg.cli", "fetch", "--site", site.url, "--from", "2023-09-04"]
    args += ["--to", "2023-09-04", "--delay", "0.05"]
    piped = subprocess.run([*args, "--out", str(tmp_path / "a")], capture_output=True, text=True, check=False)
    assert piped.returncode == 0 and piped.stderr == ""  # not a terminal: no bar

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([*args, "--out", str(tmp_path / "b")], stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    assert proc.wait() == 0
    os.close(leader)
    text = drawn.decode("utf-8", "replace")
    assert "kg fetch:" in text and "1/1" in text and "new 3 unchanged 0 failed 0" in text


def test_ctrl_c_stops_with_a_summary_and_the_next_run_goes_on(site, tmp_path):
    releases = [house_release(MON, n) for n in range(1, 9)]
    site.add_day(MON, releases)
    args = ["fetch", "--site", site.url, "--from", "2023-09-04", "--to", "2023-09-04", "--out", str(tmp_path)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args, "--delay", "0.3"], stdout=subprocess.PIPE, text=True
    )
    while sum(site.hits(r.path) for r in releases) < 3:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "interrupted: run the same command again" in out
    run = _kg(*args, "--delay", "0.01")
    assert run.returncode == 0
    assert all(site.hits(r.path) <= 2 for r in releases)
    assert len([e for e in manifest(tmp_path) if e["kind"] == "release"]) == len(releases)
