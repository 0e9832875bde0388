"""/search (a page) and /search.json: the full-text index of names and releases (kg.search_index)."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from kg.search_index import KINDS, MARK, Hit, SearchIndex
from server.browse.common import int_param, page_links
from server.context import Context, context
from server.errors import ApiError
from server.html import Markup, esc, page, tag
from server.urls import Urls

MAX_QUERY = 200
KIND_LABELS = {kind: kind for kind, _ in KINDS}


def _marked(snippet: str) -> Markup:
    """The snippet escaped, its matched words in <mark>."""
    return Markup(esc(snippet).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>"))


def _plain(snippet: str) -> str:
    return snippet.replace(MARK[0], "").replace(MARK[1], "")


def _params(request: Request) -> tuple[str, str | None]:
    q = request.query_params.get("q", "")[:MAX_QUERY]
    kind = request.query_params.get("kind") or None
    if kind is not None and kind not in KIND_LABELS:
        raise ApiError(400, f"unknown kind {kind[:40]!r}; one of {', '.join(KIND_LABELS)}")
    return q, kind


def _index(ctx: Context) -> SearchIndex:
    folder = ctx.data.path
    try:
        return SearchIndex(folder)
    except FileNotFoundError as e:
        raise ApiError(404, f"{e.args[0].replace(str(folder), 'this build')}") from None


def _run(
    ctx: Context, q: str, kind: str | None, size: int, offset: int, count: bool = True
) -> tuple[list[Hit], int | None, dict[str, int]]:
    index = _index(ctx)
    try:
        hits, total = index.search(q, kind, size, offset, count=count)
        kinds = index.kinds(q) if count else {}
    finally:
        index.close()
    return hits, total, kinds


async def search_json(request: Request) -> Response:
    """/search.json?q=&kind=&limit=&offset=&count=: ranked hits with their kind; the hits per kind and
    the total unless count=0 (search-as-you-type asks only for the best)."""
    ctx = context(request)
    urls = ctx.urls(request)
    q, kind = _params(request)
    limit = int_param(request, "limit", 10, 1, 100)
    offset = int_param(request, "offset", 0, 0, 10_000)
    count = request.query_params.get("count", "1") != "0"
    hits, total, kinds = await run_in_threadpool(_run, ctx, q, kind, limit, offset, count)
    body = {
        "query": q,
        "kind": kind,
        "total": total,
        "kinds": kinds,
        "hits": [
            {"iri": h.iri, "href": urls.href(h.iri), "kind": h.kind, "label": h.label, "date": h.date,
             "snippet": _plain(h.snippet)}
            for h in hits
        ],
    }  # fmt: skip
    return JSONResponse(body, headers={"Cache-Control": "no-cache"})


def hit_item(urls: Urls, h: Hit) -> Markup:
    href = urls.href(h.iri)
    return tag(
        "li",
        tag("span", h.kind, class_=f"kind kind-{h.kind}"),
        " ",
        tag("a", h.label, href=href) if href else tag("span", h.label),
        tag("span", f" {h.date}", class_="date") if h.date else None,
        tag("div", _marked(h.snippet), class_="snippet") if h.snippet else None,
    )


async def search_page(request: Request) -> Response:
    """/search?q=&kind=&page=: the hits as a page (works without JavaScript)."""
    ctx = context(request)
    urls = ctx.urls(request)
    q, kind = _params(request)
    size = 25
    number = int_param(request, "page", 1, 1, 400)
    hits, counted, kinds = await run_in_threadpool(_run, ctx, q, kind, size, (number - 1) * size)
    total = counted or 0
    path = urls.absolute("search")
    facet_links = [
        tag("li", tag("a", f"{k} ({n})", href=path + "?" + urlencode({"q": q, "kind": k}),
                      aria_current="true" if k == kind else None))
        for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])
    ]  # fmt: skip
    if kind:
        facet_links.insert(0, tag("li", tag("a", "all kinds", href=path + "?" + urlencode({"q": q}))))
    form = tag(
        "form",
        tag("input", type="search", name="q", value=q, aria_label="Search for", autofocus=True),
        tag(
            "select",
            tag("option", "any kind", value=""),
            [tag("option", k, value=k, selected=k == kind) for k in KIND_LABELS],
            name="kind",
            aria_label="kind",
        ),
        tag("button", "Search", type="submit"),
        action=path,
        method="get",
        class_="search-page",
    )
    if not q.strip():
        result: list = [tag("p", "Type a name (a person, a post, a body, a zone) or words from a release.")]
    elif not hits:
        result = [tag("p", f"Nothing matches {q!r}.", class_="note")]
    else:
        result = [
            tag(
                "p",
                f"{total:,} hit{'s' if total != 1 else ''}" + (f" of kind {kind}" if kind else ""),
                class_="note",
            ),
            tag("ol", [hit_item(urls, h) for h in hits], class_="hits", start=str((number - 1) * size + 1)),
            page_links(path, {"q": q, "kind": kind or ""}, number, size, total),
        ]
    title = f"Search: {q}" if q else "Search"
    body = [
        tag("h1", "Search"),
        form,
        tag("ul", facet_links, class_="facets") if facet_links else None,
        *result,
    ]
    return HTMLResponse(page(title, *body, home=urls.absolute("")))
