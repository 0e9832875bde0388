"""Recognise what a release names: people and their posts, organisations, zones and meetings.

A release is analysed once into a `Document` (kg.recognise.document) that every recogniser
reads. Recognisers return plain records (kg.model) keyed by names as written, each with the
sentence it came from; deciding *which* entity a name denotes is the resolver's job (kg.resolve).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kg.model import Extraction, Release


def recognise(release: Release) -> Extraction:
    """Everything recognised in one release: the release analysed once, then the recogniser of
    each kind of fact (kg.facts) run on it."""
    from kg.facts import kinds
    from kg.recognise.document import Document

    doc = Document(release)
    found = {kind.name: kind.recognise(doc) for kind in kinds()}
    return Extraction(release=release, **found, abbreviations=doc.abbreviations)


def records(extraction: Extraction) -> dict[str, Any]:
    """The extraction as plain data (what `kg recognise --json` prints): the release's id,
    source and date, and its records, each with the form that made it."""
    release = extraction.release
    return {
        "id": release.id,
        "source": release.source,
        "date": release.date.isoformat(),
        "people": [asdict(p) for p in extraction.people],
        "tenures": [asdict(t) for t in extraction.tenures],
        "organisations": [asdict(o) for o in extraction.organisations],
        "zones": [asdict(z) for z in extraction.zones],
        "meetings": [asdict(m) for m in extraction.meetings],
        "abbreviations": extraction.abbreviations,
    }
