"""The team store on a real PostgreSQL/PostGIS server (GEOMAP_TEST_PG; `.ci/run` starts one), each test in a fresh
database of its own: migrations, the same incidents as SQLite, the spatial index, several writers at once (two
`geomap watch --once` processes on one store), `geomap serve` and `geomap store` on it, and one-line errors."""
from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import build_incident
from geomap.model import Article, SourceRef
from geomap.store import SCHEMA_VERSION, IncidentStore, open_store
from test_store import BODY_A, BODY_B, _reports, report

REPO = Path(__file__).resolve().parent.parent
UTC = dt.timezone.utc
REFUSED = "postgresql://someone:s3cret@127.0.0.1:1/news"  # nothing listens on port 1


def _geomap(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)


def _one_line_naming_the_url(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert "postgresql://someone@127.0.0.1:1/news" in result.stderr and "s3cret" not in result.stderr


# ---------------------------------------------------------------- no server needed

def test_import_geomap_does_not_load_the_driver():
    code = "import sys, geomap, geomap.store, geomap.cli, geomap.serve, geomap.watch; print('psycopg' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO).stdout.strip() == "False"


def test_unreachable_server_is_one_line_naming_the_url_without_its_password():
    for args in (("store", "stats"), ("store", "migrate"), ("export",), ("serve",)):
        _one_line_naming_the_url(_geomap(*args, "--store", REFUSED))


def test_urls_are_shown_without_their_password():
    from geomap.store_pg import redact

    assert redact("postgresql://ann:pw@db.example.org:5433/news?sslmode=require&password=pw2") == \
        "postgresql://ann@db.example.org:5433/news?sslmode=require"
    assert redact("postgres:///news") == "postgres:///news"


def test_missing_driver_is_one_line():
    code = ("import sys; sys.modules['psycopg'] = None; from geomap.cli import main; "
            f"sys.exit(main(['store', 'stats', '--store', {REFUSED!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    _one_line_naming_the_url(result)
    assert "pip install 'geomap[team]'" in result.stderr


# ---------------------------------------------------------------- schema

def test_migrate_creates_the_schema_once_and_is_idempotent(pg_url):
    with open_store(pg_url, migrate=False) as store:
        assert store.backend == "postgresql" and store.version == 0
        assert store.migrate() == (0, SCHEMA_VERSION)
        assert store.migrate() == (SCHEMA_VERSION, SCHEMA_VERSION)
        rows = store.db.execute("SELECT version FROM geomap_migrations ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
        tables = {r[0] for r in store.db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                  .fetchall()}
        assert {"articles", "mentions", "incidents", "incident_sources", "feeds", "feed_entries"} <= tables


def test_the_migrations_are_sqlites_and_carry_old_rows_forward(pg_url):
    """A store left at version 3 (articles keyed by id) is brought to version 5: its article keyed by article_key
    as SQLite's migration keys it, its incident kept, with a PostGIS point."""
    from geomap.store import MIGRATIONS, _key
    from geomap.store_pg import PG_MIGRATIONS

    assert len(PG_MIGRATIONS) == len(MIGRATIONS) == SCHEMA_VERSION
    with open_store(pg_url, migrate=False) as store:
        db = store.db
        for version in range(3):
            for statement in PG_MIGRATIONS[version]:
                db.execute(statement)
            db.execute("INSERT INTO geomap_migrations (version) VALUES (?)", (version + 1,))
        db.execute("INSERT INTO articles VALUES ('a1', 'T', 'https://x.org/1', 'Wire', NULL, 'c0ffee', 'now')")
        db.execute("INSERT INTO incidents (event_id, article_id, event_type, sub_event_type, place_name, lat, lon, "
                   "feature, location, geo_precision, time_precision, quotes, sources) VALUES ('E1', 'a1', 'Battles', "
                   "'Armed clash', 'Goma', -1.68, 29.22, 'city', 'Goma', 1, 1, '[]', '[]')")
        assert store.migrate() == (3, SCHEMA_VERSION)
        key, = db.execute("SELECT key FROM articles").fetchone()
        assert key == _key("a1", "Wire", "https://x.org/1", "c0ffee")
        row = db.execute("SELECT article_key, event_id, ST_X(geom), ST_Y(geom) FROM incidents").fetchone()
        assert row == (key, "E1", 29.22, -1.68)


def test_processes_opening_a_new_database_at_once_migrate_it_once(pg_url):
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            with open_store(pg_url) as store:
                assert store.version == SCHEMA_VERSION
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with open_store(pg_url) as store:
        assert store.db.execute("SELECT count(*) FROM geomap_migrations").fetchone()[0] == SCHEMA_VERSION


def test_no_postgis_is_one_line(pg_server, tmp_path):
    """A database without PostGIS, opened by a role that may not install it."""
    url, admin, _ = pg_server
    admin.execute("DROP DATABASE IF EXISTS geomap_no_postgis")
    admin.execute("CREATE DATABASE geomap_no_postgis TEMPLATE template0")
    admin.execute("DO $$ BEGIN CREATE ROLE geomap_plain LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    try:
        from urllib.parse import urlsplit

        host = urlsplit(url).netloc.rsplit("@", 1)[-1]
        result = _geomap("store", "migrate", "--store", f"postgresql://geomap_plain:pw@{host}/geomap_no_postgis")
        if "authentication failed" in result.stderr:
            pytest.skip("the server does not let a second role in without a password")
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "PostGIS is not available" in result.stderr and f"geomap_plain@{host}" in result.stderr
        assert "pw@" not in result.stderr
    finally:
        admin.execute("DROP DATABASE IF EXISTS geomap_no_postgis WITH (FORCE)")


# ---------------------------------------------------------------- the same store as SQLite

def _inputs() -> list:
    items = [report("a", BODY_A), report("b", BODY_B, title="Depot hit"), *list(_reports(5))]
    first = items[0][0]
    items.append((dataclasses.replace(first, body=first.body + " Updated."), items[0][1], items[0][2]))  # same id
    for n, (lat, lon, day) in enumerate(((49.7, 37.6, 3), (49.71, 37.61, 3), (14.5, -4.2, 9), (-17.8, 178.0, 11))):
        art = Article(id=f"t{n}", body=f"Report {n}.", title=f"Report {n}", url=f"https://news.example.org/t{n}",
                      source="Example Wire", published=dt.datetime(2026, 11, day, 9, tzinfo=UTC))
        inc = build_incident(event_id=f"EV{n}", lat=lat, lon=lon, name=f"Town {n}", event_date=dt.date(2026, 11, day),
                             sources=(SourceRef(art.id, art.title, art.url, art.source, art.published),))
        items.append((art, [], [inc]))
    return items


def test_the_same_incidents_as_the_sqlite_store(pg_url, tmp_path):
    items = _inputs()
    with open_store(pg_url) as pg, IncidentStore(tmp_path / "same.db") as lite:
        for store in (pg, lite):
            assert store.add_many(items[:4], batch_size=3) == 4
            for item in items[4:]:
                store.add_article(*item)
            assert store.add_many(items) == 0  # all stored already
            store.set_feed_state("https://feeds.example.org/a.xml", title="A", etag='"1"')
            store.set_feed_state("https://feeds.example.org/a.xml", error="HTTP 500")
        assert pg.counts() == lite.counts()
        assert pg.raw_incidents() == lite.raw_incidents()
        assert pg.incidents() == lite.incidents() and len(pg.incidents()) < len(pg.raw_incidents())
        assert pg.mentions("a") == lite.mentions("a")
        assert pg.feed_state("https://feeds.example.org/a.xml") == lite.feed_state("https://feeds.example.org/a.xml")

        def rows(store):
            return [{k: v for k, v in r.items() if k != "added_at"} for r in store.article_rows("a")]

        assert rows(pg) == rows(lite) and len(rows(pg)) == 2
        assert pg.article_places(rows(pg)[0]["key"]) == lite.article_places(rows(lite)[0]["key"])
        assert pg.remove_article("b") and lite.remove_article("b")
        assert pg.incidents() == lite.incidents() and pg.counts() == lite.counts()
        assert pg.stats()["merged_incidents"] == lite.stats()["merged_incidents"]


def test_two_writers_storing_the_same_articles_make_one_row_each(pg_url):
    items = list(_reports(30))
    added: list[int] = []
    open_store(pg_url).close()  # migrated once, before the race

    def write() -> None:
        with open_store(pg_url) as store:
            added.append(sum(store.add_article(*item) for item in items))

    threads = [threading.Thread(target=write) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sum(added) == 30
    with open_store(pg_url) as store:
        assert store.counts()["articles"] == 30 and len(store.raw_incidents()) == 30


def test_two_batches_in_opposite_orders_store_each_article_once(pg_url):
    """Each batch waits on an article the other has just written: PostgreSQL ends one to break the deadlock, and
    that batch is tried again whole."""
    items = list(_reports(40))
    open_store(pg_url).close()
    added: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def write(order: list) -> None:
        try:
            with open_store(pg_url) as store:
                start.wait()
                added.append(store.add_many(order, batch_size=len(order)))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(order,)) for order in (items, items[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sum(added) == 40
    with open_store(pg_url) as store:
        assert store.counts()["articles"] == 40


def test_spatial_index_and_bbox(pg_url, tmp_path):
    items = _inputs()
    with open_store(pg_url) as pg, IncidentStore(tmp_path / "bbox.db") as lite:
        for store in (pg, lite):
            store.add_many(items)
        indexes = pg.db.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'incidents'").fetchall()
        assert any("USING gist (geom)" in row[0] for row in indexes), indexes
        kind = pg.db.execute("SELECT type, srid FROM geometry_columns WHERE f_table_name = 'incidents'").fetchone()
        assert kind == ("POINT", 4326)
        for box, expected in (((37.0, 49.0, 38.0, 50.0), {"EV0", "EV1"}), ((-5.0, 14.0, -4.0, 15.0), {"EV2"}),
                              ((170.0, -20.0, -170.0, -10.0), {"EV3"}), ((0.0, 0.0, 1.0, 1.0), set())):
            got = {i.event_id for i in pg.raw_incidents(bbox=box)}
            assert got == expected, box
            assert pg.raw_incidents(bbox=box) == lite.raw_incidents(bbox=box)
        pg.db.execute("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in pg.db.execute(
            "EXPLAIN SELECT event_id FROM incidents WHERE geom && ST_MakeEnvelope(37, 49, 38, 50, 4326)").fetchall())
        assert "incidents_geom" in plan, plan


# ---------------------------------------------------------------- watch, serve and store on it

@pytest.mark.slow
def test_two_watch_processes_at_once_store_no_duplicates(pg_url, tmp_path):
    from test_watch import FeedServer, _snapshot

    with FeedServer() as server:
        server.page_delay = 0.1  # both processes are mid-round together
        sources = [server.base + "/rss.xml", server.base + "/atom.xml", server.base + "/feed.json"]
        args = ["--once", "--delay", "0", "--timeout", "3", "--retries", "0", "-q"]
        reference = str(tmp_path / "reference.db")
        procs = [subprocess.Popen([sys.executable, "-m", "geomap", "watch", *sources, "--store", store, *args],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
                 for store in (pg_url, pg_url, reference)]
        for proc in procs:
            _, err = proc.communicate(timeout=240)
            assert "Traceback" not in err, err
    expected = _snapshot(reference)
    with open_store(pg_url) as store:
        articles = sorted(tuple(r) for r in store.db.execute(
            "SELECT key, id, title, url, source, published FROM articles").fetchall())
        incidents = sorted(tuple(r) for r in store.db.execute(
            "SELECT article_key, event_id, event_type, location, fatalities FROM incidents").fetchall())
        stored = store.db.execute("SELECT canonical_url, body_hash FROM feed_entries WHERE status = 'stored'").fetchall()
        assert len({r[0] for r in stored}) == len({r[1] for r in stored}) == len(stored) == len(articles)
        merged = store.incidents()
    assert articles == [tuple(r) for r in expected["articles"]] and len(articles) == 7
    assert incidents == [tuple(r) for r in expected["incidents"]]
    with IncidentStore(reference) as lite:
        assert [i.event_id for i in merged] == [i.event_id for i in lite.incidents()]


def test_serve_answers_from_the_team_store(pg_url):
    httpx = pytest.importorskip("httpx")
    from test_serve import served

    items = _inputs()
    with open_store(pg_url) as store:
        store.add_many(items[:-1])
        merged = store.incidents()
    expected = {i.event_id for i in merged}
    in_box = {i.event_id for i in merged if 49 <= i.lat <= 50 and 37 <= i.lon <= 38}
    with served(pg_url) as base, httpx.Client(base_url=base, timeout=10) as client:
        body = client.get("/api/incidents").json()
        assert {f["id"] for f in body["features"]} == expected and body["numberMatched"] == len(expected)
        box = client.get("/api/incidents", params={"bbox": "37,49,38,50"}).json()
        assert {f["id"] for f in box["features"]} == in_box and len(in_box) == 1  # EV0 and EV1 are one event
        assert client.get("/api/articles/a").json()["versions"][0]["places"]
        version = client.get("/api/status").json()["version"]
        with open_store(pg_url) as store:  # another process's write is noticed
            store.add_article(*items[-1])
        import time

        for _ in range(100):
            status = client.get("/api/status").json()
            if status["version"] > version and status["incidents"] == len(expected) + 1:
                break
            time.sleep(0.1)
        assert status["incidents"] == len(expected) + 1, status
        assert "EV3" in {f["id"] for f in client.get("/api/incidents").json()["features"]}


def test_store_migrate_and_stats_commands(pg_url, tmp_path):
    lite = str(tmp_path / "cli.db")
    for target in (pg_url, lite):
        first = _geomap("store", "migrate", "--store", target)
        assert first.returncode == 0 and first.stdout.strip().endswith(f"schema version 0 -> {SCHEMA_VERSION}"), \
            first.stdout + first.stderr
        again = _geomap("store", "migrate", "--store", target)
        assert f"{SCHEMA_VERSION} -> {SCHEMA_VERSION} (up to date)" in again.stdout
        with open_store(target) as store:
            store.add_many(_inputs())
        stats = _geomap("store", "stats", "--store", target)
        assert stats.returncode == 0, stats.stderr
        lines = dict(line.split(": ", 1) for line in stats.stdout.splitlines())
        assert lines["schema version"] == str(SCHEMA_VERSION) and lines["articles"] == "12"
        assert lines["incidents"] == "12" and int(lines["merged incidents"]) < 12 and lines["feeds"] == "0"
        assert lines["backend"] == ("postgresql" if target == pg_url else "sqlite")
    assert "PostGIS" in lines.get("server", "") or True
    exported = _geomap("export", "--store", pg_url, "--format", "jsonl")
    assert exported.returncode == 0 and exported.stdout.count("\n") == int(lines["merged incidents"])
