"""The ``geomap`` command line: argparse front end, exit codes, one-line errors."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from geomap import __version__
from geomap.errors import GeomapError, InputError
from geomap.progress import Progress, ProgressHandler, Tally, estimate_total, reason_category

log = logging.getLogger("geomap")


class _Run:
    """Per-invocation bookkeeping: bad inputs reported, counts for the summary, the progress line."""

    def __init__(self, *, quiet: bool = False, handler: ProgressHandler | None = None) -> None:
        self.skipped = 0
        self.articles = 0
        self.places = 0
        self.reports = 0  # incidents as extracted, before merging
        self.reasons = Tally()
        self.quiet = quiet
        self.handler = handler
        self.progress = Progress(enabled=False)
        self.started = time.perf_counter()

    def report(self, error: InputError) -> None:
        from geomap.readers import BadPublishedDate

        self.progress.clear()
        if isinstance(error, BadPublishedDate):  # the article is still read, with the default date
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

    def skipped_text(self) -> str:
        return f"{self.skipped} skipped: {self.reasons.summary()}" if self.skipped else "0 skipped"

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
    out = sys.stdout
    if args.given_spans:
        from geomap.pipeline import default_geoparser

        parser = default_geoparser()
        for path in args.inputs:
            for number, obj in _jsonl_objects(path, run):
                spans = [(int(t["start"]), int(t["end"])) for t in obj.get("toponyms", [])]
                text = obj["text"]
                if any(not (0 <= s < e <= len(text)) for s, e in spans):
                    run.report(InputError(path, "a toponym span lies outside the text", number))
                    continue
                resolutions = parser.resolve_spans(text, spans)
                out.write(json.dumps({"id": str(obj.get("id", number)), "places": [_place_json(r) for r in
                                                                                   resolutions]},
                                     ensure_ascii=False) + "\n")
        return 1 if run.skipped else 0
    for result in _results(args, run, resolutions=True):
        if not result.error:
            out.write(json.dumps({"id": result.id, "places": [_place_json(r) for r in result.resolutions]},
                                 ensure_ascii=False) + "\n")
    return 1 if run.skipped else 0


def _jsonl_objects(path: str, run: _Run) -> Iterator[tuple[int, dict]]:
    try:
        handle = open(path, encoding="utf-8")
    except OSError as e:
        run.report(InputError(path, e.strerror or str(e)))
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                run.report(InputError(path, f"not JSON ({e.msg})", number))
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                run.report(InputError(path, "a line needs an object with a 'text' string", number))
                continue
            yield number, obj


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
    from geomap.store import IncidentStore

    return IncidentStore(path)


def _text_view(args: argparse.Namespace, run: _Run) -> None:
    """--format text: each article's incidents as it reports them (unmerged), in words, as soon as it is read."""
    from geomap.explain import explain_article

    for flag, used in (("--store", args.store), ("--engine dask", _engine(args) == "dask")):
        if used:
            raise GeomapError(f"--format text prints its own text from the inputs: use it without {flag}")
    for result in _results(args, run, resolutions=True):
        if not result.error and result.article is not None:
            sys.stdout.write(explain_article(result.article, result.incidents, result.resolutions))


def cmd_incidents(args: argparse.Namespace, run: _Run) -> int:
    from geomap.export import to_stream

    fmt = args.format or "geojson"
    text = fmt == "text"
    if text:
        _text_view(args, run)
    elif not args.no_merge:
        incidents = _incidents(args, run)
        to_stream(incidents, fmt, sys.stdout, args.explain)
    elif _engine(args) == "dask":
        to_stream(_dask_incidents(args, run, merge=False), fmt, sys.stdout, args.explain)
    else:  # streamed: each article's incidents are written as soon as it is read
        store = _open_store(args)
        try:
            to_stream(_reports(args, run, store), fmt, sys.stdout, args.explain)
        finally:
            if store is not None:
                store.close()
    sys.stdout.flush()
    if not args.quiet:
        unmerged = args.no_merge or text
        count = f"{run.reports} incidents (unmerged)" if unmerged else f"{len(incidents)} incidents"
        print(f"geomap: {run.articles} articles ({run.skipped_text()}), {run.places} places, {count} "
              f"in {run.seconds():.1f} s", file=sys.stderr)
    return 1 if run.skipped else 0


def cmd_map(args: argparse.Namespace, run: _Run) -> int:
    from geomap.export import write_csv, write_geojson
    from geomap.render import render_map

    outdir = Path(args.output)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GeomapError(f"{outdir}: cannot create the output folder ({e.strerror})") from None
    try:  # before the work, not after it
        tempfile.TemporaryFile(dir=outdir).close()
    except OSError as e:
        raise GeomapError(f"{outdir}: cannot write in the output folder ({e.strerror})") from None
    incidents = _incidents(args, run)
    outlines = None
    if args.offline:
        from geomap.gazetteer import default_gazetteer

        outlines = default_gazetteer().outlines_geojson("country")
    map_path, geojson_path = outdir / "map.html", outdir / "incidents.geojson"
    write_geojson(incidents, geojson_path)
    write_csv(incidents, outdir / "incidents.csv")
    render_map(incidents, map_path, title=args.title or "geomap incidents", offline=args.offline,
               outlines=outlines)
    print(f"{run.articles} articles ({run.skipped_text()}), {run.places} places, {len(incidents)} incidents "
          f"in {run.seconds():.1f} s -> {map_path}, {geojson_path}")
    return 1 if run.skipped else 0


def cmd_lookup(args: argparse.Namespace, run: _Run) -> int:
    from geomap.gazetteer import default_gazetteer

    for place in default_gazetteer().lookup(args.name, country=args.country, limit=args.limit):
        row = {"geonameid": place.geonameid, "name": place.name, "feature": place.feature,
               "country": place.country_code, "region": place.admin1, "population": place.population,
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
    print(f"built {report.path}: {sum(report.counts.values()):,} places {report.counts}, {report.names:,} names "
          f"in {report.seconds:.1f} s")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="News articles -> places, incidents, a map.")
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to standard error")
    parser.add_argument("-q", "--quiet", action="store_true", help="only errors on standard error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, or - for standard input")
        p.add_argument("--published", metavar="DATE", help="publication date for articles without one (ISO 8601)")

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

    p = sub.add_parser("map", help="write OUTDIR/map.html and OUTDIR/incidents.geojson")
    inputs(p)
    engines(p)
    p.add_argument("-o", "--output", default="output", metavar="OUTDIR", help="output folder (default: output)")
    p.add_argument("--title", help="map title")
    p.add_argument("--offline", action="store_true", help="one self-contained HTML file, no network at all")
    p.add_argument("--store", metavar="PATH", help="SQLite incident store to add to and map from")
    p.set_defaults(func=cmd_map)

    p = sub.add_parser("places", help="JSON Lines of resolved places, one line per article")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--published", metavar="DATE")
    p.add_argument("--given-spans", action="store_true", help="resolve the toponym spans given in JSONL input")
    workers(p)
    p.set_defaults(func=cmd_places)

    p = sub.add_parser("incidents", help="the incidents as GeoJSON, JSON Lines or CSV")
    inputs(p)
    engines(p)
    p.add_argument("--format", choices=("geojson", "jsonl", "csv", "text"), default=None,
                   help="output format (default: geojson); 'text' is for a person: per article, each incident as "
                        "it reports it (unmerged) with the rules and words behind its type, place, date and "
                        "casualties, its actors and quote (not with --store or Dask)")
    p.add_argument("--explain", action="store_true",
                   help="add the ids of the rules behind each incident's type, place, date and counts: the "
                        "fields rules, rule_type, rule_place, rule_date, rule_counts (in every format)")
    p.add_argument("--no-merge", action="store_true",
                   help="every incident as each article reports it, written as soon as the article is read "
                        "(streams: memory stays flat however large the input)")
    p.add_argument("--store", metavar="PATH", help="SQLite incident store to add to and read from")
    p.set_defaults(func=cmd_incidents)

    gaz = sub.add_parser("gazetteer", help="look up, describe or build the local gazetteer")
    gsub = gaz.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")
    p = gsub.add_parser("lookup", help="candidates for a name, best first")
    p.add_argument("name")
    p.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 code")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.set_defaults(func=cmd_lookup)
    p = gsub.add_parser("info", help="counts, sources and dates of the index")
    p.set_defaults(func=cmd_info)
    p = gsub.add_parser("build", help="(re)build the index from the bundled sources")
    p.add_argument("--add", action="append", default=[], metavar="FILE", help="extra rows in GeoNames TSV format")
    p.add_argument("--geonames", metavar="FILE", help="a full GeoNames dump (allCountries.txt or .zip)")
    p.add_argument("--data-dir", metavar="DIR", help="where to write the index (default: GEOMAP_DATA_DIR or cache)")
    p.set_defaults(func=cmd_build)

    ev = sub.add_parser("eval", help="measure against annotated corpora")
    esub = ev.add_subparsers(dest="eval_command", required=True, metavar="WHAT")
    p = esub.add_parser("places", help="recognition P/R/F1 and resolution accuracy on a corpus (JSONL)")
    p.add_argument("corpus")
    p.add_argument("--given-spans", action="store_true", help="resolution only, on the gold spans")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N documents only")
    p.set_defaults(func=cmd_eval_places)
    p = esub.add_parser("incidents", help="incident precision/recall and field accuracy on a gold file (seeds' format)")
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
    try:
        return args.func(args, run)
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
