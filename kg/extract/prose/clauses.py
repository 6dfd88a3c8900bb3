"""Clauses of a sentence and the actor mentions around a word, found in time linear in the sentence.

A sentence is read once: its clause boundaries (``;``, ``:``, ``, but``, ``, which`` ...) and its
mentions are indexed, so each question a trigger word asks -- the clause around it, the subject
before it, the object after it, the doer after ``by``, the patients after ``including`` -- is a
binary search plus a look at a few neighbours, never a walk over the whole sentence. A long line
full of trigger words costs time in proportion to its length (issue 11, item 16).

Every look-around is also bounded by a window (``_WINDOW`` characters, ``_SCAN`` mentions): a
subject, an object or an apposition farther away than that is not read as one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .mentions import Mention

__all__ = ["clause", "Mentions", "PREPOSITION"]

_BOUNDARY = re.compile(
    r"[;:]|,\s+(?=(?:but|although|though|while|whereas|which|who|where|when|and|then)\b)"
    r"|\s+(?=(?:but|although|though|whereas|that|which)\s)|\s+(?:and|while)\s+(?=(?:a|an|the)\s)"
)
PREPOSITION = re.compile(
    r"(?<![\w-])(?i:of|in|by|against|to|from|with|for|on|at|near|into|within|between|including|among|towards?)"
    r"\s+(?:(?i:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}$"
)
_GAP_PREPOSITION = re.compile(
    r"(?<![\w-])(?:by|of|in|to|towards?|from|with|for|on|at|near|into|within|between|among|across|through|"
    r"over|under|after|before|during|around|against|via|along|behind|beyond|outside|inside)(?![\w-])|[,;]",
    re.I,
)
_COORD = re.compile(
    r"\s*(?:,\s*)?(?:and|or|as well as|,)\s+(?:(?:the|their|its|affiliated|allied|local|other)\s+)*", re.I
)
_INCLUDING = re.compile(r"\s*,?\s*(?:including|among them|notably)\s+", re.I)
_INCLUDING_BEFORE = re.compile(r"(?:including|among them|notably)\s+$", re.I)
_BY = re.compile(r"\s+(?:[\w-]+\s+){0,6}?by\s+(?:the\s+)?", re.I)
_NEAR = re.compile(r"\s*(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}", re.I)

_WINDOW = 300  # characters: the farthest a subject's apposition or an object is looked for
_SCAN = 16  # mentions: the most a subject search steps back over


@lru_cache(maxsize=16)
def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause boundaries of *text* (in order, never overlapping)."""
    found = [(m.start(), m.end()) for m in _BOUNDARY.finditer(text)]
    return [s for s, _ in found], [e for _, e in found]


def clause(text: str, pos: int) -> tuple[int, int]:
    """The clause of *text* around *pos*: between the boundaries (``;``, ``, but`` ...) around it."""
    starts, ends = _boundaries(text)
    i = bisect_right(ends, pos)
    lo = ends[i - 1] if i else 0
    j = bisect_left(starts, pos)
    hi = starts[j] if j < len(starts) else len(text)
    return lo, hi


class Mentions:
    """The actor mentions of one sentence, left to right, offsets into the sentence text."""

    __slots__ = ("text", "items", "starts")

    def __init__(self, text: str, mentions: list[Mention], base: int) -> None:
        self.text = text
        self.items = [(m, m.start - base, m.end - base) for m in mentions]
        self.items.sort(key=lambda x: x[1])
        self.starts = [s for _, s, _ in self.items]

    def __getitem__(self, i: int) -> tuple[Mention, int, int]:
        return self.items[i]

    def chain(self, first: int, step: int) -> list[int]:
        """Indexes of the mentions coordinated with mention *first* ("X and affiliated Y")."""
        out = [first]
        i, items, text = first, self.items, self.text
        while 0 <= i + step < len(items):
            a, b = (i, i + step) if step > 0 else (i + step, i)
            if _COORD.fullmatch(text, items[a][2], items[b][1]) is None:
                break
            i += step
            out.append(i)
        return out

    def before(self, pos: int, lo: int) -> list[int]:
        """The subject before *pos* in the clause starting at *lo*: the nearest mention outside a
        prepositional phrase nor in an apposition ("X, a group active in Y, attacked"), with the
        mentions coordinated with it."""
        text = self.text
        end = pos
        while end > lo and text[end - 1].isspace():
            end -= 1
        if end > lo and text[end - 1] == ",":  # an apposition closes right before the verb: look before it opens
            opening = text.rfind(",", max(lo, end - 1 - _WINDOW), end - 1)
            if opening < 0:
                return []
            pos = opening
        i = bisect_left(self.starts, pos) - 1
        for _ in range(_SCAN):
            if i < 0:
                break
            _, s, e = self.items[i]
            if s < lo:
                break
            if e <= pos and not PREPOSITION.search(text, max(0, s - 20), s):
                return sorted(self.chain(i, -1))
            i -= 1
        return []

    def after(self, pos: int, hi: int, *, exclude_by: bool = True) -> list[int]:
        """The object after *pos*: the first mention, with those coordinated with it. With
        *exclude_by* (after a verb) an object behind a preposition ("retreated towards X") or a
        comma is none."""
        i = bisect_left(self.starts, pos)
        while i < len(self.items):
            _, s, e = self.items[i]
            if s >= hi:
                return []
            if e <= hi:
                if exclude_by and (s - pos > _WINDOW or _GAP_PREPOSITION.search(self.text, pos, s)):
                    return []
                return self.chain(i, 1)
            i += 1
        return []

    def by_agent(self, pos: int, hi: int) -> list[int]:
        """The doer after a passive verb: ``... by X`` within a few words."""
        m = _BY.match(self.text, pos, hi)
        if not m:
            return []
        at = m.end()
        i = bisect_left(self.starts, at)
        if i < len(self.items) and self.items[i][1] <= at + 2:
            return self.chain(i, 1)
        return []

    def including(self, pos: int, hi: int) -> list[int]:
        """Patients added by ``including X`` / ``among them X`` after *pos*, in the clause."""
        text = self.text
        i = bisect_left(self.starts, pos)
        checked = 0
        while i < len(self.items) and checked < 3:
            _, s, e = self.items[i]
            if e > hi:
                return []
            i += 1
            if not _INCLUDING_BEFORE.search(text, max(pos, s - 20), s):
                continue
            checked += 1
            comma = text.find(",", pos, s)
            rest = comma + 1 if comma >= 0 else pos
            if _INCLUDING.fullmatch(text, rest, s) is not None:
                return self.chain(i - 1, 1)
        return []

    def between(self, pos: int, hi: int) -> list[int]:
        """Every mention after *pos* that ends by *hi* ("clashes broke out between X and Y")."""
        out = []
        for i in range(bisect_left(self.starts, pos), len(self.items)):
            _, s, e = self.items[i]
            if s >= hi:
                break
            if e <= hi:
                out.append(i)
        return out

    def near(self, pos: int, start: int) -> bool:
        """True when at most a determiner and two modifiers stand between *pos* and *start*."""
        if start - pos > 80:
            return False
        return _NEAR.fullmatch(self.text, pos, start) is not None
