"""Sorted line files read a range of keys at a time: the joins the reasoner and the validator
need across releases, done on disk instead of in memory.

Each file is lines sorted bytewise whose key (the node, as N-Triples writes it) ends at a
separator: a space for N-Triples and N-Quads lines keyed by their subject, a tab for lines that a
node prefixes (`key\tline`). Both separators sort before any character of a key (IRIs and blank
node labels hold neither), so every file's keys come in the same order whichever separator it
uses. `key_spans` cuts the files into batches, each every file's lines of one range of keys,
found by bisection in the files mapped into memory (no Python work per line) and read where the
batch is worked on (`Span.read`); a key's lines are never split between batches. `groups` reads one file a key at a time.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

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


_PAST = b"\xff"  # after a key and its separator, sorts above any line of that key (no line holds it)


@dataclass(frozen=True, slots=True)
class Span:
    """Lines of a sorted file, bytes `start` to `stop` (without the last line's newline): a range
    of keys cut by `key_spans`, read where it is worked on (`read`)."""

    path: str
    start: int
    stop: int

    def __bool__(self) -> bool:
        return self.stop > self.start

    def read(self) -> bytes:
        """The lines, joined by newlines."""
        if not self:
            return b""
        with open(self.path, "rb") as file:
            file.seek(self.start)
            return file.read(self.stop - self.start)


class KeyRanges:
    """A sorted line file (lines keyed as `SUBJECT` or `PREFIXED` say) cut a range of keys at a
    time: the lines are never split apart, a range's end is found by bisecting offsets in the
    file, mapped into memory (only the pages the bisection reads are touched)."""

    def __init__(self, path: Path, separator: bytes) -> None:
        self.path, self.separator = str(path), separator
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            self.map: mmap.mmap | bytes = (
                mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            )
        self.size = size
        self.start = 0  # the first line not yet taken

    def close(self) -> None:
        if isinstance(self.map, mmap.mmap):
            self.map.close()

    def key_ahead(self, limit: int) -> bytes | None:
        """The key of the line holding the byte `limit` bytes ahead, or None if fewer are left."""
        if self.size - self.start <= limit:
            return None
        data = self.map
        line = data.rfind(b"\n", self.start, self.start + limit) + 1 or self.start
        return data[line : data.find(self.separator, line)]

    def take_through(self, last: bytes | None) -> Span:
        """The lines whose key is at most `last` (None: every line left)."""
        end = self.size if last is None else self._first_above(last + self.separator + _PAST)
        taken = Span(self.path, self.start, self._without_newline(end))
        self.start = end
        return taken

    def _without_newline(self, end: int) -> int:
        """`end`, a line's end, less the newline that ends the line (none at a file's end)."""
        return end - 1 if end > 0 and self.map[end - 1 : end] == b"\n" else end

    def _first_above(self, bound: bytes) -> int:
        """The offset of the first line not yet taken above `bound`, or the file's end."""
        data, low, high = self.map, self.start, self.size
        while low < high:
            middle = (low + high) // 2
            line = data.rfind(b"\n", low, middle) + 1 or low
            end = data.find(b"\n", line) + 1 or self.size
            if data[line : self._without_newline(end)] <= bound:
                low = end
            else:
                high = line
        return low


def key_spans(files: Sequence[tuple[Path, bytes]], limit: int) -> Iterator[list[Span]]:
    """The sorted files (path, separator) cut into batches of whole keys: each batch is every file's
    span of a range of keys, at most about `limit` bytes of a file but for the lines of the range's
    last key (a key with more lines is a batch alone). Only offsets are found here: the lines are
    read where the batch is worked on (`Span.read`)."""
    readers = [KeyRanges(path, separator) for path, separator in files]
    try:
        while True:
            ahead = [key for r in readers if (key := r.key_ahead(limit)) is not None]
            last = min(ahead) if ahead else None
            batch = [r.take_through(last) for r in readers]
            if any(batch):
                yield batch
            if last is None:
                return
    finally:
        for r in readers:
            r.close()


def predicate_of(line: bytes) -> bytes:
    """The predicate of an N-Triples or N-Quads line, as written."""
    start = line.index(b" ") + 1
    return line[start : line.index(b" ", start)]


def object_of(line: bytes) -> bytes:
    """The object of an N-Triples line (its newline or not), as written."""
    start = line.index(b" ", line.index(b" ") + 1) + 1
    return line.rstrip(b"\n")[start:-2]
