"""The harvest folder: release pages saved as published under a dated layout, and a manifest.

    DIR/en/2023/09/07/P2023090700255.htm      (DIR/zh/... for Chinese pages)
    DIR/en/2001/11/08/1108116.htm             (releases before about 2005)
    DIR/manifest.jsonl                        one JSON object a line, appended and fsynced

A manifest line is an index page fetched (``"kind": "index"``: the day, language, status,
validators and the links it listed) or a release page (``"kind": "release"``: id, language,
url, index date, fetched at, status, ETag/Last-Modified, sha256, bytes, path, headers; or the
error that kept it from being saved). Pages are written to a temporary file, fsynced and renamed,
then their line is appended: after a crash a page is either whole or absent, and a whole page
without its line gets one (``"recovered": true``) on the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

MANIFEST = "manifest.jsonl"
LOCK = ".kg-fetch.lock"


class Busy(RuntimeError):
    """Another `kg fetch` is writing the folder."""


@dataclass(frozen=True)
class IndexRecord:
    """What the last fetch of a daily index page found."""

    status: int
    etag: str | None
    last_modified: str | None
    links: list[list[str]]
    final: bool = False  # read when the day was past (before yesterday): the site will not add to it


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class HarvestFolder:
    """The folder `kg fetch` writes, and what its manifest says was already done."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest = root / MANIFEST
        self.saved: dict[tuple[str, str], str] = {}  # (language, id) -> relative path
        self.indexes: dict[tuple[str, str], IndexRecord] = {}  # (language, day) -> last fetch
        self.unreadable_lines = 0
        self._lock: int | None = None

    # --- opening ----------------------------------------------------------------------------

    def open(self, site: str) -> None:
        """Take the folder's lock, read the manifest, and give saved pages without a line one."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise Busy(f"another kg fetch is writing {self.root}") from None
        self._lock = fd
        for entry in self.entries():
            self._note(entry)
        self._mend_last_line()
        self._recover(site)

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def entries(self) -> Iterator[dict]:
        """The manifest's lines as read (a line cut short by a crash is skipped and counted)."""
        if not self.manifest.exists():
            return
        with self.manifest.open("rb") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except ValueError:
                    self.unreadable_lines += 1
                    continue
                if isinstance(entry, dict):
                    yield entry

    def _note(self, entry: dict) -> None:
        language, day = entry.get("language"), entry.get("index_date")
        if entry.get("kind") == "index" and entry.get("status") in (200, 304, 404):
            previous = self.indexes.get((language, day))
            links = entry.get("links")
            if links is None:  # 304: the links of the last 200; 404: none
                links = previous.links if previous and entry["status"] == 304 else []
            validators = (entry.get("etag"), entry.get("last_modified"))
            if entry["status"] == 304 and previous:
                validators = (validators[0] or previous.etag, validators[1] or previous.last_modified)
            final = bool(entry.get("final"))
            self.indexes[(language, day)] = IndexRecord(entry["status"], *validators, links, final)
        elif entry.get("kind") == "release" and entry.get("path"):
            self.saved[(language, entry["id"])] = entry["path"]

    def _mend_last_line(self) -> None:
        """End a line cut short by a crash, so the next line starts on its own."""
        if self.manifest.exists() and self.manifest.stat().st_size:
            with self.manifest.open("rb+") as f:
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    f.write(b"\n")
                    f.flush()
                    os.fsync(f.fileno())

    def _recover(self, site: str) -> None:
        """Pages renamed into place by a run killed before it wrote their manifest line; the
        temporary files of pages it was writing are removed."""
        from kg.read import release_id_from

        known = set(self.saved.values())
        for language in ("en", "zh"):
            folder = self.root / language
            if not folder.is_dir():
                continue
            for tmp in folder.rglob(".*.tmp-*"):
                tmp.unlink(missing_ok=True)
            for path in sorted(folder.rglob("*.htm")):
                relative = path.relative_to(self.root).as_posix()
                if relative in known or path.name.startswith("."):
                    continue
                _, year, month, day, name = relative.split("/", 4)
                url_path = f"/gia/general/{year}{month}/{day}/{name}"
                release_id = release_id_from(url_path)
                if not release_id:
                    continue
                data = path.read_bytes()
                self.append(
                    {
                        "kind": "release",
                        "id": release_id,
                        "language": language,
                        "url": f"{site}{url_path}",
                        "index_date": f"{year}-{month}-{day}",
                        "fetched_at": datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(
                            timespec="seconds"
                        ),
                        "status": 200,
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "bytes": len(data),
                        "path": relative,
                        "recovered": True,
                    }
                )

    # --- questions --------------------------------------------------------------------------

    def is_saved(self, language: str, release_id: str) -> bool:
        return (language, release_id) in self.saved

    def last_index_date(self) -> date | None:
        """The latest day whose index page was read (any language)."""
        days = [day for (_, day), record in self.indexes.items() if record.status in (200, 304)]
        return date.fromisoformat(max(days)) if days else None

    def page_path(self, language: str, day: date, name: str) -> Path:
        return self.root / language / f"{day:%Y}" / f"{day:%m}" / f"{day:%d}" / name

    # --- writing ----------------------------------------------------------------------------

    def save_page(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` whole or not at all (a temporary file, fsynced, renamed)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            with tmp.open("wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def append(self, entry: dict) -> None:
        """Add a line to the manifest and fsync it; the folder's view takes it in."""
        line = json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n"
        with self.manifest.open("ab") as f:
            f.write(line.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        self._note(entry)
