"""The entities of the synthetic world and how they change over time.

People are generated (common Cantonese surnames with generated given names; pinyin names for
Mainland officials); posts, bureaux, departments and zones are real ones; bodies are composed
from kinds and topics. Each post has a sequence of holders over the years, so the same post has
different holders at different dates and a person may move from one post to another.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# --- organisations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Org:
    """An organisation (not a body that meets). `parents` are organisations named inside the name."""

    name: str
    abbr: str | None = None
    parents: tuple[Org, ...] = ()


@dataclass(frozen=True)
class Zone:
    """A development / co-operation zone, park or planned area."""

    name: str
    abbr: str | None = None  # defined in brackets on first mention: "(NM)"
    short: str | None = None  # a later short form: "the Loop", "Qianhai"
    parent: Zone | None = None  # a zone named inside the name


# (bureau, abbreviation, policy area for "Secretary for ...", headline abbreviation of the Secretary)
BUREAUX = [
    ("Development Bureau", "DEVB", "Development", "SDEV"),
    ("Innovation, Technology and Industry Bureau", "ITIB", "Innovation, Technology and Industry", "SITI"),
    ("Constitutional and Mainland Affairs Bureau", "CMAB", "Constitutional and Mainland Affairs", "SCMA"),
    ("Education Bureau", "EDB", "Education", "SED"),
    ("Culture, Sports and Tourism Bureau", "CSTB", "Culture, Sports and Tourism", "SCST"),
    ("Environment and Ecology Bureau", "EEB", "Environment and Ecology", "SEE"),
    ("Transport and Logistics Bureau", "TLB", "Transport and Logistics", "STL"),
    ("Housing Bureau", "HB", "Housing", "SH"),
    ("Security Bureau", "SB", "Security", "S for S"),
    ("Labour and Welfare Bureau", "LWB", "Labour and Welfare", "SLW"),
    ("Health Bureau", "HHB", "Health", None),
    ("Home and Youth Affairs Bureau", "HYAB", "Home and Youth Affairs", "SHYA"),
    ("Financial Services and the Treasury Bureau", "FSTB", "Financial Services and the Treasury", "SFST"),
    ("Commerce and Economic Development Bureau", "CEDB", "Commerce and Economic Development", "SCED"),
    ("Civil Service Bureau", "CSB", "the Civil Service", "SCS"),
]

# (department, abbreviation, head's post, bureau it reports to)
DEPARTMENTS = [
    (
        "Civil Engineering and Development Department",
        "CEDD",
        "Director of Civil Engineering and Development",
        "DEVB",
    ),
    ("Planning Department", "PlanD", "Director of Planning", "DEVB"),
    ("Lands Department", "LandsD", "Director of Lands", "DEVB"),
    ("Buildings Department", "BD", "Director of Buildings", "DEVB"),
    ("Drainage Services Department", "DSD", "Director of Drainage Services", "DEVB"),
    ("Water Supplies Department", "WSD", "Director of Water Supplies", "DEVB"),
    ("Architectural Services Department", "ArchSD", "Director of Architectural Services", "DEVB"),
    ("Highways Department", "HyD", "Director of Highways", "TLB"),
    ("Transport Department", "TD", "Commissioner for Transport", "TLB"),
    ("Marine Department", "MD", "Director of Marine", "TLB"),
    ("Civil Aviation Department", "CAD", "Director-General of Civil Aviation", "TLB"),
    ("Environmental Protection Department", "EPD", "Director of Environmental Protection", "EEB"),
    (
        "Electrical and Mechanical Services Department",
        "EMSD",
        "Director of Electrical and Mechanical Services",
        "EEB",
    ),
    (
        "Agriculture, Fisheries and Conservation Department",
        "AFCD",
        "Director of Agriculture, Fisheries and Conservation",
        "EEB",
    ),
    (
        "Food and Environmental Hygiene Department",
        "FEHD",
        "Director of Food and Environmental Hygiene",
        "EEB",
    ),
    ("Housing Department", "HD", "Director of Housing", "HB"),
    ("Labour Department", "LD", "Commissioner for Labour", "LWB"),
    ("Social Welfare Department", "SWD", "Director of Social Welfare", "LWB"),
    ("Home Affairs Department", "HAD", "Director of Home Affairs", "HYAB"),
    ("Leisure and Cultural Services Department", "LCSD", "Director of Leisure and Cultural Services", "CSTB"),
    ("Immigration Department", "ImmD", "Director of Immigration", "SB"),
    ("Customs and Excise Department", "C&ED", "Commissioner of Customs and Excise", "SB"),
    ("Fire Services Department", "FSD", "Director of Fire Services", "SB"),
    ("Trade and Industry Department", "TID", "Director-General of Trade and Industry", "CEDB"),
    ("Intellectual Property Department", "IPD", "Director of Intellectual Property", "CEDB"),
    ("Census and Statistics Department", "C&SD", "Commissioner for Census and Statistics", "FSTB"),
    ("Rating and Valuation Department", "RVD", "Commissioner of Rating and Valuation", "FSTB"),
    ("Innovation and Technology Commission", "ITC", "Commissioner for Innovation and Technology", "ITIB"),
    ("Digital Policy Office", "DPO", "Commissioner for Digital Policy", "ITIB"),
    ("Invest Hong Kong", "InvestHK", "Director-General of Investment Promotion", "CEDB"),
    ("Information Services Department", "ISD", "Director of Information Services", None),
]

# departments whose head's post names the department itself: post -> department
NAMED_IN_POST = [
    ("Director of the Hong Kong Observatory", "Hong Kong Observatory", "HKO", "EEB"),
    ("Chief Executive of the Hong Kong Monetary Authority", "Hong Kong Monetary Authority", "HKMA", "FSTB"),
    ("Director of the Chief Executive's Office", "Chief Executive's Office", None, None),
]

# statutory bodies, companies, chambers and universities: (name, abbreviation, posts)
PUBLIC_BODIES = [
    ("Hong Kong Trade Development Council", "HKTDC", ("Chairman", "Executive Director")),
    ("Hong Kong Science and Technology Parks Corporation", "HKSTP", ("Chairman", "Chief Executive Officer")),
    ("Hong Kong Cyberport Management Company Limited", None, ("Chairman", "Chief Executive Officer")),
    ("Airport Authority Hong Kong", "AAHK", ("Chairman", "Chief Executive Officer")),
    ("Urban Renewal Authority", "URA", ("Chairman", "Managing Director")),
    ("Hong Kong Productivity Council", "HKPC", ("Chairman", "Executive Director")),
    ("Hong Kong Tourism Board", "HKTB", ("Chairman", "Executive Director")),
    ("Hong Kong Housing Society", None, ("Chairman",)),
    (
        "Hong Kong-Shenzhen Innovation and Technology Park Limited",
        "HSITPL",
        ("Chairman", "Chief Executive Officer"),
    ),
    ("Hong Kong General Chamber of Commerce", None, ("Chairman",)),
    ("Chinese General Chamber of Commerce", None, ("Chairman",)),
    ("Federation of Hong Kong Industries", None, ("Chairman",)),
    ("Hong Kong Exchanges and Clearing Limited", "HKEX", ("Chairman", "Chief Executive Officer")),
    ("University of Hong Kong", "HKU", ("President and Vice-Chancellor of",)),
    ("Chinese University of Hong Kong", "CUHK", ("Vice-Chancellor and President of",)),
    ("Hong Kong University of Science and Technology", "HKUST", ("President of",)),
    ("Hong Kong Polytechnic University", "PolyU", ("President of",)),
    ("City University of Hong Kong", "CityU", ("President of",)),
    ("Hong Kong Baptist University", "HKBU", ("President and Vice-Chancellor of",)),
    ("Lingnan University", None, ("President of",)),
    ("Education University of Hong Kong", "EdUHK", ("President of",)),
    ("Hong Kong Metropolitan University", "HKMU", ("President of",)),
]

HKSAR_GOVERNMENT = Org("Hong Kong Special Administrative Region Government")
STATE_COUNCIL = Org("State Council")
CENTRAL_GOVERNMENT = Org("Central People's Government")
HKMAO = Org("Hong Kong and Macao Affairs Office of the State Council", None, (STATE_COUNCIL,))
LIAISON_OFFICE = Org(
    "Liaison Office of the Central People's Government in the HKSAR", None, (CENTRAL_GOVERNMENT,)
)

# Mainland cities (with a municipal government) and provinces
CITIES = [
    "Shenzhen",
    "Guangzhou",
    "Zhuhai",
    "Foshan",
    "Dongguan",
    "Huizhou",
    "Zhongshan",
    "Jiangmen",
    "Zhaoqing",
]
FAR_CITIES = ["Shanghai", "Beijing", "Chongqing", "Tianjin", "Hangzhou", "Wuhan", "Chengdu", "Xiamen"]
PROVINCES = ["Guangdong", "Fujian", "Sichuan", "Hubei", "Jiangsu", "Zhejiang", "Hainan", "Guangxi"]
# Mainland municipal departments that send representatives
MAINLAND_DEPTS = [
    "Development and Reform Commission",
    "Commerce Bureau",
    "Bureau of Planning and Natural Resources",
    "Science, Technology and Innovation Commission",
    "Transport Bureau",
    "Education Bureau",
    "Industry and Information Technology Bureau",
    "Justice Bureau",
    "Housing and Construction Bureau",
    "Ecology and Environment Bureau",
]

# --- zones ---------------------------------------------------------------------------------

NM = Zone("Northern Metropolis", "NM")
HETAO = Zone(
    "Hetao Shenzhen-Hong Kong Science and Technology Innovation Co-operation Zone",
    short="Hetao Co-operation Zone",
)
LOOP = Zone("Lok Ma Chau Loop", short="the Loop")
ZONES = [
    NM,
    Zone("Guangdong-Hong Kong-Macao Greater Bay Area", "GBA", short="Greater Bay Area"),
    LOOP,
    Zone("San Tin Technopole"),
    Zone("Hong Kong Science Park"),
    Zone("Qianhai Shenzhen-Hong Kong Modern Service Industry Co-operation Zone", short="Qianhai"),
    HETAO,
    Zone("Hong Kong-Shenzhen Innovation and Technology Park", "HSITP"),
    Zone(
        "Hong Kong Park of the Hetao Shenzhen-Hong Kong Science and Technology Innovation Co-operation Zone",
        parent=HETAO,
    ),
    Zone("Cyberport"),
    Zone("Hengqin Guangdong-Macao In-depth Co-operation Zone", short="Hengqin"),
    Zone("Hung Shui Kiu/Ha Tsuen New Development Area", "HSK/HT NDA"),
    Zone("Kwu Tung North New Development Area"),
    Zone("Fanling North New Development Area"),
    Zone("Kai Tak Development Area"),
    Zone("Tseung Kwan O InnoPark"),
    Zone("Yuen Long InnoPark"),
    Zone("Tai Po InnoPark"),
    Zone("Shenzhen Innovation and Technology Zone"),
    Zone("Nansha New Area", short="Nansha"),
    Zone("Pearl River Delta Region"),
    Zone("Kau Yi Chau Artificial Islands"),
    Zone("Tung Chung New Town Extension"),
    Zone("Northern Metropolis University Town"),
]

# --- people --------------------------------------------------------------------------------

SURNAMES = (
    "Chan Wong Lee Cheung Lau Ho Ng Leung Lam Tsang Yip Tang Fung Chow Kwok Yeung Mak Lo Tam Chu Tse Poon "
    "Siu Ma Cheng Choi Hui Kwan Law Yu So Au Ip Ko Lai Luk Mok Pang Shek Sze Tong Tsui Wan Yuen Chiu Fong "
    "Kong Lui Man Ngai Shum Tai To Wai Yim Chung Hung Kan"
).split()
SYLLABLES = (
    "ka wai chi kin siu man ming kwok yuk hoi sze pui wing yan tsz hin lok chun ho kit fai keung kwan lun "
    "mei ling shan ting yee fung hung kei kiu lap nam on po sum tak tin tsun wah yat yiu chung hang hei kai "
    "kuen lai lim mo pak shing suet tung yin yung"
).split()
FORENAMES_M = (
    "Alvin Barton Cedric Dexter Elton Felix Gordon Horace Isaac Jasper Kelvin Lester Marvin Norris Oscar "
    "Porter Quentin Rupert Sheldon Trevor Ulric Vernon Wilfred Xavier Yancy Zachary Ambrose Basil Clement Desmond"
).split()
FORENAMES_F = (
    "Alberta Beatrix Cordelia Delphine Estella Florence Gwendolyn Harriet Imogen Josephine Katrina Lorraine "
    "Marianne Nerissa Octavia Philippa Rosalind Serena Theodora Ursula Veronica Winifred Yolanda Zelda"
).split()
PINYIN_SURNAMES = (
    "Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Luo Liang Song Zheng Xie Han "
    "Feng Dong Xiao Cao Yuan Deng Fu Shen Zeng Peng Su Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia "
    "Zhong Tian Ren Fan Fang Shi Yao Tan"
).split()
PINYIN_SYLLABLES = (
    "ming yuan hua jian guo wei zhi xiao hong jun ping qiang lin feng hai yun tao bo chen dong fang gang hui "
    "jie kai lei long nan peng qing rui shan tian wen xin yang yong zhen zhong"
).split()
# names of real officials that happen to have the generated form are never given to anyone
AVOID = {
    "Chan Kwok-ki",
    "Tang Ping-keung",
    "Choi Yuk-lin",
    "Lau Kong-wah",
    "Tsang Kwok-wai",
    "Cheung Kin-chung",
    "Chan Tai-man",
    "Wong Siu-ming",
    "Lee Chi-wai",
    "Lau Chi-keung",
    "Ng Wai-kit",
    "Cheung Hoi-lam",
    "Ho Siu-fong",
    "Lam Ka-fai",
    "Yeung Kin-fai",
    "Chow Man-kong",
    "Ma Xingrui",
    "Wang Shourui",
    "Lu Ruifeng",
    "Zheng Yanxiong",
    "Xin Changxing",
    "Ai Xuefeng",
    "Huang Liuquan",
    "Ying Yong",
    "Yin Yong",
    "Zhou Limin",
}


@dataclass(frozen=True, eq=False)
class Person:
    """A generated person (one object per person: compared by identity)."""

    name: str  # without honorific
    surname: str  # for "Mr Chan said"
    honorific: str  # "Mr", "Ms", "Dr", "Professor", ...
    mainland: bool = False


@dataclass
class Post:
    """An official position and who held it when."""

    name: str
    side: str  # "hk" | "mainland" | "other"
    weight: float  # how often the post is named in releases
    abbr: str | None = None  # used in headlines: "SDEV visits ..."
    orgs: tuple[Org, ...] = ()  # organisations named inside the post's own name
    bureau: str | None = None  # the HK bureau it belongs to (abbreviation), for choosing colleagues
    city: str | None = None  # the Mainland city or province of a Mainland post
    rank: int = 3  # 1 top official ... 4 deputy
    starts: list[date] = field(default_factory=list)
    holders: list[Person] = field(default_factory=list)

    def holder(self, day: date) -> Person:
        i = bisect.bisect_right(self.starts, day) - 1
        return self.holders[max(i, 0)]


@dataclass
class Body:
    """A collective body that meets: its chairs, who attends, and how often it meets."""

    name: str
    kind: str  # TaskForce, Committee, WorkingGroup, Commission, JointConference, ...
    topic: str  # entity-free phrase for the text: "harbourfront development"
    weight: float
    chair_posts: list[Post]
    attendee_posts: list[Post]
    represented: list[Org]
    abbr: str | None = None
    meeting_word: str = "meeting"  # "Plenary", "Plenary Session"
    partner: str | None = None  # the Mainland city/province of a joint body
    counterpart_posts: list[Post] = field(default_factory=list)
    partner_orgs: list[Org] = field(default_factory=list)
    zone: Zone | None = None
    venue: str | None = None  # usual meeting place
    members: list[Person] = field(default_factory=list)  # non-official members
    held: int = 0  # meetings held so far (the next ordinal is held + 1)


# topics of bodies: (as in the body's name, as in running text)
TOPICS = [
    ("Harbourfront Development", "harbourfront development"),
    ("Population Policy", "population policy"),
    ("Land Supply", "land supply"),
    ("Talent Attraction", "talent attraction"),
    ("Smart City Development", "smart city development"),
    ("Youth Development", "youth development"),
    ("Elderly Services", "elderly services"),
    ("Poverty Alleviation", "poverty alleviation"),
    ("Cross-boundary Transport", "cross-boundary transport"),
    ("Boundary District Development", "boundary district development"),
    ("Innovation and Technology Development", "innovation and technology development"),
    ("Green Finance", "green finance"),
    ("Carbon Neutrality", "carbon neutrality"),
    ("Heritage Conservation", "heritage conservation"),
    ("Sports Development", "sports development"),
    ("Mega Events", "mega events"),
    ("Tourism Development", "tourism development"),
    ("Logistics Development", "logistics development"),
    ("Maritime and Port Development", "maritime and port development"),
    ("Aviation Development", "aviation development"),
    ("Primary Healthcare", "primary healthcare"),
    ("Mental Health", "mental health"),
    ("Road Safety", "road safety"),
    ("Water Resources", "water resources management"),
    ("Waste Reduction", "waste reduction and recycling"),
    ("Building Safety", "building safety"),
    ("Public Housing Construction", "public housing construction"),
    ("Transitional Housing", "transitional housing"),
    ("Digital Economy", "the digital economy"),
    ("Financial Technology", "financial technology"),
    ("Cultural Facilities", "cultural facilities"),
    ("Arts Development", "arts development"),
    ("Creative Industries", "the creative industries"),
    ("Professional Services", "professional services"),
    ("Trade Promotion", "trade promotion"),
    ("Belt and Road Co-operation", "Belt and Road co-operation"),
    ("Traditional Chinese Medicine", "traditional Chinese medicine"),
    ("Food Safety", "food safety"),
    ("Climate Change", "climate change"),
    ("Air Quality", "air quality"),
    ("Cross-boundary Students", "the arrangements for cross-boundary students"),
    ("District Governance", "district governance"),
    ("Government Productivity", "government productivity"),
    ("Manpower Planning", "manpower planning"),
    ("Vocational and Professional Education", "vocational and professional education"),
    ("Life and Health Technology", "life and health technology"),
    ("New Industrialisation", "new industrialisation"),
    ("Data Governance", "data governance"),
    ("Slope Safety", "slope safety"),
    ("Flood Prevention", "flood prevention"),
]
KINDS = [
    ("Task Force on {}", "TaskForce", 3.0),
    ("Steering Committee on {}", "Committee", 3.0),
    ("Committee on {}", "Committee", 2.0),
    ("Working Group on {}", "WorkingGroup", 2.0),
    ("Advisory Committee on {}", "Committee", 1.5),
    ("Commission on {}", "Commission", 1.0),
    ("Expert Group on {}", "ExpertGroup", 0.8),
    ("Inter-departmental Working Group on {}", "WorkingGroup", 0.8),
]
VENUES = [
    "Central Government Offices",
    "Government House",
    "North Point Government Offices",
    "Kowloon Tong Education Services Centre",
]
MAINLAND_SHARE = 0.3  # of the pool of people
NON_OFFICIALS = 300  # people who hold no post: 90 legislators, the rest members of bodies
SMALL_WORDS = {"on", "the", "of", "and", "for", "in"}


def ordinal_digits(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORD = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def ordinal_words(n: int) -> str:
    """1 -> "first", 22 -> "twenty-second", 123 -> "one hundred and twenty-third" (up to 999)."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return f"{_UNITS[hundreds]} hundredth"
        return f"{_UNITS[hundreds]} hundred and {ordinal_words(rest)}"
    if n < 20:
        word = _UNITS[n]
        return _ORD.get(word, word + "th")
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens][:-1] + "ieth"
    return f"{_TENS[tens]}-{ordinal_words(unit)}"


def initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w not in SMALL_WORDS and w[0].isupper())


class World:
    """All entities, drawn from `rng`; holders of posts change between `start` and `end`."""

    def __init__(
        self, rng: random.Random, start: date, end: date, people: int = 2000, bodies: int = 220
    ) -> None:
        self.rng, self.start, self.end = rng, start, end
        self.orgs: dict[str, Org] = {}
        self.posts: list[Post] = []
        self._make_orgs_and_posts()
        self._assign_holders(people)
        self.legco_members = self.non_officials[:90]
        self.zones = ZONES
        self.zone_weights = list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(ZONES))))
        self.bodies = self._make_bodies(bodies)
        self.body_weights = list(itertools.accumulate(b.weight for b in self.bodies))
        self.post_weights = {
            side: (ps, list(itertools.accumulate(p.weight for p in ps)))
            for side in ("hk", "mainland", "other")
            for ps in [[p for p in self.posts if p.side == side]]
        }

    # -- organisations and posts

    def _org(self, name: str, abbr: str | None = None, parents: tuple[Org, ...] = ()) -> Org:
        org = self.orgs.get(name) or Org(name, abbr, parents)
        self.orgs[name] = org
        return org

    def _post(self, name: str, side: str, weight: float, **kw) -> Post:
        jitter = self.rng.lognormvariate(0, 0.6)
        post = Post(name, side, weight * jitter, **kw)
        self.posts.append(post)
        return post

    def _make_orgs_and_posts(self) -> None:
        self.bureaux: dict[str, Org] = {}
        self.departments: dict[str, list[Org]] = {}
        self.by_bureau: dict[str, list[Post]] = {}
        self.top: dict[str, Post] = {}
        for name, rank, weight, abbr in [
            ("Chief Executive", 1, 12.0, "CE"),
            ("Chief Secretary for Administration", 1, 8.0, "CS"),
            ("Financial Secretary", 1, 8.0, "FS"),
            ("Secretary for Justice", 1, 3.0, "SJ"),
            ("Deputy Chief Secretary for Administration", 2, 2.5, "DCS"),
            ("Deputy Financial Secretary", 2, 2.5, "DFS"),
            ("Deputy Secretary for Justice", 2, 0.8, None),
        ]:
            self.top[abbr or name] = self._post(name, "hk", weight, abbr=abbr, rank=rank)
        for name, abbr, area, sec_abbr in BUREAUX:
            self.bureaux[abbr] = self._org(name, abbr)
            self.by_bureau[abbr] = [
                self._post(f"Secretary for {area}", "hk", 4.0, abbr=sec_abbr, bureau=abbr, rank=2),
                self._post(f"Under Secretary for {area}", "hk", 1.5, bureau=abbr, rank=3),
                self._post(f"Permanent Secretary for {area}", "hk", 1.2, bureau=abbr, rank=3),
                self._post(f"Deputy Secretary for {area}", "hk", 0.3, bureau=abbr, rank=4),
                self._post(f"Political Assistant to Secretary for {area}", "hk", 0.3, bureau=abbr, rank=4),
            ]
        for name, abbr, head, bureau in DEPARTMENTS:
            org = self._org(name, abbr)
            self.departments.setdefault(bureau or "", []).append(org)
            deputy = head.replace("Director-General", "Deputy Director-General", 1)
            if deputy == head:
                deputy = "Deputy " + head
            posts = [
                self._post(head, "hk", 1.0, bureau=bureau, rank=3),
                self._post(deputy, "hk", 0.3, bureau=bureau, rank=4),
            ]
            if head.startswith("Director of "):
                posts.append(
                    self._post(
                        head.replace("Director", "Assistant Director", 1), "hk", 0.15, bureau=bureau, rank=4
                    )
                )
            self.by_bureau.setdefault(bureau or "", []).extend(posts)
        for post_name, name, abbr, bureau in NAMED_IN_POST:
            org = self._org(name, abbr)
            if bureau:
                self.departments.setdefault(bureau, []).append(org)
            post = self._post(post_name, "hk", 0.8, orgs=(org,), bureau=bureau, rank=3)
            self.by_bureau.setdefault(bureau or "", []).append(post)
        self.public_bodies: list[Org] = []
        self.other_posts: list[Post] = []
        for name, abbr, posts in PUBLIC_BODIES:
            org = self._org(name, abbr)
            self.public_bodies.append(org)
            for title in posts:
                post_name = f"{title} the {name}" if title.endswith(" of") else f"{title} of the {name}"
                self.other_posts.append(self._post(post_name, "other", 0.6, orgs=(org,), rank=3))
        self.city_posts: dict[str, list[Post]] = {}
        self.dept_posts: dict[str, list[Post]] = {}  # heads of Mainland municipal departments
        self.city_orgs: dict[str, list[Org]] = {}
        for i, city in enumerate(CITIES + FAR_CITIES):
            weight = 3.0 if city == "Shenzhen" else 1.5 if i < len(CITIES) else 0.6
            gov = self._org(f"{city} Municipal People's Government")
            posts = [
                self._post(f"Mayor of {city}", "mainland", weight, city=city, rank=1),
                self._post(f"Vice Mayor of {city}", "mainland", weight * 0.8, city=city, rank=2),
                self._post(
                    f"Vice Mayor of the {gov.name}", "mainland", weight * 0.5, orgs=(gov,), city=city, rank=2
                ),
                self._post(
                    f"Executive Vice Mayor of the {gov.name}",
                    "mainland",
                    weight * 0.4,
                    orgs=(gov,),
                    city=city,
                    rank=2,
                ),
                self._post(
                    f"Secretary-General of the {gov.name}",
                    "mainland",
                    weight * 0.3,
                    orgs=(gov,),
                    city=city,
                    rank=3,
                ),
            ]
            self.city_posts[city] = posts
            depts = [self._org(f"{city} Municipal {d}") for d in MAINLAND_DEPTS]
            depts.append(self._org(f"Hong Kong and Macao Affairs Office of the {gov.name}", None, (gov,)))
            self.city_orgs[city] = [gov, *depts]
            self.dept_posts[city] = [
                self._post(
                    f"Director of the {d.name}",
                    "mainland",
                    weight * 0.1,
                    orgs=(d, *d.parents),
                    city=city,
                    rank=4,
                )
                for d in depts
            ]
        for prov in PROVINCES:
            weight = 2.5 if prov == "Guangdong" else 0.7
            gov = self._org(f"{prov} Provincial People's Government")
            self.city_posts[prov] = [
                self._post(f"Governor of {prov} Province", "mainland", weight, city=prov, rank=1),
                self._post(f"Vice Governor of {prov} Province", "mainland", weight * 0.8, city=prov, rank=2),
                self._post(
                    f"Executive Vice Governor of the {gov.name}",
                    "mainland",
                    weight * 0.4,
                    orgs=(gov,),
                    city=prov,
                    rank=2,
                ),
            ]
            depts = [self._org(f"{prov} Provincial {d}") for d in MAINLAND_DEPTS[:4]]
            self.city_orgs[prov] = [gov, *depts]
            self.dept_posts[prov] = [
                self._post(
                    f"Director of the {d.name}", "mainland", weight * 0.1, orgs=(d,), city=prov, rank=4
                )
                for d in depts
            ]
        self.central_posts = [
            self._post(
                f"Deputy Director of the {HKMAO.name}", "mainland", 0.8, orgs=(HKMAO, STATE_COUNCIL), rank=2
            ),
            self._post(
                f"Director of the {LIAISON_OFFICE.name}",
                "mainland",
                0.8,
                orgs=(LIAISON_OFFICE, CENTRAL_GOVERNMENT),
                rank=1,
            ),
            self._post(
                f"Deputy Director of the {LIAISON_OFFICE.name}",
                "mainland",
                0.8,
                orgs=(LIAISON_OFFICE, CENTRAL_GOVERNMENT),
                rank=2,
            ),
        ]
        for org in (STATE_COUNCIL, CENTRAL_GOVERNMENT, HKMAO, LIAISON_OFFICE, HKSAR_GOVERNMENT):
            self.orgs[org.name] = org
        # Hong Kong organisations that issue notices or are named in replies
        self.hk_orgs = [
            *self.bureaux.values(),
            *(o for os in self.departments.values() for o in os),
            *self.public_bodies,
        ]

    # -- people

    def _make_people(self, count: int, mainland_share: float) -> tuple[list[Person], list[Person]]:
        rng, seen = self.rng, set(AVOID)
        hk: list[Person] = []
        mainland: list[Person] = []
        n_mainland = round(count * mainland_share)
        while len(mainland) < n_mainland:
            surname = rng.choice(PINYIN_SURNAMES)
            given = rng.choice(PINYIN_SYLLABLES) + rng.choice(PINYIN_SYLLABLES)
            name = f"{surname} {given.capitalize()}"
            if name not in seen:
                seen.add(name)
                female = rng.random() < 0.25
                mainland.append(Person(name, surname, "Ms" if female else "Mr", True))
        while len(hk) < count - n_mainland:
            surname = rng.choice(SURNAMES)
            a, b = rng.sample(SYLLABLES, 2)
            female = rng.random() < 0.45
            name = f"{surname} {a.capitalize()}-{b}"
            if rng.random() < 0.22:
                name = f"{rng.choice(FORENAMES_F if female else FORENAMES_M)} {name}"
            if name in seen:
                continue
            seen.add(name)
            r = rng.random()
            if r < 0.10:
                honorific = "Dr"
            elif r < 0.14:
                honorific = "Professor"
            elif r < 0.16:
                honorific = "Ir"
            elif female:
                honorific = rng.choices(["Ms", "Mrs", "Miss"], [80, 12, 8])[0]
            else:
                honorific = "Mr"
            hk.append(Person(name, surname, honorific))
        return hk, mainland

    def _assign_holders(self, people: int) -> None:
        """Terms of office for every post, filled in date order by new or experienced people.

        Some terms go to people who held another post before (always, once the pool of new people
        of that side is used up)."""
        rng = self.rng
        span_start = self.start - timedelta(days=3 * 365)
        slots: list[tuple[date, int, Post]] = []
        for i, post in enumerate(self.posts):
            t = span_start + timedelta(days=rng.randrange(0, 3 * 365))
            while t <= self.end:
                slots.append((t, i, post))
                t += timedelta(days=int(rng.uniform(1.2, 4.5) * 365))
        hk, self.mainland_people = self._make_people(people, MAINLAND_SHARE)
        # some people never hold a post: legislators and non-official members of bodies
        self.non_officials, self.hk_people = hk[:NON_OFFICIALS], hk[NON_OFFICIALS:]
        slots.sort(key=lambda s: (s[0], s[1]))
        fresh = {"hk": self.hk_people, "other": self.hk_people, "mainland": self.mainland_people}
        used = {False: 0, True: 0}  # next fresh person per pool
        free_since: dict[str, date] = {}
        veterans: dict[bool, list[Person]] = {False: [], True: []}
        current: dict[int, Person] = {}
        for start, i, post in slots:
            mainland = post.side == "mainland"
            pool = fresh[post.side]
            if i in current:  # the outgoing holder becomes free
                free_since[current[i].name] = start
                veterans[mainland].append(current[i])
            ready = [p for p in veterans[mainland][-40:] if free_since.get(p.name, self.end) <= start]
            if ready and (rng.random() < 0.2 or used[mainland] >= len(pool)):
                person = rng.choice(ready)
                veterans[mainland].remove(person)
                free_since.pop(person.name, None)
            else:
                if used[mainland] >= len(pool):  # pool used up: someone who held a post before
                    person = rng.choice(ready or veterans[mainland] or pool)
                else:
                    person = pool[used[mainland]]
                    used[mainland] += 1
            if post.name.startswith("President") or post.name.startswith("Vice-Chancellor"):
                person = Person(person.name, person.surname, "Professor", person.mainland)
            current[i] = person
            post.starts.append(start)
            post.holders.append(person)
        self.non_officials += self.hk_people[used[False] :]

    # -- bodies

    def _make_bodies(self, count: int) -> list[Body]:
        rng = self.rng
        bodies: list[Body] = []
        names: set[str] = set()
        hk_posts = [p for p in self.posts if p.side == "hk"]
        chairs_pool = [p for p in hk_posts if p.rank <= 3]
        # joint bodies with Mainland partners meet often: they lead the ranking
        for partner, city_post_rank in [
            ("Guangdong", 1),
            ("Shenzhen", 1),
            ("Shanghai", 1),
            ("Beijing", 1),
            ("Fujian", 1),
        ]:
            word = "Co-operation Joint Conference" if partner in PROVINCES else "Co-operation Conference"
            meeting_word = "Plenary" if partner in PROVINCES else "Plenary Session"
            bodies.append(
                self._body(
                    f"Hong Kong/{partner} {word}",
                    "JointConference",
                    "co-operation between the two places",
                    [self.top["CE"]],
                    partner=partner,
                    meeting_word=meeting_word,
                    counterpart_rank=city_post_rank,
                    start_held=rng.randrange(2, 22),
                )
            )
        joint_zone_bodies = [
            (f"Joint Task Force on the Development of the {z.name}", z)
            for z in (
                self.zone("Hong Kong-Shenzhen Innovation and Technology Park"),
                self.zone("Lok Ma Chau Loop"),
            )
        ] + [
            (f"Hong Kong-Shenzhen Joint Task Force on {t}", None)
            for t in (
                "Boundary District Development",
                "Innovation and Technology Co-operation",
                "Cross-boundary Infrastructure",
            )
        ]
        for name, zone in joint_zone_bodies:
            bodies.append(
                self._body(
                    name,
                    "TaskForce",
                    "co-operation between the two places",
                    [self.by_bureau[rng.choice(["ITIB", "DEVB", "CMAB"])][0]],
                    partner="Shenzhen",
                    counterpart_rank=2,
                    zone=zone,
                    start_held=rng.randrange(0, 12),
                )
            )
        for zone_name in (
            "Northern Metropolis",
            "San Tin Technopole",
            "Kai Tak Development Area",
            "Hung Shui Kiu/Ha Tsuen New Development Area",
        ):
            zone = self.zone(zone_name)
            bodies.append(
                self._body(
                    f"Steering Committee on the {zone.name}",
                    "Committee",
                    "the planning and development of the area",
                    [self.top[rng.choice(["CE", "CS", "FS", "DFS"])]],
                    zone=zone,
                    start_held=rng.randrange(0, 6),
                )
            )
        combos = [(k, t) for k in KINDS for t in TOPICS]
        rng.shuffle(combos)
        for (pattern, kind, _), (title, text) in combos:
            if len(bodies) >= count:
                break
            name = pattern.format(title)
            if name in names:
                continue
            names.add(name)
            n_chairs = 2 if rng.random() < 0.15 else 1
            chairs = rng.sample(chairs_pool, n_chairs)
            bodies.append(
                self._body(name, kind, text, chairs, start_held=rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20]))
            )
        # a few bodies meet often, most rarely (weights fall off as 1/rank): the busiest are
        # steering committees, joint task forces and some others; joint conferences meet yearly
        conferences = [b for b in bodies if b.kind == "JointConference"]
        special = [b for b in bodies[: len(joint_zone_bodies) + 9] if b.kind != "JointConference"]
        others = bodies[len(joint_zone_bodies) + 9 :]
        rng.shuffle(special)
        rng.shuffle(others)
        ranked = special[:6] + others[:4] + special[6:] + others[4:20] + conferences + others[20:]
        for rank, body in enumerate(ranked):
            body.weight = 1.0 / (rank + 1) ** 1.05
        bodies = ranked
        return bodies

    def _body(
        self,
        name: str,
        kind: str,
        topic: str,
        chairs: list[Post],
        *,
        partner: str | None = None,
        meeting_word: str = "meeting",
        counterpart_rank: int = 2,
        zone: Zone | None = None,
        start_held: int = 0,
    ) -> Body:
        rng = self.rng
        bureaux = {p.bureau for p in chairs if p.bureau} or {rng.choice(list(self.bureaux))}
        bureaux |= set(rng.sample(list(self.bureaux), rng.randrange(1, 4)))
        attendees = [p for b in sorted(bureaux) for p in self.by_bureau.get(b, []) if p not in chairs]
        attendees = rng.sample(attendees, min(len(attendees), rng.randrange(3, 8)))
        represented = [self.bureaux[b] for b in sorted(bureaux)]
        represented += [d for b in sorted(bureaux) for d in self.departments.get(b, [])[:3]]
        if rng.random() < 0.3:
            represented.append(rng.choice(self.public_bodies))
        represented = rng.sample(represented, len(represented))
        body = Body(
            name=name,
            kind=kind,
            topic=topic,
            weight=1.0,
            chair_posts=chairs,
            attendee_posts=attendees,
            represented=represented,
            meeting_word=meeting_word,
            partner=partner,
            zone=zone,
            held=start_held,
        )
        if partner:
            posts = self.city_posts[partner]
            body.counterpart_posts = [p for p in posts if p.rank == counterpart_rank] or posts[:1]
            body.partner_orgs = self.city_orgs[partner]
        elif rng.random() < 0.45:
            abbr = initials(name)
            taken = {o.abbr for o in self.orgs.values()} | {z.abbr for z in ZONES}
            body.abbr = abbr if abbr not in taken else None
        if not partner and rng.random() < 0.4:
            body.venue = rng.choice(VENUES)
        if kind in ("Committee", "Commission", "TaskForce") and not partner:
            # non-official members: people often sit on several bodies
            body.members = rng.sample(self.non_officials[90:], rng.randrange(3, 9))
        return body

    # -- look-ups

    def zone(self, name: str) -> Zone:
        return next(z for z in ZONES if z.name == name)

    def pick_body(self) -> Body:
        return self.rng.choices(self.bodies, cum_weights=self.body_weights)[0]

    def pick_zone(self) -> Zone:
        return self.rng.choices(self.zones, cum_weights=self.zone_weights)[0]

    def pick_post(self, side: str = "hk") -> Post:
        posts, weights = self.post_weights[side]
        return self.rng.choices(posts, cum_weights=weights)[0]

    def colleagues(self, post: Post, n: int) -> list[Post]:
        """Other HK posts, of the same bureau where `post` has one, of the same rank or lower,
        for people who come along."""
        pool = list(self.by_bureau.get(post.bureau, [])) if post.bureau else []
        pool = self.rng.sample(pool, len(pool)) + [self.pick_post("hk") for _ in range(n + 4)]
        out: list[Post] = []
        for p in pool:
            if p is not post and p not in out and p.rank >= max(post.rank, 2):
                out.append(p)
        return out[:n]
