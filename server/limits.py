"""Request size limits, as ASGI middleware: 414 for a long URL, 413 for a large body (declared or sent)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import ApiError, error_response


class SizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        if len(scope.get("query_string", b"")) + len(scope.get("raw_path") or b"") > limit:
            await self._refuse(
                scope, receive, send, 414, f"the URL is longer than {limit} bytes; POST the query"
            )
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, 413, f"the request body is larger than {limit} bytes")
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:  # answered by the app's error handler
                    raise ApiError(
                        413, f"the request body is larger than {limit} bytes", {"Connection": "close"}
                    )
            return message

        await self.app(scope, counted, send)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
        response = error_response(Request(scope), status, detail, {"Connection": "close"})
        await response(scope, receive, send)
