"""A built data folder as generations, swapped atomically: `DIR` is a symbolic link to a sibling
folder `.DIR.gen-<time>-<pid>` that holds one complete build.

A build (or an update) writes a new generation beside the others, then points `DIR` at it in one
step (a link made under a temporary name and renamed over `DIR`): at every moment `DIR` is a
complete build, the last one or the new one, whatever kills the build. A plain folder `DIR` (of
an older `kg`) is exchanged for the link with renameat2(RENAME_EXCHANGE), so it never goes
missing either, and becomes a generation.

Whoever uses a generation holds a shared flock(2) on its folder: the build while it writes it, a
server while it serves it (server/data.py). Old generations, and what killed runs left behind
(unfinished generations, `.DIR.building-PID`, `.DIR.old-PID` and `.DIR.link-PID`), are removed
by the next build, or by a server letting a generation go, once nobody holds them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import gc
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

GENERATION = "gen"
LEFTOVERS = ("building", "old", "link")  # .DIR.KIND-PID of this kg's or an older kg's killed runs


def current(out: Path) -> Path:
    """The folder `out` stands for now: its generation (or `out` itself, a plain folder)."""
    out = _absolute(out)
    if out.is_symlink():
        return out.parent / os.readlink(out)
    return out


class Hold:
    """A shared lock on a generation's folder: while held, no build removes it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd: int | None = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:  # being removed just now
            self.release()
            raise

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def hold_current(out: Path, attempts: int = 20) -> tuple[Path, Hold]:
    """The generation `out` points at, held (taken again if `out` moved on meanwhile)."""
    for _ in range(attempts):
        folder = current(out)
        try:
            held = Hold(folder)
        except OSError:
            time.sleep(0.05)
            continue
        if current(out) == folder:
            return folder, held
        held.release()
    raise FileNotFoundError(f"{out} kept changing while it was opened")


@contextlib.contextmanager
def new_generation(out: Path) -> Iterator[Path]:
    """A new, empty generation folder beside `out`, published as `out` if the block succeeds.

    On failure the folder is removed and `out` is untouched; leftovers of earlier runs that
    nobody holds are removed before and after.
    """
    out = _absolute(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(out.parent, os.W_OK):
        raise PermissionError(f"cannot write to {out.parent}")
    if out.exists() and not out.is_dir():
        raise FileExistsError(f"{out} is a file, not a data folder")
    with contextlib.suppress(OSError):  # housekeeping: never a reason to fail the build
        collect(out)
    folder = _make_generation(out)
    held = Hold(folder)
    try:
        yield folder
        publish(out, folder)
    except BaseException:
        held.release()
        if current(out) != folder:  # not published (a failure after the swap leaves it served)
            remove_folder(folder)
        raise
    held.release()
    with contextlib.suppress(OSError):
        collect(out)


def _make_generation(out: Path) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for _ in range(1000):
        folder = out.parent / f".{out.name}.{GENERATION}-{stamp}.{time.time_ns() % 10**9:09d}-{os.getpid()}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"cannot make a new generation folder beside {out}")


def publish(out: Path, folder: Path) -> None:
    """Point `out` at `folder` (a sibling) in one step."""
    link = out.parent / f".{out.name}.link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(folder.name, link)
    if out.is_symlink() or not out.exists():
        os.rename(link, out)  # atomic: `out` is the old link or the new one, never missing
        return
    # a plain folder from an older kg: exchanged with the link, then kept as a generation
    try:
        exchange(link, out)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            os.unlink(link)
            raise
        # no RENAME_EXCHANGE here: a moment without `out`, between two renames
        aside = link.with_name(f".{out.name}.old-{os.getpid()}")
        os.rename(out, aside)
        try:
            os.rename(link, out)
        except OSError:
            os.rename(aside, out)
            raise
        return
    # `out` is published; the old folder, now at the link's name, is renamed to an old
    # generation's (if that fails, the next build's `collect` finds it as a leftover)
    with contextlib.suppress(OSError):
        os.rename(link, _legacy_name(out))


def _legacy_name(out: Path) -> Path:
    return out.parent / f".{out.name}.{GENERATION}-00000000T000000.{time.time_ns() % 10**9:09d}-{os.getpid()}"


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (Linux renameat2 with RENAME_EXCHANGE)."""
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, "renameat2 is Linux's")
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "this C library has no renameat2")
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))


def collect(out: Path) -> list[Path]:
    """Remove the generations `out` no longer points at and leftovers of killed runs, except
    those someone holds (a build writing one, a server serving one); return what went."""
    out = _absolute(out)
    keep = current(out) if out.is_symlink() else out
    gone = []
    try:
        entries = list(os.scandir(out.parent))
    except OSError:
        return gone
    ours = re.compile(
        rf"\.{re.escape(out.name)}\.(?:({GENERATION})-\d{{8}}T\d{{6}}\.\d{{9}}|({'|'.join(LEFTOVERS)}))-(\d+)"
    )
    for entry in entries:
        path = Path(entry.path)
        if not (m := ours.fullmatch(entry.name)) or path == keep:
            continue
        kind, pid = m.group(1) or m.group(2), int(m.group(3))
        if entry.is_symlink():  # a link a killed run did not rename into place
            if not _alive(pid):
                with contextlib.suppress(OSError):
                    path.unlink()
                    gone.append(path)
            continue
        if kind != GENERATION and _alive(pid):  # an older kg's run still going
            continue
        if _remove_unheld(path, out):
            gone.append(path)
    return gone


def _remove_unheld(folder: Path, out: Path) -> bool:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: being built or served
        os.close(fd)
        return False
    try:
        if current(out) == folder:  # `out` moved to it meanwhile
            return False
        remove_folder(folder)
        return not folder.exists()
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    """Whether process `pid` runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_folder(path: Path) -> None:
    """Remove a folder, also while a closing store's background threads still write into it."""
    gc.collect()  # drop any store object that still holds the folder open
    for attempt in range(50):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.02 * (attempt + 1))


def _absolute(out: Path) -> Path:
    """`out` made absolute without following a link at its end (its parent's links are followed)."""
    out = Path(os.path.abspath(out))
    return out.parent.resolve() / out.name
