"""The local gazetteer: ranked lookups by name, reverse geocoding, outlines; loaded lazily, once.

The index is found in this order: an explicit ``data_dir`` argument, the ``GEOMAP_DATA_DIR`` environment
variable, then ``~/.cache/geomap`` (``$XDG_CACHE_HOME/geomap``). When it is missing it is built there from the
bundled sources, with a message on standard error (about 35 s on 2 cores, once).
"""
from __future__ import annotations

import functools
import json
import math
import mmap
import os
import sqlite3
import struct
import sys
import threading
from collections.abc import Iterator, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.build import (INDEX_NAME, NAMES_HEADER, NAMES_MAGIC, NAMES_NAME, SCHEMA_VERSION, build, name_slot,
                          sources_dir, sources_fingerprint)
from geomap.errors import GazetteerError, QueryError
from geomap.model import Place
from geomap.names import normalize

if TYPE_CHECKING:
    from shapely import STRtree
    from shapely.geometry.base import BaseGeometry

_Outlines = tuple[list[str], list["BaseGeometry"], "STRtree"]  # codes, shapes and their tree, of one kind

MAX_QUERY_LENGTH = 200
NAME_MATCH_BONUS = 1.0  # a place's own current name beats a former or foreign name of another place
_FEATURE_BONUS = {"country": 1.5, "admin1": -0.6, "admin2": -1.0, "region": 0.0, "other": -0.5, "city": 0.0}
_CAPITAL_BONUS = {"PPLC": 1.5, "PPLA": 0.8, "PPLG": 0.3, "PPLA2": 0.2}
_PROMINENT_POPULATION = {"city": 200_000, "admin1": 500_000, "admin2": 1_000_000, "other": 10**12,
                         "country": 0, "region": 0}
_MINOR_POPULATION = 20_000
# How long a first build takes, as README.md and gazetteer/README.md say: 33.8 s measured on 2 cores (shared) with
# `GEOMAP_DATA_DIR=$(mktemp -d) geomap gazetteer build`, 2026-12-05.
BUILD_TIME = "about 35 s on 2 cores"
_COLUMNS = "id, name, lat, lon, cc, feature, fcode, admin1_code, admin1, population"


def is_minor_form(place: Place, kind: str) -> bool:
    """An other name (old, foreign, variant) of a place under 20,000 people."""
    return kind == "alt" and place.population < _MINOR_POPULATION


def shown_population(place: Place) -> int | None:
    """A place's population as we can vouch for it: GeoNames' figure for a country, a town or one of our own
    regions; None for a first- or second-level region, whose stored figure is only the sum of its towns of 500+
    (city sections counted beside their city: Kyiv City would show 7.4 M), kept to rank homonyms by size."""
    if place.feature in ("admin1", "admin2"):
        return None
    return place.population


def default_data_dir() -> Path:
    env = os.environ.get("GEOMAP_DATA_DIR")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "geomap"


def prior(place: Place) -> float:
    """Context-free plausibility of a place: log population, feature type, capital status."""
    score = math.log10(place.population + 10)
    score += _FEATURE_BONUS.get(place.feature, 0.0)
    return score + _CAPITAL_BONUS.get(place.feature_code or "", 0.0)


def _place(row: tuple[Any, ...]) -> Place:
    pid, name, lat, lon, cc, feature, fcode, a1code, a1, population = row
    return Place(pid if pid > 0 else None, name, lat, lon, cc, feature, a1code, a1, population, fcode)


def check_query(query: str) -> str:
    """Reject queries no gazetteer can answer, with a clear message."""
    if not isinstance(query, str) or not query.strip():
        raise QueryError("empty place name")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(f"place name too long ({len(query)} characters, at most {MAX_QUERY_LENGTH})")
    if any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in query):
        raise QueryError("place name contains control characters")
    return query


class NameIndex(Set[str]):
    """The name keys of the recognizer, read in place from the hash table `geomap.build.write_name_index` writes:
    membership costs a hash and one or two comparisons of bytes, and opening it costs nothing (the operating
    system pages the file in as look-ups need it, shared between processes)."""

    def __init__(self, path: Path) -> None:
        try:
            with open(path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            magic, slots, count = NAMES_HEADER.unpack_from(self._map)
        except (OSError, ValueError, struct.error) as e:
            raise GazetteerError(f"{path}: unreadable name index ({e}); run `geomap gazetteer build`") from None
        if magic != NAMES_MAGIC or slots & (slots - 1) or len(self._map) < NAMES_HEADER.size + 4 * slots:
            raise GazetteerError(f"{path}: not a name index of this version; run `geomap gazetteer build`")
        self._mask = slots - 1
        self._count: int = count
        self._base = NAMES_HEADER.size + 4 * slots
        table = memoryview(self._map)[NAMES_HEADER.size:self._base]
        if sys.byteorder == "little":
            self._slots: Sequence[int] = table.cast("I")
        else:  # pragma: no cover - big-endian machines
            import array

            self._slots = array.array("I", table.tobytes())
            self._slots.byteswap()

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        raw = key.encode("utf-8", "surrogatepass")  # a lone surrogate gives bytes no stored key has
        if len(raw) > 0xFFFF:
            return False
        entry = len(raw).to_bytes(2, "little") + raw
        slots, data, mask = self._slots, self._map, self._mask
        i = name_slot(raw) & mask
        while offset := slots[i]:
            if data[offset:offset + len(entry)] == entry:
                return True
            i = (i + 1) & mask
        return False

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        data, offset, end = self._map, self._base, len(self._map)
        while offset < end:
            size = int.from_bytes(data[offset:offset + 2], "little")
            yield data[offset + 2:offset + 2 + size].decode("utf-8")
            offset += 2 + size


class Gazetteer:
    """A read-only view of the built index. Thread-safe for reads; cheap to open (nothing loads up front)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / INDEX_NAME
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer index at {self.path}; run `geomap gazetteer build`")
        self._local = threading.local()
        self._names: NameIndex | None = None
        self._outlines: dict[str, _Outlines] = {}
        self._lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: Path | str | None = None, *, build_if_missing: bool = True) -> Gazetteer:
        directory = Path(data_dir) if data_dir else default_data_dir()
        reason = _stale(directory)
        if reason:
            if not build_if_missing:
                raise GazetteerError(f"{directory / INDEX_NAME}: {reason}; run `geomap gazetteer build`")
            _build_locked(directory, reason)
        return cls(directory)

    # -- storage -------------------------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            version = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if not version or int(version[0]) != SCHEMA_VERSION:
                raise GazetteerError(f"{self.path}: schema {version} is not {SCHEMA_VERSION}; rebuild it")
            self._local.conn = conn
        return conn

    @property
    def names(self) -> NameIndex:
        """Every name key, for the recognizer: a read-only set, memory-mapped on first use (no loading)."""
        if self._names is None:
            with self._lock:
                if self._names is None:
                    self._names = NameIndex(self.data_dir / NAMES_NAME)
        return self._names

    @functools.cached_property
    def common_words(self) -> frozenset[str]:
        """Ordinary English words that are also some place's name ("bank", "street", "none")."""
        return frozenset(row[0] for row in self.db.execute("SELECT word FROM common_words"))

    def is_prominent(self, key: str) -> bool:
        """True when a name belongs to a country, a region or a town of 200,000 or more."""
        return any(p.feature in ("country", "region") or p.population >= _PROMINENT_POPULATION[p.feature]
                   for p, kind in self.candidates(key) if kind != "abbr")

    def is_minor_alias(self, key: str) -> bool:
        """True when a name is only another name (old, foreign, variant) of places under 20,000 people: "Kristina"
        (Ristiina, Finland), "Nazi", "Frank". Alone in a text such a word is rarely that place."""
        found = self.candidates(key)
        return bool(found) and all(is_minor_form(place, kind) for place, kind in found)

    # -- lookups -------------------------------------------------------------------------------------------
    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one Gazetteer per process; the cache is the point
    def candidates(self, key: str) -> tuple[tuple[Place, str], ...]:
        """Places (with the kind of name matched: name, alt, abbr) for a normalised key, best prior first."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS}, n.kind FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?",
            (key,)).fetchall()
        found = [(_place(row[:10]), row[10]) for row in rows]
        found.sort(key=lambda pk: (-prior(pk[0]) - (NAME_MATCH_BONUS if pk[1] == "name" else 0.0),
                                   pk[0].geonameid or 0))
        return tuple(found)

    def lookup(self, name: str, *, country: str | None = None, limit: int | None = 10) -> list[Place]:
        """Candidates for a name, best first; ``country`` (ISO alpha-2) keeps only that country's places."""
        key = normalize(check_query(name))
        if not key:
            return []
        places = [p for p, _kind in self.candidates(key)]
        if country:
            places = [p for p in places if p.country_code == country.upper()]
        return places[:limit] if limit else places

    @functools.lru_cache(maxsize=256)  # noqa: B019
    def capital(self, cc: str) -> Place | None:
        """A country's capital (its GeoNames PPLC town), or None."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE cc = ? AND fcode = 'PPLC' "
                              "ORDER BY population DESC LIMIT 1", (cc.upper(),)).fetchone()
        return _place(row) if row else None

    @functools.lru_cache(maxsize=4096)  # noqa: B019
    def town_admin2(self, geonameid: int) -> tuple[str, str] | None:
        """(code "CC.A1.A2", name) of the second-level region a town of GeoNames cities15000 lies in, else None
        (the shipped sources carry no admin2 code for smaller towns)."""
        row = self.db.execute("SELECT code, name FROM town_admin2 WHERE town = ?", (geonameid,)).fetchone()
        return (row[0], row[1]) if row else None

    @functools.cached_property
    def _demonyms(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, cc FROM demonyms").fetchall())

    def demonym(self, word: str) -> str | None:
        """ISO country code for a demonym or adjective ("Ukrainian" -> "UA"), else None."""
        return self._demonyms.get(normalize(word))

    @functools.lru_cache(maxsize=1024)  # noqa: B019
    def country(self, cc: str) -> Place | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE feature='country' AND cc=?", (cc,)).fetchone()
        return _place(row) if row else None

    @functools.lru_cache(maxsize=8192)  # noqa: B019
    def admin1(self, code: str) -> Place | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE feature='admin1' AND admin1_code=?",
                              (code,)).fetchone()
        return _place(row) if row else None

    @functools.lru_cache(maxsize=256)  # noqa: B019
    def regions(self, cc: str) -> tuple[Place, ...]:
        """The first-level regions of a country."""
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE feature='admin1' AND cc=?", (cc,)).fetchall()
        return tuple(_place(row) for row in rows)

    def get(self, geonameid: int) -> Place | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE id=?", (geonameid,)).fetchone()
        return _place(row) if row else None

    # -- reverse -------------------------------------------------------------------------------------------
    def _outline_index(self, kind: str) -> _Outlines:
        if kind not in self._outlines:
            from shapely import STRtree, from_wkb

            rows = self.db.execute("SELECT code, wkb FROM outlines WHERE kind=? ORDER BY code", (kind,)).fetchall()
            shapes = [from_wkb(wkb) for _code, wkb in rows]
            self._outlines[kind] = ([code for code, _ in rows], shapes, STRtree(shapes))
        return self._outlines[kind]

    def region_code_at(self, lat: float, lon: float, kind: str = "admin1", *, slack: float = 0.1) -> str | None:
        """The code of the outline containing the point, or the nearest within ``slack`` degrees (coasts)."""
        from shapely.geometry import Point

        codes, _shapes, tree = self._outline_index(kind)
        point = Point(lon, lat)
        hits = tree.query(point, predicate="within")
        if len(hits):
            return codes[int(min(hits))]
        nearest = tree.query_nearest(point, max_distance=slack)
        return codes[int(min(nearest))] if len(nearest) else None

    def nearest_city(self, lat: float, lon: float, *, max_km: float = 50.0) -> Place | None:
        span = max_km / 111.0
        lon_span = span / max(math.cos(math.radians(lat)), 0.05)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE feature='city' AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (lat - span, lat + span, lon - lon_span, lon + lon_span)).fetchall()
        if not rows:
            return None
        best = min(rows, key=lambda r: haversine_km(lat, lon, r[2], r[3]))
        return _place(best) if haversine_km(lat, lon, best[2], best[3]) <= max_km else None

    def reverse(self, lat: float, lon: float) -> tuple[Place | None, Place | None, Place | None]:
        """(nearest populated place, first-level region, country) at a point; any may be None."""
        code = self.region_code_at(lat, lon, "admin1")
        cc = self.region_code_at(lat, lon, "country") or (code.split(".")[0] if code else None)
        return self.nearest_city(lat, lon), self.admin1(code) if code else None, self.country(cc) if cc else None

    def outlines_geojson(self, kind: str = "country") -> dict[str, Any]:
        """Outlines as a GeoJSON FeatureCollection (for the offline basemap)."""
        from shapely.geometry import mapping

        codes, shapes, _tree = self._outline_index(kind)
        features = [{"type": "Feature", "properties": {"code": code}, "geometry": mapping(shape)}
                    for code, shape in zip(codes, shapes)]
        return {"type": "FeatureCollection", "features": features}

    def info(self) -> dict[str, Any]:
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        counts = json.loads(meta.pop("counts", "{}"))
        names = self.db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        # the same two figures as the build's message: (name, place) pairs, and the distinct names recognised
        return {"path": str(self.path), "size_bytes": self.path.stat().st_size, "places": counts,
                "names": names, "distinct_names_recognized": len(self.names), **meta}


def _stale(directory: Path) -> str | None:
    """Why the index in ``directory`` must be (re)built, or None when it is current."""
    index = directory / INDEX_NAME
    if not index.exists() or not (directory / NAMES_NAME).exists():
        return "no index yet"
    if not (sources_dir() / "sources").is_dir():
        return None  # an installed copy without the sources: use the index as it is
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
    except sqlite3.Error:
        return "the index is unreadable"
    return None if row and row[0] == sources_fingerprint(data_dir=directory) else "the gazetteer sources changed"


def _build_locked(directory: Path, reason: str) -> None:
    """Build once even when several processes start together (an exclusive lock on a file beside the index)."""
    import fcntl

    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _stale(directory) is None:
            return  # another process built it while this one waited
        print(f"geomap: building the local gazetteer in {directory} ({reason}; {BUILD_TIME}, once)...",
              file=sys.stderr)
        report = build(directory)
        print(f"geomap: gazetteer built: {report.summary()} in {report.seconds:.0f} s", file=sys.stderr)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, opened (and built if needed) on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Gazetteer.open()
    return _DEFAULT
