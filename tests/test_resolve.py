"""Resolution on sentences of our own: context, qualifiers, regions, transliterations, unresolved mentions."""
from __future__ import annotations

import pytest

from geomap.model import Mention
from geomap.pipeline import default_geoparser


@pytest.fixture(scope="module")
def parser():
    return default_geoparser()


def _resolved(parser, text: str, surface: str):
    for r in parser.parse(text).resolutions:
        if r.mention.text == surface:
            return r
    raise AssertionError(f"{surface!r} not found in {[r.mention.text for r in parser.parse(text).resolutions]}")


@pytest.mark.parametrize("text, surface, geonameid", [
    ("A missile hit Berestyn, in the Kharkiv region, on Tuesday.", "Berestyn", 704388),
    ("The town of Krasnohrad was renamed last year.", "Krasnohrad", 704388),
    ("Russian troops pressed on toward Pokrovsk.", "Pokrovsk", 704422),
    ("Explosions were heard in Kiev before dawn.", "Kiev", 703448),
    ("Sirens sounded in Київ at night.", "Київ", 703448),
    ("The delegation flew on to Turkey for talks.", "Turkey", 298795),
    ("Power was cut in the Donetsk region.", "Donetsk", 709716),
    ("Strikes hit the Donetsk Oblast on Sunday.", "Donetsk Oblast", 709716),
    ("Officials in Paris and Lyon condemned the attack; France raised its alert level.", "Paris", 2988507),
    ("The festival drew crowds to Paris, Texas, this weekend.", "Paris", 4717560),
    ("A tornado struck Athens, Ga., overnight.", "Athens", 4180386),
    ("Ministers met in Athens to discuss Greek debt.", "Athens", 264371),
    ("He moved from Moscow to Tver in 2019.", "Moscow", 524901),
])
def test_resolves_to_the_right_place(parser, text, surface, geonameid):
    assert _resolved(parser, text, surface).place.geonameid == geonameid


def test_region_is_never_a_same_named_russian_town(parser):
    r = _resolved(parser, "Power stations in the occupied Donetsk region were hit.", "Donetsk")
    assert r.place.feature == "admin1" and r.place.country_code == "UA"
    assert all(c.place.country_code != "RU" for c in r.candidates)  # the hint keeps only regions


def test_resolution_keeps_candidates_score_and_reason(parser):
    r = _resolved(parser, "Floods hit Springfield on Monday.", "Springfield")
    assert len(r.candidates) > 1
    assert r.candidates[0].place == r.place
    assert 0.0 < r.score <= 1.0
    assert r.reason


def test_given_spans_keep_order_and_report_unresolved(parser):
    text = "Qwxzvbl was named."
    resolutions = parser.resolve_spans(text, [(0, 7)])
    assert resolutions[0].place is None and resolutions[0].reason


def test_unknown_given_name_is_placed_approximately_at_the_articles_main_place(parser):
    text = "Qwxzvbl and Odesa were named; Odesa again."
    resolutions = parser.resolve_spans(text, [(12, 17), (0, 7)])
    assert [r.mention.text for r in resolutions] == ["Odesa", "Qwxzvbl"]
    assert resolutions[0].place.geonameid == 698740
    approx = resolutions[1]
    assert approx.place.geonameid == 698740 and approx.reason.startswith("approximate")
    assert approx.score < 0.5 and approx.candidates == ()


def test_street_goes_to_the_town_the_article_is_about_not_a_namesake_town(parser):
    text = ("Brass bands marched down Royal Street in New Orleans on Sunday, and the crowd spilled onto "
            "Frenchmen Street before dark. New Orleans police closed both.")
    spans = [(text.index(s), text.index(s) + len(s)) for s in ("Royal Street", "Frenchmen Street")]
    for r in parser.resolve_spans(text, spans):
        assert r.place.name == "New Orleans" and r.reason.startswith("approximate")


@pytest.mark.parametrize("text, surface, admin1_code", [
    ("She teaches at Colorado State University and lives nearby.", "Colorado State University", "US.CO"),
    ("Mass was said at Manila Cathedral on Sunday.", "Manila Cathedral", "PH.NCR"),
    ("Drought gripped the Western US all summer.", "Western US", None),  # capitals: the country, not Us, France
])
def test_a_well_known_place_inside_an_unknown_name(parser, text, surface, admin1_code):
    start = text.index(surface)
    [r] = parser.resolve_spans(text, [(start, start + len(surface))])
    assert r.place.admin1_code == admin1_code and surface in r.reason


def test_demonym_span_resolves_to_country(parser):
    [r] = parser.resolve_spans("Sri Lankan officials said so.", [(0, 10)])
    assert r.place.country_code == "LK" and r.place.feature == "country"


def test_state_abbreviation_needs_its_dot(parser):
    result = parser.parse("Crews worked in Dalton, Ga., through the night.")
    texts = [r.mention.text for r in result.resolutions]
    assert "Ga." in texts
    assert next(r for r in result.resolutions if r.mention.text == "Ga.").place.admin1_code == "US.GA"
    assert Mention(0, 2, "Ga").text == "Ga"  # the model keeps text exactly as given


def test_area_phrases_take_the_region(parser):
    result = parser.parse("Fighting spread across much of Sagaing and Rakhine this year.")
    sagaing = next(r for r in result.resolutions if r.mention.text == "Sagaing")
    assert sagaing.place.feature == "admin1" and sagaing.place.country_code == "MM"


def test_a_list_of_states_names_the_states_not_their_namesake_towns(parser):
    text = "Cases were confirmed in California, Oregon, Missouri and Pennsylvania, health officials said."
    places = {r.mention.text: r.place for r in parser.parse(text).resolutions}
    assert {name: (p.feature, p.admin1_code) for name, p in places.items()} == {
        "California": ("admin1", "US.CA"), "Oregon": ("admin1", "US.OR"),
        "Missouri": ("admin1", "US.MO"), "Pennsylvania": ("admin1", "US.PA")}


def test_the_capital_keeps_its_name_beside_a_list_of_states(parser):
    text = "Officials in Washington said Texas, Ohio and Florida would get the money first."
    washington = _resolved(parser, text, "Washington").place
    assert washington.feature == "city" and washington.admin1_code == "US.DC"


def test_a_list_of_countries_names_a_country(parser):
    text = "Envoys from Britain, France and Georgia met in Atlanta."
    georgia = _resolved(parser, text, "Georgia").place
    assert georgia.feature == "country" and georgia.country_code == "GE"


def test_an_unknown_street_goes_to_the_town_of_the_articles_own_country(parser):
    # one mention of Lyon (France) against three places in Kenya: the street is placed in Kenya
    text = "Moi Avenue was closed. Nairobi police said Nairobi and Mombasa were calm; a Lyon firm built it."
    start = text.index("Moi Avenue")
    [r] = parser.resolve_spans(text, [(start, start + len("Moi Avenue"))])
    assert r.place.country_code == "KE" and r.reason.startswith("approximate")


@pytest.mark.parametrize("text, surface, feature, cc", [
    ("Shelling was reported in South Ossetia overnight.", "South Ossetia", "region", "GE"),
    ("Floods displaced thousands across Sumatra.", "Sumatra", "region", "ID"),
    ("Bushfires burned across NSW on Monday.", "NSW", "admin1", "AU"),
    ("Migrants from Central America reached the border.", "Central America", "region", None),
])
def test_regions_news_names(parser, text, surface, feature, cc):
    place = _resolved(parser, text, surface).place
    assert (place.feature, place.country_code) == (feature, cc)


def test_the_white_house_is_in_washington_not_casablanca(parser):
    # GeoNames lists "White House" among Casablanca's translated names
    building = _resolved(parser, "Reporters waited outside the White House for news.", "White House").place
    assert building.admin1_code == "US.DC" and building.feature == "other"
    town = _resolved(parser, "Police in White House, Tenn., closed the road.", "White House").place
    assert town.admin1_code == "US.TN"


def test_a_qualified_first_use_fixes_the_sense_of_the_name_in_the_text(parser):
    text = ("Aurora is a city in Hamilton County, Nebraska. Settlers named it after Aurora, Illinois. "
            "Aurora grew quickly, and Hamilton County built a courthouse there.")
    found = [(r.mention.text, r.place.admin1_code) for r in parser.parse(text).resolutions]
    assert found == [("Aurora", "US.NE"), ("Hamilton County", "US.NE"), ("Nebraska", "US.NE"),
                     ("Aurora", "US.IL"), ("Illinois", "US.IL"), ("Aurora", "US.NE"), ("Hamilton County", "US.NE")]


def test_the_uk_nations_adjectives_name_the_nation(parser):
    text = "Police sealed off a street in the English city of Salisbury."
    english = _resolved(parser, text, "English").place
    assert (english.name, english.feature) == ("England", "admin1")


def test_a_countrys_own_name_is_the_country_not_its_capital_that_also_goes_by_it(parser):
    text = "Migrants crossed Oaxaca toward the border; Mexico said it would send troops to Oaxaca and Chiapas."
    mexico = _resolved(parser, text, "Mexico")
    assert (mexico.place.feature, mexico.place.country_code) == ("country", "MX")
    assert "Mexico City" not in {c.place.name for c in mexico.candidates}  # its capital is not a reading of it
    city = _resolved(parser, "Protesters marched in Mexico City on Sunday.", "Mexico City").place
    assert city.feature == "city" and city.admin1_code == "MX.09"


@pytest.mark.parametrize("text, surface, admin1_code", [
    ("Flights out of Heathrow were cancelled after the drone sighting.", "Heathrow", "GB.ENG"),
    ("Drones were seen near Kabul airport on Monday.", "Kabul airport", None),
    ("Police in Heathrow, Fla., closed a road.", "Heathrow", "US.FL"),  # the town, when the text says so
])
def test_major_airports(parser, text, surface, admin1_code):
    place = _resolved(parser, text, surface).place
    assert place.admin1_code == admin1_code
    assert (place.feature == "other") == (admin1_code != "US.FL")


def test_names_listed_before_counties_are_the_counties_named_for_them():
    parser = default_geoparser()
    text = "Jobless rates rose in Baldwin, Jasper and Oglethorpe counties, Georgia officials said."
    found = {r.mention.text: r.place for r in parser.parse(text).resolutions}
    assert (found["Oglethorpe"].name, found["Oglethorpe"].feature) == ("Oglethorpe County", "admin2")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Baldwin", "Jasper", "Oglethorpe")]
    given = parser.resolve_spans(text, spans)
    assert [(r.place.feature, r.place.admin1_code) for r in given] == [("admin2", "US.GA")] * 3


def test_two_ambiguous_names_that_lie_together_pick_each_other():
    # "Rome" alone is the Italian capital, and Floyd County is in several states; together they are Rome,
    # Georgia, the seat of Floyd County, Georgia
    found = default_geoparser().parse("Voters in Rome backed the levy, Floyd County officials said.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [("Rome", "US.GA"), ("Floyd County", "US.GA")]
    assert default_geoparser().parse("Voters in Rome backed the levy.").resolutions[0].place.country_code == "IT"


def test_an_unknown_name_goes_to_the_region_where_the_articles_places_gather(parser):
    # a stray town elsewhere named twice does not outweigh three towns of one state named once each
    text = ("Zorblax Golf Club opened. Jemison, Ala., sent a team; Jemison again. Fairfax, Vienna and "
            "Centreville, Va., sent players.")
    start = text.index("Zorblax Golf Club")
    approx = parser.resolve_spans(text, [(start, start + len("Zorblax Golf Club"))])[0]
    assert approx.reason.startswith("approximate") and approx.place.admin1_code == "US.VA"


def test_a_qualifier_takes_the_sense_that_contains_the_place_it_qualifies(parser):
    found = parser.parse("A girl from Buffalo, New York, and a man from Kupiansk, Kharkiv, were hurt.").resolutions
    kinds = {r.mention.text: (r.place.name, r.place.feature) for r in found}
    assert kinds["New York"] == ("New York", "admin1") and kinds["Kharkiv"][1] == "admin1"
    # but a borough qualified by its own city keeps the city
    found = parser.parse("Schools in Queens, New York closed.").resolutions
    assert [(r.mention.text, r.place.name) for r in found][-1] == ("New York", "New York City")


def test_well_known_waters_and_mountains_are_places(parser):
    found = {r.mention.text: r.place for r in parser.parse(
        "Barges on the Mississippi River stalled while storms crossed Lake Erie and hikers left the Alps.").resolutions}
    assert found["Mississippi River"].country_code == "US" and found["Mississippi River"].feature == "other"
    assert 41.5 < found["Lake Erie"].lat < 43 and found["Alps"].feature == "region"


def test_a_name_of_a_region_beside_its_sibling_region_is_the_region_not_a_village_in_the_sibling(parser):
    for text in ("A report for England said Wales would follow.", "The U.K. plan covers England. Wales is next.",
                 "London and Manchester in England reported cases; Wales had none."):
        wales = next(r.place for r in parser.parse(text).resolutions if r.mention.text == "Wales")
        assert (wales.feature, wales.admin1_code) == ("admin1", "GB.WLS")


def test_english_counties_beside_each_other_are_the_counties(parser):
    found = {r.mention.text: r.place for r in parser.parse(
        "Rounds follow at Oulton Park, Cheshire, Croft, Yorkshire, and Silverstone, Northamptonshire.").resolutions}
    assert all(found[name].country_code == "GB" for name in ("Cheshire", "Yorkshire", "Northamptonshire"))


def test_a_country_named_by_its_own_name_is_not_a_small_towns_other_name():
    # Platteville, Wisconsin also goes by "Lebanon" in GeoNames; a Wisconsin town beside it must not make it so
    found = default_geoparser().parse("Egypt and Lebanon reported new cases, health officials in Madison, "
                                      "Wisconsin said.").resolutions
    lebanon = next(r for r in found if r.mention.text == "Lebanon")
    assert (lebanon.place.feature, lebanon.place.country_code) == ("country", "LB")


def test_a_province_named_beside_its_siblings_beats_a_big_town_abroad():
    # Ontario, California (170,000) is a big town; among Canada's provinces "Ontario" is still the province
    text = ("Cases by province: British Columbia 15, Nova Scotia 14, Ontario 12 and Alberta 8. The United States "
            "reported more, including in Ohio.")
    ontario = next(r for r in default_geoparser().parse(text).resolutions if r.mention.text == "Ontario")
    assert (ontario.place.feature, ontario.place.admin1_code) == ("admin1", "CA.08")


@pytest.mark.parametrize("text, admin1", [
    ("Delta is a borough in York County, Pennsylvania, United States.", "US.PA"),  # not Nigeria's Delta State
    ("Albany is a home rule-class city in Clinton County, Kentucky.", "US.KY"),  # not the capital of New York
    ("Hanover is a city located in the state of Kansas.", "US.KS"),  # not Hannover, Germany
])
def test_a_sentence_saying_where_a_town_lies_qualifies_it(text, admin1):
    first = default_geoparser().parse(text).resolutions[0]
    assert (first.place.admin1_code, first.reason) == (admin1, "explicit qualifier")


def test_a_town_missing_from_the_gazetteer_is_put_where_the_text_says_it_lies():
    parser = default_geoparser()
    # no Chatham in New Hampshire's gazetteer entries: Carroll County, not Chatham, Kent
    first = parser.parse("Chatham is a town in Carroll County, New Hampshire, United States.").resolutions[0]
    assert (first.place.name, first.place.admin1_code) == ("Carroll County", "US.NH")
    assert first.reason.startswith("approximate")
    # "in" alone is no such statement: an embassy's country is not where the other country lies
    found = parser.parse("The Embassy of Ukraine in Nigeria held a reception.").resolutions
    assert [r.place.country_code for r in found] == ["UA", "NG"]


def test_a_state_or_province_after_a_bare_comma_places_a_town_the_gazetteer_lacks():
    # no Stroud in Ontario's entries: the province, not Stroud, England
    found = default_geoparser().parse("The driver was stopped on a highway near Stroud, Ontario, on Friday.")
    stroud = next(r for r in found.resolutions if r.mention.text == "Stroud")
    assert (stroud.place.feature, stroud.place.admin1_code) == ("admin1", "CA.08")
    # a region's name before a comma is a list, not a town inside the next region
    found = default_geoparser().parse("Migrating birds carry it across the Americas, Alaska included.")
    americas = next(r for r in found.resolutions if r.mention.text == "Americas")
    assert americas.place.feature == "region"


@pytest.mark.parametrize("text, surface, feature, cc", [
    # "China, Japan": a list of countries, not China, a town in Kagoshima
    ("Many countries, among them China, Japan and Britain, issued warnings.", "China", "country", "CN"),
    # Watervliet, N.Y. also goes by "Washington": no qualifier through a small town's other name
    ("After stops in Washington, New York and Boston, the prince flew home.", "Washington", "city", "US"),
])
def test_a_comma_between_names_of_a_list_is_no_qualifier(text, surface, feature, cc):
    found = _resolved(default_geoparser(), text, surface)
    assert (found.place.feature, found.place.country_code) == (feature, cc)
    assert found.reason != "explicit qualifier"


@pytest.mark.parametrize("text, surface, feature, admin1", [
    ("The case was found in the state of Washington last December.", "Washington", "admin1", "US.WA"),
    ("New York Governor Kathy Hochul declared an emergency.", "New York", "admin1", "US.NY"),
    ("Ontario Premier Doug Ford spoke on Monday.", "Ontario", "admin1", "CA.08"),
    # "a U.S. city": the country describes the city, it is no town called "Us"
    ("No U.S. city has such a policy yet.", "U.S.", "country", None),
    ("Flooding hit a Texas city on the coast.", "Texas", "admin1", "US.TX"),
])
def test_the_words_around_a_name_say_what_kind_of_place_it_is(parser, text, surface, feature, admin1):
    place = _resolved(parser, text, surface).place
    assert (place.feature, place.admin1_code) == (feature, admin1)


def test_a_bare_name_the_text_also_gives_as_a_county_is_that_county(parser):
    text = ("Police in Suffolk County, New York, searched the dunes. The Suffolk paper said detectives were "
            "still at the beach.")
    bare = next(r for r in parser.parse(text).resolutions if r.mention.text == "Suffolk")
    assert (bare.place.feature, bare.place.admin1_code) == ("admin2", "US.NY")
    # a town of that name in the county's own state keeps its sense
    text = "Deputies from Orange County, California, were sent to Orange after the storm."
    town = next(r for r in parser.parse(text).resolutions if r.mention.text == "Orange")
    assert (town.place.feature, town.place.admin1_code) == ("city", "US.CA")


def test_two_names_listed_with_a_state_are_both_states(parser):
    text = "Firms moved jobs from western states such as California or Washington to cheaper places."
    washington = _resolved(parser, text, "Washington").place
    assert (washington.feature, washington.admin1_code) == ("admin1", "US.WA")
    # in either order
    text = "Firms moved jobs from western states such as Washington or California to cheaper places."
    washington = _resolved(parser, text, "Washington").place
    assert (washington.feature, washington.admin1_code) == ("admin1", "US.WA")
    # a bare comma is no such list: "Washington, D.C." is the capital
    washington = _resolved(parser, "A patient was admitted to a hospital in Washington, D.C. on Monday.",
                           "Washington").place
    assert (washington.feature, washington.admin1_code) == ("city", "US.DC")
    # two towns stay towns
    text = "Flights between Paris and Lyon were cancelled."
    assert _resolved(parser, text, "Lyon").place.feature == "city"


def test_a_name_the_gazetteer_lacks_is_put_where_the_text_says_it_is(parser):
    text = ("The race moved from Kettering to Zorbly Park, Leicestershire, then to the Quarnet Correctional "
            "Center in Toledo.")
    names = ["Zorbly Park", "Quarnet Correctional Center"]
    park, center = parser.resolve_spans(text, [(text.index(n), text.index(n) + len(n)) for n in names])
    assert (park.place.feature, park.place.name) == ("admin2", "Leicestershire")
    assert (center.place.name, center.place.admin1_code) == ("Toledo", "US.OH")
    assert park.reason.startswith("approximate") and center.reason.startswith("approximate")
    # found in the text too: a lake the gazetteer lacks, before its county
    lake = _resolved(parser, "Anglers gathered at Lake Zorbly, Leicestershire, on Sunday.", "Lake Zorbly")
    assert lake.place.name == "Leicestershire"
    # after a bare comma a town may be the next item of a list: the unknown name is not put there
    text = "Shows in Copenhagen, Zorbly, Hamburg and Mannheim were cancelled."
    start = text.index("Zorbly")
    (zorbly,) = parser.resolve_spans(text, [(start, start + 6)])
    assert "as the text says" not in zorbly.reason
