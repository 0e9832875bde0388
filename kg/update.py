"""`kg build --update`: change a built graph in place of a copy, touching only what the new
releases can change.

The earlier store is checkpointed (hard links) into the new generation folder and edited there:

1. the release graphs read again are replaced, the new ones added;
2. the incumbencies of every (person, post) the old or new graphs speak of are recomputed from
   all their tenures in the store;
3. the inferred triples about the *affected* nodes (every node the changed graphs name, plus
   what reaches them or they reach along transitive properties) are recomputed from the
   triples that mention those nodes: a rule's conclusion is always about a node its premises
   name, so nothing else can change;
4. the merged default graph gains the new triples and loses those no graph states any more;
5. SHACL runs on the affected nodes and the nodes pointing at them (the shapes look one step
   along a node's properties), the other results are kept from the last report;
6. the dumps' gzip members the changes fall in are written again, the others copied
   (`kg.dumps.update_dumps`).

A graph that brings schema (RDFS/OWL) statements, or a last build without dumps or report,
cannot be updated this way: `can_update` says so and the build rebuilds everything instead.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.counts import Counts
from kg.derive import incumbencies
from kg.dumps import DUMP_NAME, MEMBERS, Changes
from kg.extract import ExtractedRelease
from kg.iris import DCT, HKPR, ONTOLOGY, Iris
from kg.reason import Inference
from kg.reason.rules import RDF_TYPE, compile_rules, is_schema_triple
from kg.store import DUMPS, REPORT

Node = ox.NamedNode | ox.BlankNode
_TENURE = ox.NamedNode(HKPR + "Tenure")
_POST, _HOLDER = ox.NamedNode(HKPR + "post"), ox.NamedNode(HKPR + "holder")
_DATE = ox.NamedNode(DCT + "date")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def can_update(previous: Path, extracted: Iterable[ExtractedRelease]) -> str | None:
    """Why the graph in `previous` (a data folder) cannot be updated in place, or None."""
    for name in (
        REPORT,
        f"{DUMPS}/{DUMP_NAME}.nq.gz",
        f"{DUMPS}/{DUMP_NAME}.jsonld.gz",
        f"{DUMPS}/{DUMP_NAME}.nt.gz",
        f"{DUMPS}/{DUMP_NAME}.ttl.gz",
        f"{DUMPS}/{MEMBERS}",
    ):
        if not (previous / name).is_file():
            return f"the last build has no {name}"
    for e in extracted:
        if any(is_schema_triple(q.triple) for q in e.quads):
            return f"release {e.release_id} states schema triples"
    return None


@dataclass
class Delta:
    """What an update changed, as the report and the dumps need it."""

    replaced: set[str] = field(default_factory=set)  # release graph IRIs read again
    added_release_quads: int = 0
    removed_release_quads: int = 0
    affected: set[Node] = field(default_factory=set)
    default_added: set[ox.Triple] = field(default_factory=set)
    default_removed: set[ox.Triple] = field(default_factory=set)
    changed: list[ox.Quad] = field(default_factory=list)  # the asserted quads removed and added
    gone: set[ox.Triple] = field(default_factory=set)  # the triples of those removed


def read_delta(
    store: ox.Store, extracted: list[ExtractedRelease], iris: Iris
) -> tuple[Delta, list[ox.Quad], list[ox.Quad]]:
    """What replacing or adding the release graphs will change (the store is not touched yet):
    the delta, the quads of the graphs to be replaced, and the quads that come in."""
    delta = Delta()
    old: list[ox.Quad] = []
    for e in extracted:
        graph = ox.NamedNode(iris.release(e.release_id))
        if store.contains_named_graph(graph):
            delta.replaced.add(graph.value)
            old.extend(store.quads_for_pattern(None, None, None, graph))
    new = [q for e in extracted for q in e.quads]
    delta.removed_release_quads, delta.added_release_quads = len(set(old)), len(set(new))
    delta.affected = _nodes(old) | _nodes(new)
    delta.changed = [*old, *new]
    delta.gone = {q.triple for q in old}
    return delta, old, new


def apply_releases(store: ox.Store, new: list[ox.Quad], delta: Delta) -> None:
    """Replace or add the release graphs."""
    for graph in delta.replaced:
        store.remove_graph(ox.NamedNode(graph))
    store.bulk_extend(new)


def update_incumbencies(store: ox.Store, changed: list[ox.Quad], iris: Iris, delta: Delta) -> tuple[list[ox.Quad], list[ox.Quad]]:  # fmt: skip
    """Recompute the incumbencies of every (holder, post) pair `changed` names; (removed, added)."""
    tenures = {q.subject for q in changed if q.predicate == RDF_TYPE and q.object == _TENURE}
    holders = {q.object for q in changed if q.predicate == _HOLDER and q.subject in tenures}
    graph = ox.NamedNode(iris.incumbency_graph)
    removed: list[ox.Quad] = []
    evidence: list[ox.Quad] = []
    labelled: dict[Node, set] = {}
    for q in changed:
        if q.predicate == _LABEL:
            labelled.setdefault(q.subject, set()).add(q.object)
    for holder in holders:
        for q in store.quads_for_pattern(None, _HOLDER, holder, graph):  # this holder's incumbencies
            removed.extend(store.quads_for_pattern(q.subject, None, None, graph))
        for q in store.quads_for_pattern(None, _HOLDER, holder, None):  # every tenure of the holder
            if _is_release(q.graph_name, iris):
                evidence.extend(_release_quads(store, q.subject, iris))
        evidence.extend(_labels(store, holder, iris, labelled))
    posts = {q.object for q in evidence if q.predicate == _POST}
    for post in posts:
        evidence.extend(_labels(store, post, iris, labelled))
    # most of what is recomputed is as it was: only the difference is a change
    again = set(incumbencies(evidence, iris))
    removed, added = sorted(set(removed) - again, key=str), sorted(again - set(removed), key=str)
    for q in removed:
        store.remove(q)
    store.extend(added)
    delta.changed += [*removed, *added]
    delta.gone |= {q.triple for q in removed}
    delta.affected |= _nodes(removed) | _nodes(added)
    return removed, added


def update_inferred(
    store: ox.Store, schema: list[ox.Triple], base: str, iris: Iris, delta: Delta, reason
) -> tuple[Inference, list[ox.Quad], list[ox.Quad]]:
    """Recompute the inferred triples the changed statements (`delta.changed`) can change;
    (inference, removed, added). The reasoner runs on what decides them, read from the store:

    - a property rule (subproperty, inverse, symmetry) concludes from one triple about the same
      two nodes: the triples between the two ends of a changed statement are redone from the
      asserted triples between them (a literal's subject: from its asserted literal triples);
    - a node's types follow from its asserted types and the predicates it has in each direction:
      the ends' types are redone from those and one triple a predicate a direction, taken from
      the merged graph outside the pairs being redone (those triples stand, and so what they
      entail; a person who attended a thousand meetings is not read a thousand times);
    - transitive chains reach further: a changed statement of a predicate that takes part in
      one has every such triple of the nodes it reaches along them redone.

    So an update reasons over what the day names, not over everything that names the same nodes.
    """
    rules = compile_rules(schema, base)
    inferred, default = ox.NamedNode(iris.inferred_graph), ox.DefaultGraph()
    family = _chain_family(rules)
    ruled = [p for p in rules.properties if p != RDF_TYPE]
    nodes: set[Node] = set()
    pairs: set[tuple[Node, ox.NamedNode | ox.BlankNode | ox.Literal]] = set()
    literal_subjects: set[Node] = set()
    said: dict[Node, set[ox.NamedNode]] = {}  # a literal's subject -> the predicates its changes entail
    sources: dict[ox.NamedNode, set[ox.NamedNode]] = {}  # predicate -> those whose triples entail it
    for p, r in rules.properties.items():
        for q in (p, *r.supers):
            sources.setdefault(q, set()).add(p)
    chained: set[Node] = set()
    changed_graphs = {q.graph_name for q in delta.changed}
    for q in delta.changed:
        s, p, o = q.subject, q.predicate, q.object
        nodes.add(s)
        if isinstance(o, ox.Literal):
            literal_subjects.add(s)
            if p in rules.properties:
                said.setdefault(s, set()).update((p, *rules.properties[p].supers))
        elif p != RDF_TYPE and isinstance(o, ox.NamedNode | ox.BlankNode):
            nodes.add(o)
            pairs.update(((s, o), (o, s)))
            if p in family and not _restated(store, q, delta.gone, changed_graphs, inferred):
                chained.update((s, o))
    component = _along(store, chained, list(family)) if chained else set()
    nodes |= component

    def stands(n: Node, p: ox.NamedNode, outgoing: bool) -> bool:
        """Whether `n` keeps a `p` triple that way outside the pairs being redone (then the
        changed ones do not change what `p` says of its types)."""
        pattern = (n, p, None, default) if outgoing else (None, p, n, default)
        for t in store.quads_for_pattern(*pattern):
            other = t.object if outgoing else t.subject
            if isinstance(other, ox.Literal) or (n, other) in pairs:
                continue
            return True
        return False

    # the nodes whose types may change: typed or untyped by a change, or left without (or given
    # a first) triple of some predicate in some direction, or on a chain redone
    retyped = set(component)
    for q in delta.changed:
        s, p, o = q.subject, q.predicate, q.object
        if p == RDF_TYPE:
            retyped.add(s)
        elif p in rules.properties:
            if s not in retyped and not stands(s, p, True):
                retyped.add(s)
            if isinstance(o, ox.NamedNode | ox.BlankNode) and o not in retyped and not stands(o, p, False):
                retyped.add(o)

    def asserted(t: ox.Quad) -> bool:
        return any(
            g.graph_name != inferred and g.graph_name != default
            for g in store.quads_for_pattern(t.subject, t.predicate, t.object, None)
        )

    data: set[ox.Triple] = set()
    for a, b in pairs:
        data.update(t.triple for t in store.quads_for_pattern(a, None, b, default) if asserted(t))
    for s, entailed in said.items():
        for p in {x for q in entailed for x in sources.get(q, ())}:
            data.update(
                t.triple
                for t in store.quads_for_pattern(s, p, None, default)
                if isinstance(t.object, ox.Literal) and asserted(t)
            )
    for u in component:
        for p in family:
            data.update(t.triple for t in store.quads_for_pattern(u, p, None, default) if asserted(t))
    for n in retyped:
        data.update(t.triple for t in store.quads_for_pattern(n, RDF_TYPE, None, default) if asserted(t))
        for p in ruled:
            chain = p in family and n in component
            for t in store.quads_for_pattern(n, p, None, default):
                stale = (n, t.object) in pairs or (isinstance(t.object, ox.Literal) and n in literal_subjects)
                if not (stale or chain):
                    data.add(t.triple)
                    break
            for t in store.quads_for_pattern(None, p, n, default):
                if not ((t.subject, n) in pairs or chain):
                    data.add(t.triple)
                    break
    inference = reason(list(data), schema, base)

    def redone(t: ox.Triple | ox.Quad) -> bool:
        s, p, o = t.subject, t.predicate, t.object
        if p == RDF_TYPE:
            return s in retyped
        if p in family and s in component:
            return True
        if isinstance(o, ox.Literal):
            return p in said.get(s, ())
        return (s, o) in pairs and p not in family

    old: set[ox.Quad] = set()
    for n in retyped:
        old.update(store.quads_for_pattern(n, RDF_TYPE, None, inferred))
    for a, b in pairs:
        old.update(store.quads_for_pattern(a, None, b, inferred))
    for s, entailed in said.items():
        for p in entailed:
            old.update(store.quads_for_pattern(s, p, None, inferred))
    for u in component:
        for p in family:
            old.update(store.quads_for_pattern(u, p, None, inferred))
    removed = [q for q in old if redone(q)]
    added = [
        ox.Quad(t.subject, t.predicate, t.object, inferred)
        for t in inference.triples
        if _under(t.subject, base) and redone(t)
    ]
    for q in removed:
        store.remove(q)
    store.extend(added)
    delta.affected |= {n for n in nodes if _under(n, base)} | {q.subject for q in (*removed, *added)}
    return inference, removed, added


def _restated(
    store: ox.Store, q: ox.Quad, gone: set[ox.Triple], changed: set, inferred: ox.NamedNode
) -> bool:
    """Whether the triple of a changed quad is asserted before and after the update alike (so the
    chains it takes part in stand as they were). Before: among the quads removed, or stated by a
    graph the update leaves alone (a graph it changed counts as not: at worst a chain is redone)."""
    before, now = q.triple in gone, False
    for c in store.quads_for_pattern(q.subject, q.predicate, q.object, None):
        if c.graph_name in (inferred, ox.DefaultGraph()):
            continue
        now = True
        if c.graph_name not in changed:
            return True  # stated by a graph left alone: before and after
    return now == before


def _chain_family(rules) -> set[ox.NamedNode]:
    """The predicates whose triples take part in a transitive chain: the transitive ones and
    those that entail, or are entailed by, one of the family (subproperties and inverses)."""
    family = {p for p, r in rules.properties.items() if r.transitive}
    grew = True
    while grew:
        grew = False
        for p, r in rules.properties.items():
            linked = {p, *r.supers, *r.inverses}
            if linked & family and not linked <= family:
                family |= linked
                grew = True
    return family


def memberships(store: ox.Store, nodes: Iterable[Node], iris: Iris, classes: dict[str, str]) -> Counter:
    """How many of `nodes` count in each kind of fact (`kg.build.class_counts`' rule: typed in a
    release graph or by inference, and the subject of a triple in a release graph)."""
    counts: Counter = Counter()
    wanted = {ox.NamedNode(c): name for name, c in classes.items()}
    inferred = ox.NamedNode(iris.inferred_graph)
    for node in nodes:
        if not any(_is_release(q.graph_name, iris) for q in store.quads_for_pattern(node, None, None, None)):
            continue
        # each type once (the merged graph), then the first of its graphs that counts: a node is
        # typed again in every release that names it
        kinds = {
            wanted[t.object]
            for t in store.quads_for_pattern(node, RDF_TYPE, None, ox.DefaultGraph())
            if t.object in wanted
            and any(
                q.graph_name == inferred or _is_release(q.graph_name, iris)
                for q in store.quads_for_pattern(node, RDF_TYPE, t.object, None)
            )
        }
        counts.update(kinds)
    return counts


def update_default_graph(store: ox.Store, removed: Iterable[ox.Quad], added: Iterable[ox.Quad], delta: Delta) -> None:  # fmt: skip
    """Keep the default graph the merge of the named graphs after named-graph changes."""
    gone = {q.triple for q in removed}
    new = {q.triple for q in added}
    for t in gone - new:
        stated = any(
            q.graph_name != ox.DefaultGraph()
            for q in store.quads_for_pattern(t.subject, t.predicate, t.object, None)
        )
        if not stated:
            store.remove(ox.Quad(t.subject, t.predicate, t.object))
            delta.default_removed.add(t)
    fresh = [t for t in new if ox.Quad(t.subject, t.predicate, t.object) not in store]
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in fresh)
    delta.default_added.update(fresh)


def updated_counts(
    last: dict | None,
    delta: Delta,
    graphs_added: int,
    incumbency: tuple[list[ox.Quad], list[ox.Quad]],
    inferred: tuple[list[ox.Quad], list[ox.Quad]],
) -> dict[str, int] | None:
    """The graph's counts (`kg.counts`) after the update, from the last build's and what the update
    changed (None without the last ones: then they are counted from the store). Each edit removed
    quads the store held, then added its own: its net is the difference of the two sets' sizes."""
    before = Counts.from_dict(last)
    if before is None:
        return None
    release = delta.added_release_quads - delta.removed_release_quads
    incumbent = len(set(incumbency[1])) - len(set(incumbency[0]))
    entailed = len(set(inferred[1])) - len(set(inferred[0]))
    added, removed = delta.default_added, delta.default_removed
    after = Counts(
        default_triples=before.default_triples + len(added - removed) - len(removed - added),
        named_graph_quads=before.named_graph_quads + release + incumbent + entailed,
        asserted_quads=before.asserted_quads + release + incumbent,
        release_quads=before.release_quads + release,
        incumbency_quads=before.incumbency_quads + incumbent,
        inferred_quads=before.inferred_quads + entailed,
        ontology_quads=before.ontology_quads,
        reference_quads=before.reference_quads,
        release_graphs=before.release_graphs + graphs_added,
    )
    return after.as_dict()


def node_types(store: ox.Store, nodes: Iterable[Node]) -> dict[Node, frozenset]:
    """Each node's types in the merged graph (asserted and inferred)."""
    return {
        n: frozenset(q.object for q in store.quads_for_pattern(n, RDF_TYPE, None, ox.DefaultGraph()))
        for n in nodes
    }


def focus_nodes(store: ox.Store, delta: Delta, types_before: dict[Node, frozenset]) -> set[Node]:
    """The nodes whose SHACL results can change: the affected ones, and those pointing at a node
    whose types changed (the shapes look at a value's types, sh:class, and no further)."""
    focus = set(delta.affected)
    retyped = [n for n, types in node_types(store, types_before).items() if types != types_before[n]]
    for node in retyped:
        focus.update(q.subject for q in store.quads_for_pattern(None, None, node, ox.DefaultGraph()))
    return focus


def validation_data(store: ox.Store, focus: set[Node], iris: Iris) -> list[ox.Triple]:
    """The merged graph's triples of the focus nodes, the types of what they point at, the ontology."""
    default = ox.DefaultGraph()
    out: set[ox.Triple] = set()
    values: set[Node] = set()
    for node in focus:
        for q in store.quads_for_pattern(node, None, None, default):
            out.add(q.triple)
            if isinstance(q.object, ox.NamedNode | ox.BlankNode) and q.predicate != RDF_TYPE:
                values.add(q.object)
    for value in values - focus:
        out.update(q.triple for q in store.quads_for_pattern(value, RDF_TYPE, None, default))
    out.update(q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY)))
    return list(out)


def previous_report(folder: Path) -> dict:
    return json.loads((folder / REPORT).read_text())


def dump_changes(
    extracted: list[ExtractedRelease], delta: Delta, edits: dict[str, tuple[list, list]], iris: Iris
) -> Changes:
    """What the dumps must change (`kg.dumps.update_dumps`): the release graphs read, the `edits`
    (graph -> quads removed, quads added) of the build's own graphs, and the merged graph's delta."""
    return Changes(
        {iris.release(e.release_id): (e.nquads, e.jsonld) for e in extracted},
        {graph: (_nq_lines(removed), _nq_lines(added)) for graph, (removed, added) in edits.items()},
        set(_nt_lines(delta.default_removed)),
        set(_nt_lines(delta.default_added)),
    )


def _nq_lines(quads: list[ox.Quad]) -> set[bytes]:
    return set(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))


def _nt_lines(triples: Iterable[ox.Triple]) -> list[bytes]:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)


def _nodes(quads: Iterable[ox.Quad]) -> set[Node]:
    """The nodes quads speak of (not the classes they type them with)."""
    out: set[Node] = set()
    for q in quads:
        out.add(q.subject)
        if isinstance(q.object, ox.NamedNode | ox.BlankNode) and q.predicate != RDF_TYPE:
            out.add(q.object)
    return out


def _along(store: ox.Store, nodes: set[Node], transitive: list[ox.NamedNode]) -> set[Node]:
    """`nodes`, what reaches them along the transitive properties, then all that reaches."""
    if not transitive:
        return set(nodes)
    out = set(nodes)
    for backward in (True, False):
        stack = list(out)
        while stack:
            node = stack.pop()
            for p in transitive:
                pattern = (None, p, node, None) if backward else (node, p, None, None)
                for q in store.quads_for_pattern(*pattern):
                    nxt = q.subject if backward else q.object
                    if isinstance(nxt, ox.NamedNode | ox.BlankNode) and nxt not in out:
                        out.add(nxt)
                        stack.append(nxt)
    return out


def _under(node: Node, base: str) -> bool:
    return isinstance(node, ox.NamedNode) and node.value.startswith(base)


def _is_release(graph, iris: Iris) -> bool:
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(iris.release(""))


_TENURE_FIELDS = (RDF_TYPE, _POST, _HOLDER, _DATE)  # what `incumbencies` reads of a tenure


def _release_quads(store: ox.Store, node: Node, iris: Iris) -> list[ox.Quad]:
    """A tenure's statements that `incumbencies` reads, from the release graphs."""
    return [
        q
        for p in _TENURE_FIELDS
        for q in store.quads_for_pattern(node, p, None, None)
        if _is_release(q.graph_name, iris)
    ]


def _labels(store: ox.Store, node: Node, iris: Iris, changed: dict[Node, set]) -> list[ox.Quad]:
    """A node's labels that a release graph states, each once (a name is labelled again in every
    release that names it; `incumbencies` takes the least label, whatever its graph): those of the
    merged graph, which has not yet taken the `changed` ones, and those."""
    out = []
    values = {t.object for t in store.quads_for_pattern(node, _LABEL, None, ox.DefaultGraph())}
    for value in values | changed.get(node, set()):
        for q in store.quads_for_pattern(node, _LABEL, value, None):
            if _is_release(q.graph_name, iris):
                out.append(q)
                break
    return out
