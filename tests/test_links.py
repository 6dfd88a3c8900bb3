"""Links to the outside: state identifiers, the flagship's places on the map, the article's source and build."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, GEO, OWL, PROV, RDF, XSD

from kg.gazetteer import countries
from kg.link import source
from kg.link.states import all_state_links, state_links
from kg.pipeline import build
from kg.rdf.links import wkt_point
from kg.rdf.namespaces import KG, SCHEMA

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
WHEN = datetime(2026, 1, 1, tzinfo=UTC)
ID = "https://w3id.org/conflict-kg/id/"


@pytest.mark.parametrize(
    ("name", "iso2", "iso3", "gw", "geonames", "wikipedia"),
    [
        pytest.param("Mali", "ML", "MLI", 432, 2453866, "Mali", id="mali"),
        pytest.param("Mauritania", "MR", "MRT", 435, 2378080, "Mauritania", id="mauritania"),
        pytest.param("USA", "US", "USA", 2, 6252001, "United States", id="alias"),
        pytest.param("Ivory Coast", "CI", "CIV", 437, 2287781, "Ivory Coast", id="title-not-the-gazetteer-name"),
        pytest.param("Vietnam", "VN", "VNM", 816, 1562822, "Vietnam", id="gw-corrected-816-not-817"),
        pytest.param("Kosovo", "XK", None, 347, 831053, "Kosovo", id="no-iso-alpha-3"),
        pytest.param("Ottoman Empire", None, None, 640, None, "Ottoman Empire", id="historical-with-gw"),
        pytest.param("Republic of Vietnam", None, None, 817, None, "South Vietnam", id="historical-south-vietnam"),
        pytest.param("State of Qin", None, None, None, None, "Qin (state)", id="historical-title-only"),
        pytest.param("Maratha Empire", None, None, None, None, None, id="title-unsure-left-out"),
    ],
)
def test_state_identifiers(name, iso2, iso3, gw, geonames, wikipedia):
    links = state_links(name)
    assert links is not None
    assert (links.iso2, links.iso3, links.gw, links.geonames, links.wikipedia) == (iso2, iso3, gw, geonames, wikipedia)


def test_every_state_of_the_gazetteer_has_one_row():
    assert list(all_state_links()) == [c.name for c in countries()]


def test_state_codes_are_well_formed():
    for links in all_state_links().values():
        assert links.iso3 is None or re.fullmatch(r"[A-Z]{3}", links.iso3), links
        assert links.gw is None or 2 <= links.gw <= 999, links
        assert not (links.iso2 is None and (links.iso3 or links.geonames)), f"a code invented for {links.name}"
        assert all(re.fullmatch(r"[A-Z]{2}", t) for t in links.territory), links
        assert not (links.iso2 and links.territory), f"{links.name} exists today: its land is its own"


def test_no_two_states_share_a_code():
    rows = all_state_links().values()
    for column in ("iso3", "geonames"):
        values = [getattr(r, column) for r in rows if getattr(r, column) is not None]
        assert len(values) == len(set(values)), column


@pytest.mark.skipif(find_spec("pycountry") is None or find_spec("country_converter") is None,
                    reason="pycountry and country_converter are needed to regenerate data/links/states.tsv")
def test_the_state_table_is_what_its_script_makes():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_link_tables.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("title", "path"),
    [
        pytest.param("Battle of Araouane (2009)", "Battle_of_Araouane_(2009)", id="parentheses-kept"),
        pytest.param("siege of Urgun", "Siege_of_Urgun", id="first-letter-capital"),
        pytest.param("Battle of Acayuazá", "Battle_of_Acayuazá", id="letters-kept"),
        pytest.param("Why? #1 at 100%", "Why%3F_%231_at_100%25", id="query-fragment-percent-escaped"),
        pytest.param("  Two   spaces ", "Two_spaces", id="spaces-collapsed"),
        pytest.param("معركة \u202eالعرعر\u202c (2009)", "معركة_العرعر_(2009)", id="bidi-controls-dropped"),
        pytest.param("Tab\x90Line", "Tab%C2%90Line", id="c1-control-escaped"),
        pytest.param("List [a] {b}", "List_%5Ba%5D_%7Bb%7D", id="brackets-escaped"),
        pytest.param("Odd \udc80 text", "Odd_%ED%B2%80_text", id="lone-surrogate-escaped"),
    ],
)
def test_title_path(title, path):
    assert source.title_path(title) == path


def test_rule_set_digest_changes_with_a_lexicon(tmp_path, monkeypatch):
    first = source.rule_set()
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", first)
    for folder in ("lexicons", "mapping", "links"):
        shutil.copytree(ROOT / "data" / folder, tmp_path / "data" / folder)
    with (tmp_path / "data" / "lexicons" / "places.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# one more comment\n")
    monkeypatch.setenv("KG_RESOURCES", str(tmp_path))
    source.rule_set.cache_clear()
    try:
        assert source.rule_set() != first
    finally:
        monkeypatch.delenv("KG_RESOURCES")
        source.rule_set.cache_clear()
    assert source.rule_set() == first


@pytest.mark.parametrize(
    ("lon", "lat", "wkt"),
    [(-3.52649, 18.90476, "POINT(-3.52649 18.90476)"), (12.5, -41.25, "POINT(12.5 -41.25)"), (-0.0, 0.0, "POINT(0 0)")],
)
def test_wkt_point_is_longitude_first(lon, lat, wkt):
    assert wkt_point(lon, lat) == Literal(wkt, datatype=GEO.wktLiteral)


# ---- the flagship ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graph():
    built = build(FLAGSHIP, when=WHEN)
    return set(built.graph.triples), built.graph.iri


MALI = URIRef(ID + "country/mali")


@pytest.mark.parametrize(
    ("p", "o"),
    [
        (KG.iso3166Alpha2, Literal("ML")),
        (KG.iso3166Alpha3, Literal("MLI")),
        (KG.gleditschWardNumber, Literal(432)),
        (OWL.sameAs, URIRef("https://sws.geonames.org/2453866/")),
        (OWL.sameAs, URIRef("http://dbpedia.org/resource/Mali")),
    ],
)
def test_flagship_mali_has_its_codes_and_links(graph, p, o):
    assert (MALI, p, o) in graph[0]


def test_flagship_state_label_stays_the_articles(graph):
    assert {o for s, p, o in graph[0] if s == MALI and p == URIRef("http://www.w3.org/2000/01/rdf-schema#label")} == {
        Literal("Mali", lang="en")
    }


# Mali's extent (GeoNames: 10.16–25.00 N, 12.24 W–4.27 E)
@pytest.mark.parametrize(
    ("place", "geonames"), [("araouane", 2460954), ("timbuktu", 2449067)]
)
def test_flagship_places_have_coordinates_inside_mali(graph, place, geonames):
    triples = graph[0]
    node = URIRef(ID + f"place/{place}")
    assert (node, OWL.sameAs, URIRef(f"https://sws.geonames.org/{geonames}/")) in triples
    (geometry,) = [o for s, p, o in triples if s == node and p == GEO.hasGeometry]
    (wkt,) = [o for s, p, o in triples if s == geometry and p == GEO.asWKT]
    assert wkt.datatype == GEO.wktLiteral
    lon, lat = map(float, re.fullmatch(r"POINT\((\S+) (\S+)\)", str(wkt)).groups())
    assert 10.16 <= lat <= 25.0 and -12.24 <= lon <= 4.27
    assert (node, SCHEMA.containedInPlace, MALI) in triples


@pytest.mark.parametrize("place", ["garn-akassa", "tombouctou-region"])
def test_flagship_places_geonames_lacks_stay_unlinked(graph, place):
    node = URIRef(ID + f"place/{place}")
    assert not [t for t in graph[0] if t[0] == node and t[1] in (OWL.sameAs, GEO.hasGeometry)]


def test_flagship_article_names_its_page_licence_and_dbpedia_resource(graph):
    triples = graph[0]
    article = URIRef(ID + "article/Battle_of_Araouane_(2009)")
    page = URIRef("https://en.wikipedia.org/wiki/Battle_of_Araouane_(2009)")
    licence = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
    assert (article, PROV.hadPrimarySource, page) in triples
    assert (article, DCTERMS.license, licence) in triples
    assert (page, DCTERMS.license, licence) in triples
    assert (URIRef(ID + "event/Battle_of_Araouane_(2009)"), KG.dbpediaResource,
            URIRef("http://dbpedia.org/resource/Battle_of_Araouane_(2009)")) in triples


def test_flagship_build_activity(graph):
    triples, iri = graph
    (build_node,) = [o for s, p, o in triples if s == iri and p == PROV.wasGeneratedBy]
    facts = {p: o for s, p, o in triples if s == build_node}
    assert facts[RDF.type] == PROV.Activity
    assert facts[PROV.wasAssociatedWith] == KG.mapper
    assert facts[PROV.used] == URIRef(ID + "article/Battle_of_Araouane_(2009)")
    assert facts[PROV.endedAtTime] == Literal("2026-01-01T00:00:00Z", datatype=XSD.dateTime)
    assert facts[KG.mapperVersion] == Literal("0.1.0")
    assert facts[KG.ruleSet] == Literal(source.rule_set())
