"""geomap.store: the SQLite incident store (round trip, idempotence, migrations, consistency)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3

import pytest

from geomap.errors import GeomapError, OutputError
from geomap.incidents import extract_incidents
from geomap.model import Article, Mention, Place, Resolution, SourceRef
from geomap.store import MIGRATIONS, SCHEMA_VERSION, IncidentStore, content_hash
from tests.conftest import build_incident

UTC = dt.timezone.utc
SUMY = Place(692194, "Sumy", 50.91741, 34.79906, "UA", "city", "UA.21", "Sumy Oblast", 256474, "PPLA")
KHARKIV = Place(706483, "Kharkiv", 49.98177, 36.25475, "UA", "city", "UA.07", "Kharkiv Oblast", 1421125, "PPLA")


def make_article(id: str, body: str, *, day: int = 18, title: str = "Night of strikes") -> Article:
    return Article(id=id, body=body, title=title, published=dt.datetime(2025, 11, day, 8, tzinfo=UTC),
                   source="Example Wire", url=f"https://news.example.org/{id}")


def resolve(body: str) -> list[Resolution]:
    out = []
    for name, place in (("Sumy", SUMY), ("Kharkiv", KHARKIV)):
        start = body.find(name)
        while start >= 0:
            out.append(Resolution(Mention(start, start + len(name), name), place, score=0.8, reason="test"))
            start = body.find(name, start + 1)
    out.append(Resolution(Mention(0, 0, ""), None, reason="nothing"))  # an unresolved mention is kept too
    return sorted(out, key=lambda r: r.mention.start)


def report(id: str, body: str, **kw):
    art = make_article(id, body, **kw)
    res = resolve(body)
    return art, res, extract_incidents(art, res)


BODY_A = "Russian drones hit a depot in Sumy on Monday, injuring two people."
BODY_B = "A depot in Sumy was struck by Russian drones on Monday; three people were hurt, officials said."


@pytest.fixture
def store(tmp_path):
    with IncidentStore(tmp_path / "incidents.sqlite") as s:
        yield s


def test_round_trip(store):
    art, res, incs = report("a", BODY_A)
    assert len(incs) == 1
    assert store.add_article(art, res, incs) is True
    assert store.raw_incidents() == incs
    back = store.mentions("a")
    assert [(r.mention.start, r.mention.end, r.mention.text) for r in back] == \
        [(r.mention.start, r.mention.end, r.mention.text) for r in res]
    assert back[-1].place.geonameid == 692194 and back[-1].place.name == "Sumy"
    assert back[0].place is None and back[0].reason == "nothing"


def test_every_field_survives(store):
    full = build_incident(
        event_id="UA0001", notes=("fatalities: dozens", "date: from the sentence before"), evidence=(3, 40),
        mention_text="Berestyn", time_precision=2, fatalities=None, injured=0, actor2=None,
        quotes=("First “quoted” sentence.", "Second, with ünïcode."),
        sources=(SourceRef("x", "T", "https://e.org/x", "Wire", dt.datetime(2025, 11, 19, 9, 30, tzinfo=UTC)),
                 SourceRef("y", None, None, None, None)),
    )
    store.add_article(make_article("x", "Body."), [], [full])
    assert store.raw_incidents() == [full]


def test_same_article_twice_adds_nothing(store):
    art, res, incs = report("a", BODY_A)
    assert store.add_article(art, res, incs) is True
    before = store.counts()
    assert store.add_article(art, res, incs) is False
    again_art, again_res, again_incs = report("a", BODY_A)  # a re-run: same ids, nothing new
    assert store.add_article(again_art, again_res, again_incs) is False
    assert store.counts() == before == {"articles": 1, "mentions": 2, "incidents": 1}
    assert store.has_article(art)


def test_changed_article_is_kept_beside_the_earlier_one(store):
    """An article's identity is its source and content: new text under the same id replaces nothing."""
    store.add_article(*report("a", BODY_A))
    changed = report("a", "Russian drones hit a depot in Kharkiv on Monday, injuring five people.")
    assert store.add_article(*changed) is True
    assert {(i.location, i.injured) for i in store.incidents()} == {("Sumy", 2), ("Kharkiv", 5)}
    assert store.counts()["articles"] == 2
    assert store.has_article(changed[0]) and store.has_article(report("a", BODY_A)[0])
    assert [r.mention.text for r in store.mentions(changed[0]) if r.place] == ["Kharkiv"]
    assert store.remove_article(changed[0]) is True  # one version forgotten, the other kept
    assert [i.location for i in store.incidents()] == ["Sumy"]


def _bare(id: str, body: str, path: str, line: int | None = None, given: bool = False) -> Article:
    """An article as the readers make it from a file without a header (no title, outlet or URL)."""
    return Article(id=id, body=body, published=dt.datetime(2025, 11, 18, 8, tzinfo=UTC), path=path, line=line,
                   id_given=given)


def _add(store, art):
    res = resolve(art.body)
    return store.add_article(art, res, extract_incidents(art, res))


def test_same_id_from_two_files_keeps_both_silently(store, caplog):
    """a/report.txt and b/report.txt (ids made from the file name) are two articles, both stored, no warning."""
    caplog.set_level("WARNING", logger="geomap.store")
    assert _add(store, _bare("report", BODY_A, "a/report.txt"))
    assert _add(store, _bare("report", BODY_B.replace("Monday", "Tuesday"), "b/report.txt"))
    assert store.counts()["articles"] == 2
    assert len(store.raw_incidents()) == 2 and len(store.incidents()) == 2
    assert not caplog.records


def test_same_article_read_twice_is_stored_once(store):
    assert _add(store, _bare("report", BODY_A, "a/report.txt"))
    assert not _add(store, _bare("report", BODY_A, "copy/of/a/report.txt"))  # the same article, read again
    assert store.counts()["articles"] == 1


def test_an_explicit_id_clash_is_warned_naming_both_inputs(store, caplog):
    caplog.set_level("WARNING", logger="geomap.store")
    assert _add(store, _bare("1", BODY_A, "feed.jsonl", line=1, given=True))
    assert _add(store, _bare("1", BODY_B, "feed.jsonl", line=2, given=True))
    assert store.counts()["articles"] == 2 and len(store.raw_incidents()) == 2
    (record,) = caplog.records
    assert "feed.jsonl:2" in record.getMessage() and "feed.jsonl:1" in record.getMessage()
    assert "'1'" in record.getMessage() and "both kept" in record.getMessage()
    assert not _add(store, _bare("1", BODY_B, "feed.jsonl", line=2, given=True))  # read again: no new warning
    assert len(caplog.records) == 1


def test_same_event_id_from_two_articles_keeps_both_reports(store):
    """Two articles with the same id and the same first sentence make the same event_id: both reports stay."""
    first = _bare("report", BODY_A, "a/report.txt")
    second = dataclasses.replace(first, published=dt.datetime(2025, 11, 25, 8, tzinfo=UTC), path="b/report.txt")
    assert _add(store, first) and _add(store, second)
    raw = store.raw_incidents()
    assert len(raw) == 2 and raw[0].event_id == raw[1].event_id
    assert {i.event_date for i in store.incidents()} == {dt.date(2025, 11, 17), dt.date(2025, 11, 24)}


def test_incidents_merge_across_articles(store):
    store.add_article(*report("a", BODY_A))
    store.add_article(*report("b", BODY_B, title="Depot hit"))
    (inc,) = store.incidents()
    assert {s.article_id for s in inc.sources} == {"a", "b"}
    assert inc.injured == 2 and inc.event_date == dt.date(2025, 11, 17)
    assert len(store.raw_incidents()) == 2


def test_persists_across_connections(tmp_path):
    path = tmp_path / "s.sqlite"
    with IncidentStore(path) as s:
        s.add_article(*report("a", BODY_A))
    with IncidentStore(str(path)) as s:
        assert s.version == SCHEMA_VERSION
        assert [i.location for i in s.incidents()] == ["Sumy"]
        assert s.add_article(*report("a", BODY_A)) is False


def test_wal_and_foreign_keys(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_awkward_ids_and_text_are_data_not_sql(store):
    body = "Drones hit Sumy'); DROP TABLE incidents; -- on Monday, injuring two people."
    art, res, incs = report("x'); DROP TABLE articles; --", body)
    assert store.add_article(art, res, incs)
    assert store.counts()["articles"] == 1 and store.raw_incidents() == incs


def test_remove_article(store):
    store.add_article(*report("a", BODY_A))
    assert store.remove_article("a") is True
    assert store.remove_article("a") is False
    assert store.counts() == {"articles": 0, "mentions": 0, "incidents": 0}
    assert store.db.execute("SELECT count(*) FROM incident_sources").fetchone()[0] == 0


def test_closed_store(tmp_path):
    s = IncidentStore(tmp_path / "c.sqlite")
    s.close()
    s.close()
    with pytest.raises(OutputError):
        s.incidents()


def test_content_hash_sees_title_date_and_body():
    art = make_article("a", BODY_A)
    assert content_hash(art) == content_hash(make_article("a", BODY_A))
    assert content_hash(art) != content_hash(make_article("a", BODY_A, day=19))
    assert content_hash(art) != content_hash(make_article("a", BODY_A, title="Other"))
    assert content_hash(art) != content_hash(make_article("a", BODY_A + " "))


# ------------------------------------------------------------------------------------------------ migrations

def _v1_store(path) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
               ("old", "Old report", "https://news.example.org/old", "Wire", "2025-11-10T08:00:00+00:00", "h0",
                "2025-11-10T09:00:00+00:00"))
    db.execute('INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
               ("old", 21, 25, "Sumy", 692194, 50.91741, 34.79906, 0.9, "test"))
    sources = '[{"article_id": "old", "title": "Old report", "url": "https://news.example.org/old", ' \
              '"source": "Wire", "published": "2025-11-10T08:00:00+00:00"}]'
    db.execute("INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               ("UAold", "old", "Explosions/Remote violence", "Air/drone strike", 692194, "Sumy", 50.91741,
                34.79906, "UA", "city", "UA.21", "Sumy Oblast", "Sumy", 1, "2025-11-09", 1, None, 3,
                "Military Forces of Russia", "Civilians (Ukraine)", '["Drones hit a depot in Sumy."]', sources))
    for _ in range(2):  # the old schema let the same source in twice
        db.execute("INSERT INTO incident_sources VALUES (?, ?, ?, ?, ?, ?)",
                   ("UAold", "old", "Old report", "https://news.example.org/old", "Wire", "2025-11-10T08:00:00+00:00"))
    db.close()


def test_migrates_an_older_store(tmp_path):
    path = tmp_path / "v1.sqlite"
    _v1_store(path)
    with IncidentStore(path) as s:
        assert s.version == SCHEMA_VERSION == 5
        (old,) = s.raw_incidents()
        assert (old.event_id, old.location, old.injured, old.notes, old.evidence, old.rules) == \
            ("UAold", "Sumy", 3, (), None, ())
        assert old.sources[0].published == dt.datetime(2025, 11, 10, 8, tzinfo=UTC)
        assert s.db.execute("SELECT count(*) FROM incident_sources").fetchone()[0] == 1
        assert s.mentions("old")[0].place.geonameid == 692194
        assert s.add_article(*report("a", BODY_A)) is True
        assert len(s.incidents()) == 2
        (key,) = s.db.execute("SELECT key FROM articles WHERE id = 'old'").fetchone()
        assert s.remove_article("old") is True and s.counts()["articles"] == 1
        assert len(key) == 64
        _assert_consistent(s)


def test_refuses_a_newer_store(tmp_path):
    path = tmp_path / "future.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(OutputError, match="newer"):
        IncidentStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 99
    db.close()


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("this is a text file, not a database\n" * 100)
    with pytest.raises(OutputError) as err:
        IncidentStore(path)
    assert isinstance(err.value, OSError) and isinstance(err.value, GeomapError)
    assert str(path) in str(err.value)


def test_half_migrated_store_is_not_left_behind(tmp_path, monkeypatch):
    import geomap.store as store_module

    path = tmp_path / "m.sqlite"
    broken = (MIGRATIONS[0], (*MIGRATIONS[1][:3], "THIS IS NOT SQL"))
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(OutputError, match="up to date"):
        IncidentStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1  # the first step stands, the second not at all
    columns = {row[1] for row in db.execute("PRAGMA table_info(mentions)")}
    assert "name" not in columns
    db.close()


# ------------------------------------------------------------------------------------------------ batches

def _reports(n: int):
    for k in range(n):
        yield report(f"r{k}", f"Russian drones hit a depot in Sumy on Monday, injuring {k + 1} people.")


def test_add_many_in_batches(store):
    assert store.add_many(_reports(7), batch_size=3) == 7
    assert store.counts()["articles"] == 7
    assert store.add_many(_reports(7)) == 0
    (merged,) = store.incidents()
    assert merged.source_count == 7 and merged.injured == 1


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_interrupted_batch_is_rolled_back(store, error):
    def stream():
        yield from _reports(5)
        raise error("stopped")

    with pytest.raises(error):
        store.add_many(stream(), batch_size=2)
    # batches [r0 r1] and [r2 r3] are stored; [r4 + the failure] is not
    assert store.counts()["articles"] == 4
    ids = {row[0] for row in store.db.execute("SELECT id FROM articles")}
    assert ids == {"r0", "r1", "r2", "r3"}
    _assert_consistent(store)
    assert store.add_many(_reports(5)) == 1  # a re-run adds just what is missing


def test_failure_inside_an_article_stores_none_of_it(store):
    art, res, incs = report("a", BODY_A)

    class Exploding(list):
        def __iter__(self):
            yield incs[0]
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_article(art, res, Exploding(incs))
    assert store.counts() == {"articles": 0, "mentions": 0, "incidents": 0}
    assert store.add_article(art, res, incs) is True


def test_bad_row_rolls_back_its_batch(store):
    good = list(_reports(2))
    art, res, incs = report("bad", BODY_A)
    bad = dataclasses.replace(incs[0], place=dataclasses.replace(incs[0].place, name=None))  # NOT NULL
    with pytest.raises(sqlite3.IntegrityError):
        store.add_many([*good, (art, res, [bad])], batch_size=10)
    assert store.counts() == {"articles": 0, "mentions": 0, "incidents": 0}
    _assert_consistent(store)


def test_bad_batch_size(store):
    with pytest.raises(ValueError):
        store.add_many([], batch_size=0)


def _assert_consistent(store):
    db = store.db
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM mentions WHERE article_key NOT IN (SELECT key FROM articles)"
                      ).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM incidents WHERE article_key NOT IN (SELECT key FROM articles)"
                      ).fetchone()[0] == 0
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
