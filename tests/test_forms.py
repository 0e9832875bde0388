"""The sentence forms of kg.recognise.forms: every example of every form, recognised on its own,
yields by that form a record with the fields the example expects; and each form's speed seam
(its gate) never changes what the form yields from a text."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

import pytest

from kg.model import Release
from kg.recognise import recognise
from kg.recognise.forms import EXAMPLE_DATE, Example, Form, all_forms

FORMS = all_forms()
KINDS = ("tenure", "organisation", "zone", "meeting")


def _examples() -> list[tuple[Form, Example]]:
    return [(form, example) for form in FORMS for example in form.examples]


def _records(example: Example, kind: str) -> list:
    release = Release(
        id="P2024031400300",
        date=EXAMPLE_DATE,
        text=example.text,
        source="example",
        title=example.title,
        captions=example.captions,
    )
    extraction = recognise(release)
    return {
        "tenure": extraction.tenures,
        "organisation": extraction.organisations,
        "zone": extraction.zones,
        "meeting": extraction.meetings,
    }[kind]


@pytest.mark.parametrize(
    ("form", "example"), _examples(), ids=[f"{f.name} #{f.examples.index(e)}" for f, e in _examples()]
)
def test_each_example_yields_its_fact_by_its_form(form: Form, example: Example):
    records = [asdict(r) for r in _records(example, form.yields) if r.form == form.name]
    wanted = example.expect
    assert any(all(r.get(k) == v for k, v in wanted.items()) for r in records), (wanted, records)


def test_forms_are_named_once_and_each_has_an_example():
    names = [f.name for f in FORMS]
    assert len(names) == len(set(names))
    for form in FORMS:
        assert form.yields in KINDS, form.name
        assert form.examples, form.name
        for example in form.examples:
            assert example.expect, form.name


def _texts() -> list[str]:
    """Texts to try the gates on: every example, and the dev releases when ../shared is there."""
    texts = [e.text for _, e in _examples()]
    dev = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "inputs"
    for path in sorted(dev.glob("*.txt")) if dev.is_dir() else ():
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def _yield(form: Form, text: str, start: int) -> list:
    """What the form yields from the text searched from `start` (nothing for -1)."""
    out: list = []
    for m in form.pattern.finditer(text, start) if start >= 0 else ():
        out += [(f.body, f.start, f.end) for f in form.read(m, text, 0, [])] if form.read else [m.span()]
    return out


def test_gates_never_turn_away_a_match():
    gated = [f for f in FORMS if f.gate is not None and isinstance(f.pattern, re.Pattern)]
    assert gated
    for text in _texts():
        for form in gated:
            assert _yield(form, text, form.gate(text)) == _yield(form, text, 0), (form.name, text)


def test_gated_expressions_find_what_their_expressions_find():
    """Every expression the meeting recogniser searches only in texts holding its words (a speed
    seam, kg.recognise.text.Gated) finds there what the expression alone finds."""
    from kg.recognise import meetings
    from kg.recognise.text import Gated

    gated = [value for value in vars(meetings).values() if isinstance(value, Gated)]
    assert len(gated) >= 5
    probes = [  # a phrase for each alternative of the gated expressions, one per text
        "held an online meeting",
        "met by video link",
        "via video conferencing",
        "chaired by Mr A",
        "co-chaired by Ms B",
        "convened by Dr C",
        "presided over by D",
        "hosted and convened by E",
        "under the leadership of F",
        "under the chairmanship of G",
        "was postponed",
        "was cancelled",
        "was canceled",
        "was called off",
        "was deferred",
        "at the meeting",
        "during the meeting",
        "today's meeting",
        "this meeting",
        "the plenary session",
        "the session",
        "the conference",
        "the plenary",
        "the two leaders led the delegations",
        "he headed their delegations",
        "co-chaired the meeting",
        "chaired today's session",
        "co-hosted the conference",
        "convened this plenary",
        "presided over the meeting",
        "chairing the plenary session",
        "a task force meeting on roads",
        "a working group meeting",
        "an expert group meeting",
        "the joint conference meeting",
        "a committee meeting",
        "a commission meeting",
        "a panel meeting",
    ]
    texts = _texts() + probes
    texts += [t.lower() for t in texts] + [t.upper() for t in texts]
    for text in texts:
        for g in gated:
            found = g.pattern.search(text)
            assert (g.search(text) is None) == (found is None), (g.pattern.pattern, text)
            assert [m.span() for m in g.finditer(text)] == [m.span() for m in g.pattern.finditer(text)]


def test_every_record_of_the_dev_releases_names_a_form_of_the_tables():
    dev = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "inputs"
    if not dev.is_dir():
        pytest.skip("../shared/eval/dev is not here")
    from kg.extract import read_releases

    names = {f.name for f in FORMS}
    seen = set()
    for release in read_releases([dev]):
        extraction = recognise(release)
        for kind in ("tenures", "organisations", "zones", "meetings"):
            for record in getattr(extraction, kind):
                assert record.form in names, (release.id, kind, record)
                seen.add(record.form)
    assert len(seen) >= 5
