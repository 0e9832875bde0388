"""Reading releases: page text, saved HTML, JSONL/CSV records, and rejections with reasons."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kg.model import Rejection, Release
from kg.read import date_from_id, read_paths, release_id_from

HKT = timezone(timedelta(hours=8))
SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def read(*paths: Path) -> list[Release | Rejection]:
    return list(read_paths(paths))


def one(path: Path) -> Release:
    (item,) = read(path)
    assert isinstance(item, Release), item
    return item


def test_seed_page_text(seed_release: Path) -> None:
    r = one(seed_release)
    assert r.id == "P2023090700255"
    assert r.date == date(2023, 9, 7)
    assert r.issued == datetime(2023, 9, 7, 19, 5, tzinfo=HKT)
    assert r.title.startswith("10th meeting of Joint Task Force")
    assert r.text.startswith("The Secretary for Innovation, Technology and Industry, Professor Sun Dong")
    assert "Go to main content" not in r.text and "NNNN" not in r.text and "Ends/" not in r.text
    assert len(r.text.split("\n\n")) == 5
    assert len(r.captions) == 3 and "(second left)" in r.captions[0]
    assert r.url == "https://www.info.gov.hk/gia/general/202309/07/P2023090700255.htm"


def test_saved_html_page() -> None:
    r = one(SAMPLE / "P2024011800412.htm")
    assert r.id == "P2024011800412"
    assert r.title.startswith("11th meeting of Joint Task Force")
    assert r.date == date(2024, 1, 18)
    assert r.issued == datetime(2024, 1, 18, 18, 30, tzinfo=HKT)
    assert len(r.text.split("\n\n")) == 3
    assert r.captions and "(first left)" in r.captions[0]


def test_html_declared_encoding(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="big5"></head><body><span id="PRHeadlineSpan">Caf\u00e9 licences issued</span>'
        '<div id="pressrelease">The Director of Food and Environmental Hygiene, Mr Chan Tai-man, said today '
        "(May 2) that licences for the caf\u00e9 trade would be issued.<br><br>Ends/Thursday, May 2, 2024</div>"
    ).encode("big5hkscs", errors="ignore")
    path = tmp_path / "P2024050200100.htm"
    path.write_bytes(page)
    r = one(path)
    assert r.title == "Caf licences issued" or r.title.startswith("Caf")
    assert r.date == date(2024, 5, 2)


def test_jsonl_records_and_csv_spanning_lines() -> None:
    items = read(SAMPLE / "releases-2024-03.jsonl", SAMPLE / "releases-2024-05.csv")
    assert [i.id for i in items] == ["P2024031200255", "P2024032000518", "P2024052400302"]
    csv_release = items[-1]
    assert csv_release.date == date(2024, 5, 24)
    assert csv_release.issued == datetime(2024, 5, 24, 16, 20, tzinfo=HKT)
    assert '"The harbourfront belongs to everyone," Mr Yeung said.' in csv_release.text
    assert items[0].issued == datetime(2024, 3, 12, 17, 45, tzinfo=HKT)
    assert items[0].source.endswith("releases-2024-03.jsonl:1")


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "P2024011800412.htm").write_bytes((SAMPLE / "P2024011800412.htm").read_bytes())
    (tmp_path / "notes.md").write_text("not a release")
    assert [r.id for r in read(tmp_path)] == ["P2024011800412"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("P2024010100001.txt", b"", "empty file"),
        ("P2024010100002.txt", b"\x00\x01\x02binary\x00", "binary"),
        (
            "P2024010100003.txt",
            "政府今日公布新措施，以推動創新科技發展。".encode() * 5,
            "not an English release",
        ),
        ("page.htm", b"<html><body><p>Welcome to our shop</p></body></html>", "not a press release page"),
        (
            "notes.txt",
            b"Some notes about the meeting, which is not a press release at all.\n",
            "no release number",
        ),
        ("P2024010100004.txt", b"Short\n\nEnds/Monday, January 1, 2024", "no release text"),
    ],
)
def test_bad_inputs_are_rejected_with_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = read(path)
    assert isinstance(item, Rejection)
    assert item.source == str(path)
    assert reason in item.reason


def test_bad_record_does_not_stop_the_file(tmp_path: Path) -> None:
    good = {
        "id": "P2024020200123",
        "title": "A title",
        "text": "The Secretary for Security, Mr Chan Tai-man, "
        "visited the Immigration Department today (February 2) to meet frontline staff.",
    }
    path = tmp_path / "batch.jsonl"
    path.write_text("{not json\n" + json.dumps(good) + "\n" + json.dumps({"id": "P2024020200124"}) + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Rejection", "Release", "Rejection"]
    assert items[0].source == f"{path}:1" and "unreadable record" in items[0].reason
    assert items[1].date == date(2024, 2, 2)
    assert items[2].source == f"{path}:3" and "no text" in items[2].reason


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    (item,) = read(tmp_path / "nope.txt")
    assert isinstance(item, Rejection) and "no such file" in item.reason


def test_identifiers_and_dates() -> None:
    assert (
        release_id_from("https://www.info.gov.hk/gia/general/202309/07/P2023090700255.htm")
        == "P2023090700255"
    )
    assert release_id_from("P201008100246.txt") == "P201008100246"
    assert (
        release_id_from("https://www.info.gov.hk/gia/general/200111/08/1108116.htm")
        == "gia:200111/08/1108116"
    )
    assert date_from_id("P2023090700255") == date(2023, 9, 7)
    assert date_from_id("P201008100246") == date(2010, 8, 10)
    assert date_from_id("gia:200111/08/1108116") == date(2001, 11, 8)
    assert date_from_id("P2023133100255") is None


def test_date_from_number_when_footer_missing(tmp_path: Path) -> None:
    path = tmp_path / "P2019061400321.txt"
    path.write_text(
        "Task force holds meeting\n\n     The Secretary for Development, Mr Chan Tai-man, chaired the "
        "second meeting of the Task Force on Land Supply today (June 14). Members discussed the"
    )
    r = one(path)
    assert r.date == date(2019, 6, 14) and r.issued is None
    assert r.title == "Task force holds meeting"


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good files of every kind (one in a subfolder) beside bad ones."""
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    for name in (
        "P2023090700255.txt",
        "P2024011800412.htm",
        "releases-2024-03.jsonl",
        "releases-2024-05.csv",
    ):
        (folder / "deep" / name).write_bytes((SAMPLE / name).read_bytes())
    (folder / "P2024010100001.txt").write_bytes(b"")
    (folder / "P2024010100002.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (folder / "batch.jsonl").write_text('{not json\n{"id": "P2024020200124"}\n')
    return folder


def test_files_read_in_worker_processes_give_the_same_items_in_the_same_order(
    mixed_folder: Path, monkeypatch
) -> None:
    missing = mixed_folder.parent / "nope.txt"
    alone = list(read_paths([missing, mixed_folder]))
    monkeypatch.setattr("kg.read.PARALLEL_BYTES", 0)  # (so few bytes would be read here)
    apart = list(read_paths([missing, mixed_folder], jobs=2))
    assert apart == alone
    assert sum(isinstance(i, Release) for i in apart) == 5
    assert [Path(i.source).name for i in apart if isinstance(i, Rejection)] == [
        "nope.txt", "P2024010100001.txt", "P2024010100002.txt", "batch.jsonl:1", "batch.jsonl:2"
    ]  # fmt: skip


def test_a_file_the_workers_cannot_return_is_read_in_the_caller(mixed_folder: Path, monkeypatch) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class DeadPool:
        """A pool whose worker died: every result raises."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> DeadPool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def submit(self, *args: object) -> Future:
            future: Future = Future()
            future.set_exception(BrokenProcessPool("a worker died"))
            return future

    alone = list(read_paths([mixed_folder]))
    monkeypatch.setattr("kg.read.PARALLEL_BYTES", 0)
    monkeypatch.setattr("kg.read.ProcessPoolExecutor", DeadPool)
    assert list(read_paths([mixed_folder], jobs=2)) == alone
