"""geomap: news articles -> places, incidents, a map and GeoJSON; fully offline."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["LocalGazetteer", "__version__", "parse"]

if TYPE_CHECKING:  # pragma: no cover
    from geomap.geocoder import LocalGazetteer
    from geomap.pipeline import ParseResult


def parse(text: str, published: Any = None) -> ParseResult:
    """Find and resolve every place in ``text``; see :func:`geomap.pipeline.parse`."""
    from geomap.pipeline import parse as _parse

    return _parse(text, published=published)


def __getattr__(name: str) -> Any:  # lazy, so that importing geomap loads neither geopy nor the gazetteer
    if name == "LocalGazetteer":
        from geomap.geocoder import LocalGazetteer

        return LocalGazetteer
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
