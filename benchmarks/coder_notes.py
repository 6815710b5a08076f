"""Incident figures on our own short reports and wire stories (tests/data/coder_notes/, tests/data/wire_held/), in the
terms of issue 13's acceptance: an incident for the report at all, the right event type end to end, a place within
25 km end to end (a report with no incident counts as wrong), and incident precision and recall (type equal, place
within 25/60/300 km for gold precision 1/2/3, one-to-one, nearest first).

- coder notes `items.jsonl`: the half the rules were tuned on; `held.jsonl`: written afterwards and measured once
  before any rule looked at it;
- wire stories `wire_held/items.jsonl`, then `held2.jsonl`: each written after the rules of its time, measured once
  before any rule looked at it.

    python benchmarks/coder_notes.py
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = (("coder notes (tuned on)", DATA / "coder_notes" / "items.jsonl"),
        ("coder notes (held, then tuned)", DATA / "coder_notes" / "held.jsonl"),
        ("coder notes, third batch", DATA / "coder_notes" / "held3.jsonl"),
        ("posts and notes, fourth batch", DATA / "coder_notes" / "held4.jsonl"),
        ("coder notes, fifth batch", DATA / "coder_notes" / "held5.jsonl"),
        ("notes and posts, sixth batch", DATA / "coder_notes" / "held6.jsonl"),
        ("wire stories (held, then tuned)", DATA / "wire_held" / "items.jsonl"),
        ("wire stories, second batch (held, then tuned)", DATA / "wire_held" / "held2.jsonl"),
        ("wire stories, third batch", DATA / "wire_held" / "held3.jsonl"),
        ("wire stories, fourth batch", DATA / "wire_held" / "held4.jsonl"),
        ("summaries of our own, first batch", DATA / "summaries" / "held1.jsonl"),
        ("summaries of our own, second batch", DATA / "summaries" / "held2.jsonl"))
TOLERANCE_KM = {1: 25.0, 2: 60.0, 3: 300.0}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def run(geomap: str, items: list[dict]) -> dict[str, list[dict]]:
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
    return found


def matched(golds: list[dict], preds: list[dict]) -> int:
    pairs = sorted((km(g["lat"], g["lon"], p["latitude"], p["longitude"]), gi, pi)
                   for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                   if p["event_type"] == g["event_type"])
    used_g: set[int] = set()
    used_p: set[int] = set()
    for d, gi, pi in pairs:
        if gi not in used_g and pi not in used_p and d <= TOLERANCE_KM[golds[gi]["geo_precision"]]:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def measure(geomap: str, path: Path) -> dict[str, float]:
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    found = run(geomap, items)
    events = [it for it in items if it["gold"]["incidents"]]
    some = typed = placed = 0
    gold_n = pred_n = hits = 0
    for it in items:
        golds, got = it["gold"]["incidents"], found.get(it["id"], [])
        gold_n, pred_n, hits = gold_n + len(golds), pred_n + len(got), hits + matched(golds, got)
        if golds:
            first = golds[0]
            some += bool(got)
            same = [g for g in got if g["event_type"] == first["event_type"]]
            typed += bool(same)
            placed += any(km(first["lat"], first["lon"], g["latitude"], g["longitude"]) <= 25 for g in same)
    n = len(events) or 1
    return {"items": len(items), "with": some / n, "typed": typed / n, "placed": placed / n,
            "precision": hits / pred_n if pred_n else 0.0, "recall": hits / gold_n if gold_n else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geomap", default=shutil.which("geomap") or "geomap")
    args = ap.parse_args()
    print("| set | items | with an incident | type right end to end | within 25 km end to end | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, path in SETS:
        f = measure(args.geomap, path)
        print(f"| {name} | {f['items']} | {f['with']:.3f} | {f['typed']:.3f} | {f['placed']:.3f} | "
              f"{f['precision']:.3f} | {f['recall']:.3f} |")


if __name__ == "__main__":
    main()
