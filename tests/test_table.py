"""The event table and the figure table (kg.table, kg table): facts of the flagship, read back as CSV."""
from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from kg.cli import main
from kg.pipeline import build
from kg.query import OxigraphTarget
from kg.table import EVENT_COLUMNS, FIGURE_COLUMNS, Figure, deaths, event_rows, figure_rows, read_events, table_csv

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
BASE = "https://w3id.org/conflict-kg/id/"
GEO = "http://www.opengis.net/ont/geosparql#"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
KG = "https://w3id.org/conflict-kg/vocab#"


@pytest.fixture(scope="module")
def flagship():
    return build(FLAGSHIP).graph


@pytest.fixture(scope="module")
def events(flagship):
    return read_events(OxigraphTarget.from_mapped(flagship))


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_battle_row_holds_what_the_infobox_says(events):
    rows = read_csv(table_csv(OxigraphTarget.from_mapped(build(FLAGSHIP).graph)))
    battle = rows[0]
    assert (battle["id"], battle["event"], battle["event_type"]) == (
        "Battle_of_Araouane_(2009)", "Battle of Araouane (2009)", "kg:Battle")
    # Date: July 4, 2009 -> one day, UCDP date_prec 1, ACLED time_precision 1
    assert (battle["start"], battle["end"], battle["precision"]) == ("2009-07-04", "2009-07-04", "time:unitDay")
    assert (battle["date_start"], battle["date_end"], battle["date_prec"], battle["time_precision"]) == (
        "2009-07-04", "2009-07-04", "1", "1")
    # Place: near Araouane, Mali
    assert (battle["place"], battle["relation"], battle["country"]) == ("Araouane", "kg:near", "Mali")
    assert (battle["side_a"], battle["side_b"]) == ("Mali", "AQIM and affiliated drug traffickers")
    # Mali killed: the infobox 16–28, Jeune Afrique 16, AQIM 28 -> low 16, best 16 (median of 16, 16, 28), high 28
    assert (battle["deaths_a_low"], battle["deaths_a_best"], battle["deaths_a_high"]) == ("16", "16", "28")
    # AQIM killed: the infobox 1–20, Jeune Afrique 1–20, AQIM one Mauritanian
    assert (battle["deaths_b_low"], battle["deaths_b_best"], battle["deaths_b_high"]) == ("1", "1", "20")
    assert (battle["low"], battle["best"], battle["high"]) == ("17", "17", "48")
    assert {"Jeune Afrique", "AQIM", "infobox of Battle of Araouane (2009)"} <= set(battle["sources"].split("; "))
    assert battle["iri"] == f"{BASE}event/Battle_of_Araouane_(2009)"


def test_every_dated_prose_event_has_a_row(events):
    rows = event_rows(events)
    assert len(rows) == len({e.iri for e in events}) and sum(not e.main for e in events) >= 10
    by_type = {r["event_type"]: r for r in rows}
    # "Malian forces launched an offensive ... on June 16, near Garn-Akassa, killing sixteen to twenty-six jihadists"
    offensive = by_type["kg:Offensive"]
    assert (offensive["start"], offensive["place"], offensive["relation"]) == ("2009-06-16", "Garn-Akassa", "kg:near")
    assert (offensive["deaths_b_low"], offensive["deaths_b_high"]) == ("16", "26")
    # "Yahya was released in March 2012": a month is a band of days, UCDP date_prec 4, ACLED 3
    release = by_type["kg:Release"]
    assert (release["date_start"], release["date_end"], release["date_prec"], release["time_precision"]) == (
        "2012-03-01", "2012-03-31", "4", "3")
    # rows come in time order after the battle
    starts = [r["date_start"] for r in rows[1:]]
    assert starts == sorted(starts)


def test_the_figure_table_gives_each_figure_with_its_exact_text(events):
    rows = {r["id"]: r for r in figure_rows(events)}
    infobox = rows["Battle_of_Araouane_(2009)/claim/casualties1-1"]
    assert (infobox["side"], infobox["side_name"], infobox["category"], infobox["counted"]) == (
        "1", "Mali", "kg:Killed", "kg:Personnel")
    assert (infobox["min"], infobox["max"], infobox["approximate"], infobox["source"]) == (
        "16", "28", "false", "infobox of Battle of Araouane (2009)")
    assert infobox["text"] == "- Casualties1: 16–28 killed, 3-30 prisoners"
    text = FLAGSHIP.read_text(encoding="utf-8")
    for row in rows.values():  # the span points at the exact text
        assert text[int(row["text_start"]):int(row["text_end"])] == row["text"]
    claimed = [r for r in rows.values() if r["source"] == "AQIM" and r["category"] == "kg:Killed" and r["side"] == "1"]
    assert [(r["min"], r["stated_on"], r["attribution"]) for r in claimed] == [("28", "2009-07-08", "kg:ExplicitAttribution")]
    approximate = rows["Battle_of_Araouane_(2009)/claim/strength2-1"]  # Strength2: ~40 men
    assert (approximate["min"], approximate["approximate"], approximate["unit"]) == ("40", "true", "men")


@pytest.mark.parametrize("kind", ["events", "figures"])
def test_the_csv_reads_back_with_the_csv_module(flagship, kind):
    text = table_csv(OxigraphTarget.from_mapped(flagship), kind=kind)
    assert text.endswith("\r\n") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = EVENT_COLUMNS if kind == "events" else FIGURE_COLUMNS
    assert tuple(rows[0]) == header
    assert all(len(row) == len(header) for row in rows) and len(rows) > 10


@pytest.mark.parametrize("kind", ["events", "figures"])
def test_the_csv_reads_back_with_pandas_without_a_warning(flagship, kind):
    pandas = pytest.importorskip("pandas")
    text = table_csv(OxigraphTarget.from_mapped(flagship), kind=kind)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = pandas.read_csv(io.StringIO(text))
    assert list(frame.columns) == list(EVENT_COLUMNS if kind == "events" else FIGURE_COLUMNS)
    if kind == "events":
        battle = frame[frame["event_type"] == "kg:Battle"].iloc[0]
        assert (battle["deaths_a_low"], battle["deaths_a_high"]) == (16, 28)
    else:
        assert frame["text"].str.contains("16–28 killed").any()


def test_codes_and_coordinates_come_from_the_graph(events):
    """kg's links fill the columns: Mali's codes, the GeoNames points of Araouane and Timbuktu."""
    rows = event_rows(events)
    battle = rows[0]
    assert (battle["latitude"], battle["longitude"]) == ("18.90476", "-3.52649")  # WKT is longitude first
    assert (battle["iso_alpha2"], battle["iso_alpha3"], battle["gwno"], battle["iso_numeric"]) == ("ML", "MLI", "432", "")
    assassination = next(r for r in rows if r["event_type"] == "kg:Assassination")
    assert assassination["place"] == "Timbuktu" and (assassination["latitude"], assassination["longitude"]) == ("16.77348", "-3.00742")


def test_codes_and_coordinates_of_graphs_made_elsewhere(flagship):
    """Wikidata's direct claims are read when kg's own terms are missing; WGS84 lat/long without a WKT point."""
    unlinked = [t for t in flagship.triples if not str(t[1]).startswith((GEO, KG + "iso3166", KG + "gleditsch"))]
    target = OxigraphTarget.from_graph(_graph(unlinked))
    araouane, mali = URIRef(f"{BASE}place/araouane"), URIRef(f"{BASE}country/mali")
    target.load(flagship.iri, [
        (araouane, URIRef(WGS + "lat"), Literal("18.9")),
        (araouane, URIRef(WGS + "long"), Literal("-3.5")),
        (mali, URIRef("http://www.wikidata.org/prop/direct/P297"), Literal("ML")),
        (mali, URIRef("http://www.wikidata.org/prop/direct/P299"), Literal("466")),
    ])
    battle = event_rows(read_events(target))[0]
    assert (battle["latitude"], battle["longitude"]) == ("18.9", "-3.5")
    assert (battle["iso_alpha2"], battle["iso_alpha3"], battle["gwno"], battle["iso_numeric"]) == ("ML", "", "", "466")


def test_without_links_the_code_and_coordinate_columns_are_empty(flagship):
    unlinked = [t for t in flagship.triples if not str(t[1]).startswith((GEO, KG + "iso3166", KG + "gleditsch"))]
    battle = event_rows(read_events(OxigraphTarget.from_graph(_graph(unlinked))))[0]
    assert [battle[c] for c in ("iso_alpha2", "iso_alpha3", "iso_numeric", "gwno", "latitude", "longitude")] == [""] * 6


def _graph(triples):
    from rdflib import Graph

    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _figure(source: str, low: int | None, high: int | None) -> Figure:
    return Figure(iri=f"c-{source}-{low}-{high}", graph="g", event="e", category="kg:Killed", side=1, kind="kg:Personnel",
                  unit="", min=low, max=high, approximate=False, vague="", source=source, source_iri=source,
                  attribution="", stated="", text="", begin=None, end=None)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        ([("a", 16, 28), ("b", 16, 16), ("c", 28, 28)], (16, 16, 28, 3)),  # the flagship's side 1
        ([("a", 10, 10), ("b", 12, 12), ("c", 500, 500)], (10, 12, 500, 3)),  # an outlier moves high, not best
        ([("a", 10, 10), ("b", 30, 30)], (10, 10, 30, 2)),  # even: the lower of the middle two
        ([("a", 12, None)], (12, 12, 12, 1)),  # "at least 12": open above
        ([("a", None, 20)], (20, 20, 20, 1)),  # "up to 20"
        ([("a", 5, 5), ("a", 9, 9), ("b", 7, 7)], (5, 5, 9, 2)),  # one source's lowest figure is its own
        ([("a", None, None)], (None, None, None, 0)),  # a vague word with no number
        ([], (None, None, None, 0)),
    ],
    ids=["flagship-side-1", "outlier", "even-count", "open-above", "up-to", "one-source-two-figures", "no-number", "none"],
)
def test_deaths_across_sources(figures, expected):
    d = deaths([_figure(*f) for f in figures])
    assert (d.low, d.best, d.high, d.sources) == expected


def test_kg_table_from_an_article_a_graph_file_and_the_store_agree(tmp_path):
    runner = CliRunner()
    graph = tmp_path / "araouane.nq"
    assert runner.invoke(main, ["build", str(FLAGSHIP), "-o", str(graph)]).exit_code == 0
    store = str(tmp_path / "store")
    assert runner.invoke(main, ["load", str(FLAGSHIP), "--store", store, "-q"]).exit_code == 0
    outputs = []
    for args in ([str(FLAGSHIP)], [str(graph)], ["--store", store]):
        out = tmp_path / "events.csv"
        result = runner.invoke(main, ["table", "events", *args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append([{k: v for k, v in row.items() if k != "article" or v} for row in read_csv(out.read_text("utf-8"))])
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0][0]["deaths_a_high"] == "28"


def test_kg_table_of_a_folder_gives_every_article(tmp_path):
    result = CliRunner().invoke(main, ["table", "events", str(ROOT / "tests" / "data" / "store")])
    assert result.exit_code == 0, result.output
    rows = read_csv(result.stdout)
    battles = {r["article"]: r for r in rows if r["event_type"] in ("kg:Battle", "kg:Siege")}
    assert sorted(battles) == ["Battle of Kelbara (2011)", "Battle of Tamaris (2011)", "Siege of Orvane (2013)"]
    orvane = battles["Siege of Orvane (2013)"]
    # "Casualties3: 6 civilians killed" counts civilians, not a third side
    assert (orvane["deaths_civilians_low"], orvane["deaths_civilians_high"], orvane["deaths_other_low"]) == ("6", "6", "")
    assert (orvane["side_a"], orvane["conflict"], orvane["precision"], orvane["date_prec"]) == (
        "Niger, France", "Sahel insurgency", "time:unitYear", "5")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["table", "events", "missing.txt"], "kg: error: no such file: missing.txt"),
        (["table", "events", "table.csv"], "kg: error: no such file: table.csv"),
        (["table", "rows", str(FLAGSHIP)], "'rows' is not one of 'events', 'figures'"),
    ],
    ids=["missing-article", "missing-csv", "unknown-table"],
)
def test_kg_table_bad_input(args, message):
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output
