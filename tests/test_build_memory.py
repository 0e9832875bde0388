"""`kg build --memory`: a build that sorts the merged graph on disk in many small runs writes the
same graph as one that holds it all in memory, byte for byte and quad for quad."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_validate import BROKEN, turtle

from kg import counts, derived_graphs, extsort
from kg.build import BuildReport, _write_graph, build
from kg.extract import ExtractedRelease
from kg.iris import DEFAULT_BASE, Iris
from kg.memory import parse_size
from kg.reason.batched import BatchedReasoning
from kg.validate_fast import validate_store

ROOT = Path(__file__).resolve().parent.parent
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "releases"
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--releases", "300", "--out", str(out)]
    subprocess.run([*command, "--seed", "5", "--start", "2024-01-01", "--end", "2024-03-31"], check=True)
    return out


def quads(folder: Path) -> list[bytes]:
    store = ox.Store.read_only(str(folder / "store"))
    return sorted(ox.serialize([q], format=ox.RdfFormat.N_QUADS) for q in store)


def test_a_tiny_memory_setting_builds_the_same_graph(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    spills: list[int] = [0]  # the sorted runs the sorts in Python write
    original_spill = extsort.SortedLines.spill

    def counting(self):
        spills[0] += bool(self._held)
        original_spill(self)

    monkeypatch.setattr(extsort.SortedLines, "spill", counting)
    made: list[int] = []  # the node batches of each reasoning and SHACL pass
    original_batches = derived_graphs.key_spans

    def counted(files, limit):
        made.append(0)
        for batch in original_batches(files, limit):
            made[-1] += 1
            yield batch

    monkeypatch.setattr(derived_graphs, "key_spans", counted)
    with monkeypatch.context() as no_sort:  # the sorts in Python, as on a machine without sort(1)
        no_sort.setattr(extsort.shutil, "which", lambda name: None)
        small = build([corpus], tmp_path / "small", memory=parse_size("64k"))
    assert spills[0] > 20  # sorted on disk in many runs
    large = build([corpus], tmp_path / "large", memory=parse_size("4G"))
    assert made[0] > 5 and made[1] > 5 and made[2:] == [1, 1]  # reasoning, SHACL: many batches against one
    for name in ("hkpr.nq.gz", "hkpr.nt.gz", "hkpr.ttl.gz", "hkpr.jsonld.gz", "SHA256SUMS"):
        assert (tmp_path / "small" / "dumps" / name).read_bytes() == (
            tmp_path / "large" / "dumps" / name
        ).read_bytes(), name
    assert quads(tmp_path / "small") == quads(tmp_path / "large")
    timing = ("seconds", "cpu_seconds", "memory_mb", "out")
    reports = [json.loads((tmp_path / n / "report.json").read_text()) for n in ("small", "large")]
    kept = [{k: v for k, v in r.items() if k not in timing} for r in reports]
    assert kept[0] == kept[1]
    assert small.triples_total == large.triples_total > 0
    assert (
        small.counts
        == counts.of_store(ox.Store.read_only(str(tmp_path / "small" / "store")), small.base).as_dict()
    )
    assert not [p for p in (tmp_path / "small").iterdir() if p.name.startswith("sort-")]


def test_memory_sizes_are_read_and_bad_ones_named() -> None:
    assert parse_size("2G") == 2 * 2**30
    assert parse_size("512m") == 512 * 2**20
    assert parse_size("1.5GiB") == 3 * 2**29
    for bad in ("", "lots", "-1G", "0"):
        with pytest.raises(ValueError, match="not a size"):
            parse_size(bad)


def test_a_dump_compresses_alike_however_its_content_was_written(tmp_path: Path) -> None:
    from kg import dumps

    rng = random.Random(0)
    words = ["".join(rng.choices("abcdefghijklmnop", k=rng.randint(2, 9))) for _ in range(3000)]
    text = "".join(
        f'<https://e.org/{rng.choice(words)}/{rng.randint(0, 99999)}> <https://e.org/p> "{rng.choice(words)}" .\n'
        for _ in range(20000)
    ).encode()
    sums = []
    for name, pieces in (
        ("whole", [text]),
        ("pieces", [text[i : i + 50_000] for i in range(0, len(text), 50_000)]),
        ("lines", text.splitlines(keepends=True)),
    ):
        writer = dumps.DumpWriter(tmp_path / name)
        try:
            sums.append(writer.finish(lambda pieces=pieces: pieces))
        finally:
            writer.close()
    assert sums[0] == sums[1] == sums[2]


def same_graph(a: Path, b: Path) -> None:
    """Two builds wrote the same graph: dumps byte for byte, the store quad for quad, the report."""
    for name in ("hkpr.nq.gz", "hkpr.nt.gz", "hkpr.ttl.gz", "hkpr.jsonld.gz", "SHA256SUMS"):
        assert (a / "dumps" / name).read_bytes() == (b / "dumps" / name).read_bytes(), name
    assert quads(a) == quads(b)
    timing = ("seconds", "cpu_seconds", "memory_mb", "out")
    first, second = (
        {k: v for k, v in json.loads((f / "report.json").read_text()).items() if k not in timing}
        for f in (a, b)
    )
    assert first == second


def test_batches_in_worker_processes_build_the_same_graph(corpus: Path, tmp_path: Path) -> None:
    build([corpus], tmp_path / "one", memory=parse_size("64k"))
    build([corpus], tmp_path / "two", memory=parse_size("64k"), jobs=2)
    same_graph(tmp_path / "one", tmp_path / "two")


def test_jobs_0_gives_the_reasoning_and_shacl_batches_a_process_per_core(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    asked: list[int] = []
    original = derived_graphs.run_batches

    def recorded(make, args, method, batches, jobs):
        asked.append(jobs)
        return original(make, args, method, batches, 1)  # (in this process: the test needs no more)

    monkeypatch.setattr(derived_graphs, "run_batches", recorded)
    monkeypatch.setattr("kg.batch_workers.os.cpu_count", lambda: 3)
    build([corpus], tmp_path / "out", memory=parse_size("256k"), jobs=0)
    assert asked == [3, 3]  # the reasoning's, then SHACL's


def test_labels_of_holders_and_posts_not_typed_so_are_read_in_a_second_pass(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    build([corpus], tmp_path / "typed", memory=parse_size("256k"))
    monkeypatch.setattr(derived_graphs, "IS_PERSON", b"(no line)")
    monkeypatch.setattr(derived_graphs, "IS_POST", b"(no line)")
    build([corpus], tmp_path / "untyped", memory=parse_size("256k"))
    same_graph(tmp_path / "typed", tmp_path / "untyped")
    store = ox.Store.read_only(str(tmp_path / "untyped" / "store"))
    graph = ox.NamedNode(Iris(DEFAULT_BASE).incumbency_graph)
    labels = list(store.quads_for_pattern(None, ox.NamedNode(RDFS_LABEL), None, graph))
    assert len(labels) > 20 and all(" as " in q.object.value for q in labels)


def test_reasoning_over_lines_and_over_parsed_terms_build_the_same_graph(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    build([corpus], tmp_path / "lines", memory=parse_size("256k"))
    original = BatchedReasoning.__init__

    def parsed(self, setup):  # the engine over pyoxigraph terms (kg.reason.fast), as with axioms in the data
        original(self, setup)
        self.line_rules = None

    monkeypatch.setattr(BatchedReasoning, "__init__", parsed)
    build([corpus], tmp_path / "parsed", memory=parse_size("256k"))
    same_graph(tmp_path / "lines", tmp_path / "parsed")


@pytest.mark.parametrize("jobs", [1, 2])
def test_shacl_a_few_lines_at_a_time_gives_the_whole_graphs_results(
    tmp_path: Path, monkeypatch, jobs: int
) -> None:
    # the shapes' broken examples (tests/test_validate.py) as one release graph, in batches of a
    # few lines: the results, values' classes included, are those of the whole reasoned graph
    monkeypatch.setattr(derived_graphs, "MIN_BATCH", 1)
    graph = ox.NamedNode(Iris(DEFAULT_BASE).release("P1"))
    release = ExtractedRelease("P1", "broken examples", [ox.Quad(*t, graph) for t in turtle(BROKEN)])
    report = BuildReport(out=str(tmp_path), base=DEFAULT_BASE, reasoner="fast", validator="fast")
    _write_graph(tmp_path, [release], [], report, parse_size("64k"), 1, jobs)
    whole = validate_store(ox.Store.read_only(str(tmp_path / "store")))

    def key(r: dict) -> tuple:
        return r["severity"], r["focus"], r["path"], r["message"], r["value"]

    assert Counter(map(key, report.shacl_results)) == Counter(key(asdict(r)) for r in whole.results)
    assert len(report.shacl_results) > 20 and report.shacl_conforms is whole.conforms is False
