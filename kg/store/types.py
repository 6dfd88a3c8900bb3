"""The types every store shares: answers, graph statistics, load reports, and the :class:`Store` protocol.

The backends (:mod:`kg.store.embedded`, :mod:`kg.store.remote`) and the helpers of this package
import them from here; ``kg.store`` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol, Self

from rdflib.term import Node

__all__ = ["TMP_GRAPH_PREFIX", "Answer", "GraphStats", "LoadReport", "Rows", "Store"]

#: The variables and the rows of a SELECT answer (rdflib terms; None for an unbound variable).
Rows = tuple[list[str], list[tuple[Node | None, ...]]]

#: Named graphs under this prefix are loads in progress (remote stores write there first).
TMP_GRAPH_PREFIX = "urn:kg:tmp:"


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to any SPARQL query: a table (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: Literal["select", "ask", "graph"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()


@dataclass(frozen=True, slots=True)
class GraphStats:
    """One named graph and its number of triples."""

    iri: str
    triples: int


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load did: the graph, the triples written, the triples it replaced, the time taken."""

    graph: str
    triples: int
    replaced: int
    seconds: float


class Store(Protocol):
    """What :mod:`kg.query` and the CLI need from a store (embedded or remote)."""

    def select(self, sparql: str, bindings: dict[str, Node] | None = None, graph: str | None = None) -> Rows: ...

    def query(self, sparql: str, *, bindings: dict[str, Node] | None = None, graph: str | None = None) -> Answer: ...

    def replace_graph(self, iri: str, triples: Any) -> LoadReport: ...

    def load(self, built: Any) -> LoadReport: ...

    def drop(self, iri: str) -> int: ...

    def graphs(self) -> list[str]: ...

    def stats(self, *, prefix: str | None = None) -> tuple[GraphStats, ...]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...
