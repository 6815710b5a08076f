"""geomap.incidents: events, casualties, places, dates and actors read from sentences of our own.

Resolutions are built by hand, as the geoparser would give them, with real GeoNames ids and coordinates.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geomap.incidents as incidents_module
from geomap.incidents import (
    classify,
    count_casualties,
    country_name,
    extract_incidents,
    find_dateline,
    split_sentences,
)
from geomap.model import Article, Candidate, Mention, Place, Resolution

TUE = dt.datetime(2025, 11, 18, 9, 0, tzinfo=dt.timezone.utc)  # a Tuesday


def _city(gid, name, lat, lon, cc, a1code, a1, pop, code="PPL"):
    return Place(gid, name, lat, lon, cc, "city", a1code, a1, pop, code)


# Real GeoNames entries (ids, coordinates, admin1).
PLACES: dict[str, Place] = {
    "Kharkiv": _city(706483, "Kharkiv", 49.98177, 36.25475, "UA", "UA.07", "Kharkiv Oblast", 1421125, "PPLA"),
    "Izium": _city(707292, "Izium", 49.20697, 37.27679, "UA", "UA.07", "Kharkiv Oblast", 45884),
    "Kupiansk": _city(703656, "Kupiansk", 49.71003, 37.61581, "UA", "UA.07", "Kharkiv Oblast", 27169),
    "Berestyn": _city(704388, "Berestyn", 49.3776, 35.44485, "UA", "UA.07", "Kharkiv Oblast", 20000),
    "Kyiv": _city(703448, "Kyiv", 50.45466, 30.5238, "UA", "UA.12", "Kyiv City", 2952301, "PPLC"),
    "Odesa": _city(698740, "Odesa", 46.48572, 30.74383, "UA", "UA.17", "Odesa Oblast", 1010537, "PPLA"),
    "Dnipro": _city(709930, "Dnipro", 48.46664, 35.04066, "UA", "UA.04", "Dnipropetrovsk Oblast", 968502, "PPLA"),
    "Sumy": _city(692194, "Sumy", 50.91741, 34.79906, "UA", "UA.21", "Sumy Oblast", 256474, "PPLA"),
    "Kherson": _city(706448, "Kherson", 46.63695, 32.61458, "UA", "UA.08", "Kherson Oblast", 66000, "PPLA"),
    "Pokrovsk": _city(704422, "Pokrovsk", 48.28014, 37.17706, "UA", "UA.05", "Donetsk Oblast", 60127),
    "Kostiantynivka": _city(705104, "Kostiantynivka", 48.52728, 37.70594, "UA", "UA.05", "Donetsk Oblast", 67350),
    "Lviv": _city(702550, "Lviv", 49.83826, 24.02324, "UA", "UA.15", "Lviv Oblast", 717273, "PPLA"),
    "Belgorod": _city(578072, "Belgorod", 50.60343, 36.58091, "RU", "RU.09", "Belgorod Oblast", 345289, "PPLA"),
    "Moscow": _city(524901, "Moscow", 55.75204, 37.61781, "RU", "RU.48", "Moscow", 10381222, "PPLC"),
    "Ankara": _city(323786, "Ankara", 39.91987, 32.85427, "TR", "TR.68", "Ankara", 3517182, "PPLC"),
    "Madrid": _city(3117735, "Madrid", 40.4165, -3.70256, "ES", "ES.29", "Madrid", 3255944, "PPLC"),
    "Paris": _city(2988507, "Paris", 48.85341, 2.3488, "FR", "FR.11", "Ile-de-France", 2138551, "PPLC"),
    "Lyon": _city(2996944, "Lyon", 45.74906, 4.84789, "FR", "FR.84", "Auvergne-Rhone-Alpes", 520774, "PPLA"),
    "Tbilisi": _city(611717, "Tbilisi", 41.69143, 44.83412, "GE", "GE.51", "Tbilisi", 1049498, "PPLC"),
    "Belgrade": _city(792680, "Belgrade", 44.80401, 20.46513, "RS", "RS.SE", "Belgrade", 1273651, "PPLC"),
    "Khartoum": _city(379252, "Khartoum", 15.55177, 32.53241, "SD", "SD.29", "Khartoum", 1974647, "PPLC"),
    "Maiduguri": _city(2331447, "Maiduguri", 11.84692, 13.15712, "NG", "NG.27", "Borno", 1110000, "PPLA"),
    "Goma": _city(216281, "Goma", -1.67409, 29.22845, "CD", "CD.11", "North Kivu", 432587, "PPLA"),
    "Donetsk region": Place(709716, "Donetsk Oblast", 48.0, 37.8, "UA", "admin1", "UA.05", "Donetsk Oblast", 4100280,
                            "ADM1"),
    "Kharkiv region": Place(706482, "Kharkiv Oblast", 49.5, 36.5, "UA", "admin1", "UA.07", "Kharkiv Oblast", 2914212,
                            "ADM1"),
    "Ukraine": Place(690791, "Ukraine", 49.0, 32.0, "UA", "country", None, None, 44622516, "PCLI"),
    "Russia": Place(2017370, "Russia", 60.0, 100.0, "RU", "country", None, None, 140702000, "PCLI"),
    "Turkey": Place(298795, "Turkey", 39.0, 35.0, "TR", "country", None, None, 77804122, "PCLI"),
    "Spain": Place(2510769, "Spain", 40.0, -4.0, "ES", "country", None, None, 46723749, "PCLI"),
}
DONETSK_CITY = _city(709717, "Donetsk", 48.023, 37.80224, "UA", "UA.05", "Donetsk Oblast", 901645, "PPLA")
_NAMES = sorted(PLACES, key=len, reverse=True)
_NAME_RE = re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _NAMES) + r")\b",
                      re.IGNORECASE)


def resolve(body: str) -> list[Resolution]:
    """What the geoparser gives: every known name, exact offsets, a Place each."""
    out = []
    for m in _NAME_RE.finditer(body):
        key = next(n for n in _NAMES if n.lower() == re.sub(r"\s+", " ", m.group(0)).lower())
        hint = "region" if key.endswith(" region") else None
        out.append(Resolution(Mention(m.start(), m.end(), m.group(0), hint), PLACES[key], score=0.9, reason="test"))
    return out


def article(body: str, *, published=TUE, id="a1", **kw) -> Article:
    return Article(id=id, body=body, published=published, title=kw.pop("title", "Test report"),
                   url=kw.pop("url", f"https://news.example.org/{id}"), source=kw.pop("source", "Example Wire"), **kw)


def extract(body: str, **kw) -> list:
    country_level = kw.pop("country_level", False)
    art = article(body, **kw)
    return extract_incidents(art, resolve(body), country_level=country_level)


def one(body: str, **kw):
    found = extract(body, **kw)
    assert len(found) == 1, [(i.event_type, i.location, i.quotes) for i in found]
    return found[0]


# ------------------------------------------------------------------------------------------------ sentences

@pytest.mark.parametrize(
    "body, expected",
    [
        ("A drone hit Sumy. Two people were hurt.", ["A drone hit Sumy.", "Two people were hurt."]),
        ("Gov. Oleh Vynnyk spoke. He left.", ["Gov. Oleh Vynnyk spoke.", "He left."]),
        ("Mr. Hale and Dr. Ruiz met at St. Mark's square. Both left.",
         ["Mr. Hale and Dr. Ruiz met at St. Mark's square.", "Both left."]),
        ("The talks began on Nov. 17 in the capital. They ended.",
         ["The talks began on Nov. 17 in the capital.", "They ended."]),
        ("The U.S. envoy arrived. The talks began.", ["The U.S. envoy arrived.", "The talks began."]),
        ("He met U.S. officials. The talks began.", ["He met U.S. officials.", "The talks began."]),
        ("He spoke with the U.S. The talks began.", ["He spoke with the U.S.", "The talks began."]),
        ("The blast came at 5 a.m. Sirens followed.", ["The blast came at 5 a.m.", "Sirens followed."]),
        ("Sirens sounded at 5 a.m. local time.", ["Sirens sounded at 5 a.m. local time."]),
        ("Maj. Gen. Ivan Sokol said so. Nothing more.", ["Maj. Gen. Ivan Sokol said so.", "Nothing more."]),
        ("“We will rebuild.” The mayor left.", ["“We will rebuild.”", "The mayor left."]),
        ("Was it a drone? Nobody knows!", ["Was it a drone?", "Nobody knows!"]),
        ("First line\nSecond line", ["First line", "Second line"]),
        ("A hard-wrapped line that goes\non here. Next one.", ["A hard-wrapped line that goes\non here.",
                                                              "Next one."]),
        ("John F. Kennedy spoke. Fine.", ["John F. Kennedy spoke.", "Fine."]),
    ],
)
def test_split_sentences(body, expected):
    got = split_sentences(body)
    assert [s.text for s in got] == expected
    for s in got:
        assert body[s.start:s.end] == s.text


def test_paragraph_numbers():
    body = "One here. Two here.\nThree here.\n\nFour here."
    assert [s.paragraph for s in split_sentences(body)] == [0, 0, 1, 2]
    assert [s.index for s in split_sentences(body)] == [0, 1, 2, 3]


@given(st.lists(st.sampled_from(list("ab .?!\n\"”U.S.Mr") + ["Nov.", " The", " a.m."]), max_size=60).map("".join))
def test_sentence_offsets_are_exact(body):
    got = split_sentences(body)
    last = 0
    for s in got:
        assert body[s.start:s.end] == s.text and s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end


@pytest.mark.parametrize(
    "body, city",
    [
        ("KHARKIV, Ukraine — A drone hit the city.", "KHARKIV"),
        ("KYIV, Ukraine (AP) — Officials met.", "KYIV"),
        ("GAZA CITY — Talks resumed.", "GAZA CITY"),
        ("Kharkiv — a quiet day.", None),
        ("A drone hit Kharkiv — again.", None),
    ],
)
def test_find_dateline(body, city):
    span = find_dateline(body)
    if city is None:
        assert span is None
    else:
        assert span is not None and body[span[0]:span[0] + len(city)] == city


# ------------------------------------------------------------------------------------------------ event types

@pytest.mark.parametrize(
    "sentence, event_type, sub_event_type",
    [
        ("A Russian missile struck an apartment block in Kharkiv, killing four people.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Artillery shelling damaged homes in Kherson.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("Russian drones hit a power substation in Sumy.", "Explosions/Remote violence", "Air/drone strike"),
        ("An airstrike on a market in Khartoum killed 12 people.", "Explosions/Remote violence", "Air/drone strike"),
        ("A glide bomb hit a hospital in Kostiantynivka.", "Explosions/Remote violence", "Air/drone strike"),
        ("A roadside bomb exploded beside a bus in Maiduguri, wounding five passengers.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("A landmine killed two farmers in Izium.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a mosque in Maiduguri.", "Explosions/Remote violence",
         "Suicide bomb"),
        ("A grenade thrown into a cafe in Belgrade injured two men.", "Explosions/Remote violence", "Grenade"),
        ("Activists accused the army of a chemical attack on Khartoum.", "Explosions/Remote violence",
         "Chemical weapon"),
        ("Ukrainian and Russian troops clashed in Pokrovsk.", "Battles", "Armed clash"),
        ("Heavy fighting continued in Kupiansk, the army said.", "Battles", "Armed clash"),
        ("Russian forces closed in on Pokrovsk.", "Battles", "Armed clash"),
        ("Ukrainian forces recaptured Kupiansk after weeks of fighting.", "Battles", "Government regains territory"),
        ("Russian troops captured Pokrovsk.", "Battles", "Non-state actor overtakes territory"),
        ("Rebels took control of Goma.", "Battles", "Non-state actor overtakes territory"),
        ("Gunmen killed nine villagers in a raid on Maiduguri.", "Violence against civilians", "Attack"),
        ("Militiamen massacred civilians in Khartoum.", "Violence against civilians", "Attack"),
        ("Armed men abducted 20 students in Maiduguri.", "Violence against civilians",
         "Abduction/forced disappearance"),
        ("Soldiers raped women in Khartoum, a rights group said.", "Violence against civilians", "Sexual violence"),
        ("Thousands of people rallied in Tbilisi against the new law.", "Protests", "Peaceful protest"),
        ("Students protested in Belgrade over the collapse.", "Protests", "Peaceful protest"),
        ("Police fired tear gas to disperse demonstrators in Tbilisi.", "Protests", "Protest with intervention"),
        ("Police detained dozens of protesters in Belgrade.", "Protests", "Protest with intervention"),
        ("Security forces opened fire on protesters in Khartoum, killing three.", "Protests",
         "Excessive force against protesters"),
        ("Protesters threw stones at police in Tbilisi.", "Riots", "Violent demonstration"),
        ("Rioters torched cars and looted shops in Lyon.", "Riots", "Violent demonstration"),
        ("A mob looted shops in Goma.", "Riots", "Mob violence"),
        ("The presidents held talks in Ankara on the pipeline.", "Strategic developments", "Other"),
        ("The two governments signed a defence agreement in Paris.", "Strategic developments", "Agreement"),
        ("The sides exchanged prisoners in Ankara.", "Strategic developments", "Agreement"),
        ("Police arrested 14 people in Belgrade over the plot.", "Strategic developments", "Arrests"),
        ("Air defences shot down 12 drones over Kyiv.", "Strategic developments", "Disrupted weapons use"),
        ("The army withdrew from Kherson.", "Strategic developments", "Non-violent transfer of territory"),
        ("The militia set up a new base in Goma.", "Strategic developments", "Headquarters or base established"),
    ],
)
def test_event_types(sentence, event_type, sub_event_type):
    inc = one(sentence)
    assert (inc.event_type, inc.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    "sentence",
    [
        "The air force said it shot down 80 of 100 drones overnight.",  # a tally, no place
        "Russia launched 100 drones and six missiles at Ukraine overnight.",  # a country is not a place here
        "The ministry plans to buy 200 drones from a factory in Lviv.",  # weapons, no attack
        "The mayor of Kharkiv vowed to keep fighting corruption.",
        "On the battlefield, morale remains low around Pokrovsk.",
        "The former mayor died of a heart attack in Odesa.",
        "The lawyer won a long legal battle in Belgrade.",
        "Kyiv says the missiles are vital to its defence.",
        "Moscow warned that strikes on its territory would escalate the war.",
        "Stocks rallied in Madrid after the vote.",
        "The two armies last met near Izium in 2014.",  # no event word
        "KHARKIV, Ukraine — A missile struck an apartment block, killing three.",  # the dateline alone
        "Three people were killed in Sumy.",  # casualties without an event word
        "Scouts from Battle Creek collected food in Lviv.",  # an event word inside a name
        "The conference opened with AI Talks in Paris.",
        "A court in Kyiv sentenced a man for the rape of a neighbour.",  # a court report
        "The restaurant owner was arrested in Lyon on federal charges of fraud, prosecutors said.",
        "The funeral home arranged a special visit in Lyon for the family.",  # no state in the picture
        "A shopper fought with store guards in Lyon.",  # "fought" in an article about no war
        "The suspect kidnapped his neighbour in Lyon, police said.",  # a crime report
        "",
    ],
)
def test_not_incidents(sentence):
    assert extract(sentence) == []


def test_classify_lists_every_event_word():
    kinds = {(t.event_type, t.sub_event_type) for t in classify("Drones hit the port as talks went on in the city.")}
    assert ("Explosions/Remote violence", "Air/drone strike") in kinds
    assert ("Strategic developments", "Other") in kinds


def test_generic_attack_is_marked():
    inc = one("A Russian strike on Odesa wounded three people.")
    assert inc.sub_event_type == "Shelling/artillery/missile attack"
    assert "weapon not stated" in inc.notes


# ------------------------------------------------------------------------------------------------ casualties

@pytest.mark.parametrize(
    "text, fatalities, injured",
    [
        ("A 17-year-old boy was killed and 12 other people were wounded in the strike.", 1, 12),
        ("The strike hit the station, killing three people and injuring 14.", 3, 14),
        ("At least seven people died in the fire.", 7, None),
        ("A woman died in hospital.", 1, None),
        ("Two soldiers and three civilians were killed.", 5, None),
        ("Three people, including a child, were killed.", 3, None),
        ("The blast killed two.", 2, None),
        ("The shelling left four dead and 20 wounded.", 4, 20),
        ("Shelling killed a woman and wounded her son.", 1, None),
        ("Two people were killed and two were injured.", 2, 2),
        ("A man, 45, was killed.", 1, None),
        ("The driver was injured.", None, 1),
        ("Twenty-one people were hurt.", None, 21),
        ("More than 1,200 people were wounded.", None, 1200),
        ("A dozen people were injured.", None, 12),
        ("The death toll rose to 15 on Monday.", 15, None),
        ("Three people were killed, and the death toll later rose to five.", 5, None),
        ("No one was hurt.", 0, 0),
        ("There were no casualties.", 0, 0),
        ("No one was killed, but three people were injured.", 0, 3),
        ("There were no immediate reports of casualties.", 0, 0),
        ("A drone hit a depot 110 kilometers from the border.", None, None),
        ("Ten drones were shot down and five buildings were damaged.", None, None),
        ("The 17-year-old had left the school.", None, None),
        ("Among the injured were two children.", None, None),
        ("Russia launched 100 drones on Monday night.", None, None),
    ],
)
def test_casualties(text, fatalities, injured):
    got = count_casualties(text)
    assert (got.fatalities, got.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    "text, word, field",
    [
        ("Dozens of people were injured.", "dozens", "injured"),
        ("Several people were killed.", "several", "fatalities"),
        ("Scores of civilians were wounded.", "scores", "injured"),
        ("The strike killed dozens of soldiers.", "dozens", "fatalities"),
    ],
)
def test_vague_casualties_are_notes(text, word, field):
    got = count_casualties(text)
    assert getattr(got, field) is None
    assert any(n.startswith(field) and word in n.lower() for n in got.notes)


def test_casualties_reach_the_incident():
    inc = one("A Russian missile struck a school in Kharkiv, killing a teacher and wounding 6 pupils.")
    assert (inc.fatalities, inc.injured) == (1, 6)


def test_vague_casualties_on_the_incident():
    inc = one("Russian drones hit a market in Kherson, wounding dozens of people.")
    assert inc.injured is None
    assert any("dozens" in n for n in inc.notes)


# ------------------------------------------------------------------------------------------------ places

@pytest.mark.parametrize(
    "sentence, location, precision",
    [
        ("A drone hit a warehouse in Kharkiv.", "Kharkiv", 1),
        ("A drone hit a warehouse near Kharkiv.", "Kharkiv", 2),
        ("Shelling hit villages outside Kherson.", "Kherson", 2),
        ("Shelling hit villages on the outskirts of Kherson.", "Kherson", 2),
        ("Shelling hit a village north of Kherson.", "Kherson", 2),
        ("A missile struck a depot 30 kilometers from Kharkiv.", "Kharkiv", 2),
        ("A missile struck Sumy, about 30 kilometers from the Russian border.", "Sumy", 1),
        ("A missile strike on Izium, 120 km from Kharkiv, wounded two people.", "Izium", 1),
        ("In the Kharkiv region, a drone struck the town of Izium.", "Izium", 1),
        ("Drones attacked energy facilities in occupied parts of Donetsk region.", "Donetsk Oblast", 3),
        ("Russia's army shelled Kherson at dawn.", "Kherson", 1),
        ("Kyiv said a Russian missile hit a school in Odesa.", "Odesa", 1),
        ("Drones launched from Belgorod hit Kharkiv.", "Kharkiv", 1),
        ("Russian forces are closing in on the strategic eastern city of Pokrovsk.", "Pokrovsk", 1),
        ("Ukrainian drones struck an oil depot in Belgorod.", "Belgorod", 1),
        ("Sumy came under drone attack on Monday.", "Sumy", 1),
        ("The presidents held talks in Ankara.", "Ankara", 1),
        ("The prime minister will visit Kyiv on Friday for talks.", "Kyiv", 1),
        ("Delegations gathered for the Ankara talks.", "Ankara", 1),
    ],
)
def test_places(sentence, location, precision):
    inc = one(sentence)
    assert (inc.location, inc.geo_precision) == (location, precision)
    assert inc.mention_text is not None and inc.mention_text in sentence


def test_region_given_as_hint():
    body = "Drones attacked a power plant in the occupied part of Donetsk."
    start = body.index("Donetsk")
    res = [Resolution(Mention(start, start + 7, "Donetsk", "region"), PLACES["Donetsk region"])]
    inc = extract_incidents(article(body), res)[0]
    assert (inc.place.geonameid, inc.geo_precision, inc.place.feature) == (709716, 3, "admin1")


def test_region_never_placed_at_the_same_named_city():
    body = "Drones attacked a power plant in occupied Donetsk region."
    start = body.index("Donetsk")
    mention = Mention(start, start + 7, "Donetsk", "region")
    # the resolver slipped and gave the city, with the region among its candidates: use the region
    res = [Resolution(mention, DONETSK_CITY, (Candidate(DONETSK_CITY, 0.6), Candidate(PLACES["Donetsk region"], 0.4)))]
    inc = extract_incidents(article(body), res)[0]
    assert inc.place.geonameid == 709716 and inc.geo_precision == 3
    # ... and with no region to fall back on: no incident rather than the wrong place
    assert extract_incidents(article(body), [Resolution(mention, DONETSK_CITY)]) == []


def test_coordinated_places_make_one_incident_each():
    found = extract("Russian strikes on Kharkiv and Sumy killed three people.")
    assert sorted(i.location for i in found) == ["Kharkiv", "Sumy"]
    assert all(i.fatalities is None for i in found)
    assert all(any("several places" in n for n in i.notes) for i in found)
    assert len({i.event_id for i in found}) == 2


def test_places_listed_before_the_event_word_are_each_an_incident():
    found = extract("Sumy and Kharkiv were hit by Russian missiles overnight, officials said.")
    assert sorted((i.location, i.sub_event_type) for i in found) == [
        ("Kharkiv", "Shelling/artillery/missile attack"), ("Sumy", "Shelling/artillery/missile attack")]
    assert any(r.endswith("+coordinated") for r in next(i for i in found if i.location == "Sumy").rules)


def test_a_second_target_with_its_own_town_is_a_second_incident():
    found = extract("Drones set fire to a fuel depot in Kherson and an oil terminal in Odesa overnight.")
    assert sorted(i.location for i in found) == ["Kherson", "Odesa"]
    # a subject that only says something is not a second target
    said = extract("Shelling wounded a woman in Kherson and the governor in Odesa says drones were seen.")
    assert [i.location for i in said] == ["Kherson"]


def test_between_two_towns_is_one_incident():
    found = extract("Heavy fighting broke out on the road between Izium and Kupiansk, killing nine soldiers.")
    assert [(i.location, i.event_type) for i in found] == [("Izium", "Battles")]


def test_weapons_intercepted_in_the_next_clause_make_a_disrupted_weapons_use():
    found = extract("Russian drones were launched at Odesa overnight; all of them were shot down, the navy said.")
    assert [(i.location, i.sub_event_type) for i in found] == [("Odesa", "Disrupted weapons use")]
    assert found[0].rules[0].endswith("+intercepted_after")
    # a hit or a victim keeps it a strike
    hit = extract("Russian drones were launched at Odesa overnight, damaging a school; ten were shot down.")
    assert [i.sub_event_type for i in hit] == ["Air/drone strike"]
    hurt = extract("Russian drones attacked Odesa overnight. Two people were injured and ten drones were shot down.")
    assert [i.sub_event_type for i in hurt] == ["Air/drone strike"]


def test_anaphora_the_city():
    body = "Russian forces shelled Kherson on Monday. A day later, drones struck the city again, injuring two."
    found = extract(body)
    assert [(i.location, i.event_date, i.sub_event_type) for i in found] == [
        ("Kherson", dt.date(2025, 11, 17), "Shelling/artillery/missile attack"),
        ("Kherson", dt.date(2025, 11, 18), "Air/drone strike"),
    ]
    assert found[1].injured == 2


def test_anaphora_the_region():
    body = ("Drones attacked a substation in Donetsk region on Tuesday.\n"
            "A day earlier, drones attacked a mine in the region.")
    found = extract(body)
    assert [(i.place.geonameid, i.geo_precision, i.event_date) for i in found] == [
        (709716, 3, dt.date(2025, 11, 18)), (709716, 3, dt.date(2025, 11, 17))]


def test_country_only_strategic_development_is_optional():
    body = "The president will travel to Turkey this week for talks."
    assert extract(body) == []
    inc = one(body, country_level=True)
    assert (inc.location, inc.geo_precision, inc.time_precision) == ("Turkey", 3, 2)
    assert inc.event_date == dt.date(2025, 11, 20)


def test_violent_event_never_at_country_level():
    assert extract("Russian drones struck Ukraine overnight.", country_level=True) == []


def test_dateline_is_the_fallback_for_strategic_developments_only():
    body = "KYIV, Ukraine — The two presidents held talks on Tuesday.\nA drone struck a depot, wounding one."
    inc = one(body)
    assert (inc.event_type, inc.location, inc.geo_precision) == ("Strategic developments", "Kyiv", 2)
    assert any("dateline" in n for n in inc.notes)


def test_dateline_fallback_needs_a_clause_naming_no_place():
    body = "KYIV, Ukraine — The sanctions on Russia take effect on Friday."
    assert extract(body) == []


def test_strategic_development_takes_a_town_of_the_people_named_next_door():
    body = ("The president spent the day meeting Spanish Prime Minister Ana Ruiz on Monday. "
            "Madrid pledged new air defence systems.")
    inc = one(body)
    assert (inc.location, inc.geo_precision, inc.event_date) == ("Madrid", 2, dt.date(2025, 11, 17))
    assert len(inc.quotes) == 2
    assert inc.evidence == (0, len(body))


def test_strategic_development_needs_in_or_at():
    assert extract("The talks between Kyiv and Moscow stalled.") == []


def test_clauses_split_at_semicolons():
    body = ("In Lyon, the president signed a trade deal; in Madrid, he discussed air defence; and in Paris, "
            "he met the mayor.")
    found = extract(body)
    assert [(i.location, i.sub_event_type) for i in found] == [
        ("Lyon", "Agreement"), ("Madrid", "Other"), ("Paris", "Other")]
    assert all(i.quotes == (body,) for i in found)


def test_nearest_event_word_wins():
    inc = one("His visits come as Russian attacks escalate and Russian forces close in on the town of Pokrovsk.")
    assert (inc.event_type, inc.location) == ("Battles", "Pokrovsk")


# ------------------------------------------------------------------------------------------------ dates

def test_date_from_the_sentence():
    assert one("Drones hit a depot in Sumy on Sunday.").event_date == dt.date(2025, 11, 16)


def test_last_night_is_the_day_before():
    inc = one("Russian drones set fire to warehouses in Odesa last night.")
    assert (inc.event_date, inc.time_precision) == (dt.date(2025, 11, 17), 1)


def test_same_day_report_dates_undated_violence_to_publication_day():
    body = "The governor said on Tuesday that the night had been hard.\nA missile hit a grain silo in Sumy."
    inc = one(body)
    assert inc.event_date == dt.date(2025, 11, 18)
    assert any("publication day" in n for n in inc.notes)


def test_short_report_naming_no_day_is_dated_to_publication_day():
    inc = one("A missile hit a grain silo in Sumy.")
    assert (inc.event_date, inc.time_precision) == (dt.date(2025, 11, 18), 1)


def test_long_story_naming_no_day_is_dated_to_publication_week():
    filler = "The regional council met to discuss the heating season and the repair of schools. " * 16
    inc = one(filler + "\nA missile hit a grain silo in Sumy.")
    assert (inc.event_date, inc.time_precision) == (dt.date(2025, 11, 18), 2)
    assert any("approximate" in n for n in inc.notes)


def test_one_line_post_without_closing_punctuation_is_read():
    inc = one("Russian missile strike on Sumy kills two")
    assert (inc.event_type, inc.place.name, inc.fatalities) == ("Explosions/Remote violence", "Sumy", 2)


def test_undated_future_strategic_development_stays_undated():
    body = "The governor said on Tuesday that talks with Turkey went well.\nThe leaders will hold talks in Ankara."
    assert one(body).event_date is None


@pytest.mark.parametrize(
    "body",
    [
        "The two foreign ministers held talks in Ankara earlier this year.",  # vague: not ACLED-datable
        "Russian troops withdrew from Kherson in November 2022.",
        "Drones hit a fuel depot in Sumy in August.",  # more than 60 days before a November report
        "The two armies fought near Izium years ago.",
    ],
)
def test_background_history_gives_no_incident(body):
    assert extract(body) == []


def test_recent_month_is_not_background():
    inc = one("Drones hit a fuel depot in Sumy in October.")
    assert (inc.event_date, inc.time_precision) == (dt.date(2025, 10, 15), 3)


def test_background_clause_beside_news_clause():
    body = "Drones hit a fuel depot in Sumy on Sunday; the army had retaken Kupiansk in 2022."
    assert [(i.location, i.event_date) for i in extract(body)] == [("Sumy", dt.date(2025, 11, 16))]


def test_date_inherited_within_a_paragraph():
    found = extract("On Sunday, drones struck Sumy. A missile also hit a depot in Kharkiv.")
    assert [(i.location, i.event_date) for i in found] == [
        ("Sumy", dt.date(2025, 11, 16)), ("Kharkiv", dt.date(2025, 11, 16))]
    assert any("sentence before" in n for n in found[1].notes)


def test_future_weekday():
    inc = one("The foreign ministers will meet in Ankara on Wednesday.")
    assert inc.event_date == dt.date(2025, 11, 19)


def test_article_without_publication_date():
    inc = one("Drones hit a depot in Sumy on Sunday.", published=None)
    assert inc.event_date is None


# ------------------------------------------------------------------------------------------------ actors

@pytest.mark.parametrize(
    "sentence, actor1, actor2",
    [
        ("A Russian missile struck a school in Kharkiv, wounding two pupils.", "Military Forces of Russia",
         "Civilians (Ukraine)"),
        ("Ukrainian drones struck an oil depot in Belgorod.", "Military Forces of Ukraine", None),
        ("Russian troops clashed with Ukrainian forces in Pokrovsk.", "Military Forces of Russia",
         "Military Forces of Ukraine"),
        ("Russia's army closed in on Pokrovsk.", "Military Forces of Russia", "Military Forces of Ukraine"),
        ("Moscow's forces closed in on Pokrovsk.", "Military Forces of Russia", "Military Forces of Ukraine"),
        ("Gunmen killed nine villagers in Maiduguri.", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"),
        ("The Rapid Support Forces shelled Khartoum, killing four people.", "Rapid Support Forces",
         "Civilians (Sudan)"),
        ("Thousands of people rallied in Tbilisi.", "Protesters (Georgia)", None),
        ("Police fired tear gas at demonstrators in Belgrade.", "Protesters (Serbia)", "Police Forces of Serbia"),
        ("Police arrested 14 people in Belgrade.", "Police Forces of Serbia", None),
        ("The Ukrainian president and the Turkish foreign minister held talks in Ankara.", "Government of Ukraine",
         "Government of Turkey"),
    ],
)
def test_actors(sentence, actor1, actor2):
    inc = one(sentence)
    assert (inc.actor1, inc.actor2) == (actor1, actor2)


def test_supplier_is_not_the_actor():
    inc = one("Ukraine used American-made missiles to strike an airfield in Belgorod.")
    assert inc.actor1 != "Military Forces of United States"


@pytest.mark.parametrize("code, name", [("UA", "Ukraine"), ("PS", "Palestine"), ("ua", "Ukraine"), (None, None)])
def test_country_name(code, name):
    assert country_name(code) == name


# ------------------------------------------------------------------------------------------------ continuation

def test_next_sentence_adds_casualties():
    body = "A missile hit a school in Odesa on Monday. Two people were wounded in the attack, the governor said."
    inc = one(body)
    assert inc.injured == 2
    assert len(inc.quotes) == 2
    assert inc.evidence == (0, len(body))


def test_backref_across_a_paragraph():
    body = "Russian drones hit a depot in Sumy, injuring one.\nThe strike also damaged a church."
    inc = one(body)
    assert inc.quotes == tuple(body.split("\n"))


def test_figures_from_two_sentences_keep_the_lowest():
    body = "A missile hit a school in Odesa, killing three people. Two people were killed in the attack, police said."
    assert one(body).fatalities == 2


def test_new_date_is_a_new_incident():
    body = "Drones struck Odesa on Monday. On Tuesday, drones struck the city again, killing one."
    found = extract(body)
    assert [(i.location, i.event_date, i.fatalities) for i in found] == [
        ("Odesa", dt.date(2025, 11, 17), None), ("Odesa", dt.date(2025, 11, 18), 1)]


def test_other_place_is_not_a_continuation():
    inc = one("A missile hit Kharkiv on Monday. Three people were killed in Sumy.")
    assert inc.location == "Kharkiv" and inc.fatalities is None and len(inc.quotes) == 1


def test_unrelated_next_paragraph_is_not_a_continuation():
    inc = one("Drones hit a depot in Sumy.\nTwo people were hurt in a traffic accident.")
    assert inc.injured is None


# ------------------------------------------------------------------------------------------------ ids, sources

BODY = ("KHARKIV, Ukraine — A Russian missile struck an apartment block in Kharkiv on Monday, killing two people. "
        "Later, drones hit a depot in Sumy.")


def test_event_ids_are_stable_and_distinct():
    first = extract(BODY)
    again = extract(BODY)
    assert [i.event_id for i in first] == [i.event_id for i in again]
    assert len({i.event_id for i in first}) == len(first) == 2
    assert all(i.event_id.startswith("UA") for i in first)
    other = extract(BODY, id="a2")
    assert not {i.event_id for i in first} & {i.event_id for i in other}


def test_quote_evidence_and_source():
    art = article(BODY, id="wire-7", title="Strikes in the east", url="https://news.example.org/wire-7")
    inc = extract_incidents(art, resolve(BODY))[0]
    assert inc.quotes == (BODY[inc.evidence[0]:inc.evidence[1]],)
    assert inc.quotes[0].startswith("A Russian missile")  # the dateline is not part of the quote
    assert inc.sources[0].article_id == "wire-7"
    assert inc.sources[0].url == "https://news.example.org/wire-7"
    assert inc.sources[0].title == "Strikes in the east"
    assert inc.sources[0].published == TUE
    assert inc.place.geonameid == 706483 and inc.location == "Kharkiv"


def test_resolutions_without_place_are_ignored():
    body = "Drones hit a depot in Zorky."
    res = [Resolution(Mention(22, 27, "Zorky"), None, reason="not in the gazetteer")]
    assert extract_incidents(article(body), res) == []


# ------------------------------------------------------------------------------------------------ properties

_ACLED = {
    "Battles": {"Government regains territory", "Non-state actor overtakes territory", "Armed clash"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
_PIECES = [
    "A Russian missile struck Kharkiv on Monday, killing two people.", "Two people were wounded in the attack.",
    "Drones hit the city again overnight.", "Thousands rallied in Tbilisi.", "The talks in Ankara ended.",
    "Heavy fighting raged near Pokrovsk.", "Gunmen abducted 12 people in Maiduguri.", "Nothing happened.",
    "The air force shot down 40 drones.", "Police dispersed protesters in Belgrade with tear gas.",
    "KYIV, Ukraine — ", "In Donetsk region, shelling wounded dozens.", "\n", "; ", "Mr. Hale met U.S. envoys.",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10), st.sampled_from([TUE, None]))
def test_invariants(pieces, published):
    body = " ".join(pieces)
    found = extract(body, published=published)
    for inc in found:
        assert inc.sub_event_type in _ACLED[inc.event_type]
        assert inc.geo_precision in (1, 2, 3) and inc.time_precision in (1, 2, 3)
        assert inc.fatalities is None or inc.fatalities >= 0
        assert inc.injured is None or inc.injured >= 0
        start, end = inc.evidence
        assert 0 <= start < end <= len(body)
        assert all(q in body for q in inc.quotes)
        assert inc.place.feature != "country"
    assert len({i.event_id for i in found}) == len(found)
    assert [dataclasses.astuple(i) for i in found] == [dataclasses.astuple(i) for i in extract(body,
                                                                                               published=published)]


# ------------------------------------------------------------------------------------------------ fast matching

_RULES = [v for v in vars(incidents_module).values() if isinstance(v, incidents_module._Rx)] + \
    [rx for _, rx, _ in incidents_module._WEAPONS]
_WORDS = sorted({w for rule in _RULES for w in (rule.words or ())} |
                {"drones", "Drone", "AIRSTRIKES", "air strike", "shelled", "took to the streets", "İstanbul", "ﬁre",
                 "killed", "the", "a", "of", "—", "’s", "Russian-controlled", "U.S.", "in on", "battlefield"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet="abcdeIKİ- '", max_size=4)), max_size=14)
       .map(" ".join))
def test_fast_rules_match_like_plain_regexes(text):
    for rule in _RULES:
        plain = [m.span() for m in rule.rx.finditer(text)]
        assert [m.span() for m in rule.finditer(text)] == plain, rule.pattern
        assert (rule.search(text) is None) == (not plain)


def test_place_in_no_country_is_not_used():
    body = "Gunmen killed nine villagers in West Africa."
    africa = Place(6255146, "Africa", 7.1881, 21.09375, None, "region", feature_code="CONT")
    start = body.index("West Africa")
    res = [Resolution(Mention(start, start + 11, "West Africa"), africa)]
    assert extract_incidents(article(body), res) == []


def test_headlines_and_tag_lines_give_no_incident():
    body = ("Drone strike wounds 12 in Kharkiv\n\nRussian drones hit a depot in Kharkiv, wounding 12 people.\n"
            "Kharkiv, drones, war")
    inc = one(body)
    assert inc.quotes == ("Russian drones hit a depot in Kharkiv, wounding 12 people.",)


def test_place_inside_an_organisation_name_is_not_the_place():
    body = ("Russian drones hit a depot in Sumy, injuring one.\n"
            "The Kharkiv Regional Prosecutor's Office said the drones had been launched from Belgorod.")
    inc = one(body)
    assert inc.location == "Sumy" and len(inc.quotes) == 2


def test_capital_as_subject_is_its_government():
    assert extract("Kyiv has stepped up drone attacks on refineries, the army said.") == []
    assert one("Kyiv came under a massive drone attack, the army said.").location == "Kyiv"


# -------------------------------------------------------------------------------------- plans, states, capitals

def test_plan_told_in_passing_is_no_event():
    body = ("Russian drones hit a depot in Sumy on Monday, the army said.\n"
            "The foreign minister is due to hold talks in Madrid on Friday.")
    assert [i.location for i in extract(body)] == ["Sumy"]


def test_plan_the_lead_announces_is_an_event():
    inc = one("The foreign ministers of Spain and Turkey will hold talks in Ankara on Thursday, officials said.")
    assert (inc.location, inc.event_date) == ("Ankara", dt.date(2025, 11, 20))


def test_plan_in_the_lead_country_counts_later_in_the_story():
    body = ("The president will travel to Turkey this week for talks, his office said on Tuesday.\n"
            "Officials said the talks will be held in Ankara.")
    assert one(body).location == "Ankara"


def test_plan_inside_a_quotation_is_no_event():
    body = ("The president will travel to Turkey this week for talks, his office said on Tuesday.\n"
            "“We will see what can be discussed in Ankara,” an aide said.")
    assert extract(body) == []


def test_plan_dated_to_the_publication_day_is_under_way():
    body = ("Drones hit a depot in Sumy on Monday, the army said.\n"
            "The envoy would be in Madrid for talks with Spanish ministers on Tuesday.")
    assert [(i.location, i.event_date) for i in extract(body)] == [
        ("Sumy", dt.date(2025, 11, 17)), ("Madrid", dt.date(2025, 11, 18))]


def test_something_done_is_no_plan_whatever_else_the_clause_plans():
    body = ("Drones hit a depot in Sumy on Monday, the army said.\n"
            "The ministers met in Madrid on Monday and will meet again next month.")
    assert [i.location for i in extract(body)] == ["Sumy", "Madrid"]


def test_countries_signing_are_states_in_the_picture():
    inc = one("Spain and Turkey signed a trade agreement in Ankara on Monday.")
    assert (inc.sub_event_type, inc.location, inc.event_date) == ("Agreement", "Ankara", dt.date(2025, 11, 17))


def test_the_deal_links_a_paragraph_to_the_agreement_before():
    body = ("Spain and Turkey signed a trade agreement in Ankara on Monday.\n"
            "The deal was signed at a ceremony attended by both foreign ministers.")
    inc = one(body)
    assert len(inc.quotes) == 2


def test_the_demonym_capital_is_that_country_s_capital():
    body = ("The deal was signed by the two trade ministers at a ceremony in the Turkish capital.\n"
            "Ankara has pressed for such an agreement for years.")
    inc = one(body)
    assert (inc.location, inc.geo_precision) == ("Ankara", 1)
    assert any("Turkish capital" in n for n in inc.notes)


def test_the_capital_is_the_dateline_capital():
    inc = one("ANKARA, Turkey — The foreign ministers of Spain and Turkey held talks in the capital on Monday.")
    assert (inc.location, inc.geo_precision, inc.event_date) == ("Ankara", 1, dt.date(2025, 11, 17))


def test_a_people_named_without_its_government_gives_no_town():
    body = "Ministers discussed Spanish olive oil exports on Monday. Madrid markets were closed."
    assert extract(body) == []


def test_placeless_clause_joins_the_development_told_at_the_dateline():
    body = ("KYIV, Ukraine — The Spanish foreign minister held talks in the capital on Friday.\n"
            "Officials from both countries signed a memorandum on power equipment.")
    inc = one(body)
    assert (inc.location, inc.sub_event_type, len(inc.quotes)) == ("Kyiv", "Other", 2)


@pytest.mark.parametrize(
    "body",
    [
        "The ceasefire in Goma has largely held, officials said.",
        "Each side accused the other of breaking the truce in Goma, officials said.",
        "The sanctions hit trade in Belgrade hard, officials said.",
    ],
)
def test_a_ceasefire_named_in_passing_is_no_event(body):
    assert extract(body) == []


def test_a_ceasefire_announced_is_an_event():
    inc = one("The army and the rebels announced a ceasefire in Goma on Monday.")
    assert (inc.event_type, inc.location) == ("Strategic developments", "Goma")


# ------------------------------------------------------------------------------------------------ habits, victims

@pytest.mark.parametrize(
    "body",
    [
        "The ports of Odesa remain regular targets of Russian drones.",
        "Kherson is shelled almost every day.",
        "Russian artillery fires on Kherson daily.",
    ],
)
def test_a_repeated_pattern_is_no_event(body):
    assert extract(body) == []


def test_a_pattern_beside_an_event_keeps_the_event():
    inc = one("A drone hit a school in Kharkiv, which is shelled almost every day.")
    assert (inc.location, inc.sub_event_type) == ("Kharkiv", "Air/drone strike")


def test_a_pattern_with_a_day_is_an_event():
    assert one("Russian drones struck Odesa again on Monday, as they do almost every night.").location == "Odesa"


def test_victims_counted_after_a_sentence_of_background():
    body = ("A drone struck a house in Sumy on Sunday, killing two people.\n"
            "The family had moved there from the east in the spring.\n"
            "A third relative, their grandmother, was injured and taken to hospital.")
    inc = one(body)
    assert (inc.fatalities, inc.injured, len(inc.quotes)) == (2, 1, 2)


def test_victims_too_far_after_the_event_are_not_counted():
    body = ("A drone struck a house in Sumy on Sunday, killing two people. The family had moved there in the spring. "
            "They had lived in the east. Their old home was gone. A neighbour had helped them. "
            "A third relative was injured.")
    assert one(body).injured is None


def test_victims_after_a_sentence_naming_another_place_are_not_counted():
    body = ("A drone struck a house in Sumy on Sunday, killing two people.\n"
            "The family's older son works in Kharkiv.\n"
            "A third relative was injured.")
    assert one(body).injured is None


@pytest.mark.parametrize(
    "text, fatalities, injured",
    [
        ("A drone strike in Khan Younis killed four people.", 4, None),  # "Younis killed" is not "is killed"
        ("An air strike in Sudan killed four people.", 4, None),  # "a strike in Sudan" is no Sudanese person
        ("A fifth relative, the children's grandfather, was wounded.", None, 1),  # an apposition
        ("Two men, both shepherds, were killed.", 2, None),
        ("The strike killed four members of one family.", 4, None),
        ("Three relatives were wounded.", None, 3),
    ],
)
def test_casualties_more(text, fatalities, injured):
    got = count_casualties(text)
    assert (got.fatalities, got.injured) == (fatalities, injured)


# ------------------------------------------------------------------------------------------ roads, speakers, victims

def test_on_the_road_from_a_town_is_near_that_town_never_the_far_end():
    inc = one("A roadside bomb destroyed a lorry on the road from Izium to Kupiansk on Sunday.")
    assert (inc.location, inc.geo_precision) == ("Izium", 2)


def test_a_road_named_in_passing_is_not_near_anything():
    body = "Drones hit a depot in Sumy on Sunday; the road from Kharkiv was closed for hours."
    assert [(i.location, i.geo_precision) for i in extract(body)] == [("Sumy", 1)]


@pytest.mark.parametrize("where", ["flown to the regional hospital in", "taken to", "were treated in hospitals in"])
def test_where_the_wounded_were_taken_is_not_the_event_place(where):
    body = f"A drone struck a bus in Izium on Sunday.\nFour passengers were wounded and {where} Kharkiv."
    inc = one(body)
    assert (inc.location, inc.injured, len(inc.quotes)) == ("Izium", 4, 2)


def test_where_a_speaker_is_is_not_the_event_place():
    body = ("Gunmen abducted six traders near Maiduguri on Monday.\n"
            "An army spokesman in Goma confirmed the abduction.")
    inc = one(body)
    assert (inc.location, len(inc.quotes)) == ("Maiduguri", 2)


def test_police_in_a_town_arresting_are_in_that_town():
    assert one("Police in Belgrade arrested nine activists on Monday.").location == "Belgrade"


def test_protesters_as_victims_are_no_new_protest():
    body = ("Rioters torched cars and threw stones at police in Lyon on Monday.\n"
            "Police fired tear gas at the crowd.\n"
            "Two officers and six demonstrators were injured, the prefecture said.")
    inc = one(body)
    assert (inc.event_type, inc.injured) == ("Riots", 8)


def test_protesters_with_a_place_of_their_own_are_a_protest():
    inc = one("Security forces opened fire on protesters in Khartoum, killing three.")
    assert (inc.event_type, inc.fatalities) == ("Protests", 3)


def test_the_same_place_named_again_goes_on_about_the_incident_across_a_paragraph():
    body = ("A landmine killed two farmers near Izium on Sunday.\n"
            "Their tractor hit the mine in a field about 10 km outside Izium, officials said. "
            "A third man was wounded.")
    inc = one(body)
    assert (inc.fatalities, inc.injured, len(inc.quotes)) == (2, 1, 3)


def test_drivers_are_people():
    assert count_casualties("Three soldiers and two drivers were killed.").fatalities == 5


def test_shot_dead_counts():
    assert count_casualties("Gunmen shot dead four herders and wounded two.").fatalities == 4


@pytest.mark.parametrize(
    "text, injured",
    [
        ("The hospital said it had received 23 people with injuries, four of them with burns.", 23),
        ("Doctors treated five children for shrapnel wounds.", 5),
        ("Medics treated dozens of people for smoke inhalation.", None),
    ],
)
def test_people_with_injuries(text, injured):
    assert count_casualties(text).injured == injured


def test_a_place_in_the_speaker_s_apposition_is_not_the_event_place():
    body = ("Gunmen killed five villagers near Maiduguri on Monday.\n"
            "The gunmen arrived at dawn and opened fire, said Ann Lee, a nurse who works in Goma.")
    inc = one(body)
    assert (inc.location, len(inc.quotes)) == ("Maiduguri", 2)


def test_the_edge_of_a_town_is_near_it():
    inc = one("A drone struck a camp on the edge of Khartoum on Monday.")
    assert (inc.location, inc.geo_precision) == ("Khartoum", 2)


def test_protesters_in_the_demonym_capital_are_a_protest():
    inc = one("BELGRADE, Serbia — Police opened fire on demonstrators in the Serbian capital on Tuesday, "
              "killing two.")
    assert (inc.event_type, inc.location, inc.fatalities) == ("Protests", "Belgrade", 2)


def test_a_trend_is_no_event():
    assert extract("Russian attacks on power plants have risen sharply in Kharkiv, officials say.") == []


# ------------------------------------------------------------------------------------------------ held-out lessons

def test_repelled_assaults_are_a_battle():
    inc = one("Ukrainian troops repelled nine Russian assaults near Pokrovsk on Monday.")
    assert (inc.event_type, inc.location, inc.geo_precision) == ("Battles", "Pokrovsk", 2)


def test_a_signed_declaration_is_an_agreement():
    inc = one("The two governments signed a declaration in Ankara on Sunday committing both sides to a truce.")
    assert (inc.sub_event_type, inc.location) == ("Agreement", "Ankara")


def test_looting_by_insurgents_is_property_destruction_not_a_mob():
    body = "Insurgents entered Goma on Monday and looted shops, said a trader who fled by road to Khartoum."
    kinds = [(i.event_type, i.sub_event_type, i.location) for i in extract(body)]
    assert kinds == [("Strategic developments", "Looting/property destruction", "Goma")]


def test_riot_police_are_no_riot():
    assert [t.event_type for t in classify("Riot police dispersed the protesters.")] == ["Protests"]


def test_victims_counted_after_a_speech_verb():
    assert count_casualties("The ministry said three officers were hurt.").injured == 3


def test_more_of_the_same_event_with_no_place_goes_on_about_it():
    body = ("Police in Tbilisi detained 12 people on Sunday as thousands of protesters rallied outside parliament.\n"
            "Riot police later moved in to clear the square, where some demonstrators had camped. "
            "The ministry said three officers were hurt.")
    inc = one(body)
    assert (inc.location, inc.injured, len(inc.quotes)) == ("Tbilisi", 3, 3)


def test_the_same_evening_is_the_day_of_the_story():
    body = ("Police in Tbilisi detained 12 people on Sunday as thousands of protesters rallied outside parliament.\n"
            "Riot police later moved in to clear the square. The ministry said three officers were hurt.\n"
            "Smaller rallies took place the same evening in Belgrade.")
    found = extract(body)
    assert [(i.location, i.event_date) for i in found] == [
        ("Tbilisi", dt.date(2025, 11, 16)), ("Belgrade", dt.date(2025, 11, 16))]


def test_actor_demonyms_are_the_gazetteers_table_plus_state_aliases():
    from geomap.build import demonym_forms
    from geomap.incidents import demonyms

    table = demonyms()
    assert {f: cc for f, cc in demonym_forms().items() if len(cc) == 2}.items() <= table.items()
    assert table["Zambian"] == "ZM" and table["Ukrainians"] == "UA" and table["Kremlin"] == "RU"
    assert "European" not in table  # a continent's people are no state's forces
    assert "Ohioans" not in table and "South Ossetian" not in table  # nor a region's


def test_a_separate_strike_after_armed_men_is_its_own_incident():
    body = ("Russian drones hit a depot in Kharkiv, killing two workers. "
            "A separate strike kills a driver in Sumy.")
    found = extract(body)
    assert sorted(i.location for i in found) == ["Kharkiv", "Sumy"]
    assert {i.location: i.fatalities for i in found}["Sumy"] == 1


def test_every_incident_names_the_words_that_chose_its_type():
    inc = one("Russian drones hit a depot in Kharkiv.")
    assert inc.notes[0] == "type: Air/drone strike from 'drones'"


def test_a_place_naming_the_forces_is_not_where_the_fighting_was():
    assert extract("Heavy clashes are reported between rebels and Kharkiv troops.") == []


def test_two_reports_of_one_kind_at_one_place_on_one_day_are_one_incident():
    body = ("Rioters torched cars in Belgrade on Tuesday. "
            "Elsewhere in the day, looters ransacked shops and a mob attacked a bus in Belgrade.")
    found = extract(body)
    assert [(i.event_type, i.location) for i in found] == [("Riots", "Belgrade")]
    assert len(found[0].quotes) == 2


# ------------------------------------------------------------------------------------------------ the scene next door

def test_an_event_with_no_place_takes_the_scene_set_in_the_sentence_before():
    found = one("Tension is high in Goma after a week of unrest. Rebels seize the airport after a brief gunfight.")
    assert (found.location, found.event_type) == ("Goma", "Battles")
    assert any("named in the previous sentence" in n for n in found.notes)


def test_an_event_with_no_place_takes_the_place_the_next_sentence_gives_it():
    found = one("A suicide bomber kills nine worshippers at a mosque. The attack took place in Maiduguri.")
    assert (found.location, found.sub_event_type, found.fatalities) == ("Maiduguri", "Suicide bomb", 9)


def test_no_scene_from_a_sentence_of_history_or_for_an_event_already_told():
    assert extract("Students have marched since a bridge collapsed in Kharkiv in November 2021. "
                   "The march ended with a rally in silence.") == []
    found = extract("Thousands march through Belgrade. "
                    "The organisers say a second rally is held in the evening.")
    assert [i.location for i in found] == ["Belgrade"]


def test_a_next_sentence_telling_its_own_event_lends_no_place():
    found = extract("Drones hit a power plant overnight. Protesters rally in Lviv against the blackouts.")
    assert [(i.location, i.event_type) for i in found] == [("Lviv", "Protests")]


# ------------------------------------------------------------------------------------------------ wire-story tallies

def test_dead_told_as_also_killed_are_added_to_the_toll():
    found = one("Militants attacked an army base in Kupiansk on Monday, killing 11 soldiers.\n\n"
                "An officer said 20 attackers were also killed in the fighting.")
    assert (found.event_type, found.fatalities) == ("Battles", 31)


def test_a_second_count_of_the_same_dead_keeps_the_lower():
    found = one("Militants attacked an army base in Kupiansk on Monday, killing 11 soldiers.\n\n"
                "Local officials said 14 soldiers were killed in the fighting.")
    assert found.fatalities == 11


def test_property_burned_where_people_were_hurt_is_an_attack():
    found = one("Overnight, armed settlers set fire to homes and cars in Izium. Nine people were treated for "
                "injuries.")
    assert (found.event_type, found.sub_event_type, found.injured) == ("Violence against civilians", "Attack", 9)
    assert "type:property+victims" in found.rules


def test_activists_clashing_with_protesters_is_mob_violence():
    found = one("In Tbilisi on Monday, ruling party activists armed with sticks clashed with protesters, "
                "leaving dozens injured.")
    assert (found.event_type, found.sub_event_type) == ("Riots", "Mob violence")


def test_an_event_told_as_later_takes_the_day_before_it():
    found = extract("KHARKIV, March 4 (Wire) - A suicide bomber rammed an explosives-laden car into a checkpoint in "
                    "Kharkiv on Monday, killing three police officers.\n\n"
                    "Gunmen later opened fire on a market in Izium, killing two shoppers, officials said.",
                    published=dt.datetime(2025, 3, 4, 12, tzinfo=dt.timezone.utc))
    assert [(i.location, i.sub_event_type, i.event_date) for i in found] == [
        ("Kharkiv", "Suicide bomb", dt.date(2025, 3, 3)), ("Izium", "Attack", dt.date(2025, 3, 3))]


def test_a_month_before_last_is_history():
    found = extract("Rebels seized Goma in late January.", published=dt.datetime(2025, 3, 5, 12,
                                                                                  tzinfo=dt.timezone.utc))
    assert found == []
    found = extract("Rebels seized Goma in early March.", published=dt.datetime(2025, 3, 25, 12,
                                                                                 tzinfo=dt.timezone.utc))
    assert [i.location for i in found] == ["Goma"]


def test_no_scene_for_a_weapon_named_with_no_one_using_it_or_in_a_long_story():
    found = extract("Officials toured a factory in Kharkiv. The package includes 180 howitzers, artillery-firing "
                    "vehicles on tracks.")
    assert not [i for i in found if i.event_type == "Explosions/Remote violence"]


def test_forces_killing_in_a_raid_are_an_attack_unless_the_fighting_is_told():
    found = one("Soldiers killed five civilians during a raid on a village near Izium on Monday.")
    assert (found.event_type, found.sub_event_type) == ("Violence against civilians", "Attack")
    found = one("Soldiers killed five people during a raid on a village near Izium on Monday.\n\n"
                "The army said its troops had exchanged fire with gunmen in the village.")
    assert (found.event_type, found.sub_event_type, found.fatalities) == ("Battles", "Armed clash", 5)


def test_drones_downed_in_a_long_story_take_the_storys_day():
    body = ("KHARKIV, March 4 (Wire) - Russian artillery shelled Kupiansk on Tuesday, killing a man, officials said.\n\n"
            "Residents said the shelling had gone on for hours. " * 3 +
            "\n\nMeanwhile, the air force said it had shot down two drones over Kharkiv before they reached their "
            "targets.")
    found = {i.sub_event_type: i for i in extract(body, published=dt.datetime(2025, 3, 4, 12,
                                                                               tzinfo=dt.timezone.utc))}
    assert found["Disrupted weapons use"].event_date is not None
