"""The one place that knows the IRI patterns of the graph (used by emit and by the server)."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from urllib.parse import quote

DEFAULT_BASE = "https://w3id.org/hkpr/id/"
ONTOLOGY = "https://w3id.org/hkpr/ontology"
HKPR = ONTOLOGY + "#"

ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OA = "http://www.w3.org/ns/oa#"
VOID = "http://rdfs.org/ns/void#"

PREFIXES: dict[str, str] = {
    "hkpr": HKPR,
    "org": ORG,
    "schema": SCHEMA,
    "foaf": FOAF,
    "prov": PROV,
    "dct": DCT,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}

# Kinds of minted IRIs: the first path segment under the base.
KINDS = (
    "release",
    "person",
    "post",
    "org",
    "body",
    "zone",
    "place",
    "meeting",
    "tenure",
    "incumbency",
    "derivation",
    "graph",
)


_APOSTROPHES = re.compile(r"['\u2019`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Secretary for Innovation, ..." -> "secretary-for-innovation-...".

    "&" reads as "and", apostrophes vanish ("People's" -> "peoples"), accents are dropped.
    """
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    t = t.replace("&", " and ")
    t = _APOSTROPHES.sub("", t)
    t = _NON_WORD.sub("-", t).strip("-")
    return t or "unnamed"


@functools.lru_cache(maxsize=1024)
def _quoted_id(release_id: str) -> str:
    """A release number as it is written in IRIs (a release's graph and its tenures use it)."""
    return quote(release_id, safe=":/")


class Iris:
    """Mints the IRIs of one graph from its base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {base!r}")
        self.base = base

    def release(self, release_id: str) -> str:
        return f"{self.base}release/{_quoted_id(release_id)}"

    def person(self, name: str) -> str:
        return f"{self.base}person/{slug(name)}"

    def post(self, name: str) -> str:
        return f"{self.base}post/{slug(name)}"

    def org(self, name: str) -> str:
        return f"{self.base}org/{slug(name)}"

    def body(self, name: str) -> str:
        return f"{self.base}body/{slug(name)}"

    def zone(self, name: str) -> str:
        return f"{self.base}zone/{slug(name)}"

    def place(self, name: str) -> str:
        return f"{self.base}place/{slug(name)}"

    def meeting(
        self,
        body_name: str,
        ordinal: int | None,
        day: date | None,
        release_id: str,
        restarts: bool = False,
        term: int | None = None,
    ) -> str:
        """`{base}meeting/<body>/<key>`. The key is the ordinal ("/10"), else the day
        ("/2023-09-07"), else the release. A body whose numbering restarts in each term (`restarts`:
        the reference data or the release says so) is keyed by the day first, so its meeting 1 of
        2012 and meeting 1 of 2018 stay apart: "/2018-08-23"; without a day, by term and ordinal
        ("/term-3/1"), else by the release (with the ordinal: "/P2018...-1")."""
        release = quote(release_id, safe=":")
        if not restarts:
            key = str(ordinal) if ordinal is not None else day.isoformat() if day else release
        elif day is not None:
            key = day.isoformat()
        elif ordinal is not None:
            key = f"term-{term}/{ordinal}" if term is not None else f"{release}-{ordinal}"
        else:
            key = release
        return f"{self.base}meeting/{slug(body_name)}/{key}"

    def tenure(self, release_id: str, person: str, post: str) -> str:
        return f"{self.base}tenure/{_quoted_id(release_id)}/{slug(person)}/{slug(post)}"

    def incumbency(self, person: str, post: str) -> str:
        """One person in one post over time (first and last observed)."""
        return f"{self.base}incumbency/{slug(person)}/{slug(post)}"

    def graph(self, name: str) -> str:
        """A named graph of the build: "inferred", "reference"."""
        return f"{self.base}graph/{name}"

    @property
    def inferred_graph(self) -> str:
        return self.graph("inferred")

    @property
    def incumbency_graph(self) -> str:
        return self.graph("incumbency")

    @property
    def reference_graph(self) -> str:
        return self.graph("reference")

    def is_data(self, iri: str) -> bool:
        return iri.startswith(self.base)
