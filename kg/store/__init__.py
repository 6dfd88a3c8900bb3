"""Triplestores: an embedded on-disk store (the default) and remote SPARQL servers.

Every article is one named graph (``{base}graph/{slug}``, see docs/model.md). A store offers the
same small surface whichever kind it is (:class:`Store`):

- ``replace_graph(iri, triples)`` / ``load(built)``: put an article's graph in place of the old
  one, atomically (the old graph stays whole when anything fails);
- ``drop(iri)``, ``graphs()``, ``stats()``;
- ``select(sparql, bindings=None, graph=None) -> (variables, rows)`` with rdflib terms, for the
  stored queries of :mod:`kg.query`, and ``query(...) -> Answer`` for any SPARQL query;
- ``close()`` (stores are context managers).

:class:`~kg.store.embedded.EmbeddedStore` keeps the data on disk with pyoxigraph (default folder
``$KG_STORE`` or the platform's data folder, see :func:`~kg.store.embedded.default_store_path`);
:class:`~kg.store.remote.RemoteStore` talks to Oxigraph server, Virtuoso, Fuseki or any server of
the SPARQL 1.1 Protocol and Graph Store HTTP Protocol. :func:`open_store` picks one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib.term import Node

from .types import TMP_GRAPH_PREFIX, Answer, GraphStats, LoadReport, Rows, Store

if TYPE_CHECKING:  # pragma: no cover
    from .embedded import EmbeddedStore
    from .remote import RemoteStore

__all__ = [
    "PRESETS",
    "TMP_GRAPH_PREFIX",
    "Answer",
    "EmbeddedStore",
    "GraphStats",
    "LoadReport",
    "Preset",
    "RemoteStore",
    "Rows",
    "Store",
    "default_store_path",
    "graph_iri",
    "open_store",
    "scoped",
    "serve_command",
]


def graph_iri(ref: str, *, base: str) -> str:
    """The named graph an ARTICLE argument names: a graph IRI, an article file, an identifier or a title.

    ``https://.../graph/x`` stays as it is; ``data/x.txt`` (an existing file) is read for its title;
    an article identifier (``Battle_of_X_(2009)``, ``battle-of-x~<hash>``) is used as it is;
    anything else is taken as a title.
    """
    from pathlib import Path

    from ..rdf.iris import check_base, identifier, is_identifier

    if "://" in ref or ref.startswith("urn:"):
        return ref
    base = check_base(base)
    path = Path(ref)
    if path.is_file():
        from ..article import read_article

        return f"{base}graph/{identifier(read_article(path).title)}"
    return f"{base}graph/{ref if is_identifier(ref) else identifier(ref)}"


class _Scoped:
    """A store seen through one named graph: ``select(sparql, bindings)`` as :mod:`kg.query` calls it."""

    __slots__ = ("graph", "store")

    def __init__(self, store: Store, graph: str) -> None:
        self.store, self.graph = store, graph

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> Rows:
        return self.store.select(sparql, bindings, self.graph)


def scoped(store: Store, graph: str | None) -> Any:
    """*store* as a query target limited to the named graph *graph* (the whole store when None).

    >>> # run_query("casualties", scoped(store, "https://w3id.org/conflict-kg/id/graph/x"))
    """
    return store if graph is None else _Scoped(store, graph)


def open_store(
    store: str | None = None,
    *,
    endpoint: str | None = None,
    preset: str = "auto",
    user: str | None = None,
    password: str | None = None,
    auth: str = "auto",
    timeout: float = 30.0,
    retries: int = 2,
    wait: float = 10.0,
    create: bool = True,
) -> Store:
    """A remote store when *endpoint* is given, else the embedded store at *store* (or the default)."""
    if endpoint:
        from .remote import RemoteStore

        return RemoteStore(
            endpoint, preset=preset, user=user, password=password, auth=auth, timeout=timeout, retries=retries
        )
    from .embedded import EmbeddedStore

    return EmbeddedStore(store, wait=wait, create=create)


_LAZY = {
    "EmbeddedStore": "embedded",
    "default_store_path": "embedded",
    "serve_command": "embedded",
    "RemoteStore": "remote",
    "Preset": "presets",
    "PRESETS": "presets",
}


def __getattr__(name: str) -> object:
    """Import the store kinds on first use (pyoxigraph and the HTTP client load only when needed)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg.store' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
