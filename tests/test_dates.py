"""geomap.dates: date expressions resolved against the publication date (sentences of our own)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.dates import (
    event_date,
    find_date_cues,
    future_at,
    is_future,
    mentions_publication_day,
    weekday_on_or_after,
    weekday_on_or_before,
)

TUE = dt.date(2025, 11, 18)  # a Tuesday
D = dt.date


@pytest.mark.parametrize(
    "text, published, expected, precision",
    [
        # weekdays: the latest on or before publication; the same day when published on it
        ("Rockets fell on the port on Tuesday.", TUE, D(2025, 11, 18), 1),
        ("Rockets fell on the port on Monday.", TUE, D(2025, 11, 17), 1),
        ("Rockets fell on the port on Wednesday.", TUE, D(2025, 11, 12), 1),
        ("Sunday's shelling left the market in ruins.", TUE, D(2025, 11, 16), 1),
        ("The depot burned on Saturday night.", TUE, D(2025, 11, 15), 1),
        ("The depot burned late on Friday.", TUE, D(2025, 11, 14), 1),
        ("The bridge was hit last Tuesday.", TUE, D(2025, 11, 11), 1),
        # future tense: the upcoming weekday
        ("The ministers will meet on Wednesday.", TUE, D(2025, 11, 19), 1),
        ("The envoy is set to arrive on Friday.", TUE, D(2025, 11, 21), 1),
        ("The two sides are due to sign the accord on Tuesday.", TUE, D(2025, 11, 18), 1),
        ("The summit takes place next Monday.", TUE, D(2025, 11, 24), 1),
        # relative days
        ("A drone hit the depot yesterday.", TUE, D(2025, 11, 17), 1),
        ("A drone hit the depot last night.", TUE, D(2025, 11, 17), 1),
        ("A drone hit the depot overnight.", TUE, D(2025, 11, 17), 1),
        ("Sirens sounded across the town today.", TUE, D(2025, 11, 18), 1),
        ("Sirens sounded across the town earlier today.", TUE, D(2025, 11, 18), 1),
        ("Sirens sounded across the town this morning.", TUE, D(2025, 11, 18), 1),
        ("The mayor will speak tomorrow.", TUE, D(2025, 11, 19), 1),
        ("A shell hit the school three days ago.", TUE, D(2025, 11, 15), 1),
        ("A day earlier, a shell hit the school.", TUE, D(2025, 11, 17), 1),
        ("The previous day, a shell hit the school.", TUE, D(2025, 11, 17), 1),
        ("Two days earlier, a shell hit the school.", TUE, D(2025, 11, 16), 1),
        # calendar dates
        ("The convoy was ambushed on Nov. 17.", TUE, D(2025, 11, 17), 1),
        ("The convoy was ambushed on November 17.", TUE, D(2025, 11, 17), 1),
        ("The convoy was ambushed on 17 November.", TUE, D(2025, 11, 17), 1),
        ("The convoy was ambushed on November 17, 2024.", TUE, D(2024, 11, 17), 1),
        ("The convoy was ambushed on 2024-03-05.", TUE, D(2024, 3, 5), 1),
        ("The convoy was ambushed on Dec. 3.", TUE, D(2024, 12, 3), 1),  # past tense: the last Dec. 3
        ("The talks will open on Dec. 3.", TUE, D(2025, 12, 3), 1),  # future: the next one
        ("The talks opened on Jan. 9.", D(2026, 1, 12), D(2026, 1, 9), 1),
        ("The talks will open on Jan. 9.", D(2025, 12, 30), D(2026, 1, 9), 1),
        # weeks: the middle (Thursday), kept on the right side of publication
        ("Protests spread this week.", TUE, D(2025, 11, 18), 2),
        ("Talks will be held this week.", TUE, D(2025, 11, 20), 2),
        ("Protests spread last week.", TUE, D(2025, 11, 13), 2),
        ("Talks will be held next week.", TUE, D(2025, 11, 27), 2),
        ("Crowds gathered last weekend.", TUE, D(2025, 11, 15), 2),
        # months: the 15th, kept on the right side of publication
        ("The base was set up last month.", TUE, D(2025, 10, 15), 3),
        ("The base was set up earlier this month.", TUE, D(2025, 11, 15), 3),
        ("The base was set up earlier this month.", D(2025, 11, 6), D(2025, 11, 6), 3),
        ("The base was set up in September.", TUE, D(2025, 9, 15), 3),
        ("The base was set up in February 2022.", TUE, D(2022, 2, 15), 3),
        ("The base will open in March.", TUE, D(2026, 3, 15), 3),
    ],
)
def test_event_dates(text, published, expected, precision):
    cue = event_date(text, published)
    assert cue is not None
    assert (cue.date, cue.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text",
    [
        "The ceasefire collapsed earlier this year.",
        "The war began nearly four years ago.",
        "The two armies fought here in 2014.",
        "Water shortages have worsened in recent weeks.",
        "The militia has burned dozens of villages over the past decade.",
        "The highway has been closed for most of the past two years.",
        "Fighting has flared on and off over the last few months.",
        "Hundreds of activists have been held since March 2021.",
        "The port has been blockaded since Sept. 2024.",
    ],
)
def test_vague_cues_have_no_date(text):
    cue = event_date(text, TUE)
    assert cue is not None and cue.date is None and cue.kind == "vague"


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit a grain silo near the river.",
        "The minister may resign.",  # "may" is not May
        "The march ended peacefully.",  # "march" is not March
        "Officials counted 110 craters.",
        "",
    ],
)
def test_no_cue(text):
    assert event_date(text, TUE) is None


def test_statement_dates_yield_to_event_dates():
    text = "The governor said Tuesday that the depot was hit on Sunday."
    cues = find_date_cues(text, TUE)
    assert [(c.text, c.speech) for c in cues] == [("Tuesday", True), ("on Sunday", False)]
    assert event_date(text, TUE).date == D(2025, 11, 16)


@pytest.mark.parametrize(
    "text",
    [
        "The governor said Tuesday that a shell hit the depot.",
        "The governor, on Tuesday morning reported a shell hitting the depot.",
        "The governor told reporters on Tuesday that a shell hit the depot.",
    ],
)
def test_statement_date_used_when_alone(text):
    cue = event_date(text, TUE)
    assert cue.speech and cue.date == TUE


def test_nearest_cue_to_the_event_word_wins():
    text = "The envoy will spend this week in the capital for a state visit on Wednesday."
    assert event_date(text, TUE, near=text.index("visit")).date == D(2025, 11, 19)


def test_anchor_for_a_day_earlier():
    assert event_date("A day earlier, rockets hit the port.", TUE, anchor=D(2025, 11, 10)).date == D(2025, 11, 9)


def test_datetime_published_is_accepted():
    stamp = dt.datetime(2025, 11, 18, 23, 30, tzinfo=dt.timezone.utc)
    assert event_date("A drone hit the depot yesterday.", stamp).date == D(2025, 11, 17)


def test_without_publication_date_cues_are_found_undated():
    cues = find_date_cues("A drone hit the depot on Monday.", None)
    assert len(cues) == 1 and cues[0].date is None
    assert event_date("It happened on 2024-03-05.", None).date == D(2024, 3, 5)


@pytest.mark.parametrize(
    "text, future",
    [
        ("He will travel to the capital.", True),
        ("The sanctions are due to take effect.", True),
        ("The envoy is set to join the talks.", True),
        ("He said he would meet the mayor.", True),
        ("He met the mayor.", False),
        ("Drones struck the port.", False),
    ],
)
def test_is_future(text, future):
    assert is_future(text) is future


@pytest.mark.parametrize(
    "body, published, expected",
    [
        ("The governor said on Tuesday that the depot burned.", TUE, True),
        ("Drones attacked the port last night.", TUE, True),
        ("The attack came yesterday.", TUE, True),
        ("The attack came on Friday.", TUE, False),
        ("The attack came last month.", TUE, False),
        ("Nothing dated here.", TUE, False),
        ("The attack came on Tuesday.", None, False),
    ],
)
def test_mentions_publication_day(body, published, expected):
    assert mentions_publication_day(body, published) is expected


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 6))
def test_weekday_helpers(day, weekday):
    before = weekday_on_or_before(weekday, day)
    after = weekday_on_or_after(weekday, day)
    assert before.weekday() == weekday == after.weekday()
    assert 0 <= (day - before).days <= 6
    assert 0 <= (after - day).days <= 6


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
       st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_past_weekday_is_within_the_week_before(published, name):
    got = event_date(f"Shells hit the town on {name}.", published).date
    assert got.strftime("%A") == name
    assert 0 <= (published - got).days <= 6


@pytest.mark.parametrize(
    "text, expected",
    [
        # the future tense of another part of the sentence does not move a past day forward
        ("Police detained 23 people on Sunday over a law that critics say will muzzle the press.", D(2025, 11, 16)),
        ("On Wednesday, the ministers will meet in Ankara.", D(2025, 11, 19)),
        ("The talks ended; on Friday, the ministers will meet again.", D(2025, 11, 21)),
        ("The leaders met on Monday and will meet again next month.", D(2025, 11, 17)),
    ],
)
def test_the_tense_around_each_date_decides(text, expected):
    assert event_date(text, TUE).date == expected


def test_future_at():
    text = "The bridge, which will be rebuilt, was hit on Monday."
    start = text.index("on Monday")
    assert not future_at(text, start, start + 9)
    text = "Ministers will meet on Monday."
    start = text.index("on Monday")
    assert future_at(text, start, start + 9)


@pytest.mark.parametrize("text", ["Smaller rallies took place the same evening.", "Two more were hurt that night."])
def test_the_same_day_is_the_anchor(text):
    cue = event_date(text, TUE, anchor=D(2025, 11, 16))
    assert (cue.date, cue.precision) == (D(2025, 11, 16), 1)
    assert event_date(text, TUE).date == D(2025, 11, 18)  # no anchor: the publication day


def test_for_years_is_vague():
    cue = event_date("The town has been shelled for more than three years.", TUE)
    assert cue is not None and cue.date is None and cue.kind == "vague"


_WORDS = ["on", "Monday", "TUESDAY'S", "night", "last", "week", "Jan.", "12", "May", "3,", "2024", "2024-01-02",
          "three", "days", "ago", "earlier", "this", "year", "The", "previous", "Day", "ſunday", "K", "ıt", "İstanbul",
          "yesterday", "Overnight", ",", "said", "in", "recent", "months"]


@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from([None, TUE]), st.sampled_from([None, True]))
def test_lowercase_scan_finds_what_ignorecase_finds(words, published, future):
    """The cues found by scanning the lower-cased text are those the IGNORECASE patterns find in the text itself."""
    from geomap.dates import _PATTERNS, _find, _resolve

    text = " ".join(words)
    expected = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < c[1] and c[0] < m.end() for c in expected):
                continue
            cue = _resolve(kind, m, published, future_at(text, m.start(), m.end()) if future is None else future, None)
            if cue is not None:
                expected.append((m.start(), m.end(), m.group(0), cue[0], cue[1], cue[2]))
    got = [(c.start, c.end, c.text, c.date, c.precision, c.kind) for c in _find.__wrapped__(text, published, future,
                                                                                             None)]
    assert got == sorted(expected)


def test_a_long_s_in_a_weekday_is_read_not_a_crash():
    cue = event_date("It happened laſt ſunday.", TUE)
    assert (cue.date, cue.kind) == (D(2025, 11, 16), "weekday")


def test_overnight_after_a_named_day_is_that_day():
    cue = event_date("On 17 June 2025, overnight, drones struck the port.", D(2025, 6, 20), near=30)
    assert (cue.date, cue.kind) == (D(2025, 6, 17), "absolute")
    assert event_date("Drones struck the port overnight.", D(2025, 6, 20)).date == D(2025, 6, 19)


def test_a_weekday_that_is_a_first_name_is_no_date():
    pub = dt.datetime(2025, 4, 15, 14, tzinfo=dt.timezone.utc)
    assert event_date("Homes were burned, said Sunday Abdu, a community leader.", pub) is None
    assert event_date("Homes were burned on Sunday, a community leader said.", pub).date == dt.date(2025, 4, 13)
