"""Load a corpus into a store: articles built on all cores, written in batches, each graph atomically.

:func:`load_corpus` builds the articles with :func:`kg.corpus.build_corpus` (worker processes
return each article's graph as N-Quads text, in input order) and gives each graph to a
:class:`GraphSink`, which gathers them into batches and writes each batch into the store. Memory
holds one batch (at most *batch_articles* articles and about *batch_bytes* of N-Quads) plus the
articles in flight.

What each write does, and why it keeps every graph whole:

- **Embedded store, graphs not in the store yet**: ONE ``Store.load`` of the batch's N-Quads.
  pyoxigraph applies a load as one transaction ("either the full operation succeeds, or nothing
  is written"; ``bulk_load`` is not transactional and is never used here).
- **Embedded store, graphs already there**: the old version is read (the store's folder lock
  keeps every other writer out meanwhile) and compared with the new one, both in the form the
  store keeps values in. The graphs that changed little are replaced by ONE SPARQL update for the
  batch, ``DELETE DATA { GRAPH <g> { ... } } ; INSERT DATA { GRAPH <g> { ... } }`` with only the
  differences (Oxigraph runs an update as one transaction); a reload where nothing changed writes
  nothing. A graph that changed mostly is replaced whole, ``DROP SILENT GRAPH <g> ; INSERT DATA
  ...``, in an update of its own (Oxigraph is slower on big transactions, and naming every old
  triple costs more than dropping the graph); while graphs keep turning out mostly changed, the
  next ones are replaced whole without being compared, but one in 16 is still compared. Graphs
  with blank nodes (kg makes none) are replaced whole, and an article with blank nodes is written
  in a batch of its own (blank node labels are scoped to one document).
- **Any other store** (a SPARQL server): each graph through ``store.replace_graph``, one
  transaction per graph, as ``kg load`` always did (see :mod:`kg.store.remote`).

A failed write raises :class:`~kg.errors.StoreError` naming the graphs of that transaction: none
of them was written, every graph written before is in the store, every other graph is as it was.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import pyoxigraph as ox

from ..corpus import CorpusSummary, build_corpus
from ..errors import StoreError
from . import LoadReport, Store

__all__ = ["BATCH_ARTICLES", "BATCH_BYTES", "Commit", "GraphSink", "LoadSummary", "load_corpus"]

#: Default most articles in one batch.
BATCH_ARTICLES = 64
#: Default most characters of N-Quads in one batch (about 32 MB).
BATCH_BYTES = 32 << 20
#: While replaced graphs turn out mostly changed, one in this many is still compared with its old version.
_PROBE_EVERY = 16


@dataclass(frozen=True, slots=True)
class Commit:
    """One transaction of a corpus load: the graphs it wrote (in input order) and its time."""

    reports: tuple[LoadReport, ...]
    seconds: float


@dataclass(slots=True)
class LoadSummary:
    """What :func:`load_corpus` did: the build (``corpus``: failures, duplicates ...) and the writes."""

    corpus: CorpusSummary
    where: str = ""  # the store's folder or URL; "" when it was never opened (no article built)
    graphs: int = 0  # graphs written
    replaced: int = 0  # of which replaced a graph that held triples
    triples: int = 0
    commits: int = 0
    seconds: float = 0.0
    reports: list[LoadReport] = field(default_factory=list)


@dataclass(slots=True)
class _Pending:
    graph: str
    text: str  # N-Quads, every line in the graph
    triples: int


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _names(items: list[_Pending]) -> str:
    """Every graph of a failed transaction, by name: these are the graphs not written."""
    names = [f"<{p.graph}>" for p in items]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def _lines(text: str) -> list[str]:
    """The lines of N-Triples/N-Quads *text* (split at line feeds only: literals escape them, but
    not every character ``str.splitlines`` breaks at)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


class _EmbeddedWriter:
    """Writes batches into an :class:`~kg.store.embedded.EmbeddedStore` (see the module docstring)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.path = store.path
        self._replaced = 0  # graphs replaced so far
        self._whole = False  # the last graph compared had mostly changed: replace the next ones whole

    def write(self, batch: list[_Pending], commit: Callable[[Commit], None]) -> None:
        try:
            self._write(batch, commit)
        except RuntimeError as exc:  # RocksDB's errors: corrupt files, a failed read
            from .embedded import damaged

            raise damaged(self.path, exc) from None

    def _write(self, batch: list[_Pending], commit: Callable[[Commit], None]) -> None:
        ox_store: ox.Store = self.store.store
        there = [ox_store.contains_named_graph(ox.NamedNode(p.graph)) for p in batch]
        new = [p for p, found in zip(batch, there) if not found]
        old = [p for p, found in zip(batch, there) if found]
        if new:
            self._load(ox_store, new, commit)
        if old:
            self._replace(ox_store, old, commit)

    def _load(self, ox_store: ox.Store, items: list[_Pending], commit: Callable[[Commit], None]) -> None:
        started = time.perf_counter()
        try:
            ox_store.load("".join(p.text for p in items), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(
                f"cannot load {_names(items)} into the store at {self.path}: {_first_line(exc)}; "
                f"none of them was written, every graph loaded before is in the store"
            ) from None
        seconds = time.perf_counter() - started
        commit(Commit(tuple(LoadReport(p.graph, p.triples, 0, seconds) for p in items), seconds))

    def _replace(self, ox_store: ox.Store, items: list[_Pending], commit: Callable[[Commit], None]) -> None:
        started = time.perf_counter()
        deletes: list[str] = []
        inserts: list[str] = []
        diffed: list[tuple[_Pending, int, int]] = []  # (graph, triples after, triples before)
        whole: list[tuple[_Pending, int | None]] = []  # (graph, triples before when read)
        for p in items:
            self._replaced += 1
            if "_:" in p.text or (self._whole and self._replaced % _PROBE_EVERY):
                whole.append((p, None))
                continue
            name = f"<{p.graph}>"
            old = ox_store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(p.graph)).decode("utf-8")
            before = _lines(old)
            after = _lines(self._as_stored(p))
            kept, wanted = set(before), set(after)
            removed = [line for line in before if line not in wanted]
            self._whole = 2 * len(removed) > len(before)  # mostly changed: naming each triple costs more
            if self._whole or "_:" in old:  # (blank nodes cannot be named in DELETE DATA)
                whole.append((p, len(before)))
                continue
            added = [line for line in after if line not in kept]
            if removed:
                deletes.append(f"GRAPH {name} {{\n" + "\n".join(removed) + "\n}\n")
            if added:
                inserts.append(f"GRAPH {name} {{\n" + "\n".join(added) + "\n}\n")
            diffed.append((p, len(after), len(before)))
        parts = []
        if deletes:
            parts.append("DELETE DATA {\n" + "".join(deletes) + "}")
        if inserts:
            parts.append("INSERT DATA {\n" + "".join(inserts) + "}")
        if parts:
            self._update(ox_store, " ;\n".join(parts), [p for p, _, _ in diffed])
        if diffed:
            seconds = time.perf_counter() - started
            commit(Commit(tuple(LoadReport(p.graph, n, r, seconds) for p, n, r in diffed), seconds))
        for p, before_count in whole:
            # one update each: Oxigraph slows down on big transactions, and these write every triple
            started = time.perf_counter()
            previous = self.store.count(p.graph) if before_count is None else before_count
            name = f"<{p.graph}>"
            body = p.text.replace(f" {name} .\n", " .\n")
            self._update(ox_store, f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}}} }}", [p])
            seconds = time.perf_counter() - started
            commit(Commit((LoadReport(p.graph, p.triples, previous, seconds),), seconds))

    def _update(self, ox_store: ox.Store, sparql: str, items: list[_Pending]) -> None:
        try:
            ox_store.update(sparql)
        except (OSError, SyntaxError, ValueError) as exc:
            unchanged = "their previous versions are" if len(items) > 1 else "its previous version is"
            raise StoreError(
                f"cannot replace {_names(items)} in the store at {self.path}: {_first_line(exc)}; "
                f"{unchanged} unchanged, every graph loaded before is in the store"
            ) from None

    @staticmethod
    def _as_stored(p: _Pending) -> str:
        """The graph's N-Triples as the store writes them back: Oxigraph keeps values in a canonical
        form (``"5"^^xsd:nonNegativeInteger`` is stored as ``"5"^^xsd:integer``, language tags in
        lower case ...), so the lines are compared in that form, got from a store in memory."""
        scratch = ox.Store()
        try:
            scratch.load(p.text, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"the N-Quads given for graph <{p.graph}> are malformed: {_first_line(exc)}; its previous version is unchanged") from None
        return scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(p.graph)).decode("utf-8")


class _GraphByGraphWriter:
    """Writes each graph with ``store.replace_graph`` (one transaction each): any store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def write(self, batch: list[_Pending], commit: Callable[[Commit], None]) -> None:
        from ..rdf.oxigraph import from_oxigraph

        for p in batch:
            try:
                quads = list(ox.parse(p.text, format=ox.RdfFormat.N_QUADS))
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"the N-Quads given for graph <{p.graph}> are malformed: {_first_line(exc)}; its previous version is unchanged") from None
            triples = [(from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)) for q in quads]
            report = self.store.replace_graph(p.graph, triples)
            commit(Commit((report,), report.seconds))


class GraphSink:
    """Gathers article graphs (N-Quads text, one call each) and writes them into a store in batches.

    Give it to :func:`kg.corpus.build_corpus` as *out*. A batch is written when it holds
    *batch_articles* articles or *batch_bytes* characters; with *ramp*, the first batch holds one
    article and each next one twice as many, up to *batch_articles* (the first graphs are in the
    store at once, and big batches come when they pay). :meth:`flush` writes what is left; leaving
    a ``with`` block normally flushes, leaving it on an exception does not (the pending graphs stay
    as they were in the store). *on_commit* is called after each transaction with what it wrote.

    *store* is an open store, or a function that opens one: then the store is opened when the
    first graph is written (a run where no article builds creates no store) and closed by
    :meth:`close`.
    """

    def __init__(
        self,
        store: Store | Callable[[], Store],
        *,
        batch_articles: int = BATCH_ARTICLES,
        batch_bytes: int = BATCH_BYTES,
        ramp: bool = True,
        on_commit: Callable[[Commit], None] | None = None,
    ) -> None:
        if batch_articles < 1 or batch_bytes < 1:
            raise StoreError(f"a batch holds at least one article and one byte, not {batch_articles} articles of {batch_bytes} bytes")
        self._opener: Callable[[], Store] | None = store if callable(store) else None
        self._store: Store | None = None if callable(store) else store
        self._writer: _EmbeddedWriter | _GraphByGraphWriter | None = None
        self.batch_articles, self.batch_bytes = batch_articles, batch_bytes
        self._limit = 1 if ramp else batch_articles
        self._on_commit = on_commit
        self._pending: list[_Pending] = []
        self._size = 0
        self.commits: list[Commit] = []

    # -- the store --------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The store (opened now if it was given as a function)."""
        if self._store is None:
            assert self._opener is not None
            self._store = self._opener()
        return self._store

    def where(self) -> str:
        """The store's folder or URL ("" when it was never opened)."""
        if self._store is None:
            return ""
        return str(getattr(self._store, "path", None) or getattr(self._store, "base", ""))

    def close(self) -> None:
        """Close the store when this sink opened it (pending graphs are not written: see flush)."""
        if self._opener is not None and self._store is not None:
            store, self._store = self._store, None
            store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, *rest: object) -> None:
        if exc is None:
            try:
                self.flush()
            finally:
                self.close()
            return
        try:  # a store that failed may fail again on closing: the first error is the one to tell
            self.close()
        except (OSError, RuntimeError, StoreError) as also:
            exc.add_note(f"closing the store failed too: {_first_line(also)}")

    # -- writing ----------------------------------------------------------------------------------

    def write_graph(self, graph: str, text: str, triples: int) -> None:
        """Add the graph *graph*, *text* being its N-Quads lines (each ending in `` <graph> .``)."""
        suffix = f" <{graph}> .\n"
        if (text and not text.endswith("\n")) or text.count("\n") != text.count(suffix):
            raise StoreError(f"the text given for graph <{graph}> is not N-Quads lines in that graph (each line ending in '<{graph}> .')")
        if any(p.graph == graph for p in self._pending):
            self.flush()  # the same graph twice: the second replaces the first
        if "_:" in text:  # blank nodes: a document, so a transaction, of its own
            self.flush()
            self._pending.append(_Pending(graph, text, triples))
            self.flush()
            return
        if self._pending and self._size + len(text) > self.batch_bytes:
            self.flush()
        self._pending.append(_Pending(graph, text, triples))
        self._size += len(text)
        if len(self._pending) >= self._limit or self._size >= self.batch_bytes:
            self.flush()

    def flush(self) -> None:
        """Write the pending graphs now."""
        if not self._pending:
            return
        batch, self._pending, self._size = self._pending, [], 0
        self._limit = min(self._limit * 2, self.batch_articles)
        if self._writer is None:
            from .embedded import EmbeddedStore

            store = self.store
            self._writer = _EmbeddedWriter(store) if isinstance(store, EmbeddedStore) else _GraphByGraphWriter(store)
        self._writer.write(batch, self._committed)

    def _committed(self, commit: Commit) -> None:
        self.commits.append(commit)
        if self._on_commit is not None:
            self._on_commit(commit)


def load_corpus(
    paths: Iterable[str | Path],
    store: Store | Callable[[], Store],
    *,
    jobs: int | None = None,
    base: str | None = None,
    batch_articles: int = BATCH_ARTICLES,
    batch_bytes: int = BATCH_BYTES,
    ramp: bool = True,
    progress: Callable[[int, int], None] | None = None,
    on_commit: Callable[[Commit], None] | None = None,
) -> LoadSummary:
    """Build every article of *paths* on *jobs* worker processes and load each into its named
    graph of *store*, in batches (see :class:`GraphSink` for *store*, the batches and *on_commit*).

    An article that does not build is in ``summary.corpus.failed`` and the others are loaded; an
    article with the title of an earlier one is in ``summary.corpus.duplicates`` and not loaded.
    A store that fails raises :class:`~kg.errors.StoreError` (the graphs written before stay).
    """
    started = time.perf_counter()
    paths = list(paths)
    sink = GraphSink(store, batch_articles=batch_articles, batch_bytes=batch_bytes, ramp=ramp, on_commit=on_commit)
    try:
        with sink:
            corpus = build_corpus(paths, sink, fmt="nq", jobs=jobs, base=base, progress=progress)
            sink.flush()
            where = sink.where()
    except StoreError as exc:
        written = sum(len(c.reports) for c in sink.commits)
        raise StoreError(f"{exc}; the load stopped there: {written} of the {len(paths)} article(s) are in the store") from None
    reports = [r for c in sink.commits for r in c.reports]
    return LoadSummary(
        corpus=corpus,
        where=where,
        graphs=len(reports),
        replaced=sum(1 for r in reports if r.replaced),
        triples=sum(r.triples for r in reports),
        commits=len(sink.commits),
        seconds=time.perf_counter() - started,
        reports=reports,
    )
