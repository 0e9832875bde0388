"""The `kg` command as a user runs it: formats, exit codes, messages on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.paths import SAMPLE_DIR


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def nquads() -> bytes:
    result = kg("extract", str(SAMPLE_DIR))
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_extract_nquads_keeps_a_graph_per_release(nquads: bytes) -> None:
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert len(graphs) == 5
    assert all(g.startswith("https://w3id.org/hkpr/id/release/") for g in graphs)
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("trig", "trig"), ("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_extract_formats_parse_to_the_same_triples(nquads: bytes, fmt: str, rdflib_format: str) -> None:
    result = kg("extract", "--format", fmt, str(SAMPLE_DIR))
    assert result.returncode == 0, result.stderr.decode()
    expected = {q.triple for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}
    if fmt == "trig":
        ds = rdflib.Dataset()
        ds.parse(data=result.stdout, format="trig")
        assert len(list(ds.graphs())) >= 6  # five releases + the default graph
        assert len({(s, p, o) for s, p, o, _ in ds.quads()}) == len(expected)
    else:
        g = rdflib.Graph().parse(data=result.stdout, format=rdflib_format)
        assert len(g) == len(expected)


def test_rejections_are_named_on_stderr_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    result = kg("extract", str(tmp_path / "broken.txt"), str(SAMPLE_DIR / "P2023090700255.txt"))
    assert result.returncode == 0
    assert f"{tmp_path / 'broken.txt'}: binary file" in result.stderr.decode()
    assert b"release/P2023090700255" in result.stdout
    strict = kg("extract", "--strict", str(tmp_path / "broken.txt"), str(SAMPLE_DIR / "P2023090700255.txt"))
    assert strict.returncode == 1


def test_nothing_readable_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = kg("extract", str(tmp_path))
    assert result.returncode == 1
    assert "empty file" in result.stderr.decode()


def test_bad_arguments_exit_2() -> None:
    assert kg("extract", "--format", "xml", str(SAMPLE_DIR)).returncode == 2
    assert kg("build", str(SAMPLE_DIR)).returncode == 2  # --out is required
    assert kg().returncode == 2


def test_build_then_query(tmp_path: Path) -> None:
    out = tmp_path / "graph"
    result = kg("build", str(SAMPLE_DIR), "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    assert "releases read: 5" in text and "releases rejected: 0" in text and "SHACL: conforms" in text
    query = "SELECT ?name WHERE { ?m hkpr:ordinal 10 ; hkpr:chair/foaf:name ?name } ORDER BY ?name"
    answer = kg("query", "--data", str(out), query)
    assert answer.returncode == 0, answer.stderr.decode()
    assert "Sun Dong" in answer.stdout.decode() and "Wang Shourui" in answer.stdout.decode()
    malformed = kg("query", "--data", str(out), "SELEC ?x WHERE {")
    assert malformed.returncode == 2 and "malformed query" in malformed.stderr.decode()


def test_build_to_unwritable_place_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = kg("build", str(SAMPLE_DIR), "--out", str(blocker / "graph"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr.decode()


def test_build_update_keeps_the_releases_already_built(tmp_path: Path) -> None:
    out = tmp_path / "graph"
    seed = SAMPLE_DIR / "P2023090700255.txt"
    others = [str(p) for p in SAMPLE_DIR.iterdir() if p.suffix in {".txt", ".htm"} and p != seed]
    assert kg("build", *others, "--out", str(out), "--validator", "pyshacl").returncode == 0
    assert '"validator": "pyshacl"' in (out / "report.json").read_text()
    result = kg("build", str(seed), "--out", str(out), "--update")
    assert result.returncode == 0, result.stderr.decode()
    assert b"updated in place: 1 release(s) added, 0 replaced" in result.stdout
    graphs = {g.value for g in ox.Store.read_only(str(out / "store")).named_graphs()}
    assert "https://w3id.org/hkpr/id/release/P2023090700255" in graphs
    assert sum(g.startswith("https://w3id.org/hkpr/id/release/") for g in graphs) == len(others) + 1


def test_recognise_prints_each_record_with_the_form_that_made_it(tmp_path: Path) -> None:
    import json

    from kg.recognise.forms import all_forms

    (tmp_path / "broken.txt").write_bytes(b"\x00\x01")
    result = kg("recognise", "--json", str(tmp_path / "broken.txt"), str(SAMPLE_DIR / "P2023090700255.txt"))
    assert result.returncode == 0, result.stderr.decode()
    assert b"broken.txt" in result.stderr  # the rejection is named, the rest goes on
    (found,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert found["id"] == "P2023090700255"
    (meeting,) = found["meetings"]
    assert meeting["ordinal"] == 10 and meeting["chairs"] == ["Sun Dong", "Wang Shourui"]
    forms = {f.name for f in all_forms()}
    for kind in ("tenures", "organisations", "zones", "meetings"):
        assert found[kind] and all(record["form"] in forms for record in found[kind]), kind
    assert found["abbreviations"]["CEDD"] == "Civil Engineering and Development Department"
    listing = kg("recognise", str(SAMPLE_DIR / "P2023090700255.txt")).stdout.decode()
    assert f"form: {meeting['form']}" in listing
