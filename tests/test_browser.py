"""The map in real headless Chromium: markers, popups, filters, timeline, heatmap, no network, untrusted text."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest

from conftest import build_incident
from geomap.model import SourceRef
from geomap.render import render_map

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parent.parent
OUTLINE_FILES = [
    REPO / "geomap" / "gazetteer_data" / "sources" / "ne10m_admin0_dejure_s10.geojson.gz",
    REPO.parent / "shared" / "data" / "naturalearth" / "ne10m_admin0_dejure_s10.geojson.gz",
]
XSS_QUOTE = '<script>window.pwned=1</script> and <img src=x onerror="window.pwned=1"> hit Sumy.'
BOX = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"name": "box"},
    "geometry": {"type": "Polygon", "coordinates": [[[22, 44], [41, 44], [41, 53], [22, 53], [22, 44]]]},
}]}


def _inc(event_type, sub, lat, lon, day, name, **kw):
    return build_incident(
        event_type=event_type, sub_event_type=sub, lat=lat, lon=lon, name=name, location=name,
        event_date=dt.date(2025, 11, day) if day else None, **kw)


def _incidents():
    xss_sources = (
        SourceRef("x1", title="<b>bold</b> title", url="javascript:window.pwned=1", source="Evil"),
        SourceRef("x2", title="Second report", url="https://second.example.org/r?a=1&b=2"),
    )
    return [
        _inc("Battles", "Armed clash", 49.99, 36.23, 2, "Kharkiv"),
        _inc("Explosions/Remote violence", "Air/drone strike", 49.38, 35.43, 10, "Berestyn",
             quotes=("A drone hit a depot in Berestyn.",)),
        _inc("Explosions/Remote violence", "Shelling/artillery/missile attack", 49.38, 35.43, 10,
             "Berestyn", fatalities=7),
        _inc("Violence against civilians", "Attack", 48.72, 37.56, 20, "Kramatorsk"),
        _inc("Protests", "Peaceful protest", 50.45, 30.52, 25, "Kyiv", fatalities=None, injured=None),
        _inc("Strategic developments", "Other", 48.0, 37.8, 28, "Donetsk Oblast", geo_precision=3,
             feature="admin1"),
        _inc("Riots", "Mob violence", 46.48, 30.72, None, "Odesa"),
        _inc("Explosions/Remote violence", "Air/drone strike", 50.91, 34.80, 15, "Sumy",
             quotes=(XSS_QUOTE,), actor1="<i>actor</i>", sources=xss_sources),
    ]


INCIDENTS = _incidents()
XSS_INDEX = 7


def _outlines() -> dict:
    for path in OUTLINE_FILES:
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return json.load(fh)
    return BOX


@pytest.fixture(scope="module")
def map_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("map") / "map.html"
    render_map(INCIDENTS, path, title="Test map", outlines=BOX)
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page that records console errors and every request.

    The map's Content Security Policy forbids eval: wait_for_function takes "() => ..." functions, not
    bare expressions (Playwright evaluates those with eval).
    """

    def __init__(self, browser, block_network: bool = True, size: tuple[int, int] = (1200, 800), **context):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]}, **context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.block_network = block_network

    def open(self, path: Path, url: str | None = None):
        """Open the map file (at *url*: the file with a #hash); only the file itself may load."""
        file_url = path.as_uri()
        if self.block_network:
            self.page.route("**/*", lambda route: route.continue_() if route.request.url.split("#")[0] == file_url
                            else route.abort())
        self.page.goto(url or file_url)
        self.page.wait_for_function(
            "() => window.geomap && window.geomap.ready", timeout=30000)
        return self.page

    def idle(self):
        """Wait until the filters are applied and no cluster, zoom or pan animation runs."""
        self.page.evaluate("geomap.whenIdle()")
        self.page.wait_for_function(
            "() => !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim') "
            "&& !(geomap.map._panAnim && geomap.map._panAnim._inProgress)", timeout=15000)
        self.page.wait_for_timeout(50)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)


@pytest.fixture
def view(browser, map_file):
    p = Page(browser)
    p.open(map_file)
    yield p
    assert p.errors == []
    p.context.close()


def _click_marker(view: Page, index: int):
    view.js("i => geomap.openIncident(i).then(() => geomap.map.closePopup())", index)
    view.idle()
    x, y = view.js("""i => {
        const m = geomap.markers[i], p = geomap.map.latLngToContainerPoint(m.getLatLng());
        const r = geomap.map.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""", index)
    view.page.mouse.click(x, y)
    popup = view.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=15000)
    return popup


def test_loads_without_errors_and_draws_every_incident(view):
    n = len(INCIDENTS)
    assert view.js("geomap.markerCount") == n
    assert view.js("geomap.visibleCount()") == n
    # independent of our counter: the cluster group's own layer list
    ids = view.js("geomap.cluster.getLayers().map(m => geomap.markers.indexOf(m)).sort((a,b)=>a-b)")
    assert ids == list(range(n))
    assert view.js("document.title") == "Test map"
    assert view.page.locator("h1.gm-title").inner_text() == "Test map"
    assert view.page.locator(".leaflet-control-zoom-fullscreen, .leaflet-fullscreen-on, "
                             "[class*=fullscreen]").count() >= 1
    summary = view.page.locator(".gm-summary").inner_text()
    assert f"{n} of {n} incidents" in summary and "2 Nov 2025 – 28 Nov 2025" in summary


def test_the_map_is_folium_s_and_geomap_draws_on_it(view):
    """render.py builds the page with folium: folium.Map's Leaflet map (a global by its JS name, in its own
    div inside #gm-map) is the map geomap.js draws on, not one of its own."""
    folium_map = view.js("""() => {
        const div = document.querySelector('#gm-map > .folium-map'), name = div && div.id;
        return {name, mapName: geomap.mapName, isMap: !!name && window[name] instanceof L.Map,
                same: !!name && window[name] === geomap.map, container: geomap.map.getContainer() === div,
                markers: geomap.map.hasLayer(geomap.cluster), zoom: geomap.map.getMaxZoom()};
    }""")
    assert folium_map == {"name": "map_geomap", "mapName": "map_geomap", "isMap": True, "same": True,
                          "container": True, "markers": True, "zoom": 18}
    box = view.page.locator("#gm-map").bounding_box()
    inner = view.page.locator("#gm-map > .folium-map").bounding_box()
    assert box == inner and box["width"] > 500 and box["height"] > 500
    # the map knows its size (folium made it before the side panel took its share): the fit shows every marker
    assert view.js("geomap.map.getSize().x") == round(box["width"])
    assert view.js("geomap.markers.every(m => geomap.map.getBounds().contains(m.getLatLng()))")


def test_clicking_a_marker_opens_popup_with_quote_and_numbered_links(view):
    popup = _click_marker(view, 1)
    text = popup.inner_text()
    assert "A drone hit a depot in Berestyn." in text
    assert "10 Nov 2025 (day)" in text and "Air/drone strike" in text
    assert "2 killed, 5 injured" in text
    link = popup.locator("ol.gm-sources li a").first
    assert link.get_attribute("href").startswith("https://news.example.org/")
    assert "noopener" in link.get_attribute("rel")


def test_stacked_incidents_spiderfy_and_stay_open_on_click(view):
    view.js("geomap.cluster.on('spiderfied', e => { window.spidered = e.markers.length; })")
    view.js("geomap.cluster.on('unspiderfied', () => { window.folded = true; })")
    view.js("() => { geomap.map.setView([49.38, 35.43], 8, {animate: false}); }")
    view.idle()
    icon = view.page.locator(".gm-cluster").filter(has_text="2")
    killed = INCIDENTS[1].fatalities + INCIDENTS[2].fatalities
    assert f"\u2020{killed}" in icon.first.inner_text()  # the cluster shows the sum of its killed
    icon.first.click()
    view.page.wait_for_function("() => window.spidered === 2", timeout=15000)
    view.idle()
    x, y = view.js("""() => {
        const m = geomap.markers[2], p = geomap.map.latLngToContainerPoint(m.getLatLng());
        const r = geomap.map.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y];
    }""")
    view.page.mouse.click(x, y)
    view.page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=15000)
    assert "7 killed" in view.page.locator(".leaflet-popup-content").inner_text()
    view.page.wait_for_timeout(400)
    assert view.js("window.folded === undefined && geomap.cluster._spiderfied !== null")


def test_toggling_a_type_layer_hides_its_markers(view):
    n = len(INCIDENTS)
    label = view.page.locator("label.gm-type").filter(has_text="Explosions/Remote violence")
    label.locator("input").uncheck()
    view.idle()
    assert view.js("geomap.visibleCount()") == n - 3
    shown_types = view.js("geomap.cluster.getLayers().map(m => geomap.rows[m.gmIndex][2])")
    explosions = view.js("geomap.types.findIndex(t => t.name === 'Explosions/Remote violence')")
    assert explosions not in shown_types
    label.locator("input").check()
    view.idle()
    assert view.js("geomap.visibleCount()") == n


def test_moving_the_time_slider_filters_by_date(view):
    n = len(INCIDENTS)
    slider = view.page.locator("input.gm-from")
    slider.focus()
    for _ in range(14):  # 2025-11-02 + 14 days = 2025-11-16
        view.page.keyboard.press("ArrowRight")
    view.idle()
    assert "16 Nov 2025" in view.page.locator(".gm-range-labels").inner_text()
    expected = sum(1 for i in INCIDENTS if i.event_date is None or i.event_date >= dt.date(2025, 11, 16))
    assert view.js("geomap.visibleCount()") == expected < n
    view.page.locator(".gm-undated input").uncheck()
    view.idle()
    assert view.js("geomap.visibleCount()") == expected - 1
    view.js("geomap.setDateRange('2025-11-10', '2025-11-10')")
    assert view.js("geomap.visibleCount()") == 2
    assert "2 of 8 incidents" in view.page.locator(".gm-summary").inner_text()


def test_heatmap_layer_follows_the_filters_weighted_by_fatalities(view):
    view.page.locator(".gm-sec-layers .gm-toggle").click()
    view.page.locator(".gm-sec-layers label").filter(has_text="Heatmap").locator("input").check()
    assert view.js("geomap.map.hasLayer(geomap.heat) && geomap.heat._latlngs.length") == len(INCIDENTS)
    weights = view.js("geomap.heat._latlngs.map(p => p[2])")
    assert weights == [1 + (i.fatalities or 0) for i in INCIDENTS]
    assert view.page.locator(".leaflet-heatmap-layer").count() == 1
    view.js("geomap.setTypeVisible('Battles', false)")
    assert view.js("geomap.heat._latlngs.length") == len(INCIDENTS) - 1


def test_search_box_finds_a_place_and_moves_there(view):
    box = view.page.locator(".gm-search input")
    box.fill("kramat")
    view.page.locator(".gm-results li").first.wait_for(timeout=3000)
    assert view.page.locator(".gm-results li").first.inner_text().startswith("Kramatorsk")
    box.press("Enter")
    view.page.wait_for_function(
        "() => geomap.map.getBounds().contains([48.72, 37.56]) && geomap.map.getZoom() >= 9", timeout=15000)


def test_default_map_needs_no_network(browser, tmp_path):
    """The map as written by default, with every request blocked: markers drawn, no console error,
    no request but the file itself."""
    path = tmp_path / "default.html"
    render_map(INCIDENTS, path, outlines=_outlines())
    p = Page(browser, block_network=True)
    page = p.open(path)
    assert p.requests == [path.as_uri()] and p.failed == [] and p.errors == []
    assert p.js("geomap.land.getLayers().length") >= 100
    assert page.locator(".leaflet-gm-land-pane canvas").count() == 1
    assert p.js("geomap.visibleCount()") == len(INCIDENTS)
    assert page.locator(".gm-cluster").count() + p.js("geomap.cluster._featureGroup.getLayers().length") >= 3
    assert page.locator(".leaflet-tile").count() == 0
    p.context.close()


def test_untrusted_text_executes_nothing_and_shows_literally(view):
    popup = _click_marker(view, XSS_INDEX)
    assert view.js("typeof window.pwned") == "undefined"
    text = popup.inner_text()
    assert '<script>window.pwned=1</script> and <img src=x onerror="window.pwned=1">' in text
    assert "<i>actor</i>" in text and "<b>bold</b> title" in text
    assert popup.locator("img, script, b, i").count() == 0
    items = popup.locator("ol.gm-sources li")
    assert items.count() == 2
    assert items.nth(0).locator("a").count() == 0  # javascript: URL is not a link
    assert items.nth(1).locator("a").get_attribute("href") == "https://second.example.org/r?a=1&b=2"
    view.page.locator(".gm-search input").fill("<img src=x onerror=window.pwned=1>")
    view.page.wait_for_timeout(300)
    assert view.js("typeof window.pwned") == "undefined"


def test_packed_data_blocks_unpack_in_the_browser(browser, tmp_path, monkeypatch):
    from geomap import render

    monkeypatch.setattr(render, "COMPRESS_ABOVE", 0)
    path = tmp_path / "packed.html"
    render_map(INCIDENTS, path, outlines=BOX)
    assert 'data-encoding="base64"' in path.read_text("utf-8")
    p = Page(browser)
    p.open(path)
    assert p.js("geomap.visibleCount()") == len(INCIDENTS)
    assert p.js("geomap.land.getLayers().length") == 1
    popup = _click_marker(p, XSS_INDEX)
    assert "<script>window.pwned=1</script>" in popup.inner_text()
    assert p.js("typeof window.pwned") == "undefined" and p.errors == []
    p.context.close()


def test_tiles_that_fail_leave_the_offline_basemap(browser, tmp_path):
    """--tiles osm with no network: the tile requests fail, the basemap and markers are still there."""
    path = tmp_path / "tiles.html"
    render_map(INCIDENTS, path, tiles="osm", outlines=_outlines())
    p = Page(browser, block_network=True)
    page = p.open(path)
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-tile').length > 0", timeout=15000)
    page.wait_for_timeout(500)
    assert p.failed and all("tile.openstreetmap.org" in u for u in p.failed)
    assert [e for e in p.errors if "ERR_FAILED" not in e] == []
    assert p.js("geomap.map.hasLayer(geomap.tiles) && geomap.map.hasLayer(geomap.land)")
    assert p.js("geomap.land.getLayers().length") >= 100
    assert p.js("geomap.visibleCount()") == len(INCIDENTS)
    # a failed tile is hidden, so the land under it shows
    assert p.js("[...document.querySelectorAll('.leaflet-tile')].every(t => t.style.visibility === 'hidden' "
                "|| !t.complete || t.naturalWidth > 0)")
    p.context.close()
