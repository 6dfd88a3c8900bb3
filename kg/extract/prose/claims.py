"""Attributed claims: who says which figure (or which words) about which event and side.

Vocabulary: ``data/lexicons/attribution.toml``. Who says it is :mod:`.sources` (explicit,
carried, or the article's own); whose people or things a figure counts is :mod:`.sides`. Rules:

* **Figures** come from :func:`kg.parse.figure_scan.scan_figures`, plus ``killed a gunner``,
  ``a single wounded soldier``, ``An Ostian soldier was killed`` (one) and ``N were scattered``
  (extra status words). A figure with no casualty word is a strength only when it is the doer of
  an event (``around thirty fighters ambushed``), follows a strength word (``a patrol of fifty
  men``), is joined to such a figure (``on nine pick-ups``) or is the whole of a partitive (``of
  the nine trucks, four ...``). Soldiers who fled are no displaced persons: no figure.
* **Vague** figures (``dozens of soldiers were killed``) have no bounds: they are claims in words
  (``kg:statement``, the words of the figure), with their category, side and source.
* **Source.** The sentence's source, for the figures after it when it stands mid-sentence
  (``..., killing 70 soldiers, with officials claiming 160 jihadists were killed``: the 70 are
  the article's), else for all of them.
* **Restated**: ``the ten jihadists killed`` after ten jihadists were told killed is no new figure.
* **Event.** The figure is about the non-speech event of its sentence (the nearest trigger before
  it), else the event the narrative is at; events within the main event count as the main event.
* **Statements.** An explicit sentence with no figure whose words name casualties (``very deadly
  skirmishes``, ``losses``) is a claim in words (``kg:statement``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...facts import ClaimFact
from ...parse.figure_core import Figure
from ...parse.figure_scan import casualty_words_end, list_runs, prose_words, scan_figures
from ...parse.numbers import NUMBER_WORDS, parse_number
from ...parse.patterns import phrase_key
from .context import EventHit, Reading, SentenceView
from .events import _clause
from .roles import unnamed_victim
from .sides import counted, counted_by_noun
from .sources import AttributionLexicon, attribution_lexicon, carry, find_source

__all__ = ["AttributionLexicon", "attribution_lexicon", "find_source", "carry", "read_claims", "prose_figures"]


_THAT_NUMBER = re.compile(rf"(?<![\w-])that(?=\s+(?:[a-z]+\s+){{0,2}}(?:{NUMBER_WORDS}))", re.I)
_QUOTE = re.compile(r"[\"“]([^\"”]{2,400})[\"”]")
_THE = re.compile(r"(?<![\w-])the\s+$", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,;:]|(?<![\w-])and)\s*$")


# ---- figures -------------------------------------------------------------------------------


def _one(found: list[Figure], text: str, s: int, e: int, category: str, noun: str) -> None:
    if not any(f.start < e and s < f.end for f in found):
        found.append(Figure(1, 1, False, category, noun, "personnel", None, None, None, None, text[s:e], s, e))


def prose_figures(text: str) -> list[Figure]:
    """The figures of a sentence: the scanner's, plus one-person and extra-status figures."""
    lex = attribution_lexicon()
    # "said that 30 soldiers were killed": the conjunction "that" is no determiner of the number
    found = list(scan_figures(_THAT_NUMBER.sub(lambda m: " " * len(m.group()), text)))
    for m in lex.singular.finditer(text):  # "killed a gunner"
        _one(found, text, m.start("num"), m.end("noun"), lex.singular_verbs[phrase_key(m.group("v"))], m.group("noun"))
    for m in lex.single.finditer(text):  # "a single wounded soldier"
        _one(
            found, text, m.start("num"), m.end("noun"), lex.single_adjectives[phrase_key(m.group("v"))], m.group("noun")
        )
    for m in lex.passive_one.finditer(text):  # "An Ostian soldier was killed", at the start of a clause
        category = lex.singular_verbs.get(phrase_key(m.group("v")))
        if category is not None and _CLAUSE_START.search(text, max(0, m.start() - 6), m.start()):
            _one(found, text, m.start("num"), m.end("noun"), category, m.group("noun"))
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
    if (
        previous
        and accepted.get(id(previous[-1])) == "strength"
        and lex.strength_joiner.match(text[previous[-1].end : fig.start])
    ):
        return True
    for hit in view.hits:  # the doer of an event: "around forty jihadists ambushed"
        if hit.new and hit.begin >= fig.end and re.fullmatch(r"\s*(?:\w+ly\s+)?", text[fig.end : hit.begin]):
            return True
    if re.search(r"(?<![\w-])of\s+the\s+$", text[max(0, fig.start - 8) : fig.start]) and re.match(
        r"\s*,", text[fig.end :]
    ):
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
    text = view.text
    figures = prose_figures(text)
    runs = list_runs(text, figures)
    list_end = {id(f): run[-1].end for run in runs for f in run}
    run_of = {id(f): n for n, run in enumerate(runs) for f in run}
    told: dict[int, set[tuple[str | None, int | None]]] = {}  # what each list's figures count
    # a source named mid-sentence speaks for the figures after it, if any follows it
    after_source = (
        attribution is not None
        and attribution.method == "explicit"
        and any(f.start >= attribution.begin for f in figures)
    )
    accepted: dict[int, str] = {}
    previous: tuple[str | None, int | None] | None = None
    restated = False
    for fig in figures:
        category = fig.category
        if category is None:
            if not _strength(view, fig, figures, accepted):
                continue
            category = "strength"
        if category != "strength" and _restated(reading, view, fig):
            restated = True
            continue
        own = after_source and fig.start < attribution.begin  # type: ignore[union-attr]
        source = "article" if own else authority
        event = _about(reading, view, fig.start)
        run = run_of.get(id(fig))
        if previous is not None and run not in told and any(len(t) > 1 for t in told.values()):
            previous = None  # "18 soldiers and 31 militants killed, and 70 others injured": whose others?
        subject, side = counted(
            reading,
            view,
            fig,
            previous=previous,
            authority=source if source != "article" else None,
            about=event,
            list_end=list_end.get(id(fig), fig.end),
            by_noun=category != "strength",
        )
        if side is None and category == "strength":  # the doer's strength, else its nouns
            side = _doer_side(reading, event, view)
            if side is None and subject is None:
                side = counted_by_noun(reading, fig, event)
        previous = (subject, side)
        told.setdefault(run if run is not None else -1, set()).add(previous)
        if category == "displaced" and fig.kind == "personnel":
            continue  # soldiers who fled are no displaced persons
        accepted[id(fig)] = category
        unnamed_victim(reading, view, fig, category, side if side in facts.sides else None)
        bounded = fig.min is not None or fig.max is not None
        out.append(
            ClaimFact(
                key=facts.claim_key(stem),
                event=event,
                category=category,
                authority=source,
                attribution="article" if own else method,
                span=view.sentence.span,
                side=side if side in facts.sides else None,
                figure=replace(fig, start=fig.start + view.base, end=fig.end + view.base) if bounded else None,
                statement=None if bounded else _vague_words(text, fig),
                vague=None if bounded else fig.vague,
                stated=None if own else stated,
                stated_in=None if own else stated_in,
                subject=subject,
            )
        )
        facts.claims.append(out[-1])
    if not out and not restated and attribution is not None and attribution.method == "explicit":
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


def _vague_words(text: str, fig: Figure) -> str:
    """The words of a figure with no bounds, with the pronoun or casualty word right after it
    ("dozens of others", "dozens of casualties")."""
    end = fig.end
    pm = prose_words().pronoun.match(text, end)  # "wounded dozens of others"
    if pm and fig.unit is None:
        end = pm.end()
    return text[fig.start : casualty_words_end(text, end) or end].strip()


def _restated(reading: Reading, view: SentenceView, fig: Figure) -> bool:
    """True when "the N ..." repeats a figure the prose told before (same bounds and category)."""
    if not _THE.search(view.text[max(0, fig.start - 8) : fig.start]):
        return False
    box = reading.facts.article.infobox_span
    for c in reading.facts.claims:
        f = c.figure
        if f is None or (box is not None and box.start <= c.span.start < box.end):
            continue
        if (f.min, f.max, c.category) == (fig.min, fig.max, fig.category):
            return True
    return False


def _doer_side(reading: Reading, event: str, view: SentenceView) -> int | None:
    ev = reading.facts.events.get(event)
    if ev is None:
        return None
    agent_roles = {
        et_agent for et_agent in ("organiser", "perpetrator", "participant", "commander", "captor", "informant")
    }
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
