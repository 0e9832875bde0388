"""The synthetic corpus generator (bench/generate.py): deterministic, readable, its gold true to its text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from kg.model import Rejection, Release
from kg.read import read_paths

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "bench" / "generate.py"
N = 400


def generate(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(GENERATE), "--out", str(out), *args], capture_output=True, text=True, timeout=120
    )


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "corpus"
    done = generate(out, "--releases", str(N), "--seed", "3", "--format", "mixed", "--gold")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def year_gold(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The gold of a year's releases (the archive publishes tens of thousands a year)."""
    out = tmp_path_factory.mktemp("year") / "corpus"
    done = generate(out, "-n", "600", "--start", "2023-01-01", "--end", "2023-12-31", "--gold")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in (out.parent / "corpus.gold.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def read(corpus: Path) -> list[Release | Rejection]:
    return list(read_paths([corpus]))


@pytest.fixture(scope="module")
def gold(corpus: Path) -> dict[str, dict]:
    lines = (corpus.parent / "corpus.gold.jsonl").read_text().splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def test_same_seed_same_corpus_other_seed_other_corpus(corpus: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    assert generate(again, "-n", str(N), "--seed", "3", "--format", "mixed", "--gold").returncode == 0
    assert generate(other, "-n", str(N), "--seed", "4", "--format", "mixed").returncode == 0
    assert files(again) == files(corpus)
    assert (tmp_path / "again.gold.jsonl").read_bytes() == (corpus.parent / "corpus.gold.jsonl").read_bytes()
    assert files(other) != files(corpus)


def test_every_release_is_read_with_an_id_that_matches_its_date(read: list) -> None:
    assert [r for r in read if isinstance(r, Rejection)] == []
    ids = [r.id for r in read]
    assert len(ids) == N and len(set(ids)) == N
    for r in read:
        assert re.fullmatch(r"P\d{8}\d{5}", r.id), r.id
        assert r.date == date(int(r.id[1:5]), int(r.id[5:7]), int(r.id[7:9])), r.id
        assert r.title


def test_mixed_format_writes_page_text_jsonl_and_csv(corpus: Path, read: list) -> None:
    suffixes = Counter(Path(r.source.split(":")[0]).suffix for r in read)
    assert set(suffixes) == {".txt", ".jsonl", ".csv"}
    assert all(len(r.title) < 250 for r in read)
    page = next(p for p in corpus.rglob("*.txt"))
    text = page.read_text()
    assert (
        re.search(r"^Ends/\w+day, \w+ \d{1,2}, \d{4}$", text, re.M)
        and "Issued at HKT" in text
        and "NNNN" in text
    )


def test_single_formats_lay_files_out_as_documented(tmp_path: Path) -> None:
    for fmt in ("txt", "jsonl", "csv"):
        out = tmp_path / fmt
        assert (
            generate(
                out, "-n", "60", "--format", fmt, "--start", "2024-01-01", "--end", "2024-03-31"
            ).returncode
            == 0
        )
        found = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        if fmt == "txt":
            assert len(found) == 60 and all(re.fullmatch(r"2024/0[123]/P2024\d{9}\.txt", f) for f in found)
        else:
            assert found == [f"releases-2024-0{m}.{fmt}" for m in (1, 2, 3)]
        items = list(read_paths([out]))
        assert len(items) == 60 and all(isinstance(r, Release) for r in items)


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    done = generate(tmp_path, "-n", "5")
    assert done.returncode == 2 and "not an empty folder" in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_gold_facts_appear_in_the_text(read: list, gold: dict) -> None:
    assert set(gold) == {r.id for r in read}

    def said(entry: str, text: str) -> bool:
        return any(form in text for form in entry.split("|"))

    for r in read:
        g, text = gold[r.id], "\n".join([r.text, *r.captions])
        for t in g["tenures"]:
            assert f"{t['honorific']} {t['person']}" in text and t["post"] in text, (r.id, t)
        for entry in g["organisations"] + g["zones"]:
            assert said(entry, text), (r.id, entry)
        for m in g["meetings"]:
            assert said(m["body"], text), (r.id, m["body"])
            assert set(m["chairs"]) <= set(m["participants"])
            for name in m["participants"]:
                assert name in text, (r.id, name)
            for entry in m["represented"]:
                assert said(entry, text) and entry in g["organisations"], (r.id, entry)
            if m["location"]:
                assert m["location"] in text and m["mode"] == "in-person"


def test_gold_has_the_shape_of_the_eval_format(gold: dict) -> None:
    keys = {"id", "meetings", "tenures", "organisations", "zones"}
    meeting_keys = {"body", "ordinal", "date", "location", "mode", "chairs", "participants", "represented"}
    for g in gold.values():
        assert set(g) == keys
        for m in g["meetings"]:
            assert set(m) == meeting_keys and m["mode"] in (None, "video", "in-person")
            date.fromisoformat(m["date"])
        for t in g["tenures"]:
            assert set(t) == {"person", "post", "honorific"}
    # noise: a good share of releases state no fact at all
    empty = [g for g in gold.values() if not any(g[k] for k in keys - {"id"})]
    assert len(empty) > N // 10


def test_entities_repeat_as_in_reality(year_gold: list[dict]) -> None:
    bodies = Counter(m["body"].split("|")[0] for g in year_gold for m in g["meetings"])
    meetings = sum(bodies.values())
    assert meetings > 100
    assert sum(n for _, n in bodies.most_common(10)) / meetings > 0.4  # a few bodies meet often
    assert len(bodies) > 30  # and many rarely
    people = Counter(t["person"] for g in year_gold for t in g["tenures"])
    mentions = sum(people.values())
    assert people.most_common(1)[0][1] >= 20
    assert sum(n for _, n in people.most_common(10)) / mentions > 0.15
    assert len(people) < mentions / 2


def test_ordinals_rise_with_dates_and_posts_change_holders(gold: dict) -> None:
    by_body: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for g in sorted(gold.values(), key=lambda g: g["id"]):
        for m in g["meetings"]:
            if m["ordinal"]:
                by_body[m["body"].split("|")[0]].append((m["date"], m["ordinal"]))
    for body, seen in by_body.items():
        ordinals = [n for _, n in seen]
        assert len(set(ordinals)) == len(ordinals), body  # one meeting per ordinal
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rid, g in gold.items():
        for t in g["tenures"]:
            holders[t["post"]][rid[1:9]].add(t["person"])
    assert all(len(people) == 1 for days in holders.values() for people in days.values())
    changed = [post for post, days in holders.items() if len(set().union(*days.values())) > 1]
    assert "Chief Executive" in changed and len(changed) > 10
