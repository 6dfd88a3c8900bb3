"""Normalise casualty words to controlled category ids.

``casualty_category("dead or wounded")`` is ``"killed_or_wounded"``. The ids, their labels,
the words naming them and the combined categories are data:
``data/lexicons/casualties.toml``. A list of casualty words joined by "or", "and", "/",
"&" or commas is read as the combined category whose members are exactly the simple
categories of its words; a combination the lexicon does not define gives ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..errors import ResourceError
from ..resources import lexicon
from .patterns import alternation

__all__ = [
    "CATEGORIES",
    "CategoryLexicon",
    "casualty_category",
    "category_label",
    "category_lexicon",
]

_PUNCT_EDGES = re.compile(r"^[\s,;:.()\[\]]+|[\s,;:.()\[\]]+$")
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", _PUNCT_EDGES.sub("", text)).lower()


@dataclass(frozen=True, slots=True)
class CategoryLexicon:
    """The casualty vocabulary of ``casualties.toml``, lower-cased."""

    labels: dict[str, str]  # id -> label
    words: dict[str, str]  # word or phrase -> simple id
    before: dict[str, str]  # prose phrase before a number -> simple id
    combined: dict[frozenset[str], str]  # member ids -> combined id
    members: dict[str, frozenset[str]]  # id -> its member ids (a simple id is its own member)
    joiners: tuple[str, ...]
    auxiliaries: tuple[str, ...]
    words_pattern: str  # regex source: one casualty word or phrase
    list_pattern: str  # regex source: casualty words joined into a list


@cache
def category_lexicon() -> CategoryLexicon:
    """Load (once) the casualty vocabulary and check it is consistent."""
    data = lexicon("casualties.toml")
    labels: dict[str, str] = {}
    words: dict[str, str] = {}
    before: dict[str, str] = {}
    combined: dict[frozenset[str], str] = {}
    members: dict[str, frozenset[str]] = {}
    for cid, entry in data["categories"].items():
        labels[cid] = str(entry["label"])
        if "members" in entry:
            key = frozenset(entry["members"])
            combined[key] = cid
            members[cid] = key
        else:
            members[cid] = frozenset({cid})
            for word in entry.get("words", []):
                words[_norm(word)] = cid
            for word in entry.get("before", []):
                before[_norm(word)] = cid
    for cid, parts in members.items():
        unknown = parts - labels.keys()
        if unknown:
            raise ResourceError(f"casualties.toml: category {cid!r} has unknown members {sorted(unknown)}")
    joiners = tuple(_norm(j) or j.strip() for j in data["joiners"]["words"])
    auxiliaries = tuple(_norm(a) for a in data["prose"]["auxiliaries"])
    word = rf"(?<![\w-])(?:{alternation(words, flexible_spaces=True)})(?![\w-])"
    joiner = (
        r"(?:\s*(?:,\s*)?(?:"
        + "|".join(
            re.escape(j) if not j[0].isalpha() else rf"\b{re.escape(j)}\b"
            for j in sorted(joiners, key=len, reverse=True)
        )
        + r")\s*)"
    )
    return CategoryLexicon(
        labels=labels,
        words=words,
        before=before,
        combined=combined,
        members=members,
        joiners=joiners,
        auxiliaries=auxiliaries,
        words_pattern=f"(?i:{word})",
        list_pattern=f"(?i:{word}(?:{joiner}+{word})*)",
    )


#: Every category id the lexicon defines (simple and combined).
CATEGORIES: frozenset[str] = frozenset(category_lexicon().labels)

_WORD_RE = re.compile(category_lexicon().words_pattern)


def category_label(category: str) -> str:
    """Return the human label of a category id (``KeyError`` if the id is unknown)."""
    return category_lexicon().labels[category]


@lru_cache(maxsize=4096)
def casualty_category(words: str) -> str | None:
    """Return the category id named by *words*, or ``None`` when they name none.

    >>> casualty_category("KIA"), casualty_category("dead or wounded")
    ('killed', 'killed_or_wounded')
    >>> casualty_category("killed, captured, or missing")
    'killed_captured_or_missing'
    """
    lex = category_lexicon()
    phrase = _norm(words)
    if not phrase:
        return None
    if phrase in lex.words:
        return lex.words[phrase]
    found: set[str] = set()
    position = 0
    for match in _WORD_RE.finditer(phrase):
        between = phrase[position : match.start()].strip()
        if between and not all(part in lex.joiners for part in between.replace(",", " , ").split()):
            return None
        found |= lex.members[lex.words[" ".join(match.group(0).split())]]
        position = match.end()
    if not found or phrase[position:].strip():
        return None
    if len(found) == 1:
        return next(iter(found))
    return lex.combined.get(frozenset(found))
