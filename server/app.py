"""`create_app(settings)`: the FastAPI application, its one route table, error handler and middleware."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette import routing
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from server import browse, cors, dataset, hosts, linked_data, sparql, sparql_direct
from server.context import Context
from server.data import DataDir
from server.errors import ApiError, handle
from server.headers import content_security_policy, secured
from server.limits import SizeLimit
from server.pool import CLIENT, PoolError
from server.settings import Settings

log = logging.getLogger("server")
STATIC = Path(__file__).resolve().parent / "static"
READ = ("GET", "HEAD")


@dataclass(frozen=True)
class Route:
    path: str
    endpoint: Callable[[Request], Awaitable[Response]]
    methods: tuple[str, ...]
    name: str


# The one route table: every URL the server answers.
ROUTES: tuple[Route, ...] = (
    Route("/", dataset.home, READ, "home"),
    Route("/sparql", sparql.endpoint, (*READ, "POST"), "sparql"),
    Route("/sparql/", sparql.endpoint, (*READ, "POST"), "sparql-slash"),
    Route("/id/{path:path}", linked_data.resource, READ, "resource"),
    Route("/doc/{path:path}", linked_data.document, READ, "document"),
    Route("/ontology", linked_data.ontology, READ, "ontology"),
    Route("/ontology.{ext}", linked_data.ontology, READ, "ontology-file"),
    Route("/.well-known/void", dataset.void, READ, "void"),
    Route("/.well-known/void.{ext}", dataset.void, READ, "void-file"),
    Route("/dumps/{name}", dataset.dump_file, READ, "dump"),
    *(Route(path, endpoint, READ, name) for path, endpoint, name in browse.ROUTES),
)


class App(FastAPI):
    """The FastAPI application, but for queries to /sparql, which go the direct way (server.sparql_direct).
    Every request has its Host checked (server.hosts) and every response its security headers
    (server.headers) here, before either way."""

    trusted_hosts: frozenset[str] | None = None
    policy: bytes = content_security_policy()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._serve(scope, receive, send, direct=True)

    async def via_framework(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The application with every request through the framework (to compare the two ways)."""
        await self._serve(scope, receive, send, direct=False)

    async def _serve(self, scope: Scope, receive: Receive, send: Send, direct: bool) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        hosts.trust_host(scope, self.trusted_hosts)
        send = secured(send, self.policy)
        client = scope.get("client")
        CLIENT.set(client[0] if client else None)  # for the worker pool's admission
        with self.state.ctx.follower.pinned():  # the whole request answered from one build
            if direct and sparql_direct.takes(scope):
                scope["app"] = self
                await sparql_direct.serve(self.state.ctx, scope, receive, send)
            else:
                await super().__call__(scope, receive, send)


def _slash_redirect(router: routing.Router) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """The router's answer when no route matches: 307 to the path with (or without) its final slash
    if a route matches that, on the URL the server's links use; else the router's 404."""
    not_found = router.default

    async def default(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        if scope["type"] == "http" and path != "/":
            other = {**scope, "path": path.rstrip("/") if path.endswith("/") else path + "/"}
            if any(route.matches(other)[0] is not routing.Match.NONE for route in router.routes):
                request = Request(scope)
                target = request.app.state.ctx.urls(request).absolute(other["path"])
                query = scope.get("query_string", b"").decode("latin-1")
                await RedirectResponse(target + ("?" + query if query else ""), 307)(scope, receive, send)
                return
        await not_found(scope, receive, send)

    return default


def create_app(settings: Settings) -> FastAPI:
    """The application over `settings.data_dir`; its worker pool starts and stops with the app's lifespan."""
    if settings.data_dir is None and not settings.backend:
        raise ValueError(
            "settings.data_dir is required: a folder built by `kg build --out DIR` (or a backend)"
        )
    # with a backend, a data folder is optional: it only supplies the dumps and the build report
    data = (
        DataDir(settings.data_dir, need_store=not settings.backend) if settings.data_dir else DataDir.absent()
    )
    ctx = Context.create(settings, data)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await ctx.follower.start()
        if not ctx.pool.isolated:
            log.warning(
                "query workers could not be isolated from the network; SERVICE is refused by inspection only"
            )
        try:
            yield
        finally:
            await ctx.follower.close()

    app = App(
        title="HK press releases knowledge graph",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        middleware=[cors.middleware(), Middleware(SizeLimit, max_bytes=settings.max_request_bytes)],
    )
    app.state.ctx = ctx
    app.trusted_hosts = settings.trusted_hosts()
    app.policy = content_security_policy(settings.public_url)
    for route in ROUTES:
        # Plain Starlette routes: the endpoints take the Request and return a Response, so FastAPI's
        # parameter binding would only add per-request work.
        app.router.routes.append(
            routing.Route(route.path, route.endpoint, methods=list(route.methods), name=route.name)
        )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Starlette's own slash redirect writes the request's host; this one writes the public URL
    app.router.redirect_slashes = False
    app.router.default = _slash_redirect(app.router)
    for exc in (ApiError, PoolError, StarletteHTTPException, RequestValidationError, Exception):
        app.add_exception_handler(exc, handle)
    return app
