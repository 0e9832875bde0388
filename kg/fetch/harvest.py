"""Walk the daily index pages from one day to another and save every release page not saved yet."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from kg.fetch.http import Answer, FetchError, PoliteClient, Politeness
from kg.fetch.progress import Progress
from kg.fetch.site import (
    DEFAULT_SITE,
    ReleaseLink,
    index_url,
    is_release_url,
    link_from_json,
    normalise_site,
    release_links,
    robots_url,
)
from kg.fetch.store import HarvestFolder, now_iso

HKT = timezone(timedelta(hours=8))


def site_today() -> date:
    """Today where the releases are issued (Hong Kong)."""
    return datetime.now(HKT).date()


@dataclass
class FetchOptions:
    """What to fetch, from where, into which folder, and how gently."""

    out: Path
    start: date | None = None  # first day; with since_last, only when there is no earlier run
    end: date | None = None  # last day (default: the site's today)
    languages: tuple[str, ...] = ("en",)
    site: str = DEFAULT_SITE
    since_last: bool = False  # start from the last index date fetched, re-checking yesterday and today
    politeness: Politeness = field(default_factory=Politeness)
    quiet: bool = False
    today: date | None = None  # the site's today (default: the date in Hong Kong now)


@dataclass
class Failure:
    what: str  # "index en 2023-09-07" or "release en P2023090700255"
    url: str
    reason: str


@dataclass
class Summary:
    """What a fetch did: days, releases new / unchanged / failed (with reasons), requests."""

    start: date | None = None
    end: date | None = None
    days: int = 0
    index_pages: int = 0  # index pages read (fetched, or 304 Not Modified)
    index_from_manifest: int = 0  # days done on an earlier run, not asked again
    days_with_releases: int = 0
    days_without_releases: list[str] = field(default_factory=list)  # index page lists none
    days_not_published: list[str] = field(default_factory=list)  # index page is 404
    new: list[str] = field(default_factory=list)  # paths saved, relative to the folder
    unchanged: int = 0  # listed, already saved
    failed: list[Failure] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    def lines(self) -> list[str]:
        """The summary printed at the end of `kg fetch`."""
        span = f"{self.start} to {self.end}" if self.start else "nothing to do"
        out = [
            f"days: {self.days} ({span}); index pages read {self.index_pages}, "
            f"known from earlier runs {self.index_from_manifest}",
            f"  with releases: {self.days_with_releases}",
            f"  with no releases (the index lists none): {len(self.days_without_releases)}"
            + _some(self.days_without_releases),
            f"  not published (index page not found, 404): {len(self.days_not_published)}"
            + _some(self.days_not_published),
            f"releases: {len(self.new)} new, {self.unchanged} unchanged (saved before), {len(self.failed)} failed",
            *(f"  failed: {f.what}: {f.reason} ({f.url})" for f in self.failed[:100]),
        ]
        if len(self.failed) > 100:
            out.append(f"  ... and {len(self.failed) - 100} more failures (see the manifest)")
        out.append(f"requests: {self.requests} ({self.retries} retries) in {self.seconds:.1f} s")
        out.extend(self.notes)
        if self.interrupted:
            out.append("interrupted: run the same command again to go on where it stopped")
        return out


def _some(days: list[str], shown: int = 10) -> str:
    if not days:
        return ""
    more = f" and {len(days) - shown} more" if len(days) > shown else ""
    return ": " + ", ".join(days[:shown]) + more


def fetch(options: FetchOptions) -> Summary:
    """Fetch the releases of the days asked for into `options.out`; see the module docstring."""
    site = normalise_site(options.site)
    summary = Summary()
    began = time.monotonic()
    folder = HarvestFolder(options.out)
    folder.open(site)
    try:
        if folder.unreadable_lines:
            summary.notes.append(f"manifest: {folder.unreadable_lines} line(s) cut short by a crash, skipped")
        today = options.today or site_today()
        start, end = _span(options, folder, today)
        summary.start, summary.end = start, end
        with PoliteClient(options.politeness) as client:
            _Harvest(options, site, folder, client, summary, today).run(start, end)
            summary.requests = client.counters.requests
            summary.retries = client.counters.retries
    finally:
        folder.close()
        summary.seconds = time.monotonic() - began
    return summary


def _span(options: FetchOptions, folder: HarvestFolder, today: date) -> tuple[date, date]:
    start = options.start
    if options.since_last:
        last = folder.last_index_date()
        if last is not None:
            start = min(last, today - timedelta(days=1))
        elif start is None:
            raise ValueError(f"--since-last: no earlier fetch in {options.out}; give --from DATE")
    if start is None:
        raise ValueError("give --from DATE (or --since-last after a first run)")
    end = min(options.end or today, today)
    if end < start:
        raise ValueError(f"nothing to fetch: {start} is after {end}")
    return start, end


class _Harvest:
    """One run over the days: index pages, then the release pages they list."""

    def __init__(
        self,
        options: FetchOptions,
        site: str,
        folder: HarvestFolder,
        client: PoliteClient,
        summary: Summary,
        today: date,
    ) -> None:
        self.options, self.site, self.folder, self.client = options, site, folder, client
        self.summary, self.today = summary, today

    def run(self, start: date, end: date) -> None:
        days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
        self.summary.days = len(days)
        if note := self.client.load_robots(robots_url(self.site)):
            self.summary.notes.append(note)
        progress = Progress(len(days) * len(self.options.languages), quiet=self.options.quiet)
        try:
            for day in days:
                listed = False
                for language in self.options.languages:
                    links = self.index(day, language)
                    listed = listed or bool(links)
                    for link in links or []:
                        self.release(day, language, link)
                        self._show(progress, day)
                    progress.advance()
                    self._show(progress, day)
                self.summary.days_with_releases += listed
        except KeyboardInterrupt:
            self.summary.interrupted = True
        finally:
            progress.close()

    def _show(self, progress: Progress, day: date) -> None:
        s = self.summary
        progress.show(day.isoformat(), len(s.new), s.unchanged, len(s.failed))

    # --- index pages ------------------------------------------------------------------------

    def index(self, day: date, language: str) -> list[ReleaseLink] | None:
        """The releases the day's index lists; None when the index could not be read."""
        key = (language, day.isoformat())
        previous = self.folder.indexes.get(key)
        final = day < self.today - timedelta(days=1)  # before yesterday: the site adds no more
        if previous is not None and previous.final:  # read when already past: not asked again
            self.summary.index_from_manifest += 1
            return self._listed(day, language, previous.status, previous.links)
        url = index_url(self.site, day, language)
        conditional = previous is not None and previous.status in (200, 304)
        entry: dict = {"kind": "index", "language": language, "index_date": day.isoformat(), "url": url}
        try:
            answer = self.client.get(
                url,
                etag=previous.etag if conditional else None,
                last_modified=previous.last_modified if conditional else None,
            )
        except FetchError as exc:
            return self._index_failed(entry, url, language, day, exc.reason, exc.status)
        entry.update(fetched_at=now_iso(), status=answer.status, **_validators(answer), final=final)
        if answer.status == 304 and previous is not None:
            links = previous.links
        elif answer.status == 200:
            links = [link.as_json() for link in release_links(answer.content, answer.url, self.site)]
            entry["links"] = links
        elif answer.status == 404:
            links = []
        else:
            return self._index_failed(entry, url, language, day, _status_reason(answer), answer.status)
        self.folder.append(entry)
        self.summary.index_pages += 1
        return self._listed(day, language, answer.status, links)

    def _listed(self, day: date, language: str, status: int, links: list[list[str]]) -> list[ReleaseLink]:
        label = f"{day} ({language})"
        if status == 404:
            self.summary.days_not_published.append(label)
        elif not links:
            self.summary.days_without_releases.append(label)
        return [link_from_json(item, self.site) for item in links]

    def _index_failed(
        self, entry: dict, url: str, language: str, day: date, reason: str, status: int | None
    ) -> None:
        entry.update(fetched_at=now_iso(), status=status, error=reason)
        self.folder.append(entry)
        self.summary.failed.append(Failure(f"index {language} {day}", url, reason))
        return None

    # --- release pages ----------------------------------------------------------------------

    def release(self, day: date, language: str, link: ReleaseLink) -> None:
        """Save one release page as published, unless it was saved before."""
        if self.folder.is_saved(language, link.id):
            self.summary.unchanged += 1
            return
        entry: dict = {
            "kind": "release",
            "id": link.id,
            "language": language,
            "url": link.url,
            "index_date": day.isoformat(),
        }
        try:
            answer = self.client.get(link.url)
        except FetchError as exc:
            return self._release_failed(entry, link, exc.reason, exc.status)
        if answer.status != 200:
            return self._release_failed(entry, link, _status_reason(answer), answer.status)
        if answer.url != link.url and not is_release_url(answer.url):
            return self._release_failed(entry, link, f"redirected to {answer.url}, not a release page", 200)
        if not answer.content.strip():
            return self._release_failed(entry, link, "empty page (HTTP 200 with no content)", 200)
        path = self.folder.page_path(language, day, link.name)
        self.folder.save_page(path, answer.content)
        relative = path.relative_to(self.folder.root).as_posix()
        entry.update(
            fetched_at=now_iso(),
            status=answer.status,
            **_validators(answer),
            sha256=hashlib.sha256(answer.content).hexdigest(),
            bytes=len(answer.content),
            path=relative,
            headers=answer.headers,
        )
        self.folder.append(entry)
        self.summary.new.append(relative)

    def _release_failed(self, entry: dict, link: ReleaseLink, reason: str, status: int | None) -> None:
        entry.update(fetched_at=now_iso(), status=status, error=reason)
        self.folder.append(entry)
        self.summary.failed.append(Failure(f"release {entry['language']} {link.id}", link.url, reason))


def _validators(answer: Answer) -> dict[str, str | None]:
    return {"etag": answer.etag, "last_modified": answer.last_modified}


def _status_reason(answer: Answer) -> str:
    tries = f" after {answer.attempts} attempts" if answer.attempts > 1 else ""
    return f"HTTP {answer.status}{tries}"
