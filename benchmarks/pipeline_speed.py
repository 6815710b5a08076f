"""Speed of the whole pipeline as users run it, on real news text: articles per second and peak memory.

The GeoWebNews texts (../shared/bench/geowebnews.jsonl: 200 world-news articles of about 400 words) are written
three times over (600 articles, ids made unique) into a temporary JSONL file, and the real command

    geomap incidents INPUT --format jsonl --no-merge --workers 1

runs on it in a subprocess, output discarded: wall-clock time of the whole process (start-up, imports, gazetteer
loading, reading, recognition, resolution, incident extraction, writing), best of N runs and the median.
CPU seconds (user + system, the least of the runs) are steadier than wall-clock on a shared machine. Peak RSS is
the largest sum of resident memory over the process and its children, sampled every 0.1 s.

    python benchmarks/pipeline_speed.py                            # 3 runs
    python benchmarks/pipeline_speed.py --runs 5 --write docs/throughput.md

The project's target is 200 articles/s or more.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import measure  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "geowebnews.jsonl"
BEGIN, END = "<!-- pipeline-speed:begin -->", "<!-- pipeline-speed:end -->"
TARGET = 200  # articles/s


def write_input(corpus: Path, path: Path, copies: int) -> int:
    """The corpus's texts `copies` times over as JSONL (id, text); returns the number of articles written."""
    docs = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for doc in docs:
                out.write(json.dumps({"id": f"{doc['id']}-{copy}", "text": doc["text"]}, ensure_ascii=False) + "\n")
    return len(docs) * copies


def _counts(summary: str) -> str:
    """'600 articles (0 skipped), 7482 places, 135 incidents (unmerged)' from the command's summary line."""
    return summary.removeprefix("geomap: ").rsplit(" in ", 1)[0]


def section(results: list[dict], articles: int, words: float, load: float, command: str) -> str:
    seconds = sorted(r["seconds"] for r in results)
    best, median = seconds[0], statistics.median(seconds)
    peak = max(r["peak_rss"] for r in results) / 2**20
    cpu = min(r["cpu"] for r in results)
    return "\n".join([
        f"Measured {dt.date.today().isoformat()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load:.1f} before the runs; {articles} articles of {words:.0f} words on average.",
        "",
        "| runs | best (s) | median (s) | articles/s (best) | articles/s (median) | CPU s (least) | peak RSS (MiB) "
        "| output |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| {len(results)} | {best:.2f} | {median:.2f} | {articles / best:.1f} | {articles / median:.1f} | "
        f"{cpu:.2f} | {peak:.0f} | {_counts(results[0]['summary'])} |",
        "",
        f"Target: {TARGET} articles/s or more (`{command}`).",
    ])


def rewrite(doc: Path, text: str) -> None:
    page = doc.read_text(encoding="utf-8")
    if BEGIN not in page or END not in page:
        raise SystemExit(f"{doc}: no {BEGIN} ... {END} markers")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    doc.write_text(pattern.sub(lambda _m: f"{BEGIN}\n{text}\n{END}", page, count=1), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(CORPUS), help="JSONL with id and text (default: GeoWebNews)")
    ap.add_argument("--copies", type=int, default=3, help="times the corpus is written over (default 3)")
    ap.add_argument("--runs", type=int, default=3, help="runs of the command (default 3)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--write", metavar="DOC", help="rewrite the pipeline-speed section of this Markdown file")
    args = ap.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory(prefix="geomap-speed-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        articles = write_input(Path(args.corpus), path, args.copies)
        words = sum(len(json.loads(line)["text"].split()) for line in path.open(encoding="utf-8")) / articles
        command = ["incidents", str(path), "--format", "jsonl", "--no-merge", "--workers", str(args.workers)]
        shown = f"geomap incidents INPUT --format jsonl --no-merge --workers {args.workers}"
        print(f"{articles} articles ({args.copies} x {Path(args.corpus).name}), {words:.0f} words each: {shown}",
              flush=True)
        results = []
        for run in range(1, args.runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            result = measure(command)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            result["cpu"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            if result["returncode"] != 0:
                print(f"run {run}: exit status {result['returncode']}: {result['summary']}", file=sys.stderr)
                return 1
            results.append(result)
            print(f"run {run}: {result['seconds']:.2f} s, {articles / result['seconds']:.1f} articles/s, "
                  f"CPU {result['cpu']:.2f} s, peak RSS {result['peak_rss'] / 2**20:.0f} MiB", flush=True)
    text = section(results, articles, words, load, f"python benchmarks/pipeline_speed.py --runs {args.runs}")
    print()
    print(text)
    if args.write:
        rewrite(Path(args.write), text)
        print(f"\nwrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
