"""Run the pipeline over many articles: in this process, on all cores, or on a Dask cluster.

One function does the work for one article, :func:`analyse` (recognize + resolve + extract incidents);
the engines only decide where it runs:

- :func:`process` streams articles in and :class:`ArticleResult` objects out, in input order. With
  ``workers > 1`` the articles go in chunks to a pool of forked worker processes, each of which opens its
  own geoparser once (its own SQLite connection and name index), not once per article. At most
  ``2 * workers`` chunks are in flight, so memory stays bounded however long the input is
  (``multiprocessing.Pool.imap`` would read the whole input ahead in its feeder thread).
- :func:`process_dask` runs the same function on a Dask cluster (``dask.distributed``) over sharded JSON
  Lines, one partition per shard, and returns the merged incidents, equal to what one process gives.

A bug on one article does not end a run of a million: the article comes back with ``error`` set (reported
and counted as skipped); a missing gazetteer or a dead worker process still stops the run.

Workers end with their parent, however it ends (Ctrl-C, SIGTERM, SIGKILL, a crash): on Linux the kernel sends
them SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``, set as each worker starts); elsewhere a thread in
each worker checks every second that its parent is still there. The number of workers is capped at
:func:`max_workers` (4 per core: the work is CPU-bound, and each worker holds its own name index, about 100 MB),
with a message on standard error.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

from typing import TYPE_CHECKING, Any

from geomap.errors import GazetteerError, GeomapError, InputError
from geomap.model import Article, Incident, Resolution

if TYPE_CHECKING:
    from geomap.pipeline import Geoparser

__all__ = ["ArticleResult", "DaskStats", "LARGE", "WINDOW", "WORKERS_PER_CORE", "analyse", "cap_workers",
           "max_workers", "process", "process_dask", "shard_paths", "windows"]

log = logging.getLogger("geomap.runner")

ErrorHandler = Callable[[InputError], None]


@dataclass(frozen=True)
class ArticleResult:
    """What one article gave: who it is, how many places, its incidents (and, on request, the resolutions).

    ``error`` is set (and the rest empty) when the pipeline failed on the article. ``article`` is the article
    itself, body included, when the result was made in the process that read it; it takes no part in
    comparisons and never travels between processes.
    """

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.datetime | None
    path: str | None
    places: int = 0
    incidents: tuple[Incident, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    error: str | None = None
    article: Article | None = field(default=None, compare=False, repr=False)

    @classmethod
    def empty(cls, article: Article, **values: object) -> ArticleResult:
        return cls(article.id, article.title, article.url, article.source, article.published, article.path,
                   **values)  # type: ignore[arg-type]

    def input_error(self) -> InputError:
        """The failure as an InputError naming the article's path and id, for the usual reporting."""
        return InputError(self.path or "<input>", f"article {self.id!r} {self.error or 'failed'}")


# ---------------------------------------------------------------- the per-article function

_worker_parser: Geoparser | None = None  # the geoparser of a worker process (set by _init_worker); None in the main process
_worker_error: BaseException | None = None


def _parser() -> Geoparser:
    if _worker_error is not None:
        raise _worker_error
    if _worker_parser is not None:
        return _worker_parser
    from geomap.pipeline import default_geoparser

    return default_geoparser()


#: Bodies longer than this (characters) are read in windows of about WINDOW characters (see _analyse_large).
LARGE = 200_000
WINDOW = 32_768


def analyse(article: Article, *, resolutions: bool = False) -> ArticleResult:
    """Recognize and resolve the places of one article and extract its incidents.

    The geoparser is the process's own (loaded once per process). ``resolutions=True`` keeps every
    resolution in the result (for ``places`` output or the store); otherwise only their count.
    """
    parser = _parser()
    found_resolutions: Sequence[Resolution]
    try:
        if len(article.body) > LARGE:
            found_resolutions, found = _analyse_large(parser, article)
        else:
            found_resolutions, found = _analyse_text(parser, article)
    except (GazetteerError, MemoryError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - a bug on one article must not end the whole run
        log.debug("article %s failed", article.id, exc_info=True)
        return ArticleResult.empty(article, error=f"could not be processed ({type(e).__name__}: {e})")
    return ArticleResult.empty(article, places=len(found_resolutions), incidents=tuple(found),
                               resolutions=tuple(found_resolutions) if resolutions else ())


def _analyse_text(parser: Geoparser, article: Article) -> tuple[Sequence[Resolution], list[Incident]]:
    from geomap.incidents import extract_incidents

    parsed = parser.parse(article.body)
    return parsed.resolutions, extract_incidents(article, parsed.resolutions)


def windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """Consecutive (start, end) spans covering ``text``, each at most ``size`` characters, cut at the last
    paragraph break, else line break, else sentence end, else space in the second half of the window."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            half = start + size // 2
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, half, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        yield start, end
        start = end


def _analyse_large(parser: Geoparser, article: Article) -> tuple[list[Resolution], list[Incident]]:
    """A very long body (a dump, a book: not an article) read window by window, so that the time stays linear.

    Each window is read as an article of its own (the window's places are its context) whose offsets are
    then moved back into the whole body; incidents are looked for only in windows that name a place (an
    incident is always placed at a resolved place). Event ids stay unique: a window's id is the article's
    id with the window's offset.
    """
    from geomap.incidents import extract_incidents

    body = article.body
    found_resolutions: list[Resolution] = []
    found: list[Incident] = []
    for start, end in windows(body):
        part = replace(article, id=f"{article.id}@{start}" if start else article.id, body=body[start:end])
        parsed = parser.parse(part.body)
        found_resolutions += [replace(r, mention=replace(r.mention, start=r.mention.start + start,
                                                         end=r.mention.end + start)) for r in parsed.resolutions]
        if not parsed.resolutions:
            continue
        for inc in extract_incidents(part, parsed.resolutions):
            sources = tuple(replace(s, article_id=article.id) if s.article_id == part.id else s
                            for s in inc.sources)
            evidence = (inc.evidence[0] + start, inc.evidence[1] + start) if inc.evidence else None
            found.append(replace(inc, sources=sources, evidence=evidence))
    return found_resolutions, found


def _analyse_chunk(chunk: Sequence[Article], resolutions: bool) -> list[ArticleResult]:
    return [analyse(article, resolutions=resolutions) for article in chunk]


# ---------------------------------------------------------------- one machine

#: At most this many worker processes per core (see :func:`max_workers`).
WORKERS_PER_CORE = 4


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def max_workers() -> int:
    """The most worker processes a run starts: 4 per core available to this process."""
    return WORKERS_PER_CORE * _cores()


def cap_workers(workers: int, warn: Callable[[str], None] | None = None) -> int:
    """``workers`` capped at :func:`max_workers`; when capped, ``warn`` (default: print on standard error) gets
    one line saying so."""
    cap = max_workers()
    if workers <= cap:
        return workers
    message = (f"geomap: warning: --workers {workers} is more than {WORKERS_PER_CORE} per core "
               f"({_cores()} core{'s' if _cores() > 1 else ''} here): using {cap}")
    if warn is None:
        print(message, file=sys.stderr, flush=True)
    else:
        warn(message)
    return cap


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int | None) -> None:
    """Make this worker end when ``parent`` does: PR_SET_PDEATHSIG on Linux, else a watching thread."""
    if parent is None:
        return
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(1.0)

    threading.Thread(target=watch, name="geomap-parent-watch", daemon=True).start()


def _init_worker(parent: int | None = None) -> None:
    """Pool initializer: end with the parent, ignore Ctrl-C (the parent stops the pool) and open this worker's
    own geoparser.

    A fresh Gazetteer, not the parent's: an SQLite connection must not cross a fork. The name index is
    loaded here, once per worker.
    """
    global _worker_parser, _worker_error
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from geomap.gazetteer import Gazetteer, default_data_dir
        from geomap.pipeline import Geoparser

        # the parent has already built or checked the index (default_gazetteer()): no second freshness check here
        _worker_parser = Geoparser(Gazetteer(default_data_dir()))
        _worker_parser.parse("Kyiv")  # load the name index now
    except BaseException as e:  # noqa: BLE001 - raised again with the first chunk, in the parent
        _worker_error = e


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else None)


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while True:
        block = list(itertools.islice(items, size))
        if not block:
            return
        yield block


def process(articles: Iterable[Article], *, workers: int = 1, chunk: int = 64,
            resolutions: bool = False) -> Iterator[ArticleResult]:
    """Analyse every article; yield one :class:`ArticleResult` per article, in input order.

    ``workers > 1`` runs a pool of that many processes, fed ``chunk`` articles at a time, with at most
    ``2 * workers`` chunks in flight: the input is read lazily and memory stays bounded. Inputs of
    fewer than ``chunk`` articles are analysed in this process (starting workers would cost more).
    The results are the same whatever the number of workers.
    """
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers!r}")
    if chunk < 1:
        raise ValueError(f"chunk must be 1 or more, not {chunk!r}")
    workers = cap_workers(workers)
    stream = iter(articles)
    first = list(itertools.islice(stream, chunk)) if workers > 1 else []
    if workers == 1 or len(first) < chunk:
        for article in itertools.chain(first, stream):
            yield replace(analyse(article, resolutions=resolutions), article=article)
        return
    yield from _pooled(itertools.chain([first], _chunks(stream, chunk)), workers, resolutions)


def _pooled(blocks: Iterator[list[Article]], workers: int, resolutions: bool) -> Iterator[ArticleResult]:
    from geomap.gazetteer import default_gazetteer

    default_gazetteer()  # built here if missing, once, before the workers open it
    log.info("starting %d worker processes", workers)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker,
                               initargs=(os.getpid(),))
    pending: deque[tuple[list[Article], Future[list[ArticleResult]]]] = deque()
    finished = False
    try:
        for block in blocks:
            with _interrupts_to_this_thread(not pending):
                pending.append((block, pool.submit(_analyse_chunk, block, resolutions)))
            while len(pending) >= 2 * workers:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
        finished = True
    except BrokenProcessPool:
        raise GeomapError("a worker process died (out of memory?); try fewer --workers") from None
    finally:
        _stop(pool, finished)


@contextlib.contextmanager
def _interrupts_to_this_thread(starting: bool) -> Iterator[None]:
    """While ``starting`` the pool (its first task starts its helper threads), block Ctrl-C in this thread: the
    threads it starts inherit the mask, so the kernel can only deliver SIGINT to this one. Delivered to a helper,
    it left this thread asleep in a read from a pipe, and the run never stopped."""
    if not starting or not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a Ctrl-C meanwhile is raised here


def _collect(block: list[Article], future: Future[list[ArticleResult]]) -> Iterator[ArticleResult]:
    for article, result in zip(block, future.result(), strict=True):
        yield replace(result, article=article)


def _stop(pool: ProcessPoolExecutor, finished: bool) -> None:
    """Shut the pool down; when the run did not finish (Ctrl-C, an error, the consumer stopped), at once."""
    if finished:
        pool.shutdown(wait=True)
        return
    # no public way to stop busy workers before Python 3.14 (terminate_workers): the pool's own process table
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)


# ---------------------------------------------------------------- beyond one machine: Dask

@dataclass
class DaskStats:
    """Counts of a Dask run, for the summary line."""

    articles: int = 0
    places: int = 0
    skipped: int = 0


def shard_paths(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The JSONL shards an engine reads: files as given, folders walked (sorted) for ``*.jsonl``;
    URLs (``s3://...``) and glob patterns are passed to Dask as they are."""
    found: list[str] = []
    for item in inputs:
        name = os.fspath(item)
        if os.path.isdir(name):
            for folder, dirs, files in os.walk(name):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(folder, f) for f in sorted(files)
                          if f.lower().endswith(".jsonl") and not f.startswith(".")]
        else:
            found.append(name)
    return found


def _dask_partition(lines: Iterable[tuple[str, str]], published: dt.datetime | None) -> list[tuple[Any, ...]]:
    """One shard (its lines, decoded as latin-1 so that the bytes come back exactly) -> one summary record:
    ("stats", articles, places), ("error", InputError) and ("incidents", [...]) records."""
    from geomap.readers import BadPublishedDate, jsonl_articles

    errors: list[InputError] = []
    incidents: list[Incident] = []
    articles = places = 0
    items = iter(lines)
    first = next(items, None)
    if first is not None:
        path = first[1]
        raws = (line.encode("latin-1") for line, _path in itertools.chain([first], items))
        try:
            for article in jsonl_articles(raws, path, published=published, on_error=errors.append,
                                          sniff_first=True):
                result = analyse(article)
                if result.error:
                    errors.append(result.input_error())
                    continue
                articles += 1
                places += result.places
                incidents.extend(result.incidents)
        except InputError as e:  # a binary or empty shard
            errors.append(e)
    # errors travel as plain tuples: an InputError does not survive pickling (its __init__ takes three values)
    return [("stats", articles, places),
            *(("error", isinstance(e, BadPublishedDate), e.path, e.reason, e.line) for e in errors),
            ("incidents", incidents)]


def process_dask(paths: Iterable[str | os.PathLike[str]], address: str | None = None, *,
                 published: dt.datetime | None = None, on_error: ErrorHandler | None = None,
                 stats: DaskStats | None = None, workers: int | None = None, merge: bool = True
                 ) -> list[Incident]:
    """Every incident of sharded JSONL input, merged, computed on a Dask cluster.

    ``paths``: JSONL files (one partition each), folders of them, globs or URLs that Dask can read.
    ``address``: a running scheduler (``tcp://host:8786``); None starts a LocalCluster of ``workers``
    processes (default: all cores) for the call. Bad lines go to ``on_error`` (default: raise the first);
    ``stats`` receives the counts. The result equals ``merge_incidents`` over :func:`process` of the same
    articles (``merge=False``: every incident as reported, in shard and line order).
    """
    try:
        import dask.bag as db
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise GeomapError("the Dask engine needs dask.distributed: pip install 'geomap[dask]'") from None
    from geomap.merge import merge_incidents
    from geomap.readers import BadPublishedDate

    shards = shard_paths(paths)
    if not shards:
        raise GeomapError("no JSONL shards to read")
    for shard in shards:
        if "://" in shard or any(c in shard for c in "*?["):
            continue  # for Dask to expand and open
        if shard == "-":
            raise GeomapError("-: the Dask engine reads JSONL files, not standard input")
        if not os.path.isfile(shard):
            raise GeomapError(f"{shard}: no such file")
        if ".jsonl" not in os.path.basename(shard).lower():
            raise GeomapError(f"{shard}: the Dask engine reads JSONL shards (.jsonl); use --engine local")
    named = {os.path.abspath(s): s for s in shards if "://" not in s}  # report paths as the user gave them
    report = on_error or _raise
    stats = stats if stats is not None else DaskStats()
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=cap_workers(workers or _cores()), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(cluster if cluster is not None else address) as client:
            log.info("dask: %s, %d shards", client, len(shards))
            bag = db.read_text(shards, blocksize=None, encoding="latin-1", linedelimiter="\n", include_path=True)
            records = bag.map_partitions(_dask_partition, published).compute()
    except (OSError, TimeoutError) as e:
        raise GeomapError(f"dask: cannot reach the cluster at {address or 'a local cluster'} ({e})") from None
    finally:
        if cluster is not None:
            cluster.close()
    found: list[Incident] = []
    for record in records:
        if record[0] == "stats":
            stats.articles += record[1]
            stats.places += record[2]
        elif record[0] == "error":
            _kind, warning, path, reason, line = record
            stats.skipped += not warning
            report((BadPublishedDate if warning else InputError)(named.get(path, path), reason, line))
        else:
            found.extend(record[1])
    return merge_incidents(found) if merge else found


def _raise(error: InputError) -> None:
    raise error
