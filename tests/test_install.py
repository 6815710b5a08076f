"""The package installs as users install it: a wheel in a fresh virtualenv, run from elsewhere, needs no checkout.

One slow test (~40 s: wheel, venv, dependencies from PyPI or pip's cache, a gazetteer build from the wheel's data).
Skipped when the `build` package is missing (it is in the test extras, so CI runs it); `-m "not install"` skips it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.install


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_maps_the_examples_in_a_fresh_venv_outside_the_checkout(tmp_path):
    pytest.importorskip("build")
    assert not tmp_path.resolve().is_relative_to(REPO)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "GEOMAP_GAZETTEER_SOURCES", "GEOMAP_DATA_DIR", "VIRTUAL_ENV")}
    # Build as a user does: an sdist, then the wheel from the sdist (so both carry the run-time data).
    _run([sys.executable, "-m", "build", "--outdir", str(tmp_path / "dist"), str(REPO)], tmp_path, env, 300)
    wheel = next((tmp_path / "dist").glob("geomap-*.whl"))
    _run([sys.executable, "-m", "venv", str(tmp_path / "venv")], tmp_path, env, 120)
    bindir = tmp_path / "venv" / "bin"
    _run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env, 600)

    run_dir, data_dir, out = tmp_path / "elsewhere", tmp_path / "data", tmp_path / "out"
    run_dir.mkdir()
    data_dir.mkdir()
    env["GEOMAP_DATA_DIR"] = str(data_dir)  # empty: the gazetteer is built from the wheel's own data files
    where = _run([str(bindir / "python"), "-c", "import geomap.build as b; print(b.__file__); print(b.sources_dir())"],
                 run_dir, env, 60).stdout.split()
    assert all(Path(p).resolve().is_relative_to((tmp_path / "venv").resolve()) for p in where), where

    result = _run([str(bindir / "geomap"), "map", str(REPO / "examples"), "-o", str(out)], run_dir, env, 600)
    assert "building the local gazetteer" in result.stderr
    assert (out / "map.html").is_file()
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert features, result.stderr
    assert all(f["geometry"]["type"] == "Point" for f in features)
