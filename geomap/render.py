"""The interactive incident map: one self-contained HTML file, fast at 100,000 incidents.

folium builds the page and the map: a ``folium.Figure`` is the document and a ``folium.Map`` the
Leaflet map object (its options, its div, its script), which our runtime (geomap/assets/geomap.js)
takes over by name and draws on. folium's CDN links are dropped: Leaflet, its plugins and the runtime
are inlined into the figure's header, and so is the basemap (land, country and region boundaries,
place labels), so the file works with no network at all; online tiles are an option drawn above the
offline basemap (``tiles``).
The incidents are embedded once, as a compact JSON blob in a `<script type="application/json">`
tag, and drawn by geomap.js as canvas markers in one cluster group; popups, lists and panels are
built from text nodes, so nothing from an article is ever parsed as HTML (nor as a folium/Jinja
template: our pieces enter the figure as plain text), and a Content Security Policy, computed from
the rendered page, lets only the page's own scripts (by hash) run.
"""
from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import hashlib
import html
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geomap import taxonomy
from geomap.export import atomic_open
from geomap.model import Incident, SourceRef

__all__ = ["basemap_data", "map_data", "map_html", "render_map", "script_json", "tile_layer"]

ASSETS = Path(__file__).resolve().parent / "assets"

# Colours for event types that are not ACLED's (theirs are in the taxonomy table).
_SPARE_COLOURS = ("#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939")
# The second cue of each event type: its marker shape (geomap.js draws these on canvas).
_SHAPES = {
    "Battles": "square", "Explosions/Remote violence": "star", "Violence against civilians": "triangle",
    "Protests": "circle", "Riots": "diamond", "Strategic developments": "hexagon",
}
_SPARE_SHAPES = ("cross", "triangle-down", "circle", "square", "diamond", "hexagon")

# Row layout of the blob; geomap.js reads the same positions.
ROW_FIELDS = (
    "lat", "lon", "type", "sub_event_type", "day", "time_precision", "geo_precision",
    "fatalities", "injured", "location", "admin1", "country", "actor1", "actor2",
    "quotes", "sources", "notes", "event_id",
)

# Inlined in this order (vendored files: geomap/assets/README.md).
_STYLES = ("leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css", "Control.FullScreen.css")
_SCRIPTS = ("leaflet.js", "leaflet.markercluster.js", "Control.FullScreen.js", "leaflet-heat.js")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
COMPRESS_ABOVE = 2_000_000  # bytes of JSON above which a data block is gzip + base64
OSM_TILES = {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
             "attribution": "&copy; OpenStreetMap contributors", "max_zoom": 19}


def script_json(obj: Any) -> str:
    """JSON that is safe inside a <script> element: no "<", ">", "&", U+2028/2029 left raw."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class _Strings:
    """Interns strings into one table; rows keep indexes (-1 for none)."""

    def __init__(self) -> None:
        self.table: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if not value:
            return -1
        idx = self._index.get(value)
        if idx is None:
            idx = self._index[value] = len(self.table)
            self.table.append(value)
        return idx


def _type_table(incidents: Sequence[Incident]) -> list[dict[str, str]]:
    present = {i.event_type for i in incidents}
    acled = taxonomy.event_types()  # in the taxonomy's order, then the others by name
    names = [t for t in acled if t in present] + sorted(present - set(acled))
    spare = iter(_SPARE_COLOURS * (len(names) // len(_SPARE_COLOURS) + 1))
    spare_shape = iter(_SPARE_SHAPES * (len(names) // len(_SPARE_SHAPES) + 1))
    return [{"name": n, "color": taxonomy.colour(n) if n in acled else next(spare),
             "shape": _SHAPES.get(n) or next(spare_shape)} for n in names]


def _source_row(src: SourceRef, intern: _Strings) -> list[int]:
    published = src.published.date().isoformat() if src.published else None
    return [intern(src.title), intern(src.url), intern(src.source), intern(published),
            intern(src.article_id)]


def map_data(incidents: Sequence[Incident], *, title: str = "") -> dict[str, Any]:
    """The compact blob geomap.js draws: interned strings, one array per incident (ROW_FIELDS)."""
    intern = _Strings()
    types = _type_table(incidents)
    type_index = {t["name"]: k for k, t in enumerate(types)}
    dates = [i.event_date for i in incidents if i.event_date]
    day0: dt.date | None = min(dates) if dates else None
    ndays = (max(dates) - day0).days + 1 if day0 else 0
    sources: list[list[int]] = []
    source_index: dict[SourceRef, int] = {}
    rows = []
    for inc in incidents:
        src_ids = []
        for src in inc.sources:
            if src not in source_index:
                source_index[src] = len(sources)
                sources.append(_source_row(src, intern))
            src_ids.append(source_index[src])
        day = (inc.event_date - day0).days if inc.event_date and day0 else -1
        rows.append([
            round(inc.lat, 5), round(inc.lon, 5), type_index[inc.event_type],
            intern(inc.sub_event_type), day, inc.time_precision, inc.geo_precision,
            inc.fatalities, inc.injured, intern(inc.location), intern(inc.place.admin1),
            intern(inc.place.country_code), intern(inc.actor1), intern(inc.actor2),
            list(inc.quotes), src_ids, intern("; ".join(inc.notes)), intern(inc.event_id),
        ])
    return {
        "version": 2, "title": title, "fields": list(ROW_FIELDS), "types": types,
        "day0": day0.isoformat() if day0 else None, "ndays": ndays,
        "strings": intern.table, "sources": sources, "rows": rows,
    }


# ---- the offline basemap ---------------------------------------------------------------------

# Label kinds (geomap.js reads the same numbers).
COUNTRY, REGION, TOWN = 0, 1, 2
TOWN_LIMIT = 3000  # gazetteer towns in the map's area, most populous first
ALIAS_TOWNS = 400  # the most populous of them also carry their Latin-script aliases for search


def _rounded(obj: Any, digits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [_rounded(o, digits) for o in obj]
    return obj


def _geometry(shape: Any, tolerance: float) -> dict | None:
    from shapely.geometry import mapping

    small = shape.simplify(tolerance, preserve_topology=True)
    if small.is_empty:
        return None
    geom = mapping(small)
    digits = 3 if tolerance < 0.02 else 2
    return {"type": geom["type"], "coordinates": _rounded(geom["coordinates"], digits)}


def _town_zoom(population: int) -> int:
    """The zoom from which a town's label may show (collisions still decide, biggest first)."""
    for zoom, floor in ((4, 2_000_000), (5, 700_000), (6, 200_000), (7, 60_000), (8, 20_000), (9, 5_000)):
        if population >= floor:
            return zoom
    return 10


def _area_zoom(area_deg2: float, base: int) -> int:
    return base + (0 if area_deg2 > 150 else 1 if area_deg2 > 20 else 2 if area_deg2 > 2 else 3)


def _aliases(gazetteer: Any, place_ids: Iterable[int]) -> dict[int, list[str]]:
    """The places' Latin-script names (lowercase) for the map's search box, by place id, read in one pass
    (the names table is keyed by name, so one query per place would scan it each time)."""
    ids = sorted(set(place_ids))
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        rows = gazetteer.db.execute(
            f"SELECT place_id, key FROM names WHERE kind IN ('alt','abbr','name') "
            f"AND place_id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        for pid, key in rows:
            if len(key) >= 3 and key.isascii():
                out.setdefault(pid, []).append(key)
    return out


def _alias_text(aliases: dict[int, list[str]], place_id: int | None, name: str) -> str:
    keep = sorted(set(aliases.get(place_id or -1, ())) - {name.lower()})
    return "|".join(keep[:60])


def basemap_data(incidents: Sequence[Incident], gazetteer: Any, *, towns: int = TOWN_LIMIT) -> dict[str, Any]:
    """The offline basemap for the incidents: land (every country), the first-level region boundaries
    of the countries the incidents are in, and labels (countries, those regions, the gazetteer's most
    populous towns in the map's area and every incident's place), each with the zoom it appears from.

    Labels are rows [lat, lon, name, kind, min_zoom, aliases, context]; aliases and context feed
    the search box. Geometry is simplified (finer where the incidents are) to keep the file small.
    """
    codes, shapes, _tree = gazetteer._outline_index("country")
    focus = {i.place.country_code for i in incidents if i.place.country_code}
    lats = [i.lat for i in incidents] or [0.0]
    lons = [i.lon for i in incidents] or [0.0]
    south, north = max(-90.0, min(lats) - 3), min(90.0, max(lats) + 3)
    west, east = max(-180.0, min(lons) - 4), min(180.0, max(lons) + 4)
    land, labels = [], []
    country_names: dict[str, str] = {}
    alias_ids: dict[int, int] = {}  # label index -> the place whose aliases it carries
    for code, shape in zip(codes, shapes):
        geom = _geometry(shape, 0.01 if code in focus else 0.05)
        if geom:
            land.append({"type": "Feature", "properties": {}, "geometry": geom})
        place = gazetteer.country(code)
        if place is None:
            continue
        country_names[code] = place.name
        point = shape.representative_point() if shape.area < 60 else None
        lat, lon = (point.y, point.x) if point is not None else (place.lat, place.lon)
        if code in focus:
            alias_ids[len(labels)] = place.geonameid
        labels.append([round(lat, 3), round(lon, 3), place.name, COUNTRY, _area_zoom(shape.area, 2), "", ""])
    regions = []
    if focus:
        rcodes, rshapes, _ = gazetteer._outline_index("admin1")
        for code, shape in zip(rcodes, rshapes):
            if code.split(".")[0] not in focus:
                continue
            geom = _geometry(shape, 0.01)
            place = gazetteer.admin1(code)
            if geom:  # named as incidents name their admin1, for the region choropleth
                regions.append({"type": "Feature", "geometry": geom, "properties": {
                    "cc": code.split(".")[0], "name": place.name if place else None}})
            if place is None:
                continue
            point = shape.representative_point()
            alias_ids[len(labels)] = place.geonameid
            labels.append([round(point.y, 3), round(point.x, 3), place.name, REGION, _area_zoom(shape.area, 3),
                           "", country_names.get(code.split(".")[0], "")])
    seen: dict[str, list[tuple[float, float]]] = {}  # a name within ~15 km is labelled once

    def known(name: str, lat: float, lon: float) -> bool:
        return any(abs(lat - a) < 0.15 and abs(lon - b) < 0.2 for a, b in seen.get(name, ()))

    rows = gazetteer.db.execute(
        "SELECT id, name, lat, lon, cc, admin1, population FROM places WHERE feature='city' "
        "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY population DESC LIMIT ?",
        (south, north, west, east, towns)).fetchall()
    for rank, (pid, name, lat, lon, cc, admin1, population) in enumerate(rows):
        seen.setdefault(name, []).append((lat, lon))
        context = ", ".join(p for p in (admin1, country_names.get(cc or "")) if p)
        if rank < ALIAS_TOWNS:
            alias_ids[len(labels)] = pid
        labels.append([round(lat, 4), round(lon, 4), name, TOWN, _town_zoom(population), "", context])
    for inc in incidents:  # every incident's place is labelled, from zoom 8 at the latest
        if inc.place.feature not in ("city", "other"):
            continue
        if not inc.location or known(inc.location, inc.lat, inc.lon):
            continue
        seen.setdefault(inc.location, []).append((inc.lat, inc.lon))
        context = ", ".join(p for p in (inc.place.admin1, country_names.get(inc.place.country_code or ""))
                            if p)
        labels.append([round(inc.lat, 4), round(inc.lon, 4), inc.location, TOWN,
                       min(8, _town_zoom(inc.place.population)), "", context])
    aliases = _aliases(gazetteer, alias_ids.values())
    for k, pid in alias_ids.items():
        labels[k][5] = _alias_text(aliases, pid, labels[k][2])
    return {"land": {"type": "FeatureCollection", "features": land},
            "regions": {"type": "FeatureCollection", "features": regions},
            "labels": labels, "countries": country_names,
            "attribution": "Basemap: Natural Earth, GeoNames"}


def outlines_basemap(outlines: dict) -> dict[str, Any]:
    """A basemap of bare outlines (a GeoJSON FeatureCollection): land only, no labels."""
    return {"land": outlines, "regions": {"type": "FeatureCollection", "features": []}, "labels": [],
            "countries": {}, "attribution": "Basemap: Natural Earth"}


# ---- assembling the page ---------------------------------------------------------------------

def tile_layer(tiles: str | None) -> dict[str, Any] | None:
    """The online tile layer for ``--tiles``: "osm", or an http(s) URL template with {z}, {x} and {y}."""
    if not tiles:
        return None
    if tiles.lower() == "osm":
        return dict(OSM_TILES)
    if not re.match(r"https?://", tiles) or not all(k in tiles for k in ("{z}", "{x}", "{y}")):
        raise ValueError(f"--tiles: expected 'osm' or an http(s) URL template with {{z}}, {{x}} and {{y}}, "
                         f"got {tiles!r}")
    return {"url": tiles, "attribution": "Tiles: " + html.escape(re.sub(r"^https?://([^/]+).*", r"\1", tiles)),
            "max_zoom": 19}


def _asset_bytes(name: str) -> bytes:
    return (ASSETS / name).read_bytes()


def _data_uri(name: str) -> str | None:
    path = ASSETS / os.path.basename(name)
    mime = _MIME.get(path.suffix)
    if not mime or not path.is_file():
        return None
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css(css: str) -> str:
    """CSS with its relative url(...) images replaced by data URIs of the bundled files."""

    def swap(m: re.Match[str]) -> str:
        uri = _data_uri(m.group(2))
        return f"url({uri})" if uri else m.group(0)

    return re.sub(r"""url\((['"]?)([^'")#]+)\1\)""", swap, css)


def _inline_js(js: str) -> str:
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def data_block(element_id: str, obj: Any) -> str:
    """A non-executable <script> data block holding *obj*.

    Small blocks are plain JSON (escaped by script_json); blocks above COMPRESS_ABOVE bytes are
    gzip + base64 (nothing but [A-Za-z0-9+/=]), unpacked by geomap.js with DecompressionStream.
    """
    text = script_json(obj)
    if len(text) <= COMPRESS_ABOVE:
        return f'<script type="application/json" id="{element_id}">{text}</script>'
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
    return (f'<script type="application/gzip" data-encoding="base64" id="{element_id}">'
            f'{packed.decode("ascii")}</script>')


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# The Leaflet map's options, given to folium.Map (geomap.js makes the same map when none is given).
MAP_OPTIONS = {"prefer_canvas": True, "minZoom": 1, "maxZoom": 18, "world_copy_jump": False,
               "fullscreen_control": True, "fullscreen_control_options": {"position": "topleft"}}
MAP_ID = "geomap"  # the folium map's id, so its JS name (map_geomap) and so the page are reproducible
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
_CSP_SLOT = "<!-- geomap: Content-Security-Policy -->"
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


@functools.lru_cache(maxsize=1)
def _folium() -> tuple[Any, type, type]:
    """folium (imported on first use: it is slow to import) and our two element types for its figures."""
    import folium

    class Text(folium.Element):
        """Text put into a figure as it is. (branca's Element(text) would read it as a Jinja template,
        and news text must never be one.)"""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "Text"
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    class Part(folium.MacroElement):
        """Our text for the figure's body (html) and closing script, placed when the figure renders,
        in the order of the figure's children (so before or after the map's own div and script)."""

        def __init__(self, *, body: str = "", script: str = "") -> None:
            super().__init__()
            self._name = "Part"
            self.body, self.script = body, script

        def render(self, **kwargs: Any) -> str:
            figure: Any = self.get_root()  # a folium.Figure: header, html and script sections
            if self.body:
                figure.html.add_child(Text(self.body), name=self.get_name())
            if self.script:
                figure.script.add_child(Text(self.script), name=self.get_name())
            return ""

    return folium, Text, Part


def _inline_scripts(page: str) -> list[str]:
    """The text of every script in *page* that a browser would run (data blocks are not run).
    Raises RuntimeError for a script loaded from elsewhere: the page must need no network."""
    found = []
    for m in _SCRIPT_TAG.finditer(page):
        attrs, body = m.groups()
        if re.search(r"\bsrc\s*=", attrs, re.I):
            raise RuntimeError(f"the map page would load a script from elsewhere: <script{attrs}>")
        kind = _SCRIPT_TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            found.append(body)
    return found


def map_html(incidents: Iterable[Incident], *, title: str = "geomap incidents", tiles: str | None = None,
             basemap: dict | None = None, outlines: dict | None = None,
             overlays: Sequence[tuple[str, dict]] = (), offline: bool | None = None) -> str:
    """The map as one self-contained HTML document (see render_map), built by folium."""
    del offline  # every map is self-contained; the argument stays for old callers
    incidents = list(incidents)
    data = map_data(incidents, title=title)
    for t in data["types"]:
        if not _HEX.fullmatch(t["color"]):
            raise ValueError(f"bad colour for {t['name']!r}: {t['color']!r}")
    if basemap is None and outlines:
        basemap = outlines_basemap(outlines)
    tile = tile_layer(tiles)
    config = {"tiles": tile, "overlays": [name for name, _ in overlays]}
    folium, Text, Part = _folium()

    # The document. Its title is ours, after folium's charset meta: Figure(title=...) would write it
    # first and unescaped, and a long title would push the charset past the first 1024 bytes.
    figure = folium.Figure()
    fmap = folium.Map(location=[20, 0], zoom_start=2, tiles=None, **MAP_OPTIONS)
    fmap._id = MAP_ID
    fmap.default_js, fmap.default_css = [], []  # no CDN: Leaflet and its plugins are inlined below
    head = [_CSP_SLOT, _VIEWPORT, '<meta name="color-scheme" content="light dark">',
            f"<title>{html.escape(title)}</title>"]
    head += [f"<style>/* {n} */\n{_inline_css(_asset_bytes(n).decode('utf-8'))}\n</style>"
             for n in (*_STYLES, "geomap.css")]
    head += [f"<script>/* {os.path.basename(n)} */\n{_inline_js(_asset_bytes(n).decode('utf-8'))}\n</script>"
             for n in (*_SCRIPTS, "geomap.js")]  # before the map's own script, which needs Leaflet
    for k, text in enumerate(head):
        figure.header.add_child(Text(text), name=f"gm_head_{k}")
    blocks = [data_block("gm-data", data), data_block("gm-config", config)]
    if basemap:
        blocks.append(data_block("gm-basemap", basemap))
    blocks += [data_block(f"gm-overlay-{k}", geojson) for k, (_name, geojson) in enumerate(overlays)]
    start = ("GeomapInit(" + script_json({
        "dataId": "gm-data", "basemapId": "gm-basemap", "configId": "gm-config",
        "overlayPrefix": "gm-overlay-", "mapName": fmap.get_name()}) + ");")
    figure.add_child(Part(body='<div id="gm-app"><div id="gm-map" role="application" '
                               'aria-label="Map of incidents">'))
    figure.add_child(fmap)  # its div goes inside #gm-map, its script (var map_geomap = L.map(...)) last
    figure.add_child(Part(body="</div></div>\n" + "\n".join(blocks), script=start))
    page = figure.render()

    # What folium's page lacks or gets wrong for us, fixed in the rendered head: the language, and
    # pinch-zoom (folium's viewport meta has user-scalable=no); then the policy for its scripts.
    head_html, sep, rest = page.partition("</head>")
    fixed = re.sub(r"^(<!DOCTYPE html>\s*<html)>", r'\1 lang="en">', head_html, count=1)
    if fixed == head_html or not sep or head_html.count(_CSP_SLOT) != 1:
        raise RuntimeError("folium's page skeleton changed: cannot set the map's lang and policy")
    fixed = re.sub(r'\s*<meta\s+name="viewport"[^>]*>', lambda m: m.group(0) if _VIEWPORT in m.group(0) else "",
                   fixed)
    page = fixed + sep + rest
    img_src = "data: blob:" + (" " + re.sub(r"^(https?://[^/]+).*", r"\1", tile["url"]).replace(
        "{s}", "*") if tile else "")
    hashes = " ".join(_sha256(s) for s in _inline_scripts(page))
    csp = (f"default-src 'none'; script-src {hashes}; "
           f"style-src 'unsafe-inline'; img-src {img_src}; connect-src data: blob:; base-uri 'none'; "
           f"form-action 'none'")
    page = page.replace(_CSP_SLOT, f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">', 1)
    return page if page.endswith("\n") else page + "\n"


def read_overlay(path: str | os.PathLike[str]) -> tuple[str, dict]:
    """A user's GeoJSON file for ``--overlay``: (its name, a FeatureCollection). ValueError if it is not one."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            obj = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"--overlay {path}: cannot read it as GeoJSON ({e})") from None
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind == "Feature":
        obj = {"type": "FeatureCollection", "features": [obj]}
    elif kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection"):
        obj = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": obj}]}
    elif kind != "FeatureCollection" or not isinstance(obj.get("features"), list):
        raise ValueError(f"--overlay {path}: not a GeoJSON FeatureCollection, Feature or geometry")
    return path.stem, obj


def render_map(incidents: Sequence[Incident], path: str | os.PathLike[str], *,
               title: str = "geomap incidents", tiles: str | None = None, basemap: dict | None = None,
               outlines: dict | None = None, overlays: Sequence[tuple[str, dict]] = (),
               offline: bool | None = None) -> None:
    """Write the interactive map of the incidents to *path* (atomically), one file that needs no network.

    basemap: from basemap_data() (land, boundaries, labels); or *outlines*, a bare GeoJSON
    FeatureCollection of outlines; with neither the map shows markers on plain water colour.
    tiles: "osm" or a tile URL template, drawn above the offline basemap when the network allows.
    overlays: (name, FeatureCollection) pairs drawn under the incidents, each toggled in the layer panel.
    offline: ignored (every map is self-contained). Raises OutputError when *path* cannot be written.
    """
    page = map_html(incidents, title=title, tiles=tiles, basemap=basemap, outlines=outlines,
                    overlays=overlays, offline=offline)
    with atomic_open(path) as out:
        out.write(page)
