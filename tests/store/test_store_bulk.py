"""Loading a corpus into a store: parallel build, batches, one transaction per write, per-graph atomicity."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.cli.store  # noqa: F401  (registers the commands on main)
from kg.cli import main
from kg.errors import KgError, StoreError
from kg.pipeline import build
from kg.store import LoadReport
from kg.store.bulk import GraphSink, load_corpus
from kg.store.embedded import EmbeddedStore
from kg.store.nquads import quads_nq

EPOCH = "1767225600"  # one generation time for every build, in this process and in the workers
ARTICLES = 6
BASE = "https://w3id.org/conflict-kg/id/graph/"


def _variant(text: str, i: int, version: int) -> str:
    """Article *i* of the corpus, *version* 1 or 2: its own title, and one figure that differs."""
    text = text.replace("- Strength1: 70 men", f"- Strength1: {70 + 10 * i + version} men")
    return re.sub(r"\A= .* =\n", f"= Battle of Testplace {i} =\n", text, count=1)


def _write_corpus(folder: Path, flagship: Path, version: int, count: int = ARTICLES) -> list[Path]:
    """*count* articles: the flagship's infobox and lead (a quarter of its triples: loads are quicker,
    and every batch and replace below is the same), each with its own title and figure."""
    folder.mkdir(parents=True, exist_ok=True)
    text = flagship.read_text(encoding="utf-8").split("\n== ", 1)[0]
    paths = []
    for i in range(count):
        path = folder / f"a{i}.txt"
        path.write_text(_variant(text, i, version), encoding="utf-8")
        paths.append(path)
    return paths


def _graph(i: int) -> str:
    return f"{BASE}Battle_of_Testplace_{i}"


def _quads(store: EmbeddedStore) -> set[str]:
    dumped = store.dump("nq")
    assert isinstance(dumped, bytes)
    return set(dumped.decode("utf-8").splitlines())


def _quads_at(path: Path) -> set[str]:
    with EmbeddedStore(path, wait=5, create=False) as store:
        return _quads(store)


_SINGLY: dict[tuple[tuple[str, str], ...], set[str]] = {}


def _loaded_singly(tmp_path: Path, paths: list[Path], name: str) -> set[str]:
    """The old way: each article built here and loaded alone (store.load -> replace_graph).
    Done once for each set of article files (names and texts): several tests expect the same."""
    key = tuple((p.name, p.read_text(encoding="utf-8")) for p in paths)
    if key not in _SINGLY:
        with EmbeddedStore(tmp_path / name, wait=0) as store:
            for p in paths:
                store.load(build(p))
            _SINGLY[key] = _quads(store)
    return set(_SINGLY[key])


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch, clean_env: dict[str, str], flagship_built: object) -> None:
    """One generation time. (The flagship built in this process first: what kg compiles on its
    first article, lexicons and patterns, is then inherited by the forked workers of each load.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def v1(tmp_path: Path, flagship_path: Path) -> list[Path]:
    return _write_corpus(tmp_path / "v1", flagship_path, 1)


@pytest.fixture
def v2(tmp_path: Path, flagship_path: Path) -> list[Path]:
    return _write_corpus(tmp_path / "v2", flagship_path, 2)


@pytest.fixture
def store(tmp_path: Path):
    with EmbeddedStore(tmp_path / "store", wait=0) as s:
        yield s


class _FailingWrites:
    """A pyoxigraph store whose *fail_at*-th write (load or update) raises, as a full disk would."""

    def __init__(self, real: ox.Store, fail_at: int) -> None:
        self.real, self.fail_at, self.writes = real, fail_at, 0

    def _write(self, method: str, *args: object, **kwargs: object) -> object:
        self.writes += 1
        if self.writes == self.fail_at:
            # let go of the store: the traceback keeps this object, and must not keep the folder locked
            self.real = None  # type: ignore[assignment]
            raise OSError("IO error: No space left on device")
        return getattr(self.real, method)(*args, **kwargs)

    def load(self, *args: object, **kwargs: object) -> object:
        return self._write("load", *args, **kwargs)

    def update(self, *args: object, **kwargs: object) -> object:
        return self._write("update", *args, **kwargs)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def _fail_writes(monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
    """Every EmbeddedStore opened from now on fails its *fail_at*-th write."""
    wrapped: dict[int, _FailingWrites] = {}

    def store(self: EmbeddedStore) -> object:
        real = self._store
        if real is None:
            raise StoreError(f"the store at {self.path} is closed")
        return wrapped.setdefault(id(real), _FailingWrites(real, fail_at))

    monkeypatch.setattr(EmbeddedStore, "store", property(store))


# ---- the library ----------------------------------------------------------------------------------


def test_a_corpus_loads_the_same_quads_as_each_article_loaded_alone(tmp_path, v1, store):
    summary = load_corpus(v1, store, jobs=2)
    assert summary.corpus.failed == [] and summary.corpus.articles == ARTICLES
    assert (summary.graphs, summary.replaced) == (ARTICLES, 0)
    expected = _loaded_singly(tmp_path, v1, "single")
    assert _quads(store) == expected
    assert summary.triples == len(expected)
    assert [s.iri for s in store.stats()] == sorted(_graph(i) for i in range(ARTICLES))
    assert [r.graph for r in summary.reports] == [_graph(i) for i in range(ARTICLES)]  # input order
    assert all(r.replaced == 0 for r in summary.reports)


def test_loading_again_replaces_each_graph_exactly(tmp_path, v1, v2, store):
    load_corpus(v1, store, jobs=2)
    counts_v1 = {s.iri: s.triples for s in store.stats()}
    summary = load_corpus(v2, store, jobs=2)
    assert (summary.graphs, summary.replaced) == (ARTICLES, ARTICLES)
    assert _quads(store) == _loaded_singly(tmp_path, v2, "single-v2")
    # no duplicates, nothing of v1 left: each graph holds what v2 has, and said so
    counts_v2 = {s.iri: s.triples for s in store.stats()}
    assert counts_v2 == {r.graph: r.triples for r in summary.reports}
    assert {r.graph: r.replaced for r in summary.reports} == counts_v1
    versions = store.query(
        "SELECT DISTINCT ?g ?n WHERE { GRAPH ?g { ?v <https://schema.org/minValue> ?n } } ORDER BY ?g ?n"
    )
    values = {(str(g), int(n)) for g, n in versions.rows}
    for i in range(ARTICLES):
        assert (_graph(i), 70 + 10 * i + 2) in values and (_graph(i), 70 + 10 * i + 1) not in values


def test_an_unchanged_reload_writes_nothing(v1, store, monkeypatch):
    load_corpus(v1, store, jobs=2)
    before = _quads(store)
    _fail_writes(monkeypatch, fail_at=1)  # any write would now fail
    summary = load_corpus(v1, store, jobs=2)
    assert (summary.graphs, summary.replaced) == (ARTICLES, ARTICLES)
    assert _quads(store) == before


@pytest.mark.parametrize(
    ("batch", "sizes"),
    [pytest.param(1, [1] * ARTICLES, id="1"), pytest.param(2, [2, 2, 2], id="2"), pytest.param(100, [ARTICLES], id="more-than-the-corpus")],
)
def test_batch_boundaries_give_the_same_store(tmp_path, v1, v2, batch, sizes):
    loads, replaces = [], []
    with EmbeddedStore(tmp_path / "store", wait=0) as store:
        load_corpus(v1, store, jobs=2, batch_articles=batch, ramp=False, on_commit=loads.append)
        load_corpus(v2, store, jobs=2, batch_articles=batch, ramp=False, on_commit=replaces.append)
        assert [len(c.reports) for c in loads] == sizes
        assert [len(c.reports) for c in replaces] == sizes
        assert _quads(store) == _loaded_singly(tmp_path, v2, "single")


def test_ramp_and_byte_limit_bound_the_batches(tmp_path, v1):
    commits = []
    with EmbeddedStore(tmp_path / "store", wait=0) as store:
        load_corpus(v1, store, jobs=1, batch_articles=4, on_commit=commits.append)
        assert [len(c.reports) for c in commits] == [1, 2, 3]  # 1, then 2, then up to 4: the 3 left
        commits.clear()
        size = len(quads_nq(*_built_text(v1[0])))
        load_corpus(v1, store, jobs=1, batch_articles=100, batch_bytes=size + 1, ramp=False, on_commit=commits.append)
        assert [len(c.reports) for c in commits] == [1] * ARTICLES  # two articles are over the limit


def _built_text(path: Path) -> tuple[str, list]:
    built = build(path)
    return str(built.graph.iri), built.graph.triples


def test_new_and_replaced_graphs_in_one_batch(tmp_path, v1, v2):
    commits = []
    with EmbeddedStore(tmp_path / "store", wait=0) as store:
        load_corpus(v1[:3], store, jobs=1)
        load_corpus(v2, store, jobs=2, ramp=False, on_commit=commits.append)
        assert [[r.graph for r in c.reports] for c in commits] == [
            [_graph(i) for i in range(3, ARTICLES)],  # one load for the new graphs
            [_graph(i) for i in range(3)],  # one update for the replaced ones
        ]
        assert [r.replaced > 0 for c in commits for r in c.reports] == [False] * 3 + [True] * 3
        assert _quads(store) == _loaded_singly(tmp_path, v2, "single")


def test_a_failed_write_keeps_every_graph_whole(tmp_path, v1, v2, monkeypatch):
    path = tmp_path / "store"
    with EmbeddedStore(path, wait=0) as store:
        load_corpus(v1[:4], store, jobs=1)
    before = _quads_at(path)
    commits = []
    with monkeypatch.context() as m, EmbeddedStore(path, wait=0) as store:
        _fail_writes(m, fail_at=2)
        # batches: [0], then [1, 2] (fails), [3, 4, 5] never written
        with pytest.raises(StoreError) as failed:
            load_corpus(v2, store, jobs=2, on_commit=commits.append)
    assert str(failed.value) == (
        f"cannot replace <{_graph(1)}> and <{_graph(2)}> in the store at {path}: IO error: No space left on device; "
        f"their previous versions are unchanged, every graph loaded before is in the store; "
        f"the load stopped there: 1 of the {len(v2)} article(s) are in the store"
    )
    assert [[r.graph for r in c.reports] for c in commits] == [[_graph(0)]]
    after = _quads_at(path)
    new_0 = {q for q in _loaded_singly(tmp_path, v2[:1], "v2-0")}
    old_0 = {q for q in before if f"<{_graph(0)}> ." in q}
    assert after == (before - old_0) | new_0  # graph 0 replaced, 1-3 as they were, 4-5 not there


def test_a_failed_load_of_new_graphs_writes_none_of_them(tmp_path, v1, monkeypatch):
    path = tmp_path / "store"
    with monkeypatch.context() as m, EmbeddedStore(path, wait=0) as store, pytest.raises(StoreError, match=r"^cannot load <.*Battle_of_Testplace_0> into the store at .*: IO error: No space left on device; none of them was written"):
        _fail_writes(m, fail_at=1)
        load_corpus(v1, store, jobs=2)
    assert _quads_at(path) == set()


def test_a_bad_article_is_reported_and_the_others_are_loaded(tmp_path, v1, store):
    bad = tmp_path / "v1" / "a2.txt"
    bad.write_bytes(b"\xff\xfe not an article")
    summary = load_corpus(v1, store, jobs=2)
    with pytest.raises(KgError) as why:
        build(bad)
    assert summary.corpus.failed == [(str(bad), str(why.value))]
    assert summary.graphs == ARTICLES - 1
    assert [s.iri for s in store.stats()] == sorted(_graph(i) for i in range(ARTICLES) if i != 2)


def test_blank_nodes_stay_in_their_article(store):
    a, b = BASE + "bnode-a", BASE + "bnode-b"
    line = '_:b1 <https://example.org/p> "{v}" <{g}> .\n_:b1 <https://example.org/q> _:b2 <{g}> .\n'
    commits = []
    with GraphSink(store, ramp=False, on_commit=commits.append) as sink:
        sink.write_graph(a, line.format(v=1, g=a), 2)
        sink.write_graph(b, line.format(v=1, g=b), 2)
    assert [len(c.reports) for c in commits] == [1, 1]  # each its own document, so its own labels
    _, rows = store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s <https://example.org/p> ?o } }")
    assert int(rows[0][0]) == 2
    with GraphSink(store) as sink:  # replaced whole: nothing of the old version left
        sink.write_graph(a, line.format(v=2, g=a), 2)
    _, rows = store.select("SELECT ?o WHERE { ?s <https://example.org/p> ?o }", graph=a)
    assert [str(r[0]) for r in rows] == ["2"] and store.count(a) == 2
    # a version without blank nodes, close to the old one (which has them): still replaced exactly
    c = BASE + "synthetic-0"
    with GraphSink(store) as sink:
        sink.write_graph(c, line.format(v=1, g=c) + _synthetic(0), 12)
    with GraphSink(store) as sink:
        sink.write_graph(c, _synthetic(0), 10)
    assert store.count(c) == 10 and store.count(b) == 2


TRICKY = """<https://example.org/s> <https://example.org/n> "5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> <{g}> .
<https://example.org/s> <https://example.org/d> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> <{g}> .
<https://example.org/s> <https://example.org/l> "x"@EN-us <{g}> .
<https://example.org/s> <https://example.org/t> "tab\there \u2028 line \\"quoted\\"" <{g}> .
<https://example.org/s> <https://example.org/v> "{v}" <{g}> .
"""


def test_values_the_store_rewrites_are_replaced_exactly(tmp_path, store):
    """Oxigraph stores some values in a canonical form (xsd:integer, lower-case language tags ...):
    a replace compares in that form, and the graph ends up as a fresh load of the new version."""
    g = BASE + "tricky"
    with GraphSink(store) as sink:
        sink.write_graph(g, TRICKY.format(g=g, v="one"), 5)
    with GraphSink(store) as sink:
        sink.write_graph(g, TRICKY.format(g=g, v="two"), 5)
    fresh = ox.Store()
    fresh.load(TRICKY.format(g=g, v="two"), format=ox.RdfFormat.N_QUADS)
    assert _quads(store) == set(fresh.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    assert store.count(g) == 5


def test_text_that_is_not_the_graphs_nquads_is_refused(store):
    g = BASE + "x"
    with GraphSink(store) as sink, pytest.raises(StoreError, match=r"^the text given for graph <.*/x> is not N-Quads lines in that graph"):
        sink.write_graph(g, f"<https://example.org/s> <https://example.org/p> <https://example.org/o> <{BASE}other> .\n", 1)
    assert store.graphs() == []


def test_any_other_store_gets_one_replace_graph_per_article(v1):
    class Recorder:
        def __init__(self) -> None:
            self.calls: list[tuple[str, set]] = []

        def replace_graph(self, iri: str, triples: list) -> LoadReport:
            self.calls.append((iri, set(triples)))
            return LoadReport(iri, len(triples), 0, 0.001)

        def close(self) -> None:
            pass

    recorder = Recorder()
    summary = load_corpus(v1, recorder, jobs=2)  # type: ignore[arg-type]
    assert summary.commits == ARTICLES and summary.graphs == ARTICLES
    assert [iri for iri, _ in recorder.calls] == [_graph(i) for i in range(ARTICLES)]
    built = build(v1[3])
    assert recorder.calls[3][1] == set(built.graph.triples)


def test_the_store_is_opened_only_when_an_article_is_built(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    opened = []
    summary = load_corpus([bad, bad], lambda: opened.append(1) or EmbeddedStore(tmp_path / "store"), jobs=2)
    assert opened == [] and summary.where == "" and len(summary.corpus.failed) == 2
    assert not (tmp_path / "store").exists()


# ---- the command line -----------------------------------------------------------------------------


def _times(text: str) -> list[str]:
    """Output lines with their timings replaced by T."""
    return re.sub(r"\d+ ms\)", "T ms)", re.sub(r" in \d+\.\d\d s$", " in T s", text, flags=re.MULTILINE)).splitlines()


def test_cli_reports_a_bad_article_and_loads_the_others(tmp_path, v1):
    store = tmp_path / "store"
    bad = tmp_path / "v1" / "a2.txt"
    bad.write_bytes(b"\xff\xfe not an article")
    with pytest.raises(KgError) as why:
        build(bad)
    n = {i: len(build(p).graph.triples) for i, p in enumerate(v1) if i != 2}
    result = CliRunner().invoke(main, ["load", str(tmp_path / "v1"), "--store", str(store), "-j", "2"])
    assert result.exit_code == 1
    # batches of 1, 2, then the 2 left; the bad article takes no place in them
    assert _times(result.stdout) == [
        f"loaded <{_graph(0)}>: {n[0]} triples (T ms)",
        f"loaded <{_graph(1)}>: {n[1]} triples (batch of 2, T ms)",
        f"loaded <{_graph(3)}>: {n[3]} triples (batch of 2, T ms)",
        f"loaded <{_graph(4)}>: {n[4]} triples (batch of 2, T ms)",
        f"loaded <{_graph(5)}>: {n[5]} triples (batch of 2, T ms)",
        f"5 article(s), {sum(n.values())} triples into {store} in T s",
    ]
    assert result.stderr.splitlines() == [
        f"kg: error: {bad}: {why.value}",
        f"kg: error: 1 article(s) could not be built: {bad}",
    ]
    with EmbeddedStore(store, create=False) as s:
        assert {x.iri: x.triples for x in s.stats()} == {_graph(i): k for i, k in n.items()}


def test_cli_loading_again_says_replaced(tmp_path, v1):
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(tmp_path / "v1"), "--store", str(store), "-q"]).exit_code == 0
    again = runner.invoke(main, ["load", str(v1[0]), str(v1[1]), "--store", str(store)])
    assert again.exit_code == 0 and again.stderr == ""
    n = [len(build(p).graph.triples) for p in v1[:2]]
    assert _times(again.stdout) == [
        f"replaced <{_graph(0)}>: {n[0]} triples (T ms)",
        f"replaced <{_graph(1)}>: {n[1]} triples (T ms)",
        f"2 article(s), {sum(n)} triples into {store} in T s",
    ]


def test_cli_a_failed_write_is_one_line_and_keeps_the_graphs(tmp_path, v1, v2, monkeypatch):
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["load", *map(str, v1[:4]), "--store", str(store), "-q"]).exit_code == 0
    before = _quads_at(store)
    with monkeypatch.context() as m:
        _fail_writes(m, fail_at=2)
        result = runner.invoke(main, ["load", str(tmp_path / "v2"), "--store", str(store)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        (
            f"kg: error: cannot replace <{_graph(1)}> and <{_graph(2)}> in the store at {store}: IO error: No space "
            f"left on device; their previous versions are unchanged, every graph loaded before is in the store; "
            f"the load stopped there: 1 of the {len(v2)} article(s) are in the store"
        )
    ]
    n0 = len(build(v2[0]).graph.triples)
    assert _times(result.stdout) == [f"replaced <{_graph(0)}>: {n0} triples (T ms)"]
    after = _quads_at(store)
    assert {q for q in after if f"<{_graph(0)}> ." not in q} == {q for q in before if f"<{_graph(0)}> ." not in q}
    assert {q for q in after if f"<{_graph(0)}> ." in q} == _loaded_singly(tmp_path, v2[:1], "v2-0")


def test_cli_a_title_seen_twice_is_loaded_once(tmp_path, v1):
    store = tmp_path / "store"
    twin = tmp_path / "v1" / "a9.txt"
    twin.write_text(v1[0].read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(tmp_path / "v1"), "--store", str(store), "-q"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"kg: warning: {twin} has the title of an earlier article: not loaded, <{_graph(0)}> holds the earlier one"
    ]
    assert _times(result.stdout)[0].startswith(f"{ARTICLES} article(s), ")


def test_cli_one_bad_article_is_one_line_and_makes_no_store(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not an article")
    with pytest.raises(KgError) as why:
        build(bad)
    result = CliRunner().invoke(main, ["load", str(bad), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {why.value}\n" and result.stdout == ""
    assert not (tmp_path / "store").exists()


def test_the_same_graph_twice_in_a_batch_is_replaced_not_merged(store):
    g = BASE + "twice"
    line = '<https://example.org/s> <https://example.org/v> "{v}" <{g}> .\n'
    with GraphSink(store, batch_articles=10, ramp=False) as sink:
        sink.write_graph(g, line.format(v=1, g=g), 1)
        sink.write_graph(g, line.format(v=2, g=g), 1)
    _, rows = store.select("SELECT ?v WHERE { ?s ?p ?v }", graph=g)
    assert [str(r[0]) for r in rows] == ["2"]


def _synthetic(i: int, *, renamed: bool = False, edited: bool = False) -> str:
    g = f"{BASE}synthetic-{i}"
    subject = "t" if renamed else "s"
    lines = [
        f'<https://example.org/{subject}{i}/{k}> <https://example.org/p> "{"edited" if edited and k == 0 else k}" <{g}> .\n'
        for k in range(10)
    ]
    return "".join(lines)


def test_graphs_that_changed_mostly_are_replaced_whole_one_by_one(store):
    """Naming every triple to delete costs more than dropping the graph: a graph that changed
    mostly is replaced whole, in its own update; later graphs are still compared now and then, and
    those that changed little go back to one update of the differences per batch."""
    graphs = 40
    with GraphSink(store, batch_articles=8, ramp=False) as sink:
        for i in range(graphs):
            sink.write_graph(f"{BASE}synthetic-{i}", _synthetic(i), 10)
    commits = []
    v2 = [_synthetic(i, renamed=True) if i < 20 else _synthetic(i, edited=True) for i in range(graphs)]
    with GraphSink(store, batch_articles=8, ramp=False, on_commit=commits.append) as sink:
        for i, text in enumerate(v2):
            sink.write_graph(f"{BASE}synthetic-{i}", text, 10)
    fresh = ox.Store()
    fresh.load("".join(v2), format=ox.RdfFormat.N_QUADS)
    assert _quads(store) == set(fresh.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())
    sizes = {r.graph.rsplit("-", 1)[1]: len(c.reports) for c in commits for r in c.reports}
    assert all(sizes[str(i)] == 1 for i in range(20))  # whole, one update each
    assert sizes["39"] > 1  # compared again, and written with others
    reports = [r for c in commits for r in c.reports]
    assert sorted(r.graph for r in reports) == sorted(f"{BASE}synthetic-{i}" for i in range(graphs))
    assert {(r.triples, r.replaced) for r in reports} == {(10, 10)}
