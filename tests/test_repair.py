"""Stored pages read back as the page meant them (kg.repair through kg.read): characters of old
pages decoded with the wrong code page are put back, and residue of the page's furniture leaves
the sentences; correct text, accented names included, is left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.model import Release
from kg.read import read_file
from kg.repair import repair_text


@pytest.mark.parametrize(
    ("stored", "meant"),
    [
        # GB2312 curly quote read as Latin-1
        ("the People\xa1\xafs Government of Guangdong", "the People\u2019s Government of Guangdong"),
        # Big5 curly quote and dash read as Latin-1
        ("Hong Kong\xa1\xa6s port \xa1V a hub", "Hong Kong\u2019s port \u2013 a hub"),
        # Big5 double quotes read as cp1250, a Big5 colon read as ISO-8859-2
        ("press \u02c7\xa7Live Webcast\u02c7\xa8 to watch", "press \u201cLive Webcast\u201d to watch"),
        ("today (March 3)\u0104G", "today (March 3):"),
        # a full-width comma and full stop; the rest of the text keeps its spacing
        ('She said, "we agree"\xa1A and left\xa1C', 'She said, "we agree", and left.'),
        # UTF-8 read as cp1252
        ("the Bureau\xe2\u20ac\u2122s plan", "the Bureau\u2019s plan"),
        ("\xe2\u20ac\u2039The Secretary said", "The Secretary said"),
        ("the Hong Kong\xc2 Government", "the Hong Kong Government"),
        # what is left of a character that lost its other bytes
        ("Non\xfd\u02d9resident Visitors", "Non-resident Visitors"),
        ("     \xfd\xff\xfd\xffThe Director of Marine", "     The Director of Marine"),
        ("on behalf of the Board\xfd\xff\nThe meeting", "on behalf of the Board\nThe meeting"),
        ("\xe2The Commissioner for Transport", "The Commissioner for Transport"),
        # residue of news pages
        (
            " date 2019-03-04 The Secretary for Security met the press.",
            " The Secretary for Security met the press.",
        ),
        ("views from the trade and the public. |", "views from the trade and the public."),
    ],
)
def test_mis_decoded_characters_and_residue_are_repaired(stored: str, meant: str):
    assert repair_text(stored) == meant


@pytest.mark.parametrize(
    "text",
    [
        "The Minister of T\xfcrkiye met Mr S\xf8ren Holm in Z\xfcrich.",
        "Hong Kong\u2019s \u201cFlagship\u201d caf\xe9 \u2013 na\xefve",
        "The Panel | the Committee met on 1 June.",
    ],
)
def test_correct_text_is_left_alone(text: str):
    assert repair_text(text) == text


def test_the_reader_repairs_a_records_text_and_title(tmp_path: Path):
    record = {
        "id": "P2009061200345",
        "url": "https://www.info.gov.hk/gia/general/200906/12/P2009061200345.htm",
        "title": "SCED\xa1\xa6s visit to Chengdu",
        "published": "2009-06-12T18:30",
        "text": (
            "SCED\xa1\xa6s visit to Chengdu\n\n     The Secretary for Commerce and Economic Development "
            "said today (June 12) that Hong Kong\xa1\xa6s firms welcome the \xa1\xa7new\xa1\xa8 measures "
            "announced by the People\xa1\xafs Government of Sichuan Province.\n\nEnds/Friday, June 12, 2009"
        ),
    }
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (release,) = read_file(path)
    assert isinstance(release, Release)
    assert release.title == "SCED\u2019s visit to Chengdu"
    assert "Hong Kong\u2019s firms welcome the \u201cnew\u201d measures" in release.text
    assert "People\u2019s Government of Sichuan Province" in release.text
    assert "\xa1" not in release.text
