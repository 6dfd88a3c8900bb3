"""The embedded store: pyoxigraph (RocksDB) in a folder on disk, no server needed.

- **Where**: ``--store DIR``, else ``$KG_STORE``, else the platform's data folder
  (``$XDG_DATA_HOME/kg/store``, ``~/.local/share/kg/store``; ``~/Library/Application Support``
  on macOS, ``%LOCALAPPDATA%`` on Windows).
- **Atomic replace**: a load is ONE SPARQL update, ``DROP SILENT GRAPH <g>; INSERT DATA { GRAPH
  <g> { ... } }``, and Oxigraph applies an update as one transaction: readers see the old graph
  or the new one, never a mix, and a failure leaves the old graph as it was. The triples are
  written (and every term checked) before anything touches the store.
- **One writer**: RocksDB locks the folder. A second process waits up to *wait* seconds for the
  lock, then gets a :class:`~kg.errors.StoreError` naming the folder (``kg serve`` holds the
  lock while it runs: load through its endpoint instead).
"""
from __future__ import annotations

import functools
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Self, TypeVar

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier, Node

from ..errors import QueryError, StoreDamaged, StoreError
from ..rdf.oxigraph import from_oxigraph
from ..sparql_depth import check_depth
from . import Answer, GraphStats, LoadReport, Rows
from .nquads import bind_values, term_nt, triples_nt

__all__ = ["DUMP_FORMATS", "EmbeddedStore", "damaged", "default_store_path", "serve_command"]

#: ``kg store dump`` formats and their pyoxigraph names.
DUMP_FORMATS: dict[str, ox.RdfFormat] = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}

_POLL = 0.1  # seconds between two attempts to take the lock
F = TypeVar("F", bound=Callable[..., Any])


def default_store_path() -> Path:
    """``$KG_STORE``, else ``<platform data folder>/kg/store``."""
    env = os.environ.get("KG_STORE")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return root / "kg" / "store"


def _is_lock_error(exc: OSError) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("unavailable" in text or "hold" in text or "busy" in text)


def damaged(path: Path, exc: BaseException) -> StoreError:
    """The error for a failure pyoxigraph reports from the store's files (RocksDB): a
    :class:`StoreDamaged` when they are corrupt, else a :class:`StoreError`; one line each."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "corrupt" in text.lower():
        return StoreDamaged(
            f"the store at {path} is damaged ({text[:160]}); restore the folder from a backup, "
            f"or move it away and load the articles again (kg load ... --store {path})"
        )
    return StoreError(f"the store at {path} failed: {text[:200]}")


def _guarded(method: F) -> F:
    """Turn the RocksDB errors pyoxigraph raises (RuntimeError) into one-line store errors."""

    @functools.wraps(method)
    def wrapper(self: EmbeddedStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except RuntimeError as exc:
            raise damaged(self.path, exc) from None

    return wrapper  # type: ignore[return-value]


def _open(path: Path, wait: float) -> ox.Store:
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            return ox.Store(str(path))
        except RuntimeError as exc:
            raise damaged(path, exc) from None
        except OSError as exc:
            if not _is_lock_error(exc):
                raise StoreError(f"cannot open the store at {path}: {str(exc).splitlines()[0]}") from None
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"the store at {path} is in use by another process (kg load, kg serve or an oxigraph "
                    f"server); wait for it to finish, stop it, or use another --store"
                ) from None
            time.sleep(_POLL)


def _graph_name(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise StoreError(f"not a valid graph IRI: {iri!r}") from None


class EmbeddedStore:
    """A persistent pyoxigraph store in the folder *path* (created on first use when *create*)."""

    def __init__(self, path: str | Path | None = None, *, wait: float = 10.0, create: bool = True) -> None:
        self.path = Path(path).expanduser() if path else default_store_path()
        if not create and not (self.path / "CURRENT").exists():
            raise StoreError(f"there is no store at {self.path}; load articles first (kg load ARTICLE --store DIR)")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"the store location {self.path} is a file, not a folder; use another --store")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store folder {self.path}: {exc.strerror}") from None
        self._store: ox.Store | None = _open(self.path, wait)

    # -- life cycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Flush and release the folder (and its lock)."""
        store, self._store = self._store, None
        if store is not None:
            try:
                store.flush()
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"cannot write the store at {self.path} to disk on closing it: {str(exc).splitlines()[0]}") from None
            finally:
                del store

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._store

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"

    # -- writing ----------------------------------------------------------------------------------

    @_guarded
    def replace_graph(self, iri: str, triples: Iterable[tuple[Identifier, Identifier, Identifier]]) -> LoadReport:
        """Replace the named graph *iri* by *triples* in one transaction."""
        started = time.perf_counter()
        triples = triples if isinstance(triples, list) else list(triples)
        name = term_nt(URIRef(iri))
        body = triples_nt(triples)  # every term is checked here, before the store is touched
        previous = self.count(iri)
        try:
            self.store.update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}}} }}")
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write graph <{iri}> to the store at {self.path}: {str(exc).splitlines()[0]}; the previous graph is unchanged") from None
        after = self.count(iri)
        return LoadReport(iri, after, previous, time.perf_counter() - started)

    def load(self, built: Any) -> LoadReport:
        """Store an article built by :func:`kg.pipeline.build` (or a ``MappedGraph``) in its named graph."""
        graph = getattr(built, "graph", built)
        return self.replace_graph(str(graph.iri), graph.triples)

    @_guarded
    def drop(self, iri: str) -> int:
        """Remove the named graph *iri*; return how many triples it held.

        :raises StoreError: when the store has no such graph.
        """
        name = _graph_name(iri)
        if not self.store.contains_named_graph(name):
            raise StoreError(f"the store at {self.path} has no graph <{iri}>; see kg store stats")
        held = self.count(iri)
        self.store.update(f"DROP GRAPH {term_nt(URIRef(iri))}")
        return held

    # -- reading ----------------------------------------------------------------------------------

    @_guarded
    def count(self, iri: str) -> int:
        """The number of triples in the named graph *iri* (0 when it is absent)."""
        name = _graph_name(iri)
        result = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=name)
        assert isinstance(result, ox.QuerySolutions)
        return next(int(sol["n"].value) for sol in result)

    @_guarded
    def graphs(self) -> list[str]:
        """The named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    @_guarded
    def stats(self, *, prefix: str | None = None) -> tuple[GraphStats, ...]:
        """Every named graph (under *prefix*, when given) with its number of triples, sorted by IRI."""
        result = self.store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        assert isinstance(result, ox.QuerySolutions)
        found = {sol["g"].value: int(sol["n"].value) for sol in result}
        for g in self.store.named_graphs():  # graphs left empty still exist
            found.setdefault(g.value, 0)
        return tuple(GraphStats(g, n) for g, n in sorted(found.items()) if prefix is None or g.startswith(prefix))

    @_guarded
    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None, graph: str | None = None) -> Answer:
        """Run any SPARQL query over the whole store (the union of its graphs) or one *graph*.

        With *graph*, both the default graph and the only named graph are that graph, so a query
        reading ``GRAPH ?g { ... }`` (as the stored queries do) and one without see the same data.

        *bindings* (variable name -> rdflib term) are bound as typed values (see
        :func:`kg.store.nquads.bind_values`).
        """
        check_depth(sparql)
        text = bind_values(sparql, bindings)
        options: dict[str, Any] = {}
        if graph is None:
            options["use_default_graph_as_union"] = True
        else:
            name = _graph_name(graph)
            if not self.store.contains_named_graph(name):
                raise StoreError(f"the store at {self.path} has no graph <{graph}>; see kg store stats")
            options["default_graph"] = name  # patterns outside GRAPH see this graph,
            options["named_graphs"] = [name]  # and GRAPH ?g sees only it
        try:
            result = self.store.query(text, **options)
            if isinstance(result, ox.QueryBoolean):
                return Answer("ask", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):  # a table
                variables = tuple(v.value for v in result.variables)
                rows = tuple(tuple(from_oxigraph(sol[v], canonical=True) for v in variables) for sol in result)
                return Answer("select", variables=variables, rows=rows)
            assert isinstance(result, ox.QueryTriples)  # CONSTRUCT or DESCRIBE
            triples = tuple((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object, canonical=True)) for t in result)
            return Answer("graph", triples=triples)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"the SPARQL query is malformed: {str(exc).splitlines()[0]}") from None
        except RuntimeError as exc:
            if "corrupt" in str(exc).lower():
                raise damaged(self.path, exc) from None
            raise QueryError(f"the SPARQL query failed on the store at {self.path}: {str(exc).splitlines()[0]}") from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"the SPARQL query failed on the store at {self.path}: {str(exc).splitlines()[0]}") from None

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, graph: str | None = None) -> Rows:
        """Run a SELECT query; return ``(variables, rows)`` of rdflib terms (None when unbound)."""
        answer = self.query(sparql, bindings=bindings, graph=graph)
        if answer.kind != "select":
            raise QueryError("select() needs a SELECT query; use query() for ASK, CONSTRUCT or DESCRIBE")
        return list(answer.variables), list(answer.rows)

    @_guarded
    def dump(self, fmt: str = "trig", output: BinaryIO | None = None) -> bytes | None:
        """Every named graph in TriG (``trig``) or N-Quads (``nq``): returned, or written to *output*."""
        rdf_format = DUMP_FORMATS.get(fmt.lower())
        if rdf_format is None:
            raise StoreError(f"cannot dump as {fmt!r}; choose one of {', '.join(DUMP_FORMATS)}")
        prefixes = None
        if rdf_format is ox.RdfFormat.TRIG:
            from ..rdf.namespaces import PREFIXES

            prefixes = dict(PREFIXES)
        return self.store.dump(output, format=rdf_format, prefixes=prefixes)


def serve_command(path: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 7878, read_only: bool = False) -> list[str]:
    """The command line that serves the store at *path* with the Oxigraph server (PyPI ``oxigraph``).

    The server offers a query page at ``/``, SPARQL at ``/query`` and ``/update`` and the Graph
    Store Protocol at ``/store``. It opens the same folder as :class:`EmbeddedStore` (same
    on-disk format), and holds its lock while it runs.

    :raises StoreError: when the ``oxigraph`` command is not installed, or there is no store.
    """
    exe = shutil.which("oxigraph")
    if exe is None:
        raise StoreError("the oxigraph server is not installed; install it with: pip install oxigraph")
    where = Path(path).expanduser() if path else default_store_path()
    if not (where / "CURRENT").exists():
        raise StoreError(f"there is no store at {where}; load articles first (kg load ARTICLE --store DIR)")
    mode = "serve-read-only" if read_only else "serve"
    return [exe, mode, "--location", str(where), "--bind", f"{host}:{port}", "--union-default-graph"]
