"""Where the project's bundled files live (ontology, shapes, reference data, sample releases)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
SAMPLE_DIR = ROOT / "sample"
REFERENCE_FILE = DATA_DIR / "reference.ttl"


def ontology_files() -> list[Path]:
    """The ontology's Turtle files, in a stable order."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


def shape_files() -> list[Path]:
    """The SHACL shapes' Turtle files, in a stable order."""
    return sorted(SHAPES_DIR.glob("*.ttl"))
