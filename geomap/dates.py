"""Dates in news sentences, resolved against the article's publication date.

`find_date_cues(text, published)` lists every date expression in a piece of text with its span, the
date it stands for and its ACLED time precision (1 day, 2 week, 3 month); `event_date(...)` picks the
one that dates an event. The rules, all relative to the publication date P:

- "today", "this morning", "earlier today", "tonight"          -> P                       (day)
- "yesterday"                                                   -> P - 1                   (day)
- "last night", "overnight"                                     -> P - 1                   (day)
  (a news report's night is the one that ended on the morning of P; an attack that began late
  the evening before is dated to the day it began, as ACLED does)
- "on Tuesday", "Tuesday's", "Tuesday night"                    -> the latest Tuesday on or before P;
  in a future-tense sentence ("will meet on Wednesday") the first Wednesday on or after P.
  "last Tuesday" is strictly before P, "next Tuesday" strictly after.
- "a day earlier", "the day before", "the previous day", "two days earlier"
                                                                -> the anchor minus N days (the anchor
  is the date of the sentence before, else P)
- "a day later", "the next day", "two days later"              -> the anchor plus N days  (day)
- "the same day", "the same evening", "that night"              -> the anchor               (day)
- "three days ago"                                              -> P - 3                   (day)
- "tomorrow"                                                    -> P + 1                   (day)
- "on Nov. 17", "November 17", "17 November", with or without a year -> that day; without a year, the
  occurrence nearest to P (before P in a past-tense sentence, after it in a future-tense one)
- "this week", "last week", "next week"                         -> the Thursday (middle) of that week,
  kept on the right side of P (not after P for past events, not before it for future ones)  (week)
- "this weekend", "last weekend"                                -> that Saturday           (week)
- "this month", "earlier this month", "last month", "in November", "in February 2022"
                                                                -> the 15th of that month, kept on the
  right side of P                                               (month)
- "earlier this year", "last year", "in 2022", "years ago", "in recent weeks", "over the past decade",
  "for most of the past two years", "for more than three years", "since February 2021" -> a *vague* cue:
  the sentence is dated, but not precisely enough for ACLED; the date stays None.

A weekday or "today" right after a speech verb ("said Tuesday", "told reporters on Tuesday") or right
before one ("on Tuesday morning reported") dates the statement, not the event: such a cue is marked
`speech=True` and only used when the sentence has no other cue.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from geomap.grammar import literals, minimal
from geomap.lexicon_tables import speech_verbs

__all__ = [
    "DateCue",
    "find_date_cues",
    "event_date",
    "is_future",
    "future_at",
    "mentions_publication_day",
    "weekday_on_or_before",
    "weekday_on_or_after",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class DateCue:
    """A date expression found in a text."""

    start: int
    end: int
    text: str
    date: dt.date | None  # None for a vague cue ("earlier this year")
    precision: int  # 1 day, 2 week, 3 month
    kind: str  # absolute, weekday, relative, night, week, month, vague
    speech: bool = False  # dates a statement ("said Tuesday"), not an event


_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|"
        r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)")
_NUMWORD = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"

_FUTURE_RE = re.compile(
    r"\b(?:will|won['’]t|shall|would|wouldn['’]t|is set to|are set to|is due to|are due to|is expected to|"
    r"are expected to|is scheduled|are scheduled|is planned|are planned|plans? to|planning to|"
    r"is to|are to|going to|to be held|upcoming|agreed to (?:meet|hold|resume)|to meet again)\b",
    re.I,
)
_FUTURE_LOWER = re.compile(_FUTURE_RE.pattern)
# "said on Monday", "told reporters late Sunday"; "... Monday, police said" (geomap/lexicon/speech_verbs.tsv)
_SPEECH_BEFORE = re.compile(
    r"\b(?:" + speech_verbs("date_before", hearer=r"(?:\s+[\w.'’-]+){0,4}") + r")\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
_SPEECH_AFTER = re.compile(
    r"^(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:" + speech_verbs("date_after") + r")\b",
    re.I,
)


def weekday_on_or_before(weekday: int, day: dt.date) -> dt.date:
    """The latest date with that weekday (0 = Monday) on or before `day`."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_on_or_after(weekday: int, day: dt.date) -> dt.date:
    """The earliest date with that weekday (0 = Monday) on or after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def is_future(text: str) -> bool:
    """Whether a sentence speaks of something still to come ("will meet", "is due to", "is set to")."""
    low = text.lower()  # a case-sensitive scan of the lower-cased text is much faster than IGNORECASE
    return bool(_FUTURE_LOWER.search(low) if len(low) == len(text) else _FUTURE_RE.search(text))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.casefold()]


def _week_middle(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=3)


def _clamp(day: dt.date, published: dt.date, future: bool) -> dt.date:
    if future:
        return max(day, published)
    return min(day, published)


def _month_middle(year: int, month: int, published: dt.date, future: bool) -> dt.date:
    return _clamp(dt.date(year, month, 15), published, future)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, published: dt.date, future: bool | None) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    options = [d for d in (_safe_date(published.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    if not options:
        return None
    if future is True:
        later = [d for d in options if d >= published]
        return min(later) if later else None
    if future is False:
        earlier = [d for d in options if d <= published + dt.timedelta(days=1)]
        return max(earlier) if earlier else None
    return min(options, key=lambda d: abs((d - published).days))


_FIRST_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]+,")

# (pattern, handler name) in order; an earlier pattern wins where two overlap.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), "iso"),
    (re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4})\b)?", re.I), "mon_day"),
    (re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b(?:,?\s+(?P<y>\d{4})\b)?", re.I),
     "day_mon"),
    (re.compile(r"\b(?P<rel>last|next|this|coming)\s+" + _WD + r"\b", re.I), "rel_weekday"),
    (re.compile(r"\b(?:(?:late|early)\s+)?(?:on\s+)?" + _WD + r"(?:['’]s)?"
                r"(?:\s+(?:morning|afternoon|evening|night))?\b", re.I), "weekday"),
    (re.compile(r"\b(?:earlier\s+)?(?:today|this\s+(?:morning|afternoon|evening)|tonight)\b", re.I), "today"),
    (re.compile(r"\byesterday\b", re.I), "yesterday"),
    (re.compile(r"\btomorrow\b", re.I), "tomorrow"),
    (re.compile(r"\b(?:last|late\s+last)\s+night\b|\bovernight\b", re.I), "night"),
    (re.compile(r"\b(?:a|one|the)\s+day\s+(?:earlier|before)\b|\bthe\s+(?:previous|preceding)\s+day\b|"
                r"\b" + _NUMWORD + r"\s+days\s+(?:earlier|before|previously)\b", re.I), "earlier"),
    (re.compile(r"\b" + _NUMWORD + r"\s+days?\s+ago\b", re.I), "ago"),
    (re.compile(r"\b(?:the\s+same|that)\s+(?:day|evening|night|morning|afternoon)\b", re.I), "same"),
    (re.compile(r"\b(?:a|one)\s+day\s+later\b|\bthe\s+(?:next|following)\s+day\b|"
                r"\b" + _NUMWORD + r"\s+days\s+later\b", re.I), "later"),
    (re.compile(r"\b(?P<rel>this|last|next|past|coming)\s+weekend\b", re.I), "weekend"),
    (re.compile(r"\b(?:earlier\s+|later\s+)?(?P<rel>this|last|next|previous|past|coming)\s+week\b", re.I), "week"),
    (re.compile(r"\b(?:earlier\s+|later\s+)?(?P<rel>this|last|next|previous|coming)\s+month\b", re.I), "month"),
    (re.compile(r"\b(?:in|during|early|late|mid|mid-)\s+(?:early\s+|late\s+|mid-?)?" + _MON
                + r"(?:\s+(?P<y>\d{4})|\s+(?P<rel>last|this|next)\s+year)?\b", re.I), "in_month"),
    (re.compile(r"\b(?:earlier|later)\s+this\s+year\b|\b(?:last|next|this|past)\s+year\b|"
                r"\b(?:in|since|during)\s+(?:early\s+|late\s+)?\d{4}\b|\b(?:years|months|decades)\s+ago\b|"
                r"\bin\s+recent\s+(?:weeks|months|years)\b|\bearlier\s+this\s+(?:year|decade)\b|"
                r"\b(?:over|in|during|for)\s+(?:most\s+of\s+|much\s+of\s+)?the\s+(?:past|last)\s+(?:few\s+|"
                r"several\s+|two\s+|three\s+|four\s+|five\s+|ten\s+|\d+\s+)?(?:months|years|decades?)\b|"
                r"\bfor\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|at\s+least\s+)?(?:a\s+few\s+|"
                r"several\s+|many\s+|two\s+|three\s+|four\s+|five\s+|ten\s+|\d+\s+)?(?:years|decades)\b|"
                r"\bsince\s+(?:" + "|".join(_MONTHS) + r")\.?\s+\d{4}\b", re.I),
     "vague"),
]


def find_date_cues(
    text: str,
    published: dt.date | dt.datetime | None,
    *,
    future: bool | None = None,
    anchor: dt.date | None = None,
) -> list[DateCue]:
    """Every date expression in `text`, in text order, resolved against `published`.

    `future` says whether the sentence is about the future (None: decide for each cue from the words
    around it, see `future_at`, so that "detained 23 people on Sunday over a law that will muzzle the
    press" dates a past Sunday);
    `anchor` is the date that "a day earlier" counts back from (default: the publication date).
    Without a publication date every cue is found but dated None.
    """
    pub = published.date() if isinstance(published, dt.datetime) else published
    if not _maybe_dated(text):
        return []
    return list(_find(text, pub, future, anchor))


# Every pattern below needs one of these: a cheap first look that most sentences fail.
_DATE_STEMS = ("day", "night", "week", "month", "year", "ago", "tomorrow", "morning", "afternoon", "evening",
               "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FOUR_DIGITS = re.compile(r"\d{4}")


def _maybe_dated(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _DATE_STEMS) or bool(_FOUR_DIGITS.search(text))


_OPENING = re.compile(r"\s*(?:(?:on|late|early|by|from|until|next|this)\s+)?", re.I)


def future_at(text: str, start: int, end: int) -> bool:
    """Whether the date expression text[start:end] is in a future-tense part of the sentence: a future
    marker ("will", "is due to") between the last comma, semicolon or colon before it and the cue, or,
    for a cue opening its phrase ("On Wednesday, ministers will meet"), just after it."""
    lead = text[max(0, start - 80):start]
    lead = lead[max(lead.rfind(c) for c in ",;:") + 1:]
    if is_future(lead):
        return True
    if _OPENING.fullmatch(lead):
        return is_future(text[end:end + 50].split(";")[0])
    return False


# The patterns above again, scanning the lower-cased text case-sensitively (about twice as fast as IGNORECASE),
# and the same matches wherever lower-casing keeps every offset and the text holds none of the characters that
# IGNORECASE matches with an ASCII letter lower-casing does not give ("ſ" ~ "s", "K" ~ "k", "ı" ~ "i", "İ" ~ "i").
_LOWER_PATTERNS = [re.compile(re.sub(r"\\.|\(\?P<\w+>|[A-Z]", lambda m: m.group().lower() if len(m.group()) == 1
                                     else m.group(), pattern.pattern), pattern.flags & ~re.IGNORECASE)
                   for pattern, _kind in _PATTERNS]
_PATTERN_WORDS = [None if words is None else minimal(words) for words in (literals(p.pattern) for p, _kind in _PATTERNS)]
_FOLDS_TO_ASCII = re.compile("[\u017f\u212a\u0131\u0130]")


def _matches(index: int, text: str, low: str | None) -> Iterator[re.Match[str]]:
    """Every match of _PATTERNS[index] in text; with ``low`` (text lower-cased, offsets kept) found by a scan of
    ``low``, each match then read again from ``text`` (same span; groups in the text's own case)."""
    pattern = _PATTERNS[index][0]
    if low is None:
        return pattern.finditer(text)
    return (pattern.match(text, m.start()) for m in _LOWER_PATTERNS[index].finditer(low))  # type: ignore[misc]


@lru_cache(maxsize=1024)
def _find(text: str, pub: dt.date | None, future: bool | None, anchor: dt.date | None) -> tuple[DateCue, ...]:
    taken: list[tuple[int, int]] = []
    cues: list[DateCue] = []
    lowered = text.lower()
    low: str | None = lowered
    if len(lowered) != len(text) or (not text.isascii() and _FOLDS_TO_ASCII.search(text)):
        low = None
    for index, (_pattern, kind) in enumerate(_PATTERNS):
        words = _PATTERN_WORDS[index]
        if words is not None and low is not None and not any(map(low.__contains__, words)):
            continue  # a word every match of this pattern holds is not in the text
        for m in _matches(index, text, low):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and _FIRST_NAME_AFTER.match(text, m.end()):
                continue  # a first name: "said Sunday Abdu, a community leader"
            tense = future_at(text, m.start(), m.end()) if future is None else future
            cue = _resolve(kind, m, pub, tense, anchor)
            if cue is None:
                continue
            taken.append((m.start(), m.end()))
            speech = kind in ("weekday", "today", "yesterday") and (
                bool(_SPEECH_BEFORE.search(text[max(0, m.start() - 60):m.start()]))
                or bool(_SPEECH_AFTER.match(text[m.end():m.end() + 40]))
            )
            cues.append(DateCue(m.start(), m.end(), m.group(0), cue[0], cue[1], cue[2], speech))
    cues.sort(key=lambda c: c.start)
    return tuple(cues)


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None, future: bool, anchor: dt.date | None):
    """(date, precision, kind) for one match, or None when the match is not a date after all."""
    g = m.groupdict()
    if kind == "iso":
        return _safe_date(int(g["y"]), int(g["m"]), int(g["d"])), 1, "absolute"
    if kind in ("mon_day", "day_mon"):
        if not g["mon"][0].isupper():
            return None  # "may", "mar" in lower case are words, not months
        month, day = _MONTHS[g["mon"].casefold().rstrip(".")], int(g["d"])
        if g.get("y"):
            return _safe_date(int(g["y"]), month, day), 1, "absolute"
        return (_month_day(month, day, None, pub, future) if pub else None), 1, "absolute"
    if pub is None:
        return None, 1, kind
    if kind == "rel_weekday":
        wd = WEEKDAYS.index(g["wd"].casefold())
        rel = g["rel"].casefold()
        if rel == "last":
            return weekday_on_or_before(wd, pub - dt.timedelta(days=1)), 1, "weekday"
        if rel in ("next", "coming"):
            return weekday_on_or_after(wd, pub + dt.timedelta(days=1)), 1, "weekday"
        return (weekday_on_or_after(wd, pub) if future else weekday_on_or_before(wd, pub)), 1, "weekday"
    if kind == "weekday":
        if not m.group("wd")[0].isupper():
            return None  # weekday names are capitalised in news text
        wd = WEEKDAYS.index(g["wd"].casefold())
        return (weekday_on_or_after(wd, pub) if future else weekday_on_or_before(wd, pub)), 1, "weekday"
    if kind == "today":
        return pub, 1, "relative"
    if kind == "yesterday":
        return pub - dt.timedelta(days=1), 1, "relative"
    if kind == "tomorrow":
        return pub + dt.timedelta(days=1), 1, "relative"
    if kind == "night":
        return pub - dt.timedelta(days=1), 1, "night"
    if kind == "earlier":
        return (anchor or pub) - dt.timedelta(days=_count(g.get("n") or "a")), 1, "relative"
    if kind == "same":
        return (anchor or pub), 1, "relative"
    if kind == "later":
        return (anchor or pub) + dt.timedelta(days=_count(g.get("n") or "a")), 1, "relative"
    if kind == "ago":
        return pub - dt.timedelta(days=_count(g["n"])), 1, "relative"
    if kind == "weekend":
        rel = g["rel"].casefold()
        if rel in ("next", "coming") or (rel == "this" and future):
            return weekday_on_or_after(5, pub), 2, "week"
        saturday = weekday_on_or_before(5, pub)
        if rel in ("last", "past") and pub.weekday() >= 5:
            saturday -= dt.timedelta(days=7)  # on a weekend, "last weekend" is the one before
        return saturday, 2, "week"
    if kind == "week":
        rel = g["rel"].casefold()
        shift = {"this": 0, "last": -7, "previous": -7, "past": -7, "next": 7, "coming": 7}[rel]
        middle = _week_middle(pub) + dt.timedelta(days=shift)
        return (_clamp(middle, pub, future) if shift == 0 else middle), 2, "week"
    if kind == "month":
        rel = g["rel"].casefold()
        year, month = pub.year, pub.month
        if rel in ("last", "previous"):
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
            return dt.date(year, month, 15), 3, "month"
        if rel in ("next", "coming"):
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return dt.date(year, month, 15), 3, "month"
        return _month_middle(year, month, pub, future), 3, "month"
    if kind == "in_month":
        if not g["mon"][0].isupper():
            return None
        month = _MONTHS[g["mon"].casefold().rstrip(".")]
        if g.get("y"):
            return dt.date(int(g["y"]), month, 15), 3, "month"
        if g.get("rel"):
            year = pub.year + {"last": -1, "this": 0, "next": 1}[g["rel"].casefold()]
            return _month_middle(year, month, pub, future) if year == pub.year else dt.date(year, month, 15), 3, \
                "month"
        year = pub.year
        if not future and month > pub.month:
            year -= 1
        elif future and month < pub.month:
            year += 1
        if (year, month) == (pub.year, pub.month):
            return _month_middle(year, month, pub, future), 3, "month"
        return dt.date(year, month, 15), 3, "month"
    if kind == "vague":
        return None, 3, "vague"
    return None


_RELATIVE_TO_NAMED = ("night", "today", "same")  # read against a calendar day named beside them


def event_date(
    text: str,
    published: dt.date | dt.datetime | None,
    *,
    anchor: dt.date | None = None,
    near: int | None = None,
    future: bool | None = None,
) -> DateCue | None:
    """The cue that dates the event told in `text`, or None when the text has no date expression.

    Statement dates ("said Tuesday") only count when nothing else does. Among the others the most
    precise wins (day before week before month, vague last); between equals, the one nearest the
    character offset `near` (the event word), else the first.
    """
    cues = find_date_cues(text, published, future=future, anchor=anchor)
    if not cues:
        return None
    plain = [c for c in cues if not c.speech] or cues
    # "On 17 June 2025, overnight, ...": a calendar day the text names is the day the night belongs to
    named = [c for c in plain if c.kind == "absolute" and c.precision == 1 and c.date is not None]
    if named and any(c.kind in _RELATIVE_TO_NAMED for c in plain):
        plain = [c for c in plain if c.kind not in _RELATIVE_TO_NAMED]

    def rank(c: DateCue) -> tuple[int, int, int]:
        vague = 1 if c.date is None else 0
        distance = abs(c.start - near) if near is not None else c.start
        return (vague, c.precision, distance)

    return min(plain, key=rank)


def mentions_publication_day(body: str, published: dt.date | dt.datetime | None) -> bool:
    """Whether a text reads as a same-day news report: it names its publication day or the night before
    ("on Tuesday" in an article published on a Tuesday, "today", "last night", "yesterday")."""
    if published is None:
        return False
    pub = published.date() if isinstance(published, dt.datetime) else published
    for cue in find_date_cues(body, pub, future=False):
        if cue.date is not None and cue.precision == 1 and 0 <= (pub - cue.date).days <= 1:
            return True
    return False


def as_aware(value: dt.datetime | None) -> dt.datetime | None:
    """A naive timestamp taken as UTC; aware ones and None unchanged."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value
