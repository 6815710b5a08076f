"""Read articles: .txt / .md (optional header block), .html, .jsonl and standard input.

The first pipeline stage: paths in, :class:`~geomap.model.Article` out, one at a time (streaming).

Policies, chosen here and relied on downstream:

- Every bad input (missing, unreadable, binary, empty, malformed JSONL line) is passed to
  ``on_error`` as an :class:`~geomap.errors.InputError` naming the path (and line) and skipped;
  the other inputs are still read. Without ``on_error`` the first error is raised. A problem with an
  input that is still read goes to ``on_error`` as an :class:`InputWarning` (the article is kept).
- Not text: a file whose first bytes are those of a PDF, an image, an archive, a program, an Office or
  SQLite file (:data:`MAGIC`, whatever its name), or with NUL bytes or many control characters, is refused
  as "not a text file (a PDF document)".
- Bounded: an article file (.txt/.md/.html, standard input) or a JSONL line larger than
  :func:`max_article_bytes` (64 MiB; ``GEOMAP_MAX_ARTICLE_MB`` changes it) is refused without being read
  whole (a dump or a book is not an article: split it, or give JSON Lines); a JSONL file itself may be
  any size (read a line at a time). Devices (``/dev/zero``), sockets and named pipes met in a folder are
  refused without being opened; a named pipe given by name (``<(...)``) is read if a writer turns up
  within :data:`PIPE_WAIT` seconds, else refused. Folders are walked following symbolic links; a folder
  already walked (a link loop, two links to one folder) is walked once, with a warning.
- JSONL lines: anything that is not one JSON object is refused with its line number: malformed JSON,
  integers over Python's 4,300 digits, nesting deeper than the parser's recursion limit, lone surrogates
  (``"\\ud800"``) in any string, lines over the size limit.
- Offsets: a .txt/.md body is the decoded file text after the header's blank line, character for
  character (no newline translation, nothing stripped inside or in front); only the trailing run of
  ``\\r``/``\\n`` is removed. A JSONL ``text`` is kept exactly as given. Markdown is kept as is.
- A bad ``published`` value is reported as a :class:`BadPublishedDate` (an ``InputWarning`` with the line),
  and the article is still read, with the ``published`` argument (the ``--published`` default) instead.
  So is a date outside the plausible range (:data:`DATE_MIN` to a year after today: ``0001-01-01``,
  ``2099-01-01``): it is treated as unknown, the article kept.
- An article left with no date at all (none of its own, no ``--published``) gets a warning: its relative
  dates ("on Tuesday") cannot be resolved. A JSONL file gets one such warning, with the count and the
  first line.
- A header block not followed by its blank line: when the top lines are clearly a header (two or more
  lines with known keys, or a first ``published:`` line that is a date) they are read as the header, the
  body starting at the first other line, with a warning; otherwise (one ``Source: officials said`` line)
  everything is body, as before.
- A file name that is not valid UTF-8 is read, its id made of the name with U+FFFD for the bad bytes, with
  a warning; a path the file system cannot encode is reported and skipped.
- Dates are tz-aware: a date alone is 00:00 UTC, a datetime without offset is taken as UTC, an explicit
  offset is kept (so the local calendar day stays right for "on Tuesday").
- Decoding: UTF-16 with a BOM, else UTF-8 (BOM stripped), else the page's declared charset (HTML),
  else cp1252, else latin-1; the two 8-bit fallbacks only for bytes that look like text.
"""
from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import io
import itertools
import json
import os
import re
import select
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from typing import Any, BinaryIO, NamedTuple

from geomap.dates import as_aware
from geomap.errors import InputError
from geomap.model import Article

__all__ = [
    "BadPublishedDate",
    "DATE_MIN",
    "HEADER_KEYS",
    "Header",
    "InputWarning",
    "MAGIC",
    "MAX_ARTICLE_BYTES",
    "PIPE_WAIT",
    "SUFFIXES",
    "given_span_lines",
    "html_to_text",
    "iter_articles",
    "jsonl_articles",
    "max_article_bytes",
    "parse_published",
    "split_header",
]

ErrorHandler = Callable[[InputError], None]

#: Keys of a .txt/.md header block; the first line must start with one of them.
HEADER_KEYS: frozenset[str] = frozenset({"title", "published", "source", "url", "id"})
#: File suffixes read when walking a folder, and how each is read.
SUFFIXES: dict[str, str] = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

STDIN_PATH = "<stdin>"
_SNIFF = 8192  # bytes looked at to tell text from binary
_MAX_CONTROL_RATIO = 0.05
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13} | {127}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t]*")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


class InputWarning(InputError):
    """A problem with an input that is still read (a bad or missing date, a header without its blank line...):
    reported as a warning; it does not count as a skipped input."""


#: The first warning there was, kept as a name: every InputWarning is one (``isinstance(e, BadPublishedDate)``
#: is how callers tell a warning from a skipped input).
BadPublishedDate = InputWarning


def _bad_date(path: str, message: str, line: int | None) -> InputWarning:
    """The warning for a ``published`` value that is not a (plausible) date (the article is read with the default
    date); marked, so that the same article gets no second "no publication date" warning."""
    warning = BadPublishedDate(path, message, line)
    warning.bad_date = True  # type: ignore[attr-defined]
    return warning


def _is_bad_date(error: InputError) -> bool:
    return getattr(error, "bad_date", False)

#: Largest article file / JSONL line read, in bytes (see :func:`max_article_bytes`).
MAX_ARTICLE_BYTES = 64 << 20
#: Seconds a named pipe given by name may take to get a writer (or its first bytes) before it is refused.
PIPE_WAIT = 10.0
#: Publication dates before this, or more than a year after today, are not plausible (treated as unknown).
DATE_MIN = dt.datetime(1900, 1, 1, tzinfo=dt.timezone.utc)
_DATE_AHEAD = dt.timedelta(days=366)

#: Signatures of files that are not text, whatever their name: (offset, bytes, what it is).
MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "a PDF document"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"PK\x03\x04", "a ZIP archive or Office document"),
    (0, b"PK\x05\x06", "a ZIP archive"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"\xfd7zXZ\x00", "an xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (257, b"ustar", "a tar archive"),
    (0, b"\x7fELF", "a program"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (4, b"ftyp", "a video or image (MP4, MOV, HEIC)"),
    (0, b"OggS", "an audio or video file"),
    (0, b"{\\rtf", "an RTF document"),
)


def max_article_bytes() -> int:
    """The size limit of one article file (and one JSONL line): ``GEOMAP_MAX_ARTICLE_MB`` (MiB) if set, else 64 MiB."""
    value = os.environ.get("GEOMAP_MAX_ARTICLE_MB", "").strip()
    try:
        return max(1, int(float(value) * (1 << 20))) if value else MAX_ARTICLE_BYTES
    except (ValueError, OverflowError):
        return MAX_ARTICLE_BYTES


def _size_text(n: int) -> str:
    return f"{n / (1 << 20):,.0f} MiB" if n >= 1 << 20 else f"{n:,} bytes"


def _too_large(path: str, limit: int, size: int | None = None, line: int | None = None) -> InputError:
    what = "line" if line is not None else "file"
    got = f"{_size_text(size)}, " if size is not None else ""
    return InputError(path, f"too large ({got}over the {_size_text(limit)} limit for one article; split the {what}, "
                            "or raise GEOMAP_MAX_ARTICLE_MB)", line=line)


# ---------------------------------------------------------------- dates

def parse_published(text: str) -> dt.datetime | None:
    """Parse an ISO 8601 date or datetime (RFC 2822 also accepted) into a tz-aware datetime.

    Empty text gives None; anything else that is not a date raises ValueError with a clear message, and so
    does a date outside the plausible range (before :data:`DATE_MIN`, or more than a year after today).
    """
    s = text.strip()
    if not s:
        return None
    parsed: dt.datetime | None
    try:
        parsed = dt.datetime.fromisoformat(s[:-1] + "+00:00" if s[-1] in "Zz" else s)
    except ValueError:
        parsed = _parse_rfc2822(s)
    if parsed is None:
        raise ValueError(f"bad published date {s[:60]!r}: expected ISO 8601, e.g. 2025-11-18 or 2025-11-18T09:30:00Z")
    value = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.timezone.utc)  # naive: UTC
    latest = dt.datetime.now(dt.timezone.utc) + _DATE_AHEAD
    if not DATE_MIN <= value <= latest:
        raise ValueError(f"implausible published date {s[:60]!r}: outside {DATE_MIN:%Y-%m-%d} to "
                         f"{latest:%Y-%m-%d} (a year from today)")
    return value


def _parse_rfc2822(s: str) -> dt.datetime | None:
    try:
        return email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None


def _published(value: object, default: dt.datetime | None, where: tuple[str, int | None],
               report: ErrorHandler) -> dt.datetime | None:
    """The parsed ``published`` value, or ``default`` (after reporting) when it is bad."""
    if value is None:
        return default
    try:
        if not isinstance(value, str):
            raise ValueError(f"bad published date {value!r}: expected an ISO 8601 string")
        return parse_published(value) or default
    except ValueError as e:
        kept = "the default date" if default else "no date"
        report(_bad_date(where[0], f"{e} (article read with {kept})", where[1]))
        return default


# ---------------------------------------------------------------- decoding

def _magic(data: bytes) -> str | None:
    """What a file is when its first bytes are a known binary signature (:data:`MAGIC`), else None."""
    for offset, signature, what in MAGIC:
        if data[offset:offset + len(signature)] == signature:
            return what
    return None


def _not_text(path: str, data: bytes) -> InputError | None:
    """The error for bytes that are not text (a known signature, NUL bytes, many control characters), or None."""
    what = _magic(data)
    if what:
        return InputError(path, f"not a text file ({what})")
    if _looks_binary(data[:_SNIFF]):
        return InputError(path, "not a text file")
    return None


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_RATIO


def _decode(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode an article's bytes (see the module notes); raise InputError for binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not _magic(data):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "not a text file (bad UTF-16)") from None
    error = _not_text(path, data)
    if error:
        raise error
    return _decode_8bit(data, declared).removeprefix("\ufeff")


def _decode_8bit(data: bytes, declared: str | None = None) -> str:
    for encoding in ("utf-8", declared, "cp1252"):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    return data.decode("latin-1")


# ---------------------------------------------------------------- text files

class Header(NamedTuple):
    """A parsed header block: lower-cased keys -> (value, 1-based line), and where the body starts.

    ``unterminated`` is the 1-based line where the body starts when the header was not ended by a blank line
    (then reported as a warning), else None.
    """

    fields: dict[str, tuple[str, int]]
    body_start: int
    unterminated: int | None = None


def split_header(text: str) -> Header:
    """Find the optional ``key: value`` header block at the top of ``text``.

    It is a header when the first line starts with a known key (:data:`HEADER_KEYS`) and every line up to
    the first blank line is a ``key: value`` line; unknown keys inside it are ignored. When a line that is
    not ``key: value`` comes before any blank line, the top lines are still the header if they clearly are
    one: two or more lines with known keys, or a first ``published:`` line that is a date (trailing lines
    with unknown keys, such as a dateline "KYIV: ...", stay in the body); the header is then returned with
    ``unterminated`` set. Otherwise there is no header (``fields`` empty, ``body_start`` 0).
    """
    fields: dict[str, tuple[str, int]] = {}
    starts: list[int] = []  # where each header line starts
    pos = 0
    for number in itertools.count(1):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        nxt = len(text) if end < 0 else end + 1
        if not line.strip():
            return Header(fields, nxt) if fields else Header({}, 0)
        m = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if not m or (number == 1 and m.group(1).lower() not in HEADER_KEYS):
            return _unterminated(text, fields, starts, pos) if fields else Header({}, 0)
        fields[m.group(1).lower()] = (m.group(2), number)
        starts.append(pos)
        if end < 0:
            return Header(fields, nxt)
        pos = nxt
    raise AssertionError("unreachable")


def _unterminated(text: str, fields: dict[str, tuple[str, int]], starts: list[int], stop: int) -> Header:
    """The header lines before ``stop`` (a body line with no blank line before it), if they clearly are a header."""
    known = {key: value for key, value in fields.items() if key in HEADER_KEYS}
    last = max(line for _value, line in known.values())  # trailing unknown keys belong to the body
    body_start = starts[last] if last < len(starts) else stop
    kept = {key: value for key, value in fields.items() if value[1] <= last}
    published = known.get("published")
    dated = published is not None and published[1] == 1 and _is_date(published[0])
    if len(known) >= 2 or dated:
        return Header(kept, body_start, last + 1)
    return Header({}, 0)


def _is_date(value: str) -> bool:
    try:
        return parse_published(value) is not None
    except ValueError:
        return False


def _field(header: Header, key: str) -> str | None:
    value = header.fields.get(key, ("", 0))[0]
    return value or None


def _text_article(text: str, path: str, default_id: str, default: dt.datetime | None,
                  report: ErrorHandler) -> Article:
    header = split_header(text)
    body = text[header.body_start:].rstrip("\r\n")
    if not body or body.isspace():
        raise InputError(path, "empty article")
    if header.unterminated:
        report(InputWarning(path, f"the header block has no blank line after it: read as the header, the body "
                                  f"starting at this line", line=header.unterminated))
    line = header.fields.get("published", ("", None))[1]
    given_id = _field(header, "id")
    return Article(
        id=given_id or default_id,
        body=body,
        title=_field(header, "title"),
        published=_published(_field(header, "published"), default, (path, line), report),
        source=_field(header, "source"),
        url=_field(header, "url"),
        path=path,
        id_given=given_id is not None,
    )


# ---------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
                        "svg", "form", "button", "select", "iframe"})
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                         "ul", "ol", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "figure",
                         "figcaption", "hr", "address", "body", "td", "th", "caption", "details", "summary"})
_META_PUBLISHED = ("article:published_time", "og:published_time", "datepublished", "dcterms.date", "dc.date",
                   "date", "pubdate", "publishdate")  # in order of preference
_META_TITLE = ("og:title", "twitter:title")


class _PageParser(HTMLParser):
    """Collects readable text (skipping scripts, navigation...), the <title> and a few <meta> values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, tuple[str, int]] = {}
        self._skip: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in ("meta", "link"):
            self._keep_meta(tag, dict(attrs))
        elif tag in _SKIP_TAGS:
            self._skip.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP_TAGS:  # <nav/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS:
            if tag in self._skip:  # close up to the matching open tag (tolerates unclosed children)
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag):]
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def _keep_meta(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "link":
            key, value = ("canonical" if (attrs.get("rel") or "").lower() == "canonical" else ""), attrs.get("href")
        else:
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            value = attrs.get("content")
        if key and value and value.strip() and key not in self.meta:
            self.meta[key] = (value.strip(), self.getpos()[0])

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()

    def first_meta(self, keys: Iterable[str]) -> tuple[str, int] | None:
        return next((self.meta[k] for k in keys if k in self.meta), None)


def _parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: scripts, styles, navigation, headers and footers dropped;
    block elements end paragraphs (blank line between), ``<br>`` ends a line; entities decoded."""
    return _parse_page(html).text()


def _html_article(data: bytes, path: str, default_id: str, default: dt.datetime | None,
                  report: ErrorHandler) -> Article:
    m = _CHARSET.search(data[:4096])
    page = _parse_page(_decode(data, path, m.group(1).decode("ascii") if m else None))
    body = page.text()
    if not body:
        raise InputError(path, "empty article (no readable text in the page)")
    title = page.first_meta(_META_TITLE) or (" ".join("".join(page.title_parts).split()), 0)
    date = page.first_meta(_META_PUBLISHED)
    url = page.first_meta(("og:url", "canonical"))
    source = page.first_meta(("og:site_name",))
    return Article(
        id=default_id,
        body=body,
        title=title[0] or None,
        published=_published(date[0], default, (path, date[1]), report) if date else default,
        source=source[0] if source else None,
        url=url[0] if url else None,
        path=path,
    )


# ---------------------------------------------------------------- JSONL

class _Oversize(bytes):
    """Stands for a JSONL line over the size limit (skipped, not read into memory)."""


def _bounded_lines(f: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``f`` (with their newline); a line longer than ``limit`` bytes comes as an empty
    :class:`_Oversize`, the rest of it skipped a megabyte at a time."""
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = f.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _Oversize()
        else:
            yield line


def _read_jsonl(path: str, f: BinaryIO, default: dt.datetime | None, report: ErrorHandler) -> Iterator[Article]:
    """One article per line, streamed; a bad line is reported (with its number) and skipped."""
    with f:
        sample = f.peek(_SNIFF)[:_SNIFF] if hasattr(f, "peek") else b""
        error = _not_text(path, sample)
        if error:
            raise error
        yield from jsonl_articles(_bounded_lines(f, max_article_bytes()), path, published=default, on_error=report)


def jsonl_articles(lines: Iterable[bytes], path: str, *, published: dt.datetime | None = None,
                   on_error: ErrorHandler, sniff_first: bool = False) -> Iterator[Article]:
    """Articles from the raw lines of one JSONL source (a file, or a shard another engine read).

    A bad line goes to ``on_error`` with its number and is skipped; a source with no line at all raises
    "empty file", and with ``sniff_first`` a binary first line raises "not a text file". Articles left with
    no date (none in the line, no ``published`` default) get one warning for the whole source, at its end.
    """
    stem = _stem(path)
    seen = False
    undated: list[int] = []
    limit = max_article_bytes()
    bad_dates: set[int | None] = set()

    def note(error: InputError) -> None:
        if _is_bad_date(error):
            bad_dates.add(error.line)
        on_error(error)

    for number, raw in enumerate(lines, 1):
        if sniff_first and number == 1:
            error = _not_text(path, raw[:_SNIFF])
            if error:
                raise error
        try:
            article = _jsonl_article(raw, path, number, stem, as_aware(published), note, limit)
        except InputError as e:
            seen = True
            on_error(e)
            continue
        if article is not None:
            seen = True
            if article.published is None and number not in bad_dates:
                undated.append(number)
            yield article
    if not seen:
        raise InputError(path, "empty file (no articles)")
    if undated:
        more = f" (and {len(undated) - 1:,} more lines)" if len(undated) > 1 else ""
        on_error(InputWarning(path, f"no publication date{more}: relative dates such as 'on Tuesday' stay "
                                    f"unresolved; give \"published\" or --published", line=undated[0]))


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _json_object(raw: bytes, path: str, number: int, limit: int | None = None) -> dict[str, Any] | None:
    """One JSONL line as a dict (None for a blank line); InputError for anything else: malformed JSON, an
    integer too long for Python, nesting too deep, a lone surrogate in a string, a value that is not an object,
    a line over the size limit."""
    if isinstance(raw, _Oversize) or len(raw) > (limit or max_article_bytes()):
        raise _too_large(path, limit or max_article_bytes(), None if isinstance(raw, _Oversize) else len(raw),
                         line=number)
    line = _decode_8bit(raw).removeprefix("\ufeff")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(path, f"malformed JSON: {e.msg} (column {e.colno})", line=number) from None
    except RecursionError:
        raise InputError(path, "malformed JSON: nested too deeply", line=number) from None
    except ValueError:  # an integer of more than 4,300 digits (sys.get_int_max_str_digits)
        digits = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
        raise InputError(path, f"malformed JSON: a number of more than {digits:,} digits", line=number) from None
    if not isinstance(obj, dict):
        raise InputError(path, f"not a JSON object but {type(obj).__name__}", line=number)
    if _SURROGATE_ESCAPE.search(line) and _has_lone_surrogate(obj):
        raise InputError(path, "malformed JSON: a string holds a lone surrogate (\\ud800-\\udfff), not text",
                         line=number)
    return obj


def _has_lone_surrogate(obj: object) -> bool:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (ValueError, RecursionError):  # cannot happen for what json.loads gave; be safe
        return True
    return False


def _jsonl_article(raw: bytes, path: str, number: int, stem: str, default: dt.datetime | None,
                   report: ErrorHandler, limit: int | None = None) -> Article | None:
    obj = _json_object(raw, path, number, limit)
    if obj is None:
        return None
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, 'missing or empty "text"', line=number)
    fields = {k: _scalar(obj, k, path, number) for k in ("id", "title", "source", "url")}
    return Article(
        id=fields["id"] or f"{stem}-{number}",
        body=text,
        title=fields["title"],
        published=_published(obj.get("published"), default, (path, number), report),
        source=fields["source"],
        url=fields["url"],
        path=path,
        line=number,
        id_given=fields["id"] is not None,
    )


def _scalar(obj: dict[str, Any], key: str, path: str, number: int) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(path, f'"{key}" must be a string, not {type(value).__name__}', line=number)


# ---------------------------------------------------------------- files, folders, stdin

def _clean_name(name: str) -> str:
    """``name`` with what cannot be written as UTF-8 (bytes a file name had that are not UTF-8, surrogate
    escaped by the OS layer, or lone surrogates) replaced by U+FFFD."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8").replace("?", "\ufffd")


def _stem(path: str) -> str:
    return _clean_name(os.path.splitext(os.path.basename(path))[0])


def _kind(path: str, data: bytes | None = None) -> str:
    """How to read a file: by its suffix, else sniffed (HTML or plain text)."""
    kind = SUFFIXES.get(os.path.splitext(path)[1].lower())
    if kind:
        return kind
    head = _decode_8bit(data[:1024]) if data else ""
    return "html" if _HTML_START.match(head) else "text"


def _document(data: bytes, path: str, default_id: str, default: dt.datetime | None,
              report: ErrorHandler) -> Article:
    """One .txt/.md/.html (or unknown-suffix) article from its bytes."""
    if _kind(path, data) == "html":
        return _html_article(data, path, default_id, default, report)
    return _text_article(_decode(data, path), path, default_id, default, report)


def _os_reason(e: OSError) -> str:
    return e.strerror or str(e)


def _file_type(mode: int) -> str | None:
    """What a file that is not regular (nor a folder) is, for the message; None for a regular file or folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _open_input(path: str, named: bool) -> BinaryIO:
    """Open one input file for reading, or raise InputError without reading it: devices and sockets are
    refused (not even opened: opening some devices does something), named pipes too unless the user named
    the pipe itself (``named``) and a writer turns up within PIPE_WAIT seconds."""
    try:
        kind = _file_type(os.stat(path).st_mode)
        if kind and not (kind == "a named pipe" and named):
            where = "" if named or kind != "a named pipe" else " inside a folder"
            raise InputError(path, f"not a regular file ({kind}{where}): not read")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except InputError:
        raise
    except OSError as e:
        raise InputError(path, _os_reason(e)) from None
    except ValueError:  # a lone surrogate or NUL in the path: nothing on disk can have that name
        raise InputError(path, "not a valid file name on this system") from None
    try:
        mode = os.fstat(fd).st_mode  # what was opened, not what was there a moment before
        kind = _file_type(mode)
        if kind == "a named pipe" and named:
            ready, _, _ = select.select([fd], [], [], PIPE_WAIT)
            if not ready:
                raise InputError(path, f"a named pipe with nothing written to it in {PIPE_WAIT:g} s: not read")
        elif kind:
            raise InputError(path, f"not a regular file ({kind}): not read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bounded(f: BinaryIO, path: str) -> bytes:
    """All of ``f`` (an article), refused when over the size limit, without reading more than the limit."""
    limit = max_article_bytes()
    try:
        size = os.fstat(f.fileno()).st_size if stat.S_ISREG(os.fstat(f.fileno()).st_mode) else None
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        size = None
    if size is not None and size > limit:
        raise _too_large(path, limit, size)
    data = f.read(limit + 1)
    if len(data) > limit:
        raise _too_large(path, limit)
    return data


def _read_path(path: str, default: dt.datetime | None, report: ErrorHandler, named: bool = True
               ) -> Iterator[Article]:
    stem = _stem(path)
    f = _open_input(path, named)
    report = _DateWatch(report)
    if stem != os.path.splitext(os.path.basename(path))[0]:
        report(InputWarning(path, f"the file name is not valid UTF-8: its articles' ids use {stem!r}"))
    if _kind(path) == "jsonl":
        yield from _read_jsonl(path, f, default, report)
        return
    try:
        with f:
            data = _read_bounded(f, path)
    except OSError as e:
        raise InputError(path, _os_reason(e)) from None
    yield _undated(_document(data, path, stem, default, report), report)


class _DateWatch:
    """An error handler passing everything on, noting whether a bad date was reported (then "no date" is not)."""

    def __init__(self, report: ErrorHandler) -> None:
        self.report = report
        self.bad_date = False

    def __call__(self, error: InputError) -> None:
        self.bad_date |= _is_bad_date(error)
        self.report(error)


def _undated(article: Article, report: ErrorHandler) -> Article:
    if article.published is None and not getattr(report, "bad_date", False):
        report(InputWarning(article.path or STDIN_PATH, "no publication date: relative dates such as 'on Tuesday' "
                                                        "stay unresolved; give a 'published:' line or --published"))
    return article


def _read_stdin(stream: BinaryIO | None, default: dt.datetime | None, report: ErrorHandler) -> Iterator[Article]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_PATH, "standard input is not available")
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        mode = None
    if mode is not None and (stat.S_ISBLK(mode) or stat.S_ISCHR(mode) and not stream.isatty()):
        raise InputError(STDIN_PATH, "not a regular file (a device): not read")
    report = _DateWatch(report)
    try:
        data = _read_bounded(stream, STDIN_PATH)
    except OSError as e:
        raise InputError(STDIN_PATH, _os_reason(e)) from None
    yield _undated(_document(data, STDIN_PATH, "stdin", default, report), report)


def _walk(folder: str, report: ErrorHandler, seen: dict[tuple[int, int], str]) -> Iterator[str]:
    """Article files below ``folder``, in sorted path order; hidden files and folders skipped. Symbolic links
    are followed, but a folder is walked once: one met again (a link loop, two links to one folder) is
    reported as a warning and skipped. ``seen`` maps the folders walked so far to their path."""
    try:
        info = os.stat(folder)
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        report(InputError(folder, _os_reason(e)))
        return
    seen.setdefault((info.st_dev, info.st_ino), folder)
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # follows a link
            key = (entry.stat().st_dev, entry.stat().st_ino) if is_dir else None
        except OSError:
            is_dir, key = False, None
        if is_dir and key is not None:
            if key in seen:
                link = "a symbolic link to " if entry.is_symlink() else ""
                report(InputWarning(entry.path, f"{link}a folder already read as {seen[key]}: not read again"))
                continue
            yield from _walk(entry.path, report, seen)
        elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
            yield entry.path


def _expand(name: str, report: ErrorHandler) -> Iterator[tuple[str, bool]]:
    """The files an input names, each with whether the user named it: itself, or the article files of a folder."""
    if not os.path.isdir(name):
        yield name, True
        return
    errors: list[InputError] = []

    def note(error: InputError) -> None:
        if not isinstance(error, InputWarning):
            errors.append(error)
        report(error)

    found = False
    for path in _walk(name, note, {}):
        found = True
        yield path, False
    if not found and not errors:
        report(InputError(name, "no .txt, .md, .html, .htm or .jsonl files in this folder"))


def _raise(error: InputError) -> None:
    if not isinstance(error, InputWarning):
        raise error


def _guarded(articles: Iterator[Article], report: ErrorHandler) -> Iterator[Article]:
    try:
        yield from articles
    except InputError as e:
        report(e)


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    published: dt.datetime | None = None,
    on_error: ErrorHandler | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Read every article of ``inputs`` (files, folders walked recursively, ``"-"`` for standard input).

    ``published`` is the date of articles that do not carry one. ``on_error`` receives each bad input
    (the input is skipped and reading goes on) and each warning (:class:`InputWarning`: the article is
    read); without it the first error is raised and warnings are dropped. ``stdin`` replaces
    ``sys.stdin.buffer``. Articles are produced lazily: a large JSONL file is read one line at a time.
    """
    report = on_error or _raise
    default = as_aware(published)
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            yield from _guarded(_read_stdin(stdin, default, report), report)
            continue
        for path, named in _expand(name, report):
            yield from _guarded(_read_path(path, default, report, named), report)


# ---------------------------------------------------------------- given spans (places --given-spans)

def _offset(value: object) -> int | None:
    """A span offset: an integer (or an integral float, or a string of digits, as earlier versions took), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 20:
        return int(value.strip())
    return None


def given_span_lines(path: str, on_error: ErrorHandler) -> Iterator[tuple[int, str, str, list[tuple[int, int]]]]:
    """The lines of a ``places --given-spans`` JSONL file as (line number, id, text, spans), in order.

    Each line is ``{"id"?, "text", "toponyms": [{"start", "end"}, ...]}``; a missing ``toponyms`` is no span. A
    line that is not that (malformed JSON, no text, ``toponyms`` not a list, a span without an integer ``start``
    or ``end``, a span outside the text or empty) goes to ``on_error`` with its number and is skipped; the
    other lines are still read. A file that cannot be opened is reported once.
    """
    try:
        f = _open_input(path, True) if path != "-" else sys.stdin.buffer
    except InputError as e:
        on_error(e)
        return
    with f:
        sample = f.peek(_SNIFF)[:_SNIFF] if hasattr(f, "peek") else b""
        error = _not_text(path, sample)
        if error:
            on_error(error)
            return
        for number, raw in enumerate(_bounded_lines(f, max_article_bytes()), 1):
            try:
                found = _given_spans(raw, path, number)
            except InputError as e:
                on_error(e)
                continue
            if found is not None:
                yield found


def _given_spans(raw: bytes, path: str, number: int) -> tuple[int, str, str, list[tuple[int, int]]] | None:
    obj = _json_object(raw, path, number)
    if obj is None:
        return None
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(path, 'missing "text" (a string)', line=number)
    toponyms = obj.get("toponyms", [])
    if toponyms is None:
        toponyms = []
    if not isinstance(toponyms, list):
        raise InputError(path, f'"toponyms" must be a list of {{"start", "end"}} objects, not '
                               f'{type(toponyms).__name__}', line=number)
    spans: list[tuple[int, int]] = []
    for index, item in enumerate(toponyms):
        if not isinstance(item, dict):
            raise InputError(path, f"toponym {index}: not an object but {type(item).__name__}", line=number)
        start, end = _offset(item.get("start")), _offset(item.get("end"))
        for key, value in (("start", start), ("end", end)):
            if value is None:
                given = "missing" if key not in item else f"{item[key]!r}"[:40]
                raise InputError(path, f'toponym {index}: "{key}" must be a whole number, not {given}', line=number)
        assert start is not None and end is not None
        if not 0 <= start < end <= len(text):
            raise InputError(path, f"toponym {index}: span {start}-{end} lies outside the text (length "
                                   f"{len(text)}) or is empty", line=number)
        spans.append((start, end))
    ident = obj.get("id", number)
    return number, _clean_name(str(ident) if not isinstance(ident, str) else ident), text, spans
