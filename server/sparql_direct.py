"""GET, HEAD and POST /sparql straight from the ASGI server to the endpoint.

The framework's middleware stack (error handling, CORS, size limits, routing) costs about as much
per request as answering a cached query, so these requests skip it and get the same protections
here: the size limits (server.limits), the CORS headers (server.cors) and the one error shape
(server.errors.handle). Everything else goes through the application as usual.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from server import cors, limits, sparql
from server.context import Context
from server.errors import error_response, handle

PATHS = ("/sparql", "/sparql/")
METHODS = ("GET", "HEAD", "POST")


def takes(scope: Scope) -> bool:
    """Whether this request is one for the direct path."""
    if scope["type"] != "http" or scope["method"] not in METHODS:
        return False
    path, root = scope["path"], scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path in PATHS


async def serve(ctx: Context, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer one request for /sparql (the scope's "app" is the application, as Starlette sets it)."""
    limit = ctx.settings.max_request_bytes
    request = Request(scope, limits.counted(receive, limit))
    refused = limits.refusal(scope, limit)
    if refused is not None:
        response = error_response(request, *refused, limits.CLOSE)
    else:
        try:
            response = await sparql.endpoint(request)
        except Exception as exc:  # every error gets the one error shape
            response = await handle(request, exc)
    cors.add_simple_headers(scope, response)
    await response(scope, receive, send)
