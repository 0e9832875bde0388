"""Resolved records -> quads in the release's named graph (the first stage that knows RDF)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import pyoxigraph as ox

from kg.iris import DCT, FOAF, HKPR, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, Iris
from kg.model import Extraction, Release
from kg.resolve import Resolved, Resolver, resolve

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


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def hkpr(local: str) -> ox.NamedNode:
    return ox.NamedNode(HKPR + local)


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def day(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


def stamp(value: datetime) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATETIME)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


class GraphWriter:
    """Collects the quads of one release's named graph, without duplicates, in insertion order."""

    def __init__(self, graph_iri: str) -> None:
        self.graph = ox.NamedNode(graph_iri)
        self._quads: dict[ox.Quad, None] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self._quads[ox.Quad(s, p, o, self.graph)] = None

    def typed(self, s: ox.NamedNode, cls: ox.NamedNode) -> None:
        self.add(s, A, cls)

    def labelled(self, s: ox.NamedNode, label: str, alt_labels: Iterable[str] = ()) -> None:
        self.add(s, LABEL, text(label))
        self.add(s, PREF_LABEL, text(label))
        for alt in alt_labels:
            if alt and alt != label:
                self.add(s, ALT_LABEL, text(alt))

    @property
    def quads(self) -> list[ox.Quad]:
        return list(self._quads)


def release_metadata(w: GraphWriter, release: Release) -> ox.NamedNode:
    """The release node itself: identifier and date always; title, issue time and URL when known."""
    r = w.graph
    w.typed(r, hkpr("PressRelease"))
    w.add(r, ox.NamedNode(DCT + "identifier"), text(release.id))
    w.add(r, ox.NamedNode(DCT + "date"), day(release.date))
    w.add(r, ox.NamedNode(DCT + "language"), text(release.language))
    if release.title:
        w.add(r, ox.NamedNode(DCT + "title"), text(release.title))
        w.add(r, LABEL, text(release.title))
    if release.issued:
        w.add(r, ox.NamedNode(DCT + "issued"), stamp(release.issued))
    if release.url:
        w.add(r, ox.NamedNode(SCHEMA + "url"), iri(release.url))
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
C = {
    "Person": ox.NamedNode(FOAF + "Person"),
    "Organization": ox.NamedNode(ORG + "Organization"),
    "Place": ox.NamedNode(SCHEMA + "Place"),
}
MODES = {"video": hkpr("VideoConference"), "in-person": hkpr("InPerson")}


def ordinal_words(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def meeting_label(body_label: str, ordinal: int | None, when: date | None) -> str:
    """ "10th meeting of the Joint Task Force ..." / "Meeting of the ... on 2023-09-07"."""
    the = "" if body_label.lower().startswith("the ") else "the "
    if ordinal is not None:
        return f"{ordinal_words(ordinal)} meeting of {the}{body_label}"
    return f"Meeting of {the}{body_label}" + (f" on {when.isoformat()}" if when else "")


def emit_resolved(resolved: Resolved) -> list[ox.Quad]:
    """The quads of one release's named graph."""
    w = GraphWriter(resolved.iri)
    release = release_metadata(w, resolved.release)
    for entity in resolved.entities.values():
        node = iri(entity.iri)
        w.typed(node, iri(entity.class_iri))
        if entity.kind == "person":
            w.add(node, P["name"], text(entity.label))
            w.add(node, LABEL, text(entity.label))
            if entity.honorific:
                w.add(node, P["honorific"], text(entity.honorific))
        else:
            w.labelled(node, entity.label, entity.alt_labels)
        if entity.parent and entity.parent_property:
            w.add(node, iri(entity.parent_property), iri(entity.parent))
    for mentioned in resolved.mentions:
        w.add(release, MENTIONS, iri(mentioned))
    for t in resolved.tenures:
        node, post, person = iri(t.iri), iri(t.post), iri(t.person)
        w.typed(node, hkpr("Tenure"))
        w.add(node, P["post"], post)
        w.add(node, P["holder"], person)
        w.add(node, P["date"], day(t.date))
        w.add(node, DERIVED_FROM, release)
        w.add(node, PROV_VALUE, text(t.sentence))
        w.add(post, P["heldBy"], person)
    for m in resolved.meetings:
        node = iri(m.iri)
        body = resolved.entities.get(m.body)
        w.typed(node, hkpr("Meeting"))
        w.add(node, LABEL, text(meeting_label(body.label if body else m.body, m.ordinal, m.date)))
        w.add(node, P["meetingOf"], iri(m.body))
        if m.ordinal is not None:
            w.add(node, P["ordinal"], integer(m.ordinal))
        if m.date is not None:
            w.add(node, P["startDate"], day(m.date))
        if m.place:
            w.add(node, P["location"], iri(m.place))
        if m.mode in MODES:
            w.add(node, P["mode"], MODES[m.mode])
        for person in m.chairs:
            w.add(node, P["chair"], iri(person))
        for person in m.participants:
            w.add(node, P["participant"], iri(person))
        for org in m.represented:
            w.add(node, P["represented"], iri(org))
        w.add(node, DERIVED_FROM, release)
        w.add(node, PROV_VALUE, text(m.sentence))
        w.add(release, MENTIONS, node)
    return w.quads


def emit(extraction: Extraction, resolver: Resolver, iris: Iris | None = None) -> list[ox.Quad]:
    """Resolve one release's records and write them as the quads of its named graph."""
    return emit_resolved(resolve(extraction, resolver))
