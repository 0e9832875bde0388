"""Which sentence came from which release, queryable in the default graph: each reading of a meeting
or tenure is a prov:Derivation with an IRI, pairing the release (prov:entity) with the sentence
(prov:value); sentences carry no page residue."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.emit import clean_sentence

PAIRS = """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?d ?release ?sentence WHERE { <%s> prov:qualifiedDerivation ?d . ?d prov:entity ?release ; prov:value ?sentence }"""


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("date 2018-08-23 The Secretary met Mr Lee today. |", "The Secretary met Mr Lee today."),
        ("The Secretary met Mr Lee today.  ||", "The Secretary met Mr Lee today."),
        ("A | B chaired it.", "A | B chaired it."),
        ("The update date 2018-08-23 stays.", "The update date 2018-08-23 stays."),
    ],
)
def test_page_residue_is_stripped_from_sentences(raw: str, clean: str) -> None:
    assert clean_sentence(raw) == clean


def test_a_fact_read_from_two_releases_pairs_each_sentence_with_its_release(tmp_path: Path) -> None:
    day = "     The Secretary for Development, Mr Lo Ka-ming, chaired the 5th meeting of the Task Force on Harbour Testing today (March {d})."
    records = []
    for d, rid in ((15, "P2021031500101"), (16, "P2021031600102")):
        text = ("date 2021-03-16 " if d == 16 else "") + day.format(d=d) + (" |" if d == 16 else "")
        records.append(
            f'{{"id": "{rid}", "published": "2021-03-{d}T17:00", "title": "Meeting {d}", "text": "{text}\\n\\nNNNN"}}'
        )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.jsonl").write_text("\n".join(records) + "\n")
    build([tmp_path / "in"], tmp_path / "out")
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    meeting = "https://w3id.org/hkpr/id/meeting/task-force-on-harbour-testing/5"
    rows = {
        (r["release"].value.rsplit("/", 1)[-1], r["sentence"].value, r["d"].value)
        for r in store.query(PAIRS % meeting)
    }
    assert {(rel, s) for rel, s, _ in rows} == {
        ("P2021031500101", day.format(d=15).strip()),
        ("P2021031600102", day.format(d=16).strip()),
    }
    assert {d for _, _, d in rows} == {
        "https://w3id.org/hkpr/id/derivation/P2021031500101/meeting-task-force-on-harbour-testing-5",
        "https://w3id.org/hkpr/id/derivation/P2021031600102/meeting-task-force-on-harbour-testing-5",
    }
    tenure = "https://w3id.org/hkpr/id/tenure/P2021031600102/lo-ka-ming/secretary-for-development"
    (row,) = list(store.query(PAIRS % tenure))
    assert row["d"].value.endswith("/derivation/P2021031600102/tenure-lo-ka-ming-secretary-for-development")
