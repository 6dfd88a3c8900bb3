"""bench/accuracy.py scores by the matching rules of issue 10, and bench/graph_reading.py reads the
model right (checked on the flagship, whose facts are known)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.accuracy import Score, abbreviates, date_equal, match, norm, score_article
from bench.graph_reading import read_graph
from kg.pipeline import build, build_text

FLAGSHIP = Path(__file__).resolve().parents[1] / "data" / "battle_of_araouane_2009.txt"


@pytest.mark.parametrize(("name", "expected"), [
    ("Martínez de Hoz", "martinez de hoz"),
    ("The Paraguayan War", "paraguayan war"),
    ("  AQIM — and   allies!", "aqim and allies"),
    ("Théâtre", "theatre"),
    ("theory", "theory"),
    ("", ""),
    (None, ""),
])
def test_norm_folds_diacritics_case_punctuation_and_a_leading_the(name, expected):
    assert norm(name) == expected


@pytest.mark.parametrize(("gold", "pred", "expected"), [
    ("2009-07-04", "2009-07-04", True),
    ("2009-07", "2009-07-04", True),  # compared at the gold's precision
    ("2009", "2009-07-04", True),
    ("2009-07-04", "2009-07", False),  # the prediction is less precise
    ("2009-07-04", "2009-07-05", False),
    ("-0498", "-0498", True),
    ("-0498", "-0497", False),
    (None, "2009", False),
])
def test_date_equal_at_the_golds_precision(gold, pred, expected):
    assert date_equal(gold, pred) is expected


@pytest.mark.parametrize(("short", "full", "expected"), [
    ("brig gen", "brigadier general", True),
    ("lt col", "lieutenant colonel", True),
    ("cpt", "captain", True),
    ("fm", "field marshal", True),
    ("col", "colonel", True),
    ("gen", "colonel", False),
    ("maj gen", "major", False),
])
def test_a_rank_as_written_abbreviates_its_full_form(short, full, expected):
    assert abbreviates(short, full) is expected


def test_match_is_one_to_one_and_maximum():
    # greedy would give gold 0 the first prediction and leave gold 1 unmatched
    pairs = match(["a", "b"], [{"a", "b"}, {"a"}], lambda g, p: g in p)
    assert pairs == [(0, 1), (1, 0)]


def _gold(**changes):
    gold = {
        "file": "x.txt", "partof": [], "places": [], "place_qualifier": None, "victor_side": None,
        "date": {"start": "2009-07-04", "end": "2009-07-04"},
        "sides": {"1": {"combatants": [], "commanders": [], "strength": [], "casualties": [
            {"category": "killed", "min": 16, "max": 28, "approx": False, "according_to": None}]}},
        "prose": {"dates": [{"date": "2009-07-04", "event": "battle"}, {"date": "2009-06-11", "event": "x"}],
                  "figures": []},
    }
    gold.update(changes)
    return gold


def _got(side):
    figure = {"category": "killed", "materiel": False, "min": 16, "max": 28, "approx": False, "counts": "",
              "according_to": None, "side": side, "infobox": True, "iri": "c", "text": "- Casualties1: 16–28 killed"}
    sides = {"1": {"label": "Mali", "combatants": [], "commanders": [], "strength": [], "casualties": []}}
    orphans = {"commanders": [], "strength": [], "casualties": []}
    (sides["1"]["casualties"] if side == "1" else orphans["casualties"]).append(figure)
    return {"partof": [], "date": {"start": "2009-07-04", "end": "2009-07-04"},
            "main_time": {"start": "2009-07-04", "end": "2009-07-04"}, "date_text": "", "places": [],
            "place_qualifier": None, "victors": [], "sides": sides, "orphans": orphans,
            "prose": {"dates": [], "figures": []}}


@pytest.mark.parametrize(("side", "tp", "fp", "fn"), [("1", 1, 0, 0), (None, 0, 1, 1)])
def test_an_infobox_figure_counts_only_on_the_graphs_own_side(side, tp, fp, fn):
    score = Score()
    score_article(score, _gold(), _got(side), {})
    count = score.counts["casualties"]
    assert (count.tp, count.fp, count.fn) == (tp, fp, fn)


def test_a_prose_date_equal_to_the_battles_own_date_is_found_by_the_battle():
    score = Score()
    score_article(score, _gold(), _got("1"), {})
    count = score.counts["prose_dates"]
    assert (count.tp, count.fp, count.fn) == (1, 0, 1)
    assert [e.gold for e in score.errors if e.field == "prose_dates"] == ["2009-06-11: x"]


def _event(*dates):
    return {"dates": list(dates), "types": ["Event"], "label": "x", "iri": "e", "text": "x"}


@pytest.mark.parametrize(("events", "tp", "fp", "fn"), [
    pytest.param([_event("2009-06-11", "2009-06-20")], 3, 0, 0, id="a-range-event-states-both-its-dates"),
    pytest.param([_event("2009-06-11"), _event("2009-06-11", "2009-06-20")], 3, 0, 0,
                 id="as-many-events-as-possible-are-matched-first"),
    pytest.param([_event("2009-06-12")], 1, 1, 2, id="an-event-on-no-gold-date-is-a-false-hit"),
])
def test_prose_dates_one_to_one_with_ranges_stating_two_dates(events, tp, fp, fn):
    gold = _gold(prose={"dates": [{"date": "2009-07-04", "event": "battle"}, {"date": "2009-06-11", "event": "began"},
                                  {"date": "2009-06-20", "event": "ended"}], "figures": []})
    got = _got("1")
    got["prose"]["dates"] = events
    score = Score()
    score_article(score, gold, got, {})
    count = score.counts["prose_dates"]
    assert (count.tp, count.fp, count.fn) == (tp, fp, fn)


@pytest.fixture(scope="module")
def flagship():
    return read_graph(build(FLAGSHIP).graph.triples)


def test_a_main_event_dated_from_the_prose_has_no_infobox_date_but_its_time_counts_for_prose_dates():
    text = ("= Battle of Testville =\n\nInfobox\n- Place: Testville, Niger\n- Combatant1: Niger\n- Combatant2: ISGS\n\n"
            "The Battle of Testville was fought from 5 to 7 May 2010.\n")
    got = read_graph(build_text(text).graph.triples)
    assert got["date"] == {"start": None, "end": None, "ongoing": False}
    assert got["main_time"] == {"start": "2010-05-05", "end": "2010-05-07", "ongoing": False}


def test_reading_the_flagship_graph_gives_its_battle_date_place_and_victor(flagship):
    assert flagship["date"] == {"start": "2009-07-04", "end": "2009-07-04", "ongoing": False}
    assert [names[0] for names in flagship["places"]] == ["Araouane", "Mali"]
    assert flagship["place_qualifier"] == "near"
    assert flagship["victors"] == ["2"]


def test_reading_the_flagship_graph_gives_each_sides_infobox_figures(flagship):
    def figures(side, kind):
        return sorted((f["category"], f["min"], f["max"], f["approx"]) for f in flagship["sides"][side][kind])

    assert figures("1", "strength") == [("strength", 12, 12, False), ("strength", 70, 70, False)]
    assert figures("2", "strength") == [("strength", 40, 40, True)]
    assert figures("1", "casualties") == [("captured", 3, 30, False), ("killed", 16, 28, False)]
    assert figures("2", "casualties") == [("killed", 1, 20, False)]
    assert flagship["orphans"] == {"commanders": [], "strength": [], "casualties": []}


def test_reading_the_flagship_graph_gives_its_commander_with_status(flagship):
    (commander,) = flagship["sides"]["1"]["commanders"]
    assert commander["names"][0] == "Hamma Ould Mohamed Yahya"
    assert commander["status"] == ["POW"]
    assert flagship["sides"]["2"]["commanders"] == []  # "Unknown" is no commander


def test_reading_the_flagship_graph_gives_dated_prose_events_and_prose_figures(flagship):
    dates = sorted(d for event in flagship["prose"]["dates"] for d in event["dates"])
    assert {"2009-06-11", "2009-06-16", "2009-07-08", "2012-03"} <= set(dates)
    killed = sorted((f["min"], f["max"]) for f in flagship["prose"]["figures"] if f["category"] == "killed")
    assert (16, 16) in killed and (1, 20) in killed and (28, 28) in killed
