"""Read articles: .txt / .md (optional header block), .html, .jsonl and standard input.

The first pipeline stage: paths in, :class:`~geomap.model.Article` out, one at a time (streaming).

Policies, chosen here and relied on downstream:

- Every bad input (missing, unreadable, binary, empty, malformed JSONL line) is passed to
  ``on_error`` as an :class:`~geomap.errors.InputError` naming the path (and line) and skipped;
  the other inputs are still read. Without ``on_error`` the first error is raised.
- Offsets: a .txt/.md body is the decoded file text after the header's blank line, character for
  character (no newline translation, nothing stripped inside or in front); only the trailing run of
  ``\\r``/``\\n`` is removed. A JSONL ``text`` is kept exactly as given. Markdown is kept as is.
- A bad ``published`` value is reported as a :class:`BadPublishedDate` (an ``InputError`` with the line),
  and the article is still read, with the ``published`` argument (the ``--published`` default) instead.
- Dates are tz-aware: a date alone is 00:00 UTC, a datetime without offset is taken as UTC, an explicit
  offset is kept (so the local calendar day stays right for "on Tuesday").
- Decoding: UTF-16 with a BOM, else UTF-8 (BOM stripped), else the page's declared charset (HTML),
  else cp1252, else latin-1; the two 8-bit fallbacks only for bytes that look like text.
"""
from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from typing import BinaryIO, NamedTuple

from geomap.dates import as_aware
from geomap.errors import InputError
from geomap.model import Article

__all__ = [
    "BadPublishedDate",
    "HEADER_KEYS",
    "Header",
    "SUFFIXES",
    "html_to_text",
    "iter_articles",
    "jsonl_articles",
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


class BadPublishedDate(InputError):
    """A ``published`` value that is not a date: reported, but the article is still read."""


# ---------------------------------------------------------------- dates

def parse_published(text: str) -> dt.datetime | None:
    """Parse an ISO 8601 date or datetime (RFC 2822 also accepted) into a tz-aware datetime.

    Empty text gives None; anything else that is not a date raises ValueError with a clear message.
    """
    s = text.strip()
    if not s:
        return None
    try:
        value = dt.datetime.fromisoformat(s[:-1] + "+00:00" if s[-1] in "Zz" else s)
    except ValueError:
        value = _parse_rfc2822(s)
    if value is None:
        raise ValueError(f"bad published date {s[:60]!r}: expected ISO 8601, e.g. 2025-11-18 or 2025-11-18T09:30:00Z")
    return as_aware(value)


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
        report(BadPublishedDate(where[0], f"{e} (article read with {kept})", line=where[1]))
        return default


# ---------------------------------------------------------------- decoding

def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_RATIO


def _decode(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode an article's bytes (see the module notes); raise InputError for binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "not a text file (bad UTF-16)") from None
    if _looks_binary(data[:_SNIFF]):
        raise InputError(path, "not a text file")
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
    """A parsed header block: lower-cased keys -> (value, 1-based line), and where the body starts."""

    fields: dict[str, tuple[str, int]]
    body_start: int


def split_header(text: str) -> Header:
    """Find the optional ``key: value`` header block at the top of ``text``.

    It is a header only when the first line starts with a known key (:data:`HEADER_KEYS`) and every
    line up to the first blank line is a ``key: value`` line; otherwise there is no header
    (``fields`` empty, ``body_start`` 0). Unknown keys inside a header are ignored.
    """
    fields: dict[str, tuple[str, int]] = {}
    pos = 0
    for number in itertools.count(1):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        nxt = len(text) if end < 0 else end + 1
        if not line.strip():
            return Header(fields, nxt) if fields else Header({}, 0)
        m = _HEADER_LINE.fullmatch(line.rstrip("\r"))
        if not m or (number == 1 and m.group(1).lower() not in HEADER_KEYS):
            return Header({}, 0)
        fields[m.group(1).lower()] = (m.group(2), number)
        if end < 0:
            return Header(fields, nxt)
        pos = nxt
    raise AssertionError("unreachable")


def _field(header: Header, key: str) -> str | None:
    value = header.fields.get(key, ("", 0))[0]
    return value or None


def _text_article(text: str, path: str, default_id: str, default: dt.datetime | None,
                  report: ErrorHandler) -> Article:
    header = split_header(text)
    body = text[header.body_start:].rstrip("\r\n")
    if not body or body.isspace():
        raise InputError(path, "empty article")
    line = header.fields.get("published", ("", None))[1]
    return Article(
        id=_field(header, "id") or default_id,
        body=body,
        title=_field(header, "title"),
        published=_published(_field(header, "published"), default, (path, line), report),
        source=_field(header, "source"),
        url=_field(header, "url"),
        path=path,
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

def _read_jsonl(path: str, default: dt.datetime | None, report: ErrorHandler) -> Iterator[Article]:
    """One article per line, streamed; a bad line is reported (with its number) and skipped."""
    with open(path, "rb") as f:
        if _looks_binary(f.peek(_SNIFF)[:_SNIFF]):
            raise InputError(path, "not a text file")
        yield from jsonl_articles(f, path, published=default, on_error=report)


def jsonl_articles(lines: Iterable[bytes], path: str, *, published: dt.datetime | None = None,
                   on_error: ErrorHandler, sniff_first: bool = False) -> Iterator[Article]:
    """Articles from the raw lines of one JSONL source (a file, or a shard another engine read).

    A bad line goes to ``on_error`` with its number and is skipped; a source with no line at all raises
    "empty file", and with ``sniff_first`` a binary first line raises "not a text file".
    """
    stem = _stem(path)
    seen = False
    for number, raw in enumerate(lines, 1):
        if sniff_first and number == 1 and _looks_binary(raw[:_SNIFF]):
            raise InputError(path, "not a text file")
        try:
            article = _jsonl_article(raw, path, number, stem, as_aware(published), on_error)
        except InputError as e:
            seen = True
            on_error(e)
            continue
        if article is not None:
            seen = True
            yield article
    if not seen:
        raise InputError(path, "empty file (no articles)")


def _jsonl_article(raw: bytes, path: str, number: int, stem: str, default: dt.datetime | None,
                   report: ErrorHandler) -> Article | None:
    line = _decode_8bit(raw).removeprefix("\ufeff")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(path, f"malformed JSON: {e.msg} (column {e.colno})", line=number) from None
    if not isinstance(obj, dict):
        raise InputError(path, f"not a JSON object but {type(obj).__name__}", line=number)
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
    )


def _scalar(obj: dict, key: str, path: str, number: int) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise InputError(path, f'"{key}" must be a string, not {type(value).__name__}', line=number)


# ---------------------------------------------------------------- files, folders, stdin

def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


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


def _read_path(path: str, default: dt.datetime | None, report: ErrorHandler) -> Iterator[Article]:
    try:
        if _kind(path) == "jsonl":
            yield from _read_jsonl(path, default, report)
            return
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError(path, _os_reason(e)) from None
    yield _document(data, path, _stem(path), default, report)


def _read_stdin(stream: BinaryIO | None, default: dt.datetime | None, report: ErrorHandler) -> Iterator[Article]:
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_PATH, "standard input is not available")
    try:
        data = stream.read()
    except OSError as e:
        raise InputError(STDIN_PATH, _os_reason(e)) from None
    yield _document(data, STDIN_PATH, "stdin", default, report)


def _walk(folder: str, report: ErrorHandler) -> Iterator[str]:
    """Article files below ``folder``, in sorted path order; hidden files and folders skipped,
    symbolic links to folders not followed."""
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as e:
        report(InputError(folder, _os_reason(e)))
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, report)
        elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
            yield entry.path


def _expand(name: str, report: ErrorHandler) -> Iterator[str]:
    """The files an input names: itself, or the article files of a folder."""
    if not os.path.isdir(name):
        yield name
        return
    errors: list[InputError] = []

    def note(error: InputError) -> None:
        errors.append(error)
        report(error)

    found = False
    for path in _walk(name, note):
        found = True
        yield path
    if not found and not errors:
        report(InputError(name, "no .txt, .md, .html, .htm or .jsonl files in this folder"))


def _raise(error: InputError) -> None:
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
    (the input is skipped and reading goes on); without it the first error is raised. ``stdin`` replaces
    ``sys.stdin.buffer``. Articles are produced lazily: a large JSONL file is read one line at a time.
    """
    report = on_error or _raise
    default = as_aware(published)
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            yield from _guarded(_read_stdin(stdin, default, report), report)
            continue
        for path in _expand(name, report):
            yield from _guarded(_read_path(path, default, report), report)
