"""The grammar's speed-ups find exactly what the plain patterns find."""
import re

from geomap import grammar


def test_prefix_tree_matches_where_the_plain_alternation_does():
    words = {"attack", "attacked", "arrest", "air strike", "a", "bomb", "bombard", "sets fire to", "set ablaze", "x-ray"}
    plain = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")
    tree = re.compile(r"\b(?:" + grammar.prefix_tree(words) + ")")
    for text in ("an attack", "bombarded", "the arrests", "sets fire", "sets fire to it", "x-rays", "maybe",
                 "aircraft", "", "Bomb", "set ablaze", "the b-side"):
        assert bool(tree.search(text)) == bool(plain.search(text)), text
    assert grammar.prefix_tree({"ab", "ac"}) == "a(?:b|c)" and grammar.prefix_tree({"ab", "abc"}) == "ab"


def test_word_screen_gives_the_keys_whose_word_beginnings_a_text_holds():
    screen = grammar.WordScreen({"kill": ("kill",), "killed": ("killed",), "fire": ("fire", "set fire"),
                                 "arm": ("arm", "armed men")})
    assert screen.keys("two were killed") == {"kill", "killed"}
    assert screen.keys("they set fire to it") == {"fire"}
    assert screen.keys("armed men, an army") == {"arm"}
    assert screen.keys("skilled firemen") == {"fire"}  # "kill" does not begin a word there
    assert screen.keys("nothing here") == frozenset()
