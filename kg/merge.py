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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO, NamedTuple

import pyoxigraph as ox

from kg.extsort import SortedLines, line_chunks, merge_runs, sort_file, tool

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
        self.folder, self.budget = folder, budget
        self._read_lines = SortedLines(folder, budget)  # the lines of the graphs added with read=True
        self._other_lines = SortedLines(folder, budget)  # the lines of the others
        self._by_object = SortedLines(folder, budget)  # "object\tline" of the lines read (but rdf:type)
        self._unsorted: BinaryIO | None = None  # the lines read since the last `_settle`, as added
        self._run: tuple[str, BinaryIO] | None = None  # (graph, its sorted lines) of `add_sorted`

    def add(self, nquads: bytes, graphs: Sequence[str], *, read: bool = False) -> bytes:
        """Add N-Quads whose lines all end in one of `graphs` (a real newline always ends a
        statement: newlines inside literals are escaped); return them as N-Triples. The lines of
        graphs added with `read=True` (a build's release graphs: most of its lines) are written
        as they come and sorted when first read (`_settle`)."""
        for graph in graphs:
            nquads = nquads.replace(f" <{graph}> .\n".encode(), b" .\n")
        if read:
            if self._unsorted is None:
                self._unsorted = (self._read_lines.folder / "unsorted.nt").open("wb")
            self._unsorted.write(nquads if nquads.endswith(b"\n") or not nquads else nquads + b"\n")
        else:
            self._other_lines.add(nquads.split(b"\n"))
        return nquads

    def add_sorted(self, nquads: bytes, graph: str) -> None:
        """Add whole N-Quads lines of `graph`, sorted and each once (a graph's lines in one or more
        calls, one graph after the other): written out as a sorted run of their own (without the
        graph, each line keeps its place: what follows a term is a space in both forms), not
        gathered in memory."""
        if self._run is not None and self._run[0] != graph:
            self._end_run()
        if self._run is None:
            self._run = graph, (self._other_lines.folder / "graph-run.nt").open("wb")
        self._run[1].write(nquads.replace(f" <{graph}> .\n".encode(), b" .\n"))

    def _end_run(self) -> None:
        if self._run is not None:
            file = self._run[1]
            file.close()
            self._run = None
            self._other_lines.add_sorted(Path(file.name))

    def _settle(self) -> None:
        """Sort the lines read since the last time (sort(1), `kg.extsort.sort_file`) into a run of
        the read lines, and key them by object into a run of `by_object`: the two at once (a line
        repeated is keyed the same each time, and the keyed sort drops the copies), each sort
        with half the budget."""
        if self._unsorted is None:
            return
        self._unsorted.close()
        source, self._unsorted = Path(self._unsorted.name), None
        folder = self._read_lines.folder
        run, keyed = folder / "settled.nt", self._by_object.folder / "keyed.nt"
        with ThreadPoolExecutor(1) as beside:  # the tools' processes, or Python's sort (then less at once)
            half = max(self.budget // 2, 1)
            keying = beside.submit(keyed_file, source, keyed, half, self._by_object.folder)
            sort_file(source, run, half, folder)
            keying.result()
        source.unlink()
        self._by_object.add_sorted(keyed)
        self._read_lines.add_sorted(run)

    @property
    def by_object(self) -> SortedLines:
        """The lines read, keyed by their object (`keyed_by_object`), sorted."""
        self._settle()
        return self._by_object

    def read_ntriples(self) -> Iterator[bytes]:
        """The lines of the graphs added with `read=True` so far, sorted, unique, in chunks."""
        self._settle()
        return self._read_lines.chunks()

    def other_ntriples(self) -> Iterator[bytes]:
        """The lines of the other graphs, sorted and unique, in chunks (some may also be in a graph
        added with `read=True`)."""
        self._end_run()
        self._other_lines.spill()
        return self._other_lines.chunks()

    def ntriples(self) -> Iterator[bytes]:
        """The merged graph as N-Triples in chunks (of `ntriples_file`)."""
        return line_chunks(self.ntriples_file())

    def ntriples_file(self) -> Path:
        """The merged graph written once to an N-Triples file beside the runs, lines sorted (a
        subject's together), each once (read it as often as needed at the speed of the disk)."""
        self._settle()
        self._end_run()
        path = self._other_lines.folder / "merged.nt"
        merge_runs([self._read_lines.file(), self._other_lines.file()], path, self._other_lines.folder)
        return path

    def close(self) -> None:
        """Remove the sorted runs on disk."""
        if self._unsorted is not None:
            self._unsorted.close()
            self._unsorted = None
        if self._run is not None:
            self._run[1].close()
            self._run = None
        self._read_lines.close()
        self._other_lines.close()
        self._by_object.close()

    def drop_by_object(self) -> None:
        """Remove the release lines' keys by object, once the reasoning that reads them is done."""
        self._by_object.close()

    def drop_read_lines(self) -> None:
        """Remove the release lines' runs and their keys by object, once the merged file is written
        and what reads them is done (at 500,000 releases they are 8 GB of the disk the store's
        final compaction needs)."""
        self._read_lines.close()
        self._by_object.close()

    def release_lines(self) -> SortedLines:
        """The sorted lines of the graphs added with `read=True` (each once)."""
        self._settle()
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


AWK_KEYED = f'$2 != "{TYPE.decode()}" && $3 ~ /^[<_]/ {{ print $3 "\\t" $0 }}'  # as keyed_by_object


def keyed_file(source: Path, out: Path, budget: int, scratch: Path) -> None:
    """`keyed_by_object` of the lines of `source`, sorted and each once, into `out`: awk(1) and
    sort(1) where the machine has them, else in Python."""
    keyed = scratch / "keyed-unsorted.nt"
    done = tool("awk", AWK_KEYED, str(source), stdout=keyed)
    if done is not None and done.returncode == 0:
        sort_file(keyed, out, budget, scratch)
    else:
        sort_file(source, out, budget, scratch, lambda chunk: keyed_by_object(chunk.split(b"\n")))
    keyed.unlink(missing_ok=True)
