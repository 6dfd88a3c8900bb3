"""The embedded store (pyoxigraph on disk): atomic replace, stats, drop, dump, queries, locking."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.errors import KgError, QueryError, StoreError
from kg.store import GraphStats, graph_iri, scoped
from kg.store.embedded import EmbeddedStore, default_store_path

EX = "https://example.org/"
OTHER_GRAPH = EX + "graph/other"
OTHER = [
    (URIRef(EX + "a"), URIRef(EX + "p"), Literal("16–28 killed", lang="en")),
    (URIRef(EX + "a"), URIRef(EX + "n"), Literal(16)),
]


@pytest.fixture
def store(tmp_path: Path):
    with EmbeddedStore(tmp_path / "store", wait=0) as s:
        yield s


def _triples(store: EmbeddedStore, graph: str) -> set[tuple]:
    _, rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph=graph)
    return set(rows)


def test_load_puts_the_article_in_its_named_graph(store, flagship_built, as_stored):
    report = store.load(flagship_built)
    iri = str(flagship_built.graph.iri)
    assert iri == "https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)"
    assert (report.graph, report.triples, report.replaced) == (iri, len(flagship_built.graph.triples), 0)
    assert _triples(store, iri) == as_stored(flagship_built.graph.triples)


def test_loading_twice_replaces_exactly_its_graph(store, flagship_built):
    iri = str(flagship_built.graph.iri)
    store.replace_graph(OTHER_GRAPH, OTHER)
    store.load(flagship_built)
    first = _triples(store, iri)
    report = store.load(flagship_built)
    n = len(flagship_built.graph.triples)
    assert (report.triples, report.replaced) == (n, n)
    assert _triples(store, iri) == first
    assert store.stats() == (GraphStats(OTHER_GRAPH, 2), GraphStats(iri, n))


def test_replacing_with_fewer_triples_leaves_no_stale_triple(store):
    store.replace_graph(OTHER_GRAPH, OTHER)
    store.replace_graph(OTHER_GRAPH, OTHER[:1])
    assert _triples(store, OTHER_GRAPH) == {OTHER[0]}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        pytest.param(URIRef("battle of araouane"), "not a valid absolute IRI: 'battle of araouane'", id="iri-with-spaces-caught-before-writing"),
        pytest.param(URIRef("http://[::1"), "cannot write graph", id="iri-the-engine-rejects-inside-the-transaction"),
    ],
)
def test_a_failed_load_leaves_the_previous_graph_intact(store, bad, message):
    store.replace_graph(OTHER_GRAPH, OTHER)
    many = [(URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(500)]
    with pytest.raises(StoreError, match=message.replace("[", r"\[")):
        store.replace_graph(OTHER_GRAPH, many + [(URIRef(EX + "s"), URIRef(EX + "p"), bad)])
    assert _triples(store, OTHER_GRAPH) == set(OTHER)


def test_a_load_killed_mid_transaction_leaves_the_previous_graph_intact(tmp_path, flagship_built):
    """A real crash: the writer process is killed (SIGKILL) inside a long replace."""
    where = tmp_path / "store"
    iri = str(flagship_built.graph.iri)
    with EmbeddedStore(where) as s:
        s.load(flagship_built)
        before = _triples(s, iri)
    script = textwrap.dedent(
        f"""
        import sys
        from rdflib import Literal, URIRef
        from kg.store.embedded import EmbeddedStore

        class Engine:  # pyoxigraph's store, saying when an update (a transaction) begins
            def __init__(self, engine):
                self.engine = engine
            def __getattr__(self, name):
                return getattr(self.engine, name)
            def update(self, *args, **kwargs):
                print("updating", flush=True)
                return self.engine.update(*args, **kwargs)

        class Announcing(EmbeddedStore):
            @property
            def store(self):
                return Engine(super().store)

        triples = [(URIRef("{EX}s%d" % i), URIRef("{EX}p%d" % (i % 40)), Literal("value %d" % i)) for i in range(50000)]
        store = Announcing({str(where)!r})
        store.replace_graph({iri!r}, triples)
        print("done", flush=True)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])
    assert proc.stdout is not None and proc.stdout.readline().strip() == "updating"
    time.sleep(0.2)  # inside the transaction: writing 50,000 triples takes a second or more
    assert proc.poll() is None, "the load ended before it could be killed"
    proc.kill()
    proc.wait(timeout=10)
    with EmbeddedStore(where, wait=5) as s:
        assert _triples(s, iri) == before
        assert s.stats() == (GraphStats(iri, len(before)),)


def test_drop_removes_one_graph_and_says_how_many_triples(store, flagship_built):
    store.replace_graph(OTHER_GRAPH, OTHER)
    store.load(flagship_built)
    iri = str(flagship_built.graph.iri)
    assert store.drop(iri) == len(flagship_built.graph.triples)
    assert store.graphs() == [OTHER_GRAPH]
    with pytest.raises(StoreError, match=re.escape(f"has no graph <{iri}>; see kg store stats")):
        store.drop(iri)


def test_stats_filters_by_prefix(store, flagship_built):
    store.replace_graph(OTHER_GRAPH, OTHER)
    store.load(flagship_built)
    kg_graphs = store.stats(prefix="https://w3id.org/conflict-kg/id/graph/")
    assert kg_graphs == (GraphStats(str(flagship_built.graph.iri), len(flagship_built.graph.triples)),)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("trig", "trig"), ("nq", "nquads")])
def test_dump_gives_every_graph_back(store, flagship_built, fmt, rdflib_format, as_stored):
    store.replace_graph(OTHER_GRAPH, OTHER)
    store.load(flagship_built)
    data = store.dump(fmt)
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=rdflib_format)
    graphs = {str(g.identifier): set(g) for g in ds.graphs() if len(g)}
    assert graphs == {OTHER_GRAPH: set(OTHER), str(flagship_built.graph.iri): as_stored(flagship_built.graph.triples)}
    if fmt == "trig":
        assert data.startswith(b"@prefix ")


def test_dump_refuses_unknown_format(store):
    with pytest.raises(StoreError, match="cannot dump as 'ttl'; choose one of trig, nq"):
        store.dump("ttl")


def test_query_kinds_and_graph_scope(store, flagship_built):
    store.replace_graph(OTHER_GRAPH, OTHER)
    store.load(flagship_built)
    assert store.query(f"ASK {{ ?s <{EX}n> 16 }}").boolean is True
    assert store.query(f"ASK {{ ?s <{EX}n> 16 }}", graph=str(flagship_built.graph.iri)).boolean is False
    answer = store.query(f"CONSTRUCT {{ ?s <{EX}n> ?o }} WHERE {{ ?s <{EX}n> ?o }}")
    assert answer.kind == "graph" and answer.triples == (OTHER[1],)
    variables, rows = store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", graph=OTHER_GRAPH)
    assert (variables, rows) == (["g"], [(URIRef(OTHER_GRAPH),)])


def test_bindings_are_typed_terms(store):
    store.replace_graph(OTHER_GRAPH, OTHER)
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    assert store.select(query, {"o": Literal(16)})[1] == [(URIRef(EX + "a"),)]
    assert store.select(query, {"o": Literal("16")})[1] == []  # the string "16" is not the number 16


@pytest.mark.parametrize(
    ("query", "graph", "error", "message"),
    [
        pytest.param("SELEC ?s WHERE {}", None, QueryError, "the SPARQL query is malformed", id="typo-in-keyword"),
        pytest.param("SELECT * WHERE { ?s ?p ?o }", EX + "graph/none", StoreError, "has no graph <https://example.org/graph/none>", id="unknown-graph"),
        pytest.param("ASK {}", None, QueryError, "select\\(\\) needs a SELECT query", id="ask-through-select"),
    ],
)
def test_query_errors(store, query, graph, error, message):
    store.replace_graph(OTHER_GRAPH, OTHER)
    with pytest.raises(error, match=message):
        store.select(query, graph=graph)


def test_reading_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match=r"there is no store at .*nowhere; load articles first"):
        EmbeddedStore(tmp_path / "nowhere", create=False)


def test_a_file_is_not_a_store(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        EmbeddedStore(tmp_path / "file")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({"KG_STORE": "/srv/kg"}, Path("/srv/kg"), id="kg-store-variable"),
        pytest.param({"XDG_DATA_HOME": "/data"}, Path("/data/kg/store"), id="xdg-data-home"),
    ],
)
def test_default_store_path(monkeypatch, env, expected):
    monkeypatch.delenv("KG_STORE", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    if sys.platform.startswith("linux"):
        assert default_store_path() == expected


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        pytest.param("https://x.org/graph/y", "https://x.org/graph/y", id="iri-kept"),
        pytest.param("Battle_of_Araouane_(2009)", "https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)", id="identifier"),
        pytest.param("Battle of Araouane (2009)", "https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)", id="title"),
        pytest.param("Battle of X!", "https://w3id.org/conflict-kg/id/graph/battle-of-x~285ed13cb8dc", id="title-hashed"),
        pytest.param("battle-of-x~285ed13cb8dc", "https://w3id.org/conflict-kg/id/graph/battle-of-x~285ed13cb8dc", id="identifier-hashed"),
        pytest.param("Battle of Araouane (2009)", "https://w3id.org/conflict-kg/id/graph/Battle_of_Araouane_(2009)", id="title"),
    ],
)
def test_graph_iri_of_an_article_argument(ref, expected):
    assert graph_iri(ref, base="https://w3id.org/conflict-kg/id/") == expected


def test_graph_iri_of_an_article_file(flagship_path):
    assert graph_iri(str(flagship_path), base="https://x.org/") == "https://x.org/graph/Battle_of_Araouane_(2009)"


# ---- stored queries: the store answers as an in-memory graph does ------------------------------------


def _stored_query_names() -> list[str]:
    try:
        from kg.query import stored_queries

        return sorted(stored_queries())
    except (ImportError, KgError):  # the query module is not there (or broken): no cases
        return []


_PARAM_CASES = [
    ("envelope", {"side": "1"}),
    ("envelope", {"side": "2", "category": "Killed"}),
    ("envelope", {"category": "Strength"}),
    ("actor-battles", {"actor": "Mali"}),
]


def _key(row: tuple) -> tuple:
    return tuple("" if t is None else f"{type(t).__name__}:{t!r}" for t in row)


@pytest.fixture(scope="module")
def flagship_store(tmp_path_factory, flagship_built):
    """A store holding the flagship, shared by the stored-query tests below, which only read it."""
    with EmbeddedStore(tmp_path_factory.mktemp("queried") / "store") as s:
        s.load(flagship_built)
        yield s


@pytest.fixture(scope="module")
def in_memory_answer(flagship_built):
    """A function: a stored query's answer over the flagship's graph in memory (pyoxigraph, whose
    answers are rdflib's: tests/test_queries.py), computed once for each query and parameters."""
    from kg.query import OxigraphTarget, run_query

    target = OxigraphTarget.from_mapped(flagship_built.graph)
    answers = {}

    def answer(name: str, params: dict[str, str] | None = None):
        key = (name, tuple(sorted((params or {}).items())))
        if key not in answers:
            answers[key] = run_query(name, target, params=params)
        return answers[key]

    return answer


@pytest.mark.parametrize("name", _stored_query_names())
@pytest.mark.parametrize("scope", ["whole-store", "article-graph"])
def test_every_stored_query_answers_the_same_on_the_store(flagship_store, in_memory_answer, flagship_built, name, scope):
    from kg.query import run_query

    expected = in_memory_answer(name)
    if scope == "whole-store":
        got = run_query(name, flagship_store)
    else:
        got = run_query(name, scoped(flagship_store, str(flagship_built.graph.iri)))
    assert got.variables == expected.variables
    assert sorted(got.rows, key=_key) == sorted(expected.rows, key=_key)


@pytest.mark.parametrize(("name", "params"), _PARAM_CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in _PARAM_CASES])
def test_stored_queries_with_parameters_answer_the_same_on_the_store(flagship_store, in_memory_answer, name, params):
    if name not in _stored_query_names():
        pytest.skip(f"no stored query {name}")
    from kg.query import run_query

    expected = in_memory_answer(name, params)
    got = run_query(name, flagship_store, params=params)
    assert expected.rows, "the case should select something in the flagship"
    assert sorted(got.rows, key=_key) == sorted(expected.rows, key=_key)


# ---- two processes ------------------------------------------------------------------------------------


def _holder(where: Path, seconds: float) -> subprocess.Popen[str]:
    script = textwrap.dedent(
        f"""
        import time
        from kg.store.embedded import EmbeddedStore
        with EmbeddedStore({str(where)!r}) as store:
            print("holding", flush=True)
            time.sleep({seconds})
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_a_second_process_gets_a_clear_error_when_it_cannot_wait(tmp_path):
    where = tmp_path / "store"
    proc = _holder(where, 5)
    try:
        with pytest.raises(StoreError) as err:
            EmbeddedStore(where, wait=0)
        assert str(err.value) == (
            f"the store at {where} is in use by another process (kg load, kg serve or an oxigraph server); "
            "wait for it to finish, stop it, or use another --store"
        )
    finally:
        proc.kill()
        proc.wait()


def test_a_second_process_that_waits_gets_the_store(tmp_path):
    where = tmp_path / "store"
    proc = _holder(where, 0.5)
    started = time.monotonic()
    with EmbeddedStore(where, wait=30) as s:
        s.replace_graph(OTHER_GRAPH, OTHER)
        assert s.stats() == (GraphStats(OTHER_GRAPH, 2),)
    assert time.monotonic() - started > 0.3
    proc.wait(timeout=10)


def test_two_kg_loads_at_once_both_succeed_and_nothing_doubles(tmp_path, kg_command, clean_env, flagship_built, flagship_path):
    where = tmp_path / "store"
    cmd = kg_command + ["load", str(flagship_path), "--store", str(where), "--wait", "60"]
    procs = [subprocess.Popen(cmd, env=clean_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with EmbeddedStore(where) as s:
        assert s.stats() == (GraphStats(str(flagship_built.graph.iri), len(flagship_built.graph.triples)),)
