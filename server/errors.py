"""The one error shape of every route: status, title and detail, as problem JSON (RFC 9457), plain text
or an HTML page, by content negotiation."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response

from server.formats import HTML, Format, negotiate, parse_accept
from server.html import page, tag
from server.pool import PoolError

log = logging.getLogger("server")

TEXT = Format("text", HTML, "text", "text/plain")
PROBLEM = Format("problem", HTML, "problem JSON", "application/problem+json", ("application/json",))
PAGE = Format("page", HTML, "HTML", "text/html", ("application/xhtml+xml",))
ERROR_FORMATS = (TEXT, PROBLEM, PAGE)


class ApiError(Exception):
    """Raise to answer with an error: `ApiError(406, "no format fits")`."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def title_of(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def error_format(accept: str | None) -> Format:
    """Problem JSON for clients that take any JSON, a page for browsers, plain text otherwise."""
    chosen = negotiate(accept, ERROR_FORMATS)
    if chosen is not PAGE and any(r.subtype.endswith("json") and r.q > 0 for r in parse_accept(accept)):
        return PROBLEM
    return chosen or TEXT


def error_response(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    fmt = error_format(request.headers.get("accept"))
    title = title_of(status)
    if fmt is PROBLEM:
        body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
    elif fmt is PAGE:
        ctx = getattr(getattr(request.scope.get("app"), "state", None), "ctx", None)
        home = ctx.urls(request).absolute("") if ctx else str(request.base_url)
        body = page(
            f"{status} {title}", tag("h1", f"{status} {title}"), tag("p", detail, class_="error"), home=home
        )
    else:
        body = f"{status} {title}: {detail}\n"
    content_type = "text/html; charset=utf-8" if fmt is PAGE else f"{fmt.media_type}; charset=utf-8"
    out = Response(body, status_code=status, headers=headers, media_type=None)
    out.headers["content-type"] = content_type
    out.headers["vary"] = "Accept"
    return out


async def handle(request: Request, exc: Exception) -> Response:
    """The exception handler of the app (registered for every kind of exception)."""
    if isinstance(exc, ApiError):
        return error_response(request, exc.status, exc.detail, exc.headers)
    if isinstance(exc, PoolError):
        return error_response(request, exc.status, exc.message, exc.headers)
    if isinstance(exc, StarletteHTTPException):
        detail = (
            exc.detail
            if exc.detail != title_of(exc.status_code)
            else _default_detail(request, exc.status_code)
        )
        return error_response(request, exc.status_code, detail, dict(exc.headers or {}))
    if isinstance(exc, RequestValidationError):
        return error_response(request, 400, "; ".join(str(e.get("msg")) for e in exc.errors()))
    log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal error; the server log has the details")


def _default_detail(request: Request, status: int) -> str:
    if status == 404:
        return f"nothing is served at {request.url.path}"
    if status == 405:
        return f"{request.method} does not apply to {request.url.path}"
    return title_of(status)
