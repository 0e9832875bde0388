"""The reference data (data/reference.ttl) as plain lookup tables: known organisations, bodies,
posts and zones with their other names, parents and renamings, and when each held.

The file is parsed once per process (pyoxigraph) into `Entry` records keyed by IRI, and an index
from normalised names (`entity_key`) to IRIs. IRIs are kept under the default base; callers that
use another base re-base them with `rebase`.

Time: an entry may carry the days it existed under its name (schema:startDate / schema:endDate,
both inclusive) and `hkpr:ParentPeriod` nodes saying under which parent it stood when. Given a
release's date, `lookup(name, kinds, on)` prefers the entity of that name valid on the day (a name
can belong to two entities of different eras: the Housing Bureau of 1997-2002 and of 2022 on), and
`parent_on(entry, on)` gives the parent of that day, or None when the data does not know it (a
department in a 2013 release never gets a bureau formed in 2022).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.iris import DEFAULT_BASE, HKPR, ORG, RDF, RDFS, SCHEMA, SKOS
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
_START = SCHEMA + "startDate"
_END = SCHEMA + "endDate"
_PARENT_PERIOD = HKPR + "ParentPeriod"
_CHILD = HKPR + "child"
_PARENT = HKPR + "parent"
_RESTARTS = HKPR + "restartsNumbering"


@dataclass(frozen=True, slots=True)
class ParentPeriod:
    """The days (inclusive; None: open) an entity stood under one parent."""

    parent: str
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity of the reference data (IRIs under the default base).

    `start`/`end`: the days it existed under this name (inclusive; None: before the archive, or
    still). `periods`: under which parent it stood when; `parents` holds the parent of today.
    `restarts_numbering`: a body that counts its meetings from 1 again in each term."""

    iri: str
    kind: str  # "org" | "body" | "post" | "zone"
    cls: str  # class local name: "Bureau", "Zone", "TaskForce", "Post", "Organization", ...
    label: str
    alt_labels: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()  # org:subOrganizationOf / hkpr:partOf / org:postIn
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    periods: tuple[ParentPeriod, ...] = ()
    restarts_numbering: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)

    def exists_on(self, day: date) -> bool:
        """Whether the entity existed under this name on the day."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


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


@functools.lru_cache(maxsize=1 << 16)
def loose_key(name: str) -> str:
    """`entity_key` without the word "the" anywhere: "Secretary for Environment, Transport and
    Works" and "Secretary for the Environment, Transport and Works" share it (a second try, for
    names one spelling of "the" away from a known one)."""
    return " ".join(w for w in entity_key(name).split() if w != "the")


def rebase(iri: str, base: str) -> str:
    """An IRI under the default base moved under `base` (other IRIs unchanged)."""
    if base != DEFAULT_BASE and iri.startswith(DEFAULT_BASE):
        return base + iri[len(DEFAULT_BASE) :]
    return iri


# ---------------------------------------------------------------------------------------------
# Loading


def _overlap(a: Entry, b: Entry) -> bool:
    """Whether two entities existed under their names on some day in common."""
    return (a.end is None or b.start is None or b.start <= a.end) and (
        b.end is None or a.start is None or a.start <= b.end
    )


class Reference:
    """The reference entities and an index from (kind, entity_key(name)) to IRI.

    A name may belong to several entities only when their periods do not overlap (the index then
    keeps the later one, and `eras` all of them, latest first); any other shared name is a
    conflict."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.entries = entries
        self.index: dict[tuple[str, str], str] = {}
        self.eras: dict[tuple[str, str], tuple[str, ...]] = {}  # names of entities of several eras
        self.conflicts: list[tuple[str, str, str]] = []  # (key, iri, other iri): a name used twice
        for e in entries.values():
            for name in e.names:
                k = (e.kind, entity_key(name))
                other = self.index.setdefault(k, e.iri)
                if other == e.iri or (k in self.eras and e.iri in self.eras[k]):
                    continue
                owners = [self.entries[i] for i in self.eras.get(k, (other,))]
                if any(_overlap(e, o) for o in owners):
                    self.conflicts.append((k[1], other, e.iri))
                    continue
                owners.append(e)
                owners.sort(key=lambda o: o.start or date.min, reverse=True)
                self.eras[k] = tuple(o.iri for o in owners)
                self.index[k] = owners[0].iri
        # the looser keys, each kept only while one entity (or one entity of each era) has it
        self.loose: dict[tuple[str, str], str | None] = {}
        for k, iri in self.index.items():
            lk = (k[0], loose_key(k[1]))
            if lk[1] != k[1] and (k[0], lk[1]) not in self.index:
                self.loose[lk] = iri if self.loose.get(lk, iri) == iri else None

    def lookup(self, name: str, kinds: tuple[str, ...] = KINDS, on: date | None = None) -> Entry | None:
        """The entry one of whose names matches `name`, trying the kinds in order; on a day, the
        entity of that name that existed then, when the name belongs to several."""
        key = entity_key(name)
        for kind in kinds:
            iri = self.index.get((kind, key))
            if iri is not None:
                if on is not None and (kind, key) in self.eras:
                    return self._of_era(self.eras[kind, key], on)
                return self.entries[iri]
        if " " in key:
            lk = loose_key(name)
            for kind in kinds:
                iri = self.loose.get((kind, lk)) or self.index.get((kind, lk))
                if iri is not None:
                    return self.lookup(self.entries[iri].label, (kind,), on)
        return None

    def _of_era(self, iris: tuple[str, ...], on: date) -> Entry:
        """Among entities sharing a name (latest first): the one that existed on the day, else the
        latest one that started by then, else the earliest."""
        entries = [self.entries[i] for i in iris]
        for e in entries:
            if e.exists_on(on):
                return e
        for e in entries:
            if e.start is None or e.start <= on:
                return e
        return entries[-1]

    def parent_on(self, entry: Entry, on: date | None) -> str | None:
        """The IRI of the entity's parent on the day (today's without a day): the parent period
        that holds then; without periods, the parent if it existed then; else None."""
        if on is None:
            return entry.parents[0] if entry.parents else None
        if entry.periods:
            for period in entry.periods:
                if period.holds_on(on):
                    return period.parent
            return None
        for iri in entry.parents:
            parent = self.entries.get(iri)
            if parent is None or parent.exists_on(on):
                return iri
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


def _day(path: Path, iri: str, values: list[str]) -> date | None:
    if not values:
        return None
    try:
        return date.fromisoformat(values[0])
    except ValueError:
        raise ValueError(f"{path}: {iri} has a date that is not YYYY-MM-DD: {values[0]!r}") from None


def _periods(path: Path, props: dict[str, dict[str, list[str]]]) -> dict[str, list[ParentPeriod]]:
    """The hkpr:ParentPeriod nodes, removed from `props`, by the IRI of their child."""
    out: dict[str, list[ParentPeriod]] = {}
    for iri in [i for i, ps in props.items() if _PARENT_PERIOD in ps.get(_TYPE, ())]:
        ps = props.pop(iri)
        child, parent = ps.get(_CHILD, []), ps.get(_PARENT, [])
        if len(child) != 1 or len(parent) != 1:
            raise ValueError(f"{path}: parent period {iri} needs one hkpr:child and one hkpr:parent")
        start, end = _day(path, iri, ps.get(_START, [])), _day(path, iri, ps.get(_END, []))
        if start and end and end < start:
            raise ValueError(f"{path}: parent period {iri} ends before it starts")
        out.setdefault(child[0], []).append(ParentPeriod(parent[0], start, end))
    return out


def parse_reference(path: Path) -> Reference:
    """Parse a reference Turtle file into a `Reference` (raises ValueError on bad content)."""
    props: dict[str, dict[str, list[str]]] = {}
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        s, p, o = quad.subject, quad.predicate, quad.object
        if not isinstance(s, ox.NamedNode):
            raise ValueError(f"{path}: blank node subject in reference data")
        props.setdefault(s.value, {}).setdefault(p.value, []).append(o.value)
    periods = _periods(path, props)
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
            start=_day(path, iri, ps.get(_START, [])),
            end=_day(path, iri, ps.get(_END, [])),
            periods=tuple(sorted(periods.pop(iri, ()), key=lambda p: p.start or date.min)),
            restarts_numbering=ps.get(_RESTARTS, ["false"])[0] == "true",
        )
    if periods:
        raise ValueError(f"{path}: parent periods of unknown entities: {', '.join(sorted(periods))}")
    return Reference(entries)


@functools.lru_cache(maxsize=4)
def load_reference(path: Path = REFERENCE_FILE) -> Reference:
    """The reference data, parsed once per process and path."""
    return parse_reference(path)
