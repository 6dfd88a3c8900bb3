"""Validate with pySHACL, the reference engine, and turn its report into kg's findings.

pySHACL runs without inference over a copy of the graph (the union of its graphs for a
Dataset) that parses each SPARQL text once (:func:`data_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from ..errors import KgError
from ..rdf.namespaces import NIF, PROV, RDF, RDFS
from .report import SEVERITY, SH, Finding, Report, namespaces, path_text, shape_name, term_text
from .shapes import shapes_graph

__all__ = ["validate_pyshacl", "data_graph"]


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _DataGraph(Graph):
    """A graph that parses each SPARQL text once.

    pySHACL runs a SPARQL-based constraint once per focus node, passing the same query text each
    time; rdflib would parse it again on every call (tens of milliseconds each).
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def data_graph(graph: Graph | Dataset) -> Graph:
    """A copy of *graph* (the union of its graphs for a Dataset) to validate."""
    data = _DataGraph()
    add = data.add
    if isinstance(graph, Dataset):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            add((s, p, o))
    else:
        for triple in graph:
            add(triple)
    return data


def validate_pyshacl(graph: Graph | Dataset, *, warnings: bool = True) -> Report:
    """Validate *graph* (a Graph, or a Dataset: the union of its graphs) with pySHACL against kg's
    shapes (the violation tier only with ``warnings=False``). Raises :class:`KgError` if pySHACL
    cannot finish; a graph that breaks shapes is not an error."""
    import pyshacl  # imported here: the fast engine does not need it (a quarter second to import)

    data = data_graph(graph)
    try:
        _conforms, results, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph(warnings=warnings),
            inference="none",
            advanced=False,
            allow_warnings=True,
            allow_infos=True,
        )
    except (TypeError, ValueError) as exc:
        raise KgError(f"cannot validate the graph: pySHACL failed with {type(exc).__name__}: {exc}") from exc
    return Report(tuple(sorted(_findings(results, data), key=Finding.sort_key)))


def _findings(results: Graph, data: Graph) -> Iterable[Finding]:
    names = namespaces()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = SEVERITY.get(_iri(results.value(result, SH.resultSeverity)), "Violation")
        shape = results.value(result, SH.sourceShape)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        if path is None and value == focus:  # a constraint on the node itself: no separate value
            value = None
        yield Finding(
            severity=severity,
            shape=shape_name(shape) if shape is not None else "",
            message=str(message) if message is not None else "",
            focus=str(focus),
            focus_label=_label(data, focus),
            path=path_text(results, path, names) if path is not None else None,
            value=term_text(value, names) if value is not None else None,
            span_text=_span_text(data, focus),
        )


def _iri(node: Node | None) -> URIRef:
    return node if isinstance(node, URIRef) else URIRef("")


def _label(data: Graph, node: Node | None) -> str | None:
    if node is None or isinstance(node, Literal):
        return None
    labels = sorted(data.objects(node, RDFS.label), key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)))
    return str(labels[0]) if labels else None


def _span_text(data: Graph, node: Node | None) -> str | None:
    """The text of the span *node* was read from: its own anchor, its prov:wasDerivedFrom span's,
    or (for a node that points at no text, like a figure) that of a node pointing at it."""
    if node is None or isinstance(node, Literal):
        return None
    for candidate in (node, *sorted(_parents(data, node), key=str)):
        own = data.value(candidate, NIF.anchorOf)
        if own is not None:
            return str(own)
        anchors = sorted(
            str(a) for span in data.objects(candidate, PROV.wasDerivedFrom) for a in data.objects(span, NIF.anchorOf)
        )
        if anchors:
            return anchors[0]
    return None


def _parents(data: Graph, node: Node) -> set[Node]:
    return {s for s, p in data.subject_predicates(node) if p != RDF.type}
