"""The search index (kg.search_index): built by `kg build`, ranked, with each hit's kind, safe for any
input, and kept current by `kg build --update`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest
from browse_fixtures import HOSTILE_TITLE, RELEASES, build_browse_data, write_releases

from kg import search_index
from kg.build import build
from kg.search_index import SearchIndex, entity_rows, match_expression


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_browse_data(tmp_path_factory.mktemp("search"))


def labels(index: SearchIndex, q: str, kind: str | None = None) -> list[tuple[str, str]]:
    hits, _ = index.search(q, kind)
    return [(h.kind, h.label) for h in hits]


def test_a_name_finds_its_entity_first_with_its_kind(data: Path) -> None:
    index = SearchIndex(data)
    kind, label = labels(index, "Yip Wing-sze")[0]
    assert kind == "person" and label in ("Yip Wing-sze", "Yip Wing Sze")  # spelt two ways
    assert labels(index, "secretary for development")[0] == ("post", "Secretary for Development")
    assert labels(index, "harbour testing")[0] == ("body", "Task Force on Harbour Testing")
    # other names count too: the abbreviation the sample's release defines
    assert ("zone", "Northern Metropolis") in labels(index, "NM")


def test_rows_read_node_by_node_or_a_property_at_a_time_are_the_same(data: Path, monkeypatch) -> None:
    store = ox.Store.read_only(str(data / "store"))
    nodes = {q.subject.value for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
             if isinstance(q.subject, ox.NamedNode)}  # fmt: skip
    monkeypatch.setattr(search_index, "SCAN_ABOVE", len(nodes))
    looked_up = list(entity_rows(store, nodes))
    monkeypatch.setattr(search_index, "SCAN_ABOVE", 0)
    scanned = list(entity_rows(store, nodes))
    kinds = {row[1] for row in scanned}
    assert {"release", "meeting", "person", "post", "body", "zone"} <= kinds
    assert any(row[4] for row in scanned if row[1] != "release")  # other names
    assert scanned == looked_up


def test_typing_a_prefix_already_finds(data: Path) -> None:
    index = SearchIndex(data)
    assert ("person", "Chau Mei-ling") in labels(index, "chau mei-l")
    assert ("person", "Chau Mei-ling") in labels(index, "chau m")


def test_release_text_is_searched_and_the_matched_words_are_marked(data: Path) -> None:
    index = SearchIndex(data)
    hits, total = index.search("land resumption", "release")
    assert (
        total == 1 and hits[0].label == "Steering Committee on the Northern Metropolis holds fourth meeting"
    )
    assert "\ue000land\ue001 \ue000resumption\ue001" in hits[0].snippet


def test_a_release_without_title_is_named_by_number_and_date(data: Path) -> None:
    hits, _ = SearchIndex(data).search("P2023091200404")
    assert hits[0].label == "Press release P2023091200404 of 2023-09-12"


def test_kinds_are_counted(data: Path) -> None:
    kinds = SearchIndex(data).kinds("harbour testing")
    assert kinds["body"] == 1 and kinds["meeting"] == 3 and kinds["release"] == 3


@pytest.mark.parametrize(
    "text",
    ['"', '"unclosed', "AND", "OR NOT", "NEAR(a b)", "*", "a*b", "^start", "col:value", "label:x", "(", ")",
     "-minus", "'; DROP TABLE items; --", "\x00", "🙂", "a" * 5000, "{a b}", "\\", "+", ""],
)  # fmt: skip
def test_any_input_is_a_valid_query(data: Path, text: str) -> None:
    SearchIndex(data).search(text)  # no sqlite3.OperationalError
    expression = match_expression(text)
    assert expression is None or all(part.startswith('"') for part in expression.split(" "))


def test_markup_in_a_title_is_kept_as_text(data: Path) -> None:
    hits, _ = SearchIndex(data).search("third meeting", "release")
    assert hits[0].label == HOSTILE_TITLE


def test_update_replaces_the_rows_of_a_changed_release_and_adds_the_names_it_brings(tmp_path: Path) -> None:
    data = build_browse_data(tmp_path)
    changed = dict(RELEASES[0], title="Task Force on Harbour Testing renamed its first meeting",
                   text=RELEASES[0]["text"].replace("Ms Yip Wing-sze", "Mr Kwok Tsz-hin"))  # fmt: skip
    build([write_releases(tmp_path / "day", [changed])], data, update=True)
    assert "updated in place" in " ".join(json.loads((data / "report.json").read_text())["notes"])
    index = SearchIndex(data)
    assert labels(index, "renamed", "release") == [
        ("release", "Task Force on Harbour Testing renamed its first meeting")
    ]
    assert labels(index, "holds first meeting", "release") == []
    assert labels(index, "Kwok Tsz-hin")[0] == ("person", "Kwok Tsz-hin")
    _, total = index.search("P2021031500101", "release")
    assert total == 1  # replaced, not added twice
    # a full rebuild gives the same rows
    full = tmp_path / "full"
    build(
        [
            Path(__file__).resolve().parents[1] / "sample",
            write_releases(tmp_path / "all", [changed, *RELEASES[1:]]),
        ],
        full,
    )
    assert SearchIndex(full).counts() == index.counts()


def test_an_index_of_another_version_is_not_read_and_an_update_starts_a_new_one(tmp_path: Path) -> None:
    data = build_browse_data(tmp_path)
    old = sqlite3.connect(data / "search.sqlite")
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()
    with pytest.raises(FileNotFoundError, match="another version"):
        SearchIndex(data)
    build([write_releases(tmp_path / "day", [RELEASES[0]])], data, update=True)
    assert labels(SearchIndex(data), "harbour testing")[0] == ("body", "Task Force on Harbour Testing")
