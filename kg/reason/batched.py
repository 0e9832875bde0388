"""Reasoning a node batch at a time, in memory bounded by the batch, not by the archive.

A rule's conclusion is about a node its premises name (kg.update relies on the same fact), so the
inferred triples about a node follow from the triples that mention it, but for the chains of
transitive properties. Those chains are joined across the whole graph: the triples of the
predicates that can feed a transitive property (`cross_node_predicates`: the transitive ones,
their subproperties and inverses, and so on) and any schema statements in the data are few, and
every batch reasons over them too. So each batch reasons over

- the triples whose subject is one of its nodes and those whose object is (from sorted files on
  disk, `kg.nodegroups`), plus those few global triples,
- with the ontology and the reference data as the schema (as the whole-graph run has them),

and keeps the inferred triples whose subject is one of its nodes: the union over the batches is
the whole graph's inferred set. Each batch also gives what the later stages need of its nodes:
which count as facts (`kg.build.class_counts`' rule) and the types of the values the shapes check
(lines for the validation's batches, keyed by the node that points at the value).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.merge import statements
from kg.nodegroups import predicate_of
from kg.reason import infer
from kg.reason.lines import infer_lines, text_rules
from kg.reason.rules import RDF_TYPE, RuleSet, compile_rules, is_schema_triple

TYPE_KEY = str(RDF_TYPE).encode()


def cross_node_predicates(rules: RuleSet) -> frozenset[ox.NamedNode]:
    """The predicates whose triples can become triples of a transitive property: their closure is
    joined over the whole graph, not a node at a time."""
    feeding = {p for p, r in rules.properties.items() if r.transitive}
    grown = True
    while grown:
        grown = False
        for p, r in rules.properties.items():
            if p not in feeding and (r.supers | r.inverses) & feeding:
                feeding.add(p)
                grown = True
    return frozenset(feeding)


@dataclass
class BatchOutput:
    """What a batch gave (`BatchedReasoning.one`), or the batches together (`add`)."""

    inferred: int = 0
    errors: set[str] = field(default_factory=set)
    facts: Counter = field(default_factory=Counter)
    inferred_nquads: bytes = b""  # the inferred triples of a batch's nodes, N-Quads lines sorted
    value_types: list[bytes] = field(default_factory=list)  # "key\tline" lines (kg.nodegroups)

    def add(self, other: BatchOutput) -> None:
        """Count another batch's inferred triples, errors and facts in (not its lines)."""
        self.inferred += other.inferred
        self.errors |= other.errors
        self.facts.update(other.facts)


@dataclass(frozen=True)
class ReasoningSetup:
    """What every batch reasons with, in a form that can go to a worker process."""

    engine: str  # kg.reason.infer's
    schema: bytes  # the ontology and the reference data, N-Triples
    shared: bytes  # the triples every batch reasons over (kg.derived_graphs), N-Triples
    base: str
    inferred_graph: str
    fact_classes: dict[str, str]
    value_paths: frozenset[str]
    value_classes: frozenset[str]


class BatchedReasoning:
    """Reason over node batches: a batch is its release lines by subject, its other data lines by
    subject and the lines that point at its nodes (`key\tline`), as kg.nodegroups cuts them. The
    inferred triples go out as N-Quads lines of the inferred graph, with the values' types."""

    def __init__(self, setup: ReasoningSetup) -> None:
        self.setup, self.base = setup, setup.base
        self.schema = _triples(setup.schema)
        self.shared = _triples(setup.shared)
        self.graph = ox.NamedNode(setup.inferred_graph)
        self.facts = {f"<{iri}>".encode(): name for name, iri in setup.fact_classes.items()}
        self.value_predicates = frozenset(f"<{p}>".encode() for p in setup.value_paths)
        wanted = {f"<{c}>".encode() for c in setup.value_classes}
        data_schema = [t for t in self.shared if is_schema_triple(t)]
        rules = compile_rules([*self.schema, *data_schema], self.base)
        relevant: dict[bytes, bool] = {}

        def checked(cls: bytes) -> bool:
            found = relevant.get(cls)
            if found is None:
                node = ox.NamedNode(cls[1:-1].decode())
                found = relevant[cls] = any(str(c).encode() in wanted for c in rules.supers_of([node]))
            return found

        self.value_classes: Callable[[bytes], bool] = checked
        # the predicates whose triples the fast engine's rules read (others it passes by, but for
        # the typed literals whose lexical forms it checks); None: every triple is read
        self.read: frozenset[bytes] | None = None
        if setup.engine == "fast":
            self.read = frozenset(str(p).encode() for p in (*rules.properties, *rules.closure_predicates))
        # the fast engine over the lines themselves (kg.reason.lines), unless the data states
        # axioms of its own (kg.reason.fast compiles those)
        self.line_rules = text_rules(rules) if setup.engine == "fast" and not data_schema else None
        self.shared_lines = [*setup.schema.splitlines(), *setup.shared.splitlines()]  # read as data too
        self.graph_text = f"<{setup.inferred_graph}>".encode()

    def one(self, releases: bytes, others: bytes, pointing: bytes) -> BatchOutput:
        """One batch: each part is lines joined by newlines (a kg.nodegroups.Span read), taken
        apart in as few passes over the lines as the work allows."""
        out = BatchOutput()
        release_lines, other_lines = _split(releases), _split(others)
        pointing_parts = [line.partition(b"\t") for line in _split(pointing)]  # (key, tab, line)
        released = {line[: line.index(b" ")] for line in release_lines}  # the nodes named in a release
        keys = released | {line[: line.index(b" ")] for line in other_lines}
        keys.update(key for key, _, _ in pointing_parts)
        lines = itertools.chain(release_lines, other_lines, (line for _, _, line in pointing_parts))
        if self.line_rules is not None:  # (every line: a split costs less than `matters`' test)
            types = self._infer_lines(lines, keys, out)
        else:
            types = self._infer(lines, keys, out)
        asserted: dict[bytes, set[bytes]] = {}  # node -> its classes, as the data states them
        _add_types(asserted, release_lines)
        for node in released:  # counted by the classes a release or the reasoner gives it
            counted = asserted.get(node, set()) | types.get(node, set())
            out.facts.update(self.facts[c] for c in counted if c in self.facts)
        _add_types(asserted, other_lines)
        if not self.value_predicates or not pointing_parts:
            return out
        wanted, paths = self.value_classes, self.value_predicates
        checked: dict[bytes, list[bytes]] = {}
        for key, _, line in pointing_parts:
            cut = line.find(b" ")  # (predicate_of's work, inline: this runs for every line)
            if line[cut + 1 : line.find(b" ", cut + 1)] not in paths:
                continue
            classes = checked.get(key)
            if classes is None:
                mine = asserted.get(key, set()) | types.get(key, set())
                classes = checked[key] = [c for c in mine if wanted(c)]
            if classes:
                subject = line[:cut]
                out.value_types += [b"%s\t%s %s %s ." % (subject, key, TYPE_KEY, c) for c in classes]
        return out

    def _infer_lines(
        self, lines: Iterable[bytes], keys: set[bytes], out: BatchOutput
    ) -> dict[bytes, set[bytes]]:
        """Reason over the lines as they are (kg.reason.lines); the inferred triples of the batch's
        nodes go to `out`; return the inferred types of its nodes."""
        triples, errors = infer_lines(itertools.chain(lines, self.shared_lines), self.line_rules, self.base)
        out.errors.update(errors)
        kept = [t for t in triples if t[0] in keys]
        del triples
        out.inferred = len(kept)
        graph = self.graph_text
        out.inferred_nquads = b"".join(sorted(b"%s %s %s %s .\n" % (s, p, o, graph) for s, p, o in kept))
        types: dict[bytes, set[bytes]] = {}
        for s, p, o in kept:
            if p == TYPE_KEY:
                types.setdefault(s, set()).add(o)
        return types

    def _infer(self, lines: Iterable[bytes], keys: set[bytes], out: BatchOutput) -> dict[bytes, set[bytes]]:
        """Reason over the lines parsed (kg.reason.infer, the engine of the setup); as `_infer_lines`."""
        data = statements(lines if self.read is None else filter(self.matters, lines))
        inference = infer([*data, *self.shared], self.schema, self.base, self.setup.engine)
        del data
        out.errors.update(inference.errors)
        kept = [t for t in inference.triples if str(t.subject).encode() in keys]
        del inference
        if kept:
            quads = [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in kept]
            lines = set(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
            out.inferred = len(lines)
            out.inferred_nquads = b"".join(sorted(lines))
        types: dict[bytes, set[bytes]] = {}
        for t in kept:
            if t.predicate == RDF_TYPE:
                types.setdefault(str(t.subject).encode(), set()).add(str(t.object).encode())
        return types

    def matters(self, line: bytes) -> bool:
        """Whether the fast engine reads this triple: a predicate of its rules, rdf:type or a schema
        predicate, or a typed literal (but xsd:string) whose lexical form it checks."""
        p = predicate_of(line)
        if p in self.read or p.startswith(META):  # type: ignore[operator]
            return True
        return b'"^^<' in line and not line.rstrip(b"\n").endswith(STRING_END)


TYPE_IN_LINE = b" %s " % TYPE_KEY


def _split(text: bytes) -> list[bytes]:
    return text.split(b"\n") if text else []


def _add_types(types: dict[bytes, set[bytes]], lines: list[bytes]) -> None:
    """node -> classes, from the rdf:type lines among `lines`."""
    for line in lines:
        if TYPE_IN_LINE in line:
            s, p, rest = line.split(b" ", 2)
            if p == TYPE_KEY:
                types.setdefault(s, set()).add(rest[:-2])


META = b"<http://www.w3.org/"  # rdf:, rdfs:, owl: (and a few more, which only costs a parse)
STRING_END = b'"^^<http://www.w3.org/2001/XMLSchema#string> .'


def _triples(ntriples: bytes) -> list[ox.Triple]:
    return list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)) if ntriples else []
