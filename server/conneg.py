"""Choosing a response format for a request: an explicit suffix or `format=`, else the Accept header."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.requests import Request

from server.errors import ApiError
from server.formats import FORMATS, Format, by_name, negotiate

FORMAT_PARAMS = ("format", "output", "results")


def pick(
    request: Request, candidates: Sequence[Format], requested: Sequence[str] = (), what: str = "this"
) -> Format:
    """The format to answer in, or a 406 naming what is available.

    `requested` are `format=`/`output=` values (SPARQLWrapper sends several, some empty): the first one
    naming a candidate wins; if they name only formats that do not apply, that is a 406 too.
    """
    named_elsewhere = []
    for value in requested:
        fmt = by_name(value, candidates)
        if fmt is not None:
            return fmt
        if by_name(value, FORMATS) is not None:
            named_elsewhere.append(value)
    if named_elsewhere:
        raise ApiError(406, f"format {named_elsewhere[0]!r} does not apply to {what}; {_offer(candidates)}")
    fmt = negotiate(request.headers.get("accept"), candidates)
    if fmt is None:
        raise ApiError(406, f"no acceptable format for {what}; {_offer(candidates)}")
    return fmt


def requested_formats(params: Sequence[tuple[str, str]]) -> list[str]:
    return [v for k, v in params if k in FORMAT_PARAMS]


def _offer(candidates: Sequence[Format]) -> str:
    return "available: " + ", ".join(f"{f.media_type} (format={f.names[0]})" for f in candidates)


def vary(headers: dict[str, str] | None = None) -> dict[str, str]:
    return {**(headers or {}), "Vary": "Accept"}
