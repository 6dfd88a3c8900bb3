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
_ACRONYM = r"\s*\((?P<acronym>[A-Z][A-Za-z0-9&]{0,8}(?:-[A-Za-z0-9]{1,4})?)\)"


def _defined(name: str, prose: str) -> set[str]:
    """The acronyms *prose* gives *name* ("Name (ACR)"), with at least two capitals each."""
    words = _WORD.findall(name)
    if not words:
        return set()
    pattern = re.compile(r"(?<!\w)(?i:" + r"[\W_]+".join(map(re.escape, words)) + r")" + _ACRONYM)
    return {m.group("acronym") for m in pattern.finditer(prose) if sum(c.isupper() for c in m.group("acronym")) >= 2}


def acronym_side_names(article: Article, sides: Sequence[Sequence[str] | None]) -> list[list[str]]:
    """Per side (in the order of *sides*, each its member names, or None for a side that cannot
    win), the acronyms the prose gives its members that no other side's member is given."""
    prose = "\n".join(p.text for p in article.paragraphs)
    found: list[set[str]] = [
        set().union(*(_defined(name, prose) for name in names)) if names and prose else set() for names in sides
    ]
    out: list[list[str]] = []
    for i, acronyms in enumerate(found):
        others = set().union(*(a for j, a in enumerate(found) if j != i))
        out.append(sorted(acronyms - others))
    return out
