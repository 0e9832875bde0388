"""What every route needs: the settings, the data folder, the worker pool, and query helpers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from kg.iris import DEFAULT_BASE
from server.cache import ResultCache
from server.data import DataDir
from server.follow import Follower
from server.pool import Answer, WorkerPool
from server.remote import RemoteBackend
from server.settings import Settings
from server.urls import Urls

INTERNAL_MAX_ROWS = 100_000  # for the server's own queries (pages, VoID), not the clients'


@dataclass
class Context:
    settings: Settings
    follower: Follower  # the build being served, swapped for a new one (server/follow.py)
    base_iri: str
    results: ResultCache

    @classmethod
    def create(cls, settings: Settings, data: DataDir) -> Context:
        base = settings.base_iri or data.report.get("base") or DEFAULT_BASE
        if settings.backend:
            backend = RemoteBackend(settings.backend, settings.query_timeout)
            follower = Follower(data, lambda _: backend, shared_pool=True)
        else:
            follower = Follower(data, lambda d: WorkerPool(
                d.store, settings.workers, settings.query_timeout, memory=settings.worker_memory,
                queue_limit=settings.queue_limit, client_queries=settings.client_queries))  # fmt: skip
        return cls(settings, follower, base, ResultCache(settings.cache_bytes))

    # the request's build (pinned when it began: server/follow.py), or the current one
    @property
    def data(self) -> DataDir:
        return self.follower.generation.data

    @property
    def pool(self) -> WorkerPool | RemoteBackend:
        return self.follower.generation.pool

    @property
    def cache(self) -> dict[str, Any]:
        return self.follower.generation.cache

    def urls(self, request: Request) -> Urls:
        return Urls(request, self.base_iri, self.settings.public_url)

    async def query(self, query: str, fmt: str, *, max_rows: int = INTERNAL_MAX_ROWS, timeout: float | None = None,
                    **request: Any) -> Answer:  # fmt: skip
        """The answer to a query request, from the result cache when the store is known to be fixed."""
        request = {"query": query, "format": fmt, "max_rows": max_rows, "max_bytes": self.settings.max_bytes,
                   **request}  # fmt: skip
        store = self.pool.identity if self.results.enabled else None
        if store is None:
            return await self.pool.run(request, timeout)
        return await self.results.answer(store, request, lambda: self.pool.run(request, timeout))

    async def select(self, query: str, *, timeout: float | None = None, max_rows: int = INTERNAL_MAX_ROWS) -> list[dict[str, Any]]:  # fmt: skip
        """The rows of a SELECT as {var: {"type", "value", ...}} (SPARQL JSON bindings)."""
        answer = await self.query(query, "json", max_rows=max_rows, timeout=timeout)
        return json.loads(answer.body)["results"]["bindings"]

    async def ask(self, query: str) -> bool:
        answer = await self.query(query, "json")
        return bool(json.loads(answer.body)["boolean"])


def context(request: Request) -> Context:
    return request.app.state.ctx
