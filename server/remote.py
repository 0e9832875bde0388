"""Serve through a remote SPARQL 1.1 endpoint (`kg serve --backend URL`) with the same protections.

The routes do exactly what they do over the local store: updates and SERVICE are refused before a
query gets here, and this backend adds the limits: the time limit (the request to the backend is
abandoned and the client gets 504), the row limit (the answer is read line by line and cut), and
the output formats (the backend is always asked for TSV, JSON or N-Triples, which are converted
here, so a backend's odd serialisations never reach a client).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from server.pool import Answer, PoolError
from server.sparql_text import read_query
from server.worker import convert

ACCEPT = {
    "select": "text/tab-separated-values",
    "ask": "application/sparql-results+json",
    "graph": "application/n-triples",
}


def query_form(query: str) -> str:
    """ "select", "ask" or "graph" (CONSTRUCT/DESCRIBE), read from the query's tokens.

    The query is not parsed or run here: pyoxigraph would evaluate an ASK at once, on the event
    loop, and `VALUES` make work without any data. The backend reports a malformed query (400).
    SERVICE and updates are refused here, before anything is sent.
    """
    info = read_query(query)
    if info.uses_service or info.form == "UPDATE":
        raise PoolError(400, "only read-only queries without SERVICE are sent to the backend")
    if info.kind is None or info.unclosed is not None:
        raise PoolError(400, "malformed query: not a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    return "graph" if info.kind == "graph" else info.kind


class RemoteBackend:
    """Answers the routes' query requests through the SPARQL endpoint at `url`."""

    isolated = True  # the server itself opens no connection but to the configured backend
    identity: str | None = None  # a remote store may change at any time: its answers are never cached

    def __init__(self, url: str, timeout: float, client: httpx.AsyncClient | None = None) -> None:
        self.url = url
        self.timeout = timeout
        self._client = client
        self._own_client = client is None

    @property
    def pids(self) -> set[int]:
        return set()

    async def start(self) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(follow_redirects=False, trust_env=False)

    async def close(self) -> None:
        if self._client is not None and self._own_client:
            await self._client.aclose()
        self._client = None

    async def run(self, request: dict[str, Any], timeout: float | None = None) -> Answer:
        """Answer one request (see server.worker.answer for its fields); raises PoolError."""
        if self._client is None:
            raise PoolError(503, "the server is not started")
        limit = timeout or self.timeout
        query = request["query"]
        form = query_form(query)
        data: list[tuple[str, str]] = [("query", query)]
        data += [("default-graph-uri", g) for g in request.get("default_graphs") or []]
        data += [("named-graph-uri", g) for g in request.get("named_graphs") or []]
        max_rows = int(request["max_rows"])
        started = time.perf_counter()
        try:
            lines, more = await asyncio.wait_for(
                self._fetch(data, ACCEPT[form], max_rows, form, request.get("max_bytes")), limit
            )
        except TimeoutError:
            raise PoolError(
                504, f"the query ran longer than the time limit of {limit:g} s and was stopped"
            ) from None
        except httpx.HTTPError as exc:
            raise PoolError(
                502, f"the SPARQL backend could not be reached: {exc.__class__.__name__}"
            ) from None
        header, body = convert(form, lines, more, request.get("format", ""), request.get("prefixes") or {},
                               request.get("max_bytes"))  # fmt: skip
        if not header["ok"]:
            raise PoolError(int(header["status"]), str(header["message"]))
        return Answer(
            header["format"], header["rows"], header["truncated"], body, time.perf_counter() - started
        )

    async def _fetch(self, data: list[tuple[str, str]], accept: str, max_rows: int, form: str, max_bytes: int | None = None) -> tuple[list[bytes], bool]:  # fmt: skip
        """The backend's answer as lines, at most `max_rows` (and a TSV header) and about
        `max_bytes`: reading stops there, so a backend cannot make this process hold more."""
        assert self._client is not None
        keep = max_rows + 1 if form == "select" else max_rows  # TSV has a header line
        budget = max_bytes if max_bytes is not None else 1 << 62
        lines: list[bytes] = []
        seen: set[bytes] = set()
        more = False
        async with self._client.stream(
            "POST", self.url, data=dict(_pairs(data)), headers={"Accept": accept}, timeout=None
        ) as response:
            if response.status_code >= 300:
                detail = (await _first_bytes(response, 500)).decode("utf-8", "replace").strip()
                status = 400 if 400 <= response.status_code < 500 else 502
                raise PoolError(status, f"the SPARQL backend answered {response.status_code}: {detail}")
            partial: list[bytes] = []  # the pieces of a line not yet ended (joined once, when it ends)
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > budget:  # what is read so far is kept, in whole lines
                    more = True
                    break
                *ended, last = chunk.split(b"\n")
                if ended:
                    ended[0] = b"".join([*partial, ended[0]])
                    partial = []
                partial.append(last)
                for line in ended:
                    if form == "graph":
                        if not line.strip() or line in seen:
                            continue
                        seen.add(line)
                    if len(lines) >= keep:
                        more = True
                        break
                    lines.append(line)
                if more:
                    break
            rest = b"".join(partial)
            if rest and not more:
                lines.append(rest)
        return lines, more


async def _first_bytes(response: httpx.Response, n: int) -> bytes:
    out = b""
    async for chunk in response.aiter_bytes():
        out += chunk
        if len(out) >= n:
            break
    return out[:n]


def _pairs(data: list[tuple[str, str]]) -> dict[str, list[str] | str]:
    out: dict[str, list[str] | str] = {}
    for key, value in data:
        if key in out:
            prev = out[key]
            out[key] = [*prev, value] if isinstance(prev, list) else [prev, value]
        else:
            out[key] = value
    return out
