"""Geoparsing evaluation on annotated corpora (LGL, GeoWebNews, GeoVirus, WikToR format).

Recognition: a predicted span is a true positive when it overlaps a gold toponym; one overlapping only an
``unresolved`` gold span counts neither way. Resolution: right when the GeoNames id matches or the point is within
161 km. End-to-end accuracy counts every gold toponym (unrecognised = wrong); AUC is the area under the curve of
log(1 + error km) / log(20039), the standard geoparsing figure (lower is better).
"""
from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from geomap.gazetteer import haversine_km
from geomap.model import Resolution

MAX_ERROR_KM = 20039.0


@dataclass
class PlacesReport:
    corpus: str
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    true_positive: int = 0
    matched_gold: int = 0
    errors_km: list[float] = field(default_factory=list)  # one per gold toponym that has coordinates
    right: int = 0
    right_recognised: int = 0
    recognised: int = 0
    seconds: float = 0.0
    given_spans: bool = False

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def accuracy_recognised(self) -> float:
        return self.right_recognised / self.recognised if self.recognised else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def auc(self) -> float:
        if not self.errors_km:
            return 0.0
        return sum(math.log1p(e) for e in self.errors_km) / (len(self.errors_km) * math.log1p(MAX_ERROR_KM))

    def add(self, other: PlacesReport) -> None:
        """Count the documents of ``other`` (a report on other documents of the same corpus) in this one."""
        for f in fields(self):
            if f.name in ("corpus", "given_spans"):
                continue
            mine = getattr(self, f.name)
            if isinstance(mine, list):
                mine.extend(getattr(other, f.name))
            else:
                setattr(self, f.name, mine + getattr(other, f.name))

    def as_dict(self) -> dict:
        return {"corpus": self.corpus, "documents": self.documents, "gold": self.gold, "predicted": self.predicted,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "acc161": round(self.accuracy, 3), "acc161_recognised": round(self.accuracy_recognised, 3),
                "median_km": round(self.median_km, 1), "auc": round(self.auc, 3),
                "articles_per_s": round(self.documents / self.seconds, 1) if self.seconds else None,
                "given_spans": self.given_spans}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _error_km(resolution: Resolution | None, gold: dict) -> float:
    if resolution is None or resolution.place is None:
        return MAX_ERROR_KM
    place = resolution.place
    if gold.get("geonameid") and place.geonameid and int(gold["geonameid"]) == place.geonameid:
        return 0.0
    return haversine_km(place.lat, place.lon, float(gold["lat"]), float(gold["lon"]))


def evaluate_places(corpus: str | Path, *, given_spans: bool = False, limit: int | None = None) -> PlacesReport:
    """Run the geoparser over a corpus and score it; parsing time only is counted in articles/s."""
    return evaluate_places_parts(corpus, given_spans=given_spans, limit=limit)["all"]


def evaluate_places_parts(corpus: str | Path, part: Callable[[dict, int], str] | None = None, *,
                          given_spans: bool = False, limit: int | None = None) -> dict[str, PlacesReport]:
    """The report of the whole corpus (key ``"all"``) and, with ``part``, one for each part of it: ``part(document,
    index)`` names the part a document belongs to (e.g. a tuning and a held-back half). Each document is parsed
    once; the whole is exactly what :func:`evaluate_places` gives."""
    from geomap.pipeline import default_geoparser

    parser = default_geoparser()
    parser.gazetteer.names  # load outside the timed part  # noqa: B018
    name = Path(corpus).stem
    reports = {"all": PlacesReport(name, given_spans=given_spans)}
    with open(corpus, encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    if limit:
        docs = docs[:limit]
    for index, doc in enumerate(docs):
        scored = _score_document(parser, doc, PlacesReport(name, given_spans=given_spans))
        reports["all"].add(scored)
        if part is not None:
            reports.setdefault(part(doc, index), PlacesReport(name, given_spans=given_spans)).add(scored)
    return reports


def _score_document(parser, doc: dict, report: PlacesReport) -> PlacesReport:  # noqa: ANN001 - a Geoparser
    """One document parsed and scored into ``report`` (returned)."""
    given_spans = report.given_spans
    text = doc["text"]
    gold = [t for t in doc["toponyms"] if t.get("lat") is not None]
    unresolved = [(u["start"], u["end"]) for u in doc.get("unresolved", [])]
    started = time.perf_counter()
    if given_spans:
        predicted = parser.resolve_spans(text, [(t["start"], t["end"]) for t in gold])
    else:
        predicted = list(parser.parse(text).resolutions)
    report.seconds += time.perf_counter() - started
    report.documents += 1
    report.gold += len(gold)
    spans = [(r.mention.start, r.mention.end) for r in predicted]
    for span in spans:
        if any(_overlaps(span, (t["start"], t["end"])) for t in gold):
            report.predicted += 1
            report.true_positive += 1
        elif not any(_overlaps(span, u) for u in unresolved):
            report.predicted += 1
    for i, t in enumerate(gold):
        if given_spans:
            match = predicted[i]
        else:
            match = next((r for r in predicted if _overlaps((r.mention.start, r.mention.end),
                                                             (t["start"], t["end"]))), None)
        if match is not None:
            report.matched_gold += 1
            report.recognised += 1
        error = _error_km(match, t)
        report.errors_km.append(error)
        if error <= 161.0:
            report.right += 1
            report.right_recognised += match is not None
    return report


def format_places_report(report: PlacesReport) -> str:
    d = report.as_dict()
    head = "resolution on gold spans" if report.given_spans else "recognition + resolution"
    return (f"{d['corpus']} ({head}): {d['documents']} docs, {d['gold']} gold toponyms, {d['predicted']} predicted\n"
            f"  precision {d['precision']:.3f}  recall {d['recall']:.3f}  F1 {d['f1']:.3f}\n"
            f"  acc@161 {d['acc161']:.3f} (on recognised {d['acc161_recognised']:.3f})  median error "
            f"{d['median_km']:.1f} km  AUC {d['auc']:.3f}\n"
            f"  {d['articles_per_s']} articles/s")
