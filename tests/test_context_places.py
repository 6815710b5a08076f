"""Places resolved from the text's own context: admin chains in parentheses, "X in <region>", regions of our own
table as qualifiers, parts of a place named before ("the city's ... district"), and no lesser place in a country the
text gives no reason for. Sentences of our own."""
from __future__ import annotations

import pytest

from geomap.pipeline import default_geoparser


@pytest.fixture(scope="module")
def parser():
    return default_geoparser()


def _resolved(parser, text: str, surface: str, nth: int = 0):
    found = [r for r in parser.parse(text).resolutions if r.mention.text == surface]
    assert len(found) > nth, f"{surface!r} not found in {[r.mention.text for r in parser.parse(text).resolutions]}"
    return found[nth]


@pytest.mark.parametrize("text, surface, cc, admin1", [
    # an admin chain in parentheses qualifies the name before it, through items the gazetteer lacks
    ("Junta aircraft bombed a market in Muse town (Muse Township, Shan State) at dawn.", "Muse", "MM", "MM.11"),
    ("Artillery shelled Karari (Karrari, Khartoum) overnight, residents said.", "Karari", "SD", "SD.29"),
    # "X in <region>": the region qualifies X even through another reading of X's name
    ("A drone attack killed four people in Boni in the Mopti region.", "Boni", "ML", "ML.04"),
    ("Moscow says its troops took New York in Donetsk Oblast.", "New York", "UA", "UA.05"),
    # a region of our own table qualifies the name before it
    ("Fighters overran a checkpoint near Bari, Puntland, on Sunday.", "Bari", "SO", "SO.03"),
])
def test_a_qualifier_in_the_text_places_the_name(parser, text, surface, cc, admin1):
    r = _resolved(parser, text, surface)
    assert (r.place.country_code, r.place.admin1_code) == (cc, admin1), r.reason


def test_each_link_of_a_parenthesised_chain_is_placed(parser):
    text = "Junta aircraft bombed a market in Muse town (Muse Township, Shan State) at dawn."
    for nth in (0, 1):
        r = _resolved(parser, text, "Muse", nth)
        assert r.place.name == "Shan State" and r.reason.startswith("approximate"), r.reason


@pytest.mark.parametrize("text, surface, city", [
    ("A missile hit Zaporizhzhia; a school in the city's Shevchenkivskyi district was damaged.", "Shevchenkivskyi",
     687700),
    ("Shells fell on Kharkiv's Kyivskyi district.", "Kyivskyi", 706483),
])
def test_a_part_of_a_town_named_before_is_placed_there(parser, text, surface, city):
    r = _resolved(parser, text, surface)
    assert r.place.geonameid == city and r.reason.startswith("approximate"), r.reason


def test_a_multi_word_name_with_es_is_read_whole(parser):
    r = _resolved(parser, "Floods displaced thousands in Dar es Salaam.", "Dar es Salaam")
    assert r.place.country_code == "TZ"


def test_somali_regions_by_their_news_spellings(parser):
    r = _resolved(parser, "Troops cleared villages near Afgooye in Lower Shabelle.", "Lower Shabelle")
    assert (r.place.feature, r.place.admin1_code) == ("admin1", "SO.14")


def test_a_lesser_place_stays_in_the_country_the_text_names(parser):
    r = _resolved(parser, "Jihadists raided Boni overnight, the army of Mali said.", "Boni")
    assert r.place.country_code == "ML" and r.reason.startswith("approximate"), r.reason


@pytest.mark.parametrize("text, surface, cc", [
    ("The role of Moscow in Idlib was discussed.", "Moscow", "RU"),  # a big town: "in" joins other things
    ("The embassy of Ukraine in Nigeria issued a statement.", "Ukraine", "UA"),
    # an item of a list of countries is no place in them
    ("Unlike the Zaire, Bundibugyo, Ivory Coast and Sudan strains, it is harmless.", "Bundibugyo", "UG"),
    ("Samples of the Zaire, Bundibugyo strains were compared.", "Bundibugyo", "UG"),  # no qualifier before it
    # another reading of another name ("Georgia", the state) is reason enough for the country
    ("Storms hit Albany, and Georgia's governor declared an emergency.", "Albany", "US"),
])
def test_no_context_moves_a_place_it_does_not_speak_for(parser, text, surface, cc):
    assert _resolved(parser, text, surface).place.country_code == cc


def test_names_before_a_plural_region_word_are_regions(parser):
    for text, surface, admin1 in (("Drones hit the Kharkiv and Sumy oblasts overnight.", "Sumy", "UA.21"),
                                  ("Drones hit the Kharkiv and Sumy oblasts overnight.", "Kharkiv", "UA.07")):
        r = _resolved(parser, text, surface)
        assert (r.place.feature, r.place.admin1_code) == ("admin1", admin1), r.place
