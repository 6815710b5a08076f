"""One error hierarchy; each also subclasses the matching built-in."""
from __future__ import annotations


class GeomapError(Exception):
    """Base of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """An input that cannot be read as an article; the message names the path (and line)."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class GazetteerError(GeomapError, OSError):
    """The gazetteer index is missing, unreadable or cannot be built."""


class QueryError(GeomapError, ValueError):
    """A gazetteer query that cannot be answered (empty, too long, control characters)."""


class OutputError(GeomapError, OSError):
    """An output path that cannot be written."""


class TaxonomyError(GeomapError, ValueError):
    """An event type or sub-event type that is not ACLED's (the message names the valid ones)."""
