"""Meetings of named bodies: task forces, committees, commissions, councils, panels, working and
expert groups, and the co-operation conferences and high-level meetings between governments.

Rules, each tested in tests/test_recognise_meetings.py:

- A meeting is found where a sentence (or the headline) names it: "the 10th meeting of the Joint
  Task Force on ...", "the Fifth Plenary Session of the Hong Kong/Beijing Co-operation
  Conference", "the Standard Working Hours Committee held its 22nd meeting", "the Committee's
  first meeting", "the 18th Hong Kong-Guangdong Joint Working Group on ... meeting", or a
  co-operation meeting or conference that was held or chaired ("held the High-Level Meeting cum
  Signing Ceremony of ..."). A body named in lower case counts after "meeting of the" when its
  head noun (task force, working group, committee ...) has a complement ("a meeting of the task
  force on the collaboration for ..."), or split by the meeting's place and time ("a task force
  meeting in Hong Kong today on the collaboration for ..."). A body named by its head noun alone
  ("after the task force's first meeting today", "the second meeting of the committee") is the
  last full name with that head written before it. The sentence must report it as held (chaired,
  chairing, convened, held, attended ...) or as to be held on a stated date (a meeting to be held
  named right after the sentence that announces its day, "... will lead a delegation to Guangzhou
  on March 16 to attend a meeting on X. The 16th meeting of the Y will be co-chaired by ...",
  takes that sentence's day, place and ordinal); postponed or undated future meetings, courtesy
  calls ("met the Mayor") and LegCo written replies are not meetings. Bodies named in passing as
  having met ("A and B, both having held their first meetings"; "B, which has held its first
  meeting") are meetings without a date, place or people of their own.
- One meeting per body and date in a release; the headline, body and captions are merged. The body
  is the name as written without "the", a "second-term"/"revamped" prefix or a bracketed
  abbreviation; its kind comes from the head noun (Task Force -> TaskForce ...). A trailing "in
  <city>" is where the meeting was held unless the meeting's own place is written apart in the
  sentence or the release writes the name so again (see _place_in_name); the longest form wins.
- ordinal from words or digits; date from "today (September 7)" etc. resolved against the release
  date; location "in <city>" or "at <venue>" before the time, the mode or the other party ("in
  Shanghai together with ..."), or ending the clause right after the meeting's name and time (a
  place in what the meeting discussed is not its location, and none is assumed), or the city
  departed for or a delegation is led to, to chair or attend it (a province is not a place); mode
  "video" for video conferencing (also said of "the meeting" in a sentence of its own),
  "in-person" when a place is given. The release's one meeting, named in its lead without a day
  or place of its own, takes those of the event the lead reports ("... in Guangzhou concluded
  today (October 13)").
- chairs: who "chaired", "co-chaired", "convened", "presided over" or (as two leaders) "held" it
  (or "will co-chair the meeting with X", "will jointly preside over the meeting"), "chaired by
  X", "co-chaired by X and Y", "together with X", "He co-chaired the meeting with X" (He being the
  person the sentences before name), "In chairing ..., X said", the two leaders who "led the
  delegations ... to hold the session", and the Chairman of the body. participants: chairs and
  every person named in a sentence that reports attending it or speaks of it ("Also joining the
  meeting were ...", "Participating in the meeting were ...", "Also in attendance were ..." and
  "It was chaired by ..." right after it, "Officials ... attending the meeting included ...", "The
  Hong Kong delegation includes ..." right after a sentence about it). represented: organisations
  in "representatives from/of A; B; and C", names with commas kept, in a sentence or paragraph
  about the meeting or one saying they attended; not whom someone met, nor what a delegation
  comprised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from kg.lexicon import (
    BODY_ABBREVIATIONS,
    BODY_KINDS,
    CITIES,
    CONNECTORS,
    FEMALE_HONORIFICS,
    JOIN_HEADS,
    LOWER_NAME_STOP,
    LOWER_NOT_NAMED,
    MONTH_NAMES,
    ORG_HEADS,
    PROVINCES,
    WEEKDAYS,
)
from kg.model import Meeting, Tenure
from kg.recognise.document import Document
from kg.recognise.forms import EXAMPLE_DATE, Example, Form
from kg.recognise.people import Analysis
from kg.recognise.text import (
    MONTHS,
    ORDINAL_PATTERN,
    Gated,
    find_dates,
    name_key,
    ordinal_value,
    word_start_alternatives,
)

# ---- body names ------------------------------------------------------------------------------

_CAP = r"(?:[A-Z][\w'\-/]*|&)"
_MONTHS = r"(?:" + "|".join(MONTH_NAMES) + r")\b"
_LINK = r"(?:\s+(?:of|on|for|and|the|in|to|&|cum|between)(?=\s+(?:the\s+)?[A-Z&])(?!\s+" + _MONTHS + r"))*"
_ABBR = r"(?:\s*\((?:the\s+)?[A-Z][\w&\-]*(?:\s[A-Z][\w&\-]*){0,3}\))?"
# a capitalised name with inner connectors and an optional bracketed abbreviation inside it
# (a bill's name keeps its year: "the Bills Committee on the Rating (Amendment) Bill 2024")
_NAME = (
    rf"{_CAP}(?:{_ABBR}(?:{_LINK}|,(?=\s+[A-Z][a-z]+(?:,|\s+(?:and|&)\s)))\s+(?!{_MONTHS}){_CAP})*"
    r"(?:(?<=Bill)\s+(?:19|20)\d\d\b)?"
)
_PREFIX = r"(?:(?:newly[\s-]established|newly[\s-]formed|revamped|new|current|(?:\w+)-term|inaugural)\s+)*"
_ORD = rf"(?P<ord>{ORDINAL_PATTERN}|\d{{4}})"
_MEETING_NOUN = r"(?:[Mm]eeting|[Pp]lenary(?:\s+[Ss]ession|\s+[Mm]eeting)?|[Ww]orking\s+[Mm]eeting|[Ss]pecial\s+[Mm]eeting|policy\s+briefing)"

# "the first meeting of the new term of the Commission on ...", "... of the 2024-2026 term of the ..."
_TERM_OF = (
    rf"(?:(?:the|its)\s+(?:new|current|present|next|[\d\-]+|{ORDINAL_PATTERN})\s+(?:term|session)\s+of\s+)?"
)
# "the 10th meeting of the Joint Task Force on ...", "the Fifth Plenary Session of the ..."
_OF_FORM = re.compile(
    # (the lookahead, which every match passes, turns away a word that is not at most three words
    # before a meeting's noun without trying the ordinals at it)
    r"\b(?=(?:[\w-]+\s+){0,3}(?:[Mm]eeting|[Pp]lenary|[Ww]orking\s|[Ss]pecial\s|policy\s))"
    rf"(?:(?:the|its|a|[Tt]he)\s+)?(?:{_ORD}\s+)?(?P<noun>{_MEETING_NOUN})\s+of\s+{_TERM_OF}(?:the\s+)?{_PREFIX}"
    rf"(?P<body>{_NAME})"
)
# "a meeting of the task force on the collaboration for the planning of ..." (a name in lower case)
_LOWER_HEAD = (
    r"(?:task\s+force|working\s+group|expert\s+group|liaison\s+group|steering\s+group|joint\s+conference|"
    r"co-operation\s+conference|committee|sub-?committee|commission|panel)"
)
_LOWER_OF_FORM = re.compile(
    rf"\b(?:(?:the|its|a)\s+)?(?:{_ORD}\s+)?(?P<noun>meeting)\s+of\s+the\s+{_PREFIX}"
    rf"(?P<body>(?P<pre>(?:[a-z][\w\-]*\s+){{0,3}}?){_LOWER_HEAD}\s+(?:on|for|of)\s+)"
)
# "co-chaired a task force meeting in Hong Kong today on the collaboration for ...": the name
# split by the meeting's place and time
_LOWER_SPLIT_FORM = re.compile(
    rf"\b(?:a|the|its)\s+(?:{_ORD}\s+)?(?P<head>{_LOWER_HEAD})\s+meeting\s+"
    r"(?:(?:in|at)\s+(?:the\s+)?[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*\s+)?"
    r"(?:today|yesterday|this\s+(?:morning|afternoon|evening)|on\s+\w+\s+\d{1,2})?\s*(?:\([^)]*\)\s*)?"
    r"(?P<prep>on|for)\s+"
)
_NAME_WORD = re.compile(r"[\w&][\w'\-/&]*")
_DAY_WORDS = re.compile(rf"\b(?:today|yesterday|this\s+(?:morning|afternoon|evening)|{_MONTHS}\s+\d)")
# "Steering Committee on Population Policy convenes seventh meeting" (headline) and
# "the Committee ... held its seventh meeting"
_ITS_FORM = re.compile(
    "(?P<verb>"
    + word_start_alternatives(
        r"held|holds|hold|convened|convenes|convene|has\s+held|have\s+held|having\s+held|had\s+held|will\s+hold"
        r"|is\s+holding"
    )
    + rf")\s+(?:its\s+|their\s+|a\s+)?(?:{_ORD}\s+|inaugural\s+)?(?:[Pp]lenary\s+)?[Mm]eeting(?P<plural>s)?\b"
)
# "The Panel will hold a special meeting on July 11 (Tuesday) at 9am in Conference Room 2",
# "the Council will hold another meeting on Thursday (October 11)": LegCo business notices
_NOTICE_FORM = re.compile(
    word_start_alternatives(r"will\s+hold|is\s+to\s+hold|holds|held")
    # (not "held a special meeting with the trade": a meeting of people, not of the body)
    + r"\s+(?:(?:(?P<another>another)|an?\s+(?:special|open|further|closed))\s+meeting"
    # "The Public Accounts Committee will hold a public hearing on ...": a meeting of the committee
    + r"|an?\s+(?:public\s+|open\s+)?hearing)\b(?!\s+with\b)"
)
# "the Annual Special Open Meeting of the Housing Authority", "the Authority's annual open meeting"
# (the owner is read back from "'s": a name before a fixed word, searched for from each start,
# would make the search quadratic in a long run of capitalised words)
_OPEN_FORM = re.compile(
    r"(?:(?:[Aa]nnual|[Ss]pecial)\s+)*[Oo]pen\s+[Mm]eeting\s+of\s+the\s+(?P<body>" + _NAME + r")"
    r"|(?P<owner>'s)\s+(?:(?:annual|special)\s+)*open\s+meeting\b"
)
_OPEN_BODY_END = re.compile(r"\b(?:Authority|Board|Council|Committee|Commission|Corporation)$")
# "The Commission on Poverty met today (March 14) to discuss ...": a body as the subject of "met"
# with a time right after it (not "met the Mayor")
_MET_FORM = re.compile(
    r"(?<=[\w'])\s+(?P<verb>met|will\s+meet)\s+"
    r"(?=today|tomorrow|yesterday|this\s+(?:morning|afternoon|evening)|on\s+\w+\s+\(|on\s+[A-Z][a-z]+\s+\d)"
)
# "the items on the Finance Committee agenda today": the body meets that day (people unstated)
_AGENDA_FORM = re.compile(  # (the body is read back from "agenda")
    r"(?<=[\w'])(?:'s)?\s+(?:meeting\s+)?agenda\s+"
    r"(?=today|tomorrow|this\s+(?:morning|afternoon|evening)|on\s+\w+\s+\()"
)
_ON_THE_BEFORE = re.compile(r"\b(?:on|in)\s+the\s+$")
# "The meeting was held at the Central Government Offices": a meeting's place in a clause of its own
_HELD_AT_CLAUSE = re.compile(
    r"\b[Tt]he\s+(?:meeting|plenary(?:\s+session)?|session)\s+(?:was|is|will\s+be)\s+held\b"
)
# "will depart for Guangzhou tomorrow to co-chair the 12th meeting of ...": where it is held
_DEPART_FOR = re.compile(
    word_start_alternatives(r"depart|departs|departed|leave|leaves|left|travel|travels|travelled")
    + r"\s+for\s+(?P<place>"
    + "|".join(re.escape(p) for p in sorted(CITIES, key=len, reverse=True))
    + r")\b[^.;]{0,150}?\b(?:to|and\s+will)\s+(?:co-chair|chair|attend|join|host)\b"
)
# "will lead a delegation to Guangzhou tomorrow (March 15) to co-chair the 12th meeting of ...": the
# city the delegation goes to (not a province: the meeting is held in one of its cities)
_DELEGATION_TO = re.compile(
    word_start_alternatives(r"lead|leads|leading|led|head|heads|heading|headed")
    + r"\s+(?:a|an|the|his|her)\s+(?:[\w()'\-]+\s+){0,8}?delegations?\s+to\s+(?P<place>"
    + "|".join(re.escape(p) for p in sorted(CITIES - PROVINCES, key=len, reverse=True))
    + r")\b(?!\s+[A-Z])[^.;]{0,150}?\bto\s+(?:co-chair|chair|attend|join|host|participate)\b"
)
# "after the meeting of the Executive Committee of the Commission on ... today": held that day
_AFTER_IT = re.compile(r"\b(?:after|following)\s+$", re.I)
# "the consensus reached at the Sixth Plenary on August 5": a plenary of the conference named before
# (written as a name, "Plenary" capitalised: "the first plenary meeting held after ..." is a description)
_SHORT_PLENARY = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts)\s+{_ORD}\s+Plenary(?:\s+Session)?\b(?!\s+(?:of|[Mm]eeting)\b)"
)
# "... the Advisory Committee on X and the Task Force on Y, both having held their first meetings"
_BOTH_BEFORE = re.compile(r"\b(?:both|all|each)\s*,?\s*$")
# "the Committee on Innovation, Technology & Re-industrialisation's first meeting"
_POSSESSIVE_FORM = re.compile(rf"(?P<body>{_NAME})'s\s+{_ORD}\s+[Mm]eeting\b")
# "the 18th Hong Kong-Guangdong Joint Working Group on ... meeting"
_BODY_MEETING_FORM = re.compile(
    word_start_alternatives(r"the\s+|a\s+")
    + rf"(?:(?:last|latest|first|next)\s+)?(?:{_ORD}\s+)?(?P<body>{_NAME})\s+(?P<noun>[Mm]eeting)\b"
)
# "held the High-Level Meeting cum ...", "co-chaired the Second Hong Kong-Fujian Co-operation Conference"
_EVENT_FORM = re.compile(word_start_alternatives(r"The\s+|the\s+") + rf"(?:{_ORD}\s+)?(?P<body>{_NAME})")
_EVENT_NAME = re.compile(
    r"(?:Co-operation|Cooperation|Joint|High[- ]Level)\b.*\b(?:Meeting|Conference)\b|\bJoint Conference\b"
    # "the 30th APEC Ministerial Meeting", "the APEC Economic Leaders' Meeting": a meeting named as such
    r"|\b(?:Ministerial|Ministers'|Leaders')\s+Meeting\b"
    # "the APEC Ministers Responsible for Trade Meeting"
    r"|\bMinisters\s+Responsible\s+for\b.*\bMeeting\b"
)
# What every match of a form above holds (its noun and the words around it), found much faster
# than the form itself, which has no fixed start: a text without it cannot match the form.
_LOWER_OF_HINT = re.compile(rf"{_LOWER_HEAD}\s+(?:on|for|of)\s")
_LOWER_SPLIT_HINT = Gated(
    re.compile(rf"{_LOWER_HEAD}\s+meeting\s"),
    "force",
    "group",
    "conference",
    "committee",
    "commission",
    "panel",
)
_POSSESSIVE_HINT = re.compile(rf"'s\s+{_ORD}\s+[Mm]eeting\b")
# The hints of _OF_FORM and _BODY_MEETING_FORM are looked for back from a word they hold: as
# expressions they would be tried at every "e", "l", "s" and "b", or every capital letter.
_OF_NOUN_ENDS = ("eeting", "lenary", "ession", "briefing")


def _of_hint(text: str) -> int:
    r"""Where the first r"(?:eeting|lenary|ession|briefing)\s+of\s" in text ends its noun (-1 for
    none), looked for back from each "of"."""
    at = text.find("of", 1)
    while at > 0:
        if text[at + 2 : at + 3].isspace():
            noun_end = text[:at].rstrip()
            if len(noun_end) < at and noun_end.endswith(_OF_NOUN_ENDS):
                return len(noun_end)
        at = text.find("of", at + 1)
    return -1


# Up to five runs of other characters (and the spaces before them), read back from the end.
_RUNS_BACK = re.compile(r"(?:\s*\S+){0,5}")


def _of_form_start(text: str, noun_end: int) -> int:
    """Where a match of _OF_FORM can start at the earliest, when the first noun its hint finds ends
    at `noun_end`: a match holds at most five words up to the end of its noun ("the Twenty first
    Plenary Session of")."""
    return noun_end - _RUNS_BACK.match(text[:noun_end][::-1]).end()


_WORD_RUN_BACK = re.compile(r"[\w'\-/]+")  # the word a reversed text opens with
_ASCII_CAPITAL = re.compile("[A-Z]")


def _body_meeting_hint(text: str) -> bool:
    r"""Whether r"(?:[A-Z][\w'\-/]*|&)\s+[Mm]eeting\b" (_CAP, space, "meeting") is in text,
    looked for back from each "eeting"."""
    at = text.find("eeting", 1)
    while at > 0:
        m = at - 1
        end = at + 6
        if text[m] in "Mm" and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
            before = text[:m]
            word_end = before.rstrip()
            if len(word_end) < m and word_end:
                if word_end[-1] == "&":
                    return True
                run = _WORD_RUN_BACK.match(word_end[::-1])
                if run and _ASCII_CAPITAL.search(run.group()):
                    return True
        at = text.find("eeting", end)
    return False


_ITS_HINT = ("hold", "held", "convene")  # one is in every match of _ITS_FORM

_BODY_WORD = re.compile(
    r"\b(?:Task Force|Working Group|Expert Group|Group|Committee|Subcommittee|Sub-committee|Council|"
    r"Commission|Panel|Joint Conference|Co-operation Conference|Cooperation Conference|Board|"
    r"Conference|Meeting)\b"
)
_HEAD_CUT = re.compile(r"\s(?:on|of|for|to)\s")
# what a meeting about to be held is named after ("remarks before the ExCo meeting today")
_BEFORE_IT = re.compile(r"\b(?:before|ahead\s+of|prior\s+to)\s+$", re.I)
_COUNCIL_NAME_END = re.compile(r"\b(?:Legislative Council|LegCo)$")


def body_kind(body: str) -> str:
    """The hkpr class of a body from its head noun: "Joint Task Force on ..." -> "TaskForce",
    "Chief Executive's Council of Advisers on ..." -> "Council"; "Body" when none fits."""
    head = _HEAD_CUT.split(body, 1)[0].lower()
    best, at = "Body", -1
    for word, kind in BODY_KINDS:
        i = head.rfind(word.lower())
        if i > at:
            best, at = kind, i
    return best


_IN_A_LAW = r"(?!\s+(?:Bill|Ordinance|Regulation)\b)"  # "(Amendment) Bill" is no abbreviation
_STRIP_ABBR = re.compile(r"\s*\((?:the\s+)?[A-Z][\w&\-]*(?:\s[A-Z][\w&\-]*){0,3}\)" + _IN_A_LAW)
_VENUE_WORDS = r"(?:Offices|Office|House|Hall|Centre|Center|Hotel|Building|Tower|Complex|Room|Chamber|Headquarters|Guesthouse|Guest House)"
_PLACE_RX = re.compile(
    word_start_alternatives("in|at")
    + r"\s+(?:the\s+)?(?P<place>"
    + "|".join(re.escape(p) for p in sorted(CITIES, key=len, reverse=True))
    + r")\b(?!\s+[A-Z])"
)
_VENUE_RX = re.compile(
    word_start_alternatives("at|in")
    # ("the" may be left out after "at": "at Government House", "at Shenzhen Wuzhou Guest House")
    + rf"(?:\s+the|(?<=at)(?=\s+[A-Z]))\s+(?P<place>(?:[A-Z][\w'\-]*\s+)*(?:of\s+the\s+)?(?:[A-Z][\w'\-]*\s+)*{_VENUE_WORDS})\b"
)
# "in Conference Room 2 of the Legislative Council Complex" (LegCo business notices)
_ROOM_RX = re.compile(
    word_start_alternatives("in|at")
    + r"\s+(?:the\s+)?(?P<place>(?:Conference|Committee)\s+Room\s+\w+"
    + rf"(?:\s+of\s+the\s+(?:[A-Z][\w'\-]*\s+)*{_VENUE_WORDS})?)\b"
)
_TRAIL_PLACE = re.compile(
    r"\s+in\s+(?:" + "|".join(re.escape(p) for p in CITIES) + r")$"
    # a place right after the head of a meeting's own name: "Ministerial Meeting in Bali, Indonesia"
    r"|(?:(?<=Meeting)|(?<=Summit)|(?<=Conference))\s+in\s+(?P<place>[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,2})"
    r"(?:,\s+[A-Z][\w'\-]*)?$"
)
# what follows the place where a meeting was held: its time, its mode, its other party ...
_PLACE_TAIL = re.compile(
    r"\s*(?:,\s*)?(?:today|tonight|this|yesterday|tomorrow|on\s|from\s|\(|\.|,|;|$|via|and\s|to\s|"
    r"together\s+with|with\s|jointly|along\s+with|alongside|where|for\s|at\s|in\s)"
)
# tails that tie a place to an event whatever stands between ("in Hong Kong today", "via ...")
_STRONG_PLACE_TAIL = re.compile(
    r"\s*(?:,\s*)?(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow|on\s+\w+\s+\(|"
    r"\(\w+\s+\d|via|together\s+with|jointly|along\s+with|alongside)"
)
# what may stand between a meeting's name and its place: "(the plenary)", "was held"
_JUST_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:of\s+the\s+[\d\-]*\s*(?:[a-z]+\s+){0,2}(?:session|term|year)\s+)?"
    r"(?:\([^)]*\)\s*)?(?:(?:was|were|is|will\s+be|to\s+be)\s+)?(?:held\s+)?(?:,\s*)?"
    # the day and the time in either order: "on March 20 (Wednesday) at 9am", "at 8.30am on
    # Saturday (March 16)", "on Tuesday, March 19, at 10.45am", "from 2.30pm to 4.30pm"
    r"(?:,?\s*(?:today|tomorrow|yesterday|on\s+\w+(?:,?\s+[A-Z][a-z]+)?(?:\s+\d{1,2})?|at\s+\d[\w:.]*"
    r"|from\s+\d[\w:.]*\s+to\s+\d[\w:.]*)\s*(?:\([^)]*\)\s*)?){0,3},?\s*$"
)
_PLACE_TAIL_LOOSE = re.compile(r"\s+(?:\w+ly\s+)?\w+ed\b")  # "in Guangzhou concluded successfully today"
_DATE_TAIL = re.compile(r"\s*,?\s*(?:today|tonight|this\s|yesterday|tomorrow|on\s|\()", re.I)
_VIDEO = Gated(
    re.compile(
        r"\bvideo[\s-]?conferenc\w*|\bvia video\b|\bby video\b|\bvideo link\b|\bonline meeting\b", re.I
    ),
    "video",
    "online meeting",
)

# ---- chairs, participants, representatives -----------------------------------------------------

_CHAIR_VERB = re.compile(
    word_start_alternatives(
        r"co-chaired|co-chair|co-chairs|co-chairing|chaired|chairs|chair|chairing|convened|convene|convenes|"
        r"presided\s+over|preside\s+over|jointly\s+presided\s+over|co-hosted|co-host|held|hold|holds"
    )
    + r"\b"
)
_CHAIRED_BY = Gated(
    re.compile(
        r"\b(?:(?:co-chaired|chaired|convened|presided over|hosted and convened)\s+by|under\s+the\s+(?:leadership|chairmanship)\s+of)\b",
        re.I,
    ),
    "chaired",
    "convened",
    "presided",
    "under",
)
_WITH = re.compile(word_start_alternatives(r"together\s+with|with") + r"\b")
_HELD_CUES = re.compile(
    word_start_alternatives(
        r"held|chaired|co-chaired|chairing|co-chairing|convened|convening|attended|attend|attending|joined|joining|"
        r"presided|presiding|hosted|"
        r"took place|was held|were held|concluded|chairs|co-chairs|holds|convenes|co-chair|chair|participate|"
        r"at (?:the|its|today's)|during the|in the meeting|briefed"
    )
    + r"\b"
)
_FUTURE = re.compile(r"\b(?:will|to be held|is to|are to|shall|would|plans? to|going to)\b")
_CANCELLED = Gated(
    re.compile(r"\b(?:postponed|cancelled|canceled|called off|deferred)\b"),
    "postponed",
    "cancel",
    "called off",
    "deferred",
)
_ATTEND_CUES = re.compile(
    word_start_alternatives(
        r"attend\w*|join\w*|present|include[sd]?|including|participat\w*|chair\w*|co-chair\w*|convened|presided|"
        r"preside|led|said|spoke|noted|expressed|briefed|thanked|welcomed|stated|pointed out|reviewed|"
        r"in attendance|also|"
        # a sentence opening with who attended: "Participating in the meeting were ...", "Also
        # present were ...", "Joining the meeting were ..."
        r"Attend\w*|Join\w*|Participat\w*|Present|Also"
    )
    + r"\b"
)
# "It was chaired by ...": the sentence right after the one that names the meeting speaks of it
_IT_WAS = re.compile(r"\s*It\s+(?:was|is|will\s+be)\s+(?:co-chaired|chaired|convened|presided|attended)\b")
_MEETING_REF = Gated(
    re.compile(
        r"\b(?:the\s+meeting|today's\s+meeting|this\s+meeting|the\s+plenary|the\s+(?:plenary\s+)?session|the\s+conference|"
        r"at\s+the\s+meeting|during\s+the\s+meeting)\b",
        re.I,
    ),
    "meeting",
    "plenary",
    "session",
    "conference",
)
_REPS = re.compile(
    word_start_alternatives(r"Representatives?\s+(?:from|of)\s+|representatives?\s+(?:from|of)\s+")
)
# representatives whom someone met, or whom a delegation comprised, did not attend as such
_NOT_ATTENDING = re.compile(
    word_start_alternatives(
        r"met|meet|meets|meeting\s+with|exchanged\s+views\s+with|talks?\s+with|visited|"
        r"delegations?\s+(?:comprise[sd]?|comprising|consist(?:s|ed)?\s+of|include[sd]?|including)"
    )
    + r"\b(?:(?!\bthe meeting\b)[^;])*$"
)
# Whom those attending listened to, named after it: "attended the plenary to listen to a briefing by
# the Director-General of X, Mr A": a speaker the release does not say attended as a participant
_HEARD_FROM = re.compile(
    r"\b(?:listen(?:ed|ing|s)?\s+to|heard)\s+(?:[\w'-]+\s+){0,8}?(?:by|from|of)\b"
    r"|\b(?:a|an)\s+(?:briefing|speech|address|presentation|keynote\s+speech|lecture)\s+(?:by|from)\b"
)
_ALSO_ATTENDING = re.compile(
    word_start_alternatives("included|including|attending|attended|joined|joining|present") + r"\b"
)
# "Also in attendance were ...", "Also present were ...": a sentence continuing the one before
_ALSO_OPENING = re.compile(r"\s*Also\s+(?:present|attending|in\s+attendance|joining|participating)\b")
_ATTENDED = re.compile(word_start_alternatives(r"attend\w*|join\w*|present|participat\w*|includ\w*") + r"\b")
# "Chief Executive Carrie Lam and Secretary Peng Qinghua led the delegations of the two sides to
# hold the session": the two leaders
_LED_DELEGATIONS = Gated(
    re.compile(
        r"\b(?:led|leading|headed|heading)\s+(?:(?:the|their|respective|two)\s+)*(?:[\w-]+\s+){0,2}?delegations\b"
    ),
    "delegations",
)
# "The Hong Kong and Sichuan delegations were led by A and B respectively", "The meeting was led by
# A and B": the two sides' leaders, its co-chairs in substance
_LED_BY = Gated(
    re.compile(
        r"\b(?:delegations|meetings?|plenary(?:\s+session)?|session|conference)\s+(?:were|was)\s+"
        r"(?:respectively\s+)?(?:led|headed)\s+by\b",
        re.I,
    ),
    " by",
)
# "He co-chaired the meeting with ...", "Mr Wong chaired the session"
_CHAIRED_THE = Gated(
    re.compile(
        r"\b(?P<verb>co-chaired|chaired|co-chairing|chairing|convened|presided\s+over|co-hosted|"
        # a photo caption's present: "Mr A (left) co-chairs the meeting with Mr B"
        r"co-chairs|chairs|"
        # what will be: "He will co-chair the meeting with ...", "will jointly preside over the meeting"
        r"(?<=will\s)(?:co-chair|chair|convene|(?:jointly\s+)?preside\s+over))\s+(?:the|today's|this)\s+"
        r"(?:meeting|session|[Pp]lenary(?:\s+[Ss]ession)?|conference)\b"
    ),
    "chair",
    "convene",
    "preside",
    "co-hosted",
)
# a meeting written of with another time than the lead event's
_OTHER_TIME = re.compile(
    word_start_alternatives(
        r"last\b|previous\b|earlier\b|ago\b|since\b|past\b|former\b|formerly\b|later\b|next\b|19\d\d\b|20\d\d\b|"
        + "|".join(rf"{month}\b(?!\s+\d)" for month in MONTH_NAMES)
    )
)
# "The Hong Kong delegation includes ...": who attends the meeting the sentence before speaks of
_DELEGATION_INCLUDES = re.compile(
    word_start_alternatives(
        r"delegations?\s+(?:also\s+)?(?:includes?|included|including|comprises?|comprised|consists?\s+of|consisted\s+of)"
    )
    + r"\b"
)
# "after the task force's first meeting today", "the second meeting of the committee": a body
# named by its head noun alone, after its full name was written
_SHORT_POSSESSIVE = re.compile(rf"\b[Tt]he\s+(?P<head>{_LOWER_HEAD})'s\s+(?:{_ORD}\s+)?meeting\b")
_SHORT_OF = re.compile(
    rf"\b(?:[Tt]he|[Ii]ts|[Aa])\s+(?:{_ORD}\s+)?meeting\s+of\s+the\s+(?P<head>{_LOWER_HEAD})\b(?!\s+(?:on|for|of|in)\b)"
)
_SHORT_HINT = re.compile(r"'s\s|meeting\s+of\s+the\s")  # what either form above holds
_AT_MEETING = re.compile(r"\b(?:after|following|at|during)\s+$")  # "after [the task force's first meeting]"
_HEADLINE_PLACE = re.compile(_PLACE_RX.pattern + r"\s*(?:\(.*\))?\s*$")
_LEGCO_QA = re.compile(r"\b(?:question|written reply|reply) by\b")
_LEAD_PLACE_TAIL = re.compile(r"\s*(?:,\s*[A-Z][\w ]{2,30},\s*)?(?:today|tonight|this\s|yesterday|on\s|\()")
_REP_SPLIT = re.compile(
    r",\s+(?:and\s+|as\s+well\s+as\s+)?(?=the\s|[A-Z])|(?<!Financial Services)\s+and\s+(?=the\s)|\s+as\s+well\s+as\s+"
)
_REP_ITEM = re.compile(rf"^(?:the\s+)?(?P<name>{_NAME}){_ABBR}")
_GENERIC_BODIES = frozenset(
    name_key(b)
    for b in "Joint Conference|Task Force|Working Group|Committee|Commission|Council|Panel|Expert Group|Conference|Meeting|Plenary|Joint Task Force|Steering Committee|Advisory Committee".split(
        "|"
    )
)
_EVENT_VERB_BEFORE = re.compile(
    r"\b(?:co-chaired|co-chair|co-chairs|co-chairing|chaired|chairs|chair|chairing|convened|convene|convenes|held|hold|"
    r"holds|attended|attend|attending|hosted|host|co-hosted|participate in|participated in|joined|join|presided over|"
    # "will lead a delegation to Fujian for the first Hong Kong/Fujian Co-operation Conference on ..."
    r"delegations?\s+to\s+[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?\s+for)\s+$"
)
_EVENT_VERB_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:was|were|will\s+be|is|has\s+been)\s+(?:held|convened|co-chaired|chaired|hosted)\b"
)
# "representatives of relevant ministries of ...", "representatives of the relevant bureaux and
# departments, including the Development Bureau and ...": the names come after
_RELEVANT = re.compile(
    r"^(?:the\s+)?(?:relevant|other|various|different)\s+"
    r"(?:\w+\s+(?:of|from)\s+|[a-z]+(?:\s+and\s+[a-z]+)?,?\s+(?:including|namely|such\s+as)\s+)"
)

# Smaller expressions of the helpers below
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_LEADING_TERM = re.compile(
    r"^(?:[Nn]ewly[\s-]established|[Nn]ewly[\s-]formed|[Rr]evamped|[Nn]ew|[Cc]urrent|[\w]+-term|[Ii]naugural)\s+"
)
_VIA_NEXT = re.compile(r"\s*(?:,\s*)?via\b")
_BRACKETED_ABBREVIATION = re.compile(r"\((?:the\s+)?([A-Z][\w&\-]*(?:\s[A-Z][\w&\-]*){0,3})\)" + _IN_A_LAW)
_AND_SPLIT = re.compile(r"(\s+and\s+(?:the\s+)?)")
_COUNCIL_END = re.compile(r"\b(?:Legislative|Executive) Council$")
_DAY_NEXT = re.compile(r"\s*(?:today|this|yesterday|tomorrow|on\s)")
_YEAR = re.compile(r"\d{4}")
_CHAIRED_BY_END = re.compile(r"[;.]|\b(?:and other|while|who|which|to)\b")
_PRONOUN_FIRST = re.compile(r"\s*(He|She)\b")
_WITH_END = re.compile(r"[;.]|\b(?:and other|while|to)\b")
_WITH_NEXT = re.compile(r"\s+(?:together\s+)?with\b")
_AND_BEFORE_NAME = re.compile(r"\s+and\s+(?=[A-Z])")
_LIST_END = re.compile(r"(?<![A-Z])\.(?:\s|$)|:")
_LIST_JOINER = re.compile(r"^\s*(?:and\s+|as\s+well\s+as\s+)")
_NAME_RUNS_ON = re.compile(
    r"\s*,?\s*(?:\w+ed|also|were|was|and|had|have|has|will|would|to|in|at|from|on|for|as|who|which|that)\b"
)
_BRACKETED_DAY = re.compile(r"\(\w+ \d{1,2}\)")
_ENDS_SENTENCE = re.compile(r"[.!?\"')]\s*$")
_CHAIR_SUFFIX = re.compile(
    r"^(?P<of>.+?)\s+(?:[Cc]hairman|[Cc]hairperson|[Cc]hairwoman|[Cc]hair|[Cc]onvenor)$"
)
_CHAIR_POST = re.compile(
    r"^(?:Chairman|Chairperson|Chairwoman|Chair|Convenor|Convener)\b(?:\s+of\s+(?:the\s+)?(?P<of>.+))?$"
)


@dataclass(slots=True)
class _Found:
    body: str
    ordinal: int | None
    sentence_index: int  # -1 for the headline
    start: int
    end: int
    held: bool = True
    future: bool = False
    passing: bool = False  # named in passing as having met ("both having held their first meetings")
    form: str = ""  # the name of the form that found it
    ahead: bool = False  # named as about to be held ("before the ExCo meeting today"): no people
    another: bool = False  # "will hold another meeting on ...": a second meeting of the body
    reported: bool = False  # the form itself reports it as held ("X met today")


@dataclass(slots=True)
class _Draft:
    meeting: Meeting
    key: str
    sentences: set[int] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    found_in: set[int] = field(default_factory=set)  # sentences that report it as held (-1: headline)
    passing: bool = True  # only ever named in passing
    ahead: bool = True  # only ever named as about to be held: no chairs, participants or representatives
    # sentences that name it only after another meeting ("chaired the 11th meeting, following the
    # 10th meeting held on December 5"): the people there are the other meeting's
    after_another: set[int] = field(default_factory=set)


# "the Hong Kong-Guangdong Co-operation Joint Conference Working Meeting": the meeting's noun after
# the body's head is not part of the body's name
_HEAD_THEN_MEETING = re.compile(
    r"\b(Conference|Committee|Commission|Council|Force|Group|Panel)\s+"
    r"(?:(?:Working|Special)\s+)?(?:Meeting|Plenary(?:\s+Session)?)$"
)


def _clean_body(body: str, keep_place: bool = False) -> str:
    """The body's name without "the", a "second-term"-like prefix, a bracketed abbreviation, the
    meeting's noun after its head and, unless `keep_place`, a trailing "in <city>" (see
    _place_in_name)."""
    body = _STRIP_ABBR.sub("", body).strip(" ,")
    body = _HEAD_THEN_MEETING.sub(r"\1", body)
    body = _LEADING_THE.sub("", body)
    body = _LEADING_TERM.sub("", body)
    m = None if keep_place else _TRAIL_PLACE.search(body)
    if m:
        body = body[: m.start()]
    return " ".join(body.split())


def _place_in_name(text: str, at: int, end: int, full: str, others: list[str]) -> bool:
    """Whether the trailing "in <city>" of a body written at text[at:end] is part of its name
    ("Joint Conference on the Development of Qianhai Area in Shenzhen") rather than where the
    meeting was held ("... Task Force in Shenzhen today"): it is not when the time or mode follows
    it; it is when the meeting's own place is written apart in the sentence ("attended in Beijing
    today (September 27) the first meeting of ... in Shenzhen"), or when the release writes the same
    name elsewhere without a time after it. Otherwise it is taken as the place."""
    if _DATE_TAIL.match(text, end) or _VIA_NEXT.match(text, end):
        return False
    for m in _PLACE_RX.finditer(text):
        if (m.start() < at or m.start() >= end) and _DATE_TAIL.match(text, m.end()):
            return True
    rx = re.compile(re.escape(full).replace(r"\ ", r"\s+") + r"\b")
    for other in others:
        for m in rx.finditer(other):
            if other is text and at <= m.start() < end:
                continue
            if not _DATE_TAIL.match(other, m.end()):
                return True
    return False


def _abbreviation(body_text: str) -> str | None:
    m = _BRACKETED_ABBREVIATION.search(body_text)
    return m.group(1) if m else None


def _is_body(body: str) -> bool:
    return bool(_BODY_WORD.search(_HEAD_CUT.split(body, 1)[0])) or bool(_EVENT_NAME.search(body))


_SUBJECT = re.compile(rf"(?:^|(?<=\s)|(?<=\())(?:[Tt]he\s+)?{_PREFIX}(?P<body>{_NAME})")


def _subject_bodies(text: str, before: int, first_only: bool = True) -> list[tuple[str, int, int]]:
    """The body-like names in text[:before]: the first (the subject of "... held its 7th
    meeting"), or all of them (the subjects of "..., both having held their first meetings")."""
    out = []
    for m in _SUBJECT.finditer(text, 0, before):
        parts = [(m.group("body"), m.start("body"))]
        if not first_only:  # "the Financial Secretary and the Task Force on X": the task force
            parts, at = [], m.start("body")
            for piece in _AND_SPLIT.split(m.group("body")):
                if not piece.startswith(" "):
                    parts.append((piece, at))
                at += len(piece)
        for body, at in parts:
            if (
                _BODY_WORD.search(_HEAD_CUT.split(body, 1)[0])
                and not body.startswith(("Chief Secretary", "Secretary"))
                and (first_only or not _COUNCIL_END.search(body))
            ):
                out.append((body, at, at + len(body)))
                if first_only:
                    return out
    return out


def _lower_body_end(text: str, pos: int) -> int | None:
    """Where the complement of a body named in lower case ends, when it starts at `pos` ("the
    collaboration for the planning and development of Hong Kong-Shenzhen control points" in "a
    meeting of the task force on the collaboration ... in Hong Kong today"): at a comma or bracket,
    a time ("today", "on May 3"), a verb ("to continue", "and discussed"), "with", "via" ...; None
    when nothing is left."""
    end, count, i, n = None, 0, pos, len(text)
    while i < n and count < 25:
        m = _NAME_WORD.match(text, i)
        if not m:
            break
        w = m.group(0)
        nxt = _NAME_WORD.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
        nw = nxt.group(0) if nxt else ""
        if w in LOWER_NAME_STOP or (w == "on" and (nw in MONTHS or nw in WEEKDAYS)):
            break
        if w == "and" and (nw.endswith("ed") or nw in ("also", "then")):
            break
        if w == "in" and (
            nw in MONTHS
            or nw in WEEKDAYS
            or not (nw[:1].isupper() or (nw == "the" and text[nxt.end() + 1 : nxt.end() + 2].isupper()))
        ):
            break
        count += 1
        if w not in CONNECTORS:
            end = m.end()
        if nxt is None:
            break
        i = nxt.start()
    return end


def _ordinal(m: re.Match) -> int | None:
    o = m.group("ord")
    return ordinal_value(o) if o and not o.isdigit() else None


def _may_name_meeting(text: str) -> bool:
    """False when no form of _find_in_text can match: each needs one of these words."""
    return any(map(text.__contains__, _MEETING_WORDS))


_MEETING_WORDS = ("eeting", "lenary", "onference", "briefing", " met ", " meet ", "agenda", " hearing")


# -- what each form reads from a match: the meetings it names (each a _Found) -------------------


def _read_of(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    body = m.group("body")
    return [_Found(body, _ordinal(m), si, m.start(), m.end())] if _is_body(body) else []


def _read_lower_of(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    if any(w in LOWER_NOT_NAMED for w in m.group("pre").split()):
        return []
    end = _lower_body_end(text, m.end())
    return [] if end is None else [_Found(text[m.start("body") : end], _ordinal(m), si, m.start(), end)]


def _read_lower_split(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    end = _lower_body_end(text, m.end())
    if end is None:
        return []
    body = f"{m.group('head')} {m.group('prep')} {text[m.end() : end]}"
    return [_Found(body, _ordinal(m), si, m.start(), end)]


def _read_its(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    if m.group("plural"):
        return []
    subj = _subject_bodies(text, m.start())
    if not subj:
        return []
    fut = m.group("verb").startswith("will")
    # "the Committee, which has held its first meeting, ...": in passing, unless a day is given
    passing = m.group("verb").startswith(("has", "have", "had")) and not _DAY_WORDS.search(text)
    return [_Found(subj[0][0], _ordinal(m), si, subj[0][1], m.end(), future=fut, passing=passing)]


def _read_both_held(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    # bodies named in passing as having met: no date of their own
    ordv = _ordinal(m)
    if (
        not m.group("plural")
        or ordv is None
        or not _BOTH_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ):
        return []
    return [
        _Found(body, ordv, si, a, b, passing=True)
        for body, a, b in _subject_bodies(text, m.start(), first_only=False)
    ]


def _read_possessive(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    body = _LEADING_THE.sub("", m.group("body"))
    return [_Found(body, ordinal_value(m.group("ord")), si, m.start(), m.end())] if _is_body(body) else []


def _read_notice(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    subj = _subject_bodies(text, m.start())
    if not subj:
        return []
    fut = not m.group(0).startswith("held")
    return [_Found(subj[0][0], None, si, subj[0][1], m.end(), future=fut, another=bool(m.group("another")))]


def _name_before(text: str, at: int) -> tuple[str, int] | None:
    """The capitalised name (without "the") that ends at text[at] and where it starts, read in
    the 200 characters before it."""
    lo = max(0, at - 200)
    last = None
    for n in _SUBJECT.finditer(text, lo, at):
        last = n
    return (last.group("body"), last.start("body")) if last is not None and last.end() == at else None


def _read_open(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    if m.group("owner"):
        named = _name_before(text, m.start())
        if named is None:
            return []
        body, start = named
    else:
        body, start = m.group("body"), m.start()
    body = _LEADING_THE.sub("", body)
    return [_Found(body, None, si, start, m.end())] if _OPEN_BODY_END.search(body) else []


def _overlaps(found: list[_Found], a: int, b: int) -> bool:
    return any(not (b <= f.start or a >= f.end) for f in found)


def _read_body_meeting(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    if _overlaps(found, m.start(), m.end()):
        return []
    body = BODY_ABBREVIATIONS.get(m.group("body"), m.group("body"))
    head = _HEAD_CUT.split(body, 1)[0]
    if not _BODY_WORD.search(head) or _COUNCIL_NAME_END.search(body):
        return []
    return [_Found(body, _ordinal(m), si, m.start(), m.end())]


def _read_agenda(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    named = _name_before(text, m.start())
    if named is None or not _ON_THE_BEFORE.search(text, max(0, named[1] - 8), named[1]):
        return []
    body, start = named
    if not _is_body(body) or _COUNCIL_NAME_END.search(body):
        return []
    return [_Found(body, None, si, start, m.end(), reported=True, ahead=True)]


def _read_met(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    named = _name_before(text, m.start())
    if named is None:
        return []
    body, start = named
    if not _is_body(body) or body.startswith(("Chief Secretary", "Secretary")):
        return []
    fut = m.group("verb") != "met"
    return [_Found(body, None, si, start, m.end(), future=fut, reported=True)]


def _read_event(m: re.Match, text: str, si: int, found: list[_Found]) -> list[_Found]:
    if _overlaps(found, m.start(), m.end()):
        return []
    body = m.group("body")
    if not _EVENT_NAME.search(body) or (body.endswith(("Agreement", "Agreements")) and "Meeting" not in body):
        return []
    if not (
        _EVENT_VERB_BEFORE.search(text, max(0, m.start() - 40), m.start())
        or _EVENT_VERB_AFTER.match(text[m.end() :])
    ):
        return []
    return [_Found(body, _ordinal(m), si, m.start(), m.end())]


# -- where each form can match at all: its speed seam (tests/test_forms.py checks each never turns
# away a text its pattern matches) ---------------------------------------------------------------


def _gate_of(text: str) -> int:
    noun_end = _of_hint(text) if " of " in text else -1
    return _of_form_start(text, noun_end) if noun_end >= 0 else -1


def _gate_lower_of(text: str) -> int:
    return 0 if "meeting of the " in text and _LOWER_OF_HINT.search(text) else -1


def _gate_lower_split(text: str) -> int:
    return 0 if "meeting " in text and _LOWER_SPLIT_HINT.search(text) else -1


def _gate_its(text: str) -> int:
    return 0 if "eeting" in text and any(map(text.__contains__, _ITS_HINT)) else -1


def _gate_possessive(text: str) -> int:
    return 0 if "'s" in text and _POSSESSIVE_HINT.search(text) else -1


def _gate_body_meeting(text: str) -> int:
    return 0 if "eeting" in text and _body_meeting_hint(text) else -1


def _gate_event(text: str) -> int:
    return 0 if any(map(text.__contains__, _EVENT_GATE_WORDS)) else -1


_EVENT_GATE_WORDS = (
    "Co-operation",
    "Cooperation",
    "Joint",
    "High",
    "Ministerial",
    "Ministers'",
    "Leaders'",
    "Ministers Responsible",
)


def _gate_short(text: str) -> int:
    return 0 if "eeting" in text and _SHORT_HINT.search(text) else -1


def _gate_notice(text: str) -> int:
    return 0 if (" meeting" in text or " hearing" in text) and ("hold" in text or "held" in text) else -1


def _gate_open(text: str) -> int:
    return 0 if "pen meeting" in text or "pen Meeting" in text else -1


def _gate_agenda(text: str) -> int:
    return 0 if "agenda" in text else -1


def _gate_met(text: str) -> int:
    return 0 if " met " in text or " meet " in text else -1


def _gate_plenary(text: str) -> int:
    return 0 if "lenary" in text else -1


def _meeting(body: str, **fields: Any) -> dict[str, Any]:
    return {"body": body, **fields}


_DAY = EXAMPLE_DATE

# The forms a sentence names a meeting in, in the order they are tried: a form further down does
# not take a name that overlaps one already found (body-meeting, event).
MEETING_FORMS: tuple[Form, ...] = (
    Form(
        "meeting: ordinal meeting of the Body",
        "meeting",
        _OF_FORM,
        (
            Example(
                "The Secretary for Transport and Logistics, Ms Alice Ma, chaired the third meeting of "
                "the Task Force on Cross-boundary Ferry Services today (March 14).",
                _meeting(
                    "Task Force on Cross-boundary Ferry Services", ordinal=3, date=_DAY, chairs=["Alice Ma"]
                ),
            ),
            Example(
                "The Fourth Plenary Session of the Hong Kong/Hainan Co-operation Conference was held "
                "in Haikou today (March 14).",
                _meeting("Hong Kong/Hainan Co-operation Conference", ordinal=4, date=_DAY, location="Haikou"),
            ),
            Example(  # the body's term between the meeting and the body
                "The Chief Secretary for Administration, Mr Eric Chan, chaired the first meeting of the new "
                "term of the Commission on Poverty today (March 14).",
                _meeting("Commission on Poverty", ordinal=1, date=_DAY, chairs=["Eric Chan"]),
            ),
        ),
        gate=_gate_of,
        read=_read_of,
    ),
    Form(
        "meeting: meeting of the body named in lower case",
        "meeting",
        _LOWER_OF_FORM,
        (
            Example(
                "The Deputy Director of Planning, Mr Ko Wai-ho, attended a meeting of the task force on "
                "the revitalisation of industrial buildings in Hong Kong today (March 14).",
                _meeting("task force on the revitalisation of industrial buildings", date=_DAY),
            ),
        ),
        gate=_gate_lower_of,
        read=_read_lower_of,
    ),
    Form(
        "meeting: body meeting split by its place and time",
        "meeting",
        _LOWER_SPLIT_FORM,
        (
            Example(
                "The Under Secretary for Development, Mr Lam Chi-keung, co-chaired a task force meeting "
                "in Shenzhen today (March 14) on the planning of boundary control points.",
                _meeting(
                    "task force on the planning of boundary control points", date=_DAY, location="Shenzhen"
                ),
            ),
        ),
        gate=_gate_lower_split,
        read=_read_lower_split,
    ),
    Form(
        "meeting: Body held its meeting",
        "meeting",
        _ITS_FORM,
        (
            Example(
                "The Steering Committee on Harbourfront Enhancement held its fifth meeting today (March 14).",
                _meeting("Steering Committee on Harbourfront Enhancement", ordinal=5, date=_DAY),
            ),
            Example(  # "inaugural" is no ordinal written
                "The Advisory Committee on Gifted Education held its inaugural meeting today (March 14).",
                _meeting("Advisory Committee on Gifted Education", ordinal=None, date=_DAY),
            ),
        ),
        gate=_gate_its,
        read=_read_its,
    ),
    Form(
        "meeting: bodies both having held their meetings",
        "meeting",
        _ITS_FORM,
        (
            Example(
                "The Advisory Committee on Water Safety and the Task Force on Slope Maintenance, both "
                "having held their first meetings, will report to the Secretary for Development later this year.",
                _meeting("Task Force on Slope Maintenance", ordinal=1, date=None),
            ),
        ),
        gate=_gate_its,
        read=_read_both_held,
    ),
    Form(
        "meeting: Body will hold a special or another meeting (LegCo notice)",
        "meeting",
        _NOTICE_FORM,
        (
            Example(
                "The Legislative Council Panel on Housing invites the public to give views on the "
                "review of public rental housing. The Panel will hold a special meeting on March 28 "
                "(Thursday) at 10.45am in Conference Room 2 of the Legislative Council Complex to "
                "receive public views.",
                _meeting(
                    "Legislative Council Panel on Housing",
                    date=date(2024, 3, 28),
                    location="Conference Room 2 of the Legislative Council Complex",
                    mode="in-person",
                ),
            ),
            Example(
                "The Public Accounts Committee of the Legislative Council will hold a public hearing on "
                "March 22 (Friday) at 9am in Conference Room 1 of the Legislative Council Complex.",
                _meeting(
                    "Public Accounts Committee of the Legislative Council",
                    date=date(2024, 3, 22),
                    location="Conference Room 1 of the Legislative Council Complex",
                    mode="in-person",
                ),
            ),
            Example(
                "The Legislative Council will hold a meeting on Wednesday (March 20) at 11am in the "
                "Chamber of the Legislative Council Complex. Meanwhile, the Legislative Council will "
                "hold another meeting on Thursday (March 21) at 2.30pm in the Chamber.",
                _meeting("Legislative Council", date=date(2024, 3, 21), mode="in-person"),
            ),
        ),
        gate=_gate_notice,
        read=_read_notice,
    ),
    Form(
        "meeting: open meeting of a statutory body",
        "meeting",
        _OPEN_FORM,
        (
            Example(
                "Following is the opening speech by the Chairman of the Hong Kong Housing Authority, "
                "Mr Chan Tai-man, at the Annual Open Meeting of the Hong Kong Housing Authority today (March 14):",
                _meeting("Hong Kong Housing Authority", date=_DAY, chairs=["Chan Tai-man"]),
            ),
            Example(
                "The Hospital Authority was set up in 1990. Members of the public may attend the "
                "Authority's annual open meeting today (March 14) at its head office.",
                _meeting("Hospital Authority", date=_DAY, chairs=[]),
            ),
        ),
        gate=_gate_open,
        read=_read_open,
    ),
    Form(
        "meeting: Body met on a day",
        "meeting",
        _MET_FORM,
        (
            Example(
                "The Commission on Poverty met today (March 14) to review the progress of the poverty "
                "alleviation measures.",
                _meeting("Commission on Poverty", date=_DAY),
            ),
            Example(
                "The Finance Committee of the Legislative Council will meet on Friday (March 15) at 9am in "
                "Conference Room 1 of the Legislative Council Complex.",
                _meeting(
                    "Finance Committee of the Legislative Council",
                    date=date(2024, 3, 15),
                    location="Conference Room 1 of the Legislative Council Complex",
                ),
            ),
        ),
        gate=_gate_met,
        read=_read_met,
    ),
    Form(
        "meeting: the Body agenda on a day",
        "meeting",
        _AGENDA_FORM,
        (
            Example(
                "I appeal to Members to deal with the five items on the Finance Committee agenda today "
                "(March 14) in a rational manner, said the Financial Secretary, Mr Paul Chan.",
                _meeting("Finance Committee", date=_DAY, chairs=[], participants=[]),
            ),
        ),
        gate=_gate_agenda,
        read=_read_agenda,
    ),
    Form(
        "meeting: the Body's meeting",
        "meeting",
        _POSSESSIVE_FORM,
        (
            Example(
                "Members welcomed the progress at the Committee on Smart Mobility's second meeting today (March 14).",
                _meeting("Committee on Smart Mobility", ordinal=2, date=_DAY),
            ),
        ),
        gate=_gate_possessive,
        read=_read_possessive,
    ),
    Form(
        "meeting: the Body meeting",
        "meeting",
        _BODY_MEETING_FORM,
        (
            Example(
                "The Secretary for Security, Mr Tang Kin-fai, chaired the 12th Anti-Scam Working Group "
                "meeting today (March 14).",
                _meeting("Anti-Scam Working Group", ordinal=12, date=_DAY, chairs=["Tang Kin-fai"]),
            ),
            Example(
                "Speaking to reporters before the Executive Council meeting this morning, the Chief "
                "Executive, Mr John Lee, said the Government would announce the measures soon.",
                _meeting("Executive Council", date=_DAY, chairs=[], participants=[]),
            ),
            Example(
                "Following is the transcript of remarks by the Chief Executive, Mr John Lee, at a media "
                "session before the ExCo meeting today (March 14):",
                _meeting("Executive Council", date=_DAY, chairs=[], participants=[]),
            ),
        ),
        gate=_gate_body_meeting,
        read=_read_body_meeting,
    ),
    Form(
        "meeting: named co-operation conference or ministerial meeting held",
        "meeting",
        _EVENT_FORM,
        (
            Example(
                "The Chief Executive, Mr John Lee, co-chaired the Hong Kong-Fujian Co-operation Conference "
                "in Fuzhou today (March 14).",
                _meeting("Hong Kong-Fujian Co-operation Conference", date=_DAY, location="Fuzhou"),
            ),
            Example(
                "The Secretary for Commerce and Economic Development, Mr Algernon Yau, attended the 30th "
                "APEC Ministerial Meeting in Lima, Peru, today (March 14).",
                _meeting(
                    "APEC Ministerial Meeting",
                    ordinal=30,
                    date=_DAY,
                    location="Lima",
                    mode="in-person",
                    participants=["Algernon Yau"],
                ),
            ),
            Example(  # the meeting's noun after the body's head is not part of the body's name
                "The Hong Kong-Guangdong Co-operation Joint Conference Working Meeting was held in Hong Kong "
                "today (March 14).",
                _meeting(
                    "Hong Kong-Guangdong Co-operation Joint Conference", date=_DAY, location="Hong Kong"
                ),
            ),
            Example(  # a meeting of ministers named by its remit; a place of two words after its name
                "The Secretary for Commerce and Economic Development, Mr Algernon Yau, attended the APEC "
                "Ministers Responsible for Trade Meeting in San Francisco today (March 14).",
                _meeting(
                    "APEC Ministers Responsible for Trade Meeting",
                    date=_DAY,
                    location="San Francisco",
                    participants=["Algernon Yau"],
                ),
            ),
            Example(  # a delegation led to a province "for" the conference; its city in the next sentence
                "The Chief Secretary for Administration, Mrs Carrie Lam, will lead a Government delegation to "
                "Fujian for the first Hong Kong/Fujian Co-operation Conference on March 20. Mrs Lam and the "
                "Vice-Governor of Fujian, Mr Zheng Xiao, will co-chair the conference in Fuzhou.",
                _meeting(
                    "Hong Kong/Fujian Co-operation Conference",
                    ordinal=1,
                    date=date(2024, 3, 20),
                    location="Fuzhou",
                    chairs=["Carrie Lam", "Zheng Xiao"],
                ),
            ),
        ),
        gate=_gate_event,
        read=_read_event,
    ),
)

# Forms of a body named by its head noun alone, after its full name was written: the body is the
# last full name with that head before it (run only where no form above found a meeting).
SHORT_FORMS: tuple[Form, ...] = (
    Form(
        "meeting: the head's meeting, after the full name",
        "meeting",
        _SHORT_POSSESSIVE,
        (
            Example(
                "The Task Force on Marine Park Management was set up in January. The Secretary for "
                "Environment and Ecology, Mr Tse Chin-wan, spoke after the task force's first meeting today (March 14).",
                _meeting("Task Force on Marine Park Management", ordinal=1, date=_DAY),
            ),
        ),
        gate=_gate_short,
    ),
    Form(
        "meeting: meeting of the head, after the full name",
        "meeting",
        _SHORT_OF,
        (
            Example(
                "The Government set up the Working Group on Elderly Care Vouchers in January. The second "
                "meeting of the working group was held today (March 14).",
                _meeting("Working Group on Elderly Care Vouchers", ordinal=2, date=_DAY),
            ),
        ),
        gate=_gate_short,
    ),
    Form(
        "meeting: the ordinal plenary, after the conference's name",
        "meeting",
        _SHORT_PLENARY,
        (
            Example(
                "The second working meeting of the Hong Kong/Fujian Co-operation Conference was held in "
                "Fuzhou today (March 14). The meeting, which followed up the agreements reached at the "
                "Third Plenary on January 20, was co-chaired by the Chief Secretary for Administration, "
                "Mr Chan Tai-man.",
                _meeting(
                    "Hong Kong/Fujian Co-operation Conference",
                    ordinal=3,
                    date=date(2024, 1, 20),
                    chairs=[],
                    participants=[],
                ),
            ),
        ),
        gate=_gate_plenary,
    ),
)

_BY_PATTERN: list[list[Form]] = []
for _form in MEETING_FORMS:
    if _BY_PATTERN and _BY_PATTERN[-1][0].pattern is _form.pattern:
        _BY_PATTERN[-1].append(_form)
    else:
        _BY_PATTERN.append([_form])


def _find_in_text(text: str, si: int) -> list[_Found]:
    """The meetings each form finds in text. A form is run only where its gate lets it (a form
    has no fixed start: re would try it at every position)."""
    found: list[_Found] = []
    for forms in _BY_PATTERN:  # forms that read one pattern take each match in turn
        start = forms[0].gate(text)
        if start < 0:
            continue
        for m in forms[0].pattern.finditer(text, start):
            for form in forms:
                for f in form.read(m, text, si, found):
                    f.form = form.name
                    found.append(f)
    return found


def _short_forms(text: str, si: int, names: _FullNames) -> list[_Found]:
    """Meetings of a body named by its head noun alone in `text`, sentence si ("the task force's
    first meeting today"): the body is the last full name with that head written before it."""
    out: list[_Found] = []
    for form in SHORT_FORMS:
        if form.gate(text) < 0:
            continue
        for m in form.pattern.finditer(text):
            # a plenary named alone is one of the conference named before, and only a reference
            # to it: its people are those of the meeting the sentence reports
            plenary = "head" not in m.re.groupindex
            body = names.last("conference" if plenary else m.group("head"), si, text[: m.start()])
            if body is None:
                continue
            held = not _FUTURE.search(text) and bool(
                _HELD_CUES.search(text) or _AT_MEETING.search(text, max(0, m.start() - 12), m.start())
            )
            out.append(
                _Found(body, _ordinal(m), si, m.start(), m.end(), held=held, form=form.name, ahead=plenary)
            )
    return out


class _FullNames:
    """The full names of bodies a release writes, for a body named by its head alone ("The Panel",
    "the task force"): the last full name before it whose head ends with those words. The
    headline and sentences are each read once, when a lookup first needs them, so the work grows
    with the text, not with the text times the lookups."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts  # the headline, then the sentences
        self._read = 0  # how many of them are indexed
        self._by_word: dict[str, list[tuple[str, str]]] = {}  # last word of the head -> (head, name)

    def last(self, head: str, si: int, prefix: str = "") -> str | None:
        """The last full name with `head` in the headline and sentences before si, or in `prefix`
        (the start of sentence si)."""
        head = name_key(head)
        hit = None
        for lead, cand in _full_names(prefix):
            if lead == head or lead.endswith(" " + head):
                hit = cand
        if hit is not None or not head:
            return hit
        for t in self._texts[self._read : si + 1]:  # the headline is texts[0]
            for lead, cand in _full_names(t):
                self._by_word.setdefault(lead.rsplit(" ", 1)[-1], []).append((lead, cand))
        self._read = max(self._read, si + 1)
        for lead, cand in reversed(self._by_word.get(head.rsplit(" ", 1)[-1], ())):
            if lead == head or lead.endswith(" " + head):
                return cand
        return None


def _full_names(text: str) -> Iterator[tuple[str, str]]:
    """The full body-like names in text, each with its head as a key ("the Chairman of the
    Hospital Authority" names the Authority too)."""
    for n in _SUBJECT.finditer(text):
        whole = _clean_body(n.group("body"))
        for cand in (whole, *(whole[o.end() :] for o in _OF_THE.finditer(whole))):
            lead = name_key(_HEAD_CUT.split(cand, 1)[0])
            if lead and name_key(cand) not in _GENERIC_BODIES:
                yield lead, cand


_OF_THE = re.compile(r"\sof\s+the\s")


def _held(text: str, f: _Found, headline: bool) -> tuple[bool, bool]:
    """(reported as held or as to be held, in the future) for a meeting found in text."""
    if _CANCELLED.search(text):
        return False, False
    if f.passing or f.reported:  # "has held", "both having held", "met today": held
        return True, f.future
    future = f.future or bool(_FUTURE.search(text, max(0, f.start - 60), f.end + 15))
    if headline:
        return True, future
    if not future and not _HELD_CUES.search(text) and _BEFORE_IT.search(text, max(0, f.start - 20), f.start):
        f.ahead = True  # "before the Executive Council meeting today": to be held on the day stated
        return True, True
    if not future and not _HELD_CUES.search(text) and _AFTER_IT.search(text, max(0, f.start - 20), f.start):
        f.ahead = True  # "a briefing after the meeting of the X today": held that day, people unstated
        return True, False
    return bool(_HELD_CUES.search(text)) or future, future


def _location(text: str, body: str, loose: bool = False, near: tuple[int, int] | None = None) -> str | None:
    """Where a meeting written of in text was held: "in <city>" or "at the <venue>" followed by the
    time, the mode, the other party or the end of a clause ("in Shanghai together with the Mayor");
    `loose` also takes one followed by a verb ("in Guangzhou concluded today"). A place that only
    ends a clause must stand in or right after the meeting's name written at text[near[0]:near[1]]
    ("the plenary in Beijing.", "a meeting on Wednesday (May 13) at 11am in the Chamber."): "...
    the development of I&T in Hong Kong." is not where the meeting was."""
    best = None
    for rx in (_PLACE_RX, _VENUE_RX, _ROOM_RX):
        for m in rx.finditer(text):
            if m.group(0) in body:
                continue
            place = m.group("place")
            tail = text[m.end() : m.end() + 25]
            if (
                near is not None
                and not _STRONG_PLACE_TAIL.match(tail)
                and not near[0] < m.start() < near[1]
                and not (near[1] <= m.start() and _JUST_AFTER.match(text, near[1], m.start()))
            ):
                continue
            # a place written right before the time ("in Hong Kong today") is where it was held
            if _PLACE_TAIL.match(tail) or (loose and _PLACE_TAIL_LOOSE.match(tail)):
                best = best or place
                if _DAY_NEXT.match(tail):
                    return place
        if best:
            return best
    return best


# "... to attend a meeting on environmental co-operation." / "... the first meeting on the development
# of ... on March 15 in Shenzhen.": a meeting announced, not yet named
_ANNOUNCED = re.compile(rf"\b(?:a|an|the)\s+(?:{_ORD}\s+)?(?:meeting|plenary|conference)\b(?!\s+of\b)")
# how a sentence names the meeting just announced: "The meeting of the X ...", "The 16th meeting of
# the X will be co-chaired by ..."
_NAMES_IT = re.compile(rf"^\s*The\s+(?:{_ORD}\s+)?meeting\s+of\s")


def _announced_before(
    doc: Document, f: _Found, found: list[_Found]
) -> tuple[date, str | None, int | None] | None:
    """The day, place and ordinal of a meeting to be held that a sentence names without its day,
    from the sentence before that announces it ("Mr A will lead a delegation to Guangzhou on March 16
    to attend a meeting on environmental co-operation. The 16th meeting of the X will be co-chaired
    by ..."): only when that sentence speaks of a meeting to be held, with a day, and names none."""
    si = f.sentence_index
    if si < 1 or not _NAMES_IT.match(doc.sentences[si].text) or _OTHER_TIME.search(doc.sentences[si].text):
        return None
    before = doc.sentences[si - 1].text
    said = _ANNOUNCED.search(before)
    if said is None or not _FUTURE.search(before) or any(g.sentence_index == si - 1 for g in found):
        return None
    days = find_dates(before, doc.release.date)
    if not days:
        return None
    day = next((d for d in days if d.start >= said.start()), days[0])
    # the city led to, or one right after the day ("... on March 15 in Shenzhen.")
    place = _place_gone_to(before, said.start()) or _location(before, "", near=(day.start, day.end))
    return day.date, place, _ordinal(said)


def _place_gone_to(text: str, before: int) -> str | None:
    """The city a person departs for, or leads a delegation to, to chair or attend the meeting
    named at text[before:] ("will depart for Guangzhou tomorrow to co-chair ...", "will lead a
    delegation to Macao tomorrow (March 15) to attend ...")."""
    for rx in (_DEPART_FOR, _DELEGATION_TO):
        for p in rx.finditer(text, 0, before):
            # "to attend" the meeting itself, not "to attend a forum, and ... chaired the meeting"
            if p.end() <= before and _GONE_TO_GAP.fullmatch(text, p.end(), before):
                return p.group("place")
    return None


_GONE_TO_GAP = re.compile(r"[^,;]{0,40}")


_RIGHT_AFTER_NAME = re.compile(r"\s*,?\s*(?:(?:which\s+)?(?:was|were)\s+)?(?:held\s+)?(?:on\s+)?$")


def _date_right_after(text: str, end: int, release_date: date) -> date | None:
    """The day written right after a meeting's name ("the 10th meeting of X held on December 5
    last year"): that meeting's own, whatever other day the sentence gives."""
    for d in find_dates(text, release_date):
        if d.start >= end:
            return d.date if d.start - end <= 30 and _RIGHT_AFTER_NAME.match(text[end : d.start]) else None
    return None


def _date_for(text: str, start: int, release_date: date) -> date | None:
    dates = find_dates(text, release_date)
    if not dates:
        return None
    explicit = [d for d in dates if d.relative or "(" in d.text or _YEAR.search(d.text)]
    pool = explicit or dates
    after = [d for d in pool if d.start >= start]
    return (after or pool)[0].date


def _persons_in(analysis: Analysis, si: int, lo: int = 0, hi: int | None = None) -> list[str]:
    s = analysis.sentences[si]
    hi = len(s.text) if hi is None else hi
    out = []
    for m in analysis.mentions[si]:
        at = s.starts[m.first]
        if lo <= at < hi and m.person and m.person not in out:
            out.append(m.person)
    return out


def _pronoun_subject(analysis: Analysis, si: int, pronoun: str) -> str | None:
    """Who a sentence-opening "He"/"She" stands for: the first person named (of a fitting
    honorific) in the nearest of the three sentences before it that names one."""
    for k in range(si - 1, max(-1, si - 4), -1):
        if analysis.sentences[k].caption != analysis.sentences[si].caption:
            continue
        for m in analysis.mentions[k]:
            hon = set((m.honorific or "").split())
            if m.person and not (
                (pronoun == "He" and hon & FEMALE_HONORIFICS) or (pronoun == "She" and "Mr" in hon)
            ):
                return m.person
    return None


def _chairs_in(analysis: Analysis, si: int, meet_start: int, meet_end: int, after: int = 0) -> list[str]:
    s = analysis.sentences[si]
    text = s.text
    chairs: list[str] = []
    for m in _CHAIRED_BY.finditer(text):
        end = len(text)
        nxt = _CHAIRED_BY_END.search(text[m.end() :])
        if nxt:
            end = m.end() + nxt.start()
        # a clause "chaired by X, Y" ends at the first comma after the names
        chairs += [p for p in _persons_in(analysis, si, m.end(), end) if p not in chairs]
        break
    verb = None
    for v in _CHAIR_VERB.finditer(text, 0, meet_start + 1):
        verb = v
    if verb is not None and verb.start() < after:
        verb = None
    if (verb is not None and text[verb.start() : verb.end()] not in ("held", "hold", "holds")) or (
        verb is not None and len(_persons_in(analysis, si, 0, verb.start())) >= 2
    ):
        subjects = _persons_in(analysis, si, 0, verb.start())
        pronoun = _PRONOUN_FIRST.match(text)
        if not subjects and pronoun and verb.group(0) not in ("held", "hold", "holds"):
            subjects = [p for p in (_pronoun_subject(analysis, si, pronoun.group(1)),) if p]
        if not subjects:
            subjects = _clause_subject(analysis, si, verb, meet_end)
        chairs += [p for p in subjects if p not in chairs]
        w = _WITH.search(text, meet_end)
        if w and subjects and verb.group(0).startswith(("co-", "convened", "jointly", "held")):
            stop = _WITH_END.search(text[w.end() :])
            chairs += [
                p
                for p in _persons_in(analysis, si, w.end(), w.end() + stop.start() if stop else None)
                if p not in chairs
            ]
    return chairs


_OPENING_CLAUSE = re.compile(r"^\s*(?:(?:In|When|While|After|On|Before)\s+)?$")


def _clause_subject(analysis: Analysis, si: int, verb: re.Match, meet_end: int) -> list[str]:
    """The subject of a sentence that opens with a clause of chairing: "In chairing the meeting
    this morning, the Financial Secretary, Mr Dan Ho, said ..." -> ["Dan Ho"]."""
    text = analysis.sentences[si].text
    if not verb.group(0).endswith("chairing") or not _OPENING_CLAUSE.match(text, 0, verb.start()):
        return []
    comma = text.find(",", meet_end)
    return _persons_in(analysis, si, comma)[:1] if comma >= 0 else []


def _chairs_of_the_meeting(analysis: Analysis, si: int) -> list[str]:
    """Chairs in a sentence that speaks of a meeting already named: "Mr Wong chaired the meeting",
    "He co-chaired the meeting with Director-General Lu Xiulu" ("He" being the person the sentences
    before are about), "X convened the session with Y"."""
    text = analysis.sentences[si].text
    m = _CHAIRED_THE.search(text)
    if not m:
        return []
    chairs = _persons_in(analysis, si, 0, m.start())
    pronoun = _PRONOUN_FIRST.match(text)
    if not chairs and pronoun:
        chairs = [p for p in (_pronoun_subject(analysis, si, pronoun.group(1)),) if p]
    if not chairs:
        chairs = _clause_subject(analysis, si, m, m.end())
    if chairs and m.group("verb").startswith(("co-", "convene", "jointly")):
        w = _WITH_NEXT.match(text[m.end() :])
        if w:
            start = m.end() + w.end()
            stop = _WITH_END.search(text[start:])
            hi = start + stop.start() if stop else None
            chairs += [p for p in _persons_in(analysis, si, start, hi) if p not in chairs]
    return chairs


def _split_joined(name: str) -> list[str]:
    """ "Trade and Industry Department and Invest Hong Kong" -> both names: split at an "and" whose
    left side ends with an organisation's head word."""
    for m in _AND_BEFORE_NAME.finditer(name):
        left = name[: m.start()].split()
        if len(left) >= 2 and left[-1] in JOIN_HEADS:
            return [" ".join(left), *_split_joined(name[m.end() :])]
    return [name]


def _represented(text: str, truncated_end: bool) -> list[str]:
    out: list[str] = []
    for m in _REPS.finditer(text):
        if _NOT_ATTENDING.search(text, 0, m.start()):
            continue
        rest = text[m.end() :]
        rest = _RELEVANT.sub("", rest)
        rest = _LIST_END.split(rest, maxsplit=1)[0]
        items: list[tuple[str, bool]] = []  # (name, written without "the")
        stop = False
        for part in rest.split(";"):
            part = _LIST_JOINER.sub("", part.strip())
            for piece in _REP_SPLIT.split(part):
                piece = piece.strip().rstrip(".;:")
                mm = _REP_ITEM.match(piece)
                if not mm:
                    stop = True
                    break
                name = _STRIP_ABBR.sub("", mm.group("name")).strip(" ,")
                bare = not piece.startswith("the ")
                if mm.end() < len(piece.rstrip(" ,")):
                    # "Hong Kong enterprises": a name that runs into lower-case words is no organisation
                    if not _NAME_RUNS_ON.match(piece[mm.end() :]):
                        stop = True
                        break
                    items += [(x, bare) for x in _split_joined(name)]
                    stop = True
                    break
                items += [(x, bare) for x in _split_joined(name)]
            if stop:
                break
        if truncated_end and not stop and items:
            items.pop()  # the list was cut off mid-name
        # keep "Culture, Sports and Tourism Bureau" and "Shenzhen Municipal Science, Technology and
        # Innovation Commission" whole: a part that is no name of its own, then one with "and"
        merged: list[str] = []
        for it, bare in items:
            if (
                merged
                and bare
                and merged[-1].split()[-1] not in ORG_HEADS
                and sum(c.isupper() for c in merged[-1]) < 2 + merged[-1].count(" ")
                and (" " not in merged[-1] or " and " in it)
            ):
                merged[-1] = f"{merged[-1]}, {it}"
            else:
                merged.append(it)
        out += [x for x in merged if x not in out]
    return out


def _may_hold_key_word(lower: str, word: str) -> bool:
    """False when `word` cannot be a word of name_key(text) (`lower` being text.lower()): each
    such word is in the lower-cased text up to its first "s" (a possessive's quote dropped before
    an "s" makes "x's" one word "xs"), or is an "and" written "&"."""
    return word.split("s", 1)[0] in lower or (word == "and" and "&" in lower)


def _names_key(key: str, keys: tuple[str, ...]) -> bool:
    """Whether one of `keys` is a run of whole words of `key` (all name_key forms: words of
    [a-z0-9] joined by single spaces), as r"\b(?:k1|k2|...)\b" would find; with no keys, that
    expression finds any word."""
    if not keys:
        return bool(key)
    padded = f" {key} "
    return any(f" {k} " in padded for k in keys)


def _word_prefixes(key: str) -> Iterator[str]:
    """ "a b c" -> "a", "a b", "a b c"."""
    at = key.find(" ")
    while at >= 0:
        yield key[:at]
        at = key.find(" ", at + 1)
    yield key


class _DraftBook:
    """The meetings a release names so far, one per body (and ordinal): a body's name finds its
    draft when it is the draft's name or abbreviation, or one of the two starts the other
    ("Task Force on X" and "Task Force on X in Shenzhen"). Names are looked up in indexes of every
    name and word prefix a draft was known by (each hit checked against the rule), so the work
    grows with the meetings, not with their square."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self._whole: dict[str, list[int]] = {}  # a name or abbreviation -> drafts known by it
        self._starts: dict[str, list[int]] = {}  # a word prefix of a name -> drafts with such a name
        self._rank: dict[int, int] = {}  # id of a draft -> its place

    def _index(self, rank: int, key: str) -> None:
        self._whole.setdefault(key, []).append(rank)
        for prefix in _word_prefixes(key):
            self._starts.setdefault(prefix, []).append(rank)

    def alias(self, d: _Draft, key: str) -> None:
        d.aliases.add(key)
        self._index(self._rank[id(d)], key)

    def draft_for(self, body: str, ordinal: int | None, form: str = "", fresh: bool = False) -> _Draft:
        """The draft of the body (and ordinal), a new one when none fits or `fresh` ("another
        meeting")."""
        key = name_key(body)
        near = set() if fresh else set(self._starts.get(key, ()))
        for prefix in () if fresh else _word_prefixes(key):
            near.update(self._whole.get(prefix, ()))
        for rank in sorted(near):
            d = self.drafts[rank]
            same = (
                d.key == key or key in d.aliases or d.key.startswith(key + " ") or key.startswith(d.key + " ")
            )
            if not same or (ordinal is not None and d.meeting.ordinal not in (None, ordinal)):
                continue
            if len(key) > len(d.key):
                d.meeting.body, d.key = body, key
                d.meeting.body_kind = body_kind(body)
                self._index(rank, key)
            return d
        d = _Draft(Meeting(body=body, sentence="", body_kind=body_kind(body), form=form), key)
        self._rank[id(d)] = len(self.drafts)
        self._index(len(self.drafts), key)
        self.drafts.append(d)
        return d


_GATE_MAX = 16  # first words of body names above which a sentence's key is made without a gate


def _sentences_naming(drafts: list[_Draft], sentences: list) -> Iterator[tuple[int, _Draft | None]]:
    """Each sentence's index with the last draft that names it (a sentence it was found in, or
    one of its names or abbreviations as whole words of the sentence), else None. Names are
    looked up by their first word, so the work grows with the sentences plus the names."""
    at: dict[int, int] = {}  # sentence -> the last draft found in it
    by_first: dict[str, list[tuple[int, str]]] = {}  # first word -> (draft, name key)
    keyless = -1  # the last draft with no name key takes any sentence's key
    firsts: list[str] = []
    for rank, d in enumerate(drafts):
        for si in d.sentences:
            at[si] = rank
        if d.ahead:  # a meeting named as a time reference holds only the sentences naming it so
            continue
        keys = [a for a in (d.key, *d.aliases) if a]
        if not keys:
            keyless = rank
        for k in keys:
            first = k.split(" ", 1)[0]
            by_first.setdefault(first, []).append((rank, k))
            firsts.append(first)
    gated = keyless < 0 and len(firsts) <= _GATE_MAX
    for si, s in enumerate(sentences):
        rank = at.get(si, -1)
        lower = s.text.lower()
        # the sentence's key, unless no draft's key can be among its words ("" holds no key)
        key = "" if gated and not any(_may_hold_key_word(lower, w) for w in firsts) else name_key(s.text)
        if key:
            rank = max(rank, keyless)
            padded = f" {key} "
            for word in set(key.split()) & by_first.keys():
                for r, k in by_first[word]:
                    if r > rank and f" {k} " in padded:
                        rank = r
        yield si, (drafts[rank] if rank >= 0 else None)


def _lead_event(
    sentences: list, release_date: date, headline: str
) -> tuple[date | None, str | None, set[int]]:
    """The day and the city of the event a release opens with: the first relative date ("today
    (October 13)", "this morning") in its first three sentences that are more than a dateline, and
    the first place there written before a time or a verb ("in Guangzhou concluded successfully
    today"), else the place the headline ends with ("... in Beijing"); (None, None) for a LegCo
    question or reply. Also the indices of those sentences, and -1 for the headline."""
    lead = list(islice((i for i, s in enumerate(sentences) if not s.caption and len(s.text.split()) >= 8), 3))
    texts = [sentences[i].text for i in lead]
    if not texts or _LEGCO_QA.search(texts[0]):
        return None, None, set()
    when, place = None, None
    for t in texts:
        if when is None:
            when = next((d.date for d in find_dates(t, release_date) if d.relative), None)
        if place is None:
            for m in _PLACE_RX.finditer(t):
                tail = t[m.end() : m.end() + 40]
                if _LEAD_PLACE_TAIL.match(tail) or _PLACE_TAIL_LOOSE.match(tail):
                    place = m.group("place")
                    break
    if place is None and headline:
        m = _HEADLINE_PLACE.search(headline)
        place = m.group("place") if m else None
    return when, place, {-1, *lead}


def recognise_meetings(doc: Document) -> list[Meeting]:
    """The meetings of named bodies that a release reports (see the module's rules): the forms
    find them, one draft per body gathers what the sentences naming it say, then the sentences
    that speak of each give its people and the organisations represented."""
    found = _find(doc)
    if not found:
        return []
    drafts = _draft(doc, found)
    if not drafts:
        return []
    _bind_sentences(drafts, doc.sentences)
    _gather_people(doc, drafts, {f.sentence_index for f in found if not f.ahead})
    _gather_represented(doc, drafts)
    for d in drafts:
        if not d.meeting.sentence:
            d.meeting.sentence = doc.headline
    return [d.meeting for d in drafts]


# the kinds of body whose "Chairman" (a participant's post) chairs a meeting of the body at hand
_CHAIR_OF_KINDS = frozenset(
    {"committee", "commission", "council", "task force", "panel", "group", "working group", "expert group"}
)


def _text_of(doc: Document, si: int) -> str:
    """The text of sentence si (-1: the headline)."""
    return doc.headline if si == -1 else doc.sentences[si].text


def _find(doc: Document) -> list[_Found]:
    """The meetings the forms find in the headline and the sentences, each marked held or not."""
    sentences = doc.sentences
    headline = doc.headline
    found: list[_Found] = []
    if _may_name_meeting(headline):
        for f in _find_in_text(headline, -1):
            f.held, f.future = _held(headline, f, True)
            found.append(f)
    names = _FullNames([headline, *(x.text for x in sentences)])
    for si, s in enumerate(sentences):
        if not _may_name_meeting(s.text):
            continue
        before = len(found)
        for f in _find_in_text(s.text, si):
            f.held, f.future = _held(s.text, f, False)
            if " " not in _clean_body(f.body):  # "The Panel will hold ...": the Panel named before
                f.body = names.last(f.body, si, s.text[: f.start]) or f.body
            found.append(f)
        if len(found) == before and (
            ("eeting" in s.text and _SHORT_HINT.search(s.text)) or "lenary" in s.text
        ):
            found += _short_forms(s.text, si, names)
    return found


def _draft(doc: Document, found: list[_Found]) -> list[_Draft]:
    """One draft per body (and ordinal) reported as held: its name, ordinal, date, place, mode and
    the chairs of the sentences that report it."""
    release = doc.release
    analysis = doc.people
    sentences = doc.sentences
    headline = doc.headline
    book = _DraftBook()
    drafts = book.drafts

    others: list[str] | None = None
    ends_in: dict[int, list[int]] = {}  # where the meetings each sentence names end
    for f in found:
        ends_in.setdefault(f.sentence_index, []).append(f.end)
    for f in found:
        if not f.held:
            continue
        text = _text_of(doc, f.sentence_index)
        body = _clean_body(f.body)
        full = _clean_body(f.body, keep_place=True)
        if full != body:
            at = text.find(f.body, f.start)
            at = f.start if at < 0 else at
            if others is None:
                others = [headline, *(x.text for x in sentences)]
            if _place_in_name(text, at, at + len(f.body), full, others):
                body = full
        if not body or len(body.split()) < 2 or name_key(body) in _GENERIC_BODIES:
            continue
        when = None
        if not f.passing and (f.sentence_index >= 0 or "today" in text):
            when = _date_right_after(text, f.end, release.date) or _date_for(text, f.start, release.date)
        lead_in = None
        if f.future and when is None:
            lead_in = _announced_before(doc, f, found)
            if lead_in is None:
                continue
            when = lead_in[0]
        d = book.draft_for(body, f.ordinal, f.form, fresh=f.another)
        m = d.meeting
        abbr = _abbreviation(f.body) or _abbreviation(text[f.start : f.end + 12])
        if abbr:
            book.alias(d, name_key(abbr))
        if f.ordinal is not None and m.ordinal is None:
            m.ordinal = f.ordinal
        if lead_in is not None:  # the day, place and ordinal of the sentence that announced it
            m.ordinal = m.ordinal if m.ordinal is not None else lead_in[2]
            m.location = m.location or lead_in[1]
        if f.sentence_index >= 0:
            d.sentences.add(f.sentence_index)
            if not m.sentence:
                m.sentence = text
        if f.passing:
            continue
        d.passing = False
        d.ahead = d.ahead and f.ahead
        d.found_in.add(f.sentence_index)
        if m.date is None and when is not None:
            m.date = when
        if m.location is None:
            m.location = _location(text, body, near=(f.start, f.end))
        if m.location is None:  # "will depart for Guangzhou tomorrow to co-chair the 12th meeting of ..."
            m.location = _place_gone_to(text, f.start)
        if m.location is None and body != full:  # "... Ministerial Meeting in Bali": there
            m.location = _TRAIL_PLACE.search(full).group("place")
        if m.mode is None and _VIDEO.search(text):
            m.mode = "video"
        if f.sentence_index >= 0 and not f.ahead:
            # a chairing verb before another meeting the sentence names governs that one ("chaired
            # the 11th meeting today, following the 10th meeting held on December 5")
            other = max((e for e in ends_in[f.sentence_index] if e <= f.start), default=0)
            for c in _chairs_in(analysis, f.sentence_index, f.start, f.end, other):
                if c not in m.chairs:
                    m.chairs.append(c)
            if other:
                d.after_another.add(f.sentence_index)
    return [d for d in drafts if d.sentences or d.meeting.ordinal is not None]


def _bind_sentences(drafts: list[_Draft], sentences: list) -> None:
    """Add to each draft the sentences that speak of it."""
    # sentences that speak of a meeting: its name or abbreviation, or "the meeting"/"the plenary"
    # (which is the last meeting named that was not named in passing)
    last: _Draft | None = next((d for d in drafts if not (d.passing or d.ahead)), drafts[0])
    for si, hit in _sentences_naming(drafts, sentences):
        if hit is not None:
            if hit.ahead:  # "The meeting, which followed the Third Plenary on May 2, ...": the meeting
                if last is not None and last is not hit and _MEETING_REF.search(sentences[si].text):
                    last.sentences.add(si)
            else:
                last = last if hit.passing else hit
            hit.sentences.add(si)
        elif _MEETING_REF.search(sentences[si].text) and last is not None:
            last.sentences.add(si)
        elif (
            last is not None
            and si - 1 in last.sentences
            and (_IT_WAS.match(sentences[si].text) or _LED_BY.search(sentences[si].text))
        ):
            last.sentences.add(si)  # "It was chaired by ...", "The two delegations were led by ..."
        elif (
            last is not None
            and si - 1 in last.sentences
            and (
                (
                    sentences[si - 1].paragraph == sentences[si].paragraph
                    and _ALSO_ATTENDING.search(sentences[si].text)
                )
                or _DELEGATION_INCLUDES.search(sentences[si].text)
                or _ALSO_OPENING.match(sentences[si].text)
            )
        ):
            # "Officials of the Shenzhen side included ..." after those "attending the meeting"
            last.sentences.add(si)


def _gather_people(doc: Document, drafts: list[_Draft], found_at: set[int]) -> None:
    """Each meeting's chairs and participants from the sentences that speak of it; the lead's
    day and place for the release's one meeting."""
    release = doc.release
    analysis = doc.people
    tenures = analysis.tenures
    sentences = doc.sentences
    headline = doc.headline
    tenures_of: dict[str, list[tuple[int, Tenure]]] = {}
    for rank, t in enumerate(tenures):
        tenures_of.setdefault(t.person, []).append((rank, t))
    main = [d for d in drafts if not (d.passing or d.ahead)]
    lead_when, lead_place, lead = (
        _lead_event(sentences, release.date, headline) if len(main) == 1 else (None, None, set())
    )
    for d in drafts:
        m = d.meeting

        def add_chairs(names: list[str]) -> None:
            m.chairs.extend(c for c in names if c not in m.chairs)  # noqa: B023

        for si in sorted(d.sentences) if not (d.passing or d.ahead) else ():
            if si in d.after_another:
                continue
            text = sentences[si].text
            if si not in found_at:
                add_chairs(_chairs_of_the_meeting(analysis, si))
                # "The meeting was held at the Central Government Offices.", "Mrs A and Mr B will
                # co-chair the conference in Fuzhou."
                held_at = (
                    (_HELD_AT_CLAUSE.search(text) or _CHAIRED_THE.search(text))
                    if m.location is None
                    else None
                )
                if held_at:  # "The meeting was held at the Central Government Offices."
                    m.location = _location(text, m.body, near=held_at.span())
                if _CHAIRED_BY.search(text):
                    add_chairs(_chairs_in(analysis, si, len(text), len(text)))
                led_by = _LED_BY.search(text)
                if led_by:
                    leaders = _persons_in(analysis, si, led_by.end())
                    if len(leaders) >= 2:
                        add_chairs(leaders)
                if m.mode is None and _VIDEO.search(text) and _MEETING_REF.search(text):
                    m.mode = "video"  # "The meeting was held via video conference."
            led = _LED_DELEGATIONS.search(text)
            if led and (si in d.found_in or _MEETING_REF.search(text, led.end())):
                leaders = _persons_in(analysis, si, 0, led.start())
                if len(leaders) >= 2:  # the two sides' leaders hold it: its co-chairs in substance
                    add_chairs(leaders)
            trigger = si in found_at
            if trigger or _ATTEND_CUES.search(text) or sentences[si].caption:
                heard = _HEARD_FROM.search(text)
                for p in _persons_in(analysis, si, 0, heard.start() if heard else None):
                    if p not in m.participants:
                        m.participants.append(p)
            if m.date is None and not d.passing:
                when = _date_for(text, 0, release.date)
                if when and (sentences[si].caption or _BRACKETED_DAY.search(text)):
                    m.date = when
        if (
            not (d.passing or d.ahead)
            and d.found_in & lead
            and not any(_OTHER_TIME.search(_text_of(doc, si)) for si in d.found_in)
        ):
            # the release's one meeting, named in its lead without its day or place: the lead's
            if m.date is None and lead_when is not None:
                m.date = lead_when
            if m.location is None and m.mode != "video" and lead_place and m.date in (None, lead_when):
                m.location = lead_place
        # the tenures of its participants, in the release's order
        for _, t in sorted(x for p in set(m.participants) for x in tenures_of.get(p, ())):
            if t.person in m.chairs:
                continue
            cm = _CHAIR_POST.match(t.post)
            pm = _CHAIR_SUFFIX.match(t.post)
            of = name_key((cm.group("of") or "") if cm else pm.group("of") if pm else "-")
            if (cm or pm) and (not of or of in d.aliases or of == d.key or of in _CHAIR_OF_KINDS):
                m.chairs.append(t.person)
        for c in m.chairs:
            if c in m.participants:
                m.participants.remove(c)
        m.participants = [*m.chairs, *m.participants]
        if m.mode is None and m.location:
            m.mode = "in-person"


def _gather_represented(doc: Document, drafts: list[_Draft]) -> None:
    """The organisations represented at each meeting."""
    sentences = doc.sentences
    main = [d for d in drafts if not d.passing]
    # represented: "representatives of A, B and C" in a sentence about the meeting (or in its
    # paragraphs) that says they attended, not whom someone met or what a delegation comprised
    body_idx = [i for i, s in enumerate(sentences) if not s.caption]
    last_body = body_idx[-1] if body_idx else -1
    rep_idx = [si for si in body_idx if "epresentative" in sentences[si].text]
    rep_set = set(rep_idx)
    for d in drafts:
        if d.passing or d.ahead:
            continue
        paragraphs = {sentences[si].paragraph for si in d.sentences}
        for si in rep_idx if len(main) <= 1 else sorted(d.sentences & rep_set):
            s = sentences[si]
            if si not in d.sentences and s.paragraph not in paragraphs and not _ATTENDED.search(s.text):
                continue
            truncated = si == last_body and not _ENDS_SENTENCE.search(s.text)
            d.meeting.represented += [
                r for r in _represented(s.text, truncated) if r not in d.meeting.represented
            ]
