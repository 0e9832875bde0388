"""`kg build`: read, extract, reason, validate and store, with a report of every stage."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.derive import incumbencies
from kg.extract import ExtractedRelease, extract_all
from kg.iris import DEFAULT_BASE, ONTOLOGY, Iris
from kg.model import Rejection
from kg.paths import REFERENCE_FILE, ontology_files
from kg.reason import Inference
from kg.store import REPORT, STORE, quads_in, staging, write_dumps
from kg.terms import parse_turtle_files
from kg.validate import Validation, validate

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass
class BuildReport:
    """What a build did: counts, rejections with reasons, reasoning and SHACL results, timings."""

    out: str
    base: str
    version: str = __version__
    releases_read: int = 0
    rejected: list[dict] = field(default_factory=list)  # {"source", "reason"}
    triples_asserted: int = 0
    triples_inferred: int = 0
    triples_total: int = 0
    facts: dict[str, int] = field(default_factory=dict)  # instances per class
    reasoner: str = ""
    validator: str = ""
    reasoner_errors: list[str] = field(default_factory=list)
    shacl_conforms: bool | None = None
    shacl_results: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    dumps: dict[str, str] = field(default_factory=dict)

    @property
    def violations(self) -> list[dict]:
        return [r for r in self.shacl_results if r["severity"] == "Violation"]

    def lines(self) -> list[str]:
        """The human-readable report printed by `kg build`."""
        out = [
            f"releases read: {self.releases_read}",
            f"releases rejected: {len(self.rejected)}",
            *(f"  {r['source']}: {r['reason']}" for r in self.rejected),
            f"triples asserted: {self.triples_asserted}",
            f"triples inferred: {self.triples_inferred} ({self.reasoner})",
            *(f"  reasoner error: {e}" for e in self.reasoner_errors),
            "facts: " + ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())),
        ]
        if self.shacl_conforms is None:
            out.append("SHACL: not run")
        else:
            verdict = "conforms" if self.shacl_conforms else f"{len(self.violations)} violation(s)"
            out.append(f"SHACL: {verdict} ({self.validator})")
            out.extend(
                f"  {r['severity']}: <{r['focus']}> {r['path']}: {r['message']}"
                for r in self.shacl_results[:50]
            )
            if len(self.shacl_results) > 50:
                out.append(f"  ... and {len(self.shacl_results) - 50} more (see {REPORT})")
        out.append("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in self.seconds.items()))
        out.append(f"graph written to {self.out}")
        return out


class Timer:
    def __init__(self, report: BuildReport) -> None:
        self.report = report

    def stage(self, name: str) -> _Stage:
        return _Stage(self.report, name)


class _Stage:
    def __init__(self, report: BuildReport, name: str) -> None:
        self.report, self.name = report, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        took = time.perf_counter() - self.start
        self.report.seconds[self.name] = self.report.seconds.get(self.name, 0.0) + took


def static_triples(base: str) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """The ontology's triples and the reference data's triples (re-based to `base`)."""
    ontology = parse_turtle_files(ontology_files())
    reference = parse_turtle_files([REFERENCE_FILE]) if REFERENCE_FILE.exists() else []
    if base != DEFAULT_BASE:
        reference = [_rebase(t, base) for t in reference]
    return ontology, reference


def _rebase(t: ox.Triple, base: str) -> ox.Triple:
    def term(x):
        if isinstance(x, ox.NamedNode) and x.value.startswith(DEFAULT_BASE):
            return ox.NamedNode(base + x.value[len(DEFAULT_BASE) :])
        return x

    return ox.Triple(term(t.subject), t.predicate, term(t.object))


def reason(data: list[ox.Quad], ontology: list[ox.Triple], base: str, engine: str) -> Inference:
    if engine == "owlrl":
        from kg.reason.reference import owlrl_inference

        return owlrl_inference(data, ontology, base)
    from kg.reason.fast import fast_inference

    return fast_inference(data, ontology, base)


def build(
    paths: Iterable[Path],
    out: Path,
    *,
    base: str = DEFAULT_BASE,
    engine: str = "fast",
    shacl: bool = True,
    jobs: int = 1,
    update: bool = False,
    validator: str = "fast",
) -> BuildReport:
    """Build the graph from `paths` into `out`; the previous graph in `out` survives a failure.

    With `update`, the releases read are added to the graph already in `out` (a release read
    again replaces its named graph) and the inferred graph is recomputed; the rest is kept.
    """
    iris = Iris(base)
    report = BuildReport(out=str(out), base=base, reasoner=engine, validator=validator if shacl else "")
    timer = Timer(report)
    extracted: list[ExtractedRelease] = []
    rejections: list[Rejection] = []
    if validator not in ("fast", "pyshacl"):
        raise ValueError(f"unknown SHACL validator {validator!r}")
    with timer.stage("read+extract"):
        for item in extract_all(paths, iris, jobs=jobs):
            (rejections if isinstance(item, Rejection) else extracted).append(item)
    report.releases_read = len(extracted)
    report.rejected = [{"source": r.source, "reason": r.reason} for r in rejections]
    if not extracted:
        raise NoReleases(report)
    previous = out / STORE if update else None
    if previous is not None and not previous.is_dir():
        raise FileNotFoundError(f"--update needs a built graph in {out}")
    with staging(out) as tmp:
        store: ox.Store | None = None
        try:
            with timer.stage("load"):
                ontology, reference = static_triples(base)
                if previous is not None:
                    ox.Store(str(previous)).backup(str(tmp / STORE))  # a checkpoint: hard links, no copy
                    store = ox.Store(str(tmp / STORE))
                    keep = {iris.release(e.release_id) for e in extracted}
                    for graph in list(store.named_graphs()):
                        if graph.value in keep or not graph.value.startswith(iris.release("")):
                            store.remove_graph(graph)  # replaced releases, and everything derived
                    store.clear_graph(ox.DefaultGraph())
                    store.bulk_extend(q for e in extracted for q in e.quads)
                    releases = release_quads(store, iris)
                else:
                    store = ox.Store(str(tmp / STORE))
                    releases = [q for e in extracted for q in e.quads]
                    store.bulk_extend(releases)
                derived = incumbencies(releases, iris)
                store.bulk_extend(derived)
                store.bulk_extend(quads_in(ONTOLOGY, ontology))
                store.bulk_extend(quads_in(iris.reference_graph, reference))
                data = [*releases, *derived]
            with timer.stage("reason"):
                inference = reason(data, [*ontology, *reference], base, engine)
                report.reasoner_errors = inference.errors
            with timer.stage("store"):
                store.bulk_extend(quads_in(iris.inferred_graph, inference.triples))
                # the default graph: the merge of every named graph (the store keeps each triple once)
                store.bulk_extend(
                    ox.Quad(t.subject, t.predicate, t.object)
                    for part in (data, ontology, reference, inference.triples)
                    for t in part
                )
                store.optimize()
                report.triples_asserted = len(data)
                report.triples_inferred = len(inference.triples)
                report.triples_total = len(data) + len(ontology) + len(reference) + len(inference.triples)
                report.facts = class_counts(releases, inference.triples)
            if shacl:
                with timer.stage("validate"):
                    validation = validate_reasoned(
                        [*data, *ontology, *reference, *inference.triples], validator
                    )
                    report.shacl_conforms = validation.conforms
                    report.shacl_results = [asdict(r) for r in validation.results]
            with timer.stage("dumps"):
                report.dumps = write_dumps(store, tmp / "dumps")
            store.flush()
            (tmp / REPORT).write_text(json.dumps(asdict(report), indent=2, default=str))
        finally:
            store = None  # closes the store, also when the build fails, so its folder can go
    return report


def release_quads(store: ox.Store, iris: Iris) -> list[ox.Quad]:
    """Every quad of the release graphs and the incumbency graph (the data to reason over)."""
    prefix = iris.release("")
    derived = iris.incumbency_graph
    return [
        q
        for q in store.quads_for_pattern(None, None, None, None)
        if isinstance(q.graph_name, ox.NamedNode)
        and (q.graph_name.value.startswith(prefix) or q.graph_name.value == derived)
    ]


def validate_reasoned(triples: list[ox.Quad | ox.Triple], validator: str = "fast") -> Validation:
    """SHACL over the reasoned graph (asserted, inferred, ontology and reference triples, merged).

    "fast" compiles the shapes for the SHACL Core subset they use (kg.validate_fast, whose results
    the tests compare with pyshacl's); "pyshacl" runs the reference validator.
    """
    if validator == "pyshacl":
        return validate(triples)
    from kg.validate_fast import validate_quads

    return validate_quads(triples)


FACT_CLASSES = {
    "releases": "https://w3id.org/hkpr/ontology#PressRelease",
    "meetings": "https://w3id.org/hkpr/ontology#Meeting",
    "tenures": "https://w3id.org/hkpr/ontology#Tenure",
    "persons": "http://xmlns.com/foaf/0.1/Person",
    "posts": "https://w3id.org/hkpr/ontology#Post",
    "organisations": "http://www.w3.org/ns/org#Organization",
    "bodies": "https://w3id.org/hkpr/ontology#Body",
    "zones": "https://w3id.org/hkpr/ontology#Zone",
}


def class_counts(releases: list[ox.Quad], inferred: Iterable[ox.Triple]) -> dict[str, int]:
    """Instances per kind of fact named in the releases (inferred types count; reference-only nodes do not)."""
    named = {q.subject for q in releases}
    wanted = {cls: name for name, cls in FACT_CLASSES.items()}
    members: dict[str, set] = {name: set() for name in FACT_CLASSES}
    for t in (*releases, *inferred):
        if t.predicate == RDF_TYPE and t.object.value in wanted and t.subject in named:
            members[wanted[t.object.value]].add(t.subject)
    return {name: len(nodes) for name, nodes in members.items()}


class NoReleases(RuntimeError):
    """Nothing readable at all: the build fails and the previous graph is kept."""

    def __init__(self, report: BuildReport) -> None:
        super().__init__("no release could be read")
        self.report = report
