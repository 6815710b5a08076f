"""The event grammar's lexicon, read from the data files in `geomap/lexicon/` (loaded once, from the installed
package, never from a source checkout).

`triggers.tsv` holds, per concept ("battle", "territory", "weapon_air"...), one regular-expression alternative per
line; `pattern(concept)` joins them into one pattern inside the concept's frame (a line "@concept<TAB>frame", whose
"{}" takes the alternatives; by default a whole-word group). A word written "~verb" stands for every form of the
verb ("~seize" = seize|seizes|seized|seizing); irregular verbs are listed in `verb_forms.tsv`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["pattern", "alternatives", "verb_forms", "read_table"]

_DEFAULT_FRAME = r"\b(?:{})\b"
_VERB = re.compile(r"~([a-z]+)")
_WORD_START = re.compile(r"^(?:\(\?<!?[^)]*\))*\\b")  # lookbehinds, then a word boundary


def read_table(name: str) -> list[list[str]]:
    """The rows of a tab-separated lexicon file (comment lines starting with '#' and blank lines skipped)."""
    text = resources.files("geomap").joinpath("lexicon", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _irregular() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row) for row in read_table("verb_forms.tsv")}


@lru_cache(maxsize=None)
def verb_forms(lemma: str) -> tuple[str, ...]:
    """Every form of a verb: the irregular table's, else the regular English ones."""
    if lemma in _irregular():
        return _irregular()[lemma]
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma, lemma + "es", lemma + "ed", lemma + "ing"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


def _expand(alternative: str) -> str:
    return _VERB.sub(lambda m: "(?:" + "|".join(verb_forms(m.group(1))) + ")", alternative)


@lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, list[str]], dict[str, str]]:
    alts: dict[str, list[str]] = {}
    frames: dict[str, str] = {}
    for row in read_table("triggers.tsv"):
        concept, text = row[0], row[1]
        if concept.startswith("@"):
            frames[concept[1:]] = text
        else:
            alts.setdefault(concept, []).append(_expand(text))
    return alts, frames


def alternatives(concept: str) -> list[str]:
    """The alternatives of one concept (or one numbered part of it, "agreement.2")."""
    return list(_triggers()[0][concept])


def pattern(concept: str) -> str:
    """The regular expression of a concept: its parts ("name", or "name.1", "name.2"...) joined by '|'."""
    alts, frames = _triggers()
    parts = [concept] if concept in alts else sorted((k for k in alts if k.startswith(concept + ".")),
                                                      key=lambda k: int(k.rsplit(".", 1)[1]))
    if not parts:
        raise KeyError(f"no concept {concept!r} in geomap/lexicon/triggers.tsv")
    return "|".join(frames.get(p, _DEFAULT_FRAME).replace("{}", "|".join(alts[p])) for p in parts)


def _leading(seq, c) -> set[str] | None:  # noqa: ANN001 - re's private parse tree and constants
    """The literal beginnings of every match of a parsed pattern (None: a match may begin otherwise)."""
    run = ""
    items = list(seq)
    k = 0
    while k < len(items) and items[k][0] in (c.AT, c.ASSERT_NOT, c.ASSERT):
        k += 1  # \b and lookarounds take no characters
    while k < len(items) and items[k][0] is c.LITERAL:
        run += chr(items[k][1])
        k += 1
    if k < len(items) and items[k][0] in (c.SUBPATTERN, c.BRANCH):
        op, av = items[k]
        branches = [av[-1]] if op is c.SUBPATTERN else av[1]
        tails: set[str] = set()
        for b in branches:
            got = _leading(b, c)
            if not got:
                break
            tails |= got
        else:
            return {run + t for t in tails}
    return {run} if run else None


@lru_cache(maxsize=None)
def word_starts(concept: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which begins a word of every match of a concept whose every part starts at a
    word boundary (None when some alternative may begin otherwise): a cheap screen before the real patterns."""
    from re import _constants, _parser  # the parser behind re.compile

    alts, frames = _triggers()
    parts = [concept] if concept in alts else [k for k in alts if k.startswith(concept + ".")]
    out: set[str] = set()
    for part in parts:
        frame = frames.get(part, _DEFAULT_FRAME)
        units = alts[part] if frame == "{}" else [frame.replace("{}", "|".join(alts[part]))]
        for unit in units:
            if not _WORD_START.match(unit):
                return None
            try:
                got = {g.lower() for g in _leading(_parser.parse(unit), _constants) or ()}
            except Exception:  # pragma: no cover - private modules
                return None
            if not got or any(len(g) < 2 for g in got):
                return None
            out |= got
    return tuple(sorted(out))
