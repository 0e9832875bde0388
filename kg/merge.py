"""The merged graph: every named graph's triples, each once, as N-Triples lines and as statements.

The store's default graph and the Turtle and N-Triples dumps are this merge; the reasoner, the
validator and the derived facts read it too (they merge the named graphs anyway). It is gathered
graph by graph from N-Quads as pyoxigraph writes them, so a release's bytes need not be kept.

The triples the reasoner and the validator read are `Statement`s, not pyoxigraph `Quad`s: a
`Quad` owns copies of its terms (about 500 bytes each) and makes a new Python object at every
attribute read; a `Statement` is a small tuple read through the same attributes, whose terms are
one object per distinct term.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class Statement(NamedTuple):
    """A triple read through the attributes of `pyoxigraph.Triple` and `Quad`."""

    subject: ox.NamedNode | ox.BlankNode
    predicate: ox.NamedNode
    object: Term


class MergedGraph:
    """The merge, gathered graph by graph; `statements` reads the triples of the graphs added with
    `read=True` (each once, in the order first met)."""

    def __init__(self) -> None:
        self._lines: dict[bytes, Statement | None] = {}  # N-Triples line -> its statement if read
        self._terms: dict[bytes, Term] = {}  # N-Triples text of a term -> the one object for it
        self._given = 0  # how many lines `new_ntriples` has handed out

    def add(self, nquads: bytes, graphs: Sequence[str], *, read: bool = False) -> None:
        """Add N-Quads whose lines all end in one of `graphs` (a real newline always ends a
        statement: newlines inside literals are escaped)."""
        for graph in graphs:
            nquads = nquads.replace(f" <{graph}> .\n".encode(), b" .\n")
        lines = nquads.split(b"\n")
        known = self._lines
        known.update(dict.fromkeys(line for line in lines if line and line not in known))
        if read:
            self._read([line for line in lines if line and known[line] is None])

    def ntriples(self) -> bytes:
        """The merged graph as N-Triples, lines sorted (a subject's together)."""
        lines = sorted(line for line in self._lines if line)
        return b"\n".join(lines) + b"\n" if lines else b""

    def new_ntriples(self) -> bytes:
        """The lines added since the last call, as N-Triples, in the order first met."""
        lines = list(islice(self._lines, self._given, None))
        self._given = len(self._lines)
        return b"\n".join(lines) + b"\n" if lines else b""

    def statements(self) -> list[Statement]:
        """The triples of the graphs added with `read=True`."""
        return [s for s in self._lines.values() if s is not None]

    def forget_statements(self) -> None:
        """Let the statements read so far go (the lines stay); `statements` is empty after this."""
        self._lines = dict.fromkeys(self._lines)
        self._terms = {}

    def _read(self, lines: list[bytes]) -> None:
        """Make the statements of N-Triples `lines`: pyoxigraph parses them (one parser for all),
        and each term found is replaced by the one object already made for the same text."""
        if not lines:
            return
        triples = ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES)
        terms = self._terms
        known = terms.get
        for line, triple in zip(lines, triples, strict=True):
            s, p, rest = line.split(b" ", 2)  # no IRI or blank node label holds a space
            o = rest[:-2]  # the line ends in " ."
            self._lines[line] = Statement(
                known(s) or terms.setdefault(s, triple.subject),
                known(p) or terms.setdefault(p, triple.predicate),
                known(o) or terms.setdefault(o, triple.object),
            )
