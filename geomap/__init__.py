"""geomap: news articles -> places, incidents, a map and GeoJSON; fully offline."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "parse"]


def parse(text: str, published=None):  # noqa: ANN001 - thin lazy wrapper
    """Find and resolve every place in ``text``; see :func:`geomap.pipeline.parse`."""
    from geomap.pipeline import parse as _parse

    return _parse(text, published=published)
