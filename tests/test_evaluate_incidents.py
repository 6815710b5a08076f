"""geomap.evaluate_incidents: matching, counting and reporting, on gold files and articles of our own."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest

from geomap.errors import GeomapError
from geomap.evaluate_incidents import (
    evaluate_incidents,
    format_incident_report,
    load_gold,
    main,
    score_incidents,
)
from geomap.model import SourceRef

# Real GeoNames entries: Kharkiv 706483, Lviv 702550.
KHARKIV = {"place_text": "Kharkiv", "place_geonameid": 706483, "lat": 49.98081, "lon": 36.25272}
LVIV = {"place_text": "Lviv", "place_geonameid": 702550, "lat": 49.83826, "lon": 24.02324}
STRIKE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}

ARTICLE_A = (
    "Russian drones struck a warehouse in Kharkiv on Monday, killing two workers and injuring five others, "
    "the regional governor said.\n\n"
    "Firefighters worked through the afternoon to put out the blaze, which destroyed stocks of flour and sugar.\n"
)
ARTICLE_B = (
    "KHARKIV, Ukraine — Two warehouse workers were killed and five were injured when Russian drones hit "
    "a storage site in Kharkiv on Monday, local officials said.\n\n"
    "In Lviv, thousands of people rallied in the main square on Sunday to demand higher pay for teachers.\n"
)


def _gold(tmp_path, articles: dict, texts: dict | None = None):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    for name, text in (texts or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return path


def _entry(*incidents, published="2025-11-18"):
    return {"published": published, "toponyms": [], "not_places": [], "incidents": list(incidents)}


def _score(path, predicted):
    articles, gold = load_gold(path)
    names = {name.rsplit(".", 1)[0]: name for name in articles}
    return score_incidents(path, articles, gold, predicted, names)


def _from(make_incident, article_id, **kw):
    return make_incident(sources=(SourceRef(article_id),), **kw)


# ------------------------------------------------------------------------------------------------ end to end

TWO_ARTICLES = {
    "a.txt": _entry({"must": True, **STRIKE, **KHARKIV, "geo_precision": 1, "date": "2025-11-17",
                     "date_tolerance_days": 0, "fatalities": 2, "injured": 5, "same_as": "b.txt#0"}),
    "b.txt": _entry({"must": True, **STRIKE, **KHARKIV, "geo_precision": 1, "date": "2025-11-17",
                     "date_tolerance_days": 0, "fatalities": 2, "injured": 5, "same_as": "a.txt#0"},
                    {"must": False, "event_type": "Protests", "sub_event_type": "Peaceful protest", **LVIV,
                     "geo_precision": 1, "date": "2025-11-16", "date_tolerance_days": 0}),
}


def test_end_to_end_on_two_articles_of_our_own(tmp_path):
    path = _gold(tmp_path, TWO_ARTICLES, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    report = evaluate_incidents(path)
    assert (report.articles, report.gold, report.gold_must) == (2, 3, 2)
    assert report.predicted == 2  # the strike, told twice, is one incident; the rally another
    assert (report.precision, report.recall, report.recall_must) == (1.0, 1.0, 1.0)
    assert report.right_must == 2
    assert report.fields["merged"] == [2, 2]
    assert report.fields["fatalities"] == [2, 2] and report.fields["injured"] == [2, 2]
    assert report.fields["date"] == [3, 3]
    text = format_incident_report(report)
    assert "precision    1.000 (2/2)" in text and "recall must  1.000 (2/2)" in text
    assert "per article" not in text


def test_main_prints_the_report_and_json(tmp_path, capsys):
    path = _gold(tmp_path, TWO_ARTICLES, {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    assert main([str(path)]) == 0
    assert "recall all   1.000 (3/3)" in capsys.readouterr().out
    assert main([str(path), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["precision"], got["recall_must"], got["fields"]["merged"]["accuracy"]) == (1.0, 1.0, 1.0)


def test_runs_as_a_module(tmp_path):
    path = _gold(tmp_path, {"a.txt": TWO_ARTICLES["a.txt"]}, {"a.txt": ARTICLE_A})
    run = subprocess.run([sys.executable, "-m", "geomap.evaluate_incidents", str(path)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "1 gold incidents (1 must), 1 predicted" in run.stdout
    assert "merged         - (0/0)" in run.stdout  # its same_as partner is not in this gold: nothing to merge


def test_the_article_file_header_is_read_but_gold_published_wins(tmp_path):
    texts = {"a.txt": "id: wire-1\npublished: 2020-01-01\n\n" + ARTICLE_A}
    path = _gold(tmp_path, {"a.txt": _entry({**TWO_ARTICLES["a.txt"]["incidents"][0], "same_as": None})}, texts)
    report = evaluate_incidents(path)
    assert (report.matched_gold, report.fields["date"]) == (1, [1, 1])


# ------------------------------------------------------------------------------------------------ errors

def test_missing_gold_file(tmp_path, capsys):
    with pytest.raises(GeomapError, match="cannot read"):
        load_gold(tmp_path / "nope.json")
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


@pytest.mark.parametrize("content", ["{", "[]", '{"articles": []}', '{"about": "x"}'])
def test_not_a_gold_file(tmp_path, content):
    (tmp_path / "g.json").write_text(content, encoding="utf-8")
    with pytest.raises(GeomapError, match="not a gold file"):
        load_gold(tmp_path / "g.json")


def test_missing_article(tmp_path):
    path = _gold(tmp_path, {"gone.txt": _entry()})
    with pytest.raises(GeomapError, match="gone.txt"):
        evaluate_incidents(path)


# ------------------------------------------------------------------------------------------------ matching

def test_one_prediction_matches_one_gold_incident(tmp_path, make_incident):
    strike = {"must": True, **STRIKE, **KHARKIV}
    path = _gold(tmp_path, {"a.txt": _entry({**strike, "date": "2025-11-17"}, {**strike, "date": "2025-11-18"})})
    report = _score(path, [_from(make_incident, "a", event_date=dt.date(2025, 11, 18), **_kharkiv())])
    assert (report.matched_predicted, report.matched_gold, report.precision, report.recall) == (1, 1, 1.0, 0.5)
    # greedy best first: the prediction went to the gold incident whose date it has
    assert report.fields["date"] == [1, 1]
    assert report.per_article["a.txt"].misses == ["[must] #0 Explosions/Remote violence at Kharkiv 2025-11-17"]


def test_greedy_pairs_each_prediction_with_its_own_date(tmp_path, make_incident):
    strike = {"must": True, **STRIKE, **KHARKIV}
    path = _gold(tmp_path, {"a.txt": _entry({**strike, "date": "2025-11-17"}, {**strike, "date": "2025-11-18"})})
    predicted = [_from(make_incident, "a", event_date=dt.date(2025, 11, d), **_kharkiv()) for d in (18, 17)]
    report = _score(path, predicted)
    assert (report.precision, report.recall, report.fields["date"]) == (1.0, 1.0, [2, 2])


def _kharkiv(**kw):
    return {"geonameid": 706483, "name": "Kharkiv", "lat": 49.98081, "lon": 36.25272, **kw}


@pytest.mark.parametrize("lat, matched", [(49.98081 + 0.18, True), (49.98081 + 0.27, False)])  # ~20 km, ~30 km
def test_a_place_within_25_km_matches(tmp_path, make_incident, lat, matched):
    path = _gold(tmp_path, {"a.txt": _entry({"must": True, **STRIKE, **KHARKIV})})
    report = _score(path, [_from(make_incident, "a", **_kharkiv(geonameid=1, lat=lat))])
    assert report.matched_gold == int(matched)
    assert report.per_article["a.txt"].false_positives == ([] if matched else [
        "Explosions/Remote violence / Air/drone strike at Kharkiv 2025-11-18 (Kharkiv)"])


def test_the_same_geonameid_matches_at_any_distance(tmp_path, make_incident):
    path = _gold(tmp_path, {"a.txt": _entry({"must": True, **STRIKE, **KHARKIV})})
    assert _score(path, [_from(make_incident, "a", **_kharkiv(lat=0.0, lon=0.0))]).matched_gold == 1


def test_another_event_type_does_not_match(tmp_path, make_incident):
    path = _gold(tmp_path, {"a.txt": _entry({"must": True, **STRIKE, **KHARKIV})})
    report = _score(path, [_from(make_incident, "a", event_type="Battles", sub_event_type="Armed clash",
                                 **_kharkiv())])
    assert (report.matched_gold, report.matched_predicted) == (0, 0)


def test_a_prediction_from_another_article_does_not_match(tmp_path, make_incident):
    path = _gold(tmp_path, {"a.txt": _entry({"must": True, **STRIKE, **KHARKIV}), "b.txt": _entry()})
    report = _score(path, [_from(make_incident, "b", **_kharkiv())])
    assert (report.matched_gold, report.precision) == (0, 0.0)
    assert report.per_article["a.txt"].misses and report.per_article["b.txt"].false_positives


def test_one_merged_prediction_stands_for_every_report_of_one_event(tmp_path, make_incident):
    g = {"must": True, **STRIKE, **KHARKIV}
    path = _gold(tmp_path, {"a.txt": _entry({**g, "same_as": "b.txt#0"}), "b.txt": _entry({**g})})
    merged = make_incident(sources=(SourceRef("a"), SourceRef("b")), **_kharkiv())
    report = _score(path, [merged])
    assert (report.precision, report.recall, report.fields["merged"]) == (1.0, 1.0, [2, 2])


def test_unmerged_reports_are_found_but_not_merged(tmp_path, make_incident):
    g = {"must": True, **STRIKE, **KHARKIV}
    path = _gold(tmp_path, {"a.txt": _entry({**g, "same_as": "b.txt#0"}), "b.txt": _entry({**g})})
    report = _score(path, [_from(make_incident, "a", **_kharkiv()), _from(make_incident, "b", **_kharkiv())])
    assert (report.precision, report.recall, report.fields["merged"]) == (1.0, 1.0, [0, 2])
    assert report.right_must == 0
    assert report.per_article["a.txt"].partly == ["[must] #0 Kharkiv: not merged with b.txt"]


def test_a_prediction_never_stands_for_two_different_events(tmp_path, make_incident):
    g = {"must": True, **STRIKE, **KHARKIV}
    path = _gold(tmp_path, {"a.txt": _entry(g), "b.txt": _entry(g)})  # two events, no same_as
    merged = make_incident(sources=(SourceRef("a"), SourceRef("b")), **_kharkiv())
    assert _score(path, [merged]).matched_gold == 1


# ------------------------------------------------------------------------------------------------ fields

def test_field_accuracy(tmp_path, make_incident):
    g = {"must": True, **STRIKE, **KHARKIV, "geo_precision": 1, "date": "2025-11-17", "date_tolerance_days": 1,
         "fatalities": 0, "injured": 3}
    path = _gold(tmp_path, {"a.txt": _entry(g)})
    inc = _from(make_incident, "a", sub_event_type="Shelling/artillery/missile attack", geo_precision=2,
                event_date=dt.date(2025, 11, 18), fatalities=None, injured=4, **_kharkiv())
    report = _score(path, [inc])
    assert {k: v for k, v in report.fields.items() if v[1]} == {
        "sub_event_type": [0, 1], "date": [1, 1], "fatalities": [1, 1], "injured": [0, 1], "geo_precision": [0, 1]}
    assert report.accuracy("merged") is None  # no same_as: not checked
    assert report.right_must == 0  # injured is wrong
    partly = report.per_article["a.txt"].partly[0]
    assert "injured=4 want 3" in partly and "geo_precision=2 want 1" in partly and "date" not in partly


def test_fields_left_null_are_not_checked(tmp_path, make_incident):
    g = {"must": True, "event_type": "Strategic developments", **KHARKIV, "date": None, "fatalities": None}
    path = _gold(tmp_path, {"a.txt": _entry(g)})
    inc = _from(make_incident, "a", event_type="Strategic developments", sub_event_type="Other", event_date=None,
                **_kharkiv())
    report = _score(path, [inc])
    assert report.matched_gold == 1 and all(checked == 0 for _, checked in report.fields.values())
    assert report.right_must == 1


def test_an_empty_gold_file_scores_one(tmp_path):
    report = _score(_gold(tmp_path, {"a.txt": _entry()}), [])
    assert (report.precision, report.recall, report.recall_must) == (1.0, 1.0, 1.0)
    assert "precision    - (0/0)" in format_incident_report(report)


def test_same_as_groups_are_symmetric_and_transitive(tmp_path):
    g = {"must": True, **STRIKE, **KHARKIV}
    path = _gold(tmp_path, {"a.txt": _entry(g), "b.txt": _entry({**g, "same_as": "a.txt#0"}),
                            "c.txt": _entry({**g, "same_as": "b.txt#0"}), "d.txt": _entry(g)})
    _, gold = load_gold(path)
    assert [x.event for x in gold] == ["a.txt#0", "a.txt#0", "a.txt#0", "d.txt#0"]


def test_report_as_dict_is_json(tmp_path, make_incident):
    path = _gold(tmp_path, {"a.txt": _entry({"must": True, **STRIKE, **KHARKIV})})
    report = _score(path, [_from(make_incident, "a", **_kharkiv()), _from(make_incident, "a", **_kharkiv(
        name="Lviv", geonameid=702550, lat=49.83826, lon=24.02324))])
    got = json.loads(json.dumps(report.as_dict()))
    assert (got["precision"], got["recall"], got["f1"]) == (0.5, 1.0, 0.667)
    assert got["per_article"]["a.txt"]["false_positives"] == [
        "Explosions/Remote violence / Air/drone strike at Lviv 2025-11-18 (Lviv)"]
    assert dataclasses.is_dataclass(report)
