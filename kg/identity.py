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
