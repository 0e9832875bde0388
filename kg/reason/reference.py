"""The reference reasoner: owlrl's OWL RL closure, filtered to the useful entailments."""

from __future__ import annotations

from collections.abc import Iterable

import owlrl
import pyoxigraph as ox
import rdflib

from kg.reason import Inference, is_useful
from kg.terms import from_rdflib, rdflib_graph

ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"


def owlrl_inference(
    data: Iterable[ox.Triple | ox.Quad], ontology: Iterable[ox.Triple], base: str
) -> Inference:
    """Expand ontology + data with owlrl; return the new useful triples and any error messages."""
    graph = rdflib.Graph()
    rdflib_graph(ontology, graph)
    rdflib_graph(data, graph)
    before = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [
        str(msg)
        for node in graph.subjects(rdflib.RDF.type, rdflib.URIRef(ERROR_NS + "ErrorMessage"))
        for msg in graph.objects(node, rdflib.URIRef(ERROR_NS + "error"))
    ]
    asserted = {_normal(t) for t in before}
    inferred: set[ox.Triple] = set()
    for s, p, o in graph:
        if isinstance(s, rdflib.Literal):
            continue
        triple = ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))
        if triple not in asserted and is_useful(triple, base):
            inferred.add(triple)
    return Inference(inferred, sorted(set(errors)), engine="owlrl")


def _normal(t: tuple) -> ox.Triple | None:
    s, p, o = t
    if isinstance(s, rdflib.Literal):
        return None
    return ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))
