"""The interactive incident map: one HTML file built with folium, fast at 100,000 incidents.

The incidents are embedded once, as a compact JSON blob in a `<script type="application/json">`
tag, and drawn by geomap/assets/geomap.js as canvas circle markers in one cluster group; popups
are built on click from text nodes, so nothing from an article is ever parsed as HTML.
With ``offline=True`` every script, style sheet and image is inlined and the basemap is drawn
from the outlines given, so the file needs no network at all.
"""
from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import json
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geomap import taxonomy
from geomap.export import atomic_open
from geomap.model import Incident, SourceRef

__all__ = ["map_data", "map_html", "render_map", "script_json"]

ASSETS = Path(__file__).resolve().parent / "assets"

# Colours for event types that are not ACLED's (theirs are in the taxonomy table).
_SPARE_COLOURS = ("#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939")

# Row layout of the blob; geomap.js reads the same positions.
ROW_FIELDS = (
    "lat", "lon", "type", "sub_event_type", "day", "time_precision", "geo_precision",
    "fatalities", "injured", "location", "admin1", "country", "actor1", "actor2",
    "quotes", "sources", "notes", "event_id",
)

_CDN_JS = {
    "leaflet": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    "markercluster": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js",
}
_CDN_CSS = {
    "leaflet_css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
    "markercluster_css": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css",
    "markercluster_default_css":
        "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.Default.css",
}
_FULLSCREEN = "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0"  # folium.plugins.Fullscreen's
# Every URL an offline map may reference, and the bundled file that replaces it.
_BUNDLED = {
    _CDN_JS["leaflet"]: "leaflet.js",
    _CDN_JS["markercluster"]: "leaflet.markercluster.js",
    _CDN_CSS["leaflet_css"]: "leaflet.css",
    _CDN_CSS["markercluster_css"]: "MarkerCluster.css",
    _CDN_CSS["markercluster_default_css"]: "MarkerCluster.Default.css",
    f"{_FULLSCREEN}/Control.FullScreen.min.js": "Control.FullScreen.js",
    f"{_FULLSCREEN}/Control.FullScreen.css": "Control.FullScreen.css",
}
# folium.plugins.HeatMap links its script from folium's repository (at any ref) and ships it too.
_HEAT_FILE = "templates/leaflet_heat.min.js"
_HEAT_PREFIX = "https://cdn.jsdelivr.net/gh/python-visualization/folium@"
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
COMPRESS_ABOVE = 2_000_000  # bytes of JSON above which a data block is gzip + base64


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
    return [{"name": n, "color": taxonomy.colour(n) if n in acled else next(spare)} for n in names]


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
        "version": 1, "title": title, "fields": list(ROW_FIELDS), "types": types,
        "day0": day0.isoformat() if day0 else None, "ndays": ndays,
        "strings": intern.table, "sources": sources, "rows": rows,
    }


def bundled_asset(url: str) -> str | None:
    """The bundled file that stands for a CDN URL of the map (None if there is none)."""
    if url.startswith(_HEAT_PREFIX) and url.endswith(f"/folium/{_HEAT_FILE}"):
        return f"folium:{_HEAT_FILE}"
    return _BUNDLED.get(url)


def _asset_bytes(name: str) -> bytes:
    if name.startswith("folium:"):
        import folium

        return (Path(folium.__file__).parent / name.split(":", 1)[1]).read_bytes()
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


_LINK = re.compile(r'<script src="(?P<js>[^"]+)"></script>'
                   r'|<link rel="stylesheet" href="(?P<css>[^"]+)"\s*/?>')


def _inline_assets(page: str) -> str:
    """Replace every external script and style sheet by the bundled copy (error if none)."""

    def swap(m: re.Match[str]) -> str:
        url = m.group("js") or m.group("css")
        name = bundled_asset(url)
        if name is None:
            raise RuntimeError(f"offline map: no bundled copy of {url}")
        text = _asset_bytes(name).decode("utf-8")
        if m.group("js"):
            return f"<script>/* {os.path.basename(name)} */\n{_inline_js(text)}\n</script>"
        return f"<style>/* {os.path.basename(name)} */\n{_inline_css(text)}\n</style>"

    return _LINK.sub(swap, page)


def _own_asset(name: str) -> str:
    return (ASSETS / name).read_text("utf-8")


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


class _Slots:
    """Placeholders put into folium's templates and filled after rendering.

    branca compiles every rendered macro again as a Jinja template, so nothing of ours (news
    text could hold "{{ ... }}") may pass through it: only these inert tokens do.
    """

    def __init__(self) -> None:
        self.nonce = uuid.uuid4().hex

    def __call__(self, name: str) -> str:
        return f"GEOMAP-SLOT-{self.nonce}-{name}"

    def fill(self, page: str, values: dict[str, str]) -> str:
        """Put each value in place of its slot (each slot must appear exactly once)."""
        for name, value in values.items():
            head, sep, tail = page.partition(self(name))
            if not sep or self(name) in tail:
                raise RuntimeError(f"map template lost its {name} slot")
            page = head + value + tail
        return page


def _geomap_element(slots: _Slots, *, has_outlines: bool, offline: bool, heat: Any,
                    control: Any) -> Any:
    """The folium element that embeds the data and starts geomap.js."""
    from folium.elements import JSCSSMixin
    from folium.template import Template

    class GeomapLayer(JSCSSMixin):
        _template = Template("""
            {% macro header(this, kwargs) %}
            {{ this.slot_head }}
            {% endmacro %}
            {% macro html(this, kwargs) %}
            {{ this.slot_data }}
            {% endmacro %}
            {% macro script(this, kwargs) %}
            GeomapInit({
                map: {{ this._parent.get_name() }},
                heat: {{ this.heat.get_name() }},
                control: {{ this.control.get_name() }},
                dataId: {{ (this.get_name() ~ "-data") | tojson }},
                outlinesId: {{ ((this.get_name() ~ "-outlines") if this.has_outlines else none) | tojson }},
                offline: {{ this.offline | tojson }}
            });
            {% endmacro %}
        """)
        default_js = [("markercluster", _CDN_JS["markercluster"])]
        default_css = [("markercluster_css", _CDN_CSS["markercluster_css"]),
                       ("markercluster_default_css", _CDN_CSS["markercluster_default_css"])]

        def __init__(self) -> None:
            super().__init__()
            self._name = "Geomap"
            self.has_outlines = has_outlines
            self.offline = offline
            self.heat = heat
            self.control = control
            self.slot_head = slots("head")
            self.slot_data = slots("data")

    return GeomapLayer()


def _build_figure(slots: _Slots, *, has_outlines: bool, offline: bool) -> tuple[Any, Any]:
    """The folium figure (title and data left as slots) and our element in it."""
    import folium
    from folium import plugins

    figure = folium.Figure(title=slots("title"))
    fmap = folium.Map(
        location=[20, 0], zoom_start=2, tiles=None if offline else "OpenStreetMap",
        prefer_canvas=True, max_zoom=18, min_zoom=1, control_scale=True,
    )
    fmap.options.update(max_zoom=18, min_zoom=1)  # markercluster needs maxZoom even without tiles
    # Only what the map uses (no bootstrap, jQuery or awesome-markers), online and offline alike.
    fmap.default_js = [("leaflet", _CDN_JS["leaflet"])]
    fmap.default_css = [("leaflet_css", _CDN_CSS["leaflet_css"])]
    fmap.add_to(figure)
    plugins.Fullscreen(position="topleft").add_to(fmap)
    heat = plugins.HeatMap([], name="Heatmap", show=False, radius=18, blur=22,
                           min_opacity=0.35, pane="gm-heat")
    heat.add_to(fmap)
    control = folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    element = _geomap_element(slots, has_outlines=has_outlines, offline=offline,
                              heat=heat, control=control)
    fmap.add_child(element)
    return figure, element


def map_html(incidents: Iterable[Incident], *, title: str = "geomap incidents",
             offline: bool = False, outlines: dict | None = None) -> str:
    """The map as one HTML document (see render_map)."""
    incidents = list(incidents)
    data = map_data(incidents, title=title)
    for t in data["types"]:
        if not _HEX.fullmatch(t["color"]):
            raise ValueError(f"bad colour for {t['name']!r}: {t['color']!r}")
    slots = _Slots()
    figure, element = _build_figure(slots, has_outlines=bool(outlines), offline=offline)
    page = figure.render()
    if offline:
        page = _inline_assets(page)
    name = element.get_name()
    blocks = [data_block(f"{name}-data", data)]
    if outlines:
        blocks.append(data_block(f"{name}-outlines", outlines))
    head = (f"<style>{_own_asset('geomap.css')}</style>\n"
            f"<script>{_inline_js(_own_asset('geomap.js'))}</script>")
    return slots.fill(page, {"title": html.escape(title), "head": head, "data": "\n".join(blocks)})


def render_map(incidents: Sequence[Incident], path: str | os.PathLike[str], *,
               title: str = "geomap incidents", offline: bool = False,
               outlines: dict | None = None) -> None:
    """Write the interactive map of the incidents to *path* (atomically).

    offline: inline every asset and draw *outlines* (a GeoJSON FeatureCollection of country or
    region outlines) as the basemap instead of OpenStreetMap tiles; the file then makes no
    network request. Raises OutputError when *path* cannot be written.
    """
    page = map_html(incidents, title=title, offline=offline, outlines=outlines)
    with atomic_open(path) as out:
        out.write(page)
