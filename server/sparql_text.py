"""What a SPARQL request is, read from its tokens before it runs: its form, its prefixes, and whether it
uses SERVICE (pyoxigraph would open a connection for it) or is an update.

The tokenizer follows the SPARQL 1.1 grammar's terminals for what can hide a word: IRIs, strings
(all four quotings, with escapes), comments, variables, prefixed names and blank node labels. A
keyword is a bare word outside all of them, compared case-insensitively as SPARQL does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_PN_CHARS = r"A-Za-z0-9_\-\u00B7\u00C0-\U000EFFFF"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\U000EFFFF]+)
  | (?P<bnode>_:[{_PN_CHARS}.]*)
  | (?P<pname>(?:[A-Za-z\u00C0-\U000EFFFF][{_PN_CHARS}.]*)?:(?:[{_PN_CHARS}.:%]|\\.)*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a query (whitespace and comments dropped)."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group())


@dataclass
class QueryText:
    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE; None when it cannot be told
    prefixes: dict[str, str] = field(default_factory=dict)
    uses_service: bool = False
    has_dataset: bool = False  # FROM / FROM NAMED in the query

    @property
    def kind(self) -> str | None:
        """ "select" (SELECT/ASK results) or "graph" (CONSTRUCT/DESCRIBE), None for anything else."""
        if self.form in ("SELECT", "ASK"):
            return "select" if self.form == "SELECT" else "ask"
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            return "graph"
        return None


REMEMBERED_CHARS = 16_384  # queries up to this long are read once and remembered (the last 512)


def read_query(text: str) -> QueryText:
    """The form, prologue prefixes, SERVICE use and dataset clauses of a query (or update) string.

    A query read before may give the same (shared) object again: callers do not change it.
    """
    return _remembered(text) if len(text) <= REMEMBERED_CHARS else _read(text)


@functools.lru_cache(maxsize=512)
def _remembered(text: str) -> QueryText:
    return _read(text)


def _read(text: str) -> QueryText:
    toks = list(tokens(text))
    info = QueryText(form=None)
    i = 0
    while i < len(toks):  # the prologue: BASE <iri> | PREFIX pname: <iri>
        word = toks[i].text.upper() if toks[i].kind == "word" else None
        if word == "BASE" and i + 1 < len(toks):
            i += 2
        elif word == "PREFIX" and i + 2 < len(toks):
            if toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
                info.prefixes[toks[i + 1].text.rstrip(":")] = toks[i + 2].text[1:-1]
            i += 3
        else:
            break
    if i < len(toks) and toks[i].kind == "word":
        word = toks[i].text.upper()
        if word in QUERY_FORMS:
            info.form = word
        elif word in UPDATE_WORDS:
            info.form = "UPDATE"
    for t in toks:
        if t.kind == "word":
            word = t.text.upper()
            if word == "SERVICE":
                info.uses_service = True
            elif word == "FROM":
                info.has_dataset = True
    return info
