"""The one URL builder: absolute URLs on the serving host, and data IRIs <-> local paths.

The request's host decides absolute URLs (so links work behind any host name) unless a public URL is
configured. Data IRIs under the configured base are served at /id/..., the ontology at /ontology.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote_to_bytes

from starlette.requests import Request

from kg.iris import ONTOLOGY

# What may stand between < and > in a SPARQL IRIREF (no spaces, quotes, braces ...).
_IRIREF = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._~!$&'()*+,;=:@%-]*")
_PCT_UTF8 = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def safe_iri(iri: str) -> bool:
    """Whether the IRI can be written inside <...> in a query (so a path cannot inject SPARQL)."""
    return bool(iri) and _IRIREF.fullmatch(iri) is not None and ":" in iri


def linkable(iri: str) -> bool:
    """Only http(s) IRIs become links (never javascript: or data:)."""
    return iri.startswith(("http://", "https://"))


def _iri_from_path(path: str) -> str:
    """URI -> IRI (RFC 3987 3.2): decode %XX that spell non-ASCII UTF-8, keep ASCII escapes."""

    def decode(m: re.Match[str]) -> str:
        try:
            return unquote_to_bytes(m.group()).decode("utf-8")
        except UnicodeDecodeError:
            return m.group()

    return _PCT_UTF8.sub(decode, path)


_ROOTS: dict[tuple[Any, ...], str] = {}  # the request's base URL by what decides it (a few hosts)


def _base_url(request: Request) -> str:
    """str(request.base_url), remembered: Starlette builds it anew for every request."""
    scope = request.scope
    host = next((v for k, v in scope["headers"] if k == b"host"), None)
    key = (
        scope.get("scheme"),
        tuple(scope.get("server") or ()),
        host,
        scope.get("root_path"),
        scope.get("app_root_path"),
    )
    root = _ROOTS.get(key)
    if root is None:
        if len(_ROOTS) >= 64:  # the Host header is the client's: keep a few
            _ROOTS.clear()
        root = _ROOTS[key] = str(request.base_url)
    return root


class Urls:
    """Absolute URLs for one request."""

    def __init__(self, request: Request, base_iri: str, public_url: str | None = None) -> None:
        self.base_iri = base_iri
        if public_url:
            self.root = public_url.rstrip("/") + "/"
        else:
            self.root = _base_url(request)  # scheme://host[:port]/root_path/
        self.request = request

    def absolute(self, path: str) -> str:
        """ "/sparql" -> "http://host/sparql"."""
        return self.root + path.lstrip("/")

    @property
    def here(self) -> str:
        """The request's own URL on the public host, without the query string."""
        path = self.request.scope["path"]
        if not _PLAIN_PATH.fullmatch(path):  # what Starlette's URL would escape or drop
            path = self.request.url.path
        return self.absolute(path)

    def href(self, iri: str) -> str | None:
        """Where to link an IRI: local for data and ontology IRIs, itself for other http(s) IRIs."""
        if iri.startswith(self.base_iri):
            return self.absolute("id/" + _uri(iri[len(self.base_iri) :]))
        if iri == ONTOLOGY or iri.startswith(ONTOLOGY + "#"):
            return self.absolute("ontology" + _uri(iri[len(ONTOLOGY) :]))
        return iri if linkable(iri) else None

    def iri_of(self, raw_path: str) -> str:
        """The data IRI a path under /id/ or /doc/ stands for (raw_path as sent, still %-encoded)."""
        return self.base_iri + _iri_from_path(raw_path)

    def doc(self, rest: str, suffix: str = "") -> str:
        return self.absolute("doc/" + rest + suffix)


def _uri(part: str) -> str:
    return quote(part, safe="/:@!$&'()*+,;=-._~%#?")


def raw_subpath(request: Request, prefix: str) -> str:
    """The request path after `prefix` ("/id/"), exactly as the client encoded it."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    path = raw.decode("latin-1").split("?", 1)[0]
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    return path[len(prefix) :] if path.startswith(prefix) else ""
