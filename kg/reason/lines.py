"""The fast engine (kg.reason.fast) over N-Triples lines: the same closure, with terms kept as the
bytes the lines write them in, so that a batch's lines are split, not parsed.

A build's reasoning batches (kg.reason.batched) read millions of lines; parsing them into
pyoxigraph terms was most of the reasoning's time. The rules only compare terms, so the terms'
N-Triples texts do as well (pyoxigraph writes each term one way): `text_rules` writes a compiled
`RuleSet` in them, and `LineRun` is kg.reason.fast.Run with its own reading of the lines and of
what a term is. Only the typed literals are parsed: those whose lexical forms are checked
(owlrl's errors) or normalised (rdflib's view of "010"^^xsd:integer) -- few. The rules must hold
the whole schema: data that states axioms of its own goes to kg.reason.fast, which compiles them
(kg.reason.batched decides).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pyoxigraph as ox

from kg.reason import TRIVIAL_TYPES
from kg.reason.fast import Run, _datatype_subsumptions, check_literals
from kg.reason.literals import is_canonical
from kg.reason.rules import ANNOTATIONS, META, NOTHING, RDF_TYPE, PropertyRules, RuleSet

Triple = tuple[bytes, bytes, bytes]
XSD_STRING = b"<http://www.w3.org/2001/XMLSchema#string>"
TYPE = str(RDF_TYPE).encode()


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> bytes:
    return str(term).encode()


def _texts(terms: Iterable[ox.NamedNode]) -> frozenset[bytes]:
    return frozenset(map(_text, terms))


def text_rules(rules: RuleSet) -> RuleSet:
    """`rules` with every term written as its N-Triples text (what `infer_lines` takes)."""
    properties = {
        _text(p): PropertyRules(
            supers=_texts(r.supers),
            inverses=_texts(r.inverses),
            symmetric=r.symmetric,
            transitive=r.transitive,
            domain=_texts(r.domain),
            range=_texts(r.range),
        )
        for p, r in rules.properties.items()
    }
    superclasses = {_text(c): _texts(s) for c, s in rules.superclasses.items()}
    return RuleSet(superclasses, properties, _texts(rules.closure_predicates))  # type: ignore[arg-type]


def infer_lines(lines: Iterable[bytes], rules: RuleSet, base: str) -> tuple[set[Triple], list[str]]:
    """The useful closure of the triples of N-Triples `lines` (no newline) under `rules` (from
    `text_rules`), as kg.reason.fast.fast_inference gives it, with its errors: (subject, predicate,
    object) texts. As there, the schema's own lines are read as data too (their axioms passed by)."""
    run = LineRun(rules, base)
    run.scan(lines)
    return run.infer(), run.errors()


class LineRun(Run):
    """kg.reason.fast.Run over term texts: a literal's text begins with a quote, the nodes the
    closure speaks of are the IRIs under the base, a triple is the tuple of its texts."""

    TRIVIAL = frozenset(b"<%s>" % t.encode() for t in TRIVIAL_TYPES)
    TYPE = TYPE  # type: ignore[assignment]

    def __init__(self, rules: RuleSet, base: str) -> None:
        super().__init__(rules, base)
        self.prefix = b"<" + base.encode()

    def mine(self, node: bytes) -> bool:  # type: ignore[override]
        return node.startswith(self.prefix)

    @staticmethod
    def is_literal(term: bytes) -> bool:  # type: ignore[override]
        return term[0] == 34  # '"'

    @staticmethod
    def triple(s: bytes, p: bytes, o: bytes) -> Triple:  # type: ignore[override]
        return s, p, o

    @staticmethod
    def subsumptions() -> dict[bytes, list[bytes]]:  # type: ignore[override]
        return _subsumptions()

    def scan(self, lines: Iterable[bytes]) -> None:  # type: ignore[override]
        """Index the triples of the lines (kg.reason.fast.Run.scan's rules, axioms passed by)."""
        rules, closure, literals, asserted = self.rules.properties, self.pairs, self.literals, self.asserted
        kinds: dict[bytes, tuple] = {}
        for line in lines:
            s, p, rest = line.split(b" ", 2)
            o = rest[:-2]  # the line ends in " ."
            literal = o[0] == 34  # '"'
            if literal and o[-1] == 62 and b'"^^<' in o and not o.endswith(XSD_STRING):  # typed: '>'
                literals.add(o)
            if p == TYPE:
                nodes = asserted.get(o)
                if nodes is None:
                    nodes = asserted[o] = set()
                nodes.add(s)
                continue
            kind = kinds.get(p)
            if kind is None:
                if p.startswith(_META) and p not in _ANNOTATIONS:
                    kind = kinds[p] = _SCHEMA  # an axiom (compiled into the rules already)
                else:
                    r = rules.get(p)
                    kind = kinds[p] = (
                        self._typed(r.domain) if r else None,
                        self._typed(r.range) if r else None,
                        closure.get(p),
                    )
            if kind is _SCHEMA:
                continue
            subjects, objects, pairs = kind
            if subjects is not None:
                subjects.add(s)
            if objects is not None and not literal:
                objects.add(o)
            if pairs is not None:
                pairs.add((s, self.normal(o) if literal else o))

    def normal(self, lit: bytes) -> bytes:
        """A literal's text as owlrl sees it (kg.reason.fast.Run.normal)."""
        if lit[-1] != 62 or lit.endswith(XSD_STRING):  # a plain or language-tagged string
            return lit
        out = self._normal.get(lit)
        if out is None:
            (t,) = ox.parse(b"<x:s> <x:p> %s ." % lit, format=ox.RdfFormat.N_TRIPLES)
            value = t.object
            if is_canonical(value.value, value.datatype.value):
                out = lit
            else:
                from kg.terms import from_rdflib, to_rdflib

                out = _text(from_rdflib(to_rdflib(value)))
            self._normal[lit] = out
        return out

    def errors(self) -> list[str]:
        literals: list[ox.Literal] = []
        if self.literals:
            text = b"".join(b"<x:s> <x:p> %s .\n" % lit for lit in self.literals)
            literals = [t.object for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
        nothing = b"".join(b"%s <x:p> <x:o> .\n" % n for n in self.asserted.get(_NOTHING, ()))
        nodes = [t.subject for t in ox.parse(nothing, format=ox.RdfFormat.N_TRIPLES)] if nothing else []
        return check_literals(literals, nodes)


_META = tuple(b"<" + ns.encode() for ns in META)
_ANNOTATIONS = frozenset(map(_text, ANNOTATIONS))
_SCHEMA = ()
_NOTHING = _text(NOTHING)


@functools.cache
def _subsumptions() -> dict[bytes, list[bytes]]:
    return {_text(k): [_text(v) for v in vs] for k, vs in _datatype_subsumptions().items()}
