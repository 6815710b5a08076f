"""The event grammar's lexicon: data files read from the installed package, verbs in every form."""
import re

import pytest

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


def test_word_starts_give_the_literal_beginnings_of_a_concept():
    starts = grammar.word_starts("territory")
    assert "capture" in starts and "seize" in starts and "retook" in starts


def test_the_screen_before_classify_never_hides_an_event(monkeypatch):
    from pathlib import Path

    from geomap import incidents
    from geomap.incidents import split_sentences

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "examples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests/data/gold").glob("*.txt"))]
    clauses = [s.text for t in texts for s in split_sentences(t)]
    screened = [incidents.classify(c) for c in clauses]
    monkeypatch.setattr(incidents, "_screen", lambda: None)
    assert screened == [incidents.classify(c) for c in clauses]
    assert sum(map(bool, screened)) > 20  # the texts do hold events


def test_minimal_words_screen_exactly_as_all_of_them():
    words = ("kill", "killed", "killing", "bomb", "bombing", "ablaze", "blaze")
    assert grammar.minimal(words) == ("kill", "bomb", "blaze")
    for text in ("two were killed", "a bombing", "set ablaze", "nothing here", "KILLED"):
        low = text.lower()
        assert any(w in low for w in words) == any(w in low for w in grammar.minimal(words))


def test_fast_pattern_finds_what_the_case_insensitive_pattern_finds():
    fast = grammar.FastPattern(r"\b(?:shell(?:ed|ing)?|Kyiv|air ?strikes?)\b")
    for text in ("Russian forces SHELLED the town", "airstrikes on kyiv", "nothing at all", "İstanbul shelled", ""):
        plain = [m.span() for m in re.finditer(fast.pattern, text, re.I)]
        assert [m.span() for m in fast.finditer(text)] == plain
        found = fast.search(text)
        assert (found.span() if found else None) == (plain[0] if plain else None)


def test_a_concept_may_take_in_another_concepts_alternatives(monkeypatch):
    table = [["armed_group", "rebels"], ["armed_group", "RSF"], ["looters", "@{armed_group} looted"]]
    monkeypatch.setattr(grammar, "read_table", lambda name: table if name == "triggers.tsv" else [])
    grammar._triggers.cache_clear()
    try:
        assert re.search(grammar.pattern("looters"), "RSF looted the market")
        assert re.search(grammar.pattern("looters"), "rebels looted the market")
        assert not re.search(grammar.pattern("looters"), "armed_group looted the market")
        table.append(["broken", "@{no_such} looted"])
        grammar._triggers.cache_clear()
        with pytest.raises(KeyError, match="no_such"):
            grammar._triggers()
    finally:
        grammar._triggers.cache_clear()


def test_a_row_without_its_tab_is_refused_with_the_row_named(monkeypatch):
    # a pattern wrapped onto a line of its own once made every clause fail, and the benchmark read 0 incidents
    table = [["battle", "clashes"], ["(?<=hundreds ))march"]]
    monkeypatch.setattr(grammar, "read_table", lambda name: table if name == "triggers.tsv" else [])
    grammar._triggers.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"triggers\.tsv.*hundreds"):
            grammar._triggers()
    finally:
        grammar._triggers.cache_clear()


def test_every_event_making_concept_can_be_screened_by_its_word_beginnings():
    # one alternative opening with "an?" once turned the whole screen off and classify read every clause in full
    from geomap import incidents
    missing = [c for c in incidents._EVENT_MAKERS if grammar.word_starts(c) is None]
    assert missing == [] and incidents._screen() is not None


def test_short_verbs_double_their_last_consonant_and_drive_is_irregular():
    assert grammar.verb_forms("stab") == ("stab", "stabs", "stabbed", "stabbing")
    assert grammar.verb_forms("ram")[2:] == ("rammed", "ramming")
    assert grammar.verb_forms("enter")[2] == "entered" and grammar.verb_forms("agree")[3] == "agreeing"
    assert "drove" in grammar.verb_forms("drive") and "repelled" in grammar.verb_forms("repel")
    assert "broke" in grammar.verb_forms("break")


def test_the_screens_cache_gives_what_parsing_gives_and_survives_a_broken_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(grammar, "_screens", None)
    monkeypatch.setattr(grammar, "_screens_used", {})
    grammar.word_starts.cache_clear()
    try:
        fresh = grammar._word_starts("battle")
        assert grammar.word_starts("battle") == fresh
        grammar._write_screens()
        assert (tmp_path / grammar._SCREENS_FILE).is_file()
        (tmp_path / grammar._SCREENS_FILE).write_text("{not json", encoding="utf-8")
        monkeypatch.setattr(grammar, "_screens", None)
        grammar.word_starts.cache_clear()
        assert grammar.word_starts("battle") == fresh  # an unreadable cache is worked out again
    finally:
        grammar.word_starts.cache_clear()
