"""Tests of kg.gazetteer: lookups by name, alias and adjective, and scanning text."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.gazetteer import countries, country, country_by_adjective, find_countries


@pytest.mark.parametrize(
    ("query", "name", "iso2"),
    [
        pytest.param("Mali", "Mali", "ML", id="plain-name"),
        pytest.param("mali", "Mali", "ML", id="lower-case"),
        pytest.param("Ivory Coast", "Côte d'Ivoire", "CI", id="alias"),
        pytest.param("DRC", "Democratic Republic of the Congo", "CD", id="acronym-alias"),
        pytest.param("Russian Tsardom", "Tsardom of Russia", None, id="historical-alias"),
        pytest.param("Ottoman Empire", "Ottoman Empire", None, id="historical"),
        pytest.param("Polish–Lithuanian Commonwealth", "Polish–Lithuanian Commonwealth", None, id="en-dash-name"),
        pytest.param("  Burkina   Faso ", "Burkina Faso", "BF", id="extra-spaces"),
    ],
)
def test_country_by_name_or_alias(query: str, name: str, iso2: str | None) -> None:
    found = country(query)
    assert found is not None
    assert (found.name, found.iso2) == (name, iso2)


@pytest.mark.parametrize(
    ("word", "name"),
    [
        pytest.param("Malian", "Mali", id="adjective"),
        pytest.param("Malians", "Mali", id="demonym-plural"),
        pytest.param("Nigerien", "Niger", id="nigerien-not-nigerian"),
        pytest.param("Nigerian", "Nigeria", id="nigerian"),
        pytest.param("Burkinabe", "Burkina Faso", id="burkinabe"),
        pytest.param("American", "United States", id="american"),
        pytest.param("French", "France", id="french"),
        pytest.param("Franco", "France", id="compound-prefix"),
        pytest.param("Ottoman", "Ottoman Empire", id="historical-adjective"),
        pytest.param("Hellenic", "Greece", id="hellenic"),
    ],
)
def test_country_by_adjective(word: str, name: str) -> None:
    found = country_by_adjective(word)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("Atlantis", id="unknown-name"),
        pytest.param("", id="empty"),
        pytest.param("Korean", id="ambiguous-adjective-left-out"),
        pytest.param("Congolese", id="two-congos-left-out"),
    ],
)
def test_unknown_lookups_give_none(query: str) -> None:
    assert country(query) is None
    assert country_by_adjective(query) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "clashes broke out between Al-Qaeda in the Islamic Maghreb (AQIM) and Malian forces near Araouane, Mali.",
            [("Mali", "Malian"), ("Mali", "Mali")],
            id="flagship-sentence-adjective-and-name",
        ),
        pytest.param("Franco-Malian-Tuareg victory", [("France", "Franco"), ("Mali", "Malian")], id="hyphen-compound"),
        pytest.param("from South Sudan to Sudan", [("South Sudan", "South Sudan"), ("Sudan", "Sudan")], id="longest-first"),
        pytest.param("Papua New Guinea", [("Papua New Guinea", "Papua New Guinea")], id="no-inner-guinea"),
        pytest.param("U.S. troops", [("United States", "U.S.")], id="dotted-alias"),
        pytest.param("Sudanese and Sudan", [("Sudan", "Sudanese"), ("Sudan", "Sudan")], id="adjective-then-name"),
        pytest.param("a guinea pig in chad", [], id="lower-case-is-not-a-country"),
    ],
)
def test_find_countries(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_countries(text)
    assert [(row.name, text[start:end]) for row, start, end in found] == expected


def test_gazetteer_covers_the_un_states() -> None:
    present = [row for row in countries() if row.iso2]
    assert len(present) >= 195
    assert len({row.iso2 for row in present}) == len(present)


@given(st.text(max_size=200))
def test_find_countries_spans_are_ordered_and_inside(text: str) -> None:
    previous_end = 0
    for row, start, end in find_countries(text):
        assert previous_end <= start < end <= len(text)
        assert country(text[start:end]) is row or country_by_adjective(text[start:end]) is row
        previous_end = end
