"""Temporary files a killed run left beside its outputs are removed by the next run; nothing else is."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.export import atomic_open, remove_stale_temps
from geomap.outputs import replaced_together


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leftovers(folder: Path, dead_pid: int) -> dict[str, bool]:
    """Files beside incidents.geojson, each with whether the next run should remove it."""
    hour_ago = time.time() - 2 * 3600
    files = {
        f".incidents.geojson.geomap-{dead_pid}-k2j4h6g8.tmp": True,  # ours, its run is gone
        f".incidents.geojson.geomap-{os.getpid()}-a1b2c3d4.tmp": False,  # ours, its run (this one) still going
        ".incidents.geojson.x9_y8z7w.tmp": True,  # an earlier version's, two hours old (mtime set below)
        ".incidents.geojson.q1w2e3r4.tmp": False,  # an earlier version's, fresh: perhaps still being written
        ".incidents.geojson.notes.tmp": False,  # a user's file: not our pattern
        f".map.html.geomap-{dead_pid}-k2j4h6g8.tmp": False,  # another target's: left to that target's next run
        "incidents.geojson.bak": False,
        f"incidents.geojson.geomap-{dead_pid}-k2j4h6g8.tmp": False,  # not hidden: not ours
    }
    for name in files:
        (folder / name).write_text("partial", encoding="utf-8")
    os.utime(folder / ".incidents.geojson.x9_y8z7w.tmp", (hour_ago, hour_ago))
    return files


def test_remove_stale_temps_only_ours(tmp_path, dead_pid):
    files = _leftovers(tmp_path, dead_pid)
    removed = remove_stale_temps(tmp_path / "incidents.geojson")
    assert sorted(Path(p).name for p in removed) == sorted(name for name, stale in files.items() if stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(name for name, stale in files.items() if not stale)


def test_atomic_open_and_replaced_together_clean_up_first(tmp_path, dead_pid):
    files = _leftovers(tmp_path, dead_pid)
    with atomic_open(tmp_path / "incidents.geojson") as out:
        out.write("{}")
    stale = {name for name, s in files.items() if s}
    assert not stale & {p.name for p in tmp_path.iterdir()}
    leftover = tmp_path / f".map.html.geomap-{dead_pid}-k2j4h6g8.tmp"
    assert leftover.exists()
    with replaced_together([tmp_path / "map.html"]) as (tmp,):
        assert tmp.name.startswith(f".map.html.geomap-{os.getpid()}-") and tmp.suffix == ".tmp"
        tmp.write_text("<html></html>", encoding="utf-8")
    assert not leftover.exists() and (tmp_path / "map.html").read_text(encoding="utf-8") == "<html></html>"


def test_the_next_cli_run_removes_what_a_killed_one_left(tmp_path, dead_pid):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / f".{name}.geomap-{dead_pid}-abcd1234.tmp" for name in ("map.html", "incidents.geojson",
                                                                             "incidents.csv")]
    for path in stale:
        path.write_text("partial", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("published: 2025-11-20\n\nA drone struck a fuel depot in Sumy on Thursday.\n",
                       encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "geomap", "-q", "map", str(article), "-o", str(out),
                             "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["incidents.csv", "incidents.geojson", "map.html"]


def test_a_pipe_or_device_is_written_in_place_never_replaced_by_a_file(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    with atomic_open(fifo) as out:
        out.write("incidents\n")
    reader.join(timeout=10)
    assert got == ["incidents\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe: "-o /dev/null" as root keeps the device
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]
