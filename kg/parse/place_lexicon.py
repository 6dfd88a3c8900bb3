"""The vocabulary of place values, compiled once, and the helpers both place readers share.

:func:`place_grammar` builds, from ``data/lexicons/places.toml``, the qualifier phrases and their
ids, the place-type, direction, descriptor and modern-name words and the patterns made of them;
:mod:`kg.parse.places` reads infobox place values and place phrases of prose with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..gazetteer import country, find_countries
from ..resources import lexicon
from .patterns import alternation, scanner

__all__ = ["PlaceGrammar", "place_grammar", "split_type_of", "country_of", "chain_country"]


@dataclass(frozen=True, slots=True)
class PlaceGrammar:
    qualifier_ids: dict[str, str]  # phrase -> id
    opening: re.Pattern[str]  # a qualifier phrase at the start of a part
    prose: re.Pattern[str]  # a prose qualifier phrase
    modifiers: re.Pattern[str]
    modern: re.Pattern[str]
    type_of: re.Pattern[str]
    place_types: frozenset[str]
    directions: frozenset[str]
    vague: frozenset[str]
    connectors: frozenset[str]
    not_places: frozenset[str]
    non_place: frozenset[str]
    after_descriptor: re.Pattern[str]  # "Halvik village": a lower-case descriptor after the name
    before_descriptor: re.Pattern[str]  # "The plain of Dessa"


@cache
def place_grammar() -> PlaceGrammar:
    lex = lexicon("places.toml")
    words = lex["words"]
    ids = {phrase: qid for qid, phrases in lex["qualifiers"].items() for phrase in phrases}
    types = [t.lower() for t in words["place_types"]]
    return PlaceGrammar(
        qualifier_ids=ids,
        opening=re.compile(r"^(?P<q>" + alternation(ids) + r")(?:\s+|$)", re.IGNORECASE),
        prose=scanner(r"(?<![\w-])(?P<q>(?i:" + alternation(words["prose_qualifiers"]) + r"))\s+"),
        modifiers=re.compile(r"(?:(?:" + alternation(words["prose_modifiers"]) + r")\s+)*"),
        modern=re.compile(r"^(?:" + alternation(words["modern"]) + r")\s+", re.IGNORECASE),
        type_of=re.compile(r"(?<=\S)\s+(?:" + alternation(types) + r")(?=\s+of\s+\S)", re.IGNORECASE),
        place_types=frozenset(types),
        directions=frozenset(d.lower() for d in words["directions"]),
        vague=frozenset(v.lower() for v in words["vague"]),
        connectors=frozenset(words["connectors"]),
        not_places=frozenset(words["not_places"]),
        non_place=frozenset(w.lower() for w in words["non_place_words"]),
        after_descriptor=re.compile(r"(?<=\S)\s+(?:" + alternation(words["descriptors_after"]) + r")$"),
        before_descriptor=re.compile(
            r"^(?:the\s+)?(?:" + alternation(words["descriptors_before"], flexible_spaces=True) + r")\s+(?=\S)",
            re.IGNORECASE,
        ),
    )


def split_type_of(name: str, g: PlaceGrammar) -> list[str]:
    """``"Marn Neighborhood of Tolan"`` -> ``["Marn Neighborhood", "Tolan"]``."""
    match = g.type_of.search(name)
    if match is None:
        return [name]
    head = name[: match.end()].strip()
    tail = name[match.end() :].strip()
    tail = tail[3:].strip() if tail.lower().startswith("of ") else tail
    return [head, *split_type_of(tail, g)] if tail else [head]


def country_of(part: str, g: PlaceGrammar) -> str | None:
    """The canonical country a part names, alone or after direction words only."""
    found = country(part)
    if found is not None:
        return found.name
    hits = find_countries(part)
    if not hits:
        return None
    row, start, end = hits[-1]
    if part[end:].strip():
        return None
    before = part[:start].split()
    if before and all(w.lower() in g.directions for w in before):
        return row.name
    return None


def chain_country(names: tuple[str, ...], g: PlaceGrammar) -> str | None:
    for name in reversed(names):
        found = country_of(name, g)
        if found is not None:
            return found
    return None
