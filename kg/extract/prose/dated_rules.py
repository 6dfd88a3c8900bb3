"""Rules of dated events shared by the reader: the ``[dated]`` lexicon and when a date only
says again a date already told (by another date of its clause, or by the main event's own time)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ...parse.date_types import DateRange
from ...parse.patterns import alternation
from ...resources import lexicon
from .relations import within
from .timeline import Moment
from .triggers import event_lexicon

__all__ = ["OCCURRENCE", "DatedLexicon", "dated_lexicon", "in_parentheses", "restated", "restates_main"]

_ORDER = {"year": 0, "month": 1, "day": 2, "hour": 3}

OCCURRENCE = "occurrence"


@dataclass(frozen=True, slots=True)
class DatedLexicon:
    not_after: re.Pattern[str]
    paren_words: int
    attributive_words: int
    event_nouns: frozenset[str]
    foldable: frozenset[str]


@cache
def dated_lexicon() -> DatedLexicon:
    """The ``[dated]`` rules of ``events.toml``, compiled once."""
    data = lexicon("events.toml")
    dated = data["dated"]
    nouns = {w.casefold() for entry in data["type"] for n in entry.get("nouns", []) for w in n.split()[-1:]}
    nouns |= {n.split()[-1].casefold() for n in [*data["battle"]["nouns"], *dated["event_nouns"]]}
    return DatedLexicon(
        not_after=re.compile(
            rf"(?<![\w-])(?:{alternation(dated['not_after'], flexible_spaces=True)})\s+(?:the\s+)?$", re.I
        ),
        paren_words=int(dated["paren_words"]),
        attributive_words=int(dated["attributive_words"]),
        event_nouns=frozenset(nouns),
        foldable=frozenset(dated["foldable"]) | {OCCURRENCE},
    )


def in_parentheses(text: str, m: Moment) -> bool:
    """True when the date *m* stands alone in parentheses: "X (1722–1772)", "Y (8 January 1813)"."""
    return text[max(0, m.begin - 12) : m.begin].rstrip().endswith("(") and text[m.end : m.end + 3].lstrip().startswith(
        (")", ";")
    )


_NEIGHBOURS = 8  # the dates around a date that may say it again


def restated(
    text: str,
    m: Moment,
    moments: list[Moment],
    begins: list[int],
    lo: int,
    hi: int,
    clause_of: Callable[[Moment], int],
    used: frozenset[int] = frozenset(),
) -> bool:
    """True when another date of the clause *lo*–*hi* says *m* again: more precisely ("in 2022
    ... on May 9": *m* holds it and is coarser), or the same date said before it ("two days
    before the battle, on 4 May", "on 8 June ... on that day"), or taken by a trigger (ids in
    *used*). *moments*: the sentence's dates in order (*begins*: their begins); only the nearest
    few are compared. *clause_of* gives a date's clause start."""
    if in_parentheses(text, m):
        return False  # "in the Ostland War (1990–1994)": the date of the war, not the sentence's
    k = bisect_left(begins, m.begin)
    for x in moments[max(0, k - _NEIGHBOURS) : k + _NEIGHBOURS + 1]:
        if x is m or x.begin < lo or x.begin >= hi or x.how == "inherited":
            continue
        finer = _ORDER[x.range.precision] > _ORDER[m.range.precision] and within(x.range, m.range)
        same = x.range.start == m.range.start and x.range.end == m.range.end and (x.begin < m.begin or id(x) in used)
        if (finer or same) and clause_of(x) == lo:
            return True
    return False


def restates_main(
    type_id: str,
    rng: DateRange,
    *,
    names_main: bool,
    main_types: list[str],
    main_range: DateRange | None,
    lead: bool = False,
) -> bool:
    """True when a date restates the main event's own time (see the module's rules). In the
    article's first sentence (*lead*), which is about the main event, any date within its time
    does ("X was the first battle of the Y invasion on 26 January 1708"); a date holding it may
    be a larger event's ("a battle of the Ostland Civil War (1990–1994)")."""
    lex = dated_lexicon()
    if lead and main_range is not None and within(rng, main_range):
        return True
    if (
        type_id not in lex.foldable
        and type_id != "battle"
        and type_id not in main_types
        and type_id not in event_lexicon().same_as
    ):
        return False
    if main_range is None:
        return names_main
    if rng.start == main_range.start and (rng.end or rng.start) == (main_range.end or main_range.start):
        return True
    if type_id == "beginning" and rng.start == main_range.start and (rng.end or rng.start) == rng.start:
        return True  # "The siege began on 9 April", the main event's first day
    if (
        type_id == "ending"
        and main_range.end is not None
        and rng.start == main_range.end
        and (rng.end or rng.start) == rng.start
    ):
        return True
    return names_main and (within(rng, main_range) or within(main_range, rng))
