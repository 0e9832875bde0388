"""Synthetic graphs shaped like the emitter's output, for tests and benchmarks of reasoning and SHACL.

`synthetic_graph(n)` gives the quads of `n` release graphs (a release node, a meeting of a body with
chairs and participants, tenures of people in posts, zones, organisations, mentions) plus reference
triples (zones with `hkpr:partOf` chains, organisations with `org:subOrganizationOf`), with entities
repeating across releases as they do in reality. About 50 triples per release.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pyoxigraph as ox

from kg.iris import DCT, DEFAULT_BASE, FOAF, HKPR, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

A = ox.NamedNode(RDF + "type")
_XSD_DATE = ox.NamedNode(XSD + "date")
_XSD_DATETIME = ox.NamedNode(XSD + "dateTime")
_XSD_INTEGER = ox.NamedNode(XSD + "integer")
BODY_KINDS = ("TaskForce", "Committee", "WorkingGroup", "Council", "Commission", "Panel", "JointConference")
ORG_KINDS = ("Bureau", "Department", "Office", "Government", "StatutoryBody", "Company", "University")
HONORIFICS = ("Mr", "Ms", "Professor", "Dr", "Ir")


def _n(ns: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(ns + local)


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


class _Pools:
    """Entity pools sized to the corpus; draws are skewed so a few entities recur often."""

    def __init__(self, n: int, base: str, rnd: random.Random) -> None:
        self.rnd = rnd
        self.base = base
        self.persons = [f"Person {i:05d}" for i in range(max(40, n // 3))]
        self.posts = [f"Secretary for Affairs {i:04d}" for i in range(max(20, n // 20))]
        self.bodies = [
            (f"Task Force on Matter {i:04d}", BODY_KINDS[i % len(BODY_KINDS)])
            for i in range(max(10, n // 25))
        ]
        self.orgs = [(f"Agency {i:04d}", ORG_KINDS[i % len(ORG_KINDS)]) for i in range(max(10, n // 40))]
        self.zones = [f"Zone {i:03d}" for i in range(max(8, min(400, n // 50)))]
        self.places = [f"Place {i:03d}" for i in range(max(5, min(200, n // 100)))]

    def pick(self, pool: list):
        # skewed towards the start of the pool (a few entities appear in many releases)
        return pool[
            min(len(pool) - 1, int(self.rnd.paretovariate(1.2)) - 1 + self.rnd.randrange(len(pool)) // 4)
        ]

    def iri(self, kind: str, name: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}{kind}/{name.lower().replace(' ', '-')}")


def reference_triples(base: str = DEFAULT_BASE, n: int = 1000, seed: int = 7) -> list[ox.Triple]:
    """Reference data: zones in `hkpr:partOf` chains (depth up to 4) and organisations in hierarchies."""
    rnd = random.Random(seed)
    pools = _Pools(n, base, rnd)
    out: list[ox.Triple] = []
    zones = [pools.iri("zone", z) for z in pools.zones]
    for i, (zone, name) in enumerate(zip(zones, pools.zones, strict=True)):
        out += [ox.Triple(zone, A, _n(HKPR, "Zone")), ox.Triple(zone, _n(RDFS, "label"), _text(name))]
        if i % 4:  # chains of four: z0 <- z1 <- z2 <- z3
            out.append(ox.Triple(zone, _n(HKPR, "partOf"), zones[i - 1]))
    orgs = [pools.iri("org", o) for o, _ in pools.orgs]
    for i, (org, (name, kind)) in enumerate(zip(orgs, pools.orgs, strict=True)):
        out += [
            ox.Triple(org, A, _n(HKPR, kind)),
            ox.Triple(org, _n(RDFS, "label"), _text(name)),
            ox.Triple(org, _n(SKOS, "prefLabel"), _text(name)),
        ]
        if i % 3:
            out.append(ox.Triple(org, _n(ORG, "subOrganizationOf"), orgs[i - 1]))
    return out


def synthetic_graph(n: int, base: str = DEFAULT_BASE, seed: int = 7) -> list[ox.Quad]:
    """The quads of `n` synthetic release graphs (one named graph per release)."""
    rnd = random.Random(seed)
    pools = _Pools(n, base, rnd)
    quads: list[ox.Quad] = []
    start = date(2023, 1, 1)
    ordinals: dict[str, int] = {}
    for i in range(n):
        day = start + timedelta(days=i * 365 // max(n, 1))
        rid = f"P{day:%Y%m%d}{i % 100000:05d}"
        g = ox.NamedNode(f"{base}release/{rid}")

        def add(s, p, o, g=g):
            quads.append(ox.Quad(s, p, o, g))

        title = f"Release number {i} on matters of the day"
        add(g, A, _n(HKPR, "PressRelease"))
        add(g, _n(DCT, "identifier"), _text(rid))
        add(g, _n(DCT, "date"), ox.Literal(day.isoformat(), datatype=_XSD_DATE))
        add(g, _n(DCT, "language"), _text("en"))
        add(g, _n(DCT, "title"), _text(title))
        add(g, _n(RDFS, "label"), _text(title))
        add(
            g,
            _n(DCT, "issued"),
            ox.Literal(f"{day.isoformat()}T{10 + i % 9:02d}:30:00+08:00", datatype=_XSD_DATETIME),
        )
        add(g, _n(SCHEMA, "url"), ox.NamedNode(f"https://www.info.gov.hk/gia/general/{day:%Y%m}/{rid}.htm"))
        mentioned: list[ox.NamedNode] = []

        def person(name: str, mentioned: list = mentioned) -> ox.NamedNode:
            node = pools.iri("person", name)
            add(node, A, _n(FOAF, "Person"))
            add(node, _n(FOAF, "name"), _text(name))
            add(node, _n(RDFS, "label"), _text(name))
            add(node, _n(HKPR, "honorific"), _text(HONORIFICS[sum(map(ord, name)) % len(HONORIFICS)]))
            mentioned.append(node)
            return node

        def org(name_kind: tuple[str, str], mentioned: list = mentioned) -> ox.NamedNode:
            name, kind = name_kind
            node = pools.iri("org", name)
            add(node, A, _n(HKPR, kind))
            add(node, _n(RDFS, "label"), _text(name))
            mentioned.append(node)
            return node

        # tenures: one to three people in posts
        people = []
        for k in range(1 + rnd.randrange(3)):
            name, post_name = pools.pick(pools.persons), pools.pick(pools.posts)
            who, post = person(name), pools.iri("post", post_name)
            people.append(who)
            add(post, A, _n(HKPR, "Post"))
            add(post, _n(RDFS, "label"), _text(post_name))
            add(post, _n(ORG, "heldBy"), who)
            if k == 0:
                add(post, _n(ORG, "postIn"), org(pools.pick(pools.orgs)))
            tenure = ox.NamedNode(
                f"{base}tenure/{rid}/{who.value.rsplit('/', 1)[1]}/{post.value.rsplit('/', 1)[1]}"
            )
            add(tenure, A, _n(HKPR, "Tenure"))
            add(tenure, _n(HKPR, "post"), post)
            add(tenure, _n(HKPR, "holder"), who)
            add(tenure, _n(DCT, "date"), ox.Literal(day.isoformat(), datatype=_XSD_DATE))
            add(tenure, _n(PROV, "wasDerivedFrom"), g)
            add(tenure, _n(PROV, "value"), _text(f"The {post_name}, {name}, said today ({i})."))
            mentioned.append(post)
        # a meeting of a body in most releases
        if rnd.random() < 0.7:
            body_name, kind = pools.pick(pools.bodies)
            body = pools.iri("body", body_name)
            add(body, A, _n(HKPR, kind))
            add(body, _n(RDFS, "label"), _text(body_name))
            add(body, _n(SKOS, "prefLabel"), _text(body_name))
            if rnd.random() < 0.3:
                add(body, _n(ORG, "subOrganizationOf"), org(pools.pick(pools.orgs)))
            ordinal = ordinals[body_name] = ordinals.get(body_name, 0) + 1
            meeting = ox.NamedNode(f"{body.value.replace('/body/', '/meeting/')}/{ordinal}")
            add(meeting, A, _n(HKPR, "Meeting"))
            add(meeting, _n(RDFS, "label"), _text(f"Meeting {ordinal} of the {body_name}"))
            add(meeting, _n(HKPR, "meetingOf"), body)
            add(meeting, _n(HKPR, "ordinal"), ox.Literal(str(ordinal), datatype=_XSD_INTEGER))
            add(meeting, _n(SCHEMA, "startDate"), ox.Literal(day.isoformat(), datatype=_XSD_DATE))
            place_name = pools.pick(pools.places)
            place = pools.iri("place", place_name)
            add(place, A, _n(HKPR, "Place"))
            add(place, _n(RDFS, "label"), _text(place_name))
            add(meeting, _n(SCHEMA, "location"), place)
            add(meeting, _n(HKPR, "mode"), _n(HKPR, "InPerson" if i % 3 else "VideoConference"))
            add(meeting, _n(HKPR, "chair"), people[0])
            for other in people[1:]:
                add(meeting, _n(HKPR, "participant"), other)
            for _ in range(rnd.randrange(3)):
                add(meeting, _n(HKPR, "participant"), person(pools.pick(pools.persons)))
            if rnd.random() < 0.5:
                add(meeting, _n(HKPR, "representedOrganisation"), org(pools.pick(pools.orgs)))
            add(meeting, _n(PROV, "wasDerivedFrom"), g)
            add(
                meeting, _n(PROV, "value"), _text(f"The {body_name} held its meeting number {ordinal} today.")
            )
            mentioned += [body, meeting, place]
        # a zone now and then, sometimes placed in another zone by the release itself
        if rnd.random() < 0.3:
            zone_name = pools.pick(pools.zones)
            zone = pools.iri("zone", zone_name)
            add(zone, A, _n(HKPR, "Zone"))
            add(zone, _n(RDFS, "label"), _text(zone_name))
            here = pools.zones.index(zone_name)
            if here and rnd.random() < 0.2:  # into a zone earlier in the pool: no cycles
                add(zone, _n(HKPR, "partOf"), pools.iri("zone", pools.zones[rnd.randrange(here)]))
            mentioned.append(zone)
        for node in dict.fromkeys(mentioned):
            add(g, _n(HKPR, "mentions"), node)
    return quads
