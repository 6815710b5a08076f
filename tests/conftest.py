"""Shared fixtures: `make_incident(**overrides)` builds a valid Incident with sensible defaults."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from geomap.model import Incident, Place, SourceRef

_PLACE_FIELDS = {f.name for f in dataclasses.fields(Place)}
_counter = itertools.count(1)


def build_incident(**overrides: Any) -> Incident:
    """An Incident in Berestyn (Kharkiv region, UA) with one source; any field can be overridden.

    Place fields (lat, lon, name, country_code, admin1, geonameid, feature...) may be given
    directly; `place=` replaces the whole Place.
    """
    place_over = {k: overrides.pop(k) for k in list(overrides) if k in _PLACE_FIELDS}
    place = overrides.pop("place", None) or Place(
        geonameid=706524,
        name="Berestyn",
        lat=49.38,
        lon=35.43,
        country_code="UA",
        feature="city",
        admin1_code="UA.07",
        admin1="Kharkiv Oblast",
        population=20000,
        feature_code="PPL",
    )
    if place_over:
        place = dataclasses.replace(place, **place_over)
    n = next(_counter)
    fields: dict[str, Any] = {
        "event_id": f"GM{n:06d}",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "place": place,
        "location": place.name,
        "geo_precision": 1,
        "event_date": dt.date(2025, 11, 18),
        "time_precision": 1,
        "fatalities": 2,
        "injured": 5,
        "actor1": "Military Forces of Russia",
        "actor2": "Civilians (Ukraine)",
        "quotes": ("A drone struck a warehouse in the town overnight, killing two people.",),
        "sources": (
            SourceRef(
                article_id=f"article-{n}",
                title=f"Drone strike on town {n}",
                url=f"https://news.example.org/{n}",
                source="Example Wire",
                published=dt.datetime(2025, 11, 19, 9, 30, tzinfo=dt.timezone.utc),
            ),
        ),
        "notes": (),
        "mention_text": place.name,
    }
    fields.update(overrides)
    return Incident(**fields)


@pytest.fixture
def make_incident() -> Callable[..., Incident]:
    """Factory fixture: make_incident(fatalities=None, lat=50.0, ...)."""
    return build_incident
