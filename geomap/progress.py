"""A progress line on standard error (articles, rate, ETA), and the run's counts for the summary line.

No third-party dependency: one line redrawn with a carriage return, at most ten times a second, shown only
when the stream is a terminal. Messages printed while it is shown go through :meth:`Progress.clear` first.
"""
from __future__ import annotations

import logging
import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from geomap.readers import SUFFIXES

__all__ = ["Progress", "ProgressHandler", "Tally", "estimate_total", "format_duration", "reason_category"]

_SAMPLE = 1 << 20  # bytes of a large JSONL file read to estimate its number of lines
_EXACT_BELOW = 8 << 20  # smaller JSONL files have their lines counted


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _jsonl_lines(path: str) -> int:
    """The lines of a JSONL file: counted when small, else estimated from the first megabyte."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a named pipe or a device: never read here (the readers refuse or read it)
            return 1
        size = info.st_size
        with open(path, "rb") as f:
            if size <= _EXACT_BELOW:
                return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(_SAMPLE), b"")) or 1
            sample = f.read(_SAMPLE)
    except OSError:
        return 0
    newlines = sample.count(b"\n")
    return max(1, round(size * newlines / len(sample))) if newlines else 1


def estimate_total(inputs: Iterable[str]) -> int | None:
    """About how many articles the inputs hold (files counted, JSONL lines estimated); None for stdin."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        if os.path.isdir(name):
            for folder, dirs, files in os.walk(name):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    suffix = os.path.splitext(f)[1].lower()
                    if f.startswith(".") or suffix not in SUFFIXES:
                        continue
                    total += _jsonl_lines(os.path.join(folder, f)) if SUFFIXES[suffix] == "jsonl" else 1
        elif SUFFIXES.get(os.path.splitext(name)[1].lower()) == "jsonl":
            total += _jsonl_lines(name)
        else:
            total += 1
    return total


def reason_category(reason: str) -> str:
    """A bad input's reason without its details: "malformed JSON: Expecting value (column 1)" ->
    "malformed JSON", for counting in the summary."""
    return reason.split(":", 1)[0].split(" (", 1)[0].strip() or reason


class Progress:
    """``1,234/5,000 articles  85.3/s  ETA 0:44`` on one line of a terminal; silent elsewhere."""

    def __init__(self, total: int | None = None, *, stream: TextIO | None = None, enabled: bool | None = None,
                 unit: str = "articles", interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = enabled
        self.total = total
        self.unit = unit
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            now = time.monotonic()
            if now - self._drawn >= self.interval:
                self._drawn = now
                self._draw(self.line(now))

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        total = self.total if self.total and self.total >= self.done else None
        text = f"{self.done:,}/{total:,} {self.unit}" if total else f"{self.done:,} {self.unit}"
        text += f"  {rate:,.1f}/s  {format_duration(elapsed)}"
        if total and rate > 0:
            text += f"  ETA {format_duration((total - self.done) / rate)}"
        return text

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        """Erase the line (before printing a message, and at the end)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
            self._drawn = 0.0

    def close(self) -> None:
        self.clear()
        self.enabled = False


class ProgressHandler(logging.StreamHandler):
    """A logging handler that erases the progress line before each record."""

    def __init__(self, progress: Progress | None = None, stream: TextIO | None = None) -> None:
        super().__init__(stream or sys.stderr)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        if self.progress is not None:
            self.progress.clear()
        super().emit(record)


class Tally(Counter):
    """Skipped inputs counted by reason category ("2 malformed JSON, 1 not a text file")."""

    def summary(self) -> str:
        return ", ".join(f"{n} {reason}" for reason, n in self.most_common())
