"""The event grammar's lexicon: data files read from the installed package, verbs in every form."""
import re

from geomap import grammar


def test_regular_and_irregular_verb_forms():
    assert grammar.verb_forms("seize") == ("seize", "seizes", "seized", "seizing")
    assert grammar.verb_forms("capture")[2] == "captured"
    assert grammar.verb_forms("ambush")[1] == "ambushes"
    assert "retook" in grammar.verb_forms("retake") and "struck" in grammar.verb_forms("strike")


def test_tilde_word_in_the_lexicon_matches_every_form():
    rx = re.compile(grammar.pattern("territory"), re.I)
    for sentence in ("Rebels seize the town.", "The rebels seized the town.", "Troops retake the village."):
        assert rx.search(sentence), sentence


def test_every_concept_compiles_and_frames_apply():
    alts, frames = grammar._triggers()
    names = {name.split(".")[0] for name in alts}
    for name in names:
        re.compile(grammar.pattern(name))
    assert grammar.pattern("riot_acts").startswith("(?<!anti-)")


def test_unknown_concept_is_a_clear_error():
    try:
        grammar.pattern("no_such_concept")
    except KeyError as e:
        assert "triggers.tsv" in str(e)
    else:
        raise AssertionError("expected KeyError")
