"""Whether a name names a side: the matching of a Result's winner (and of names the prose gives)
against each side's members, by, in decreasing weight, the member's name, its acronym (written in
parentheses or made of its capitalised initials), its country (through the gazetteer:
``Peruvian`` -> Peru), and single words of its name (``Ostian`` in ``Ostian Empire``). A name of
several parts (``Franco-Peruvian``, ``ODF/Kelvar``, ``Ostland and Tolan``) is scored part by part.
Used by :mod:`kg.parse.results`, which holds the Result grammar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..gazetteer import Country, country, country_by_adjective, find_countries

__all__ = ["Member", "name_pieces", "norm_word", "read_member", "side_scores"]

_PARENS = re.compile(r"\([^()]*\)")
_PAREN_CONTENT = re.compile(r"\(([^()]*)\)")
_PIECES = re.compile(r"\s*(?:[-–/&+]|\band\b|,)\s*")
_WORDS = re.compile(r"[\w'’]+")
_SPACES = re.compile(r"\s+")


def norm_word(word: str) -> str:
    word = word.casefold().strip(" .'’")
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _piece_country(piece: str) -> Country | None:
    return country(piece) or country_by_adjective(piece)


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # normalised full name
    acronyms: frozenset[str]
    countries: frozenset[str]
    words: frozenset[str]
    text: str  # lower case, for phrase search
    capitals: tuple[str, ...]  # the capitalised words of the name, for acronyms


@cache
def _country_words(row: Country) -> frozenset[str]:
    """The normalised words of a state's aliases and adjectives (the same for every member)."""
    return frozenset(norm_word(w) for form in (*row.aliases, *row.adjectives) for w in _WORDS.findall(form))


@lru_cache(maxsize=4096)
def read_member(raw: str) -> Member:
    acronyms = {m.strip() for m in _PAREN_CONTENT.findall(raw) if m.strip().isupper()}
    bare = _SPACES.sub(" ", _PARENS.sub(" ", raw)).strip()
    capitals = [w for w in _WORDS.findall(bare) if w[0].isupper() or w[0].isdigit()]
    if len(capitals) >= 2:
        acronyms.add("".join(w[0] for w in capitals).upper())
    if bare.isupper() or (bare and " " not in bare and any(c.isupper() for c in bare[1:])):
        acronyms.add(bare)
    rows: set[Country] = set()
    found = country(bare)
    if found is not None:
        rows.add(found)
    rows.update(row for row, _s, _e in find_countries(bare))
    words = {norm_word(w) for w in _WORDS.findall(bare)}
    for row in rows:
        words |= _country_words(row)
    return Member(
        norm_word(bare),
        frozenset(acronyms),
        frozenset(r.name for r in rows),
        frozenset(words),
        bare.casefold(),
        tuple(capitals),
    )


def _abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """*acronym* (``OSVK``) is made of *words* (``Ostian Sava Velkara``): the first letter of each
    word in order, each word giving also further letters of its own, in order (``Vel-K-ara``)."""
    letters = acronym.casefold()

    def fits(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(letters)
        word = words[w].casefold()
        if i >= len(letters) or letters[i] != word[0]:
            return False
        i, rest = i + 1, iter(word[1:])
        options = [i]
        for ch in rest:
            if i < len(letters) and ch == letters[i]:
                i += 1
                options.append(i)
        return any(fits(j, w + 1) for j in options)

    return fits(0, 0)


def _score_piece(piece: str, member: Member, weight: int) -> int:
    if not piece:
        return 0
    if norm_word(piece) == member.name or piece in member.acronyms:
        return 10 * weight
    if 3 <= len(piece) <= 8 and piece.isupper() and len(member.capitals) >= 2 and _abbreviates(piece, member.capitals):
        return 8 * weight
    row = _piece_country(piece)
    if row is not None:
        if row.name in member.countries:
            return 6 * weight
        forms = (row.name, *row.aliases)
        if any(re.search(r"\b" + re.escape(f.casefold()) + r"\b", member.text) for f in forms):
            return 4 * weight
    piece_words = [norm_word(w) for w in _WORDS.findall(piece)]
    if piece_words and all(w in member.words for w in piece_words):
        return 2 * weight
    return 0


def name_pieces(victor: str) -> list[str]:
    return [p.strip() for p in _PIECES.split(victor) if p and p.strip()]


def side_scores(core: str, sides: Sequence[Sequence[str] | None]) -> list[int]:
    """How well *core* names each side, by its members' names (see the module's docstring)."""
    pieces = name_pieces(core)
    members = [[read_member(m) for m in side if m and m.strip()] for side in (s or () for s in sides)]
    scores = []
    for side in members:
        score = 0
        for member in side:
            best = _score_piece(core, member, 3)
            if len(pieces) > 1:
                best += sum(_score_piece(p, member, 1) for p in pieces)
            score = max(score, best) if len(pieces) <= 1 else score + best
        scores.append(score)
    return scores
