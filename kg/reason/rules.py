"""Compile an ontology's axioms into instance-level rules for the fast reasoner.

The compiler reads the schema triples (rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range,
owl:inverseOf, owl:equivalentClass, owl:equivalentProperty, owl:TransitiveProperty,
owl:SymmetricProperty), closes the schema itself (subclass and subproperty chains, equivalences,
domains and ranges inherited along both), and gives, per predicate, what a triple with that
predicate entails. Anything else from the RDFS/OWL vocabularies that could change owlrl's closure
raises `UnsupportedAxiom` naming the construct, so the fast reasoner and owlrl never silently
diverge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
META = (RDF, RDFS, OWL)

RDF_TYPE = ox.NamedNode(RDF + "type")
SUB_CLASS = ox.NamedNode(RDFS + "subClassOf")
SUB_PROPERTY = ox.NamedNode(RDFS + "subPropertyOf")
DOMAIN = ox.NamedNode(RDFS + "domain")
RANGE = ox.NamedNode(RDFS + "range")
INVERSE = ox.NamedNode(OWL + "inverseOf")
EQUIVALENT_CLASS = ox.NamedNode(OWL + "equivalentClass")
EQUIVALENT_PROPERTY = ox.NamedNode(OWL + "equivalentProperty")
SAME_AS = ox.NamedNode(OWL + "sameAs")
TRANSITIVE = ox.NamedNode(OWL + "TransitiveProperty")
SYMMETRIC = ox.NamedNode(OWL + "SymmetricProperty")
NOTHING = ox.NamedNode(OWL + "Nothing")

AXIOM_PREDICATES = frozenset(
    {SUB_CLASS, SUB_PROPERTY, DOMAIN, RANGE, INVERSE, EQUIVALENT_CLASS, EQUIVALENT_PROPERTY}
)
CHARACTERISTICS = frozenset({TRANSITIVE, SYMMETRIC})
# rdf:type objects that only declare a term: owlrl entails nothing about data nodes from them
# (owl:Class and the property declarations give reflexive schema triples about the term itself).
DECLARATIONS = frozenset(
    ox.NamedNode(x)
    for x in (
        OWL + "Class",
        RDFS + "Class",
        OWL + "ObjectProperty",
        OWL + "DatatypeProperty",
        OWL + "AnnotationProperty",
        RDF + "Property",
        OWL + "Ontology",
        OWL + "NamedIndividual",
        OWL + "Thing",
        RDFS + "Resource",
        RDFS + "Datatype",
    )
)
# Predicates of the RDFS/OWL vocabularies that carry no semantics in owlrl's OWL RL closure.
ANNOTATIONS = frozenset(
    ox.NamedNode(x)
    for x in (
        RDFS + "label",
        RDFS + "comment",
        RDFS + "seeAlso",
        RDFS + "isDefinedBy",
        OWL + "versionInfo",
        OWL + "versionIRI",
        OWL + "priorVersion",
        OWL + "backwardCompatibleWith",
        OWL + "incompatibleWith",
        OWL + "deprecated",
        OWL + "imports",
    )
)
# Classes of the RDF/RDFS/OWL vocabularies an axiom may point to without changing the closure
# beyond what the compiled rules give (owl:Thing / rdfs:Resource typing is noise anyway).
HARMLESS_META_CLASSES = frozenset(
    ox.NamedNode(x)
    for x in (OWL + "Thing", RDFS + "Resource", RDFS + "Literal", RDF + "langString", RDF + "PlainLiteral")
)


class UnsupportedAxiom(ValueError):
    """The ontology (or the data) uses a construct the compiled rules do not implement."""


@dataclass(frozen=True)
class PropertyRules:
    """What one triple `s p o` entails."""

    supers: frozenset[ox.NamedNode]  # strict superproperties: s q o
    inverses: frozenset[ox.NamedNode]  # o q s
    symmetric: bool
    transitive: bool
    domain: frozenset[ox.NamedNode]  # s a C (superclasses included)
    range: frozenset[ox.NamedNode]  # o a C (superclasses included)

    @property
    def derives_triples(self) -> bool:
        return bool(self.supers or self.inverses or self.symmetric or self.transitive)


@dataclass
class RuleSet:
    """The ontology compiled: superclasses per class and rules per predicate."""

    superclasses: dict[ox.NamedNode, frozenset[ox.NamedNode]] = field(default_factory=dict)  # strict
    properties: dict[ox.NamedNode, PropertyRules] = field(default_factory=dict)
    # predicates whose triples take part in property rules (as premise or conclusion)
    closure_predicates: frozenset[ox.NamedNode] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.superclasses and not self.properties

    def supers_of(self, classes: Iterable[ox.NamedNode]) -> set[ox.NamedNode]:
        out: set[ox.NamedNode] = set()
        for c in classes:
            out.add(c)
            out |= self.superclasses.get(c, frozenset())
        return out


def is_schema_triple(t: ox.Triple) -> bool:
    """Whether a triple speaks the RDFS/OWL vocabularies (an axiom, a declaration or a construct)."""
    p = t.predicate
    if p == RDF_TYPE:
        o = t.object
        return isinstance(o, ox.NamedNode) and o.value.startswith(META)
    return p.value.startswith(META) and p not in ANNOTATIONS


def _closure(edges: dict[ox.NamedNode, set[ox.NamedNode]]) -> dict[ox.NamedNode, frozenset[ox.NamedNode]]:
    """Strict transitive closure of a small graph (node -> nodes reachable in one step or more)."""
    out: dict[ox.NamedNode, frozenset[ox.NamedNode]] = {}
    for start in edges:
        seen: set[ox.NamedNode] = set()
        stack = list(edges[start])
        while stack:
            x = stack.pop()
            if x not in seen:
                seen.add(x)
                stack.extend(edges.get(x, ()))
        seen.discard(start)
        out[start] = frozenset(seen)
    return out


def _check_term(term: ox.NamedNode | ox.BlankNode | ox.Literal, what: str, t: ox.Triple, base: str) -> None:
    if not isinstance(term, ox.NamedNode):
        raise UnsupportedAxiom(f"{what} is not an IRI (class or property expression): {t}")
    if base and term.value.startswith(base):
        raise UnsupportedAxiom(f"schema statement about a data node (under {base}): {t}")


def compile_rules(triples: Iterable[ox.Triple], base: str = "") -> RuleSet:
    """Compile the schema triples among `triples` (others are ignored) into a `RuleSet`."""
    sub_class: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    sub_property: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    domain: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    range_: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    inverse: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    transitive: set[ox.NamedNode] = set()
    symmetric: set[ox.NamedNode] = set()
    problems: dict[str, None] = {}
    for t in triples:
        if not is_schema_triple(t):
            continue
        try:
            _read_axiom(t, base, sub_class, sub_property, domain, range_, inverse, transitive, symmetric)
        except UnsupportedAxiom as exc:
            problems[str(exc)] = None
    if problems:
        # list plumbing (rdf:first/rdf:rest) only matters when nothing else explains it
        ordered = sorted(
            problems, key=lambda m: "22-rdf-syntax-ns#first" in m or "22-rdf-syntax-ns#rest" in m
        )
        more = f" (and {len(ordered) - 5} more)" if len(ordered) > 5 else ""
        raise UnsupportedAxiom("; ".join(ordered[:5]) + more)
    superclasses = _closure(sub_class)
    superprops = _closure(sub_property)

    def up(classes: Iterable[ox.NamedNode]) -> frozenset[ox.NamedNode]:
        out: set[ox.NamedNode] = set()
        for c in classes:
            out.add(c)
            out |= superclasses.get(c, frozenset())
        return frozenset(out)

    rules: dict[ox.NamedNode, PropertyRules] = {}
    every = set(sub_property) | set(domain) | set(range_) | set(inverse) | transitive | symmetric
    for p in every:
        with_supers = {p, *superprops.get(p, ())}
        rules[p] = PropertyRules(
            supers=superprops.get(p, frozenset()),
            inverses=frozenset(inverse.get(p, ())),
            symmetric=p in symmetric,
            transitive=p in transitive,
            domain=up(c for q in with_supers for c in domain.get(q, ())),
            range=up(c for q in with_supers for c in range_.get(q, ())),
        )
    closure_predicates: set[ox.NamedNode] = set()
    for p, r in rules.items():
        if r.derives_triples:
            closure_predicates |= {p, *r.supers, *r.inverses}
    return RuleSet(superclasses, rules, frozenset(closure_predicates))


def _read_axiom(t, base, sub_class, sub_property, domain, range_, inverse, transitive, symmetric) -> None:
    """Record one schema triple in the axiom tables, or raise `UnsupportedAxiom`."""
    s, p, o = t.subject, t.predicate, t.object
    if p == RDF_TYPE:
        if o in DECLARATIONS:
            if (
                base
                and isinstance(s, ox.NamedNode)
                and s.value.startswith(base)
                and o not in _INDIVIDUAL_TYPES
            ):
                raise UnsupportedAxiom(f"schema statement about a data node (under {base}): {t}")
            return
        if o not in CHARACTERISTICS:
            raise UnsupportedAxiom(f"unsupported construct rdf:type <{o.value}>: {t}")
        _check_term(s, "property", t, base)
        _check_property(s, t)
        (transitive if o == TRANSITIVE else symmetric).add(s)
        return
    if p == SAME_AS and s == o:
        return  # reflexive owl:sameAs entails nothing new
    if p not in AXIOM_PREDICATES:
        raise UnsupportedAxiom(f"unsupported construct <{p.value}>: {t}")
    _check_term(s, "subject", t, base)
    _check_term(o, "object", t, base)
    if p in (SUB_CLASS, EQUIVALENT_CLASS):
        _check_class(s, t, as_subject=True)
        _check_class(o, t, as_subject=False)
        sub_class[s].add(o)
        if p == EQUIVALENT_CLASS:
            sub_class[o].add(s)
    elif p in (SUB_PROPERTY, EQUIVALENT_PROPERTY):
        _check_property(s, t)
        _check_property(o, t)
        sub_property[s].add(o)
        if p == EQUIVALENT_PROPERTY:
            sub_property[o].add(s)
    elif p in (DOMAIN, RANGE):
        _check_property(s, t)
        _check_class(o, t, as_subject=False)
        (domain if p == DOMAIN else range_)[s].add(o)
    else:  # owl:inverseOf
        _check_property(s, t)
        _check_property(o, t)
        inverse[s].add(o)
        inverse[o].add(s)


_INDIVIDUAL_TYPES = frozenset(
    ox.NamedNode(x) for x in (OWL + "NamedIndividual", OWL + "Thing", RDFS + "Resource")
)


def _check_class(c: ox.NamedNode, t: ox.Triple, as_subject: bool) -> None:
    if c.value.startswith(META) and (as_subject or c not in HARMLESS_META_CLASSES):
        raise UnsupportedAxiom(f"axiom on the RDF/RDFS/OWL vocabulary <{c.value}>: {t}")
    if as_subject and c.value.startswith(XSD):
        raise UnsupportedAxiom(f"axiom on a datatype <{c.value}>: {t}")


def _check_property(p: ox.NamedNode, t: ox.Triple) -> None:
    if p.value.startswith(META) and p not in ANNOTATIONS:
        raise UnsupportedAxiom(f"axiom on the RDF/RDFS/OWL vocabulary <{p.value}>: {t}")
