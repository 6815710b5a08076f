"""The command line without surprises (issue 14): -o on every command that writes, -q/-v anywhere, help and
defaults for every option, exit codes documented, reading a store back with no new input, no silent failure
(a lookup that finds nothing, a run that read no article), the map's output set replaced together."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = """\
title: Shelling in Sumy
published: 2025-11-20T06:15:00Z
id: sumy-shelling

Russian shelling hit Sumy on Thursday, killing two people and injuring five, the regional governor said.
Drones also struck a depot near Berestyn, in the Kharkiv region, overnight.
"""


def geomap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}  # help on long lines: one phrase, one line
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, env=env)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("geomap: "), result.stderr
    return lines[-1]


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "sumy.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory, article) -> Path:
    path = tmp_path_factory.mktemp("store") / "incidents.sqlite"
    result = geomap("-q", "incidents", str(article), "--store", str(path), "--workers", "1", "-o", os.devnull)
    assert result.returncode == 0, result.stderr
    return path


# ---- -o/--output

@pytest.mark.parametrize("command", [["places"], ["incidents", "--format", "jsonl"]])
def test_output_option_writes_the_file_not_stdout(tmp_path, article, command):
    target = tmp_path / "out.jsonl"
    to_file = geomap(*command, str(article), "--workers", "1", "-o", str(target))
    assert to_file.returncode == 0, to_file.stderr
    assert to_file.stdout == ""
    assert f"-> {target}" in to_file.stderr  # the summary names the file
    to_stdout = geomap(*command, str(article), "--workers", "1")
    assert target.read_text(encoding="utf-8") == to_stdout.stdout != ""
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_that_cannot_be_written_fails_before_the_work(tmp_path, article):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = geomap("incidents", str(article), "--workers", "1", "-o", str(blocker / "out.geojson"))
    assert result.returncode == 2
    assert one_line_error(result).startswith(f"geomap: cannot write {blocker / 'out.geojson'}")
    assert result.stdout == ""


# ---- -q / -v anywhere

def test_quiet_and_verbose_after_the_subcommand(article):
    quiet = geomap("incidents", str(article), "--format", "jsonl", "--workers", "1", "-q")
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
    verbose = geomap("places", str(article), "--workers", "1", "--verbose")
    assert "sumy-shelling" in verbose.stderr  # each article is logged
    lookup = geomap("gazetteer", "lookup", "Qwxzvbrt", "-q")  # accepted on nested commands too
    assert lookup.returncode == 1 and "usage" not in lookup.stderr


def test_verbosity_before_the_subcommand_is_kept():
    args = build_parser().parse_args(["-q", "places", "x.txt"])
    assert args.quiet is True and args.verbose is False
    args = build_parser().parse_args(["places", "x.txt", "-v"])
    assert args.verbose is True and args.quiet is False


# ---- help, defaults, exit codes

def _parsers(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    yield prefix, parser
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*prefix, name))


def test_every_option_and_argument_has_help_text():
    missing = [(" ".join(path), action.dest) for path, parser in _parsers(build_parser())
               for action in parser._actions  # noqa: SLF001
               if not action.help or action.help == argparse.SUPPRESS]
    assert missing == []


def test_defaults_are_shown_and_exit_codes_documented():
    incidents = geomap("incidents", "--help").stdout
    assert "(default: geojson)" in incidents and "(default: standard output)" in incidents
    assert "(default: 10)" in geomap("gazetteer", "lookup", "--help").stdout
    assert "(default: output)" in geomap("map", "--help").stdout
    top = geomap("--help").stdout
    assert "exit status:" in top
    for code in ("0 ", "1 ", "2 "):
        assert f"\n  {code}" in top
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Exit status: `0`" in readme and "`2` a usage error" in readme


# ---- reading a store back with no new input

def test_export_reads_the_store(tmp_path, article, store):
    direct = geomap("-q", "incidents", str(article), "--format", "jsonl", "--workers", "1")
    exported = geomap("export", "--store", str(store), "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    ids = [json.loads(line)["event_id"] for line in exported.stdout.splitlines()]
    assert ids and sorted(ids) == sorted(json.loads(line)["event_id"] for line in direct.stdout.splitlines())
    csv_path = tmp_path / "out.csv"
    to_csv = geomap("export", "--store", str(store), "--format", "csv", "-o", str(csv_path), "-q")
    assert to_csv.returncode == 0 and to_csv.stdout == to_csv.stderr == ""
    assert csv_path.read_text(encoding="utf-8").startswith("event_id_cnty,")
    geojson = json.loads(geomap("export", "--store", str(store)).stdout)
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == len(ids)


def test_export_of_a_missing_store_creates_nothing(tmp_path):
    missing = tmp_path / "nope.sqlite"
    result = geomap("export", "--store", str(missing), "-o", str(tmp_path / "out.geojson"))
    assert result.returncode == 1
    assert "no such incident store" in one_line_error(result)
    assert sorted(tmp_path.iterdir()) == []


def test_map_from_the_store_alone(tmp_path, store):
    result = geomap("map", "--store", str(store), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["incidents.csv", "incidents.geojson", "map.html"]
    assert json.loads((tmp_path / "out" / "incidents.geojson").read_text(encoding="utf-8"))["features"]


def test_map_with_neither_input_nor_store_is_a_usage_error(tmp_path):
    result = geomap("map", "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--store" in one_line_error(result)
    assert not (tmp_path / "out").exists()


# ---- no silent failure

def test_lookup_with_no_result_says_so():
    result = geomap("gazetteer", "lookup", "Zzyzzyqx")
    assert (result.returncode, result.stdout) == (1, "")
    assert one_line_error(result) == "geomap: no place named 'Zzyzzyqx'"
    by_name = geomap("gazetteer", "lookup", "Kyiv", "--country", "Ukraine")
    assert (by_name.returncode, by_name.stdout) == (1, "")
    assert "two-letter" in one_line_error(by_name)


def _previous_outputs(outdir: Path) -> dict[str, str]:
    outdir.mkdir(parents=True, exist_ok=True)
    previous = {name: f"previous {name}\n" for name in ("map.html", "incidents.geojson", "incidents.csv")}
    for name, text in previous.items():
        (outdir / name).write_text(text, encoding="utf-8")
    return previous


@pytest.mark.parametrize("what", ["missing", "empty folder"])
def test_a_run_that_read_no_article_replaces_nothing(tmp_path, what):
    source = tmp_path / ("nope.txt" if what == "missing" else "empty")
    if what == "empty folder":
        source.mkdir()
    outdir = tmp_path / "out"
    previous = _previous_outputs(outdir)
    result = geomap("map", str(source), "-o", str(outdir), "--workers", "1")
    assert result.returncode == 1
    assert "no article read" in one_line_error(result)
    assert {p.name: p.read_text(encoding="utf-8") for p in outdir.iterdir()} == previous
    kept = tmp_path / "incidents.csv"
    kept.write_text("previous\n", encoding="utf-8")
    result = geomap("incidents", str(source), "--format", "csv", "-o", str(kept), "--workers", "1")
    assert result.returncode == 1 and "no article read" in one_line_error(result)
    assert kept.read_text(encoding="utf-8") == "previous\n"


def test_fresh_output_folder_is_not_created_when_no_article_is_read(tmp_path):
    result = geomap("map", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 1
    assert not (tmp_path / "out").exists()


def test_warnings_count_in_the_summary(tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text(ARTICLE.replace("2025-11-20T06:15:00Z", "the day before yesterday"), encoding="utf-8")
    result = geomap("incidents", str(path), "--format", "jsonl", "--published", "2025-11-20", "--workers", "1")
    assert result.returncode == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("geomap: 1 articles (0 skipped; 1 warning), "), summary


# ---- the map's output set: all three or none

def test_map_outputs_are_replaced_together_or_not_at_all(tmp_path, article):
    outdir = tmp_path / "out"
    previous = _previous_outputs(outdir)
    (outdir / "incidents.csv").unlink()
    (outdir / "incidents.csv").mkdir()  # the CSV cannot be written: neither may the map nor the GeoJSON be
    del previous["incidents.csv"]
    result = geomap("map", str(article), "-o", str(outdir), "--workers", "1")
    assert result.returncode == 2
    assert one_line_error(result).startswith(f"geomap: cannot write {outdir / 'incidents.csv'}")
    assert {p.name: p.read_text(encoding="utf-8") for p in outdir.iterdir() if p.is_file()} == previous
    assert not [p for p in outdir.iterdir() if p.name.endswith(".tmp")]
