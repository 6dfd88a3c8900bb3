"""The victor of an infobox Result: the side the winner it names is matched to.

The Result grammar (:func:`kg.parse.results.parse_result`) matches the winner against each side's
members' names. When it names no side, the names are widened tier by tier, each tier adding to the
last, until one side matches: the units the infobox gives each side (``Units2``, "Ridge Brigade"
for "Ridge victory"), then its commanders ("Victory for Ada Varo"; a word of a commander's name
may be a family's or a dynasty's: "Varo victory"), then the names the lead gives the two sides
(:mod:`kg.extract.lead_sides`), then the acronyms the prose gives a side's members
(:mod:`kg.extract.side_acronyms`). The fallbacks run for a winner the Result names, and for a
Result with no victory word (a control phrase whose winner matched no side).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..facts import ArticleFacts
from ..parse.results import ResultValue, parse_result
from .lead_sides import lead_side_names
from .side_acronyms import acronym_side_names

__all__ = ["read_result"]


def _result_sides(facts: ArticleFacts) -> list[list[str] | None]:
    """Per side (in index order), the names a Result value may call it by; an empty list for a side
    that fights but whose members are not named (a flag, a commander, a strength only, or sides 1
    and 2, the belligerents of the infobox), None for a side past the second that only counts losses
    (``Casualties3: 40 civilians``), which cannot be the victor."""
    fighting = {r.side for r in facts.battle.roles} | {c.side for c in facts.claims if c.category == "strength"}
    out: list[list[str] | None] = []
    for index in sorted(facts.sides):
        side = facts.sides[index]
        named = [facts.entities[k].name for k in (*side.members, *side.supporters)]
        names = named + [side.label] if named else []
        out.append(names if names or index in fighting or side.label or index <= 2 else None)  # 1, 2: whole sides
    return out


def _side_roles(facts: ArticleFacts, role: str) -> list[list[str]]:
    """Per side (in index order), the names of the actors the infobox gives it in *role*."""
    names: dict[int, list[str]] = {}
    for r in facts.battle.roles:
        if r.role == role and r.side is not None:
            names.setdefault(r.side, []).append(facts.entities[r.actor].name)
    return [names.get(index, []) for index in sorted(facts.sides)]


def _side_units(facts: ArticleFacts) -> list[list[str]]:
    """Per side (in index order), the names of the units the infobox gives it (``Units2``)."""
    return _side_roles(facts, "unit")


def _side_commanders(facts: ArticleFacts) -> list[list[str]]:
    """Per side (in index order), the names of its commanders."""
    return _side_roles(facts, "commander")


def _tiers(facts: ArticleFacts, sides: list[list[str] | None]) -> Iterator[list[list[str]]]:
    """The names each tier adds to each side, read only when the tiers before named no victor."""
    yield _side_units(facts)
    commanders = _side_commanders(facts)
    yield commanders
    yield lead_side_names(facts.article, sides, commanders)
    yield acronym_side_names(facts.article, sides)


def read_result(facts: ArticleFacts, value: str, *, control: bool) -> ResultValue:
    """The reading of the Result (or Status) *value* against the sides of *facts*; *control* as
    for :func:`kg.parse.results.parse_result` (False for a Status value)."""
    sides = _result_sides(facts)
    parsed = parse_result(value, sides, control=control)
    if parsed.victor_side is not None or not (parsed.victor_text or parsed.outcome == "other"):
        return parsed  # a winner found, or an outcome naming none ("Indecisive", "Decisive victory")
    for more in _tiers(facts, sides):
        if any(more):
            sides = [None if names is None else [*names, *extra] for names, extra in zip(sides, more, strict=True)]
            parsed = parse_result(value, sides, control=control)
            if parsed.victor_side is not None:
                break
    return parsed
