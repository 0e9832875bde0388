"""`kg.dumps.update_dumps`: the dumps an update writes, member by member, are a rebuild's bytes."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from kg import dumps
from kg.dumps import Changes, DumpWriter, update_dumps

OWN = ["https://e.org/graph/incumbency", "https://e.org/graph/inferred"]


def release(n: int, version: int = 0) -> tuple[str, bytes, bytes]:
    graph = f"https://e.org/release/P{n:08d}"
    lines = b"".join(
        f'<https://e.org/node/{n}-{k}> <https://e.org/p> "v{version}-{k}" <{graph}> .\n'.encode()
        for k in range(4)
    )
    obj = f'{{"@id":"{graph}","@graph":[{{"@id":"https://e.org/node/{n}","v":{version}}}]}}'.encode()
    return graph, lines, obj


def own_line(graph: str, s: int, o: int) -> bytes:
    return f"<https://e.org/node/{s}> <https://e.org/q> <https://e.org/node/{o}> <{graph}> .\n".encode()


def merged_line(s: int, o: int) -> bytes:
    return f'<https://e.org/node/{s}> <https://e.org/p> "{o}" .\n'.encode()


def write(folder: Path, releases: dict, own: dict[str, set[bytes]], merged: set[bytes]) -> None:
    writer = DumpWriter(folder)
    try:
        for graph in sorted(releases):
            writer.add(*releases[graph])
        for graph in OWN:
            lines = sorted(own[graph])
            for i in range(0, len(lines), 97):  # in pieces, as the build's sorted runs come
                writer.add_sorted(graph, b"".join(lines[i : i + 97]))
        text = b"".join(sorted(merged))
        writer.finish(lambda: [text[i : i + 5000] for i in range(0, len(text), 5000)])  # lines cut anywhere
    finally:
        writer.close()


@pytest.mark.parametrize("seed", range(6))
def test_an_update_of_the_dumps_writes_a_rebuilds_bytes_and_copies_the_rest(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    releases = {g: (nq, js) for g, nq, js in map(release, range(2, 6000, 2))}
    own = {g: {own_line(g, rng.randrange(20000), rng.randrange(99)) for _ in range(6000)} for g in OWN}
    merged = {merged_line(rng.randrange(20000), rng.randrange(99)) for _ in range(20000)}
    write(tmp_path / "old", releases, own, merged)

    day = {g: (nq, js) for g, nq, js in (release(n) for n in range(6000, 6100))}  # a later day
    day |= {
        g: (nq, js) for g, nq, js in (release(n, 1) for n in rng.sample(range(0, 6000, 2), 4))
    }  # replaced
    day |= {g: (nq, js) for g, nq, js in (release(n) for n in (0, 1, 2999))}  # read late: first, in the middle
    edits = {}
    for g in OWN:
        gone = set(rng.sample(sorted(own[g]), 5)) | set(rng.sample(begins_member(own[g]), 2))
        added = {own_line(g, rng.randrange(20000), rng.randrange(99)) for _ in range(5)} - own[g]
        edits[g] = (gone, added)
    merged_gone = set(rng.sample(sorted(merged), 5)) | set(rng.sample(begins_member(merged), 2))
    merged_added = {merged_line(rng.randrange(20000), rng.randrange(99)) for _ in range(5)} - merged
    update_dumps(tmp_path / "old", tmp_path / "updated", Changes(day, edits, merged_gone, merged_added))

    own_after = {g: (own[g] - edits[g][0]) | edits[g][1] for g in OWN}
    write(tmp_path / "rebuilt", releases | day, own_after, (merged - merged_gone) | merged_added)
    for name in ("hkpr.nq.gz", "hkpr.jsonld.gz", "hkpr.nt.gz", "hkpr.ttl.gz", "SHA256SUMS", dumps.MEMBERS):
        assert (tmp_path / "updated" / name).read_bytes() == (tmp_path / "rebuilt" / name).read_bytes(), name
    # the rebuild's members are mostly the old file's, byte for byte: the update copied those
    for name in ("hkpr.nq.gz", "hkpr.nt.gz"):
        old, new = members(tmp_path / "old" / name), members(tmp_path / "rebuilt" / name)
        assert len(new) > 40
        assert len(set(new) - set(old)) < len(new) / 2
    assert gzip.decompress((tmp_path / "updated" / "hkpr.jsonld.gz").read_bytes()).startswith(b"[\n{")


def begins_member(lines: set[bytes]) -> list[bytes]:
    """The lines whose subject begins a member (removing them joins two members)."""
    return sorted(line for line in lines if dumps._cut_by_hash((1, "", dumps.subject_of(line))))


def members(path: Path) -> list[bytes]:
    """A multi-member gzip file's members, by the sizes its index gives."""
    index = dumps.read_index(path.parent)
    sizes = index["named" if path.name in ("hkpr.nq.gz", "hkpr.jsonld.gz") else "merged"][
        path.name.split(".")[1]
    ]
    data, out, at = path.read_bytes(), [], 0
    for size in sizes:
        out.append(data[at : at + size])
        at += size
    return out
