"""Meetings of named bodies (kg.recognise.meetings): resolved to the body, the place, the people
who chaired and attended and the organisations represented; written as a hkpr:Meeting."""

from __future__ import annotations

from kg.emit import (
    IRIS_WRITTEN,
    LABEL_NT,
    MENTIONS_NT,
    MODES_NT,
    P_NT,
    GraphWriter,
    derived,
    hkpr,
    integer,
    meeting_label,
    nt_day,
    nt_iri,
    nt_text,
)
from kg.facts import Kind
from kg.identity import strip_term, term_in
from kg.model import Meeting
from kg.recognise.meetings import recognise_meetings
from kg.resolve import Resolution, Resolved, ResolvedMeeting

_MEETING = str(hkpr("Meeting"))


def _resolve(records: list[Meeting], r: Resolution) -> None:
    resolver, c, aliases, release, person = r.resolver, r.collector, r.aliases, r.release, r.person
    for m in records:
        body = c.add(resolver.body(m.body, m.body_kind, aliases))
        aliases.add(body, (m.body,))
        place = c.add(resolver.place(m.location)).iri if m.location else None
        chairs = tuple(dict.fromkeys(person(n) for n in m.chairs))
        participants = tuple(dict.fromkeys((*chairs, *(person(n) for n in m.participants))))
        represented = tuple(dict.fromkeys(c.add(resolver.org(n, aliases=aliases)).iri for n in m.represented))
        term = strip_term(m.body)[1] or term_in(m.sentence, m.body)
        restarts = term is not None or resolver.restarts_numbering(body)
        r.out.meetings.append(
            ResolvedMeeting(
                iri=r.iris.meeting(body.label, m.ordinal, m.date, release.id, restarts, term),
                body=body.iri,
                sentence=m.sentence,
                ordinal=m.ordinal,
                date=m.date,
                place=place,
                mode=m.mode,
                chairs=chairs,
                participants=participants,
                represented=represented,
            )
        )


def _emit(resolved: Resolved, w: GraphWriter, release: str) -> None:
    out = w.triples
    iri = IRIS_WRITTEN.get
    for m in resolved.meetings:
        node = nt_iri(m.iri)
        body = resolved.entities.get(m.body)
        w.typed(node, _MEETING)
        w.add(node, LABEL_NT, nt_text(meeting_label(body.label if body else m.body, m.ordinal, m.date)))
        w.add(node, P_NT["meetingOf"], nt_iri(m.body))
        if m.ordinal is not None:
            w.add(node, P_NT["ordinal"], integer(m.ordinal))
        if m.date is not None:
            w.add(node, P_NT["startDate"], nt_day(m.date))
        if m.place:
            w.add(node, P_NT["location"], nt_iri(m.place))
        if m.mode in MODES_NT:
            w.add(node, P_NT["mode"], MODES_NT[m.mode])
        for person in m.chairs:
            out[(node, P_NT["chair"], iri(person) or nt_iri(person))] = None
        for person in m.participants:
            out[(node, P_NT["participant"], iri(person) or nt_iri(person))] = None
        for org in m.represented:
            out[(node, P_NT["represented"], iri(org) or nt_iri(org))] = None
        derived(out, release, m.iri, node, m.sentence)
        w.add(release, MENTIONS_NT, node)


KIND = Kind("meetings", Meeting, recognise_meetings, _resolve, _emit)
