"""``geomap watch``: follow feeds, read each new article once, and add what it reports to the store.

A round reads every feed (RSS, Atom, JSON Feed; OPML lists expand to their feeds), and for each entry not
handled before fetches its page, extracts the main text (or falls back to the feed's summary when the page
cannot be had), runs the pipeline (:func:`geomap.runner.analyse`) and stores the article with its places and
incidents. Everything a round learns is kept in the store (tables ``feeds`` and ``feed_entries``):

- an entry is remembered in the same transaction as its article, so a kill at any moment loses nothing and
  stores nothing twice: the next run does again exactly what had not been committed;
- articles are deduplicated by canonical URL (tracking parameters and fragments dropped, the page's
  ``<link rel=canonical>`` followed) and by the hash of their text, across feeds and runs;
- a feed's ETag / Last-Modified are saved only once all its entries were handled, so a feed interrupted or with
  a page to retry is read whole next time;
- a feed that fails (timeout, HTTP error, malformed XML, an oversized body, a redirect loop) is reported on
  standard error with its URL and tried again next round; it never stops the others. A page that fails with no
  summary to fall back on is tried again in later rounds, up to ``max_attempts`` times.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import sys
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from geomap.errors import GeomapError
from geomap.feeds import (Entry, FeedError, FeedInfo, FetchError, Fetcher, FetchPolicy, body_hash, canonical_url,
                          extract_page, looks_like_opml, parse_feed, parse_opml)
from geomap.model import Article

__all__ = ["LIVE_MODULES", "RoundSummary", "Watcher", "article_id", "parse_duration", "require_live", "watch"]

log = logging.getLogger("geomap.watch")

#: What `geomap watch` and `geomap serve` need (the ``live`` extra): module -> distribution name.
LIVE_MODULES = {"feedparser": "feedparser", "trafilatura": "trafilatura", "httpx": "httpx",
                "starlette": "starlette", "uvicorn": "uvicorn"}
_HTML_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)[\s>]", re.I | re.S)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def require_live(command: str, modules: Sequence[str]) -> None:
    """Raise a one-line GeomapError naming what is missing when the ``live`` extra is not installed."""
    import importlib.util

    missing = [LIVE_MODULES.get(m, m) for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise GeomapError(f"{command} needs the live extra ({', '.join(missing)} not installed): "
                          "pip install 'geomap[live]'")


def parse_duration(text: str) -> float:
    """Seconds in '90', '30s', '15m', '2h' or '1h30m'; ValueError otherwise (or when under one second)."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        seconds = float(value)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*(h|m|s)", value)
        if not parts or re.sub(r"\s", "", "".join(n + u for n, u in parts)) != re.sub(r"\s", "", value):
            raise ValueError(f"expected a duration like 90s, 15m or 1h, not {text!r}")
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    if seconds < 1:
        raise ValueError(f"expected a duration of at least 1 s, not {text!r}")
    return seconds


def article_id(url: str) -> str:
    """A short, stable id for an article read from a URL: its host and a hash of its canonical URL."""
    host = (urllib.parse.urlsplit(url).netloc or "feed").lower().removeprefix("www.")
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def _entry_key(feed_url: str, entry: Entry) -> str:
    return hashlib.sha256(f"{feed_url}\n{entry.key}".encode()).hexdigest()


@dataclass(frozen=True)
class RoundSummary:
    """What one round did."""

    number: int
    feeds: int
    failed_feeds: tuple[str, ...]
    entries: int  # new entries looked at
    stored: int  # articles added to the store
    from_summary: int  # of which read from the feed's summary (page unavailable)
    duplicates: int  # entries whose article was already stored (same canonical URL or text)
    failed_pages: tuple[str, ...]  # entries with neither page nor summary (tried again next round)
    reports: int  # incidents as the new articles report them
    new_events: int  # merged incidents the store did not have
    updated_events: int  # reports that joined an incident already stored
    seconds: float

    def line(self) -> str:
        failed = f" ({len(self.failed_feeds)} failed)" if self.failed_feeds else ""
        parts = [f"round {self.number}: {self.feeds} feeds{failed}", f"{self.entries} new entries",
                 f"{self.stored} articles stored" + (f" ({self.from_summary} from the feed's summary)"
                                                      if self.from_summary else "")]
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate{'s' if self.duplicates > 1 else ''}")
        if self.failed_pages:
            parts.append(f"{len(self.failed_pages)} unreadable (retried next round)")
        parts.append(f"{self.reports} incident reports: {self.new_events} new incidents, {self.updated_events} "
                     f"updated")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


@dataclass
class _Tally:
    feeds: int = 0
    failed_feeds: list[str] = field(default_factory=list)
    entries: int = 0
    stored: int = 0
    from_summary: int = 0
    duplicates: int = 0
    failed_pages: list[str] = field(default_factory=list)
    reports: int = 0
    events_before: int | None = None
    expanded: set[str] = field(default_factory=set)  # sources read this round (an OPML list naming itself)


class Watcher:
    """Runs rounds over a list of feeds into one store (see the module docstring).

    ``say`` receives errors and warnings (one line each, naming the URL), ``progress`` a line per feed read;
    ``analyse`` is the pipeline (:func:`geomap.runner.analyse` by default).
    """

    def __init__(self, store, fetcher: Fetcher, *, say: Callable[[str], None] | None = None,  # noqa: ANN001
                 progress: Callable[[str], None] | None = None, analyse: Callable | None = None,
                 max_attempts: int = 5) -> None:
        self.store = store
        self.fetcher = fetcher
        self.say = say or (lambda line: print(line, file=sys.stderr, flush=True))
        self.progress = progress or self.say
        if analyse is None:
            from geomap.runner import analyse as pipeline
        self.analyse: Callable[..., Any] = analyse or pipeline
        self.max_attempts = max_attempts
        self.rounds = 0

    # ---- a round

    def run_round(self, sources: Sequence[str]) -> RoundSummary:
        """Read every source once; the summary of what was found."""
        self.rounds += 1
        started = time.perf_counter()
        tally = _Tally()
        for source in sources:
            try:
                for kind, name, body, fetched in self._expand(source, tally):
                    tally.feeds += 1
                    try:
                        self._feed(name, body, fetched, tally, kind)
                    except Exception as e:  # noqa: BLE001 - a surprise on one feed must not stop the others
                        log.debug("feed %s failed", name, exc_info=True)
                        self._fail_feed(name, f"could not be read ({type(e).__name__}: {e})", tally)
            except Exception as e:  # noqa: BLE001 - nor one on a list of feeds
                log.debug("source %s failed", source, exc_info=True)
                tally.feeds += 1
                self._fail_feed(source, f"could not be read ({type(e).__name__}: {e})", tally)
        new_events = updated = 0
        if tally.events_before is not None:
            after = len(self.store.incidents())
            new_events = max(0, after - tally.events_before)
            updated = max(0, tally.reports - new_events)
        return RoundSummary(self.rounds, tally.feeds, tuple(tally.failed_feeds), tally.entries, tally.stored,
                            tally.from_summary, tally.duplicates, tuple(tally.failed_pages), tally.reports,
                            new_events, updated, time.perf_counter() - started)

    def _fail_feed(self, url: str, reason: str, tally: _Tally) -> None:
        tally.failed_feeds.append(url)
        self.say(f"geomap: {url}: {reason} (tried again next round)")
        self.store.set_feed_state(url, error=reason)

    def _expand(self, source: str, tally: _Tally):  # noqa: ANN202 - yields (kind, url, body, Fetched | None)
        """A source as the feeds to read: a local file (feed or OPML), or a URL (feed or OPML) fetched now."""
        where = source if "://" in source else os.path.abspath(source)
        if where in tally.expanded:
            return  # named twice, or an OPML list that includes itself
        tally.expanded.add(where)
        if "://" not in source:
            path = os.path.abspath(source)
            try:
                with open(path, "rb") as fh:
                    body = fh.read(self.fetcher.policy.max_bytes + 1)
            except OSError as e:
                tally.feeds += 1
                self._fail_feed(source, f"cannot read it ({e.strerror or e})", tally)
                return
            if len(body) > self.fetcher.policy.max_bytes:
                tally.feeds += 1
                self._fail_feed(source, "too large for a feed", tally)
                return
            if looks_like_opml(body):
                yield from self._opml(source, body, "file://" + urllib.parse.quote(path), tally)
            else:  # known by its absolute path, wherever watch is started from
                yield "file", path, body, None
            return
        fetched = self._fetch_feed(source, tally)
        if fetched is None:
            return
        if fetched.body and looks_like_opml(fetched.body):
            yield from self._opml(source, fetched.body, fetched.url, tally)
        else:
            yield "url", source, fetched.body, fetched

    def _opml(self, source: str, body: bytes, base: str, tally: _Tally):  # noqa: ANN202
        try:
            links = parse_opml(body, base)
        except FeedError as e:
            tally.feeds += 1
            self._fail_feed(source, e.reason, tally)
            return
        if not links:
            self.say(f"geomap: warning: {source}: an OPML list with no feed (no outline has an xmlUrl)")
        for link in links:
            if link.startswith("file://"):
                yield from self._expand(urllib.parse.unquote(link[len("file://"):]), tally)
                continue
            if link in tally.expanded:
                continue
            tally.expanded.add(link)
            fetched = self._fetch_feed(link, tally)
            if fetched is not None:
                yield "url", link, fetched.body, fetched

    def _fetch_feed(self, url: str, tally: _Tally):  # noqa: ANN202
        state = self.store.feed_state(url) or {}
        try:
            return self.fetcher.get(url, etag=state.get("etag"), last_modified=state.get("last_modified"),
                                    robots=False)
        except FetchError as e:
            tally.feeds += 1
            self._fail_feed(url, e.reason, tally)
            return None

    def _feed(self, url: str, body: bytes, fetched, tally: _Tally, kind: str) -> None:  # noqa: ANN001
        if fetched is not None and fetched.not_modified:
            state = self.store.feed_state(url) or {}
            self.store.set_feed_state(url, etag=state.get("etag"), last_modified=state.get("last_modified"))
            log.info("%s: not modified", url)
            return
        try:
            feed = parse_feed(body, url if kind == "url" else "file://" + os.path.abspath(url),
                              fetched.content_type if fetched is not None else None)
        except FeedError as e:
            self._fail_feed(url, e.reason, tally)
            return
        if feed.warning:
            self.say(f"geomap: warning: {url}: {feed.warning}")
        retry = False
        new = 0
        for entry in reversed(feed.entries):  # oldest first, as they happened
            outcome = self._guarded_entry(url, feed, entry, tally)
            new += outcome != "known"
            retry |= outcome == "failed"
        if retry or fetched is None:
            self.store.set_feed_state(url, title=feed.title)  # no validators: read whole next round
        else:
            self.store.set_feed_state(url, title=feed.title, etag=fetched.etag, last_modified=fetched.last_modified)
        self.progress(f"geomap: {url}: {len(feed.entries)} entries, {new} new")

    # ---- an entry

    def _guarded_entry(self, feed_url: str, feed: FeedInfo, entry: Entry, tally: _Tally) -> str:
        """_entry, with a bug or surprise on one entry reported in one line and kept from stopping the round."""
        try:
            return self._entry(feed_url, feed, entry, tally)
        except Exception as e:  # noqa: BLE001 - one entry must not stop the others
            where = entry.url or feed_url
            log.debug("entry %s failed", where, exc_info=True)
            reason = f"could not be handled ({type(e).__name__}: {e})"
            self.say(f"geomap: {where}: {reason} (tried again next round)")
            tally.failed_pages.append(where)
            try:
                self.store.record_entry(_entry_key(feed_url, entry), feed_url=feed_url, status="failed",
                                        url=entry.url, error=reason)
            except Exception:  # noqa: BLE001 - the store itself may be what failed; the next round tries again
                log.debug("could not record the failure of %s", where, exc_info=True)
            return "failed"

    def _entry(self, feed_url: str, feed: FeedInfo, entry: Entry, tally: _Tally) -> str:
        """Handle one entry; 'known', 'stored', 'duplicate', 'empty', 'error' or 'failed'."""
        key = _entry_key(feed_url, entry)
        seen = self.store.feed_entry(key)
        if seen is not None and (seen[0] != "failed" or seen[1] >= self.max_attempts):
            return "known"
        tally.entries += 1
        link = entry.url
        try:
            canon = canonical_url(link) if link and link.startswith(("http://", "https://")) else None
        except ValueError:  # a malformed link ('http://[bad'): the feed's summary is all there is
            canon = None
        record = dict(feed_url=feed_url, url=link, canonical_url=canon)
        if canon and self.store.known_entry(canonical_url=canon):
            return self._duplicate(key, record, tally, link)
        page, problem = None, None
        if canon and link:
            page, problem = self._page(link)
        if page is not None and page.canonical:
            page_canon: str | None
            try:
                page_canon = canonical_url(page.canonical)
            except ValueError:
                page_canon = canon
            if page_canon != canon:
                record["canonical_url"] = page_canon
                if self.store.known_entry(canonical_url=page_canon):
                    return self._duplicate(key, record, tally, link)
        if page is not None:
            text, how = page.text, "page"
        elif entry.summary:
            text, how = entry.summary, "summary"
            if problem:
                self.say(f"geomap: {link}: {problem}; read from the feed's summary")
        else:
            reason = problem or "the entry has no link and no summary"
            self.say(f"geomap: {link or feed_url}: {reason} (no summary to fall back on; tried again next round)")
            tally.failed_pages.append(link or feed_url)
            self.store.record_entry(key, status="failed", error=reason, **record)
            return "failed"
        digest = body_hash(text)
        record["body_hash"] = digest
        if self.store.known_entry(body_hash=digest):
            return self._duplicate(key, record, tally, link)
        where = record["canonical_url"] or link
        article = Article(
            id=article_id(where or f"{feed_url}#{entry.key}"),
            body=text,
            title=entry.title or (page.title if page else None),
            published=entry.published or (page.published if page else None),
            source=(page.sitename if page and page.sitename else None) or feed.title,
            url=where,
            path=link or feed_url,
        )
        result = self.analyse(article, resolutions=True)
        if result.error:
            self.say(f"geomap: {link or feed_url}: {result.error}")
            self.store.record_entry(key, status="error", error=result.error, **record)
            return "error"
        if tally.events_before is None:
            tally.events_before = len(self.store.incidents())
        added = self.store.record_entry(key, status="stored", article=article, resolutions=result.resolutions,
                                        incidents=result.incidents, **record)
        if added:
            tally.stored += 1
            tally.from_summary += how == "summary"
            tally.reports += len(result.incidents)
        else:  # stored meanwhile by another watch on this store, or the very same article under another entry
            tally.duplicates += 1
        log.info("%s: %s, %d places, %d incidents (%s)", link or feed_url, "stored" if added else "already stored",
                 result.places, len(result.incidents), how)
        return "stored"

    def _duplicate(self, key: str, record: dict, tally: _Tally, link: str | None) -> str:
        tally.duplicates += 1
        log.info("%s: already stored (same URL or text)", link)
        self.store.record_entry(key, status="duplicate", **record)
        return "duplicate"

    def _page(self, url: str):  # noqa: ANN202 - (Page | None, problem | None)
        try:
            fetched = self.fetcher.get(url)
        except FetchError as e:
            return None, e.reason
        kind = (fetched.content_type or "").split(";")[0].strip().lower()
        sniffed = kind in ("", "application/octet-stream") and _HTML_START.match(fetched.body[:1024])
        if kind not in _HTML_TYPES and not sniffed:
            return None, f"not an HTML page ({kind})"
        try:
            page = extract_page(fetched.body, fetched.url)
        except Exception as e:  # noqa: BLE001 - an extractor bug on one page must not stop the watch
            log.debug("extraction failed on %s", url, exc_info=True)
            return None, f"could not extract the article ({type(e).__name__}: {e})"
        if page is None:
            return None, "no article text found on the page"
        return page, None


# ---------------------------------------------------------------- the command

def watch(sources: Sequence[str], store_path: str, *, every: float = 900.0, once: bool = False,
          policy: FetchPolicy | None = None, quiet: bool = False, out: TextIO | None = None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Run rounds until interrupted (or one with ``once``); the exit status: 1 if the last round had a failed
    feed or an unreadable page, else 0."""
    from geomap.store import is_database_url, open_store

    stream = out or sys.stderr

    def say(line: str) -> None:
        print(line, file=stream, flush=True)

    def progress(line: str) -> None:
        if not quiet:
            say(line)

    if not is_database_url(store_path):
        folder = os.path.dirname(os.path.abspath(store_path))
        try:
            os.makedirs(folder, exist_ok=True)  # output/ on a fresh machine
        except OSError as e:
            raise GeomapError(f"{store_path}: cannot create the folder {folder} ({e.strerror or e})") from None
    with open_store(store_path) as store, Fetcher(policy) as fetcher:
        watcher = Watcher(store, fetcher, say=say, progress=progress)
        while True:
            summary = watcher.run_round(sources)
            if not quiet:
                stamp = dt.datetime.now().astimezone().strftime("%H:%M:%S")
                print(f"geomap: {stamp} {summary.line()}", file=stream, flush=True)
            if once:
                return 1 if summary.failed_feeds or summary.failed_pages else 0
            sleep(max(0.0, every - summary.seconds))
