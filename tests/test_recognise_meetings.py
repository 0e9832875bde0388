"""Meetings: each rule on releases written for these tests in the house style, then the recogniser
against the hand-made gold annotations of ../shared/eval/dev (skipped without it)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.model import Meeting, Release
from kg.recognise.meetings import body_kind, recognise_meetings
from kg.recognise.people import recognise_people
from tests.test_recognise_people import dev_releases, norm


def meetings(
    text: str, title: str | None = None, captions: tuple[str, ...] = (), day=date(2024, 3, 14)
) -> list[Meeting]:
    r = Release(id="P2024031400200", date=day, text=text, source="test", title=title, captions=captions)
    people, tenures = recognise_people(r)
    return recognise_meetings(r, people, tenures)


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
        people, tenures = recognise_people(r)
        found = recognise_meetings(r, people, tenures)
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
