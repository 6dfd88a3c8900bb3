"""Which event a trigger tells: a new one, one told before, or the main event.

* a definite noun ("the ambush") restates the latest event of its type, or the main event
  (:func:`resolve_reference`); a new trigger of a type and date told before tells that event
  again (:func:`told_again`);
* either only when it contradicts nothing told of the event: a place written with it must be the
  event's (:func:`.event_places.elsewhere`), doers named with it must stand on the side of its
  doers. Two ambushes of one day, one near A and one near B, stay two events; "the ambush near
  B" restates the second.
"""

from __future__ import annotations

from functools import cache

from ...facts import EventFact
from ...parse.date_types import DateRange
from ...parse.places import PlaceValue
from .context import Reading
from .event_places import elsewhere
from .triggers import EventType, event_lexicon

__all__ = ["resolve_reference", "told_again", "tell"]


def resolve_reference(
    reading: Reading,
    type_id: str,
    paragraph: int,
    *,
    place: PlaceValue | None = None,
    sides: frozenset[int] = frozenset(),
) -> str | None:
    """The event a definite noun of *type_id* refers to: the latest of its type, or the main event.

    A noun of the main event's own type ("the attack" in an article about an attack) is the main
    event, unless an event of that type was told in the same *paragraph*. A reference is a
    restatement only when it contradicts nothing told of the event: a *place* written with it
    ("the ambush near B") must be the event's (else the latest event of the type there), doers
    named with it (their *sides*: "the ambush by X") must stand on the side of its doers."""
    lex = event_lexicon()
    battle = reading.facts.battle
    main = type_id == "battle" or type_id in battle.types
    latest = reading.latest_told.get(type_id)
    key: str | None = None
    if latest is not None:
        found, where = latest
        if not (main and found != "" and where != paragraph):
            key = found
    if key is None and (main or type_id in lex.same_as):
        key = ""
    if key is None or not (place is not None or sides):
        return key
    candidates = [key] + [k for t, k, _ in reversed(reading.told) if t == type_id and k != key]
    for k in dict.fromkeys(candidates):
        ev = reading.facts.events[k]
        if not elsewhere(reading, place, ev) and not _other_doers(ev, type_id, sides):
            return k
    return None


def _other_doers(ev: EventFact, type_id: str, sides: frozenset[int]) -> bool:
    """True when the doers told of *ev* stand on none of *sides* (both known)."""
    if not sides:
        return False
    agent = _agent_roles().get(type_id)
    told = {r.side for r in ev.roles if r.role == agent and r.side is not None and r.authority is None}
    return bool(told) and not (told & sides)


@cache
def _agent_roles() -> dict[str, str]:
    """Event type id -> the role of its doer."""
    return {et.id: et.agent for et, _verb in event_lexicon().forms.values() if not et.dated_only}


def tell(reading: Reading, type_id: str, key: str, paragraph: int) -> None:
    reading.told.append((type_id, key, paragraph))
    reading.latest_told[type_id] = (key, paragraph)


def told_again(
    reading: Reading,
    et: EventType,
    when: DateRange | None,
    place: PlaceValue | None,
    sides: frozenset[int],
) -> str | None:
    """The event a new trigger tells again, if any: the latest of its type and date told before
    that the trigger contradicts in nothing -- no place outside the event's places, no doer on
    another side than its doers. Two ambushes of one day, one near A
    and one near B, stay two events; "troops were ambushed" in a later paragraph about the ambush
    of that day is that ambush."""
    if when is None:
        return None
    told = reading.dated.get((et.id, when.start, when.end), [])
    for key in reversed(told):
        ev = reading.facts.events[key]
        if not elsewhere(reading, place, ev) and not _other_doers(ev, et.id, sides):
            return key
    return None
