"""Regular expressions built from lexicon word lists."""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]


def alternation(words: Iterable[str], *, flexible_spaces: bool = False) -> str:
    """A regex alternation of *words*, longest first (so "seventeen" beats "seven").

    With *flexible_spaces*, a space inside a phrase matches any run of white space
    ("taken  prisoner" across a line break).

    >>> alternation(["seven", "seventeen"])
    'seventeen|seven'
    >>> alternation(["taken prisoner"], flexible_spaces=True)
    'taken\\\\s+prisoner'
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    if flexible_spaces:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
    return "|".join(re.escape(w) for w in ordered)
