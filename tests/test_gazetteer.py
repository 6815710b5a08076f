"""Tests for geomap.gazetteer against the real built index: rankings news depends on, errors, reverse, outlines.

Every expected geonameid was checked against GeoNames; a wrong ranking, a missing alias or a renamed place fails here.
Known gazetteer bugs are ``xfail(strict=True)``: they fail loudly (XPASS) once fixed, so the marker gets removed.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import shape

from geomap.build import INDEX_NAME, NAMES_NAME, SCHEMA_VERSION, build, write_name_index
from geomap.errors import GazetteerError, QueryError
from geomap.gazetteer import MAX_QUERY_LENGTH, Gazetteer, NameIndex, default_gazetteer, haversine_km

BERESTYN = 704388  # renamed from Krasnohrad in 2024
DONETSK_OBLAST = 709716
KYIV = 703448


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def first(gazetteer: Gazetteer, name: str, **kwargs):  # noqa: ANN201 - a Place
    found = gazetteer.lookup(name, **kwargs)
    assert found, f"nothing found for {name!r}"
    return found[0]


@pytest.mark.parametrize("name", ["Berestyn", "Krasnohrad", "berestyn", "KRASNOHRAD"])
def test_renamed_town_resolves_to_one_place(gazetteer, name):
    place = first(gazetteer, name)
    assert place.geonameid == BERESTYN
    assert (place.name, place.country_code, place.admin1, place.feature) == ("Berestyn", "UA", "Kharkiv Oblast", "city")


@pytest.mark.parametrize("name", ["Donetsk Oblast", "Donetsk region", "Donetska oblast", "Donetsk Oblast'"])
def test_oblast_forms_name_the_ukrainian_region_never_a_russian_place(gazetteer, name):
    top = gazetteer.lookup(name, limit=5)
    assert top[0].geonameid == DONETSK_OBLAST
    assert top[0].feature == "admin1"
    assert all(p.country_code != "RU" for p in top), [(p.name, p.country_code) for p in top]


def test_country_beats_same_named_towns(gazetteer):
    place = first(gazetteer, "Turkey")
    assert (place.geonameid, place.feature, place.country_code) == (298795, "country", "TR")


def test_paris_is_france_unless_the_country_says_otherwise(gazetteer):
    assert first(gazetteer, "Paris").geonameid == 2988507
    assert first(gazetteer, "Paris", country="US").geonameid == 4717560  # Paris, Texas: the largest US Paris
    assert first(gazetteer, "Paris", country="us").geonameid == 4717560
    assert all(p.country_code == "US" for p in gazetteer.lookup("Paris", country="US", limit=None))


def test_pokrovsk_is_the_donetsk_town(gazetteer):
    place = first(gazetteer, "Pokrovsk")
    assert (place.geonameid, place.admin1) == (704422, "Donetsk Oblast")


@pytest.mark.parametrize("name", ["Kyiv", "Kiev", "Київ", "KYIV", "Kyjiv", "Kyïv"])
def test_kyiv_spellings(gazetteer, name):
    assert first(gazetteer, name).geonameid == KYIV


def test_limit_and_country_filter(gazetteer):
    assert len(gazetteer.lookup("Paris", limit=3)) == 3
    assert len(gazetteer.lookup("Paris", limit=None)) > 10
    assert gazetteer.lookup("Berestyn", country="RU") == []


def test_unknown_name_is_empty_not_an_error(gazetteer):
    assert gazetteer.lookup("Qwxzvbrt") == []
    assert gazetteer.lookup("...") == []  # normalises to nothing


def test_reverse_point_in_donetsk_oblast(gazetteer):
    city, region, country = gazetteer.reverse(48.0, 37.8)
    assert country is not None and country.country_code == "UA"
    assert region is not None and (region.geonameid, region.name) == (DONETSK_OBLAST, "Donetsk Oblast")
    assert city is not None and city.country_code == "UA" and city.admin1_code == region.admin1_code
    assert haversine_km(48.0, 37.8, city.lat, city.lon) <= 50


def test_reverse_open_sea_has_no_place(gazetteer):
    assert gazetteer.reverse(0.0, -30.0) == (None, None, None)


def test_reverse_town_is_the_nearest(gazetteer):
    city, region, _country = gazetteer.reverse(49.3776, 35.44485)
    assert city.geonameid == BERESTYN and region.geonameid == 706482


def test_us_counties_without_a_large_town_are_placed_from_their_zip_codes(gazetteer):
    # Laurel County, Kentucky has no town of 15,000; its seat London, KY is at 37.13, -84.08.
    laurel = [p for p in gazetteer.lookup("Laurel County", limit=20) if p.admin1_code == "US.KY"]
    assert laurel and laurel[0].feature == "admin2"
    assert haversine_km(laurel[0].lat, laurel[0].lon, 37.13, -84.08) < 40
    # a county's population is its towns': Henry County, Tennessee (Paris, 10,000) outweighs an empty one
    henry_tn = [p for p in gazetteer.lookup("Henry County", limit=30) if p.admin1_code == "US.TN"]
    assert henry_tn and henry_tn[0].population > 5000


def test_small_us_towns_come_from_zip_codes_without_a_geonames_id(gazetteer):
    [colony] = gazetteer.lookup("Tennessee Colony")
    assert colony.admin1_code == "US.TX" and colony.geonameid is None and colony.feature == "city"
    assert haversine_km(colony.lat, colony.lon, 31.83, -95.84) < 30


@pytest.mark.parametrize("word, cc", [("Ukrainian", "UA"), ("ukrainian", "UA"), ("Ukrainians", "UA"),
                                      ("Russian", "RU"), ("Sudanese", "SD")])
def test_demonyms_name_countries(gazetteer, word, cc):
    assert gazetteer.demonym(word) == cc


def test_a_demonym_is_not_a_place_name(gazetteer):
    assert all(p.country_code != "UA" or p.feature != "country" for p in gazetteer.lookup("Ukrainian"))
    assert gazetteer.demonym("Berestyn") is None


@pytest.mark.parametrize("query, message", [
    ("", "empty"),
    ("   ", "empty"),
    ("x" * 10_000, "too long"),
    ("x" * (MAX_QUERY_LENGTH + 1), "too long"),
    ("Kyiv\x00", "control"),
    ("Ky\niv", "control"),
    ("Kyiv\x85", "control"),
])
def test_unanswerable_queries_raise_query_error(gazetteer, query, message):
    with pytest.raises(QueryError, match=message) as info:
        gazetteer.lookup(query)
    assert isinstance(info.value, ValueError)
    assert "\n" not in str(info.value) and len(str(info.value)) < 120  # one clear line, not the query echoed


def test_longest_allowed_query_is_answered(gazetteer):
    assert gazetteer.lookup("x" * MAX_QUERY_LENGTH) == []


# (query, geonameid or None for our own rows, country, feature). Ids checked against GeoNames.
CASES = [
    ("Moscow", 524901, "RU", "city"),
    ("London", 2643743, "GB", "city"),
    ("Berlin", 2950159, "DE", "city"),
    ("Warsaw", 756135, "PL", "city"),
    ("Khartoum", 379252, "SD", "city"),
    ("Ankara", 323786, "TR", "city"),
    ("Tehran", 112931, "IR", "city"),
    ("Kabul", 1138958, "AF", "city"),
    ("Damascus", 170654, "SY", "city"),
    ("Gaza Strip", None, "PS", "region"),
    ("the Gaza Strip", None, "PS", "region"),
    ("West Bank", None, "PS", "region"),
    ("Donbas", None, "UA", "region"),
    ("Darfur", None, "SD", "region"),
    ("Zaporizhzhia Nuclear Power Plant", None, "UA", "other"),
    ("U.S.", 6252001, "US", "country"),
    ("the United States", 6252001, "US", "country"),
    ("UK", 2635167, "GB", "country"),
    ("Britain", 2635167, "GB", "country"),
    ("Türkiye", 298795, "TR", "country"),
    ("Ukraine", 690791, "UA", "country"),
    ("Russia", 2017370, "RU", "country"),
    ("Sudan", 366755, "SD", "country"),
    ("Kharkiv region", 706482, "UA", "admin1"),
    ("Kharkiv Oblast", 706482, "UA", "admin1"),
    ("Crimea", 703883, "UA", "admin1"),
    ("Kherson", 706448, "UA", "city"),
    ("Sumy", 692194, "UA", "city"),
    ("Odesa", 698740, "UA", "city"),
    ("Odessa", 698740, "UA", "city"),
    ("Mykolaiv", 700569, "UA", "city"),
    ("El Fasher", 379555, "SD", "city"),
    ("Khan Younis", 281124, "PS", "city"),
    ("Dnipro", 709930, "UA", "city"),
    ("Kupiansk", 703656, "UA", "city"),
    ("Kupyansk", 703656, "UA", "city"),
    ("Kramatorsk", 704508, "UA", "city"),
    ("Bakhmut", 713174, "UA", "city"),
    ("Artemivsk", 713174, "UA", "city"),
    ("Avdiivka", 713122, "UA", "city"),
    ("Chasiv Yar", 710915, "UA", "city"),
    ("Luhansk", 702658, "UA", "city"),
    ("Sevastopol", 694423, "UA", "city"),
    ("Zaporizhzhia", 687700, "UA", "city"),
    ("Belgorod", 578072, "RU", "city"),
]


@pytest.mark.parametrize("query, geonameid, cc, feature", CASES, ids=[c[0] for c in CASES])
def test_news_places(gazetteer, query, geonameid, cc, feature):
    place = first(gazetteer, query)
    assert (place.geonameid, place.country_code, place.feature) == (geonameid, cc, feature), place


@pytest.mark.parametrize("query, geonameid", [
    ("Sloviansk", 693468),  # GeoNames also lists Slov'iansk among Nikopol's alternate names
    ("Kyiv Oblast", 703446),  # never Kyiv City, which shares the base name
    ("Kyiv region", 703446),
    ("Kupyansk", 703656),
])
def test_current_forms_win_over_other_places_alternate_names(gazetteer, query, geonameid):
    assert first(gazetteer, query).geonameid == geonameid


@pytest.mark.parametrize("query, geonameid", [("Dordogne", 3021042), ("Aude", 3036264), ("Loire-Atlantique", 2997861)])
def test_french_departements_are_not_taken_for_regions(gazetteer, query, geonameid):
    # Natural Earth's French "admin-1" units are départements; linked by number they named the wrong regions
    # (Dordogne = 24 -> FR.24 Centre-Val de Loire).
    assert first(gazetteer, query).geonameid == geonameid


def test_paris_is_not_a_region_of_aquitaine(gazetteer):
    assert all(p.geonameid != 11071620 for p in gazetteer.lookup("Paris", limit=None))


@pytest.mark.parametrize("kind, at_least", [("country", 200), ("admin1", 3000)])
def test_outlines_are_valid_geojson_geometries(gazetteer, kind, at_least):
    collection = gazetteer.outlines_geojson(kind)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) >= at_least
    codes = [f["properties"]["code"] for f in features]
    assert len(set(codes)) == len(codes)
    for feature in features:
        assert feature["type"] == "Feature"
        geom = shape(feature["geometry"])
        assert geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_empty, feature["properties"]


@pytest.mark.parametrize("kind", ["country", "admin1"])
def test_outlines_are_valid_shapely_geometries(gazetteer, kind):
    # Natural Earth ships two invalid shapes (US: a hole outside its shell; BR.29: a self-intersecting ring)
    invalid = [f["properties"]["code"] for f in gazetteer.outlines_geojson(kind)["features"]
               if not shape(f["geometry"]).is_valid]
    assert invalid == []


def test_ukraine_outline_contains_berestyn_and_crimea(gazetteer):
    assert gazetteer.region_code_at(49.3776, 35.44485, "country") == "UA"
    assert gazetteer.region_code_at(44.95, 34.10, "country") == "UA"  # Simferopol: de-jure outlines
    assert gazetteer.region_code_at(49.3776, 35.44485) == "UA.07"


def test_info_counts(gazetteer):
    info = gazetteer.info()
    counts = info["places"]
    assert counts["city"] > 230_000
    assert counts["country"] >= 240
    assert counts["admin1"] > 3_500
    assert info["names"] > counts["city"]
    assert info["schema_version"] == str(SCHEMA_VERSION) and info["size_bytes"] > 0


def test_names_set_holds_the_recognizer_keys(gazetteer):
    names = gazetteer.names
    assert {"berestyn", "krasnohrad", "donetsk oblast", "kyiv", "gaza strip"} <= names
    assert "qwxzvbrt" not in names


def test_name_index_is_the_set_of_keys_written(tmp_path):
    keys = ["kyiv", "gaza strip", "ḩadīthah", "são paulo", "a", "ab", "kyi", "kyivv", "x" * 300]
    path = tmp_path / "names"
    assert write_name_index(keys, path) == len(keys)
    names = NameIndex(path)
    assert len(names) == len(keys) and set(names) == set(keys) and set(keys) <= names
    for key in keys:
        assert key in names
    for absent in ("", "k", "ky", "kyivvv", "Kyiv", "gaza", "x" * 299, "x" * 70_000, "\ud800", "kyiv\x00"):
        assert absent not in names
    assert 42 not in names and None not in names
    assert len(NameIndex(_written(tmp_path / "empty", []))) == 0 and "kyiv" not in NameIndex(tmp_path / "empty")


def _written(path: Path, keys: list[str]) -> Path:
    write_name_index(keys, path)
    return path


def test_a_name_index_of_another_format_is_a_clear_error(tmp_path):
    (tmp_path / "old").write_bytes(b"\x80\x04old marshal data")
    with pytest.raises(GazetteerError, match="name index"):
        NameIndex(tmp_path / "old")
    (tmp_path / "empty").write_bytes(b"")
    with pytest.raises(GazetteerError, match="name index"):
        NameIndex(tmp_path / "empty")


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="no gazetteer index"):
        Gazetteer(tmp_path)
    with pytest.raises(GazetteerError):
        Gazetteer.open(tmp_path, build_if_missing=False)


USER_ROW = "\t".join([
    "100000042", "Zorvantsi", "Zorvantsi", "Zorvantsy,Zorvantsi Settlement", "49.50000", "36.10000", "P", "PPL",
    "UA", "", "07", "", "", "", "1200", "", "150", "Europe/Kyiv", "2025-11-20",
])


def test_build_with_a_user_row(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my own places\n" + USER_ROW + "\n", encoding="utf-8")
    report = build(tmp_path / "index", extra=[extra])
    assert (tmp_path / "index" / INDEX_NAME).exists() and (tmp_path / "index" / NAMES_NAME).exists()
    assert report.counts["city"] > 230_000
    info = Gazetteer(tmp_path / "index").info()  # the build's figures and info's are the same two counts
    assert (info["places"], info["names"], info["distinct_names_recognized"]) == \
        (report.counts, report.name_rows, report.names)
    assert f"{report.name_rows:,} names of places ({report.names:,} distinct names" in report.summary()
    assert report.name_rows > report.names > 900_000

    built = Gazetteer(tmp_path / "index")
    for name in ("Zorvantsi", "Zorvantsy", "zorvantsi settlement"):
        place = first(built, name)
        assert (place.geonameid, place.name, place.feature) == (100000042, "Zorvantsi", "city")
        assert (place.country_code, place.admin1_code, place.admin1) == ("UA", "UA.07", "Kharkiv Oblast")
        assert (place.lat, place.lon, place.population) == (49.5, 36.1, 1200)
    assert built.info()["user_rows"] == "1"
    assert "zorvantsy" in built.names
    assert first(built, "Berestyn").geonameid == BERESTYN  # the rest is still there


def test_default_gazetteer_is_shared():
    assert default_gazetteer() is default_gazetteer()


def test_default_index_lives_in_the_data_dir(gazetteer):
    assert Path(gazetteer.info()["path"]).name == INDEX_NAME


@pytest.mark.parametrize("query, geonameid", [
    ("Nueva Ecija", 1697473),  # GeoNames: "Province of Nueva Ecija"
    ("Pangasinan Province", 1695357),
    ("Kadiogo", 2359923),  # "Kadiogo Province", Burkina Faso
])
def test_second_level_units_answer_to_their_bare_names(gazetteer, query, geonameid):
    assert geonameid in [p.geonameid for p in gazetteer.lookup(query, limit=5)]


def test_a_generic_district_lends_no_bare_name(gazetteer):
    # the Philippines' "Capital District" is a second-level unit; "Capital" alone is not its name
    assert any(p.feature == "admin2" for p in gazetteer.lookup("Capital District", limit=None))
    assert all(p.name != "Capital District" for p in gazetteer.lookup("Capital", limit=None))


@pytest.mark.parametrize("query, cc", [("Qamishli", "SY"), ("Hodeidah", "YE"), ("Raqqah", "SY")])
def test_arabic_names_answer_without_their_article(gazetteer, query, cc):
    # GeoNames writes "Al Qāmishlī", "Al Ḩudaydah", "Ar Raqqah"; news mostly drops the article
    place = first(gazetteer, query)
    assert (place.country_code, place.feature) == (cc, "city") and place.population > 100_000


def test_the_article_is_kept_off_only_in_arabic_speaking_countries(gazetteer):
    assert all(p.country_code != "US" for p in gazetteer.lookup("Paso", limit=None))  # not El Paso, Texas


def test_regions_show_no_population_towns_and_countries_theirs(gazetteer):
    """A region's stored figure is only the sum of its towns (city sections beside the city: Kyiv City 7.4 M),
    so it is not shown as a population; a town's and a country's GeoNames figures are."""
    from geomap.gazetteer import shown_population

    kyiv_city = next(p for p in gazetteer.lookup("Kyiv City", country="UA", limit=0) if p.feature == "admin1")
    donetsk = next(p for p in gazetteer.lookup("Donetsk Oblast", country="UA", limit=0) if p.feature == "admin1")
    assert kyiv_city.population > 5_000_000  # the inflated sum, kept for ranking only
    assert shown_population(kyiv_city) is None and shown_population(donetsk) is None
    kyiv = first(gazetteer, "Kyiv")
    assert kyiv.feature == "city" and shown_population(kyiv) == kyiv.population > 2_000_000
    ukraine = next(p for p in gazetteer.lookup("Ukraine", limit=0) if p.feature == "country")
    assert shown_population(ukraine) == ukraine.population > 30_000_000


def test_lookup_prints_no_population_for_a_region():
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "lookup", "Donetsk Oblast", "--country",
                             "UA", "--limit", "0"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(r["feature"] == "admin1" and r["population"] is None for r in rows)


def test_a_town_of_15000_knows_its_district_and_a_village_has_none(gazetteer):
    kharkiv = gazetteer.lookup("Kharkiv")[0]
    code, name = gazetteer.town_admin2(kharkiv.geonameid)
    assert name == "Kharkiv Raion" and code.startswith("UA.07.")
    village = next(p for p in gazetteer.lookup("Arkhanhelske") if p.population < 15_000)
    assert gazetteer.town_admin2(village.geonameid) is None


def test_a_countrys_capital(gazetteer):
    assert gazetteer.capital("rs").name == "Belgrade"
    assert gazetteer.capital("ZZ") is None
