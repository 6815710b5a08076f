"""Find toponyms in a text: gazetteer names in capitalised runs, with exact character offsets.

The rules, in the order they apply:
- a *run* is a maximal sequence of capitalised tokens (joined by spaces, hyphens, "St." and initials, or a
  lower-case connector such as "of" or "de"); function words, titles and role words ("In", "President",
  "Governor") end a run, and so does a change between capitals and capitalised words ("Press WASHINGTON (AP)");
- inside a run the longest gazetteer name wins; a name that covers only part of its run is part of a person's or
  an organisation's name ("Volodymyr Zelenskyy", "European Solidarity", "Washington Post") and is dropped, unless
  the rest is a place-type word ("Kharkiv Oblast"), an ordinary opening word ("Former Arkansas Gov."), a party
  tag ("D-Charleston"), or another well-known place after a hyphen ("Amsterdam-London");
- a place heading an institution, an office or a county's fair is kept ("Ohio State University", "U.S. Trade
  Representative", "Walker County Fair"), and so is one after "President of" or an airline's "Air";
- a token seen as part of such a longer name is a name elsewhere in the text too ("Witkoff" after "Steve Witkoff",
  "Martha" after "Martha Kowalczyk"), unless the text also writes it after "in" or "near";
- an organisation or a place after a person's name and "of" is read on its own ("Bill Graves of the Ohio
  Department of ...", "Sgt. Jon Dunbar of Austin");
- common words that are also places ("Of", "Nice", "Police", "March") need stronger evidence than capitalisation
  at the start of a sentence; all-capital abbreviations ("US", "UK") only match forms stored as abbreviations;
- a following "region", "oblast", "province", "city", "county" (or "Governor", "Premier"), or a "the state of"
  before, sets the mention's hint; demonyms (of countries,
  continents and regions: "Ukrainian", "Ohioans") are returned apart, when alone, heading an institution, before
  another people's name or an acronym ("Bosnian Serb", "Georgian MoD"), or joined by a hyphen.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from geomap import forms
from geomap.lexicon_tables import directions, seats, speech_verbs, titles
from geomap.model import Mention
from geomap.names import normalize, spelling_variants
from geomap.text import opens_dateline

MAX_NAME_TOKENS = 5

_TOKEN = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.)+|[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*")
_ERAS = frozenset({"BC", "BCE", "AD", "CE"})
_HYPHENS = frozenset({"-", "‐", "‑"})
_POSSESSIVE_GAPS = frozenset({"'s ", "’s "})
# Abbreviated words that open place names; their period does not end the name ("St. Louis", "Ft. Worth").
_NAME_ABBREVIATIONS = frozenset({"st", "ste", "sta", "mt", "ft", "pt"})
_YEAR_BEFORE = re.compile(r"\d\s*$")
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "upon", "on", "the", "and", "da", "do", "dos",
                         "au", "aux", "en", "les", "di", "sul", "der", "ob", "im", "bei",
                         "das", "du", "des", "van", "von", "sur", "am", "an", "y", "i", "&", "es", "ez"})

# ``tokenize`` keeps capitalised words, and connectors that may join the word before them; the regular expression
# skips the other words itself, so that Python sees a couple of hundred tokens per article instead of every word. It
# reads the text exactly as ``_TOKEN`` does, position by position: a skipped word is a whole ``_TOKEN`` match.
_WORD_END = r"(?![^\W_]|['’](?![sS]\b)[^\W_])"  # where a ``_TOKEN`` word cannot go on
_CONNECTOR = (r"(?:" + "|".join(sorted((c for c in _CONNECTORS if len(c) > 1), key=len, reverse=True))
              + r"|[yi](?!\.[^\W\d_]\.)|&(?= ))" + _WORD_END)  # "y" opening "y.X." is an abbreviation's first
# letter; "&" joins as "and" does ("Trinidad & Tobago")
# right after a kept word: a gap that may join it to a connector (every gap ``_joinable`` accepts, and more)
_JOINING_GAP = r"(?:[ \-‐‑]|\. |)(?=" + _CONNECTOR + ")"
# an ASCII lower-case word and the spaces or commas after it (most of a text); a gap; or a word opening with an ASCII
# lower-case letter or a digit ("city", "2024", "e.g.", "of" after "city")
_SKIPPED = (r"[a-z0-9]++[ ,]++|[\W_]++|[a-z0-9]"
            r"(?:(?<=[a-z])\.(?:[^\W\d_]\.)+|[a-z0-9]*+[^\W_]*+(?:['’](?![sS]\b)[^\W_]+)*+)")
# (what was skipped, the next word that may be kept): any ``_TOKEN`` word that opens with a capital (or another letter
# outside ASCII), or a connector right after a kept word; "" at the end
_KEPT_TOKEN = re.compile(rf"({_JOINING_GAP}|(?:{_SKIPPED})*+)((?![a-z]){_TOKEN.pattern}|{_CONNECTOR}|\Z)")
# Function words, dates and titles: they end a run and are never place names on their own.
_BREAKERS = frozenset("""
a an the in on at of for from to by with and or but as is was were be been are this that these those it its he she
they we you i his her their our my your who what when where which while after before since during until about over
under into onto than then there here not no yes all some any each every both many most more other such only also
just even still yet so if because though although however meanwhile according said says say told tells asked
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow
tonight morning evening night week month year day
two three four five six seven eight nine ten eleven twelve dozen dozens hundreds thousands
another either neither nor whose whom despite unlike across inside outside within throughout beyond via amid
amidst among against toward towards without behind below above around along between beneath upon per like
given including except regarding concerning
""".split())
# Titles and roles: they end a run, and the run right after one is a person's name ("President Pedro Sanchez").
_TITLES = titles("short title", "title")  # geomap/lexicon/titles.tsv
_RUN_ENDERS = _BREAKERS | _TITLES
# Words that name institutions: a place followed by them is still a place ("Kharkiv Regional Military
# Administration", "Kyiv City Council"); alone they are never places.
_INSTITUTION_WORDS = frozenset("""
regional military administration council city oblast police army forces university college school governor
governorate mayor ministry court airport station hospital region province state district government
authorities authority prosecutor prosecutors office department county parliament assembly municipality
municipal village town district's city's region's national guard border service services emergency
emergencies fire brigade battalion operational command group garrison house senate congress embassy
consulate navy coast open cup team league mission bureau highway interstate route border patrol
""".split())
_NEVER_ALONE = _INSTITUTION_WORDS | frozenset("""
north south east west northern southern eastern western central upper lower greater great little saint st mount mt
new old republic kingdom federation union empire people people's party company news press times post daily
international national federal global world united democratic popular socialist communist islamic christian
jewish catholic orthodox muslim arab kurdish god lord niño niña nino nina
""".split())
# Ordinary words that are also the names of small places somewhere: never taken alone.
_COMMON_WORDS = frozenset("""
nice mobile reading bath energy power time long best hope victory liberty independence justice unity peace
progress friendship freedom truth faith grace mercy early late good well fair commerce industry enterprise
opportunity prosperity harmony concord paradise eden royal golden silver iron diamond crystal rafale storm fury
patriot tomahawk javelin stinger bradley abrams leopard challenger himars atacms shadow solidarity homeland
defense defence security interior foreign affairs health education finance transport culture sport sports trade
economy agriculture media marine marines infantry troops soldiers kremlin pentagon capitol white house duma
servant customs police army navy justice labor labour green white hamas hezbollah houthi houthis taliban wagner
christmas easter passover ramadan hanukkah thanksgiving halloween eid lent advent diwali jesus christ god allah
hall
""".split())
# Words that make a capitalised run an organisation's name, so that a place at its head ("Ohio State University",
# "Gainesville Police", "Kyiv Independent") or after its "of" ("University of Texas") is a place named in it.
_ORG_WORDS = _INSTITUTION_WORDS | frozenset("""
university school schools high college state public department society library museum science performing arts
historical board hospital medical center centre times post news herald tribune journal gazette daily chronicle
star courier press record observer mail guardian review independent telegraph business chamber commerce club fc
united port street road avenue mall church zoo symphony orchestra theater theatre festival marathon energy
water electric gas bank health housing development coalition association federation union committee commission
supreme legislature general attorney county's utilities environmental services institute foundation company
corporation airlines airways railway railways metro transit bureau agency commission's stadium arena
seaport airport airbase terminal refinery depot
organization organisation organizations organisations ministry government embassy delegation census
party democratic republican democrats republicans olympics games lottery patrol partners systems division
turnpike parkway expressway freeway highways immigration enforcement ranger rangers troopers forestry
veterans parks singers clinic veterinary senior seniors heritage fire rescue recreation policemen magistrates
juniors circuit democrat baseball football soccer basketball hockey softball athletic athletics choir chorale
band ballet opera gardens cemetery memorial fairgrounds rodeo expo convention visitors tourism rotary kiwanis
ymca humane shelter tunnel tunnels harbor marina alliance partnership
""".split())
# Words that open a description of someone by their place: "Former Arkansas Gov. Mike Huckabee".
_OPENERS = frozenset("former ex then late acting retired veteran leading rival hardline".split())
# Peoples and faiths named after a demonym: "Bosnian Serb", "Syrian Kurdish", "Sri Lankan Muslim".
_PEOPLES = frozenset("""arab arabs kurd kurds kurdish muslim muslims christian christians jewish jew jews catholic
catholics orthodox sunni sunnis shia shiite shiites serb serbs croat croats tamil tamils hindu hindus sikh sikhs
buddhist buddhists druze alawite alawites pashtun pashtuns uyghur uyghurs uighur uighurs tatar tatars roma
turkmen yazidi yazidis copt copts coptic maronite armenian""".split())
# Adjectives of state power after a demonym: "Russian Foreign Ministry", "Ukrainian armed forces".
_STATE_WORDS = frozenset("""foreign defense defence interior armed military air naval state federal national security
intelligence special border navy army forces troops president prime government officials""".split())
_PLACE_WORDS = {"region": "region", "oblast": "region", "province": "region", "governorate": "region",
                "state": "region", "district": "region", "raion": "region", "county": "region",
                "krai": "region", "prefecture": "region", "parish": "region", "regional": "region",
                "city": "city", "town": "city", "village": "city", "township": "city", "twp": "city",
                "regions": "regions", "oblasts": "regions", "provinces": "regions", "states": "regions",
                "governorates": "regions", "districts": "regions", "counties": "regions", "parishes": "regions"}


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    capitalised: bool
    lower: str


# ``_Token((start, end, text, capitalised, lower))`` without NamedTuple's ``__new__``, a Python function: tokenize
# makes well over a hundred tokens per article
_new_token = functools.partial(tuple.__new__, _Token)


@dataclass(frozen=True)
class Recognized:
    """What the recognizer found: place mentions, and demonyms (kept apart: they name people, not places)."""

    mentions: tuple[Mention, ...]
    demonyms: tuple[Mention, ...]


def tokenize(text: str) -> list[_Token]:
    """Capitalised words, and the lower-case connectors joined to the token before them: other words just end
    runs, which the gap between two kept tokens already shows (it is no longer a single space or hyphen), and so
    does a connector not joined to the token before it."""
    tokens: list[_Token] = []
    keep = tokens.append
    start = 0
    for skipped, word in _KEPT_TOKEN.findall(text):
        gap_start, start = start, start + len(skipped)
        end = start + len(word)
        if not word:
            continue  # the end of the text
        if word[0].isupper():
            keep(_new_token((start, end, word, True, word.lower().rstrip("."))))
        elif word in _CONNECTORS and tokens and tokens[-1].end == gap_start:
            connector = _new_token((start, end, word, False, word))
            if _joinable(text, tokens[-1], connector):
                keep(connector)
        start = end
    return tokens


def _joinable(text: str, left: _Token, right: _Token) -> bool:
    """Tokens belong to one name only when separated by one space or a hyphen (no punctuation).

    ``_JOINING_GAP`` must accept every gap accepted here (``tokenize`` finds connectors only after those)."""
    gap = text[left.end:right.start]
    if gap == ". " and (len(left.text) == 1 and left.text.isupper() or left.lower in _NAME_ABBREVIATIONS):
        return True  # a middle initial ("Matthew D. Flores"), or "St. Louis", "Mt. Vernon"
    return gap == " " or gap in _HYPHENS or (gap == "" and left.text.endswith("."))


def _case_break(text: str, tokens: list[_Token], i: int, current: list[_Token]) -> bool:
    """Words in capitals next to capitalised ones belong to another name: a dateline's or a headline's ("Press
    WASHINGTON (AP)", "SAN ANTONIO Turner Sports", "U.S. Navy"). A lone short acronym stays ("GTM Research")."""
    before, tok = current[-1], tokens[i]
    if before.text.isupper() == tok.text.isupper():
        return False
    shouted, neighbour = (before, current[-2] if len(current) > 1 else None) if before.text.isupper() else (
        tok, tokens[i + 1] if i + 1 < len(tokens) and _joinable(text, tok, tokens[i + 1]) else None)
    return len(shouted.text) >= 4 or (neighbour is not None and neighbour.text.isupper())


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'([":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;—–" or (text[i] == "-" and i > 0 and text[i - 1] == " ")


def _runs(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised tokens, with lower-case connectors allowed between two of them; each token of
    a run is joinable to the next."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        gap = text[current[-1].end:tok.start] if current else None
        is_cap = tok.capitalised and (gap == "-" or tok.lower not in _RUN_ENDERS)  # "Port-au-Prince": no title here
        if is_cap and current and (gap == " " or _joinable(text, current[-1], tok) and not (
                gap == ". " and len(current) > 1 and current[-1].lower in _NAME_ABBREVIATIONS)) \
                and not _case_break(text, tokens, i, current):  # "Water St. Oxford": a street, then a sentence
            current.append(tok)
        elif is_cap:
            if current:
                runs.append(current)
            current = [tok]
        elif current and tok.lower in _CONNECTORS and not tok.capitalised and _joinable(text, current[-1], tok):
            # keep a connector only if a capitalised token follows it ("Sea of Azov", "Bosnia and Herzegovina")
            j = i
            while j < len(tokens) and tokens[j].lower in _CONNECTORS and not tokens[j].capitalised \
                    and _joinable(text, tokens[j - 1], tokens[j]):
                j += 1
            if j < len(tokens) and tokens[j].capitalised and tokens[j].lower not in _BREAKERS \
                    and _joinable(text, tokens[j - 1], tokens[j]):
                current.extend(tokens[i:j])
                i = j
                continue
            runs.append(current)
            current = []
        else:
            if current:
                runs.append(current)
            current = []
        i += 1
    if current:
        runs.append(current)
    return runs


class Recognizer:
    """Callable: ``Recognizer(has_name, demonym)(text) -> Recognized``; stateless between calls."""

    def __init__(self, has_name: Callable[[str], bool], demonym: Callable[[str], str | None],
                 is_abbreviation_of_place: Callable[[str], bool] | None = None, *,
                 common_words: frozenset[str] = frozenset(),
                 is_prominent: Callable[[str], bool] | None = None,
                 is_facility: Callable[[str], bool] | None = None,
                 is_country: Callable[[str], bool] | None = None,
                 is_minor_alias: Callable[[str], bool] | None = None,
                 is_quiet_name: Callable[[str], bool] | None = None) -> None:
        self.has_name = has_name
        self.demonym = demonym
        self.is_abbreviation_of_place = is_abbreviation_of_place or (lambda key: True)
        self.common_words = common_words | _COMMON_WORDS | _DIRECTIONS
        self.is_prominent = is_prominent or (lambda key: False)
        self.is_facility = is_facility or (lambda key: False)
        self.is_country = is_country or (lambda key: False)
        self.is_minor_alias = is_minor_alias or (lambda key: False)
        self.is_quiet_name = is_quiet_name or (lambda key: False)

    def __call__(self, text: str) -> Recognized:
        tokens = tokenize(text)
        runs = self._join_possessive_names(text, [part for run in _runs(text, tokens)
                                                  for part in self._split_at_and(text, run)])
        name_parts: set[str] = set()
        first_names: list[list[_Token]] = []  # runs whose first word may be a first name (decided below)
        found: list[tuple[list[_Token], list[_Token]]] = []  # (name tokens, their run)
        demonyms: list[Mention] = []
        for run in runs:
            if len(run) == 1 and not self.demonym(run[0].text) and not self.has_name(key := normalize(run[0].text)):
                # most runs: one word that names no place (nothing below could make it one); a small town kept
                # out of the name index counts where the text places it: "drove to Lanexa", "of Winside, Neb."
                if self._placed_here(text, run[0]) and (self.is_quiet_name(key) or any(
                        self.has_name(v) for v in spelling_variants(key))):
                    found.append((run, run))  # "strikes on houses in Kruglyakivka": another romanisation
                continue
            # "Sri Lankan", "South Korean"
            if 1 < len(run) <= 3 and self.demonym(whole := text[run[0].start:run[-1].end]):
                demonyms.append(Mention(run[0].start, run[-1].end, whole, hint="demonym"))
                continue
            for k, tok in enumerate(run):
                if self.demonym(tok.text) and self._demonym_stands(text, run, k):
                    demonyms.append(Mention(tok.start, tok.end, tok.text, hint="demonym"))
            if _after_title(text, run[0].start):
                run = _read_after_of_apart(run, runs)  # "Sgt. Jon Dunbar of Austin"
                name_parts.update(t.lower for t in run)  # "President Pedro Sanchez": a person
                continue
            matches = [m for m in self._match_run(text, run)
                       if not all(t.lower in _NOT_ALONE for t in m) or self._country_phrase(text, m)
                       or _compass_region(m)]
            if matches and self._only_matches(text, run, matches):
                found.extend((m, run) for m in matches)
            elif len(run) >= 2 and run[0].lower == "air" and any(m[0] is run[1] for m in matches):
                # airlines are named for their country: "Air France" ("Air" may be a place name of its own)
                found.append((next(m for m in matches if m[0] is run[1]), run))
            elif matches and (_embedded(run, matches[0]) or matches[0][0] is run[0] and (
                    _title_after(text, run[-1].end) or _title_of_before(text, run[0].start)
                    or self._country_before_name(text, run, matches[0]))):
                # "Ohio State University", "Dublin City Council"; an office: "U.S. Trade Representative",
                # "President of Ukraine Petro Poroshenko", "Minister of Development of Kazakhstan Arystan Kakikenov"
                found.append((matches[0], run))
            elif matches and _embedded_after_of(run, matches[-1]):
                found.append((matches[-1], run))  # "University of Texas", "Bank of America"
            elif len(run) > 1:
                # a person's or organisation's longer name; its first word is often a town ("Gainesville Times")
                run = _read_after_of_apart(run, runs)  # "Phil Cole of the Ohio Department of Health"
                name_parts.update(t.lower for t in run[1:])
                if len(run) <= 3 and all(t.capitalised and t.lower not in _ORG_WORDS for t in run):
                    first_names.append(run)  # "Kate Moss", then "Kate" alone: a first name
        # name_parts only rules on places found alone in their run: the other runs' words need no look at how the
        # text writes them
        alone: dict[str, int] = {}  # where each place found alone in its run is first written so
        for name, run in found:
            if len(run) == 1 and name[0].start < alone.get(name[0].lower, len(text)):
                alone[name[0].lower] = name[0].start
        # a person is introduced by the full name ("Martha Kowalczyk", then "Martha"); a place written alone
        # before its longer name ("Pasadena is ...", then "Pasadena Playhouse") is no first name
        name_parts.update(run[0].lower for run in first_names if run[0].start < alone.get(run[0].lower, -1)
                          and not any(self._looks_like_common_word(text, t) for t in run[1:]))
        # a word once written "in DeKalb" names the place throughout, even after "StandUp DeKalb"
        name_parts.difference_update([run[0].lower for run in runs if len(run) == 1 and run[0].lower in name_parts
                                      and _IN_BEFORE.search(text, max(0, run[0].start - 8), run[0].start)
                                      and text[run[0].end:run[0].end + 1] not in ("'", "’")])
        mentions: list[Mention] = []
        for name_tokens, run in found:
            start, end = name_tokens[0].start, name_tokens[-1].end
            if len(name_tokens) == 1 and not self._single_token_is_place(text, name_tokens[0], run, name_parts):
                continue
            if len(name_tokens) == 2 and (name_tokens[0].lower, name_tokens[1].lower) in _OFFICE_SEATS \
                    and not _AT_THE.search(text, max(0, start - 16), start):
                continue  # "White House aides", "the White House said": the presidency, not the building
            end = self._facility_end(text, start, end)
            mentions.append(Mention(start, end, text[start:end], hint=_hint_around(text, start, end)))
        mentions.sort(key=lambda m: m.start)
        demonyms.sort(key=lambda m: m.start)
        return Recognized(tuple(_spread_plural_hints(text, mentions)), tuple(demonyms))

    def _demonym_stands(self, text: str, run: list[_Token], k: int) -> bool:
        """Whether the demonym ``run[k]`` speaks of its country: alone, heading an institution ("Russian Defense
        Ministry", "Georgian MoD"), before another people's name ("Bosnian Serb"), joined by a hyphen
        ("Syrian-Turkish"), or after an ordinary opening word ("Veteran Nigerian actress"); not inside a party's
        or a person's name ("European Solidarity")."""
        if len(run) == 1 or text[run[k].end:run[k].end + 1] == "-":
            return True
        if k and text[run[k].start - 1:run[k].start] == "-" and self.demonym(run[k - 1].text):
            return True
        if k + 1 < len(run):
            following = run[k + 1]
            if (following.lower in _ORG_WORDS or following.lower in _STATE_WORDS or run[-1].lower in _ORG_WORDS
                    or following.lower in _PEOPLES or self.demonym(following.text)
                    or sum(ch.isupper() for ch in following.text) >= 2):
                return True
        if k == 0 and _title_after(text, run[-1].end):
            return True  # "Mexican Economy Secretary"
        return k == 1 and len(run) == 2 and self._ordinary_opener(text, run[0])

    def _country_before_name(self, text: str, run: list[_Token], match: list[_Token]) -> bool:
        """A country after "of" or "to" and right before a person's two or three names: "the ambassador to the
        Holy See Mikayel Minasyan"."""
        rest = run[len(match):]
        return 2 <= len(rest) <= 3 and all(t.capitalised and t.lower not in _ORG_WORDS for t in rest) \
            and _OF_OR_TO_BEFORE.search(text, max(0, run[0].start - 8), run[0].start) is not None \
            and self.is_country(normalize(text[match[0].start:match[-1].end]))

    def _place_pair(self, text: str, left: list[_Token], right: list[_Token]) -> bool:
        """Two names joined by a hyphen, one of them well known: "Amsterdam-London", "Miami-Dade" (hyphenated
        surnames and brands, "Mercedes-Benz", join two lesser names); or two countries side by side, a comma
        missing ("Cyprus, Greece Italy or Spain")."""
        keys = [normalize(text[m[0].start:m[-1].end]) for m in (left, right)]
        if text[left[-1].end:right[0].start] in _HYPHENS:
            return any(self.is_prominent(key) for key in keys)
        return all(self.is_country(key) for key in keys)

    def _country_phrase(self, text: str, tokens: list[_Token]) -> bool:
        """A country named with ordinary words: "United Kingdom" (but not "Old Town", "National Guard")."""
        return len(tokens) > 1 and self.is_country(normalize(text[tokens[0].start:tokens[-1].end]))

    def _only_matches(self, text: str, run: list[_Token], matches: list[list[_Token]]) -> bool:
        """True when the run holds nothing but its places (no two side by side), descriptors ("Kharkiv Oblast"),
        an ordinary opening word, and demonyms with a hyphen ("Egyptian-US relations"). A compass word goes before
        its place ("Northeast Georgia"); after it, it names a school or a team ("Scott West")."""
        if len(matches) == 1 and len(matches[0]) == len(run):
            return True  # the whole run is one place
        in_match = {id(t) for m in matches for t in m}
        leftover = [t for t in run if id(t) not in in_match]
        if any(run.index(b[0]) == run.index(a[-1]) + 1 and not self._place_pair(text, a, b)
               for a, b in zip(matches, matches[1:])):
            return False  # "Paris Hilton", "Diaz-Balart"
        last_place_end = matches[-1][-1].end
        return all(_is_descriptor(t) and not (t.lower in _DIRECTIONS and t.start > last_place_end)
                   or (t is run[0] and (self._opener_ok(text, run) or _party_tag(text, t)))
                   or (self.demonym(t.text) and text[t.end:t.end + 1] == "-") for t in leftover)

    @staticmethod
    def _placed_here(text: str, tok: _Token) -> bool:
        """A capitalised word that the text writes as a place: after "in", "to"..., or before a state's
        abbreviation ("Winside, Neb.")."""
        if not tok.text[1:].islower():
            return False
        if text[tok.end:tok.end + 2] == ", " and forms.AP_STATE.match(text, tok.end) is not None:
            return True
        # most words follow none of the five: a slice comparison before any search
        before = text[max(0, tok.start - 8):tok.start]
        if before.endswith(" of ") and _KIND_OF.search(text, max(0, tok.start - 16), tok.start):
            return True  # "in the town of Huliaipole", "the village of Robotyne"
        return before.endswith(_TO_OR_IN_ENDINGS) and _TO_OR_IN.search(before) is not None \
            and not _NUMBER_AFTER.match(text, tok.end)

    def _opener_ok(self, text: str, run: list[_Token]) -> bool:
        return len(run) > 1 and (run[1].lower in _CONNECTORS or self._ordinary_opener(text, run[0]))

    def _single_token_is_place(self, text: str, tok: _Token, run: list[_Token], name_parts: set[str]) -> bool:
        letters = len(tok.text) if tok.text.isalpha() else sum(ch.isalpha() for ch in tok.text)
        if letters < 2 or self.demonym(tok.text) or _CONTRACTION.search(tok.text):
            return False
        if tok.lower in self.common_words and not tok.text.isupper() and not _after_locative(text, tok.start) \
                and not _described_as_place(text, tok.text) and not _KIND_OF.search(text, max(0, tok.start - 16),
                                                                                     tok.start):  # "the town of Sake"
            return False  # "Bank", "Street", "None": a place only in "in Mobile", "from Reading", "Reading is a town"
        if tok.text in forms.POSTAL_CODES and text[tok.start - 2:tok.start] != ", ":
            return False  # "Macon, GA", but not "GA passes", "7 a.m. CT", "(D-CA)"
        key = normalize(tok.text)
        if " & " in (text[tok.start - 3:tok.start], text[tok.end:tok.end + 3]) and not self.is_prominent(key):
            return False  # a firm's partners: "Stevens & Wilkinson"
        capitals_abbreviation = tok.text.isupper() and (self.is_abbreviation_of_place(key) or self.is_country(key))
        person = tok.lower in name_parts and len(run) == 1 or (
            _SPEAKS.match(text, tok.end) or _LEADERS_TERM.match(text, tok.end)) \
            and not _after_locative(text, tok.start) and not _after_party_tag(text, tok.start)
        if person and not capitals_abbreviation and not self.is_prominent(key) \
                and not _described_as_place(text, tok.text):
            # "Witkoff" after "Steve Witkoff", "Scott said": a person; but "US" after "US Trade Representative",
            # "Kyiv said" (a well-known one speaks for a state) and a word the text calls a town stay places
            return False
        if tok.text.replace(".", "") in _ERAS and _YEAR_BEFORE.search(text, max(0, tok.start - 8), tok.start):
            return False  # "300 BC", not British Columbia
        if tok.text.isupper() and letters <= 5 and not opens_dateline(text, tok.start, tok.end) \
                and not capitals_abbreviation:
            return False  # acronyms (NATO, OSCE) unless stored as a place's abbreviation; datelines pass
        if self.is_minor_alias(key) and not _placed_somewhere(text, tok.text):
            return False  # "Kristina and Tim Jones": a first name that is also an old name of a Finnish village
        return not (_sentence_initial(text, tok.start) and self._looks_like_common_word(text, tok)
                    and not _described_as_place(text, tok.text))

    def _facility_end(self, text: str, start: int, end: int) -> int:
        """Extend over lower-case words that complete a facility's name ("Zaporizhzhia nuclear power plant")."""
        best, position = end, end
        for _ in range(4):
            word = _LOWER_WORD.match(text, position)
            if word is None:
                break
            position = word.end()
            key = normalize(text[start:position])
            if self.has_name(key) and self.is_facility(key):
                best = position
        return best

    def _split_at_and(self, text: str, run: list[_Token]) -> list[list[_Token]]:
        """"Russia and Stormy Daniels" is two names; "Bosnia and Herzegovina" is one (the gazetteer says so)."""
        if len(run) == 1:
            return [run]  # a run opens with a capitalised word, so a lone word is no "and"
        cuts = [k for k, t in enumerate(run) if t.lower in ("and", "y", "i") and not t.capitalised]
        if not cuts:
            return [run]
        spans = [(run.index(m[0]), run.index(m[-1])) for m in self._match_run(text, run)]
        cuts = [k for k in cuts if not any(a < k < b for a, b in spans)]
        parts, start = [], 0
        for k in cuts:
            parts.append(run[start:k])
            start = k + 1
        parts.append(run[start:])
        return [p for p in map(_trim_connectors, parts) if p]

    def _ordinary_opener(self, text: str, tok: _Token) -> bool:
        """A sentence's first word that is an ordinary word ("Considering Tunisia's..."), not a first name."""
        if tok.lower in _OPENERS:
            return True
        return _sentence_initial(text, tok.start) and (
            tok.lower.endswith(("ing", "ed", "ly")) or self._looks_like_common_word(text, tok))

    def _looks_like_common_word(self, text: str, tok: _Token) -> bool:
        """A sentence-initial word counts as common when it also appears in lower case in the text."""
        return _written_in_lower_case(text, tok.text.lower())

    def _join_possessive_names(self, text: str, runs: list[list[_Token]]) -> list[list[_Token]]:
        """Two runs split by a possessive "'s " are one run when together they are a place's name ("Cox's Bazar",
        "Martha's Vineyard"); otherwise the possessive is the owner's ("Russia's Belgorod region")."""
        out: list[list[_Token]] = []
        for run in runs:
            if out and text[out[-1][-1].end:run[0].start] in _POSSESSIVE_GAPS \
                    and self.has_name(normalize(text[out[-1][-1].start:run[0].end])):
                out[-1] = out[-1] + run
            else:
                out.append(run)
        return out

    def _match_run(self, text: str, run: list[_Token]) -> list[list[_Token]]:
        """Greedy longest gazetteer names inside a run, left to right (every run is joined throughout, see
        ``_runs``, so any chunk of it may be a name)."""
        if len(run) == 1:  # most runs
            key = normalize(run[0].text) if run[0].capitalised else ""
            return [run[:]] if key and self.has_name(key) else []
        matches: list[list[_Token]] = []
        i = 0
        while i < len(run):
            if not run[i].capitalised:  # a name never starts with a connector
                i += 1
                continue
            for n in range(min(MAX_NAME_TOKENS, len(run) - i), 0, -1):
                last = run[i + n - 1]
                if not last.capitalised:
                    continue
                key = normalize(run[i].text if n == 1 else text[run[i].start:last.end])
                if key and self.has_name(key):
                    matches.append(run[i:i + n])
                    i += n
                    break
            else:
                i += 1
        return matches


_PARTIES = ("D", "R", "I")  # Democrat, Republican, Independent


def _party_tag(text: str, tok: _Token) -> bool:
    """A legislator's party before their home: "Rep. Ann Cole, D-Charleston", "R-Texas"."""
    return tok.text in _PARTIES and text[tok.end:tok.end + 1] == "-"


def _after_party_tag(text: str, start: int) -> bool:
    return start >= 2 and text[start - 1] == "-" and text[start - 2] in _PARTIES \
        and (start == 2 or not text[start - 3].isalnum())


def _trim_connectors(run: list[_Token]) -> list[_Token]:
    """A part of a run split at "and" loses the connectors at its edges ("the Georgia Bar" -> "Georgia Bar")."""
    start, end = 0, len(run)
    while start < end and not run[start].capitalised:
        start += 1
    while end > start and not run[end - 1].capitalised:
        end -= 1
    return run[start:end]


def _spread_plural_hints(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Chernihiv, Sumy and Poltava regions": every name of the list is a region."""
    result = list(mentions)
    for i in range(len(result) - 1, -1, -1):
        if result[i].hint != "regions":
            continue
        result[i] = replace(result[i], hint="region")
        j = i
        while j > 0 and re.fullmatch(r",\s*|\s+and\s+|,\s+and\s+", text[result[j - 1].end:result[j].start]):
            result[j - 1] = replace(result[j - 1], hint="region")
            j -= 1
    return result


def _written_in_lower_case(text: str, lower: str) -> bool:
    """Whether ``lower`` is one of the words ``text`` writes in lower case (``lower in _lowercase_words(text)``),
    found from its occurrences: most texts need no word list."""
    if not (lower.isalnum() and lower.islower()):
        return lower in _lowercase_words(text)
    start = text.find(lower)
    while start >= 0:
        end = start + len(lower)
        if not (start and text[start - 1].isalnum()) and not text[end:end + 1].isalnum():
            if start and text[start - 1] in ".'’":
                return lower in _lowercase_words(text)  # maybe inside a word ("U.S.", "O'Brien"): read them all
            # nothing of a word before it, so a word starts here: this one, or a longer one ("can't")?
            word = _TOKEN.match(text, start)
            if word is not None and word.end() == end:
                return True
        start = text.find(lower, start + 1)
    return False


@functools.lru_cache(maxsize=8)
def _lowercase_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case, read once per text (not once per capitalised word)."""
    return frozenset(filter(str.islower, _TOKEN.findall(text)))


# Matched against the reversed text before a name: anchored at its start, not searched for at every position.
_TITLE_BEFORE = re.compile(r"\s+(\.?)([A-Za-z]+)")
# Titles written short with a period; after any other title a period ends a sentence ("the Ministry of Justice.").
_SHORT_TITLES = titles("short title")


def _after_title(text: str, start: int) -> bool:
    """True when a title or role word ("President", "Gov.", "Maj.") stands right before ``start``."""
    before = _TITLE_BEFORE.match(text[max(0, start - 24):start][::-1])
    if not before:
        return False
    title = before.group(2)[::-1].lower()
    return title in _SHORT_TITLES if before.group(1) else title in _TITLES


_OF_OR_TO_BEFORE = re.compile(r"\b(?:of|to)\s+(?:the\s+)?$")
_TITLE_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b")
_TITLE_OF = re.compile(r"\b([A-Z][a-z]+) of (?:the )?$")


def _title_after(text: str, end: int) -> bool:
    """A capitalised title or role right after a run: "U.S. Trade Representative", "Texas Agriculture
    Commissioner"."""
    after = _TITLE_AFTER.match(text, end, end + 20)
    return after is not None and after.group(1).lower() in _TITLES


def _title_of_before(text: str, start: int) -> bool:
    """A title and "of" right before a run: "President of Ukraine Petro Poroshenko"."""
    before = _TITLE_OF.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).lower() in _TITLES


_LOWER_WORD = re.compile(r"[ \-][a-z]+\b")
_LEADERS_TERM = re.compile(r"(?:['’]s)?\s+(?:administration|presidency|White House|campaign)\b")  # "the Obama administration"
_SPEAKS = re.compile(r",?\s+(?:" + speech_verbs("person") + r")\b")
_CONTRACTION = re.compile(r"['’](?:re|ve|ll|d|m|t)$|n['’]t$", re.IGNORECASE)
_TO_OR_IN = re.compile(r"\b(?:in|near|outside|to|from)\s+$")  # not "at", which names buildings as often
_TO_OR_IN_ENDINGS = ("in ", "near ", "outside ", "to ", "from ")
_KIND_OF = re.compile(r"\b(?:town|city|village|settlement|hamlet|township)\s+of\s+$")
_NUMBER_AFTER = re.compile(r"\s+\d")  # "from Gate 10"
# "White House", "Blue House": seats named for the office they hold (geomap/lexicon/seats.tsv)
_OFFICE_SEATS = frozenset(tuple(name.lower().split()) for name in seats("office"))
# "at the White House"; "in White House, Tenn." (a town)
_AT_THE = re.compile(r"\b(?:in|at|near|from|to|outside|inside|into|of|on)\s+(?:the\s+)?$")
_REGION_OWNER = re.compile(r"\b(?:Oblast|Region|Province|Governorate|State|Krai|Raion|District)['’]s\s+\Z", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|near)\s+$")
_LOCATIVE = re.compile(r"\b(?:in|at|near|from|to|outside|into|toward|towards)\s+$", re.IGNORECASE)


def _after_locative(text: str, start: int) -> bool:
    return _LOCATIVE.search(text[max(0, start - 12):start]) is not None


# "X (...) is a small coastal town", "X, also known as Y, was a village": a text saying what kind of place X is
_DESCRIBED = re.compile(r"(?:\s*\([^()]{0,160}\))?(?:,[^,.]{0,60},)?\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w'-]+\s+){0,3}?"
                        r"(?:town|village|city|locality|place|district|settlement|municipality|commune|hamlet|suburb|"
                        r"neighbou?rhood|community|parish|county|region|province|island|river|lake|mountain|port)\b")


_DESCRIBED_WORD = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)(?=" + _DESCRIBED.pattern + ")")


def _described_as_place(text: str, word: str) -> bool:
    """Whether the text says what kind of place ``word`` is: "Livermore is a city in Alameda County" (then
    "Lawrence Livermore" does not make it a surname, nor "Reading is a town" a verb)."""
    if not any(word + after in text for after in (" is ", " was ", " (", ", ")):
        return False  # most words asked about are people and ordinary words: no regular expression for them
    return word in _described_words(text)


@functools.lru_cache(maxsize=64)  # asked for each rejected word of a text: read the text once
def _described_words(text: str) -> frozenset[str]:
    return frozenset(_DESCRIBED_WORD.findall(text)) if " is " in text or " was " in text else frozenset()


def _placed_somewhere(text: str, word: str) -> bool:
    """Whether the text anywhere writes ``word`` as a place: after "in", "from"..., as the target of an act of war
    ("shelled Huliaipole"), before its region ("Huliaipole, Zaporizhzhia Oblast"), or saying what place it is."""
    return _described_as_place(text, word) or any(
        _after_locative(text, found.start()) or _war_target().search(text, max(0, found.start() - 40), found.start())
        or _KIND_OF.search(text, max(0, found.start() - 16), found.start()) or _REGION_QUALIFIER.match(text, found.end())
        or _REGION_OWNER.search(text, max(0, found.start() - 16), found.start())  # "Zaporizhzhia Oblast's Huliaipole"
        for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text))


@functools.lru_cache(maxsize=1)
def _war_target() -> re.Pattern[str]:
    """What an act of war is done to is a place ("shelled Huliaipole", "captured the village of Robotyne"): the
    verbs are the event grammar's acts of war (`subject_verb` in geomap/lexicon/triggers.tsv), read on first use."""
    from geomap.grammar import alternatives

    verbs = "|".join(alternatives("subject_verb"))
    return re.compile(r"\b(?:" + verbs + r"|enter(?:s|ed|ing)?)\s+(?:the\s+)?(?:(?:town|city|village|settlement)\s+"
                      r"of\s+)?$", re.I)


_REGION_QUALIFIER = re.compile(r",\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:Oblast|Region|Province|State|Governorate|"
                               r"District|Raion|Territory|Prefecture|County)\b")


def _embedded(run: list[_Token], match: list[_Token]) -> bool:
    """A place heading an organisation's name: the run starts with it and an organisation word follows."""
    lead = 0
    while lead < len(run) and run[lead] is not match[0] and run[lead].lower in _DIRECTIONS:
        lead += 1  # "Western Boone Education Foundation", "Downtown Cleveland Alliance"
    run = run[lead:]
    if match[0] is not run[0] or len(match) == len(run):
        return False
    if len(match) > 1 and match[-1].lower in _PLACE_WORDS:
        return True  # "Walker County Fairgrounds": a name that says what kind of place it is
    rest = run[len(match):]
    of = next((k for k, t in enumerate(rest) if t.lower == "of" and not t.capitalised), len(rest))
    rest = rest[:of]  # what follows "of" is another name: "Che Adams of Birmingham City"
    return bool(rest) and (rest[0].lower in _ORG_WORDS or (len(rest) >= 2 and rest[-1].lower in _ORG_WORDS))


def _read_after_of_apart(run: list[_Token], runs: list[list[_Token]]) -> list[_Token]:
    """A person's name and what follows its "of": the latter is queued as a run of its own, to be read like any
    other; returns the person's part."""
    rest = _after_of(run)
    if not rest:
        return run
    runs.append(rest)
    return run[:len(run) - len(rest)]


def _after_of(run: list[_Token]) -> list[_Token]:
    """What follows a run's first "of" ("of the"), when a capitalised word opens it: "Bill Graves of the Ohio
    Department of Development" -> "Ohio Department of Development"."""
    for k, tok in enumerate(run[1:-1], start=1):
        if tok.lower == "of" and not tok.capitalised:
            rest = run[k + 1:]
            while rest and rest[0].lower in _CONNECTORS and not rest[0].capitalised:
                rest = rest[1:]
            return rest if rest and rest[0].capitalised else []
    return []


def _embedded_after_of(run: list[_Token], match: list[_Token]) -> bool:
    """"University of Texas": an organisation word, "of", then the place ending the run."""
    start = run.index(match[0])
    return (match[-1] is run[-1] and start >= 2 and run[start - 1].lower == "of"
            and run[start - 2].lower in _ORG_WORDS)


_DIRECTIONS = frozenset(directions("point", "centre", "adjective", "area"))  # geomap/lexicon/directions.tsv
_NOT_ALONE = _NEVER_ALONE | _CONNECTORS | _DIRECTIONS  # no name is made of these words only


def _compass_region(match: list[_Token]) -> bool:
    """A region named by its compass point: "Western Province", "North West Province", "West Coast"."""
    return len(match) >= 2 and match[-1].lower in ("province", "region", "coast") and match[0].lower in _DIRECTIONS


def _is_descriptor(tok: _Token) -> bool:
    """Words that may stand around a place inside one run: "Kharkiv Oblast", "Northeast Georgia"."""
    return (tok.lower in _INSTITUTION_WORDS or tok.lower in _PLACE_WORDS or tok.lower in _CONNECTORS
            or tok.lower in _DIRECTIONS)


_HINT_WORD = re.compile(r"[ \-]([A-Za-z]+)")
# words after a name that say it is a state or province: "Texas Governor", "the New York Gov.", "Queensland Premier"
_OFFICE_WORDS = {"governor": "region", "gov": "region", "premier": "region", "legislature": "region"}
_HINT_WORDS = {**_PLACE_WORDS, **_OFFICE_WORDS}
# "the state of Washington", "the city of Kharkiv"
_KIND_OF_BEFORE = re.compile(r"\bthe\s+(state|province|region|oblast|governorate|county|city|town|village)\s+of\s+$")
# "a U.S. city", "the Texas town of Waco": the name describes the town, it is not a town's name
_DETERMINER_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne|[Ee]very|[Aa]ny|[Ee]ach|[Nn]o|[Tt]his|[Tt]hat)\s+$")


def _hint_around(text: str, start: int, end: int) -> str | None:
    """The kind of place the words around a name say it is: the word after it, else "the state of" before it."""
    follow = _HINT_WORD.match(text, end, end + 16)
    if follow:
        word = follow.group(1)
        hint = _HINT_WORDS.get(word.lower())
        if hint == "city" and word.islower() and _DETERMINER_BEFORE.search(text, max(0, start - 10), start):
            return None
        if word == "Premier" and text.startswith(" League", follow.end()):
            return None  # "the Ukrainian Premier League"
        if hint:
            return hint
    if not text.endswith("of ", max(0, start - 3), start):
        return None
    before = _KIND_OF_BEFORE.search(text, max(0, start - 24), start)
    return _PLACE_WORDS[before.group(1)] if before else None


def mentions_from_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[Mention]:
    """Mentions for given spans (resolution only), keeping the text's own hint words."""
    mentions = [Mention(s, e, text[s:e], hint=_hint_around(text, s, e)) for s, e in spans]
    in_order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    spread = _spread_plural_hints(text, [mentions[i] for i in in_order])  # "Clarke and Oconee counties"
    for i, mention in zip(in_order, spread):
        mentions[i] = mention
    return mentions
