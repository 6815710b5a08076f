"""``geomap serve``: a read-only web app over an incident store (Starlette + uvicorn).

- ``/``: the map of geomap.render (served at ``/map``) in a frame, reloaded in place (view and filters kept, they
  live in its URL) when the store changes; ``/api/events`` tells it when.
- ``GET /api/incidents``: the merged incidents as a GeoJSON FeatureCollection with the properties of
  ``geomap export``; filters ``since``, ``until`` (event dates, YYYY-MM-DD), ``type`` (event or sub-event types,
  comma-separated), ``bbox`` (min lon, min lat, max lon, max lat), ``country`` (ISO 3166-1 alpha-2 codes,
  comma-separated), ``min_fatalities``; paging ``limit`` (default 1000, at most 10000) and ``offset``; newest first.
  ``numberMatched`` and ``numberReturned`` say how many matched and came back.
- ``GET /api/incidents/{event_id}``: one incident with every source and quote; ``GET /api/articles/{id}``: the
  stored article(s) with that id, their places and the incidents read from them; ``GET /api/status``.
- ``GET /api/events``: server-sent events, an ``incidents`` event whenever watch adds or changes incidents.

The store is a SQLite file or a PostgreSQL/PostGIS database (``postgresql://`` URL). One thread owns its
connection and polls ``data_version()`` (SQLite's ``PRAGMA data_version``, PostgreSQL's change counter: one cheap
read) to notice other processes' writes; the merged incidents are computed again only when articles or incidents changed, in a thread
of their own while the previous ones are still served, and filtered with numpy. Bound to loopback by default (Host header checked against DNS rebinding); any other address needs a
token, checked on every request in constant time: ``Authorization: Bearer T``, or a cookie set by opening
``/?token=T`` once in a browser. Only GET and HEAD exist. Everything from an article leaves as JSON or as text
the map draws through text nodes; nothing from it is run.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gzip
import hashlib
import hmac
import html
import ipaddress
import json
import logging
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qs

from geomap.errors import GeomapError

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "Query", "StoreReader", "create_app", "is_loopback", "serve"]

log = logging.getLogger("geomap.serve")
DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000
POLL_SECONDS = 1.0
KEEPALIVE_SECONDS = 15.0
COOKIE = "geomap_token"
_T = TypeVar("_T")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# ---------------------------------------------------------------- reading the store

@dataclass(frozen=True)
class Snapshot:
    """The merged incidents at one version of the store, newest first, with arrays to filter them."""

    version: int
    mark: tuple[int, ...]
    incidents: tuple[Any, ...]  # Incident
    articles: int
    columns: dict[str, Any] = field(repr=False)
    by_id: dict[str, int] = field(repr=False)


def _columns(incidents: tuple[Any, ...]) -> dict[str, Any]:
    import numpy as np

    n = len(incidents)
    day = np.full(n, -1, dtype=np.int64)
    fat = np.full(n, -1, dtype=np.int64)
    lat = np.empty(n, dtype=np.float64)
    lon = np.empty(n, dtype=np.float64)
    types: dict[str, list[int]] = {}
    countries: dict[str, list[int]] = {}
    for k, inc in enumerate(incidents):
        if inc.event_date is not None:
            day[k] = inc.event_date.toordinal()
        if inc.fatalities is not None:
            fat[k] = inc.fatalities
        lat[k], lon[k] = inc.lat, inc.lon
        types.setdefault(inc.event_type.lower(), []).append(k)
        types.setdefault(inc.sub_event_type.lower(), []).append(k)
        countries.setdefault((inc.place.country_code or "").upper(), []).append(k)
    return {"day": day, "fatalities": fat, "lat": lat, "lon": lon,
            "types": {t: np.array(v, dtype=np.int64) for t, v in types.items()},
            "countries": {c: np.array(v, dtype=np.int64) for c, v in countries.items()}}


def _newest_first(inc: Any) -> tuple[int, str]:
    return (-(inc.event_date.toordinal() if inc.event_date else 0), inc.event_id)


class StoreReader:
    """The store, read from one thread of its own; :meth:`snapshot` is cheap while nothing changed."""

    def __init__(self, path: str, *, km: float = 10.0) -> None:
        self.path = path
        self.km = km
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geomap-store")
        self._store: Any = None
        self._data_version: int | None = None
        self._asked = 0.0  # when data_version() was last asked (time.monotonic)
        self._snapshot: Snapshot | None = None
        self._building = False
        self._maps: dict[int, tuple[bytes, bytes]] = {}
        self._map_lock = threading.Lock()
        self.name = path
        self.run(self._open)

    def _open(self) -> None:
        from geomap.store import open_store

        self._store = open_store(self.path, km=self.km)
        self.name = self._store.path  # for messages: a URL without its password

    def run(self, fn: Callable[..., _T], *args: Any) -> _T:
        """Call ``fn(*args)`` in the store's thread and wait for it."""
        return self._pool.submit(fn, *args).result()

    async def call(self, fn: Callable[..., _T], *args: Any) -> _T:
        """Call ``fn(*args)`` in the store's thread without blocking the event loop."""
        return await asyncio.wrap_future(self._pool.submit(fn, *args))

    def close(self) -> None:
        def shut() -> None:
            if self._store is not None:
                self._store.close()

        self._pool.submit(shut).result()
        self._pool.shutdown(wait=True)

    # ---- in the store's thread

    def snapshot(self) -> Snapshot:
        """The latest snapshot, cheap while nothing changed. When articles or incidents changed, the next one is
        made in a thread of its own, with a connection of its own, and the one before is served until it is
        ready: merging 100,000 incidents takes seconds, and no request waits for it. The first is made here."""
        store = self._store
        if self._snapshot is not None and self._data_version is not None and store.poll_seconds:
            now = time.monotonic()  # a server round trip per request would cost more than the answer
            if now - self._asked < store.poll_seconds:
                return self._snapshot
            self._asked = now
        data_version = store.data_version()
        if self._snapshot is None:
            self._data_version = data_version
            self._snapshot = self._build(store, 1)
            return self._snapshot
        if data_version == self._data_version:
            return self._snapshot
        self._data_version = data_version
        if self._building or store.change_mark() == self._snapshot.mark:
            return self._snapshot
        current = self._snapshot
        self._building = True
        threading.Thread(target=self._rebuild, args=(current.version + 1,), name="geomap-snapshot",
                         daemon=True).start()
        return current

    def _rebuild(self, version: int) -> None:
        from geomap.store import open_store

        try:
            with open_store(self.path, km=self.km) as own:
                self._snapshot = self._build(own, version)
        except Exception:  # noqa: BLE001 - the snapshot before stays served; the next change tries again
            log.warning("could not read the store %s again", self.path, exc_info=True)
        finally:
            self._building = False
            self._data_version = None  # look again: more may have been written meanwhile

    def _build(self, store: Any, version: int) -> Snapshot:
        mark = store.change_mark()  # before the incidents: a write in between only means one more rebuild
        incidents = tuple(sorted(store.incidents(), key=_newest_first))
        log.info("store %s: version %d, %d incidents", store.path, version, len(incidents))
        return Snapshot(version, mark, incidents, mark[0], _columns(incidents),
                        {inc.event_id: k for k, inc in enumerate(incidents)})

    def article(self, article_id: str) -> list[dict[str, Any]]:
        store = self._store
        out = []
        for row in store.article_rows(article_id):
            row["places"] = store.article_places(row["key"])
            out.append(row)
        return out

    # ---- the map page (its own lock: built outside the store's thread, from a snapshot)

    def map_page(self, snap: Snapshot, title: str) -> tuple[bytes, bytes]:
        """The map of a snapshot as HTML bytes, plain and gzipped (kept for the latest version only)."""
        with self._map_lock:
            cached = self._maps.get(snap.version)
            if cached is not None:
                return cached
            from geomap.render import map_html

            basemap = None
            try:
                from geomap.gazetteer import default_gazetteer
                from geomap.render import basemap_data

                basemap = basemap_data(list(snap.incidents), default_gazetteer())
            except GeomapError as e:  # no gazetteer: the map still shows its markers
                log.warning("the map has no basemap (%s)", e)
            page = map_html(snap.incidents, title=title, basemap=basemap).encode("utf-8")
            self._maps = {snap.version: (page, gzip.compress(page, compresslevel=6, mtime=0))}
            return self._maps[snap.version]


# ---------------------------------------------------------------- queries

class BadQuery(GeomapError, ValueError):
    """A query parameter that cannot be read; the message names it."""


@dataclass(frozen=True)
class Query:
    """The filters and page of ``GET /api/incidents``."""

    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    countries: tuple[str, ...] = ()
    min_fatalities: int | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @classmethod
    def parse(cls, params: dict[str, str]) -> Query:
        """From query parameters; BadQuery naming the parameter when one is bad or unknown."""
        known = {"since", "until", "type", "bbox", "country", "min_fatalities", "limit", "offset"}
        unknown = sorted(set(params) - known - {"token"})
        if unknown:
            raise BadQuery(f"unknown parameter {unknown[0]!r}; the filters are {', '.join(sorted(known))}")
        return cls(
            since=_date(params, "since"), until=_date(params, "until"),
            types=tuple(t.strip().lower() for t in params.get("type", "").split(",") if t.strip()),
            bbox=_bbox(params.get("bbox")),
            countries=tuple(c.strip().upper() for c in params.get("country", "").split(",") if c.strip()),
            min_fatalities=_int(params, "min_fatalities", 0, None),
            limit=_int(params, "limit", 1, MAX_LIMIT) or DEFAULT_LIMIT,
            offset=_int(params, "offset", 0, None) or 0,
        )

    def select(self, snap: Snapshot) -> Any:
        """The indexes of the snapshot's incidents that pass the filters (newest first), as a numpy array."""
        import numpy as np

        c = snap.columns
        keep = np.ones(len(snap.incidents), dtype=bool)
        if self.since is not None:
            keep &= c["day"] >= self.since.toordinal()
        if self.until is not None:
            keep &= (c["day"] >= 0) & (c["day"] <= self.until.toordinal())
        if self.types:
            keep &= _member(len(keep), [c["types"].get(t) for t in self.types])
        if self.countries:
            keep &= _member(len(keep), [c["countries"].get(cc) for cc in self.countries])
        if self.min_fatalities is not None:
            keep &= c["fatalities"] >= self.min_fatalities
        if self.bbox is not None:
            west, south, east, north = self.bbox
            keep &= (c["lat"] >= south) & (c["lat"] <= north)
            if west <= east:
                keep &= (c["lon"] >= west) & (c["lon"] <= east)
            else:  # across the antimeridian
                keep &= (c["lon"] >= west) | (c["lon"] <= east)
        return np.flatnonzero(keep)


def _member(n: int, groups: list[Any]) -> Any:
    import numpy as np

    mask = np.zeros(n, dtype=bool)
    for group in groups:
        if group is not None:
            mask[group] = True
    return mask


def _date(params: dict[str, str], name: str) -> dt.date | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise BadQuery(f"{name}: expected a date like 2026-11-18, not {text[:40]!r}") from None


def _int(params: dict[str, str], name: str, low: int, high: int | None) -> int | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise BadQuery(f"{name}: expected a whole number, not {text[:40]!r}") from None
    if value < low or (high is not None and value > high):
        raise BadQuery(f"{name}: expected {low} to {high}" if high is not None else f"{name}: expected {low} or more")
    return value


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text or not text.strip():
        return None
    import math

    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise BadQuery("bbox: expected four numbers: min lon, min lat, max lon, max lat") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
            -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise BadQuery("bbox: expected longitudes in -180..180 and latitudes in -90..90, min lat <= max lat")
    return west, south, east, north


# ---------------------------------------------------------------- the app

_SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                     "Cache-Control": "no-store"}
_PAGE_CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; frame-src 'self'; style-src 'unsafe-inline'; "
             "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_API_CSP = "default-src 'none'; frame-ancestors 'none'"

_LIVE_JS = """\
(function () {
  'use strict';
  var frame = document.getElementById('gm-frame');
  var badge = document.getElementById('gm-live');
  var version = Number(document.body.getAttribute('data-version'));
  function frameHash() {
    try { return frame.contentWindow.location.hash || ''; } catch (e) { return ''; }
  }
  function show(d, text) {
    badge.textContent = text + ' \\u00b7 ' + d.incidents + ' incidents \\u00b7 ' + new Date().toLocaleTimeString();
  }
  var source = new EventSource('/api/events');
  source.addEventListener('incidents', function (ev) {
    var d = JSON.parse(ev.data);
    if (d.version !== version) {
      version = d.version;
      frame.src = '/map?v=' + encodeURIComponent(String(version)) + frameHash();
      show(d, 'Updated');
    } else {
      show(d, 'Live');
    }
  });
  source.onerror = function () { badge.textContent = 'Reconnecting\\u2026'; };
})();
"""


def _index_page(title: str, version: int) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
html, body {{ margin: 0; height: 100%; }}
#gm-frame {{ border: 0; width: 100%; height: 100%; display: block; }}
#gm-live {{ position: fixed; left: 50%; bottom: 8px; transform: translateX(-50%); z-index: 10; font: 12px system-ui,
  sans-serif; background: rgba(255,255,255,.9); color: #222; padding: 2px 10px; border-radius: 10px;
  box-shadow: 0 1px 3px rgba(0,0,0,.3); pointer-events: none; }}
</style>
</head>
<body data-version="{int(version)}">
<iframe id="gm-frame" src="/map?v={int(version)}" title="Map of incidents"></iframe>
<div id="gm-live" role="status" aria-live="polite">Live</div>
<script src="/live.js"></script>
</body>
</html>
"""


def _token_ok(given: bytes, token: bytes) -> bool:
    # compare digests: constant time whatever the lengths
    return hmac.compare_digest(hashlib.sha256(given).digest(), hashlib.sha256(token).digest())


class _TokenGate:
    """ASGI middleware: every HTTP request needs the bearer token (or the cookie that /?token=T sets)."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.token = token.encode("utf-8")

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"")
        if auth[:7].lower() == b"bearer " and _token_ok(auth[7:].strip(), self.token):
            await self.app(scope, receive, send)
            return
        for part in headers.get(b"cookie", b"").split(b";"):
            name, _, value = part.strip().partition(b"=")
            if name == COOKIE.encode() and _token_ok(value, self.token):
                await self.app(scope, receive, send)
                return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if scope.get("path") == "/" and "token" in query and _token_ok(query["token"][0].encode("utf-8"),
                                                                         self.token):
            await _respond(send, 303, b"", [(b"location", b"/"), (b"set-cookie", f"{COOKIE}={query['token'][0]}; "
                                             "HttpOnly; SameSite=Strict; Path=/".encode("utf-8"))])
            return
        body = json.dumps({"error": "this server needs a token: 'Authorization: Bearer T', or open /?token=T "
                                    "in a browser"}).encode()
        await _respond(send, 401, body, [(b"content-type", b"application/json"),
                                         (b"www-authenticate", b'Bearer realm="geomap"')])


async def _respond(send: Any, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    extra = [(k.lower().encode(), v.encode()) for k, v in _SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status,
                "headers": [*headers, *extra, (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app(store_path: str, *, token: str | None = None, title: str = "geomap incidents",
               allowed_hosts: list[str] | None = None, poll: float = POLL_SECONDS) -> Any:
    """The Starlette application over a store. ``allowed_hosts``: Host headers accepted (None: any)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    from geomap.export import incident_feature

    reader = StoreReader(store_path)

    def json_response(obj: Any, status: int = 200) -> Response:
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return Response(body, status, media_type="application/json",
                        headers={**_SECURITY_HEADERS, "Content-Security-Policy": _API_CSP})

    def error(status: int, message: str) -> Response:
        return json_response({"error": message}, status)

    async def index(request: Request) -> Response:
        snap = await reader.call(reader.snapshot)
        return Response(_index_page(title, snap.version), media_type="text/html; charset=utf-8",
                        headers={**_SECURITY_HEADERS, "Content-Security-Policy": _PAGE_CSP})

    async def live_js(request: Request) -> Response:
        return Response(_LIVE_JS, media_type="text/javascript; charset=utf-8", headers=_SECURITY_HEADERS)

    async def no_icon(request: Request) -> Response:
        return Response(b"", 204, headers=_SECURITY_HEADERS)

    async def map_page(request: Request) -> Response:
        snap = await reader.call(reader.snapshot)
        page, packed = await asyncio.to_thread(reader.map_page, snap, title)
        headers = {**_SECURITY_HEADERS, "X-Frame-Options": "SAMEORIGIN", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(packed, media_type="text/html; charset=utf-8",
                            headers={**headers, "Content-Encoding": "gzip"})
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)

    async def incidents(request: Request) -> Response:
        try:
            query = Query.parse(dict(request.query_params))
        except BadQuery as e:
            return error(400, str(e))
        snap = await reader.call(reader.snapshot)
        found = query.select(snap)
        page = found[query.offset:query.offset + query.limit]
        features = ",".join(feature_json(snap, int(k)) for k in page)
        tail = json.dumps({"numberMatched": int(len(found)), "numberReturned": len(page), "offset": query.offset,
                           "limit": query.limit, "version": snap.version}, separators=(",", ":"))
        body = '{"type":"FeatureCollection","features":[' + features + "]," + tail[1:]
        return Response(body.encode("utf-8"), media_type="application/json",
                        headers={**_SECURITY_HEADERS, "Content-Security-Policy": _API_CSP})

    features_cache: dict[int, str] = {}
    cache_version = [0]

    def feature_json(snap: Snapshot, k: int) -> str:
        """One incident's Feature as JSON, kept for the snapshot's life (at most 50,000 of them)."""
        if cache_version[0] != snap.version or len(features_cache) > 50_000:
            features_cache.clear()
            cache_version[0] = snap.version
        text = features_cache.get(k)
        if text is None:
            text = features_cache[k] = json.dumps(incident_feature(snap.incidents[k]), ensure_ascii=False,
                                                  separators=(",", ":"))
        return text

    async def incident(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        snap = await reader.call(reader.snapshot)
        k = snap.by_id.get(event_id)
        if k is None:
            return error(404, f"no incident {event_id[:80]!r}")
        inc = snap.incidents[k]
        feature = incident_feature(inc)
        feature["quotes"] = list(inc.quotes)
        feature["sources"] = [{"article_id": s.article_id, "title": s.title, "url": s.url, "source": s.source,
                               "published": s.published.isoformat() if s.published else None} for s in inc.sources]
        return json_response(feature)

    async def article(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        rows = await reader.call(reader.article, article_id)
        if not rows:
            return error(404, f"no article {article_id[:80]!r}")
        return json_response({"id": article_id, "versions": rows})

    async def status(request: Request) -> Response:
        snap = await reader.call(reader.snapshot)
        return json_response({"version": snap.version, "incidents": len(snap.incidents), "articles": snap.articles})

    async def events(request: Request) -> Response:
        async def stream() -> Any:
            yield "retry: 2000\n\n"
            sent, quiet = None, 0.0
            while True:
                snap = await reader.call(reader.snapshot)
                if snap.version != sent:
                    sent, quiet = snap.version, 0.0
                    data = json.dumps({"version": snap.version, "incidents": len(snap.incidents),
                                       "articles": snap.articles})
                    yield f"event: incidents\nid: {snap.version}\ndata: {data}\n\n"
                elif quiet >= KEEPALIVE_SECONDS:
                    quiet = 0.0
                    yield ": keep-alive\n\n"
                await asyncio.sleep(poll)
                quiet += poll

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={**_SECURITY_HEADERS, "X-Accel-Buffering": "no"})

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/live.js", live_js, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
        Route("/map", map_page, methods=["GET"]),
        Route("/api/status", status, methods=["GET"]),
        Route("/api/incidents", incidents, methods=["GET"]),
        Route("/api/incidents/{event_id:path}", incident, methods=["GET"]),
        Route("/api/articles/{article_id:path}", article, methods=["GET"]),
        Route("/api/events", events, methods=["GET"]),
    ]
    middleware = []
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    if token:
        middleware.append(Middleware(_TokenGate, token=token))

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(getattr(exc, "status_code", 404), getattr(exc, "detail", "not found"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> Any:
        yield
        reader.close()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: not_found, 405: not_found},
                    lifespan=lifespan)
    app.state.reader = reader
    return app


def serve(store_path: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          title: str = "geomap incidents", quiet: bool = False) -> int:
    """Serve the store until interrupted. Refuses a non-loopback address without a token."""
    import uvicorn

    from geomap.store import is_database_url

    if not is_database_url(store_path) and not os.path.isfile(store_path):
        raise GeomapError(f"{store_path}: no such incident store (geomap watch ... --store {store_path} makes one)")
    loopback = is_loopback(host)
    if not loopback and not token:
        raise GeomapError(f"--host {host} can be reached from other machines: give --token T (or GEOMAP_TOKEN), "
                          "or serve on 127.0.0.1")
    if token is not None and not re.fullmatch(r"[A-Za-z0-9._~+/=-]{8,512}", token):
        raise GeomapError("--token: use 8 or more letters, digits or ._~+/=- (e.g. from: python -c "
                          "'import secrets; print(secrets.token_urlsafe())')")
    allowed = sorted({"127.0.0.1", "localhost", "::1", host.strip("[]")}) if loopback else None
    app = create_app(store_path, token=token, title=title, allowed_hosts=allowed)
    try:
        info = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(info[0], socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        with contextlib.suppress(OSError):  # accepted connections inherit it: no 40 ms Nagle/delayed-ACK stalls
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(info[4])
        sock.listen(2048)  # from now on connections wait in the backlog until uvicorn accepts them
    except OSError as e:
        raise GeomapError(f"cannot listen on {host}:{port} ({e.strerror or e})") from None
    bound = sock.getsockname()
    shown = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
    snap = app.state.reader.run(app.state.reader.snapshot)
    print(f"geomap: serving {app.state.reader.name} ({len(snap.incidents)} incidents) at http://{shown}:{bound[1]}/ "
          f"(Ctrl-C to stop)", file=sys.stderr, flush=True)
    config = uvicorn.Config(app, log_level="warning" if not quiet else "error", access_log=False,
                            timeout_graceful_shutdown=2, lifespan="on", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
