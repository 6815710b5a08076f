"""`geomap serve`: the API's filters, one incident and one article, the token, the Host check, read-only, and
server-sent events when `geomap watch` (another process) stores new incidents; the server is the real command,
on 127.0.0.1, with a port of its own choosing."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
pytest.importorskip("feedparser")
pytest.importorskip("trafilatura")

from conftest import build_incident  # noqa: E402
from geomap.model import Article, SourceRef  # noqa: E402
from geomap.serve import Query, is_loopback  # noqa: E402
from geomap.store import IncidentStore  # noqa: E402
from test_watch import FeedServer  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
UTC = dt.timezone.utc


@contextlib.contextmanager
def served(store: Path, *args: str):
    """`geomap serve --port 0` in a process of its own; yields its base URL; stopped with Ctrl-C, then killed."""
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "serve", "--store", str(store), "--port", "0", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        seen = ""
        for _ in range(50):  # the line naming the address comes once the store is open
            line = proc.stderr.readline()
            seen += line
            match = re.search(r"serving .* at (http://\S+)/ ", line)
            if match or not line:
                break
        assert match, seen
        yield match.group(1)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        proc.stderr.close()


def _article(n: int) -> Article:
    return Article(id=f"a{n}", body=f"Report {n}.", title=f"Report <b>{n}</b>", url=f"https://news.example.org/{n}",
                   source="Example Wire", published=dt.datetime(2026, 11, 1 + n % 20, 9, tzinfo=UTC))


SPECS = [  # (country, lat, lon, day, fatalities, event type, sub-event type)
    ("UA", 49.71, 37.61, 3, 2, "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("UA", 50.45, 30.52, 5, None, "Protests", "Peaceful protest"),
    ("ML", 14.49, -4.19, 7, 0, "Protests", "Peaceful protest"),
    ("SD", 15.64, 32.48, 9, 12, "Explosions/Remote violence", "Air/drone strike"),
    ("CD", -1.68, 29.22, 11, 5, "Battles", "Armed clash"),
    ("FJ", -17.8, 178.0, 13, 1, "Violence against civilians", "Attack"),
    ("FJ", -16.5, -179.9, None, 3, "Violence against civilians", "Attack"),
]


@pytest.fixture(scope="module")
def api_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "api.db"
    with IncidentStore(path) as store:
        for n, (cc, lat, lon, day, fat, etype, sub) in enumerate(SPECS):
            art = _article(n)
            inc = build_incident(event_id=f"EV{n}", country_code=cc, lat=lat, lon=lon, name=f"Town {n}",
                                 event_date=dt.date(2026, 11, day) if day else None, fatalities=fat,
                                 event_type=etype, sub_event_type=sub,
                                 quotes=(f"Quote {n} <script>alert(1)</script>",),
                                 sources=(SourceRef(art.id, art.title, art.url, art.source, art.published),))
            store.add_article(art, [], [inc])
    return path


@pytest.fixture(scope="module")
def api(api_store):
    with served(api_store) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def _ids(client, **params) -> list[str]:
    response = client.get("/api/incidents", params=params)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["numberReturned"] == len(data["features"])
    return [f["id"] for f in data["features"]]


def test_filters(api):
    assert _ids(api) == ["EV5", "EV4", "EV3", "EV2", "EV1", "EV0", "EV6"]  # newest first, undated last
    assert _ids(api, since="2026-11-07") == ["EV5", "EV4", "EV3", "EV2"]
    assert _ids(api, until="2026-11-05") == ["EV1", "EV0"]
    assert _ids(api, since="2026-11-04", until="2026-11-09") == ["EV3", "EV2", "EV1"]
    assert _ids(api, type="Protests") == ["EV2", "EV1"]
    assert _ids(api, type="air/drone strike,Armed clash") == ["EV4", "EV3"]
    assert _ids(api, type="Nothing such") == []
    assert _ids(api, country="ua") == ["EV1", "EV0"]
    assert _ids(api, country="SD,CD") == ["EV4", "EV3"]
    assert _ids(api, min_fatalities="3") == ["EV4", "EV3", "EV6"]
    assert _ids(api, min_fatalities="0") == ["EV5", "EV4", "EV3", "EV2", "EV0", "EV6"]  # unknown is not 0
    assert _ids(api, bbox="22,44,41,53") == ["EV1", "EV0"]  # Ukraine
    assert _ids(api, bbox="177,-20,-179,-15") == ["EV5", "EV6"]  # across the antimeridian
    assert _ids(api, country="UA", type="Protests", min_fatalities="0") == []
    assert _ids(api, limit="2") == ["EV5", "EV4"]
    assert _ids(api, limit="2", offset="2") == ["EV3", "EV2"]
    page = api.get("/api/incidents", params={"limit": "3", "offset": "6"}).json()
    assert (page["numberMatched"], page["numberReturned"], page["offset"], page["limit"]) == (7, 1, 6, 3)


def test_same_properties_as_export(api, api_store):
    exported = subprocess.run([sys.executable, "-m", "geomap", "export", "--store", str(api_store)],
                              capture_output=True, text=True, timeout=120, cwd=REPO)
    by_id = {f["id"]: f for f in json.loads(exported.stdout)["features"]}
    served_features = api.get("/api/incidents").json()["features"]
    assert {f["id"]: f for f in served_features} == by_id


@pytest.mark.parametrize("params, named", [
    ({"since": "yesterday"}, "since"), ({"until": "2026-13-01"}, "until"), ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "0,50,10,40"}, "bbox"), ({"bbox": "nan,0,1,1"}, "bbox"), ({"min_fatalities": "-1"}, "min_fatalities"),
    ({"limit": "0"}, "limit"), ({"limit": "100001"}, "limit"), ({"offset": "x"}, "offset"),
    ({"colour": "red"}, "colour"),
])
def test_bad_parameters_are_400_naming_them(api, params, named):
    response = api.get("/api/incidents", params=params)
    assert response.status_code == 400 and named in response.json()["error"]


def test_one_incident_with_sources_and_quotes(api):
    response = api.get("/api/incidents/EV3")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == "EV3" and data["properties"]["fatalities"] == 12
    assert data["quotes"] == ["Quote 3 <script>alert(1)</script>"]  # as data, in JSON
    assert data["sources"] == [{"article_id": "a3", "title": "Report <b>3</b>", "url": "https://news.example.org/3",
                                "source": "Example Wire", "published": "2026-11-04T09:00:00+00:00"}]
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert api.get("/api/incidents/nothing").status_code == 404


def test_one_article(api):
    data = api.get("/api/articles/a2").json()
    (version,) = data["versions"]
    assert version["title"] == "Report <b>2</b>" and version["event_ids"] == ["EV2"] and version["places"] == []
    assert api.get("/api/articles/none").status_code == 404


def test_read_only_and_host_checked(api):
    assert api.post("/api/incidents").status_code == 405
    assert api.delete("/api/incidents/EV1").status_code == 405
    assert api.get("/api/incidents", headers={"Host": "attacker.example"}).status_code == 400  # DNS rebinding
    page = api.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert api.get("/live.js").status_code == 200


def test_map_page_is_the_map_of_the_store(api):
    response = api.get("/map")
    assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
    text = response.text
    assert "GeomapInit" in text and "Town 3" in text and "<script>alert(1)</script>" not in text


def test_token_required_on_every_request(api_store):
    with served(api_store, "--token", "s3cret-token-1") as base, httpx.Client(base_url=base, timeout=30) as c:
        for path in ("/", "/map", "/api/incidents", "/api/incidents/EV1", "/api/articles/a1", "/api/events"):
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers={"Authorization": "Bearer wrong-token"}).status_code == 401, path
        assert c.get("/api/incidents", headers={"Authorization": "Bearer s3cret-token-1"}).status_code == 200
        assert c.get("/api/incidents?token=s3cret-token-1").status_code == 401  # only / takes it, once
        opened = c.get("/?token=s3cret-token-1", follow_redirects=False)
        assert opened.status_code == 303 and "HttpOnly" in opened.headers["set-cookie"]
        assert c.get("/api/status").status_code == 200  # with the cookie now
        assert httpx.get(base + "/api/status", cookies={"geomap_token": "nope"}, timeout=30).status_code == 401


def test_other_hosts_need_a_token(api_store, tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    done = subprocess.run([sys.executable, "-m", "geomap", "serve", "--store", str(api_store), "--host", "0.0.0.0"],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--token" in done.stderr
    missing = subprocess.run([sys.executable, "-m", "geomap", "serve", "--store", str(tmp_path / "none.db")],
                             capture_output=True, text=True, timeout=60, cwd=REPO)
    assert missing.returncode == 2 and "no such incident store" in missing.stderr and "Traceback" not in missing.stderr


def test_query_parse_unit():
    q = Query.parse({"since": "2026-11-01T10:00:00Z", "type": "Battles, Riots", "country": "ua,ml"})
    assert q.since == dt.date(2026, 11, 1) and q.types == ("battles", "riots") and q.countries == ("UA", "ML")
    assert dataclasses.replace(q, limit=5).limit == 5


def _eventually(check, seconds: float = 30.0) -> bool:
    """Whether ``check()`` comes true within ``seconds`` (serve makes a new snapshot in the background)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _events(lines, wanted: int, seconds: float) -> list[dict]:
    """Read SSE `incidents` events from an iterator of lines until ``wanted`` arrived or ``seconds`` passed (the
    server sends a line at least every 15 s; the client's read timeout bounds the rest)."""
    found, event, deadline = [], None, time.monotonic() + seconds
    for line in lines:
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: ") and event == "incidents":
            found.append(json.loads(line[6:]))
            if len(found) >= wanted:
                break
        if time.monotonic() > deadline:
            break
    return found


def test_events_pushed_when_watch_stores_incidents(tmp_path):
    with FeedServer() as feeds:
        store = tmp_path / "live.db"
        watch = [sys.executable, "-m", "geomap", "watch", "--store", str(store), "--once", "--delay", "0",
                 "--timeout", "2", "--retries", "0", "-q"]
        subprocess.run([*watch, feeds.base + "/rss.xml"], capture_output=True, timeout=240, cwd=REPO)
        with served(store) as base, httpx.Client(base_url=base, timeout=httpx.Timeout(10, read=40)) as client:
            before = client.get("/api/status").json()
            with client.stream("GET", "/api/events") as events:
                assert events.headers["content-type"].startswith("text/event-stream")
                lines = events.iter_lines()
                (first,) = _events(lines, 1, 30)
                assert first["version"] == before["version"]
                subprocess.run([*watch, feeds.base + "/atom.xml"], capture_output=True, timeout=240, cwd=REPO)
                (second,) = _events(lines, 1, 30)
            assert second["version"] > first["version"] and second["incidents"] > first["incidents"]
            assert _eventually(lambda: {"Mopti", "Myitkyina"} <= {
                f["properties"]["location"] for f in client.get("/api/incidents").json()["features"]})


def test_served_store_is_not_written(api_store, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(api_store, copy)
    with IncidentStore(copy) as s:
        before = s.change_mark()
    with served(copy) as base:
        httpx.get(base + "/api/incidents", timeout=30)
    with IncidentStore(copy) as s:
        assert s.change_mark() == before


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_served_map_shows_a_new_incident_soon_after_watch_stores_it(tmp_path):
    """Real Chromium on the served page: the framed map's summary counts the new incidents a few seconds after
    `geomap watch` stored them, without a reload by the user, and the view in the map's URL is kept."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with FeedServer() as feeds:
        store = tmp_path / "live.db"
        watch = [sys.executable, "-m", "geomap", "watch", "--store", str(store), "--once", "--delay", "0",
                 "--timeout", "2", "--retries", "0", "-q"]
        subprocess.run([*watch, feeds.base + "/feed.json"], capture_output=True, timeout=240, cwd=REPO)
        with served(store) as base, sync_api.sync_playwright() as pw:
            before = httpx.get(base + "/api/status", timeout=30).json()["incidents"]
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                errors: list[str] = []
                page.on("console", lambda m: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
                page.goto(base + "/")
                summary = page.frame_locator("#gm-frame").locator(".gm-summary .gm-big")
                sync_api.expect(summary).to_contain_text(f"of {before} incident", timeout=30000)
                frame = page.frame_locator("#gm-frame")
                # the map writes its own view into the hash once its first fit settles: wait for that before
                # setting the user's view, or the map's late write takes its place
                settled, last = 0, None
                for _ in range(100):
                    now = frame.locator("#gm-map").evaluate("() => location.hash")
                    settled = settled + 1 if now == last and "map=" in now else 0
                    if settled >= 3:
                        break
                    last = now
                    page.wait_for_timeout(200)
                frame.locator("#gm-map").evaluate(
                    "() => history.replaceState(null, '', '#map=7/49.70000/37.60000')")
                subprocess.run([*watch, feeds.base + "/atom.xml"], capture_output=True, timeout=240, cwd=REPO)
                status = base + "/api/status"
                assert _eventually(lambda: httpx.get(status, timeout=30).json()["incidents"] > before)
                after = httpx.get(status, timeout=30).json()["incidents"]
                started = time.monotonic()
                sync_api.expect(summary).to_contain_text(f"of {after} incidents", timeout=20000)
                shown_after = time.monotonic() - started
                kept = urllib.parse.unquote(page.frame_locator("#gm-frame").locator("#gm-map").evaluate(
                    "() => location.hash"))
                view = re.search(r"map=(\d+)/([-\d.]+)/([-\d.]+)", kept)
                assert view and view.group(1) == "7" and abs(float(view.group(2)) - 49.7) < 0.05, kept
                assert "Updated" in page.locator("#gm-live").text_content()
                assert not errors, errors
                print(f"new incidents on the open map {shown_after:.1f} s after watch ended")
            finally:
                browser.close()


def test_token_must_be_a_usable_secret(api_store):
    for bad in ("short", "has space in it", "semi;colon-token"):
        done = subprocess.run([sys.executable, "-m", "geomap", "serve", "--store", str(api_store), "--token", bad],
                              capture_output=True, text=True, timeout=60, cwd=REPO)
        assert done.returncode == 2 and done.stderr.startswith("geomap: --token:") and done.stderr.count("\n") == 1


def test_a_new_snapshot_is_made_in_the_background(api_store, tmp_path):
    """After a write by another process, the snapshot before is served at once while the next is made."""
    from geomap.serve import StoreReader

    copy = tmp_path / "bg.db"
    shutil.copy(api_store, copy)
    reader = StoreReader(str(copy))
    try:
        first = reader.run(reader.snapshot)
        assert reader.run(reader.snapshot) is first  # nothing changed: the same object
        with IncidentStore(copy) as other:
            art = _article(50)
            other.add_article(art, [], [build_incident(event_id="EV50", lat=10.0, lon=10.0, country_code="NE")])
        assert reader.run(reader.snapshot).version == first.version  # served at once, made behind
        assert _eventually(lambda: reader.run(reader.snapshot).version == first.version + 1)
        newest = reader.run(reader.snapshot)
        assert len(newest.incidents) == len(first.incidents) + 1 and "EV50" in newest.by_id
    finally:
        reader.close()
