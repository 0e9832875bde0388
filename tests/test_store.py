"""The store writer's parts: bulk loads on their own thread, load pieces, the merged graph."""

from __future__ import annotations

import os
import random
import sys

import pyoxigraph as ox
import pytest

from kg import store as store_module
from kg.merge import MergedGraph
from kg.store import BackgroundLoader, _pieces

G1, G2, G3 = "https://example.org/g/1", "https://example.org/g/2", "https://example.org/g/3"
S, P = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")


def nquads(graph: str, *objects: str) -> bytes:
    g = ox.NamedNode(graph)
    return ox.serialize([ox.Quad(S, P, ox.Literal(o), g) for o in objects], format=ox.RdfFormat.N_QUADS)


@pytest.mark.parametrize("seed", range(20))
def test_pieces_keep_every_byte_and_cut_only_between_lines(seed: int) -> None:
    rng = random.Random(seed)
    chunks = [
        b"".join(b"x" * rng.randint(0, 9) + b"\n" for _ in range(rng.randint(0, 8)))
        for _ in range(rng.randint(0, 8))
    ]
    size = rng.randint(1, 30)
    pieces = list(_pieces(chunks, size))
    assert b"".join(pieces) == b"".join(chunks)
    assert all(piece.endswith(b"\n") for piece in pieces)
    # no piece is much larger than asked: at most one line past the size
    assert all(len(piece) <= size + 10 for piece in pieces)


@pytest.mark.parametrize("budget", [1, 10**9])  # a run per addition; all in memory
def test_the_merged_graph_states_a_triple_once_and_keeps_literals_intact(tmp_path, budget: int) -> None:
    tricky = f"ends like a quad <{G1}> ."
    merged = MergedGraph(tmp_path, budget)
    merged.add(nquads(G1, "a", tricky), (G1,))
    merged.add(nquads(G2, "a", "b") + nquads(G1, "c"), (G1, G2), read=True)
    text = b"".join(merged.ntriples())
    triples = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    assert sorted(t.object.value for t in triples) == sorted(["a", "b", "c", tricky])
    assert text.splitlines() == sorted(text.splitlines())


def test_graphs_added_as_sorted_lines_merge_as_when_added_unsorted(tmp_path) -> None:
    prefix = [
        f"<{S.value}> <{P.value}> {o} " for o in ('"a"', '"a"@en', '"a"^^<x:t>', "_:b1", "_:b12", "<x:o>")
    ]
    graphs = {
        g: sorted({(line + f"<{g}> .\n").encode() for line in lines})
        for g, lines in ((G1, prefix[::2]), (G2, prefix[1:]), (G3, prefix[:3]))
    }
    whole = MergedGraph(tmp_path / "whole", 10**9)
    runs = MergedGraph(tmp_path / "runs", 10**9)
    for g, lines in graphs.items():
        whole.add(b"".join(lines), (g,))
        runs.add_sorted(b"".join(lines[:2]), g)  # a graph in two calls
        runs.add_sorted(b"".join(lines[2:]), g)
    expected = b"".join(whole.other_ntriples())
    assert b"".join(runs.other_ntriples()) == expected
    assert len(expected.splitlines()) == len(prefix)  # each triple once, whichever graphs say it
    assert b"".join(runs.ntriples()) == b"".join(whole.ntriples())


def test_the_lines_read_are_also_kept_by_object_each_once(tmp_path) -> None:
    g = ox.NamedNode(G1)
    b = ox.BlankNode("b0")
    objects = [
        ox.Literal("line\nbreak", language="en"),
        ox.Literal("2024-01-18", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ox.Literal('quote " and space'),
        ox.NamedNode("https://example.org/o/ü"),
        b,
    ]
    typed = ox.Quad(S, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), P, g)
    quads = [ox.Quad(S, P, o, g) for o in objects] + [ox.Quad(b, P, S, g), typed]
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    merged = MergedGraph(tmp_path, 100)
    merged.add(text, (G1,), read=True)
    merged.add(text, (G1,), read=True)  # a second graph saying the same
    merged.add(nquads(G2, "not read"), (G2,))
    by_object = [line.split(b"\t", 1) for line in merged.by_object]
    # the node objects only (not a literal, not a class), each once, keyed by the object's text
    assert [key for key, _ in by_object] == sorted(
        [f"<{objects[3].value}>".encode(), b"_:b0", f"<{S.value}>".encode()]
    )
    for key, line in by_object:
        (triple,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
        assert str(triple.object).encode() == key
    text = b"".join(merged.ntriples())
    assert len(text.splitlines()) == len(quads) + 1
    assert b"".join(merged.read_ntriples()).splitlines() == sorted(
        set(text.splitlines()) - {b"".join(merged.other_ntriples()).strip()}
    )
    assert b"".join(merged.ntriples()) == text
    later = merged.add(nquads(G2, "later"), (G2,))
    assert later == nquads(G2, "later").replace(f" <{G2}>".encode(), b"")
    assert later in b"".join(merged.ntriples())
    merged.close()
    assert not any(tmp_path.iterdir())  # the sorted runs are gone


def test_loads_run_in_order_and_end_in_the_store() -> None:
    store = ox.Store()
    loader = BackgroundLoader(store)
    loader.load([nquads(G1, "a"), nquads(G2, "b")], ox.RdfFormat.N_QUADS)
    loader.load(
        [b'<https://example.org/s> <https://example.org/p> "c" .\n'],
        ox.RdfFormat.N_TRIPLES,
        ox.DefaultGraph(),
    )
    loader.finish()
    assert {(q.object.value, q.graph_name) for q in store} == {
        ("a", ox.NamedNode(G1)),
        ("b", ox.NamedNode(G2)),
        ("c", ox.DefaultGraph()),
    }


def test_a_failed_load_is_raised_by_finish() -> None:
    loader = BackgroundLoader(ox.Store())
    loader.load([b"<https://example.org/s> this is not N-Quads\n"], ox.RdfFormat.N_QUADS)
    with pytest.raises(SyntaxError):
        loader.finish()


def test_a_caller_that_runs_ahead_of_the_loader_waits_and_nothing_is_lost() -> None:
    loader = BackgroundLoader(ox.Store())
    loader.PIECE = 1  # every addition is a load of its own
    added = [nquads(G1, str(n)) for n in range(3 * loader.BACKLOG + 5)]
    for data in added:
        loader.add(data)
        assert loader.jobs.qsize() <= loader.BACKLOG
    loader.finish()
    assert {q.object.value for q in loader.store} == {str(n) for n in range(len(added))}


def _nice_of_rocksdb_threads() -> set[int]:
    return {os.getpriority(os.PRIO_PROCESS, tid) for tid in store_module._rocksdb_threads()}


@pytest.mark.skipif(sys.platform != "linux", reason="thread priorities are set on Linux only")
def test_a_builds_loads_leave_compaction_to_idle_cpu_and_give_it_back_for_the_final_one(tmp_path) -> None:
    store = ox.Store(str(tmp_path / "store"))  # on disk: RocksDB's background threads are running
    if not store_module._rocksdb_threads():
        pytest.skip("this RocksDB build names no background threads")
    if not store_module._can_resume():
        pytest.skip("this process may not lower a nice value again, so compactions are not deferred")
    loader = BackgroundLoader(store, defer=True)
    loader.load([nquads(G1, "a", "b")], ox.RdfFormat.N_QUADS)
    loader.finish()
    assert _nice_of_rocksdb_threads() == {store_module.IDLE}
    store_module.resume_compactions()
    assert _nice_of_rocksdb_threads() == {os.getpriority(os.PRIO_PROCESS, 0)}
    store.optimize()
    assert {q.object.value for q in store} == {"a", "b"}


def test_compactions_keep_their_priority_where_it_could_not_be_given_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store_module, "_can_resume", lambda: False)  # an unprivileged process
    store = ox.Store(str(tmp_path / "store"))
    before = _nice_of_rocksdb_threads()
    loader = BackgroundLoader(store, defer=True)
    loader.load([nquads(G1, "a")], ox.RdfFormat.N_QUADS)
    loader.finish()
    assert not loader.defer
    assert _nice_of_rocksdb_threads() == before
