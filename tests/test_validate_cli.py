"""``kg validate`` driven through click's CliRunner: exact output lines and exit statuses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from test_shapes import BREAKS, VALID, broken

import kg.cli.validate  # noqa: F401  (registers the command until kg.cli._register imports it)
from kg.cli import main

FLAGSHIP = Path(__file__).resolve().parent.parent / "data" / "battle_of_araouane_2009.txt"
CLAIM = "https://w3id.org/conflict-kg/id/event/battle-of-testville/claim/casualties1-1"
BATTLE = "https://w3id.org/conflict-kg/id/event/battle-of-testville"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _write(path: Path, graph: Graph, fmt: str = "turtle") -> str:
    path.write_text(graph.serialize(format=fmt), encoding="utf-8")
    return str(path)


@pytest.fixture()
def valid_ttl(tmp_path: Path) -> str:
    return _write(tmp_path / "valid.ttl", Graph().parse(data=VALID, format="turtle"))


@pytest.fixture()
def no_authority_ttl(tmp_path: Path) -> str:
    return _write(tmp_path / "broken.ttl", broken(*BREAKS["kgsh:Claim-accordingTo"][:2]))


@pytest.fixture()
def no_time_ttl(tmp_path: Path) -> str:
    return _write(tmp_path / "no-time.ttl", broken(*BREAKS["kgsh:Battle-time"][:2]))


def test_a_valid_graph_file_passes(runner, valid_ttl):
    result = runner.invoke(main, ["validate", valid_ttl])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "0 violations, 0 warnings\n", "")


def test_a_broken_graph_file_fails_and_names_the_shape(runner, no_authority_ttl):
    result = runner.invoke(main, ["validate", no_authority_ttl])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (
            "Violation  kgsh:Claim-accordingTo  A claim must name exactly one authority "
            "(sem:accordingTo a sem:Authority, the kg:Infobox or the kg:Article)"
        ),
        f"    at {CLAIM}",
        "    path: sem:accordingTo",
        '    text: "- Casualties1: 5–8 killed"',
        "",
        "1 violation, 0 warnings",
    ]


def test_a_warning_alone_does_not_fail(runner, no_time_ttl):
    result = runner.invoke(main, ["validate", no_time_ttl])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Warning    kgsh:Battle-time  A battle should have a time (sem:hasTime); no date was read",
        f"    at {BATTLE} (Battle of Testville)",
        '    text: "= Battle of Testville ="',
        "",
        "0 violations, 1 warning",
    ]


def test_no_warnings_leaves_the_warning_tier_out(runner, no_time_ttl):
    result = runner.invoke(main, ["validate", "--no-warnings", no_time_ttl])
    assert (result.exit_code, result.stdout) == (0, "0 violations, 0 warnings\n")


def test_json_report(runner, no_authority_ttl, no_time_ttl):
    result = runner.invoke(main, ["validate", "--format", "json", no_authority_ttl, no_time_ttl])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["conforms"] is False
    first, second = payload["reports"]
    assert (first["input"], first["conforms"], first["violations"], first["warnings"]) == (no_authority_ttl, False, 1, 0)
    assert first["findings"] == [
        {
            "severity": "Violation",
            "shape": "kgsh:Claim-accordingTo",
            "message": "A claim must name exactly one authority "
            "(sem:accordingTo a sem:Authority, the kg:Infobox or the kg:Article)",
            "focus": CLAIM,
            "focus_label": None,
            "path": "sem:accordingTo",
            "value": None,
            "span_text": "- Casualties1: 5–8 killed",
        }
    ]
    assert (second["conforms"], second["violations"], second["warnings"]) == (True, 0, 1)


def test_several_inputs_get_a_header_each(runner, valid_ttl, no_time_ttl):
    result = runner.invoke(main, ["validate", "--no-warnings", valid_ttl, no_time_ttl])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"== {valid_ttl} ==",
        "0 violations, 0 warnings",
        "",
        f"== {no_time_ttl} ==",
        "0 violations, 0 warnings",
    ]


@pytest.mark.parametrize("suffix, fmt", [(".nq", "nquads"), (".trig", "trig"), (".nt", "nt"), (".jsonld", "json-ld")])
def test_graph_files_in_other_formats(runner, tmp_path, suffix, fmt):
    graph = Graph().parse(data=VALID, format="turtle")
    if fmt in ("nquads", "trig"):
        ds = Dataset()
        named = ds.graph(URIRef("https://w3id.org/conflict-kg/id/graph/battle-of-testville"))
        for triple in graph:
            named.add(triple)
        path = tmp_path / f"valid{suffix}"
        path.write_text(ds.serialize(format=fmt), encoding="utf-8")
    else:
        path = Path(_write(tmp_path / f"valid{suffix}", graph, fmt))
    result = runner.invoke(main, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (0, "0 violations, 0 warnings\n")


def test_an_article_is_built_then_validated(runner):
    pytest.importorskip("kg.pipeline")
    result = runner.invoke(main, ["validate", "--no-warnings", str(FLAGSHIP)])
    assert (result.exit_code, result.stdout) == (0, "0 violations, 0 warnings\n")


@pytest.mark.parametrize(
    "make, message",
    [
        pytest.param(lambda d: d / "missing.ttl", "kg: error: no such file: ", id="missing-graph-file"),
        pytest.param(lambda d: d / "missing.txt", "kg: error: no such file: ", id="missing-article"),
        pytest.param(lambda d: d, "is a directory", id="directory"),
        pytest.param(lambda d: (d / "g.csv", (d / "g.csv").write_text("a,b\n"))[0], "cannot tell what", id="csv-file"),
        pytest.param(
            lambda d: (d / "bad.ttl", (d / "bad.ttl").write_text("<a> <b> .\n"))[0], "cannot parse", id="turtle-missing-object"
        ),
        pytest.param(lambda d: (d / "e.txt", (d / "e.txt").write_text(""))[0], "is empty", id="empty-article"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(runner, tmp_path, make, message):
    path = make(tmp_path)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("kg: error: ") and message in line
    assert "Traceback" not in result.output


def test_no_input_is_a_usage_error(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_help_shows_an_example(runner):
    result = runner.invoke(main, ["validate", "--help"])
    assert result.exit_code == 0
    assert "kg validate article.txt" in result.stdout
    assert "--no-warnings" in result.stdout and "--format [text|json]" in result.stdout


def test_a_graph_dumped_from_the_embedded_store_conforms(runner, tmp_path):
    # Oxigraph stores xsd:nonNegativeInteger (span offsets) as xsd:integer: still valid
    store, dump = str(tmp_path / "store"), tmp_path / "dump.nq"
    assert runner.invoke(main, ["load", str(FLAGSHIP), "--store", store]).exit_code == 0
    assert runner.invoke(main, ["store", "dump", "--store", store, "-f", "nq", "-o", str(dump)]).exit_code == 0
    assert "integer>" in dump.read_text() and "nonNegativeInteger" not in dump.read_text()
    result = runner.invoke(main, ["validate", str(dump), "--no-warnings"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "0 violations, 0 warnings"
