"""One figure: what it is (:class:`Figure`), and reading the number at its core.

A *core* is the part of a figure the grammar matches first: qualifiers, a number, a range or a
vague word, and an "or more" suffix (``about 20–50``, ``at least 4``, ``dozens of``). A matched core
becomes a :class:`Draft`, which the readers of infobox values (:mod:`kg.parse.figures`) and of
prose (:mod:`kg.parse.figure_scan`) complete with what they read around it before it becomes a
:class:`Figure`. The word look-ups every reader needs (:func:`unit_kind`, :func:`vague_value`) are
here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import QuantityParseError
from .figure_lexicon import lazy_figure_grammar, norm, noun_key
from .numbers import parse_number

__all__ = [
    "Figure",
    "QuantityList",
    "FigureNote",
    "Draft",
    "make_draft",
    "core_at",
    "find_core",
    "word_kind",
    "unit_kind",
    "vague_value",
    "skip",
    "WORD",
    "TOKEN",
    "EDGE",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure: a number or range of something counted, and what the value says of it."""

    min: int | None  # lower bound; None when unknown ("up to 5") or not written as a number ("dozens")
    max: int | None  # upper bound; None = open-ended ("100+", "at least 4") or not a number ("dozens")
    approximate: bool  # "~60", "c. 5,000", "about", "around", "≈", "some", "nearly"
    category: str | None  # casualty category id (kg.parse.categories) or None
    unit: str | None  # the counted words as written: "men", "pickups", "Ostian soldiers"
    kind: str | None  # kind of the head noun: personnel, civilian, vehicle, ...
    vague: str | None  # the word standing for the number, lower case ("dozens", "several hundred",
    # "unknown"): the figure then has no bound, a vague word is never read as a number
    authority: str | None  # who the value says stated it ("Ostian", "official")
    as_of: str | None  # "(as of March 1911)" -> "March 1911"
    note: str | None  # other text about the figure, as written ("all Ostians")
    text: str  # the figure's own text as written in the input
    start: int  # offsets of the figure's text in the input string
    end: int


@dataclass(frozen=True, slots=True)
class QuantityList:
    """Everything read from one value."""

    figures: tuple[Figure, ...]
    unknown: bool  # the value says "Unknown", "?", "(Unknown)", "Unclear"
    qualitative: tuple[str, ...]  # words with no figure, lower case: "heavy", "many killed"
    leftover: tuple[str, ...]  # fragments nothing could read (for coverage reports)


_G = lazy_figure_grammar()
WORD = re.compile(r"[^\s(),;:]+")
TOKEN = re.compile(r"[^\s,&/]+")
_SPACE = re.compile(r"\s*")


def skip(text: str, pos: int, end: int | None = None) -> int:
    """Position of the first non-space at or after *pos*."""
    m = _SPACE.match(text, pos, len(text) if end is None else end)
    return m.end() if m else pos


EDGE = re.compile(r"^[\s,;:.\-–—]+|[\s,;:.\-–—]+$")


# ------------------------------------------------------------------------------------------
# Small readers


@lru_cache(maxsize=8192)
def word_kind(phrase: str) -> str | None:
    """Kind of a noun phrase of 1-3 words (singular or plural), or None."""
    key = noun_key(phrase)
    if not key:
        return None
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    forms = [last]
    if last.endswith("s"):
        forms.append(last[:-1])
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("men"):
        forms.append(last[:-3] + "man")
    for form in forms:
        kind = _G.nouns.get(prefix + form)
        if kind:
            return kind
    return None


def unit_kind(unit: str) -> str | None:
    """Return the kind of the head noun of *unit* (its rightmost known noun), or None.

    >>> unit_kind("Ostian–Tolan hussars, cavalry and infantry"), unit_kind("pickups")
    ('personnel', 'vehicle')
    """
    tokens = TOKEN.findall(unit)
    for end in range(len(tokens), 0, -1):
        for size in (3, 2, 1):
            if end - size >= 0:
                kind = word_kind(" ".join(tokens[end - size : end]))
                if kind:
                    return kind
    return None


def vague_value(phrase: str) -> int | None:
    """The number ACLED's convention reads a vague phrase as ("dozens" -> 12), or None when the
    phrase is no vague phrase. kg never writes it as a bound (a vague word is no number); it tells a
    vague phrase from other words, and is there for an export that applies the convention."""
    words = norm(phrase)
    if words.endswith(" of"):
        words = words[:-3]
    if words in _G.alone:
        return _G.alone[words]
    if words in _G.plurals:
        return _G.plurals[words]
    left, of, right = words.partition(" of ")
    if of and left in _G.plurals and right in _G.plurals:
        return _G.plurals[left] * _G.plurals[right]
    head, _, base = words.rpartition(" ")
    if head in _G.multipliers and (base in _G.singulars or base in _G.plurals):
        return _G.multipliers[head] * _G.singulars.get(base, _G.plurals.get(base, 0))
    return None


@dataclass(slots=True)
class FigureNote:
    """What a parenthesis (or header, or bare claim) says about figures."""

    claim: bool = False
    authority: str | None = None
    as_of: str | None = None
    approximate: bool = False
    unknown: bool = False
    notes: list[str] = field(default_factory=list)
    category: str | None = None  # a label with casualty words: "Civilian dead:" (figures without one)
    unit: str | None = None  # the counted words of such a label ("Civilian")
    kind: str | None = None


# ------------------------------------------------------------------------------------------
# Figures under construction


@dataclass(slots=True)
class Draft:
    min: int | None
    max: int | None
    approximate: bool
    vague: str | None
    start: int
    end: int
    category: str | None = None
    unit: str | None = None
    kind: str | None = None
    authority: str | None = None
    as_of: str | None = None
    notes: list[str] = field(default_factory=list)

    def figure(self, text: str) -> Figure:
        return Figure(
            min=self.min,
            max=self.max,
            approximate=self.approximate,
            category=self.category,
            unit=self.unit,
            kind=self.kind,
            vague=self.vague,
            authority=self.authority,
            as_of=self.as_of,
            note="; ".join(self.notes) if self.notes else None,
            text=text[self.start : self.end],
            start=self.start,
            end=self.end,
        )

    def apply(self, info: FigureNote) -> None:
        if info.authority and not self.authority:
            self.authority = info.authority
        if info.as_of and not self.as_of:
            self.as_of = info.as_of
        self.approximate = self.approximate or info.approximate
        self.notes.extend(n for n in info.notes if n not in self.notes)
        if info.category and not self.category:
            self.category = info.category
            if info.unit and not self.unit:
                self.unit, self.kind = info.unit, info.kind


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except QuantityParseError:
        return None


_PLAIN = re.compile(r"\d{4,}")
_GROUPED = re.compile(r"\d[,\s\u00a0\u2009\u202f]\d")


def _range_of_counts(first: str, second: str, lo: int, hi: int) -> bool:
    """False for two numbers joined by a dash that are no range of counts: a range of years
    ("1620–1621", "1914–1918": four plain digits each, 1000-2100, not both round to ten, as counts
    are), or two ends written differently ("1612 – 4,000": one grouped, the other four plain digits),
    which kg cannot read as one range exactly."""
    a, b = first.strip(), second.strip()
    plain_a, plain_b = _PLAIN.fullmatch(a) is not None, _PLAIN.fullmatch(b) is not None
    if plain_a and plain_b and len(a) == len(b) == 4 and 1000 <= lo < hi <= 2100 and (lo % 10 or hi % 10):
        return False
    grouped_a, grouped_b = _GROUPED.search(a) is not None, _GROUPED.search(b) is not None
    return not ((grouped_a and plain_b) or (grouped_b and plain_a))


def make_draft(m: re.Match[str]) -> Draft | None:
    """Turn a core match into a draft figure; None when the numbers do not make one."""
    approx = low_open = high_open = False
    for phrase in (m.group("quals"), m.group("q2")):
        for qm in _G.qualifier.finditer(phrase or ""):
            kind = _G.qualifier_kind.get(norm(qm.group(0)))
            approx |= kind == "approximate"
            low_open |= kind == "at_least"
            high_open |= kind == "at_most"
    vague = None
    if m.group("between") is not None:
        lo, hi = _number(m.group("b1")), _number(m.group("b2"))
        if lo is None or hi is None:
            return None
    elif m.group("n1") is not None:
        lo = _number(m.group("n1"))
        hi = _number(m.group("n2")) if m.group("n2") else lo
        if lo is None or hi is None:
            return None
        if m.group("n2") and not _range_of_counts(m.group("n1"), m.group("n2"), lo, hi):
            return None
        if m.group("plural"):
            digits = m.group("n1").replace(",", "")
            year_like = len(digits) == 4 and "," not in m.group("n1")
            if m.group("n2") or not digits.isdigit() or year_like or not digits.endswith("0"):
                return None  # "1,000s" is vague; "1990s" is a decade, "15s" nothing
            # a vague word is never a number: kept, with no bound (docs/quantities.md)
            vague, lo, hi, approx = norm(m.group("n1") + "s"), None, None, True
    elif m.group("vague") is not None:
        if vague_value(m.group("vague")) is None:
            return None
        vague, lo, hi, approx = norm(m.group("vague")), None, None, True
    elif m.group("unk") is not None or (m.groupdict().get("unkw") is not None):
        lo = hi = None
        vague = "unknown"
    elif m.groupdict().get("zero") is not None:
        lo = hi = 0
    else:  # pragma: no cover - the pattern has no other branch
        return None
    if lo is not None and hi is not None and hi < lo:
        return None
    suffix = norm(m.group("suffix") or "") or norm(m.group("mid") or "")
    if suffix:
        kind = _G.suffix_kind.get(suffix)
        approx |= kind == "approximate"
        low_open |= kind == "at_least"
    if m.group("mid") and norm(m.group("mid")) == "±":
        approx = True
    if low_open and lo is not None:
        hi = None
    if high_open and hi is not None:
        lo = None
    return Draft(min=lo, max=hi, approximate=approx, vague=vague, start=m.start(), end=m.end())


def core_at(text: str, pos: int, end: int) -> tuple[re.Match[str], Draft] | None:
    m = _G.core.match(text, pos, end)
    if m and m.end() > m.start():
        d = make_draft(m)
        if d is not None:
            return m, d
    return None


def find_core(text: str, pos: int, end: int, bad: list[str]) -> tuple[re.Match[str], Draft] | None:
    while pos < end:
        m = _G.core.search(text, pos, end)
        if m is None:
            return None
        if m.end() == m.start():
            pos = m.end() + 1
            continue
        d = make_draft(m)
        if d is not None:
            return m, d
        bad.append(m.group(0).strip())
        pos = m.end()
    return None
