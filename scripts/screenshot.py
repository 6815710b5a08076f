#!/usr/bin/env python3
"""Save a PNG of a map drawn by headless Chromium (default docs/map.png), every request blocked.

    python scripts/screenshot.py output/map.html [-o docs/map.png] [--popup] [--width 390 --height 844]
    python scripts/screenshot.py [output/incidents.geojson] [-o docs/map.png] [--popup]

A map.html (from a real `geomap map` run) is drawn as it is; from a GeoJSON file, or without one
(synthetic incidents in and around Ukraine), the map is rendered first with the basemap geomap
builds from the gazetteer.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from geomap.model import Incident, Place, SourceRef  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split("; ") if v]


def _incident(feature: dict) -> Incident:
    """An Incident back from one Feature of incidents.geojson (lists split at "; ": a picture's worth)."""
    p = feature["properties"]
    lon, lat = feature["geometry"]["coordinates"][:2]
    place = Place(geonameid=p.get("geonameid"), name=p.get("location") or "", lat=lat, lon=lon,
                  country_code=p.get("country"), feature=p.get("feature") or "other",
                  admin1=p.get("admin1"))
    titles, urls = _split(p.get("source")), _split(p.get("source_url"))
    sources = tuple(SourceRef(article_id=t, title=t, url=urls[k] if k < len(urls) else None)
                    for k, t in enumerate(titles))
    date = p.get("event_date")
    return Incident(
        event_id=str(p.get("event_id") or feature.get("id")), event_type=p.get("event_type") or "Other",
        sub_event_type=p.get("sub_event_type") or "", place=place, location=place.name,
        geo_precision=int(p.get("geo_precision") or 1),
        event_date=dt.date.fromisoformat(date) if date else None,
        time_precision=int(p.get("time_precision") or 1), fatalities=p.get("fatalities"),
        injured=p.get("injured"), actor1=p.get("actor1"), actor2=p.get("actor2"),
        quotes=tuple(_split(p.get("quote"))), sources=sources, notes=tuple(_split(p.get("notes"))))


def load_incidents(path: Path | None, n: int) -> list[Incident]:
    if path is None:
        from map_scale import synthetic_incidents

        return synthetic_incidents(n, places=max(20, n // 8), abroad=0.0, seed=3)
    with open(path, encoding="utf-8") as fh:
        return [_incident(f) for f in json.load(fh)["features"]]


def screenshot(html: Path, png: Path, *, width: int, height: int, popup: bool) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(html.as_uri())
        page.wait_for_function("() => window.geomap && window.geomap.ready", timeout=120_000)
        if popup:
            page.evaluate("""() => {
                const rows = geomap.rows, q = geomap.data.fields.indexOf('quotes');
                let best = 0;
                rows.forEach((r, i) => { if (r[q].length && (r[7] || 0) > (rows[best][7] || 0)) best = i; });
                return geomap.openIncident(best);
            }""")
            page.wait_for_timeout(600)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()


def main(argv: list[str] | None = None) -> int:
    from geomap.render import render_map

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geojson", nargs="?", type=Path,
                        help="a map.html to draw as it is, or incidents.geojson (default: synthetic incidents)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "map.png")
    parser.add_argument("--n", type=int, default=1500, help="synthetic incidents when no file is given")
    parser.add_argument("--title", default=None)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--popup", action="store_true", help="open one incident's popup")
    args = parser.parse_args(argv)
    if args.geojson and args.geojson.suffix == ".html":
        screenshot(args.geojson.resolve(), args.output, width=args.width, height=args.height, popup=args.popup)
        print(f"wrote {args.output}")
        return 0
    from geomap.gazetteer import default_gazetteer
    from geomap.render import basemap_data

    incidents = load_incidents(args.geojson, args.n)
    title = args.title or (f"{len(incidents):,} incidents" if args.geojson
                           else f"{len(incidents):,} synthetic incidents")
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "map.html"
        render_map(incidents, html, title=title, basemap=basemap_data(incidents, default_gazetteer()))
        screenshot(html, args.output, width=args.width, height=args.height, popup=args.popup)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
