"""The SPARQL endpoint and linked-data server: `create_app(settings)` in server.app, `run` here.

Imports stay lazy so that a query worker (`python -m server.worker`) starts without FastAPI.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.settings import Settings


def run(data_dir: Path | None, settings: Settings | argparse.Namespace | None = None) -> int:
    """Serve the graph built in `data_dir` (see server.serve.run)."""
    from server.serve import run as _run

    return _run(data_dir, settings)
