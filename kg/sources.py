"""Open what a reader command reads: articles, folders of articles and graph files, as one store.

``kg table``, ``kg report`` and ``kg show`` accept any mix of article ``.txt`` files (built
here), folders holding them, and graph files (``.ttl .nt .nq .trig .jsonld``); every article
becomes its named graph in one in-memory Oxigraph store, which the commands query like any
other store.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from .errors import KgError
from .export import EXTENSIONS, read_graph
from .query import OxigraphTarget

__all__ = ["GRAPH_SUFFIXES", "Sources", "open_sources", "source_files"]

#: Graph file suffixes kg reads (the format comes from :data:`kg.export.EXTENSIONS`).
GRAPH_SUFFIXES = tuple(EXTENSIONS)


@dataclass(slots=True)
class Sources:
    """The store the inputs were loaded into, the articles built (for their facts) and the files read."""

    target: OxigraphTarget
    built: list = field(default_factory=list)  # kg.pipeline.Built of each article read as text
    files: list[Path] = field(default_factory=list)
    graphs: list[Dataset] = field(default_factory=list)  # the graph files, as parsed

    def datasets(self) -> Iterator[Dataset]:
        """Each input as an rdflib Dataset: the articles built, then the graph files."""
        for built in self.built:
            yield built.dataset()
        yield from self.graphs


def source_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files *paths* name: a folder gives its ``*.txt`` articles (sorted), a file is itself.

    :raises KgError: for a path that does not exist, a file kg cannot read, or no file at all.
    """
    files: list[Path] = []
    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = sorted(p.glob("*.txt"))
            if not found:
                raise KgError(f"no articles found in {p}: give .txt files or folders holding them")
            files.extend(found)
        elif not p.exists():
            raise KgError(f"no such file: {p}; give an article (.txt), a folder of articles, or a graph file ({' '.join(GRAPH_SUFFIXES)})")
        elif p.suffix.lower() == ".txt" or p.suffix.lower() in GRAPH_SUFFIXES:
            files.append(p)
        else:
            raise KgError(f"cannot tell what {p} is from its extension; give an article (.txt) or a graph file ({' '.join(GRAPH_SUFFIXES)})")
    if not files:
        raise KgError("nothing to read: give articles (.txt), folders of articles, or graph files")
    return files


def open_sources(paths: Iterable[str | Path], *, base: str | None = None) -> Sources:
    """Build or parse every input of *paths* into one in-memory store, one named graph per article."""
    from .pipeline import build

    sources = Sources(OxigraphTarget())
    for path in source_files(paths):
        if path.suffix.lower() == ".txt":
            built = build(path, base=base)
            sources.target.load(built.graph.iri, built.graph.triples)
            sources.built.append(built)
        else:
            parsed = read_graph(path)
            sources.target.store.extend(OxigraphTarget.from_graph(parsed).store)
            sources.graphs.append(parsed)
        sources.files.append(path)
    return sources
