"""Incident figures on short coder-style reports and one-line posts of our own (tests/data/coder_notes/), in the
terms of issue 13's acceptance: an incident for the report at all, the right event type end to end, and a place
within 25 km end to end (a report with no incident counts as wrong). `items.jsonl` is the half the rules were tuned
on; `held.jsonl` was written afterwards and measured once before any rule looked at it (see docs/incidents.md).

    python benchmarks/coder_notes.py            # both files
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOTES = Path(__file__).resolve().parents[1] / "tests" / "data" / "coder_notes"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def measure(geomap: str, path: Path) -> dict[str, float]:
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({"id": it["id"], "text": it["text"], "published": it["published"]}) + "\n")
    out = subprocess.run([geomap, "incidents", f.name, "--format", "jsonl", "--no-merge", "-q"],
                         stdout=subprocess.PIPE, text=True, check=False).stdout
    Path(f.name).unlink()
    found: dict[str, list[dict]] = {}
    for line in out.splitlines():
        incident = json.loads(line)
        found.setdefault(incident["article_ids"], []).append(incident)
    events = [it for it in items if it["gold"]["incidents"]]
    some = typed = placed = exact_dead = 0
    for it in events:
        gold, got = it["gold"]["incidents"][0], found.get(it["id"], [])
        some += bool(got)
        same = [g for g in got if g["event_type"] == gold["event_type"]]
        typed += bool(same)
        near = [g for g in same if km(gold["lat"], gold["lon"], g["latitude"], g["longitude"]) <= 25]
        placed += bool(near)
        exact_dead += bool(near) and (near[0]["fatalities"] or 0) == gold["fatalities"]
    n = len(events) or 1
    return {"reports": len(events), "with an incident": some / n, "type right end to end": typed / n,
            "within 25 km end to end": placed / n, "fatalities exact end to end": exact_dead / n,
            "false on no-event items": sum(len(found.get(it["id"], [])) for it in items if not it["gold"]["incidents"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geomap", default=shutil.which("geomap") or "geomap")
    args = ap.parse_args()
    print("| set | reports | with an incident | type right end to end | within 25 km end to end | "
          "fatalities exact end to end | false on no-event items |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in ("items", "held"):
        f = measure(args.geomap, NOTES / f"{name}.jsonl")
        print(f"| {name} | {f['reports']} | {f['with an incident']:.3f} | {f['type right end to end']:.3f} | "
              f"{f['within 25 km end to end']:.3f} | {f['fatalities exact end to end']:.3f} | "
              f"{f['false on no-event items']} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
