"""Fetching for ``geomap watch``: a polite HTTP client, feeds and OPML lists parsed, article pages extracted.

- :class:`Fetcher` (httpx): a clear User-Agent naming geomap and its version, connect/read timeouts and an
  overall deadline per request, retries with exponential backoff on network errors, 429 and 5xx (``Retry-After``
  honoured, capped), at most ``max_redirects`` redirects, bodies read as a stream and refused past ``max_bytes``
  (counted after decompression), conditional requests (``If-None-Match`` / ``If-Modified-Since``), robots.txt
  obeyed for pages (RFC 9309: a missing robots.txt allows everything, an unreachable one allows nothing for now),
  and at least ``delay`` seconds (or the site's ``Crawl-delay``) between two requests to one host.
- :func:`parse_feed`: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed 1.0/1.1 read here (feedparser 6
  does not read it); :func:`parse_opml`: the feed URLs of an OPML subscription list.
- :func:`extract_page`: the main text and metadata (title, date, outlet, canonical URL) of an article page,
  through trafilatura.

feedparser, httpx and trafilatura are the ``live`` extra; they are imported when first used, never at import time.
Every failure is a :class:`FetchError` (or :class:`FeedError`) whose message names the URL.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import threading
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from geomap import __version__
from geomap.errors import GeomapError

__all__ = ["Entry", "FeedError", "FeedInfo", "FetchError", "FetchPolicy", "Fetched", "Fetcher", "Page",
           "USER_AGENT", "body_hash", "canonical_url", "extract_page", "looks_like_opml", "parse_feed",
           "parse_opml"]

USER_AGENT = f"geomap/{__version__} (news incident monitor; python-httpx)"
ROBOTS_AGENT = "geomap"
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0
_MAX_CRAWL_DELAY = 30.0
_ROBOTS_TTL = 3600.0
_ROBOTS_TTL_UNREACHABLE = 60.0


class FetchError(GeomapError, OSError):
    """A URL that could not be fetched; the message names it. ``status`` is the HTTP status when there was one."""

    def __init__(self, url: str, reason: str, status: int | None = None, *, transient: bool = False,
                 retry_after: float | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        self.transient = transient  # worth another try (network error, 408/425/429, 5xx)
        self.retry_after = retry_after  # seconds the server asked to wait
        super().__init__(f"{url}: {reason}")


class FeedError(GeomapError, ValueError):
    """A feed or OPML list that cannot be read (malformed, not a feed); the message names its URL."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch."""

    timeout: float = 20.0  # seconds to connect, and between two reads
    deadline: float = 60.0  # seconds for a whole request, body included
    retries: int = 2  # further attempts after a network error, 408/425/429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    delay: float = 1.0  # seconds between two requests to one host (robots.txt Crawl-delay may ask more)
    robots: bool = True


@dataclass(frozen=True)
class Fetched:
    """A response: ``status`` 200 with its body, or 304 (not modified, empty body)."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.3g} MB"


class Fetcher:
    """One HTTP client for a watch: keeps connections, robots.txt rules and per-host timing between calls.

    Thread-safe: the per-host wait is a reservation of the next slot under a lock.
    """

    def __init__(self, policy: FetchPolicy | None = None, *, sleep: Callable[[float], None] = time.sleep) -> None:
        import httpx

        self.policy = policy or FetchPolicy()
        self._httpx = httpx
        self._sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            trust_env=False,
        )
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self.requests = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # ---- politeness

    def _wait_turn(self, url: str, delay: float) -> None:
        host = _host(url)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = start + delay
        if start > now:
            self._sleep(start - now)

    def _rules(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt rules (cached); None when they allow everything."""
        host = _host(url)
        cached = self._robots.get(host)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        rules = urllib.robotparser.RobotFileParser()
        ttl = _ROBOTS_TTL
        try:
            got = self._get(host + "/robots.txt", {}, self.policy.delay, max_bytes=512 * 1024)
            rules.parse(got.body.decode("utf-8", "replace").splitlines())
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500:
                rules.parse([])  # no robots.txt: everything allowed
            else:  # unreachable: assume everything disallowed for now (RFC 9309, 2.3.1.4)
                rules.parse(["User-agent: *", "Disallow: /"])
                ttl = _ROBOTS_TTL_UNREACHABLE
        self._robots[host] = (time.monotonic() + ttl, rules)
        return rules

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets geomap fetch this URL (always, when the policy ignores robots.txt)."""
        if not self.policy.robots:
            return True
        rules = self._rules(url)
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _delay_for(self, url: str) -> float:
        delay = self.policy.delay
        if self.policy.robots:
            cached = self._robots.get(_host(url))
            if cached is not None and cached[1] is not None:
                asked = cached[1].crawl_delay(ROBOTS_AGENT)
                if asked:
                    delay = max(delay, min(float(asked), _MAX_CRAWL_DELAY))
        return delay

    # ---- requests

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            robots: bool = True) -> Fetched:
        """GET ``url`` (http or https), conditionally when ``etag``/``last_modified`` are given.

        ``robots=False`` skips robots.txt (for a feed the user subscribed to). Raises FetchError.
        """
        try:
            parts = urllib.parse.urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError as e:
            raise FetchError(url, f"invalid URL ({e})") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, f"not an http(s) URL with a host (scheme {scheme or 'none'!r})")
        if robots and not self.allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, self._delay_for(url))

    def _get(self, url: str, headers: dict[str, str], delay: float, *, max_bytes: int | None = None) -> Fetched:
        policy = self.policy
        wait = policy.backoff
        for attempt in range(policy.retries + 1):
            last = attempt == policy.retries
            self._wait_turn(url, delay)
            try:
                return self._once(url, headers, max_bytes or policy.max_bytes)
            except FetchError as e:
                if last or not e.transient:
                    raise
                pause = min(e.retry_after, _MAX_RETRY_AFTER) if e.retry_after is not None else wait
            self._sleep(pause)
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        httpx = self._httpx
        started = time.monotonic()
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                final = str(response.url)
                if status == 304:
                    return Fetched(final, 304, b"", None, response.headers.get("etag"),
                                   response.headers.get("last-modified"))
                if status >= 400:
                    raise FetchError(final, f"HTTP {status} {response.reason_phrase}".rstrip(), status,
                                     transient=status in _RETRY_STATUSES,
                                     retry_after=_retry_after(response.headers.get("retry-after")))
                if status >= 300:
                    raise FetchError(final, f"HTTP {status} redirect without a usable Location", status)
                length = response.headers.get("content-length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise FetchError(final, f"too large ({_mb(int(length))}; the limit is {_mb(max_bytes)})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(final, f"too large (over the limit of {_mb(max_bytes)})")
                    if time.monotonic() - started > self.policy.deadline:
                        raise FetchError(final, f"took longer than {self.policy.deadline:g} s")
                    chunks.append(chunk)
                return Fetched(final, status, b"".join(chunks), response.headers.get("content-type"),
                               response.headers.get("etag"), response.headers.get("last-modified"))
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {self.policy.max_redirects} redirects (a redirect loop?)") from None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out (no answer within {self.policy.timeout:g} s)", transient=True) from None
        except (httpx.TransportError, httpx.DecodingError) as e:
            reason = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
            raise FetchError(url, f"network error ({reason})", transient=isinstance(e, httpx.TransportError)) from None
        except httpx.InvalidURL as e:
            raise FetchError(url, f"invalid URL ({e})") from None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        from email.utils import parsedate_to_datetime

        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


# ---------------------------------------------------------------- URLs and content

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|igshid|_ga)$", re.I)


def canonical_url(url: str) -> str:
    """The URL an article is known by: scheme and host lowercased, default port, fragment and tracking
    parameters (utm_*, fbclid...) dropped, the other parameters kept in order."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"[{host}]" if ":" in host else host
    if port:
        netloc += f":{port}"
    query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
                                    if not _TRACKING.match(k)])
    return urllib.parse.urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def body_hash(text: str) -> str:
    """What identifies an article's text whatever its URL: a hash of its words, case and spacing ignored."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- feeds and OPML

@dataclass(frozen=True)
class Entry:
    """One feed item: where it points and what the feed says of it."""

    key: str  # the feed's id/guid, else its link, else a hash of title and summary
    url: str | None
    title: str | None = None
    summary: str | None = None  # plain text
    published: dt.datetime | None = None


@dataclass(frozen=True)
class FeedInfo:
    """A parsed feed: its title and entries (in feed order), and a warning when it was not well-formed."""

    url: str
    title: str | None
    entries: tuple[Entry, ...] = ()
    warning: str | None = None
    kind: str = "rss"
    links: tuple[str, ...] = field(default=(), compare=False)


def looks_like_opml(body: bytes) -> bool:
    """Whether a document is an OPML list (its root element is <opml>)."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    head = re.sub(rb"<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S).lstrip()
    return head[:5].lower() == b"<opml"


def parse_opml(body: bytes, url: str) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML list, nested outlines included, relative ones resolved against
    ``url``; FeedError when it is not OPML."""
    import xml.etree.ElementTree as ET

    if b"<!ENTITY" in body[:4096]:
        raise FeedError(url, "OPML with entity declarations is refused")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        raise FeedError(url, f"malformed OPML ({e})") from None
    if root.tag.lower() != "opml":
        raise FeedError(url, f"not an OPML list (root element <{root.tag}>)")
    found: list[str] = []
    for outline in root.iter("outline"):
        link = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if link:
            absolute = urllib.parse.urljoin(url, link) if "://" in url else link
            if absolute not in found:
                found.append(absolute)
    return found


def _text(html_or_text: str | None) -> str | None:
    if not html_or_text:
        return None
    from geomap.readers import html_to_text

    text = html_to_text(html_or_text) if "<" in html_or_text else html_or_text
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text or None


def _struct_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    import calendar

    try:
        return dt.datetime.fromtimestamp(calendar.timegm(tuple(value)), tz=dt.timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


def _plausible(stamp: dt.datetime | None) -> dt.datetime | None:
    from geomap.readers import parse_published

    if stamp is None:
        return None
    try:
        return parse_published(stamp.isoformat())
    except ValueError:
        return None


def _entry_key(guid: str | None, link: str | None, title: str | None, summary: str | None) -> str:
    if guid:
        return guid.strip()
    if link:
        return link.strip()
    return "sha256:" + hashlib.sha256(json.dumps([title, summary]).encode("utf-8")).hexdigest()


def _absolute(link: str | None, base: str) -> str | None:
    if not link:
        return None
    link = link.strip()
    return urllib.parse.urljoin(base, link) if "://" in base else link


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> FeedInfo:
    """A feed's entries: JSON Feed here, RSS and Atom through feedparser. FeedError when it is no feed."""
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") or (content_type or "").split(";")[0].strip().endswith("json"):
        return _json_feed(body, url)
    import feedparser  # type: ignore[import-untyped,import-not-found]

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        if problem is not None:
            raise FeedError(url, f"malformed feed ({_describe(problem)})")
        raise FeedError(url, "not an RSS, Atom or JSON feed")
    entries = []
    for e in parsed.entries:
        link = _absolute(e.get("link"), url)
        summary = _text(e.get("summary")) or _text((e.get("content") or [{}])[0].get("value"))
        title = _text(e.get("title"))
        published = _plausible(_struct_time(e.get("published_parsed") or e.get("updated_parsed")))
        entries.append(Entry(_entry_key(e.get("id"), link, title, summary), link, title, summary, published))
    warning = None
    if problem is not None and type(problem).__name__ not in ("CharacterEncodingOverride", "NonXMLContentType"):
        warning = f"not well-formed ({_describe(problem)}); {len(entries)} entries read anyway"
    return FeedInfo(url, _text(parsed.feed.get("title")), tuple(entries), warning, parsed.get("version") or "rss")


def _describe(problem: BaseException) -> str:
    text = re.sub(r"^<unknown>:(\d+):(\d+):", r"line \1, column \2:", str(problem).strip())
    return f"{type(problem).__name__}: {text}" if text else type(problem).__name__


def _json_feed(body: bytes, url: str) -> FeedInfo:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise FeedError(url, f"malformed JSON feed ({type(e).__name__}: {e})") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedError(url, "not a JSON Feed (no https://jsonfeed.org/version/ member)")
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError(url, "malformed JSON feed ('items' is not a list)")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        link = _absolute(link, url) if isinstance(link, str) else None
        title = _text(item["title"]) if isinstance(item.get("title"), str) else None
        summary = next((_text(item[k]) for k in ("content_text", "summary", "content_html")
                        if isinstance(item.get(k), str) and item[k].strip()), None)
        published = None
        for key in ("date_published", "date_modified"):
            if isinstance(item.get(key), str):
                try:
                    from geomap.readers import parse_published

                    published = parse_published(item[key])
                    break
                except ValueError:
                    continue
        guid = item.get("id")
        entries.append(Entry(_entry_key(str(guid) if guid is not None else None, link, title, summary), link,
                             title, summary, published))
    title = data.get("title") if isinstance(data.get("title"), str) else None
    return FeedInfo(url, _text(title), tuple(entries), None, "json")


# ---------------------------------------------------------------- pages

@dataclass(frozen=True)
class Page:
    """An article page's main text and metadata, as trafilatura read them."""

    text: str
    title: str | None = None
    published: dt.datetime | None = None
    sitename: str | None = None
    canonical: str | None = None


_CANONICAL = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*>""", re.I)
_HREF = re.compile(rb"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def _canonical_link(html: bytes, url: str) -> str | None:
    match = _CANONICAL.search(html[:200_000])
    if not match:
        return None
    href = _HREF.search(match.group(0))
    if not href:
        return None
    raw = next(g for g in href.groups() if g is not None).decode("utf-8", "replace").strip()
    absolute = urllib.parse.urljoin(url, raw)
    return absolute if urllib.parse.urlsplit(absolute).scheme in ("http", "https") else None


def extract_page(html: bytes, url: str) -> Page | None:
    """The main text of an article page (None when there is none) with its title, date, outlet and canonical URL."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        return None
    published = None
    if data.get("date"):
        from geomap.readers import parse_published

        try:
            published = parse_published(str(data["date"]))
        except ValueError:
            published = None
    return Page(text, data.get("title") or None, published, data.get("sitename") or None,
                _canonical_link(html, url))
