"""Literals of the article graphs that need care: build times, dates before year 1."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime

__all__ = ["generated_at"]


class _NegativeYearFilter(logging.Filter):
    """rdflib logs a traceback for every xsd:date or dateTime before year 1 (valid XSD 1.1, e.g.
    ``-0497-01-01T00:00:00`` or year ``0000``, 1 BC) because Python's datetime cannot hold it; the literal itself is kept
    as written. Drop exactly those records, nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Failed to convert Literal lexical form") and record.exc_info:
            exc = record.exc_info[1]
            return not (exc is not None and ("'-" in str(exc) or "year 0 is out of range" in str(exc)))
        return True


logging.getLogger("rdflib.term").addFilter(_NegativeYearFilter())


def generated_at() -> datetime:
    """Now (UTC), or the time in ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC).replace(microsecond=0)
