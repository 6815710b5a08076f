"""Capitals standing for a place the text names in full ("SA" beside "South Africa")."""
from __future__ import annotations

import pytest

from geomap.initials import initials
from geomap.pipeline import default_geoparser


@pytest.fixture(scope="module")
def parser():
    return default_geoparser()


def _places(parser, text: str) -> dict[str, tuple[str | None, str]]:
    return {r.mention.text: (r.place.country_code, r.place.feature) for r in parser.parse(text).resolutions
            if r.place is not None}


@pytest.mark.parametrize("name, short", [
    ("South Africa", "SA"), ("Democratic Republic of the Congo", "DRC"), ("Papua New Guinea", "PNG"),
    ("Kenya", ""),
])
def test_initials_of_a_name(name, short):
    assert initials(name) == short


def test_capitals_of_a_country_named_in_full_are_that_country(parser):
    text = ("Platinum output fell in South Africa this year. Mines in SA employ fewer people than a decade ago, "
            "and post-apartheid SA still leans on them.")
    found = [r for r in parser.parse(text).resolutions if r.mention.text == "SA"]
    assert len(found) == 2
    assert all(r.place.country_code == "ZA" and r.place.feature == "country" for r in found)


def test_a_demonym_names_the_country_in_full_too(parser):
    spans = [(0, 2)]
    text = "SA holds most of the world's platinum, South Africans are told."
    (resolved,) = parser.resolve_spans(text, spans)
    assert resolved.place.country_code == "ZA"


def test_capitals_without_the_full_name_or_of_a_firm_are_left_alone(parser):
    assert "SA" not in _places(parser, "Shares of Nestle SA rose in Zurich while Switzerland's index fell.")
    # the firm's suffix stays a firm's even in a text that names South Africa
    assert "SA" not in _places(parser, "South Africa fined Nestle SA for mislabelling baby food.")
    # the United Nations is no state of South Sudan
    assert "UN" not in _places(parser, "Fighting spread in Upper Nile state, the UN said.")


def test_an_abbreviation_of_a_state_stays_the_state_beside_its_city(parser):
    found = _places(parser, "New York City officials met in Albany, N.Y., on Monday.")
    assert found["N.Y."] == ("US", "admin1")


def test_the_gulf_is_the_persian_gulf(parser):
    text = "Tankers waited in the Gulf while talks went on."
    start = text.index("Gulf")
    (resolved,) = parser.resolve_spans(text, [(start, start + 4)])
    assert resolved.place.name == "Persian Gulf"
