"""Request size limits: 414 for a long URL, 413 for a large body (declared or sent). `SizeLimit` applies
them as ASGI middleware; the direct /sparql path (server.sparql_direct) uses the same two checks."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import ApiError, error_response

CLOSE = {"Connection": "close"}


def refusal(scope: Scope, limit: int) -> tuple[int, str] | None:
    """(status, detail) when the URL or the declared body is larger than `limit` bytes."""
    if len(scope.get("query_string", b"")) + len(scope.get("raw_path") or b"") > limit:
        return 414, f"the URL is longer than {limit} bytes; POST the query"
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit() and int(value) > limit:
            return 413, f"the request body is larger than {limit} bytes"
    return None


def counted(receive: Receive, limit: int) -> Receive:
    """`receive`, raising ApiError(413) once the body sent passes `limit` bytes."""
    seen = 0

    async def receive_counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:  # answered by the app's error handler
                raise ApiError(413, f"the request body is larger than {limit} bytes", CLOSE)
        return message

    return receive_counted


class SizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = refusal(scope, self.max_bytes)
        if refused is not None:
            response = error_response(Request(scope), *refused, CLOSE)
            await response(scope, receive, send)
            return
        await self.app(scope, counted(receive, self.max_bytes), send)
