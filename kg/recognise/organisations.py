"""Organisations a release names: governments, bureaux, departments, offices, agencies,
statutory bodies, companies, universities and party organs (not bodies that meet, not places).

Names are found by kg.recognise.names (head nouns, known names, "X of the Y"); this module keeps
the organisations, one record per entity, with the abbreviations and short forms the release
defines for it as other names and the parent an "X of the Y" name gives.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.lexicon import (
    ATTRIBUTIVE_AFTER,
    BARE_AGENCIES,
    LANDMARK_AFTER,
    LANDMARK_BEFORE,
    PLURAL_ORG_HEADS,
    TITLE_WORDS,
    VENUE_OCCASIONS,
)
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
_AT_ONLY = re.compile(r"\bat\s+(?:the\s+)?\Z")
_CLAUSE_END = re.compile(r"[,;:.()\n]")
_LANDMARK_LAST = frozenset(phrase.split()[-1] for phrase in LANDMARK_BEFORE)
_LANDMARK_ENDS = tuple(" " + phrase for phrase in LANDMARK_BEFORE)
_LANDMARK_AFTER = re.compile(r"(?:'s|’s)?\s+(?:" + "|".join(LANDMARK_AFTER) + r")s?\b")
_QUOTES = frozenset("\"“”'‘’")


def _end(m: NameMention) -> int | None:
    """Where the name ends in its text, when it is written there as read."""
    return m.start + len(m.name) if m.text.startswith(m.name, m.start) else None


def _court_as_venue(m: NameMention) -> bool:
    """A court named as a place: after "at" or "in"."""
    name = m.entry.label if m.entry is not None else m.name
    if "Court" not in name:
        return False
    return not _COURT.isdisjoint(name.split()[:4]) and bool(_AT.search(m.text, max(0, m.start - 12), m.start))


def _occasion_venue(m: NameMention) -> bool:
    """Where an occasion is held: "at the X" with the occasion's word earlier in the clause ("a
    luncheon at the X Club", "the opening ceremony of the Y Conference at the X Academy"), not a
    host ("at the X's annual dinner")."""
    near = max(0, m.start - 12)
    if m.text.find("at", near, m.start) < 0:
        return False
    at = _AT_ONLY.search(m.text, near, m.start)
    end = _end(m)
    if at is None or end is None or m.text.startswith(("'", "’"), end):
        return False
    clause = _CLAUSE_END.split(m.text[max(0, m.start - 160) : at.start()])[-1]
    return not VENUE_OCCASIONS.isdisjoint(clause.lower().split())


def _landmark(m: NameMention) -> bool:
    """A landmark of directions: "near the X Club", "the X Association car parks"."""
    end = _end(m)
    before = m.text[max(0, m.start - 24) : m.start].split()[-4:]
    if before and before[-1] == "the":
        before.pop()
    near = bool(before) and before[-1] in _LANDMARK_LAST and (" " + " ".join(before)).endswith(_LANDMARK_ENDS)
    return near or (end is not None and _LANDMARK_AFTER.match(m.text, end) is not None)


def _title(m: NameMention) -> bool:
    """The title of a work, an exhibition or a programme: the name fills a pair of quotation marks
    after a word saying so ('the dance drama "X Society"', 'an exhibition entitled "Y Club"'; a
    new office written in quotation marks stays an organisation)."""
    end, start = _end(m), m.start
    if m.text.endswith(("The ", "the "), 0, start):  # '"The X Company"'
        start -= 4
    if end is None or start < 2 or m.text[start - 1] not in _QUOTES or m.text[end : end + 1] not in _QUOTES:
        return False
    before = m.text[max(0, start - 30) : start - 1].split()
    return bool(before) and before[-1] in TITLE_WORDS


def _cut_at_initial(m: NameMention) -> bool:
    """A name read only from after an initial's full stop ("the Y. Elites Association Limited"
    read as "Elites Association Limited"): not the organisation's name."""
    st = m.start
    return (
        st >= 7
        and m.text[st - 2 : st] == ". "
        and m.text[st - 3].isupper()
        and m.text[st - 7 : st - 3] in ("the ", "The ")
    )


@dataclass(frozen=True, slots=True)
class NotNamed:
    """A place where an organisation's name names something else (a venue, a landmark, a title):
    the mention there makes no organisation (one named elsewhere in the release still counts).
    Each example is a sentence and the name it does not make an organisation of (a test)."""

    name: str
    test: Callable[[NameMention], bool]
    examples: tuple[tuple[str, str], ...]


NOT_NAMED: tuple[NotNamed, ...] = (
    NotNamed(
        "a court where a hearing or a conviction took place",
        _court_as_venue,
        (("The man was convicted at the Court of Final Appeal.", "Court of Final Appeal"),),
    ),
    NotNamed(
        "the place of an occasion",
        _occasion_venue,
        (
            (
                "Following is the speech by the Secretary for Security, Mr Lee Siu-kwan, at the opening "
                'ceremony of the "Regional Forum on Drug Abuse" at the Hong Kong Academy of Nursing this '
                "morning (May 3):",
                "Hong Kong Academy of Nursing",
            ),
            ("He later spoke at a luncheon at the Kowloon Cricket Club.", "Kowloon Cricket Club"),
        ),
    ),
    NotNamed(
        "a landmark in directions",
        _landmark,
        (
            (
                "- Eastern kerbside of Sports Road near the Happy Valley Recreation Club;",
                "Happy Valley Recreation Club",
            ),
            (
                "- vehicles leaving the Caroline Athletic Association car parks will be diverted;",
                "Caroline Athletic Association",
            ),
        ),
    ),
    NotNamed(
        "a title in quotation marks",
        _title,
        (
            (
                'The dance drama "Harbour Tigers Association" will be staged on May 3.',
                "Harbour Tigers Association",
            ),
            (
                'The LCSD presents an exhibition entitled "The Peak Tramways Company" from May 3.',
                "Peak Tramways Company",
            ),
        ),
    ),
)


NOT_NAMED = (
    *NOT_NAMED,
    NotNamed(
        "a name cut at an initial",
        _cut_at_initial,
        (("Mr Leung is also the Chairman of the K. Orient Holdings Limited.", "Orient Holdings Limited"),),
    ),
)


def _not_named(m: NameMention) -> bool:
    return any(rule.test(m) for rule in NOT_NAMED)


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


# "Customs will continue to ...", "a report to Police on May 8": the department named by one word,
# as its own releases write it; not a modifier ("Customs officers", "Police constable"), not part
# of a longer name ("Macau Customs", "Police Tactical Unit"), not after "the" (a known name then).
BARE_AGENCY = "a department named by one word"
_BARE_AGENCY_RE = re.compile(
    r"(" + "|".join(BARE_AGENCIES) + r")(?!['\w\-]| and Excise)(?=(\s*[,.;:)]|\s+([a-z]+)))"
)


@functools.cache
def _known_key(name: str) -> str:
    """The entity key of a name the reference data knows (else its own key)."""
    entry = load_reference().lookup(name, ("org",))
    return entry.iri if entry is not None else key(name)


def _bare_agencies(doc: Document, wanted: set[str]) -> list[Organisation]:
    """The departments named by one word (BARE_AGENCIES, those `wanted`) in the release, once each."""
    out: dict[str, Organisation] = {}
    for text in doc.segments:
        for m in _BARE_AGENCY_RE.finditer(text):
            word, nxt = m.group(1), m.group(3)
            if word in out or word not in wanted or (nxt is not None and nxt in ATTRIBUTIVE_AFTER):
                continue
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
                continue  # inside a word
            before = text[max(0, m.start() - 20) : m.start()].split()
            if before and (
                before[-1] in ("the", "The") or (before[-1][:1].isupper() and before[-1][-1:].isalpha())
            ):
                continue
            out[word] = Organisation(
                name=BARE_AGENCIES[word],
                sentence=sentence_at(text, m.start()),
                alt_labels=(word,),
                form=form_name("organisation", BARE_AGENCY),
            )
    return list(out.values())


# "the Home Affairs and Social Welfare Departments", "the Departments of Health and Justice": names
# sharing a plural head, kept only when each name they make is a known one.
SHARED_HEAD = "known names sharing a plural head"
_PLURAL = "|".join(sorted(PLURAL_ORG_HEADS, key=len, reverse=True))
_PLURAL_HINT = re.compile(rf"\b(?:{_PLURAL})\b")
_WORDS = r"[A-Z][\w&'\-]*(?: [A-Z&][\w&'\-]*)*"
_ITEMS = rf"{_WORDS}(?:(?:, | and ){_WORDS})+"
_ITEMS_BEFORE_RE = re.compile(rf"({_ITEMS}) \Z")  # searched in a short window before the head
_ITEMS_AFTER_RE = re.compile(rf" of ({_ITEMS})")  # matched right after it
_ITEM_CUT = re.compile(r", (?:and )?| and ")
_WINDOW = 120  # characters: the names are looked for this far from their head, so the work stays linear


def _shared_heads(doc: Document) -> list[Organisation]:
    """Known organisations named with a shared plural head (see SHARED_HEAD)."""
    reference = load_reference()
    out: list[Organisation] = []
    for text in doc.segments:
        for h in _PLURAL_HINT.finditer(text):
            head = PLURAL_ORG_HEADS[h.group()]
            before = _ITEMS_BEFORE_RE.search(text[max(0, h.start() - _WINDOW) : h.start()])
            after = _ITEMS_AFTER_RE.match(text[h.end() : h.end() + _WINDOW])
            for m, of in ((before, False), (after, True)):
                if m is None:
                    continue
                names = [f"{head} of {x}" if of else f"{x} {head}" for x in _ITEM_CUT.split(m.group(1))]
                entries = [reference.lookup(n, ("org",)) for n in names]
                if any(e is None for e in entries):
                    continue
                out.extend(
                    Organisation(
                        name=e.label,
                        sentence=sentence_at(text, h.start()),
                        form=form_name("organisation", SHARED_HEAD),
                    )
                    for e in entries
                    if e is not None
                )
    return out


def recognise_organisations(doc: Document) -> list[Organisation]:
    """One `Organisation` per organisation the release names, in order of first mention."""
    found: dict[str, Organisation] = {}
    alias: dict[str, str] = {}  # key of another name the release gave -> entity key
    for m in doc.names:
        if m.kind != "org" or _not_named(m):
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
    wanted = {w for w, name in BARE_AGENCIES.items() if w in doc.written and _known_key(name) not in found}
    for org in _bare_agencies(doc, wanted) if wanted else ():
        k = _known_key(org.name)
        if alias.get(key(org.name), k) not in found:
            found[k] = org
    if any(plural in doc.written for plural in PLURAL_ORG_HEADS):
        for org in _shared_heads(doc):
            entry = load_reference().lookup(org.name, ("org",))
            k = entry.iri if entry is not None else key(org.name)
            if alias.get(key(org.name), k) not in found:
                found[k] = org
    central = _lower_central(doc) if "central government" in doc.written else None
    if central is not None:
        entry = load_reference().lookup(_CENTRAL, ("org",))
        k = entry.iri if entry is not None else key(_CENTRAL)
        if alias.get(key(_CENTRAL), k) not in found:
            found[k] = central
    return list(found.values())


ORGANISATION_FORMS: tuple[Form, ...] = (
    Form(
        form_name("organisation", SHARED_HEAD),
        "organisation",
        ("KNOWN-WITHOUT-HEAD", "(, | and KNOWN-WITHOUT-HEAD)+", "Departments|Bureaux|Governments|..."),
        (
            Example(
                "The Home Affairs and Social Welfare Departments will set up a joint hotline.",
                {"name": "Social Welfare Department"},
            ),
            Example(
                "Officers of the Departments of Health and Justice attended the briefing.",
                {"name": "Department of Justice"},
            ),
        ),
    ),
    Form(
        form_name("organisation", BARE_AGENCY),
        "organisation",
        ("Customs|Police", "VERB|,|.|and"),
        (
            Example(
                "Customs welcomes the sentence. Customs officers seized 4 000 duty-not-paid cigarettes.",
                {"name": "Customs and Excise Department"},
            ),
            Example(
                "The boy's family made a report to Police on March 12.",
                {"name": "Hong Kong Police Force"},
            ),
        ),
    ),
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
