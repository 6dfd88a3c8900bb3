"""Where a prose event took place, and whether a place phrase contradicts it.

* the place of an event is the first place phrase after its trigger in its clause, before the
  next trigger (:func:`first_place`), registered as places and states with what holds what
  (:func:`located`);
* a place phrase contradicts an event's places when neither names a place holding the other:
  their capitalised words meet nowhere (:func:`elsewhere`; an event with no place is anywhere).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise
from typing import Protocol

from ...facts import EventFact, LocationFact
from ...gazetteer import country
from ...parse.places import PlaceValue
from .context import Reading, SentenceView

__all__ = ["first_place", "place_keys", "located", "elsewhere"]


class _Places(Protocol):  # the places of a sentence, indexed (events._Sentence)
    places: list[PlaceValue]
    place_starts: list[int]


def first_place(reading: Reading, sent: _Places, pos: int, hi: int, limit: int | None) -> PlaceValue | None:
    """The place phrase of an event: the first one after *pos*, by *hi* and *limit* (not registered)."""
    for k in range(bisect_left(sent.place_starts, pos), len(sent.places)):
        place = sent.places[k]
        if place.start > hi or (limit is not None and place.start > limit):
            break
        if place.end > hi or not place.names:
            continue
        if any(reading.index._lookup(n) is not None and country(n) is None for n in place.names):
            continue
        return place
    return None


def place_keys(
    reading: Reading, view: SentenceView, sent: _Places, pos: int, hi: int, limit: int | None
) -> list[LocationFact]:
    """The place of an event: the first place phrase after *pos*, by *hi* and *limit*."""
    place = first_place(reading, sent, pos, hi, limit)
    return located(reading, view, place) if place is not None else []


def located(reading: Reading, view: SentenceView, place: PlaceValue) -> list[LocationFact]:
    """The place phrase *place* as the location of an event, its places registered."""
    facts = reading.facts
    span = view.span(place.start, place.end)
    keys = []
    for name in place.names:
        found = country(name)
        keys.append(facts.add_entity("state", found.name, span) if found else facts.add_entity("place", name, span))
    if place.country and not any(k.startswith("state:") for k in keys):
        found = country(place.country)
        if found is not None:
            keys.append(facts.add_entity("state", found.name, span))
    keys = list(dict.fromkeys(keys))
    for inner, outer in pairwise(keys):
        if (
            facts.entities[inner].contained_in is None
            and inner != outer
            and facts.entities[outer].contained_in != inner
        ):
            facts.entities[inner].contained_in = outer
    return [LocationFact(keys[0], place.qualifier or "in", span)]


def _chain_names(reading: Reading, keys: list[str]) -> set[str]:
    """The names of the places *keys* and of every place holding them."""
    names: set[str] = set()
    entities = reading.facts.entities
    for key in keys:
        seen = 0
        current: str | None = key
        while current is not None and current in entities and seen < 8:
            names.add(entities[current].name)
            current, seen = entities[current].contained_in, seen + 1
    return names


def elsewhere(reading: Reading, place: PlaceValue | None, ev: EventFact) -> bool:
    """True when the place phrase *place* contradicts where *ev* took place: neither names a
    place holding the other (an event with no place is anywhere)."""
    if place is None or not ev.locations:
        return False
    told = _chain_names(reading, [loc.place for loc in ev.locations])
    written = {n for n in (*place.names, *([place.country] if place.country else []))}
    return not (_proper_words(written) & _proper_words(told))


_PROPER = re.compile(r"(?<![\w-])[A-Z][\w'’-]{2,}")


def _proper_words(names: set[str]) -> set[str]:
    """The capitalised words of place names, case-folded: "Dessa", "Tolan" (a place phrase read
    with a stray word, "Dessa on April", still meets "Dessa")."""
    return {w.casefold() for n in names for w in _PROPER.findall(n)}
