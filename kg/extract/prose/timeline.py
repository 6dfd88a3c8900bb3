"""The dates of a narrative: absolute, yearless, month-only and relative dates, and times of day.

The reader walks the prose in order and keeps a running *anchor* (the date the narrative is at):

* absolute dates (``On June 11, 2009``, ``in March 2012``) are read by
  :func:`kg.parse.dates.find_dates` with their own precision, and set the year of context;
* a date without a year (``on June 16``) takes the year of context (the last year written,
  else the main event's year);
* relative times (``the next day``, ``the following night``, ``two days later``) move from the
  anchor by the amounts of ``data/lexicons/relative_time.toml``; they need an anchor precise
  enough (a day for days, a month for months) and never cross a section heading;
* a clock time (``Between 3 and 4am``) refines the day it is written with -- or the anchor's
  day when the sentence writes none -- to hour precision; after a night word a time before
  noon falls on the next calendar day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from ...parse.date_types import DateRange, PartialDate, TimeOfDay
from ...parse.dates import find_dates
from ...parse.numbers import NUMBER_WORDS, parse_number
from ...parse.patterns import phrase_key
from ...parse.times import find_times
from ...resources import lexicon

__all__ = ["Moment", "Timeline", "relative_lexicon", "shift", "day_of"]

_YEAR = re.compile(r"\d{3,4}")


@dataclass(frozen=True, slots=True)
class Moment:
    """A date found in a sentence, resolved; offsets are into the sentence text."""

    range: DateRange
    begin: int
    end: int
    how: str  # "absolute" | "yearless" | "relative" | "inherited"


@dataclass(frozen=True, slots=True)
class _Relative:
    days: int
    months: int
    night: bool


@dataclass(frozen=True, slots=True)
class RelativeLexicon:
    phrases: dict[str, tuple[_Relative, ...]]
    pattern: re.Pattern[str]
    counted: re.Pattern[str]
    units: dict[str, int]
    later: frozenset[str]
    vague: re.Pattern[str]


@cache
def relative_lexicon() -> RelativeLexicon:
    """The relative time words of ``relative_time.toml``, compiled once."""
    data = lexicon("relative_time.toml")
    phrases: dict[str, list[_Relative]] = {}
    for entry in data["relative"]:
        rel = _Relative(int(entry.get("days", 0)), int(entry.get("months", 0)), bool(entry.get("night", False)))
        for word in entry["words"]:
            phrases.setdefault(phrase_key(word), []).append(rel)
    alternation = "|".join(
        r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=lambda p: (-len(p), p))
    )
    counted = data["counted"]
    units = {k.casefold(): int(v) for k, v in counted["units"].items()}
    later = frozenset(w.casefold() for w in counted["later"])
    earlier = frozenset(w.casefold() for w in counted["earlier"])
    unit_alt = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    dir_alt = "|".join(sorted(map(re.escape, later | earlier), key=len, reverse=True))
    vague = "|".join(r"\s+".join(map(re.escape, w.split())) for w in data["vague"]["words"])
    return RelativeLexicon(
        phrases={k: tuple(v) for k, v in phrases.items()},
        pattern=re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE),
        counted=re.compile(
            rf"(?<![\w-])(?P<n>{NUMBER_WORDS})\s+(?P<unit>{unit_alt})\s+(?P<dir>{dir_alt})(?![\w-])(?!\s+(?:the|a|an|his|her|its|their)\b)",
            re.IGNORECASE,
        ),
        units=units,
        later=later,
        vague=re.compile(rf"(?<![\w-])(?:{vague})(?![\w-])", re.I),
    )


def day_of(rng: DateRange) -> date | None:
    """The calendar day of a single-day (or finer) range, else None."""
    start, end = rng.start, rng.end
    if start.day is None or end is None or (end.year, end.month, end.day) != (start.year, start.month, start.day):
        return None
    if start.year < 1:
        return None
    return date(start.year, start.month or 1, start.day)


def _day_range(d: date, text: str, begin: int, stop: int, *, until: date | None = None) -> DateRange:
    start = PartialDate(d.year, d.month, d.day)
    end = start if until is None else PartialDate(until.year, until.month, until.day)
    return DateRange(start=start, end=end, text=text, begin=begin, stop=stop)


def shift(rng: DateRange, rel: _Relative, text: str, begin: int, stop: int) -> DateRange | None:
    """The date *rel* reaches from the anchor *rng*, or None when the anchor is too coarse."""
    try:
        if rel.months and not rel.days:
            if rng.start.month is None:
                return None
            n = rng.start.year * 12 + rng.start.month - 1 + rel.months
            month = PartialDate(n // 12, n % 12 + 1)
            return DateRange(start=month, end=month, text=text, begin=begin, stop=stop)
        d = day_of(rng)
        if d is None:
            return None
        d = d + timedelta(days=rel.days)
        if rel.night:
            return _day_range(d, text, begin, stop, until=d + timedelta(days=1))
        return _day_range(d, text, begin, stop)
    except (ValueError, OverflowError):
        return None


def _with_time(rng: DateRange, t: TimeOfDay, *, night: bool) -> DateRange | None:
    """*rng* (a day, or a night spanning two days) refined to the clock time *t*."""
    start_day = rng.start
    if start_day.day is None or start_day.year < 1:
        return None
    d = date(start_day.year, start_day.month or 1, start_day.day)
    try:
        if night and t.start_hour < 12:
            d += timedelta(days=1)
        start = PartialDate(d.year, d.month, d.day, t.start_hour, t.start_minute)
        end = start
        if t.end_hour is not None:
            e = d + timedelta(days=1) if (t.end_hour, t.end_minute or 0) < (t.start_hour, t.start_minute) else d
            end = PartialDate(e.year, e.month, e.day, t.end_hour, t.end_minute or 0)
    except (ValueError, OverflowError):
        return None
    return DateRange(start=start, end=end, approximate=rng.approximate, text=t.text, begin=t.begin, stop=t.stop)


class Timeline:
    """The running date context of an article's prose (one instance per article)."""

    def __init__(self, *, year: int | None = None) -> None:
        self.year = year  # year of context for dates written without one
        self.anchor: DateRange | None = None  # where the narrative is, in this section
        self.paragraph_anchor: DateRange | None = None  # the same, in this paragraph only

    def new_section(self) -> None:
        self.anchor = None
        self.paragraph_anchor = None

    def new_paragraph(self) -> None:
        self.paragraph_anchor = None

    def vague(self, text: str) -> bool:
        """True when *text* places itself in time vaguely ("several weeks prior to"): it does not
        take the paragraph's date."""
        return bool(relative_lexicon().vague.search(text))

    def settle(self, rng: DateRange | None) -> None:
        """The narrative is now at *rng* (the date of the sentence just read)."""
        if rng is None:
            return
        self.anchor = rng
        self.paragraph_anchor = rng

    def read(self, text: str) -> list[Moment]:
        """The dates of the sentence *text*, resolved against the context (offsets into *text*)."""
        lex = relative_lexicon()
        moments: list[Moment] = []
        for rng in find_dates(text, default_year=self.year):
            written = bool(_YEAR.search(rng.text))
            moments.append(Moment(rng, rng.begin, rng.stop, "absolute" if written else "yearless"))
        for rng in [m.range for m in moments if m.how == "absolute"]:
            self.year = (rng.end or rng.start).year
        night_spans: list[tuple[int, int]] = []
        if self.anchor is not None:
            for m in lex.pattern.finditer(text):
                if any(x.begin < m.end() and m.start() < x.end for x in moments):
                    continue
                rels = lex.phrases[phrase_key(m.group())]
                for rel in rels:
                    got = shift(self.anchor, rel, m.group(), m.start(), m.end())
                    if got is not None:
                        moments.append(Moment(got, m.start(), m.end(), "relative"))
                        if rel.night:
                            night_spans.append((m.start(), m.end()))
                        break
            for m in lex.counted.finditer(text):
                if any(x.begin < m.end() and m.start() < x.end for x in moments):
                    continue
                try:
                    n = parse_number(m.group("n"))
                except ValueError:
                    continue
                days = n * lex.units[m.group("unit").casefold()]
                if m.group("dir").casefold() not in lex.later:
                    days = -days
                if abs(days) > 3660:
                    continue
                got = shift(self.anchor, _Relative(days, 0, False), m.group(), m.start(), m.end())
                if got is not None:
                    moments.append(Moment(got, m.start(), m.end(), "relative"))
        moments.sort(key=lambda x: x.begin)
        times = find_times(text)
        if times:
            moments = self._timed(moments, times, night_spans)
        return moments

    def _timed(self, moments: list[Moment], times: list[TimeOfDay], nights: list[tuple[int, int]]) -> list[Moment]:
        out = list(moments)
        for t in times:
            days = [x for x in out if x.range.precision == "day" and (day_of(x.range) or x.how == "relative")]
            if days:
                near = min(days, key=lambda x: min(abs(x.begin - t.stop), abs(t.begin - x.end)))
                night = any(s == near.begin for s, _ in nights)
                got = _with_time(near.range, t, night=night)
                if got is not None:
                    out[out.index(near)] = Moment(
                        replace(got, text=f"{t.text} {near.range.text}"),
                        min(near.begin, t.begin),
                        max(near.end, t.stop),
                        near.how,
                    )
            elif not moments and self.paragraph_anchor is not None and day_of(self.paragraph_anchor):
                got = _with_time(self.paragraph_anchor, t, night=False)
                if got is not None:
                    out.append(Moment(got, t.begin, t.stop, "inherited"))
        out.sort(key=lambda x: x.begin)
        return out
