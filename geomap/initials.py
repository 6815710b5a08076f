"""Capitals that stand for a place the text names in full: "SA" beside "South Africa", "WA" beside "Western
Australia", "PNG", "DRC". Applied after resolution, when the full names are resolved."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from geomap.forms import names_a_currency
from geomap.model import Candidate, Mention, Place, Resolution

# capitals that stand for something other than a place even when such a place is named ("UN" beside Upper Nile)
_NOT_INITIALS = frozenset("UN EU EC PM AM IT AI TV PR HR MP OK ID NO SO AD BC CEO GDP".split())
_BIG_CITY = 1_000_000
# words that may stand before the capitals when they are a place; after any other capitalised word they are part
# of a firm's name ("Nestle SA")
_LEADING_WORDS = frozenset("the that this in of for and but to from across all throughout with as".split())


def initials(name: str) -> str:
    """The capitals a name is shortened to: "South Africa" -> "SA", "Democratic Republic of the Congo" -> "DRC"."""
    words = name.split()
    return "".join(w[0] for w in words if w[0].isupper()) if len(words) > 1 else ""


def _named(resolved: Iterable[Resolution], also: Iterable[tuple[str, Place]]) -> dict[str, Place]:
    """Initials -> the one country, region or big city the text names in full with them."""
    found: dict[str, set[Place]] = {}
    pairs = [(r.mention.text, r.place) for r in resolved if r.place is not None and " " in r.mention.text]
    for text, place in pairs + list(also):
        if place.feature in ("country", "admin1") or place.population >= _BIG_CITY:
            short = initials(text)
            if len(short) > 1 and short not in _NOT_INITIALS:
                found.setdefault(short, set()).add(place)
    return {short: next(iter(places)) for short, places in found.items() if len(places) == 1}


def with_initials(text: str, resolved: Sequence[Resolution], also_named: Iterable[tuple[str, Place]] = (),
                  *, find_new: bool = False) -> list[Resolution]:
    """``resolved`` with capitals of a named place resolved to it; with ``find_new``, capitals the recognizer
    left alone are added too. ``also_named``: (text, place) of names resolved apart, such as demonyms."""
    named = _named(resolved, also_named)
    if not named:
        return list(resolved)
    result = []
    for r in resolved:
        surface = r.mention.text
        place = named.get(surface.replace(".", "")) if len(surface) <= 8 and (
            surface[-1:].isupper() or surface.endswith(".")) else None
        if place is not None and place is not r.place and not _names_itself(r.place, surface):
            r = Resolution(r.mention, place, r.candidates, 0.8, f"the initials of {place.name}, named in the text")
        result.append(r)
    if find_new:
        taken = [(r.mention.start, r.mention.end) for r in result]
        added = False
        for short, place in named.items():
            start = text.find(short)
            while start >= 0:
                end = start + len(short)
                if _word_at(text, start, end) and _standalone(text, start) and \
                        not any(a < end and start < b for a, b in taken):
                    result.append(Resolution(Mention(start, end, short), place, (Candidate(place, 0.8),), 0.8,
                                             f"the initials of {place.name}, named in the text"))
                    added = True
                start = text.find(short, end)
        if added:
            result.sort(key=lambda r: r.mention.start)
    return result


def _names_itself(place: Place | None, surface: str) -> bool:
    """"N.Y." beside "New York" (the city) is still the state its capitals already named."""
    return place is not None and place.feature in ("admin1", "country") and \
        initials(place.name) == surface.replace(".", "")


def _word_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole word, not part of a longer one ("SA" in "USA") nor a currency's
    ("HK$")."""
    return not (start > 0 and text[start - 1].isalnum()) and not (end < len(text) and text[end].isalnum()) \
        and not names_a_currency(text, end)


def _standalone(text: str, start: int) -> bool:
    """Not a year's era nor the end of a firm's name: "AD" in "AD 70", "SA" in "Nestle SA"."""
    before = text[max(0, start - 24):start].split()
    if not before:
        return True
    word = before[-1].strip("-,;:(")
    if word[:1].isdigit():
        return False
    return not word[:1].isupper() or word.lower() in _LEADING_WORDS
