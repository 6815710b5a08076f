"""geomap.store under faults: a writer killed with SIGKILL at any moment leaves a whole store, and several
processes writing one store at once lose nothing."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# A writer: article k has two mentions and one incident; ids repeat every 7 articles (as `report` from two
# folders would), so the store's keys, not the ids, keep them apart. Prints each k once it is committed.
WRITER = textwrap.dedent('''
    import datetime as dt, sys
    from geomap.model import Article, Incident, Mention, Place, Resolution, SourceRef
    from geomap.store import IncidentStore

    path, first, last, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    town = Place(692194, "Sumy", 50.91741, 34.79906, "UA", "city", "UA.21", "Sumy Oblast", 256474, "PPLA")
    utc = dt.timezone.utc

    def item(k):
        art = Article(id=f"report-{k % 7}", body=f"Drones hit Sumy, report number {k}.", path=f"dir{k}/report.txt",
                      published=dt.datetime(2025, 11, 18, tzinfo=utc))
        res = [Resolution(Mention(11, 15, "Sumy"), town, score=0.9, reason="test"),
               Resolution(Mention(0, 6, "Drones"), None, reason="nothing")]
        inc = Incident(event_id=f"UA{k % 7}", event_type="Explosions/Remote violence",
                       sub_event_type="Air/drone strike", place=town, location="Sumy", geo_precision=1,
                       event_date=dt.date(2025, 11, 17 + k % 3), quotes=(art.body,),
                       sources=(SourceRef(art.id, None, None, None, art.published),))
        return art, res, [inc]

    with IncidentStore(path) as store:
        if batch == 1:
            for k in range(first, last):
                store.add_article(*item(k))
                print(k, flush=True)
        else:
            print(store.add_many((item(k) for k in range(first, last)), batch_size=batch), flush=True)
''')


def _writer(path: Path, first: int, last: int, batch: int = 1) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(first), str(last), str(batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _check_whole(path: Path) -> int:
    """The store is intact and every stored article has all of what was read from it; its article count."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2 * articles
        assert db.execute("SELECT count(*) FROM incidents").fetchone()[0] == articles
        assert db.execute("SELECT count(*) FROM incident_sources").fetchone()[0] == articles
        for table in ("mentions", "incidents"):
            orphans = db.execute(f"SELECT count(*) FROM {table} WHERE article_key NOT IN "  # noqa: S608
                                 "(SELECT key FROM articles)").fetchone()[0]
            assert orphans == 0, table
    return int(articles)


@pytest.mark.parametrize("after", [1, 25])
def test_sigkill_leaves_a_whole_store(tmp_path, after):
    path = tmp_path / "s.sqlite"
    proc = _writer(path, 0, 100_000)
    assert proc.stdout is not None
    committed = -1
    deadline = time.monotonic() + 60
    while committed < after and time.monotonic() < deadline:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        committed = int(line)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    stored = _check_whole(path)
    assert stored >= committed + 1  # every committed article is there (and perhaps the next one)
    again = _writer(path, 0, stored + 3)  # the store opens and takes more after the kill
    again.communicate(timeout=60)
    assert again.returncode == 0
    assert _check_whole(path) == stored + 3


def test_three_writers_at_once_lose_nothing(tmp_path):
    """Three processes add overlapping ranges of articles in batches, at the same time: every article is stored
    once, even those that share an id."""
    path = tmp_path / "s.sqlite"
    procs = [_writer(path, start, start + 80, batch=5) for start in (0, 40, 60)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert _check_whole(path) == 140  # articles 0..139, the overlaps stored once
