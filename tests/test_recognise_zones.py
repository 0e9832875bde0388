"""Zones a release names (kg.recognise.zones), rule by rule, on sentences written in the house
style, and against the dev gold when ../shared is present."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.model import Release, Zone
from kg.recognise.document import Document
from kg.recognise.zones import recognise_zones
from tests.test_recognise_organisations import dev_counts


def release(text: str, title: str | None = None) -> Release:
    return Release(id="P2030010100002", date=date(2030, 1, 1), text=text, source="test", title=title)


def zones(text: str, **kw) -> dict[str, Zone]:
    return {z.name: z for z in recognise_zones(Document(release(text, **kw)))}


def test_development_and_cooperation_zones_parks_and_new_development_areas():
    found = zones(
        "The delegation toured the Nansha Pilot Free Trade Zone and the Songshan Lake Science and "
        "Technology Park, and heard about the Yuen Long South New Development Area and the Tai Po "
        "Industrial Estate."
    )
    assert set(found) == {
        "Nansha Pilot Free Trade Zone",
        "Songshan Lake Science and Technology Park",
        "Yuen Long South New Development Area",
        "Tai Po InnoPark",  # the reference data knows the estate under its current name
    }
    assert "Tai Po Industrial Estate" in found["Tai Po InnoPark"].alt_labels


def test_a_short_form_in_brackets_and_later_uses_belong_to_the_full_zone():
    found = zones(
        "Both sides discussed the Changsha Software and Innovation Co-operation Zone (Co-operation "
        "Zone). The Co-operation Zone will admit its first tenants next year."
    )
    assert list(found) == ["Changsha Software and Innovation Co-operation Zone"]
    assert "Co-operation Zone" in found["Changsha Software and Innovation Co-operation Zone"].alt_labels


def test_a_short_form_alone_binds_to_the_zone_named_before_it():
    found = zones(
        "The first building of the Shantou Marine Technology Park was completed. The Park will house "
        "research laboratories."
    )
    assert list(found) == ["Shantou Marine Technology Park"]
    assert "Park" in found["Shantou Marine Technology Park"].alt_labels


def test_a_short_form_with_nothing_to_bind_to_adds_no_zone():
    assert zones("The Co-operation Zone will open to visitors in May.") == {}


def test_known_short_forms_give_the_canonical_name():
    found = zones(
        "Site formation in the Loop is in progress. The GBA offers vast opportunities, and the Bay "
        "Area will grow further."
    )
    assert set(found) == {"Lok Ma Chau Loop", "Guangdong-Hong Kong-Macao Greater Bay Area"}
    assert (
        "the Loop" in found["Lok Ma Chau Loop"].alt_labels or "Loop" in found["Lok Ma Chau Loop"].alt_labels
    )
    gba = found["Guangdong-Hong Kong-Macao Greater Bay Area"]
    assert {"GBA", "Bay Area"} <= set(gba.alt_labels)


def test_i_and_t_spelling_of_a_known_park():
    found = zones("Tenants are moving into the Hong Kong-Shenzhen I&T Park.")
    assert list(found) == ["Hong Kong-Shenzhen Innovation and Technology Park"]
    assert (
        "Hong Kong-Shenzhen I&T Park" in found["Hong Kong-Shenzhen Innovation and Technology Park"].alt_labels
    )


def test_x_park_of_the_y_zone_gives_both_with_part_of():
    found = zones(
        "The Secretary visited the Shenzhen Park of the Hetao Shenzhen-Hong Kong Science and "
        "Technology Innovation Co-operation Zone."
    )
    hetao = "Hetao Shenzhen-Hong Kong Science and Technology Innovation Co-operation Zone"
    assert set(found) == {f"Shenzhen Park of the {hetao}", hetao}
    assert found[f"Shenzhen Park of the {hetao}"].part_of == hetao


def test_regions_named_as_development_strategy_subjects():
    found = zones(
        "Anhui plays a role in the integrated development of the Yangtze River Delta, while Hong Kong "
        "serves the Pearl River Delta Region and the Yangtze River Economic Belt."
    )
    assert set(found) == {"Yangtze River Delta", "Pearl River Delta Region", "Yangtze River Economic Belt"}


def test_venues_country_parks_cities_and_districts_are_not_zones():
    found = zones(
        "The event was held at Victoria Park and the Kai Tak Sports Park. Hikers may visit the Sai Kung "
        "East Country Park. Visitors to the Exhibition Zone in Shenzhen, Futian District, Hong Kong "
        "Island and the Middle East region enjoyed the show."
    )
    assert found == {}


def test_zones_inside_the_names_of_plans_agreements_and_task_forces_do_not_count():
    found = zones(
        "The Outline Development Plan for the Guangdong-Hong Kong-Macao Greater Bay Area was promulgated. "
        "The Joint Task Force on the Development of the Hong Kong-Shenzhen Innovation and Technology Park "
        "in the Loop met, and the Memorandum of Understanding on the Kai Tak Development Area was signed."
    )
    assert found == {}


def test_a_zone_where_something_is_located_counts():
    found = zones(
        "A healthtech hub opened in the Hong Kong-Shenzhen Innovation and Technology Park in the Loop."
    )
    assert set(found) == {"Hong Kong-Shenzhen Innovation and Technology Park", "Lok Ma Chau Loop"}


def test_mainland_new_areas():
    found = zones("The delegation visited the Xiong'an New Area and the Liangjiang New Area in Chongqing.")
    assert set(found) == {"Xiong'an New Area", "Liangjiang New Area"}


def test_two_zones_sharing_one_plural_head():
    found = zones("The Ngau Tam Mei and San Tin New Development Areas will supply housing land.")
    assert set(found) == {"Ngau Tam Mei New Development Area", "San Tin New Development Area"}


def test_metropolis_and_technopole():
    found = zones("The Northern Metropolis (NM) will host the San Tin Technopole. The NM has ample land.")
    assert set(found) == {"Northern Metropolis", "San Tin Technopole"}
    assert "NM" in found["Northern Metropolis"].alt_labels


def test_a_zone_name_with_a_bracketed_place():
    found = zones(
        "The delegation visited the China (Fujian) Pilot Free Trade Zone (FJFTZ). The FJFTZ has three areas."
    )
    assert list(found) == ["China (Fujian) Pilot Free Trade Zone"]
    assert "FJFTZ" in found["China (Fujian) Pilot Free Trade Zone"].alt_labels


def test_national_strategy_regions_corridors_and_new_towns():
    found = zones(
        "Hong Kong will join the development of the Chengdu-Chongqing Economic Circle, the Harbin Hi-tech "
        "Zone and the Guangzhou-Shenzhen-Hong Kong-Macao Science and Technology Innovation Corridor, and "
        "plans the Ngau Tam Mei New Town. Shoppers crowded the New Town Plaza."
    )
    assert set(found) == {
        "Chengdu-Chongqing Economic Circle",
        "Harbin Hi-tech Zone",
        "Guangzhou-Shenzhen-Hong Kong-Macao Science and Technology Innovation Corridor",
        "Ngau Tam Mei New Town",
    }


def test_one_zone_named_two_ways_is_one_zone():
    found = zones(
        "The Hong Kong/Shenzhen Modern Service Industries Cooperation Zone will open up. Firms are moving "
        "into the Qianhai Shenzhen-Hong Kong Modern Service Industry Co-operation Zone."
    )
    (qianhai,) = found.values()
    assert qianhai.name == "Qianhai Shenzhen-Hong Kong Modern Service Industry Co-operation Zone"
    assert "Hong Kong/Shenzhen Modern Service Industries Cooperation Zone" in qianhai.alt_labels


def test_a_river_delta_in_a_geographic_context_is_not_a_zone():
    assert zones("Ozone levels in the Pearl River Delta (PRD) region fell, and air quality improved.") == {}
    assert set(zones("Hong Kong will deepen economic co-operation with the Pearl River Delta region.")) == {
        "Pearl River Delta Region"
    }
    assert set(zones("Air quality in the Pearl River Delta Region improved.")) == {"Pearl River Delta Region"}


def test_a_zone_inside_a_conference_name_after_its_abbreviation_does_not_count():
    found = zones(
        "The Pan-Pearl River Delta (PPRD) Regional Co-operation Chief Executive Joint Conference was "
        "held. Hong Kong will serve the development of the PPRD region."
    )
    assert list(found) == ["Pan-Pearl River Delta Region"]
    assert found["Pan-Pearl River Delta Region"].alt_labels == ("PPRD",)


@pytest.mark.shared
def test_dev_set_precision_and_recall(shared_dir: Path):
    tp, n_pred, n_gold = dev_counts(shared_dir, "zones", lambda r: recognise_zones(Document(r)))
    assert tp / n_pred >= 0.9, (tp, n_pred, n_gold)
    assert tp / n_gold >= 0.9, (tp, n_pred, n_gold)


def test_an_abbreviation_in_brackets_inside_an_events_name_is_no_zone():
    text = "The Secretary spoke at the Greater Bay Area (GBA) Young Entrepreneurs Summit today (March 14)."
    assert zones(text) == {}


def test_a_district_is_a_zone_only_when_named_as_a_designated_one():
    found = zones(
        "He visited the Huangpu Development District in the Nansha District and the Futian District."
    )
    assert set(found) == {"Huangpu Development District"}


def test_a_delta_right_after_a_development_word_is_a_zone_even_beside_the_environment():
    found = zones("To be the hub for the Pearl River Delta, Hong Kong needs a quality environment.")
    assert "Pearl River Delta" in {n for z in found.values() for n in (z.name, *z.alt_labels)}
    found = zones("Air quality in the Pearl River Delta region improved, as the environment report shows.")
    assert not found


def test_a_park_named_acting_is_its_company_and_named_in_a_list_of_parks_a_zone():
    found = zones(
        "The three I&T parks (the Hong Kong Science Park, Cyberport and the Tai Po InnoPark) have grown."
    )
    assert "Cyberport" in found
    found = zones("Cyberport will launch a new fund. The Cyberport start-ups grew.")
    assert "Cyberport" not in found


def test_a_park_located_or_to_be_expanded_is_still_the_zone():
    found = zones("Cyberport is located in Telegraph Bay. Cyberport will be expanded by 2030.")
    assert "Cyberport" in found
