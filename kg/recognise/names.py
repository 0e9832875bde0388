"""Proper names of organisations and zones in a release: the shared machinery of
kg.recognise.organisations and kg.recognise.zones.

House style: a name is a run of capitalised words (with "and", "&", "of", "for", commas inside,
as in "Culture, Sports and Tourism Bureau") ending in a head noun that says what it is (Bureau,
Department, Government, Limited, University, Zone, Park, ...), optionally followed by "of [the] Y"
("Hong Kong and Macao Affairs Office of the State Council"). One pass over each text segment
(title, body, captions) finds:

- rule names: a head noun, extended left over capitalised words and right over "of/for/in"
  ("Hong Kong Economic and Trade Office, Berlin": an overseas office's city after a comma; "China
  (Shanghai) Pilot Free Trade Zone": a bracketed place inside a zone's name), or a head noun that
  opens a name in another language ("Camera Nazionale della Moda Italiana");
- known names: the names and abbreviations of the reference data (kg.reference), by token lookup;
- "the governments of A and B" and "the A and B governments";
- organisations without a head noun that the text describes as such: "technology company X",
  "X, a non-profit organisation,", "organised by X and Y" (not a place, a person or a post).

A "Shanghai Municipal Committee" is a party organ beside a party post ("Party Secretary of the
..."), otherwise a body that meets. Overlaps keep the longest name; a name inside another counts
only as the parent of an "X of [the] Y" name. A name inside the name of an event, plan, fund,
agreement or meeting body ("Development Plan for ...", "Joint Task Force on ... in the Loop",
"University of Hong Kong Spring Career Fair", "Hospital Authority (HA) Convention 2026") is
dropped. Brackets right after a name give its other names ("(CEDD)", "(the Loop)"); "Hong Kong
Special Administrative Region (HKSAR) Government" reads through the bracket. A typo gluing "the"
to a name ("theHong Kong ...") is read as two words. The result, `NameMention`s, is shared by both
recognisers (cached per release).

Speed: the text is tokenised by one compiled expression (lower-case runs are single tokens);
only tokens that can start or end a name (known first words, head nouns) are looked at, and cue
words are found with str.find, their tokens by bisecting the character offsets.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress
from operator import itemgetter

from kg.lexicon import (
    AGENCY_OR_BODY_HEADS,
    AGENCY_WORDS,
    AND_STOP,
    BODY_HEADS,
    CITIES,
    ENDS_NAME,
    EVENT_HEADS,
    EXCHANGE_NOT,
    FOREIGN_CONNECTORS,
    GENERIC,
    HONORIFIC_WORDS,
    HOSTED_NOUNS,
    IN_HEADS,
    INTERESTING,
    KIND_NOUNS,
    LAST_WORD_HEADS,
    LEADING_HEADS,
    LEFT_STOP,
    MEMBERS_HEADS,
    MONTHS,
    NAME_OF_THINGS,
    NAME_POSSESSIVES,
    NON_NAME,
    NOT_ORG_WHEN,
    OPENING_PARTICIPLES,
    ORG_BY_WORD_BEFORE,
    ORG_CLASSES,
    OTHER_HEADS,
    PERSON_TITLES,
    PLACE_WORDS,
    PLURAL_ZONES,
    POST_HEADS,
    SAINTS,
    SEQ_STOP_ALL,
    SHORT_ZONES,
    SURNAMES,
    TYPING_NOUNS,
    UNIT_CENTRE,
    WEEKDAYS,
    ZONE_GENERIC,
    ZONE_HEADS,
    ZONE_QUALIFIERS,
    ZONE_RULES,
)
from kg.recognise.document import Document
from kg.recognise.forms import Example, Form
from kg.recognise.memo import per_word
from kg.recognise.text import sentence_stops
from kg.reference import Entry, Reference, entity_key, load_reference

# How a name was read (a NameMention's `form`); a record's form is "organisation: " or "zone: " and
# this (NAME_FORMS, at the end, has the table with examples).
KNOWN = "known name"
HEADED = "capitalised name ending in its head noun"
LEADING = "name opened by its head noun"
PLURAL = "names sharing a plural head"
GOVERNMENTS_OF = "the governments of A and B"
GOVERNMENTS_AFTER = "the A and B governments"
TYPED = "name after a noun saying what it is"
APPOSITION = "name, a noun saying what it is"
BY = "name after organised by"
INVITED = "name after at the invitation of"
INTERVIEW = "name after an interview with"
HOST = "name's event or invitation"

# ---------------------------------------------------------------------------------------------
# Word lists

# A body shown meeting: "the fifth meeting of the X Commission", "the X Commission met".
_MEETS_BEFORE = re.compile(
    r"(?:meeting|plenary|members?|convene[sd]?|chair(?:ed|man|person|woman)?)\W+(?:\w+\W+){0,4}?\Z"
)
_MEETS_AFTER = re.compile(r"(?:\s*\([^)]*\))?\s+(?:convene[sd]?|holds|held|meets|met|members|chaired)\b")
_BY_CUES = ("organised by", "organized by", "hosted by", "presented by", "sponsored by", "co-produced by")
_BY_OPENERS = frozenset("Organised Organized Co-organised Co-organized Hosted Presented Sponsored".split())
_APPOSITION = ("a ", "an ", "which is a ", "which is an ", "which was a ", "which was an ")
# Where the cues above are in a text (most texts have none): the tokens there are looked at.
_CUES = (" by ", "invitation of ", "interview with ", *(f"{noun} " for noun in TYPING_NOUNS))
_ORGANISED_BY = ("organised by", "organized by")
_HOST_RE = re.compile(r"'s (?:[a-z][a-z\-]* ){0,2}?(?:" + "|".join(sorted(HOSTED_NOUNS)) + r")\b")
_PERSONAL_HOSTED = frozenset(("invitation", "board", "shareholders"))  # a one-word name: a person too
_HOST_CUT = frozenset(("of", "for", "&", "and"))  # before a host's words: they end a longer name
_ORGANISED = frozenset("Organised Organized Co-organised Co-organized".split())
_APPOSITION_RE = re.compile(
    r", (?:which (?:is|was) )?an? [^,.;:()\"\n]{0,80}?(?:"
    + "|".join(sorted(KIND_NOUNS, key=len, reverse=True))
    + ")"
)
_APPOSITION_END = frozenset([",", ".", ";", "(", ")", "\n", ":", '"'])
_RUN_ON_OK = frozenset("Phase Stage Batch Development".split()) | HONORIFIC_WORDS
# Last words of names that have a head noun (or name an event, venue or place): such a name is
# decided by its head, not by a cue around it.
_HEADED = frozenset(ORG_CLASSES) | ZONE_HEADS | OTHER_HEADS | EVENT_HEADS | {"Areas", "Zones", "Parks"}
_PREPOSITIONS = frozenset("of for on in to".split())
_NAME_CONNECTORS = frozenset("of & to for".split()) | FOREIGN_CONNECTORS
_NAME_ARTICLES = frozenset("the The la le les".split())
_ARTICLES = frozenset(("the", "The"))

# Words that join the words of a name, in English and in the other languages whose names the
# releases quote ("Fédération de la Haute Couture et de la Mode", "Camera Nazionale della Moda").
_CONNECTOR_WORDS = (  # of and for the in on to de du des la le les et della delle dei degli del di
    # und für governments, factored by first letters (the tokeniser tries them before every word)
    r"(?:o[fn]|and|f(?:or|ür)|t(?:he|o)|in|d(?:e(?:s|l(?:l[ae])?|i|gli)?|u|i)|l(?:a|es?)|et|und"
    r"|governments)(?![\w'\-])"
)
# A typo glues "the" (or "of", "and") to the name after it: "theHong Kong Special Administrative
# Region Government" reads "the" + "Hong ...".
_GLUED_WORDS = r"(?:the|of|and)(?=[A-Z])"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# Tokens: a capitalised word (apostrophes and hyphens inside kept; a closing quote or hyphen at
# its end is dropped by _Segment), a connector, a run of other lower-case words (one token: it
# only ever separates names), a line break, or one punctuation mark. Accented letters are letters.
TOKEN_RE = re.compile(
    f"[{_UPPER}][{_LETTER}0-9&'\\-]*|"
    + _CONNECTOR_WORDS
    + "|"
    + _GLUED_WORDS
    + r"|[^\W_A-Z](?:[\w'\-]*)(?:[ ]+(?!"
    + _CONNECTOR_WORDS
    + "|"
    + _GLUED_WORDS
    + f"|[{_UPPER}])[^\\W_A-Z][\\w'\\-]*)*|\n|[^\\s{_LETTER}0-9]"
)
_SPACED_TOKEN_RE = re.compile(r"([^\S\n]*)(" + TOKEN_RE.pattern + ")")
# Characters a capitalised token goes on with: a quote or hyphen before any other character ends
# a word ("Kong'", "co-"), and _Segment drops it from the word.
_WORD_GOES_ON = frozenset(c for c in map(chr, range(0x250)) if re.match(f"[{_LETTER}0-9&'\\-]", c))


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _marks_at_word_ends(text: str) -> list[int]:
    """Where a word of the text may end in a quote or hyphen (str.find, no regular expression)."""
    out: list[int] = []
    for mark in "'-":
        p = text.find(mark)
        while p >= 0:
            if text[p + 1 : p + 2] not in _WORD_GOES_ON:
                out.append(p)
            p = text.find(mark, p + 1)
    return out


_BRIDGE_HINT = re.compile(r" \([A-Z][A-Za-z&\-]*[A-Z]\) [A-Z]")  # a literal start: a fast search
_WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&\-]*|[^\sA-Za-z0-9]")
_ABBR_RE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z&.\-]*[A-Za-z]$|^[A-Z]{2,}s?$")


@per_word
def is_abbreviation(word: str) -> bool:
    """Whether a word is an abbreviation such as "CEDD", "HKSAR", "C&ED", "LandsD" or "HSITPL"."""
    return bool(_ABBR_RE.match(word)) and not word.istitle()


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(slots=True)
class NameMention:
    """One organisation, zone or body named in a release (before resolution)."""

    kind: str  # "org" | "zone" | "body"
    name: str  # as written (without a leading "the" or bracketed abbreviation)
    text: str  # the segment it was read from (see `sentence`)
    cls: str  # ontology class local name guessed from the head, or the reference entry's
    entry: Entry | None = None  # the reference entity it names, when known
    alt_labels: list[str] = field(default_factory=list)
    parent: NameMention | None = None  # the entity named in "X of [the] Y"
    short: bool = False  # a short form ("the Co-operation Zone") to be bound to a full name
    start: int = 0  # character offset in its segment
    segment: int = 0  # 0 title, 1 body, 2+ captions
    form: str = ""  # how it was read: KNOWN, HEADED, ... (see NAME_FORMS)

    @property
    def sentence(self) -> str:
        """The sentence the name was read from."""
        return sentence_at(self.text, self.start)


@dataclass(slots=True)
class _Cand:
    a: int  # token span [a, b)
    b: int
    kind: str
    cls: str
    entry: Entry | None = None
    gaz: bool = False
    parent: _Cand | None = None
    inner: bool = False
    alts: list[str] = field(default_factory=list)
    name: str = ""
    short: bool = False
    extra: str = ""  # " in Dubai" read after a bracket
    form: str = ""  # how it was read: one of the name forms (KNOWN, HEADED, ...)


class _Segment:
    """Tokens of one text (title, body or caption); character offsets are worked out on demand."""

    __slots__ = ("_starts", "bridges", "n", "pairs", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        pairs: list[tuple[str, str]] = _SPACED_TOKEN_RE.findall(text)
        words: list[str] = list(map(_SECOND, pairs))
        self.pairs = pairs
        self._starts: list[int] | None = None
        marks = _marks_at_word_ends(text)
        if marks:
            starts = self.starts
            for p in marks:
                k = bisect_right(starts, p) - 1
                t = words[k]
                if len(t) > 1 and starts[k] + len(t) == p + 1 and not (t.endswith("s'") and t[0].isupper()):
                    words[k] = t[:-1]  # "Kong'" (but "Manufacturers'"); pairs keep the text as written
        # "Hong Kong Special Administrative Region (HKSAR) Government": read through the bracket.
        self.bridges: dict[int, str] = {}
        if _BRIDGE_HINT.search(text):
            starts = self.starts
            drop: list[int] = []
            last = len(words) - 4
            i = 0
            while True:
                try:
                    i = words.index("(", i + 1, last + 1)
                except ValueError:
                    break
                if (
                    words[i + 2] == ")"
                    and is_abbreviation(words[i + 1])
                    and _is_cap(words[i - 1])
                    and words[i - 1] not in ORG_CLASSES
                    and (words[i - 1] not in ZONE_HEADS or words[i - 1] == "Region")
                    and (words[i - 1] not in OTHER_HEADS or _head_alone(words, i + 3))
                    and _is_cap(words[i + 3])
                    and words[i + 3] not in LEFT_STOP
                    and not _names_an_organisation(words, i)
                ):
                    drop.append(i)
            for n_before, i in enumerate(drop):
                self.bridges[i - 3 * n_before] = words[i + 1]  # index of the word after the bracket
            for i in reversed(drop):
                del words[i : i + 3], pairs[i : i + 3], starts[i : i + 3]
            self._starts = starts
        self.words = words
        self.n = len(words)

    @staticmethod
    def _offsets(pairs: list[tuple[str, str]]) -> list[int]:
        # Lengths of space, token, space, token, ...: a token starts where its space ends.
        return list(accumulate(map(len, chain.from_iterable(pairs))))[0::2]

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = self._offsets(self.pairs)
        return self._starts

    def span_text(self, a: int, b: int) -> str:
        """The words a..b-1 as written, single-spaced, a bracket read through dropped."""
        pairs, words = self.pairs, self.words
        if all(map(_FIRST, pairs[a + 1 : b])):  # a space before each word but the first
            return " ".join(words[a:b])
        return "".join(((" " if pairs[k][0] else "") if k > a else "") + words[k] for k in range(a, b))


@per_word
def _is_left_word(w: str) -> bool:
    """Whether a name can go on to the left over the word (a capitalised word that is no opener,
    title, month or day, nor a possessive outside a name)."""
    if not w[0].isupper() or w in LEFT_STOP:
        return False
    return not (w.endswith(("'s", "s'")) and w not in NAME_POSSESSIVES)


_LEFT_WORD: dict[str, bool] = _is_left_word.known  # type: ignore[attr-defined]


def _head_alone(words: list[str], k: int) -> bool:
    """Whether words[k] is an organisation's head noun that ends the name alone: "the
    Hong Kong-Zhuhai-Macao Bridge (HZMB) Authority where ..." is the authority of the bridge."""
    return words[k] in ORG_CLASSES and (k + 1 >= len(words) or not _is_cap(words[k + 1]))


def _names_an_organisation(words: list[str], i: int) -> bool:
    """Whether the run of name words before index i holds an organisation's head noun ("China
    Council for the Promotion of International Trade (CCPIT) Guangdong Sub-Council")."""
    k = i - 1
    while k >= 0 and i - k < 14 and (_is_cap(words[k]) or words[k] in ("of", "for", "the", "and", "&")):
        if words[k] in ORG_CLASSES:
            return True
        k -= 1
    return False


def _is_given_name(w: str) -> bool:
    """A word that can follow a surname in a Chinese name ("Xiaojun", "Man-cheong")."""
    return (
        _is_cap(w)
        and w not in NAME_OF_THINGS
        and w not in ORG_CLASSES
        and w not in ZONE_HEADS
        and w != "Kong"
    )


def _is_plural(w: str) -> bool:
    """A plain plural ("Cities", "Universities"), not a possessive or a word ending in "ss"."""
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "'s", "s'"))


def _maybe_inside(w: str) -> bool:
    return w in ORG_CLASSES or w in ZONE_HEADS or w in ("Limited", "Ltd")


def _initials_fit(abbr: str, words: list[str]) -> bool:
    """Whether the capitals of an abbreviation are the initials of the name's capitalised words."""
    caps = [c for c in abbr if c.isupper()]
    initials = [x[0] for x in words if _is_cap(x)]
    return caps == initials


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _strip_possessive(w: str) -> str:
    return w[:-2] if w.endswith("'s") else w


# ---------------------------------------------------------------------------------------------
# The gazetteer of known names (reference data), matched token by token


# Words spelt two ways in names, by the key known names are looked up with (other words: themselves).
_TOKEN_KEYS = {
    "&": "and",
    **{w: w.lower() for w in ("the", "The", "of", "for", "in", "on", "to")},
    "Co-operation": "Cooperation",
    "Macau": "Macao",
}


def _token_key(w: str) -> str:
    return _TOKEN_KEYS.get(w, w)


_OFFICE_CITY = re.compile(r"Economic and Trade Office in ([A-Z][\w ]+)$")
_FIRST_VARIANTS = {"Cooperation": ("Co-operation",), "Macao": ("Macau",)}
_END = ""  # the trie key under which a node keeps the names that end there


@dataclass(frozen=True, slots=True)
class _Known:
    length: int  # tokens
    entry: Entry
    needs_the: bool


class Gazetteer:
    """Known names of organisations, bodies and zones: a trie over token keys, entered from the
    first word of a name as written (see `match`)."""

    def __init__(self, reference: Reference) -> None:
        self.first: dict[str, dict] = {}
        for e in reference.entries.values():
            if e.kind not in ("org", "body", "zone"):
                continue
            for name in e.names:
                needs_the = name.startswith("the ")
                words = _WORD_RE.findall(name.removeprefix("the "))
                if not words or not _is_cap(words[0]):
                    continue
                if len(words) == 1 and len(words[0]) <= 2:
                    continue  # "LD", "NM", "HA": only when defined in the release
                keys = [_token_key(w) for w in words]
                known = _Known(len(words), e, needs_the)
                for first in {words[0], keys[0], *_FIRST_VARIANTS.get(keys[0], ())}:
                    node = self.first.setdefault(first, {})
                    for k in keys[1:]:
                        node = node.setdefault(k, {})
                    node.setdefault(_END, []).append(known)
        # Cities of the overseas offices ("Hong Kong Economic and Trade Office in Berlin").
        self.office_cities = frozenset(
            m.group(1) for e in reference.entries.values() for n in e.names if (m := _OFFICE_CITY.search(n))
        )
        # The words a name can be read from: known first words and head nouns, possessive or not.
        wanted = set(self.first) | INTERESTING
        self.wanted = frozenset(wanted | {w + "'s" for w in wanted})

    def match(self, words: list[str], i: int) -> _Known | None:
        """The longest known name starting at token i (a possessive "'s" may end it)."""
        first = words[i]
        node = self.first.get(first)
        if node is None and first.endswith("'s"):
            node = self.first.get(first[:-2])
        if node is None:
            return None
        best: _Known | None = None
        the = i > 0 and words[i - 1] in _ARTICLES
        j = i + 1
        n = len(words)
        stripped = node is self.first.get(first[:-2]) if first.endswith("'s") else False
        while node is not None:
            for k in node.get(_END, ()):
                if (not k.needs_the or the) and (best is None or k.length > best.length):
                    best = k
            if j >= n or stripped:
                break
            w = words[j]
            nxt = node.get(w) or node.get(_TOKEN_KEYS.get(w, w))
            if nxt is None and w.endswith("'s"):
                nxt = node.get(_token_key(w[:-2]))  # the name ends at a possessive
                stripped = True
            node = nxt
            j += 1
        return best


def _continues(node: dict, w: str) -> bool:
    """Whether a known name can go on from `node` with the word `w`."""
    return w in node or _TOKEN_KEYS.get(w, w) in node or (w.endswith("'s") and _token_key(w[:-2]) in node)


@functools.lru_cache(maxsize=4)
def gazetteer(reference: Reference | None = None) -> Gazetteer:
    return Gazetteer(reference or load_reference())


# ---------------------------------------------------------------------------------------------
# The analysis of one segment


# The tests of lexicon.NOT_ORG_WHEN: (the word before the head, the capitalised words before it,
# every word of the name, the listed words) -> whether the name is no organisation.
_NOT_ORG_TESTS = {
    "single word before in": lambda prev, before, words, listed: prev in listed and not before[:-1],
    "last word before in": lambda prev, before, words, listed: bool(before) and before[-1] in listed,
    "all words before in": lambda prev, before, words, listed: (
        bool(before) and all(x in listed for x in before)
    ),
    "holds one of": lambda prev, before, words, listed: bool(words & listed),
}


class _Analyser:
    def __init__(self, seg: _Segment, gaz: Gazetteer, reference: Reference, release_text: str) -> None:
        self.seg = seg
        self.w = seg.words
        self.n = seg.n
        self.gaz = gaz
        self.reference = reference
        self.release_text = release_text

    # -- words -----------------------------------------------------------------------------

    def left_word(self, i: int) -> bool:
        return _is_left_word(self.w[i])

    def seq_word(self, i: int) -> bool:
        w = self.w[i]
        return w[0].isupper() and w not in SEQ_STOP_ALL

    def is_head(self, w: str) -> bool:
        return w in ORG_CLASSES or w in ZONE_HEADS

    def run_has_head(self, m: int) -> bool:
        w = self.w
        while m < self.n and _is_cap(w[m]):
            if self.is_head(w[m]) and not (w[m] in LAST_WORD_HEADS and m + 1 < self.n and _is_cap(w[m + 1])):
                return True  # "International" is a head only as the last word: "and International Studies"
            m += 1
        return False

    # -- spans -----------------------------------------------------------------------------

    def left_ext(self, h: int) -> int:
        w = self.w
        start = h
        i = h - 1
        while i >= 0 and h - i < 16:
            t = w[i]
            if t == "\n":
                break
            is_left = _LEFT_WORD.get(t)
            if is_left is None:
                is_left = _is_left_word(t)
            if is_left:
                start = i
                i -= 1
                continue
            if t in ("and", "&") and i >= 1 and self.left_word(i - 1) and self.and_joins(i):
                i -= 1
                continue
            if t in OPENING_PARTICIPLES and i >= 1 and w[i - 1] in _ARTICLES:
                start = i  # "the Organised Crime and Triad Bureau": after "the", part of the name
                break
            if t == "," and i >= 1 and self.left_word(i - 1) and not self.is_head(w[i - 1]):
                if any(w[k] in ("and", "&") for k in range(i + 1, h)):
                    i -= 1
                    continue
                break
            if t == "/" and i >= 1 and self.left_word(i - 1):
                i -= 1
                continue
            if t.endswith("'s") and i >= 1 and w[i - 1] in SAINTS:
                start = i - 1  # "St Paul's College"
                i -= 2
                continue
            if (
                t == "of"
                and w[h] in ("College", "School")
                and i >= 1
                and start == i + 1
                and w[start] in PLACE_WORDS
                and is_abbreviation(w[i - 1])
            ):
                start = i - 1  # "YMCA of Hong Kong Christian College": the founder's name is in it
                break
            if (
                t == ")"
                and w[h] in ("Zone", "Area", "Zones", "Areas")
                and i >= 3
                and w[i - 2] == "("
                and w[i - 1].istitle()
                and self.left_word(i - 3)
            ):
                i -= 3  # "China (Shanghai) Pilot Free Trade Zone"
                continue
            if t == ")" and w[h] in ("Limited", "Ltd", "Company") and i >= 3:
                k = i - 1
                while k > i - 5 and k >= 0 and w[k] != "(" and _is_cap(w[k]):
                    k -= 1
                if k >= 1 and w[k] == "(" and k < i - 1 and self.left_word(k - 1):
                    i = k - 1
                    continue
                break
            if (
                t == "of"
                and w[h] in ("Limited", "Ltd", "Company", "Corporation")
                and i >= 1
                and w[i - 1] in ORG_CLASSES
                and start == i + 1
                and self.left_word(i - 1)
            ):
                i -= 1  # "Bank of China Limited"
                continue
            break
        return start

    def and_joins(self, i: int) -> bool:
        """Whether the "and" at i joins words of one name ("Census and Statistics Department") rather
        than two names or a person and a name ("City University of Hong Kong and X Limited",
        "Minister Li Ming and Department of Y")."""
        w = self.w
        if self.is_head(w[i - 1]):
            return False
        k = i - 1
        while k >= 0 and self.left_word(k):
            k -= 1
        run = w[k + 1 : i]
        before = w[k] if k >= 0 else ""
        if before in PERSON_TITLES or before in HONORIFIC_WORDS:
            return False
        if 2 <= len(run) <= 3 and run[0] in SURNAMES and _is_given_name(run[1]) and run[1] not in SURNAMES:
            return False
        if before in ("of", "for", "in") or (
            before in _ARTICLES and k >= 1 and w[k - 1] in ("of", "for", "in")
        ):
            p = k - 1 if before in ("of", "for", "in") else k - 2
            if p >= 0 and (self.is_head(_strip_possessive(w[p])) or w[p] in OTHER_HEADS):
                return False
        return True

    def seq(self, k: int) -> int:
        """The end of a capitalised name run starting at k (k when there is none)."""
        w = self.w
        n = self.n
        m = k
        last = k
        run = k  # where the run after the last "of/for/the" began
        comma = False
        while m < n and m - k < 18:
            t = w[m]
            if self.seq_word(m):
                if m > k and last == m and w[m - 1] in ENDS_NAME and not _maybe_inside(t):
                    break  # "of the State Council Huang Liuquan"
                if t in SURNAMES and m > k and m + 1 < n and _is_given_name(w[m + 1]) and w[m - 1] != "Hong":
                    break  # "Ministry of Public Security Wei Xiaojun"
                last = m + 1
                if t.endswith("'s") and t not in NAME_POSSESSIVES:
                    break
                m += 1
                continue
            if last == m and m > k:
                if t in _NAME_CONNECTORS and m + 1 < n:
                    nxt = m + 1
                    if w[nxt] in _NAME_ARTICLES and nxt + 1 < n:
                        nxt += 1
                    elif t in FOREIGN_CONNECTORS:  # "Couture et de la Mode"
                        while nxt + 1 < n and nxt - m < 3 and w[nxt] in FOREIGN_CONNECTORS:
                            nxt += 1
                    if self.seq_word(nxt):
                        m = run = nxt
                        continue
                if (
                    t == "and"
                    and m + 1 < n
                    and self.seq_word(m + 1)
                    and w[m + 1] not in AND_STOP
                    and (comma or not self.run_has_head(m + 1) or self.known_through(run, m))
                ):
                    m += 1
                    continue
                if t == "," and m + 2 < n and self.seq_word(m + 1):
                    j = m + 1
                    while j < n and self.seq_word(j) and not self.is_head(w[j]):
                        j += 1  # "Management, Messe Frankfurt GmbH": a name of its own
                    if j < n and w[j] in ("and", "&", ","):
                        comma = True
                        m += 1
                        continue
            break
        return last

    def known_through(self, run: int, m: int) -> bool:
        """Whether a known name starting at `run` goes on past the "and" at m ("of the National
        Development and Reform Commission": one name, not two)."""
        known = self.gaz.match(self.w, run)
        return known is not None and run + known.length > m + 1

    def right_ext(self, h: int, zone: bool) -> int:
        w = self.w
        n = self.n
        end = h + 1
        allow_in = w[h] in IN_HEADS
        for _ in range(4):
            if end >= n:
                break
            c = w[end]
            if c in ("of", "for") or (c == "in" and allow_in):
                k = end + 1
                if k < n and w[k] in _ARTICLES:
                    k += 1
                if k >= n or not self.seq_word(k):
                    break
                stop = self.seq(k)
                if stop <= k:
                    break
                if zone and not (c == "of" and _strip_possessive(w[stop - 1]) in ZONE_HEADS):
                    break
                if c == "of" and (
                    w[stop - 1] == "Commerce" or (w[h] in MEMBERS_HEADS and _is_plural(w[stop - 1]))
                ):
                    allow_in = True  # "Federation of Cities in the Greater Bay Area"
                elif c == "in":
                    allow_in = False
                end = stop
                continue
            break
        return end

    # -- head roles ------------------------------------------------------------------------

    def org_ok(self, h: int, a: int, b: int) -> str | None:
        """The kind ("org" or "body") of the name w[a:b] headed by w[h], or None if it is not one."""
        w = self.w
        head = _strip_possessive(w[h])
        before = [x[:-2] if x.endswith("'s") else x for x in w[a:h] if x[:1].isupper()]
        has_right = b > h + 1
        prev = w[h - 1] if h > a else ""
        if not before and not has_right:
            return None
        if before and all(x in GENERIC for x in before) and not has_right:
            return None
        words = set(w[a:b])
        by_prev = ORG_BY_WORD_BEFORE.get(head)
        if by_prev is not None:  # "Police Force", "Financial Market" ... (see the lexicon)
            words_before, if_one, otherwise = by_prev
            return if_one if prev in words_before else otherwise
        if head in ("Centre", "Center", "Centers"):  # "Centers for Disease Control and Prevention"
            return "org" if set(before) & UNIT_CENTRE or (has_right and w[h + 1] == "for") else None
        if head in LAST_WORD_HEADS:
            if has_right or (h + 1 < self.n and _is_cap(w[h + 1])):
                return None  # "Hong Kong International Airport", "Hong Kong Ballet Gala"
            if head == "International" and all(x in PLACE_WORDS for x in before):
                return None
            return "org"
        if head == "Exchange":
            return "org" if prev not in EXCHANGE_NOT and "&" not in words and "and" not in words else None
        if head == "Committee":
            if words & {"CPC", "Communist", "Party"} or self.party_organ(h, a, b):
                return "org"
            return "body"
        if head == "Chamber":
            return "org" if has_right else None
        if head in AGENCY_OR_BODY_HEADS:
            return None  # decided by the reference data or the text (see `_agency_or_body`)
        for test, listed in NOT_ORG_WHEN.get(head, ()):  # "Post Office", "Surgery Department" ...
            if _NOT_ORG_TESTS[test](prev, before, words, listed):
                return None
        return "org"

    def zone_ok(self, h: int, a: int, b: int) -> bool:
        """Whether the name w[a:b] headed by w[h] names a zone: one of its head's ZONE_RULES holds."""
        w = self.w
        head = _strip_possessive(w[h])
        head = PLURAL_ZONES.get(head, head)
        before = w[a:h]
        caps = [x for x in before if x[:1].isupper()]
        if not caps:
            return False
        prev = before[-1] if before else ""
        return any(rule.holds(prev, caps, b > h + 1) for rule in ZONE_RULES.get(head, ()))

    def agency_or_body(self, name: str, head: str, a: int, b: int) -> str | None:
        """A "Commission", "Council" or "Board" not in the reference data: an agency only if it is a
        "Commission" that names a field of administration or a Mainland level of government and that
        the release does not show meeting ("Development and Reform Commission", "Shanghai Municipal
        Health Commission"); otherwise a body of members ("Commission on Children")."""
        if head != "Commission":
            return "body"
        if b < self.n and self.w[b] == "on":
            return "body"
        if not AGENCY_WORDS.intersection(self.w[a:b]):
            return "body"
        text = self.release_text
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if _MEETS_BEFORE.search(text, max(0, at - 120), at) or _MEETS_AFTER.match(text, end):
                return "body"
            at = text.find(name, end)
        return "org"

    # -- candidates ------------------------------------------------------------------------

    def candidates(self, gaz_only: bool) -> list[_Cand]:
        w = self.w
        out: list[_Cand] = []
        wanted = self.gaz.wanted
        first = self.gaz.first
        final = self.n - 1
        for i in compress(range(self.n), map(wanted.__contains__, w)):
            t = w[i]
            node = first.get(t)
            if (
                node is not None
                and _END not in node
                and t not in INTERESTING
                and (i == final or not _continues(node, w[i + 1]))
            ):
                continue  # "Hong" not followed by a word any known name goes on with
            known = self.gaz.match(w, i)
            if known is not None:
                e = known.entry
                out.append(_Cand(i, i + known.length, e.kind, e.cls, e, gaz=True, form=KNOWN))
            if gaz_only:
                continue
            if t in LEADING_HEADS:
                c = self.leading_head_name(i)
                if c is not None:
                    out.append(c)
                continue
            head = t[:-2] if t.endswith("'s") else t  # _strip_possessive
            if head in PLURAL_ZONES:
                out.extend(self.plural_zones(i))
                continue
            if head in ZONE_HEADS:
                a = self.left_ext(i)
                b = self.right_ext(i, zone=True)
                if self.zone_ok(i, a, b):
                    c = _Cand(a, b, "zone", "Zone", form=HEADED)
                    c.short = all(x in ZONE_GENERIC for x in w[a : i + 1])
                    out.append(c)
                elif a == i and b == i + 1 and i > 0 and w[i - 1] in _ARTICLES and head in SHORT_ZONES:
                    out.append(_Cand(a, b, "zone", "Zone", short=True, form=HEADED))  # "the Park", "the Zone"
            if head in ORG_CLASSES:
                b = i + 1 if t.endswith("'s") and t not in NAME_POSSESSIVES else self.right_ext(i, zone=False)
                a = self.left_ext(i)
                if head in AGENCY_OR_BODY_HEADS:
                    name = self.seg.span_text(a, b)
                    e = self.reference.lookup(name, ("org", "body"))
                    if e is not None:
                        out.append(_Cand(a, b, e.kind, e.cls, e, form=HEADED))
                        continue
                    if a == i and b == i + 1:
                        continue
                    kind = self.agency_or_body(name, head, a, b)
                else:
                    kind = self.org_ok(i, a, b)
                if kind is None:
                    continue
                last = _strip_possessive(w[b - 1])
                if b > i + 1 and (
                    last in EVENT_HEADS
                    or (last in BODY_HEADS and head not in ("Office", "Secretariat", "Unit"))
                ):
                    continue  # "University of Hong Kong Spring Career Fair": an event's name
                c = _Cand(a, b, kind, "Body" if kind == "body" else ORG_CLASSES[head], form=HEADED)
                if head == "Committee" and kind == "org" and w[a] != "CPC" and self.party_organ(i, a, b):
                    c.alts.append("CPC " + self.seg.span_text(a, b))  # the known name of the organ
                elif head == "Office" and b == i + 1:
                    self.office_city(c)
                out.append(c)
        return out

    def leading_head_name(self, i: int) -> _Cand | None:
        """A name opened by its head noun ("Camera Nazionale della Moda Italiana")."""
        w = self.w
        if i > 0 and self.left_word(i - 1):
            return None  # inside a longer name: "Kwai Tsing Studio Theatre"
        e = self.seq(i)
        if any(x in FOREIGN_CONNECTORS for x in w[i:e]):
            # "Fédération de la Haute Couture et de la Mode of France": English ends the name
            e = next((k for k in range(i, e) if w[k] in ("of", "for", "to", "&")), e)
        last = _strip_possessive(w[e - 1])
        if e - i < 2 or last in OTHER_HEADS or last in ZONE_HEADS or any(x[0].isdigit() for x in w[i:e]):
            return None
        return _Cand(i, e, "org", "Organization", form=LEADING)

    def office_city(self, c: _Cand) -> None:
        """ "Hong Kong Economic and Trade Office, Berlin": the city after the comma is part of an
        overseas office's name when it is a city of a known office, or a single word that ends
        the clause; the name "... Office in Berlin" is kept as another name."""
        w = self.w
        b = c.b
        if "Trade" not in w[c.a : b] or b + 1 >= self.n or w[b] != ",":
            return
        e = b + 1
        while e < self.n and e - b <= 3 and self.seq_word(e) and not self.is_head(w[e]):
            e += 1
        if e == b + 1 or (e < self.n and self.seq_word(e)):
            return
        city = self.seg.span_text(b + 1, e)
        ends_clause = e == self.n or w[e] in ("(", ".", ";", "\n") or (w[e][0].islower() and w[e] != "and")
        if city not in self.gaz.office_cities and not (e - b == 2 and ends_clause):
            return
        c.alts.append(f"{self.seg.span_text(c.a, b)} in {city}")
        c.b = e

    def party_organ(self, h: int, a: int, b: int) -> bool:
        """Whether "Shanghai Municipal Committee" is the party committee of a Mainland city or
        province: a level of government before "Committee", nothing after it, and a party post
        beside it ("Party Secretary of the Shanghai Municipal Committee", "Shenzhen Municipal
        Committee Secretary Wang Weizhong")."""
        w = self.w
        if b != h + 1 or h - a < 1 or w[h - 1] not in ("Municipal", "Provincial", "Regional"):
            return False
        if b < self.n and w[b] in ("Secretary", "Party", "Deputy", "Standing"):
            return True
        k = a - 1
        if k >= 0 and w[k] in _ARTICLES:
            k -= 1
        return k >= 1 and w[k] == "of" and w[k - 1] in ("Secretary", "Secretary-General", "Member")

    def plural_zones(self, h: int) -> list[_Cand]:
        """ "Kwu Tung North and Fanling North New Development Areas": one zone each."""
        w = self.w
        head = PLURAL_ZONES[w[h]]
        a = self.left_ext(h)
        k = h
        while k > a and w[k - 1] in ZONE_QUALIFIERS | {"New"}:
            k -= 1
        suffix = " ".join([*w[k:h], head])
        items: list[tuple[int, int]] = []
        start = a
        for j in range(a, k + 1):
            if j == k or w[j] in ("and", "&", ","):
                if j > start:
                    items.append((start, j))
                start = j + 1
        if len(items) < 2 or not self.zone_ok(h, a, h + 1):
            return []
        out = []
        for x, y in items:
            c = _Cand(x, y, "zone", "Zone", form=PLURAL)
            c.name = f"{self.seg.span_text(x, y)} {suffix}"
            out.append(c)
        return out

    def governments_of(self) -> list[_Cand]:
        """Names from "the governments of the HKSAR and Jiangsu": Government of the HKSAR, of Jiangsu;
        and from "the Hong Kong Special Administrative Region and Sichuan governments"."""
        w = self.w
        out: list[_Cand] = []
        if "overnments" not in self.seg.text:
            return out
        if " governments" in self.seg.text:
            out.extend(self.governments_after())
        if "overnments of" not in self.seg.text:
            return out
        for i in range(self.n - 3):
            if w[i] in ("governments", "Governments") and w[i + 1] == "of":
                k = i + 2
                parts: list[tuple[int, int]] = []
                for _ in range(4):
                    if k < self.n and w[k] in _ARTICLES:
                        k += 1
                    if k >= self.n or not self.seq_word(k):
                        break
                    e = k
                    while e < self.n and self.seq_word(e):
                        e += 1
                    parts.append((k, e))
                    if e + 2 < self.n and w[e] == "(" and w[e + 2] == ")":
                        e += 3  # "(HKSAR)"
                    if e < self.n and w[e] in ("and", ","):
                        k = e + 1
                        continue
                    break
                if len(parts) >= 2:
                    for a, b in parts:
                        c = _Cand(a, b, "org", "Government", form=GOVERNMENTS_OF)
                        c.name = (
                            "Government of "
                            + ("the " if w[a - 1] in _ARTICLES else "")
                            + self.seg.span_text(a, b)
                        )
                        out.append(c)
        return out

    def described(self) -> list[_Cand]:
        """Organisations without a head noun that the text says are organisations: "medical
        technology company Yidu Tech", "Yidu Tech, a medical technology company,", "organised by
        Rotary Antwerp West" (two words at least: "hosted by Hong Kong" names a place)."""
        w = self.w
        out: list[_Cand] = []
        text = self.seg.text
        if ", a " in text or ", an " in text or ", which " in text:  # what _APPOSITION_RE needs
            out.extend(self.appositions())
        if "'s " in text:
            out.extend(self.hosts())
        at: set[int] = set()
        for cue in _CUES:
            p = text.find(cue)
            while p >= 0:
                # the token the cue's last word is in, and the next ("Organised" + "by")
                k = bisect_right(self.seg.starts, p + len(cue) - 2) - 1
                at.update((k, k + 1))
                p = text.find(cue, p + 1)
        last_index = self.n - 1
        for i in sorted(at):
            if i < 0 or i >= last_index:
                continue
            t = w[i]
            if t[0].isupper():
                continue
            last = t.rsplit(" ", 1)[-1]
            if last in TYPING_NOUNS and _is_cap(w[i + 1]):
                b = self.plain_run(i + 1)
                if b > i + 1 and self.described_ok(i + 1, b, single=True):
                    out.append(_Cand(i + 1, b, "org", TYPING_NOUNS[last], form=TYPED))
            elif last == "by" and (t.endswith(_BY_CUES) or (t == "by" and i > 0 and w[i - 1] in _BY_OPENERS)):
                single = t.endswith(_ORGANISED_BY) or (t == "by" and i > 0 and w[i - 1] in _ORGANISED)
                out.extend(self.by_names(i + 1, single))
            elif t == "of" and i > 0 and w[i - 1].endswith("invitation"):
                out.extend(self.by_names(i + 1, True, INVITED, person=True))  # "... of the X Review"
            elif last == "with" and t.endswith("interview with"):
                out.extend(self.by_names(i + 1, True, INTERVIEW, person=True))  # "... with Bloomberg"
        return out

    def by_names(self, k: int, single: bool = False, form: str = BY, person: bool = False) -> list[_Cand]:
        """The names after "organised by": each of "X and Y" that is not a place or a person (one
        word only when `single`: "organised by Bloomberg", not "hosted by Peru"). After a cue a
        person may follow (`person`: "an interview with", "at the invitation of"), several words
        need "the" before them ("the Financial Weekly", not "Gordon Brown") and one word must not
        have it."""
        w = self.w
        out: list[_Cand] = []
        the = k < self.n and w[k] in _ARTICLES
        if the:
            k += 1
        if k >= self.n or not self.seq_word(k):
            return out
        whole = self.seq(k)
        if _strip_possessive(w[whole - 1]) in _HEADED:
            return out  # a name with a head noun: the head decides
        a = k
        while a < whole:
            b = self.plain_run(a)
            if b <= a:
                break
            several = b - a >= 2 and (the or not person) and self.described_ok(a, b, single=False)
            if several or (
                single
                and b - a == 1
                and not (person and the)
                and self.one_word_ok(a)
                and self.described_ok(a, b, single=True)
            ):
                out.append(_Cand(a, b, "org", "Organization", form=form))
            a = b + 1
            if a < whole and w[a] in _ARTICLES:
                a += 1
        return out

    def appositions(self) -> list[_Cand]:
        """ "Yidu Tech, a medical technology company," / "X, which is a non-profit organisation"."""
        w = self.w
        out: list[_Cand] = []
        starts = self.seg.starts
        for m in _APPOSITION_RE.finditer(self.seg.text):
            i = bisect_right(starts, m.start()) - 1
            if i < 1 or i + 1 >= self.n or w[i] != "," or not _is_cap(w[i - 1]):
                continue
            nxt = w[i + 1]
            if not (nxt in ("a", "an") or nxt.startswith(_APPOSITION)):
                continue
            # The noun the description is headed by: "a national life science laboratory to ...",
            # "a Hong Kong-based company".
            j = i + 1
            kind = ""
            while j < self.n and j - i < 6 and w[j] not in _APPOSITION_END:
                if not _is_cap(w[j]) and w[j] not in ("a", "an"):
                    kind = w[j].rsplit(" ", 1)[-1]
                    break
                j += 1
            if kind not in KIND_NOUNS:
                continue
            a = i - 1
            while a > 0 and (
                self.left_word(a - 1) or (w[a - 1] in ("of", "&", "for") and a >= 2 and self.left_word(a - 2))
            ):
                a -= 1
            if not self.left_word(a) or (a > 0 and w[a - 1] in HONORIFIC_WORDS):
                continue
            if self.described_ok(a, i, single=True):
                out.append(_Cand(a, i, "org", KIND_NOUNS[kind], form=APPOSITION))
        return out

    def hosts(self) -> list[_Cand]:
        """ "the Far Eastern Economic Review's annual conference", "at Fintrove's invitation": a
        name without a head noun that hosts an event or invites (not a person, a post or a place;
        one word after "the" is a short form of a name given before)."""
        w = self.w
        out: list[_Cand] = []
        for m in _HOST_RE.finditer(self.seg.text):
            k = bisect_right(self.seg.starts, m.start()) - 1  # offsets worked out only on a match
            if k < 0 or not w[k].endswith("'s") or not _is_cap(w[k]):
                continue
            a = k
            while a > 0 and self.left_word(a - 1):
                a -= 1
            words = [_strip_possessive(x) for x in w[a : k + 1]]
            if any(x in SURNAMES or x in POST_HEADS or x in NON_NAME for x in words):
                continue
            if a > 0 and (w[a - 1] in HONORIFIC_WORDS or w[a - 1] in PERSON_TITLES):
                continue  # "Mr Lam's invitation", "President Putin's dinner"
            if a > 0 and w[a - 1] in _HOST_CUT:
                continue  # the end of a longer name: "the X Chamber of Commerce's annual dinner"
            if a == k and (
                not self.one_word_ok(a)
                or (a > 0 and w[a - 1] in _ARTICLES)
                or m.group().rsplit(" ", 1)[-1] in _PERSONAL_HOSTED
            ):
                continue  # one word may be a person: "at Putin's invitation"
            if self.described_ok(a, k + 1, single=True):
                out.append(_Cand(a, k + 1, "org", "Organization", form=HOST))
        return out

    def one_word_ok(self, a: int) -> bool:
        """Whether one capitalised word alone after "organised by" may name an organisation: not
        a place, a city, a surname or an abbreviation (those a release defines are read as such)."""
        x = _strip_possessive(self.w[a])
        return not (
            x in PLACE_WORDS
            or x in CITIES
            or x in SURNAMES
            or x in GENERIC
            or x in NON_NAME
            or is_abbreviation(x)
        )

    def plain_run(self, k: int) -> int:
        """The end of a run of capitalised words from k, joined only by "of", "for", "&" (not by
        "and" or commas: "Rotary Antwerp International and Rotary Antwerp West" is two names)."""
        w = self.w
        e = k
        while e < self.n and e - k < 8:
            if self.seq_word(e) and w[e] not in PERSON_TITLES:
                e += 1
                if w[e - 1].endswith("'s"):
                    break
                continue
            if w[e] in ("of", "for", "&") and e > k and e + 1 < self.n:
                nxt = e + 2 if w[e + 1] in _ARTICLES else e + 1
                if nxt < self.n and self.seq_word(nxt):
                    e = nxt
                    continue
            break
        return e

    def described_ok(self, a: int, b: int, single: bool) -> bool:
        """Whether w[a:b] may be an organisation named by a description: not a place, a person,
        a post, an event or a name with a head noun (those are decided elsewhere)."""
        w = self.w
        words = [_strip_possessive(x) for x in w[a:b] if _is_cap(x)]
        if not words or (len(words) == 1 and not single) or b - a > 7:
            return False
        if words[0] in LEFT_STOP or words[-1] in _RUN_ON_OK:
            return False
        if words[-1] in _HEADED and not (single and words[-1] in ("Group", "Holdings")):
            return False  # "Alibaba Group, a technology conglomerate" is a company
        if all(x in PLACE_WORDS or x in GENERIC for x in words):
            return False
        if any(x in PERSON_TITLES or x in HONORIFIC_WORDS or x[0].isdigit() for x in words):
            return False
        if words[0] in SURNAMES and len(words) <= 3 and (len(words) == 1 or _is_given_name(words[1])):
            return False  # a person: "Chan Tai-man"
        return single or not (len(words) == 1 and is_abbreviation(words[0]))

    def governments_after(self) -> list[_Cand]:
        """ "the HKSAR and Sichuan governments" -> HKSAR Government, Sichuan Government; "Foshan and
        Jiangmen municipal governments" -> Foshan Municipal Government, Jiangmen Municipal Government."""
        w = self.w
        out: list[_Cand] = []
        for i in range(2, self.n):
            if w[i] != "governments":
                continue
            k = i - 1
            level = ""
            if w[k] in ("municipal", "provincial", "regional"):
                level = " " + w[k].capitalize()
                k -= 1
            parts: list[tuple[int, int]] = []
            while k >= 0 and len(parts) < 5:
                if w[k] == ")" and k >= 2 and w[k - 2] == "(":
                    k -= 3  # "the HKSAR (Hong Kong) and ..."
                e = k + 1
                while k >= 0 and self.seq_word(k) and w[k] != "The":
                    k -= 1
                if k + 1 == e:
                    break
                parts.append((k + 1, e))
                if k >= 1 and w[k] in ("and", "&", ","):
                    k -= 1
                    continue
                break
            if len(parts) < 2:
                continue
            for a, b in parts:
                if all(x in GENERIC for x in w[a:b]):
                    continue  # "the Mainland and Hong Kong governments": the Mainland is no name
                c = _Cand(a, b, "org", "Government", form=GOVERNMENTS_AFTER)
                c.name = f"{self.seg.span_text(a, b)}{level} Government"
                out.append(c)
        return out

    # -- selection -------------------------------------------------------------------------

    def select(self, cands: list[_Cand]) -> list[_Cand]:
        """The candidates kept: longest first, one that overlaps a kept name is dropped unless it
        is the "Y" of a kept "X of [the] Y" (then it is that name's parent). Each candidate is
        compared only with the kept names covering its tokens (found by token), so the work
        grows with the names, not with their square."""
        w = self.w
        cands.sort(key=lambda c: (-(c.b - c.a), not c.gaz, c.a))
        # known names by where they end: "Hong Kong and [Shenzhen Municipal Government]"
        gaz_starts: dict[int, list[int]] = {}
        for g in cands:
            if g.gaz:
                gaz_starts.setdefault(g.b, []).append(g.a)
        kept: list[_Cand] = []
        covering: dict[int, list[int]] = {}  # token -> the kept names (by rank) that cover it
        for c in cands:
            clash = False
            near = sorted({r for t in range(c.a, c.b) for r in covering.get(t, ())})
            for k in map(kept.__getitem__, near):
                if k.a <= c.a and c.b <= k.b and (c.a, c.b) != (k.a, k.b):
                    p = c.a - 1
                    if p >= 0 and w[p] in _ARTICLES:
                        p -= 1
                    if p > k.a and w[p] == "of" and not k.inner:
                        c.inner = True
                        if c.kind == k.kind and k.parent is None and (c.b == k.b or w[c.b] == "in"):
                            # the Y that ends "X of [the] Y" (before "in <place>"), not a run inside it
                            k.parent = c
                        continue
                clash = True
                break
            if clash:
                continue
            # "Hong Kong and Shenzhen Municipal Government": prefer the known name after "and".
            if not c.gaz and any(a > c.a and w[a - 1] in ("and", "&", ",") for a in gaz_starts.get(c.b, ())):
                continue
            for t in range(c.a, c.b):
                covering.setdefault(t, []).append(len(kept))
            kept.append(c)
        kept.sort(key=lambda c: c.a)
        return kept

    # -- names inside names ----------------------------------------------------------------

    def inside_other_name(self, c: _Cand, title: bool = False) -> bool:
        """Whether the name is part of the name of an event, plan, document, body or venue."""
        w = self.w
        # Right: "Northern Metropolis Development Strategy", "Central Government Offices", and any
        # name run on by a capitalised word ("HKSAR Government Bonds", "Medical Laboratory Technologist").
        if not c.name and not w[c.b - 1].endswith("'s") and c.b < self.n and self.seq_word(c.b):
            j = c.b
            last = None
            while j < self.n and self.seq_word(j) and j - c.b < 8:
                last = _strip_possessive(w[j])
                j += 1
            if last == "Area" and c.kind == "zone" and w[c.b - 1] == "Zone":
                return False  # "... Pilot Free Trade Zone Nansha Area": a part of the zone follows it
            if last is not None and (last in OTHER_HEADS or last in ORG_CLASSES or last in ZONE_HEADS):
                return True
            first = w[c.b]
            if not (
                title
                or first in PERSON_TITLES
                or first in _RUN_ON_OK
                or first in SURNAMES
                or (c.b + 1 < self.n and w[c.b + 1] in SURNAMES)
                or is_abbreviation(first)
                or first in LEFT_STOP
            ):
                return True
        # Right, past the name's abbreviation: "Hospital Authority (HA) Convention 2026"; and an
        # abbreviation in brackets is inside the name its bracket runs on into: "Greater Bay Area
        # (GBA) FinTech Talent Initiative Summit".
        if (
            c.b + 2 < self.n
            and w[c.b] == "("
            and w[c.b + 2] == ")"
            and self._ends_in_other_head(c.b + 3, c.b)
        ):
            return True
        if (
            c.a > 0
            and w[c.a - 1] == "("
            and c.b < self.n
            and w[c.b] == ")"
            and self._ends_in_other_head(c.b + 1, c.b)
        ):
            return True
        # Left: "... Plan for [the] X", "Task Force on the Development of the X in the Loop".
        i = c.a - 1
        steps = 0
        while i >= 0 and steps < 30:
            steps += 1
            t = w[i]
            if (
                t == "and"
                and i >= c.a - 2
                and w[c.a - 1] in _ARTICLES
                and "between" not in w[max(0, i - 12) : i]
            ):
                return False  # "the Commission on Poverty and the Labour Department": a list of two names
            if t in _ARTICLES or t in ("and", "&", "/"):
                i -= 1
                continue
            if t == "in":
                i -= 1  # "the Hub in the Park": where a thing is, not a part of its name
                continue
            if t in _PREPOSITIONS:
                p = i - 1
                if p >= 0 and w[p] in _ARTICLES:
                    p -= 1
                if p >= 0 and _is_cap(w[p]):
                    head = _strip_possessive(w[p])
                    if head in OTHER_HEADS and head not in ORG_CLASSES and head not in ZONE_HEADS:
                        return True
                    if head in ("Council", "Commission", "Board", "Committee", "Force"):
                        k = self._name_at(p)
                        if k is not None and k.kind == "body":
                            return True
                i -= 1
                continue
            if t[:1].isupper() and t not in LEFT_STOP:  # _is_cap
                i -= 1
                continue
            break
        return False

    def _ends_in_other_head(self, j: int, start: int) -> bool:
        """Whether the capitalised run from token j (within ten tokens of `start`) ends in the head
        of an event, plan, body or venue."""
        if j >= self.n or not self.seq_word(j):
            return False
        while j + 1 < self.n and self.seq_word(j + 1) and j - start < 10:
            j += 1
        return _strip_possessive(self.w[j]) in OTHER_HEADS

    def _name_at(self, h: int) -> _Cand | None:
        a = self.left_ext(h)
        name = self.seg.span_text(a, h + 1)
        e = self.reference.lookup(name, ("org", "body"))
        head = _strip_possessive(self.w[h])
        if e is not None:
            return _Cand(a, h + 1, e.kind, e.cls, e)
        if head in ("Council", "Board", "Force"):
            return _Cand(a, h + 1, "body", "Body")
        if head == "Committee":
            return _Cand(a, h + 1, "org" if "CPC" in self.w[a:h] else "body", "Body")
        return _Cand(a, h + 1, self.agency_or_body(name, head, a, h + 1) or "body", "Body")

    # -- brackets after a name -------------------------------------------------------------

    def bracket(self, c: _Cand) -> None:
        """Other names in a bracket right after the name: "(CEDD)", "(the Loop)", "(ETO) in Dubai"."""
        w = self.w
        b = c.b
        if b + 2 >= self.n or w[b] != "(":
            return
        j = b + 1
        while j < self.n and j - b < 8 and w[j] != ")":
            j += 1
        if j >= self.n or w[j] != ")":
            return
        inner = w[b + 1 : j]
        if inner and inner[0] in _ARTICLES:
            inner = inner[1:]
        if not inner:
            return
        if len(inner) == 1 and is_abbreviation(inner[0]):
            # "Central Committee of the Communist Party of China (CPC)": the parent's abbreviation.
            target = c
            if (
                c.parent is not None
                and _initials_fit(inner[0], w[c.parent.a : c.parent.b])
                and not _initials_fit(inner[0], w[c.a : c.b])
            ):
                target = c.parent
            target.alts.append(inner[0])
        elif (
            all(_is_cap(x) or x in ("and", "&", "of") for x in inner)
            and _is_cap(inner[-1])
            and len(inner) <= 6
        ):
            if not any(x in MONTHS or x in WEEKDAYS or x.isdigit() for x in inner):
                c.alts.append(self.seg.span_text(j - len(inner), j))
        else:
            return
        # "Hong Kong Economic and Trade Office (ETO) in Dubai"
        if j + 2 < self.n and w[j + 1] == "in" and w[c.b - 1] in IN_HEADS and self.seq_word(j + 2):
            e = self.seq(j + 2)
            c.extra = " in " + self.seg.span_text(j + 2, e)


# ---------------------------------------------------------------------------------------------
# Sentences


def sentence_at(text: str, pos: int) -> str:
    """The sentence of `text` around character `pos` (a stop after a title or an abbreviation such
    as "Mr." or "No." does not end a sentence; a line break always does)."""
    lo = max(0, text.rfind("\n", 0, pos) + 1)
    hi = text.find("\n", pos)
    hi = len(text) if hi < 0 else hi
    stops = _line_stops(text, lo, hi)
    k = bisect_right(stops, pos)
    start = stops[k - 1] if k else lo
    end = stops[k] if k < len(stops) else hi
    return " ".join(text[start:end].split())


@functools.lru_cache(maxsize=64)
def _line_stops(text: str, lo: int, hi: int) -> tuple[int, ...]:
    """The sentence stops of the line text[lo:hi], remembered (a line names many things)."""
    return tuple(sentence_stops(text, lo, hi, 40))


# ---------------------------------------------------------------------------------------------
# Per release


_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{3,}")


def is_title_case(title: str) -> bool:
    """Whether most longer words of a headline are capitalised ("Secretary Visits Science Park")."""
    words = _TITLE_WORD.findall(title)
    return len(words) >= 3 and sum(1 for x in words if x[0].isupper()) >= 0.7 * len(words)


def mentions(doc: Document) -> tuple[NameMention, ...]:
    """Every organisation, zone and body named in the release, in order of appearance (read
    once, as `doc.names`)."""
    reference = load_reference()
    gaz = gazetteer(reference)
    texts = doc.segments
    release_text = "\n".join(texts)
    out: list[NameMention] = []
    for si, text in enumerate(texts):
        if not text.strip():
            continue
        seg = _Segment(text)
        an = _Analyser(seg, gaz, reference, release_text)
        gaz_only = si == 0 and is_title_case(text)
        cands = an.candidates(gaz_only)
        if not gaz_only:
            cands.extend(an.governments_of())
            cands.extend(an.described())
        kept = an.select(cands)
        made: dict[int, NameMention] = {}
        for c in kept:
            if c.inner:
                continue
            if an.inside_other_name(c, gaz_only):
                continue
            if not c.name:
                an.bracket(c)
            for cc in (c, c.parent) if c.parent is not None else (c,):
                if id(cc) in made:
                    continue
                name = cc.name or seg.span_text(cc.a, cc.b)
                if name.endswith("'s"):
                    name = name[:-2]
                elif name.endswith("s'"):  # a plural's possessive: "the Federation of X Industries' dinner"
                    name = name[:-1]
                alts = list(cc.alts)
                bridge = (
                    next((k for k in range(cc.a + 1, cc.b) if k in seg.bridges), None)
                    if seg.bridges
                    else None
                )
                if bridge is not None:
                    alts.append(seg.bridges[bridge] + " " + seg.span_text(bridge, cc.b).removesuffix("'s"))
                if cc.extra:
                    alts.append(name)
                    name += cc.extra
                entry = cc.entry
                kind = cc.kind
                if entry is None and not cc.short:
                    entry = reference.lookup(name, ("zone",) if kind == "zone" else ("org", "body"))
                    if entry is not None and kind != "zone":
                        kind = entry.kind
                made[id(cc)] = NameMention(
                    kind=kind,
                    name=name,
                    text=text,
                    cls=entry.cls if entry else cc.cls,
                    entry=entry,
                    alt_labels=alts,
                    short=cc.short and cc.entry is None,
                    start=seg.starts[cc.a],
                    segment=si,
                    form=cc.form,
                )
            if c.parent is not None:
                made[id(c)].parent = made[id(c.parent)]
        out.extend(made.values())
    return tuple(out)


_DEFINED = re.compile(r" \((?:the )?([A-Z][A-Za-z&]*[A-Z][A-Za-z&]*s?)\)")
_RUN_WORD = re.compile(r"^(?:[A-Z][\w'&\-]*|of|and|for|the|on|in|&),?$")


def _subsequence(letters: list[str], initials: list[str]) -> bool:
    it = iter(initials)
    return all(c in it for c in letters)


def abbreviations(doc: Document) -> dict[str, str]:
    """Abbreviations the release defines, with what they stand for: {"CEDD": "Civil Engineering
    and Development Department", "PTF": "Port Traffic Task Force"}: the shortest tail of the
    capitalised run before the bracket that starts with the abbreviation's first letter and whose
    initials contain its capitals in order."""
    out: dict[str, str] = {}
    for text in doc.segments:
        for m in _DEFINED.finditer(text):
            abbr = m.group(1)
            if abbr in out:
                continue
            words = []
            for word in reversed(text[max(0, m.start() - 240) : m.start()].split(" ")):
                if not _RUN_WORD.match(word):
                    break
                words.append(word)
            words.reverse()
            words = " ".join(words).replace(",", " ,").split()
            if not words:
                continue
            letters = [c for c in abbr if c.isupper()]
            for k in range(len(words) - 1, -1, -1):
                if words[k][0] != letters[0]:
                    continue
                initials = [x[0] for x in words[k:] if x[0].isupper()]
                if _subsequence(letters, initials):
                    out[abbr] = " ".join(words[k:]).replace(" ,", ",")
                    break
    return out


def key(name: str) -> str:
    """The normalised form names are compared by (kg.reference.entity_key)."""
    return entity_key(name)


# ---------------------------------------------------------------------------------------------
# The forms names are read in. The patterns are token patterns in the manner of spaCy's Matcher,
# naming what the _Analyser reads: CAP a capitalised word, LINK an inner "of/for/and/&/the",
# ORG_HEAD / ZONE_HEAD / LEADING_HEAD a head noun of the lexicon, KNOWN a name or abbreviation of
# the reference data, TYPING_NOUN "company", "organisation" ...


def _named(name: str, **fields: object) -> dict[str, object]:
    return {"name": name, **fields}


def form_name(kind: str, how: str) -> str:
    """The name of the form a record of `kind` ("organisation", "zone") was read by."""
    return f"{kind}: {how}"


def _name_form(kind: str, how: str, pattern: tuple[str, ...], *examples: Example) -> Form:
    return Form(form_name(kind, how), kind, pattern, examples)


NAME_FORMS: tuple[Form, ...] = (
    _name_form(
        "organisation",
        KNOWN,
        ("KNOWN",),
        Example(
            "The CEDD will start the works in May.",
            _named("Civil Engineering and Development Department", alt_labels=("CEDD",)),
        ),
    ),
    _name_form(
        "organisation",
        HEADED,
        ("CAP+", "(LINK CAP+)*", "ORG_HEAD", "(of|for|in the? CAP+)?"),
        Example(
            "Staff of the Tai Po Rural Heritage Foundation met the residents today (March 14).",
            _named("Tai Po Rural Heritage Foundation"),
        ),
        Example(
            "The Secretary for Education attended the speech day of St Matthew's College today.",
            _named("St Matthew's College"),
        ),
        Example(
            "Let me congratulate the 120 graduates of the Customs Training School on their success.",
            _named("Customs Training School"),
        ),
        Example(
            "The students of the YWCA of Hong Kong Lok Yan College performed a dance.",
            _named("YWCA of Hong Kong Lok Yan College"),
        ),
        Example(
            "Last week, the Faculty of Law of the Chinese University of Hong Kong marked its 20th year.",
            _named(
                "Faculty of Law of the Chinese University of Hong Kong",
                part_of="Chinese University of Hong Kong",
            ),
        ),
        Example(
            "The fair is staged with Rhein Expo GmbH, which runs trade fairs in 30 countries.",
            _named("Rhein Expo GmbH"),
        ),
        Example(
            "The scheme was praised by the Center for Strategic and International Studies.",
            _named("Center for Strategic and International Studies"),
        ),
        Example(
            "The Secretary for Justice will call on the Fujian Provincial Higher People's Court.",
            _named("Fujian Provincial Higher People's Court"),
        ),
        Example(
            "The Alliance of Museums in the Greater Bay Area was set up in Guangzhou last year.",
            _named("Alliance of Museums in the Greater Bay Area"),
        ),
        Example(
            "Mr Lee then went to the Shenzhen-Zhongshan Link (SZL) Authority for a briefing.",
            _named("Shenzhen-Zhongshan Link Authority", alt_labels=("SZL Authority",)),
        ),
        Example(
            "Officials of the Department of Regional Opening of the National Development and Reform "
            "Commission joined the visit.",
            _named(
                "Department of Regional Opening of the National Development and Reform Commission",
                part_of="National Development and Reform Commission",
            ),
        ),
        Example(
            "He told the Confederation of Danish Industry in Copenhagen that Hong Kong is open for business.",
            _named("Confederation of Danish Industry"),
        ),
    ),
    _name_form(
        "organisation",
        LEADING,
        ("LEADING_HEAD", "(CAP|FOREIGN_CONNECTOR)+"),
        Example(
            "The Fondazione Teatro Lirico Veneto will present an opera at the Hong Kong Cultural Centre.",
            _named("Fondazione Teatro Lirico Veneto"),
        ),
    ),
    _name_form(
        "organisation",
        GOVERNMENTS_OF,
        ("the", "governments", "of", "CAP+", "(,|and CAP+)+"),
        Example(
            "The governments of Thailand and Vietnam sent delegations to the forum.",
            _named("Government of Vietnam"),
        ),
    ),
    _name_form(
        "organisation",
        GOVERNMENTS_AFTER,
        ("the", "CAP+", "(,|and CAP+)+", "governments"),
        Example(
            "The Guangdong and Hong Kong governments signed the agreement today (March 14).",
            _named("Guangdong Government"),
        ),
    ),
    _name_form(
        "organisation",
        TYPED,
        ("TYPING_NOUN", "CAP+"),
        Example(
            "The Secretary met the founder of biotechnology company Jade Cell Therapeutics in the afternoon.",
            _named("Jade Cell Therapeutics"),
        ),
    ),
    _name_form(
        "organisation",
        APPOSITION,
        ("CAP+", ",", "a|an|which is a", "LOWER*", "KIND_NOUN"),
        Example(
            "Harbour Arts Collective, a non-profit organisation, staged the show.",
            _named("Harbour Arts Collective"),
        ),
    ),
    _name_form(
        "organisation",
        BY,
        ("organised|hosted|presented|sponsored by", "CAP+", "(,|and CAP+)*"),
        Example(
            "The exhibition is organised by Harbour Arts Collective and supported by the Government.",
            _named("Harbour Arts Collective"),
        ),
        Example(
            "It is a pleasure to join you at the Asia Wealth Forum, organised by Fintrove.",
            _named("Fintrove"),
        ),
    ),
    _name_form(
        "organisation",
        INVITED,
        ("at the invitation of", "the?", "CAP CAP+"),
        Example(
            "The Financial Secretary will visit London at the invitation of the Pacific Investment Review.",
            _named("Pacific Investment Review"),
        ),
    ),
    _name_form(
        "organisation",
        INTERVIEW,
        ("interview with", "the CAP CAP+ | CAP"),
        Example(
            "Following is the transcript of an interview with the Asian Business Daily by the "
            "Financial Secretary.",
            _named("Asian Business Daily"),
        ),
        Example("In an interview with Finwire yesterday, the Secretary said so.", _named("Finwire")),
    ),
    _name_form(
        "organisation",
        HOST,
        ("CAP+'s", "LOWER{0,2}", "HOSTED_NOUN"),
        Example(
            "Following is the speech by the Secretary at the Asian Markets Weekly's annual dinner today.",
            _named("Asian Markets Weekly"),
        ),
        Example(
            "He thanked Northwind Capital's board for the invitation.",
            _named("Northwind Capital"),
        ),
    ),
    _name_form(
        "zone",
        KNOWN,
        ("KNOWN",),
        Example(
            "The Secretary spoke on the development of the Northern Metropolis.",
            _named("Northern Metropolis"),
        ),
    ),
    _name_form(
        "zone",
        HEADED,
        ("CAP+", "ZONE_QUALIFIER+", "ZONE_HEAD"),
        Example(
            "The delegation visited the Shaoguan Hi-Tech Industrial Development Zone today (March 14).",
            _named("Shaoguan Hi-Tech Industrial Development Zone"),
        ),
        Example(
            "He toured the China (Fujian) Pilot Free Trade Zone Xiamen Area of Fujian today.",
            _named("China (Fujian) Pilot Free Trade Zone"),
        ),
        Example(
            "In the afternoon, Mr Lau visited the Nansha Comprehensive Bonded Area.",
            _named("Nansha Comprehensive Bonded Area"),
        ),
        Example(
            "The project is jointly developed by the Huangpu Development District and a Hong Kong firm.",
            _named("Huangpu Development District"),
        ),
    ),
    _name_form(
        "zone",
        PLURAL,
        ("CAP+", "(,|and CAP+)+", "ZONE_QUALIFIER*", "Areas|Zones|Parks"),
        Example(
            "The Secretary inspected the works of the Tung Chung East and Tung Chung West Development Areas.",
            _named("Tung Chung West Development Area"),
        ),
    ),
)
