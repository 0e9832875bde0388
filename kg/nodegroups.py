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
    """A sorted line file (lines keyed as `SUBJECT` or `PREFIXED` say) read a range of keys at a
    time, as bytes: the lines are never split apart, a range's end is found by bisecting offsets."""

    def __init__(self, path: Path, separator: bytes) -> None:
        self.file = path.open("rb")
        self.separator = separator
        self.buffer = b""  # whole lines read and not yet taken, from `self.start` on
        self.start = 0
        self.tail = b""  # a line cut by the end of the last block
        self.ended = False

    def close(self) -> None:
        self.file.close()

    def _more(self, size: int = BLOCK) -> bool:
        """Read at least `size` more bytes (a block at least); False at the end of the file."""
        if self.ended:
            return False
        block = self.file.read(max(size, BLOCK))
        if not block:
            self.ended = True
            if self.tail:  # a last line without its newline
                self.buffer = self.buffer[self.start :] + self.tail + b"\n"
                self.start, self.tail = 0, b""
            return False
        cut = block.rfind(b"\n") + 1
        if cut:
            self.buffer = self.buffer[self.start :] + self.tail + block[:cut]
            self.start, self.tail = 0, block[cut:]
        else:  # no line ends in the block
            self.tail += block
        return True

    def key_ahead(self, limit: int) -> bytes | None:
        """The key of the line holding the byte `limit` bytes ahead, or None if fewer are left."""
        while (held := len(self.buffer) - self.start) <= limit:
            if not self._more(limit + 1 - held):
                return None
        buffer = self.buffer
        line = buffer.rfind(b"\n", self.start, self.start + limit) + 1 or self.start
        return buffer[line : buffer.index(self.separator, line)]

    def take_through(self, last: bytes | None) -> bytes:
        """The lines whose key is at most `last` (None: every line left), joined by newlines (no
        newline after the last one)."""
        if last is None:
            while self._more():
                pass
            end = len(self.buffer)
        else:
            bound = last + self.separator + _PAST
            low = self.start
            while (end := self._first_above(bound, low)) == len(self.buffer):
                low = end - self.start  # (as an offset from `start`: a block read moves the lines)
                more = self._more()
                low += self.start
                if not more:
                    end = self._first_above(bound, low)  # (the last line, if it had no newline)
                    break
        taken = self.buffer[self.start : end - 1] if end > self.start else b""
        self.start = end
        return taken

    def _first_above(self, bound: bytes, low: int) -> int:
        """The offset of the first line from `low` (a line's start) above `bound`, or the
        buffer's end."""
        buffer, high = self.buffer, len(self.buffer)
        while low < high:
            middle = (low + high) // 2
            line = buffer.rfind(b"\n", low, middle) + 1 or low
            end = buffer.index(b"\n", line)
            if buffer[line:end] <= bound:
                low = end + 1
            else:
                high = line
        return low


def key_batches(files: Sequence[tuple[Path, bytes]], limit: int) -> Iterator[list[bytes]]:
    """The sorted files (path, separator) cut into batches of whole keys: each batch is every file's
    lines of a range of keys, joined by newlines, at most about `limit` bytes of a file but for the
    lines of the range's last key (a key with more lines is a batch alone)."""
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
