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
