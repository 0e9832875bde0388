"""The kinds of fact a release states, each declared once, in a module of this package: its
record (kg.model), the recogniser that makes the records from the analysed release, the resolve
step that gives their names IRIs and the emit step that writes their triples.

`kg.recognise.recognise`, `kg.resolve.resolve` and `kg.emit.emit_resolved` run the steps of
KINDS in this order (an organisation's names are known before a post names it; people before
their tenures; both before the meetings they chair). A new kind of fact is a new module here
with its `KIND`, added to KINDS, and a field of its name in `Extraction` (and in `Resolved`
when it writes resolved records of its own).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.emit import GraphWriter
    from kg.recognise.document import Document
    from kg.resolve import Resolution, Resolved


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of fact: `name` is the field of `Extraction` (and `Resolved`) holding its
    records; `recognise` makes them from a document; `resolve` adds what they say, with IRIs,
    to the release's resolution; `emit` writes the triples of its resolved records (given the
    release's resolution, its graph and the release's node; None: its entities are written with
    every other entity)."""

    name: str
    record: type
    recognise: Callable[[Document], list[Any]]
    resolve: Callable[[list[Any], Resolution], None]
    emit: Callable[[Resolved, GraphWriter, str], None] | None = None


@functools.cache
def kinds() -> tuple[Kind, ...]:
    """Every kind of fact, in the order their steps run (imported on first use: the modules
    here import the recognisers, the resolver and the writer, which run these steps)."""
    from kg.facts import meetings, organisations, people, tenures, zones

    return (organisations.KIND, zones.KIND, people.KIND, tenures.KIND, meetings.KIND)
