"""Organisations a release names: governments, bureaux, departments, offices, agencies,
statutory bodies, companies, universities and party organs (not bodies that meet, not places).

Names are found by kg.recognise.names (head nouns, known names, "X of the Y"); this module keeps
the organisations, one record per entity, with the abbreviations and short forms the release
defines for it as other names and the parent an "X of the Y" name gives.
"""

from __future__ import annotations

from kg.model import Organisation
from kg.recognise.document import Document
from kg.recognise.names import NameMention, form_name, is_abbreviation, key


def _display_name(m: NameMention) -> str:
    """The full name: a known entity named only by its abbreviation gets its reference label."""
    if m.entry is not None and (
        is_abbreviation(m.name) or len(m.name.split()) < len(m.entry.label.split()) - 3
    ):
        return m.entry.label
    return m.name


def _entity_key(m: NameMention) -> str:
    return m.entry.iri if m.entry is not None else key(m.name)


def recognise_organisations(doc: Document) -> list[Organisation]:
    """One `Organisation` per organisation the release names, in order of first mention."""
    found: dict[str, Organisation] = {}
    alias: dict[str, str] = {}  # key of another name the release gave -> entity key
    for m in doc.names:
        if m.kind != "org":
            continue
        k = _entity_key(m)
        k = alias.get(key(m.name), k)
        for a in m.alt_labels:
            alias.setdefault(key(a), k)
        name = _display_name(m)
        alts = [a for a in (m.name, *m.alt_labels) if a != name]
        part_of = None
        if m.parent is not None and m.parent.kind == "org":
            part_of = _display_name(m.parent)
        org = found.get(k)
        if org is None:
            found[k] = Organisation(
                name=name,
                sentence=m.sentence,
                alt_labels=tuple(dict.fromkeys(alts)),
                part_of=part_of,
                form=form_name("organisation", m.form),
            )
            continue
        merged = [a for a in (*org.alt_labels, name, *alts) if a != org.name]
        org.alt_labels = tuple(dict.fromkeys(merged))
        if org.part_of is None:
            org.part_of = part_of
    return list(found.values())
