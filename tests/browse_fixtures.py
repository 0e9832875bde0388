"""Releases written for the browsing tests (fictional, in the house style): a body that meets three
times with a chair who changes, a post with two holders, a person whose name one release spells
differently (a SHACL warning), a release without a title, and a title carrying markup that every
page must print as text."""

from __future__ import annotations

import json
from pathlib import Path

from kg.build import build

HOSTILE_TITLE = '<script>alert("x")</script> Task Force on Harbour Testing holds <b>third</b> meeting'


def _record(rid: str, day: str, title: str | None, text: str) -> dict:
    record = {"id": rid, "url": f"https://www.info.gov.hk/gia/general/{rid[1:7]}/{rid[7:9]}/{rid}.htm",
              "published": f"{day}T17:00", "text": text + "\n\nEnds\n\nNNNN"}  # fmt: skip
    if title is not None:
        record["title"] = title
    return record


RELEASES = [
    _record(
        "P2021031500101",
        "2021-03-15",
        "Task Force on Harbour Testing holds first meeting",
        "     The Secretary for Development, Mr Lo Ka-ming, chaired the first meeting of the Task Force on "
        "Harbour Testing today (March 15). The Director of Marine, Ms Yip Wing-sze, attended the meeting.",
    ),
    _record(
        "P2022061000202",
        "2022-06-10",
        "Task Force on Harbour Testing holds second meeting",
        "     The Secretary for Development, Mr Lo Ka-ming, chaired the second meeting of the Task Force on "
        "Harbour Testing today (June 10). The Director of Marine, Ms Yip Wing-sze, attended the meeting.",
    ),
    _record(
        "P2023090100303",
        "2023-09-01",
        HOSTILE_TITLE,
        "     The Secretary for Development, Ms Chau Mei-ling, chaired the third meeting of the Task Force on "
        "Harbour Testing today (September 1). The Director of Marine, Ms Yip Wing-sze, attended the meeting.",
    ),
    _record(
        "P2023091200404",
        "2023-09-12",
        None,
        "     The Secretary for Development, Ms Chau Mei-ling, visited the Northern Metropolis today "
        "(September 12) with the Director of Marine, Ms Yip Wing Sze.",
    ),
]


def write_releases(folder: Path, records: list[dict] = RELEASES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "releases.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def build_browse_data(tmp: Path) -> Path:
    """The sample releases and the ones above, built into tmp/data."""
    corpus = write_releases(tmp / "corpus")
    out = tmp / "data"
    build([Path(__file__).resolve().parents[1] / "sample", corpus], out)
    return out
