"""The lead's own names of the two sides (kg.extract.lead_sides), read from invented leads."""
from __future__ import annotations

import pytest

from kg.article import parse_article
from kg.extract.lead_sides import lead_side_names

SIDES = [["OMF"], ["Kelvar Front"]]
COMMANDERS = [["Ada Varo"], ["Tem Orsk"]]


def names_of(lead: str, sides=SIDES, commanders=COMMANDERS):
    article = parse_article(f"= Battle of Somewhere =\n\nInfobox\n- Result: x\n\n{lead}\n\n== Background ==\n\nLater.\n")
    return lead_side_names(article, sides, commanders)


@pytest.mark.parametrize(("lead", "expected"), [
    # one name is a side's own, so the other names the other side
    ("The battle was fought between the Ostian Socialist Party (OSP) and the Kelvar Front from 5 to 7 May 1901.",
     [["Ostian Socialist Party (OSP)"], []]),
    ("It took place in 1795 between the Kelvar Front and the Ostian Empire, in which the Front was defeated.",
     [["Ostian Empire"], []]),
    # a leader who is a side's commander places the name before him
    ("It was fought between Ostian forces under General Ada Varo and Hill forces under Tem Orsk, in May.",
     [["Ostian"], ["Hill"]]),
    ("It was fought between Ostian troops led by Ada Varo and the Kelvar Front.", [["Ostian"], []]),
    # the name runs from its first to its last capitalised word; a remark in brackets is dropped
    ("It was fought between the rebel Ostian Socialist Party fighters and the Kelvar Front.",
     [["Ostian Socialist Party"], []]),
    ("It was fought between the Ostian League (supported by Tolan) and the Kelvar Front.", [["Ostian League"], []]),
])
def test_the_lead_names_the_side_the_infobox_does_not(lead, expected):
    assert names_of(lead) == expected


@pytest.mark.parametrize("lead", [
    # both names are the sides' own: nothing new
    "The battle was fought between OMF and the Kelvar Front.",
    # neither name is a side's: nothing can be placed
    "The battle was fought between the Ostian League and the Hill Folk.",
    # dates and numbers are no names
    "It took place between February 7 and 8, 1901.",
    "Between 15 and 100 soldiers were killed.",
    # both names on one side
    "It was fought between the Kelvar Front and Kelvar rebels.",
    # the name contradicts its leader's side
    "It was fought between the Kelvar Front under Ada Varo and the Ostian League.",
    # no "between" in the first paragraph
    "The Ostian League defeated the Kelvar Front in 1901.",
])
def test_a_lead_that_places_no_new_name_gives_none(lead):
    assert names_of(lead) == [[], []]


def test_only_the_first_paragraph_of_the_lead_is_read():
    lead = "The battle was short.\n\nIt was fought between the Ostian League and the Kelvar Front."
    assert names_of(lead) == [[], []]


@pytest.mark.parametrize(("sides", "expected"), [
    ([["OMF"], ["Kelvar Front"], ["Hill Folk"]], [[], [], []]),   # three sides that can win: no elimination
    ([["OMF"], ["Kelvar Front"], None], [["Ostian League"], [], []]),  # a side that only counts losses
])
def test_names_are_placed_only_between_two_sides_that_can_win(sides, expected):
    lead = "It was fought between the Ostian League and the Kelvar Front."
    assert names_of(lead, sides, [["Ada Varo"], ["Tem Orsk"], []]) == expected
