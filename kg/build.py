"""`kg build`: read, extract, reason, validate and store, with a report of every stage."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import copy
import json
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg import __version__, batch_workers, counts, progress, search_index
from kg import dumps as dumps_module
from kg import update as incremental
from kg.derived_graphs import DerivedGraphs
from kg.dumps import DumpWriter, update_dumps
from kg.extract import TIME_LIMIT, ExtractedRelease, extract_releases, read_releases
from kg.extsort import SortedLines
from kg.generations import hold_current, new_generation
from kg.iris import DEFAULT_BASE, ONTOLOGY, Iris
from kg.memory import batch_bytes, default_memory, paused_gc, release_memory, resident_mb, sort_budget
from kg.merge import MergedGraph, Statement
from kg.model import Rejection, Release
from kg.paths import REFERENCE_FILE, ontology_files
from kg.reason import Inference, infer
from kg.store import DUMPS, REPORT, STORE, BackgroundLoader, Compaction, quads_in, resume_compactions
from kg.terms import parse_turtle_files
from kg.update import can_update
from kg.validate import Validation, validate

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GRAPH_PIECE = 100_000  # quads of a derived graph serialised at a time


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
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # CPU time of this process per stage
    memory_mb: dict[str, int] = field(default_factory=dict)  # resident memory at each stage's end
    dumps: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # kg.counts: what the store holds, explained

    @property
    def violations(self) -> list[dict]:
        return [r for r in self.shacl_results if r["severity"] == "Violation"]

    def lines(self) -> list[str]:
        """The human-readable report printed by `kg build`."""
        out = [
            f"releases read: {self.releases_read}",
            f"releases rejected: {len(self.rejected)}",
            *(f"  {r['source']}: {r['reason']}" for r in self.rejected),
            *self.notes,
            f"quads asserted (release and incumbency graphs): {self.triples_asserted}",
            f"quads inferred: {self.triples_inferred} ({self.reasoner})",
            *(f"  reasoner error: {e}" for e in self.reasoner_errors),
            "facts: " + ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())),
            *(f"{name}: {n} ({what})" for name, n, what in counts.explain(self.counts)),
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
        if self.cpu_seconds:
            out.append("CPU seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in self.cpu_seconds.items()))
        if self.memory_mb:
            out.append("memory MB: " + ", ".join(f"{k} {v}" for k, v in self.memory_mb.items()))
        out.append(f"graph written to {self.out}")
        return out


class Timer:
    def __init__(self, report: BuildReport) -> None:
        self.report = report

    def stage(self, name: str, total: int | None = None, unit: str = "") -> _Stage:
        """A stage timed into the report and shown on a terminal (`kg.progress`), `total` items of `unit`."""
        return _Stage(self.report, name, total, unit)


class _Stage:
    def __init__(self, report: BuildReport, name: str, total: int | None, unit: str) -> None:
        self.report, self.name, self.total, self.unit = report, name, total, unit

    def __enter__(self) -> progress.Task:
        self.start, self.cpu = time.perf_counter(), time.process_time()
        self.task = progress.task(self.name, self.total, self.unit)
        return self.task

    def __exit__(self, *exc: object) -> None:
        self.task.close()
        r, name = self.report, self.name
        r.seconds[name] = r.seconds.get(name, 0.0) + time.perf_counter() - self.start
        r.cpu_seconds[name] = r.cpu_seconds.get(name, 0.0) + time.process_time() - self.cpu
        if (rss := resident_mb()) is not None:
            r.memory_mb[name] = rss


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
    return infer(data, ontology, base, engine)


@contextlib.contextmanager
def _fresh_workers() -> Iterator[None]:
    """Extraction workers start from a small server process, not as forks of the build: a fork
    would begin with (and count, and partly copy) everything the build holds by then, the
    releases read included, which grows with the archive."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield
        return
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("forkserver", force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(before, force=True)


@_fresh_workers()
@paused_gc()
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
    release_timeout: float | None = TIME_LIMIT,
    memory: int | None = None,
) -> BuildReport:
    """Build the graph from `paths` into `out`; the previous graph in `out` survives a failure.

    `memory` (bytes; default `kg.memory.default_memory()`) bounds what the build holds: the lines its
    sorts keep before they write a run to disk (a sixteenth each), and the lines of the graph the
    reasoner and the validator take at a time (kg.derived_graphs).

    With `update`, the releases read are added to the graph already in `out` (a release read
    again replaces its named graph) and the inferred graph is recomputed; the rest is kept.
    A release whose extraction runs past `release_timeout` seconds is rejected (None: no limit).
    """
    iris, jobs = Iris(base), batch_workers.worker_count(jobs)
    report = BuildReport(out=str(out), base=base, reasoner=engine, validator=validator if shacl else "")
    timer = Timer(report)
    rejections: list[Rejection] = []
    if validator not in ("fast", "pyshacl"):
        raise ValueError(f"unknown SHACL validator {validator!r}")
    releases: list[Release] = []
    with timer.stage("read"):
        for item in read_releases(paths, jobs):
            (rejections if isinstance(item, Rejection) else releases).append(item)
        releases.sort(key=lambda r: iris.release(r.id))  # the order of the store and the dumps (graph_order)
    if not releases:
        _count_releases(report, 0, rejections)
        raise NoReleases(report)
    if update and not (out / STORE).is_dir():
        raise FileNotFoundError(f"--update needs a built graph in {out}")
    with _last_generation(out, update) as last:
        graphs: Iterable[ExtractedRelease | Rejection]
        if last is None:  # extracted while the graph is being written
            graphs = extract_releases(releases, iris, jobs=jobs, with_jsonld=True, seconds=release_timeout)
        else:
            extracted: list[ExtractedRelease] = []
            with timer.stage("extract", len(releases), "releases") as task:
                for item in extract_releases(
                    releases, iris, jobs=jobs, with_jsonld=True, seconds=release_timeout
                ):
                    (rejections if isinstance(item, Rejection) else extracted).append(item)
                    task.advance()
            if not extracted:
                _count_releases(report, 0, rejections)
                raise NoReleases(report)
            why = can_update(last, extracted)
            if why is None:
                _count_releases(report, len(extracted), rejections)
                before = copy.deepcopy(report)
                try:
                    with new_generation(out) as tmp:
                        with timer.stage("search index"):  # the releases' rows, while their text is at hand
                            index = search_index.start(tmp, releases, base, previous=last)
                        _update_in_place(last, tmp, extracted, report)
                        _finish(tmp, index, report)
                    return report
                except (MemoryError, NoReleases):
                    raise
                except Exception as exc:  # the last build's files are damaged: rebuild from its store
                    report.__dict__.update(before.__dict__)
                    why = f"the update in place failed ({type(exc).__name__}: {str(exc)[:200]})"
            report.notes.append(f"updated by a full rebuild: {why}")
            replaced = {e.release_id for e in extracted}
            graphs = sorted(
                [*previous_releases(last / STORE, iris, replaced), *extracted],
                key=lambda e: iris.release(e.release_id),
            )
        total = len(releases) if last is None else len(graphs)  # type: ignore[arg-type]
        with new_generation(out) as tmp:
            with timer.stage("search index"):  # the releases' rows, on a thread, while their text is at hand
                index = search_index.start(tmp, releases, base, previous=last, background=True)
            del releases  # the extraction and the index hold what they still need
            try:
                _write_graph(
                    tmp, graphs, rejections, report, memory or default_memory(), total, jobs,
                    while_compacting=lambda store: _index_entities(store, index, report),
                )  # fmt: skip
            except BaseException:
                index.abandon()
                raise
    return report


@contextlib.contextmanager
def _last_generation(out: Path, update: bool) -> Iterator[Path | None]:
    """The generation `out` points at, held while an update reads it (None for a rebuild)."""
    if not update:
        yield None
        return
    folder, held = hold_current(out)
    try:
        yield folder
    finally:
        held.release()


def _finish(tmp: Path, index: search_index.PendingIndex, report: BuildReport) -> None:
    """After an update in place: the search index's rows from the written store and the graph's
    counts (kg.counts); the report is written again with them and their seconds."""
    _index_and_count(ox.Store.read_only(str(tmp / STORE)), index, report)
    (tmp / REPORT).write_text(json.dumps(asdict(report), indent=2, default=str))


def _index_entities(store: ox.Store, index: search_index.PendingIndex, report: BuildReport) -> None:
    """From the loaded store: the search index's entity rows."""
    with Timer(report).stage("search index"):
        index.finish(store)


def _index_and_count(store: ox.Store, index: search_index.PendingIndex, report: BuildReport) -> None:
    """From the loaded store: the search index's entity rows and, unless an update in place has
    counted what it changed, the graph's counts."""
    _index_entities(store, index, report)
    if not report.counts:
        with Timer(report).stage("counts"):
            report.counts = counts.of_store(store, report.base).as_dict()


def batched(items: Iterable[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    """`items` in lists of `size` (the last may be shorter)."""
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def _count_releases(report: BuildReport, extracted: int, rejections: list[Rejection]) -> None:
    report.releases_read = extracted
    report.rejected = [{"source": r.source, "reason": r.reason} for r in rejections]


def _write_graph(
    tmp: Path,
    graphs: Iterable[ExtractedRelease | Rejection],
    rejections: list[Rejection],
    report: BuildReport,
    memory: int,
    total: int | None = None,
    jobs: int = 1,
    while_compacting: Callable[[ox.Store], None] | None = None,
) -> None:
    """The whole graph written into `tmp`: each release graph goes to the store loader, the dumps
    and the merged graph as it is extracted (its bytes are not kept), and its quads to the reasoner
    and the validator; then the derived, inferred, ontology and reference graphs, the merged
    default graph, the dumps' merged files and the store's final compaction, with SHACL and the
    `while_compacting` work beside it."""
    iris, timer, validator = Iris(report.base), Timer(report), report.validator
    store = ox.Store(str(tmp / STORE))
    loader: BackgroundLoader | None = BackgroundLoader(store, defer=True)
    dumps = DumpWriter(tmp / DUMPS)
    merged = MergedGraph(tmp, sort_budget(memory))
    work: DerivedGraphs | None = None
    try:
        with timer.stage("extract", total, "releases") as task:
            extracted = release_quads = release_graphs = 0
            for item in graphs:
                task.advance()
                if isinstance(item, Rejection):
                    rejections.append(item)
                    continue
                extracted += 1
                nquads = item.nquads
                quads = nquads.count(b"\n")
                release_quads += quads
                release_graphs += quads > 0
                loader.add(nquads)
                dumps.add(nquads, item.jsonld)
                merged.add(nquads, (iris.release(item.release_id),), read=True)
            del graphs
            # the release lines' runs merged into one file, here (not in the loader's thread, where
            # it held the interpreter from the stages below), read by the load and by every pass
            merged.release_lines().file()
            # the default graph's triples so far, loading while the rest of the build goes on
            loader.load(merged.read_ntriples(), ox.RdfFormat.N_TRIPLES, ox.DefaultGraph())
        _count_releases(report, extracted, rejections)
        if not extracted:
            raise NoReleases(report)
        with timer.stage("load"):
            ontology, reference = static_triples(report.base)
            work = DerivedGraphs(
                tmp, merged, ontology, reference, iris, sort_budget(memory), batch_bytes(memory, jobs), jobs
            )
            derived = work.incumbencies()
        with timer.stage("reason"):
            value_paths, value_classes = _value_type_needs(validator)
            work.reason(derived, report.reasoner, FACT_CLASSES, value_paths, value_classes)
            report.reasoner_errors = derived.errors
            report.triples_asserted = release_quads + derived.incumbency_quads
            report.triples_inferred = derived.inferred_quads
            report.triples_total = (
                report.triples_asserted + len(ontology) + len(reference) + derived.inferred_quads
            )
            report.facts = derived.facts
        release_memory()
        with timer.stage("merge"):
            # the other named graphs, one at a time, each line once and sorted (as an update writes
            # them, kg.dumps.canonical_graph): to the loader, the merge and the dumps
            loaded = dict.fromkeys(("incumbency", "inferred", "ontology", "reference"), 0)  # quads per graph
            for part, graph, lines in (
                ("incumbency", iris.incumbency_graph, derived.incumbency),
                ("inferred", iris.inferred_graph, derived.inferred),
                ("ontology", ONTOLOGY, _sorted_quads(tmp, memory, ONTOLOGY, ontology)),
                (
                    "reference",
                    iris.reference_graph,
                    _sorted_quads(tmp, memory, iris.reference_graph, reference),
                ),
            ):
                for nquads in lines.chunks():  # (the derived graphs' files stay for SHACL)
                    loaded[part] += nquads.count(b"\n")
                    loader.add(nquads)
                    merged.add_sorted(nquads, graph)
                    dumps.add_sorted(graph, nquads)
                if part in ("ontology", "reference"):
                    lines.close()
            # the rest of the default graph (in loads of its own: mixed into the release graphs'
            # pieces, it made more overlapping RocksDB ingestions, more CPU and memory); a triple
            # also in a release graph loads twice, once in the store
            loader.load(merged.other_ntriples(), ox.RdfFormat.N_TRIPLES, ox.DefaultGraph())
        # the merged graph's dumps (its Turtle is written member by member) in a process of their
        # own, beside the store's last loads and compaction
        with cf.ProcessPoolExecutor(1, mp_context=batch_workers.fresh()) as beside:
            with timer.stage("dumps"):
                default_graph = merged.ntriples_file()
                dumps.close_named()
                merged_dumps = beside.submit(dumps_module.merged_dumps, tmp / DUMPS, default_graph)
            with timer.stage("store"):
                loader.finish()
                report.seconds["store thread (overlapped)"] = loader.seconds
                loader = None
                merged.drop_by_object()  # read by the reasoning alone (the release lines: by SHACL too)
                resume_compactions()
            # the store compacted whole on a thread (RocksDB's work, without the GIL, on one core),
            # while the work that does not write the store goes on: SHACL (its results go to the
            # report alone), then what reads the store (the search index's entity rows): it is
            # complete, if slower
            compaction = Compaction(store)
            try:
                if validator:
                    with timer.stage("validate"):
                        validation = work.validate(derived, validator)
                        report.shacl_conforms = validation.conforms
                        report.shacl_results = [asdict(r) for r in validation.results]
                        del validation
                work.close()  # the derived graphs' sorted files
                work = None
                merged.drop_read_lines()  # read by the merged file, the loads and SHACL, all done
                release_memory()
                if while_compacting is not None:
                    while_compacting(store)
            finally:
                with timer.stage("store"):
                    compaction.wait()
                    report.seconds["store compaction (overlapped)"] = compaction.seconds
                    store.flush()
            with timer.stage("dumps"):  # what is left of them once the store is done
                written = merged_dumps.result()
                report.dumps = dumps.write_index(written)
            # what the store holds, from what was loaded into it (kg.counts.of_store would read its
            # indexes again: 5 s at 100,000 releases); each graph's lines are distinct, as its quads
            parts = {part: (1, n) for part, n in loaded.items() if n}
            parts.update(default=(0, written["triples"]), release=(release_graphs, release_quads))
            report.counts = counts.from_rows(parts).as_dict()
        (tmp / REPORT).write_text(json.dumps(asdict(report), indent=2, default=str))
    finally:
        dumps.close()
        if loader is not None:
            loader.abandon()
            resume_compactions()  # (a failed build leaves no thread of the process at low priority)
        merged.close()
        if work is not None:
            work.close()
        store = None  # closes the store, also when the build fails, so its folder can go


def _sorted_quads(folder: Path, memory: int, graph: str, triples: list[ox.Triple]) -> SortedLines:
    """The N-Quads lines of `triples` in `graph`, sorted and each once."""
    lines = SortedLines(folder, sort_budget(memory))
    for quads in batched(quads_in(graph, triples), GRAPH_PIECE):
        lines.add(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines())
    return lines


def _value_type_needs(validator: str) -> tuple[set[str], set[str]]:
    """The paths and classes of the values whose types the shapes check (none without SHACL)."""
    if not validator:
        return set(), set()
    from kg.validate_fast import compile_shapes, value_type_needs

    return value_type_needs(compile_shapes())


def _update_in_place(out: Path, tmp: Path, extracted: list[ExtractedRelease], report: BuildReport) -> None:
    """`--update` of a graph whose last build (in `out`) allows it (kg.update): only what can
    change is redone, in a checkpoint of its store in `tmp` (the last generation is only read)."""
    iris, timer, validator = Iris(report.base), Timer(report), report.validator
    last = incremental.previous_report(out)
    store: ox.Store | None = None
    try:
        with timer.stage("load"):
            ox.Store.read_only(str(out / STORE)).backup(str(tmp / STORE))  # a checkpoint: hard links, no copy
            store = ox.Store(str(tmp / STORE))
            ontology, reference = static_triples(report.base)
            delta, old, new = incremental.read_delta(store, extracted, iris)
            counted_before = incremental.memberships(store, delta.affected, iris, FACT_CLASSES)
            types_before = incremental.node_types(store, delta.affected)
            incremental.apply_releases(store, new, delta)
            incumbency_removed, incumbency_added = incremental.update_incumbencies(
                store, [*old, *new], iris, delta
            )
            # the merged graph first follows the asserted changes: the reasoner reads it
            incremental.update_default_graph(
                store, [*old, *incumbency_removed], [*new, *incumbency_added], delta
            )
        with timer.stage("reason"):
            engine = report.reasoner

            def run(data, schema, base):
                return reason(data, schema, base, engine)

            inference, inferred_removed, inferred_added = incremental.update_inferred(
                store, [*ontology, *reference], report.base, iris, delta, run
            )
            report.reasoner_errors = inference.errors
        with timer.stage("merge"):
            incremental.update_default_graph(store, inferred_removed, inferred_added, delta)
            report.triples_asserted = (
                last["triples_asserted"]
                + delta.added_release_quads - delta.removed_release_quads
                + len(incumbency_added) - len(incumbency_removed)
            )  # fmt: skip
            report.triples_inferred = last["triples_inferred"] + len(inferred_added) - len(inferred_removed)
            report.triples_total = (
                last["triples_total"]
                + report.triples_asserted - last["triples_asserted"]
                + report.triples_inferred - last["triples_inferred"]
            )  # fmt: skip
            counted = Counter(last["facts"])
            counted.subtract(counted_before)
            counted.update(incremental.memberships(store, set(types_before), iris, FACT_CLASSES))
            report.facts = {name: counted[name] for name in FACT_CLASSES}
            report.counts = (
                incremental.updated_counts(
                    last.get("counts"),
                    delta,
                    len(extracted) - len(delta.replaced),
                    (incumbency_removed, incumbency_added),
                    (inferred_removed, inferred_added),
                )
                or {}
            )
            report.notes.append(
                f"updated in place: {len(extracted) - len(delta.replaced)} release(s) added, "
                f"{len(delta.replaced)} replaced, {len(delta.affected)} nodes re-reasoned"
            )
        if validator:
            with timer.stage("validate"):
                focus = incremental.focus_nodes(store, delta, types_before)
                validation = validate_reasoned(incremental.validation_data(store, focus, iris), validator)
                values = {n.value for n in focus}
                kept = [r for r in last.get("shacl_results", []) if r["focus"] not in values]
                fresh = [asdict(r) for r in validation.results if r.focus in values]
                report.shacl_results = [*kept, *fresh]
                report.shacl_conforms = not any(r["severity"] == "Violation" for r in report.shacl_results)
        with timer.stage("dumps"):
            edits = {
                iris.incumbency_graph: (incumbency_removed, incumbency_added),
                iris.inferred_graph: (inferred_removed, inferred_added),
            }
            changes = incremental.dump_changes(extracted, delta, edits, iris)
            report.dumps = update_dumps(out / DUMPS, tmp / DUMPS, changes)
        with timer.stage("store"):
            store.flush()
        (tmp / REPORT).write_text(json.dumps(asdict(report), indent=2, default=str))
    finally:
        store = None  # closes the store, also when the update fails, so its folder can go


def previous_releases(store_dir: Path, iris: Iris, replaced: set[str]) -> list[ExtractedRelease]:
    """The release graphs of an earlier build, but for the releases read again (`--update`)."""
    store = ox.Store.read_only(str(store_dir))
    prefix = iris.release("")
    kept = []
    for graph in store.named_graphs():
        release_id = graph.value[len(prefix) :] if graph.value.startswith(prefix) else ""
        if release_id and release_id not in replaced:
            quads = list(store.quads_for_pattern(None, None, None, graph))
            kept.append(ExtractedRelease(release_id, f"{store_dir} (earlier build)", quads))
    return kept


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


def class_counts(releases: Sequence[Statement | ox.Quad], inferred: Iterable[ox.Triple]) -> dict[str, int]:
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
