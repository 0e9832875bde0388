"""People and the posts they hold, as the house style of Government press releases names them.

Rules, each tested in tests/test_recognise_people.py:

- A person is named after an honorific ("Mr", "Professor", "the Hon Dr", ...) or, without one,
  right after a post as news stories write it ("Chief Secretary Chan Kwok-ki", "Guangdong Governor
  Ma Xingrui"; the name must then start with a romanised Chinese surname, perhaps after a given
  name: "Secretary for Development Carrie Lam").
- A post stands before the name, with or without a comma ("The Secretary for Development, Mr
  Paul Chan," / "Vice Mayor of Shenzhen Mr Wang Shourui"), or after it ("Mr Cheung, the
  Chairman,"). A post is a run of capitalised words and connectors holding a head word
  (Secretary, Director, Mayor, Chairman ...); it keeps inner commas ("Secretary for Innovation,
  Technology and Industry"), drops a leading "the" and abbreviations in brackets ("(HKSAR)").
- "Chairlady and Founder of medical technology company X, Ms Y": two roles sharing one "of X" are
  one post as written; a company described in lower-case words after "of" belongs to the post.
  "CE Carrie Lam": a post written only as its abbreviation names the person but gives no tenure.
- "Deputy Director of A and Director of B, Mr X" gives X two posts; "the Secretary for A and the
  Secretary for B, Mr X and Ms Y, respectively" gives one post to each.
- Short references ("Professor Sun said", "Mr Lee and Mr Xin") resolve to the person already
  named with that word in the name; a name that is the start of another ("Paul Chan" and
  "Paul Chan Mo-po") is the same person. An unresolved one-word name makes no person.
- A person named without a post is a Person but not a Tenure; a post with no name is nothing.
- A post after a name that does not open with a head word must say whose post it is: "Xu Zhong,
  Artistic Director of Shanghai Opera House" / "Mr B, Associate Professor at Y" (the house style
  of arts and business releases; the name may lack an honorific when it starts with a surname).
  In "Ms A, Principal Dancer of X, and Mr B, ..." the post between the names is A's.
- "former", "then", "ex-" before a post stay out of it and the tenure counts. After "POST," a
  name without honorific needs a hyphenated given name ("Director of Marine, So Ping-chi,").
- Post-nominal letters ("SBS", "JP") are dropped. Photo captions are read like the body; the
  headline is not (it abbreviates posts: "SEE attends ...").
- A post in brackets after a name ("Ir A (Chairman of the B Institute)"), in a relative clause
  ("Mr A, who is also the Vice Governor of B") or after "will be / is the" ("Mr A will be the
  Acting Secretary for B": the tenure is later resolved to the substantive post, held acting).
- Appointment notices give each person the membership written next to them ("appointed Mr A and
  Ms B as members of the X", "thanked C for his service as a member of the X"); "as members" or
  "as its Chairman" without a body takes the body of the appointment just before. "its POST"
  before a name is the post of the organisation named just before. The passive ("Mr A is
  re-appointed as the Chairperson of B", "Mr C and Ms D are appointed as new members of B") and
  "congratulated Mr E on his appointment as the F" read the same way; so do senior appointment
  notices ("Mr A, currently Deputy Director of B, will be promoted to Director of B", "will take
  up the post of C"). "Mr A will succeed Mr B as C": C is not B's post.
- "Mr Justice A" is the judge A; "Justice A" alone is a rank. A surname alone ("Director-General
  Ren") names no one new. Older releases write surnames in capitals ("Mr CHAU Tak-hay").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import compress, count

from kg.lexicon import (
    ADDRESSING,
    AFTER_NAME_HEADS,
    BODY_HEADS,
    COMPANY_NOUNS,
    CONNECTORS,
    EVENT_OR_ORG_HEADS,
    FEMALE_HONORIFICS,
    HONORIFIC_WORDS,
    LOWER_CASE_HEADS,
    MEMBER_QUALIFIERS,
    MONTHS,
    NAME_OF_THINGS,
    NAME_PARTICLES,
    NON_NAME,
    OCCASION_WORDS,
    ORG_HEADS,
    POST_ABBREVIATIONS,
    POST_HEADS,
    POST_MODIFIERS,
    POST_NOMINALS,
    POST_OPENERS,
    SURNAMES,
    WEEKDAYS,
)
from kg.model import Person, Tenure
from kg.recognise.document import Document, Sentence
from kg.recognise.forms import Example, Form
from kg.recognise.memo import per_word
from kg.recognise.text import (
    word_start_regex,
)

_ABBR_PAREN = re.compile(r"\s*\((?:the\s+)?[A-Z][A-Z&\d]+(?:\s[A-Z][A-Z&\d]+)?\)")
_END_OF_APPOSITION = frozenset({",", ";", ".", ":", "(", ")", "and", "respectively", '"', "!", "?", "at"})
# a sentence can name a person only if it holds an honorific or a post's head word
_MAY_NAME = re.compile(
    word_start_regex(
        {
            *HONORIFIC_WORDS,
            *POST_HEADS,
            *POST_ABBREVIATIONS,
            *AFTER_NAME_HEADS,
            "Executive",
            "Justice",
            "chairman",
            "chairperson",
            "convenor",
        }
    )
    + r"\b"
)


@dataclass(slots=True)
class PersonMention:
    """A person named in a sentence: tokens [first, end) including the honorific, name from `name_at`."""

    sentence: int
    first: int
    name_at: int
    end: int
    name: str
    honorific: str | None
    person: str | None = None  # the canonical name after resolution
    comma_post: bool = False  # a name without honorific after "POST," ("Director of Marine, So Ping-chi,")


@dataclass(slots=True)
class Analysis:
    """What the people recogniser read in one release; the meeting recogniser reuses it."""

    sentences: list[Sentence]
    mentions: list[list[PersonMention]]  # per sentence, in order
    people: list[Person] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)


# What a word says of a post, by _head_kind: not a head word, one, or one after "Chief".
_NOT_HEAD, _HEAD, _HEAD_AFTER_CHIEF = 0, 1, 2


@per_word
def _head_kind(w: str) -> int:
    """Whether a word is a post's head word ("Secretary", "Director's", "Chairman-elect"), or
    one only after "Chief" ("Executive", "Justice")."""
    base = w[:-2] if w.endswith("'s") else w
    for suffix in ("-elect", "-designate"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    if w in LOWER_CASE_HEADS or base in POST_HEADS:
        return _HEAD
    prefix, _, rest = base.partition("-")
    if prefix in ("Vice", "Co", "Deputy", "Assistant") and rest in POST_HEADS:
        return _HEAD  # "Vice-Minister", "Co-Convenor", "Deputy-Director"
    return _HEAD_AFTER_CHIEF if base in ("Executive", "Justice") else _NOT_HEAD


_HEAD_KIND_OF: dict[str, int] = _head_kind.known  # type: ignore[attr-defined]


def _is_head(words: list[str], i: int) -> bool:
    kind = _HEAD_KIND_OF.get(words[i])
    if kind is None:
        kind = _head_kind(words[i])
    if kind != _HEAD_AFTER_CHIEF:
        return kind == _HEAD
    if i > 0 and words[i - 1] == "Chief":
        return True
    # a judge's rank on its own before a name ("thanked Justice Zhao Ming"), not "Secretary for
    # Justice" nor the title "Mr Justice"
    prv = words[i - 1] if i > 0 else ""
    return words[i] == "Justice" and not prv[:1].isupper() and prv not in CONNECTORS


@per_word
def _is_name_word(w: str) -> bool:
    if not w[0].isupper() or not w[0].isalpha() or w in NON_NAME:
        return False
    if len(w) <= 3 and w.isupper():  # initials: "C", "CY", "KS"
        return True
    return any(c.islower() for c in w[1:]) or len(w) == 1


_NAME_WORD: dict[str, bool] = _is_name_word.known  # type: ignore[attr-defined]


def _upper_surname(w: str) -> bool:
    """A surname written in capitals, as older releases do ("Mr CHAU Tak-hay", "Mr Donald TSANG")."""
    return len(w) >= 2 and w.isupper() and w.isalpha() and w.capitalize() in SURNAMES


_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def _caps_after_initial(words: list[str], j: int) -> bool:
    """A surname in capitals right after an initial, whatever the surname ("Dr E K YEOH")."""
    w, prev = words[j], words[j - 1]
    return (
        2 <= len(w) <= 8
        and w.isupper()
        and w.isalpha()
        and w not in POST_NOMINALS
        and len(prev) <= 2
        and prev.isupper()
        and prev.isalpha()
    )


def _read_name(s: Sentence, k: int, limit: int = 6) -> int:
    """Index after the name that starts at token k (k itself when there is none)."""
    words, n = s.words, len(s.words)
    j = k
    while j < n and j - k < limit:
        w = words[j]
        name_word = _NAME_WORD.get(w)
        if name_word is None:
            name_word = _is_name_word(w)
        if (
            name_word
            or _upper_surname(w)
            or (j > k and w.isupper() and _caps_after_initial(words, j))
            or (
                # "Mr Kong Lun-man", "Professor Estella Kong Tsz-lap": a surname that is also a word of a
                # place's name, right after the title or before a hyphenated given name
                w in SURNAMES
                and w[:1].isupper()
                and (j == k or (j + 1 < n and _HYPHENATED_GIVEN.match(words[j + 1])))
            )
        ):
            if w == "Hong" and j + 1 < n and words[j + 1].startswith("Kong"):
                break
            j += 1
            if w.endswith("'s"):
                break
            # an initial's full stop: "C. Y. Leung"
            if j < n and words[j] == "." and len(w) == 1 and j + 1 < n and _is_name_word(words[j + 1]):
                j += 1
        elif w in NAME_PARTICLES and j > k and j + 1 < n and _is_name_word(words[j + 1]):
            j += 1
        else:
            break
    while j > k and (words[j - 1] in POST_NOMINALS or words[j - 1] == "."):
        j -= 1
    return j


_WHITESPACE = re.compile(r"\s+")


def _one_spaced(text: str) -> str:
    """The text with each run of spaces one space (_WHITESPACE.sub(" ", text)); a printable ASCII
    text without two spaces in a row is so already."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text
    return _WHITESPACE.sub(" ", text)


def _clean_name(text: str) -> str:
    text = text.strip()
    if text.endswith("'s"):  # a possessive's "'s" is not part of the name
        text = text[:-2]
    text = _one_spaced(text)
    words = text.split(" ")
    if any(_upper_surname(w) for w in words):  # "CHAU Tak-hay" is Chau Tak-hay: one person, one label
        text = " ".join(w.capitalize() if _upper_surname(w) else w for w in words)
    elif len(words) > 1 and words[-1].isupper() and _caps_after_initial(words, len(words) - 1):  # "E K YEOH"
        text = " ".join((*words[:-1], words[-1].capitalize()))
    return text


# Honorifics before "Justice" in a judge's title ("Mr Justice A", "Madam Justice B").
_JUDGES_TITLED = frozenset({"Mr", "Madam", "Mrs", "Ms"})
# The words a title before a name can open with (a mention can start nowhere else).
_TITLE_OPENERS = HONORIFIC_WORDS | {"the", "The"}


def _honorific_mentions(s: Sentence, si: int) -> list[PersonMention]:
    out: list[PersonMention] = []
    words, n = s.words, len(s.words)
    openers = list(compress(count(), map(_TITLE_OPENERS.__contains__, words)))
    i = 0
    while i < n:
        if words[i] not in _TITLE_OPENERS:  # nothing starts here: on to the next opener
            k = bisect_left(openers, i)
            if k == len(openers):
                break
            i = openers[k]
        w = words[i]
        first = i
        hon: list[str] = []
        j = i
        while j < n:
            x = words[j]
            if x in HONORIFIC_WORDS:
                hon.append(x)
                j += 1
                if j < n and words[j] == "." and s.starts[j] == s.ends[j - 1]:
                    j += 1
            elif x in ("the", "The") and j + 1 < n and words[j + 1] == "Hon":
                j += 1
            elif (
                x in ("the", "The")
                and j + 2 < n
                and words[j + 1] == "Honourable"
                and words[j + 2] in HONORIFIC_WORDS
            ):
                j += 2  # "the Chief Judge of the High Court, the Honourable Mr Justice A": a style
            elif (
                x == "Justice"
                and hon
                and hon[-1] in _JUDGES_TITLED
                and j + 1 < n
                and _is_name_word(words[j + 1])
            ):
                hon.append(x)  # "Mr Justice Wong Ka-ho": a judge's title, not a name
                j += 1
            else:
                break
        if not hon or (w in ("Sir", "Lady", "Lord", "Madam") and len(hon) == 1 and j < n and words[j] == ","):
            i = max(i + 1, j)
            continue
        end = _read_name(s, j)
        if end > j:
            name = _clean_name(s.span(j, end))
            out.append(PersonMention(si, first, j, end, name, " ".join(hon)))
            i = end
        else:
            i = j
    return out


# Surnames that can open a name (not those that are also words of things' names).
_NAME_SURNAMES = SURNAMES - NAME_OF_THINGS


def _surname_mentions(s: Sentence, si: int, taken: set[int]) -> list[PersonMention]:
    """Names without an honorific right after a post: "Chief Executive Carrie Lam"."""
    out: list[PersonMention] = []
    words, n = s.words, len(s.words)
    read_to = 0  # the tokens before it are in a name already read
    for i in compress(count(), map(_NAME_SURNAMES.__contains__, words)):
        if i < read_to or i in taken:
            continue
        name_range = _surname_name(words, i, taken)
        if name_range is None:
            continue
        start, j = name_range
        if (
            j - start == 1
            and start > 0
            and not _is_head(words, start - 1)
            and words[start - 1] not in POST_ABBREVIATIONS
        ):
            continue  # a surname alone ends a name it is part of ("... of Private Law"), unless after a head
        # the post runs up to the name ("Chief Executive Carrie Lam"), not "POST, and Sai Kung"
        posts = (
            []
            if start > 0 and words[start - 1] in CONNECTORS
            else _posts_before(s, start, taken, allow_comma=False)
        )
        comma_post = (
            not posts
            and start > 0
            and words[start - 1] == ","
            and any("-" in w for w in words[start + 1 : j])  # "So Ping-chi", not "Wong Tai Sin"
            and j < n
            and words[j] in (",", ".", ")")
            and bool(_posts_before(s, start, taken, allow_comma=True))
        )
        if (
            posts
            or comma_post
            or (start > 0 and words[start - 1] in POST_ABBREVIATIONS)
            or (j - start >= 2 and _post_after(s, j, {}) is not None)  # "Xu Zhong, Artistic Director of X"
        ):
            name = _clean_name(s.span(start, j))
            out.append(PersonMention(si, start, start, j, name, None, comma_post=comma_post))
            taken.update(range(start, j))
            read_to = j
    return out


def _given_before(words: list[str], i: int, taken: set[int]) -> bool:
    """Whether the word before surname i is a given name ("Carrie" in "Carrie Lam")."""
    if i == 0 or (i - 1) in taken:
        return False
    w = words[i - 1]
    return (
        _is_name_word(w)
        and w not in NAME_OF_THINGS
        and w not in ORG_HEADS
        and w not in SURNAMES
        and w not in POST_MODIFIERS
        and not _is_head(words, i - 1)
    )


def _given_word(words: list[str], j: int) -> bool:
    w = words[j]
    return (
        _is_name_word(w)
        and w not in NAME_OF_THINGS
        and w not in ORG_HEADS
        and w not in POST_MODIFIERS
        and not _is_head(words, j)
        and len(w) <= 10
    )


def _surname_name(words: list[str], i: int, taken: set[int]) -> tuple[int, int] | None:
    """Token range of a name built on the surname at i: "[Given] Surname [Given-name]", or None
    when the capitalised run goes on past it (an organisation or a place: "Sun Hing Knitting
    Factory", "Lok Ma Chau Loop")."""
    n = len(words)
    for given in (True, False) if _given_before(words, i, taken) else (False,):
        start = i - 1 if given else i
        while (
            given
            and start > 0
            and len(words[start - 1]) <= 2
            and words[start - 1].isupper()
            and words[start - 1] not in POST_ABBREVIATIONS
        ):
            start -= 1  # "K S Wong"
        j = i + 1
        if j < n and "-" in words[j] and _given_word(words, j):
            j += 1
        elif not given:
            while j < n and j - i <= 2 and _given_word(words, j):
                j += 1
                if "-" in words[j - 1]:
                    break
        if any(t in taken for t in range(start, j)):
            continue
        if j < n and words[j][:1].isupper() and words[j][:1].isalpha() and words[j] not in HONORIFIC_WORDS:
            continue
        return start, j
    return None


def _company_description(words: list[str], j: int, end: int, blocked: set[int]) -> int | None:
    """Index of the "of" that opens a company described in lower-case words, when token j is the
    describing noun before the company's capitalised name: "Founder of medical technology company
    Yidu Tech" (j at "company"); None otherwise."""
    if words[j] not in COMPANY_NOUNS or j + 1 >= end or not words[j + 1][:1].isupper():
        return None
    k = j - 1
    while k >= 0 and j - k <= 5 and k not in blocked:
        w = words[k]
        if w == "of":
            prv = words[k - 1] if k > 0 else ""
            return k if prv[:1].isupper() and (k - 1) not in blocked else None
        if not (w[:1].islower() and w[:1].isalpha()) or w in CONNECTORS:
            return None
        k -= 1
    return None


def _left_span(s: Sentence, i: int, blocked: set[int], allow_comma: bool) -> tuple[int, int]:
    """Token range [start, end) of the run of post-like words ending just before token i (after an
    optional comma when allowed)."""
    words = s.words
    j = i - 1
    if j >= 0 and words[j] == ",":
        if not allow_comma:
            return i, i
        j -= 1
    end = j + 1
    if j > 0 and words[j] in LOWER_CASE_HEADS and words[j - 1][:1].isupper():
        j -= 1
    while j >= 0 and end - j <= 40:  # a post is never longer than this; keeps the walk linear
        t = words[j]
        if j in blocked:
            break
        c = t[0]
        if c.isalpha():
            if t in OCCASION_WORDS:
                break  # "Speech at the Banquet in Honour of President X": the post starts after it
            if c.isupper() or t in CONNECTORS:
                j -= 1
                continue
            of = _company_description(words, j, end, blocked)
            if of is not None:
                j = of - 1
                continue
            break
        if t in ("&", "/", "-", "'"):
            j -= 1
            continue
        if t == ")":
            k = j - 1
            while k >= 0 and k > j - 10 and words[k] != "(":
                k -= 1
            # "(HKSAR)", "(Operations)", "(Central and Western)" belong to the post
            if (
                k >= 0
                and words[k] == "("
                and all(
                    (x[0].isupper() and x[0].isalpha()) or x == "&" or x in CONNECTORS
                    for x in words[k + 1 : j]
                )
            ):
                j = k - 1
                continue
            break
        if t == ",":
            prv = words[j - 1] if j >= 1 else ""
            nxt = words[j + 1] if j + 1 < end else ""
            if (
                prv[:1].isupper()
                and prv[:1].isalpha()
                and (j - 1) not in blocked
                and (nxt[:1].isupper() or nxt == "and")
            ):
                j -= 1
                continue
            break
        break
    while end > j + 1 and words[end - 1] in CONNECTORS:
        end -= 1
    return j + 1, end


def _whole_post(words: list[str], a: int, b: int) -> bool:
    """Whether [a, b) is a post with its body of its own: a head word, then "of" and a body's name
    ending in its head noun ("Party Secretary of the CPC Shenzhen Municipal Committee")."""
    a = _trim(words, a, b)
    if b - a < 3 or words[b - 1] not in ORG_HEADS or not words[a][:1].isupper():
        return False
    of = next((k for k in range(a + 1, b - 1) if words[k] == "of"), None)
    return of is not None and _has_post_head(words, a, of) and _is_head(words, of - 1)


def _trim(words: list[str], a: int, b: int) -> int:
    """Index of the first token of [a, b) after leading connectors, commas and sentence-opening
    words ("The", "At", "During" ...)."""
    while a < b and (
        words[a] in CONNECTORS or words[a] in POST_OPENERS or words[a] in (",", "&", "'", "-", "/")
    ):
        a += 1
    return a


def _has_post_head(words: list[str], a: int, b: int) -> bool:
    # a head word that is not a possessive inside an office's name ("Chief Executive's Office"),
    # the last of which ends the run or is followed by "of", "for" ... ("Secretary for X"), so
    # that "Chief Executive Joint Conference" is not a post
    for last in range(b - 1, a - 1, -1):
        if _is_head(words, last) and not (
            words[last].endswith("'s") and any(words[q] in ORG_HEADS for q in range(last + 1, b))
        ):
            break
    else:
        return False
    after = words[last + 1 : b]
    return (
        not after
        or any(w in CONNECTORS or w in ("(", "&", ",") for w in after)
        or after[-1] not in EVENT_OR_ORG_HEADS
    )


def _split_and(s: Sentence, a: int, b: int) -> list[tuple[int, int]]:
    """ "Deputy Director of A and Director of B" -> two posts; "Secretary for Home and Youth
    Affairs" stays one (the word after "and" must start a post and the left part be complete)."""
    words = s.words
    parts: list[tuple[int, int]] = []
    start = a
    for k in range(a + 1, b - 1):
        if words[k] not in ("and", "&") or k <= start:
            continue
        m = k + 1
        if words[m] == "the" and m + 1 < b:
            m += 1
        # the words after "and" reach a head within a few capitalised words ("and Director of",
        # "and FCC Chairperson"), and the words before hold a post of their own
        q = m
        while q < b and q < m + 6 and not _is_head(words, q) and words[q][:1].isupper():
            q += 1
        # a longer run before the head must name a body ("and Community Care Fund Task Force
        # Chairperson"), not go on with a portfolio's words
        reaches = q < m + 4 or any(words[x] in ORG_HEADS for x in range(m, q))
        if q < b and reaches and _is_head(words, q) and _has_post_head(words, start, k):
            of_or_for = next((words[x] for x in range(m, b) if words[x] in ("of", "for")), None)
            if (
                m == k + 1
                and all(_is_head(words, x) or words[x] in POST_MODIFIERS for x in range(start, k))
                and of_or_for == "of"  # not "Deputy Prime Minister and Minister for Trade of X": two posts
            ):
                # "Chairlady and Founder of X": two roles sharing one "of X" are one post as written
                continue
            parts.append((start, k))
            start = m
    parts.append((start, b))
    return parts


def _post_text(s: Sentence, a: int, b: int) -> str:
    text = s.span(a, b)
    if "(" in text:
        text = _ABBR_PAREN.sub("", text)
    return _one_spaced(text).strip(" ,")


def _posts_before(s: Sentence, i: int, blocked: set[int], allow_comma: bool = True) -> list[str]:
    """The posts written just before token i (the first token of a mention)."""
    return _posts_and_start(s, i, blocked, allow_comma)[0]


def _posts_and_start(s: Sentence, i: int, blocked: set[int], allow_comma: bool) -> tuple[list[str], int]:
    """The posts before token i and the token where their run of words starts."""
    words = s.words
    a, b = _left_span(s, i, blocked, allow_comma)
    if b <= a:
        return [], a
    if words[b - 1] == ")":  # "Director (Director of the Trade Office) Li Ming": the post in full
        p = b - 2
        while p > a and words[p] != "(":
            p -= 1
        if words[p] == "(" and _has_post_head(words, p + 1, b - 1) and _has_post_head(words, a, p):
            a, b = p + 1, b - 1
    # segments between commas, read from the right
    cuts = [k for k in range(a, b) if words[k] == ","]
    bounds = [a, *[c + 1 for c in cuts]]
    segs = [(bounds[q], (cuts[q] if q < len(cuts) else b)) for q in range(len(bounds))]
    posts: list[tuple[int, int]] = []
    q = len(segs) - 1
    cur_a, cur_b = segs[q]
    while True:
        ta = _trim(words, cur_a, cur_b)
        if ta < cur_b and _has_post_head(words, ta, cur_b):
            posts.insert(0, (ta, cur_b))
            if q > 0 and _whole_post(words, ta, cur_b) and _whole_post(words, *segs[q - 1]):
                # "Standing Committee Member of the CPC A Committee, Party Secretary of the CPC B
                # Committee, Mayor of B Xu Qin": posts of their own, each with its body
                q -= 1
                cur_a, cur_b = segs[q]
                continue
            if words[cur_a] == "and" and q > 0:
                pa, pb = segs[q - 1]
                pta = _trim(words, pa, pb)
                opens = pa == 0 or not words[pa - 1][0].isalnum()
                if _has_post_head(words, pta, pb) and opens:
                    q -= 1
                    cur_a, cur_b = pa, pb
                    continue
            break
        if q == 0:
            break
        q -= 1
        cur_a = segs[q][0]
    out: list[str] = []
    for pa, pb in posts:
        parts = _split_and(s, pa, pb)
        for q, (xa, xb) in enumerate(parts):
            xa = _trim(words, xa, xb)
            if q < len(parts) - 1 and _ends_in_a_name(words, xa, xb):
                continue  # "Vietnamese Prime Minister Nguyen Van A and Singapore Prime Minister B"
            if xa < xb and words[xa][0].isupper() and _has_post_head(words, xa, xb):
                out.append(_post_text(s, xa, xb))
    return out, a


# Capitalised words that may follow a post's head word without a connector ("Consul General").
_AFTER_HEAD = frozenset("General Officer Designate Elect Emeritus Counsellor".split())


def _ends_in_a_name(words: list[str], a: int, b: int) -> bool:
    """Whether the post before "and" ends in two or more capitalised words after its head with no
    connector, as a name the recogniser did not read ("Prime Minister Nguyen Van A"): the post is
    then that person's, not the one named after "and"."""
    last = max((k for k in range(a, b) if _is_head(words, k)), default=-1)
    after = words[last + 1 : b] if last >= 0 else []
    return (
        len(after) >= 2
        and all(w[:1].isupper() and w[:1].isalpha() and w not in CONNECTORS for w in after)
        and not _AFTER_HEAD.issuperset(after)
        and after[-1] not in EVENT_OR_ORG_HEADS
    )


_POST_END = frozenset({",", ".", ";", ")", ":", "said"})


def _inner_abbreviation(words: list[str], k: int) -> int:
    """Index after an abbreviation in brackets that opens at token k ("(UNIDROIT)" inside "Secretary-
    General of the ... (UNIDROIT)"); k itself when there is none."""
    n = len(words)
    if (
        k + 2 < n
        and words[k] == "("
        and words[k + 2] == ")"
        and words[k + 1].isupper()
        and len(words[k + 1]) >= 2
    ):
        return k + 3
    return k


def _of_whom(words: list[str], a: int, b: int) -> bool:
    """Whether the post in [a, b) names whose post it is: a head word followed by "of" or "at" and
    a capitalised name ("Artistic Director of Shanghai Opera House")."""
    return any(
        (_is_head(words, q) or words[q] in AFTER_NAME_HEADS)
        and words[q + 1] in ("of", "at")
        and (words[q + 2][:1].isupper() or (words[q + 2] == "the" and q + 3 < b))
        for q in range(a, b - 2)
    )


def _post_after(s: Sentence, end: int, starts_at: dict[int, PersonMention]) -> str | None:
    """The post written after a name that ends at token `end`: "Mr Cheung, the Chairman," ->
    "Chairman"; "Xu Zhong, Artistic Director of Shanghai Opera House" -> "Artistic Director of
    Shanghai Opera House" (a post not opening with a head word or modifier must name whose post
    it is, "of X" / "at X"); "Ir A (Chairman of the B Institute)" -> "Chairman of the B Institute"
    (in brackets, closed by the bracket). A post followed by the occasion ("Mr A, Chairman of the
    B Authority at the annual meeting today") ends before "at"."""
    words, n = s.words, len(s.words)
    k = end
    while k < n and (
        words[k] in POST_NOMINALS or (words[k] == "," and k + 1 < n and words[k + 1] in POST_NOMINALS)
    ):
        k += 1
    k = _past_position(words, k)  # "Mr A (second left), Chairman of B, ..." in a photo caption
    if k >= n or words[k] not in (",", "("):
        return None
    bracket = words[k] == "("
    k += 1
    if k < n and words[k] in ("the", "The"):
        k += 1
    if k + 1 < n and words[k] in _WHEN_HELD and words[k + 1][:1].isupper():
        k += 1  # "Mr A, former Secretary for B,"
    a = k
    if a >= n or k in starts_at or not words[a][:1].isupper() or not words[a][:1].isalpha():
        return None
    strict = words[a] in POST_MODIFIERS or _is_head(words, a)
    if not strict and (words[a] in HONORIFIC_WORDS or words[a] in NON_NAME):
        return None
    closed_by_name = False
    while k < n:
        t = words[k]
        if k in starts_at:
            if not strict and words[k - 1] == "and":  # "Ms A, Principal Dancer of X and Mr B"
                closed_by_name = True
                k -= 1
                break
            return None
        if (t[0].isalpha() and (t[0].isupper() or t in CONNECTORS or t == "at")) or t in ("&", "/", "'", "-"):
            k += 1
            continue
        if t == "(" and _inner_abbreviation(words, k) > k:
            k = _inner_abbreviation(words, k)
            continue
        if t == "(" and not bracket and (close := _portfolio_bracket(words, k)) > k:
            k = close  # "Ms A, Assistant Director of Social Welfare (Elderly), said"
            continue
        if (
            t == ","
            and k + 1 < n
            and (k + 1) not in starts_at
            and words[k + 1][:1].isupper()
            and words[k + 1] not in HONORIFIC_WORDS
            and words[k - 1][:1].isupper()
        ):
            k += 1
            continue
        break
    b = k
    while b > a and (words[b - 1] in CONNECTORS or words[b - 1] == "at"):
        b -= 1
    if b <= a:
        return None
    if bracket:
        if k >= n or words[k] != ")":
            return None
        closes = True
    else:
        closed_by_and = (
            b < k and words[b] == "and" and k < n and words[k][:1].islower()
        )  # "..., and a conductor"
        closes = closed_by_name or closed_by_and or k >= n or words[k] in _POST_END
        if not closes and "at" in words[a:b]:
            b = words.index("at", a, b)  # "..., Chairman of the B Authority at the annual meeting today"
            closes = b > a and _of_whom(words, a, b)
    if not closes:
        return None
    if not _of_whom(words, a, b) and not (strict and _has_post_head(words, a, b)):
        return None
    if not bracket and k < n and words[k] == "," and k + 1 < n and (k + 1) in starts_at:
        return None
    return _post_text(s, a, b)


def _portfolio_bracket(words: list[str], k: int) -> int:
    """The token after a portfolio in brackets at token k inside or closing a post ("(Elderly)",
    "(Kowloon East)", "(Operations) of X": capitalised words, then a comma, the sentence's end or
    "of"); k when there is none."""
    n = len(words)
    q = k + 1
    while q < n and q < k + 7 and (words[q][:1].isupper() or words[q] in ("and", "&", ",")):
        q += 1
    if q == k + 1 or q >= n or words[q] != ")":
        return k
    return q + 1 if q + 1 >= n or words[q + 1] in _POST_END or words[q + 1] in ("of", "for") else k


def _named_before(s: Sentence, i: int) -> str | None:
    """The organisation or body named last before token i in the sentence, as written ("the Shenzhen
    Innovation Association"), that an "its" at i refers to; None when there is none."""
    words = s.words
    k = i - 1
    while k >= 0 and not (words[k] in ORG_HEADS or words[k] in BODY_HEADS):
        k -= 1
    if k < 0:
        return None
    end, j = k + 1, k
    while end < i and (words[end][:1].isupper() or words[end] in CONNECTORS):
        end += 1  # "... Chamber of Commerce"
    while words[end - 1] in CONNECTORS:
        end -= 1
    while j > 0 and (words[j - 1][:1].isupper() or words[j - 1] in ("of", "for", "and", "&", "'", "-")):
        j -= 1
    while j < k and (words[j] in CONNECTORS or words[j] in POST_OPENERS):
        j += 1  # "The", "During", "of" before the name
    the = "the " if j > 0 and words[j - 1] in ("the", "The") else ""
    return the + _one_spaced(s.span(j, end))


def _bracket_after(words: list[str], end: int) -> bool:
    """Whether a bracket opens right after the name that ends at token `end` (post-nominals and a
    caption's position aside)."""
    k = end
    while k < len(words) and words[k] in POST_NOMINALS:
        k += 1
    k = _past_position(words, k)
    return k < len(words) and words[k] == "("


def _past_position(words: list[str], k: int) -> int:
    """Index after a photo caption's position in brackets at token k ("(left)", "(second right)",
    "(front row, centre)": lower-case words only); k itself when there is none."""
    n = len(words)
    if k >= n or words[k] != "(":
        return k
    q = k + 1
    while q < n and q < k + 7 and (words[q] == "," or (words[q].isalpha() and words[q].islower())):
        q += 1
    return q + 1 if q > k + 1 and q < n and words[q] == ")" else k


def _post_run(s: Sentence, a: int, starts_at: dict[int, PersonMention]) -> tuple[int, int, int]:
    """The post that opens at token a with a head word or modifier and runs over capitalised words
    and connectors: its range [a, b) (b <= a for none) and the token after the run."""
    words, n = s.words, len(s.words)
    if a >= n or not (words[a] in POST_MODIFIERS or _is_head(words, a)):
        return a, a, a
    k = a
    while k < n and k not in starts_at:
        t = words[k]
        if t in MONTHS or t in WEEKDAYS:
            break  # "... will take up the post of Director of X on June 1"
        if (t[0].isalpha() and (t[0].isupper() or t in CONNECTORS)) or t in ("&", "/", "'", "-"):
            k += 1
            continue
        break
    b = k
    while b > a and words[b - 1] in CONNECTORS:
        b -= 1
    if b > a and words[b - 1].endswith("'s"):
        return a, a, k  # "the Chairman's guest"
    if b > a + 1 and len(words[b - 1]) == 1 and words[b - 1].isupper():
        return a, a, k  # cut at an initial: "the Chairman of the Y. Elites Association Limited"
    return (a, b, k) if b > a and _has_post_head(words, a, b) else (a, a, k)


# Verbs that give a person a post: "Mr A, will be the Acting Secretary for B", "Mr C is the Chairman".
_IS_PHRASES = (
    ("will", "be"),
    ("will", "act", "as"),
    ("will", "serve", "as"),
    ("is",),
    ("was",),
    ("has", "been"),
)
# Verbs of a senior appointment notice, before a post with or without "the": "Mr A, currently
# Deputy Director of B, will be promoted to Director of B"; "Ms C will take up the post of D".
_TAKES_UP_PHRASES = (
    ("will", "be", "promoted", "to"),
    ("was", "promoted", "to"),
    ("has", "been", "promoted", "to"),
    ("will", "take", "up", "the", "post", "of"),
    ("took", "up", "the", "post", "of"),
)
# Words before a post that say when it was or is held; they stay out of the post ("Mr A, former
# Secretary for B," holds the post "Secretary for B").
_WHEN_HELD = frozenset(("former", "then", "currently", "now", "outgoing", "incoming", "new", "incumbent"))
# Words right before a name that the post after it is not that person's ("Mr A will succeed Mr B
# as Commissioner for C": the post is A's, not B's).
_SUCCEEDED = frozenset("succeed succeeds succeeded succeeding replace replaces replaced replacing".split())


_PHRASE_FIRST = frozenset(("will", "was", "has", "is", "took", "on", "have", "had", "are", "were"))


def _phrase_at(words: list[str], k: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The token after one of the phrases at token k (-1 when none is there)."""
    if k >= len(words) or words[k] not in _PHRASE_FIRST:
        return -1  # every phrase opens with one of these words
    for phrase in phrases:
        if tuple(words[k : k + len(phrase)]) == phrase:
            return k + len(phrase)
    return -1


def _post_is(s: Sentence, end: int, starts_at: dict[int, PersonMention]) -> str | None:
    """The post a sentence says a person holds or will hold, after the name that ends at token
    `end`: "Mr A will be the Acting Secretary for B during C's absence" -> "Acting Secretary for B"
    (after "the"; it must open with a head word or modifier and hold a head)."""
    words, n = s.words, len(s.words)
    k = end
    while k < n and words[k] in POST_NOMINALS:
        k += 1
    if k < n and words[k] == ",":
        k += 1
        # past an apposition: "Mr A, currently Deputy Director of B, will be promoted to ..."
        q = k
        while q < n and q < k + 16 and words[q] not in (",", ".", ";") and q not in starts_at:
            q += 1
        if q < n and words[q] == "," and _phrase_at(words, q + 1, _TAKES_UP_PHRASES) > 0:
            k = q + 1
    j = _phrase_at(words, k, _TAKES_UP_PHRASES)
    if j > 0:
        a, b, _ = _post_run(s, j + 1 if j < n and words[j] == "the" else j, starts_at)
        return _post_text(s, a, b) if b > a else None
    k = _phrase_at(words, k, _IS_PHRASES)
    if 0 <= k < n and words[k] in ("also", "currently", "now", "formerly"):
        k += 1  # "Mr A is also the Chairman of B", "Ms C is currently the Chief Executive of D"
    if 0 <= k < n - 1 and words[k] in ("acting", "Acting"):
        # "Mr A will be acting Chief Secretary for Administration" (no "the"): an acting tenure
        a, b, _ = _post_run(s, k + 1, starts_at)  # not a head alone ("will be Acting Secretary")
        return f"Acting {_post_text(s, a, b)}" if b > a + 1 else None
    if k < 0 or k >= n or words[k] != "the":
        return None
    a, b, _ = _post_run(s, k + 1, starts_at)
    return _post_text(s, a, b) if b > a else None


# What may stand between the names of an appointment notice and its "as": "Mr A is re-appointed
# as", "Mr B and Ms C have been appointed as", "congratulated Mr D on his appointment as".
_APPOINTED_AUX = (
    ("has", "been"),
    ("have", "been"),
    ("had", "been"),
    ("will", "be"),
    ("is",),
    ("are",),
    ("was",),
    ("were",),
)
_APPOINTED_VERBS = frozenset("appointed re-appointed reappointed elected re-elected".split())
_APPOINTMENT_OF = (("on", "his", "appointment"), ("on", "her", "appointment"), ("on", "their", "appointment"))


def _past_appointed(words: list[str], k: int) -> int:
    """The token after a passive appointment's verb or "on his appointment" at token k (k when
    there is none): "is re-appointed [as]", "have been appointed [as]", "on her appointment [as]"."""
    j = _phrase_at(words, k, _APPOINTMENT_OF)
    if j > 0:
        return j
    j = _phrase_at(words, k, _APPOINTED_AUX)
    return j + 1 if 0 < j < len(words) and words[j] in _APPOINTED_VERBS else k


def _post_as(
    s: Sentence, end: int, starts_at: dict[int, PersonMention], body: str | None = None
) -> str | None:
    """The post a person is appointed or serves as, right after the name that ends at token `end`:
    "appointed Mr A as the Chairman of the B, and ..." -> "Chairman of the B" (it must open with a
    head word or modifier and hold a head); "re-appointed Dr C as its Chairman" -> "Chairman of"
    the body the sentence named for the appointment before (`body`)."""
    words, n = s.words, len(s.words)
    k = end
    while k < n and words[k] in POST_NOMINALS:
        k += 1
    passive = _past_appointed(words, k)
    if passive > k and passive + 1 < n and words[passive] != "as" and words[passive - 1] != "appointment":
        k = passive - 1  # "Mr A has been appointed Chairman of B": as if "as" were written
    else:
        k = passive
    if k + 1 >= n or (words[k] != "as" and words[k] not in _APPOINTED_VERBS):
        return None
    first = next((m.first for m in starts_at.values() if m.end == end), 0)
    if first > 0 and (words[first - 1] in _SUCCEEDED or words[first - 2 : first] == ["over", "from"]):
        return None  # "Mr A will succeed / take over from Mr B as Commissioner for C": not B's post
    k += 1
    its = words[k] == "its"
    if words[k] in ("the", "The") or (its and body):
        k += 1
    a, b, k = _post_run(s, k, starts_at)
    if b <= a:
        return None
    return f"{_post_text(s, a, b)} of {body}" if its else _post_text(s, a, b)


def _post_who(s: Sentence, end: int, starts_at: dict[int, PersonMention]) -> tuple[str, bool] | None:
    """A post given in a relative clause after the name that ends at token `end`: "Mr A, who is also
    the Vice Governor of B Province," -> "Vice Governor of B Province"; "Ms C, a teacher, who is also
    a serving member of the D Council" -> "serving member of the D Council" (and True: a membership).
    A short description in lower case may stand between the name and the clause."""
    words, n = s.words, len(s.words)
    k = end
    while k < n and (words[k] in POST_NOMINALS or words[k] == ","):
        if (
            words[k] == "," and k + 1 < n and words[k + 1] in ("a", "an")
        ):  # ", a kindergarten educationalist,"
            q = k + 2
            while q < n and q < k + 10 and words[q].isalpha() and words[q].islower():
                q += 1
            if q < n and words[q] == ",":
                k = q
                continue
        k += 1
    if k + 2 >= n or words[k - 1] != "," or words[k] != "who" or words[k + 1] not in ("is", "was"):
        return None
    k += 2
    if words[k] == "also":
        k += 1
    membership = _member_role(s, k, starts_at) if k < n and words[k] in ("a", "an") else None
    if membership and membership[1]:
        return f"{membership[0]} of {membership[1]}", True
    if k < n and words[k] == "the":
        k += 1
    a, b, k = _post_run(s, k, starts_at)
    if b <= a or (k < n and words[k] not in _POST_END):
        return None
    return _post_text(s, a, b), False


def _membership(s: Sentence, k: int, starts_at: dict[int, PersonMention]) -> tuple[str, str | None] | None:
    """What a list of names ending at token k is appointed or thanked as when it is membership:
    "[for their dedicated service] as [a] [non-official] member(s) [of [the] X]" -> ("non-official
    member", "the X"); the body is None when not written ("... and Mr B as members")."""
    words, n = s.words, len(s.words)
    if 0 < k < n and words[k - 1] == "," and words[k] in _APPOSED_MEMBERS:
        return _apposed_membership(s, k, starts_at)
    if k < n and words[k] == "for":  # "for their valuable contributions as members of ..."
        q = k + 1
        while q < n and q < k + 7 and words[q] != "as" and words[q].isalpha() and words[q].islower():
            q += 1
        k = q
    k = _past_appointed(words, k)
    if k + 1 >= n or words[k] != "as":
        return None
    return _member_role(s, k + 1, starts_at)


_APPOSED_MEMBERS = frozenset(("member", "members", "both", "all")) | MEMBER_QUALIFIERS


def _apposed_membership(
    s: Sentence, k: int, starts_at: dict[int, PersonMention]
) -> tuple[str, str | None] | None:
    """A membership written after the names, between commas: "Mr A and Ms B, members of the X
    Commission, visited ..." -> ("member", "the X Commission"); the body must be written, and the
    phrase must close the list (not "Mr A, members of the X and senior officials attended")."""
    words, n = s.words, len(s.words)
    found = _member_role_at(s, k + 1 if words[k] in ("both", "all") else k, starts_at)
    if found is None or found[1] is None:
        return None
    role, body, q = found
    if q >= n or words[q] in (".", ";", ":", ")"):
        return role, body
    nxt = words[q + 1] if q + 1 < n else ""
    return (role, body) if words[q] == "," and nxt[:1].islower() and nxt not in ("and", "or") else None


def _member_role(s: Sentence, k: int, starts_at: dict[int, PersonMention]) -> tuple[str, str | None] | None:
    """A membership from token k: "[a] [non-official] member(s) [of [the] X]" (see _membership)."""
    found = _member_role_at(s, k, starts_at)
    return None if found is None else found[:2]


def _member_role_at(
    s: Sentence, k: int, starts_at: dict[int, PersonMention]
) -> tuple[str, str | None, int] | None:
    """_member_role, with the token after what it read."""
    words, n = s.words, len(s.words)
    if k < n and words[k] in ("a", "an", "the"):
        k += 1
    if k < n and words[k] == "new":  # "are appointed as new members of X": members of X
        k += 1
    a = k
    while k < n and words[k] in MEMBER_QUALIFIERS:
        k += 1
    if k >= n or words[k].lower() not in ("member", "members"):
        return None
    role = " ".join((*words[a:k], "member"))
    k += 1
    if k + 1 >= n or words[k] != "of":
        return role, None, k
    a = k = k + 1
    if words[k] in ("the", "The"):
        k += 1
    c = k
    while k < n and k not in starts_at:
        t = words[k]
        if (t[0].isalpha() and (t[0].isupper() or t in CONNECTORS)) or t in ("&", "'", "-"):
            k += 1
            continue
        break
    while k > c and words[k - 1] in CONNECTORS:
        k -= 1
    if k <= c or not words[c][:1].isupper():
        return None  # "as members of the public"
    return role, _one_spaced(s.span(a, k)), k


def _body_of(post: str) -> str | None:
    """The body a post belongs to as written after its "of": "Chairman of the B Committee" -> "the B
    Committee"."""
    _, of, body = post.partition(" of ")
    return body if of and (body[:1].isupper() or body.startswith("the ")) else None


def _chain_after(
    s: Sentence, m: PersonMention, starts_at: dict[int, PersonMention]
) -> tuple[list[PersonMention], bool, int]:
    """Mentions that follow m in a list ("Mr X and Ms Y"), whether "respectively" closes it and
    the token after the list."""
    words, n = s.words, len(s.words)
    chain: list[PersonMention] = []
    k = m.end
    while k < n:
        t = words[k]
        if k in starts_at:
            chain.append(starts_at[k])
            k = starts_at[k].end
            continue
        if t in (",", "and") or t in POST_NOMINALS:
            k += 1
            continue
        if t == "(":
            close = k + 1
            while close < n and close < k + 8 and words[close] != ")":
                close += 1
            if close < n and words[close] == ")":
                k = close + 1
                continue
        break
    return chain, (k < n and words[k] == "respectively"), k


def _resolve(mentions: list[PersonMention]) -> None:
    """Give each mention its canonical person name (see module rules).

    Linear in the mentions (comparing each name with every other made a release of 10,000 names
    take 27 s): a full name finds the first canonical name that extends it or that it extends
    through indexes of whole names and of their token prefixes; a one-word reference finds the
    nearest person named before with that word through the last person seen per word, else the
    first named after through each word's positions."""
    canon: dict[str, str] = {}
    whole: dict[tuple[str, ...], tuple[int, str]] = {}  # a canonical name's words -> (rank, name)
    starts: dict[tuple[str, ...], tuple[int, str]] = {}  # proper leading words -> the first such name
    for m in mentions:
        if m.name in canon:
            continue
        toks = tuple(m.name.split())
        if len(toks) < 2:
            continue
        best = starts.get(toks)  # a name this one starts: "Paul Chan" of "Paul Chan Mo-po"
        for cut in range(1, len(toks)):  # a name that starts this one
            hit = whole.get(toks[:cut])
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit
        target = m.name if best is None else best[1]
        rank = len(canon)
        canon[m.name] = target
        words = tuple(target.split())
        whole.setdefault(words, (rank, target))
        for cut in range(1, len(words)):
            starts.setdefault(words[:cut], (rank, target))
    later: dict[str, list[int]] = {}  # a word -> where the mentions of canonical names holding it are
    for idx, m in enumerate(mentions):
        if m.name in canon:
            for w in set(canon[m.name].split()):
                later.setdefault(w, []).append(idx)
    # the kind of title each person was named with, needed only for short references with one
    gender = (
        {canon[m.name]: _gender(m.honorific) for m in reversed(mentions) if m.name in canon}
        if any(m.honorific and m.name not in canon for m in mentions)
        else {}
    )
    last: dict[str, str] = {}  # a word -> the person last named with it
    last_of: dict[tuple[str, str], str] = {}  # (a word, "m" or "f") -> the person of that gender
    for idx, m in enumerate(mentions):
        person = canon.get(m.name)
        if person is None:
            word = m.name.split()[0] if m.name else ""
            person = last.get(word)  # the nearest person named before ...
            g = _gender(m.honorific)
            if person is not None and g and gender.get(person) not in (g, ""):
                person = last_of.get((word, g))  # "Mr Lam" is not "Mrs Carrie Lam" nor "Dr Lam Ka-ho"
            if person is None and word in later:  # ... else the first named after
                at = bisect_right(later[word], idx)
                if at < len(later[word]):
                    person = canon[mentions[later[word][at]].name]
                    if g and gender.get(person) not in (g, ""):
                        person = None
        m.person = person
        if person:
            g_person = gender.get(person) if gender else None
            for w in person.split():
                last[w] = person
                if g_person:
                    last_of[(w, g_person)] = person


_MALE_HONORIFICS = frozenset(("Mr", "Sir", "Lord"))
_ACADEMIC_HONORIFICS = frozenset(("Dr", "Professor", "Prof"))


def _gender(honorific: str | None) -> str:
    """The kind of title the first word of an honorific gives: "m" ("Mr"), "f" ("Mrs", "Ms"), "d"
    ("Dr", "Professor": a release keeps calling a doctor so), else "" (any)."""
    first = honorific.split()[0].rstrip(".") if honorific else ""
    if first in _ACADEMIC_HONORIFICS:
        return "d"
    return "m" if first in _MALE_HONORIFICS else "f" if first in FEMALE_HONORIFICS else ""


def _tenure(person: str, post: str) -> dict[str, str]:
    return {"person": person, "post": post}


# The forms a sentence names a person with a post in. The patterns are token patterns in the
# manner of spaCy's Matcher, naming what the code above reads: POST a run of capitalised words and
# connectors holding a head word (_posts_before / _post_after), HONORIFIC a title
# (_honorific_mentions), NAME a personal name (_read_name), SURNAME a romanised Chinese surname
# opening one (_surname_mentions).
_POST_COMMA_NAME = Form(
    "tenure: post, honorific name",
    "tenure",
    ("the?", "POST", ",", "HONORIFIC+", "NAME", ",|said|and|(|."),
    (
        Example(
            "The Secretary for Housing, Ms Winnie Ho, visited a public housing estate in Tuen Mun today (March 14).",
            _tenure("Winnie Ho", "Secretary for Housing"),
        ),
        Example(
            "The Chairman of the Hong Kong Tourism Board, Dr Pang Yiu-kai, welcomed the delegation.",
            _tenure("Pang Yiu-kai", "Chairman of the Hong Kong Tourism Board"),
        ),
        Example(  # "Mr Justice" is a judge's title
            "The Chief Judge of the High Court, Mr Justice Poon Wai-kit, delivered the welcome address.",
            _tenure("Poon Wai-kit", "Chief Judge of the High Court"),
        ),
        Example(  # older releases write the surname in capitals
            "The Secretary for Works, Mr KWONG Hon-sang, said today (March 14) that the project was on time.",
            _tenure("Kwong Hon-sang", "Secretary for Works"),
        ),
        Example(  # "the Honourable" before the honorific is a style
            "The Chief Judge of the High Court, the Honourable Mr Justice Poon Wai-kit, delivered the address.",
            _tenure("Poon Wai-kit", "Chief Judge of the High Court"),
        ),
        Example(  # after initials, a surname in capitals that is not among the listed surnames
            "The Secretary for Health and Welfare, Dr T K YEOH, said the new clinic would open in May.",
            _tenure("T K Yeoh", "Secretary for Health and Welfare"),
        ),
        Example(  # a lead sentence that leaves out the closing comma
            "Following is the speech by the Secretary for Security, Mr Lee Siu-kwan at the passing-out "
            "parade today (March 14):",
            _tenure("Lee Siu-kwan", "Secretary for Security"),
        ),
        Example(  # a speech's addressee: "Surname (Post, Honorific Full Name)"
            "Professor Ho (School Supervisor, Professor Ho Man-kit), Reverend Wong (School Chaplain, Reverend "
            "Wong Kin-on), teachers and students,",
            _tenure("Wong Kin-on", "School Chaplain"),
        ),
        Example(  # "its": the post of the organisation named just before
            "The delegation visited the Qianhai Youth Entrepreneurs Association, and its Deputy Director, Mr Zhou "
            "Ming, briefed them on its work.",
            _tenure("Zhou Ming", "Deputy Director of the Qianhai Youth Entrepreneurs Association"),
        ),
        Example(  # "Its" opening a sentence: the body the sentence before named
            "The Hong Kong Arts Development Council held its annual forum today. Its Chairman, Mr Kwok Siu-ming, "
            "opened the forum.",
            _tenure("Kwok Siu-ming", "Chairman of the Hong Kong Arts Development Council"),
        ),
        Example(  # two posts joined, the second with its own portfolio
            "He also met the Deputy Prime Minister and Minister for Finance of Singapore, Mr Lim Boon-keng.",
            _tenure("Lim Boon-keng", "Minister for Finance of Singapore"),
        ),
        Example(  # a district in brackets belongs to the post
            "The District Officer (Wong Tai Sin and Sai Kung), Mrs Fung Wai-yee, officiated at the ceremony.",
            _tenure("Fung Wai-yee", "District Officer (Wong Tai Sin and Sai Kung)"),
        ),
    ),
)
_POST_NAME = Form(
    "tenure: post honorific name",
    "tenure",
    ("POST", "HONORIFIC+", "NAME"),
    (
        Example(
            "Vice Mayor of Guangzhou Municipal People's Government Mr Liu Wei attended the ceremony.",
            _tenure("Liu Wei", "Vice Mayor of Guangzhou Municipal People's Government"),
        ),
        Example(
            "Honourable Chief Justice Mr Ho Chun-wai, distinguished guests, ladies and gentlemen,",
            _tenure("Ho Chun-wai", "Chief Justice"),
        ),
        Example(  # a portfolio and a body's chair joined by "and": two posts
            "The Chief Secretary met the chairpersons of the task forces, including Secretary for "
            "Labour and Welfare and Elderly Care Fund Task Force Chairperson Dr Ho Ka-wai.",
            _tenure("Ho Ka-wai", "Elderly Care Fund Task Force Chairperson"),
        ),
        Example(  # a head word with a hyphenated "Vice-", "Co-", "Deputy-"
            "Minister of Commerce Zhang Wei and Vice-Minister of Commerce Mr Liu Jian attended the forum.",
            _tenure("Liu Jian", "Vice-Minister of Commerce"),
        ),
    ),
)
_POST_SURNAME = Form(
    "tenure: post surname given-name",
    "tenure",
    ("POST", "GIVEN?", "SURNAME", "GIVEN*"),
    (
        Example(
            "Guangdong Governor Wang Weizhong met the delegation in Guangzhou today (March 14).",
            _tenure("Wang Weizhong", "Guangdong Governor"),
        ),
        Example(  # a judge's rank on its own
            "The Chief Justice thanked Vice President Li Wei, Justice Zhao Ming and Senior Judge Qian Li for "
            "their visit.",
            _tenure("Zhao Ming", "Justice"),
        ),
        Example(  # a salutation's rank with the post in full in brackets
            "Director (Director of the Guangdong Commerce Office) Liu Jianguo, distinguished guests,",
            _tenure("Liu Jianguo", "Director of the Guangdong Commerce Office"),
        ),
        Example(  # a speech's title is not part of the post
            "CE's Speech at the Banquet in Honour of President Liu Haifeng",
            _tenure("Liu Haifeng", "President"),
        ),
        Example(  # posts each with its body, between commas: one tenure each
            "Standing Committee Member of the CPC Fujian Provincial Committee, Party Secretary of the CPC "
            "Xiamen Municipal Committee, Mayor of Xiamen Municipality Zhou Jianping witnessed the signing.",
            _tenure("Zhou Jianping", "Party Secretary of the CPC Xiamen Municipal Committee"),
        ),
    ),
)
_POST_COMMA_SURNAME = Form(
    "tenure: post, surname hyphenated-given-name",
    "tenure",
    ("POST", ",", "SURNAME", "GIVEN-NAME", ",|.|)"),
    (
        Example(
            "The ceremony was officiated by the Director of Marine, Tsang Kwok-wai, and members of the industry.",
            _tenure("Tsang Kwok-wai", "Director of Marine"),
        ),
    ),
)
_RESPECTIVELY = Form(
    "tenure: posts and names, respectively",
    "tenure",
    ("POST", "and", "POST", ",", "NAME", "and", "NAME", ",?", "respectively"),
    (
        Example(
            "The Secretary for Health and the Secretary for Labour and Welfare, Professor Lo Chung-mau and "
            "Mr Chris Sun, respectively, spoke at the forum.",
            _tenure("Chris Sun", "Secretary for Labour and Welfare"),
        ),
    ),
)
_POST_AFTER = Form(
    "tenure: name, post",
    "tenure",
    ("HONORIFIC*", "NAME", ",", "the?", "POST", ",|.|;|)|said"),
    (
        Example(
            "The guests included Mr Lau Chi-ming, Director of the Hong Kong Space Museum, and students.",
            _tenure("Lau Chi-ming", "Director of the Hong Kong Space Museum"),
        ),
        Example(
            "Speaking at the concert were Ms Chan Yuen-yi, Principal Dancer of the Hong Kong Ballet, and "
            "Mr Ng Ka-lok.",
            _tenure("Chan Yuen-yi", "Principal Dancer of the Hong Kong Ballet"),
        ),
        Example(  # a photo caption's position before the post
            "Mr Ho Chi-ming (second left), Chairman of the Hong Kong Shippers' Council, presents a souvenir to "
            "the guests.",
            _tenure("Ho Chi-ming", "Chairman of the Hong Kong Shippers' Council"),
        ),
        Example(  # the occasion follows the post
            "Following are the remarks by Mr Cheung Ka-wai, Chairman of the Hong Kong Housing Authority at the "
            "Authority's open meeting today (March 14):",
            _tenure("Cheung Ka-wai", "Chairman of the Hong Kong Housing Authority"),
        ),
        Example(  # a portfolio in brackets
            "Miss Yeung Siu-fan, Assistant Director of Social Welfare (Elderly), said the scheme would start "
            "in May.",
            _tenure("Yeung Siu-fan", "Assistant Director of Social Welfare (Elderly)"),
        ),
        Example(  # "former", "then", "currently", "outgoing", "new" stay out of the post
            "The Chief Executive expressed deep sorrow at the passing of Mr Ko Wing-chuen, former Secretary "
            "for Trade and Industry.",
            _tenure("Ko Wing-chuen", "Secretary for Trade and Industry"),
        ),
    ),
)
_POST_IN_BRACKETS = Form(
    "tenure: name (post)",
    "tenure",
    ("HONORIFIC*", "NAME", "(", "the?", "POST", ")"),
    (
        Example(
            "Ir Lau Chi-keung (Chairman of the Hong Kong Institute of Marine Technology), distinguished guests, "
            "ladies and gentlemen,",
            _tenure("Lau Chi-keung", "Chairman of the Hong Kong Institute of Marine Technology"),
        ),
        Example(
            "Ms Rachel Ford (General Counsel of the Asian Development Fund), distinguished guests,",
            _tenure("Rachel Ford", "General Counsel of the Asian Development Fund"),
        ),
        Example(
            "Dr Maria Gonzalez (Secretary-General of the International Council for Maritime Law (ICML)), "
            "distinguished guests,",
            _tenure("Maria Gonzalez", "Secretary-General of the International Council for Maritime Law"),
        ),
    ),
)
_POST_BETWEEN_NAMES = Form(
    "tenure: name, post, and name",
    "tenure",
    ("HONORIFIC+", "NAME", ",", "POST", ",?", "and", "HONORIFIC+", "NAME"),
    (
        Example(
            "Guests included Mr Lee Tat-man, Director of the Hong Kong Science Museum and Ms Cheung Ka-yan.",
            _tenure("Lee Tat-man", "Director of the Hong Kong Science Museum"),
        ),
        Example(
            "The panel comprised Ms Wong Siu-ling, Chief Curator of the Hong Kong Museum of Art and "
            "Mr Ho Kin-man, who spoke on the collection.",
            _tenure("Wong Siu-ling", "Chief Curator of the Hong Kong Museum of Art"),
        ),
    ),
)
_POST_AS = Form(
    "tenure: name as the post",
    "tenure",
    ("HONORIFIC*", "NAME", "(is|are|has been|was ... appointed|re-appointed|elected)?", "as", "the?", "POST"),
    (
        Example(
            "The Government today announced the appointment of Mr Wong Kin-fai as the Chairman of the "
            "Harbourfront Advisory Board, and Ms Ho Mei-yan as a member, for two years.",
            _tenure("Wong Kin-fai", "Chairman of the Harbourfront Advisory Board"),
        ),
        Example(  # an appointment notice in the passive
            "Dr Fung Siu-wah is re-appointed as the Chairperson of the Waterfront Commission for a "
            "one-year term from July 1, 2024 to June 30, 2025.",
            _tenure("Fung Siu-wah", "Chairperson of the Waterfront Commission"),
        ),
        Example(
            "The Chief Executive congratulated Mr Justice Lo Kin-pong on his appointment as the Chief "
            "Judge of the High Court.",
            _tenure("Lo Kin-pong", "Chief Judge of the High Court"),
        ),
    ),
)
_POST_IS = Form(
    "tenure: name will be the post",
    "tenure",
    (
        "HONORIFIC*",
        "NAME",
        "(, POST ,)?",
        "will be|will act as|will serve as|is|was|has been (also|currently|formerly)? the|will be promoted to|...",
        "POST",
    ),
    (
        Example(  # an acting arrangement: a tenure of the substantive post, held in an acting capacity
            "During Mr Yeung's absence, the Under Secretary for Labour and Welfare, Mr Ho Kai-ming, will be the "
            "Acting Secretary for Labour and Welfare.",
            _tenure("Ho Kai-ming", "Acting Secretary for Labour and Welfare"),
        ),
        Example(  # the same without "the", "acting" in lower case as older releases write it
            "During his absence, the Secretary for Development, Mr Wong Kam-sing, will be acting Chief "
            "Secretary for Administration.",
            _tenure("Wong Kam-sing", "Acting Chief Secretary for Administration"),
        ),
        Example(  # a head alone after "acting" names no post ("Acting Secretary" of what?)
            "Secretary for Development Mr Wong Kam-sing will be acting Chief Secretary, and Under "
            "Secretary for Development Mr Liu Chun-san will be Acting Secretary.",
            _tenure("Wong Kam-sing", "Acting Chief Secretary"),
        ),
        Example(
            "Dr Lam Sze-yan is the Chairman of the Hong Kong Council for Testing and Certification.",
            _tenure("Lam Sze-yan", "Chairman of the Hong Kong Council for Testing and Certification"),
        ),
        Example(  # a biography's "also", "currently", "formerly"
            "Mr Kwan Tak-ming is also the Chairman of the Hong Kong Youth Foundation.",
            _tenure("Kwan Tak-ming", "Chairman of the Hong Kong Youth Foundation"),
        ),
        Example(  # a senior appointment notice, past the post now held
            "Mr Tse Kwok-leung, currently Deputy Director of Highways, will be promoted to Director of "
            "Highways with effect from May 10.",
            _tenure("Tse Kwok-leung", "Director of Highways"),
        ),
        Example(
            "Ms Fok Wai-lan, Principal Government Engineer, will take up the post of Director of Water "
            "Supplies on June 1.",
            _tenure("Fok Wai-lan", "Director of Water Supplies"),
        ),
    ),
)
_POST_WHO = Form(
    "tenure: name, who is the post",
    "tenure",
    ("HONORIFIC*", "NAME", ",", "(a description ,)?", "who", "is|was", "also?", "the?", "POST", ",|.|;"),
    (
        Example(
            "He then met the Standing Committee Member of the CPC Fuzhou Municipal Committee, Mr Sun Wei, who is "
            "also the Executive Vice Mayor of Fuzhou.",
            _tenure("Sun Wei", "Executive Vice Mayor of Fuzhou"),
        ),
    ),
)
_MEMBERS = Form(
    "tenure: names as members of the body",
    "tenure",
    (
        "HONORIFIC*",
        "NAME",
        "(,|and NAME)*",
        "(for their ...)?",
        "(are|have been|... appointed)?",
        "as|,",
        "a?",
        "new?",
        "QUALIFIER*",
        "member|members",
        "(of the? BODY)?",
    ),
    (
        Example(
            "The Chief Executive has appointed Mr Lam Ka-ming and Ms Wong Mei-ling, SC, as members of the "
            "Advisory Panel on Sea Ports for two years.",
            _tenure("Wong Mei-ling", "member of the Advisory Panel on Sea Ports"),
        ),
        Example(  # the body from the appointment before; "its" as well
            "The Chief Executive has re-appointed Dr Ho Siu-fai as the Chairman of the Advisory Panel on Sea "
            "Ports, and Mr Lam Ka-ming and Ms Wong Mei-ling as members.",
            _tenure("Lam Ka-ming", "member of the Advisory Panel on Sea Ports"),
        ),
        Example(  # between commas after the names
            "Mr Lam Ka-ming, Ms Chan Mei-yee and Dr Ho Wing-fai, members of the Elderly Commission, visited "
            "the centre.",
            _tenure("Chan Mei-yee", "member of the Elderly Commission"),
        ),
        Example(  # in the passive; "new" is not part of the membership
            "Mr Ip Chi-keung and Ms Lau Wing-yan are appointed as new members of the Waterfront Commission "
            "for a two-year term.",
            _tenure("Lau Wing-yan", "member of the Waterfront Commission"),
        ),
        Example(
            "The Government thanked Mr Chow Tak-wing and Dr Yuen Siu-lan for their valuable contributions as "
            "non-official members of the Council on Road Safety.",
            _tenure("Yuen Siu-lan", "non-official member of the Council on Road Safety"),
        ),
        Example(  # in a relative clause, after a short description
            "Let us welcome Ms Ip Wai-han, a dedicated social worker, who is also a serving member of the "
            "Elderly Commission.",
            _tenure("Ip Wai-han", "serving member of the Elderly Commission"),
        ),
    ),
)
TENURE_FORMS: tuple[Form, ...] = (
    _POST_COMMA_NAME,
    _POST_NAME,
    _POST_SURNAME,
    _POST_COMMA_SURNAME,
    _RESPECTIVELY,
    _POST_AFTER,
    _POST_IN_BRACKETS,
    _POST_BETWEEN_NAMES,
    _POST_AS,
    _POST_IS,
    _POST_WHO,
    _MEMBERS,
)


def _post_before_form(m: PersonMention, comma: bool) -> Form:
    """The form of a post written before the name of mention m (`comma`: right after a comma)."""
    if m.comma_post:
        return _POST_COMMA_SURNAME
    if m.honorific is None:
        return _POST_SURNAME
    return _POST_COMMA_NAME if comma else _POST_NAME


def analyse(doc: Document) -> Analysis:
    """People, posts and where each is named in one release (read once, as `doc.people`)."""
    sentences = doc.sentences
    per_sentence: list[list[PersonMention]] = []
    for si, s in enumerate(sentences):
        if not _MAY_NAME.search(s.text):
            per_sentence.append([])
            continue
        ms = _honorific_mentions(s, si)
        taken: set[int] = set()
        for m in ms:
            taken.update(range(m.first, m.end))
        ms.extend(_surname_mentions(s, si, taken))
        ms.sort(key=lambda m: m.first)
        per_sentence.append(ms)
    flat = [m for ms in per_sentence for m in ms]
    _resolve(flat)

    people: dict[str, Person] = {}
    # a word two people's names share: a short reference by it ("Mrs Lam" beside "Carrie Lam" and
    # "Peter Lam", both named without honorific) is too weak to give either an honorific
    holders: dict[str, set[str]] = {}
    if any(m.person and m.name != m.person and " " not in m.name for m in flat):
        for m in flat:
            if m.person:
                for w in m.person.split():
                    holders.setdefault(w, set()).add(m.person)
    for m in flat:
        if not m.person:
            continue
        p = people.get(m.person)
        short = m.name != m.person and len(m.name.split()) == 1
        honorific = None if short and len(holders.get(m.name, ())) > 1 else m.honorific
        if p is None:
            people[m.person] = Person(m.person, honorific)
        elif p.honorific is None and honorific:
            p.honorific = honorific

    found: dict[tuple[str, str], Tenure] = {}

    def add(m: PersonMention, post: str, s: Sentence, form: Form) -> None:
        if not m.person or not post:
            return
        key = (m.person, post)
        if key not in found:
            found[key] = Tenure(m.person, post, s.text, people[m.person].honorific, form=form.name)

    last_body: tuple[int, str] | None = None  # the body of the last appointment named, and where
    for si, s in enumerate(sentences):
        ms = per_sentence[si]
        if not ms:
            continue
        blocked: set[int] = set()
        for m in ms:
            blocked.update(range(m.first, m.end))
        starts_at = {m.first: m for m in ms}
        # the mention that a comma right after it follows ("Mr A ,")
        # (past a caption's position: "Mr A (left), Chairman of B, and Mr C")
        ends_at = {}
        for m in ms:
            k = _past_position(s.words, m.end)
            if k < len(s.words) and s.words[k] == ",":
                ends_at[k + 1] = m
        posted_before: set[int] = set()
        done: set[int] = set()
        for m in ms:
            if id(m) in done:
                continue
            posts, a = _posts_and_start(s, m.first, blocked, bool(m.honorific) or m.comma_post)
            if m.first > 0 and s.words[m.first - 1] in POST_ABBREVIATIONS:
                posts = []  # "CE Carrie Lam": the post is not written out
            if posts and a >= 2 and s.words[a - 1] == ":" and s.words[a - 2] in ADDRESSING:
                posts = []  # "Reporter: Chief Executive, Professor X said ...": whom the reporter asks
            if posts and a >= 1 and s.words[a - 1] == "as" and "and" in s.words[a : m.first]:
                posts = []  # "appointed Mr A as the Chairman, and Mr B as a member": A's post
            if len(posts) == 1 and a >= 1 and s.words[a - 1] == "its" and (owner := _named_before(s, a - 1)):
                posts = [f"{posts[0]} of {owner}"]  # "the X Association, and its Deputy Director, Mr B"
            elif (
                len(posts) == 1 and a == 0 and s.words[0] == "Its" and si > 0
            ):  # "... Council. Its Chairman, Mr B"
                before = sentences[si - 1]
                owner = _named_before(before, len(before.words)) if before.paragraph == s.paragraph else None
                if owner:
                    posts = [f"{posts[0]} of {owner}"]
            comma = m.first > 0 and s.words[m.first - 1] == ","
            if posts and comma:
                # an apposition closes after the name (", Mr X," / "Mr X (second left)" / "Mr X and")
                # unless it opens the sentence or clause ("The Chief Executive, Mrs Carrie Lam said")
                k = m.end
                while k < len(s.words) and s.words[k] in POST_NOMINALS:
                    k += 1
                opens = a == 0 or not s.words[a - 1][0].isalnum()
                if k < len(s.words) and s.words[k] not in _END_OF_APPOSITION and not opens:
                    posts = []
            after = _post_after(s, m.end, starts_at)
            prev = ends_at.get(a)
            if (
                posts
                and prev is not None
                and id(prev) not in posted_before
                and (after or "and" in s.words[a : m.first])
            ):
                # "Ms A, Principal Dancer of X, and Mr B, ...": the post between two names is A's
                for post in posts:
                    add(prev, post, s, _POST_BETWEEN_NAMES)
                posts = []
            if posts:
                posted_before.add(id(m))
            chain, respectively, after_list = _chain_after(s, m, starts_at)
            if len(posts) > 1 and respectively and len(chain) + 1 == len(posts):
                for mm, post in zip([m, *chain], posts, strict=True):
                    add(mm, post, s, _RESPECTIVELY)
                    done.add(id(mm))
                continue
            for post in posts:
                add(m, post, s, _post_before_form(m, comma))
            if after:
                add(m, after, s, _POST_IN_BRACKETS if _bracket_after(s.words, m.end) else _POST_AFTER)
            held = _post_is(s, m.end, starts_at)
            if held:
                add(m, held, s, _POST_IS)
            who = _post_who(s, m.end, starts_at)
            if who:
                add(m, who[0], s, _MEMBERS if who[1] else _POST_WHO)
            body = last_body[1] if last_body and si - last_body[0] <= 1 else None
            appointed = _post_as(s, m.end, starts_at, body)
            if appointed:
                add(m, appointed, s, _POST_AS)
                if of := _body_of(appointed):
                    last_body = (si, of)
            membership = _membership(s, after_list, starts_at)
            if membership and (membership[1] or body):
                role, of = membership
                last_body = (si, of or body)
                for mm in (m, *chain):
                    add(mm, f"{role} of {last_body[1]}", s, _MEMBERS)

    # "Governor" beside "Governor of Guangdong Province" for one person is one post written twice,
    # as is the "Director-General" of a salutation ("Director-General Ren (Deputy Director-General
    # of the X, Mr Ren Y)") beside the post in full
    tenures = list(found.values())
    by_person: dict[str, list[str]] = {}
    for t in tenures:
        by_person.setdefault(t.person, []).append(t.post)
    tenures = [t for t in tenures if not any(_shortened(t.post, o) for o in by_person[t.person])]
    written = doc.written
    for t in tenures:
        t.post_org = _post_org(t.post)
        t.post_org_named = t.post_org is not None and t.post_org in written
    return Analysis(sentences, per_sentence, list(people.values()), tenures)


def _shortened(post: str, other: str) -> bool:
    """Whether `post` is `other` written short: its start ("Governor" of "Governor of X"), or its
    head word alone ("Director-General" of "Deputy Director-General of X")."""
    if other == post:
        return False
    return other.startswith(post + " ") or (" " not in post and post in other.split())


_OF_ORG = re.compile(r"\b(?:of|in)\s+(?:the\s+)?(.+)$")


def _post_org(post: str) -> str | None:
    """The organisation named in a post when it ends with one: "Vice Mayor of Shenzhen Municipal
    People's Government" -> "Shenzhen Municipal People's Government"."""
    m = _OF_ORG.search(post)
    if not m:
        return None
    org = m.group(1)
    last = org.split()[-1] if org.split() else ""
    return org if last in ORG_HEADS else None


def recognise_people(doc: Document) -> tuple[list[Person], list[Tenure]]:
    """The people a release names and the posts it names them with (see the module's rules)."""
    a = doc.people
    return [Person(p.name, p.honorific) for p in a.people], [
        Tenure(t.person, t.post, t.sentence, t.honorific, t.post_org, t.post_org_named, t.form)
        for t in a.tenures
    ]
