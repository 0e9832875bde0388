"""The fast reasoner: owlrl's useful closure from rules compiled out of the ontology (`kg.reason.rules`).

Semi-naive evaluation over Python sets: the property rules (subproperties, inverses, symmetric and
transitive properties) run to a fixpoint over the triples whose predicates take part in them; then
every node under the base gets the types its triples entail (domains, ranges, superclasses). Only
what owlrl would add and `is_useful` keeps is returned, and the inconsistencies owlrl reports for
such graphs (ill-typed literals, members of owl:Nothing) are reported with owlrl's own wording.
Schema statements found in the data are compiled with the ontology's; constructs the compiler does
not implement raise `UnsupportedAxiom` (use the owlrl engine for such an ontology).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.memory import paused_gc
from kg.reason import TRIVIAL_TYPES, Inference
from kg.reason.literals import is_canonical
from kg.reason.rules import NOTHING, RDF_TYPE, RuleSet, UnsupportedAxiom, compile_rules, is_schema_triple

__all__ = ["UnsupportedAxiom", "fast_inference"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_TRIVIAL = frozenset(ox.NamedNode(t) for t in TRIVIAL_TYPES)
Node = ox.NamedNode | ox.BlankNode | ox.Literal


def fast_inference(
    data: Sequence[ox.Quad | ox.Triple], ontology: Sequence[ox.Triple], base: str
) -> Inference:
    """The useful closure of ontology + data, equal to `owlrl_inference`'s (engine "fast")."""
    with paused_gc():  # millions of small acyclic objects: the cyclic collector only costs time here
        rules = compile_rules(ontology, base)
        run = Run(rules, base)
        run.scan(ontology)
        schema_in_data = run.scan(data)
        if schema_in_data and not compile_rules(schema_in_data, base).empty:
            # the data states axioms too: compile them with the ontology's and start again
            rules = compile_rules([*ontology, *schema_in_data], base)
            run = Run(rules, base)
            run.scan(ontology)
            run.scan(data)
        return Inference(run.infer(), run.errors(), engine="fast")


class Run:
    """One evaluation: indexes filled by `scan`, closure computed by `infer` (over pyoxigraph terms;
    kg.reason.lines runs it over N-Triples texts).

    Types are gathered per class (or per set of classes a domain or range gives) and only then
    per node, as interned frozensets: most nodes share a handful of type sets, so the subclass
    closure is computed once per distinct set, not once per node.
    """

    def __init__(self, rules: RuleSet, base: str) -> None:
        self.rules = rules
        self.base = base
        # class -> nodes asserted to be of it; frozenset of classes -> nodes a domain/range types
        self.asserted: dict[Node, set[Node]] = {}
        self.derived: dict[frozenset[ox.NamedNode], set[Node]] = {}
        # predicate -> set of (s, o): every triple of the predicates in the property rules
        self.pairs: dict[ox.NamedNode, set[tuple[Node, Node]]] = {p: set() for p in rules.closure_predicates}
        self.literals: set[ox.Literal] = set()
        self._normal: dict[ox.Literal, ox.Literal] = {}
        self._unions: dict[tuple, frozenset[ox.NamedNode]] = {}

    def union(self, a: frozenset[ox.NamedNode] | None, b: frozenset[ox.NamedNode]) -> frozenset[ox.NamedNode]:
        """a | b, interned (the same object for equal sets)."""
        if a is None or a is b:
            return b
        key = (a, b)
        u = self._unions.get(key)
        if u is None:
            u = a | b
            u = self._unions[key] = a if u == a else self._unions.setdefault((u, u), u)
        return u

    def _typed(self, classes: frozenset[ox.NamedNode]) -> set[Node] | None:
        if not classes:
            return None
        return self.derived.setdefault(classes, set())

    def scan(self, triples: Iterable[ox.Quad | ox.Triple]) -> list[ox.Triple]:
        """Index the asserted triples; return the schema triples met (not compiled into the rules)."""
        rules = self.rules.properties
        closure = self.pairs
        literals = self.literals
        asserted = self.asserted
        literal_class = ox.Literal
        schema: list[ox.Triple] = []
        # predicate -> (nodes its domain types, nodes its range types, its closure pairs, kind)
        kinds: dict[ox.NamedNode, tuple] = {RDF_TYPE: (None, None, None, _TYPE)}
        # class -> (the nodes asserted to be of it, whether it is an RDF/RDFS/OWL class)
        classes: dict[Node, tuple[set[Node], bool]] = {}
        for q in triples:
            p = q.predicate
            o = q.object
            if o.__class__ is literal_class:
                literals.add(o)
            kind = kinds.get(p)
            if kind is None:
                r = rules.get(p)
                kind = kinds[p] = (
                    self._typed(r.domain) if r else None,
                    self._typed(r.range) if r else None,
                    closure.get(p),
                    _SCHEMA
                    if p.value.startswith(_META) and is_schema_triple(ox.Triple(q.subject, p, o))
                    else _PLAIN,
                )
            subjects, objects, pairs, k = kind
            if k is _TYPE:
                entry = classes.get(o)
                if entry is None:
                    meta = o.__class__ is ox.NamedNode and o.value.startswith(_META)
                    entry = classes[o] = (asserted.setdefault(o, set()), meta)
                nodes, meta = entry
                s = q.subject
                nodes.add(s)
                if meta:
                    schema.append(ox.Triple(s, p, o))
                continue
            if k is _SCHEMA:
                schema.append(ox.Triple(q.subject, p, o))
                continue
            if subjects is None and objects is None and pairs is None:
                continue
            s = q.subject
            if subjects is not None:
                subjects.add(s)
            if objects is not None and o.__class__ is not literal_class:
                objects.add(o)
            if pairs is not None:
                if o.__class__ is literal_class:
                    o = self.normal(o)
                pairs.add((s, o))
        return [t for t in schema if is_schema_triple(t)]

    def normal(self, lit: ox.Literal) -> ox.Literal:
        """A literal as owlrl sees it (rdflib normalises lexical forms: "010"^^xsd:integer is "10")."""
        if lit.language or lit.datatype.value == XSD_STRING or is_canonical(lit.value, lit.datatype.value):
            return lit
        out = self._normal.get(lit)
        if out is None:
            from kg.terms import from_rdflib, to_rdflib

            out = self._normal[lit] = from_rdflib(to_rdflib(lit))
        return out

    def close_properties(self) -> dict[ox.NamedNode, set[tuple[Node, Node]]]:
        """Run the property rules to a fixpoint (semi-naive, one delta per predicate); return the
        new (s, o) pairs per predicate."""
        rules = self.rules.properties
        pairs = self.pairs
        new: dict[ox.NamedNode, set[tuple[Node, Node]]] = defaultdict(set)
        out_index: dict[ox.NamedNode, dict[Node, set[Node]]] = {}
        in_index: dict[ox.NamedNode, dict[Node, set[Node]]] = {}
        for p, r in rules.items():
            if r.transitive:
                out_index[p], in_index[p] = defaultdict(set), defaultdict(set)
                for s, o in pairs[p]:
                    out_index[p][s].add(o)
                    in_index[p][o].add(s)
        delta = {p: set(ps) for p, ps in pairs.items() if p in rules and rules[p].derives_triples and ps}
        while delta:
            found: dict[ox.NamedNode, set[tuple[Node, Node]]] = defaultdict(set)
            for p, d in delta.items():
                r = rules.get(p)
                if r is None:
                    continue
                for q in r.supers:
                    found[q] |= d
                if r.inverses or r.symmetric:
                    swapped = {(o, s) for s, o in d}
                    for q in r.inverses:
                        found[q] |= swapped
                    if r.symmetric:
                        found[p] |= swapped
                if r.transitive:
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

    # What the closure needs to know of a term; kg.reason.lines answers for terms as N-Triples text.
    TRIVIAL = _TRIVIAL
    TYPE = RDF_TYPE

    def mine(self, node: Node) -> bool:
        """Whether the closure says something of `node`: an IRI under the base."""
        return node.__class__ is ox.NamedNode and node.value.startswith(self.base)

    @staticmethod
    def is_literal(term: Node) -> bool:
        return term.__class__ is ox.Literal

    @staticmethod
    def triple(s: Node, p: ox.NamedNode, o: Node) -> ox.Triple:
        return ox.Triple(s, p, o)

    @staticmethod
    def subsumptions() -> dict[ox.NamedNode, list[ox.NamedNode]]:
        return _datatype_subsumptions()

    def infer(self) -> set:
        rules = self.rules.properties
        new_pairs = self.close_properties()
        out: list = []
        add = out.append
        mine, is_literal, triple = self.mine, self.is_literal, self.triple
        for p, pairs in new_pairs.items():
            r = rules.get(p)
            subjects = self._typed(r.domain) if r else None
            objects = self._typed(r.range) if r else None
            for s, o in pairs:
                if mine(s):
                    add(triple(s, p, o))
                if subjects is not None:
                    subjects.add(s)
                if objects is not None and not is_literal(o):
                    objects.add(o)
        # types per node under the base: asserted and derived, closed under subclass, plus the
        # datatype subsumptions owlrl applies to resources explicitly typed with a datatype
        union = self.union
        asserted_types: dict[Node, frozenset[ox.NamedNode]] = {}
        derived_types: dict[Node, frozenset[ox.NamedNode]] = {}
        for c, nodes in self.asserted.items():
            one = frozenset((c,))
            for n in nodes:
                asserted_types[n] = union(asserted_types.get(n), one)
        for classes, nodes in self.derived.items():
            for n in nodes:
                derived_types[n] = union(derived_types.get(n), classes)
        subsumed = self.subsumptions()
        empty: frozenset[ox.NamedNode] = frozenset()
        cache: dict[tuple, tuple[ox.NamedNode, ...]] = {}
        for node in asserted_types.keys() | derived_types.keys():
            if not mine(node):
                continue
            key = (asserted_types.get(node, empty), derived_types.get(node, empty))
            extra = cache.get(key)
            if extra is None:
                stated, derived = key
                closed = self.rules.supers_of(stated | derived)
                closed |= {d for c in stated for d in subsumed.get(c, ())}
                extra = cache[key] = tuple(closed - stated - self.TRIVIAL)
            for c in extra:
                add(triple(node, self.TYPE, c))
        return set(out)

    def errors(self) -> list[str]:
        """owlrl's error messages for this graph: ill-typed literals (dt-not-type), owl:Nothing."""
        return check_literals(self.literals, self.asserted.get(NOTHING, ()))


def check_literals(literals: Iterable[ox.Literal], nothing: Iterable[Node]) -> list[str]:
    """owlrl's error messages for these literals (those whose lexical form does not match their
    datatype) and for the members of owl:Nothing."""
    from owlrl.DatatypeHandling import AltXSDToPYTHON
    from owlrl.XsdDatatypes import OWL_RL_Datatypes

    from kg.terms import to_rdflib

    found: set[str] = set()
    checked = {str(d) for d in OWL_RL_Datatypes}
    for lit in literals:
        dt = lit.datatype.value
        if lit.language or dt == XSD_STRING or dt not in checked or is_canonical(lit.value, dt):
            continue
        rl = to_rdflib(lit)
        try:
            AltXSDToPYTHON.get(rl.datatype, str)(str(rl))
        except ValueError:
            found.add(f"Lexical value of the literal '{rl}' does not match its datatype ({rl.datatype})")
    found |= {f"{to_rdflib(n)} is defined of type 'Nothing'" for n in nothing}
    return sorted(found)


_META = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
)
_SCHEMA, _TYPE, _PLAIN = object(), object(), object()


def _datatype_subsumptions() -> dict[ox.NamedNode, list[ox.NamedNode]]:
    from owlrl.XsdDatatypes import OWL_Datatype_Subsumptions

    return {
        ox.NamedNode(str(k)): [ox.NamedNode(str(v)) for v in vs]
        for k, vs in OWL_Datatype_Subsumptions.items()
    }
