"""The reference data (data/reference.ttl) as plain lookup tables: known organisations, bodies,
posts and zones with their other names, parents and renamings.

The file is parsed once per process (pyoxigraph) into `Entry` records keyed by IRI, and an index
from normalised names (`entity_key`) to IRIs. IRIs are kept under the default base; callers that
use another base re-base them with `rebase`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.iris import DEFAULT_BASE, HKPR, ORG, RDF, RDFS, SKOS
from kg.paths import REFERENCE_FILE

# The kinds of reference entity: the IRI path segment under the base.
KINDS = ("org", "body", "post", "zone")

_TYPE = RDF + "type"
_LABEL = RDFS + "label"
_PREF = SKOS + "prefLabel"
_ALT = SKOS + "altLabel"
_PARENTS = (ORG + "subOrganizationOf", HKPR + "partOf", ORG + "postIn")
_REPLACES = HKPR + "replaces"
_REPLACED_BY = HKPR + "replacedBy"


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity of the reference data (IRIs under the default base)."""

    iri: str
    kind: str  # "org" | "body" | "post" | "zone"
    cls: str  # class local name: "Bureau", "Zone", "TaskForce", "Post", "Organization", ...
    label: str
    alt_labels: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # org:subOrganizationOf / hkpr:partOf / org:postIn
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


# ---------------------------------------------------------------------------------------------
# Normalised names

_I_AND_T = re.compile(r"\bi ?& ?t\b")
_POSSESSIVE = re.compile(r"['`]s\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SYNONYMS = (
    (re.compile(r"\bco ?operation\b"), "cooperation"),
    (re.compile(r"\bco ?ordination\b"), "coordination"),
    (re.compile(r"\bmacau\b"), "macao"),
    (re.compile(r"\blimited\b"), "ltd"),
    (re.compile(r"\bspecial administrative region\b"), "sar"),
    (re.compile(r"\bhksar\b"), "hong kong sar"),
)
_GOVERNMENT_OF = re.compile(r"^((?:peoples )?government) of (?:the )?(.+)$")


@functools.lru_cache(maxsize=1 << 16)
def entity_key(name: str) -> str:
    """The key two spellings of one entity's name share: case, punctuation, a leading "the",
    "&"/"and", "I&T", "Co-operation"/"Cooperation", "Macau"/"Macao", "Limited"/"Ltd" and
    "Special Administrative Region"/"SAR" are ignored, and "Government of X" reads "X Government":
    "the Government of the HKSAR" and "Hong Kong Special Administrative Region Government" share
    "hong kong sar government"."""
    t = name.lower().replace("\u2019", "'")
    t = _I_AND_T.sub(" innovation and technology ", t)
    t = t.replace("&", " and ")
    t = _POSSESSIVE.sub("s", t)
    t = _NON_ALNUM.sub(" ", t).strip()
    if t.startswith("the "):
        t = t[4:]
    for rx, repl in _SYNONYMS:
        t = rx.sub(repl, t)
    m = _GOVERNMENT_OF.match(t)
    if m:
        t = f"{m.group(2)} {m.group(1)}"
    return " ".join(t.split())


def rebase(iri: str, base: str) -> str:
    """An IRI under the default base moved under `base` (other IRIs unchanged)."""
    if base != DEFAULT_BASE and iri.startswith(DEFAULT_BASE):
        return base + iri[len(DEFAULT_BASE) :]
    return iri


# ---------------------------------------------------------------------------------------------
# Loading


class Reference:
    """The reference entities and an index from (kind, entity_key(name)) to IRI."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.entries = entries
        self.index: dict[tuple[str, str], str] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # (key, iri, other iri): a name used twice
        for e in entries.values():
            for name in e.names:
                k = (e.kind, entity_key(name))
                other = self.index.setdefault(k, e.iri)
                if other != e.iri:
                    self.conflicts.append((k[1], other, e.iri))

    def lookup(self, name: str, kinds: tuple[str, ...] = KINDS) -> Entry | None:
        """The entry one of whose names matches `name`, trying the kinds in order."""
        key = entity_key(name)
        for kind in kinds:
            iri = self.index.get((kind, key))
            if iri is not None:
                return self.entries[iri]
        return None

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


def _kind_of(iri: str) -> str:
    rest = iri[len(DEFAULT_BASE) :] if iri.startswith(DEFAULT_BASE) else ""
    kind = rest.split("/", 1)[0]
    if kind not in KINDS:
        raise ValueError(f"reference IRI outside {DEFAULT_BASE}{{{','.join(KINDS)}}}/: {iri}")
    return kind


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def parse_reference(path: Path) -> Reference:
    """Parse a reference Turtle file into a `Reference` (raises ValueError on bad content)."""
    props: dict[str, dict[str, list[str]]] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        s, p, o = quad.subject, quad.predicate, quad.object
        if not isinstance(s, ox.NamedNode):
            raise ValueError(f"{path}: blank node subject in reference data")
        props.setdefault(s.value, {}).setdefault(p.value, []).append(o.value)
    entries: dict[str, Entry] = {}
    for iri, ps in props.items():
        labels = ps.get(_LABEL, [])
        if not labels:
            raise ValueError(f"{path}: {iri} has no rdfs:label")
        types = ps.get(_TYPE, [])
        if not types:
            raise ValueError(f"{path}: {iri} has no rdf:type")
        entries[iri] = Entry(
            iri=iri,
            kind=_kind_of(iri),
            cls=_local(types[0]),
            label=labels[0],
            alt_labels=tuple(
                dict.fromkeys(a for a in (*ps.get(_PREF, []), *ps.get(_ALT, [])) if a != labels[0])
            ),
            parents=tuple(v for p in _PARENTS for v in ps.get(p, [])),
            replaces=tuple(ps.get(_REPLACES, [])),
            replaced_by=tuple(ps.get(_REPLACED_BY, [])),
        )
    return Reference(entries)


@functools.lru_cache(maxsize=4)
def load_reference(path: Path = REFERENCE_FILE) -> Reference:
    """The reference data, parsed once per process and path."""
    return parse_reference(path)
