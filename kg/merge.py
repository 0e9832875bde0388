"""The merged graph: every named graph's triples, each once, as sorted N-Triples lines.

The store's default graph and the Turtle and N-Triples dumps are this merge; the reasoner, the
validator and the derived facts read it too (they merge the named graphs anyway), a node batch at
a time (kg.nodegroups). It is gathered graph by graph from N-Quads as pyoxigraph writes them, so a
release's bytes need not be kept. The lines are held by external merge sorts (`kg.extsort`):
memory bounded by a budget, the rest in sorted runs on disk.

The triples a batch's reasoner reads are `Statement`s, not pyoxigraph `Triple`s: a `Triple` owns
copies of its terms (about 500 bytes each) and makes a new Python object at every attribute read;
a `Statement` is a small tuple read through the same attributes, whose terms are one object per
distinct term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from kg.extsort import SortedLines, line_chunks, merge_runs

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class Statement(NamedTuple):
    """A triple read through the attributes of `pyoxigraph.Triple` and `Quad`."""

    subject: ox.NamedNode | ox.BlankNode
    predicate: ox.NamedNode
    object: Term


def statements(lines: Iterable[bytes]) -> list[Statement]:
    """The triples of N-Triples `lines` (newline or not), each distinct term one object: one
    parse of all the lines, each term met looked up among those met before."""
    terms: dict[Term, Term] = {}
    known = terms.setdefault
    out: list[Statement] = []
    add = out.append
    for t in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES):  # blank lines are fine
        s, p, o = t.subject, t.predicate, t.object
        add(Statement(known(s, s), known(p, p), known(o, o)))
    return out


class MergedGraph:
    """The merge, gathered graph by graph in `folder` with at most about `budget` bytes of lines in
    memory. The lines of the graphs added with `read=True` (the release graphs) are also kept
    keyed by their object (`by_object`: the joins of the reasoner's node batches, kg.nodegroups)."""

    def __init__(self, folder: Path, budget: int) -> None:
        self._read_lines = SortedLines(folder, budget)  # the lines of the graphs added with read=True
        self._other_lines = SortedLines(folder, budget)  # the lines of the others
        self.by_object = SortedLines(folder, budget)  # "object\tline" of the lines read (but rdf:type)

    def add(self, nquads: bytes, graphs: Sequence[str], *, read: bool = False) -> bytes:
        """Add N-Quads whose lines all end in one of `graphs` (a real newline always ends a
        statement: newlines inside literals are escaped); return them as N-Triples."""
        for graph in graphs:
            nquads = nquads.replace(f" <{graph}> .\n".encode(), b" .\n")
        lines = nquads.split(b"\n")
        (self._read_lines if read else self._other_lines).add(lines)
        if read:
            self.by_object.add(keyed_by_object(lines))
        return nquads

    def read_ntriples(self) -> Iterator[bytes]:
        """The lines of the graphs added with `read=True` so far, sorted, unique, in chunks (the
        lines in memory are written out first, so that they can be let go)."""
        self._read_lines.spill()
        return self._read_lines.chunks()

    def other_ntriples(self) -> Iterator[bytes]:
        """The lines of the other graphs, sorted and unique, in chunks (some may also be in a graph
        added with `read=True`)."""
        self._other_lines.spill()
        return self._other_lines.chunks()

    def ntriples(self) -> Iterator[bytes]:
        """The merged graph as N-Triples in chunks (of `ntriples_file`)."""
        return line_chunks(self.ntriples_file())

    def ntriples_file(self) -> Path:
        """The merged graph written once to an N-Triples file beside the runs, lines sorted (a
        subject's together), each once (read it as often as needed at the speed of the disk)."""
        path = self._other_lines.folder / "merged.nt"
        merge_runs([self._read_lines.file(), self._other_lines.file()], path, self._other_lines.folder)
        return path

    def close(self) -> None:
        """Remove the sorted runs on disk."""
        self._read_lines.close()
        self._other_lines.close()
        self.by_object.close()

    def release_lines(self) -> SortedLines:
        """The sorted lines of the graphs added with `read=True` (each once)."""
        return self._read_lines


TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def keyed_by_object(lines: Iterable[bytes]) -> Iterator[bytes]:
    """N-Triples lines (without newline) whose object is a node, but rdf:type's, as "object\tline"
    (a class is no node of the data: its rdf:type triples only say something of their subject)."""
    for line in lines:
        if line:
            _, p, rest = line.split(b" ", 2)  # no IRI or blank node label holds a space
            if p != TYPE and rest[0] in b"<_":
                yield rest[:-2] + b"\t" + line
