"""The dataset's own pages: the landing page, the VoID description, and the dumps (streamed from disk)."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from server.browse.landing import landing_sections
from server.conneg import pick, requested_formats, vary
from server.context import context
from server.data import Dump
from server.descriptions import stats, void_description
from server.errors import ApiError
from server.etags import none_match
from server.formats import BY_KEY, by_suffix
from server.pages import landing_page

VOID_FORMATS = tuple(BY_KEY[k] for k in ("turtle", "jsonld", "ntriples", "rdfxml"))


async def home(request: Request) -> Response:
    ctx = context(request)
    query = request.query_params.get("query")
    urls = ctx.urls(request)
    return HTMLResponse(landing_page(ctx, urls, query, await landing_sections(ctx, urls)))


async def void(request: Request) -> Response:
    """/.well-known/void (by negotiation) and /.well-known/void.{ttl,jsonld,nt,rdf}."""
    ctx = context(request)
    urls = ctx.urls(request)
    ext = request.path_params.get("ext")
    headers: dict[str, str] = {}
    if ext is not None:
        fmt = by_suffix("." + ext, VOID_FORMATS)
        if fmt is None:
            raise ApiError(404, f"VoID is not served as .{ext}")
    else:
        fmt = pick(request, VOID_FORMATS, requested_formats(list(request.query_params.multi_items())), "VoID")
        headers = vary()
    links = [f'<{urls.absolute(".well-known/void" + (f.suffix or ""))}>; rel="alternate"; type="{f.media_type}"'
             for f in VOID_FORMATS]  # fmt: skip
    headers["Link"] = ", ".join(links)
    body = void_description(ctx, urls, await stats(ctx), fmt)
    return Response(body, media_type=fmt.content_type, headers=headers)


def _not_modified(request: Request, dump: Dump) -> bool:
    """Conditional GET: If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)."""
    inm = request.headers.get("if-none-match")
    if inm is not None:
        return none_match(inm, dump.etag)
    ims = request.headers.get("if-modified-since")
    if ims:
        try:
            return int(dump.mtime) <= parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
    return False


async def dump_file(request: Request) -> Response:
    """/dumps/{name}: a gzip dump as a download (application/gzip, not Content-Encoding), or SHA256SUMS."""
    ctx = context(request)
    name = request.path_params["name"]
    dump = ctx.data.dumps.get(name)
    if dump is None:
        raise ApiError(404, f"no dump named {name!r}; see {ctx.urls(request).absolute('#dumps')}")
    headers = {
        "ETag": dump.etag,
        "Last-Modified": dump.last_modified,
        "Cache-Control": "public, max-age=3600",
    }
    if _not_modified(request, dump):
        return Response(status_code=304, headers=headers)
    if dump.format is not None:
        headers["Content-Disposition"] = f'attachment; filename="{dump.name}"'
    return FileResponse(dump.path, media_type=dump.media_type, headers=headers, stat_result=None)
