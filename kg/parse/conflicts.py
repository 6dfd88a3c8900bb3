"""Read infobox Partof values: the conflicts a battle is part of, most specific first.

``parse_part_of("the Marib campaign of the Yemeni Civil War (2014–present)")`` gives
``["Marib campaign", "Yemeni Civil War (2014–present)"]``. A value is split into items at top-level
commas and semicolons and at `` and `` before a capital, a digit or "the"; each item is split at the
joiners of ``data/lexicons/conflicts.toml`` ("during the") and at "of (the)" when the words before
name a phase of a war ("campaign", "theatre", "offensive" ...) and the words after name a war
("war", "insurgency", "revolution" ...). Relation heads ("Spillover of") and leading articles are
dropped; the first letter of each name is made upper case; a name that repeats is kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import lexicon
from .clean import top_level_items
from .patterns import alternation

__all__ = ["parse_part_of"]

_AND = re.compile(r"\s+and\s+(?=the\s|[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class _Grammar:
    joiners: re.Pattern[str]
    of_the: re.Pattern[str]
    phase: re.Pattern[str]
    war: re.Pattern[str]
    heads: re.Pattern[str]
    article: re.Pattern[str]


@cache
def _grammar() -> _Grammar:
    lex = lexicon("conflicts.toml")

    def words(key: str) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + alternation(lex[key]) + r")\b", re.IGNORECASE)

    return _Grammar(
        joiners=re.compile(r"\s+(?:" + alternation(lex["joiners"]) + r")\s+", re.IGNORECASE),
        of_the=re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE),
        phase=words("phase_words"),
        war=words("war_words"),
        heads=re.compile(r"^(?:" + alternation(lex["relation_heads"]) + r")\s+", re.IGNORECASE),
        article=re.compile(r"^(?:" + alternation(lex["articles"]) + r")\s+", re.IGNORECASE),
    )


def _split_of_the(item: str, g: _Grammar) -> list[str]:
    """Split *item* at each "of the" whose left part names a phase and right part a war."""
    for m in g.of_the.finditer(item):
        left, right = item[: m.start()], item[m.end() :]
        if len(g.article.sub("", left.strip()).split()) >= 2 and g.phase.search(left) and g.war.search(right):
            return [left, *_split_of_the(right, g)]
    return [item]


def _clean(name: str, g: _Grammar) -> str:
    name = name.strip(" .;:")
    previous = None
    while previous != name:
        previous = name
        name = g.article.sub("", g.heads.sub("", name)).strip()
    return name[:1].upper() + name[1:]


def parse_part_of(value: str) -> list[str]:
    """The conflicts named in a Partof value, in order, each once."""
    g = _grammar()
    names: list[str] = []
    for start, end in top_level_items(value):
        for part in _AND.split(value[start:end]):
            for piece in g.joiners.split(part):
                for name in _split_of_the(piece.strip(), g):
                    name = _clean(name, g)
                    if name and name.casefold() not in {n.casefold() for n in names}:
                        names.append(name)
    return names
