"""Bad and awkward input through the command line (a subprocess, as a user runs it).

The rules: one clear line per problem on standard error, naming the path (and line); every other input still
processed; exit status 1 when anything was skipped; never a traceback for a user's error; never a partial file.
"""
from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geomap.readers import iter_articles

ROOT = Path(__file__).resolve().parent.parent
GOOD = """\
title: Drones hit a depot near Berestyn
published: 2025-11-20T06:15:00Z
id: good-1

A swarm of drones struck a fuel depot on the edge of Berestyn, in the Kharkiv region, on Thursday, killing two \
workers, local officials said.
"""


def geomap(*args: str, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **kw)


def assert_clean(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert all(line.startswith("geomap: ") for line in result.stderr.splitlines()), result.stderr


def places(result: subprocess.CompletedProcess) -> dict[str, list[dict]]:
    return {row["id"]: row["places"] for row in map(json.loads, result.stdout.splitlines())}


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_empty_file_is_reported_and_skipped(tmp_path, good):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = geomap("incidents", str(empty), str(good), "--format", "jsonl")
    assert result.returncode == 1
    assert_clean(result)
    assert [line for line in result.stderr.splitlines() if str(empty) in line] == [f"geomap: {empty}: empty article"]
    assert json.loads(result.stdout.splitlines()[0])["location"] == "Berestyn"
    assert "1 skipped: 1 empty article" in result.stderr


def test_binary_file_is_reported_and_skipped(tmp_path, good):
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    result = geomap("places", str(blob), str(good))
    assert result.returncode == 1
    assert_clean(result)
    assert f"geomap: {blob}: not a text file (a PNG image)" in result.stderr.splitlines()
    assert list(places(result)) == ["good-1"]


def test_invalid_utf8_falls_back_and_is_read(tmp_path):
    text = "Shelling hit Kherson on Monday, the city\u2019s governor said; caf\xe9 owners counted the damage.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = geomap("places", str(path), "--published", "2025-11-18")
    assert result.returncode == 0, result.stderr
    [found] = places(result).values()
    assert [p["text"] for p in found if p["feature"] == "city"] == ["Kherson"]
    assert found[0]["start"] == text.index("Kherson")


def test_malformed_jsonl_line_is_reported_with_its_number_and_the_rest_processed(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "one", "text": "A drone struck Sumy on Monday, killing one man."}),
             '{"id": "two", "text": "unfinished',
             json.dumps({"id": "three", "text": "Artillery hit Kherson on Monday, injuring four people."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = geomap("places", str(path), "--published", "2025-11-18")
    assert result.returncode == 1
    assert_clean(result)
    assert [line for line in result.stderr.splitlines() if "feed.jsonl" in line][0].startswith(
        f"geomap: {path}:2: malformed JSON")
    assert list(places(result)) == ["one", "three"]


def test_a_50_mb_article_completes(tmp_path):
    """One article of 50 MB (long filler text with a few news paragraphs): read in windows, in bounded time."""
    news = (ROOT / "examples" / "nikopol-shelling.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    words = ("the a of and to in that was for on with as by at from it is were said had been have has would "
             "which their they about more after some other into than then").split()
    rng = random.Random(7)
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write("title: A very long article\npublished: 2025-11-17\n\n")
        while out.tell() < 50_000_000:
            sentences = (" ".join(rng.choice(words) for _ in range(14)).capitalize() + "." for _ in range(8))
            out.write(" ".join(sentences) + "\n\n")
            if rng.random() < 0.002:
                out.write(news + "\n\n")
    started = time.perf_counter()
    result = geomap("incidents", str(path), "--format", "jsonl", timeout=600)
    seconds = time.perf_counter() - started
    print(f"50 MB article: {seconds:.1f} s")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(row["location"] == "Nikopol" for row in rows)
    assert seconds < 300


def test_html_scripts_are_not_run_and_the_text_is_read(tmp_path):
    marker = tmp_path / "ran"
    page = f"""<!doctype html><html><head><title>Strike on Sumy</title>
<script>require('fs').writeFileSync({json.dumps(str(marker))}, 'x'); document.write('Shelling in Lviv');</script>
<style>body {{ font-family: "Odesa Sans"; }}</style></head>
<body><nav>Home | Kyiv bureau</nav>
<p>A drone struck a fuel depot in Sumy on Monday, killing one man, regional officials said.</p>
<script type="text/javascript">alert("Kharkiv"); fetch("https://example.org/?q=Poltava");</script>
<p>Crews worked through the night.</p></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = geomap("places", str(path), "--published", "2025-11-18")
    assert result.returncode == 0, result.stderr
    [found] = places(result).values()
    assert [p["text"] for p in found] == ["Sumy"]
    assert not marker.exists()
    incidents = geomap("incidents", str(path), "--published", "2025-11-18", "--format", "jsonl")
    [row] = [json.loads(line) for line in incidents.stdout.splitlines()]
    assert row["location"] == "Sumy" and "alert" not in row["quote"]


def test_bad_header_date_warns_and_the_article_is_still_processed(tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text(GOOD.replace("2025-11-20T06:15:00Z", "the day before yesterday"), encoding="utf-8")
    result = geomap("incidents", str(path), "--format", "jsonl", "--published", "2025-11-20")
    assert result.returncode == 0, result.stderr
    assert_clean(result)
    warning = [line for line in result.stderr.splitlines() if line.startswith("geomap: warning:")]
    assert len(warning) == 1 and f"{path}:2" in warning[0] and "bad published date" in warning[0]
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["location"] == "Berestyn" and row["event_date"] == "2025-11-20"


def test_a_folder_of_3000_small_files(tmp_path):
    folder = tmp_path / "many"
    towns = ["Sumy", "Kherson", "Nikopol", "Berestyn", "Pokrovsk", "Kharkiv"]
    for n in range(3000):
        sub = folder / f"{n // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        town = towns[n % len(towns)]
        (sub / f"a{n:04d}.txt").write_text(
            f"id: small-{n}\npublished: 2025-11-{1 + n % 28:02d}\n\nShelling hit {town} on Monday, "
            f"injuring {1 + n % 5} people.\n", encoding="utf-8")
    started = time.perf_counter()
    result = geomap("map", str(folder), "-o", str(tmp_path / "out"))
    seconds = time.perf_counter() - started
    print(f"3,000 small files: {seconds:.1f} s")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3000 articles (0 skipped), ")
    features = json.loads((tmp_path / "out" / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["location"] for f in features} == set(towns)


def test_output_folder_that_cannot_be_written(tmp_path, good):
    """OUTDIR below a regular file (chmod would not stop root): one clear line, before any work is done."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = geomap("map", str(good), "-o", str(blocker / "sub"))
    assert result.returncode == 2
    assert_clean(result)
    assert result.stderr.splitlines() == [f"geomap: {blocker / 'sub'}: cannot create the output folder (Not a directory)"]
    assert result.stdout == ""


def test_output_file_that_cannot_be_replaced(tmp_path, good):
    outdir = tmp_path / "out"
    (outdir / "map.html").mkdir(parents=True)  # a folder where the map should go
    result = geomap("map", str(good), "-o", str(outdir))
    assert result.returncode == 2
    assert_clean(result)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"geomap: cannot write {outdir / 'map.html'}")
    assert not [p for p in outdir.iterdir() if p.name.endswith(".tmp")]


def big_corpus(path: Path, copies: int) -> None:
    articles = list(iter_articles([ROOT / "examples", ROOT / "tests" / "data" / "gold"]))
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for a in articles:
                out.write(json.dumps({"id": f"{a.id}-{n}", "text": a.body, "title": a.title, "url": a.url,
                                      "published": a.published.isoformat() if a.published else None}) + "\n")


def running(marker: str) -> list[int]:
    """Process ids whose command line mentions ``marker`` (the main process and its forked workers)."""
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(int(pid))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and a named pipe")
def test_interrupted_run_leaves_the_previous_map_and_no_temporary_files(tmp_path):
    # the articles come through a named pipe held open until the run ends: however fast the parser, the run is
    # still waiting for more when the signal arrives (a finite file was a race the parser could win)
    source = tmp_path / "articles.jsonl"
    big_corpus(source, 30)
    corpus = tmp_path / "interrupt-corpus.jsonl"
    os.mkfifo(corpus)
    done = threading.Event()

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), corpus.open("w", encoding="utf-8") as pipe:
            pipe.write(source.read_text(encoding="utf-8"))  # blocks until the run has read it, or ends
            pipe.flush()
            done.wait(180)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    outdir = tmp_path / "out"
    outdir.mkdir()
    previous = "<html><body>the previous map</body></html>\n"
    (outdir / "map.html").write_text(previous, encoding="utf-8")
    store = importlib.util.find_spec("geomap.store") is not None
    extra = ["--store", str(outdir / "store.sqlite")] if store else []
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "geomap", "-v", "map", str(corpus), "-o", str(outdir),
                                 "--workers", "2", *extra], stdout=subprocess.DEVNULL, stderr=err,
                                env=dict(os.environ, PYTHONFAULTHANDLER="1"))
    try:
        deadline = time.monotonic() + 120
        while log.read_text().count("places,") < 20:  # well into the work
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # with PYTHONFAULTHANDLER set, the run prints where each thread is
            proc.wait(timeout=10)
            pytest.fail("the run did not stop on Ctrl-C:\n" + log.read_text()[-8000:])
    finally:
        if proc.poll() is None:
            proc.kill()
        done.set()
        feeder.join(10)
    stderr = log.read_text()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "geomap: interrupted"
    assert (outdir / "map.html").read_text(encoding="utf-8") == previous
    assert sorted(p.name for p in outdir.iterdir()) == sorted(["map.html", *(["store.sqlite"] if store else [])])
    time.sleep(0.5)
    assert running(str(corpus)) == [], "worker processes outlived the run"
    if store:
        with sqlite3.connect(outdir / "store.sqlite") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
