"""The data that flows through the pipeline: small frozen value types, no I/O.

Coordinates are (lat, lon) everywhere in the code; only GeoJSON and shapely get (lon, lat).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

FeatureKind = Literal["city", "admin1", "admin2", "country", "region", "other"]
FEATURE_KINDS: tuple[str, ...] = ("city", "admin1", "admin2", "country", "region", "other")


@dataclass(frozen=True)
class Article:
    """One news article: its body text and what is known about it."""

    id: str
    body: str
    title: str | None = None
    published: dt.datetime | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from, for messages
    line: int | None = None  # the line of `path` it was read from (JSON Lines), for messages
    id_given: bool = False  # the id was given by the input (a header's `id:`, a JSONL "id"), not made from a name

    @property
    def origin(self) -> str | None:
        """Where it was read from, for messages: ``path`` or ``path:line``."""
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    feature: str  # one of FEATURE_KINDS
    admin1_code: str | None = None  # GeoNames "CC.A1", e.g. "UA.14"
    admin1: str | None = None  # clean English name of the first-level region
    population: int = 0
    feature_code: str | None = None  # GeoNames feature code where known (PPLC, ADM1, PCLI...)

    def __hash__(self) -> int:
        # equal places have equal ids, names and points: hashing those four is enough, and places are hashed
        # often while resolving
        return hash((self.geonameid, self.name, self.lat, self.lon))

    @property
    def __geo_interface__(self) -> dict[str, object]:
        return {"type": "Point", "coordinates": (self.lon, self.lat)}


@dataclass(frozen=True)
class Mention:
    """A toponym found in a text: exact character offsets into the body (end exclusive)."""

    start: int
    end: int
    text: str
    hint: str | None = None  # "region", "city", "county", "parish"... when the text says so ("Kharkiv region")
    qualifier: str | None = None  # text of an explicit qualifier ("Texas" in "Paris, Texas")


@dataclass(frozen=True)
class Candidate:
    place: Place
    score: float


@dataclass(frozen=True)
class Resolution:
    """A mention and the place chosen for it (or None, with the reason)."""

    mention: Mention
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
    score: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class SourceRef:
    """Where an incident was read: one article."""

    article_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.datetime | None = None


@dataclass(frozen=True)
class Incident:
    """One event at one place on one day, ACLED-style."""

    event_id: str
    event_type: str
    sub_event_type: str
    place: Place
    location: str  # place name as shown
    geo_precision: int  # 1 town, 2 near a town / part of a region, 3 region only
    event_date: dt.date | None = None
    time_precision: int = 1  # 1 day, 2 week, 3 month
    fatalities: int | None = None
    injured: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    quotes: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()
    mention_text: str | None = None  # the surface form in the article
    evidence: tuple[int, int] | None = None  # span of the quote in the first article's body
    rules: tuple[str, ...] = ()  # ids of the rules behind its type, place, date and counts ("type:territory")

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon

    @property
    def source_count(self) -> int:
        return len({s.article_id for s in self.sources}) or 1
