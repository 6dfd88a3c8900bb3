"""SPARQL injection, on every path a parameter takes: rdflib and pyoxigraph (bound by the engine),
the embedded store and a remote endpoint (written as a VALUES block by kg.store.nquads).

tests/test_queries.py covers rdflib and pyoxigraph with one value; here every target gets values
that would break out of a short string, a long string, an escape or an IRI, and must bind each
as one term: the answer is empty (or exactly the matching rows for an honest value), the data is
all there afterwards, and the remote endpoint receives the query text unchanged but for the
VALUES block.
"""
from __future__ import annotations

import http.server
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from local_http import serve, stop
from rdflib import Literal

from kg.errors import QueryError
from kg.pipeline import build
from kg.query import _LABELS_LIKE, GraphTarget, OxigraphTarget, bind_params, get_query, parse_query, run_query
from kg.store.embedded import EmbeddedStore
from kg.store.nquads import quads_nq
from kg.store.remote import RemoteStore

FLAGSHIP = Path(__file__).resolve().parents[2] / "data" / "battle_of_araouane_2009.txt"

#: Values that end a string literal early and append SPARQL of their own, each a different way.
HOSTILE = [
    pytest.param('Mali"@en } } DELETE WHERE { GRAPH ?g { ?s ?p ?o } } #', id="double-quote-breakout"),
    pytest.param("Mali'@en } } DELETE WHERE { GRAPH ?g { ?s ?p ?o } } #", id="single-quote-breakout"),
    pytest.param('Mali""" } } #', id="long-string-breakout"),
    pytest.param("Mali\\", id="trailing-backslash-escapes-the-quote"),
    pytest.param('Mali\\" } #', id="backslash-then-quote"),
    pytest.param('Mali"\n} UNION { ?actor ?p ?o } #', id="newline-then-pattern"),
    pytest.param('Mali") || true || ("', id="filter-expression"),
    pytest.param("Mali\u0000", id="nul-character"),
    pytest.param("Mali@en", id="language-tag-in-the-value"),
    pytest.param("<https://w3id.org/conflict-kg/id/country/mali>", id="an-iri-as-text"),
]
HONEST = "Mali"  # a combatant of the flagship: its rows are what the query must give


class _SparqlEndpoint:
    """A SPARQL 1.1 protocol endpoint over a pyoxigraph store, on 127.0.0.1 (a free port).

    It answers POST /query with the query it receives, and records every query text.
    """

    def __init__(self, store: ox.Store) -> None:
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
                text = form["query"][0]
                received.append(text)
                try:
                    answer = store.query(text, use_default_graph_as_union="union-default-graph" in form)
                    payload = answer.serialize(format=ox.QueryResultsFormat.JSON)
                    status, kind = 200, "application/sparql-results+json"
                except SyntaxError as exc:
                    payload, status, kind = str(exc).encode(), 400, "text/plain"
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd, self.url = serve(Handler)

    def close(self) -> None:
        stop(self.httpd)


@pytest.fixture(scope="module")
def flagship():
    return build(FLAGSHIP).graph


@pytest.fixture(scope="module")
def endpoint(flagship) -> Iterator[_SparqlEndpoint]:
    store = ox.Store()
    store.load(quads_nq(str(flagship.iri), flagship.triples).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    server = _SparqlEndpoint(store)
    yield server
    server.close()


@pytest.fixture(scope="module")
def targets(flagship, endpoint, tmp_path_factory) -> Iterator[dict[str, object]]:
    embedded = EmbeddedStore(tmp_path_factory.mktemp("store") / "kg")
    embedded.replace_graph(str(flagship.iri), flagship.triples)
    yield {
        "rdflib": GraphTarget.from_mapped(flagship),
        "pyoxigraph": OxigraphTarget.from_mapped(flagship),
        "embedded-store": embedded,
        "remote-endpoint": RemoteStore(endpoint.url, preset="oxigraph"),
    }
    embedded.close()


ENGINES = ["rdflib", "pyoxigraph", "embedded-store", "remote-endpoint"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_parameter_matches_nothing_and_changes_nothing(targets, flagship, engine, value):
    target = targets[engine]
    assert run_query("actor-battles", target, params={"actor": value}).rows == ()
    assert run_query(COUNT, target).rows == ((Literal(len(set(flagship.triples))),),)


@pytest.mark.parametrize("engine", ENGINES)
def test_an_honest_value_gives_the_same_rows_everywhere(targets, engine):
    rows = run_query("actor-battles", targets[engine], params={"actor": HONEST}).rows
    reference = run_query("actor-battles", targets["rdflib"], params={"actor": HONEST}).rows
    assert rows and rows == reference
    assert {str(row[0]) for row in rows} == {HONEST}


@pytest.mark.parametrize("value", HOSTILE)
def test_the_endpoint_receives_the_query_text_plus_one_values_block(targets, endpoint, value):
    endpoint.received.clear()
    run_query("actor-battles", targets["remote-endpoint"], params={"actor": value})
    # first the list of graphs (to leave out staging graphs: kg.store.staging), then the look-up of
    # the labels equal to the name but for case, with the name in a VALUES block too
    (lookup, sent) = [text for text in endpoint.received if "DISTINCT ?g" not in text]
    lookup_head = _LABELS_LIKE[: _LABELS_LIKE.index("{") + 1]
    assert lookup.startswith(lookup_head + ' VALUES (?name) { ("') and lookup.endswith(_LABELS_LIKE[len(lookup_head):])
    original = get_query("actor-battles").text
    brace = original.index("{", original.index("WHERE"))
    head, block, tail = sent[: brace + 1], sent[brace + 1 : len(sent) - len(original) + brace + 1], sent[len(sent) - len(original) + brace + 1 :]
    assert head == original[: brace + 1] and tail == original[brace + 1 :]
    assert block.startswith(" VALUES (?actor) { (\"") and block.endswith('"@en) }')
    # the literal is one N-Triples string: pyoxigraph reads it back as exactly the value
    literal = block[len(" VALUES (?actor) { (") : -len(") }")]
    (quad,) = ox.parse(f"<http://example.org/s> <http://example.org/p> {literal} .".encode(), format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == value and quad.object.language == "en"


@pytest.mark.parametrize(
    ("datatype", "value"),
    [
        pytest.param("iri", "https://w3id.org/x\"", id="iri-with-quote"),
        pytest.param("iri", "https://w3id.org/x y", id="iri-with-space"),
        pytest.param("xsd:date", "2009-07-04\"^^<x> } #", id="date-with-sparql"),
        pytest.param("kg:Category", "Killed> } #", id="category-with-sparql"),
    ],
)
def test_a_hostile_typed_parameter_is_refused_before_any_query(datatype, value):
    """(tests/test_queries.py has the integer and the closing-bracket IRI.)"""
    query = parse_query(
        f"# summary: S\n# question: Q?\n# param: x {datatype}  The x  default: none\nSELECT ?s ?x WHERE {{ ?s ?p ?x }}\n",
        name="probe",
    )
    with pytest.raises(QueryError, match=r"^parameter x: .* is not a valid "):
        bind_params(query, {"x": value})
