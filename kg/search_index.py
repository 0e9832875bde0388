"""The search index `DIR/search.sqlite`: the names of every entity and the titles and text of every
release, in an SQLite FTS5 table, written by `kg build` and kept current by `kg build --update`.

SQLite FTS5 (Python's standard library): no server to run beside the endpoint, one file in the
data folder that is renamed into place with the rest of the build, queried in-process in
milliseconds, bm25 ranking with a weight per column, and prefix queries for search-as-you-type.

Tables: `items` (one per entity or release: IRI, kind, label, date); `names` (FTS5, rowid =
items.id: every item's label and other names, a release's title and number) and `texts` (FTS5,
the title and text of each release). A search ranks the name matches first (bm25, the label
weighing most), then the releases whose text matches (bm25), so "Carrie" finds the person before
the releases that speak of her; both use FTS5's ranked fast path (`ORDER BY rank LIMIT n`), which
scores matches without building each row, and snippets are made for the rows shown only. Users'
queries are never passed to FTS5 as syntax: `match_expression` quotes each word, so any input is a
valid query.
"""

from __future__ import annotations

import functools
import itertools
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.iris import DCT, FOAF, HKPR, ORG, RDF, RDFS, SCHEMA, SKOS, Iris
from kg.model import Release

INDEX = "search.sqlite"

# Kinds of entity, most specific first: a node typed as several takes the first that applies.
KINDS: tuple[tuple[str, str], ...] = (
    ("release", HKPR + "PressRelease"),
    ("meeting", HKPR + "Meeting"),
    ("body", HKPR + "Body"),
    ("post", HKPR + "Post"),
    ("zone", HKPR + "Zone"),
    ("person", FOAF + "Person"),
    ("organisation", ORG + "Organization"),
    ("place", SCHEMA + "Place"),
)
KIND_OF_CLASS = {cls: kind for kind, cls in KINDS}
NAME_PROPERTIES = (RDFS + "label", SKOS + "prefLabel", FOAF + "name", SKOS + "altLabel")
DATE_PROPERTIES = {"release": DCT + "date", "meeting": SCHEMA + "startDate"}
MARK = ("\ue000", "\ue001")  # around matched words in snippets (private-use characters)

_SCHEMA = """
CREATE TABLE items(id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, kind TEXT NOT NULL,
                   label TEXT NOT NULL, date TEXT);
CREATE INDEX items_kind ON items(kind, label);
CREATE VIRTUAL TABLE names USING fts5(label, other, prefix='1 2 3',
                                      tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE texts USING fts5(body, prefix='3', tokenize='unicode61 remove_diacritics 2');
INSERT INTO names(names, rank) VALUES ('rank', 'bm25(10.0, 4.0)');
PRAGMA user_version = 2;
"""
SCHEMA_VERSION = 2  # PRAGMA user_version of an index this code reads and updates
TEXT_PREFIX = 3  # in release text, words shorter than this are matched whole (not as prefixes)
RANK_CAP = 2000  # more matches than this are not ranked by bm25 (broad queries: a letter, "meeting")
COUNT_CAP = 10_000  # matches counted per table
APPEND_CHUNK = 1000  # rows written per statement (`_append`)


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    label: str
    date: str | None
    snippet: str  # with MARK around the matched words; "" when only the label matched


def release_label(release_id: str, day: str | None, title: str | None) -> str:
    """A release as people name it: its title, else "Press release P... of DATE"."""
    if title and title.strip():
        return title.strip()
    return f"Press release {release_id}" + (f" of {day}" if day else "")


# ---- writing


def schema_version(path: Path) -> int:
    """The index's schema version (0 for a file SQLite cannot read)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(db.execute("PRAGMA user_version").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _open_new(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, check_same_thread=False)  # one thread at a time (PendingIndex.wait)
    db.executescript(_SCHEMA)
    return db


def _put(
    db: sqlite3.Connection, iri: str, kind: str, label: str, date: str | None, names: str, body: str
) -> None:
    _remove(db, [iri])
    cur = db.execute(
        "INSERT INTO items(iri, kind, label, date) VALUES (?, ?, ?, ?)", (iri, kind, label, date)
    )
    db.execute("INSERT INTO names(rowid, label, other) VALUES (?, ?, ?)", (cur.lastrowid, label, names))
    if body:
        db.execute("INSERT INTO texts(rowid, body) VALUES (?, ?)", (cur.lastrowid, body))


Row = tuple[str, str, str, str | None, str, str]  # iri, kind, label, date, other names, text


def _append(db: sqlite3.Connection, rows: Iterable[Row]) -> None:
    """Rows of IRIs the index does not hold, a chunk at a time in one statement per table (a
    release's row each at a time, with `_put`'s look-up first, took a third longer)."""
    (last,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM items").fetchone()
    it = iter(rows)
    while chunk := list(itertools.islice(it, APPEND_CHUNK)):
        ids = range(last + 1, last + 1 + len(chunk))
        last += len(chunk)
        db.executemany(
            "INSERT INTO items(id, iri, kind, label, date) VALUES (?, ?, ?, ?, ?)",
            [(i, *row[:4]) for i, row in zip(ids, chunk, strict=True)],
        )
        db.executemany(
            "INSERT INTO names(rowid, label, other) VALUES (?, ?, ?)",
            [(i, row[2], row[4]) for i, row in zip(ids, chunk, strict=True)],
        )
        db.executemany(
            "INSERT INTO texts(rowid, body) VALUES (?, ?)",
            [(i, row[5]) for i, row in zip(ids, chunk, strict=True) if row[5]],
        )


def _remove(db: sqlite3.Connection, iris: Iterable[str]) -> None:
    for iri in iris:
        row = db.execute("SELECT id FROM items WHERE iri = ?", (iri,)).fetchone()
        if row is not None:
            db.execute("DELETE FROM names WHERE rowid = ?", row)
            db.execute("DELETE FROM texts WHERE rowid = ?", row)
            db.execute("DELETE FROM items WHERE id = ?", row)


def _release_text(r: Release) -> str:
    return "\n\n".join([r.title or "", r.text, *r.captions])


class PendingIndex:
    """The index being written into a build's folder: the releases' rows first (their text is only
    known while they are read), then, once the store is written, the entities' rows (`finish`)."""

    def __init__(
        self,
        folder: Path,
        releases: Sequence[Release],
        iris: Iris,
        previous: Path | None,
        background: bool = False,
    ) -> None:
        self.path = folder / INDEX
        self.iris = iris
        self.read = [iris.release(r.id) for r in releases]
        self.full = previous is None
        self.previous = previous
        last = previous / INDEX if previous is not None else None
        if last is not None and last.is_file() and schema_version(last) == SCHEMA_VERSION:
            self.path.unlink(missing_ok=True)
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            src = sqlite3.connect(f"file:{last}?mode=ro", uri=True)
            src.backup(self.db)
            src.close()
            with self.db:
                _remove(self.db, self.read)
        else:
            self.db = _open_new(self.path)
            self.full = True
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._stop = threading.Event()
        if background:
            self._thread = threading.Thread(
                target=self._in_background, args=(releases,), name="search-index", daemon=True
            )
            self._thread.start()
        else:
            self._add_releases(releases)

    def _add_releases(self, releases: Sequence[Release]) -> None:
        """The releases' rows (each release once: those read again were removed when the index
        was opened)."""

        def rows() -> Iterator[Row]:
            for r in releases:
                if self._stop.is_set():
                    return
                day = r.date.isoformat()
                yield (
                    self.iris.release(r.id),
                    "release",
                    release_label(r.id, day, r.title),
                    day,
                    r.id,
                    _release_text(r),
                )

        with self.db:
            _append(self.db, rows())

    def _in_background(self, releases: Sequence[Release]) -> None:
        """The releases' rows on a thread, at the build's priority: SQLite's full-text indexing
        lets go of the interpreter, the Python between its statements holds it. (At nice 19 the
        thread was preempted while it held the interpreter, and the build's other threads waited
        for it; at 100,000 releases it ran on to the end of the build: bench/README.md.)"""
        try:
            self._add_releases(releases)
        except BaseException as exc:  # raised again by `wait`
            self._error = exc

    def abandon(self) -> None:
        """Stop writing (the build failed): the thread ends, the index is closed and can go."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.db.close()

    def wait(self) -> None:
        """Wait for the releases' rows (when written in the background); raise what failed."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error

    def finish(self, store: ox.Store) -> int:
        """Add the entities' rows from the built store: every entity after a full build, the ones the
        releases read name after an update. Returns the number of rows in the index."""
        self.wait()
        if self.full:  # every typed node, read once (`_kinds`): the releases and the others
            kinds = _kinds(store, None)
            releases = {iri for iri, kind in kinds.items() if kind == "release"}
            rows = _rows(store, {iri: kind for iri, kind in kinds.items() if kind != "release"})
            del kinds
        else:  # the nodes the releases read name, but releases (the archive's are not listed)
            release_class = ox.NamedNode(dict(KINDS)["release"])
            a = ox.NamedNode(RDF + "type")
            nodes = {
                iri
                for iri in _named_by(store, self.read)
                if next(store.quads_for_pattern(ox.NamedNode(iri), a, release_class, ox.DefaultGraph()), None)
                is None
            }
            rows = entity_rows(store, nodes)
        with self.db:
            if self.full:  # a new index: the releases' rows alone are in it
                _append(self.db, ((*row, "") for row in rows))
            else:
                for iri, kind, label, date, names in rows:  # releases keep their rows
                    _put(self.db, iri, kind, label, date, names, "")
            if not self.full:  # nodes only the replaced releases named are gone
                a = ox.NamedNode(RDF + "type")
                gone = [
                    iri
                    for iri in self._named_before()
                    if next(store.quads_for_pattern(ox.NamedNode(iri), a, None, ox.DefaultGraph()), None)
                    is None
                ]
                _remove(self.db, gone)
            if self.full:  # releases kept from an earlier build whose index lacked them: title only
                known = {iri for (iri,) in self.db.execute("SELECT iri FROM items WHERE kind = 'release'")}
                _append(self.db, ((*row, "") for row in entity_rows(store, releases - known)))
        if self.full:  # an update leaves its few rows to FTS5's own incremental merging
            self.db.execute("INSERT INTO names(names) VALUES ('optimize')")
            self.db.execute("INSERT INTO texts(texts) VALUES ('optimize')")
        self.db.commit()
        (count,) = self.db.execute("SELECT COUNT(*) FROM items").fetchone()
        self.db.close()
        return count

    def _named_before(self) -> set[str]:
        """Every IRI the releases read again said in the last build (the rows that may go)."""
        if self.previous is None:
            return set()
        store = ox.Store.read_only(str(self.previous / "store"))
        out: set[str] = set()
        for g in self.read:
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                out.update(t.value for t in (q.subject, q.object) if isinstance(t, ox.NamedNode))
        return out


def start(
    folder: Path,
    releases: Sequence[Release],
    base: str,
    previous: Path | None = None,
    background: bool = False,
) -> PendingIndex:
    """Begin the index of a build in `folder` (`previous`: the data folder an update starts from);
    with `background`, the releases' rows are written on a thread while the build goes on
    (`PendingIndex.finish` waits for them)."""
    return PendingIndex(folder, releases, Iris(base), previous, background)


def _named_by(store: ox.Store, graphs: Iterable[str]) -> Iterator[str]:
    """The nodes the release graphs speak of."""
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            if isinstance(q.subject, ox.NamedNode):
                yield q.subject.value
            if isinstance(q.object, ox.NamedNode) and q.predicate.value == HKPR + "mentions":
                yield q.object.value


def entity_rows(store: ox.Store, nodes: Iterable[str]) -> Iterator[tuple[str, str, str, str | None, str]]:
    """(iri, kind, label, date, other names) of each node of a known kind, from the default graph."""
    return _rows(store, _kinds(store, sorted(set(nodes))))


def _rows(store: ox.Store, kinds: dict[str, str]) -> Iterator[tuple[str, str, str, str | None, str]]:
    """`entity_rows` of nodes whose kinds are known, in the order of their IRIs."""
    values = _values(store, kinds)
    for iri in sorted(kinds):
        kind = kinds[iri]
        mine = values.get(iri, {})
        names: list[str] = []
        for p in NAME_PROPERTIES:
            found = sorted(o.value for o in mine.get(p, ()) if isinstance(o, ox.Literal))
            names.extend(n for n in found if n not in names)
        date = None
        if kind in DATE_PROPERTIES:
            date = min((o.value for o in mine.get(DATE_PROPERTIES[kind], ())), default=None)
        if kind == "release":
            ident = min((o.value for o in mine.get(DCT + "identifier", ())), default=None)
            title = min((o.value for o in mine.get(DCT + "title", ())), default=None)
            release_id = ident or iri.rsplit("/", 1)[-1]
            yield iri, kind, release_label(release_id, date, title), date, release_id
            continue
        label = min(names[:1] or [iri.rstrip("/").rsplit("/", 1)[-1]], key=len)
        yield iri, kind, label, date, " ".join(n for n in names if n != label)


@functools.cache
def _row_properties(kind: str) -> tuple[str, ...]:
    """The properties a row of this kind is made of."""
    dated = (DATE_PROPERTIES[kind],) if kind in DATE_PROPERTIES else ()
    return (*NAME_PROPERTIES, *dated, *((DCT + "identifier", DCT + "title") if kind == "release" else ()))


# nodes: above this many, a row's facts are read a property at a time over the whole default
# graph (a few sequential scans) instead of node by node (a lookup each: ~60 µs in a store not
# yet compacted, 13 s for a 100,000-release build's 29,000 entities)
SCAN_ABOVE = 2000


def _kinds(store: ox.Store, nodes: list[str] | None) -> dict[str, str]:
    """Each node's kind (None: of every node of a known kind): the first of KINDS whose class it has."""
    dg, a = ox.DefaultGraph(), ox.NamedNode(RDF + "type")
    kinds: dict[str, str] = {}
    if nodes is None or len(nodes) > SCAN_ABOVE:
        wanted = set(nodes) if nodes is not None else None
        for kind, cls in KINDS:
            for q in store.quads_for_pattern(None, a, ox.NamedNode(cls), dg):
                if isinstance(q.subject, ox.NamedNode) and (wanted is None or q.subject.value in wanted):
                    kinds.setdefault(q.subject.value, kind)
        return kinds
    for iri in nodes:
        types = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), a, None, dg)}
        kind = next((k for k, cls in KINDS if cls in types), None)
        if kind is not None:
            kinds[iri] = kind
    return kinds


def _values(store: ox.Store, kinds: dict[str, str]) -> dict[str, dict[str, list]]:
    """node -> property -> its values, for the properties its row is made of (`_row_properties`)."""
    dg = ox.DefaultGraph()
    values: dict[str, dict[str, list]] = {}
    if len(kinds) > SCAN_ABOVE:
        needed = {p for kind in set(kinds.values()) for p in _row_properties(kind)}
        for p in sorted(needed):
            for q in store.quads_for_pattern(None, ox.NamedNode(p), None, dg):
                kind = kinds.get(q.subject.value) if isinstance(q.subject, ox.NamedNode) else None
                if kind is not None and p in _row_properties(kind):
                    values.setdefault(q.subject.value, {}).setdefault(p, []).append(q.object)
        return values
    for iri, kind in kinds.items():
        node = ox.NamedNode(iri)
        mine = values[iri] = {}
        for p in _row_properties(kind):
            found = [q.object for q in store.quads_for_pattern(node, ox.NamedNode(p), None, dg)]
            if found:
                mine[p] = found
    return values


# ---- reading

_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str, shortest_prefix: int = 2) -> str | None:
    """An FTS5 query for what a user typed: each word quoted (so no input is FTS5 syntax), every word
    required; the last word (being typed) and words of `shortest_prefix` letters or more matched as
    prefixes."""
    words = _WORD.findall(text)[:12]
    if not words:
        return None
    last = len(words) - 1
    return " ".join(
        f'"{w}"*' if len(w) >= shortest_prefix or (i == last and shortest_prefix <= 2) else f'"{w}"'
        for i, w in enumerate(words)
    )


class SearchIndex:
    """A read-only connection to `DIR/search.sqlite`."""

    def __init__(self, folder: Path) -> None:
        path = Path(folder) / INDEX
        if not path.is_file():
            raise FileNotFoundError(f"no search index in {folder} (built by `kg build`)")
        if schema_version(path) != SCHEMA_VERSION:
            raise FileNotFoundError(f"the search index in {folder} was built by another version: rebuild it")
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        self.db.close()

    def _items(self, ids: list[int]) -> dict[int, tuple[str, str, str, str | None]]:
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id, iri, kind, label, date FROM items WHERE id IN ({marks})", ids)
        return {r[0]: r[1:] for r in rows}

    def _broad(self, table: str, expr: str) -> bool:
        """Whether more than RANK_CAP rows match (found without ranking them)."""
        (n,) = self.db.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT {RANK_CAP + 1})",
            (expr,),
        ).fetchone()
        return n > RANK_CAP

    def _name_ids(self, expr: str, kind: str | None, n: int) -> list[int]:
        """The best name matches: by bm25, or for a broad query (a letter or two, a word most names
        have) in the index's order, entities before releases, as ranking them all costs too much."""
        order = "ORDER BY rowid DESC" if self._broad("names", expr) else "ORDER BY rank"
        if kind is None:
            rows = self.db.execute(f"SELECT rowid FROM names WHERE names MATCH ? {order} LIMIT ?", (expr, n))
        else:
            rows = self.db.execute(
                "SELECT names.rowid FROM names JOIN items ON items.id = names.rowid "
                f"WHERE names MATCH ? AND items.kind = ? {order.replace('rowid', 'names.rowid')} LIMIT ?",
                (expr, kind, n),
            )
        return [r[0] for r in rows]

    def _text_ids(self, expr: str, n: int) -> list[tuple[int, str]]:
        """The best release text matches with their snippets: by bm25, or the latest for a broad query."""
        order = "ORDER BY rowid DESC" if self._broad("texts", expr) else "ORDER BY rank"
        rows = self.db.execute(
            f"SELECT rowid, snippet(texts, 0, '{MARK[0]}', '{MARK[1]}', '…', 16) FROM texts "
            f"WHERE texts MATCH ? {order} LIMIT ?",
            (expr, n),
        )
        return [(r[0], r[1]) for r in rows]

    def search(
        self, text: str, kind: str | None = None, limit: int = 20, offset: int = 0, count: bool = True
    ) -> tuple[list[Hit], int | None]:
        """The best hits for `text` (names first, then release text), and how many there are in all
        (None without `count`: search-as-you-type needs only the best)."""
        names, texts = match_expression(text), match_expression(text, TEXT_PREFIX)
        if names is None or texts is None:
            return [], 0
        wanted = offset + limit
        ranked: list[tuple[int, str]] = [(i, "") for i in self._name_ids(names, kind, wanted)]
        if len(ranked) < wanted and kind in (None, "release"):
            seen = {i for i, _ in ranked}
            for i, snip in self._text_ids(texts, wanted + len(seen)):
                if i not in seen:
                    ranked.append((i, snip))
                    if len(ranked) >= wanted:
                        break
        page = ranked[offset:wanted]
        found = self._items([i for i, _ in page])
        hits = [Hit(*found[i], snip) for i, snip in page if i in found]
        if not count:
            return hits, None
        counts = self.kinds(text)
        total = counts.get(kind, 0) if kind else sum(counts.values())
        return hits, total

    def kinds(self, text: str) -> dict[str, int]:
        """Hits per kind for `text` (a release counts once, whether its name or its text matches),
        counted up to COUNT_CAP matches of each table (`capped` says whether a count stopped there)."""
        names, texts = match_expression(text), match_expression(text, TEXT_PREFIX)
        if names is None or texts is None:
            return {}
        matched = f"SELECT rowid FROM names WHERE names MATCH ? LIMIT {COUNT_CAP}"
        counts = dict(
            self.db.execute(
                f"SELECT kind, COUNT(*) FROM items WHERE id IN ({matched}) GROUP BY kind", (names,)
            )
        )
        (only_text,) = self.db.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM texts WHERE texts MATCH ? AND rowid NOT IN ({matched}) "
            f"LIMIT {COUNT_CAP})",
            (texts, names),
        ).fetchone()
        if only_text:
            counts["release"] = counts.get("release", 0) + only_text
        return counts

    def counts(self) -> dict[str, int]:
        """Rows per kind."""
        return dict(self.db.execute("SELECT kind, COUNT(*) FROM items GROUP BY kind").fetchall())
