"""Tests for kg.parse.numbers: numbers in digits and in words."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import QuantityParseError
from kg.parse.numbers import NUMBER_WORDS, parse_number

READ = [
    ("1,000", 1000),
    ("12", 12),
    ("4,064", 4064),
    ("1,133,800", 1133800),
    ("5 000", 5000),
    ("1.5 million", 1_500_000),
    ("1.5m", 1_500_000),
    ("20k", 20_000),
    ("seventy", 70),
    ("Sixteen", 16),
    ("twenty-six", 26),
    ("twenty eight", 28),
    ("twenty-eight", 28),
    ("one hundred and five", 105),
    ("two thousand three hundred and six", 2306),
    ("Two thousand", 2000),
    ("A thousand", 1000),
    ("a dozen", 12),
    ("half a dozen", 6),
    ("two dozen", 24),
    ("one hundred thousand", 100_000),
    ("zero", 0),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[t for t, _ in READ])
def test_parse_number_reads(text: str, expected: int) -> None:
    assert parse_number(text) == expected


REFUSED = [
    "", "  ", "1.5", "1,000s", "twenty twenty", "one-third", "2nd", "Mi-24", "75%", "many", "one hundred hundred",
    "10^400", "1.5e3", "1e3", "1/0", "10 ** 3", "99999999999999999999",
]


@pytest.mark.parametrize("text", REFUSED, ids=[repr(t) for t in REFUSED])
def test_parse_number_refuses_with_the_text_in_the_message(text: str) -> None:
    with pytest.raises(QuantityParseError) as caught:
        parse_number(text)
    assert repr(text) in str(caught.value)
    assert "\n" not in str(caught.value)


FOUND = [
    ("killing sixteen to twenty-six jihadists", ["sixteen", "twenty-six"]),
    ("a patrol of seventy men on twelve pick-ups", ["seventy", "twelve"]),
    ("1 Mi-24 comb, 2 T-55 Tanks", ["1", "2"]),
    ("Between 3 and 4am the 2nd night, 75% lost", ["3"]),
    ("22,000 Polish–Lithuanian hussars", ["22,000"]),
    # a notation kg does not read exactly is no number at all, never its first or last digits
    ("10^400 men and 1.5e3 killed", []),
    ("1/0 dead, 10 / 12 wounded, 10 ** 3 men, 2 ^ 8 horses", []),
    ("5 killed / 3 wounded", ["5", "3"]),
    ("1.—5e3 men, 2.^5 horses, 1\u200b0^400 men, 1.e35 men", []),  # found by bench/fuzz.py
    ("1.5 million men, 20k, 3.2m", ["1.5 million", "20k", "3.2m"]),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_number_words_regex_finds_numbers_in_text(text: str, expected: list[str]) -> None:
    assert [m.group(0) for m in re.finditer(NUMBER_WORDS, text)] == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_any_integer_written_with_separators_reads_back(value: int) -> None:
    assert parse_number(f"{value:,}") == value


@given(st.text(max_size=40))
def test_any_text_gives_a_number_or_a_typed_error(text: str) -> None:
    try:
        value = parse_number(text)
    except QuantityParseError:
        return
    assert value >= 0
