"""`geomap map` as users run it: one self-contained file by default, --tiles, --overlay, --offline kept."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = """title: Shelling in Kharkiv
published: 2025-11-18

Russian shelling killed three civilians in Kharkiv on Tuesday, the regional governor said.
"""


def geomap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("in") / "kharkiv.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_help_says_the_map_is_self_contained():
    text = " ".join(geomap("map", "--help").stdout.split())
    assert "--tiles URL|osm" in text and "--overlay FILE.geojson" in text
    assert "offline basemap still shows" in text and "no network" in text


def test_default_map_references_no_network_and_carries_a_basemap(article, tmp_path):
    overlay = tmp_path / "front.geojson"
    overlay.write_text(json.dumps({"type": "Feature", "properties": {"name": "line"},
                                   "geometry": {"type": "LineString", "coordinates": [[36, 49], [37, 50]]}}))
    result = geomap("map", str(article), "-o", str(tmp_path / "out"), "--workers", "1", "--offline",
                    "--overlay", str(overlay))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "map.html").read_text("utf-8")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "cdn.jsdelivr" not in page and "tile.openstreetmap.org" not in page
    assert '"Kharkiv Oblast"' in page and '"Ukraine"' in page  # region and country labels
    assert 'id="gm-overlay-0"' in page and '"overlays":["front"]' in page


def test_tiles_osm_and_bad_tiles(article, tmp_path):
    result = geomap("map", str(article), "-o", str(tmp_path / "out"), "--workers", "1", "--tiles", "osm")
    assert result.returncode == 0, result.stderr
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in (tmp_path / "out" / "map.html").read_text("utf-8")
    bad = geomap("map", str(article), "-o", str(tmp_path / "bad"), "--tiles", "file:///etc/passwd")
    assert bad.returncode == 2 and "--tiles" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad").exists()
    missing = geomap("map", str(article), "-o", str(tmp_path / "bad"), "--overlay", str(tmp_path / "no.geojson"))
    assert missing.returncode == 2 and "no.geojson" in missing.stderr
