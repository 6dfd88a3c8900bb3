"""Query targets: what answers a SELECT query with typed bindings (rdflib, pyoxigraph, a store)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol, cast, runtime_checkable

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.query import ResultRow
from rdflib.term import Identifier, Node

from ..errors import QueryError
from ..rdf.namespaces import VOCAB_IRI
from ..rdf.oxigraph import from_oxigraph, to_oxigraph
from ..sparql_depth import check_depth

__all__ = ["Target", "GraphTarget", "OxigraphTarget"]


@runtime_checkable
class Target(Protocol):
    """Anything that answers a SELECT query with bindings: rdflib, pyoxigraph, a remote endpoint."""

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run *sparql* with *bindings*; return the variable names and rows of rdflib terms or None."""
        ...


def _engine_error(exc: Exception) -> QueryError:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return QueryError(f"the query failed: {message[:300]}")


_FALLBACK_GRAPH = URIRef("urn:kg:graph:unnamed")


def _graph_name(graph: Graph) -> URIRef:
    """The name to file a plain graph under: its IRI, else its kg:ArticleGraph node."""
    if isinstance(graph.identifier, URIRef) and not str(graph.identifier).startswith("urn:x-rdflib:"):
        return graph.identifier
    names = sorted(s for s in graph.subjects(RDF.type, URIRef(VOCAB_IRI + "ArticleGraph")) if isinstance(s, URIRef))
    return names[0] if len(names) == 1 else _FALLBACK_GRAPH


@lru_cache(maxsize=128)
def _prepared(sparql: str, namespaces: tuple[tuple[str, URIRef], ...]) -> Any:
    """*sparql* parsed and translated by rdflib, with the prefixes of *namespaces* known, as
    ``Graph.query`` does it, once per text: parsing takes longer than answering most stored
    queries over an article, and the same query runs over many graphs and with many bindings."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(sparql), None, dict(namespaces))


class GraphTarget:
    """An in-memory rdflib ``Dataset``; a plain ``Graph`` is filed as one named graph.

    Stored queries read the article graphs through ``GRAPH ?g``; a graph parsed from Turtle or
    N-Triples (no graph name) becomes the named graph its ``kg:ArticleGraph`` node names.
    """

    __slots__ = ("dataset",)

    def __init__(self, graph: Graph) -> None:
        if isinstance(graph, Dataset):
            self.dataset = graph
        else:
            self.dataset = Dataset(default_union=True)
            named = self.dataset.graph(_graph_name(graph))
            named.addN((s, p, o, named) for s, p, o in graph)

    @classmethod
    def from_triples(cls, graphs: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]]) -> GraphTarget:
        """A dataset of named graphs given as ``(graph IRI, triples)`` pairs."""
        ds = Dataset(default_union=True)
        for iri, triples in graphs:
            named = ds.graph(iri)
            named.addN((s, p, o, named) for s, p, o in triples)
        return cls(ds)

    @classmethod
    def from_mapped(cls, *mapped: Any) -> GraphTarget:
        """A dataset of mapper outputs (:class:`kg.rdf.mapper.MappedGraph`: ``.iri``, ``.triples``)."""
        return cls.from_triples((m.iri, m.triples) for m in mapped)

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run *sparql* with *bindings* as rdflib ``initBindings``."""
        check_depth(sparql)
        try:
            # the bound values are rdflib terms (Identifier); Node is what the Target protocol names
            query = _prepared(sparql, tuple(self.dataset.namespaces()))
            result = self.dataset.query(query, initBindings=cast("dict[str, Identifier]", bindings or {}))
            if result.type != "SELECT":
                raise QueryError(f"only SELECT queries are answered, not {result.type}")
            variables = [str(v) for v in result.vars or ()]
            rows = [tuple(cast(ResultRow, row)) for row in result]  # a SELECT result iterates rows
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises parse and evaluation errors of many types
            raise _engine_error(exc) from exc
        return variables, rows


def _ox_term(term: Node) -> Any:
    try:
        return to_oxigraph(term)
    except TypeError as exc:
        raise QueryError(str(exc)) from None


class OxigraphTarget:
    """An in-memory (or given) ``pyoxigraph.Store``; queries see the union of its graphs by default."""

    __slots__ = ("store",)

    def __init__(self, store: Any | None = None) -> None:
        import pyoxigraph as ox

        self.store = store if store is not None else ox.Store()

    def load(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add *triples* to the named graph *graph*."""
        import pyoxigraph as ox

        g = ox.NamedNode(str(graph))
        self.store.extend(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), g) for s, p, o in triples)

    @classmethod
    def from_mapped(cls, *mapped: Any) -> OxigraphTarget:
        """A store holding mapper outputs (``.iri``, ``.triples``), one named graph each."""
        target = cls()
        for m in mapped:
            target.load(m.iri, m.triples)
        return target

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphTarget:
        """A store holding an rdflib graph: a Dataset's named graphs, or a plain graph as one."""
        target = cls()
        if isinstance(graph, Dataset):
            for ctx in graph.graphs():
                if len(ctx):  # the default graph and blank-named graphs are filed under their article's name
                    target.load(_graph_name(ctx), ctx)
        else:
            target.load(_graph_name(graph), graph)
        return target

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run *sparql* with *bindings* as pyoxigraph ``substitutions``, over the union of the graphs."""
        import pyoxigraph as ox

        check_depth(sparql)
        substitutions = {ox.Variable(name): _ox_term(term) for name, term in (bindings or {}).items()}
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("only SELECT queries are answered")
            variables = [v.value for v in result.variables]
            rows = [tuple(from_oxigraph(solution[v], canonical=True) for v in variables) for solution in result]
        except QueryError:
            raise
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
            raise _engine_error(exc) from exc
        return variables, rows
