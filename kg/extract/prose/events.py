"""Typed events from trigger words, with their date, place and participants in roles.

The vocabulary (trigger verbs and nouns per event type, light verbs, passive auxiliaries,
negations, role prepositions) is ``data/lexicons/events.toml``. The grammar, here:

* a trigger **verb** reports a new event, unless negated ("did not release") or unreal
  ("claimed to have killed"); its voice must be the one the type allows. In the active voice the
  doer is the nearest actor mention before it in its clause (never one inside a prepositional
  phrase), the patient the first one after it; in the passive voice the patient is the subject
  and the doer follows ``by``; ``including X`` adds patients;
* a trigger **noun** is a new event after an indefinite article or a light verb ("launched an
  offensive against X", "organized a patrol"), or before ``broke out``/``erupted``; after a
  definite article it refers back to the latest event of its type (or to the main event), and
  ``the ambush was conducted by X`` gives that event its doers;
* an event's date is the date written after its trigger (before the next trigger), else the
  date opening the sentence, else -- in a sentence with no date at all -- the paragraph's date
  (day precision); its place is the first place phrase after the trigger in its clause;
* an event dated within the main event's time whose type is the main event's (or a type listed
  in ``[battle] same_as``) IS the main event; two events of one type on one date are one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ...facts import EventFact, LocationFact, RoleFact, TimeFact
from ...gazetteer import country
from ...parse.date_types import DateRange, PartialDate
from ...parse.patterns import alternation, phrase_key, scanner
from ...resources import lexicon
from .context import EventHit, Reading, SentenceView
from .mentions import Mention, mention_lexicon
from .relations import part_of_main, within
from .timeline import Moment

__all__ = ["EventType", "Trigger", "EventLexicon", "event_lexicon", "find_triggers", "read_events", "resolve_reference"]


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    agent: str
    patient: str
    voice: str = "any"
    patient_status: str | None = None
    needs_agent: bool = False
    speech: bool = False


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word in a sentence (offsets into the sentence)."""

    type: EventType
    begin: int
    end: int
    text: str
    verb: bool
    new: bool  # reports a new event (False: refers to an earlier one)
    passive: bool = False
    light: int | None = None  # start of the light verb or article before a noun
    light_verb: bool = False  # a light verb ("launched an offensive"), not an article alone
    named: str | None = None  # capitalised words between a definite article and the noun


_COPULA = re.compile(r"(?<![\w-])(?:was|were|is|are|be|been|being|became|become|remains?|as)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class EventLexicon:
    forms: dict[str, tuple[EventType, bool]]  # form -> (type, is_verb)
    pattern: re.Pattern[str]
    light_before: re.Pattern[str]
    light_after: re.Pattern[str]
    definite_before: re.Pattern[str]
    passive_before: re.Pattern[str]
    negated_before: re.Pattern[str]
    unreal_before: re.Pattern[str]
    by_roles: dict[str, str]
    by_pattern: re.Pattern[str]
    patient_prep: re.Pattern[str]
    same_as: frozenset[str]
    subevent_days: int
    battle: EventType


@cache
def event_lexicon() -> EventLexicon:
    """The triggers of ``events.toml``, compiled once."""
    data = lexicon("events.toml")
    forms: dict[str, tuple[EventType, bool]] = {}
    for entry in data["type"]:
        et = EventType(
            id=entry["id"],
            agent=entry.get("agent", "participant"),
            patient=entry.get("patient", "participant"),
            voice=entry.get("voice", "any"),
            patient_status=entry.get("patient_status"),
            needs_agent=bool(entry.get("needs_agent", False)),
            speech=bool(entry.get("speech", False)),
        )
        for verb in entry.get("verbs", []):
            forms.setdefault(phrase_key(verb), (et, True))
        for noun in entry.get("nouns", []):
            forms.setdefault(phrase_key(noun), (et, False))
    battle = EventType("battle", "participant", "participant")
    for noun in data["battle"]["nouns"]:
        forms.setdefault(noun.casefold(), (battle, False))
    light = data["light"]
    voice = data["voice"]
    roles = data["roles"]
    adjectives = r"(?:[a-z][\w-]*\s+){0,2}"
    return EventLexicon(
        forms=forms,
        pattern=scanner(rf"(?<![\w-])(?:{alternation(forms, flexible_spaces=True)})(?![\w-])", re.IGNORECASE),
        light_before=re.compile(
            rf"(?<![\w-])(?:(?P<verb>{alternation(light['before'], flexible_spaces=True)})\s+(?:(?:{alternation(light['indefinite'] + light['definite'], flexible_spaces=True)})\s+)?|"
            rf"(?:{alternation(light['indefinite'], flexible_spaces=True)})\s+){adjectives}$",
            re.IGNORECASE,
        ),
        light_after=re.compile(rf"\s+(?:{alternation(light['after'], flexible_spaces=True)})(?![\w-])", re.IGNORECASE),
        definite_before=re.compile(rf"(?<![\w-])(?:{alternation(light['definite'], flexible_spaces=True)})\s+{adjectives}$", re.IGNORECASE),
        passive_before=re.compile(
            rf"(?<![\w-])(?:{alternation(voice['passive'], flexible_spaces=True)})\s+(?:[a-z]+ly\s+|also\s+|then\s+|later\s+|not\s+)?$", re.IGNORECASE
        ),
        negated_before=re.compile(rf"(?<![\w-])(?:{alternation(voice['negation'], flexible_spaces=True)})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE),
        unreal_before=re.compile(rf"(?<![\w-])(?:{alternation(voice['unreal'], flexible_spaces=True)})\s+$", re.IGNORECASE),
        by_roles={phrase_key(k): v for k, v in roles["by"].items()},
        by_pattern=re.compile(
            rf"\s+(?:was|were|had been|has been|is|are)\s+(?:reportedly\s+|allegedly\s+)?(?P<by>{alternation(roles['by'], flexible_spaces=True)})\s+",
            re.IGNORECASE,
        ),
        patient_prep=re.compile(rf"\s*(?:{alternation(roles['patient_prepositions'], flexible_spaces=True)})\s+", re.IGNORECASE),
        same_as=frozenset(data["battle"]["same_as"]),
        subevent_days=int(data["battle"]["subevent_days"]),
        battle=battle,
    )


def find_triggers(text: str) -> list[Trigger]:
    """The event triggers of a sentence, left to right."""
    lex = event_lexicon()
    out: list[Trigger] = []
    for m in lex.pattern.finditer(text):
        et, verb = lex.forms[phrase_key(m.group())]
        before = text[max(0, m.start() - 60) : m.start()]
        if verb:
            if lex.negated_before.search(before) or lex.unreal_before.search(before):
                continue
            passive = bool(lex.passive_before.search(before))
            if (et.voice == "active" and passive) or (et.voice == "passive" and not passive):
                continue
            out.append(Trigger(et, m.start(), m.end(), m.group(), True, True, passive))
            continue
        if lex.negated_before.search(before):
            continue  # "instead of a direct attack"
        lb = lex.light_before.search(before)
        if lb and not lb.group("verb") and _COPULA.search(before[: lb.start()]):
            continue  # "the attacks were a diversionary attack": says what something was
        if et.id != "battle" and (lb or lex.light_after.match(text, m.end())):
            light = m.start() - len(before) + lb.start() if lb else None
            out.append(Trigger(et, m.start(), m.end(), m.group(), False, True, light=light, light_verb=bool(lb and lb.group("verb"))))
        elif (db := lex.definite_before.search(before)) or et.id == "battle":
            words = before[db.start() :].split()[1:] if db else []
            named = " ".join(w for w in words if w[:1].isupper()) or None
            out.append(Trigger(et, m.start(), m.end(), m.group(), False, False, named=named))
    return out


# ---- clauses and roles ------------------------------------------------------------------------

_BOUNDARY = re.compile(
    r"[;:]|,\s+(?=(?:but|although|though|while|whereas|which|who|where|when|and)\b)"
    r"|\s+(?=(?:but|although|though|whereas|that|which)\s)|\s+(?:and|while)\s+(?=(?:a|an|the)\s)"
)
_PREPOSITION = re.compile(
    r"(?<![\w-])(?i:of|in|by|against|to|from|with|for|on|at|near|into|within|between|including|among|towards?)"
    r"\s+(?:(?i:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}$"
)
_GAP_PREPOSITION = re.compile(
    r"(?<![\w-])(?:by|of|in|to|towards?|from|with|for|on|at|near|into|within|between|among|across|through|"
    r"over|under|after|before|during|around|against|via|along|behind|beyond|outside|inside)(?![\w-])",
    re.I,
)
_COORD = re.compile(r"^\s*(?:,\s*)?(?:and|or|as well as|,)\s+(?:(?:the|their|its|affiliated|allied|local|other)\s+)*$", re.I)
_INCLUDING = re.compile(r"^\s*,?\s*(?:including|among them|notably)\s+$", re.I)
_BETWEEN = re.compile(r"\s*between\s+", re.I)
_EMPTY = re.compile("")


def _clause(text: str, pos: int) -> tuple[int, int]:
    """The clause of *text* around *pos*: between the boundaries (``;``, ``, but`` ...) around it."""
    start, end = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _chain(text: str, mentions: list[tuple[Mention, int, int]], first: int, step: int) -> list[int]:
    """Indexes of the mentions coordinated with mention *first* ("X and affiliated Y")."""
    out = [first]
    i = first
    while 0 <= i + step < len(mentions):
        a, b = (i, i + step) if step > 0 else (i + step, i)
        gap = text[mentions[a][2] : mentions[b][1]]
        if not _COORD.match(gap):
            break
        i += step
        out.append(i)
    return out


def _before(text: str, local: list[tuple[Mention, int, int]], pos: int, lo: int) -> list[int]:
    """The subject before *pos* in the clause starting at *lo*: the nearest mention outside a
    prepositional phrase nor in an apposition ("X, a group active in Y, attacked"), with the
    mentions coordinated with it."""
    head = text[lo:pos].rstrip()
    if head.endswith(","):  # an apposition closes right before the verb: look before it opens
        opening = text.rfind(",", lo, lo + len(head) - 1)
        if opening < 0:
            return []
        pos = opening
    for i in range(len(local) - 1, -1, -1):
        _, s, e = local[i]
        if e > pos or s < lo:
            continue
        if _PREPOSITION.search(text[max(0, s - 20) : s]):
            continue
        return sorted(_chain(text, local, i, -1))
    return []


def _after(text: str, local: list[tuple[Mention, int, int]], pos: int, hi: int, *, exclude_by: bool = True) -> list[int]:
    """The object after *pos*: the first mention, with those coordinated with it. With
    *exclude_by* (after a verb) an object behind a preposition ("retreated towards X") is none."""
    for i, (_, s, e) in enumerate(local):
        if s < pos or e > hi:
            continue
        gap = text[pos:s]
        if exclude_by and (_GAP_PREPOSITION.search(gap) or re.search(r"[,;]", gap)):
            return []
        return _chain(text, local, i, 1)
    return []


def _near(text: str, pos: int, start: int) -> bool:
    """True when at most a determiner and two modifiers stand between *pos* and *start*."""
    return bool(re.fullmatch(r"\s*(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}", text[pos:start], re.I))


def _by_agent(text: str, local: list[tuple[Mention, int, int]], pos: int, hi: int) -> list[int]:
    m = re.match(r"\s+(?:[\w-]+\s+){0,6}?by\s+(?:the\s+)?", text[pos:hi], re.I)
    if not m:
        return []
    at = pos + m.end()
    for i, (_, s, _e) in enumerate(local):
        if s == at or (at <= s <= at + 2):
            return _chain(text, local, i, 1)
    return []


def _including(text: str, local: list[tuple[Mention, int, int]], pos: int, hi: int) -> list[int]:
    for i, (_, s, e) in enumerate(local):
        if s >= pos and e <= hi and _INCLUDING.match(text[pos:s].split(",", 1)[-1] if "," in text[pos:s] else text[pos:s]):
            return _chain(text, local, i, 1)
    return []


# ---- dates and places -------------------------------------------------------------------------


def _day(rng: DateRange) -> DateRange:
    """A range cut to day precision (an inherited date keeps its day, not its hour)."""
    if rng.precision != "hour":
        return rng
    s = rng.start
    e = rng.end or s
    return replace(rng, start=PartialDate(s.year, s.month, s.day), end=PartialDate(e.year, e.month, e.day))


def _moment_for(trigger: Trigger, new: list[Trigger], moments: list[Moment]) -> Moment | None:
    later = [t.begin for t in new if t.begin > trigger.begin]
    limit = min(later) if later else None
    for m in moments:
        if m.begin >= trigger.end and (limit is None or m.begin < limit):
            return m
    first = min(t.begin for t in new)
    leading = [m for m in moments if m.end <= first]
    return leading[-1] if leading else None


def _place_keys(reading: Reading, view: SentenceView, trigger: Trigger, hi: int, limit: int | None) -> list[LocationFact]:
    facts = reading.facts
    for place in view.places:
        if place.start < trigger.end or place.end > hi or (limit is not None and place.start > limit) or not place.names:
            continue
        if any(reading.index._lookup(n) is not None and country(n) is None for n in place.names):
            continue
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
        for inner, outer in zip(keys, keys[1:]):
            if facts.entities[inner].contained_in is None and inner != outer and facts.entities[outer].contained_in != inner:
                facts.entities[inner].contained_in = outer
        return [LocationFact(keys[0], place.qualifier or "in", span)]
    return []


# ---- reading --------------------------------------------------------------------------------


def _label(et: EventType, agent: str | None, when: DateRange | None) -> str:
    label = et.id.replace("_", " ")
    label = label[0].upper() + label[1:]
    if agent:
        label += f" by {agent}"
    if when is not None:
        label += f" on {when.start.iso()}"
    return label


def _new_key(reading: Reading, et: EventType, when: DateRange | None) -> str:
    """``{type}-{date}`` (``-2`` ... when taken), or ``{type}-{n}`` for an undated event."""
    stem = et.id.replace("_", "-")
    if when is not None:
        stem = f"{stem}-{when.start.iso()[:10]}"
        key, n = stem, 1
    else:
        key, n = f"{stem}-1", 1
    while key in reading.facts.events:
        n += 1
        key = f"{stem}-{n}"
    return key


def resolve_reference(reading: Reading, type_id: str, paragraph: int) -> str | None:
    """The event a definite noun of *type_id* refers to: the latest of its type, or the main event.

    A noun of the main event's own type ("the attack" in an article about an attack) is the main
    event, unless an event of that type was told in the same *paragraph*."""
    lex = event_lexicon()
    battle = reading.facts.battle
    main = type_id == "battle" or type_id in battle.types
    for told, key, where in reversed(reading.told):
        if told == type_id:
            if main and key != "" and where != paragraph:
                break
            return key
    if main or type_id in lex.same_as:
        return ""
    return None


def _is_battle(reading: Reading, et: EventType, when: DateRange | None, view: SentenceView) -> bool:
    lex = event_lexicon()
    battle = reading.facts.battle
    if et.id not in battle.types and et.id not in lex.same_as:
        return False
    return when is not None and battle.time is not None and within(when, battle.time.range)


def read_events(reading: Reading, view: SentenceView) -> list[EventHit]:
    """Read the events of one sentence into the facts; return the sentence's event hits."""
    lex = event_lexicon()
    text = view.text
    triggers = find_triggers(text)
    if not triggers:
        return []
    local = [(m, m.start - view.base, m.end - view.base) for m in view.mentions]
    new = [t for t in triggers if t.new]
    hits: list[EventHit] = []
    span = view.sentence.span
    for t in triggers:
        lo, hi = _clause(text, t.begin)
        if not t.new:
            if t.named and not all(w.casefold() in reading.facts.article.title.casefold() for w in t.named.split()):
                continue  # "the Tin-Ediar attack" names another event than the ones told
            key = resolve_reference(reading, t.type.id, view.paragraph)
            if key is None:
                continue
            hits.append(EventHit(key, t.type.id, t.begin, t.end, False, t.type.speech))
            by = lex.by_pattern.match(text, t.end)
            if by:
                role = lex.by_roles[phrase_key(by.group("by"))]
                for i in _after(text, local, by.end(), len(text), exclude_by=False):
                    _add_role(reading, key, local[i][0], role, view, note=None)
            continue
        # roles
        agents: list[int] = []
        patients: list[int] = []
        if t.verb and t.passive:
            patients = _before(text, local, t.begin, lo)
            agents = _by_agent(text, local, t.end, hi)
        elif t.verb:
            agents = _before(text, local, t.begin, lo)
            patients = _after(text, local, t.end, hi)
        else:
            head = t.light if t.light is not None else t.begin
            agents = _before(text, local, head, lo) if t.light_verb else []
            prep = lex.patient_prep.match(text, t.end)
            if prep:
                patients = [i for i in _after(text, local, prep.end(), hi, exclude_by=False) if _near(text, prep.end(), local[i][1])]
            elif _BETWEEN.match(text, (lex.light_after.match(text, t.end) or _EMPTY.match(text, t.end)).end()):
                patients = [i for i, (_, s, e) in enumerate(local) if s >= t.end and e <= hi]
        patients += [i for i in _including(text, local, t.end, hi) if i not in patients]
        if t.type.needs_agent and not agents:
            continue
        moment = _moment_for(t, new, view.moments)
        when: DateRange | None = moment.range if moment else None
        time_span = view.span(moment.begin, moment.end) if moment else span
        reported = t.verb or t.light_verb or t.light is None
        anchor = reading.timeline.paragraph_anchor
        if (
            moment is None
            and reported
            and not view.moments
            and anchor is not None
            and anchor.precision in ("day", "hour")
            and not reading.timeline.vague(text)
        ):
            when = _day(anchor)
            time_span = span
        if _is_battle(reading, t.type, when, view):  # told as new, but it is the main event
            hits.append(EventHit("", t.type.id, t.begin, t.end, True, False))
            reading.told.append((t.type.id, "", view.paragraph))
            continue
        key = _merge_target(reading, t.type, when)
        if key is None:
            agent_name = local[agents[0]][0].name if agents else None
            key = _new_key(reading, t.type, when)
            reading.facts.events[key] = EventFact(key, [t.type.id], _label(t.type, agent_name, when), span)
            reading.prose_events.append(key)
            ev = reading.facts.events[key]
            if when is not None:
                ev.time = TimeFact(when, time_span)
            limit = min((x.begin for x in new if x.begin > t.begin), default=None)
            ev.locations.extend(_place_keys(reading, view, t, hi, limit))
        reading.told.append((t.type.id, key, view.paragraph))
        for i in agents:
            _add_role(reading, key, local[i][0], t.type.agent, view, note=_title(local[i][0], text, local[i][1], local[i][2]))
        for i in patients:
            _add_role(reading, key, local[i][0], t.type.patient, view, status=t.type.patient_status, note=_title(local[i][0], text, local[i][1], local[i][2]))
        ev = reading.facts.events[key]
        if "" not in ev.parents and part_of_main(reading.facts, ev, max_days=lex.subevent_days):
            ev.parents.append("")
        hits.append(EventHit(key, t.type.id, t.begin, t.end, True, t.type.speech))
    return hits


def _merge_target(reading: Reading, et: EventType, when: DateRange | None) -> str | None:
    if when is None:
        return None
    for key in reading.prose_events:
        ev = reading.facts.events[key]
        if et.id in ev.types and ev.time is not None and ev.time.range.start == when.start and ev.time.range.end == when.end:
            return key
    return None


_APPOSITION = re.compile(r"^,\s+(?:the|a|an)\s+(?P<what>[^,;]{3,80}?),")
_TITLE_BEFORE = re.compile(r"(?P<what>(?:[A-Z][\w-]+\s+)?[a-z][\w-]+)\s+$")


def _title(mention: Mention, text: str, start: int, end: int) -> str | None:
    """What the text calls a person around their name: an apposition ("X, the deputy commander
    in Y,") or a title before it ("Kenyan officer X"); kept as the role's note."""
    if mention.kind != "person":
        return None
    m = _APPOSITION.match(text[end:])
    if m:
        return m.group("what")
    b = _TITLE_BEFORE.search(text[max(0, start - 40) : start])
    if b and b.group("what").split()[-1].casefold() in mention_lexicon().titles:
        return b.group("what")
    return None


def _add_role(reading: Reading, key: str, mention: Mention, role: str, view: SentenceView, *, status: str | None = None, note: str | None) -> None:
    ev = reading.facts.events[key]
    actor = reading.index.use(mention, view.span(mention.start - view.base, mention.end - view.base))
    for existing in ev.roles:
        if existing.actor == actor and existing.role == role:
            return
    statuses = (status,) if status and (mention.kind == "person" or mention.members) else ()
    ev.roles.append(RoleFact(actor, role, view.sentence.span, side=reading.index.side_of(actor), status=statuses, note=note))
