"""/quality: the SHACL report of the build (report.json) as a page, grouped by message, each node
linked; `?focus=IRI` shows what the report says about one node (entity pages link here)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from server.context import Context, context
from server.describe import compact
from server.html import page, tag

SEVERITIES = ("Violation", "Warning", "Info")


def results(ctx: Context) -> list[dict[str, Any]]:
    """The SHACL results of the served build."""
    found = ctx.data.report.get("shacl_results")
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def about(ctx: Context, iri: str) -> list[dict[str, Any]]:
    """What the report says about one node."""
    return [r for r in results(ctx) if r.get("focus") == iri]


async def quality_page(request: Request) -> Response:
    ctx = context(request)
    urls = ctx.urls(request)
    focus = request.query_params.get("focus") or None
    found = results(ctx)
    if focus:
        found = [r for r in found if r.get("focus") == focus]
    conforms = ctx.data.report.get("shacl_conforms")
    per = Counter(str(r.get("severity")) for r in found)
    summary = ", ".join(f"{per[s]:,} {s.lower()}{'s' if per[s] != 1 else ''}" for s in SEVERITIES if per[s])
    if conforms is None and not ctx.data.report:
        verdict = "This build has no report."
    elif conforms is None:
        verdict = "SHACL validation did not run for this build."
    else:
        verdict = ("The graph conforms to the shapes" if conforms else "The graph breaks the shapes") + (
            f": {summary}." if summary else "."
        )
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in found:
        groups[(str(r.get("severity")), str(r.get("message")), str(r.get("path")))].append(r)
    order = sorted(
        groups, key=lambda k: (SEVERITIES.index(k[0]) if k[0] in SEVERITIES else 9, -len(groups[k]), k[1])
    )
    sections = []
    for severity, message, path in order:
        rows = groups[(severity, message, path)]
        nodes = [
            tag("li", tag("a", compact(r["focus"]), href=urls.href(str(r.get("focus"))), title=r.get("focus")),
                tag("span", f" value: {r['value']}", class_="note") if r.get("value") else None)
            for r in rows
        ]  # fmt: skip
        sections.append(
            tag(
                "section",
                tag("h3", tag("span", severity, class_=f"badge severity-{severity.lower()}"), " ", message),
                tag("p", "property: ", tag("code", compact(path)), f" · {len(rows)} node{'s' if len(rows) != 1 else ''}",
                    class_="note"),
                tag("ul", nodes),
                class_="shacl-group",
            )
        )  # fmt: skip
    body = [
        tag("h1", "Quality: the SHACL report" if not focus else "Quality: what the shapes say about one node"),
        tag("p", tag("a", focus, href=urls.href(focus)), class_="iri") if focus else None,
        tag("p", verdict),
        tag("p", "Every build validates the reasoned graph with the shapes in ",
            tag("code", "shapes/hkpr.ttl"),
            "; the data is kept whatever they find. Warnings mark what a reader should check: two spellings of a "
            "name, a meeting with two dates.", class_="note"),
        sections or tag("p", "Nothing to report."),
        tag("p", tag("a", "The whole report", href=urls.absolute("quality"))) if focus else None,
    ]  # fmt: skip
    return HTMLResponse(page("Quality", *body, home=urls.absolute("")))
