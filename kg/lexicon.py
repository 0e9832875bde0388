"""The one lexicon: every word list the recognisers and the resolver classify by, each once.

The calendar; posts (head words, modifiers, abbreviations) and personal names (surnames,
particles, words that are never names); honorifics and post-nominal letters; organisations,
zones, bodies, events and places (head nouns and the class each suggests, qualifiers, stop
words); bodies that meet and the cities they meet in. Recognisers build their expressions and
token tests from these lists; kg.resolve classifies organisations by `organisation_class`.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# The calendar

MONTH_NAMES = tuple(
    "January February March April May June July August September October November December".split()
)
WEEKDAY_NAMES = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
MONTHS = frozenset(MONTH_NAMES)
WEEKDAYS = frozenset(WEEKDAY_NAMES)

# The noun a post is named by: "Secretary for ...", "Vice Mayor of ...", "Guangdong Governor".
POST_HEADS = frozenset(
    """Secretary Secretary-General Director Director-General Commissioner Chairman Chairwoman
    Chairperson Chairlady Chair Co-Chairman Co-chairman Vice-Chairman Vice-Chairperson Vice-Chairwoman
    Vice-Chair Convenor Convener Co-convenor Mayor Vice-Mayor Governor Vice-Governor Lieutenant-Governor
    President Vice-President Premier Vice-Premier Minister Head Controller Ombudsman Ambassador
    Consul Consul-General Chancellor Vice-Chancellor Pro-Vice-Chancellor Dean Provost Registrar
    Member Officer Manager Commander Commandant Spokesman Spokeswoman Spokesperson Judge Magistrate
    Coroner Postmaster Postmaster-General Auditor Adviser Advisor Counsellor Counselor Envoy Leader
    Economist Statistician Librarian Curator Superintendent Inspector Treasurer Accountant
    Solicitor Administrator Editor CEO Deputy Attorney Prosecutor Comptroller
    Marshal Councillor Legislator Delegate Representative Patron Partner Founder Co-founder Principal
    Chief-of-Staff Supervisor Pastor Chaplain Counsel""".split()
)
# Words that come before a head inside a post: "Permanent Secretary", "Executive Vice Mayor".
POST_MODIFIERS = frozenset(
    """Deputy Vice Permanent Under Acting Assistant Principal Executive Chief Senior Associate
    Honorary Political Financial Administrative Private Press Government General Joint Co
    Managing First Second Regional Resident Special Founding Non-executive Independent Party
    Prime Consul Lieutenant Solicitor Director Attorney Postmaster Accountant""".split()
)
# Posts written only as their abbreviation before a news-style name ("CE Carrie Lam"): they name the
# person but give no tenure (the post is not written out).
POST_ABBREVIATIONS = frozenset("CE CS FS SJ DFS DCS DSJ".split())
# Lower-case nouns that describe a company named after them inside a post: "Founder of medical
# technology company Yidu Tech".
COMPANY_NOUNS = frozenset(
    """company firm group start-up startup enterprise developer manufacturer maker operator bank
    brand platform provider conglomerate unicorn studio agency consultancy""".split()
)
# Lower-case words that may sit inside a post or organisation name.
CONNECTORS = frozenset("of for and the in on to at de du la des cum".split())
# Name particles written in lower case: "Mohamed bin Hadi", "Ursula von der Leyen".
NAME_PARTICLES = frozenset("bin binti bint van von der de da del dos di al le la".split())

# Capitalised words that never start or continue a personal name.
NON_NAME = (
    frozenset(
        """The A An And Of In On At For To By With From As But Or Nor If Yet I He She We They It His
    Her Its Our Their This That These Those Both All Also Meanwhile Today Tomorrow Yesterday
    Government Bureau Department Office Council
    Committee Commission Authority Hong Kong HKSAR SAR Legislative Executive Mainland Chinese Central
    Special Administrative Region People's Republic China Municipal Provincial Province City
    District Limited Ltd Company Corporation University Mr Mrs Ms Miss Dr Professor Prof Ir Sr Sir
    Dame Hon Madam Mdm Lord Lady Secretary Director Chairman Chairperson Members Member Reporter
    Question Answer Reply President Premier Mayor Governor Minister Chief Deputy Vice Under
    Permanent Commissioner Head Photo Photos Note Notes Ends Issued Annex Appendix Please""".split()
    )
    | MONTHS
    | WEEKDAYS
)

# Capitalised words common in the names of posts and organisations, so not a given name when
# they stand before a surname ("Secretary for Development Carrie Lam": Development is not a name).
NAME_OF_THINGS = frozenset(
    """Administration Affairs Development Security Justice Education Health Labour Welfare
    Environment Ecology Transport Housing Logistics Commerce Economic Economy Innovation Technology
    Industry Financial Finance Services Treasury Home Youth Culture Sports Tourism Civil Service
    Constitutional Mainland Government Office Bureau Department Police Customs Excise Immigration
    Fire Food Hygiene Lands Planning Buildings Works Water Drainage Marine Trade Investment
    Information Communications Broadcasting Audit Census Statistics Legal Policy Unit Liaison
    Protocol Promotion Agriculture Fisheries Conservation Social Medical Hospital Authority
    Ombudsman Monetary Insurance Securities Futures Exchanges Clearing Airport Railway Highways
    Energy Electrical Mechanical Architectural Engineering Estate Valuation Rating Land Registry
    Intellectual Property Correctional Government's Council Committee Commission Municipal
    Provincial People's State Central Party CPC Standing National Congress Consultative
    Shenzhen Guangdong Beijing Shanghai Macao Macau Hong Kong Fujian Sichuan Jiangsu Hubei Hunan
    Guangzhou Zhuhai Chongqing Tianjin Zhejiang Hainan Yunnan Guangxi Jiangxi Shandong Henan Hebei
    Region Regional District City Province Greater Bay Area Zone Park Loop Science Parks
    Corporation Company Limited University Institute Academy Foundation Association Chamber
    Federation Union Society Board Panel Group Force Task Working Steering Advisory Joint
    Executive Legislative Special Administrative Operations Management Resources Human Talent
    Research Strategy Strategic Cooperation Co-operation International Global External Internal
    Southern Northern Eastern Western Metropolis Sustainable Climate Change Ecology Mental
    Population Poverty Family Women Children Elderly Youth Women's Children's Commerce
    Manpower Retirement Scheme Fund Programme Project Centre Center Hall Office Offices
    Ministry Embassy Consulate General Overseas Digital Data Smart AI Policy Address""".split()
)

# Romanised Chinese surnames (Cantonese and Putonghua spellings) that begin a name written
# without an honorific after a post ("Chief Secretary Chan Kwok-ki", "Governor Ma Xingrui").
SURNAMES = frozenset(
    """Ai An Au Bai Bao Bi Bian Cai Cao Cen Chai Chak Cham Chan Chang Chau Che Cheng Cheuk Cheung Chi
    Chiang Chik Chin Ching Chiu Cho Choi Chong Chow Choy Chu Chuang Chui Chun Chung Cui Dai Deng Ding
    Dong Du Duan Fan Fang Fei Feng Fok Fong Fu Fung Gan Gao Ge Geng Gong Gu Guan Guo Han Hao Hau He
    Heung Hin Ho Hon Hong Hou Hsu Hu Hua Huang Hui Hung Ip Jia Jiang Jin Kam Kan Kang Kao Keung Ko
    Kong Ku Kuk Kung Kwan Kwok Kwong Lai Lam Lan Lau Law Lee Lei Leong Leung Li Liang Liao Lim Lin
    Ling Liu Lo Long Lou Lu Lui Luk Lum Luo Lv Ma Mai Mak Man Mao Meng Miao Mo Mok Mui Ng Ngai Ngan
    Ni Ning Niu Ou Pan Pang Pao Peng Poon Pun Qi Qian Qiao Qin Qiu Qu Ren Shao Shek Shen Sheng Shi
    Shiu Shu Shum Sin Siu So Song Su Suen Sum Sun Sung Szeto Tai Tam Tan Tang Tao Tian To Tong Tsai
    Tsang Tsao Tse Tseng Tsoi Tsui Tu Tung Wai Wan Wang Wat Wei Wen Wong Woo Wu Xi Xia Xiang Xiao
    Xie Xin Xiong Xu Xue Yan Yang Yao Yau Ye Yeh Yeung Yi Yim Yin Ying Yip Yiu Yu Yuan Yue Yuen
    Yung Zeng Zhai Zhan Zhang Zhao Zheng Zhong Zhou Zhu Zou Nip Sit Sze Kot Tik Lok Kok Koo Chou Chao Kuo
    Hsieh Yam Lun Pau Ngo Tin Chee Hsiao Wun Yee Tsin Mui Lung Chong Chen Xing Huo Zhuang Ji Ruan
    Jiao Shang Zuo Mu Rao Kuang Yeoh Pong Tien Tsim""".split()
)

# The last word of an organisation's name as the people and meeting recognisers tell it
# ("Development Bureau", "HSITP Limited"): wider than ORG_CLASSES, which also gives the class.
ORG_HEADS = frozenset(
    """Bureau Department Office Commission Government Council Committee Authority Limited Ltd
    Company Corporation University Institute Academy Agency Board Centre Center Association
    Federation Chamber Society Foundation Bank Group Administration Ministry Embassy Consulate
    Service Services Force Police Customs Secretariat Unit Team Division Branch Trust Fund
    Hospital School College Court Registry Union Club Parks Exchange Exchanges Commission
    Congress Conference Province Municipality Organisation Organization Institution Laboratory""".split()
)

# Head nouns of organisations: word -> ontology class local name.
ORG_CLASSES: dict[str, str] = {
    "Government": "Government",
    "Bureau": "Bureau",
    "Department": "Department",
    "Commission": "Department",
    "Ministry": "Department",
    "Administration": "Department",
    "Agency": "Department",
    "Registry": "Department",
    "Observatory": "Department",
    "Office": "Office",
    "Secretariat": "Office",
    "Unit": "Office",
    "Division": "Office",
    "Consulate": "Office",
    "Consulate-General": "Office",
    "Embassy": "Office",
    "Authority": "StatutoryBody",
    "Council": "StatutoryBody",
    "Board": "StatutoryBody",
    "Limited": "Company",
    "Ltd": "Company",
    "Company": "Company",
    "Corporation": "Company",
    "Inc": "Company",
    "Holdings": "Company",
    "Bank": "Company",
    "University": "University",
    "Polytechnic": "University",
    "Institute": "Organization",
    "Institution": "Organization",  # professional bodies: "Hong Kong Institution of Engineers"
    "Institutet": "Organization",
    "Academy": "Organization",
    "Foundation": "Organization",
    "Society": "Organization",
    "Federation": "Organization",
    "Association": "Organization",
    "Chamber": "Organization",
    "Club": "Organization",
    "Trust": "Organization",
    "Union": "Organization",
    "Alliance": "Organization",
    "Party": "Organization",
    "Exchange": "Organization",
    "Laboratory": "Organization",
    "Laboratories": "Organization",
    "Garrison": "Organization",
    "Force": "Department",
    "Centre": "Organization",
    "Center": "Organization",
    "Centers": "Organization",
    "Market": "Organization",
    "Fund": "Organization",
    "Committee": "Organization",
    "Organization": "Organization",
    "Organisation": "Organization",
    "International": "Organization",  # "Rotary International": only as the last word of a name
    "Ballet": "Organization",  # performing companies: "Hong Kong Ballet", "... Chinese Orchestra"
    "Orchestra": "Organization",
    "Sinfonietta": "Organization",
    "Troupe": "Organization",
    "Gesellschaft": "Organization",
    # schools and their units: "St Mary's College", "Police Training School", "Faculty of Law"
    "College": "Organization",
    "School": "Organization",
    "Faculty": "Organization",
    "Confederation": "Organization",
    "Court": "Organization",  # only "... People's Court" (ORG_BY_WORD_BEFORE); others are known names
    # legal suffixes of companies abroad: "Rhein Messe GmbH", "Nordbank AG", "Harbour Foods plc"
    "GmbH": "Company",
    "AG": "Company",
    "PLC": "Company",
    "Plc": "Company",
    "LLC": "Company",
    "LLP": "Company",
    "Incorporated": "Company",
}


def organisation_class(name: str) -> str:
    """The ontology class local name an organisation's head noun suggests: "Development Bureau"
    -> "Bureau", "HSITP Limited" -> "Company", "Hong Kong Trade Development Council" ->
    "StatutoryBody"; "Organization" when the name says nothing more."""
    words = name.replace("(", " ").replace(")", " ").split()
    for w in reversed(words):
        w = w.removesuffix("'s")
        if w in ORG_CLASSES:
            cls = ORG_CLASSES[w]
            if w == "Committee":
                return "Organization"
            return cls
        if w in ("of", "for", "in"):
            continue
    return "Organization"


# ---------------------------------------------------------------------------------------------
# Honorifics, post-nominal letters, and abbreviations a full stop does not end a sentence after

# Titles written before a name. "the Hon" and "Hon" are the Legislative Council's style.
HONORIFICS: tuple[str, ...] = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mdm",
    "Madam",
    "Dr",
    "Professor",
    "Prof",
    "Ir",
    "Sr",
    "Sir",
    "Dame",
    "Hon",
    "the Hon",
    "Reverend",
    "Rev",
)
HONORIFIC_WORDS = frozenset(h for h in HONORIFICS if " " not in h)
# Letters after a name that are dropped: "Mr Lee Ka-chiu, GBS, JP".
POST_NOMINALS = frozenset(
    """SBS JP GBS GBM BBS MH SC QC KC OBE MBE CBE KBE GBE ISO PhD PDSM IDSM PMSM FSDSM CSDSM MSM
    HKPM CPM DSM LLD DBA FHKAM FRCS FRCP FREng FRS FHKEng CStJ OStJ MStJ""".split()
)

# Words after which a full stop does not end a sentence (case-sensitive, without the stop).
STOP_ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Dr Prof Sr Jr St Mt No Nos Nr Messrs Mme Mlle Rev Gen Col Capt Lt Gov Sen Hon
    Ir Fr Co Corp Inc Bros vs e.g i.e cf al approx Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun a.m p.m Ref Fig Art Cap Para paras para""".split()
)

# ---------------------------------------------------------------------------------------------
# Names of organisations, zones, bodies, events and places: head nouns, qualifiers, stop words

# Capitalised words that never begin a name (sentence openers, pronouns, titles of people).
OPENERS = frozenset(
    """The A An This That These Those Its Their His Her Our Your My Both All Each Every Other
    Another Any Some Many Several Various Such Also Meanwhile Moreover Furthermore However Besides
    Additionally Today Yesterday Tomorrow Tonight In At On For From With By Through During After
    Before Under Over As If When While Since Following Upon To And But Or So Then Thus Please
    Question Reply Answer Note Notes Photo Photos Annex Ends Among Apart Regarding Including Led
    Where Whether What Which Who Whom Whose How Why Here There Last Next Currently Recently
    Separately Together Notably Although Though Despite Unlike Like Via Per Dear Yes No Not It He
    She They We I You Speaking Addressing Welcoming Attending Visiting Organised Jointly Co-organised
    Hosted Supported Established Set Commissioned Launched Chaired""".split()
)
# Openers that are participles ("Organised by ..."): after "the" they begin a name instead ("the
# Organised Crime and Triad Bureau").
OPENING_PARTICIPLES = frozenset(w for w in OPENERS if w.endswith("ed"))
# Titles of people: a name never starts with one ("Vice Mayor of X", "Director of the Y").
PERSON_TITLES = frozenset(
    """Secretary Secretary-General Director Director-General Deputy Under Permanent Commissioner
    Chairman Chairwoman Chairperson Chair Vice Vice-Chairman Vice-Chairperson Mayor Vice-Mayor
    Governor Vice-Governor Minister Premier Vice-Premier President Vice-President Head Consul
    Consul-General Ambassador Member Members Spokesman Spokesperson Convenor Representatives
    Officials Officers Staff Colleagues Delegates Visitors Participants Guests Residents Students
    Executive-Director""".split()
)
LEFT_STOP = OPENERS | PERSON_TITLES | HONORIFIC_WORDS | MONTHS | WEEKDAYS
# Inside a name after "of"/"for"/"in": people's titles after "and" end it ("... and Director of").
SEQ_STOP = OPENERS - {"The"} | HONORIFIC_WORDS | MONTHS | WEEKDAYS
AND_STOP = PERSON_TITLES
# People's titles that end a name run after "of" ("Department of Ecology Director-General Lu").
SEQ_TITLES = frozenset(
    """Director Director-General Secretary Secretary-General Deputy Vice Mayor Vice-Mayor Governor
    Vice-Governor Chairman Chairwoman Chairperson President Vice-President Minister Premier
    Vice-Premier Head Ambassador Consul-General Executive-Director Party""".split()
)

SEQ_STOP_ALL = SEQ_STOP | SEQ_TITLES

# Possessives that belong inside a name ("People's Government", "Chief Executive's Office").
NAME_POSSESSIVES = frozenset(
    """People's Executive's Secretary's Women's Children's Men's Commissioner's Director's
    Registrar's Receiver's Ombudsman's Mayor's Governor's President's Premier's Workers'
    Employers' Manufacturers' Insurers' Members' Administration's Justice's Girls' Boys' Students'
    Teachers' Parents' Veterans' Merchants' Traders'""".split()
)

ZONE_HEADS = frozenset(
    """Zone Park Technopole Loop Metropolis Area Region Delta Belt Town InnoPark Estate Port Extension
    Circle Corridor District""".split()
)
# Places: a name before one is part of a place's name ("Nansha District"), but "Government of
# Futian District" is an organisation.
PLACE_HEADS = frozenset("District Districts Province Provinces City County Village Island Islands".split())
# Heads of names that are not organisations or zones: bodies that meet, events, plans, documents,
# funds, venues and places (PLACE_HEADS). An organisation or zone named inside one of these does
# not count.
OTHER_HEADS = PLACE_HEADS | frozenset(
    """Force Taskforce Committee Subcommittee Sub-committee Group Panel Council Commission Board
    Conference Meeting Plenary Assembly Congress Team Plan Plans Strategy Blueprint Programme
    Programmes Program Scheme Schemes Fund Fair Expo Exhibition Forum Summit Ceremony Convention
    Agreement Agreements Arrangement Arrangements Memorandum Understanding Initiative Policy Address
    Award Awards Competition Festival Week Day Tour Campaign Prize Report Study Project Framework
    Outline Session Seminar Symposium Workshop Visit Delegation Mission Network Platform Scholarship
    Grant Pass Series Games Marathon Race Cup Webpage Website Page Hotline Ordinance Bill Regulation
    Regulations Law Act Code Guidelines Guide Declaration Accord Protocol Letter Statement Notice
    Route Bridge Road Street Avenue Station Line Building Tower Hall Museum Stadium Library Theatre
    Garden Gardens Square Complex Pavilion Booth Gallery Hub Recommendations Opinions Decision
    Measures Action Agenda Vision Charter Index Survey Championships Championship Olympiad Olympics
    Concert Show Parade Dialogue Roundtable Luncheon Dinner Reception Launch Talk Lecture Course
    Contest Challenge Journey Trail Offices Bureaux Departments Governments Authorities Companies
    Universities Institutes Councils Committees Commissions Zones Parks Areas Hospital School
    College Hotel Plaza Mall
    Airport Terminal Pier Campus Centre Centres Estate Port Market Fair Expo Sites Site Base
    Headquarters Premises Facility Facilities Bonds Bond Notes
    Bills""".split()
)
# Head nouns that open a name instead of ending it, as in French, Italian, Spanish or German
# names ("Camera Nazionale della Moda Italiana", "Fédération de la Haute Couture et de la Mode"),
# and "Studio Wayne McGregor" (a dance company): the name is the capitalised run they begin.
LEADING_HEADS = frozenset(
    """Fédération Federazione Federación Camera Chambre Cámara Câmara Associazione Asociación
    Associação Fondation Fondazione Fundación Fundação Stiftung Institut Instituto Istituto
    Académie Accademia Academia Université Università Universidad Universidade Universität
    Conseil Consiglio Consejo Conselho Centro Orchestre Compagnie Compagnia Compañía Société
    Società Sociedad Sociedade Banco Banca Banque Groupe Gruppo Grupo Ministère Ministero
    Ministerio Agence Agenzia Agencia Consorzio Syndicat Unione Unión Studio Maison""".split()
)
INTERESTING = frozenset(ORG_CLASSES) | ZONE_HEADS | LEADING_HEADS | {"Areas", "Zones", "Parks"}
# Heads of the names of events, programmes and venues: "University of Hong Kong Spring Career Fair"
# is not a university, while "State Administration for Market Regulation" is an agency.
EVENT_HEADS = frozenset(
    """Plan Strategy Blueprint Programme Program Scheme Fund Fair Expo Exhibition Forum Summit
    Ceremony Convention Initiative Address Award Awards Competition Festival Week Day Tour Campaign
    Prize Project Session Seminar Symposium Workshop Visit Mission Scholarship Games Marathon Race
    Cup Concert Show Parade Dialogue Roundtable Luncheon Dinner Reception Launch Talk Lecture
    Contest Challenge Hall Museum Stadium Library Theatre Building Tower Centre Complex Pavilion
    Gallery""".split()
)
# Words that say nothing about which organisation a name means ("Relevant Bureau", "the Government").
GENERIC = frozenset(
    """Central Municipal Provincial Local District National Mainland Foreign Overseas Regional State
    Relevant Respective Concerned Related New Current Former Other Special Administrative Region
    Whole Entire Incoming Outgoing Government Policy Head Box Post Public Non-governmental
    Non-Governmental Non-profit Non-Profit Charitable Voluntary""".split()
)
# The words before "Zone", "Park", "Area" that make it a development zone rather than a venue.
ZONE_QUALIFIERS = frozenset(
    """Economic Trade Development Co-operation Cooperation Innovation Technology Industrial Industry
    Pilot Demonstration Free Export Processing Bonded Hi-Tech High-Tech Science Service Services
    Special Tech Business Financial Logistics In-depth In-Depth Hi-tech High-tech Comprehensive
    Experimental Reform Opening-up Green""".split()
)
PARK_QUALIFIERS = frozenset(
    """Science Technology Technologies Industrial Industry Innovation Software Logistics Hi-Tech
    High-Tech Biotech Data Digital Cyber Business Enterprise Manufacturing Bioscience I&T Research
    Tech""".split()
)
AREA_QUALIFIERS = frozenset(
    "Development Co-operation Cooperation Trade Innovation New Bonded Demonstration Pilot".split()
)
# A district that is a designated zone, not an administrative one ("Guangzhou Development
# District", "West Kowloon Cultural District"; not "Nansha District").
DISTRICT_QUALIFIERS = frozenset("Development Cultural Innovation".split())
# Words a short form of a zone is made of ("the Co-operation Zone", "the Park").
ZONE_GENERIC = (
    ZONE_QUALIFIERS | ZONE_HEADS | frozenset("and & Bay Greater New Hong Kong-Shenzhen I&T".split())
) - frozenset(["Hong"])
BODY_HEADS = frozenset("Group Committee Subcommittee Force Taskforce Panel Conference Meeting Team".split())
PLURAL_ZONES = {"Areas": "Area", "Zones": "Zone", "Parks": "Park"}
SHORT_ZONES = frozenset("Zone Park Metropolis Technopole".split())
EXCHANGE_NOT = frozenset(
    "Teachers Youth Student Students Cultural Academic Exhibition Information Knowledge Technology Staff".split()
)
# Words after which a name run ends unless a connector follows ("of the State Council Huang ...").
ENDS_NAME = frozenset(
    """Government Bureau Department Office Ministry Commission Council Authority Limited Ltd
    Region SAR HKSAR Province Municipality District Zone Metropolis Technopole""".split()
)
# Words that make an unknown "Commission" an agency rather than an advisory body.
AGENCY_WORDS = frozenset(
    """Municipal Provincial National State Reform Supervision Regulatory Regulation Science
    Technology Innovation Health Healthcare Education Commerce Trade Industry Audit Competition
    Securities Futures Opportunities Corruption Control Administration Transport Housing Finance
    Narcotics Ethnic""".split()
)
# A "Centre" that is a unit of an organisation rather than a venue ("Real-World Study and
# Application Centre", "Anti-Deception Coordination Centre").
UNIT_CENTRE = frozenset(
    """Research Study Studies Application Applications Testing Evaluation Analytics Diagnostics
    Coordination Co-ordination Arbitration Mediation Certification""".split()
)
# Heads that end a name only as the last capitalised word: "Rotary International", "Hong Kong
# Ballet" (not "Hong Kong International Airport").
LAST_WORD_HEADS = frozenset("International Ballet Orchestra Sinfonietta Troupe".split())
# Names of places: a run of these alone names a place, not an organisation ("hosted by Hong Kong").
PLACE_WORDS = frozenset(
    """Hong Kong Kowloon Macao Macau China Chinese Mainland Shenzhen Guangdong Guangzhou Beijing
    Shanghai Fujian Sichuan Jiangsu Hubei Hunan Zhuhai Chongqing Tianjin Zhejiang Hainan Yunnan
    Guangxi Jiangxi Shandong Henan Hebei Asia Asian Pacific Asia-Pacific Europe European Africa
    America American Americas Japan Korea Singapore Thailand Malaysia Indonesia Vietnam India
    Australia Canada Britain British UK US USA United States Kingdom France Germany Italy Spain
    Netherlands Belgium Sweden Switzerland Dubai Saudi Arabia Middle East West North South Central
    Greater Bay Area New Territories Island Islands Lantau Kowloon World Global""".split()
)
# Cues that a capitalised run names an organisation: a typing noun just before it ("medical
# technology company Yidu Tech"), "organised by" before it, or an apposition after it ("Yidu
# Tech, a medical technology company,"). Values: the class the noun says.
TYPING_NOUNS = {
    "company": "Company",
    "firm": "Company",
    "start-up": "Company",
    "startup": "Company",
    "conglomerate": "Company",
    "developer": "Company",
    "manufacturer": "Company",
    "operator": "Company",
}
KIND_NOUNS = {
    **TYPING_NOUNS,
    "bank": "Company",
    "enterprise": "Company",
    "brand": "Company",
    "organisation": "Organization",
    "organization": "Organization",
    "institution": "Organization",
    "charity": "Organization",
    "association": "Organization",
    "society": "Organization",
    "foundation": "Organization",
    "NGO": "Organization",
    "university": "University",
    "institute": "Organization",
    "laboratory": "Organization",
    "agency": "Organization",
}
CORRIDOR_QUALIFIERS = frozenset("Innovation Economic Technology Development Industrial Industry".split())
LAB_GENERIC = frozenset("Medical Clinical Dental Public Private Testing Research".split())
HOSPITAL_UNITS = frozenset(
    """Emergency Medicine Surgery Paediatrics Paediatric Geriatrics Orthopaedics Psychiatry
    Obstetrics Gynaecology Oncology Radiology Pathology Nursing Anaesthesia Cardiology Neurology
    Intensive Outpatient Outpatients""".split()
)
# Words that alone before "School" or "College" say what kind of school, not which one ("a
# Secondary School", "the Summer School", "Community College").
SCHOOL_GENERIC = frozenset(
    """Primary Secondary Special Local Public Private International Aided Subsidised Government
    Direct Subsidy Scheme DSS Kindergarten Nursery Summer Winter Night Evening Sunday Business Law
    Medical Graduate Community Technical Vocational Training Boarding Day Secondary-School Junior
    Senior Middle High Elementary Partner Sister Member Participating Mainstream Designated Our
    Your Their This That Each Every Other Relevant Respective Electoral""".split()
)
# Saints a school, church or hospital is named after: "St Paul's College" keeps the possessive.
SAINTS = frozenset("St Saint Ste".split())
# Heads of bodies of members, whose name may go on "of <members> in <place>" ("Federation of
# Cities in the Greater Bay Area", "Alliance of Universities in Asia").
MEMBERS_HEADS = frozenset("Federation Association Alliance Union Confederation League".split())
# What a name's possessive hosts or gives, marking the name as an organisation's ("the X Review's
# annual conference", "at Y's invitation", "Z's board").
HOSTED_NOUNS = frozenset(
    """conference dinner luncheon forum summit seminar symposium gala reception invitation
    anniversary board shareholders""".split()
)
# Zones whose name is also the short name of the company that runs them: where the release shows
# the name acting ("Cyberport has launched ..."), it names the company. (The Hong Kong Science Park
# stays a zone: the gold conventions name it as one.)
ZONE_COMPANIES = {"Cyberport": "Hong Kong Cyberport Management Company Limited"}
IN_HEADS = frozenset("Office Consulate Consulate-General Embassy Chamber Commerce".split())
# Words that join two capitalised runs into one name ("Federation of ...", "Camera Nazionale della
# Moda"), and articles that may follow them ("de la Mode").
FOREIGN_CONNECTORS = frozenset("de du des della delle dei degli del di et und für la le les".split())

# ---------------------------------------------------------------------------------------------
# Posts, bodies that meet, and places of meetings

# Words before a body named in lower case that say it is not named ("the relevant committee"),
# and words that end such a name ("... today", "... which").
LOWER_NOT_NAMED = frozenset(
    "relevant various other different several respective same said above two three".split()
)
LOWER_NAME_STOP = frozenset(
    """today tonight yesterday tomorrow this last next via by with together which who whom where that
    when while was were is are has have had will would can could to at chaired co-chaired held convened
    attended during after before since from""".split()
)
# The kind (hkpr class) of a body that meets, by the last head noun of its name before "on/of/for".
BODY_KINDS = (
    ("Task Force", "TaskForce"),
    ("Working Group", "WorkingGroup"),
    ("Expert Group", "ExpertGroup"),
    ("Joint Conference", "JointConference"),
    ("Co-operation Conference", "JointConference"),
    ("Cooperation Conference", "JointConference"),
    ("Subcommittee", "Committee"),
    ("Sub-committee", "Committee"),
    ("Committee", "Committee"),
    ("Council", "Council"),
    ("Commission", "Commission"),
    ("Panel", "Panel"),
)
# Provinces where meetings are held ("in Guangdong"); a delegation led "to Guangdong" goes to the
# province, and a meeting it attends is held in one of its cities, so the province is not the
# meeting's place.
PROVINCES = frozenset(
    "Guangdong Fujian Sichuan Jiangsu Zhejiang Hubei Hunan Hainan Yunnan Guangxi Jiangxi Shandong Henan "
    "Hebei Anhui Guizhou".split()
)
# Cities, provinces and places abroad where meetings are held ("in Shenzhen", "in Davos").
CITIES = PROVINCES | frozenset(
    """Hong Kong|Shenzhen|Guangzhou|Beijing|Shanghai|Macao|Macau|Zhuhai|Dongguan|Foshan|Huizhou|Zhongshan|
    Jiangmen|Zhaoqing|Hangzhou|Nanjing|Wuhan|Chengdu|Chongqing|Fuzhou|Xiamen|Changsha|Haikou|Tianjin|Kunming|
    Nanning|Guiyang|Nanchang|Hefei|Jinan|Qingdao|Xi'an|Shenyang|Harbin|Changchun|Zhengzhou|Taiyuan|
    Shijiazhuang|Lanzhou|Urumqi|Lhasa|Hohhot|Yinchuan|Xining|Suzhou|Quanzhou|Sanya|Qianhai|Nansha|Hengqin|
    Taipei|Singapore|London|Brussels|Geneva|Washington|New York|Tokyo|Seoul|Bangkok|
    Jakarta|Sydney|Toronto|Berlin|Paris|Davos|Dubai|Riyadh|Stockholm|Kuala Lumpur|Manila|Hanoi|Ruijin""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
# Who speaks to someone by their post in a transcript ("Reporter: Chief Executive, ..."): the
# post is the person addressed, not the person named next.
ADDRESSING = frozenset("Reporter Reporters Question Journalist".split())
# Honorifics of women: "She" may stand for a person named with one, "He" may not.
FEMALE_HONORIFICS = frozenset("Mrs Ms Miss Madam Mdm Dame Lady".split())

# heads that end an organisation's name and never sit inside one ("Financial Services and the
# Treasury Bureau", "Customs and Excise Department" are single names)
JOIN_HEADS = frozenset(
    """Bureau Department Office Commission Government Council Authority Limited Ltd Company Corporation
    University Institute Academy Agency Board Association Federation Chamber Society Foundation Bank
    Administration Ministry Embassy Consulate Secretariat Hospital College Registry Organisation
    Organization Institution Laboratory""".split()
)

# Head words of posts that are written after a name in arts and academic releases ("Ms A,
# Principal Dancer of X", "Mr B, Associate Professor of Y"): only in that position, since
# "Professor" before a name is an honorific.
AFTER_NAME_HEADS = frozenset(
    """Professor Dancer Lecturer Conductor Choreographer Fellow Researcher Scientist Engineer
    Architect Producer Designer Composer""".split()
)
# Head words of posts written in lower case ("the chairman of the committee").
LOWER_CASE_HEADS = frozenset(
    {"chairman", "chairperson", "chairwoman", "vice-chairman", "convenor", "convener"}
)
# Words that open a sentence or clause before a post ("At", "During", "The"), not part of it.
POST_OPENERS = frozenset(
    """The And At In On For During After Before With From By As To Of Upon Following Speaking
    Meanwhile Also Both Accompanying Joining Led Chaired Hosted Among Including Besides""".split()
) | frozenset({"Honourable"})  # a speech's salutation: "Honourable Chief Justice Mr X" holds "Chief Justice"
POST_OPENERS = POST_OPENERS | {"Its", "Their"}  # "Its Chairman, Mr X": whose post, not part of it
EVENT_OR_ORG_HEADS = ORG_HEADS | frozenset(
    "Conference Forum Summit Meeting Ceremony Expo Fair Festival Session".split()
)


# ---------------------------------------------------------------------------------------------
# Rules of head nouns, as data


# Heads an organisation's name needs a given word right before: head -> (those words, the kind
# when the word before is one of them, the kind otherwise; None: no organisation).
ORG_BY_WORD_BEFORE: dict[str, tuple[frozenset[str], str | None, str | None]] = {
    "Force": (frozenset({"Police"}), "org", None),  # "Hong Kong Police Force", not a task force
    "Market": (frozenset({"Financial"}), "org", None),
    "Fund": (frozenset({"Investment", "Monetary"}), "org", None),
    "Party": (frozenset({"State"}), None, "org"),  # "State Party" of a convention is no party
    "Court": (frozenset({"People's"}), "org", None),  # "Guangdong Provincial Higher People's Court"
}
# Heads whose name is no organisation when a test on the words before the head, or on all its
# words, finds one of the listed words ("Intensive Care Unit", "Post Office", "Medical Laboratory",
# a hospital's "Accident and Emergency Department"); the tests are named in kg.recognise.names.
NOT_ORG_WHEN: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "Unit": (
        ("single word before in", frozenset({"Care", "Dependency", "Service"})),
        ("holds one of", HOSPITAL_UNITS),
    ),
    "Office": (("last word before in", frozenset({"Head", "Post", "Box", "Ticket", "Booking"})),),
    "Laboratory": (("all words before in", LAB_GENERIC),),
    "Laboratories": (("all words before in", LAB_GENERIC),),
    "Department": (("holds one of", HOSPITAL_UNITS),),
    "School": (("all words before in", SCHOOL_GENERIC),),
    "College": (("all words before in", SCHOOL_GENERIC),),
    "Division": (("holds one of", HOSPITAL_UNITS),),
}
# Heads of names that are agencies or bodies that meet, as the reference data or the text says.
AGENCY_OR_BODY_HEADS = frozenset({"Council", "Board", "Commission"})


@dataclass(frozen=True, slots=True)
class ZoneRule:
    """What the words before a zone's head noun must hold for the name to be a zone: the word
    right before it one of `before` (any word when None), one of the capitalised words one of
    `any_of`, all of `all_of` and none of `none_of` among them, at least `words` of them, and,
    with `part`, a part written after the head ("Park 1")."""

    before: frozenset[str] | None = None
    any_of: frozenset[str] | None = None
    all_of: frozenset[str] = frozenset()
    none_of: frozenset[str] = frozenset()
    words: int = 1
    part: bool = False

    def holds(self, prev: str, caps: list[str], has_part: bool) -> bool:
        """Whether the rule holds for a head after `prev`, with the capitalised words `caps`
        before it (and a part after it when `has_part`)."""
        return (
            (has_part or not self.part)
            and (self.before is None or prev in self.before)
            and (self.any_of is None or any(x in self.any_of for x in caps))
            and self.all_of <= set(caps)
            and not self.none_of & set(caps)
            and len(caps) >= self.words
        )


def _after(*words: str) -> frozenset[str]:
    return frozenset(words)


# A zone's head noun -> the rules one of which makes the name before it a zone.
ZONE_RULES: dict[str, tuple[ZoneRule, ...]] = {
    "Zone": (ZoneRule(any_of=ZONE_QUALIFIERS),),  # "Qianhai ... Co-operation Zone"
    "Park": (ZoneRule(before=PARK_QUALIFIERS), ZoneRule(part=True)),  # "Science Park", "... Park 1"
    "Area": (ZoneRule(before=AREA_QUALIFIERS),),  # "New Development Area"
    "Region": (ZoneRule(all_of=_after("Delta"), none_of=_after("Administrative", "Autonomous")),),
    "Delta": (ZoneRule(before=_after("River")),),
    "Belt": (ZoneRule(before=_after("Economic"), none_of=_after("Silk")),),
    "Town": (ZoneRule(before=_after("University")), ZoneRule(before=_after("New"), words=2)),
    "Circle": (ZoneRule(before=_after("Economic")),),
    "Corridor": (ZoneRule(before=CORRIDOR_QUALIFIERS),),
    "District": (ZoneRule(before=DISTRICT_QUALIFIERS),),
    "Extension": (ZoneRule(before=_after("Town")),),
    "Estate": (ZoneRule(before=_after("Industrial")),),
    "Port": (ZoneRule(before=_after("Trade"), all_of=_after("Free")),),
    "Loop": (ZoneRule(words=2),),
    "Metropolis": (ZoneRule(),),
    "Technopole": (ZoneRule(),),
    "InnoPark": (ZoneRule(),),
}

# Words before "member(s)" that stay in the membership as written: "as non-official members of X".
MEMBER_QUALIFIERS = frozenset(
    "non-official official ex-officio lay independent co-opted serving ordinary associate honorary".split()
)
# Words of a speech's or an occasion's title, never inside a post written before a name ("CE's
# Speech at the Banquet in Honour of President X" names the post "President").
OCCASION_WORDS = frozenset(
    "Speech Speeches Remarks Transcript Banquet Dinner Luncheon Reception Ceremony Honour Honor Welcome".split()
)
# Meeting bodies written by an abbreviation alone before "meeting" ("before the ExCo meeting").
BODY_ABBREVIATIONS: dict[str, str] = {"ExCo": "Executive Council"}

# Where an organisation's name names a place or a title, not the organisation (issue 11, review of
# the corpus's other releases): the words of an occasion before "at the X" ("a luncheon at the X
# Club"), the words of a landmark before or after a name ("near the X Club", "the X car park").
VENUE_OCCASIONS = frozenset(
    """ceremony ceremonies seminar seminars symposium conference forum luncheon lunch dinner
    breakfast reception banquet talk talks session sessions exhibition concert gala party
    celebration event lecture briefing workshop launch performance parade held""".split()
)
LANDMARK_BEFORE = ("near", "outside", "opposite", "beside", "next to", "in front of", "behind", "adjacent to")
LANDMARK_AFTER = ("car park", "carpark", "entrance", "exit", "premises", "campus")
# Words before a title in quotation marks: 'the dance drama "X Society"', 'entitled "Y Club"'.
TITLE_WORDS = frozenset(
    """entitled titled themed drama play opera musical film movie documentary book song album
    exhibition show programme series performance production campaign slogan theme""".split()
)
# Departments their own releases name by one word ("Customs will continue to ...", "a report to
# Police"), and the words after it that make the word a modifier ("Customs officers").
BARE_AGENCIES = {"Customs": "Customs and Excise Department", "Police": "Hong Kong Police Force"}
ATTRIBUTIVE_AFTER = frozenset(
    """officer officers constable constables station stations unit units clearance checkpoint
    checkpoints control controls duty duties declaration staff vessel vessels post posts dog dogs
    car cars launch launches uniform uniforms""".split()
)
# Plural heads that names share ("the Home Affairs and Social Welfare Departments") -> the singular.
PLURAL_ORG_HEADS = {
    "Departments": "Department",
    "Bureaux": "Bureau",
    "Bureaus": "Bureau",
    "Governments": "Government",
    "Offices": "Office",
    "Universities": "University",
    "Ministries": "Ministry",
    "Authorities": "Authority",
}
