"""The kg vocabulary: the Turtle file and the DefinedNamespace list the same terms."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.rdf.namespaces import KG, VOCAB_IRI
from kg.rdf.terms import term
from kg.resources import load_toml, resource_path


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(resource_path("vocab", "kg.ttl"))


def defined_terms(vocab: Graph) -> set[str]:
    return {str(s)[len(VOCAB_IRI):] for s in vocab.subjects(RDF.type, None) if str(s).startswith(VOCAB_IRI) and str(s) != VOCAB_IRI}


def test_namespace_and_turtle_define_the_same_terms(vocab):
    in_python = set(KG.__annotations__) | set(KG._extras)
    assert defined_terms(vocab) == in_python


def test_every_term_has_an_english_label_and_comment(vocab):
    for name in defined_terms(vocab):
        iri = KG[name]
        labels = list(vocab.objects(iri, RDFS.label))
        comments = list(vocab.objects(iri, RDFS.comment))
        assert len(labels) == 1 and labels[0].language == "en", name
        assert len(comments) == 1 and isinstance(comments[0], Literal), name


def test_typo_in_a_term_is_an_error():
    with pytest.raises(AttributeError):
        KG.Battel  # noqa: B018


@pytest.mark.parametrize("section", list(load_toml("mapping", "terms.toml")))
def test_every_mapped_id_names_a_vocabulary_term(section):
    for identifier, name in load_toml("mapping", "terms.toml")[section].items():
        if name:
            assert KG[name] is not None, (section, identifier)
        if identifier != "_default":
            assert term(section, identifier) is not None or name == ""


def test_vocabulary_is_an_owl_ontology(vocab):
    assert (None, RDF.type, OWL.Ontology) in vocab


@pytest.mark.parametrize(
    ("namespace", "name", "iri"),
    [
        ("KG", "Battle", VOCAB_IRI + "Battle"),
        ("KG", "in", VOCAB_IRI + "in"),
        ("SCHEMA", "about", "https://schema.org/about"),
        ("RDF", "type", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
    ],
)
def test_a_terms_view_makes_each_term_once_with_the_namespaces_iri(namespace, name, iri):
    from kg.rdf import namespaces

    view = namespaces.Terms(getattr(namespaces, namespace))
    first = view[name] if name == "in" else getattr(view, name)
    assert first == URIRef(iri) and type(first) is URIRef
    assert (view[name] if name == "in" else getattr(view, name)) is first
    assert view[name] is first
    assert str(view) == str(getattr(namespaces, namespace))


def test_a_terms_view_keeps_the_defined_namespaces_typo_check():
    from kg.rdf.namespaces import Terms

    view = Terms(KG)
    with pytest.raises(AttributeError, match="Battel"):
        _ = view.Battel
    with pytest.raises(AttributeError):
        view.Battle = URIRef("https://example.org/x")
