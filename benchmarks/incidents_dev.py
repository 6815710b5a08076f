"""Incident figures on the real-text development set, on its tuning half and its held-back half.

The set (../shared/incidents-dev, 321 real news summaries with ACLED-style gold) is split once and for all by a hash
of each item's id: items whose SHA-1 ends in an even hex digit are the *tuning* half (look at its misses as much as
you like), the others the *held-back* half (only ever measured: never read its misses to write a rule).

    python benchmarks/incidents_dev.py                 # both halves: summary lines
    python benchmarks/incidents_dev.py --half tune -v  # the tuning half with the scorer's misses and false incidents
    python benchmarks/incidents_dev.py --doc docs/incidents.md   # also rewrite the figures table in that page

Runs the shared scorer (score.py) with the installed `geomap` (or --geomap PATH).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "incidents-dev"
BEGIN, END = "<!-- incidents-dev:begin -->", "<!-- incidents-dev:end -->"


def half_of(item_id: str) -> str:
    """'tune' or 'held', fixed by the id alone."""
    return "tune" if int(hashlib.sha1(item_id.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "held"


def score(scorer: Path, geomap: str, items: list[dict]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(scorer), "--geomap", geomap, "--items", f.name],
                         stdout=subprocess.PIPE, text=True, check=False).stdout
    Path(f.name).unlink()
    return out


def summary(report: str) -> dict[str, float]:
    """The scorer's summary figures as numbers."""
    figures = {}
    for key, pattern in {
        "precision": r"incident precision ([\d.]+)", "recall": r"recall ([\d.]+)", "f1": r"F1 ([\d.]+)",
        "sub_event": r"sub_event_type accuracy ([\d.]+)", "date": r"date exact ([\d.]+)",
        "fatalities": r"fatalities exact ([\d.]+)", "false_on_none": r"no-incident items: (\d+)",
        "gold": r"gold incidents (\d+)", "pred": r"predicted (\d+)", "matched": r"matched (\d+)",
    }.items():
        tail = report[report.rfind("SUMMARY"):]
        m = re.search(pattern, tail)
        figures[key] = float(m.group(1)) if m else float("nan")
    return figures


def table(rows: dict[str, dict[str, float]]) -> str:
    lines = ["| half | items | gold | predicted | matched | precision | recall | F1 | sub-event | date exact | "
             "fatalities exact | false on no-incident items |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, (n, f) in rows.items():
        lines.append(f"| {name} | {n} | {f['gold']:.0f} | {f['pred']:.0f} | {f['matched']:.0f} | "
                     f"{f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {f['sub_event']:.3f} | "
                     f"{f['date']:.3f} | {f['fatalities']:.3f} | {f['false_on_none']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", default=str(DEV), help="folder of items.jsonl and score.py")
    ap.add_argument("--geomap", default=shutil.which("geomap") or "geomap")
    ap.add_argument("--half", choices=("tune", "held", "both", "all"), default="both")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the scorer's whole report")
    ap.add_argument("--doc", help="rewrite the figures between the incidents-dev markers of this Markdown file")
    args = ap.parse_args()
    dev = Path(args.dev)
    items = [json.loads(line) for line in (dev / "items.jsonl").open(encoding="utf-8") if line.strip()]
    halves = {"tune": [i for i in items if half_of(i["id"]) == "tune"],
              "held": [i for i in items if half_of(i["id"]) == "held"], "all": items}
    wanted = ["tune", "held", "all"] if args.half == "both" else [args.half]
    rows = {}
    for name in wanted:
        report = score(dev / "score.py", args.geomap, halves[name])
        if args.verbose:
            print(report)
        rows[name] = (len(halves[name]), summary(report))
    text = table(rows)
    print(text)
    if args.doc:
        page = Path(args.doc).read_text(encoding="utf-8")
        if BEGIN in page and END in page:
            page = page[:page.index(BEGIN) + len(BEGIN)] + "\n" + text + "\n" + page[page.index(END):]
            Path(args.doc).write_text(page, encoding="utf-8")
        else:
            print(f"{args.doc}: no {BEGIN} ... {END} markers; table not written", file=sys.stderr)


if __name__ == "__main__":
    main()
