"""The date grammar: the recursive-descent reader of points and ranges.

A :class:`Reader` over the tokens of :func:`kg.parse.date_tokens.tokenize` reads
*points* (``12 March 1911``, ``June 9``, ``August, 1702``, ``498 BC``, a bare day ``17``) and
*items* (a point, ``point – point`` or ``point – present``, with the notes after it). The same
reader serves infobox values and prose; in prose (``Reader.prose``) it is stricter, as
:mod:`kg.parse.dates` describes. Filling what a point leaves out from its neighbours is done
by :mod:`kg.parse.dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TypedDict

from .date_lexicon import DateLexicon
from .date_tokens import (
    AND,
    APPROX,
    COLON,
    DASH,
    DECADE,
    ERA,
    ISO,
    MONTH,
    NUM,
    ORD,
    OTHER,
    PAREN,
    POINT_START,
    PRESENT,
    QUAL,
    SEMI,
    SEP,
    TO,
    WEAK_APPROX,
    WORD,
    Token,
    tokenize,
)

__all__ = ["Point", "Item", "Reader"]

# --------------------------------------------------------------------------- grammar


class _Marks(TypedDict):
    """What a point carries from the words before it."""

    approx: bool
    lead: bool


@dataclass(frozen=True, slots=True)
class Point:
    """A point as written, before its missing parts are filled from its neighbours."""

    begin: int
    stop: int
    year: int | None = None  # as written, positive
    era: int = 0  # -1 before, +1 after the epoch, 0 unmarked
    month: int | None = None
    day: int | None = None
    approx: bool = False
    lead: bool = False  # prose: preceded by a lead word, qualifier or dotted approximation
    alt: Point | None = None  # dual dating: "3 March (15 March) 1841", "9 June [O.S. 30 May] 1688"
    calendar: str | None = None  # the calendar a dual dating's alternative is marked with ("O.S.")
    decade: bool = False  # "1230s": year is the decade's first year
    invalid: str | None = None  # why the written date is impossible ("July 40"): never read as another

    @property
    def shape(self) -> str:
        if self.month is not None:
            return "date" if self.day is not None or self.year is not None else "month"
        if self.day is not None:
            return "day"
        return "year"


@dataclass(frozen=True, slots=True)
class Item:
    """A date or range as read: ``end`` is ``None`` for a single date and for an ongoing
    range (``ongoing`` tells them apart)."""

    start: Point
    end: Point | None
    ongoing: bool
    first: int  # index of the first token
    last: int  # index after the last token
    stop: int  # offset after the last character of the date (before notes)
    strong: bool = True  # prose: stands as a date by itself (see Reader.strong)
    counted: bool = False  # prose: followed by a lower-case word ("2017 soldiers")
    approx: bool = False
    label: str | None = None
    calendar: str | None = None


class Reader:
    """Recursive-descent reader over one token list; every method reads from a token index."""

    __slots__ = ("toks", "text", "prose", "lex", "n")

    def __init__(self, toks: list[Token], text: str, prose: bool, lex: DateLexicon) -> None:
        self.toks, self.text, self.prose, self.lex, self.n = toks, text, prose, lex, len(toks)

    def kind(self, i: int) -> int:
        return self.toks[i].kind if 0 <= i < self.n else -1

    def _lead_before(self, i: int) -> bool:
        """Prose: a lead word ("in", "since", "summer of" ...) stands right before token *i*."""
        lex = self.lex
        prev = self.toks[i - 1] if i >= 1 else None
        if prev is None or prev.kind not in (WORD, QUAL, TO, WEAK_APPROX, APPROX):
            return False
        if prev.word in lex.lead_words:
            return True
        if i >= 2 and self.toks[i - 2].kind in (WORD, QUAL):
            return f"{self.toks[i - 2].word} {prev.word}" in lex.lead_pairs
        return False

    def year_at(self, i: int, *, comma: bool) -> tuple[int, int, int] | None:
        """A year at token *i* (after an optional comma): ``(year, era, next index)``."""
        j = i + 1 if comma and self.kind(i) == SEP else i
        t = self.toks[j] if j < self.n else None
        if t is None:
            return None
        if t.kind == ERA and t.value > 0 and self.kind(j + 1) == NUM:
            return self.toks[j + 1].value, 1, j + 2
        if t.kind != NUM or t.digits > 4:
            return None
        if self.kind(j + 1) == ERA:
            return t.value, self.toks[j + 1].value, j + 2
        if t.digits >= 3:
            if comma and j > i and self.prose and not self._year_may_end(j + 1):
                return None
            return t.value, 0, j + 1
        return None

    def _before_name(self, i: int, k: int) -> bool:
        """Prose: a four-digit number between a name lead ("the", "of") and a capitalised
        word or punctuation is a year: "The 1911 Battle of ...", "the Revolution of 1907,"."""
        prev = self.toks[i - 1] if i >= 1 else None
        if prev is None or prev.kind != WORD or prev.word not in self.lex.name_leads or self.toks[i].digits != 4:
            return False
        nxt = self.toks[k] if k < self.n else None
        return nxt is None or (nxt.kind == WORD and nxt.cap) or nxt.kind in (SEP, SEMI, OTHER, COLON)

    def _year_may_end(self, i: int) -> bool:
        """Prose: the token after a comma-year does not show the number was a count."""
        t = self.toks[i] if i < self.n else None
        return t is None or t.kind != WORD or t.cap or t.word in self.lex.after_year

    def day_at(self, i: int) -> int | None:
        t = self.toks[i] if i < self.n else None
        if t is not None and t.kind in (NUM, ORD) and t.digits <= 2 and 1 <= t.value <= 31:
            return t.value
        return None

    def month_at(self, i: int) -> int | None:
        t = self.toks[i] if i < self.n else None
        if t is None or t.kind != MONTH or (self.prose and not t.cap):
            return None
        return t.value

    def numbered_month(self, i: int) -> tuple[int, int, int] | None:
        """``11th day of the 5th month`` at *i*: ``(day, month, next index)``."""
        lex = self.lex
        if self.kind(i) != ORD or self.kind(i + 1) != WORD or self.toks[i + 1].word not in lex.nm_day:
            return None
        j = i + 2
        while self.kind(j) == WORD and self.toks[j].word in lex.nm_joiners:
            j += 1
        if self.kind(j) != ORD or self.kind(j + 1) != WORD or self.toks[j + 1].word not in lex.nm_month:
            return None
        day, month = self.toks[i].value, self.toks[j].value
        if not 1 <= month <= 13 or not 1 <= day <= 30:
            return None
        return day, month, j + 2

    def point(self, i: int) -> tuple[Point, int] | None:
        """Read one point starting at token *i*: ``(point, next index)`` or ``None``."""
        if self.kind(i) not in POINT_START:
            return None  # most tokens: nothing below could read a point here
        t = self.toks[i]
        if t.kind == ISO:  # "2009-07-04": an impossible one stays impossible (PartialDate refuses it)
            return Point(t.begin, t.stop, t.value // 10000, 0, t.value // 100 % 100, t.value % 100, lead=True), i + 1
        first = i
        approx = lead = weak = False
        while self.kind(i) in (APPROX, QUAL, WEAK_APPROX):
            approx = True
            weak = weak or self.toks[i].kind == WEAK_APPROX
            lead = lead or self.toks[i].kind != WEAK_APPROX
            i += 1
            if self.kind(i) == WORD and self.toks[i].word in self.lex.day_of:  # "end of"
                i += 1
        if i >= self.n:
            return None
        # "by around 250 rebels": a plain approximation word makes no year of a number
        lead = lead or (self.prose and not weak and self._lead_before(first))
        begin = self.toks[first].begin
        base: _Marks = {"approx": approx, "lead": lead}
        month = self.month_at(i)
        if month is not None:
            return self._month_first(i, month, begin, base)
        if self.kind(i) == DECADE:
            return self._decade(i, begin, base)
        if self.month_at(i + 1) is not None:  # "40 July 2009"
            bad = self._impossible_day(i, self.text[begin : self.toks[i + 1].stop])
            if bad is not None:
                return replace(bad, begin=begin), i + 2
        day = self.day_at(i)
        if day is not None:
            found = self._day_first(i, day, begin, base)
            if found is not None:
                return found
        year = self.year_at(i, comma=False)
        if year is not None:
            return self._year_first(i, year, begin, base)
        return None

    def _decade(self, i: int, begin: int, base: _Marks) -> tuple[Point, int] | None:
        """A decade, infobox values only ("1230s", "c. 1990s"): in prose a decade is never a date."""
        t = self.toks[i]
        if self.prose or t.digits < 3 or t.value % 10:
            return None
        if self.kind(i + 1) == ERA:  # "490s BC"
            return Point(begin, self.toks[i + 1].stop, t.value, self.toks[i + 1].value, decade=True, **base), i + 2
        return Point(begin, t.stop, t.value, 0, decade=True, **base), i + 1

    def _impossible_day(self, i: int, what: str) -> Point | None:
        """Infobox values: a one- or two-digit number next to a month that is no day of a month
        ("July 40", "40 July") makes the date impossible; it is never read as another date."""
        t = self.toks[i] if i < self.n else None
        if self.prose or t is None or t.kind != NUM or t.digits > 2 or 1 <= t.value <= 31:
            return None
        return Point(t.begin, t.stop, invalid=f"no day {t.value} in a month: {what!r}")

    def _month_first(self, i: int, month: int, begin: int, base: _Marks) -> tuple[Point, int] | None:
        j = i + 1
        bad = self._impossible_day(j, self.text[begin : self.toks[j].stop] if j < self.n else "")
        if bad is not None:
            return replace(bad, begin=begin), j + 1
        day = self.day_at(j)
        if day is not None and self.kind(j + 1) not in (ERA,):
            k = j + 1
            if self.kind(k) == WORD and self.toks[k].word in self.lex.day_of:  # "June 9 of 1907"
                k += 1
            year = self.year_at(k, comma=True)
            if year is not None:
                return Point(begin, self.toks[year[2] - 1].stop, year[0], year[1], month, day, **base), year[2]
            return Point(begin, self.toks[j].stop, None, 0, month, day, **base), j + 1
        if self.kind(j) == WORD and self.toks[j].word in self.lex.day_of:  # "May of 1911"
            year = self.year_at(j + 1, comma=False)
        else:
            year = self.year_at(j, comma=not self.prose)
        if year is not None:
            return Point(begin, self.toks[year[2] - 1].stop, year[0], year[1], month, **base), year[2]
        if self.prose and (self.toks[i].word in self.lex.month_abbrevs or not base["lead"]):
            return None  # "May" alone is a month only after a lead word ("in May")
        return Point(begin, self.toks[i].stop, None, 0, month, **base), j

    def _day_first(self, i: int, day: int, begin: int, base: _Marks) -> tuple[Point, int] | None:
        j = i + 1
        if self.kind(j) == WORD and self.toks[j].word in self.lex.day_of and self.month_at(j + 1):
            j += 1
        month = self.month_at(j)
        if month is not None:
            stop, k = self.toks[j].stop, j + 1
            alt = None
            if self.kind(k) == PAREN:  # dual dating: "3 March (15 March) 1841"
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
            written, era = (year[0], year[1]) if year else (None, 0)
            return Point(begin, stop, written, era, month, day, alt=alt, **base), k
        nm = self.numbered_month(i)
        if nm is not None:
            return Point(begin, self.toks[nm[2] - 1].stop, None, 0, nm[1], nm[0], **base), nm[2]
        if self.toks[i].kind == ORD and self.kind(j) not in (DASH, TO, AND, SEP):
            return None  # "the 4th Brigade"; "3rd–5th March" goes on
        nxt = self.toks[j] if j < self.n else None
        if self.prose and nxt is not None and nxt.kind == WORD and not nxt.cap:
            return None  # "20 soldiers" is a count
        year = self.year_at(j, comma=True)
        if year is not None and year[1] == 0 and self.toks[year[2] - 1].digits >= 3:
            return Point(begin, self.toks[year[2] - 1].stop, year[0], 0, None, day, **base), year[2]
        return Point(begin, self.toks[i].stop, None, 0, None, day, **base), j

    def _year_first(self, i: int, year: tuple[int, int, int], begin: int, base: _Marks) -> tuple[Point, int]:
        k = year[2]
        if self.prose and not base["lead"] and year[1] == 0 and self._before_name(i, k):
            base = {"approx": base["approx"], "lead": True}
        pt = Point(begin, self.toks[k - 1].stop, year[0], year[1], **base)
        if not self.prose:  # "1592 (Wanli 20), 13th day of the 4th month"
            j = k
            while self.kind(j) == PAREN:
                j += 1
            if self.kind(j) == SEP:
                j += 1
            nm = self.numbered_month(j)
            if nm is not None:
                return replace(pt, stop=self.toks[nm[2] - 1].stop, month=nm[1], day=nm[0]), nm[2]
        return pt, k

    def _alternative(self, paren: Token, *, year: bool = False) -> Point | None:
        """The same day in another calendar, in a parenthesis: ``(6 May)``, ``[O.S. 30 May]``,
        after the year also ``(O.S. 9 June)`` (*year*: the point may carry its own year). A leading
        calendar marker is the alternative's calendar."""
        begin, calendar = paren.begin + 1, None
        while begin < paren.stop - 1 and self.text[begin].isspace():
            begin += 1
        cal = self.lex.calendar_re.match(self.text, begin, paren.stop - 1)
        if cal is not None:  # "[O.S. 30 May]", "(O.S.: 3 March)"
            begin, calendar = cal.end(), self.lex.calendars[cal.group().lower()]
            while begin < paren.stop - 1 and (self.text[begin].isspace() or self.text[begin] == ":"):
                begin += 1
        inner = Reader(tokenize(self.text, begin, paren.stop - 1, self.lex), self.text, False, self.lex)
        found = inner.point(0)
        if found is None or found[1] != inner.n or found[0].day is None or found[0].month is None:
            return None
        if found[0].year is not None and not year:
            return None
        return replace(found[0], calendar=calendar)

    def item(self, i: int) -> tuple[Item, int] | None:
        """Read a point or a range starting at token *i*, with its trailing notes."""
        found = self.point(i)
        if found is None:
            return None
        start, j = found
        end: Point | None = None
        ongoing = False
        stop = start.stop
        between = i > 0 and self.toks[i - 1].kind == WORD and self.toks[i - 1].word in self.lex.between_words
        if self.kind(j) in (DASH, TO) or (self.kind(j) == AND and between):
            if self.kind(j + 1) == PRESENT:
                ongoing, stop, j = True, self.toks[j + 1].stop, j + 2
            else:
                nxt = self.point(j + 1)
                if start.shape == "year" and (nxt is None or nxt[0].shape == "day"):
                    nxt = self._short_year(j + 1, start) or nxt  # "2014–17"
                if nxt is not None:
                    end, j = nxt
                    stop = end.stop
        after = self.toks[j] if j < self.n else None
        it = Item(
            start,
            end,
            ongoing,
            i,
            j,
            stop,
            self.strong(start, end),
            counted=after is not None
            and after.kind == WORD
            and not after.cap
            and after.word not in self.lex.after_year,
            approx=start.approx or (end is not None and end.approx),
        )
        while self.kind(j) == PAREN:
            noted = self._note(it, self.toks[j])
            if noted is None:
                break
            it, j = noted, j + 1
        return it, j

    def _short_year(self, i: int, start: Point) -> tuple[Point, int] | None:
        t = self.toks[i] if i < self.n else None
        if t is None or t.kind != NUM or t.digits != 2 or self.kind(i + 1) in (MONTH, ERA) or start.year is None:
            return None
        century = start.year - start.year % 100
        year = century + t.value if century + t.value > start.year else century + 100 + t.value
        if year - start.year > self.lex.short_year_span and century + t.value <= start.year:
            # "1998–97" is no range: never 2097 (a short end crosses a century only to a near year: "1999–00")
            return Point(
                t.begin, t.stop, invalid=f"a range cannot end before it starts: {self.text[start.begin : t.stop]!r}"
            ), i + 1
        return Point(t.begin, t.stop, year, start.era), i + 1

    def strong(self, start: Point, end: Point | None) -> bool:
        """Prose: does the item stand as a date by itself? A full date (a month with a day or
        a year) does, a month or a year after a lead word or with an era does, and so does
        a dash range of two years of three or four digits. Infobox items always do."""
        if not self.prose:
            return True
        for pt in (start, end):
            if pt is not None and (pt.shape == "date" or (pt.shape in ("month", "year") and (pt.lead or pt.era))):
                return True
        return (
            end is not None and start.shape == end.shape == "year" and (start.year or 0) >= 100 and end.year is not None
        )

    def _note(self, it: Item, paren: Token) -> Item | None:
        """Read a parenthesised note after a date: a calendar, an approximation, a duration,
        a label, or (infobox only) any other note, which is skipped. ``None``: not a note
        (prose keeps it to read the dates inside)."""
        lex = self.lex
        inner = self.text[paren.begin + 1 : paren.stop - 1].strip()
        cal = lex.calendar_re.search(inner)
        if cal is not None:
            alt = self._alternative(paren, year=True) if it.start.alt is None and it.start.day is not None else None
            if alt is not None and alt.calendar is not None:  # "19 June 1688 (O.S. 9 June)"
                alt = alt if alt.year is not None else replace(alt, year=it.start.year, era=it.start.era)
                return replace(it, start=replace(it.start, alt=alt))
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
