"""Why each incident is what it is, as plain text for a person: ``geomap incidents --format text``.

One block per article (id, title, publication day), then one per incident it reports, unmerged: the event and
sub-event type and the words that chose it, the place (name, region, country, feature, coordinates, precision)
and why (the resolver's reason for the mention, the place notes), the date and its precision and why, the
fatalities and injured and why, the actors, and the quoted sentence(s). Every note lands under its prefix
(:data:`NOTE_GROUPS`); a note with no known prefix under "other".

Article text is untrusted: every string from it is printed with control characters (terminal escapes, bidi
overrides, line breaks) removed, see :func:`plain`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from geomap.dates import find_date_cues
from geomap.model import Article, Incident, Resolution

# (how a note starts, the group it is shown under); the first match wins
NOTE_GROUPS: tuple[tuple[str, str], ...] = (
    ("type:", "type"), ("weapon not stated", "type"), ("also reported as ", "type"),
    ("place:", "place"), ("date:", "date"),
    ("fatalities:", "casualties"), ("injured:", "casualties"), ("casualties ", "casualties"),
)
GROUPS: tuple[str, ...] = ("type", "place", "date", "casualties", "other")
GEO_PRECISION = {1: "the town itself", 2: "near a town or part of a region", 3: "region only"}
TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
# C0/C1 controls and DEL, and the invisible marks that reorder or hide text on a terminal
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]+")
_INDENT = " " * 16


def plain(text: str | None) -> str:
    """Text from an article made safe to print: every control character a space, runs of spaces one."""
    return " ".join(_UNSAFE.sub(" ", text or "").split())


def group_notes(notes: Iterable[str]) -> dict[str, list[str]]:
    """The notes by group (every one of :data:`GROUPS`, in that order), each note once, in their order."""
    groups: dict[str, list[str]] = {g: [] for g in GROUPS}
    for note in dict.fromkeys(notes):
        group = next((g for start, g in NOTE_GROUPS if note.startswith(start)), "other")
        groups[group].append(note)
    return groups


def _shown(notes: Iterable[str], group: str) -> list[str]:
    """Notes as shown under their group's label: plain, without the label repeated ("type: ...")."""
    return [plain(n[len(group) + 1:] if n.startswith(group + ":") else n) for n in notes]


def _resolution(inc: Incident, resolutions: Sequence[Resolution]) -> Resolution | None:
    """The resolved mention the incident's place came from: its surface form inside the quote first."""
    lo, hi = inc.evidence or (0, 0)

    def rank(r: Resolution) -> tuple[bool, bool, int]:
        inside = lo <= r.mention.start < hi
        return (not inside, r.place != inc.place, r.mention.start)

    same = [r for r in resolutions if r.mention.text == inc.mention_text and
            (r.place == inc.place or any(c.place == inc.place for c in r.candidates))]
    return min(same, key=rank, default=None)


def _place_lines(inc: Incident, resolutions: Sequence[Resolution], notes: list[str]) -> list[str]:
    p = inc.place
    where = ", ".join(plain(x) for x in (p.name, p.admin1, p.country_code) if x)
    lines = [f"{where} ({p.feature}) at {p.lat:.5f}, {p.lon:.5f}; precision {inc.geo_precision} "
             f"({GEO_PRECISION.get(inc.geo_precision, '?')})"]
    res = _resolution(inc, resolutions)
    if res is not None:
        chosen = "" if res.place == inc.place else \
            f" as {plain(res.place.name) if res.place else 'nothing'}; its {p.feature} candidate taken"
        lines.append(f"{plain(res.mention.text)!r} at {res.mention.start}-{res.mention.end} resolved{chosen}: "
                     f"{plain(res.reason) or 'no reason given'} (score {res.score:.3f})")
    elif inc.mention_text and not notes:
        lines.append(f"named as {plain(inc.mention_text)!r}")
    return lines + _shown(notes, "place")


def _date_lines(inc: Incident, published: dt.datetime | None, notes: list[str]) -> list[str]:
    if inc.event_date is None:
        return ["none", *(_shown(notes, "date") or ["no day stated (a plan, or a development in a long story)"])]
    head = f"{inc.event_date.isoformat()} (precision {inc.time_precision}: " \
           f"{TIME_PRECISION.get(inc.time_precision, '?')})"
    if notes:
        return [head, *_shown(notes, "date")]
    # no note: the date came from a date phrase in the sentence; find it again to show it
    pub = f" against the publication day {published.date().isoformat()}" if published else ""
    for quote in inc.quotes:
        for cue in find_date_cues(quote, published):
            if cue.date == inc.event_date and not cue.speech:
                return [head, f"{plain(cue.text)!r} in the quote,{pub}"]
    return [head, "a date phrase in the quote (not recorded)"]


def _casualty_lines(inc: Incident, notes: list[str]) -> list[str]:
    def figure(value: int | None) -> str:
        return "not stated" if value is None else str(value)

    head = f"fatalities {figure(inc.fatalities)}, injured {figure(inc.injured)}"
    stated = inc.fatalities is not None or inc.injured is not None
    why = _shown(notes, "casualties") or (["as the quote states them (the lowest where several are given)"]
                                          if stated else [])
    return [head, *why]


def explain_incident(inc: Incident, resolutions: Sequence[Resolution] = (),
                     published: dt.datetime | None = None) -> str:
    """One incident's block of text (lines end with a newline); ``resolutions`` are its article's."""
    groups = group_notes(inc.notes)
    if published is None and inc.sources:
        published = inc.sources[0].published
    rows: list[tuple[str, list[str]]] = [
        ("type", [f"{inc.event_type} / {inc.sub_event_type}", *_shown(groups["type"], "type")]),
        ("place", _place_lines(inc, resolutions, groups["place"])),
        ("date", _date_lines(inc, published, groups["date"])),
        ("casualties", _casualty_lines(inc, groups["casualties"])),
        ("actors", [" / ".join(plain(a) if a else "-" for a in (inc.actor1, inc.actor2))]),
    ]
    if groups["other"]:
        rows.append(("other", _shown(groups["other"], "other")))
    if inc.rules:
        rows.append(("rules", [", ".join(inc.rules)]))
    rows.append(("quote", [f'"{plain(q)}"' for q in inc.quotes] or ["none"]))
    out = [f"  {inc.event_id}\n"]
    for label, lines in rows:
        out += [f"    {label + ':':<12}{line}\n" if i == 0 else f"{_INDENT}{line}\n" for i, line in enumerate(lines)]
    return "".join(out)


def explain_article(article: Article, incidents: Sequence[Incident],
                    resolutions: Sequence[Resolution] = ()) -> str:
    """The article's header line and the block of each incident it reports, then a blank line."""
    title = f": {plain(article.title)}" if article.title else ""
    day = f" (published {article.published.date().isoformat()})" if article.published else ""
    count = f"{len(incidents)} incident{'' if len(incidents) == 1 else 's'}"
    blocks = [explain_incident(inc, resolutions, article.published) for inc in incidents]
    return f"article {plain(article.id)}{title}{day}: {count}\n" + "".join(blocks) + "\n"
