"""Tests of kg.parse.actors on real Combatant and Units values."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.parse.actors import ActorMention, parse_actors


def _fields(a: ActorMention) -> tuple:
    return (a.name, a.note, a.supporter, a.affiliated_with, a.level, a.kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Mali", [("Mali", None, False, None, 0, "state")], id="flagship-state"),
        pytest.param(
            "AQIM and affiliated drug traffickers",
            [("AQIM", None, False, None, 0, None), ("drug traffickers", None, False, "AQIM", 0, "armed_group")],
            id="flagship-and-affiliated",
        ),
        pytest.param(
            "MNLA, AQIM, Ansar Dine",
            [("MNLA", None, False, None, 0, None), ("AQIM", None, False, None, 0, None), ("Ansar Dine", None, False, None, 0, "armed_group")],
            id="three-groups",
        ),
        pytest.param(
            "Yugoslavia, SAO Krajina",
            [("Yugoslavia", None, False, None, 0, "state"), ("SAO Krajina", None, False, None, 0, None)],
            id="historical-state",
        ),
        pytest.param(
            "Durrani Empire (1747–1823), Emirate of Kabul (1823–1837), Supported by:, Khanate of Kalat",
            [("Durrani Empire", "1747–1823", False, None, 0, "state"),
             ("Emirate of Kabul", "1823–1837", False, None, 0, "state"),
             ("Khanate of Kalat", None, True, None, 0, "state")],
            id="dates-and-supported-by",
        ),
        pytest.param(
            "National Resistance, *Republican Guard, *Special Security Forces",
            [("National Resistance", None, False, None, 0, "armed_group"),
             ("Republican Guard", None, False, None, 1, "armed_force"),
             ("Special Security Forces", None, False, None, 1, "armed_force")],
            id="star-levels",
        ),
        pytest.param(
            "Yugoslav People's Army, * Yugoslav Ground Forces, ** 7th Banija Division",
            [("Yugoslav People's Army", None, False, None, 0, "armed_force"),
             ("Yugoslav Ground Forces", None, False, None, 1, "armed_force"),
             ("7th Banija Division", None, False, None, 2, "armed_force")],
            id="two-star-level",
        ),
        pytest.param(
            "Zhao, Wei, Chu",
            [("Zhao", None, False, None, 0, "state"), ("Wei", None, False, None, 0, "state"), ("Chu", None, False, None, 0, "state")],
            id="warring-states",
        ),
        pytest.param(
            "Ionia, Athens, Eretria",
            [("Ionia", None, False, None, 0, None), ("Athens", None, False, None, 0, None), ("Eretria", None, False, None, 0, None)],
            id="unknown-kind-is-none",
        ),
        pytest.param("Egypt (alleged)", [("Egypt", "alleged", False, None, 0, "state")], id="alleged"),
        pytest.param("Afghan mujahids (per Kyrgyzstan)", [("Afghan mujahids", "per Kyrgyzstan", False, None, 0, "armed_group")], id="per-claim"),
        pytest.param(
            "Private Military Contractors, * Wagner Group, (until 2019)",
            [("Private Military Contractors", None, False, None, 0, "armed_force"),
             ("Wagner Group", "until 2019", False, None, 1, "armed_group")],
            id="note-item-after-comma",
        ),
        pytest.param(
            "House of Representatives, Supported by:, (allegedly)",
            [("House of Representatives", None, False, None, 0, None)],
            id="note-after-header-attaches-to-nothing",
        ),
        pytest.param(
            "60 Commandos (Portugal) and Portuguese Marine Corps (training support)",
            [("60 Commandos", "Portugal", False, None, 0, "armed_force"),
             ("Portuguese Marine Corps", "training support", False, None, 0, "armed_force")],
            id="and-between-two-names",
        ),
        pytest.param(
            "Democratic Front for the Liberation of Palestine",
            [("Democratic Front for the Liberation of Palestine", None, False, None, 0, "armed_group")],
            id="no-split-without-and",
        ),
        pytest.param(
            "Mozambican ex-policemen and ex-frontier guards",
            [("Mozambican ex-policemen and ex-frontier guards", None, False, None, 0, "armed_force")],
            id="lowercase-halves-stay-whole",
        ),
        pytest.param("Bosnia and Herzegovina", [("Bosnia and Herzegovina", None, False, None, 0, "state")], id="country-with-and"),
        pytest.param("CAR Séléka", [("Séléka", None, False, None, 0, "armed_group")], id="flag-code-residue"),
        pytest.param("UAE Armed Forces", [("UAE Armed Forces", None, False, None, 0, "armed_force")], id="country-code-kept-before-force"),
        pytest.param(
            "Coat of arms of Crimean Khanate, Crimean Khanate",
            [("Crimean Khanate", None, False, None, 0, "state")],
            id="caption-residue",
        ),
        pytest.param("ADF, SOCADEF, ASC,...and others", [("ADF", None, False, None, 0, None), ("SOCADEF", None, False, None, 0, None), ("ASC", None, False, None, 0, None)], id="and-others"),
        pytest.param("', * Polisario Front", [("Polisario Front", None, False, None, 1, "armed_group")], id="quote-residue"),
        pytest.param("Unknown", [], id="unknown-is-no-actor"),
        pytest.param("", [], id="empty"),
    ],
)
def test_parse_actors(text: str, expected: list[tuple]) -> None:
    mentions = parse_actors(text)
    assert [_fields(m) for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


def test_affiliated_spans_point_at_each_actor() -> None:
    text = "AQIM and affiliated drug traffickers"
    head, tail = parse_actors(text)
    assert (head.text, head.start, head.end) == ("AQIM", 0, 4)
    assert (tail.text, tail.start, tail.end) == ("drug traffickers", 20, 36)


@given(st.text(max_size=150))
def test_parse_actors_never_raises_and_spans_hold(text: str) -> None:
    for mention in parse_actors(text):
        assert mention.name and mention.name == mention.name.strip()
        assert mention.level >= 0
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.kind in (None, "state", "armed_force", "armed_group")
