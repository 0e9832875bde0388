"""The HTTP connection: request heads bounded in size and time, and responses written in one piece.

httptools (uvicorn's parser) sets no bound on a request's head: a 200 MB header was read whole,
and a client could take forever to send one. `OneWriteHttp` answers 431 once the header fields
pass `max_header_bytes`, 414 once the URL passes `max_url_bytes` (httptools cannot parse a URL of
64 KiB or more at all), and 408 when the head is not complete `header_timeout` seconds after the
connection opened or the previous response was sent; each closes the connection.

uvicorn writes a response's status line and headers, then its body, with two calls on the
transport: two sends, two segments, and on a busy server that costs about as much as answering a
cached query. `OneWriteHttp` is uvicorn's httptools protocol with a transport that gathers what is
written in one turn of the event loop and sends it together at the end of the turn.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

try:
    import httptools
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # without httptools uvicorn uses h11, bounded by its own limit (server.serve)
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

PARSER_URL_LIMIT = 65_535  # httptools.parse_url keeps offsets in 16 bits


@dataclass(frozen=True)
class HeadLimits:
    max_header_bytes: int = 16 << 10
    max_url_bytes: int = PARSER_URL_LIMIT
    header_timeout: float = 10.0


LIMITS = HeadLimits()  # set by `configure` in each server process before it serves


def configure(max_header_bytes: int, max_url_bytes: int, header_timeout: float) -> None:
    """The bounds of request heads in this process."""
    global LIMITS
    LIMITS = HeadLimits(max_header_bytes, min(max_url_bytes, PARSER_URL_LIMIT), header_timeout)


def refusal(status: int, reason: str, detail: str) -> bytes:
    """A whole response that closes the connection, for a request refused before it is parsed."""
    body = f"{status} {reason}: {detail}\n".encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\nx-content-type-options: nosniff\r\n\r\n"
    ).encode("latin-1") + body


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
        """uvicorn's httptools protocol over `GatheredWrites`, with request heads bounded (`LIMITS`)."""

        _head_bytes = 0  # bytes of the current request's head received so far
        _url_bytes = 0
        _in_head = True  # until the current request's head is complete
        _refused: bytes | None = None
        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(GatheredWrites(transport, asyncio.get_running_loop()))  # type: ignore[arg-type]
            self._start_head_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_head_timer()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._refused is not None:
                return
            self._unset_keepalive_if_required()
            if self._in_head:
                self._head_bytes += len(data)
            try:
                self.parser.feed_data(data)
            except httptools.HttpParserError:
                if self._refused is None:
                    super().send_400_response("Invalid HTTP request received.")
                    return
            except httptools.HttpParserUpgrade:  # as uvicorn does
                if self._should_upgrade():
                    self.handle_websocket_upgrade()
                else:
                    self._unsupported_upgrade_warning()
                return
            too_long = self._in_head and self._head_bytes - self._url_bytes > LIMITS.max_header_bytes
            if self._refused is None and too_long:
                self._refuse(431, "Request Header Fields Too Large",
                             f"the request's header fields are larger than {LIMITS.max_header_bytes} bytes")  # fmt: skip
            if self._refused is not None:
                self.transport.write(self._refused)
                self.transport.close()

        def _refuse(self, status: int, reason: str, detail: str) -> None:
            self._refused = refusal(status, reason, detail)
            self._stop_head_timer()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._in_head = True
            self._url_bytes = 0
            if self._head_timer is None:
                self._start_head_timer()

        def on_url(self, url: bytes) -> None:
            self._url_bytes += len(url)
            if self._url_bytes > LIMITS.max_url_bytes:
                self._refuse(414, "URI Too Long",
                             f"the URL is longer than {LIMITS.max_url_bytes} bytes; POST the query")  # fmt: skip
                raise ValueError("URL too long")  # stops the parser
            super().on_url(url)

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._head_bytes = 0
            self._stop_head_timer()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._in_head = True
            if not self.transport.is_closing():  # the next request's head is timed from here
                self._start_head_timer()

        def _start_head_timer(self) -> None:
            self._stop_head_timer()
            self._head_timer = self.loop.call_later(LIMITS.header_timeout, self._head_timed_out)

        def _stop_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or (self.cycle is not None and not self.cycle.response_complete):
                return
            detail = f"the request's head was not received within {LIMITS.header_timeout:g} s"
            self.transport.write(refusal(408, "Request Timeout", detail))
            self.transport.close()


def http_protocol() -> type[asyncio.Protocol] | str:
    """The protocol for `uvicorn.run(http=...)`: uvicorn's own ("auto") without httptools."""
    return OneWriteHttp if HttpToolsProtocol is not None else "auto"
