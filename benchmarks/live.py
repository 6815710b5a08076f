"""Throughput of live monitoring (issue 16), on loopback only.

1. watch: articles per minute through `geomap watch` (fetch + extract + pipeline + store) from a local
   `python -m http.server` (its own process) serving one RSS feed of N invented reports; one round, per-host
   delay 0 (the default 1 s delay caps one site at 60 pages a minute whatever the speed), with the time spent
   in each step.
2. serve: requests per second and p50/p99 latency of GET /api/incidents on a store of 100,000 incidents, through
   the real `geomap serve` process and an HTTP client with keep-alive (sequential, then 4 clients at once). Each
   query is asked 5 times before it is timed, so its features are already encoded (serve keeps each incident's
   Feature JSON for the life of a store version); one row pages through incidents never asked before.

    python benchmarks/live.py [--articles 300] [--incidents 100000] [--requests 300] [--keep DIR] [--pg URL]

With ``--pg postgresql://USER@HOST/DB`` both run on the team store instead of SQLite: fresh databases
geomap_bench_watch and geomap_bench_serve (PostGIS installed) are made on that server (the user needs CREATEDB);
with ``--keep`` too, the serve database of the run before is used again.

Prints a Markdown table for docs/throughput.md. Nothing leaves 127.0.0.1.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

TOWNS = [  # (name, region sentence part, lat, lon, country code)
    ("Kupiansk", "in the Kharkiv region", 49.71, 37.61, "UA"), ("Huliaipole", "in the Zaporizhzhia region", 47.66,
                                                                 36.26, "UA"),
    ("Kherson", "in southern Ukraine", 46.64, 32.61, "UA"), ("Pokrovsk", "in the Donetsk region", 48.28, 37.18, "UA"),
    ("Goma", "in eastern Congo", -1.68, 29.22, "CD"), ("Bunia", "in Ituri province", 1.56, 30.25, "CD"),
    ("Mopti", "in central Mali", 14.49, -4.19, "ML"), ("Gao", "in northern Mali", 16.27, -0.04, "ML"),
    ("Omdurman", "near Khartoum", 15.64, 32.48, "SD"), ("El Fasher", "in North Darfur", 13.63, 25.35, "SD"),
    ("Myitkyina", "in Kachin State", 25.38, 97.40, "MM"), ("Lashio", "in Shan State", 22.94, 97.75, "MM"),
    ("Maiduguri", "in Borno State", 11.85, 13.16, "NG"), ("Kidal", "in northern Mali", 18.44, 1.41, "ML"),
]
EVENTS = [
    "Artillery shelled {town} {where} on Monday, killing {n} civilians and wounding {m} others, officials said.",
    "A drone strike hit a fuel depot in {town} {where} on Tuesday night, killing {n} people, the governor said.",
    "Soldiers clashed with armed fighters near {town} {where} on Wednesday; {n} fighters were killed.",
    "Several hundred people marched peacefully through {town} {where} on Thursday to protest against rising "
    "prices, organisers said.",
    "Gunmen attacked a village outside {town} {where} on Friday, killing {n} residents, witnesses said.",
]
FILLER = (  # background sentences with no event in them; ~500 words an article, as wire reports run
    "Residents said the town had seen similar violence earlier this month.",
    "Aid groups said they were struggling to reach families who had fled.",
    "The authorities did not respond to requests for comment.",
    "Prices of bread and fuel have risen sharply since the summer, traders said.",
    "Schools in the district have been closed for most of the term.",
    "Local officials said the main road had been repaired only last week.",
    "Many families have moved to relatives in other towns, according to a local council member.",
    "The hospital said it was running short of medicines and generators.",
    "Talks between the parties are due to resume later this month, diplomats said.",
    "Farmers said they had been unable to reach their fields for several weeks.",
    "A curfew remains in place from ten in the evening until six in the morning.",
    "Telephone and internet connections were cut for several hours, residents said.",
)


def _page(k: int, rng: random.Random) -> tuple[str, str]:
    town, where, _lat, _lon, _cc = rng.choice(TOWNS)
    sentence = rng.choice(EVENTS).format(town=town, where=where, n=rng.randint(1, 9), m=rng.randint(1, 12))
    title = f"Report {k}: {town}"
    background = "".join("<p>" + " ".join(rng.choice(FILLER) for _ in range(6)) + "</p>" for _ in range(7))
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Bench Wire"></head><body><nav>Home | World | Sport</nav>'
            f"<article><h1>{title}</h1><p>{sentence}</p>{background}<p>Report number {k}.</p></article>"
            f"<footer>Copyright Bench Wire</footer></body></html>")
    return title, html


@contextlib.contextmanager
def http_server(folder: Path):
    """`python -m http.server` on 127.0.0.1 and a free port, in a process of its own."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "--bind", "127.0.0.1", "0",
                             "--directory", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        port = int(re.search(r"port (\d+)", line).group(1))
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fresh_pg(admin_url: str, name: str) -> str:
    """A new, empty database ``name`` with PostGIS on the server of ``admin_url``; its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    url = _pg_url(admin_url, name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
    return url


def _pg_url(admin_url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def _pg_articles(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except psycopg.Error:
        return 0


def bench_watch(articles: int, work: Path, pg: str | None = None) -> dict:
    from geomap.feeds import Fetcher, FetchPolicy
    from geomap.model import Article
    from geomap.store import open_store
    from geomap.watch import Watcher
    import geomap.watch as watch_module

    rng = random.Random(16)
    site = work / "site"
    (site / "pages").mkdir(parents=True)
    items = []
    for k in range(articles):
        title, html = _page(k, rng)
        (site / "pages" / f"{k}.html").write_text(html, encoding="utf-8")
        items.append((k, title))
    with http_server(site) as base:
        feed = "".join(f"<item><title>{t}</title><link>{base}/pages/{k}.html</link><guid>bench-{k}</guid>"
                       f"<pubDate>Tue, 17 Nov 2026 08:10:00 GMT</pubDate></item>" for k, t in items)
        (site / "rss.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
                                      f"{feed}</channel></rss>", encoding="utf-8")
        from geomap.runner import analyse

        analyse_timed = _timed(analyse, "pipeline")
        target = fresh_pg(pg, "geomap_bench_watch") if pg else str(work / "watch.db")
        with open_store(target) as store, Fetcher(FetchPolicy(delay=0.0)) as fetcher:
            analyse(Article("warm", "Shelling hit Kupiansk."))  # the gazetteer loaded before the clock starts
            store.record_entry = _timed(store.record_entry, "store")  # type: ignore[method-assign]
            fetcher.get = _timed(fetcher.get, "fetch")  # type: ignore[method-assign]
            watch_module.extract_page = _timed(watch_module.extract_page, "extract")
            watcher = Watcher(store, fetcher, say=lambda line: None, analyse=analyse_timed)
            started = time.perf_counter()
            summary = watcher.run_round([base + "/rss.xml"])
            seconds = time.perf_counter() - started
            counts = store.counts()
    return {"articles": summary.stored, "seconds": seconds, "per_minute": summary.stored / seconds * 60,
            "incidents": counts["incidents"], "steps": dict(_TIMES)}


_TIMES: dict[str, float] = {}


def _timed(fn, name):  # noqa: ANN001, ANN202
    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _TIMES[name] = _TIMES.get(name, 0.0) + time.perf_counter() - t
    return wrapper


# ---------------------------------------------------------------- serve

def build_store(path: Path | str, n: int) -> None:
    """A store of n incidents (one per article), spread over the towns above, a year of dates and the types."""
    from geomap import taxonomy
    from geomap.model import Article, Incident, Place, SourceRef
    from geomap.store import open_store

    rng = random.Random(100_000)
    pairs = [(t, s) for t in taxonomy.event_types() for s in taxonomy.sub_event_types(t)]
    day0 = dt.date(2025, 12, 1)

    def items():  # noqa: ANN202
        for k in range(n):
            town, _where, lat, lon, cc = rng.choice(TOWNS)
            lat += rng.uniform(-1.5, 1.5)
            lon += rng.uniform(-1.5, 1.5)
            etype, sub = rng.choice(pairs)
            published = dt.datetime.combine(day0 + dt.timedelta(days=rng.randrange(365)), dt.time(9),
                                            tzinfo=dt.timezone.utc)
            art = Article(f"bench-{k}", f"Report {k} from {town}.", title=f"Report {k}",
                          url=f"https://bench.example/{k}", source="Bench Wire", published=published)
            place = Place(None, f"{town} {k % 500}", round(lat, 4), round(lon, 4), cc, "city")
            inc = Incident(f"B{k:06d}", etype, sub, place, place.name, 1, published.date(), 1,
                           rng.choice([None, 0, 1, 2, 5, 12]), None, "Actor A", "Civilians",
                           (f"Something happened near {town}.",), (SourceRef(art.id, art.title, art.url, art.source,
                                                                             published),))
            yield art, [], [inc]

    with open_store(path) as store:
        store.add_many(items(), batch_size=5000)


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_serve(n: int, requests: int, work: Path, keep: Path | None, pg: str | None = None) -> dict:
    import httpx

    cached = keep / f"serve-{n}.db" if keep and not pg else None
    path: Path | str = work / "serve.db"
    t = time.perf_counter()
    if pg:
        path, built = _pg_url(pg, "geomap_bench_serve"), None
        if not (keep and _pg_articles(path) >= n):  # with --keep, the database of the run before is used again
            path = fresh_pg(pg, "geomap_bench_serve")
            build_store(path, n)
            built = time.perf_counter() - t
    elif cached and cached.exists():
        shutil.copy(cached, path)
        built = None
    else:
        build_store(path, n)
        built = time.perf_counter() - t
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, cached)
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "serve", "--store", str(path), "--port", "0", "-q"],
                            stderr=subprocess.PIPE, text=True, cwd=REPO)
    started = time.perf_counter()
    try:
        line = proc.stderr.readline()
        base = re.search(r"at (http://\S+)/ ", line).group(1)
        startup = time.perf_counter() - started  # includes merging the store once
        queries = {
            "/api/incidents (first 1000, newest first)": {},
            "/api/incidents?country=UA&since=2026-06-01&limit=100": {"country": "UA", "since": "2026-06-01",
                                                                      "limit": "100"},
            "/api/incidents?bbox=36,47,39,50&min_fatalities=1&limit=100": {"bbox": "36,47,39,50",
                                                                            "min_fatalities": "1", "limit": "100"},
            "/api/incidents?type=Battles&offset=5000&limit=10": {"type": "Battles", "offset": "5000", "limit": "10"},
        }
        rows = []
        with httpx.Client(base_url=base, timeout=120) as client:
            matched = client.get("/api/status").json()["incidents"]
            for label, params in queries.items():
                for _ in range(5):
                    client.get("/api/incidents", params=params)
                times = []
                t0 = time.perf_counter()
                for _ in range(requests):
                    t = time.perf_counter()
                    r = client.get("/api/incidents", params=params)
                    times.append(time.perf_counter() - t)
                    assert r.status_code == 200
                wall = time.perf_counter() - t0
                rows.append((label, "1 client", requests / wall, _percentile(times, 50), _percentile(times, 99),
                             len(r.content)))
            times = []  # cold: each page's features encoded for the first time
            t0 = time.perf_counter()
            for k in range(requests):
                t = time.perf_counter()
                r = client.get("/api/incidents", params={"limit": "100", "offset": str(20_000 + 100 * k)})
                times.append(time.perf_counter() - t)
            rows.append(("/api/incidents?limit=100&offset=20000,20100,... (pages never asked before)", "1 client",
                         requests / (time.perf_counter() - t0), _percentile(times, 50), _percentile(times, 99),
                         len(r.content)))
            label, params = list(queries.items())[1]
            rows.append(_concurrent(base, label, params, requests, 4))
            during = _during_rebuild(client, path)
            t = time.perf_counter()
            page = client.get("/map", headers={"Accept-Encoding": "gzip"})
            map_seconds = time.perf_counter() - t
            map_bytes = len(page.content)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stderr.close()
    return {"incidents": matched, "built": built, "startup": startup, "rows": rows, "map_seconds": map_seconds,
            "map_bytes": map_bytes, "during": during}


def _during_rebuild(client, path: Path | str) -> dict:  # noqa: ANN001
    """Add one article from this process (as watch would), then keep asking until serve has the new version:
    how long that took, and the latency of the requests asked meanwhile (served from the snapshot before)."""
    from geomap.model import Article, Incident, Place
    from geomap.store import open_store

    version = client.get("/api/status").json()["version"]
    stamp = time.time_ns()  # a new article each run, also on a store kept from the run before
    art = Article(f"bench-extra-{stamp}", "One more report.", title="One more", url=f"https://bench.example/{stamp}")
    place = Place(None, "Extra", 48.5, 35.0, "UA", "city")
    with open_store(path) as store:
        store.add_article(art, [], [Incident(f"BEXTRA{stamp}", "Battles", "Armed clash", place, "Extra", 1)])
    started = time.perf_counter()
    times = []
    while True:
        t = time.perf_counter()
        status = client.get("/api/incidents", params={"country": "UA", "limit": "100"})
        times.append(time.perf_counter() - t)
        if status.json()["version"] > version or time.perf_counter() - started > 300:
            break
    return {"seconds": time.perf_counter() - started, "requests": len(times), "p50": _percentile(times, 50),
            "max": max(times)}


def _concurrent(base: str, label: str, params: dict, requests: int, clients: int) -> tuple:
    import httpx

    times: list[float] = []
    lock = threading.Lock()

    def run() -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(requests // clients):
                t = time.perf_counter()
                client.get("/api/incidents", params=params)
                with lock:
                    times.append(time.perf_counter() - t)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    return (label, f"{clients} clients", len(times) / wall, _percentile(times, 50), _percentile(times, 99), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="keep the generated 100k store here between runs")
    parser.add_argument("--skip-watch", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--pg", metavar="URL", help="run on the PostgreSQL/PostGIS team store of this server")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geomap-live-"))
    try:
        if not args.skip_watch:
            w = bench_watch(args.articles, work, args.pg)
            steps = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(w["steps"].items(), key=lambda kv: -kv[1]))
            print(f"watch: {w['articles']} articles in {w['seconds']:.1f} s = {w['per_minute']:.0f} articles/min "
                  f"({w['incidents']} incidents stored); time in: {steps}")
        if not args.skip_serve:
            s = bench_serve(args.incidents, args.requests, work, args.keep, args.pg)
            built = f"built in {s['built']:.0f} s, " if s["built"] else ""
            print(f"serve: store of {s['incidents']:,} merged incidents ({built}serve ready in {s['startup']:.1f} s, "
                  f"merge included); /map {s['map_bytes'] / 1e6:.1f} MB gzipped, first answer in "
                  f"{s['map_seconds']:.1f} s")
            d = s["during"]
            print(f"serve: one article added by another process: the new version served {d['seconds']:.1f} s later; "
                  f"{d['requests']} requests meanwhile, p50 {d['p50'] * 1000:.1f} ms, max {d['max'] * 1000:.1f} ms")
            print("| request | clients | requests/s | p50 ms | p99 ms | response bytes |")
            print("| --- | --- | ---: | ---: | ---: | ---: |")
            for label, clients, rate, p50, p99, size in s["rows"]:
                print(f"| `{label}` | {clients} | {rate:.0f} | {p50 * 1000:.1f} | {p99 * 1000:.1f} | "
                      f"{size if size is not None else ''} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
