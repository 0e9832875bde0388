"""Memory habits of the stages that hold the whole graph: the cyclic collector paused while
millions of small acyclic objects are made, and freed memory handed back to the system."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
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
