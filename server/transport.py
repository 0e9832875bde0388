"""Responses written to the socket in one piece.

uvicorn writes a response's status line and headers, then its body, with two calls on the
transport: two sends, two segments, and on a busy server that costs about as much as answering a
cached query. `OneWriteHttp` is uvicorn's httptools protocol with a transport that gathers what is
written in one turn of the event loop and sends it together at the end of the turn.
"""

from __future__ import annotations

import asyncio
from typing import Any

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # without httptools uvicorn uses h11, which this does not change
    HttpToolsProtocol = None  # type: ignore[assignment,misc]


JOIN_BELOW = 64 * 1024  # smaller writes are joined into one buffer, larger ones passed as they are


class GatheredWrites:
    """A transport whose writes in one turn of the event loop go out as one (everything else is the
    transport's own)."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self._send)
        self._pending.append(data)

    def _send(self) -> None:
        pending, self._pending = self._pending, []
        if not pending or self._transport.is_closing():
            return
        if len(pending) > 1 and sum(map(len, pending)) > JOIN_BELOW:
            self._transport.writelines(pending)  # a large body is not copied to join it
        else:
            self._transport.write(b"".join(pending))

    def writelines(self, data: Any) -> None:
        for chunk in data:
            self.write(chunk)

    def write_eof(self) -> None:
        self._send()
        self._transport.write_eof()

    def close(self) -> None:
        self._send()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


if HttpToolsProtocol is not None:

    class OneWriteHttp(HttpToolsProtocol):
        """uvicorn's httptools protocol over `GatheredWrites`."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(GatheredWrites(transport, asyncio.get_running_loop()))  # type: ignore[arg-type]


def http_protocol() -> type[asyncio.Protocol] | str:
    """The protocol for `uvicorn.run(http=...)`: uvicorn's own ("auto") without httptools."""
    return OneWriteHttp if HttpToolsProtocol is not None else "auto"
