"""`kg sync`: fetch what is new since the last run, then add it to the built graph.

The pages folder keeps, beside its manifest, how far into the manifest the last successful
build went (``.kg-sync.json``, a dot-file the reader skips). A sync builds the English pages
saved after that point with `kg build --update` (a full build when the data folder has no graph
yet), and moves the mark only when the build succeeded, so pages fetched by a run whose build
failed are built by the next one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import BuildReport, NoReleases, build
from kg.fetch import FetchOptions, Summary, fetch
from kg.fetch.store import MANIFEST
from kg.store import STORE

STATE = ".kg-sync.json"


@dataclass
class SyncResult:
    """The fetch summary, the build report (None when nothing was built) and what happened."""

    fetched: Summary
    report: BuildReport | None = None
    pages_built: int = 0
    notes: list[str] = field(default_factory=list)
    build_failed: str | None = None

    @property
    def ok(self) -> bool:
        return self.fetched.ok and self.build_failed is None


def sync(
    data: Path,
    options: FetchOptions,
    *,
    jobs: int = 1,
    base: str | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> SyncResult:
    """Fetch into `options.out` (from the last index date fetched), then build into `data`."""
    options.since_last = True
    result = SyncResult(fetch(options))
    for line in result.fetched.lines():
        log(line)
    pages = options.out
    mark, end = _built_mark(pages), _manifest_size(pages)
    if mark > end:  # the manifest was replaced: build everything it lists
        mark = 0
    full = not (data / STORE).is_dir()
    paths = [pages / "en"] if full else _english_pages_since(pages, mark)
    if full and not paths[0].is_dir():
        result.build_failed = f"no English pages in {pages} to build a graph from"
        return result
    if not paths:
        result.notes.append(f"nothing new to build; {data} left as it was")
        _set_built_mark(pages, end)
        return result
    result.pages_built = len(paths) if not full else sum(1 for _ in paths[0].rglob("*.htm"))
    log(f"{'building' if full else 'updating'} {data} with {result.pages_built} page(s) ...")
    kwargs = {"base": base} if base else {}
    try:
        result.report = build(paths, data, jobs=jobs, update=not full, **kwargs)
    except NoReleases as exc:  # every new page was rejected: the graph stays as it was
        result.report = exc.report
        if full:
            result.build_failed = f"no release in {pages} could be read"
            return result
        result.notes.append(f"no new page could be read; {data} left as it was")
    except OSError as exc:
        result.build_failed = f"cannot write {data}: {exc}; the previous graph is left as it was"
        return result
    _set_built_mark(pages, end)
    return result


def _manifest_size(pages: Path) -> int:
    manifest = pages / MANIFEST
    return manifest.stat().st_size if manifest.exists() else 0


def _built_mark(pages: Path) -> int:
    try:
        return int(json.loads((pages / STATE).read_text())["manifest_bytes_built"])
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _set_built_mark(pages: Path, size: int) -> None:
    tmp = pages / f"{STATE}.tmp-{os.getpid()}"
    tmp.write_text(json.dumps({"manifest_bytes_built": size}) + "\n")
    tmp.replace(pages / STATE)


def _english_pages_since(pages: Path, mark: int) -> list[Path]:
    """The English pages whose manifest lines come after byte `mark`, each once, in order."""
    manifest = pages / MANIFEST
    if not manifest.exists():
        return []
    found: dict[Path, None] = {}
    with manifest.open("rb") as f:
        f.seek(mark)
        for line in f:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("kind") == "release" and entry.get("language") == "en" and entry.get("path"):
                path = pages / entry["path"]
                if path.is_file():
                    found[path] = None
    return list(found)
