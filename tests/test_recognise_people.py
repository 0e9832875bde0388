"""People and posts: each rule on sentences written for these tests in the house style, then the
recogniser against the hand-made gold annotations of ../shared/eval/dev (skipped without it)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kg.model import Release
from kg.recognise.document import Document
from kg.recognise.people import recognise_people


def release(text: str, captions: tuple[str, ...] = (), title: str | None = None) -> Release:
    return Release(
        id="P2024031400100",
        date=date(2024, 3, 14),
        text=text,
        source="test",
        title=title,
        captions=captions,
    )


def tenures(text: str, captions: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    return {(t.person, t.post) for t in recognise_people(Document(release(text, captions)))[1]}


def names(text: str) -> list[str]:
    return [p.name for p in recognise_people(Document(release(text)))[0]]


def test_post_then_name_in_commas():
    got = tenures(
        "The Secretary for Housing, Ms Winnie Ho, visited a public housing estate in Tuen Mun today (March 14)."
    )
    assert got == {("Winnie Ho", "Secretary for Housing")}


def test_post_with_inner_commas_is_kept_whole():
    got = tenures("The Secretary for Culture, Sports and Tourism, Miss Rosa Lai, opened the exhibition.")
    assert got == {("Rosa Lai", "Secretary for Culture, Sports and Tourism")}


def test_post_without_comma_before_an_honorific():
    got = tenures(
        "Vice Mayor of Guangzhou Municipal People's Government Mr Zhao Hongwei attended the signing."
    )
    assert got == {("Zhao Hongwei", "Vice Mayor of Guangzhou Municipal People's Government")}


def test_mainland_post_before_a_name_without_honorific():
    got = tenures("Governor Li Weiming and the Chief Executive, Mr Tony Cheung, toured the port.")
    assert got == {("Li Weiming", "Governor"), ("Tony Cheung", "Chief Executive")}


def test_news_style_posts_and_names_without_honorifics():
    got = tenures(
        "Chief Secretary Chan Kwok-ki and Shenzhen Vice Mayor Huang Min co-chaired the meeting. "
        "Secretary for Development Carrie Tam also attended."
    )
    assert got == {
        ("Chan Kwok-ki", "Chief Secretary"),
        ("Huang Min", "Shenzhen Vice Mayor"),
        ("Carrie Tam", "Secretary for Development"),
    }


def test_a_capitalised_run_after_a_surname_is_no_name():
    # "Sun Hing Knitting Factory" is a company, not a person called Sun
    # ("Mr A is the POST" is a tenure: tenure: name will be the post)
    text = "Mr Ken Lau is the Director of Sun Hing Knitting Factory Ltd."
    assert tenures(text) == {("Ken Lau", "Director of Sun Hing Knitting Factory Ltd")}
    assert names(text) == ["Ken Lau"]


def test_two_posts_respectively():
    got = tenures(
        "The Secretary for Education and the Secretary for Labour and Welfare, Dr Ada Chung and "
        "Mr Ben Yip, respectively, spoke at the forum."
    )
    assert got == {("Ada Chung", "Secretary for Education"), ("Ben Yip", "Secretary for Labour and Welfare")}


def test_two_posts_for_one_person():
    got = tenures(
        "Deputy Director of the Hong Kong and Macao Affairs Office of the State Council and Director of the "
        "Liaison Office of the Central People's Government in the HKSAR, Mr Gao Lin, also attended."
    )
    assert got == {
        ("Gao Lin", "Deputy Director of the Hong Kong and Macao Affairs Office of the State Council"),
        ("Gao Lin", "Director of the Liaison Office of the Central People's Government in the HKSAR"),
    }


def test_semicolon_list_with_photo_positions():
    got = tenures(
        "",
        captions=(
            "Also joining were the Permanent Secretary for Security, Mr Ian Fok (first left); the Under Secretary "
            "for Security, Ms Jo Tse (third left); and the Commissioner of Police, Mr Kam Siu-ming (fourth left).",
        ),
    )
    assert got == {
        ("Ian Fok", "Permanent Secretary for Security"),
        ("Jo Tse", "Under Secretary for Security"),
        ("Kam Siu-ming", "Commissioner of Police"),
    }


def test_comma_list_does_not_give_the_next_post_to_the_previous_name():
    got = tenures(
        "Officials attending included the Permanent Secretary for Housing, Mr Ray Ng, the Director of Housing, "
        "Ms Eva Lo, and representatives of the Lands Department."
    )
    assert got == {("Ray Ng", "Permanent Secretary for Housing"), ("Eva Lo", "Director of Housing")}


def test_post_after_the_name_and_short_reference():
    text = (
        "The Chief Secretary for Administration, Mr Henry Kwan Tak-wing, chaired the meeting today (March 14). "
        "Mr Kwan, the Chairman, thanked members."
    )
    got = tenures(text)
    assert got == {
        ("Henry Kwan Tak-wing", "Chief Secretary for Administration"),
        ("Henry Kwan Tak-wing", "Chairman"),
    }
    assert names(text) == ["Henry Kwan Tak-wing"]


def test_short_references_resolve_to_the_person_already_named():
    text = (
        "The Secretary for Health, Professor Lee Ming-fai, visited Shanghai. Professor Lee said the visit was "
        "fruitful. Mr Lee and Mr Chow met later."
    )
    assert names(text) == ["Lee Ming-fai"]  # "Mr Chow" is never named in full: no person


def test_honorific_combinations_and_post_nominals():
    people = recognise_people(
        Document(
            release(
                "The Chairman of the Board, the Hon Dr Patrick Ma Wai-kin, SBS, JP, and Ir Dr Joe Ng spoke."
            )
        )
    )[0]
    assert [(p.name, p.honorific) for p in people] == [("Patrick Ma Wai-kin", "Hon Dr"), ("Joe Ng", "Ir Dr")]
    assert tenures(
        "The Chairman of the Board, the Hon Dr Patrick Ma Wai-kin, SBS, JP, said it was a success."
    ) == {("Patrick Ma Wai-kin", "Chairman of the Board")}


def test_abbreviations_in_brackets_are_dropped_from_posts():
    got = tenures(
        "The Chief Executive of the Hong Kong Special Administrative Region (HKSAR), Mr Tony Cheung, spoke."
    )
    assert got == {("Tony Cheung", "Chief Executive of the Hong Kong Special Administrative Region")}


def test_a_short_form_of_a_post_already_given_is_not_a_second_tenure():
    got = tenures(
        "The Governor of Hainan Province, Mr Feng Fei, arrived. Governor Feng Fei said he welcomed investors."
    )
    assert got == {("Feng Fei", "Governor of Hainan Province")}


def test_person_without_post_and_post_without_person():
    text = "Following is a question by the Hon Kelly Tang and a written reply by the Secretary for Security."
    assert tenures(text) == set()
    assert names(text) == ["Kelly Tang"]


def test_clause_before_an_unclosed_apposition_is_no_post():
    # "After meeting the Mayor, Mr Lee visited": the Mayor is someone else
    assert tenures("After meeting the Mayor, Mr Sam Lee visited the museum.") == set()
    assert tenures("The Director of Audit, Mr Sam Lee said the report was ready.") == {
        ("Sam Lee", "Director of Audit")
    }


def test_sentence_opening_words_are_not_part_of_a_post():
    assert tenures("At the Joint Conference, Mrs Ivy Lam said co-operation was deepening.") == set()


def test_western_names_with_letters_outside_ascii():
    got = tenures("He met the Vice President of Research, Professor Åsa Lindqvist, in Stockholm.")
    assert got == {("Åsa Lindqvist", "Vice President of Research")}


def test_two_roles_sharing_one_company_described_in_words_are_one_post():
    got = tenures(
        "The Chairlady and Founder of robotics company Nova Robotics, Ms Ivy Kwok, spoke at the forum."
    )
    assert got == {("Ivy Kwok", "Chairlady and Founder of robotics company Nova Robotics")}
    # two complete posts joined by "and" stay two
    got = tenures("Chief Secretary and FCC Chairperson Eric Chan opened the meeting.")
    assert got == {("Eric Chan", "Chief Secretary"), ("Eric Chan", "FCC Chairperson")}
    # a lower-case description that opens no "of" is not part of a post
    assert tenures("He toured the premises of robotics company Nova Robotics, Ms Ivy Kwok said.") == set()


def test_a_post_written_as_its_abbreviation_names_the_person_without_a_tenure():
    text = "CE Tony Cheung and Shenzhen Vice Mayor Tao Yonghua co-chaired the meeting."
    assert names(text) == ["Tony Cheung", "Tao Yonghua"]
    assert tenures(text) == {("Tao Yonghua", "Shenzhen Vice Mayor")}


def test_putonghua_surnames_after_a_post():
    assert tenures("She met Beijing Mayor Chen Jianguo in the morning.") == {
        ("Chen Jianguo", "Beijing Mayor")
    }


def test_kong_is_a_surname_after_a_title_or_before_a_hyphenated_given_name():
    got = tenures(
        "The Secretary for Development, Professor Estella Kong Tsz-lap, and the Director of Lands, Mr Kong "
        "Lun-man, visited Hong Kong Park."
    )
    assert got == {
        ("Estella Kong Tsz-lap", "Secretary for Development"),
        ("Kong Lun-man", "Director of Lands"),
    }


# -- against the gold annotations ---------------------------------------------------------------

_HON = r"(mr|mrs|ms|miss|dr|professor|prof|sir|dame|the hon|hon|ir|sr|mr\.|ms\.|dr\.)"


def norm(text: str) -> str:
    """The comparison score.py makes: case, punctuation, "the" and honorifics ignored."""
    t = str(text).lower().replace("&", " and ").replace("co-operation", "cooperation")
    t = re.sub(r"['`]s\b", "s", t)
    t = re.sub(r"[^a-z0-9]+", " ", t).strip()
    t = re.sub(r"^the ", "", t)
    while re.match(rf"^{_HON} ", t):
        t = re.sub(rf"^{_HON} ", "", t)
    return re.sub(r"\s+", " ", t)


def dev_releases(dev_inputs: Path) -> dict[str, Release]:
    from kg.read import read_paths

    return {r.id: r for r in read_paths([dev_inputs]) if isinstance(r, Release)}


@pytest.mark.shared
def test_tenures_match_the_dev_gold(dev_inputs: Path):
    releases = dev_releases(dev_inputs)
    tp = n_pred = n_gold = 0
    for gold_file in sorted(dev_inputs.parent.glob("*.json")):
        gold = json.loads(gold_file.read_text())
        pred = sorted(
            {(norm(t.person), norm(t.post)) for t in recognise_people(Document(releases[gold["id"]]))[1]}
        )
        used: set[int] = set()
        for t in gold.get("tenures", []):
            posts = {norm(v) for v in t["post"].split("|")}
            for i, (person, post) in enumerate(pred):
                if i not in used and person == norm(t["person"]) and post in posts:
                    used.add(i)
                    tp += 1
                    break
        n_pred += len(pred)
        n_gold += len(gold.get("tenures", []))
    precision, recall = tp / n_pred, tp / n_gold
    assert precision >= 0.9, f"tenure precision {precision:.2f} ({tp}/{n_pred})"
    assert recall >= 0.9, f"tenure recall {recall:.2f} ({tp}/{n_gold})"


def test_post_after_a_name_without_honorific_names_its_organisation():
    got = tenures(
        "The choreography is by Yang Meiling, Artistic Director of the Guangzhou Ballet Theatre and a "
        "former soloist. The lighting is by Leung Ka-wai, Chief Lighting Designer at Stage One Limited."
    )
    assert got == {
        ("Yang Meiling", "Artistic Director of the Guangzhou Ballet Theatre"),
        ("Leung Ka-wai", "Chief Lighting Designer at Stage One Limited"),
    }


def test_posts_after_names_in_a_list_stay_with_their_names():
    got = tenures(
        "The masterclass is led by Ms Carol Fung, Principal Dancer of the Kowloon Dance Troupe, and "
        "Mr Dennis Poon, Associate Professor of the School of Music of the Lantau Academy of Arts."
    )
    assert got == {
        ("Carol Fung", "Principal Dancer of the Kowloon Dance Troupe"),
        ("Dennis Poon", "Associate Professor of the School of Music of the Lantau Academy of Arts"),
    }


def test_a_post_between_two_names_in_a_list_is_the_first_ones():
    got = tenures(
        "Speakers include Mr Owen Lok, Chief Executive Officer of Harbour Bright Limited, "
        "Ms Iris Yau, Founder of Tidewater Studio, and Dr Amy Ng."
    )
    assert got == {
        ("Owen Lok", "Chief Executive Officer of Harbour Bright Limited"),
        ("Iris Yau", "Founder of Tidewater Studio"),
    }


def test_a_capitalised_phrase_after_a_name_without_a_post_of_someone_is_no_post():
    assert tenures("The concert features Chan Siu-ming, Hong Kong Philharmonic, on the violin.") == set()


def test_former_and_then_posts_count_without_the_marker():
    got = tenures(
        "The then Assistant Director of Marine, Mr Kwan Tak-on, and the former Secretary for Security, "
        "Mr Lo Chi-keung, gave evidence. The ex-Chairman of the Fisheries Council, Dr Tina Ma, also spoke."
    )
    assert got == {
        ("Kwan Tak-on", "Assistant Director of Marine"),
        ("Lo Chi-keung", "Secretary for Security"),
        ("Tina Ma", "Chairman of the Fisheries Council"),
    }


def test_run_together_scrape_text_is_split():
    got = tenures(
        "An inspector of the Marine Department (MD)Mr Yip Wai-lun and the then Senior Marine Officer, "
        "Tse Kin-ho,were arrested."
    )
    assert got == {("Tse Kin-ho", "Senior Marine Officer")}
    assert "Yip Wai-lun" in names("A clerk of the Marine Department (MD)Mr Yip Wai-lun resigned.")


def test_a_place_after_a_post_and_a_comma_is_no_name():
    # after "POST," a name without honorific needs a hyphenated given name ("Tse Kin-ho")
    assert tenures("Ferries link the office of the Director of Marine, Lam Tin, and Sai Kung.") == set()


def test_a_post_a_reporter_addresses_is_not_the_next_persons():
    text = "Reporter: Chief Executive, Professor Lam Ka-yan said the law should be reviewed. Will you do so?"
    assert tenures(text) == set()


def test_a_post_after_as_belongs_to_the_person_appointed_before_it():
    text = (
        "The Chief Executive has appointed Mr Chan Tai-man as the Chairman of the Harbourfront Advisory "
        "Board, and Mr Lee Siu-ming and Dr Wong Mei-ling as members, for two years."
    )
    assert ("Lee Siu-ming", "Chairman of the Harbourfront Advisory Board") not in tenures(text)


def test_a_salutations_short_post_beside_the_post_in_full_is_one_post():
    text = (
        "Commissioner Ho (Deputy Commissioner of the Harbour Safety Office of the Marine Department, "
        "Mr Ho Ka-wing), ladies and gentlemen, good morning."
    )
    assert tenures(text) == {
        ("Ho Ka-wing", "Deputy Commissioner of the Harbour Safety Office of the Marine Department")
    }


def test_a_surname_alone_after_a_rank_is_no_tenure():
    assert tenures("We thank Director-General Ren and Vice Mayor Qian for their support.") == set()


def test_a_surname_ending_a_post_is_no_name():
    # "Law" ends the commission's name: the addressee's post is read up to her full name
    got = tenures("Anna (Secretary of the Commission on Maritime Law, Ms Anna Keller), distinguished guests,")
    assert got == {("Anna Keller", "Secretary of the Commission on Maritime Law")}


def test_mr_justice_is_a_title_not_a_name():
    assert names("Mr Justice Ma Tao-li said the court would rise.") == ["Ma Tao-li"]
    assert tenures("The Department of Justice Wong Ka-fai case was heard.") == set()


def test_words_in_brackets_after_a_name_are_a_post_only_with_a_head():
    assert tenures("Mr Wong Kin-man (second left) and Ms Lee Mei-yan (centre) toured the site.") == set()
    assert tenures("Mr Wong Kin-man (Hong Kong) spoke.") == set()


def test_a_post_cut_before_the_occasion_must_say_whose_it_is():
    text = "Following are the remarks by Ms Ho Ka-yan, Associate Professor at the forum today (March 14):"
    assert tenures(text) == set()


def test_two_roles_sharing_one_of_stay_one_post_but_a_portfolio_splits():
    assert tenures(
        "The Deputy Prime Minister and Minister for Finance of Singapore, Mr Lim Boon-keng, spoke."
    ) == {
        ("Lim Boon-keng", "Deputy Prime Minister"),
        ("Lim Boon-keng", "Minister for Finance of Singapore"),
    }


def test_its_post_without_a_body_before_stays_as_written():
    assert tenures("He said its Chairman, Mr Ho Ka-lun, was helpful.") == {("Ho Ka-lun", "Chairman")}


def test_a_speech_title_gives_no_post():
    assert tenures("Speech at the Welcome Dinner by Mr Ho Ka-lun") == set()


def test_a_post_between_two_captioned_names_is_the_first_ones():
    text = (
        "Mr Lee Ka-kit (left), Chairman of the Hong Kong Tourism Board, and Mr Chan Siu-ming (right), "
        "Director of Tourism, cut the ribbon."
    )
    assert tenures(text) == {
        ("Lee Ka-kit", "Chairman of the Hong Kong Tourism Board"),
        ("Chan Siu-ming", "Director of Tourism"),
    }


def test_a_surname_in_capitals_is_written_as_a_name():
    assert names("The Chief Secretary, Mrs Anson CHAN, said. Mrs Anson Chan added a word.") == ["Anson Chan"]
    assert names("Mr C Y Leung said.") == ["C Y Leung"]


def test_a_surname_in_capitals_after_initials_is_read_whatever_the_surname():
    # older releases: "Dr E K YEOH"; the surname need not be one of the romanised surnames listed
    got = tenures(
        "Following is a question by the Hon LAU Wai-man and a reply by the Secretary for Health and "
        "Welfare, Dr T K YEOH, in the Legislative Council today (March 12):"
    )
    assert got == {("T K Yeoh", "Secretary for Health and Welfare")}
    assert tenures("The Director of Lands, Mr K K SBS, said.") == {("K K", "Director of Lands")}


def test_passive_appointments_give_each_name_its_post():
    got = tenures(
        "Mr Ho Wing-kei is re-appointed as the Chairperson of the Waterfront Commission for one year. "
        "Ms Kwan Yuk-lan is re-appointed as a member of the Waterfront Commission. Mr Lee Tak-ming and "
        "Dr Tam Siu-fai are appointed as new members of the Waterfront Commission for two years. Mr Yip "
        "Kwok-wah was appointed as the head of the team. Ms Chu Ka-yan and Mr Au Wai-lok are appointed "
        "as new members of the committee."
    )
    assert got == {
        ("Ho Wing-kei", "Chairperson of the Waterfront Commission"),
        ("Kwan Yuk-lan", "member of the Waterfront Commission"),
        ("Lee Tak-ming", "member of the Waterfront Commission"),
        ("Tam Siu-fai", "member of the Waterfront Commission"),
    }


def test_the_post_after_a_succeeded_name_is_not_that_persons():
    got = tenures(
        "Mr Lam Siu-ming retires this month. Mr Au Yiu-ming will succeed Mr Lam Siu-ming as Commissioner "
        "for Transport. Ms Ho Wai-han will take over from Mr Yip Kin-man as Chairman of the Board."
    )
    assert ("Lam Siu-ming", "Commissioner for Transport") not in got
    assert ("Yip Kin-man", "Chairman of the Board") not in got


def test_a_short_reference_does_not_take_a_person_of_the_other_sex():
    got = tenures(
        "The Chief Executive, Mrs Lam Yuk-ling, and the Secretary for Transport, Mr Lam Sai-kit, attended. "
        "Mrs Lam said the plan was good. Mr Lam, the Chairman of the Transport Advisory Committee, said."
    )
    assert ("Lam Sai-kit", "Chairman of the Transport Advisory Committee") in got
    assert ("Lam Yuk-ling", "Chairman of the Transport Advisory Committee") not in got


def test_outgoing_and_new_stay_out_of_the_post_and_a_portfolio_in_brackets_stays_in():
    got = tenures(
        "Mr Tung thanked Mr Lee Ka-wing, the outgoing Chairman, and welcomed Mr Ho Siu-ming, the new "
        "Chairman of the Board. Mr Au Kin-wai, Senior Superintendent (Operations) of Kowloon West Region, "
        "said."
    )
    assert got == {
        ("Lee Ka-wing", "Chairman"),
        ("Ho Siu-ming", "Chairman of the Board"),
        ("Au Kin-wai", "Senior Superintendent (Operations) of Kowloon West Region"),
    }


def test_posts_each_with_its_body_between_commas_are_one_tenure_each_but_a_portfolio_is_not_cut():
    got = tenures(
        "Standing Committee Member of the CPC Fujian Provincial Committee, Party Secretary of the CPC Xiamen "
        "Municipal Committee, Mayor of Xiamen Municipality Zhou Jianping witnessed the signing. The Secretary "
        "for Innovation, Technology and Industry, Professor Sun Wai, and Executive Director, Hong Kong Trade "
        "Development Council, Ms Fong Mei-ling, attended."
    )
    assert got == {
        ("Zhou Jianping", "Standing Committee Member of the CPC Fujian Provincial Committee"),
        ("Zhou Jianping", "Party Secretary of the CPC Xiamen Municipal Committee"),
        ("Zhou Jianping", "Mayor of Xiamen Municipality"),
        ("Sun Wai", "Secretary for Innovation, Technology and Industry"),
        ("Fong Mei-ling", "Executive Director, Hong Kong Trade Development Council"),
    }


def test_a_membership_between_commas_must_close_the_list_of_names():
    got = tenures(
        "The Chief Executive, Mr Tung Kin-wah, members of the Executive Council and senior officials "
        "attended. Mr Yau Chi-keung and Ms Wan Lai-kuen, members of the public, were thanked. Mr Ip "
        "Siu-ming, member of the Antiquities Advisory Board, said."
    )
    assert got == {
        ("Tung Kin-wah", "Chief Executive"),
        ("Ip Siu-ming", "member of the Antiquities Advisory Board"),
    }


def test_a_doctor_is_not_the_mister_of_the_same_surname():
    got = tenures(
        "The award went to Ms Wong Siu-ling, daughter of the late Director of Lands, Mr Wong Kam-po. "
        "Dr Wong, Chairman of the Hospital Authority, said."
    )
    assert got == {("Wong Kam-po", "Director of Lands")}


def test_a_post_before_and_that_ends_in_an_unread_name_is_not_the_next_persons():
    got = tenures(
        "Mrs Lam Yuk-ling also met Vietnamese Prime Minister Nguyen Xuan Phuc and Singapore Prime Minister "
        "Lee Hsien Loong. She met the Consul General and Minister Counsellor, Mr Ho Wai."
    )
    assert got == {
        ("Lee Hsien Loong", "Singapore Prime Minister"),
        ("Ho Wai", "Consul General"),
        ("Ho Wai", "Minister Counsellor"),
    }


def test_a_short_reference_two_people_could_be_gives_neither_an_honorific():
    people = {
        p.name: p.honorific
        for p in recognise_people(
            Document(
                release(
                    "Financial Secretary Paul Chan will lead the delegation, which comprises Under Secretary "
                    "for Commerce & Economic Development Bernard Chan. Mr Chan will also call on officials. "
                    "Chief Secretary Matthew Cheung attended. Mr Cheung said."
                )
            )
        )[0]
    }
    assert people["Paul Chan"] is None and people["Bernard Chan"] is None
    assert people["Matthew Cheung"] == "Mr"


def test_a_biographys_also_currently_formerly_and_no_post_cut_at_an_initial():
    got = tenures(
        "Mr Kwan Tak-ming is also the Chairman of the Hong Kong Youth Foundation. Dr Ho Kin-chung was "
        "formerly the Director of Health. Mr Leung Wang-ching is also the Chairman of the Y. Elites "
        "Association Limited."
    )
    assert got == {
        ("Kwan Tak-ming", "Chairman of the Hong Kong Youth Foundation"),
        ("Ho Kin-chung", "Director of Health"),
    }


def test_a_passive_appointment_without_as():
    got = tenures(
        "Mr Chan Ka-keung has been appointed Chairman of the Waterfront Commission. Mr Lee Siu-ming has been "
        "appointed to the post. Mr Yip Kin-man was appointed by the Chief Executive."
    )
    assert got == {("Chan Ka-keung", "Chairman of the Waterfront Commission")}


def test_acting_without_the_is_the_post_and_a_head_alone_is_none():
    got = tenures(
        "During their absence, Secretary for Development Mr Wong Kam-sing will be acting Chief Secretary "
        "for Administration, and Under Secretary for Development Mr Liu Chun-san will be Acting Secretary."
    )
    assert ("Wong Kam-sing", "Acting Chief Secretary for Administration") in got
    assert ("Liu Chun-san", "Under Secretary for Development") in got
    assert not any(post == "Acting Secretary" for _, post in got)
