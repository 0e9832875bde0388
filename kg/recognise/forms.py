"""Sentence forms as data: each way the house style states a fact is an entry of a table, with a
name, its pattern, the kind of record it yields and example sentences.

A pattern is a named regular expression the recogniser runs (meetings), or a token pattern in
the manner of spaCy's `Matcher` that names what the recogniser reads there (people's posts,
names of organisations and zones): a tuple of token descriptions such as `POST`, `","`,
`HONORIFIC?`, `NAME`. Every tenure, organisation, zone and meeting a recogniser makes names the
form that made it (`form`; for a record named several times, the first), so
`kg recognise --json` shows where a wrong fact came from, and every example is a test
(tests/test_forms.py): recognised on its own, the example yields, by that form, a record with
the fields it expects.

A new form is one entry: its pattern, what it yields, an example written in the house style.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

EXAMPLE_DATE = date(2024, 3, 14)  # the date of the release an example is read in (a Thursday)


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence (or a short text) in the house style and what its form yields from it: the
    fields of one record (a list field must hold the values given, in order)."""

    text: str
    expect: dict[str, Any]
    title: str | None = None
    captions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Form:
    """One sentence form: its name (unique), the record kind it yields ("meeting", "tenure",
    "organisation", "zone"), its pattern and its examples. For a form run as a regular
    expression, `gate` is its speed seam (where in a text a match can start, -1 for nowhere:
    a cheap test that must never turn away a text the pattern matches) and `read` turns a
    match into what it yields."""

    name: str
    yields: str
    pattern: re.Pattern[str] | tuple[str, ...]
    examples: tuple[Example, ...]
    gate: Callable[[str], int] | None = field(default=None, compare=False)
    read: Callable[..., Any] | None = field(default=None, compare=False)


def all_forms() -> tuple[Form, ...]:
    """Every form of every recogniser."""
    from kg.recognise.meetings import MEETING_FORMS, SHORT_FORMS
    from kg.recognise.names import NAME_FORMS
    from kg.recognise.organisations import ORGANISATION_FORMS
    from kg.recognise.people import TENURE_FORMS
    from kg.recognise.zones import ZONE_COMPANY_FORMS

    return (
        *TENURE_FORMS,
        *NAME_FORMS,
        *ORGANISATION_FORMS,
        *ZONE_COMPANY_FORMS,
        *MEETING_FORMS,
        *SHORT_FORMS,
    )
