"""Nothing lost in the store (issue 14, item 4): articles that share an id are all kept, the same article read
twice is stored once, and an explicitly given id used for two different articles is a warning naming both."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

BODY = "published: 2025-11-20T06:15:00Z\n\nA drone struck a fuel depot in {town} on Thursday, killing {n} people.\n"


def geomap(*args: str) -> subprocess.CompletedProcess:
    """The CLI in a process of its own. Outputs go to "-o -", never to os.devnull: -o writes a temporary file and
    renames it over the target, which as root would replace the device /dev/null with a plain file."""
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def stored(store: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(store) as db:
        return sorted(db.execute("SELECT id, origin FROM articles").fetchall())


def incidents(store: Path) -> list[dict]:
    result = geomap("export", "--store", str(store), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_two_files_with_the_same_name_in_two_folders(tmp_path):
    for folder, town, n in (("a", "Sumy", 2), ("b", "Kharkiv", 3)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(BODY.format(town=town, n=n), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    result = geomap("incidents", str(tmp_path / "a"), str(tmp_path / "b"), "--store", str(store), "--workers", "1",
                    "-o", "-")
    assert result.returncode == 0, result.stderr
    assert "warning:" not in result.stderr  # ids made from file names: no claim was made, nothing to warn about
    assert [a[0] for a in stored(store)] == ["report", "report"]
    assert sorted(i["location"] for i in incidents(store)) == ["Kharkiv", "Sumy"]
    again = geomap("-q", "incidents", str(tmp_path / "a"), "--store", str(store), "--workers", "1", "-o", "-")
    assert again.returncode == 0 and len(stored(store)) == 2  # the same article read twice is stored once


def test_two_jsonl_files_with_the_same_name(tmp_path):
    for folder, town in (("x", "Sumy"), ("y", "Kharkiv")):
        (tmp_path / folder).mkdir()
        line = {"text": f"A drone struck a fuel depot in {town} on Thursday.", "published": "2025-11-20"}
        (tmp_path / folder / "feed.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    result = geomap("-q", "incidents", str(tmp_path), "--store", str(store), "--workers", "1", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert [a[0] for a in stored(store)] == ["feed-1", "feed-1"]
    assert sorted(i["location"] for i in incidents(store)) == ["Kharkiv", "Sumy"]


def test_one_explicit_id_for_two_articles_is_kept_and_warned(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [{"id": "1", "text": f"A drone struck a fuel depot in {town} on Thursday.", "published": "2025-11-20"}
             for town in ("Sumy", "Kharkiv")]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    store = tmp_path / "s.sqlite"
    result = geomap("incidents", str(feed), "--store", str(store), "--workers", "1", "-o", "-")
    assert result.returncode == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert f"{feed}:2" in warning and f"{feed}:1" in warning and "'1'" in warning
    assert "1 warning" in result.stderr.splitlines()[-1]  # counted in the summary
    assert stored(store) == [("1", f"{feed}:1"), ("1", f"{feed}:2")]
    assert sorted(i["location"] for i in incidents(store)) == ["Kharkiv", "Sumy"]
    again = geomap("incidents", str(feed), "--store", str(store), "--workers", "1", "-o", "-")
    assert again.returncode == 0 and "warning:" not in again.stderr and len(stored(store)) == 2
