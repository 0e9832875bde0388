"""The protocol's parameters from a URL query string or a form body (`application/x-www-form-urlencoded`).

The same pairs as `urllib.parse.parse_qsl(..., keep_blank_values=True)` gives, decoded as UTF-8 (an
invalid sequence becomes U+FFFD), but %XX escapes are decoded in C: a query is mostly escapes, and
urllib decodes them one by one in Python.
"""

from __future__ import annotations

import codecs
from urllib.parse import unquote_to_bytes


def parse_pairs(raw: bytes) -> list[tuple[str, str]]:
    """`a=1&b=%20x` -> [("a", "1"), ("b", " x")]; a part without "=" is a name with an empty value."""
    pairs = []
    for part in raw.split(b"&"):
        if part:
            name, _, value = part.partition(b"=")
            pairs.append((unquote_plus(name), unquote_plus(value)))
    return pairs


def unquote_plus(raw: bytes) -> str:
    """Form decoding of one name or value: "+" is a space, %XX a byte, the bytes UTF-8."""
    data = raw.replace(b"+", b" ")
    if b"%" in data:
        # %XX -> \xXX, with any backslash already there doubled, decoded by the C escape decoder;
        # a malformed escape (urllib keeps it as it is) takes urllib's way
        try:
            data = codecs.escape_decode(data.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
        except ValueError:
            data = unquote_to_bytes(data)
    return data.decode("utf-8", "replace")
