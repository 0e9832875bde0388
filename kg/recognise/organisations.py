"""Organisations a release names: governments, bureaux, departments, offices, agencies,
statutory bodies, companies, universities and party organs (not bodies that meet, not places).

Names are found by kg.recognise.names (head nouns, known names, "X of the Y"); this module keeps
the organisations, one record per entity, with the abbreviations and short forms the release
defines for it as other names and the parent an "X of the Y" name gives.
"""

from __future__ import annotations

import re

from kg.model import Organisation
from kg.recognise.document import Document
from kg.recognise.forms import Example, Form
from kg.recognise.names import NameMention, form_name, is_abbreviation, key, sentence_at
from kg.recognise.zones import zone_company
from kg.reference import load_reference

# "central government leaders", "the support of the central government": the Central People's
# Government written in lower case (not "Thailand's central government", "the central government
# of X", nor "central government's" after a capitalised country word).
LOWER_CENTRAL = "the central government in lower case"
_LOWER_CENTRAL_RE = re.compile(r"(?<![A-Za-z\-])central government(?![\w\-]| of\b)")
_CENTRAL = "Central Government"


# A court named only as where a hearing or a conviction took place is a venue ("convicted at the
# X Magistrates' Courts", "heard in the Court of Final Appeal"), not the institution.
_AT = re.compile(r"\b(?:at|in)\s+(?:the\s+)?\Z")
_COURT = frozenset(("Court", "Courts"))


def _as_venue(m: NameMention) -> bool:
    """Whether a court is named as a place: after "at" or "in"."""
    name = m.entry.label if m.entry is not None else m.name
    return not _COURT.isdisjoint(name.split()[:4]) and bool(_AT.search(m.text, max(0, m.start - 12), m.start))


def _display_name(m: NameMention) -> str:
    """The full name: a known entity named only by its abbreviation gets its reference label."""
    if m.entry is not None and (
        is_abbreviation(m.name) or len(m.name.split()) < len(m.entry.label.split()) - 3
    ):
        return m.entry.label
    return m.name


def _entity_key(m: NameMention) -> str:
    return m.entry.iri if m.entry is not None else key(m.name)


def _lower_central(doc: Document) -> Organisation | None:
    """The Central People's Government named in lower case, when no capitalised word (a country,
    a possessive) stands right before it."""
    for text in doc.segments:
        for m in _LOWER_CENTRAL_RE.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()].split()
            if before and before[-1][:1].isupper() and before[-1] not in ("The", "the"):
                continue
            return Organisation(
                name=_CENTRAL,
                sentence=sentence_at(text, m.start()),
                form=form_name("organisation", LOWER_CENTRAL),
            )
    return None


def recognise_organisations(doc: Document) -> list[Organisation]:
    """One `Organisation` per organisation the release names, in order of first mention."""
    found: dict[str, Organisation] = {}
    alias: dict[str, str] = {}  # key of another name the release gave -> entity key
    for m in doc.names:
        if m.kind != "org" or _as_venue(m):
            continue
        k = _entity_key(m)
        k = alias.get(key(m.name), k)
        for a in m.alt_labels:
            alias.setdefault(key(a), k)
        name = _display_name(m)
        alts = [a for a in (m.name, *m.alt_labels) if a != name]
        part_of = None
        if m.parent is not None and m.parent.kind == "org":
            part_of = _display_name(m.parent)
        org = found.get(k)
        if org is None:
            found[k] = Organisation(
                name=name,
                sentence=m.sentence,
                alt_labels=tuple(dict.fromkeys(alts)),
                part_of=part_of,
                form=form_name("organisation", m.form),
            )
            continue
        merged = [a for a in (*org.alt_labels, name, *alts) if a != org.name]
        org.alt_labels = tuple(dict.fromkeys(merged))
        if org.part_of is None:
            org.part_of = part_of
    for company in zone_company(doc).values():
        entry = load_reference().lookup(company.name, ("org",))
        found.setdefault(entry.iri if entry is not None else key(company.name), company)
    central = _lower_central(doc) if "central government" in doc.written else None
    if central is not None:
        entry = load_reference().lookup(_CENTRAL, ("org",))
        k = entry.iri if entry is not None else key(_CENTRAL)
        if alias.get(key(_CENTRAL), k) not in found:
            found[k] = central
    return list(found.values())


ORGANISATION_FORMS: tuple[Form, ...] = (
    Form(
        form_name("organisation", LOWER_CENTRAL),
        "organisation",
        ("the?", "central", "government"),
        (
            Example(
                "Reporter: Will you meet central government leaders in Beijing this week?",
                {"name": _CENTRAL},
            ),
            Example(
                "The Chief Executive thanked the central government for its staunch support.",
                {"name": _CENTRAL},
            ),
        ),
    ),
)
