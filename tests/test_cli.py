"""Tests for the command line as users run it: ``python -m geomap`` in a subprocess, exit codes, stdout, stderr."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geomap import __version__
from geomap.cli import build_parser

ARTICLE = """\
title: Drones hit a fuel depot near Berestyn
published: 2025-11-20T06:15:00Z
source: Test Wire
url: https://news.example.org/berestyn-depot
id: test-berestyn-depot

A swarm of drones struck a fuel depot on the edge of Berestyn, in the Kharkiv region, before dawn on Thursday, \
local officials said.
Crews from Poltava helped put out the fire by mid-morning; nobody was hurt, the emergency service said.
Later that day, artillery fire was reported near Pokrovsk, Donetsk Oblast, and in the suburbs of Odesa.
"""


def geomap(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, cwd=cwd, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def assert_user_error(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip(), "an error must be explained on standard error"


def command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the parser, e.g. ('gazetteer', 'lookup')."""
    paths = [prefix]
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk over subparsers
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                paths += command_paths(sub, (*prefix, name))
    return paths


COMMANDS = command_paths(build_parser())


def test_version():
    result = geomap("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"geomap {__version__}"


def test_every_command_is_listed():
    assert {("map",), ("places",), ("incidents",), ("gazetteer", "lookup"), ("gazetteer", "info"),
            ("gazetteer", "build")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) or "geomap" for c in COMMANDS])
def test_help(command):
    result = geomap(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: geomap" + "".join(f" {c}" for c in command))
    assert result.stderr == ""


def test_no_command_is_a_usage_error():
    result = geomap()
    assert result.returncode == 2
    assert "usage: geomap" in result.stderr
    assert_user_error(result)


def test_gazetteer_lookup_prints_json_lines():
    result = geomap("gazetteer", "lookup", "Berestyn")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["geonameid"] == 704388
    assert (rows[0]["name"], rows[0]["country"], rows[0]["feature"]) == ("Berestyn", "UA", "city")


def test_gazetteer_lookup_country_and_limit():
    result = geomap("gazetteer", "lookup", "Paris", "--country", "US", "--limit", "2")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["geonameid"] == 4717560
    assert all(r["country"] == "US" for r in rows)


def test_gazetteer_lookup_unknown_name_prints_nothing_and_exits_1():
    result = geomap("gazetteer", "lookup", "Qwxzvbrt")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "geomap: no place named 'Qwxzvbrt'\n"


@pytest.mark.parametrize("name", ["", "x" * 10_000])
def test_gazetteer_lookup_bad_name_is_a_one_line_error(name):
    result = geomap("gazetteer", "lookup", name)
    assert result.returncode == 2
    assert result.stdout == ""
    assert_user_error(result)
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("geomap: ")


def test_gazetteer_info():
    result = geomap("gazetteer", "info")
    assert result.returncode == 0
    info = json.loads(result.stdout)
    assert info["places"]["city"] > 230_000


def body_of(article: str) -> str:
    """The body of a .txt article with a header block: everything after the first blank line."""
    return article.split("\n\n", 1)[1].rstrip("\r\n")


def test_places_offsets_point_into_the_body(tmp_path):
    path = tmp_path / "depot.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = geomap("places", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    out = json.loads(lines[0])
    assert out["id"] == "test-berestyn-depot"
    body = body_of(ARTICLE)
    assert out["places"], "the article names places"
    for place in out["places"]:
        assert body[place["start"]:place["end"]] == place["text"], place
        assert set(place) >= {"text", "start", "end", "name", "geonameid", "lat", "lon", "country_code", "admin1",
                              "feature", "score"}
    found = {p["text"]: p for p in out["places"]}
    assert found["Berestyn"]["geonameid"] == 704388
    assert found["Pokrovsk"]["geonameid"] == 704422
    assert [p["start"] for p in out["places"]] == sorted(p["start"] for p in out["places"])


def test_places_on_a_folder_skips_the_bad_file(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    bad = folder / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03PK\x03\x04" + bytes(range(256)))
    result = geomap("places", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "test-berestyn-depot"
    assert str(bad) in result.stderr
    assert_user_error(result)


def test_places_given_spans_resolves_exactly_those_spans(tmp_path):
    text = "Talks in Kyiv stalled while patrols near Qwxzv and Sumy were doubled, officials in Odesa said."
    names = ["Sumy", "Kyiv", "Qwxzv", "Odesa"]  # deliberately not in text order
    spans = [{"start": text.index(n), "end": text.index(n) + len(n)} for n in names]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "doc-1", "text": text, "toponyms": spans}) + "\n", encoding="utf-8")
    result = geomap("places", "--given-spans", str(corpus))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["id"] == "doc-1"
    assert [(p["start"], p["end"], p["text"]) for p in out["places"]] == [
        (s["start"], s["end"], n) for s, n in zip(spans, names)]
    by_text = {p["text"]: p for p in out["places"]}
    assert by_text["Kyiv"]["geonameid"] == 703448
    assert by_text["Sumy"]["geonameid"] == 692194
    assert by_text["Odesa"]["geonameid"] == 698740
    # a name the gazetteer lacks is placed, flagged as approximate, at the article's main place
    approximate = by_text["Qwxzv"]
    assert approximate["geonameid"] in (703448, 692194, 698740)
    assert approximate["reason"].startswith("approximate") and approximate["score"] < 0.5


def test_places_given_spans_unknown_name_alone_stays_unresolved(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "d", "text": "Qwxzv was quiet.", "toponyms": [{"start": 0, "end": 5}]})
                      + "\n", encoding="utf-8")
    result = geomap("places", "--given-spans", str(corpus))
    assert result.returncode == 0, result.stderr
    [place] = json.loads(result.stdout)["places"]
    assert (place["geonameid"], place["lat"], place["lon"]) == (None, None, None) and place["reason"]


def test_places_given_spans_outside_the_text_is_reported(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    good = {"id": "ok", "text": "Shelling hit Sumy.", "toponyms": [{"start": 13, "end": 17}]}
    bad = {"id": "bad", "text": "Short.", "toponyms": [{"start": 3, "end": 40}]}
    corpus.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    result = geomap("places", "--given-spans", str(corpus))
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert f"{corpus}:1" in result.stderr
    assert_user_error(result)


def test_places_from_standard_input():
    result = geomap("places", "-", "--published", "2025-11-20", stdin="A drone hit a school in Sumy overnight.\n")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)["places"]
    assert [p["geonameid"] for p in places] == [692194]


def test_missing_input_is_reported_not_raised(tmp_path):
    result = geomap("places", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "nope.txt" in result.stderr
    assert_user_error(result)
