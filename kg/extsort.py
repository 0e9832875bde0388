"""An external merge sort of N-Triples lines: a set of lines held in bounded memory.

Lines are gathered in memory (each once) until their estimated size passes `budget` bytes; then
they are sorted and written to a run file in `folder`, and memory is freed. Reading merges the
runs into one file first (`merge_runs`: sort(1) -m -u in the C locale, or `heapq.merge` where there
is no sort(1)), dropping a line met in more than one run, so what comes out is every line added,
sorted bytewise, each once: what sorting the whole set in memory would give.

No N-Triples line is a prefix of another (each ends in " ."), so comparing lines with or without
their newline orders them alike; runs hold lines with their newline.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

WRITE_LINES = 1 << 16  # lines joined per write of a run
OVERHEAD = 100  # bytes a held line costs beyond its text: the bytes object and its slot in the set
FAN_IN = 64  # runs merged at once; more are first merged into one
CHUNK = 1 << 22  # bytes per chunk handed out by `chunks`


class SortedLines:
    """Lines (bytes, without their newline) added in any order, read back sorted and unique."""

    def __init__(self, folder: Path, budget: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="sort-", dir=folder))
        self.budget = max(budget, 1)
        self._held: set[bytes] = set()
        self._size = 0
        self._runs: list[Path] = []
        self._made = 0  # run files written (their names)

    @property
    def runs(self) -> int:
        """How many run files hold lines now (the lines in memory not counted)."""
        return len(self._runs)

    def add(self, lines: Iterable[bytes]) -> None:
        """Add lines (b"" is skipped); spill to a run when memory passes the budget."""
        held = self._held
        before = len(held)
        size = 0
        for line in lines:
            if line and line not in held:
                held.add(line)
                size += len(line)
        self._size += size + (len(held) - before) * OVERHEAD
        if self._size >= self.budget:
            self.spill()

    def add_sorted(self, path: Path) -> None:
        """Take a file of sorted, unique lines (each ending in a newline) as one of the runs."""
        target = self._path()
        shutil.move(path, target)
        self._runs.append(target)
        if len(self._runs) > FAN_IN:
            self.file()

    def spill(self) -> None:
        """Write the lines held in memory as a sorted run, and free them."""
        if not self._held:
            return
        lines = sorted(self._held)
        self._held, self._size = set(), 0
        path = self._path()
        with path.open("wb") as out:
            for start in range(0, len(lines), WRITE_LINES):
                out.write(b"\n".join(lines[start : start + WRITE_LINES]) + b"\n")
        del lines
        self._runs.append(path)
        if len(self._runs) > FAN_IN:
            self.file()

    def __iter__(self) -> Iterator[bytes]:
        """Every line added so far, sorted and unique, each with its newline. Lines added later are
        not seen by an iteration already begun (it reads the file it started with)."""
        if not self._runs:
            return (line + b"\n" for line in sorted(self._held))
        return read_lines(self.file())

    def file(self) -> Path:
        """One file of every line added so far, sorted and unique: the runs are merged into one
        (once) so that the passes after it read at the speed of the disk. Lines added later go to
        new runs, as before."""
        self.spill()
        if not self._runs:  # nothing added: an empty run
            path = self._path()
            path.write_bytes(b"")
            self._runs.append(path)
        elif len(self._runs) > 1:
            # the old runs stay until `close`: an iteration begun may still read them
            path = self._path()
            merge_runs(self._runs, path, self.folder)
            self._runs = [path]
        return self._runs[0]

    def chunks(self) -> Iterator[bytes]:
        """The lines of `iter(self)` in chunks of about CHUNK bytes (whole lines)."""
        if not self._runs and not self._held:
            return iter(())
        return line_chunks(self.file())

    def close(self) -> None:
        """Remove the run files."""
        self._held, self._runs = set(), []
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> SortedLines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _path(self) -> Path:
        self._made += 1
        return self.folder / f"run-{self._made:05d}.nt"


def read_lines(path: Path) -> Iterator[bytes]:
    """A run's lines, newline included (the file is opened now, closed when the lines end)."""
    run = path.open("rb", buffering=1 << 20)

    def lines() -> Iterator[bytes]:
        with run:
            yield from run

    return lines()


def tool(name: str, *args: str, stdout: Path | None = None) -> subprocess.CompletedProcess | None:
    """Run the command-line tool `name` (sort, awk, grep) with `args`, in the C locale (where these
    compare and split bytes as Python does), its output to the file `stdout` if given; None when
    the machine has no such tool."""
    program = shutil.which(name)
    if program is None:
        return None
    with stdout.open("wb") if stdout is not None else contextlib.nullcontext(subprocess.PIPE) as sink:
        return subprocess.run(
            [program, *args], stdout=sink, stderr=subprocess.PIPE, env={**os.environ, "LC_ALL": "C"}
        )


def sort_file(
    source: Path,
    out: Path,
    budget: int,
    scratch: Path,
    lines_of: Callable[[bytes], Iterable[bytes]] = lambda chunk: chunk.split(b"\n"),
) -> None:
    """The lines of `source` sorted bytewise into `out`, each once: sort(1) with `budget` bytes of
    memory and its temporary files in `scratch`; where there is no sort(1) or it fails, in Python
    (`SortedLines`), where `lines_of` may also rewrite each chunk's lines (kg.merge.keyed_file)."""
    size = f"{max(budget, 1 << 20) >> 10}K"
    done = tool("sort", "-u", "-S", size, "-T", str(scratch), "-o", str(out), str(source))
    if done is not None and done.returncode == 0:
        return
    with SortedLines(scratch, budget) as lines:
        for chunk in line_chunks(source):
            lines.add(lines_of(chunk))
        shutil.move(lines.file(), out)


def merge_runs(runs: list[Path], out: Path, scratch: Path) -> None:
    """Sorted files merged into `out`, each line once. sort(1) does it where there is one (its
    temporary files go to `scratch`); else `heapq.merge` in Python, about ten times slower."""
    done = tool("sort", "-m", "-u", "-T", str(scratch), "-o", str(out), *map(str, runs))
    if done is not None:
        if done.returncode == 0:
            return
        raise OSError(
            f"sort -m of {len(runs)} runs in {scratch} failed: {done.stderr.decode(errors='replace')}"
        )
    with out.open("wb") as file:
        for chunk in chunked(unique(heapq.merge(*map(read_lines, runs)))):
            file.write(chunk)


def unique(lines: Iterator[bytes]) -> Iterator[bytes]:
    """Sorted lines with repeats dropped."""
    last = None
    for line in lines:
        if line != last:
            yield line
            last = line


def chunked(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Lines joined into chunks of about CHUNK bytes."""
    part: list[bytes] = []
    size = 0
    for line in lines:
        part.append(line)
        size += len(line)
        if size >= CHUNK:
            yield b"".join(part)
            part, size = [], 0
    if part:
        yield b"".join(part)


def line_chunks(path: Path) -> Iterator[bytes]:
    """A file of lines in chunks of about CHUNK bytes, each ending at the end of a line."""
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            if not chunk.endswith(b"\n"):
                chunk += file.readline()
            yield chunk


def file_chunks(path: Path) -> Iterator[bytes]:
    """A file's bytes in chunks of CHUNK bytes."""
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            yield chunk
