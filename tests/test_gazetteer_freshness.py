"""The index is rebuilt when the gazetteer sources change, and not otherwise."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from geomap.build import INDEX_NAME, NAMES_NAME, sources_fingerprint
from geomap.gazetteer import _stale


def _fake_index(directory, fingerprint: str) -> None:
    with sqlite3.connect(directory / INDEX_NAME) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
    (directory / NAMES_NAME).write_bytes(b"")


def test_missing_index_is_stale(tmp_path):
    assert _stale(tmp_path) == "no index yet"


def test_index_from_the_current_sources_is_fresh(tmp_path):
    _fake_index(tmp_path, sources_fingerprint())
    assert _stale(tmp_path) is None


def test_index_from_other_sources_is_stale(tmp_path):
    _fake_index(tmp_path, "0" * 16)
    assert _stale(tmp_path) == "the gazetteer sources changed"


def test_fingerprint_follows_the_source_files(tmp_path, monkeypatch):
    (tmp_path / "sources").mkdir()
    (tmp_path / "custom.tsv").write_text("a\n", encoding="utf-8")
    first = sources_fingerprint(tmp_path)
    (tmp_path / "custom.tsv").write_text("b\n", encoding="utf-8")
    second = sources_fingerprint(tmp_path)
    assert second != first
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")  # documentation does not count
    assert sources_fingerprint(tmp_path) == second


def test_user_rows_in_the_data_directory_count(tmp_path):
    _fake_index(tmp_path, sources_fingerprint(data_dir=tmp_path))
    assert _stale(tmp_path) is None
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / "mine.tsv").write_text("100000001\tMy Place\n", encoding="utf-8")
    assert _stale(tmp_path) == "the gazetteer sources changed"


def test_the_sources_are_package_data(monkeypatch):
    import geomap
    from geomap.build import sources_dir

    monkeypatch.delenv("GEOMAP_GAZETTEER_SOURCES", raising=False)
    assert sources_dir().resolve() == Path(geomap.__file__).resolve().parent / "gazetteer_data"
    assert (sources_dir() / "sources" / "countryInfo.txt").is_file()
    monkeypatch.setenv("GEOMAP_GAZETTEER_SOURCES", "/somewhere/else")
    assert sources_dir() == Path("/somewhere/else")
