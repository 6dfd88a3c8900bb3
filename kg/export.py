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

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .errors import ExportError, StoreError
from .outfiles import atomic_open, atomic_write
from .rdf.jsonld import dataset_jsonld
from .rdf.mapper import MappedGraph
from .rdf.namespaces import KG, PREFIXES, RDF
from .rdf.oxigraph import from_oxigraph
from .resources import resource_path
from .store.nquads import quads_nq, term_nt, triples_nt

__all__ = [
    "FORMATS",
    "EXTENSIONS",
    "to_dataset",
    "serialize",
    "jsonld_context",
    "framed_jsonld",
    "format_for_path",
    "atomic_open",
    "atomic_write",
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
ALIASES = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "framed": "json-ld-framed",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
}
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


#: A graph name (None for the default graph) and its triples (an rdflib Graph for a Dataset's graphs).
_NamedTriples = tuple[Node | None, Iterable[tuple[Node, Node, Node]]]


def _graphs(data: Dataset | list[MappedGraph]) -> list[_NamedTriples]:
    """The graphs of *data*: the default graph first (when it has triples), then by name."""
    if not isinstance(data, Dataset):
        return [(m.iri, m.triples) for m in data]
    default: list[_NamedTriples] = []
    named: list[_NamedTriples] = []
    for graph in data.graphs():
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            default.append((None, graph))
        else:
            named.append((graph.identifier, graph))
    named.sort(key=lambda pair: (isinstance(pair[0], BNode), str(pair[0])))
    return default + named


def _grouped(triples: Iterable[tuple[Node, Node, Node]]) -> list[tuple[Node, Node, Node]]:
    """*triples* without duplicates, each subject's triples together and each predicate's
    together within them (in the order they first appear), as Turtle writes them best."""
    by_subject: dict[Node, dict[Node, dict[Node, None]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, {})[o] = None
    return [(s, p, o) for s, preds in by_subject.items() for p, objs in preds.items() for o in objs]


def _nquads(name: Node | None, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """*triples* in the graph *name* as N-Quads (N-Triples for the default graph), by the
    checked writer of :mod:`kg.store.nquads`."""
    try:
        if name is None:
            return triples_nt(triples)
        if isinstance(name, URIRef):
            return quads_nq(str(name), triples)
        end = " " + term_nt(name) + " .\n"
        return "".join(line[:-2] + end for line in triples_nt(triples).split("\n")[:-1])
    except StoreError as exc:
        raise ExportError(f"cannot export: {exc}") from None


def _with_pyoxigraph(nquads: str, source: ox.RdfFormat, target: ox.RdfFormat) -> str:
    """*nquads* (in *source* syntax) rewritten by pyoxigraph's serializer into *target*, with kg's prefixes."""
    try:
        data = ox.serialize(ox.parse(nquads.encode("utf-8"), format=source), format=target, prefixes=_OX_PREFIXES)
    except (SyntaxError, ValueError) as exc:
        raise ExportError(f"cannot export: {' '.join(str(exc).split())[:200]}") from None
    text = data.decode("utf-8") if data is not None else ""
    # the serializer writes the prefixes in an order of its own: sort them, for the same text every time
    lines = text.split("\n", len(_OX_PREFIXES))
    head = lines[: len(_OX_PREFIXES)]
    if len(lines) > len(_OX_PREFIXES) and all(line.startswith("@prefix ") for line in head):
        return "\n".join(sorted(head)) + "\n" + lines[-1]
    return text


_OX_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def serialize(data: Dataset | MappedGraph | Iterable[MappedGraph], fmt: str) -> str:
    """Serialise *data* in the export format *fmt* (see :data:`FORMATS`).

    N-Quads and N-Triples are written by kg's own checked writer (:mod:`kg.store.nquads`),
    Turtle and TriG by pyoxigraph's serializers from that text, and JSON-LD by rdflib's
    converter with kg's context (:mod:`kg.rdf.jsonld`). Every writer keeps each term exactly
    (lexical forms, blank nodes, graphs named by blank nodes). A term that has no valid
    syntax (an IRI that is not absolute, say) is an :class:`ExportError` naming it.
    """
    name = canonical_format(fmt)
    if isinstance(data, MappedGraph):
        data = [data]
    if not isinstance(data, Dataset):
        data = list(data)
    if name == "json-ld":
        ds = data if isinstance(data, Dataset) else to_dataset(data)
        graphs = _graphs(ds)
        for graph_name, triples in graphs:
            _nquads(graph_name, triples)  # every term checked, as in the other formats (2 µs a triple)
        return dataset_jsonld(graphs, jsonld_context())  # type: ignore[arg-type]
    if name == "json-ld-framed":
        graph = Graph()
        for graph_name, triples in _graphs(data if isinstance(data, Dataset) else to_dataset(data)):
            _nquads(graph_name, triples)  # every term checked, as in the other formats
            for triple in triples:
                graph.add(triple)
        return framed_jsonld(graph)
    graphs = _graphs(data)
    if name == "nq":
        return "".join(_nquads(graph_name, dict.fromkeys(triples)) for graph_name, triples in graphs)
    union = (triple for _, triples in graphs for triple in triples)
    if name == "nt":
        return _nquads(None, dict.fromkeys(union))
    if name == "turtle":
        return _with_pyoxigraph(_nquads(None, _grouped(union)), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)
    text = "".join(_nquads(graph_name, _grouped(triples)) for graph_name, triples in graphs)
    return _with_pyoxigraph(text, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


def framed_jsonld(graph: Graph) -> str:
    """One article's triples as framed JSON-LD: a tree rooted at the battle (:mod:`kg.framed`)."""
    from .framed import frame_triples

    return json.dumps(frame_triples(graph), ensure_ascii=False, indent=2) + "\n"


#: Formats pyoxigraph parses for :func:`read_graph` (JSON-LD is read by rdflib).
_OX_READ = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


def read_graph(path: str | Path) -> Dataset:
    """Parse a graph file (format from its extension) into a Dataset.

    Turtle, N-Triples and JSON-LD without a graph name hold one article's triples: they are filed
    under the named graph their ``kg:ArticleGraph`` node names, as the article was built.

    Turtle, TriG, N-Triples and N-Quads are parsed by pyoxigraph (relative IRIs against the file's
    own URI; the flagship's Turtle is read in half the time rdflib's parser takes, most of it now
    filling the Dataset); each typed literal of a datatype rdflib knows is given in rdflib's
    canonical form, as rdflib's parsers give it (``"01"^^xsd:integer`` is read as ``"1"``), a
    language tag in lower case. JSON-LD is parsed by rdflib.
    """
    p = Path(path)
    if not p.is_file():
        raise ExportError(f"no such graph file: {p}" if not p.exists() else f"{p} is not a file")
    fmt = format_for_path(str(p))
    serializer, quads = FORMATS[fmt]
    if fmt in _OX_READ:
        return _read_with_pyoxigraph(p, _OX_READ[fmt], serializer, quads=quads)
    parsed: Graph = Dataset(default_union=True) if quads else Graph()
    try:
        parsed.parse(p, format=serializer)
    except OSError:
        raise
    except Exception as exc:  # rdflib's parsers raise many kinds of errors
        raise _unreadable(p, serializer, exc) from None
    if isinstance(parsed, Dataset):
        return parsed
    return _filed(parsed)


def _unreadable(path: Path, serializer: str, exc: BaseException) -> ExportError:
    message = " ".join(str(exc).split())[:200]
    return ExportError(f"cannot parse {path} as {serializer}: {message}")


def _read_with_pyoxigraph(path: Path, fmt: ox.RdfFormat, serializer: str, *, quads: bool) -> Dataset:
    def term(node: Any) -> Node:
        return from_oxigraph(node, canonical=True)  # type: ignore[return-value]

    try:
        parsed = [
            (term(q.subject), term(q.predicate), term(q.object), q.graph_name)
            for q in ox.parse(path=str(path), format=fmt, base_iri=path.absolute().as_uri())
        ]
    except (SyntaxError, ValueError, TypeError) as exc:  # the syntax; bad UTF-8; a term RDF 1.1 lacks (<<s p o>>)
        raise _unreadable(path, serializer, exc) from None
    if not quads:
        return _filed([(s, p, o) for s, p, o, _ in parsed])
    ds = Dataset(default_union=True)
    _bind(ds)
    graphs: dict[Any, Graph] = {}
    for s, p, o, name in parsed:
        if (graph := graphs.get(name)) is None:
            graphs[name] = graph = ds.default_graph if isinstance(name, ox.DefaultGraph) else ds.graph(term(name))  # type: ignore[arg-type]
        graph.add((s, p, o))
    return ds


def _filed(triples: Iterable[tuple[Node, Node, Node]]) -> Dataset:
    """The triples of one article, in the named graph their ``kg:ArticleGraph`` node names."""
    triples = list(triples)
    ds = Dataset(default_union=True)
    _bind(ds)
    names = sorted({s for s, p, o in triples if p == RDF.type and o == KG.ArticleGraph and isinstance(s, URIRef)})
    target = ds.graph(names[0]) if len(names) == 1 else ds.default_graph
    target.addN((s, p, o, target) for s, p, o in triples)
    return ds
