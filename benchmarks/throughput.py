"""Throughput and memory of `geomap incidents` on a generated corpus: 1 worker, 2 workers, Dask, and ~1 GB streamed.

The corpus is our own text: the sentences of examples/ and tests/data/gold/ recombined at random into articles
of about 700 words, with place names of our choosing sprinkled in. Each run is the real command line in a
subprocess; peak memory is the largest sum of resident memory over the process and all its children (workers,
Dask nanny and worker processes), sampled from /proc every 0.1 s.

    python benchmarks/throughput.py                  # 5,000 articles + the 1 GB streaming run
    python benchmarks/throughput.py --articles 1000 --stream-gb 0   # quicker, no 1 GB run

The throughput rows use `--no-merge` (every report streamed): merging (geomap.merge) is a final step over all
incidents, timed on its own in the "merged" row.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.incidents import split_sentences  # noqa: E402
from geomap.readers import iter_articles  # noqa: E402

TOWNS = ["Kharkiv", "Sumy", "Kherson", "Zaporizhzhia", "Nikopol", "Berestyn", "Pokrovsk", "Kramatorsk", "Odesa",
         "Dnipro", "Poltava", "Chernihiv", "Lviv", "Mykolaiv", "Izium", "Kupiansk", "Kostiantynivka", "Sloviansk",
         "El Obeid", "Kadugli", "El Fasher", "Khartoum", "Khan Younis", "Rafah", "Gaza City", "Tbilisi", "Batumi",
         "Chisinau", "Belgrade", "Novi Sad", "Mandalay", "Sagaing", "Athens", "Bangor", "Paris"]
TEMPLATES = [
    "Residents of {town} reported loud explosions overnight, the local administration said.",
    "A drone struck an energy facility near {town} on Tuesday, injuring two workers.",
    "Shelling hit a residential area of {town} late on Sunday, killing one man.",
    "Hundreds of people marched through the centre of {town} on Saturday to demand higher wages.",
    "The regional governor visited {town} on Monday to inspect repairs to the water network.",
    "Police in {town} detained four men suspected of arson, officials said.",
    "Power was restored to most of {town} by the evening, the grid operator said.",
]
PUBLISHED = dt.datetime(2025, 11, 1, 8, 0, tzinfo=dt.timezone.utc)


def sentence_pool() -> list[str]:
    articles = iter_articles([ROOT / "examples", ROOT / "tests" / "data" / "gold"], on_error=lambda e: None)
    return [s.text for a in articles for s in split_sentences(a.body)]


def article(rng: random.Random, pool: list[str], number: int, words: int = 700) -> dict:
    paragraphs, paragraph, count = [], [], 0
    while count < words:
        text = rng.choice(pool) if rng.random() < 0.8 else rng.choice(TEMPLATES).format(town=rng.choice(TOWNS))
        paragraph.append(text)
        count += len(text.split())
        if len(paragraph) >= rng.randint(2, 4):
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    published = PUBLISHED + dt.timedelta(days=rng.randint(0, 29), minutes=rng.randint(0, 1439))
    return {"id": f"bench-{number}", "title": f"Generated article {number}", "published": published.isoformat(),
            "source": "Bench Wire", "url": f"https://bench.example.org/{number}", "text": "\n\n".join(paragraphs)}


def write_corpus(path: Path, count: int | None = None, *, size: int | None = None, seed: int = 1) -> int:
    """Write `count` articles (or about `size` bytes of them) as JSONL; returns the number written."""
    rng, pool = random.Random(seed), sentence_pool()
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while (count is not None and n < count) or (size is not None and out.tell() < size):
            out.write(json.dumps(article(rng, pool, n), ensure_ascii=False) + "\n")
            n += 1
    return n


def shard(path: Path, folder: Path, shards: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    outs = [(folder / f"part-{i:03d}.jsonl").open("w", encoding="utf-8") for i in range(shards)]
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            outs[n % shards].write(line)
    for out in outs:
        out.close()


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measure(args: list[str]) -> dict:
    """Run `geomap ARGS` (stdout discarded); wall time, peak summed RSS, the summary line, the exit status."""
    peak = 0
    started = time.perf_counter()
    # bytecode as a pip install has it (pip compiles it), even where the shell sets PYTHONDONTWRITEBYTECODE
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen([sys.executable, "-m", "geomap", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_rss(p) for p in _tree(proc.pid)))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    summary = [line for line in stderr.splitlines() if " articles (" in line]
    return {"seconds": seconds, "peak_rss": peak, "returncode": proc.returncode,
            "summary": summary[-1] if summary else stderr.strip()[-300:]}


def _articles_in(summary: str) -> int:
    try:
        return int(summary.split("geomap: ", 1)[1].split(" articles", 1)[0])
    except (IndexError, ValueError):
        return 0


def row(name: str, result: dict) -> str:
    n = _articles_in(result["summary"])
    rate = n / result["seconds"] if result["seconds"] else 0
    return (f"| {name} | {n:,} | {result['seconds']:.1f} | {rate:.1f} | {result['peak_rss'] / 2**20:,.0f} | "
            f"{result['summary'].removeprefix('geomap: ')} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--stream-gb", type=float, default=1.0, help="size of the streamed JSONL (0: skip)")
    parser.add_argument("--merged", type=int, default=1000, metavar="N",
                        help="also time `incidents` with merging on the first N articles (0: skip)")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated files in DIR")
    args = parser.parse_args()
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="geomap-bench-", dir="/tmp"))
    tmp.mkdir(parents=True, exist_ok=True)
    rows = ["| run | articles | seconds | articles/s | peak RSS (MiB) | summary |", "|---|---:|---:|---:|---:|---|"]
    try:
        corpus = tmp / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
        print(f"corpus: {args.articles:,} articles, {words / args.articles:.0f} words each, "
              f"{corpus.stat().st_size / 2**20:.1f} MiB", flush=True)
        # --no-merge: the pipeline's own throughput (merging is a separate, final step, measured below)
        base = ["incidents", "--format", "jsonl", "--no-merge"]
        for workers in (1, 2):
            rows.append(row(f"local, --workers {workers}", measure([*base, str(corpus), "--workers", str(workers)])))
            print(rows[-1], flush=True)
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            rows.append("| Dask | (dask.distributed not installed) | | | | |")
        else:
            shard(corpus, tmp / "shards", 8)
            rows.append(row("Dask LocalCluster, 2 worker processes, 8 shards",
                            measure([*base, str(tmp / "shards"), "--engine", "dask", "--workers", "2"])))
            print(rows[-1], flush=True)
        if args.merged:
            head = tmp / "head.jsonl"
            with corpus.open(encoding="utf-8") as f, head.open("w", encoding="utf-8") as out:
                out.writelines(line for _, line in zip(range(args.merged), f))
            rows.append(row(f"local, --workers 2, merged (first {args.merged:,} articles)",
                            measure(["incidents", "--format", "jsonl", str(head), "--workers", "2"])))
            print(rows[-1], flush=True)
        corpus.unlink()
        if args.stream_gb > 0:
            big = tmp / "big.jsonl"
            n = write_corpus(big, size=int(args.stream_gb * 2**30), seed=2)
            print(f"streaming corpus: {n:,} articles, {big.stat().st_size / 2**30:.2f} GiB", flush=True)
            rows.append(row(f"local, --workers 2, {big.stat().st_size / 2**30:.2f} GiB JSONL streamed",
                            measure([*base, str(big), "--workers", "2"])))
            print(rows[-1], flush=True)
            big.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
