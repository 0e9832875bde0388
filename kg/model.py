"""Plain records that flow between the stages (no RDF before emit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Release:
    """One press release as read from a page, an HTML file or a record."""

    id: str  # "P2023090700255", or an older form such as "gia:200111/08/1108116"
    date: date  # from the footer, the record, or the number
    text: str  # the body: site furniture, asterisk rule and footer removed; paragraphs split by "\n\n"
    source: str  # where it was read: a file path, with ":LINE" for a record in a JSONL/CSV file
    title: str | None = None
    issued: datetime | None = None  # with tzinfo +08:00
    url: str | None = None
    captions: tuple[str, ...] = ()  # photo captions, one per string
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be read or extracted, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Tenure:
    """A person named together with a post ("the Secretary for Development, Ms Bernadette Linn")."""

    person: str  # name without honorific: "Bernadette Linn"
    post: str  # as written, without a leading "the": "Secretary for Development"
    sentence: str  # the sentence it was read from
    honorific: str | None = None  # "Ms"
    post_org: str | None = None  # the organisation the post belongs to, when stated or known
    post_org_named: bool = False  # post_org is written as such in the release (not only implied)
    form: str = ""  # the sentence form that yielded it (kg.recognise.forms)


@dataclass(slots=True)
class Organisation:
    """An organisation named in the release (not a body that meets)."""

    name: str  # full name as written, without a leading "the"
    sentence: str
    alt_labels: tuple[str, ...] = ()  # abbreviations defined in the text: ("CEDD",)
    part_of: str | None = None  # the parent named inside the name: "State Council"
    form: str = ""  # the form of its first mention (kg.recognise.forms)


@dataclass(slots=True)
class Zone:
    """A development / co-operation zone, park, new development area or named region."""

    name: str  # canonical full name where known: "Lok Ma Chau Loop"
    sentence: str
    alt_labels: tuple[str, ...] = ()  # forms used in the text: ("the Loop",)
    part_of: str | None = None  # the containing zone named inside the name
    form: str = ""  # the form of its first mention (kg.recognise.forms)


@dataclass(slots=True)
class Meeting:
    """A meeting of a named body that the release reports as held (or to be held on a stated date)."""

    body: str  # the body as written, without a leading "the"
    sentence: str
    body_kind: str = "Body"  # a hkpr class local name: TaskForce, Committee, WorkingGroup, ...
    ordinal: int | None = None
    date: date | None = None
    location: str | None = None  # "Hong Kong", "Shenzhen"
    mode: str | None = None  # "video" | "in-person" | None
    chairs: list[str] = field(default_factory=list)  # names without honorifics
    participants: list[str] = field(default_factory=list)  # named attendees, chairs included
    represented: list[str] = field(default_factory=list)  # organisation names as written
    form: str = ""  # the form that first found it (kg.recognise.forms)


@dataclass(slots=True)
class Person:
    """A person named in the release."""

    name: str
    honorific: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything recognised in one release."""

    release: Release
    people: list[Person] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)  # defined in the text: {"CEDD": "Civil ..."}
