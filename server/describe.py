"""Describing one resource: the queries, and the description gathered for its HTML page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kg.iris import DCT, FOAF, ONTOLOGY, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS
from server.context import Context

MAX_INCOMING = 500
MAX_OUTGOING = 5000
LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel", FOAF + "name", DCT + "title", SCHEMA + "name")
TERM_PREFIXES = {**PREFIXES, "sd": "http://www.w3.org/ns/sparql-service-description#"}


def exists_query(iri: str) -> str:
    return f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} UNION {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} }}"


def document_query(iri: str) -> str:
    """The resource's triples from every graph, the triples pointing at it, and the labels of both ends."""
    return f"""CONSTRUCT {{
  <{iri}> ?p ?o . ?o <{RDFS}label> ?ol . ?s ?q <{iri}> . ?s <{RDFS}label> ?sl .
}} WHERE {{
  {{ <{iri}> ?p ?o OPTIONAL {{ ?o <{RDFS}label> ?ol }} }}
  UNION
  {{ {{ SELECT DISTINCT ?s ?q WHERE {{ ?s ?q <{iri}> }} LIMIT {MAX_INCOMING} }} OPTIONAL {{ ?s <{RDFS}label> ?sl }} }}
}}"""


def _page_query(iri: str) -> str:
    return f"""SELECT ?dir ?g ?p ?o WHERE {{
  {{ {{ SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} LIMIT {MAX_OUTGOING} }} BIND("out" AS ?dir) }}
  UNION
  {{ {{ SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ ?o ?p <{iri}> }} }} LIMIT {MAX_INCOMING} }} BIND("in" AS ?dir) }}
}}"""


def _labels_query(iris: list[str]) -> str:
    values = " ".join(f"<{i}>" for i in iris)
    props = ", ".join(f"<{p}>" for p in (*LABEL_PROPERTIES, DCT + "date", DCT + "identifier"))
    # ?n ?p ?l with ?n bound, then the filter: two VALUES blocks made Oxigraph scan every triple (6 s
    # for 500 nodes of a 1M-triple graph, against 30 ms)
    return f"SELECT DISTINCT ?n ?p ?l WHERE {{ VALUES ?n {{ {values} }} ?n ?p ?l FILTER(?p IN ({props})) }}"


@dataclass(frozen=True)
class Term:
    """An RDF term from SPARQL JSON."""

    type: str  # uri, literal, bnode, triple
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def of(cls, b: dict[str, Any]) -> Term:
        return cls(b["type"], str(b.get("value")), b.get("datatype"), b.get("xml:lang"))

    @property
    def is_iri(self) -> bool:
        return self.type == "uri"


@dataclass
class Description:
    iri: str
    out: dict[str, dict[Term, set[str]]] = field(default_factory=dict)  # property -> value -> graphs
    incoming: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (subject, property) -> graphs
    labels: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    identifiers: dict[str, str] = field(default_factory=dict)
    graphs: set[str] = field(default_factory=set)
    incoming_capped: bool = False

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or compact(iri)

    def values(self, prop: str) -> list[Term]:
        return list(self.out.get(prop, {}))

    @property
    def types(self) -> list[str]:
        return [t.value for t in self.values(RDF + "type") if t.is_iri]

    @property
    def sentences(self) -> list[str]:
        return [t.value for t in self.values(PROV + "value")]

    @property
    def sources(self) -> list[str]:
        """Releases it came from: prov:wasDerivedFrom, and the release graphs that state it."""
        derived = [t.value for t in self.values(PROV + "wasDerivedFrom") if t.is_iri]
        return list(dict.fromkeys(derived))


def compact(iri: str) -> str:
    """hkpr:Meeting for the ontology's IRIs and well-known vocabularies; the last segment otherwise."""
    for prefix, ns in TERM_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    if iri == ONTOLOGY:
        return "hkpr ontology"
    tail = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail or iri


async def describe(ctx: Context, iri: str) -> Description:
    """Everything the resource page shows, in two queries."""
    d = Description(iri)
    rows = await ctx.select(_page_query(iri))
    nodes: set[str] = {iri}
    incoming = 0
    for r in rows:
        g = r["g"]["value"]
        p = r["p"]["value"]
        o = Term.of(r["o"])
        nodes.add(p)
        nodes.add(g)
        if o.is_iri:
            nodes.add(o.value)
        if r["dir"]["value"] == "out":
            d.out.setdefault(p, {}).setdefault(o, set()).add(g)
            d.graphs.add(g)
        else:
            incoming += 1
            d.incoming.setdefault((o.value, p), set()).add(g)
    d.incoming_capped = incoming >= MAX_INCOMING
    for t in d.values(PROV + "wasDerivedFrom"):
        nodes.add(t.value)
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    node_list = sorted(n for n in nodes if _plain_iri(n))
    for start in range(0, len(node_list), 500):
        for r in await ctx.select(_labels_query(node_list[start : start + 500])):
            found[r["n"]["value"]][r["p"]["value"]].append(r["l"]["value"])
    for node, props in found.items():
        for p in LABEL_PROPERTIES:
            if props.get(p):
                d.labels[node] = sorted(props[p], key=lambda s: (len(s), s))[0]
                break
        if props.get(DCT + "date"):
            d.dates[node] = min(props[DCT + "date"])
        if props.get(DCT + "identifier"):
            d.identifiers[node] = min(props[DCT + "identifier"])
    return d


def _plain_iri(value: str) -> bool:
    return ":" in value and not any(c in value for c in '<>"{}|^`\\ \n\t')
