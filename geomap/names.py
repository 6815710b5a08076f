"""Name normalisation shared by the gazetteer build and lookups."""
from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼʹ′"), None)
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/]+")
_DROP = re.compile(r"[.,()\"“”]")
_ARTICLE = re.compile(r"^the\s+")
_AMPERSAND = re.compile(r"\s*&\s*")


@functools.lru_cache(maxsize=262_144)
def normalize(name: str) -> str:
    """Fold a place name to its lookup key: no accents, no apostrophes, lower case, single spaces.

    ``"Kharkivs’ka Oblast’"`` -> ``"kharkivska oblast"``; ``"the Gaza Strip"`` -> ``"gaza strip"``;
    ``"Kyiv"`` and ``"KYIV"`` -> ``"kyiv"``. Non-Latin scripts keep their letters (``"Київ"`` -> ``"київ"``).
    """
    text = name
    if not name.isascii():  # ASCII has nothing to decompose and no combining marks
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)  # "Trinidad & Tobago" is "Trinidad and Tobago"
    text = text.translate(_APOSTROPHES)
    text = _DROP.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip().casefold()
    return _ARTICLE.sub("", text)


def is_abbreviation(form: str) -> bool:
    """True for short all-capital forms ("US", "U.K.", "DRC") that must only match in capitals."""
    letters = [c for c in form if c.isalpha()]
    dotted = "." in form and len(letters) <= 5
    return 0 < len(letters) and (len(letters) <= 3 or dotted) and all(c.isupper() for c in letters)


# Romanisations that news and GeoNames disagree on: Ukrainian and Russian "h"/"g", "ia"/"ya", "iu"/"yu", "ie"/"ye"
# ("Kruglyakivka" is GeoNames' Kruhlyakivka), and Somali doubled vowels ("Buuhoodle" is Buhodle).
_SPELLINGS = ((re.compile("g"), "h"), (re.compile("ya"), "ia"), (re.compile("yu"), "iu"), (re.compile("ye"), "ie"),
              (re.compile(r"([aeiou])\1"), r"\1"))
# where those romanisations are at play: a place found by another spelling must be in one of these countries
SPELLING_COUNTRIES = frozenset({"UA", "RU", "BY", "SO"})


@functools.lru_cache(maxsize=4096)
def spelling_variants(key: str) -> tuple[str, ...]:
    """Other spellings of a lookup key (from ``normalize``) under the romanisations above, each rule applied to
    every place it fits, in every combination; the key itself excluded. Only for names of six letters or more."""
    if len(key) < 6 or not key.isascii():
        return ()
    found = {key}
    for rule, replacement in _SPELLINGS:
        found |= {rule.sub(replacement, k) for k in found}
    found.discard(key)
    return tuple(sorted(found))
