"""Extract facts from the infobox, as ``data/mapping/infobox.toml`` says.

The engine matches each field's key against the mapping, cleans the value, and calls the
handler the mapping names. Handlers are small functions, one per kind of field; they call the value
parsers of ``kg.parse`` and record facts with the span of the field's line. What a handler cannot
read is reported in a :class:`~kg.facts.FieldReport` (coverage).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from ..article import InfoboxField
from ..errors import ParseError, ResourceError
from ..facts import (
    ArticleFacts,
    ClaimFact,
    EventFact,
    FieldReport,
    LocationFact,
    ResultFact,
    RoleFact,
    SideFact,
    TimeFact,
)
from ..gazetteer import Country, country, country_by_adjective
from ..parse.actors import parse_actors
from ..parse.clean import clean_value
from ..parse.conflicts import parse_part_of
from ..parse.date_types import DateRange
from ..parse.dates import gregorian_dates, parse_dates, read_dates
from ..parse.figures import parse_quantities
from ..parse.names import parse_people
from ..parse.places import parse_places
from ..resources import lexicon, load_toml
from .victors import read_result

__all__ = ["MappingRule", "mapping_rules", "match_rule", "extract_infobox", "resolve_authority"]


@dataclass(frozen=True, slots=True)
class MappingRule:
    handler: str
    pattern: re.Pattern[str]
    params: dict[str, str]


@dataclass(slots=True)
class _Outcome:
    facts: int = 0
    leftover: tuple[str, ...] = ()


@cache
def mapping_rules() -> tuple[tuple[MappingRule, ...], frozenset[str], tuple[str, ...]]:
    """The rules of the mapping file, the ignored keys, and the handler order."""
    data = load_toml("mapping", "infobox.toml")
    rules = []
    for entry in data.get("field", []):
        handler = entry.get("handler")
        if handler not in HANDLERS:
            raise ResourceError(f"infobox mapping names unknown handler {handler!r}; known: {sorted(HANDLERS)}")
        params = {k: v for k, v in entry.items() if k not in ("keys", "handler")}
        for key in entry["keys"]:
            regex = re.escape(key).replace(re.escape("{n}"), r"(?P<n>\d{1,3})(?P<column>[a-z]?)")
            rules.append(MappingRule(handler, re.compile(regex + r"\Z"), params))
    ignored = frozenset(data.get("ignore", {}).get("keys", []))
    return tuple(rules), ignored, tuple(data.get("order", sorted(HANDLERS)))


def match_rule(name: str) -> tuple[MappingRule, int | None, str] | None:
    """The rule for the normalised key *name*, its side number if the key has one, and the letter of
    a side's sub-column (``combatant2a`` -> 2, ``"A"``; ``""`` for a whole side)."""
    rules, _, _ = mapping_rules()
    for rule in rules:
        m = rule.pattern.match(name)
        if m:
            groups = m.groupdict()
            n = groups.get("n")
            return rule, int(n) if n else None, (groups.get("column") or "").upper()
    return None


# ---- handlers ---------------------------------------------------------------------------------


def _label(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    battle = facts.battle
    if value.casefold() != battle.label.casefold() and value not in battle.aliases:
        battle.aliases.append(value)
    return _Outcome(1)


def _parent_events(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    names = parse_part_of(value)
    for name in names:
        key = "conflict:" + name.casefold()
        if key not in facts.events:
            facts.events[key] = EventFact(key, ["conflict"], name, field.line, external=True)
        if key not in facts.battle.parents:
            facts.battle.parents.append(key)
    return _Outcome(len(names))


def envelope(ranges: list[DateRange]) -> DateRange:
    """One range covering every range of *ranges* (a battle with several dates)."""
    if len(ranges) == 1:
        return ranges[0]
    start = min((r.start for r in ranges), key=lambda d: d.earliest())
    ongoing = any(r.ongoing for r in ranges)
    ends = [r.end or r.start for r in ranges]
    first, last = ranges[0], ranges[-1]
    return DateRange(
        start=start,
        end=None if ongoing else max(ends, key=lambda d: d.latest()),
        ongoing=ongoing,
        approximate=any(r.approximate for r in ranges),
        calendar=first.calendar,
        text=first.text if len(ranges) == 1 else f"{first.text} … {last.text}",
        begin=first.begin,
        stop=last.stop,
    )


def _time(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    reading = read_dates(value)
    # one day written in two calendars is one date, not a range over both
    ranges = gregorian_dates(list(reading.ranges))
    facts.battle.time = TimeFact(envelope(ranges), field.line)
    return _Outcome(len(reading.ranges), reading.leftover)


def _place_entities(facts: ArticleFacts, names: tuple[str, ...], country_name: str | None, span) -> str:
    """Register a containment chain (most specific first); return the key of the first place."""
    keys = []
    for name in names:
        found = country(name)
        if found is not None:
            keys.append(state_entity(facts, found, name, span))
        else:
            keys.append(facts.add_entity("place", name, span))
    if country_name and not any(k.startswith("state:") for k in keys):
        keys.append(facts.add_entity("state", country_name, span))
    keys = list(dict.fromkeys(keys))  # "Philippines, Southeast Asia, Philippines": once each
    for inner, outer in pairwise(keys):
        ent = facts.entities[inner]
        if ent.contained_in is None and not _contains(facts, inner, outer):
            ent.contained_in = outer
    return keys[0]


def _contains(facts: ArticleFacts, outer: str, inner: str) -> bool:
    """True when *inner* already lies in *outer* (so *outer* in *inner* would make a cycle)."""
    seen = set()
    current: str | None = inner
    while current is not None and current not in seen:
        if current == outer:
            return True
        seen.add(current)
        current = facts.entities[current].contained_in
    return False


def _place(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    places = parse_places(value)
    locations = facts.battle.locations
    then: int | None = None  # the first location named as it was called then
    for place in places:
        if not place.names:
            continue
        key = _place_entities(facts, place.names, place.country, field.line)
        if not place.present_day and then is None:
            then = len(locations)
        locations.append(
            LocationFact(key, place.qualifier or "in", field.line, present_day_of=then if place.present_day else None)
        )
    # a parenthesis read as no place ("Varo Ford (Kessel)") is not in the graph: reported
    return _Outcome(len(places), tuple(dict.fromkeys(p.note for p in places if p.note)))


def state_entity(facts: ArticleFacts, found: Country, written: str, span) -> str:
    """Register the state *found* as the article writes it: one entity per state (its key is the
    gazetteer's name), labelled with the first name this article gives it ("Kingdom of Norway",
    "DRC"), the gazetteer's name and other spellings kept as alternate names."""
    key = facts.add_entity("state", found.name, span)
    ent = facts.entities[key]
    written = " ".join(written.split())
    if written.casefold() != ent.name.casefold():
        if ent.name == found.name and not ent.aliases:
            ent.name, ent.aliases = written, [found.name]
        elif written not in ent.aliases:
            ent.aliases.append(written)
    return key


def actor_entity(facts: ArticleFacts, name: str, kind: str | None, span, *, default: str = "organization") -> str:
    """Register an actor named *name*: a state when the gazetteer knows it, else *kind*."""
    found = country(name)
    if found is not None:
        return state_entity(facts, found, name, span)
    return facts.add_entity(kind if kind and kind != "state" else default, name, span)


def _open_sides(facts: ArticleFacts, planned: list[tuple[InfoboxField, int, str]]) -> None:
    """Every side an infobox key numbers exists, in key order, with or without a Combatant line:
    ``Commander2`` or ``Casualties3`` alone make side 2 or 3, ``Combatant2A`` the sub-column A of
    side 2 (a side of its own). Its span is the first line that numbers it; its label is its
    Combatant value (set by :func:`_side_members`), else the placeholder of
    ``data/mapping/infobox.toml`` (``[sides] unnamed_label``)."""
    for field, number, column in sorted(planned, key=lambda p: (p[1], p[2])):
        key = facts.side_key(number, column)
        if key not in facts.sides:
            facts.sides[key] = SideFact(number, "", field.line, column=column)


def _name_unnamed_sides(facts: ArticleFacts) -> None:
    template = load_toml("mapping", "infobox.toml").get("sides", {}).get("unnamed_label", "side {n}")
    for side in facts.sides.values():
        if not side.label:
            side.label = template.format(n=side.token.upper())


def _side_members(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    role = params.get("role", "combatant")
    index = side or 1
    if role == "combatant":
        sf = facts.sides.get(index) or facts.sides.setdefault(index, SideFact(index, "", field.line))
        if not sf.label:
            sf.label, sf.span = value, field.line
        elif value not in sf.label:
            sf.label = f"{sf.label}; {value}"
    mentions = parse_actors(value)
    if not mentions:  # "Unknown", "No specific units", a flag alone: read, but nothing to record
        return _Outcome(1 if value.casefold() in lexicon("actors.toml")["unknown"] else 0)
    keys: dict[str, str] = {}
    for m in mentions:
        # A combatant that is no state and no armed force is a non-state armed group.
        default = "armed_force" if role == "unit" else "armed_group"
        key = actor_entity(facts, m.name, m.kind, field.line, default=default)
        keys[m.name] = key
        if m.affiliated_with and m.affiliated_with in keys:
            facts.entities[key].affiliated_with = keys[m.affiliated_with]
        if role == "combatant":
            sf = facts.sides[index]
            target = sf.supporters if m.supporter else sf.members
            if key not in target:
                target.append(key)
        else:
            facts.battle.roles.append(RoleFact(key, role, field.line, side=index, note=m.note))
    return _Outcome(len(mentions))


def _commanders(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    people = parse_people(value)
    role = params.get("role", "commander")
    index = side or 1
    for person in people:
        if person.unknown or not person.name:
            key = facts.add_entity(
                "unknown",
                f"unknown {role} of side {facts.sides[index].token.upper()}",
                field.line,
                local=f"side/{facts.sides[index].token}/unknown-{role}",
            )
        else:
            key = facts.add_entity("person", person.name, field.line)
        same = next((r for r in facts.battle.roles if (r.actor, r.role, r.side) == (key, role, index)), None)
        if same is not None:  # one person written twice ("X, X POW"): one role, every status
            same.status = tuple(dict.fromkeys((*same.status, *person.status)))
            same.rank = same.rank or person.rank
            continue
        facts.battle.roles.append(
            RoleFact(key, role, field.line, side=index, status=person.status, rank=person.rank, note=person.note)
        )
    return _Outcome(len(people))


def resolve_authority(facts: ArticleFacts, name: str, span) -> str:
    """The entity key of a source named in the text: a state by name or adjective, else an organisation.

    "Kenyan Army" is an armed force of its own; "Kenyan" alone, or "Kenya", is the state.
    """
    name = name.strip()
    words = name.split()
    found = country(name) or (country_by_adjective(name) if len(words) == 1 else None)
    if found is not None:
        return facts.add_entity("state", found.name, span, authority=True)
    return facts.add_entity("organization", name, span, authority=True)


def _stated(text: str | None) -> DateRange | None:
    if not text:
        return None
    try:
        return parse_dates(text)[0]
    except ParseError:
        return None


def _figures(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    parsed = parse_quantities(value)
    stem = field.name or "field"
    fixed = params.get("category")
    count = 0
    for figure in parsed.figures:
        category = "strength" if fixed == "strength" else (figure.category or "casualties")
        if figure.authority:
            authority, attribution = resolve_authority(facts, figure.authority, field.line), "explicit"
        else:
            authority, attribution = "infobox", "infobox"
        bounded = figure.min is not None or figure.max is not None
        facts.claims.append(  # "Dozens killed", "Unknown missing" state no number: a claim in words
            ClaimFact(
                key=facts.claim_key(stem),
                event="",
                category=category,
                authority=authority,
                attribution=attribution,
                span=field.line,
                side=side if side in facts.sides else None,
                figure=figure if bounded else None,
                statement=None if bounded else figure.text,
                vague=None if bounded else figure.vague,
                stated=_stated(figure.as_of),
                authority_text=figure.authority,
            )
        )
        count += 1
    count += int(parsed.unknown) + len(parsed.qualitative)
    return _Outcome(count, parsed.leftover)


def _result(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    # A Status value tells where an ongoing conflict stands: who took a town is no final victory.
    parsed = read_result(facts, value, control=field.name != "status")
    order = sorted(facts.sides)
    victor = order[parsed.victor_side - 1] if parsed.victor_side and parsed.victor_side <= len(order) else None
    if facts.result is None:
        facts.result = ResultFact(parsed.outcome, value, field.line, victor, parsed.consequences, parsed.victor_text)
    else:  # a Status field after the Result: more consequences of the same outcome
        facts.result.consequences = facts.result.consequences + (value,)
    return _Outcome(1 if parsed.outcome != "other" or parsed.consequences else 0)


def _text(facts: ArticleFacts, field: InfoboxField, value: str, side: int | None, params: dict) -> _Outcome:
    facts.battle.territorial_change = value
    return _Outcome(1)


Handler = Callable[[ArticleFacts, InfoboxField, str, "int | None", dict], _Outcome]

HANDLERS: dict[str, Handler] = {
    "label": _label,
    "parent_events": _parent_events,
    "time": _time,
    "place": _place,
    "side_members": _side_members,
    "commanders": _commanders,
    "figures": _figures,
    "result": _result,
    "text": _text,
}


# ---- engine -------------------------------------------------------------------------------------


def extract_infobox(facts: ArticleFacts) -> None:
    """Read every infobox field of ``facts.article`` into *facts*, recording coverage."""
    _, ignored, order = mapping_rules()
    rank = {h: i for i, h in enumerate(order)}
    planned = []
    reports: dict[int, FieldReport] = {}
    for pos, field in enumerate(facts.article.infobox):
        value = clean_value(field.value)
        if field.name in ignored:
            reports[pos] = FieldReport(field, "ignored")
        elif not value:
            reports[pos] = FieldReport(field, "empty")
        else:
            found = match_rule(field.name)
            if found is None:
                reports[pos] = FieldReport(field, "unparsed", leftover=(value,))
            else:
                rule, number, column = found
                planned.append((rank.get(rule.handler, len(rank)), pos, field, value, rule, number, column))
    _open_sides(facts, [(p[2], p[5], p[6]) for p in planned if p[5] is not None])
    for _, pos, field, value, rule, number, column in sorted(planned, key=lambda p: (p[0], p[1])):
        side = facts.side_key(number, column) if number is not None else None
        try:
            outcome = HANDLERS[rule.handler](facts, field, value, side, rule.params)
        except ParseError:
            outcome = _Outcome(0, (value,))
        if outcome.facts == 0:
            status = "unparsed"
            leftover = outcome.leftover or (value,)
        else:
            status = "partial" if outcome.leftover else "parsed"
            leftover = outcome.leftover
        reports[pos] = FieldReport(field, status, rule.handler, leftover, outcome.facts)
    _name_unnamed_sides(facts)
    facts.fields = [reports[i] for i in sorted(reports)]
