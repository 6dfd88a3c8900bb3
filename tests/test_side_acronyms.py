"""Acronyms the prose gives a side's members (kg.extract.side_acronyms), read from invented prose."""
from __future__ import annotations

import pytest

from kg.article import parse_article
from kg.extract.side_acronyms import acronym_side_names

SIDES = [["Osterland"], ["Ostian Liberation Front - North"]]


def names_of(prose: str, sides=SIDES):
    article = parse_article(f"= Battle of Somewhere =\n\nInfobox\n- Result: x\n\n{prose}\n")
    return acronym_side_names(article, sides)


@pytest.mark.parametrize(("prose", "expected"), [
    # the member's name as the infobox writes it, dashes and case aside, then the acronym
    ("Fighters of the Ostian Liberation Front – North (OLFN) attacked the town.", [[], ["OLFN"]]),
    ("The ostian liberation front north (OLF-N) attacked.", [[], ["OLF-N"]]),
    ("The Ostian Liberation Front - North (OLFN) attacked. Later the OLFN withdrew.", [[], ["OLFN"]]),
])
def test_an_acronym_after_a_members_name_names_its_side(prose, expected):
    assert names_of(prose) == expected


@pytest.mark.parametrize("prose", [
    "The Ostian Liberation Front (OLF) attacked.",                 # not the member's whole name
    "The Ostian Liberation Front - North (founded 1990) attacked.",  # no acronym in the brackets
    "The Ostian Liberation Front - North (North) attacked.",       # one capital is no acronym
    "The Northern Ostian Liberation Front - North Wing (NOLF) attacked.",  # inside a longer name
])
def test_brackets_that_define_no_acronym_of_a_member_give_none(prose):
    assert names_of(prose) == [[], []]


def test_an_acronym_given_to_two_sides_names_neither():
    prose = "The Hill Guard (HG) and the Harbour Guard (HG) fought."
    assert names_of(prose, [["Hill Guard"], ["Harbour Guard"]]) == [[], []]


def test_a_side_that_cannot_win_gets_no_name():
    prose = "The Ostian Liberation Front - North (OLFN) attacked."
    assert names_of(prose, [["Osterland"], None]) == [[], []]
