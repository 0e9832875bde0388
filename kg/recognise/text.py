"""Shared text helpers for the recognisers: normalising, sentences, honorifics, ordinals, dates.

Everything here is plain string work with compiled regular expressions, linear in the text.
Other recognisers import from this module: functions are only ever added, signatures kept.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kg.lexicon import HONORIFIC_WORDS, MONTH_NAMES, STOP_ABBREVIATIONS, WEEKDAY_NAMES

# --------------------------------------------------------------------------------------------
# Normalising

# Characters replaced one by one (no replacement is itself replaced, so the order is free):
# str.replace finds each in C, where str.translate would look every character up in a dict.
_REPLACE = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201a", "'"),
    ("\u2032", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u00a0", " "),
    ("\u2002", " "),
    ("\u2003", " "),
    ("\u2009", " "),
    ("\u200b", ""),
    ("\ufeff", ""),
    ("\u2013", "-"),
    ("\u2011", "-"),
    ("\u2010", "-"),
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_SPACES_TO_FIX = ("  ", "\t", "\r", "\f", "\v")
# a closing bracket run into the next word by a scrape: "(MD)Wong Kam-ching"
_RUN_ON_BRACKET = re.compile(r"\)(?=[A-Z][a-z])")
# a comma run into the next word: "So Ping-chi,were" (digits keep theirs: "1,000")
_RUN_ON_COMMA = re.compile(r",(?=[A-Za-z])")


def normalise(text: str) -> str:
    """NFC form with straight quotes and apostrophes, plain hyphens for en dashes and non-breaking
    hyphens, no zero-width characters, a space after a closing bracket run into a capitalised
    word ("(MD)Wong" -> "(MD) Wong") or a comma into a letter ("chi,were"), and runs of spaces or tabs collapsed to one space (line
    breaks are kept): "People\u2019s\u00a0Government" -> "People's Government"."""
    if not text.isascii():  # ASCII text is in NFC form and holds no character of _REPLACE
        text = unicodedata.normalize("NFC", text)
        for char, replacement in _REPLACE:
            text = text.replace(char, replacement)
    text = _RUN_ON_COMMA.sub(", ", _RUN_ON_BRACKET.sub(") ", text))
    # a text whose only spaces are single " " would come back as it is
    return _SPACES.sub(" ", text) if any(map(text.__contains__, _SPACES_TO_FIX)) else text


def strip_the(text: str) -> str:
    """The text without a leading "the"/"The" and surrounding spaces: "the Loop" -> "Loop"."""
    text = text.strip()
    return text[4:].lstrip() if text[:4].lower() == "the " else text


_KEY_DROP = re.compile(r"[^a-z0-9]+")
_KEY_POSSESSIVE = re.compile(r"['`]s\b")


# ASCII characters other than [a-z0-9], each to a space: what _KEY_DROP does to ASCII text
_KEY_SPACES = str.maketrans(
    dict.fromkeys(set(map(chr, range(128))) - set(string.ascii_lowercase + string.digits), " ")
)


def name_key(text: str) -> str:
    """A case-, punctuation- and "the"-insensitive key for comparing names written two ways:
    "the Co-operation Zone" and "Co-operation zone" give the same key ("co operation zone")."""
    t = text.lower().replace("&", " and ")
    if "'" in t or "`" in t:
        t = _KEY_POSSESSIVE.sub("s", t)
    t = " ".join(t.translate(_KEY_SPACES).split()) if t.isascii() else _KEY_DROP.sub(" ", t).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


# --------------------------------------------------------------------------------------------
# Expressions searched only in texts that hold a word they need


class Gated:
    """A compiled expression and words one of which every match holds: a text without any of
    them is not searched (`in` finds a word many times faster than the expression scans).

    For an expression compiled with re.IGNORECASE, give the words in lower case: they are looked
    for in the lower-cased text, and a non-ASCII text is always searched (under IGNORECASE "ſ"
    matches "s" and "ı" matches "i").
    """

    __slots__ = ("folded", "pattern", "words")

    def __init__(self, pattern: re.Pattern[str], *words: str) -> None:
        self.pattern = pattern
        self.words = words
        self.folded = bool(pattern.flags & re.IGNORECASE)

    def may_match(self, text: str) -> bool:
        """False when no match can be in the text."""
        if self.folded:
            if not text.isascii():
                return True
            text = text.lower()
        return any(map(text.__contains__, self.words))

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        if self.folded:  # may_match, without a call
            if text.isascii() and not any(map(text.lower().__contains__, self.words)):
                return None
        elif not any(map(text.__contains__, self.words)):
            return None
        return self.pattern.search(text, *span)

    def finditer(self, text: str, *span: int) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, *span) if self.may_match(text) else iter(())


# --------------------------------------------------------------------------------------------
# Paragraphs and sentences

# A stop (possibly after "!" or "?"), closing quotes/brackets, space, then what can open a sentence.
# ("[.!?][.!?]*", not "[.!?]+": an expression that opens with a set of characters is searched by
# skipping to them, one that opens with a repeat by trying it at every position.)
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def word_regex(words: Iterable[str], after_first: str = "") -> str:
    """A regex alternative matching any of the words, built as a character trie so that matching
    costs the same however many words there are ("Mr", "Mrs", "Ms" -> "M(?:r(?:s)?|s)");
    `after_first` is put after each word's first character."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, opening: str = "") -> str:
        alts = [re.escape(ch) + opening + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie, after_first)


# Put after a word's first character (when that is a letter or digit): no letter or digit comes
# before the word, as r"\b" before it would say. re searches an expression that opens with one of a
# set of characters by skipping to them, and one that opens with r"\b" by trying every position.
AT_WORD_START = r"(?<!\w.)"


def word_start_alternatives(alternation: str) -> str:
    r"""r"\b(?:" + alternation + ")" written to be searched quickly (see AT_WORD_START): each of
    the alternatives (split at the top level) must open with a letter or digit written as
    itself: "held|chaired|took place" -> "(?:h(?<!\w.)eld|c(?<!\w.)haired|t(?<!\w.)ook place)"."""
    parts: list[str] = []
    depth, start, i, in_set = 0, 0, 0, False
    while i < len(alternation):
        c = alternation[i]
        if c == "\\":
            i += 1
        elif in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            parts.append(alternation[start:i])
            start = i + 1
        i += 1
    parts.append(alternation[start:])
    for part in parts:
        if not (part[:1].isalnum() and part[:1].isascii()) or part[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"an alternative must open with a letter or digit: {part!r}")
    return "(?:" + "|".join(part[0] + AT_WORD_START + part[1:] for part in parts) + ")"


def word_start_regex(words: Iterable[str]) -> str:
    r"""r"\b(?:w1|w2|...)" for words that start with a letter or digit, written to be searched
    quickly (see AT_WORD_START)."""
    words = list(words)
    if not all(re.match(r"\w", w) for w in words):
        raise ValueError("every word must start with a letter or digit")
    return word_regex(words, AT_WORD_START)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of the text (paragraphs are separated by blank lines in a Release, and a
    sentence never runs across a line break in the house style)."""
    return [p.strip() for p in text.split("\n") if p.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, line by line.

    A sentence ends at ".", "!" or "?" (with any closing quote or bracket kept with it) followed
    by a space and a capital, a digit or an opening quote; not after a title or abbreviation
    ("Mr.", "Dr.", "No. 3", "St."), an initial ("C. Y. Leung"), or a dotted abbreviation
    ("H.K.", "U.S."); decimals ("6.5") have no space and never split.
    """
    return [sentence for _, sentence in paragraph_sentences(text)]


_WORD_CHARS = string.ascii_letters + "."


def _word_before(text: str, lo: int, end: int) -> str:
    r"""The word that text[lo:end] ends with, as r"([A-Za-z][A-Za-z.]*)$" finds it there ("" for
    none): the run of letters and dots that ends it, from its first letter (str.rstrip finds
    it at once, where the expression would be tried at every position)."""
    window = text[lo:end]
    return window[len(window.rstrip(_WORD_CHARS)) :].lstrip(".")


def sentence_stops(text: str, lo: int, hi: int, reach: int) -> list[int]:
    """Where the sentences of one line, text[lo:hi], end (the offsets after each stop that ends
    one): not after a title or abbreviation ("Mr.", "No."), an initial or a dotted word, read
    from at most `reach` characters before the stop."""
    stops: list[int] = []
    for m in _BOUNDARY.finditer(text, lo, hi):
        at = m.start()
        if text[at] == ".":
            word = _word_before(text, max(lo, at - reach), at)
            if word and (word in STOP_ABBREVIATIONS or (len(word) == 1 and word.isupper()) or "." in word):
                continue
        stops.append(m.end())
    return stops


def paragraph_sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a text (as split_sentences splits them), each with the number of the
    paragraph (non-empty line) it is in, from 0."""
    out: list[tuple[int, str]] = []
    for pi, line in enumerate(split_paragraphs(text)):
        start = 0
        for stop in sentence_stops(line, 0, len(line), 24):
            piece = line[start:stop].strip()
            if piece:
                out.append((pi, piece))
            start = stop
        piece = line[start:].strip()
        if piece:
            out.append((pi, piece))
    return out


# --------------------------------------------------------------------------------------------
# Honorifics

# One or more honorifics at the start ("the Hon Dr ", "Ir Dr ", "Professor the Hon ", "Mrs. ").
HONORIFIC_RE = re.compile(
    r"^(?:(?:[Tt]he\s+)?(?:" + "|".join(sorted(HONORIFIC_WORDS, key=len, reverse=True)) + r")\.?\s+)+"
)


def split_honorific(text: str) -> tuple[str | None, str]:
    """("Professor", "Sun Dong") from "Professor Sun Dong"; combined titles are kept together
    without "the" or dots ("the Hon Dr X" -> ("Hon Dr", "X")); (None, text) when there is none."""
    text = text.strip()
    m = HONORIFIC_RE.match(text)
    if not m:
        return None, text
    words = [w.rstrip(".") for w in m.group(0).split() if w.lower() != "the"]
    return " ".join(words), text[m.end() :].strip()


# --------------------------------------------------------------------------------------------
# Ordinals

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS_TH = {k[:-1] + "ieth": v for k, v in _TENS.items()}
ORDINAL_WORDS: dict[str, int] = {**_UNITS, **_TEENS, **_TENS_TH}
for _t, _v in _TENS.items():
    for _u, _w in _UNITS.items():
        ORDINAL_WORDS[f"{_t}-{_u}"] = _v + _w
        ORDINAL_WORDS[f"{_t} {_u}"] = _v + _w
# A regex alternative for an ordinal in words or digits ("tenth", "Twenty-fifth", "10th", "1st").
ORDINAL_PATTERN = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|(?:(?:[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety)[\s-])?"
    r"(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|[Ss]eventh|[Ee]ighth|[Nn]inth)|[Tt]enth|[Ee]leventh|"
    r"[Tt]welfth|(?:[Tt]hir|[Ff]our|[Ff]if|[Ss]ix|[Ss]even|[Ee]igh|[Nn]ine)teenth|(?:[Tt]wen|[Tt]hir|[Ff]or|[Ff]if|[Ss]ix|"
    r"[Ss]even|[Ee]igh|[Nn]ine)tieth)"
)
_ORD_DIGITS = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def ordinal_value(word: str) -> int | None:
    """10 from "10th" or "tenth", 25 from "Twenty-fifth"; None for anything else."""
    w = word.strip().lower()
    m = _ORD_DIGITS.match(w)
    if m:
        return int(m.group(1))
    return ORDINAL_WORDS.get(w)


# --------------------------------------------------------------------------------------------
# Dates

MONTHS: dict[str, int] = {}
for _i, _m in enumerate(MONTH_NAMES, 1):
    MONTHS[_m] = _i
    MONTHS[_m[:3]] = _i
MONTHS["Sept"] = 9
_MONTH_WORDS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH = rf"(?:{_MONTH_WORDS})\.?"
_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"
_RELATIVE = (
    r"(?P<rel>(?i:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday(?:\s+(?:morning|afternoon|evening))?"
    r"|last\s+night|tomorrow(?:\s+(?:morning|afternoon|evening))?)|" + _WEEKDAY + r")"
)
# "today (September 7)", "yesterday afternoon (May 10)", "Wednesday (May 13)", "today (January 21, Davos time)"
_PAREN_DATE = re.compile(
    r"(?:\b" + _RELATIVE + r"\s*)?\((?:" + _WEEKDAY + r",?\s+)?(?P<month>" + _MONTH + r")\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?(?:[,;][^)]*)?\)"
)
# "September 7, 2023", "on March 3", "March 3 last year"
_MDY = re.compile(
    rf"(?P<month>{word_start_alternatives(_MONTH_WORDS)}\.?)\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<year>\d{4})\b)?(?:\s+(?P<shift>last|next)\s+year)?"
)
# "7 September 2023" (r"\d{1,2}" written r"\d\d?" to put AT_WORD_START after the first digit)
_DMY = re.compile(rf"(?P<day>\d{AT_WORD_START}\d?)\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>\d{{4}}))?\b")
_BARE_RELATIVE = re.compile(
    r"\b(?P<rel>(?i:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow))\b(?!\s*\()"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in a sentence: where it was written and the full date it denotes."""

    start: int
    end: int
    date: date
    text: str
    relative: bool  # given as "today (...)", "yesterday", ...: the day something happened or happens


def resolve_month_day(month: int, day: int, release_date: date, year_shift: int = 0) -> date | None:
    """The full date of "Month Day" written without a year in a release of `release_date`: the year
    that puts it nearest the release date, so a January release's "December 30" is in the previous
    year and a December release's "January 3" in the next. `year_shift` -1/+1 for "last/next year"
    (taken from the release's year). None for an impossible date (February 30)."""
    try:
        if year_shift:
            return date(release_date.year + year_shift, month, day)
        best = None
        for y in (release_date.year - 1, release_date.year, release_date.year + 1):
            try:
                d = date(y, month, day)
            except ValueError:
                continue
            if best is None or abs((d - release_date).days) < abs((best - release_date).days):
                best = d
        return best
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _full(year: str | None, month: str, day: str, release_date: date, shift: int = 0) -> date | None:
    m = MONTHS.get(month.rstrip("."))
    if m is None:
        return None
    if year:
        try:
            return date(int(year), m, int(day))
        except ValueError:
            return None
    return resolve_month_day(m, int(day), release_date, shift)


# Every month's name and abbreviation in _MONTH starts with one of these (case as written).
_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# What _BARE_RELATIVE needs, in lower case.
_RELATIVE_WORDS = ("today", "tonight", "this", "yesterday", "tomorrow")


def _may_name_month(sentence: str) -> bool:
    """False when the sentence holds no month's name (so no date of _PAREN_DATE, _MDY, _DMY)."""
    return any(map(sentence.__contains__, _MONTH_STARTS))


def _may_be_relative(sentence: str) -> bool:
    """False when _BARE_RELATIVE cannot match (non-ASCII text is left to it: under IGNORECASE
    "ſ" matches "s" and "ı" matches "i")."""
    if not sentence.isascii():
        return True
    return any(map(sentence.lower().__contains__, _RELATIVE_WORDS))


def find_dates(sentence: str, release_date: date) -> list[DateMention]:
    """Every full date a sentence gives, resolved against the release date, in order.

    Handles "today (September 7)", "yesterday (May 10)", "tomorrow (May 12)", "Wednesday (May 13)",
    "on March 3", "September 7, 2023", "7 September 2023", "March 3 last year", and a bare "today",
    "this afternoon", "yesterday" or "tomorrow" (taken from the release date).
    """
    return list(_find_dates(sentence, release_date))


@functools.lru_cache(maxsize=256)
def _find_dates(sentence: str, release_date: date) -> tuple[DateMention, ...]:
    """find_dates, remembered: a release's meetings and its lead look at the same sentences."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    month = _may_name_month(sentence)
    for m in _PAREN_DATE.finditer(sentence) if month and "(" in sentence else ():
        d = _full(m.group("year"), m.group("month"), m.group("day"), release_date)
        if d:
            found.append(DateMention(m.start(), m.end(), d, m.group(0), m.group("rel") is not None))
            taken.append((m.start(), m.end()))
    for rx in (_MDY, _DMY) if month else ():
        for m in rx.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            shift = {"last": -1, "next": 1}.get(m.groupdict().get("shift") or "", 0)
            d = _full(m.group("year"), m.group("month"), m.group("day"), release_date, shift)
            if d:
                found.append(DateMention(m.start(), m.end(), d, m.group(0), False))
                taken.append((m.start(), m.end()))
    for m in _BARE_RELATIVE.finditer(sentence) if _may_be_relative(sentence) else ():
        if not free(m.start(), m.end()):
            continue
        rel = m.group("rel").split()[0].lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(rel, 0)
        found.append(DateMention(m.start(), m.end(), release_date + timedelta(days=shift), m.group(0), True))
    found.sort(key=lambda x: x.start)
    return tuple(found)


def first_date(sentence: str, release_date: date) -> date | None:
    """The first date a sentence gives (see find_dates), or None."""
    dates = find_dates(sentence, release_date)
    return dates[0].date if dates else None
