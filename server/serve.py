"""Run the server with uvicorn: `run(data_dir, settings)` is what `kg serve` calls."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from server.app import create_app
from server.settings import Settings


def run(data_dir: Path | None, settings: Settings | argparse.Namespace | None = None) -> int:
    """Serve the graph in `data_dir` until interrupted; `settings` may be parsed `kg serve` options."""
    if isinstance(settings, argparse.Namespace):
        settings = Settings.from_args(settings)
    settings = (settings or Settings()).model_copy(update={"data_dir": Path(data_dir) if data_dir else None})
    app = create_app(settings)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        proxy_headers=True,
        server_header=False,
        timeout_keep_alive=5,
        log_level="info",
        access_log=False,
    )
    return 0
