"""The HTML pages: the landing page with its query editor and the ontology's documentation (resource
pages: server.browse.entity).
Every value printed goes through server.html, which escapes it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.iris import DCT, ONTOLOGY, OWL, RDF, RDFS, SKOS
from server.context import Context
from server.describe import Description, Term, compact
from server.descriptions import DESCRIPTION, TITLE
from server.examples import EXAMPLES
from server.formats import Format
from server.html import Child, Markup, join, page, tag
from server.urls import Urls

HKPR = ONTOLOGY + "#"


def link(urls: Urls, iri: str, text: str | None = None) -> Markup:
    href = urls.href(iri)
    shown = text if text is not None else compact(iri)
    return tag("a", shown, href=href, title=iri) if href else tag("span", shown, title=iri)


def _size(n: int) -> str:
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"


# ---- the query editor and the landing page


def query_editor(ctx: Context, urls: Urls, query: str | None = None, autorun: bool = False) -> Markup:
    """A textarea and a little script (server/static/query.js): it works offline, with no library."""
    examples = tag(
        "ul",
        [
            tag(
                "li",
                tag(
                    "button",
                    ex.question,
                    type="button",
                    class_="example",
                    data_example=ex.key,
                    data_query=ex.query,
                ),
            )
            for ex in EXAMPLES
        ],
        class_="examples",
    )
    formats = tag(
        "select",
        [tag("option", label, value=value) for value, label in _FORM_FORMATS],
        name="format",
        id="query-format",
        title="format of the results when the page runs without JavaScript",
    )
    form = tag(
        "form",
        tag("label", "SPARQL query", for_="query-text"),
        tag(
            "textarea",
            query if query is not None else EXAMPLES[0].query,
            name="query",
            id="query-text",
            rows="16",
            spellcheck="false",
        ),
        tag("div", tag("button", "Run query", type="submit", id="run"), " ", formats, class_="actions"),
        id="query-form",
        action=urls.absolute("sparql"),
        method="get",
        data_endpoint=urls.absolute("sparql"),
        data_base=ctx.base_iri,
        data_root=urls.absolute(""),
        data_autorun="1" if autorun else None,
    )
    limits = tag(
        "p",
        f"Read-only. A query may run for {ctx.settings.query_timeout:g} s and returns at most "
        f"{ctx.settings.max_rows} rows.",
        class_="note",
    )
    return tag(
        "section",
        tag("h2", "Query"),
        tag("p", "Worked examples (click one to run it):"),
        examples,
        form,
        limits,
        tag("div", id="results", aria_live="polite"),
        tag("script", src=urls.absolute("static/query.js"), defer=True),
        id="query",
    )


_FORM_FORMATS = (
    ("html", "this page"),
    ("json", "SPARQL JSON"),
    ("xml", "SPARQL XML"),
    ("csv", "CSV"),
    ("tsv", "TSV"),
)


def landing_page(ctx: Context, urls: Urls, query: str | None = None, extra: Iterable[Child] = ()) -> Markup:
    r = ctx.data
    facts = []
    n = r.number("releases_read")
    if n is not None:
        facts.append(f"{n:,} releases")
    dumps = [d for d in r.dumps.values() if d.format is not None]
    sums = r.dumps.get("SHA256SUMS")
    dump_list = tag(
        "ul",
        [
            tag(
                "li",
                tag("a", d.name, href=urls.absolute("dumps/" + d.name), download=True),
                f" — {d.format.label if d.format else ''}, gzip, {_size(d.size)}",
            )
            for d in dumps
        ],
        tag("li", tag("a", "SHA256SUMS", href=urls.absolute("dumps/SHA256SUMS")), " — checksums")
        if sums
        else None,
    )
    about = tag(
        "section",
        tag("h2", "The data"),
        tag(
            "ul",
            tag(
                "li",
                "SPARQL endpoint: ",
                tag("code", urls.absolute("sparql")),
                " (GET or POST, SPARQL 1.1 Protocol; its ",
                tag("a", "service description", href=urls.absolute("sparql") + "?format=turtle"),
                ")",
            ),
            tag("li", tag("a", "The ontology", href=urls.absolute("ontology")), " (classes and properties)"),
            tag(
                "li",
                tag("a", "VoID description", href=urls.absolute(".well-known/void")),
                " (counts, classes, dumps)",
            ),
            tag(
                "li",
                "Linked data: every IRI under ",
                tag("code", ctx.base_iri),
                " is served here under ",
                tag("code", urls.absolute("id/")),
                " as HTML, Turtle, JSON-LD, N-Triples or RDF/XML.",
            ),
            tag(
                "li",
                "Licence: ",
                tag("a", "CC BY 4.0", href="https://creativecommons.org/licenses/by/4.0/"),
                "; the releases are published by the Government of the Hong Kong SAR.",
            ),
        ),
    )
    downloads = tag(
        "section",
        tag("h2", "Downloads"),
        tag("p", "The whole graph, asserted and inferred triples, compressed with gzip:"),
        dump_list if dumps else tag("p", "No dumps in this build."),
        id="dumps",
    )
    intro = tag(
        "section",
        tag("h1", TITLE),
        tag("p", DESCRIPTION),
        tag("p", " · ".join(facts), class_="facts") if facts else None,
    )
    return page(
        TITLE,
        intro,
        extra,
        query_editor(ctx, urls, query, autorun=query is not None),
        about,
        downloads,
        home=urls.absolute(""),
    )


def query_page(ctx: Context, urls: Urls, query: str | None) -> Markup:
    """What a browser gets at /sparql: the editor, running the query it was given."""
    return page(
        "SPARQL query",
        tag("h1", "SPARQL endpoint"),
        tag("p", "Endpoint URL for clients: ", tag("code", urls.absolute("sparql"))),
        query_editor(ctx, urls, query, autorun=bool(query)),
        home=urls.absolute(""),
    )


# ---- resource pages


def value_html(urls: Urls, d: Description, t: Term) -> Markup:
    """An RDF term as a link (IRIs) or text with its language or datatype."""
    if t.is_iri:
        return link(urls, t.value, d.label(t.value))
    if t.type == "bnode":
        return tag("span", "_:" + t.value, class_="bnode")
    extra = None
    if t.lang:
        extra = tag("span", "@" + t.lang, class_="lang")
    elif t.datatype and not t.datatype.endswith("#string"):
        extra = tag("span", compact(t.datatype), class_="datatype")
    return tag("span", tag("span", t.value, class_="literal"), " ", extra)


# ---- the ontology's documentation

_CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
_PROPERTY_TYPES = {
    OWL + "ObjectProperty",
    OWL + "DatatypeProperty",
    OWL + "AnnotationProperty",
    RDF + "Property",
    OWL + "TransitiveProperty",
    OWL + "FunctionalProperty",
    OWL + "SymmetricProperty",
    OWL + "InverseFunctionalProperty",
}
_TRAITS = {OWL + "TransitiveProperty": "transitive", OWL + "FunctionalProperty": "functional",
           OWL + "SymmetricProperty": "symmetric", OWL + "InverseFunctionalProperty": "inverse functional"}  # fmt: skip


def ontology_page(
    urls: Urls, rows: list[dict[str, dict[str, str]]], alternates: Iterable[tuple[Format, str]]
) -> Markup:
    """Classes, properties and individuals of the ontology graph, each with an anchor for its hash IRI."""
    terms: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["s"]["type"] == "uri":
            terms[r["s"]["value"]][r["p"]["value"]].append(r["o"])

    def texts(iri: str, prop: str) -> list[str]:
        return [o["value"] for o in terms.get(iri, {}).get(prop, []) if o["type"] == "literal"]

    def iris(iri: str, prop: str) -> list[str]:
        return [o["value"] for o in terms.get(iri, {}).get(prop, []) if o["type"] == "uri"]

    def label(iri: str) -> str:
        found = texts(iri, RDFS + "label") or texts(iri, SKOS + "prefLabel")
        return found[0] if found else compact(iri)

    def anchor(iri: str) -> str | None:
        return iri[len(HKPR) :] if iri.startswith(HKPR) else None

    def entry(iri: str) -> Markup:
        facts: list[Child] = []
        for prop, name in ((RDFS + "subClassOf", "subclass of"), (OWL + "equivalentClass", "same as"),
                           (RDFS + "subPropertyOf", "subproperty of"), (OWL + "inverseOf", "inverse of"),
                           (RDFS + "domain", "domain"), (RDFS + "range", "range")):  # fmt: skip
            targets = iris(iri, prop)
            if targets:
                facts.append(tag("dt", name))
                facts.append(tag("dd", join(link(urls, t, label(t)) for t in targets)))
        traits = [_TRAITS[t] for t in iris(iri, RDF + "type") if t in _TRAITS]
        if traits:
            facts.append(tag("dt", "characteristics"))
            facts.append(tag("dd", ", ".join(traits)))
        return tag(
            "article",
            tag("h3", label(iri), " ", tag("code", compact(iri))),
            [tag("p", c) for c in texts(iri, RDFS + "comment") + texts(iri, SKOS + "definition")],
            tag("dl", facts) if facts else None,
            id=anchor(iri),
            class_="term",
        )

    def typed(kinds: set[str]) -> list[str]:
        found = [i for i in terms if kinds & set(iris(i, RDF + "type"))]
        return sorted(found, key=lambda i: (not i.startswith(HKPR), label(i).lower()))

    classes = typed(_CLASS_TYPES)
    properties = typed(_PROPERTY_TYPES)
    ontologies = typed({OWL + "Ontology"})
    known = set(classes) | set(properties) | set(ontologies)
    individuals = sorted(
        (i for i in terms if i.startswith(HKPR) and i not in known and iris(i, RDF + "type")), key=label
    )
    head: list[Child] = [tag("h1", "The hkpr ontology")]
    for o in ontologies:
        title = texts(o, DCT + "title") or texts(o, RDFS + "label")
        head = [tag("h1", title[0] if title else "The hkpr ontology"), tag("p", tag("code", o), class_="iri")]
        head += [tag("p", c) for c in texts(o, DCT + "description") + texts(o, RDFS + "comment")]
        meta = []
        for prop, name in (
            (OWL + "versionInfo", "version"),
            (DCT + "license", "licence"),
            (DCT + "modified", "modified"),
        ):
            vals = [o2["value"] for o2 in terms[o].get(prop, [])]
            if vals:
                meta.append(
                    tag("li", f"{name}: ", join(link(urls, v) if v.startswith("http") else v for v in vals))
                )
        head.append(tag("ul", meta) if meta else None)
    toc = tag(
        "nav",
        tag("a", f"Classes ({len(classes)})", href="#classes"),
        " · ",
        tag("a", f"Properties ({len(properties)})", href="#properties"),
        " · ",
        tag("a", f"Individuals ({len(individuals)})", href="#individuals") if individuals else None,
        class_="toc",
    )
    formats = tag(
        "p",
        "Also as ",
        join((tag("a", f.label, href=url, type=f.media_type) for f, url in alternates), " · "),
        class_="formats",
    )
    return page(
        "The hkpr ontology",
        *head,
        formats,
        toc,
        tag("section", tag("h2", "Classes"), [entry(c) for c in classes], id="classes"),
        tag("section", tag("h2", "Properties"), [entry(p) for p in properties], id="properties"),
        tag("section", tag("h2", "Individuals"), [entry(i) for i in individuals], id="individuals")
        if individuals
        else None,
        home=urls.absolute(""),
    )
