"""Read dates: infobox ``Date`` values, and dates and times of day inside prose sentences.

A small grammar over tokens, not a general date guesser. The text is cut into tokens
(numbers, month names, dashes, era markers, parenthesised notes, words ...) by one
precompiled regular expression; a recursive-descent reader then builds *points*
(``17 January 2012``, ``June 16``, ``August, 1761``, ``498 BC``, a bare day ``17``) and
*ranges* (``point – point``, ``point – present``), and fills what a point leaves out from
its neighbours as English does: ``17–25 January 2012`` (the start takes month and year
from the end), ``April 11–30, 2014`` (the end takes the month from the start),
``20 and 29 June 1812`` (a list shares the trailing month and year).

Vocabulary (month names, era markers, "present", range words, qualifiers, calendar notes,
label words, prose lead words, am/pm) is data in ``data/lexicons/dates.toml``.

Choices, documented here and pinned by tests:

* Years are astronomical: 1 BC is year 0, ``498 BC`` is ``-497``. A year is what is written:
  a cut-off value ``May – June 201`` reads as the year 201 (three-digit years are real:
  ``598, 612–614``). One- and two-digit years need an era marker (``AD 9``), except the
  short end of a year range (``1998–99``).
* Qualifiers ``early/mid/late`` and seasons keep the precision as written and set
  ``approximate`` (``Late August 2008`` is August 2008, approximate).
* Dual dating ``24 April (6 May) 1827`` gives two results, the written date first and the
  parenthesised alternative second (its calendar is not written, so it is left ``None``).
* Numbered-month dates ``1592 (...), 13th day of the 4th month – 1598 (...), 19th day of the
  11th month (lunar calendar)`` read as written in that calendar, ``calendar="lunar"``: the
  fields are the lunar ones, not converted.
* A start written without a year takes the end's year, or the year before when that would
  put it after the end (``December – January 1948``).
* An end before its start is an error (:class:`~kg.errors.DateParseError`) in
  :func:`parse_dates`; :func:`find_dates` skips it.
* Prose is stricter than infobox values: a month must be capitalised; a number alone is a
  year only after a lead word (``in 1716``, ``since 2012``), with an era or in a dash range
  of years; grouped numbers (``2,000``), decimals and decades (``1990s``) are never dates;
  a day with no year takes ``default_year``, or is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import NamedTuple

from ..errors import DateParseError
from ..resources import lexicon
from .clean import DASH_CLASS
from .patterns import alternation

__all__ = [
    "PartialDate",
    "DateRange",
    "TimeOfDay",
    "parse_dates",
    "parse_date",
    "find_dates",
    "find_times",
]

_LEXICON = "dates.toml"
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

    def __post_init__(self) -> None:
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
        """``"year"``, ``"month"``, ``"day"`` or ``"hour"`` (a minute counts as hour)."""
        if self.hour is not None:
            return "hour"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def xsd_type(self) -> str:
        """The XML Schema type of :meth:`iso`: gYear, gYearMonth, date or dateTime."""
        return {"year": "gYear", "month": "gYearMonth", "day": "date", "hour": "dateTime"}[self.precision]

    def iso(self) -> str:
        """The lexical form for :meth:`xsd_type`: ``2009``, ``-0497``, ``2009-07``, ``2009-07-04``,
        ``2009-07-04T03:00:00``."""
        out = _year_text(self.year)
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.hour is not None:
            out += f"T{self.hour:02d}:{self.minute or 0:02d}:00"
        return out

    def _bounds(self) -> tuple[tuple[int, int, int, int, int, int], tuple[int, int, int, int, int, int]]:
        month_lo, month_hi = (self.month, self.month) if self.month is not None else (1, 12)
        day_lo = day_hi = self.day
        if day_lo is None:
            day_lo, day_hi = 1, _month_length(self.year, month_hi)
        hour_lo = hour_hi = self.hour
        if hour_lo is None:
            hour_lo, hour_hi = 0, 23
        minute_lo = minute_hi = self.minute
        if minute_lo is None:
            minute_lo, minute_hi = 0, 59
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


_ORDER = {"hour": 3, "day": 2, "month": 1, "year": 0}


@dataclass(frozen=True, slots=True)
class DateRange:
    """One date or range as written: ``end`` equals ``start`` for a single date and is
    ``None`` when the range is ongoing (``– present``)."""

    start: PartialDate
    end: PartialDate | None
    ongoing: bool = False
    approximate: bool = False
    label: str | None = None
    calendar: str | None = None
    text: str = ""
    begin: int = 0
    stop: int = 0

    @property
    def precision(self) -> str:
        """The coarser of the start and end precisions."""
        if self.end is None:
            return self.start.precision
        return min(self.start.precision, self.end.precision, key=_ORDER.__getitem__)


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """A clock time or a span of clock times found in a sentence (24-hour values)."""

    start_hour: int
    start_minute: int
    end_hour: int | None
    end_minute: int | None
    text: str
    begin: int
    stop: int


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Lex:
    token_re: re.Pattern[str]
    hint_re: re.Pattern[str]  # over the lower-cased text: a digit or a month word, without which there is no date
    time_hint_re: re.Pattern[str]  # over the lower-cased text: a digit or a named time, without which there is no time
    months: dict[str, int]
    month_abbrevs: frozenset[str]
    eras: dict[str, int]
    ongoing: frozenset[str]
    to_words: frozenset[str]
    and_words: frozenset[str]
    between_words: frozenset[str]
    qualifiers: frozenset[str]
    approx_words: frozenset[str]
    approx_notes: frozenset[str]
    calendar_re: re.Pattern[str]
    calendars: dict[str, str]
    label_words: frozenset[str]
    duration_re: re.Pattern[str]
    nm_day: frozenset[str]
    nm_month: frozenset[str]
    nm_joiners: frozenset[str]
    day_of: frozenset[str]
    lead_words: frozenset[str]
    lead_pairs: frozenset[str]
    name_leads: frozenset[str]
    after_year: frozenset[str]
    time_re: re.Pattern[str]
    time_range_re: re.Pattern[str]
    am: frozenset[str]
    pm: frozenset[str]
    named_times: dict[str, tuple[int, int]]


def _words(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@cache
def _lex() -> _Lex:
    """Build (once) the compiled structures the parser needs from ``dates.toml``."""
    data = lexicon(_LEXICON)
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    full_length = {m: max(len(k) for k, v in months.items() if v == m) for m in set(months.values())}
    abbrevs = frozenset(k for k, v in months.items() if len(k) < full_length[v])
    eras = {w: -1 for w in data["eras"]["before"]} | {w: 1 for w in data["eras"]["after"]}
    dotted = data["approximate"]["dotted"]
    qualifiers = _words(data["qualifiers"]["words"])
    token_re = re.compile(
        r"(?P<paren>\([^()]*\))"
        r"|(?P<qty>\d{1,3}(?:,\d{3})+(?!\d)|\d+\.\d+|\d+0s(?![^\W\d_])|\d+['’]s(?![^\W\d_]))"
        r"|(?P<ord>\d{1,2}(?:st|nd|rd|th)(?![^\W\d_]))"
        r"|(?P<num>\d+)"
        rf"|(?P<abbr>(?<![\w.])(?i:{alternation(abbrevs)})\.)"
        rf"|(?P<era>(?<![\w.])(?:{alternation(eras)})(?![\w]))"
        rf"|(?P<approx>(?<![\w.])(?i:{alternation(dotted)})(?!\w))"
        rf"|(?P<qual>(?<![\w.])(?i:{alternation(qualifiers)})-(?=\w))"
        r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
        rf"|(?P<dash>{DASH_CLASS})"
        r"|(?P<sep>,)|(?P<semi>;)|(?P<colon>:)|(?P<amp>&)"
        r"|(?P<other>\S)"
    )
    calendars = {k.lower(): v for k, v in data["calendars"].items()}
    calendar_re = re.compile(rf"(?<![\w.])(?:{alternation(calendars)})(?![\w])", re.IGNORECASE)
    duration_re = re.compile(
        rf"^\s*(?:c\.\s*)?[\d,]+\s*(?:{alternation(data['durations']['words'])})\s*$", re.IGNORECASE
    )
    times = data["times"]
    suffix = alternation(times["am"] + times["pm"])
    oclock = alternation(times["oclock"])
    named = {k.lower(): (int(v[0]), int(v[1])) for k, v in times["named"].items()}

    def clock(n: int) -> str:
        """A 12-hour clock time (hour, optional minutes, am/pm or o'clock), groups suffixed *n*."""
        return (
            rf"(?P<h{n}>\d{{1,2}})(?:[:.](?P<m{n}>[0-5]\d))?\s?"
            rf"(?:(?P<s{n}>{suffix})(?![\w])|(?P<o{n}>{oclock}))"
        )

    # A 12-hour clock time, a 24-hour H:MM time, or a named time.
    single = (
        rf"(?<![\d.:])(?:{clock(1)}|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
        rf"|(?P<named>\b(?:{alternation(named)})\b))"
    )
    ranges = data["ranges"]
    link = alternation(ranges["to"] + ranges["and"])
    lead = alternation(ranges["between"])
    time_range_re = re.compile(
        rf"(?:\b(?P<lead>{lead})\s+)?(?<![\d.:])(?P<h0>\d{{1,2}})(?:[:.](?P<m0>[0-5]\d))?\s?(?P<s0>{suffix})?(?![\w])"
        rf"\s*(?:\b(?:{link})\b|{DASH_CLASS})\s*{clock(2)}",
        re.IGNORECASE,
    )
    return _Lex(
        token_re=token_re,
        hint_re=re.compile(rf"\d|{alternation(months)}"),
        time_hint_re=re.compile(rf"\d|{alternation(named)}"),
        months=months,
        month_abbrevs=abbrevs,
        eras=eras,
        ongoing=_words(data["ongoing"]["words"]),
        to_words=_words(ranges["to"]),
        and_words=_words(ranges["and"]),
        between_words=_words(ranges["between"]),
        qualifiers=qualifiers,
        approx_words=_words(data["approximate"]["words"]),
        approx_notes=_words(data["approximate"]["notes"]),
        calendar_re=calendar_re,
        calendars=calendars,
        label_words=_words(data["labels"]["words"]),
        duration_re=duration_re,
        nm_day=_words(data["numbered_month"]["day"]),
        nm_month=_words(data["numbered_month"]["month"]),
        nm_joiners=_words(data["numbered_month"]["joiners"]),
        day_of=_words(data["day_of"]["words"]),
        lead_words=_words(data["prose"]["lead_words"]),
        lead_pairs=_words(data["prose"]["lead_pairs"]),
        name_leads=_words(data["prose"]["name_leads"]),
        after_year=_words(data["prose"]["after_year"]),
        time_re=re.compile(single, re.IGNORECASE),
        time_range_re=time_range_re,
        am=_words(times["am"]),
        pm=_words(times["pm"]),
        named_times=named,
    )


# --------------------------------------------------------------------------- tokens

_NUM, _ORD, _QTY, _MONTH, _ERA, _DASH, _TO, _AND, _SEP, _SEMI, _COLON = range(11)
_PRESENT, _QUAL, _APPROX, _WEAK_APPROX, _PAREN, _WORD, _OTHER = range(11, 18)
# A point starts with a qualifier or approximation, a month, a number, an ordinal or an era.
_POINT_START = frozenset({_APPROX, _QUAL, _WEAK_APPROX, _MONTH, _NUM, _ORD, _ERA})


class _Tok(NamedTuple):  # a tuple: made several times faster than a frozen dataclass
    kind: int
    begin: int
    stop: int
    value: int = 0  # number, month number, era sign
    digits: int = 0
    word: str = ""  # lower-case text of words
    cap: bool = False  # written with a capital letter


def _tokenize(text: str, begin: int, stop: int, lex: _Lex) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in lex.token_re.finditer(text, begin, stop):
        kind = m.lastgroup
        b, e = m.span()
        s = m.group()
        if kind == "num":
            toks.append(_Tok(_NUM, b, e, int(s), len(s)))
        elif kind == "ord":
            digits = s.rstrip("stndrh")
            toks.append(_Tok(_ORD, b, e, int(digits), len(digits)))
        elif kind == "abbr":  # "Sept.", "Jan."
            toks.append(_Tok(_MONTH, b, e, lex.months[s[:-1].lower()], word=s[:-1].lower(), cap=s[0].isupper()))
        elif kind == "word":
            toks.append(_word_token(s, b, e, lex))
        elif kind == "era":
            toks.append(_Tok(_ERA, b, e, lex.eras[s]))
        else:
            simple = {
                "paren": _PAREN, "qty": _QTY, "approx": _APPROX, "qual": _QUAL, "dash": _DASH,
                "sep": _SEP, "semi": _SEMI, "colon": _COLON, "amp": _AND, "other": _OTHER,
            }
            toks.append(_Tok(simple[kind], b, e, word=s.lower()))
    return toks


def _word_token(s: str, b: int, e: int, lex: _Lex) -> _Tok:
    low = s.lower()
    cap = s[0].isupper()
    if low in lex.months:
        return _Tok(_MONTH, b, e, lex.months[low], word=low, cap=cap)
    for words, kind in (
        (lex.ongoing, _PRESENT),
        (lex.to_words, _TO),
        (lex.and_words, _AND),
        (lex.qualifiers, _QUAL),
        (lex.approx_words, _WEAK_APPROX),
    ):
        if low in words:
            return _Tok(kind, b, e, word=low, cap=cap)
    return _Tok(_WORD, b, e, word=low, cap=cap)


# --------------------------------------------------------------------------- grammar


@dataclass(frozen=True, slots=True)
class _Pt:
    """A point as written, before its missing parts are filled from its neighbours."""

    begin: int
    stop: int
    year: int | None = None  # as written, positive
    era: int = 0  # -1 before, +1 after the epoch, 0 unmarked
    month: int | None = None
    day: int | None = None
    approx: bool = False
    lead: bool = False  # prose: preceded by a lead word, qualifier or dotted approximation
    alt: _Pt | None = None  # dual dating: "24 April (6 May) 1827"

    @property
    def shape(self) -> str:
        if self.month is not None:
            return "date" if self.day is not None or self.year is not None else "month"
        if self.day is not None:
            return "day"
        return "year"


@dataclass(frozen=True, slots=True)
class _Item:
    """A date or range as read: ``end`` is ``None`` for a single date and for an ongoing
    range (``ongoing`` tells them apart)."""

    start: _Pt
    end: _Pt | None
    ongoing: bool
    first: int  # index of the first token
    last: int  # index after the last token
    stop: int  # offset after the last character of the date (before notes)
    strong: bool = True  # prose: stands as a date by itself (see _Reader.strong)
    counted: bool = False  # prose: followed by a lower-case word ("2017 soldiers")
    approx: bool = False
    label: str | None = None
    calendar: str | None = None


class _Reader:
    """Recursive-descent reader over one token list; every method reads from a token index."""

    __slots__ = ("toks", "text", "prose", "lex", "n")

    def __init__(self, toks: list[_Tok], text: str, prose: bool, lex: _Lex) -> None:
        self.toks, self.text, self.prose, self.lex, self.n = toks, text, prose, lex, len(toks)

    def kind(self, i: int) -> int:
        return self.toks[i].kind if 0 <= i < self.n else -1

    def _lead_before(self, i: int) -> bool:
        """Prose: a lead word ("in", "since", "summer of" ...) stands right before token *i*."""
        lex = self.lex
        prev = self.toks[i - 1] if i >= 1 else None
        if prev is None or prev.kind not in (_WORD, _QUAL, _TO, _WEAK_APPROX, _APPROX):
            return False
        if prev.word in lex.lead_words:
            return True
        if i >= 2 and self.toks[i - 2].kind in (_WORD, _QUAL):
            return f"{self.toks[i - 2].word} {prev.word}" in lex.lead_pairs
        return False

    def year_at(self, i: int, *, comma: bool) -> tuple[int, int, int] | None:
        """A year at token *i* (after an optional comma): ``(year, era, next index)``."""
        j = i + 1 if comma and self.kind(i) == _SEP else i
        t = self.toks[j] if j < self.n else None
        if t is None:
            return None
        if t.kind == _ERA and t.value > 0 and self.kind(j + 1) == _NUM:
            return self.toks[j + 1].value, 1, j + 2
        if t.kind != _NUM or t.digits > 4:
            return None
        if self.kind(j + 1) == _ERA:
            return t.value, self.toks[j + 1].value, j + 2
        if t.digits >= 3:
            if comma and j > i and self.prose and not self._year_may_end(j + 1):
                return None
            return t.value, 0, j + 1
        return None

    def _before_name(self, i: int, k: int) -> bool:
        """Prose: a four-digit number between a name lead ("the", "of") and a capitalised
        word or punctuation is a year: "The 2021 Battle of ...", "the Revolution of 2019,"."""
        prev = self.toks[i - 1] if i >= 1 else None
        if prev is None or prev.kind != _WORD or prev.word not in self.lex.name_leads or self.toks[i].digits != 4:
            return False
        nxt = self.toks[k] if k < self.n else None
        return nxt is None or (nxt.kind == _WORD and nxt.cap) or nxt.kind in (_SEP, _SEMI, _OTHER, _COLON)

    def _year_may_end(self, i: int) -> bool:
        """Prose: the token after a comma-year does not show the number was a count."""
        t = self.toks[i] if i < self.n else None
        return t is None or t.kind != _WORD or t.cap or t.word in self.lex.after_year

    def day_at(self, i: int) -> int | None:
        t = self.toks[i] if i < self.n else None
        if t is not None and t.kind in (_NUM, _ORD) and t.digits <= 2 and 1 <= t.value <= 31:
            return t.value
        return None

    def month_at(self, i: int) -> int | None:
        t = self.toks[i] if i < self.n else None
        if t is None or t.kind != _MONTH or (self.prose and not t.cap):
            return None
        return t.value

    def numbered_month(self, i: int) -> tuple[int, int, int] | None:
        """``13th day of the 4th month`` at *i*: ``(day, month, next index)``."""
        lex = self.lex
        if self.kind(i) != _ORD or self.kind(i + 1) != _WORD or self.toks[i + 1].word not in lex.nm_day:
            return None
        j = i + 2
        while self.kind(j) == _WORD and self.toks[j].word in lex.nm_joiners:
            j += 1
        if self.kind(j) != _ORD or self.kind(j + 1) != _WORD or self.toks[j + 1].word not in lex.nm_month:
            return None
        day, month = self.toks[i].value, self.toks[j].value
        if not 1 <= month <= 13 or not 1 <= day <= 30:
            return None
        return day, month, j + 2

    def point(self, i: int) -> tuple[_Pt, int] | None:
        """Read one point starting at token *i*: ``(point, next index)`` or ``None``."""
        if self.kind(i) not in _POINT_START:
            return None  # most tokens: nothing below could read a point here
        first = i
        approx = lead = weak = False
        while self.kind(i) in (_APPROX, _QUAL, _WEAK_APPROX):
            approx = True
            weak = weak or self.toks[i].kind == _WEAK_APPROX
            lead = lead or self.toks[i].kind != _WEAK_APPROX
            i += 1
            if self.kind(i) == _WORD and self.toks[i].word in self.lex.day_of:  # "end of"
                i += 1
        if i >= self.n:
            return None
        # "by around 250 rebels": a plain approximation word makes no year of a number
        lead = lead or (self.prose and not weak and self._lead_before(first))
        begin = self.toks[first].begin
        base = {"approx": approx, "lead": lead}
        month = self.month_at(i)
        if month is not None:
            return self._month_first(i, month, begin, base)
        day = self.day_at(i)
        if day is not None:
            found = self._day_first(i, day, begin, base)
            if found is not None:
                return found
        year = self.year_at(i, comma=False)
        if year is not None:
            return self._year_first(i, year, begin, base)
        return None

    def _month_first(self, i: int, month: int, begin: int, base: dict[str, bool]) -> tuple[_Pt, int] | None:
        j = i + 1
        day = self.day_at(j)
        if day is not None and self.kind(j + 1) not in (_ERA,):
            k = j + 1
            if self.kind(k) == _WORD and self.toks[k].word in self.lex.day_of:  # "June 26 of 1991"
                k += 1
            year = self.year_at(k, comma=True)
            if year is not None:
                return _Pt(begin, self.toks[year[2] - 1].stop, year[0], year[1], month, day, **base), year[2]
            return _Pt(begin, self.toks[j].stop, None, 0, month, day, **base), j + 1
        if self.kind(j) == _WORD and self.toks[j].word in self.lex.day_of:  # "May of 2021"
            year = self.year_at(j + 1, comma=False)
        else:
            year = self.year_at(j, comma=not self.prose)
        if year is not None:
            return _Pt(begin, self.toks[year[2] - 1].stop, year[0], year[1], month, **base), year[2]
        if self.prose and (self.toks[i].word in self.lex.month_abbrevs or not base["lead"]):
            return None  # "May" alone is a month only after a lead word ("in May")
        return _Pt(begin, self.toks[i].stop, None, 0, month, **base), j

    def _day_first(self, i: int, day: int, begin: int, base: dict[str, bool]) -> tuple[_Pt, int] | None:
        j = i + 1
        if self.kind(j) == _WORD and self.toks[j].word in self.lex.day_of and self.month_at(j + 1):
            j += 1
        month = self.month_at(j)
        if month is not None:
            stop, k = self.toks[j].stop, j + 1
            alt = None
            if self.kind(k) == _PAREN:  # dual dating: "24 April (6 May) 1827"
                alt = self._alternative(self.toks[k])
                if alt is not None and self.year_at(k + 1, comma=False) is not None:
                    k += 1
                else:
                    alt = None
            year = self.year_at(k, comma=True)
            if year is not None:
                stop, k = self.toks[year[2] - 1].stop, year[2]
                if alt is not None:
                    alt = replace(alt, year=year[0], era=year[1])
            return _Pt(begin, stop, *(year[:2] if year else (None, 0)), month, day, alt=alt, **base), k
        nm = self.numbered_month(i)
        if nm is not None:
            return _Pt(begin, self.toks[nm[2] - 1].stop, None, 0, nm[1], nm[0], **base), nm[2]
        if self.toks[i].kind == _ORD and self.kind(j) not in (_DASH, _TO, _AND, _SEP):
            return None  # "the 4th Brigade"; "3rd–5th March" goes on
        nxt = self.toks[j] if j < self.n else None
        if self.prose and nxt is not None and nxt.kind == _WORD and not nxt.cap:
            return None  # "20 soldiers" is a count
        year = self.year_at(j, comma=True)
        if year is not None and year[1] == 0 and self.toks[year[2] - 1].digits >= 3:
            return _Pt(begin, self.toks[year[2] - 1].stop, year[0], 0, None, day, **base), year[2]
        return _Pt(begin, self.toks[i].stop, None, 0, None, day, **base), j

    def _year_first(self, i: int, year: tuple[int, int, int], begin: int, base: dict[str, bool]) -> tuple[_Pt, int]:
        k = year[2]
        if self.prose and not base["lead"] and year[1] == 0 and self._before_name(i, k):
            base = base | {"lead": True}
        pt = _Pt(begin, self.toks[k - 1].stop, year[0], year[1], **base)
        if not self.prose:  # "1592 (Wanli 20), 13th day of the 4th month"
            j = k
            while self.kind(j) == _PAREN:
                j += 1
            if self.kind(j) == _SEP:
                j += 1
            nm = self.numbered_month(j)
            if nm is not None:
                return replace(pt, stop=self.toks[nm[2] - 1].stop, month=nm[1], day=nm[0]), nm[2]
        return pt, k

    def _alternative(self, paren: _Tok) -> _Pt | None:
        inner = _Reader(_tokenize(self.text, paren.begin + 1, paren.stop - 1, self.lex), self.text, False, self.lex)
        found = inner.point(0)
        if found is None or found[1] != inner.n or found[0].day is None or found[0].month is None:
            return None
        return found[0] if found[0].year is None else None

    def item(self, i: int) -> tuple[_Item, int] | None:
        """Read a point or a range starting at token *i*, with its trailing notes."""
        found = self.point(i)
        if found is None:
            return None
        start, j = found
        end: _Pt | None = None
        ongoing = False
        stop = start.stop
        between = i > 0 and self.toks[i - 1].kind == _WORD and self.toks[i - 1].word in self.lex.between_words
        if self.kind(j) in (_DASH, _TO) or (self.kind(j) == _AND and between):
            if self.kind(j + 1) == _PRESENT:
                ongoing, stop, j = True, self.toks[j + 1].stop, j + 2
            else:
                nxt = self.point(j + 1)
                if start.shape == "year" and (nxt is None or nxt[0].shape == "day"):
                    nxt = self._short_year(j + 1, start) or nxt  # "2014–17"
                if nxt is not None:
                    end, j = nxt
                    stop = end.stop
        after = self.toks[j] if j < self.n else None
        it = _Item(
            start, end, ongoing, i, j, stop, self.strong(start, end),
            counted=after is not None and after.kind == _WORD and not after.cap and after.word not in self.lex.after_year,
            approx=start.approx or (end is not None and end.approx),
        )
        while self.kind(j) == _PAREN:
            noted = self._note(it, self.toks[j])
            if noted is None:
                break
            it, j = noted, j + 1
        return it, j

    def _short_year(self, i: int, start: _Pt) -> tuple[_Pt, int] | None:
        t = self.toks[i] if i < self.n else None
        if t is None or t.kind != _NUM or t.digits != 2 or self.kind(i + 1) in (_MONTH, _ERA):
            return None
        century = start.year - start.year % 100
        year = century + t.value if century + t.value > start.year else century + 100 + t.value
        return _Pt(t.begin, t.stop, year, start.era), i + 1

    def strong(self, start: _Pt, end: _Pt | None) -> bool:
        """Prose: does the item stand as a date by itself? A full date (a month with a day or
        a year) does, a month or a year after a lead word or with an era does, and so does
        a dash range of two years of three or four digits. Infobox items always do."""
        if not self.prose:
            return True
        for pt in (start, end):
            if pt is not None and (pt.shape == "date" or (pt.shape in ("month", "year") and (pt.lead or pt.era))):
                return True
        return (
            end is not None and start.shape == end.shape == "year"
            and (start.year or 0) >= 100 and end.year is not None
        )

    def _note(self, it: _Item, paren: _Tok) -> _Item | None:
        """Read a parenthesised note after a date: a calendar, an approximation, a duration,
        a label, or (infobox only) any other note, which is skipped. ``None``: not a note
        (prose keeps it to read the dates inside)."""
        lex = self.lex
        inner = self.text[paren.begin + 1 : paren.stop - 1].strip()
        cal = lex.calendar_re.search(inner)
        if cal is not None:
            return replace(it, calendar=lex.calendars[cal.group().lower()])
        words = set(_NOTE_WORD.findall(inner.lower()))
        if words & lex.approx_notes:
            return replace(it, approx=True)
        if lex.duration_re.match(inner):
            return it
        if self.prose:
            return None
        if words & lex.label_words:
            return replace(it, label=inner)
        return it


_NOTE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_APART, _NEAR, _JOINED = range(3)


def _scan(text: str, *, prose: bool) -> list[tuple[_Item, int]]:
    """Read every item of *text*; each comes with how it is linked to the next one:
    ``_JOINED`` (nothing but commas and an ``and``), ``_NEAR`` (nothing but commas and
    semicolons) or ``_APART`` (words, a label, a parenthesis). Linked items may share a month
    and a year."""
    lex = _lex()
    return _read_items(_Reader(_tokenize(text, 0, len(text), lex), text, prose, lex))


def _read_items(reader: _Reader) -> list[tuple[_Item, int]]:
    """The loop of :func:`_scan` over one token list (prose reads parentheses recursively)."""
    toks, text, prose = reader.toks, reader.text, reader.prose
    items: list[_Item] = []
    joined: list[int] = []
    label: str | None = None
    seg_begin = toks[0].begin if toks else 0
    link = _APART  # what stands between the last item and the current token
    i = 0
    while i < reader.n:
        t = toks[i]
        if t.kind == _COLON and not prose:
            label = text[seg_begin : t.begin].strip(" ,;") or None
            seg_begin, link = t.stop, _APART
            i += 1
            continue
        if t.kind in (_SEP, _SEMI, _AND):
            if t.kind == _AND:
                link = _JOINED if link != _APART else link
            else:
                seg_begin = t.stop
            i += 1
            continue
        if t.kind == _PAREN and prose:  # "The Battle of Benghazi (2014–2017) was ..."
            inner = _Reader(_tokenize(text, t.begin + 1, t.stop - 1, reader.lex), text, prose, reader.lex)
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
        found = reader.item(i)
        if found is None:
            link = _APART
            i += 1
            continue
        it, j = found
        if it.label is None and label is not None:
            it = replace(it, label=label)
        if items:
            joined[-1] = link if items[-1].label == it.label else _APART
        items.append(it)
        joined.append(_APART)
        alt = it.start.alt
        if alt is not None:
            # the alternative is in the other calendar, which the value does not name
            items.append(replace(it, start=alt, end=None, stop=alt.stop, approx=alt.approx, calendar=None))
            joined.append(_APART)
        seg_begin, link = toks[j - 1].stop, _NEAR
        i = j
    return list(zip(items, joined))


def _fill_range(it: _Item) -> _Item:
    """Complete the two ends of a range from each other: "17–25 January 2012"."""
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


def _share(src: _Pt, dst: _Pt) -> _Pt:
    """Give *dst* the month (when it has a bare day) and the year it lacks, from *src*."""
    if dst.day is not None and dst.month is None and src.month is not None:
        dst = replace(dst, month=src.month)
    if dst.year is None and src.year is not None and (dst.month is not None or dst.day is None):
        dst = replace(dst, year=src.year, era=src.era)
    return dst


def _take(it: _Item, src: _Pt) -> _Item:
    """Fill the item's last point from *src* (the next item's start), then its start."""
    if it.end is None:
        return replace(it, start=_share(src, it.start))
    end = _share(src, it.end)
    return replace(it, start=_share(end, it.start), end=end)


def _take_forward(it: _Item, src: _Pt) -> _Item:
    """Give a bare first day the month of *src* (the previous item's last point)."""
    if it.start.month is not None or it.start.day is None:
        return it
    start = _share(src, it.start)
    return replace(it, start=start, end=_share(start, it.end) if it.end is not None else None)


def _promoted(before: _Item, after: _Item, link: int) -> bool:
    """Prose: a weak item becomes a date when it took its month from a linked date
    ("June 16 and 17"), or is a year joined by "and" to a year ("since 2016 and 2017")."""
    if before.start.shape == "day":
        return after.start.month is not None
    return link == _JOINED and after.start.shape == "year" and not after.counted


def _fill(pairs: list[tuple[_Item, int]], prose: bool) -> list[_Item]:
    items = [_fill_range(it) for it, _ in pairs]
    links = [link for _, link in pairs]
    for k in range(len(items) - 2, -1, -1):  # backward: "20 and 29 June 1812"
        nxt = items[k + 1]
        if links[k] != _APART and (nxt.strong or not prose):
            got = _take(items[k], nxt.start)
            items[k] = replace(got, strong=got.strong or _promoted(items[k], got, links[k]))
    for k in range(1, len(items)):  # forward: "June 16 and 17", "since 2016 and 2017"
        prev = items[k - 1]
        if links[k - 1] != _APART and (prev.strong or not prose):
            got = _take_forward(items[k], prev.end or prev.start)
            items[k] = replace(got, strong=got.strong or _promoted(items[k], got, links[k - 1]))
    return items


def _build(it: _Item, text: str, default_year: int | None) -> DateRange | str | None:
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


def _to_date(pt: _Pt, default_year: int | None) -> PartialDate | str | None:
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


# --------------------------------------------------------------------------- public API


def parse_dates(text: str, *, default_year: int | None = None) -> list[DateRange]:
    """Every date or range of an infobox ``Date`` value (after ``clean_value``), in order.

    Raises :class:`~kg.errors.DateParseError` when the value holds no date, or holds an
    impossible one (``31 February``, an end before its start).
    """
    out: list[DateRange] = []
    for it in _fill(_scan(text, prose=False), prose=False):
        got = _build(it, text, default_year)
        if isinstance(got, str):
            raise DateParseError(f"{got} in date value {text!r}")
        if got is not None:
            out.append(got)
    if not out:
        raise DateParseError(f"no date (with a year) in date value {text!r}")
    return out


def parse_date(text: str, *, default_year: int | None = None) -> DateRange:
    """The first date or range of an infobox ``Date`` value; see :func:`parse_dates`."""
    return parse_dates(text, default_year=default_year)[0]


def find_dates(text: str, *, default_year: int | None = None) -> list[DateRange]:
    """Dates and date ranges inside a prose sentence, offsets relative to *text*.

    A date without a year takes *default_year*, or is skipped; impossible dates are
    skipped. Times of day are not dates: see :func:`find_times`.
    """
    out: list[DateRange] = []
    if not _lex().hint_re.search(text.lower()):  # every date has a number or a month in it
        return out
    for it in _fill(_scan(text, prose=True), prose=True):
        if not it.strong:
            continue
        got = _build(it, text, default_year)
        if isinstance(got, DateRange):
            out.append(got)
    return out


def find_times(text: str) -> list[TimeOfDay]:
    """Clock times in a sentence: ``at 3.30 am``, ``Between 3 and 4am``, ``at 19:00``, ``noon``.

    Relative words (``dawn``, ``night``) are not times. Hours are returned on the 24-hour
    clock; a range whose start has no am/pm takes the end's (``3 and 4am`` is 3:00-4:00)
    unless that would put the start after the end (``11 to 1pm`` starts at 11:00).
    """
    lex = _lex()
    out: list[TimeOfDay] = []
    if not lex.time_hint_re.search(text.lower()):  # every time has a number or a named time in it
        return out
    pos = 0
    while True:
        rng = lex.time_range_re.search(text, pos)
        one = lex.time_re.search(text, pos)
        if rng is not None and (one is None or rng.start() <= one.start()):
            got = _time_range(rng, lex)
            if got is not None:
                out.append(got)
                pos = rng.end()
                continue
        if one is None:
            if rng is None:
                return out
            pos = rng.start() + 1  # not a valid range ("13 to 14pm"): look past its start
            continue
        got = _time_single(one, lex)
        if got is not None:
            out.append(got)
        pos = one.end()


def _clock(hour: int, minute: int, suffix: str | None, lex: _Lex) -> tuple[int, int] | None:
    if suffix is not None:
        suffix = suffix.lower()
        if not 1 <= hour <= 12:
            return None
        if suffix in lex.am:
            hour = 0 if hour == 12 else hour
        elif suffix in lex.pm:
            hour = 12 if hour == 12 else hour + 12
    if not 0 <= hour <= 23:
        return None
    return hour, minute


def _time_single(m: re.Match[str], lex: _Lex) -> TimeOfDay | None:
    if m.group("named"):
        hour, minute = lex.named_times[m.group("named").lower()]
        return TimeOfDay(hour, minute, None, None, m.group(), m.start(), m.end())
    if m.group("h24"):
        return TimeOfDay(int(m.group("h24")), int(m.group("m24")), None, None, m.group(), m.start(), m.end())
    got = _clock(int(m.group("h1")), int(m.group("m1") or 0), m.group("s1"), lex)
    if got is None or (m.group("o1") and not 1 <= int(m.group("h1")) <= 12):
        return None
    return TimeOfDay(got[0], got[1], None, None, m.group(), m.start(), m.end())


def _time_range(m: re.Match[str], lex: _Lex) -> TimeOfDay | None:
    suffix = m.group("s2")
    end = _clock(int(m.group("h2")), int(m.group("m2") or 0), suffix, lex)
    if end is None:
        return None
    h0, m0 = int(m.group("h0")), int(m.group("m0") or 0)
    start = _clock(h0, m0, m.group("s0") or suffix, lex)
    if start is not None and start > end and m.group("s0") is None:
        start = _clock(h0, m0, None, lex)  # "11 to 1pm": the start stays in the morning
    if start is None:
        return None
    return TimeOfDay(start[0], start[1], end[0], end[1], m.group(), m.start(), m.end())
