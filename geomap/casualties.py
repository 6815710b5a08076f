"""Casualties stated in a sentence, counted as ACLED codes them.

`count_casualties(text)` reads the killed and the injured a clause states:

- figures and number words of any size ("1,200", "two hundred", "twenty-three", "a dozen", "half a dozen");
  "at least N", "more than N", "over N" count as N, a range as its lowest figure ("between 47 and 52" = 47);
- victims before a casualty word ("two soldiers were killed", "a man died"), after one ("killing three",
  "the killing of 27 fighters") or as a noun ("leaving 20 dead", "... 3 fatalities.");
- parts add up ("23 soldiers and 15 attackers were killed" = 38; "killing two villagers and injuring a third");
- one person named or singled out counts one ("the driver was injured", "Ivan Petrov was lightly wounded",
  "the perpetrator is shot dead");
- a death toll wins over the rest; vague amounts ("dozens", "several") stay None with the phrase in `notes`;
  "no casualties", "no one was hurt" are 0. Ages, distances and counts of weapons are no casualties.

The words are data (geomap/lexicon/): number_words.tsv, ordinals.txt, qualifiers.txt, vague_amounts.txt,
casualty_nouns.tsv, casualty_verbs.tsv, auxiliaries.tsv; read once from the installed package.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.grammar import read_table, verb_forms
from geomap.lexicon_tables import speech_verbs

__all__ = ["Casualties", "count_casualties", "ends_with_count", "is_coder_total", "parse_count"]


@dataclass(frozen=True)
class Casualties:
    """Killed and injured stated in a text (None: no number stated) and the vague amounts seen."""

    fatalities: int | None = None
    injured: int | None = None
    notes: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # ids of the rules that read the figures ("counts:passive")

    @property
    def stated(self) -> bool:
        return self.fatalities is not None or self.injured is not None or bool(self.notes)


_NO_CASUALTIES = Casualties()


# --------------------------------------------------------------------------------------------------
# The lexicon

@dataclass(frozen=True)
class _Verb:
    text: str  # as written in the lexicon
    phrase: str  # a regular expression: verb forms expanded, "*" made one optional word, "…" the victims
    kind: str  # "fatal" or "injured"
    role: str  # passive | active | noun | of | with | object
    person: bool  # only said of people: a named or singular subject counts as one


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, tuple[int, str]]  # word -> (value, kind)
    ordinals: tuple[str, ...]
    qualifiers: tuple[str, ...]
    vague: tuple[str, ...]
    singular: tuple[str, ...]
    plural: tuple[str, ...]
    verbs: tuple[_Verb, ...]
    auxiliaries: dict[str, str]  # word -> singular | plural | any


def _words(name: str) -> tuple[str, ...]:
    return tuple(row[0].strip() for row in read_table(name))


def _phrase(text: str) -> str:
    out = ""
    for word in text.split():
        if word == "*":
            out += r"(?:\w+\s+)?"
        elif word == "…":  # the victims between the verb and the rest: "beat a suspected thief to death"
            out += r"(?P<obj>(?:[\w'’-]+\s+){1,4}?)"
        else:
            out += ("(?:" + "|".join(verb_forms(word[1:])) + ")" if word[0] == "~" else re.escape(word)) + r"\s+"
    return out.removesuffix(r"\s+")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    nouns = read_table("casualty_nouns.tsv")
    return _Lexicon(
        numbers={r[0]: (int(r[1]), r[2]) for r in read_table("number_words.tsv")},
        ordinals=_words("ordinals.txt"),
        qualifiers=_words("qualifiers.txt"),
        vague=_words("vague_amounts.txt"),
        singular=tuple(dict.fromkeys(r[0] for r in nouns if r[0] != "-")),
        plural=tuple(dict.fromkeys(r[1] for r in nouns if r[1] != "-")),
        verbs=tuple(_Verb(r[0], _phrase(r[0]), r[1], r[2], len(r) > 3 and r[3] == "person")
                    for r in read_table("casualty_verbs.tsv")),
        auxiliaries={r[0]: r[1] for r in read_table("auxiliaries.tsv")},
    )


def _alt(words: tuple[str, ...] | list[str], escape: bool = True) -> str:
    """An alternation, longest first, with spaces matching any whitespace."""
    items = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join((re.escape(w) if escape else w).replace(r"\ ", r"\s+") for w in items) + ")"


# --------------------------------------------------------------------------------------------------
# Patterns built from the lexicon

_PREPOSITIONS = ("in|on|at|near|from|by|for|to|with|into|onto|over|under|outside|inside|across|after|before|"
                 "during|against|and|but|while|then")
# modifiers of a person noun ("two Ukrainian", "a 17-year-old", "four more South African"): never a preposition
# ("a strike in Sudan" is no Sudanese person) nor a conjunction ("killing one and injuring two people")
_MODS = r"(?:(?:(?!(?:" + _PREPOSITIONS + r")\s)[A-Za-z][\w'’-]*|\d+-year-olds?)\s+){0,4}?"
# who the victims were, after the noun: "two Israelis from Ashdod", "a journalist for Agence France-Presse"
_NAME = r"[A-Z0-9][\w'’.-]*"
_PP = (r"(?-i:\s+(?:from|of|in|for|with|at)\s+(?:the\s+)?" + _NAME +
       r"(?:\s+(?:(?:of|the|de|du|al|el)\s+)*" + _NAME + r"){0,5})")
_NAMED = re.compile(  # a personal name, as a whole or at the end ("... commissioner Ahmed Ali Hassan")
    r"^\s*(?:(?:[A-Z][\w'’.-]*|al|el|bin|ibn|de|da|van|von)(?:\s+|$))+$|"
    r"(?:^|\s)(?:[A-Z][\w'’.-]*\s+|(?:al|el|bin|ibn|de|da|van|von)[\s-]+){1,5}[A-Z][\w'’.-]*\s*$")
_NOT_NAMED = re.compile(r"^\s*(?:The|It|This|That|These|Those|There|They|We|One|Everyone|Someone)\b")
_PRONOUN = re.compile(r"^\s*(?:he|she)\s*$", re.I)
_LEADING = re.compile(r"^\s*(?:but|and|while|whereas|as|with|where)\s+", re.I)
# what ends the victims' phrase going back from the verb
_NOT_MORE = re.compile(r"\s+(?:" + speech_verbs("cut") + r")\b", re.I)
_PART_OF = re.compile(r"\S+\s+of\s+(?:them|those|whom)\b", re.I)
_CUT = re.compile(r"[;:(—–]|\b(?:" + speech_verbs("cut") + r"|that|when|while|whereas|where|after|before|"
                  r"until|because|although|though|which|whom)\s", re.I)
_LIST = re.compile(r"\s*,(?!\d)\s*(?:and\s+)?|\s+and\s+", re.I)
_INCLUDING = re.compile(r",\s*(?:including|among them|most of them|many of them)[^,]{1,80},\s*$", re.I)
_AGE = re.compile(r",\s*(?:aged\s+)?\d{1,3},\s*$")  # "a man, 45, was killed"
_APPOSITIVE = re.compile(r"(?<=\w),\s*$")
_BETWEEN = re.compile(r"\bbetween\s+\S+$", re.I)
_AMONG = re.compile(r"\bamong\b[^,;]*$", re.I)
_NOT_DONE = re.compile(r"\b(?:to|would|could|might|will|may|can|not|n't|never)\s+$", re.I)  # "vowed to kill 10"
_COLON_TOTAL = re.compile(r"\bfatalit(?:y|ies)\s*:\s*(?P<cnt>\d[\d,]*)\b", re.I)
# a coder's closing total, the whole sentence: "3 fatalities.", "No fatalities reported.", "Fatalities: 3."
_CODER_TOTAL = re.compile(r"(?:(?:\d[\d,]*|no|zero|one)\s+fatalit(?:y|ies)(?:\s+(?:reported|recorded))?|"
                          r"fatalit(?:y|ies)\s*:\s*\d[\d,]*)\.?", re.I)
_ZERO = re.compile(
    r"\b(?:no one|nobody|no-one|none)\b(?:\s+\w+){0,2}?\s+(?:was|were|had been|has been)\s+(?P<verb>killed|"
    r"hurt|injured|wounded|harmed)|\bno (?P<noun>casualties|injuries|deaths|fatalities|victims|one was hurt)\b|"
    r"\bwithout (?:any )?casualties\b|\bno (?:immediate )?reports? of (?P<rep>casualties|injuries|deaths)\b", re.I)


# Every casualty pattern needs one of these (or a stem added for a lexicon phrase that has none); "no one was
# harmed", "no victims" are the only zero statements without another.
_STEMS = ("kill", "dead", "death", "died", "dies", " die", "slain", "perish", "lives", "wound", "injur", "hurt",
          "hospitali", "burns", "murder", "massacr", "assassin", "behead", "lynch", "gunn", "fatal", "casualt",
          "harm", "victim")


@dataclass(frozen=True)
class _Patterns:
    stems: tuple[str, ...]  # every pattern needs one of these: a cheap first look that most sentences fail
    number: re.Pattern[str]  # a whole count, for parse_count
    np: re.Pattern[str]
    one: re.Pattern[str]
    singular: re.Pattern[str]
    bare: re.Pattern[str]  # people with no count: "police officers"
    passive: re.Pattern[str]
    active: re.Pattern[str]
    more: re.Pattern[str]
    left: re.Pattern[str]
    noun: re.Pattern[str]
    with_: re.Pattern[str]
    toll: re.Pattern[str]
    count_end: re.Pattern[str]  # a count ending the text ("the army reported 22 ", "dozens of ")
    object: re.Pattern[str] | None
    gates: dict[str, re.Pattern[str]]  # noun and with run only where their word is (they start with a count: slow)
    person_verb: re.Pattern[str]  # a passive verb only said of people
    singular_aux: re.Pattern[str]


def _verbs(lex: _Lexicon, *roles: str, suffix: str = "") -> str:
    """The casualty words of some roles as one group whose named part tells the kind."""
    parts = []
    for kind in ("fatal", "injured"):
        phrases = [v.phrase + (suffix if v.role == "of" else "") for v in lex.verbs if v.kind == kind and
                   v.role in roles]
        if phrases:
            parts.append(f"(?P<{kind}>" + _alt(phrases, escape=False) + ")")
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = _lexicon()
    units = [w for w, (_, k) in lex.numbers.items() if k in ("unit", "tens")]
    scales = [w for w, (_, k) in lex.numbers.items() if k == "scale"]
    groups = [w for w, (_, k) in lex.numbers.items() if k == "group"]
    phrases = [w for w, (_, k) in lex.numbers.items() if k == "phrase"]
    word = _alt(units + scales + groups)
    after_scale = "(?:" + "|".join(f"(?<={s})" for s in scales) + ")"
    words = (r"(?:" + _alt(phrases) + r"|(?:(?:an?)(?=\s+" + _alt(scales + groups) + r"\b)|" + _alt(units) + r")"
             r"(?:(?:[\s-]+|" + after_scale + r"\s+and\s+)" + word + r"\b)*)\b")
    digits = (r"(?:\d+\.\d+\s+" + _alt(scales) + r"|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s+" + _alt(scales) + r")?)"
              r"(?![\d,.]?\d)(?!-year)")
    num = "(?:" + digits + "|" + words + r")(?!\s*(?:%|percent\b|per\s+cent\b))"
    count = (r"(?P<cnt>between\s+" + num + r"\s+and\s+" + num + "|" + num +
             r"(?:(?:\s*[-–]\s*|\s+(?:to|or)\s+)" + num + r")?|(?:an?|another)\s+" + _alt(lex.ordinals) +
             r"\b(?!\s+of\b)|" + _alt(lex.vague) + r"|an?)")
    qual = r"(?:" + _alt(lex.qualifiers) + r"\s+)?"
    sg = "(?:" + _alt(lex.singular) + r"|(?-i:[A-Z][a-z]+(?:an|ian|i|ese)))"
    pl = "(?:" + _alt(lex.plural) + r"|(?-i:[A-Z][a-z]+(?:ans|ians|is|ese|ers)))"
    person = f"(?:{pl}|{sg})"
    aux = _alt(list(lex.auxiliaries))
    stems = list(_STEMS)
    for v in lex.verbs:  # a phrase with none of the usual stems adds the start of its longest word
        if not any(s in f" {v.text} " for s in stems):
            stems.append(max(v.text.replace("~", "").split(), key=len)[:5])
    return _Patterns(
        stems=tuple(stems),
        number=re.compile(r"^\s*(?:between\s+)?(?P<a>" + num + r")(?:(?:\s*[-–]\s*|\s+(?:to|or|and)\s+)(?P<b>" +
                          num + r"))?\s*$", re.I),
        np=re.compile(r"^\s*(?P<the>the\s+)?" + qual + count + r"(?:\s+(?P<mods>" + _MODS + r")(?:(?P<head>" + person +
                      r"|of them|of whom)(?:" + _PP + r")?)?)?\s*$", re.I),
        one=re.compile(r"^\s*(?:the|his|her|their|its|our|(?-i:[A-Z][\w.-]*)(?:'s|’s))\s+" + _MODS + sg +
                       "(?:" + _PP + r")?\s*$", re.I),
        singular=re.compile(r"^\s*" + sg + r"\s*$", re.I),
        bare=re.compile(r"^\s*(?:(?!(?:" + _PREPOSITIONS + r")\s)[A-Za-z][\w'’-]*\s+){0,2}" + person + r"\s*$", re.I),
        passive=re.compile(r"(?P<aux>(?:\s+" + aux + r"\b){0,3})\s+" + _verbs(lex, "passive") + r"\b", re.I),
        active=re.compile(
            r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )"  # "Khan Younis killed" is active
            r"\b" + _verbs(lex, "active", "of", suffix=r"\s+of(?:\s+the)?") + r"\s+" + qual + count +
            r"(?P<rest>(?:\s+" + _MODS + person + r"))?\b", re.I),
        more=re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<np>" + qual + count + r"\s+" + _MODS + person + r")\b",
                        re.I),
        left=re.compile(r"\b(?:leaving|leaves|left)\s+" + qual + count + r"\s+" + _MODS + person + r"?\s*" +
                        _verbs(lex, "noun") + r"\b", re.I),
        noun=re.compile(r"\b" + qual + count + r"\s+" + _verbs(lex, "noun") +
                        r"\b(?!\s+(?:people|civilians|soldiers|men|women|children))", re.I),
        with_=re.compile(r"\b" + qual + count + r"\s+" + _MODS + person + r"\s+(?:with|for)\s+(?:[a-z-]+\s+){0,2}?" +
                         _verbs(lex, "with") + r"\b", re.I),
        count_end=re.compile(r"(?<![\w-])" + qual + count + r"(?:\s+of)?\s+\Z", re.I),
        toll=re.compile(r"\bdeath toll\b(?:\s+\w+){0,4}?\s+(?:to|at|of|reached|is|was|stood at|stands at)\s+" + qual +
                        count, re.I),
        object=re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )\b(?:" + "|".join(
            f"(?P<{v.kind}{k}>" + v.phrase.replace("(?P<obj>", f"(?P<obj{k}>") + ")"
            for k, v in enumerate(lex.verbs) if v.role == "object") + r")\b", re.I)
        if any(v.role == "object" for v in lex.verbs) else None,
        gates={role: re.compile(r"\b" + _verbs(lex, role) + r"\b", re.I) for role in ("noun", "with")},
        person_verb=re.compile(_alt([v.phrase for v in lex.verbs if v.person and v.role == "passive"], escape=False),
                               re.I),
        singular_aux=re.compile(r"\b" + _alt([w for w, n in lex.auxiliaries.items() if n == "singular"]) + r"\b",
                                re.I),
    )


# --------------------------------------------------------------------------------------------------
# Numbers

def _words_value(text: str) -> int:
    numbers = _lexicon().numbers
    if text in numbers and numbers[text][1] == "phrase":
        return numbers[text][0]
    total = current = 0
    for token in re.split(r"[\s-]+", text):
        if token in ("a", "an"):
            current = max(current, 1)
            continue
        if token == "and" or token not in numbers:
            continue
        value, kind = numbers[token]
        if kind in ("unit", "tens"):
            current += value
        elif kind == "group" or (kind == "scale" and value < 1000):
            current = (current or 1) * value
        elif kind == "scale":
            total, current = total + (current or 1) * value, 0
    return total + current


def _value(text: str) -> int:
    t = text.strip()
    if t[0].isdigit():
        head, _, scale = t.partition(" ")
        factor = _lexicon().numbers.get(" ".join(scale.split()), (1, ""))[0] if scale else 1
        return round(float(head.replace(",", "")) * factor)
    return _words_value(" ".join(t.split()))


def parse_count(text: str) -> int | None:
    """The number of people a count stands for: figures and number words of any size ("1,200", "two hundred
    and five", "a dozen"), the lowest of a range ("between 47 and 52"), 1 for "a", "an" or "a third";
    None when the amount is vague ("dozens", "several") or no count."""
    low = " ".join(text.lower().split())
    if low in ("a", "an") or re.fullmatch(r"(?:an?|another) " + _alt(_lexicon().ordinals), low):
        return 1
    m = _patterns().number.match(low)
    if not m:
        return None
    values = [_value(g) for g in (m.group("a"), m.group("b")) if g]
    return min(values)


# --------------------------------------------------------------------------------------------------
# Victims

def _np_count(chunk: str, headless: bool = True) -> tuple[int | None, str] | None:
    """The number of people a noun phrase like "a 17-year-old girl" or "10 other people" stands for (with
    `headless`, a bare count too: "two")."""
    p = _patterns()
    chunk = _LEADING.sub("", chunk)
    m = p.np.match(chunk)
    if not m:
        if p.one.match(chunk):  # "the driver", "her son": one person
            return 1, chunk.strip()
        return None
    cnt, head, mods = m.group("cnt"), m.group("head"), (m.group("mods") or "").strip()
    if cnt.lower() in ("a", "an"):
        if not head or not p.singular.match(head):
            return None
    elif head is None and mods:
        return None  # "100 drones", "five buildings": not people
    elif head is None and (not headless or m.group("the") and re.search(r"\d", cnt)):
        return None
    if mods and any(re.search(r"\d", w) and not w.endswith(("-year-old", "-year-olds")) for w in mods.split()):
        return None
    return parse_count(cnt), chunk.strip()


def _victims_before(text: str, end: int) -> tuple[list[tuple[tuple[int | None, str], tuple[int, int]]],
                                                  tuple[int, int]]:
    """The counts and spans of the noun phrases right before `end` (the last one and those listed before it:
    "two soldiers, a medic and three civilians"), and the span of the last phrase."""
    for trim in (_INCLUDING, _AGE):  # "Three people, including a child,"; "a man, 45,"
        m = trim.search(text, 0, end)
        end = m.start() if m else end
    appositive = _APPOSITIVE.search(text, 0, end)  # "A relative, the children's grandfather, was hurt"
    if appositive:
        end = appositive.start()
    begin = max((m.end() for m in _CUT.finditer(text, 0, end)), default=0)
    spans, pos = [], begin
    for m in _LIST.finditer(text, begin, end):
        if not _BETWEEN.search(text, max(begin, m.start() - 40), m.start()):  # "between 47 and 52": one count
            spans.append((pos, m.start()))
            pos = m.end()
    spans.append((pos, end))
    if appositive and len(spans) > 1:
        # the apposition names the same people ("Ivan, a medic,"); with no number ("Two men, both farmers,"),
        # the phrase before it counts them
        spans = spans[-1:] if _np_count(text[slice(*spans[-1])]) is not None else spans[:-1]
    found = []
    for k, span in enumerate(reversed(spans)):
        chunk = text[slice(*span)]
        got = _np_count(chunk, headless=k == 0)  # "two were killed", but never "On May 2, 2014, a man"
        if got is None:
            if _patterns().bare.match(chunk):
                continue  # "Over 200 protesters and police officers": one count for both
            break
        found.append((got, span))
    return found, spans[-1]


def _one_person(subject: str, aux: str, verb: str, pronoun: bool) -> bool:
    """Whether a subject with no count is one person: "he" (when `pronoun`), or a name with a singular verb
    ("Ivan Petrov was wounded") for verbs only said of people."""
    if _PRONOUN.match(subject):
        return pronoun
    p = _patterns()
    return bool(p.singular_aux.search(aux) and p.person_verb.fullmatch(verb) and _NAMED.search(subject)) and \
        not _NOT_NAMED.match(subject)


_SCARE_QUOTED = re.compile(r"[\"“]([A-Za-z-]+)[\"”]")


def ends_with_count(text: str) -> bool:
    """Whether the text ends with a count of people-to-be ("the army reported 22 ", "dozens of "), in the
    lexicon's number words, qualifiers and vague amounts."""
    m = _patterns().count_end.search(text)
    return m is not None and m.group("cnt").lower() not in ("a", "an")


def is_coder_total(sentence: str) -> bool:
    """Whether a sentence is only a coder's closing total: "3 fatalities.", "Fatalities: 3."."""
    return _CODER_TOTAL.fullmatch(sentence.strip()) is not None


def count_casualties(text: str) -> Casualties:
    """Fatalities and injured stated in a sentence (see the module's docstring)."""
    p = _patterns()
    low = text.lower()
    for stem in p.stems:  # a plain loop: this runs on every sentence and most have none
        if stem in low:
            break
    else:
        return _NO_CASUALTIES
    if '"' in text or "“" in text:  # a word in scare quotes is the word: it had "neutralised" 25 assailants
        text = _SCARE_QUOTED.sub(lambda m: " " + m.group(1) + " ", text)
    totals: dict[str, int | None] = {}
    notes: list[str] = []
    taken: list[tuple[int, int]] = []

    rules: list[str] = []

    def add(kind: str, value: int | None, phrase: str, span: tuple[int, int], rule: str) -> None:
        if any(span[0] < e and s < span[1] for s, e in taken):
            return
        taken.append(span)  # the figure's own words: two figures may share one verb
        if f"counts:{rule}" not in rules:
            rules.append(f"counts:{rule}")
        if value is None:
            note = f"{'fatalities' if kind == 'f' else 'injured'}: {' '.join(phrase.split())}"
            if note not in notes:
                notes.append(note)
            totals.setdefault(kind, None)
            return
        totals[kind] = (totals.get(kind) or 0) + value

    def kind_of(m: re.Match[str]) -> str:
        return "f" if m.groupdict().get("fatal") else "i"

    for m in p.toll.finditer(text) if "toll" in low else ():
        value = parse_count(m.group("cnt"))
        totals["toll"] = value if value is not None else totals.get("toll")
        rules.append("counts:toll")
        if value is None:
            notes.append(f"fatalities: {m.group(0)}")
        taken.append(m.span())
    for m in _ZERO.finditer(text):
        verb = (m.group("verb") or m.group("noun") or m.group("rep") or "casualties").lower()
        if verb in ("killed", "deaths", "fatalities"):
            totals.setdefault("f", 0)
        elif verb == "injuries":
            totals.setdefault("i", 0)
        else:
            totals.setdefault("f", 0)
            totals.setdefault("i", 0)
        taken.append(m.span())
        rules.append("counts:zero")
    for m in _COLON_TOTAL.finditer(text) if "fatalit" in low else ():  # a coder's "Fatalities: 3"
        add("f", parse_count(m.group("cnt")), m.group(0), m.span(), "coder_total")
    for m in p.left.finditer(text) if "left" in low or "leav" in low else ():
        add(kind_of(m), parse_count(m.group("cnt")), m.group(0), m.span(), "left")
    active = set()  # where active verbs start: "a man killed 10 people" has no passive "a man killed"
    for m in p.active.finditer(text):
        active.add(m.start())
        if m.group("cnt").lower() in ("a", "an") and not (m.group("rest") or "").strip():
            continue
        if _NOT_DONE.search(text, 0, m.start()):
            continue
        kind = kind_of(m)
        add(kind, parse_count(m.group("cnt")), m.group(0), m.span(), "active")
        more = p.more.match(text, m.end())
        # "killing 23 soldiers and 15 attackers"; not "killing 21 people, eight of them children" (a part of them)
        # nor "killing 30 gunmen, an air force spokesman said" (who told it)
        while more and not _NOT_MORE.match(text, more.end()) and not _PART_OF.match(more.group("np"), 0):
            add(kind, parse_count(more.group("cnt")), more.group("np"), more.span("np"), "active_list")
            more = p.more.match(text, more.end())
    for m in p.passive.finditer(text):
        kind = kind_of(m)
        verb = m.group("fatal") or m.group("injured")
        if (m.end() - len(verb)) in active or _AMONG.search(text, 0, m.start()):
            continue
        found, last = _victims_before(text, m.start())
        for (value, phrase), span in found:
            add(kind, value, phrase + " " + verb, span, "passive")
        # a pronoun only counts when no one else is: "Ivan Petrov was killed ... where he was killed" is one
        if not found and _one_person(text[slice(*last)], m.group("aux"), verb, kind not in totals):
            add(kind, 1, text[slice(*last)] + " " + verb, last, "passive_one")
    for m in p.object.finditer(text) if p.object is not None else ():
        obj = " ".join(next(v for k, v in m.groupdict().items() if k.startswith("obj") and v).split())
        kind = "f" if any(k.startswith("fatal") and v for k, v in m.groupdict().items()) else "i"
        words = obj.split()
        counted = next((c for n in range(len(words) - 1, 0, -1)  # "two alleged witches": the count before the noun
                        if (c := parse_count(" ".join(words[:n]))) is not None), None)
        if counted is not None:
            add(kind, counted, m.group(0), m.span(), "object")
        elif not re.search(r"(?:s|them|people)$", obj, re.I):  # "beat a suspected thief to death": one
            add(kind, 1, m.group(0), m.span(), "object_one")
    for m in p.noun.finditer(text) if p.gates["noun"].search(text) else ():
        add(kind_of(m), parse_count(m.group("cnt")), m.group(0), m.span(), "noun")
    for m in p.with_.finditer(text) if p.gates["with"].search(text) else ():
        add(kind_of(m), parse_count(m.group("cnt")), m.group(0), m.span(), "with")
    fatalities = totals["toll"] if "toll" in totals else totals.get("f")
    return Casualties(fatalities, totals.get("i"), tuple(notes), tuple(dict.fromkeys(rules)))

