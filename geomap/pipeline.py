"""Compose the stages: recognize -> resolve (-> incidents -> merge), for one text or a stream of articles."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from geomap import forms
from geomap.gazetteer import Gazetteer, NameIndex, default_gazetteer
from geomap.initials import with_initials
from geomap.model import Mention, Place, Resolution
from geomap.names import normalize
from geomap.recognize import Recognized, Recognizer, mentions_from_spans
from geomap.resolve import Resolver
from geomap.text import dateline_place


@dataclass(frozen=True)
class ParseResult:
    """Every place mention of a text with its resolution, and the demonyms seen (for actors and context)."""

    text: str
    resolutions: tuple[Resolution, ...]
    demonyms: tuple[Mention, ...]
    dateline_country: str | None = None


class Geoparser:
    """Recognize and resolve toponyms; one instance per process is enough (the gazetteer loads lazily)."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self._names: NameIndex | None = None
        # the recognizer asks about every capitalised word: remember the answers for frequent ones
        self._demonym = functools.lru_cache(maxsize=16_384)(self.gazetteer.demonym)
        self.recognize = Recognizer(self._has_name, self._demonym, self._is_abbreviation,
                                    common_words=self.gazetteer.common_words,
                                    is_prominent=self.gazetteer.is_prominent,
                                    is_facility=self._is_facility, is_country=self._is_country,
                                    is_minor_alias=self.gazetteer.is_minor_alias,
                                    is_quiet_name=self._is_quiet_name)
        self.resolve = Resolver(self.gazetteer)

    def _has_name(self, key: str) -> bool:
        if self._names is None:
            self._names = self.gazetteer.names  # opened on first use, not when the parser is made
            # its many look-ups (the same capitalised words again and again) skip this method from now on
            self.recognize.has_name = functools.lru_cache(maxsize=65_536)(self._names.__contains__)
        return key in self._names

    def _demonym_countries(self, demonyms: Sequence[Mention]) -> list[str]:
        """Country codes the demonyms name ("Ukrainian" -> UA, "Ohioans" -> US); continents' ("European") and
        our own regions' are left out."""
        codes = (self._demonym(d.text) for d in demonyms)
        return [code[:2] for code in codes if code and code[:2].isalpha() and code[:2].isupper()]

    def _demonym_places(self, demonyms: Sequence[Mention]) -> list[tuple[str, Place]]:
        """(text, country) of the demonyms that name a country ("South Africans" -> South Africa)."""
        found = []
        for d in demonyms:
            code = self._demonym(d.text)
            country = self.gazetteer.country(code) if code and len(code) == 2 and code.isupper() else None
            if country is not None:
                found.append((d.text, country))
        return found

    def _is_quiet_name(self, key: str) -> bool:
        """A name the gazetteer resolves but keeps out of the recognizer's index (a one-word ZIP town)."""
        return bool(self.gazetteer.candidates(key))

    def _is_facility(self, key: str) -> bool:
        return any(place.feature == "other" for place, _kind in self.gazetteer.candidates(key))

    def _is_country(self, key: str) -> bool:
        return any(place.feature == "country" and kind != "abbr" for place, kind in self.gazetteer.candidates(key))

    def _is_abbreviation(self, key: str) -> bool:
        return any(kind in ("abbr", "apabbr") for _place, kind in self.gazetteer.candidates(key))

    def dateline_country(self, text: str) -> str | None:
        dateline = dateline_place(text)
        if dateline is None:
            return None
        for place, _kind in self.gazetteer.candidates(normalize(dateline[1])):
            if place.feature == "country":
                return place.country_code
        return None

    def _state_abbreviations(self, text: str) -> list[Mention]:
        return [Mention(match.start(1), match.end(1), match.group(1), hint="region")
                for match in forms.state_abbreviations(text)
                if any(kind == "apabbr" for _p, kind in self.gazetteer.candidates(normalize(match.group(1))))]

    def _listed_divisions(self, text: str) -> list[Mention]:
        """The names of county lists ("Clay and Swift counties") and region lists ("the Kharkiv and Sumy oblasts")
        that the gazetteer has as such."""
        found = []
        for name, kind in forms.division_list_names(text):
            key = f"{normalize(name.group())} {kind}"
            local = kind in ("county", "parish")
            if self._has_name(key) and any(p.feature == ("admin2" if local else "admin1")
                                           for p, _k in self.gazetteer.candidates(key)):
                found.append(Mention(name.start(), name.end(), name.group(), hint=kind if local else "region"))
        return found

    def _place_mentions(self, text: str, found: Recognized) -> list[Mention]:
        """The recognizer's places, with AP state abbreviations ("Athens, Ga.") and county lists in their stead
        where they overlap."""
        mentions = list(found.mentions)
        for extra in self._state_abbreviations(text) + self._listed_divisions(text):
            mentions = [m for m in mentions if not (m.start < extra.end and extra.start < m.end)] + [extra]
        for feature in forms.feature_names(text):
            inside = [m for m in mentions if m.start < feature.end() and feature.start() < m.end]
            if all(feature.start() <= m.start and m.end <= feature.end() for m in inside):
                mentions = [m for m in mentions if m not in inside]
                mentions.append(Mention(feature.start(), feature.end(), feature.group()))
        return [self._with_possessive_s(text, m) for m in mentions
                if not forms.names_a_disease(text, m.end) and not forms.names_a_currency(text, m.end)]

    def _with_possessive_s(self, text: str, mention: Mention) -> Mention:
        """"St. John's", "King's Lynn": the recognizer reads "'s" as a possessive and stops before it; a longer
        name that ends with it is the place."""
        if text[mention.end:mention.end + 2] not in ("'s", "’s") or " " not in mention.text:
            return mention
        end = mention.end + 2
        if text[end:end + 1].isalnum() or text[end + 1:end + 2].isupper() \
                or not self._has_name(normalize(text[mention.start:end])):
            return mention  # "St. John's Wood": a longer name the gazetteer lacks
        return Mention(mention.start, end, text[mention.start:end], hint=mention.hint, qualifier=mention.qualifier)

    def parse(self, text: str) -> ParseResult:
        found = self.recognize(text)
        mentions = self._place_mentions(text, found)
        # the recognizer's demonyms already carry hint="demonym"; one before "flu" names a disease ("Spanish flu")
        mentions += [d for d in found.demonyms if not forms.names_a_disease(text, d.end)]
        mentions.sort(key=lambda m: m.start)
        countries = self._demonym_countries(found.demonyms)
        dateline = self.dateline_country(text)
        resolutions = self.resolve(text, mentions, countries, dateline)
        resolutions = with_initials(text, resolutions, self._demonym_places(found.demonyms), find_new=True)
        return ParseResult(text, tuple(resolutions), found.demonyms, dateline)

    def resolve_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Resolution]:
        """Resolution only: exactly the given spans, in the given order.

        The text's other recognised places still serve as context (country, region, distance), as a reader
        would use them; they are not returned.
        """
        given = mentions_from_spans(text, spans)
        context = self.recognize(text)
        others = [m for m in self._place_mentions(text, context)
                  if not any(m.start < g.end and g.start < m.end for g in given)]
        mentions = given + others
        countries = self._demonym_countries(context.demonyms)
        order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        resolved = self.resolve(text, [mentions[i] for i in order], countries, self.dateline_country(text))
        resolved = with_initials(text, resolved, self._demonym_places(context.demonyms))
        by_index = {i: resolved[k] for k, i in enumerate(order)}
        return [by_index[i] for i in range(len(given))]


_DEFAULT: Geoparser | None = None


def default_geoparser() -> Geoparser:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Geoparser()
    return _DEFAULT


def parse(text: str, published: dt.datetime | dt.date | None = None) -> ParseResult:
    """Find and resolve every place in ``text`` (``published`` is accepted for the incident stage)."""
    del published  # places do not depend on the date; kept for a stable signature
    return default_geoparser().parse(text)
