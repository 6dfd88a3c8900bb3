"""The time stamps of an event: SEM's begin, end and bounds, claiming no more than the text.

See docs/model.md ("Time"). A :class:`~kg.parse.date_types.DateRange` as the readers give it
becomes the stamps of a ``sem:Time``: :func:`time_stamps` and the precision they are written at,
:func:`stamps_precision`.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..parse.date_types import DateRange, PartialDate
from .namespaces import SEM

__all__ = ["STAMP_PROPERTIES", "date_literal", "time_stamps", "stamps_precision"]

_XSD_TYPE = {"gYear": XSD.gYear, "gYearMonth": XSD.gYearMonth, "date": XSD.date, "dateTime": XSD.dateTime}

STAMP_PROPERTIES: dict[str, URIRef] = {
    "begin": SEM.hasBeginTimeStamp,
    "end": SEM.hasEndTimeStamp,
    "earliest_begin": SEM.hasEarliestBeginTimeStamp,
    "latest_begin": SEM.hasLatestBeginTimeStamp,
    "earliest_end": SEM.hasEarliestEndTimeStamp,
    "latest_end": SEM.hasLatestEndTimeStamp,
}


def date_literal(date: PartialDate) -> Literal:
    """A date as written, typed by its precision (gYear, gYearMonth, date, dateTime)."""
    return Literal(date.iso(), datatype=_XSD_TYPE[date.xsd_type()])


def _instant(text: str) -> Literal:
    return Literal(text, datatype=XSD.dateTime)


def _day_of(p: PartialDate) -> PartialDate:
    return PartialDate(p.year, p.month, p.day) if p.hour is not None else p


def stamps_precision(rng: DateRange) -> str:
    """The precision of the begin and end stamps: a clock time never makes a stamp (see
    :func:`time_stamps`), so an hour counts as its day."""
    return "day" if rng.precision == "hour" else rng.precision


def time_stamps(rng: DateRange) -> dict[str, Literal]:
    """The stamps of a time (keys of :data:`STAMP_PROPERTIES`), claiming no more than the text:

    * the begin and end stamps are the dates as written, typed by their precision; a clock time
      is no stamp (XSD has no type for "the hour of 4am"): the stamps are its day;
    * the earliest begin and latest end are the first and last instants the dates allow (an hour
      written without minutes covers the hour: "4am" ends at 04:59:59; with minutes, the minute);
    * clock times bound what they date: one time, or a range read as bounds ("Between 3 and
      4am"), bounds the beginning (earliest and latest begin); a range from one time to another
      ("from 11am to 1pm") bounds the beginning by its first time and the end by its second
      (earliest and latest end). An event dated by the bounds of its beginning ends, at the
      latest, at the end of its day.
    """
    start, end = rng.start, rng.end
    out = {"begin": date_literal(_day_of(start)), "earliest_begin": _instant(start.earliest())}
    if end is not None:
        out["end"] = date_literal(_day_of(end))
    if start.hour is None:
        if end is not None:
            out["latest_end"] = _instant(end.latest())
        return out
    last = end or start
    if rng.within or last == start:  # the time (or the bounds) of the beginning
        out["latest_begin"] = _instant(last.latest())
        if end is not None:
            out["latest_end"] = _instant(_day_of(last).latest())
    else:  # from one time to another: the beginning, then the end
        out["latest_begin"] = _instant(start.latest())
        out["earliest_end"] = _instant(last.earliest())
        out["latest_end"] = _instant(last.latest())
    return out
