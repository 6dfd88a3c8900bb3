"""The store commands: kg load, kg sparql, kg store stats|drop|dump, kg serve."""
from __future__ import annotations

import json
import subprocess
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from local_http import serve, stop

import kg.cli.store  # noqa: F401  (registers the commands on main)
from kg.cli import main

GRAPH = "https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)"


@pytest.fixture
def run(tmp_path, clean_env):
    runner = CliRunner()
    store = str(tmp_path / "store")

    def invoke(*args: str, with_store: bool = True):
        argv = list(args) + (["--store", store] if with_store else [])
        return runner.invoke(main, argv, catch_exceptions=False)

    invoke.store = store  # type: ignore[attr-defined]
    return invoke


def test_load_twice_then_stats(run, flagship_path, flagship_built):
    n = len(flagship_built.graph.triples)
    first = run("load", str(flagship_path))
    assert first.exit_code == 0
    assert first.output.splitlines()[0].startswith(f"loaded <{GRAPH}>: {n} triples (")
    second = run("load", str(flagship_path))
    assert second.output.splitlines()[0].startswith(f"replaced <{GRAPH}>: {n} triples (")
    assert second.output.splitlines()[1].startswith(f"1 article(s), {n} triples into {run.store} in ")
    stats = run("store", "stats")
    assert stats.exit_code == 0
    assert stats.stdout.splitlines()[1].split() == [GRAPH, str(n)]


def test_load_a_folder_reports_articles_that_do_not_build(run, tmp_path, flagship_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(flagship_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"\xff\xfe not an article")
    result = run("load", str(folder), "-q")
    assert result.exit_code == 1
    assert "b.txt" in result.output and "1 article(s) could not be built" in result.output
    assert run("store", "stats").stdout.splitlines()[1].split()[0] == GRAPH


def test_sparql_select_ask_construct(run, flagship_path):
    run("load", str(flagship_path))
    table = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/conflict-kg/vocab#Side> }")
    assert table.output.split() == ["n", "-", "2"]
    csv = run("sparql", "SELECT ?i WHERE { ?s <https://w3id.org/conflict-kg/vocab#sideIndex> ?i } ORDER BY ?i", "--format", "csv")
    assert csv.output.splitlines() == ["i", "1", "2"]
    scoped = run("sparql", "ASK { ?s ?p ?o }", "--graph", "Battle_of_Araouane_(2009)")
    assert scoped.output == "true\n"
    construct = run("sparql", "CONSTRUCT { ?s a <https://w3id.org/conflict-kg/vocab#Side> } WHERE { ?s a <https://w3id.org/conflict-kg/vocab#Side> }")
    assert sorted(construct.output.splitlines()) == [
        f"<https://w3id.org/conflict-kg/id/event/Battle_of_Araouane_(2009)/side/{i}> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kg/vocab#Side> ."
        for i in (1, 2)
    ]


def test_sparql_from_a_file_as_json(run, flagship_path, tmp_path):
    run("load", str(flagship_path))
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?t WHERE { GRAPH ?g { ?a <http://purl.org/dc/terms/title> ?t } }")
    result = run("sparql", str(query), "-f", "json")
    doc = json.loads(result.output)
    assert doc["results"]["bindings"] == [{"t": {"type": "literal", "value": "Battle of Araouane (2009)", "xml:lang": "en"}}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("sparql", "SELEC nothing {"), "kg: error: SPARQL syntax error at line 1, column 10", id="malformed-query"),
        pytest.param(("store", "drop", "no-such-article"), "has no graph <https://w3id.org/conflict-kg/id/graph/no-such-article>", id="drop-unknown"),
        pytest.param(("sparql", "ASK {}", "--graph", "nothing-here"), "has no graph <https://w3id.org/conflict-kg/id/graph/nothing-here>", id="unknown-graph"),
    ],
)
def test_errors_are_one_line(run, flagship_path, args, message):
    run("load", str(flagship_path))
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_reading_before_loading_says_what_to_do(run):
    result = run("store", "stats")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: error: there is no store at {run.store}; load articles first")


def test_drop_and_dump(run, flagship_path, flagship_built, tmp_path):
    run("load", str(flagship_path))
    out = tmp_path / "all.nq"
    assert run("store", "dump", "--format", "nq", "-o", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(flagship_built.graph.triples) and all(line.endswith(f"<{GRAPH}> .") for line in lines)
    trig = run("store", "dump")
    assert trig.stdout.startswith("@prefix ") and f"<{GRAPH}> {{" in trig.stdout
    dropped = run("store", "drop", str(flagship_path))
    assert dropped.output == f"dropped <{GRAPH}>: {len(flagship_built.graph.triples)} triples\n"


def test_store_and_endpoint_together_are_refused(run):
    result = run("store", "stats", "--endpoint", "http://127.0.0.1:1")
    assert result.exit_code == 2
    assert "give either --store or --endpoint, not both" in result.stderr


def test_the_password_comes_from_the_environment_and_is_never_printed(run):
    runner = CliRunner()
    result = runner.invoke(
        main, ["store", "stats", "--endpoint", "http://127.0.0.1:1/sparql", "--user", "dba", "--retries", "0"],
        env={"KG_PASSWORD": "hunter2"},
    )
    assert result.exit_code == 2
    assert "cannot reach http://127.0.0.1:1/sparql" in result.stderr and "hunter2" not in result.output + result.stderr


@pytest.mark.server
def test_serve_prints_the_url_and_answers_sparql(tmp_path, kg_command, clean_env, flagship_path):
    import shutil

    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["load", str(flagship_path), "--store", store, "-q"]).exit_code == 0
    proc = subprocess.Popen(kg_command + ["serve", "--store", store, "--port", "0"], env=clean_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith(f"serving {store} at http://127.0.0.1:"), line + (proc.stderr.read() if proc.poll() is not None else "")
        url = line.split(" at ", 1)[1].split()[0]
        with urllib.request.urlopen(url, timeout=5) as page:
            assert b"<html" in page.read(2000).lower()  # the query page
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
        request = urllib.request.Request(f"{url}query?{query}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=5) as answer:
            n = json.load(answer)["results"]["bindings"][0]["n"]["value"]
        assert int(n) > 0
        busy = CliRunner().invoke(main, ["load", str(flagship_path), "--store", store, "--wait", "0"])  # the server holds it
        assert busy.exit_code == 2 and f"the store at {store} is in use by another process" in busy.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_on_a_port_in_use_fails_clearly(tmp_path, kg_command, clean_env, flagship_path):
    """It printed "serving" (the other server answered kg's probe) and exited 0."""
    import http.server
    import shutil

    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    store = str(tmp_path / "store")
    assert CliRunner().invoke(main, ["load", str(flagship_path), "--store", store, "-q"]).exit_code == 0

    class Ok(http.server.BaseHTTPRequestHandler):  # answers kg's probe, as a SPARQL server would
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd, _ = serve(Ok)
    port = httpd.server_address[1]
    try:
        done = subprocess.run(kg_command + ["serve", "--store", store, "--port", str(port)], check=False, env=clean_env,
                              capture_output=True, text=True, timeout=60)
    finally:
        stop(httpd)
    assert done.returncode == 2 and done.stdout == "", done.stdout
    assert done.stderr == f"kg: error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another --port (0: any free one)\n"
