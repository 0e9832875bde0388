"""The other ways releases write the name of one known entity, so that it stays one node.

- a term before a body's or government's name: "Sixth Legislative Council", "the fourth-term HKSAR
  Government", "the 2nd Term Commission on Poverty" are the Legislative Council, the HKSAR
  Government, the Commission on Poverty (`strip_term`); the term is kept, since a body that counts
  its meetings anew in each term needs it to tell meeting 1 of one term from meeting 1 of the next;
- the jurisdiction a Hong Kong post is written with: "Secretary for Justice of the HKSAR",
  "HKSAR Chief Executive" (`without_jurisdiction`);
- an abbreviation inside a name: "LegCo Secretariat", "Chief Executive of the HKMA"
  (`expansions`, given the reference data's abbreviations).

The callers (kg.resolve) accept a form only when the reference data knows it, so a name the
reference data does not know is never cut down to a shorter known one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_UNITS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_TEENS = (
    "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split()
)
_ORDINALS = {w: i for i, w in enumerate([*_UNITS, *_TEENS, "twentieth"], 1)}
_ORDINAL = r"(?:" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"

# "the sixth", "Sixth-term", "the 2nd Term", "the current-term", "the new": before a known name
_TERM = re.compile(
    rf"^(?:the\s+)?(?:(?P<ord>{_ORDINAL})(?:[\s-]+term)?(?:\s+of\s+the)?|current[\s-]term|new|incoming|outgoing)\s+",
    re.I,
)
# "<ordinal>-term" or "<ordinal> term" written in a sentence before a body's name
_TERM_IN_SENTENCE = r"\b(?P<ord>{ord})[\s-]+term\s+(?:of\s+the\s+)?{body}"


def ordinal(word: str) -> int | None:
    """ "sixth" / "6th" -> 6 (None for anything else)."""
    w = word.lower()
    if w in _ORDINALS:
        return _ORDINALS[w]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
    return int(m.group(1)) if m else None


def strip_term(name: str) -> tuple[str, int | None]:
    """The name without a leading term ("Sixth Legislative Council" -> ("Legislative Council", 6));
    the name itself (and None) when it has none."""
    m = _TERM.match(name)
    if not m or m.end() >= len(name):
        return name, None
    return name[m.end() :], ordinal(m.group("ord")) if m.group("ord") else None


def term_in(sentence: str, body: str) -> int | None:
    """The term a sentence gives a body: "the first meeting of the third-term Commission on
    Poverty" -> 3; None when it gives none."""
    if not body or "term" not in sentence.lower():
        return None
    rx = _TERM_IN_SENTENCE.format(ord=_ORDINAL, body=re.escape(body))
    m = re.search(rx, sentence, re.I)
    return ordinal(m.group("ord")) if m else None


# A Hong Kong post written with its jurisdiction: "... of the HKSAR", "HKSAR ..."
_HK = r"(?:Hong\s+Kong\s+Special\s+Administrative\s+Region|Hong\s+Kong\s+SAR|HKSAR|Hong\s+Kong)"
_JURISDICTION_AFTER = re.compile(rf",?\s+of\s+(?:the\s+)?{_HK}(?:\s+Government)?$", re.I)
_JURISDICTION_BEFORE = re.compile(rf"^(?:the\s+)?{_HK}(?:\s+Government)?(?:'s)?\s+(?=[A-Z])")


def without_jurisdiction(post: str) -> str:
    """The post without "of the HKSAR" after it or "HKSAR" before it (the name when it has neither)."""
    if "Hong Kong" not in post and "HKSAR" not in post:
        return post
    return _JURISDICTION_BEFORE.sub("", _JURISDICTION_AFTER.sub("", post)).strip() or post


_ABBREVIATION = re.compile(r"\b[A-Z][A-Za-z&]*[A-Z][A-Za-z]*\b")


def expansions(name: str, full_name: Callable[[str], str | None]) -> Iterator[str]:
    """The name with each abbreviation in it ("LegCo", "HKMA") written out by `full_name` (the
    full name of the entity it abbreviates, or None): one form per abbreviation that has one,
    then all of them together."""
    spans = []
    for m in _ABBREVIATION.finditer(name):
        full = full_name(m.group())
        if full and full != m.group():
            spans.append((m.start(), m.end(), full))
    for start, end, full in spans:
        yield name[:start] + full + name[end:]
    if len(spans) > 1:
        out, last = [], 0
        for start, end, full in spans:
            out += [name[last:start], full]
            last = end
        yield "".join([*out, name[last:]])


# Mainland posts written with the place before or after the title: "Shenzhen Mayor", "Mayor of
# Shenzhen Municipality", "Vice Mayor of Shenzhen Municipal People's Government" are one post,
# "Mayor of Shenzhen"; "CPC Beijing Municipal Committee Secretary" is "Secretary of the CPC
# Beijing Municipal Committee"; "Macao SAR Chief Executive" is "Chief Executive of the Macao SAR".
_PLACE_WORD = r"(?!(?:Municipality|Province|Municipal|Provincial|Vice|Executive|Mayor|Governor)\b)[A-Z][a-z]+"
_PLACE = rf"(?P<place>{_PLACE_WORD}(?:[ -]{_PLACE_WORD})?)"
_GOVERNMENT = r"(?:\s+(?:Municipality|Province|Municipal(?:\s+People's)?\s+Government|Provincial(?:\s+People's)?\s+Government))?"
_TITLE = r"(?P<title>(?:Executive\s+)?(?:Vice[\s-])?(?:Mayor|Governor))"
_PLACE_TITLE = re.compile(rf"^{_PLACE}{_GOVERNMENT}\s+{_TITLE}$")
_TITLE_OF_PLACE = re.compile(rf"^{_TITLE}\s+of\s+(?:the\s+)?{_PLACE}{_GOVERNMENT}$")
# A Party committee's Secretary, however written: "CPC Shenzhen Municipal Committee Secretary",
# "Shenzhen Municipal Committee Secretary" (a municipal or provincial committee is the CPC's),
# "Party Secretary of the CPC Shenzhen Municipal Committee" -> "Secretary of the CPC Shenzhen ...".
_PARTY_SECRETARY = re.compile(
    r"^(?:CPC\s+)?(?P<place>[A-Z][a-z]+)\s+(?P<level>Municipal|Provincial)\s+Committee\s+(?:Party\s+)?Secretary$"
    r"|^(?:Party\s+)?Secretary\s+of\s+the\s+(?:CPC\s+)?(?P<place2>[A-Z][a-z]+)\s+(?P<level2>Municipal|Provincial)"
    r"\s+Committee$"
)
_REGION_CHIEF = re.compile(
    r"^(?P<region>Macao\s+Special\s+Administrative\s+Region|Macao\s+SAR)\s+Chief\s+Executive$"
)


# "<organisation> <title>" is "<title> of the <organisation>": "FCC Chairperson", "Hong Kong and
# Macao Affairs Office Deputy Director"
_ORG_TITLE = re.compile(
    r"^(?:the\s+)?(?P<org>(?=[A-Z])(?:.*\s)?(?:Office|Department|Bureau|Commission|Council|Committee|Authority|Federation|Association|Chamber|[A-Z]{2,}))\s+"
    r"(?P<title>(?:Deputy\s+|Vice[\s-]|Executive\s+|Assistant\s+)?"
    r"(?:Director(?:[\s-]General)?|Chief\s+Executive(?:\s+Officer)?|Chairperson|Chairman|Chairwoman|President"
    r"|Secretary[\s-]General|Head))$"
)


# A post's organisation written with a comma or a possessive, or without "the": "Executive
# Director, Hong Kong Trade Development Council", "the Federation's Vice-President", "Guangdong's
# Department of ... Director-General", "Chairperson of SWHC" are "... of the <organisation>".
_ORG_END = r"(?:Office|Department|Bureau|Commission|Council|Committee|Authority|Federation|Association|Chamber|Institute|Corporation|Board|[A-Z]{2,})"
_TITLE_COMMA_ORG = re.compile(rf"^(?P<title>[A-Z][^,]*?),\s+(?:the\s+)?(?P<org>(?:[A-Z][^,]*\s)?{_ORG_END})$")
_TITLE_OF_BARE_ORG = re.compile(
    rf"^(?P<title>[A-Z](?:(?!\bof\b)[^,])*?\s+of)\s+(?P<org>(?!the\b)(?:[A-Z][^,]*\s)?{_ORG_END})$"
)
# "the Federation's Vice-President" (an organisation's title), "Guangdong's Department of ..." (a
# place's organisation)
_ORG_POSSESSIVE = re.compile(rf"^(?:the\s+)?(?P<owner>(?:[A-Z][^,]*\s)?{_ORG_END})'s\s+(?P<rest>[A-Z].*)$")
_PLACE_POSSESSIVE = re.compile(rf"^(?P<owner>[A-Z][a-z]+)'s\s+(?P<rest>{_ORG_END}\b.*)$")


def _organisation_written_plainly(post: str) -> str:
    """ "Title, Organisation" / "Owner's Title" / "Title of Organisation" as "Title of the
    Organisation" (or the organisation before the title, for _ORG_TITLE); the post itself when it
    is none of these."""
    if (m := _TITLE_COMMA_ORG.match(post)) and not re.search(r"\b(?:of|for)\b", m.group("title")):
        return f"{m.group('title')} of the {m.group('org')}"
    if "'s " in post and not _ORG_TITLE.match(post):
        if m := _PLACE_POSSESSIVE.match(post):
            return f"{m.group('owner')} {m.group('rest')}"
        if m := _ORG_POSSESSIVE.match(post):
            return f"{m.group('rest')} of the {m.group('owner')}"
    if m := _TITLE_OF_BARE_ORG.match(post):
        return f"{m.group('title')} the {m.group('org')}"
    return post


def canonical_post(post: str) -> str:
    """The one form of a Mainland post written either way round, and of a post whose organisation
    is written with a comma, a possessive or without "the" (see above); the post itself when it
    is not one of these forms."""
    post = _organisation_written_plainly(post)
    if m := _PLACE_TITLE.match(post) or _TITLE_OF_PLACE.match(post):
        title = re.sub(r"Vice[\s-]", "Vice ", m.group("title"))
        return f"{title} of {m.group('place')}"
    if m := _PARTY_SECRETARY.match(post):
        place, level = m.group("place") or m.group("place2"), m.group("level") or m.group("level2")
        return f"Secretary of the CPC {place} {level} Committee"
    if m := _REGION_CHIEF.match(post):
        return f"Chief Executive of the {m.group('region')}"
    if m := _ORG_TITLE.match(post):
        return f"{m.group('title')} of the {m.group('org')}"
    return post


_THE_ABBREVIATION = re.compile(r"\bthe\s+([A-Z][A-Za-z&]*[A-Z][A-Za-z]*)$")  # the last word only


def with_full_names(post: str, full_name: Callable[[str], str | None]) -> str:
    """A post ending in "the <abbreviation>" of a known organisation, written out: "Executive
    Director of the HKTDC" -> "... of the Hong Kong Trade Development Council" (one form for both
    spellings). An abbreviation inside a longer name ("the CPC Hubei Provincial Committee") stays."""
    if "the " not in post:
        return post
    return _THE_ABBREVIATION.sub(lambda m: f"the {full_name(m.group(1)) or m.group(1)}", post)


_GOVERNMENT_OF_REGION = re.compile(
    r"^(?:the\s+)?(?:People's\s+)?Government\s+of\s+(?:the\s+)?(?P<place>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+"
    r"(?P<level>Province|Municipality)$"
)


def government_form(name: str) -> str:
    """ "Government of Sichuan Province" -> "Sichuan Provincial Government", "Government of
    Shenzhen Municipality" -> "Shenzhen Municipal Government" (the name when it is neither)."""
    m = _GOVERNMENT_OF_REGION.match(name)
    if not m:
        return name
    level = "Provincial" if m.group("level") == "Province" else "Municipal"
    return f"{m.group('place')} {level} Government"
