"""OWL RL reasoning: owlrl is the reference semantics; only the useful entailments are kept.

The useful closure is what owlrl entails about the data's own nodes (IRIs under the base), minus
the noise it also produces: reflexive owl:sameAs, triples with a literal or blank subject,
`owl:Thing` / `rdfs:Resource` typing, axiomatic triples about the RDF/RDFS/OWL vocabularies and
schema-level entailments about ontology terms (those stay in the ontology's own graph).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TRIVIAL_TYPES = frozenset(
    {
        "http://www.w3.org/2002/07/owl#Thing",
        "http://www.w3.org/2000/01/rdf-schema#Resource",
        "http://www.w3.org/2002/07/owl#NamedIndividual",
    }
)


@dataclass
class Inference:
    """The result of a reasoning run."""

    triples: set[ox.Triple]
    errors: list[str] = field(default_factory=list)  # inconsistencies the reasoner reported
    engine: str = ""


def is_useful(triple: ox.Triple, base: str) -> bool:
    """Whether an entailed triple is worth keeping (see module docstring)."""
    s, p, o = triple.subject, triple.predicate, triple.object
    if not isinstance(s, ox.NamedNode) or not s.value.startswith(base):
        return False
    if p.value == OWL_SAME_AS and s == o:
        return False
    return not (p.value == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value in TRIVIAL_TYPES)


def infer(data, ontology: list[ox.Triple], base: str, engine: str = "fast") -> Inference:
    """The useful closure of `data` under `ontology` by an engine: "owlrl" (the reference) or "fast"."""
    if engine == "owlrl":
        from kg.reason.reference import owlrl_inference

        return owlrl_inference(data, ontology, base)
    from kg.reason.fast import fast_inference

    return fast_inference(data, ontology, base)
