"""The exception tree of kg.

Every error the library raises on bad input derives from :class:`KgError`, itself a
``ValueError``. Messages are one line, carry the offending value, and say how to fix it;
the CLI prints them as they are.
"""
from __future__ import annotations

__all__ = [
    "KgError",
    "ArticleError",
    "ParseError",
    "QuantityParseError",
    "DateParseError",
    "NameParseError",
    "PlaceParseError",
    "ResultParseError",
    "ResourceError",
    "ValidationFailed",
    "QueryError",
    "StoreError",
    "ExportError",
    "OutputError",
    "StoreDamaged",
]


class KgError(ValueError):
    """Base class of every error kg raises on bad input or bad configuration."""


class ArticleError(KgError):
    """The article cannot be read: missing, not text, or not in the article format."""


class ParseError(KgError):
    """A value parser could not read a value."""


class QuantityParseError(ParseError):
    """No figure could be read from a quantity value."""


class DateParseError(ParseError):
    """No date could be read from a date value."""


class NameParseError(ParseError):
    """No name could be read from a person value."""


class PlaceParseError(ParseError):
    """No place could be read from a place value."""


class ResultParseError(ParseError):
    """No outcome could be read from a result value."""


class ResourceError(KgError):
    """A shipped resource (shapes, queries, lexicons, mapping) is missing or malformed."""


class ValidationFailed(KgError):
    """The graph violates at least one SHACL constraint."""


class QueryError(KgError):
    """A stored query is unknown, malformed, or was given bad parameters."""


class StoreError(KgError):
    """A triplestore could not be opened, written or read."""


class ExportError(KgError):
    """A graph could not be exported in the requested format."""


class OutputError(ExportError):
    """An output path cannot be written: a directory, a missing folder, or one of the inputs."""


class StoreDamaged(StoreError):
    """The files of the embedded store are damaged (not a store kg or Oxigraph can read)."""
