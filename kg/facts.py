"""Facts: what the extractors found in an article, before it becomes RDF.

A neutral, domain-level record (events, actors, places, sides, roles, claims) with the span of
text each fact comes from. Extractors (``kg.extract``) fill it; the mapper (``kg.rdf.mapper``)
turns it into triples. Entities are keyed by kind and normalised name, so every mention of the same
entity in one article ends on the same key, and so on the same IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .article import Article, InfoboxField, Span
from .parse.date_types import DateRange
from .parse.figure_core import Figure

__all__ = [
    "ACTOR_KINDS",
    "SUB_COLUMN_KEYS",
    "Entity",
    "TimeFact",
    "LocationFact",
    "RoleFact",
    "EventFact",
    "SideFact",
    "ClaimFact",
    "ResultFact",
    "CaptivityFact",
    "FieldReport",
    "ArticleFacts",
    "entity_key",
]

#: Keys of sub-column sides (``Combatant1A``) in ``ArticleFacts.sides`` start here; whole sides are
#: keyed by their number, which the infobox reader keeps below it.
SUB_COLUMN_KEYS = 1000

#: Kinds of actor entities; "place" entities are places only, "state" ones are both.
ACTOR_KINDS = frozenset(
    {"state", "armed_force", "armed_group", "organization", "news_media", "person", "group", "unknown", "government"}
)


def entity_key(kind: str, name: str) -> str:
    """The key of an entity: persons, places and states apart from organisations."""
    space = {"person": "person", "place": "place", "state": "state", "unknown": "unknown"}.get(kind, "actor")
    return f"{space}:{' '.join(name.casefold().split())}"


@dataclass(slots=True)
class Entity:
    key: str
    kind: str  # one of ACTOR_KINDS or "place"
    name: str
    spans: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    contained_in: str | None = None  # key of the containing place
    affiliated_with: str | None = None  # key of an actor
    local: str | None = None  # local path for entities that only exist in this article
    authority: bool = False  # also states claims
    body_of: str | None = None  # key of the state whose armed force or government this actor is
    _span_set: set[Span] = field(default_factory=set, repr=False, compare=False)  # spans, for a constant-time test


@dataclass(slots=True)
class TimeFact:
    range: DateRange
    span: Span


@dataclass(slots=True)
class LocationFact:
    place: str  # entity key
    relation: str  # spatial relation id: "in", "near", "between" ...
    span: Span
    present_day_of: int | None = None  # index (in the event's locations) of the location this one names today


@dataclass(slots=True)
class RoleFact:
    actor: str  # entity key
    role: str  # role id: "combatant", "commander", "unit", "perpetrator" ...
    span: Span
    side: int | None = None
    status: tuple[str, ...] = ()
    rank: str | None = None
    note: str | None = None
    authority: str | None = None  # entity key of who states this role, when the text says (else the article)
    attribution: str | None = None  # "explicit" | "carried" with an authority


@dataclass(slots=True)
class EventFact:
    key: str  # "" for the battle, else a local slug such as "assassination-2009-06-11"
    types: list[str]  # event type ids ("battle", "ambush" ...)
    label: str
    span: Span
    time: TimeFact | None = None
    locations: list[LocationFact] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)  # keys of events this one is part of
    causes: list[str] = field(default_factory=list)  # keys of events that caused it
    after: list[str] = field(default_factory=list)  # keys of events it follows in time
    external: bool = False  # an event named only (Partof): global IRI from its label
    aliases: list[str] = field(default_factory=list)
    territorial_change: str | None = None
    about: list[str] = field(default_factory=list)  # keys of the events a statement event is about


@dataclass(slots=True)
class SideFact:
    """A side of the battle: the number of its infobox keys (``Combatant2`` -> 2) and, for a
    sub-column of a side (``Combatant2A``, ``Commander2B``), its letter. ``ArticleFacts.sides`` is
    keyed by the side's number, or for a sub-column by a key from :meth:`ArticleFacts.side_key`."""

    index: int
    label: str
    span: Span
    members: list[str] = field(default_factory=list)  # entity keys
    supporters: list[str] = field(default_factory=list)
    column: str = ""  # "A", "B" ... for a sub-column of side `index`

    @property
    def token(self) -> str:
        """The side as infobox keys write it, lower case: ``2``, ``2a``."""
        return f"{self.index}{self.column.lower()}"


@dataclass(slots=True)
class ClaimFact:
    key: str  # local slug, unique in the article
    event: str  # key of the event the claim is about
    category: str  # "strength" or a casualty category id
    authority: str  # entity key, or "infobox" / "article"
    attribution: str  # "infobox" | "explicit" | "carried" | "article"
    span: Span
    side: int | None = None
    figure: Figure | None = None
    statement: str | None = None  # the words of a claim without a figure
    vague: str | None = None  # the word standing for its number in a claim without a figure ("dozens")
    authority_text: str | None = None  # the words naming the authority, as written ("Ostian")
    stated: DateRange | None = None
    stated_in: str | None = None  # key of the statement event
    subject: str | None = None  # entity key of who is counted, when the text says


@dataclass(slots=True)
class ResultFact:
    outcome: str
    text: str
    span: Span
    victor_side: int | None = None
    consequences: tuple[str, ...] = ()
    victor_text: str | None = None  # the winner as the result names it ("Kelvar")


@dataclass(slots=True)
class CaptivityFact:
    """A person held from a capture to a release (both event keys; the release may be unknown)."""

    key: str  # local slug, e.g. "captivity-john-smith"
    captive: str  # entity key of the person
    span: Span
    started_by: str | None = None  # key of the capture event ("" for the battle itself)
    ended_by: str | None = None  # key of the release event
    time: TimeFact | None = None


@dataclass(slots=True)
class FieldReport:
    """How much of one infobox field was read into typed facts."""

    field: InfoboxField
    status: str  # "parsed" | "partial" | "unparsed" | "ignored" | "empty"
    handler: str | None = None
    leftover: tuple[str, ...] = ()
    facts: int = 0


@dataclass(slots=True)
class ArticleFacts:
    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    events: dict[str, EventFact] = field(default_factory=dict)
    sides: dict[int, SideFact] = field(default_factory=dict)
    claims: list[ClaimFact] = field(default_factory=list)
    result: ResultFact | None = None
    fields: list[FieldReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _claim_numbers: dict[str, int] = field(default_factory=dict, repr=False)
    captivities: list[CaptivityFact] = field(default_factory=list)

    @property
    def battle(self) -> EventFact:
        return self.events[""]

    def add_entity(self, kind: str, name: str, span: Span | None = None, **extra: object) -> str:
        """Register a mention of an entity; return its key (the same for every mention)."""
        key = entity_key(kind, name)
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key, kind, name)
        for attr, value in extra.items():
            if value is not None and getattr(ent, attr) in (None, False, []):
                setattr(ent, attr, value)
        if span is not None and span not in ent._span_set:
            ent._span_set.add(span)
            ent.spans.append(span)
        return key

    def side_key(self, number: int, column: str = "") -> int:
        """The key of side *number* (sub-column *column*) in :attr:`sides`: the number itself for a
        whole side, a key from :data:`SUB_COLUMN_KEYS` up for a sub-column (made on first use)."""
        if not column:
            return number
        column = column.upper()
        for key, side in self.sides.items():
            if (side.index, side.column) == (number, column):
                return key
        return max([SUB_COLUMN_KEYS - 1, *self.sides]) + 1

    def claim_key(self, stem: str) -> str:
        """A new claim key ``{stem}-{n}``: n counts the keys made from *stem* (constant time, where
        scanning every claim made long articles quadratic)."""
        n = self._claim_numbers[stem] = self._claim_numbers.get(stem, 0) + 1
        return f"{stem}-{n}"
