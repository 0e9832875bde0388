"""One bad input is that input's rejection, never the batch's: nesting, huge fields, binary files,
pathological text and HTML, extraction that fails, overruns its time limit or kills its worker."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import extract as extract_module
from kg.extract import extract_releases
from kg.iris import Iris
from kg.model import Rejection, Release
from kg.read import read_paths

TEXT = (
    "The Secretary for Security, Mr Tang Ping-keung, said today that the meeting of the committee "
    "was held in Central and discussed the work of the year ahead."
)


def record(number: int, text: str = TEXT) -> dict[str, str]:
    return {
        "id": f"P2024010100{number:03d}",
        "title": f"Release {number}",
        "date": "2024-01-01",
        "text": text,
    }


def read(*paths: Path) -> tuple[list[Release], dict[str, str]]:
    releases, rejected = [], {}
    for item in read_paths(paths):
        if isinstance(item, Rejection):
            rejected[item.source] = item.reason
        else:
            releases.append(item)
    return releases, rejected


def kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=timeout
    )


def test_json_nested_100000_deep_is_one_rejection(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text(
        json.dumps(record(1)) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + json.dumps(record(2)) + "\n"
    )
    releases, rejected = read(tmp_path)
    assert sorted(r.id for r in releases) == ["P2024010100001", "P2024010100002"]
    assert "nested too deeply" in rejected[str(tmp_path / "deep.json")]
    assert "nested too deeply" in rejected[f"{tmp_path / 'deep.jsonl'}:2"]


def test_kg_build_with_a_deeply_nested_file_builds_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (corpus / "good.jsonl").write_text(json.dumps(record(3)) + "\n")
    done = kg("build", str(corpus), "--out", str(tmp_path / "D"), "--no-shacl")
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "D" / "report.json").read_text())
    assert report["releases_read"] == 1
    assert any(
        r["source"].endswith("deep.json") and "nested too deeply" in r["reason"] for r in report["rejected"]
    )


def test_csv_field_over_131072_characters_loses_no_row(tmp_path: Path) -> None:
    path = tmp_path / "bigfield.csv"
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "title", "date", "text"])
        for n in (1, 2):
            out.writerow(record(n).values())
        out.writerow(record(3, "x" * 140_000).values())  # not a release: rejected on its own line
        out.writerow(record(4, (TEXT + " ") * 1_000).values())  # a long release: read
        for n in (5, 6, 7):
            out.writerow(record(n).values())
    releases, rejected = read(path)
    assert sorted(int(r.id[-3:]) for r in releases) == [1, 2, 4, 5, 6, 7]
    assert list(rejected) == [f"{path}:4"]
    assert "fewer than 8 English words" in rejected[f"{path}:4"]


def test_an_impossible_issue_time_is_left_out_not_fatal(tmp_path: Path) -> None:
    page = f"Title here\n\n   {TEXT}\n\nEnds/Monday, January 1, 2024\nIssued at HKT 25:61\n"
    (tmp_path / "P2024010100095.txt").write_text(page)
    (tmp_path / "P2024010100096.txt").write_text(page.replace("25:61", "09:30"))
    releases, rejected = read(tmp_path)
    assert rejected == {}
    assert [(r.id, r.issued and r.issued.hour) for r in releases] == [
        ("P2024010100095", None),
        ("P2024010100096", 9),
    ]


def test_png_without_nul_in_its_first_4kb_is_not_a_release(tmp_path: Path) -> None:
    body = bytes(b for b in range(1, 256)) * 40  # no NUL byte anywhere
    (tmp_path / "P2024010100050.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    (tmp_path / "P2024010100051.txt").write_bytes(b"PNG\r\n" + body)  # no known signature: the bytes tell
    noise = random.Random(7)
    (tmp_path / "P2024010100052.txt").write_bytes(bytes(noise.randrange(1, 256) for _ in range(8000)))
    releases, rejected = read(tmp_path)
    assert releases == []
    assert rejected[str(tmp_path / "P2024010100050.txt")] == "binary file (a PNG image), not a press release"
    for name in ("P2024010100051.txt", "P2024010100052.txt"):
        assert "% control characters), not a press release" in rejected[str(tmp_path / name)], rejected


def test_legacy_and_utf16_text_is_still_text(tmp_path: Path) -> None:
    page = f"Café licences issued\n\n   {TEXT} The café — naïve façade.\n\nEnds/Monday, January 1, 2024\n"
    (tmp_path / "P2024010100060.txt").write_bytes(page.encode("cp1252"))
    (tmp_path / "P2024010100061.txt").write_bytes(page.encode("utf-16"))
    releases, rejected = read(tmp_path)
    assert rejected == {}
    assert [r.title for r in releases] == ["Café licences issued"] * 2


@pytest.mark.parametrize(
    "page",
    [
        "Title\n" + "\n" * 1_000_000 + f"   {TEXT}\nEnds/ Monday",  # blank lines before a footer
        "Title\n" + " " * 200_000 + "x\n**********\n" + TEXT,  # a line of spaces before a rule
        " " * 300_000 + "x\n" + TEXT,  # a headline of spaces
    ],
    ids=["blank-lines", "spaces-then-rule", "spaces-headline"],
)
def test_pathological_page_text_is_read_in_linear_time(tmp_path: Path, page: str) -> None:
    # each of these took hours (a regular expression backtracking in the square or cube of the line)
    path = tmp_path / "P2024010100070.txt"
    path.write_text(page)
    code = f"from kg.read import read_paths; from pathlib import Path; print(len(list(read_paths([Path({str(path)!r})]))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr


def test_html_nested_100000_deep_is_rejected_not_parsed_for_minutes(tmp_path: Path) -> None:
    n = 100_000
    page = f"<html><body><div id='pressrelease'>{'<div>' * n}{TEXT} P2024010100080{'</div>' * n}</div></body></html>"
    (tmp_path / "P2024010100080.htm").write_text(page)
    (tmp_path / "good.jsonl").write_text(json.dumps(record(81)) + "\n")
    started = time.monotonic()
    releases, rejected = read(tmp_path)
    assert time.monotonic() - started < 30  # parsing it took 78 s, and the square of the depth
    assert [r.id for r in releases] == ["P2024010100081"]
    assert "nested 100001 elements deep" in rejected[str(tmp_path / "P2024010100080.htm")]


def test_unreadable_declared_charset_falls_back(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="unicode_escape"></head><body><span id="PRHeadlineSpan">Caf\\xe9 opens</span>'
        f'<div id="pressrelease">{TEXT}<br>Ends/Monday, January 1, 2024</div></body></html>'
    )
    (tmp_path / "P2024010100090.htm").write_text(page)
    releases, rejected = read(tmp_path)
    assert rejected == {}
    assert releases[0].title == "Caf\\xe9 opens"  # the text as written, not "Café" from an escape codec


def releases_of(count: int) -> list[Release]:
    from datetime import date

    return [
        Release(id=f"P20240101{n:05d}", date=date(2024, 1, 1), text=TEXT, source=f"r{n}.txt", title=f"R{n}")
        for n in range(count)
    ]


def slow_on(victim: str, action):
    real = extract_module.recognise

    def recognise(release: Release):
        if release.id == victim:
            action()
        return real(release)

    return recognise


def spin() -> None:
    while True:
        pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_release_past_the_time_limit_is_rejected_and_the_batch_goes_on(monkeypatch, jobs: int) -> None:
    # with 2 jobs and 200+ releases the extraction runs in worker processes (forked: they see the patch)
    releases = releases_of(240 if jobs > 1 else 3)
    victim = releases[1]
    monkeypatch.setattr(extract_module, "recognise", slow_on(victim.id, spin))
    started = time.monotonic()
    items = list(extract_releases(releases, Iris(), jobs=jobs, seconds=0.5))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [(r.source, r.reason) for r in rejected] == [
        (victim.source, "extraction took longer than the time limit of 0.5 s per release")
    ]
    assert len(items) == len(releases)
    assert time.monotonic() - started < 60


@pytest.mark.skipif(sys.platform != "linux", reason="forked workers see the patched recogniser")
def test_release_that_kills_its_worker_is_rejected_alone(monkeypatch) -> None:
    releases = releases_of(240)
    victim = releases[150]
    monkeypatch.setattr(extract_module, "recognise", slow_on(victim.id, lambda: os._exit(9)))
    items = list(extract_releases(releases, Iris(), jobs=2))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [(r.source, r.reason) for r in rejected] == [
        (victim.source, "extraction failed: its worker process died")
    ]
    assert sorted(i.release_id for i in items if not isinstance(i, Rejection)) == sorted(
        r.id for r in releases if r is not victim
    )


def test_a_folder_that_cannot_be_listed_is_named_not_skipped(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.jsonl").write_text(json.dumps(record(1)) + "\n")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "lost.jsonl").write_text(json.dumps(record(2)) + "\n")
    listing = os.scandir

    def scandir(path=None):  # as for a folder without read permission (the tests run as root)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    releases, rejected = read(tmp_path)
    assert [r.id for r in releases] == ["P2024010100001"]
    assert rejected == {str(tmp_path / "locked"): "cannot read folder: Permission denied"}
