"""Shared fixtures: `make_incident(**overrides)` builds a valid Incident with sensible defaults.

Markers are given here, not in each file: `browser` to the tests that drive Chromium through Playwright, `slow`
to those that take more than about 3 s on 2 cores (measured with `pytest --durations=60`), so that
`python -m pytest -q -m "not slow and not browser"` is the quick run; the plain command still runs everything.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from geomap.model import Incident, Place, SourceRef

_PLACE_FIELDS = {f.name for f in dataclasses.fields(Place)}
_counter = itertools.count(1)


def build_incident(**overrides: Any) -> Incident:
    """An Incident in Berestyn (Kharkiv region, UA) with one source; any field can be overridden.

    Place fields (lat, lon, name, country_code, admin1, geonameid, feature...) may be given
    directly; `place=` replaces the whole Place.
    """
    place_over = {k: overrides.pop(k) for k in list(overrides) if k in _PLACE_FIELDS}
    place = overrides.pop("place", None) or Place(
        geonameid=706524,
        name="Berestyn",
        lat=49.38,
        lon=35.43,
        country_code="UA",
        feature="city",
        admin1_code="UA.07",
        admin1="Kharkiv Oblast",
        population=20000,
        feature_code="PPL",
    )
    if place_over:
        place = dataclasses.replace(place, **place_over)
    n = next(_counter)
    fields: dict[str, Any] = {
        "event_id": f"GM{n:06d}",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "place": place,
        "location": place.name,
        "geo_precision": 1,
        "event_date": dt.date(2025, 11, 18),
        "time_precision": 1,
        "fatalities": 2,
        "injured": 5,
        "actor1": "Military Forces of Russia",
        "actor2": "Civilians (Ukraine)",
        "quotes": ("A drone struck a warehouse in the town overnight, killing two people.",),
        "sources": (
            SourceRef(
                article_id=f"article-{n}",
                title=f"Drone strike on town {n}",
                url=f"https://news.example.org/{n}",
                source="Example Wire",
                published=dt.datetime(2025, 11, 19, 9, 30, tzinfo=dt.timezone.utc),
            ),
        ),
        "notes": (),
        "mention_text": place.name,
    }
    fields.update(overrides)
    return Incident(**fields)


# Test ids (or files) that take more than about 3 s each, from `pytest --durations=60` (2026-12-05, 2 cores shared).
SLOW = (
    "tests/test_robustness.py::test_a_50_mb_article_completes",  # 84 s
    "tests/test_install.py::",  # 43 s: a wheel, a venv, a gazetteer build
    "tests/test_gazetteer.py::test_build_with_a_user_row",  # 33 s: a whole gazetteer build
    "tests/test_typing.py::",  # 6-20 s: mypy over the package
    "tests/test_bad_input.py::test_fuzz_jsonl_lines_and_header_blocks_through_the_cli",  # 19 s
    "tests/test_dask.py::",  # local Dask clusters: 1-8 s each, with start-up and teardown
    "tests/test_explain.py::test_explain_adds_rule_ids_in_every_format",  # 6 s
    "tests/test_runner.py::test_cli_store_with_workers",  # 6 s
    "tests/test_runner.py::test_cli_no_merge_streams_every_report",  # 4 s
    "tests/test_robustness.py::test_a_folder_of_3000_small_files",  # 4 s
    "tests/test_store_identity.py::",  # 3-4 s each: several CLI runs
    "tests/test_watch.py::test_kill_9_then_restart_equals_an_uninterrupted_run",  # 16 s
    "tests/test_serve.py::test_served_map_shows_a_new_incident_soon_after_watch_stores_it",  # 13 s
    "tests/test_watch.py::test_cli_watch_once_twice",  # 4 s
    # 1.3-2.5 s each (mostly the CLI in a subprocess, loading the gazetteer): left out too, so that the quick run
    # stays under a minute
    "tests/test_map_cli.py::test_tiles_osm_and_bad_tiles",
    "tests/test_map_cli.py::test_default_map_references_no_network_and_carries_a_basemap",
    "tests/test_runner.py::test_cli_progress_line_on_a_terminal",
    "tests/test_runner.py::test_cli_workers_do_not_change_the_output",
    "tests/test_explain.py::test_jsonl_carries_the_notes",
    "tests/test_cli_surprises.py::test_map_outputs_are_replaced_together_or_not_at_all",
    "tests/test_cli_surprises.py::test_export_reads_the_store",
    "tests/test_readers.py::test_txt_round_trip",
    "tests/test_fuzz.py::test_jsonl_lines_are_each_an_article_or_an_error_with_their_number",
    "tests/test_export_temps.py::test_the_next_cli_run_removes_what_a_killed_one_left",
    "tests/test_robustness.py::test_output_file_that_cannot_be_replaced",
    "tests/test_robustness.py::test_interrupted_run_leaves_the_previous_map_and_no_temporary_files",
    "tests/test_bad_input.py::test_workers_end_with_their_parent",
    "tests/test_bad_input.py::test_an_implausible_date_is_a_warning_and_the_article_is_kept",
    "tests/test_bad_input.py::test_fuzz_given_spans_lines",
    "tests/test_watch.py::test_second_round_adds_nothing_and_asks_conditionally",
    "tests/test_serve.py::test_events_pushed_when_watch_stores_incidents",
    "tests/test_runner.py::test_cli_verbose_logs_each_article",
)


def _uses_a_browser(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return "browser" in getattr(item, "fixturenames", ()) or hasattr(module, "sync_api")  # Playwright's


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser and slow tests (see the module docstring)."""
    for item in items:
        if _uses_a_browser(item):
            item.add_marker(pytest.mark.browser)
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def make_incident() -> Callable[..., Incident]:
    """Factory fixture: make_incident(fatalities=None, lat=50.0, ...)."""
    return build_incident


# ---------------------------------------------------------------- PostgreSQL/PostGIS (the team store)

_pg_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Any:
    """(URL, admin connection, template database with PostGIS) of the server GEOMAP_TEST_PG names (`.ci/run`
    starts one), else of a throwaway cluster started here; skipped with a message where none can be started, and an
    error under CI=true without GEOMAP_TEST_PG, where they must not be skipped."""
    import os

    url = os.environ.get("GEOMAP_TEST_PG")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("CI=true but GEOMAP_TEST_PG is unset: the team store tests need the PostgreSQL/PostGIS server "
                    "that .ci/run starts")
    psycopg = pytest.importorskip("psycopg", reason="the team store tests need psycopg: pip install -e '.[test]'")
    cluster = None
    if not url:
        cluster, url = _throwaway_cluster()
    admin = psycopg.connect(url, autocommit=True)
    template = f"geomap_template_{os.getpid()}"
    admin.execute(f"DROP DATABASE IF EXISTS {template}")
    admin.execute(f"CREATE DATABASE {template}")
    with psycopg.connect(_pg_url(url, template), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
    try:
        yield url, admin, template
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
        admin.close()
        if cluster is not None:
            cluster()


def _throwaway_cluster() -> tuple[Any, str]:
    """Where GEOMAP_TEST_PG is unset: a cluster of Debian's PostgreSQL (with PostGIS) in a temporary folder on
    127.0.0.1, run by the postgres user when we are root (initdb refuses root); (its stop, its URL). Skips the
    tests, naming what is missing, where none can be started."""
    import glob
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        pytest.skip("no PostgreSQL/PostGIS server for the team store tests: set GEOMAP_TEST_PG=postgresql://... "
                    "or install Debian's postgresql and postgresql-15-postgis-3 (.ci/run does both)")
    bin_dir, version = os.path.dirname(found[-1]), found[-1].split("/")[4]
    if not os.path.exists(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        pytest.skip(f"PostgreSQL {version} has no PostGIS: apt-get install postgresql-{version}-postgis-3, or set "
                    "GEOMAP_TEST_PG")
    root = os.geteuid() == 0
    as_owner = ["runuser", "-u", "postgres", "--"] if root else []
    folder = tempfile.mkdtemp(prefix="geomap-pg-")
    if root:
        shutil.chown(folder, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = os.path.join(folder, "data")
    try:
        subprocess.run([*as_owner, f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8"], check=True, capture_output=True, timeout=120)
        subprocess.run([*as_owner, f"{bin_dir}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"), "-w", "-o",
                        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
                        "-c fsync=off", "start"], check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server for the team store tests ({e}); set GEOMAP_TEST_PG")

    def stop() -> None:
        subprocess.run([*as_owner, f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "stop"], capture_output=True,
                       timeout=120)
        shutil.rmtree(folder, ignore_errors=True)

    return stop, f"postgresql://postgres@127.0.0.1:{port}/postgres"


def _pg_url(url: str, database: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


@pytest.fixture
def pg_url(pg_server: Any) -> Any:
    """The URL of a fresh database of its own (PostGIS installed, no geomap schema yet), dropped afterwards."""
    import os

    url, admin, template = pg_server
    name = f"geomap_test_{os.getpid()}_{next(_pg_databases)}"
    admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield _pg_url(url, name)
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
