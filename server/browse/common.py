"""What the browsing pages share: the kinds of entity, paging links, request parameters."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request

from server.errors import ApiError
from server.html import Markup, tag

# kind -> (plural shown, singular shown)
KIND_NAMES: dict[str, tuple[str, str]] = {
    "bodies": ("Bodies", "body"),
    "people": ("People", "person"),
    "posts": ("Posts", "post"),
    "organisations": ("Organisations", "organisation"),
    "zones": ("Zones", "zone"),
    "meetings": ("Meetings", "meeting"),
    "releases": ("Releases", "release"),
}
SINGULAR = {one: many for many, (_, one) in KIND_NAMES.items()}
PAGE_SIZES = (25, 50, 100, 200)


def int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number, not {raw[:40]!r}") from None
    return min(max(value, low), high)


def page_links(path: str, params: dict[str, str], page: int, size: int, total: int) -> Markup | None:
    """ "« previous · page 2 of 7 · next »" with the other parameters kept."""
    pages = max(1, -(-total // size))
    if pages == 1:
        return None

    def href(n: int) -> str:
        kept = {k: v for k, v in params.items() if v and k != "page"}
        return path + "?" + urlencode({**kept, "page": n})

    return tag(
        "nav",
        tag("a", "« previous", href=href(page - 1), rel="prev") if page > 1 else None,
        tag("span", f" page {page} of {pages} "),
        tag("a", "next »", href=href(page + 1), rel="next") if page < pages else None,
        class_="pages",
        aria_label="pages",
    )
