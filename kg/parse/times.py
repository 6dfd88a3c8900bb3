"""Find times of day in a sentence: ``at 2.45 am``, ``Between 2 and 3am``, ``at 19:00``, ``noon``.

The patterns (12- and 24-hour clock times, named times, ranges of them) are compiled from
``data/lexicons/dates.toml`` in :mod:`kg.parse.date_lexicon`.
"""

from __future__ import annotations

import re

from .date_lexicon import DateLexicon, date_lexicon
from .date_types import TimeOfDay

__all__ = ["find_times"]


def find_times(text: str) -> list[TimeOfDay]:
    """Clock times in a sentence: ``at 2.45 am``, ``Between 2 and 3am``, ``at 19:00``, ``noon``.

    Relative words (``dawn``, ``night``) are not times. Hours are returned on the 24-hour
    clock, with whether minutes were written (``4am`` is an hour) and whether a range is read as
    the bounds of one moment (``between 2 and 3am``); a range whose start has no am/pm takes the end's (``2 and 3am`` is 2:00-3:00)
    unless that would put the start after the end (``11 to 1pm`` starts at 11:00).
    """
    lex = date_lexicon()
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


def _clock(hour: int, minute: int, suffix: str | None, lex: DateLexicon) -> tuple[int, int] | None:
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


def _time_single(m: re.Match[str], lex: DateLexicon) -> TimeOfDay | None:
    if m.group("named"):
        hour, minute = lex.named_times[m.group("named").lower()]
        return TimeOfDay(hour, minute, None, None, m.group(), m.start(), m.end())
    if m.group("h24"):
        return TimeOfDay(int(m.group("h24")), int(m.group("m24")), None, None, m.group(), m.start(), m.end())
    got = _clock(int(m.group("h1")), int(m.group("m1") or 0), m.group("s1"), lex)
    if got is None or (m.group("o1") and not 1 <= int(m.group("h1")) <= 12):
        return None
    return TimeOfDay(got[0], got[1], None, None, m.group(), m.start(), m.end(), minutes=m.group("m1") is not None)


def _time_range(m: re.Match[str], lex: DateLexicon) -> TimeOfDay | None:
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
    minutes = m.group("m0") is not None or m.group("m2") is not None
    within = bool(m.group("lead")) and m.group("lead").lower() in lex.time_bounds
    return TimeOfDay(start[0], start[1], end[0], end[1], m.group(), m.start(), m.end(), minutes=minutes, within=within)
