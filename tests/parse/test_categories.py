"""Tests for kg.parse.categories: casualty words to controlled ids."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.parse.categories import CATEGORIES, casualty_category, category_label

WORDS = [
    ("killed", "killed"),
    ("dead", "killed"),
    ("Dead", "killed"),
    ("deaths", "killed"),
    ("died", "killed"),
    ("executed", "killed"),
    ("fatalities", "killed"),
    ("slain", "killed"),
    ("KIA", "killed"),
    ("wounded", "wounded"),
    ("injured", "wounded"),
    ("WIA", "wounded"),
    ("captured", "captured"),
    ("prisoners", "captured"),
    ("taken prisoner", "captured"),
    ("POW", "captured"),
    ("surrendered", "captured"),
    ("abducted", "captured"),
    ("kidnapped", "captured"),
    ("arrested", "captured"),
    ("missing", "missing"),
    ("casualties", "casualties"),
    ("destroyed", "destroyed"),
    ("downed", "destroyed"),
    ("damaged", "damaged"),
    ("displaced", "displaced"),
    ("internally displaced", "displaced"),
    ("evacuated", "displaced"),
    ("refugees", "displaced"),
    ("defected", "defected"),
    ("deserted", "deserted"),
    ("dead or wounded", "killed_or_wounded"),
    ("killed and wounded", "killed_or_wounded"),
    ("killed or injured", "killed_or_wounded"),
    ("killed/missing", "killed_or_missing"),
    ("wounded or missing", "wounded_or_missing"),
    ("killed, captured, or missing", "killed_captured_or_missing"),
    ("killed, wounded or captured", "killed_wounded_or_captured"),
    ("  killed ,", "killed"),
]


@pytest.mark.parametrize(("words", "expected"), WORDS, ids=[w for w, _ in WORDS])
def test_casualty_words_map_to_their_category(words: str, expected: str) -> None:
    assert casualty_category(words) == expected


NONE = ["", "men", "banana", "killed or banana", "heavy", "killed soldiers"]


@pytest.mark.parametrize("words", NONE, ids=[repr(w) for w in NONE])
def test_words_that_name_no_category_give_none(words: str) -> None:
    assert casualty_category(words) is None


def test_categories_hold_every_id_with_a_label() -> None:
    assert {"killed", "wounded", "captured", "missing", "casualties", "killed_or_wounded",
            "killed_or_missing", "wounded_or_missing", "killed_wounded_or_captured",
            "destroyed", "damaged", "displaced", "defected", "deserted"} <= CATEGORIES
    assert category_label("killed_or_wounded") == "killed or wounded"
    assert all(category_label(c) for c in CATEGORIES)


@given(st.text(max_size=40))
def test_any_text_gives_a_known_id_or_none(words: str) -> None:
    result = casualty_category(words)
    assert result is None or result in CATEGORIES
