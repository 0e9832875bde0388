"""Facts derived across releases: each person's incumbency of a post, first and last observed.

A `hkpr:Tenure` says that one release saw a person in a post on a date; an `hkpr:Incumbency`
gathers every tenure of one person in one post, with the earliest and latest dates, so that
"who held post X on date D" is one query (docs/ontology.md). Incumbencies live in their own
named graph and are recomputed whenever the release graphs change.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.emit import LABEL, GraphWriter, day, hkpr
from kg.iris import DCT, HKPR, Iris

TENURES = f"""
SELECT ?tenure ?post ?holder ?date WHERE {{
  GRAPH ?g {{ ?tenure a <{HKPR}Tenure> ; <{HKPR}post> ?post ; <{HKPR}holder> ?holder ; <{DCT}date> ?date }}
}}"""
LABELS = f"SELECT ?x ?label WHERE {{ GRAPH ?g {{ ?x <{LABEL.value}> ?label }} }}"


def incumbencies(store: ox.Store, iris: Iris) -> list[ox.Quad]:
    """The incumbency graph's quads, computed from the tenures of every release graph in `store`."""
    spans: dict[tuple[str, str], list] = {}
    for row in store.query(TENURES):
        key = (row["post"].value, row["holder"].value)
        span = spans.setdefault(key, [row["date"].value, row["date"].value, []])
        span[0] = min(span[0], row["date"].value)
        span[1] = max(span[1], row["date"].value)
        span[2].append(row["tenure"])
    labels: dict[str, str] = {}
    for row in store.query(LABELS):
        labels.setdefault(row["x"].value, row["label"].value)
    w = GraphWriter(iris.incumbency_graph)
    for (post, holder), (first, last, tenures) in sorted(spans.items()):
        node = ox.NamedNode(iris.incumbency(holder.rsplit("/", 1)[-1], post.rsplit("/", 1)[-1]))
        w.typed(node, hkpr("Incumbency"))
        w.add(node, hkpr("post"), ox.NamedNode(post))
        w.add(node, hkpr("holder"), ox.NamedNode(holder))
        w.add(node, hkpr("firstObserved"), day_literal(first))
        w.add(node, hkpr("lastObserved"), day_literal(last))
        for tenure in sorted(tenures, key=lambda t: t.value):
            w.add(node, hkpr("observation"), tenure)
        if post in labels and holder in labels:
            w.add(node, LABEL, ox.Literal(f"{labels[holder]} as {labels[post]}"))
    return w.quads


def day_literal(iso: str) -> ox.Literal:
    from datetime import date

    return day(date.fromisoformat(iso[:10]))
