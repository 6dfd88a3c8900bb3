"""Extract facts from an article's prose: a timeline of events and attributed claims.

:func:`extract_prose` reads the sentences in order, after the infobox (whose entities and sides
it links to), with one module per job:

* :mod:`.mentions` -- actor mentions linked to entities (names, acronyms, surnames, demonyms);
* :mod:`.timeline` -- absolute, yearless, relative dates and times of day;
* :mod:`.events` -- typed events from trigger words, with date, place (:mod:`.event_places`)
  and roles; :mod:`.identity` -- which event a trigger tells (new, told again, restated);
* :mod:`.claims` -- sources, figures and statements as claims;
* :mod:`.relations` -- parts of the main event, causes, order in time, captivities;
* :mod:`.roles` -- who states a role, what a statement is about, unnamed victims, captors.

The vocabulary is data (``data/lexicons/events.toml``, ``attribution.toml``,
``relative_time.toml``, ``relations.toml``, ``mentions.toml``); see ``docs/prose.md``.
"""

from __future__ import annotations

from ...article import Span
from ...facts import ArticleFacts
from ...parse.places import find_places
from ..consistency import check
from .claims import attribution_lexicon, carry, find_source, read_claims
from .context import Attribution, Reading, SentenceView
from .dated import read_dated
from .events import _day, read_events
from .mentions import MentionIndex
from .relations import captivities, order_events, read_order, read_relations
from .roles import attribute_roles, captors, statement_about
from .timeline import Timeline

__all__ = ["extract_prose"]


def _attribution(reading: Reading, view: SentenceView) -> Attribution | None:
    found = find_source(reading, view)
    prev = reading.previous
    if found is not None:
        reading.carry_left = attribution_lexicon().carry
        if (
            found.stated is None
            and prev is not None
            and prev.attribution is not None
            and prev.paragraph == view.paragraph
            and prev.attribution.authority == found.authority
        ):  # "FLN also claimed ...": the same statement as the sentence before
            return Attribution(
                found.authority,
                found.begin,
                found.end,
                found.method,
                prev.attribution.stated_in,
                prev.attribution.stated,
            )
        return found
    carried = carry(reading, view)
    if carried is not None:
        reading.carry_left -= 1
    return carried


def _read_sentence(reading: Reading, view: SentenceView) -> None:
    view.hits = read_events(reading, view)
    read_dated(reading, view)
    read_relations(reading, view)
    read_order(reading, view)
    view.attribution = _attribution(reading, view)
    read_claims(reading, view)
    attribute_roles(reading, view)
    statement_about(reading, view)
    non_speech = [h for h in view.hits if not h.speech]
    if non_speech:
        reading.context_event = non_speech[-1].key
    if view.moments:
        reading.timeline.settle(view.moments[-1].range)
    else:
        for hit in reversed(non_speech):
            ev = reading.facts.events.get(hit.key)
            if ev is not None and ev.time is not None:
                reading.timeline.settle(_day(ev.time.range))
                break
    reading.previous = view


def extract_prose(facts: ArticleFacts) -> None:
    """Read the prose of ``facts.article`` into *facts* (after the infobox)."""
    article = facts.article
    battle_time = facts.battle.time
    # the year of context for dates written without one; a decade ("1230s") gives none
    year = battle_time.range.start.year if battle_time is not None and not battle_time.range.start.decade else None
    index = MentionIndex(facts)
    for paragraph in article.paragraphs:
        index.learn(paragraph.text)
    reading = Reading(facts, index, Timeline(year=year, main=battle_time.range if battle_time is not None else None))
    number = -1
    for s_index, section in enumerate(article.sections):
        reading.timeline.new_section()
        if year is not None:  # a new section returns to the main event's year
            reading.timeline.year = year
        reading.context_event = None
        for paragraph in section.paragraphs:
            number += 1
            reading.timeline.new_paragraph()
            for sentence in paragraph.sentences:
                places = find_places(sentence.text)
                base = sentence.span.start
                skip = tuple(Span(base + p.start, base + p.end) for p in places)
                view = SentenceView(
                    sentence=sentence,
                    paragraph=number,
                    section=s_index,
                    mentions=index.find(sentence, skip=skip),
                    moments=reading.timeline.read(sentence.text),
                    places=places,
                )
                _read_sentence(reading, view)
    order_events(facts)
    captors(facts, index.battle.civilian_side())
    captivities(facts)
    facts.warnings.extend(str(w) for w in check(facts))
