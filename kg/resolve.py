"""Names -> IRIs: which entity each recognised record denotes.

`Resolver` holds the reference data (data/reference.ttl, parsed once per process) and mints IRIs
with kg.iris.Iris for everything else. Names are compared by `kg.reference.entity_key` (case,
punctuation, a leading "the", "&"/"and", "Co-operation"/"Cooperation", "Government of X"/"X
Government", ... ignored). Within one release, `ReleaseAliases` first maps the abbreviations and
short forms the release defines ("CEDD", "the Loop", "the Co-operation Zone") to the full entity
it has named.

`resolve(extraction, resolver)` returns a `Resolved`: plain values (no RDF) that kg.emit turns
into quads:

- `entities`: every node the release's graph describes, by IRI, as a `ResolvedEntity` (IRI,
  class local name, label, other names, parent IRI, whether the reference data knows it);
- `mentions`: the IRIs of the entities the release names (`hkpr:mentions`): organisations, zones,
  meeting bodies, people, posts, meeting places;
- `tenures` and `meetings`: the fact nodes, with the IRIs of the entities they link.

Entities that are only parents from the reference data (a post's bureau, a zone's containing
zone) are in `entities` so that every linked IRI has a label, but not in `mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.identity import (
    canonical_post,
    expansions,
    government_form,
    strip_term,
    with_full_names,
    without_jurisdiction,
)
from kg.iris import DEFAULT_BASE, FOAF, HKPR, ORG, Iris
from kg.lexicon import organisation_class
from kg.model import Extraction, Release
from kg.paths import REFERENCE_FILE
from kg.reference import Entry, Reference, entity_key, load_reference, rebase

# Class local name -> namespace (everything else is in the hkpr ontology).
_CLASS_NS = {"Organization": ORG, "Person": FOAF, "Post": HKPR, "Place": HKPR}

BODY_CLASSES = frozenset(
    "Body TaskForce Committee WorkingGroup Council Commission Panel ExpertGroup JointConference".split()
)
ZONE_CLASSES = frozenset(["Zone"])
_KIND_OF_CLASS = {
    **dict.fromkeys(BODY_CLASSES, "body"),
    **dict.fromkeys(ZONE_CLASSES, "zone"),
    "Post": "post",
    "Person": "person",
    "Place": "place",
}
_PARENT_PROPERTY = {"zone": HKPR + "partOf", "post": ORG + "postIn"}


@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    """One node: an organisation, body, zone, post, person or place.

    `cls` is the class local name ("Bureau", "Government", "Organization", "TaskForce", "Zone",
    "Post", "Person", "Place"); `class_iri` gives the full IRI. `parent` is the IRI of the
    containing entity: org:subOrganizationOf for organisations and bodies, hkpr:partOf for zones,
    org:postIn for posts (`parent_property` gives the property's IRI); the release's own "X of Y"
    wins over the reference data's. `known` is True when the entity is in the reference data.
    `honorific` is set for people only.
    """

    iri: str
    cls: str
    label: str
    alt_labels: tuple[str, ...] = ()
    parent: str | None = None
    known: bool = False
    honorific: str | None = None

    @property
    def class_iri(self) -> str:
        return _CLASS_NS.get(self.cls, HKPR) + self.cls

    @property
    def kind(self) -> str:
        """The kind of entity: "org", "body", "zone", "post", "person" or "place"."""
        return _KIND_OF_CLASS.get(self.cls, "org")

    @property
    def parent_property(self) -> str | None:
        if self.parent is None:
            return None
        return _PARENT_PROPERTY.get(self.kind, ORG + "subOrganizationOf")

    def merged(self, other: ResolvedEntity) -> ResolvedEntity:
        """This entity with the other names, parent and honorific another record of it gives
        (itself when the other adds nothing)."""
        if other is self:
            return self
        alts = tuple(
            dict.fromkeys(a for a in (*self.alt_labels, other.label, *other.alt_labels) if a != self.label)
        )
        parent = self.parent or other.parent
        known = self.known or other.known
        honorific = self.honorific or other.honorific
        if (
            alts == self.alt_labels
            and parent == self.parent
            and known == self.known
            and honorific == self.honorific
        ):
            return self
        return ResolvedEntity(self.iri, self.cls, self.label, alts, parent, known, honorific)


@dataclass(frozen=True, slots=True)
class ResolvedTenure:
    """A person named with a post in one release (a hkpr:Tenure)."""

    iri: str
    person: str  # IRI
    post: str  # IRI
    date: date  # the release's date
    sentence: str
    acting: bool = False  # held in an acting capacity (hkpr:acting); the post is the substantive one


@dataclass(frozen=True, slots=True)
class ResolvedMeeting:
    """A meeting the release reports (a hkpr:Meeting); people and organisations as IRIs."""

    iri: str
    body: str  # IRI of the body that met
    sentence: str
    ordinal: int | None = None
    date: date | None = None
    place: str | None = None  # IRI of a Place
    mode: str | None = None  # "video" | "in-person"
    chairs: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # chairs included
    represented: tuple[str, ...] = ()  # organisation IRIs


@dataclass(slots=True)
class Resolved:
    """What one release says, with every name resolved to an IRI (see the module docstring)."""

    release: Release
    iri: str  # the release's IRI, also the name of its graph
    entities: dict[str, ResolvedEntity] = field(default_factory=dict)
    mentions: list[str] = field(default_factory=list)
    tenures: list[ResolvedTenure] = field(default_factory=list)
    meetings: list[ResolvedMeeting] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[ResolvedEntity]:
        """The mentioned entities of some kinds ("org", "body", "zone", "post", "person", "place")."""
        return [self.entities[i] for i in self.mentions if self.entities[i].kind in kinds]

    @property
    def organisations(self) -> list[ResolvedEntity]:
        return self.of_kind("org")

    @property
    def zones(self) -> list[ResolvedEntity]:
        return self.of_kind("zone")


# ---------------------------------------------------------------------------------------------
# Per release: the names it gives


_FAMILY = {"org": "org", "body": "org", "zone": "zone", "post": "post", "person": "person", "place": "place"}


class ReleaseAliases:
    """The names one release gives its entities: abbreviations it defines ("Civil Engineering and
    Development Department (CEDD)") and the other names of entities already resolved."""

    def __init__(self, defined: dict[str, str] | None = None) -> None:
        self.full: dict[str, str] = {entity_key(a): f for a, f in (defined or {}).items()}
        self.named: dict[tuple[str, str], ResolvedEntity] = {}

    def expand(self, name: str) -> str:
        """The full name an abbreviation defined in the release stands for (else the name)."""
        return self.full.get(entity_key(name), name)

    def get(self, family: str, name: str) -> ResolvedEntity | None:
        return self.named.get((family, entity_key(name)))

    def add(self, entity: ResolvedEntity, names: tuple[str, ...] = ()) -> None:
        family = _FAMILY[entity.kind]
        for n in (entity.label, *entity.alt_labels, *names):
            k = entity_key(n)
            if k:
                self.named.setdefault((family, k), entity)


# ---------------------------------------------------------------------------------------------
# The resolver


# The last word of a body's name: an organisation named so is a body unless the reference data says not.
BODY_WORDS = frozenset(
    "Council Committee Commission Board Panel Group Force Taskforce Conference Subcommittee".split()
)
_AMPERSAND = re.compile(r"\s+&\s+")


def _minted_label(name: str) -> tuple[str, tuple[str, ...]]:
    """The label of an entity the reference data does not know, and the name as written when it
    differs: "Hong Kong & Macao Affairs Office" -> "Hong Kong and Macao Affairs Office" (one
    spelling of what one IRI names, whichever release is read first)."""
    label = _AMPERSAND.sub(" and ", name)
    return label, ((name,) if label != name else ())


def _default_based(iri: str, base: str) -> str:
    """An IRI under `base` moved back under the default base (the reference data's)."""
    if base != DEFAULT_BASE and iri.startswith(base):
        return DEFAULT_BASE + iri[len(base) :]
    return iri


_MINTED_MAX = 1 << 17
_TERM_PREFIX = re.compile(r"^(?:the\s+)?(?:[A-Za-z0-9]+-term|current-term|new|revamped)\s+", re.I)


class Resolver:
    """Resolves names to entities: reference data first, then IRIs minted from the name.

    `day` is the date of the release being resolved (`Resolution` sets it): a name the reference data
    gives to entities of several eras resolves to the one of that day, and a known entity gets
    the parent it had on that day (none when the reference data does not know it)."""

    def __init__(self, reference: Reference, base: str = DEFAULT_BASE) -> None:
        self.reference = reference
        self.iris = Iris(base)
        self.base = base
        self.day: date | None = None
        self._entities: dict[tuple[str, str | None], ResolvedEntity] = {}
        self._minted: dict[tuple[str, str], str] = {}  # (kind, name) -> IRI: names recur across releases
        self._people: dict[tuple[str, str | None], ResolvedEntity] = {}  # (name, honorific) -> person
        self._known_forms: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}  # see _forms

    def mint(self, kind: str, name: str) -> str:
        """The IRI kg.iris.Iris mints for a name of a kind ("org", "zone", "body", "post", "person",
        "place"), remembered (at most _MINTED_MAX names, then forgotten all at once)."""
        k = (kind, name)
        iri = self._minted.get(k)
        if iri is None:
            if len(self._minted) >= _MINTED_MAX:
                self._minted.clear()
            iri = self._minted[k] = getattr(self.iris, kind)(name)
        return iri

    @classmethod
    def load(cls, base: str = DEFAULT_BASE, path: Path = REFERENCE_FILE) -> Resolver:
        """A resolver over the reference file (parsed once per process), minting under `base`."""
        return cls(load_reference(path), base)

    # -- reference entities ----------------------------------------------------------------

    def known(self, entry: Entry) -> ResolvedEntity:
        """The reference entity, its IRIs re-based, with its parent of `self.day`."""
        parent = self.reference.parent_on(entry, self.day)
        e = self._entities.get((entry.iri, parent))
        if e is None:
            e = ResolvedEntity(
                rebase(entry.iri, self.base),
                entry.cls,
                entry.label,
                entry.alt_labels,
                rebase(parent, self.base) if parent else None,
                True,
            )
            self._entities[entry.iri, parent] = e
        return e

    def parent_of(self, entity: ResolvedEntity) -> ResolvedEntity | None:
        """The reference entity that `entity.parent` names, if the reference data has it."""
        if entity.parent is None:
            return None
        entry = self.reference.entries.get(_default_based(entity.parent, self.base))
        return self.known(entry) if entry is not None else None

    def _lookup(self, names: tuple[str, ...], kinds: tuple[str, ...]) -> Entry | None:
        for n in names:
            if not n or (len(n) <= 2 and n.isupper()):
                continue  # two letters are too ambiguous to look up outside the release
            forms = self._known_forms.get((n, kinds))
            if forms is None:
                if len(self._known_forms) >= _MINTED_MAX:
                    self._known_forms.clear()
                forms = self._known_forms[n, kinds] = tuple(dict.fromkeys(self._forms(n, kinds)))
            for form in forms:
                e = self.reference.lookup(form, kinds, self.day)
                if e is not None:
                    return e
        return None

    def _forms(self, name: str, kinds: tuple[str, ...]) -> Iterator[str]:
        """The name, then the other forms under which it may be a known entity (kg.identity): a
        post without its Hong Kong jurisdiction, a body or organisation without a term before it,
        abbreviations written out."""
        yield name
        if "post" in kinds:
            plain = without_jurisdiction(name)
            if plain != name:
                yield plain
        if "org" in kinds or "body" in kinds:
            plain, _ = strip_term(name)
            if plain != name:
                yield plain
                if plain == "Government":
                    yield "HKSAR Government"  # "the Fifth Term Government": a term of Hong Kong's
            region = government_form(name)
            if region != name:
                yield region
        yield from expansions(name, self._full_name)

    def _full_name(self, abbreviation: str) -> str | None:
        """The full name of the known organisation or body an abbreviation stands for (the same
        whatever the day: entities of several eras share their name)."""
        e = self.reference.lookup(abbreviation, ("org", "body"))
        return e.label if e is not None and abbreviation in e.alt_labels else None

    def restarts_numbering(self, body: ResolvedEntity) -> bool:
        """Whether the reference data says the body counts its meetings from 1 again each term."""
        entry = self.reference.entries.get(_default_based(body.iri, self.base))
        return entry is not None and entry.restarts_numbering

    @staticmethod
    def _with_names(e: ResolvedEntity, names: tuple[str, ...]) -> ResolvedEntity:
        extra = tuple(n for n in names if n and n != e.label and n not in e.alt_labels)
        if not extra:
            return e
        return ResolvedEntity(e.iri, e.cls, e.label, (*e.alt_labels, *extra), e.parent, e.known, e.honorific)

    # -- by kind ---------------------------------------------------------------------------

    def org(
        self, name: str, alt_labels: tuple[str, ...] = (), aliases: ReleaseAliases | None = None
    ) -> ResolvedEntity:
        """An organisation (or a body, when the name is one the reference data knows as a body)."""
        name = name.strip()
        if aliases is not None:
            hit = aliases.get("org", name)
            if hit is not None:
                return hit
            full = aliases.expand(name)
            if full != name:
                hit = aliases.get("org", full)
                if hit is not None:
                    return hit
                alt_labels = (name, *alt_labels)
                name = full
        entry = self._lookup((name, *alt_labels), ("org", "body"))
        if entry is not None:
            return self._with_names(self.known(entry), (name, *alt_labels))
        label, written = _minted_label(name)
        alts = tuple(dict.fromkeys(a for a in (*written, *alt_labels) if a != label))
        return ResolvedEntity(self.mint("org", name), organisation_class(name), label, alts)

    def zone(
        self, name: str, alt_labels: tuple[str, ...] = (), aliases: ReleaseAliases | None = None
    ) -> ResolvedEntity:
        name = name.strip()
        if aliases is not None:
            hit = aliases.get("zone", name)
            if hit is not None:
                return hit
            full = aliases.expand(name)
            if full != name:
                alt_labels = (name, *alt_labels)
                name = full
        entry = self._lookup((name, *alt_labels), ("zone",))
        if entry is not None:
            return self._with_names(self.known(entry), (name, *alt_labels))
        label, written = _minted_label(name)
        alts = tuple(dict.fromkeys(a for a in (*written, *alt_labels) if a != label))
        return ResolvedEntity(self.mint("zone", name), "Zone", label, alts)

    def body(self, name: str, cls: str = "Body", aliases: ReleaseAliases | None = None) -> ResolvedEntity:
        """A body that meets; "second-term X" is the body X."""
        name = name.strip()
        if aliases is not None:
            hit = aliases.get("org", name)
            if hit is not None:
                return hit
            name = aliases.expand(name)
        plain = _TERM_PREFIX.sub("", name)
        entry = self._lookup((name, plain), ("body", "org"))
        if entry is not None:
            return self._with_names(self.known(entry), (name,))
        if cls not in BODY_CLASSES:
            cls = "Body"
        if plain and plain[0].islower():
            plain = plain[0].upper() + plain[1:]
        label, _ = _minted_label(plain)
        alts = (name,) if name != label else ()
        return ResolvedEntity(self.mint("body", plain), cls, label, alts)

    def post(self, name: str, org: ResolvedEntity | None = None) -> ResolvedEntity:
        """A post; its parent (org:postIn) from the reference data, else the organisation given."""
        name = name.strip()
        # "Shenzhen Mayor" -> "Mayor of Shenzhen", "... of the HKTDC" -> "... of the Hong Kong Trade ..."
        canonical = with_full_names(canonical_post(name), self._full_name)
        entry = self._lookup((name, canonical) if canonical != name else (name,), ("post",))
        if entry is not None:
            e = self._with_names(self.known(entry), (name,))
            if e.parent is None and org is not None:
                e = ResolvedEntity(e.iri, e.cls, e.label, e.alt_labels, org.iri, True)
            return e
        label, written = _minted_label(canonical)
        if canonical != name:
            written = (*written, name)
        return ResolvedEntity(
            self.mint("post", canonical), "Post", label, written, org.iri if org is not None else None
        )

    def person(self, name: str, honorific: str | None = None) -> ResolvedEntity:
        """A person, by normalised name (two people of one name are one node: a known limit);
        remembered like minted IRIs (people recur within and across releases)."""
        k = (name, honorific)
        e = self._people.get(k)
        if e is None:
            if len(self._people) >= _MINTED_MAX:
                self._people.clear()
            plain = " ".join(name.split())
            e = self._people[k] = ResolvedEntity(
                self.mint("person", plain), "Person", plain, honorific=honorific
            )
        return e

    def place(self, name: str) -> ResolvedEntity:
        name = " ".join(name.split())
        return ResolvedEntity(self.mint("place", name), "Place", name)

    def lookup(self, name: str) -> ResolvedEntity | None:
        """A reference entity of any kind by one of its names, or None."""
        entry = self.reference.lookup(name, on=self.day)
        return self.known(entry) if entry is not None else None


# ---------------------------------------------------------------------------------------------
# A whole extraction


class _Collector:
    def __init__(self, resolved: Resolved, resolver: Resolver) -> None:
        self.r = resolved
        self.resolver = resolver
        self.mentioned: set[str] = set(resolved.mentions)

    def add(self, e: ResolvedEntity, mention: bool = True) -> ResolvedEntity:
        have = self.r.entities.get(e.iri)
        e = e if have is None else have.merged(e)
        self.r.entities[e.iri] = e
        if mention and e.iri not in self.mentioned:
            self.mentioned.add(e.iri)
            self.r.mentions.append(e.iri)
        return e

    def add_parents(self, e: ResolvedEntity) -> None:
        """Reference parents (a post's bureau, a zone's containing zone) described, not mentioned."""
        seen = 0
        while e.parent is not None and e.parent not in self.r.entities and seen < 8:
            p = self.resolver.parent_of(e)
            if p is None:
                return
            self.add(p, mention=False)
            e = p
            seen += 1


class Resolution:
    """One release being resolved: what its facts' resolve steps (kg.facts) share - the
    resolver, the entities collected so far (`collector`, into `out`), the names the release
    gives them (`aliases`) and the honorifics its people are named with."""

    def __init__(self, extraction: Extraction, resolver: Resolver) -> None:
        self.release = extraction.release
        self.resolver = resolver
        resolver.day = self.release.date  # the reference data of the release's day
        self.iris = resolver.iris
        self.out = Resolved(self.release, self.iris.release(self.release.id))
        self.collector = _Collector(self.out, resolver)
        self.aliases = ReleaseAliases(extraction.abbreviations)
        self.honorifics: dict[str, str] = {}

    @staticmethod
    def with_parent(e: ResolvedEntity, parent: ResolvedEntity | None) -> ResolvedEntity:
        if parent is None or parent.iri == e.iri:
            return e
        return ResolvedEntity(e.iri, e.cls, e.label, e.alt_labels, parent.iri, e.known, e.honorific)

    def person(self, name: str) -> str:
        """The IRI of a person the release names (with the honorific it gives them)."""
        return self.collector.add(self.resolver.person(name, self.honorifics.get(name))).iri


def resolve(extraction: Extraction, resolver: Resolver) -> Resolved:
    """Every record of the extraction with its entities' IRIs (see `Resolved`): the resolve
    step of each kind of fact (kg.facts), in order, then the reference parents of what they
    named."""
    from kg.facts import kinds

    r = Resolution(extraction, resolver)
    for kind in kinds():
        kind.resolve(getattr(extraction, kind.name), r)
    out = r.out
    for e in list(out.entities.values()):
        if e.parent is not None:
            r.collector.add_parents(e)
    return out
