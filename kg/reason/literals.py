"""Typed literals that rdflib, owlrl and pyshacl all take exactly as written.

Reasoning and validation must see literals as rdflib does (it rewrites "010"^^xsd:integer as "10",
"...Z" as "...+00:00", and keeps ill-typed forms with no value), which costs a round trip through
rdflib per distinct literal. The forms recognised here need none: rdflib keeps their lexical form,
parses them to a value of the datatype's Python type, and owlrl's lexical check accepts them. Any
other form takes the round trip, so the answers stay exact.
"""

from __future__ import annotations

import re
from datetime import date, datetime

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"(0|-?[1-9][0-9]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2})?")


def is_canonical(lexical: str, datatype: str) -> bool:
    """Whether a literal of this datatype is well typed and already in rdflib's normal form."""
    if datatype == XSD + "integer":
        return _INTEGER.fullmatch(lexical) is not None
    if datatype == XSD + "date":
        return _DATE.fullmatch(lexical) is not None and _parses(date.fromisoformat, lexical)
    if datatype == XSD + "dateTime":
        return (
            _DATETIME.fullmatch(lexical) is not None
            and not lexical.endswith("-00:00")
            and _parses(datetime.fromisoformat, lexical)
        )
    return False


def _parses(parse, lexical: str) -> bool:
    try:
        parse(lexical)
    except ValueError:
        return False
    return True
