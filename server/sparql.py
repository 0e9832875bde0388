"""/sparql: the SPARQL 1.1 Protocol's query operation, read-only, bounded, and its service description."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from server.conneg import pick, requested_formats, vary
from server.context import context
from server.descriptions import service_description
from server.errors import ApiError
from server.etags import none_match
from server.formats import BY_KEY, HTML, RDF, RESULTS, Format, of_kind
from server.pages import query_page
from server.params import parse_pairs
from server.sparql_text import REMEMBERED_CHARS, QueryText, read_query
from server.urls import safe_iri

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"

SELECT_FORMATS = of_kind(RESULTS, HTML)
ASK_FORMATS = (BY_KEY["json"], BY_KEY["xml"], BY_KEY["html"])
GRAPH_FORMATS = of_kind(RDF, HTML)
SD_FORMATS = (*of_kind(RDF), BY_KEY["html"])


def _content_type(request: Request) -> tuple[str, str | None]:
    value = request.headers.get("content-type", "")
    media, *params = (p.strip() for p in value.split(";"))
    charset = None
    for p in params:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip('"').lower()
    return media.lower(), charset


def _text(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, f"the {what} is not valid UTF-8") from None


async def _params(request: Request) -> list[tuple[str, str]]:
    """The protocol's parameters from the URL and, for POST, the body."""
    params = parse_pairs(request.scope.get("query_string", b""))
    if request.method != "POST":
        return params
    media, charset = _content_type(request)
    if charset and charset not in ("utf-8", "utf8"):
        raise ApiError(415, f"charset {charset} is not accepted: send UTF-8")
    if media == FORM:
        form = await request.body()
        _text(form, "form body")
        return params + parse_pairs(form)
    if media == QUERY:
        if any(k == "query" for k, _ in params):
            raise ApiError(400, "the query is given both in the body and as query= in the URL")
        return [*params, ("query", _text(await request.body(), "query"))]
    if media == UPDATE:
        raise ApiError(403, READ_ONLY)
    if not media:
        raise ApiError(415, f"a POST needs Content-Type {FORM} or {QUERY}")
    raise ApiError(415, f"Content-Type {media} is not accepted: use {FORM} or {QUERY}")


async def _read(query: str) -> QueryText:
    """`read_query`, in a thread for a long query: reading is linear, but a megabyte still takes
    a good part of a second, which the event loop must not spend."""
    if len(query) <= REMEMBERED_CHARS:
        return read_query(query)
    return await asyncio.to_thread(read_query, query)


async def endpoint(request: Request) -> Response:
    ctx = context(request)
    urls = ctx.urls(request)
    params = await _params(request)
    if any(k in UPDATE_PARAMS for k, _ in params):
        raise ApiError(403, READ_ONLY)
    queries = [v for k, v in params if k == "query"]
    if len(queries) > 1:
        raise ApiError(400, "more than one query= parameter")
    wanted = requested_formats(params)
    if not queries:
        if request.method == "POST":
            raise ApiError(400, "no query= in the request")
        fmt = pick(request, SD_FORMATS, wanted, "the service description")
        if fmt.kind == HTML:
            return HTMLResponse(query_page(ctx, urls, None), headers=vary())
        return Response(service_description(ctx, urls, fmt), media_type=fmt.content_type, headers=vary())
    query = queries[0]
    info = await _read(query)
    if info.form == "UPDATE":
        raise ApiError(403, READ_ONLY)
    if info.unclosed is not None:
        raise ApiError(
            400, f"malformed query: the string opened at {info.unclosed_at(query)} is never closed"
        )
    if info.uses_service:
        raise ApiError(
            400,
            "SERVICE (federated query) is not allowed: this endpoint fetches nothing on a client's behalf"
            " (a name beginning with 'service' outside strings and IRIs reads as SERVICE)",
        )
    default = [v for k, v in params if k == "default-graph-uri"]
    named = [v for k, v in params if k == "named-graph-uri"]
    for iri in default + named:
        if not safe_iri(iri):
            raise ApiError(400, f"not an absolute IRI: {iri!r}")
    candidates: tuple[Format, ...] = {
        "select": SELECT_FORMATS,
        "ask": ASK_FORMATS,
        "graph": GRAPH_FORMATS,
    }.get(info.kind or "", SELECT_FORMATS)
    fmt = pick(request, candidates, wanted, f"{info.form or 'these'} results")
    if fmt.kind == HTML:
        return HTMLResponse(query_page(ctx, urls, query), headers=vary())
    dataset = bool(default or named)
    answer = await ctx.query(
        query,
        fmt.key,
        max_rows=ctx.settings.max_rows,
        timeout=ctx.settings.query_timeout,
        default_graphs=default if dataset else None,
        named_graphs=named if dataset else None,
        union=not (dataset or info.has_dataset),  # FROM in the query chooses its own dataset
        base_iri=urls.here,
        prefixes=info.prefixes,
    )
    headers = vary({"X-SPARQL-Max-Rows": str(ctx.settings.max_rows)})
    if answer.truncated:
        headers["X-SPARQL-Truncated"] = "true"
    elif request.method != "POST":  # a complete answer can be revalidated
        headers["ETag"] = answer.etag
        if none_match(request.headers.get("if-none-match"), answer.etag):
            return Response(status_code=304, headers=headers)
    return Response(answer.body, media_type=BY_KEY[answer.format].content_type, headers=headers)
