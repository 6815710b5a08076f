"""The word tables several stages share, one data file each in `geomap/lexicon/` (read once, from the installed
package): titles (`titles.tsv`), speech verbs (`speech_verbs.tsv`), directions (`directions.tsv`), seats of
government (`seats.tsv`), named armed groups (`armed_groups.tsv`) and the countries whose wars are told as strikes
(`remote_war_countries.tsv`). Each file's header says what its columns and kinds mean; a reader asks for the kinds it
needs, and keeps the regular expression around the words in its own code."""
from __future__ import annotations

import re
from functools import lru_cache

from geomap.grammar import read_table

__all__ = ["titles", "speech_verbs", "directions", "bearings", "seats", "armed_groups", "armed_groups_pattern",
           "remote_war_countries"]


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in read_table(name))


def titles(*kinds: str) -> frozenset[str]:
    """Titles and abbreviations (lower case, without the period) of the given kinds: "short title", "title",
    "abbreviation"."""
    return frozenset(word for word, kind in _rows("titles.tsv") if kind in kinds)


def speech_verbs(use: str, hearer: str = "") -> str:
    """The forms of the speech verbs a reading uses, as a regular-expression alternation in the file's order;
    `hearer` (a pattern) follows the verbs after which the one spoken to may stand ("told reporters")."""
    return "|".join(form + (hearer if takes == "hearer" else "")
                    for form, takes, uses in _rows("speech_verbs.tsv") if use in uses.split())


def directions(*kinds: str) -> tuple[str, ...]:
    """Direction words of the given kinds ("point", "centre", "adjective", "area"), in the file's order."""
    return tuple(word for word, kind, *_ in _rows("directions.tsv") if kind in kinds)


@lru_cache(maxsize=1)
def bearings() -> dict[str, tuple[int, int]]:
    """Compass point -> (latitude step, longitude step): "north" (1, 0), "southwest" (-1, -1)."""
    return {word: (int(lat), int(lon)) for word, kind, lat, lon in _rows("directions.tsv") if kind == "point"}


def seats(*kinds: str) -> dict[str, str]:
    """Seats of government of the given kinds ("capital", "building", "office"): name -> country code, in the
    file's order."""
    return {name: cc for name, cc, kind in _rows("seats.tsv") if kind in kinds}


@lru_cache(maxsize=1)
def armed_groups_pattern() -> re.Pattern[str]:
    """All the named armed groups in one pattern: group ``g<i>`` matches the i-th row of `armed_groups`."""
    return re.compile("|".join(f"(?P<g{i}>{rx})" for i, (rx, *_rest) in enumerate(_rows("armed_groups.tsv"))))


@lru_cache(maxsize=1)
def armed_groups() -> tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]:
    """Named armed groups: (pattern of the name, the actor name written, the country codes where it fights)."""
    return tuple((re.compile(rx), name, frozenset(cc for cc in countries.split() if cc != "-"))
                 for rx, name, countries in _rows("armed_groups.tsv"))


@lru_cache(maxsize=1)
def remote_war_countries() -> frozenset[str]:
    """Country codes whose wars the news tells mostly as strikes from afar."""
    return frozenset(cc for cc, *_ in _rows("remote_war_countries.tsv"))
