#!/usr/bin/env python3
"""How merging scales with the reports at one place: N synthetic reports at one town, merged.

    python benchmarks/merge_scale.py [--n 100000] [--sizes 1000,4000,16000] [--seed 1]

Two shapes of input, each at every size: "one event" (every report is the same strike on the same day at the
town: one group of N members, the case that used to be quadratic) and "a year" (reports at the town and at
six points 2-4 km from it, three event types, dates over 365 days, 80% to the day, 8% to the week, 5% to the
month, 7% undated: many groups in one grid cell). Prints, per shape and size, the seconds `merge_incidents`
took (best of --runs), the incidents it made, and the seconds per 1,000 reports, which stays flat when merging
is near-linear.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geomap.merge import merge_incidents  # noqa: E402
from geomap.model import Incident, Place, SourceRef  # noqa: E402

TOWN = Place(706524, "Berestyn", 49.38, 35.43, "UA", "city", "UA.07", "Kharkiv Oblast", 20000, "PPL")
# six points 2-4 km from the town centre (a district, a village, another outlet's coordinates)
NEARBY = tuple(Place(None, f"near Berestyn {i}", TOWN.lat + dlat, TOWN.lon + dlon, "UA", "city", "UA.07",
                     "Kharkiv Oblast")
               for i, (dlat, dlon) in enumerate(((0.02, 0.0), (-0.02, 0.0), (0.0, 0.03), (0.0, -0.03),
                                                 (0.015, 0.02), (-0.015, -0.02))))
TYPES = (("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"),
         ("Battles", "Armed clash"),
         ("Violence against civilians", "Attack"))
START = dt.date(2025, 1, 1)
UTC = dt.timezone.utc


def _report(k: int, rng: random.Random, *, one_event: bool) -> Incident:
    published = dt.datetime(2025, 1, 1, tzinfo=UTC) + dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
    source = SourceRef(f"article-{k}", f"Report {k}", f"https://news.example.org/{k}", f"Outlet {k % 50}",
                       published)
    place, precision, date, time_precision = TOWN, 1, START, 1
    event_type, sub = TYPES[0]
    if not one_event:
        event_type, sub = TYPES[rng.randrange(len(TYPES))]
        if rng.random() < 0.2:  # a point near the town, as another gazetteer or a district gives it
            place = NEARBY[k % len(NEARBY)]
            precision = 2
        roll = rng.random()
        date = START + dt.timedelta(days=rng.randrange(365))
        time_precision = 1 if roll < 0.80 else 2 if roll < 0.88 else 3
        if roll >= 0.93:
            date = None
    return Incident(
        event_id=f"UA{k:010d}", event_type=event_type, sub_event_type=sub, place=place, location=place.name,
        geo_precision=precision, event_date=date, time_precision=time_precision,
        fatalities=rng.choice((None, 0, 1, 2, 5)), injured=rng.choice((None, 0, 3)),
        actor1="Military Forces of Russia", actor2="Civilians (Ukraine)",
        quotes=(f"Report {k}: shelling hit Berestyn.",), sources=(source,), mention_text="Berestyn",
        evidence=(0, 30), rules=("type:test",),
    )


def reports(n: int, seed: int, *, one_event: bool) -> list[Incident]:
    """N reports at one town (see the module docstring), reproducible from ``seed``."""
    rng = random.Random(seed)
    return [_report(k, rng, one_event=one_event) for k in range(n)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=100_000, help="the largest size (default: %(default)s)")
    p.add_argument("--sizes", default="1000,4000,8000,16000,32000",
                   help="smaller sizes to show the growth (default: %(default)s)")
    p.add_argument("--runs", type=int, default=1, help="runs per size, the best is shown (default: %(default)s)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: %(default)s)")
    args = p.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s} | {args.n})
    print(f"merge_incidents, Python {platform.python_version()}, {dt.date.today().isoformat()}")
    print(f"{'shape':<10} {'reports':>8} {'incidents':>9} {'seconds':>8} {'s/1000':>7}")
    for one_event in (True, False):
        for n in sizes:
            items = reports(n, args.seed, one_event=one_event)
            best, merged = float("inf"), []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                merged = merge_incidents(items)
                best = min(best, time.perf_counter() - t0)
            shape = "one event" if one_event else "a year"
            print(f"{shape:<10} {n:>8} {len(merged):>9} {best:>8.2f} {best / n * 1000:>7.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
