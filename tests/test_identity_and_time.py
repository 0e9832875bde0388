"""One entity, one node, at the right time: the reference data's periods (when names and parents
held) applied with the release's date, the other ways releases write a known name (a term before
it, a post's jurisdiction, an abbreviation inside it), and meeting IRIs of bodies that count their
meetings anew each term."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from kg.identity import canonical_post
from kg.iris import DEFAULT_BASE, HKPR, Iris
from kg.model import Extraction, Meeting, Organisation, Release, Tenure
from kg.reference import load_reference, parse_reference
from kg.resolve import Resolver, resolve

ID = DEFAULT_BASE
REF = load_reference()


def extraction(day: date, **records) -> Extraction:
    release = Release(id=f"P{day:%Y%m%d}00042", date=day, text="(made-up release)", source="test")
    return Extraction(release, **records)


def parents_in(resolved, iri: str) -> list[str]:
    """The chain of parents the release's graph gives an entity."""
    chain = []
    while (e := resolved.entities.get(iri)) is not None and e.parent is not None:
        chain.append(e.parent)
        iri = e.parent
    return chain


# ---------------------------------------------------------------------------------------------
# Time


@pytest.mark.parametrize(
    ("day", "bureau"),
    [
        (date(2005, 4, 1), "environment-transport-and-works-bureau"),
        (date(2013, 6, 3), "environment-bureau"),
        (date(2022, 6, 30), "environment-bureau"),
        (date(2022, 7, 1), "environment-and-ecology-bureau"),
    ],
)
def test_a_department_gets_the_bureau_it_was_under_on_the_release_day(day: date, bureau: str):
    said = "The Environmental Protection Department prosecuted three firms."
    out = resolve(
        extraction(day, organisations=[Organisation("Environmental Protection Department", said)]),
        Resolver.load(),
    )
    epd = ID + "org/environmental-protection-department"
    assert parents_in(out, epd) == [
        ID + f"org/{bureau}",
        ID + "org/government-of-the-hong-kong-special-administrative-region",
    ]
    if day < date(2022, 7, 1):  # the bureau formed in 2022 is not written into older releases
        assert ID + "org/environment-and-ecology-bureau" not in out.entities


def test_no_parent_on_a_day_the_reference_data_does_not_cover():
    said = "The Planning Department published a study."
    out = resolve(
        extraction(date(1999, 3, 2), organisations=[Organisation("Planning Department", said)]),
        Resolver.load(),
    )
    assert out.entities[ID + "org/planning-department"].parent is None


def test_a_department_with_no_periods_keeps_a_parent_only_while_the_parent_existed():
    r = Resolver.load()
    r.day = date(2030, 1, 1)
    assert (
        r.org("Government Laboratory").parent
        == ID + "org/government-of-the-hong-kong-special-administrative-region"
    )
    entry = REF.lookup("Registration and Electoral Office")
    assert REF.parent_on(entry, date(2004, 1, 1)) == ID + "org/constitutional-affairs-bureau"
    # a post of a bureau that was gone by then is given no parent on that day
    post = REF.lookup("Secretary for the Environment")
    assert REF.parent_on(post, date(2012, 1, 1)) == ID + "org/environment-bureau"
    assert REF.parent_on(post, date(2024, 1, 1)) is None


def test_a_name_two_entities_bore_in_different_eras_resolves_to_the_one_of_the_day():
    said = "the Secretary for Housing, Mr Ho Tai-wing, said today."
    tenure = Tenure("Ho Tai-wing", "Secretary for Housing", said, "Mr")
    old = resolve(extraction(date(2000, 5, 8), tenures=[tenure]), Resolver.load())
    new = resolve(extraction(date(2024, 5, 8), tenures=[tenure]), Resolver.load())
    (t_old,), (t_new,) = old.tenures, new.tenures
    assert t_old.post == ID + "post/secretary-for-housing-1997-2002"
    assert t_new.post == ID + "post/secretary-for-housing"
    assert old.entities[t_old.post].parent == ID + "org/housing-bureau-1997-2002"
    assert new.entities[t_new.post].parent == ID + "org/housing-bureau"


def test_the_reference_periods_are_consistent():
    for e in REF.entries.values():
        if e.start and e.end:
            assert e.start <= e.end, e.iri
        spans = [(p.start or date.min, p.end or date.max) for p in e.periods]
        assert all(a[1] < b[0] for a, b in pairwise(spans)), e.iri  # no two parents at once
        for p in e.periods:
            parent = REF.entries[p.parent]
            assert parent.exists_on(p.start or date.min) or parent.start is None, (e.iri, p)
            assert p.end is None or parent.exists_on(p.end), (e.iri, p)
        open_ended = [p.parent for p in e.periods if p.end is None]
        if open_ended:
            assert e.parents == tuple(open_ended), e.iri  # org:subOrganizationOf states today's parent


def test_periods_that_are_incomplete_or_backwards_are_refused(tmp_path: Path):
    head = (
        f"@prefix hkpr: <{HKPR}> . @prefix schema: <https://schema.org/> . "
        f"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'<{ID}org/a> a hkpr:Bureau ; rdfs:label "A" .\n<{ID}org/b> a hkpr:Bureau ; rdfs:label "B" .\n'
    )
    cases = {
        "needs one hkpr:child and one hkpr:parent": f"<{ID}org/b/under/a> a hkpr:ParentPeriod ; hkpr:child <{ID}org/b> .",
        "ends before it starts": (
            f"<{ID}org/b/under/a> a hkpr:ParentPeriod ; hkpr:child <{ID}org/b> ; hkpr:parent <{ID}org/a> ;"
            ' schema:startDate "2010-01-01" ; schema:endDate "2009-01-01" .'
        ),
        "not YYYY-MM-DD": f'<{ID}org/a> schema:startDate "July 2007" .',
    }
    for message, body in cases.items():
        bad = tmp_path / "ref.ttl"
        bad.write_text(head + body + "\n")
        with pytest.raises(ValueError, match=message):
            parse_reference(bad)


# ---------------------------------------------------------------------------------------------
# Identity


@pytest.mark.parametrize(
    ("written", "post"),
    [
        ("Chief Executive of the Hong Kong Special Administrative Region", "chief-executive"),
        ("HKSAR Chief Executive", "chief-executive"),
        ("Chief Secretary", "chief-secretary-for-administration"),
        ("Secretary for Justice of the HKSAR", "secretary-for-justice"),
        (
            "Secretary for Environment, Transport and Works",
            "secretary-for-the-environment-transport-and-works",
        ),
        ("Chief Executive of the HKMA", "chief-executive-of-the-hong-kong-monetary-authority"),
    ],
)
def test_a_known_post_written_another_way_is_the_one_post(written: str, post: str):
    r = Resolver.load()
    r.day = date(2006, 1, 9)
    e = r.post(written)
    assert e.iri == ID + f"post/{post}" and e.known
    assert written in e.alt_labels or written == e.label  # the release's own spelling is kept


def test_a_post_of_another_jurisdiction_is_not_cut_down_to_the_hong_kong_one():
    r = Resolver.load()
    e = r.post("Chief Executive of the Macao Special Administrative Region")
    assert e.iri != ID + "post/chief-executive" and not e.known


@pytest.mark.parametrize(
    ("written", "iri"),
    [
        ("Sixth Legislative Council", "body/legislative-council"),
        ("the Fourth Term HKSAR Government", "org/government-of-the-hong-kong-special-administrative-region"),
        ("LegCo Secretariat", "org/legislative-council-secretariat"),
        ("Government of Sichuan Province", "org/sichuan-provincial-peoples-government"),
        ("TPB Secretariat", "org/town-planning-board-secretariat"),
        ("Secretariat of the Town Planning Board", "org/town-planning-board-secretariat"),
        (
            "Joint Task Force on the Development of the Hong Kong-Shenzhen Innovation and Technology Park",
            "body/joint-task-force-on-the-development-of-the-hong-kong-shenzhen-innovation-and-technology-park-in-the-loop",
        ),
    ],
)
def test_a_known_body_or_organisation_written_another_way_is_one_node(written: str, iri: str):
    r = Resolver.load()
    e = r.body(written) if iri.startswith("body/") else r.org(written)
    assert e.iri == ID + iri and e.known


def test_a_term_before_an_unknown_name_is_not_taken_for_a_known_one():
    r = Resolver.load()
    assert not r.org("New World Development Company Limited").known
    assert not r.org("First Eastern Investment Group").known


# ---------------------------------------------------------------------------------------------
# Meetings of bodies that count anew each term


def meeting_iri(day: date, sentence: str, body: str, ordinal: int | None, held: date | None) -> str:
    m = Meeting(body=body, sentence=sentence, body_kind="Commission", ordinal=ordinal, date=held)
    (resolved,) = resolve(extraction(day, meetings=[m]), Resolver.load()).meetings
    return resolved.iri


def test_meeting_one_of_two_terms_are_two_meetings():
    first = meeting_iri(
        date(2012, 12, 10),
        "The Chief Secretary chaired the first meeting of the Commission on Poverty today.",
        "Commission on Poverty",
        1,
        date(2012, 12, 10),
    )
    again = meeting_iri(
        date(2018, 8, 23),
        "The Chief Secretary chaired the first meeting of the third-term Commission on Poverty today.",
        "Commission on Poverty",
        1,
        date(2018, 8, 23),
    )
    assert first != again
    assert first == ID + "meeting/commission-on-poverty/2012-12-10"
    # a second release reporting the same meeting on the same day gives the same node
    assert again == meeting_iri(
        date(2018, 8, 24),
        "The Commission on Poverty held its first meeting yesterday.",
        "Commission on Poverty",
        1,
        date(2018, 8, 23),
    )


def test_a_term_in_the_sentence_keys_an_undated_meeting_by_term_and_number():
    iri = meeting_iri(
        date(2021, 3, 1),
        "Members discussed the progress at the second meeting of the fourth-term Harbour Liaison Group.",
        "Harbour Liaison Group",
        2,
        None,
    )
    assert iri == ID + "meeting/harbour-liaison-group/term-4/2"


def test_a_body_that_numbers_its_meetings_throughout_keeps_the_ordinal_key():
    iri = meeting_iri(
        date(2023, 9, 7),
        "The Joint Task Force held its 10th meeting in Hong Kong today.",
        "Joint Task Force on the Development of the Hong Kong-Shenzhen Innovation and Technology Park",
        10,
        date(2023, 9, 7),
    )
    slug = "joint-task-force-on-the-development-of-the-hong-kong-shenzhen-innovation-and-technology-park-in-the-loop"
    assert iri == ID + f"meeting/{slug}/10"


def test_meeting_keys_without_a_day():
    iris = Iris()
    assert iris.meeting("Panel on Housing", 3, None, "P2016010100001", restarts=True) == (
        ID + "meeting/panel-on-housing/P2016010100001-3"
    )
    assert iris.meeting("Panel on Housing", None, None, "P2016010100001", restarts=True) == (
        ID + "meeting/panel-on-housing/P2016010100001"
    )


@pytest.mark.parametrize(
    "written",
    [
        "Zhuhai Vice Mayor",
        "Vice Mayor of Zhuhai",
        "Vice-Mayor of Zhuhai Municipality",
        "Vice Mayor of Zhuhai Municipal People's Government",
        "Zhuhai Municipal Government Vice Mayor",
    ],
)
def test_a_mainland_post_written_either_way_round_is_one_post(written: str):
    e = Resolver.load().post(written)
    assert (e.iri, e.label) == (ID + "post/vice-mayor-of-zhuhai", "Vice Mayor of Zhuhai")
    assert written == e.label or written in e.alt_labels


def test_party_and_region_posts_have_one_form_and_other_titles_are_left_as_written():
    r = Resolver.load()
    assert (
        r.post("CPC Hubei Provincial Committee Secretary").label
        == "Secretary of the CPC Hubei Provincial Committee"
    )
    assert r.post("Macao SAR Chief Executive").label == "Chief Executive of the Macao SAR"
    for as_written in ("Governor of the Bank of England", "Lord Mayor of London", "Director of Planning"):
        assert r.post(as_written).label == as_written


@pytest.mark.parametrize(
    ("written", "post", "known"),
    [
        ("HKMA Chief Executive", "chief-executive-of-the-hong-kong-monetary-authority", True),
        ("LegCo President", "president-of-the-legislative-council", True),
        (
            "Hong Kong and Macao Affairs Office Deputy Director",
            "deputy-director-of-the-hong-kong-and-macao-affairs-office",
            False,
        ),
        ("Harbour Council Chairperson", "chairperson-of-the-harbour-council", False),
        (
            "Executive Director of the HKTDC",
            "executive-director-of-the-hong-kong-trade-development-council",
            False,
        ),
        ("HKTDC Executive Director", "executive-director-of-the-hong-kong-trade-development-council", False),
        # the organisation after a comma, with a possessive, or without "the"
        (
            "Executive Director, Hong Kong Trade Development Council",
            "executive-director-of-the-hong-kong-trade-development-council",
            False,
        ),
        ("Chairperson of Harbour Council", "chairperson-of-the-harbour-council", False),
        ("Chairperson of SWHC", "chairperson-of-the-swhc", False),
        ("Federation's Vice-President", "vice-president-of-the-federation", False),
        (
            "Fujian's Department of Commerce Director-General",
            "fujian-department-of-commerce-director-general",
            False,
        ),
    ],
)
def test_a_title_after_its_organisation_and_an_abbreviated_organisation_give_one_post(
    written: str, post: str, known: bool
):
    e = Resolver.load().post(written)
    assert (e.iri, e.known) == (ID + f"post/{post}", known)
    assert written == e.label or written in e.alt_labels


def test_posts_of_the_bureaux_before_2002_are_known_and_replaced_by_those_after():
    r = Resolver.load()
    r.day = date(2000, 11, 3)
    works = r.post("Secretary for Works")
    assert works.known and works.parent == ID + "org/works-bureau"
    etw = REF.entries[ID + "post/secretary-for-the-environment-transport-and-works"]
    assert (
        ID + "post/secretary-for-works" in etw.replaces
        and ID + "post/secretary-for-transport" in etw.replaces
    )
    assert REF.entries[ID + "org/works-bureau"].end == date(2002, 6, 30)


@pytest.mark.parametrize(
    "written",
    [
        "Secretary of the CPC Shenzhen Municipal Committee",
        "CPC Shenzhen Municipal Committee Secretary",
        "Shenzhen Municipal Committee Secretary",
        "Party Secretary of the CPC Shenzhen Municipal Committee",
        "Party Secretary of the Shenzhen Municipal Committee",
    ],
)
def test_a_party_committees_secretary_is_one_post_however_written(written: str):
    assert canonical_post(written) == "Secretary of the CPC Shenzhen Municipal Committee"


def test_other_posts_of_a_party_committee_stay_apart():
    assert canonical_post("Deputy Secretary of the CPC Guangdong Provincial Committee") == (
        "Deputy Secretary of the CPC Guangdong Provincial Committee"
    )
    assert canonical_post("Standing Committee Member of the CPC Zhuhai Municipal Committee") == (
        "Standing Committee Member of the CPC Zhuhai Municipal Committee"
    )
