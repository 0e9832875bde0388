"""Facts derived across releases: each person's incumbency of a post, first and last observed.

A `hkpr:Tenure` says that one release saw a person in a post on a date; an `hkpr:Incumbency`
gathers every tenure of one person in one post, with the earliest and latest dates, so that
"who held post X on date D" is one query (docs/ontology.md). Incumbencies live in their own
named graph and are recomputed whenever the release graphs change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pyoxigraph as ox

from kg.emit import LABEL, GraphWriter, day, hkpr
from kg.iris import DCT, HKPR, Iris

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TENURE = HKPR + "Tenure"
_WANTED = {HKPR + "post": "post", HKPR + "holder": "holder", DCT + "date": "date"}


def incumbencies(quads: Iterable[ox.Quad], iris: Iris) -> list[ox.Quad]:
    """The incumbency graph's quads, computed from the tenures among `quads` (the release graphs)."""
    tenures: dict[ox.NamedNode, dict[str, object]] = {}
    labels: dict[str, str] = {}
    for q in quads:
        p = q.predicate.value
        if p in _WANTED:
            tenures.setdefault(q.subject, {})[_WANTED[p]] = q.object
        elif p == _TYPE and q.object.value == _TENURE:
            tenures.setdefault(q.subject, {})["tenure"] = True
        elif p == LABEL.value:  # the least label: the same whichever releases are read first
            s, label = q.subject.value, q.object.value
            labels[s] = min(labels.get(s, label), label)
    spans: dict[tuple[str, str], list] = {}
    for tenure, fields in tenures.items():
        if not fields.get("tenure") or len(fields) < 4:
            continue
        post, holder, when = fields["post"].value, fields["holder"].value, fields["date"].value
        span = spans.setdefault((post, holder), [when, when, []])
        span[0], span[1] = min(span[0], when), max(span[1], when)
        span[2].append(tenure)
    w = GraphWriter(iris.incumbency_graph)
    for (post, holder), (first, last, observed) in sorted(spans.items()):
        node = ox.NamedNode(iris.incumbency(holder.rsplit("/", 1)[-1], post.rsplit("/", 1)[-1]))
        w.typed(node, hkpr("Incumbency"))
        w.add(node, hkpr("post"), ox.NamedNode(post))
        w.add(node, hkpr("holder"), ox.NamedNode(holder))
        w.add(node, hkpr("firstObserved"), day_literal(first))
        w.add(node, hkpr("lastObserved"), day_literal(last))
        for tenure in sorted(observed, key=lambda t: t.value):
            w.add(node, hkpr("observation"), tenure)
        if post in labels and holder in labels:
            w.add(node, LABEL, ox.Literal(f"{labels[holder]} as {labels[post]}"))
    return w.quads


def day_literal(iso: str) -> ox.Literal:
    return day(date.fromisoformat(iso[:10]))
