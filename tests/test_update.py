"""`kg build --update`: adding or replacing releases gives the same graph as a full rebuild."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import BuildReport, build
from kg.paths import SAMPLE_DIR
from kg.store import open_store

GENERATE = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


def dataset(out: Path) -> set[ox.Quad]:
    return set(open_store(out).quads_for_pattern(None, None, None, None))


def graph(out: Path, name: str) -> set[ox.Triple]:
    return {q.triple for q in open_store(out).quads_for_pattern(None, None, None, ox.NamedNode(name))}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("full") / "graph"
    build([SAMPLE_DIR], out, shacl=False)
    return out


def test_adding_releases_equals_a_full_rebuild(full: Path, tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for path in SAMPLE_DIR.iterdir():
        if path.suffix in {".txt", ".htm", ".jsonl", ".csv"}:
            shutil.copy(path, (later if path.suffix in {".htm", ".csv"} else first) / path.name)
    out = tmp_path / "graph"
    build([first], out, shacl=False)
    report = build([later], out, shacl=False, update=True)
    assert report.releases_read == 2
    assert dataset(out) == dataset(full)
    inferred = "https://w3id.org/hkpr/id/graph/inferred"
    assert graph(out, inferred) == graph(full, inferred)
    same_dumps(out, full)


def same_dumps(a: Path, b: Path) -> None:
    """The dumps of two builds byte for byte (users mirror them and compare SHA256SUMS)."""
    for name in ("hkpr.nq.gz", "hkpr.jsonld.gz", "hkpr.nt.gz", "hkpr.ttl.gz", "SHA256SUMS"):
        assert (a / "dumps" / name).read_bytes() == (b / "dumps" / name).read_bytes(), name


def copy_with_seed_changed(full: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the full build, and the seed release rewritten to speak of the 12th meeting."""
    out = tmp_path / "graph"
    shutil.copytree(full, out)
    seed = (SAMPLE_DIR / "P2023090700255.txt").read_text()
    changed = tmp_path / "P2023090700255.txt"
    changed.write_text(seed.replace("10th meeting", "12th meeting"))
    return out, changed


def test_a_release_read_again_replaces_its_graph(full: Path, tmp_path: Path) -> None:
    out, changed = copy_with_seed_changed(full, tmp_path)
    build([changed], out, shacl=False, update=True)
    ordinals = {
        int(row["n"].value)
        for row in open_store(out).query(
            "SELECT ?n WHERE { GRAPH <https://w3id.org/hkpr/id/release/P2023090700255> "
            "{ ?m <https://w3id.org/hkpr/ontology#ordinal> ?n } }"
        )
    }
    assert ordinals == {12}
    # the rest of the graph is untouched: the other releases' graphs are as they were
    other = "https://w3id.org/hkpr/id/release/P2024011800412"
    assert graph(out, other) == graph(full, other)
    # and what was inferred from the old 10th meeting is gone
    assert not open_store(out).query(
        "ASK { <https://w3id.org/hkpr/id/meeting/joint-task-force-on-the-development-of-the-hong-kong-shenzhen-"
        "innovation-and-technology-park-in-the-loop/10> ?p ?o }"
    )


def test_update_needs_a_built_graph(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="--update needs a built graph"):
        build([SAMPLE_DIR], tmp_path / "none", update=True)


def dumps_match_store(out: Path) -> None:
    """Every dump holds what the store holds (named graphs, or their merge)."""
    store = open_store(out)
    named = {q for q in store if q.graph_name != ox.DefaultGraph()}
    merged = {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert merged == {q.triple for q in named}
    for suffix, fmt in (("nq", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):
        assert (
            set(ox.parse(gzip.decompress((out / f"dumps/hkpr.{suffix}.gz").read_bytes()), format=fmt))
            == named
        )
    for suffix, fmt in (("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE)):
        data = gzip.decompress((out / f"dumps/hkpr.{suffix}.gz").read_bytes())
        assert {q.triple for q in ox.parse(data, format=fmt)} == merged


def same_report(a: BuildReport, b: BuildReport) -> None:
    for name in (
        "triples_asserted",
        "triples_inferred",
        "triples_total",
        "facts",
        "shacl_conforms",
        "counts",
    ):
        assert getattr(a, name) == getattr(b, name), name
    key = itemgetter("focus", "path", "message")
    assert sorted(map(key, a.shacl_results)) == sorted(map(key, b.shacl_results))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus of 300 releases, page texts in month folders."""
    folder = tmp_path_factory.mktemp("generated") / "corpus"
    subprocess.run(
        [
            sys.executable,
            str(GENERATE),
            "--releases",
            "300",
            "--out",
            str(folder),
            "--format",
            "txt",
            "--seed",
            "5",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder


def test_updates_in_place_equal_a_full_rebuild_on_a_generated_corpus(generated: Path, tmp_path: Path) -> None:
    files = sorted(generated.rglob("*.txt"))
    first, day = files[:240], files[240:]
    # the day's releases: 60 new ones, and 15 earlier ones read again with a changed text
    changed = tmp_path / "changed"
    changed.mkdir()
    for path in first[::16]:
        text = path.read_text()
        (changed / path.name).write_text(text.replace("meeting", "special meeting", 1))
    full = tmp_path / "full"
    full_report = build([*day, changed, *(p for p in first if not (changed / p.name).exists())], full)
    out = tmp_path / "graph"
    build(first, out)
    report = build([*day, changed], out, update=True)
    assert any(note.startswith("updated in place") for note in report.notes), report.notes
    assert dataset(out) == dataset(full)
    same_report(report, full_report)
    dumps_match_store(out)
    same_dumps(out, full)


def test_an_update_in_place_keeps_dumps_and_report_true(full: Path, tmp_path: Path) -> None:
    out, changed = copy_with_seed_changed(full, tmp_path)
    report = build([changed], out, update=True)
    assert any(note.startswith("updated in place: 0 release(s) added, 1 replaced") for note in report.notes)
    dumps_match_store(out)
    rebuilt = build(
        [p for p in SAMPLE_DIR.iterdir() if p.name != changed.name] + [changed], tmp_path / "rebuilt"
    )
    assert dataset(out) == dataset(tmp_path / "rebuilt")
    same_report(report, rebuilt)
    same_dumps(out, tmp_path / "rebuilt")


def test_a_last_build_without_dumps_is_updated_by_a_full_rebuild(full: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph"
    shutil.copytree(full, out)
    shutil.rmtree(out / "dumps")
    report = build([SAMPLE_DIR / "P2023090700255.txt"], out, shacl=False, update=True)
    assert report.notes == ["updated by a full rebuild: the last build has no dumps/hkpr.nq.gz"]
    assert dataset(out) == dataset(full)
    dumps_match_store(out)
    same_dumps(out, full)


def test_a_build_in_worker_processes_equals_one_in_a_single_process(generated: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    report_one = build([generated], one, jobs=1)
    report_two = build([generated], two, jobs=2)
    assert report_two.releases_read == report_one.releases_read == 300
    assert dataset(two) == dataset(one)
    same_report(report_two, report_one)
    same_dumps(two, one)


def test_a_damaged_last_dump_is_updated_by_a_full_rebuild(full: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph"
    shutil.copytree(full, out)
    nq = out / "dumps" / "hkpr.nq.gz"
    nq.write_bytes(nq.read_bytes()[: nq.stat().st_size // 2])  # cut short, as a failing disk leaves it
    report = build([SAMPLE_DIR / "P2023090700255.txt"], out, shacl=False, update=True)
    assert report.notes == [
        "updated by a full rebuild: the update in place failed "
        "(ValueError: hkpr.nq.gz is not the size its members add up to)"
    ]
    assert dataset(out) == dataset(full)
    same_dumps(out, full)


def test_a_dump_damaged_where_the_update_would_copy_it_is_caught(full: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph"
    shutil.copytree(full, out)
    nt = out / "dumps" / "hkpr.nt.gz"
    data = bytearray(nt.read_bytes())
    data[len(data) // 2] ^= 1  # one bit flipped in a member the update copies without reading it
    nt.write_bytes(bytes(data))
    report = build([SAMPLE_DIR / "P2023090700255.txt"], out, shacl=False, update=True)
    assert report.notes[0].startswith("updated by a full rebuild: the update in place failed (ValueError: ")
    assert dataset(out) == dataset(full)
    same_dumps(out, full)
