"""Organisations a release names (kg.recognise.organisations): each an entity of its own, with
the parent an "X of the Y" name gives; their triples are those of every entity."""

from __future__ import annotations

from kg.facts import Kind
from kg.model import Organisation
from kg.recognise.organisations import recognise_organisations
from kg.resolve import Resolution


def resolve_named(records: list, r: Resolution, kind: str) -> None:
    """Organisations or zones ("org", "zone"): the entity each names, under its parent when its
    name gives one, both known to the release's later names."""
    find = r.resolver.org if kind == "org" else r.resolver.zone
    c, aliases = r.collector, r.aliases
    for o in records:
        parent = None
        if o.part_of:
            parent = c.add(find(o.part_of, aliases=aliases))
            aliases.add(parent, (o.part_of,))
        e = c.add(r.with_parent(find(o.name, o.alt_labels, aliases), parent))
        aliases.add(e, (o.name, *o.alt_labels))


def _resolve(records: list[Organisation], r: Resolution) -> None:
    resolve_named(records, r, "org")


KIND = Kind("organisations", Organisation, recognise_organisations, _resolve)
