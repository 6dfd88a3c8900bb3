"""Whose people or things a figure of the prose counts: the entity counted and its battle side.

Vocabulary: ``data/lexicons/attribution.toml`` (``[sides]``, ``own_side``) and
``data/lexicons/mentions.toml`` (the nouns of a state's forces, of irregular fighters, of
civilians). The first rule that tells wins:

1. the actor named in the counted words (``Kenyan soldiers`` is Kenya, ``jihadists`` the group
   named with that noun before), or a demonym right after the number (``one Ostian``);
2. ``within their ranks``, ``on their side``: the source's own side;
3. the words after ``among``, ``from``, ``of`` after the figure or after the last figure of its
   list (``70 dead from the Harbour Brigades``, ``ten bodies of soldiers``, ``19 dead, 15
   wounded and 3 prisoners among Ostian soldiers``), or before it ``the losses of X were``;
4. the figure before it in the sentence, for a figure with no counted words (``Twelve Ostian
   soldiers were killed and nine were taken prisoner``);
5. a noun: a state's forces (``soldiers``, ``police officers``) count the only side holding a
   state; irregular fighters (``militants``, ``rebels``) the only combatant side holding none,
   when all others hold one; civilians, in a figure about the battle itself, the civilians' side;
6. a doer: what X kills, wounds, captures or destroys (``Ostian forces killed a gunner``,
   ``were killed by the Tolan army``) counts, in a battle of two sides, the side X is not on, when
   X's side holds a state or what is counted are soldiers (an armed group's victims may be
   anyone: civilians, militias).

An entity named in the counted words (rules 1, 3, 6) that stands on no side still tells one: a
state, or a state's armed force (``Kenyan soldiers``), counts the one side that fights unnamed
(only a flag) when every named side holds irregular groups only
(:meth:`.BattleSides.unnamed_side`; so does a state's force noun alone, ``soldiers``); another
actor, or capitalised counted words, the one named side a distinctive word of its name is shared
with (``Kelvar fighters``, a member ``Kelvar Front``), as a victor is matched
(:func:`kg.parse.results`); never civilians.

A side none of these tells stays unknown (the figure then says only who is counted, if anyone).
"""

from __future__ import annotations

import re

from ...gazetteer import country_by_adjective
from ...parse.figure_core import Figure
from ...parse.figure_scan import casualty_words_end
from ...parse.results import side_sharing_a_word
from .context import Reading, SentenceView
from .sources import attribution_lexicon

__all__ = ["counted", "counted_by_noun"]

_DOERS = ("perpetrator", "organiser", "participant", "captor", "informant")


def _bare(reading: Reading, view: SentenceView, words: str) -> str | None:
    """The group a bare member noun stands for ("militants" after "X militant group"), registered."""
    owner = reading.index.bare_owner(words)
    return reading.facts.add_entity(owner[0], owner[1], view.sentence.span) if owner is not None else None


def _shared_side(reading: Reading, words: str) -> int | None:
    """The one named side a capitalised word of *words* names part of (``Kelvar fighters``, a
    member ``Kelvar Front``), as a victor is matched by a shared word; never for civilians."""
    battle = reading.index.battle
    if battle.civilian_noun(words):
        return None
    camp = battle.camp_side(words)
    proper = " ".join(w for w in words.split() if w[:1].isupper())
    if camp is not None or not proper:
        return camp
    keys = [k for k in reading.facts.sides if k != battle.civilian_side()]
    names = []
    for k in keys:
        side = reading.facts.sides[k]
        ents = [reading.facts.entities.get(m) for m in side.members + side.supporters]
        names.append([e.name for e in ents if e is not None] or None)
    found = side_sharing_a_word(proper, names)
    return keys[found - 1] if found is not None else None


def _entity_side(reading: Reading, key: str | None) -> int | None:
    """The side of the entity *key*: the one it stands on; else, standing on none, a state (or its
    forces) counts the side that fights unnamed (:meth:`.BattleSides.unnamed_side`), any other
    actor the side a word of its name is shared with (:func:`_shared_side`)."""
    battle = reading.index.battle
    side = battle.side_of(key)
    ent = reading.facts.entities.get(key) if key is not None else None
    if side is not None or ent is None or key in battle.sides:
        return side
    state = key if ent.kind == "state" else ent.body_of if ent.kind == "armed_force" else None
    if state is not None:
        return battle.unnamed_side() if state not in battle.sides else None
    return _shared_side(reading, ent.name)


def _noun_side(reading: Reading, words: str, about: str) -> int | None:
    index = reading.index.battle
    low = words.casefold()
    if index.nonstate_noun(low):
        return index.nonstate_side()
    if index.state_noun(low) and not any(index.nonstate_noun(w) for w in low.split()):
        return index.state_side() or index.unnamed_side()
    if about == "" and index.civilian_noun(low):
        return index.civilian_side()
    return None


def _words_side(
    reading: Reading, view: SentenceView, start: int, words: str, about: str
) -> tuple[str | None, int | None]:
    """``(entity, side)`` of the people named by *words* (at *start* in the sentence)."""
    index = reading.index
    stop = attribution_lexicon().whose_stop
    spans = list(re.finditer(r"\S+", words))
    for n, token in enumerate(spans):
        if token.group().casefold() in stop or token.group()[0].isdigit():
            spans = spans[:n]
            break
    if not spans:
        return None, None
    words = words[: spans[-1].end()]
    tokens = [t.group() for t in spans]
    mention = index.actor_in(words, view.base + start)
    if mention is not None:
        key = index.use(mention, view.span(mention.start - view.base, mention.end - view.base))
        return key, _entity_side(reading, key)
    for n in range(min(len(tokens), 5), 0, -1):
        bare = _bare(reading, view, " ".join(tokens[:n]))
        if bare is not None:
            return bare, _entity_side(reading, bare)
        side = _noun_side(reading, " ".join(tokens[:n]), about)
        if side is not None:
            return None, side
    return None, None


def _whose(reading: Reading, view: SentenceView, pos: int, about: str) -> tuple[str | None, int | None]:
    """Who the words after a figure (from *pos*) say it counts: "dead from the X", "of soldiers"."""
    lex = attribution_lexicon()
    text = view.text
    m = lex.whose.match(text, casualty_words_end(text, pos) or pos)
    if m is None:
        return None, None
    return _words_side(reading, view, m.start("w"), m.group("w"), about)


def _losses(reading: Reading, view: SentenceView, fig: Figure, about: str) -> tuple[str | None, int | None]:
    """ "The losses of the X were ..." before the figure, in its sentence."""
    found = None
    for m in attribution_lexicon().losses.finditer(view.text, 0, fig.start):
        found = m
    if found is None:
        return None, None
    return _words_side(reading, view, found.start("w"), found.group("w"), about)


def _doer(reading: Reading, view: SentenceView, fig: Figure, about: str) -> int | None:
    """The side of whoever kills, wounds, captures or destroys what the figure counts, when it
    holds a state (a state's forces fight the other side; an armed group's victims may be anyone)."""
    side = _doer_side(reading, view, fig, about)
    if side in reading.index.battle.state_sides() or (fig.unit and reading.index.battle.state_noun(fig.unit)):
        return side  # or a state's soldiers, killed by the other side
    return None


def _doer_side(reading: Reading, view: SentenceView, fig: Figure, about: str) -> int | None:
    """The side of the doer: of the event whose verb comes right before the figure ("X killed a
    gunner": its perpetrator), or of who is named after "were killed by"."""
    lex = attribution_lexicon()
    text = view.text
    if lex.doer_before.search(text[max(0, fig.start - 40) : fig.start]):
        for hit in sorted((h for h in view.hits if not h.speech and h.begin < fig.start), key=lambda h: -h.begin):
            ev = reading.facts.events.get(hit.key)
            sides = {r.side for r in (ev.roles if ev is not None else []) if r.role in _DOERS and r.side is not None}
            if len(sides) == 1:
                return sides.pop()
            if sides:
                return None
        return None
    m = lex.doer_after.match(text, fig.end)
    if m is not None:
        return _words_side(reading, view, m.start("w"), m.group("w"), about)[1]
    return None


def counted(
    reading: Reading,
    view: SentenceView,
    fig: Figure,
    *,
    previous: tuple[str | None, int | None] | None,
    authority: str | None,
    about: str,
    list_end: int,
    by_noun: bool = True,
) -> tuple[str | None, int | None]:
    """``(entity counted, side)`` of a figure of the sentence (see the module's rules).

    *previous* is what the figure before it in the sentence counts, *authority* the sentence's
    source (None for the article), *about* the event it is about, *list_end* where the list of
    figures it belongs to ends. Without *by_noun*, rules 5 and 6 are left out (a strength takes
    the side of its event's doer first: "troops" are anyone's)."""
    lex = attribution_lexicon()
    index = reading.index
    text = view.text
    subject: str | None = None
    side: int | None = None
    if fig.unit:
        pos = text.find(fig.unit, fig.start)
        mention = index.actor_in(fig.unit, view.base + max(pos, 0))
        if mention is not None:
            subject = index.use(mention, view.span(mention.start - view.base, mention.end - view.base))
            side = _entity_side(reading, subject)
        elif (subject := _bare(reading, view, fig.unit)) is not None:
            side = _entity_side(reading, subject)
        else:
            side = _shared_side(reading, fig.unit)
    if subject is None:
        word = re.match(r"\s+([A-Z][\w-]+)", text[fig.end :])
        found = country_by_adjective(word.group(1)) if word else None
        if found is not None:
            subject = reading.facts.add_entity("state", found.name, view.sentence.span)
            side = _entity_side(reading, subject)
    tail = text[fig.end : fig.end + 60]
    if word_end := re.match(r"\s+[A-Z][\w-]+", tail):
        tail = tail[word_end.end() :]
    if lex.own_side.match(tail) and authority:
        side = index.side_of(authority)
    if subject is None and side is None:
        subject, side = _whose(reading, view, fig.end, about)
        if subject is None and side is None and list_end > fig.end:
            subject, side = _whose(reading, view, list_end, about)
        if subject is None and side is None and not fig.unit:
            subject, side = _losses(reading, view, fig, about)
    if subject is None and side is None and not fig.unit and previous is not None:
        subject, side = previous
    if not by_noun:
        return subject, side
    if side is None and subject is None and fig.unit:
        side = _noun_side(reading, fig.unit, about)
    if side is None and subject is None and fig.kind != "civilian":
        side = reading.index.battle.other_side(_doer(reading, view, fig, about))
    return subject, side


def counted_by_noun(reading: Reading, fig: Figure, about: str) -> int | None:
    """The side the counted noun of *fig* gives by itself (rule 5), or None."""
    return _noun_side(reading, fig.unit, about) if fig.unit else None
