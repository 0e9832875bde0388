"""The press release site's addresses and its daily index pages.

English index: ``{site}/gia/general/YYYYMM/DD.htm``; Chinese: ``.../DDc.htm``. A release page is
``/gia/general/YYYYMM/DD/P{YYYYMMDD}{4 or 5 digits}.htm`` (4 digits until about 2012), or before
about 2005 ``/gia/general/YYYYMM/DD/{7 or 8 digits}.htm``. The index lists the day's releases
(in a ``ul#prlist`` in older pages); any link of that pattern anywhere in the page is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from kg.read import release_id_from

DEFAULT_SITE = "https://www.info.gov.hk"
LANGUAGES = ("en", "zh")

_HREF = re.compile(rb"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_RELEASE_PATH = re.compile(r"/gia/general/(\d{4})(\d{2})/(\d{2})/(P\d{12,13}|\d{7,8})\.htm")


@dataclass(frozen=True)
class ReleaseLink:
    """A release page listed on a daily index: its number (as the reader keys it) and address."""

    id: str
    url: str
    name: str  # the page's file name on the site, e.g. P2023090700255.htm

    def as_json(self) -> list[str]:
        return [self.id, self.url]


def normalise_site(site: str) -> str:
    """The site's address without a trailing slash; it must be http(s)."""
    parts = urlsplit(site)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) site address: {site!r}")
    return site.rstrip("/")


def index_url(site: str, day: date, language: str) -> str:
    """The daily index page of `day` in `language` ("en" or "zh")."""
    suffix = "c" if language == "zh" else ""
    return f"{site}/gia/general/{day:%Y%m}/{day:%d}{suffix}.htm"


def robots_url(site: str) -> str:
    return f"{site}/robots.txt"


def release_links(page: bytes, page_url: str, site: str) -> list[ReleaseLink]:
    """The release pages an index page links to, in page order, each once.

    Tolerant of markup: every ``href`` is looked at, wherever it is, and resolved against the
    page's address. The path is kept and the host is the site's, so a mirror's links to the
    original host still lead to the mirror.
    """
    links: dict[str, ReleaseLink] = {}
    for match in _HREF.finditer(page):
        raw = next(g for g in match.groups() if g is not None).decode("latin-1").strip()
        path = urlsplit(urljoin(page_url, raw.replace("&amp;", "&"))).path
        found = _RELEASE_PATH.fullmatch(path)
        if not found:
            continue
        url = f"{site}{path}"
        release_id = release_id_from(url)
        if release_id and release_id not in links:
            links[release_id] = ReleaseLink(release_id, url, path.rsplit("/", 1)[1])
    return list(links.values())


def is_release_url(url: str) -> bool:
    """Whether `url` is the address of a release page (a redirect may lead elsewhere)."""
    return _RELEASE_PATH.fullmatch(urlsplit(url).path) is not None


def link_from_json(item: list[str], site: str) -> ReleaseLink:
    """A link kept in the manifest, addressed on `site` (which may have changed since)."""
    release_id, url = item
    path = urlsplit(url).path
    return ReleaseLink(release_id, f"{site}{path}", path.rsplit("/", 1)[1])
