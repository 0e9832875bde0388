"""What a build derives from the release graphs, in memory bounded by `--memory`: the incumbency
graph, the inferred graph, the counts of facts and the SHACL results.

The release graphs' distinct lines are on disk, sorted by subject (kg.merge) and by object. From
them, a pass at a time:

1. the incumbencies (kg.derive): the tenures' subjects and the labels of their holders and posts,
   read in one pass over the lines grep(1) picks; only those triples are parsed;
2. the reasoning, a range of nodes at a time (kg.reason.batched): the release, incumbency and
   reference lines that mention a batch's nodes, plus the few triples joined across the graph;
3. SHACL, a range of focus nodes at a time: their triples in every graph (releases, incumbency,
   reference, inferred), the types of the values the shapes check, the ontology.

Batches are cut from the sorted files by key (kg.nodegroups.key_spans) and worked on in
`--jobs` processes (kg.batch_workers). The incumbency and inferred graphs are written as sorted
N-Quads lines (`SortedLines`), which the store loader, the merge and the dumps then read. Only
the batches in flight, the sorts' budgets and the derived graphs' own bookkeeping (the tenures of
the incumbencies) are ever in memory.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.batch_workers import run_batches
from kg.derive import incumbencies
from kg.extsort import SortedLines, read_lines, tool
from kg.iris import DCT, FOAF, HKPR, Iris
from kg.merge import MergedGraph, keyed_by_object, statements
from kg.nodegroups import (
    PREFIXED,
    SUBJECT,
    Span,
    groups,
    key_spans,
    object_of,
    predicate_of,
)
from kg.reason.batched import BatchedReasoning, BatchOutput, ReasoningSetup, cross_node_predicates
from kg.reason.rules import compile_rules, is_schema_triple
from kg.validate import Validation

TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = b"<http://www.w3.org/2000/01/rdf-schema#label>"
TENURE = f"<{HKPR}Tenure>".encode()
POST, HOLDER, DATE = (f"<{HKPR}post>".encode(), f"<{HKPR}holder>".encode(), f"<{DCT}date>".encode())
META = tuple(
    b"<" + ns
    for ns in (
        b"http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        b"http://www.w3.org/2000/01/rdf-schema#",
        b"http://www.w3.org/2002/07/owl#",
    )
)
IS_TENURE = b" %s %s .\n" % (TYPE, TENURE)  # in a subject's lines: it is a tenure
IS_PERSON = b" %s <%sPerson> .\n" % (TYPE, FOAF.encode())  # a tenure's holder, likely
IS_POST = b" %s <%sPost> .\n" % (TYPE, HKPR.encode())  # a tenure's post, likely
TENURE_PARTS = (TYPE, POST, HOLDER, DATE)  # the lines of a tenure kg.derive.incumbencies reads
# bytes of a file: below this, a batch's fixed cost (the schema, the reference data) dominates
MIN_BATCH = 1 << 17


@dataclass
class Derived:
    """The derived graphs (sorted N-Quads lines) and what the report says of them."""

    incumbency: SortedLines
    incumbency_quads: int
    inferred: SortedLines | None = None
    inferred_quads: int = 0
    errors: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    validation: Validation | None = None


class DerivedGraphs:
    """The passes over the merged release lines of a build in `folder` (see the module docstring)."""

    def __init__(
        self,
        folder: Path,
        merged: MergedGraph,
        ontology: list[ox.Triple],
        reference: list[ox.Triple],
        iris: Iris,
        budget: int,
        batch_bytes: int,
        jobs: int = 1,
    ) -> None:
        self.folder, self.merged, self.iris, self.budget, self.jobs = folder, merged, iris, budget, jobs
        self.ontology, self.reference = ontology, reference
        self.batch_bytes = max(batch_bytes, MIN_BATCH)
        self.releases = merged.release_lines()
        self.others = SortedLines(folder, budget)  # incumbency and reference lines, N-Triples
        self.by_object = merged.by_object
        self.value_types = SortedLines(folder, budget)
        self._open = [self.others, self.value_types]
        reference_lines = _ntriples_bytes(reference).splitlines()
        self.others.add(reference_lines)
        self.by_object.add(keyed_by_object(reference_lines))
        # what every batch reads (the ontology and the reference data), as it goes to a worker
        self.static = _ntriples_bytes([*ontology, *reference])

    def close(self) -> None:
        for lines in self._open:
            lines.close()

    def _sorted(self) -> SortedLines:
        lines = SortedLines(self.folder, self.budget)
        self._open.append(lines)
        return lines

    # --- 1. incumbencies --------------------------------------------------------------------------

    def incumbencies(self) -> Derived:
        """The incumbency graph, from the tenures among the release lines. The same pass over the
        release lines picks those every reasoning batch needs (`_shared`)."""
        joins = _keys(cross_node_predicates(compile_rules([*self.ontology, *self.reference], self.iris.base)))
        self._joins, self._shared_lines = joins, []
        self._picked = self._tenure_lines(joins)
        graph = self.iris.incumbency_graph
        quads = incumbencies(self._tenure_triples(), self.iris)
        count = len(quads)
        out = self._sorted()
        if quads:
            nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            del quads
            out.add(nquads.splitlines())
            ntriples = nquads.replace(f" <{graph}> .\n".encode(), b" .\n").splitlines()
            del nquads
            self.others.add(ntriples)
            self.by_object.add(keyed_by_object(ntriples))
        return Derived(out, count)

    def _tenure_lines(self, joins: set[bytes]) -> Path:
        """A file of the release lines the incumbency pass reads (those of the tenures' post,
        holder and date, of the joins, and of the RDF, RDFS and OWL vocabularies: rdf:type and
        rdfs:label among them), picked by grep(1) -F, in C; where there is no grep(1), every
        release line (the pass picks exactly what it needs either way). PROV's and SKOS's lines,
        a third of the graph, are left out."""
        source = self.releases.file()
        patterns = [b" " + ns for ns in META] + [b" %s " % p for p in (POST, HOLDER, DATE, *joins)]
        picked = self.releases.folder / "incumbency-lines.nt"
        done = tool(
            "grep", "-F", *(arg for p in patterns for arg in ("-e", p.decode())), str(source), stdout=picked
        )
        return picked if done is not None and done.returncode in (0, 1) else source  # 1: no line matched

    def _tenure_triples(self) -> Iterator[ox.Triple]:
        """The triples kg.derive.incumbencies reads, in one pass over the picked lines: the tenures'
        type, post, holder and date, and the labels of the people and posts (the holders and posts
        of the tenures among them, known only at the pass's end: the labels of any not typed so
        are read in a second pass). The same pass keeps the lines `_shared` needs."""
        needed: set[bytes] = set()  # the tenures' holders and posts
        labelled: set[bytes] = set()
        joins, shared = self._joins, self._shared_lines
        for key, lines in groups(read_lines(self._picked), SUBJECT):
            text = b"".join(lines)
            tenure = IS_TENURE in text
            picked = []
            for line in lines:
                p = predicate_of(line)
                if tenure and p in TENURE_PARTS:
                    picked.append(line)
                    if p in (POST, HOLDER):
                        needed.add(object_of(line))
                if p in joins or _is_meta(line):
                    shared.append(line)
            if not tenure and (IS_PERSON in text or IS_POST in text) and (labels := _labels(lines)):
                labelled.add(key)
                picked += labels
            if picked:
                yield from _parsed(picked)
        if missing := needed - labelled:
            for key, lines in groups(read_lines(self._picked), SUBJECT):
                if key in missing and (labels := _labels(lines)):
                    yield from _parsed(labels)

    # --- 2. reasoning -----------------------------------------------------------------------------

    def reason(
        self,
        derived: Derived,
        engine: str,
        fact_classes: dict[str, str],
        value_paths: Iterable[str],
        value_classes: Iterable[str],
    ) -> Derived:
        """The inferred graph, the reasoner's errors and the counts of facts (see kg.reason.batched),
        the batches in `self.jobs` worker processes."""
        schema = [*self.ontology, *self.reference]
        setup = ReasoningSetup(
            engine,
            self.static,
            _ntriples_bytes(self._shared(schema)),
            self.iris.base,
            self.iris.inferred_graph,
            dict(fact_classes),
            frozenset(value_paths),
            frozenset(value_classes),
        )
        derived.inferred = self._sorted()
        merged = self._merged(self.releases, self.others, self.by_object)
        files = list(zip(merged, (SUBJECT, SUBJECT, PREFIXED), strict=True))
        total = BatchOutput()
        # a batch's inferred lines are sorted and about its own range of nodes: in the order of the
        # batches, they are the sorted inferred graph, written as they come
        inferred = self.folder / "inferred.nq"
        with inferred.open("wb") as lines:
            for out in run_batches(BatchedReasoning, (setup,), "one", self._batches(files), self.jobs):
                total.add(out)
                lines.write(out.inferred_nquads)
                self.value_types.add(out.value_types)
        derived.inferred.add_sorted(inferred)
        derived.inferred_quads = total.inferred
        derived.errors = sorted(total.errors)
        derived.facts = {name: total.facts[name] for name in fact_classes}
        return derived

    @staticmethod
    def _merged(*lines: SortedLines) -> list[Path]:
        """Each one's file, its runs merged into one (`SortedLines.file`): the merges at the same
        time, as sort(1)'s processes (one core's work each, where one after the other left a core
        idle between the stages)."""
        with ThreadPoolExecutor(len(lines)) as pool:
            return list(pool.map(SortedLines.file, lines))

    def _batches(self, files: list[tuple[Path, bytes]]) -> Iterator[tuple[Span, ...]]:
        """The node batches of the sorted `files`, each file's span (read by the worker)."""
        for batch in key_spans(files, self.batch_bytes):
            yield tuple(batch)

    def _shared(self, schema: list[ox.Triple]) -> list[ox.Triple]:
        """The triples every batch reasons over: the data's schema statements and the triples of
        `cross_node_predicates` (picked from the release lines by `incumbencies`, from the others
        here)."""
        base, joins = self.iris.base, self._joins

        def wanted(line: bytes) -> bool:
            return predicate_of(line) in joins

        others = [line for line in self.others if wanted(line) or _is_meta(line)]
        picked = _parsed([*self._shared_lines, *others])
        data_schema = [t for t in picked if is_schema_triple(t)]
        if data_schema:
            rules = compile_rules([*schema, *data_schema], base)
            if (more := _keys(cross_node_predicates(rules))) != joins:
                joins = more  # the data's axioms feed the transitive properties: read their triples
                picked = _parsed(
                    [line for lines in (self.releases, self.others) for line in lines if wanted(line)]
                )
        return [*data_schema, *(t for t in picked if str(t.predicate).encode() in joins)]

    # --- 3. SHACL ---------------------------------------------------------------------------------

    def validate(self, derived: Derived, validator: str) -> Validation:
        """SHACL a batch of focus nodes at a time (`ValidationBatches`), in `self.jobs` processes."""
        assert derived.inferred is not None
        merged = self._merged(self.releases, self.others, derived.inferred, self.value_types)
        files = list(zip(merged, (SUBJECT, SUBJECT, SUBJECT, PREFIXED), strict=True))
        setup = (validator, self.static, self.iris.inferred_graph)
        batches = ((*batch, i == 0) for i, batch in enumerate(self._batches(files)))
        results = []
        conforms = True
        for mine, batch_conforms in run_batches(ValidationBatches, setup, "one", batches, self.jobs):
            results.extend(mine)
            conforms = conforms and batch_conforms
        return Validation(conforms, sorted(results))


class ValidationBatches:
    """SHACL of a node batch (in a worker process): the batch's triples in every graph (releases,
    incumbency and reference, inferred), the types of the values the shapes check (lines keyed
    by the node that points at the value), and the ontology and reference data."""

    def __init__(self, validator: str, static: bytes, inferred_graph: str) -> None:
        from kg.validate_fast import compile_shapes

        self.validator, self.static = validator, list(ox.parse(static, format=ox.RdfFormat.N_TRIPLES))
        self.program = compile_shapes() if validator != "pyshacl" else None
        self.suffix = f" <{inferred_graph}> .".encode()

    def one(
        self, releases: bytes, others: bytes, inferred: bytes, value_types: bytes, first: bool
    ) -> tuple[list, bool]:
        """The results of the batch's focus nodes (and of the shapes' sh:targetNode nodes in the
        `first` batch), and whether they conform."""
        from kg.validate_fast import node_key, validate_batch

        rows = [*_split(releases), *_split(others)]
        keys = {line[: line.index(b" ")] for line in rows}
        inferred_lines = _split(inferred.replace(self.suffix, b" ."))
        keys.update(line[: line.index(b" ")] for line in inferred_lines)
        for key, _, line in (line.partition(b"\t") for line in _split(value_types)):
            keys.add(key)
            rows.append(line)
        if self.validator == "pyshacl":
            from kg.validate import validate

            texts = {key.decode().strip("<>").removeprefix("_:") for key in keys}
            found = validate([*statements(rows), *statements(inferred_lines), *self.static])
            mine = [r for r in found.results if r.focus in texts]
            return mine, not any(r.severity == "Violation" for r in mine)
        nodes = {node_key(key) for key in keys}
        lines = itertools.chain(rows, inferred_lines)  # (the lines of predicates no shape reads: split only)
        found = validate_batch(self.static, self.program, nodes, target_nodes=first, lines=lines)
        return found.results, found.conforms


def _split(text: bytes) -> list[bytes]:
    return text.split(b"\n") if text else []


def _ntriples_bytes(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""


def _labels(lines: list[bytes]) -> list[bytes]:
    """The rdfs:label lines among a subject's lines."""
    return [line for line in lines if predicate_of(line) == LABEL]


def _parsed(lines: list[bytes]) -> list[ox.Triple]:
    return list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)) if lines else []


def _is_meta(line: bytes) -> bool:
    """Whether a line may be a schema statement (kg.reason.rules.is_schema_triple decides)."""
    p = predicate_of(line)
    if p == TYPE:
        return object_of(line).startswith(META)
    return p.startswith(META)


def _keys(predicates: Iterable[ox.NamedNode]) -> set[bytes]:
    return {str(p).encode() for p in predicates}
