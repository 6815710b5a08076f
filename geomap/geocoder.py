"""The local gazetteer as a geopy geocoder: a drop-in for ``Nominatim`` that never touches the network.

>>> from geomap.geocoder import LocalGazetteer
>>> geocoder = LocalGazetteer()
>>> geocoder.geocode("Berestyn").address
'Berestyn, Kharkiv Oblast, Ukraine'
>>> geocoder.reverse("48.0, 37.8").raw["admin1"]
'Donetsk Oblast'

Same call shapes as ``geopy.geocoders.Nominatim`` (so it also works inside ``geopy.extra.rate_limiter.RateLimiter``):
``geocode(query, *, exactly_one=True, timeout=..., limit=None, country_codes=None, viewbox=None, bounded=False,
featuretype=None, ...)`` where ``query`` is a string ("Paris", "Paris, Texas", "Paris, Texas, US") or a structured
dict (``city``, ``county``, ``state``, ``country``, ``street``); ``reverse(query, *, exactly_one=True, timeout=...,
zoom=None, ...)`` where ``query`` is a geopy ``Point``, a ``(lat, lon)`` pair or a ``"lat, lon"`` string. Options that
only shape Nominatim's payload (``addressdetails``, ``language``, ``geometry``, ``extratags``, ``namedetails``) are
accepted and have no effect; ``timeout`` is accepted and ignored (nothing here waits on a server).

Results are geopy ``Location`` objects: ``address`` like ``"Berestyn, Kharkiv Oblast, Ukraine"``, ``point`` the
place's (lat, lon), ``raw`` the gazetteer row as a dict (``geonameid``, ``name``, ``lat``, ``lon``, ``country_code``,
``feature``, ``feature_code``, ``admin1_code``, ``admin1``, ``population``) plus ``country`` (its name) and
``display_name`` (the address, under Nominatim's key); reverse results add ``distance_km`` from the query point.

Errors. A query that matches nothing returns ``None``, as Nominatim does (also with ``exactly_one=False``). A query
no gazetteer can answer -- empty, over 200 characters, with control characters, a reverse query that is not a
coordinate pair, ``limit`` below 1, an unknown ``featuretype`` -- raises :class:`geomap.errors.QueryError`, a
``ValueError`` like geopy's own argument errors ("Must be a coordinate pair or Point"). It is deliberately *not*
``geopy.exc.GeocoderQueryError``: that one is a ``GeocoderServiceError``, which ``RateLimiter`` retries (sleeping
``error_wait_seconds`` each time) and then swallows into ``None``; a malformed query is the caller's mistake and
surfaces at once, whatever wraps the geocoder.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import threading
from typing import Any

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.errors import QueryError
from geomap.gazetteer import Gazetteer, check_query, default_gazetteer, haversine_km
from geomap.model import Place

__all__ = ["LocalGazetteer"]

DEFAULT_LIMIT = 10  # results with exactly_one=False and no limit (Nominatim's server default)
# Nominatim's ``featuretype`` values -> our feature kinds.
FEATURETYPES: dict[str, frozenset[str]] = {
    "country": frozenset({"country"}),
    "state": frozenset({"admin1"}),
    "city": frozenset({"city"}),
    "settlement": frozenset({"city", "admin2", "admin1", "country"}),
}
_STRUCTURED_KEYS = ("street", "city", "county", "state", "country")
_CONTAINERS = ("country", "admin1", "region")  # what a qualifier after a comma may name


class _NoNetwork(BaseSyncAdapter):
    """The adapter geopy's base class insists on: it refuses every request, so nothing can leak online."""

    def get_json(self, url: str, *, timeout: float | None, headers: dict) -> Any:
        raise GeocoderUnavailable(f"LocalGazetteer makes no network requests (asked for {url})")

    get_text = get_json


def _inside(place: Place, container: Place) -> bool:
    """True when ``place`` lies in ``container`` (a country, a first-level region, or a region of one country)."""
    if container.feature == "admin1":
        return place.admin1_code is not None and place.admin1_code == container.admin1_code
    return container.country_code is not None and place.country_code == container.country_code


class LocalGazetteer(Geocoder):
    """geopy ``Geocoder`` over geomap's local gazetteer (offline; see the module docstring for the contract).

    ``gazetteer``: an open :class:`~geomap.gazetteer.Gazetteer`; else the one in ``data_dir``; else the process-wide
    default. Nothing is opened until the first query.
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, data_dir: str | None = None,
                 user_agent: str = "geomap", timeout: Any = DEFAULT_SENTINEL) -> None:
        super().__init__(user_agent=user_agent, timeout=timeout, adapter_factory=_NoNetwork)
        self._gazetteer = gazetteer
        self._data_dir = data_dir
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            with self._lock:
                if self._gazetteer is None:
                    self._gazetteer = Gazetteer.open(self._data_dir) if self._data_dir else default_gazetteer()
        return self._gazetteer

    # -- geocode -------------------------------------------------------------------------------------------
    def geocode(self, query: str | collections.abc.Mapping, *, exactly_one: bool = True,
                timeout: Any = DEFAULT_SENTINEL, limit: int | None = None,
                country_codes: str | collections.abc.Iterable[str] | None = None,
                viewbox: collections.abc.Sequence | None = None, bounded: bool = False,
                featuretype: str | None = None, addressdetails: bool = False, language: str | bool = False,
                geometry: str | None = None, extratags: bool = False,
                namedetails: bool = False) -> Location | list[Location] | None:
        """Places for a name, best first: one ``Location``, a list of them (``exactly_one=False``), or None."""
        if limit is not None and int(limit) < 1:
            raise QueryError(f"limit must be at least 1, not {limit}")
        text = self._structured(query) if isinstance(query, collections.abc.Mapping) else query
        if not isinstance(text, str):
            raise QueryError(f"a query is a place name or a dict of its parts, not {type(query).__name__}")
        places = self._ranked(check_query(text))
        if country_codes:
            codes = {country_codes.upper()} if isinstance(country_codes, str) else {c.upper() for c in country_codes}
            places = [p for p in places if p.country_code in codes]
        if featuretype:
            kinds = FEATURETYPES.get(featuretype.lower())
            if kinds is None:
                raise QueryError(f"featuretype must be one of {', '.join(FEATURETYPES)}, not {featuretype!r}")
            places = [p for p in places if p.feature in kinds]
        if viewbox:
            places = self._in_viewbox(places, viewbox, bounded)
        if not places:
            return None
        if exactly_one:
            return self._location(places[0])
        return [self._location(p) for p in places[:int(limit) if limit else DEFAULT_LIMIT]]

    @staticmethod
    def _structured(query: collections.abc.Mapping) -> str:
        """A Nominatim structured query as one "name, qualifier, ..." string (postalcode is not indexed)."""
        parts = [str(query[k]) for k in _STRUCTURED_KEYS
                 if query.get(k) and not (k == "county" and query.get("city"))]  # no county outlines to filter by
        return ", ".join(parts)

    def _ranked(self, text: str) -> list[Place]:
        """Candidates for "name" or "name, qualifier[, qualifier...]", best first.

        The part after the last comma restricts the candidates of the part before it to those inside a country,
        first-level region or named region it can mean ("Paris, Texas"; "Athens, Georgia" keeps Athens in either
        Georgia). When it names no such container, or nothing lies inside it, the whole text is looked up as one
        name (some names hold a comma).
        """
        head, comma, tail = text.rpartition(",")
        if comma and head.strip() and tail.strip():
            containers = [p for p in self.gazetteer.lookup(tail.strip(), limit=None) if p.feature in _CONTAINERS]
            if containers:
                inside = [p for p in self._ranked(head.strip())
                          if any(_inside(p, c) for c in containers) and p not in containers]
                if inside:
                    return inside
        return self.gazetteer.lookup(text, limit=None)

    @staticmethod
    def _in_viewbox(places: list[Place], viewbox: collections.abc.Sequence, bounded: bool) -> list[Place]:
        try:
            corners = [p if isinstance(p, Point) else Point(p) for p in viewbox]
            (lat1, lon1), (lat2, lon2) = [(c.latitude, c.longitude) for c in corners]
        except (ValueError, TypeError):
            raise QueryError("viewbox must be two points: [(lat, lon), (lat, lon)]") from None

        def within(p: Place) -> bool:
            return min(lat1, lat2) <= p.lat <= max(lat1, lat2) and min(lon1, lon2) <= p.lon <= max(lon1, lon2)

        if bounded:
            return [p for p in places if within(p)]
        return sorted(places, key=lambda p: not within(p))  # stable: inside first, each group in rank order

    # -- reverse -------------------------------------------------------------------------------------------
    def reverse(self, query: Point | str | collections.abc.Sequence[float], *, exactly_one: bool = True,
                timeout: Any = DEFAULT_SENTINEL, language: str | bool = False, addressdetails: bool = True,
                zoom: int | None = None, namedetails: bool = False) -> Location | list[Location] | None:
        """The nearest populated place within 50 km of a point, else its first-level region, else its country.

        ``zoom`` as in Nominatim: below 5 answers with the country, below 10 with the first-level region.
        None when the point is in no country and no town is near (the open sea).
        """
        point = self._point(query)
        lat, lon = point.latitude, point.longitude
        city, region, country = self.gazetteer.reverse(lat, lon)
        level = 18 if zoom is None else int(zoom)
        choices = [city if level >= 10 else None, region if level >= 5 else None, country]
        place = next((p for p in choices if p is not None), None)
        if place is None:
            return None
        location = self._location(place, distance_km=round(haversine_km(lat, lon, place.lat, place.lon), 3))
        return location if exactly_one else [location]

    @staticmethod
    def _point(query: Any) -> Point:
        if isinstance(query, Point):
            return query
        if isinstance(query, str):
            check_query(query)
        elif not isinstance(query, collections.abc.Sequence) or len(query) not in (2, 3):
            raise QueryError(f"must be a coordinate pair, a \"lat, lon\" string or a geopy Point, not {query!r:.80}")
        try:
            return Point(query)
        except (ValueError, TypeError) as e:
            raise QueryError(f"not a coordinate pair: {query!r:.80} ({e})") from None

    # -- results -------------------------------------------------------------------------------------------
    def _country_name(self, cc: str | None) -> str | None:
        country = self.gazetteer.country(cc) if cc else None
        return country.name if country else cc

    def address(self, place: Place) -> str:
        """"Berestyn, Kharkiv Oblast, Ukraine": the place, its first-level region, its country (no repeats)."""
        parts: list[str | None] = [place.name]
        if place.feature != "country":
            parts += [place.admin1, self._country_name(place.country_code)]
        out: list[str] = []
        for part in parts:
            # "Kyiv, Kyiv City" and "Minsk, Minsk City" say the town twice: keep it once
            if part and (not out or part.casefold().removesuffix(" city") != out[-1].casefold()):
                out.append(part)
        return ", ".join(out)

    def _location(self, place: Place, **extra: Any) -> Location:
        address = self.address(place)
        raw = {**dataclasses.asdict(place), "country": self._country_name(place.country_code),
               "display_name": address, **extra}
        return Location(address, (place.lat, place.lon), raw)
