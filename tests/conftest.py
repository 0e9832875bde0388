"""Shared fixtures: where ../shared is, and the bundled sample."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HKPR_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (or $HKPR_SHARED); tests that need it skip when it is absent."""
    if not (SHARED / "eval" / "dev" / "inputs").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: accuracy tests on real releases need it")
    return SHARED


@pytest.fixture(scope="session")
def dev_inputs(shared_dir: Path) -> Path:
    return shared_dir / "eval" / "dev" / "inputs"


@pytest.fixture(scope="session")
def seed_release() -> Path:
    """The seed release bundled with the project."""
    return ROOT / "sample" / "P2023090700255.txt"
