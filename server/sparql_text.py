"""What a SPARQL request is, read from its tokens before it runs: its form, its prefixes, and whether it
uses SERVICE (pyoxigraph would open a connection for it) or is an update.

The tokenizer follows the SPARQL 1.1 grammar's terminals for what can hide a word: IRIs, strings
(all four quotings, with escapes), comments, variables, prefixed names and blank node labels. It
reads any text in time linear in its length: every token is matched once, without backtracking
(possessive repeats), and no match starts again inside a span another match has read. A string
left open ends the reading: the query is malformed there (`QueryText.unclosed`).

SERVICE is found as pyoxigraph reads it, which is without a word boundary: `SERVICEx:g` is
SERVICE with the prefixed name `x:g`, and `service:g` in a pattern is SERVICE with `:g`. So any
run of name characters outside strings, IRIs, comments and variables that begins with "service"
counts as SERVICE: a prefix named service* is refused with it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_PN_CHARS = r"A-Za-z0-9_\-\u00B7\u00C0-\U000EFFFF"
_TOKEN = re.compile(
    rf"""
    (?P<ws>\s++)
  | (?P<comment>\#[^\r\n]*+)
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*+>)
  | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*+'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*+\"\"\")
  | (?P<open_long>'''|\"\"\")
  | (?P<string>'(?:[^'\\\r\n]|\\.)*+'|"(?:[^"\\\r\n]|\\.)*+")
  | (?P<open>['"])
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\U000EFFFF]++)
  | (?P<bnode>_:[{_PN_CHARS}.]*+)
  | (?P<pname>(?:[A-Za-z\u00C0-\U000EFFFF][{_PN_CHARS}.]*+)?+:(?:[{_PN_CHARS}.:%]|\\.)*+)
  | (?P<word>[A-Za-z_\u00C0-\U000EFFFF][{_PN_CHARS}.]*+)
  | (?P<other>[^\s\#<'"?$_:A-Za-z\u00C0-\U000EFFFF]++|.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


UNCLOSED = ("open_long", "open")
STRINGS = ("long", "string")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int = 0


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a query (whitespace and comments dropped), up to and including a
    string left open (kind "open" or "open_long"), where reading stops."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        yield Token("string" if kind in STRINGS else kind, m.group(), m.start())
        if kind in UNCLOSED:
            return


@dataclass
class QueryText:
    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE; None when it cannot be told
    prefixes: dict[str, str] = field(default_factory=dict)
    uses_service: bool = False
    has_dataset: bool = False  # FROM / FROM NAMED in the query
    unclosed: int | None = None  # where a string is opened and never closed (the query is malformed)

    @property
    def kind(self) -> str | None:
        """ "select" (SELECT/ASK results) or "graph" (CONSTRUCT/DESCRIBE), None for anything else."""
        if self.form in ("SELECT", "ASK"):
            return "select" if self.form == "SELECT" else "ask"
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            return "graph"
        return None

    def unclosed_at(self, text: str) -> str:
        """ "line 3, column 7" of the string left open in `text`."""
        at = self.unclosed or 0
        line = text.count("\n", 0, at) + 1
        return f"line {line}, column {at - (text.rfind(chr(10), 0, at) + 1) + 1}"


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
    """One pass over the tokens, keeping no token but the prologue's (a query may have a million)."""
    info = QueryText(form=None)
    prologue: list[tuple[str, str]] = []  # BASE/PREFIX clauses, then the first keyword
    in_prologue = True
    clause_left = 0  # tokens still to come of the current BASE or PREFIX clause
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word" or kind == "pname":
            word = m.group().upper()
            if word.startswith("SERVICE"):  # pyoxigraph reads SERVICE without a word boundary
                info.uses_service = True
            elif word == "FROM":
                info.has_dataset = True
        elif kind in UNCLOSED:
            info.unclosed = m.start()
            break
        if in_prologue and kind != "ws" and kind != "comment":
            prologue.append((kind or "other", m.group()))
            if clause_left:
                clause_left -= 1
            else:  # a clause starts here, or the query proper
                word = m.group().upper() if kind == "word" else None
                clause_left = 1 if word == "BASE" else 2 if word == "PREFIX" else 0
                in_prologue = bool(clause_left)
    _read_prologue(prologue, info)
    return info


def _read_prologue(toks: list[tuple[str, str]], info: QueryText) -> None:
    """The prefixes of the prologue, and the query's form from the keyword after it."""
    i = 0
    while i < len(toks):  # the prologue: BASE <iri> | PREFIX pname: <iri>
        word = toks[i][1].upper() if toks[i][0] == "word" else None
        if word == "BASE" and i + 1 < len(toks):
            i += 2
        elif word == "PREFIX" and i + 2 < len(toks):
            if toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
                info.prefixes[toks[i + 1][1].rstrip(":")] = toks[i + 2][1][1:-1]
            i += 3
        else:
            break
    if i < len(toks) and toks[i][0] == "word":
        word = toks[i][1].upper()
        if word in QUERY_FORMS:
            info.form = word
        elif word in UPDATE_WORDS:
            info.form = "UPDATE"
