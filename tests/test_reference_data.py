"""The reference data (data/reference.ttl): it parses, every entity is labelled and typed with a
class of the ontology, IRIs follow kg.iris, no name belongs to two entities, links point at
entities of the right kind, and renamed bureaux and posts are distinct nodes linked both ways."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.iris import DEFAULT_BASE, HKPR, ORG, RDFS, SKOS, slug
from kg.paths import REFERENCE_FILE, ontology_files
from kg.reference import entity_key, load_reference, parse_reference

REF = load_reference()
ID = DEFAULT_BASE


def test_the_file_parses_and_every_entity_has_a_label_and_a_preferred_label():
    triples = list(ox.parse(path=str(REFERENCE_FILE), format=ox.RdfFormat.TURTLE))
    periods = {t.subject.value for t in triples if t.object.value == HKPR + "ParentPeriod"}
    triples = [t for t in triples if t.subject.value not in periods]
    subjects = {t.subject.value for t in triples}
    assert subjects == set(REF.entries) and len(subjects) > 300
    labelled = {t.subject.value for t in triples if t.predicate.value == RDFS + "label"}
    preferred = {t.subject.value for t in triples if t.predicate.value == SKOS + "prefLabel"}
    assert labelled == preferred == subjects
    assert all(
        isinstance(t.object, ox.Literal) and t.object.value.strip()
        for t in triples
        if "Label" in t.predicate.value or t.predicate.value.endswith("label")
    )


def test_iris_follow_the_minting_pattern_so_minted_and_known_entities_coincide():
    for e in REF.entries.values():
        if e.iri.endswith(f"-{e.start.year if e.start else 1997}-{e.end.year if e.end else ''}"):
            # an entity that shares its name with a later one carries its years
            assert e.iri.startswith(f"{ID}{e.kind}/{slug(e.label)}-"), e.iri
            assert (e.kind, entity_key(e.label)) in REF.eras
            continue
        assert e.iri == f"{ID}{e.kind}/{slug(e.label)}", e.iri


def test_every_class_is_in_the_ontology():
    classes = {ORG + "Organization"}
    for path in ontology_files():
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if t.predicate.value.endswith("#type") and t.object.value.endswith("#Class"):
                classes.add(t.subject.value)
    if len(classes) == 1:
        pytest.skip("no ontology files yet")
    used = {
        t.object.value
        for t in ox.parse(path=str(REFERENCE_FILE), format=ox.RdfFormat.TURTLE)
        if t.predicate.value.endswith("#type")
    }
    assert used <= classes, used - classes


def test_no_name_belongs_to_two_entities_of_one_time():
    assert REF.conflicts == []
    owners: dict[str, list] = {}
    for e in REF.entries.values():
        for name in dict.fromkeys(entity_key(n) for n in e.names):
            owners.setdefault(name, []).append(e)
    for name, es in owners.items():
        if len(es) > 1:  # one name, several eras: none of them overlap
            spans = sorted((e.start or date.min, e.end or date.max) for e in es)
            assert all(a[1] < b[0] for a, b in pairwise(spans)), (name, [e.iri for e in es])


def test_links_point_at_entities_of_the_right_kind():
    for e in REF.entries.values():
        for p in e.parents:
            parent = REF.entries[p]
            expected = {"zone": {"zone"}, "post": {"org"}, "org": {"org"}, "body": {"body", "org"}}[e.kind]
            assert parent.kind in expected, (e.label, parent.label)
        for r in (*e.replaces, *e.replaced_by):
            assert REF.entries[r].kind == e.kind


def test_renamed_entities_are_distinct_nodes_linked_both_ways():
    pairs = [(e.iri, r) for e in REF.entries.values() for r in e.replaces]
    assert len(pairs) >= 20
    for new, old in pairs:
        assert new != old and REF.entries[new].label != REF.entries[old].label
        assert new in REF.entries[old].replaced_by
    for e in REF.entries.values():
        for r in e.replaced_by:
            assert e.iri in REF.entries[r].replaces
    itib = REF.entries[ID + "org/innovation-technology-and-industry-bureau"]
    assert itib.replaces == (ID + "org/innovation-and-technology-bureau",)
    siti = REF.entries[ID + "post/secretary-for-innovation-technology-and-industry"]
    assert siti.replaces == (ID + "post/secretary-for-innovation-and-technology",)
    assert siti.parents == (itib.iri,)


def test_well_known_names_and_links():
    assert REF.lookup("DEVB").label == "Development Bureau"
    assert REF.lookup("the Loop").label == "Lok Ma Chau Loop"
    assert REF.lookup("GBA").label == "Guangdong-Hong Kong-Macao Greater Bay Area"
    assert REF.lookup("Central Government").label == "Central People's Government"
    hkmao = REF.lookup("Hong Kong and Macao Affairs Office of the State Council")
    assert hkmao.parents == (ID + "org/state-council",)
    assert REF.lookup("San Tin Technopole").parents == (ID + "zone/northern-metropolis",)
    assert REF.lookup("Legislative Council").kind == "body"
    assert REF.lookup("Secretary for Development").parents == (ID + "org/development-bureau",)


def test_zone_and_organisation_classes():
    assert {e.cls for e in REF.of_kind("zone")} == {"Zone"}
    assert {e.cls for e in REF.of_kind("post")} == {"Post"}
    assert {e.cls for e in REF.of_kind("body")} <= {
        "Body",
        "TaskForce",
        "Committee",
        "WorkingGroup",
        "Council",
        "Commission",
        "Panel",
        "ExpertGroup",
        "JointConference",
    }


def test_a_file_with_an_unlabelled_entity_is_refused(tmp_path: Path):
    bad = tmp_path / "ref.ttl"
    bad.write_text(f"<{ID}org/x> a <{HKPR}Bureau> .\n")
    with pytest.raises(ValueError, match="no rdfs:label"):
        parse_reference(bad)


def test_a_file_with_iris_outside_the_base_is_refused(tmp_path: Path):
    bad = tmp_path / "ref.ttl"
    bad.write_text(f'<http://example.org/x> a <{HKPR}Bureau> ; <{RDFS}label> "X" .\n')
    with pytest.raises(ValueError, match="outside"):
        parse_reference(bad)


def test_other_names_of_departments_offices_and_zones():
    assert REF.lookup("the Police").label == "Hong Kong Police Force"
    assert REF.lookup("HKETO Tokyo").label == "Hong Kong Economic and Trade Office in Tokyo"
    assert REF.lookup("Hong Kong Economic and Trade Office, Tokyo").label.endswith("in Tokyo")
    qianhai = REF.lookup("Hong Kong/Shenzhen Modern Service Industries Cooperation Zone")
    assert qianhai.label == "Qianhai Shenzhen-Hong Kong Modern Service Industry Co-operation Zone"
    assert REF.lookup("WHO").parents == (ID + "org/united-nations",)
    assert REF.lookup("New Territories North New Town").parents == (ID + "zone/northern-metropolis",)
