"""Deeply nested SPARQL is refused before any engine sees it (it crashed ``kg sparql`` and
``kg query`` with exit 139, and an Oxigraph server it was forwarded to; the server case is in
tests/store/test_store_hostile.py). A query at the bound runs on every engine."""
from __future__ import annotations

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


def _kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, capture_output=True, text=True, env=env, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store holding the flagship (loaded here: the deep queries are what needs kg processes)."""
    from kg.pipeline import build

    where = tmp_path_factory.mktemp("deep") / "store"
    with EmbeddedStore(where) as embedded:
        embedded.load(build(FLAGSHIP))
    return where


@pytest.mark.parametrize("how", ["sparql-text", "sparql-stdin", "query-rq-on-store", "query-rq-on-article"])
def test_a_deep_query_is_one_line_not_a_crash(store, tmp_path, how):
    rq = tmp_path / "deep.rq"
    rq.write_text(DEEP, encoding="utf-8")
    args, stdin = {
        "sparql-text": (["sparql", DEEP, "--store", str(store)], None),
        "sparql-stdin": (["sparql", "-", "--store", str(store)], DEEP),
        "query-rq-on-store": (["query", str(rq), "--store", str(store)], None),
        "query-rq-on-article": (["query", str(rq), str(FLAGSHIP)], None),
    }[how]
    done = _kg(*args, stdin=stdin)
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert done.stderr == (
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
