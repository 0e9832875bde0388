"""Linked data: /id/... answers 303 to a document chosen by Accept; /doc/...{.ttl,.jsonld,.nt,.rdf,.html}
are the documents; /ontology is the ontology in RDF and as HTML documentation."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kg.iris import ONTOLOGY
from server.browse.entity import entity_page
from server.conneg import pick, requested_formats, vary
from server.context import Context, context
from server.describe import TERM_PREFIXES, document_query, exists_query
from server.errors import ApiError
from server.formats import BY_KEY, HTML, Format, by_suffix
from server.pages import ontology_page
from server.urls import raw_subpath, safe_iri

DOC_FORMATS: tuple[Format, ...] = tuple(BY_KEY[k] for k in ("html", "turtle", "jsonld", "ntriples", "rdfxml"))
ONTOLOGY_FORMATS = (*DOC_FORMATS, BY_KEY["n3"])


def _alternates(formats: tuple[Format, ...], url_of: Callable[[Format], str]) -> list[tuple[Format, str]]:
    return [(f, url_of(f)) for f in formats]


def _link_header(alternates: list[tuple[Format, str]]) -> str:
    return ", ".join(f'<{url}>; rel="alternate"; type="{f.media_type}"' for f, url in alternates)


async def _known(ctx: Context, iri: str) -> None:
    if not safe_iri(iri) or not await ctx.ask(exists_query(iri)):
        raise ApiError(404, f"nothing is known about {iri}")


def _split_suffix(rest: str, formats: tuple[Format, ...]) -> tuple[str, Format | None]:
    dot = rest.rfind(".")
    if dot > rest.rfind("/"):
        fmt = by_suffix(rest[dot:], formats)
        if fmt is not None:
            return rest[:dot], fmt
    return rest, None


async def resource(request: Request) -> Response:
    """/id/{path}: 303 See Other to the document in the format the client prefers."""
    ctx = context(request)
    urls = ctx.urls(request)
    rest = raw_subpath(request, "/id/")
    iri = urls.iri_of(rest)
    await _known(ctx, iri)
    fmt = pick(
        request, DOC_FORMATS, requested_formats(list(request.query_params.multi_items())), "a resource"
    )
    alternates = _alternates(DOC_FORMATS, lambda f: urls.doc(rest, f.suffix or ""))
    headers = vary({"Link": _link_header(alternates)})
    return RedirectResponse(urls.doc(rest, fmt.suffix or ""), status_code=303, headers=headers)


async def document(request: Request) -> Response:
    """/doc/{path}[.suffix]: the description of {base}{path}; without a suffix, by negotiation."""
    ctx = context(request)
    urls = ctx.urls(request)
    rest, fmt = _split_suffix(raw_subpath(request, "/doc/"), DOC_FORMATS)
    iri = urls.iri_of(rest)
    await _known(ctx, iri)
    headers = {}
    if fmt is None:
        fmt = pick(
            request, DOC_FORMATS, requested_formats(list(request.query_params.multi_items())), "a resource"
        )
        headers = vary({"Content-Location": urls.doc(rest, fmt.suffix or "")})
    alternates = _alternates(DOC_FORMATS, lambda f: urls.doc(rest, f.suffix or ""))
    headers["Link"] = _link_header(alternates) + f', <{urls.absolute("id/" + rest)}>; rel="about"'
    if fmt.kind == HTML:
        return HTMLResponse(await entity_page(ctx, urls, iri, alternates), headers=headers)
    answer = await ctx.query(document_query(iri), fmt.key, prefixes=_prefixes(ctx))
    return Response(answer.body, media_type=fmt.content_type, headers=headers)


def _prefixes(ctx: Context) -> dict[str, str]:
    return dict(TERM_PREFIXES)


async def ontology(request: Request) -> Response:
    """/ontology and /ontology.{ext}: the ontology graph as RDF or as HTML documentation."""
    ctx = context(request)
    urls = ctx.urls(request)
    ext = request.path_params.get("ext")
    headers: dict[str, str] = {}
    if ext is not None:
        fmt = by_suffix("." + ext, ONTOLOGY_FORMATS)
        if fmt is None:
            raise ApiError(404, f"the ontology is not served as .{ext}")
    else:
        fmt = pick(
            request,
            ONTOLOGY_FORMATS,
            requested_formats(list(request.query_params.multi_items())),
            "the ontology",
        )
        headers = vary({"Content-Location": urls.absolute("ontology" + (fmt.suffix or ""))})
    alternates = _alternates(ONTOLOGY_FORMATS, lambda f: urls.absolute("ontology" + (f.suffix or "")))
    headers["Link"] = _link_header(alternates)
    if fmt.kind == HTML:
        rows = await ctx.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}")
        if not rows:
            raise ApiError(404, "this build has no ontology graph")
        return HTMLResponse(ontology_page(urls, rows, alternates), headers=headers)
    answer = await ctx.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}",
        fmt.key,
        prefixes=_prefixes(ctx),
    )
    if answer.rows == 0:
        raise ApiError(404, "this build has no ontology graph")
    return Response(answer.body, media_type=fmt.content_type, headers=headers)
