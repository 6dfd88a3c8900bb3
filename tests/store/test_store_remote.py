"""The remote store without a real server: endpoint presets, errors, timeouts, authentication."""
from __future__ import annotations

import base64
import http.server
import json
import threading
import time
from collections.abc import Iterator

import pytest
from local_http import serve, stop
from rdflib import BNode, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store.remote import RemoteStore, resolve_endpoint


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("endpoint", "preset", "base", "kind", "user", "password"),
    [
        pytest.param("http://127.0.0.1:7878", "auto", "http://127.0.0.1:7878", "oxigraph", None, None, id="oxigraph-bare-host"),
        pytest.param("http://127.0.0.1:7878/query", "auto", "http://127.0.0.1:7878", "oxigraph", None, None, id="oxigraph-query-url"),
        pytest.param("http://127.0.0.1:8890/sparql", "auto", "http://127.0.0.1:8890", "virtuoso", None, None, id="virtuoso-sparql-url"),
        pytest.param("http://dba:s%40cret@127.0.0.1:8890/sparql-auth", "auto", "http://127.0.0.1:8890", "virtuoso", "dba", "s@cret", id="virtuoso-credentials-in-url"),
        pytest.param("http://127.0.0.1:3030/ds/query", "auto", "http://127.0.0.1:3030/ds", "fuseki", None, None, id="fuseki-query-url"),
        pytest.param("http://127.0.0.1:3030/ds", "auto", "http://127.0.0.1:3030/ds", "fuseki", None, None, id="fuseki-dataset-url"),
        pytest.param("http://127.0.0.1:9999/repositories/kg/sparql-endpoint", "auto", "http://127.0.0.1:9999/repositories/kg/sparql-endpoint", "generic", None, None, id="unknown-server-generic"),
        pytest.param("http://127.0.0.1:3030/ds/", "fuseki", "http://127.0.0.1:3030/ds", "fuseki", None, None, id="explicit-preset-trailing-slash"),
    ],
)
def test_resolve_endpoint(endpoint, preset, base, kind, user, password):
    got_base, got_preset, got_user, got_password = resolve_endpoint(endpoint, preset)
    assert (got_base, got_preset.name, got_user, got_password) == (base, kind, user, password)


@pytest.mark.parametrize(
    ("endpoint", "preset", "message"),
    [
        pytest.param("ftp://127.0.0.1/sparql", "auto", "not an http(s) endpoint URL: 'ftp://127.0.0.1/sparql'", id="ftp-scheme"),
        pytest.param("http://u:hunter2@/sparql", "auto", "not an http(s) endpoint URL: 'http:///sparql'", id="no-host-password-hidden"),
        pytest.param("http://127.0.0.1:7878", "blazegraph", "unknown server preset 'blazegraph'", id="unknown-preset"),
    ],
)
def test_resolve_endpoint_errors(endpoint, preset, message):
    with pytest.raises(StoreError) as err:
        resolve_endpoint(endpoint, preset)
    assert message in str(err.value) and "hunter2" not in str(err.value)


def test_password_without_user_is_refused():
    with pytest.raises(StoreError, match="a password was given without a user; add --user"):
        RemoteStore("http://127.0.0.1:7878", password="secret")


def test_unreachable_server_is_retried_then_named():
    port = free_port()
    store = RemoteStore(f"http://127.0.0.1:{port}", retries=2, backoff=0.01, user="me", password="hunter2")
    started = time.monotonic()
    with pytest.raises(StoreError) as err:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert str(err.value) == (
        f"cannot reach http://127.0.0.1:{port}/query for the SPARQL query: connection refused (tried 3 times); "
        "is the server running? check --endpoint"
    )
    assert time.monotonic() - started < 5


# ---- a fake server ----------------------------------------------------------------------------------


class Fake:
    """A tiny SPARQL server on 127.0.0.1: answers queries with canned JSON, checks Basic auth, can stall."""

    def __init__(self, *, user: str | None = None, password: str | None = None, delay: float = 0.0, status: int = 200, body: bytes | None = None) -> None:
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.closing = threading.Event()  # a stalled answer ends when the test is over
        fake = self
        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                fake.requests.append((self.command, self.path, dict(self.headers), data))
                if delay:
                    fake.closing.wait(delay)
                if expected and self.headers.get("Authorization") != expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="kg"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                payload = body if body is not None else json.dumps(
                    {
                        "head": {"vars": ["s", "o"]},
                        "results": {"bindings": [
                            {"s": {"type": "uri", "value": "https://example.org/a"},
                             "o": {"type": "typed-literal", "value": 16, "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
                            {"s": {"type": "bnode", "value": "b0"}, "o": {"type": "literal", "value": "x", "xml:lang": "en"}},
                            {"s": {"type": "uri", "value": "_:vb10001"}},
                        ]},
                    }
                ).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/sparql-results+json" if status == 200 else "text/plain")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_PUT = do_POST

        self.httpd, self.url = serve(Handler)

    def close(self) -> None:
        self.closing.set()
        stop(self.httpd)


@pytest.fixture
def fake() -> Iterator[type[Fake]]:
    made: list[Fake] = []

    def make(**kwargs: object) -> Fake:
        server = Fake(**kwargs)  # type: ignore[arg-type]
        made.append(server)
        return server

    yield make  # type: ignore[misc]
    for server in made:
        server.close()


def test_results_become_rdflib_terms(fake):
    server = fake()
    variables, rows = RemoteStore(server.url).select("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert variables == ["s", "o"]
    assert rows == [
        (URIRef("https://example.org/a"), Literal("16", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))),
        (BNode("b0"), Literal("x", lang="en")),
        (BNode("vb10001"), None),
    ]


def test_the_request_follows_the_protocol(fake):
    server = fake()
    RemoteStore(server.url).select("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")}, "https://example.org/graph/g")
    method, path, headers, body = server.requests[0]
    from urllib.parse import parse_qs

    form = parse_qs(body.decode())
    assert (method, path) == ("POST", "/query")
    assert headers["Accept"].startswith("application/sparql-results+json")
    assert form["query"] == ['SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }']
    assert form["default-graph-uri"] == form["named-graph-uri"] == ["https://example.org/graph/g"]


def test_whole_store_queries_ask_oxigraph_for_the_union_graph(fake):
    server = fake()
    RemoteStore(server.url).select("SELECT * WHERE { ?s ?p ?o }")
    assert b"union-default-graph=" in server.requests[-1][3]


def test_basic_auth_answers_the_challenge_and_hides_the_password(fake):
    server = fake(user="kg", password="hunter2")
    ok = RemoteStore(server.url, user="kg", password="hunter2", auth="basic")
    assert ok.select("SELECT * WHERE { ?s ?p ?o }")[0] == ["s", "o"]
    challenged = RemoteStore(server.url, user="kg", password="hunter2")  # auto: answers the 401
    assert challenged.select("SELECT * WHERE { ?s ?p ?o }")[0] == ["s", "o"]
    with pytest.raises(StoreError) as err:
        RemoteStore(server.url, user="kg", password="wrong-hunter3", auth="basic").select("SELECT * WHERE { ?s ?p ?o }")
    assert str(err.value) == (
        f"the SPARQL query refused by {server.url}/query: HTTP 401 Unauthorized; check --user/--password (or KG_USER/KG_PASSWORD)"
    )
    assert "hunter" not in str(err.value)


def test_a_slow_server_times_out_with_a_hint(fake):
    server = fake(delay=1.0)
    store = RemoteStore(server.url, timeout=0.2, retries=0)
    with pytest.raises(StoreError, match=r"for the SPARQL query: no answer within 0.2s; raise --timeout"):
        store.select("SELECT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("status", "body", "error", "message"),
    [
        pytest.param(400, b"Parse error: unexpected SELEC\nline 2", QueryError, "rejected by .*/query \\(HTTP 400\\): Parse error: unexpected SELEC$", id="400-malformed-query"),
        pytest.param(500, b"", StoreError, "failed at .*/query: HTTP 500 Internal Server Error$", id="500-no-detail"),
        pytest.param(503, b"busy", StoreError, "failed at .*/query: HTTP 503 Service Unavailable: busy$", id="503-after-retries"),
        pytest.param(200, b"<html>not json", StoreError, "sent results that are not valid JSON: <html>not json", id="html-instead-of-json"),
    ],
)
def test_server_errors_become_typed_errors(fake, status, body, error, message):
    server = fake(status=status, body=body)
    with pytest.raises(error, match=message):
        RemoteStore(server.url, retries=1, backoff=0.01).select("SELECT * WHERE { ?s ?p ?o }")
    if status == 503:
        assert len(server.requests) == 2  # retried once


def test_a_bad_term_fails_before_the_server_is_touched(fake):
    server = fake()
    with pytest.raises(StoreError, match="not a valid absolute IRI: 'not an iri'"):
        RemoteStore(server.url).replace_graph("https://example.org/graph/g", [(URIRef("not an iri"), URIRef("https://example.org/p"), Literal(1))])
    assert server.requests == []
