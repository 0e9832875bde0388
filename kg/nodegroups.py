"""Sorted line files read a range of keys at a time: the joins the reasoner and the validator
need across releases, done on disk instead of in memory.

Each file is lines sorted bytewise whose key (the node, as N-Triples writes it) ends at a
separator: a space for N-Triples and N-Quads lines keyed by their subject, a tab for lines that a
node prefixes (`key\tline`). Both separators sort before any character of a key (IRIs and blank
node labels hold neither), so every file's keys come in the same order whichever separator it
uses. `key_batches` cuts the files into batches, each every file's lines of one range of keys,
found by bisection in blocks read from the files (no Python work per line); a key's lines are
never split between batches. `groups` reads one file a key at a time.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
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


BLOCK = 1 << 22  # bytes read from a sorted file at a time
_PAST = b"\xff"  # after a key and its separator, sorts above any line of that key (no line holds it)


class KeyRanges:
    """A sorted line file (lines keyed as `SUBJECT` or `PREFIXED` say) read a range of keys at a time."""

    def __init__(self, path: Path, separator: bytes) -> None:
        self.file = path.open("rb")
        self.separator = separator
        self.lines: list[bytes] = []  # read and not yet taken, from `self.start` on (no newline)
        self.start = 0
        self.tail = b""  # a line cut by the end of the last block
        self.ended = False

    def close(self) -> None:
        self.file.close()

    def _more(self) -> bool:
        """Read another block; False at the end of the file."""
        if self.ended:
            return False
        block = self.file.read(BLOCK)
        if self.start:
            del self.lines[: self.start]
            self.start = 0
        if not block:
            self.ended = True
            if self.tail:
                self.lines.append(self.tail)
                self.tail = b""
            return False
        parts = (self.tail + block).split(b"\n")
        self.tail = parts.pop()
        self.lines.extend(parts)
        return True

    def key_ahead(self, n: int) -> bytes | None:
        """The key of the line `n` lines ahead, or None if the file has no more lines than that."""
        while len(self.lines) - self.start <= n:
            if not self._more():
                return None
        line = self.lines[self.start + n]
        return line[: line.index(self.separator)]

    def take_through(self, last: bytes | None) -> list[bytes]:
        """The lines (without newline) whose key is at most `last` (None: every line left)."""
        if last is None:
            while self._more():
                pass
            end = len(self.lines)
        else:
            bound = last + self.separator + _PAST
            while (end := bisect.bisect_right(self.lines, bound, self.start)) == len(self.lines):
                if not self._more():
                    break
        taken = self.lines[self.start : end]
        self.start = end
        return taken


def key_batches(files: Sequence[tuple[Path, bytes]], limit: int) -> Iterator[list[list[bytes]]]:
    """The sorted files (path, separator) cut into batches of whole keys: each batch is every file's
    lines (no newline) of a range of keys, at most `limit` lines of a file but for the lines of the
    range's last key (a key with more lines is a batch alone)."""
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
