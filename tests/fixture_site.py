"""A stand-in for info.gov.hk: daily index pages and release pages served over real HTTP.

The site runs in a thread on a free port of 127.0.0.1 and records every request (arrival time,
path, headers), so a test can count how often a page was asked for and how far apart the
requests came. Pages are served with an ETag and a Last-Modified and answer conditional GETs
with 304. Faults are queued per path and served, once each, before the page itself: an error
status, a Retry-After, a slow answer. Everything here is fictional, written in the house style
of the Government's press releases.

    with FixtureSite() as site:
        day = date(2023, 9, 4)
        site.add_day(day, [house_release(day, 101)])
        site.fail(index_path(day), Reply(500))       # the index answers 500 once, then the page
        ... kg fetch --site {site.url} ...
        assert site.hits(release_path(day, "P2023090400101")) == 1
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ZH_WEEKDAYS = "一二三四五六日"


@dataclass
class Reply:
    """One answer served instead of the page (once): a status, headers, a body, after a pause."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    pause: float = 0.0  # seconds before answering (past the client's time-out: a slow response)


@dataclass
class Hit:
    """A request as the site received it."""

    at: float  # time.monotonic() on arrival
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Page:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime


@dataclass(frozen=True)
class FixtureRelease:
    """A release page of the fixture site: its number, language, day and page bytes."""

    id: str  # the number on the site: P2023090400101, or 1108116 for an old release
    day: date
    language: str
    page: bytes
    title: str

    @property
    def path(self) -> str:
        return release_path(self.day, self.id)

    @property
    def name(self) -> str:
        return f"{self.id}.htm"


def index_path(day: date, language: str = "en") -> str:
    return f"/gia/general/{day:%Y%m}/{day:%d}{'c' if language == 'zh' else ''}.htm"


def release_path(day: date, number: str) -> str:
    return f"/gia/general/{day:%Y%m}/{day:%d}/{number}.htm"


class FixtureSite:
    """The site: pages by path, faults by path, a log of requests; start() serves it."""

    def __init__(self, robots: str = "User-agent: *\nDisallow: /gia/secret/\n") -> None:
        self.pages: dict[str, Page] = {}
        self.faults: dict[str, list[Reply]] = {}
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.put("/robots.txt", robots.encode(), "text/plain")

    # --- serving ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the site first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FixtureSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site._answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FixtureSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        hit = Hit(time.monotonic(), handler.command, path, {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.log.append(hit)
            queued = self.faults.get(path)
            fault = queued.pop(0) if queued else None
            page = self.pages.get(path)
        if fault is not None:
            time.sleep(fault.pause)
            page_body = fault.body or (page.body if page and fault.status == 200 else b"")
            hit.status = fault.status
            return self._send(
                handler, fault.status, {"Content-Type": "text/html", **fault.headers}, page_body
            )
        if page is None:
            hit.status = 404
            return self._send(
                handler, 404, {"Content-Type": "text/html"}, b"<html><body>Not Found</body></html>"
            )
        validators = {"ETag": page.etag, "Last-Modified": format_datetime(page.last_modified, usegmt=True)}
        if _not_modified(hit.headers, page):
            hit.status = 304
            return self._send(handler, 304, validators, b"")
        hit.status = 200
        self._send(handler, 200, {"Content-Type": page.content_type, **validators}, page.body)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out)
            pass

    # --- content ----------------------------------------------------------------------------

    def put(self, path: str, body: bytes, content_type: str = "text/html") -> None:
        """Serve `body` at `path` (replacing what was there: a new ETag and Last-Modified)."""
        with self._lock:
            self.pages[path] = Page(
                body,
                content_type,
                '"' + hashlib.sha256(body).hexdigest()[:16] + '"',
                datetime.now(timezone.utc).replace(microsecond=0),
            )

    def fail(self, path: str, *replies: Reply) -> None:
        """Answer the next requests for `path` with `replies`, in order, before serving the page."""
        with self._lock:
            self.faults.setdefault(path, []).extend(replies)

    def add_release(self, release: FixtureRelease) -> None:
        charset = _charset(release.page)
        self.put(release.path, release.page, f"text/html; charset={charset}" if charset else "text/html")

    def add_day(
        self,
        day: date,
        releases: list[FixtureRelease],
        *,
        language: str = "en",
        style: str = "list",
        extra_links: list[str] = (),
    ) -> None:
        """Serve the day's index (in `style`: "list" or "prlist") and its release pages."""
        for release in releases:
            self.add_release(release)
        self.put(index_path(day, language), index_page(day, releases, language, style, list(extra_links)))

    # --- what happened ----------------------------------------------------------------------

    def hits(self, path: str) -> int:
        """How many times `path` was asked for."""
        with self._lock:
            return sum(1 for hit in self.log if hit.path == path)

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(hit.path for hit in self.log)

    def requests(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.log if path is None or hit.path == path]


def _not_modified(headers: dict[str, str], page: Page) -> bool:
    if "if-none-match" in headers:  # takes precedence over If-Modified-Since (RFC 9110, 13.2.2)
        return page.etag in [tag.strip() for tag in headers["if-none-match"].split(",")]
    if "if-modified-since" in headers:
        try:
            return page.last_modified <= parsedate_to_datetime(headers["if-modified-since"])
        except (TypeError, ValueError):
            return False
    return False


def _charset(page: bytes) -> str | None:
    head = page[:600].lower()
    marker = b"charset="
    if marker not in head:
        return None
    rest = head.split(marker, 1)[1]
    return rest.split(b'"', 1)[0].decode("ascii").strip()


# --- pages in the house style -------------------------------------------------------------


def index_page(
    day: date,
    releases: list[FixtureRelease],
    language: str = "en",
    style: str = "list",
    extra: list[str] = (),
) -> bytes:
    """The daily index: today's releases as a list of links, with the site's furniture around it.

    "list" is the current page (links with absolute paths, in a list of their own); "prlist" the
    older page (``ul#prlist``, links relative to the index's folder).
    """
    if style == "prlist":
        items = "\n".join(
            f'<li><a href="{day:%d}/{r.name}">{html.escape(r.title)}</a></li>' for r in releases
        )
        listing = f'<ul id="prlist">\n{items}\n</ul>'
    else:
        items = "\n".join(
            f'<li class="row"><a href="{r.path}">{html.escape(r.title)}</a>'
            f'<span class="time">{12 + n % 8:02d}:{(n * 7) % 60:02d}</span></li>'
            for n, r in enumerate(releases)
        )
        listing = f'<div id="contentArea"><ul class="list">\n{items}\n</ul></div>'
    heading = "新聞公報" if language == "zh" else "Press Releases"
    other = index_path(day, "en" if language == "zh" else "zh")
    body = f"""<!DOCTYPE html>
<html lang="{"zh-HK" if language == "zh" else "en"}">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{heading} {day:%Y-%m-%d}</title></head>
<body>
<a href="#content">Go to main content</a> <a href="{other}">{"English" if language == "zh" else "繁體版"}</a>
<a href="/gia/general/{day:%Y%m}/{max(day.day - 1, 1):02d}.htm">Previous day</a>
<a href="/gia/general/today.htm">Today's Press Releases</a>
<h1>{heading}</h1>
{listing}
{"".join(f'<a href="{link}">more</a>' for link in extra)}
</body></html>
"""
    return body.encode("utf-8")


def house_release(day: date, serial: int, *, digits: int = 5, issued: str = "16:30") -> FixtureRelease:
    """A fictional English release of `day` about a task force meeting, numbered P{day}{serial}."""
    number = f"P{day:%Y%m%d}{serial:0{digits}d}"
    ordinal = _ordinal(serial % 40 + 2)
    body = f"Task Force on Harbourfront Lot {serial}"
    title = f"{ordinal} meeting of {body} held"
    paragraphs = [
        f"The Secretary for Development, Mr Lam Ka-ming, chaired the {ordinal} meeting of the {body} "
        f"today ({day:%B} {day.day}). Members discussed the progress of the site formation works and "
        "the programme of public engagement for the coming year.",
        f"The Permanent Secretary for Development (Works), Ms Chan Wai-yee, said that the {body} "
        "would report to the Legislative Council Panel on Development before the end of the year.",
        "Other officials attending the meeting included representatives of the Civil Engineering "
        "and Development Department and the Planning Department.",
    ]
    page = release_page(number, title, paragraphs, day, issued)
    return FixtureRelease(number, day, "en", page.encode("utf-8"), title)


def release_page(
    number: str, title: str, paragraphs: list[str], day: date, issued: str, charset: str = "utf-8"
) -> str:
    """An English release page as the site publishes it (headline span, #pressrelease, footer)."""
    text = "<br><br>\n".join(f"&nbsp;&nbsp;&nbsp;&nbsp; {html.escape(p)}" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}</title>
</head>
<body>
<div id="topbar"><a href="#content">Go to main content</a> <a href="{number}c.htm">繁體</a></div>
<div id="contentArea">
<span id="PRHeadlineSpan">{html.escape(title)}</span>
<div id="pressrelease">
{text}<br><br>
Ends/{WEEKDAYS[day.weekday()]}, {day:%B} {day.day}, {day.year}<br>
Issued at HKT {issued}<br><br>
NNNN
</div>
</div>
</body>
</html>
"""


def old_english_release(day: date, number: str) -> FixtureRelease:
    """A release of about 2001: a 7-digit number, windows-1252 with curly quotes, table layout."""
    title = "Hong Kong and Mainland hold joint meeting on cross-boundary co-operation"
    paragraphs = [
        "The Secretary for Security, Mr Wong Tak-ming, chaired the third meeting of the Joint "
        "Working Group on Cross-boundary Co-operation in Hong Kong today (November 8).",
        "\u201cThe meeting reviewed the year\u2019s work and agreed on the next steps,\u201d "
        "Mr Wong said. The Working Group will meet again in the first half of next year \u2013 in Macau.",
    ]
    text = "<br>\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{title}</title>
</head>
<body bgcolor="#FFFFFF">
<table width="600"><tr><td>
<span id="PRHeadlineSpan">{title}</span>
<p>****************************************</p>
<div id="pressrelease">
{text}
<p>Ends/{WEEKDAYS[day.weekday()]}, {day:%B} {day.day}, {day.year}<br>
NNNN</p>
</div>
</td></tr></table>
</body>
</html>
"""
    return FixtureRelease(number, day, "en", page.encode("cp1252"), title)


def chinese_release(day: date, number: str, charset: str = "big5") -> FixtureRelease:
    """A Chinese release page in Big5 (as older pages are), declared in its meta tag."""
    title = "發展局局長主持專責小組會議"
    paragraphs = [
        f"發展局局長林家明今日（{day.month}月{day.day}日）主持專責小組第三次會議，"
        "聽取土木工程拓展署就工程進度的匯報。",
        "專責小組將於明年上半年再次開會。",
    ]
    text = "<br><br>\n".join(paragraphs)
    page = f"""<html lang="zh-HK">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title>
</head>
<body>
<span id="PRHeadlineSpan">{title}</span>
<div id="pressrelease">
{text}<br><br>
完<br>
{day.year}年{day.month}月{day.day}日（星期{ZH_WEEKDAYS[day.weekday()]}）<br>
香港時間16時30分<br>
NNNN
</div>
</body>
</html>
"""
    return FixtureRelease(number, day, "zh", page.encode(charset), title)


def malformed_release(day: date, serial: int) -> FixtureRelease:
    """A release page cut off in its head: no headline, no #pressrelease, unclosed tags."""
    number = f"P{day:%Y%m%d}{serial:05d}"
    page = b'<html><head><title>Transport Department announcement</title><meta name="x" content="\n<body><div class="'
    return FixtureRelease(number, day, "en", page, "Transport Department announcement")


def malformed_index(day: date, releases: list[FixtureRelease]) -> bytes:
    """An index page with broken markup: unquoted and upper-case attributes, unclosed tags, cut off."""
    links = []
    for n, r in enumerate(releases):
        if n % 3 == 0:
            links.append(f"<LI><A HREF={r.path}>{html.escape(r.title)}")
        elif n % 3 == 1:
            links.append(f"<li><a class=x href='{r.path}' >{html.escape(r.title)}</a>")
        else:
            links.append(f'<li><a href="https://www.info.gov.hk{r.path}">{html.escape(r.title)}</a></li>')
    return ("<html><body><ul id=prlist>" + "\n".join(links) + "\n<li><a href=").encode()


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
