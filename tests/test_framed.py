"""Framed JSON-LD: one JSON tree rooted at the battle that plain code can walk, and the same triples."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from rdflib import Graph

from kg.errors import ExportError
from kg.export import serialize
from kg.framed import battle_frame, framed_context
from kg.pipeline import build, build_text
from kg.rdf.namespaces import KG, RDF, SCHEMA

FLAGSHIP = "data/battle_of_araouane_2009.txt"
WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def built():
    return build(FLAGSHIP, when=WHEN)


@pytest.fixture(scope="module")
def battle(built):
    return json.loads(serialize(built.graph, "json-ld-framed"))


def test_plain_code_reads_a_casualty_figure_of_a_side(battle):
    # "Casualties1: 16–28 killed": side 1's first casualty figure, with its claim and source line
    first = battle["sides"][0]["casualties"][0]
    assert (first["min"], first["max"]) == (16, 28)
    assert first["claim"]["category"] == "kg:Killed"
    assert first["claim"]["derivedFrom"][0]["text"] == "- Casualties1: 16–28 killed, 3-30 prisoners"


def test_plain_code_reads_labels_dates_places_and_codes(battle):
    assert battle["label"] == {"en": "Battle of Araouane (2009)"}
    assert battle["date"]["begin"] == {"@value": "2009-07-04", "@type": "xsd:date"}
    place = battle["location"][0]["place"]
    assert place["label"]["en"] == "Araouane"
    assert place["geometry"]["wkt"] == "POINT(-3.52649 18.90476)"
    assert (place["containedIn"]["iso2"], place["containedIn"]["iso3"], place["containedIn"]["gw"]) == ("ML", "MLI", 432)
    assert [side["index"] for side in battle["sides"]] == [1, 2]
    assert battle["sides"][1]["strength"][0]["approximate"] is True  # "Strength2: ~40 men"


def test_the_root_is_the_battle_and_the_rest_is_included(battle, built):
    assert battle["id"] == str(built.graph.scheme.battle)
    assert "sem:Event" in battle["type"]
    included = {node["id"] for node in battle["@included"]}
    assert str(built.graph.iri) in included  # the graph's provenance node, not reachable from the battle


def test_pyld_reads_the_framed_document_back_into_the_same_triples(battle, built):
    pyld = pytest.importorskip("pyld")
    nquads = pyld.jsonld.to_rdf(battle, {"format": "application/n-quads"})
    assert set(Graph().parse(data=nquads, format="nt")) == set(built.graph.triples)


def test_every_node_is_written_once(battle):
    seen: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            if "id" in value and len(value) > 1:
                seen.append(value["id"])
            for key, inner in value.items():
                if key != "@context":
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(battle)
    assert len(seen) == len(set(seen))


def test_side_figures_link_only_claims_about_the_battle(built):
    triples = built.graph.triples
    battle = built.graph.scheme.battle
    claims = {s for s, p, o in triples if p == RDF.type and o == KG.Claim}
    about = {s: o for s, p, o in triples if p == SCHEMA.about and s in claims}
    values = {s: o for s, p, o in triples if p == RDF.value and s in claims}
    sides = {s: o for s, p, o in triples if p == KG.side and s in claims}
    expected = {(sides[c], values[c]) for c in claims if about[c] == battle and c in sides and c in values}
    linked = {(s, o) for s, p, o in triples if p in (KG.strengthFigure, KG.casualtyFigure)}
    assert linked == expected
    assert any(about[c] != battle for c in claims)  # the flagship has claims about other events: left out


def test_frame_names_only_terms_of_the_context():
    context = framed_context()

    def terms(frame):
        for key, sub in frame.items():
            if not key.startswith("@"):
                yield key
                yield from terms(sub)

    assert set(terms(battle_frame())) <= set(context)


def test_two_articles_cannot_be_framed_as_one(built):
    other = build_text("= Battle of Elsewhere =\n\nInfobox\n- Date: 1900\n- Place: Paris, France\n", when=WHEN)
    with pytest.raises(ExportError, match="one article about one battle; this graph has 2"):
        serialize([built.graph, other.graph], "json-ld-framed")
