"""/browse and /browse/{kind}: every body, person, post, organisation, zone, meeting and release, with
counts, sorting, paging and facets (year, body, post). Each list is a SPARQL query the page shows a
link to, so a reader can take it to the editor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.iris import PREFIXES
from kg.search_index import release_label
from server.browse.common import KIND_NAMES, PAGE_SIZES, int_param, page_links
from server.context import Context, context
from server.errors import ApiError
from server.html import Markup, page, tag
from server.urls import safe_iri

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p in
                   ("hkpr", "org", "schema", "foaf", "dct", "rdfs", "skos"))  # fmt: skip


@dataclass(frozen=True)
class Facet:
    """A facet: the pattern that gives ?value (and ?valueLabel) for an ?item, and how a chosen value
    restricts the list. `numeric`: the value is a number (a year), else an IRI."""

    name: str
    pattern: str
    numeric: bool = False

    def restrict(self, value: str) -> str:
        """The pattern keeping the items with this value (its variables renamed apart from the facets')."""
        pattern = _OWN_VARIABLE.sub(lambda m: f"?{self.name}_{m.group(1)}", self.pattern)
        if self.numeric:
            if not value.isdigit():
                raise ApiError(400, f"{self.name} must be a number")
            return f"{{ {pattern} FILTER(?{self.name}_value = {int(value)}) }}"
        if not safe_iri(value):
            raise ApiError(400, f"{self.name} must be an IRI")
        return f"{{ {pattern} FILTER(?{self.name}_value = <{value}>) }}"


_OWN_VARIABLE = re.compile(r"\?(?!item\b)(\w+)")


@dataclass(frozen=True)
class Kind:
    """One browsable kind: which nodes, the columns shown, the orders offered."""

    key: str
    members: str  # binds ?item
    columns: tuple[tuple[str, str, str], ...]  # (variable, heading, aggregate expression over the pattern)
    pattern: str  # OPTIONAL patterns binding the columns' inputs
    orders: dict[str, str]  # name -> ORDER BY
    default_order: str
    facets: tuple[Facet, ...] = field(default_factory=tuple)


YEAR_OF_MEETING = Facet("year", "?item schema:startDate ?d0 . BIND(YEAR(?d0) AS ?value)", numeric=True)
YEAR_OF_RELEASE = Facet("year", "?item dct:date ?d0 . BIND(YEAR(?d0) AS ?value)", numeric=True)
BODY = Facet("body", "?item hkpr:meetingOf ?value . OPTIONAL { ?value rdfs:label ?valueLabel }")
POST = Facet("post", "?i0 hkpr:holder ?item ; hkpr:post ?value . OPTIONAL { ?value rdfs:label ?valueLabel }")

MENTIONS = ("releases", "releases", "(COUNT(DISTINCT ?r) AS ?releases)")
NAMED = "OPTIONAL { ?r hkpr:mentions ?item }"
BY_NAME = {"name": "LCASE(?label) ?item", "releases": "DESC(?releases) LCASE(?label)"}

KINDS: dict[str, Kind] = {
    "bodies": Kind(
        "bodies",
        "?item a hkpr:Body .",
        (
            ("meetings", "meetings", "(COUNT(DISTINCT ?m) AS ?meetings)"),
            ("latest", "last met", "(MAX(?md) AS ?latest)"),
            MENTIONS,
        ),
        "OPTIONAL { ?m hkpr:meetingOf ?item OPTIONAL { ?m schema:startDate ?md } } " + NAMED,
        {**BY_NAME, "meetings": "DESC(?meetings) LCASE(?label)", "latest": "DESC(?latest) LCASE(?label)"},
        "meetings",
    ),
    "people": Kind(
        "people",
        "?item a foaf:Person .",
        (("posts", "posts held", "(COUNT(DISTINCT ?post) AS ?posts)"), MENTIONS),
        "OPTIONAL { ?inc hkpr:holder ?item ; hkpr:post ?post } " + NAMED,
        {**BY_NAME, "posts": "DESC(?posts) LCASE(?label)"},
        "releases",
        (POST,),
    ),
    "posts": Kind(
        "posts",
        "?item a hkpr:Post .",
        (("holders", "holders", "(COUNT(DISTINCT ?h) AS ?holders)"), MENTIONS),
        "OPTIONAL { ?inc hkpr:post ?item ; hkpr:holder ?h } " + NAMED,
        {**BY_NAME, "holders": "DESC(?holders) LCASE(?label)"},
        "releases",
    ),
    "organisations": Kind(
        "organisations",
        "?item a org:Organization . FILTER NOT EXISTS { ?item a hkpr:Body }",
        (MENTIONS,),
        NAMED,
        BY_NAME,
        "releases",
    ),
    "zones": Kind("zones", "?item a hkpr:Zone .", (MENTIONS,), NAMED, BY_NAME, "releases"),
    "meetings": Kind(
        "meetings",
        "?item a hkpr:Meeting .",
        (
            ("date", "date", "(MIN(?md) AS ?date)"),
            ("chairs", "chaired by", '(GROUP_CONCAT(DISTINCT ?cn; separator=", ") AS ?chairs)'),
        ),
        "OPTIONAL { ?item schema:startDate ?md } OPTIONAL { ?item hkpr:chair/foaf:name ?cn }",
        {"date": "DESC(?date) LCASE(?label)", "oldest": "?date LCASE(?label)", "name": "LCASE(?label) ?item"},
        "date",
        (YEAR_OF_MEETING, BODY),
    ),
    "releases": Kind(
        "releases",
        "?item a hkpr:PressRelease .",
        (("date", "date", "(MIN(?rd) AS ?date)"), ("facts", "facts", "(COUNT(DISTINCT ?f) AS ?facts)")),
        "OPTIONAL { ?item dct:date ?rd } OPTIONAL { ?f prov:wasDerivedFrom ?item }",
        {"date": "DESC(?date) ?item", "oldest": "?date ?item", "facts": "DESC(?facts) DESC(?date)"},
        "date",
        (YEAR_OF_RELEASE,),
    ),
}
LABEL = "(SAMPLE(?l) AS ?label)"
LABEL_PATTERN = "OPTIONAL { ?item rdfs:label ?l }"


def _where(kind: Kind, chosen: dict[str, str]) -> str:
    restrictions = " ".join(f.restrict(chosen[f.name]) for f in kind.facets if chosen.get(f.name))
    return f"{kind.members} {restrictions}"


def list_query(kind: Kind, chosen: dict[str, str], order: str, limit: int, offset: int) -> str:
    aggregates = " ".join(expr for _, _, expr in kind.columns)
    prologue = PROLOGUE + ("PREFIX prov: <http://www.w3.org/ns/prov#>\n" if "prov:" in kind.pattern else "")
    return (
        f"{prologue}SELECT ?item {LABEL} {aggregates} WHERE {{\n  {_where(kind, chosen)}\n"
        f"  {LABEL_PATTERN}\n  {kind.pattern}\n}} GROUP BY ?item\n"
        f"ORDER BY {kind.orders[order]}\nLIMIT {limit} OFFSET {offset}"
    )


def count_query(kind: Kind, chosen: dict[str, str]) -> str:
    return f"{PROLOGUE}SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{ {_where(kind, chosen)} }}"


def facet_query(kind: Kind, facet: Facet, chosen: dict[str, str]) -> str:
    others = {k: v for k, v in chosen.items() if k != facet.name}
    order = "DESC(?value)" if facet.numeric else "DESC(?n) LCASE(?valueLabel)"
    return (
        f"{PROLOGUE}SELECT ?value (SAMPLE(?valueLabel) AS ?valueLabel) (COUNT(DISTINCT ?item) AS ?n) WHERE {{ "
        f"{_where(kind, others)} {facet.pattern} }} GROUP BY ?value ORDER BY {order} LIMIT 500"
    )


async def _count(ctx: Context, query: str) -> int:
    rows = await ctx.select(query)
    return int(rows[0]["n"]["value"]) if rows else 0


async def kind_counts(ctx: Context) -> dict[str, int]:
    """How many of each kind the graph holds."""
    return {key: await _count(ctx, count_query(kind, {})) for key, kind in KINDS.items()}


async def overview(request: Request) -> Response:
    """/browse: the kinds with their counts."""
    ctx = context(request)
    urls = ctx.urls(request)
    counts = await kind_counts(ctx)
    items = [
        tag("li", tag("a", KIND_NAMES[k][0], href=urls.absolute("browse/" + k)), f" ({n:,})")
        for k, n in counts.items()
    ]
    return HTMLResponse(
        page("Browse", tag("h1", "Browse"), tag("ul", items, class_="kinds"), home=urls.absolute(""))
    )


def _name(row: dict) -> str:
    """The item's label; an untitled release as "Press release P... of DATE"."""
    if "label" in row:
        return row["label"]["value"]
    iri = row["item"]["value"]
    if "/release/" in iri:
        return release_label(iri.rsplit("/release/", 1)[1], row.get("date", {}).get("value"), None)
    return iri


def _cell(row: dict, var: str) -> Markup:
    term = row.get(var)
    if term is None:
        return tag("td")
    return tag("td", term["value"], class_="num" if term.get("datatype", "").endswith("integer") else None)


async def kind_page(request: Request) -> Response:
    """/browse/{kind}?sort=&page=&size=&year=&body=&post=."""
    ctx = context(request)
    urls = ctx.urls(request)
    key = request.path_params["kind"]
    kind = KINDS.get(key)
    if kind is None:
        raise ApiError(404, f"nothing to browse as {key[:40]!r}; try one of {', '.join(KINDS)}")
    order = request.query_params.get("sort") or kind.default_order
    if order not in kind.orders:
        raise ApiError(400, f"sort by one of {', '.join(kind.orders)}")
    size = int_param(request, "size", 50, 1, PAGE_SIZES[-1])
    number = int_param(request, "page", 1, 1, 100_000)
    chosen = {f.name: request.query_params.get(f.name, "") for f in kind.facets}
    total = await _count(ctx, count_query(kind, chosen))
    query = list_query(kind, chosen, order, size, (number - 1) * size)
    rows = await ctx.select(query)
    path = urls.absolute("browse/" + key)
    head = tag("tr", tag("th", KIND_NAMES[key][1]), [tag("th", heading) for _, heading, _ in kind.columns])
    body = [
        tag(
            "tr",
            tag("td", tag("a", _name(r), href=urls.href(r["item"]["value"]))),
            [_cell(r, var) for var, _, _ in kind.columns],
        )
        for r in rows
    ]
    controls = [
        tag("label", "sort by ", tag("select", [tag("option", o, value=o, selected=o == order) for o in kind.orders], name="sort"))
    ]  # fmt: skip
    for facet in kind.facets:
        values = await ctx.select(facet_query(kind, facet, chosen))
        options = [tag("option", f"any {facet.name}", value="")]
        for v in values:
            shown = v.get("valueLabel", v["value"])["value"]
            options.append(
                tag("option", f"{shown} ({v['n']['value']})", value=v["value"]["value"],
                    selected=v["value"]["value"] == chosen[facet.name])
            )  # fmt: skip
        controls.append(tag("label", f" {facet.name} ", tag("select", options, name=facet.name)))
    controls.append(tag("label", " per page ", tag("select", [tag("option", str(n), selected=n == size) for n in PAGE_SIZES], name="size")))  # fmt: skip
    form = tag(
        "form",
        controls,
        " ",
        tag("button", "Apply", type="submit"),
        method="get",
        action=path,
        class_="controls",
    )
    params = {"sort": order, "size": str(size), **chosen}
    editor = urls.absolute("sparql") + "?" + urlencode({"query": query})
    content = [
        tag("h1", KIND_NAMES[key][0]),
        tag("p", f"{total:,} {key}" + (" match" if any(chosen.values()) else " in the graph"), class_="note"),
        form,
        tag("table", tag("thead", head), tag("tbody", body), class_="list") if body else tag("p", "None."),
        page_links(path, params, number, size, total),
        tag("p", tag("a", "Open this list's query in the editor", href=editor), class_="note"),
    ]
    return HTMLResponse(page(KIND_NAMES[key][0], *content, home=urls.absolute("")))
