"""Read dates: infobox ``Date`` values, and dates inside prose sentences.

A small grammar over tokens, not a general date guesser. The text is cut into tokens
(numbers, month names, dashes, era markers, parenthesised notes, words ...) by one
precompiled regular expression; a recursive-descent reader then builds *points*
(``12 March 1911``, ``June 9``, ``August, 1702``, ``498 BC``, a bare day ``17``) and
*ranges* (``point – point``, ``point – present``), and fills what a point leaves out from
its neighbours as English does: ``12–19 March 1911`` (the start takes month and year
from the end), ``April 9–28, 1907`` (the end takes the month from the start),
``12 and 19 March 1911`` (a list shares the trailing month and year).

Vocabulary (month names, era markers, "present", range words, qualifiers, calendar notes,
label words, prose lead words) is data in ``data/lexicons/dates.toml``, compiled in
:mod:`kg.parse.date_lexicon`; the tokens are in :mod:`kg.parse.date_tokens`, the reader of
points and ranges in :mod:`kg.parse.date_grammar`, the results in :mod:`kg.parse.date_types`, and times of day in
:mod:`kg.parse.times`.

Choices, documented here and pinned by tests:

* Years are astronomical: 1 BC is year 0, ``498 BC`` is ``-497``. A year is what is written:
  a cut-off value ``May – June 191`` reads as the year 191 (three-digit years are real:
  ``591, 604–608``). One- and two-digit years need an era marker (``AD 9``), except the
  short end of a year range (``1998–99``).
* Qualifiers ``early/mid/late`` and seasons keep the precision as written and set
  ``approximate`` (``Late October 1911`` is October 1911, approximate).
* Dual dating ``3 March (15 March) 1841``, ``9 June [O.S. 30 May] 1688``, ``19 June 1688 (O.S.
  9 June)`` gives two results, the written date first and the alternative second. A calendar
  marker on one names the other's too (O.S. / N.S., Julian / Gregorian); unmarked, the pair is
  told apart by the Julian–Gregorian difference of the century (the later day is N.S.), else
  left ``None``. :func:`gregorian_dates` drops the restatements in another calendar, so an
  event's time is one date.
* ISO dates ``2009-07-04`` are read (token ``iso``); a decade ``1230s`` (infobox values only;
  never in prose) is a :class:`PartialDate` of precision ``decade``.
* Impossible dates are errors, never other dates: ``2009-02-30``, ``July 40, 2009``,
  ``40 July 2009``, a short year end crossing a century far from its start (``1998–97``, never
  2097; ``1999–00`` is 1999–2000), an end before its start.
* Numbered-month dates ``1702 (...), 11th day of the 5th month – 1708 (...), 17th day of the
  10th month (lunar calendar)`` read as written in that calendar, ``calendar="lunar"``: the
  fields are the lunar ones, not converted.
* A start written without a year takes the end's year, or the year before when that would
  put it after the end (``December – January 1948``).
* An end before its start is an error (:class:`~kg.errors.DateParseError`) in
  :func:`parse_dates`; :func:`find_dates` skips it.
* Prose is stricter than infobox values: a month must be capitalised; a number alone is a
  year only after a lead word (``in 1907``, ``since 1911``), with an era or in a dash range
  of years; grouped numbers (``2,000``), decimals and decades (``1990s``) are never dates;
  a day with no year takes ``default_year``, or is skipped.
* :func:`read_dates` also gives what it left unread: numbers and month names read into no date
  (``kg coverage`` counts the field partly read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date as _date

from ..errors import DateParseError
from .date_grammar import Item, Point, Reader
from .date_lexicon import DateLexicon, date_lexicon
from .date_tokens import AND, COLON, DATE_PARTS, PAREN, POINT_START, SEMI, SEP, Token, tokenize
from .date_types import DateRange, PartialDate

__all__ = ["parse_dates", "parse_date", "find_dates", "gregorian_dates", "DateReading", "read_dates"]

_APART, _NEAR, _JOINED = range(3)


def _scan(text: str, *, prose: bool) -> list[tuple[Item, int]]:
    """Read every item of *text*; each comes with how it is linked to the next one:
    ``_JOINED`` (nothing but commas and an ``and``), ``_NEAR`` (nothing but commas and
    semicolons) or ``_APART`` (words, a label, a parenthesis). Linked items may share a month
    and a year."""
    lex = date_lexicon()
    return _read_items(Reader(tokenize(text, 0, len(text), lex), text, prose, lex))


def _read_items(reader: Reader, used: list[bool] | None = None) -> list[tuple[Item, int]]:
    """The loop of :func:`_scan` over one token list (prose reads parentheses recursively).
    *used*, when given, marks the tokens read (as a date, its notes, or a label)."""
    toks, text, prose = reader.toks, reader.text, reader.prose
    seg_i = 0
    items: list[Item] = []
    joined: list[int] = []
    label: str | None = None
    seg_begin = toks[0].begin if toks else 0
    link = _APART  # what stands between the last item and the current token
    i = 0
    while i < reader.n:
        t = toks[i]
        if t.kind == COLON and not prose:
            label = text[seg_begin : t.begin].strip(" ,;") or None
            seg_begin, link = t.stop, _APART
            if used is not None:
                used[seg_i:i] = [True] * (i - seg_i)  # "Phase 2:" is a label, read
            i += 1
            seg_i = i
            continue
        if t.kind in (SEP, SEMI, AND):
            if t.kind == AND:
                link = _JOINED if link != _APART else link
            else:
                seg_begin = t.stop
                seg_i = i + 1
            i += 1
            continue
        if t.kind == PAREN and prose:  # "The Battle of Tolan (1907–1911) was ..."
            inner = Reader(tokenize(text, t.begin + 1, t.stop - 1, reader.lex), text, prose, reader.lex)
            found_inside = _read_items(inner)
            if len(found_inside) == 1 and found_inside[0][0].first == 0 and found_inside[0][0].last == inner.n:
                found_inside = [(replace(found_inside[0][0], strong=True), _APART)]
            if items:
                joined[-1] = _APART
            for it, lk in found_inside:
                items.append(it)
                joined.append(lk)
            link = _APART
            i += 1
            continue
        found = reader.item(i) if t.kind in POINT_START else None  # no item starts elsewhere
        if found is None:
            link = _APART
            i += 1
            continue
        it, j = found
        if not prose and reader.kind(j) == COLON and it.end is None and it.start.year is None:
            i = j  # "Phase 2:": a number of a label, read with it
            continue
        if used is not None:
            used[i:j] = [True] * (j - i)
        if it.label is None and label is not None:
            it = replace(it, label=label)
        if items:
            joined[-1] = link if items[-1].label == it.label else _APART
        items.append(it)
        joined.append(_APART)
        alt = it.start.alt
        if alt is not None:  # the same day in another calendar: "3 March (15 March) 1841"
            own, other = _calendars(it, alt, reader.lex)
            items[-1] = replace(it, calendar=own)
            items.append(
                replace(it, start=replace(alt, alt=None), end=None, stop=alt.stop, approx=alt.approx, calendar=other)
            )
            joined.append(_APART)
        seg_begin, link = toks[j - 1].stop, _NEAR
        i = j
        seg_i = j
    return list(zip(items, joined, strict=True))


def _calendars(it: Item, alt: Point, lex: DateLexicon) -> tuple[str | None, str | None]:
    """The calendars of a dual dating: the written date's and its alternative's. A marked
    alternative ("[O.S. 30 May]") makes the written date the other calendar of its pair; an
    unmarked one is told apart by the Julian–Gregorian difference of its century."""
    if alt.calendar is not None:
        return it.calendar or lex.counterparts.get(alt.calendar), alt.calendar
    if it.calendar is not None:
        return it.calendar, lex.counterparts.get(it.calendar)
    start = it.start
    year = start.year if start.year is not None else alt.year
    if year is None or start.month is None or start.day is None or alt.month is None or alt.day is None:
        return None, None
    if start.era < 0 or year < 1583:
        return None, None
    try:
        days = (_date(year, alt.month, alt.day) - _date(year, start.month, start.day)).days
    except ValueError:
        return None, None
    offset = year // 100 - year // 400 - 2  # days the Julian calendar is behind the Gregorian one
    julian, gregorian = lex.julian
    if days == offset:
        return julian, gregorian
    if days == -offset:
        return gregorian, julian
    return None, None


def _fill_range(it: Item) -> Item:
    """Complete the two ends of a range from each other: "12–19 March 1911"."""
    s, e = it.start, it.end
    if e is None:
        return it
    own_month = s.month is not None
    if s.day is not None and s.month is None and e.month is not None:
        s = replace(s, month=e.month)
    if e.day is not None and e.month is None and s.month is not None:
        e = replace(e, month=s.month)
    if s.era == 0 and e.era < 0 and s.year is not None:
        s = replace(s, era=-1)  # "259–257 BC"
    if s.year is None and e.year is not None:
        year = e.year
        if own_month and e.month is not None and s.month is not None and s.month > e.month:
            year = e.year - 1 if e.era >= 0 else e.year + 1  # "December – January 1948"
        s = replace(s, year=year, era=e.era)
    if e.year is None and s.year is not None:
        e = replace(e, year=s.year, era=s.era)
    return replace(it, start=s, end=e)


def _share(src: Point, dst: Point) -> Point:
    """Give *dst* the month (when it has a bare day) and the year it lacks, from *src*."""
    if dst.day is not None and dst.month is None and src.month is not None:
        dst = replace(dst, month=src.month)
    if dst.year is None and src.year is not None and (dst.month is not None or dst.day is None):
        dst = replace(dst, year=src.year, era=src.era)
    return dst


def _take(it: Item, src: Point) -> Item:
    """Fill the item's last point from *src* (the next item's start), then its start."""
    if it.end is None:
        return replace(it, start=_share(src, it.start))
    end = _share(src, it.end)
    return replace(it, start=_share(end, it.start), end=end)


def _take_forward(it: Item, src: Point) -> Item:
    """Give a bare first day the month of *src* (the previous item's last point)."""
    if it.start.month is not None or it.start.day is None:
        return it
    start = _share(src, it.start)
    return replace(it, start=start, end=_share(start, it.end) if it.end is not None else None)


def _promoted(before: Item, after: Item, link: int) -> bool:
    """Prose: a weak item becomes a date when it took its month from a linked date
    ("June 16 and 17"), or is a year joined by "and" to a year ("since 1907 and 1908")."""
    if before.start.shape == "day":
        return after.start.month is not None
    return link == _JOINED and after.start.shape == "year" and not after.counted


def _fill(pairs: list[tuple[Item, int]], prose: bool) -> list[Item]:
    items = [_fill_range(it) for it, _ in pairs]
    links = [link for _, link in pairs]
    for k in range(len(items) - 2, -1, -1):  # backward: "12 and 19 March 1911"
        nxt = items[k + 1]
        if links[k] != _APART and (nxt.strong or not prose):
            got = _take(items[k], nxt.start)
            items[k] = replace(got, strong=got.strong or _promoted(items[k], got, links[k]))
    for k in range(1, len(items)):  # forward: "June 16 and 17", "since 1907 and 1908"
        prev = items[k - 1]
        if links[k - 1] != _APART and (prev.strong or not prose):
            got = _take_forward(items[k], prev.end or prev.start)
            items[k] = replace(got, strong=got.strong or _promoted(items[k], got, links[k - 1]))
    return items


def _build(it: Item, text: str, default_year: int | None) -> DateRange | str | None:
    """The final range of an item, an error message, or ``None`` when the item is not certain
    (no year, or a day with no month)."""
    start = _to_date(it.start, default_year)
    if start is None or isinstance(start, str):
        return start
    end: PartialDate | None = None if it.ongoing else start
    if it.end is not None:
        got = _to_date(it.end, default_year)
        if got is None or isinstance(got, str):
            return got
        end = got
        if end._bounds()[1] < start._bounds()[0]:
            return f"date range ends before it starts: {text[it.start.begin : it.stop]!r}"
    return DateRange(
        start=start,
        end=end,
        ongoing=it.ongoing,
        approximate=it.approx,
        label=it.label,
        calendar=it.calendar,
        text=text[it.start.begin : it.stop],
        begin=it.start.begin,
        stop=it.stop,
    )


def _to_date(pt: Point, default_year: int | None) -> PartialDate | str | None:
    if pt.invalid is not None:
        return pt.invalid
    if pt.decade:
        if pt.era < 0 or pt.year is None:
            return f"a decade before year one is not read: {pt!r}"
        return PartialDate(pt.year, decade=True)
    year, era = pt.year, pt.era
    if year is None:
        if default_year is None:
            return None
        year, era = default_year, 0
    if pt.day is not None and pt.month is None:
        return None
    astronomical = 1 - year if era < 0 else year
    if era < 0 and year == 0:
        return f"there is no year 0 BC: {pt!r}"
    try:
        return PartialDate(astronomical, pt.month, pt.day)
    except DateParseError as exc:
        return str(exc)


# "to", "and", a dash; up to two lower-case words ("around", "up to"); then a count: a grouped
# number ("3,000") or a number of at most three digits before a lower-case word ("900 men")
_COUNT_AFTER = re.compile(r"\s*(?:to|and|or|[–—-])\s*(?:[a-z]+\s+){0,2}(?:\d{1,3}(?:,\d{3})+|\d{1,3}\s+[^\W\d_A-Z])")


def _counted_range(it: Item, text: str) -> bool:
    """Prose: a bare number read as a year after a lead word is a count when a range word and a
    count follow it ("expanded from 800 to around 3,000 fighters")."""
    s = it.start
    if it.end is not None or s.shape != "year" or s.era != 0:
        return False
    return _COUNT_AFTER.match(text, it.stop) is not None


def _across_years(it: Item, default_year: int | None) -> Item:
    """Prose: a range written without a year whose end month comes before its start month
    crosses into the next year ("between December 28 and January 4" in 1910 ends in 1911)."""
    s, e = it.start, it.end
    if default_year is None or e is None or s.year is not None or e.year is not None:
        return it
    if s.month is None or e.month is None or s.month <= e.month:
        return it
    return replace(it, start=replace(s, year=default_year), end=replace(e, year=default_year + 1))


# --------------------------------------------------------------------------- public API


@dataclass(frozen=True, slots=True)
class DateReading:
    """The dates of an infobox value, and the fragments that look like parts of a date (numbers,
    month names) but were read into none, for coverage reports."""

    ranges: tuple[DateRange, ...]
    leftover: tuple[str, ...]


def read_dates(text: str, *, default_year: int | None = None) -> DateReading:
    """Every date or range of an infobox ``Date`` value (after ``clean_value``), in order, with
    what was left unread.

    Raises :class:`~kg.errors.DateParseError` when the value holds no date, or holds an
    impossible one (``31 February``, ``2009-02-30``, ``July 40``, an end before its start,
    ``1998–97``): an impossible date is never read as another one.
    """
    lex = date_lexicon()
    reader = Reader(tokenize(text, 0, len(text), lex), text, False, lex)
    used = [False] * reader.n
    out: list[DateRange] = []
    left: list[str] = []
    for it in _fill(_read_items(reader, used), prose=False):
        got = _build(it, text, default_year)
        if isinstance(got, str):
            raise DateParseError(f"{got} in date value {text!r}")
        if got is not None:
            out.append(got)
        else:  # no year, or a day with no month: "5 June" alone
            left.append(text[it.start.begin : it.stop])
    if not out:
        raise DateParseError(f"no date (with a year) in date value {text!r}")
    run: list[Token] = []
    for tok, read in zip(reader.toks, used, strict=True):
        if not read and tok.kind in DATE_PARTS:
            run.append(tok)
            continue
        if run:
            left.append(text[run[0].begin : run[-1].stop])
            run = []
    if run:
        left.append(text[run[0].begin : run[-1].stop])
    return DateReading(tuple(out), tuple(left))


def parse_dates(text: str, *, default_year: int | None = None) -> list[DateRange]:
    """Every date or range of an infobox ``Date`` value (after ``clean_value``), in order; see
    :func:`read_dates` (which also gives what was left unread).

    Raises :class:`~kg.errors.DateParseError` when the value holds no date, or holds an
    impossible one (``31 February``, an end before its start).
    """
    return list(read_dates(text, default_year=default_year).ranges)


def _day(d: PartialDate) -> _date | None:
    low = d._bounds()[0]
    return _date(low[0], low[1], low[2]) if low[0] >= 1 else None


def gregorian_dates(ranges: list[DateRange]) -> list[DateRange]:
    """*ranges* without the dates that restate one of them in another calendar.

    When some dates are in the Gregorian calendar (``N.S.``, ``Gregorian``: ``dates.toml``
    ``[calendar_pairs]``), a date marked with another calendar that starts within
    ``same_day_window`` days of one of them is the same day written otherwise ("27 January 1708
    (O.S.), 7 February 1708 (N.S.)", "July 6–7, 1592 (Gregorian), May 17–18, 1592 (lunar)"),
    not another date: it is left out, so the event's time is one date, not a range over both.
    """
    lex = date_lexicon()
    gregorian = [d for d in (_day(r.start) for r in ranges if r.calendar in lex.gregorian) if d is not None]
    if not gregorian:
        return ranges
    out = []
    for r in ranges:
        day = _day(r.start)
        if (
            r.calendar is not None
            and r.calendar not in lex.gregorian
            and day is not None
            and any(abs((day - g).days) <= lex.same_day_window for g in gregorian)
        ):
            continue
        out.append(r)
    return out


def parse_date(text: str, *, default_year: int | None = None) -> DateRange:
    """The first date or range of an infobox ``Date`` value; see :func:`parse_dates`."""
    return parse_dates(text, default_year=default_year)[0]


def find_dates(text: str, *, default_year: int | None = None) -> list[DateRange]:
    """Dates and date ranges inside a prose sentence, offsets relative to *text*.

    A date without a year takes *default_year*, or is skipped; impossible dates are
    skipped. Times of day are not dates: see :func:`kg.parse.times.find_times`.
    """
    out: list[DateRange] = []
    if not date_lexicon().hint_re.search(text.lower()):  # every date has a number or a month in it
        return out
    for it in _fill(_scan(text, prose=True), prose=True):
        if not it.strong or _counted_range(it, text):
            continue
        got = _build(_across_years(it, default_year), text, default_year)
        if isinstance(got, DateRange):
            out.append(got)
    # "on 15 March (O.S.: 3 March) 1841" is one date: its restatement in another calendar is none
    return gregorian_dates(out) if len(out) > 1 else out
