"""Zones a release names: development and co-operation zones, science and industrial parks, new
development areas, planned areas and regions named as such (not venues, country parks or plain
cities and districts; a river delta only as a "Region" or in a development or co-operation
context).

Names are found by kg.recognise.names. A zone the reference data knows is recorded under its
canonical full name, with the form the release used as another name ("the Bay Area" ->
"Guangdong-Hong Kong-Macao Greater Bay Area"). A short form ("the Co-operation Zone", "the
Park") is bound to the zone of that name the release has already named (else the nearest later
one) and adds no entity of its own.
"""

from __future__ import annotations

import re

from kg.lexicon import ZONE_COMPANIES
from kg.model import Organisation, Zone
from kg.recognise.document import Document
from kg.recognise.forms import Example, Form
from kg.recognise.names import NameMention, form_name, key

# Words that put a region in a development or co-operation context ("the integrated development
# of the Yangtze River Delta"), unlike a plain geographic one ("air quality in the PRD region").
_DEVELOPMENT = re.compile(
    r"\b(?:develop|co-?operat|collaborat|integrat|econom|strateg|plan|opportunit|invest|business|"
    r"trade|industr|innovat|enterprise|market|connectivity|synerg|national|regional co|hub|gateway)",
    re.IGNORECASE,
)

# Words of a geographic context: the region's air, water or weather.
_GEOGRAPHY = re.compile(
    r"air quality|emission|pollut|ozone|environment|water quality|weather|typhoon|rainfall|haze|smog",
    re.IGNORECASE,
)


# A name acting as the subject of a verb: "Cyberport has been taking forward ...", "Cyberport
# will launch ...", "Cyberport organised ...".
_ACTING = re.compile(
    r"(?:\s*,[^,]{1,60},)?\s+(?:also\s+)?(?:(?:has|had)\s+(?:also\s+)?(?:been\s+[a-z]+ing|[a-z]+ed)\b"
    r"|(?:is|was)\s+(?:also\s+)?[a-z]+ing\b|(?:will|would)\s+(?:also\s+)?(?!be\b)[a-z]+\b"
    r"|(?:launched|organised|organized|announced|signed|introduced|said|set up|plans|aims)\b)"
)
ACTING_COMPANY = "a park's name acting as its company"


def zone_company(doc: Document) -> dict[str, Organisation]:
    """Zones of ZONE_COMPANIES that the release shows acting: each is the company that runs the
    zone in this release (not the zone), by its short name."""
    out: dict[str, Organisation] = {}
    for m in doc.names:
        if m.kind != "zone" or m.name not in ZONE_COMPANIES or m.name in out:
            continue
        if _ACTING.match(m.text, m.start + len(m.name)):
            out[m.name] = Organisation(
                name=ZONE_COMPANIES[m.name],
                sentence=m.sentence,
                alt_labels=(m.name,),
                form=form_name("organisation", ACTING_COMPANY),
            )
    return out


ZONE_COMPANY_FORMS: tuple[Form, ...] = (
    Form(
        form_name("organisation", ACTING_COMPANY),
        "organisation",
        ("ZONE_COMPANY", "has|will|is (been)? VERB"),
        (
            Example(
                "Cyberport has been nurturing over 900 start-ups in the past year.",
                {"name": "Hong Kong Cyberport Management Company Limited", "alt_labels": ("Cyberport",)},
            ),
        ),
    ),
)


def _canonical(m: NameMention) -> str:
    return m.entry.label if m.entry is not None else m.name


def _named_as_zone(m: NameMention) -> bool:
    """A river-delta region is a zone when named "... Region" or in a development or
    co-operation context (the words right before it, else its sentence); "the Pearl River Delta
    (PRD) region" in a sentence on air quality is a place."""
    canonical = _canonical(m)
    if (
        not canonical.endswith(("Region", "Delta"))
        or canonical.startswith("Pan-")
        or m.name.endswith("Region")
    ):
        return True  # the Pan-PRD is a co-operation framework, not a river's delta
    if _DEVELOPMENT.search(m.text, max(0, m.start - 30), m.start):
        return True  # "the hub for the Pearl River Delta": the words right before it decide
    sentence = m.sentence
    return bool(_DEVELOPMENT.search(sentence)) and not _GEOGRAPHY.search(sentence)


def recognise_zones(doc: Document) -> list[Zone]:
    """One `Zone` per zone the release names, in order of first mention."""
    found: dict[str, Zone] = {}
    companies = zone_company(doc)
    where: dict[str, tuple[int, int]] = {}  # zone key -> (segment, offset) of its latest mention
    shorts: list[NameMention] = []
    for m in doc.names:
        if m.kind != "zone":
            continue
        if m.short:
            shorts.append(m)
            continue
        if not _named_as_zone(m) or m.name in companies:
            continue
        name = _canonical(m)
        k = m.entry.iri if m.entry is not None else key(name)
        alts = [a for a in (m.name, *m.alt_labels) if a != name]
        part_of = _canonical(m.parent) if m.parent is not None and m.parent.kind == "zone" else None
        zone = found.get(k)
        if zone is None:
            found[k] = Zone(
                name=name,
                sentence=m.sentence,
                alt_labels=tuple(dict.fromkeys(alts)),
                part_of=part_of,
                form=form_name("zone", m.form),
            )
        else:
            zone.alt_labels = tuple(dict.fromkeys(a for a in (*zone.alt_labels, *alts) if a != zone.name))
            zone.part_of = zone.part_of or part_of
        where[k] = (m.segment, m.start)
    for m in shorts:
        short = key(m.name)
        best: str | None = None
        best_pos: tuple[int, int] | None = None
        for k, zone in found.items():
            names = (zone.name, *zone.alt_labels)
            if not any(key(n) == short or key(n).endswith(" " + short) for n in names):
                continue
            pos = where[k]
            before = pos <= (m.segment, m.start)
            if best_pos is None or (before and (best_pos > (m.segment, m.start) or pos > best_pos)):
                best, best_pos = k, pos
        if best is not None:
            zone = found[best]
            extra = [a for a in (m.name, *m.alt_labels) if a != zone.name]
            zone.alt_labels = tuple(dict.fromkeys((*zone.alt_labels, *extra)))
    return list(found.values())
