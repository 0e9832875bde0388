"""The fast SHACL validator gives pyshacl's results exactly (kg.validate is the reference)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.iris import DEFAULT_BASE
from kg.paths import REFERENCE_FILE, SAMPLE_DIR, ontology_files, shape_files
from kg.reason.fast import fast_inference
from kg.reason.synthetic import reference_triples, synthetic_graph
from kg.terms import ox_triples, parse_turtle_files
from kg.validate import Validation, load_shapes, validate
from kg.validate_fast import UnsupportedShape, validate_quads, validate_store

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

B = DEFAULT_BASE
PREFIXES = """
@prefix : <https://w3id.org/hkpr/id/> .
@prefix hkpr: <https://w3id.org/hkpr/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/ns#> .
@prefix release: <https://w3id.org/hkpr/id/release/> .
@prefix meeting: <https://w3id.org/hkpr/id/meeting/> .
@prefix person: <https://w3id.org/hkpr/id/person/> .
@prefix body: <https://w3id.org/hkpr/id/body/> .
@prefix orgn: <https://w3id.org/hkpr/id/org/> .
@prefix post: <https://w3id.org/hkpr/id/post/> .
@prefix tenure: <https://w3id.org/hkpr/id/tenure/> .
@prefix place: <https://w3id.org/hkpr/id/place/> .
@prefix zone: <https://w3id.org/hkpr/id/zone/> .
"""


def turtle(text: str) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(PREFIXES + text, format=ox.RdfFormat.TURTLE)]


def shapes_graph(text: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + text, format="turtle")


def same_as_pyshacl(triples: list, shapes: rdflib.Graph) -> Validation:
    """The fast result, after checking it equals pyshacl's (the same shapes graph object, so blank
    node shapes have the same names in both reports), from quads and from a store."""
    ref = validate(triples, shapes)
    fast = validate_quads(triples, shapes)
    a, b = Counter(ref.results), Counter(fast.results)
    assert a == b, (
        f"pyshacl only: {sorted((a - b).elements())[:5]}; fast only: {sorted((b - a).elements())[:5]}"
    )
    assert fast.conforms == ref.conforms
    assert fast.results == ref.results  # same order (both sorted)
    return fast


@pytest.fixture(scope="module")
def project_shapes() -> rdflib.Graph:
    if not shape_files():
        pytest.skip("shapes/ has no Turtle files yet")
    return load_shapes()


@pytest.fixture(scope="module")
def ontology() -> list[ox.Triple]:
    return parse_turtle_files(ontology_files())


BROKEN = """
release:P1 a hkpr:PressRelease ; dct:identifier "P1", "bad id" ; dct:date "2023-09-07"^^xsd:date, "2023-9-8"^^xsd:date ;
    dct:issued "2023-09-07T10:00:00Z"^^xsd:dateTime ; schema:url "http://example.org/x" ; dct:language "EN" ;
    hkpr:mentions "a literal" ; rdfs:label 5 .
release:P2 a hkpr:PressRelease .
meeting:m1 a hkpr:Meeting, foaf:Person ; rdfs:label "M1", "M one" , "M1"@zh ;
    hkpr:meetingOf person:p1, body:b2 ; hkpr:ordinal 0, "x"^^xsd:integer, "010"^^xsd:integer ;
    schema:startDate "2023-09-07"^^xsd:dateTime ; schema:location place:nolabel, "Hong Kong" ;
    hkpr:mode hkpr:Other ; hkpr:chair "Mr X" ; hkpr:participant orgn:o1 ; prov:wasDerivedFrom :thing .
meeting:m2 a hkpr:Meeting ; rdfs:label "M2" ; hkpr:meetingOf body:b2 ; schema:location place:ok ;
    prov:wasDerivedFrom release:P2 ; prov:value "It met." .
place:nolabel a schema:Place ; rdfs:label "Lieu"@fr .
place:ok a hkpr:Place ; rdfs:label "Hong Kong" .
person:p1 a foaf:Person ; rdfs:label "P1" ; foaf:name "P1", "P one" ; hkpr:honorific 3 .
person:p2 a foaf:Person ; rdfs:label "P2" .
body:b2 a hkpr:TaskForce, hkpr:Body, org:Organization, hkpr:Meeting ; rdfs:label "B2" ;
    skos:prefLabel "B2", "B two" ; org:subOrganizationOf "parent" .
orgn:o1 a org:Organization ; rdfs:label orgn:x .
post:s1 a hkpr:Post ; rdfs:label "S1" ; org:heldBy orgn:o1 ; org:postIn person:p2 .
tenure:t1 a hkpr:Tenure ; hkpr:post post:s1, post:s2 ; dct:date "2023-09-07" ; prov:value 4 .
:inc-1 a hkpr:Incumbency ; hkpr:post post:s1 ; hkpr:holder person:p1 ; hkpr:firstObserved "2024-01-01"^^xsd:date ;
    hkpr:lastObserved "2023-01-01"^^xsd:date, "2023-06-01"^^xsd:date ; hkpr:observation tenure:t1, tenure:t9 .
zone:z1 a hkpr:Zone ; rdfs:label "Z1" ; hkpr:partOf zone:z1, zone:z2 .
zone:z2 hkpr:partOf "z3" ; rdfs:label "Z2" .
"""


def test_broken_examples_of_every_shape_give_pyshacls_results(project_shapes, ontology):
    fast = same_as_pyshacl([*turtle(BROKEN), *ontology], project_shapes)
    assert not fast.conforms
    assert len({r.shape for r in fast.results}) > 20
    assert {r.severity for r in fast.results} == {"Violation", "Warning"}
    assert any(r.focus == B + "place/nolabel" and r.path.endswith("#label") for r in fast.results)


def test_the_shapes_own_broken_examples_give_pyshacls_results(project_shapes, ontology):
    """tests/test_shapes.py's cases (each a broken copy of its example), reasoned as the build does."""
    try:
        import test_shapes
    except ImportError as exc:
        pytest.skip(f"tests/test_shapes.py not importable: {exc}")
    data = rdflib.Graph()
    for i, case in enumerate(test_shapes.CASES):
        for t in test_shapes.broken(i, case):
            data.add(t)
    asserted = list(ox_triples(data))
    inferred = fast_inference(asserted, ontology, "https://example.org/case/").triples
    fast = same_as_pyshacl([*asserted, *ontology, *inferred], project_shapes)
    assert len(fast.results) >= len(test_shapes.CASES)


@pytest.mark.parametrize(
    "data",
    [
        'person:x a foaf:Person ; rdfs:label "X" ; foaf:name "X" .',  # conforms
        'person:x a foaf:Person ; rdfs:label "X" .',  # no foaf:name
        'person:x a foaf:Person ; rdfs:label "X", "Y" ; foaf:name "X", "Y" .',  # warnings only: conforms
        'body:b a hkpr:Committee ; rdfs:label "B" . meeting:m a hkpr:Meeting ; hkpr:meetingOf body:b .',
        "zone:a a hkpr:Zone ; hkpr:partOf zone:b . zone:b hkpr:partOf zone:a .",
    ],
)
def test_small_graphs_give_pyshacls_results(project_shapes, ontology, data):
    same_as_pyshacl([*turtle(data), *ontology], project_shapes)


def test_reasoned_synthetic_graph_conforms_in_both(project_shapes, ontology):
    data = synthetic_graph(30, seed=5)
    reference = parse_turtle_files([REFERENCE_FILE]) if REFERENCE_FILE.exists() else []
    static = [*ontology, *reference, *reference_triples(B, 30)]
    inferred = fast_inference(data, static, B).triples
    fast = same_as_pyshacl([*data, *static, *inferred], project_shapes)
    assert fast.conforms and not fast.violations


def test_store_and_memory_paths_agree(project_shapes, ontology, tmp_path):
    g = ox.NamedNode(B + "release/P1")
    quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in turtle(BROKEN)]
    store = ox.Store(str(tmp_path / "store"))
    store.bulk_extend(quads)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(B + "onto")) for t in ontology)
    paths = shape_files()
    from_store = validate_store(store, paths)
    from_memory = validate_quads([*quads, *ontology], paths)
    reference = validate([*quads, *ontology])
    blank = lambda v: Counter((r.severity, r.focus, r.path, r.message, r.value) for r in v.results)  # noqa: E731
    # shapes are parsed anew per call, so blank-node shape names differ: compare the rest
    assert blank(from_store) == blank(from_memory) == blank(reference)
    assert from_store.conforms == reference.conforms is False


CUSTOM_SHAPES = """
ex:Thing a rdfs:Class, sh:NodeShape ;
    sh:property [ sh:path ex:size ; sh:minExclusive 0 ; sh:maxInclusive 10 ; sh:message "size in (0, 10]" ] ;
    sh:property [ sh:path ex:kind ; sh:hasValue ex:good ; sh:message "kind must include ex:good" ] ;
    sh:property [ sh:path ex:code ; sh:pattern "^ab" ; sh:flags "i" ; sh:message "code starts with ab" ] ;
    sh:property [ sh:path ex:start ; sh:lessThanOrEquals ex:end ; sh:message "start <= end" ] ;
    sh:property [ sh:path ex:part ; sh:and ( [ sh:nodeKind sh:IRI ] [ sh:class ex:Part ] ) ; sh:message "parts are IRIs of ex:Part" ] ;
    sh:property [ sh:path ex:part ; sh:node ex:PartShape ; sh:message "parts are well-formed" ] ;
    sh:property [ sh:path ex:tag ; sh:in ( "a" "b" 1 ) ; sh:message "tag in a, b, 1" ] ;
    sh:property [ sh:path ex:label ; sh:qualifiedValueShape [ sh:datatype xsd:string ] ; sh:qualifiedValueShapesDisjoint true ;
                  sh:qualifiedMaxCount 1 ; sh:message "one plain label" ] ,
                [ sh:path ex:label ; sh:qualifiedValueShape [ sh:datatype rdf:langString ] ; sh:qualifiedValueShapesDisjoint true ;
                  sh:qualifiedMinCount 1 ; sh:message "a tagged label" ] .
ex:PartShape a sh:NodeShape ;
    sh:property [ sh:path ex:weight ; sh:datatype xsd:decimal ; sh:severity sh:Warning ; sh:message "weight is a decimal" ] ,
                [ sh:path ex:weight ; sh:minCount 1 ; sh:message "a part has a weight" ] .
ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ;
    sh:property [ sh:path ex:size ; sh:maxCount 0 ; sh:message "never reported" ] .
ex:Named a sh:NodeShape ; sh:targetNode ex:t1 , ex:nowhere ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:severity sh:Info ; sh:message "named" ] .
ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:part ; sh:nodeKind sh:BlankNodeOrIRI ; sh:message "parts are nodes" .
ex:OwnTargets a sh:PropertyShape ; sh:targetSubjectsOf ex:code ; sh:path ex:code ; sh:maxCount 1 ;
    sh:datatype xsd:string ; sh:severity sh:Warning ; sh:message "one string code" .
ex:Cycles a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [
    sh:message "{$this} links to {?value} which links back" ;
    sh:prefixes ex: ;
    sh:select "SELECT $this ?value WHERE { $this ex:link ?value . ?value ex:link $this . }" ] .
ex: sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/ns#"^^xsd:anyURI ] .
"""
CUSTOM_DATA = """
ex:SubThing rdfs:subClassOf ex:Thing .
ex:t1 a ex:Thing ; ex:size 0, 5, "7", 11.5 ; ex:kind ex:bad ; ex:code "ABc", "xab", 12 ;
    ex:start 3, 9 ; ex:end 5 ; ex:part ex:p1, ex:p2, "p3" ; ex:tag "a", "c", 1, "1" ;
    ex:label "one", "two", "un"@fr ; ex:link ex:t2 .
ex:t2 a ex:SubThing ; ex:kind ex:good ; ex:label "x"@en ; ex:link ex:t1 ; ex:start "2024-01-01"^^xsd:date ;
    ex:end "2023-01-01"^^xsd:date .
ex:p1 a ex:Part ; ex:weight 1.5 .
ex:p2 a ex:Part ; ex:weight "heavy" .
"""


def test_shacl_features_beyond_the_project_shapes_give_pyshacls_results():
    fast = same_as_pyshacl(turtle(CUSTOM_DATA), shapes_graph(CUSTOM_SHAPES))
    messages = Counter(r.message for r in fast.results)
    assert messages["start <= end"] == 2  # one result per failing pair of values
    assert "https://w3id.org/hkpr/id/" not in " ".join(messages)
    assert any(m.startswith("http://example.org/ns#t1 links to") for m in messages)
    assert {"Info", "Warning", "Violation"} <= {r.severity for r in fast.results}
    assert "never reported" not in messages


@pytest.mark.parametrize(
    ("shape", "named"),
    [
        ("sh:property [ sh:path ex:p ; sh:xone ( [ sh:minCount 1 ] ) ]", "xone"),
        ("sh:closed true", "closed"),
        ("sh:property [ sh:path ex:p ; sh:equals ex:q ]", "equals"),
        ("sh:property [ sh:path ex:p ; sh:minLength 2 ]", "minLength"),
        ("sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ]", "inversePath"),
        ("sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:p ; sh:object ex:o ]", "rule"),
        ('sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "a", "b"@fr ]', "message"),
    ],
)
def test_unsupported_shapes_are_refused_by_name(shape, named):
    shapes = shapes_graph(f"ex:S a sh:NodeShape ; sh:targetClass ex:C ; {shape} .")
    with pytest.raises(UnsupportedShape, match=named):
        validate_quads(turtle("ex:x a ex:C ."), shapes)


def test_results_needing_pyshacls_generated_messages_are_refused():
    shapes = shapes_graph(
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] ."
    )
    assert validate_quads(turtle("ex:x a ex:C ; ex:p 1 ."), shapes).conforms  # no result: no message needed
    with pytest.raises(UnsupportedShape, match="sh:message"):
        validate_quads(turtle("ex:x a ex:C ."), shapes)


# --- built graphs: the bundled sample and the dev releases, reasoned -------------------------------


def reasoned_graph(paths: list[Path]) -> list:
    try:
        from kg.build import static_triples
        from kg.extract import ExtractedRelease, extract_all
        from kg.iris import Iris
    except ImportError as exc:  # the extractor is still being written
        pytest.skip(f"extraction not available yet: {exc}")
    data = [q for e in extract_all(paths, Iris(B)) if isinstance(e, ExtractedRelease) for q in e.quads]
    if not data:
        pytest.skip("the extractor gave no triples for these inputs yet")
    ontology, reference = static_triples(B)
    inferred = fast_inference(data, [*ontology, *reference], B).triples
    return [*data, *ontology, *reference, *inferred]


def test_built_sample_graph_gives_pyshacls_results(project_shapes):
    same_as_pyshacl(reasoned_graph([SAMPLE_DIR]), project_shapes)


@pytest.mark.shared
def test_built_dev_graph_gives_pyshacls_results(project_shapes, dev_inputs):
    same_as_pyshacl(reasoned_graph([dev_inputs]), project_shapes)


def test_the_validators_data_read_from_lines_is_the_data_read_from_quads() -> None:
    from kg.validate_fast import Data, compile_shapes

    program = compile_shapes()
    triples = list(
        ox.parse(
            """@prefix hkpr: <https://w3id.org/hkpr/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            <http://e.org/t1> a hkpr:Tenure ; hkpr:post _:post ; hkpr:holder <http://e.org/p/é> ;
                hkpr:ordinal "010"^^xsd:integer ; <https://schema.org/startDate> "2020-01-01"^^xsd:date ;
                rdfs:label "a \\"quoted\\" line\\nbreak", "中文"@zh-hk, "plain" .
            _:post a org:Post ; rdfs:label "Post ." ; org:postIn <http://e.org/o> .
            <http://e.org/o> rdfs:label "tab\\there" ; <http://e.org/unread> "x" .""",
            format=ox.RdfFormat.TURTLE,
        )
    )
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines()
    from_quads = Data(program.predicates, program.sparql_predicates).add_quads(triples)
    from_lines = Data(program.predicates, program.sparql_predicates).add_lines([*lines, b""])
    assert from_lines.index == from_quads.index
    assert from_lines.sparql_triples == from_quads.sparql_triples
    label = from_lines.index[RDFS_LABEL]
    assert len(label["http://e.org/t1"]) == 3 and label["http://e.org/o"] == (("tab\there", XSD_STRING, ""),)
    ordinal = from_lines.index["https://w3id.org/hkpr/ontology#ordinal"]["http://e.org/t1"]
    assert ordinal == (("10", "http://www.w3.org/2001/XMLSchema#integer", ""),)  # as rdflib reads it
