"""Incident evaluation against a gold file in the format of ``../shared/seeds/gold.json``.

``evaluate_incidents(gold_path)`` reads the articles named in the gold file (they lie next to it; each gets
the gold ``published`` date), runs the real pipeline in this process (readers -> parse -> extract -> merge,
as ``geomap incidents`` does) and scores the merged incidents:

- Matching, one to one, greedy best first: a predicted incident can stand for a gold incident when it has
  the same ``event_type``, comes (at least in part) from that gold incident's article, and lies at the same
  GeoNames id or within 25 km. Among the admissible pairs the best go first (date right, same id, sub-event
  type right, nearer, ``must`` before ``may``). A predicted incident matches at most one gold *event*: gold
  incidents linked by ``same_as`` are one event told by several articles, and one merged prediction may
  stand for all of them.
- Precision: matched predicted incidents / all predicted incidents. Recall: matched gold incidents / gold
  incidents, over the ``must`` ones and over all.
- Field accuracy among matched pairs, each counted only where the gold states it: ``sub_event_type``;
  ``date`` within ``date_tolerance_days``; ``fatalities`` and ``injured`` (a gold 0 also accepts an unstated
  figure, as ``check_gold.py`` does); ``geo_precision``; ``merged`` (for gold told by several articles, linked
  by ``same_as`` either way: the prediction also lists the other articles as sources).
- "Right" gold incidents: found with date, fatalities, injured and merge right (``check_gold.py``'s test).

``python -m geomap.evaluate_incidents GOLD.json [--json]`` prints the report.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from geomap.errors import GeomapError
from geomap.gazetteer import haversine_km
from geomap.model import Incident

__all__ = ["GoldIncident", "IncidentReport", "Pair", "evaluate_incidents", "format_incident_report", "load_gold",
           "main", "predict", "score_incidents"]

MATCH_KM = 25.0
FIELDS = ("sub_event_type", "date", "fatalities", "injured", "geo_precision", "merged")
_RIGHT_FIELDS = ("date", "fatalities", "injured", "merged")  # what check_gold.py holds a `must` item to


@dataclass(frozen=True)
class GoldIncident:
    """One gold incident: ``key`` is "ARTICLE#INDEX", ``event`` the key of the first of its same_as group."""

    key: str
    article: str  # file name, as in the gold file
    data: dict
    event: str

    @property
    def must(self) -> bool:
        return bool(self.data.get("must"))

    def describe(self) -> str:
        d = self.data
        return f"{d['event_type']} at {d.get('place_text')} {d.get('date') or 'undated'}"


@dataclass(frozen=True)
class Pair:
    """A gold incident and the predicted incident matched to it, with each checked field's verdict."""

    gold: GoldIncident
    predicted: Incident
    checks: dict[str, tuple[bool, str]]  # field -> (right, "got X want Y")

    @property
    def right(self) -> bool:
        return all(ok for name, (ok, _) in self.checks.items() if name in _RIGHT_FIELDS)


@dataclass
class ArticleResult:
    """What went wrong in one article (for debugging)."""

    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    partly: list[str] = field(default_factory=list)


@dataclass
class IncidentReport:
    gold_path: str
    articles: int = 0
    predicted: int = 0
    matched_predicted: int = 0
    gold: int = 0
    gold_must: int = 0
    matched_gold: int = 0
    matched_must: int = 0
    right_must: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})  # right, checked
    per_article: dict[str, ArticleResult] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def recall_must(self) -> float:
        return self.matched_must / self.gold_must if self.gold_must else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        right, checked = self.fields[name]
        return right / checked if checked else None

    def as_dict(self) -> dict:
        return {
            "gold": self.gold_path, "articles": self.articles, "predicted": self.predicted,
            "matched_predicted": self.matched_predicted, "gold_incidents": self.gold, "gold_must": self.gold_must,
            "matched_gold": self.matched_gold, "matched_must": self.matched_must, "right_must": self.right_must,
            "precision": round(self.precision, 3), "recall": round(self.recall, 3),
            "recall_must": round(self.recall_must, 3), "f1": round(self.f1, 3),
            "fields": {name: {"right": r, "checked": c, "accuracy": None if not c else round(r / c, 3)}
                       for name, (r, c) in self.fields.items()},
            "per_article": {name: {"misses": a.misses, "false_positives": a.false_positives, "partly": a.partly}
                            for name, a in self.per_article.items()},
            "seconds": round(self.seconds, 2),
        }


# ---------------------------------------------------------------- gold

def load_gold(gold_path: str | Path) -> tuple[dict, list[GoldIncident]]:
    """The gold file's articles (name -> entry) and its incidents with their same_as groups resolved."""
    path = Path(gold_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = data["articles"]
        if not isinstance(articles, dict):
            raise TypeError("'articles' is not an object")
    except OSError as e:
        raise GeomapError(f"{path}: cannot read the gold file ({e.strerror or e})") from None
    except (ValueError, KeyError, TypeError) as e:
        raise GeomapError(f"{path}: not a gold file in the seeds' format ({type(e).__name__}: {e})") from None
    keys = [f"{name}#{i}" for name, entry in articles.items() for i in range(len(entry.get("incidents", [])))]
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for name, entry in articles.items():
        for i, inc in enumerate(entry.get("incidents", [])):
            other = inc.get("same_as")
            if other in parent:
                a, b = sorted((root(f"{name}#{i}"), root(other)), key=keys.index)
                parent[b] = a
    incidents = [GoldIncident(f"{name}#{i}", name, inc, root(f"{name}#{i}"))
                 for name, entry in articles.items() for i, inc in enumerate(entry.get("incidents", []))]
    return articles, incidents


# ---------------------------------------------------------------- the pipeline

def predict(gold_path: str | Path, articles: dict) -> tuple[list[Incident], dict[str, str]]:
    """Run readers -> parse -> extract -> merge on the gold articles, as ``geomap incidents`` does.

    Returns the merged incidents and a map from article id to the gold file's article name.
    """
    from geomap.incidents import extract_incidents
    from geomap.merge import merge_incidents
    from geomap.pipeline import default_geoparser
    from geomap.readers import iter_articles, parse_published

    folder = Path(gold_path).parent
    parser = default_geoparser()
    found: list[Incident] = []
    names: dict[str, str] = {}
    for name, entry in articles.items():
        file = folder / name
        if not file.is_file():
            raise GeomapError(f"{file}: article named in the gold file is missing")
        published = parse_published(str(entry.get("published") or ""))
        for article in iter_articles([file], published=published):
            article = replace(article, published=published or article.published)
            names[article.id] = name
            found += extract_incidents(article, parser.parse(article.body).resolutions)
    return merge_incidents(found), names


# ---------------------------------------------------------------- scoring

def _distance(inc: Incident, gold: dict) -> float | None:
    """km between a prediction and a gold place (0 for the same GeoNames id); None when too far to match."""
    if gold.get("place_geonameid") is not None and inc.place.geonameid is not None \
            and int(gold["place_geonameid"]) == inc.place.geonameid:
        return 0.0
    if gold.get("lat") is None or gold.get("lon") is None:
        return None
    km = haversine_km(inc.lat, inc.lon, float(gold["lat"]), float(gold["lon"]))
    return km if km <= MATCH_KM else None


def _date_ok(inc: Incident, gold: dict) -> bool:
    if inc.event_date is None:
        return False
    want = dt.date.fromisoformat(str(gold["date"])[:10])
    return abs((inc.event_date - want).days) <= int(gold.get("date_tolerance_days") or 0)


def _checks(gold: GoldIncident, inc: Incident, members: dict[str, list[GoldIncident]],
            article_of: dict[str, str]) -> dict[str, tuple[bool, str]]:
    d = gold.data
    out: dict[str, tuple[bool, str]] = {}
    if d.get("sub_event_type"):
        out["sub_event_type"] = (inc.sub_event_type == d["sub_event_type"],
                                 f"sub_event_type={inc.sub_event_type!r} want {d['sub_event_type']!r}")
    if d.get("date"):
        out["date"] = (_date_ok(inc, d), f"date={inc.event_date} want {d['date']}")
    for name in ("fatalities", "injured"):
        want = d.get(name)
        if want is not None:
            got = getattr(inc, name)
            out[name] = (got == want or (want == 0 and got is None), f"{name}={got} want {want}")
    if d.get("geo_precision") is not None:
        out["geo_precision"] = (inc.geo_precision == d["geo_precision"],
                                f"geo_precision={inc.geo_precision} want {d['geo_precision']}")
    others = {m.article for m in members[gold.event] if m.article != gold.article}
    if others:
        sources = {article_of.get(s.article_id, s.article_id) for s in inc.sources}
        out["merged"] = (others <= sources, "not merged with " + ", ".join(sorted(others - sources)))
    return out


def _label(inc: Incident) -> str:
    date = inc.event_date.isoformat() if inc.event_date else "undated"
    return f"{inc.event_type} / {inc.sub_event_type} at {inc.location} {date} ({inc.mention_text or inc.location})"


def score_incidents(gold_path: str | Path, articles: dict, gold: Sequence[GoldIncident],
                    predicted: Sequence[Incident], article_of: dict[str, str]) -> IncidentReport:
    """Match predicted incidents to gold ones (see the module docstring) and count."""
    report = IncidentReport(str(gold_path), articles=len(articles), predicted=len(predicted), gold=len(gold),
                            gold_must=sum(g.must for g in gold))
    report.per_article = {name: ArticleResult() for name in articles}
    members: dict[str, list[GoldIncident]] = {}
    for g in gold:
        members.setdefault(g.event, []).append(g)
    source_names = [{article_of.get(s.article_id, s.article_id) for s in inc.sources} for inc in predicted]

    candidates = []
    for gi, g in enumerate(gold):
        for pi, inc in enumerate(predicted):
            if inc.event_type != g.data.get("event_type") or g.article not in source_names[pi]:
                continue
            km = _distance(inc, g.data)
            if km is None:
                continue
            date_ok = bool(g.data.get("date")) and _date_ok(inc, g.data)
            sub_ok = inc.sub_event_type == g.data.get("sub_event_type")
            candidates.append(((not date_ok, km > 0, not sub_ok, km, not g.must, gi, pi), gi, pi))
    candidates.sort()
    gold_to: dict[int, int] = {}
    predicted_event: dict[int, str] = {}
    for _, gi, pi in candidates:
        if gi in gold_to or predicted_event.get(pi, gold[gi].event) != gold[gi].event:
            continue
        gold_to[gi] = pi
        predicted_event[pi] = gold[gi].event

    report.matched_predicted = len(predicted_event)
    for gi, g in enumerate(gold):
        tag = "must" if g.must else "may"
        if gi not in gold_to:
            report.per_article[g.article].misses.append(f"[{tag}] #{g.key.rsplit('#', 1)[1]} {g.describe()}")
            continue
        pair = Pair(g, predicted[gold_to[gi]], _checks(g, predicted[gold_to[gi]], members, article_of))
        report.matched_gold += 1
        report.matched_must += g.must
        report.right_must += g.must and pair.right
        for name, (ok, _) in pair.checks.items():
            report.fields[name][0] += ok
            report.fields[name][1] += 1
        wrong = [why for ok, why in pair.checks.values() if not ok]
        if wrong:
            report.per_article[g.article].partly.append(
                f"[{tag}] #{g.key.rsplit('#', 1)[1]} {g.data.get('place_text')}: " + "; ".join(wrong))
    for pi, inc in enumerate(predicted):
        if pi in predicted_event:
            continue
        for name in sorted(source_names[pi]):
            if name in report.per_article:
                report.per_article[name].false_positives.append(_label(inc))
    return report


def evaluate_incidents(gold_path: str | Path) -> IncidentReport:
    """Run the pipeline on a gold file's articles and score its incidents (see the module docstring)."""
    started = time.perf_counter()
    articles, gold = load_gold(gold_path)
    predicted, article_of = predict(gold_path, articles)
    report = score_incidents(gold_path, articles, gold, predicted, article_of)
    report.seconds = time.perf_counter() - started
    return report


def _fraction(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "- (0/0)"


def format_incident_report(report: IncidentReport) -> str:
    """A readable report: the headline figures, field accuracy, then each article's problems."""
    lines = [
        f"{report.gold_path}: {report.articles} articles, {report.gold} gold incidents ({report.gold_must} must), "
        f"{report.predicted} predicted",
        f"  precision    {_fraction(report.matched_predicted, report.predicted)}",
        f"  recall must  {_fraction(report.matched_must, report.gold_must)}",
        f"  recall all   {_fraction(report.matched_gold, report.gold)}",
        f"  F1 {report.f1:.3f}; must incidents fully right (date, casualties, merge): "
        f"{_fraction(report.right_must, report.gold_must)}",
        "  field accuracy among matched:",
    ]
    for name in FIELDS:
        right, checked = report.fields[name]
        lines.append(f"    {name:<15}{_fraction(right, checked)}")
    problems = [(name, a) for name, a in report.per_article.items() if a.misses or a.false_positives or a.partly]
    if problems:
        lines.append("  per article:")
    for name, a in problems:
        lines.append(f"    {name}")
        lines += [f"      MISSED  {m}" for m in a.misses]
        lines += [f"      PARTLY  {p}" for p in a.partly]
        lines += [f"      FALSE   {f}" for f in a.false_positives]
    lines.append(f"  {report.seconds:.1f} s")
    return "\n".join(lines)


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """The command's arguments (on a new parser, or added to a given one)."""
    parser = parser or argparse.ArgumentParser(
        prog="python -m geomap.evaluate_incidents",
        description="Incident precision/recall and field accuracy against a gold file (seeds' format).")
    parser.add_argument("gold", metavar="GOLD.json", help="gold file; the articles it names lie next to it")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    return parser


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; 0 on success (the figures are information, not a verdict)."""
    report = evaluate_incidents(args.gold)
    print(json.dumps(report.as_dict(), indent=1) if args.json else format_incident_report(report))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except GeomapError as e:
        print(f"geomap: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): say nothing
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
