"""The words the recognisers and the resolver classify by: post head words, modifiers,
connectors, romanised Chinese surnames, capitalised words that belong to post or organisation
names, and the head nouns of organisations with the class each suggests."""

from __future__ import annotations

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
    Chief-of-Staff""".split()
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
NON_NAME = frozenset(
    """The A An And Of In On At For To By With From As But Or Nor If Yet I He She We They It His
    Her Its Our Their This That These Those Both All Also Meanwhile Today Tomorrow Yesterday
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Government Bureau Department Office Council
    Committee Commission Authority Hong Kong HKSAR SAR Legislative Executive Mainland Chinese Central
    Special Administrative Region People's Republic China Municipal Provincial Province City
    District Limited Ltd Company Corporation University Mr Mrs Ms Miss Dr Professor Prof Ir Sr Sir
    Dame Hon Madam Mdm Lord Lady Secretary Director Chairman Chairperson Members Member Reporter
    Question Answer Reply President Premier Mayor Governor Minister Chief Deputy Vice Under
    Permanent Commissioner Head Photo Photos Note Notes Ends Issued Annex Appendix Please""".split()
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
    Jiao Shang Zuo Mu Rao Kuang""".split()
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
