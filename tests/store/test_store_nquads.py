"""N-Triples term writing and VALUES binding (kg.store.nquads)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryError, StoreError
from kg.store.nquads import bind_values, has_blank_nodes, quads_nq, term_nt, triples_nt

EX = "https://w3id.org/conflict-kg/id/"


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        pytest.param(URIRef(EX + "event/Battle_of_Araouane_(2009)"), f"<{EX}event/Battle_of_Araouane_(2009)>", id="plain-iri"),
        pytest.param(URIRef(EX + "article/x#char=187,225"), f"<{EX}article/x#char=187,225>", id="nif-span-iri"),
        pytest.param(URIRef(EX + "place/битва"), f"<{EX}place/битва>", id="cyrillic-slug-kept-raw"),
        pytest.param(Literal("16–28 killed, 3-30 prisoners"), '"16–28 killed, 3-30 prisoners"', id="en-dash-range"),
        pytest.param(Literal('Ould "POW"'), '"Ould \\"POW\\""', id="double-quotes"),
        pytest.param(Literal("= Title =\n\nInfobox\r\n"), '"= Title =\\n\\nInfobox\\r\\n"', id="article-text-newlines"),
        pytest.param(Literal("C:\\dir\\u0041"), '"C:\\\\dir\\\\u0041"', id="backslash-and-fake-escape"),
        pytest.param(Literal("Araouane", lang="en"), '"Araouane"@en', id="language-tag"),
        pytest.param(Literal("x", datatype=XSD.string), '"x"', id="xsd-string-is-plain"),
        pytest.param(Literal(16), '"16"^^<http://www.w3.org/2001/XMLSchema#integer>', id="integer"),
        pytest.param(Literal(False), '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>', id="boolean"),
        pytest.param(Literal("2009-07", datatype=XSD.gYearMonth), '"2009-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>', id="gyearmonth"),
        pytest.param(Literal("-0497", datatype=XSD.gYear), '"-0497"^^<http://www.w3.org/2001/XMLSchema#gYear>', id="bc-year"),
        pytest.param(BNode("N1a2b"), "_:N1a2b", id="bnode"),
        pytest.param(BNode("nodeID://b10001"), "_:be3ada34b281d6815", id="bnode-virtuoso-id-hashed"),
    ],
)
def test_term_nt_writes(term, expected):
    assert term_nt(term) == expected


@pytest.mark.parametrize(
    "iri",
    [
        pytest.param("battle-of-araouane-2009", id="no-scheme"),
        pytest.param("https://w3id.org/x y", id="space"),
        pytest.param("https://w3id.org/<x>", id="angle-brackets"),
        pytest.param('https://w3id.org/"q"', id="quote"),
        pytest.param("https://w3id.org/a{b}", id="braces"),
        pytest.param("", id="empty"),
    ],
)
def test_term_nt_rejects_bad_iri_with_the_value(iri):
    with pytest.raises(StoreError, match="not a valid absolute IRI") as err:
        term_nt(URIRef(iri))
    assert repr(iri)[1:-1][:20] in str(err.value)


def test_term_nt_rejects_a_variable():
    from rdflib import Variable

    with pytest.raises(StoreError, match="cannot store the term rdflib.term.Variable"):
        term_nt(Variable("x"))


def test_triples_nt_and_quads_nq_lines():
    s, p = URIRef(EX + "a"), URIRef(EX + "p")
    triples = [(s, p, Literal("one . \n two")), (s, p, URIRef(EX + "b"))]
    assert triples_nt(triples) == (
        f'<{EX}a> <{EX}p> "one . \\n two" .\n'
        f"<{EX}a> <{EX}p> <{EX}b> .\n"
    )
    assert quads_nq(EX + "graph/g", triples).splitlines() == [
        f'<{EX}a> <{EX}p> "one . \\n two" <{EX}graph/g> .',
        f"<{EX}a> <{EX}p> <{EX}b> <{EX}graph/g> .",
    ]
    assert has_blank_nodes(triples) is False
    assert has_blank_nodes([(BNode("x"), p, s)]) is True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "SELECT ?x WHERE { ?x ?p ?o }",
            'SELECT ?x WHERE { VALUES (?o) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?x ?p ?o }',
            id="simple-where",
        ),
        pytest.param(
            "PREFIX kg: <https://w3id.org/conflict-kg/vocab#>\nSELECT ?x { ?x ?p ?o }",
            'PREFIX kg: <https://w3id.org/conflict-kg/vocab#>\nSELECT ?x { VALUES (?o) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?x ?p ?o }',
            id="prefix-and-no-where-keyword",
        ),
        pytest.param(
            "# a comment with { a brace\nSELECT (IF(?a < 3, \"{\", '}') AS ?x) WHERE { ?x ?p ?o }",
            "# a comment with { a brace\nSELECT (IF(?a < 3, \"{\", '}') AS ?x) WHERE { VALUES (?o) { (\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?x ?p ?o }",
            id="braces-in-comment-and-strings-and-less-than",
        ),
    ],
)
def test_bind_values_opens_the_outermost_group(query, expected):
    assert bind_values(query, {"o": Literal(3)}) == expected


def test_bind_values_several_and_unbound():
    out = bind_values("ASK { ?s ?p ?o }", {"?s": URIRef(EX + "a"), "$o": None})
    assert out == f"ASK {{ VALUES (?s ?o) {{ (<{EX}a> UNDEF) }} ?s ?p ?o }}"
    assert bind_values("ASK { ?s ?p ?o }", {}) == "ASK { ?s ?p ?o }"


@pytest.mark.parametrize(
    ("query", "bindings", "message"),
    [
        pytest.param("SELECT * WHERE { ?s ?p ?o }", {"bad name": Literal(1)}, "not a SPARQL variable name: 'bad name'", id="bad-variable"),
        pytest.param("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("no scheme")}, "cannot bind ?s: not a valid absolute IRI", id="bad-iri"),
        pytest.param("SELECT * WHERE '{'", {"s": Literal(1)}, "no { ... } group", id="brace-only-in-string"),
    ],
)
def test_bind_values_errors(query, bindings, message):
    with pytest.raises(QueryError, match=message.replace("?", r"\?").replace("{", r"\{").replace("}", r"\}").replace("(", r"\(").replace(")", r"\)")):
        bind_values(query, bindings)


def test_bound_values_are_matched_as_terms_not_text():
    """A value full of SPARQL syntax only fails to match: it cannot change the query."""
    store = ox.Store()
    g = ox.NamedNode(EX + "graph/g")
    store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x"), g))
    evil = Literal('x" } ; DROP ALL ; SELECT * { "')
    text = bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": evil})
    assert list(store.query(text, use_default_graph_as_union=True)) == []
    assert len(store) == 1


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(deadline=None, database=None)
@given(text=_TEXT, lang=st.sampled_from([None, "en", "fr-BE"]))
def test_any_literal_round_trips_through_an_ntriples_parser(text, lang):
    lit = Literal(text, lang=lang)
    line = f"<{EX}a> <{EX}p> {term_nt(lit)} .\n"
    (parsed,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == text
    assert parsed.object.language == (lang.lower() if lang else None)  # tags are case-insensitive


@settings(deadline=None, database=None)
@given(text=st.text(max_size=40))
def test_any_iri_text_is_written_or_refused_with_store_error(text):
    try:
        written = term_nt(URIRef("https://w3id.org/" + text))
    except StoreError as exc:
        assert "not a valid absolute IRI" in str(exc)
    else:
        assert written.startswith("<https://w3id.org/") and written.endswith(">")
        assert not any(ch in written[1:-1] for ch in ' <>"{}|^`\\\n')


def test_triples_nt_from_a_generator_of_fresh_literals_writes_each_its_own_text():
    """Terms are cached by identity during a call; a generator's freed literals must not alias."""
    s, p = URIRef(EX + "a"), URIRef(EX + "p")
    lines = triples_nt((s, p, Literal(str(i))) for i in range(2000)).splitlines()
    assert lines[0] == f'<{EX}a> <{EX}p> "0" .'
    assert [line.split('"')[1] for line in lines] == [str(i) for i in range(2000)]


@pytest.mark.parametrize(
    ("term", "error"),
    [
        pytest.param(Literal("half \ud800 pair"), "not Unicode scalar values", id="lone-surrogate"),
        pytest.param(Literal("x", datatype=URIRef("no scheme")), "not a valid absolute IRI", id="bad-datatype-iri"),
    ],
)
def test_term_nt_rejects_a_literal_it_cannot_write(term, error):
    with pytest.raises(StoreError, match=error):
        term_nt(term)
    with pytest.raises(StoreError, match=error):  # the same again: nothing bad was cached
        triples_nt([(URIRef(EX + "a"), URIRef(EX + "p"), term)])
