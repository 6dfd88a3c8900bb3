"""The lead's own names of the two sides: "The battle was fought between A and B".

The first paragraph of the lead often names the two sides in words the infobox does not use: its
Combatant lines may give an acronym, a flag or other members ("between the Ostian Socialist Party
and the Kelvar Front", with ``Combatant1: OMF``). When a battle has exactly two sides that can win,
and one of the two names is a side's own (matched as a victor is: a member's name, acronym, country
or words) or its commander's ("Tolan forces under General Ada Varo", Ada Varo a ``Commander2``),
while the other is no side's, the other is a name of the other side. A name is read up to
punctuation or a word that starts a new phrase (``from``, ``in``, ``during`` ...), from its first
to its last capitalised word ("the rebel Kelvar Front fighters" -> "Kelvar Front"), without a
bracketed remark other than an acronym; a name with a digit or no capital (a date, "between 15
and 100 soldiers") names no side. Words: ``results.toml`` (``[lead]``).

Read only when a Result's winner matches no side, to widen the names it is matched by.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..article import Article
from ..parse.patterns import alternation
from ..parse.results import named_side
from ..resources import lexicon

__all__ = ["lead_side_names"]

_DIGIT = re.compile(r"\d")
_NOT_ACRONYM = re.compile(r"\s*\((?![A-Z][A-Z0-9&-]*\))[^()]*\)")  # "(supported by X)", not "(OSP)"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _LeadGrammar:
    between: re.Pattern[str]  # "between <a> and <b>" up to punctuation
    leader: re.Pattern[str]  # "<name> under <leader>"
    stop: re.Pattern[str]  # the first word past a name


@cache
def _lead_grammar() -> _LeadGrammar:
    lead = lexicon("results.toml")["lead"]
    return _LeadGrammar(
        between=re.compile(
            r"\b(?:"
            + alternation(lead["between"])
            + r")\s+(?P<a>[^,;:.()]+?(?:\s*\([^()]*\))?)\s+and\s+(?P<b>[^,;:.()]+)",
            re.IGNORECASE,
        ),
        leader=re.compile(r"\s+(?:" + alternation(lead["leaders"]) + r")\s+", re.IGNORECASE),
        stop=re.compile(r"\s+(?:" + alternation(lead["stops"]) + r")\b.*$", re.IGNORECASE | re.DOTALL),
    )


@dataclass(frozen=True, slots=True)
class _Part:
    name: str  # "" when the part names no one
    leader: str


def _part(text: str, g: _LeadGrammar) -> _Part:
    pieces = g.leader.split(text.strip(), maxsplit=1)
    name, leader = pieces[0], pieces[1] if len(pieces) > 1 else ""
    name = _NOT_ACRONYM.sub(" ", name)
    name = g.stop.sub("", name.strip()).strip()
    words = name.split()
    capitals = [i for i, w in enumerate(words) if w.lstrip("(")[:1].isupper()]
    name = " ".join(words[capitals[0] : capitals[-1] + 1]) if capitals else ""
    leader = g.stop.sub("", leader.strip()).strip()
    return _Part("" if _DIGIT.search(name) else name, leader)


def _norm(text: str) -> str:
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", text.casefold())).strip()


def _led_side(leader: str, commanders: Sequence[Sequence[str]]) -> int | None:
    """The one side (1-based) whose commander the *leader* text names."""
    if not leader:
        return None
    text = f" {_norm(leader)} "
    found = {i for i, names in enumerate(commanders, 1) for n in map(_norm, names) if n and f" {n} " in text}
    return found.pop() if len(found) == 1 else None


def lead_side_names(
    article: Article, sides: Sequence[Sequence[str] | None], commanders: Sequence[Sequence[str]]
) -> list[list[str]]:
    """Per side (in the order of *sides*, each its member names, or None for a side that cannot
    win), the names the first paragraph of the lead gives it that its members do not carry;
    *commanders* holds each side's commanders' names. Empty lists when the lead names no side so."""
    out: list[list[str]] = [[] for _ in sides]
    fighting = [i for i, names in enumerate(sides, 1) if names is not None]
    lead = next((s for s in article.sections if s.title is None), None)
    if len(fighting) != 2 or lead is None or not lead.paragraphs:
        return out
    g = _lead_grammar()
    found = g.between.search(lead.paragraphs[0].text)
    if found is None:
        return out
    parts = [_part(found.group(k), g) for k in ("a", "b")]
    by_name = [named_side(p.name, sides) if p.name else None for p in parts]
    by_leader = [_led_side(p.leader, commanders) for p in parts]
    placed: list[int | None] = []
    for name_side, led in zip(by_name, by_leader, strict=True):
        placed.append(None if name_side and led and name_side != led else (led or name_side))
    if placed[0] is None and placed[1] is not None:
        placed[0] = next((i for i in fighting if i != placed[1]), None)
    elif placed[1] is None and placed[0] is not None:
        placed[1] = next((i for i in fighting if i != placed[0]), None)
    if None in placed or placed[0] == placed[1] or not set(placed) <= set(fighting):
        return out
    for part, side, name_side in zip(parts, placed, by_name, strict=True):
        if part.name and side is not None and name_side is None:
            out[side - 1].append(part.name)
    return out
