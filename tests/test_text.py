"""Shared text helpers: sentences, honorifics, ordinals, dates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kg.recognise.text import (
    Gated,
    find_dates,
    first_date,
    name_key,
    normalise,
    ordinal_value,
    paragraph_sentences,
    resolve_month_day,
    split_honorific,
    split_sentences,
    strip_the,
    word_regex,
    word_start_alternatives,
    word_start_regex,
)


def test_sentences_do_not_break_after_titles_initials_numbers_or_decimals():
    text = (
        "The Secretary for Transport, Mr. Lam Wai-keung, opened Pier No. 3 today. "
        "Mr C. K. Wong of H.K. Ferries said growth was 6.5 per cent. "
        'He added, "The pier is ready." The Dr. Ho Centre is next door!'
    )
    assert split_sentences(text) == [
        "The Secretary for Transport, Mr. Lam Wai-keung, opened Pier No. 3 today.",
        "Mr C. K. Wong of H.K. Ferries said growth was 6.5 per cent.",
        'He added, "The pier is ready."',
        "The Dr. Ho Centre is next door!",
    ]


def test_sentences_never_cross_a_line_break():
    assert split_sentences("First line without a stop\n\nSecond line. Third one.") == [
        "First line without a stop",
        "Second line.",
        "Third one.",
    ]


def test_sentences_carry_the_number_of_their_paragraph():
    assert paragraph_sentences("First. Second one.\n\n\nThird line.\nFourth") == [
        (0, "First."),
        (0, "Second one."),
        (1, "Third line."),
        (2, "Fourth"),
    ]


def test_normalise_straightens_quotes_and_spaces():
    assert normalise("People\u2019s\u00a0\u00a0Government \u201cnow\u201d") == 'People\'s Government "now"'


def test_strip_the_and_name_key():
    assert strip_the("the Loop") == "Loop"
    assert strip_the("Theatre Board") == "Theatre Board"
    assert name_key("the Co-operation Zone") == name_key("Co-operation zone")
    assert name_key("People\u2019s Government".replace("\u2019", "'")) == "peoples government"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Professor Sun Dong", ("Professor", "Sun Dong")),
        ("Mrs. Anna Ho", ("Mrs", "Anna Ho")),
        ("the Hon Dr Tam Ka-lok", ("Hon Dr", "Tam Ka-lok")),
        ("Ir Dr Lee Siu-fai", ("Ir Dr", "Lee Siu-fai")),
        ("Professor the Hon Chan Mei", ("Professor Hon", "Chan Mei")),
        ("Wang Shourui", (None, "Wang Shourui")),
    ],
)
def test_split_honorific(text, expected):
    assert split_honorific(text) == expected


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("tenth", 10),
        ("10th", 10),
        ("Twenty-fifth", 25),
        ("1st", 1),
        ("fiftieth", 50),
        ("22nd", 22),
        ("many", None),
    ],
)
def test_ordinal_value(word, value):
    assert ordinal_value(word) == value


def test_dates_relative_to_the_release():
    day = date(2024, 3, 14)
    assert first_date("The panel met today (March 14).", day) == date(2024, 3, 14)
    assert first_date("He arrived yesterday afternoon (March 13) in Wuhan.", day) == date(2024, 3, 13)
    assert first_date("It will be held tomorrow (March 15).", day) == date(2024, 3, 15)
    assert first_date("The Council will meet on Wednesday (March 20) at 11am.", day) == date(2024, 3, 20)
    assert first_date("The forum took place on March 3.", day) == date(2024, 3, 3)
    assert first_date("The plan was announced on 7 September 2023.", day) == date(2023, 9, 7)
    assert first_date("It was signed on September 7, 2023.", day) == date(2023, 9, 7)
    assert first_date("The office opened today.", day) == day
    assert first_date("It began on May 2 last year.", day) == date(2023, 5, 2)
    assert first_date("No date here, only 2023.", day) is None


def test_dates_across_a_year_boundary():
    assert first_date("The team met on December 30.", date(2025, 1, 4)) == date(2024, 12, 30)
    assert first_date("The team meets on January 3.", date(2024, 12, 28)) == date(2025, 1, 3)
    assert resolve_month_day(2, 30, date(2024, 1, 1)) is None


def test_find_dates_gives_positions_and_kinds():
    s = "Today (January 21, Davos time), the FS met leaders who arrived on January 19."
    found = find_dates(s, date(2026, 1, 22))
    assert [d.date for d in found] == [date(2026, 1, 21), date(2026, 1, 19)]
    assert found[0].relative and not found[1].relative
    assert s[found[1].start : found[1].end] == "January 19"


def test_word_regex_matches_exactly_the_words():
    rx = re.compile(r"\b" + word_regex(["Mr", "Mrs", "Ms", "Miss"]) + r"\b")
    assert [m.group() for m in rx.finditer("Mr Mrs Ms Miss Mx Mrss")] == ["Mr", "Mrs", "Ms", "Miss"]


def test_normalise_splits_words_a_scrape_ran_together():
    assert normalise("Marine Department (MD)Wong Kam-ching and So Ping-chi,were") == (
        "Marine Department (MD) Wong Kam-ching and So Ping-chi, were"
    )
    assert normalise("HK$1,000 (about 128)") == "HK$1,000 (about 128)"


def test_word_start_forms_find_what_a_word_boundary_before_them_finds():
    # the first character, then a look back: re searches such an expression by skipping to the
    # first characters instead of trying every position
    texts = ["Mr Mrs Ms Miss Mx Mrss", "xMr _Mr 1Mr (Mr) Mr-Ms éMr", "", "Ms", "a Miss."]
    words = ["Mr", "Mrs", "Ms", "Miss"]
    slow = re.compile(r"\b" + word_regex(words) + r"\b")
    fast = re.compile(word_start_regex(words) + r"\b")
    alternation = r"held|hold(?:s|ing)?|took\s+place|at (?:the|its)|1\d\d\d"
    slow_alt = re.compile(r"\b(?:" + alternation + r")\b")
    fast_alt = re.compile(word_start_alternatives(alternation) + r"\b")
    for t in [*texts, "held at the holding; took  place in 1999 x1999 withheld"]:
        assert [m.span() for m in fast.finditer(t)] == [m.span() for m in slow.finditer(t)]
        assert [m.span() for m in fast_alt.finditer(t)] == [m.span() for m in slow_alt.finditer(t)]
    with pytest.raises(ValueError):
        word_start_alternatives(r"(?:a|b)c")
    with pytest.raises(ValueError):
        word_start_regex(["&x"])


def test_gated_expressions_search_only_texts_with_their_words():
    plain = Gated(re.compile(r"\bchaired\s+by\b"), "chaired")
    folded = Gated(re.compile(r"\bchaired\s+by\b", re.I), "chaired")
    assert plain.search("It was chaired by Mr A.") and not plain.search("It was CHAIRED by Mr A.")
    assert folded.search("It was CHAIRED by Mr A.")
    assert folded.search("It was chaıred by Mr A.")  # IGNORECASE: "ı" is an "i", so non-ASCII is searched
    assert [m.group() for m in plain.finditer("chaired by, chaired  by")] == ["chaired by", "chaired  by"]
    assert list(plain.finditer("presided over")) == []


def test_a_remembered_word_test_answers_as_the_test_and_forgets_past_its_bound(monkeypatch):
    from kg.recognise import memo

    monkeypatch.setattr(memo, "_WORDS_MAX", 3)
    calls: list[str] = []

    @memo.per_word
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert [shout(w) for w in ("a", "b", "a", "c")] == ["A", "B", "A", "C"]
    assert calls == ["a", "b", "c"] and shout.known == {"a": "A", "b": "B", "c": "C"}
    assert shout("d") == "D" and shout.known == {"d": "D"}  # full: all forgotten, then kept
