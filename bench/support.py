"""What the benchmarks share: a corpus to run on, a description of the machine, and a sampler
of the memory a process tree holds."""

from __future__ import annotations

import os
import platform
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import TypeVar

from generate import write_corpus

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def free_port() -> int:
    """A TCP port of 127.0.0.1 free now (for a server a benchmark starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> str:
    """ "2 cores, 23.4 GiB, Linux x86_64, Python 3.11.7"."""
    memory = ""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * PAGE
        memory = f", {total / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return f"{os.cpu_count()} cores{memory}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


def corpus(
    releases: int, seed: int, fmt: str, given: Path | None
) -> tuple[Path, tempfile.TemporaryDirectory | None, float]:
    """The corpus folder to run on: `given`, or `releases` generated into a temporary folder
    (returned so the caller keeps it alive), with the seconds generation took."""
    if given is not None:
        return given, None, 0.0
    tmp = tempfile.TemporaryDirectory(prefix="hkpr-bench-")
    folder = Path(tmp.name) / "corpus"
    began = time.perf_counter()
    write_corpus(releases, folder, seed=seed, fmt=fmt)
    return folder, tmp, time.perf_counter() - began


def _parents() -> dict[int, list[int]]:
    """Live (not zombie) process ids by their parent's (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        state, ppid = stat[stat.rindex(b")") + 2 :].split()[:2]
        if state != b"Z":
            children.setdefault(int(ppid), []).append(int(entry.name))
    return children


def children(pid: int) -> set[int]:
    """The live processes whose parent is `pid`."""
    return set(_parents().get(pid, ()))


def resident(pid: int) -> int:
    """Bytes resident in one process now (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE
    except OSError:
        return 0


def tree_sizes(root: int) -> list[int]:
    """Bytes resident in process `root` and in each of its descendants now (Linux /proc)."""
    parents, sizes, todo = _parents(), [], [root]
    while todo:
        pid = todo.pop()
        todo.extend(parents.get(pid, ()))
        sizes.append(resident(pid))
    return sizes


def tree_rss(root: int) -> int:
    """Bytes resident in process `root` and all its descendants now (Linux /proc)."""
    return sum(tree_sizes(root))


_Sampler = TypeVar("_Sampler", bound="Sampler")


class Sampler:
    """A thread that runs `_run` from `with` to its end; `_run` waits on `_stop` between samples."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self: _Sampler) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        raise NotImplementedError


class PeakMemory(Sampler):
    """Samples the resident memory of a process tree every `interval` seconds; `peak` is the most
    seen in the whole tree, `largest` the most in one of its processes."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak, self.largest = pid, interval, 0, 0
        super().__init__()

    def _run(self) -> None:
        if not os.path.isdir("/proc"):
            return
        while not self._stop.is_set():
            sizes = tree_sizes(self.pid)
            self.peak = max(self.peak, sum(sizes))
            self.largest = max(self.largest, *sizes)
            self._stop.wait(self.interval)


def gib(n: float) -> str:
    return f"{n / 2**30:.2f} GiB"
