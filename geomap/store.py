"""The store of articles, their places and incidents, kept across runs: a SQLite file, or PostgreSQL/PostGIS.

    with open_store("incidents.sqlite") as store:            # or "postgresql://user@host/db" (geomap.store_pg)
        store.add_article(article, resolutions, incidents)   # False when already stored unchanged
        merged = store.incidents()                           # one incident per event, all articles

`Store` holds what both backends share (the SQL that is the same, the merge, the feeds of `geomap watch`);
`IncidentStore` is the embedded SQLite store described below, `geomap.store_pg.PostgresStore` the team store.

- Schema version in `PRAGMA user_version`; `MIGRATIONS[i]` takes a store from version i to i + 1, each in
  its own transaction, so an old store is brought up to date when opened. A store written by a newer
  geomap is refused rather than damaged.
- Every write is one transaction (`BEGIN IMMEDIATE` ... `COMMIT`, `ROLLBACK` on any exception including
  KeyboardInterrupt): an interrupted run leaves the store as it was after the last whole article
  (`add_article`) or batch (`add_many`). WAL journal, foreign keys on, parameterised SQL only (the one
  formatted statement is `PRAGMA user_version`, which takes no parameters, with an int of ours).
- An article is identified by its source and content (`article_key`: a hash of its id, outlet, URL, title,
  publication time and body), never by its id alone: articles that share an id (`a/report.txt` and
  `b/report.txt`, the `feed-3` of two files called `feed.jsonl`, two lines with `"id": "1"`) are all kept;
  the same article read again adds nothing. An id that the input gave explicitly (a header's `id:`, a JSONL
  "id") and that is already a different article's is logged as a warning naming both inputs. An article whose
  text changed is stored beside the earlier version (`remove_article` forgets one).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from geomap.errors import OutputError
from geomap.merge import merge_incidents
from geomap.model import Article, Incident, Mention, Place, Resolution, SourceRef

__all__ = ["IncidentStore", "MIGRATIONS", "SCHEMA_VERSION", "Store", "article_key", "content_hash", "is_database_url",
           "open_store"]

log = logging.getLogger("geomap.store")

# Each entry: the statements that take the schema from version i to i + 1. Append only; never edit one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 0 -> 1: articles, mentions, incidents and their sources
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT,
            url TEXT,
            source TEXT,
            published TEXT,
            content_hash TEXT NOT NULL,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            geonameid INTEGER,
            lat REAL,
            lon REAL,
            score REAL,
            reason TEXT,
            PRIMARY KEY (article_id, start, "end")
        )""",
        """CREATE TABLE incidents (
            event_id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            geonameid INTEGER,
            place_name TEXT NOT NULL,
            lat REAL NOT NULL,
            lon REAL NOT NULL,
            country_code TEXT,
            feature TEXT NOT NULL,
            admin1_code TEXT,
            admin1 TEXT,
            location TEXT NOT NULL,
            geo_precision INTEGER NOT NULL,
            event_date TEXT,
            time_precision INTEGER NOT NULL,
            fatalities INTEGER,
            injured INTEGER,
            actor1 TEXT,
            actor2 TEXT,
            quotes TEXT NOT NULL,
            sources TEXT NOT NULL
        )""",
        """CREATE TABLE incident_sources (
            event_id TEXT NOT NULL REFERENCES incidents(event_id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            title TEXT,
            url TEXT,
            source TEXT,
            published TEXT
        )""",
    ),
    (  # 1 -> 2: place details of mentions, incident notes/surface form/evidence, indexes
        "ALTER TABLE mentions ADD COLUMN name TEXT",
        "ALTER TABLE mentions ADD COLUMN country_code TEXT",
        "ALTER TABLE mentions ADD COLUMN feature TEXT",
        "ALTER TABLE incidents ADD COLUMN population INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE incidents ADD COLUMN feature_code TEXT",
        "ALTER TABLE incidents ADD COLUMN notes TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE incidents ADD COLUMN mention_text TEXT",
        "ALTER TABLE incidents ADD COLUMN evidence_start INTEGER",
        "ALTER TABLE incidents ADD COLUMN evidence_end INTEGER",
        "CREATE INDEX incidents_by_article ON incidents(article_id)",
        "CREATE INDEX incidents_by_date ON incidents(event_date)",
        "CREATE INDEX incident_sources_by_article ON incident_sources(article_id)",
        "DELETE FROM incident_sources WHERE rowid NOT IN (SELECT min(rowid) FROM incident_sources "
        "GROUP BY event_id, article_id, ifnull(url, ''))",
        "CREATE UNIQUE INDEX incident_sources_once ON incident_sources(event_id, article_id, ifnull(url, ''))",
    ),
    (  # 2 -> 3: the ids of the rules behind each incident
        "ALTER TABLE incidents ADD COLUMN rules TEXT NOT NULL DEFAULT '[]'",
    ),
    (  # 3 -> 4: articles keyed by source and content (article_key), not by id; where each was read from
        """CREATE TABLE articles_v4 (
            key TEXT PRIMARY KEY,
            id TEXT NOT NULL,
            title TEXT,
            url TEXT,
            source TEXT,
            published TEXT,
            content_hash TEXT NOT NULL,
            added_at TEXT NOT NULL,
            origin TEXT,
            id_given INTEGER NOT NULL DEFAULT 0
        )""",
        "INSERT INTO articles_v4 (key, id, title, url, source, published, content_hash, added_at) "
        "SELECT geomap_article_key(id, source, url, content_hash), id, title, url, source, published, "
        "content_hash, added_at FROM articles",
        """CREATE TABLE mentions_v4 (
            article_key TEXT NOT NULL REFERENCES articles_v4(key) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            geonameid INTEGER,
            lat REAL,
            lon REAL,
            score REAL,
            reason TEXT,
            name TEXT,
            country_code TEXT,
            feature TEXT,
            PRIMARY KEY (article_key, start, "end")
        )""",
        'INSERT INTO mentions_v4 SELECT a.key, m.article_id, m.start, m."end", m.text, m.geonameid, m.lat, m.lon, '
        "m.score, m.reason, m.name, m.country_code, m.feature FROM mentions m JOIN articles_v4 a ON a.id = m.article_id",
        """CREATE TABLE incidents_v4 (
            article_key TEXT NOT NULL REFERENCES articles_v4(key) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            geonameid INTEGER,
            place_name TEXT NOT NULL,
            lat REAL NOT NULL,
            lon REAL NOT NULL,
            country_code TEXT,
            feature TEXT NOT NULL,
            admin1_code TEXT,
            admin1 TEXT,
            population INTEGER NOT NULL DEFAULT 0,
            feature_code TEXT,
            location TEXT NOT NULL,
            geo_precision INTEGER NOT NULL,
            event_date TEXT,
            time_precision INTEGER NOT NULL,
            fatalities INTEGER,
            injured INTEGER,
            actor1 TEXT,
            actor2 TEXT,
            quotes TEXT NOT NULL,
            sources TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '[]',
            mention_text TEXT,
            evidence_start INTEGER,
            evidence_end INTEGER,
            rules TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (article_key, event_id)
        )""",
        "INSERT INTO incidents_v4 SELECT a.key, i.event_id, i.article_id, i.event_type, i.sub_event_type, "
        "i.geonameid, i.place_name, i.lat, i.lon, i.country_code, i.feature, i.admin1_code, i.admin1, i.population, "
        "i.feature_code, i.location, i.geo_precision, i.event_date, i.time_precision, i.fatalities, i.injured, "
        "i.actor1, i.actor2, i.quotes, i.sources, i.notes, i.mention_text, i.evidence_start, i.evidence_end, "
        "i.rules FROM incidents i JOIN articles_v4 a ON a.id = i.article_id",
        """CREATE TABLE incident_sources_v4 (
            article_key TEXT NOT NULL,
            event_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            title TEXT,
            url TEXT,
            source TEXT,
            published TEXT,
            FOREIGN KEY (article_key, event_id) REFERENCES incidents_v4(article_key, event_id) ON DELETE CASCADE
        )""",
        "INSERT INTO incident_sources_v4 SELECT i.article_key, s.event_id, s.article_id, s.title, s.url, s.source, "
        "s.published FROM incident_sources s JOIN incidents_v4 i ON i.event_id = s.event_id",
        "DROP TABLE incident_sources",
        "DROP TABLE incidents",
        "DROP TABLE mentions",
        "DROP TABLE articles",
        "ALTER TABLE articles_v4 RENAME TO articles",
        "ALTER TABLE mentions_v4 RENAME TO mentions",
        "ALTER TABLE incidents_v4 RENAME TO incidents",
        "ALTER TABLE incident_sources_v4 RENAME TO incident_sources",
        "CREATE INDEX articles_by_id ON articles(id)",
        "CREATE INDEX incidents_by_date ON incidents(event_date)",
        "CREATE INDEX incident_sources_by_article ON incident_sources(article_id)",
        "CREATE UNIQUE INDEX incident_sources_once ON incident_sources(article_key, event_id, article_id, "
        "ifnull(url, ''))",
    ),
    (  # 4 -> 5: what `geomap watch` remembers: each feed's validators and last error, each entry handled
        """CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT,
            error TEXT,
            failures INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE feed_entries (
            key TEXT PRIMARY KEY,
            feed_url TEXT NOT NULL,
            url TEXT,
            canonical_url TEXT,
            body_hash TEXT,
            article_key TEXT,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            seen_at TEXT NOT NULL
        )""",
        "CREATE INDEX feed_entries_by_url ON feed_entries(canonical_url)",
        "CREATE INDEX feed_entries_by_hash ON feed_entries(body_hash)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_INCIDENT_COLUMNS = (
    "article_key", "event_id", "article_id", "event_type", "sub_event_type", "geonameid", "place_name", "lat", "lon",
    "country_code", "feature", "admin1_code", "admin1", "population", "feature_code", "location", "geo_precision",
    "event_date", "time_precision", "fatalities", "injured", "actor1", "actor2", "quotes", "sources", "notes",
    "mention_text", "evidence_start", "evidence_end", "rules",
)
_SELECT_INCIDENTS = (f"SELECT {', '.join(_INCIDENT_COLUMNS)} FROM incidents "
                     "ORDER BY article_id, article_key, event_id")
_INSERT_INCIDENT = (f"INSERT OR REPLACE INTO incidents ({', '.join(_INCIDENT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' for _ in _INCIDENT_COLUMNS)})")


def content_hash(article: Article) -> str:
    """What identifies an article's content: its title, publication time and body."""
    published = article.published.isoformat() if article.published else None
    data = json.dumps([article.title, published, article.body], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _key(article_id: str, source: str | None, url: str | None, digest: str) -> str:
    data = json.dumps([article_id, source, url, digest], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def article_key(article: Article) -> str:
    """What identifies an article in the store: its id, outlet and URL with its content (`content_hash`)."""
    return _key(article.id, article.source, article.url, content_hash(article))


def _iso(stamp: dt.datetime | dt.date | None) -> str | None:
    return stamp.isoformat() if stamp is not None else None


def _source_json(s: SourceRef) -> dict[str, Any]:
    return {"article_id": s.article_id, "title": s.title, "url": s.url, "source": s.source,
            "published": _iso(s.published)}


def _source_from(d: dict[str, Any]) -> SourceRef:
    published = d.get("published")
    return SourceRef(str(d["article_id"]), d.get("title"), d.get("url"), d.get("source"),
                     dt.datetime.fromisoformat(published) if published else None)


def is_database_url(target: str | os.PathLike[str]) -> bool:
    """Whether ``--store`` names a PostgreSQL database (``postgresql://`` or ``postgres://``) rather than a file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | os.PathLike[str], *, km: float = 10.0, batch_size: int = 200,
               migrate: bool = True) -> Store:
    """The store ``--store`` names: a PostgreSQL/PostGIS team store for a ``postgresql://`` URL (the driver is
    imported only then), else the embedded SQLite file. ``migrate=False`` opens without upgrading the schema."""
    if is_database_url(target):
        from geomap.store_pg import PostgresStore

        return PostgresStore(str(target), km=km, batch_size=batch_size, migrate=migrate)
    return IncidentStore(target, km=km, batch_size=batch_size, migrate=migrate)


class Store:
    """What every incident store does, over a backend's connection (see the module docstring).

    A backend gives the connection (``db``: ``execute``/``executemany`` with ``?`` parameters, cursors with
    ``fetchone``, ``fetchall`` and ``rowcount``), its transactions, its schema version and the few statements
    whose SQL differs (the ``_SQL_*`` attributes); everything else is shared.
    """

    #: "sqlite" or "postgresql"
    backend = ""
    #: how long `geomap serve` may answer from what it has before asking `data_version()` again (0: every request)
    poll_seconds = 0.0
    _SQL_INSERT_ARTICLE = (
        "INSERT INTO articles (key, id, title, url, source, published, content_hash, added_at, origin, "
        "id_given) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    _SQL_INSERT_MENTION = (
        'INSERT OR REPLACE INTO mentions (article_key, article_id, start, "end", text, geonameid, lat, lon, '
        "score, reason, name, country_code, feature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    _SQL_INSERT_INCIDENT = _INSERT_INCIDENT
    _SQL_INSERT_SOURCE = (
        "INSERT OR IGNORE INTO incident_sources (article_key, event_id, article_id, title, url, source, "
        "published) VALUES (?, ?, ?, ?, ?, ?, ?)")
    _SQL_SELECT_INCIDENTS = _SELECT_INCIDENTS
    _SQL_BBOX = "lat >= ? AND lat <= ? AND lon >= ? AND lon <= ?"
    _SQL_CHANGE_MARK = "SELECT count(*), ifnull(max(rowid), 0) FROM {table}"  # {table}: articles or incidents
    _SQL_SET_FEED = ("INSERT INTO feeds (url, title, etag, last_modified, checked_at, error, failures) "
                     "VALUES (?, ?, ?, ?, ?, NULL, 0) ON CONFLICT(url) DO UPDATE SET "
                     "title = ifnull(excluded.title, title), etag = excluded.etag, "
                     "last_modified = excluded.last_modified, checked_at = excluded.checked_at, "
                     "error = NULL, failures = 0")
    _SQL_FAIL_FEED = ("INSERT INTO feeds (url, checked_at, error, failures) VALUES (?, ?, ?, 1) "
                      "ON CONFLICT(url) DO UPDATE SET checked_at = excluded.checked_at, "
                      "error = excluded.error, failures = failures + 1")
    _SQL_RECORD_ENTRY = (
        "INSERT INTO feed_entries (key, feed_url, url, canonical_url, body_hash, article_key, status, "
        "attempts, error, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT(key) DO UPDATE SET "
        "url = excluded.url, canonical_url = excluded.canonical_url, body_hash = excluded.body_hash, "
        "article_key = excluded.article_key, status = excluded.status, attempts = attempts + 1, "
        "error = excluded.error, seen_at = excluded.seen_at "
        "WHERE feed_entries.status != 'stored'")  # another watch process stored it meanwhile: that stays

    def __init__(self, path: str, *, km: float, batch_size: int) -> None:
        self.path = path  # how messages name the store: a file path, or a URL without its password
        self.km = km
        self.batch_size = batch_size

    # ---- what a backend gives

    @property
    def db(self) -> Any:
        """The open connection (OutputError once closed)."""
        raise NotImplementedError

    @property
    def version(self) -> int:
        """The schema version of the store (0 before the first migration)."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection (idempotent)."""
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Any]:
        """One transaction: committed at the end of the block, rolled back on any exception."""
        raise NotImplementedError

    def _migrations(self) -> Sequence[Sequence[str]]:
        """The statements of each migration, in the backend's SQL (as many as MIGRATIONS)."""
        return MIGRATIONS

    def _lock_schema(self, db: Any) -> None:
        """Keep other processes from migrating while this transaction does (SQLite's BEGIN IMMEDIATE does)."""

    def _set_version(self, db: Any, version: int) -> None:
        raise NotImplementedError

    def _lock_entries(self, db: Any) -> None:
        """Keep other processes from storing a feed entry while this transaction does (SQLite: BEGIN IMMEDIATE)."""

    def data_version(self) -> int:
        """A number that changes (very cheaply asked) whenever another connection may have written."""
        raise NotImplementedError

    def change_mark(self) -> tuple[int, int, int, int]:
        """Cheap to ask, and different whenever articles or incidents were added, replaced or removed."""
        db = self.db
        a = db.execute(self._SQL_CHANGE_MARK.format(table="articles")).fetchone()
        i = db.execute(self._SQL_CHANGE_MARK.format(table="incidents")).fetchone()
        return int(a[0]), int(a[1]), int(i[0]), int(i[1])

    # ---- life cycle

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path!r})"

    def migrate(self) -> tuple[int, int]:
        """Bring the schema up to date; the versions (before, after)."""
        before = self.version
        self._migrate()
        return before, self.version

    def _migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise OutputError(f"{self.path}: written by a newer geomap (schema {current}, this one knows "
                              f"{SCHEMA_VERSION}); not changed")
        migrations = self._migrations()
        for version in range(current, SCHEMA_VERSION):
            with self._transaction() as db:
                self._lock_schema(db)
                if self.version != version:  # another process brought it up to date meanwhile
                    continue
                for statement in migrations[version]:
                    db.execute(statement)
                self._set_version(db, version + 1)

    # ---- writing

    def add_article(self, article: Article, resolutions: Sequence[Resolution], incidents: Sequence[Incident]
                    ) -> bool:
        """Store one article with its places and incidents, in one transaction.

        Returns False, and changes nothing, when the article is already stored with the same content;
        an article stored before with other content is replaced.
        """
        with self._transaction() as db:
            return self._insert(db, article, resolutions, incidents)

    def add_many(self, items: Iterable[tuple[Article, Sequence[Resolution], Sequence[Incident]]], *,
                 batch_size: int | None = None) -> int:
        """Store many (article, resolutions, incidents), one transaction per batch; the number added.

        If anything fails (or is interrupted) inside a batch, that batch is rolled back and the error
        raised: the batches before it stay stored.
        """
        size = self.batch_size if batch_size is None else batch_size
        if size < 1:
            raise ValueError(f"batch_size must be at least 1, not {size}")
        added = 0
        batch: list[tuple[Article, Sequence[Resolution], Sequence[Incident]]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= size:
                added += self._add_batch(batch)
                batch = []
        if batch:
            added += self._add_batch(batch)
        return added

    def _add_batch(self, batch: list[tuple[Article, Sequence[Resolution], Sequence[Incident]]]) -> int:
        with self._transaction() as db:
            return sum(self._insert(db, a, r, i) for a, r, i in batch)

    def _insert(self, db: Any, article: Article, resolutions: Sequence[Resolution],
                incidents: Sequence[Incident]) -> bool:
        digest = content_hash(article)
        key = _key(article.id, article.source, article.url, digest)  # article_key, the hash computed once
        if db.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is not None:
            return False
        self._warn_if_clash(db, article)
        inserted = db.execute(
            self._SQL_INSERT_ARTICLE,
            (key, article.id, article.title, article.url, article.source, _iso(article.published),
             digest, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
             article.origin, int(article.id_given)),
        )
        if inserted.rowcount == 0:  # another process stored it since the check above (PostgreSQL's ON CONFLICT)
            return False
        db.executemany(
            self._SQL_INSERT_MENTION,
            [(key, article.id, r.mention.start, r.mention.end, r.mention.text,
              r.place.geonameid if r.place else None, r.place.lat if r.place else None,
              r.place.lon if r.place else None, r.score, r.reason,
              r.place.name if r.place else None, r.place.country_code if r.place else None,
              r.place.feature if r.place else None) for r in resolutions],
        )
        for inc in incidents:
            db.execute("DELETE FROM incident_sources WHERE article_key = ? AND event_id = ?", (key, inc.event_id))
            db.execute(self._SQL_INSERT_INCIDENT, self._incident_row(key, article.id, inc))
            db.executemany(
                self._SQL_INSERT_SOURCE,
                [(key, inc.event_id, s.article_id, s.title, s.url, s.source, _iso(s.published))
                 for s in inc.sources],
            )
        return True

    @staticmethod
    def _warn_if_clash(db: Any, article: Article) -> None:
        """A warning when an id given explicitly (by this article or a stored one) is a different article's."""
        row = db.execute("SELECT origin, added_at FROM articles WHERE id = ? AND (id_given = 1 OR ? = 1) "
                         "ORDER BY added_at LIMIT 1", (article.id, int(article.id_given))).fetchone()
        if row is not None:
            where = article.origin or "an article"
            log.warning("warning: %s: the id %r is also that of a different article stored before (%s, %s): "
                        "both kept", where, article.id, row[0] or "read from an unknown input", row[1])

    @staticmethod
    def _incident_row(key: str, article_id: str, inc: Incident) -> tuple[Any, ...]:
        p = inc.place
        ev = inc.evidence or (None, None)
        return (
            key, inc.event_id, article_id, inc.event_type, inc.sub_event_type, p.geonameid, p.name, p.lat, p.lon,
            p.country_code, p.feature, p.admin1_code, p.admin1, p.population, p.feature_code, inc.location,
            inc.geo_precision, _iso(inc.event_date), inc.time_precision, inc.fatalities, inc.injured, inc.actor1,
            inc.actor2, json.dumps(list(inc.quotes), ensure_ascii=False),
            json.dumps([_source_json(s) for s in inc.sources], ensure_ascii=False),
            json.dumps(list(inc.notes), ensure_ascii=False), inc.mention_text, ev[0], ev[1],
            json.dumps(list(inc.rules), ensure_ascii=False),
        )

    def remove_article(self, article: Article | str) -> bool:
        """Forget an article (given as itself, or by id: every article with that id) and everything read from
        it; whether there was one."""
        if isinstance(article, Article):
            sql, value = "DELETE FROM articles WHERE key = ?", article_key(article)
        else:
            sql, value = "DELETE FROM articles WHERE id = ?", article
        with self._transaction() as db:  # mentions, incidents and their sources go with it (ON DELETE CASCADE)
            return bool(db.execute(sql, (value,)).rowcount > 0)

    # ---- reading

    def has_article(self, article: Article) -> bool:
        """Whether this article, from this source with this content, is stored."""
        return self.db.execute("SELECT 1 FROM articles WHERE key = ?", (article_key(article),)).fetchone() is not None

    def counts(self) -> dict[str, int]:
        """How many articles, mentions and (unmerged) incidents are stored."""
        db = self.db
        return {
            "articles": int(db.execute("SELECT count(*) FROM articles").fetchone()[0]),
            "mentions": int(db.execute("SELECT count(*) FROM mentions").fetchone()[0]),
            "incidents": int(db.execute("SELECT count(*) FROM incidents").fetchone()[0]),
        }

    def stats(self) -> dict[str, Any]:
        """What `geomap store stats` prints: the backend, schema version and how much is stored."""
        counts = self.counts()
        db = self.db
        return {"backend": self.backend, "schema_version": self.version, "articles": counts["articles"],
                "mentions": counts["mentions"], "incidents": counts["incidents"],
                "merged_incidents": len(self.incidents()),
                "feeds": int(db.execute("SELECT count(*) FROM feeds").fetchone()[0]),
                "feed_entries": int(db.execute("SELECT count(*) FROM feed_entries").fetchone()[0])}

    def mentions(self, article: Article | str) -> list[Resolution]:
        """The stored places of one article (given as itself, or by id: then those of every article with that
        id), in text order; places carry what the store keeps of them."""
        columns = 'SELECT start, "end", text, geonameid, lat, lon, score, reason, name, country_code, feature '
        if isinstance(article, Article):
            sql, value = columns + 'FROM mentions WHERE article_key = ? ORDER BY start, "end"', article_key(article)
        else:
            sql, value = columns + 'FROM mentions WHERE article_id = ? ORDER BY article_key, start, "end"', article
        rows = self.db.execute(sql, (value,)).fetchall()
        out = []
        for start, end, text, gid, lat, lon, score, reason, name, cc, feature in rows:
            place = None
            if lat is not None and lon is not None:
                place = Place(gid, name or text, lat, lon, cc, feature or "other")
            out.append(Resolution(Mention(start, end, text), place, (), score or 0.0, reason or ""))
        return out

    def raw_incidents(self, *, bbox: tuple[float, float, float, float] | None = None) -> list[Incident]:
        """Every stored incident as extracted, one per article report, not merged; with ``bbox`` (min lon, min lat,
        max lon, max lat; west > east crosses the antimeridian) only those inside it (PostGIS: its spatial index)."""
        if bbox is None:
            rows = self.db.execute(self._SQL_SELECT_INCIDENTS).fetchall()
        else:
            west, south, east, north = bbox
            parts = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
            where = " OR ".join(f"({self._SQL_BBOX})" for _ in parts)
            select, order = self._SQL_SELECT_INCIDENTS.split(" ORDER BY ")
            params = [v for w, e in parts for v in self._bbox_params(w, south, e, north)]
            rows = self.db.execute(f"{select} WHERE {where} ORDER BY {order}", params).fetchall()
        return [self._incident(dict(zip(_INCIDENT_COLUMNS, row))) for row in rows]

    @staticmethod
    def _bbox_params(west: float, south: float, east: float, north: float) -> tuple[float, ...]:
        return south, north, west, east

    def incidents(self) -> list[Incident]:
        """One incident per event across every stored article (merged with `geomap.merge`)."""
        return merge_incidents(self.raw_incidents(), km=self.km)

    @staticmethod
    def _incident(r: dict[str, Any]) -> Incident:
        place = Place(r["geonameid"], r["place_name"], r["lat"], r["lon"], r["country_code"], r["feature"],
                      r["admin1_code"], r["admin1"], r["population"] or 0, r["feature_code"])
        evidence = None
        if r["evidence_start"] is not None and r["evidence_end"] is not None:
            evidence = (int(r["evidence_start"]), int(r["evidence_end"]))
        return Incident(
            event_id=r["event_id"],
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            place=place,
            location=r["location"],
            geo_precision=int(r["geo_precision"]),
            event_date=dt.date.fromisoformat(r["event_date"]) if r["event_date"] else None,
            time_precision=int(r["time_precision"]),
            fatalities=r["fatalities"],
            injured=r["injured"],
            actor1=r["actor1"],
            actor2=r["actor2"],
            quotes=tuple(json.loads(r["quotes"])),
            sources=tuple(_source_from(s) for s in json.loads(r["sources"])),
            notes=tuple(json.loads(r["notes"] or "[]")),
            mention_text=r["mention_text"],
            evidence=evidence,
            rules=tuple(json.loads(r["rules"] or "[]")),
        )

    # ---- feeds (geomap watch)

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """What was remembered of a feed: title, etag, last_modified, checked_at, error, failures."""
        row = self.db.execute("SELECT title, etag, last_modified, checked_at, error, failures FROM feeds "
                              "WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        return dict(zip(("title", "etag", "last_modified", "checked_at", "error", "failures"), row))

    def set_feed_state(self, url: str, *, title: str | None = None, etag: str | None = None,
                       last_modified: str | None = None, error: str | None = None) -> None:
        """Remember a feed's check: its validators when it was read whole, else its error (failures counted)."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as db:
            if error is None:
                db.execute(self._SQL_SET_FEED, (url, title, etag, last_modified, now))
            else:
                db.execute(self._SQL_FAIL_FEED, (url, now, error))

    def feed_entry(self, key: str) -> tuple[str, int] | None:
        """A feed entry's status ('stored', 'duplicate', 'empty', 'failed', ...) and attempts, or None if new."""
        row = self.db.execute("SELECT status, attempts FROM feed_entries WHERE key = ?", (key,)).fetchone()
        return (str(row[0]), int(row[1])) if row is not None else None

    def known_entry(self, *, canonical_url: str | None = None, body_hash: str | None = None) -> str | None:
        """The key of an entry already stored from this canonical URL or with this text, if any."""
        for column, value in (("canonical_url", canonical_url), ("body_hash", body_hash)):
            if value:
                row = self.db.execute(f"SELECT key FROM feed_entries WHERE {column} = ? AND status = 'stored' "
                                      "LIMIT 1", (value,)).fetchone()  # column is one of our two names
                if row is not None:
                    return str(row[0])
        return None

    def record_entry(self, key: str, *, feed_url: str, status: str, url: str | None = None,
                     canonical_url: str | None = None, body_hash: str | None = None, error: str | None = None,
                     article: Article | None = None, resolutions: Sequence[Resolution] = (),
                     incidents: Sequence[Incident] = ()) -> bool:
        """Remember a feed entry as handled and store its article with it, in one transaction (a kill at any
        moment leaves both or neither); whether the article was new. Attempts are counted.

        An article whose canonical URL or text another entry stored meanwhile (another watch process on this
        store) is recorded as a duplicate instead, inside the same transaction, so it is never stored twice.
        """
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as db:
            if article is not None and status == "stored":
                self._lock_entries(db)
                if db.execute("SELECT 1 FROM feed_entries WHERE status = 'stored' AND key != ? AND "
                              "(canonical_url = ? OR body_hash = ?) LIMIT 1",
                              (key, canonical_url, body_hash)).fetchone() is not None:
                    status, article = "duplicate", None
            added = self._insert(db, article, resolutions, incidents) if article is not None else False
            db.execute(self._SQL_RECORD_ENTRY,
                       (key, feed_url, url, canonical_url, body_hash,
                        article_key(article) if article is not None else None, status, error, now))
            return added

    def article_rows(self, article_id: str) -> list[dict[str, Any]]:
        """The stored articles with this id (or article key), with the event ids of their incidents."""
        columns = ("key", "id", "title", "url", "source", "published", "added_at", "origin")
        rows = self.db.execute(f"SELECT {', '.join(columns)} FROM articles WHERE id = ? OR key = ? ORDER BY added_at",
                               (article_id, article_id)).fetchall()
        out = []
        for row in rows:
            record = dict(zip(columns, row))
            record["event_ids"] = [r[0] for r in self.db.execute(
                "SELECT event_id FROM incidents WHERE article_key = ? ORDER BY event_id", (record["key"],)).fetchall()]
            out.append(record)
        return out

    def article_places(self, key: str) -> list[dict[str, Any]]:
        """The places of one stored article (by article key), in text order, as the API shows them."""
        columns = ("start", "end", "text", "name", "geonameid", "lat", "lon", "country_code", "feature", "score")
        rows = self.db.execute('SELECT start, "end", text, name, geonameid, lat, lon, country_code, feature, score '
                               'FROM mentions WHERE article_key = ? ORDER BY start, "end"', (key,)).fetchall()
        return [dict(zip(columns, row)) for row in rows]


class IncidentStore(Store):
    """The embedded store: a SQLite file (see the module docstring).

    `IncidentStore(path)` opens (creating or migrating) the store; use it as a context manager or call
    `close()`. `km` is the distance `incidents()` merges within.
    """

    backend = "sqlite"

    def __init__(self, path: str | os.PathLike[str], *, km: float = 10.0, batch_size: int = 200,
                 migrate: bool = True) -> None:
        super().__init__(os.fspath(path), km=km, batch_size=batch_size)
        self._db: sqlite3.Connection | None = None
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as e:
            raise OutputError(f"{self.path}: cannot open the incident store ({e})") from e
        self._guarded(self._prepare, "not an incident store")
        if migrate:
            self._guarded(self._migrate, "cannot bring the incident store up to date")

    def migrate(self) -> tuple[int, int]:
        before = self.version
        self._guarded(self._migrate, "cannot bring the incident store up to date")
        return before, self.version

    def _guarded(self, step: Callable[[], None], problem: str) -> None:
        """Run a step of opening; on any failure close the connection, and name the file in sqlite errors."""
        try:
            step()
        except sqlite3.Error as e:
            self.close()
            raise OutputError(f"{self.path}: {problem} ({e})") from e
        except BaseException:
            self.close()
            raise

    def _prepare(self) -> None:
        db = self.db
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 30000")
        # switching a new store to WAL takes its lock without waiting on the busy timeout: two processes creating
        # one store at once ("geomap watch" twice) would see "database is locked", so try again for a while
        for attempt in range(200):
            try:
                db.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or attempt == 199:
                    raise
                time.sleep(0.05)
        db.execute("PRAGMA synchronous = NORMAL")
        db.create_function("geomap_article_key", 4, _key, deterministic=True)  # for migration 3 -> 4
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on a non-database

    def close(self) -> None:
        """Close the connection (idempotent)."""
        db: sqlite3.Connection | None = getattr(self, "_db", None)
        self._db = None
        if db is not None:
            db.close()

    def __enter__(self) -> IncidentStore:
        return self

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise OutputError(f"{self.path}: the incident store is closed")
        return self._db

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, db: sqlite3.Connection, version: int) -> None:
        db.execute(f"PRAGMA user_version = {int(version):d}")  # PRAGMA takes no parameters

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def data_version(self) -> int:
        """SQLite's ``PRAGMA data_version``: a few microseconds, and changed by every other connection's commit."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])
