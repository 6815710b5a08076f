"""The team store: the incident store of :mod:`geomap.store` on PostgreSQL with PostGIS (``--store postgresql://...``).

    with open_store("postgresql://geomap@db.example.org/news") as store:   # geomap.store.open_store
        store.add_article(article, resolutions, incidents)

The logic is :class:`geomap.store.Store`'s; this module gives the connection (psycopg 3, imported only when a
``postgresql://`` URL is used), transactions, the schema version and the statements whose SQL differs.

- The same migrations as SQLite: ``PG_MIGRATIONS[i]`` is ``MIGRATIONS[i]`` translated to PostgreSQL's SQL
  (``pg_sql``), plus what only PostGIS has, each run in its own transaction under an advisory lock (so several processes opening a new database migrate it once), and
  recorded in the table ``geomap_migrations`` (one row per version reached, with its time).
- Beyond SQLite's columns: ``incidents.geom``, a ``geometry(Point, 4326)`` computed from lon/lat, with a GiST
  index (``raw_incidents(bbox=...)`` uses it); ``seq`` identity columns and a change counter kept by triggers
  (``geomap_changes``), so that ``serve`` notices other processes' writes with one cheap query.
- Several writers at once: articles and feed entries are keyed by unique constraints and written with
  ``INSERT ... ON CONFLICT``, so two ``watch`` processes storing one article make one row; storing a feed entry's
  article takes a transaction-level advisory lock, so the check for the same URL or text under another entry and
  the write are one step, as SQLite's ``BEGIN IMMEDIATE`` makes them.
- Errors of the user's making (no driver, no server, no PostGIS) are one-line :class:`geomap.errors.OutputError`
  naming the URL without its password.
"""
from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from geomap.errors import OutputError
from geomap.model import Article, Incident, Resolution
from geomap.store import _INCIDENT_COLUMNS, MIGRATIONS, Store, log

__all__ = ["PG_MIGRATIONS", "PostgresStore", "pg_sql", "redact"]

# advisory lock keys ("geomap" and a number), one for migrations, one for storing feed entries
_SCHEMA_LOCK = 0x67656F6D61700001
_ENTRIES_LOCK = 0x67656F6D61700002

_V4_COLUMNS = ", ".join(_INCIDENT_COLUMNS)
_MENTION_KEY = ('article_key, article_id, start, "end", text, geonameid, lat, lon, score, reason, name, '
                "country_code, feature", ("article_key", "start", '"end"'))
# SQLite's SQL in the migrations -> PostgreSQL's: 64-bit integers and floats, coalesce, ctid for rowid, and
# geomap.store.article_key in SQL (json_build_array writes what json.dumps does: '["a", null]')
_DIALECT = (
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bifnull\("), "coalesce("),
    (re.compile(r"\browid\b"), "ctid"),
    (re.compile(r"\bgeomap_article_key\(([^)]*)\)"),
     r"encode(sha256(convert_to(json_build_array(\1)::text, 'UTF8')), 'hex')"),
)
# What only the PostgreSQL store has, added at the end of a migration (by its index in MIGRATIONS)
_PG_ONLY: dict[int, tuple[str, ...]] = {
    3: (  # with the tables of version 4: the PostGIS point and its spatial index; identity columns and the change
        # counter that serve asks (triggers on articles and incidents bump it)
        "ALTER TABLE articles ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY",
        "ALTER TABLE incidents ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY",
        "ALTER TABLE incidents ADD COLUMN geom geometry(Point, 4326) "
        "GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED",
        "CREATE INDEX incidents_geom ON incidents USING gist (geom)",
        "CREATE UNIQUE INDEX articles_by_seq ON articles(seq)",
        "CREATE UNIQUE INDEX incidents_by_seq ON incidents(seq)",
        "CREATE TABLE geomap_changes (id BIGINT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)",
        "INSERT INTO geomap_changes VALUES (1, 0)",
        "CREATE FUNCTION geomap_changed() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN UPDATE geomap_changes SET n = n + 1 WHERE id = 1; RETURN NULL; END $$",
        "CREATE TRIGGER articles_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles "
        "FOR EACH STATEMENT EXECUTE FUNCTION geomap_changed()",
        "CREATE TRIGGER incidents_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents "
        "FOR EACH STATEMENT EXECUTE FUNCTION geomap_changed()",
    ),
}


def pg_sql(statement: str) -> str:
    """A migration statement of geomap.store in PostgreSQL's SQL."""
    for pattern, replacement in _DIALECT:
        statement = pattern.sub(replacement, statement)
    return statement


#: MIGRATIONS[i] in PostgreSQL's SQL, then what only PostGIS has: the same versions, tables, columns and indexes
PG_MIGRATIONS: tuple[tuple[str, ...], ...] = tuple(
    tuple(pg_sql(statement) for statement in step) + _PG_ONLY.get(number, ())
    for number, step in enumerate(MIGRATIONS))
assert len(PG_MIGRATIONS) == len(MIGRATIONS), "every migration needs its PostgreSQL twin"


def redact(url: str) -> str:
    """The URL without its password (in the user part or a ``password=`` parameter), for messages."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("password="))
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")  # keeps ':///db' (a socket)


@functools.lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    """sqlite3's ``?`` parameters as psycopg's ``%s`` (our statements have no ``?`` or ``%`` of their own)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection with sqlite3's face: ``execute``/``executemany`` with ``?`` parameters."""

    def __init__(self, conn: Any, name: str) -> None:
        self.conn = conn
        self.name = name

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        import psycopg

        cursor = self.conn.cursor()
        try:
            if params:
                cursor.execute(_placeholders(sql), params)
            else:
                cursor.execute(sql)
        except psycopg.errors.DeadlockDetected:  # for PostgresStore._add_batch to try again
            raise
        except psycopg.OperationalError as e:  # the server went away, or refused: one line naming the store
            raise OutputError(f"{self.name}: {_first_line(e)}") from e
        return cursor

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(_placeholders(sql), rows)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _excluded(columns: str, key: Sequence[str]) -> str:
    """``col = excluded.col`` for every column not in the key: SQLite's INSERT OR REPLACE, for one row."""
    names = [c.strip() for c in columns.split(",")]
    return ", ".join(f"{c} = excluded.{c}" for c in names if c not in key)


class PostgresStore(Store):
    """The team store on PostgreSQL/PostGIS (see the module docstring); the API of :class:`geomap.store.Store`."""

    backend = "postgresql"
    poll_seconds = 0.1  # data_version() is a round trip to the server
    _SQL_INSERT_ARTICLE = Store._SQL_INSERT_ARTICLE + " ON CONFLICT (key) DO NOTHING"
    _SQL_INSERT_MENTION = (Store._SQL_INSERT_MENTION.replace("INSERT OR REPLACE", "INSERT")
                           + f' ON CONFLICT (article_key, start, "end") DO UPDATE SET {_excluded(*_MENTION_KEY)}')
    _SQL_INSERT_INCIDENT = (Store._SQL_INSERT_INCIDENT.replace("INSERT OR REPLACE", "INSERT")
                            + f" ON CONFLICT (article_key, event_id) DO UPDATE SET "
                            f"{_excluded(_V4_COLUMNS, ('article_key', 'event_id'))}")
    _SQL_INSERT_SOURCE = Store._SQL_INSERT_SOURCE.replace("INSERT OR IGNORE", "INSERT") + " ON CONFLICT DO NOTHING"
    # byte order, as SQLite sorts: the merge then sees the reports in the same order on both backends
    _SQL_SELECT_INCIDENTS = (f"SELECT {_V4_COLUMNS} FROM incidents "
                             'ORDER BY article_id COLLATE "C", article_key COLLATE "C", event_id COLLATE "C"')
    _SQL_BBOX = "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
    _SQL_CHANGE_MARK = "SELECT count(*), coalesce(max(seq), 0) FROM {table}"
    _SQL_SET_FEED = Store._SQL_SET_FEED.replace("ifnull(excluded.title, title)",
                                                "coalesce(excluded.title, feeds.title)")
    _SQL_FAIL_FEED = Store._SQL_FAIL_FEED.replace("failures = failures + 1", "failures = feeds.failures + 1")
    _SQL_RECORD_ENTRY = Store._SQL_RECORD_ENTRY.replace("attempts = attempts + 1",
                                                        "attempts = feed_entries.attempts + 1")

    def __init__(self, url: str, *, km: float = 10.0, batch_size: int = 200, migrate: bool = True) -> None:
        super().__init__(redact(url), km=km, batch_size=batch_size)
        self._db: _Connection | None = None
        try:
            import psycopg
        except ImportError:
            raise OutputError(f"{self.path}: a PostgreSQL store needs the psycopg driver: "
                              "pip install 'geomap[team]'") from None
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="geomap")
        except psycopg.Error as e:
            raise OutputError(f"{self.path}: cannot connect to PostgreSQL ({_scrub(_first_line(e), url)})") from None
        self._db = _Connection(conn, self.path)
        try:
            self._prepare()
            if migrate:
                self._migrate()
        except psycopg.Error as e:
            self.close()
            raise OutputError(f"{self.path}: cannot prepare the incident store ({_first_line(e)})") from None
        except BaseException:
            self.close()
            raise

    def _prepare(self) -> None:
        """PostGIS and the table of migrations, created (under the schema lock) where missing."""
        import psycopg

        db = self.db
        ready = db.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis'), "
                           "to_regclass('geomap_migrations') IS NOT NULL").fetchone()
        if all(ready):
            return
        with self._transaction():
            self._lock_schema(db)
            if not db.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
                try:
                    with db.conn.transaction():  # a savepoint: the message below, not an aborted transaction
                        db.execute("CREATE EXTENSION postgis")
                except psycopg.Error as e:
                    raise OutputError(f"{self.path}: PostGIS is not available in this database ({_first_line(e)}); "
                                      "install it (Debian: postgresql-15-postgis-3) and, as a superuser: "
                                      "CREATE EXTENSION postgis") from None
            db.execute("CREATE TABLE IF NOT EXISTS geomap_migrations (version INTEGER PRIMARY KEY, "
                       "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")

    # ---- the backend

    @property
    def db(self) -> _Connection:
        if self._db is None:
            raise OutputError(f"{self.path}: the incident store is closed")
        return self._db

    def close(self) -> None:
        db, self._db = getattr(self, "_db", None), None
        if db is not None:
            db.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    @property
    def version(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(version), 0) FROM geomap_migrations").fetchone()[0])

    def _migrations(self) -> Sequence[Sequence[str]]:
        return PG_MIGRATIONS

    def _set_version(self, db: _Connection, version: int) -> None:
        db.execute("INSERT INTO geomap_migrations (version) VALUES (?)", (version,))

    def _lock_schema(self, db: _Connection) -> None:
        db.execute(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK:d})")

    def _lock_entries(self, db: _Connection) -> None:
        db.execute(f"SELECT pg_advisory_xact_lock({_ENTRIES_LOCK:d})")

    @contextmanager
    def _transaction(self) -> Iterator[_Connection]:
        db = self.db
        with db.conn.transaction():  # rolled back on any exception, KeyboardInterrupt included
            yield db

    def _add_batch(self, batch: list[tuple[Article, Sequence[Resolution], Sequence[Incident]]]) -> int:
        """A batch, tried again (up to 5 times) when PostgreSQL ends it to break a deadlock with another writer
        (two batches storing the same articles in different orders): it is rolled back whole, so nothing doubles."""
        import psycopg

        for attempt in range(5):
            try:
                return super()._add_batch(batch)
            except psycopg.errors.DeadlockDetected:
                if attempt == 4:
                    raise
                log.info("%s: a batch met another writer's in a deadlock; trying it again", self.path)
        raise AssertionError("unreachable")

    @staticmethod
    def _bbox_params(west: float, south: float, east: float, north: float) -> tuple[float, ...]:
        return west, south, east, north

    def data_version(self) -> int:
        """The change counter that triggers on articles and incidents bump: one primary-key read."""
        return int(self.db.execute("SELECT n FROM geomap_changes WHERE id = 1").fetchone()[0])

    def stats(self) -> dict[str, Any]:
        out = super().stats()
        server, postgis = self.db.execute("SELECT current_setting('server_version'), "
                                          "postgis_lib_version()").fetchone()
        out["server"] = f"PostgreSQL {server}, PostGIS {postgis}"
        return out


def _scrub(text: str, url: str) -> str:
    """A driver message with the URL's password, if it quotes it, blanked."""
    password = urllib.parse.urlsplit(url).password
    return text.replace(password, "***") if password else text
