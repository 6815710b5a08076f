"""The event grammar's lexicon, read from the data files in `geomap/lexicon/` (loaded once, from the installed
package, never from a source checkout).

`triggers.tsv` holds, per concept ("battle", "territory", "weapon_air"...), one regular-expression alternative per
line; `pattern(concept)` joins them into one pattern inside the concept's frame (a line "@concept<TAB>frame", whose
"{}" takes the alternatives; by default a whole-word group). A word written "~verb" stands for every form of the
verb ("~seize" = seize|seizes|seized|seizing); irregular verbs are listed in `verb_forms.tsv`. "@{concept}" stands for
every alternative of another concept, so one list (the armed groups' names, say) serves several rules.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources

__all__ = ["pattern", "alternatives", "verb_forms", "read_table", "word_starts", "literals", "minimal", "lowered",
           "prefix_tree", "WordScreen", "FastPattern"]

_DEFAULT_FRAME = r"\b(?:{})\b"
_VERB = re.compile(r"~([a-z]+)")
_REFERENCE = re.compile(r"@\{([a-z_.0-9]+)\}")
_WORD_START = re.compile(r"^(?:\(\?<!?[^)]*\))*\\b")  # lookbehinds, then a word boundary


def read_table(name: str) -> list[list[str]]:
    """The rows of a tab-separated lexicon file (comment lines starting with '#' and blank lines skipped)."""
    text = resources.files("geomap").joinpath("lexicon").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _irregular() -> dict[str, tuple[str, ...]]:
    return {row[0]: tuple(row) for row in read_table("verb_forms.tsv")}


@lru_cache(maxsize=None)
def verb_forms(lemma: str) -> tuple[str, ...]:
    """Every form of a verb: the irregular table's, else the regular English ones."""
    if lemma in _irregular():
        return _irregular()[lemma]
    if lemma.endswith("ee"):
        return lemma, lemma + "s", lemma + "d", lemma + "ing"  # agree, agreeing
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if len(lemma) <= 4 and re.search(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$", lemma):
        doubled = lemma + lemma[-1]  # one syllable ending consonant-vowel-consonant: stab, stabbed, stabbing
        return lemma, lemma + "s", doubled + "ed", doubled + "ing"
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
        if len(row) != 2:
            raise ValueError(f"geomap/lexicon/triggers.tsv: a row needs a concept, a tab and a pattern: {row!r:.80}")
        concept, text = row
        if concept.startswith("@"):
            frames[concept[1:]] = text
        else:
            alts.setdefault(concept, []).append(_expand(text))
    for concept, own in alts.items():
        alts[concept] = [_REFERENCE.sub(lambda m: "(?:" + "|".join(_referenced(alts, m.group(1))) + ")", alt)
                         for alt in own]
    return alts, frames


def _referenced(alts: dict[str, list[str]], concept: str) -> list[str]:
    if concept not in alts:
        raise KeyError(f"geomap/lexicon/triggers.tsv refers to @{{{concept}}}, which it does not define")
    if any(_REFERENCE.search(alt) for alt in alts[concept]):
        raise ValueError(f"geomap/lexicon/triggers.tsv: @{{{concept}}} itself refers to another concept")
    return alts[concept]


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


# ---- the screens cache: what parsing the grammar's patterns gives, kept between runs in the data directory

_SCREENS_FILE = "grammar-screens-v1.json"
_screens: dict[str, list[str] | None] | None = None
_screens_used: dict[str, list[str] | None] = {}  # what this process looked up: written back, the rest dropped
_screens_new = False  # something was worked out that the file did not hold


def _screens_path() -> str:
    from geomap.gazetteer import default_data_dir

    return str(default_data_dir() / _SCREENS_FILE)


def _cached(key: str, compute: Callable[[], tuple[str, ...] | None]) -> tuple[str, ...] | None:
    """The value kept for ``key`` (a hash of the pattern text, so an edited lexicon misses), else computed and
    written back when the process ends. A missing or unreadable cache only costs the time."""
    global _screens, _screens_new
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    if _screens is None:
        _screens = {}
        try:
            with open(_screens_path(), encoding="utf-8") as f:
                loaded = json.load(f)
            if isinstance(loaded, dict):
                _screens = loaded
        except (OSError, ValueError):
            pass
        atexit.register(_write_screens)
    if digest in _screens:
        value = _screens[digest]
        _screens_used[digest] = value
        return None if value is None else tuple(value)
    got = compute()
    _screens[digest] = _screens_used[digest] = None if got is None else list(got)
    _screens_new = True
    return got


def _write_screens() -> None:
    if not _screens_new:
        return
    path = _screens_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(_screens_used, f)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache directory: the screens are worked out again next time


def _zero_width(item, c) -> bool:  # noqa: ANN001 - re's private parse tree and constants
    """Whether a group or alternation holds only assertions ("(?:(?<=a )|(?<=b ))")."""
    op, av = item
    if op not in (c.SUBPATTERN, c.BRANCH):
        return False
    branches = [av[-1]] if op is c.SUBPATTERN else av[1]
    return all(all(o in (c.AT, c.ASSERT_NOT, c.ASSERT) or _zero_width((o, a), c) for o, a in b) for b in branches)


def _leading(seq, c) -> set[str] | None:  # noqa: ANN001 - re's private parse tree and constants
    """The literal beginnings of every match of a parsed pattern (None: a match may begin otherwise)."""
    run = ""
    items = list(seq)
    k = 0
    while k < len(items) and (items[k][0] in (c.AT, c.ASSERT_NOT, c.ASSERT) or _zero_width(items[k], c)):
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


def _most_selective_start(items: list, c) -> set[str]:  # noqa: ANN001 - re's private parse tree and constants
    """Of the word beginnings every match holds at each word boundary of a pattern's top level ("gunmen ...
    killed": the actors, or the verbs), the set whose shortest word is longest: the fewest texts hold one."""
    best: set[str] = set()
    for k, (op, av) in enumerate(items):
        if op is not c.AT or av is not c.AT_BOUNDARY:
            continue
        got = {g.lower() for g in _leading(items[k:], c) or ()}
        if got and (not best or min(map(len, got)) >= min(map(len, best))):
            best = got
    return best


@lru_cache(maxsize=None)
def word_starts(concept: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which begins a word of every match of a concept (see ``_word_starts``), kept
    in the screens cache: working them out parses every alternative, a third of a second at each start."""
    alts, frames = _triggers()
    parts = [concept] if concept in alts else sorted(k for k in alts if k.startswith(concept + "."))
    key = "W\x1f" + concept + "\x1f" + "\x1e".join(f"{p}\x1f{frames.get(p, '')}\x1f" + "\x1f".join(alts[p])
                                                 for p in parts)
    return _cached(key, lambda: _word_starts(concept))


def _word_starts(concept: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which begins a word of every match of a concept whose every part starts at a
    word boundary (None when some alternative may begin otherwise): a cheap screen before the real patterns."""
    from re import _constants, _parser  # type: ignore[attr-defined]  # the parser behind re.compile

    alts, frames = _triggers()
    parts = [concept] if concept in alts else [k for k in alts if k.startswith(concept + ".")]
    out: set[str] = set()
    for part in parts:
        frame = frames.get(part, _DEFAULT_FRAME)
        if frame == "{}":
            units = alts[part]
        elif frame == _DEFAULT_FRAME:  # each alternative on its own: its most selective word is its own
            units = [frame.replace("{}", alt) for alt in alts[part]]
        else:
            units = [frame.replace("{}", "|".join(alts[part]))]
        for unit in units:
            if not _WORD_START.match(unit):
                return None
            try:
                got = _most_selective_start(list(_parser.parse(unit)), _constants)
            except Exception:  # pragma: no cover - private modules
                return None
            if not got or any(len(g) < 2 for g in got):
                return None
            out |= got
    return tuple(sorted(out))


def prefix_tree(words: set[str] | frozenset[str], longest: bool = False) -> str:
    """A pattern matching, at a position, exactly when one of `words` starts there, with the words' shared
    beginnings factored out ("a(?:rrest|ttack)"): the regex engine then tries a handful of letters at each
    position instead of every word in turn, many times faster on a screen of hundreds of words. A word that
    begins another is enough on its own (it matches wherever the longer one does); with `longest`, the match
    is the longest of the words that start there."""
    if "" in words and not longest:
        return ""
    tails: dict[str, set[str]] = {}
    for word in words:
        if word:
            tails.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first in sorted(tails):
        rest = prefix_tree(tails[first], longest)
        branches.append(re.escape(first) + (f"(?:{rest})" if "|" in rest else rest))
    if "" in words:
        branches.append("")  # the word ending here, tried after every longer one
    return "|".join(branches)


class WordScreen:
    """Which of several keys (concepts) a lower-cased text may hold, each key known by the strings one of which
    begins a word of its every match (see `word_starts`): one regex scan of the text, however many keys."""

    __slots__ = ("_rx", "_keys")

    def __init__(self, starts: dict[str, tuple[str, ...]]) -> None:
        words = {w for ws in starts.values() for w in ws}
        # at each word beginning, the longest of the words that start there: every shorter one starting there
        # begins it, so the keys of a found word are those of its own beginnings
        self._rx = re.compile(r"\b(?=(" + prefix_tree(words, longest=True) + "))")
        self._keys = {w: frozenset(k for k, ws in starts.items() if w.startswith(ws)) for w in words}

    def keys(self, low: str) -> frozenset[str]:
        """The keys one of whose word beginnings `low` (a lower-cased text) holds."""
        found: frozenset[str] = frozenset()
        for m in self._rx.finditer(low):
            found |= self._keys[m.group(1)]
        return found


@lru_cache(maxsize=256)
def lowered(text: str) -> str:
    """text.lower(), cached: the same clause is looked at by many patterns."""
    return text.lower()


def literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings at least one of which every match of `pattern` contains (None: none known); kept in
    the screens cache (see ``_literals``)."""
    return _cached("L\x1f" + pattern, lambda: _literals(pattern))


def _literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings at least one of which every match of `pattern` contains (None: none known).

    Read from the parsed pattern: runs of literal characters, through groups and alternations, keeping
    for each sequence its most selective requirement. Optional parts and lookarounds add nothing.
    """
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]  # the parser behind re.compile

        tree = _parser.parse(pattern)
    except Exception:  # pragma: no cover - private modules; without them, no pre-check
        return None
    found = _required(tree, _constants)
    return tuple(sorted(found)) if found else None


def minimal(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words none of the others is part of: a text holds one of `words` exactly when it holds one of these
    ("kill" is enough where "kill", "killed" and "killing" are required), so the screen looks for fewer."""
    return tuple(w for w in words if not any(other in w for other in words if other != w))


def _required(seq, c) -> frozenset[str] | None:  # noqa: ANN001 - re's private parse tree and constants
    candidates: list[frozenset[str]] = []
    run = ""

    def close() -> None:
        nonlocal run
        if run.strip():
            candidates.append(frozenset({run.lower()}))
        run = ""

    for op, av in seq:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if op in (c.AT, c.ASSERT_NOT, c.ASSERT):
            continue  # takes no characters: the run goes on
        close()
        if op is c.SUBPATTERN:
            got = _required(av[-1], c)
        elif op is c.BRANCH:
            parts = [_required(b, c) for b in av[1]]
            got = None if any(p is None for p in parts) else frozenset().union(*(p for p in parts if p is not None))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            got = _required(av[2], c)
        else:
            got = None
        if got:
            candidates.append(got)
    close()
    if not candidates:
        return None
    return max(candidates, key=lambda words: (min(len(w) for w in words), -len(words)))


class FastPattern:
    """A case-insensitive pattern, made fast: texts lacking all of its literal words are skipped (`in`
    is far cheaper than a regex scan), and the scan runs case-sensitively on the lower-cased text
    (several times faster than IGNORECASE) whenever lower-casing keeps every offset. Match offsets are
    those of the original text; read matched text from the original, not from `group()`."""

    __slots__ = ("_rx", "lower_rx", "words", "pattern", "_screen")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx: re.Pattern[str] | None = None  # the IGNORECASE pattern, compiled when first needed (rarely)
        folded = re.sub(r"\(\?P|\\.|[A-Z]", lambda m: m.group(0) if len(m.group(0)) > 1 else m.group(0).lower(),
                         pattern)
        self.lower_rx = re.compile(folded)
        self.words = literals(pattern)
        self._screen = minimal(self.words) if self.words is not None else None

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern, re.I)
        return self._rx

    def could(self, text: str) -> bool:
        if self._screen is None:
            return True
        low = lowered(text)
        # lower-casing that changes the length ("İ" -> "i̇") can hide a word IGNORECASE still matches
        return len(low) != len(text) or any(map(low.__contains__, self._screen))

    # search and finditer do could's work themselves (one look-up of the lower-cased text, no further calls):
    # they run for every clause of every article, many times over

    def search(self, text: str) -> re.Match[str] | None:
        low = lowered(text)
        if len(low) != len(text):
            return self.rx.search(text)
        screen = self._screen
        if screen is not None and not any(map(low.__contains__, screen)):
            return None
        return self.lower_rx.search(low)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = lowered(text)
        if len(low) != len(text):
            return self.rx.finditer(text)
        screen = self._screen
        if screen is not None and not any(map(low.__contains__, screen)):
            return iter(())
        return self.lower_rx.finditer(low)
