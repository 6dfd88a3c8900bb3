"""Export graphs: Turtle, JSON-LD (compacted with ``data/context/kg.jsonld``), N-Triples,
N-Quads and TriG; and framed JSON-LD, one article as a JSON tree rooted at its battle
(``json-ld-framed``, see :mod:`kg.framed`).

Turtle and N-Triples hold one graph: the article's triples without their graph name. N-Quads,
TriG and JSON-LD keep each article in its named graph.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from .errors import ExportError
from .outfiles import atomic_open, atomic_write
from .rdf.mapper import MappedGraph
from .rdf.namespaces import KG, PREFIXES, RDF
from .resources import resource_path

__all__ = [
    "FORMATS", "EXTENSIONS", "to_dataset", "serialize", "jsonld_context", "framed_jsonld", "format_for_path", "atomic_open", "atomic_write",
    "read_graph",
]

#: Export formats: name -> (rdflib serializer, keeps named graphs)
FORMATS: dict[str, tuple[str, bool]] = {
    "turtle": ("turtle", False),
    "json-ld": ("json-ld", True),
    "nt": ("nt", False),
    "nq": ("nquads", True),
    "trig": ("trig", True),
    "json-ld-framed": ("json-ld", False),
}
ALIASES = {"ttl": "turtle", "jsonld": "json-ld", "framed": "json-ld-framed", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq"}
#: File extension -> format name
EXTENSIONS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt", ".nq": "nq", ".trig": "trig"}


def canonical_format(name: str) -> str:
    """The format name for *name* or one of its aliases; :class:`ExportError` if unknown."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ExportError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return key


def format_for_path(path: str) -> str:
    """The format a file name's extension stands for."""
    for ext, fmt in EXTENSIONS.items():
        if path.lower().endswith(ext):
            return fmt
    raise ExportError(f"cannot tell the RDF format of {path!r} from its extension; use one of {', '.join(EXTENSIONS)}")


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context kept in the repository (``data/context/kg.jsonld``)."""
    path = resource_path("context", "kg.jsonld")
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def _bind(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def to_dataset(graphs: Iterable[MappedGraph]) -> Dataset:
    """An rdflib ``Dataset`` with each mapped graph as a named graph (default graph = union)."""
    ds = Dataset(default_union=True)
    _bind(ds)
    for mapped in graphs:
        g = ds.graph(mapped.iri)
        add = g.add
        for triple in mapped.triples:
            add(triple)
    return ds


def _single_graph(ds: Dataset) -> Graph:
    out = Graph()
    _bind(out)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        out.add((s, p, o))
    return out


def serialize(data: Dataset | MappedGraph | Iterable[MappedGraph], fmt: str) -> str:
    """Serialise *data* in the export format *fmt* (see :data:`FORMATS`)."""
    name = canonical_format(fmt)
    if isinstance(data, MappedGraph):
        data = [data]
    ds = data if isinstance(data, Dataset) else to_dataset(data)
    serializer, quads = FORMATS[name]
    target: Graph = ds if quads else _single_graph(ds)
    if name == "json-ld":
        return target.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    if name == "json-ld-framed":
        return framed_jsonld(target)
    return target.serialize(format=serializer)


def framed_jsonld(graph: Graph) -> str:
    """One article's triples as framed JSON-LD: a tree rooted at the battle (:mod:`kg.framed`)."""
    from .framed import frame_triples

    return json.dumps(frame_triples(graph), ensure_ascii=False, indent=2) + "\n"


def read_graph(path: str | Path) -> Dataset:
    """Parse a graph file (format from its extension) into a Dataset.

    Turtle, N-Triples and JSON-LD without a graph name hold one article's triples: they are filed
    under the named graph their ``kg:ArticleGraph`` node names, as the article was built.
    """
    p = Path(path)
    if not p.is_file():
        raise ExportError(f"no such graph file: {p}" if not p.exists() else f"{p} is not a file")
    serializer, quads = FORMATS[format_for_path(str(p))]
    parsed: Graph = Dataset(default_union=True) if quads else Graph()
    try:
        parsed.parse(p, format=serializer)
    except OSError:
        raise
    except Exception as exc:  # rdflib's parsers raise many kinds of errors
        message = " ".join(str(exc).split())[:200]
        raise ExportError(f"cannot parse {p} as {serializer}: {message}") from None
    if isinstance(parsed, Dataset):
        return parsed
    ds = Dataset(default_union=True)
    _bind(ds)
    names = sorted(s for s in parsed.subjects(RDF.type, KG.ArticleGraph) if isinstance(s, URIRef))
    target = ds.graph(names[0]) if len(names) == 1 else ds.default_graph
    target.addN((s, p_, o, target) for s, p_, o in parsed)
    return ds
