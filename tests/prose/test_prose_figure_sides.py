"""Prose figures on small invented articles: whose people or things each figure counts (its side), who
states it (its source), figures without numbers, and numbers that are no casualties.

Test ids are the messy input they read and the value they expect.
"""
from __future__ import annotations

import pytest

from kg.article import parse_article
from kg.extract import extract
from kg.extract.prose.stats import prose_stats

STATE_VS_GROUP = """= Battle of Testville (2010) =

Infobox
- Conflict: Battle of Testville (2010)
- Date: May 5, 2010
- Place: Testville, Niger
- Combatant1: Nigerien Army
- Combatant2: ISGS
- Casualties1: 10–40 killed
- Casualties3: 12 civilians killed
"""

TWO_STATES = """= Battle of Testford (1412) =

Infobox
- Conflict: Battle of Testford (1412)
- Date: 1412
- Place: Testford
- Combatant1: Mali
- Combatant2: Niger
"""


def prose_claims(prose: str, infobox: str = STATE_VS_GROUP):
    facts = extract(parse_article(infobox + "\n" + prose + "\n"))
    box = facts.article.infobox_span
    return facts, [c for c in facts.claims if not (box.start <= c.span.start and c.span.end <= box.end)]


def sides(prose: str, infobox: str = STATE_VS_GROUP) -> list[tuple[str, int | None, int | None]]:
    _, claims = prose_claims(prose, infobox)
    return [(c.category, c.figure.min if c.figure else None, c.side) for c in claims]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Eight militants were killed in the battle.", [("killed", 8, 2)]),
        ("Four police officers were killed in the battle.", [("killed", 4, 1)]),
        ("Twelve Nigerien soldiers were killed.", [("killed", 12, 1)]),
        ("At least 20 civilians were killed in the battle.", [("killed", 20, 3)]),
        ("In 2005, ISGS attacked Tamou, killing 14 civilians.", [("killed", 14, None)]),
        ("The battle cost more than 40 dead from ISGS.", [("killed", 40, 2)]),
        ("The losses of the Nigerien army were two dead and five wounded.", [("killed", 2, 1), ("wounded", 5, 1)]),
        ("ISGS spoke of 190 dead, 150 wounded, and 36 prisoners among Nigerien soldiers.",
         [("killed", 190, 1), ("wounded", 150, 1), ("captured", 36, 1)]),
        ("Only ten bodies of soldiers were buried in the capital.", [("killed", 10, 1)]),
        ("Nigerien forces killed a gunman.", [("killed", 1, 2)]),
        ("The battle ended with at least 18 soldiers and 31 militants reported killed, and more than 70 others injured.",
         [("killed", 18, 1), ("killed", 31, 2), ("wounded", 70, None)]),
        ("ISGS claimed 30 soldiers were killed, against a single wounded fighter on their side.",
         [("killed", 30, 1), ("wounded", 1, 2)]),
        ("More than 34 Nigerien soldiers fled to Mali, 5 were wounded and 10 were taken prisoner.",
         [("wounded", 5, 1), ("captured", 10, 1)]),
    ],
    ids=[
        "eight-militants-the-side-of-the-armed-group", "four-police-officers-the-side-of-the-state",
        "nigerien-soldiers-the-side-of-the-nigerien-army", "20-civilians-in-the-battle-the-civilians-side-3",
        "14-civilians-of-another-attack-no-side", "40-dead-from-isgs-side-2", "losses-of-the-nigerien-army-were-side-1",
        "190-dead-150-wounded-36-prisoners-among-nigerien-soldiers-all-side-1", "ten-bodies-of-soldiers-side-1",
        "nigerien-forces-killed-a-gunman-the-other-side-2", "70-others-after-soldiers-and-militants-no-side",
        "a-single-wounded-fighter-on-their-side-the-claimants-side-2", "soldiers-who-fled-no-figure-then-5-wounded-side-1",
    ],
)
def test_figure_side(prose, expected):
    assert sides(prose) == expected


def test_killed_by_one_state_counts_the_other_state():
    assert sides("Some 300 soldiers were killed by the Malian army.", TWO_STATES) == [("killed", 300, 2)]


def test_troops_of_a_strength_take_the_side_of_the_doer_not_of_the_state():
    infobox = STATE_VS_GROUP.replace("Combatant2: ISGS", "Combatant2: Democratic Army of Testland")
    _, claims = prose_claims("The Democratic Army of Testland attacked Testville with a force of 3,000 troops.", infobox)
    assert [(c.category, c.figure.min, c.side) for c in claims] == [("strength", 3000, 2)]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Nigerien officials said that 12 soldiers were killed.", [("actor:nigerien officials", "explicit", 12)]),
        ("Initial reports stated that four militants were killed.", [("actor:initial reports", "explicit", 4)]),
        ("A military source speaking to the Daily Courier stated that ten militants were killed.",
         [("actor:military source", "explicit", 10)]),
        ("ISGS attacked Tamou, killing 40 soldiers, with Nigerien officials claiming 60 militants were killed.",
         [("article", "article", 40), ("actor:nigerien officials", "explicit", 60)]),
        ("The battle ended with 31 militants reported killed.", [("article", "article", 31)]),
        ("Nigerien officials said 12 soldiers were killed. Five civilians were wounded.",
         [("actor:nigerien officials", "explicit", 12), ("article", "article", 5)]),
        ("The army crossed the river, which Mali said was illegal. 40 soldiers were killed.", [("article", "article", 40)]),
        ("The Nigerien ministry of defense released a statement announcing the deaths of five militants.",
         [("actor:nigerien ministry of defense", "explicit", 5)]),
        ("According to the report released by ISGS, 30 soldiers were killed.", [("actor:isgs", "explicit", 30)]),
        ("A spokesman for ISGS stated that 30 soldiers were killed.", [("actor:spokesman for isgs", "explicit", 30)]),
    ],
    ids=[
        "nigerien-officials-said-the-officials", "initial-reports-stated-the-reports-not-initial",
        "source-speaking-to-a-newspaper-the-source", "with-officials-claiming-only-the-figures-after",
        "reported-killed-is-no-saying", "a-report-with-figures-carries-nothing-over", "which-mali-said-carries-nothing-over",
        "ministry-released-a-statement-announcing", "the-report-released-by-isgs-is-isgs", "a-spokesman-for-isgs-the-spokesman",
    ],
)
def test_figure_source(prose, expected):
    _, claims = prose_claims(prose)
    assert [(c.authority, c.attribution, c.figure.min) for c in claims if c.figure] == expected


def test_officials_are_affiliated_with_their_state_and_stand_on_its_side():
    facts, _ = prose_claims("Nigerien officials said that 3 soldiers were killed.")
    officials = facts.entities["actor:nigerien officials"]
    assert (officials.kind, officials.affiliated_with, officials.local) == ("group", "state:niger", "source/nigerien-officials")


def test_dozens_killed_is_a_claim_in_words_with_its_side_and_no_number():
    _, claims = prose_claims("Dozens of Nigerien soldiers were killed in the ambush.")
    (claim,) = claims
    assert (claim.category, claim.figure, claim.statement, claim.side) == ("killed", None, "Dozens of Nigerien soldiers", 1)


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("ISGS claimed to have killed 30 soldiers and wounded dozens of others.", "dozens of others"),
        ("The battle resulted in dozens of casualties.", "dozens of casualties"),
        ("An unknown number of civilians were killed.", "An unknown number of civilians"),
    ],
    ids=["wounded-dozens-of-others", "dozens-of-casualties", "an-unknown-number-of-civilians"],
)
def test_words_of_a_figure_without_numbers(prose, expected):
    _, claims = prose_claims(prose)
    assert [c.statement for c in claims if c.figure is None] == [expected]


def test_the_ten_militants_killed_restates_a_figure_told_before():
    _, claims = prose_claims("Ten militants were killed. The army said that the ten militants killed were foreigners.")
    assert [(c.category, c.figure.min if c.figure else c.statement) for c in claims] == [("killed", 10)]


def test_prisoners_released_are_no_claim():
    assert sides("In 2012, 300 prisoners were released in an exchange. The truce saw the release of 40 prisoners.") == []


def test_prose_stats_count_figures_with_a_side_and_a_named_source():
    facts, _ = prose_claims("Nigerien officials said that 12 soldiers were killed. Dozens of civilians were wounded. Three men died.")
    stats = prose_stats(facts)
    assert (stats.figures, stats.sided, stats.sourced, stats.statements) == (2, 1, 1, 1)
