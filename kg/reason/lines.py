"""The fast engine (kg.reason.fast) over N-Triples lines: the same closure, with terms kept as the
bytes the lines write them in, so that a batch's lines are split, not parsed.

A build's reasoning batches (kg.reason.batched) read millions of lines; parsing them into
pyoxigraph terms was most of the reasoning's time. The rules only compare terms, so the terms'
N-Triples texts do as well (pyoxigraph writes each term one way). Only the typed literals are
parsed: those whose lexical forms are checked (owlrl's errors) or normalised (rdflib's view of
"010"^^xsd:integer) -- few. The rules must hold the whole schema: data that states axioms of its
own goes to kg.reason.fast, which compiles them (`LineRules.usable`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg.reason import TRIVIAL_TYPES
from kg.reason.fast import _datatype_subsumptions, check_literals
from kg.reason.literals import is_canonical
from kg.reason.rules import ANNOTATIONS, META, NOTHING, RDF_TYPE, RuleSet

Triple = tuple[bytes, bytes, bytes]
XSD_STRING = b"<http://www.w3.org/2001/XMLSchema#string>"
TYPE = str(RDF_TYPE).encode()


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> bytes:
    return str(term).encode()


class LineRules:
    """A `RuleSet` with its terms as N-Triples bytes."""

    def __init__(self, rules: RuleSet) -> None:
        self.superclasses = {_text(c): frozenset(map(_text, s)) for c, s in rules.superclasses.items()}
        self.domain: dict[bytes, frozenset[bytes]] = {}
        self.range: dict[bytes, frozenset[bytes]] = {}
        self.supers: dict[bytes, frozenset[bytes]] = {}
        self.inverses: dict[bytes, frozenset[bytes]] = {}
        self.symmetric: set[bytes] = set()
        self.transitive: set[bytes] = set()
        self.derives: set[bytes] = set()
        for p, r in rules.properties.items():
            key = _text(p)
            self.domain[key] = frozenset(map(_text, r.domain))
            self.range[key] = frozenset(map(_text, r.range))
            self.supers[key] = frozenset(map(_text, r.supers))
            self.inverses[key] = frozenset(map(_text, r.inverses))
            if r.symmetric:
                self.symmetric.add(key)
            if r.transitive:
                self.transitive.add(key)
            if r.derives_triples:
                self.derives.add(key)
        self.properties = frozenset(self.domain)
        self.closure = frozenset(map(_text, rules.closure_predicates))

    def supers_of(self, classes: Iterable[bytes]) -> set[bytes]:
        out: set[bytes] = set()
        for c in classes:
            out.add(c)
            out |= self.superclasses.get(c, frozenset())
        return out


def infer_lines(lines: Iterable[bytes], rules: LineRules, base: str) -> tuple[set[Triple], list[str]]:
    """The useful closure of the triples of N-Triples `lines` (no newline) under `rules`, as
    kg.reason.fast.fast_inference gives it, with its errors: (subject, predicate, object) texts.
    As there, the schema's own lines are read as data too (their axioms are passed by)."""
    run = _LineRun(rules, base)
    run.scan(lines)
    return run.infer(), run.errors()


class _LineRun:
    """kg.reason.fast._Run over term texts (see it for the method)."""

    def __init__(self, rules: LineRules, base: str) -> None:
        self.rules = rules
        self.base = b"<" + base.encode()
        self.asserted: dict[bytes, set[bytes]] = {}
        self.derived: dict[frozenset[bytes], set[bytes]] = {}
        self.pairs: dict[bytes, set[tuple[bytes, bytes]]] = {p: set() for p in rules.closure}
        self.literals: set[bytes] = set()  # typed literals (but xsd:string): their forms are checked
        self._unions: dict[tuple, frozenset[bytes]] = {}
        self._normal: dict[bytes, bytes] = {}

    def union(self, a: frozenset[bytes] | None, b: frozenset[bytes]) -> frozenset[bytes]:
        if a is None or a is b:
            return b
        key = (a, b)
        u = self._unions.get(key)
        if u is None:
            u = a | b
            u = self._unions[key] = a if u == a else self._unions.setdefault((u, u), u)
        return u

    def _typed(self, classes: frozenset[bytes] | None) -> set[bytes] | None:
        if not classes:
            return None
        return self.derived.setdefault(classes, set())

    def scan(self, lines: Iterable[bytes]) -> None:
        rules, closure, literals, asserted = self.rules, self.pairs, self.literals, self.asserted
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
                    kind = kinds[p] = (
                        self._typed(rules.domain.get(p)),
                        self._typed(rules.range.get(p)),
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
        """A literal's text as owlrl sees it (kg.reason.fast._Run.normal)."""
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

    def close_properties(self) -> dict[bytes, set[tuple[bytes, bytes]]]:
        rules, pairs = self.rules, self.pairs
        new: dict[bytes, set[tuple[bytes, bytes]]] = defaultdict(set)
        out_index: dict[bytes, dict[bytes, set[bytes]]] = {}
        in_index: dict[bytes, dict[bytes, set[bytes]]] = {}
        for p in rules.transitive:
            out_index[p], in_index[p] = defaultdict(set), defaultdict(set)
            for s, o in pairs[p]:
                out_index[p][s].add(o)
                in_index[p][o].add(s)
        delta = {p: set(ps) for p, ps in pairs.items() if p in rules.derives and ps}
        while delta:
            found: dict[bytes, set[tuple[bytes, bytes]]] = defaultdict(set)
            for p, d in delta.items():
                if p not in rules.properties:
                    continue
                for q in rules.supers[p]:
                    found[q] |= d
                symmetric = p in rules.symmetric
                if rules.inverses[p] or symmetric:
                    swapped = {(o, s) for s, o in d}
                    for q in rules.inverses[p]:
                        found[q] |= swapped
                    if symmetric:
                        found[p] |= swapped
                if p in rules.transitive:
                    out, into = out_index[p], in_index[p]
                    joined = found[p]
                    for s, o in d:
                        for z in out.get(o, ()):
                            joined.add((s, z))
                        for w in into.get(s, ()):
                            joined.add((w, o))
            delta = {}
            for q, cand in found.items():
                fresh = cand - pairs[q]
                if not fresh:
                    continue
                pairs[q] |= fresh
                new[q] |= fresh
                if q in out_index:
                    out, into = out_index[q], in_index[q]
                    for s, o in fresh:
                        out[s].add(o)
                        into[o].add(s)
                delta[q] = fresh
        return new

    def infer(self) -> set[Triple]:
        base, rules = self.base, self.rules
        out: list[Triple] = []
        add = out.append
        for p, pairs in self.close_properties().items():
            subjects = self._typed(rules.domain.get(p))
            objects = self._typed(rules.range.get(p))
            for s, o in pairs:
                if s.startswith(base):
                    add((s, p, o))
                if subjects is not None:
                    subjects.add(s)
                if objects is not None and o[0] != 34:
                    objects.add(o)
        union = self.union
        asserted_types: dict[bytes, frozenset[bytes]] = {}
        derived_types: dict[bytes, frozenset[bytes]] = {}
        for c, nodes in self.asserted.items():
            one = frozenset((c,))
            for n in nodes:
                asserted_types[n] = union(asserted_types.get(n), one)
        for classes, nodes in self.derived.items():
            for n in nodes:
                derived_types[n] = union(derived_types.get(n), classes)
        subsumed = _subsumptions()
        empty: frozenset[bytes] = frozenset()
        cache: dict[tuple, tuple[bytes, ...]] = {}
        for node in asserted_types.keys() | derived_types.keys():
            if not node.startswith(base):
                continue
            key = (asserted_types.get(node, empty), derived_types.get(node, empty))
            extra = cache.get(key)
            if extra is None:
                mine, derived = key
                closed = rules.supers_of(mine | derived)
                closed |= {d for c in mine for d in subsumed.get(c, ())}
                extra = cache[key] = tuple(closed - mine - _TRIVIAL)
            for c in extra:
                add((node, TYPE, c))
        return set(out)

    def errors(self) -> list[str]:
        literals: list[ox.Literal] = []
        if self.literals:
            text = b"".join(b"<x:s> <x:p> %s .\n" % lit for lit in self.literals)
            literals = [t.object for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
        nothing = b"".join(b"%s <x:p> <x:o> .\n" % n for n in self.asserted.get(_NOTHING, ()))
        nodes = [t.subject for t in ox.parse(nothing, format=ox.RdfFormat.N_TRIPLES)] if nothing else []
        return check_literals(literals, nodes)


_TRIVIAL = frozenset(b"<%s>" % t.encode() for t in TRIVIAL_TYPES)
_META = tuple(b"<" + ns.encode() for ns in META)
_ANNOTATIONS = frozenset(map(_text, ANNOTATIONS))
_SCHEMA = ()
_NOTHING = _text(NOTHING)


@functools.cache
def _subsumptions() -> dict[bytes, list[bytes]]:
    return {_text(k): [_text(v) for v in vs] for k, vs in _datatype_subsumptions().items()}
