"""The server in-process (TestClient): the SPARQL protocol, linked data, the ontology, VoID, dumps, the
landing page and the one error shape."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from test_server_support import BASE, build_data_dir

from server.app import create_app
from server.examples import EXAMPLES
from server.settings import Settings

HKPR = "https://w3id.org/hkpr/ontology#"
MEETINGS = f"SELECT ?m WHERE {{ ?m a <{HKPR}Meeting> }} ORDER BY ?m"
CONSTRUCT = f"CONSTRUCT {{ ?m <{HKPR}chair> ?c }} WHERE {{ ?m <{HKPR}chair> ?c }}"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDF_PARSERS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data_dir(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def client(data_dir: Path):
    with TestClient(
        create_app(
            Settings(
                data_dir=data_dir,
                workers=2,
                allowed_hosts="testserver,data.example.org,h.example,kg.example.org",
            )
        )
    ) as c:
        yield c


def bindings(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return json.loads(response.text)["results"]["bindings"]


def triples(response) -> set[ox.Triple]:
    ctype = response.headers["content-type"].split(";")[0]
    return {q.triple for q in ox.parse(response.content, format=RDF_PARSERS[ctype])}


def column(response, var: str) -> list[str]:
    return [b[var]["value"] for b in bindings(response) if var in b]


# ---- SPARQL protocol


def test_get_post_form_and_post_direct_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": MEETINGS})
    by_form = client.post("/sparql", data={"query": MEETINGS})
    direct = client.post("/sparql", content=MEETINGS, headers={"Content-Type": "application/sparql-query"})
    expected = [f"{BASE}meeting/task-force-on-northern-metropolis-development/{n}" for n in (3, 4)]
    assert column(by_get, "m") == column(by_form, "m") == column(direct, "m") == expected
    assert by_get.headers["content-type"] == "application/sparql-results+json; charset=utf-8"


def test_default_graph_is_the_union_of_asserted_and_inferred(client: TestClient) -> None:
    q = f"SELECT ?p WHERE {{ <{BASE}meeting/task-force-on-northern-metropolis-development/3> <{HKPR}participant> ?p }}"
    people = set(column(client.get("/sparql", params={"query": q}), "p"))
    assert people == {f"{BASE}person/chan-ka-wai", f"{BASE}person/lee-mei-ling"}  # chair inferred


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/tab-separated-values, text/csv;q=0.1", "text/tab-separated-values"),
        ("text/*", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_select_results_by_accept(client: TestClient, accept: str, media_type: str) -> None:
    r = client.get("/sparql", params={"query": MEETINGS}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in r.headers["vary"]


def test_csv_and_tsv_hold_the_rows(client: TestClient) -> None:
    rows = list(
        csv.reader(io.StringIO(client.get("/sparql", params={"query": MEETINGS, "format": "csv"}).text))
    )
    assert rows[0] == ["m"] and len(rows) == 3
    tsv = client.get("/sparql", params={"query": MEETINGS, "format": "tsv"}).text.splitlines()
    assert tsv[0] == "?m" and tsv[1] == f"<{BASE}meeting/task-force-on-northern-metropolis-development/3>"


@pytest.mark.parametrize(
    ("params", "media_type"),
    [
        ({"format": "xml"}, "application/sparql-results+xml"),
        ({"output": "csv"}, "text/csv"),
        ({"format": "application/sparql-results+xml"}, "application/sparql-results+xml"),
        # what SPARQLWrapper sends for TSV: several keys, a short name and a media type
        ([("format", "tsv"), ("format", "text/tab-separated-values"), ("output", "tsv"), ("results", "")],
         "text/tab-separated-values"),
    ],
)  # fmt: skip
def test_format_parameter_wins_over_accept(client: TestClient, params, media_type: str) -> None:
    if isinstance(params, dict):
        params = list(params.items())
    r = client.get("/sparql", params=[("query", MEETINGS), *params], headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media_type


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type"),
    [
        ("text/turtle", None, "text/turtle"),
        ("application/n-triples", None, "application/n-triples"),
        ("application/ld+json", None, "application/ld+json"),
        ("application/json", None, "application/ld+json"),
        ("application/rdf+xml", None, "application/rdf+xml"),
        ("application/n-quads", None, "application/n-quads"),
        ("application/trig", None, "application/trig"),
        ("*/*", None, "text/turtle"),
        ("application/json", "xml", "application/rdf+xml"),
        (None, "ttl", "text/turtle"),
        (None, "json-ld", "application/ld+json"),
        (None, "nt", "application/n-triples"),
    ],
)
def test_construct_in_every_rdf_format_gives_the_same_graph(client, accept, fmt, media_type) -> None:
    params = {"query": CONSTRUCT, **({"format": fmt} if fmt else {})}
    r = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media_type
    chair = ox.NamedNode(HKPR + "chair")
    expected = {
        ox.Triple(ox.NamedNode(f"{BASE}meeting/task-force-on-northern-metropolis-development/{n}"), chair,
                  ox.NamedNode(f"{BASE}person/{p}"))
        for n, p in ((3, "chan-ka-wai"), (4, "lee-mei-ling"))
    }  # fmt: skip
    assert triples(r) == expected


def test_turtle_results_use_the_querys_prefixes(client: TestClient) -> None:
    q = f"PREFIX my: <http://example.org/my#> CONSTRUCT {{ ?m my:led ?c }} WHERE {{ ?m <{HKPR}chair> ?c }}"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "text/turtle"})
    assert "@prefix my: <http://example.org/my#> ." in r.text and " my:led " in r.text
    assert len(triples(r)) == 2


def test_ask_and_describe(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": f"ASK {{ ?m a <{HKPR}Meeting> }}"})
    assert json.loads(r.text) == {"head": {}, "boolean": True}
    r = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert "<boolean>true</boolean>" in r.text
    r = client.get(
        "/sparql", params={"query": f"DESCRIBE <{BASE}person/chan-ka-wai>"}, headers={"Accept": "text/turtle"}
    )
    names = {t.object.value for t in triples(r) if t.predicate.value == "http://xmlns.com/foaf/0.1/name"}
    assert names == {"Chan Ka-wai"}


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": MEETINGS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text
    r = client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert r.status_code == 406 and "does not apply" in r.text
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_dataset_parameters_select_among_the_store_graphs(client: TestClient) -> None:
    release = f"{BASE}release/P2024040200555"
    r = client.get("/sparql", params={"query": MEETINGS, "default-graph-uri": release})
    assert column(r, "m") == [f"{BASE}meeting/task-force-on-northern-metropolis-development/4"]
    q = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m a <{HKPR}Meeting> }} }}"
    r = client.get("/sparql", params={"query": q, "named-graph-uri": release})
    assert column(r, "g") == [release]
    r = client.post(
        "/sparql", data={"query": MEETINGS, "default-graph-uri": "http://example.org/not-in-the-store"}
    )
    assert column(r, "m") == []
    r = client.get(
        "/sparql", params={"query": f"SELECT ?m FROM <{release}> WHERE {{ ?m a <{HKPR}Meeting> }}"}
    )
    assert len(column(r, "m")) == 1
    r = client.get("/sparql", params={"query": MEETINGS, "default-graph-uri": "not an iri"})
    assert r.status_code == 400


def test_malformed_query_is_400_with_the_parsers_message(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert r.text.startswith("400 Bad Request: malformed query: error at 1:")
    r = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert r.status_code == 400 and "more than one" in r.text


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"Content-Type": "text/plain"}, b"ASK {}", 415),
        ({}, b"query=ASK%20%7B%7D", 415),
        ({"Content-Type": "application/sparql-query; charset=UTF-16"}, "ASK {}".encode("utf-16"), 415),
        ({"Content-Type": "application/sparql-query"}, b"ASK {\xff}", 400),
    ],
)
def test_wrong_content_types_are_refused(client: TestClient, headers, body, status) -> None:
    r = client.post("/sparql", content=body, headers=headers)
    assert r.status_code == status, r.text


def test_methods_that_do_not_apply_are_405(client: TestClient) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        r = client.request(method, "/sparql", params={"query": "ASK {}"})
        assert r.status_code == 405
        assert set(r.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert client.post("/dumps/hkpr.ttl.gz").status_code == 405


def test_service_description_names_the_endpoint_on_a_trusted_host(client: TestClient) -> None:
    # a Host outside --allowed-hosts is not written into answers: the served address is
    r = client.get("/sparql", headers={"Accept": "text/turtle", "Host": "evil.example"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    g = triples(r)
    endpoint = {t.object.value for t in g if t.predicate.value == sd + "endpoint"}
    assert endpoint == {"http://testserver/sparql"}
    formats = {t.object.value for t in g if t.predicate.value == sd + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats
    r = client.get("/sparql/", headers={"Accept": "application/ld+json"})
    assert '"http://testserver/sparql/"' in r.text


def test_a_browser_gets_the_query_page(client: TestClient) -> None:
    r = client.get("/sparql", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="query-text"' in r.text
    r = client.get("/sparql", params={"query": MEETINGS}, headers={"Accept": BROWSER})
    assert "data-autorun" in r.text and "ORDER BY ?m" in r.text


# ---- the one error shape


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/sparql", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("GET", "/no/such/page", {}, 404),
        ("GET", "/id/person/nobody-at-all", {}, 404),
        ("PUT", "/sparql", {}, 405),
        ("GET", "/sparql", {"params": {"query": "ASK {}", "format": "csv"}}, 406),
    ],
)
def test_every_error_has_one_shape(client: TestClient, method, path, kwargs, status) -> None:
    as_json = client.request(method, path, headers={"Accept": "application/json"}, **kwargs)
    as_text = client.request(method, path, headers={"Accept": "text/plain"}, **kwargs)
    assert as_json.status_code == as_text.status_code == status
    assert as_json.headers["content-type"] == "application/problem+json; charset=utf-8"
    problem = json.loads(as_json.text)
    assert set(problem) == {"type", "title", "status", "detail"}
    assert problem["status"] == status and problem["detail"]
    assert as_text.headers["content-type"] == "text/plain; charset=utf-8"
    assert as_text.text == f"{status} {problem['title']}: {problem['detail']}\n"


# ---- linked data


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        (BROWSER, ".html"),
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("application/n-triples", ".nt"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.5", ".rdf"),
        ("*/*", ".html"),
    ],
)
def test_data_iris_redirect_303_by_accept(client: TestClient, accept: str, suffix: str) -> None:
    r = client.get(
        "/id/person/chan-ka-wai",
        headers={"Accept": accept, "Host": "data.example.org"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"http://data.example.org/doc/person/chan-ka-wai{suffix}"
    links = r.headers["link"]
    for ext in (".html", ".ttl", ".jsonld", ".nt", ".rdf"):
        assert f'<http://data.example.org/doc/person/chan-ka-wai{ext}>; rel="alternate"' in links


def test_unknown_resources_are_404(client: TestClient) -> None:
    assert client.get("/id/person/no-such-person", follow_redirects=False).status_code == 404
    assert client.get("/doc/person/no-such-person.ttl").status_code == 404
    assert client.get("/id/person/x>%20%7D%20UNION%20%7B%20?s%20?p%20?o%20").status_code == 404


def test_a_document_has_the_triples_both_ways_and_labels(client: TestClient) -> None:
    r = client.get("/doc/person/chan-ka-wai.ttl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = {(t.subject.value, t.predicate.value, t.object.value) for t in triples(r)}
    person = f"{BASE}person/chan-ka-wai"
    post = f"{BASE}post/secretary-for-development"
    meeting = f"{BASE}meeting/task-force-on-northern-metropolis-development/3"
    assert (person, "http://xmlns.com/foaf/0.1/name", "Chan Ka-wai") in g
    assert (person, "http://www.w3.org/ns/org#holds", post) in g  # inferred
    assert (meeting, HKPR + "chair", person) in g  # pointing at it
    assert (post, "http://www.w3.org/2000/01/rdf-schema#label", "Secretary for Development") in g
    for suffix in (".jsonld", ".nt", ".rdf"):
        assert triples(client.get(f"/doc/person/chan-ka-wai{suffix}")) == triples(r)
    negotiated = client.get("/doc/person/chan-ka-wai", headers={"Accept": "application/n-triples"})
    assert negotiated.headers["content-location"].endswith("/doc/person/chan-ka-wai.nt")


def test_the_resource_page_shows_label_types_links_and_sources(client: TestClient) -> None:
    r = client.get(
        "/doc/meeting/task-force-on-northern-metropolis-development/3.html", headers={"Host": "h.example"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<h1>3rd meeting of the Task Force on Northern Metropolis Development</h1>" in page
    assert 'href="http://h.example/ontology#Meeting"' in page  # its type, linked locally
    assert 'href="http://h.example/id/person/chan-ka-wai"' in page and ">Chan Ka-wai</a>" in page
    assert ">Development Bureau</a>" in page
    assert "Third meeting of Task Force on Northern Metropolis Development held</a> (2024-03-15)" in page
    assert "The Secretary for Development, Ms Chan Ka-wai, chaired the third meeting" in page
    assert "inferred" in page  # the participant entailed from the chair


# ---- the ontology


def test_the_ontology_by_negotiation_and_suffix(client: TestClient) -> None:
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    xml = client.get("/ontology.rdf")
    assert xml.headers["content-type"] == "application/rdf+xml"
    assert triples(ttl) == triples(xml)
    assert ox.Triple(ox.NamedNode(HKPR + "TaskForce"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf"),
                     ox.NamedNode(HKPR + "Body")) in triples(ttl)  # fmt: skip
    assert client.get("/ontology.xyz").status_code == 404


def test_the_ontology_documentation(client: TestClient) -> None:
    page = client.get("/ontology", headers={"Accept": BROWSER}).text
    assert "<h1>Ontology of Hong Kong Government press releases</h1>" in page
    assert (
        '<article id="Meeting" class="term"><h3>Meeting <code>hkpr:Meeting</code></h3><p>One meeting of a body.</p>'
        in page
    )
    assert "A task force &lt;em&gt;set up&lt;/em&gt; for one aim." in page
    assert "transitive" in page and 'href="http://testserver/ontology#Body"' in page
    assert client.get("/ontology.html").text == page


# ---- VoID and dumps


def test_void_describes_counts_classes_endpoint_dumps_and_licence(client: TestClient, data_dir: Path) -> None:
    r = client.get("/.well-known/void", headers={"Host": "kg.example.org"})
    assert r.headers["content-type"].startswith("text/turtle")
    void = "http://rdfs.org/ns/void#"
    g = {(t.subject.value, t.predicate.value, t.object.value) for t in triples(r)}
    ds = "http://kg.example.org/.well-known/void#dataset"
    store_size = len(ox.Store.read_only(str(data_dir / "store")))
    assert (ds, void + "triples", str(store_size)) in g
    assert (ds, void + "sparqlEndpoint", "http://kg.example.org/sparql") in g
    assert (ds, "http://purl.org/dc/terms/license", "https://creativecommons.org/licenses/by/4.0/") in g
    dumps = {o for s, p, o in g if s == ds and p == void + "dataDump"}
    assert dumps == {f"http://kg.example.org/dumps/hkpr.{x}.gz" for x in ("ttl", "nt", "nq", "jsonld")}
    sums = dict(
        reversed(line.split("  ")) for line in (data_dir / "dumps" / "SHA256SUMS").read_text().splitlines()
    )
    spdx = "http://spdx.org/rdf/terms#"
    checksum = next(
        o for s, p, o in g if s == "http://kg.example.org/dumps/hkpr.ttl.gz" and p == spdx + "checksum"
    )
    assert (checksum, spdx + "checksumValue", sums["hkpr.ttl.gz"]) in g
    parts = {s for s, p, o in g if p == void + "class" and o == HKPR + "Meeting"}
    assert len(parts) == 1 and (parts.pop(), void + "entities", "2") in g
    for suffix, media in ((".jsonld", "application/ld+json"), (".nt", "application/n-triples")):
        assert client.get("/.well-known/void" + suffix).headers["content-type"].startswith(media)


def test_dumps_stream_with_validators_and_conditional_get(client: TestClient, data_dir: Path) -> None:
    path = data_dir / "dumps" / "hkpr.nq.gz"
    r = client.get("/dumps/hkpr.nq.gz")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/gzip"
    assert "content-encoding" not in r.headers
    assert int(r.headers["content-length"]) == path.stat().st_size
    assert r.content == path.read_bytes()
    assert b"<https://w3id.org/hkpr/id/graph/inferred>" in gzip.decompress(r.content)
    sums = client.get("/dumps/SHA256SUMS").text
    assert f"{hashlib.sha256(r.content).hexdigest()}  hkpr.nq.gz" in sums
    etag, modified = r.headers["etag"], r.headers["last-modified"]
    assert client.get("/dumps/hkpr.nq.gz", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/dumps/hkpr.nq.gz", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/dumps/hkpr.nq.gz", headers={"If-None-Match": '"other"'}).status_code == 200
    part = client.get("/dumps/hkpr.nq.gz", headers={"Range": "bytes=0-9"})  # a download can resume
    assert part.status_code == 206 and part.content == path.read_bytes()[:10]
    head = client.head("/dumps/hkpr.nq.gz")
    assert head.status_code == 200 and head.content == b""
    assert client.get("/dumps/report.json").status_code == 404
    assert client.get("/dumps/..%2Freport.json").status_code == 404


# ---- the landing page and its examples


def test_the_landing_page_links_everything(client: TestClient) -> None:
    page = client.get("/", headers={"Host": "kg.example.org"}).text
    for href in (
        "/dumps/hkpr.ttl.gz",
        "/dumps/SHA256SUMS",
        "/ontology",
        "/.well-known/void",
        "/static/query.js",
    ):
        assert f'"http://kg.example.org{href}"' in page
    assert page.count('class="example"') == len(EXAMPLES) >= 4
    assert client.get("/static/query.js").status_code == 200


@pytest.mark.parametrize(
    ("key", "var", "expected"),
    [
        ("meetings", "chairs", {"Chan Ka-wai", "Lee Mei-ling"}),
        ("post-on-date", "name", {"Chan Ka-wai"}),
        ("attendance", "name", {"Lee Mei-ling", "Chan Ka-wai"}),
        ("zones-in-gba", "label", {"Northern Metropolis", "Lok Ma Chau Loop"}),
    ],
)
def test_the_examples_answer_their_questions(
    client: TestClient, key: str, var: str, expected: set[str]
) -> None:
    example = next(e for e in EXAMPLES if e.key == key)
    assert set(column(client.post("/sparql", data={"query": example.query}), var)) == expected
    if key == "attendance":
        rows = bindings(client.post("/sparql", data={"query": example.query}))
        assert (rows[0]["name"]["value"], rows[0]["meetings"]["value"]) == ("Lee Mei-ling", "2")


# ---- another base IRI, a public URL, HEAD


def test_a_configured_base_and_public_url_decide_the_links(tmp_path: Path) -> None:
    base = "http://data.example.org/kg/"
    trig = tmp_path / "other.trig"
    trig.write_text(
        f'<{base}release/R1> {{ <{base}person/ada> <http://www.w3.org/2000/01/rdf-schema#label> "Ada" ;'
        f" <http://xmlns.com/foaf/0.1/knows> <{base}person/bob> . <{base}person/bob>"
        f' <http://www.w3.org/2000/01/rdf-schema#label> "Bob" . }}'
    )
    data = build_data_dir(tmp_path / "data", trig)
    settings = Settings(data_dir=data, base_iri=base, public_url="https://kg.example.net/hkpr/", workers=1)
    with TestClient(create_app(settings)) as c:
        r = c.get("/id/person/ada", headers={"Accept": "text/turtle"}, follow_redirects=False)
        assert r.headers["location"] == "https://kg.example.net/hkpr/doc/person/ada.ttl"
        page = c.get("/doc/person/ada.html").text
        assert (
            '<a href="https://kg.example.net/hkpr/id/person/bob" title="http://data.example.org/kg/person/bob">Bob</a>'
            in page
        )
        void = c.get("/.well-known/void", headers={"Accept": "application/n-triples"}).text
        assert f'<http://rdfs.org/ns/void#uriSpace> "{base}"' in void
        assert "<https://kg.example.net/hkpr/sparql>" in void
        assert c.get("/id/person/nobody").status_code == 404


def test_head_requests(client: TestClient) -> None:
    for path in ("/", "/sparql?query=ASK%20%7B%7D", "/ontology", "/.well-known/void", "/dumps/SHA256SUMS"):
        r = client.head(path)
        assert r.status_code == 200 and r.content == b"", path
