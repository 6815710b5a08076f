"""The event grammar on the three genres' styles: present-tense summaries, coder notes, posts (own sentences)."""
import pytest

from geomap.incidents import classify


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.event_type, t.sub_event_type) for t in classify(text)]


@pytest.mark.parametrize("text, expected", [
    # present tense, as news summaries are written
    ("Russian forces shell Izium, killing three people.", ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")),
    ("Rebels seize the town of Walikale after a day of fighting.", ("Battles", "Non-state actor overtakes territory")),
    ("Government troops retake the village of Kalma.", ("Battles", "Government regains territory")),
    ("Militia fighters clash with the army near Goma.", ("Battles", "Armed clash")),
    ("Soldiers repel an assault on their base near Kidal.", ("Battles", "Armed clash")),
    ("A shopkeeper is killed by unknown gunmen in Beledweyne.", ("Violence against civilians", "Attack")),
    ("Guards open fire on villagers at a market, killing one.", ("Violence against civilians", "Attack")),
    ("Protesters set fire to the town hall.", ("Riots", "Violent demonstration")),
    ("Air defences shoot down four drones over Kursk.", ("Strategic developments", "Disrupted weapons use")),
    ("Rebel forces enter the town unopposed as the garrison withdraws.", ("Strategic developments",
                                                                        "Non-violent transfer of territory")),
])
def test_event_words_in_every_tense(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize("text", [
    "The package includes 20 armoured fighting vehicles and spare parts.",
    "A swimmer is injured in a shark attack off the coast.",
    "Talks will take place in Geneva next week.",
])
def test_no_violent_event_in_these(text):
    assert not [k for k in kinds(text) if k[0] in ("Battles", "Explosions/Remote violence",
                                                  "Violence against civilians")]


def test_captured_equipment_is_not_territory():
    assert ("Battles", "Government regains territory") not in kinds(
        "The ministry shows captured armoured vehicles at a fair in the capital.")


def test_seized_livestock_is_looting_not_territory():
    found = kinds("Armed men raided a camp near Tawila and seized 40 head of cattle.")
    assert ("Strategic developments", "Looting/property destruction") in found
    assert not [k for k in found if k[1].endswith("territory")]


def test_captured_equipment_on_show_is_not_territory():
    assert not [k for k in kinds("Russian forces display captured armoured vehicles at a fair in the capital.")
                if k[1].endswith("territory")]


@pytest.mark.parametrize("text", [
    "Turkey strikes a fuel depot near Qamishli, killing two guards.",
    "Ethiopia captures the town of Lalibela.",
])
def test_a_state_as_the_subject_of_an_act_of_war_is_armed(text):
    assert [k for k in kinds(text) if k[0] in ("Battles", "Explosions/Remote violence")]


def test_an_aircraft_crash_is_no_air_strike():
    assert not kinds("Two training jets collide in mid-air over the airfield, killing both pilots.")


def test_take_with_a_named_place_is_territory_and_advancing_towards_is_not_a_battle_there():
    found = kinds("Government troops take Kalma as they advance towards Nyala.")
    assert found == [("Battles", "Government regains territory")]


@pytest.mark.parametrize("text, expected", [
    ("Two teachers are killed by suspected rebels near Beni.", "Violence against civilians"),
    ("Two soldiers are killed by suspected rebels near Beni.", "Battles"),
])
def test_passive_killing_by_armed_men_reads_the_victims_before_the_verb(text, expected):
    assert kinds(text)[0][0] == expected


def test_the_month_of_march_is_no_protest_march():
    found = kinds("On 9 March 2025, a mob beat a man accused of theft near the bus stand.")
    assert ("Riots", "Mob violence") in found
    assert not [k for k in found if k[0] == "Protests"]


@pytest.mark.parametrize("text", [
    "A soldier shot dead a civilian driver at a checkpoint near the market.",
    "Police opened fire on villagers at a roadblock, killing a farmer.",
])
def test_forces_shooting_civilians_is_violence_against_civilians(text):
    assert kinds(text)[0] == ("Violence against civilians", "Attack")


def test_forces_striking_a_town_and_killing_civilians_stays_an_explosion():
    assert kinds("Russian forces strike a residential area of Izium, killing five civilians.")[0][0] == \
        "Explosions/Remote violence"


def test_rival_supporters_clashing_is_a_riot_and_a_raid_is_fighting():
    assert kinds("Supporters of two rival parties clashed with sticks outside the court.") == [("Riots", "Mob violence")]
    assert kinds("Soldiers raided a camp near the border.")[0] == ("Battles", "Armed clash")


def test_armed_men_killing_militants_is_a_battle_and_a_bomb_explosion_an_ied():
    assert kinds("The army says it killed at least 30 militants near Bulo Burde.")[0] == ("Battles", "Armed clash")
    assert ("Explosions/Remote violence", "Remote explosive/landmine/IED") in kinds(
        "Three farmers die in the explosion of a buried bomb in a field.")


def test_capturing_fighters_is_an_arrest_not_territory():
    found = kinds("Regional police capture several IS–Somalia militants in a night operation.")
    assert ("Strategic developments", "Arrests") in found
    assert not [k for k in found if k[1].endswith("territory")]


@pytest.mark.parametrize("text", [
    "Thousands of Chileans march through Valparaiso against the new tax.",
    "Students occupy the main building of the faculty to demand new elections.",
    "Relatives hold a vigil outside the prison.",
    "Truckers block roads near the border in protest over fuel prices.",
])
def test_protests_in_their_many_forms(text):
    assert kinds(text)[0][0] == "Protests"


def test_a_death_that_is_the_topic_of_a_protest_is_no_crackdown():
    assert kinds("Hundreds take to the streets demanding justice for a man who died in custody.") == \
        [("Protests", "Peaceful protest")]


def test_a_lone_attack_in_a_story_of_an_assailant_is_violence_against_civilians():
    from geomap.incidents import _by_assailant, Trigger
    generic = Trigger(0, 6, "Explosions/Remote violence", "Shelling/artillery/missile attack", generic=True)
    assert _by_assailant(generic, "An attack on a bus stop kills two.").event_type == "Violence against civilians"
    assert _by_assailant(generic, "An attack on a checkpoint kills two soldiers.").event_type == "Battles"


def test_a_group_named_as_the_killer_of_civilians_is_violence_against_civilians():
    assert kinds("The RSF kills at least 50 civilians in an attack on villages.")[0] == \
        ("Violence against civilians", "Attack")


def test_a_group_struck_by_airstrikes_is_the_target_not_the_killer():
    assert kinds("Airstrikes on Islamic State hideouts have killed 13 militants.") == \
        [("Explosions/Remote violence", "Air/drone strike")]


def test_cartel_gunmen_clashing_with_troops_is_a_battle():
    assert ("Battles", "Armed clash") in kinds("Cartel members clash with the National Guard, leaving five dead.")


def test_a_combined_missile_and_drone_attack_is_coded_as_missile_attack():
    from geomap.incidents import _combined, classify

    assert {(t.event_type, t.sub_event_type) for t in _combined(classify(
        "Russian missiles and drones struck the city overnight."))} == \
        {("Explosions/Remote violence", "Shelling/artillery/missile attack")}


def test_repelling_a_groups_attack_is_a_battle_and_demolishing_homes_is_property_destruction():
    found = kinds("The army says it repelled an RSF attack on the city.")
    assert found[0] == ("Battles", "Armed clash")
    assert ("Violence against civilians", "Attack") not in found
    assert ("Strategic developments", "Looting/property destruction") in kinds(
        "Soldiers demolish the family home of a suspect in the camp.")
    assert kinds("Guerrillas attack a police station with explosives.")[0] == \
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")


@pytest.mark.parametrize("text, expected", [
    ("The regional army, backed by allied jets, kills 40 militants and seizes the town.",
     "Government regains territory"),
    ("The mining town is seized by the rebels.", "Non-state actor overtakes territory"),
    ("Rebels and allied troops seize the airport.", "Non-state actor overtakes territory"),
])
def test_who_takes_ground_is_the_first_armed_actor_or_the_agent_of_a_passive(text, expected):
    assert ("Battles", expected) in kinds(text)


def test_an_attempt_to_capture_is_no_capture_and_a_planned_protest_no_protest():
    assert not [k for k in kinds("Tanks enter the outskirts as they attempt to capture the city.")
                if k[1].endswith("territory")]
    assert not [k for k in kinds("Officials warn about a planned demonstration next week.") if k[0] == "Protests"]


def test_an_arrest_that_is_the_topic_of_a_protest_is_no_intervention():
    assert kinds("Lawyers strike and protest in the capital following the arrest of two colleagues.")[0] == \
        ("Protests", "Peaceful protest")
    assert kinds("Police arrest 40 people at a protest in the capital.")[0] == ("Protests", "Protest with intervention")


def test_protesters_attacking_counter_protesters_is_mob_violence():
    assert ("Riots", "Mob violence") in kinds("Protesters attack counter-protesters with sticks outside the court.")


def test_protesters_storming_a_building_is_a_riot_and_hooligans_clashing_a_mob():
    assert kinds("Protesters storm the parliament building and set part of it on fire.")[0] == \
        ("Riots", "Violent demonstration")
    assert ("Battles", "Armed clash") not in kinds("Protesters storm the parliament building.")
    assert kinds("Football hooligans clash with police ahead of the match.") == [("Riots", "Mob violence")]


def test_an_explosion_at_a_base_is_an_ied_and_a_gas_explosion_is_not():
    assert kinds("An explosion at an army base kills five soldiers.")[0] == \
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert kinds("A gas explosion at a restaurant kills two.") == []


@pytest.mark.parametrize("text, expected", [
    ("Villagers lynched a suspected cattle thief.", ("Riots", "Mob violence")),
    ("Fighters executed four men accused of spying for the army.", ("Violence against civilians", "Attack")),
    ("A teenager was shot dead by police during a raid on his street.", ("Violence against civilians", "Attack")),
    ("Two soldiers were shot dead by rebel forces.", ("Battles", "Armed clash")),
    ("Insurgents burned the health centre and looted pharmacies.",
     ("Strategic developments", "Looting/property destruction")),
])
def test_who_did_it_and_to_whom_decides_the_type(text, expected):
    assert kinds(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("Supporters of the candidate set fire to the electoral office.", ("Riots", "Violent demonstration")),
    ("Hooligans attack two police officers after the match.", ("Riots", "Mob violence")),
    ("Settlers attack a village, killing a farmer.", ("Violence against civilians", "Attack")),
    ("A man drives a van into a crowd at a Christmas market.", ("Violence against civilians", "Attack")),
    ("Security forces kill nine militants in a raid.", ("Battles", "Armed clash")),
    ("Guerrillas attack an army base, killing two soldiers.", ("Battles", "Armed clash")),
    ("Al-Shabaab claims an attack on a peacekeepers' base near the town.", ("Battles", "Armed clash")),
    ("Militants claim attack on AMISOM base.", ("Battles", "Armed clash")),
    ("Fighters attack enemy positions near the river, killing 15 soldiers.", ("Battles", "Armed clash")),
    ("Jihadists attack a police station, killing four officers.", ("Battles", "Armed clash")),
    ("Gunmen attack a bus station, killing three travellers.", ("Violence against civilians", "Attack")),
    ("Nurses go on strike over unpaid wages.", ("Protests", "Peaceful protest")),
    ("The two governments agree to a ceasefire.", ("Strategic developments", "Agreement")),
    ("The army establishes a new base by the river.", ("Strategic developments", "Headquarters or base established")),
])
def test_present_tense_summaries_of_every_kind(text, expected):
    assert expected in kinds(text)


def test_a_bomb_that_explodes_in_the_present_tense_is_an_explosive():
    assert kinds("A bomb explodes in a crowded market, killing nine.") == \
        [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize("text, expected", [
    ("A gunman opens fire at a school, killing nine people.", ("Violence against civilians", "Attack")),
    ("Three villagers are killed by settlers near the village.", ("Violence against civilians", "Attack")),
    ("The bodies of four men with gunshot wounds are found by a road.", ("Violence against civilians", "Attack")),
    ("Militiamen attack protesters outside the governor's office.",
     ("Protests", "Excessive force against protesters")),
])
def test_attacks_by_one_gunman_settlers_and_on_protesters(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize("text, expected", [
    ("Two rebel groups merge with the RSF.", [("Strategic developments", "Change to group/activity")]),
    ("The militia says it will disband and hand its weapons to the army.",
     [("Strategic developments", "Change to group/activity")]),
    ("The insurgents appoint a new commander after the death of their leader.",
     [("Strategic developments", "Change to group/activity")]),
    ("The two banks will merge with each other next year.", []),  # no armed group: no event
])
def test_an_armed_group_changing_itself_is_a_change_to_group_activity(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "The army says it repelled an incursion into the border region.",
    "Government troops break the siege of the city.",
    "Rebel forces cross the border into the neighbouring province.",
])
def test_incursions_and_sieges_broken_are_battles(text):
    assert ("Battles", "Armed clash") in kinds(text)


def test_a_crowd_gathering_to_demand_something_is_a_protest():
    assert kinds("Thousands gather outside parliament to demand the government's resignation.") == \
        [("Protests", "Peaceful protest")]
    assert kinds("Thousands gather in the square to watch the fireworks.") == []


def test_a_person_shot_dead_at_a_campaign_rally_is_an_attack_not_a_crackdown_on_protesters():
    assert kinds("A mayoral candidate is shot dead at a campaign rally.") == [("Violence against civilians", "Attack")]
    assert kinds("Two soldiers were shot dead near the checkpoint.") == [("Battles", "Armed clash")]


def test_a_car_bomber_is_a_bomb_not_an_aircraft():
    assert kinds("A suicide car bomber targets a checkpoint, killing four soldiers.")[0] == \
        ("Explosions/Remote violence", "Suicide bomb")
    assert kinds("A car bomber struck a checkpoint, killing four.")[0] == \
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")


@pytest.mark.parametrize("text", [
    "The death toll from last week's missile strike on the city rises to 46, officials say.",
    "The toll from Saturday's shelling of the market rose to 12.",
    "Intelligence officials say the enemy is preparing a new offensive in the south.",
])
def test_toll_updates_and_offensives_being_prepared_are_no_events(text):
    assert kinds(text) == []


def test_an_attack_named_with_its_target_and_air_support_named_in_passing():
    assert kinds("An RSF attack on a displacement camp kills more than 100 people.")[0] == \
        ("Violence against civilians", "Attack")
    assert ("Battles", "Armed clash") in kinds("The army repelled an RSF attack on the town.")
    assert kinds("Special forces, backed by US airstrikes, kill 30 militants in an operation.") == \
        [("Battles", "Armed clash")]


@pytest.mark.parametrize("text", [
    "Clashes erupt between Hindu and Muslim groups in the old town, leaving four dead.",
    "Members of the ruling party attack an opposition rally, injuring 12.",
])
def test_communal_clashes_and_attacks_on_a_rival_rally_are_mob_violence(text):
    assert kinds(text)[0] == ("Riots", "Mob violence")


def test_an_accusation_of_an_attack_is_no_event():
    assert kinds("Russia accuses Ukraine of shelling the nuclear power plant, an accusation Kyiv denies.") == []
    assert kinds("The army blames the rebels for the bombing of the bridge.") == []


@pytest.mark.parametrize("text, expected", [
    # killed by gunfire: who was hit tells the type
    ("Three farmers were killed by army gunfire near the fence.", ("Violence against civilians", "Attack")),
    ("Sniper fire kills a shepherd outside the village.", ("Violence against civilians", "Attack")),
    ("Two soldiers were killed by sniper fire at an outpost.", ("Battles", "Armed clash")),
    # a mob's killing is a riot, and rival groups of any kind clashing is one too
    ("A vendor was beaten to death by a mob after a quarrel.", ("Riots", "Mob violence")),
    ("Clashes between rival youth groups leave a dozen injured.", ("Riots", "Mob violence")),
])
def test_gunfire_killings_mobs_and_rival_groups(text, expected):
    assert kinds(text) and kinds(text)[0] == expected


def test_forces_entering_a_town_without_a_fight_is_no_battle():
    assert kinds("Militia forces entered the district capital without a fight.") == [
        ("Strategic developments", "Non-violent transfer of territory")]
    assert ("Battles", "Armed clash") in kinds("Militia forces entered the district capital after heavy fighting.")


@pytest.mark.parametrize("text, expected", [
    # whom the armed men attacked decides: forces (one soldier, border guards, a prison, a patrol) or civilians
    ("Insurgents kill a conscript soldier near the border post.", ("Battles", "Armed clash")),
    ("Gunmen attack border guards at a crossing.", ("Battles", "Armed clash")),
    ("Armed assailants attack a jail and free the inmates.", ("Battles", "Armed clash")),
    ("Militants ambush a patrol of the rangers in the hills, killing four.", ("Battles", "Armed clash")),
    ("Militants kill a retired police officer outside his home.", ("Violence against civilians", "Attack")),
    # a noun "attack on" forces, with no weapon named, is fought on the ground
    ("An attack on a military checkpoint kills three soldiers.", ("Battles", "Armed clash")),
    # the victims told before "when gunmen attack"
    ("Four police officers were killed when gunmen attacked their station.", ("Battles", "Armed clash")),
    ("Four shoppers were killed when gunmen attacked the market.", ("Violence against civilians", "Attack")),
])
def test_who_armed_men_attacked(text, expected):
    assert kinds(text) and kinds(text)[0] == expected


@pytest.mark.parametrize("text", [
    "A knife attack at a bus stop wounds four.",
    "A drive-by shooting outside a bar leaves two dead.",
    "A shooting at a wedding kills five guests.",
    "The militia executes four captives in the square.",
    "Gunmen stab two farmers near the river.",
])
def test_shootings_stabbings_and_executions_are_attacks(text):
    assert ("Violence against civilians", "Attack") in kinds(text)


def test_a_film_shooting_is_no_attack():
    assert kinds("The shooting of the film begins in the capital next week.") == []


@pytest.mark.parametrize("text", [
    "Thousands march through the capital carrying torches and banners.",
    "Protesters hurl insults at the minister's convoy.",
    "Demonstrators rally outside parliament despite a storm.",
    "Students protest in record numbers, smashing turnout records.",
])
def test_figures_of_speech_in_a_protest_keep_it_peaceful(text):
    assert set(kinds(text)) == {("Protests", "Peaceful protest")}


@pytest.mark.parametrize("text", [
    "Protesters stormed the parliament building and were removed by police.",
    "Protesters break through police lines outside the ministry.",
    "Demonstrators torched cars near the stadium.",
    "Protesters smashed windows.",
])
def test_violent_acts_in_a_protest_make_it_a_riot(text):
    assert kinds(text)[0] == ("Riots", "Violent demonstration")


def test_workers_who_strike_protest():
    assert kinds("Dockworkers strike at the port over unpaid wages.") == [("Protests", "Peaceful protest")]
    assert kinds("Missile strikes hit the port.")[0][0] == "Explosions/Remote violence"


@pytest.mark.parametrize("text", [
    "A settler shoots dead a shepherd near the village.",
    "Police shoot and kill a 16-year-old at a roadblock.",
    "A detainee is tortured to death in custody.",
    "A local councillor is found dead with gunshot wounds.",
])
def test_more_killings_of_civilians(text):
    assert ("Violence against civilians", "Attack") in kinds(text)


def test_armed_men_are_the_attackers_not_the_victims():
    assert kinds("Armed men attack an army patrol near the border, killing 17 soldiers.")[0] == ("Battles",
                                                                                                 "Armed clash")
    assert kinds("Armed men attack a village, killing 17 men.")[0] == ("Violence against civilians", "Attack")


def test_members_of_a_family_are_civilians_members_of_a_group_are_fighters():
    assert kinds("Gunmen kill five members of a family near the market.")[0] == ("Violence against civilians",
                                                                                 "Attack")
    assert kinds("Bandits kill seven members of a vigilante group.")[0] == ("Battles", "Armed clash")


def test_burning_an_effigy_is_symbolic_and_supporters_fighting_police_is_a_violent_demonstration():
    assert set(kinds("Protesters set fire to an effigy of the minister outside parliament.")) == {
        ("Protests", "Peaceful protest")}
    assert kinds("Protesters set fire to a police car outside parliament.")[0] == ("Riots", "Violent demonstration")
    assert kinds("Opposition supporters clash with police near the stadium.") == [("Riots", "Violent demonstration")]
    assert kinds("Supporters of rival parties clash near the stadium.") == [("Riots", "Mob violence")]


def test_the_police_clashing_with_protesters_is_no_riot_of_theirs():
    assert set(kinds("Police clash with students at a protest encampment on the campus.")) == {
        ("Protests", "Protest with intervention")}
    assert kinds("Counter-protesters attack a protest encampment on the campus.")[0] == ("Riots", "Mob violence")


@pytest.mark.parametrize("text, expected", [
    ("Troops and militia fighters engage in close-quarters combat in the old town.", ("Battles", "Armed clash")),
    ("Heavy clashes are reported in the border town.", ("Battles", "Armed clash")),
    ("Militia fighters repel an attack by rival factions near the bridge.", ("Battles", "Armed clash")),
    ("Syrian rebels enter the city after a lightning offensive.", ("Battles", "Non-state actor overtakes territory")),
])
def test_battles_told_in_other_words(text, expected):
    assert expected in kinds(text)
    assert ("Violence against civilians", "Attack") not in kinds(text)


def test_a_team_named_for_a_weapon_and_weather_storms_are_no_events():
    assert kinds("Paul hit a late layup to lift the Houston Rockets to a 96-94 win over the visitors.") == []
    assert kinds("It reminded everyone how destructive these monster storms can be.") == []
    assert ("Explosions/Remote violence", "Air/drone strike") in kinds("Russian Shahed drones hit the port.")
    assert kinds("Two Grad rockets hit the town.")[0][0] == "Explosions/Remote violence"


@pytest.mark.parametrize("text, expected", [
    ("Government troops attack rebel positions near the river.", ("Battles", "Armed clash")),
    ("The army launches an attack on enemy lines near the town.", ("Battles", "Armed clash")),
    ("A separate Russian strike kills three police officers in the region.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("The army attacks rebel positions with artillery.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
])
def test_a_ground_attack_on_forces_is_a_clash_a_strike_or_a_named_weapon_is_not(text, expected):
    assert kinds(text)[0] == expected


@pytest.mark.parametrize("text", [
    "A local reporter is shot and killed outside his home.",
    "A tourist was stabbed near the old market.",
    "Four people die in an arson attack on a shop.",
    "The mayor survives an assassination attempt.",
])
def test_passive_shootings_stabbings_arson_and_attempts_on_lives_are_attacks(text):
    assert ("Violence against civilians", "Attack") in kinds(text)


def test_a_suspect_shot_by_police_or_a_film_shot_is_no_attack_on_civilians():
    assert ("Violence against civilians", "Attack") not in kinds("The film was shot in the old town.")
    assert ("Violence against civilians", "Attack") in kinds("A driver was shot in the head at a roadblock.")


def test_defusing_a_bomb_is_disrupted_weapons_use():
    assert kinds("Police defuse a bomb near a school.") == [("Strategic developments", "Disrupted weapons use")]


def test_a_military_detachment_and_vdp_volunteers_are_forces():
    assert kinds("Militants attacked a military detachment, killing 14 soldiers and VDP.")[0] == ("Battles",
                                                                                                  "Armed clash")


@pytest.mark.parametrize("text", [
    "Police thwart an attack on a church and arrest three suspects.",
    "Police foil a plot to attack a synagogue.",
])
def test_a_foiled_attack_is_disrupted_weapons_use_not_an_attack(text):
    assert kinds(text) and all(k == ("Strategic developments", "Disrupted weapons use") for k in kinds(text)
                               if k[0] != "Strategic developments" or k[1] != "Arrests")
    assert not [k for k in kinds(text) if k[0] in ("Explosions/Remote violence", "Violence against civilians")]


def test_weapons_told_after_a_clash_are_the_clashs_weapons():
    assert kinds("Clashes between the army and rebels kill 20 people, with mortar rounds falling on homes.") == [
        ("Battles", "Armed clash")]
    assert kinds("Rebels launch a mortar attack on the airport, the latest of recent clashes.")[0] == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_an_ambush_on_civilians_is_an_attack_on_them():
    assert kinds("Gunmen kill 10 villagers in an ambush on a bus.") == [("Violence against civilians", "Attack")]


def test_a_part_of_a_town_after_its_possessive_and_a_blast_at_an_airport():
    assert kinds("An explosion at the city's airport kills 13 soldiers.")[0] == (
        "Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert not [k for k in kinds("Police questioned his father but did not arrest him.") if k[1] == "Arrests"]


@pytest.mark.parametrize("text, expected", [
    ("Ten people are killed in an attack by militants on a village.", ("Violence against civilians", "Attack")),
    ("Fifteen people are killed in attacks on three villages.", ("Violence against civilians", "Attack")),
    ("An attack by gunmen on an army post leaves two soldiers dead.", ("Battles", "Armed clash")),
])
def test_an_attack_by_armed_men_on_the_ground(text, expected):
    assert kinds(text)[0] == expected


@pytest.mark.parametrize("text", ["Air raid alert in the capital region.",
                                  "Explosions heard in the city, air raid sirens sound.",
                                  "Missile danger declared in the region."])
def test_an_alert_is_no_strike(text):
    assert not [k for k in kinds(text) if k[0] == "Explosions/Remote violence"]


def test_every_named_armed_group_has_an_acled_actor_type_and_known_countries():
    from geomap import taxonomy
    from geomap.lexicon_tables import armed_groups

    groups = armed_groups()
    assert len(groups) >= 10
    for pattern, name, countries in groups:
        assert taxonomy.actor_type(name) in (2, 3, 4, 8), name
        assert all(len(cc) == 2 and cc.isupper() and taxonomy.region(cc) for cc in countries), name
    by_name = {name: (pattern, countries) for pattern, name, countries in groups}
    assert by_name["Houthi Movement"][1] == {"YE"}
    # the West Africa province is its own group, not the Islamic State at large
    assert not by_name["Islamic State"][0].search("Islamic State West Africa Province fighters")
    # one pattern for all of them, each row its own group
    from geomap.lexicon_tables import armed_groups_pattern
    found = armed_groups_pattern().search("Fighters of AL-SHABAAB attacked")
    assert found is not None and groups[int(found.lastgroup[1:])][1] == "Al Shabaab"


@pytest.mark.parametrize("text", [
    "Russian troops advance into Kurakhove from the south.",
    "Army units push deeper into the rebel-held district.",
    "Skirmishes are reported along the border near Kassala.",
    "Ukrainian forces report gains near Robotyne.",
    "Enemy saboteurs infiltrate the outskirts of the town.",
    "Rebels surround the garrison town.",
])
def test_ground_fighting_told_as_movement(text):
    assert [t.event_type for t in classify(text, at_war=True)] == ["Battles"]


@pytest.mark.parametrize("text", [
    "The company reported gains in revenue.",
    "Police infiltrated student groups and put informants in mosques.",
])
def test_gains_and_infiltration_outside_war_are_no_battle(text):
    assert classify(text) == []


@pytest.mark.parametrize("text", [
    "Kreminna comes under Ukrainian control after weeks of fighting.",
    "Moscow's troops raise their flag over the centre of Toretsk.",
    "The army drives the militia out of the town after a day of fighting.",
    "The defence ministry announces the capture of Kurakhove by its troops.",
])
def test_ground_changing_hands_told_without_a_capture_verb(text):
    assert "territory" in {t.rule.split("+")[0] for t in classify(text, at_war=True)}


def test_saboteurs_blowing_up_a_train_is_an_explosive_attack_and_a_storm_is_not():
    assert [t.sub_event_type for t in classify("Partisans blow up a freight train near Melitopol.", at_war=True)] == \
        ["Remote explosive/landmine/IED"]
    assert classify("The wind blew up a storm over the lake.") == []
    assert classify("The economy is under government control.", at_war=True) == []


@pytest.mark.parametrize("text", [
    "Traders in Omdurman protest against looting by armed men.",
    "Hundreds of women march in El Obeid to condemn riots and violence.",
    "Students rally in Khartoum, protesting the killing of demonstrators last year.",
])
def test_what_a_crowd_protests_against_is_not_its_own_act(text):
    assert {(t.event_type, t.sub_event_type) for t in classify(text)} == {("Protests", "Peaceful protest")}


def test_a_riot_told_after_a_clash_stays_a_riot():
    found = classify("A festival is cancelled after a clash with rival protesters injures nine.")
    assert {t.event_type for t in found} == {"Riots"}


@pytest.mark.parametrize("text, expected", [
    ("An Israeli strike on a house in Khan Younis kills five.", "Air/drone strike"),
    ("Health officials say an Israeli strike killed 12 people in Rafah.", "Air/drone strike"),
    ("A US strike kills an al-Shabaab commander near Jilib.", "Air/drone strike"),
    ("Hezbollah strikes northern Israel.", "Shelling/artillery/missile attack"),
    ("Russia strikes Kyiv overnight.", "Shelling/artillery/missile attack"),
])
def test_a_strike_with_no_weapon_named_is_flown_or_fired_by_who_struck(text, expected):
    assert [t.sub_event_type for t in classify(text, at_war=True)] == [expected]


def test_the_countries_whose_wars_are_told_as_strikes_are_real_codes():
    from geomap import taxonomy
    from geomap.lexicon_tables import remote_war_countries

    codes = remote_war_countries()
    assert {"UA", "RU", "IL", "PS", "LB"} <= codes and not codes & {"ML", "BF", "SO", "SD", "CD", "MX", "HT"}
    assert all(taxonomy.region(cc) for cc in codes)


@pytest.mark.parametrize("text", [
    "Unidentified assailants attack the town of Kidal overnight.",
    "Suspected Islamists attack a village market near Diffa, killing six traders.",
])
def test_unnamed_attackers_on_the_ground_are_no_strike(text):
    assert {t.event_type for t in classify(text, at_war=True)} <= {"Battles", "Violence against civilians"}
