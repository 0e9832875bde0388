"""kg.nodegroups: sorted line streams joined a node at a time; kg.reason.batched's global joins."""

from __future__ import annotations

import pyoxigraph as ox

from kg.nodegroups import PREFIXED, SUBJECT, batches, joined, object_of, predicate_of
from kg.reason.batched import cross_node_predicates
from kg.reason.rules import compile_rules


def test_streams_are_joined_by_node_whatever_their_separator() -> None:
    # keys that prefix one another (_:b1, _:b12) and IRIs ending where another goes on
    by_subject = sorted(
        [
            b"<a/b> <p> <c> .\n",
            b"<a> <p> <c> .\n",
            b"_:b1 <p> _:b12 .\n",
            b"_:b12 <p> <a> .\n",
            b'<a> <q> "x y" .\n',
        ]
    )
    by_object = sorted(
        [
            b"<c>\t<a/b> <p> <c> .\n",
            b"<c>\t<a> <p> <c> .\n",
            b"_:b12\t_:b1 <p> _:b12 .\n",
            b"<a>\t_:b12 <p> <a> .\n",
        ]
    )
    nodes = dict(joined([(by_subject, SUBJECT), (by_object, PREFIXED)]))
    assert set(nodes) == {b"<a>", b"<a/b>", b"<c>", b"_:b1", b"_:b12"}
    assert nodes[b"<a>"] == [[b"<a> <p> <c> .\n", b'<a> <q> "x y" .\n'], [b"_:b12 <p> <a> .\n"]]
    assert nodes[b"<c>"] == [[], [b"<a/b> <p> <c> .\n", b"<a> <p> <c> .\n"]]
    assert nodes[b"_:b12"] == [[b"_:b12 <p> <a> .\n"], [b"_:b1 <p> _:b12 .\n"]]
    keys = list(nodes)
    assert keys == sorted(keys)


def test_batches_keep_a_node_whole_and_stop_past_the_limit() -> None:
    nodes = [(b"<%d>" % i, [[b"x"] * i]) for i in range(1, 6)]
    made = list(batches(nodes, 4))
    assert [[key for key, _ in b] for b in made] == [[b"<1>", b"<2>", b"<3>"], [b"<4>"], [b"<5>"]]


def test_parts_of_a_line() -> None:
    line = b'<s> <p> "a literal with spaces ." .\n'
    assert predicate_of(line) == b"<p>"
    assert object_of(line) == b'"a literal with spaces ."'


def test_the_joins_across_nodes_are_the_transitive_properties_and_what_feeds_them() -> None:
    ontology = list(
        ox.parse(
            """@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <t> a owl:TransitiveProperty . <sub> rdfs:subPropertyOf <t> . <inv> owl:inverseOf <sub> .
        <other> owl:inverseOf <another> . <d> rdfs:domain <C> .""",
            format=ox.RdfFormat.TURTLE,
            base_iri="http://e.org/",
        )
    )
    found = cross_node_predicates(compile_rules(ontology))
    assert found == {ox.NamedNode("http://e.org/" + x) for x in ("t", "sub", "inv")}
