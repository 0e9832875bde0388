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

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.extsort import SortedLines
from kg.merge import statements
from kg.nodegroups import Group, object_of, predicate_of
from kg.reason import Inference
from kg.reason.rules import RDF_TYPE, RuleSet

Reasoner = Callable[[Sequence, Sequence[ox.Triple], str], Inference]
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
    """What the batches gave: the inferred graph's lines are in the `SortedLines` handed in."""

    inferred: int = 0
    errors: set[str] = field(default_factory=set)
    facts: Counter = field(default_factory=Counter)


class BatchedReasoning:
    """Reason over node batches (`kg.nodegroups.batches` of the streams: release lines by subject,
    other data lines by subject, lines by object), writing the inferred triples as N-Quads lines of
    `inferred_graph` to `inferred` and the values' types to `value_types`."""

    def __init__(
        self,
        reason: Reasoner,
        schema: Sequence[ox.Triple],
        shared: Sequence[ox.Triple],
        base: str,
        inferred_graph: str,
        fact_classes: dict[str, str],
        value_paths: Iterable[str],
        value_classes: Callable[[bytes], bool],
    ) -> None:
        self.reason, self.schema, self.shared, self.base = reason, schema, shared, base
        self.graph = ox.NamedNode(inferred_graph)
        self.facts = {f"<{iri}>".encode(): name for name, iri in fact_classes.items()}
        self.value_paths = frozenset(f"<{p}>".encode() for p in value_paths)
        self.value_classes = value_classes
        self.out = BatchOutput()

    def run(
        self, batches: Iterable[list[Group]], inferred: SortedLines, value_types: SortedLines
    ) -> BatchOutput:
        for batch in batches:
            self.one(batch, inferred, value_types)
        return self.out

    def one(self, batch: list[Group], inferred: SortedLines, value_types: SortedLines) -> None:
        keys = {key for key, _ in batch}
        data = statements(line for _, streams in batch for lines in streams for line in lines)
        inference = self.reason([*data, *self.shared], self.schema, self.base)
        del data
        self.out.errors.update(inference.errors)
        kept = [t for t in inference.triples if str(t.subject).encode() in keys]
        del inference
        self.out.inferred += len(kept)
        if kept:
            quads = [ox.Quad(t.subject, t.predicate, t.object, self.graph) for t in kept]
            inferred.add(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines())
        types: dict[bytes, set[bytes]] = {}
        for t in kept:
            if t.predicate == RDF_TYPE:
                types.setdefault(str(t.subject).encode(), set()).add(str(t.object).encode())
        del kept
        wanted = self.value_classes
        for key, (releases, others, pointing) in batch:
            asserted = {object_of(line) for line in (*releases, *others) if predicate_of(line) == TYPE_KEY}
            mine = asserted | types.get(key, set())
            if releases:  # named in a release: counted by the classes a release or the reasoner gives
                counted = {object_of(line) for line in releases if predicate_of(line) == TYPE_KEY}
                counted |= types.get(key, set())
                self.out.facts.update(self.facts[c] for c in counted if c in self.facts)
            checked = [c for c in mine if wanted(c)]
            if not checked or not pointing:
                continue
            lines = [
                b"%s\t%s %s %s ." % (line[: line.index(b" ")], key, TYPE_KEY, c)
                for line in pointing
                if predicate_of(line) in self.value_paths
                for c in checked
            ]
            value_types.add(lines)
