"""GeoJSON / CSV / JSONL export: the contract's shape, types, order and atomic writes."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from conftest import build_incident
from geomap.errors import OutputError
from geomap.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    disorder_type,
    incident_feature,
    incidents_to_geojson,
    to_stream,
    write_csv,
    write_geojson,
    write_jsonl,
)
from geomap.model import SourceRef

REQUIRED = {
    "event_id": str, "event_date": str, "time_precision": int, "event_type": str,
    "sub_event_type": str, "location": str, "geonameid": int, "admin1": str, "country": str,
    "latitude": float, "longitude": float, "geo_precision": int, "fatalities": int,
    "injured": int, "actor1": str, "actor2": str, "quote": str, "source": str,
    "source_url": str, "source_count": int, "notes": str,
}


def _two_sources(n: int = 0):
    return (
        SourceRef("a1", title=f"First {n}", url="https://a.example/1", source="Wire A",
                  published=dt.datetime(2025, 11, 18, 8, 0)),
        SourceRef("a2", title=None, url=None, source="Wire B"),
    )


@pytest.fixture
def sample():
    return [
        build_incident(lat=49.123456789, lon=35.987654321, notes=("dozens wounded",)),
        build_incident(event_date=None, fatalities=None, injured=None, actor2=None,
                       geo_precision=3, feature="admin1", geonameid=None,
                       quotes=("One; two.", "Three, \"four\"\nfive."), sources=_two_sources()),
        build_incident(event_type="Protests", sub_event_type="Peaceful protest",
                       lat=-33.9, lon=151.2, country_code="AU", admin1="New South Wales"),
    ]


def test_feature_is_rfc7946_point(make_incident):
    inc = make_incident(lat=49.123456789, lon=35.987654321)
    feat = incident_feature(inc)
    assert feat["type"] == "Feature"
    assert feat["id"] == feat["properties"]["event_id"] == inc.event_id
    assert feat["geometry"] == {"type": "Point", "coordinates": [35.987654, 49.123457]}
    geom = shape(feat["geometry"])
    assert (geom.x, geom.y) == (35.987654, 49.123457)
    assert feat["properties"]["latitude"] == 49.123457
    assert feat["properties"]["longitude"] == 35.987654


def test_collection_has_no_crs_and_one_feature_each(sample):
    fc = incidents_to_geojson(sample)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == len(sample)
    for feat in fc["features"]:
        assert shape(feat["geometry"]).is_valid
        lon, lat = feat["geometry"]["coordinates"]
        assert round(lon, 6) == lon and round(lat, 6) == lat


def test_properties_are_flat_scalars_of_the_contract_types(sample):
    for feat in incidents_to_geojson(sample)["features"]:
        props = feat["properties"]
        assert REQUIRED.keys() <= props.keys()
        for key, value in props.items():
            assert value is None or isinstance(value, (str, int, float, bool)), key
    full = incident_feature(sample[0])["properties"]
    for key, typ in REQUIRED.items():
        if key in ("actor2",) or full[key] is None:
            continue
        assert isinstance(full[key], typ), key


def test_lists_join_with_semicolon_and_nulls_stay_null(sample):
    props = incident_feature(sample[1])["properties"]
    assert props["quote"] == 'One; two.; Three, "four"\nfive.'
    assert props["source"] == "First 0; a2"
    assert props["source_url"] == "https://a.example/1"
    assert props["source_count"] == 2
    assert props["event_date"] is None and props["fatalities"] is None
    assert props["geonameid"] is None and props["geo_precision"] == 3
    assert incident_feature(sample[0])["properties"]["event_date"] == "2025-11-18"


def test_write_geojson_streams_a_generator(tmp_path, sample):
    path = tmp_path / "incidents.geojson"
    write_geojson((i for i in sample), path)
    assert json.loads(path.read_text("utf-8")) == incidents_to_geojson(sample)
    write_geojson([], path)
    assert json.loads(path.read_text("utf-8")) == {"type": "FeatureCollection", "features": []}


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="gdal-bin not installed")
def test_ogrinfo_reads_count_and_field_types(tmp_path, sample):
    path = tmp_path / "incidents.geojson"
    write_geojson(sample, path)
    out = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert "Feature Count: 3" in out
    assert "Geometry: Point" in out
    fields = dict(
        (line.split(":", 1)[0].strip(), line.split(":", 1)[1].split("(")[0].strip())
        for line in out.splitlines()
        if ":" in line and "(" in line and line.split(":", 1)[0].strip() in REQUIRED
    )
    assert fields["latitude"] == fields["longitude"] == "Real"
    for key in ("fatalities", "injured", "geonameid", "source_count", "geo_precision",
                "time_precision"):
        assert fields[key] == "Integer", key
    assert fields["event_date"] in ("Date", "String")
    assert fields["quote"] == fields["event_id"] == "String"


def test_csv_header_is_acled_order_then_extras(tmp_path, sample):
    path = tmp_path / "incidents.csv"
    write_csv(sample, path)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        fh.seek(0)
        header = next(csv.reader(fh))
    assert tuple(header) == CSV_COLUMNS
    assert header[:8] == ["event_id_cnty", "event_date", "year", "time_precision",
                          "disorder_type", "event_type", "sub_event_type", "actor1"]
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header.index("fatalities") < header.index("injured")
    first, second, third = rows
    assert first["event_id_cnty"] == sample[0].event_id and first["year"] == "2025"
    assert first["country"] == "Ukraine" and first["iso"] == "804"
    assert first["country_code"] == "UA" and first["latitude"] == "49.123457"
    assert first["disorder_type"] == "Political violence"
    assert second["quote"] == 'One; two.; Three, "four"\nfive.'
    assert second["fatalities"] == "" and second["event_date"] == "" and second["year"] == ""
    assert third["disorder_type"] == "Demonstrations"


def test_csv_defuses_spreadsheet_formulas(make_incident):
    buf = io.StringIO()
    to_stream([make_incident(actor1="=HYPERLINK(\"http://x\")", location="+cmd")], "csv", buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["actor1"].startswith("'=") and row["location"] == "'+cmd"


def test_jsonl_one_object_a_line(tmp_path, sample):
    path = tmp_path / "incidents.jsonl"
    write_jsonl(sample, path)
    lines = path.read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        f["properties"] for f in incidents_to_geojson(sample)["features"]
    ]


@pytest.mark.parametrize("fmt", ["geojson", "jsonl", "csv"])
def test_to_stream_matches_file_writers(tmp_path, sample, fmt):
    buf = io.StringIO()
    to_stream(sample, fmt, buf)
    path = tmp_path / f"out.{fmt}"
    {"geojson": write_geojson, "jsonl": write_jsonl, "csv": write_csv}[fmt](sample, path)
    assert buf.getvalue() == path.read_bytes().decode("utf-8")


def test_to_stream_names_valid_formats():
    with pytest.raises(ValueError, match="geojson, jsonl, csv"):
        to_stream([], "xml", io.StringIO())


@pytest.mark.parametrize("writer", [write_geojson, write_jsonl, write_csv])
def test_failure_midway_keeps_previous_file(tmp_path, sample, writer):
    path = tmp_path / "out.data"
    path.write_text("previous run\n", encoding="utf-8")

    def exploding():
        yield sample[0]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        writer(exploding(), path)
    assert path.read_text("utf-8") == "previous run\n"
    assert sorted(os.listdir(tmp_path)) == ["out.data"]


@pytest.mark.parametrize("writer", [write_geojson, write_jsonl, write_csv])
def test_unwritable_target_raises_output_error_naming_path(tmp_path, sample, writer):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    target = blocker / "incidents.out"
    with pytest.raises(OutputError, match="not-a-dir/incidents.out") as err:
        writer(sample, target)
    assert isinstance(err.value, OSError)
    assert "\n" not in str(err.value)
    folder_target = tmp_path / "adir"
    folder_target.mkdir()
    with pytest.raises(OutputError, match="adir"):
        writer(sample, folder_target)
    assert sorted(os.listdir(tmp_path)) == ["adir", "not-a-dir"]


def test_written_file_has_normal_permissions(tmp_path, sample):
    path = tmp_path / "incidents.geojson"
    write_geojson(sample, path)
    mask = os.umask(0)
    os.umask(mask)
    assert (path.stat().st_mode & 0o777) == (0o666 & ~mask)


def test_missing_parent_folder_is_created(tmp_path, sample):
    path = tmp_path / "new" / "sub" / "incidents.geojson"
    write_geojson(sample, path)
    assert path.exists()


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Agreement", "Strategic developments"),
        ("Unknown", "Other", None),
    ],
)
def test_disorder_type(event_type, sub, expected):
    assert disorder_type(event_type, sub) == expected


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=0, max_size=80))
def test_any_text_round_trips_through_every_format(text):
    inc = build_incident(quotes=(text,) if text else (), actor1=text or None, location=text)
    for fmt in ("geojson", "jsonl", "csv"):
        buf = io.StringIO()
        to_stream([inc], fmt, buf)
        data = buf.getvalue()
        if fmt == "geojson":
            props = json.loads(data)["features"][0]["properties"]
        elif fmt == "jsonl":
            lines = data.splitlines()
            assert len(lines) == 1
            props = json.loads(lines[0])
        else:
            row = next(csv.DictReader(io.StringIO(data, newline="")))
            got = row["location"]
            assert got == text or (got == "'" + text)
            continue
        assert props["location"] == text
        assert props["quote"] == (text or None)
