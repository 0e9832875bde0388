"""The fast reasoner gives exactly owlrl's useful closure (kg.reason.reference is the reference)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.iris import DEFAULT_BASE
from kg.paths import REFERENCE_FILE, ROOT, SAMPLE_DIR, ontology_files
from kg.reason import Inference, is_useful
from kg.reason.fast import UnsupportedAxiom, fast_inference
from kg.reason.lines import infer_lines, text_rules
from kg.reason.reference import owlrl_inference
from kg.reason.rules import compile_rules, is_schema_triple
from kg.reason.synthetic import reference_triples, synthetic_graph
from kg.terms import parse_turtle_files

B = DEFAULT_BASE
PREFIXES = f"""
@prefix : <{B}> .
@prefix release: <{B}release/> .
@prefix body: <{B}body/> .
@prefix meeting: <{B}meeting/> .
@prefix person: <{B}person/> .
@prefix post: <{B}post/> .
@prefix tenure: <{B}tenure/> .
@prefix zone: <{B}zone/> .
@prefix orgn: <{B}org/> .
@prefix hkpr: <https://w3id.org/hkpr/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/ns#> .
"""
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
HKPR = "https://w3id.org/hkpr/ontology#"


def turtle(text: str) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(PREFIXES + text, format=ox.RdfFormat.TURTLE)]


def quads(text: str, graph: str = B + "release/P1") -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in turtle(text)]


def t(s: str, p: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))


@pytest.fixture(scope="module")
def ontology() -> list[ox.Triple]:
    """The project's ontology alone (owlrl is quick on it: the targeted cases use it)."""
    files = ontology_files()
    if not files:
        pytest.skip("ontology/ has no Turtle files yet")
    return parse_turtle_files(files)


@pytest.fixture(scope="module")
def static(ontology) -> list[ox.Triple]:
    """What the build reasons with: the ontology and the reference data (zones, organisations)."""
    return ontology + (parse_turtle_files([REFERENCE_FILE]) if REFERENCE_FILE.exists() else [])


def both(data: list, ontology: list[ox.Triple], base: str = B) -> tuple[Inference, Inference]:
    """The fast and the owlrl inference, after checking they agree exactly (triples and errors)."""
    fast = fast_inference(data, ontology, base)
    ref = owlrl_inference(data, ontology, base)
    assert fast.engine == "fast"
    missing, extra = ref.triples - fast.triples, fast.triples - ref.triples
    assert not missing and not extra, (
        f"owlrl only: {sorted(map(str, missing))[:10]}; fast only: {sorted(map(str, extra))[:10]}"
    )
    assert fast.errors == ref.errors
    asserted = {x.triple if isinstance(x, ox.Quad) else x for x in data} | set(ontology)
    assert all(is_useful(x, base) for x in fast.triples)
    assert not fast.triples & asserted
    same_over_lines(data, ontology, base, fast)
    return fast, ref


def same_over_lines(data: list, ontology: list[ox.Triple], base: str, fast: Inference) -> None:
    """The fast engine over N-Triples lines (kg.reason.lines, the build's) gives the same triples,
    byte for byte, and errors, where the data states no axioms of its own."""
    triples = [x.triple if isinstance(x, ox.Quad) else x for x in data]
    if any(is_schema_triple(x) for x in triples):
        return
    lines = ox.serialize([*ontology, *triples], format=ox.RdfFormat.N_TRIPLES).splitlines()
    found, errors = infer_lines(lines, text_rules(compile_rules(ontology, base)), base)
    expected = ox.serialize(fast.triples, format=ox.RdfFormat.N_TRIPLES) if fast.triples else b""
    assert sorted(b"%s %s %s ." % t for t in found) == sorted(expected.splitlines())
    assert errors == fast.errors


TARGETED = """
release:P1 a hkpr:PressRelease ; hkpr:mentions body:tf , person:a .
body:tf a hkpr:TaskForce ; rdfs:label "Joint Task Force" .
meeting:tf-10 a hkpr:Meeting ; hkpr:meetingOf body:tf ; hkpr:ordinal 10 ;
    hkpr:chair person:a , person:b ; hkpr:participant person:c ;
    hkpr:representedOrganisation orgn:devb .
post:sitI org:heldBy person:a ; org:postIn orgn:itib .
tenure:P1-a-s hkpr:post post:sitI ; hkpr:holder person:a .
zone:z1 hkpr:partOf zone:z2 . zone:z2 hkpr:partOf zone:z3 . zone:z3 hkpr:partOf zone:z4 .
zone:z4 hkpr:partOf zone:z5 .
orgn:itib org:subOrganizationOf orgn:gov . orgn:gov org:subOrganizationOf orgn:cpg .
post:old hkpr:replacedBy post:sitI .
:incumbency-a hkpr:observation tenure:P1-a-s .
person:a hkpr:honorific "Professor" ; owl:sameAs person:a .
"""


@pytest.fixture(scope="module")
def targeted(ontology) -> Inference:
    fast, _ = both(quads(TARGETED), ontology)
    return fast


def test_subclass_chain_types_a_task_force_as_body_organisation_and_agent(targeted):
    tf = B + "body/tf"
    for cls in (HKPR + "Body", "http://www.w3.org/ns/org#Organization", "http://xmlns.com/foaf/0.1/Agent"):
        assert t(tf, RDF_TYPE.value, cls) in targeted.triples
    assert t(tf, RDF_TYPE.value, HKPR + "TaskForce") not in targeted.triples  # asserted, not inferred


def test_chairs_are_participants_and_attendees_with_inverses(targeted):
    m = B + "meeting/tf-10"
    for who in ("a", "b"):
        p = B + "person/" + who
        assert t(m, HKPR + "participant", p) in targeted.triples
        assert t(m, "https://schema.org/attendee", p) in targeted.triples
        assert t(p, HKPR + "chaired", m) in targeted.triples
        assert t(p, HKPR + "attended", m) in targeted.triples
        assert t(p, RDF_TYPE.value, "http://xmlns.com/foaf/0.1/Person") in targeted.triples
    c = B + "person/c"
    assert t(c, HKPR + "attended", m) in targeted.triples
    assert t(c, HKPR + "chaired", m) not in targeted.triples


def test_held_by_gives_holds_and_domain_range_types(targeted):
    assert t(B + "person/a", "http://www.w3.org/ns/org#holds", B + "post/sitI") in targeted.triples
    assert t(B + "post/sitI", RDF_TYPE.value, "http://www.w3.org/ns/org#Post") in targeted.triples
    assert t(B + "org/itib", "http://www.w3.org/ns/org#hasPost", B + "post/sitI") in targeted.triples
    assert t(B + "tenure/P1-a-s", RDF_TYPE.value, "http://www.w3.org/ns/org#Post") not in targeted.triples
    assert t(B + "post/sitI", RDF_TYPE.value, HKPR + "Post") in targeted.triples  # range of hkpr:post


def test_part_of_is_transitive_over_long_chains(targeted):
    for i, j in [(1, 3), (1, 4), (1, 5), (2, 4), (2, 5), (3, 5)]:
        assert t(B + f"zone/z{i}", HKPR + "partOf", B + f"zone/z{j}") in targeted.triples
        assert (
            t(B + f"zone/z{i}", "https://schema.org/containedInPlace", B + f"zone/z{j}") in targeted.triples
        )
    assert t(B + "zone/z5", HKPR + "partOf", B + "zone/z1") not in targeted.triples
    orgs = "http://www.w3.org/ns/org#transitiveSubOrganizationOf"
    assert t(B + "org/itib", orgs, B + "org/cpg") in targeted.triples


def test_no_noise_in_the_useful_closure(targeted):
    sames = [x for x in targeted.triples if x.predicate.value.endswith("#sameAs")]
    assert sames == []
    assert all(
        isinstance(x.subject, ox.NamedNode) and x.subject.value.startswith(B) for x in targeted.triples
    )
    assert not [x for x in targeted.triples if x.object.value == "http://www.w3.org/2002/07/owl#Thing"]
    assert not [x for x in targeted.triples if isinstance(x.object, ox.Literal)]


def test_other_base_and_ill_typed_literals_are_reported_like_owlrl(ontology):
    base = "http://example.org/kg/"
    data = quads(
        """
        <http://example.org/kg/meeting/x> hkpr:ordinal "ten"^^xsd:integer ; hkpr:meetingOf <http://example.org/kg/body/y> ;
            <http://schema.org/startDate> "2023-9-7"^^xsd:date .
        meeting:y hkpr:meetingOf body:z .
        """,
        graph="http://example.org/kg/release/P2",
    )
    fast, _ = both(data, ontology, base)
    assert any("'ten' does not match its datatype" in e for e in fast.errors)
    assert not [x for x in fast.triples if x.subject.value.startswith(B)]  # other base: not useful


def test_constructs_the_project_ontology_does_not_use_yet():
    """Equivalences, symmetry, subproperties of data properties and datatype-typed resources."""
    test_ontology = turtle(
        """
        ex:A owl:equivalentClass ex:B . ex:B rdfs:subClassOf ex:C . ex:C rdfs:subClassOf ex:A .
        ex:p owl:equivalentProperty ex:q . ex:q rdfs:domain ex:D ; rdfs:range ex:E .
        ex:near a owl:SymmetricProperty , owl:TransitiveProperty ; rdfs:subPropertyOf ex:related .
        ex:related owl:inverseOf ex:relatedFrom .
        ex:code rdfs:subPropertyOf ex:label ; rdfs:range xsd:integer .
        ex:D a owl:Class . ex:p a owl:ObjectProperty .
        """
    )
    data = quads(
        """
        :x a ex:B ; ex:p :y ; ex:near :z ; ex:code "010"^^xsd:integer , "7"^^xsd:integer .
        :x ex:label "7"^^xsd:integer .
        :z ex:near :w . :w ex:code :n . :v a xsd:integer .
        """
    )
    fast, _ = both(data, test_ontology)
    assert t(B + "w", "http://example.org/ns#near", B + "w") in fast.triples  # symmetric + transitive
    assert t(B + "x", RDF_TYPE.value, "http://example.org/ns#A") in fast.triples
    assert t(B + "n", RDF_TYPE.value, "http://www.w3.org/2001/XMLSchema#integer") in fast.triples


def test_schema_statements_in_the_data_are_compiled_too(ontology):
    data = quads(
        """
        ex:Secretariat rdfs:subClassOf hkpr:Body .
        body:s a ex:Secretariat . :m hkpr:meetingOf body:s .
        """
    )
    fast, _ = both(data, ontology)
    assert t(B + "body/s", RDF_TYPE.value, "http://www.w3.org/ns/org#Organization") in fast.triples


@pytest.mark.parametrize(
    ("schema", "construct"),
    [
        ("ex:p a owl:FunctionalProperty .", "FunctionalProperty"),
        ("ex:A owl:disjointWith ex:B .", "disjointWith"),
        ("ex:C owl:hasKey ( ex:p ) .", "hasKey"),
        (
            "ex:A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:someValuesFrom ex:B ] .",
            "Restriction",
        ),
        ("ex:p owl:propertyChainAxiom ( ex:q ex:r ) .", "propertyChainAxiom"),
        (":x owl:sameAs :y .", "sameAs"),
        ("ex:p rdfs:subPropertyOf rdf:type .", "type"),
        (":LocalClass a owl:Class .", "data node"),
    ],
)
def test_unsupported_axioms_are_refused_by_name(schema, construct):
    prefixes = "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    with pytest.raises(UnsupportedAxiom, match=construct):
        fast_inference(quads(":x ex:p :y ."), turtle(prefixes + schema), B)
    # the same construct stated in the data is refused too
    with pytest.raises(UnsupportedAxiom, match=construct):
        fast_inference(quads(prefixes + schema + ":x ex:p :y ."), [], B)


def test_the_ontology_is_compiled_once_when_the_data_states_no_axioms(static, monkeypatch):
    import kg.reason.fast as fast

    calls = []
    real = fast.compile_rules
    monkeypatch.setattr(fast, "compile_rules", lambda *a, **k: calls.append(1) or real(*a, **k))
    fast.fast_inference(quads(TARGETED + "person:a a owl:NamedIndividual ."), static, B)
    assert len(calls) <= 2  # the ontology's, and the data's (declarations only: no recompilation)


def test_an_empty_graph_infers_nothing(ontology):
    assert fast_inference([], ontology, B).triples == set()


# --- real extracted graphs: the bundled sample, generated releases, the dev releases -----------------


def extracted_quads(paths: list[Path]) -> list[ox.Quad]:
    from kg.extract import ExtractedRelease, extract_all
    from kg.iris import Iris

    return [q for e in extract_all(paths, Iris(B)) if isinstance(e, ExtractedRelease) for q in e.quads]


def generated_quads(folder: Path) -> list[ox.Quad]:
    generator = ROOT / "bench" / "generate.py"
    if not generator.exists():
        return []
    subprocess.run(
        [sys.executable, str(generator), "--releases", "25", "--seed", "3", "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    return extracted_quads([folder])


def test_extracted_and_synthetic_corpora_equal_owlrl(static, tmp_path):
    """The bundled sample and generated releases through the extractor, and the synthetic graph
    generator's release graphs, reasoned together with the reference data (one owlrl run)."""
    data = [
        *extracted_quads([SAMPLE_DIR]),
        *generated_quads(tmp_path / "generated"),
        *synthetic_graph(25, seed=3),
    ]
    fast, _ = both(data, [*static, *reference_triples(B, 25)])
    assert len(fast.triples) > 500


@pytest.mark.shared
def test_dev_releases_equal_owlrl(static, dev_inputs):
    fast, _ = both(extracted_quads([dev_inputs]), static)
    assert fast.triples


@pytest.mark.parametrize(
    ("datatype", "forms"),
    [
        ("integer", ["0", "10", "-7", "007", "-0", "+5", "1_000", "١٢", " 1", "1.0", "x", ""]),
        (
            "date",
            ["2023-09-07", "0999-01-01", "2023-9-7", "2023-02-30", "0000-01-01", "2023-09-07Z", "20230907"],
        ),
        (
            "dateTime",
            [
                "2023-09-07T10:30:00+08:00",
                "2023-09-07T10:30:00",
                "2023-09-07T10:30:00-05:30",
                "2023-09-07T10:30:00Z",
                "2023-09-07T10:30:00-00:00",
                "2023-09-07T24:00:00",
                "2023-09-07T10:30:00.5+08:00",
                "2023-09-07 10:30:00",
            ],
        ),
    ],
)
def test_literals_taken_as_written_are_exactly_those_rdflib_and_owlrl_take_so(datatype, forms):
    """is_canonical (the shortcut both fast engines take) never says yes where rdflib would rewrite
    the form, give no value of the datatype's type, or owlrl would report it as ill-typed."""
    import datetime

    import rdflib
    from owlrl.DatatypeHandling import AltXSDToPYTHON

    from kg.reason.literals import is_canonical

    iri = "http://www.w3.org/2001/XMLSchema#" + datatype
    kind = {"integer": int, "date": datetime.date, "dateTime": datetime.datetime}[datatype]
    said_yes = 0
    for lexical in forms:
        if not is_canonical(lexical, iri):
            continue
        said_yes += 1
        lit = rdflib.Literal(lexical, datatype=rdflib.URIRef(iri))
        assert str(lit) == lexical and isinstance(lit.value, kind) and not lit.ill_typed
        AltXSDToPYTHON[lit.datatype](str(lit))  # owlrl's dt-not-type check passes
    assert said_yes >= 2
