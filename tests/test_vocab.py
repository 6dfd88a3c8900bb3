"""The kg vocabulary: the Turtle file and the DefinedNamespace list the same terms."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.namespaces import KG, SEM, VOCAB_IRI, WD
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


# --- controlled lists as SKOS concept schemes, mapped to Wikidata

SCHEMES = {
    "EventType": "EventTypes", "ActorType": "ActorTypes", "RoleType": "RoleTypes", "Status": "Statuses",
    "Category": "Categories", "CountedKind": "CountedKinds", "Attribution": "Attributions", "Outcome": "Outcomes",
    "SpatialRelation": "SpatialRelations", "ParseStatus": "ParseStatuses",
}


@pytest.mark.parametrize(("concept_class", "scheme"), sorted(SCHEMES.items()))
def test_every_controlled_list_is_a_concept_scheme_of_exactly_its_terms(vocab, concept_class, scheme):
    members = set(vocab.subjects(RDF.type, KG[concept_class]))
    assert members, concept_class
    assert (KG[scheme], RDF.type, SKOS.ConceptScheme) in vocab
    assert set(vocab.subjects(SKOS.inScheme, KG[scheme])) == members
    assert set(vocab.subjects(SKOS.topConceptOf, KG[scheme])) == members
    for term_iri in members:
        assert vocab.value(term_iri, SKOS.prefLabel) == vocab.value(term_iri, RDFS.label), term_iri


def test_every_concept_class_is_a_skos_concept(vocab):
    for concept_class in SCHEMES:
        assert (KG[concept_class], RDFS.subClassOf, SKOS.Concept) in vocab, concept_class


_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)


def _wikidata(vocab: Graph, term_iri: URIRef) -> set[tuple[URIRef, str]]:
    return {(p, str(o)[len(str(WD)):]) for p in _MATCHES for o in vocab.objects(term_iri, p) if str(o).startswith(str(WD))}


def test_every_event_type_is_mapped_to_wikidata(vocab):
    unmapped = {str(t) for t in vocab.subjects(RDF.type, KG.EventType) if not _wikidata(vocab, t)}
    assert unmapped == set()


@pytest.mark.parametrize(
    ("category", "mapping"),
    [
        ("Killed", (SKOS.closeMatch, "P1120")),  # number of deaths
        ("Wounded", (SKOS.closeMatch, "P1339")),  # number of injured
        ("Missing", (SKOS.closeMatch, "P1446")),  # number of missing
        ("Captured", (SKOS.broadMatch, "P1590")),  # number of casualties: no property of its own
        ("Casualties", (SKOS.closeMatch, "P1590")),
        ("Strength", (SKOS.closeMatch, "P1132")),  # number of participants
    ],
)
def test_figure_categories_map_to_the_wikidata_property_of_their_count(vocab, category, mapping):
    assert _wikidata(vocab, KG[category]) == {mapping}


def test_the_sem_role_pattern_holds_under_rdfs(vocab):
    # a role node reached by kg:participation is, with RDFS inference, a value of sem:hasActor
    assert (KG.participation, RDFS.subPropertyOf, SEM.hasActor) in vocab
