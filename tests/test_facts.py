"""The kinds of fact (kg.facts): each field of an Extraction is made, resolved and written by
exactly one kind, declared in one module, and the pipeline runs every kind's steps."""

from __future__ import annotations

import dataclasses
from datetime import date

from kg.emit import emit
from kg.facts import kinds
from kg.iris import Iris
from kg.model import Extraction, Release
from kg.recognise import recognise
from kg.resolve import Resolved, Resolver

RELEASE = Release(
    id="P2024031400400",
    date=date(2024, 3, 14),
    source="test",
    text=(
        "The Secretary for Development, Ms Bernadette Linn, chaired the second meeting of the Task Force "
        "on Harbourfront Shared Space today (March 14). Representatives of the Lands Department attended. "
        "The task force discussed the Northern Metropolis."
    ),
)


def test_each_field_of_an_extraction_is_one_kind_declared_once():
    names = [kind.name for kind in kinds()]
    fields = {f.name for f in dataclasses.fields(Extraction)} - {"release", "abbreviations"}
    assert len(names) == len(set(names)) and set(names) == fields
    for kind in kinds():
        assert all(isinstance(r, kind.record) for r in getattr(recognise(RELEASE), kind.name))
        if kind.emit is not None:  # a kind that writes triples of its own keeps its resolved records
            assert kind.name in {f.name for f in dataclasses.fields(Resolved)}


def test_every_kind_of_fact_reaches_the_graph():
    extraction = recognise(RELEASE)
    assert all(getattr(extraction, kind.name) for kind in kinds()), extraction
    written = "\n".join(map(str, emit(extraction, Resolver.load(Iris().base), Iris())))
    for expected in (
        "person/bernadette-linn",  # people
        "/tenure/P2024031400400/",  # tenures
        "org/lands-department",  # organisations
        "zone/northern-metropolis",  # zones
        "meeting/task-force-on-harbourfront-shared-space/2",  # meetings
    ):
        assert expected in written, expected


def test_an_acting_post_is_a_tenure_of_the_substantive_post_held_acting():
    release = dataclasses.replace(
        RELEASE,
        text="The Under Secretary for Housing, Mr Lam Kin-wai, will be the Acting Secretary for Housing.",
    )
    quads = [str(q) for q in emit(recognise(release), Resolver.load(Iris().base), Iris())]
    acting = [q for q in quads if "ontology#acting>" in q]
    assert len(acting) == 1 and '"true"^^' in acting[0] and "lam-kin-wai" in acting[0]
    tenure = acting[0].split()[0]  # the acting tenure's post is the Secretary for Housing
    posts = [q.split()[2] for q in quads if q.startswith(tenure) and "ontology#post>" in q]
    labels = {q.split(" ", 2)[2] for q in quads if q.split()[0] in posts and "#label>" in q}
    assert any('"Secretary for Housing"' in lab for lab in labels), labels
    assert not any(q for q in quads if '"Acting Secretary for Housing"' in q)
