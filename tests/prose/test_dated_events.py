"""Every dated statement of the prose yields a dated event (kg.extract.prose.dated), and no date
that dates nothing does; relative and yearless dates resolve against the text around them.

Each case builds a tiny article (an infobox, then the sentences under test, all invented) and
asserts the dated events the prose gives: ``(type, begin, end)`` and, where it matters, the label.
Test ids are the messy input they read.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.article import parse_article
from kg.extract import extract
from kg.extract.prose.clauses import clause
from kg.extract.prose.dated import clause_label
from kg.extract.prose.timeline import Timeline
from kg.parse.date_types import DateRange, PartialDate
from kg.parse.dates import find_dates
from kg.parse.patterns import alternation, trie_alternation

ROOT = Path(__file__).resolve().parents[2]

INFOBOX = """= Battle of Testville (2010) =

Infobox
- Date: May 5–7, 2010
- Place: Testville, Niger
- Combatant1: Niger
- Combatant2: ISGS
"""

UNDATED = """= Battle of Testville =

Infobox
- Place: Testville, Niger
- Combatant1: Niger
- Combatant2: ISGS
"""


def facts_of(prose: str, infobox: str = INFOBOX):
    return extract(parse_article(infobox + "\n" + prose + "\n"))


def dated(facts) -> set[tuple[str, str, str]]:
    """(first type, begin, end) of every dated event of the prose."""
    return {
        (ev.types[0], ev.time.range.start.iso(), (ev.time.range.end or ev.time.range.start).iso())
        for k, ev in facts.events.items()
        if k and not ev.external and ev.time is not None
    }


# ---- a dated statement is an event, typed by the nearest trigger word of its clause -----------


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("In 2007, the militia seized the town of Northtown.", {("seizure", "2007", "2007")}),
        ("Clashes in 2008 left the region unstable.", {("clash", "2008", "2008")}),
        ("The insurgency began in 2004.", {("beginning", "2004", "2004")}),
        ("The civil war ended in 2006.", {("ending", "2006", "2006")}),
        ("The old governor died on 3 March 2009.", {("death", "2009-03-03", "2009-03-03")}),
        ("The two parties signed a peace treaty in 2005.", {("treaty", "2005", "2005")}),
        ("Officers overthrew the president in 2001.", {("coup", "2001", "2001")}),
        ("Parliament elected a new president on 12 May 2008.", {("election", "2008-05-12", "2008-05-12")}),
        ("The movement was founded in 1998 by students.", {("founding", "1998", "1998")}),
        ("In 2003 the northern chiefs declared independence.", {("declaration", "2003", "2003")}),
        ("The column reached Northtown on 2 May 2010.", {("movement", "2010-05-02", "2010-05-02")}),
        ("In 1999, the region was quiet.", {("occurrence", "1999", "1999")}),
        ("The 2009 elections were disputed.", {("election", "2009", "2009")}),
        ("Many blamed the 2008 assassination of the governor on the army.", {("assassination", "2008", "2008")}),
        ("The Battle of Northtown (28 June – 10 July 2007) ended in a draw.", {("battle", "2007-06-28", "2007-07-10")}),
        ("Between May and June 2008, rebels held the bridge.", {("occurrence", "2008-05", "2008-06")}),
        ("The militia would clash with the army again in 2009.", {("clash", "2009", "2009")}),
    ],
    ids=[
        "in-2007-the-militia-seized", "clashes-in-2008-bare-noun", "the-insurgency-began-in-2004",
        "the-civil-war-ended-in-2006", "died-on-3-march-2009", "signed-a-peace-treaty-in-2005",
        "overthrew-the-president-in-2001", "elected-on-12-may-2008", "was-founded-in-1998",
        "declared-independence-in-2003", "reached-northtown-on-2-may-2010", "in-1999-no-trigger-word",
        "the-2009-elections", "the-2008-assassination-of", "other-battle-(28-june-–-10-july-2007)",
        "between-may-and-june-2008-range", "would-clash-again-in-2009-narrative-future",
    ],
)
def test_a_dated_statement_is_a_dated_event(prose, expected):
    assert dated(facts_of(prose)) == expected


def test_an_event_without_trigger_word_is_an_occurrence_labelled_from_its_clause():
    facts = facts_of("In 1999, the region was quiet, and trade across the river resumed.")
    (ev,) = [ev for k, ev in facts.events.items() if k and ev.time is not None]
    assert (ev.key, ev.types, ev.label) == ("occurrence-1999", ["occurrence"], "The region was quiet, and trade across the river resumed.")


def test_two_dated_statements_of_one_day_in_two_sentences_stay_two_events():
    facts = facts_of("On 2 May 2010, the army left Northtown. On 2 May 2010, the chiefs signed an accord in Southtown.")
    keys = sorted(k for k, ev in facts.events.items() if k and ev.time is not None)
    assert keys == ["movement-2010-05-02", "treaty-2010-05-02"]


def test_two_occurrences_of_one_day_get_two_keys():
    facts = facts_of("On 2 May 2010, the weather was cold. On 2 May 2010, the market was empty.")
    assert sorted(k for k in facts.events if k.startswith("occurrence")) == ["occurrence-2010-05-02", "occurrence-2010-05-02-2"]


def test_one_clause_one_date_two_trigger_words_make_one_event_of_both_types():
    facts = facts_of("On 10 May 2009, ISGS militants attacked Northtown and besieged it.")
    (ev,) = [ev for k, ev in facts.events.items() if k and ev.time is not None]
    assert (ev.types, ev.time.range.start.iso()) == (["attack", "siege"], "2009-05-10")


def test_dated_event_takes_roles_from_its_trigger_word():
    facts = facts_of("In 2007, ISGS militants seized the town of Northtown.")
    ev = facts.events["seizure-2007"]
    assert {(r.actor, r.role) for r in ev.roles} == {("actor:isgs", "perpetrator")}


# ---- dates that date nothing that happened make no event ----------------------------------


@pytest.mark.parametrize(
    "prose",
    [
        "As of 2020, five thousand people lived in Northtown.",
        "Its commander Ali Kone (1950–2012) led the army.",
        "The 2009 budget was small.",
        "The governor was born in 1960.",
        "The chiefs kept to the May 17 Agreement.",
        "The rebels pledged that on 9 May 2011 they will attack the capital.",
        "The group grew from 800 to around 3,000 fighters.",
        "In 2020",
    ],
    ids=[
        "as-of-2020-statistics", "person-(1950–2012)-lifetime", "the-2009-budget-no-event-noun",
        "born-in-1960", "the-may-17-agreement-a-name", "will-attack-on-9-may-unreal",
        "from-800-to-around-3,000-fighters-a-count", "in-2020-cut-off-no-words",
    ],
)
def test_a_date_that_dates_nothing_makes_no_event(prose):
    assert dated(facts_of(prose)) == set()


def test_a_year_in_a_name_is_no_date_when_the_sentence_has_another():
    facts = facts_of("Fighting erupted on 4 February 2007, in what became the 2007 Battle of Northtown.")
    assert dated(facts) == {("clash", "2007-02-04", "2007-02-04")}


# ---- the main event's own date ----------------------------------------------------------------


@pytest.mark.parametrize(
    "prose",
    [
        "The Battle of Testville was fought from 5 to 7 May 2010.",
        "The battle began on 5 May 2010 and ended on 7 May 2010.",
        "The 2010 Battle of Testville was a clash between the army and ISGS.",
        "The standoff began on 5 May 2010, when rebels entered the market.",
    ],
    ids=["was-fought-from-5-to-7-may-2010", "the-battle-began-and-ended", "the-2010-battle-of-testville-in-the-lead",
         "began-on-the-main-event's-first-day"],
)
def test_a_restatement_of_the_main_event_date_is_folded_into_it(prose):
    facts = facts_of(prose)
    assert dated(facts) == set()
    assert (facts.battle.time.range.start.iso(), facts.battle.time.range.end.iso()) == ("2010-05-05", "2010-05-07")


def test_a_date_of_the_first_sentence_within_the_main_event_is_its_date_a_larger_one_is_not():
    facts = facts_of("The Battle of Testville was the first battle of the Northland invasion on 5 May 2010, in the Northland War (2008–2012).")
    assert dated(facts) == {("conflict", "2008", "2012")}


def test_a_date_between_commas_dates_what_follows_it():
    facts = facts_of("Just before the battle, on 3 May 2010, the army crossed the river.\n\nThe town was quiet.")
    assert dated(facts) == {("movement", "2010-05-03", "2010-05-03")}


def test_a_main_event_with_no_infobox_date_takes_the_prose_date_with_the_sentence_span():
    prose = "The Battle of Testville was fought between the army and the rebels from 5 to 7 September 1983."
    facts = facts_of(prose, UNDATED)
    time = facts.battle.time
    assert (time.range.start.iso(), time.range.end.iso()) == ("1983-09-05", "1983-09-07")
    assert facts.article.text[time.span.start : time.span.end] == prose
    assert dated(facts) == set()


def test_an_attack_on_another_day_of_a_long_war_is_a_part_not_the_war():
    war = INFOBOX.replace("Battle of Testville (2010)", "Testville War").replace("May 5–7, 2010", "2001–2010")
    facts = facts_of("On 4 August 2005, the rebels attacked Northtown.", war)
    assert ("attack", "2005-08-04", "2005-08-04") in dated(facts)


# ---- relative and yearless dates --------------------------------------------------------------


def read(text: str, *, anchor: DateRange | None = None, year: int = 2010, main: DateRange | None = None) -> list[tuple[str, str, str]]:
    timeline = Timeline(year=year, main=main)
    timeline.settle(anchor)
    return [(m.how, m.range.start.iso(), m.range.end.iso()) for m in timeline.read(text)]


def month(y: int, m: int) -> DateRange:
    return DateRange(PartialDate(y, m), PartialDate(y, m))


def year(y: int) -> DateRange:
    return DateRange(PartialDate(y), PartialDate(y))


def days(y: int, m: int, d: int, d2: int | None = None) -> DateRange:
    return DateRange(PartialDate(y, m, d), PartialDate(y, m, d2 or d))


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("Three days later, the column reached the river.", {"anchor": days(2009, 3, 3)}, [("relative", "2009-03-06", "2009-03-06")]),
        ("but three days later the body was found", {"anchor": days(2009, 3, 3)}, [("relative", "2009-03-06", "2009-03-06")]),
        ("The accord was signed in October 2007, and a month later it was broken.", {}, [("absolute", "2007-10", "2007-10"), ("relative", "2007-11", "2007-11")]),
        ("He was overthrown that September.", {"anchor": month(2009, 1)}, [("relative", "2009-09", "2009-09")]),
        ("Four years later, the alliance broke apart.", {"anchor": year(2004)}, [("relative", "2008", "2008")]),
        ("A year prior, the leader had split off.", {"anchor": month(2016, 10)}, [("relative", "2015", "2015")]),
        ("Two days before the battle, the rebels crossed the river.", {"main": days(2010, 5, 5, 7)}, [("relative", "2010-05-03", "2010-05-03")]),
        ("A day after the battle, the rebels left.", {"main": days(2010, 5, 5, 7)}, [("relative", "2010-05-08", "2010-05-08")]),
        ("Two days before the battle, on 22 April 2010, the rebels crossed the river.", {"main": days(2010, 5, 5, 7)}, [("absolute", "2010-04-22", "2010-04-22")]),
        ("A week after 15 August 2009, ships shelled the port.", {}, [("relative", "2009-08-22", "2009-08-22"), ("absolute", "2009-08-15", "2009-08-15")]),
        ("The town was under siege for two years before the siege was lifted.", {"main": days(2010, 5, 5, 7)}, []),
        ("The people had fled over two years prior.", {"anchor": days(2010, 5, 5)}, []),
        ("Two days after the ambush, the rebels left.", {"anchor": days(2010, 5, 5)}, []),
        ("In 2011, the leader died there on October 20.", {"year": 2020}, [("absolute", "2011", "2011"), ("yearless", "2011-10-20", "2011-10-20")]),
        ("The column left on 7 January.", {"anchor": days(2009, 12, 16), "year": 2009}, [("yearless", "2010-01-07", "2010-01-07")]),
        ("The column left on 7 March.", {"anchor": days(2009, 7, 16), "year": 2009}, [("yearless", "2009-03-07", "2009-03-07")]),
    ],
    ids=[
        "three-days-later", "later-the-body-adverb-not-preposition", "a-month-later-from-october-2007-in-the-sentence",
        "that-september", "four-years-later", "a-year-prior", "two-days-before-the-battle", "a-day-after-the-battle",
        "two-days-before-the-battle-on-22-april-2010-the-written-date",
        "a-week-after-15-august-2009", "for-two-years-before-a-duration", "over-two-years-prior-inexact",
        "two-days-after-the-ambush-another-event", "in-2011-then-october-20", "7-january-after-16-december-next-year",
        "7-march-after-16-july-same-year",
    ],
)
def test_relative_and_yearless_dates(text, kwargs, expected):
    assert read(text, **kwargs) == expected


@pytest.mark.parametrize(
    ("text", "default_year", "expected"),
    [
        ("clashed between December 26 and January 3.", 2022, [("2022-12-26", "2023-01-03")]),
        ("grew from 800 to around 3,000 fighters", 2022, []),
        ("from 1748 to 1837.", None, [("1748", "1837")]),
    ],
    ids=["december-26-and-january-3-crosses-the-year", "from-800-to-around-3,000-is-a-count", "from-1748-to-1837-stays"],
)
def test_find_dates_in_prose(text, default_year, expected):
    assert [(r.start.iso(), r.end.iso()) for r in find_dates(text, default_year=default_year)] == expected


# ---- labels, clauses, lexicon ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("On 5 May 2009, the rebels attacked the town.", "5 May 2009", "The rebels attacked the town."),
        ("The rebels attacked the town on 5 May 2009.", "5 May 2009", "The rebels attacked the town"),
        ("The rebels, in 2009 and later, attacked the town.", "2009", "The rebels, in 2009 and later, attacked the town."),
        ("In 2020", "2020", None),
    ],
    ids=["date-opens-the-clause", "date-ends-the-clause", "date-inside-the-clause", "nothing-but-the-date"],
)
def test_clause_label(text, date, expected):
    b = text.index(date)
    assert clause_label(text, 0, len(text), b, b + len(date)) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("X attacked Y; Z withdrew", "withdrew", "Z withdrew"),
        ("X attacked Y, but Z withdrew", "attacked", "X attacked Y"),
        ("X attacked Y and the army withdrew", "withdrew", "the army withdrew"),
    ],
    ids=["semicolon", "comma-but", "and-the"],
)
def test_clause_is_found_by_binary_search(text, word, expected):
    lo, hi = clause(text, text.index(word))
    assert text[lo:hi].strip() == expected


def test_no_dated_only_word_hides_a_trigger_word():
    """A dated-only phrase that holds a trigger word ("laid siege") would stop the scanner from
    seeing the trigger: the lexicon must have none."""
    import re

    data = tomllib.loads((ROOT / "data/lexicons/events.toml").read_text(encoding="utf-8"))
    strict = {f.casefold() for e in data["type"] if not e.get("dated_only") for f in e.get("verbs", []) + e.get("nouns", [])}
    strict |= {n.casefold() for n in data["battle"]["nouns"]}
    dated_only = {f.casefold() for e in data["type"] if e.get("dated_only") for f in e.get("verbs", []) + e.get("nouns", [])}
    hiding = {(d, s) for d in dated_only for s in strict if d != s and re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", d)}
    assert hiding == set()


@pytest.mark.parametrize(
    "words",
    [["attack", "attacked", "attacks", "ambush"], ["taken prisoner", "taken", "take"], ["a", "ab", "abc", "b"]],
    ids=["shared-prefixes", "phrases", "nested"],
)
def test_trie_alternation_matches_like_the_longest_first_alternation(words):
    import re

    text = "they attacked, took attacks; taken  prisoner was taken by abc a ab b ambushes"
    flat = re.compile(rf"(?<![\w-])(?:{alternation(words, flexible_spaces=True)})(?![\w-])")
    trie = re.compile(rf"(?<![\w-])(?:{trie_alternation(words, flexible_spaces=True)})(?![\w-])")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
