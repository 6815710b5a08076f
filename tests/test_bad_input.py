"""Bad input, bounded: not-text files by their magic bytes, header blocks without their blank line, articles without
a date, JSONL lines that break a JSON parser, devices, named pipes, link loops, oversized inputs, file names that
are not UTF-8, implausible dates, given spans, workers that must end with their parent, and a cap on --workers.

The rule for each (CONTRACT.md, inputs): one line naming the input (and line) on standard error, every other input
still processed, exit 1 if anything was skipped (a warning alone leaves 0), never a traceback, never unbounded
memory or a hang.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import readers
from geomap.errors import InputError
from geomap.readers import InputWarning, given_span_lines, iter_articles, parse_published
from geomap.runner import cap_workers, max_workers
from tests.test_robustness import GOOD

LINUX = sys.platform.startswith("linux")


def geomap(*args: str, timeout: float = 120, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, **kw)


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert all(line.startswith("geomap: ") for line in result.stderr.splitlines()), result.stderr


def lines_about(result: subprocess.CompletedProcess, path: Path | str) -> list[str]:
    return [line for line in result.stderr.splitlines() if str(path) in line]


def ids(result: subprocess.CompletedProcess) -> list[str]:
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


def read(*inputs, **kw) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(iter_articles([str(i) for i in inputs], on_error=errors.append, **kw)), errors


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# ---------------------------------------------------------------- not text, whatever the name

PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n" + b"BT /F1 12 Tf (Page 1 of the report) Tj ET\n" * 200


@pytest.mark.parametrize("name, data, what", [
    ("report.txt", PDF, "a PDF document"),
    ("report", PDF, "a PDF document"),
    ("notes.md", b"PK\x03\x04" + b"word/document.xml" * 50, "a ZIP archive or Office document"),
    ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"x" * 500, "a JPEG image"),
    ("feed.jsonl", b"\x1f\x8b\x08\x00" + b"y" * 500, "a gzip archive"),
])
def test_a_file_that_is_not_text_is_refused_by_its_magic_bytes(tmp_path, good, name, data, what):
    path = tmp_path / name
    path.write_bytes(data)
    result = geomap("places", str(path), str(good))
    assert result.returncode == 1
    assert_clean(result)
    assert lines_about(result, path) == [f"geomap: {path}: not a text file ({what})"]
    assert ids(result) == ["good-1"]


# ---------------------------------------------------------------- header blocks and dates

def test_a_header_without_its_blank_line_is_read_as_a_header_with_a_warning(tmp_path):
    path = tmp_path / "noblank.txt"
    path.write_text(GOOD.replace("id: good-1\n\n", "id: good-1\n"), encoding="utf-8")
    result = geomap("incidents", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    [warning] = lines_about(result, path)
    assert warning.startswith(f"geomap: warning: {path}:4: the header block has no blank line after it")
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["event_date"] == "2025-11-20"  # the header's date was used: "on Thursday" of that week
    assert "Berestyn" in row["location"]


@pytest.mark.parametrize("text, fields, body_line", [
    ("title: T\npublished: 2025-11-18\nBody starts here.", {"title", "published"}, 3),
    ("published: 2025-11-18\nBody starts here.", {"published"}, 2),
    ("title: T\nsource: S\nKYIV: a dateline opens the body,\nwhich goes on.", {"title", "source"}, 3),
    ("Source: officials said\nthat two people died.", set(), None),  # one line: not clearly a header
    ("title: T\nBody.", set(), None),
])
def test_unterminated_header_rule(text, fields, body_line):
    header = readers.split_header(text)
    assert set(header.fields) == fields
    assert header.unterminated == body_line
    if body_line:
        assert text[header.body_start:].startswith(text.splitlines()[body_line - 1])
    else:
        assert header.body_start == 0


def test_an_article_without_a_date_gets_a_warning(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Shelling hit Kherson on Monday, injuring four people.\n", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"n{i}", "text": "Shelling hit Sumy."}) + "\n" for i in range(3)),
                    encoding="utf-8")
    result = geomap("incidents", str(path), str(feed), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    [warning] = lines_about(result, path)
    assert warning.startswith(f"geomap: warning: {path}: no publication date")
    # one warning for a whole JSONL file, with the count
    assert lines_about(result, feed) == [f"geomap: warning: {feed}:1: no publication date (and 2 more lines): "
                                         "relative dates such as 'on Tuesday' stay unresolved; give \"published\" "
                                         "or --published"]
    dated = geomap("incidents", str(path), "--format", "jsonl", "--published", "2025-11-18")
    assert dated.returncode == 0 and "warning" not in dated.stderr.split("geomap: 1 articles")[0]


@pytest.mark.parametrize("date", ["0001-01-01", "2099-01-01", "1850-06-01T00:00:00Z"])
def test_an_implausible_date_is_a_warning_and_the_article_is_kept(tmp_path, date):
    path = tmp_path / "odd.txt"
    path.write_text(GOOD.replace("2025-11-20T06:15:00Z", date), encoding="utf-8")
    result = geomap("incidents", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    [warning] = lines_about(result, path)  # one line: not a second "no publication date" for the same article
    assert warning.startswith(f"geomap: warning: {path}:2: implausible published date '{date}'")
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["location"] == "Berestyn" and row["event_date"] is None  # the date is treated as unknown
    with_default = geomap("incidents", str(path), "--format", "jsonl", "--published", "2025-11-20")
    assert json.loads(with_default.stdout.splitlines()[0])["event_date"] == "2025-11-20"


def test_an_implausible_published_flag_is_a_usage_error(good):
    result = geomap("places", str(good), "--published", "0001-01-01")
    assert result.returncode == 2
    assert_clean(result)
    assert "implausible published date '0001-01-01'" in result.stderr
    with pytest.raises(ValueError, match="implausible"):
        parse_published("2099-01-01")
    assert parse_published("1900-01-01") is not None


# ---------------------------------------------------------------- JSONL lines that break a parser

BAD_LINES = [
    ('{"id": "big", "text": "Shelling hit Sumy.", "n": ' + "9" * 5000 + "}", "malformed JSON: a number of more than"),
    ('{"id": "deep", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}", "malformed JSON: nested too deeply"),
    ('{"id": "sur", "text": "Shelling hit Sumy \\ud800."}', "malformed JSON: a string holds a lone surrogate"),
    ('{"id": "\\udc00", "text": "Shelling hit Sumy."}', "malformed JSON: a string holds a lone surrogate"),
    ('["not", "an", "object"]', "not a JSON object but list"),
    ("12", "not a JSON object but int"),
    ('"text"', "not a JSON object but str"),
    ("null", "not a JSON object but NoneType"),
]


def test_jsonl_lines_that_break_a_parser_are_one_line_each_and_the_rest_is_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = [json.dumps({"id": "first", "text": "Shelling hit Kherson on Monday.", "published": "2025-11-18"}),
            json.dumps({"id": "emoji", "text": "Shelling hit Sumy \ud83d\ude00.", "published": "2025-11-18"},
                       ensure_ascii=True)]  # a surrogate *pair* is a character: kept
    lines = [good[0], *(line for line, _ in BAD_LINES), good[1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = geomap("places", str(path))
    assert result.returncode == 1
    assert_clean(result)
    reported = lines_about(result, path)
    assert len(reported) == len(BAD_LINES)
    for number, ((_line, reason), message) in enumerate(zip(BAD_LINES, reported, strict=True), 2):
        assert message.startswith(f"geomap: {path}:{number}: {reason}"), message
    assert ids(result) == ["first", "emoji"]


def test_an_oversized_jsonl_line_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "a", "text": "Shelling hit Sumy.", "published": "2025-11-18"}) + "\n")
        out.write(json.dumps({"id": "huge", "text": "word " * 500_000}) + "\n")  # 2.5 MB
        out.write(json.dumps({"id": "b", "text": "Shelling hit Kherson.", "published": "2025-11-18"}) + "\n")
    result = geomap("places", str(path), env={"GEOMAP_MAX_ARTICLE_MB": "1"})
    assert result.returncode == 1
    assert_clean(result)
    [line] = lines_about(result, path)
    assert line.startswith(f"geomap: {path}:2: too large (over the 1 MiB limit for one article")
    assert ids(result) == ["a", "b"]


def test_an_oversized_article_file_is_refused(tmp_path, good):
    path = tmp_path / "book.txt"
    path.write_text("published: 2025-11-18\n\n" + "Shelling hit Sumy. " * 120_000, encoding="utf-8")  # 2.3 MB
    result = geomap("places", str(path), str(good), env={"GEOMAP_MAX_ARTICLE_MB": "1"})
    assert result.returncode == 1
    assert_clean(result)
    assert lines_about(result, path) == [f"geomap: {path}: too large (2 MiB, over the 1 MiB limit for one article; "
                                         "split the file, or raise GEOMAP_MAX_ARTICLE_MB)"]
    assert ids(result) == ["good-1"]
    assert readers.max_article_bytes() == 64 << 20  # the default


# ---------------------------------------------------------------- devices, pipes, links

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused_never_read(tmp_path, good):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    started = time.monotonic()
    result = geomap("places", "/dev/zero", str(folder), timeout=60)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert_clean(result)
    for path in ("/dev/zero", folder / "zero.txt", folder / "zero.jsonl"):
        assert lines_about(result, path) == [f"geomap: {path}: not a regular file (a device): not read"]
    assert ids(result) == ["good-1"]
    stdin = subprocess.run([sys.executable, "-m", "geomap", "places", "-"], stdin=open("/dev/zero", "rb"),
                           capture_output=True, text=True, timeout=60)
    assert stdin.returncode == 1 and "<stdin>: not a regular file (a device)" in stdin.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_in_a_folder_is_refused_and_one_with_no_writer_does_not_hang(tmp_path, good, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = geomap("places", str(folder), timeout=60)
    assert result.returncode == 1
    assert_clean(result)
    assert lines_about(result, folder / "pipe.txt") == [
        f"geomap: {folder / 'pipe.txt'}: not a regular file (a named pipe inside a folder): not read"]
    assert ids(result) == ["good-1"]
    # named by the user, with no writer: refused after PIPE_WAIT seconds instead of waiting forever
    monkeypatch.setattr(readers, "PIPE_WAIT", 0.3)
    arts, errors = read(folder / "pipe.txt", good)
    assert [a.id for a in arts] == ["good-1"]
    assert [str(e) for e in errors] == [f"{folder / 'pipe.txt'}: a named pipe with nothing written to it in 0.3 s: "
                                        "not read"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_loop_is_walked_once_with_a_warning(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)  # a loop
    (root / "also").symlink_to(root / "sub", target_is_directory=True)  # a second way to one folder
    linked = tmp_path / "elsewhere"
    linked.mkdir()
    (linked / "b.txt").write_text(GOOD.replace("good-1", "good-2"), encoding="utf-8")
    (root / "more").symlink_to(linked, target_is_directory=True)  # a link out: followed
    result = geomap("places", str(root), timeout=60)
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    assert sorted(ids(result)) == ["good-1", "good-2"]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("geomap: warning:")]
    assert len(warnings) == 2 and all("a folder already read as" in w for w in warnings)


# ---------------------------------------------------------------- file names

@pytest.mark.skipif(not LINUX, reason="needs a file system that takes any bytes in names")
def test_a_file_name_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"r\xffport.txt")
    (folder / name).write_text(GOOD.replace("id: good-1\n", ""), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geomap", "places", os.fsencode(folder), os.fsencode(folder / name)],
                            capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert [json.loads(line)["id"] for line in result.stdout.decode().splitlines()] == ["r\ufffdport"] * 2
    assert stderr.count("the file name is not valid UTF-8") == 2


def test_a_path_with_a_lone_surrogate_is_reported():
    arts, errors = read("\ud800.txt", "x\udcff/\ud800.jsonl")
    assert arts == []
    assert [e.reason for e in errors] == ["not a valid file name on this system"] * 2 or all(
        isinstance(e, InputError) for e in errors)


# ---------------------------------------------------------------- given spans

def test_given_span_errors_are_per_line(tmp_path):
    path = tmp_path / "spans.jsonl"
    text = "Shelling hit Sumy and Kherson."
    rows = [
        {"id": "ok", "text": text, "toponyms": [{"start": 13, "end": 17}]},
        {"id": "x", "text": text, "toponyms": [{"start": "x", "end": 17}]},
        {"id": "five", "text": text, "toponyms": 5},
        {"id": "nostart", "text": text, "toponyms": [{"end": 17}]},
        {"id": "outside", "text": text, "toponyms": [{"start": 13, "end": 170}]},
        {"id": "str", "text": text, "toponyms": ["Sumy"]},
        {"id": "none", "text": text},
        {"id": "ok2", "text": text, "toponyms": [{"start": "22", "end": 29.0}]},  # as earlier versions took them
    ]
    lines = [json.dumps(r) for r in rows] + ['{"id": 1, "text": "x", "toponyms": [{"start": ' + "9" * 5000 + "}]}",
                                             '{"text": "\\ud800"}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    got = list(given_span_lines(str(path), errors.append))
    assert [(n, i, spans) for n, i, _t, spans in got] == [(1, "ok", [(13, 17)]), (7, "none", []),
                                                         (8, "ok2", [(22, 29)])]
    assert [(e.line, e.reason) for e in errors] == [
        (2, "toponym 0: \"start\" must be a whole number, not 'x'"),
        (3, '"toponyms" must be a list of {"start", "end"} objects, not int'),
        (4, 'toponym 0: "start" must be a whole number, not missing'),
        (5, "toponym 0: span 13-170 lies outside the text (length 30) or is empty"),
        (6, "toponym 0: not an object but str"),
        (9, "malformed JSON: a number of more than 4,300 digits"),
        (10, "malformed JSON: a string holds a lone surrogate (\\ud800-\\udfff), not text"),
    ]


def test_given_span_errors_are_per_line_through_the_cli(tmp_path):
    path = tmp_path / "spans.jsonl"
    text = "Shelling hit Sumy and Kherson."
    rows = [{"id": "x", "text": text, "toponyms": [{"start": "x", "end": 17}]},
            {"id": "five", "text": text, "toponyms": 5},
            {"id": "nostart", "text": text, "toponyms": [{"end": 17}]},
            {"id": "ok", "text": text, "toponyms": [{"start": 13, "end": 17}]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = geomap("places", str(path), "--given-spans")
    assert result.returncode == 1
    assert_clean(result)
    assert [line.split(": ")[1] for line in lines_about(result, path)] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert ids(result) == ["ok"]


# ---------------------------------------------------------------- workers

def test_workers_are_capped_with_a_message(good):
    said: list[str] = []
    assert cap_workers(10_000, said.append) == max_workers() and len(said) == 1
    assert "--workers 10000 is more than 4 per core" in said[0]
    assert cap_workers(2, said.append) == 2 and len(said) == 1
    result = geomap("places", str(good), "--workers", "1000")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    assert f"geomap: warning: --workers 1000 is more than 4 per core" in result.stderr
    assert f"using {max_workers()}" in result.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not LINUX, reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path, sig):
    """The parent killed mid-run (SIGKILL cannot be caught): its worker processes end within seconds."""
    corpus = tmp_path / "corpus.jsonl"
    os.mkfifo(corpus)
    done = threading.Event()
    line = json.dumps({"text": "Russian shelling hit Kherson on Monday, injuring four people, the governor said. "
                               * 20, "published": "2025-11-18"}) + "\n"

    def feed() -> None:  # 400 articles at once (the pool starts), then the pipe stays open: the run goes on
        with contextlib.suppress(BrokenPipeError, OSError), corpus.open("w", encoding="utf-8") as pipe:
            pipe.write(line * 400)
            pipe.flush()
            done.wait(120)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "incidents", str(corpus), "--workers", "2",
                             "--format", "jsonl"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        workers: set[int] = set()
        while len(workers) < 2:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the pool did not start"
            workers = {pid for pid in _children(proc.pid) if _alive(pid)}
            time.sleep(0.1)
        time.sleep(1.0)  # the workers are past their initializer
        workers = {pid for pid in _children(proc.pid) if _alive(pid)}
        proc.send_signal(sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "worker processes outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        done.set()
        feeder.join(10)
        for pid in workers if "workers" in locals() else ():
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


# ---------------------------------------------------------------- fuzz: the real command line

json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)
json_line = st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "title", "published", "source", "url", "x"]), json_value,
                    max_size=6).map(json.dumps),
    st.builds(lambda text, pub: json.dumps({"text": text, "published": pub}),
              st.text(max_size=60) | st.just("Shelling hit Sumy on Monday."),
              st.sampled_from(["2025-11-18", "0001-01-01", "2099-01-01", "", "x", None])),
    st.sampled_from(['{"text": "\\ud800"}', '{"id": "\\udfff", "text": "Sumy"}', '{"text": "a\\ud83d\\ude00b"}',
                     '{"text": "x", "n": ' + "1" * 4400 + "}", "[" * 5000 + "]" * 5000, '{"text": ' * 3000,
                     "", "{", "\x00\x01", '{"text": 1e999}']),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
)
header_line = st.one_of(
    st.tuples(st.sampled_from(["title", "published", "source", "url", "id", "Author", "KYIV"]),
              st.one_of(st.sampled_from(["2025-11-18", "0001-01-01", "2099-01-01T00:00:00Z", "Tuesday"]),
                        st.text(st.characters(exclude_categories=("Cs",)), max_size=15))).map(": ".join),
    st.sampled_from(["", " ", "Shelling hit Sumy on Monday.", "\r"]),
)
header_block = st.tuples(st.lists(header_line, max_size=5), st.sampled_from(["", "\n", "\n\n"]),
                         st.sampled_from(["Shelling hit Kherson on Monday.", "", "Sumy"])).map(
    lambda t: "\n".join(t[0]) + t[1] + t[2])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=st.lists(json_line, min_size=1, max_size=8), blocks=st.lists(header_block, min_size=1, max_size=3))
def test_fuzz_jsonl_lines_and_header_blocks_through_the_cli(tmp_path_factory, lines, blocks):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    for n, block in enumerate(blocks):
        (folder / f"a{n}.txt").write_text(block, encoding="utf-8", errors="surrogatepass")
    result = geomap("places", str(folder), timeout=120)
    assert result.returncode in (0, 1), result.stderr
    assert_clean(result)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(json_line, st.builds(
    lambda text, spans: json.dumps({"text": text, "toponyms": spans}), st.text(max_size=30),
    st.one_of(json_value, st.lists(st.dictionaries(st.sampled_from(["start", "end"]), json_value), max_size=3)))),
    min_size=1, max_size=6))
def test_fuzz_given_spans_lines(tmp_path, lines):
    path = tmp_path / "spans.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    errors: list[InputError] = []
    for _number, _ident, text, spans in given_span_lines(str(path), errors.append):
        assert all(0 <= s < e <= len(text) for s, e in spans)
        _ident.encode("utf-8")
    assert all(isinstance(e, InputError) and "\n" not in str(e) for e in errors)
