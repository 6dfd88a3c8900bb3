"""Prose figure sides in battles where the infobox leaves a side unnamed or names sides by words the
prose shortens: invented articles, invented sentences.

Test ids are the messy input they read and the side they expect.
"""

from __future__ import annotations

import pytest

from kg.article import parse_article
from kg.extract import extract

# side 1 fights under a flag only (no member named), side 2 is an armed group
FLAG_VS_GROUP = """= Battle of Dunemark (1991) =

Infobox
- Conflict: Battle of Dunemark (1991)
- Date: 3 June 1991
- Place: Dunemark
- Combatant2: Ouarane Liberation Front
- Casualties1: 12 killed
- Casualties2: 40 killed
"""


def figure_sides(prose: str, infobox: str = FLAG_VS_GROUP) -> list[tuple[str, int | None, int | None]]:
    facts = extract(parse_article(infobox + "\n" + prose + "\n"))
    box = facts.article.infobox_span
    claims = [c for c in facts.claims if not (box.start <= c.span.start and c.span.end <= box.end)]
    return [(c.category, c.figure.min if c.figure else None, c.side) for c in claims]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Nine Chadian soldiers were killed in the fighting.", [("killed", 9, 1)]),
        ("The front spoke of 80 dead and 20 wounded among Chadian troops.", [("killed", 80, 1), ("wounded", 20, 1)]),
        ("The losses of the Chadian army were four dead and six wounded.", [("killed", 4, 1), ("wounded", 6, 1)]),
        ("Witnesses counted the bodies of 33 soldiers near the wall.", [("killed", 33, 1)]),
        ("The ministry said that 57 Ouarane fighters were killed.", [("killed", 57, 2)]),
        ("Its fighters shot down 2 helicopters and killed 14 Ouarane militiamen.", [("killed", 14, 2)]),
        ("Five Ouarane civilians were killed by shelling.", [("killed", 5, None)]),
    ],
    ids=[
        "nine-chadian-soldiers-no-side-holds-chad-the-unnamed-side-1",
        "dead-among-chadian-troops-the-unnamed-side-1",
        "losses-of-the-chadian-army-the-unnamed-side-1",
        "bodies-of-33-soldiers-the-unnamed-side-1",
        "ouarane-fighters-a-word-of-ouarane-liberation-front-side-2",
        "ouarane-militiamen-after-a-shot-down-figure-side-2",
        "ouarane-civilians-no-side",
    ],
)
def test_figure_side_against_an_unnamed_side(prose, expected):
    assert [f for f in figure_sides(prose) if f[0] != "destroyed"] == expected


@pytest.mark.parametrize(
    ("infobox", "expected"),
    [
        (
            FLAG_VS_GROUP.replace(
                "Combatant2: Ouarane Liberation Front",
                "Combatant2: Ouarane Liberation Front\n- Combatant1: Kivu Defence Militia",
            ),
            None,
        ),
        (
            FLAG_VS_GROUP.replace(
                "Combatant2: Ouarane Liberation Front", "Combatant2: Ouarane Liberation Front, Niger"
            ),
            None,
        ),
        (FLAG_VS_GROUP.replace("- Casualties1: 12 killed\n", ""), None),
        (FLAG_VS_GROUP + "- Casualties3: 9 killed\n", None),
    ],
    ids=[
        "both-sides-named-chadian-soldiers-no-side",
        "named-side-holds-a-state-chadian-soldiers-no-side",
        "no-unnamed-side-chadian-soldiers-no-side",
        "two-unnamed-sides-chadian-soldiers-no-side",
    ],
)
def test_state_forces_of_no_side_need_exactly_one_unnamed_side_against_groups(infobox, expected):
    assert figure_sides("Nine Chadian soldiers were killed in the fighting.", infobox) == [("killed", 9, expected)]


def test_a_word_shared_with_members_of_two_sides_tells_no_side():
    infobox = FLAG_VS_GROUP.replace("- Casualties1: 12 killed\n", "- Combatant1: Ouarane Patriotic Movement\n")
    assert figure_sides("The ministry said that 57 Ouarane fighters were killed.", infobox) == [("killed", 57, None)]


# no side holds a state; side 2's members are named as fighting the government
REGIME_VS_MILITIAS = """= Battle of Kharo (2022) =

Infobox
- Conflict: Battle of Kharo (2022)
- Date: 3 June 2022
- Place: Kharo
- Combatant1: Kharo Command
- Combatant2: Valley Defence Team, Local anti-regime militias
"""


@pytest.mark.parametrize(
    ("prose", "infobox", "expected"),
    [
        ("In the clash two resistance fighters died.", REGIME_VS_MILITIAS, 2),
        ("Renewed clashes began, killing four junta soldiers.", REGIME_VS_MILITIAS, 1),
        ("The shelling left seven regime troops dead.", REGIME_VS_MILITIAS, 1),
        (
            "In the clash two resistance fighters died.",
            REGIME_VS_MILITIAS.replace("Local anti-regime militias", "Hill Militia"),
            None,
        ),
        (
            "Renewed clashes began, killing four junta soldiers.",
            FLAG_VS_GROUP.replace("- Casualties1: 12 killed\n", "- Combatant1: Chad\n"),
            1,
        ),
    ],
    ids=[
        "resistance-fighters-the-side-named-anti-regime-2",
        "junta-soldiers-the-other-side-of-the-opposition-1",
        "regime-troops-the-other-side-of-the-opposition-1",
        "resistance-fighters-no-side-named-as-opposition-none",
        "junta-soldiers-the-side-holding-a-state-1",
    ],
)
def test_words_of_the_government_or_its_opposition(prose, infobox, expected):
    assert [s for _c, _n, s in figure_sides(prose, infobox)] == [expected]
