"""The working state of one article's prose reading, and what each sentence yields.

:class:`Reading` is created once per article by :func:`kg.extract.prose.extract_prose` and
passed to the readers of events, claims and relations in sentence order. :class:`SentenceView`
holds what is found in one sentence (mentions, dates, places, event hits); offsets inside it are
relative to the sentence text unless a name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...article import Sentence, Span
from ...facts import ArticleFacts, RoleFact
from ...parse.date_types import DateRange
from ...parse.places import PlaceValue
from .mentions import Mention, MentionIndex
from .timeline import Moment, Timeline

__all__ = ["EventHit", "Attribution", "SentenceView", "Reading"]


@dataclass(frozen=True, slots=True)
class EventHit:
    """A trigger of a sentence and the event it was read as (new or referred back to)."""

    key: str  # event key ("" is the main event)
    type: str
    begin: int  # trigger offsets in the sentence
    end: int
    new: bool
    speech: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence says states what it says."""

    authority: str  # entity key
    begin: int  # offsets of the verb (or "according to") in the sentence
    end: int
    method: str  # "explicit" | "carried"
    stated_in: str | None = None  # key of a speech event of the same sentence
    stated: DateRange | None = None  # the date of that event, when dated


@dataclass(slots=True)
class SentenceView:
    sentence: Sentence
    paragraph: int
    section: int
    mentions: list[Mention]
    moments: list[Moment]
    places: list[PlaceValue]
    hits: list[EventHit] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)  # ids of the moments the triggers took
    attribution: Attribution | None = None

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def base(self) -> int:
        return self.sentence.span.start

    def span(self, begin: int, end: int) -> Span:
        """An article span from offsets into the sentence."""
        return Span(self.base + begin, self.base + end)


@dataclass(slots=True)
class Reading:
    facts: ArticleFacts
    index: MentionIndex
    timeline: Timeline
    prose_events: list[str] = field(default_factory=list)  # keys of events read from prose, in order
    told: list[tuple[str, str, int]] = field(default_factory=list)  # (type, event key, paragraph) of every event told
    latest_told: dict[str, tuple[str, int]] = field(default_factory=dict)  # type -> (event key, paragraph) told last
    key_numbers: dict[str, int] = field(default_factory=dict)  # key stem -> the last number given
    dated: dict[tuple[str, object, object], list[str]] = field(
        default_factory=dict
    )  # (type, start, end) -> keys of the events told
    context_event: str | None = None  # the last non-speech event the narrative is about
    previous: SentenceView | None = None
    carry_left: int = 0  # sentences a carried attribution may still cover
    sentence_roles: list[tuple[RoleFact, int, str]] = field(
        default_factory=list
    )  # (role, mention offset, event key) read in the sentence
