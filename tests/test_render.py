"""The map HTML: embedded data, escaping of untrusted text, self-contained by default, atomic writes."""
from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_incident
from geomap.errors import OutputError
from geomap.model import SourceRef
from geomap import render
from geomap.render import ROW_FIELDS, map_data, map_html, render_map, script_json

EVIL = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=1"> & \u2028'
TINY_OUTLINES = {
    "type": "FeatureCollection",
    "features": [{
        "type": "Feature", "properties": {"name": "Box </script>"},
        "geometry": {"type": "Polygon",
                     "coordinates": [[[30, 45], [40, 45], [40, 52], [30, 52], [30, 45]]]},
    }],
}


def _blob(page: str, suffix: str = "data") -> dict:
    m = re.search(r'<script type="application/(json|gzip)"( data-encoding="base64")? id="[^"]+-'
                  + suffix + r'">(.*?)</script>', page, re.S)
    assert m, f"no {suffix} blob"
    if m.group(2):
        return json.loads(gzip.decompress(base64.b64decode(m.group(3))))
    return json.loads(m.group(3))


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


@pytest.fixture
def incidents():
    return [
        build_incident(quotes=(EVIL,), actor1=EVIL),
        build_incident(event_type="Battles", sub_event_type="Armed clash", event_date=None,
                       geo_precision=3, lat=48.0, lon=37.8),
        build_incident(event_type="Something new", sub_event_type="Other"),
    ]


def test_html_embeds_every_incident_once(incidents):
    page = map_html(incidents)
    data = _blob(page)
    assert len(data["rows"]) == 3 and data["fields"] == list(ROW_FIELDS)
    assert [t["name"] for t in data["types"]] == [
        "Battles", "Explosions/Remote violence", "Something new"]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", t["color"]) for t in data["types"])
    first = dict(zip(ROW_FIELDS, data["rows"][0]))
    assert first["quotes"] == [EVIL]
    assert data["strings"][first["actor1"]] == EVIL
    assert data["strings"][first["event_id"]] == incidents[0].event_id
    assert dict(zip(ROW_FIELDS, data["rows"][1]))["day"] == -1
    assert page.count(incidents[0].event_id) == 1


def test_untrusted_text_cannot_close_the_script_tag(incidents):
    page = map_html(incidents, title="T </script><script>window.pwned=1</script>",
                    outlines=TINY_OUTLINES, overlays=[("x </script>", TINY_OUTLINES)])
    assert "<script>window.pwned=1" not in page
    assert "<img src=x" not in page
    assert "\u2028" not in page
    assert "\\u003c/script\\u003e" in page
    assert "<title>T &lt;/script&gt;" in page
    assert _blob(page, "basemap")["land"] == TINY_OUTLINES
    # every script tag in the page is one of ours
    ours = re.compile(r'<script>|<script type="application/json" id="gm-(data|config|basemap|overlay-\d+)">')
    for tag in _scripts(page):
        assert ours.fullmatch(tag), tag


@settings(max_examples=200, deadline=None)
@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=5), kids, max_size=4),
    max_leaves=12))
def test_script_json_round_trips_and_never_breaks_out(value):
    text = script_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def _csp(page: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert m, "no Content-Security-Policy"
    return html.unescape(m.group(1))


def test_map_is_self_contained_by_default(incidents):
    page = map_html(incidents, outlines=TINY_OUTLINES)
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "tile.openstreetmap.org" not in page and "cdn.jsdelivr" not in page
    assert not re.search(r"url\((['\"]?)(?!data:|#)", page), "a CSS url() that is not inlined"
    assert "L.markerClusterGroup" in page and "L.HeatLayer" in page
    csp = _csp(page)
    assert "default-src 'none'" in csp and "img-src data: blob:;" in csp
    # only the page's own scripts may run: one hash for each inline script, no 'unsafe-inline' for scripts
    script_src = re.search(r"script-src ([^;]+);", csp).group(1)
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    # Leaflet, 3 plugins, geomap.js; folium's switches (L_NO_TOUCH...); folium's map script + our start
    assert len(inline) == 7 and script_src.split() == [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert map_html(incidents, offline=True, outlines=TINY_OUTLINES).count("<script>") == 7  # old flag: same map


def test_page_and_map_are_built_by_folium(incidents):
    page = map_html(incidents, outlines=TINY_OUTLINES)
    name = re.search(r'"mapName":"(\w+)"', page).group(1)
    assert name == "map_" + render.MAP_ID
    # folium.Map's own div (inside #gm-map) and script, the Leaflet map our start script hands to geomap.js
    assert re.search(r'<div id="gm-app"><div id="gm-map"[^>]*>\s*<div class="folium-map" id="' + name + '"', page)
    made = page.index(f"var {name} = L.map(")
    assert page.index("/* leaflet.js */") < made < page.index("GeomapInit(")
    assert '"preferCanvas": true' in page and '"fullscreenControl": true' in page
    # folium's CDN links and its pinch-zoom lock are gone; the same page each time
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page and "user-scalable" not in page
    assert page.count('<meta name="viewport"') == 1
    assert map_html(incidents, outlines=TINY_OUTLINES) == page


def test_phone_friendly_head(incidents):
    page = map_html(incidents)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    viewport = re.search(r'<meta name="viewport" content="([^"]+)">', page).group(1)
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def test_tiles_are_an_option_above_the_offline_basemap(incidents):
    page = map_html(incidents, tiles="osm", outlines=TINY_OUTLINES)
    assert _blob(page, "config")["tiles"]["url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "img-src data: blob: https://tile.openstreetmap.org;" in _csp(page)
    assert _blob(page, "basemap")["land"] == TINY_OUTLINES
    custom = map_html(incidents, tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    assert "https://*.tiles.example.org" in _csp(custom)
    for bad in ("ftp://x/{z}/{x}/{y}", "https://x.example/tiles", "javascript:alert(1)//{z}{x}{y}"):
        with pytest.raises(ValueError, match="--tiles"):
            map_html(incidents, tiles=bad)


def test_overlays_are_embedded_as_data(tmp_path, incidents):
    line = {"type": "LineString", "coordinates": [[36, 48], [38, 49]]}
    path = tmp_path / "front line.geojson"
    path.write_text(json.dumps(line))
    name, fc = render.read_overlay(path)
    assert name == "front line" and fc["features"][0]["geometry"] == line
    page = map_html(incidents, overlays=[(name, fc)])
    assert _blob(page, "config")["overlays"] == ["front line"]
    assert _blob(page, "overlay-0") == fc
    (tmp_path / "bad.geojson").write_text('{"type": "Nope"}')
    with pytest.raises(ValueError, match="bad.geojson"):
        render.read_overlay(tmp_path / "bad.geojson")
    with pytest.raises(ValueError, match="missing.geojson"):
        render.read_overlay(tmp_path / "missing.geojson")


def test_empty_map_still_renders(tmp_path):
    path = tmp_path / "map.html"
    render_map([], path)
    data = _blob(path.read_text("utf-8"))
    assert data["rows"] == [] and data["day0"] is None and data["ndays"] == 0


def test_sources_are_shared_and_days_counted(make_incident):
    import datetime as dt

    src = SourceRef("a1", title="T", url="https://x.example/a")
    incs = [make_incident(sources=(src,), event_date=dt.date(2025, 1, 1)),
            make_incident(sources=(src,), event_date=dt.date(2025, 1, 31))]
    data = map_data(incs)
    assert len(data["sources"]) == 1
    assert data["day0"] == "2025-01-01" and data["ndays"] == 31
    assert [dict(zip(ROW_FIELDS, r))["day"] for r in data["rows"]] == [0, 30]


def test_render_is_atomic_and_names_bad_path(tmp_path, incidents):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="file/map.html"):
        render_map(incidents, blocker / "map.html")
    path = tmp_path / "map.html"
    path.write_text("old")
    bad = [*incidents, "not an incident"]
    with pytest.raises(AttributeError):
        render_map(bad, path)  # type: ignore[list-item]
    assert path.read_text() == "old"
    render_map(incidents, path)
    assert path.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert sorted(os.listdir(tmp_path)) == ["file", "map.html"]


def test_template_syntax_in_news_text_stays_literal(make_incident):
    text = "{{ 7*7 }} {% for x in y %}{# c #} {{ cycler.__init__.__globals__ }}"
    page = map_html([make_incident(quotes=(text,), location=text)], title=text)
    data = _blob(page)
    assert data["rows"][0][ROW_FIELDS.index("quotes")] == [text]
    assert data["title"] == text
    assert f"<title>{text}</title>" in page


def test_large_blocks_are_packed_as_gzip_base64(monkeypatch, incidents):
    plain = _blob(map_html(incidents))
    monkeypatch.setattr(render, "COMPRESS_ABOVE", 0)
    page = map_html(incidents, outlines=TINY_OUTLINES)
    assert 'type="application/gzip" data-encoding="base64"' in page
    assert _blob(page) == plain
    assert _blob(page, "basemap")["land"] == TINY_OUTLINES
    assert EVIL not in page and "window.pwned" not in page
