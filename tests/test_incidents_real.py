"""Incidents through the whole pipeline with the real gazetteer (sentences of our own)."""
import datetime as dt

import pytest

from geomap.model import Article
from geomap.runner import analyse

PUB = dt.datetime(2025, 3, 10, 18, tzinfo=dt.timezone.utc)


def incidents(text: str):
    return analyse(Article(id="t1", body=text, published=PUB)).incidents


def test_a_direction_in_a_country_places_the_event_in_that_region():
    found = incidents("Suspected jihadists kill 30 villagers in central Mali.")
    assert [(i.event_type, i.geo_precision, i.place.country_code) for i in found] == \
        [("Violence against civilians", 3, "ML")]
    assert 13.0 < found[0].place.lat < 16.5  # the middle of the country's regions, not the Saharan north
    assert any("read as" in n for n in found[0].notes)


def test_a_direction_in_a_country_is_no_venue_for_a_protest():
    assert not incidents("Students in southern Chile protest against fees.")


def test_coder_note_with_admin_chain_and_total():
    found = incidents("On 3 March 2025, gunmen shot and killed a shopkeeper in Afgooye town "
                      "(Afgooye, Lower Shabelle). 1 fatality.")
    assert [(i.event_type, i.location, i.fatalities, i.event_date) for i in found] == \
        [("Violence against civilians", "Afgooye", 1, dt.date(2025, 3, 3))]


def test_the_city_of_a_name_shared_with_its_region_is_the_city():
    found = incidents("In the southern city of Kherson, Russian shelling killed a man on Tuesday.")
    assert [(i.location, i.geo_precision) for i in found] == [("Kherson", 1)]


def test_a_foreign_state_taking_a_village_overtakes_territory():
    found = incidents("Russia's defence ministry claimed its troops had captured the village of Udachne in "
                      "Ukraine's Donetsk region.")
    assert [(i.sub_event_type, i.place.country_code) for i in found] == [("Non-state actor overtakes territory", "UA")]


def test_a_village_the_text_puts_in_another_region_stays_there():
    found = incidents("Moscow's troops seize the hamlet of Zolotyi Kolodiaz in Donetsk Oblast, its army says.")
    assert [i.place.admin1 for i in found] == ["Donetsk Oblast"]


def test_a_local_name_in_a_town_abroad_is_that_town():
    found = incidents("Hotel guards fire on bathers at Lido Beach in Mogadishu and kill a teenage boy.")
    assert [(i.location, i.event_type, i.fatalities) for i in found] == \
        [("Mogadishu", "Violence against civilians", 1)]


def test_deadly_clashes_in_a_district_named_after_its_town():
    found = incidents("Clashes between armed factions in a Palestinian camp in Sidon District, Lebanon, "
                      "leave five dead.")
    assert [(i.location, i.event_type, i.geo_precision, i.fatalities) for i in found] == \
        [("Sidon", "Battles", 2, 5)]


def test_a_town_and_more_villages_in_a_region_are_two_incidents():
    found = incidents("Moscow claims its army took the town of Kupiansk in Kharkiv Oblast, "
                      "and several more villages in Donetsk Oblast, on Sunday.")
    assert sorted((i.location, i.geo_precision) for i in found) == [("Donetsk Oblast", 3), ("Kupyansk", 1)]


def test_abducted_from_a_school_in_a_region_happened_there():
    found = incidents("Bandits kidnap 50 students from a school in Kaduna State, Nigeria.")
    assert [(i.sub_event_type, i.location, i.geo_precision) for i in found] == \
        [("Abduction/forced disappearance", "Kaduna State", 3)]


@pytest.mark.parametrize("text", [
    "Russian forces shelled Huliaipole on Monday, injuring a woman.",
    "Russian forces shelled Huliaipole, Zaporizhzhia Oblast, injuring a woman.",
])
def test_a_variant_name_struck_or_qualified_is_a_place(text):
    found = incidents(text)
    assert [(i.location, i.place.admin1) for i in found] == [("Hulyaypole", "Zaporizhzhia Oblast")]


def test_a_coder_notes_closing_total_is_the_figure():
    found = incidents("On 2 April 2025, gunmen killed a village chief and his son in Sebba (Sebba, Yagha, Sahel). "
                      "2 fatalities.")
    assert [(i.location, i.fatalities, i.event_date) for i in found] == [("Sebba", 2, dt.date(2025, 4, 2))]


@pytest.mark.parametrize("text, expected", [
    ("On 1 April 2025, soldiers intercepted a truck carrying weapons and ammunition near Gao. 0 fatalities.",
     ("Strategic developments", "Disrupted weapons use")),
    ("On 2 April 2025, militants set fire to the town hall and several shops in Diapaga. 0 fatalities.",
     ("Strategic developments", "Looting/property destruction")),
    ("On 1 April 2025, a mob beat to death two men accused of kidnapping in Bunia. 2 fatalities.",
     ("Riots", "Mob violence")),
    ("On 7 April 2025, the rebels handed over control of Mogok to the army under a deal. 0 fatalities.",
     ("Strategic developments", "Non-violent transfer of territory")),
    ("On 6 April 2025, workers blocked the Dhaka-Mymensingh highway in Gazipur demanding wages. 0 fatalities.",
     ("Protests", "Peaceful protest")),
])
def test_coder_notes_of_every_kind(text, expected):
    assert [(i.event_type, i.sub_event_type) for i in incidents(text)] == [expected]


def test_ground_taken_without_a_fight_is_a_non_violent_transfer():
    found = incidents("On 4 March 2025, rebels took control of Jilib after the army pulled back without a fight.")
    assert [(i.event_type, i.sub_event_type, i.location) for i in found] == \
        [("Strategic developments", "Non-violent transfer of territory", "Jilib")]
    fought = incidents("On 4 March 2025, rebels took control of Jilib after heavy fighting with the army.")
    assert [i.event_type for i in fought] == ["Battles"]


def test_looting_by_a_named_armed_group_is_property_destruction_not_a_mob():
    found = incidents("On 4 March 2025, RSF members looted the market in Babanusa.")
    assert [(i.event_type, i.sub_event_type) for i in found] == \
        [("Strategic developments", "Looting/property destruction")]


def test_gunmen_storming_a_village_and_killing_villagers_is_an_attack_on_civilians():
    found = incidents("Gunmen storm a village outside Kaya, killing 5 farmers")
    assert [(i.event_type, i.sub_event_type, i.fatalities) for i in found] == \
        [("Violence against civilians", "Attack", 5)]


def test_militants_killed_by_a_strike_are_its_dead_not_attackers():
    found = incidents("On 6 March 2025, a drone strike hit a convoy near Jilib. Six militants were killed.")
    assert [(i.event_type, i.sub_event_type, i.fatalities) for i in found] == \
        [("Explosions/Remote violence", "Air/drone strike", 6)]


def test_the_town_heading_a_coders_admin_chain_is_the_only_venue():
    found = incidents("On 2 March 2025, armed men abducted two drivers on the road between Kaya and Dori "
                      "(Dori, Seno). 0 fatalities.")
    assert [(i.location, i.sub_event_type) for i in found] == [("Dori", "Abduction/forced disappearance")]


def test_a_country_named_as_who_strikes_does_not_move_the_target_there():
    found = incidents("On 5 March 2025, a US airstrike hit militant positions near Jilib.")
    assert [(i.location, i.place.country_code) for i in found] == [("Jilib", "SO")]


def test_a_march_through_a_capital_is_a_protest_there():
    found = incidents("Thousands march through Dhaka demanding early elections")
    assert [(i.event_type, i.location) for i in found] == [("Protests", "Dhaka")]


def test_a_state_that_speaks_or_acts_is_not_where_the_place_it_names_lies():
    found = incidents("Russia says it has captured Vuhledar.")
    assert [(i.location, i.place.country_code, i.sub_event_type) for i in found] == \
        [("Vuhledar", "UA", "Non-state actor overtakes territory")]


def test_entry_told_unopposed_in_the_next_sentence_is_a_non_violent_transfer():
    found = incidents("Rebel fighters enter the lakeside town of Kalemie, local officials say. Residents report no "
                      "resistance, as the army has pulled out.")
    assert [(i.event_type, i.sub_event_type, i.location) for i in found] == \
        [("Strategic developments", "Non-violent transfer of territory", "Kalemie")]


def test_a_battle_between_two_sides_that_kills_civilians_stays_a_battle():
    found = incidents("Fighting between the army and the RSF in Omdurman kills 15 civilians.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Battles", 15)]


def test_a_vigil_that_remembers_an_attack_is_a_peaceful_protest():
    found = incidents("Two days after the attack, residents of Kramatorsk hold a vigil for the victims.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [("Protests", "Peaceful protest")]


WIRE = PUB.replace(hour=9)


def wire(text: str):
    return analyse(Article(id="w", body=text, published=WIRE)).incidents


def test_a_wire_dateline_with_its_day_is_no_venue_and_suspects_arrested_are_part_of_the_attack():
    found = wire("GUSAU, Nigeria, March 10 (Wire) - Gunmen killed 12 villagers in Zamfara state on Monday, "
                 "officials said. Police said three suspects had been arrested.")
    assert [(i.event_type, i.location, i.fatalities) for i in found] == \
        [("Violence against civilians", "Zamfara State", 12)]


def test_a_leads_regional_toll_told_town_by_town_keeps_only_the_towns():
    found = wire("Russian drones killed three people in the Kharkiv region overnight, the governor said.\n\n"
                 "A drone hit a car near Kupiansk, killing three men, he said.")
    assert [(i.location, i.geo_precision, i.fatalities) for i in found] == [("Kupyansk", 2, 3)]


def test_police_dispersing_a_protest_in_the_next_sentence_make_it_a_protest_with_intervention():
    found = wire("Hundreds of students marched in Dakar on Monday against fee rises. Police fired tear gas to "
                 "disperse them.")
    assert [(i.event_type, i.sub_event_type, i.location) for i in found] == \
        [("Protests", "Protest with intervention", "Dakar")]


def test_two_events_joined_by_and_with_their_own_subjects_are_two_incidents():
    found = wire("The governor said a woman died when a shell hit her house in Nikopol on Monday, and two men "
                 "were killed in a drone attack near Marhanets.")
    assert sorted((i.location, i.sub_event_type, i.fatalities) for i in found) == \
        [("Marhanets", "Air/drone strike", 2), ("Nikopol", "Shelling/artillery/missile attack", 1)]


def test_a_strike_on_a_tent_camp_is_no_protest_and_another_strike_after_one_is_one_too():
    found = wire("Israeli air strikes killed five people in a house in Rafah on Monday, medics said.\n\n"
                 "Another strike on a tent encampment west of Khan Younis killed three people, they said.")
    assert sorted((i.location, i.event_type) for i in found) == \
        [("Khān Yūnis", "Explosions/Remote violence"), ("Rafaḩ", "Explosions/Remote violence")]


def test_protesters_turning_violent_later_make_the_protest_a_riot_and_their_arrests_part_of_it():
    found = wire("Thousands rallied outside parliament in Tbilisi on Monday against the government.\n\n"
                 "Some protesters threw stones at police. The interior ministry said 40 people had been detained.")
    assert [(i.event_type, i.sub_event_type, i.location) for i in found] == \
        [("Riots", "Violent demonstration", "Tbilisi")]


def test_ground_taken_wins_over_the_fighting_that_took_it_and_the_town_of_a_common_word_is_a_place():
    found = wire("GOMA, Democratic Republic of Congo, March 10 (Wire) - M23 rebels seized the town of Sake on "
                 "Sunday after two days of fighting, local sources said.")
    assert [(i.sub_event_type, i.location, i.event_date) for i in found] == \
        [("Non-state actor overtakes territory", "Sake", dt.date(2025, 3, 9))]


def test_a_siege_that_has_lasted_for_months_is_no_event_of_the_day():
    found = wire("Rebel gunners shelled the market in Kadugli on Monday, killing seven people.\n\n"
                 "The rebels have besieged Kadugli and nearby Dilling for months.")
    assert [(i.event_type, i.location) for i in found] == [("Explosions/Remote violence", "Kadugli")]


def test_the_toll_and_spoils_told_in_the_next_paragraph_belong_to_the_battle():
    found = wire("Jihadist fighters attacked an army camp in Djibo on Sunday, killing 10 soldiers, officials said.\n\n"
                 "The army said it had \"neutralised\" 25 assailants and recovered weapons and motorcycles.")
    assert [(i.event_type, i.location) for i in found] == [("Battles", "Djibo")]


def test_a_village_named_after_the_border_village_of_is_no_anaphora_and_villages_around_a_town_are_near_it():
    found = wire("Air strikes hit Nabatieh and several villages around Tyre on Monday, officials said.\n\n"
                 "Fighters said they had clashed with troops trying to advance into the border village of Qawzah.")
    assert sorted((i.location, i.geo_precision, i.event_type) for i in found) == [
        ("Nabatîyé et Tahta", 1, "Explosions/Remote violence"), ("Tyre", 2, "Explosions/Remote violence")]


def test_police_who_did_not_intervene_leave_a_peaceful_protest_and_a_visit_there_its_own_event():
    found = wire("Thousands marched to parliament in Tbilisi on Monday evening, calling for new elections.\n\n"
                 "Riot police watched from side streets but did not intervene, and the crowd dispersed before "
                 "midnight.\n\n"
                 "Earlier on Monday, the EU envoy met Georgia's foreign minister in Tbilisi for talks on visas.")
    assert sorted((i.event_type, i.sub_event_type) for i in found) == [
        ("Protests", "Peaceful protest"), ("Strategic developments", "Other")]


def test_a_town_and_its_namesake_governorate_in_a_chain_are_one_place_with_the_whole_toll():
    found = incidents("On 18 October 2025, Israeli forces shelled the area east of Bani Suheila (Khan Younis, Khan "
                      "Younis), killing a woman. 1 fatality.")
    # one place with the whole toll: the town the chain describes (the chain is its governorate, twice)
    assert [(i.location, i.fatalities) for i in found] == [("Banī Suhaylā", 1)]


def test_assault_groups_at_war_make_clashes_a_battle():
    found = incidents("Heavy clashes now in Pokrovsk direction, Russian assault groups trying to enter the city")
    assert [(i.event_type, i.location) for i in found] == [("Battles", "Pokrovsk")]


def test_an_outlet_credited_at_the_end_places_nothing():
    found = incidents("Israeli troops and Hamas militants engage in heavy fighting in Jabalia. (Times of Israel)")
    assert [(i.event_type, i.place.country_code) for i in found] == [("Battles", "PS")]
    assert not incidents("Police confirm the figures. (The Kyiv Independent)")


def test_a_named_district_of_a_city_and_a_residential_area_of_it_are_the_city():
    found = incidents("Debris from a downed drone falls on a residential building in Kyiv's Darnytskyi district, "
                      "injuring three.")
    assert [(i.location, i.geo_precision, i.injured) for i in found] == [("Kyiv", 2, 3)]
    found = incidents("A glide bomb dropped by a Russian jet hits a residential area of Zaporizhzhia and injures 15.")
    assert [(i.place.feature, i.place.admin1_code) for i in found] == [("city", "UA.26")]


def test_an_anti_tank_missile_in_a_battle_is_no_missile_strike():
    found = incidents("Israeli armour pushes into residential areas of Rafah. Hamas says its fighters hit an armoured "
                      "vehicle with an anti-tank missile, killing several soldiers.")
    assert [i.event_type for i in found] == ["Battles"]


def test_ground_occupied_or_claimed_by_a_foreign_state_is_overtaken_whoever_withdrew():
    found = incidents("Russian forces occupy the village of Ocheretyne near Avdiivka.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Non-state actor overtakes territory", "Ocheretyne")]
    found = incidents("Russia claims full control of Avdiivka after Ukrainian troops withdraw.")
    assert [i.sub_event_type for i in found] == ["Non-state actor overtakes territory"]
    found = incidents("Ukrainian forces retake Kupiansk from Russian troops.")
    assert [i.sub_event_type for i in found] == ["Government regains territory"]


def test_an_unknown_town_after_its_regions_possessive_is_placed_in_that_region():
    found = incidents("The military carries out an airstrike on a camp in Kachin State's Laiza, killing 29.")
    assert [(i.location, i.geo_precision, i.fatalities) for i in found] == [("Kachin State", 3, 29)]
    found = incidents("The Three Brotherhood Alliance captures Lashio, the largest town in northern Shan State.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Non-state actor overtakes territory", "Lashio")]


def test_a_region_after_an_unknown_township_and_a_comma_is_where_it_lies():
    found = incidents("Junta troops torch more than 200 houses in Tabayin township, Sagaing Region.")
    assert [(i.sub_event_type, i.location, i.geo_precision) for i in found] == \
        [("Looting/property destruction", "Sagaing Region", 3)]


def test_a_sports_defeat_is_no_battle():
    assert not incidents("A 1-0 defeat to Reading on Friday could have ended their season.")
    assert [i.event_type for i in incidents("Government troops defeat the rebels near Kaya on Monday.")] == ["Battles"]


def test_a_university_named_for_a_place_is_no_venue_when_the_clause_says_where_it_is():
    found = incidents("Pro-Palestinian students set up an encampment at Columbia University in New York City.")
    assert [(i.location, i.place.admin1_code) for i in found] == [("New York City", "US.NY")]
    assert [i.location for i in incidents("Students protest at Kyiv University against the new law.")] == ["Kyiv"]


def test_a_small_town_read_in_another_part_of_the_world_than_the_peoples_named_is_no_venue():
    # Moura is a Malian village the gazetteer lacks; its namesakes are in Portugal and Australia
    assert not incidents("Malian soldiers kill 30 civilians in Moura.")
    # a village next door to the people named keeps its place: Kfar Kila, Lebanon, for an Israeli act
    found = incidents("Israeli forces kill two people in Kafr Kila.")
    assert [(i.place.country_code, i.fatalities) for i in found] == [("LB", 2)]


def test_a_coder_notes_chain_after_a_town_names_the_towns_district():
    # "(Jowhar, Middle Shabelle)" is the district and region of the village named before it
    found = incidents("On 3 March 2025, al Shabaab militants ambushed an army convoy near Mahaddayweyne (Jowhar, "
                      "Middle Shabelle). Fatalities: 6.")
    assert [(i.location, i.geo_precision, i.fatalities) for i in found] == [("Mahaddayweyne", 2, 6)]
    # a chain whose head the note named before stays the venue
    found = incidents("On 2 March 2025, gunmen abducted 4 traders on the road between Kaya and Dori (Kaya, "
                      "Sanmatenga). 0 fatalities.")
    assert [i.location for i in found] == ["Kaya"]


def test_a_protests_topic_is_no_toll_of_the_protest():
    found = incidents("On 9 March 2025, students held a human chain in Rangpur (Rangpur, Rangpur) protesting the "
                      "killing of a fellow student.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Protests", None)]


def test_troops_taking_a_town_without_fighting_is_a_transfer():
    found = incidents("On 8 March 2025, al Shabaab fighters withdrew from Buulobarde town (Buulobarde, Hiraan), and "
                      "army forces took control of the town without fighting. 0 fatalities.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Non-violent transfer of territory", "Buulobarde")]


def test_militants_counted_as_killed_are_the_dead_of_the_battle_told_before():
    found = incidents("On 8 March 2025, the army and VDP repelled a JNIM assault on Kaya (Kaya, Sanmatenga). The "
                      "army reported 22 militants killed. 22 fatalities.")
    assert [(i.event_type, i.location, i.fatalities) for i in found] == [("Battles", "Kaya", 22)]


def test_a_part_of_a_town_after_its_possessive_places_the_event_in_the_town():
    found = incidents("A Russian missile hits Sumy's regional administration building, killing two.")
    assert [(i.location, i.geo_precision, i.fatalities) for i in found] == [("Sumy", 2, 2)]
    found = incidents("Russian shelling damages Kherson's main hospital, injuring three staff.")
    assert [(i.location, i.geo_precision) for i in found] == [("Kherson", 2)]


@pytest.mark.parametrize("text, city", [
    ("Tens of thousands of Serbians rally in the capital demanding new elections.", "Belgrade"),
    ("Thousands of Georgians protest outside parliament against the new law.", "Tbilisi"),
    ("Kenyan protesters storm the parliament building.", "Nairobi"),
])
def test_the_capital_or_parliament_of_the_people_named_is_their_capital(text, city):
    assert [i.location for i in incidents(text)] == [city]


def test_no_capital_guessed_for_two_peoples():
    assert not incidents("Serbians and Croatians rally in the capital.")


@pytest.mark.parametrize("text, city", [
    ("Moscow is attacked by 30 Ukrainian drones overnight.", "Moscow"),
    ("Kyiv is struck by Russian missiles, killing three.", "Kyiv"),
    ("Kyiv suffers its heaviest drone attack of the war.", "Kyiv"),
    ("Beirut's southern suburbs are hit by Israeli airstrikes.", "Beirut"),
])
def test_a_capital_that_something_happened_to_is_the_venue(text, city):
    assert [i.location for i in incidents(text)] == [city]


def test_a_capital_that_speaks_is_its_government_not_a_venue():
    assert not [i for i in incidents("Kyiv is ready to strike back, officials say.") if i.location == "Kyiv"]


def test_a_named_armed_group_gives_its_country_as_a_reason_for_a_small_town():
    # the only people named are American; the Houthis say the text is about Yemen
    found = incidents("The Houthis claim they brought down an American surveillance drone above Marib.")
    assert [(i.sub_event_type, i.place.country_code, i.geo_precision) for i in found] == \
        [("Disrupted weapons use", "YE", 1)]
    assert "Houthi Movement" in (found[0].actor1, found[0].actor2)


def test_aircraft_shot_down_is_disrupted_weapons_use_not_an_attack_on_people():
    found = incidents("Ukrainian troops shoot down a Russian attack helicopter over Kherson Oblast.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [("Strategic developments", "Disrupted weapons use")]


def test_a_repelled_drone_attack_is_intercepted_not_a_battle():
    found = incidents("Kyiv's air force says it repelled a massive Shahed drone attack on Lviv overnight.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Disrupted weapons use", "Lviv")]
    # a ground assault repelled is still a battle
    found = incidents("Ukrainian troops repelled a Russian infantry assault on Chasiv Yar.")
    assert [i.sub_event_type for i in found] == ["Armed clash"]


def test_naval_drones_sinking_a_ship_is_a_drone_strike():
    found = incidents("Ukrainian naval drones sank a Russian landing ship off Feodosia, the navy says.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Air/drone strike", "Feodosiya")]


def test_forces_killing_a_civilian_at_a_checkpoint_is_an_attack_on_the_civilian():
    # the checkpoint is where it happened, not whom they fired on
    found = incidents("A police officer shot and killed a bus driver after a quarrel at a roadblock in Afgooye.")
    assert [(i.event_type, i.location, i.fatalities) for i in found] == \
        [("Violence against civilians", "Afgooye", 1)]


def test_an_official_named_for_a_place_gives_the_place_when_the_clause_names_none():
    found = incidents("Mykolaiv's mayor Oleksandr Senkevych says two Russian drones hit a warehouse, injuring four.")
    assert [(i.location, i.geo_precision, i.injured) for i in found] == [("Mykolayiv", 1, 4)]
    assert found[0].rules[1] == "place:official"
    # a governor serves the whole region, even when the text names the region by its city
    found = incidents("Kharkiv Governor Oleh Syniehubov reports that Russian artillery killed a farmer.")
    assert [(i.place.feature, i.place.admin1_code, i.geo_precision) for i in found] == [("admin1", "UA.07", 3)]
    found = incidents("The head of the regional military administration of Sumy Oblast says shelling killed two.")
    assert [(i.location, i.geo_precision) for i in found] == [("Sumy Oblast", 3)]
    # a place the clause names itself wins over the official's
    found = incidents("Belgorod Oblast Governor Vyacheslav Gladkov says a drone killed a man in Shebekino.")
    assert [i.location for i in found] == ["Shebekino"]


def test_interception_with_casualties_or_damage_denied_is_disrupted_weapons_use():
    for text in ("Air defences downed nine drones over Bryansk Oblast; the governor said nobody was injured.",
                 "Ukraine intercepted every missile fired at Lviv overnight, with no damage or casualties reported.",
                 "Drones were shot down near Kursk and there was no damage, officials said."):
        found = incidents(text)
        assert [i.sub_event_type for i in found] == ["Disrupted weapons use"], text
    # damage that is told stays a strike
    found = incidents("Air defences downed nine drones over Bryansk Oblast, but debris damaged two houses.")
    assert [i.sub_event_type for i in found] == ["Air/drone strike"]


def test_an_attack_by_men_on_the_ground_with_no_weapon_named_is_fought_on_the_ground():
    found = incidents("Hundreds of M23 rebels attack the town of Sake, west of Goma.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [("Battles", "Armed clash")]
    assert found[0].rules[0] == "type:generic_attack+ground"
    found = incidents("Russian assault groups attack Ukrainian lines near Toretsk.")
    assert [i.event_type for i in found] == ["Battles"]
    # a state attacking a city with no weapon named strikes it from afar
    found = incidents("Russia attacks Zaporizhzhia overnight, wounding three.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_who_fought_decides_between_a_clash_and_an_attack():
    # both sides fired: a clash, even with the dead told after the armed group
    found = incidents("Police officers and gang members exchange fire in Port-au-Prince, killing three.")
    assert [(i.location, i.event_type, i.fatalities) for i in found] == [("Port-au-Prince", "Battles", 3)]
    # the one killed had opened fire on the soldiers
    found = incidents("Border police shoot dead a man who opened fire on a patrol near Hebron.")
    assert [(i.event_type, i.rules[0]) for i in found] == [("Battles", "type:forces_fire+armed_victim")]
    # victims of an assault by gunmen on a market are civilians attacked
    found = incidents("Eleven traders die in an assault by gunmen on the cattle market of Djibo.")
    assert [(i.event_type, i.location, i.fatalities) for i in found] == [("Violence against civilians", "Djibo", 11)]


def test_protests_told_with_blockades_nationwide_and_an_attack_on_a_police_station():
    found = incidents("Teachers demonstrate throughout the country, including in Lyon and Marseille, over pay.")
    assert sorted((i.location, i.sub_event_type) for i in found) == [
        ("Lyon", "Peaceful protest"), ("Marseille", "Peaceful protest")]
    found = incidents("University students block a bridge over the Danube in Novi Sad for the third day.")
    assert [(i.event_type, i.location) for i in found] == [("Protests", "Novi Sad")]
    found = incidents("Youths backing the opposition attack a police station in Kisumu during protests over prices.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [("Riots", "Violent demonstration")]


def test_stopped_attacks_and_bombs_are_disrupted_not_carried_out():
    found = incidents("Police foil an attack by al-Shabaab fighters on a restaurant in Mogadishu.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Disrupted weapons use", "Mogadishu")]
    found = incidents("Army engineers defuse a roadside bomb on the road out of Beledweyne.")
    assert [i.sub_event_type for i in found] == ["Disrupted weapons use"]


def test_ground_groups_striking_and_cartel_killings():
    found = incidents("Suspected jihadists struck the town of Djibo in northern Burkina Faso overnight.")
    assert [(i.event_type, i.rules[0]) for i in found] == [("Battles", "type:generic_attack+ground")]
    found = incidents("Seven diners are killed in an armed attack on a restaurant in Irapuato.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Violence against civilians", 7)]
    found = incidents("A drug cartel kills nine farm workers near Zitacuaro.")
    assert [i.event_type for i in found] == ["Violence against civilians"]
    found = incidents("Five bodies bearing signs of torture are found on a road near Fresnillo.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Violence against civilians", 5)]


def test_a_town_named_inside_a_regions_possessive_is_the_place():
    found = incidents("Artillery fire in Kherson Oblast's Beryslav district wounds two women.")
    assert [(i.location, i.geo_precision, i.injured) for i in found] == [("Beryslav", 2, 2)]


def test_a_river_named_like_a_city_is_no_venue():
    found = incidents("Shelling hits hamlets along the left bank of the Dnipro in Kherson Oblast, killing one.")
    assert [(i.place.feature, i.location) for i in found] == [("admin1", "Kherson Oblast")]


def test_parts_of_a_town_after_its_possessive():
    for text, town in (("Drones hit Kyiv's left bank overnight, injuring three.", "Kyiv"),
                       ("A drone strikes Odesa's seaport before dawn.", "Odesa"),
                       ("Warplanes target Rafah's Tel al-Sultan area.", "Rafaḩ")):
        found = incidents(text)
        assert [(i.location, i.geo_precision) for i in found] == [(town, 2)], text
    # a region's possessive names the town inside it only when that town lies in the region
    found = incidents("Drones hit Kyiv's Obolon district, wounding two.")
    assert [i.place.admin1 for i in found] == ["Kyiv City"]


def test_a_killing_the_forces_call_a_gunfight_in_quotes_is_an_attack():
    found = incidents("On 2 March 2025, RAB members shot dead an alleged robber in a 'crossfire' and 'gunfight' near "
                      "Teknaf (Teknaf, Chittagong). 1 fatality.")
    assert [(i.event_type, i.fatalities) for i in found] == [("Violence against civilians", 1)]
    # unquoted, a gunfight is a gunfight
    found = incidents("Police and robbers fought a gunfight near Teknaf, leaving one robber dead.")
    assert [i.event_type for i in found] == ["Battles"]


def test_a_posts_location_tag_is_its_venue():
    found = incidents("Kismayo: a roadside bomb hits an army truck outside the airport, two soldiers hurt")
    assert [(i.location, i.sub_event_type, i.injured) for i in found] == [
        ("Kismayo", "Remote explosive/landmine/IED", 2)]


def test_a_coders_chain_whose_town_the_gazetteer_lacks_places_the_event_in_its_region():
    found = incidents("On 4 March 2025, soldiers burned about 40 houses in a village in Khin-U township "
                      "(Khin-U, Sagaing). 0 fatalities.")
    assert [(i.sub_event_type, i.place.feature, i.location, i.geo_precision) for i in found] == [
        ("Looting/property destruction", "admin1", "Sagaing Region", 3)]
    found = incidents("On 5 March 2025, the TNLA and the military fought near Namtu (Namtu, Shan-North). "
                      "Fatalities unknown.")
    assert [(i.event_type, i.place.admin1) for i in found] == [("Battles", "Shan State")]


def test_abductions_in_a_raid_and_a_town_inside_a_states_possessive():
    found = incidents("Gunmen abducted 25 farmers in a night raid on a village in Katsina state's Funtua district "
                      "on Monday, residents said.")
    assert [(i.sub_event_type, i.location, i.geo_precision) for i in found] == [
        ("Abduction/forced disappearance", "Funtua", 2)]


def test_drones_approaching_a_city_are_intercepted_near_it():
    found = incidents("Air defences destroyed five drones approaching Moscow, the mayor said, adding there was "
                      "no damage.")
    assert [(i.sub_event_type, i.location, i.geo_precision) for i in found] == [
        ("Disrupted weapons use", "Moscow", 2)]


def test_conditions_plans_and_a_coup_of_years_ago_are_no_events():
    assert not incidents("The rebels warned they could march on Uvira if government-allied militias keep "
                         "attacking their positions.")
    assert not incidents("Students plan another nationwide rally in Kragujevac next weekend.")
    assert not incidents("The military, which seized power in a 2021 coup, denies targeting civilians in Sagaing.")


def test_a_feature_the_gazetteer_lacks_named_after_a_town_is_near_that_town():
    found = incidents("Rockets fired from Lebanon hit a radar station on Mount Meron, Israel, on Sunday.")
    assert [(i.location, i.geo_precision) for i in found] == [("Meron", 2)]
    assert any("read as near the town Meron" in n for n in found[0].notes)


def test_bangladeshi_district_towns_cities500_lacks_and_their_current_spellings():
    for text, town in (("On 2 March 2025, a mob beat a man to death in Rajbari (Rajbari, Dhaka). 1 fatality.",
                        "Rajbari"),
                       ("On 3 March 2025, students protested in Netrokona (Netrokona, Mymensingh). [size=dozens]",
                        "Netrakona")):
        found = incidents(text)
        assert [(i.location, i.place.country_code, i.geo_precision) for i in found] == [(town, "BD", 1)], text


def test_a_village_the_gazetteer_lacks_is_near_the_town_heading_its_chain():
    found = incidents("On 4 March 2025, JNIM militants attacked Koulpelogo village (Bittou, Boulgou, Centre-Est), "
                      "killing 5 VDP. 5 fatalities.")
    # not the province named like the village; the VDP killed make it a clash
    assert [(i.location, i.geo_precision, i.event_type) for i in found] == [("Bittou", 2, "Battles")]
    found = incidents("On 3 March 2025, al Shabaab militants attacked Biyo Adde village (Jowhar, Middle Shabelle), "
                      "killing 2 civilians. 2 fatalities.")
    assert [(i.location, i.geo_precision, i.event_type) for i in found] == [
        ("Jawhar", 2, "Violence against civilians")]


def test_an_attack_with_no_weapon_or_attacker_named_is_fought_as_wars_there_are():
    found = incidents("An attack on the town of Djibo killed 20 people on Sunday, the governor said, as the "
                      "jihadist insurgency spreads.")
    assert [(i.event_type, i.rules[0]) for i in found] == [
        ("Violence against civilians", "type:generic_attack+ground_country")]
    assert any("war fought on the ground" in n for n in found[0].notes)
    found = incidents("An attack on Djibo was repulsed on Sunday, the governor said, as the jihadist insurgency "
                      "spreads.")
    assert [(i.event_type, i.location) for i in found] == [("Battles", "Djibo")]
    found = incidents("A Russian attack on a market in Kharkiv killed two people and wounded nine.")
    assert [i.event_type for i in found] == ["Explosions/Remote violence"]


def test_weapons_destroyed_in_flight_are_intercepted_unless_a_hit_is_told_after():
    found = incidents("Russia says its forces destroyed a Ukrainian naval drone near Sevastopol overnight.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Disrupted weapons use", "Sevastopol")]
    found = incidents("Russia says it destroyed four drones near Moscow. One drone damaged an office tower.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Air/drone strike", "Moscow")]
    assert found[0].rules[0].endswith("+hit_after")
    # a weapon system destroyed on the ground is a strike on it
    found = incidents("Ukrainian drones destroyed a Russian missile launcher near Kursk.")
    assert [i.event_type for i in found] == ["Explosions/Remote violence"]


def test_a_town_after_its_regions_possessive_and_a_towns_community():
    found = incidents("Two people are killed as Russian artillery hits Zaporizhzhia Oblast's Huliaipole.")
    assert [(i.place.geonameid, i.place.admin1_code, i.geo_precision) for i in found] == [(707898, "UA.26", 1)]
    found = incidents("Russian forces shell the Kupiansk hromada in Kharkiv Oblast, killing one.")
    assert [(i.location, i.geo_precision) for i in found] == [("Kupyansk", 2)]


def test_a_capital_named_by_its_country_or_people_only():
    found = incidents("Police in Georgia's capital use water cannon against protesters.")
    assert [(i.location, i.sub_event_type) for i in found] == [("Tbilisi", "Protest with intervention")]
    found = incidents("Police disperse anti-government protesters in the Serbian capital.")
    assert [i.location for i in found] == ["Belgrade"]


def _evening(text: str):
    published = dt.datetime(2025, 3, 10, 18, tzinfo=dt.timezone.utc)
    return analyse(Article(id="t2", body=text, published=published)).incidents


def test_a_daily_summary_dates_its_overnight_to_its_day_and_a_morning_post_to_the_night_before():
    text = "Russian drones attack Odesa overnight, injuring three people. (Reuters)"
    assert [i.event_date for i in _evening(text)] == [dt.date(2025, 3, 10)]
    morning = analyse(Article(id="t3", body=text, published=dt.datetime(2025, 3, 10, 7, tzinfo=dt.timezone.utc)))
    assert [i.event_date for i in morning.incidents] == [dt.date(2025, 3, 9)]


def test_a_summary_told_as_a_total_then_town_by_town():
    found = _evening("Russian attacks on Kharkiv Oblast kill three people: a missile strike on Chuhuiv kills two "
                     "residents, and a glide bomb dropped on Zolochiv kills one person and injures four others.")
    assert sorted((i.location, i.sub_event_type, i.fatalities) for i in found) == [
        ("Chuhuyiv", "Shelling/artillery/missile attack", 2), ("Zolochiv", "Air/drone strike", 1)]


def test_places_listed_with_their_own_toll_and_told_again_alone():
    found = _evening("Airstrikes target rebel positions in Saada and the port city of Hodeidah, Yemen, killing at "
                     "least seven people in Saada. (AP)")
    assert sorted((i.location, i.fatalities) for i in found) == [("Al Ḩudaydah", None), ("Sa'dah", 7)]
    found = _evening("Militants attack army posts in Kayes and Nioro du Sahel. The army says it repelled both "
                     "attacks and killed 21 assailants in Kayes.")
    assert sorted((i.location, i.fatalities) for i in found) == [("Kayes", 21), ("Nioro", None)]
    found = _evening("Tens of thousands march in Lisbon, Porto and Coimbra, Portugal, against soaring rents.")
    assert sorted((i.location, i.place.feature) for i in found) == [
        ("Coimbra", "city"), ("Lisbon", "city"), ("Porto", "city")]


def test_an_army_returning_to_a_town_no_fight_reported_and_boats_destroyed():
    found = _evening("The army re-enters the town of Mogok after the rebels withdraw; no fighting is reported.")
    assert [(i.sub_event_type, i.location) for i in found] == [("Non-violent transfer of territory", "Mogok")]
    found = _evening("Naval drones try to attack Novorossiysk; the navy says it destroyed all five boats, and no "
                     "damage is reported.")
    assert [i.sub_event_type for i in found] == ["Disrupted weapons use"]


def test_a_days_summary_of_talks_is_no_incident():
    assert not _evening("Delegations from two states meet in Riyadh to discuss a partial ceasefire. (AP)")


def test_a_toll_for_each_place_listed():
    found = _evening("Israeli airstrikes kill 14 people in Jabalia, eight in Khan Younis and three in Deir al-Balah, "
                     "medics say.")
    assert sorted((i.location, i.fatalities) for i in found) == [
        ("Deir Al Balah", 3), ("Jabālyā", 14), ("Khān Yūnis", 8)]


def test_clauses_joined_by_while_are_events_of_their_own():
    found = _evening("Soldiers kill six gunmen in a shootout in Culiacán, Sinaloa, while in Acámbaro a car bomb "
                     "explodes outside a police station, injuring seven people.")
    assert sorted((i.location, i.event_type, i.fatalities, i.injured) for i in found) == [
        ("Acámbaro", "Explosions/Remote violence", None, 7), ("Culiacán", "Battles", 6, None)]


def test_ground_retaken_out_of_a_village_and_a_strike_in_a_neighbourhood_of_a_city():
    found = _evening("Ukrainian troops have pushed Russian forces out of Yunakivka, a village near the border north "
                     "of Sumy, a brigade reports.")
    assert [(i.location, i.geo_precision) for i in found] == [("Yunakivka", 1)]
    found = _evening("An Israeli strike on a flat in the Haret Hreik neighbourhood of Beirut's southern suburbs "
                     "kills two people.")
    assert [(i.location, i.geo_precision, i.sub_event_type) for i in found] == [("Beirut", 2, "Air/drone strike")]
