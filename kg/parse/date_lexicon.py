"""The vocabulary of dates and times, compiled once: the words and patterns the date readers use.

Everything :mod:`kg.parse.date_grammar`, :mod:`kg.parse.dates` and :mod:`kg.parse.times` know about
words comes from ``data/lexicons/dates.toml`` (month names, era markers, "present", range words,
qualifiers, calendar notes, label words, prose lead words, am/pm); :func:`date_lexicon` builds the
compiled structures once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import lexicon
from .clean import DASH_CLASS
from .patterns import alternation

__all__ = ["DateLexicon", "date_lexicon"]

_LEXICON = "dates.toml"


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """The compiled vocabulary of ``dates.toml``: the token pattern, word sets and time patterns."""

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
    gregorian: frozenset[str]  # calendar names of the Gregorian calendar ("Gregorian", "N.S.")
    counterparts: dict[str, str]  # a dual dating's other calendar: "O.S." -> "N.S." and back
    julian: tuple[str, str]  # the names of a Julian / Gregorian pair told apart by their offset
    short_year_span: int  # how far a short range end may cross a century: "1999–00"
    same_day_window: int  # days within which a date in another calendar restates a Gregorian one
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
    time_bounds: frozenset[str]  # lead words of a range of times that bounds one moment


def _words(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@cache
def date_lexicon() -> DateLexicon:
    """Build (once) the compiled structures the parser needs from ``dates.toml``."""
    data = lexicon(_LEXICON)
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    full_length = {m: max(len(k) for k, v in months.items() if v == m) for m in set(months.values())}
    abbrevs = frozenset(k for k, v in months.items() if len(k) < full_length[v])
    eras = {w: -1 for w in data["eras"]["before"]} | {w: 1 for w in data["eras"]["after"]}
    dotted = data["approximate"]["dotted"]
    qualifiers = _words(data["qualifiers"]["words"])
    token_re = re.compile(
        r"(?P<paren>\([^()]*\)|\[[^\[\]]*\])"
        r"|(?P<iso>(?<![\w.,/-])\d{4}-\d\d-\d\d(?![\w.,/-]))"
        r"|(?P<decade>(?<![\w.,])\d{2,3}0(?:s|['’]s)(?![^\W\d_]))"
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
    return DateLexicon(
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
        gregorian=frozenset(data["calendar_pairs"]["gregorian"]),
        counterparts={a: b for a, b in data["calendar_pairs"]["pairs"].items()}
        | {b: a for a, b in data["calendar_pairs"]["pairs"].items()},
        julian=(data["calendar_pairs"]["julian"], data["calendar_pairs"]["julian_gregorian"]),
        short_year_span=int(data["ranges"]["short_year_span"]),
        same_day_window=int(data["calendar_pairs"]["same_day_window"]),
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
        time_bounds=_words(times["bounds"]),
    )
