"""`kg build --update`: adding or replacing releases gives the same graph as a full rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.paths import SAMPLE_DIR
from kg.store import open_store


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


def test_a_release_read_again_replaces_its_graph(full: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph"
    shutil.copytree(full, out)
    seed = (SAMPLE_DIR / "P2023090700255.txt").read_text()
    changed = tmp_path / "P2023090700255.txt"
    changed.write_text(seed.replace("10th meeting", "12th meeting"))
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
