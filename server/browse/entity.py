"""The HTML page of a node: its name and kind, the panels for its kind (server/panels/*.sparql, each
with "open in the editor"), its statements with each value once, and its sources listed once,
numbered, and cited by number everywhere on the page."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from kg.iris import DCT, HKPR, ONTOLOGY, PROV, RDF, SCHEMA, SKOS
from kg.read import parse_day
from kg.search_index import KINDS, release_label
from server.browse import panels as panel_files
from server.browse.quality import about
from server.context import Context
from server.describe import Description, describe
from server.formats import Format
from server.html import Markup, join, page, tag
from server.pages import value_html
from server.urls import Urls, safe_iri

MAX_SOURCES = 150
MAX_VALUES_SHOWN = 20
MAX_INCOMING_SHOWN = 25
MAX_CITES_SHOWN = 12
PAGE_KINDS = (*((k, c) for k, c in KINDS), ("tenure", HKPR + "Tenure"), ("incumbency", HKPR + "Incumbency"))
HIDDEN = {RDF + "type", PROV + "qualifiedDerivation"}


def kind_of(types: Iterable[str]) -> str | None:
    found = set(types)
    return next((k for k, c in PAGE_KINDS if c in found), None)


def long_date(value: str | None) -> str:
    """ "2020-01-18" -> "18 January 2020" (the value itself when it is not a date)."""
    d = parse_day(value)
    return f"{d.day} {d:%B %Y}" if d else (value or "")


@dataclass(frozen=True)
class Source:
    iri: str
    label: str
    date: str
    url: str | None


# Patterns naming nodes that have no label, by the first segment of their IRI under the base; each
# binds ?x and ?y (and maybe ?z, ?w) for `readable`.
_READABLE = {
    "tenure": "?n hkpr:post/rdfs:label ?x ; dct:date ?y . OPTIONAL { ?n hkpr:holder/foaf:name ?z }",
    "incumbency": "?n hkpr:holder/foaf:name ?x ; hkpr:post/rdfs:label ?y ; hkpr:firstObserved ?z ; hkpr:lastObserved ?w .",
    "release": "?n dct:identifier ?x ; dct:date ?y . OPTIONAL { ?n dct:title ?z }",
    "derivation": "?n prov:entity ?r . ?r dct:identifier ?x ; dct:date ?y .",
}


def _readable_query(kind: str, nodes: list[str]) -> str:
    values = " ".join(f"<{n}>" for n in nodes)
    return f"""PREFIX hkpr: <{HKPR}> PREFIX dct: <{DCT}> PREFIX prov: <{PROV}>
PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?n (SAMPLE(?x) AS ?a) (SAMPLE(?y) AS ?b) (SAMPLE(?z) AS ?c) (SAMPLE(?w) AS ?d) WHERE {{
  VALUES ?n {{ {values} }} {_READABLE[kind]}
}} GROUP BY ?n"""


def readable(kind: str, a: str, b: str, c: str | None, d: str | None) -> str:
    """Names for nodes that have no label of their own."""
    if kind == "tenure":
        return f"{a}, {long_date(b)}" + (f" ({c})" if c else "")
    if kind == "incumbency":
        return f"{a}, {b}, {long_date(c)} to {long_date(d)}"
    if kind == "release":
        return release_label(a, b, c)
    return f"Reading of press release {a} of {b}"


async def readable_labels(ctx: Context, nodes: Iterable[str]) -> dict[str, str]:
    """Labels people read for tenures ("Secretary for Development, 18 January 2020"), incumbencies,
    releases (their title, else "Press release P... of DATE") and derivations."""
    by_kind: dict[str, list[str]] = {}
    for n in sorted(set(nodes)):
        kind = n[len(ctx.base_iri) :].split("/", 1)[0] if n.startswith(ctx.base_iri) else ""
        if kind in _READABLE and safe_iri(n):
            by_kind.setdefault(kind, []).append(n)
    out: dict[str, str] = {}
    for kind, wanted in by_kind.items():
        for start in range(0, len(wanted), 400):
            for r in await ctx.select(_readable_query(kind, wanted[start : start + 400])):
                v = {k: r[k]["value"] for k in ("a", "b", "c", "d") if k in r}
                if "a" in v and "b" in v:
                    out[r["n"]["value"]] = readable(kind, v["a"], v["b"], v.get("c"), v.get("d"))
    return out


async def _sources(ctx: Context, releases: list[str]) -> list[Source]:
    """The releases' titles, dates and info.gov.hk addresses, in order of date."""
    wanted = sorted({r for r in releases if safe_iri(r)})
    found: list[Source] = []
    for start in range(0, len(wanted), 400):
        values = " ".join(f"<{r}>" for r in wanted[start : start + 400])
        rows = await ctx.select(
            f"""SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?i) AS ?id) (MIN(?d) AS ?date) (SAMPLE(?u) AS ?url) WHERE {{
              VALUES ?r {{ {values} }} ?r a <{HKPR}PressRelease> .
              OPTIONAL {{ ?r <{DCT}title> ?t }} OPTIONAL {{ ?r <{DCT}identifier> ?i }}
              OPTIONAL {{ ?r <{DCT}date> ?d }} OPTIONAL {{ ?r <{SCHEMA}url> ?u }} }} GROUP BY ?r"""
        )
        for row in rows:
            v = {k: row[k]["value"] for k in ("title", "id", "date", "url") if k in row}
            ident = v.get("id") or row["r"]["value"].rsplit("/", 1)[-1]
            found.append(Source(row["r"]["value"], release_label(ident, v.get("date"), v.get("title")),
                                v.get("date", ""), v.get("url")))  # fmt: skip
    return sorted(found, key=lambda s: (s.date, s.iri))


def _chosen(sources: list[Source], needed: set[str]) -> list[Source]:
    """At most MAX_SOURCES sources (more when the panels cite more): those the panels cite, then the
    earliest of the others; in order of date."""
    others = [s for s in sources if s.iri not in needed]
    keep = {s.iri for s in others[: max(0, MAX_SOURCES - len(needed))]} | needed
    return [s for s in sources if s.iri in keep]


class Citations:
    """Sources numbered once; `cite(iri)` is its number as a link to the list."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.number = {s.iri: i + 1 for i, s in enumerate(sources)}

    def cite(self, iri: str) -> Markup:
        n = self.number.get(iri)
        if n is None:
            return Markup("")
        return tag("sup", tag("a", f"[{n}]", href=f"#source-{n}"), class_="cite")

    def cite_all(self, iris: Iterable[str]) -> Markup:
        numbers = sorted({self.number[i] for i in iris if i in self.number})
        if not numbers:
            return Markup("")
        shown = [self.cite(self.sources[n - 1].iri) for n in numbers[:MAX_CITES_SHOWN]]
        more = len(numbers) - MAX_CITES_SHOWN
        return Markup("".join(shown) + (f' <span class="note">and {more} more</span>' if more > 0 else ""))


async def _panel_results(
    ctx: Context, kind: str | None, iri: str
) -> list[tuple[panel_files.Panel, dict[str, Any]]]:
    chosen = panel_files.panels().get(kind or "", [])
    # no more at once than one client may run (server/pool.py's admission), so a page never
    # has its own panels refused as one client's excess
    turns = asyncio.Semaphore(max(1, getattr(ctx.pool, "client_queries", len(chosen) or 1)))

    async def run(p: panel_files.Panel) -> dict[str, Any]:
        rows = panel_files.MAX_ROWS if p.show == "table" else panel_files.MAX_PLOTTED
        async with turns:
            answer = await ctx.query(p.query(iri), "json", max_rows=rows)
        return json.loads(answer.body)

    results = await asyncio.gather(*(run(p) for p in chosen))
    return list(zip(chosen, results, strict=True))


def _release_iris(result: dict[str, Any]) -> list[str]:
    out = []
    for row in result["results"]["bindings"]:
        if "release" in row and row["release"]["type"] == "uri":
            out.append(row["release"]["value"])
        if "releases" in row:
            out.extend(row["releases"]["value"].split())
    return out


def _link(urls: Urls, iri: str, text: str) -> Markup:
    href = urls.href(iri)
    return tag("a", text, href=href, title=iri) if href else tag("span", text, title=iri)


def _statements(ctx: Context, urls: Urls, d: Description, cites: Citations) -> Markup:
    """Each property's values once; after each value, the sources that state it (by number), or a mark
    saying it is inferred, derived by the build, or reference data."""
    inferred, reference, derived = (
        ctx.base_iri + "graph/" + g for g in ("inferred", "reference", "incumbency")
    )
    rows = []
    for prop in sorted(d.out, key=lambda p: d.label(p).lower()):
        if prop in HIDDEN:
            continue
        items = []
        values = sorted(d.out[prop].items(), key=lambda kv: (kv[0].type, kv[0].value))
        for t, graphs in values[:MAX_VALUES_SHOWN]:
            marks: list[Markup] = []
            if graphs == {inferred}:
                marks.append(
                    tag("span", "inferred", class_="badge inferred", title="entailed by OWL RL reasoning")
                )
            if reference in graphs:
                marks.append(tag("span", "reference data", class_="badge"))
            if derived in graphs:
                marks.append(
                    tag(
                        "span",
                        "from all releases",
                        class_="badge",
                        title="computed by the build over every release",
                    )
                )
            if ONTOLOGY in graphs:
                marks.append(tag("span", "ontology", class_="badge"))
            items.append(tag("li", value_html(urls, d, t), " ", cites.cite_all(graphs), " ", marks))
        if len(values) > MAX_VALUES_SHOWN:
            items.append(tag("li", f"and {len(values) - MAX_VALUES_SHOWN:,} more", class_="note"))
        rows.append(
            tag("tr", tag("th", _link(urls, prop, d.label(prop)), scope="row"), tag("td", tag("ul", items)))
        )
    if not rows:
        return tag("p", "No statements about it.")
    return tag("table", tag("tbody", rows), class_="props")


def _incoming(ctx: Context, urls: Urls, d: Description, editor: str) -> Markup | None:
    """What points to it, by property; links only inferred are counted, not repeated, and the
    releases that mention it are in the sources."""
    by_prop: dict[str, list[str]] = {}
    inferred = 0
    for (s, p), graphs in d.incoming.items():
        if p == HKPR + "mentions":
            continue
        if graphs == {ctx.base_iri + "graph/inferred"}:
            inferred += 1
            continue
        by_prop.setdefault(p, []).append(s)
    if not by_prop:
        return None
    rows = []
    for p in sorted(by_prop, key=lambda p: d.label(p).lower()):
        subjects = sorted(set(by_prop[p]), key=lambda s: d.label(s).lower())
        shown = join((tag("a", d.label(s), href=urls.href(s)) for s in subjects[:MAX_INCOMING_SHOWN]), " · ")
        more = len(subjects) - MAX_INCOMING_SHOWN
        rows.append(
            tag("tr", tag("th", _link(urls, p, d.label(p)), scope="row"),
                tag("td", shown, tag("span", f" and {more} more", class_="note") if more > 0 else None))
        )  # fmt: skip
    return tag(
        "section",
        tag("h2", "Referenced by", " ", tag("a", "open in the editor", href=editor, class_="editor")),
        tag("table", tag("tbody", rows), class_="props"),
        tag("p", f"And {inferred:,} links inferred from these (super-properties, inverses).", class_="note") if inferred else None,
        tag("p", "Only the first references are shown; the editor shows all.", class_="note") if d.incoming_capped else None,
    )  # fmt: skip


def _sources_section(urls: Urls, cites: Citations, total: int) -> Markup:
    items = []
    for i, s in enumerate(cites.sources):
        items.append(
            tag(
                "li",
                _link(urls, s.iri, s.label),
                f" ({s.date})" if s.date else None,
                [" · ", tag("a", "info.gov.hk", href=s.url, rel="external")] if s.url and s.url.startswith("https://") else None,
                id=f"source-{i + 1}",
            )
        )  # fmt: skip
    return tag(
        "section",
        tag("h2", "Sources"),
        tag(
            "p",
            f"The releases that name it or state its facts ({total:,}); cited by number above.",
            class_="note",
        )
        if items
        else tag("p", "No release names it.", class_="note"),
        tag("ol", items, class_="sources") if items else None,
        tag("p", f"{len(cites.sources):,} are listed: those cited above, then the earliest.", class_="note")
        if total > len(items)
        else None,
        id="sources",
    )


async def entity_page(ctx: Context, urls: Urls, iri: str, alternates: Iterable[tuple[Format, str]]) -> Markup:
    d = await describe(ctx, iri)
    kind = kind_of(d.types)
    results = await _panel_results(ctx, kind, iri)
    release_prefix = ctx.base_iri + "release/"
    cited = [
        g for gs in d.out.values() for graphs in gs.values() for g in graphs if g.startswith(release_prefix)
    ]
    cited += d.sources + [s for (s, p) in d.incoming if p == HKPR + "mentions"]
    for _, result in results:
        cited += _release_iris(result)
    if kind == "release":
        cited.append(iri)
    unique = list(dict.fromkeys(cited))
    sources = _chosen(
        await _sources(ctx, unique), {r for _, result in results for r in _release_iris(result)}
    )
    cites = Citations(sources)
    nodes = [iri, *(s for s, _ in d.incoming), *(t.value for vs in d.out.values() for t in vs if t.is_iri)]
    d.labels.update(await readable_labels(ctx, nodes))
    title = d.label(iri)
    also = sorted({t.value for t in d.values(SKOS + "altLabel")} - {title})
    issues = about(ctx, iri)
    header = tag(
        "header",
        tag("h1", title),
        tag("p", "Also known as ", join(also, "; "), class_="aka") if also else None,
        tag("p", tag("code", iri), class_="iri"),
        tag("p", "A ", join((_link(urls, t, d.label(t)) for t in d.types), ", "), class_="types") if d.types else None,
        tag("p", f"The quality report says {len(issues)} thing{'s' if len(issues) != 1 else ''} about it: ",
            join((str(r.get("message")) for r in issues[:3]), " "), " ",
            tag("a", "see the report", href=urls.absolute("quality") + "?" + urlencode({"focus": iri})),
            class_="quality-note") if issues else None,
    )  # fmt: skip
    sections = [panel_files.render(p, urls, iri, result, cites.cite) for p, result in results]
    statements_query = f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }} ORDER BY ?p ?o"
    incoming_query = f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s"
    statements = tag(
        "section",
        tag("h2", "Statements", " ",
            tag("a", "open in the editor", href=urls.absolute("sparql") + "?" + urlencode({"query": statements_query}), class_="editor")),
        tag("p", "Each value once; the numbers cite the releases that state it.", class_="note"),
        _statements(ctx, urls, d, cites),
        id="statements",
    )  # fmt: skip
    incoming = _incoming(ctx, urls, d, urls.absolute("sparql") + "?" + urlencode({"query": incoming_query}))
    formats = tag(
        "p",
        "This description as ",
        join((tag("a", f.label, href=url, type=f.media_type) for f, url in alternates), " · "),
        class_="formats",
    )
    return page(title, header, sections, statements, incoming, _sources_section(urls, cites, len(unique)), formats,
                home=urls.absolute(""))  # fmt: skip
