"""Meetings: each rule on releases written for these tests in the house style, then the recogniser
against the hand-made gold annotations of ../shared/eval/dev (skipped without it)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.model import Meeting, Release
from kg.recognise.document import Document
from kg.recognise.meetings import body_kind, recognise_meetings
from tests.test_recognise_people import dev_releases, norm


def meetings(
    text: str, title: str | None = None, captions: tuple[str, ...] = (), day=date(2024, 3, 14)
) -> list[Meeting]:
    r = Release(id="P2024031400200", date=day, text=text, source="test", title=title, captions=captions)
    return recognise_meetings(Document(r))


CO_CHAIRED = (
    "The Secretary for Transport and Logistics, Mr Leo Fung, and the Vice Mayor of Zhuhai Municipal People's "
    "Government, Mr Qiao Wen, co-chaired the sixth meeting of the Joint Working Group on Cross-boundary Traffic "
    "in Zhuhai today (March 14).\n\n"
    "Mr Fung said at the meeting that both sides would speed up the new bus routes.\n\n"
    "Other officials attending the meeting included the Permanent Secretary for Transport and Logistics, "
    "Ms Mandy Yip, and representatives from the Transport Department; the Culture, Sports and Tourism Bureau; "
    "the Immigration Department and the Highways Department."
)


def test_co_chaired_meeting_with_every_fact():
    [m] = meetings(CO_CHAIRED)
    assert m.body == "Joint Working Group on Cross-boundary Traffic"
    assert m.body_kind == "WorkingGroup"
    assert (m.ordinal, m.date, m.location, m.mode) == (6, date(2024, 3, 14), "Zhuhai", "in-person")
    assert m.chairs == ["Leo Fung", "Qiao Wen"]
    assert m.participants == ["Leo Fung", "Qiao Wen", "Mandy Yip"]
    assert m.represented == [
        "Transport Department",
        "Culture, Sports and Tourism Bureau",
        "Immigration Department",
        "Highways Department",
    ]
    assert "co-chaired the sixth meeting" in m.sentence


def test_video_conference_has_no_place():
    [m] = meetings(
        "The Secretary for Security, Mr Ray Ho, chaired the 12th meeting of the Task Force on Cross-boundary "
        "Crime via video conferencing yesterday (March 13)."
    )
    assert (m.ordinal, m.date, m.location, m.mode, m.body_kind) == (
        12,
        date(2024, 3, 13),
        None,
        "video",
        "TaskForce",
    )


def test_body_held_its_meeting_with_chair_in_between_and_headline_merged():
    [m] = meetings(
        "The Steering Committee on Elderly Services (SCES) chaired by the Chief Secretary for Administration, "
        "Mrs Iris Chow, held its ninth meeting this afternoon (March 14).\n\nThe SCES noted the progress.",
        title="Steering Committee on Elderly Services convenes ninth meeting",
    )
    assert (m.body, m.ordinal, m.date, m.chairs) == (
        "Steering Committee on Elderly Services",
        9,
        date(2024, 3, 14),
        ["Iris Chow"],
    )


def test_plenary_of_a_joint_conference_and_second_term_prefix():
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, and the Governor of Fujian Province, Mr Lin Hai, leading the "
        "delegations of the two sides respectively, held the Twenty-first Plenary of the Hong Kong/Fujian "
        "Co-operation Joint Conference in Hong Kong today (March 14).\n\n"
        "The Director of the Chief Executive's Office, Ms Kit Wan, also attended the plenary."
    )
    assert (m.body, m.body_kind, m.ordinal, m.location) == (
        "Hong Kong/Fujian Co-operation Joint Conference",
        "JointConference",
        21,
        "Hong Kong",
    )
    assert m.chairs == ["Tony Cheung", "Lin Hai"]
    assert m.participants == ["Tony Cheung", "Lin Hai", "Kit Wan"]
    [m] = meetings(
        "The Financial Secretary, Mr Dan Ho, chaired the 3rd meeting of the second-term Manpower Planning "
        "Commission today (March 14)."
    )
    assert (m.body, m.ordinal) == ("Manpower Planning Commission", 3)


def test_named_co_operation_meeting_held_by_two_leaders():
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, and the Mayor of Wuhan, Mr Zhou Bo, held the High-Level Meeting "
        "on Hong Kong/Wuhan Co-operation in Hong Kong today (March 14)."
    )
    assert (m.body, m.body_kind, m.chairs, m.location) == (
        "High-Level Meeting on Hong Kong/Wuhan Co-operation",
        "Body",
        ["Tony Cheung", "Zhou Bo"],
        "Hong Kong",
    )


def test_anaphoric_chair_and_captions():
    [m] = meetings(
        "The Policy Innovation Expert Group held its second meeting today (March 14). "
        "The Head of the Policy Unit, Dr Wendy Sze, chaired the meeting.",
        captions=(
            "Dr Wendy Sze (centre) chairs the second meeting of the Policy Innovation Expert Group today "
            "(March 14). Also joining the meeting was the Deputy Head, Mr Alan Poon (right).",
        ),
    )
    assert (m.body_kind, m.chairs, m.participants) == (
        "ExpertGroup",
        ["Wendy Sze"],
        ["Wendy Sze", "Alan Poon"],
    )


def test_future_meeting_needs_a_stated_date():
    [m] = meetings(
        "The Legislative Council (LegCo) will hold a meeting on Wednesday (March 20) at 11am in the Chamber of "
        "the LegCo Complex."
    )
    assert (m.body, m.date, m.body_kind) == ("Legislative Council", date(2024, 3, 20), "Council")
    assert meetings("The committee will hold its first meeting in May.") == []
    assert (
        meetings(
            "Both sides will prepare for the Hong Kong/Hainan Co-operation Meeting to be held later in the year."
        )
        == []
    )


def test_postponed_courtesy_calls_and_written_replies_are_not_meetings():
    assert meetings("The fifth meeting of the Task Force on Harbour Fronts was postponed.") == []
    assert (
        meetings("The Chief Executive, Mr Tony Cheung, met the Mayor of Wuhan, Mr Zhou Bo, today (March 14).")
        == []
    )
    assert (
        meetings(
            "Following is a question by the Hon Kelly Tang and a written reply by the Secretary for Security, "
            "Mr Ray Ho, in the Legislative Council today (March 14):"
        )
        == []
    )


def test_past_meeting_without_a_full_date_is_kept_without_date():
    [m] = meetings(
        "The Secretary for Housing indicated at the policy briefing of the Panel on Housing of this Council in "
        "October last year that a review would follow."
    )
    assert (m.body, m.date, m.ordinal, m.chairs) == ("Panel on Housing", None, None, [])


def test_possessive_and_body_meeting_forms():
    [m] = meetings("Financial Secretary Dan Ho chaired the Committee on Green Finance's first meeting today.")
    assert (m.body, m.ordinal, m.date, m.chairs) == (
        "Committee on Green Finance",
        1,
        date(2024, 3, 14),
        ["Dan Ho"],
    )
    [m] = meetings("Chief Executive Tony Cheung chairs the 80th Fight Crime Committee meeting today.")
    assert (m.body, m.ordinal) == ("Fight Crime Committee", 80)


def test_one_meeting_per_body_and_date_and_year_boundary():
    ms = meetings(
        "The Joint Task Force on Boundary Crossings held its fourth meeting on December 30. "
        "At the meeting of the Joint Task Force on Boundary Crossings, members reviewed the works.",
        day=date(2025, 1, 3),
    )
    assert [(m.ordinal, m.date) for m in ms] == [(4, date(2024, 12, 30))]


def test_truncated_representative_list_drops_the_cut_name():
    [m] = meetings(
        "The Secretary for Development, Ms Jo Lam, chaired the fifth meeting of the Task Force on Land Use today "
        "(March 14). Representatives from the Planning Department, the Lands Department and the Civil"
    )
    assert m.represented == ["Planning Department", "Lands Department"]


def test_body_kind_from_the_head_noun():
    assert body_kind("Chief Executive's Council of Advisers on Innovation") == "Council"
    assert body_kind("Joint Task Force on the Development of the Park") == "TaskForce"
    assert body_kind("Commission on Poverty") == "Commission"
    assert body_kind("Panel on Development") == "Panel"
    assert body_kind("Hong Kong/Beijing Co-operation Conference") == "JointConference"
    assert body_kind("High-Level Meeting cum Signing Ceremony") == "Body"


def test_body_named_in_lower_case_after_meeting_of_the():
    [m] = meetings(
        "Secretary for Transport and Logistics Leo Fung and Zhuhai Vice Mayor Qiao Wen co-chaired a meeting of "
        "the working group on the joint planning of Hong Kong-Zhuhai ferry routes in Zhuhai today to review "
        "the new sailings.\n\n"
        "Representatives of the Marine Department and the Transport Department attended the meeting."
    )
    assert (m.body, m.body_kind) == (
        "working group on the joint planning of Hong Kong-Zhuhai ferry routes",
        "WorkingGroup",
    )
    assert (m.date, m.location, m.mode) == (date(2024, 3, 14), "Zhuhai", "in-person")
    assert m.chairs == ["Leo Fung", "Qiao Wen"]
    assert m.represented == ["Marine Department", "Transport Department"]
    # the name split by the meeting's place and time: "a working group meeting in Zhuhai today on ..."
    [m] = meetings(
        "Secretary for Transport and Logistics Leo Fung co-chaired a working group meeting in Zhuhai today on "
        "the joint planning of Hong Kong-Zhuhai ferry routes."
    )
    assert (m.body, m.location) == (
        "working group on the joint planning of Hong Kong-Zhuhai ferry routes",
        "Zhuhai",
    )
    # generic or plural references are no names
    assert meetings("The Secretary chaired a meeting of the committee today (March 14).") == []
    assert (
        meetings("The department held meetings of the district task forces on hygiene work today (March 14).")
        == []
    )
    assert meetings("He attended a meeting of the relevant committee on ferry services today.") == []


def test_a_trailing_place_stays_in_the_name_when_the_meeting_place_is_written_apart():
    [m] = meetings(
        "The Secretary for Commerce, Mr Alan Ho, attended in Beijing today (March 14) the second meeting of the "
        "Inter-ministerial Joint Conference on the Development of Nansha Area in Guangzhou."
    )
    assert (m.body, m.location, m.date) == (
        "Inter-ministerial Joint Conference on the Development of Nansha Area in Guangzhou",
        "Beijing",
        date(2024, 3, 14),
    )
    [m] = meetings(
        "The Secretary for Security, Mr Ray Ho, chaired the fifth meeting of the Task Force on Harbour Fronts in "
        "Shenzhen today (March 14)."
    )
    assert (m.body, m.location) == ("Task Force on Harbour Fronts", "Shenzhen")


def test_a_trailing_place_stays_when_the_release_writes_the_name_so_twice():
    [m] = meetings(
        "The Joint Conference on the Development of Hengqin Area in Zhuhai held its third meeting today (March 14)."
        "\n\nThe Joint Conference on the Development of Hengqin Area in Zhuhai was set up by the two governments."
    )
    assert (m.body, m.ordinal, m.location) == (
        "Joint Conference on the Development of Hengqin Area in Zhuhai",
        3,
        None,
    )
    [m] = meetings(
        "The Joint Conference on Cross-boundary Ferries in Zhuhai held its third meeting today (March 14)."
    )
    assert (m.body, m.location) == ("Joint Conference on Cross-boundary Ferries", None)


def test_bodies_named_in_passing_as_having_met_are_meetings_without_a_date():
    ms = meetings(
        "Chief Executive Tony Cheung chaired the third meeting of the Steering Committee on Harbour Planning today "
        "(March 14).\n\n"
        "Also noted at the meeting was the work of the Advisory Committee on Harbour Planning chaired by the "
        "Financial Secretary and the Task Force on Cross-boundary Ferries led by the Deputy Financial Secretary, "
        "both having held their first meetings."
    )
    got = {m.body: (m.ordinal, m.date, m.location, m.chairs) for m in ms}
    assert got == {
        "Steering Committee on Harbour Planning": (3, date(2024, 3, 14), None, ["Tony Cheung"]),
        "Advisory Committee on Harbour Planning": (1, None, None, []),
        "Task Force on Cross-boundary Ferries": (1, None, None, []),
    }
    # one body that "has held" a meeting, no day given: no date, not even the lead's; and the
    # meeting "at the meeting" speaks of afterwards is still the main one
    ms = meetings(
        "The Financial Secretary, Mr Dan Ho, chaired the ninth meeting of the Committee on Green Finance today "
        "(March 14). He noted that the Task Force on Carbon Markets, which has held its first meeting, would "
        "report soon.\n\nThe Secretary for the Environment, Ms Tina Ho, also attended the meeting."
    )
    got = {m.body: (m.ordinal, m.date, m.participants) for m in ms}
    assert got == {
        "Committee on Green Finance": (9, date(2024, 3, 14), ["Dan Ho", "Tina Ho"]),
        "Task Force on Carbon Markets": (1, None, []),
    }
    # a plural without an ordinal ("have held ten meetings") names no one meeting
    assert (
        meetings("The Task Force on Cross-boundary Ferries and the Committee on Piers have held meetings.")
        == []
    )


def test_leaders_of_the_two_delegations_who_hold_the_session_are_its_chairs():
    [m] = meetings(
        "The Third Plenary Session of the Hong Kong/Hunan Co-operation Conference was held in Changsha today.\n\n"
        "Chief Executive Tony Cheung and CPC Hunan Provincial Committee Secretary Shen Xiaoming led the "
        "delegations of the two sides to hold the session, with Hong Kong and Macao Affairs Office Deputy "
        "Director Wang Lin as special guest."
    )
    assert (m.ordinal, m.location, m.chairs) == (3, "Changsha", ["Tony Cheung", "Shen Xiaoming"])
    assert m.participants == ["Tony Cheung", "Shen Xiaoming", "Wang Lin"]
    # one leader of one delegation attends; he does not chair
    [m] = meetings(
        "The Secretary for Commerce, Mr Alan Ho, led the HKSAR delegation to attend the second meeting of the "
        "Joint Conference on Nansha in Guangzhou today (March 14)."
    )
    assert (m.chairs, m.participants) == ([], ["Alan Ho"])


def test_he_or_she_who_co_chaired_the_meeting_is_the_person_the_sentences_before_name():
    [m] = meetings(
        "Secretary for the Environment Tina Ho today attended the second meeting of the Hong Kong-Guangdong Joint "
        "Working Group on Marine Ecology in Guangzhou.\n\n"
        "She co-chaired the meeting with Guangdong Department of Ecology Director-General Lu Xiulu."
    )
    assert m.chairs == ["Tina Ho", "Lu Xiulu"]
    # the pronoun skips a person of the other sex named first
    [m] = meetings(
        "The Permanent Secretary, Mr Leo Fung, and the Secretary for Housing, Ms Amy Ho, attended the fourth "
        "meeting of the Task Force on Public Housing today (March 14). She co-chaired the fourth meeting of the "
        "Task Force on Public Housing with the Director of Housing, Mr Sam Yip."
    )
    assert m.chairs == ["Amy Ho", "Sam Yip"]


def test_place_before_the_other_party_and_news_style_names():
    [m] = meetings(
        "Leading an HKSAR delegation, the Chief Executive, Mr Tony Cheung, today (March 14) convened the Second "
        "Plenary Session of the Hong Kong/Tianjin Co-operation Conference in Tianjin together with the Mayor of "
        "Tianjin, Mr Zhang Gong, and Tianjin officials."
    )
    assert (m.location, m.mode, m.chairs) == ("Tianjin", "in-person", ["Tony Cheung", "Zhang Gong"])
    [m] = meetings(
        "CE Tony Cheung and Shenzhen Vice Mayor Tao Yonghua co-chaired the sixth meeting of the Task Force on "
        "Boundary Crossings in Shenzhen today."
    )
    assert m.chairs == ["Tony Cheung", "Tao Yonghua"]


def test_the_lead_gives_day_and_place_of_the_release_s_one_meeting():
    text = (
        "The 12th Pan-Delta Forum jointly held by Guangdong, Hong Kong and Macao in Guangzhou concluded "
        "successfully today (March 14). The Chief Executive, Mr Tony Cheung, led a delegation to attend the Forum "
        "and chaired the Chief Executive Joint Conference.\n\n"
        "Mr Cheung said the forum had built on past achievements."
    )
    [m] = meetings(text)
    assert (m.body, m.date, m.location, m.mode) == (
        "Chief Executive Joint Conference",
        date(2024, 3, 14),
        "Guangzhou",
        "in-person",
    )
    assert m.chairs == ["Tony Cheung"]
    # not for a meeting named only at the end of a release about other things ...
    [m] = meetings(
        "The Secretary for Labour, Dr Ken Law, started his visit to New York yesterday (March 13).\n\n"
        "He met business leaders from the city to discuss recent developments in Hong Kong.\n\n"
        "He then spoke at a luncheon held by the Hong Kong Association of New York.\n\n"
        "Dr Law also attended a meeting of the United Nations Commission on the Status of Women."
    )
    assert (m.date, m.location) == (None, None)
    # ... nor for a meeting the text dates otherwise
    [m] = meetings(
        "Following is a question by the Hon Kelly Tang and a written reply by the Secretary for Housing, "
        "Ms Amy Ho, in the Legislative Council today (March 14):\n\nThe Secretary indicated at the policy "
        "briefing of the Panel on Housing in October last year that a review would follow."
    )
    assert (m.body, m.date) == ("Panel on Housing", None)


def test_chairing_a_meeting_reports_it_as_held():
    [m] = meetings(
        "In chairing the ninth meeting of the Committee on Harbour Planning this morning, the Financial "
        "Secretary, Mr Dan Ho, said the plan was on track."
    )
    assert (m.ordinal, m.date, m.chairs) == (9, date(2024, 3, 14), ["Dan Ho"])


def test_represented_are_the_organisations_whose_representatives_attended():
    [m] = meetings(
        "The Secretary for Development, Ms Jo Lam, chaired the fifth meeting of the Task Force on Land Use today "
        "(March 14). Representatives from the Shenzhen Government also introduced their plans.\n\n"
        "Ms Lam later met representatives of the Hong Kong General Chamber of Commerce.\n\n"
        "The delegation to Shenzhen next week comprises officials and representatives of the Trade Council."
        "\n\nOfficials attending included representatives of the Planning Department."
    )
    assert m.represented == ["Shenzhen Government", "Planning Department"]


def test_represented_names_with_inner_commas_and_names_joined_by_and():
    [m] = meetings(
        "The Secretary for Innovation, Mr Ken Yau, chaired the fourth meeting of the Task Force on Smart Ports "
        "today (March 14).\n\n"
        "Other officials of the Hong Kong side attending the meeting included representatives from the "
        "Financial Services and the Treasury Bureau (FSTB), the EdUHK and the Marine Department. Officials of the "
        "Shenzhen side included the Director of the Shenzhen Municipal Transport Bureau, Mr Guo Hua; and "
        "representatives of the Shenzhen Municipal Science, Technology and Innovation Commission, the Port "
        "Department and Invest Shenzhen."
    )
    assert m.represented == [
        "Financial Services and the Treasury Bureau",
        "EdUHK",
        "Marine Department",
        "Shenzhen Municipal Science, Technology and Innovation Commission",
        "Port Department",
        "Invest Shenzhen",
    ]
    assert m.participants == ["Ken Yau", "Guo Hua"]  # the Shenzhen side's sentence goes on the list


# -- against the gold annotations ---------------------------------------------------------------


@pytest.mark.shared
def test_meetings_match_the_dev_gold(dev_inputs: Path):
    releases = dev_releases(dev_inputs)
    counts = {k: [0, 0, 0] for k in ("meetings", "facts")}  # tp, predicted, gold

    def add(kind: str, tp: int, pred: int, gold: int) -> None:
        counts[kind][0] += tp
        counts[kind][1] += pred
        counts[kind][2] += gold

    for gold_file in sorted(dev_inputs.parent.glob("*.json")):
        gold = json.loads(gold_file.read_text())
        r = releases[gold["id"]]
        found = recognise_meetings(Document(r))
        used: set[int] = set()
        for gm in gold.get("meetings", []):
            bodies = {norm(b) for b in gm["body"].split("|")}
            hit = next((i for i, m in enumerate(found) if i not in used and norm(m.body) in bodies), None)
            add("meetings", hit is not None, 0, 1)
            if hit is None:
                continue
            used.add(hit)
            m = found[hit]
            got = {
                "ordinal": m.ordinal,
                "date": m.date.isoformat() if m.date else None,
                "location": m.location,
                "mode": m.mode,
            }
            for key, value in got.items():
                want = gm.get(key)
                ok = want is not None and value is not None and norm(str(value)) == norm(str(want))
                add("facts", ok, value is not None, want is not None)
            for key, values in (("chairs", m.chairs), ("participants", m.participants)):
                g, w = {norm(n) for n in values}, {norm(n) for n in gm.get(key, [])}
                add("facts", len(g & w), len(g), len(w))
            reps = [{norm(v) for v in e.split("|")} for e in gm.get("represented", [])]
            preds = [norm(x) for x in m.represented]
            add("facts", sum(any(p in r for p in preds) for r in reps), len(preds), len(reps))
        for i, m in enumerate(found):
            if i not in used:
                add("meetings", 0, 1, 0)
                add(
                    "facts",
                    0,
                    len(m.participants)
                    + len(m.chairs)
                    + sum(x is not None for x in (m.ordinal, m.date, m.location, m.mode)),
                    0,
                )
    for kind, (tp, pred, gold) in counts.items():
        n_pred = pred if kind == "facts" else pred + tp
        precision = tp / n_pred if n_pred else 1.0
        recall = tp / gold if gold else 1.0
        assert precision >= 0.9, f"{kind} precision {precision:.2f} ({tp}/{n_pred})"
        assert recall >= 0.9, f"{kind} recall {recall:.2f} ({tp}/{gold})"


def test_jointly_preside_over_a_plenary_on_a_stated_date_with_the_delegation():
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, and the Governor of Fujian Province, Mr Zhou Lin, will jointly "
        "preside over the Fourth Plenary of the Hong Kong/Fujian Co-operation Conference in Fuzhou tomorrow "
        "(March 15).\n\n"
        "The Hong Kong delegation includes the Chief Secretary for Administration, Mr Eric Wan, the Secretary "
        "for Commerce, Ms Joyce Lo, and the Director of Trade, Mr Kelvin Ip."
    )
    assert (m.body, m.ordinal, m.date, m.location) == (
        "Hong Kong/Fujian Co-operation Conference",
        4,
        date(2024, 3, 15),
        "Fuzhou",
    )
    assert m.chairs == ["Tony Cheung", "Zhou Lin"]
    assert m.participants == ["Tony Cheung", "Zhou Lin", "Eric Wan", "Joyce Lo", "Kelvin Ip"]


def test_a_delegation_far_from_the_meeting_does_not_attend_it():
    [m] = meetings(
        "The Secretary for Development, Ms Alice Wai, chaired the third meeting of the Task Force on Slope "
        "Safety today (March 14).\n\n"
        "Ms Wai will visit Chengdu next week.\n\n"
        "The delegation includes the Director of Lands, Mr Bob Fok."
    )
    assert m.participants == ["Alice Wai"]


def test_a_body_named_by_its_head_noun_after_its_full_name():
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, set up the Task Force on Flood Resilience last month.\n\n"
        "Mr Cheung met the media after the task force's first meeting today."
    )
    assert (m.body, m.body_kind, m.ordinal, m.date) == (
        "Task Force on Flood Resilience",
        "TaskForce",
        1,
        date(2024, 3, 14),
    )


def test_a_head_noun_alone_with_no_full_name_before_or_a_future_meeting_is_no_meeting():
    assert meetings("Mr Tony Cheung spoke after the task force's first meeting today.") == []
    assert (
        meetings(
            "The Committee on Harbour Safety was formed in May. The committee's second meeting will be held later."
        )
        == []
    )


def test_a_place_in_what_the_meeting_discussed_is_not_where_it_was_held():
    [m] = meetings(
        "The Council on Smart Ageing held its fifth meeting today (March 14) and discussed elderly services "
        "in Hong Kong."
    )
    assert (m.ordinal, m.location, m.mode) == (5, None, None)
    [m] = meetings(
        "The Legislative Council Panel on Transport will hold a meeting on Friday (March 15) at 2.30pm in the "
        "Conference Room of the Harbour Building."
    )
    assert m.location == "Conference Room of the Harbour Building"


def test_hints_found_back_from_their_words_are_what_the_expressions_find():
    import re

    from kg.recognise.meetings import _body_meeting_hint, _of_hint

    body_meeting = re.compile(r"(?:[A-Z][\w'\-/]*|&)\s+[Mm]eeting\b")
    of = re.compile(r"(?:eeting|lenary|ession|briefing)\s+of\s")
    texts = [
        "The Task Force meeting of today",
        "the task force meeting",
        "R&D &  Meeting",
        "A meetings",
        "Joint Conference\tmeeting_x meeting",
        "the plenary session  of\nthe Council",
        "a briefing of",
        "meeting of",
        "eeting",
        "",
        "Meeting of the Board; X-Y/Z Meeting.",
    ]
    for t in texts:
        assert _body_meeting_hint(t) == bool(body_meeting.search(t)), t
        assert (_of_hint(t) >= 0) == bool(of.search(t)), t


def test_a_meeting_named_as_ahead_needs_its_day_and_gets_no_people():
    (m,) = meetings("Ahead of the Executive Council meeting today (March 14), Mr Lau Ka-wai met the media.")
    assert (m.body, m.date, m.chairs, m.participants) == ("Executive Council", date(2024, 3, 14), [], [])
    assert meetings("Before the Harbour Task Force meeting next month, the plan will be revised.") == []


def test_a_place_right_after_a_meetings_own_head_is_where_it_was_held():
    (m,) = meetings(
        "The Secretary for Commerce and Economic Development attended the 12th Pacific Economic "
        "Cooperation Trade Ministers Meeting (PTMM) in Auckland, New Zealand, today (March 14)."
    )
    assert (m.body, m.ordinal, m.date, m.location, m.mode) == (
        "Pacific Economic Cooperation Trade Ministers Meeting",
        12,
        date(2024, 3, 14),
        "Auckland",
        "in-person",
    )


def test_a_meeting_attended_by_thousands_lists_each_once_chair_first():
    # one release naming 3,000 people: each is a participant once, in the order named, the chair
    # first and not again (the lists are kept with sets: this once took time in the square)
    names = [f"Mr Chan Tai-{i:04d}" for i in range(3000)]
    text = (
        "The Secretary for Development, Ms Bernadette Linn, chaired the fifth meeting of the Task Force "
        "on Harbourfront Testing today (March 14).\n\n"
        f"Other members attending the meeting included {', '.join(names)} and Ms Bernadette Linn."
    )
    [m] = meetings(text)
    assert m.chairs == ["Bernadette Linn"]
    assert m.participants == ["Bernadette Linn", *(n.removeprefix("Mr ") for n in names)]


def test_a_notice_of_a_bare_panel_with_no_full_name_before_is_no_meeting():
    assert (
        meetings(
            "The Panel will hold a special meeting on March 28 (Thursday) at 10.45am in Conference Room 2 of "
            "the Legislative Council Complex."
        )
        == []
    )


def test_another_meeting_is_a_second_meeting_of_the_body():
    first, second = meetings(
        "The Legislative Council will hold its first meeting of the 2024-2025 legislative session on "
        "Wednesday (March 20) at 11am in the Chamber of the Legislative Council Complex.\n\n"
        "Meanwhile, the Legislative Council will hold another meeting on Thursday (March 21) at 3pm in the "
        "Chamber of the Legislative Council Complex."
    )
    assert (first.ordinal, first.date, first.location) == (
        1,
        date(2024, 3, 20),
        "Chamber of the Legislative Council Complex",
    )
    assert (second.ordinal, second.date, second.mode) == (None, date(2024, 3, 21), "in-person")


def test_an_open_meeting_without_a_named_body_is_no_meeting():
    assert meetings("The Housing Department will respond in detail at the open meeting on 26 March.") == []


def test_a_briefing_after_a_body_meeting_names_no_participants():
    [m] = meetings(
        "Following is a transcript of remarks by the Secretary for Development, Ms Bernadette Linn, at a "
        "media session today (March 14) after the meeting of the Steering Committee of the Council for "
        "Sustainable Growth."
    )
    assert (m.body, m.date, m.participants, m.chairs) == (
        "Steering Committee of the Council for Sustainable Growth",
        date(2024, 3, 14),
        [],
        [],
    )


def test_a_plenary_named_alone_takes_no_chairs_of_the_meeting_that_builds_on_it():
    plenary, working = sorted(
        meetings(
            "The first working meeting of the Hong Kong/Fujian Co-operation Conference was held in Fuzhou "
            "today (March 14). The meeting, which followed up the consensus reached at the Third Plenary on "
            "January 20, was co-chaired by the Chief Secretary for Administration, Mr Chan Tai-man, and the "
            "Vice Governor of Fujian Province, Mr Lin Wen."
        ),
        key=lambda m: m.ordinal or 0,
        reverse=True,
    )
    assert (plenary.ordinal, plenary.date, plenary.chairs) == (3, date(2024, 1, 20), [])
    assert (working.ordinal, working.location, working.chairs) == (1, "Fuzhou", ["Chan Tai-man", "Lin Wen"])


def test_the_place_in_a_clause_of_its_own():
    [m] = meetings(
        "The Secretary for Development, Ms Wong Mei-ling, chaired the fifth meeting of the Steering Committee "
        "on Land Supply today (March 14). The meeting was held at the Central Government Offices."
    )
    assert (m.location, m.mode, m.chairs) == ("Central Government Offices", "in-person", ["Wong Mei-ling"])


def test_the_city_departed_for_to_chair_a_meeting_is_its_place():
    [m] = meetings(
        "The Chief Secretary for Administration, Mr Chan Tai-man, will depart for Guangzhou tomorrow "
        "(March 15) to co-chair the 12th meeting of the Hong Kong/Guangdong Co-operation Joint Conference."
    )
    assert (m.ordinal, m.date, m.location, m.mode) == (12, date(2024, 3, 15), "Guangzhou", "in-person")
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, will depart for Beijing in the evening of March 15 and will "
        "attend the Sixth Plenary Session of the Hong Kong/Beijing Co-operation Conference on March 16."
    )
    assert (m.ordinal, m.date, m.location) == (6, date(2024, 3, 16), "Beijing")


def test_met_with_an_object_is_no_meeting_of_a_body():
    assert (
        meetings("The Chairman of the Commission on Poverty met the Mayor of Shenzhen today (March 14).")
        == []
    )


def test_a_plenary_meeting_in_lower_case_is_a_description_not_a_second_meeting():
    [m] = meetings(
        "The Chief Executive co-chaired the 21st Plenary of the Hong Kong/Guangdong Co-operation Joint "
        "Conference in Guangzhou today (March 14). Noting this was the first plenary meeting held after the "
        "new plan, the Chief Executive thanked the Guangdong side."
    )
    assert m.ordinal == 21


def test_a_special_meeting_with_people_is_no_meeting_of_the_body_named_before():
    assert (
        meetings(
            "The Chairman of the Commission on Poverty, Mr Lee Ka-ming, held a special meeting with the "
            "welfare sector today (March 14)."
        )
        == []
    )


def _bodies_by_head(n: int) -> Release:
    """A release of n notices of a body named by its head alone after its full name."""
    from tests.test_recognise_scaling import _word

    paragraphs = [
        f"The Chairman of the {_word(i)} Housing Authority, Mr Chan {_word(i)}-man, spoke. The Legislative "
        f"Council Panel on {_word(i)} invites views. The Panel held a special meeting today (March 14). The "
        "Authority's open meeting was held today. The Sixth Plenary on January 8 was held."
        for i in range(n)
    ]
    return Release(id="P2024031400100", date=date(2024, 3, 14), text="\n\n".join(paragraphs), source="test")


def test_bodies_named_by_their_head_cost_work_that_grows_with_the_text():
    from tests.test_recognise_scaling import lines_run

    small, large = lines_run(_bodies_by_head(100)), lines_run(_bodies_by_head(200))
    assert large < 2.3 * small, (small, large)


@pytest.mark.parametrize(
    "when",
    [
        "at 8.30am on Saturday (March 16)",
        "on Saturday, March 16, at 8.30am",
        "on March 16 (Saturday) from 2.30pm to 4.30pm",
    ],
)
def test_a_notice_gives_the_room_whichever_way_the_day_and_time_are_written(when):
    [m] = meetings(
        f"The Legislative Council Panel on Transport will hold a special meeting {when} in Conference Room 1 "
        "of the Legislative Council Complex."
    )
    assert (m.date, m.location, m.mode) == (
        date(2024, 3, 16),
        "Conference Room 1 of the Legislative Council Complex",
        "in-person",
    )


def test_a_bills_committee_keeps_its_bill_name_whole():
    [m] = meetings(
        "The Bills Committee on the Rating (Amendment) Bill 2024 will hold a meeting on March 20 (Wednesday) "
        "at 2.30pm in Conference Room 2A of the Legislative Council Complex."
    )
    assert (m.body, m.date, m.location) == (
        "Bills Committee on the Rating (Amendment) Bill 2024",
        date(2024, 3, 20),
        "Conference Room 2A of the Legislative Council Complex",
    )


def test_the_city_a_delegation_is_led_to_is_the_place_but_not_a_province():
    [m] = meetings(
        "The Financial Secretary, Mr Dan Ho, will lead a government delegation to Macao tomorrow (March 15) "
        "to attend the 12th Hong Kong Macao Co-operation High Level Meeting."
    )
    assert (m.ordinal, m.date, m.location, m.mode) == (12, date(2024, 3, 15), "Macao", "in-person")
    [m] = meetings(
        "The Chief Secretary for Administration, Mr Chan Tai-man, is leading a Hong Kong Special "
        "Administrative Region (HKSAR) Government delegation to Guangzhou to co-chair the 22nd Working "
        "Meeting of the Hong Kong/Guangdong Co-operation Joint Conference today (March 14)."
    )
    assert (m.ordinal, m.location, m.chairs) == (22, "Guangzhou", ["Chan Tai-man"])
    [m] = meetings(
        "The Secretary for Housing, Ms Lee Wai-man, will lead a delegation to Fujian tomorrow (March 15) "
        "to attend the third meeting of the Hong Kong/Fujian Joint Working Group on Housing."
    )
    assert (m.ordinal, m.location, m.mode) == (3, None, None)


def test_who_will_co_chair_or_jointly_preside_over_the_meeting():
    [m] = meetings(
        "The Secretary for the Environment, Mr Wong Kam-fai, will lead a delegation to Guangzhou tomorrow "
        "(March 15) to attend the 16th meeting of the Hong Kong-Guangdong Joint Working Group on Marine "
        "Conservation. He will co-chair the meeting with the Director-General of the Department of Ecology "
        "and Environment of Guangdong Province, Mr Lu Ming."
    )
    assert (m.location, m.chairs) == ("Guangzhou", ["Wong Kam-fai", "Lu Ming"])
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, will lead a delegation to attend the Eighth Plenary of the "
        "Hong Kong/Guangdong Co-operation Joint Conference in Guangzhou on March 20. Mr Cheung and the "
        "Governor of Guangdong, Mr Huang Wei, will jointly preside over the meeting."
    )
    assert (m.ordinal, m.location, m.chairs) == (8, "Guangzhou", ["Tony Cheung", "Huang Wei"])
    [m] = meetings(
        "The Secretary for Labour and Welfare, Mr Ho Kai-ming, will attend the fifth meeting of the Commission "
        "on Elderly Care tomorrow (March 15). The Chief Secretary for Administration, Mr Chan Tai-man, will "
        "not chair the meeting."
    )
    assert m.chairs == []


def test_a_meeting_named_right_after_the_sentence_that_announces_its_day():
    [m] = meetings(
        "The Secretary for the Environment, Mr Wong Kam-fai, will lead a delegation to Guangzhou on March 16 "
        "to attend a meeting on environmental co-operation. The 16th meeting of the Hong Kong-Guangdong Joint "
        "Working Group on Marine Conservation will be co-chaired by Mr Wong and the Director-General of the "
        "Department of Ecology and Environment of Guangdong Province, Mr Lu Ming."
    )
    assert (m.ordinal, m.date, m.location) == (16, date(2024, 3, 16), "Guangzhou")
    assert m.chairs == ["Wong Kam-fai", "Lu Ming"]
    [m] = meetings(
        "The Secretary for Innovation and Technology, Mr Ken Lam, will attend the first meeting on the "
        "development of the Hong Kong-Shenzhen Technology Park on March 15 in Shenzhen. The meeting of the "
        "Joint Task Force on the Hong Kong-Shenzhen Technology Park will be co-chaired by Mr Lam and the Vice "
        "Mayor of Shenzhen, Mr Ai Wen."
    )
    assert (m.body, m.ordinal, m.date, m.location) == (
        "Joint Task Force on the Hong Kong-Shenzhen Technology Park",
        1,
        date(2024, 3, 15),
        "Shenzhen",
    )
    # the sentence before speaks of a meeting held, or the meeting named has a time of its own
    assert (
        meetings(
            "The Chief Executive met the Mayor of Shenzhen today (March 14). The meeting of the Hong "
            "Kong/Shenzhen Co-operation Joint Conference will be co-chaired by the two later this year."
        )
        == []
    )
    assert (
        meetings(
            "The Chief Executive will attend a meeting with the Mayor of Shenzhen tomorrow (March 15). The "
            "meeting of the Hong Kong/Shenzhen Co-operation Joint Conference will be held in May."
        )
        == []
    )


def test_it_was_chaired_by_and_a_sentence_opening_with_who_attended():
    [m] = meetings(
        "The first meeting of the Task Force on Youth Employment was held today (March 14). It was chaired by "
        "the Secretary for Home and Youth Affairs, Miss Alice Mak."
    )
    assert (m.ordinal, m.chairs, m.participants) == (1, ["Alice Mak"], ["Alice Mak"])
    [m] = meetings(
        "The Task Force on District Governance met yesterday (March 13). Participating in the meeting were the "
        "Permanent Secretary for Home and Youth Affairs, Ms Shirley Lam, and the Director of Home Affairs, "
        "Ms Janice Tse."
    )
    assert (m.chairs, m.participants) == ([], ["Shirley Lam", "Janice Tse"])
    # "It" two sentences on is not the meeting
    [m] = meetings(
        "The Task Force on Youth Employment held its first meeting today (March 14). Members discussed the "
        "youth employment rate. It was chaired by Mr Ho Kai-ming when it was set up in 2020."
    )
    assert m.chairs == []


def test_co_chaired_the_plenary_written_with_a_capital():
    [m] = meetings(
        "The 13th Plenary of the Hong Kong/Guangdong Co-operation Joint Conference was held in Guangzhou today "
        "(March 14). The Chief Executive, Mr Donald Tsang, and the Governor of Guangdong, Mr Huang Huahua, "
        "co-chaired the Plenary."
    )
    assert (m.ordinal, m.location, m.chairs) == (13, "Guangzhou", ["Donald Tsang", "Huang Huahua"])


def test_also_in_attendance_continues_the_sentence_before_in_a_paragraph_of_its_own():
    [m] = meetings(
        "The Chief Executive, Mr Tony Cheung, and the Mayor of Shanghai, Mr Gong Wei, co-chaired the Fifth "
        "Plenary Session of the Hong Kong/Shanghai Co-operation Conference in Hong Kong today (March 14).\n\n"
        "The Financial Secretary, Mr Dan Ho, and the Secretary for Justice, Mr Lam Ka-ho, attended the "
        "meeting.\n\n"
        "Also in attendance were the Secretary for Education, Dr Ivy Chan, and the Secretary for Home and "
        "Youth Affairs, Miss Alice Mak."
    )
    assert m.participants == ["Tony Cheung", "Gong Wei", "Dan Ho", "Lam Ka-ho", "Ivy Chan", "Alice Mak"]


def test_held_by_video_conference_said_in_a_sentence_of_its_own():
    [m] = meetings(
        "The Task Force on Elderly Services held its fifth meeting today (March 14). In view of the epidemic, "
        "the meeting was held via video conference."
    )
    assert (m.ordinal, m.location, m.mode) == (5, None, "video")
    [m] = meetings(
        "The Task Force on Elderly Services held its fifth meeting today (March 14). Members of the public "
        "may watch the video of the meeting on the Task Force's website."
    )
    assert m.mode is None


def test_the_room_after_a_meeting_to_be_held_on_a_day_and_time():
    [m] = meetings(
        "Members of the public are welcome to attend the meeting of the Panel on Housing to be held on March 20 "
        "(Wednesday) at 2.30pm in Conference Room 3 of the Legislative Council Complex."
    )
    assert (m.body, m.date, m.location, m.mode) == (
        "Panel on Housing",
        date(2024, 3, 20),
        "Conference Room 3 of the Legislative Council Complex",
        "in-person",
    )


def test_an_earlier_meeting_named_after_the_one_chaired_keeps_its_own_day_and_no_people():
    eleventh, tenth = meetings(
        "The Secretary for Development, Ms Bernadette Linn, chaired the 11th meeting of the Joint Task Force on "
        "Boundary Control Points today (March 14), following the 10th meeting of the Joint Task Force on "
        "Boundary Control Points held on December 5 last year."
    )
    assert (eleventh.ordinal, eleventh.date, eleventh.chairs) == (11, date(2024, 3, 14), ["Bernadette Linn"])
    assert (tenth.ordinal, tenth.date, tenth.chairs, tenth.participants) == (10, date(2023, 12, 5), [], [])


def test_a_venue_after_at_without_the():
    [m] = meetings(
        "The Chief Executive, Mr John Lee, chaired the first meeting of the Committee on Talent Development at "
        "Government House today (March 14)."
    )
    assert (m.location, m.mode) == ("Government House", "in-person")


def test_representatives_of_the_relevant_departments_including_named_ones():
    [m] = meetings(
        "The Task Force on Harbourfront held its third meeting today (March 14). Representatives of the relevant "
        "bureaux and departments, including the Development Bureau and the Lands Department, also attended."
    )
    assert m.represented == ["Development Bureau", "Lands Department"]


def test_a_delegation_led_to_a_city_for_another_event_gives_no_place():
    [m] = meetings(
        "The Secretary for Development, Ms Wong Mei-ling, who led a delegation to Shenzhen yesterday to attend a "
        "forum, chaired the fifth meeting of the Task Force on Land Supply today (March 14)."
    )
    assert (m.ordinal, m.location) == (5, None)


def test_a_caption_in_the_present_gives_the_co_chairs():
    [m] = meetings(
        "The Task Force on Cross-boundary Traffic held its sixth meeting in Shenzhen today (March 14).",
        captions=(
            "The Secretary for Transport and Logistics, Mr Leo Fung (left), co-chairs the meeting with the Vice "
            "Mayor of Shenzhen, Mr Qiao Wen (right).",
        ),
    )
    assert m.chairs == ["Leo Fung", "Qiao Wen"]


def test_the_two_delegations_or_the_meeting_led_by_two_leaders_are_its_chairs():
    [m] = meetings(
        "The Fifth Plenary Session of the Hong Kong/Sichuan Co-operation Conference was held in Chengdu today "
        "(March 14). The Hong Kong and Sichuan delegations were led by the Chief Executive, Mr John Lee, and "
        "the Secretary of the CPC Sichuan Provincial Committee, Mr Wang Xiao, respectively."
    )
    assert m.chairs == ["John Lee", "Wang Xiao"]
    [m] = meetings(
        "The Task Force on Cross-boundary Traffic held its sixth meeting today (March 14). The meeting was led "
        "by the Permanent Secretary for Transport and Logistics, Ms Mandy Yip."
    )
    assert (m.chairs, m.participants) == ([], ["Mandy Yip"])  # one leader alone: not said to chair


def test_a_speaker_the_attendees_listened_to_is_no_participant():
    [m] = meetings(
        "The Secretary for Commerce and Economic Development, Mr Gregory Ho, attended the 30th APEC "
        "Ministerial Meeting in Lima, Peru, today (March 14).\n\n"
        "Mr Ho attended the opening plenary of the APEC Ministerial Meeting to listen to a briefing by "
        "the Director-General of the World Trade Organization, Ms Ana Pereira, on the global economy."
    )
    assert m.participants == ["Gregory Ho"]
