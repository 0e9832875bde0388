"""The OWL ontology: metadata, term documentation, the axioms it may use, and owlrl's closure of it
over a small hand-written graph (the entailments researchers rely on, and no surprising ones)."""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "hkpr.ttl"
SHAPES_FILE = ROOT / "shapes" / "hkpr.ttl"
DOC_FILE = ROOT / "docs" / "ontology.md"

ONTOLOGY = URIRef("https://w3id.org/hkpr/ontology")
HKPR = Namespace("https://w3id.org/hkpr/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's strict XSD namespace warns under pytest
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's inconsistency report
ID = Namespace("https://w3id.org/hkpr/id/")

DATA = """
@base <https://w3id.org/hkpr/id/> .
@prefix hkpr:   <https://w3id.org/hkpr/ontology#> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix foaf:   <http://xmlns.com/foaf/0.1/> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix dct:    <http://purl.org/dc/terms/> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

<release/P2023090700255> a hkpr:PressRelease ;
    dct:identifier "P2023090700255" ; dct:date "2023-09-07"^^xsd:date ;
    schema:url <https://www.info.gov.hk/gia/general/202309/07/P2023090700255.htm> ;
    hkpr:mentions <body/jtf> , <person/sun-dong> , <org/cedd> , <zone/loop> .

<body/jtf> a hkpr:TaskForce ; rdfs:label "Joint Task Force" .
<body/scpp> a hkpr:Committee ; rdfs:label "Steering Committee on Population Policy" .

<person/sun-dong> a foaf:Person ; foaf:name "Sun Dong" ; rdfs:label "Sun Dong" ; hkpr:honorific "Professor" .
<person/wang-shourui> a foaf:Person ; foaf:name "Wang Shourui" ; rdfs:label "Wang Shourui" .
<person/eddie-mak> a foaf:Person ; foaf:name "Eddie Mak" ; rdfs:label "Eddie Mak" .
<person/alice-ho> a foaf:Person ; foaf:name "Alice Ho" ; rdfs:label "Alice Ho" .

<place/hong-kong> a hkpr:Place ; rdfs:label "Hong Kong" .

<meeting/jtf/10> a hkpr:Meeting ; rdfs:label "10th meeting of the Joint Task Force" ;
    hkpr:meetingOf <body/jtf> ; hkpr:ordinal 10 ; schema:startDate "2023-09-07"^^xsd:date ;
    schema:location <place/hong-kong> ; hkpr:mode hkpr:InPerson ;
    hkpr:chair <person/sun-dong> , <person/wang-shourui> ; hkpr:participant <person/eddie-mak> ;
    hkpr:representedOrganisation <org/cedd> ;
    prov:wasDerivedFrom <release/P2023090700255> ; prov:value "They co-chaired the 10th meeting." .

<org/hksar> a hkpr:Government ; rdfs:label "HKSAR Government" .
<org/devb> a hkpr:Bureau ; rdfs:label "Development Bureau" ; org:subOrganizationOf <org/hksar> .
<org/cedd> a hkpr:Department ; rdfs:label "Civil Engineering and Development Department" ;
    skos:prefLabel "Civil Engineering and Development Department" ; skos:altLabel "CEDD" ;
    org:subOrganizationOf <org/devb> .
<org/itb> a hkpr:Bureau ; rdfs:label "Innovation and Technology Bureau" ; hkpr:replacedBy <org/itib> .
<org/itib> a hkpr:Bureau ; rdfs:label "Innovation, Technology and Industry Bureau" .

<post/sitl> a hkpr:Post ; rdfs:label "Secretary for Innovation, Technology and Industry" ;
    org:heldBy <person/sun-dong> ; org:postIn <org/itib> .
<post/sdev> a hkpr:Post ; rdfs:label "Secretary for Development" ;
    org:heldBy <person/eddie-mak> , <person/alice-ho> .

<tenure/P2023090700255/sun-dong/sitl> a hkpr:Tenure ;
    hkpr:post <post/sitl> ; hkpr:holder <person/sun-dong> ; dct:date "2023-09-07"^^xsd:date ;
    prov:wasDerivedFrom <release/P2023090700255> ; prov:value "The Secretary ..., Professor Sun Dong, said." .

# The post of Secretary for Development over time: Eddie Mak observed 2022-07-01 and 2023-09-07,
# Alice Ho observed 2024-03-01 and 2024-06-01.
<tenure/P2022070100001/eddie-mak/sdev> a hkpr:Tenure ; hkpr:post <post/sdev> ;
    hkpr:holder <person/eddie-mak> ; dct:date "2022-07-01"^^xsd:date .
<tenure/P2023090700002/eddie-mak/sdev> a hkpr:Tenure ; hkpr:post <post/sdev> ;
    hkpr:holder <person/eddie-mak> ; dct:date "2023-09-07"^^xsd:date .
<tenure/P2024030100003/alice-ho/sdev> a hkpr:Tenure ; hkpr:post <post/sdev> ;
    hkpr:holder <person/alice-ho> ; dct:date "2024-03-01"^^xsd:date .
<tenure/P2024060100004/alice-ho/sdev> a hkpr:Tenure ; hkpr:post <post/sdev> ;
    hkpr:holder <person/alice-ho> ; dct:date "2024-06-01"^^xsd:date .
<incumbency/eddie-mak/sdev> a hkpr:Incumbency ; hkpr:post <post/sdev> ; hkpr:holder <person/eddie-mak> ;
    hkpr:firstObserved "2022-07-01"^^xsd:date ; hkpr:lastObserved "2023-09-07"^^xsd:date ;
    hkpr:observation <tenure/P2022070100001/eddie-mak/sdev> , <tenure/P2023090700002/eddie-mak/sdev> .
<incumbency/alice-ho/sdev> a hkpr:Incumbency ; hkpr:post <post/sdev> ; hkpr:holder <person/alice-ho> ;
    hkpr:firstObserved "2024-03-01"^^xsd:date ; hkpr:lastObserved "2024-06-01"^^xsd:date ;
    hkpr:observation <tenure/P2024030100003/alice-ho/sdev> , <tenure/P2024060100004/alice-ho/sdev> .

<zone/hk-park> a hkpr:Zone ; rdfs:label "Hong Kong Park" ; hkpr:partOf <zone/hetao> .
<zone/hetao> a hkpr:Zone ; rdfs:label "Hetao Co-operation Zone" ; hkpr:partOf <zone/gba> .
<zone/gba> a hkpr:Zone ; rdfs:label "Greater Bay Area" ; skos:altLabel "GBA" .
<zone/loop> a hkpr:Zone ; rdfs:label "Lok Ma Chau Loop" ; skos:altLabel "the Loop" ; hkpr:partOf <zone/gba> .
"""

# The classes of the core vocabulary and the superclasses each must have (../shared/design/vocabulary.md).
REQUIRED_SUPERCLASSES = {
    HKPR.PressRelease: {SCHEMA.NewsArticle, PROV.Entity},
    HKPR.Body: {ORG.Organization},
    HKPR.TaskForce: {HKPR.Body},
    HKPR.Meeting: {SCHEMA.Event},
    HKPR.Post: {ORG.Post},
    HKPR.Tenure: {PROV.Entity},
    HKPR.Zone: {SCHEMA.Place},
}
BODY_KINDS = ("TaskForce", "Committee", "WorkingGroup", "Council", "Commission", "Panel", "ExpertGroup",
              "JointConference")  # fmt: skip
CORE_PROPERTIES = ("meetingOf", "ordinal", "mode", "chair", "participant", "representedOrganisation",
                   "post", "holder", "honorific", "partOf", "mentions")  # fmt: skip

# What the ontology may say: the axioms the fast reasoner is compiled from, plus documentation.
AXIOM_PREDICATES = {RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf}
ANNOTATION_PREDICATES = {RDFS.label, RDFS.comment, RDFS.isDefinedBy, SKOS.prefLabel, OWL.versionInfo,
                         OWL.versionIRI, DCTERMS.title, DCTERMS.description, DCTERMS.license,
                         DCTERMS.created, DCTERMS.creator, VANN.preferredNamespacePrefix,
                         VANN.preferredNamespaceUri}  # fmt: skip
ALLOWED_TYPES = {OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.TransitiveProperty,
                 OWL.NamedIndividual, HKPR.MeetingMode}  # fmt: skip
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}

# Every type owlrl may give each data node (owl:Thing aside): nothing more, nothing less.
EXPECTED_TYPES = {
    ID["body/jtf"]: {HKPR.TaskForce, HKPR.Body, ORG.Organization, FOAF.Agent},
    ID["body/scpp"]: {HKPR.Committee, HKPR.Body, ORG.Organization, FOAF.Agent},
    ID["person/sun-dong"]: {FOAF.Person, FOAF.Agent},
    ID["person/eddie-mak"]: {FOAF.Person, FOAF.Agent},
    ID["meeting/jtf/10"]: {HKPR.Meeting, SCHEMA.Event, PROV.Entity},
    ID["release/P2023090700255"]: {HKPR.PressRelease, SCHEMA.NewsArticle, PROV.Entity},
    ID["post/sitl"]: {HKPR.Post, ORG.Post},
    ID["tenure/P2023090700255/sun-dong/sitl"]: {HKPR.Tenure, PROV.Entity},
    ID["incumbency/eddie-mak/sdev"]: {HKPR.Incumbency, PROV.Entity},
    ID["org/cedd"]: {HKPR.Department, ORG.Organization, FOAF.Agent},
    ID["org/hksar"]: {HKPR.Government, ORG.Organization, FOAF.Agent},
    ID["zone/hk-park"]: {HKPR.Zone, SCHEMA.Place},
    ID["place/hong-kong"]: {HKPR.Place, SCHEMA.Place},
    URIRef("https://www.info.gov.hk/gia/general/202309/07/P2023090700255.htm"): set(),
}


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def closure(data: str) -> Graph:
    """The ontology plus `data`, expanded by owlrl's OWL RL semantics."""
    g = ontology()
    g.parse(data=data, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def owlrl_errors(g: Graph) -> list[str]:
    """owlrl reports an inconsistency by adding an ErrorMessage node, not by raising."""
    return sorted(str(m) for e in g.subjects(RDF.type, ERR.ErrorMessage) for m in g.objects(e, ERR.error))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology()


@pytest.fixture(scope="module")
def closed() -> Graph:
    return closure(DATA)


def hkpr_terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(HKPR))}


# --- the file itself -------------------------------------------------------------------------------


def test_ontology_metadata(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert str(onto.value(ONTOLOGY, OWL.versionIRI)).startswith(str(ONTOLOGY) + "/")
    assert onto.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(ONTOLOGY, DCTERMS.created).datatype == XSD.date
    assert onto.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("hkpr")
    for p in (DCTERMS.title, DCTERMS.description):
        assert str(onto.value(ONTOLOGY, p) or "").strip(), p


def test_every_term_is_declared_labelled_commented_and_defined_here(onto: Graph) -> None:
    terms = hkpr_terms(onto)
    assert len(terms) >= 40
    for term in terms:
        assert set(onto.objects(term, RDF.type)) & DECLARATIONS, f"{term} is not declared"
        labels = list(onto.objects(term, RDFS.label))
        assert len(labels) == 1, f"{term} needs one rdfs:label"
        assert labels[0].language is None and labels[0].datatype is None, f"{term}: label must be plain"
        comment = onto.value(term, RDFS.comment)
        assert comment is not None and comment.language is None and len(comment) > 15, term
        assert onto.value(term, RDFS.isDefinedBy) == ONTOLOGY, term


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE], ids=["ontology", "shapes"])
def test_every_hkpr_name_used_is_defined_in_the_ontology(onto: Graph, path: Path) -> None:
    """A misspelt term (hkpr:meetinOf) in the ontology or the shapes would silently match nothing."""
    used = {t for triple in Graph().parse(path, format="turtle") for t in triple if isinstance(t, URIRef)}
    used = {t for t in used if t.startswith(str(HKPR))}
    assert used, path
    assert used <= hkpr_terms(onto), sorted(used - hkpr_terms(onto))


def test_core_vocabulary_is_present_with_its_superclasses(onto: Graph) -> None:
    for cls, supers in REQUIRED_SUPERCLASSES.items():
        assert supers <= set(onto.objects(cls, RDFS.subClassOf)), cls
    for kind in BODY_KINDS:
        assert (HKPR[kind], RDFS.subClassOf, HKPR.Body) in onto, kind
    for name in CORE_PROPERTIES:
        assert set(onto.objects(HKPR[name], RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    assert (HKPR.chair, RDFS.subPropertyOf, HKPR.participant) in onto
    assert (HKPR.partOf, RDFS.subPropertyOf, SCHEMA.containedInPlace) in onto
    assert (HKPR.partOf, RDF.type, OWL.TransitiveProperty) in onto
    assert (HKPR.mentions, RDFS.subPropertyOf, SCHEMA.mentions) in onto
    assert {HKPR.InPerson, HKPR.VideoConference} == set(onto.subjects(RDF.type, HKPR.MeetingMode))


def test_only_the_axioms_the_fast_reasoner_knows(onto: Graph) -> None:
    """No keys, functional properties, sameAs, disjointness, cardinalities or class expressions."""
    for s, p, o in onto:
        assert not isinstance(s, BNode) and not isinstance(o, BNode), (s, p, o)
        assert p in AXIOM_PREDICATES | ANNOTATION_PREDICATES, p
        if p == RDF.type:
            assert o in ALLOWED_TYPES, (s, o)
    # ORG's OrganizationalCollaboration would type the people of a meeting as organisations.
    assert not any(t.startswith(str(ORG)) and "Collaboration" in t for t in onto.all_nodes())


def test_datatype_properties_have_datatype_ranges(onto: Graph) -> None:
    for prop in onto.subjects(RDF.type, OWL.DatatypeProperty):
        ranges = list(onto.objects(prop, RDFS.range))
        assert ranges and all(r.startswith(str(XSD)) for r in ranges), prop
    for prop in onto.subjects(RDF.type, OWL.ObjectProperty):
        assert not any(r.startswith(str(XSD)) for r in onto.objects(prop, RDFS.range)), prop
    for prop in (RDFS.label, SKOS.altLabel, SKOS.prefLabel, FOAF.name, DCTERMS.date):
        assert (prop, RDFS.domain, None) not in onto and (prop, RDFS.range, None) not in onto, prop


def test_the_ontology_parses_and_closes_without_errors(onto: Graph) -> None:
    g = Graph()
    for t in onto:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert owlrl_errors(g) == []


# --- owlrl's closure over a small graph --------------------------------------------------------------


def test_closure_reports_no_inconsistency(closed: Graph) -> None:
    assert owlrl_errors(closed) == []


def test_error_nodes_are_found_when_owlrl_finds_an_inconsistency() -> None:
    """The check above can fail: an ill-typed ordinal is reported by owlrl as an error node."""
    bad = DATA.replace("hkpr:ordinal 10 ;", 'hkpr:ordinal "tenth"^^xsd:integer ;')
    errors = owlrl_errors(closure(bad))
    assert len(errors) == 1 and "tenth" in errors[0]


def test_bodies_are_organisations(closed: Graph) -> None:
    for body in (ID["body/jtf"], ID["body/scpp"]):
        assert (body, RDF.type, HKPR.Body) in closed
        assert (body, RDF.type, ORG.Organization) in closed


def test_chairs_are_participants_and_attendees_and_inverses_are_materialised(closed: Graph) -> None:
    meeting = ID["meeting/jtf/10"]
    for person in (ID["person/sun-dong"], ID["person/wang-shourui"]):
        assert (meeting, HKPR.participant, person) in closed
        assert (meeting, SCHEMA.attendee, person) in closed
        assert (person, HKPR.chaired, meeting) in closed
        assert (person, HKPR.attended, meeting) in closed
    eddie = ID["person/eddie-mak"]
    assert (eddie, HKPR.attended, meeting) in closed
    assert (eddie, HKPR.chaired, meeting) not in closed
    assert (meeting, HKPR.chair, eddie) not in closed


def test_holds_is_inferred_from_held_by(closed: Graph) -> None:
    assert (ID["person/sun-dong"], ORG.holds, ID["post/sitl"]) in closed
    assert (ID["person/alice-ho"], ORG.holds, ID["post/sdev"]) in closed
    assert (ID["org/itib"], ORG.hasPost, ID["post/sitl"]) in closed


def test_part_of_is_transitive_and_a_schema_containment(closed: Graph) -> None:
    assert (ID["zone/hk-park"], HKPR.partOf, ID["zone/gba"]) in closed
    assert (ID["zone/hk-park"], SCHEMA.containedInPlace, ID["zone/gba"]) in closed
    assert (ID["zone/gba"], HKPR.partOf, ID["zone/hk-park"]) not in closed
    assert (ID["zone/loop"], HKPR.partOf, ID["zone/hetao"]) not in closed


def test_sub_organisations_are_transitive(closed: Graph) -> None:
    assert (ID["org/cedd"], ORG.transitiveSubOrganizationOf, ID["org/hksar"]) in closed
    assert (ID["org/cedd"], ORG.subOrganizationOf, ID["org/hksar"]) not in closed
    assert (ID["org/hksar"], ORG.hasSubOrganization, ID["org/devb"]) in closed


def test_replacement_and_mentions_align_to_dcterms_and_schema(closed: Graph) -> None:
    assert (ID["org/itib"], HKPR.replaces, ID["org/itb"]) in closed
    assert (ID["org/itib"], DCTERMS.replaces, ID["org/itb"]) in closed
    assert (ID["org/itb"], DCTERMS.isReplacedBy, ID["org/itib"]) in closed
    assert (ID["release/P2023090700255"], SCHEMA.mentions, ID["zone/loop"]) in closed


def test_incumbencies_derive_from_their_tenures(closed: Graph) -> None:
    tenure = ID["tenure/P2022070100001/eddie-mak/sdev"]
    assert (ID["incumbency/eddie-mak/sdev"], PROV.wasDerivedFrom, tenure) in closed


@pytest.mark.parametrize("node", list(EXPECTED_TYPES), ids=lambda n: n.rsplit("/id/", 1)[-1])
def test_no_surprising_types(closed: Graph, node: URIRef) -> None:
    types = set(closed.objects(node, RDF.type)) - {OWL.Thing, RDFS.Resource}
    assert types == EXPECTED_TYPES[node]


def test_people_are_never_organisations_and_literals_only_get_datatypes(closed: Graph) -> None:
    people = set(closed.subjects(RDF.type, FOAF.Person))
    assert len(people) == 4
    assert not people & set(closed.subjects(RDF.type, ORG.Organization))
    assert not people & set(closed.subjects(RDF.type, ORG.Post))
    literal_types = {o for s, o in closed.subject_objects(RDF.type) if isinstance(s, Literal)}
    assert literal_types and all(str(t).startswith((str(XSD), str(RDF), str(RDFS))) for t in literal_types)


def test_no_two_distinct_nodes_are_merged(closed: Graph) -> None:
    merged = [(s, o) for s, o in closed.subject_objects(OWL.sameAs) if s != o and isinstance(s, URIRef)]
    assert merged == []


# --- "who held post X on date D" (the queries in docs/ontology.md) ---------------------------------


def doc_query(name: str) -> str:
    """The SPARQL block of docs/ontology.md that follows the line `<!-- query: name -->`."""
    text = DOC_FILE.read_text(encoding="utf-8")
    match = re.search(rf"<!-- query: {name} -->\s*```sparql\n(.*?)```", text, re.S)
    assert match, f"no query {name!r} in {DOC_FILE}"
    return match.group(1)


def ask(g: Graph, query: str, post: str, day: str) -> list[str]:
    values = f'VALUES (?post ?day) {{ (<{ID[post]}> "{day}"^^xsd:date) }}'
    query, n = re.subn(r"VALUES \(\?post \?day\) \{[^}]*\}", values, query)
    assert n == 1, "the documented query binds ?post and ?day with one VALUES clause"
    return [str(row.name) for row in g.query(query)]


@pytest.mark.parametrize(
    ("day", "held_on", "last_before"),
    [
        ("2022-07-01", ["Eddie Mak"], ["Eddie Mak"]),
        ("2023-01-15", ["Eddie Mak"], ["Eddie Mak"]),
        ("2023-12-01", [], ["Eddie Mak"]),  # between the two holders' observations
        ("2024-04-01", ["Alice Ho"], ["Alice Ho"]),
        ("2022-01-01", [], []),  # before anyone was observed
    ],
)
def test_documented_queries_answer_who_held_a_post_on_a_date(
    closed: Graph, day: str, held_on: list[str], last_before: list[str]
) -> None:
    assert ask(closed, doc_query("held-on"), "post/sdev", day) == held_on
    assert ask(closed, doc_query("last-observed-before"), "post/sdev", day) == last_before
