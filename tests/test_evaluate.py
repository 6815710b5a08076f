"""geomap.evaluate: a corpus scored whole and in parts (sentences of our own)."""
from __future__ import annotations

import json

from geomap.evaluate import evaluate_places, evaluate_places_parts

DOCS = [
    ("Shelling hit Kharkiv and Sumy overnight.", [("Kharkiv", 50.0, 36.25), ("Sumy", 50.92, 34.8)]),
    ("The envoy flew from Paris to Athens.", [("Paris", 48.85, 2.35), ("Athens", 37.98, 23.73)]),
    ("Protesters marched in Belgrade.", [("Belgrade", 44.8, 20.47)]),
    ("Floods reached Novi Sad on Monday.", [("Novi Sad", 45.25, 19.84)]),
]


def _corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for number, (text, places) in enumerate(DOCS):
            toponyms = [{"start": text.index(name), "end": text.index(name) + len(name), "name": name, "lat": lat,
                         "lon": lon} for name, lat, lon in places]
            out.write(json.dumps({"id": str(number), "text": text, "toponyms": toponyms}) + "\n")
    return path


def _figures(report) -> dict:
    figures = report.as_dict()
    del figures["articles_per_s"]
    return figures


def test_the_parts_add_up_to_the_whole(tmp_path):
    path = _corpus(tmp_path)
    for given_spans in (False, True):
        parts = evaluate_places_parts(path, lambda doc, index: "even" if index % 2 == 0 else "odd",
                                      given_spans=given_spans)
        assert set(parts) == {"all", "even", "odd"}
        assert _figures(parts["all"]) == _figures(evaluate_places(path, given_spans=given_spans))
        assert parts["even"].documents == parts["odd"].documents == 2
        for key in ("gold", "predicted", "true_positive", "matched_gold", "right", "recognised"):
            assert getattr(parts["even"], key) + getattr(parts["odd"], key) == getattr(parts["all"], key)
        assert sorted(parts["even"].errors_km + parts["odd"].errors_km) == sorted(parts["all"].errors_km)


def test_without_a_part_only_the_whole(tmp_path):
    assert set(evaluate_places_parts(_corpus(tmp_path))) == {"all"}
