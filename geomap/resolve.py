"""Choose one gazetteer place per mention, using population, feature type and the article's own context.

Scoring, per candidate: the gazetteer prior (log population, feature type, capital status); a bonus when the
mention is the place's own current name; explicit qualifiers ("Paris, Texas", "Berestyn, in the Kharkiv region");
the countries the article names (places and demonyms, and the dateline); and, in a second pass, agreement with the
places chosen for the article's other mentions (same country, same region, within 150 km).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from geomap.forms import source_labels_start
from geomap.grammar import pattern
from geomap.gazetteer import NAME_MATCH_BONUS, Gazetteer, haversine_km, is_minor_form, prior
from geomap.model import Candidate, Mention, Place, Resolution
from geomap.names import SPELLING_COUNTRIES, normalize, spelling_variants

MAX_CANDIDATES = 40
_REGION_FEATURES = frozenset({"admin1", "admin2", "region"})
# between a place and the place that contains it: "Paris, Texas", "Berestyn, in the Kharkiv region",
# "Kupiansk, a city in Kharkiv Oblast", "Aurora is a city in Hamilton County", "Delta is a borough in York County",
# "Hartford is a New England town in Windsor County in the state of Vermont"; an admin chain in parentheses, its
# items the gazetteer lacks passed over: "Muse town (Muse Township, Shan State)", "Karari (Karrari, Khartoum)"
# (group "kind": the gap says what kind of place the first one is; "own": a kind word right after its name, the two
# not one name in the gazetteer; "paren": the chain opens a parenthesis)
_KIND_AFTER_NAME = r"\s+(?i:(?P<own>town|township|village|city|district|raion|territory|commune|municipality))"
_QUALIFIER_GAP = re.compile(r"^(?:" + _KIND_AFTER_NAME + r")?"
                            r"(?:,\s*|(?P<paren>\s*\(\s*(?:[^(),;]{1,40}?,\s*)*)|,?\s+in\s+(?:the\s+)?|"
                            r",?\s+(?:is\s+|was\s+)?(?:an?|the)\s+(?:[\w'-]+\s+){0,3}?"
                            r"(?P<kind>city|town|village|hamlet|township|settlement|community|suburb|district|county|"
                            r"borough|municipality|place|locality|commune|parish|neighbou?rhood|capital|seat)"
                            r"\s+(?:located\s+)?(?:in|of)\s+(?:the\s+)?)"
                            r"(?:(?:state|province|county|region|commonwealth|island|department|prefecture)\s+of\s+"
                            r"(?:the\s+)?)?$")


def _bare_comma(gap: re.Match[str]) -> bool:
    """A gap of a comma alone may be a list's ("Georgia, Ukraine"), not a qualifier's."""
    return gap.group().strip() == ","


# "parts of Donetsk", "across Kherson": a bare name used for an area takes the region sense the text set up.
# ("a residential area of Kherson" is a part of the city: an area qualified so is a town's)
_AREA_OF = re.compile(r"(?:\b(?:parts?|rest|more|much|all|most|(?<!residential )(?<!industrial )(?<!commercial )"
                      r"(?<!central )(?<!civilian )(?<!populated )(?<!urban )(?<!business )(?<!port )(?<!market )"
                      r"areas?|swaths?|corners?) of|\bacross|\bthroughout)\s+(?:the\s+)?$", re.IGNORECASE)


def _area_before(text: str, start: int) -> bool:
    """``_AREA_OF`` right before ``start``; most mentions have none of its words in reach, so no search."""
    before = text[max(0, start - 24):start]
    low = before.lower()  # "of", "acro", "throughout": no letter of these folds from another one under IGNORECASE
    return ("of" in low or "acro" in low or "throughout" in low) and _AREA_OF.search(before) is not None


# between the items of a list: "A, B and C", "A, B, or C", "A and B"
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
_SPREAD_CANDIDATES = 25
_SPREAD_MAX_REGIONS = 5
_SPREAD_PRIOR_GAP = 3.0
_SPREAD_WEIGHT = 1.5
_NAMED_REGION_WEIGHT = 1.5
_COUNTRY_WEIGHT = 1.2
_MENTIONED_COUNTRY_WEIGHT = 1.2
_CONTAINER_WEIGHT = 1.6
_REGION_WEIGHT = 0.8
_SIBLING_WEIGHT = 1.5
_BIG_TOWN = 100_000
_NEAR_WEIGHT = 0.6
_NEAR_KM = 150.0
_QUALIFIER_WEIGHT = 4.0  # "Paris, Texas": for the place qualified, and for the qualifier's containing sense
_SAME_TOWN_KM = 30.0
_PAIR_WEIGHT = 1.5
_PAIR_KM = 40.0
# the most _Context can add to a candidate of each kind: same country, same region (or, for a region, its towns
# named), nearness (towns only), sibling regions (first-level regions only)
_MAX_CONTEXT = {"admin1": _COUNTRY_WEIGHT + _CONTAINER_WEIGHT + 2 * _SIBLING_WEIGHT,
                "city": _COUNTRY_WEIGHT + _REGION_WEIGHT + _NEAR_WEIGHT,
                "admin2": _COUNTRY_WEIGHT + _REGION_WEIGHT + _NEAR_WEIGHT}
_MAX_OTHER = _COUNTRY_WEIGHT + _REGION_WEIGHT


# Words that name no place on their own inside a longer name ("Birmingham City", "Capitol Hill").
_NOT_PLACES_ALONE = frozenset("""
city state county university college institute academy school hospital center centre court street road avenue
square park hall station airport cathedral church tower house bridge river lake north south east west central
eastern western northern southern upper lower greater new old saint st mount port fort
""".split())

_DEMONYM_SUFFIXES = (("ians", "ia"), ("ians", ""), ("ans", "a"), ("ans", ""), ("ian", "ia"), ("ian", ""),
                     ("an", "a"), ("an", ""), ("n", ""), ("ese", ""), ("ese", "a"), ("is", ""), ("i", ""),
                     ("ish", ""), ("ish", "ey"), ("s", ""))


def _filtered(mention: Mention, found: Sequence[tuple[Place, str]]) -> list[tuple[Place, str]]:
    letters = [c for c in mention.text if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    dotted = mention.text.endswith(".")
    if dotted and any(k == "apabbr" for _p, k in found):
        return [(p, k) for p, k in found if k == "apabbr"]
    # "DC" is also written "D.C.": two capitals may be the AP form without its dots
    postal = all_caps and len(letters) == 2
    keep = [(p, k) for p, k in found if (k != "abbr" or all_caps) and (k != "apabbr" or postal)]
    # a country's own name means the country, not the places inside it that also go by it ("Mexico" is not
    # Mexico City, "Kuwait" not Kuwait City); a hint ("Mexico City", "the city of ...") still decides
    named = {p.country_code for p, k in keep if p.feature == "country" and k == "name"}
    if named and not mention.hint:
        # nor the small towns elsewhere that have it among their other names ("Lebanon" is not Platteville, Wis.)
        keep = [(p, k) for p, k in keep if k != "alt" or p.feature == "country"
                or (p.country_code not in named and p.population >= _BIG_TOWN)]
    if mention.hint == "region":
        regional = [(p, k) for p, k in keep if p.feature in _REGION_FEATURES]
        keep = regional or keep
    elif mention.hint == "city":
        towns = [(p, k) for p, k in keep if p.feature == "city"]
        keep = towns or keep
    return keep[:MAX_CANDIDATES]


def _inside(place: Place, container: Place) -> bool:
    """Whether ``place`` lies in ``container`` (a country, a region; a county, for a town of its region: the index
    does not say which county a town is in)."""
    if container.feature == "country":
        return place.country_code == container.country_code and place is not container
    if container.feature == "admin1":
        return place.admin1_code == container.admin1_code and place.feature != "admin1"
    if container.feature == "admin2":
        return place.admin1_code == container.admin1_code and place.feature == "city"
    if container.feature == "region" and container.country_code:
        # a region of our own table lies in one country, or in one first-level region of it (Puntland, Long
        # Island); the index does not say which of its towns and regions it holds: all of that country or region
        if container.admin1_code:
            return place.admin1_code == container.admin1_code and place.feature in ("city", "admin2")
        return place.country_code == container.country_code and place.feature in ("city", "admin2", "admin1")
    return False


def _is_container(place: Place) -> bool:
    """A place that can qualify another: a country, a first-level region, a region of one country."""
    return place.feature in ("country", "admin1") or place.feature == "region" and place.country_code is not None


def _province_after_comma(gap: str, area: Place, options: list[tuple[Place, str]]) -> bool:
    """A state or province after a bare comma qualifies a town's name ("Stroud, Ontario"), unless the name could be
    a region or has places in that country (then the comma may be a list's)."""
    return gap.startswith(",") and area.feature == "admin1" and all(
        p.country_code != area.country_code and p.feature in ("city", "admin2") for p, _k in options)


_MILLION_TOWN = 1_000_000


def _well_known_reading(place: Place, options: Sequence[tuple[Place, str]]) -> bool:
    """A big town read by its own name ("Moscow", "Washington"), a city of millions by any of its names ("New
    York"): "in" after it joins other things ("the role of Moscow in Idlib"), so no region after it moves it."""
    return place.population >= _MILLION_TOWN or place.population >= _BIG_TOWN and any(
        p is place and k == "name" for p, k in options)


def _placed_by_gap(gap: re.Match[str], area: Place, options: list[tuple[Place, str]], chosen: Place | None) -> bool:
    """Whether a qualifier gap puts a name in ``area`` firmly enough to place it there when the gazetteer has no
    place of the name inside: a gap that says what kind of place it is ("a town in", "Muse town (Muse Township,
    Shan State)"); a bare comma only before a state or province (see ``_province_after_comma``); "in" or a
    parenthesis only before a first-level region, for a name read as a lesser town ("Boni in the Mopti region",
    "Karari (Karrari, Khartoum)"): "in" joins other things too ("the Embassy of Ukraine in Nigeria")."""
    if gap["kind"] is not None:
        return True
    if gap.group().startswith(","):
        return _province_after_comma(gap.group(), area, options)
    if chosen is None or chosen.feature not in ("city", "admin2") or _well_known_reading(chosen, options):
        return False
    return gap["own"] is not None or area.feature in ("admin1", "region")


# "the city's Shevchenkivskyi district", "the region's Kupiansk district": a part of the last place of that kind
_PART_OF_BEFORE = re.compile(r"\bthe\s+(city|town|village|region|oblast|province|state|country)['’]s\s+$",
                             re.IGNORECASE)
_PART_OF_KINDS = {"city": "city", "town": "city", "village": "city", "region": "admin1", "oblast": "admin1",
                  "province": "admin1", "state": "admin1", "country": "country"}


def _parts_of_places_named(text: str, mentions: Sequence[Mention],
                           resolved: list[Resolution]) -> list[tuple[int, Place]]:
    """(mention, place) for each name the text gives as a part of a place it named before: "the city's
    Shevchenkivskyi district" (the last town named), "Kharkiv's Kyivskyi district" (the name right before)."""
    found = []
    for i in range(1, len(mentions)):
        if mentions[i].hint == "demonym" or resolved[i].place is None:
            continue
        start = mentions[i].start
        if text[mentions[i - 1].end:start] in ("'s ", "’s ") and mentions[i - 1].hint != "demonym":
            area = resolved[i - 1].place
            if area is not None and (_is_container(area) or area.feature in ("city", "admin2")):
                found.append((i, area))
            continue
        if "'s" not in text[max(0, start - 4):start] and "’s" not in text[max(0, start - 4):start]:
            continue  # most names: no possessive right before
        kind = _PART_OF_BEFORE.search(text, max(0, start - 30), start)
        if kind is None:
            continue
        feature = _PART_OF_KINDS[kind.group(1).lower()]
        area = next((r.place for r in reversed(resolved[:i])
                     if r.place is not None and r.place.feature == feature and r.mention.hint != "demonym"), None)
        if area is not None:
            found.append((i, area))
    return found


def _within(place: Place, area: Place) -> bool:
    """``_inside``, and for a town: within a few kilometres of it (its districts)."""
    if area.feature == "city":
        return place is not area and place.feature == "city" and \
            haversine_km(place.lat, place.lon, area.lat, area.lon) <= _SAME_TOWN_KM
    return _inside(place, area)


def _placed_in(resolution: Resolution, areas: Sequence[Place], scored: Sequence[tuple[Place, float]],
               why: str) -> Resolution:
    """The mention's best candidate in the first of ``areas`` that holds one, else the first area itself,
    approximately; unchanged when its place is there already. ``why`` ends the reason ("as the text says")."""
    place, mention = resolution.place, resolution.mention
    if place is None or any(place is area or _within(place, area) for area in areas):
        return resolution
    best = next(((p, area) for area in areas for p, _s in scored if _within(p, area)), None)
    if best is not None:
        return Resolution(mention, best[0], resolution.candidates, 0.5, f"the candidate in {best[1].name}, {why}")
    return Resolution(mention, areas[0], resolution.candidates, 0.3,
                      f"approximate: no {mention.text!r} in the gazetteer's {areas[0].name}, placed there {why}")


def _in_lists(text: str, mentions: Sequence[Mention], resolved: Sequence[Resolution]) -> set[int]:
    """The mentions that are items of a list: of three names or more, or of two joined by "and"/"or" ("Zaire,
    Bundibugyo, Côte d'Ivoire and Sudan strains"), or by a bare comma unless the second may contain the first
    ("Boni, Mali" is a place and its qualifier; "Zaire, Bundibugyo" a list)."""
    found: set[int] = set()
    start = 0
    while start < len(mentions):
        end = start + 1
        while end < len(mentions) and _LIST_GAP.match(text[mentions[end - 1].end:mentions[end].start]):
            end += 1
        if end - start >= 3 or end - start == 2 and (
                text[mentions[start].end:mentions[start + 1].start].strip(" ,")
                or (nxt := resolved[start + 1].place) is None or not _is_container(nxt)):
            found.update(range(start, end))
        start = end
    return found


_OF_OR_IN_BEFORE = re.compile(r"\b(?:of|in|to|from|at)\s+$")  # "the army of Mali said": Mali still places things


@functools.lru_cache(maxsize=1)
def _owner_after() -> re.Pattern[str]:
    """A country named as who acts or owns ("a US airstrike", "UK officials"), which says nothing of where."""
    return re.compile(r"[\s-]+(?:" + pattern("owner_noun") + ")", re.I)


def _keep_to_named_countries(text: str, mentions: Sequence[Mention], names: Sequence[_Name],
                             qualifiers: dict[int, list[Place]], resolved: list[Resolution],
                             scored: list[list[tuple[Place, float]]], known: set[str]) -> list[Resolution]:
    """A lesser place never lands in a country the text gives no reason for while it names a country or region
    elsewhere: "Boni" in a text about Mali is not Bonn, "Muse" beside "Shan State" not Muse, Pennsylvania. The
    reasons for a country: the text's other places in it (not the name's own mentions) and the regions its other
    names could be read as ("Georgia" the state, for Albany), its peoples named, its dateline. Such a place takes
    its candidate in a region or country the text names, else that region or country itself, approximately (the
    nearest named in the text; the region of a country named, where the text names one). A big town read by its
    own name, a capital, a name the text qualifies and an item of a list ("Zaire, Bundibugyo, Côte d'Ivoire and
    Sudan") keep their place."""
    labels = source_labels_start(text)  # "... (Times of Israel)": an outlet's name places nothing
    anchors = [(m.start, r.place) for m, r in zip(mentions, resolved) if r.place is not None and
               m.hint != "demonym" and _is_container(r.place) and not r.reason.startswith("approximate")
               and m.start < labels
               and not (r.place.feature == "country" and _owner_after().match(text, m.end)
                        and not _OF_OR_IN_BEFORE.search(text, max(0, m.start - 6), m.start))]
    if not anchors:
        return resolved
    places: dict[str, set[str]] = {}  # country -> the names that place something there
    for m, r in zip(mentions, resolved):
        if r.place is not None and r.place.country_code:
            places.setdefault(r.place.country_code, set()).add(normalize(m.text))
    strays = [i for i, (m, r) in enumerate(zip(mentions, resolved))
              if r.place is not None and r.place.feature in ("city", "admin2") and r.place.country_code not in known
              and not places.get(r.place.country_code or "", set()) - {normalize(m.text)}
              and m.hint != "demonym" and i not in qualifiers and not r.reason.startswith("approximate")
              and r.place.feature_code != "PPLC" and not (r.place.feature_code == "PPLA" and
                                                          r.place.population >= _BIG_TOWN)
              and not _well_known_reading(r.place, names[i].options)]
    if not strays:
        return resolved  # most texts: every place in a country the text gives reason for
    listed = _in_lists(text, mentions, resolved)
    result = list(resolved)
    for i in strays:
        m, r = mentions[i], resolved[i]
        region, key = r.place.admin1_code if r.place is not None else None, normalize(m.text)
        if i in listed or region and any(region in name.regions and normalize(other.text) != key
                                         for other, name in zip(mentions, names) if other.hint != "demonym"):
            continue
        # regions before countries, the nearest named first; the nearest's country, or a region named in it, is
        # where the name goes when it has no candidate in any
        nearest = [a for _s, a in sorted(anchors, key=lambda a: abs(a[0] - m.start))]
        areas = [a for a in nearest if a.feature != "country"] + [a for a in nearest if a.feature == "country"]
        home = next(a for a in areas if a.country_code == nearest[0].country_code)
        result[i] = _placed_in(r, [home, *(a for a in areas if a is not home)], scored[i],
                               "as the text names it, and no country of the name's other places")
    return result


_COUNTY_WORDS = (" County", " Parish", " Borough")


def _bare_names_of_named_counties(resolved: list[Resolution]) -> list[Resolution]:
    """"the Suffolk Times" in a text about Suffolk County, N.Y., is the county, not Suffolk, Virginia: a bare
    name that the text also gives as a county's, read as a small town in another state, is the county."""
    counties: dict[str, set[Place]] = {}
    for r in resolved:
        if r.place is not None and r.place.feature == "admin2" and r.mention.text.endswith(_COUNTY_WORDS):
            counties.setdefault(normalize(r.mention.text.rsplit(" ", 1)[0]), set()).add(r.place)
    if not counties:
        return resolved
    result = []
    for r in resolved:
        county = counties.get(normalize(r.mention.text), ())
        place = r.place
        if len(county) == 1 and place is not None and place.feature == "city" and place.population < _BIG_TOWN \
                and place.feature_code not in ("PPLC", "PPLA"):
            (named,) = county
            if place.admin1_code != named.admin1_code:
                r = Resolution(r.mention, named, r.candidates, r.score,
                               f"the county the text names ({named.name}), not a small town elsewhere")
        result.append(r)
    return result


class _Context:
    """The places chosen so far for an article, summarised for fast support look-ups."""

    def __init__(self, chosen: Sequence[Place]) -> None:
        self.places = set(chosen)
        self.countries = Counter(p.country_code for p in self.places if p.feature != "country")
        self.regions = Counter(p.admin1_code for p in self.places if p.admin1_code)
        self.sibling_regions = Counter(p.country_code for p in self.places if p.feature == "admin1")
        self.points = [(p.lat, p.lon, id(p)) for p in self.places if p.feature in ("city", "admin2")]
        self._cache: dict[int, float] = {}

    def siblings(self, place: Place) -> float:
        """A text that names several states or provinces of a country names them, not their small namesakes
        ("California" beside "Missouri" and "Oregon" is the state, not California, Missouri)."""
        if place.feature != "admin1":
            return 0.0
        return _SIBLING_WEIGHT * min(self.sibling_regions.get(place.country_code, 0) - (place in self.places), 2)

    def support(self, place: Place, namesake: bool = False) -> float:
        """Bonus from the article's *other* places: same country, same region, within 150 km. A ``namesake``
        (a town named like another region of its country, "Wales" in England) gets nothing for its region."""
        cached = None if namesake else self._cache.get(id(place))
        if cached is not None:
            return cached
        own = place in self.places
        same_country = self.countries.get(place.country_code, 0) - (own and place.feature != "country")
        same_region = self.regions.get(place.admin1_code, 0) - own if place.admin1_code else 0
        near = False
        if place.feature in ("city", "admin2"):
            lat, lon, me = place.lat, place.lon, id(place)
            for plat, plon, pid in self.points:
                if pid != me and abs(plat - lat) < 1.4 and abs(plon - lon) < 3.0 and \
                        haversine_km(lat, lon, plat, plon) <= _NEAR_KM:
                    near = True
                    break
        bonus = _COUNTRY_WEIGHT * 0.5 * min(same_country, 2)
        if same_region > 0 and not namesake:  # a region whose towns the text names is likely the region meant
            bonus += _CONTAINER_WEIGHT if place.feature == "admin1" else _REGION_WEIGHT  # ("Atlanta" -> Georgia)
        bonus += _NEAR_WEIGHT if near else 0.0
        if not namesake:
            self._cache[id(place)] = bonus
        return bonus


_PRIORS: dict[int, tuple[Place, float]] = {}


def _prior(place: Place) -> float:
    """The gazetteer prior, memoised by object identity (candidates are long-lived cached objects)."""
    hit = _PRIORS.get(id(place))
    if hit is not None and hit[0] is place:
        return hit[1]
    if len(_PRIORS) > 500_000:
        _PRIORS.clear()
    value = prior(place)
    _PRIORS[id(place)] = (place, value)
    return value


_NO_SHARES: dict[str, float] = {}


def _shares(opts: Sequence[tuple[Place, str]]) -> dict[str, float] | None:
    """The regions a name lends ``_Spread`` weight to, and how much to each; None when it lends none."""
    if not opts:
        return None
    best = max(_prior(p) for p, _k in opts)
    # only candidates a reader might mean: "Russia" lends nothing to Russia, Ohio (a village)
    codes = {p.admin1_code for p, _k in opts[:_SPREAD_CANDIDATES]
             if p.admin1_code and p.feature != "country" and _prior(p) >= best - _SPREAD_PRIOR_GAP}
    if len(codes) > _SPREAD_MAX_REGIONS:  # a name found in many regions says nothing about any of them
        return None
    return {code: 1.0 / len(codes) for code in codes}


class _Name(NamedTuple):
    """What a name's candidates give whatever the article: kept as long as the name is seen often."""

    options: list[tuple[Place, str]]  # shared between articles: never changed
    static: list[float]  # per option: the prior, and the bonus for the place's own name
    shares: dict[str, float] | None  # see ``_shares``
    big_town: frozenset  # the countries where one of its places is a town of 100,000 or more
    source: tuple = ()  # (key, the gazetteer's candidates for it) for each key read, as they were then
    local: dict = {}  # region code -> its towns and counties among the candidates, for ``_paired_candidates``
    namesakes: frozenset = frozenset()  # ids of its towns named like another region of their country ("Wales")
    regions: frozenset = frozenset()  # the first-level regions of its first candidates (``_keep_to_named_countries``)


def _name(options: list[tuple[Place, str]], source: tuple = ()) -> _Name:
    static = [_prior(place) + (NAME_MATCH_BONUS * (0.5 if place.feature == "admin1" else 1.0)
                               if kind == "name" else 0.0) for place, kind in options]
    big_town = frozenset(p.country_code for p, _k in options if p.feature == "city" and p.population >= _BIG_TOWN)
    local: dict[str, list[Place]] = {}
    for p, _k in options[:_SPREAD_CANDIDATES]:
        if p.admin1_code and p.feature in ("city", "admin2"):
            local.setdefault(p.admin1_code, []).append(p)
    regions = [p for p, _k in options if p.feature == "admin1"]
    namesakes = frozenset(id(p) for p, _k in options if p.feature != "admin1" and any(
        r.country_code == p.country_code and r.admin1_code != p.admin1_code for r in regions))
    regions_read = frozenset(p.admin1_code for p, _k in options[:_SPREAD_CANDIDATES] if p.admin1_code)
    return _Name(options, static, _shares(options), big_town, source, local, namesakes, regions_read)


class _Spread:
    """Soft evidence from every candidate of the article's other names, before any is chosen.

    A name with candidates in one region only (an unambiguous "Henry County" in Tennessee) lends that region its
    full weight; an ambiguous name ("Springfield", in dozens of states) lends each region a small share. So places
    that fit together ("Paris" and "Henry County", both in Tennessee) pull each other up.
    """

    def __init__(self, mentions: Sequence[Mention], names: Sequence[_Name],
                 named_regions: set[str | None] | None = None) -> None:
        self.named_regions = named_regions or set()
        self.regions: dict[str, dict[str, float]] = {}
        for mention, name in zip(mentions, names):
            key = normalize(mention.text)
            if name.shares is not None and key not in self.regions:
                self.regions[key] = name.shares
        self.totals: Counter[str] = Counter()
        for shares in self.regions.values():
            self.totals.update(shares)
        self.paired = _paired_candidates(mentions, names)

    def support(self, key: str, place: Place, region_named: bool = False) -> float:
        """``region_named``: the name itself names another first-level region of the place's country ("Wales"
        beside "England" is Wales, not the village of Wales in England), so a region named in the text lends
        that namesake town nothing."""
        if not place.admin1_code or place.feature == "country":
            return 0.0
        own = self.regions.get(key, _NO_SHARES).get(place.admin1_code, 0.0)
        named = _NAMED_REGION_WEIGHT if place.feature != "admin1" and not region_named \
            and place.admin1_code in self.named_regions else 0.0
        paired = _PAIR_WEIGHT if id(place) in self.paired else 0.0
        return named + paired + _SPREAD_WEIGHT * min(self.totals.get(place.admin1_code, 0) - own, 2.0)


def _paired_candidates(mentions: Sequence[Mention], names: Sequence[_Name]) -> set[int]:
    """Towns and counties that lie within a few kilometres of a candidate of *another* name of the text, in the
    same region: "Paris" and "Henry County" fit together in Tennessee, whatever else each could be."""
    first: dict[str, _Name] = {}
    for mention, name in zip(mentions, names):
        first.setdefault(normalize(mention.text), name)
    # a pair needs two names in one region
    shared = Counter(code for name in first.values() for code in name.local)
    by_region: dict[str, list[tuple[str, Place]]] = {}
    for key, name in first.items():
        for code, places in name.local.items():
            if shared[code] > 1:
                by_region.setdefault(code, []).extend((key, place) for place in places)
    paired: set[int] = set()
    for members in by_region.values():
        members.sort(key=lambda member: member[1].lat)
        for i, (key, place) in enumerate(members):
            for j in range(i + 1, len(members)):
                other_key, other = members[j]
                if other.lat - place.lat > _PAIR_KM / 111.0:
                    break  # sorted by latitude: every later one is farther north still
                if other_key != key and other.name != place.name \
                        and haversine_km(place.lat, place.lon, other.lat, other.lon) <= _PAIR_KM:
                    paired.add(id(place))
                    paired.add(id(other))
    return paired


def _containing(mentions: Sequence[Mention], options: list[list[tuple[Place, str]]],
                qualifiers: dict[int, list[Place]]) -> dict[int, list[Place]]:
    """For a name that qualifies the one before it, the senses that contain that one: "New York" in "Buffalo,
    New York" is the state. Not where its own town is the place's town ("Queens, New York" is the city)."""
    found: dict[int, list[Place]] = {}
    for i, containers in qualifiers.items():
        if i + 1 >= len(mentions) or normalize(mentions[i].text) == normalize(mentions[i + 1].text):
            continue
        inner = [p for p, _k in options[i] if any(_inside(p, c) for c in containers)]
        if not inner or any(town.feature == "city" and any(
                haversine_km(town.lat, town.lon, p.lat, p.lon) <= _SAME_TOWN_KM for p in inner)
                for town, _k in options[i + 1][:3]):
            continue
        found[i + 1] = [c for c in containers if any(_inside(p, c) for p in inner)]
    return found


class Resolver:
    """Callable: ``Resolver(gazetteer)(text, mentions, demonym_countries) -> [Resolution]``, same order."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._common: frozenset[str] | None = None
        # a name's candidates do not depend on the article (only a name the gazetteer lacks looks at the others)
        self._known_name = functools.lru_cache(maxsize=32_768)(self._name_by_text)

    def _name_by_text(self, text: str, hint: str | None) -> _Name | None:
        """The candidates of a name the gazetteer knows (or a demonym), with what they give; None otherwise."""
        key = normalize(text)
        candidates = read = self.gazetteer.candidates(key)
        for variant in spelling_variants(key) if not candidates and hint != "demonym" else ():
            # "Kruglyakivka": the gazetteer spells it Kruhlyakivka
            read = self.gazetteer.candidates(variant)
            candidates = tuple((p, k) for p, k in read if p.country_code in SPELLING_COUNTRIES)
            if candidates:
                key = variant
                break
        else:
            candidates = read = self.gazetteer.candidates(key)
        source: tuple = ((key, read),)
        if hint == "demonym" or self.gazetteer.demonym(text):
            country = self._demonym_country(text)
            if country is not None:
                return _name([(country, "demonym")], source)
        found = _filtered(Mention(0, len(text), text, hint), candidates)
        if hint in ("county", "parish") or hint == "region" and not any(
                p.feature in ("admin1", "region") for p, _k in found):
            # "Clarke and Oconee counties": no region goes by the bare name, so the counties named for it
            county_key = f"{key} {'parish' if hint == 'parish' else 'county'}"
            county_candidates = self.gazetteer.candidates(county_key)
            counties = [(p, k) for p, k in county_candidates if p.feature == "admin2"]
            if counties:
                found, source = counties[:MAX_CANDIDATES], (*source, (county_key, county_candidates))
        if found:
            return _name(found, source)
        country = self._demonym_country(text)
        return _name([(country, "demonym")], source) if country is not None else None

    def _name(self, mention: Mention, named: frozenset[str]) -> _Name:
        name = self._known_name(mention.text, mention.hint)
        if name is not None and any(read is not self.gazetteer.candidates(key) for key, read in name.source):
            # the gazetteer's cache let the places go: read them again, so that a place is one object per article
            self._known_name.cache_clear()
            name = self._known_name(mention.text, mention.hint)
        return name or _name(self._inner_place(mention, named))

    def _inner_place(self, mention: Mention, named: frozenset[str]) -> list[tuple[Place, str]]:
        """Candidates for the longest place name inside an unknown name ("Colorado State University" ->
        Colorado, "Manila Cathedral" -> Manila): a well-known place, or one the text names by itself too.
        Ordinary words alone ("City", "West") do not count, nor do small towns ("Royal" in "Royal Street")."""
        words = mention.text.split()
        if len(words) < 2 or mention.hint == "demonym":
            return []
        common = self._common_words()
        for size in range(len(words) - 1, 0, -1):
            for first in range(len(words) - size + 1):
                part = words[first:first + size]
                if not part[0][:1].isupper() or (size == 1 and not part[0].isupper()
                                                  and part[0].lower().strip(".,'’") in common):
                    continue
                key = normalize(" ".join(part))
                found = _filtered(Mention(mention.start, mention.end, " ".join(part), mention.hint),
                                  self.gazetteer.candidates(key))
                # a well-known place (a capitals abbreviation of a country or region counts), or one named apart
                well_known = key in named or self.gazetteer.is_prominent(key) or any(
                    k == "abbr" and p.feature in ("country", "admin1") for p, k in found)
                parts = [(p, "part") for p, k in found if k in ("name", "alt", "abbr")]
                if well_known and parts:
                    return parts
        return []

    def _common_words(self) -> frozenset[str]:
        if self._common is None:
            self._common = self.gazetteer.common_words | _NOT_PLACES_ALONE
        return self._common

    def _demonym_country(self, word: str) -> Place | None:
        """The country a demonym names: from the table, else by its ending ("Sri Lankan" -> Sri Lanka)."""
        code = self.gazetteer.demonym(word)
        if code:  # a country code, a continent's GeoNames id ("European"), a region's code ("Ohioans": US.OH),
            # or "~" and the name of a region of our own table ("South Ossetian")
            if code.isdigit():
                return self.gazetteer.get(int(code))
            if code.startswith("~"):
                word = code[1:]
            else:
                return self.gazetteer.admin1(code) if "." in code else self.gazetteer.country(code)
            return next((place for place, _kind in self.gazetteer.candidates(normalize(word))
                         if place.feature == "region"), None)
        for suffix, replacement in _DEMONYM_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: len(word) - len(suffix)] + replacement
                for place, kind in self.gazetteer.candidates(normalize(stem)):
                    if place.feature in ("country", "region") and kind in ("name", "alt"):
                        return place
        return None

    def __call__(self, text: str, mentions: Sequence[Mention],
                 demonym_countries: Sequence[str] = (), dateline_country: str | None = None) -> list[Resolution]:
        named = frozenset(normalize(m.text) for m in mentions)
        names = [self._name(m, named) for m in mentions]
        options = [name.options for name in names]
        qualifiers = self._qualifiers(text, mentions, options)
        containing = _containing(mentions, options, qualifiers)

        countries: dict[str, float] = {cc: 0.3 for cc in set(demonym_countries)}
        own_votes: dict[str, float] = {}  # per name: how much of a country's weight its own mentions gave
        for m, opts in zip(mentions, options):
            if opts and opts[0][0].feature == "country" and opts[0][1] != "demonym":
                cc = opts[0][0].country_code or ""
                countries[cc] = countries.get(cc, 0.0) + 1.0
                own_votes[normalize(m.text)] = own_votes.get(normalize(m.text), 0.0) + 1.0
        if dateline_country:
            countries[dateline_country] = countries.get(dateline_country, 0.0) + 1.0
        # Regions the text names outright ("Minnesota", "the Kharkiv region"): strong evidence for places in them.
        named_regions = {opts[0][0].admin1_code for opts in options
                         if opts and opts[0][0].feature == "admin1" and opts[0][1] != "demonym"}

        spread = _Spread(mentions, names, named_regions)
        # a name written the same way with the same qualifier scores the same: score it once
        seen: dict[tuple, int] = {}
        first = [seen.setdefault((m.text, m.hint, tuple(map(id, qualifiers.get(i, ()))),
                                  tuple(map(id, containing.get(i, ())))), i)
                 for i, m in enumerate(mentions)]
        unique = sorted(set(first))

        base = {i: self._base_scores(mentions[i], names[i], qualifiers.get(i), countries, spread,
                                     own_votes.get(normalize(mentions[i].text), 0.0), containing.get(i)) for i in unique}

        def score_all(context: _Context | None) -> list[list[tuple[Place, float]]]:
            done = {i: self._score(names[i], base[i], context) for i in unique}
            return [done[first[i]] for i in range(len(mentions))]

        second = score_all(None)
        chosen: list[Place] | None = None
        for _round in range(2):
            before, chosen = chosen, [scored[0][0] for scored in second if scored]
            if chosen == before:
                break  # the same choices again: another round would score exactly the same
            second = score_all(_Context(chosen))
        second = self._one_sense_per_text(text, mentions, second)
        second = self._lists_agree(text, mentions, second)
        shown: dict[int, tuple[Candidate, ...]] = {}  # a name scored once shows the same candidates everywhere
        for scored in second:
            if id(scored) not in shown:
                shown[id(scored)] = tuple(Candidate(p, round(s, 3)) for p, s in scored[:10])
        resolved = [self._resolution(m, scored, shown[id(scored)], qualifiers.get(i), opts[0][1] if opts else None)
                    for i, (m, scored, opts) in enumerate(zip(mentions, second, options))]
        resolved = self._place_in_unmatched_qualifiers(text, mentions, options, qualifiers, resolved, second)
        resolved = _keep_to_named_countries(text, mentions, names, qualifiers, resolved, second,
                                            {cc for cc in (*demonym_countries, dateline_country) if cc})
        resolved = _bare_names_of_named_counties(resolved)
        return self._place_unknown_names(resolved, [bool(opts) and opts[0][1] == "part" for opts in options])

    @staticmethod
    def _place_in_unmatched_qualifiers(text: str, mentions: Sequence[Mention],
                                       options: list[list[tuple[Place, str]]], qualifiers: dict[int, list[Place]],
                                       resolved: list[Resolution],
                                       scored: list[list[tuple[Place, float]]]) -> list[Resolution]:
        """"Chatham is a town in Carroll County, New Hampshire": when the text says where a town lies and the
        gazetteer has no town of that name there, the town is put in the place the text names, not at a
        namesake across the world (see ``_placed_by_gap``). A chain is read from its end: in "Muse town (Muse
        Township, Shan State)" the township is placed in Shan State, then the town in the township's place.
        A name the gazetteer lacks altogether goes to the place after it. A name the text gives as a part of a
        place named before it ("the city's Shevchenkivskyi district", "Kharkiv's Kyivskyi district") takes its
        candidate there, else the place itself."""
        given = list(resolved)
        for i in range(len(mentions) - 2, -1, -1):
            if i in qualifiers or mentions[i].hint == "demonym":
                continue
            described = _QUALIFIER_GAP.match(text[mentions[i].end:mentions[i + 1].start])
            if described is None or mentions[i + 1].hint == "demonym":
                continue
            # through a chain's next link as placed here, not after a bare comma (a list: "Becker, Clay, Douglas")
            area = (given if _bare_comma(described) else resolved)[i + 1].place
            if not options[i]:
                # a name the gazetteer lacks ("Oulton Park, Cheshire", "Crossroads Correctional Center in
                # Shelby") is where the text puts it, rather than at the article's main place
                # (after a bare comma, only a region: a town there may be the next item of a list)
                if area is not None and (area.feature != "city" or not described.group().startswith(",")):
                    resolved[i] = Resolution(mentions[i], area, (), 0.2,
                                             f"approximate: not in the gazetteer, placed in {area.name} as the "
                                             f"text says")
                continue
            if area is not None and area.feature == "city" and not described.group().startswith(","):
                # "Karari (Karrari, Khartoum)", "Boni in Mopti": the region of the name, where it has one
                area = next((p for p, _k in options[i + 1] if p.feature == "admin1"
                             and p.country_code == area.country_code), area)
            if area is None or not (_is_container(area) or area.feature == "admin2"):
                continue
            if not _placed_by_gap(described, area, options[i], resolved[i].place):
                continue
            if any(_inside(p, area) for p, _k in options[i]):
                continue  # a town of the name is there after all: the usual scoring chose among them
            resolved[i] = Resolution(mentions[i], area, resolved[i].candidates, 0.3,
                                     f"approximate: no {mentions[i].text!r} in the gazetteer's {area.name}, "
                                     f"placed there as the text says")
        for i, area in _parts_of_places_named(text, mentions, resolved):
            resolved[i] = _placed_in(resolved[i], [area], scored[i], "as a part of it, as the text says")
        return resolved

    @staticmethod
    def _place_unknown_names(resolved: list[Resolution], inner: list[bool]) -> list[Resolution]:
        """A name the gazetteer lacks (a street, a building, a suburb) is put, approximately, at the article's
        main place: in the country its other mentions name most, the town named most often (else the region,
        else the country itself)."""
        if all(r.place is not None or r.mention.hint == "demonym" for r in resolved):
            return resolved
        # (a name placed approximately, at a place the text names, adds nothing to that place's weight)
        known = [r.place for r, part in zip(resolved, inner) if r.place is not None and not part
                 and r.mention.hint != "demonym" and not r.reason.startswith("approximate")]
        countries = Counter(p.country_code for p in known if p.country_code)
        home = countries.most_common(1)[0][0] if countries else None
        # the region the article's places gather in, then its town named most often
        regions = Counter(p.admin1_code for p in known if p.country_code == home and p.admin1_code)
        region = regions.most_common(1)[0][0] if regions else None
        focus = None
        for features in (("city", "admin2"), ("admin1",), ("country",)):
            counts = Counter(p for p in known if p.feature in features and p.country_code == home
                             and (features == ("country",) or p.admin1_code == region))
            if counts:
                focus = counts.most_common(1)[0][0]
                break
        if focus is None:
            return resolved
        return [r if r.place is not None or r.mention.hint == "demonym" else
                Resolution(r.mention, focus, (), 0.1, f"approximate: not in the gazetteer, placed at the article's "
                                                      f"main place ({focus.name})")
                for r in resolved]

    @staticmethod
    def _one_sense_per_text(text: str, mentions: Sequence[Mention],
                            scored: list[list[tuple[Place, float]]]) -> list[list[tuple[Place, float]]]:
        """A bare name used for an area ("parts of Donetsk", "much of Sagaing") takes the region sense: the one
        the text pinned down earlier ("Donetsk region"), else the name's own first-level region."""
        pinned: dict[str, Place] = {}
        for m, options in zip(mentions, scored):
            if m.hint and options:
                pinned.setdefault(normalize(m.text), options[0][0])
        result = []
        for m, options in zip(mentions, scored):
            if not m.hint and options and _area_before(text, m.start):
                sense = pinned.get(normalize(m.text)) or next(
                    (p for p, _s in options if p.feature in _REGION_FEATURES), None)
                if sense is not None and options[0][0] != sense and any(o[0] == sense for o in options):
                    options = [(sense, options[0][1] + 0.01)] + [o for o in options if o[0] != sense]
            result.append(options)
        return result

    @staticmethod
    def _lists_agree(text: str, mentions: Sequence[Mention],
                     scored: list[list[tuple[Place, float]]]) -> list[list[tuple[Place, float]]]:
        """Names listed together are of one kind: in "California, Oregon, Missouri and Pennsylvania" most items
        are states, so Oregon is the state too, not Oregon, Missouri; in "Britain, France and Georgia", Georgia
        is the country."""
        result = list(scored)
        start = 0
        while start < len(mentions):
            end = start + 1
            while end < len(mentions) and _LIST_GAP.match(text[mentions[end - 1].end:mentions[end].start]):
                end += 1
            items = [i for i in range(start, end) if result[i]]
            if len(items) >= 2:
                kinds = Counter((result[i][0][0].feature, result[i][0][0].country_code if
                                 result[i][0][0].feature == "admin1" else None) for i in items)
                (feature, cc), count = kinds.most_common(1)[0]
                regions = [kind for kind in kinds if kind[0] == "admin1"]
                joined = len(items) == 2 and re.search(r"\b(?:and|or)\b",
                                                       text[mentions[items[0]].end:mentions[items[1]].start])
                if joined and len(regions) == 1:
                    # of two names joined by "and"/"or" (a bare comma may be a qualifier: "Washington, D.C."),
                    # one a state: "California or Washington"
                    (feature, cc), count = regions[0], 2
                if feature in ("admin1", "country") and count >= 2 and count * 2 >= len(items):
                    for i in items:
                        options = result[i]
                        # of two, only a region called just so ("Washington" the state, not the District)
                        fit = next((o for o in options if o[0].feature == feature and
                                    (cc is None or o[0].country_code == cc) and
                                    (len(items) > 2 or normalize(o[0].name) == normalize(mentions[i].text))), None)
                        if fit is not None and fit is not options[0]:
                            result[i] = [(fit[0], options[0][1] + 0.01)] + [o for o in options if o is not fit]
            start = end
        return result

    def _qualifiers(self, text: str, mentions: Sequence[Mention],
                    options: list[list[tuple[Place, str]]]) -> dict[int, list[Place]]:
        """Mention i is qualified by mention i+1 when only ", ", " in " or ", a town in " stands between them.

        A qualifier passes through a county ("Aurora, in Hamilton County, Nebraska"), and a name qualified where
        the text first uses it keeps that sense where it comes back bare.
        """
        found: dict[int, list[Place]] = {}
        for i in range(len(mentions) - 2, -1, -1):
            gap = _QUALIFIER_GAP.match(text[mentions[i].end:mentions[i + 1].start])
            if not gap:
                continue
            if gap["kind"] is None and any(p.feature == "country" and k == "name" for p, k in options[i]):
                continue  # "China, Japan and Britain": a list of countries
            containers = [p for p, _k in options[i + 1] if _is_container(p)] or found.get(i + 1, [])
            # not through a small town's other name after a bare comma: "Washington, New York and Boston" is no
            # Watervliet, N.Y.; "New York in Donetsk Oblast" is the village that also goes by that name
            minor_ok = not _bare_comma(gap)
            if containers and any(_inside(p, c) for p, k in options[i] if minor_ok or not is_minor_form(p, k)
                                  for c in containers):
                found[i] = containers
        first_use: dict[str, int] = {}
        for i, m in enumerate(mentions):
            first = first_use.setdefault(normalize(m.text), i)
            if first != i and i not in found and first in found and m.hint != "demonym":
                found[i] = found[first]
        return found

    @staticmethod
    def _base_scores(mention: Mention, name: _Name, qualifier: list[Place] | None,
                     countries: dict[str, float], spread: _Spread, own: float = 0.0,
                     containing: list[Place] | None = None) -> list[float]:
        """What does not change between rounds: prior, own-name bonus, qualifier, countries named, spread.

        ``own`` is the weight this name's own mentions gave to the country they read as; ``containing``, the
        senses in which this name qualifies the one before it ("New York" in "Buffalo, New York": the state).
        """
        key = normalize(mention.text)
        opts = name.options
        own_country = opts[0][0].country_code if own and opts else None
        scores = []
        for (place, _kind), score in zip(opts, name.static):
            if qualifier is not None:
                score += _QUALIFIER_WEIGHT if any(_inside(place, c) for c in qualifier) else -_QUALIFIER_WEIGHT
            if containing is not None and place in containing:
                score += _QUALIFIER_WEIGHT
            weight = countries.get(place.country_code or "", 0.0)
            if own and place.country_code == own_country:
                # a name is no evidence for its own readings: "Mexico" (the country) says nothing for Mexico City
                weight -= own
            score += _MENTIONED_COUNTRY_WEIGHT * min(weight, 2.0) / 2.0 if weight > 0 else 0.0
            scores.append(score + spread.support(key, place, id(place) in name.namesakes))
        return scores

    @staticmethod
    def _score(name: _Name, base: list[float], context: _Context | None) -> list[tuple[Place, float]]:
        opts = name.options
        if context is None:
            scored = [(place, score) for (place, _k), score in zip(opts, base)]
        else:
            # a big town of the name ("Washington", "New York") keeps its lead over a region of its own country
            # named beside its siblings; a big town abroad does not ("Ontario", California beside Alberta)
            big_town = name.big_town
            # no context can lift a candidate this far behind to the top: skip looking its context up
            best = max(base, default=0.0)
            scored = [(place, score + context.support(place, id(place) in name.namesakes)
                       + (0.0 if place.country_code in big_town else context.siblings(place))
                       if score >= best - _MAX_CONTEXT.get(place.feature, _MAX_OTHER) else score)
                      for (place, _k), score in zip(opts, base)]
        scored.sort(key=itemgetter(1), reverse=True)  # stable: ties keep the gazetteer's order
        return scored

    @staticmethod
    def _resolution(mention: Mention, scored: list[tuple[Place, float]], candidates: tuple[Candidate, ...],
                    qualifier: list[Place] | None, kind: str | None = None) -> Resolution:
        """The best-scored place; ``candidates`` shows the first ten of ``scored``."""
        if not scored:
            return Resolution(mention, None, (), 0.0, "no gazetteer entry of a fitting kind")
        margin = scored[0][1] - scored[1][1] if len(scored) > 1 else 5.0
        confidence = round(1.0 / (1.0 + math.exp(-margin)), 3)
        if kind == "part":
            reason = f"the place named inside {mention.text!r}"
        elif len(scored) == 1:
            reason = "only candidate"
        elif qualifier is not None:
            reason = "explicit qualifier"
        else:
            reason = f"best of {len(scored)} by population, type and context (margin {margin:.2f})"
        return Resolution(mention, scored[0][0], candidates, confidence, reason)
