"""Exports: every format parses back to an isomorphic graph, and parses in pyoxigraph too."""
from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import ExportError
from kg.export import FORMATS, canonical_format, format_for_path, jsonld_context, read_graph, serialize
from kg.pipeline import build
from kg.rdf.namespaces import KG, RDF, XSD

FLAGSHIP = "data/battle_of_araouane_2009.txt"
WHEN = datetime(2026, 1, 1, tzinfo=UTC)
OXI_FORMAT = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
    "json-ld-framed": pyoxigraph.RdfFormat.JSON_LD,
}


@pytest.fixture(scope="module")
def built():
    return build(FLAGSHIP, when=WHEN)


def triples_of(built) -> Graph:
    g = Graph()
    for t in built.graph.triples:
        g.add(t)
    return g


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_round_trips_to_an_isomorphic_graph(built, fmt):
    text = serialize(built.graph, fmt)
    serializer, quads = FORMATS[fmt]
    if quads:
        ds = Dataset()
        ds.parse(data=text, format=serializer)
        graphs = [g for g in ds.graphs() if len(g)]
        assert [g.identifier for g in graphs] == [built.graph.iri]
        parsed = graphs[0]
    else:
        parsed = Graph().parse(data=text, format=serializer)
    assert isomorphic(parsed, triples_of(built))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_parses_in_pyoxigraph(built, fmt):
    text = serialize(built.graph, fmt)
    quads = list(pyoxigraph.parse(io.BytesIO(text.encode("utf-8")), format=OXI_FORMAT[fmt]))
    assert len(quads) == len(set(built.graph.triples))
    if FORMATS[fmt][1]:
        assert {q.graph_name.value for q in quads} == {str(built.graph.iri)}


def test_jsonld_is_compacted_with_the_repository_context(built):
    doc = json.loads(serialize(built.graph, "json-ld"))
    assert doc["@context"] == jsonld_context()
    assert doc["@id"] == str(built.graph.iri)
    types = {t for node in doc["@graph"] for t in ([node["@type"]] if isinstance(node.get("@type"), str) else node.get("@type", []))}
    assert {"kg:Claim", "sem:Event", "kg:Side", "schema:QuantitativeValue"} <= types


def test_jsonld_expands_with_pyld_to_the_same_triples(built):
    pyld = pytest.importorskip("pyld")
    doc = json.loads(serialize(built.graph, "json-ld"))
    nquads = pyld.jsonld.to_rdf(doc, {"format": "application/n-quads"})
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    (graph,) = [g for g in ds.graphs() if len(g)]
    assert isomorphic(graph, triples_of(built))


@pytest.mark.parametrize("name, canonical", [("ttl", "turtle"), ("JSONLD", "json-ld"), ("n-quads", "nq"), ("trig", "trig")])
def test_format_aliases(name, canonical):
    assert canonical_format(name) == canonical


def test_unknown_format_is_an_export_error():
    with pytest.raises(ExportError, match="unknown format 'rdfxml'"):
        canonical_format("rdfxml")


@pytest.mark.parametrize("path, fmt", [("a.ttl", "turtle"), ("a.nq", "nq"), ("dir/a.JSONLD", "json-ld"), ("a.trig", "trig")])
def test_format_for_path(path, fmt):
    assert format_for_path(path) == fmt


@pytest.mark.parametrize("ext, fmt", [(".ttl", "turtle"), (".jsonld", "json-ld")])
def test_committed_exports_are_fresh(ext, fmt):
    """data/battle_of_araouane_2009.{ttl,jsonld} equal a fresh build (except the time it ran, and the
    digest of the rule set, which changes with any lexicon even when the flagship's facts do not).

    Regenerate them with: kg build data/battle_of_araouane_2009.txt -f FORMAT -o data/battle_of_araouane_2009.EXT
    """
    committed = Path(FLAGSHIP).with_suffix(ext)
    serializer = FORMATS[fmt][0]
    fresh, old = Dataset(), Dataset()
    fresh.parse(data=serialize(build(FLAGSHIP).graph, fmt), format=serializer)
    old.parse(committed, format=serializer)

    def without_time(ds: Dataset) -> Graph:
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            if not str(p).endswith(("generatedAtTime", "endedAtTime", "#ruleSet")):
                g.add((s, p, o))
        return g

    assert isomorphic(without_time(old), without_time(fresh)), f"{committed} is stale: regenerate it (see docstring)"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_term_with_no_valid_syntax_is_an_export_error_naming_it(fmt):
    ds = Dataset()
    ds.graph(URIRef("https://example.org/graph")).add((URIRef("battle of x"), RDF.type, KG.Article))
    with pytest.raises(ExportError, match="not a valid absolute IRI: 'battle of x'"):
        serialize(ds, fmt)


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_turtle_and_trig_use_kgs_prefixes_and_give_the_same_text_every_time(built, fmt):
    text = serialize(built.graph, fmt)
    assert "@prefix kg: <https://w3id.org/conflict-kg/vocab#> ." in text
    prefixes = [line for line in text.splitlines() if line.startswith("@prefix ")]
    body = text.split("\n", len(prefixes))[-1]
    assert " a kg:ArticleGraph ;" in body and "<https://w3id.org/conflict-kg/vocab#" not in body
    assert prefixes == sorted(prefixes)
    assert serialize(built.graph, fmt) == text


# ---- reading graph files (kg validate / export / query FILE) ---------------------------------------

_S, _P = URIRef("http://example.org/s"), URIRef("http://example.org/p")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("number.ttl", f'<{_S}> <{_P}> "01"^^<{_XSD}integer> .', Literal("1", datatype=XSD.integer)),
        ("bare-number.ttl", f"<{_S}> <{_P}> +1 .", Literal("1", datatype=XSD.integer)),
        ("utc.nt", f'<{_S}> <{_P}> "2009-07-04T00:00:00Z"^^<{_XSD}dateTime> .', Literal("2009-07-04T00:00:00+00:00", datatype=XSD.dateTime)),
        ("ill-typed.nt", f'<{_S}> <{_P}> "many"^^<{_XSD}integer> .', Literal("many", datatype=XSD.integer)),
        ("string.nt", f'<{_S}> <{_P}> "x"^^<{_XSD}string> .', Literal("x")),
        ("language.nt", f'<{_S}> <{_P}> "Cheers"@en-UK .', Literal("Cheers", lang="en-uk")),
    ],
)
def test_read_graph_gives_each_literal_as_rdflibs_parsers_do(tmp_path, name, text, expected):
    """Turtle and N-Triples are parsed by pyoxigraph; a typed literal comes in rdflib's canonical
    form, as rdflib's parsers give it (``"01"`` and ``+1`` are read as ``"1"``; an ill-typed one
    stays as it is), a language tag in lower case (its value space), ``xsd:string`` as a plain
    literal (the same RDF term)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert list(read_graph(tmp_path / name).triples((None, None, None))) == [(_S, _P, expected)]


def test_read_graph_resolves_relative_iris_against_the_files_uri(tmp_path):
    path = tmp_path / "a" / "b" / "relative.ttl"
    path.parent.mkdir(parents=True)
    path.write_text("<../g> <p> <x/./y> , <?q> .", encoding="utf-8")
    a = tmp_path.as_uri() + "/a/"
    assert sorted(read_graph(path).triples((None, None, None))) == [
        (URIRef(a + "g"), URIRef(a + "b/p"), URIRef(a + "b/relative.ttl?q")),
        (URIRef(a + "g"), URIRef(a + "b/p"), URIRef(a + "b/x/y")),
    ]


def test_read_graph_keeps_every_graph_of_a_dataset_file(tmp_path):
    """N-Quads and TriG: the default graph, graphs named by IRIs and by blank nodes, each whole."""
    path = tmp_path / "graphs.trig"
    path.write_text(f"<{_S}> <{_P}> 1 . <{_S}g> {{ <{_S}> <{_P}> 2 }} _:g {{ <{_S}> <{_P}> 3 , 4 }}", encoding="utf-8")
    ds = read_graph(path)
    graphs = {type(g.identifier).__name__ if isinstance(g.identifier, BNode) else str(g.identifier): sorted(int(o) for o in g.objects())
              for g in ds.graphs() if len(g)}
    assert graphs == {"urn:x-rdflib:default": [1], f"{_S}g": [2], "BNode": [3, 4]}


def test_read_graph_files_one_articles_triples_in_its_graph(tmp_path):
    path = tmp_path / "article.nt"
    path.write_text(f'<{_S}g> <{RDF.type}> <{KG.ArticleGraph}> .\n<{_S}> <{_P}> "1"^^<{_XSD}integer> .\n', encoding="utf-8")
    (graph,) = [g for g in read_graph(path).graphs() if len(g)]
    assert graph.identifier == URIRef(f"{_S}g") and len(graph) == 2


@pytest.mark.parametrize(("name", "text"), [("bad.ttl", "<http://example.org/a> <b"), ("bad.nq", "<a> <b> <c> <d> <e> ."), ("bad.nt", b"\xff\xfe")])
def test_read_graph_of_a_malformed_file_is_an_export_error_naming_it(tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ExportError, match=rf"^cannot parse {path} as (turtle|nquads|nt): .*line 1") as info:
        read_graph(path)
    assert "\n" not in str(info.value)
