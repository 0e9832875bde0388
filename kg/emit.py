"""Resolved records -> quads in the release's named graph (the first stage that knows RDF)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import pyoxigraph as ox

from kg.iris import DCT, FOAF, HKPR, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.model import Release

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
