"""The analyst's map (issue 15) in Debian Chromium at 1400x900 and 390x844, every request blocked:
layout without overlaps, popups that fit, permalinks, the incident list, exports, basemap labels as
text, gazetteer search, sizes by fatalities, overlays, dark mode, the timeline."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conftest import build_incident
from geomap.model import SourceRef
from geomap.render import basemap_data, render_map
from test_browser import Page, _incidents, browser  # noqa: F401  (browser: the fixture; skips without chromium)

SIZES = [(1400, 900), (390, 844)]
LONG_QUOTE = "Witnesses said " + "the shelling went on for hours and hit homes, a school and a market. " * 40


def _all_incidents():
    incs = _incidents()
    sources = tuple(SourceRef(f"long{k}", title=f"Report {k}", url=f"https://news.example.org/{k}")
                    for k in range(5))
    incs.append(build_incident(event_type="Battles", sub_event_type="Armed clash", lat=48.59, lon=38.0,
                               name="Bakhmut", location="Bakhmut", event_date=dt.date(2025, 11, 12),
                               fatalities=105, injured=40, quotes=(LONG_QUOTE,), sources=sources))
    incs.append(build_incident(event_type="Battles", sub_event_type="Armed clash", lat=47.84, lon=35.14,
                               name="Zaporizhzhia", location="Zaporizhzhia", event_date=dt.date(2025, 11, 13),
                               fatalities=6, injured=None))
    return incs


INCIDENTS = _all_incidents()
LONG, SIX = len(INCIDENTS) - 2, len(INCIDENTS) - 1
OVERLAY = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "properties": {"name": '<img src=x onerror="window.pwned=1">front', "side": "held"},
    "geometry": {"type": "Polygon", "coordinates": [[[37.0, 47.0], [38.5, 47.0], [38.5, 48.2], [37.0, 48.2],
                                                     [37.0, 47.0]]]}}]}


@pytest.fixture(scope="module")
def map_file(tmp_path_factory) -> Path:
    from geomap.gazetteer import default_gazetteer

    path = tmp_path_factory.mktemp("features") / "map.html"
    render_map(INCIDENTS, path, title="Analyst map", basemap=basemap_data(INCIDENTS, default_gazetteer()),
               overlays=[("front", OVERLAY)])
    return path


def _open(browser, path: Path, size=(1400, 900), url: str | None = None, **context) -> Page:
    p = Page(browser, size=size, accept_downloads=True, **context)
    p.open(path, url)
    return p


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized(request, browser, map_file):
    p = _open(browser, map_file, request.param)
    yield p, request.param
    assert p.errors == []
    assert all(u.startswith("file:") for u in p.requests)
    p.context.close()


@pytest.fixture
def desk(browser, map_file):
    p = _open(browser, map_file)
    yield p
    assert p.errors == []
    p.context.close()


def _boxes(p: Page) -> list[dict]:
    return p.js("""() => [...document.querySelectorAll('#gm-side, .leaflet-control')]
        .filter(e => e.offsetParent !== null || e.id === 'gm-side')
        .map(e => { const r = e.getBoundingClientRect();
                    return {name: e.id || e.className, x: r.left, y: r.top, r: r.right, b: r.bottom}; })
        .filter(b => b.r - b.x > 0 && b.b - b.y > 0)""")


def _assert_disjoint(boxes: list[dict], size) -> None:
    w, h = size
    for b in boxes:
        assert b["x"] >= 0 and b["y"] >= 0 and b["r"] <= w + 0.5 and b["b"] <= h + 0.5, b
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["r"] <= b["x"] or b["r"] <= a["x"] or a["b"] <= b["y"] or b["b"] <= a["y"]
            assert apart, (a, b)


def test_no_two_controls_overlap(sized):
    p, size = sized
    boxes = _boxes(p)
    names = " ".join(b["name"] for b in boxes)
    assert "gm-side" in names and "gm-search" in names and "leaflet-control-zoom" in names
    assert "leaflet-control-attribution" in names and "leaflet-control-scale" in names
    _assert_disjoint(boxes, size)
    if size[0] < 700:  # the bottom sheet, opened: the map shrinks above it, still no overlap
        assert p.page.locator(".gm-side-body").is_hidden()
        p.page.locator(".gm-sheet-toggle").click()
        p.page.wait_for_timeout(300)
        assert p.page.locator(".gm-side-body").is_visible()
        _assert_disjoint(_boxes(p), size)
    side = p.js("document.getElementById('gm-side').getBoundingClientRect().height")
    assert side <= size[1] * 0.6 or size[0] >= 700


def test_popup_fits_the_viewport_sources_first(sized):
    p, size = sized
    p.js("i => geomap.openIncident(i)", LONG)
    p.page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=15000)
    p.page.wait_for_timeout(600)  # the popup's autopan
    box = p.page.locator(".leaflet-popup").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size[0] and box["y"] + box["height"] <= size[1], box
    sources = p.page.locator(".leaflet-popup-content ol.gm-sources").bounding_box()
    quote = p.page.locator(".leaflet-popup-content .gm-quote").bounding_box()
    assert sources["y"] < quote["y"]
    assert "105 killed, 40 injured" in p.page.locator(".leaflet-popup-content").inner_text()


def test_page_language_and_pinch_zoom(desk):
    assert desk.js("document.documentElement.lang") == "en"
    viewport = desk.js("document.querySelector('meta[name=viewport]').content")
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport


def test_marker_area_grows_with_fatalities_without_cap(desk):
    radius = desk.js("i => geomap.markers[i].getRadius()", LONG)
    six = desk.js("i => geomap.markers[i].getRadius()", SIX)
    none = desk.js("i => geomap.markers[i].getRadius()", 4)  # the protest: fatalities not stated
    assert radius > 3 * six > 3 * none
    # area, not radius, is proportional to the killed (beyond the small marker of no deaths)
    assert (radius ** 2 - none ** 2) / (six ** 2 - none ** 2) == pytest.approx(105 / 6, rel=0.01)
    shapes = desk.js("geomap.types.map(t => t.shape)")
    assert len(set(shapes)) == len(shapes)  # a second cue per type


def test_permalink_round_trips(browser, map_file, desk):
    page = desk.page
    page.locator("label.gm-type").filter(has_text="Protests").locator("input").uncheck()
    desk.idle()
    page.locator(".gm-field input[type=number]").fill("1")
    page.locator(".gm-field input[type=number]").dispatch_event("change")
    desk.idle()
    desk.js("geomap.setDateRange('2025-11-05', '2025-11-25')")
    desk.js("i => geomap.openIncident(i)", SIX)
    page.locator(".leaflet-popup-content").wait_for(state="visible")
    page.wait_for_timeout(400)
    count = desk.js("geomap.visibleCount()")
    assert 0 < count < len(INCIDENTS)
    page.locator(".gm-sec-share .gm-toggle").click()
    page.locator("button", has_text="Copy link").click()
    url = desk.js("location.href")
    assert "#" in url and "open=" in url and "minkilled=1" in url
    again = _open(browser, map_file, url=url)
    again.idle()
    assert again.js("geomap.visibleCount()") == count
    assert again.js("geomap.shownIndexes()") == desk.js("geomap.shownIndexes()")
    assert again.page.locator("label.gm-type").filter(has_text="Protests").locator("input").is_checked() is False
    assert again.js("[geomap.map.getZoom(), geomap.f.from, geomap.f.to]") == \
        desk.js("[geomap.map.getZoom(), geomap.f.from, geomap.f.to]")
    again.page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=15000)
    assert INCIDENTS[SIX].event_id in again.page.locator(".leaflet-popup-content .gm-id").inner_text()
    assert again.errors == []
    again.context.close()


def test_clicking_a_list_row_opens_that_incidents_popup(desk):
    rows = desk.page.locator(".gm-list .gm-row")
    assert rows.count() == len(INCIDENTS)
    # newest first
    dates = [d for d in rows.locator(".gm-row-date").all_inner_texts() if d != "undated"]
    parsed = [dt.datetime.strptime(d, "%d %b %Y") for d in dates]
    assert parsed == sorted(parsed, reverse=True)
    row = rows.nth(3)
    index = int(row.get_attribute("data-index"))
    row.click()
    popup = desk.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=15000)
    assert popup.locator(".gm-id").inner_text() == INCIDENTS[index].event_id
    assert rows.nth(3).get_attribute("aria-current") == "true"
    assert desk.page.locator(".gm-row[aria-current]").count() == 1
    # the keyboard reaches the list too
    other = rows.nth(1)
    other.focus()
    desk.page.keyboard.press("Enter")
    desk.page.wait_for_function(
        "id => document.querySelector('.leaflet-popup-content .gm-id')?.textContent === id",
        arg=INCIDENTS[int(other.get_attribute("data-index"))].event_id, timeout=15000)
    assert desk.js("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_exported_geojson_and_csv_hold_exactly_the_filtered_incidents(desk):
    desk.js("geomap.setTypeVisible('Explosions/Remote violence', false)")
    desk.idle()
    shown = {INCIDENTS[i].event_id for i in desk.js("geomap.shownIndexes()")}
    assert len(shown) == desk.js("geomap.visibleCount()") < len(INCIDENTS)
    desk.page.locator(".gm-sec-share .gm-toggle").click()
    with desk.page.expect_download() as info:
        desk.page.locator(".gm-dl-geojson").click()
    data = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["event_id"] for f in data["features"]} == shown == {f["id"] for f in data["features"]}
    assert len(data["features"]) == len(shown)
    first = next(f for f in data["features"] if f["id"] == INCIDENTS[LONG].event_id)
    assert first["geometry"]["coordinates"] == [38.0, 48.59] and first["properties"]["fatalities"] == 105
    with desk.page.expect_download() as info:
        desk.page.locator(".gm-dl-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert {r["event_id"] for r in rows} == shown and len(rows) == len(shown)


def test_region_and_town_labels_are_text_when_zoomed_offline(desk):
    assert all(u.startswith("file:") for u in desk.requests)
    desk.js("() => { geomap.map.setView([49.99, 36.23], 7, {animate: false}); }")
    desk.page.wait_for_timeout(300)
    towns = desk.page.locator(".gm-lbl-town").all_inner_texts()
    regions = desk.page.locator(".gm-lbl-region").all_inner_texts()
    assert "Kharkiv" in towns
    assert "Kharkiv Oblast" in regions and len([r for r in regions if "Oblast" in r]) >= 3
    desk.js("() => { geomap.map.setView([49.0, 31.4], 4, {animate: false}); }")
    desk.page.wait_for_timeout(300)
    assert "Ukraine" in desk.page.locator(".gm-lbl-country").all_text_contents()  # text, shown in capitals
    assert desk.js("geomap.regions.getLayers().length") >= 20


def test_search_finds_gazetteer_names_with_arrow_keys(desk):
    box = desk.page.locator(".gm-search input")
    box.fill("kiev")
    desk.page.locator(".gm-results li").first.wait_for(timeout=3000)
    assert desk.page.locator(".gm-results li").first.inner_text().startswith("Kyiv")
    box.fill("donetsk")
    desk.page.wait_for_timeout(300)
    found = desk.page.locator(".gm-results li").all_inner_texts()
    assert any(t.startswith("Donetsk Oblast") for t in found) and any(t.startswith("Donetsk,") for t in found)
    box.press("ArrowDown")
    assert desk.page.locator(".gm-results li").nth(1).get_attribute("aria-selected") == "true"
    target = desk.page.locator(".gm-results li").nth(1).inner_text()
    box.press("Enter")
    desk.page.wait_for_timeout(500)
    assert desk.js("geomap.map.getZoom()") >= 7 and target


def test_overlay_drawn_with_its_properties_as_text(desk):
    assert desk.js("Object.keys(geomap.layers)").count("Overlay: front") == 1
    desk.js("() => { geomap.map.setView([47.3, 37.3], 8, {animate: false}); }")
    desk.idle()
    box = desk.page.locator("#gm-map").bounding_box()
    x, y = desk.js("() => { const p = geomap.map.latLngToContainerPoint([47.3, 37.3]); return [p.x, p.y]; }")
    desk.page.mouse.click(box["x"] + x, box["y"] + y)
    popup = desk.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5000)
    assert '<img src=x onerror="window.pwned=1">front' in popup.inner_text() and "held" in popup.inner_text()
    assert desk.js("typeof window.pwned") == "undefined" and popup.locator("img").count() == 0
    desk.page.locator(".gm-sec-layers .gm-toggle").click()
    desk.page.locator(".gm-sec-layers label").filter(has_text="Overlay: front").locator("input").uncheck()
    assert desk.js("geomap.map.hasLayer(geomap.layers['Overlay: front'])") is False


def test_dark_mode_follows_the_system(browser, map_file):
    p = _open(browser, map_file, color_scheme="dark")
    bg = p.js("getComputedStyle(document.getElementById('gm-side')).backgroundColor")
    text = p.js("getComputedStyle(document.body).color")
    assert bg == "rgb(28, 31, 35)" and text == "rgb(236, 236, 236)"
    assert p.js("geomap.land.options.style.fillColor") == "#2d3137"
    # marker outlines stand out from the land: light on the dark basemap (dark on the light one)
    assert p.js("geomap.markers[0].options.color") == "#f2f2f2"
    assert p.errors == []
    p.context.close()


def test_timeline_histogram_and_play(desk):
    ndays = desk.js("geomap.ndays")
    assert desk.page.locator(".gm-hist rect.gm-bar").count() == ndays
    # a click on a day of the histogram shows that day
    desk.page.locator(".gm-hist rect.gm-bin").nth(8).click()
    desk.idle()
    assert desk.js("[geomap.f.from, geomap.f.to]") == [8, 8]
    assert "10 Nov 2025 – 10 Nov 2025" in desk.page.locator(".gm-range-labels").inner_text()
    assert "10 Nov 2025: 2 incidents" in desk.page.locator(".gm-hist rect.gm-bin").nth(8).text_content()
    desk.page.locator("button", has_text="All dates").click()
    desk.idle()
    assert desk.page.locator(".gm-hist polyline").count() == 1
    desk.page.locator(".gm-play").click()
    desk.page.wait_for_function("() => geomap.f.from >= 2", timeout=15000)
    desk.page.locator(".gm-play").click()  # pause
    frm, to = desk.js("[geomap.f.from, geomap.f.to]")
    assert to == frm  # one day at a time
    desk.idle()
    desk.page.wait_for_timeout(700)
    assert desk.js("geomap.f.from") == frm  # paused
    day = desk.js("geomap.dateOf(geomap.f.from)")
    expected = sum(1 for i in INCIDENTS if i.event_date is None or i.event_date.isoformat() == day)
    assert desk.js("geomap.visibleCount()") == expected
    assert desk.page.locator(".gm-bar-out").count() == ndays - 1


def test_heatmap_is_visible_with_few_incidents(desk):
    """A dozen incidents: each still plainly painted (alpha over 150 somewhere around it)."""
    desk.page.locator(".gm-sec-layers .gm-toggle").click()
    desk.page.locator(".gm-sec-layers label").filter(has_text="Heatmap").locator("input").check()
    desk.page.wait_for_timeout(300)
    painted, strong = desk.js("""() => {
        const c = document.querySelector('.leaflet-heatmap-layer'), d = c.getContext('2d')
            .getImageData(0, 0, c.width, c.height).data;
        let painted = 0, strong = 0;
        for (let k = 3; k < d.length; k += 4) { if (d[k] > 0) painted++; if (d[k] > 150) strong++; }
        return [painted, strong];
    }""")
    assert painted > 2000 and strong > 50


CONTRAST = """() => {
    const parse = c => c.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = e => {
        for (; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c.length < 4 || c[3] > 0.5) { return c; }
        }
        return [255, 255, 255];
    };
    const out = [];
    for (const e of document.querySelectorAll(
            '#gm-side *, .leaflet-control *, .leaflet-popup-content *, .gm-cluster *')) {
        if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) { continue; }
        if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') { continue; }
        const [a, b] = [lum(parse(getComputedStyle(e).color)), lum(background(e))].sort((x, y) => y - x);
        out.push([(a + 0.05) / (b + 0.05), e.className || e.tagName, e.textContent.slice(0, 30)]);
    }
    return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_at_least_4_5(browser, map_file, scheme):
    p = _open(browser, map_file, color_scheme=scheme)
    p.js("i => geomap.openIncident(i)", LONG)
    p.page.locator(".leaflet-popup-content").wait_for(state="visible", timeout=15000)
    for section in ("layers", "share"):
        p.page.locator(f".gm-sec-{section} .gm-toggle").click()
    texts = p.js(CONTRAST)
    assert len(texts) > 60
    low = [t for t in texts if t[0] < 4.5]
    assert low == []
    p.context.close()


def test_region_choropleth_follows_the_filters(desk):
    desk.page.locator(".gm-sec-layers .gm-toggle").click()
    desk.page.locator(".gm-sec-layers label").filter(has_text="Regions shaded by incidents").locator("input").check()
    values = desk.js("""() => { const out = {};
        geomap.choro.incidents.eachLayer(l => { if (l.gmValue) { out[l.feature.properties.name] = l.gmValue; } });
        return out; }""")
    expected: dict[str, int] = {}
    for inc in INCIDENTS:
        expected[inc.place.admin1] = expected.get(inc.place.admin1, 0) + 1
    assert values == expected and values["Kharkiv Oblast"] >= 2
    shaded = desk.js("(() => { let n = 0; geomap.choro.incidents.eachLayer(l => { "
                     "if (l.options.fillOpacity > 0) n++; }); return n; })()")
    assert shaded == len(values)
    desk.js("geomap.setTypeVisible('Explosions/Remote violence', false)")
    assert desk.js("(() => { let v = 0; geomap.choro.incidents.eachLayer(l => { "
                   "if (l.feature.properties.name === 'Kharkiv Oblast') v = l.gmValue; }); return v; })()") == sum(
        1 for i in INCIDENTS if i.place.admin1 == "Kharkiv Oblast" and i.event_type != "Explosions/Remote violence")


def test_print_shows_the_map_and_list_without_controls(desk):
    desk.page.emulate_media(media="print")
    assert desk.page.locator(".gm-search").is_hidden()
    assert desk.page.locator(".leaflet-control-zoom").is_hidden()
    assert desk.page.locator(".gm-list .gm-row").first.is_visible()
    assert desk.page.locator("#gm-map").is_visible()


HEAT_STATS = """() => {
    const c = document.querySelector('.leaflet-heatmap-layer'), d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data;
    let painted = 0, saturated = 0;
    for (let k = 3; k < d.length; k += 4) { if (d[k] > 0) { painted++; if (d[k] >= 250) { saturated++; } } }
    return [painted / (c.width * c.height), saturated / Math.max(1, painted)];
}"""


def test_heatmap_reads_with_many_incidents(browser, tmp_path):
    """20,000 incidents packed in and around Ukraine: the heatmap paints the area without saturating
    into one block (benchmarks/map_scale.py measures 100,000)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from map_scale import synthetic_incidents

    path = tmp_path / "many.html"
    render_map(synthetic_incidents(20_000, places=800, abroad=0.0), path)
    p = _open(browser, path, size=(1280, 800))
    p.js("() => new Promise(done => { geomap.map.addLayer(geomap.heat); geomap._heatDirty = true; "
         "geomap._updateHeat(); requestAnimationFrame(() => requestAnimationFrame(done)); })")
    painted, saturated = p.js(HEAT_STATS)
    assert painted > 0.1 and saturated < 0.05
    assert p.errors == []
    p.context.close()


def test_each_filter_and_the_summary_follow(desk):
    page = desk.page

    def shown() -> set[str]:
        desk.idle()
        return {INCIDENTS[i].event_id for i in desk.js("geomap.shownIndexes()")}

    def expect(pred) -> set[str]:
        return {i.event_id for i in INCIDENTS if pred(i)}

    page.locator(".gm-field select").nth(0).select_option("Air/drone strike")
    assert shown() == expect(lambda i: i.sub_event_type == "Air/drone strike")
    n = len(shown())
    assert f"{n} of {len(INCIDENTS)} incidents" in page.locator(".gm-summary").inner_text()
    assert f"{n} of " in page.locator("label.gm-type").filter(has_text="Explosions").inner_text()
    page.locator(".gm-field select").nth(0).select_option("")
    page.locator(".gm-field input[type=search]").fill("<i>actor")
    page.wait_for_timeout(400)
    assert shown() == expect(lambda i: "<i>actor" in (i.actor1 or "") + (i.actor2 or ""))
    page.locator(".gm-field input[type=search]").fill("")
    page.wait_for_timeout(400)
    page.locator(".gm-field select").nth(1).select_option("UA/Kharkiv Oblast")
    assert shown() == expect(lambda i: i.place.country_code == "UA" and i.place.admin1 == "Kharkiv Oblast")
    page.locator(".gm-field select").nth(1).select_option("")
    page.locator(".gm-prec label").filter(has_text="region only").locator("input").uncheck()
    assert shown() == expect(lambda i: i.geo_precision != 3)
    page.locator("button", has_text="Reset filters").click()
    assert shown() == expect(lambda i: True)
    # the list sorts by killed too
    page.locator(".gm-list-bar select").select_option("killed")
    first = int(page.locator(".gm-list .gm-row").first.get_attribute("data-index"))
    assert INCIDENTS[first].fatalities == max(i.fatalities or 0 for i in INCIDENTS)
