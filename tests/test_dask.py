"""The Dask engine: sharded JSONL on a LocalCluster gives the same incidents as one process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("dask.distributed")

from geomap.errors import GeomapError, InputError  # noqa: E402
from geomap.merge import merge_incidents  # noqa: E402
from geomap.readers import iter_articles  # noqa: E402
from geomap.runner import DaskStats, process, process_dask, shard_paths  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> Path:
    """Our example and gold articles in three JSONL shards; the second has a malformed line and a bad date."""
    folder = tmp_path_factory.mktemp("shards")
    articles = list(iter_articles([ROOT / "examples", ROOT / "tests" / "data" / "gold"]))
    for n in range(3):
        lines = [json.dumps({"id": a.id, "text": a.body, "title": a.title, "url": a.url, "source": a.source,
                             "published": a.published.isoformat() if a.published else None})
                 for a in articles[n::3]]
        if n == 1:
            lines.insert(2, '{"id": "broken", "text": ')
            lines.append(json.dumps({"id": "undated", "published": "last Tuesday",
                                     "text": "A drone hit a depot in Sumy on Monday, killing one man."}))
        (folder / f"part-{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def local_incidents(paths: list[str]) -> list:
    articles = iter_articles(paths, on_error=lambda e: None)
    return merge_incidents(inc for result in process(articles) for inc in result.incidents)


def test_dask_gives_the_same_incidents_as_one_process(shards, cluster):
    paths = shard_paths([shards])
    assert [Path(p).name for p in paths] == ["part-0.jsonl", "part-1.jsonl", "part-2.jsonl"]
    errors: list[InputError] = []
    stats = DaskStats()
    found = process_dask(paths, cluster.scheduler_address, on_error=errors.append, stats=stats)
    expected = local_incidents(paths)
    assert len(expected) > 10
    assert found == expected
    readable = [line for p in paths for line in Path(p).read_text(encoding="utf-8").splitlines()
                if not line.startswith('{"id": "broken"')]
    assert stats.articles == len(readable) and stats.skipped == 1 and stats.places > 100
    undated_line = len(Path(paths[1]).read_text(encoding="utf-8").splitlines())  # the bad date is the last line
    undated = [e for e in errors if e.reason.startswith("no publication date")]  # one warning per shard, if any
    assert len({e.path for e in undated}) == len(undated)
    errors = [e for e in errors if e not in undated]
    assert [str(e).split(": ")[0] for e in errors] == [f"{shards / 'part-1.jsonl'}:3",
                                                        f"{shards / 'part-1.jsonl'}:{undated_line}"]
    assert "malformed JSON" in str(errors[0]) and "bad published date" in str(errors[1])


def test_dask_without_an_error_handler_raises_the_first_bad_line(shards, cluster):
    with pytest.raises(InputError, match="part-1.jsonl:3"):
        process_dask([shards / "part-1.jsonl"], cluster.scheduler_address)


def test_dask_refuses_what_it_cannot_read(tmp_path, cluster):
    with pytest.raises(GeomapError, match="no such file"):
        process_dask([tmp_path / "missing.jsonl"], cluster.scheduler_address)
    (tmp_path / "article.txt").write_text("Shelling hit Sumy.", encoding="utf-8")
    with pytest.raises(GeomapError, match="JSONL"):
        process_dask([tmp_path / "article.txt"], cluster.scheduler_address)


def geomap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_cli_dask_engine_matches_the_local_engine(shards, cluster):
    local = geomap("incidents", str(shards), "--format", "jsonl")
    on_dask = geomap("incidents", str(shards), "--format", "jsonl", "--dask", cluster.scheduler_address)
    assert local.returncode == on_dask.returncode == 1  # the malformed line was skipped
    assert on_dask.stdout == local.stdout and local.stdout.count("\n") > 10
    assert f"{shards / 'part-1.jsonl'}:3" in on_dask.stderr and "Traceback" not in on_dask.stderr
    assert on_dask.stderr.strip().splitlines()[-1].split(" in ")[0] == \
        local.stderr.strip().splitlines()[-1].split(" in ")[0]  # the same summary counts


def test_cli_dask_engine_starts_its_own_local_cluster(shards, tmp_path):
    result = geomap("map", str(shards / "part-0.jsonl"), "--engine", "dask", "--workers", "1", "-o",
                    str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "map.html").exists()
    features = json.loads((tmp_path / "out" / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == len(local_incidents([str(shards / "part-0.jsonl")]))


def test_cli_dask_flags_that_do_not_go_together(shards, tmp_path):
    result = geomap("incidents", str(shards), "--engine", "local", "--dask", "tcp://127.0.0.1:1")
    assert result.returncode == 2 and "--dask" in result.stderr and "Traceback" not in result.stderr
    result = geomap("incidents", str(shards), "--engine", "dask", "--store", str(tmp_path / "s.sqlite"))
    assert result.returncode == 2 and "--store" in result.stderr and "Traceback" not in result.stderr
