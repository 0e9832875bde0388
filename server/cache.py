"""Query answers kept in memory to answer a repeated query at once.

The store is read-only while served (a build writes a new one and renames it into place), so an
answer is decided by the store's identity and the request: the query text, the dataset, the result
format, the row limit and the base IRI. Only complete answers (not cut at the row limit) of modest
size are kept; errors and timeouts never reach the cache. It is bounded in bytes and forgets the
least recently used answers first. Identical requests arriving while one is being answered wait
for that answer instead of running the query again.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from server.pool import Answer

ENTRY_SHARE = 8  # one answer may take at most this share of the cache (1/8)
OVERHEAD = 256  # bytes counted per entry besides its body and query text


class _Abandoned(Exception):
    """The request computing an answer was cancelled: those waiting for it compute their own."""


def request_key(store: str, request: dict[str, Any]) -> tuple[Hashable, ...]:
    """The cache key of a query request over the store with this identity (which comes first)."""
    return (store, *[(k, _frozen(request[k])) for k in sorted(request)])


def _frozen(value: Any) -> Hashable:
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


class ResultCache:
    """An LRU map of request keys to complete answers, holding at most `max_bytes`; 0 turns it off."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // ENTRY_SHARE
        self.size = 0
        self._entries: OrderedDict[Hashable, tuple[Answer, int]] = OrderedDict()
        self._pending: dict[Hashable, asyncio.Future[Answer]] = {}

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Answer | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0]

    def put(self, key: tuple[Hashable, ...], answer: Answer, query_chars: int = 0) -> bool:
        """Keep a complete answer of modest size from the store the key names; True when kept."""
        cost = len(answer.body) + query_chars + OVERHEAD
        if answer.truncated or cost > self.max_entry or answer.store != key[0]:
            return False
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old[1]
        self._entries[key] = (answer, cost)
        self.size += cost
        while self.size > self.max_bytes:
            _, (_, freed) = self._entries.popitem(last=False)
            self.size -= freed
        return True

    async def answer(self, store: str, request: dict[str, Any], compute: Callable[[], Awaitable[Answer]]) -> Answer:  # fmt: skip
        """The cached answer to `request` over `store`, else the one being computed for it, else
        `compute()`'s, kept if it qualifies (a worker that has another store open, after a new build,
        answers uncached). An error is raised to every request waiting for it and never kept."""
        key = request_key(store, request)
        query_chars = len(request.get("query", ""))
        hit = self.get(key)
        if hit is not None:
            return hit
        pending = self._pending.get(key)
        if pending is not None:
            try:
                return await asyncio.shield(pending)
            except _Abandoned:
                return await compute()
        future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            result = await compute()
        except BaseException as exc:
            future.set_exception(exc if isinstance(exc, Exception) else _Abandoned())
            future.exception()  # retrieved: no "never retrieved" warning when nobody waits
            raise
        finally:
            self._pending.pop(key, None)
        future.set_result(result)
        self.put(key, result, query_chars)
        return result
