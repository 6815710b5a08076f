#!/usr/bin/env python3
"""How the map scales: build N synthetic incidents, render them, time Chromium drawing them.

    python benchmarks/map_scale.py [--n 100000] [--out /tmp/geomap-bench] [--no-browser]

Prints, for the map geomap writes (self-contained: the basemap built from the gazetteer for these
incidents, land, region boundaries and labels) and for a bare one (country outlines only):
generation time, HTML size, and the time from navigation until geomap.js says every marker is
clustered and drawn (its ready flag, set after the layers are added and two animation frames
passed), with every request but the file blocked. Then the heatmap (weighted by fatalities) is
switched on at the fitted view and at zoom 9: the time it takes, and how much of what it paints
is saturated (a heatmap that reads keeps that share small).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geomap.model import Incident, Place, SourceRef  # noqa: E402

TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike",
                                   "Remote explosive/landmine/IED", "Grenade"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Agreement", "Looting/property destruction", "Other"],
}
WEIGHTS = [20, 40, 10, 15, 5, 10]
WORDS = ("drone missile strike shelling town village district residential building warehouse "
         "power station school market road bridge overnight morning local officials said regional "
         "governor reported emergency services killed wounded injured people civilians soldiers "
         "police protesters gathered outside administration damaged destroyed fire").split()
ACTORS = ["Military Forces of Russia", "Military Forces of Ukraine", "Civilians (Ukraine)",
          "Protesters (International)", "Police Forces", "Unidentified Armed Group", None]
OUTLINES = "ne10m_admin0_dejure_s10.geojson.gz"
OUTLETS = ["Example Wire", "Daily Example", "Example Times", "Regional News"]


def _places(rng: random.Random, count: int, abroad: float) -> list[Place]:
    places = []
    for k in range(count):
        if rng.random() >= abroad:
            lat, lon = rng.uniform(44.5, 52.3), rng.uniform(22.2, 40.2)
        else:
            lat, lon = rng.uniform(-50, 65), rng.uniform(-170, 175)
        places.append(Place(
            geonameid=1_000_000 + k, name=f"Place {k}", lat=lat, lon=lon,
            country_code=rng.choice(["UA", "RU", "PL", "RO", "MD"]), feature="city",
            admin1=f"Region {k % 60}", population=rng.randint(500, 2_000_000)))
    return places


def _sentence(rng: random.Random, place: str) -> str:
    words = rng.choices(WORDS, k=rng.randint(18, 30))
    words.insert(rng.randint(3, 10), f"in {place}")
    return " ".join(words).capitalize() + "."


def synthetic_incidents(n: int = 100_000, *, seed: int = 7, places: int = 5_000,
                        abroad: float = 0.2) -> list[Incident]:
    """n plausible incidents (types, dates over a year, casualties, quotes, shared sources).

    Places lie in and around Ukraine, a share *abroad* of them anywhere in the world.
    """
    rng = random.Random(seed)
    where = _places(rng, places, abroad)
    start = dt.date(2025, 1, 1)
    types = list(TYPES)
    out = []
    source_pool: list[SourceRef] = []
    for i in range(n):
        place = rng.choice(where)
        etype = rng.choices(types, WEIGHTS)[0]
        day = start + dt.timedelta(days=rng.randrange(365))
        if not source_pool or rng.random() < 0.4:
            k = len(source_pool)
            source_pool.append(SourceRef(
                article_id=f"art-{k}", title=f"Report {k}: strikes and clashes overnight",
                url=f"https://news.example.org/{day:%Y/%m/%d}/report-{k}",
                source=rng.choice(OUTLETS),
                published=dt.datetime.combine(day, dt.time(9, 30))))
        recent = source_pool[-50:]
        sources = tuple(rng.sample(recent, k=min(len(recent), rng.choice([1, 1, 1, 2, 3]))))
        out.append(Incident(
            event_id=f"SYN{i:07d}", event_type=etype, sub_event_type=rng.choice(TYPES[etype]),
            place=place, location=place.name, geo_precision=rng.choices([1, 2, 3], [80, 12, 8])[0],
            event_date=None if rng.random() < 0.02 else day, time_precision=rng.choice([1, 1, 1, 2, 3]),
            fatalities=rng.choice([None, 0, 0, 1, 2, 3, 5, 12]), injured=rng.choice([None, 0, 1, 4, 10]),
            actor1=rng.choice(ACTORS), actor2=rng.choice(ACTORS),
            quotes=tuple(_sentence(rng, place.name) for _ in range(rng.choice([1, 1, 2]))),
            sources=sources, notes=(), mention_text=place.name))
    return out


def load_outlines() -> dict | None:
    """The country outlines an offline map draws (the gazetteer's copy, else shared/)."""
    root = Path(__file__).resolve().parent.parent
    for path in (root / "geomap" / "gazetteer_data" / "sources" / OUTLINES,
                 root.parent / "shared" / "data" / "naturalearth" / OUTLINES):
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return json.load(fh)
    return None


def time_render(incidents: list[Incident], path: Path, *, basemap: dict | None = None,
                outlines: dict | None = None) -> tuple[float, int]:
    """Seconds to build and write the map (with its basemap), and the file size in bytes."""
    from geomap.render import render_map

    t0 = time.perf_counter()
    render_map(incidents, path, basemap=basemap, outlines=outlines,
               title=f"{len(incidents):,} synthetic incidents")
    return time.perf_counter() - t0, path.stat().st_size


HEAT_STATS = """() => {
    const c = document.querySelector('.leaflet-heatmap-layer'), d = c.getContext('2d')
        .getImageData(0, 0, c.width, c.height).data;
    let painted = 0, saturated = 0;
    for (let k = 3; k < d.length; k += 4) {
        if (d[k] > 0) { painted++; if (d[k] >= 250) { saturated++; } }
    }
    return [painted / (c.width * c.height), painted ? saturated / painted : 0];
}"""


def time_draw(path: Path, *, timeout_s: float = 120.0) -> dict[str, float]:
    """Seconds from navigation to first paint of the data and to the geomap ready flag; the heatmap."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        t0 = time.perf_counter()
        page.goto(path.as_uri(), timeout=timeout_s * 1000)
        loaded = time.perf_counter() - t0
        page.wait_for_function("() => window.geomap && window.geomap.ready", timeout=timeout_s * 1000,
                               polling=50)
        drawn = time.perf_counter() - t0
        counts = page.evaluate("[geomap.markerCount, geomap.visibleCount()]")
        timings = page.evaluate("geomap.timings")
        heat = []
        for zoom in (None, 9):
            if zoom:
                page.evaluate("z => { geomap.map.setView([48.4, 31.2], z, {animate: false}); }", zoom)
            t1 = time.perf_counter()
            page.evaluate("""() => new Promise(done => {
                if (!geomap.map.hasLayer(geomap.heat)) { geomap.map.addLayer(geomap.heat); geomap._heatDirty = true;
                                                         geomap._updateHeat(); }
                requestAnimationFrame(() => requestAnimationFrame(done));
            })""")
            heat.append((time.perf_counter() - t1, *page.evaluate(HEAT_STATS)))
        browser.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return {"load_s": loaded, "drawn_s": drawn, "markers": counts[0], "visible": counts[1],
            "js_read_s": timings["read"] / 1000, "js_markers_s": timings["markers"] / 1000,
            "js_drawn_s": timings["drawn"] / 1000, "heat": heat}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/geomap-bench"))
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    incidents = synthetic_incidents(args.n)
    print(f"synthetic incidents: {len(incidents):,} in {time.perf_counter() - t0:.1f} s")
    browser = not args.no_browser and os.path.exists("/usr/bin/chromium")
    from geomap.gazetteer import default_gazetteer
    from geomap.render import basemap_data

    t0 = time.perf_counter()
    basemap = basemap_data(incidents, default_gazetteer())
    print(f"basemap for them: {len(basemap['labels']):,} labels, {len(basemap['regions']['features'])} "
          f"regions in {time.perf_counter() - t0:.1f} s")
    for label, kw in (("default", {"basemap": basemap}), ("bare", {"outlines": load_outlines()})):
        path = args.out / f"map-{label}.html"
        secs, size = time_render(incidents, path, **kw)
        line = f"{label:8s} generate {secs:5.1f} s   html {size / 1e6:5.1f} MB"
        if browser:
            d = time_draw(path)
            line += (f"   chromium: loaded {d['load_s']:4.1f} s, all drawn {d['drawn_s']:4.1f} s "
                     f"({d['markers']:,} markers, {d['visible']:,} clustered; in page: data read "
                     f"{d['js_read_s']:.2f} s, markers built {d['js_markers_s']:.2f} s, "
                     f"all drawn {d['js_drawn_s']:.2f} s after the script started)")
            line += "".join(f"\n         heatmap at {where}: {t:.2f} s, paints {painted:.0%} of the view, "
                            f"{sat:.1%} of that saturated"
                            for where, (t, painted, sat) in zip(("the fitted view", "zoom 9"), d["heat"]))
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
