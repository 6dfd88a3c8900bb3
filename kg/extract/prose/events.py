"""Typed events from trigger words, with their date, place and participants in roles.

The vocabulary (trigger verbs and nouns per event type, light verbs, passive auxiliaries,
negations, role prepositions) is ``data/lexicons/events.toml``; which words are triggers is
:mod:`.triggers`. The grammar, here:

* in the active voice the doer of a trigger verb is the nearest actor mention before it in its
  clause (never one inside a prepositional phrase), the patient the first one after it; in the
  passive voice the patient is the subject and the doer follows ``by``; ``including X`` adds
  patients; a trigger noun after a definite article refers back to the latest event of its type
  (or to the main event), and ``the ambush was conducted by X`` gives that event its doers;
* an event's date is the date written after its trigger (before the next trigger), else the
  date opening the sentence (never a year written as an adjective of another noun phrase), else
  -- in a sentence with no date at all -- the paragraph's date (day precision); its place is the
  first place phrase after the trigger in its clause (:mod:`.event_places`);
* an event whose type is the main event's (or a type listed in ``[battle] same_as``) IS the main
  event when dated within a main event of at most ``subevent_days`` days, or on the first or last
  day of a longer one; two triggers of one type and date are one event only when the second
  contradicts nothing told of the first (no other place, no doer of another side: see
  :mod:`.identity`), and two triggers of different types in one clause given the same date are
  one event with both types (two of one type are two events);
* every date of the sentence no trigger took is a dated statement and makes an event of its own:
  see :mod:`.dated`.

Each question a trigger asks (its clause, its subject, its object, its date, its place) is a
binary search over what the sentence holds, indexed once (:mod:`.clauses`): a sentence costs
time linear in its length however many triggers it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ...facts import EventFact, RoleFact, TimeFact
from ...parse.date_types import DateRange, PartialDate
from ...parse.patterns import phrase_key
from ...parse.places import PlaceValue
from .clauses import PREPOSITION, Mentions, clause
from .context import EventHit, Reading, SentenceView
from .event_places import elsewhere, first_place, located
from .identity import resolve_reference, tell, told_again
from .mentions import Mention, mention_lexicon
from .relations import part_of_main, within
from .timeline import Moment, attributive
from .triggers import EventLexicon, EventType, Trigger, event_lexicon, find_triggers

__all__ = ["EventType", "Trigger", "EventLexicon", "event_lexicon", "find_triggers", "read_events", "resolve_reference"]


# ---- clauses and roles: see .clauses ---------------------------------------------------------

_clause = clause  # the names claims.py imports
_PREPOSITION = PREPOSITION
_BETWEEN = re.compile(r"\s*between\s+", re.I)
_DIGIT = re.compile(r"\d")
_COORDINATED = re.compile(r"(?:but|and|then|yet)\s", re.I)  # a clause whose subject is the one before


# ---- dates and places -------------------------------------------------------------------------


def _day(rng: DateRange) -> DateRange:
    """A range cut to day precision (an inherited date keeps its day, not its hour)."""
    if rng.precision != "hour":
        return rng
    s = rng.start
    e = rng.end or s
    return replace(
        rng, start=PartialDate(s.year, s.month, s.day), end=PartialDate(e.year, e.month, e.day), within=False
    )


class _Sentence:
    """What the triggers of one sentence share, indexed once: the begins of its new triggers,
    its moments and its places, so each trigger's look-up is a binary search."""

    __slots__ = (
        "new_begins",
        "reference_begins",
        "reference_ends",
        "moments",
        "moment_begins",
        "leading",
        "places",
        "place_starts",
        "_vague",
        "text",
        "reading",
    )

    def __init__(
        self, reading: Reading, view: SentenceView, new: list[Trigger], references: Sequence[Trigger] = ()
    ) -> None:
        self.reading = reading
        self.text = view.text
        self.new_begins = sorted(t.begin for t in new)
        refs = sorted((t.begin, t.end) for t in references)
        self.reference_begins = [b for b, _ in refs]
        self.reference_ends = [e for _, e in refs]
        # a year written as an adjective dates its noun phrase only ("the 1911 Kelvar offensive")
        self.moments = [m for m in view.moments if not attributive(view.text, m)]
        self.moment_begins = [m.begin for m in self.moments]
        first = self.new_begins[0] if self.new_begins else None
        leading = [m for m in self.moments if first is not None and m.end <= first]
        self.leading = leading[-1] if leading else None
        self.places = sorted(view.places, key=lambda p: p.start)
        self.place_starts = [p.start for p in self.places]
        self._vague: bool | None = None

    def place_of_reference(self, place: PlaceValue | None, end: int) -> bool:
        """True when *place* (found after a trigger ending at *end*) is the place of a definite
        reference in between, written right after it: "claimed responsibility for the ambush near
        A" (A is the ambush's); not "in retaliation for the assassination on June 16, near B"."""
        if place is None:
            return False
        i = bisect_right(self.reference_begins, end)
        while i < len(self.reference_begins) and self.reference_begins[i] < place.start:
            if not self.text[self.reference_ends[i] : place.start].strip():
                return True
            i += 1
        return False

    def limit(self, begin: int) -> int | None:
        """The begin of the next new trigger after *begin*, if any."""
        i = bisect_right(self.new_begins, begin)
        return self.new_begins[i] if i < len(self.new_begins) else None

    def moment_for(self, trigger: Trigger) -> Moment | None:
        """The date written after *trigger* (before the next new trigger), else the one opening the
        sentence (before its first new trigger)."""
        i = bisect_left(self.moment_begins, trigger.end)
        limit = self.limit(trigger.begin)
        if i < len(self.moments) and (limit is None or self.moments[i].begin < limit):
            return self.moments[i]
        return self.leading

    def vague(self) -> bool:
        if self._vague is None:
            self._vague = self.reading.timeline.vague(self.text)
        return self._vague


# ---- reading --------------------------------------------------------------------------------


def _label(et: EventType, agent: str | None, when: DateRange | None) -> str:
    label = et.id.replace("_", " ")
    label = label[0].upper() + label[1:]
    if agent:
        label += f" by {agent}"
    if when is not None:  # a clock time bounds the event's beginning: the label names its day
        label += f" on {_day(when).start.iso()}"
    return label


def _new_key(reading: Reading, et: EventType, when: DateRange | None) -> str:
    """``{type}-{date}`` (``-2`` ... when taken), or ``{type}-{n}`` for an undated event."""
    stem = et.id.replace("_", "-")
    if when is not None:
        stem = f"{stem}-{when.start.iso()[:10]}"
        key, n = stem, reading.key_numbers.get(stem, 1)
        if n > 1:
            key = f"{stem}-{n}"
    else:
        n = reading.key_numbers.get(stem, 1)
        key = f"{stem}-{n}"
    while key in reading.facts.events:  # keys are never removed: start from the last number given
        n += 1
        key = f"{stem}-{n}"
    reading.key_numbers[stem] = n
    return key


def _is_battle(reading: Reading, et: EventType, when: DateRange | None) -> bool:
    """True when a new event of type *et* dated *when* is the main event itself: of its type (or
    one of ``[battle] same_as``), dated within a main event of at most ``subevent_days`` days,
    or on a longer main event's first or last day (a war's attack on another day is a part)."""
    lex = event_lexicon()
    battle = reading.facts.battle
    if et.id not in battle.types and et.id not in lex.same_as:
        return False
    if when is None or battle.time is None or not within(when, battle.time.range):
        return False
    own = battle.time.range
    if _days(own) <= lex.subevent_days:
        return True
    day = (when.start.year, when.start.month, when.start.day)
    end = when.end or when.start
    return day == (end.year, end.month, end.day) and day in (_first_day(own.start), _first_day(own.end or own.start))


def _roles(text: str, local: Mentions, t: Trigger, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The doers and patients of a new event's trigger *t* in its clause *lo*–*hi* (indexes into
    *local*): see the module's rules."""
    lex = event_lexicon()
    agents: list[int] = []
    patients: list[int] = []
    if t.verb and t.passive:
        patients = local.before(t.begin, lo)
        agents = local.by_agent(t.end, hi)
    elif t.verb:
        agents = local.before(t.begin, lo)
        patients = local.after(t.end, hi)
    else:
        head = t.light if t.light is not None else t.begin
        agents = local.before(head, lo) if t.light_verb else []
        prep = lex.patient_prep.match(text, t.end)
        light = lex.light_after.match(text, t.end)
        if prep:
            patients = [i for i in local.after(prep.end(), hi, exclude_by=False) if local.near(prep.end(), local[i][1])]
        elif _BETWEEN.match(text, light.end() if light else t.end):
            patients = local.between(t.end, hi)
    patients += [i for i in local.including(t.end, hi) if i not in patients]
    return agents, patients


def _first_day(p: PartialDate) -> tuple[int, int | None, int | None]:
    return (p.year, p.month, p.day)


def _days(rng: DateRange) -> int:
    """How many days a range covers, at least (a year counts 365, a month 28)."""
    start, end = rng.start, rng.end or rng.start
    if start.precision in ("day", "hour") and end.precision in ("day", "hour") and start.year >= 1:
        try:
            return (
                date(end.year, end.month or 1, end.day or 1) - date(start.year, start.month or 1, start.day or 1)
            ).days + 1
        except ValueError:
            return 1
    months = (end.year - start.year) * 12 + (end.month or 12) - (start.month or 1) + 1
    return max(months, 1) * 28


def read_events(reading: Reading, view: SentenceView) -> list[EventHit]:
    """Read the events of one sentence into the facts; return the sentence's event hits."""
    lex = event_lexicon()
    text = view.text
    triggers = find_triggers(text)
    if not triggers and not view.moments and _DIGIT.search(text) is None:
        return []  # no trigger, no date, not even a year written as an adjective
    local = Mentions(text, view.mentions, view.base)
    new = [t for t in triggers if t.new]
    sent = _Sentence(reading, view, new, [t for t in triggers if not t.new])
    hits: list[EventHit] = []
    used: set[int] = set()  # ids of the moments the triggers took
    clause_events: dict[tuple[int, DateRange], str] = {}  # (clause start, date) -> event key
    subjects: list[tuple[int, list[int]]] = []  # (clause start, grammatical subject) of each verb read
    span = view.sentence.span
    for t in triggers:
        lo, hi = clause(text, t.begin)
        if not t.new:
            if t.named and not all(w.casefold() in reading.facts.article.title.casefold() for w in t.named.split()):
                continue  # "the Dessa raid" names another event than the ones told
            where = first_place(reading, sent, t.end, hi, sent.limit(t.begin))
            if where is not None and where.start > t.end + 1:
                where = None  # "the assassination on June 16, near X": the place of another event
            by = lex.by_pattern.match(
                text, where.end if where is not None else t.end
            )  # "the ambush (near A) was conducted by"
            doers = local.after(by.end(), len(text), exclude_by=False) if by else []
            sides = frozenset(s for i in doers if (s := reading.index.mention_side(local[i][0])) is not None)
            key = resolve_reference(reading, t.type.id, view.paragraph, place=where, sides=sides)
            if key is None:
                continue  # "the ambush near B" after an ambush near A: no restatement of it
            hits.append(EventHit(key, t.type.id, t.begin, t.end, False, t.type.speech))
            if by:
                role = lex.by_roles[phrase_key(by.group("by"))]
                for i in doers:
                    _add_role(reading, key, local[i][0], role, view, note=None)
            continue
        agents, patients = _roles(text, local, t, lo, hi)
        if t.verb and not t.passive and not agents and subjects and _COORDINATED.match(text, lo):
            agents = subjects[-1][1]  # "X was spotted by Y, but managed to escape": X escaped
        if t.verb:
            subjects.append((lo, patients if t.passive else agents))
        if t.type.needs_agent and not agents:
            continue
        moment = sent.moment_for(t)
        if moment is not None:
            used.add(id(moment))
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
            and not sent.vague()
        ):
            when = _day(anchor)
            time_span = span
        place = first_place(reading, sent, t.end, hi, sent.limit(t.begin))
        if sent.place_of_reference(place, t.end):
            place = None
        if _is_battle(reading, t.type, when) and not elsewhere(reading, place, reading.facts.battle):
            hits.append(EventHit("", t.type.id, t.begin, t.end, True, False))  # told as new, but it is the main event
            tell(reading, t.type.id, "", view.paragraph)
            continue
        key = clause_events.get((lo, when)) if when is not None else None
        if key is not None and t.type.id in reading.facts.events[key].types:
            key = None  # a second word of one type: a second event ("ambushed X near A and ambushed Y near B")
        if key is not None:  # one clause, one date: one event, with each type its words give
            reading.facts.events[key].types.append(t.type.id)
        else:
            sides = frozenset(x for i in agents if (x := reading.index.mention_side(local[i][0])) is not None)
            key = told_again(reading, t.type, when, place, sides)
        if key is None:
            agent_name = local[agents[0]][0].name if agents else None
            key = _new_key(reading, t.type, when)
            reading.facts.events[key] = EventFact(key, [t.type.id], _label(t.type, agent_name, when), span)
            reading.prose_events.append(key)
            ev = reading.facts.events[key]
            if when is not None:
                ev.time = TimeFact(when, time_span)
                reading.dated.setdefault((t.type.id, when.start, when.end), []).append(key)
            if place is not None:
                ev.locations.extend(located(reading, view, place))
        if when is not None:
            clause_events.setdefault((lo, when), key)
        tell(reading, t.type.id, key, view.paragraph)
        for i in agents:
            _add_role(
                reading, key, local[i][0], t.type.agent, view, note=_title(local[i][0], text, local[i][1], local[i][2])
            )
        for i in patients:
            _add_role(
                reading,
                key,
                local[i][0],
                t.type.patient,
                view,
                status=t.type.patient_status,
                note=_title(local[i][0], text, local[i][1], local[i][2]),
            )
        ev = reading.facts.events[key]
        if "" not in ev.parents and part_of_main(reading.facts, ev, max_days=lex.subevent_days):
            ev.parents.append("")
        hits.append(EventHit(key, t.type.id, t.begin, t.end, True, t.type.speech))
    view.taken = used
    return hits


_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?P<what>[^,;]{3,80}?),")
_TITLE_BEFORE = re.compile(r"(?P<what>(?:[A-Z][\w-]+\s+)?[a-z][\w-]+)\s+$")


def _title(mention: Mention, text: str, start: int, end: int) -> str | None:
    """What the text calls a person around their name: an apposition ("X, the deputy commander
    in Y,") or a title before it ("Kenyan officer X"); kept as the role's note."""
    if mention.kind != "person":
        return None
    m = _APPOSITION.match(text, end)
    if m:
        return m.group("what")
    b = _TITLE_BEFORE.search(text[max(0, start - 40) : start])
    if b and b.group("what").split()[-1].casefold() in mention_lexicon().titles:
        return b.group("what")
    return None


def _add_role(
    reading: Reading,
    key: str,
    mention: Mention,
    role: str,
    view: SentenceView,
    *,
    status: str | None = None,
    note: str | None,
) -> None:
    ev = reading.facts.events[key]
    actor = reading.index.use(mention, view.span(mention.start - view.base, mention.end - view.base))
    fresh = {id(r) for r, _, _ in reading.sentence_roles}
    for existing in ev.roles:  # told before: kept once its source is known (.roles.attribute_roles)
        if existing.actor == actor and existing.role == role and id(existing) in fresh:
            return
    statuses = (status,) if status and mention.kind == "person" else ()  # a group's or a state's: its figures say it
    ev.roles.append(
        RoleFact(actor, role, view.sentence.span, side=reading.index.side_of(actor), status=statuses, note=note)
    )
    reading.sentence_roles.append((ev.roles[-1], mention.start - view.base, key))
