"""Tests for geomap.geocoder.LocalGazetteer: geopy's Geocoder contract (as Nominatim has it), offline."""
from __future__ import annotations

import pickle
import threading
import time

import pytest
from geopy.exc import GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.errors import QueryError
from geomap.gazetteer import default_gazetteer
from geomap.geocoder import LocalGazetteer

RAW_KEYS = {"geonameid", "name", "lat", "lon", "country_code", "feature", "feature_code", "admin1_code", "admin1",
            "population", "country", "display_name"}


@pytest.fixture(scope="module")
def geocoder() -> LocalGazetteer:
    return LocalGazetteer(gazetteer=default_gazetteer())


def test_is_a_geopy_geocoder_and_opens_nothing_up_front(tmp_path):
    lazy = LocalGazetteer(data_dir=tmp_path / "no-index-here")  # nothing is read until the first query
    assert isinstance(lazy, Geocoder)
    assert lazy.headers["User-Agent"] == "geomap"
    assert LocalGazetteer(user_agent="my-app").headers["User-Agent"] == "my-app"


def test_never_uses_the_network(geocoder):
    with pytest.raises(GeocoderServiceError, match="no network"):
        geocoder.adapter.get_json("https://nominatim.openstreetmap.org/search?q=Kyiv", timeout=1, headers={})
    with geocoder as same:  # the sync context manager works like Nominatim's
        assert same.geocode("Kyiv").raw["geonameid"] == 703448


def test_geocode_returns_a_location(geocoder):
    loc = geocoder.geocode("Berestyn")
    assert isinstance(loc, Location)
    assert loc.address == "Berestyn, Kharkiv Oblast, Ukraine"
    assert (loc.latitude, loc.longitude) == pytest.approx((49.3776, 35.44485))
    assert isinstance(loc.point, Point)
    assert RAW_KEYS <= set(loc.raw)
    assert loc.raw["geonameid"] == 704388
    assert (loc.raw["feature"], loc.raw["country_code"], loc.raw["admin1"], loc.raw["country"]) == (
        "city", "UA", "Kharkiv Oblast", "Ukraine")
    assert loc.raw["population"] > 10_000
    assert loc.raw["display_name"] == loc.address
    assert loc == pickle.loads(pickle.dumps(loc))


def test_former_name_finds_the_renamed_town(geocoder):
    assert geocoder.geocode("Krasnohrad").address == "Berestyn, Kharkiv Oblast, Ukraine"


@pytest.mark.parametrize("query, address, geonameid", [
    ("Donetsk region", "Donetsk Oblast, Ukraine", 709716),
    ("Turkey", "Turkey", 298795),
    ("Kyiv", "Kyiv, Ukraine", 703448),  # the city's region is also called Kyiv: said once
    ("Zaporizhzhia Nuclear Power Plant", "Zaporizhzhia Nuclear Power Plant, Zaporizhzhia Oblast, Ukraine", None),
    ("Gaza Strip", "Gaza Strip, Palestinian Territory", None),
])
def test_addresses_by_feature(geocoder, query, address, geonameid):
    loc = geocoder.geocode(query)
    assert (loc.address, loc.raw["geonameid"]) == (address, geonameid)


@pytest.mark.parametrize("query, geonameid", [
    ("Paris", 2988507),
    ("Paris, Texas", 4717560),
    ("Paris, Tennessee", 4647963),
    ("Paris,Texas", 4717560),
    ("Paris, Texas, US", 4717560),
    ("Paris, Texas, United States", 4717560),
    ("Paris, US", 4717560),
    ("Paris, France", 2988507),
    ("Athens, Georgia", 4180386),  # Georgia is a country and a state: the town is in the state
    ("Donetsk, Ukraine", 709717),
    ("Pokrovsk, Donetsk Oblast", 704422),
    ("Rafah, Gaza Strip", 281102),  # a named region restricts to its country
    ("Mykolaiv, Lviv Oblast", 700568),
])
def test_qualified_queries(geocoder, query, geonameid):
    assert geocoder.geocode(query).raw["geonameid"] == geonameid


@pytest.mark.parametrize("query", ["Paris, Nowhereland", "Berestyn, Russia", "Qwxzv, Ukraine", "Qwxzv"])
def test_nothing_found_is_none(geocoder, query):
    assert geocoder.geocode(query) is None
    assert geocoder.geocode(query, exactly_one=False) is None  # as Nominatim: None, not []


def test_structured_query(geocoder):
    assert geocoder.geocode({"city": "Paris", "state": "Texas", "country": "US"}).raw["geonameid"] == 4717560
    assert geocoder.geocode({"city": "Paris", "county": "Lamar", "state": "Texas"}).raw["geonameid"] == 4717560
    assert geocoder.geocode({"country": "Ukraine"}).raw["feature"] == "country"
    with pytest.raises(QueryError):
        geocoder.geocode({"postalcode": "75001"})


def test_exactly_one_false_returns_a_ranked_list(geocoder):
    found = geocoder.geocode("Paris", exactly_one=False)
    assert isinstance(found, list) and all(isinstance(loc, Location) for loc in found)
    assert len(found) == 10  # Nominatim's default
    assert found[0].raw["geonameid"] == 2988507
    assert len(geocoder.geocode("Paris", exactly_one=False, limit=3)) == 3
    assert [loc.raw["geonameid"] for loc in geocoder.geocode("Paris", exactly_one=False, limit=50)][:1] == [2988507]
    assert len(geocoder.geocode("Berestyn", exactly_one=False)) == 1
    assert geocoder.geocode("Paris", limit=5).raw["geonameid"] == 2988507  # limit ignored with exactly_one


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_below_one_is_an_error(geocoder, limit):
    with pytest.raises(ValueError, match="limit"):
        geocoder.geocode("Paris", exactly_one=False, limit=limit)


@pytest.mark.parametrize("codes", ["us", "US", ["us"], ("US", "CA"), {"us"}])
def test_country_codes_filter(geocoder, codes):
    found = geocoder.geocode("Paris", exactly_one=False, country_codes=codes, limit=50)
    allowed = {codes.upper()} if isinstance(codes, str) else {c.upper() for c in codes}
    assert found and all(loc.raw["country_code"] in allowed for loc in found)
    assert found[0].raw["geonameid"] == 4717560


def test_country_codes_can_empty_the_result(geocoder):
    assert geocoder.geocode("Berestyn", country_codes="ru") is None
    assert geocoder.geocode("Berestyn", country_codes=[]).raw["geonameid"] == 704388  # empty = no filter


def test_featuretype(geocoder):
    assert geocoder.geocode("Georgia", featuretype="country").raw["country_code"] == "GE"
    state = geocoder.geocode("Georgia", featuretype="state")
    assert (state.raw["country_code"], state.raw["feature"]) == ("US", "admin1")
    assert geocoder.geocode("Kharkiv", featuretype="city").raw["geonameid"] == 706483
    with pytest.raises(QueryError, match="featuretype"):
        geocoder.geocode("Kharkiv", featuretype="street")


def test_viewbox(geocoder):
    texas = [(36.5, -106.6), (25.8, -93.5)]
    assert geocoder.geocode("Paris", viewbox=texas).raw["geonameid"] == 4717560  # a hint: inside first
    bounded = geocoder.geocode("Paris", viewbox=[Point(36.5, -106.6), Point(25.8, -93.5)], bounded=True,
                               exactly_one=False)
    assert bounded[0].raw["geonameid"] == 4717560
    assert all(25.8 <= loc.latitude <= 36.5 and -106.6 <= loc.longitude <= -93.5 for loc in bounded)
    assert geocoder.geocode("Berestyn", viewbox=texas, bounded=True) is None
    with pytest.raises(QueryError, match="viewbox"):
        geocoder.geocode("Paris", viewbox=["nowhere", "else"])


def test_nominatim_only_options_are_accepted(geocoder):
    loc = geocoder.geocode("Sumy", addressdetails=True, language="en", extratags=True, namedetails=True,
                           geometry="geojson", timeout=5)
    assert loc.raw["geonameid"] == 692194


@pytest.mark.parametrize("query, message", [
    ("", "empty"), ("  ", "empty"), ("x" * 10_000, "too long"), ("Kyiv\x00", "control"), (None, "not NoneType"),
    (42, "not int"), ({}, "empty"),
])
def test_bad_geocode_queries_raise_query_error(geocoder, query, message):
    with pytest.raises(QueryError, match=message) as info:
        geocoder.geocode(query)
    assert isinstance(info.value, ValueError)
    assert not isinstance(info.value, GeocoderServiceError)  # never retried by RateLimiter


# -- reverse -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["48.0, 37.8", "48.0,37.8", (48.0, 37.8), [48.0, 37.8], Point(48.0, 37.8),
                                   (48.0, 37.8, 0.0), "48 N, 37.8 E"])
def test_reverse_accepts_every_point_shape(geocoder, query):
    loc = geocoder.reverse(query)
    assert isinstance(loc, Location)
    assert (loc.raw["country_code"], loc.raw["admin1"], loc.raw["country"]) == ("UA", "Donetsk Oblast", "Ukraine")
    assert loc.address.endswith(", Donetsk Oblast, Ukraine")
    assert loc.raw["feature"] == "city" and 0 <= loc.raw["distance_km"] <= 50


def test_reverse_finds_the_town_at_the_point(geocoder):
    loc = geocoder.reverse((49.3776, 35.44485))
    assert loc.raw["geonameid"] == 704388 and loc.raw["distance_km"] < 1
    assert loc.address == "Berestyn, Kharkiv Oblast, Ukraine"
    assert RAW_KEYS | {"distance_km"} <= set(loc.raw)


def test_reverse_exactly_one_false_is_a_list(geocoder):
    found = geocoder.reverse("49.3776, 35.44485", exactly_one=False)
    assert isinstance(found, list) and [loc.raw["geonameid"] for loc in found] == [704388]


def test_reverse_without_a_town_nearby_gives_the_region(geocoder):
    loc = geocoder.reverse((71.0, 90.0))  # the Taymyr tundra: no town within 50 km
    assert loc.raw["feature"] == "admin1" and loc.raw["country_code"] == "RU"
    assert loc.address == f"{loc.raw['name']}, Russia"
    assert loc.raw["distance_km"] > 50


def test_reverse_zoom_levels(geocoder):
    assert geocoder.reverse((48.0, 37.8), zoom=18).raw["feature"] == "city"
    assert geocoder.reverse((48.0, 37.8), zoom=8).raw["geonameid"] == 709716
    country = geocoder.reverse((48.0, 37.8), zoom=3)
    assert (country.raw["geonameid"], country.address) == (690791, "Ukraine")


def test_reverse_in_the_open_sea_is_none(geocoder):
    assert geocoder.reverse((0.0, -30.0)) is None
    assert geocoder.reverse((0.0, -30.0), exactly_one=False) is None


@pytest.mark.filterwarnings("ignore:Latitude normalization:UserWarning")  # geopy warns before refusing lat 95
@pytest.mark.parametrize("query", ["", "abc", "x" * 10_000, "48.0\x00, 37.8", None, 5, (95.0, 0.0),
                                   (float("nan"), 1.0), (1.0,), (1, 2, 3, 4)])
def test_bad_reverse_queries_raise_query_error(geocoder, query):
    with pytest.raises(QueryError) as info:
        geocoder.reverse(query)
    assert isinstance(info.value, ValueError) and len(str(info.value)) < 200


# -- RateLimiter and threads -----------------------------------------------------------------------------------------

def test_rate_limiter_wraps_geocode_and_reverse(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0.01)
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0.01)
    assert geocode("Berestyn").raw["geonameid"] == 704388
    assert geocode("Paris", country_codes="us").raw["geonameid"] == 4717560
    assert [loc.raw["geonameid"] for loc in geocode("Paris", exactly_one=False, limit=2)][0] == 2988507
    assert reverse("48.0, 37.8").raw["admin1"] == "Donetsk Oblast"
    assert geocode("Qwxzv") is None


def test_rate_limiter_does_not_retry_or_swallow_a_bad_query(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0, max_retries=2, error_wait_seconds=5,
                          swallow_exceptions=True)
    started = time.perf_counter()
    with pytest.raises(QueryError):
        geocode("")
    assert time.perf_counter() - started < 2  # a GeocoderServiceError would have slept 2 x 5 s, then given None


def test_concurrent_queries_from_threads():
    geocoder = LocalGazetteer()  # lazily opened from several threads at once
    results: list[int | None] = []

    def work() -> None:
        results.append(geocoder.geocode("Berestyn").raw["geonameid"])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [704388] * 8
