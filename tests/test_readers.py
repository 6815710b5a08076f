"""Tests for geomap.readers: every input kind, every reported error, dates, decoding, streaming."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import InputError
from geomap.model import Article
from geomap.readers import (
    BadPublishedDate,
    InputWarning,
    html_to_text,
    iter_articles,
    parse_published,
    split_header,
)

DATA = Path(__file__).parent / "data" / "readers"
UTC = dt.timezone.utc
D2025 = dt.datetime(2025, 11, 18, tzinfo=UTC)


def read(*inputs, published=None, stdin=None, undated=False):
    """All articles and all reported errors for ``inputs`` (without the "no publication date" warnings unless
    ``undated``: most cases here have no date, on purpose)."""
    errors: list[InputError] = []
    arts = list(iter_articles([str(i) for i in inputs], published=published, on_error=errors.append, stdin=stdin))
    if not undated:
        errors = [e for e in errors if not e.reason.startswith("no publication date")]
    return arts, errors


def fail_on_error(error: InputError) -> None:
    """An on_error that fails the test on an error (a warning, such as "no publication date", is fine)."""
    if not isinstance(error, InputWarning):
        pytest.fail(str(error))


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))  # no newline translation
    return path


def rejected(path: Path) -> list[str]:
    """The error messages for an input that must give no article."""
    arts, errors = read(path)
    assert arts == []
    return [str(e) for e in errors]


def only(arts: list[Article], errors: list[InputError]) -> Article:
    assert errors == []
    assert len(arts) == 1
    return arts[0]


# ---------------------------------------------------------------- parse_published

@pytest.mark.parametrize("text, expected", [
    ("2025-11-18", D2025),
    ("  2025-11-18\n", D2025),
    ("2025-11-18T09:30:00Z", dt.datetime(2025, 11, 18, 9, 30, tzinfo=UTC)),
    ("2025-11-18T09:30:00z", dt.datetime(2025, 11, 18, 9, 30, tzinfo=UTC)),
    ("2025-11-18T09:30:00", dt.datetime(2025, 11, 18, 9, 30, tzinfo=UTC)),
    ("2025-11-18 09:30", dt.datetime(2025, 11, 18, 9, 30, tzinfo=UTC)),
    ("2025-11-18T09:30:00.250Z", dt.datetime(2025, 11, 18, 9, 30, 0, 250000, tzinfo=UTC)),
    ("2025-11-18T23:30:00+02:00", dt.datetime(2025, 11, 18, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
    ("2025-11-18T01:00:00-05:00", dt.datetime(2025, 11, 18, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
    ("Tue, 18 Nov 2025 09:30:00 +0000", dt.datetime(2025, 11, 18, 9, 30, tzinfo=UTC)),
    ("", None),
    ("   ", None),
])
def test_parse_published_accepts(text, expected):
    got = parse_published(text)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None
        assert got.utcoffset() == expected.utcoffset()  # the offset is kept, not converted


@pytest.mark.parametrize("text", ["garbage", "18/11/2025", "2025-13-01", "2025-02-30", "Tuesday", "2025",
                                  "yesterday", "2025-11-18T25:00", "Z", "1 2 3 4"])
def test_parse_published_rejects_with_clear_message(text):
    with pytest.raises(ValueError, match="bad published date .*ISO 8601"):
        parse_published(text)


def test_parse_published_date_is_midnight_utc():
    got = parse_published("2025-01-05")
    assert (got.hour, got.minute, got.tzinfo) == (0, 0, UTC)
    assert got.date() == dt.date(2025, 1, 5)


# ---------------------------------------------------------------- header block

HEADER_CASES = [
    # text, fields, body
    ("title: T\npublished: 2025-11-18\n\nBody.", {"title": "T", "published": "2025-11-18"}, "Body."),
    ("Title: T\nURL: http://x.example.org/a:b\n\nBody", {"title": "T", "url": "http://x.example.org/a:b"}, "Body"),
    ("id: a1\nauthor: someone\n\nBody", {"id": "a1", "author": "someone"}, "Body"),  # unknown key tolerated
    ("title:   spaced   \n\nBody", {"title": "spaced"}, "Body"),
    ("title: T\r\nsource: S\r\n\r\nBody\r\nmore", {"title": "T", "source": "S"}, "Body\r\nmore"),
    ("title: T\n   \nBody", {"title": "T"}, "Body"),  # a whitespace-only line ends the header
    ("title: T\n\n\nBody", {"title": "T"}, "\nBody"),  # only ONE blank line is the separator
    ("title: T\n\n  indented body", {"title": "T"}, "  indented body"),
    ("title: T", {"title": "T"}, ""),  # header only
    ("title:\n\nBody", {"title": ""}, "Body"),
    # not a header
    ("Kharkiv: a city under fire\n\nBody", {}, "Kharkiv: a city under fire\n\nBody"),
    ("Source: officials said\nthat two people died.\n\nMore", {}, "Source: officials said\nthat two people died.\n\nMore"),
    ("\ntitle: T\n\nBody", {}, "\ntitle: T\n\nBody"),
    ("Plain text", {}, "Plain text"),
    ("", {}, ""),
    ("author: X\ntitle: T\n\nBody", {}, "author: X\ntitle: T\n\nBody"),  # first key must be known
]


@pytest.mark.parametrize("text, fields, body", HEADER_CASES)
def test_split_header(text, fields, body):
    header = split_header(text)
    assert {k: v for k, (v, _) in header.fields.items()} == fields
    assert text[header.body_start:] == body


def test_split_header_line_numbers():
    header = split_header("title: T\nsource: S\npublished: 2025\n\nBody")
    assert header.fields["published"] == ("2025", 3)


# ---------------------------------------------------------------- .txt / .md

def test_txt_with_full_header(tmp_path):
    p = write(tmp_path, "a.txt", "title: Strike on Kharkiv\npublished: 2025-11-18T09:30:00Z\n"
                                 "source: Example Wire\nurl: https://news.example.org/1\nid: kh-1\n\n"
                                 "KHARKIV - Two people were killed.\n")
    art = only(*read(p))
    assert art == Article(id="kh-1", body="KHARKIV - Two people were killed.", title="Strike on Kharkiv",
                          published=dt.datetime(2025, 11, 18, 9, 30, tzinfo=UTC), source="Example Wire",
                          url="https://news.example.org/1", path=str(p), id_given=True)


def test_txt_without_header_uses_stem_and_default_date(tmp_path):
    p = write(tmp_path, "kupiansk-report.txt", "Shelling hit Kupiansk on Tuesday.\n\n")
    art = only(*read(p, published=D2025))
    assert (art.id, art.title, art.published, art.body) == ("kupiansk-report", None, D2025,
                                                           "Shelling hit Kupiansk on Tuesday.")
    assert not art.id_given and art.origin == str(p)  # made from the name: the store keys by content


def test_header_date_wins_over_default(tmp_path):
    p = write(tmp_path, "a.txt", "published: 2025-10-01\n\nBody")
    assert only(*read(p, published=D2025)).published == dt.datetime(2025, 10, 1, tzinfo=UTC)


def test_naive_default_published_becomes_utc(tmp_path):
    p = write(tmp_path, "a.txt", "Body")
    assert only(*read(p, published=dt.datetime(2025, 11, 18))).published == D2025


def test_empty_header_id_falls_back_to_stem(tmp_path):
    assert only(*read(write(tmp_path, "x.txt", "id:\ntitle: T\n\nBody"))).id == "x"


def test_markdown_kept_as_is(tmp_path):
    text = "# Heading about Sumy\n\n*Drones* hit [Sumy](http://example.org) on Monday.\n"
    art = only(*read(write(tmp_path, "m.md", "title: M\n\n" + text)))
    assert art.body == text.rstrip("\n")
    assert art.body[art.body.index("Sumy"):][:4] == "Sumy"


def test_body_offsets_are_file_offsets_after_header(tmp_path):
    header = "title: T\npublished: 2025-11-18\n\n"
    body = "  Line one\t about Pokrovsk.\r\n\r\n\r\nLine two \u2014 Kherson.  "
    art = only(*read(write(tmp_path, "a.txt", header + body + "\n\n")))
    assert art.body == body
    raw = (tmp_path / "a.txt").read_bytes().decode("utf-8")
    i = art.body.index("Kherson")
    assert raw[len(header) + i:len(header) + i + 7] == "Kherson"


@pytest.mark.parametrize("content", ["", "   \n\t\n", "title: T\npublished: 2025-11-18\n\n", "title: T\n\n \n\n",
                                     "title: only a header"])
def test_empty_article_reported(tmp_path, content):
    p = write(tmp_path, "e.txt", content)
    assert rejected(p) == [f"{p}: empty article"]


# ---------------------------------------------------------------- bad published date

def test_bad_header_date_reported_with_line_and_article_kept(tmp_path):
    p = write(tmp_path, "a.txt", "title: T\npublished: 18/11/2025\n\nBody")
    arts, errors = read(p)
    assert len(arts) == 1 and arts[0].published is None and arts[0].body == "Body"
    assert len(errors) == 1
    e = errors[0]
    assert isinstance(e, BadPublishedDate) and isinstance(e, InputError)
    assert (e.path, e.line) == (str(p), 2)
    assert str(e).startswith(f"{p}:2: bad published date '18/11/2025'")
    assert "\n" not in str(e)


def test_bad_header_date_falls_back_to_default(tmp_path):
    p = write(tmp_path, "a.txt", "published: soon\n\nBody")
    arts, errors = read(p, published=D2025)
    assert arts[0].published == D2025
    assert "default date" in str(errors[0])


# ---------------------------------------------------------------- decoding

DECODE_CASES = [
    # name, bytes, expected body
    ("utf8", "Zaporizhzhia \u2014 \u041a\u0438\u0457\u0432".encode(), "Zaporizhzhia \u2014 \u041a\u0438\u0457\u0432"),
    ("utf8-bom", b"\xef\xbb\xbfBody", "Body"),
    ("utf8-bom-header", b"\xef\xbb\xbftitle: T\n\nBody", "Body"),
    ("cp1252", "Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5".encode("cp1252"), "Caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5"),
    ("latin1", b"Ni\xf1o \x81 \xe9t\xe9", "Ni\u00f1o \x81 \u00e9t\u00e9"),  # 0x81 is undefined in cp1252
    ("utf16le", "\ufeffKyiv \u2014 Kharkiv".encode("utf-16-le"), "Kyiv \u2014 Kharkiv"),
    ("utf16be", "\ufeffKyiv".encode("utf-16-be"), "Kyiv"),
]


@pytest.mark.parametrize("name, data, body", DECODE_CASES, ids=[c[0] for c in DECODE_CASES])
def test_decoding(tmp_path, name, data, body):
    art = only(*read(write(tmp_path, f"{name}.txt", data)))
    assert art.body == body
    if name == "utf8-bom-header":
        assert art.title == "T"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.7\n" + bytes(range(256)) * 4,
    b"text then a NUL \x00 byte",
    bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"abc" * 10,  # many control characters, no NUL
])
def test_binary_file_reported_not_text(tmp_path, data):
    p = write(tmp_path, "bin.txt", data)
    [reason] = rejected(p)
    assert reason.startswith(f"{p}: not a text file")


def test_few_control_characters_are_still_text(tmp_path):
    art = only(*read(write(tmp_path, "a.txt", b"A form feed \x0c and a vertical tab \x0b in a long enough text")))
    assert "\x0b" in art.body


# ---------------------------------------------------------------- missing / unreadable

def test_missing_path_reports_os_reason(tmp_path):
    p = tmp_path / "nope.txt"
    assert rejected(p) == [f"{p}: No such file or directory"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file_reports_permission(tmp_path):
    p = write(tmp_path, "secret.txt", "Body")
    p.chmod(0)
    try:
        arts, errors = read(p)
    finally:
        p.chmod(0o644)
    assert arts == [] and errors[0].path == str(p) and "ermission" in errors[0].reason


def test_errors_do_not_stop_other_inputs(tmp_path):
    good1 = write(tmp_path, "g1.txt", "One")
    bad = write(tmp_path, "b.txt", b"\x00\x01")
    good2 = write(tmp_path, "g2.txt", "Two")
    arts, errors = read(good1, tmp_path / "missing.md", bad, good2)
    assert [a.body for a in arts] == ["One", "Two"]
    assert [e.path for e in errors] == [str(tmp_path / "missing.md"), str(bad)]


def test_without_on_error_the_first_error_is_raised(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        list(iter_articles([str(tmp_path / "missing.txt")]))


def test_unknown_suffix_read_as_text_when_named(tmp_path):
    art = only(*read(write(tmp_path, "article", "title: T\n\nBody")))
    assert (art.id, art.title, art.body) == ("article", "T", "Body")


def test_unknown_suffix_sniffed_as_html(tmp_path):
    art = only(*read(write(tmp_path, "page.php", "<!DOCTYPE html><title>T</title><p>Hello</p>")))
    assert (art.title, art.body) == ("T", "Hello")


def test_pathlike_inputs(tmp_path):
    p = write(tmp_path, "a.txt", "Body")
    assert [a.body for a in iter_articles([p], on_error=fail_on_error)] == ["Body"]


# ---------------------------------------------------------------- folders

def test_folder_walk_sorted_recursive_filtered(tmp_path):
    names = ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.jsonl", "z.htm", "A.TXT",
             "notes.csv", "image.png", ".hidden.txt", ".git/e.txt", "sub/.cache/f.txt", "ab/x.txt"]
    for n in names:
        content = '{"id": "d1", "text": "jsonl"}\n' if n.endswith(".jsonl") else f"<p>{n}</p>" if "htm" in n else n
        write(tmp_path, n, content)
    arts, errors = read(tmp_path)
    assert errors == []
    rel = [os.path.relpath(a.path, tmp_path) for a in arts]
    assert rel == ["A.TXT", "a.md", "ab/x.txt", "b.txt", "sub/c.html", "sub/deeper/d.jsonl", "z.htm"]


def test_folder_ids_and_paths(tmp_path):
    write(tmp_path, "one/kherson.txt", "Body")
    art = only(*read(tmp_path))
    assert art.id == "kherson" and art.path == str(tmp_path / "one" / "kherson.txt")


def test_empty_folder_reported(tmp_path):
    write(tmp_path, "readme.csv", "x")
    arts, errors = read(tmp_path)
    assert arts == [] and len(errors) == 1 and errors[0].path == str(tmp_path)
    assert "no .txt, .md, .html, .htm or .jsonl files" in str(errors[0])


def test_folder_bad_files_reported_others_read(tmp_path):
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", "Body")
    arts, errors = read(tmp_path)
    assert [a.id for a in arts] == ["b"] and [e.reason for e in errors] == ["empty article"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinked_folder_loop_not_followed(tmp_path):
    write(tmp_path, "a.txt", "Body")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [a.id for a in read(tmp_path)[0]] == ["a"]


# ---------------------------------------------------------------- stdin

def test_stdin_plain():
    art = only(*read("-", stdin=io.BytesIO(b"Drones hit Sumy.\n"), published=D2025))
    assert (art.id, art.body, art.published, art.path) == ("stdin", "Drones hit Sumy.", D2025, "<stdin>")


def test_stdin_with_header():
    art = only(*read("-", stdin=io.BytesIO(b"title: T\npublished: 2025-11-18\n\nBody")))
    assert (art.id, art.title, art.published) == ("stdin", "T", D2025)


def test_stdin_html_is_sniffed():
    art = only(*read("-", stdin=io.BytesIO(b"<html><head><title>T</title></head><body><p>A</p><p>B</p>")))
    assert (art.title, art.body) == ("T", "A\n\nB")


@pytest.mark.parametrize("data, reason", [(b"", "empty article"), (b"\x00\x01\x02", "not a text file")])
def test_stdin_errors(data, reason):
    arts, errors = read("-", stdin=io.BytesIO(data))
    assert arts == [] and [str(e) for e in errors] == [f"<stdin>: {reason}"]


def test_stdin_default_is_sys_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From the pipe")))
    assert only(*read("-")).body == "From the pipe"


# ---------------------------------------------------------------- JSONL

def jsonl(*rows) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def test_jsonl_articles(tmp_path):
    p = write(tmp_path, "feed.jsonl", jsonl(
        {"id": "a", "text": "Body A", "title": "TA", "published": "2025-11-18", "source": "S", "url": "U"},
        {"text": "Body B"},
        {"id": 42, "text": "  Body C\n"},
    ))
    arts, errors = read(p, published=dt.datetime(2025, 1, 1, tzinfo=UTC))
    assert errors == []
    assert arts[0] == Article(id="a", body="Body A", title="TA", published=D2025, source="S", url="U", path=str(p),
                              line=1, id_given=True)
    assert (arts[1].id, arts[1].published) == ("feed-2", dt.datetime(2025, 1, 1, tzinfo=UTC))
    assert (arts[1].id_given, arts[1].origin, arts[2].id_given) == (False, f"{p}:2", True)
    assert (arts[2].id, arts[2].body) == ("42", "  Body C\n")  # JSONL text kept exactly (offsets)


JSONL_BAD = [
    ("{not json", "malformed JSON"),
    ('{"text": "x"', "malformed JSON"),
    ('["a list"]', "not a JSON object but list"),
    ('"a string"', "not a JSON object but str"),
    ("42", "not a JSON object but int"),
    ('{"id": "x"}', 'missing or empty "text"'),
    ('{"id": "x", "text": ""}', 'missing or empty "text"'),
    ('{"id": "x", "text": "  \\n "}', 'missing or empty "text"'),
    ('{"id": "x", "text": 5}', 'missing or empty "text"'),
    ('{"id": "x", "text": "ok", "title": ["a"]}', '"title" must be a string, not list'),
    ('{"id": {"a": 1}, "text": "ok"}', '"id" must be a string, not dict'),
]


@pytest.mark.parametrize("line, reason", JSONL_BAD, ids=[b[1] + str(i) for i, b in enumerate(JSONL_BAD)])
def test_jsonl_bad_line_reported_and_skipped(tmp_path, line, reason):
    p = write(tmp_path, "feed.jsonl", jsonl({"id": "first", "text": "One"}, line, {"id": "third", "text": "Three"}))
    arts, errors = read(p)
    assert [a.id for a in arts] == ["first", "third"]
    assert len(errors) == 1
    assert (errors[0].path, errors[0].line) == (str(p), 2)
    assert str(errors[0]).startswith(f"{p}:2: {reason}")


def test_jsonl_blank_lines_skipped_and_line_numbers_physical(tmp_path):
    p = write(tmp_path, "f.jsonl", "\n" + jsonl({"text": "A"}) + "   \n" + jsonl("oops", {"text": "B"}))
    arts, errors = read(p)
    assert [a.id for a in arts] == ["f-2", "f-5"]
    assert [e.line for e in errors] == [4]


def test_jsonl_bad_published_reported_article_kept(tmp_path):
    p = write(tmp_path, "f.jsonl", jsonl({"id": "a", "text": "A", "published": "last week"},
                                         {"id": "b", "text": "B", "published": 20251118}))
    arts, errors = read(p, published=D2025)
    assert [(a.id, a.published) for a in arts] == [("a", D2025), ("b", D2025)]
    assert [(type(e), e.line) for e in errors] == [(BadPublishedDate, 1), (BadPublishedDate, 2)]


def test_jsonl_null_fields(tmp_path):
    p = write(tmp_path, "f.jsonl", jsonl({"id": None, "text": "A", "title": None, "published": None}))
    art = only(*read(p))
    assert (art.id, art.title, art.published) == ("f-1", None, None)


def test_jsonl_bom_crlf_and_cp1252_line(tmp_path):
    data = b"\xef\xbb\xbf" + b'{"id": "a", "text": "A"}\r\n' + '{"id": "b", "text": "caf\u00e9"}\n'.encode("cp1252")
    arts, errors = read(write(tmp_path, "f.jsonl", data))
    assert errors == [] and [a.body for a in arts] == ["A", "caf\u00e9"]


@pytest.mark.parametrize("content, reason", [("", "empty file (no articles)"), ("\n \n", "empty file (no articles)"),
                                             (b"\x00\x00binary", "not a text file")])
def test_jsonl_whole_file_errors(tmp_path, content, reason):
    p = write(tmp_path, "f.jsonl", content)
    assert rejected(p) == [f"{p}: {reason}"]


def test_jsonl_is_streamed(tmp_path):
    """The first article arrives before the rest of the file is even written (a pipe)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes")
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    writer = subprocess.Popen([sys.executable, "-c",
                               "import sys,time\nf=open(sys.argv[1],'w')\nf.write('{\"text\": \"first\"}\\n')\n"
                               "f.flush()\nsys.stdin.readline()\nf.write('{\"text\": \"second\"}\\n')\nf.close()",
                               str(fifo)], stdin=subprocess.PIPE, text=True)
    try:
        it = iter_articles([str(fifo)], on_error=fail_on_error)
        assert next(it).body == "first"  # would block forever if the whole file were read first
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert [a.body for a in it] == ["second"]
    finally:
        writer.stdin.close()
        writer.wait(timeout=10)


def test_iter_articles_is_lazy(tmp_path):
    write(tmp_path, "a.txt", "A")
    it = iter_articles([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")], on_error=fail_on_error)
    assert next(it).body == "A"  # the missing file is not touched yet


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>  Strike on   Kherson | Example News </title>
<style>body { color: red }</style>
<script>var x = "<p>not text</p>";</script>
</head>
<body>
<header><a href="/">Home</a> <a href="/world">World</a></header>
<nav><ul><li>Menu item</li></ul></nav>
<article>
  <h1>Strike on Kherson</h1>
  <p>Two people were killed &amp; five    were
  wounded in <b>Kherson</b> on Tuesday, officials said.</p>
  <p>&ldquo;It was loud,&rdquo; a resident&nbsp;said.<br>Another line.</p>
  <aside>Related: other story</aside>
  <noscript>Enable JS</noscript>
  <template><p>hidden</p></template>
  <ul><li>First</li><li>Second</li></ul>
</article>
<footer>&copy; Example News</footer>
</body></html>
"""


def test_html_readable_text():
    assert html_to_text(PAGE) == (
        "Strike on Kherson\n\n"
        "Two people were killed & five were wounded in Kherson on Tuesday, officials said.\n\n"
        "\u201cIt was loud,\u201d a resident said.\nAnother line.\n\n"
        "First\n\nSecond"
    )


def test_html_article_title_from_title_tag(tmp_path):
    art = only(*read(write(tmp_path, "kherson.html", PAGE), published=D2025))
    assert (art.id, art.title, art.published) == ("kherson", "Strike on Kherson | Example News", D2025)
    for dropped in ("Menu item", "Home", "not text", "color", "Related", "Enable JS", "hidden", "\u00a9"):
        assert dropped not in art.body


def test_html_meta_wins(tmp_path):
    page = ('<html><head><title>Site title</title>'
            '<meta property="og:title" content="Better title">'
            '<meta property="article:published_time" content="2025-11-18T09:30:00+02:00">'
            '<meta property="og:site_name" content="Example News">'
            '<link rel="canonical" href="https://news.example.org/a">'
            '</head><body><p>Body</p></body></html>')
    art = only(*read(write(tmp_path, "p.htm", page)))
    assert (art.title, art.source, art.url, art.body) == ("Better title", "Example News",
                                                         "https://news.example.org/a", "Body")
    assert art.published == dt.datetime(2025, 11, 18, 7, 30, tzinfo=UTC)


def test_html_bad_meta_date_reported_with_line(tmp_path):
    page = '<html><head>\n<meta name="date" content="yesterday">\n</head><body><p>Body</p></body></html>'
    p = write(tmp_path, "p.html", page)
    arts, errors = read(p)
    assert len(arts) == 1 and arts[0].published is None
    assert (type(errors[0]), errors[0].line) == (BadPublishedDate, 2)


@pytest.mark.parametrize("page", ["", "<html><head><title>Only a title</title></head><body></body></html>",
                                  "<script>alert(1)</script><nav>menu</nav>", "   "])
def test_html_empty_reported(tmp_path, page):
    p = write(tmp_path, "p.html", page)
    arts, errors = read(p)
    assert arts == [] and len(errors) == 1 and "empty article" in errors[0].reason


@pytest.mark.parametrize("html, text", [
    ("<p>a</p><p>b</p>", "a\n\nb"),
    ("<div>a<div>b</div>c</div>", "a\n\nb\n\nc"),
    ("a<br>b<br/>c", "a\nb\nc"),
    ("<p>x &lt;y&gt; &#8212; &#x41; &eacute;</p>", "x <y> \u2014 A \u00e9"),
    ("<p>one\n  two\tthree</p>", "one two three"),
    ("<nav>unclosed <p>menu</p></nav><p>after</p>", "after"),
    ("<aside><nav>x</nav> y</aside>z", "z"),
    ("<nav/><p>kept</p>", "kept"),
    ("<table><tr><td>a</td><td>b</td></tr></table>", "a\n\nb"),
    ("<p>broken <b>markup</p> still <i>read", "broken markup\n\nstill read"),
    ("<svg><text>no</text></svg><p>yes</p>", "yes"),
])
def test_html_to_text_table(html, text):
    assert html_to_text(html) == text


def test_html_declared_charset(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><p>\u041a\u0438\u0457\u0432</p></body></html>'
    art = only(*read(write(tmp_path, "p.html", page.encode("cp1251"))))
    assert art.body == "\u041a\u0438\u0457\u0432"


# ---------------------------------------------------------------- large input

def test_huge_single_article(tmp_path):
    sentence = "Shelling hit Nikopol on Tuesday, wounding two people. "
    body = sentence * (50 * 1024 * 1024 // len(sentence))
    p = tmp_path / "huge.txt"
    with open(p, "w", encoding="utf-8") as f:
        f.write("title: Huge\n\n")
        f.write(body)
    art = only(*read(p))
    assert len(art.body) == len(body)
    assert art.body.startswith(sentence) and art.title == "Huge"


# ---------------------------------------------------------------- round trip (hypothesis)

header_value = st.text(st.characters(exclude_categories=("Cc", "Zl", "Zp", "Cs")), max_size=40).map(str.strip)
# Text as people write it: any character but surrogates and control characters other than tab and line breaks
# (those make a file "not text").
body_text = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"), min_size=1).filter(
    lambda s: s.rstrip("\r\n") and not s.rstrip("\r\n").isspace())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=header_value, ident=header_value.filter(lambda s: ":" not in s), body=body_text)
def test_txt_round_trip(tmp_path, title, ident, body):
    """Any body written after a header block comes back exactly (minus trailing line breaks)."""
    p = tmp_path / "rt.txt"
    p.write_bytes(f"id: {ident}\ntitle: {title}\npublished: 2025-11-18\n\n{body}".encode("utf-8"))
    arts, errors = read(p)
    assert errors == []
    assert arts[0].body == body.rstrip("\r\n")
    assert arts[0].title == (title or None)
    assert arts[0].id == (ident or "rt")
    assert arts[0].published == D2025


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=body_text, ident=st.one_of(st.none(), st.text(min_size=1)))
def test_jsonl_round_trip(tmp_path, body, ident):
    p = tmp_path / "rt.jsonl"
    p.write_text(json.dumps({"id": ident, "text": body}) + "\n", encoding="utf-8")
    arts, errors = read(p)
    if not body.strip():
        assert arts == [] and errors[0].line == 1
        return
    assert errors == [] and arts[0].body == body
    assert arts[0].id == ((ident or "").strip() or "rt-1")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
       suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", "", "-"]))
def test_any_bytes_never_crash(tmp_path, data, suffix):
    """Whatever the bytes, reading gives articles or reported errors, never an exception."""
    if suffix == "-":
        arts, errors = read("-", stdin=io.BytesIO(data))
    else:
        arts, errors = read(write(tmp_path, "x" + suffix, data))
    assert arts or errors
    assert all(isinstance(a, Article) and a.body.strip() for a in arts)
    assert all(isinstance(e, InputError) and "\n" not in str(e) for e in errors)


# ---------------------------------------------------------------- fixtures on disk

def test_fixture_folder():
    """The small checked-in fixtures: one per kind, plus one bad file of each kind of error."""
    arts, errors = read(DATA)
    assert {a.id for a in arts} >= {"header", "plain", "page", "feed-1", "feed-3"}
    reasons = sorted((os.path.basename(e.path), e.line, e.reason.split(":")[0].split(" (")[0]) for e in errors)
    assert reasons == [("binary.txt", None, "not a text file"), ("empty.md", None, "empty article"),
                       ("feed.jsonl", 2, "malformed JSON")]
