"""Answer the stored SPARQL queries (``queries/*.rq``) over an article graph or a store.

A stored query is one question in one file: a header of comments (``# summary:``,
``# question:``, ``# param:`` or ``# parameters: none``), then plain SPARQL 1.1. Every query
matches the article's triples inside ``GRAPH ?g { ... }``, so it runs unchanged on rdflib, on
pyoxigraph and on any SPARQL 1.1 server, whatever its default graph is (see docs/queries.md).

Parameters are bound as typed RDF terms (rdflib ``initBindings``, pyoxigraph ``substitutions``),
never pasted into the query text: a value cannot change the query, only fail to match.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph
from rdflib.term import Node

from .params import LANG, Param, bind_params
from .results import QueryResult
from .stored import StoredQuery, get_query, parse_query, resolve, stored_queries
from .targets import GraphTarget, OxigraphTarget, Target

__all__ = [
    "Param",
    "StoredQuery",
    "QueryResult",
    "Target",
    "GraphTarget",
    "OxigraphTarget",
    "parse_query",
    "stored_queries",
    "get_query",
    "bind_params",
    "run_query",
]


def run_query(
    query: str | StoredQuery, target: Target | Graph, *, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Answer *query* (a stored query, its name, or SPARQL text) over *target*.

    *target* is a :class:`Target` or an rdflib graph (wrapped in a :class:`GraphTarget`).
    *params* are the query's parameters as text; each is checked against its declared type and
    bound as a typed term. Raise :class:`QueryError` for an unknown name, a bad parameter or a
    query the engine rejects.
    """
    stored = resolve(query)
    bindings = bind_params(stored, params or {})
    engine = GraphTarget(target) if isinstance(target, Graph) else target
    runs = [bindings]
    for p in stored.params:  # a name matches its labels whatever their case: actor=mali finds "Mali"@en
        if LANG.match(p.datatype) and params and p.name in params:
            runs = [{**run, p.name: label} for run in runs for label in _labels_like(engine, bindings[p.name])]
    variables: list[str] = []
    rows: list[tuple] = []
    for run in runs:
        variables, found = engine.select(stored.text, run)
        rows.extend(found)
    return QueryResult(tuple(variables), tuple(tuple(row) for row in rows))


_LABELS_LIKE = """SELECT DISTINCT ?label ?name WHERE {
  GRAPH ?g { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label }
  FILTER (LCASE(STR(?label)) = LCASE(STR(?name)) && LANG(?label) = LANG(?name))
}"""


def _labels_like(engine: Target, name: Node) -> list[Node]:
    """The labels of the data equal to *name* but for case (the name itself when none is), sorted."""
    _, rows = engine.select(_LABELS_LIKE, {"name": name})
    found = sorted({row[0] for row in rows if row[0] is not None}, key=str)
    return found or [name]
