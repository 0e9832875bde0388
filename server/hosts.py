"""The Host header, trusted only when the deployer said so.

Absolute URLs (redirects, links in pages, VoID, the service description) start with `--public-url`
when it is set; otherwise with the request's Host, which the client writes. A Host outside the
allowed hosts (`Settings.trusted_hosts`) is replaced, before any route sees the request, by the
address the connection was accepted on, so no part of the application (Starlette's own slash
redirects included) can write a client's host name into an answer.
"""

from __future__ import annotations

import re

from starlette.types import Scope

# host, IPv4 or [IPv6], with an optional port: nothing else may reach a URL
_HOST = re.compile(
    rb"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?"
)


def served_host(scope: Scope) -> bytes:
    """The address the connection was accepted on, as a Host value ("127.0.0.1:8000")."""
    server = scope.get("server")
    if not server:
        return b"localhost"
    host, port = server[0], server[1] if len(server) > 1 else None
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scope.get("scheme", "http"))
    return (host if port in (None, default) else f"{host}:{port}").encode("latin-1")


def trust_host(scope: Scope, trusted: frozenset[str] | None) -> None:
    """Replace the scope's Host header by the served address unless it is well formed and trusted
    (`trusted` None: any well-formed host)."""
    headers = scope["headers"]
    for i, (name, value) in enumerate(headers):
        if name == b"host":
            if _HOST.fullmatch(value) and (trusted is None or value.decode("latin-1").lower() in trusted):
                return
            headers[i] = (b"host", served_host(scope))
            return
