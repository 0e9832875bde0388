"""One synthetic release: its text written from templates, and the gold facts it states.

Every entity is written through a `Writer` method that also records it in the gold facts, so
the gold holds exactly what the text names (following ../shared/eval/README.md): tenures for
people named with a post, organisations (with abbreviations defined in brackets, and parents
named inside a name), zones (with the short forms used), and meetings of bodies reported as
held or about to be held on a stated date. Filler sentences name no entity at all.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from synth.world import (
    HKSAR_GOVERNMENT,
    Body,
    Org,
    Person,
    Post,
    World,
    Zone,
    ordinal_digits,
    ordinal_words,
)

MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
CAPITALS = {
    "Guangdong": "Guangzhou",
    "Fujian": "Fuzhou",
    "Sichuan": "Chengdu",
    "Hubei": "Wuhan",
    "Jiangsu": "Nanjing",
    "Zhejiang": "Hangzhou",
    "Hainan": "Haikou",
    "Guangxi": "Nanning",
}
NO_ARTICLE = ("Invest Hong Kong", "Lingnan University", "Cyberport", "Qianhai", "Hengqin", "Nansha", "the ")
POSITIONS = [
    "first left",
    "second left",
    "third left",
    "centre",
    "third right",
    "second right",
    "first right",
]
MAINLAND_ZONES = [
    "Qianhai Shenzhen-Hong Kong Modern Service Industry Co-operation Zone",
    "Hetao Shenzhen-Hong Kong Science and Technology Innovation Co-operation Zone",
    "Hengqin Guangdong-Macao In-depth Co-operation Zone",
    "Nansha New Area",
    "Shenzhen Innovation and Technology Zone",
]


def month_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def footer_date(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def and_list(items: list[str], sep: str = ",") -> str:
    """ "a, b and c"; with sep ";" -> "a; b; and c" (the style for items holding commas)."""
    if len(items) <= 1:
        return "".join(items)
    if sep == ";":
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def the(name: str) -> str:
    return name if name.startswith(NO_ARTICLE) else f"the {name}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Gold:
    """The facts one release states, in the shape of ../shared/eval/README.md."""

    id: str
    tenures: dict[tuple[str, str], dict] = field(default_factory=dict)
    organisations: dict[str, list[str]] = field(default_factory=dict)  # name -> other names used
    zones: dict[str, list[str]] = field(default_factory=dict)
    meetings: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "meetings": self.meetings,
            "tenures": list(self.tenures.values()),
            "organisations": ["|".join([n, *alts]) for n, alts in self.organisations.items()],
            "zones": ["|".join([n, *alts]) for n, alts in self.zones.items()],
        }


@dataclass
class Meeting:
    body: Body
    ordinal: int | None
    day: date
    location: str | None
    mode: str | None
    chairs: list[Person] = field(default_factory=list)
    participants: list[Person] = field(default_factory=list)
    represented: list[str] = field(default_factory=list)  # gold entries

    def attend(self, person: Person) -> None:
        if person not in self.participants:
            self.participants.append(person)

    def as_json(self, body_name: str) -> dict:
        return {
            "body": body_name,
            "ordinal": self.ordinal,
            "date": self.day.isoformat(),
            "location": self.location,
            "mode": self.mode,
            "chairs": [p.name for p in self.chairs],
            "participants": [p.name for p in self.participants],
            "represented": self.represented,
        }


@dataclass
class Draft:
    title: str
    paragraphs: list[str]
    captions: list[str]
    gold: Gold
    kind: str


@dataclass
class Mention:
    """A person named with a post: "the Secretary for Development, Ms Wong Siu-ming" (an
    appositive, which takes a closing comma mid-sentence) or "Vice Mayor of Shenzhen Mr Zhao"."""

    text: str
    person: Person
    post: str
    apposed: bool

    @property
    def mid(self) -> str:
        """The mention followed by its closing comma when it is an appositive."""
        return self.text + ("," if self.apposed else "")


class Writer:
    """Writes mentions of entities into text and records them in the gold facts."""

    def __init__(self, world: World, rng: random.Random, release_id: str, day: date) -> None:
        self.world, self.rng, self.day = world, rng, day
        self.gold = Gold(release_id)
        self.defined: set[str] = set()  # abbreviations defined in this release

    # -- organisations and zones

    def org(self, org: Org, article: bool = True, define: float = 0.6) -> str:
        """A mention of `org`: its full name (the abbreviation defined in brackets on first use,
        sometimes), or the abbreviation once defined."""
        self._record_org(org)
        if org.abbr and org.abbr in self.defined:
            return f"the {org.abbr}" if article and not org.abbr.startswith("Invest") else org.abbr
        text = the(org.name) if article else org.name
        if org.abbr and self.rng.random() < define:
            self.defined.add(org.abbr)
            self._alias(self.gold.organisations, org.name, org.abbr)
            text += f" ({org.abbr})"
        return text

    def _record_org(self, org: Org) -> None:
        self.gold.organisations.setdefault(org.name, [])
        for parent in org.parents:
            self._record_org(parent)

    def zone(self, zone: Zone, article: bool = True) -> str:
        """A mention of `zone`: full name (abbreviation defined sometimes), short form, or abbreviation."""
        first = zone.name not in self.gold.zones
        self.gold.zones.setdefault(zone.name, [])
        if zone.parent:
            self.gold.zones.setdefault(zone.parent.name, [])
        if zone.abbr and zone.abbr in self.defined:
            return zone.abbr
        form = zone.short if zone.short and self.rng.random() < (0.25 if first else 0.7) else zone.name
        self._alias(self.gold.zones, zone.name, form)
        text = the(form) if article else form
        if form == zone.name and zone.abbr and self.rng.random() < 0.5:
            self.defined.add(zone.abbr)
            self._alias(self.gold.zones, zone.name, zone.abbr)
            text += f" ({zone.abbr})"
        return text

    @staticmethod
    def _alias(table: dict[str, list[str]], name: str, alias: str) -> None:
        alts = table.setdefault(name, [])
        if alias != name and alias not in alts:
            alts.append(alias)

    # -- people

    def official(
        self, post: Post, day: date | None = None, apposed: bool = True, article: bool = True
    ) -> Mention:
        """The holder of `post` on `day`, named with the post (a tenure in the gold)."""
        person = post.holder(day or self.day)
        self.tenure(person, post)
        lead = f"the {post.name}" if article else post.name
        name = f"{person.honorific} {person.name}"
        return Mention(f"{lead}, {name}" if apposed else f"{lead} {name}", person, post.name, apposed)

    def tenure(self, person: Person, post: Post) -> None:
        self.gold.tenures.setdefault(
            (person.name, post.name),
            {"person": person.name, "post": post.name, "honorific": person.honorific},
        )
        for org in post.orgs:
            self._record_org(org)

    def officials_respectively(self, posts: list[Post], day: date | None = None) -> tuple[str, list[Person]]:
        """ "the Secretary for A and the Secretary for B, Mr X and Ms Y, respectively"."""
        people = [p.holder(day or self.day) for p in posts]
        for person, post in zip(people, posts, strict=True):
            self.tenure(person, post)
        names = and_list([f"{p.honorific} {p.name}" for p in people])
        return f"{and_list([f'the {p.name}' for p in posts])}, {names}, respectively", people

    def post_of(self, person: Person) -> str | None:
        """The post `person` was named with in this release."""
        return next((post for (name, post) in self.gold.tenures if name == person.name), None)

    # -- dates

    def when(self, d: date, vary: bool = True) -> str:
        """ "today (September 7)", "this afternoon (...)", "yesterday (...)", "on Friday (...)"."""
        if d == self.day:
            word = self.rng.choices(
                ["today", "this morning", "this afternoon", "this evening"], [70, 10, 15, 5]
            )[0]
            return f"{word if vary else 'today'} ({month_day(d)})"
        if d == self.day - timedelta(days=1):
            return f"yesterday ({month_day(d)})"
        if self.rng.random() < 0.5:
            return f"on {WEEKDAYS[d.weekday()]} ({month_day(d)})"
        return f"on {month_day(d)}"


# --- filler (entity-free) ------------------------------------------------------------------

AGENDA = [
    "At the meeting, members were briefed on the latest progress of {t} and discussed the priorities for the coming year.",
    "Members reviewed the work on {t} over the past months and exchanged views on the way forward.",
    "The meeting discussed the implementation timetable for the measures on {t}, as well as the arrangements for engaging the public.",
    "Members noted the findings of a study on {t} and agreed that its recommendations should be taken forward in phases.",
    "Members were updated on {t}, including the progress of several pilot projects launched earlier this year.",
    "The meeting examined the resources required for {t} and endorsed the proposed work plan.",
    "Members took note of a progress report on {t} and offered suggestions on strengthening co-ordination across policy areas.",
    "The meeting reviewed the key performance indicators on {t} and agreed to publish them regularly.",
    "Members discussed how data and technology could be used to support {t} more effectively.",
]
MORE = [
    "Members agreed that more should be done to involve young people and the professional sectors in this work.",
    "The meeting also noted that public feedback on the recent initiatives had been generally positive.",
    "Members suggested that the experience gained from the pilot schemes be shared widely.",
    "It was agreed that a further review would be conducted after the first phase of implementation.",
    "Members considered the timetable realistic and called for close monitoring of the progress.",
    "The meeting stressed the importance of clear targets, measurable outcomes and regular reporting.",
]
QUOTES = [
    "We will continue to take forward {t} in a pragmatic manner, with clear targets and timelines.",
    "The views of members are valuable to the Government in refining the measures on {t}.",
    "Our goal is to deliver visible results for the community as early as possible.",
    "Close collaboration among different policy areas is essential to the success of this work.",
    "We will keep the public informed of the progress and listen carefully to their views.",
    "The work ahead is challenging, but with the support of all sectors I am confident that we will meet our targets.",
    "This meeting has laid a solid foundation for the next stage of work.",
    "We must seize the opportunities ahead and press on with {t} with a greater sense of urgency.",
]
JOINT = [
    "Both sides reviewed the progress of co-operation since the last meeting and agreed on the key areas of work for the coming year.",
    "Both sides agreed to deepen co-operation in areas of mutual benefit and to maintain close communication at all levels.",
    "The two sides exchanged views on facilitating the flow of people, goods, capital and information between the two places.",
    "Both sides agreed to step up co-operation in innovation and technology, youth exchanges and professional services.",
    "The two sides signed a number of co-operation agreements covering trade, culture, education and healthcare.",
]
JOINT_QUOTES = [
    "The two places enjoy close ties and complementary strengths, and there is great potential for further co-operation.",
    "We will make good use of this platform to take forward co-operation in a steady and orderly manner.",
    "Deepening co-operation between the two places will create more opportunities for our young people and enterprises.",
]
ZONE_LINES = [
    "Members also discussed the planning and land disposal arrangements for {z}.",
    "The meeting noted that the first batch of sites in {z} is expected to be made available in the coming years.",
    "Members were told that the supporting infrastructure works for {z} were progressing as planned.",
    "The meeting also considered how to attract enterprises and talent to {z}.",
]
BRIEFED = [
    "Members received a briefing from {o} on the progress of {t}.",
    "{O} briefed members on the latest work on {t}.",
    "{O} reported on the progress of the related works and consultancy studies.",
    "Members also heard a presentation by {o} on the proposed implementation arrangements.",
]
PURPOSES = [
    "learn about the latest developments there",
    "see the progress of the works on site",
    "meet start-ups and young entrepreneurs",
    "learn more about the support available to enterprises",
    "inspect the progress of the infrastructure projects",
    "understand the plans for the next stage of development",
]
VISIT_LINES = [
    "{S} toured the site and was briefed on the progress of the projects and the timetable ahead.",
    "{S} then met a group of young people and listened to their views on career opportunities.",
    "{S} also visited a laboratory and learnt about the research and development work being carried out.",
    "During the visit, {S} exchanged views with representatives of the industry on the challenges they face.",
]
VISIT_QUOTES = [
    "{z} has tremendous potential, and the Government will continue to speed up its development.",
    "I am impressed by the vibrancy of {z} and the talent I met today.",
    "{z} will be an important engine of growth for Hong Kong in the years to come.",
]
COMPANY_A = "Brightwave Northstar Greenleaf Harbourlight Jadeport Silverpine Bluepeak Redcliff Goldkey Lumenfield Tidewater Starbridge".split()
COMPANY_B = [
    "Robotics",
    "Biotech",
    "Microelectronics",
    "Materials",
    "Data Systems",
    "Medical Devices",
    "Photonics",
    "Drone Technology",
    "Semiconductor",
    "Energy Storage",
]
COMPANY_C = ["Limited", "Company Limited", "Holdings Limited"]
EVENTS = [
    "Innovation Summit",
    "Youth Forum",
    "Smart City Expo",
    "Infrastructure Conference",
    "Green Finance Forum",
    "Talent Symposium",
    "Logistics Forum",
    "Heritage Festival",
    "Sports Gala",
    "Career Fair",
]
SPEECH_LINES = [
    "Good morning. It gives me great pleasure to join you today.",
    "Over the past year, the Government has introduced a series of measures to strengthen our competitiveness and to build a more liveable city.",
    "We are working hard to increase land and housing supply, to attract enterprises and talent, and to nurture a vibrant innovation ecosystem.",
    "None of this can be achieved by the Government alone. We need the support and participation of every sector of our community.",
    "Let me take this opportunity to thank the organisers for their dedication, and all of you for your support.",
    "Looking ahead, we will continue to deepen exchanges with the rest of the country and the world.",
    "I wish the event every success and all of you a rewarding day. Thank you.",
]
LEGCO_TOPICS = [
    ("Land supply for industry", "the supply of land for industrial uses"),
    ("Talent admission schemes", "the talent admission schemes"),
    ("Cross-boundary transport", "cross-boundary transport services"),
    ("Development of innovation and technology", "the development of innovation and technology"),
    ("Public housing supply", "the supply of public housing"),
    ("Support for start-ups", "the support measures for start-ups"),
    ("Youth development", "youth development"),
    ("Tourism promotion", "the promotion of tourism"),
]
NOISE = [
    "exchange_rate",
    "weather",
    "beaches",
    "traffic",
    "water",
    "closure",
    "tender",
]


# --- release kinds -------------------------------------------------------------------------


def write_release(world: World, rng: random.Random, release_id: str, day: date, kind: str) -> Draft:
    w = Writer(world, rng, release_id, day)
    make = {
        "meeting": meeting_release,
        "visit": visit_release,
        "mainland": mainland_visit_release,
        "speech": speech_release,
        "legco": legco_release,
        "notice": notice_release,
        "noise": noise_release,
    }[kind]
    title, paragraphs, captions = make(w)
    return Draft(title, paragraphs, captions, w.gold, kind)


def _location(w: Writer, body: Body, day: date) -> tuple[str | None, str | None, str]:
    """(location, mode, phrase) for a meeting of `body`."""
    rng = w.rng
    pandemic = date(2020, 2, 1) <= day <= date(2022, 12, 31)
    video = 0.5 if pandemic else 0.08
    if body.partner:
        if rng.random() < video:
            return (
                None,
                "video",
                rng.choice(["via video conferencing", "by video conference", "by video-conferencing"]),
            )
        city = "Hong Kong" if rng.random() < 0.5 else CAPITALS.get(body.partner, body.partner)
        return city, "in-person", f"in {city}"
    if rng.random() < video / 2:
        return None, "video", rng.choice(["via video conferencing", "by video conference"])
    if body.venue and rng.random() < 0.7:
        return body.venue, "in-person", f"at the {body.venue}"
    return None, None, ""


def _ordinal(w: Writer, body: Body, n: int, title: bool = False) -> str:
    """ "10th meeting", "tenth meeting", "Twentieth Plenary", "5th Plenary Session"."""
    digits = n >= 100 or w.rng.random() < 0.5
    word = ordinal_digits(n) if digits else ordinal_words(n)
    if not digits and (title or body.meeting_word != "meeting"):
        word = cap(word)
    return f"{word} {body.meeting_word}"


def _joined(mentions: list[Mention], closing: bool) -> str:
    """Chairs joined with "and"; appositives keep their commas ("the X, Mr A, and the Y, Mr B,")."""
    texts = [m.mid for m in mentions[:-1]] + [mentions[-1].mid if closing else mentions[-1].text]
    return " and ".join(texts)


def meeting_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, world = w.rng, w.world
    body = world.pick_body()
    r = rng.random()
    when = "future" if r < 0.05 else "yesterday" if r < 0.13 else "today"
    offset = {"future": rng.randint(2, 6), "yesterday": -1, "today": 0}[when]
    mday = w.day + timedelta(days=offset)
    body.held += 1
    ordinal = body.held if body.partner or rng.random() < 0.9 else None
    location, mode, where = _location(w, body, mday)
    meeting = Meeting(body, ordinal, mday, location, mode)
    chair_posts = list(body.chair_posts)
    if body.counterpart_posts:
        chair_posts.append(rng.choice(body.counterpart_posts))
    chairs: list[Mention] = []
    for post in chair_posts:
        if post.holder(mday) in meeting.chairs:
            continue
        plain = post.side == "mainland" and rng.random() < 0.4
        mention = w.official(post, mday, apposed=not plain, article=not plain)
        chairs.append(mention)
        meeting.chairs.append(mention.person)
        meeting.attend(mention.person)
    co = "co-" if len(chairs) > 1 else ""
    body_text, gold_body = _body_mention(w, body)
    date_text = w.when(mday)
    the_ord = f"the {_ordinal(w, body, ordinal)}" if ordinal else f"a {body.meeting_word}"
    its_ord = f"its {_ordinal(w, body, ordinal)}" if ordinal else f"a {body.meeting_word}"
    place = f" {where}" if where else ""

    if when == "future":
        lead = (
            f"{cap(body_text)} will hold {its_ord}{place} {date_text}. "
            f"The meeting will be {co}chaired by {_joined(chairs, closing=False)}."
        )
        title = f"{body.name} to hold {_ordinal(w, body, ordinal) if ordinal else 'meeting'}"
    elif body.kind == "JointConference" and len(chairs) == 2:
        lead = (
            f"{cap(chairs[0].text)}, and {chairs[1].text}, leading the delegations of Hong Kong and "
            f"{body.partner} respectively, {co}chaired {the_ord} of {body_text}{place} {date_text}."
        )
        title = f"{_ordinal(w, body, ordinal, title=True)} of {body.name} held{place}"
    else:
        variant = rng.random()
        if variant < 0.45 or ordinal is None:
            lead = f"{cap(_joined(chairs, closing=True))} {co}chaired {the_ord} of {body_text}{place} {date_text}."
        elif variant < 0.7 and len(chairs) == 1 and chairs[0].apposed:
            lead = f"{cap(body_text)} chaired by {chairs[0].mid} held {its_ord}{place} {date_text}."
        else:
            lead = (
                f"{cap(body_text)} held {its_ord}{place} {date_text}. "
                f"The meeting was {co}chaired by {_joined(chairs, closing=False)}."
            )
        title = _meeting_title(w, body, ordinal, chair_posts)
    paragraphs = [lead]

    topic = body.topic
    if body.partner:
        paragraphs.append(" ".join(rng.sample(JOINT, 2)))
    agenda = [rng.choice(AGENDA).format(t=topic)]
    if body.represented and rng.random() < 0.5:
        mention = w.org(rng.choice(body.represented))
        agenda.append(rng.choice(BRIEFED).format(o=mention, O=cap(mention), t=topic))
    if body.zone and rng.random() < 0.6:
        agenda.append(rng.choice(ZONE_LINES).format(z=w.zone(body.zone)))
    elif rng.random() < 0.2:
        agenda.append(rng.choice(ZONE_LINES).format(z=w.zone(world.pick_zone())))
    if rng.random() < 0.5:
        agenda.append(rng.choice(MORE))
    paragraphs.append(" ".join(agenda))
    held = when != "future"
    if held and rng.random() < 0.6:
        speaker = meeting.chairs[0]
        said = " ".join(q.format(t=topic) for q in rng.sample(JOINT_QUOTES if body.partner else QUOTES, 2))
        paragraphs.append(f'{speaker.honorific} {speaker.surname} said, "{said}"')
    if held and rng.random() < 0.75:
        paragraphs.append(_attendance(w, body, meeting))
    if held and body.members and rng.random() < 0.2:
        members = [
            m
            for m in rng.sample(body.members, min(len(body.members), rng.randint(2, 4)))
            if m not in meeting.participants
        ]
        if members:
            for m in members:
                meeting.attend(m)
            names = and_list([f"{m.honorific} {m.name}" for m in members])
            paragraphs.append(f"Non-official members attending the meeting included {names}.")
    captions: list[str] = []
    if held and rng.random() < 0.35:
        captions = _meeting_captions(w, body, meeting, the_ord, place, date_text)
        title += rng.choice([" (with photos)", " (with photo)", " (with photos/video)"])
    w.gold.meetings.append(meeting.as_json(gold_body))
    return title, paragraphs, captions


def _body_mention(w: Writer, body: Body) -> tuple[str, str]:
    """(first mention, gold body name): the abbreviation is defined on first mention, sometimes."""
    if body.abbr and w.rng.random() < 0.6:
        w.defined.add(body.abbr)
        return f"the {body.name} ({body.abbr})", f"{body.name}|{body.abbr}"
    return f"the {body.name}", body.name


def _meeting_title(w: Writer, body: Body, ordinal: int | None, chair_posts: list[Post]) -> str:
    rng = w.rng
    if ordinal is None:
        return rng.choice([f"{body.name} meets", f"{body.name} holds meeting"])
    o = _ordinal(w, body, ordinal)
    choices = [f"{cap(o)} of {body.name} held", f"{body.name} holds {o}", f"{body.name} convenes {o}"]
    if len(chair_posts) == 1 and chair_posts[0].abbr:
        choices.append(f"{chair_posts[0].abbr} chairs {o} of {body.name}")
    return rng.choice(choices)


def _attendance(w: Writer, body: Body, meeting: Meeting) -> str:
    """Who else attended: officials named with posts, and organisations sending representatives."""
    rng = w.rng
    posts = [p for p in body.attendee_posts if p.holder(meeting.day) not in meeting.participants]
    posts = rng.sample(posts, min(len(posts), rng.randint(0, 4)))
    orgs = rng.sample(body.represented, min(len(body.represented), rng.randint(0, 6)))
    people: str | list[str] = ""
    if len(posts) == 2 and rng.random() < 0.4:
        people, persons = w.officials_respectively(posts, meeting.day)
        for p in persons:
            meeting.attend(p)
    elif posts:
        mentions = [w.official(post, meeting.day) for post in posts]
        for m in mentions:
            meeting.attend(m.person)
        people = [m.text for m in mentions]
    org_texts = [w.org(o) for o in orgs]
    for o in orgs:
        meeting.represented.append("|".join([o.name, o.abbr] if o.abbr and o.abbr in w.defined else [o.name]))
    reps = ""
    if org_texts:
        sep = ";" if any("," in t for t in org_texts) else ","
        reps = f"representatives {rng.choice(['from', 'of'])} {and_list(org_texts, sep)}"
    today = "today " if rng.random() < 0.5 else ""
    if people and reps:  # "included the A, Mr X; the B, Ms Y; and representatives from ..."
        side = w.org(HKSAR_GOVERNMENT) if rng.random() < 0.25 else "the Hong Kong side"
        listed = people if isinstance(people, str) else "; ".join(people)
        sentence = f"Other officials of {side} attending the meeting {today}included {listed}; and {reps}."
    elif people:
        listed = people if isinstance(people, str) else and_list(people, ";")
        sentence = f"Also attending the meeting {today}were {listed}."
    elif reps:
        sentence = f"{cap(reps)} also attended the meeting."
    else:
        sentence = rng.choice(MORE)
    if body.partner_orgs and rng.random() < 0.6:
        heads = rng.sample(w.world.dept_posts[body.partner], rng.choice([0, 0, 1, 2]))
        officials = [w.official(p, meeting.day) for p in heads]
        for m in officials:
            meeting.attend(m.person)
        mainland = rng.sample(body.partner_orgs, min(len(body.partner_orgs), rng.randint(1, 4)))
        texts = [w.org(o) for o in mainland]
        meeting.represented.extend(o.name for o in mainland)
        sep = ";" if any("," in t for t in texts) else ","
        named = "".join(f"{m.text}; " for m in officials)
        sentence += f" Officials of the {body.partner} side included {named}{'and ' if named else ''}representatives of {and_list(texts, sep)}."
    return sentence


def _meeting_captions(
    w: Writer, body: Body, meeting: Meeting, the_ord: str, place: str, date_text: str
) -> list[str]:
    """Photo captions naming the chairs and others with their places in the photo."""
    rng = w.rng
    spots = rng.sample(POSITIONS, len(POSITIONS))
    named = []
    for person in meeting.chairs:
        post = w.post_of(person)
        named.append(f"the {post}, {person.honorific} {person.name} ({spots.pop()}),")
    co = "co-" if len(named) > 1 else ""
    first = f"{cap(' and '.join(named))} {co}chaired {the_ord} of the {body.name}{place} {date_text}."
    others = [p for p in meeting.participants if p not in meeting.chairs and w.post_of(p)][: len(spots)]
    if len(others) < len(spots) and rng.random() < 0.3:  # someone only the photo names
        for post in w.world.colleagues(body.chair_posts[0], 1):
            person = post.holder(meeting.day)
            if person not in meeting.participants and w.post_of(person) is None:
                w.tenure(person, post)
                meeting.attend(person)
                others.append(person)
    if others:
        listed = [f"the {w.post_of(p)}, {p.honorific} {p.name} ({spots.pop()})" for p in others]
        first += f" Also joining the meeting were {and_list(listed, ';')}."
    captions = [first]
    speaker = meeting.chairs[0]
    captions.append(
        f"The {w.post_of(speaker)}, {speaker.honorific} {speaker.name}, speaks at the meeting {date_text}."
    )
    return captions


def visit_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, world = w.rng, w.world
    post = world.pick_post("hk")
    zone = world.pick_zone()
    lead = w.official(post)
    person = lead.person
    hon = f"{person.honorific} {person.surname}"
    paragraphs = [f"{cap(lead.mid)} visited {w.zone(zone)} {w.when(w.day)} to {rng.choice(PURPOSES)}."]
    lines = [rng.choice(VISIT_LINES).format(S=hon)]
    if rng.random() < 0.6:
        org = rng.choice(world.public_bodies + list(world.bureaux.values()))
        lines.insert(0, f"{hon} received a briefing from {w.org(org)} on the latest developments.")
    if rng.random() < 0.35:
        company = Org(f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)} {rng.choice(COMPANY_C)}")
        lines.append(f"{hon} also toured the facilities of {w.org(company)}, a company based there.")
    paragraphs.append(" ".join(lines))
    if rng.random() < 0.7:
        paragraphs.append(f'{hon} said, "{rng.choice(VISIT_QUOTES).format(z=cap(w.zone(zone)))}"')
    if rng.random() < 0.5:
        colleagues = world.colleagues(post, rng.randint(1, 2))
        if len(colleagues) == 2 and rng.random() < 0.6:
            company_text, _ = w.officials_respectively(colleagues)
        else:
            company_text = and_list([w.official(c).text for c in colleagues], ";")
        paragraphs.append(f"{hon} was accompanied by {company_text}.")
    shown = zone.short if zone.short and not zone.short.startswith("the ") else zone.name
    title = f"{post.abbr or post.name} visits {shown}"
    captions: list[str] = []
    if rng.random() < 0.3:
        spot = rng.choice(POSITIONS)
        captions.append(
            f"The {post.name}, {person.honorific} {person.name} ({spot}), visits {the(zone.name)} {w.when(w.day, vary=False)}."
        )
        title += " (with photos)"
    return title, paragraphs, captions


def mainland_visit_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, world = w.rng, w.world
    post = world.pick_post("hk")
    partner = rng.choice(list(world.city_posts))
    lead = w.official(post)
    hon = f"{lead.person.honorific} {lead.person.surname}"
    place = CAPITALS.get(partner, partner)
    days = rng.randint(2, 4)
    paragraphs = [f"{cap(lead.mid)} arrived in {place} {w.when(w.day)} to begin a {days}-day visit."]
    host = w.official(
        rng.choice(world.city_posts[partner][:3]), apposed=rng.random() < 0.5, article=rng.random() < 0.7
    )
    topic = rng.choice(
        [
            "co-operation between the two places",
            "youth exchanges",
            "trade and investment",
            "innovation and technology co-operation",
        ]
    )
    paragraphs.append(f"In the afternoon, {hon} called on {host.mid} to exchange views on {topic}.")
    if rng.random() < 0.5:
        zone = world.zone(rng.choice(MAINLAND_ZONES))
        paragraphs.append(f"{hon} then visited {w.zone(zone)} to {rng.choice(PURPOSES[:3])}.")
    if rng.random() < 0.4:
        gba = world.zone("Guangdong-Hong Kong-Macao Greater Bay Area")
        paragraphs.append(
            f'{hon} said, "Hong Kong will play an active role in the development of {w.zone(gba)} '
            'and in the overall development of the country."'
        )
    if rng.random() < 0.3:
        paragraphs.append(f"{hon} will return to Hong Kong on {month_day(w.day + timedelta(days=days - 1))}.")
    return f"{post.abbr or post.name} visits {place}", paragraphs, []


def speech_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, world = w.rng, w.world
    post = world.pick_post("hk")
    event = rng.choice(EVENTS)
    if rng.random() < 0.3:  # a zone named only inside an event's name is not a zone mention
        event = f"{rng.choice(['Northern Metropolis', 'Greater Bay Area', 'Science Park'])} {event}"
    year = w.day.year
    speaker = w.official(post)
    paragraphs = [
        f"Following is the speech by {speaker.mid} at the {year} {event} {w.when(w.day, vary=False)}:",
        "Distinguished guests, ladies and gentlemen,",
        SPEECH_LINES[0],
        *rng.sample(SPEECH_LINES[1:-2], 3),
    ]
    if rng.random() < 0.6:
        paragraphs.append(
            f"Take {w.zone(world.pick_zone())} as an example. It will bring new opportunities for industries and for our young people."
        )
    paragraphs.append(rng.choice(SPEECH_LINES[-2:]))
    title = f"Speech by {post.abbr or post.name} at {year} {event}"
    if rng.random() < 0.3:
        title += " (English only)"
    return title, paragraphs, []


def legco_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, world = w.rng, w.world
    member = rng.choice(world.legco_members)
    post = world.pick_post("hk")
    while post.rank > 2:
        post = world.pick_post("hk")
    topic_title, topic = rng.choice(LEGCO_TOPICS)
    replier = w.official(post)
    reply = rng.choice(["a reply", "a written reply"])
    paragraphs = [
        f"Following is a question by the Hon {member.name} and {reply} by {replier.mid} in the Legislative Council {w.when(w.day, vary=False)}:",
        "Question:",
        f"It has been reported that the demand for {topic} has increased in recent years. In this connection, will the Government inform this Council:",
        f"(1) of the measures taken in the past three years to improve {topic}, and the expenditure involved;",
        "(2) whether it will set targets and a timetable for the work concerned; if so, of the details; if not, the reasons for that?",
        "Reply:",
        "President,",
        f"The Government attaches great importance to {topic}. Having consulted the relevant bureaux and departments, our reply to the question is as follows:",
    ]
    if rng.random() < 0.5:
        paragraphs.append(
            f"(1) We have been taking forward the development of {w.zone(world.pick_zone())} to provide space for new industries."
        )
    else:
        paragraphs.append(
            f"(1) {cap(w.org(rng.choice(world.hk_orgs)))} has been following up on the matter closely."
        )
    paragraphs.append(
        "(2) We will keep the targets under review and report the progress to this Council in due course."
    )
    return f"LCQ{rng.randint(1, 22)}: {topic_title}", paragraphs, []


def notice_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, world = w.rng, w.world
    org = rng.choice(world.hk_orgs)
    headline, action = rng.choice(
        [
            (
                "launches public consultation",
                "launched a two-month public consultation on proposals to improve its services",
            ),
            (
                "reminds public of new arrangements",
                "reminded members of the public of the new service arrangements that take effect next month",
            ),
            ("announces results of survey", "announced the results of its latest annual survey"),
            (
                "invites applications for funding scheme",
                "invited applications for a new round of its funding scheme",
            ),
        ]
    )
    paragraphs = [
        f"{cap(w.org(org))} {w.when(w.day)} {action}.",
        f'A spokesman for {w.org(org)} said, "We welcome views from all sectors of the community. Details are available on our website."',
    ]
    if rng.random() < 0.3:
        paragraphs.append(f"The arrangements also cover projects in {w.zone(world.pick_zone())}.")
    return f"{org.abbr if org.abbr and rng.random() < 0.5 else org.name} {headline}", paragraphs, []


def noise_release(w: Writer) -> tuple[str, list[str], list[str]]:
    rng, d = w.rng, w.day
    kind = rng.choice(NOISE)
    if kind == "exchange_rate":
        value = round(rng.uniform(95, 106), 1)
        move = rng.choice(["up 0.1", "down 0.1", "unchanged", "up 0.2", "down 0.2"])
        text = f"The effective exchange rate index for the Hong Kong dollar on {footer_date(d)} is {value} ({move} against yesterday's index)."
        return "Effective Exchange Rate Index", [text], []
    if kind == "weather":
        warning = rng.choice(
            [
                "Very Hot Weather Warning",
                "Cold Weather Warning",
                "Amber Rainstorm Warning Signal",
                "Strong Monsoon Signal",
            ]
        )
        return (
            f"{warning} issued",
            [
                f"The {warning} is now in force. Members of the public are advised to take precautions and to pay attention to the latest weather reports.",
                "People with chronic illnesses should seek medical advice if they feel unwell. Parents should take care of young children.",
            ],
            [],
        )
    if kind == "beaches":
        beaches = rng.sample(
            [
                "Golden Beach",
                "Cafeteria Old Beach",
                "Silverstrand Beach",
                "Clear Water Bay Second Beach",
                "Deep Water Bay Beach",
                "Stanley Main Beach",
            ],
            2,
        )
        return (
            "Red flags hoisted at some beaches",
            [
                f"Red flags have been hoisted at {and_list(beaches)}. Members of the public are advised not to swim at these beaches.",
            ],
            [],
        )
    if kind == "traffic":
        road = rng.choice(
            ["Nathan Road", "Hennessy Road", "Castle Peak Road", "Tai Po Road", "Prince Edward Road West"]
        )
        return (
            f"Temporary traffic arrangements on {road}",
            [
                f"To facilitate road works, a section of {road} will be temporarily closed from 10pm {w.when(d, vary=False)} to 6am the following day.",
                "Motorists are advised to exercise tolerance and patience and to follow the instructions of police officers on site.",
            ],
            [],
        )
    if kind == "water":
        district = rng.choice(["Sha Tin", "Tuen Mun", "Kwun Tong", "Eastern District", "Yuen Long"])
        return (
            f"Temporary suspension of fresh water supply in {district}",
            [
                f"Fresh water supply to some premises in {district} will be temporarily suspended from 11pm on {WEEKDAYS[d.weekday()]} ({month_day(d)}) to 6am the following day for pipeline works.",
                "Consumers are advised to store sufficient water beforehand and to keep their taps closed during the suspension.",
            ],
            [],
        )
    if kind == "closure":
        venue = rng.choice(["Sports Centre", "Public Library", "Swimming Pool", "Community Hall"])
        district = rng.choice(["Wan Chai", "Sham Shui Po", "Tai Po", "Tsuen Wan", "Kwai Tsing"])
        return (
            f"Temporary closure of {district} {venue}",
            [
                f"The {district} {venue} will be temporarily closed for maintenance from {month_day(d + timedelta(days=3))} until further notice.",
                "Members of the public may use other facilities nearby during the closure. We apologise for any inconvenience caused.",
            ],
            [],
        )
    lot = rng.randint(1000, 9999)
    return (
        f"Tender invited for site in {rng.choice(['Tai Po', 'Tuen Mun', 'Kwai Chung'])}",
        [
            f"Tenders are invited for the sale of Lot No. {lot}. The tender will close at noon on {month_day(d + timedelta(days=28))}.",
            "Tender documents, including the conditions of sale and plans, are available for inspection on the website.",
        ],
        [],
    )
