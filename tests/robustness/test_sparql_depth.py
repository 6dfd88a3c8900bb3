"""Deeply nested SPARQL is refused before any engine sees it (it crashed ``kg sparql`` and
``kg query`` with exit 139, and an Oxigraph server it was forwarded to; the server case is in
tests/store/test_store_hostile.py). A query at the bound runs on every engine."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import GraphTarget, OxigraphTarget
from kg.sparql_depth import MAX_SPARQL_DEPTH, check_depth
from kg.store.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
DEEP = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000


def _nested(depth: int) -> str:
    """A SELECT whose brackets nest *depth* deep: braces, then parentheses in a FILTER."""
    braces = depth // 2
    parens = depth - braces - 1  # FILTER( is one more
    return ("SELECT ?s WHERE " + "{" * braces + " ?s ?p ?o FILTER(" + "(" * parens + "true" + ")" * parens + ") "
            + "}" * braces)


#: The deep queries' cases: (how, the arguments of kg, its stdin) given the store and the .rq file.
CASES = {
    "sparql-text": lambda store, rq: (["sparql", DEEP, "--store", str(store)], None),
    "sparql-stdin": lambda store, rq: (["sparql", "-", "--store", str(store)], DEEP),
    "query-rq-on-store": lambda store, rq: (["query", str(rq), "--store", str(store)], None),
    "query-rq-on-article": lambda store, rq: (["query", str(rq), str(FLAGSHIP)], None),
}

#: Runs kg's command line on each case given as JSON on stdin; prints the exit status and stderr of each.
CHILD = """
import json, sys
from click.testing import CliRunner
from kg.cli import main
done = {}
for how, (args, stdin) in json.load(sys.stdin).items():
    result = CliRunner().invoke(main, args, input=stdin, prog_name="kg")
    done[how] = (result.exit_code, result.stderr)
print(json.dumps(done))
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store holding the flagship (loaded here: the deep queries are what needs kg processes)."""
    from kg.pipeline import build

    where = tmp_path_factory.mktemp("deep") / "store"
    with EmbeddedStore(where) as embedded:
        embedded.load(build(FLAGSHIP))
    return where


@pytest.fixture(scope="module")
def deep_answers(store, tmp_path_factory) -> dict[str, list]:
    """kg's exit status and stderr for every case, run in one Python process of their own: a crash
    (exit 139, as before the bound) kills that process, not the test run, and fails every case."""
    rq = tmp_path_factory.mktemp("deep-rq") / "deep.rq"
    rq.write_text(DEEP, encoding="utf-8")
    cases = {how: make(store, rq) for how, make in CASES.items()}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD], check=False, capture_output=True, text=True, env=env,
                          input=json.dumps(cases), timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    return json.loads(done.stdout)


@pytest.mark.parametrize("how", list(CASES))
def test_a_deep_query_is_one_line_not_a_crash(deep_answers, how):
    status, stderr = deep_answers[how]
    assert status == 2, (status, stderr[-500:])
    assert stderr == (
        f"kg: error: the SPARQL query nests brackets more than {MAX_SPARQL_DEPTH} deep (at line 1, column "
        f"{16 + MAX_SPARQL_DEPTH}); kg refuses deeper queries, which crash SPARQL engines\n"
    )


def test_every_engine_answers_at_the_bound_and_none_sees_a_query_beyond(store):
    from kg.pipeline import build

    graph = build(FLAGSHIP).graph
    with EmbeddedStore(store, create=False) as embedded:
        engines = {
            "rdflib": GraphTarget.from_mapped(graph).select,
            "pyoxigraph": OxigraphTarget.from_mapped(graph).select,
            "embedded store": lambda q: embedded.select(q),
        }
        at_bound, beyond = _nested(MAX_SPARQL_DEPTH), _nested(MAX_SPARQL_DEPTH + 1)
        assert check_depth(at_bound) == MAX_SPARQL_DEPTH
        for name, select in engines.items():
            variables, rows = select(at_bound)
            assert variables == ["s"] and len(rows) == len(graph.triples), name
            with pytest.raises(QueryError, match=f"more than {MAX_SPARQL_DEPTH} deep"):
                select(beyond)


@pytest.mark.parametrize(("text", "depth"), [
    ('SELECT * WHERE { ?s ?p "{{{{((((" }', 1),
    ("SELECT * WHERE { ?s ?p '''}}} {{{ \"\"\" ''' }", 1),
    ('SELECT * WHERE { ?s ?p """ {{ \\""" {{ """ }', 1),
    ("SELECT * WHERE { ?s ?p ?o } # {{{{{{ ((((((\n", 1),
    ("SELECT * WHERE { ?s <http://x/a#b> ?o FILTER((?o)) }", 3),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o <3) FILTER((?o > 2)) }", 3),
    ("}}}}}}}}}} SELECT * WHERE { { ?s ?p ?o } }", 2),
])
def test_brackets_in_strings_iris_and_comments_do_not_count(text, depth):
    assert check_depth(text) == depth


def test_a_hash_in_an_iri_does_not_hide_what_follows():
    hidden = "SELECT * WHERE { ?s <http://x/a#b> " + "{" * 100 + " ?o " + "}" * 100 + " }"
    with pytest.raises(QueryError, match="column"):
        check_depth(hidden)
