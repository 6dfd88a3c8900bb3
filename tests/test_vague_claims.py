"""A vague word is never a number: "Dozens killed" is a claim in words with its vague word, no figure.

Invented articles in the style of the corpus; the graph is read back with SPARQL.
"""
from __future__ import annotations

import pytest

from kg.pipeline import build_text
from kg.rdf.namespaces import SCHEMA
from kg.validate import validate

ARTICLE = """= Battle of Testville =

Infobox
- Combatant1: Redland
- Combatant2: Blue Front
- Strength2: several thousand (in 2014)
- Casualties1: {value}
- Casualties2: 3 killed

Prose.
"""

CLAIMS = """
PREFIX kg: <https://w3id.org/conflict-kg/vocab#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?claim ?category ?side ?statement ?vague ?value WHERE {
  ?claim a kg:Claim ; kg:category ?category .
  OPTIONAL { ?claim kg:side/kg:sideIndex ?side }
  OPTIONAL { ?claim kg:statement ?statement }
  OPTIONAL { ?claim kg:vagueTerm ?vague }
  OPTIONAL { ?claim rdf:value ?value }
}
"""


def _claims(value: str) -> list[tuple[str, int | None, str | None, str | None, bool]]:
    built = build_text(ARTICLE.format(value=value))
    graph = built.dataset()
    rows = []
    for row in graph.query(CLAIMS):
        rows.append((
            str(row.category).rsplit("#", 1)[1],
            int(row.side) if row.side is not None else None,
            str(row.statement) if row.statement is not None else None,
            str(row.vague) if row.vague is not None else None,
            row.value is not None,
        ))
    return sorted(rows, key=lambda r: (r[1] or 0, r[0], r[2] or ""))


VAGUE = [
    ("Several wounded", ("Wounded", 1, "Several wounded", "several", False)),
    ("Dozens killed", ("Killed", 1, "Dozens killed", "dozens", False)),
    ("Hundreds wounded", ("Wounded", 1, "Hundreds wounded", "hundreds", False)),
    ("Dozens of civilians killed", ("Killed", 1, "Dozens of civilians killed", "dozens", False)),
    ("1,000s wounded", ("Wounded", 1, "1,000s wounded", "1,000s", False)),
    ("Several dozen killed or injured", ("KilledOrWounded", 1, "Several dozen killed or injured", "several dozen", False)),
]


@pytest.mark.parametrize(("value", "expected"), VAGUE, ids=[v for v, _ in VAGUE])
def test_a_vague_casualty_word_is_a_claim_in_words_with_its_word_and_no_figure(value, expected):
    rows = _claims(value)
    assert expected in rows
    assert ("Killed", 2, None, None, True) in rows  # the exact figure of side 2 is untouched


def test_a_vague_strength_keeps_side_and_words():
    rows = _claims("3 killed")
    assert ("Strength", 2, "several thousand (in 2014)", "several thousand", False) in rows


def test_a_vague_claim_keeps_its_source():
    built = build_text(ARTICLE.format(value="Dozens killed (per Blue Front)"))
    (claim,) = [c for c in built.facts.claims if c.side == 1]
    assert (claim.figure, claim.statement, claim.vague, claim.authority, claim.attribution) == (
        None, "Dozens killed (per Blue Front)", "dozens", "actor:blue front", "explicit"
    )


def test_the_graph_of_vague_claims_is_valid():
    built = build_text(ARTICLE.format(value="Several wounded, Dozens killed"))
    report = validate(built.dataset())
    assert report.conforms, report


def test_a_vague_figure_of_the_prose_is_a_claim_in_words_too():
    built = build_text(ARTICLE.format(value="3 killed") + "\nOn 3 May 2019, dozens of soldiers were killed near Testville.\n")
    (claim,) = [c for c in built.facts.claims if c.statement == "dozens of soldiers"]
    assert (claim.category, claim.vague, claim.figure) == ("killed", "dozens", None)
    assert validate(built.dataset()).conforms


@pytest.mark.parametrize("value", ["10^400 men", "1.5e3 killed", "1/0 dead", "10 ^ 3 killed", "2.5 killed"])
def test_a_number_kg_cannot_read_exactly_is_reported_never_truncated(value):
    built = build_text(ARTICLE.format(value=value))
    assert [c for c in built.facts.claims if c.side == 1] == []
    (report,) = [r for r in built.facts.fields if r.field.key == "Casualties1"]
    assert (report.status, report.leftover) == ("unparsed", (value,))
    graph = built.dataset()
    bounds = {int(o) for p in (SCHEMA.minValue, SCHEMA.maxValue, SCHEMA.value) for o in graph.objects(None, p)}
    assert bounds == {3}  # side 2's "3 killed" only


SOURCES = """
PREFIX kg: <https://w3id.org/conflict-kg/vocab#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?min ?words ?authority WHERE {
  ?claim kg:side/kg:sideIndex 1 ; rdf:value/schema:minValue ?min ; sem:accordingTo/rdfs:label ?authority .
  OPTIONAL { ?claim kg:authorityText ?words }
} ORDER BY ?min
"""


def test_a_source_written_as_a_demonym_resolves_to_its_state_and_keeps_its_words():
    built = build_text(ARTICLE.replace("Redland", "Morocco").format(
        value="11 killed (Moroccan claim), 190 killed Blue Front claim: 31 captured"
    ))
    rows = [(int(r.min), str(r.words) if r.words else None, str(r.authority)) for r in built.dataset().query(SOURCES)]
    assert rows == [(11, "Moroccan", "Morocco"), (31, "Blue Front", "Blue Front"), (190, None, "infobox of Battle of Testville")]
    assert validate(built.dataset()).conforms
