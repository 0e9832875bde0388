"""Plots drawn by the server as SVG (inline in the page: no script, no network): time lines of spans
(posts held, a post's holders), events on lanes (a body's meetings by chair), and bars (per year).
Every text in them is escaped by server.html."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from server.html import Markup, tag

WIDTH = 760
LANE = 22
LABEL_WIDTH = 230
MAX_DOTS = 300  # events drawn one by one; more are drawn a dot per month
AXIS = 24


@dataclass(frozen=True)
class Span:
    lane: str  # the lane's label ("Secretary for Development")
    start: date
    end: date
    href: str | None = None
    note: str = ""  # shown on hover


@dataclass(frozen=True)
class Event:
    lane: str
    when: date
    href: str | None = None
    note: str = ""


def _fraction(d: date) -> float:
    return d.year + (d.timetuple().tm_yday - 1) / 366


class _Axis:
    """Years from the first to the last date, mapped onto the plot's width."""

    def __init__(self, first: date, last: date) -> None:
        self.low = float(first.year)
        self.high = float(max(last.year + 1, first.year + 1))
        self.left, self.right = LABEL_WIDTH, WIDTH - 10

    def x(self, d: date) -> float:
        return self.left + (self.right - self.left) * (_fraction(d) - self.low) / (self.high - self.low)

    def ticks(self, height: float) -> list[Markup]:
        years = range(int(self.low), int(self.high) + 1)
        step = max(1, len(years) // 12)
        out = []
        for y in years[::step]:
            x = self.x(date(y, 1, 1))
            if x > self.right - 24:  # no room for the label
                continue
            out.append(tag("line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1="0", y2=f"{height:.0f}", class_="grid"))
            out.append(tag("text", str(y), x=f"{x + 2:.1f}", y=f"{height + 14:.0f}", class_="tick"))
        return out


def _svg(height: float, title: str, *children: object) -> Markup:
    return tag(
        "svg",
        tag("title", title),
        *children,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {height + AXIS:.0f}",
        width=str(WIDTH),
        height=f"{height + AXIS:.0f}",
        role="img",
        aria_label=title,
        class_="plot",
    )


def _lane_label(text: str, y: float, href: str | None) -> Markup:
    shown = text if len(text) <= 34 else text[:33] + "…"
    label = tag(
        "text", tag("title", text), shown, x=str(LABEL_WIDTH - 6), y=f"{y + LANE * 0.65:.1f}", class_="lane"
    )
    return tag("a", label, href=href) if href else label


def timeline(spans: Sequence[Span], title: str) -> Markup | None:
    """A bar per span from its start to its end, one lane per label, in order of first start."""
    if not spans:
        return None
    lanes: dict[str, list[Span]] = {}
    for s in sorted(spans, key=lambda s: (s.start, s.end)):
        lanes.setdefault(s.lane, []).append(s)
    axis = _Axis(min(s.start for s in spans), max(s.end for s in spans))
    height = LANE * len(lanes)
    parts: list[Markup] = axis.ticks(height)
    for i, (lane, items) in enumerate(lanes.items()):
        y = i * LANE
        parts.append(_lane_label(lane, y, items[0].href))
        for s in items:
            x0, x1 = axis.x(s.start), axis.x(s.end)
            width = max(x1 - x0, 3.0)
            bar = tag(
                "rect",
                tag("title", f"{lane}: {s.start.isoformat()} – {s.end.isoformat()}" + (f" ({s.note})" if s.note else "")),
                x=f"{x0:.1f}", y=f"{y + 4}", width=f"{width:.1f}", height=str(LANE - 8), rx="3", class_="span",
            )  # fmt: skip
            parts.append(tag("a", bar, href=s.href) if s.href else bar)
    return _svg(height, title, *parts)


def events(items: Sequence[Event], title: str) -> Markup | None:
    """A dot per event on the lane of its label (a meeting on the line of each chair)."""
    if not items:
        return None
    lanes: dict[str, list[Event]] = {}
    for e in sorted(items, key=lambda e: e.when):
        lanes.setdefault(e.lane, []).append(e)
    axis = _Axis(min(e.when for e in items), max(e.when for e in items))
    height = LANE * len(lanes)
    parts: list[Markup] = axis.ticks(height)
    for i, (lane, found) in enumerate(lanes.items()):
        y = i * LANE
        parts.append(_lane_label(lane, y, None))
        parts.append(tag("line", x1=str(LABEL_WIDTH), x2=str(WIDTH - 10), y1=f"{y + LANE / 2}", y2=f"{y + LANE / 2}", class_="lane-line"))  # fmt: skip
        if len(items) <= MAX_DOTS:
            for e in found:
                dot = tag(
                    "circle",
                    tag("title", f"{e.when.isoformat()}" + (f": {e.note}" if e.note else "")),
                    cx=f"{axis.x(e.when):.1f}", cy=f"{y + LANE / 2}", r="5", class_="event",
                )  # fmt: skip
                parts.append(tag("a", dot, href=e.href) if e.href else dot)
            continue
        months: dict[date, int] = {}  # too many to draw one by one: a dot per month, by its count
        for e in found:
            month = e.when.replace(day=1)
            months[month] = months.get(month, 0) + 1
        for month, n in months.items():
            parts.append(
                tag(
                    "circle",
                    tag("title", f"{month:%Y-%m}: {n} ({lane})"),
                    cx=f"{axis.x(month.replace(day=15)):.1f}", cy=f"{y + LANE / 2}", r=f"{min(3 + 1.5 * n ** 0.5, 9):.1f}",
                    class_="event",
                )
            )  # fmt: skip
    return _svg(height, title, *parts)


def bars(values: Sequence[tuple[str, float]], title: str, series: str = "") -> Markup | None:
    """Vertical bars, one per (label, value), labelled below and valued above."""
    if not values:
        return None
    height = 160.0
    top = max(v for _, v in values) or 1
    n = len(values)
    slot = min((WIDTH - 50) / n, 60.0)
    parts: list[Markup] = [
        tag("line", x1="40", x2=str(WIDTH - 10), y1=f"{height}", y2=f"{height}", class_="grid")
    ]
    step = max(1, n // 16)
    for i, (label, value) in enumerate(values):
        h = (height - 16) * value / top
        x = 40 + i * slot
        parts.append(
            tag(
                "rect",
                tag("title", f"{label}: {value:g}" + (f" {series}" if series else "")),
                x=f"{x + slot * 0.12:.1f}", y=f"{height - h:.1f}", width=f"{slot * 0.76:.1f}", height=f"{h:.1f}", class_="bar",
            )
        )  # fmt: skip
        if n <= 30:
            parts.append(
                tag("text", f"{value:g}", x=f"{x + slot / 2:.1f}", y=f"{height - h - 3:.1f}", class_="value")
            )
        if i % step == 0:
            parts.append(
                tag("text", label, x=f"{x + slot / 2:.1f}", y=f"{height + 14:.0f}", class_="tick middle")
            )
    return _svg(height, title, *parts)
