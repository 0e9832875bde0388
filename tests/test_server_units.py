"""The server's parts on their own: reading queries, content negotiation, settings, escaping HTML."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pydantic import ValidationError

from server.formats import BY_KEY, FORMATS, RDF, RESULTS, by_name, by_suffix, negotiate, of_kind
from server.html import Markup, esc, page, tag
from server.settings import Settings, settings_error
from server.sparql_text import read_query

# ---- reading a query before it runs


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <http://ex/>\nBASE <http://b/>\nask { ex:a ?p ?o }", "ASK"),
        ("# comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("describe <http://x>", "DESCRIBE"),
        ("INSERT DATA { <a> <b> <c> }", "UPDATE"),
        ("PREFIX x: <http://x/> WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE"),
        ("LOAD <http://example.org/x.ttl>", "UPDATE"),
        ("{ ?s ?p ?o }", None),
    ],
)
def test_the_form_of_a_query(query: str, form: str | None) -> None:
    assert read_query(query).form == form


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * {SERVICE<http://x/>{?s ?p ?o}}",
        "SELECT * { ?s ?p ?o . SeRvIcE ?e { ?s ?p ?o } }",
        "SELECT * { FILTER(?a<?b) SERVICE <http://x/> {} }",
        "SELECT * { ?s ?p 'it''s' . SERVICE <http://x/> {} }",
        'SELECT * { ?s ?p """multi\nline "quoted" """ . SERVICE <http://x/> {} }',
        "SELECT * { ?s ?p 'a\\'b' . SERVICE <http://x/> {} }",
        # pyoxigraph reads SERVICE without a word boundary: each of these opens a connection
        "PREFIX x: <http://x/> SELECT * { SERVICEx:g { ?s ?p ?o } }",
        "SELECT * { SERVICESILENT<http://x/>{ ?s ?p ?o } }",
        "PREFIX : <http://x/> SELECT * { service:g { } }",
        "PREFIX service: <http://x/> PREFIX : <http://y/> SELECT * { ?s service:p ?o . service:g {} }",
    ],
)
def test_service_is_found_wherever_it_is_a_keyword(query: str) -> None:
    assert read_query(query).uses_service


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service { ?s ?p ?o }",
        "SELECT * { ?s <http://x/SERVICE> ?o }",
        "SELECT * { ?s ?p 'SERVICE <http://x/> {}' }",
        'SELECT * { ?s ?p """ SERVICE <http://x/> { } """ }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://x/> {}",
        "PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o . ?s ex:a.SERVICE ?o }",
        "SELECT * { _:SERVICE ?p ?o }",
    ],
)
def test_service_hidden_in_other_tokens_is_not_a_keyword(query: str) -> None:
    assert not read_query(query).uses_service


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("ASK { ?s ?p 'open }", "line 1, column 13"),
        ('ASK {\n ?s ?p "a\nb" }', "line 2, column 8"),
        ("SELECT * { ?s ?p " + "'" * 3 + "never closed }", "line 1, column 18"),
    ],
)
def test_a_string_left_open_ends_the_reading(query: str, where: str) -> None:
    info = read_query(query)
    assert info.unclosed is not None and info.unclosed_at(query) == where


def test_prologue_prefixes_and_dataset_clauses() -> None:
    info = read_query("PREFIX ex: <http://ex/> PREFIX : <http://d/> SELECT * FROM <http://g> { ?s ?p ?o }")
    assert info.prefixes == {"ex": "http://ex/", "": "http://d/"}
    assert info.has_dataset
    assert not read_query("SELECT * { ?s ?p ?o }").has_dataset


# ---- the format registry and negotiation


def test_each_suffix_and_short_name_belongs_to_one_format_per_kind() -> None:
    suffixes = [f.suffix for f in FORMATS if f.suffix]
    assert len(suffixes) == len(set(suffixes))
    for kind in (RESULTS, RDF):
        names = [n for f in of_kind(kind) for n in f.names]
        assert len(names) == len(set(names))
    assert by_suffix(".ttl") is BY_KEY["turtle"] and by_suffix(".rdf") is BY_KEY["rdfxml"]
    assert by_name("json", of_kind(RESULTS)) is BY_KEY["json"]
    assert by_name("json", of_kind(RDF)) is BY_KEY["jsonld"]
    assert by_name("xml", of_kind(RDF)) is BY_KEY["rdfxml"]
    assert by_name("text/turtle; charset=utf-8", of_kind(RDF)) is BY_KEY["turtle"]
    assert by_name("", FORMATS) is None and by_name("bogus", FORMATS) is None


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "turtle"),
        ("text/turtle;q=0.5, application/ld+json", "jsonld"),
        ("application/*", "ntriples"),  # the first application/ type in the server's order
        ("application/rdf+xml, */*;q=0.1", "rdfxml"),
        ("*/*;q=0.1, text/turtle;q=0", "ntriples"),  # q=0 refuses, even with */* around
        ("text/turtle, application/ld+json", "turtle"),  # equal q: the client's order
        ("application/ld+json, text/turtle", "jsonld"),
        ("text/html, */*;q=0.8", "html"),
        ("TEXT/Turtle", "turtle"),
        ("text/turtle;q=abc, application/n-triples;q=0.3", "ntriples"),
        ("image/png", None),
    ],
)
def test_negotiation(accept: str | None, expected: str | None) -> None:
    chosen = negotiate(accept, (*of_kind(RDF), BY_KEY["html"]))
    assert (chosen.key if chosen else None) == expected


# ---- settings


def test_settings_refuse_nonsense() -> None:
    for bad in (
        {"workers": 0},
        {"max_rows": -1},
        {"query_timeout": 0},
        {"port": 70000},
        {"max_request_bytes": 10},
        {"base_iri": "https://w3id.org/hkpr/id"},
        {"base_iri": "urn:x:"},
        {"public_url": "https://example.org/?x=1"},
        {"public_url": "example.org"},
        {"no_such_setting": 1},
    ):
        with pytest.raises(ValidationError):
            Settings(**bad)
    assert Settings(public_url="https://example.org/hkpr/").public_url == "https://example.org/hkpr"


def test_the_cli_options_derive_from_the_declaration(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    Settings.add_arguments(parser)
    names = [n for n, *_ in Settings.options()]
    assert names == ["data_dir", "base_iri", "host", "port", "query_timeout", "max_rows", "max_request_bytes",
                     "workers", "frontends", "cache_bytes", "backend", "public_url", "allowed_hosts",
                     "worker_memory", "max_bytes", "max_header_bytes", "header_timeout", "queue_limit",
                     "client_queries"]  # fmt: skip
    help_text = parser.format_help()
    assert (
        "--query-timeout" in help_text
        and "seconds a query may run" in help_text
        and "(default: 10.0)" in help_text
    )
    args = parser.parse_args(["--data-dir", str(tmp_path), "--max-rows", "5", "--query-timeout", "2.5"])
    s = Settings.from_args(args)
    assert (s.data_dir, s.max_rows, s.query_timeout, s.port) == (tmp_path, 5, 2.5, 8000)
    with pytest.raises(ValidationError) as err:
        Settings.from_args(parser.parse_args(["--workers", "0"]))
    assert settings_error(err.value) == "--workers: Input should be greater than or equal to 1"
    # the limits that depend on the workers follow them unless given
    s = Settings.from_args(parser.parse_args(["--workers", "6"]))
    assert (s.queue_limit, s.client_queries) == (24, 3)
    assert s.worker_memory >= 256 << 20
    with pytest.raises(ValidationError):
        Settings(allowed_hosts="evil.example/x")
    assert Settings(port=8080).trusted_hosts() >= {"127.0.0.1:8080", "localhost:8080", "localhost"}
    assert Settings(allowed_hosts="*").trusted_hosts() is None


# ---- HTML escaping


def test_html_escapes_text_and_attributes_but_not_markup() -> None:
    hostile = '<script>alert("x")</script>'
    assert esc(hostile) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    link = tag("a", hostile, href='" onclick="evil()', class_="x")
    assert (
        link
        == '<a href="&quot; onclick=&quot;evil()" class="x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>'
    )
    nested = tag("p", tag("b", "1 < 2"), " & ", ["a", None, "b"])
    assert nested == "<p><b>1 &lt; 2</b> &amp; ab</p>"
    assert isinstance(nested, Markup) and esc(nested) is nested
    assert "<title>&lt;script&gt;" in page(hostile)
