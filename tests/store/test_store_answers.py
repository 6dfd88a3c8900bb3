"""Malformed or huge answers from a server: one ``kg: error:`` line, never a traceback, never a
wrong value printed as if the server had said it (``"boolean": "false"`` was printed as true)."""
from __future__ import annotations

import http.server
import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from local_http import serve, stop
from rdflib import Literal, URIRef

from kg.cli import main
from kg.errors import StoreError
from kg.store.remote import RemoteStore

XSD = "http://www.w3.org/2001/XMLSchema#"
NO_GRAPHS = json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode()


class Canned:
    """A server on 127.0.0.1 answering every query with ``body`` (the graph list: none)."""

    def __init__(self) -> None:
        self.body = b""
        canned = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                form = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                payload = NO_GRAPHS if b"SELECT+DISTINCT+%3Fg" in form else canned.body
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # kg stopped reading: as it should
                    pass

        self.httpd, self.url = serve(Handler)

    def close(self) -> None:
        stop(self.httpd)


@pytest.fixture(scope="module")
def server() -> Iterator[Canned]:
    made = Canned()
    yield made
    made.close()


@pytest.fixture
def canned(server: Canned):
    def make(body: bytes) -> Canned:
        server.body = body
        return server

    return make


def _select(bindings: list, variables: list | None = None) -> bytes:
    return json.dumps({"head": {"vars": variables or ["x"]}, "results": {"bindings": bindings}}).encode()


MALFORMED = [
    ("a-list", b"[]", "not a SPARQL results object but []"),
    ("a-number", b"5", "not a SPARQL results object but 5"),
    ("no-head", json.dumps({"results": {"bindings": []}}).encode(), "no 'head' and 'results' objects"),
    ("bindings-of-numbers", _select([5]), "a row that is not an object: 5"),
    ("bindings-not-a-list", json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": {"x": 1}}}).encode(), "bindings that are not a list: {\"x\": 1}"),
    ("vars-not-names", json.dumps({"head": {"vars": [1, 2]}, "results": {"bindings": []}}).encode(), "variables that are not a list of names: [1, 2]"),
    ("value-not-a-term", _select([{"x": 5}]), "a value that is not an RDF term: 5"),
    ("term-of-unknown-type", _select([{"x": {"type": "triple", "value": "x"}}]), "a value that is not an RDF term: {\"type\": \"triple\", \"value\": \"x\"}"),
    ("term-without-value", _select([{"x": {"type": "uri"}}]), "a term without a text value: {\"type\": \"uri\"}"),
    ("boolean-as-text", json.dumps({"head": {}, "boolean": "false"}).encode(), "an ASK answer that is not true or false: \"false\""),
    ("boolean-as-number", json.dumps({"head": {}, "boolean": 0}).encode(), "an ASK answer that is not true or false: 0"),
    ("integer-that-is-not", _select([{"x": {"type": "literal", "datatype": XSD + "integer", "value": "abc"}}]), "'abc' typed xsd:integer, which it is not"),
    ("date-that-is-not", _select([{"x": {"type": "typed-literal", "datatype": XSD + "date", "value": "4 July 2009"}}]), "'4 July 2009' typed xsd:date, which it is not"),
    ("boolean-literal-that-is-not", _select([{"x": {"type": "literal", "datatype": XSD + "boolean", "value": "yes"}}]), "'yes' typed xsd:boolean, which it is not"),
]


@pytest.mark.parametrize(("body", "words"), [pytest.param(b, w, id=i) for i, b, w in MALFORMED])
def test_a_malformed_answer_is_one_error(canned, body, words):
    server = canned(body)
    with pytest.raises(StoreError) as err:
        RemoteStore(server.url, retries=0).query("SELECT * WHERE { ?s ?p ?o }")
    assert str(err.value) == f"{server.url}/query sent a malformed answer: {words}; kg reads SPARQL 1.1 JSON results"


@pytest.mark.parametrize(("body", "words"), [pytest.param(b, w, id=i) for i, b, w in MALFORMED])
def test_kg_sparql_prints_one_line_and_no_value(canned, body, words):
    server = canned(body)
    result = CliRunner().invoke(main, ["sparql", "ASK { ?s ?p ?o }", "--endpoint", server.url, "--retries", "0"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == f"kg: error: {server.url}/query sent a malformed answer: {words}; kg reads SPARQL 1.1 JSON results\n"


def test_well_formed_answers_still_read(canned):
    body = _select([
        {"x": {"type": "literal", "datatype": XSD + "integer", "value": 16}},  # Virtuoso: a JSON number
        {"x": {"type": "literal", "datatype": XSD + "gYear", "value": "-0500"}},
        {"x": {"type": "literal", "datatype": XSD + "double", "value": "1.5E3"}},
        {"x": {"type": "literal", "datatype": "https://example.org/own-type", "value": "anything"}},
        {"x": {"type": "uri", "value": "https://example.org/a"}},
        {},
    ])
    rows = RemoteStore(canned(body).url).select("SELECT ?x WHERE { ?x ?p ?o }")[1]
    assert rows == [
        (Literal("16", datatype=URIRef(XSD + "integer")),), (Literal("-0500", datatype=URIRef(XSD + "gYear")),),
        (Literal("1.5E3", datatype=URIRef(XSD + "double")),),
        (Literal("anything", datatype=URIRef("https://example.org/own-type")),), (URIRef("https://example.org/a"),), (None,),
    ]


def test_a_huge_answer_is_refused_without_reading_it_whole(canned):
    row = {"x": {"type": "literal", "value": "y" * 1000}}
    server = canned(_select([row] * 3000))  # 3 MB
    store = RemoteStore(server.url, retries=0, max_answer_bytes=1_000_000)
    with pytest.raises(StoreError) as err:
        store.query("SELECT ?x WHERE { ?x ?p ?o }", graph="https://example.org/g")
    assert str(err.value) == (
        f"the SPARQL query: the answer of {server.url}/query is more than 1,000,000 bytes; ask for less (LIMIT, --graph)"
    )
