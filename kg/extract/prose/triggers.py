"""Trigger words: the words of ``data/lexicons/events.toml`` that report or type an event.

:func:`trigger_words` finds every word of the lexicon in a sentence (with whether it is negated
or unreal); :func:`find_triggers` keeps the words that report an event by themselves, and reads
each as a new event or a reference to an earlier one (:func:`as_trigger`):

* a trigger **verb** reports a new event, unless negated ("did not release") or unreal
  ("claimed to have killed"); its voice must be the one the type allows;
* a trigger **noun** is a new event after an indefinite article or a light verb ("launched an
  offensive against X", "organized a patrol"), or before ``broke out``/``erupted``; after a
  definite article it refers back to an earlier event;
* words of a ``dated_only`` type report nothing by themselves: they type the dated statements
  of :mod:`.dated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...parse.patterns import alternation, phrase_key, scanner, trie_alternation
from ...resources import lexicon

__all__ = [
    "EventType",
    "Word",
    "Trigger",
    "EventLexicon",
    "event_lexicon",
    "trigger_words",
    "find_triggers",
    "as_trigger",
]


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    agent: str
    patient: str
    voice: str = "any"
    patient_status: str | None = None
    needs_agent: bool = False
    speech: bool = False
    dated_only: bool = False  # the words only type a dated statement (see .dated)


@dataclass(frozen=True, slots=True)
class Word:
    """A trigger word as written in a sentence (offsets into the sentence), before any rule."""

    type: EventType
    begin: int
    end: int
    verb: bool
    real: bool  # neither negated ("did not release") nor unreal ("planned to attack")


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
    modal_before: re.Pattern[str]
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
            dated_only=bool(entry.get("dated_only", False)),
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
        pattern=scanner(rf"(?<![\w-])(?:{trie_alternation(forms, flexible_spaces=True)})(?![\w-])", re.IGNORECASE),
        light_before=re.compile(
            rf"(?<![\w-])(?:(?P<verb>{alternation(light['before'], flexible_spaces=True)})\s+(?:(?:{alternation(light['indefinite'] + light['definite'], flexible_spaces=True)})\s+)?|"
            rf"(?:{alternation(light['indefinite'], flexible_spaces=True)})\s+){adjectives}$",
            re.IGNORECASE,
        ),
        light_after=re.compile(rf"\s+(?:{alternation(light['after'], flexible_spaces=True)})(?![\w-])", re.IGNORECASE),
        definite_before=re.compile(
            rf"(?<![\w-])(?:{alternation(light['definite'], flexible_spaces=True)})\s+{adjectives}$", re.IGNORECASE
        ),
        passive_before=re.compile(
            rf"(?<![\w-])(?:{alternation(voice['passive'], flexible_spaces=True)})\s+(?:(?:[a-z]+ly|{alternation(voice['between'], flexible_spaces=True)})\s+)?$",
            re.IGNORECASE,
        ),
        negated_before=re.compile(
            rf"(?<![\w-])(?:{alternation(voice['negation'], flexible_spaces=True)})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE
        ),
        unreal_before=re.compile(
            rf"(?<![\w-])(?:{alternation(voice['unreal'], flexible_spaces=True)})\s+$", re.IGNORECASE
        ),
        modal_before=re.compile(
            rf"(?<![\w-])(?:{alternation([w for w in voice['unreal'] if not w.startswith('to')], flexible_spaces=True)})\s+$",
            re.IGNORECASE,
        ),
        by_roles={phrase_key(k): v for k, v in roles["by"].items()},
        by_pattern=re.compile(
            rf"\s+(?:was|were|had been|has been|is|are)\s+(?:reportedly\s+|allegedly\s+)?(?P<by>{alternation(roles['by'], flexible_spaces=True)})\s+",
            re.IGNORECASE,
        ),
        patient_prep=re.compile(
            rf"\s*(?:{alternation(roles['patient_prepositions'], flexible_spaces=True)})\s+", re.IGNORECASE
        ),
        same_as=frozenset(data["battle"]["same_as"]),
        subevent_days=int(data["battle"]["subevent_days"]),
        battle=battle,
    )


@lru_cache(maxsize=8)
def trigger_words(text: str) -> tuple[Word, ...]:
    """Every trigger word of a sentence, left to right, with whether it is negated or unreal."""
    lex = event_lexicon()
    out: list[Word] = []
    for m in lex.pattern.finditer(text):
        et, verb = lex.forms[phrase_key(m.group())]
        lo = max(0, m.start() - 60)
        unreal = bool(lex.negated_before.search(text, lo, m.start())) or (
            verb and bool(lex.unreal_before.search(text, lo, m.start()))
        )
        if not verb and not unreal:  # "will conduct an offensive": the light verb is unreal
            lb = lex.light_before.search(text, lo, m.start())
            unreal = bool(
                lb and lb.group("verb") and lex.unreal_before.search(text, max(0, lb.start() - 40), lb.start())
            )
            unreal = unreal or bool(lex.modal_before.search(text, lo, m.start()))  # "will attack": a verb
        out.append(Word(et, m.start(), m.end(), verb, not unreal))
    return tuple(out)


def find_triggers(text: str) -> list[Trigger]:
    """The event triggers of a sentence, left to right (dated-only words are no triggers)."""
    out: list[Trigger] = []
    for w in trigger_words(text):
        if w.type.dated_only or not w.real:
            continue
        t = as_trigger(text, w)
        if t is not None:
            out.append(t)
    return out


def as_trigger(text: str, w: Word, *, strict: bool = True) -> Trigger | None:
    """The trigger a word is in its sentence: a new event or a reference, its voice, its light
    verb. With *strict*, None when the rules make it no trigger (wrong voice, a noun after a
    copula or with no determiner); without, every word is read as a new event."""
    lex = event_lexicon()
    et = w.type
    before = text[max(0, w.begin - 60) : w.begin]
    if w.verb:
        passive = bool(lex.passive_before.search(before))
        if strict and ((et.voice == "active" and passive) or (et.voice == "passive" and not passive)):
            return None
        return Trigger(et, w.begin, w.end, text[w.begin : w.end], True, True, passive)
    lb = lex.light_before.search(before)
    if strict and lb and not lb.group("verb") and _COPULA.search(before[: lb.start()]):
        return None  # "the attacks were a diversionary attack": says what something was
    light = w.begin - len(before) + lb.start() if lb else None
    if not strict or (et.id != "battle" and (lb or lex.light_after.match(text, w.end))):
        return Trigger(
            et,
            w.begin,
            w.end,
            text[w.begin : w.end],
            False,
            True,
            light=light,
            light_verb=bool(lb and lb.group("verb")),
        )
    if (db := lex.definite_before.search(before)) or et.id == "battle":
        words = before[db.start() :].split()[1:] if db else []
        named = " ".join(w for w in words if w[:1].isupper()) or None
        return Trigger(et, w.begin, w.end, text[w.begin : w.end], False, False, named=named)
    return None
