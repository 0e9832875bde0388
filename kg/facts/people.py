"""People a release names (kg.recognise.people), with the honorific each is first named with."""

from __future__ import annotations

from kg.facts import Kind
from kg.model import Person
from kg.recognise.document import Document
from kg.resolve import Resolution


def _recognise(doc: Document) -> list[Person]:
    return [Person(p.name, p.honorific) for p in doc.people.people]


def _resolve(records: list[Person], r: Resolution) -> None:
    for p in records:
        if p.honorific:
            r.honorifics.setdefault(p.name, p.honorific)
        r.collector.add(r.resolver.person(p.name, p.honorific))


KIND = Kind("people", Person, _recognise, _resolve)
