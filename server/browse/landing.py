"""What the landing page shows a reader before any query: a way in by kind (with counts), the releases
and facts per year as plots, and the graph's counts with what each counts."""

from __future__ import annotations

from server.browse.common import KIND_NAMES
from server.browse.lists import kind_counts
from server.context import Context
from server.descriptions import counts
from server.html import Markup, tag
from server.plots import bars
from server.urls import Urls

PER_YEAR = """PREFIX hkpr: <https://w3id.org/hkpr/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?year (SUM(?release) AS ?releases) (SUM(?meeting) AS ?meetings) (SUM(?tenure) AS ?tenures) WHERE {
  { ?x a hkpr:PressRelease ; dct:date ?d . BIND(1 AS ?release) BIND(0 AS ?meeting) BIND(0 AS ?tenure) }
  UNION { ?x a hkpr:Meeting ; schema:startDate ?d . BIND(0 AS ?release) BIND(1 AS ?meeting) BIND(0 AS ?tenure) }
  UNION { ?x a hkpr:Tenure ; dct:date ?d . BIND(0 AS ?release) BIND(0 AS ?meeting) BIND(1 AS ?tenure) }
  BIND(YEAR(?d) AS ?year)
} GROUP BY ?year ORDER BY ?year"""


async def landing_sections(ctx: Context, urls: Urls) -> list[Markup]:
    per_kind = await kind_counts(ctx)
    browse = tag(
        "section",
        tag("h2", "Browse"),
        tag(
            "ul",
            [tag("li", tag("a", KIND_NAMES[k][0], href=urls.absolute("browse/" + k)), f" {n:,}") for k, n in per_kind.items()],
            class_="kinds inline",
        ),
        tag("p", "Or search by name from the box at the top of every page. ",
            tag("a", "The quality report", href=urls.absolute("quality")), " lists what the shapes found.", class_="note"),
        id="browse",
    )  # fmt: skip
    rows = await ctx.select(PER_YEAR)
    found = {int(r["year"]["value"]): {k: float(r[k]["value"]) for k in ("releases", "meetings", "tenures")}
             for r in rows if "year" in r}  # fmt: skip
    empty = {"releases": 0.0, "meetings": 0.0, "tenures": 0.0}
    years = [(str(y), found.get(y, empty)) for y in range(min(found), max(found) + 1)] if found else []
    plots = tag(
        "section",
        tag("h2", "Per year"),
        tag("h3", "Releases per year"),
        bars([(y, v["releases"]) for y, v in years], "Releases per year", "releases"),
        tag("h3", "Facts per year: meetings, and people named in a post"),
        bars([(y, v["meetings"] + v["tenures"]) for y, v in years], "Facts per year", "facts"),
        tag("p", "Releases by their date; facts are meetings (by the day held) and tenures (a person named in a post, "
            "by the release's date).", class_="note"),
        id="per-year",
    ) if years else None  # fmt: skip
    graph = await counts(ctx)
    table = tag(
        "table",
        tag("tbody", [tag("tr", tag("th", name, scope="row"), tag("td", f"{n:,}", class_="num"), tag("td", what))
                      for name, n, what in graph.explained()]),
        class_="counts",
    )  # fmt: skip
    explained = tag(
        "section",
        tag("h2", "What the numbers count"),
        table,
        tag("p", "The same numbers are in the build report (report.json), in ",
            tag("a", "VoID", href=urls.absolute(".well-known/void")), " and in the service description.", class_="note"),
        id="counts",
    )  # fmt: skip
    return [browse, plots, explained]
