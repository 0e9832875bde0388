"""Conversions between pyoxigraph terms (the pipeline's) and rdflib terms (owlrl's and pyshacl's)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import rdflib

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return rdflib.Literal(term.value, datatype=None if datatype == XSD_STRING else rdflib.URIRef(datatype))


def from_rdflib(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_graph(triples: Iterable[ox.Triple | ox.Quad], graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """An rdflib Graph holding the triples (named graphs are merged)."""
    g = graph if graph is not None else rdflib.Graph()
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def ox_triples(graph: Iterable[tuple]) -> Iterator[ox.Triple]:
    for s, p, o in graph:
        yield ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))


def parse_turtle_files(paths: Iterable) -> list[ox.Triple]:
    """The triples of some Turtle files (the ontology, the reference data)."""
    triples: list[ox.Triple] = []
    for path in paths:
        triples.extend(q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return triples
