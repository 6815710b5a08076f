"""Write us_counties.tsv (in geomap/gazetteer_data/): a point for every US county (GeoNames admin2), placed at the
mean of its ZIP codes.

GeoNames' admin2 table has no coordinates, and most US counties hold no town of 15,000, so local news names
("Laurel County", "Edgar County") would have nowhere to go. The ZIP-code table of the `zipcodes` package
(3.0.0; ZIP points from GeoNames' postal-code dump, CC BY 4.0; county names from unitedstateszipcodes.org)
gives each ZIP its county; the mean of a county's ZIP points is its centre to within a few tens of km.
Each row also names the county's ZIP towns, so the build can credit a county with its towns' population.

It also writes us_localities.tsv.gz: every ZIP town (state, name) at the mean of its ZIP points, so that small
towns missing from cities500 ("Harwinton", "Tennessee Colony") can still be placed; the build keeps those not
already in cities500.

Usage: pip install zipcodes==3.0.0 && python gazetteer/make_us_counties.py
Columns of us_counties.tsv: admin2 code (CC.A1.A2), GeoNames id, name, lat, lon, ZIP towns (|-separated).
Columns of us_localities.tsv.gz: state, town, lat, lon, admin2 code.
"""
from __future__ import annotations

import gzip
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "geomap" / "gazetteer_data"  # the package's data files


def _key(state: str, name: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = folded.replace("saint ", "st. ").replace("st ", "st. ").replace(".", "").replace("'", "")
    return state, " ".join(folded.split())


def main() -> None:
    import zipcodes

    admin2: dict[tuple[str, str], tuple[str, str, str]] = {}
    with gzip.open(HERE / "sources" / "admin2Codes.txt.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            code, name, _ascii, gid = line.rstrip("\n").split("\t")
            if code.startswith("US."):
                admin2[_key(code.split(".")[1], name)] = (code, gid, name)

    localities: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    towns: dict[str, set[str]] = defaultdict(set)
    unmatched: set[tuple[str, str]] = set()
    for row in zipcodes.list_all():
        if row["country"] != "US" or not row["county"] or not row["lat"]:
            continue
        county = admin2.get(_key(row["state"], row["county"]))
        if county is None:
            unmatched.add((row["state"], row["county"]))
            continue
        points[county[0]].append((float(row["lat"]), float(row["long"])))
        if row["zip_code_type"] == "STANDARD":
            towns[county[0]].add(row["city"])
            localities[(row["state"], row["city"])].append((float(row["lat"]), float(row["long"]), county[0]))

    out = HERE / "us_counties.tsv"
    with out.open("w", encoding="utf-8") as handle:
        handle.write("# US counties at the mean of their ZIP points; made by make_us_counties.py from the zipcodes\n"
                     "# package 3.0.0 (ZIP points: GeoNames postal codes, CC BY 4.0). code, geonameid, name, lat, "
                     "lon, ZIP towns\n")
        for (code, gid, name) in sorted(admin2.values()):
            members = points.get(code)
            if not members:
                continue
            lat = sum(p[0] for p in members) / len(members)
            lon = sum(p[1] for p in members) / len(members)
            handle.write(f"{code}\t{gid}\t{name}\t{lat:.4f}\t{lon:.4f}\t{'|'.join(sorted(towns[code]))}\n")
    with gzip.open(HERE / "us_localities.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("# US ZIP towns at the mean of their ZIP points; made by make_us_counties.py from zipcodes 3.0.0 "
                     "(points: GeoNames postal codes, CC BY 4.0). state, town, lat, lon, admin2 code\n")
        for (state, town), members in sorted(localities.items()):
            lat = sum(m[0] for m in members) / len(members)
            lon = sum(m[1] for m in members) / len(members)
            county = max(set(m[2] for m in members), key=[m[2] for m in members].count)
            handle.write(f"{state}\t{town}\t{lat:.4f}\t{lon:.4f}\t{county}\n")
    print(f"wrote {out}: {len(points)} of {len(admin2)} counties placed; {len(unmatched)} ZIP county names unmatched")


if __name__ == "__main__":
    main()
