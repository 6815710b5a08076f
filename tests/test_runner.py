"""The streaming/parallel engine (geomap.runner) and the progress line (geomap.progress)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import json
import multiprocessing
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.model import Article
from geomap.progress import Progress, Tally, estimate_total, format_duration, reason_category
from geomap.readers import iter_articles
from geomap.runner import LARGE, ArticleResult, analyse, process, windows

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples", ROOT / "tests" / "data" / "gold"]


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    """Our own example and gold articles, three times over with distinct ids (about 60 articles)."""
    base = list(iter_articles(SOURCES))
    return [dataclasses.replace(a, id=f"{a.id}-{n}") for n in range(3) for a in base]


def test_one_and_two_workers_give_the_same_results_in_input_order(corpus):
    serial = list(process(corpus, workers=1))
    parallel = list(process(corpus, workers=2, chunk=4))
    assert [r.id for r in serial] == [a.id for a in corpus]
    assert parallel == serial
    assert sum(len(r.incidents) for r in serial) > 20, "the corpus reports incidents"
    assert all(r.article is a for r, a in zip(parallel, corpus)), "each result carries the article it was read from"


def test_resolutions_are_kept_on_request_only(corpus):
    few = corpus[:6]
    bare = list(process(few, workers=2, chunk=2))
    full = list(process(few, workers=2, chunk=2, resolutions=True))
    assert all(r.resolutions == () for r in bare)
    assert [len(r.resolutions) for r in full] == [r.places for r in bare]
    for result in full:
        for res in result.resolutions:
            assert result.article.body[res.mention.start:res.mention.end] == res.mention.text


def test_the_input_is_read_lazily_with_bounded_chunks_in_flight(corpus):
    consumed = 0

    def articles():
        nonlocal consumed
        for article in itertools.cycle(corpus):  # endless: only a lazy engine can work on it
            consumed += 1
            yield article

    workers, chunk = 2, 3
    results = process(articles(), workers=workers, chunk=chunk)
    first = [next(results) for _ in range(10)]
    assert [r.id for r in first] == [a.id for a in corpus[:10]]
    assert consumed <= (2 * workers + 1) * chunk + 10, consumed
    results.close()  # stopping early stops the workers
    # a terminated worker is reaped a moment later: once, on a fresh CI clone, one was still listed at first look
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert multiprocessing.active_children() == []


def test_a_failing_article_comes_back_as_an_error_and_the_rest_go_on(corpus, monkeypatch):
    import geomap.incidents

    real = geomap.incidents.extract_incidents

    def flaky(article, resolutions, **kw):
        if article.id == corpus[2].id:
            raise RuntimeError("boom")
        return real(article, resolutions, **kw)

    monkeypatch.setattr(geomap.incidents, "extract_incidents", flaky)  # forked workers inherit it
    for workers in (1, 2):
        results = list(process(corpus[:8], workers=workers, chunk=2))
        assert [r.error is not None for r in results] == [i == 2 for i in range(8)]
        bad = results[2]
        assert "RuntimeError: boom" in bad.error and bad.incidents == ()
        error = bad.input_error()
        assert corpus[2].id in str(error) and str(corpus[2].path) in str(error)


def test_small_inputs_and_bad_arguments():
    assert list(process([], workers=4)) == []
    one = Article("a1", "A drone struck a fuel depot in Sumy overnight, killing two people.")
    [result] = process([one], workers=4)  # fewer than a chunk: read in this process
    assert result.places >= 1 and result.incidents
    with pytest.raises(ValueError):
        list(process([one], workers=0))
    with pytest.raises(ValueError):
        list(process([one], chunk=0))


def test_article_result_compares_without_the_article():
    article = Article("x", "Nothing happens here.")
    a = ArticleResult.empty(article)
    b = dataclasses.replace(a, article=article)
    assert a == b and "body" not in repr(b)


# ---------------------------------------------------------------- very long bodies

def test_windows_cover_the_text_and_cut_at_breaks():
    text = ("word " * 30 + "end.\n\n") * 400
    spans = list(windows(text, 1000))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < e - s <= 1000 for s, e in spans)
    assert all(text[:e].endswith("\n\n") for _s, e in spans[:-1])
    assert list(windows("x" * 2500, 1000)) == [(0, 1000), (1000, 2000), (2000, 2500)]  # no break: hard cuts


def test_a_very_long_body_is_read_in_windows_with_exact_offsets():
    news = ("A drone struck a fuel depot in Sumy on Tuesday, killing two people, officials said.\n\n"
            "Shelling hit Kherson overnight, injuring three residents.\n\n")
    filler = "The committee met again and agreed to meet once more later in the year.\n\n" * 400
    body = (filler + news) * (LARGE // len(filler + news) + 2)
    assert len(body) > LARGE
    article = Article("long-1", body, published=None)
    result = analyse(article, resolutions=True)
    assert result.error is None
    assert result.places == len(result.resolutions) > 0
    for res in result.resolutions:
        assert body[res.mention.start:res.mention.end] == res.mention.text
    assert result.incidents
    ids = [inc.event_id for inc in result.incidents]
    assert len(ids) == len(set(ids)), "event ids stay unique across windows"
    for inc in result.incidents:
        assert [s.article_id for s in inc.sources] == ["long-1"]
        start, end = inc.evidence
        assert body[start:end].startswith(inc.quotes[0][:20])


# ---------------------------------------------------------------- progress

def test_progress_line_shows_count_rate_and_eta():
    out = io.StringIO()
    progress = Progress(100, stream=out, enabled=True, interval=0)
    progress.update(25)
    text = out.getvalue()
    assert text.startswith("\r25/100 articles") and "/s" in text and "ETA" in text
    progress.close()
    assert out.getvalue().endswith("\r")
    assert "ETA" not in Progress(None, stream=io.StringIO(), enabled=True).line()


def test_progress_is_silent_off_a_terminal():
    out = io.StringIO()
    progress = Progress(10, stream=out)
    progress.update(5)
    progress.close()
    assert not progress.enabled and out.getvalue() == ""


def test_estimate_total_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    (tmp_path / "sub" / "notes.csv").write_text("x")
    (tmp_path / "feed.jsonl").write_text('{"id": 1, "text": "x"}\n' * 7)
    assert estimate_total([str(tmp_path)]) == 9
    assert estimate_total([str(tmp_path / "feed.jsonl"), str(tmp_path / "a.txt")]) == 8
    assert estimate_total(["-"]) is None


def test_reason_categories_and_durations():
    assert reason_category("malformed JSON: Expecting value (column 1)") == "malformed JSON"
    assert reason_category("not a text file") == "not a text file"
    assert reason_category("empty file (no articles)") == "empty file"
    tally = Tally(["malformed JSON", "not a text file", "malformed JSON"])
    assert tally.summary() == "2 malformed JSON, 1 not a text file"
    assert (format_duration(59.6), format_duration(3725)) == ("1:00", "1:02:05")


# ---------------------------------------------------------------- through the command line

def geomap(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **kw)


FEED_DATE = dt.datetime(2025, 11, 18, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def feed(tmp_path_factory, corpus) -> Path:
    """A JSONL corpus of more than one chunk (70 articles), for runs on several workers."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for article in (corpus * 2)[:70]:
            out.write(json.dumps({"id": f"{article.id}-{out.tell()}", "text": article.body, "title": article.title,
                                  "published": (article.published or FEED_DATE).isoformat(),  # dated: no warnings
                                  "url": article.url, "source": article.source}) + "\n")
    return path


def test_cli_workers_do_not_change_the_output(feed):
    one = geomap("-q", "incidents", str(feed), "--format", "jsonl", "--workers", "1")
    two = geomap("-q", "incidents", str(feed), "--format", "jsonl", "--workers", "2")
    assert (one.returncode, two.returncode) == (0, 0), one.stderr + two.stderr
    assert one.stdout == two.stdout and one.stdout.count("\n") > 5
    assert one.stderr == two.stderr == ""


def test_cli_summary_counts_skipped_inputs_by_reason(tmp_path, feed):
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "Shelling hit Sumy."}\n{oops\n[1]\n', encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    result = geomap("incidents", str(tmp_path), "--format", "csv")
    assert result.returncode == 1
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("geomap: 1 articles (3 skipped: ")
    assert "1 malformed JSON" in summary and "1 not a text file" in summary and "incidents in" in summary
    assert f"{tmp_path / 'bad.jsonl'}:2" in result.stderr


def test_cli_verbose_logs_each_article(feed):
    result = geomap("-v", "incidents", str(feed), "--format", "jsonl", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "worker process" in result.stderr
    assert result.stderr.count("places,") >= 70


def test_cli_workers_must_be_positive(feed):
    result = geomap("incidents", str(feed), "--workers", "0")
    assert result.returncode == 2 and "--workers" in result.stderr and "Traceback" not in result.stderr


def test_cli_progress_line_on_a_terminal(feed):
    """With standard error on a terminal the progress line is drawn (and cleared); -q turns it off."""
    def run(*extra: str) -> str:
        master, slave = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "geomap", *extra, "incidents", str(feed), "--format",
                                 "jsonl", "--workers", "2"], stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closed
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=300)
        os.close(master)
        assert proc.returncode == 0
        return b"".join(chunks).decode("utf-8", "replace")

    shown = run()
    assert "/70 articles" in shown and "/s" in shown and "\r" in shown
    assert "70 articles (0 skipped)" in shown
    quiet = run("-q")
    assert quiet == ""


def test_cli_no_merge_streams_every_report(feed):
    merged = geomap("-q", "incidents", str(feed), "--format", "jsonl")
    streamed = geomap("incidents", str(feed), "--format", "jsonl", "--no-merge", "--workers", "2")
    assert streamed.returncode == 0, streamed.stderr
    reports = [json.loads(line) for line in streamed.stdout.splitlines()]
    serial = geomap("-q", "incidents", str(feed), "--format", "jsonl", "--no-merge", "--workers", "1")
    assert serial.stdout == streamed.stdout
    assert len(reports) > merged.stdout.count("\n")
    assert f"{len(reports)} incidents (unmerged)" in streamed.stderr


def test_cli_store_with_workers(feed, tmp_path):
    store = tmp_path / "store.sqlite"
    plain = geomap("-q", "incidents", str(feed), "--format", "jsonl")
    stored = geomap("-q", "incidents", str(feed), "--format", "jsonl", "--store", str(store), "--workers", "2")
    assert stored.returncode == 0, stored.stderr
    assert stored.stdout == plain.stdout
    again = geomap("-q", "incidents", str(feed), "--format", "jsonl", "--store", str(store), "--workers", "2")
    assert again.stdout == plain.stdout  # the same articles again add nothing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_only_the_main_thread_can_receive_ctrl_c_while_the_workers_run(corpus):
    # a SIGINT the kernel hands to one of the pool's helper threads left the main thread asleep in a read from a
    # pipe, and the run never stopped: the helpers must block it, so that only the main thread can take it
    tasks = Path(f"/proc/{os.getpid()}/task")
    before = {task.name for task in tasks.iterdir()}  # other tests' threads (Dask's) are not the pool's
    results = process(iter(corpus * 8), workers=2, chunk=4)
    next(results)
    try:
        masks = {}
        for task in tasks.iterdir():
            if task.name in before and int(task.name) != os.getpid():
                continue
            status = (task / "status").read_text()
            blocked = int(next(line for line in status.splitlines() if line.startswith("SigBlk:")).split()[1], 16)
            masks[int(task.name)] = bool(blocked & (1 << (signal.SIGINT - 1)))
        helpers = {tid: masked for tid, masked in masks.items() if tid != os.getpid()}
        assert helpers and all(helpers.values()), masks
        assert masks[os.getpid()] is False
    finally:
        results.close()
