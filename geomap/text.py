"""The text as every stage reads it: sentences with exact offsets, and the dateline opening a story.

- `split_sentences`: sentences and paragraphs (abbreviations and titles from `geomap/lexicon/titles.tsv` end none);
- `find_dateline`: the span of a capitals dateline ("KYIV, Ukraine —", "GAZA CITY (AP) —"), which the incidents
  never take for the event's place;
- `dateline_place`: the (city, country) of a dateline in any case ("Kupiansk, Ukraine -"), whose country helps the
  resolver;
- `opens_dateline`: whether a word opens a line before a dateline's punctuation ("DALTON -"), so that the
  recognizer takes an all-capital word there for a place and not an acronym.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.lexicon_tables import titles

__all__ = ["Sentence", "split_sentences", "find_dateline", "dateline_place", "opens_dateline"]

# A period after these ends no sentence ("Mr.", "Gov.", "No. 5", "St.")
_ABBREVIATIONS = titles("short title", "abbreviation")

_MONTH_ABBR = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_STARTERS = {"The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "At", "But", "And", "This",
             "That", "These", "Those", "His", "Her", "Their", "Its", "There", "After", "Before", "When", "While",
             "As", "Officials", "Police", "Authorities", "Meanwhile", "However", "Earlier", "Later", "Some",
             "No", "One", "Two", "Three", "Our", "If", "Although", "Since", "Still", "Then", "Now", "Asked"}
_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int


def _is_boundary(body: str, dot: int, next_word: str) -> bool:
    """Whether the '.' at `dot` ends a sentence, given the word that follows."""
    i = dot
    while i > 0 and not body[i - 1].isspace():
        i -= 1
    token = body[i:dot].lstrip("\"'“‘(")
    low = token.lower()
    if not next_word or not (next_word[0].isupper() or next_word[0].isdigit() or next_word[0] in "\"'“‘("):
        return False
    if low in _ABBREVIATIONS:
        return False
    if low in _MONTH_ABBR:
        return not next_word[0].isdigit() and next_word in _STARTERS
    if low in ("a.m", "p.m"):  # "at 5 a.m. Sirens followed" but "at 5 a.m. GMT"
        return not re.fullmatch(r"[A-Z]{2,4}\b.*", next_word)
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S., U.N.
        return next_word.strip("\"'“‘") in _STARTERS
    if re.fullmatch(r"[A-Z]", token):  # an initial: "John F. Kennedy"
        return False
    return True


def split_sentences(body: str) -> list[Sentence]:
    """Sentences with exact offsets (body[s.start:s.end] == s.text) and a paragraph number.

    A newline ends a sentence and a paragraph, except inside a hard-wrapped paragraph (the next line
    starts in lower case). Abbreviations (Mr., Gov., Nov. 17, U.S., a.m.) do not end sentences.
    """
    cuts: list[tuple[int, bool]] = []  # (end offset, also ends a paragraph)
    for m in re.finditer(r"\n", body):
        rest = body[m.end():].lstrip(" \t")
        if rest and rest[0].islower() and body[:m.start()].rstrip()[-1:] not in ".!?\"”’:":
            continue
        cuts.append((m.start(), True))
    for m in _END_RE.finditer(body):
        nxt = re.match(r"\s+(\S+)", body[m.end():])
        if nxt is None or "\n" in body[m.end():m.end() + nxt.start(1)]:
            continue
        dot = m.start()
        if body[dot] == "." and not _is_boundary(body, dot, nxt.group(1)):
            continue
        if body[dot] in "!?" and not (nxt.group(1)[0].isupper() or nxt.group(1)[0] in "\"“‘"):
            continue
        cuts.append((m.end(), False))
    cuts.append((len(body), True))
    cuts.sort()
    sentences: list[Sentence] = []
    pos, para = 0, 0
    for cut, ends_para in cuts:
        chunk = body[pos:cut]
        lead = len(chunk) - len(chunk.lstrip())
        text = chunk.strip()
        if text:
            start = pos + lead
            sentences.append(Sentence(start, start + len(text), text, para, len(sentences)))
        if ends_para and text or ends_para and "\n" in body[pos:cut + 1]:
            para += 1 if sentences and sentences[-1].paragraph == para else 0
        pos = cut
    return sentences


# a wire dateline's day: "KYIV, June 12 (Reuters) -", "JOS, Nigeria, April 15 (AFP) -"
_DATELINE_DAY = (r"(?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
                 r"(?:,\s*\d{4})?)?")
_DATELINE_RE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*)"
    r"(?:,\s*[A-Z][\w.'’\-]*(?:\s+(?:of|and|the|[A-Z][\w.'’\-]*))*)?"  # "Democratic Republic of Congo"
    + _DATELINE_DAY + r"\s*(?:\([A-Z][\w.'’ &-]{1,24}\)\s*)?[—–-]{1,2}\s+"
)


def find_dateline(body: str) -> tuple[int, int] | None:
    """The span of a dateline like "KYIV, Ukraine —" or "GAZA CITY (AP) —" at the start of the body."""
    m = _DATELINE_RE.match(body)
    if not m or len(m.group("city")) < 3:
        return None
    return (m.start("city"), m.end())


# "KYIV, Ukraine —", "KHARKIV, Ukraine (AP) —", "Kupiansk, Ukraine -": a city and its country opening the story.
_DATELINE_PLACE = re.compile(
    r"^\s*([A-Z][\w’'.\- ]{1,40}?),\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
    r"([A-Z][\w’'.\- ]{1,30}?)" + _DATELINE_DAY + r"\s*(?:\([^)]{1,25}\)\s*)?[—–-]")


def dateline_place(text: str) -> tuple[str, str] | None:
    """The city and the country of a dateline opening the text, as written ("Kupiansk", "Ukraine")."""
    match = _DATELINE_PLACE.match(text[:120])
    return (match.group(1), match.group(2)) if match else None


def _at_line_start(text: str, start: int) -> bool:
    if start and not text[start - 1].isspace():
        return False  # the usual case, without copying the line
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


_DATELINE_PUNCT = re.compile(r"\s*[,—–(]|\s+-")


def opens_dateline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word opening a line before a dateline's punctuation: "KYIV, Ukraine —",
    "DALTON -"."""
    return _at_line_start(text, start) and _DATELINE_PUNCT.match(text, end, end + 3) is not None
