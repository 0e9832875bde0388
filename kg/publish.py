"""`kg publish`: copy a built graph to any SPARQL 1.1 store through the Graph Store HTTP Protocol.

Each named graph (every release, the inferred graph, the ontology, the reference data) is sent
with one `PUT ?graph=IRI`, which replaces that graph on the store as a whole: a reader never sees
half a release. Graphs are streamed as N-Triples, so memory does not grow with the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.progress import task as progress_task
from kg.store import open_store

NTRIPLES = "application/n-triples"


@dataclass
class PublishReport:
    graphs: int = 0
    triples: int = 0
    failed: list[str] = field(default_factory=list)  # "graph: reason"


def graph_body(store: ox.Store, graph: ox.NamedNode, batch: int = 10_000) -> Iterator[bytes]:
    """The graph's triples as N-Triples, in chunks."""
    buffer: list[ox.Triple] = []
    for quad in store.quads_for_pattern(None, None, None, graph):
        buffer.append(quad.triple)
        if len(buffer) >= batch:
            yield ox.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)
            buffer.clear()
    if buffer:
        yield ox.serialize(buffer, format=ox.RdfFormat.N_TRIPLES)


def publish(
    data_dir: Path,
    gsp_url: str,
    *,
    client: httpx.Client | None = None,
    progress: Callable[[str], None] | None = None,
) -> PublishReport:
    """PUT every named graph of the built graph in `data_dir` to the Graph Store endpoint `gsp_url`."""
    store = open_store(data_dir)
    report = PublishReport()
    own_client = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(300.0, connect=10.0))
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    task = progress_task("publish", len(graphs), "graphs")
    try:
        for graph in graphs:
            task.advance()
            count = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
            try:
                response = http.put(
                    gsp_url,
                    params={"graph": graph.value},
                    content=graph_body(store, graph),
                    headers={"Content-Type": NTRIPLES},
                )
            except httpx.HTTPError as exc:
                report.failed.append(f"{graph.value}: {exc}")
                continue
            if response.status_code >= 300:
                report.failed.append(f"{graph.value}: HTTP {response.status_code} {response.text[:200]}")
                continue
            report.graphs += 1
            report.triples += count
            if progress:
                progress(f"{graph.value}: {count} triples")
    finally:
        task.close()
        if own_client:
            http.close()
    return report
