"""What the date readers return: :class:`PartialDate`, :class:`DateRange`, :class:`TimeOfDay`.

A :class:`PartialDate` is a calendar date known to some precision (a year, a month, a day or an
hour), with its XML Schema lexical form and the first and last instants it covers. Years are
astronomical (1 BC is year 0) on the proleptic Gregorian calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DateParseError

__all__ = ["PartialDate", "DateRange", "TimeOfDay"]

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    """Proleptic Gregorian leap year, astronomical numbering (year 0 is a leap year)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_length(year: int, month: int) -> int:
    return 29 if month == 2 and _is_leap(year) else _DAYS_IN_MONTH[month - 1]


def _year_text(year: int) -> str:
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to some precision: a year, a month, a day, or an hour.

    ``year`` is astronomical (1 BC = 0). Fields below the precision are ``None``; a minute
    needs an hour, an hour a day, a day a month. Ordering compares fields in order, so it
    is only meaningful between dates of the same precision.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    decade: bool = False  # "1230s": the ten years from ``year`` (a multiple of ten), nothing finer

    def __post_init__(self) -> None:
        if self.decade and (self.month is not None or self.year % 10):
            raise DateParseError(f"a decade starts a year that is a multiple of ten and has no month: {self!r}")
        if self.month is None and self.day is not None:
            raise DateParseError(f"a day needs a month: {self!r}")
        if self.day is None and self.hour is not None:
            raise DateParseError(f"an hour needs a day: {self!r}")
        if self.hour is None and self.minute is not None:
            raise DateParseError(f"a minute needs an hour: {self!r}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateParseError(f"month out of range 1-12: {self!r}")
        if self.day is not None and not 1 <= self.day <= _month_length(self.year, self.month or 1):
            raise DateParseError(f"day out of range for its month: {self!r}")
        if self.hour is not None and not 0 <= self.hour <= 23:
            raise DateParseError(f"hour out of range 0-23: {self!r}")
        if self.minute is not None and not 0 <= self.minute <= 59:
            raise DateParseError(f"minute out of range 0-59: {self!r}")
        if not -9999 <= self.year <= 9999:
            raise DateParseError(f"year out of range -9999..9999: {self!r}")

    @property
    def precision(self) -> str:
        """``"decade"``, ``"year"``, ``"month"``, ``"day"`` or ``"hour"`` (a minute counts as hour)."""
        if self.decade:
            return "decade"
        if self.hour is not None:
            return "hour"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def xsd_type(self) -> str:
        """The XML Schema type of :meth:`iso`: gYear, gYearMonth, date or dateTime."""
        return {"decade": "gYear", "year": "gYear", "month": "gYearMonth", "day": "date", "hour": "dateTime"}[
            self.precision
        ]

    def iso(self) -> str:
        """The lexical form for :meth:`xsd_type`: ``2009``, ``-0497``, ``2009-07``, ``2009-07-04``,
        ``2009-07-04T03:00:00``; a decade is written with its first year (``1230`` for the 1230s:
        XML Schema has no decade type, the precision says it)."""
        out = _year_text(self.year)
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.hour is not None:
            out += f"T{self.hour:02d}:{self.minute or 0:02d}:00"
        return out

    def _bounds(self) -> tuple[tuple[int, int, int, int, int, int], tuple[int, int, int, int, int, int]]:
        if self.decade:
            return (self.year, 1, 1, 0, 0, 0), (self.year + 9, 12, 31, 23, 59, 59)
        month_lo, month_hi = (self.month, self.month) if self.month is not None else (1, 12)
        day_lo, day_hi = (self.day, self.day) if self.day is not None else (1, _month_length(self.year, month_hi))
        hour_lo, hour_hi = (self.hour, self.hour) if self.hour is not None else (0, 23)
        minute_lo, minute_hi = (self.minute, self.minute) if self.minute is not None else (0, 59)
        return (
            (self.year, month_lo, day_lo, hour_lo, minute_lo, 0),
            (self.year, month_hi, day_hi, hour_hi, minute_hi, 59),
        )

    def earliest(self) -> str:
        """The first instant covered, as xsd:dateTime: 2009-07 -> ``2009-07-01T00:00:00``."""
        return _instant(self._bounds()[0])

    def latest(self) -> str:
        """The last instant covered, as xsd:dateTime: 2009-07 -> ``2009-07-31T23:59:59``."""
        return _instant(self._bounds()[1])


def _instant(t: tuple[int, int, int, int, int, int]) -> str:
    return f"{_year_text(t[0])}-{t[1]:02d}-{t[2]:02d}T{t[3]:02d}:{t[4]:02d}:{t[5]:02d}"


_ORDER = {"hour": 3, "day": 2, "month": 1, "year": 0, "decade": -1}


@dataclass(frozen=True, slots=True)
class DateRange:
    """One date or range as written: ``end`` equals ``start`` for a single date and is
    ``None`` when the range is ongoing (``– present``). ``within``: the range bounds one moment
    ("Between 2 and 3am" the raid began), it does not span from its start to its end."""

    start: PartialDate
    end: PartialDate | None
    ongoing: bool = False
    approximate: bool = False
    label: str | None = None
    calendar: str | None = None
    text: str = ""
    begin: int = 0
    stop: int = 0
    within: bool = False

    @property
    def precision(self) -> str:
        """The coarser of the start and end precisions."""
        if self.end is None:
            return self.start.precision
        return min(self.start.precision, self.end.precision, key=_ORDER.__getitem__)


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """A clock time or a span of clock times found in a sentence (24-hour values).

    ``minutes``: the minutes are written ("3:30am", "19:00", "noon"), else the time is an hour
    ("4am" is the hour from 04:00 to 04:59). ``within``: a range after "between" bounds one
    moment ("Between 2 and 3am"), where "from 11 to 1pm" spans from one time to the other."""

    start_hour: int
    start_minute: int
    end_hour: int | None
    end_minute: int | None
    text: str
    begin: int
    stop: int
    minutes: bool = True
    within: bool = False
