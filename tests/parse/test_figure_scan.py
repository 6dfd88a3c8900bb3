"""kg.parse.figure_scan on invented prose: shared casualty words, loss wordings, vague words, non-figures.

Each case is a sentence in the style of the corpus (never copied from it) and the figures read from it as
``(text, min, max, approximate, category, unit, kind)``.
"""
from __future__ import annotations

from typing import Any

import pytest

from kg.parse.figure_scan import list_runs, scan_figures

P, C, V, B, A, W = "personnel", "civilian", "vehicle", "building", "artillery", "weapon"

CASES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    # one casualty word for a whole list
    ("seven-soldiers-one-civilian-and-three-gunmen-were-killed-three-killed",
     "Seven soldiers, one civilian and three gunmen were killed near the bridge.",
     [("Seven soldiers", 7, 7, False, "killed", "soldiers", P), ("one civilian", 1, 1, False, "killed", "civilian", C),
      ("three gunmen", 3, 3, False, "killed", "gunmen", P)]),
    ("killing-at-least-12-soldiers-and-over-40-villagers-both-killed",
     "The raiders stormed the camp, killing at least 12 soldiers and over 40 villagers.",
     [("at least 12 soldiers", 12, None, False, "killed", "soldiers", P), ("over 40 villagers", 40, None, False, "killed", "villagers", C)]),
    ("at-least-9-policemen-and-14-rebels-reported-killed-two-lower-bounds",
     "The clash ended with at least 9 policemen and 14 rebels reported killed.",
     [("at least 9 policemen", 9, None, False, "killed", "policemen", P), ("14 rebels", 14, None, False, "killed", "rebels", P)]),
    ("two-tanks-and-five-trucks-were-destroyed-both-destroyed",
     "Two tanks and five trucks were destroyed by the shelling.",
     [("Two tanks", 2, 2, False, "destroyed", "tanks", V), ("five trucks", 5, 5, False, "destroyed", "trucks", V)]),
    ("lost-3-T-55-8-trucks-and-2-guns-the-nouns-counted-lost",
     "The garrison would have lost 3 T-55, 8 trucks and 2 field guns.",
     [("8 trucks", 8, 8, False, "casualties", "trucks", V), ("2 field guns", 2, 2, False, "casualties", "field guns", A)]),
    # more wordings of loss
    ("more-than-70-others-injured-wounded-lower-bound",
     "Five guards died, and more than 70 others injured.",
     [("Five guards", 5, 5, False, "killed", "guards", P), ("more than 70", 70, None, False, "wounded", None, None)]),
    ("leaving-nine-more-missing-missing-9",
     "The convoy was hit, killing eleven drivers and leaving nine more missing.",
     [("eleven", 11, 11, False, "killed", None, None), ("nine", 9, 9, False, "missing", None, None)]),
    ("left-over-thirty-villagers-and-herders-dead-killed-30-open",
     "The raid left over thirty villagers and herders dead.",
     [("over thirty villagers", 30, None, False, "killed", "villagers", C)]),
    ("the-death-toll-climbed-to-19-killed-19",
     "By the evening the death toll climbed to 19.", [("19", 19, 19, False, "killed", None, None)]),
    ("deaths-passed-500-killed-500-open",
     "By June, deaths passed 500 in the province.", [("500", 500, None, False, "killed", None, None)]),
    ("losing-about-40-men-casualties-40-approximate",
     "The column withdrew after losing about 40 men.", [("about 40 men", 40, 40, True, "casualties", "men", P)]),
    ("12-bodies-were-found-killed-12",
     "Two days later 12 bodies were found in the river.", [("12", 12, 12, False, "killed", None, None)]),
    ("4-were-beheaded-killed-4",
     "Of the hostages, 4 were beheaded.", [("4", 4, 4, False, "killed", None, None)]),
    ("eliminated-23-fighters-killed-23",
     "The ministry said the army eliminated 23 fighters.", [("23 fighters", 23, 23, False, "killed", "fighters", P)]),
    ("burned-31-houses-destroyed-buildings",
     "On the way the militia burned 31 houses.", [("31 houses", 31, 31, False, "destroyed", "houses", B)]),
    ("killed-in-the-fighting-along-with-25-soldiers-killed-25",
     "The colonel was killed in the fighting, along with 25 soldiers.", [("25 soldiers", 25, 25, False, "killed", "soldiers", P)]),
    ("fifteen-junta-deaths-killed-15",
     "The skirmish led to fifteen junta deaths.", [("fifteen", 15, 15, False, "killed", None, None)]),
    ("two-army-casualties-people-of-the-army",
     "The skirmish cost two army casualties.", [("two army", 2, 2, False, "casualties", "army", None)]),
    ("destroyed-4-locomotives-and-2-machine-guns-materiel",
     "The partisans destroyed 4 locomotives and 2 machine guns.",
     [("4 locomotives", 4, 4, False, "destroyed", "locomotives", V), ("2 machine guns", 2, 2, False, "destroyed", "machine guns", W)]),
    ("18-of-his-comrades-being-killed-killed-18",
     "He saw 18 of his comrades being killed by the raiders.", [("18 of his comrades", 18, 18, False, "killed", "comrades", None)]),
    ("one-of-the-guards-was-wounded-wounded-1",
     "One of the guards was wounded.", [("One of the guards", 1, 1, False, "wounded", "guards", P)]),
    ("one-of-them-was-killed-nothing", "One of them was killed.", []),
    # vague words: no bounds, the word kept
    ("dozens-of-soldiers-were-killed-no-bounds",
     "Dozens of soldiers were killed in the attack.", [("Dozens of soldiers", None, None, True, "killed", "soldiers", P)]),
    # not casualty figures
    ("the-release-of-300-prisoners-nothing", "The truce included the release of 300 prisoners.", []),
    ("300-prisoners-were-released-nothing", "In 2012, 300 prisoners were released in an exchange.", []),
    ("lost-two-battles-nothing", "The rebels lost two battles that year.", []),
    ("several-police-stations-were-captured-nothing", "Several police stations were captured.", []),
    ("dozens-of-fighters-captured-it-no-category",
     "Dozens of fighters captured it before noon.", [("Dozens of fighters", None, None, True, None, "fighters", P)]),
    ("5000-people-fled-the-city-displaced",
     "Around 5,000 people fled the city.", [("Around 5,000 people", 5000, 5000, True, "displaced", "people", C)]),
    ("of-the-twelve-vehicles-six-were-destroyed-whole-not-destroyed",
     "Of the twelve vehicles, six were destroyed.",
     [("twelve vehicles", 12, 12, False, None, "vehicles", V), ("six", 6, 6, False, "destroyed", "vehicles", V)]),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_scan_figures_reads_prose_wordings(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    found = scan_figures(sentence)
    assert [(f.text, f.min, f.max, f.approximate, f.category, f.unit, f.kind) for f in found] == expected
    for figure in found:
        assert sentence[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They speak of 190 dead, 150 wounded, and 36 prisoners among the guards.", [["190", "150", "36"]]),
        ("Ten soldiers were killed; the rebels lost 4 fighters.", [["Ten soldiers"], ["4 fighters"]]),
    ],
    ids=["190-dead-150-wounded-and-36-prisoners-one-list", "semicolon-two-lists"],
)
def test_list_runs_groups_figures_joined_by_commas_and_and(sentence: str, expected: list[list[str]]) -> None:
    assert [[f.text for f in run] for run in list_runs(sentence, scan_figures(sentence))] == expected
