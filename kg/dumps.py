"""The dumps: the whole graph in four formats, gzipped, with SHA256SUMS, written as gzip members
that an update can rewrite one by one.

N-Quads and JSON-LD keep the named graphs; Turtle and N-Triples hold the merged graph (every
triple once, the store's default graph). Each file is a series of gzip members (RFC 1952 allows
any number; gzip, zcat and every gzip library read them as one stream), compressed with ISA-L
(python-isal).

Where a member begins depends on the content alone, so a rebuild and an update cut the same
members and write the same bytes:

- the named-graph dumps (N-Quads, JSON-LD) hold the release graphs by IRI, then the build's own
  graphs (`graph_order`). A member begins before a release graph whose IRI's CRC-32 is a multiple
  of RELEASE_EVERY (about 64 releases a member), at the first line of each other graph, and
  before a line of those graphs (sorted) whose CRC-32 is a multiple of LINE_EVERY. The JSON-LD member i holds the graphs (or, for the
  build's own graphs, the slice of a graph) of N-Quads member i, one `{"@id": graph, "@graph":
  [...]}` object a line; the file's `[` and `]` come with the first and in a last member;
- the merged graph's dumps (sorted N-Triples, and Turtle written from the same lines) begin a
  member before a line whose CRC-32 is a multiple of LINE_EVERY (a subject cut in two is written
  twice in the Turtle, once in each member); the Turtle file's @prefix lines are a member of their
  own.

Inserting a graph or a line then changes the one member it falls in (or splits it in two), and
nothing else: an update (`update_dumps`) rewrites the members the day touches and copies the
others' compressed bytes. Each folder keeps where its members begin (MEMBERS, a hidden file
beside the dumps).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from isal import igzip

from kg.extract import jsonld_members
from kg.extsort import file_chunks
from kg.iris import ONTOLOGY, PREFIXES, Iris

DUMP_NAME = "hkpr"
LEVEL = 2  # isal's gzip level: ~14x smaller than the raw N-Quads, ~6x faster than zlib's level 3
RELEASE_EVERY = 64  # a release graph begins a member when crc32(IRI) % RELEASE_EVERY == 0
LINE_EVERY = 1024  # a line (of a sorted graph) begins one when crc32(line) % LINE_EVERY == 0
MEMBERS = ".members.json"  # in the dumps folder: where each file's members begin
SUMS = "SHA256SUMS"
NAMED, MERGED = ("nq", "jsonld"), ("nt", "ttl")
Key = tuple[int, str, str]  # (0, release graph, "") or (1 + the graph's place among the others, "", line)


def graph_order(graphs: Iterable[str], iris: Iris) -> list[str]:
    """The order of the named graphs in the dumps: the release graphs by IRI, then the build's
    own graphs (incumbency, inferred, ontology, reference), then any other."""
    graphs = set(graphs)
    prefix = iris.release("")
    own = [iris.incumbency_graph, iris.inferred_graph, ONTOLOGY, iris.reference_graph]
    releases = sorted(g for g in graphs if g.startswith(prefix))
    return [*releases, *(g for g in own if g in graphs), *sorted(graphs - set(releases) - set(own))]


@dataclass
class Unit:
    """What a member boundary may fall before: a whole release graph (`jsonld` its object), or a
    line of one of the other graphs or of the merged graph (`jsonld` None; the writer also passes
    a run of lines that no boundary falls in as one unit, keyed by its first)."""

    key: Key
    lines: bytes
    jsonld: bytes | None = None


def starts_member(key: Key, previous: Key | None) -> bool:
    """Whether a member begins before the unit `key` that follows `previous` (None: the first)."""
    if previous is None:
        return True
    if key[0] == 0:
        return zlib.crc32(key[1].encode()) % RELEASE_EVERY == 0
    return previous[0] != key[0] or zlib.crc32(key[2].encode()) % LINE_EVERY == 0


def _cut_by_hash(key: Key) -> bool:
    """Whether `key` begins a member wherever it stands (not only as its graph's first)."""
    return starts_member(key, (key[0], "", "\0"))


def line_key(place: int, line: bytes) -> Key:
    """The key of a line (its newline left out) of a sorted graph."""
    return (place, "", line.rstrip(b"\n").decode())


def line_units(data: bytes, place: int) -> list[Unit]:
    """Whole lines as a unit each."""
    return [Unit(line_key(place, line), line) for line in data.splitlines(keepends=True)]


def release_graph(nquads: bytes) -> str:
    """The graph of a release's N-Quads (its last line's last term)."""
    end = len(nquads.rstrip(b"\n"))
    return nquads[nquads.rfind(b" <", 0, end - 2) + 2 : end - 3].decode()


def _slices(units: Sequence[Unit]) -> Iterator[list[Unit]]:
    """Consecutive units of one graph (release units alone)."""
    run: list[Unit] = []
    for u in units:
        if run and (u.key[0] == 0 or run[-1].key[0] != u.key[0]):
            yield run
            run = []
        run.append(u)
    if run:
        yield run


def named_member(units: Sequence[Unit], first: bool) -> tuple[bytes, bytes]:
    """A member of the N-Quads and of the JSON-LD dump (`first`: the file's first member)."""
    objects = []
    for run in _slices(units):
        if run[0].jsonld is not None:
            objects.append(run[0].jsonld)
        else:
            lines = b"".join(u.lines for u in run)
            objects.append(jsonld_members(list(ox.parse(lines, format=ox.RdfFormat.N_QUADS, lenient=True))))
    seps = [b",\n"] * len(objects)
    if first and seps:
        seps[0] = b"[\n"
    return b"".join(u.lines for u in units), b"".join(s + o for s, o in zip(seps, objects, strict=True))


JSONLD_END = b"\n]\n"


def _turtle_header() -> bytes:
    sample = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    out = ox.serialize([sample], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return out[: out.rindex(b"@prefix")] + out[out.rindex(b"@prefix") :].split(b"\n", 1)[0] + b"\n"


TURTLE_HEADER = _turtle_header()


def merged_member(units: Sequence[Unit]) -> tuple[bytes, bytes]:
    """A member of the N-Triples and of the Turtle dump (the Turtle without its @prefix lines)."""
    nt = b"".join(u.lines for u in units)
    ttl = ox.serialize(
        ox.parse(nt, format=ox.RdfFormat.N_TRIPLES, lenient=True),
        format=ox.RdfFormat.TURTLE,
        prefixes=PREFIXES,
    )
    if not ttl.startswith(TURTLE_HEADER):
        raise ValueError("the Turtle writer's @prefix lines changed")
    return nt, ttl[len(TURTLE_HEADER) :]


def compress(data: bytes) -> bytes:
    """One gzip member (no name, time 0: the same bytes for the same data)."""
    return igzip.compress(data, compresslevel=LEVEL, mtime=0)


@dataclass
class _Out:
    """A dump file being written, member by member, hashed as it goes."""

    path: Path
    sizes: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.file = self.path.open("wb")
        self.digest = hashlib.sha256()

    def write(self, member: bytes) -> None:
        self.file.write(member)
        self.digest.update(member)
        self.sizes.append(len(member))

    def close(self) -> str:
        if not self.file.closed:
            self.file.close()
        return self.digest.hexdigest()


def _name(suffix: str) -> str:
    return f"{DUMP_NAME}.{suffix}.gz"


class _Cutter:
    """Units in, members out: gathers units until the next begins a member, then hands the
    gathered ones to `emit(units, first)`."""

    def __init__(self, emit: Callable[[list[Unit], bool], None]) -> None:
        self.emit, self.units, self.last, self.first = emit, [], None, True
        self.keys: list[Key] = []

    def add_lines(self, place: int, data: bytes) -> None:
        """Whole sorted lines of one graph (`starts_member`'s rule, line by line, without a unit a
        line: the merged graph has tens of millions)."""
        if self.units and self.last is not None and self.last[0] != place:
            self.flush()
        begin = at = 0
        crc = zlib.crc32
        for line in data.split(b"\n")[:-1]:
            if crc(line) % LINE_EVERY == 0 and (at > begin or self.units):
                if at > begin:
                    self._block(place, data[begin:at])
                self.flush()
                begin = at
            at += len(line) + 1
        if at > begin:
            self._block(place, data[begin:at])

    def _block(self, place: int, lines: bytes) -> None:
        key = line_key(place, lines[: lines.index(b"\n")])
        if not self.units:
            self.keys.append(key)
        self.units.append(Unit(key, lines))
        self.last = key

    def add(self, unit: Unit) -> None:
        if self.units and starts_member(unit.key, self.last):
            self.flush()
        if not self.units:
            self.keys.append(unit.key)
        self.units.append(unit)
        self.last = unit.key

    def flush(self) -> None:
        if self.units:
            self.emit(self.units, self.first)
            self.units, self.first = [], False


class DumpWriter:
    """The dumps, written as the graph arrives, in the order of `graph_order`: each release graph
    (`add`), then each other graph's sorted lines (`add_sorted`), then the merged graph at
    `finish`. Members are compressed as they fill (nobody holds a dump uncompressed)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._nq, self._jsonld = _Out(folder / _name("nq")), _Out(folder / _name("jsonld"))
        self._named = _Cutter(self._write_named)
        self._graphs: list[str] = []
        self._carry = b""

    def _write_named(self, units: list[Unit], first: bool) -> None:
        nq, js = named_member(units, first)
        self._nq.write(compress(nq))
        self._jsonld.write(compress(js))

    def add(self, nquads: bytes = b"", jsonld: bytes = b"") -> None:
        """Append a release graph: its N-Quads and its JSON-LD object."""
        if nquads:
            self._named.add(Unit((0, release_graph(nquads), ""), nquads, jsonld))

    def add_sorted(self, graph: str, nquads: bytes) -> None:
        """Append sorted, whole lines of one of the build's own graphs (a graph's lines in one or
        more calls, one graph after the other)."""
        if not self._graphs or self._graphs[-1] != graph:
            self._graphs.append(graph)
        self._named.add_lines(len(self._graphs), nquads)

    def finish(self, merged: bytes | Callable[[], Iterable[bytes]]) -> dict[str, str]:
        """Close the named-graph dumps, write the merged graph's (sorted N-Triples: the bytes, or a
        function giving them in chunks) and SHA256SUMS; return file name -> sha256."""
        self.close_named()
        return self.write_index(merged_dumps(self.folder, merged))

    def close_named(self) -> None:
        """Close the named-graph dumps (N-Quads, JSON-LD): nothing more is added to them."""
        self._named.flush()
        if self._named.first:  # nothing at all: still a JSON-LD array
            self._jsonld.write(compress(b"["))
        self._jsonld.write(compress(JSONLD_END))
        self._sums = {_name("nq"): self._nq.close(), _name("jsonld"): self._jsonld.close()}

    def write_index(self, merged: dict) -> dict[str, str]:
        """The member index and SHA256SUMS, once the merged graph's dumps are written (`merged`:
        what `merged_dumps` returned); return file name -> sha256."""
        sums = {**self._sums, **merged["sha256"]}
        index = {
            "named": {"graphs": self._graphs, "keys": self._named.keys, "nq": self._nq.sizes,
                      "jsonld": self._jsonld.sizes},
            "merged": {"keys": merged["keys"], "nt": merged["nt"], "ttl": merged["ttl"]},
            "sha256": sums,
            "rule": _rule(),
        }  # fmt: skip
        _write_index(self.folder, index)
        return sums

    def close(self) -> None:
        """Close what is still open (after a failure; the files are left incomplete)."""
        self._nq.close()
        self._jsonld.close()


def merged_dumps(folder: Path, merged: bytes | Callable[[], Iterable[bytes]] | Path) -> dict:
    """The merged graph's dumps (N-Triples and Turtle, members cut by content) in `folder`, from its
    sorted N-Triples (the bytes, a function giving them in chunks, or a file): the members' keys
    and sizes and the files' sha256, as `DumpWriter.write_index` takes them, and its triples. A function of the
    module (not of the writer): a build runs it in a process of its own beside the store's work."""
    if isinstance(merged, Path):
        path = merged
        merged = lambda: file_chunks(path)  # noqa: E731
    nt, ttl = _Out(folder / _name("nt")), _Out(folder / _name("ttl"))
    ttl.write(compress(TURTLE_HEADER))
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:

        def write(units: list[Unit], first: bool) -> None:
            a, b = merged_member(units)
            za, zb = pool.map(compress, (a, b))
            nt.write(za)
            ttl.write(zb)

        cutter = _Cutter(write)
        triples = 0
        for chunk in _whole_lines(merged() if callable(merged) else (merged,)):
            cutter.add_lines(1, chunk)
            triples += chunk.count(b"\n")
        cutter.flush()
    sums = {_name("nt"): nt.close(), _name("ttl"): ttl.close()}
    return {"keys": cutter.keys, "nt": nt.sizes, "ttl": ttl.sizes, "sha256": sums, "triples": triples}


def _write_index(folder: Path, index: dict) -> None:
    sums = index["sha256"]
    (folder / MEMBERS).write_text(json.dumps(index, separators=(",", ":")))
    (folder / SUMS).write_text("".join(f"{sums[n]}  {n}\n" for n in sorted(sums)))


def _whole_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Chunks cut after their last newline (the rest goes with the next)."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk if carry else chunk
        cut = data.rfind(b"\n") + 1
        if cut:
            yield data[:cut]
        carry = data[cut:]
    if carry:
        yield carry + b"\n"


# --- an update: the members the changes fall in are written again, the others copied ---


@dataclass
class Changes:
    """What an update changes in the dumps: release graphs added or replaced (graph IRI ->
    (N-Quads, JSON-LD object)), lines removed and added in the build's own graphs (graph IRI ->
    (removed, added) N-Quads lines), and in the merged graph (N-Triples lines)."""

    releases: dict[str, tuple[bytes, bytes]]
    graphs: dict[str, tuple[set[bytes], set[bytes]]]
    merged_removed: set[bytes]
    merged_added: set[bytes]


def _rule() -> dict:
    """Where members begin, as the index records it (an update of dumps cut otherwise rebuilds)."""
    return {"release_every": RELEASE_EVERY, "line_every": LINE_EVERY, "level": LEVEL}


def read_index(folder: Path) -> dict:
    """The member index of the dumps in `folder` (ValueError if missing or not of these dumps)."""
    try:
        index = json.loads((folder / MEMBERS).read_text())
    except (OSError, ValueError) as exc:
        raise ValueError(f"the dumps have no member index ({exc})") from exc
    sums = {}
    for line in (folder / SUMS).read_text().splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    if index.get("rule") != _rule():
        raise ValueError("the dumps' members were cut by another rule")
    if index.get("sha256") != sums:
        raise ValueError("the dumps' member index is not of these dumps")
    for key, names in (("named", NAMED), ("merged", MERGED)):
        for suffix in names:
            if sum(index[key][suffix]) != (folder / _name(suffix)).stat().st_size:
                raise ValueError(f"{_name(suffix)} is not the size its members add up to")
    return index


def update_dumps(old: Path, new: Path, changes: Changes) -> dict[str, str]:
    """Write into `new` the dumps of `old` with `changes`; return file name -> sha256."""
    index = read_index(old)
    new.mkdir(parents=True, exist_ok=True)
    named, merged = index["named"], index["merged"]
    place = {g: i + 1 for i, g in enumerate(named["graphs"])}
    named_units: list[Unit] = [Unit((0, g, ""), nq, js) for g, (nq, js) in changes.releases.items()]
    removed: dict[Key, set[bytes]] = {}
    for graph, (gone, added) in changes.graphs.items():
        if graph not in place:
            raise ValueError(f"the dumps have no graph {graph} to edit")
        for line in gone - added:
            removed.setdefault(line_key(place[graph], line), set()).add(line)
        for line in added - gone:
            named_units.append(Unit(line_key(place[graph], line), line))
    merged_removed: dict[Key, set[bytes]] = {}
    for line in changes.merged_removed - changes.merged_added:
        merged_removed.setdefault(line_key(1, line), set()).add(line)
    merged_units = [Unit(line_key(1, line), line) for line in changes.merged_added - changes.merged_removed]
    expected = index["sha256"]
    jobs = [
        (old, new, NAMED, named, named_units, removed, True, expected),
        (old, new, MERGED, merged, merged_units, merged_removed, False, expected),
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: _update_pair(*job), jobs))
    sums = {**results[0], **results[1]}
    index["sha256"] = sums
    _write_index(new, index)
    return sums


def _update_pair(
    old: Path,
    new: Path,
    suffixes: tuple[str, str],
    part: dict,
    added: list[Unit],
    removed: dict[Key, set[bytes]],
    is_named: bool,
    expected: dict[str, str],
) -> dict[str, str]:
    """Edit one pair of aligned dumps (N-Quads with JSON-LD, or N-Triples with Turtle): the runs
    of members the changes fall in are cut again, the others copied; `part` (the index) follows."""
    keys = [tuple(k) for k in part["keys"]]
    main, other = suffixes
    skip = 0 if is_named else 1  # member i of N-Triples is member i + 1 of Turtle (@prefix first)
    place = {g: i + 1 for i, g in enumerate(part["graphs"])} if is_named else None

    def where(key: Key) -> int:
        return max(bisect.bisect_right(keys, key) - 1, 0)

    touched: dict[int, list[Unit]] = {}
    for unit in added:
        touched.setdefault(where(unit.key), []).append(unit)
    gone: dict[int, dict[Key, set[bytes]]] = {}
    for key, lines in removed.items():
        gone.setdefault(where(key), {})[key] = lines
    runs: list[tuple[int, int, list[bytes], list[bytes], list[Key]]] = []
    with (
        _Members(old / _name(main), part[main]) as mains,
        _Members(old / _name(other), part[other]) as others,
    ):
        units_of = _UnitsOf(mains, others, skip, place)
        for a, b in _spans(sorted(set(touched) | set(gone))):
            if runs and a <= runs[-1][1]:
                a = runs.pop()[0]
            while True:  # grown until its first unit begins a member wherever it stands, and the next too
                members = range(a, b + 1)
                units = _edited(
                    units_of(a, b),
                    [u for m in members for u in touched.get(m, [])],
                    {k: v for m in members for k, v in gone.get(m, {}).items()},
                )
                if a > 0 and (not units or not _cut_by_hash(units[0].key)):
                    a -= 1
                elif (
                    b + 1 < len(keys)
                    and (not units or keys[b + 1][0] == units[-1].key[0])
                    and not _cut_by_hash(keys[b + 1])
                ):
                    b += 1
                else:
                    break
            if not units:
                raise ValueError("an update would leave a dump empty")
            if runs and a <= runs[-1][1]:  # grown back into the run before: redo both as one
                a = runs.pop()[0]
                units = _edited(
                    units_of(a, b),
                    [u for m in range(a, b + 1) for u in touched.get(m, [])],
                    {k: v for m in range(a, b + 1) for k, v in gone.get(m, {}).items()},
                )
            runs.append((a, b, *_cut(units, a == 0, is_named)))
    new_keys: list[Key] = []
    at = 0
    for a, b, _, _, run_keys in runs:
        new_keys += keys[at:a] + run_keys
        at = b + 1
    new_keys += keys[at:]
    sums = {}
    for suffix, pick, shift in ((main, 2, 0), (other, 3, skip)):
        edits = [(r[0] + shift, r[1] + shift, r[pick]) for r in runs]
        name = _name(suffix)
        sums[name], part[suffix] = _rewrite(old / name, new / name, part[suffix], edits, expected[name])
    part["keys"] = [list(k) for k in new_keys]
    return sums


def _spans(members: list[int]) -> Iterator[tuple[int, int]]:
    """Sorted member numbers as runs of consecutive ones (first, last)."""
    run: list[int] = []
    for m in members:
        if run and m != run[1] + 1:
            yield run[0], run[1]
            run = []
        run = [run[0] if run else m, m]
    if run:
        yield run[0], run[1]


class _Members:
    """The members of a dump file, read one at a time."""

    def __init__(self, path: Path, sizes: list[int]) -> None:
        self.file = path.open("rb")
        self.sizes, self.offsets = sizes, _offsets(sizes)

    def read(self, i: int) -> bytes:
        self.file.seek(self.offsets[i])
        return igzip.decompress(self.file.read(self.sizes[i]))

    def __enter__(self) -> _Members:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


class _UnitsOf:
    """An old pair's members as units, each decoded once however often a run is grown."""

    def __init__(self, mains: _Members, others: _Members, skip: int, place: dict[str, int] | None) -> None:
        self.mains, self.others, self.skip, self.place = mains, others, skip, place
        self.decoded: dict[int, list[Unit]] = {}

    def __call__(self, first: int, last: int) -> list[Unit]:
        out = []
        for m in range(first, last + 1):
            if m not in self.decoded:
                other = self.others.read(m + self.skip) if self.place is not None else b""
                self.decoded[m] = _units(self.mains.read(m), other, self.place)
            out.extend(self.decoded[m])
        return out


def _offsets(sizes: list[int]) -> list[int]:
    out, at = [], 0
    for s in sizes:
        out.append(at)
        at += s
    return out


def _units(main: bytes, other: bytes, place: dict[str, int] | None) -> list[Unit]:
    """An old member's units: release graphs with their JSON-LD objects (from `other`, one a line
    in the order of the N-Quads), the other named graphs' and the merged graph's lines by subject
    (`place` None: the merged graph)."""
    if place is None:
        return line_units(main, 1)
    objects = []
    for line in other.split(b"\n"):
        line = line.strip().removesuffix(b",")
        if line.startswith(b"{"):
            objects.append((_object_graph(line), line))
    units: list[Unit] = []
    at = 0
    for k, (graph, obj) in enumerate(objects):
        if k + 1 < len(objects):  # this graph's lines end where the next graph's first line begins
            found = main.find(f" <{objects[k + 1][0]}> .\n".encode(), at)
            if found < 0:
                raise ValueError("the JSON-LD dump's graphs are not the N-Quads dump's")
            end = main.rfind(b"\n", at, found) + 1
        else:
            end = len(main)
        lines = main[at:end]
        if not lines.endswith(f" <{graph}> .\n".encode()):
            raise ValueError(f"the N-Quads dump lacks the graph {graph} of the JSON-LD dump")
        units.extend(
            line_units(lines, place[graph]) if graph in place else [Unit((0, graph, ""), lines, obj)]
        )
        at = end
    if at != len(main):
        raise ValueError("the N-Quads dump has graphs the JSON-LD dump lacks")
    return units


def _edited(units: list[Unit], added: list[Unit], removed: dict[Key, set[bytes]]) -> list[Unit]:
    """Units with `added` (a release graph replaces its namesake) and without those `removed`
    (lines: a unit each), in key order."""
    by_key = {u.key: u for u in units}
    for u in added:
        by_key[u.key] = u
    for key in removed:
        by_key.pop(key, None)
    return [by_key[k] for k in sorted(by_key)]


def _cut(units: list[Unit], first: bool, is_named: bool) -> tuple[list[bytes], list[bytes], list[Key]]:
    """Units as compressed members of both files of a pair, and each member's first key."""
    mains: list[bytes] = []
    others: list[bytes] = []
    keys: list[Key] = []

    def emit(group: list[Unit], first_member: bool) -> None:
        a, b = named_member(group, first and first_member) if is_named else merged_member(group)
        mains.append(compress(a))
        others.append(compress(b))

    cutter = _Cutter(emit)
    for u in units:
        cutter.add(u)
    cutter.flush()
    keys = cutter.keys
    return mains, others, keys


def _rewrite(
    src: Path, dst: Path, sizes: list[int], edits: list[tuple[int, int, list[bytes]]], expected: str
) -> tuple[str, list[int]]:
    """Copy `src` to `dst`, members a..b replaced by each edit's; the old file must hash to
    `expected` (else ValueError: the copy would carry a damaged member). (sha256, member sizes)."""
    old, digest = hashlib.sha256(), hashlib.sha256()
    offsets = _offsets(sizes)
    new_sizes: list[int] = []
    at = 0
    with src.open("rb") as fin, dst.open("wb") as fout:

        def copy(first: int, last: int) -> None:  # members first..last-1, as they are
            if first >= last:
                return
            left = offsets[last - 1] + sizes[last - 1] - offsets[first]
            while left:
                data = fin.read(min(left, 1 << 23))
                if not data:
                    raise ValueError(f"{src.name} ends early")
                old.update(data)
                digest.update(data)
                fout.write(data)
                left -= len(data)
            new_sizes.extend(sizes[first:last])

        for a, b, members in edits:
            copy(at, a)
            old.update(fin.read(offsets[b] + sizes[b] - offsets[a]))
            for m in members:
                fout.write(m)
                digest.update(m)
                new_sizes.append(len(m))
            at = b + 1
        copy(at, len(sizes))
        if fin.read(1):
            raise ValueError(f"{src.name} is longer than its members")
    if old.hexdigest() != expected:
        raise ValueError(f"{src.name} does not match its SHA256SUMS")
    return digest.hexdigest(), new_sizes


def _object_graph(obj: bytes) -> str:
    end = obj.find(b',"@graph"')
    return json.loads(obj[:end] + b"}").get("@id", "") if end > 0 else ""
