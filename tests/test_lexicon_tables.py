"""The shared word tables of geomap/lexicon (titles, speech verbs, directions, seats) and the shared text readers."""
from importlib import resources

import pytest

from geomap.grammar import read_table
from geomap.lexicon_tables import bearings, directions, seats, speech_verbs, titles
from geomap.text import dateline_place, find_dateline, opens_dateline

KINDS = {
    "titles.tsv": (1, {"short title", "title", "abbreviation"}),
    "directions.tsv": (1, {"point", "centre", "adjective", "area"}),
    "seats.tsv": (2, {"capital", "building", "office"}),
}
USES = {"date_before", "date_after", "metonym", "speaker", "attribution", "person", "cut"}


@pytest.mark.parametrize("name", [*KINDS, "speech_verbs.tsv"])
def test_each_table_says_what_it_is_and_has_known_kinds(name):
    text = resources.files("geomap").joinpath("lexicon", name).read_text(encoding="utf-8")
    assert text.startswith("# ")
    rows = read_table(name)
    assert len({row[0] for row in rows}) == len(rows), "one row per word"
    if name == "speech_verbs.tsv":
        assert all(len(row) == 3 and row[1] in ("hearer", "-") and set(row[2].split()) <= USES for row in rows)
    else:
        column, kinds = KINDS[name]
        assert {row[column] for row in rows} == kinds


def test_titles_kinds():
    assert {"gov", "maj", "govs"} <= titles("short title")
    assert "president" in titles("title") and "president" not in titles("short title", "abbreviation")
    assert {"st", "jr", "no"} <= titles("abbreviation")
    assert not titles("title") & titles("short title", "abbreviation")


def test_speech_verbs_per_reading():
    assert speech_verbs("cut").split("|") == ["said", "says", "reported", "added", "say", "reports"]
    assert "told(?:x)" in speech_verbs("date_before", hearer="(?:x)").split("|")
    assert "told" in speech_verbs("date_after").split("|")  # a hearer pattern only where one is asked for
    assert "according to" not in speech_verbs("attribution")


def test_directions_and_bearings():
    assert directions("point") == ("north", "south", "east", "west", "northeast", "northwest", "southeast",
                                   "southwest")
    assert bearings()["southwest"] == (-1, -1) and set(bearings()) == set(directions("point"))
    assert "downtown" in directions("area") and "central" in directions("centre")


def test_seats():
    assert seats("capital", "building")["Kremlin"] == "RU"
    assert "White House" not in seats("capital", "building") and seats("office")["White House"] == "US"


def test_datelines():
    body = "KHARKIV, Ukraine (AP) — Russian drones struck the city."
    assert find_dateline(body) == (0, len("KHARKIV, Ukraine (AP) — "))
    assert dateline_place(body) == ("KHARKIV", "Ukraine")
    assert dateline_place("Kupiansk, Ukraine - Shelling went on.") == ("Kupiansk", "Ukraine")
    assert find_dateline("Kupiansk, Ukraine - Shelling went on.") is None  # only capitals make that dateline
    assert opens_dateline("DALTON - A fire", 0, 6) and not opens_dateline("The DALTON - fire", 4, 10)
