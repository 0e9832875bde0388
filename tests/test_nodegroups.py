"""kg.nodegroups: sorted line files cut into ranges of whole keys; kg.reason.batched's global joins."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.nodegroups import PREFIXED, SUBJECT, key_spans, object_of, predicate_of
from kg.reason.batched import cross_node_predicates
from kg.reason.rules import compile_rules

BY_SUBJECT = sorted(
    [  # keys that prefix one another (_:b1, _:b12) and IRIs ending where another goes on
        b"<a/b> <p> <c> .\n",
        b"<a> <p> <c> .\n",
        b"_:b1 <p> _:b12 .\n",
        b"_:b12 <p> <a> .\n",
        b'<a> <q> "x y" .\n',
    ]
)
BY_OBJECT = sorted(
    [
        b"<c>\t<a/b> <p> <c> .\n",
        b"<c>\t<a> <p> <c> .\n",
        b"_:b12\t_:b1 <p> _:b12 .\n",
        b"<a>\t_:b12 <p> <a> .\n",
    ]
)


def key_batches(files: list[tuple[Path, bytes]], limit: int) -> list[list[bytes]]:
    """`key_spans`' batches, read as a worker reads them."""
    return [[span.read() for span in spans] for spans in key_spans(files, limit)]


def lines_of(text: bytes) -> list[bytes]:
    """A batch's lines (joined by newlines), each with its newline back."""
    return [line + b"\n" for line in text.split(b"\n")] if text else []


def files(tmp_path: Path, *texts: list[bytes]) -> list[Path]:
    paths = [tmp_path / f"{i}.nt" for i in range(len(texts))]
    for path, lines in zip(paths, texts, strict=True):
        path.write_bytes(b"".join(lines))
    return paths


@pytest.mark.parametrize("limit", [1, 16, 40, 100])
def test_files_are_cut_into_ranges_of_whole_keys_whatever_their_separator(tmp_path: Path, limit: int) -> None:
    by_subject, by_object = files(tmp_path, BY_SUBJECT, BY_OBJECT)
    made = list(key_batches([(by_subject, SUBJECT), (by_object, PREFIXED)], limit))
    # every line once, in order
    assert [line for b in made for line in lines_of(b[0])] == BY_SUBJECT
    assert [line for b in made for line in lines_of(b[1])] == BY_OBJECT
    # a key's lines, in either file, are in one batch: that of its range
    for key in (b"<a>", b"<a/b>", b"<c>", b"_:b1", b"_:b12"):
        holding = {
            i
            for i, (subjects, objects) in enumerate(made)
            if any(line.startswith(key + b" ") for line in lines_of(subjects))
            or any(line.startswith(key + b"\t") for line in lines_of(objects))
        }
        assert len(holding) <= 1, (key, made)
    if limit == 100:
        assert len(made) == 1
    else:
        assert len(made) > 1


def test_a_batch_ends_with_the_key_of_the_line_at_its_limit(tmp_path: Path) -> None:
    lines = sorted(b"<k%d> <p> <o%d> .\n" % (k, i) for k in range(1, 6) for i in range(k))
    assert {len(line) for line in lines} == {16}
    (path,) = files(tmp_path, lines)
    made = [b[0] for b in key_batches([(path, SUBJECT)], 3 * 16)]
    keys = [sorted({line.split(b" ")[0] for line in lines_of(b)}) for b in made]
    assert [line for b in made for line in lines_of(b)] == lines
    # 3 lines' bytes, then the rest of the key the next line is in: a key is never split
    assert keys == [[b"<k1>", b"<k2>", b"<k3>"], [b"<k4>"], [b"<k5>"]]


def test_long_lines_and_a_last_line_without_its_newline(tmp_path: Path) -> None:
    lines = [b'<a> <p> "%s" .' % (b"x" * 30), b"<b> <p> <c> .", b'<c> <p> "%s" .' % (b"y" * 50)]
    (path,) = files(tmp_path, [b"\n".join(lines)])  # no newline at the end
    for limit in (1, 10, 20, 60, 1000):
        made = [b[0] for b in key_batches([(path, SUBJECT)], limit)]
        assert b"\n".join(made) == b"\n".join(lines), limit
        assert all(made), limit


def test_files_of_many_pages_beside_an_empty_one(tmp_path: Path) -> None:
    """Many batches of a file of many pages; an empty file's spans are empty."""
    lines = sorted(b"<n%05d> <p> <o%d> .\n" % (k, i) for k in range(4000) for i in range(k % 4))
    by_subject, empty = files(tmp_path, lines, [])
    made = list(key_batches([(by_subject, SUBJECT), (empty, PREFIXED)], 5000))
    assert len(made) > 20
    assert [line for batch in made for line in lines_of(batch[0])] == lines
    assert not any(batch[1] for batch in made)
    firsts = [lines_of(batch[0])[0].split(b" ")[0] for batch in made]
    lasts = [lines_of(batch[0])[-1].split(b" ")[0] for batch in made]
    assert all(last < first for last, first in zip(lasts[:-1], firsts[1:], strict=True)), (
        "a key split between batches"
    )


def test_parts_of_a_line() -> None:
    line = b'<s> <p> "a literal with spaces ." .\n'
    assert predicate_of(line) == b"<p>"
    assert object_of(line) == b'"a literal with spaces ."'


def test_the_joins_across_nodes_are_the_transitive_properties_and_what_feeds_them() -> None:
    ontology = list(
        ox.parse(
            """@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <t> a owl:TransitiveProperty . <sub> rdfs:subPropertyOf <t> . <inv> owl:inverseOf <sub> .
        <other> owl:inverseOf <another> . <d> rdfs:domain <C> .""",
            format=ox.RdfFormat.TURTLE,
            base_iri="http://e.org/",
        )
    )
    found = cross_node_predicates(compile_rules(ontology))
    assert found == {ox.NamedNode("http://e.org/" + x) for x in ("t", "sub", "inv")}
