"""Attributed claims: who says which figure (or which words) about which event and side.

Vocabulary: ``data/lexicons/attribution.toml``. Rules:

* **Source.** ``according to X``; ``X <verb of saying>`` (``reported``, ``stated``, ``claimed``
  ...), X being an actor mention, a capitalised name (``Le Monde``) or a lower-case phrase
  headed by a source noun (``Survivors of the battle``); ``..., announcing/claiming ...`` whose
  source is the subject of the sentence. Such a sentence's claims are *explicit*.
* **Carried.** The next sentences of the same paragraph with no source of their own (at most
  ``carry_sentences``) keep it: their claims are *carried*, and say so.
* **Article.** A figure with no source at all is the article's own claim.
* **Figures** come from :func:`kg.parse.figure_scan.scan_figures`, plus ``killed a gunner``
  (one) and ``N were scattered`` (extra status words). A figure with no casualty word is a
  strength only when it is the doer of an event (``around forty jihadists ambushed``), follows a
  strength word (``a patrol of seventy men``), is joined to such a figure (``on twelve
  pick-ups``) or is the whole of a partitive (``of the twelve vehicles, six ...``).
* **Side.** The actor in the counted words (``Kenyan soldiers`` -> Kenya's side, ``jihadists``
  -> the group named with that noun), else the figure before it in the sentence, ``within their
  ranks`` (the source's own side), a state's force noun (``army vehicles``: the only side with a
  state) or, for a strength, the side of the event's doer.
* **Event.** The figure is about the non-speech event of its sentence (the nearest trigger before
  it), else the event the narrative is at; events within the main event count as the main event.
* **Statements.** An explicit sentence with no figure whose words name casualties (``very deadly
  skirmishes``, ``losses``) is a claim in words (``kg:statement``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ...facts import ClaimFact
from ...gazetteer import country, country_by_adjective
from ...parse.figure_core import Figure
from ...parse.figure_scan import scan_figures
from ...parse.numbers import NUMBER_WORDS, parse_number
from ...parse.patterns import alternation, phrase_key, scanner
from ...rdf.iris import slugify
from ...resources import lexicon
from .context import Attribution, EventHit, Reading, SentenceView
from .events import _PREPOSITION, _clause

__all__ = ["AttributionLexicon", "attribution_lexicon", "find_source", "read_claims", "prose_figures"]


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    verb: re.Pattern[str]
    participle: re.Pattern[str]
    according: re.Pattern[str]
    adverbs: frozenset[str]
    source_nouns: frozenset[str]
    pronouns: frozenset[str]
    carry: int
    own_side: re.Pattern[str]
    statement_words: dict[str, str]
    statement_re: re.Pattern[str]
    extra_status: re.Pattern[str]
    extra_categories: dict[str, str]
    singular: re.Pattern[str]
    singular_verbs: dict[str, str]
    strength_before: re.Pattern[str]
    strength_joiner: re.Pattern[str]


@cache
def attribution_lexicon() -> AttributionLexicon:
    """The words of ``attribution.toml``, compiled once."""
    d = lexicon("attribution.toml")
    adverbs = frozenset(w.casefold() for w in d["adverbs"])
    adv = rf"(?:(?:{alternation(adverbs, flexible_spaces=True)})\s+)?"
    sv = {phrase_key(k): v for k, v in d["singular"]["verbs"].items()}
    extra = {phrase_key(k): v for k, v in d["extra_status"].items()}
    return AttributionLexicon(
        verb=re.compile(rf"(?<![\w-]){adv}(?P<verb>{alternation(d['verbs'], flexible_spaces=True)})(?![\w-])", re.I),
        participle=re.compile(rf",\s+{adv}(?P<verb>{alternation(d['participles'], flexible_spaces=True)})(?![\w-])", re.I),
        according=re.compile(rf"(?<![\w-])(?:{alternation(d['according'], flexible_spaces=True)})\s+(?P<who>[^,;.]+)", re.I),
        adverbs=adverbs,
        source_nouns=frozenset(w.casefold() for w in d["source_nouns"]),
        pronouns=frozenset(w.casefold() for w in d["pronouns"]),
        carry=int(d["carry_sentences"]),
        own_side=re.compile(rf"\s+(?:\w+\s+)?(?:{alternation(d['own_side'], flexible_spaces=True)})(?![\w-])", re.I),
        statement_words={k.casefold(): v for k, v in d["statement_words"].items()},
        statement_re=scanner(rf"(?<![\w-])(?:{alternation(list(d['statement_words']), flexible_spaces=True)})(?![\w-])", re.I),
        extra_status=scanner(
            rf"(?<![\w-])(?P<num>(?:the\s+other\s+|another\s+)?(?P<n>{NUMBER_WORDS}))\s+(?:others\s+)?(?:were|was)\s+"
            rf"(?P<w>{alternation(list(extra), flexible_spaces=True)})(?![\w-])",
            re.I,
        ),
        extra_categories=extra,
        singular=scanner(
            rf"(?<![\w-])(?P<v>{alternation(list(sv), flexible_spaces=True)})\s+(?P<num>an?|one)\s+(?P<noun>{alternation(d['singular']['nouns'], flexible_spaces=True)})(?![\w-])", re.I
        ),
        singular_verbs=sv,
        strength_before=re.compile(rf"(?<![\w-])(?:{alternation(d['strength']['before'], flexible_spaces=True)})\s+$", re.I),
        strength_joiner=re.compile(rf"^\s+(?:{alternation(d['strength']['joiners'], flexible_spaces=True)})\s+$", re.I),
    )


# ---- sources -------------------------------------------------------------------------------

_CAP_RUN = re.compile(r"^(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|the|de|du|al|el|for|and))*)$")
_THAT_NUMBER = re.compile(rf"(?<![\w-])that(?=\s+(?:[a-z]+\s+){{0,2}}(?:{NUMBER_WORDS}))", re.I)
_QUOTE = re.compile(r"[\"“]([^\"”]{2,400})[\"”]")


def _source_key(reading: Reading, view: SentenceView, phrase_start: int, phrase_end: int) -> str | None:
    """The entity of the source written in ``text[phrase_start:phrase_end]``, or None."""
    lex = attribution_lexicon()
    text = view.text
    phrase = text[phrase_start:phrase_end].strip()
    words = phrase.split()
    while words and words[-1].casefold() in lex.adverbs:
        words.pop()
    if not words:
        return None
    phrase = " ".join(words)
    end = phrase_start + text[phrase_start:phrase_end].find(words[-1]) + len(words[-1])
    span = view.sentence.span
    for m in reversed(view.mentions):  # a mention ending the phrase
        s, e = m.start - view.base, m.end - view.base
        if phrase_start <= s and e == end:
            key = reading.index.use(m, view.span(s, e))
            reading.facts.entities[key].authority = True
            return key
    if words[0].casefold() in lex.pronouns and len(words) == 1:
        return None
    cap = _CAP_RUN.match(phrase)
    if cap and cap.group("name").split()[0].casefold() not in lex.pronouns:
        name = cap.group("name")
        found = country(name) or (country_by_adjective(name) if " " not in name else None)
        if found is not None:
            return reading.facts.add_entity("state", found.name, span, authority=True)
        return reading.facts.add_entity("organization", name, span, authority=True)
    low = [w.casefold() for w in words]
    if low[0] == "the":
        low, words = low[1:], words[1:]
    if low and low[0] in lex.source_nouns:
        name = " ".join(words)
        label = name[0].upper() + name[1:]
        return reading.facts.add_entity("group", label, span, authority=True, local=f"source/{slugify(name)}")
    if len(low) >= 2 and low[1] in lex.source_nouns and low[0].isalpha():  # "local sources", "Kenyan officials"
        name = " ".join(words)
        return reading.facts.add_entity("group", name[0].upper() + name[1:], span, authority=True, local=f"source/{slugify(name)}")
    return None


def _subject_key(reading: Reading, view: SentenceView) -> str | None:
    """The subject of the sentence: its first actor mention outside a prepositional phrase."""
    for m in view.mentions:
        s = m.start - view.base
        if not _PREPOSITION.search(view.text[max(0, s - 20) : s]):
            key = reading.index.use(m, view.span(s, m.end - view.base))
            reading.facts.entities[key].authority = True
            return key
    return None


def find_source(reading: Reading, view: SentenceView) -> Attribution | None:
    """Who the sentence says states it, if it says so (explicit attribution)."""
    lex = attribution_lexicon()
    text = view.text
    speech = next((h for h in view.hits if h.speech), None)
    stated_in = speech.key if speech else None
    ev = reading.facts.events.get(stated_in) if stated_in is not None else None
    stated = ev.time.range if ev is not None and ev.time is not None else None
    m = lex.according.search(text)
    if m:
        key = _source_key(reading, view, m.start("who"), m.end("who"))
        if key:
            return Attribution(key, m.start(), m.end(), "explicit", stated_in, stated)
    for m in lex.verb.finditer(text):
        lo, _ = _clause(text, m.start())
        cut = text.rfind(",", lo, m.start())
        start = cut + 1 if cut >= 0 else lo
        key = _source_key(reading, view, start, m.start())
        if key is None and cut >= 0:
            key = _source_key(reading, view, lo, m.start())
        if key is not None:
            return Attribution(key, m.start("verb"), m.end("verb"), "explicit", stated_in, stated)
    m = lex.participle.search(text)
    if m:
        key = _subject_key(reading, view)
        if key is not None:
            return Attribution(key, m.start("verb"), m.end("verb"), "explicit", stated_in, stated)
    return None


# ---- figures -------------------------------------------------------------------------------


def prose_figures(text: str) -> list[Figure]:
    """The figures of a sentence: the scanner's, plus one-person and extra-status figures."""
    lex = attribution_lexicon()
    # "said that 30 soldiers were killed": the conjunction "that" is no determiner of the number
    found = list(scan_figures(_THAT_NUMBER.sub(lambda m: " " * len(m.group()), text)))
    for m in lex.singular.finditer(text):
        s, e = m.start("num"), m.end("noun")
        if any(f.start < e and s < f.end for f in found):
            continue
        category = lex.singular_verbs[phrase_key(m.group("v"))]
        found.append(Figure(1, 1, False, category, m.group("noun"), "personnel", None, None, None, None, text[s:e], s, e))
    for m in lex.extra_status.finditer(text):
        s, e = m.start("num"), m.end("n")
        if any(f.start < e and s < f.end for f in found):
            continue
        try:
            n = parse_number(m.group("n"))
        except ValueError:
            continue
        before = [f for f in found if f.end <= s and f.unit]
        unit, kind = (before[-1].unit, before[-1].kind) if before else (None, None)
        category = lex.extra_categories[phrase_key(m.group("w"))]
        found.append(Figure(n, n, False, category, unit, kind, None, None, None, None, text[s:e], s, e))
    found.sort(key=lambda f: f.start)
    return found


def _strength(view: SentenceView, fig: Figure, figures: list[Figure], accepted: dict[int, str]) -> bool:
    """True when a figure without a casualty word is a strength (see the module's rules)."""
    lex = attribution_lexicon()
    text = view.text
    if fig.kind is None and fig.unit is None:
        return False
    if lex.strength_before.search(text[max(0, fig.start - 30) : fig.start]):
        return True
    previous = [f for f in figures if f.end <= fig.start]
    if previous and accepted.get(id(previous[-1])) == "strength" and lex.strength_joiner.match(text[previous[-1].end : fig.start]):
        return True
    for hit in view.hits:  # the doer of an event: "around forty jihadists ambushed"
        if hit.new and hit.begin >= fig.end and re.fullmatch(r"\s*(?:\w+ly\s+)?", text[fig.end : hit.begin]):
            return True
    if re.search(r"(?<![\w-])of\s+the\s+$", text[max(0, fig.start - 8) : fig.start]) and re.match(r"\s*,", text[fig.end :]):
        later = [f for f in figures if f.start >= fig.end and f.category and f.unit == fig.unit]
        return bool(later)
    return False


def _about(reading: Reading, view: SentenceView, pos: int) -> str:
    """The event a figure at *pos* is about (main-event parts count as the main event): a new
    event of its clause, else the nearest new event before it, else an event referred to in its
    clause or before it, else the event the narrative is at."""
    hits = [h for h in view.hits if not h.speech]
    lo, hi = _clause(view.text, pos)
    in_clause = [h for h in hits if lo <= h.begin < hi]
    before = [h for h in hits if h.begin <= pos]
    chosen: EventHit | None = None
    for group in (
        [h for h in in_clause if h.new],
        [h for h in before if h.new],
        [h for h in in_clause if not h.new and h.begin <= pos] or [h for h in in_clause if not h.new],
        before,
        hits[:1],
    ):
        if group:
            chosen = min(group, key=lambda h: abs(h.begin - pos))
            break
    key = chosen.key if chosen is not None else reading.context_event
    if key is None or key == "":
        return ""
    ev = reading.facts.events.get(key)
    if ev is None or "" in ev.parents:
        return ""
    return key


def _counted(reading: Reading, view: SentenceView, fig: Figure, previous: tuple[str | None, int | None] | None, authority: str | None) -> tuple[str | None, int | None]:
    """``(subject entity key, side)`` of the people or things a figure counts."""
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
            side = index.side_of(subject)
    if subject is None:
        word = re.match(r"\s+([A-Z][\w-]+)", text[fig.end :])
        found = country_by_adjective(word.group(1)) if word else None
        if found is not None:
            subject = reading.facts.add_entity("state", found.name, view.sentence.span)
            side = None
    tail = text[fig.end : fig.end + 60]
    if word_end := re.match(r"\s+[A-Z][\w-]+", tail):
        tail = tail[word_end.end() :]
    if lex.own_side.match(tail) and authority:
        side = index.side_of(authority)
    if subject is None and side is None and not fig.unit and previous is not None:
        subject, side = previous
    if side is None and subject is None and fig.unit and index.state_noun(fig.unit):
        side = index.state_side()
    return subject, side


def read_claims(reading: Reading, view: SentenceView) -> list[ClaimFact]:
    """The claims of one sentence (figures and statements), appended to the facts."""
    lex = attribution_lexicon()
    facts = reading.facts
    attribution = view.attribution
    authority, method = (attribution.authority, attribution.method) if attribution else ("article", "article")
    stated = attribution.stated if attribution else None
    stated_in = attribution.stated_in if attribution else None
    stem = f"sentence-{view.sentence.span.start}"
    out: list[ClaimFact] = []
    figures = prose_figures(view.text)
    accepted: dict[int, str] = {}
    previous: tuple[str | None, int | None] | None = None
    for fig in figures:
        category = fig.category
        if category is None:
            if not _strength(view, fig, figures, accepted):
                continue
            category = "strength"
        words_only = fig.min is None and fig.max is None  # "dozens of soldiers": no number, a claim in words
        accepted[id(fig)] = category
        subject, side = _counted(reading, view, fig, previous, authority if authority != "article" else None)
        event = _about(reading, view, fig.start)
        if side is None and category == "strength":
            side = _doer_side(reading, event, view)
        previous = (subject, side)
        out.append(
            ClaimFact(
                key=facts.claim_key(stem),
                event=event,
                category=category,
                authority=authority,
                attribution=method,
                span=view.sentence.span,
                side=side if side in facts.sides else None,
                figure=None if words_only else replace(fig, start=fig.start + view.base, end=fig.end + view.base),
                statement=fig.text if words_only else None,
                vague=fig.vague if words_only else None,
                stated=stated,
                stated_in=stated_in,
                subject=subject,
            )
        )
        facts.claims.append(out[-1])
    if not out and attribution is not None and attribution.method == "explicit":
        statement = _statement(view.text, attribution.end)
        if statement:
            words = {lex.statement_words[w.group().casefold()] for w in lex.statement_re.finditer(statement)}
            if words:
                category = words.pop() if len(words) == 1 else "casualties"
                claim = ClaimFact(
                    key=facts.claim_key(stem),
                    event=_about(reading, view, attribution.end),
                    category=category,
                    authority=authority,
                    attribution=method,
                    span=view.sentence.span,
                    statement=statement,
                    stated=stated,
                    stated_in=stated_in,
                )
                facts.claims.append(claim)
                out.append(claim)
    return out


def _doer_side(reading: Reading, event: str, view: SentenceView) -> int | None:
    ev = reading.facts.events.get(event)
    if ev is None:
        return None
    agent_roles = {et_agent for et_agent in ("organiser", "perpetrator", "participant", "commander")}
    for role in ev.roles:
        if role.role in agent_roles and role.side is not None:
            return role.side
    return None


def _statement(text: str, pos: int) -> str | None:
    """The words a source states: its quotations after *pos*, else the clause after the verb."""
    quotes = [m.group(1).strip() for m in _QUOTE.finditer(text, pos)]
    if quotes:
        return "; ".join(q.rstrip(".") for q in quotes)
    rest = re.sub(r"^\s*(?:that\s+)?", "", text[pos:]).rstrip(" .")
    return rest or None


def carry(reading: Reading, view: SentenceView) -> Attribution | None:
    """The attribution a sentence with no source of its own carries from the sentence before."""
    prev = reading.previous
    if prev is None or prev.attribution is None or prev.paragraph != view.paragraph or prev.section != view.section:
        return None
    if reading.carry_left <= 0:
        return None
    a = prev.attribution
    return Attribution(a.authority, 0, 0, "carried", a.stated_in, a.stated)
