"""`geomap incidents --explain` (rule ids in every format) and `--format text` (the rules behind each incident, as
plain text for a person), run as users run them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.explain import explain_incident, group_notes, plain

# our own sentences; the escape sequences and the bidi override stand for hostile article text
ARTICLE = """\
title: Depot burns in Kharkiv\x1b]0;owned\x07
published: 2025-11-20T08:00:00Z
id: test-explain-kharkiv

A drone strike hit a grain warehouse in Kharkiv on Monday, killing three guards\x1b[2J\u202e, the mayor said.
"""


def geomap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explain") / "kharkiv.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def explained(article: Path) -> str:
    result = geomap("-q", "incidents", str(article), "--format", "text", "--workers", "1")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_explain_names_the_rules_behind_type_place_date_and_casualties(explained):
    head, *blocks = explained.split("\n  ")
    assert head.startswith("article test-explain-kharkiv: Depot burns in Kharkiv")
    assert "(published 2025-11-20): 1 incident" in head
    text = "\n".join(blocks)
    assert "Explosions/Remote violence / Air/drone strike" in text
    assert "Air/drone strike from 'drone strike'" in text  # the type rule and its words
    assert "Kharkiv, Kharkiv Oblast, UA (city)" in text
    assert "'Kharkiv' at " in text and " resolved: " in text  # the mention and the resolver's reason
    assert "2025-11-17 (precision 1: day)" in text
    assert "'on Monday'" in text.split("date:", 1)[1].split("casualties:", 1)[0]  # the date's words
    assert "type:weapon_air, place:in, date:weekday, counts:active" in text  # the rule ids
    assert "fatalities 3, injured not stated" in text
    assert '"A drone strike hit a grain warehouse in Kharkiv on Monday' in text


def test_explain_prints_no_control_characters(explained):
    assert not [c for c in explained if (ord(c) < 32 and c != "\n") or 0x7f <= ord(c) < 0xa0 or c == "\u202e"]
    assert "owned" in explained  # the text itself is kept, as plain text


def test_explain_adds_rule_ids_in_every_format(article):
    result = geomap("-q", "incidents", str(article), "--format", "jsonl", "--explain", "--workers", "1")
    assert result.returncode == 0, result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["rule_type"] == "type:weapon_air"
    assert row["rule_place"] == "place:in"
    assert row["rule_date"] == "date:weekday"
    assert row["rule_counts"] == "counts:active"
    assert row["rules"].split("; ")[:2] == ["type:weapon_air", "place:in"]
    geo = json.loads(geomap("-q", "incidents", str(article), "--explain", "--workers", "1").stdout)
    assert geo["features"][0]["properties"]["rule_type"] == "type:weapon_air"
    header = geomap("-q", "incidents", str(article), "--format", "csv", "--explain").stdout.splitlines()[0]
    assert header.endswith("rules,rule_type,rule_place,rule_date,rule_counts")
    plain_row = json.loads(geomap("-q", "incidents", str(article), "--format", "jsonl").stdout.splitlines()[0])
    assert "rules" not in plain_row  # without --explain the output is as before


def test_text_view_with_a_store_is_a_one_line_error(article, tmp_path):
    result = geomap("incidents", str(article), "--format", "text", "--store", str(tmp_path / "s.db"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "geomap: --format text prints its own text from the inputs: use it without --store"]


def test_jsonl_carries_the_notes(article):
    result = geomap("-q", "incidents", str(article), "--format", "jsonl", "--workers", "1")
    assert result.returncode == 0, result.stderr
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "type: Air/drone strike from 'drone strike'" in row["notes"]


def test_notes_are_grouped_by_prefix_and_unknown_ones_are_other(make_incident):
    notes = ("type: Battle from 'clashed'", "place: the dateline (no place in the clause)",
             "date: from the sentence before", "injured: dozens of people injured", "a note of a new kind")
    groups = group_notes(notes)
    assert groups == {"type": [notes[0]], "place": [notes[1]], "date": [notes[2]], "casualties": [notes[3]],
                      "other": [notes[4]]}
    text = explain_incident(make_incident(notes=notes, quotes=("Clashes\x1b[31m erupted.",)))
    assert "other:      a note of a new kind" in text
    assert "the dateline (no place in the clause)" in text
    assert "\x1b" not in text and '"Clashes [31m erupted."' in text


def test_plain_removes_controls_and_bidi_marks():
    assert plain("a\x1b[2Jb\tc\u202ed\x85e\n") == "a [2Jb c d e"
    assert plain(None) == ""
