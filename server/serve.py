"""Run the server with uvicorn: `run(data_dir, settings)` is what `kg serve` calls.

With `--frontends N` above 1, uvicorn's supervisor runs N server processes on the one listening
socket; each builds its application from the settings passed in the environment, with its share of
the query workers and of the cache.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from server import transport
from server.app import create_app
from server.lifeline import die_with_parent
from server.settings import Settings
from server.transport import http_protocol

SETTINGS_ENV = "HKPR_SERVER_SETTINGS"  # one front-end's settings, as JSON, for `app_from_environment`


def run(data_dir: Path | None, settings: Settings | argparse.Namespace | None = None) -> int:
    """Serve the graph in `data_dir` until interrupted; `settings` may be parsed `kg serve` options."""
    if isinstance(settings, argparse.Namespace):
        settings = Settings.from_args(settings)
    settings = (settings or Settings()).model_copy(update={"data_dir": Path(data_dir) if data_dir else None})
    one = frontend_settings(settings)
    app = create_app(one)  # also checks the data folder before any process starts
    bound_heads(settings)
    target: Any = app
    several: dict[str, Any] = {}
    if settings.frontends > 1:
        os.environ[SETTINGS_ENV] = one.model_dump_json()
        target = f"{__name__}:app_from_environment"
        several = {"factory": True, "workers": settings.frontends}
    uvicorn.run(
        target,
        host=settings.host,
        port=settings.port,
        http=http_protocol(),
        proxy_headers=True,
        server_header=False,
        timeout_keep_alive=5,
        # a request in flight ends within its time limit; SIGTERM waits for no more than that
        timeout_graceful_shutdown=max(1, round(settings.query_timeout + 1)),
        h11_max_incomplete_event_size=settings.max_header_bytes + settings.max_request_bytes,
        log_level="info",
        access_log=False,
        **several,
    )
    return 0


def frontend_settings(settings: Settings) -> Settings:
    """One front-end's share: of the query workers (at least one each) and of the cache."""
    n = settings.frontends
    return settings.model_copy(
        update={
            "frontends": 1,
            "workers": max(1, -(-settings.workers // n)),
            "cache_bytes": settings.cache_bytes // n,
        }
    )


def bound_heads(settings: Settings) -> None:
    """Bound request heads in this process (server.transport)."""
    transport.configure(settings.max_header_bytes, settings.max_request_bytes, settings.header_timeout)


def app_from_environment() -> FastAPI:
    """The application of one front-end process (uvicorn's factory, in each process it starts),
    which dies with the supervisor that started it."""
    die_with_parent()
    settings = Settings.model_validate_json(os.environ[SETTINGS_ENV])
    bound_heads(settings)
    return create_app(settings)
