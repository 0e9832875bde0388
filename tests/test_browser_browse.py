"""Search, browse, an entity page, a plot and the query results in headless Chromium, and the same
pages with JavaScript turned off (skipped where /usr/bin/chromium is absent)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from browse_fixtures import build_browse_data
from test_browser import CHROMIUM, Browser
from test_server_support import running_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="headless Chromium (/usr/bin/chromium) is not installed"
    ),
]
BODY = "/doc/body/task-force-on-harbour-testing.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    data = build_browse_data(tmp_path_factory.mktemp("browse-browser"))
    with running_server(data, "--workers", "2") as url:
        yield url


@pytest.fixture()
def browser(tmp_path: Path):
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def type_text(browser: Browser, selector: str, text: str) -> None:
    browser.evaluate(f"document.querySelector({selector!r}).focus()")
    for ch in text:  # one key at a time, as a person types
        browser.call("Input.insertText", session=True, text=ch)


def test_search_answers_as_one_types_and_a_suggestion_opens_its_page(site: str, browser: Browser) -> None:
    browser.open(site + "/browse")
    type_text(browser, "form.search input[name=q]", "harbour te")
    suggestions = browser.wait_for(
        "(() => { const s = Array.from(document.querySelectorAll('.suggestions a.suggestion:not(.all)'));"
        " return s.length && s.map(a => a.textContent); })()"
    )
    assert suggestions[0] == "body Task Force on Harbour Testing"
    assert browser.evaluate("document.querySelector('.suggestions a.all').textContent").startswith("All ")
    browser.evaluate("document.querySelector('.suggestions a.suggestion').click()")
    browser.wait_for("location.pathname.includes('/body/task-force-on-harbour-testing')")
    assert browser.wait_for("document.querySelector('h1') && document.querySelector('h1').textContent") == (
        "Task Force on Harbour Testing"
    )


def test_browse_sorts_pages_and_filters(site: str, browser: Browser) -> None:
    browser.open(site + "/browse/meetings")
    browser.evaluate("document.querySelector('select[name=sort]').value = 'oldest'")
    browser.evaluate("document.querySelector('select[name=size]').value = '25'")
    browser.evaluate("document.querySelector('form.controls button').click()")
    browser.wait_for("location.search.includes('sort=oldest')")
    first = browser.wait_for("document.querySelector('table.list tbody td:nth-child(2)').textContent")
    assert first == "2021-03-15"
    browser.open(site + "/browse/meetings?size=1&sort=oldest")
    browser.evaluate("document.querySelector('a[rel=next]').click()")
    browser.wait_for("location.search.includes('page=2')")
    assert (
        browser.wait_for("document.querySelector('table.list tbody td:nth-child(2)').textContent")
        == "2022-06-10"
    )


def test_an_entity_page_with_its_plots_and_citations(site: str, browser: Browser) -> None:
    browser.open(site + BODY)
    sizes = browser.evaluate(
        "Array.from(document.querySelectorAll('svg.plot')).map(s => { const r = s.getBoundingClientRect();"
        " return [s.querySelector('title').textContent, r.width, r.height]; })"
    )
    assert {t for t, w, h in sizes if w > 300 and h > 30} >= {
        "Meetings per year",
        "Meetings on a time line, by chair",
    }
    assert browser.evaluate("document.querySelectorAll('svg.plot circle.event').length") == 3
    browser.evaluate("document.querySelector('#panel-meetings sup.cite a').click()")
    browser.wait_for("location.hash === '#source-1'")
    assert "Task Force on Harbour Testing holds first meeting" in browser.evaluate(
        "document.querySelector('#source-1').textContent"
    )


def test_query_results_show_labels_and_a_chart(site: str, browser: Browser) -> None:
    query = (
        "PREFIX hkpr: <https://w3id.org/hkpr/ontology#> PREFIX schema: <https://schema.org/> "
        "SELECT ?meeting ?date WHERE { ?meeting hkpr:meetingOf ?b ; schema:startDate ?date } ORDER BY ?date"
    )
    # the page rewrites its address as it runs the query, so wait for the results, not the address
    browser.call("Page.navigate", session=True, url=site + "/sparql?" + urlencode({"query": query}))
    labels = browser.wait_for(
        "(() => { const a = Array.from(document.querySelectorAll('#results a.labelled'));"
        " return a.length && a.map(x => x.textContent); })()"
    )
    assert "1st meeting of the Task Force on Harbour Testing" in labels
    assert browser.wait_for("document.querySelectorAll('#results svg.plot rect.bar').length") >= 2


def test_the_pages_work_without_javascript(site: str, browser: Browser) -> None:
    browser.call("Emulation.setScriptExecutionDisabled", session=True, value=True)
    browser.open(site + "/search?q=harbour+testing")
    assert browser.evaluate("document.querySelectorAll('ol.hits li').length") >= 4
    assert (
        browser.evaluate("document.querySelector('ol.hits li a').textContent")
        == "Task Force on Harbour Testing"
    )
    # the header's box is a plain form: submitting it opens the search page
    browser.open(site + "/browse")
    browser.evaluate("document.querySelector('form.search input').value = 'chau'")
    browser.evaluate("document.querySelector('form.search').submit()")
    browser.wait_for("location.pathname === '/search'")
    assert browser.wait_for(
        "document.querySelector('ol.hits li a') && document.querySelector('ol.hits li a').textContent"
    ) == ("Chau Mei-ling")
    browser.open(
        site
        + "/browse/people?post="
        + "https%3A%2F%2Fw3id.org%2Fhkpr%2Fid%2Fpost%2Fsecretary-for-development"
    )
    names = browser.evaluate(
        "Array.from(document.querySelectorAll('table.list tbody tr td:first-child')).map(t => t.textContent)"
    )
    assert {"Chau Mei-ling", "Lo Ka-ming"} <= set(names)
    browser.open(site + BODY)
    assert browser.evaluate("document.querySelectorAll('svg.plot').length") >= 2
    assert browser.evaluate("document.querySelectorAll('ol.sources li').length") == 3
    assert browser.evaluate("document.querySelector('.suggestions').hidden") is False  # no script ran


CSP_WATCH = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)))"
)


def test_the_content_security_policy_blocks_nothing_the_pages_use(site: str, browser: Browser) -> None:
    """The server sends `Content-Security-Policy: default-src 'none'; script-src 'self'; style-src
    'self' ...`: an inline script or style, or a style attribute in a plot, would be refused by the
    browser and the page would silently lose it."""
    browser.call("Page.addScriptToEvaluateOnNewDocument", session=True, source=CSP_WATCH)
    query = "PREFIX schema: <https://schema.org/> SELECT ?m ?date WHERE { ?m schema:startDate ?date }"
    pages = ["/", "/browse", "/browse/meetings?sort=oldest", "/search?q=harbour", BODY, "/quality",
             "/doc/person/chau-mei-ling.html", "/sparql?" + urlencode({"query": query})]  # fmt: skip
    for page in pages:
        browser.open(site + page)
        if page == "/browse":
            type_text(browser, "form.search input[name=q]", "harbour te")
            browser.wait_for("document.querySelectorAll('.suggestions a.suggestion').length")
        if page.startswith("/sparql"):
            browser.wait_for("document.querySelectorAll('#results svg.plot rect.bar').length")
        assert browser.evaluate("window.__csp") == [], page
    # the watch sees a refusal when there is one
    browser.evaluate("document.body.setAttribute('style', 'color: red')")
    assert browser.wait_for("window.__csp.length && window.__csp") == ["style-src-attr inline"]
