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
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import compress, count
from operator import itemgetter

from kg.model import Person, Release, Tenure
from kg.recognise.lexicon import (
    COMPANY_NOUNS,
    CONNECTORS,
    NAME_OF_THINGS,
    NAME_PARTICLES,
    NON_NAME,
    ORG_HEADS,
    POST_ABBREVIATIONS,
    POST_HEADS,
    POST_MODIFIERS,
    SURNAMES,
)
from kg.recognise.memo import per_release, per_word
from kg.recognise.text import (
    HONORIFIC_WORDS,
    POST_NOMINALS,
    normalise,
    paragraph_sentences,
    split_sentences,
    word_start_regex,
)

# Words with inner apostrophes or hyphens are one token; any other non-space character is one.
_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|\S")
_WHOLE = itemgetter(0)  # the text of a match
_ABBR_PAREN = re.compile(r"\s*\((?:the\s+)?[A-Z][A-Z&\d]+(?:\s[A-Z][A-Z&\d]+)?\)")
_END_OF_APPOSITION = frozenset({",", ";", ".", ":", "(", ")", "and", "respectively", '"', "!", "?"})
# Head words of posts that are written after a name in arts and academic releases ("Ms A,
# Principal Dancer of X", "Mr B, Associate Professor of Y"): only in that position, since
# "Professor" before a name is an honorific.
_AFTER_HEADS = frozenset(
    """Professor Dancer Lecturer Conductor Choreographer Fellow Researcher Scientist Engineer
    Architect Producer Designer Composer""".split()
)
# a sentence can name a person only if it holds an honorific or a post's head word
_MAY_NAME = re.compile(
    word_start_regex(
        {
            *HONORIFIC_WORDS,
            *POST_HEADS,
            *POST_ABBREVIATIONS,
            *_AFTER_HEADS,
            "Executive",
            "Justice",
            "chairman",
            "chairperson",
            "convenor",
        }
    )
    + r"\b"
)
_LOWER_HEADS = frozenset({"chairman", "chairperson", "chairwoman", "vice-chairman", "convenor", "convener"})
# "the then-Director", "ex-Chairman": the marker is not part of the post, which still counts
_FORMER_JOINED = re.compile(r"\b(then|ex|former)-(?=[A-Z])")


class Sentence:
    """One sentence; its tokens (word texts and character spans) are made when first asked for.
    `paragraph` numbers the body's paragraphs from 0; each caption is a paragraph of its own.

    `words`, `starts` and `ends` are slots left empty until one is read (`__getattr__` is only
    called for an empty one), so reading them later costs no Python call."""

    __slots__ = ("caption", "ends", "paragraph", "starts", "text", "words")

    words: list[str]
    starts: list[int]
    ends: list[int]

    def __init__(self, text: str, caption: bool = False, paragraph: int = 0) -> None:
        self.text = text
        self.caption = caption
        self.paragraph = paragraph

    @classmethod
    def of(cls, text: str, caption: bool = False, paragraph: int = 0) -> Sentence:
        return cls(text, caption, paragraph)

    def __getattr__(self, name: str) -> list:
        if name not in ("words", "starts", "ends"):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        found = list(_TOKEN.finditer(self.text))
        self.words = list(map(_WHOLE, found))
        self.starts = list(map(re.Match.start, found))
        self.ends = list(map(re.Match.end, found))
        return getattr(self, name)

    def span(self, i: int, j: int) -> str:
        """Text of tokens i..j-1 as written."""
        return self.text[self.starts[i] : self.ends[j - 1]] if j > i else ""


@dataclass(slots=True)
class Mention:
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
    mentions: list[list[Mention]]  # per sentence, in order
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
    if w in _LOWER_HEADS or base in POST_HEADS:
        return _HEAD
    return _HEAD_AFTER_CHIEF if base in ("Executive", "Justice") else _NOT_HEAD


_HEAD_KIND_OF: dict[str, int] = _head_kind.known  # type: ignore[attr-defined]


def _is_head(words: list[str], i: int) -> bool:
    kind = _HEAD_KIND_OF.get(words[i])
    if kind is None:
        kind = _head_kind(words[i])
    return kind == _HEAD or (kind == _HEAD_AFTER_CHIEF and i > 0 and words[i - 1] == "Chief")


@per_word
def _is_name_word(w: str) -> bool:
    if not w[0].isupper() or not w[0].isalpha() or w in NON_NAME:
        return False
    if len(w) <= 3 and w.isupper():  # initials: "C", "CY", "KS"
        return True
    return any(c.islower() for c in w[1:]) or len(w) == 1


_NAME_WORD: dict[str, bool] = _is_name_word.known  # type: ignore[attr-defined]
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def _read_name(s: Sentence, k: int, limit: int = 6) -> int:
    """Index after the name that starts at token k (k itself when there is none)."""
    words, n = s.words, len(s.words)
    j = k
    while j < n and j - k < limit:
        w = words[j]
        name_word = _NAME_WORD.get(w)
        if name_word is None:
            name_word = _is_name_word(w)
        if name_word or (
            # "Mr Kong Lun-man", "Professor Estella Kong Tsz-lap": a surname that is also a word of a
            # place's name, right after the title or before a hyphenated given name
            w in SURNAMES
            and w[:1].isupper()
            and (j == k or (j + 1 < n and _HYPHENATED_GIVEN.match(words[j + 1])))
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
    return _one_spaced(text)


# The words a title before a name can open with (a mention can start nowhere else).
_TITLE_OPENERS = HONORIFIC_WORDS | {"the", "The"}


def _honorific_mentions(s: Sentence, si: int) -> list[Mention]:
    out: list[Mention] = []
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
            else:
                break
        if not hon or (w in ("Sir", "Lady", "Lord", "Madam") and len(hon) == 1 and j < n and words[j] == ","):
            i = max(i + 1, j)
            continue
        end = _read_name(s, j)
        if end > j:
            name = _clean_name(s.span(j, end))
            out.append(Mention(si, first, j, end, name, " ".join(hon)))
            i = end
        else:
            i = j
    return out


# Surnames that can open a name (not those that are also words of things' names).
_NAME_SURNAMES = SURNAMES - NAME_OF_THINGS


def _surname_mentions(s: Sentence, si: int, taken: set[int]) -> list[Mention]:
    """Names without an honorific right after a post: "Chief Executive Carrie Lam"."""
    out: list[Mention] = []
    words, n = s.words, len(s.words)
    read_to = 0  # the tokens before it are in a name already read
    for i in compress(count(), map(_NAME_SURNAMES.__contains__, words)):
        if i < read_to or i in taken:
            continue
        name_range = _surname_name(words, i, taken)
        if name_range is None:
            continue
        start, j = name_range
        posts = _posts_before(s, start, taken, allow_comma=False)
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
            out.append(Mention(si, start, start, j, name, None, comma_post=comma_post))
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
    if j > 0 and words[j] in _LOWER_HEADS and words[j - 1][:1].isupper():
        j -= 1
    while j >= 0 and end - j <= 40:  # a post is never longer than this; keeps the walk linear
        t = words[j]
        if j in blocked:
            break
        c = t[0]
        if c.isalpha():
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
            while k >= 0 and k > j - 6 and words[k] != "(":
                k -= 1
            # "(HKSAR)", "(Operations)", "(Environmental Hygiene)" belong to the post
            if (
                k >= 0
                and words[k] == "("
                and all((x[0].isupper() and x[0].isalpha()) or x == "&" for x in words[k + 1 : j])
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


_LEADING = frozenset(
    """The And At In On For During After Before With From By As To Of Upon Following Speaking
    Meanwhile Also Both Accompanying Joining Led Chaired Hosted Among Including Besides""".split()
)
_EVENT_OR_ORG = ORG_HEADS | frozenset(
    "Conference Forum Summit Meeting Ceremony Expo Fair Festival Session".split()
)


def _trim(words: list[str], a: int, b: int) -> int:
    """Index of the first token of [a, b) after leading connectors, commas and sentence-opening
    words ("The", "At", "During" ...)."""
    while a < b and (words[a] in CONNECTORS or words[a] in _LEADING or words[a] in (",", "&", "'", "-", "/")):
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
        or after[-1] not in _EVENT_OR_ORG
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
        while q < b and q < m + 4 and not _is_head(words, q) and words[q][:1].isupper():
            q += 1
        if q < b and _is_head(words, q) and _has_post_head(words, start, k):
            if (
                m == k + 1
                and all(_is_head(words, x) or words[x] in POST_MODIFIERS for x in range(start, k))
                and any(words[x] in ("of", "for") for x in range(m, b))
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
        for xa, xb in _split_and(s, pa, pb):
            xa = _trim(words, xa, xb)
            if xa < xb and words[xa][0].isupper() and _has_post_head(words, xa, xb):
                out.append(_post_text(s, xa, xb))
    return out, a


_POST_END = frozenset({",", ".", ";", ")", ":", "said"})


def _post_after(s: Sentence, end: int, starts_at: dict[int, Mention]) -> str | None:
    """The post written after a name that ends at token `end`: "Mr Cheung, the Chairman," ->
    "Chairman"; "Xu Zhong, Artistic Director of Shanghai Opera House" -> "Artistic Director of
    Shanghai Opera House" (a post not opening with a head word or modifier must name whose post
    it is, "of X" / "at X")."""
    words, n = s.words, len(s.words)
    k = end
    while k < n and (
        words[k] in POST_NOMINALS or (words[k] == "," and k + 1 < n and words[k + 1] in POST_NOMINALS)
    ):
        k += 1
    if k >= n or words[k] != ",":
        return None
    k += 1
    if k < n and words[k] in ("the", "The"):
        k += 1
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
    # a head word followed by "of" or "at" and a capitalised name
    of_whom = any(
        (_is_head(words, q) or words[q] in _AFTER_HEADS)
        and words[q + 1] in ("of", "at")
        and (words[q + 2][:1].isupper() or (words[q + 2] == "the" and q + 3 < b))
        for q in range(a, b - 2)
    )
    if not of_whom and not (strict and _has_post_head(words, a, b)):
        return None
    closed_by_and = b < k and words[b] == "and" and k < n and words[k][:1].islower()  # "..., and a conductor"
    if not closed_by_name and not closed_by_and and k < n and words[k] not in _POST_END:
        return None
    if k < n and words[k] == "," and k + 1 < n and (k + 1) in starts_at:
        return None
    return _post_text(s, a, b)


def _chain_after(s: Sentence, m: Mention, starts_at: dict[int, Mention]) -> tuple[list[Mention], bool]:
    """Mentions that follow m in a list ("Mr X and Ms Y") and whether "respectively" closes it."""
    words, n = s.words, len(s.words)
    chain: list[Mention] = []
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
    return chain, (k < n and words[k] == "respectively")


def _resolve(mentions: list[Mention]) -> None:
    """Give each mention its canonical person name (see module rules).

    Indexed by name and by word, so a release naming thousands of people takes time in
    proportion to its mentions (a scan of every earlier name for each took minutes)."""
    canon: dict[str, str] = {}
    # the canonical names so far, by their words and by their proper prefixes: (order, name)
    whole: dict[tuple[str, ...], tuple[int, str]] = {}
    prefix: dict[tuple[str, ...], tuple[int, str]] = {}
    for m in mentions:
        toks = tuple(m.name.split())
        if len(toks) < 2 or m.name in canon:
            continue
        # the first canonical name that is a longer or shorter form of this one, else itself
        found = [prefix.get(toks)] + [whole.get(toks[:j]) for j in range(1, len(toks))]
        target = min((f for f in found if f is not None), default=(0, m.name))[1]
        canon[m.name] = target
        ct = tuple(target.split())
        whole.setdefault(ct, (len(canon), target))
        for j in range(1, len(ct)):
            prefix.setdefault(ct[:j], (len(canon), target))
    # for each mention, the first canonical name after it, by word (read from the end)
    after: list[str | None] = [None] * len(mentions)
    first_after: dict[str, str] = {}
    for idx in range(len(mentions) - 1, -1, -1):
        m = mentions[idx]
        after[idx] = first_after.get(m.name.split()[0] if m.name else "")
        if m.name in canon:
            for w in canon[m.name].split():
                first_after[w] = canon[m.name]
    last_before: dict[str, str] = {}  # the person of the nearest mention before, by word
    for idx, m in enumerate(mentions):
        if m.name in canon:
            m.person = canon[m.name]
        else:  # the nearest person named before, else the first named after
            m.person = last_before.get(m.name.split()[0] if m.name else "") or after[idx]
        if m.person:
            for w in m.person.split():
                last_before[w] = m.person


def _prepare(text: str) -> str:
    text = normalise(text)
    if "then-" in text or "ex-" in text or "former-" in text:  # what _FORMER_JOINED needs
        text = _FORMER_JOINED.sub(r"\1 ", text)
    return text


def analyse_sentences(release: Release) -> list[Sentence]:
    """The body's sentences, then the captions' (the headline is left out)."""
    out = [Sentence(t, False, pi) for pi, t in paragraph_sentences(_prepare(release.text))]
    first = out[-1].paragraph + 1 if out else 0
    for ci, cap in enumerate(release.captions, first):
        out.extend(Sentence(t, True, ci) for t in split_sentences(_prepare(cap)))
    return out


@per_release
def analyse(release: Release) -> Analysis:
    """People, posts and where each is named in one release (cached: meetings reuse it)."""
    sentences = analyse_sentences(release)
    per_sentence: list[list[Mention]] = []
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
    for m in flat:
        if not m.person:
            continue
        p = people.get(m.person)
        if p is None:
            people[m.person] = Person(m.person, m.honorific)
        elif p.honorific is None and m.honorific:
            p.honorific = m.honorific

    found: dict[tuple[str, str], Tenure] = {}

    def add(m: Mention, post: str, s: Sentence) -> None:
        if not m.person or not post:
            return
        key = (m.person, post)
        if key not in found:
            found[key] = Tenure(m.person, post, s.text, people[m.person].honorific)

    for si, s in enumerate(sentences):
        ms = per_sentence[si]
        if not ms:
            continue
        blocked: set[int] = set()
        for m in ms:
            blocked.update(range(m.first, m.end))
        starts_at = {m.first: m for m in ms}
        # the mention that a comma right after it follows ("Mr A ,")
        ends_at = {m.end + 1: m for m in ms if m.end < len(s.words) and s.words[m.end] == ","}
        posted_before: set[int] = set()
        done: set[int] = set()
        for m in ms:
            if id(m) in done:
                continue
            posts, a = _posts_and_start(s, m.first, blocked, bool(m.honorific) or m.comma_post)
            if m.first > 0 and s.words[m.first - 1] in POST_ABBREVIATIONS:
                posts = []  # "CE Carrie Lam": the post is not written out
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
                    add(prev, post, s)
                posts = []
            if posts:
                posted_before.add(id(m))
            # "the A and the B, Mr X and Ms Y, respectively" (the list is walked only then: a
            # walk from every name of a long list of names took time in its square)
            chain, respectively = _chain_after(s, m, starts_at) if len(posts) > 1 else ([], False)
            if respectively and len(chain) + 1 == len(posts):
                for mm, post in zip([m, *chain], posts, strict=True):
                    add(mm, post, s)
                    done.add(id(mm))
                continue
            for post in posts:
                add(m, post, s)
            if after:
                add(m, after, s)

    # "Governor" beside "Governor of Guangdong Province" for one person is one post written twice
    tenures = list(found.values())
    by_person: dict[str, list[str]] = {}
    for t in tenures:
        by_person.setdefault(t.person, []).append(t.post)
    tenures = [
        t for t in tenures if not any(o != t.post and o.startswith(t.post + " ") for o in by_person[t.person])
    ]
    for t in tenures:
        t.post_org = _post_org(t.post)
    return Analysis(sentences, per_sentence, list(people.values()), tenures)


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


def recognise_people(release: Release) -> tuple[list[Person], list[Tenure]]:
    """The people a release names and the posts it names them with (see the module's rules)."""
    a = analyse(release)
    return [Person(p.name, p.honorific) for p in a.people], [
        Tenure(t.person, t.post, t.sentence, t.honorific, t.post_org) for t in a.tenures
    ]
