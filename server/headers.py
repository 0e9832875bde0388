"""Headers every response carries: `X-Content-Type-Options: nosniff` on all, and on HTML pages a
Content-Security-Policy that lets a page load only this server's own script, style and data."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import Message, Send

NOSNIFF = (b"x-content-type-options", b"nosniff")


def content_security_policy(public_url: str | None = None) -> bytes:
    """The policy of the HTML pages: own script and style only (no inline code), queries sent only
    to this server (and to the public URL's origin, when set), never framed."""
    own = "'self'"
    if public_url:
        parts = urlsplit(public_url)
        own += f" {parts.scheme}://{parts.netloc}"
    return (
        f"default-src 'none'; script-src {own}; style-src {own}; img-src {own} data:; connect-src {own};"
        f" form-action {own}; base-uri 'none'; frame-ancestors 'none'"
    ).encode("latin-1")


def secured(send: Send, policy: bytes) -> Send:
    """`send`, adding nosniff to every response and the policy to HTML ones."""

    async def send_secured(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", ()))
            headers.append(NOSNIFF)
            if any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                headers.append((b"content-security-policy", policy))
            message = {**message, "headers": headers}
        await send(message)

    return send_secured
