"""Writing quads (kg.emit): terms made without pyoxigraph are the ones pyoxigraph would write."""

from __future__ import annotations

import pyoxigraph as ox

from kg.emit import GraphWriter, quoted


def test_quoted_literals_are_written_as_pyoxigraph_writes_them():
    texts = [
        "",
        "The Secretary for Development, Mr Paul Chan, said today (May 3) that ...",
        'He said, "fine".',
        "back\\slash",
        "line\nbreak\ttab\rreturn",
        "control\x01\x7f",
        "no-break\u00a0space, é, 中文, \U0001f600, e\u0301",
    ]
    for text in texts:
        assert quoted(text) == str(ox.Literal(text))


def test_graph_writer_keeps_each_triple_once_in_order():
    w = GraphWriter("https://example.org/g")
    s, p = ox.NamedNode("https://example.org/s"), "<https://example.org/p>"
    w.add(s, p, ox.Literal("a"))
    w.add(str(s), p, '"b"')
    w.add(str(s), p, '"a"')  # the same triple as the first, its terms written out
    assert [q.object.value for q in w.quads] == ["a", "b"]
    assert all(q.graph_name == ox.NamedNode("https://example.org/g") for q in w.quads)
    assert GraphWriter("https://example.org/g").quads == []
