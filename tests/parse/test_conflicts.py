"""Partof values: the conflicts a battle is part of (kg.parse.conflicts)."""
from __future__ import annotations

import pytest

from kg.parse.conflicts import parse_part_of


@pytest.mark.parametrize(("value", "expected"), [
    ("the Kelvari War", ["Kelvari War"]),
    ("the Tolan rebellion (1999) and Kelvari War", ["Tolan rebellion (1999)", "Kelvari War"]),
    ("Kelvari War, Little War in Tolania", ["Kelvari War", "Little War in Tolania"]),
    ("the northern offensive during the Kelvari civil war", ["Northern offensive", "Kelvari civil war"]),
    ("the Marsh campaign of the Kelvari Civil War (2014–present)", ["Marsh campaign", "Kelvari Civil War (2014–present)"]),
    ("the Southern Theatre of World War II", ["Southern Theatre", "World War II"]),
    ("the Siege of Tolan of the Kelvari civil war", ["Siege of Tolan", "Kelvari civil war"]),
    ("the 1999 offensive of the War in Tolania of the war on terror of the Kelvari conflict",
     ["1999 offensive", "War in Tolania", "War on terror", "Kelvari conflict"]),
    ("Spillover of the Kelvari War", ["Kelvari War"]),
    ("Aftermath of the Second Kelvari Civil War", ["Second Kelvari Civil War"]),
    ("the Kelvari War, the Kelvari War", ["Kelvari War"]),
])
def test_a_partof_value_names_each_conflict_once_most_specific_first(value, expected):
    assert parse_part_of(value) == expected


@pytest.mark.parametrize("value", [
    "the Tolanian conquest of the Kelvar dynasty",  # "of" inside a name: the right part is no war
    "War of the Tolanian Succession",
    "the Crusade of 1197",
    "the Northern Campaign of Ahmad Tolan",
    "the Battle of the Kelvar",
])
def test_of_inside_a_conflicts_name_is_no_split(value):
    assert parse_part_of(value) == [value.removeprefix("the ")[:1].upper() + value.removeprefix("the ")[1:]]
