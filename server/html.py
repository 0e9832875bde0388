"""HTML built from escaped parts: text is escaped unless it is already `Markup`, so a page cannot print
data as markup by forgetting to escape it. Releases are text from outside; a title with a script in it
must show as text."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any


class Markup(str):
    """A string of HTML that is safe to print as is (built by `tag`, `esc` or `raw`)."""

    __slots__ = ()


Child = str | int | float | Markup | Iterable["Child"] | None


def esc(value: Any) -> Markup:
    """The value as HTML text: `<script>` shows as `<script>`."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=True))


def raw(text: str) -> Markup:
    """Trusted markup written in this package (never data)."""
    return Markup(text)


def _children(children: Iterable[Child]) -> str:
    out = []
    for c in children:
        if c is None or c is False:
            continue
        if isinstance(c, str | int | float):
            out.append(esc(c))
        else:
            out.append(_children(c))
    return "".join(out)


def tag(element: str, /, *children: Child, **attrs: Any) -> Markup:
    """`tag("a", "text", href=url, class_="x")`: attribute values and text are escaped."""
    parts = [element]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    open_tag = "<" + " ".join(parts) + ">"
    if element in ("meta", "link", "input", "br", "hr", "img"):
        return Markup(open_tag)
    return Markup(f"{open_tag}{_children(children)}</{element}>")


def join(items: Iterable[Child], sep: str = ", ") -> Markup:
    return Markup(esc(sep).join(_children([i]) for i in items))


def page(title: str, *body: Child, head: Iterable[Child] = (), home: str = "/") -> Markup:
    """A whole document in the site's layout."""
    search = tag(
        "form",
        tag(
            "input",
            type="search",
            name="q",
            placeholder="Search people, posts, bodies, releases…",
            aria_label="Search",
            autocomplete="off",
            class_="site-search",
        ),
        tag("button", "Search", type="submit"),
        tag("div", class_="suggestions", role="listbox"),
        action=home + "search",
        method="get",
        role="search",
        class_="search",
        data_suggest=home + "search.json",
    )
    nav = tag(
        "nav",
        tag("a", "HK press releases KG", href=home, class_="brand"),
        search,
        tag("a", "Browse", href=home + "browse"),
        tag("a", "Query", href=home + "#query"),
        tag("a", "Quality", href=home + "quality"),
        tag("a", "Ontology", href=home + "ontology"),
        tag("a", "VoID", href=home + ".well-known/void"),
        tag("a", "Dumps", href=home + "#dumps"),
    )
    doc = tag(
        "html",
        tag(
            "head",
            tag("meta", charset="utf-8"),
            tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
            tag("title", title),
            tag("link", rel="stylesheet", href=home + "static/style.css"),
            tag("script", src=home + "static/search.js", defer=True),
            *head,
        ),
        tag("body", nav, tag("main", *body)),
        lang="en",
    )
    return Markup("<!DOCTYPE html>\n" + doc)
