"""Relations between events: parts of the main event, causes, order in time, captivities.

* **Part of the main event** (``sem:subEventOf``): an event dated within the main event's time,
  when the main event lasts at most ``[battle] subevent_days`` days or the event shares a place
  or a participant with it.
* **Cause** (``kg:cause``): a causal marker of ``data/lexicons/relations.toml`` followed by a
  reference to an event ("in revenge for the raid") makes that event a cause of the
  new event of the sentence; temporal markers ("following the attack") give ``kg:after`` only,
  and "before" markers ("three days prior to the attack") put the referred event after it.
* **Order** (``kg:after``): among dated events, each follows the events that end before it
  begins with no other dated event in between (the immediate predecessors, not the closure);
  and the text's own order: the event after an order word (``then``, ``later``, ``the following
  night``) follows the event told before it, whatever their dates say (events of one day).
* **Captivity**: a person captured (a capture event, or a commander with the status captured in
  the infobox) and later released is held from the capture to the release.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from ...facts import ArticleFacts, CaptivityFact, EventFact, TimeFact
from ...parse.date_types import DateRange
from ...parse.patterns import phrase_key
from ...rdf.iris import slugify
from ...resources import lexicon
from .clauses import clause
from .context import Reading, SentenceView

__all__ = [
    "within",
    "instant",
    "part_of_main",
    "read_relations",
    "read_order",
    "order_events",
    "captivities",
    "relation_lexicon",
]


@dataclass(frozen=True, slots=True)
class RelationLexicon:
    marker: re.Pattern[str]
    temporal: frozenset[str]
    before: frozenset[str]
    order_after: re.Pattern[str]
    order_not_after: re.Pattern[str]


@cache
def relation_lexicon() -> RelationLexicon:
    """The causal and temporal markers of ``relations.toml``, compiled once."""
    data = lexicon("relations.toml")
    before = frozenset(phrase_key(w) for w in data["before"])
    words = sorted({phrase_key(w) for w in data["causal"]} | before, key=lambda w: (-len(w), w))
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    after = sorted({phrase_key(w) for w in data["order_after"]}, key=lambda w: (-len(w), w))
    return RelationLexicon(
        marker=re.compile(rf"(?<![\w-])(?P<m>{alternation})\s+", re.I),
        temporal=frozenset(phrase_key(w) for w in data["temporal"]),
        before=before,
        order_after=re.compile(
            r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in after) + r")(?![\w-])", re.I
        ),
        order_not_after=re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, data["order_not_after"])) + r")\s+$", re.I
        ),
    )


def instant(stamp: str) -> tuple[int, str]:
    """A sortable key for an ``xsd:dateTime`` lexical form, negative years included."""
    if stamp.startswith("-"):
        year, _, rest = stamp[1:].partition("-")
        return -int(year), rest
    year, _, rest = stamp.partition("-")
    return int(year), rest


def _bounds(rng: DateRange) -> tuple[tuple[int, str], tuple[int, str]]:
    return instant(rng.start.earliest()), instant((rng.end or rng.start).latest())


def within(inner: DateRange, outer: DateRange) -> bool:
    """True when *inner* lies in *outer* (compared on their first and last instants)."""
    (ib, ie), (ob, oe) = _bounds(inner), _bounds(outer)
    return ob <= ib and ie <= oe


def part_of_main(facts: ArticleFacts, ev: EventFact, *, max_days: int) -> bool:
    """True when *ev* is a part of the main event (see the module's rule)."""
    battle = facts.battle
    if ev.time is None or battle.time is None or ev.key == "":
        return False
    if not within(ev.time.range, battle.time.range):
        return False
    b = battle.time.range
    start, end = b.start, b.end or b.start
    short = False
    if start.year == end.year and start.month is not None and end.month is not None:
        months = (end.month - start.month) + 12 * (end.year - start.year)
        short = months <= 1 and (
            start.day is not None and end.day is not None and (months * 31 + end.day - start.day) <= max_days
        )
    if short:
        return True
    places = {loc.place for loc in battle.locations}
    actors = {r.actor for r in battle.roles} | {k for s in facts.sides.values() for k in s.members}
    return any(loc.place in places for loc in ev.locations) or any(r.actor in actors for r in ev.roles)


def read_relations(reading: Reading, view: SentenceView) -> None:
    """Causal and temporal links written in one sentence ("in retaliation for the X")."""
    lex = relation_lexicon()
    refs = [h for h in view.hits if not h.new]
    news = [h for h in view.hits if h.new and h.key]
    if not refs or not news:
        return
    for m in lex.marker.finditer(view.text):
        ref = next((h for h in refs if 0 <= h.begin - m.end() <= 30), None)
        if ref is None:
            continue
        before = [h for h in news if h.end <= m.start()]
        effect = before[-1] if before else next((h for h in news if h.begin >= ref.end), None)
        if effect is None or effect.key == ref.key:
            continue
        marker = phrase_key(m.group("m"))
        if marker in lex.before:  # the sentence's event comes first
            later = reading.facts.events[ref.key]
            if effect.key not in later.after and effect.key not in later.parents:
                later.after.append(effect.key)
            continue
        ev = reading.facts.events[effect.key]
        target = ev.after if marker in lex.temporal else ev.causes
        if ref.key not in target:
            target.append(ref.key)


def read_order(reading: Reading, view: SentenceView) -> None:
    """The order a sentence gives its event ("..., then attacked", "the following night"): the new
    event after an order word is ``kg:after`` the event told before the word (in the sentence, else
    the one the narrative was at), unless their dates say otherwise."""
    lex = relation_lexicon()
    text = view.text
    news = [h for h in view.hits if h.new and h.key and not h.speech]
    if not news or lex.order_after.search(text) is None:
        return
    for m in lex.order_after.finditer(text):
        if lex.order_not_after.search(text, max(0, m.start() - 12), m.start()):
            continue  # "since then", "until then"
        lo, hi = clause(text, m.start())
        event = next((h for h in news if h.begin >= m.end() and (h.begin < hi or lo == 0)), None)
        before = [h for h in news if h.end <= m.start()]
        first = before[-1].key if before else reading.context_event
        if event is None or first is None or first == event.key:
            continue
        ev, prior = reading.facts.events[event.key], reading.facts.events.get(first)
        if (
            prior is None
            or first in ev.after
            or first in ev.parents
            or event.key in prior.parents
            or event.key in prior.after
        ):
            continue
        if ev.time is not None and prior.time is not None and _bounds(prior.time.range)[0] > _bounds(ev.time.range)[1]:
            continue  # the dates put it first: the text tells it back
        ev.after.append(first)


def order_events(facts: ArticleFacts) -> None:
    """Link each dated event to its immediate predecessors in time (``kg:after``).

    The predecessors of an event end before it begins; the immediate ones among them end no
    earlier than the latest begin of all predecessors. With the events sorted by their end, both
    sets are slices found by bisection: O(n log n) plus the links made, not O(n³).
    """
    dated = [ev for ev in facts.events.values() if ev.time is not None and not ev.external]
    spans = {ev.key: _bounds(ev.time.range) for ev in dated if ev.time is not None}
    dated.sort(key=lambda ev: spans[ev.key])
    rank = {ev.key: i for i, ev in enumerate(dated)}
    by_end = sorted(dated, key=lambda ev: (spans[ev.key][1], rank[ev.key]))
    ends = [spans[ev.key][1] for ev in by_end]
    latest_begin = list(accumulate((spans[ev.key][0] for ev in by_end), max))
    for ev in dated:
        count = bisect_left(ends, spans[ev.key][0])  # the events that end before ev begins
        if not count:
            continue
        first = bisect_left(ends, latest_begin[count - 1], 0, count)
        for p in sorted(by_end[first:count], key=lambda e: rank[e.key]):
            if p.key not in ev.after and p.key not in ev.parents and ev.key not in p.parents:
                ev.after.append(p.key)


def _roles_with(ev: EventFact, status: str) -> list[str]:
    return [r.actor for r in ev.roles if status in r.status and r.actor.startswith("person:")]


def captivities(facts: ArticleFacts) -> None:
    """Pair the captures and later releases of the same person into captivities."""
    events = [ev for ev in facts.events.values() if not ev.external]
    releases = [ev for ev in events if "release" in ev.types and ev.time is not None]
    for release in releases:
        if release.time is None:
            continue
        start, end = _bounds(release.time.range)
        for person in _roles_with(release, "released"):
            captures = [
                ev
                for ev in events
                if ev.time is not None
                and person in _roles_with(ev, "captured")
                and ev.key != release.key
                and _bounds(ev.time.range)[1] <= end
                and _bounds(ev.time.range)[0] <= start
            ]
            prose = [ev for ev in captures if ev.key != ""]
            capture = (prose or captures)[-1] if captures else None
            if capture is None or capture.time is None:
                continue
            name = facts.entities[person].name
            key = f"captivity-{slugify(name)}"
            if any(c.key == key for c in facts.captivities):
                key = f"{key}-{len(facts.captivities) + 1}"
            rng = DateRange(
                start=capture.time.range.start,
                end=release.time.range.end or release.time.range.start,
                text=f"{capture.time.range.text} … {release.time.range.text}",
            )
            facts.captivities.append(
                CaptivityFact(key, person, release.span, capture.key, release.key, TimeFact(rng, release.span))
            )
