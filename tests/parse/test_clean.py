"""Cleaning infobox values of markup residue (flag icons, rules, footnotes, empty parentheses)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.parse.clean import clean_value, normalise_dashes


@pytest.mark.parametrize(
    "raw, clean",
    [
        pytest.param("MNLA, AQIM, 25px Ansar Dine", "MNLA, AQIM, Ansar Dine", id="flag-before-name"),
        pytest.param("Col. Ag Moussa25px Iyad Ag Ghaly", "Col. Ag Moussa, Iyad Ag Ghaly", id="glued-flag-separates-two-names"),
        pytest.param("25pxPolish–Lithuanian Commonwealth", "Polish–Lithuanian Commonwealth", id="flag-glued-to-following-name"),
        pytest.param("23px|border|link Tsardom of Russia", "Tsardom of Russia", id="flag-with-border-and-link"),
        pytest.param("France, Mali, MSA, border|20pxGATIA", "France, Mali, MSA, GATIA", id="border-flag"),
        pytest.param("class=skin-invert|15px Sahel Province", "Sahel Province", id="class-flag"),
        pytest.param("25 px Armed Forces of Tajikistan, 30 px OMON", "Armed Forces of Tajikistan, OMON", id="flag-with-space"),
        pytest.param("17–25 January 2012, ()", "17–25 January 2012", id="empty-parens"),
        pytest.param("6 February 2015 – present, )", "6 February 2015 – present", id="unbalanced-paren"),
        pytest.param("Mali) (Gao) Niger))", "Mali (Gao) Niger", id="unbalanced-parens-around-a-balanced-pair"),
        pytest.param("Gao (north (Kidal)", "Gao (north (Kidal)", id="unclosed-paren-kept"),
        pytest.param("USA 12<hr>200 Wagner personnel", "USA 12, 200 Wagner personnel", id="hr-rule"),
        pytest.param("5 policemen captured ---- 5 APCs destroyed", "5 policemen captured, 5 APCs destroyed", id="dash-rule"),
        pytest.param("5,000+ killed[3]", "5,000+ killed", id="footnote"),
        pytest.param("Bila Tserkva, Cossack Hetmanate|", "Bila Tserkva, Cossack Hetmanate", id="trailing-pipe"),
        pytest.param(", , ,", "", id="only-commas"),
        pytest.param("|", "", id="only-pipe"),
        pytest.param("19px Janusz Radziwiłł , 19px Marcin Kalinowski", "Janusz Radziwiłł, Marcin Kalinowski", id="space-before-comma"),
        pytest.param("Hamma Ould Mohamed YahyaPOW", "Hamma Ould Mohamed YahyaPOW", id="status-marker-untouched"),
        pytest.param("2 T-55 Tanks", "2 T-55 Tanks", id="model-name-untouched"),
        pytest.param(
            "Avars, Kelvars: [In organizing the revolt, [the Imam] had to force the valleys]: [It is known that",
            "Avars, Kelvars", id="footnote-quotations-dropped-also-unclosed",
        ),
        pytest.param("Tolan Front [short note]", "Tolan Front [short note]", id="short-bracket-kept"),
    ],
)
def test_clean_value(raw, clean):
    assert clean_value(raw) == clean


@pytest.mark.parametrize("dash", list("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"))
def test_every_dash_becomes_an_en_dash(dash):
    assert normalise_dashes(f"16{dash}28") == "16\u201328"


@given(st.text(max_size=200))
def test_clean_value_is_idempotent_and_trimmed(text):
    once = clean_value(text)
    assert clean_value(once) == once
    assert once == once.strip()
