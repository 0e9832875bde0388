"""Entity tags of answers, and conditional requests: whether a client's `If-None-Match` names the
entity tag of what it would get. (Imported by the query workers too: the standard library only.)"""

from __future__ import annotations

import hashlib


def entity_tag(fmt: str, body: bytes) -> str:
    """A strong entity tag of `body` written in the format `fmt`."""
    return '"' + hashlib.blake2b(fmt.encode() + b"\n" + body, digest_size=16).hexdigest() + '"'


def none_match(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` lists `etag` (weak comparison, RFC 9110 13.1.2) or is `*`: the
    client has the current representation, and gets 304 instead of it."""
    if header is None:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag.removeprefix("W/") in tags
