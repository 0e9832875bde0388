"""The pages for researchers who do not write SPARQL first, in-process and on a real server: search
(page and JSON), browse (counts, sorting, paging, facets), entity pages built from panels (sources
numbered once, readable labels, time lines, escaping), plots, the quality page, and one set of counts
on the landing page, in VoID, in the report and from a COUNT query."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from browse_fixtures import HOSTILE_TITLE, build_browse_data
from fastapi.testclient import TestClient
from test_server_support import running_server

from kg.counts import count_query, from_rows
from server.app import create_app
from server.browse.panels import panels
from server.plots import Event, Span, bars, events, timeline
from server.settings import Settings

BASE = "https://w3id.org/hkpr/id/"
BODY = "body/task-force-on-harbour-testing"
DEV = BASE + "post/secretary-for-development"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_browse_data(tmp_path_factory.mktemp("browse"))


@pytest.fixture(scope="module")
def client(data: Path):
    with TestClient(create_app(Settings(data_dir=data, workers=1))) as c:
        yield c


def texts(page: str, pattern: str) -> list[str]:
    """The text of each match of `pattern`'s first group, tags removed."""
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(pattern, page, re.S)]


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg .*?</svg>", page, re.S)]


# ---- search


def test_search_json_ranks_names_first_with_their_kind(client: TestClient) -> None:
    r = client.get("/search.json", params={"q": "secretary for dev"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    first = r.json()["hits"][0]
    assert (first["kind"], first["label"], first["iri"]) == ("post", "Secretary for Development", DEV)
    assert first["href"] == "http://testserver/id/post/secretary-for-development"
    kinds = client.get("/search.json", params={"q": "harbour testing"}).json()["kinds"]
    assert kinds["body"] == 1 and kinds["meeting"] == 3


def test_search_as_you_type_asks_for_the_best_hits_only(client: TestClient) -> None:
    full = client.get("/search.json", params={"q": "harbour", "limit": "3"}).json()
    quick = client.get("/search.json", params={"q": "harbour", "limit": "3", "count": "0"}).json()
    assert quick["hits"] == full["hits"] and len(quick["hits"]) == 3
    assert quick["total"] is None and quick["kinds"] == {} and full["total"] >= 7


@pytest.mark.parametrize("q", ['"', "NEAR(", "*", "a OR", "label:x", "'; --", "\\", "(((", "🙂", "x" * 400])
def test_hostile_search_input_is_answered_not_a_server_error(client: TestClient, q: str) -> None:
    assert client.get("/search.json", params={"q": q}).status_code == 200
    assert client.get("/search", params={"q": q}).status_code == 200


def test_a_bad_kind_or_page_is_a_client_error(client: TestClient) -> None:
    assert client.get("/search.json", params={"q": "x", "kind": "spaceship"}).status_code == 400
    assert client.get("/search", params={"q": "x", "page": "two"}).status_code == 400


def test_the_search_page_lists_hits_as_links_and_escapes_what_it_prints(client: TestClient) -> None:
    page = client.get("/search", params={"q": "third meeting", "kind": "release"}).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Task Force on Harbour Testing" in page
    page = client.get("/search", params={"q": '<img src=x onerror="alert(1)">'}).text
    assert "<img src=x" not in page and "&lt;img src=x" in page
    page = client.get("/search", params={"q": "chau"}).text
    assert (
        'href="http://testserver/id/person/chau-mei-ling"' in page
        and "<mark>" not in texts(page, r"(<h1>.*?</h1>)")[0]
    )


def test_every_page_has_the_search_box(client: TestClient) -> None:
    for path in ("/", "/browse", "/browse/people", "/quality", "/doc/" + BODY + ".html", "/search?q=x"):
        page = client.get(path).text
        assert 'role="search"' in page and 'action="http://testserver/search"' in page, path


# ---- browse


def test_browse_lists_every_kind_with_its_count(client: TestClient) -> None:
    page = client.get("/browse").text
    for kind in ("Bodies", "People", "Posts", "Organisations", "Zones", "Meetings", "Releases"):
        assert f">{kind}</a>" in page
    assert re.search(r">Releases</a> \((\d+)\)", page).group(1) == "9"  # the sample's five and four


def test_meetings_sort_by_date_and_page(client: TestClient) -> None:
    page = client.get("/browse/meetings", params={"sort": "oldest", "body": BASE + BODY}).text
    dates = texts(page, r"<tr><td><a[^>]*>[^<]*</a></td><td>(\d{4}-\d\d-\d\d)</td>")
    assert dates == ["2021-03-15", "2022-06-10", "2023-09-01"]
    one = client.get(
        "/browse/meetings", params={"sort": "oldest", "body": BASE + BODY, "size": "1", "page": "2"}
    ).text
    assert texts(one, r"<tr><td><a[^>]*>([^<]*)</a>") == ["2nd meeting of the Task Force on Harbour Testing"]
    assert 'rel="prev"' in one and 'rel="next"' in one and "page 2 of 3" in one


def test_facets_narrow_the_list(client: TestClient) -> None:
    page = client.get("/browse/meetings", params={"year": "2022"}).text
    assert texts(page, r"<tr><td><a[^>]*>([^<]*)</a>") == ["2nd meeting of the Task Force on Harbour Testing"]
    assert "2022 (1)" in page  # the facet's values with their counts
    people = client.get("/browse/people", params={"post": DEV, "sort": "name"}).text
    names = texts(people, r"<tr><td><a[^>]*>([^<]*)</a>")
    assert {"Chau Mei-ling", "Lo Ka-ming"} <= set(names) and "Yip Wing-sze" not in names


def test_untitled_releases_are_listed_by_number_and_date(client: TestClient) -> None:
    page = client.get("/browse/releases", params={"sort": "date"}).text
    assert ">Press release P2023091200404 of 2023-09-12</a>" in page


def test_browse_refuses_what_it_does_not_know(client: TestClient) -> None:
    assert client.get("/browse/spaceships").status_code == 404
    assert client.get("/browse/people", params={"sort": "height"}).status_code == 400
    assert client.get("/browse/meetings", params={"year": "1999 } DROP"}).status_code == 400
    assert client.get("/browse/people", params={"post": "x> } ; <y"}).status_code == 400


# ---- entity pages


def test_a_body_page_shows_its_meetings_by_date_with_chairs_and_sources_numbered_once(
    client: TestClient,
) -> None:
    page = client.get(f"/doc/{BODY}.html").text
    section = page[page.index('id="panel-meetings"') :]
    section = section[: section.index("</section>")]
    rows = texts(section, r"<tbody>(.*?)</tbody>")[0]
    assert rows.index("2021-03-15") < rows.index("2022-06-10") < rows.index("2023-09-01")
    assert "Lo Ka-ming" in rows and "Chau Mei-ling" in rows
    sources = re.findall(r'<li id="source-(\d+)">', page)
    assert sources == [str(n) for n in range(1, len(sources) + 1)] and len(sources) == 3
    cited = set(re.findall(r'href="#source-(\d+)"', section))
    assert cited == {"1", "2", "3"}
    assert (
        "info.gov.hk</a>" in page
        and 'href="https://www.info.gov.hk/gia/general/202103/15/P2021031500101.htm"' in page
    )
    # the hostile title is a source: shown as text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    # the panel's query opens in the editor, with the body filled in
    editor = re.search(r'id="panel-meetings".*?<a href="([^"]+)" class="editor"', page, re.S).group(1)
    assert editor.startswith("http://testserver/sparql?query=") and "task-force-on-harbour-testing" in editor


def test_a_body_page_plots_its_meetings_per_year_and_by_chair(client: TestClient) -> None:
    page = client.get(f"/doc/{BODY}.html").text
    plots = svgs(page)
    ns = "{http://www.w3.org/2000/svg}"
    titles = [p.find(ns + "title").text for p in plots]
    assert "Meetings per year" in titles and "Meetings on a time line, by chair" in titles
    chairs = plots[titles.index("Meetings on a time line, by chair")]
    lanes = [t.find(ns + "title").text for t in chairs.iter(ns + "text") if t.get("class") == "lane"]
    assert lanes == ["Lo Ka-ming", "Chau Mei-ling"]
    assert len(list(chairs.iter(ns + "circle"))) == 3


def test_a_person_page_has_posts_on_a_time_line_and_readable_tenures(client: TestClient) -> None:
    page = client.get("/doc/person/lo-ka-ming.html").text
    ns = "{http://www.w3.org/2000/svg}"
    (line,) = [p for p in svgs(page) if p.find(ns + "title").text == "Posts held, over time"]
    (bar,) = list(line.iter(ns + "rect"))
    assert "2021-03-15 – 2022-06-10" in bar.find(ns + "title").text
    assert "Secretary for Development, 15 March 2021" in page  # a tenure, by post and date
    sentences = texts(page, r'<q class="sentence">(.*?)</q>')
    assert any("chaired the first meeting of the Task Force on Harbour Testing" in s for s in sentences)


def test_a_post_page_shows_its_holders_over_time(client: TestClient) -> None:
    page = client.get("/doc/post/secretary-for-development.html").text
    ns = "{http://www.w3.org/2000/svg}"
    (line,) = [p for p in svgs(page) if p.find(ns + "title").text == "Holders over time"]
    lanes = [t.find(ns + "title").text for t in line.iter(ns + "text") if t.get("class") == "lane"]
    assert lanes.index("Lo Ka-ming") < lanes.index("Chau Mei-ling")
    # who held it in a given year
    section = page[page.index('id="panel-holders-by-year"') :]
    rows = texts(section[: section.index("</table>")], r"<tr>(.*?)</tr>")
    assert "2022Lo Ka-ming1" in rows and "2023Chau Mei-ling2" in rows


def test_a_release_without_title_is_named_by_number_and_date(client: TestClient) -> None:
    page = client.get("/doc/release/P2023091200404.html").text
    assert "<h1>Press release P2023091200404 of 2023-09-12</h1>" in page


def test_inferred_values_are_marked_once(client: TestClient) -> None:
    page = client.get("/doc/meeting/task-force-on-harbour-testing/1.html").text
    statements = page[page.index('id="statements"') :]
    assert statements.count('class="badge inferred"') >= 1
    # each value once: the chair is one row under hkpr:chair, not one per graph
    assert statements.count(">Lo Ka-ming</a>") == len(
        re.findall(r">(?:chair|participant|schema:attendee)</a>", statements)
    )


def test_the_quality_page_lists_the_report_and_nodes_link_to_it(client: TestClient) -> None:
    page = client.get("/quality").text
    assert "Has more than one plain rdfs:label" in page
    assert 'href="http://testserver/id/person/yip-wing-sze"' in page
    node = client.get("/doc/person/yip-wing-sze.html").text
    assert (
        'class="quality-note"' in node
        and "quality?focus=https%3A%2F%2Fw3id.org%2Fhkpr%2Fid%2Fperson%2Fyip-wing-sze" in node
    )
    focused = client.get("/quality", params={"focus": BASE + "person/lo-ka-ming"}).text
    assert "Has more than one" not in focused and "Nothing to report." in focused
    assert 'class="quality-note"' not in client.get("/doc/person/lo-ka-ming.html").text
    assert ">Quality</a>" in client.get("/").text


# ---- plots


def test_plots_are_valid_svg_and_escape_their_labels() -> None:
    evil = '<script>alert("x")</script> & co'
    for svg in (
        timeline([Span(evil, date(2020, 1, 1), date(2021, 6, 1), "https://e.x/?a=1&b=2", evil)], evil),
        events([Event(evil, date(2020, 1, 1), None, evil), Event("B", date(2022, 3, 1))], evil),
        bars([(evil, 3.0), ("2021", 0.0)], evil, evil),
    ):
        assert svg is not None and "<script>" not in svg
        root = ET.fromstring(svg)  # well-formed XML
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert evil in [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert timeline([], "x") is None and bars([], "x") is None


def test_many_events_are_drawn_a_dot_per_month() -> None:
    many = [Event("A", date(2020, 1 + i % 12, 1 + i % 28)) for i in range(600)]
    root = ET.fromstring(events(many, "busy"))
    dots = list(root.iter("{http://www.w3.org/2000/svg}circle"))
    assert len(dots) == 12 and all("50 (A)" in d.find("{http://www.w3.org/2000/svg}title").text for d in dots)


def test_every_panel_file_parses_and_names_its_item() -> None:
    found = [p for kind in panels().values() for p in kind]
    assert {"person", "body", "post", "meeting", "release", "organisation", "zone"} <= set(panels())
    for p in found:
        assert "{{item}}" in p.template, p.name
        ox.Store().query(p.query(BASE + "x"))  # valid SPARQL once the item is filled in


# ---- counts


def test_one_set_of_counts_on_the_landing_page_in_void_the_report_and_a_count_query(
    client: TestClient, data: Path
) -> None:
    report = json.loads((data / "report.json").read_text())["counts"]
    counted = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"}).json()  # fmt: skip
    assert int(counted["results"]["bindings"][0]["n"]["value"]) == report["default_triples"]
    quads = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                       headers={"Accept": "application/sparql-results+json"}).json()  # fmt: skip
    assert int(quads["results"]["bindings"][0]["n"]["value"]) == report["named_graph_quads"]
    void = ox.Store()
    void.load(client.get("/.well-known/void.nt").content, format=ox.RdfFormat.N_TRIPLES)
    (row,) = void.query(
        "SELECT ?n WHERE { ?ds a <http://rdfs.org/ns/void#Dataset> ; <http://xmlns.com/foaf/0.1/homepage> ?h ; <http://rdfs.org/ns/void#triples> ?n }"
    )
    assert int(row["n"].value) == report["default_triples"]
    landing = client.get("/").text
    for key, name in (("default_triples", "triples in the default graph"), ("named_graph_quads", "quads in the named graphs"),
                      ("asserted_quads", "asserted"), ("inferred_quads", "inferred")):  # fmt: skip
        assert f'<th scope="row">{name}</th><td class="num">{report[key]:,}</td>' in landing
    # the store counted by its indexes (the build) = counted by one classifying query (a backend)
    store = ox.Store.read_only(str(data / "store"))
    rows = {
        r["part"].value: (int(r["graphs"].value), int(r["n"].value)) for r in store.query(count_query(BASE))
    }
    assert from_rows(rows).as_dict() == report
    del store
    nt = __import__("gzip").decompress((data / "dumps" / "hkpr.nt.gz").read_bytes()).count(b"\n")
    nq = __import__("gzip").decompress((data / "dumps" / "hkpr.nq.gz").read_bytes()).count(b"\n")
    assert (nt, nq) == (report["default_triples"], report["named_graph_quads"])


def test_the_landing_page_plots_releases_and_facts_per_year(client: TestClient) -> None:
    page = client.get("/").text
    ns = "{http://www.w3.org/2000/svg}"
    plots = {p.find(ns + "title").text: p for p in svgs(page)}
    releases = plots["Releases per year"]
    years = [t.text for t in releases.iter(ns + "text") if "tick" in (t.get("class") or "")]
    assert years == [str(y) for y in range(2021, 2025)]
    assert "Facts per year" in plots


# ---- on a real server


def test_search_and_pages_on_a_real_server(data: Path) -> None:
    with running_server(data, "--workers", "1") as url:
        r = httpx.get(url + "/search.json", params={"q": '"chau ('})
        assert r.status_code == 200 and r.json()["hits"][0]["label"] == "Chau Mei-ling"
        for path in ("/search?q=harbour", "/browse/bodies", f"/doc/{BODY}.html", "/quality", "/"):
            assert httpx.get(url + path).status_code == 200, path
        assert httpx.get(url + "/id/" + BODY, headers={"Accept": "text/html"}).status_code == 303
        page = httpx.get(url + f"/doc/{BODY}.html").text
        assert HOSTILE_TITLE not in page


def test_a_missing_or_outdated_index_is_a_404_with_the_reason(tmp_path: Path) -> None:
    data = build_browse_data(tmp_path)
    (data / "search.sqlite").write_bytes(b"not an index")
    with TestClient(create_app(Settings(data_dir=data, workers=1))) as c:
        r = c.get("/search.json", params={"q": "x"})
        assert r.status_code == 404 and "another version" in r.text and str(data) not in r.text
        (data / "search.sqlite").unlink()
        r = c.get("/search", params={"q": "x"}, headers={"Accept": "text/html"})
        assert r.status_code == 404 and "no search index" in r.text
        assert c.get(f"/doc/{BODY}.html").status_code == 200  # the rest still works
