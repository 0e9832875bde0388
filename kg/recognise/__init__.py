"""Recognise what a release names: people and their posts, organisations, zones and meetings.

Recognisers return plain records (kg.model) keyed by names as written, each with the sentence it
came from; deciding *which* entity a name denotes is the resolver's job (kg.resolve).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from kg.model import Extraction, Release


@functools.cache
def _recognisers() -> tuple[Callable, Callable, Callable, Callable]:
    """The four recognisers, imported on first use (importing this package stays cheap)."""
    from kg.recognise.meetings import recognise_meetings
    from kg.recognise.organisations import recognise_organisations
    from kg.recognise.people import recognise_people
    from kg.recognise.zones import recognise_zones

    return recognise_people, recognise_organisations, recognise_zones, recognise_meetings


def recognise(release: Release) -> Extraction:
    """Everything recognised in one release."""
    recognise_people, recognise_organisations, recognise_zones, recognise_meetings = _recognisers()
    people, tenures = recognise_people(release)
    return Extraction(
        release=release,
        people=people,
        tenures=tenures,
        organisations=recognise_organisations(release),
        zones=recognise_zones(release),
        meetings=recognise_meetings(release, people, tenures),
    )
