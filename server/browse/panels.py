"""Panels: the SPARQL query files in server/panels/, `<kind>_<name>.sparql`, that entity pages are made
of (after Scholia). A file starts with comment lines `# title: ...`, `# show: table|timeline|events|
bars`, `# about: ...` and `# order: N` (place on the page); `{{item}}` stands for the page's node. A new panel is a new file.

How a result is shown follows its variables: `?x` with `?xLabel` is a link named by the label;
`?release` (one IRI) and `?releases` (IRIs separated by spaces) are citations of the page's numbered
sources; `?sentence` is a quotation; a timeline takes a lane IRI and label and `?first`/`?last`;
events take `?date` and a lane; bars take a label and a number."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from kg.read import parse_day
from server.html import Markup, tag
from server.plots import Event, Span, bars, events, timeline
from server.urls import Urls

FOLDER = Path(__file__).resolve().parents[1] / "panels"
MAX_ROWS = 100  # rows shown in a table
MAX_PLOTTED = 5000  # rows a plot draws from
_HEADER = re.compile(r"^#\s*(\w+):\s*(.*)$")
SHOWS = ("table", "timeline", "events", "bars")

Row = dict[str, dict[str, Any]]
Cite = Callable[[str], Markup]


@dataclass(frozen=True)
class Panel:
    kind: str
    name: str
    title: str
    show: str
    about: str
    template: str
    order: int = 50

    def query(self, iri: str) -> str:
        return self.template.replace("{{item}}", f"<{iri}>")

    @property
    def anchor(self) -> str:
        return f"panel-{self.name}"


def _load(path: Path) -> Panel:
    kind, _, name = path.stem.partition("_")
    text = path.read_text(encoding="utf-8")
    meta = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            break
        meta[m.group(1)] = m.group(2).strip()
    show = meta.get("show", "table")
    if show not in SHOWS:
        raise ValueError(f"{path}: show must be one of {', '.join(SHOWS)}, not {show!r}")
    body = "\n".join(line for line in text.splitlines() if not _HEADER.match(line))
    order = int(meta["order"]) if meta.get("order", "").isdigit() else 50
    title = meta.get("title", name.replace("-", " "))
    return Panel(kind, name, title, show, meta.get("about", ""), body.strip() + "\n", order)


@functools.cache
def panels() -> dict[str, list[Panel]]:
    """Every panel, by the kind of node it is for, in the order its header gives (then by name)."""
    found: dict[str, list[Panel]] = {}
    for panel in sorted((_load(p) for p in FOLDER.glob("*.sparql")), key=lambda p: (p.order, p.name)):
        found.setdefault(panel.kind, []).append(panel)
    return found


def _value(row: Row, var: str) -> str | None:
    term = row.get(var)
    return None if term is None else str(term.get("value"))


def _shown_vars(variables: list[str]) -> list[str]:
    named = {v[: -len("Label")] for v in variables if v.endswith("Label")}
    return [v for v in variables if not (v.endswith("Label") and v[: -len("Label")] in named)]


def _cell(urls: Urls, row: Row, var: str, cite: Cite) -> Markup:
    term = row.get(var)
    if term is None:
        return tag("td")
    value = str(term.get("value"))
    if var == "release" and term.get("type") == "uri":
        return tag("td", cite(value), class_="cites")
    if var == "releases":
        return tag("td", [cite(v) for v in value.split() if v], class_="cites")
    if var == "sentence":
        return tag("td", tag("q", value, class_="sentence"))
    if term.get("type") == "uri":
        label = _value(row, var + "Label") or value
        href = urls.href(value)
        return tag("td", tag("a", label, href=href, title=value) if href else tag("span", label, title=value))
    datatype = str(term.get("datatype", ""))
    numeric = datatype.endswith(("integer", "decimal", "double"))
    return tag("td", value, class_="num" if numeric else "day" if datatype.endswith("#date") else None)


def table(urls: Urls, variables: list[str], rows: list[Row], cite: Cite) -> Markup:
    shown = _shown_vars(variables)
    head = tag("tr", [tag("th", "source" if v in ("release", "releases") else v) for v in shown])
    body = [tag("tr", [_cell(urls, r, v, cite) for v in shown]) for r in rows]
    return tag("table", tag("thead", head), tag("tbody", body), class_="panel-table")


def _lane(variables: list[str]) -> str | None:
    """The lane's variable: the first IRI variable that has a label and is not a date."""
    return next((v for v in _shown_vars(variables) if v + "Label" in variables), None)


def plot(panel: Panel, urls: Urls, variables: list[str], rows: list[Row]) -> Markup | None:
    lane = _lane(variables)
    if panel.show == "timeline" and lane:
        spans = []
        for r in rows:
            start, end = parse_day(_value(r, "first")), parse_day(_value(r, "last"))
            if start and end:
                iri = _value(r, lane) or ""
                count = _value(r, "observations")
                note = f"{count} release{'s' if count != '1' else ''}" if count else ""
                spans.append(Span(_value(r, lane + "Label") or iri, start, end, urls.href(iri), note))
        return timeline(spans, panel.title)
    if panel.show == "events":
        found = []
        for r in rows:
            when = parse_day(_value(r, "date"))
            if when:
                shown = (_value(r, lane + "Label") or _value(r, lane)) if lane else None
                meeting = _value(r, "meeting")
                found.append(
                    Event(
                        shown or "(no chair named)",
                        when,
                        urls.href(meeting) if meeting else None,
                        shown or "",
                    )
                )
        return events(found, panel.title)
    if panel.show == "bars" and len(variables) >= 2:
        label, number = variables[0], variables[1]
        pairs = []
        for r in rows:
            try:
                pairs.append((_value(r, label) or "", float(_value(r, number) or 0)))
            except ValueError:
                continue
        return bars(pairs, panel.title, number)
    return None


def render(panel: Panel, urls: Urls, iri: str, result: dict[str, Any], cite: Cite) -> Markup | None:
    """The panel as a section (None when its query found nothing)."""
    variables = list(result["head"].get("vars", []))
    rows: list[Row] = result["results"]["bindings"]
    if not rows:
        return None
    query = panel.query(iri)
    editor = urls.absolute("sparql") + "?" + urlencode({"query": query})
    figure = plot(panel, urls, variables, rows)
    cut = len(rows) >= MAX_ROWS
    details = table(urls, variables, rows[:MAX_ROWS], cite)
    if figure is not None:  # the plot first, its data folded below it
        details = tag("details", tag("summary", f"The data ({len(rows)} rows)"), details)
    return tag(
        "section",
        tag("h2", panel.title, " ", tag("a", "open in the editor", href=editor, class_="editor")),
        tag("p", panel.about, class_="note") if panel.about else None,
        figure,
        details,
        tag("p", f"The table shows the first {MAX_ROWS} rows; the editor shows all.", class_="note")
        if cut
        else None,
        id=panel.anchor,
        class_="panel",
    )
