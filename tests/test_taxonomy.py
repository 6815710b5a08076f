"""The ACLED taxonomy table: complete, consistent, and the one every stage uses."""
from __future__ import annotations

import ast
import inspect
import re

import pytest

import geomap.incidents
from geomap import taxonomy
from geomap.errors import GeomapError, TaxonomyError
from geomap.export import disorder_type as export_disorder_type
from geomap.taxonomy import SubEventType

# ACLED's codebook as DESIGN.md lists it: every event type and its sub-event types, in order.
CODEBOOK = {
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}


def test_the_table_is_the_codebook():
    assert taxonomy.event_types() == tuple(CODEBOOK)
    assert taxonomy.EVENT_TYPES == tuple(CODEBOOK)
    for event_type, subs in CODEBOOK.items():
        assert taxonomy.sub_event_types(event_type) == subs
    assert len(taxonomy.rows()) == sum(len(s) for s in CODEBOOK.values())


def test_rows_are_frozen_values():
    row = taxonomy.row("Battles", "Armed clash")
    assert row == SubEventType("Battles", "Armed clash", "Political violence", "#d62728", 3)
    with pytest.raises(AttributeError):
        row.colour = "#000000"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Battles", "Non-state actor overtakes territory", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence"),
        ("Violence against civilians", "Abduction/forced disappearance", "Political violence"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Protests", "Protest with intervention", "Demonstrations"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Agreement", "Strategic developments"),
        ("Strategic developments", "Other", "Strategic developments"),
    ],
)
def test_disorder_type(event_type, sub, expected):
    assert taxonomy.disorder_type(event_type, sub) == expected
    assert export_disorder_type(event_type, sub) == expected


def test_colours_one_per_event_type_and_unique():
    colours = [taxonomy.colour(t) for t in taxonomy.event_types()]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert len(set(colours)) == len(colours)
    for r in taxonomy.rows():
        assert r.colour == taxonomy.colour(r.event_type)


def test_merge_ranks_order_each_event_type_or_none_of_it():
    for event_type in taxonomy.event_types():
        ranks = [taxonomy.merge_rank(event_type, s) for s in taxonomy.sub_event_types(event_type)]
        assert all(r is None for r in ranks) or sorted(ranks) == list(range(1, len(ranks) + 1))
    assert taxonomy.merge_rank("Explosions/Remote violence", "Grenade") is None
    assert (taxonomy.merge_rank("Protests", "Excessive force against protesters")
            < taxonomy.merge_rank("Protests", "Peaceful protest"))


@pytest.mark.parametrize(
    ("call", "names"),
    [
        (lambda: taxonomy.colour("Battle"), "'Battles'"),
        (lambda: taxonomy.sub_event_types("Explosions"), "'Explosions/Remote violence'"),
        (lambda: taxonomy.disorder_type("Riot", "Mob violence"), "'Riots'"),
        (lambda: taxonomy.disorder_type("Riots", "Peaceful protest"), "'Mob violence'"),
        (lambda: taxonomy.row("Battles", "armed clash"), "'Armed clash'"),
    ],
)
def test_a_wrong_type_raises_naming_the_valid_ones(call, names):
    with pytest.raises(TaxonomyError, match="not an ACLED event type|not a sub-event type") as info:
        call()
    assert names in str(info.value)
    assert isinstance(info.value, GeomapError) and isinstance(info.value, ValueError)


def test_is_valid_does_not_raise():
    assert taxonomy.is_valid("Riots")
    assert taxonomy.is_valid("Riots", "Mob violence")
    assert not taxonomy.is_valid("Riots", "Peaceful protest")
    assert not taxonomy.is_valid("Unknown")
    assert not taxonomy.is_valid("Unknown", "Other")
    assert export_disorder_type("Unknown", "Other") is None


def test_unknown_attribute():
    with pytest.raises(AttributeError):
        taxonomy.NOT_THERE  # noqa: B018


def _classifier_pairs() -> set[tuple[str, str]]:
    """(event type, sub-event type) pairs the incident classifier writes, read from its source.

    Every Trigger(start, end, EVENT_TYPE, "sub-event type") call, every string given to a variable `sub`
    (`sub, etype = "...", PROTESTS`; `sub = "..." if ... else "..."`) with the event type used beside it,
    and the weapon table's sub-event types (explosions)."""
    source = inspect.getsource(geomap.incidents)
    tree = ast.parse(source)
    consts = {name: value for name, value in vars(geomap.incidents).items()
              if isinstance(value, str) and value in CODEBOOK}
    pairs: set[tuple[str, str]] = set()
    loose: set[str] = set()  # sub-event types whose event type is not next to them

    def strings(node: ast.AST) -> list[str]:
        return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Trigger" and len(node.args) >= 4:
            etype, sub = node.args[2], node.args[3]
            if isinstance(sub, ast.Constant) and isinstance(etype, ast.Name) and etype.id in consts:
                pairs.add((consts[etype.id], sub.value))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names = [t.id for t in ast.walk(target) if isinstance(t, ast.Name)]
                if "sub" not in names:
                    continue
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    by_name = dict(zip([getattr(t, "id", None) for t in target.elts], node.value.elts))
                    etype = by_name.get("etype")
                    if isinstance(etype, ast.Name) and etype.id in consts:
                        pairs.update((consts[etype.id], s) for s in strings(by_name["sub"]))
                        continue
                loose.update(strings(node.value) if isinstance(target, ast.Name) else [])
    pairs.update((geomap.incidents.EXPLOSIONS, sub) for sub, *_ in geomap.incidents._WEAPONS)
    pairs.update(("?", s) for s in loose if s[:1].isupper())  # not the regular expressions beside them
    return pairs


def test_every_sub_event_type_of_the_classifier_is_in_the_table():
    pairs = _classifier_pairs()
    assert len(pairs) >= 15  # the scan found the classifier's rules
    for event_type, sub in sorted(pairs):
        if event_type == "?":
            assert any(taxonomy.is_valid(t, sub) for t in taxonomy.event_types()), sub
        else:
            assert taxonomy.is_valid(event_type, sub), (event_type, sub)


def test_the_classifier_event_types_are_the_table():
    used = {getattr(geomap.incidents, name) for name in ("BATTLES", "EXPLOSIONS", "VAC", "PROTESTS", "RIOTS", "SD")}
    assert used == set(taxonomy.event_types())


def test_classified_sentences_give_valid_pairs():
    sentences = [
        "Police fired tear gas at protesters in the capital.",
        "Rioters torched cars and looted shops.",
        "A drone strike hit a school.",
        "Russian forces shelled the town overnight.",
        "Gunmen abducted five villagers.",
        "The two sides signed a ceasefire agreement.",
        "Troops clashed with militants near the border.",
    ]
    found = [t for s in sentences for t in geomap.incidents.classify(s, at_war=True)]
    assert found
    for t in found:
        assert taxonomy.is_valid(t.event_type, t.sub_event_type), t


def test_nothing_is_read_at_import():
    import subprocess
    import sys

    code = ("import geomap.taxonomy, geomap.export, geomap.merge, geomap.render\n"
            "assert geomap.taxonomy._load.cache_info().currsize == 0\n")
    subprocess.run([sys.executable, "-c", code], check=True)
