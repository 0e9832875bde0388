"""CORS for reads from any origin without credentials: the middleware's settings, and the same
headers for the direct /sparql path (server.sparql_direct), which the middleware does not see."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import Scope

EXPOSED_HEADERS = (
    "X-SPARQL-Truncated",
    "X-SPARQL-Max-Rows",
    "Link",
    "Content-Location",
    "ETag",
    "Last-Modified",
)
SIMPLE_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": ", ".join(EXPOSED_HEADERS),
}
SIMPLE_RAW = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SIMPLE_HEADERS.items()]


def middleware() -> Middleware:
    """Starlette's CORS middleware, for every route but the direct path."""
    return Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        allow_credentials=False,
        expose_headers=list(EXPOSED_HEADERS),
        max_age=86400,
    )


def add_simple_headers(scope: Scope, response: Response) -> None:
    """What CORSMiddleware adds to the response to a simple (not preflight) request: the headers for
    a request with an Origin, and "Origin" in Vary for any (on the raw list: this runs per request)."""
    raw = response.raw_headers
    vary = [v for k, v in raw if k == b"vary"]
    raw[:] = [(k, v) for k, v in raw if k != b"vary"]
    if any(name == b"origin" for name, _ in scope["headers"]):
        raw += SIMPLE_RAW
    raw.append((b"vary", b", ".join([*vary, b"Origin"])))
