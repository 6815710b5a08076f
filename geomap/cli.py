"""The ``geomap`` command line: argparse front end, exit codes, one-line errors."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from geomap import __version__
from geomap.errors import GeomapError, InputError
from geomap.outputs import check_writable_folder, output_stream, replaced_together
from geomap.progress import Progress, ProgressHandler, Tally, estimate_total, reason_category

log = logging.getLogger("geomap")

EXIT_STATUS = """\
exit status:
  0    done: every input read, the output written
  1    an input skipped, or read with a warning that data was lost
       (each named on standard error); no article read at all (then no
       output file is written or replaced); gazetteer lookup found nothing
  2    usage error: a bad option or value, an output that cannot be written
  130  interrupted (Ctrl-C); no output file is replaced"""


class NothingRead(GeomapError):
    """The run read no article (or found no result): one line on standard error, nothing written, exit status 1."""


class _Run:
    """Per-invocation bookkeeping: bad inputs reported, counts for the summary, the progress line."""

    def __init__(self, *, quiet: bool = False, handler: ProgressHandler | None = None) -> None:
        self.skipped = 0
        self.warnings = 0  # inputs read with something lost or doubtful (a bad date...), and logged warnings
        self.lost = 0  # warnings whose error says data was lost (``lost_data``): exit status 1
        self.articles = 0
        self.places = 0
        self.reports = 0  # incidents as extracted, before merging
        self.reasons = Tally()
        self.quiet = quiet
        self.handler = handler
        self.progress = Progress(enabled=False)
        self.started = time.perf_counter()

    def report(self, error: InputError) -> None:
        """One bad input, on standard error. A BadPublishedDate, or an error with a true ``warning`` attribute, is a
        warning (the article is still read); one with a true ``lost_data`` attribute as well makes the exit status
        1. Anything else is a skipped input."""
        from geomap.readers import BadPublishedDate

        self.progress.clear()
        if isinstance(error, BadPublishedDate) or getattr(error, "warning", False):  # the article is still read
            self.warnings += 1
            self.lost += bool(getattr(error, "lost_data", False))
            print(f"geomap: warning: {error}", file=sys.stderr)
            return
        self.skipped += 1
        self.reasons[reason_category(error.reason)] += 1
        print(f"geomap: {error}", file=sys.stderr)

    def start_progress(self, inputs: Sequence[str]) -> None:
        """The progress line, on a terminal and without -q only (the total is estimated from the inputs)."""
        enabled = sys.stderr.isatty() and not self.quiet
        self.progress = Progress(estimate_total(inputs) if enabled else None, enabled=enabled)
        if self.handler is not None:
            self.handler.progress = self.progress

    def count_warning(self, record: logging.LogRecord) -> bool:
        """A logging filter: every warning logged during the run counts in the summary."""
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        return True

    def skipped_text(self) -> str:
        text = f"{self.skipped} skipped: {self.reasons.summary()}" if self.skipped else "0 skipped"
        if self.warnings:
            text += f"; {self.warnings} warning{'s' if self.warnings > 1 else ''}"
        return text

    def status(self) -> int:
        """The exit status of a run that wrote its output: 1 when an input was skipped or data lost."""
        return 1 if self.skipped or self.lost else 0

    def nothing_read(self, inputs: Sequence[str], output: str | None) -> NothingRead:
        """The error that ends a run that read no article (its output, if a file, is left as it was)."""
        kept = f"; {output} left as it was" if output not in (None, "-") else ""
        return NothingRead(f"no article read from {', '.join(inputs)}{kept}")

    def seconds(self) -> float:
        return time.perf_counter() - self.started


def _published(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from geomap.readers import parse_published

    try:
        return parse_published(value)
    except ValueError as e:
        raise GeomapError(f"--published: {e}") from None


def _articles(args: argparse.Namespace, run: _Run) -> Iterator:
    from geomap.readers import iter_articles

    return iter_articles(args.inputs, published=_published(args.published), on_error=run.report)


def _results(args: argparse.Namespace, run: _Run, *, resolutions: bool = False) -> Iterator:
    """Every article analysed (on --workers processes), in input order; counts and progress kept in ``run``."""
    from geomap.runner import process

    workers = getattr(args, "workers", None) or 1
    log.info("reading %s with %d worker process%s", ", ".join(args.inputs), workers, "es" if workers > 1 else "")
    run.start_progress(args.inputs)
    try:
        for result in process(_articles(args, run), workers=workers, resolutions=resolutions):
            if result.error:
                run.report(result.input_error())
            else:
                run.articles += 1
                run.places += result.places
                run.reports += len(result.incidents)
                log.debug("%s (%s): %d places, %d incidents", result.id, result.path or "-", result.places,
                          len(result.incidents))
            run.progress.update()
            yield result
    finally:
        run.progress.close()


def _place_json(resolution) -> dict:  # noqa: ANN001
    m, p = resolution.mention, resolution.place
    return {"text": m.text, "start": m.start, "end": m.end, "name": p.name if p else None,
            "geonameid": p.geonameid if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
            "country_code": p.country_code if p else None, "admin1": p.admin1 if p else None,
            "feature": p.feature if p else None, "score": resolution.score, "reason": resolution.reason}


def cmd_places(args: argparse.Namespace, run: _Run) -> int:
    with output_stream(args.output) as out:
        if args.given_spans:
            _given_spans(args, run, out)
        else:
            for result in _results(args, run, resolutions=True):
                if not result.error:
                    out.write(json.dumps({"id": result.id, "places": [_place_json(r) for r in result.resolutions]},
                                         ensure_ascii=False) + "\n")
        if not run.articles:
            raise run.nothing_read(args.inputs, args.output)
    if not args.quiet:
        print(f"geomap: {run.articles} articles ({run.skipped_text()}), {run.places} places in {run.seconds():.1f} s"
              + (f" -> {args.output}" if args.output not in (None, "-") else ""), file=sys.stderr)
    return run.status()


def _given_spans(args: argparse.Namespace, run: _Run, out: IO[str]) -> None:
    from geomap.pipeline import default_geoparser
    from geomap.readers import given_span_lines

    parser = default_geoparser()
    for path in args.inputs:
        for _number, article_id, text, spans in given_span_lines(path, run.report):  # bad lines: one error each
            resolutions = parser.resolve_spans(text, spans)
            run.articles += 1
            run.places += len(resolutions)
            out.write(json.dumps({"id": article_id, "places": [_place_json(r) for r in resolutions]},
                                 ensure_ascii=False) + "\n")


def _incidents(args: argparse.Namespace, run: _Run) -> list:
    """The merged incidents of the inputs. Only incidents are kept in memory (or in the store), never articles."""
    if _engine(args) == "dask":
        return _dask_incidents(args, run)
    from geomap.merge import merge_incidents

    store = _open_store(args)
    if store is None:
        return merge_incidents(_reports(args, run))
    try:
        store.add_many((r.article, r.resolutions, r.incidents)
                       for r in _results(args, run, resolutions=True) if not r.error)
        log.info("merging the incidents of %s", store.path)
        return store.incidents()
    finally:
        store.close()


def _reports(args: argparse.Namespace, run: _Run, store=None) -> Iterator:  # noqa: ANN001
    """Every incident as its article reports it, unmerged, as soon as the article is read (then the store's)."""
    for result in _results(args, run, resolutions=store is not None):
        if not result.error:
            if store is not None:
                store.add_article(result.article, result.resolutions, result.incidents)
            yield from result.incidents
    log.info("all articles read; %d incidents reported", run.reports)


def _engine(args: argparse.Namespace) -> str:
    engine = getattr(args, "engine", None)
    address = getattr(args, "dask", None)
    if engine == "local" and address:
        raise GeomapError("--dask ADDRESS runs on Dask: use it without --engine local")
    return engine or ("dask" if address else "local")


def _dask_incidents(args: argparse.Namespace, run: _Run, *, merge: bool = True) -> list:
    from geomap.runner import DaskStats, process_dask

    if getattr(args, "store", None):
        raise GeomapError("--store works with --engine local only")
    stats = DaskStats()
    log.info("reading %s on Dask (%s)", ", ".join(args.inputs), args.dask or "a local cluster")
    incidents = process_dask(args.inputs, args.dask, published=_published(args.published), on_error=run.report,
                             stats=stats, workers=args.workers, merge=merge)
    run.articles, run.places = stats.articles, stats.places
    if not merge:
        run.reports = len(incidents)
    return incidents


def _open_store(args: argparse.Namespace):  # noqa: ANN202
    path = getattr(args, "store", None)
    if not path:
        return None
    from geomap.store import open_store

    return open_store(path)


def _text_view(args: argparse.Namespace, run: _Run, out: IO[str]) -> None:
    """--format text: each article's incidents as it reports them (unmerged), in words, as soon as it is read."""
    from geomap.explain import explain_article

    for flag, used in (("--store", args.store), ("--engine dask", _engine(args) == "dask")):
        if used:
            raise GeomapError(f"--format text prints its own text from the inputs: use it without {flag}")
    for result in _results(args, run, resolutions=True):
        if not result.error and result.article is not None:
            out.write(explain_article(result.article, result.incidents, result.resolutions))


def _write_incidents(args: argparse.Namespace, run: _Run, out: IO[str]) -> int | None:
    """Write the incidents of the inputs to ``out`` in ``args.format``; the number of merged incidents, or None
    when they are written unmerged (then ``run.reports`` counts them)."""
    from geomap.export import to_stream

    if args.format == "text":
        _text_view(args, run, out)
        return None
    if not args.no_merge:
        incidents = _incidents(args, run)
        to_stream(incidents, args.format, out, args.explain)
        return len(incidents)
    if _engine(args) == "dask":
        to_stream(_dask_incidents(args, run, merge=False), args.format, out, args.explain)
        return None
    store = _open_store(args)  # streamed: each article's incidents are written as soon as it is read
    try:
        to_stream(_reports(args, run, store), args.format, out, args.explain)
    finally:
        if store is not None:
            store.close()
    return None


def cmd_incidents(args: argparse.Namespace, run: _Run) -> int:
    with output_stream(args.output, newline="" if args.format == "csv" else None) as out:
        merged = _write_incidents(args, run, out)
        if not run.articles:
            raise run.nothing_read(args.inputs, args.output)
    if not args.quiet:
        count = f"{run.reports} incidents (unmerged)" if merged is None else f"{merged} incidents"
        target = f" -> {args.output}" if args.output not in (None, "-") else ""
        print(f"geomap: {run.articles} articles ({run.skipped_text()}), {run.places} places, {count} "
              f"in {run.seconds():.1f} s{target}", file=sys.stderr)
    return run.status()


def _stored(args: argparse.Namespace, run: _Run) -> list:
    """The merged incidents of an existing store alone (no input read); its articles and places are counted."""
    from geomap.store import open_store

    if "://" not in args.store and not os.path.isfile(args.store):
        raise NothingRead(f"{args.store}: no such incident store; nothing written")
    with open_store(args.store) as store:
        counts = store.counts()
        run.articles, run.places = counts["articles"], counts["mentions"]
        if not run.articles:
            raise NothingRead(f"{store.path}: the incident store holds no article; nothing written")
        return store.incidents()


def cmd_store_migrate(args: argparse.Namespace, run: _Run) -> int:
    from geomap.store import open_store

    with open_store(args.store, migrate=False) as store:
        before, after = store.migrate()
        note = " (up to date)" if before == after else ""
        print(f"{store.path}: schema version {before} -> {after}{note}")
    return 0


def cmd_store_stats(args: argparse.Namespace, run: _Run) -> int:
    from geomap.store import SCHEMA_VERSION, is_database_url, open_store

    if not is_database_url(args.store) and not os.path.isfile(args.store):
        raise NothingRead(f"{args.store}: no such incident store")
    with open_store(args.store, migrate=False) as store:
        version = store.version
        if version != SCHEMA_VERSION:
            print(f"store: {store.path}\nbackend: {store.backend}\nschema version: {version}")
            raise NothingRead(f"{store.path}: schema version {version}, this geomap uses {SCHEMA_VERSION}: "
                              f"geomap store migrate --store STORE")
        stats = {"store": store.path, **store.stats()}
    if args.json:
        print(json.dumps(stats))
    else:
        for name, value in stats.items():
            print(f"{name.replace('_', ' ')}: {value}")
    return 0


def cmd_export(args: argparse.Namespace, run: _Run) -> int:
    from geomap.export import to_stream

    incidents = _stored(args, run)
    with output_stream(args.output, newline="" if args.format == "csv" else None) as out:
        to_stream(incidents, args.format, out, args.explain)
    if not args.quiet:
        target = f" -> {args.output}" if args.output not in (None, "-") else ""
        print(f"geomap: {run.articles} stored articles, {len(incidents)} incidents in {run.seconds():.1f} s{target}",
              file=sys.stderr)
    return 0


def _map_overlays(args: argparse.Namespace) -> list[tuple[str, dict]]:
    """map's --overlay files read, and --tiles checked (a usage error when either is bad)."""
    from geomap.render import read_overlay, tile_layer

    try:
        tile_layer(args.tiles)
        return [read_overlay(path) for path in args.overlay]
    except ValueError as e:
        raise GeomapError(str(e)) from None


def cmd_map(args: argparse.Namespace, run: _Run) -> int:
    from geomap.export import write_csv, write_geojson
    from geomap.render import render_map

    if not args.inputs and not args.store:
        raise GeomapError("map: give INPUT... (files, folders or -), or --store PATH to map what is stored")
    outdir = Path(args.output)
    check_writable_folder(outdir)  # before the work, not after it; nothing is created yet
    _map_overlays(args)  # a bad --tiles or --overlay is a usage error before the work
    incidents = _incidents(args, run) if args.inputs else _stored(args, run)
    if not run.articles:
        raise run.nothing_read(args.inputs, args.output)
    overlays = _map_overlays(args)
    from geomap.gazetteer import default_gazetteer
    from geomap.render import basemap_data

    basemap = basemap_data(incidents, default_gazetteer())  # the offline basemap: every map is self-contained
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GeomapError(f"{outdir}: cannot create the output folder ({e.strerror})") from None
    targets = map_path, geojson_path, csv_path = (outdir / "map.html", outdir / "incidents.geojson",
                                                  outdir / "incidents.csv")
    with replaced_together(targets) as (map_tmp, geojson_tmp, csv_tmp):  # all three, or none
        write_geojson(incidents, geojson_tmp)
        write_csv(incidents, csv_tmp)
        render_map(incidents, map_tmp, title=args.title or "geomap incidents", tiles=args.tiles,
                   basemap=basemap, overlays=overlays)
    print(f"{run.articles} articles ({run.skipped_text()}), {run.places} places, {len(incidents)} incidents "
          f"in {run.seconds():.1f} s -> {map_path}, {geojson_path}, {csv_path}")
    return run.status()


def cmd_watch(args: argparse.Namespace, run: _Run) -> int:
    import signal

    from geomap.watch import parse_duration, require_live

    require_live("watch", ("feedparser", "trafilatura", "httpx"))
    from geomap.feeds import FetchPolicy
    from geomap.watch import watch

    try:
        every = parse_duration(args.every)
    except ValueError as e:
        raise GeomapError(f"--every: {e}") from None
    if args.max_page_mb <= 0 or args.timeout <= 0 or args.delay < 0:
        raise GeomapError("--max-page-mb and --timeout must be above 0, --delay 0 or more")
    policy = FetchPolicy(timeout=args.timeout, deadline=max(60.0, 3 * args.timeout), retries=args.retries,
                         max_bytes=int(args.max_page_mb * 1024 * 1024), delay=args.delay,
                         robots=not args.ignore_robots)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # a service manager's stop: ends like Ctrl-C, the store stays whole
    return watch(args.feeds, args.store, every=every, once=args.once, policy=policy, quiet=args.quiet)


def cmd_serve(args: argparse.Namespace, run: _Run) -> int:
    from geomap.watch import require_live

    require_live("serve", ("starlette", "uvicorn"))
    from geomap.serve import serve

    token = args.token or os.environ.get("GEOMAP_TOKEN") or None
    return serve(args.store, host=args.host, port=args.port, token=token, title=args.title, quiet=args.quiet)


def cmd_lookup(args: argparse.Namespace, run: _Run) -> int:
    from geomap.gazetteer import default_gazetteer, shown_population

    places = default_gazetteer().lookup(args.name, country=args.country, limit=args.limit)
    if not places:
        where = f" in country {args.country!r}" if args.country else ""
        hint = " (--country takes a two-letter ISO 3166-1 code, e.g. UA)" if args.country and len(args.country) != 2 \
            else ""
        raise NothingRead(f"no place named {args.name!r}{where}{hint}")
    for place in places:
        row = {"geonameid": place.geonameid, "name": place.name, "feature": place.feature,
               "country": place.country_code, "region": place.admin1, "population": shown_population(place),
               "lat": place.lat, "lon": place.lon}
        print(json.dumps(row, ensure_ascii=False))
    return 0


def cmd_info(args: argparse.Namespace, run: _Run) -> int:
    from geomap.gazetteer import default_gazetteer

    print(json.dumps(default_gazetteer().info(), indent=2, ensure_ascii=False))
    return 0


def cmd_build(args: argparse.Namespace, run: _Run) -> int:
    from geomap.build import build
    from geomap.gazetteer import default_data_dir

    target = Path(args.data_dir) if args.data_dir else default_data_dir()
    report = build(target, extra=[Path(p) for p in args.add], full_dump=Path(args.geonames) if args.geonames
                   else None)
    print(f"built {report.path}: {report.summary()} in {report.seconds:.1f} s")
    return 0


def cmd_eval_places(args: argparse.Namespace, run: _Run) -> int:
    from geomap.evaluate import evaluate_places, format_places_report

    report = evaluate_places(args.corpus, given_spans=args.given_spans, limit=args.limit)
    print(format_places_report(report))
    return 0


def cmd_eval_incidents(args: argparse.Namespace, run: _Run) -> int:
    from geomap.evaluate_incidents import evaluate_incidents, format_incident_report

    report = evaluate_incidents(args.gold)
    print(json.dumps(report.as_dict(), indent=1) if args.json else format_incident_report(report))
    return 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's layout; adds "(default: ...)" to an option's help unless it says its default already."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (not action.option_strings or default is None or default is False or default == []
                or default is argparse.SUPPRESS or "default" in text):
            return text
        return f"{text} (default: %(default)s)"


def _verbosity(p: argparse.ArgumentParser, default: object) -> None:
    """-v and -q; on every command too (default SUPPRESS there, so a subcommand keeps what came before it)."""
    p.add_argument("-v", "--verbose", action="store_true", default=default,
                   help="log details (each article read) to standard error")
    p.add_argument("-q", "--quiet", action="store_true", default=default,
                   help="only errors on standard error: no progress line, no summary")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="News articles -> places, incidents, a map.",
                                     formatter_class=_HelpFormatter, epilog=EXIT_STATUS)
    parser.add_argument("--version", action="version", version=f"geomap {__version__}",
                        help="print the version and exit")
    _verbosity(parser, False)
    common = argparse.ArgumentParser(add_help=False)
    _verbosity(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                help="what to do; each has its own --help")

    def command(subparsers: argparse._SubParsersAction, name: str, text: str) -> argparse.ArgumentParser:
        return subparsers.add_parser(name, help=text, description=text, parents=[common],
                                     formatter_class=_HelpFormatter, epilog=EXIT_STATUS)

    def inputs(p: argparse.ArgumentParser, nargs: str = "+") -> None:
        p.add_argument("inputs", nargs=nargs, metavar="INPUT",
                       help="files, folders (read recursively), or - for standard input")
        p.add_argument("--published", metavar="DATE",
                       help="publication date for articles without one (ISO 8601, e.g. 2025-11-18)")

    def workers(p: argparse.ArgumentParser) -> None:
        p.add_argument("--workers", type=_positive_int, default=_cpu_count(), metavar="N",
                       help="worker processes (default: all cores, here %(default)s)")

    def engines(p: argparse.ArgumentParser) -> None:
        workers(p)
        p.add_argument("--engine", choices=("local", "dask"), default=None,
                       help="local processes (default) or a Dask cluster reading JSONL shards")
        p.add_argument("--dask", metavar="ADDRESS",
                       help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                            "without it --engine dask starts a local cluster of --workers processes)")

    def output_file(p: argparse.ArgumentParser) -> None:
        p.add_argument("-o", "--output", metavar="FILE",
                       help="write to FILE, replaced only when the run read an article and ended well "
                            "(default: standard output)")

    def incident_format(p: argparse.ArgumentParser, text: bool = False) -> None:
        p.add_argument("--format", choices=("geojson", "jsonl", "csv", "text") if text else ("geojson", "jsonl", "csv"),
                       default="geojson",
                       help="GeoJSON FeatureCollection, one JSON object per line, or CSV (ACLED's columns first)"
                            + ("; 'text' is for a person: per article, each incident as it reports it (unmerged) "
                               "with the rules and words behind its type, place, date and casualties, its actors and "
                               "quote (not with --store or Dask)" if text else ""))
        p.add_argument("--explain", action="store_true",
                       help="add the ids of the rules behind each incident's type, place, date and counts: the "
                            "fields rules, rule_type, rule_place, rule_date, rule_counts (in every format)")

    store_kinds = ": a SQLite file, or postgresql://USER@HOST/DB (PostGIS; pip install 'geomap[team]')"

    p = command(sub, "map", "write OUTDIR/map.html, OUTDIR/incidents.geojson and OUTDIR/incidents.csv "
                            "(all three replaced together)")
    inputs(p, nargs="*")
    engines(p)
    p.add_argument("-o", "--output", default="output", metavar="OUTDIR", help="output folder")
    p.add_argument("--title", default="geomap incidents", help="map title")
    p.add_argument("--tiles", metavar="URL|osm", default=None,
                   help="add online map tiles above the built-in basemap: 'osm' for OpenStreetMap, or a URL "
                        "template with {z}/{x}/{y}; where tiles cannot load, the offline basemap still shows "
                        "(default: none, the map makes no network request)")
    p.add_argument("--overlay", metavar="FILE.geojson", action="append", default=[],
                   help="draw a GeoJSON file (front lines, areas of control...) under the incidents, with its "
                        "properties in a popup and a toggle in the Layers panel; repeatable")
    p.add_argument("--offline", action="store_true",
                   help="accepted for old scripts; every map is already one self-contained HTML file that works "
                        "with no network (Leaflet, plugins, basemap and labels inlined)")
    p.add_argument("--store", metavar="STORE",
                   help="incident store (a SQLite file, or a postgresql:// URL) to add the inputs to and map from; "
                        "with no INPUT, map what it holds")
    p.set_defaults(func=cmd_map)

    p = command(sub, "places", "JSON Lines of resolved places, one line per article")
    inputs(p)
    p.add_argument("--given-spans", action="store_true",
                   help="resolve exactly the toponym spans given in each JSONL line ('toponyms': [{start, end}])")
    workers(p)
    output_file(p)
    p.set_defaults(func=cmd_places)

    p = command(sub, "incidents", "the incidents as GeoJSON, JSON Lines or CSV")
    inputs(p)
    engines(p)
    incident_format(p, text=True)
    p.add_argument("--no-merge", action="store_true",
                   help="every incident as each article reports it, written as soon as the article is read "
                        "(streams: memory stays flat however large the input)")
    p.add_argument("--store", metavar="STORE", help=f"incident store to add to and read from{store_kinds}")
    output_file(p)
    p.set_defaults(func=cmd_incidents)

    p = command(sub, "export", "the merged incidents of a store, read no input")
    p.add_argument("--store", metavar="STORE", required=True, help=f"the incident store to read{store_kinds}")
    incident_format(p)
    output_file(p)
    p.set_defaults(func=cmd_export)

    p = command(sub, "watch", "follow feeds (RSS, Atom, JSON Feed, OPML lists): fetch each new article, add its "
                              "incidents to the store; a round every --every, or one with --once (for cron)")
    p.add_argument("feeds", nargs="+", metavar="FEED_OR_OPML",
                   help="feed URLs, OPML files or URLs listing feeds, or local feed files")
    p.add_argument("--store", metavar="STORE", required=True,
                   help="the incident store to add to (it also remembers the feeds and entries read)" + store_kinds)
    p.add_argument("--every", default="15m", metavar="DURATION", help="time between rounds: 90s, 15m, 1h")
    p.add_argument("--once", action="store_true",
                   help="one round, then exit (status 1 if a feed failed or a page could not be read)")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="at least this long between two requests to one site (robots.txt Crawl-delay may ask more)")
    p.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                   help="give up on a site that does not answer within this long (then retried with backoff)")
    p.add_argument("--retries", type=int, default=2, metavar="N",
                   help="further tries after a network error, 429 or 5xx")
    p.add_argument("--max-page-mb", type=float, default=5.0, metavar="MB", help="refuse larger pages and feeds")
    p.add_argument("--ignore-robots", action="store_true",
                   help="fetch pages that the site's robots.txt disallows (the default obeys it)")
    p.set_defaults(func=cmd_watch)

    p = command(sub, "serve", "a read-only web app over a store: the map (updated live), GET /api/incidents, "
                              "/api/incidents/ID, /api/articles/ID, /api/events (server-sent events)")
    p.add_argument("--store", metavar="STORE", required=True, help=f"the incident store to serve{store_kinds}")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on; any other than this machine's loopback requires --token")
    p.add_argument("--port", type=int, default=8000, help="TCP port (0: any free port)")
    p.add_argument("--token", metavar="T",
                   help="require 'Authorization: Bearer T' on every request (a browser: open /?token=T once); "
                        "also read from GEOMAP_TOKEN")
    p.add_argument("--title", default="geomap incidents", help="map title")
    p.set_defaults(func=cmd_serve)

    st = command(sub, "store", "create or upgrade a store's schema, or count what it holds")
    ssub = st.add_subparsers(dest="store_command", required=True, metavar="ACTION", help="one of")
    p = command(ssub, "migrate", "create the schema, or bring it up to date; prints the versions before and after")
    p.add_argument("--store", metavar="STORE", required=True, help=f"the incident store{store_kinds}")
    p.set_defaults(func=cmd_store_migrate)
    p = command(ssub, "stats", "backend, schema version, articles, incidents (as stored and merged), feeds")
    p.add_argument("--store", metavar="STORE", required=True, help=f"the incident store{store_kinds}")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_store_stats)

    gaz = command(sub, "gazetteer", "look up, describe or build the local gazetteer")
    gsub = gaz.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION", help="one of")
    p = command(gsub, "lookup", "candidates for a name, best first, as JSON Lines (exit status 1 when none)")
    p.add_argument("name", help="a place name in any of its spellings")
    p.add_argument("--country", metavar="CC", help="only places in this country (ISO 3166-1 alpha-2 code, e.g. UA)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N candidates (0: all)")
    p.set_defaults(func=cmd_lookup)
    p = command(gsub, "info", "counts, sources and dates of the index")
    p.set_defaults(func=cmd_info)
    p = command(gsub, "build", "(re)build the index from the bundled sources (about 35 s on 2 cores)")
    p.add_argument("--add", action="append", default=[], metavar="FILE", help="extra rows in GeoNames TSV format")
    p.add_argument("--geonames", metavar="FILE", help="a full GeoNames dump (allCountries.txt or .zip)")
    p.add_argument("--data-dir", metavar="DIR", help="where to write the index (default: GEOMAP_DATA_DIR or cache)")
    p.set_defaults(func=cmd_build)

    ev = command(sub, "eval", "measure against annotated corpora")
    esub = ev.add_subparsers(dest="eval_command", required=True, metavar="WHAT", help="what to measure")
    p = command(esub, "places", "recognition P/R/F1 and resolution accuracy on a corpus (JSONL)")
    p.add_argument("corpus", help="JSONL, one document a line with its gold toponyms")
    p.add_argument("--given-spans", action="store_true", help="resolution only, on the gold spans")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N documents only (default: all)")
    p.set_defaults(func=cmd_eval_places)
    p = command(esub, "incidents", "incident precision/recall and field accuracy on a gold file (seeds' format)")
    p.add_argument("gold", metavar="GOLD.json", help="gold file; the articles it names lie next to it")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_eval_incidents)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.ERROR if args.quiet else logging.WARNING
    handler = ProgressHandler()
    logging.basicConfig(level=level, format="geomap: %(message)s", handlers=[handler])
    run = _Run(quiet=args.quiet, handler=handler)
    handler.addFilter(run.count_warning)
    try:
        return args.func(args, run)
    except NothingRead as e:
        run.progress.clear()
        print(f"geomap: {e}", file=sys.stderr)
        return 1
    except GeomapError as e:
        run.progress.clear()
        print(f"geomap: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (`| head`): say nothing, and let nothing complain at exit either
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        run.progress.clear()
        print("geomap: interrupted", file=sys.stderr)
        return 130
