"""A CLI that never surprises: the format follows -o, kg sparql knows kg's prefixes, kg show."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import build
from kg.sparql import readable_syntax_error, with_prefixes

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = str(ROOT / "data" / "battle_of_araouane_2009.txt")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize(
    ("args", "name", "rdf_format"),
    [
        (["build", FLAGSHIP], "one.nq", ox.RdfFormat.N_QUADS),
        (["build", FLAGSHIP], "one.trig", ox.RdfFormat.TRIG),
        (["build", FLAGSHIP], "one.nt", ox.RdfFormat.N_TRIPLES),
        (["build", FLAGSHIP], "one.jsonld", ox.RdfFormat.JSON_LD),
        (["build", FLAGSHIP, FLAGSHIP.replace("battle_of", "battle_of")], "many.trig", ox.RdfFormat.TRIG),
        (["export", FLAGSHIP], "x.nq", ox.RdfFormat.N_QUADS),
        (["export", FLAGSHIP], "x.ttl", ox.RdfFormat.TURTLE),
    ],
    ids=["build-nq", "build-trig", "build-nt", "build-jsonld", "corpus-trig", "export-nq", "export-ttl"],
)
def test_the_format_follows_the_extension_and_kg_reads_its_own_file(runner, tmp_path, args, name, rdf_format):
    out = tmp_path / name
    result = runner.invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(path=str(out), format=rdf_format))
    assert len(quads) > 900
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD):
        assert {str(q.graph_name.value) for q in quads} == {"https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)"}
    again = runner.invoke(main, ["query", "when-where", str(out)])  # kg reads what it wrote
    assert again.exit_code == 0 and "Araouane" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", FLAGSHIP, "-f", "turtle", "-o", "x.nq"], "kg: error: -f turtle contradicts the extension of x.nq (.nq is nq)"),
        (["export", FLAGSHIP, "-f", "nt", "-o", "x.jsonld"], "kg: error: -f nt contradicts the extension of x.jsonld (.jsonld is json-ld)"),
        (["query", "sides", FLAGSHIP, "-f", "csv", "-o", "x.json"], "kg: error: -f csv contradicts the extension of x.json (.json is json)"),
        (["export", FLAGSHIP], "kg: error: give the output format with -f"),
    ],
    ids=["build", "export", "query", "export-no-format"],
)
def test_a_format_that_contradicts_the_extension_is_an_error(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_store_dump_follows_the_extension(runner, tmp_path, store):
    out = tmp_path / "all.nq"
    result = runner.invoke(main, ["store", "dump", "--store", store, "-o", str(out)])
    assert result.exit_code == 0, result.output
    fresh = len(set(build(FLAGSHIP).graph.triples))  # the flagship's triples (not a count to keep up to date by hand)
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))) == fresh
    clash = runner.invoke(main, ["store", "dump", "--store", store, "-f", "trig", "-o", str(tmp_path / "x.nq")])
    assert clash.exit_code == 2 and clash.output.startswith("kg: error: -f trig contradicts the extension of")


def test_an_agreeing_format_and_alias_are_fine(runner, tmp_path):
    result = runner.invoke(main, ["build", FLAGSHIP, "-f", "ttl", "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 0, result.output


def test_query_answer_format_follows_the_extension(runner, tmp_path):
    out = tmp_path / "sides.json"
    assert runner.invoke(main, ["query", "sides", FLAGSHIP, "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["head"]["vars"][0] == "battle"
    out = tmp_path / "sides.csv"
    assert runner.invoke(main, ["query", "sides", FLAGSHIP, "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"battle,side,") and b"kg:State" in out.read_bytes()
    assert runner.invoke(main, ["query", "sides", FLAGSHIP, "-o", str(out), "--full-iris"]).exit_code == 0
    assert b"https://w3id.org/conflict-kg/vocab#State" in out.read_bytes()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("sparql") / "store")
    assert CliRunner().invoke(main, ["load", FLAGSHIP, "--store", folder, "-q"]).exit_code == 0
    return folder


def test_sparql_knows_kg_prefixes(runner, store):
    result = runner.invoke(main, ["sparql", "SELECT ?min WHERE { GRAPH ?g { ?c kg:category kg:Killed ; kg:side ?s ; "
                                  "rdf:value ?v . ?s kg:sideIndex 1 . ?v schema:minValue ?min } } ORDER BY ?min",
                                  "--store", store, "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["min", "16", "16", "28"]


def test_sparql_csv_compact_and_full(runner, store, tmp_path):
    query = "SELECT DISTINCT ?cat WHERE { GRAPH ?g { ?c kg:category ?cat } } ORDER BY ?cat LIMIT 1"
    compact = runner.invoke(main, ["sparql", query, "--store", store, "-o", str(tmp_path / "a.csv")])
    assert compact.exit_code == 0 and (tmp_path / "a.csv").read_text().split() == ["cat", "kg:Captured"]
    full = runner.invoke(main, ["sparql", query, "--store", store, "-f", "csv", "--full-iris"])
    assert full.output.split() == ["cat", "https://w3id.org/conflict-kg/vocab#Captured"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?c WHERE { ?c ?p }", "kg: error: SPARQL syntax error at line 1, column 2"),
        ("SELECT ?c WHERE {\n  GRAPH ?g { ?c foo:category kg:Killed } }",
         "kg: error: SPARQL syntax error at line 2, column 29: unknown prefix foo: (kg knows kg: sem: schema:"),
        ("SELEC ?x", "kg: error: SPARQL syntax error at line 1, column 9 at the end of the query"),
    ],
    ids=["missing-object", "unknown-prefix-second-line", "misspelt-keyword"],
)
def test_sparql_syntax_error_is_one_line_with_the_position(runner, store, query, message):
    result = runner.invoke(main, ["sparql", query, "--store", store])
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert "[" not in result.output.split(":", 2)[2]  # no character classes of the parser


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("SELECT * WHERE { ?s kg:side ?o }", ["kg"]),
        ("SELECT * WHERE { ?s rdfs:label 'kg:x' }", ["rdfs"]),  # a prefix in a string is no prefix
        ("PREFIX kg: <http://other/> SELECT * WHERE { ?s kg:side ?o }", []),  # the user's own declaration wins
        ("SELECT * WHERE { ?s <http://x/a:b> ?o } # sem:x", []),
        ("SELECT * WHERE { ?s ?p ?o }", []),
    ],
    ids=["used", "in-string", "declared", "in-iri-and-comment", "none"],
)
def test_with_prefixes_declares_only_what_is_used_and_undeclared(text, declared):
    full, added = with_prefixes(text)
    assert added == (1 if declared else 0)
    first = full.splitlines()[0] if declared else ""
    assert [w.rstrip(":") for w in first.split() if w.endswith(":")] == declared
    assert full.endswith(text)


def test_readable_syntax_error_maps_the_position_back():
    message = "the SPARQL query is malformed: error at 3:7: expected one of \"}\", ['0'..='9']"
    assert readable_syntax_error(message, "SELECT *\nWHERE { ?s ?p ?o", added_lines=1) == (
        'SPARQL syntax error at line 2, column 7 near "{ ?s ?p ?o": expected "}"')
    assert readable_syntax_error("the server said no", "ASK {}") is None


def test_show_summarises_the_flagship(runner):
    result = runner.invoke(main, ["show", FLAGSHIP])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Battle of Araouane (2009)"
    assert "  when:     2009-07-04 (day)" in lines
    assert "  where:    near Araouane, Mali" in lines
    assert "            commander Hamma Ould Mohamed Yahya (captured)" in lines
    assert "  result:   AQIM and allied victory (kg:Victory; victor side 2)" in lines
    # "Malian forces killed a machine gunner": Mali's enemy's, side 2; no figure is without a side
    assert lines[-1] == "0 warning(s)"
    assert len(lines) <= 24  # one screen


def test_show_warns_for_fields_not_read_and_commanders_without_a_side(runner, tmp_path):
    # Every numbered infobox key makes its side (Commander3 makes side 3), so a commander without a
    # side comes from a graph that lost it: here the kg:side of the role is removed from the file.
    from rdflib import Dataset, URIRef

    article = tmp_path / "a.txt"
    article.write_text(
        "= Battle of Nowhere =\n\nInfobox\n- Date: sometime in the rainy season\n- Combatant1: Chad\n- Combatant2: Niger\n"
        "- Commander3: Jane Roe\n- Casualties1: 5 killed\n", encoding="utf-8")
    graph_file = tmp_path / "a.trig"
    assert runner.invoke(main, ["build", str(article), "-o", str(graph_file)]).exit_code == 0
    ds = Dataset()
    ds.parse(graph_file, format="trig")
    side = URIRef("https://w3id.org/conflict-kg/vocab#side")
    roles = [(s, o, g) for s, _, o, g in ds.quads((None, side, None, None)) if "/role/commander" in str(s)]
    assert len(roles) == 1
    ds.remove((roles[0][0], side, roles[0][1], roles[0][2]))
    ds.serialize(graph_file, format="trig")
    result = runner.invoke(main, ["show", str(graph_file)])
    assert result.exit_code == 0, result.output
    assert "  when:     not read" in result.output
    assert "  field not read: Date: sometime in the rainy season" in result.output
    assert '  commander without a side: Jane Roe: "- Commander3: Jane Roe"' in result.output
