"""Recognise what a release names: people and their posts, organisations, zones and meetings.

A release is analysed once into a `Document` (kg.recognise.document) that every recogniser
reads. Recognisers return plain records (kg.model) keyed by names as written, each with the
sentence it came from; deciding *which* entity a name denotes is the resolver's job (kg.resolve).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from kg.model import Extraction, Release


@functools.cache
def _recognisers() -> tuple[type, Callable, Callable, Callable, Callable]:
    """The document and the four recognisers, imported on first use (importing this package
    stays cheap)."""
    from kg.recognise.document import Document
    from kg.recognise.meetings import recognise_meetings
    from kg.recognise.organisations import recognise_organisations
    from kg.recognise.people import recognise_people
    from kg.recognise.zones import recognise_zones

    return Document, recognise_people, recognise_organisations, recognise_zones, recognise_meetings


def recognise(release: Release) -> Extraction:
    """Everything recognised in one release."""
    document, recognise_people, recognise_organisations, recognise_zones, recognise_meetings = _recognisers()
    doc = document(release)
    people, tenures = recognise_people(doc)
    return Extraction(
        release=release,
        people=people,
        tenures=tenures,
        organisations=recognise_organisations(doc),
        zones=recognise_zones(doc),
        meetings=recognise_meetings(doc),
        abbreviations=doc.abbreviations,
    )


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
