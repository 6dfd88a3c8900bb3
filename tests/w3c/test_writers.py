"""Every writer of kg round-trips the W3C RDF 1.1 test suites (vendored in ``tests/w3c/rdf11``).

Each positive syntax and evaluation test of N-Triples, N-Quads, Turtle and TriG (554) is parsed by
pyoxigraph, turned into rdflib terms by :func:`kg.rdf.oxigraph.from_oxigraph` (as kg's store and
query results are), written by each writer, and read back by pyoxigraph and by rdflib. What comes
back must be the same RDF dataset (the same quads, blank nodes compared by canonical labelling):

- pyoxigraph reads terms exactly, so the comparison is exact: ``"01"^^xsd:integer`` must come back
  as ``"01"``, not ``"1"``;
- rdflib's parsers put some number literals into a canonical form of their own (a bare ``+1`` in
  Turtle is read as ``"1"``), so what rdflib reads is compared with the input put through the
  same normalisation.

The writers: :func:`kg.export.serialize` in its five formats (N-Triples and Turtle hold the union
of the graphs, the others every graph), and the store writers of :mod:`kg.store.nquads`
(``triples_nt`` for the union, ``quads_nq`` per named graph plus ``triples_nt`` for the default
graph). ``quads_nq`` names graphs by IRI (kg's store graphs always are): the 12 tests whose graphs
are named by blank nodes are not given to it.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager

from kg.export import serialize
from kg.rdf.oxigraph import from_oxigraph, to_oxigraph
from kg.store.nquads import quads_nq, triples_nt

SUITES = Path(__file__).parent / "rdf11"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
POSITIVE = {
    "TestNTriplesPositiveSyntax", "TestNQuadsPositiveSyntax", "TestTurtlePositiveSyntax", "TestTurtleEval",
    "TestTrigPositiveSyntax", "TestTrigEval",
}
SYNTAX = {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG}


def _positive_tests() -> list[tuple[str, str | None]]:
    """(path relative to SUITES, base IRI) of every positive test the manifests list."""
    found = []
    for manifest in sorted(SUITES.glob("*/manifest.ttl")):
        ds = ox.Dataset(ox.parse(path=str(manifest), format=ox.RdfFormat.TURTLE, base_iri=manifest.as_uri()))
        bases = [q.object.value for q in ds.quads_for_predicate(ox.NamedNode(MF + "assumedTestBase"))]
        for q in ds.quads_for_predicate(RDF_TYPE):
            if q.object.value.rsplit("#", 1)[-1] not in POSITIVE:
                continue
            action = next(a.object.value for a in ds.quads_for_subject(q.subject) if a.predicate.value == MF + "action")
            name = action.rsplit("/", 1)[-1]
            found.append((f"{manifest.parent.name}/{name}", bases[0] + name if bases else None))
    return sorted(found)


TESTS = _positive_tests()
#: suite folder -> its tests
SUITES_TESTS: dict[str, list[tuple[str, str | None]]] = {}
for _path, _base in TESTS:
    SUITES_TESTS.setdefault(_path.split("/")[0], []).append((_path, _base))


@functools.lru_cache(maxsize=None)
def _input(path: str, base: str | None) -> tuple[ox.Quad, ...]:
    file = SUITES / path
    return tuple(ox.parse(path=str(file), format=SYNTAX[file.suffix], base_iri=base))


def _dataset(quads: Iterable[ox.Quad]) -> Dataset:
    ds = Dataset(default_union=True)
    for q in quads:
        graph = ds.default_graph if isinstance(q.graph_name, ox.DefaultGraph) else ds.graph(from_oxigraph(q.graph_name))
        graph.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    return ds


@functools.cache
def _case(path: str, base: str | None) -> tuple[list[ox.Quad], Dataset, bool]:
    """A test's quads, the rdflib Dataset of them every writer reads (and none changes), and whether
    a graph of it is named by a blank node."""
    original = list(_input(path, base))
    return original, _dataset(original), any(isinstance(q.graph_name, ox.BlankNode) for q in original)


def _union(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    return [ox.Quad(q.subject, q.predicate, q.object) for q in quads]


def _canonical(quads: Iterable[ox.Quad]) -> list[str]:
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(str(q) for q in ds)


def _as_rdflib_reads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """*quads* with each typed literal as rdflib's parsers would make it (``"+1"`` -> ``"1"``)."""
    out = []
    for q in quads:
        o = q.object
        if isinstance(o, ox.Literal) and o.language is None:
            o = to_oxigraph(Literal(o.value, datatype=URIRef(o.datatype.value), normalize=True))
        out.append(ox.Quad(q.subject, q.predicate, o, q.graph_name))
    return out


def _rdflib_read(text: str, syntax: str, *, quads: bool) -> list[ox.Quad]:
    graph: Graph = Dataset(default_union=True) if quads else Graph(bind_namespaces="none")
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="none")  # a third of the time otherwise
    graph.parse(data=text, format=syntax)
    if not quads:
        return [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph]
    out = []
    for s, p, o, g in graph.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph_name = ox.DefaultGraph() if name is None or name == DATASET_DEFAULT_GRAPH_ID else to_oxigraph(name)
        out.append(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph_name))
    return out


def _store_quads(ds: Dataset) -> str:
    parts = []
    for graph in ds.graphs():
        triples = list(graph)
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            parts.append(triples_nt(triples))
        else:
            parts.append(quads_nq(str(graph.identifier), triples))
    return "".join(parts)


#: writer name -> (write a Dataset, pyoxigraph syntax, rdflib syntax, keeps the graphs)
WRITERS: dict[str, tuple[Callable[[Dataset], str], ox.RdfFormat, str, bool]] = {
    "export-nq": (lambda ds: serialize(ds, "nq"), ox.RdfFormat.N_QUADS, "nquads", True),
    "export-trig": (lambda ds: serialize(ds, "trig"), ox.RdfFormat.TRIG, "trig", True),
    "export-json-ld": (lambda ds: serialize(ds, "json-ld"), ox.RdfFormat.JSON_LD, "json-ld", True),
    "export-turtle": (lambda ds: serialize(ds, "turtle"), ox.RdfFormat.TURTLE, "turtle", False),
    "export-nt": (lambda ds: serialize(ds, "nt"), ox.RdfFormat.N_TRIPLES, "nt", False),
    "store-triples_nt": (lambda ds: triples_nt(ds.triples((None, None, None))), ox.RdfFormat.N_TRIPLES, "nt", False),
    "store-quads_nq": (_store_quads, ox.RdfFormat.N_QUADS, "nquads", True),
}


def _round_trip_failures(original: list[ox.Quad], dataset: Dataset, writer: str) -> list[str]:
    """What goes wrong when *writer* writes *dataset* (the quads *original* as rdflib terms) and
    the readers read it back."""
    write, ox_syntax, rdflib_syntax, keeps_graphs = WRITERS[writer]
    expected = original if keeps_graphs else _union(original)
    text = write(dataset)
    failures = []
    read = list(ox.parse(text.encode("utf-8"), format=ox_syntax))
    if _canonical(read if keeps_graphs else _union(read)) != _canonical(expected):
        failures.append(f"{writer}: pyoxigraph reads another dataset from:\n{text}")
    read = _rdflib_read(text, rdflib_syntax, quads=keeps_graphs)
    if _canonical(_as_rdflib_reads(read)) != _canonical(_as_rdflib_reads(expected)):
        failures.append(f"{writer}: rdflib reads another dataset from:\n{text}")
    return failures


def test_the_vendored_suites_hold_every_positive_test():
    kinds = {suite: len(tests) for suite, tests in SUITES_TESTS.items()}
    assert kinds == {"rdf-n-triples": 41, "rdf-n-quads": 53, "rdf-turtle": 219, "rdf-trig": 241}  # 554
    named_by_blank_nodes = [path for path, base in TESTS if any(isinstance(q.graph_name, ox.BlankNode) for q in _input(path, base))]
    assert len(named_by_blank_nodes) == 12


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("suite", sorted(SUITES_TESTS))
def test_every_writer_round_trips_every_w3c_test(suite: str, writer: str):
    """One writer, on every positive test of one suite (each failure names its test); the store's
    quads_nq only on the tests where every graph is named by an IRI. (A test per suite and writer,
    not per file: the 554 files as tests of their own cost the suite more in pytest's bookkeeping
    than in the round trips.)"""
    failures = []
    checked = 0
    for path, base in SUITES_TESTS[suite]:
        original, dataset, blank_graph_names = _case(path, base)
        if writer == "store-quads_nq" and blank_graph_names:
            continue
        checked += 1
        try:
            failures += [f"{path}: {failure}" for failure in _round_trip_failures(original, dataset, writer)]
        except Exception as exc:  # a reader refusing what a writer wrote: named with its test, the others still run
            failures.append(f"{path}: {writer}: {type(exc).__name__}: {exc}")
    assert checked  # the suite is there (test_the_vendored_suites_hold_every_positive_test counts them)
    assert not failures, f"{len(failures)} of {checked} tests:\n\n" + "\n\n".join(failures)
