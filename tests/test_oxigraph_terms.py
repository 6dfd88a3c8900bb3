"""Terms from pyoxigraph become rdflib terms exactly (kg.rdf.oxigraph.from_oxigraph).

A typed literal keeps its lexical form, so two distinct RDF terms never become one (rdflib would
turn ``"+1"`` and ``"01"`` into ``"1"``). Answers of a pyoxigraph Store, which keeps numbers and
dates as values in its own canonical form, are asked for in rdflib's canonical form
(``canonical=True``), so both query engines print the same answer.
"""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from kg.rdf.oxigraph import from_oxigraph, to_oxigraph

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("lexical, datatype", [
    ("+1", "integer"), ("01", "integer"), ("000000", "integer"), ("1.", "decimal"), ("+.7", "decimal"),
    ("1E0", "double"), ("-1.0e0", "double"), ("1", "boolean"), ("2026-01-01T00:00:00Z", "dateTime"), ("0040", "gYear"),
])
def test_a_typed_literal_keeps_its_lexical_form(lexical: str, datatype: str):
    term = from_oxigraph(ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype)))
    assert (str(term), str(term.datatype)) == (lexical, XSD + datatype)
    assert to_oxigraph(term) == ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))


def test_distinct_number_terms_stay_distinct():
    terms = {from_oxigraph(ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))) for text in ("1", "+1", "01")}
    assert len(terms) == 3


@pytest.mark.parametrize("lexical, datatype, canonical", [
    ("2026-01-01T00:00:00Z", "dateTime", "2026-01-01T00:00:00+00:00"), ("01", "integer", "1"), ("1E0", "double", "1.0"),
])
def test_store_answers_can_be_given_in_rdflibs_canonical_form(lexical: str, datatype: str, canonical: str):
    term = from_oxigraph(ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype)), canonical=True)
    assert term == Literal(canonical, datatype=URIRef(XSD + datatype))


@pytest.mark.parametrize("term, expected", [
    (ox.NamedNode("http://example.org/a"), URIRef("http://example.org/a")),
    (ox.BlankNode("b1"), BNode("b1")),
    (ox.Literal("chat", language="fr"), Literal("chat", lang="fr")),
    (ox.Literal("plain"), Literal("plain")),
    (None, None),
])
def test_iris_blank_nodes_and_plain_literals_convert_as_they_are(term, expected):
    assert from_oxigraph(term) == expected
