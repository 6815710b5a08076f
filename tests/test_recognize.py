"""Recognition on sentences of our own: offsets exact, places found, people and common words left alone."""
from __future__ import annotations

import pytest

from geomap.pipeline import default_geoparser


@pytest.fixture(scope="module")
def parser():
    return default_geoparser()


def _places(parser, text: str) -> dict[str, object]:
    result = parser.parse(text)
    for r in result.resolutions:
        assert text[r.mention.start:r.mention.end] == r.mention.text
    return {r.mention.text: r.place for r in result.resolutions}


def _surfaces(text: str) -> list[str]:
    """The place mentions found in ``text``, as written, in order."""
    return [r.mention.text for r in default_geoparser().parse(text).resolutions]


@pytest.mark.parametrize("text, expected", [
    ("Drones struck Kupiansk and Izium overnight, officials said.", {"Kupiansk", "Izium"}),
    ("KHARKIV, Ukraine — Sirens sounded across the city on Friday.", {"KHARKIV", "Ukraine"}),
    ("The talks moved from Geneva to Doha after a week.", {"Geneva", "Doha"}),
    ("Fighting continued near Pokrovsk, in the Donetsk region, on Monday.", {"Pokrovsk", "Donetsk"}),
    ("Aid convoys reached the Gaza Strip from Egypt.", {"Gaza Strip", "Egypt"}),
    ("Inspectors returned to the Zaporizhzhia Nuclear Power Plant on Sunday.",
     {"Zaporizhzhia Nuclear Power Plant"}),
    ("Considering Moldova's position, the envoy left early.", {"Moldova"}),
])
def test_finds_places(parser, text, expected):
    assert expected <= set(_places(parser, text))


@pytest.mark.parametrize("text, not_places", [
    ("President Pedro Sanchez spoke to reporters in the morning.", {"Pedro Sanchez", "Pedro"}),
    ("Volodymyr Zelenskyy met Steve Witkoff. Later Witkoff flew home.", {"Volodymyr", "Witkoff"}),
    ("Lawmakers from European Solidarity and Servant of the People voted.",
     {"European Solidarity", "Servant", "European"}),
    ("Paris Hilton and Georgia Hampton arrived late.", {"Paris", "Georgia", "Paris Hilton"}),
    ("None of the Bank managers answered. One said nothing.", {"None", "Bank", "One"}),
    ("NATO and the OSCE issued statements.", {"NATO", "OSCE"}),
    ("We're told the Rev. Amos Trapp will preach; Trapp declined to comment.", {"We're", "Trapp"}),
])
def test_leaves_people_organisations_and_words_alone(parser, text, not_places):
    assert not (not_places & set(_places(parser, text)))


@pytest.mark.parametrize("text, place", [
    ("The Ohio State University raised fees.", "Ohio State"),
    ("Members of the Dublin City Council met on Monday.", "Dublin City"),
    ("She spent a year at the Bank of Ireland.", "Ireland"),
    ("The Kyiv Independent ran the story first.", "Kyiv"),
])
def test_places_named_inside_organisation_names(parser, text, place):
    assert place in _places(parser, text)


def test_demonyms_resolve_to_their_country(parser):
    places = _places(parser, "Ukrainian drones hit a Russian refinery.")
    assert places["Ukrainian"].geonameid == 690791
    assert places["Russian"].geonameid == 2017370
    assert places["Russian"].feature == "country"


def test_region_hint_and_bare_mention_share_a_sense(parser):
    text = "Shelling hit occupied parts of the Luhansk region. Russia has held most of Luhansk since 2022."
    result = parser.parse(text)
    luhansk = [r for r in result.resolutions if r.mention.text == "Luhansk"]
    assert len(luhansk) == 2
    assert luhansk[0].mention.hint == "region"
    assert {r.place.geonameid for r in luhansk} == {702657}  # the oblast both times, not the city


def test_common_word_place_after_a_locative(parser):
    result = parser.parse("The storm moved from Mobile toward the coast. Mobile phones went dead.")
    assert [(r.mention.start, r.place.country_code) for r in result.resolutions] == [(21, "US")]


def test_empty_and_odd_text(parser):
    assert parser.parse("").resolutions == ()
    assert parser.parse("\x00\x01 ???").resolutions == ()


@pytest.mark.parametrize("text, not_place", [
    ("The film opens in March. Andrew Trapani produced it.", "Trapani"),
    ("Police said Matthew D. Flores was 26. Flores had just moved.", "Flores"),
])
def test_people_at_sentence_start_and_with_initials(parser, text, not_place):
    assert not_place not in _places(parser, text)


@pytest.mark.parametrize("text, place, country", [
    ("Schools in Northeast Georgia and Atlanta are hiring.", "Georgia", "US"),
    ("Egyptian-US relations warmed.", "US", "US"),
    ("The figures come from U.S. Census estimates.", "U.S.", "US"),
    ("The D.C. Charter School Board met.", "D.C.", "US"),
    ("Lavrov spoke for the Russian Foreign Ministry.", "Russian", "RU"),
])
def test_places_in_compounds_and_titles(parser, text, place, country):
    places = _places(parser, text)
    assert places[place].country_code == country


@pytest.mark.parametrize("text, surface, geonameid", [
    ("Gangs attacked Port-au-Prince overnight.", "Port-au-Prince", 3718426),
    ("Drones circled the Zaporizhzhia nuclear power plant again.", "Zaporizhzhia nuclear power plant", None),
])
def test_names_with_lower_case_parts(parser, text, surface, geonameid):
    places = _places(parser, text)
    assert surface in places
    if geonameid:
        assert places[surface].geonameid == geonameid
    else:
        assert places[surface].feature == "other" and places[surface].country_code == "UA"


def test_small_us_town_found_in_text_when_its_name_is_not_a_word_or_a_person():
    parser = default_geoparser()
    found = parser.parse("Deputies searched a farm near Tennessee Colony on Friday.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [("Tennessee Colony", "US.TX")]
    # Fithian, Illinois is a ZIP town too, but a one-word name like that is mostly a surname
    assert parser.parse("Fithian said the vote was close.").resolutions == ()


def test_era_abbreviations_after_a_year_are_not_places():
    parser = default_geoparser()
    assert parser.parse("Built around 300 BC, the temple fell in AD 79.").resolutions == ()
    found = parser.parse("Crews fought a wildfire near Nelson, B.C., on Sunday.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [("Nelson", "CA.02"), ("B.C.", "CA.02")]


def test_a_country_abbreviation_inside_an_organisation_name_is_still_a_place_elsewhere():
    parser = default_geoparser()
    text = "Former US ambassador Dan Kurtzer spoke. The US said no."
    places = [(r.mention.text, r.place.country_code) for r in parser.parse(text).resolutions]
    assert ("US", "US") in places


def test_an_organisation_after_a_persons_name_and_of_is_read_on_its_own():
    parser = default_geoparser()
    text = "Bill Graves of the Ohio Department of Development said the grants were late."
    assert [(r.mention.text, r.place.admin1_code) for r in parser.parse(text).resolutions] == [("Ohio", "US.OH")]
    assert parser.parse("Deputies of Servant of the People voted for it.").resolutions == ()


@pytest.mark.parametrize("text, place", [
    ("The crash on the Ohio Turnpike closed two lanes.", "Ohio"),
    ("The Florida Democratic Party attacked the ads.", "Florida"),
    ("Two Northeast Georgia counties grew fastest.", "Georgia"),
    ("The ruling came from U.S. Magistrate Judge Robert Carr on Monday.", "U.S."),
])
def test_a_state_heading_an_organisations_or_a_roads_name_is_a_place(text, place):
    assert _surfaces(text) == [place]


def test_holidays_are_not_places():
    found = default_geoparser().parse("Families gathered for Passover and Christmas in Springfield.").resolutions
    assert [r.mention.text for r in found] == ["Springfield"]


def test_a_small_towns_name_before_said_is_a_person_but_a_capital_or_a_locative_keeps_it_a_place():
    parser = default_geoparser()
    assert parser.parse("Welch said the budget was tight.").resolutions == ()
    assert [r.mention.text for r in parser.parse("Kyiv said the talks had failed.").resolutions] == ["Kyiv"]
    found = parser.parse("A spokesman in Malakoff said the road was closed.").resolutions
    assert [r.mention.text for r in found] == ["Malakoff"]


@pytest.mark.parametrize("text, surface, admin1", [
    ("Flooding closed two schools in St. Louis on Monday.", "St. Louis", "US.MO"),
    ("ST. LOUIS - The levee held overnight.", "ST. LOUIS", "US.MO"),
    ("Crews cleared the roads around Ft. Worth by noon.", "Ft. Worth", "US.TX"),
])
def test_an_abbreviated_saint_or_fort_stays_part_of_the_name(text, surface, admin1):
    found = default_geoparser().parse(text).resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [(surface, admin1)]


def test_a_country_named_only_with_ordinary_words_is_found():
    parser = default_geoparser()
    found = parser.parse("Two ministers flew to the United Kingdom on Friday.").resolutions
    assert [(r.mention.text, r.place.country_code, r.place.feature) for r in found] == [
        ("United Kingdom", "GB", "country")]
    # the same kind of words naming no country stay out
    assert parser.parse("The National Guard patrolled the Old Town.").resolutions == ()


def test_a_sentence_ending_in_a_title_word_does_not_make_the_next_one_a_persons_name():
    parser = default_geoparser()
    text = "The papers went to the Ministry of Justice. Azerbaijan denied it. Gov. Jordan Cole did not."
    assert _surfaces(text) == ["Azerbaijan"]


def test_the_place_after_a_titled_persons_name_and_of_is_a_place():
    parser = default_geoparser()
    text = "Sgt. Maria Lopez of Austin and President Andrzej Duda of Poland spoke."
    found = [(r.mention.text, r.place.country_code) for r in parser.parse(text).resolutions]
    assert found == [("Austin", "US"), ("Poland", "PL")]


def test_two_places_joined_by_a_hyphen_are_both_found_but_hyphenated_names_are_not():
    parser = default_geoparser()
    found = parser.parse("Ticket sales on the Paris-Berlin night train and the Syrian-Turkish border crossing rose.")
    assert [r.mention.text for r in found.resolutions] == ["Paris", "Berlin", "Syrian", "Turkish"]
    assert [r.place.country_code for r in found.resolutions] == ["FR", "DE", "SY", "TR"]
    assert parser.parse("Rep. Lisa Diaz-Balart and Mercedes-Benz executives met.").resolutions == ()


@pytest.mark.parametrize("text, demonym, country", [
    ("Leading Palestinian factions met in Cairo.", "Palestinian", "PS"),
    ("Clashes spread to a Syrian Kurdish town near the border.", "Syrian", "SY"),
    ("The claim came from the Georgian MoD on Tuesday.", "Georgian", "GE"),
])
def test_a_demonym_before_a_peoples_name_an_acronym_or_after_an_opening_word_names_its_country(
        text, demonym, country):
    places = _places(default_geoparser(), text)
    assert places[demonym].country_code == country


def test_a_demonym_inside_a_partys_name_is_still_no_place():
    assert default_geoparser().parse("Members of European Solidarity and Polish Hope marched.").resolutions == ()


def test_an_organisation_after_and_the_is_read_like_any_other():
    text = "Inspectors from Polk County Health and the Oregon Fish Department checked the creek."
    assert _surfaces(text) == ["Polk County", "Oregon"]


def test_a_town_written_after_in_stays_a_place_after_it_appeared_inside_a_name():
    parser = default_geoparser()
    text = "Members of Rally Gainesville met at noon. The march in Gainesville drew 300 people."
    assert _surfaces(text) == ["Gainesville"]
    # but a name in a person's honour is not a place
    assert parser.parse("Sgt. Ann Welch retired. A tree was planted in Welch' honor.").resolutions == ()


def test_a_county_heading_any_longer_name_is_a_place():
    text = "Tickets for the Marion County Fair Parade sold out."
    found = default_geoparser().parse(text).resolutions
    assert [(r.mention.text, r.place.feature) for r in found] == [("Marion County", "admin2")]


def test_a_legislators_party_and_home_name_the_place():
    parser = default_geoparser()
    text = "Sen. Ann Cole, D-Wheeling, said so, and Rep. Tom Hale, R-W. Va., agreed."
    found = [(r.mention.text, r.place.admin1_code) for r in parser.parse(text).resolutions]
    assert found == [("Wheeling", "US.WV"), ("W. Va.", "US.WV")]


@pytest.mark.parametrize("text, place", [
    ("The Dayton Veterans Parade starts at noon.", "Dayton"),
    ("Rep. Ann Hale, a Kansas Democrat, voted no.", "Kansas"),
    ("Toll rises hit the Boston Harbor tunnels first.", "Boston Harbor"),  # a feature by its kind, in Boston
])
def test_a_place_heading_a_club_a_clinic_or_a_party_label_is_a_place(text, place):
    assert _surfaces(text) == [place]


def test_a_township_is_its_town():
    found = default_geoparser().parse("Voters in Princeton Township, N.J., approved the levy.").resolutions
    assert [(r.mention.text, r.mention.hint, r.place.admin1_code) for r in found][0] == ("Princeton", "city", "US.NJ")


def test_a_place_after_former_or_veteran_describes_someone_by_their_place():
    text = "Former Ohio Gov. Ann Reed met Veteran Kenyan runner Paul Kip."
    found = [(r.mention.text, r.place.country_code) for r in default_geoparser().parse(text).resolutions]
    assert found == [("Ohio", "US"), ("Kenyan", "KE")]


def test_the_people_of_a_region_name_the_region():
    parser = default_geoparser()
    found = parser.parse("Ohioans and Dagestanis were polled; South Ossetian officials declined.").resolutions
    assert [(r.mention.text, r.place.feature, r.place.admin1_code) for r in found] == [
        ("Ohioans", "admin1", "US.OH"), ("Dagestanis", "admin1", "RU.17"), ("South Ossetian", "region", None)]
    assert parser.parse("Ohioans were polled.").demonyms[0].text == "Ohioans"


def test_every_name_of_a_county_list_is_a_county_even_an_ordinary_word():
    text = "Storms hit Becker, Clay, Otter Tail and Wilkin counties, Minnesota officials said."
    found = [(r.mention.text, r.place.name) for r in default_geoparser().parse(text).resolutions]
    assert found[:4] == [("Becker", "Becker County"), ("Clay", "Clay County"), ("Otter Tail", "Otter Tail County"),
                         ("Wilkin", "Wilkin County")]
    assert default_geoparser().parse("Two counties voted.").resolutions == ()


@pytest.mark.parametrize("text, place", [
    ("The Downtown Dayton Partnership hired a director.", "Dayton"),
    ("Grants went to the Western Ohio Education Foundation.", "Ohio"),
])
def test_a_place_after_an_area_word_heading_an_organisation_is_a_place(text, place):
    assert _surfaces(text) == [place]


@pytest.mark.parametrize("text, place", [
    ("Given Tunisia's debts, the deal stalled.", "Tunisia"),
    ("Despite Kenya's objections, the plan went ahead.", "Kenya"),
    ("Talks on a bigger role for France Another reason was money.", "France"),
])
def test_a_capitalised_preposition_or_determiner_is_no_part_of_a_name(text, place):
    assert _surfaces(text) == [place]


def test_a_place_naming_an_office_before_a_title_or_after_title_of_is_a_place():
    text = ("The deal pleased the Texas Agriculture Commissioner and the Kenyan Trade Minister. "
            "It was signed by the President of Ghana John Mahama.")
    found = [(r.mention.text, r.place.country_code) for r in default_geoparser().parse(text).resolutions]
    assert found == [("Texas", "US"), ("Kenyan", "KE"), ("Ghana", "GH")]


@pytest.mark.parametrize("text, expected", [
    ("By Ann Cole, Associated Press BOSTON (AP) - The mayor resigned.", ["BOSTON"]),
    ("SAN DIEGO Harbor Police Chief Tom Reyes said the port was shut.", ["SAN DIEGO"]),
    ("A U.S. Navy ship docked.", ["U.S."]),
    ("Analysts at GTM Research expect growth.", []),
])
def test_words_in_capitals_beside_capitalised_ones_are_a_name_of_their_own(text, expected):
    assert _surfaces(text) == expected


def test_a_firms_partners_and_a_city_hall_are_no_places():
    parser = default_geoparser()
    assert parser.parse("The city paid Stevens & Wilkinson in full at City Hall.").resolutions == ()
    found = parser.parse("Marks & Spencer opened shops in London & Paris.").resolutions
    assert [r.mention.text for r in found] == ["London", "Paris"]  # well-known places stay places


def test_a_country_name_in_capitals_and_the_people_of_a_continents_part():
    parser = default_geoparser()
    found = parser.parse("Talks between the DPRK and Central American envoys resumed.").resolutions
    assert [(r.mention.text, r.place.name) for r in found] == [("DPRK", "North Korea"),
                                                               ("Central American", "Central America")]


def test_a_first_name_alone_after_the_full_name_is_a_person():
    parser = default_geoparser()
    text = "Flooding hit Jackson County. Martha Kowalczyk lost her barn. Martha said the water rose fast."
    assert _surfaces(text) == ["Jackson County"]
    # a town heading an ordinary noun is no first name: "Mansfield Reads" is a reading club in Mansfield
    text = "Mansfield Reads picked a novel that everyone reads; the Mansfield schools joined."
    assert _surfaces(text)[-1:] == ["Mansfield"]


def test_an_airline_named_for_its_country_names_the_country():
    found = default_geoparser().parse("Passengers of Air Zimbabwe and Air India were stranded.").resolutions
    assert [(r.mention.text, r.place.feature) for r in found] == [("Zimbabwe", "country"), ("India", "country")]


def test_an_organisation_word_after_of_belongs_to_the_name_after_of():
    found = default_geoparser().parse("Che Adams of Birmingham City scored twice.").resolutions
    assert [r.mention.text for r in found] == ["Birmingham"]


def test_weather_patterns_named_like_places_are_no_places():
    assert default_geoparser().parse("El Niño brought rain to Lima, and La Niña will follow.").resolutions[0].mention.text == "Lima"
    assert len(default_geoparser().parse("El Niño brought rain to Lima, and La Niña will follow.").resolutions) == 1


def test_a_natural_feature_named_by_its_kind_is_a_place_even_outside_the_gazetteer():
    parser = default_geoparser()
    text = "Kayakers paddled the Zorbeck River near Tyler, Texas, and camped at Lake Quillimot."
    found = {r.mention.text: r for r in parser.parse(text).resolutions}
    assert {"Zorbeck River", "Lake Quillimot", "Tyler", "Texas"} <= set(found)
    assert found["Zorbeck River"].reason.startswith("approximate") and found["Zorbeck River"].place.admin1_code == "US.TX"
    assert "The Zorbeck River" not in {r.mention.text for r in parser.parse("The Zorbeck River rose.").resolutions}


def test_a_place_naming_a_disease_is_no_place():
    found = default_geoparser().parse("Cases of West Nile virus and Marburg fever rose in Kampala.").resolutions
    assert [r.mention.text for r in found] == ["Kampala"]
    found = default_geoparser().parse("Marburg hemorrhagic fever and Reston ebolavirus reached Manila.").resolutions
    assert [r.mention.text for r in found] == ["Manila"]
    found = default_geoparser().parse("The Canada flu season started early.").resolutions
    assert [r.mention.text for r in found] == ["Canada"]  # a country's flu season is the country's


def test_features_searched_around_their_kind_words_are_the_ones_a_full_search_finds():
    from geomap.forms import FEATURE_NAME, feature_names
    text = ("Rain fell on Lake Zorb. " + "Nothing happened here at all. " * 10 + "The Big Muddy River rose; "
            "Mount Tamsin and Kettle Creek flooded, and so did Mt. Olyn near the Rivera Bay Islands.")
    assert [m.span() for m in feature_names(text)] == [m.span() for m in FEATURE_NAME.finditer(text)]
    assert [m.group() for m in feature_names(text)][:3] == ["Lake Zorb", "Big Muddy River", "Mount Tamsin"]


def test_a_country_right_before_a_persons_names_after_of_or_to_is_a_place():
    parser = default_geoparser()
    text = "The envoy of Kazakhstan Arystan Kakikenov met the ambassador to the Holy See Anna Roszak."
    assert _surfaces(text) == ["Kazakhstan", "Holy See"]
    assert parser.parse("Fans of Chad Johnson cheered.").resolutions == ()


def test_two_countries_side_by_side_without_a_comma_are_both_places():
    found = default_geoparser().parse("Jobless rates in Portugal, Greece Italy and Spain rose.").resolutions
    assert [r.mention.text for r in found] == ["Portugal", "Greece", "Italy", "Spain"]


def test_a_town_written_alone_before_its_longer_names_is_no_first_name():
    parser = default_geoparser()
    text = ("Pelham is a town in Alabama. Pelham Playhouse opened in 1950. The school is at 5 N Main St. "
            "Pelham High School won. Pelham was founded in 1900.")
    assert [r.mention.start for r in parser.parse(text).resolutions if r.mention.text == "Pelham"][:1] == [0]
    assert text.rindex("Pelham was") in [r.mention.start for r in parser.parse(text).resolutions]


def test_every_name_of_a_parish_list_is_a_parish():
    found = default_geoparser().parse("Flooding hit Tangipahoa and Livingston parishes overnight.").resolutions
    assert [(r.mention.text, r.place.name) for r in found] == [("Tangipahoa", "Tangipahoa Parish"),
                                                               ("Livingston", "Livingston Parish")]


def test_an_ampersand_joins_a_name_as_and_does():
    parser = default_geoparser()
    found = parser.parse("Cricketers from Trinidad & Tobago toured Bosnia & Herzegovina.").resolutions
    assert [(r.mention.text, r.place.country_code, r.place.feature) for r in found] == [
        ("Trinidad & Tobago", "TT", "country"), ("Bosnia & Herzegovina", "BA", "country")]
    assert [r.place.country_code for r in parser.resolve_spans("Back in T&T, fans cheered.", [(8, 11)])] == ["TT"]


def test_regions_named_by_a_compass_point_and_states_of_the_past():
    parser = default_geoparser()
    found = parser.parse("Floods hit the Western Province of Sri Lanka; in Zaire and the Soviet Union, rain "
                         "fell too.").resolutions
    places = {r.mention.text: (r.place.feature, r.place.country_code) for r in found}
    assert places["Western Province"] == ("admin1", "LK")  # not Rwanda's or Zambia's
    assert places["Zaire"] == ("country", "CD")  # the state renamed, not Angola's Zaire province
    assert places["Soviet Union"][0] == "region"
    kenya = parser.parse("Cholera spread in Kenya's Nyanza Province and North Eastern Province.").resolutions
    assert [(r.mention.text, r.place.country_code) for r in kenya][1:] == [
        ("Nyanza Province", "KE"), ("North Eastern Province", "KE")]  # not Nyanza, Rwanda


def test_a_states_postal_code_is_a_place_only_as_a_towns_qualifier():
    parser = default_geoparser()
    text = "Doors open at 7 a.m. CT; GA tickets are OK, said Rep. Ann Lee (D-CA). She flew from Macon, GA to DC."
    found = {r.mention.text: r.place for r in parser.parse(text).resolutions}
    assert set(found) == {"Macon", "GA", "DC"}
    assert text.index("GA to") == next(r.mention.start for r in parser.parse(text).resolutions if r.mention.text == "GA")
    assert found["GA"].admin1_code == "US.GA" and found["DC"].admin1_code == "US.DC"


def test_the_people_of_a_region_name_the_region():
    found = default_geoparser().parse("Kurdish fighters, Sicilian farmers and Tibetan monks met.").resolutions
    assert [(r.mention.text, r.place.name, r.place.feature) for r in found] == [
        ("Kurdish", "Iraqi Kurdistan", "region"), ("Sicilian", "Sicily", "admin1"), ("Tibetan", "Tibet", "admin1")]


def test_a_word_that_is_only_another_name_of_a_small_place_needs_the_text_to_place_it():
    parser = default_geoparser()
    # "Kristina" is an alternate name of Ristiina, Finland (about 5,000 people), and nothing else
    assert parser.parse("Kristina and her husband painted the nursery blue.").resolutions == ()
    found = parser.parse("Kristina is a small village by a lake. Kristina has a school.").resolutions
    assert [r.mention.text for r in found] == ["Kristina", "Kristina"]
    assert [r.mention.text for r in parser.parse("She grew up in Kristina.").resolutions] == ["Kristina"]


@pytest.mark.parametrize("text", [
    "The Clinton administration blamed its predecessors.",  # Clinton, Iowa: a town, but here a president
    "Fans cheered as Scott West won the wrestling title.",  # a school named for Scott County, Minnesota
    "The State Duma passed the bill; the Duma meets again on Monday.",  # the parliament, not Douma, Syria
])
def test_a_leaders_term_a_school_after_its_town_and_a_parliament_are_no_places(text):
    assert default_geoparser().parse(text).resolutions == ()


def test_the_same_words_stay_places_where_the_text_places_them():
    found = default_geoparser().parse("He drove from Clinton to the Duma in Moscow; the Kyiv administration "
                                      "met in West Scott.").resolutions
    assert [r.mention.text for r in found] == ["Clinton", "Moscow", "Kyiv", "Scott"]  # a compass word before


def test_a_small_town_kept_out_of_the_name_index_counts_where_the_text_places_it():
    parser = default_geoparser()
    # Lanexa, Virginia is a ZIP town without a GeoNames entry of its own: resolvable, but not searched for alone
    found = parser.parse("They drove to Lanexa on Monday. Lanexa residents were asleep.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [("Lanexa", "US.VA")]
    found = parser.parse("Volunteers from Winside, Neb., helped; a troop at Winside Hall sang.").resolutions
    assert [r.mention.text for r in found][:1] == ["Winside"] and found[0].place.admin1_code == "US.NE"


def test_a_word_the_text_calls_a_town_is_a_place_throughout():
    parser = default_geoparser()
    text = ("Thornbury is a small town near the coast. Its laboratory is named for Ellen Thornbury, who founded it. "
            "Thornbury has two schools. Reading is a town in Berkshire.")
    found = [r.mention.text for r in parser.parse(text).resolutions]
    assert found.count("Thornbury") >= 2 and "Reading" in found
    # without the description they stay a surname and a verb
    assert parser.parse("Ellen Thornbury said so. Thornbury smiled. Reading is fun.").resolutions == ()


def test_the_white_house_is_a_place_where_someone_is_at_it():
    parser = default_geoparser()
    assert parser.parse("White House aides said the deal was off; the White House declined to comment.") \
        .resolutions == ()
    found = parser.parse("She signed the bill at the White House on Friday.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [("White House", "US.DC")]


def test_coasts_and_the_americas_are_regions_read_in_their_country():
    parser = default_geoparser()
    places = {r.mention.text: (r.place.feature, r.place.country_code)
              for r in parser.parse("Fires raged along the West Coast; cases spread across the Americas.").resolutions}
    assert places == {"West Coast": ("region", "US"), "Americas": ("region", None)}
    nz = parser.parse("On New Zealand's West Coast, floods closed roads near Greymouth.").resolutions
    assert [(r.mention.text, r.place.country_code, r.place.feature) for r in nz][1] == ("West Coast", "NZ", "admin1")


def test_canadian_press_abbreviations_qualify_towns():
    found = default_geoparser().parse("He grew up in Kingston, Ont., and Brandon, Man., then moved to "
                                      "Charlottetown, P.E.I.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [
        ("Kingston", "CA.08"), ("Ont.", "CA.08"), ("Brandon", "CA.03"), ("Man.", "CA.03"),
        ("Charlottetown", "CA.09"), ("P.E.I.", "CA.09")]  # not Kingston, Jamaica or Man, Côte d'Ivoire


def test_a_provinces_postal_code_is_a_place_only_as_a_qualifier_but_bc_anywhere():
    parser = default_geoparser()
    assert parser.parse("The NL West race is tight. NB: tickets sold out.").resolutions == ()
    found = parser.parse("Crews in BC fought fires; Moncton, NB, was quiet.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [
        ("BC", "CA.02"), ("Moncton", "CA.04"), ("NB", "CA.04")]


def test_a_name_ending_in_s_after_an_apostrophe_is_read_whole():
    found = default_geoparser().parse("Fishermen in St. John's said the catch was poor; New York's mayor "
                                      "agreed.").resolutions
    assert [(r.mention.text, r.place.admin1_code) for r in found] == [("St. John's", "CA.05"),
                                                                      ("New York", "US.NY")]


def test_a_currency_is_not_its_country():
    text = "Tripoli paid US$460 million and HK$2 billion went to firms in Hong Kong and the US."
    found = [(r.mention.text, r.mention.start) for r in default_geoparser().parse(text).resolutions]
    assert found == [("Tripoli", 0), ("Hong Kong", text.index("Hong Kong")), ("US", text.index("US."))]


def test_a_possessive_inside_a_place_name_is_part_of_it(parser):
    places = _places(parser, "Refugees marched in Teknaf, in Cox's Bazar district, while Russia's Belgorod region "
                             "counted damage.")
    assert places["Cox's Bazar"].country_code == "BD"
    assert places["Russia"].country_code == "RU" and places["Belgorod"].country_code == "RU"


def test_another_romanisation_of_a_small_town_is_found_where_the_text_places_it(parser):
    places = _places(parser, "Guided bombs hit houses in Kruglyakivka, Kharkiv Oblast, on Monday.")
    assert places["Kruglyakivka"].geonameid == 812661  # GeoNames: Kruhliakivka
    assert "Glasgow" not in _places(parser, "Fighting went on near Hlasgow, the army said.")


def test_a_wire_dateline_with_a_day_and_an_outlet_is_read_whole():
    from geomap.text import dateline_place, find_dateline
    body = "JOS, Nigeria, April 15 (Wire) - Gunmen killed 23 people."
    assert body[slice(*find_dateline(body))].rstrip() == "JOS, Nigeria, April 15 (Wire) -"
    assert dateline_place(body) == ("JOS", "Nigeria")
    assert dateline_place("KYIV, June 12 (Reuters) - Russian drones...") is None  # the day is no country


def test_a_small_town_named_as_the_town_of_is_found(parser):
    places = _places(parser, "Two women died when a bomb hit a street in the town of Huliaipole.")
    assert places["Huliaipole"].admin1_code == "UA.26"
