"""ACLED's event taxonomy, one table for every stage: `geomap/lexicon/acled_taxonomy.tsv`.

Each row is a sub-event type of an event type, with its disorder type, the map colour of its event type and
the rank the merge gives it when reports of one event disagree. The table is read once, on first use, from
the installed package; asking about a type that is not ACLED's raises `TaxonomyError` naming the valid ones
(`is_valid` asks without raising).

    >>> disorder_type("Protests", "Excessive force against protesters")
    'Political violence; Demonstrations'
    >>> colour("Battles")
    '#d62728'
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geomap.errors import TaxonomyError
from geomap.grammar import read_table

__all__ = [
    "EVENT_TYPES",
    "TABLE",
    "SubEventType",
    "TaxonomyError",
    "actor_type",
    "actor_type_name",
    "civilian_targeting",
    "colour",
    "description_phrase",
    "disorder_type",
    "interaction",
    "region",
    "event_types",
    "is_valid",
    "merge_rank",
    "row",
    "rows",
    "sub_event_types",
]

TABLE = "acled_taxonomy.tsv"
_COLOUR = re.compile(r"#[0-9a-f]{6}")

# Read lazily through the module's __getattr__ (the table is loaded on first use, not at import).
EVENT_TYPES: tuple[str, ...]  # ACLED's event types in the table's order


@dataclass(frozen=True)
class SubEventType:
    """One row of the taxonomy: a sub-event type of an event type."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    colour: str  # the event type's map colour, "#rrggbb"
    merge_rank: int | None  # lower wins when merged reports disagree; None: no order within the event type


@dataclass(frozen=True)
class _Taxonomy:
    rows: tuple[SubEventType, ...]
    by_type: dict[str, tuple[SubEventType, ...]]
    by_pair: dict[tuple[str, str], SubEventType]


def _bad(message: str) -> TaxonomyError:
    return TaxonomyError(f"geomap/lexicon/{TABLE}: {message}")


def _parse(fields: list[str]) -> SubEventType:
    if len(fields) not in (4, 5):  # an empty merge_rank may lose its tab to an editor
        raise _bad(f"expected 5 tab-separated columns, got {len(fields)}: {fields!r}")
    event_type, sub, disorder, colour_, rank = (f.strip() for f in [*fields, ""][:5])
    if not (event_type and sub and disorder):
        raise _bad(f"empty event_type, sub_event_type or disorder_type: {fields!r}")
    if not _COLOUR.fullmatch(colour_):
        raise _bad(f"colour {colour_!r} of {event_type!r} is not #rrggbb (lower case)")
    if rank and not rank.isdigit():
        raise _bad(f"merge_rank {rank!r} of {sub!r} is not a whole number")
    return SubEventType(event_type, sub, disorder, colour_, int(rank) if rank else None)


def _check(by_type: dict[str, tuple[SubEventType, ...]]) -> None:
    owner: dict[str, str] = {}
    for event_type, subs in by_type.items():
        colours = {s.colour for s in subs}
        if len(colours) != 1:
            raise _bad(f"{event_type!r} has several colours: {sorted(colours)}")
        taken = owner.setdefault(subs[0].colour, event_type)
        if taken != event_type:
            raise _bad(f"{event_type!r} and {taken!r} share the colour {subs[0].colour}")
        ranks = [s.merge_rank for s in subs]
        if any(r is None for r in ranks) and any(r is not None for r in ranks):
            raise _bad(f"{event_type!r}: give every sub-event type a merge_rank, or none")
        if len(set(ranks)) != len(ranks) and ranks[0] is not None:
            raise _bad(f"{event_type!r}: merge_rank repeated")


@lru_cache(maxsize=1)
def _load() -> _Taxonomy:
    parsed = tuple(_parse(fields) for fields in read_table(TABLE))
    by_type: dict[str, list[SubEventType]] = {}
    by_pair: dict[tuple[str, str], SubEventType] = {}
    for r in parsed:
        key = (r.event_type, r.sub_event_type)
        if key in by_pair:
            raise _bad(f"{r.sub_event_type!r} listed twice under {r.event_type!r}")
        by_pair[key] = r
        by_type.setdefault(r.event_type, []).append(r)
    if not parsed:
        raise _bad("no rows")
    frozen = {k: tuple(v) for k, v in by_type.items()}
    _check(frozen)
    return _Taxonomy(parsed, frozen, by_pair)


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "EVENT_TYPES":
        return event_types()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rows() -> tuple[SubEventType, ...]:
    """Every row of the table, in its order."""
    return _load().rows


def event_types() -> tuple[str, ...]:
    """ACLED's event types in the table's order (the map legend's order)."""
    return tuple(_load().by_type)


def _subs(event_type: str) -> tuple[SubEventType, ...]:
    subs = _load().by_type.get(event_type)
    if subs is None:
        raise TaxonomyError(f"{event_type!r} is not an ACLED event type; expected one of: "
                            + ", ".join(repr(t) for t in event_types()))
    return subs


def sub_event_types(event_type: str) -> tuple[str, ...]:
    """The sub-event types of an event type, in the table's order (TaxonomyError for an unknown type)."""
    return tuple(s.sub_event_type for s in _subs(event_type))


def row(event_type: str, sub_event_type: str) -> SubEventType:
    """The row of a sub-event type of an event type (TaxonomyError for a pair that is not ACLED's)."""
    subs = _subs(event_type)
    found = _load().by_pair.get((event_type, sub_event_type))
    if found is None:
        raise TaxonomyError(f"{sub_event_type!r} is not a sub-event type of {event_type!r}; expected one of: "
                            + ", ".join(repr(s.sub_event_type) for s in subs))
    return found


def is_valid(event_type: str, sub_event_type: str | None = None) -> bool:
    """Whether the event type (and, when given, the sub-event type under it) is ACLED's."""
    if sub_event_type is None:
        return event_type in _load().by_type
    return (event_type, sub_event_type) in _load().by_pair


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type (TaxonomyError for a pair that is not ACLED's)."""
    return row(event_type, sub_event_type).disorder_type


def colour(event_type: str) -> str:
    """The map colour of an event type, "#rrggbb" (TaxonomyError for an unknown type)."""
    return _subs(event_type)[0].colour


def merge_rank(event_type: str, sub_event_type: str) -> int | None:
    """The merge's preference for a sub-event type within its event type (lower wins; None: no order)."""
    return row(event_type, sub_event_type).merge_rank


# ----------------------------------------------------------------------------------------------------------------
# ACLED's actor types, interaction codes, civilian targeting and regions (geomap/lexicon/acled_actor_types.tsv,
# geomap/lexicon/acled_regions.tsv), and the phrase of the CSV's notes sentence (event_descriptions.tsv).

ACTOR_TYPES = "acled_actor_types.tsv"
REGIONS = "acled_regions.tsv"
DESCRIPTIONS = "event_descriptions.tsv"
CIVILIANS = 7


@dataclass(frozen=True)
class _ActorRule:
    pattern: re.Pattern[str]
    code: int
    country: str | None


@lru_cache(maxsize=1)
def _actor_table() -> tuple[dict[int, str], tuple[_ActorRule, ...]]:
    names: dict[int, str] = {}
    rules: list[_ActorRule] = []
    for fields in read_table(ACTOR_TYPES):
        kind, *rest = (f.strip() for f in fields)
        where = f"geomap/lexicon/{ACTOR_TYPES}"
        if kind == "code" and len(rest) == 2 and rest[0].isdigit():
            names[int(rest[0])] = rest[1]
        elif kind == "rule" and len(rest) in (2, 3) and rest[1].isdigit():
            try:
                pattern = re.compile(rest[0])
            except re.error as exc:
                raise TaxonomyError(f"{where}: bad pattern {rest[0]!r}: {exc}") from None
            rules.append(_ActorRule(pattern, int(rest[1]), (rest[2].upper() or None) if len(rest) == 3 else None))
        else:
            raise TaxonomyError(f"{where}: expected 'code N NAME' or 'rule PATTERN N [CC]', got {fields!r}")
    unknown = sorted({r.code for r in rules} - names.keys())
    if unknown:
        raise TaxonomyError(f"geomap/lexicon/{ACTOR_TYPES}: rules give codes with no 'code' row: {unknown}")
    return names, tuple(rules)


@lru_cache(maxsize=4096)
def actor_type(actor: str | None, country_code: str | None = None) -> int | None:
    """ACLED's actor type code (1-8) of an actor name as geomap writes it ("Military Forces of Russia" -> 1,
    "Civilians (Ukraine)" -> 7); None for no actor or one no rule of the table knows. ``country_code`` is the
    incident's country, for rules that hold in one country only."""
    if not actor:
        return None
    cc = country_code.upper() if country_code else None
    for rule in _actor_table()[1]:
        if (rule.country is None or rule.country == cc) and rule.pattern.fullmatch(actor.strip()):
            return rule.code
    return None


def actor_type_name(code: int | None) -> str | None:
    """ACLED's name of an actor type code (1 -> "State forces"); None for None or an unknown code."""
    return _actor_table()[0].get(code) if code is not None else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor type codes as one two-digit number, the lower first
    (state forces vs civilians, 1 and 7 -> 17); an actor alone is ten times its code (protesters alone -> 60);
    None when neither actor has a type."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def civilian_targeting(inter_codes: Sequence[int | None]) -> str | None:
    """ACLED's civilian_targeting: "Civilian targeting" when civilians (actor type 7) are an actor of the event
    (in geomap's incidents, the one attacked: civilians are never the attacker), else None (empty)."""
    return "Civilian targeting" if CIVILIANS in inter_codes else None


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    out: dict[str, str] = {}
    for fields in read_table(REGIONS):
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            raise TaxonomyError(f"geomap/lexicon/{REGIONS}: expected 'ISO2 REGION [NAME]', got {fields!r}")
        code = fields[0].strip().upper()
        if code in out:
            raise TaxonomyError(f"geomap/lexicon/{REGIONS}: {code} listed twice")
        out[code] = fields[1].strip()
    return out


def region(country_code: str | None) -> str | None:
    """ACLED's region of a country by its ISO 3166-1 alpha-2 code ("UA" -> "Europe", "SY" -> "Middle East");
    None for no code or one the table lacks."""
    return _regions().get(country_code.upper()) if country_code else None


@lru_cache(maxsize=1)
def _descriptions() -> dict[str, str]:
    out: dict[str, str] = {}
    for fields in read_table(DESCRIPTIONS):
        if len(fields) != 2 or "{at}" not in fields[1]:
            raise TaxonomyError(f"geomap/lexicon/{DESCRIPTIONS}: expected 'SUB_EVENT_TYPE PHRASE' with {{at}}, "
                                f"got {fields!r}")
        out[fields[0].strip()] = fields[1].strip()
    return out


def description_phrase(sub_event_type: str) -> str | None:
    """The phrase of a sub-event type for the CSV's notes sentence ("{a1} clashed[ with {a2}] in {at}"), or None."""
    return _descriptions().get(sub_event_type)
