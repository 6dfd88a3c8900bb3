"""Acronyms the prose gives a side's members: "the Ostian Liberation Front (OLF) attacked ...".

An infobox may name a side in full ("Combatant2: Ostian Liberation Front - North") while its
Result calls the winner by the acronym the prose introduces for it ("falls under OLFN control").
Wherever the prose writes a member's name, as the infobox writes it (case, spaces and dashes
aside), followed by a bracketed acronym (two or more capitals), the acronym is a name of that
member's side; an acronym the prose gives members of two sides names neither.

Read only when a Result's winner matches no side, to widen the names it is matched by.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..article import Article

__all__ = ["acronym_side_names"]

_WORD = re.compile(r"\w+")
_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9&]{0,8}(?:-[A-Za-z0-9]{1,4})?)\)")
_BEFORE = 160  # characters before an acronym a member's name may take


def _acronyms(prose: str) -> list[tuple[tuple[str, ...], str]]:
    """Each bracketed acronym of *prose* (two or more capitals) with the words right before it,
    case-folded, up to what follows the last word ("Front – North (OLFN)" -> (..., "front", "north"))."""
    out = []
    for m in _ACRONYM.finditer(prose):
        acronym = m.group("acronym")
        if sum(c.isupper() for c in acronym) < 2:
            continue
        before = prose[max(0, m.start() - _BEFORE) : m.start()].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] == "_"):
            continue  # "North-(OLFN)", "North. (OLFN)": not written as a name's acronym
        out.append((tuple(w.casefold() for w in _WORD.findall(before)), acronym))
    return out


def _defined(name: str, found: list[tuple[tuple[str, ...], str]]) -> set[str]:
    """The acronyms written right after *name* (its words last before the bracket)."""
    words = tuple(w.casefold() for w in _WORD.findall(name))
    return {acronym for before, acronym in found if before[-len(words) :] == words} if words else set()


def acronym_side_names(article: Article, sides: Sequence[Sequence[str] | None]) -> list[list[str]]:
    """Per side (in the order of *sides*, each its member names, or None for a side that cannot
    win), the acronyms the prose gives its members that no other side's member is given."""
    written = _acronyms("\n".join(p.text for p in article.paragraphs))
    found: list[set[str]] = [
        set().union(*(_defined(name, written) for name in names)) if names and written else set() for names in sides
    ]
    out: list[list[str]] = []
    for i, acronyms in enumerate(found):
        others = set().union(*(a for j, a in enumerate(found) if j != i))
        out.append(sorted(acronyms - others))
    return out
