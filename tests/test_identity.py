"""Identity across articles and inputs (issue 11 item 2, issue 12 item 2), and the base IRI (issue 11 item 7).

People and groups are nodes of their article, linked across articles by a shared name node; two
different titles never share a graph; a base that would make unreadable IRIs is refused before
anything is written.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import main
from kg.export import to_dataset
from kg.pipeline import build, build_text
from kg.query import run_query
from kg.rdf.namespaces import KG, RDF, RDFS

DATA = Path(__file__).resolve().parent / "data"
MERGE = sorted((DATA / "merge").glob("*.txt"))  # Varnholt and Tollen: a different Colonel John Smith each


@pytest.fixture(scope="module")
def merged():
    return to_dataset([build(path).graph for path in MERGE])


def _people_named(ds, name: str) -> set[str]:
    return {str(s) for s, _, o, _ in ds.quads((None, RDFS.label, None, None)) if str(o) == name and (s, RDF.type, None, None) in ds
            and "/person/" in str(s)}


def test_namesakes_of_two_articles_are_two_people_sharing_a_name_node(merged):
    people = _people_named(merged, "John Smith")
    assert len(people) == 2
    names = {str(o) for s in people for _, _, o, _ in merged.quads((URIRef(s), KG.sameNameAs, None, None))}
    assert names == {"https://w3id.org/conflict-kg/id/name/john-smith"}


def test_a_description_gets_no_name_node():
    built = build_text(
        "= Battle of Dune Ridge =\n\nInfobox\n- Combatant1: Mali\n- Combatant2: AQIM and affiliated drug traffickers\n"
        "- Commander1: Colonel Ali Traore\n")
    ds = built.dataset()
    labels = {str(s): str(o) for s, _, o, _ in ds.quads((None, RDFS.label, None, None))}
    linked = {labels[str(s)] for s, _, _, _ in ds.quads((None, KG.sameNameAs, None, None))}
    assert "drug traffickers" not in linked and {"AQIM", "Ali Traore"} <= linked


def test_commanders_across_battles_follow_the_name_across_articles(merged):
    rows = run_query("commanders-across-battles", merged, params={"commander": "john smith"}).rows
    assert sorted((str(r[0]), int(r[1]), str(r[2])) for r in rows) == [
        ("John Smith", 2, "Battle of Varnholt (1917)"),
        ("John Smith", 2, "Skirmish at Tollen (1917)"),
    ]


# --- distinct titles, distinct graphs (kg build DIR)

@pytest.mark.parametrize(
    ("one", "other"),
    [("Battle of X!", "Battle of X?"), ("Battle of Y", "battle of y"), ("Bataille de Qu\u00e9bec", "Bataille de Que\u0301bec"),
     ("\U0001F642", "\U0001F643")],
    ids=["punctuation", "case", "nfc-nfd", "emoji"],
)
def test_a_corpus_of_distinct_titles_writes_one_graph_each_without_a_warning(tmp_path, one, other):
    for n, title in enumerate((one, other)):
        (tmp_path / f"a{n}.txt").write_text(f"= {title} =\n\nInfobox\n- Combatant1: Chad\n- Combatant2: Niger\n", encoding="utf-8")
    out = tmp_path / "all.nq"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "duplicate" not in result.output
    graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text(encoding="utf-8").splitlines() if line}
    assert len(graphs) == 2


def test_two_inputs_with_the_same_title_are_the_one_warning(tmp_path):
    for n in range(2):
        (tmp_path / f"a{n}.txt").write_text("= Battle of Z =\n\nInfobox\n- Combatant1: Chad\n- Combatant2: Niger\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "all.nq")])
    assert "duplicate:" in result.output and "a1.txt has the same title as an earlier article" in result.output


# --- the base IRI (issue 11 item 7)

@pytest.mark.parametrize("base", ["http://x/#", "http://x/##", "http://x/#a/", "http://x", "http://x/?q=", "not an iri/"])
def test_kg_run_with_a_bad_base_is_one_error_line_and_writes_nothing(tmp_path, base):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(DATA.parent.parent / "data" / "battle_of_araouane_2009.txt"), "--out", str(out), "--base", base])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: base IRI") and "Traceback" not in result.output
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("label", "named"),
    [("John Smith", True), ("AQIM", True), ("the Malian forces", True), ("1st Battalion", True),
     ("drug traffickers", False), ("the garrison", False), ("the governor", False)],
)
def test_a_label_is_a_name_when_a_word_of_it_is_capitalised(label, named):
    from kg.rdf.guards import is_proper_name

    assert is_proper_name(label) is named


@pytest.mark.parametrize(
    ("edges", "cyclic"),
    [
        ([("a", "b"), ("b", "c")], set()),
        ([("a", "a")], {("a", "a")}),
        ([("a", "b"), ("b", "a"), ("b", "c")], {("a", "b"), ("b", "a")}),
        ([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")], {("a", "b"), ("b", "c"), ("c", "a")}),
    ],
    ids=["chain", "self", "two", "three-and-a-tail"],
)
def test_the_after_links_on_a_cycle_are_found(edges, cyclic):
    from kg.rdf.guards import cyclic_edges

    assert cyclic_edges(edges) == cyclic


def test_a_text_that_puts_two_events_after_each_other_gets_neither_link():
    built = build(MERGE[0])
    facts = built.facts
    keys = [k for k in facts.events if k][:1] + [""]
    if len(keys) < 2:
        pytest.skip("the test article tells no prose event")
    a, b = keys
    facts.events[a].after = [b]
    facts.events[b].after = [a]
    from kg.rdf.mapper import map_facts

    mapped = map_facts(facts, built.graph.scheme)
    assert not [t for t in mapped.triples if str(t[1]).endswith("#after")]
    assert sum("closes a cycle of 'after'" in w for w in mapped.warnings) == 2


@pytest.mark.parametrize(
    ("low", "high", "approximate", "numbers"),
    [
        (40, 40, True, {"value": 40}),
        (40, 40, False, {"minValue": 40, "maxValue": 40, "value": 40}),
        (12000, 20000, True, {"minValue": 12000, "maxValue": 20000}),
        (12, None, True, {"minValue": 12}),
        (None, 30, False, {"maxValue": 30}),
    ],
    ids=["about-40", "exactly-40", "about-a-range", "dozens", "up-to-30"],
)
def test_the_numbers_a_figure_states(low, high, approximate, numbers):
    from kg.rdf.guards import figure_numbers

    assert {str(p).rsplit("/", 1)[-1]: n for p, n in figure_numbers(low, high, approximate=approximate)} == numbers
