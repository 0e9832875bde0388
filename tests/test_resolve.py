"""Names -> IRIs (kg.resolve): reference data, normalised names, per-release aliases, minting,
re-basing, and whole extractions."""

from __future__ import annotations

from datetime import date

from kg.iris import DEFAULT_BASE, HKPR, ORG, Iris
from kg.model import Extraction, Meeting, Organisation, Person, Release, Tenure, Zone
from kg.reference import load_reference
from kg.resolve import ReleaseAliases, Resolver, resolve

R = Resolver.load()
ID = DEFAULT_BASE


def release(text: str = "", rid: str = "P2030020200003") -> Release:
    return Release(id=rid, date=date(2030, 2, 2), text=text, source="test")


def test_reference_entity_by_any_spelling_of_its_name():
    a = R.org("Civil Engineering and Development Department")
    b = R.org("Civil Engineering & Development Department")
    c = R.org("CEDD")
    assert a.iri == b.iri == c.iri == ID + "org/civil-engineering-and-development-department"
    assert a.known and a.cls == "Department" and "CEDD" in a.alt_labels
    assert a.parent == ID + "org/development-bureau"
    assert a.parent_property == ORG + "subOrganizationOf"


def test_government_written_several_ways_is_one_entity():
    iris = {
        R.org(n).iri
        for n in (
            "the Government of the Hong Kong Special Administrative Region",
            "Hong Kong Special Administrative Region Government",
            "HKSAR Government",
            "the Government of the HKSAR",
            "Hong Kong SAR Government",
        )
    }
    assert iris == {ID + "org/government-of-the-hong-kong-special-administrative-region"}
    assert R.org("Government of Jiangsu").iri == R.org("Jiangsu Provincial Government").iri


def test_zone_short_forms_and_cooperation_spellings():
    gba = R.zone("Guangdong-Hong Kong-Macao Greater Bay Area")
    assert R.zone("GBA").iri == R.zone("the Bay Area").iri == gba.iri
    hetao = R.zone("Shenzhen-Hong Kong Innovation and Technology Cooperation Zone")
    assert hetao.label == "Hetao Shenzhen-Hong Kong Science and Technology Innovation Co-operation Zone"
    assert hetao.parent == gba.iri and hetao.parent_property == HKPR + "partOf"
    assert R.zone("Hong Kong-Shenzhen I&T Park").label == "Hong Kong-Shenzhen Innovation and Technology Park"


def test_unknown_names_are_minted_with_a_class_from_the_head_noun():
    e = R.org("Harbour Engineering Co Ltd", ("HECL",))
    assert e.iri == Iris().org("Harbour Engineering Co Ltd")
    assert (e.cls, e.label, e.alt_labels, e.known) == (
        "Company",
        "Harbour Engineering Co Ltd",
        ("HECL",),
        False,
    )
    z = R.zone("Songshan Lake Science and Technology Park")
    assert z.iri == ID + "zone/songshan-lake-science-and-technology-park" and z.cls == "Zone"
    assert R.org("Zhuhai Municipal Development and Reform Commission").cls == "Department"


def test_spellings_of_an_unknown_name_share_one_iri_and_one_label():
    a, b = R.org("Hong Kong & Fujian Youth Office"), R.org("Hong Kong and Fujian Youth Office")
    assert a.iri == b.iri and a.label == b.label == "Hong Kong and Fujian Youth Office"
    assert a.alt_labels == ("Hong Kong & Fujian Youth Office",)
    assert R.post("Vice-Premier of the State Council").iri == R.post("Vice Premier of the State Council").iri


def test_two_letter_abbreviations_resolve_only_within_the_release():
    assert not R.org("LD").known
    aliases = ReleaseAliases({"LD": "Labour Department"})
    assert R.org("LD", aliases=aliases).iri == ID + "org/labour-department"


def test_renamed_bureaux_and_posts_stay_distinct_and_linked():
    itb = R.org("Innovation and Technology Bureau")
    itib = R.org("Innovation, Technology and Industry Bureau")
    assert itb.iri != itib.iri
    ref = load_reference()
    assert ref.entries[ID + "org/innovation-and-technology-bureau"].replaced_by == (
        ID + "org/innovation-technology-and-industry-bureau",
    )
    old, new = R.post("Secretary for Innovation and Technology"), R.post("SITI")
    assert old.iri != new.iri
    assert new.label == "Secretary for Innovation, Technology and Industry"
    assert new.parent == itib.iri and new.parent_property == ORG + "postIn"
    assert old.parent == itb.iri


def test_bodies_by_reference_abbreviation_and_term():
    assert (
        R.body("second-term Human Resources Planning Commission").iri
        == ID + "body/human-resources-planning-commission"
    )
    assert R.body("Human Resources Planning Commission").cls == "Commission"
    aliases = ReleaseAliases({"PTF": "Port Traffic Task Force"})
    e = R.body("PTF", "TaskForce", aliases)
    assert (e.iri, e.cls, e.label) == (
        ID + "body/port-traffic-task-force",
        "TaskForce",
        "Port Traffic Task Force",
    )


def test_base_other_than_the_default_rebases_reference_iris():
    other = Resolver.load("http://example.org/kg/")
    e = other.org("CEDD")
    assert e.iri == "http://example.org/kg/org/civil-engineering-and-development-department"
    assert e.parent == "http://example.org/kg/org/development-bureau"
    assert other.org("Harbour Engineering Co Ltd").iri.startswith("http://example.org/kg/org/")
    assert other.reference is R.reference  # the file is parsed once per process


def test_people_and_places():
    p = R.person("Sun  Dong", "Professor")
    assert (p.iri, p.label, p.honorific, p.cls) == (ID + "person/sun-dong", "Sun Dong", "Professor", "Person")
    assert R.place("Shenzhen").iri == ID + "place/shenzhen"


def test_resolve_a_whole_release():
    rel = release(
        "The Secretary for Development, Ms Chan Mei, chaired the 3rd meeting of the Port Traffic Task "
        "Force (PTF) today. Representatives from the Civil Engineering and Development Department (CEDD) "
        "and the Taiwan Affairs Office of the State Council attended. The Loop was discussed."
    )
    ext = Extraction(
        release=rel,
        people=[Person("Chan Mei", "Ms")],
        tenures=[Tenure("Chan Mei", "Secretary for Development", "s1", "Ms")],
        organisations=[
            Organisation("Civil Engineering and Development Department", "s2", ("CEDD",)),
            Organisation("Taiwan Affairs Office of the State Council", "s2", part_of="State Council"),
            Organisation("State Council", "s2"),
        ],
        zones=[Zone("Lok Ma Chau Loop", "s3", ("the Loop",))],
        abbreviations={
            "PTF": "Port Traffic Task Force",
            "CEDD": "Civil Engineering and Development Department",
        },
        meetings=[
            Meeting(
                "PTF",
                "s1",
                body_kind="TaskForce",
                ordinal=3,
                date=date(2030, 2, 2),
                location="Hong Kong",
                mode="in-person",
                chairs=["Chan Mei"],
                participants=["Chan Mei", "Lee Ka"],
                represented=["CEDD", "Taiwan Affairs Office of the State Council"],
            )
        ],
    )
    res = resolve(ext, R)
    assert res.iri == ID + "release/P2030020200003"
    orgs = {e.label for e in res.organisations}
    assert orgs == {
        "Civil Engineering and Development Department",
        "Taiwan Affairs Office of the State Council",
        "State Council",
    }
    taiwan = next(e for e in res.organisations if e.label.startswith("Taiwan"))
    assert taiwan.parent == ID + "org/state-council"
    assert [z.label for z in res.zones] == ["Lok Ma Chau Loop"]

    (t,) = res.tenures
    assert t.person == ID + "person/chan-mei" and t.post == ID + "post/secretary-for-development"
    assert t.iri == ID + "tenure/P2030020200003/chan-mei/secretary-for-development" and t.date == date(
        2030, 2, 2
    )
    devb = ID + "org/development-bureau"
    assert res.entities[t.post].parent == devb
    assert devb in res.entities and devb not in res.mentions  # described as the post's bureau, not named

    (m,) = res.meetings
    assert m.body == ID + "body/port-traffic-task-force" and res.entities[m.body].cls == "TaskForce"
    assert m.iri == ID + "meeting/port-traffic-task-force/3"
    assert m.place == ID + "place/hong-kong" and m.chairs == (ID + "person/chan-mei",)
    assert m.participants == (ID + "person/chan-mei", ID + "person/lee-ka")
    assert m.represented == (
        ID + "org/civil-engineering-and-development-department",
        ID + "org/taiwan-affairs-office-of-the-state-council",
    )
    assert res.entities[ID + "person/chan-mei"].honorific == "Ms"
    # every IRI a fact links to is described
    for iri in (t.person, t.post, m.body, m.place, *m.participants, *m.represented):
        assert iri in res.entities


def test_a_post_of_a_place_links_no_organisation():
    rel = release("The Governor of Hainan Province, Mr Wu Bo, attended.")
    ext = Extraction(
        release=rel, tenures=[Tenure("Wu Bo", "Governor of Hainan Province", "s", "Mr", "Hainan Province")]
    )
    res = resolve(ext, R)
    assert res.organisations == []
    assert res.entities[res.tenures[0].post].parent is None


def test_a_post_of_a_body_links_the_body_not_an_organisation():
    rel = release("The Chairman of the Harbour Youth Council, Mr Ho Wing, spoke.")
    ext = Extraction(
        release=rel,
        tenures=[
            Tenure(
                "Ho Wing", "Chairman of the Harbour Youth Council", "s", "Mr", "Harbour Youth Council", True
            )
        ],
    )
    res = resolve(ext, R)
    assert res.organisations == []
    body = res.entities[res.entities[res.tenures[0].post].parent]
    assert (body.label, body.kind) == ("Harbour Youth Council", "body")


def test_the_same_entity_named_twice_is_one_node_with_both_names():
    rel = release("The Shenzhen Government and the Shenzhen Municipal People's Government")
    ext = Extraction(
        release=rel,
        organisations=[
            Organisation("Shenzhen Government", "s"),
            Organisation("Shenzhen Municipal People's Government", "s"),
        ],
    )
    res = resolve(ext, R)
    (e,) = res.organisations
    assert e.label == "Shenzhen Municipal People's Government" and "Shenzhen Government" in e.alt_labels


def test_resolving_is_fast():
    import time

    names = [
        "CEDD",
        "Harbour Engineering Co Ltd",
        "the Government of the HKSAR",
        "Qianhai",
        "Nowhere Bureau",
    ] * 400
    t = time.perf_counter()
    for n in names:
        R.org(n)
    assert time.perf_counter() - t < 0.5  # 2,000 lookups: dictionary lookups, not scans


def test_short_forms_and_comma_forms_resolve_to_the_known_entity():
    police = ID + "org/hong-kong-police-force"
    assert R.org("the Police").iri == R.org("Hong Kong Police").iri == police
    berlin = R.org("Hong Kong Economic and Trade Office, Berlin")
    assert berlin.known and berlin.label == "Hong Kong Economic and Trade Office in Berlin"
    assert R.org("HKETO Berlin").iri == berlin.iri
    assert R.org("World Health Organisation").iri == R.org("WHO").iri == ID + "org/world-health-organization"
    qianhai = R.zone("Hong Kong/Shenzhen Modern Service Industries Cooperation Zone")
    assert qianhai.iri == R.zone("Qianhai").iri and qianhai.known


def test_recognised_short_forms_become_the_known_entities():
    from kg.recognise import recognise

    rel = release(
        "The Party Secretary of the Sichuan Provincial Committee, Mr Wang Xiaohui, led the delegations of "
        "the Hong Kong Special Administrative Region and Sichuan governments. The Police were on duty."
    )
    labels = {e.label for e in resolve(recognise(rel), R).organisations}
    assert labels == {
        "CPC Sichuan Provincial Committee",
        "Government of the Hong Kong Special Administrative Region",
        "Sichuan Provincial People's Government",
        "Hong Kong Police Force",
    }
