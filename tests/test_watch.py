"""`geomap watch` against real components on loopback: a local HTTP server (a thread of this process) serves
feeds and pages of our own writing (tests/data/feeds), with the failure cases of issue 16: a timeout, HTTP 500,
malformed XML, an oversized body, a redirect loop, a 404, and a page that robots.txt disallows."""
from __future__ import annotations

import hashlib
import http.server
import json
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("feedparser")
pytest.importorskip("trafilatura")
pytest.importorskip("httpx")

from geomap.feeds import (FeedError, FetchError, Fetcher, FetchPolicy, body_hash, canonical_url,  # noqa: E402
                          extract_page, parse_feed, parse_opml)
from geomap.store import IncidentStore  # noqa: E402
from geomap.watch import Watcher, article_id, parse_duration  # noqa: E402

FEEDS = Path(__file__).resolve().parent / "data" / "feeds"
REPO = Path(__file__).resolve().parent.parent
SLOW_SECONDS = 6.0
HUGE_BYTES = 8 * 1024 * 1024


class FeedServer:
    """A threaded HTTP server on 127.0.0.1 serving tests/data/feeds ({{BASE}} replaced by its own URL), with
    special paths: /slow/* answers after SLOW_SECONDS, /error/* is a 500, /loop/* redirects in a circle,
    /huge/* streams HUGE_BYTES without a length, /robots.txt disallows /private/. ETags on every file.
    ``hits`` counts requests per path; ``extra`` maps a path to (content type, bytes) served as well."""

    def __init__(self, root: Path = FEEDS, *, base_in_files: bytes = b"{{BASE}}") -> None:
        self.root = root
        self.base_in_files = base_in_files
        self.hits: Counter[str] = Counter()
        self.extra: dict[str, tuple[str, bytes]] = {}
        self.page_delay = 0.0  # seconds before each /pages/ answer
        self._stop = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0].split("#")[0]
                outer.hits[path] += 1
                outer.user_agents.add(self.headers.get("User-Agent", ""))
                try:
                    outer.respond(self, path)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:  # a client hung up: fine
                pass

        self.user_agents: set[str] = set()
        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def body(self, path: str) -> tuple[str, bytes] | None:
        if path in self.extra:
            return self.extra[path]
        file = (self.root / path.lstrip("/")).resolve()
        if self.root.resolve() not in file.parents or not file.is_file():
            return None
        kind = {".xml": "application/xml", ".json": "application/feed+json", ".opml": "text/x-opml",
                ".html": "text/html; charset=utf-8", ".xhtml": "application/octet-stream",
                }.get(file.suffix, "application/octet-stream")
        return kind, file.read_bytes().replace(self.base_in_files, self.base.encode())

    @staticmethod
    def _send(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes = b"",
              headers: dict[str, str] | None = None) -> None:
        handler.send_response(status)
        for k, v in (headers or {}).items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def respond(self, h: http.server.BaseHTTPRequestHandler, path: str) -> None:
        if path == "/robots.txt":
            return self._send(h, 200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
        if path.startswith("/slow/"):
            self._stop.wait(SLOW_SECONDS)
            return self._send(h, 200, b"<rss version='2.0'><channel></channel></rss>")
        if path.startswith("/error/"):
            return self._send(h, 500, b"internal error", {"Content-Type": "text/plain"})
        if path.startswith("/loop/"):
            target = "/loop/b" if path != "/loop/b" else "/loop/feed.xml"
            return self._send(h, 302, b"", {"Location": self.base + target})
        if path.startswith("/huge/"):
            h.send_response(200)
            h.send_header("Content-Type", "text/html" if path.endswith(".html") else "application/xml")
            h.send_header("Connection", "close")
            h.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            for _ in range(HUGE_BYTES // len(chunk)):
                if self._stop.is_set():
                    break
                h.wfile.write(chunk)
            return None
        if path.startswith("/pages/") and self.page_delay:
            self._stop.wait(self.page_delay)
        found = self.body(path)
        if found is None:
            return self._send(h, 404, b"not found", {"Content-Type": "text/plain"})
        kind, body = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if h.headers.get("If-None-Match") == etag:
            return self._send(h, 304, b"", {"ETag": etag})
        return self._send(h, 200, body, {"Content-Type": kind, "ETag": etag})


FAST = FetchPolicy(timeout=2.0, deadline=10.0, retries=1, backoff=0.05, delay=0.0)  # 2 s: margin on busy cores


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def _watch(store_path, sources, policy=FAST):
    lines: list[str] = []
    with IncidentStore(store_path) as store, Fetcher(policy) as fetcher:
        summary = Watcher(store, fetcher, say=lines.append, progress=lines.append).run_round(sources)
    return summary, lines


def _snapshot(path) -> dict:
    """What a store holds, without the times it was written."""
    db = sqlite3.connect(path)
    try:
        return {
            "articles": sorted(db.execute("SELECT key, id, title, url, source, published FROM articles")),
            "incidents": sorted(db.execute("SELECT article_key, event_id, event_type, location, fatalities "
                                           "FROM incidents")),
            "entries": sorted(db.execute("SELECT key, status, canonical_url, body_hash, article_key "
                                         "FROM feed_entries")),
        }
    finally:
        db.close()


# ---------------------------------------------------------------- pieces

def test_parse_duration():
    assert [parse_duration(t) for t in ("90", "30s", "15m", "2h", "1h30m")] == [90, 30, 900, 7200, 5400]
    for bad in ("", "soon", "0", "15x", "m15"):
        with pytest.raises(ValueError):
            parse_duration(bad)


def test_canonical_url_drops_tracking_and_fragments():
    assert canonical_url("HTTP://Example.ORG:80/a?utm_source=x&id=3&fbclid=y#top") == "http://example.org/a?id=3"
    assert canonical_url("https://example.org") == "https://example.org/"
    assert canonical_url("https://example.org:8443/p") == "https://example.org:8443/p"
    assert article_id("https://www.example.org/a") == article_id("https://www.example.org/a")
    assert article_id("https://www.example.org/a").startswith("example.org-")
    assert body_hash("A  b\nC") == body_hash("a b c") != body_hash("a b d")


def test_feed_formats_parse(server):
    base = server.base
    for name, kind in (("rss.xml", "rss20"), ("atom.xml", "atom10"), ("feed.json", "json")):
        _ctype, body = server.body("/" + name)
        feed = parse_feed(body, f"{base}/{name}")
        assert feed.kind == kind and feed.title and feed.entries, name
        assert all(e.url and e.url.startswith(base) for e in feed.entries if e.url)
    rss = parse_feed(server.body("/rss.xml")[1], base + "/rss.xml")
    assert rss.entries[0].published.isoformat() == "2026-11-17T08:10:00+00:00"
    assert rss.entries[2].summary.startswith("Unknown attackers threw a grenade")  # HTML summary as text
    with pytest.raises(FeedError, match="broken.xml: malformed feed"):
        parse_feed(server.body("/broken.xml")[1], base + "/broken.xml")
    with pytest.raises(FeedError, match="not a JSON Feed"):
        parse_feed(b'{"items": []}', base + "/x.json")
    links = parse_opml(server.body("/feeds.opml")[1], base + "/feeds.opml")
    assert links[:3] == [f"{base}/rss.xml", f"{base}/atom.xml", f"{base}/feed.json"] and len(links) == 9
    with pytest.raises(FeedError, match="not an OPML list"):
        parse_opml(b"<rss/>", "x.opml")


def test_extract_page_main_text_and_metadata(server):
    html = server.body("/pages/kupiansk-shelling.html")[1]
    page = extract_page(html, server.base + "/pages/kupiansk-shelling.html")
    assert "Russian artillery shelled the centre of Kupiansk" in page.text
    assert "Most read" not in page.text and "Subscribe" not in page.text and "tracker" not in page.text
    assert page.title == "Shelling kills two in Kupiansk" and page.sitename == "Oskil Valley Herald"
    assert page.published is not None and page.published.date().isoformat() == "2026-11-17"
    assert page.canonical == server.base + "/pages/kupiansk-shelling.html"


def test_fetcher_failures_name_the_url(server):
    base = server.base
    with Fetcher(FAST) as f:
        cases = {
            "/slow/feed.xml": "timed out",
            "/error/feed.xml": "HTTP 500",
            "/loop/feed.xml": "redirects",
            "/missing.xml": "HTTP 404",
            "/huge/page.html": "too large",
        }
        for path, reason in cases.items():
            with pytest.raises(FetchError, match=reason) as err:
                f.get(base + path)
            assert base in str(err.value), path
        with pytest.raises(FetchError, match="robots.txt"):
            f.get(base + "/private/kisumu-arrests.html")
        assert server.hits["/private/kisumu-arrests.html"] == 0
        assert server.hits["/error/feed.xml"] == 2  # retried once (FAST: retries=1), not for the 404
        assert server.hits["/missing.xml"] == 1
        ok = f.get(base + "/rss.xml")
        assert ok.status == 200 and ok.etag
        again = f.get(base + "/rss.xml", etag=ok.etag)
        assert again.not_modified
        with pytest.raises(FetchError, match="not an http"):
            f.get("file:///etc/passwd")
    assert all(ua.startswith("geomap/") for ua in server.user_agents)


def test_fetcher_waits_between_requests_to_one_host(server):
    waits: list[float] = []
    with Fetcher(FetchPolicy(delay=5.0, robots=False), sleep=waits.append) as f:
        f.get(server.base + "/rss.xml", robots=False)
        f.get(server.base + "/atom.xml", robots=False)
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0  # the second request waited for its turn


# ---------------------------------------------------------------- rounds

def test_watch_once_stores_articles_and_survives_every_failure(server, tmp_path):
    store = tmp_path / "live.db"
    summary, lines = _watch(store, [server.base + "/feeds.opml"])
    text = "\n".join(lines)
    # each failing feed is named with its URL, and the others were read anyway
    for path, reason in (("/broken.xml", "malformed"), ("/slow/feed.xml", "timed out"),
                         ("/error/feed.xml", "HTTP 500"), ("/loop/feed.xml", "redirect"),
                         ("/missing.xml", "HTTP 404"), ("/huge/feed.xml", "too large")):
        assert any(server.base + path in line and reason in line for line in lines), (path, text)
    assert len(summary.failed_feeds) == 6 and summary.feeds == 9
    # 5 pages read, 2 from the summary (a 500 page, a robots-disallowed page), the syndicated copy a duplicate,
    # the oversized page with no summary unreadable
    assert (summary.stored, summary.from_summary, summary.duplicates) == (7, 2, 1)
    assert summary.failed_pages == (server.base + "/huge/page.html",)
    assert server.hits["/private/kisumu-arrests.html"] == 0
    with IncidentStore(store) as s:
        articles = {r[0]: r for r in s.db.execute("SELECT title, url, source, published FROM articles")}
        assert len(articles) == 7
        kupiansk = articles["Shelling kills two in Kupiansk"]
        assert kupiansk[1] == server.base + "/pages/kupiansk-shelling.html"  # canonical: no utm_*
        assert kupiansk[2] == "Oskil Valley Herald" and kupiansk[3].startswith("2026-11-17T08:10")
        places = {i.location for i in s.incidents()}
        assert {"Kupyansk", "Goma", "Mopti", "Myitkyina", "Omdurman", "Bujumbura", "Kisumu"} <= places, places
        assert s.feed_state(server.base + "/broken.xml")["failures"] == 1
        assert s.feed_state(server.base + "/rss.xml")["etag"]
        assert s.feed_state(server.base + "/feed.json")["etag"] is None  # a page to retry: read whole next time
    assert "new incidents" in summary.line()


def test_second_round_adds_nothing_and_asks_conditionally(server, tmp_path):
    store = tmp_path / "live.db"
    _watch(store, [server.base + "/feeds.opml"])
    first = _snapshot(store)
    pages_before = server.hits["/pages/kupiansk-shelling.html"]
    summary, _ = _watch(store, [server.base + "/feeds.opml"])
    assert (summary.stored, summary.duplicates, summary.entries) == (0, 0, 1)  # only the unreadable page again
    assert _snapshot(store)["articles"] == first["articles"]
    assert _snapshot(store)["incidents"] == first["incidents"]
    assert server.hits["/pages/kupiansk-shelling.html"] == pages_before  # not fetched again
    with IncidentStore(store) as s:
        assert s.feed_entry(next(k for k, st, *_ in first["entries"] if st == "failed"))[1] == 2  # attempts


def test_same_article_from_two_feeds_at_two_urls_is_stored_once(server, tmp_path):
    server.extra["/mirror/kupiansk.html"] = ("text/html", server.body("/pages/kupiansk-shelling.html")[1]
                                             .replace(b'rel="canonical"', b'rel="alternate"'))
    server.extra["/mirror.xml"] = ("application/rss+xml", f"""<rss version="2.0"><channel><title>Mirror</title>
<item><title>Shelling kills two in Kupiansk</title><link>{server.base}/mirror/kupiansk.html</link></item>
</channel></rss>""".encode())
    store = tmp_path / "live.db"
    _watch(store, [server.base + "/rss.xml"])
    summary, _ = _watch(store, [server.base + "/mirror.xml"])
    assert (summary.stored, summary.duplicates) == (0, 1)  # another URL, the same text


def test_local_feed_file_and_opml_file(server, tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_bytes(server.body("/feeds.opml")[1])
    rss = tmp_path / "local.xml"
    rss.write_bytes(server.body("/atom.xml")[1])
    summary, _ = _watch(tmp_path / "a.db", [str(rss)])
    assert summary.stored == 3 and not summary.failed_feeds  # the Kupiansk copy is a page of its own here
    summary, lines = _watch(tmp_path / "a.db", [str(tmp_path / "absent.xml")])
    assert summary.failed_feeds and "absent.xml" in lines[0]


# ---------------------------------------------------------------- the command

def _cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def test_cli_watch_once_twice(server, tmp_path):
    store = str(tmp_path / "cli.db")
    args = ("watch", server.base + "/rss.xml", server.base + "/feed.json", "--store", store, "--once",
            "--delay", "0", "--timeout", "3", "--retries", "0")
    first = _cli(*args)
    assert first.returncode == 1, first.stderr  # the oversized page could not be read
    assert "round 1:" in first.stderr and "5 articles stored" in first.stderr, first.stderr
    assert "Traceback" not in first.stderr
    before = _snapshot(store)
    second = _cli(*args)
    assert "0 articles stored" in second.stderr, second.stderr
    assert _snapshot(store)["articles"] == before["articles"]
    bad = _cli("watch", "x.xml", "--store", store, "--every", "soon")
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0 and "--every" in bad.stderr


def _stored_articles(path: str) -> int:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return -1


def test_kill_9_then_restart_equals_an_uninterrupted_run(server, tmp_path):
    """SIGKILL before the first article, and after the 1st, 3rd and 5th were stored (pages answer slowly, so the
    kill lands while the next page is read or written); each time the restarted run ends with the same store."""
    sources = [server.base + "/rss.xml", server.base + "/atom.xml", server.base + "/feed.json"]
    args = ["--once", "--delay", "0", "--timeout", "2", "--retries", "0"]
    reference = str(tmp_path / "reference.db")
    _cli("watch", *sources, "--store", reference, *args)
    expected = _snapshot(reference)
    assert len(expected["articles"]) == 7
    server.page_delay = 0.3
    for after in (0, 1, 3, 5):
        store = str(tmp_path / f"killed-{after}.db")
        proc = subprocess.Popen([sys.executable, "-m", "geomap", "watch", *sources, "--store", store, *args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
        deadline = time.monotonic() + 60
        while _stored_articles(store) < after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if after == 0:
            time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, after  # killed mid-run, not finished
        assert _stored_articles(store) < 7, after
        _cli("watch", *sources, "--store", store, *args)
        got = _snapshot(store)
        assert got["articles"] == expected["articles"], after
        assert got["incidents"] == expected["incidents"], after
        assert [e[:2] for e in got["entries"]] == [e[:2] for e in expected["entries"]], after


def test_missing_extra_is_one_line(tmp_path):
    code = ("import sys, importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda n, *a: None if n == 'trafilatura' else real(n, *a); "
            "from geomap.cli import main; sys.exit(main(['watch', 'f.xml', '--store', 'x.db']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == ("geomap: watch needs the live extra (trafilatura not installed): "
                                   "pip install 'geomap[live]'")


def test_json_feed_summary_fallback_keeps_title(server, tmp_path):
    server.extra["/only-summary.json"] = ("application/feed+json", json.dumps({
        "version": "https://jsonfeed.org/version/1", "title": "Summaries",
        "items": [{"id": "s1", "url": server.base + "/error/x.html", "title": "Clash in Kidal",
                   "content_text": "Fighters clashed with soldiers in Kidal on Monday, killing three, "
                                   "residents said.", "date_published": "2026-11-16T10:00:00Z"}]}).encode())
    summary, lines = _watch(tmp_path / "s.db", [server.base + "/only-summary.json"])
    assert (summary.stored, summary.from_summary) == (1, 1)
    assert any("HTTP 500" in line and "summary" in line for line in lines)
    with IncidentStore(tmp_path / "s.db") as s:
        (title,) = s.db.execute("SELECT title FROM articles").fetchone()
        assert title == "Clash in Kidal"


def test_bundled_example_feeds(tmp_path):
    """examples/feeds as the README serves it (there on 127.0.0.1:8765; here on a free port, pages sent as
    application/octet-stream, which a bare `python -m http.server` may send for .xhtml): 6 articles, 6 incidents;
    and `geomap map examples/` does not read the feed folder's files as articles."""
    from geomap.readers import iter_articles

    examples = REPO / "examples" / "feeds"
    with FeedServer(examples, base_in_files=b"http://127.0.0.1:8765") as server:
        opml = tmp_path / "feeds.opml"
        opml.write_bytes((examples / "feeds.opml").read_bytes().replace(b"http://127.0.0.1:8765",
                                                                         server.base.encode()))
        store = tmp_path / "example.db"
        summary, lines = _watch(store, [str(opml)])
    assert (summary.feeds, summary.stored, summary.from_summary, summary.failed_feeds) == (2, 6, 1, ()), lines
    with IncidentStore(store) as s:
        assert {i.location for i in s.incidents()} == {"Kupyansk", "Goma", "Mopti", "Myitkyina", "Omdurman",
                                                       "Bujumbura"}
    assert not [a.path for a in iter_articles([str(REPO / "examples")]) if "feeds" in (a.path or "")]


def test_two_watch_processes_on_one_store_store_nothing_twice(server, tmp_path):
    """Two `geomap watch --once` at the same time on one SQLite store, each following a feed that carries the same
    page under its own title and tracking parameter (pages answer slowly, so both read it at once): the article
    is stored once, and the other entry recorded as a duplicate."""
    for name, title in (("x", "Shelling kills two in Kupiansk"), ("y", "Two killed as shells hit Kupiansk")):
        server.extra[f"/{name}.xml"] = ("application/rss+xml", f"""<rss version="2.0"><channel><title>{name}</title>
<item><title>{title}</title><link>{server.base}/pages/kupiansk-shelling.html?utm_source={name}</link></item>
</channel></rss>""".encode())
    server.page_delay = 0.5
    for attempt in range(2):
        store = str(tmp_path / f"shared-{attempt}.db")
        procs = [subprocess.Popen([sys.executable, "-m", "geomap", "watch", f"{server.base}/{name}.xml", "--store",
                                   store, "--once", "--delay", "0", "--timeout", "3", "--retries", "0", "-q"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
                 for name in ("x", "y")]
        for proc in procs:
            proc.wait(timeout=240)
        got = _snapshot(store)
        assert len(got["articles"]) == 1, got["articles"]
        assert sorted(e[1] for e in got["entries"]) == ["duplicate", "stored"]


def test_rounds_repeat_every_period_until_stopped(server, tmp_path):
    """Without --once, rounds follow one another `every` seconds apart (the sleep is ours here) until interrupted;
    later rounds ask the feeds conditionally and add nothing."""
    from geomap.watch import watch

    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 3:
            raise KeyboardInterrupt

    out = tmp_path / "err.txt"
    with open(out, "w") as stream, pytest.raises(KeyboardInterrupt):
        watch([server.base + "/rss.xml"], str(tmp_path / "r.db"), every=60, policy=FAST, out=stream, sleep=sleep)
    text = out.read_text()
    assert re.findall(r"round \d+:", text) == ["round 1:", "round 2:", "round 3:"]
    assert "4 articles stored" in text and text.count("0 articles stored") == 2
    assert all(0 < p <= 60 for p in pauses)
    assert server.hits["/rss.xml"] == 3 and server.hits["/pages/goma-clash.html"] == 1


def test_sigterm_stops_watch_between_two_writes(server, tmp_path):
    """A service manager's stop (SIGTERM) ends watch like Ctrl-C: exit status 130, one line, the store whole."""
    server.page_delay = 0.5
    store = str(tmp_path / "t.db")
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "watch", server.base + "/rss.xml", "--store", store,
                             "--every", "1m", "--delay", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, cwd=REPO)
    deadline = time.monotonic() + 60
    while _stored_articles(store) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.rstrip().endswith("geomap: interrupted") and "Traceback" not in err
    assert 1 <= _stored_articles(store) <= 4


def test_opml_that_lists_itself_and_a_feed_named_twice(server, tmp_path):
    opml = tmp_path / "self.opml"
    opml.write_text(f"""<opml version="2.0"><body><outline xmlUrl="self.opml"/><outline xmlUrl="sub/other.opml"/>
<outline xmlUrl="{server.base}/atom.xml"/></body></opml>""")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.opml").write_text(f"""<opml version="2.0"><body><outline xmlUrl="../self.opml"/>
<outline xmlUrl="{server.base}/atom.xml"/></body></opml>""")
    summary, lines = _watch(tmp_path / "o.db", [str(opml), server.base + "/atom.xml"])
    assert summary.feeds == 1 and summary.stored == 3 and not summary.failed_feeds, lines
    assert server.hits["/atom.xml"] == 1


def test_malformed_urls_are_one_line_each(server, tmp_path):
    server.extra["/odd.xml"] = ("application/rss+xml", f"""<rss version="2.0"><channel><title>Odd</title>
<item><title>Bad link</title><link>http://[bad</link><description>Gunmen killed two farmers near Gao on Monday,
residents said.</description></item>
<item><title>Fine</title><link>{server.base}/pages/mopti-protest.html</link></item>
</channel></rss>""".encode())
    summary, lines = _watch(tmp_path / "u.db", ["http://[bad", "http://:80/x", server.base + "/odd.xml"])
    assert summary.failed_feeds == ("http://[bad", "http://:80/x"), lines
    assert any(line.startswith("geomap: http://[bad: invalid URL") for line in lines), lines
    assert summary.stored == 2 and summary.from_summary == 1  # the bad link's summary, and the fine page
    done = _cli("watch", "http://[bad", "--store", str(tmp_path / "c.db"), "--once")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "invalid URL" in done.stderr


def test_store_folder_is_made(server, tmp_path):
    """As in the README on a fresh machine: --store output/geomap.db where output/ does not exist yet."""
    store = tmp_path / "output" / "geomap.db"
    done = _cli("watch", server.base + "/atom.xml", "--store", str(store), "--once", "--delay", "0")
    assert done.returncode == 0, done.stderr
    assert store.is_file() and _stored_articles(str(store)) == 3
