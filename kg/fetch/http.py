"""A polite HTTP client: one request at a time, a pause between requests, robots.txt obeyed,
retries with exponential backoff, Retry-After obeyed, conditional GET."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.robotparser import RobotFileParser

import httpx

from kg import __version__

PROJECT_URL = "https://w3id.org/hkpr/"
USER_AGENT = f"hk-press-kg/{__version__} (+{PROJECT_URL}; harvests press releases for a knowledge graph)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DROPPED_HEADERS = frozenset({"set-cookie"})


class FetchError(Exception):
    """A request that got no usable answer: the reason, for the summary and the manifest."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class Answer:
    """A response as received: status, the bytes untouched, the headers, the attempts it took."""

    url: str
    status: int
    content: bytes
    headers: dict[str, str]
    attempts: int = 1

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass
class Politeness:
    """How gently to ask: pause between requests, time-out, retries and their backoff."""

    delay: float = 1.0  # seconds between the end of one request and the start of the next
    timeout: float = 30.0
    retries: int = 3  # further attempts after the first
    backoff: float = 2.0  # the first retry waits this long, then twice as long each time
    max_wait: float = 300.0  # a cap on Retry-After and on backoff
    user_agent: str = USER_AGENT


@dataclass
class Counters:
    requests: int = 0
    retries: int = 0
    waited: float = 0.0  # seconds spent in pauses, backoff and Retry-After
    notes: list[str] = field(default_factory=list)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class PoliteClient:
    """GETs one page at a time from one site, paced, retried, and within robots.txt."""

    def __init__(
        self,
        politeness: Politeness,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.politeness = politeness
        self.counters = Counters()
        self._sleep = sleep
        self._last_end: float | None = None
        self._robots: RobotFileParser | None = None
        self._client = httpx.Client(
            headers={"User-Agent": politeness.user_agent},
            timeout=httpx.Timeout(politeness.timeout),
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- robots.txt -------------------------------------------------------------------------

    def load_robots(self, url: str) -> str | None:
        """Read robots.txt; a note on what was assumed when it could not be read (None when it was)."""
        robots = RobotFileParser(url)
        try:
            answer = self.get(url, check_robots=False)
        except FetchError as exc:  # unreachable: assume everything is disallowed (RFC 9309, 2.3.1.4)
            robots.disallow_all = True
            self._robots = robots
            return f"robots.txt unreachable ({exc.reason}): nothing fetched"
        note = None
        if answer.status in (401, 403) or answer.status >= 500:
            robots.disallow_all = True
            note = f"robots.txt answered HTTP {answer.status}: nothing fetched"
        elif answer.status >= 400:
            robots.allow_all = True
        else:
            robots.parse(answer.content.decode("utf-8", "replace").splitlines())
            crawl_delay = robots.crawl_delay(self.politeness.user_agent)
            if crawl_delay and float(crawl_delay) > self.politeness.delay:
                self.politeness.delay = float(crawl_delay)
                note = f"robots.txt asks for {crawl_delay} s between requests: obeyed"
        self._robots = robots
        return note

    def allowed(self, url: str) -> bool:
        return self._robots is None or self._robots.can_fetch(self.politeness.user_agent, url)

    # --- requests ---------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        check_robots: bool = True,
    ) -> Answer:
        """GET `url`, retrying timeouts, lost connections, 5xx and 429; conditional when given a validator.

        Returns the last answer (which may be an error status after the retries); raises
        FetchError when robots.txt forbids the page or no answer came at all.
        """
        if check_robots and not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        p = self.politeness
        attempt = 0
        while True:
            attempt += 1
            self._pace()
            try:
                self.counters.requests += 1
                response = self._client.get(url, headers=headers)
                answer = Answer(
                    str(response.url), response.status_code, response.content, _kept(response.headers)
                )
            except httpx.TimeoutException:
                problem, answer = f"timed out after {p.timeout:g} s", None
            except httpx.TransportError as exc:
                problem, answer = f"connection failed: {exc.__class__.__name__}: {exc}", None
            finally:
                self._last_end = time.monotonic()
            if answer is not None:
                answer.attempts = attempt
                if answer.status not in RETRY_STATUSES:
                    return answer
                problem = f"HTTP {answer.status}"
            if attempt > p.retries:
                if answer is not None:
                    return answer
                raise FetchError(f"{problem} ({attempt} attempts)")
            wait = p.backoff * 2 ** (attempt - 1)
            if answer is not None and answer.status in (429, 503):
                asked = retry_after(answer.headers.get("retry-after"))
                if asked is not None:
                    wait = asked
            self.counters.retries += 1
            self._wait(min(wait, p.max_wait))

    def _pace(self) -> None:
        if self._last_end is None:
            return
        self._wait(self._last_end + self.politeness.delay - time.monotonic())

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.counters.waited += seconds
            self._sleep(seconds)


def _kept(headers: Mapping[str, str]) -> dict[str, str]:
    """The response's headers as received (names in lower case), but for cookies."""
    return {name.lower(): value for name, value in headers.items() if name.lower() not in DROPPED_HEADERS}
