"""Mentions found by their form, beside the recognizer's runs.

- AP-style state abbreviations after a comma ("Athens, Ga.") or a legislator's party ("Sen. Ann Cole, D-W. Va.");
- the names of a county list ("Becker, Clay, Otter Tail and Wilkin counties"), counties only in such a list;
- natural features named by their kind ("the Neches River", "Lake Harriet"), places even where the gazetteer
  lacks them;
- place names that name a disease ("West Nile virus", "Lassa fever"), which are no places.
The caller decides with the gazetteer which candidates are places.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

# The comma is matched, not looked behind for: a search can then skip to commas (ten times faster). The party
# form is searched apart: an alternation would slow every search.
_AP_FORM = r"([A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|W\.\s?Va\.)"  # "Ga.", "N.J.", "P.E.I.", "W. Va."
AP_STATE = re.compile(r",\s" + _AP_FORM)
_AP_PARTY_STATE = re.compile(r"\b[DRI]-" + _AP_FORM)
# US states' and Canadian provinces' two-letter postal codes: in prose they are mostly other things ("OK", "ID",
# "7 a.m. CT", "GA" passes, "(D-CA)", "the NL West", "NB:"); a place only as a town's qualifier ("Macon, GA").
# "DC" and "BC" name the capital and the province anywhere.
POSTAL_CODES = frozenset("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV
NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AB MB NB NL NS NT NU ON PE QC SK YT""".split())
_LIST_NAME_FORM = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?"  # one or two capitalised words: "Otter Tail"
_LIST_NAME = re.compile(_LIST_NAME_FORM)
# Lists named by a plural kind word: "Becker, Clay, Otter Tail and Wilkin counties" (second-level, a bare
# "Clay counties" too), "the Kharkiv and Sumy oblasts" (first-level, only as a list): plural -> the singular
_DIVISION_KINDS = {"counties": "county", "parishes": "parish", "oblasts": "oblast", "regions": "region",
                   "provinces": "province", "states": "state", "governorates": "governorate",
                   "prefectures": "prefecture"}
_DIVISION_LIST = re.compile(rf"((?:{_LIST_NAME_FORM}, )*{_LIST_NAME_FORM},? and )?{_LIST_NAME_FORM} "
                            rf"({'|'.join(_DIVISION_KINDS)})\b")
FEATURE_NAME = re.compile(r"\b(?!The )(?:(?:[A-Z][a-z]+\.? ){1,2}(?:River|Creek|Lake|Bay|Valley|Mountains|Canyon|"
                          r"Islands?|Peninsula|Harbor|Harbour)|(?:Lake|Mount|Mt\.) [A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
# the kind words, found fast (a set of first letters lets the search skip): a hit only opens a window to search
_FEATURE_KIND = re.compile(r"[BCHILMPRV](?:iver|reek|ake|ay|alley|ount|anyon|sland|eninsula|arbou?r|t\.)")
_FEATURE_REACH = 80  # characters either side of a kind word that a feature's name can take
_DISEASE_AFTER = re.compile(r"\s*-?\s*(?:\w*virus(?:es)?|(?:ha?emorrhagic\s+)?fever|flu|disease|encephalitis)\b"
                            r"(?!\s+season)", re.IGNORECASE)


def state_abbreviations(text: str) -> list[re.Match[str]]:
    """Candidate AP state abbreviations in text order; group 1 is the abbreviation."""
    matches = list(AP_STATE.finditer(text))
    if "D-" in text or "R-" in text or "I-" in text:
        matches = sorted([*matches, *_AP_PARTY_STATE.finditer(text)], key=lambda m: m.start(1))
    return matches


def division_list_names(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each name of a "X, Y and Z counties" or "X and Y oblasts" list, with the singular kind word its list names
    ("county", "parish", "oblast", "region"...); first-level kinds only where the names are a list."""
    if not any(kind in text for kind in _DIVISION_KINDS):
        return  # most texts: no list to look for
    for match in _DIVISION_LIST.finditer(text):
        kind = _DIVISION_KINDS[match.group(2)]
        if match.group(1) is None and kind not in ("county", "parish"):
            continue
        for name in _LIST_NAME.finditer(text, match.start(), match.start(2)):
            if name.group() != "and":
                yield name, kind


_SOURCE_LABELS = re.compile(r"(?<=[.!?\"”’)])(?:\s*\([^()\n]{1,80}\))+\s*\Z")


def source_labels_start(text: str) -> int:
    """Where the outlets credited after a text's last sentence begin ("... in Jabalia. (Times of Israel) (AP)",
    "(Reporting by Ana Lopez in Kyiv; Editing by Tom Hogue)"), else the text's length."""
    if not text.rstrip().endswith(")"):
        return len(text)
    found = _SOURCE_LABELS.search(text, max(0, len(text) - 300))
    return found.start() if found else len(text)


def feature_names(text: str) -> list[re.Match[str]]:
    """``FEATURE_NAME`` matches, searched only around the words that name a kind of feature (a search of the
    whole text cost a tenth of a parse)."""
    windows: list[list[int]] = []
    for kind in _FEATURE_KIND.finditer(text):
        start, end = max(0, kind.start() - _FEATURE_REACH), min(len(text), kind.end() + _FEATURE_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    found = []
    for start, end in windows:
        found += [m for m in FEATURE_NAME.finditer(text, start, end) if m.end() < end or end == len(text)]
    return found


def names_a_currency(text: str, end: int) -> bool:
    """True when the name ending at ``end`` opens a currency: "US$460 million", "HK$2 billion"."""
    return text[end:end + 1] == "$"


def names_a_disease(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is followed by "virus", "fever", "flu"... ("Marburg virus", "Marburg
    hemorrhagic fever", "Reston ebolavirus"); not
    "flu season" (a country's season is the country's)."""
    return _DISEASE_AFTER.match(text, end) is not None
