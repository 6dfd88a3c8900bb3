"""Who states what a sentence says: its source, found in the text or carried over.

Vocabulary: ``data/lexicons/attribution.toml``. Rules:

* ``according to X``; ``X <verb of saying>`` (``reported``, ``stated``, ``claimed``,
  ``released a statement`` ...), X being an actor mention, a capitalised name (``Le Monde``) or
  a lower-case phrase headed by a source noun (``Witnesses of the battle``, ``local sources``,
  ``Ostian officials``: the officials, affiliated with their state, not the state itself;
  ``the Ostian government`` is the state); ``..., announcing/claiming ...`` whose source is the
  subject of the sentence; ``with X claiming ...``. A verb that is also a source noun and stands
  before another verb is the source's noun (``Early reports stated``).
* A sentence with a source is *explicit*. The next sentences of the same paragraph with no source
  of their own (at most ``carry_sentences``) keep it, *carried*, but only when the sentence that
  named it stated no figure (a report that gave its figures is told; what follows is the
  article's own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...gazetteer import country, country_by_adjective, find_countries
from ...parse.categories import category_lexicon
from ...parse.numbers import NUMBER_WORDS
from ...parse.patterns import alternation, phrase_key, scanner
from ...rdf.iris import slugify
from ...resources import lexicon
from .context import Attribution, Reading, SentenceView
from .events import _PREPOSITION, _clause

__all__ = ["AttributionLexicon", "attribution_lexicon", "find_source", "carry"]


@dataclass(frozen=True, slots=True)
class AttributionLexicon:
    verb: re.Pattern[str]
    participle: re.Pattern[str]
    with_participle: re.Pattern[str]
    according: re.Pattern[str]
    source_cut: re.Pattern[str]
    not_saying: re.Pattern[str]
    adverbs: frozenset[str]
    source_nouns: frozenset[str]
    media: frozenset[str]
    pronouns: frozenset[str]
    carry: int
    own_side: re.Pattern[str]
    statement_words: dict[str, str]
    statement_re: re.Pattern[str]
    extra_status: re.Pattern[str]
    extra_categories: dict[str, str]
    singular: re.Pattern[str]
    singular_verbs: dict[str, str]
    single: re.Pattern[str]
    single_adjectives: dict[str, str]
    passive_one: re.Pattern[str]
    strength_before: re.Pattern[str]
    strength_joiner: re.Pattern[str]
    whose: re.Pattern[str]
    whose_stop: frozenset[str]
    losses: re.Pattern[str]
    doer_before: re.Pattern[str]
    doer_after: re.Pattern[str]


@cache
def attribution_lexicon() -> AttributionLexicon:
    """The words of ``attribution.toml``, compiled once."""
    d = lexicon("attribution.toml")
    adverbs = frozenset(w.casefold() for w in d["adverbs"])
    adv = rf"(?:(?:{alternation(adverbs, flexible_spaces=True)})\s+)?"
    sv = {phrase_key(k): v for k, v in d["singular"]["verbs"].items()}
    sa = {phrase_key(k): v for k, v in d["singular"]["adjectives"].items()}
    extra = {phrase_key(k): v for k, v in d["extra_status"].items()}
    nouns = alternation(d["singular"]["nouns"], flexible_spaces=True)
    participles = alternation(d["participles"], flexible_spaces=True)
    sides = d["sides"]
    doers = alternation(sides["doer_verbs"], flexible_spaces=True)
    return AttributionLexicon(
        verb=re.compile(rf"(?<![\w-]){adv}(?P<verb>{alternation(d['verbs'], flexible_spaces=True)})(?![\w-])", re.I),
        participle=re.compile(rf",\s+{adv}(?P<verb>{participles})(?![\w-])", re.I),
        with_participle=re.compile(
            rf"(?<![\w-])with\s+(?P<who>[^,;.]{{2,80}}?)\s+{adv}(?P<verb>{participles})(?![\w-])", re.I
        ),
        according=re.compile(
            rf"(?<![\w-])(?:{alternation(d['according'], flexible_spaces=True)})\s+(?P<who>[^,;.]+)", re.I
        ),
        source_cut=re.compile(rf"\s+(?:{alternation(d['source_cut'], flexible_spaces=True)})(?![\w-])", re.I),
        # "were reported dead", "40 militants reported killed": a participle of the figure, no saying
        not_saying=re.compile(rf"\s*(?:as\s+)?(?:{category_lexicon().list_pattern})(?![\w-])", re.I),
        adverbs=adverbs,
        source_nouns=frozenset(w.casefold() for w in d["source_nouns"]),
        media=frozenset(w.casefold() for w in d["media"]),
        pronouns=frozenset(w.casefold() for w in d["pronouns"]),
        carry=int(d["carry_sentences"]),
        own_side=re.compile(rf"\s+(?:\w+\s+)?(?:{alternation(d['own_side'], flexible_spaces=True)})(?![\w-])", re.I),
        statement_words={k.casefold(): v for k, v in d["statement_words"].items()},
        statement_re=scanner(
            rf"(?<![\w-])(?:{alternation(list(d['statement_words']), flexible_spaces=True)})(?![\w-])", re.I
        ),
        extra_status=scanner(
            rf"(?<![\w-])(?P<num>(?:the\s+other\s+|another\s+)?(?P<n>{NUMBER_WORDS}))\s+(?:others\s+)?(?:were|was)\s+"
            rf"(?P<w>{alternation(list(extra), flexible_spaces=True)})(?![\w-])",
            re.I,
        ),
        extra_categories=extra,
        singular=scanner(
            rf"(?<![\w-])(?P<v>{alternation(list(sv), flexible_spaces=True)})\s+(?P<num>an?|one)\s+(?P<noun>{nouns})(?![\w-])",
            re.I,
        ),
        singular_verbs=sv,
        single=scanner(
            rf"(?<![\w-])(?P<num>{alternation(d['singular']['determiners'], flexible_spaces=True)})\s+"
            rf"(?P<v>{alternation(list(sa), flexible_spaces=True)})\s+(?P<noun>{nouns})(?![\w-])",
            re.I,
        ),
        single_adjectives=sa,
        passive_one=scanner(  # at the start of a clause: see kg.extract.prose.claims
            rf"(?<![\w-])(?P<num>[Aa]n?)\s+(?:[A-Z][\w'’-]*\s+){{0,2}}(?P<noun>{nouns})\s+"
            rf"(?:was|had\s+been|has\s+been|got)\s+{adv}(?P<v>{alternation(d['singular']['passive'], flexible_spaces=True)})(?![\w-])"
        ),
        strength_before=re.compile(
            rf"(?<![\w-])(?:{alternation(d['strength']['before'], flexible_spaces=True)})\s+$", re.I
        ),
        strength_joiner=re.compile(rf"^\s+(?:{alternation(d['strength']['joiners'], flexible_spaces=True)})\s+$", re.I),
        whose=re.compile(
            rf"\s*(?:{alternation(sides['whose'], flexible_spaces=True)})\s+(?:the\s+)?(?P<w>[^,;.:()\"“”]{{2,60}})",
            re.I,
        ),
        whose_stop=frozenset(w.casefold() for w in sides["stop"]),
        losses=re.compile(
            rf"(?<![\w-])(?:{alternation(sides['losses'], flexible_spaces=True)})\s+(?:the\s+)?(?P<w>[^,;.:()\"“”]{{2,60}}?)\s+(?:were|was|are|is|stood|amounted|reached|numbered|included|totalled|totaled)(?![\w-])",
            re.I,
        ),
        doer_before=re.compile(rf"(?<![\w-])(?:{doers})\s+(?:an?\s+)?$", re.I),
        doer_after=re.compile(
            rf"\s*(?:(?:were|was|had\s+been|have\s+been|has\s+been|being|been)\s+)?{adv}(?:{doers})\s+by\s+(?:the\s+)?(?P<w>[^,;.:()\"“”]{{2,60}})",
            re.I,
        ),
    )


_CAP_RUN = re.compile(
    r"^(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:[A-Z][\w'’.&-]*|of|the|de|du|al|el|for|and))*)$"
)
_ARTICLE = frozenset({"a", "an", "the"})
_RELATIVE = re.compile(r"(?<![\w-])(?:which|who|whom|that|as)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,4}(?:\w+ly\s+)?$")
_BE = re.compile(r"(?<![\w-])(?:were|was|been|being|is|are|be)\s+$", re.I)


def _group(reading: Reading, view: SentenceView, words: list[str], of: str | None = None) -> str:
    """An article-local group that is a source ("Witnesses of the battle", "Ostian officials"),
    affiliated with the actor it speaks for (*of*), else with the state it names by its
    adjective when the graph has that state."""
    name = " ".join(words)
    key = reading.facts.add_entity(
        "group", name[0].upper() + name[1:], view.sentence.span, authority=True, local=f"source/{slugify(name)}"
    )
    ent = reading.facts.entities[key]
    if of is None:
        for c, _s, _e in find_countries(name):
            state = f"state:{' '.join(c.name.casefold().split())}"
            of = state if state in reading.facts.entities else None
            break
    if of is not None and ent.affiliated_with is None and of != key:
        ent.affiliated_with = of
        reading.index.battle.affiliate(key, of)
    return key


def _mention_at_end(reading: Reading, view: SentenceView, phrase_start: int, end: int) -> str | None:
    for m in reversed(view.mentions):
        s, e = m.start - view.base, m.end - view.base
        if phrase_start <= s and e == end:
            return reading.index.use(m, view.span(s, e))
    return None


def _source_key(reading: Reading, view: SentenceView, phrase_start: int, phrase_end: int) -> str | None:
    """The entity of the source written in ``text[phrase_start:phrase_end]``, or None."""
    lex = attribution_lexicon()
    text = view.text
    cut = lex.source_cut.search(text, phrase_start, phrase_end)
    if cut:  # "a military source speaking to Le Monde": the military source
        phrase_end = cut.start()
    words = text[phrase_start:phrase_end].split()
    while words and words[-1].casefold() in lex.adverbs:
        words.pop()
    if not words:
        return None
    end = phrase_start + text[phrase_start:phrase_end].find(words[-1]) + len(words[-1])
    bare = words[1:] if words[0].casefold() in _ARTICLE and len(words) > 1 else words
    if (
        len(bare) >= 2
        and len(bare) <= 5
        and bare[-1].islower()
        and bare[-1].casefold() in lex.source_nouns
        and all(w[0].isalpha() for w in bare)
        and bare[0].casefold() not in lex.pronouns
    ):
        return _group(reading, view, bare)  # "Ostian officials", "local security sources"
    low = [w.casefold() for w in bare]
    if (
        low[0] in lex.source_nouns and low[0] not in lex.media
    ):  # "Witnesses of the battle", "a spokesman for the 9th Brigade"
        return _group(reading, view, bare, _mention_at_end(reading, view, phrase_start, end))
    span = view.sentence.span
    key = _mention_at_end(reading, view, phrase_start, end)
    if key is not None:  # a mention ending the phrase
        reading.facts.entities[key].authority = True
        return key
    if words[0].casefold() in lex.pronouns and len(words) == 1:
        return None
    phrase = " ".join(words)
    cap = _CAP_RUN.match(phrase)
    if cap and cap.group("name").split()[0].casefold() not in lex.pronouns:
        name = cap.group("name")
        found = country(name) or (country_by_adjective(name) if " " not in name else None)
        if found is not None:
            return reading.facts.add_entity("state", found.name, span, authority=True)
        return reading.facts.add_entity("organization", name, span, authority=True)
    if len(low) >= 2 and low[1] in lex.source_nouns and low[0].isalpha():  # "Ostian ministry of defense"
        return _group(reading, view, bare)
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
        gap = len(text[m.end() :]) - len(text[m.end() :].lstrip())
        if gap and m.group("verb").casefold() in lex.source_nouns and lex.verb.match(text, m.end() + gap):
            continue  # "Initial reports stated": "reports" is the source's noun, "stated" its verb
        if lex.not_saying.match(text, m.end()) or _BE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "ten were reported dead": said of the figure, by no one named
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
    m = lex.with_participle.search(text)
    if m:
        key = _source_key(reading, view, m.start("who"), m.end("who"))
        if key is not None:
            return Attribution(key, m.start("verb"), m.end("verb"), "explicit", stated_in, stated)
    return None


def _stated_figures(reading: Reading, view: SentenceView) -> bool:
    """True when the sentence of *view* gave a claim with a figure."""
    span = view.sentence.span
    for c in reversed(reading.facts.claims):
        if c.span.start < span.start:
            return False
        if c.span == span and c.figure is not None:
            return True
    return False


def carry(reading: Reading, view: SentenceView) -> Attribution | None:
    """The attribution a sentence with no source of its own carries from the sentence before."""
    prev = reading.previous
    if prev is None or prev.attribution is None or prev.paragraph != view.paragraph or prev.section != view.section:
        return None
    if reading.carry_left <= 0:
        return None
    if prev.attribution.method == "explicit" and (
        _stated_figures(reading, prev) or _RELATIVE.search(prev.text, 0, prev.attribution.begin)
    ):
        return None  # a report that gave its figures, or "..., which X said was illegal": told
    a = prev.attribution
    return Attribution(a.authority, 0, 0, "carried", a.stated_in, a.stated)
