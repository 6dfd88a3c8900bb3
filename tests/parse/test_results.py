"""Tests of kg.parse.results on real Result values with the sides of their articles."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.parse.results import parse_result

FLAGSHIP_SIDES = [["Mali"], ["AQIM", "drug traffickers"]]


@pytest.mark.parametrize(
    ("text", "sides", "expected"),
    [
        pytest.param("AQIM and allied victory", FLAGSHIP_SIDES, ("victory", 2, "AQIM and allied", ()), id="flagship-and-allied"),
        pytest.param("Malian victory", FLAGSHIP_SIDES, ("victory", 1, "Malian", ()), id="adjective-to-state"),
        pytest.param("Nigerian victory", [["Nigeria"], ["Boko Haram"]], ("victory", 1, "Nigerian", ()), id="nigerian"),
        pytest.param(
            "Franco-Malian-Tuareg victory",
            [["France", "Mali", "MSA", "GATIA"], ["MNLA", "AQIM", "Ansar Dine"]],
            ("victory", 1, "Franco-Malian-Tuareg", ()),
            id="hyphenated-coalition",
        ),
        pytest.param(
            "ISGS victory",
            [["Niger"], ["Islamic State in the Greater Sahara"]],
            ("victory", 2, "ISGS", ()),
            id="acronym-of-initials",
        ),
        pytest.param("FACA/Wagner victory", [["FACA", "Wagner Group"], ["FPRC", "UPC"]], ("victory", 1, "FACA/Wagner", ()), id="slash-pair"),
        pytest.param("Swedish victory", [["Swedish Empire"], ["Tsardom of Russia"]], ("victory", 1, "Swedish", ()), id="word-of-side-name"),
        pytest.param("Russian victory", [["Swedish Empire"], ["Tsardom of Russia"]], ("victory", 2, "Russian", ()), id="country-inside-name"),
        pytest.param("Victory for Saladin", [["Kingdom of Jerusalem"], ["Saladin's forces in Egypt"]], ("victory", 2, "Saladin", ()), id="victory-for"),
        pytest.param(
            "Decisive Houthi victory", [["Houthis"], ["Security forces"]], ("decisive_victory", 1, "Houthi", ()), id="decisive-and-plural"
        ),
        pytest.param(
            "Government victory",
            [["Sudanese government", "Sudanese Armed Forces"], ["Rapid Support Forces"]],
            ("victory", 1, "Government", ()),
            id="government-word",
        ),
        pytest.param(
            "Government victory",
            [["Nigeria"], ["Boko Haram"]],
            ("victory", 1, "Government", ()),
            id="government-falls-back-to-the-state-side",
        ),
        pytest.param(
            "First Battle: RSF victory, Second Battle: SAF victory",
            [["Sudanese government", "Sudanese Armed Forces"], ["Rapid Support Forces"]],
            ("victory", None, "RSF", ("Second Battle: SAF victory",)),
            id="labelled-battles-with-different-victors-give-none",
        ),
        pytest.param(
            "Tactical Venezuelan victory, Strategic Royalists victory",
            [["Venezuela"], ["Spanish Empire"]],
            ("tactical_victory", None, "Venezuelan", ("Strategic Royalists victory",)),
            id="tactical-and-strategic-victories-of-two-sides-give-none",
        ),
        pytest.param(
            "SAO Krajina victory in both battles",
            [["SAO Krajina", "Yugoslavia"], ["Croatia"]],
            ("victory", 1, "SAO Krajina", ("in both battles",)),
            id="words-after-victory-kept",
        ),
        pytest.param("Communist victory", [["Republic of China"], ["PLA Chinese Red Army"]], ("victory", None, "Communist", ()), id="unmatched-victor"),
        pytest.param("Cao Cao victory", [["Cao Cao"], ["Yuan Shao"]], ("victory", 1, "Cao Cao", ()), id="person-as-side"),
        pytest.param("Treaty of Zboriv", (), ("treaty", None, None, ()), id="treaty"),
        pytest.param("Indecisive", (), ("indecisive", None, None, ()), id="indecisive"),
        pytest.param("Unclear", (), ("indecisive", None, None, ()), id="unclear"),
        pytest.param("Stalemate", (), ("stalemate", None, None, ()), id="stalemate"),
        pytest.param("Status quo ante bellum", (), ("stalemate", None, None, ()), id="status-quo"),
        pytest.param(
            "cease-fire, Mahdi Army Withdrawal", (), ("ceasefire", None, None, ("Mahdi Army Withdrawal",)), id="ceasefire-first-item"
        ),
        pytest.param(
            "Tokugawa Ieyasu retreat, Takeda Shingen withdrawal",
            (),
            ("withdrawal", None, None, ("Takeda Shingen withdrawal",)),
            id="retreat",
        ),
        pytest.param(
            "Qin expansion temporarily halted", (), ("other", None, None, ("Qin expansion temporarily halted",)), id="unreadable-is-other"
        ),
        pytest.param(
            "Maratha Empire, Maratha victory",
            [["Maratha Empire"], ["Nizam of Hyderabad"]],
            ("victory", 1, "Maratha", ("Maratha Empire",)),
            id="victory-in-second-item",
        ),
        pytest.param("", (), ("other", None, None, ()), id="empty"),
        pytest.param(
            "First Battle: RSF victory, Second Battle: RSF victory",
            [["Sudanese Armed Forces"], ["Rapid Support Forces"]],
            ("victory", 2, "RSF", ("Second Battle: RSF victory",)),
            id="two-victories-of-one-side",
        ),
        pytest.param("Tolanian victory", [[], ["Kelvar Front"]], ("victory", 1, "Tolanian", ()), id="unnamed-side-by-elimination"),
        pytest.param("Tolanian victory", [[], ["Kelvar Front"], []], ("victory", None, "Tolanian", ()), id="two-unnamed-sides-no-elimination"),
        pytest.param("Tolanian victory", [None, ["Kelvar Front"]], ("victory", None, "Tolanian", ()), id="a-side-that-cannot-win"),
        pytest.param("Allied victory", [[], ["Kelvar Front"]], ("victory", None, "Allied", ()), id="ally-words-eliminate-nothing"),
        pytest.param(
            "Kelvar militants victory", [[], ["Kelvar Islamic Front"]], ("victory", 2, "Kelvar militants", ()),
            id="a-distinctive-shared-word-names-its-side",
        ),
        pytest.param(
            "Kelvar militants victory", [["Kelvar Front"], ["Kelvar Islamic Front"]], ("victory", None, "Kelvar militants", ()),
            id="a-word-shared-with-two-sides-names-none",
        ),
        pytest.param(
            "Tolanian opposition victory", [[], ["Tolanian government"]], ("victory", 1, "Tolanian opposition", ()),
            id="an-opposition-victor-is-no-government-side",
        ),
        pytest.param(
            "National Army victory", [["Tolanian National Army"], ["Kelvar National Army"]], ("victory", None, "National Army", ()),
            id="generic-words-name-no-side",
        ),
        pytest.param("KLIF victory", [["Tolania"], ["Kelvar Islamiyat Front"]], ("victory", 2, "KLIF", ()), id="acronym-with-letters-inside-words"),
        pytest.param("KLX victory", [["Tolania"], ["Kelvar Islamiyat Front"]], ("victory", None, "KLX", ()), id="letters-out-of-order-no-acronym"),
        pytest.param(
            "Kelvar Front takes full control of the town, Tolanian retreat",
            [["Tolania"], ["Kelvar Front"]],
            ("victory", 2, "Kelvar Front", ("Kelvar Front takes full control of the town", "Tolanian retreat")),
            id="takes-control-names-the-victor",
        ),
        pytest.param(
            "Tolan captured by the Kelvar Front", [["Tolania"], ["Kelvar Front"]],
            ("victory", 2, "Kelvar Front", ("Tolan captured by the Kelvar Front",)), id="captured-by",
        ),
        pytest.param(
            "Tolan falls under KF control", [["Tolania"], ["Kelvar Front (KF)"]],
            ("victory", 2, "KF", ("Tolan falls under KF control",)), id="falls-under-control",
        ),
        pytest.param(
            "Kelvar Front control the town and Tolanian troops withdrew", [["Tolania"], ["Kelvar Front"]],
            ("victory", 2, "Kelvar Front", ("Kelvar Front control the town and Tolanian troops withdrew",)),
            id="x-controls-the-town",
        ),
        pytest.param(
            "Kelvar Front in control of the town", [["Tolania"], ["Kelvar Front"]],
            ("other", None, None, ("Kelvar Front in control of the town",)), id="in-control-of-is-no-verb",
        ),
        pytest.param(
            "Tolania's expansion temporarily halted", [["Tolania"], ["Kelvar Front"]],
            ("victory", 2, None, ("Tolania's expansion temporarily halted",)), id="a-side-halted-the-other-wins",
        ),
        pytest.param(
            "Kelvar Front repulsed at Tolan", [["Tolania"], ["Kelvar Front"]],
            ("victory", 1, None, ("Kelvar Front repulsed at Tolan",)), id="a-side-repulsed-at-a-place",
        ),
        pytest.param(
            "Kelvar Front defeated the Tolanian army", [["Tolania"], ["Kelvar Front"]],
            ("other", None, None, ("Kelvar Front defeated the Tolanian army",)), id="x-defeated-y-names-no-loser",
        ),
        pytest.param(
            "Tolania's expansion halted", [["Tolania"], ["Kelvar Front"], ["Ostian League"]],
            ("other", None, None, ("Tolania's expansion halted",)), id="halted-with-three-sides-names-none",
        ),
        pytest.param(
            "Resistance victory", [["Tolanian Army"], ["Hill Defence Team", "Local anti-junta militias"]],
            ("victory", 2, "Resistance", ()), id="resistance-is-the-side-naming-itself-against-the-junta",
        ),
        pytest.param(
            "Resistance victory", [["Tolanian Army"], ["Hill Defence Team"]],
            ("victory", None, "Resistance", ()), id="resistance-and-no-side-naming-itself-so",
        ),
    ],
)
def test_parse_result(text: str, sides: list[list[str]], expected: tuple) -> None:
    result = parse_result(text, sides)
    assert (result.outcome, result.victor_side, result.victor_text, result.consequences) == expected
    assert result.text == text


def test_a_status_taking_a_town_names_no_victor() -> None:
    result = parse_result("Kelvar Front takes control of Tolan", [["Tolania"], ["Kelvar Front"]], control=False)
    assert (result.outcome, result.victor_side) == ("other", None)


def test_tie_gives_no_side() -> None:
    result = parse_result("Syrian victory", [["Syrian Government"], ["Syrian Salvation Government"]])
    assert (result.outcome, result.victor_side) == ("victory", None)


@given(st.text(max_size=120), st.lists(st.lists(st.text(max_size=30), max_size=4), max_size=3))
def test_parse_result_never_raises(text: str, sides: list[list[str]]) -> None:
    result = parse_result(text, sides)
    assert result.outcome
    assert result.victor_side is None or 1 <= result.victor_side <= len(sides)
    assert result.victor_side is None or result.victor_text


@pytest.mark.parametrize(("name", "sides", "expected"), [
    ("Kelvar Front", [["Osterland"], ["Kelvar Front"]], 2),          # a member's name
    ("KF", [["Osterland"], ["Kelvar Front"]], 2),                    # its initials
    ("Kelvar", [["Osterland"], ["Kelvar Front"]], 2),                # a word of it
    ("Hill Folk", [["Osterland"], ["Kelvar Front"]], None),          # no side's
    ("Kelvar", [["Kelvar League"], ["Kelvar Front"]], None),         # a tie
    ("Government", [["Osterland"], ["Kelvar Front"]], None),         # no government fallback
    ("Hill Folk", [["Osterland"], []], None),                        # no elimination to the unnamed side
])
def test_named_side_matches_by_name_only(name, sides, expected):
    from kg.parse.results import named_side

    assert named_side(name, sides) == expected
