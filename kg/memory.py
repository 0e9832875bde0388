"""Memory habits of the stages that hold the whole graph: the cyclic collector paused while
millions of small acyclic objects are made, freed memory handed back to the system, and the
build's memory setting (`kg build --memory SIZE`)."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import re
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block (it would traverse every live quad, again and again,
    for no garbage: quads, terms and their lists hold no cycles). Nested uses are fine."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def release_memory() -> None:
    """Give freed memory back to the system (glibc keeps it otherwise), so that the stages after a
    large `del` do not add to the peak."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def resident_mb() -> int | None:
    """This process's resident memory in MB (Linux), else None."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") // 10**6


SORT_SHARE = 16  # the merge's lines in memory: this fraction of the memory setting (each of its two sorts)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def total_memory() -> int | None:
    """The machine's physical memory in bytes, if known."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def default_memory() -> int:
    """The memory setting when none is given: an eighth of the machine's memory, between 1 and 4 GiB."""
    total = total_memory() or 8 * 2**30
    return min(max(total // 8, 2**30), 4 * 2**30)


def sort_budget(memory: int) -> int:
    """Bytes of N-Triples lines the merge may hold before it writes a sorted run to disk."""
    return max(memory // SORT_SHARE, 1)


BATCH_BYTE = 24  # bytes of memory a byte of a reasoning or SHACL batch's lines may cost, all told


def batch_bytes(memory: int, jobs: int = 1) -> int:
    """Bytes of a sorted file the reasoner and the validator take at a time (kg.derived_graphs),
    with `jobs` batches worked on at once and one more waiting."""
    return max(memory // BATCH_BYTE // (2 * (jobs + 1 if jobs > 1 else 1)), 1)


def parse_size(text: str) -> int:
    """ "2G", "512M", "1.5g", "300000k" or bytes -> bytes (powers of 1024; a trailing B or iB is fine)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", text, re.IGNORECASE)
    if not match or float(match[1]) <= 0:
        raise ValueError(f"not a size: {text!r} (write e.g. 2G or 512M)")
    return int(float(match[1]) * _UNITS[match[2].lower()])
