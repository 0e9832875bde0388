"""A release analysed once into the document every recogniser reads (as spaCy's components
share one `Doc`): its headline, its sentences with their paragraphs and tokens, the texts names
are read from, the dates of a sentence, and the analyses the recognisers share (the people and
posts it names per sentence, its names of organisations, zones and bodies, the abbreviations it
defines), each made on first use and kept on the document.

Two readings of the text are kept, as the recognisers were tuned on them: `sentences` are
normalised (kg.recognise.text.normalise, with "then-Director" split); `segments` (for names)
only have curly quotes and dashes straightened, so a name keeps its spacing as written.
"""

from __future__ import annotations

import re
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING

from kg.model import Release
from kg.recognise.text import DateMention, find_dates, normalise, paragraph_sentences, split_sentences

if TYPE_CHECKING:
    from kg.recognise.names import NameMention
    from kg.recognise.people import Analysis

# Words with inner apostrophes or hyphens are one token; any other non-space character is one.
_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|\S")
_WHOLE = itemgetter(0)  # the text of a match
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


def _prepare(text: str) -> str:
    text = normalise(text)
    if "then-" in text or "ex-" in text or "former-" in text:  # what _FORMER_JOINED needs
        text = _FORMER_JOINED.sub(r"\1 ", text)
    return text


def _plain(text: str) -> str:
    """Straight apostrophes and plain hyphens (kg.recognise.text.normalise); ASCII text as is."""
    return text if text.isascii() else normalise(text)


class Document:
    """One release, analysed once; every part is made on first use and kept."""

    def __init__(self, release: Release) -> None:
        self.release = release

    @cached_property
    def headline(self) -> str:
        """The headline, normalised ("" for none)."""
        return normalise(self.release.title or "")

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The body's sentences, then the captions' (the headline is left out), normalised."""
        release = self.release
        out = [Sentence(t, False, pi) for pi, t in paragraph_sentences(_prepare(release.text))]
        first = out[-1].paragraph + 1 if out else 0
        for ci, cap in enumerate(release.captions, first):
            out.extend(Sentence(t, True, ci) for t in split_sentences(_prepare(cap)))
        return out

    @cached_property
    def segments(self) -> tuple[str, ...]:
        """The texts names are read from: the headline, the body, each caption."""
        r = self.release
        return (_plain(r.title or ""), _plain(r.text), *(_plain(c) for c in r.captions))

    @cached_property
    def written(self) -> str:
        """Headline, body and captions as read, one after another."""
        return "\n".join((self.release.title or "", self.release.text, *self.release.captions))

    def dates(self, text: str) -> list[DateMention]:
        """The dates a sentence of this release gives, resolved against its date."""
        return find_dates(text, self.release.date)

    @cached_property
    def people(self) -> Analysis:
        """The people and posts named, per sentence (kg.recognise.people)."""
        from kg.recognise.people import analyse

        return analyse(self)

    @cached_property
    def names(self) -> tuple[NameMention, ...]:
        """The organisations, zones and bodies named, in order (kg.recognise.names)."""
        from kg.recognise.names import mentions

        return mentions(self)

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """The abbreviations the release defines, with what each stands for."""
        from kg.recognise.names import abbreviations

        return abbreviations(self)
