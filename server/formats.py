"""The one registry of formats: it drives content negotiation, `format=` short names and file suffixes."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

RESULTS = "results"  # SELECT / ASK results
RDF = "rdf"  # graphs: CONSTRUCT / DESCRIBE results, documents
HTML = "html"


@dataclass(frozen=True)
class Format:
    key: str  # the registry key, also the worker's name for it
    kind: str  # RESULTS, RDF or HTML
    label: str
    media_type: str  # what the response says
    aliases: tuple[str, ...] = ()  # other media types that select it in Accept or format=
    names: tuple[str, ...] = ()  # short names for format= / output=
    suffix: str | None = None  # file suffix of documents in this format (".ttl")
    iri: str | None = None  # the W3C format IRI (http://www.w3.org/ns/formats/)
    datasets: bool = False  # keeps named graphs

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.key in ("json", "jsonld")
        return f"{self.media_type}; charset=utf-8" if text else self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


W3 = "http://www.w3.org/ns/formats/"

# Order matters: the first format of a kind is the default, and earlier ones win ties.
FORMATS: tuple[Format, ...] = (
    Format("json", RESULTS, "SPARQL JSON", "application/sparql-results+json", ("application/json",),
           ("json", "srj", "sparql-results+json"), ".srj", W3 + "SPARQL_Results_JSON"),
    Format("xml", RESULTS, "SPARQL XML", "application/sparql-results+xml", ("application/xml", "text/xml"),
           ("xml", "srx", "sparql-results+xml"), ".srx", W3 + "SPARQL_Results_XML"),
    Format("csv", RESULTS, "CSV", "text/csv", (), ("csv",), ".csv", W3 + "SPARQL_Results_CSV"),
    Format("tsv", RESULTS, "TSV", "text/tab-separated-values", (), ("tsv",), ".tsv", W3 + "SPARQL_Results_TSV"),
    Format("turtle", RDF, "Turtle", "text/turtle", ("application/x-turtle",), ("turtle", "ttl"), ".ttl",
           W3 + "Turtle"),
    Format("ntriples", RDF, "N-Triples", "application/n-triples", ("text/plain",),
           ("nt", "ntriples", "n-triples"), ".nt", W3 + "N-Triples"),
    Format("jsonld", RDF, "JSON-LD", "application/ld+json", ("application/json",),
           ("jsonld", "json-ld", "json"), ".jsonld", W3 + "JSON-LD", datasets=True),
    Format("rdfxml", RDF, "RDF/XML", "application/rdf+xml", ("application/xml", "text/xml"),
           ("rdfxml", "rdf", "rdf+xml", "rdf/xml", "xml"), ".rdf", W3 + "RDF_XML"),
    Format("trig", RDF, "TriG", "application/trig", (), ("trig",), ".trig", W3 + "TriG", datasets=True),
    Format("nquads", RDF, "N-Quads", "application/n-quads", (), ("nq", "nquads", "n-quads"), ".nq",
           W3 + "N-Quads", datasets=True),
    Format("n3", RDF, "N3", "text/n3", ("text/rdf+n3",), ("n3",), ".n3", W3 + "N3"),
    Format("html", HTML, "HTML", "text/html", ("application/xhtml+xml",), ("html",), ".html"),
)  # fmt: skip

BY_KEY = {f.key: f for f in FORMATS}


def of_kind(*kinds: str) -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.kind in kinds)


def by_suffix(suffix: str, candidates: Iterable[Format] = FORMATS) -> Format | None:
    """ ".ttl" -> Turtle, among the candidates."""
    return next((f for f in candidates if f.suffix == suffix.lower()), None)


def by_name(name: str, candidates: Iterable[Format]) -> Format | None:
    """A `format=` value: a short name ("json", "ttl") or a media type, among the candidates."""
    name = name.strip().lower()
    if not name:
        return None
    if "/" in name:
        name = name.split(";")[0].strip()
        return next((f for f in candidates if name in f.media_types), None)
    return next((f for f in candidates if name in f.names), None)


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    position: int

    def specificity(self, media_type: str) -> int:
        """3 for an exact match, 2 for type/*, 1 for */*, 0 when the range does not match."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == t and self.subtype == s:
            return 3
        return 0


MAX_RANGES = 64  # an Accept header's ranges read (browsers send under 10; each costs per format)


def parse_accept(header: str | None) -> list[_Range]:
    """The media ranges of an Accept header with their q-values (malformed parts are skipped), the
    first `MAX_RANGES` of them: the work of choosing a format must not grow with the header."""
    ranges = []
    for i, part in enumerate((header or "").split(",", MAX_RANGES)[:MAX_RANGES]):
        fields = [p.strip() for p in part.split(";")]
        media = fields[0].lower()
        if media == "*":
            media = "*/*"
        t, slash, s = media.partition("/")
        if not slash or not t or not s:
            continue
        q = 1.0
        for param in fields[1:]:
            k, _, v = param.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = min(max(float(v.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(_Range(t, s, q, i))
    return ranges


def negotiate(accept: str | None, candidates: Sequence[Format]) -> Format | None:
    """The candidate the client prefers, or None when it accepts none of them (406).

    The answers for the Accept headers seen most recently are remembered (see `_choose`).
    """
    if isinstance(candidates, tuple) and (accept is None or len(accept) <= 512):
        return _remembered(accept, candidates)
    return _choose(accept, candidates)


@functools.lru_cache(maxsize=256)
def _remembered(accept: str | None, candidates: tuple[Format, ...]) -> Format | None:
    return _choose(accept, candidates)


def _choose(accept: str | None, candidates: Sequence[Format]) -> Format | None:
    """The candidate the client prefers, or None when it accepts none of them.

    Each media type takes the q of the most specific range that matches it; the best q wins, then
    an explicit mention over a wildcard, then a format's own media type over an alias of it, then
    the client's order, then the order of `candidates`.
    No Accept header (or an empty one) accepts anything.
    """
    if not candidates:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return candidates[0]
    best: tuple[float, int, bool, int, int] | None = None
    chosen = None
    for order, fmt in enumerate(candidates):
        for media in fmt.media_types:
            matched = None
            for r in ranges:
                spec = r.specificity(media)
                if spec and (matched is None or spec > matched[0]):
                    matched = (spec, r)
            if matched is None or matched[1].q <= 0:
                continue
            spec, r = matched
            key = (r.q, spec, media == fmt.media_type, -r.position, -order)
            if best is None or key > best:
                best, chosen = key, fmt
    return chosen


def accepts(accept: str | None, media_type: str) -> bool:
    """Whether the client would take this media type at all."""
    return negotiate(accept, (Format("x", HTML, "", media_type),)) is not None
