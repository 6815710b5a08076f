"""One incident per real event: merge the reports of one event from one or many articles.

Two reports are the same event when they have the same event type, stand at the same place (the same
GeoNames id, or within `km` kilometres, haversine) and have compatible dates: equal at day precision,
the same ISO week when either is only known to the week, the same month when either is only known to
the month, or one of them undated. Dated reports are grouped first; an undated report then joins the
one group it fits, and stays on its own when it fits none or several groups with different dates
(an undated "strike on Kharkiv" cannot say which of Monday's and Tuesday's strikes it was).

A merged incident keeps every quote, source and note (each once), the lowest fatality and injury
figures reported (DESIGN: the lowest figure), the most precise place and date, the most specific
sub-event type, the first actors named, and the event_id and evidence span of its earliest report
(earliest publication, then article id, then offset), so the id stays the same when later reports
join. The result is sorted by date (undated last), place name and event_id; it does not depend on
the order of the input, and merging merged incidents again changes nothing.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, TypeVar

from geomap import taxonomy
from geomap.dates import as_aware
from geomap.gazetteer import haversine_km  # one great-circle formula for the whole package
from geomap.model import Incident, SourceRef

_T = TypeVar("_T")

__all__ = ["merge_incidents", "same_event", "haversine_km", "dates_compatible"]

_GUESSED = "weapon not stated"  # note put on explosions whose sub-event type is a default


def _sub_rank(event_type: str, sub_event_type: str) -> float:
    """How informative a sub-event type is within its event type (lower wins; the taxonomy's merge_rank).

    Sub-event types without a rank (another event type's, or every one of an event type the table does not
    order) tie, and the earliest report's is kept."""
    if taxonomy.is_valid(event_type, sub_event_type):
        rank = taxonomy.merge_rank(event_type, sub_event_type)
        if rank is not None:
            return rank
    return math.inf


def dates_compatible(a: dt.date | None, pa: int, b: dt.date | None, pb: int) -> bool:
    """Whether two event dates can be one day: equal within the looser of the two precisions; None fits all."""
    if a is None or b is None:
        return True
    loose = max(pa, pb)
    if loose <= 1:
        return a == b
    if loose == 2:
        return a.isocalendar()[:2] == b.isocalendar()[:2]
    return (a.year, a.month) == (b.year, b.month)


def _same_place(a: Incident, b: Incident, km: float) -> bool:
    if a.place.geonameid is not None and a.place.geonameid == b.place.geonameid:
        return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        # a region and a town in it, or two regions, are different places unless they are the same entry
        if a.place.geonameid is not None and b.place.geonameid is not None:
            return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= km


def same_event(a: Incident, b: Incident, *, km: float = 10.0) -> bool:
    """Whether two reports can be the same event (type, place within `km`, compatible dates)."""
    return (a.event_type == b.event_type and _same_place(a, b, km)
            and dates_compatible(a.event_date, a.time_precision, b.event_date, b.time_precision))


_SortKey = tuple[Any, ...]


def _published_key(inc: Incident) -> _SortKey:
    stamps = [aware for s in inc.sources if (aware := as_aware(s.published)) is not None]
    first = min(stamps, default=None)
    ids = sorted(s.article_id for s in inc.sources)
    return (first is None, first or dt.datetime.min.replace(tzinfo=dt.timezone.utc), ids[:1],
            inc.evidence or (0, 0), inc.event_id)


def _input_key(inc: Incident) -> _SortKey:
    return (inc.event_date is None, inc.event_date or dt.date.max, inc.time_precision, inc.event_type,
            inc.place.geonameid or 0, round(inc.lat, 6), round(inc.lon, 6), _published_key(inc), inc.quotes,
            inc.sub_event_type)


_PlaceKey = tuple[int | None, bool, float, float]


def _place_key(inc: Incident) -> _PlaceKey:
    """What `_same_place` reads of a report: two reports with the same key match the same reports."""
    return inc.place.geonameid, inc.geo_precision == 3, inc.lat, inc.lon


class _Group:
    """The reports of one event so far, with what `accepts` needs kept small: the distinct places and the
    distinct (date, precision) pairs of its members (a report fits when it fits every member, so it is enough
    to check each distinct place and date once), and its best date."""

    __slots__ = ("members", "order", "places", "dates", "best")

    def __init__(self, first: Incident, order: int) -> None:
        self.members = [first]
        self.order = order  # creation order, for stable tie-breaks
        self.places: dict[_PlaceKey, Incident] = {}
        self.dates: set[tuple[dt.date, int]] = set()
        self.best: tuple[dt.date | None, int] = (None, 1)
        self._note(first)

    @property
    def head(self) -> Incident:
        return self.members[0]

    def _note(self, inc: Incident) -> None:
        self.places.setdefault(_place_key(inc), inc)
        if inc.event_date is not None:
            self.dates.add((inc.event_date, inc.time_precision))
            if self.best[0] is None or (inc.time_precision, inc.event_date) < (self.best[1], self.best[0]):
                self.best = (inc.event_date, inc.time_precision)

    def add(self, inc: Incident) -> None:
        self.members.append(inc)
        self._note(inc)

    def accepts(self, inc: Incident, km: float) -> bool:
        """Whether ``inc`` is the same event as every member (`same_event` with each), in O(distinct dates +
        distinct places) rather than O(members)."""
        if inc.event_type != self.head.event_type:
            return False
        d, p = inc.event_date, inc.time_precision
        if d is not None and not all(dates_compatible(md, mp, d, p) for md, mp in self.dates):
            return False
        return all(_same_place(m, inc, km) for m in self.places.values())


class _Cell:
    """The groups of one event type in one grid cell, those with a dated first report also by its month and its
    ISO week: a dated report can only join a group whose first report shares its month or its week."""

    __slots__ = ("by_month", "by_week", "dated", "undated")

    def __init__(self) -> None:
        self.by_month: dict[tuple[int, int], list[_Group]] = {}
        self.by_week: dict[tuple[int, int], list[_Group]] = {}
        self.dated: list[_Group] = []
        self.undated: list[_Group] = []

    def add(self, group: _Group) -> None:
        d = group.head.event_date
        if d is None:
            self.undated.append(group)
            return
        self.dated.append(group)
        self.by_month.setdefault((d.year, d.month), []).append(group)
        self.by_week.setdefault(d.isocalendar()[:2], []).append(group)

    def same_time(self, d: dt.date) -> Iterable[_Group]:
        yield from self.by_month.get((d.year, d.month), ())
        yield from self.by_week.get(d.isocalendar()[:2], ())
        yield from self.undated


class _GridIndex:
    """Groups by event type and a grid cell of their first report, so a report is compared only with groups
    that can be within `km` of it, and (when dated) only with those of its month or week."""

    def __init__(self, km: float) -> None:
        self.step = max(km, 1.0) / 111.0  # degrees of latitude per cell, at least one cell per km
        self.cells: dict[tuple[str, int, int], _Cell] = {}

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.step), math.floor(lon / self.step)

    def add(self, group: _Group) -> None:
        row, col = self._cell(group.head.lat, group.head.lon)
        key = (group.head.event_type, row, col)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = _Cell()
        cell.add(group)

    def near(self, inc: Incident) -> list[_Cell]:
        row, col = self._cell(inc.lat, inc.lon)
        # a degree of longitude shrinks with latitude: look as many columns out as `km` can span there
        cols = math.ceil(1 / max(math.cos(math.radians(min(abs(inc.lat) + self.step, 89.9))), 1e-3)) + 1
        found = (self.cells.get((inc.event_type, r, c)) for r in (row - 1, row, row + 1)
                 for c in range(col - cols, col + cols + 1))
        return [cell for cell in found if cell is not None]

    def fits(self, inc: Incident, km: float) -> list[_Group]:
        """The groups ``inc`` may join. An undated report fitting groups of two or more different dates may
        join only an undated group (which of those days was it? none of them)."""
        cells = self.near(inc)
        if inc.event_date is not None:
            seen: dict[int, _Group] = {}
            for cell in cells:
                for g in cell.same_time(inc.event_date):
                    seen.setdefault(g.order, g)
            return [g for g in seen.values() if g.accepts(inc, km)]
        # undated reports come last (the input is sorted so), so a group is dated iff its first report is
        undated = [g for cell in cells for g in cell.undated if g.accepts(inc, km)]
        days: set[tuple[dt.date | None, int]] = set()
        dated: list[_Group] = []
        for g in (g for cell in cells for g in cell.dated):
            if g.accepts(inc, km):
                dated.append(g)
                days.add(g.best)
                if len(days) > 1:
                    return undated
        return dated + undated


def merge_incidents(incidents: Iterable[Incident], *, km: float = 10.0) -> list[Incident]:
    """One incident per event (see the module docstring), sorted by date, place and event_id.

    Near-linear: after sorting, each report is checked against the candidate groups of its grid cells (same
    event type, within reach of `km`; when dated, only groups whose first report shares its month or ISO week),
    each check costing the group's distinct dates (at most 39: one day, seven days of a week, 31 of a month)
    plus its distinct points, never its number of members. 100,000 reports at one town merge in seconds
    (benchmarks/merge_scale.py, docs/throughput.md).
    """
    if not km >= 0:
        raise ValueError(f"km must be a distance of 0 or more, not {km!r}")
    items = sorted(incidents, key=_input_key)
    groups: list[_Group] = []
    index = _GridIndex(km)
    for inc in items:
        fits = index.fits(inc, km)
        if fits:
            target = min(fits, key=lambda g: (haversine_km(g.head.lat, g.head.lon, inc.lat, inc.lon), g.order))
            target.add(inc)
        else:
            group = _Group(inc, len(groups))
            groups.append(group)
            index.add(group)
    merged = [_combine(g.members) for g in groups]
    merged.sort(key=lambda i: (i.event_date is None, i.event_date or dt.date.max, i.location, i.event_id,
                               _input_key(i)))
    return merged


def _unique(values: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(values))


def _lowest(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def _combine(members: list[Incident]) -> Incident:
    if len(members) == 1:
        return members[0]
    by_age = sorted(members, key=_published_key)
    first = by_age[0]
    located = min(by_age, key=lambda m: m.geo_precision)  # stable: the earliest among the most precise
    dated = [m for m in by_age if m.event_date is not None]
    date, precision = (None, 1)
    if dated:
        best = min(dated, key=lambda m: (m.time_precision, m.event_date))
        date, precision = best.event_date, best.time_precision
    specific = [m for m in by_age if _GUESSED not in m.notes] or by_age
    sub = min(specific, key=lambda m: _sub_rank(first.event_type, m.sub_event_type)).sub_event_type
    sources: dict[tuple[str, str | None], SourceRef] = {}
    for m in by_age:
        for s in m.sources:
            sources.setdefault((s.article_id, s.url), s)
    notes = [n for m in by_age for n in m.notes if not (n == _GUESSED and sub != m.sub_event_type)]
    if any(m.sub_event_type != sub for m in by_age):
        notes += [f"also reported as {m.sub_event_type}" for m in by_age if m.sub_event_type != sub
                  and _GUESSED not in m.notes]
    # the first report naming an actor gives the pair; a second actor from the others if it names none
    actor1, actor2 = next(((m.actor1, m.actor2) for m in by_age if m.actor1), (None, None))
    if actor2 is None:
        others = [a for m in by_age for a in (m.actor1, m.actor2) if a and a != actor1]
        actor2 = others[0] if others else None
    return replace(
        first,
        sub_event_type=sub,
        place=located.place,
        location=located.location,
        geo_precision=located.geo_precision,
        mention_text=located.mention_text,
        event_date=date,
        time_precision=precision,
        fatalities=_lowest(m.fatalities for m in by_age),
        injured=_lowest(m.injured for m in by_age),
        actor1=actor1,
        actor2=actor2,
        quotes=_unique(q for m in by_age for q in m.quotes),
        sources=tuple(sources.values()),
        notes=_unique(notes),
        rules=_unique(r for m in by_age for r in m.rules),
    )
