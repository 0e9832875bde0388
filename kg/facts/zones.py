"""Zones a release names (kg.recognise.zones): each an entity of its own, with the zone that
contains it when its name says so; their triples are those of every entity."""

from __future__ import annotations

from kg.facts import Kind
from kg.facts.organisations import resolve_named
from kg.model import Zone
from kg.recognise.zones import recognise_zones
from kg.resolve import Resolution


def _resolve(records: list[Zone], r: Resolution) -> None:
    resolve_named(records, r, "zone")


KIND = Kind("zones", Zone, recognise_zones, _resolve)
