"""Sorted line files read a node at a time: the joins the reasoner and the validator need across
releases, done on disk instead of in memory.

Each stream is lines sorted bytewise whose key (the node, as N-Triples writes it) ends at a
separator: a space for N-Triples and N-Quads lines keyed by their subject, a tab for lines that a
node prefixes (`key\\tline`). Both separators sort before any character of a key (IRIs and blank
node labels hold neither), so a stream's keys come in the same order whichever separator it
uses, and the streams can be joined by key. Nodes are gathered into batches of about `limit`
lines; a node's lines are never split between batches.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

SUBJECT = b" "  # N-Triples / N-Quads lines, keyed by their subject
PREFIXED = b"\t"  # lines written as key, tab, line


def groups(lines: Iterable[bytes], separator: bytes) -> Iterator[tuple[bytes, list[bytes]]]:
    """(key, its lines) of a sorted stream; a prefixed line comes without its key."""
    strip = separator == PREFIXED
    for key, same in groupby(lines, key=lambda line: line[: line.index(separator)]):
        if strip:
            cut = len(key) + 1
            yield key, [line[cut:] for line in same]
        else:
            yield key, list(same)


Group = tuple[bytes, list[list[bytes]]]  # a node and its lines from each stream (empty where none)


def joined(streams: Sequence[tuple[Iterable[bytes], bytes]]) -> Iterator[Group]:
    """The streams (lines, separator) joined by node: (key, [lines of stream 0, of stream 1, ...])."""
    count = len(streams)
    tagged = [_tagged(i, lines, separator) for i, (lines, separator) in enumerate(streams)]
    for key, same in groupby(heapq.merge(*tagged, key=lambda g: g[0]), key=lambda g: g[0]):
        found: list[list[bytes]] = [[] for _ in range(count)]
        for _, i, lines in same:
            found[i] = lines
        yield key, found


def _tagged(i: int, lines: Iterable[bytes], separator: bytes) -> Iterator[tuple[bytes, int, list[bytes]]]:
    for key, same in groups(lines, separator):
        yield key, i, same


def batches(nodes: Iterable[Group], limit: int) -> Iterator[list[Group]]:
    """Nodes gathered until their lines pass `limit` (a node with more lines is a batch alone)."""
    batch: list[Group] = []
    size = 0
    for group in nodes:
        batch.append(group)
        size += sum(map(len, group[1]))
        if size >= limit:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def predicate_of(line: bytes) -> bytes:
    """The predicate of an N-Triples or N-Quads line, as written."""
    start = line.index(b" ") + 1
    return line[start : line.index(b" ", start)]


def object_of(line: bytes) -> bytes:
    """The object of an N-Triples line (its newline or not), as written."""
    start = line.index(b" ", line.index(b" ") + 1) + 1
    return line.rstrip(b"\n")[start:-2]
