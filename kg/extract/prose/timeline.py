"""The dates of a narrative: absolute, yearless, month-only and relative dates, and times of day.

The reader walks the prose in order and keeps a running *anchor* (the date the narrative is at):

* absolute dates (``On March 3, 1911``, ``in May 1907``) are read by
  :func:`kg.parse.dates.find_dates` with their own precision, and set the year of context;
* a date without a year (``on March 9``) takes the year of context (the last year written,
  else the main event's year);
* a date without a year falls in the year of a date written before it in its sentence (``In
  1907, ... on October 27``), and in the next year when the narrative, at the end of a year,
  reaches the first months (``[year_turn]``);
* relative times (``the next day``, ``the following night``, ``two days later``, ``a year
  prior``, ``four years later``, ``that September``) move from the last date written before them
  in their sentence, else from the anchor, by the amounts of ``data/lexicons/relative_time.toml``;
  they need an anchor precise enough (a day for days, a month for months, a year for years) and
  never cross a section heading. ``two days before the battle`` moves from the main event's
  first day (``after the battle``: its last), ``a week after 15 August`` from the date it names;
* a clock time (``Between 2 and 3am``) refines the day it is written with -- or the anchor's
  day when the sentence writes none -- to hour precision; after a night word a time before
  noon falls on the next calendar day.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from ...errors import DateParseError
from ...parse.date_types import DateRange, PartialDate, TimeOfDay
from ...parse.dates import find_dates
from ...parse.numbers import NUMBER_WORDS, parse_number
from ...parse.patterns import alternation, phrase_key, scanner, trie_alternation
from ...parse.times import find_times
from ...resources import lexicon

__all__ = ["Moment", "Timeline", "relative_lexicon", "shift", "day_of", "attributive"]

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
    years: int | None = None  # a move by whole years, to year precision ("a year later")


@dataclass(frozen=True, slots=True)
class RelativeLexicon:
    phrases: dict[str, tuple[_Relative, ...]]
    pattern: re.Pattern[str]
    counted: re.Pattern[str]
    number_before: re.Pattern[str]
    units: dict[str, tuple[str, int]]  # unit word -> ("days" | "months" | "years", amount)
    later: frozenset[str]
    prepositions: frozenset[str]
    main_after: re.Pattern[str]
    duration_before: re.Pattern[str]
    vague: re.Pattern[str]
    year_turn: tuple[int, int]
    named_month: re.Pattern[str]
    named_before: re.Pattern[str]
    months: dict[str, int]


_APPOSITION = re.compile(r"\s*[,(–—]\s*(?:on|in)?\s*", re.I)


@cache
def relative_lexicon() -> RelativeLexicon:
    """The relative time words of ``relative_time.toml``, compiled once."""
    data = lexicon("relative_time.toml")
    phrases: dict[str, list[_Relative]] = {}
    for entry in data["relative"]:
        years = entry.get("years")
        rel = _Relative(
            int(entry.get("days", 0)),
            int(entry.get("months", 0)),
            bool(entry.get("night", False)),
            int(years) if years is not None else None,
        )
        for word in entry["words"]:
            phrases.setdefault(phrase_key(word), []).append(rel)
    counted = data["counted"]
    units: dict[str, tuple[str, int]] = {k.casefold(): ("days", int(v)) for k, v in counted["units"].items()}
    units |= {w.casefold(): ("months", 1) for w in counted["month_units"]}
    units |= {w.casefold(): ("years", 1) for w in counted["year_units"]}
    later = frozenset(w.casefold() for w in counted["later"])
    earlier = frozenset(w.casefold() for w in counted["earlier"])
    ones = alternation(counted["one"], flexible_spaces=True)
    months = {k.casefold(): int(v) for k, v in lexicon("dates.toml")["months"].items() if len(k) > 3}
    month_alt = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    return RelativeLexicon(
        phrases={k: tuple(v) for k, v in phrases.items()},
        pattern=scanner(rf"(?<![\w-])(?:{trie_alternation(phrases, flexible_spaces=True)})(?![\w-])", re.IGNORECASE),
        # the unit and direction first (rare words), then the number before them
        counted=scanner(
            rf"(?<![\w-])(?P<unit>{trie_alternation(units)})\s+(?P<dir>{trie_alternation(later | earlier)})(?![\w-])",
            re.IGNORECASE,
        ),
        number_before=re.compile(rf"(?<![\w-])(?P<n>{NUMBER_WORDS}|(?i:{ones}))\s+$"),
        units=units,
        later=later,
        prepositions=frozenset(w.casefold() for w in counted["prepositions"]),
        main_after=re.compile(
            rf"\s+(?:to\s+)?(?:the|this|that)\s+(?:{alternation(counted['main_nouns'], flexible_spaces=True)})(?![\w-])",
            re.I,
        ),
        duration_before=re.compile(
            rf"(?<![\w-])(?:{alternation(counted['not_after'], flexible_spaces=True)})\s+$", re.I
        ),
        vague=re.compile(rf"(?<![\w-])(?:{alternation(data['vague']['words'], flexible_spaces=True)})(?![\w-])", re.I),
        year_turn=(int(data["year_turn"]["from_month"]), int(data["year_turn"]["to_month"])),
        named_month=scanner(rf"(?<![\w-])(?P<m>{month_alt})(?![\w-])"),
        named_before=re.compile(
            rf"(?<![\w-])(?i:{alternation(data['named_month']['words'], flexible_spaces=True)})\s+$"
        ),
        months=months,
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
        if rel.years is not None:
            year = PartialDate(rng.start.year + rel.years)
            return DateRange(start=year, end=year, text=text, begin=begin, stop=stop)
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
    except (ValueError, OverflowError, DateParseError):
        return None


def _first(rng: DateRange) -> DateRange:
    """The first day (or month, year) of a range, as a range of its own."""
    return replace(rng, end=rng.start)


def _last(rng: DateRange) -> DateRange | None:
    return replace(rng, start=rng.end) if rng.end is not None else None


class _Taken:
    """The spans of a sentence already read as dates, for a constant-time overlap test."""

    __slots__ = ("begins", "ends")

    def __init__(self, moments: list[Moment]) -> None:
        spans = sorted((m.begin, m.end) for m in moments)
        self.begins = [b for b, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, begin: int, end: int) -> bool:
        i = bisect_right(self.begins, end - 1) - 1  # the last span starting before *end*
        return i >= 0 and self.ends[i] > begin

    def add(self, begin: int, end: int) -> None:
        i = bisect_right(self.begins, begin)
        self.begins.insert(i, begin)
        self.ends.insert(i, end)


def _with_year(rng: DateRange, year: int) -> DateRange:
    """*rng* moved to *year* (its end by as many years); unchanged when that is no date."""
    delta = year - rng.start.year
    try:
        start = replace(rng.start, year=rng.start.year + delta)
        end = replace(rng.end, year=rng.end.year + delta) if rng.end is not None else None
    except DateParseError:  # 29 February in a common year
        return rng
    return replace(rng, start=start, end=end)


def _with_time(rng: DateRange, t: TimeOfDay, *, night: bool) -> DateRange | None:
    """*rng* (a day, or a night spanning two days) refined to the clock time *t*."""
    start_day = rng.start
    if start_day.day is None or start_day.year < 1:
        return None
    d = date(start_day.year, start_day.month or 1, start_day.day)
    try:
        if night and t.start_hour < 12:
            d += timedelta(days=1)
        # "4am" is an hour (no minute: it covers 04:00-04:59), "3:30am" a minute
        start = PartialDate(d.year, d.month, d.day, t.start_hour, t.start_minute if t.minutes else None)
        end = start
        if t.end_hour is not None:
            e = d + timedelta(days=1) if (t.end_hour, t.end_minute or 0) < (t.start_hour, t.start_minute) else d
            end = PartialDate(e.year, e.month, e.day, t.end_hour, (t.end_minute or 0) if t.minutes else None)
    except (ValueError, OverflowError):
        return None
    return DateRange(
        start=start, end=end, approximate=rng.approximate, text=t.text, begin=t.begin, stop=t.stop, within=t.within
    )


class Timeline:
    """The running date context of an article's prose (one instance per article)."""

    def __init__(self, *, year: int | None = None, main: DateRange | None = None) -> None:
        self.year = year  # year of context for dates written without one
        self.main = main  # the main event's time ("two days before the battle")
        self._begins: list[int] = []  # the dates written in the sentence being read
        self._ends: list[int] = []
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

    def _turned(self, rng: DateRange) -> bool:
        """True when a date written without a year, read in the year of context, falls in the
        first months of that year while the narrative is at its last months: the narrative has
        crossed into the next year (``[year_turn]`` of ``relative_time.toml``)."""
        anchor = self.anchor
        if anchor is None or rng.start.month is None:
            return False
        last = anchor.end or anchor.start
        turn = relative_lexicon().year_turn
        return (
            last.month is not None
            and last.year == rng.start.year
            and last.month >= turn[0]
            and rng.start.month <= turn[1]
        )

    def read(self, text: str) -> list[Moment]:
        """The dates of the sentence *text*, resolved against the context (offsets into *text*)."""
        lex = relative_lexicon()
        moments: list[Moment] = []
        here: int | None = None  # the year of the last date written with one in this sentence
        for rng in find_dates(text, default_year=self.year):
            if _YEAR.search(rng.text):
                here = (rng.end or rng.start).year
                moments.append(Moment(rng, rng.begin, rng.stop, "absolute"))
                continue
            if here is not None and here != rng.start.year:  # "In 1907, ... on October 27"
                rng = _with_year(rng, here)
            elif self._turned(rng):  # "on 14 December ... left on 5 January": the next year
                rng = _with_year(rng, rng.start.year + 1)
            moments.append(Moment(rng, rng.begin, rng.stop, "yearless"))
        for rng in [m.range for m in moments if m.how == "absolute"]:
            self.year = (rng.end or rng.start).year
        written = list(moments)
        self._begins = [m.begin for m in written]  # in order, never overlapping: ends in order too
        self._ends = [m.end for m in written]
        taken = _Taken(moments)
        night_spans: list[tuple[int, int]] = []

        def found(got: DateRange | None, begin: int, end: int) -> bool:
            if got is None:
                return False
            moments.append(Moment(got, begin, end, "relative"))
            taken.add(begin, end)
            return True

        if self.anchor is None and not written and self.main is None:
            return self._finish(moments, text, night_spans)
        for u in lex.counted.finditer(text):  # first: "two days before the battle" is no "two days before"
            n = lex.number_before.search(text, max(0, u.start() - 40), u.start())
            if n is None or taken.overlaps(n.start(), u.end()):
                continue
            if lex.duration_before.search(text, max(0, n.start() - 20), n.start()):
                continue  # "under siege for two years before", "over two years prior": no date
            main = lex.main_after.match(text, u.end())  # the span takes its object "the battle"
            stop = main.end() if main else u.end()
            if self._restated(written, text, stop):
                taken.add(n.start(), stop)  # "two days before the battle, on 3 May": the written date says it
                continue
            found(self._counted(n.group("n"), u, text, written, lex), n.start(), stop)
        if self.anchor is None and not written:
            return self._finish(moments, text, night_spans)
        for m in lex.pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            anchor = self._anchor_at(written, m.start())
            if anchor is None:
                continue
            for rel in lex.phrases[phrase_key(m.group())]:
                if found(shift(anchor, rel, m.group(), m.start(), m.end()), m.start(), m.end()):
                    if rel.night:
                        night_spans.append((m.start(), m.end()))
                    break
        for m in lex.named_month.finditer(text):  # "that September": in the year of the anchor
            w = lex.named_before.search(text, max(0, m.start() - 20), m.start())
            if w is None or taken.overlaps(w.start(), m.end()):
                continue
            anchor = self._anchor_at(written, w.start())
            if anchor is not None:
                month = PartialDate((anchor.end or anchor.start).year, lex.months[m.group("m").casefold()])
                found(
                    DateRange(start=month, end=month, text=text[w.start() : m.end()], begin=w.start(), stop=m.end()),
                    w.start(),
                    m.end(),
                )
        return self._finish(moments, text, night_spans)

    def _finish(self, moments: list[Moment], text: str, night_spans: list[tuple[int, int]]) -> list[Moment]:
        moments.sort(key=lambda x: x.begin)
        times = find_times(text)
        if times:
            moments = self._timed(moments, times, night_spans)
        return moments

    def _restated(self, written: list[Moment], text: str, pos: int) -> bool:
        """Whether a date written with its year follows *pos* in apposition (", on 3 May 1990",
        " (on 3 May 1990)"): a relative span right before it only restates it."""
        i = bisect_left(self._begins, pos)
        return (
            i < len(written)
            and written[i].how == "absolute"
            and bool(_APPOSITION.fullmatch(text[pos : written[i].begin]))
        )

    def _anchor_at(self, written: list[Moment], pos: int) -> DateRange | None:
        """What a relative time at *pos* moves from: the last date written before it in its
        sentence (*written*: in order, never overlapping), else the anchor."""
        i = bisect_right(self._ends, pos)
        return written[i - 1].range if i else self.anchor

    def _counted(
        self, word: str, m: re.Match[str], text: str, written: list[Moment], lex: RelativeLexicon
    ) -> DateRange | None:
        """The date a counted span (*word*, the number, then the unit and direction of *m*)
        reaches: "two days later" (from the anchor), "three days before the attack" (from the
        main event), "a week after 15 August" (from that date)."""
        try:
            n = 1 if word.casefold() in ("a", "an", "one") else parse_number(word)
        except ValueError:
            return None
        kind, amount = lex.units[phrase_key(m.group("unit"))]
        direction = phrase_key(m.group("dir"))
        n *= amount if direction in lex.later else -amount
        if abs(n) > (3660 if kind == "days" else 120 if kind == "months" else 3000):
            return None
        rel = _Relative(n if kind == "days" else 0, n if kind == "months" else 0, False, n if kind == "years" else None)
        anchor: DateRange | None
        if direction in lex.prepositions:  # "before"/"after" need their object
            if lex.main_after.match(text, m.end()) and self.main is not None:
                anchor = _first(self.main) if n < 0 else (_last(self.main) or self.main)
            else:
                i = bisect_left(self._begins, m.end())
                nxt = written[i] if i < len(written) and not text[m.end() : written[i].begin].strip() else None
                if nxt is None:
                    if re.match(r"\s+(?:to\s+)?(?:the|a|an|his|her|its|their)\b", text[m.end() : m.end() + 12], re.I):
                        return None  # "two days after the ambush": another event's date, not read
                    anchor = self._anchor_at(written, m.start())
                else:
                    anchor = nxt.range
        else:
            anchor = self._anchor_at(written, m.start())
        if anchor is None:
            return None
        return shift(anchor, rel, f"{word} {m.group()}", m.start(), m.end())

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


_DETERMINER = re.compile(r"(?<![\w-])(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")


def attributive(text: str, m: Moment) -> bool:
    """True when the date *m* is a year written as an adjective: after a determiner, before a
    word ("the 2009 elections", "the 2021 Battle of X")."""
    if m.range.start.month is not None or m.how not in ("absolute", "attributive"):
        return False
    if not _DETERMINER.search(text, max(0, m.begin - 6), m.begin):
        return False
    nxt = _NEXT_WORD.match(text, m.end)
    return nxt is not None
