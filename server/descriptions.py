"""RDF about the service and the dataset: the SPARQL Service Description and the VoID description."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone

import pyoxigraph as ox

from kg.counts import Counts, count_query, from_rows
from kg.iris import DCT, ONTOLOGY, PREFIXES, RDF, RDFS, VOID, XSD
from server.context import Context
from server.formats import RESULTS, Format, of_kind
from server.urls import Urls

SD = "http://www.w3.org/ns/sparql-service-description#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
FOAF = "http://xmlns.com/foaf/0.1/"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "Hong Kong Government press releases knowledge graph"
DESCRIPTION = (
    "Meetings, bodies, officials and the posts they held, organisations and development zones, read "
    "from the Hong Kong Government's English press releases, with each fact traced to its release and "
    "sentence; OWL RL entailments are kept in a graph of their own."
)
DOC_PREFIXES = {**PREFIXES, "sd": SD, "void": VOID, "dcat": DCAT, "spdx": SPDX}
STATS_TIMEOUT_FACTOR = 6.0


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: object) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=_n(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_n(XSD + "integer"))
    return ox.Literal(str(value))


class _Graph:
    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, s: str, p: str, o: str | ox.Literal) -> None:
        obj = o if isinstance(o, ox.Literal) else _n(o)
        self.triples.append(ox.Triple(_n(s), _n(p), obj))

    def serialize(self, fmt: Format) -> bytes:
        from server.worker import GRAPH_FORMATS

        prefixes = None if fmt.key in ("ntriples", "nquads", "jsonld") else DOC_PREFIXES
        ordered = sorted(self.triples, key=lambda t: str(t.subject))  # each subject's triples together
        return ox.serialize(ordered, format=GRAPH_FORMATS[fmt.key], prefixes=prefixes)


def service_description(ctx: Context, urls: Urls, fmt: Format) -> bytes:
    """sd:Service for the endpoint at the URL it was asked at."""
    g = _Graph()
    endpoint = urls.here
    void = urls.absolute(".well-known/void")
    dataset, default = void + "#dataset", endpoint + "#default-graph"
    s = ctx.settings
    g.add(endpoint, RDF + "type", SD + "Service")
    g.add(endpoint, SD + "endpoint", endpoint)
    g.add(endpoint, SD + "supportedLanguage", SD + "SPARQL11Query")
    g.add(endpoint, SD + "feature", SD + "UnionDefaultGraph")
    for f in of_kind(RESULTS) + of_kind("rdf"):
        if f.iri:
            g.add(endpoint, SD + "resultFormat", f.iri)
    g.add(endpoint, DCT + "title", _lit(TITLE + ": SPARQL endpoint"))
    g.add(
        endpoint,
        RDFS + "comment",
        _lit(
            f"Read-only SPARQL 1.1 Query. SERVICE is refused and nothing is fetched for FROM or dataset "
            f"parameters. A query is stopped after {s.query_timeout:g} s (HTTP 504) and returns at most "
            f"{s.max_rows} rows or triples (header X-SPARQL-Truncated: true when cut)."
        ),
    )
    g.add(endpoint, SD + "defaultDataset", dataset)
    g.add(dataset, RDF + "type", SD + "Dataset")
    g.add(dataset, SD + "defaultGraph", default)
    g.add(default, RDF + "type", SD + "Graph")
    g.add(
        default,
        RDFS + "comment",
        _lit(
            "The union of every named graph: one per release, the inferred graph, the ontology, the reference data."
        ),
    )
    counts = Counts.from_dict(ctx.data.report.get("counts"))
    if counts is not None:
        g.add(default, VOID + "triples", _lit(counts.default_triples))
    for name, label in (
        (ctx.base_iri + "graph/inferred", "OWL RL entailments"),
        (ONTOLOGY, "the ontology"),
        (ctx.base_iri + "graph/reference", "reference data"),
    ):
        node = f"{endpoint}#graph-{len(g.triples)}"
        g.add(dataset, SD + "namedGraph", node)
        g.add(node, RDF + "type", SD + "NamedGraph")
        g.add(node, SD + "name", name)
        g.add(node, RDFS + "label", _lit(label))
    return g.serialize(fmt)


@dataclass(frozen=True)
class Stats:
    graphs: dict[str, int]  # triples per named graph kind: release, inferred, ontology, reference, other
    releases: int
    classes: list[tuple[str, int]]  # class IRI, instances
    counts: Counts  # kg.counts: the same numbers the build report and the landing page give


async def counts(ctx: Context) -> Counts:
    """The graph's counts: from the build report (counted from the store by `kg build`), else counted
    now (a backend, or a build older than the counts)."""
    found = Counts.from_dict(ctx.data.report.get("counts"))
    if found is not None:
        return found
    timeout = ctx.settings.query_timeout * STATS_TIMEOUT_FACTOR
    rows = await ctx.select(count_query(ctx.base_iri), timeout=timeout)
    return from_rows({r["part"]["value"]: (int(r["graphs"]["value"]), int(r["n"]["value"])) for r in rows})


async def stats(ctx: Context) -> Stats:
    """Counts for VoID, computed once in a worker (with a longer time limit) and kept."""
    key = f"stats-{ctx.data.path}-{ctx.data.built}"
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached
    lock = ctx.cache.setdefault("stats-lock", asyncio.Lock())
    async with lock:
        if key in ctx.cache:
            return ctx.cache[key]
        timeout = ctx.settings.query_timeout * STATS_TIMEOUT_FACTOR
        release = ctx.base_iri + "release/"
        rows = await ctx.select(
            f"""SELECT ?kind (COUNT(DISTINCT ?g) AS ?graphs) (SUM(?n) AS ?triples) WHERE {{
              {{ SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g }}
              BIND(IF(STRSTARTS(STR(?g), "{release}"), "release",
                   IF(?g = <{ctx.base_iri}graph/inferred>, "inferred",
                   IF(?g = <{ctx.base_iri}graph/incumbency>, "incumbency",
                   IF(?g = <{ONTOLOGY}>, "ontology",
                   IF(?g = <{ctx.base_iri}graph/reference>, "reference", "other"))))) AS ?kind)
            }} GROUP BY ?kind""",
            timeout=timeout,
        )
        graphs = {r["kind"]["value"]: int(r["triples"]["value"]) for r in rows}
        releases = next((int(r["graphs"]["value"]) for r in rows if r["kind"]["value"] == "release"), 0)
        rows = await ctx.select(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY DESC(?n) ?c",
            timeout=timeout,
        )
        classes = [(r["c"]["value"], int(r["n"]["value"])) for r in rows]
        result = Stats(graphs, releases, classes, await counts(ctx))
        ctx.cache[key] = result
        return result


def void_description(ctx: Context, urls: Urls, st: Stats, fmt: Format) -> bytes:
    """VoID: counts, classes, the endpoint, the dumps on this host, the licence."""
    g = _Graph()
    doc = urls.absolute(".well-known/void")
    ds = doc + "#dataset"
    g.add(doc, RDF + "type", VOID + "DatasetDescription")
    g.add(doc, FOAF + "primaryTopic", ds)
    g.add(ds, RDF + "type", VOID + "Dataset")
    g.add(ds, DCT + "title", _lit(TITLE))
    g.add(ds, DCT + "description", _lit(DESCRIPTION))
    g.add(ds, DCT + "license", CC_BY)
    g.add(ds, FOAF + "homepage", urls.absolute(""))
    g.add(ds, VOID + "sparqlEndpoint", urls.absolute("sparql"))
    g.add(ds, VOID + "uriSpace", _lit(ctx.base_iri))
    g.add(ds, VOID + "uriLookupEndpoint", urls.absolute("id/"))
    g.add(ds, VOID + "vocabulary", ONTOLOGY + "#")
    for ns in ("org", "schema", "foaf", "prov", "dct", "skos"):
        g.add(ds, VOID + "vocabulary", PREFIXES[ns])
    if ctx.data.built:
        built = datetime.fromtimestamp(ctx.data.built, tz=timezone.utc).replace(microsecond=0)
        g.add(ds, DCT + "modified", ox.Literal(built.isoformat(), datatype=_n(XSD + "dateTime")))
    g.add(ds, VOID + "triples", _lit(st.counts.default_triples))
    g.add(
        ds,
        RDFS + "comment",
        _lit("; ".join(f"{n:,} {name}: {what}" for name, n, what in st.counts.explained())),
    )
    g.add(ds, VOID + "classes", _lit(len(st.classes)))
    for i, (cls, count) in enumerate(st.classes):
        part = f"{doc}#class-{i + 1}"
        g.add(ds, VOID + "classPartition", part)
        g.add(part, VOID + "class", cls)
        g.add(part, VOID + "entities", _lit(count))
    for kind, label in (
        ("release", "what the releases say (one named graph per release)"),
        ("incumbency", "incumbencies, computed by the build over all releases"),
        ("inferred", "OWL RL entailments"),
        ("ontology", "the ontology"),
        ("reference", "reference data"),
    ):
        if kind not in st.graphs:
            continue
        sub = f"{doc}#{kind}"
        g.add(ds, VOID + "subset", sub)
        g.add(sub, RDF + "type", VOID + "Dataset")
        g.add(sub, DCT + "title", _lit(label))
        g.add(sub, VOID + "triples", _lit(st.graphs[kind]))
        g.add(sub, RDFS + "comment", _lit("void:triples counts the quads of these named graphs"))
    if st.releases:
        g.add(f"{doc}#release", VOID + "documents", _lit(st.releases))
    for dump in ctx.data.dumps.values():
        if dump.format is None:
            continue
        url = urls.absolute("dumps/" + dump.name)
        g.add(ds, VOID + "dataDump", url)
        g.add(url, DCAT + "mediaType", _lit(dump.format.media_type))
        g.add(url, DCAT + "compressFormat", _lit("application/gzip"))
        g.add(url, DCAT + "byteSize", _lit(dump.size))
        g.add(url, DCT + "format", _lit(dump.format.label))
        if dump.sha256:
            checksum = url + "#sha256"
            g.add(url, SPDX + "checksum", checksum)
            g.add(checksum, RDF + "type", SPDX + "Checksum")
            g.add(checksum, SPDX + "algorithm", SPDX + "checksumAlgorithm_sha256")
            g.add(checksum, SPDX + "checksumValue", ox.Literal(dump.sha256, datatype=_n(XSD + "hexBinary")))
    return g.serialize(fmt)
