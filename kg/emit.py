"""Resolved records -> quads in the release's named graph (the first stage that knows RDF).

The graph is written as N-Quads lines and parsed once by pyoxigraph into `Quad`s: building a
`Quad` from Python terms costs ~2 µs more per literal object (pyoxigraph tries each kind of
term in turn), while the parser makes the terms in Rust. Every IRI is checked once by
`ox.NamedNode` before it is written (so the parse can skip the check), and every term is
written by pyoxigraph itself (`str(term)` is its N-Triples form), so the quads are the ones
`ox.Quad(s, p, o, graph)` would give. Terms that recur across releases (classes, people, posts,
labels, dates) are written once and remembered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

import pyoxigraph as ox

from kg.facts import kinds
from kg.iris import DCT, FOAF, HKPR, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, Iris
from kg.model import Extraction, Release
from kg.resolve import Resolved, ResolvedEntity, Resolver, resolve

A = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
PREF_LABEL = ox.NamedNode(SKOS + "prefLabel")
ALT_LABEL = ox.NamedNode(SKOS + "altLabel")
XSD_DATE = ox.NamedNode(XSD + "date")
XSD_DATETIME = ox.NamedNode(XSD + "dateTime")
XSD_INTEGER = ox.NamedNode(XSD + "integer")
DERIVED_FROM = ox.NamedNode(PROV + "wasDerivedFrom")
PROV_VALUE = ox.NamedNode(PROV + "value")
MENTIONS = ox.NamedNode(HKPR + "mentions")
QUALIFIED_DERIVATION = ox.NamedNode(PROV + "qualifiedDerivation")
PROV_ENTITY = ox.NamedNode(PROV + "entity")
DERIVATION = ox.NamedNode(PROV + "Derivation")

# A term, or its N-Triples form (str(term)) as GraphWriter writes it.
Term = ox.NamedNode | ox.Literal | str


def hkpr(local: str) -> ox.NamedNode:
    return ox.NamedNode(HKPR + local)


def day(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


def stamp(value: datetime) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATETIME)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


# ---------------------------------------------------------------------------------------------
# N-Triples forms of terms, remembered (at most _WRITTEN_MAX of each kind, then all forgotten)

_WRITTEN_MAX = 1 << 16
IRIS_WRITTEN: dict[str, str] = {}
TEXTS_WRITTEN: dict[str, str] = {}
_DAYS: dict[date, str] = {}


def _remember(cache: dict, key: object, written: str) -> str:
    if len(cache) >= _WRITTEN_MAX:
        cache.clear()
    cache[key] = written
    return written


def nt_iri(value: str) -> str:
    """ "<value>", once ox.NamedNode has accepted the IRI (it raises ValueError otherwise)."""
    written = IRIS_WRITTEN.get(value)
    return written if written is not None else _remember(IRIS_WRITTEN, value, str(ox.NamedNode(value)))


def quoted(value: str) -> str:
    """A plain literal in N-Triples form, as pyoxigraph writes it (str(ox.Literal(value))): made
    here when no character needs escaping (a printable text without '"' or a backslash, which
    pyoxigraph writes as it is), else by pyoxigraph."""
    if value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return str(ox.Literal(value))


def nt_text(value: str) -> str:
    """A plain literal that recurs (a name, a label)."""
    written = TEXTS_WRITTEN.get(value)
    return written if written is not None else _remember(TEXTS_WRITTEN, value, quoted(value))


def nt_sentence(value: str) -> str:
    """A plain literal not worth remembering (a sentence, a title)."""
    return quoted(value)


def nt_day(value: date) -> str:
    written = _DAYS.get(value)
    return written if written is not None else _remember(_DAYS, value, str(day(value)))


class GraphWriter:
    """Collects the quads of one release's named graph, without duplicates, in insertion order.

    Triples are kept as the N-Triples forms of their terms, and written out as lines once: a
    tuple of remembered strings is hashed faster than the line they make."""

    def __init__(self, graph_iri: str) -> None:
        self.graph = ox.NamedNode(graph_iri)
        self._end = f" {self.graph} .\n"
        self.triples: dict[tuple[str, str, str], None] = {}  # N-Triples forms, in order

    def add(self, s: Term, p: Term, o: Term) -> None:
        self.triples[
            (
                s if s.__class__ is str else str(s),
                p if p.__class__ is str else str(p),
                o if o.__class__ is str else str(o),
            )
        ] = None

    def typed(self, s: Term, cls: Term) -> None:
        self.add(s, A_NT, cls)

    def labelled(self, s: Term, label: str, alt_labels: Iterable[str] = ()) -> None:
        written = nt_text(label)
        self.add(s, LABEL_NT, written)
        self.add(s, PREF_LABEL_NT, written)
        for alt in alt_labels:
            if alt and alt != label:
                self.add(s, ALT_LABEL_NT, nt_text(alt))

    @property
    def quads(self) -> list[ox.Quad]:
        if not self.triples:
            return []
        data = self._end.join(map(" ".join, self.triples)) + self._end  # "s p o <graph> .\n" each
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS, lenient=True))


A_NT, LABEL_NT, PREF_LABEL_NT, ALT_LABEL_NT = str(A), str(LABEL), str(PREF_LABEL), str(ALT_LABEL)
DERIVED_FROM_NT, PROV_VALUE_NT, MENTIONS_NT = str(DERIVED_FROM), str(PROV_VALUE), str(MENTIONS)
QUALIFIED_NT, ENTITY_NT, DERIVATION_NT = str(QUALIFIED_DERIVATION), str(PROV_ENTITY), str(DERIVATION)
# Page residue around a sentence: a leading "date 2018-08-23" (a copied page's date line), a trailing "|".
_RESIDUE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s+|\s*\|+\s*$")


def clean_sentence(sentence: str) -> str:
    """The sentence without the page residue that leaks into it."""
    return _RESIDUE.sub("", sentence).strip() or sentence.strip()


def derived(out: dict, release: str, fact_iri: str, fact: str, sentence: str) -> None:
    """`fact` (N-Triples form) came from the release, read from `sentence`: prov:wasDerivedFrom and
    prov:value on the fact (one per release in the merged graph), and a prov:Derivation pairing the
    release with its sentence, {base}derivation/<release>/<fact path>, which stays paired there."""
    release_iri = release[1:-1]
    base, _, release_id = release_iri.rpartition("release/")
    path = fact_iri[len(base) :] if fact_iri.startswith(base) else fact_iri.rsplit("/", 1)[-1]
    path = path.replace(f"/{release_id}/", "/").replace("/", "-")
    qualified = nt_iri(f"{base}derivation/{release_id}/{path}")
    written = nt_sentence(clean_sentence(sentence))
    out[(fact, DERIVED_FROM_NT, release)] = None
    out[(fact, PROV_VALUE_NT, written)] = None
    out[(fact, QUALIFIED_NT, qualified)] = None
    out[(qualified, A_NT, DERIVATION_NT)] = None
    out[(qualified, ENTITY_NT, release)] = None
    out[(qualified, PROV_VALUE_NT, written)] = None


_DCT = {
    local: str(ox.NamedNode(DCT + local)) for local in ("identifier", "date", "language", "title", "issued")
}
_URL = str(ox.NamedNode(SCHEMA + "url"))
_PRESS_RELEASE = str(hkpr("PressRelease"))


def release_metadata(w: GraphWriter, release: Release) -> str:
    """The release node itself: identifier and date always; title, issue time and URL when known.
    Returns the release's IRI in N-Triples form."""
    r = str(w.graph)
    w.typed(r, _PRESS_RELEASE)
    w.add(r, _DCT["identifier"], nt_sentence(release.id))
    w.add(r, _DCT["date"], nt_day(release.date))
    w.add(r, _DCT["language"], nt_text(release.language))
    if release.title:
        title = nt_sentence(release.title)
        w.add(r, _DCT["title"], title)
        w.add(r, LABEL_NT, title)
    if release.issued:
        w.add(r, _DCT["issued"], stamp(release.issued))
    if release.url:
        w.add(r, _URL, ox.NamedNode(release.url))
    return r


# The names emit uses for the core vocabulary, in one place.
P = {
    "name": ox.NamedNode(FOAF + "name"),
    "honorific": hkpr("honorific"),
    "heldBy": ox.NamedNode(ORG + "heldBy"),
    "postIn": ox.NamedNode(ORG + "postIn"),
    "subOrganizationOf": ox.NamedNode(ORG + "subOrganizationOf"),
    "partOf": hkpr("partOf"),
    "post": hkpr("post"),
    "holder": hkpr("holder"),
    "date": ox.NamedNode(DCT + "date"),
    "meetingOf": hkpr("meetingOf"),
    "ordinal": hkpr("ordinal"),
    "startDate": ox.NamedNode(SCHEMA + "startDate"),
    "location": ox.NamedNode(SCHEMA + "location"),
    "mode": hkpr("mode"),
    "chair": hkpr("chair"),
    "participant": hkpr("participant"),
    "represented": hkpr("representedOrganisation"),
    "replaces": hkpr("replaces"),
}
P_NT = {name: str(term) for name, term in P.items()}
MODES = {"video": hkpr("VideoConference"), "in-person": hkpr("InPerson")}
MODES_NT = {mode: str(term) for mode, term in MODES.items()}


def ordinal_words(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_label(body_label: str, ordinal: int | None, when: date | None) -> str:
    """ "10th meeting of the Joint Task Force ..." / "Meeting of the ... on 2023-09-07"."""
    the = "" if body_label.lower().startswith("the ") else "the "
    if ordinal is not None:
        return f"{ordinal_words(ordinal)} meeting of {the}{body_label}"
    return f"Meeting of {the}{body_label}" + (f" on {when.isoformat()}" if when else "")


_CLASSES: dict[str, str] = {}  # class local name -> its IRI in N-Triples form


def _class_nt(entity: ResolvedEntity) -> str:
    """The entity's class IRI in N-Triples form (a few classes: remembered by local name)."""
    written = _CLASSES.get(entity.cls)
    if written is None:
        written = _CLASSES[entity.cls] = nt_iri(entity.class_iri)
    return written


def emit_resolved(resolved: Resolved) -> list[ox.Quad]:
    """The quads of one release's named graph.

    Triples go straight into the writer's dict, and remembered terms are looked up in their
    caches before nt_iri / nt_text are called: a Python call per triple or term costs more than
    the rest of the work for it."""
    w = GraphWriter(resolved.iri)
    release = release_metadata(w, resolved.release)
    out = w.triples
    iri, text = IRIS_WRITTEN.get, TEXTS_WRITTEN.get
    for entity in resolved.entities.values():
        node = iri(entity.iri) or nt_iri(entity.iri)
        out[(node, A_NT, _CLASSES.get(entity.cls) or _class_nt(entity))] = None
        label = text(entity.label) or nt_text(entity.label)
        if entity.cls == "Person":  # entity.kind == "person", without a call
            out[(node, P_NT["name"], label)] = None
            out[(node, LABEL_NT, label)] = None
            if entity.honorific:
                out[(node, P_NT["honorific"], text(entity.honorific) or nt_text(entity.honorific))] = None
        else:
            out[(node, LABEL_NT, label)] = None
            out[(node, PREF_LABEL_NT, label)] = None
            for alt in entity.alt_labels:
                if alt and alt != entity.label:
                    out[(node, ALT_LABEL_NT, text(alt) or nt_text(alt))] = None
        if entity.parent and entity.parent_property:
            out[(node, nt_iri(entity.parent_property), iri(entity.parent) or nt_iri(entity.parent))] = None
    for mentioned in resolved.mentions:
        out[(release, MENTIONS_NT, iri(mentioned) or nt_iri(mentioned))] = None
    for kind in kinds():  # the facts with triples of their own: tenures, meetings
        if kind.emit is not None:
            kind.emit(resolved, w, release)
    return w.quads


def emit(extraction: Extraction, resolver: Resolver, iris: Iris | None = None) -> list[ox.Quad]:
    """Resolve one release's records and write them as the quads of its named graph."""
    return emit_resolved(resolve(extraction, resolver))
