"""The SHACL shapes: a conforming example conforms, and each constraint catches a broken example
with its own message. Validation runs as the build does it: owlrl closure of ontology + data, triples
with a literal subject dropped, then pyshacl with inference="none"."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import owlrl
import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "hkpr.ttl"
SHAPES_FILE = ROOT / "shapes" / "hkpr.ttl"
HKPR = Namespace("https://w3id.org/hkpr/ontology#")
BASE = "https://w3id.org/hkpr/id/"

PREFIXES = """\
PREFIX hkpr:   <https://w3id.org/hkpr/ontology#>
PREFIX org:    <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX foaf:   <http://xmlns.com/foaf/0.1/>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX dct:    <http://purl.org/dc/terms/>
PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
"""

# What the emitter writes for one release (one named graph), plus an incumbency from the build.
EXAMPLE = f"""\
BASE <{BASE}>
{PREFIXES}
<release/P2023090700255> a hkpr:PressRelease ;
    dct:identifier "P2023090700255" ;
    dct:date "2023-09-07"^^xsd:date ;
    dct:title "10th meeting of Joint Task Force held" ;
    dct:issued "2023-09-07T19:05:00+08:00"^^xsd:dateTime ;
    schema:url <https://www.info.gov.hk/gia/general/202309/07/P2023090700255.htm> ;
    dct:language "en" ;
    hkpr:mentions <person/sun-dong> , <body/jtf> , <zone/loop> , <org/cedd> , <meeting/jtf/10> .

<person/sun-dong> a foaf:Person ; foaf:name "Sun Dong" ; rdfs:label "Sun Dong" ; hkpr:honorific "Professor" .
<person/eddie-mak> a foaf:Person ; foaf:name "Eddie Mak" ; rdfs:label "Eddie Mak" ; hkpr:honorific "Mr" .

<post/sitl> a hkpr:Post ; rdfs:label "Secretary for Innovation, Technology and Industry" ;
    org:heldBy <person/sun-dong> ; org:postIn <org/itib> .
<tenure/P2023090700255/sun-dong/sitl> a hkpr:Tenure ;
    hkpr:post <post/sitl> ; hkpr:holder <person/sun-dong> ;
    dct:date "2023-09-07"^^xsd:date ;
    prov:wasDerivedFrom <release/P2023090700255> ;
    prov:value "The Secretary for Innovation, Technology and Industry, Professor Sun Dong, co-chaired it." .
<incumbency/sun-dong/sitl> a hkpr:Incumbency ;
    hkpr:post <post/sitl> ; hkpr:holder <person/sun-dong> ;
    hkpr:firstObserved "2023-09-07"^^xsd:date ; hkpr:lastObserved "2023-09-07"^^xsd:date ;
    hkpr:observation <tenure/P2023090700255/sun-dong/sitl> .

<org/hksar> a hkpr:Government ; rdfs:label "HKSAR Government" ; skos:prefLabel "HKSAR Government" .
<org/itib> a hkpr:Bureau ; rdfs:label "Innovation, Technology and Industry Bureau" ;
    org:subOrganizationOf <org/hksar> .
<org/cedd> a hkpr:Department ; rdfs:label "Civil Engineering and Development Department" ;
    skos:prefLabel "Civil Engineering and Development Department" ; skos:altLabel "CEDD" ;
    org:subOrganizationOf <org/hksar> .
<body/jtf> a hkpr:TaskForce ; rdfs:label "Joint Task Force" .
<zone/loop> a hkpr:Zone ; rdfs:label "Lok Ma Chau Loop" ; skos:altLabel "the Loop" ; hkpr:partOf <zone/gba> .
<zone/gba> a hkpr:Zone ; rdfs:label "Greater Bay Area" ; skos:altLabel "GBA" .
<place/hong-kong> a hkpr:Place ; rdfs:label "Hong Kong" .
<org/cedd/under/itib> a hkpr:ParentPeriod ; hkpr:child <org/cedd> ; hkpr:parent <org/itib> ;
    schema:startDate "2022-07-01"^^xsd:date .

<meeting/jtf/10> a hkpr:Meeting ;
    rdfs:label "10th meeting of the Joint Task Force" ;
    hkpr:meetingOf <body/jtf> ; hkpr:ordinal 10 ;
    schema:startDate "2023-09-07"^^xsd:date ; schema:location <place/hong-kong> ;
    hkpr:mode hkpr:InPerson ;
    hkpr:chair <person/sun-dong> ; hkpr:participant <person/eddie-mak> ;
    hkpr:representedOrganisation <org/cedd> ;
    prov:wasDerivedFrom <release/P2023090700255> ;
    prov:value "Professor Sun Dong co-chaired the 10th meeting of the Joint Task Force in Hong Kong today." .
"""

# Focus nodes (relative to the base) and messages (a distinctive part of each sh:message).
RELEASE, MEETING, TENURE = "release/P2023090700255", "meeting/jtf/10", "tenure/P2023090700255/sun-dong/sitl"
INCUMBENCY, SUN, EDDIE, POST = "incumbency/sun-dong/sitl", "person/sun-dong", "person/eddie-mak", "post/sitl"
CEDD, JTF, LOOP, GBA = "org/cedd", "body/jtf", "zone/loop", "zone/gba"
PERIOD = "org/cedd/under/itib"
DERIVATION = "derivation/P2023090700255/meeting-jtf-10"
LABEL = "Needs an rdfs:label that is a plain string"
TWO_LABELS = "more than one plain rdfs:label"
NOT_BODY, NOT_PERSON = "A body (task force, committee, ...) is not also", "A person is not also"
NAME = "A person has a foaf:name that is a plain string"
MEETING_BODY = "exactly one hkpr:meetingOf"
RELEASE_LINK = "(at least one hkpr:PressRelease)"
WARNING = SH.Warning


class Change(NamedTuple):
    """Drop every value of (subject, property) pairs, then add Turtle triples (IRIs relative to the base)."""

    drop: tuple[tuple[str, str], ...] = ()
    add: str = ""

    def __add__(self, other: object) -> Change:
        assert isinstance(other, Change)
        return Change(self.drop + other.drop, f"{self.add} {other.add}")


class Case(NamedTuple):
    """A broken copy of EXAMPLE and the (focus node, message part[, severity]) results it must
    produce, no more and no fewer."""

    id: str
    change: Change
    expected: list[tuple]


def replace(subject: str, prop: str, new: str | None) -> Change:
    return Change(((subject, prop),), f"<{subject}> {prop} {new} ." if new is not None else "")


def add(triples: str) -> Change:
    return Change((), triples + " .")


CASES = [
    # press releases
    Case("release: no identifier", replace(RELEASE, "dct:identifier", None),
         [(RELEASE, "exactly one dct:identifier")]),
    Case("release: two identifiers", add(f'<{RELEASE}> dct:identifier "P2023090700256"'),
         [(RELEASE, "exactly one dct:identifier")]),
    Case("release: identifier without its form", replace(RELEASE, "dct:identifier", '"2023090700255"'),
         [(RELEASE, "dct:identifier must be a plain string")]),
    Case("release: identifier with a language tag", replace(RELEASE, "dct:identifier", '"P2023090700255"@en'),
         [(RELEASE, "dct:identifier must be a plain string")]),
    Case("release: no date", replace(RELEASE, "dct:date", None), [(RELEASE, "exactly one dct:date")]),
    Case("release: date as a string", replace(RELEASE, "dct:date", '"2023-09-07"'),
         [(RELEASE, "exactly one dct:date")]),
    Case("release: issued without +08:00", replace(RELEASE, "dct:issued", '"2023-09-07T19:05:00"^^xsd:dateTime'),
         [(RELEASE, "dct:issued")]),
    Case("release: issued as a date", replace(RELEASE, "dct:issued", '"2023-09-07"^^xsd:date'),
         [(RELEASE, "dct:issued")]),
    Case("release: two titles", add(f'<{RELEASE}> dct:title "Another headline"'), [(RELEASE, "dct:title")]),
    Case("release: url as a string", replace(RELEASE, "schema:url", '"https://www.info.gov.hk/x.htm"'),
         [(RELEASE, "schema:url")]),
    Case("release: language not a tag", replace(RELEASE, "dct:language", '"English"'),
         [(RELEASE, "dct:language")]),
    Case("release: mentions a literal", add(f'<{RELEASE}> hkpr:mentions "Sun Dong"'),
         [(RELEASE, "hkpr:mentions")]),
    # meetings
    Case("meeting: no body", replace(MEETING, "hkpr:meetingOf", None), [(MEETING, MEETING_BODY)]),
    Case("meeting: two bodies",
         add(f'<{MEETING}> hkpr:meetingOf <body/other> . <body/other> a hkpr:Committee ; rdfs:label "Other"'),
         [(MEETING, MEETING_BODY)]),
    Case("meeting: body as a literal", replace(MEETING, "hkpr:meetingOf", '"Joint Task Force"'),
         [(MEETING, "hkpr:meetingOf points to the IRI")]),
    Case("meeting: of itself", replace(MEETING, "hkpr:meetingOf", f"<{MEETING}>"),
         [(MEETING, "A meeting is not also"), (MEETING, NOT_BODY)]),
    Case("meeting: ordinal as a string", replace(MEETING, "hkpr:ordinal", '"10"'), [(MEETING, "hkpr:ordinal")]),
    Case("meeting: ordinal 0", replace(MEETING, "hkpr:ordinal", "0"), [(MEETING, "hkpr:ordinal")]),
    Case("meeting: two ordinals", add(f"<{MEETING}> hkpr:ordinal 11"), [(MEETING, "hkpr:ordinal")]),
    Case("meeting: date with a time",
         replace(MEETING, "schema:startDate", '"2023-09-07T10:00:00+08:00"^^xsd:dateTime'),
         [(MEETING, "schema:startDate")]),
    Case("meeting: two dates", add(f'<{MEETING}> schema:startDate "2023-09-08"^^xsd:date'),
         [(MEETING, "schema:startDate")]),
    Case("meeting: location without a label",
         replace(MEETING, "schema:location", "<place/shenzhen>") + add("<place/shenzhen> a hkpr:Place"),
         [("place/shenzhen", LABEL)]),
    Case("meeting: location not a place",
         replace(MEETING, "schema:location", "<place/futian>") + add('<place/futian> rdfs:label "Futian"'),
         [(MEETING, "schema:location")]),
    Case("meeting: location as a literal", replace(MEETING, "schema:location", '"Hong Kong"'),
         [(MEETING, "schema:location")]),
    Case("meeting: unknown mode", replace(MEETING, "hkpr:mode", "hkpr:Hybrid"), [(MEETING, "hkpr:mode")]),
    Case("meeting: two modes", add(f"<{MEETING}> hkpr:mode hkpr:VideoConference"), [(MEETING, "hkpr:mode")]),
    # a literal chair is a literal participant too (hkpr:chair is a subproperty of hkpr:participant)
    Case("meeting: chair as a literal", replace(MEETING, "hkpr:chair", '"Sun Dong"'),
         [(MEETING, "hkpr:chair points"), (MEETING, "hkpr:participant points")]),
    Case("meeting: an organisation as chair", replace(MEETING, "hkpr:chair", f"<{CEDD}>"),
         [(CEDD, NOT_PERSON), (CEDD, NAME)]),
    Case("meeting: participant as a literal", replace(MEETING, "hkpr:participant", '"Eddie Mak"'),
         [(MEETING, "hkpr:participant points")]),
    Case("meeting: represented organisation as a literal",
         replace(MEETING, "hkpr:representedOrganisation", '"CEDD"'),
         [(MEETING, "hkpr:representedOrganisation")]),
    Case("meeting: a person represented", replace(MEETING, "hkpr:representedOrganisation", f"<{EDDIE}>"),
         [(EDDIE, NOT_PERSON)]),
    Case("meeting: no release", replace(MEETING, "prov:wasDerivedFrom", None), [(MEETING, RELEASE_LINK)]),
    Case("meeting: derived from a web page", replace(MEETING, "prov:wasDerivedFrom", "<https://www.info.gov.hk/>"),
         [(MEETING, RELEASE_LINK)]),
    Case("meeting: no sentence", replace(MEETING, "prov:value", None), [(MEETING, "A meeting carries the sentence")]),
    Case("meeting: no label", replace(MEETING, "rdfs:label", None), [(MEETING, LABEL)]),
    Case("meeting: only a tagged label", replace(MEETING, "rdfs:label", '"10th meeting"@en'), [(MEETING, LABEL)]),
    Case("meeting: two plain labels", add(f'<{MEETING}> rdfs:label "Tenth meeting of the JTF"'),
         [(MEETING, TWO_LABELS, WARNING)]),
    # tenures and incumbencies
    # qualified derivations (the release and the sentence of one reading)
    Case("derivation: no release", add(f'<{DERIVATION}> a prov:Derivation ; prov:value "A sentence."'),
         [(DERIVATION, "names exactly one release")]),
    Case("derivation: a literal for the release",
         add(f'<{DERIVATION}> a prov:Derivation ; prov:entity "P2023090700255" ; prov:value "A sentence."'),
         [(DERIVATION, "names exactly one release")]),
    Case("derivation: two sentences",
         add(f'<{DERIVATION}> a prov:Derivation ; prov:entity <{RELEASE}> ; prov:value "One.", "Two."'),
         [(DERIVATION, "exactly one sentence")]),
    Case("tenure: no post", replace(TENURE, "hkpr:post", None), [(TENURE, "exactly one hkpr:post")]),
    Case("tenure: two holders", add(f"<{TENURE}> hkpr:holder <{EDDIE}>"), [(TENURE, "exactly one hkpr:holder")]),
    Case("tenure: holder as a literal", replace(TENURE, "hkpr:holder", '"Sun Dong"'),
         [(TENURE, "exactly one hkpr:holder")]),
    Case("tenure: no date", replace(TENURE, "dct:date", None), [(TENURE, "A tenure has exactly one dct:date")]),
    Case("tenure: date as a string", replace(TENURE, "dct:date", '"2023-09-07"'),
         [(TENURE, "A tenure has exactly one dct:date")]),
    Case("tenure: no release", replace(TENURE, "prov:wasDerivedFrom", None),
         [(TENURE, "exactly one hkpr:PressRelease")]),
    Case("tenure: derived from a meeting", replace(TENURE, "prov:wasDerivedFrom", f"<{MEETING}>"),
         [(TENURE, "exactly one hkpr:PressRelease")]),
    Case("tenure: no sentence", replace(TENURE, "prov:value", None), [(TENURE, "A tenure carries the sentence")]),
    Case("tenure: tagged sentence", replace(TENURE, "prov:value", '"Professor Sun Dong"@en'),
         [(TENURE, "A tenure carries the sentence")]),
    Case("incumbency: first after last", replace(INCUMBENCY, "hkpr:firstObserved", '"2024-01-01"^^xsd:date'),
         [(INCUMBENCY, "hkpr:firstObserved")]),
    Case("incumbency: no last date", replace(INCUMBENCY, "hkpr:lastObserved", None),
         [(INCUMBENCY, "hkpr:lastObserved")]),
    Case("incumbency: no holder", replace(INCUMBENCY, "hkpr:holder", None),
         [(INCUMBENCY, "exactly one hkpr:holder")]),
    Case("incumbency: no observation", replace(INCUMBENCY, "hkpr:observation", None),
         [(INCUMBENCY, "hkpr:observation")]),
    # people and posts
    Case("person: no name", replace(EDDIE, "foaf:name", None), [(EDDIE, NAME)]),
    Case("person: only a tagged name", replace(EDDIE, "foaf:name", '"Eddie Mak"@en'), [(EDDIE, NAME)]),
    Case("person: name as a number", replace(EDDIE, "foaf:name", "42"),
         [(EDDIE, NAME), (EDDIE, "foaf:name must be a string literal")]),
    Case("person: two names", add(f'<{EDDIE}> foaf:name "Eddie Mak Ka-ho"'),
         [(EDDIE, "more than one plain foaf:name", WARNING)]),
    Case("person: no label", replace(EDDIE, "rdfs:label", None), [(EDDIE, LABEL)]),
    Case("person: label as a number besides the name", add(f"<{EDDIE}> rdfs:label 42"),
         [(EDDIE, "rdfs:label must be a string literal")]),
    Case("person: tagged honorific", replace(EDDIE, "hkpr:honorific", '"Mr"@en'), [(EDDIE, "hkpr:honorific")]),
    Case("person: also a post", add(f"<{EDDIE}> a hkpr:Post"), [(EDDIE, NOT_PERSON)]),
    Case("post: no label", replace(POST, "rdfs:label", None), [(POST, LABEL)]),
    Case("post: held by an organisation", replace(POST, "org:heldBy", f"<{CEDD}>"), [(POST, "org:heldBy")]),
    Case("post: in a literal", replace(POST, "org:postIn", '"ITIB"'), [(POST, "org:postIn")]),
    # organisations, bodies, zones, places
    Case("organisation: no label", replace(CEDD, "rdfs:label", None), [(CEDD, LABEL)]),
    Case("organisation: two preferred labels", add(f'<{CEDD}> skos:prefLabel "CED Department"'),
         [(CEDD, "more than one plain skos:prefLabel", WARNING)]),
    Case("organisation: alternative label as an IRI", add(f"<{CEDD}> skos:altLabel <abbr/cedd>"),
         [(CEDD, "skos:altLabel must be a string literal")]),
    Case("organisation: preferred label as a number", add("<org/hksar> skos:prefLabel 1"),
         [("org/hksar", "skos:prefLabel must be a string literal")]),
    Case("organisation: parent as a literal", replace(CEDD, "org:subOrganizationOf", '"HKSAR Government"'),
         [(CEDD, "org:subOrganizationOf")]),
    Case("body: no label", replace(JTF, "rdfs:label", None), [(JTF, LABEL)]),
    Case("body: also a person", add(f"<{JTF}> a foaf:Person"),
         [(JTF, NOT_BODY), (JTF, NOT_PERSON), (JTF, NAME)]),
    Case("zone: no label", replace(GBA, "rdfs:label", None), [(GBA, LABEL)]),
    Case("zone: part of a literal", replace(LOOP, "hkpr:partOf", '"GBA"'), [(LOOP, "hkpr:partOf of a zone")]),
    Case("place: no label", replace("place/hong-kong", "rdfs:label", None),
         [("place/hong-kong", LABEL)]),
    # reference data
    Case("parent period: no parent", replace(PERIOD, "hkpr:parent", None), [(PERIOD, "exactly one hkpr:parent")]),
    Case("parent period: two children", add(f"<{PERIOD}> hkpr:child <org/hksar>"),
         [(PERIOD, "exactly one hkpr:child")]),
    Case("parent period: ends before it starts", add(f'<{PERIOD}> schema:endDate "2021-06-30"^^xsd:date'),
         [(PERIOD, "no later than its schema:endDate")]),
    Case("parent period: end as a string", add(f'<{PERIOD}> schema:endDate "2030-06-30"'),
         [(PERIOD, "at most one schema:endDate"), (PERIOD, "no later than its schema:endDate")]),
]  # fmt: skip


def reasoned(data: Graph) -> Graph:
    """What kg/validate.py validates: the OWL RL closure, without literal-subject noise."""
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for t in data:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    for t in [t for t in g if isinstance(t[0], Literal)]:
        g.remove(t)
    return g


def validate(g: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(
        g, shacl_graph=Graph().parse(SHAPES_FILE, format="turtle"), inference="none", allow_warnings=True
    )
    return conforms, report


def rebased(g: Graph, base: str) -> Graph:
    """A copy of g with the IRIs under BASE moved under `base` (faster than parsing again)."""

    def move(t: Node) -> Node:
        return URIRef(base + t.removeprefix(BASE)) if isinstance(t, URIRef) and t.startswith(BASE) else t

    out = Graph()
    out.namespace_manager = g.namespace_manager
    for s, p, o in g:
        out.add((move(s), p, move(o)))
    return out


EXAMPLE_GRAPH = Graph().parse(data=EXAMPLE, format="turtle")
TURTLE_PREFIXES = PREFIXES.replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")


def case_base(i: int) -> str:
    return f"https://example.org/case/{i}/"


def neighbourhood(g: Graph, roots: set[URIRef]) -> Graph:
    """The triples about `roots` and every node they link to (not through hkpr:mentions)."""
    out, seen, todo = Graph(), set(), list(roots)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in g.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, URIRef) and p != HKPR.mentions:
                todo.append(o)
    return out


def broken(i: int, case: Case) -> Graph:
    """Case i applied to a copy of EXAMPLE under its own base, cut down to the nodes it names and
    their neighbourhood (so that all cases are reasoned and validated together in seconds)."""
    base = case_base(i)
    copy = rebased(EXAMPLE_GRAPH, base)
    for subject, prop in case.change.drop:
        copy.remove((URIRef(base + subject), copy.namespace_manager.expand_curie(prop), None))
    copy.parse(data=f"@base <{base}> .\n{TURTLE_PREFIXES}\n{case.change.add}", format="turtle")
    named = {s for s, _ in case.change.drop} | set(re.findall(r"<([^>:]+)>", case.change.add))
    return neighbourhood(copy, {URIRef(base + n) for n in named | {e[0] for e in case.expected}})


@pytest.fixture(scope="module")
def results() -> dict[str, set[tuple[str, str, URIRef]]]:
    """All broken examples validated at once (one closure, one pyshacl run): results per case."""
    data = Graph()
    for i, case in enumerate(CASES):
        for t in broken(i, case):
            data.add(t)
    _, report = validate(reasoned(data))
    found: dict[str, set[tuple[str, str, URIRef]]] = defaultdict(set)
    for r in report.objects(None, SH.result):
        focus = str(report.value(r, SH.focusNode))
        i = int(focus.removeprefix("https://example.org/case/").split("/", 1)[0])
        message = str(report.value(r, SH.resultMessage))
        found[CASES[i].id].add(
            (focus.removeprefix(case_base(i)), message, report.value(r, SH.resultSeverity))
        )
    return found


def test_example_conforms() -> None:
    conforms, report = validate(reasoned(EXAMPLE_GRAPH))
    assert conforms, report.serialize(format="turtle")
    assert (None, RDF.type, SH.ValidationResult) not in report


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_example_is_caught(results: dict[str, set], case: Case) -> None:
    got = results.get(case.id, set())
    expected = {(e[0], e[1], e[2] if len(e) > 2 else SH.Violation) for e in case.expected}
    for focus, part, severity in expected:
        assert any(f == focus and part in m and s == severity for f, m, s in got), (focus, part, got)
    unexpected = {(f, m, s) for f, m, s in got if not any(f == e[0] and e[1] in m for e in expected)}
    assert not unexpected


def test_every_shape_and_property_shape_has_a_message() -> None:
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    assert len(node_shapes) >= 10 and len(property_shapes) >= 40
    for shape in property_shapes:
        message = shapes.value(shape, SH.message)
        assert message is not None and len(message) > 20 and message.language is None, shape
        assert shapes.value(shape, SH.severity) in (None, SH.Warning), shape
    targets = {shapes.value(s, SH.targetClass) for s in node_shapes}
    core = ("PressRelease", "Body", "Meeting", "Post", "Tenure", "Incumbency", "Zone")
    assert {HKPR[c] for c in core} <= targets
    assert {
        URIRef("http://xmlns.com/foaf/0.1/Person"),
        URIRef("http://www.w3.org/ns/org#Organization"),
    } <= targets


def test_every_constraint_kind_is_exercised_by_a_case(results: dict[str, set]) -> None:
    """Each property shape with a message is hit by at least one broken example."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    seen = {m for hits in results.values() for _, m, _ in hits}
    assert messages - seen == set()
