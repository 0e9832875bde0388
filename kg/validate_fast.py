"""SHACL validation at scale, with the very results pyshacl gives (`kg.validate` is the reference).

The shapes are compiled once into a small evaluator for the subset of SHACL Core the project uses:
targets (sh:targetClass with rdfs:subClassOf* over the data, sh:targetNode, sh:targetSubjectsOf,
sh:targetObjectsOf, implicit class targets), simple predicate paths, sh:minCount, sh:maxCount,
sh:datatype, sh:nodeKind, sh:class, sh:in, sh:hasValue, sh:pattern (+ sh:flags),
sh:min/maxInclusive, sh:min/maxExclusive, sh:lessThanOrEquals, sh:not, sh:and, sh:or, sh:node,
sh:property, sh:qualifiedValueShape (+ counts, disjointness), SPARQL-based constraints (sh:sparql
with sh:select and sh:prefixes), sh:message, sh:severity and sh:deactivated. Any other SHACL term in
the shapes graph raises `UnsupportedShape` naming it, so the validator never silently accepts what
pyshacl would reject.

The data is read once into per-predicate indexes (only the predicates the shapes look at), either
from a pyoxigraph Store (`validate_store`) or from quads in memory (`validate_quads`, the fast path
when the caller still holds the graph). Constraints run over whole sets of focus nodes, and the
literal-level checks (datatypes, patterns, comparisons) run once per distinct value, on the rdflib
form of the value with pyshacl's own rules, so results agree with pyshacl's to the message. SPARQL
constraints run with rdflib, as pyshacl runs them, on the triples of the predicates they mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from sys import intern

import pyoxigraph as ox
import rdflib
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.term import BNode, Literal, URIRef, Variable

from kg.memory import paused_gc
from kg.reason.literals import is_canonical
from kg.terms import from_rdflib, to_rdflib
from kg.validate import Validation, Violation, load_shapes

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RDF, RDFS, XSD = rdflib.RDF, rdflib.RDFS, rdflib.XSD
ALLOWED = frozenset({SH.Info, SH.Warning})  # kg.validate runs pyshacl with allow_warnings=True
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
R_STRING, R_LANG_STRING = URIRef(str(XSD.string)), URIRef(str(RDF.langString))
R_LITERAL, R_DATATYPE = URIRef(str(RDFS.Literal)), URIRef(str(RDFS.Datatype))
NODE_KINDS = {
    "BlankNode": frozenset({SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI}),
    "Literal": frozenset({SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}),
    "IRI": frozenset({SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI}),
}
# pyshacl's check that a literal's Python value is of the datatype's kind
VALUE_KINDS: dict[URIRef, type | tuple[type, ...]] = {
    R_STRING: (str, bytes),
    R_LANG_STRING: (str, bytes),
    URIRef(str(XSD.integer)): int,
    URIRef(str(XSD.float)): float,
    URIRef(str(XSD.decimal)): Decimal,
    URIRef(str(XSD.boolean)): bool,
    URIRef(str(XSD.date)): date,
    URIRef(str(XSD.time)): time,
    URIRef(str(XSD.dateTime)): datetime,
}
TYPE = str(RDF.type)
SUBCLASS = str(RDFS.subClassOf)
LANG_STRING = str(RDF.langString)

# Every SHACL term the compiler understands; any other sh: term in the shapes graph is refused.
SUPPORTED = frozenset(
    SH[x]
    for x in (
        "NodeShape PropertyShape SPARQLConstraint PropertyGroup Violation Warning Info "
        "IRI Literal BlankNode BlankNodeOrIRI BlankNodeOrLiteral IRIOrLiteral "
        "targetClass targetNode targetSubjectsOf targetObjectsOf path property node not and or in "
        "hasValue class datatype nodeKind minCount maxCount minInclusive maxInclusive minExclusive "
        "maxExclusive pattern flags qualifiedValueShape qualifiedMinCount qualifiedMaxCount "
        "qualifiedValueShapesDisjoint lessThanOrEquals sparql select prefixes declare prefix "
        "namespace message severity deactivated name description order group defaultValue"
    ).split()
)
SHAPE_PARAMETERS = frozenset(
    SH[x]
    for x in (
        "property node not and or in hasValue class datatype nodeKind minCount maxCount minInclusive "
        "maxInclusive minExclusive maxExclusive pattern qualifiedValueShape lessThanOrEquals sparql"
    ).split()
)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this validator does not implement exactly as pyshacl does."""


# Terms are plain Python values inside the validator (their hashes are cached, unlike pyoxigraph
# terms'): an IRI is its string, a blank node a 1-tuple (id,), a literal a 3-tuple
# (lexical form, datatype IRI, language or "") in rdflib's normal form.
Node = str | tuple
EMPTY: frozenset = frozenset()
CONFORMS: tuple[bool, list] = (True, [])


# --- results ---------------------------------------------------------------------------------------


class Report:
    """One validation result, built into a `Violation` only if it is kept."""

    __slots__ = ("focus", "messages", "path", "severity", "shape", "value")

    def __init__(self, shape: Shape, focus, value=None, path: str | None = None, messages=None) -> None:
        self.shape, self.focus, self.value = shape, focus, value
        self.path = shape.path_text if path is None else path
        self.messages = shape.messages if messages is None else messages
        self.severity: URIRef = shape.severity

    @property
    def violation(self) -> Violation:
        if not self.messages:
            raise UnsupportedShape(
                f"shape {self.shape.name} has no sh:message: pyshacl's generated messages are not reproduced"
            )
        return Violation(
            severity=str(self.severity).rsplit("#", 1)[-1],
            focus=_text(self.focus),
            path=self.path,
            message=str(self.messages[0]),
            shape=self.shape.name,
            value="" if self.value is None else _text(self.value),
        )


@dataclass
class Outcome:
    """A constraint over a set of focus nodes: those that do not conform, and the reports per node."""

    not_ok: set = field(default_factory=set)
    reports: dict = field(default_factory=dict)

    def add(self, focus: Node, report: Report) -> None:
        self.not_ok.add(focus)
        self.reports.setdefault(focus, []).append(report)


# --- the shapes ------------------------------------------------------------------------------------


@dataclass(eq=False)
class Shape:
    node: URIRef | BNode
    path: str | None
    path_text: str
    severity: URIRef
    messages: list[Literal]
    deactivated: bool
    targets: dict[URIRef, list] = field(default_factory=dict)
    constraints: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.node)


class Program:
    """The shapes graph compiled: every shape, the ones with targets, the predicates to index."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph
        _refuse_unknown_terms(graph)
        self.shapes: dict[URIRef | BNode, Shape] = {}
        for node in _shape_nodes(graph):
            self.shape(node)
        compiled: set[int] = set()
        while len(compiled) < len(self.shapes):  # compiling may meet shapes not seen yet
            for shape in list(self.shapes.values()):
                if id(shape) not in compiled:
                    compiled.add(id(shape))
                    shape.constraints = self._constraints(shape)
        self.top = [s for s in self.shapes.values() if any(s.targets.values())]
        self.predicates: set[str] = {TYPE, SUBCLASS}
        self.sparql_predicates: set[str] = set()
        for shape in self.shapes.values():
            if shape.path is not None:
                self.predicates.add(shape.path)
            for t in (SH.targetSubjectsOf, SH.targetObjectsOf):
                self.predicates.update(str(p) for p in shape.targets.get(t, ()))
            for c in shape.constraints:
                self.predicates.update(getattr(c, "predicates", ()))
                self.sparql_predicates.update(getattr(c, "sparql_predicates", ()))
        _refuse_cycles(self)

    def shape(self, node: URIRef | BNode) -> Shape:
        found = self.shapes.get(node)
        if found is not None:
            return found
        g = self.graph
        paths = list(g.objects(node, SH.path))
        if len(paths) > 1:
            raise UnsupportedShape(f"shape {node} has more than one sh:path")
        path = paths[0] if paths else None
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShape(f"shape {node}: only simple predicate paths are supported, not {path!r}")
        severities = list(g.objects(node, SH.severity))
        if len(severities) > 1:
            raise UnsupportedShape(f"shape {node} has several sh:severity values")
        messages = list(g.objects(node, SH.message))
        if len(messages) > 1:
            raise UnsupportedShape(
                f"shape {node} has several sh:message values (pyshacl reports keep an arbitrary one)"
            )
        deactivated = [d for d in g.objects(node, SH.deactivated)]
        shape = Shape(
            node=node,
            path=str(path) if path is not None else None,
            path_text=str(path) if path is not None else "",
            severity=severities[0] if severities else SH.Violation,
            messages=messages,
            deactivated=bool(deactivated and isinstance(deactivated[0], Literal) and deactivated[0].value),
            targets={t: list(g.objects(node, t)) for t in TARGETS},
        )
        classes = set(g.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
        if any(t in classes for t in g.objects(node, RDF.type)):
            shape.targets[SH.targetClass] = [*shape.targets[SH.targetClass], node]  # implicit class target
        self.shapes[node] = shape
        return shape

    def _constraints(self, shape: Shape) -> list:
        g, node = self.graph, shape.node
        present = {p for p in g.predicates(node) if p in SHAPE_PARAMETERS}
        out: list = []

        def one(p: URIRef) -> rdflib.term.Node:
            values = list(g.objects(node, p))
            if len(values) != 1:
                raise UnsupportedShape(f"shape {node} needs exactly one {p}")
            return values[0]

        def count(p: URIRef) -> int | None:
            values = list(g.objects(node, p))
            if not values:
                return None
            if len(values) > 1 or not isinstance(values[0], Literal) or not isinstance(values[0].value, int):
                raise UnsupportedShape(f"shape {node}: {p} must be one integer")
            return int(values[0].value)

        def shapes_of(p: URIRef) -> list[Shape]:
            return [self.shape(s) for s in g.objects(node, p)]

        def needs_path(p: URIRef) -> None:
            if shape.path is None:
                raise UnsupportedShape(f"shape {node}: {p} on a node shape")

        for p in sorted(present):
            if p == SH.minCount:
                needs_path(p)
                out.append(MinCount(count(p)))
            elif p == SH.maxCount:
                needs_path(p)
                out.append(MaxCount(count(p)))
            elif p == SH.datatype:
                out.append(Datatype(one(p)))
            elif p == SH.nodeKind:
                out.append(NodeKind(one(p)))
            elif p == SH["class"]:
                out.append(Class([str(c) for c in g.objects(node, p)]))
            elif p == SH["in"]:
                out.append(In(set(g.items(one(p)))))
            elif p == SH.hasValue:
                out.append(HasValue(list(g.objects(node, p))))
            elif p == SH.pattern:
                flags = list(g.objects(node, SH.flags))
                out.append(Pattern(list(g.objects(node, p)), flags[0] if flags else None))
            elif p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
                out.append(Range(p, list(g.objects(node, p))))
            elif p == SH.lessThanOrEquals:
                needs_path(p)
                out.append(LessThanOrEquals([str(x) for x in g.objects(node, p)]))
            elif p == SH["not"]:
                out.append(Not(shapes_of(p)))
            elif p in (SH["and"], SH["or"]):
                lists = [[self.shape(s) for s in set(g.items(lst))] for lst in g.objects(node, p)]
                out.append((And if p == SH["and"] else Or)(lists))
            elif p == SH.node:
                targets = shapes_of(p)
                if any(t.path is not None for t in targets):
                    raise UnsupportedShape(f"shape {node}: sh:node points to a property shape")
                out.append(NodeConstraint(targets))
            elif p == SH.property:
                targets = shapes_of(p)
                if any(t.path is None for t in targets):
                    raise UnsupportedShape(f"shape {node}: sh:property points to a shape without sh:path")
                out.append(PropertyConstraint(targets))
            elif p == SH.qualifiedValueShape:
                needs_path(p)
                out.append(self._qualified(shape, count))
            elif p == SH.sparql:
                out.append(SparqlConstraint(self, shape, list(g.objects(node, p))))
        return out

    def _qualified(self, shape: Shape, count) -> Qualified:
        g, node = self.graph, shape.node
        low, high = count(SH.qualifiedMinCount), count(SH.qualifiedMaxCount)
        if low is None and high is None:
            raise UnsupportedShape(f"shape {node}: sh:qualifiedValueShape without a qualified count")
        disjoint = any(
            isinstance(d, Literal) and isinstance(d.value, bool) and d.value
            for d in g.objects(node, SH.qualifiedValueShapesDisjoint)
        )
        values = set(g.objects(node, SH.qualifiedValueShape))
        siblings: dict[rdflib.term.Node, list[Shape]] = {}
        for v in values:
            found: set = set()
            if disjoint:
                for parent in g.subjects(SH.property, node):
                    for s in g.objects(parent, SH.property):
                        found |= {q for q in g.objects(s, SH.qualifiedValueShape) if q != v}
            siblings[v] = [self.shape(s) for s in found]
        return Qualified([(self.shape(v), siblings[v]) for v in values], low, high)


def _shape_nodes(g: rdflib.Graph) -> set:
    """The shapes pyshacl finds in a shapes graph (declared, implied by their predicates, or used)."""
    nodes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    for p in (*TARGETS, SH.property, SH.node):
        nodes |= set(g.subjects(p))
    for p in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
        nodes |= set(g.objects(None, p))
    for p in (SH["and"], SH["or"], SH.xone):
        for lst in g.objects(None, p):
            nodes |= set(g.items(lst))
    return nodes


def _refuse_unknown_terms(g: rdflib.Graph) -> None:
    unknown: set[str] = set()
    for _s, p, o in g:
        for term in (p, o) if p == RDF.type else (p,):
            if isinstance(term, URIRef) and str(term).startswith(str(SH)) and term not in SUPPORTED:
                unknown.add(str(term))
    if unknown:
        raise UnsupportedShape(
            f"SHACL features not supported by the fast validator: {', '.join(sorted(unknown))}"
        )


def _refuse_cycles(program: Program) -> None:
    """Recursive shapes are refused (pyshacl's recursion handling is not reproduced)."""

    def refs(shape: Shape) -> Iterable[Shape]:
        for c in shape.constraints:
            yield from getattr(c, "shapes", ())

    state: dict[int, int] = {}

    def visit(shape: Shape) -> None:
        state[id(shape)] = 1
        for nxt in refs(shape):
            mark = state.get(id(nxt))
            if mark == 1:
                raise UnsupportedShape(f"recursive shapes through {nxt.name}")
            if mark is None:
                visit(nxt)
        state[id(shape)] = 2

    for shape in program.shapes.values():
        if id(shape) not in state:
            visit(shape)


# --- the data --------------------------------------------------------------------------------------

_UNSEEN = object()


class Data:
    """Per-predicate indexes (subject -> objects) of the triples the shapes look at, deduplicated
    across named graphs, with literals as rdflib (and so pyshacl) sees them. IRIs are interned
    strings (one object per IRI however often it is met); a subject's objects are a tuple while
    there is one, a set from the second on."""

    def __init__(self, predicates: Iterable[str], sparql_predicates: Iterable[str] = ()) -> None:
        self.index: dict[str, dict[Node, tuple[Node] | set[Node]]] = {p: {} for p in predicates}
        self.sparql_predicates = frozenset(sparql_predicates)
        self.sparql_triples: set[tuple[Node, str, Node]] = set()
        self._literals: dict[ox.Literal, tuple] = {}
        self._literal_texts: dict[bytes, tuple] = {}  # a literal's N-Triples text -> its key
        self._rdflib: dict[Node, rdflib.term.Node] = {}
        self._supers: dict[str, frozenset] | None = None
        self._instances: dict[Node, set[Node]] | None = None

    def literal(self, lit: ox.Literal) -> tuple:
        """The key of a literal, in the normal form rdflib gives it ("010"^^xsd:integer is "10")."""
        key = self._literals.get(lit)
        if key is None:
            value, datatype, language = lit.value, lit.datatype.value, lit.language or ""
            if not language and datatype != XSD_STRING and not is_canonical(value, datatype):
                normal = from_rdflib(to_rdflib(lit))
                value, datatype = normal.value, normal.datatype.value
            key = self._literals[lit] = (value, intern(datatype), intern(language))
        return key

    def _kind(self, iri: str) -> tuple | None:
        """A predicate's (its index or None, itself if SPARQL constraints read it); None: unwanted."""
        index, sparql = self.index, self.sparql_predicates
        if iri in index or iri in sparql:
            return index.get(iri), iri if iri in sparql else None
        return None

    def _put(self, kind: tuple, s: Node, o: Node) -> None:
        by_subject, in_sparql = kind
        if by_subject is not None:
            objects = by_subject.get(s)
            if objects is None:
                by_subject[s] = (o,)  # most have one value: a tuple is a fifth of a set's size
            elif objects.__class__ is tuple:
                if o != objects[0]:
                    by_subject[s] = {objects[0], o}
            else:
                objects.add(o)
        if in_sparql is not None:
            self.sparql_triples.add((s, in_sparql, o))

    def add_quads(self, quads: Iterable[ox.Quad | ox.Triple]) -> Data:
        wanted: dict[ox.NamedNode, tuple | None] = {}  # predicate -> `_kind`
        named, literal = ox.NamedNode, ox.Literal
        literals, put = self._literals, self._put
        for q in quads:
            p = q.predicate
            try:
                kind = wanted[p]
            except KeyError:
                kind = wanted[p] = self._kind(p.value)
            if kind is None:
                continue
            s, o = q.subject, q.object
            s = intern(s.value) if s.__class__ is named else (intern(s.value),)
            if o.__class__ is named:
                o = intern(o.value)
            elif o.__class__ is literal:
                o = literals.get(o) or self.literal(o)
            else:
                o = (intern(o.value),)
            put(kind, s, o)
        return self

    def add_lines(self, lines: Iterable[bytes]) -> Data:
        """As `add_quads`, from N-Triples lines (without newline) as pyoxigraph writes them: an IRI
        or a blank node is read from its text (`node_key`), a literal is parsed, the batch's new
        literals in one parse; the lines of predicates the shapes do not read are only split."""
        wanted: dict[bytes, tuple | None] = {}  # predicate text -> `_kind`
        rows: list[tuple[tuple, bytes, bytes]] = []
        for line in lines:
            if not line:
                continue
            s, p, rest = line.split(b" ", 2)
            kind = wanted.get(p, _UNSEEN)
            if kind is _UNSEEN:
                kind = wanted[p] = self._kind(p[1:-1].decode())
            if kind is not None:
                rows.append((kind, s, rest[:-2]))  # (the line ends in " .")
        texts = self._literal_texts
        new = list({o for _, _, o in rows if o[0] == 34 and o not in texts})  # '"': a literal
        if new:
            parsed = ox.parse(b"".join(b"<x:s> <x:p> %s .\n" % o for o in new), format=ox.RdfFormat.N_TRIPLES)
            for text, t in zip(new, parsed, strict=True):
                texts[text] = self.literal(t.object)
        nodes: dict[bytes, Node] = {}
        put = self._put
        for kind, s, o in rows:
            subject = nodes.get(s)
            if subject is None:
                subject = nodes[s] = node_key(s)
            if o[0] == 34:
                value = texts[o]
            else:
                value = nodes.get(o)
                if value is None:
                    value = nodes[o] = node_key(o)
            put(kind, subject, value)
        return self

    def add_store(self, store: ox.Store) -> Data:
        """Read the wanted predicates from a store, one SPARQL query each (the store deduplicates
        across graphs, which is cheaper than reading every quad out of it)."""
        for iri in set(self.index) | self.sparql_predicates:
            query = f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{iri}> ?o }}"
            rows = store.query(query, use_default_graph_as_union=True)
            p = ox.NamedNode(iri)
            self.add_quads(ox.Triple(row[0], p, row[1]) for row in rows)
        return self

    def values(self, focus: Node, path: str) -> tuple[Node] | set[Node]:
        return self.index[path].get(focus, EMPTY)

    def rdflib(self, key: Node) -> rdflib.term.Node:
        """The rdflib term of a key (cached)."""
        r = self._rdflib.get(key)
        if r is None:
            r = self._rdflib[key] = rdflib_term(key)
        return r

    @property
    def supers(self) -> dict[str, frozenset]:
        """Class -> itself and every class it is an rdfs:subClassOf* of, in the data graph."""
        if self._supers is None:
            up = self.index[SUBCLASS]
            out: dict = {}
            for start in {*up, *(c for cs in self.index[TYPE].values() for c in cs)}:
                seen, stack = {start}, [start]
                while stack:
                    for nxt in up.get(stack.pop(), ()):
                        if nxt not in seen:
                            seen.add(nxt)
                            stack.append(nxt)
                out[start] = frozenset(seen)
            self._supers = out
        return self._supers

    def is_instance(self, node: Node, cls: str) -> bool:
        supers = self.supers
        return any(cls in supers.get(t, (t,)) for t in self.index[TYPE].get(node, ()))

    def instances(self, cls: str) -> set[Node]:
        """SHACL instances: nodes typed with the class or with one of its subclasses (transitively)."""
        if self._instances is None:
            by_class: dict[Node, set[Node]] = {}
            for s, types in self.index[TYPE].items():
                for t in types:
                    nodes = by_class.get(t)
                    if nodes is None:
                        by_class[t] = {s}
                    else:
                        nodes.add(s)
            self._instances = by_class
        out: set[Node] = set()
        for c, ups in self.supers.items():
            if cls in ups:
                out |= self._instances.get(c, set())
        return out

    def subjects_of(self, p: str) -> set[Node]:
        return {s for s, os in self.index[p].items() if os}

    def objects_of(self, p: str) -> set[Node]:
        return {o for os in self.index[p].values() for o in os}

    def rdflib_graph(self) -> rdflib.Graph:
        g = rdflib.Graph()
        for s, p, o in self.sparql_triples:
            g.add((self.rdflib(s), URIRef(p), self.rdflib(o)))
        return g


def rdflib_term(key: Node) -> rdflib.term.Node:
    if key.__class__ is str:
        return URIRef(key)
    if len(key) == 1:
        return BNode(key[0])
    value, datatype, language = key
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=None if datatype == XSD_STRING else URIRef(datatype))


def term_key(term: rdflib.term.Node) -> Node:
    """The key of an rdflib term (a shape's constant)."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return (str(term),)
    if term.language:
        return (str(term), LANG_STRING, term.language)
    return (str(term), str(term.datatype) if term.datatype else XSD_STRING, "")


def is_literal(key: Node) -> bool:
    return key.__class__ is tuple and len(key) == 3


def is_blank(key: Node) -> bool:
    return key.__class__ is tuple and len(key) == 1


def key_text(key: Node) -> str:
    """What rdflib's str() gives for the term: the IRI, the blank node id, the lexical form."""
    return key if key.__class__ is str else key[0]


# --- evaluation ------------------------------------------------------------------------------------


class Validator:
    """Runs a compiled `Program` over `Data`, as pyshacl's Shape.validate does, a set at a time."""

    def __init__(self, program: Program, data: Data) -> None:
        self.program = program
        self.data = data
        self._sparql_graph: rdflib.Graph | None = None
        self._memo: dict[int, dict[Node, tuple[bool, list[Report]]]] = {}
        self._done: dict[int, set[Node]] = {}

    @property
    def sparql_graph(self) -> rdflib.Graph:
        if self._sparql_graph is None:
            self._sparql_graph = self.data.rdflib_graph()
        return self._sparql_graph

    def run(self) -> Validation:
        reports: list[Report] = []
        conforms = True
        for shape in self.program.top:
            if shape.deactivated:
                continue
            focus = self.focus_nodes(shape)
            outcomes = self.outcomes(shape, focus)
            if shape.severity not in ALLOWED:
                for o in outcomes:
                    mine = [r for rs in o.reports.values() for r in rs]
                    if o.not_ok and not all(r.severity in ALLOWED for r in mine):
                        conforms = False
            reports += (r for o in outcomes for rs in o.reports.values() for r in rs)
        # kg.validate.read_report reads the top-level results (sh:result), not those nested under
        # them (sh:detail)
        return Validation(conforms, sorted(r.violation for r in reports))

    def focus_nodes(self, shape: Shape) -> list[Node]:
        data, found = self.data, set()
        found.update(term_key(n) for n in shape.targets[SH.targetNode])
        for c in shape.targets[SH.targetClass]:
            found |= data.instances(str(c))
        for p in shape.targets[SH.targetSubjectsOf]:
            found |= data.subjects_of(str(p))
        for p in shape.targets[SH.targetObjectsOf]:
            found |= data.objects_of(str(p))
        return list(found)

    def value_nodes(self, shape: Shape, focus: Iterable[Node]) -> dict[Node, set[Node]]:
        if shape.path is None:
            return {f: (f,) for f in focus}
        by_subject = self.data.index[shape.path]
        return {f: by_subject.get(f, EMPTY) for f in focus}

    def outcomes(self, shape: Shape, focus: list[Node]) -> list[Outcome]:
        if shape.deactivated or not focus:
            return []
        fv = self.value_nodes(shape, focus)
        return [c.evaluate(self, shape, fv) for c in shape.constraints]

    def conformance(
        self, shape: Shape, focus: set[Node], remember: bool = True
    ) -> dict[Node, tuple[bool, list[Report]]]:
        """Validation of each node alone against `shape`, as pyshacl's nested calls do: node ->
        (conforms, reports) for the nodes that fail or have reports (look others up with
        `.get(node, CONFORMS)`). With `remember`, verdicts are kept per shape, so a value met
        again (the same label under many nodes) is not checked again."""
        memo = self._memo.setdefault(id(shape), {}) if remember else {}
        if remember:
            done = self._done.setdefault(id(shape), set())
            todo = list(focus - done) if done else list(focus)
            done.update(todo)
        else:
            todo = list(focus)
        if not todo:
            return memo
        allow = shape.severity in ALLOWED
        for o in self.outcomes(shape, todo):
            for f in o.not_ok | o.reports.keys():
                ok, reports = memo.get(f, CONFORMS)
                mine = o.reports.get(f, [])
                if f in o.not_ok and not allow and not all(r.severity in ALLOWED for r in mine):
                    ok = False
                memo[f] = (ok, [*reports, *mine])
        return memo

    @staticmethod
    def report(
        shape: Shape,
        focus: Node,
        value: Node | None = None,
        path: str | None = None,
        messages: list | None = None,
    ) -> Report:
        return Report(shape, focus, value, path, messages)


def _text(term: Node | rdflib.term.Node) -> str:
    return key_text(term) if term.__class__ in (str, tuple) else str(term)


# --- constraint components -------------------------------------------------------------------------


class PerValue:
    """A constraint checked value by value, with one verdict per distinct value."""

    def ok(self, v: Validator, value: Node) -> bool:
        raise NotImplementedError

    def evaluate(self, v: Validator, shape: Shape, fv: dict[Node, set[Node]]) -> Outcome:
        out = Outcome()
        verdicts: dict[Node, bool] = {}
        for f, values in fv.items():
            for value in values:
                good = verdicts.get(value)
                if good is None:
                    good = verdicts[value] = self.ok(v, value)
                if not good:
                    out.add(f, v.report(shape, f, value))
        return out


@dataclass
class MinCount:
    n: int

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        if self.n > 0:
            for f, values in fv.items():
                if len(values) < self.n:
                    out.add(f, v.report(shape, f))
        return out


@dataclass
class MaxCount:
    n: int

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for f, values in fv.items():
            if len(values) > self.n:
                out.add(f, v.report(shape, f))
        return out


class Datatype(PerValue):
    def __init__(self, datatype: rdflib.term.Node) -> None:
        self.datatype = datatype
        # plain and language-tagged strings are judged without the round trip through rdflib
        self.takes_lang = datatype in (R_LITERAL, R_LANG_STRING)
        self.takes_string = datatype in (R_LITERAL, R_STRING)
        self.rule_iri = str(datatype)

    def ok(self, v: Validator, value: Node) -> bool:
        if not is_literal(value):
            return False
        rule = self.datatype
        if value[2]:
            return self.takes_lang
        if value[1] == XSD_STRING:
            return self.takes_string
        if value[1] == self.rule_iri and is_canonical(value[0], value[1]):
            return True  # well typed: rdflib gives it a value of the datatype's Python type
        lit = v.data.rdflib(value)
        if lit.datatype == rule:
            return False if getattr(lit, "ill_typed", None) is True else _actual_datatype(lit, rule)
        if rule == R_LITERAL:
            return True
        if rule == R_DATATYPE and lit.datatype:
            return True
        if lit.datatype is None and lit.language is None and rule == R_STRING:
            return _actual_datatype(lit, rule)
        return bool(rule == R_LANG_STRING and lit.language and _actual_datatype(lit, rule))


def _actual_datatype(lit: Literal, rule: rdflib.term.Node) -> bool:
    kind = VALUE_KINDS.get(rule)
    return True if kind is None else isinstance(lit.value, kind)


@dataclass
class NodeKind(PerValue):
    kind: rdflib.term.Node

    def ok(self, v: Validator, value: Node) -> bool:
        kind = "IRI" if value.__class__ is str else "BlankNode" if len(value) == 1 else "Literal"
        return self.kind in NODE_KINDS[kind]


@dataclass
class Class:
    classes: list[str]

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for cls in self.classes:
            verdicts: dict[Node, bool] = {}
            for f, values in fv.items():
                for value in values:
                    good = verdicts.get(value)
                    if good is None:
                        good = verdicts[value] = not is_literal(value) and v.data.is_instance(value, cls)
                    if not good:
                        out.add(f, v.report(shape, f, value))
        return out


@dataclass
class In(PerValue):
    members: set

    def ok(self, v: Validator, value: Node) -> bool:
        return v.data.rdflib(value) in self.members


@dataclass
class HasValue:
    wanted: list

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for hv in self.wanted:
            for f, values in fv.items():
                if not any(v.data.rdflib(x) == hv for x in values):
                    out.add(f, v.report(shape, f))
        return out


class Pattern:
    def __init__(self, patterns: list, flags: rdflib.term.Node | None) -> None:
        re_flags = 0
        if flags is not None:
            text = str(flags.value if isinstance(flags, Literal) else flags).lower()
            re_flags |= re.I if "i" in text else 0
            re_flags |= re.M if "m" in text else 0
        self.rules = []
        for p in patterns:
            if not isinstance(p, Literal):
                raise UnsupportedShape(f"sh:pattern must be a literal: {p!r}")
            source = str(p.value) if p.value is not None and len(p.value) > 1 else str(p)
            self.rules.append(re.compile(source, re_flags))

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for rule in self.rules:
            verdicts: dict[Node, bool] = {}
            for f, values in fv.items():
                for value in values:
                    good = verdicts.get(value)
                    if good is None:
                        good = verdicts[value] = self._matches(v, rule, value)
                    if not good:
                        out.add(f, v.report(shape, f, value))
        return out

    @staticmethod
    def _matches(v: Validator, rule: re.Pattern, value: Node) -> bool:
        if is_blank(value):
            return False
        if value.__class__ is str:
            return bool(rule.match(value) or rule.search(value))
        if value[2] or value[1] == XSD_STRING or is_canonical(value[0], value[1]):
            # strings: their value; canonical typed literals: str() of the rdflib literal
            return bool(rule.match(value[0]) or rule.search(value[0]))
        term = v.data.rdflib(value)
        if (
            isinstance(term, Literal)
            and term.value is not None
            and term.datatype in (None, R_LANG_STRING, R_STRING)
        ):
            text = str(term.value)
        else:
            text = str(term)
        return bool(rule.match(text) or rule.search(text))


class Range:
    def __init__(self, parameter: URIRef, bounds: list) -> None:
        from pyshacl.rdfutil import compare_literal

        self.compare = compare_literal
        self.test = {
            SH.minInclusive: lambda c: c >= 0,
            SH.minExclusive: lambda c: c > 0,
            SH.maxInclusive: lambda c: c <= 0,
            SH.maxExclusive: lambda c: c < 0,
        }[parameter]
        if not all(isinstance(b, Literal) for b in bounds):
            raise UnsupportedShape(f"{parameter} needs literal values")
        self.bounds = bounds

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for bound in self.bounds:
            verdicts: dict[Node, bool] = {}
            for f, values in fv.items():
                for value in values:
                    good = verdicts.get(value)
                    if good is None:
                        good = verdicts[value] = self._ok(v, bound, value)
                    if not good:
                        out.add(f, v.report(shape, f, value))
        return out

    def _ok(self, v: Validator, bound: Literal, value: Node) -> bool:
        if not is_literal(value):
            return False
        lit = v.data.rdflib(value)
        if isinstance(bound.value, str) != isinstance(lit.value, str):
            return False
        try:
            return self.test(self.compare(lit, bound))
        except (TypeError, NotImplementedError):
            return False


@dataclass
class LessThanOrEquals:
    predicates: list[str]

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for p in self.predicates:
            for f, values in fv.items():
                others = v.data.values(f, p)
                for value in values:
                    for other in others:
                        if not _less_or_equal(v.data.rdflib(value), v.data.rdflib(other)):
                            out.add(f, v.report(shape, f, value))
        return out


def _less_or_equal(a: rdflib.term.Node, b: rdflib.term.Node) -> bool:
    """pyshacl's sh:lessThanOrEquals test for one pair of values."""
    if isinstance(a, BNode) or isinstance(b, BNode):
        raise UnsupportedShape("sh:lessThanOrEquals over a blank node")

    def plain(x):
        if isinstance(x, URIRef):
            return str(x), True
        if isinstance(x, Literal) and isinstance(x.value, str):
            return x.value, True
        return x, False

    (a, a_str), (b, b_str) = plain(a), plain(b)
    return a_str == b_str and bool(a <= b)


class Nested:
    """Constraints that validate value nodes against other shapes."""

    shapes: list[Shape]

    @staticmethod
    def distinct_values(fv: dict) -> set[Node]:
        return {x for values in fv.values() for x in values}


class Not(Nested):
    def __init__(self, shapes: list[Shape]) -> None:
        self.shapes = shapes

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        values = self.distinct_values(fv)
        for other in self.shapes:
            verdict = v.conformance(other, values)
            for f, vs in fv.items():
                for value in vs:
                    if verdict.get(value, CONFORMS)[0]:
                        out.add(f, v.report(shape, f, value))
        return out


class Or(Nested):
    every = False

    def __init__(self, lists: list[list[Shape]]) -> None:
        self.lists = lists
        self.shapes = [s for lst in lists for s in lst]

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        values = self.distinct_values(fv)
        for members in self.lists:
            verdicts = [v.conformance(m, values) for m in members]
            for f, vs in fv.items():
                for value in vs:
                    results = [d.get(value, CONFORMS)[0] for d in verdicts]
                    if not (all(results) if self.every else any(results)):
                        out.add(f, v.report(shape, f, value))
        return out


class And(Or):
    every = True


class NodeConstraint(Nested):
    def __init__(self, shapes: list[Shape]) -> None:
        self.shapes = shapes

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        values = self.distinct_values(fv)
        for other in self.shapes:
            verdict = v.conformance(other, values)
            for f, vs in fv.items():
                for value in vs:
                    ok, reports = verdict.get(value, CONFORMS)
                    if not ok or reports:  # the nested results go under sh:detail, not reported here
                        out.add(f, v.report(shape, f, value))
        return out


class PropertyConstraint(Nested):
    def __init__(self, shapes: list[Shape]) -> None:
        self.shapes = shapes

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        values = self.distinct_values(fv)
        if not values:
            return out
        for other in self.shapes:
            verdict = v.conformance(other, values, remember=False)
            if not verdict:
                continue
            for f, vs in fv.items():
                for value in vs:
                    ok, reports = verdict.get(value, CONFORMS)
                    if not ok:
                        out.not_ok.add(f)
                    if reports:
                        out.reports.setdefault(f, []).extend(reports)
        return out


class Qualified(Nested):
    def __init__(
        self, value_shapes: list[tuple[Shape, list[Shape]]], low: int | None, high: int | None
    ) -> None:
        self.value_shapes = value_shapes
        self.low, self.high = low, high
        self.shapes = [s for q, sib in value_shapes for s in (q, *sib)]

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        values = self.distinct_values(fv)
        for qshape, siblings in self.value_shapes:
            verdict = v.conformance(qshape, values)
            sibling_verdicts = [v.conformance(s, values) for s in siblings]
            for f, vs in fv.items():
                n = 0
                for value in vs:
                    if verdict.get(value, CONFORMS)[0] and not (
                        sibling_verdicts and any(d.get(value, CONFORMS)[0] for d in sibling_verdicts)
                    ):
                        n += 1
                if self.high is not None and n > self.high:
                    out.add(f, v.report(shape, f))
                if self.low is not None and n < self.low:
                    out.add(f, v.report(shape, f))
        return out


class SparqlConstraint:
    """SHACL-SPARQL constraints, run with rdflib as pyshacl runs them, one focus node at a time."""

    def __init__(self, program: Program, shape: Shape, nodes: list) -> None:
        from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
        from rdflib.plugins.sparql import prepareQuery

        g = program.graph
        self.constraints = []
        self.sparql_predicates: set[str] = set()
        shim = _ShapeShim(g, shape)
        for node in nodes:
            selects = list(g.objects(node, SH.select))
            if len(selects) != 1:
                raise UnsupportedShape(f"SPARQL constraint {node} needs exactly one sh:select")
            messages = list(g.objects(node, SH.message))
            if len(messages) + len(shape.messages) > 1:
                raise UnsupportedShape(
                    f"SPARQL constraint {node}: several messages (pyshacl keeps an arbitrary one)"
                )
            deactivated = [d for d in g.objects(node, SH.deactivated) if isinstance(d, Literal) and d.value]
            helper = SPARQLQueryHelper(shim, node, str(selects[0]), messages=set(messages))
            helper.collect_prefixes()
            binds, text = helper.pre_bind_variables(rdflib.URIRef("urn:x-focus"))
            query = prepareQuery(helper.apply_prefixes(text))
            self.sparql_predicates |= _query_predicates(query.algebra, node)
            self.constraints.append((node, query, "this" in binds, messages, bool(deactivated)))

    def evaluate(self, v: Validator, shape: Shape, fv: dict) -> Outcome:
        out = Outcome()
        for _node, query, binds_this, messages, deactivated in self.constraints:
            if deactivated:
                continue
            for f in fv:
                for this, path, value, rest in self._violations(v, query, binds_this, f):
                    if value is None and shape.path is None:
                        value = v.data.rdflib(f)
                    bound = {**rest, "this": this, "path": path, "value": value}
                    texts = [_fill(str(m), bound) for m in (messages or shape.messages)]
                    r = v.report(
                        shape,
                        this if this else f,
                        value=value,
                        path=str(path) if path is not None else None,
                        messages=texts,
                    )
                    if not texts:  # pyshacl has no generic message for SPARQL constraints
                        r.messages = [""]
                    out.add(f, r)
        return out

    @staticmethod
    def _violations(v: Validator, query, binds_this: bool, focus: Node) -> list[tuple]:
        bindings = {"this": v.data.rdflib(focus)} if binds_this else {}
        found: list[tuple] = []
        for row in v.sparql_graph.query(query, initBindings=bindings):
            values = row.asdict()
            if values.pop("failure", None) is not None:
                raise UnsupportedShape("a SPARQL constraint bound ?failure")
            p, val, t = values.pop("path", None), values.pop("value", None), values.pop("this", None)
            if p is None and val is None and t is None:
                continue
            item = (t, p, val, values)
            if item not in found:
                found.append(item)
        return found


class _ShapeShim:
    """What pyshacl's SPARQLQueryHelper reads from a shape."""

    def __init__(self, graph: rdflib.Graph, shape: Shape) -> None:
        self.sg = self
        self.graph = graph
        self.node = shape.node
        self._path = URIRef(shape.path_text) if shape.path_text else None

    def path(self):
        return self._path


def _fill(message: str, bound: dict) -> str:
    for var, val in bound.items():
        if val is not None:
            message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


def _query_predicates(algebra, node) -> set[str]:
    """Every IRI a SPARQL query mentions (a superset of the predicates it can match); refuses
    variable predicates and negated property paths, which could match any predicate."""
    found: set[str] = set()

    def path_iris(path) -> None:
        if isinstance(path, URIRef):
            found.add(str(path))
        elif isinstance(path, NegatedPath):
            raise UnsupportedShape(f"SPARQL constraint {node}: negated property path")
        elif isinstance(path, SequencePath | AlternativePath):
            for a in path.args:
                path_iris(a)
        elif isinstance(path, InvPath | MulPath):
            path_iris(path.path)

    def walk(x) -> None:
        if isinstance(x, dict):
            triples = dict.get(x, "triples")
            if triples is not None:
                for _s, p, _o in triples:
                    if isinstance(p, Variable):
                        raise UnsupportedShape(f"SPARQL constraint {node}: variable predicate ?{p}")
                    path_iris(p)
            for value in dict.values(x):
                walk(value)
        elif isinstance(x, list | tuple | set):
            for value in x:
                walk(value)
        elif isinstance(x, URIRef):
            found.add(str(x))

    walk(algebra)
    return found


# --- entry points ----------------------------------------------------------------------------------


def compile_shapes(shapes: rdflib.Graph | Iterable[Path] | None = None) -> Program:
    """Compile a shapes graph (or the Turtle files at these paths; default: shapes/)."""
    graph = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    return Program(graph)


def validate_store(
    store: ox.Store, shapes_paths: Iterable[Path] | rdflib.Graph | Program | None = None
) -> Validation:
    """SHACL over every graph of the store, merged; results equal to `kg.validate.validate`'s.
    The shapes: Turtle files (default: shapes/), or a parsed shapes graph, or a compiled `Program`."""
    program = shapes_paths if isinstance(shapes_paths, Program) else compile_shapes(shapes_paths)
    with paused_gc():
        data = Data(program.predicates, program.sparql_predicates).add_store(store)
        return Validator(program, data).run()


def validate_quads(
    quads: Iterable[ox.Quad | ox.Triple], shapes: rdflib.Graph | Iterable[Path] | Program | None = None
) -> Validation:
    """SHACL over quads and triples held in memory (named graphs merged), without a store."""
    program = shapes if isinstance(shapes, Program) else compile_shapes(shapes)
    with paused_gc():
        data = Data(program.predicates, program.sparql_predicates).add_quads(quads)
        return Validator(program, data).run()


# --- a batch of focus nodes ------------------------------------------------------------------------


class _BatchValidator(Validator):
    """A Validator whose focus nodes are only those of one batch (the data also holds the types
    of the batch's values and the ontology, whose nodes are validated in their own batch)."""

    def __init__(self, program: Program, data: Data, batch: set[Node], target_nodes: bool) -> None:
        super().__init__(program, data)
        self.batch, self.target_nodes = batch, target_nodes

    def focus_nodes(self, shape: Shape) -> list[Node]:
        named = {term_key(n) for n in shape.targets[SH.targetNode]}
        found = [n for n in super().focus_nodes(shape) if n in self.batch or n not in named]
        return [n for n in found if n in self.batch or (self.target_nodes and n in named)]


def node_key(key: bytes) -> Node:
    """The validator's key of a node written as N-Triples (an IRI or a blank node)."""
    text = key.decode()
    return intern(text[1:-1]) if text.startswith("<") else (intern(text[2:]),)


def validate_batch(
    quads: Iterable[ox.Quad | ox.Triple],
    program: Program,
    batch: set[Node],
    target_nodes: bool,
    lines: Iterable[bytes] = (),
) -> Validation:
    """SHACL results of the focus nodes in `batch` (and of the shapes' sh:targetNode nodes when
    `target_nodes`), from `quads` and N-Triples `lines` (`Data.add_lines`): the batch's own
    triples (every graph), the types of the values they point at (`value_type_needs`) and the
    ontology."""
    with paused_gc():
        data = Data(program.predicates, program.sparql_predicates).add_lines(lines).add_quads(quads)
        return _BatchValidator(program, data, batch, target_nodes).run()


def value_type_needs(program: Program) -> tuple[set[str], set[str]]:
    """(paths, classes): the types of a value reached along one of the paths matter to the shapes
    when they are (or are subclasses of) one of the classes (sh:class one step from the focus).
    Shapes that look further from the focus node than its values are refused."""
    paths: set[str] = set()
    classes: set[str] = set()

    def walk(shape: Shape, hop: int, via: str | None) -> None:
        if shape.path is not None:
            if hop > 0:
                raise UnsupportedShape(f"shape {shape.node} looks two steps from the focus node")
            hop, via = 1, shape.path
        for c in shape.constraints:
            if isinstance(c, Class) and hop == 1 and via is not None:
                paths.add(via)
                classes.update(c.classes)
            for nested in getattr(c, "shapes", ()):
                walk(nested, hop, via)

    for shape in program.top:
        walk(shape, 0, None)
    return paths, classes
