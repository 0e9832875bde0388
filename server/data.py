"""The built data folder as the server sees it: the store, the dumps with their checksums, the report.

`kg build --out DIR` makes DIR a link to a generation folder (kg/generations.py); a DataDir is
one generation, resolved once and held (a shared flock) so that no build removes it while it is
served: its store, dumps and report stay the ones of that build whatever DIR points at later.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any

from kg.generations import Hold, current, hold_current
from server.formats import RDF, Format, by_suffix, of_kind

STORE = "store"
DUMPS = "dumps"
REPORT = "report.json"
SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Dump:
    name: str
    path: Path
    size: int
    mtime: float
    sha256: str | None
    format: Format | None  # the format inside the gzip (None for SHA256SUMS)

    @property
    def etag(self) -> str:
        if self.sha256:
            return f'"{self.sha256}"'
        return f'"{int(self.mtime * 1000):x}-{self.size:x}"'

    @property
    def last_modified(self) -> str:
        return formatdate(self.mtime, usegmt=True)

    @property
    def media_type(self) -> str:
        if self.name.endswith(".gz"):
            return "application/gzip"
        return "text/plain; charset=utf-8"


class DataDir:
    """DIR/store, DIR/dumps/*, DIR/report.json of `kg build --out DIR`: the generation DIR points
    at when it is opened (`path`), held until `release`."""

    def __init__(self, path: Path, need_store: bool = True) -> None:
        self.root = Path(path)
        self.need_store = need_store
        self._held: Hold | None = None
        if need_store and not (self.root / STORE).is_dir():
            raise FileNotFoundError(f"no graph store in {self.root} (run `kg build ... --out {self.root}`)")
        if self.root.is_dir():
            self.path, self._held = hold_current(self.root)
        else:
            self.path = self.root
        self.key = generation_key(self.path)
        self.store = self.path / STORE
        if need_store and not self.store.is_dir():
            self.release()
            raise FileNotFoundError(f"no graph store in {self.root} (run `kg build ... --out {self.root}`)")
        self.report: dict[str, Any] = self._read_report()
        self.dumps: dict[str, Dump] = self._scan_dumps()

    def release(self) -> None:
        """Let the generation go (a later build may remove it)."""
        if self._held is not None:
            self._held.release()
            self._held = None

    @classmethod
    def absent(cls) -> DataDir:
        """No data folder (serving through a backend): no dumps, no report."""
        data = cls.__new__(cls)
        data.root = data.path = data.store = Path()
        data.key, data._held, data.need_store = None, None, False
        data.report, data.dumps = {}, {}
        return data

    def _read_report(self) -> dict[str, Any]:
        try:
            data = json.loads((self.path / REPORT).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    @property
    def built(self) -> float | None:
        """When the build finished (the report's modification time)."""
        try:
            return (self.path / REPORT).stat().st_mtime
        except OSError:
            return None

    def _scan_dumps(self) -> dict[str, Dump]:
        folder = self.path / DUMPS
        if not folder.is_dir():
            return {}
        sums: dict[str, str] = {}
        try:
            for line in (folder / SUMS).read_text(encoding="utf-8").splitlines():
                digest, _, name = line.partition("  ")
                if digest and name:
                    sums[name.strip().lstrip("*")] = digest.strip()
        except OSError:
            pass
        out = {}
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if not entry.is_file() or entry.name.startswith("."):
                continue
            fmt = None
            if entry.name.endswith(".gz"):
                inner = Path(entry.name[: -len(".gz")]).suffix
                fmt = by_suffix(inner, of_kind(RDF))
                if fmt is None:
                    continue
            elif entry.name != SUMS:
                continue
            st = entry.stat()
            out[entry.name] = Dump(
                entry.name, Path(entry.path), st.st_size, st.st_mtime, sums.get(entry.name), fmt
            )
        return out

    def number(self, *keys: str) -> int | None:
        """A count from the build report, if it has one under any of these keys."""
        for key in keys:
            value = self.report.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        return None


def generation_key(folder: Path) -> tuple[str, int, int] | None:
    """What tells the build in `folder` from any other: its path, device and inode (a generation
    is never written again; a plain folder replaced by another has another inode)."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return str(folder), st.st_dev, st.st_ino


def current_key(root: Path) -> tuple[str, int, int] | None:
    """The key of the generation `root` points at now."""
    try:
        return generation_key(current(root))
    except OSError:
        return None
