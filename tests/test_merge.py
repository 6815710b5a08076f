"""geomap.merge: one incident per real event, across reports and articles."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.merge import dates_compatible, haversine_km, merge_incidents, same_event
from geomap.model import Place, SourceRef
from tests.conftest import build_incident

D = dt.date
UTC = dt.timezone.utc
KHARKIV = Place(706483, "Kharkiv", 49.98177, 36.25475, "UA", "city", "UA.07", "Kharkiv Oblast", 1421125, "PPLA")
# a point 5 km east of the centre, as another outlet's gazetteer might give it
KHARKIV_EAST = Place(None, "Kharkiv (east)", 49.98177, 36.32470, "UA", "city", "UA.07", "Kharkiv Oblast")
IZIUM = Place(707292, "Izium", 49.20697, 37.27679, "UA", "city", "UA.07", "Kharkiv Oblast", 45884)
DONETSK_OBLAST = Place(709716, "Donetsk Oblast", 48.0, 37.8, "UA", "admin1", "UA.05", "Donetsk Oblast", 0, "ADM1")
POKROVSK = Place(704422, "Pokrovsk", 48.28014, 37.17706, "UA", "city", "UA.05", "Donetsk Oblast", 60127)


def src(article_id: str, day: int = 19, hour: int = 9, url: str | None = None) -> SourceRef:
    return SourceRef(article_id, f"Report {article_id}", url or f"https://news.example.org/{article_id}",
                     "Example Wire", dt.datetime(2025, 11, day, hour, tzinfo=UTC))


def inc(article_id="a", place=KHARKIV, date=D(2025, 11, 18), **kw):
    kw.setdefault("sources", (src(article_id, kw.pop("published_day", 19), kw.pop("published_hour", 9)),))
    kw.setdefault("quotes", (f"Quote from {article_id}.",))
    kw.setdefault("event_id", f"UA-{article_id}")
    return build_incident(place=place, location=place.name, event_date=date, **kw)


def test_two_outlets_one_event():
    early = inc("wire", fatalities=3, injured=12, published_hour=7)
    late = inc("paper", fatalities=2, injured=None, published_hour=11)
    (merged,) = merge_incidents([late, early])
    assert merged.event_id == "UA-wire"  # the earliest report's id
    assert [s.article_id for s in merged.sources] == ["wire", "paper"]
    assert merged.quotes == ("Quote from wire.", "Quote from paper.")
    assert merged.source_count == 2
    assert (merged.fatalities, merged.injured) == (2, 12)  # the lowest figure of each


def test_zero_is_a_figure():
    (merged,) = merge_incidents([inc("a", fatalities=0), inc("b", fatalities=4)])
    assert merged.fatalities == 0


def test_nearby_place_merges_within_km():
    a, b = inc("a"), inc("b", place=KHARKIV_EAST)
    assert 4 < haversine_km(KHARKIV.lat, KHARKIV.lon, KHARKIV_EAST.lat, KHARKIV_EAST.lon) < 6
    assert len(merge_incidents([a, b])) == 1
    assert len(merge_incidents([a, b], km=2)) == 2
    assert merge_incidents([a, b])[0].place == KHARKIV  # the earliest among the most precise


def test_far_places_stay_apart_unless_km_allows():
    a, b = inc("a"), inc("b", place=IZIUM)
    assert len(merge_incidents([a, b])) == 2
    assert len(merge_incidents([a, b], km=200)) == 1


def test_region_and_town_in_it_stay_apart():
    a = inc("a", place=DONETSK_OBLAST, geo_precision=3)
    b = inc("b", place=POKROVSK)
    assert len(merge_incidents([a, b], km=500)) == 2


def test_best_precision_wins():
    a = inc("a", geo_precision=2, published_hour=7)
    b = inc("b", geo_precision=1)
    (merged,) = merge_incidents([a, b])
    assert merged.geo_precision == 1 and merged.event_id == "UA-a"


@pytest.mark.parametrize("change", [{"date": D(2025, 11, 17)},
                                    {"event_type": "Battles", "sub_event_type": "Armed clash"}])
def test_different_day_or_type_stays_apart(change):
    assert len(merge_incidents([inc("a"), inc("b", **change)])) == 2


def test_same_place_two_days_two_incidents_in_date_order():
    got = merge_incidents([inc("tue", date=D(2025, 11, 18)), inc("mon", date=D(2025, 11, 17))])
    assert [i.event_date for i in got] == [D(2025, 11, 17), D(2025, 11, 18)]


def test_undated_report_joins_the_one_dated_event():
    (merged,) = merge_incidents([inc("a", date=None), inc("b")])
    assert merged.event_date == D(2025, 11, 18) and merged.source_count == 2


def test_undated_report_cannot_choose_between_two_days():
    got = merge_incidents([inc("mon", date=D(2025, 11, 17)), inc("tue"), inc("undated", date=None)])
    assert len(got) == 3
    assert got[-1].event_date is None  # undated last


def test_undated_reports_merge_with_each_other():
    assert len(merge_incidents([inc("a", date=None), inc("b", date=None)])) == 1


def test_week_precision_merges_within_the_week_and_keeps_the_day():
    a = inc("a", date=D(2025, 11, 20), time_precision=2)
    b = inc("b", date=D(2025, 11, 18), time_precision=1)
    (merged,) = merge_incidents([a, b])
    assert (merged.event_date, merged.time_precision) == (D(2025, 11, 18), 1)
    c = inc("c", date=D(2025, 11, 25), time_precision=1)
    assert len(merge_incidents([a, c])) == 2


def test_month_precision():
    a = inc("a", date=D(2025, 10, 15), time_precision=3)
    assert len(merge_incidents([a, inc("b", date=D(2025, 10, 3))])) == 1
    assert len(merge_incidents([a, inc("b", date=D(2025, 11, 3))])) == 2


def test_specific_sub_event_type_wins():
    guess = inc("a", sub_event_type="Shelling/artillery/missile attack", notes=("weapon not stated",),
                published_hour=7)
    known = inc("b", sub_event_type="Air/drone strike")
    (merged,) = merge_incidents([guess, known])
    assert merged.sub_event_type == "Air/drone strike"
    assert "weapon not stated" not in merged.notes


def test_protest_with_intervention_beats_peaceful():
    a = inc("a", event_type="Protests", sub_event_type="Peaceful protest", published_hour=7)
    b = inc("b", event_type="Protests", sub_event_type="Protest with intervention")
    (merged,) = merge_incidents([a, b])
    assert merged.sub_event_type == "Protest with intervention"
    assert "also reported as Peaceful protest" in merged.notes


def test_actors_first_named():
    a = inc("a", actor1=None, actor2=None, published_hour=7)
    b = inc("b", actor1="Military Forces of Russia", actor2="Civilians (Ukraine)")
    (merged,) = merge_incidents([a, b])
    assert (merged.actor1, merged.actor2) == ("Military Forces of Russia", "Civilians (Ukraine)")


def test_actors_are_not_repeated():
    a = inc("a", actor1="Government of Turkey", actor2=None, published_hour=7)
    b = inc("b", actor1="Government of United States", actor2="Government of Turkey")
    c = inc("c", actor1="Government of Turkey", actor2=None)
    (merged,) = merge_incidents([a, b, c])
    assert (merged.actor1, merged.actor2) == ("Government of Turkey", "Government of United States")


def test_same_article_twice_is_one_source():
    a = inc("a")
    (merged,) = merge_incidents([a, a])
    assert merged.source_count == 1 and len(merged.sources) == 1 and merged.quotes == a.quotes


def test_same_report_from_two_urls_keeps_both():
    a = inc("a", sources=(src("a", url="https://one.example/x"),))
    b = inc("a", sources=(src("a", url="https://two.example/x"),))
    (merged,) = merge_incidents([a, b])
    assert {s.url for s in merged.sources} == {"https://one.example/x", "https://two.example/x"}


def test_empty_and_single():
    assert merge_incidents([]) == []
    a = inc("a")
    assert merge_incidents([a]) == [a]
    assert merge_incidents(iter([a])) == [a]


def test_bad_km():
    with pytest.raises(ValueError):
        merge_incidents([], km=-1)


def test_output_order_is_date_place_id():
    items = [inc("x", place=IZIUM), inc("y", date=None), inc("z", date=D(2025, 11, 1)), inc("w")]
    got = merge_incidents(items)
    assert [(i.event_date, i.location) for i in got] == [
        (D(2025, 11, 1), "Kharkiv"), (D(2025, 11, 18), "Izium"), (D(2025, 11, 18), "Kharkiv"), (None, "Kharkiv")]


@pytest.mark.parametrize(
    "a, pa, b, pb, ok",
    [
        (D(2025, 11, 18), 1, D(2025, 11, 18), 1, True),
        (D(2025, 11, 18), 1, D(2025, 11, 19), 1, False),
        (D(2025, 11, 17), 2, D(2025, 11, 23), 1, True),  # Monday and Sunday of one ISO week
        (D(2025, 11, 23), 2, D(2025, 11, 24), 1, False),
        (D(2025, 11, 1), 3, D(2025, 11, 30), 1, True),
        (None, 1, D(2025, 11, 30), 1, True),
    ],
)
def test_dates_compatible(a, pa, b, pb, ok):
    assert dates_compatible(a, pa, b, pb) is ok
    assert dates_compatible(b, pb, a, pa) is ok


def test_haversine():
    assert haversine_km(50.45466, 30.5238, 49.98177, 36.25475) == pytest.approx(410, abs=5)  # Kyiv-Kharkiv
    assert haversine_km(1, 2, 1, 2) == 0


def test_same_event_is_symmetric():
    a, b = inc("a"), inc("b", place=KHARKIV_EAST, date=None)
    assert same_event(a, b) and same_event(b, a)


# ------------------------------------------------------------------------------------------------ properties

_PLACES = [KHARKIV, KHARKIV_EAST, IZIUM, POKROVSK]
_DATES = [None, D(2025, 11, 17), D(2025, 11, 18), D(2025, 11, 20)]
_TYPES = [("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack")]

reports = st.builds(
    lambda n, place, date, prec, kind, fat, hour: inc(
        f"r{n}", place=place, date=date, time_precision=prec, event_type=kind[0], sub_event_type=kind[1],
        fatalities=fat, published_hour=hour, event_id=f"UA{n:04d}"),
    st.integers(0, 30), st.sampled_from(_PLACES), st.sampled_from(_DATES), st.sampled_from([1, 1, 2]),
    st.sampled_from(_TYPES), st.one_of(st.none(), st.integers(0, 9)), st.integers(0, 23),
)


def _canon(items):
    return [dataclasses.astuple(i) for i in items]


@settings(max_examples=200, deadline=None)
@given(st.lists(reports, max_size=12), st.randoms(use_true_random=False))
def test_merge_is_order_independent_and_idempotent(items, rnd: random.Random):
    once = merge_incidents(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert _canon(merge_incidents(shuffled)) == _canon(once)
    assert _canon(merge_incidents(once)) == _canon(once)
    # nothing is lost: every source, quote and the lowest figure survive
    assert {s.article_id for i in once for s in i.sources} == {s.article_id for i in items for s in i.sources}
    assert {q for i in once for q in i.quotes} == {q for i in items for q in i.quotes}
    known = [i.fatalities for i in items if i.fatalities is not None]
    if known:
        assert min(i.fatalities for i in once if i.fatalities is not None) == min(known)
    assert len(once) <= len(items)
    assert len({i.event_id for i in once}) == len(once) or len({i.event_id for i in items}) < len(items)


def _all_pairs_merge(incidents, km=10.0):
    """The merge by its definition: each report against every member of every group so far (quadratic)."""
    import geomap.merge as m

    def day(group):
        dated = [r for r in group if r.event_date is not None]
        best = min(dated, key=lambda r: (r.time_precision, r.event_date)) if dated else None
        return (best.event_date, best.time_precision) if best else (None, 1)

    groups: list[list] = []
    for report in sorted(incidents, key=m._input_key):
        fits = [k for k, g in enumerate(groups) if all(same_event(r, report, km=km) for r in g)]
        if report.event_date is None and len({day(groups[k]) for k in fits if day(groups[k])[0]}) > 1:
            fits = [k for k in fits if day(groups[k])[0] is None]
        if fits:
            head = lambda k: groups[k][0]  # noqa: E731
            groups[min(fits, key=lambda k: (haversine_km(head(k).lat, head(k).lon, report.lat, report.lon), k))
                   ].append(report)
        else:
            groups.append([report])
    merged = [m._combine(g) for g in groups]
    merged.sort(key=lambda i: (i.event_date is None, i.event_date or dt.date.max, i.location, i.event_id,
                               m._input_key(i)))
    return merged


_NEAR = [Place(None, f"p{n}", 48.0 + dlat, 37.5 + dlon, "UA", "city")
         for n, (dlat, dlon) in enumerate([(0, 0), (0.03, 0), (0, 0.05), (0.06, 0.06), (0.2, -0.1), (-0.3, 0.4)])]
_GAZ = [Place(700000 + n, f"g{n}", p.lat, p.lon, "UA", "city") for n, p in enumerate(_NEAR)]
_REGION = Place(709716, "Donetsk Oblast", 48.02, 37.52, "UA", "admin1", "UA.05", "Donetsk Oblast", 0, "ADM1")


def test_indexes_give_the_same_merge_as_comparing_every_pair(make_incident):
    """The grid, month/week buckets and per-group summaries are only shortcuts: the result equals the all-pairs
    merge on a dense random set (dates across a month's and a year's end, every precision, undated reports,
    gazetteer places, bare points and a region)."""
    rng = random.Random(7)
    types = ["Battles", "Explosions/Remote violence", "Protests"]
    incidents = []
    for n in range(600):
        place = rng.choice(_NEAR + _GAZ + [_REGION])
        day = dt.date(2025, 12, 20) + dt.timedelta(days=rng.randrange(20))  # across 31 Dec and ISO week 1
        precision = rng.choice([1, 1, 1, 2, 3])
        incidents.append(make_incident(event_id=f"e{n}", event_type=rng.choice(types), place=place,
                                       location=place.name, geo_precision=3 if place is _REGION else rng.choice(
                                           [1, 2]), event_date=day if n % 6 else None, time_precision=precision))
    fast = merge_incidents(incidents, km=10.0)
    assert _canon(fast) == _canon(_all_pairs_merge(incidents, km=10.0))
    assert 20 < len(fast) < len(incidents) / 2  # the set is dense enough that many reports merge


@settings(max_examples=150, deadline=None)
@given(st.lists(reports, max_size=14))
def test_merge_equals_the_all_pairs_definition(items):
    assert _canon(merge_incidents(items)) == _canon(_all_pairs_merge(items))


def test_many_reports_of_one_event_are_one_incident():
    """The case that was quadratic (every report a member of one group): all kept, one incident."""
    items = [inc(f"r{n}", published_hour=n % 24, fatalities=n % 7) for n in range(3000)]
    (merged,) = merge_incidents(items)
    assert merged.source_count == 3000 and merged.fatalities == 0
