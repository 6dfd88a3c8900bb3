"""``kg queries`` and ``kg query`` driven through click's CliRunner, with exact output."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg.cli.query  # noqa: F401  (registers the commands until kg/cli/__init__.py imports it)
from kg.cli import main

FLAGSHIP = str(Path(__file__).resolve().parents[1] / "data" / "battle_of_araouane_2009.txt")
KG = "kg:"  # CSV answers write kg's terms as compact names (--full-iris: whole)

QUERIES_LISTING = """\
actor-battles              The battles a named actor took part in, and how
articles                   The article graphs loaded, with their provenance
battles-per-actor          How many battles each actor fought, and won, across the store
casualties                 Casualties of each side, by category
causes                     What led to the battle
commander-fates            What became of each commander, with dates
commanders                 Who commanded each side, and what became of them in the battle
commanders-across-battles  Commanders of several battles: each one's battles, sides and fates
deaths-per-country         People killed in the battles of each country, across the store
deaths-per-year            People killed in the battles of each year, across the store
disagreements              Sources that disagree on the same side and category, and by how much
envelope                   The envelope of a side's figures across sources
figures                    Every figure with its source and the text it was read from
places                     The places of each article with coordinates, as on a map
result                     Who won the battle
sides                      Who fought on which side
statements                 Every claim stated in words, without a figure, and who made it
strength                   The strength of each side
timeline                   Every dated event of the article, in order
unparsed-fields            Infobox fields that could not be (fully) parsed
when-where                 When and where the battle took place
"""

B = "Battle of Araouane (2009)"
BOX = "infobox of Battle of Araouane (2009)"
SURVIVORS = "Survivors of the battle"

#: side 1: AQIM "capture of three others", the infobox "3-30 prisoners", Jeune Afrique "twenty were taken
#: prisoner"; the survivors' army vehicles "six were destroyed ... the other six were scattered"; Jeune
#: Afrique "Sixteen Malian soldiers", the infobox "16–28 killed", AQIM "twenty-eight Malian soldiers";
#: side 2: AQIM "one Mauritanian within their ranks", the infobox "1–20 killed", Jeune Afrique
#: "Between one and twenty jihadists"
CASUALTIES_CSV = (
    "battle,side,category,min,max,approximate,unit,source\r\n"
    f"{B},1,{KG}Captured,3,3,false,,AQIM\r\n"
    f"{B},1,{KG}Captured,3,30,false,,{BOX}\r\n"
    f"{B},1,{KG}Captured,20,20,false,,Jeune Afrique\r\n"
    f"{B},1,{KG}Destroyed,6,6,false,army vehicles,{SURVIVORS}\r\n"
    f"{B},1,{KG}Killed,16,16,false,Malian soldiers,Jeune Afrique\r\n"
    f"{B},1,{KG}Killed,16,28,false,,{BOX}\r\n"
    f"{B},1,{KG}Killed,28,28,false,Malian soldiers,AQIM\r\n"
    f"{B},1,{KG}Missing,6,6,false,army vehicles,{SURVIVORS}\r\n"
    f"{B},2,{KG}Killed,1,1,false,,AQIM\r\n"
    f"{B},2,{KG}Killed,1,20,false,,{BOX}\r\n"
    f"{B},2,{KG}Killed,1,20,false,jihadists,Jeune Afrique\r\n"
)

WHEN_WHERE_TABLE = """\
battle                     start       end         precision     relation  place     country  point
-------------------------  ----------  ----------  ------------  --------  --------  -------  ------------------------
Battle of Araouane (2009)  2009-07-04  2009-07-04  time:unitDay  kg:near   Araouane  Mali     POINT(-3.52649 18.90476)
"""

WHEN_WHERE_CSV = (
    "battle,start,end,precision,relation,place,country,point\r\n"
    f"Battle of Araouane (2009),2009-07-04,2009-07-04,time:unitDay,{KG}near,Araouane,Mali,POINT(-3.52649 18.90476)\r\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_queries_lists_every_stored_query(runner):
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    assert result.stdout == QUERIES_LISTING


def test_queries_name_shows_the_question_and_parameters(runner):
    result = runner.invoke(main, ["queries", "envelope"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "envelope: The envelope of a side's figures across sources"
    assert lines[1].startswith("question: For a side and a category, what is the lowest lower bound")
    assert lines[2] == "--param side=<xsd:integer>  The side number (1, 2 ...); every side when not given"
    assert lines[3] == (
        "--param category=<kg:Category>  The category (Killed, Captured, Strength ...); every category when not given"
    )
    assert lines[4].startswith("file: ") and lines[4].endswith("envelope.rq")


def test_query_csv_of_the_flagship(runner):
    result = runner.invoke(main, ["query", "casualties", FLAGSHIP, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == CASUALTIES_CSV.encode()  # bytes: click's .stdout folds CRLF


def test_query_table_of_the_flagship(runner):
    result = runner.invoke(main, ["query", "when-where", FLAGSHIP])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == WHEN_WHERE_TABLE


def test_query_with_params(runner):
    result = runner.invoke(
        main, ["query", "envelope", FLAGSHIP, "--param", "side=1", "-p", "category=killed", "-f", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == (
        "battle,side,category,kind,lowest,highest,unbounded,sources,claims\r\n"
        f"{B},1,{KG}Killed,{KG}Personnel,16,28,0,3,3\r\n"  # infobox 16–28, Jeune Afrique 16, AQIM 28
    ).encode()


def test_query_json(runner):
    result = runner.invoke(main, ["query", "actor-battles", FLAGSHIP, "-p", "actor=Mali", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"]["bindings"] == [
        {
            "actor": {"type": "literal", "value": "Mali", "xml:lang": "en"},
            "battle": {"type": "literal", "value": "Battle of Araouane (2009)", "xml:lang": "en"},
            "start": {"type": "literal", "value": "2009-07-04", "datatype": "http://www.w3.org/2001/XMLSchema#date"},
            "side": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
            "role": {"type": "literal", "value": "member"},
        }
    ]


def test_query_injection_attempt_is_a_literal(runner):
    result = runner.invoke(main, ["query", "actor-battles", FLAGSHIP, "-p", 'actor=x" } ; DROP ALL ; #'])
    assert result.exit_code == 0
    assert result.stdout == "actor  battle  start  side  role\n-----  ------  -----  ----  ----\n"


def test_query_output_file(runner, tmp_path):
    out = tmp_path / "casualties.csv"
    result = runner.invoke(main, ["query", "casualties", FLAGSHIP, "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_bytes() == CASUALTIES_CSV.encode("utf-8")


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory):
    """The flagship graph written in every graph format ``kg query`` reads."""
    from kg.pipeline import build

    built = build(FLAGSHIP)
    folder = tmp_path_factory.mktemp("graphs")
    ds = built.dataset()
    plain = Graph()
    for triple in built.graph.triples:
        plain.add(triple)
    files = {}
    for suffix, fmt, source in [
        (".trig", "trig", ds),
        (".nq", "nquads", ds),
        (".ttl", "turtle", plain),
        (".nt", "nt", plain),
        (".jsonld", "json-ld", plain),
    ]:
        path = folder / f"araouane{suffix}"
        source.serialize(path, format=fmt, encoding="utf-8")
        files[suffix] = str(path)
    return files


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt", ".jsonld"])
def test_query_graph_file(runner, graph_files, suffix):
    result = runner.invoke(main, ["query", "when-where", graph_files[suffix], "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == WHEN_WHERE_CSV.encode()


def test_query_rq_file_with_its_own_header(runner, tmp_path):
    rq = tmp_path / "sides-of.rq"
    rq.write_text(
        "# summary: Members of one side\n"
        "# question: Who is on this side?\n"
        "# param: side xsd:integer  The side  default: 2\n"
        "PREFIX kg: <https://w3id.org/conflict-kg/vocab#>\n"
        "PREFIX schema: <https://schema.org/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?side ?member WHERE { GRAPH ?g { ?s kg:sideIndex ?side ; schema:member ?m . ?m rdfs:label ?member } }\n"
        "ORDER BY ?side ?member\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["query", str(rq), FLAGSHIP, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == b"side,member\r\n2,AQIM\r\n2,drug traffickers\r\n"
    result = runner.invoke(main, ["query", str(rq), FLAGSHIP, "-f", "csv", "-p", "side=1"])
    assert result.stdout_bytes == b"side,member\r\n1,Mali\r\n"


def test_query_help_has_an_example(runner):
    result = runner.invoke(main, ["query", "--help"])
    assert result.exit_code == 0
    assert "  Example:\n    kg query casualties article.txt\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "casualty", FLAGSHIP], "unknown query 'casualty'; known queries: actor-battles, articles, battles-per-actor, casualties, causes, commander-fates, commanders, commanders-across-battles, deaths-per-country, deaths-per-year, disagreements, envelope, figures, places, result, sides, statements, strength, timeline, unparsed-fields, when-where"),
        (["queries", "casualty"], "unknown query 'casualty'; known queries: actor-battles, articles, battles-per-actor, casualties, causes, commander-fates, commanders, commanders-across-battles, deaths-per-country, deaths-per-year, disagreements, envelope, figures, places, result, sides, statements, strength, timeline, unparsed-fields, when-where"),
        (["query", "envelope", FLAGSHIP, "-p", "side=one"], "parameter side: 'one' is not a valid xsd:integer (write a whole number)"),
        (["query", "envelope", FLAGSHIP, "-p", 'side=1 } ; DROP ALL ; #'], "parameter side: '1 } ; DROP ALL ; #' is not a valid xsd:integer (write a whole number)"),
        (["query", "envelope", FLAGSHIP, "-p", "sid=1"], "query envelope has no parameter 'sid'; its parameters: side, category"),
        (["query", "casualties", FLAGSHIP, "-p", "side=1"], "query casualties has no parameter 'side'; it takes no parameters"),
        (["query", "envelope", FLAGSHIP, "-p", "side"], "--param expects NAME=VALUE, got 'side'"),
        (["query", "envelope", FLAGSHIP, "-p", "side=1", "-p", "side=2"], "--param side is given twice"),
        (["query", "casualties", "araouane.csv"], "cannot query 'araouane.csv': expected an article .txt or a graph file (.ttl .nt .nq .trig .jsonld)"),
    ],
    ids=["unknown-query", "unknown-query-listing", "param-not-integer", "param-injection", "unknown-param",
         "no-params-taken", "param-without-value", "param-twice", "unknown-suffix"],
)
def test_bad_input_is_one_line_on_stderr(runner, args, message):
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"kg: error: {message}\n"


def test_bad_parameter_fails_before_the_article_is_read(runner):
    result = runner.invoke(main, ["query", "envelope", "missing.txt", "-p", "side=x"])
    assert result.stderr == "kg: error: parameter side: 'x' is not a valid xsd:integer (write a whole number)\n"


def test_unreadable_graph_file_is_one_line(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("garbage <\n", encoding="utf-8")
    result = runner.invoke(main, ["query", "casualties", str(bad)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"kg: error: cannot parse {bad} as turtle: ")


def test_query_runs_on_the_embedded_store(runner, tmp_path):
    store = str(tmp_path / "store")
    loaded = runner.invoke(main, ["load", FLAGSHIP, "--store", store])
    assert loaded.exit_code == 0, loaded.stderr
    on_file = runner.invoke(main, ["query", "casualties", FLAGSHIP, "-f", "csv"])
    on_store = runner.invoke(main, ["query", "casualties", "--store", store, "-f", "csv"])
    scoped = runner.invoke(main, ["query", "casualties", "--store", store, "--graph", FLAGSHIP, "-f", "csv"])
    assert on_store.exit_code == 0 and scoped.exit_code == 0, on_store.stderr + scoped.stderr
    assert on_store.stdout_bytes == on_file.stdout_bytes == scoped.stdout_bytes
    assert on_file.stdout.count("\n") == 12  # header and the eleven casualty figures (infobox and prose)


def test_query_on_a_missing_store_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["query", "casualties"], env={"KG_STORE": str(tmp_path / "nowhere")})
    assert result.exit_code == 2
    assert result.stderr == (
        f"kg: error: there is no store at {tmp_path / 'nowhere'}; load articles first (kg load ARTICLE --store DIR)\n"
    )
