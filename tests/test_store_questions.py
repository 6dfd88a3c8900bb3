"""The stored questions across a store, on a store of three small invented articles (tests/data/store/).

Kelbara (2011-03-03, near Kelbara, Niger): Niger beat the Sahel Liberation Front; killed 4–7 (infobox)
and 7 (Radio Sahel) of Niger, 12 of the Front. Tamaris (August 2011, Mali): the Front beat Mali;
killed 20 of Mali, 3–5 of the Front. Orvane (2013, Niger): Niger and France beat the Front, whose
commander Malik Tanko was captured; killed 2, 30–45, and 6 civilians. Malik Tanko commanded the Front
in all three, Colonel Idrissa Boukar Niger in Kelbara and Orvane.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from kg.cli import main
from kg.pipeline import build
from kg.query import run_query
from kg.store import open_store

STORE_ARTICLES = Path(__file__).resolve().parent / "data" / "store"
KG = "https://w3id.org/conflict-kg/vocab#"
KELBARA, TAMARIS, ORVANE = "Battle of Kelbara (2011)", "Battle of Tamaris (2011)", "Siege of Orvane (2013)"
FRONT = "Sahel Liberation Front"


def plain(rows) -> list[tuple]:
    """Rows of terms as plain Python values (ints for integers, text for the rest, None unbound)."""
    out = []
    for row in rows:
        values = []
        for term in row:
            if isinstance(term, Literal) and isinstance(term.toPython(), int) and not isinstance(term.toPython(), bool):
                values.append(term.toPython())
            else:
                values.append(None if term is None else str(term).replace(KG, "kg:"))
        out.append(tuple(values))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    with open_store(str(folder)) as s:
        for path in sorted(STORE_ARTICLES.glob("*.txt")):
            s.load(build(path))
        yield s


EXPECTED = {
    # 2011: Kelbara 4+12 to 7+12, Tamaris 20+3 to 20+5; 2013: Orvane 2+30+6 to 2+45+6
    "deaths-per-year": [(2011, 2, 39, 44), (2013, 1, 38, 53)],
    # Niger: Kelbara and Orvane; Mali: Tamaris
    "deaths-per-country": [("Niger", 2, 54, 72), ("Mali", 1, 23, 25)],
    "battles-per-actor": [
        (FRONT, 3, 1, 2011, 2013),
        ("Niger", 2, 2, 2011, 2013),
        ("France", 1, 1, 2013, 2013),
        ("Mali", 1, 0, 2011, 2011),
    ],
    "commanders-across-battles": [
        ("Malik Tanko", 3, KELBARA, "2011-03-03", FRONT, None),
        ("Malik Tanko", 3, TAMARIS, "2011-08", FRONT, None),
        ("Malik Tanko", 3, ORVANE, "2013", FRONT, "kg:Captured"),
        ("Idrissa Boukar", 2, KELBARA, "2011-03-03", "Niger", None),
        ("Idrissa Boukar", 2, ORVANE, "2013", "Niger, France", None),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_question_across_the_store(store, name):
    assert plain(run_query(name, store).rows) == EXPECTED[name]


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("battles-per-actor", {"actor": "sahel liberation front"}, EXPECTED["battles-per-actor"][:1]),
        ("battles-per-actor", {"actor": "FRANCE"}, EXPECTED["battles-per-actor"][2:3]),
        ("battles-per-actor", {"actor": "Sahel"}, []),
        ("commanders-across-battles", {"commander": "malik tanko"}, EXPECTED["commanders-across-battles"][:3]),
        ("actor-battles", {"actor": "malik TANKO"}, [
            ("Malik Tanko", KELBARA, "2011-03-03", 2, "commander"),
            ("Malik Tanko", TAMARIS, "2011-08", 2, "commander"),
            ("Malik Tanko", ORVANE, "2013", 2, "commander"),
        ]),
    ],
    ids=["actor-lower-case", "actor-upper-case", "actor-part-of-a-name", "commander-lower-case", "actor-battles-mixed-case"],
)
def test_question_with_a_name_in_any_case(store, name, params, expected):
    assert plain(run_query(name, store, params=params).rows) == expected


def test_the_questions_from_the_command_line(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    loaded = runner.invoke(main, ["load", str(STORE_ARTICLES), "--store", store, "-q"])
    assert loaded.exit_code == 0, loaded.output
    answer = runner.invoke(main, ["query", "deaths-per-country", "--store", store, "-o", str(tmp_path / "d.csv")])
    assert answer.exit_code == 0, answer.output
    assert (tmp_path / "d.csv").read_bytes() == b"country,battles,lowest,highest\r\nNiger,2,54,72\r\nMali,1,23,25\r\n"
