"""Geoparsing figures on the public corpora, beside the published ones; writes docs/benchmarks.md.

Usage: python benchmarks/geoparse.py [--bench ../shared/bench] [--out docs/benchmarks.md]
Also prints the speed on ~700-word articles (built by joining corpus articles) and peak resident memory.

Every corpus is also split, once and for all, by a hash of each document's id (`half_of`, as in
benchmarks/incidents_dev.py): the *tuning* half (read its misses as much as you like) and the *held-back* half
(only ever measured: never read its misses to write a rule). Both are reported beside the whole.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incidents_dev import half_of  # noqa: E402

from geomap.evaluate import evaluate_places_parts  # noqa: E402
from geomap.pipeline import default_geoparser  # noqa: E402

CORPORA = ("lgl", "geowebnews", "geovirus", "wiktor")
HALVES = {"tune": "tuning half", "held": "held-back half"}
# Published figures (recognition F1 / acc@161), from ../shared/bench/README.md.
PUBLISHED = {
    "lgl": "CamCoder F1 .65, acc .72-.76; Edinburgh F1 .50-.62, acc .76-.82; CLAVIN F1 .57, acc .70; "
           "Mordecai 3 gold-span acc .83",
    "geowebnews": "CamCoder F1 .69, acc .84; Edinburgh F1 .65, acc .92; spaCy NER + population F1 .70, acc .66; "
                  "Mordecai 3 gold-span acc .94",
    "geovirus": "CamCoder F1 .87, acc .77-.82; Edinburgh F1 .68, acc .78-.81",
    "wiktor": "CamCoder acc .65; Edinburgh .42; population heuristic .22; Mordecai 3 gold-span .98",
}


def speed(bench: Path, words: int = 700, passes: int = 7) -> tuple[float, float, float]:
    """Articles per second on one core for articles of about ``words`` words, gazetteer already loaded:
    (best pass, median pass, both per CPU second of this process; all passes per wall-clock second).

    A shared machine only ever slows a pass down (another tenant on the core, a slower clock), so the best pass
    is the per-core speed, as ``timeit`` advises; the median shows what a noisy moment costs."""
    texts = [json.loads(line)["text"] for line in (bench / "geowebnews.jsonl").open(encoding="utf-8")]
    pool = " ".join(texts).split()
    articles = [" ".join(pool[i:i + words]) for i in range(0, len(pool) - words, words)]
    parser = default_geoparser()
    for text in articles:  # warm the caches once
        parser.parse(text)
    rates = []
    wall = time.perf_counter()
    for _ in range(passes):
        cpu = time.process_time()
        for text in articles:
            parser.parse(text)
        rates.append(len(articles) / (time.process_time() - cpu))
    wall_rate = passes * len(articles) / (time.perf_counter() - wall)
    return max(rates), statistics.median(rates), wall_rate


def half(doc: dict, index: int) -> str:
    """'tune' or 'held', from the document's id (its line index when it has none)."""
    return half_of(str(doc.get("id", index)))


def row(label: str, full: dict, spans: dict, published: str) -> str:
    return (f"| {label} | {full['precision']:.3f} | {full['recall']:.3f} | {full['f1']:.3f} | {full['acc161']:.3f} | "
            f"{full['acc161_recognised']:.3f} | {full['median_km']} | {full['auc']:.3f} | {spans['acc161']:.3f} | "
            f"{spans['auc']:.3f} | {full['articles_per_s']} | {published} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", default=str(Path(__file__).resolve().parents[2] / "shared" / "bench"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    bench = Path(args.bench)
    # first right after the gazetteer is loaded (the target's terms), again after ~12,000 parses have filled the
    # caches (a long run's state)
    rate, median_rate, wall_rate = speed(bench)
    rows = []
    for name in CORPORA:
        path = bench / f"{name}.jsonl"
        full = {k: r.as_dict() for k, r in evaluate_places_parts(path, half).items()}
        spans = {k: r.as_dict() for k, r in evaluate_places_parts(path, half, given_spans=True).items()}
        rows.append((name, full, spans))
        for key in ("all", *HALVES):
            f, g = full[key], spans[key]
            label = name if key == "all" else f"{name} ({key}, {f['documents']} docs)"
            print(f"{label}: P {f['precision']} "
                  f"R {f['recall']} F1 {f['f1']} acc@161 {f['acc161']} (recognised {f['acc161_recognised']}) "
                  f"median {f['median_km']} km AUC {f['auc']} | gold spans acc@161 {g['acc161']} AUC {g['auc']} | "
                  f"{f['articles_per_s']} articles/s")
    late_rate, late_median, _late_wall = speed(bench)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"speed: {rate:.0f} articles per CPU second on one core, best of 7 passes (median {median_rate:.0f}; "
          f"{wall_rate:.0f} per wall-clock second; 700-word articles; after the corpora {late_rate:.0f}, median "
          f"{late_median:.0f}); peak resident memory {peak:.0f} MB")
    lines = [
        "# Benchmarks",
        "",
        "Regenerate with `python benchmarks/geoparse.py` (needs `../shared/bench`). Scoring as in the corpora's",
        "README: a predicted span is right when it overlaps a gold toponym; a place is right when its GeoNames id",
        "matches or it lies within 161 km. End-to-end accuracy counts every gold toponym (missed = wrong).",
        "Below each corpus, its two halves by a hash of the document id (SHA-1, even last hex digit: tuning half;",
        "odd: held-back half, only ever measured, never read for misses): a rule that helps only the tuning half",
        "is fitted to it.",
        "",
        "| corpus | P | R | F1 | acc@161 end-to-end | acc@161 on recognised | median km | AUC | gold-span acc@161 |"
        " gold-span AUC | articles/s | published (F1 / acc@161) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, full, spans in rows:
        lines.append(row(name, full["all"], spans["all"], PUBLISHED[name]))
        lines += [row(f"{name}: {HALVES[key]} ({full[key]['documents']} docs)", full[key], spans[key], "")
                  for key in HALVES]
    lines += ["", f"Speed on ~700-word articles (GeoWebNews text re-cut), gazetteer loaded, one core: "
                  f"**{rate:.0f} articles per CPU second**, the best of seven passes over 115 articles (median "
                  f"{median_rate:.0f}; {wall_rate:.0f} per wall-clock second on this shared machine, whose speed "
                  f"varies by a third from minute to minute); in the same process after the corpora above, with "
                  f"full caches, {late_rate:.0f} (median {late_median:.0f}); peak resident memory {peak:.0f} MB.",
              "WikToR precision is not meaningful (one target toponym per article is annotated).", ""]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
