"""Every dated statement of the prose yields an event: the dates no trigger took.

:func:`kg.extract.prose.events.read_events` gives each trigger of a sentence its date; the dates
of the sentence that are left (``In 2015, the insurgency spread``, ``clashes in 2017``, ``Sirte
fell to the Islamic State in 2015``) are read here, one event per date:

* **Type**: the nearest trigger word of the date's clause (``data/lexicons/events.toml``: every
  ``[[type]]``, the ``dated_only`` words included, none negated nor unreal), else
  ``kg:Occurrence``. Roles come from that word as for a trigger; the place is the first place
  phrase after it (or after the clause's start) in the clause.
* **Label**: the clause, without the date when it opens it (``In 1907, the Kelvar Front emerged ...``
  is "the Kelvar Front emerged ..."); a clause with no word left states nothing and makes no event.
* **Time**: the date as written (a range ``28 June – 10 July 1651`` gives begin and end), span
  the date's words. Each date is its own event: two dated statements of one day stay two events
  (keys ``{type}-{date}``, ``-2`` ...).
* **The main event's own date** restated ("The Battle of X was fought on 9 June 1688", "The battle
  began in 259 BC and concluded in 257 BC") is folded into the main event: a date whose clause
  names the main event (its title, or a battle noun or a noun of its type after "the", "this",
  "that") or, in the article's first sentence, is its subject (the words before its first verb) and whose word is of no other type than the main event's (battle nouns, ``[battle]
  same_as``, beginning, ending, none), when the date lies within the main event's time or holds
  it; in the article's first sentence (which is about the main event) any date within its time.
  A main event with no date of its own takes the first such date, with the
  sentence's span.
* **No event** for a date that dates nothing that happened: after a word of ``[dated] not_after``
  ("as of 2020", "born 1950", "retrieved 2021"); alone in parentheses after a name with no event
  noun before it (a lifetime "X (1722–1772)"); a year used as an adjective ("the 2009 budget")
  unless an event noun follows it within ``attributive_words`` words ("the 1907 elections", "the
  1911 assassination of ..."); a day written as part of a name ("the March 3 Agreement").

Each check is a binary search or a look at a bounded window around the date, so a sentence costs
time linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from ...facts import EventFact, TimeFact
from ...parse.date_types import DateRange, PartialDate
from .clauses import Mentions, clause
from .context import EventHit, Reading, SentenceView
from .dated_rules import OCCURRENCE, DatedLexicon, dated_lexicon, in_parentheses, restated, restates_main
from .event_places import place_keys
from .events import _add_role, _new_key, _roles, _Sentence
from .identity import tell
from .relations import part_of_main
from .timeline import Moment, attributive
from .triggers import EventType, Word, as_trigger, event_lexicon, trigger_words

__all__ = [
    "OCCURRENCE",
    "DatedLexicon",
    "dated_lexicon",
    "read_dated",
    "clause_label",
    "opens_clause",
    "title_phrase",
    "MainMentions",
    "not_event",
    "attributive_years",
    "nearest_word",
    "restated",
    "restates_main",
]

_LEADS = (
    r"(?:on|in|by|from|since|during|until|till|between|around|at|after|before|of|the|early|late|mid|"
    r"circa|about|as|starting|beginning|throughout|later|that|this|and|but|then|so|while|when|following)"
)
_LEAD = re.compile(rf"[\s,]*(?:{_LEADS}[\s,]+)*", re.I)
_YEAR_DIGITS = re.compile(r"\d{4}")
_COMMA_LEAD = re.compile(rf",\s*(?:{_LEADS}\s+)*$", re.I)
_COMMA_AFTER = re.compile(r"\s*,")
_TRAIL = re.compile(rf"(?:[\s,]+{_LEADS})*[\s,]*$", re.I)
_TAIL = re.compile(r"[\s,;:.!?)\]\"'”’]*")
_EDGE = re.compile(r"^[\s,;:()\"'“”‘’–—-]+|[\s,;:(\"'“”‘’–—-]+$")
_CONJ = re.compile(r"^(?:and|but|or|then|so|which|who|that|where|while|whereas|although|though)\s+", re.I)
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_DETERMINER = re.compile(r"(?<![\w-])(?:the|a|an|its|their|his|her|this|that)\s+$", re.I)
_DEFINITE = re.compile(r"(?<![\w-])(?i:the|this|that|these|those)\s+(?:(?:[a-z][\w-]*|\d[\w-]*)\s+){0,3}$")
_LEAD_VERB = re.compile(
    r"\s(?:was|is|were|are|took\s+place|occurred|happened|began|started|broke\s+out|erupted|refers?\s+to)(?![\w-])"
)
_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w'’-]*)")
_POSSESSIVE = re.compile(r"['’]s?$")
_ORDER = {"year": 0, "month": 1, "day": 2, "hour": 3}
_LABEL_MAX = 120
_NEAR = 150  # characters around a date read for its label


def opens_clause(text: str, lo: int, begin: int, end: int) -> bool:
    """True when the date at *begin*–*end* opens what follows it: only lead words ("On", "In
    early", ", and in") stand between the clause start *lo* and the date, or the date stands
    between commas ("Just before the battle, on March 28, 2018, forces launched ...")."""
    if _LEAD.fullmatch(text, lo, begin) is not None:
        return True
    return (
        _COMMA_LEAD.search(text, max(lo, begin - 30), begin) is not None and _COMMA_AFTER.match(text, end) is not None
    )


def clause_label(text: str, lo: int, hi: int, begin: int, end: int) -> str | None:
    """The label of the event a date at *begin*–*end* dates: its clause *lo*–*hi*, without the
    date when the date (with its lead words) opens the clause; None when no word is left."""
    if begin - _NEAR > lo:  # a long clause: start after a comma, else at a word
        cut = text.find(", ", begin - _NEAR, begin)
        lo = cut + 2 if cut >= 0 else text.find(" ", begin - _NEAR, begin) + 1 or begin - _NEAR
    if end + _NEAR < hi:
        cut = text.rfind(" ", end, end + _NEAR)
        hi = cut if cut > end else end + _NEAR
    if _LEAD.fullmatch(text, lo, begin):
        words = text[end:hi]  # "On 5 May, X attacked Y": "X attacked Y"
    elif _TAIL.fullmatch(text, end, hi):
        head = text[lo:begin]
        trail = _TRAIL.search(head)
        words = head[: trail.start()] if trail else head  # "X attacked Y on 5 May": "X attacked Y"
    else:
        words = text[lo:hi]
    words = " ".join(words.split())
    for _ in range(3):
        words = _CONJ.sub("", _EDGE.sub("", words))
    if not _WORDS.search(words):
        return None
    if len(words) > _LABEL_MAX:
        cut = words.rfind(" ", 0, _LABEL_MAX)
        words = words[: cut if cut > 0 else _LABEL_MAX].rstrip(" ,;:") + "…"
    return words[0].upper() + words[1:]


@cache
def title_phrase(title: str) -> re.Pattern[str] | None:
    """How the prose names the main event by its title: the title without a bracketed part or
    a leading "The", in any case ("Battle of Tolan (1911)" -> "battle of tolan")."""
    phrase = re.sub(r"\s*\([^()]*\)", "", title).strip()
    phrase = re.sub(r"^the\s+", "", phrase, flags=re.I)
    if len(phrase) < 4:
        return None
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w-])", re.I)


class MainMentions:
    """Where a sentence names the main event: its title, or a battle noun (or a noun of the main
    event's type) in lower case after a definite determiner ("the battle", "this siege")."""

    __slots__ = ("positions", "subject")

    def __init__(
        self, text: str, words: Sequence[Word], *, title: str, main_types: list[str], lead: bool = False
    ) -> None:
        found: list[int] = []
        self.subject = 0  # the first sentence of an article names its subject before its verb
        if lead and (verb := _LEAD_VERB.search(text)) is not None:
            self.subject = verb.start()
        phrase = title_phrase(title)
        if phrase is not None:
            found.extend(m.start() for m in phrase.finditer(text))
        for w in words:  # battle nouns name the main event of a battle article only
            if w.verb or w.type.id not in main_types and not (w.type.id == "battle" and "battle" in main_types):
                continue
            if text[w.begin : w.begin + 1].isupper():
                continue  # "the Battle of Cúcuta" names another battle
            if _DEFINITE.search(text, max(0, w.begin - 40), w.begin):
                found.append(w.begin)
        self.positions = sorted(found)

    def within(self, lo: int, hi: int) -> bool:
        """True when the main event is named between *lo* and *hi*."""
        if lo < self.subject:
            return True
        i = bisect_left(self.positions, lo)
        return i < len(self.positions) and self.positions[i] < hi


def _word_key(word: str) -> str:
    """A word as the event noun list holds it: lower case, no punctuation, no possessive."""
    return _POSSESSIVE.sub("", word.strip(",.;:!?()[]\"“”'‘’")).casefold()


def _event_noun_in(words: list[str], lex: DatedLexicon) -> bool:
    return any(_word_key(w) in lex.event_nouns for w in words)


def not_event(text: str, m: Moment, lex: DatedLexicon, *, other_dates: bool) -> bool:
    """True when the date at *m* dates nothing that happened (see the module's rules);
    *other_dates*: the sentence has a date that is no adjective."""
    b, e = m.begin, m.end
    if lex.not_after.search(text, max(0, b - 30), b):
        return True
    if in_parentheses(text, m):  # a date alone in parentheses: an event's date only after an event noun
        open_at = text.rindex("(", max(0, b - 12), b)
        return not _event_noun_in(text[max(0, open_at - 80) : open_at].split()[-lex.paren_words :], lex)
    if m.range.precision == "day" and _DETERMINER.search(text, max(0, b - 6), b):
        nxt = _NEXT_WORD.match(text, e)
        if nxt and nxt.group(1)[:1].isupper():
            return True  # "the March 3 Agreement"
    if attributive(text, m):
        if other_dates:
            return True  # "on 4 May 1911, in what became the 1911 Battle of Tolan"
        return not _event_noun_in(text[e : e + 80].split()[: lex.attributive_words], lex)
    return False


_ATTRIBUTIVE = re.compile(
    r"(?<![\w-])(?:the|a|an|its|their|his|her)\s+(?P<y>[1-9]\d{3})(?:\s*[–—-]\s*(?P<e>\d{2}|\d{4}))?\s+(?=[a-z])", re.I
)


def attributive_years(text: str, moments: list[Moment], lex: DatedLexicon) -> list[Moment]:
    """Years used as adjectives before an event noun and followed by a lower-case word, which
    the date scanner leaves (it cannot tell "the 1911 assassination" from "the 1500 men"): "the
    1911 assassination of X" dates the assassination."""
    if _YEAR_DIGITS.search(text) is None:
        return []
    out = []
    begins = [x.begin for x in moments]  # in order, never overlapping
    for m in _ATTRIBUTIVE.finditer(text):
        b, e = m.start("y"), m.end("e") if m.group("e") else m.end("y")
        i = bisect_left(begins, e) - 1  # the last date starting before this one ends
        if i >= 0 and moments[i].end > b:
            continue
        if not _event_noun_in(text[m.end() : m.end() + 80].split()[: lex.attributive_words], lex):
            continue
        start = int(m.group("y"))
        stop = start
        if m.group("e"):
            tail = m.group("e")
            stop = int(str(start)[: 4 - len(tail)] + tail)
            if stop < start:
                continue
        rng = DateRange(start=PartialDate(start), end=PartialDate(stop), text=text[b:e], begin=b, stop=e)
        out.append(Moment(rng, b, e, "attributive"))
    return out


def nearest_word(words: Sequence[Word], starts: list[int], m: Moment, lo: int, hi: int, *, opens: bool) -> Word | None:
    """The trigger word the date *m* dates in its clause *lo*–*hi*: the nearest one before it
    (a date attaches to what it follows: "clashes in 2008 left ..."), or after it when the date
    opens the clause (*opens*: "In 2003 the chiefs declared ..."), else the nearest on the other
    side; never one inside the date (*starts*: the words' begins, for the binary search). The
    word may be unreal ("will conduct an offensive on 9 April"): then the date dates nothing
    that happened."""
    k = bisect_left(starts, m.begin)
    before: Word | None = None
    for i in range(k - 1, -1, -1):
        w = words[i]
        if w.begin < lo:
            break
        if w.end <= m.begin:
            before = w
            break
    after: Word | None = None
    for i in range(k, len(words)):
        w = words[i]
        if w.begin >= hi:
            break
        if w.begin >= m.end:
            after = w
            break
    first, second = (after, before) if opens else (before, after)
    return first if first is not None else second


# ---- reading ---------------------------------------------------------------------------------

# "X would clash with Y again in 2009": the narrative's future in the past, which happened
_NARRATIVE_WOULD = re.compile(r"(?<![\w-])would\s+(?:(?:later|again|eventually|soon|then|also)\s+)?$", re.I)
_OCCURRENCE_TYPE = EventType(OCCURRENCE, "participant", "participant")


def read_dated(reading: Reading, view: SentenceView) -> None:
    """An event of each date of the sentence no trigger took (``view.taken``), added to the
    facts and to ``view.hits``: see the module's rules."""
    text = view.text
    used = view.taken
    hits = view.hits
    dlex = dated_lexicon()
    moments = [m for m in view.moments if id(m) not in used and m.how != "inherited"]
    moments += attributive_years(text, view.moments, dlex)
    if not moments:
        return
    words = trigger_words(text)
    starts = [w.begin for w in words]
    sent = _Sentence(reading, view, [])
    local = Mentions(text, view.mentions, view.base)
    battle = reading.facts.battle
    main: MainMentions | None = None
    added = False
    other_dates = any(m.how != "inherited" and not attributive(text, m) for m in view.moments)
    # a sentence with one date makes one statement about it: the date's span is the sentence
    only = len(moments) + sum(1 for m in view.moments if id(m) in used) == 1
    begins = [m.begin for m in view.moments]
    taken = frozenset(used)
    lead = reading.previous is None  # the article's first sentence
    for m in sorted(moments, key=lambda x: x.begin):
        if not_event(text, m, dlex, other_dates=other_dates):
            continue
        lo, hi = (0, len(text)) if only else clause(text, m.begin)
        if restated(text, m, view.moments, begins, lo, hi, lambda x: clause(text, x.begin)[0], taken):
            continue  # "in 1907 ... on May 9": the year says the day's date again
        if lo > 0 and clause_label(text, lo, hi, m.begin, m.end) is None:
            lo = clause(text, lo - 1)[0]  # "... in a coup | that January": the date ends the clause before
        word = nearest_word(words, starts, m, lo, hi, opens=opens_clause(text, lo, m.begin, m.end))
        if (
            word is not None
            and not word.real
            and not _NARRATIVE_WOULD.search(text, max(0, word.begin - 30), word.begin)
        ):
            continue  # "pledged that on 9 April they will conduct an offensive"
        type_id = word.type.id if word is not None else OCCURRENCE
        if main is None:
            main = MainMentions(text, words, title=reading.facts.article.title, main_types=battle.types, lead=lead)
        own = battle.time.range if battle.time is not None else None
        if restates_main(
            type_id, m.range, names_main=main.within(lo, hi), main_types=battle.types, main_range=own, lead=lead
        ):
            if battle.time is None:  # a main event with no date of its own takes the prose's
                battle.time = TimeFact(m.range, view.sentence.span)
                reading.timeline.main = m.range
            hits.append(EventHit("", type_id, m.begin, m.end, True, False))
            added = True
            continue
        label = clause_label(text, lo, hi, m.begin, m.end)
        if label is None:
            continue
        key = _new_key(reading, word.type if word is not None else _OCCURRENCE_TYPE, m.range)
        ev = reading.facts.events[key] = EventFact(key, [type_id], label, view.sentence.span)
        ev.time = TimeFact(m.range, view.span(m.begin, m.end))
        reading.prose_events.append(key)
        begin, end, speech = m.begin, m.end, False
        if word is not None:
            t = as_trigger(text, word, strict=False)
            if t is not None:
                agents, patients = _roles(text, local, t, *clause(text, word.begin))
                for i in agents:
                    _add_role(reading, key, local[i][0], word.type.agent, view, note=None)
                for i in patients:
                    _add_role(
                        reading, key, local[i][0], word.type.patient, view, status=word.type.patient_status, note=None
                    )
            tell(reading, type_id, key, view.paragraph)
            begin, end, speech = word.begin, word.end, word.type.speech
        ev.locations.extend(place_keys(reading, view, sent, end if begin >= lo else lo, hi, None))
        if part_of_main(reading.facts, ev, max_days=event_lexicon().subevent_days):
            ev.parents.append("")
        hits.append(EventHit(key, type_id, begin, end, True, speech))
        added = True
    if added:
        hits.sort(key=lambda h: h.begin)
