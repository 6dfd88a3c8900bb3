"""Integration: real servers (Oxigraph server, Virtuoso 7) started by the suite on 127.0.0.1.

Each server: load the flagship, run every stored query through it and compare with the embedded
store's answers; reload and check nothing doubled; fail a load on purpose (through a proxy that
breaks mid-way) and check the old graph is intact (a small article: the point is not its content);
stop a server and read the error message.
Skipped, with the reason, when a server binary is not installed.
"""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg.errors import KgError, StoreError
from kg.store import GraphStats
from kg.store.embedded import EmbeddedStore

pytestmark = pytest.mark.server

KG_GRAPHS = "https://w3id.org/conflict-kg/id/graph/"


def _key(row: tuple) -> tuple:
    return tuple("" if t is None else f"{type(t).__name__}:{t!r}" for t in row)


def _stored_query_names() -> list[str]:
    try:
        from kg.query import stored_queries

        return sorted(stored_queries())
    except (ImportError, KgError):  # the query module is not there (or broken): no cases
        return []


@pytest.fixture(scope="module")
def embedded(tmp_path_factory, flagship_built):
    with EmbeddedStore(tmp_path_factory.mktemp("embedded") / "store") as store:
        store.load(flagship_built)
        yield store


@pytest.fixture(autouse=True)
def _server_state(request):
    """After a test that uses a server, its store is as that test left it: only a test marked
    ``reads_server`` leaves the flagship loaded by :func:`loaded` as it found it."""
    server = request.getfixturevalue("server") if "server" in request.fixturenames else None
    yield
    if server is not None and request.node.get_closest_marker("reads_server") is None:
        server.holds_flagship = False


@pytest.fixture
def loaded(server, flagship_built):
    """The server's store with the flagship loaded: loaded again (loads are idempotent) unless the
    tests since the last load only read the store."""
    remote = server.remote()
    if not server.holds_flagship:
        remote.load(flagship_built)
        server.holds_flagship = True
    return remote


def test_load_then_reload_does_not_double(loaded, flagship_built):
    iri = str(flagship_built.graph.iri)
    n = len(flagship_built.graph.triples)
    report = loaded.load(flagship_built)
    assert (report.graph, report.triples, report.replaced) == (iri, n, n)
    assert loaded.stats(prefix=KG_GRAPHS) == (GraphStats(iri, n),)
    assert not loaded.named_graphs().staging


@pytest.mark.reads_server
def test_the_server_holds_the_article_triples(loaded, embedded, flagship_built, as_stored):
    iri = str(flagship_built.graph.iri)
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    remote_rows = loaded.select(query, graph=iri)[1]
    assert len(remote_rows) == len(flagship_built.graph.triples)
    assert as_stored(remote_rows) == as_stored(flagship_built.graph.triples) == as_stored(embedded.select(query, graph=iri)[1])


@pytest.mark.reads_server
@pytest.mark.parametrize("name", _stored_query_names())
def test_every_stored_query_answers_as_the_embedded_store(loaded, embedded, name, stored_term):
    from kg.query import run_query

    expected = run_query(name, embedded)
    got = run_query(name, loaded)
    assert got.variables == expected.variables

    def rows(result):  # Virtuoso gives a point back in single precision (docs/stores.md)
        return sorted((tuple(stored_term(t) for t in row) for row in result.rows), key=_key)

    assert rows(got) == rows(expected)


@pytest.mark.reads_server
def test_bound_parameters_reach_the_server_as_typed_terms(loaded, flagship_built):
    query = "SELECT ?side WHERE { GRAPH ?g { ?side <https://w3id.org/conflict-kg/vocab#sideIndex> ?i } }"
    assert loaded.select(query, {"i": Literal(2)})[1] == [(URIRef(str(flagship_built.graph.iri).replace("/graph/", "/event/") + "/side/2"),)]
    assert loaded.select(query, {"i": Literal("2")})[1] == []


def test_drop_and_dump_through_the_server(server, flagship_built):
    remote = server.remote()
    other = KG_GRAPHS + "scratch-for-drop"
    remote.replace_graph(other, [(URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("x"))])
    assert b"scratch-for-drop" in remote.dump("nq", prefix=other)
    assert remote.drop(other) == 1
    with pytest.raises(StoreError, match=f"has no graph <{other}>"):
        remote.drop(other)


# ---- a load that fails mid-way never damages the previous graph ----------------------------------------


def _is_move(method: str, path: str, body: bytes) -> bool:
    return method == "POST" and b"MOVE" in body


def _is_tmp_put(method: str, path: str, body: bytes) -> bool:
    return method == "PUT" and "urn%3Akg%3Atmp" in path


_FAULTS = {
    # name: (rule, what must be in the message)
    "500-on-the-move": (lambda m, p, b: "500" if _is_move(m, p, b) else None, "HTTP 500"),
    "500-after-the-temporary-graph-is-written": (lambda m, p, b: "forward-then-500" if _is_tmp_put(m, p, b) else None, "HTTP 500"),
    "connection-dropped-during-the-put": (lambda m, p, b: "drop" if _is_tmp_put(m, p, b) else None, "cannot reach"),
    "connection-dropped-on-the-move": (lambda m, p, b: "drop" if _is_move(m, p, b) else None, "cannot reach"),
}


@pytest.mark.parametrize("fault", sorted(_FAULTS))
def test_a_failed_load_leaves_the_previous_graph_intact(empty_server, small_built, faulty_proxy, fault):
    server = empty_server
    rule, message = _FAULTS[fault]
    iri = str(small_built.graph.iri)
    direct = server.remote()
    direct.load(small_built)
    before = sorted(direct.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph=iri)[1], key=_key)
    proxy = faulty_proxy(server.url, rule, authenticated=bool(server.credentials))
    path = server.url.split(str(server.url.split("/")[2]), 1)[1]
    through = type(direct)(proxy.url(path), **server.credentials, timeout=10, retries=1, backoff=0.05)
    changed = [(URIRef("https://example.org/new"), URIRef("https://example.org/p"), Literal("new"))]
    with pytest.raises(StoreError, match=message) as err:
        through.replace_graph(iri, changed)
    assert f"the previous graph <{iri}> is unchanged" in str(err.value)
    assert any(action is not None for _, _, action in proxy.seen), "the fault was never injected"
    after = sorted(direct.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph=iri)[1], key=_key)
    assert after == before
    assert not direct.named_graphs().staging


def test_a_server_lost_after_the_put_leaves_the_old_graph_and_names_the_temporary_graph(empty_server, small_built, faulty_proxy):
    server = empty_server
    iri = str(small_built.graph.iri)
    direct = server.remote()
    direct.load(small_built)
    before = sorted(direct.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph=iri)[1], key=_key)
    state = {"put": False}

    def rule(method: str, path: str, body: bytes) -> str | None:
        if _is_tmp_put(method, path, body):
            state["put"] = True
            return None
        return "drop" if state["put"] else None  # after the PUT, the server is gone for good

    proxy = faulty_proxy(server.url, rule, authenticated=bool(server.credentials))
    path = server.url.split(str(server.url.split("/")[2]), 1)[1]
    through = type(direct)(proxy.url(path), **server.credentials, timeout=10, retries=1, backoff=0.05)
    with pytest.raises(StoreError) as err:
        through.replace_graph(iri, [(URIRef("https://example.org/new"), URIRef("https://example.org/p"), Literal("new"))])
    message = str(err.value)
    # the move was sent and no answer came: kg checks the graph before it says anything about it
    assert "cannot reach" in message
    if server.credentials:  # the proxy drops only the authenticated requests: the check gets through
        assert f"the previous graph <{iri}> is unchanged (checked: {len(before)} triples)" in message
    else:  # the server is gone: kg cannot know whether it made the move, and says so
        assert "is unchanged" not in message
        assert f"the server did not answer when kg checked <{iri}>: it holds either the previous or the new version" in message
    leftovers = direct.named_graphs().staging
    assert len(leftovers) == 1 and f"the temporary graph <{leftovers[0]}> may remain: queries ignore it" in message
    assert f"(or: kg store drop {leftovers[0]})" in message
    assert sorted(direct.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph=iri)[1], key=_key) == before
    assert direct.drop(leftovers[0]) == 1


def test_the_update_fallback_loads_when_there_is_no_graph_store(server):
    """A server without the Graph Store Protocol (404 on PUT): INSERT DATA into the temporary graph."""
    from dataclasses import replace

    remote = server.remote()
    remote.preset = replace(remote.preset, gsp="/no-graph-store-here", auth_gsp="/no-graph-store-here")
    iri = KG_GRAPHS + "loaded-by-update"
    n = 2 * 500 + 1  # Virtuoso's preset sends 500 triples a request: two full requests and one more
    triples = [(URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(i)) for i in range(n)]
    report = remote.replace_graph(iri, triples)
    assert (report.triples, report.replaced) == (n, 0)
    assert remote._gsp_ok is False  # the PUT was tried, refused, and the Update fallback used
    report = remote.replace_graph(iri, triples[:10])
    assert (report.triples, report.replaced) == (10, n)
    assert server.remote().drop(iri) == 10


def test_a_wrong_digest_password_is_refused_without_leaking_it(shared_server, small_built):
    own = shared_server("virtuoso")  # the shared one: the load is refused, nothing is written
    remote = own.remote(password="not-the-dba-password")
    with pytest.raises(StoreError) as err:
        remote.load(small_built)
    host = own.url.split("/")[2]
    assert str(err.value) == (
        f"loading <{small_built.graph.iri}> refused by http://{host}/sparql-graph-crud-auth: HTTP 401 digest auth failed; "
        f"check --user/--password (or KG_USER/KG_PASSWORD); the previous graph <{small_built.graph.iri}> is unchanged"
    )
    anonymous = own.remote(user=None, password=None)
    with pytest.raises(StoreError, match=r"HTTP 403 Forbidden; the server wants a user: add --user"):
        anonymous.load(small_built)


# ---- a stopped server ------------------------------------------------------------------------------------


@pytest.mark.stops_server  # the shared one: run after every other test (tests/store/conftest.py)
def test_a_stopped_server_gives_a_clear_error(server, small_built):
    own = server
    remote = own.remote(retries=2, backoff=0.05, timeout=5)
    remote.load(small_built)
    own.stop()
    with pytest.raises(StoreError) as err:
        remote.load(small_built)
    host = own.url.split("/")[2]
    assert str(err.value).startswith(f"cannot reach http://{host}/")
    assert "connection refused (tried 3 times); is the server running? check --endpoint" in str(err.value)
    assert "dba" not in str(err.value)
    with pytest.raises(StoreError, match="connection refused"):
        remote.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
