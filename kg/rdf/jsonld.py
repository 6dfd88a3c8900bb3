"""JSON-LD of an RDF dataset, compacted with a context by rdflib's converter, without loss.

rdflib's JSON-LD serializer loses two things this module keeps:

- graphs named by a blank node: rdflib merges their triples into the default graph; here each
  becomes a node object ``{"@id": "_:label", "@graph": [...]}`` like a graph named by an IRI;
- the lexical form of numbers: with a context, rdflib writes every ``xsd:integer``,
  ``xsd:boolean`` and ``xsd:double`` as a JSON number or boolean, which a reader turns back into
  the canonical form (``"01"`` and ``"+1"`` become ``"1"``, the double ``"1E0"`` becomes the
  integer ``"1"``). Here a literal is written native only when a reader gets the very same
  literal back: an integer in canonical form of at most 15 digits, ``true`` and ``false``;
  any other is a ``{"@value": ..., "@type": ...}`` object.

Node objects are sorted by ``@id`` and graphs by name, so the same dataset always gives the same text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.term import Node

from .namespaces import XSD

__all__ = ["dataset_jsonld"]

_CANONICAL_INTEGER = re.compile(r"(?:0|-?[1-9][0-9]{0,14})\Z")
_NATIVE_TYPES = (XSD.integer, XSD.boolean, XSD.double)


def _lossless_native(lit: Literal) -> bool:
    if lit.datatype == XSD.integer:
        return _CANONICAL_INTEGER.match(str(lit)) is not None
    if lit.datatype == XSD.boolean:
        return str(lit) in ("true", "false")
    return False  # a JSON number with a fraction is read back as a double in another lexical form


class _Converter(Converter):
    """rdflib's converter with lossless literals and graphs named by blank nodes."""

    def to_raw_value(self, graph: Graph, s: Any, o: Any, nodemap: dict[str, Any]) -> Any:
        if isinstance(o, Literal) and o.datatype in _NATIVE_TYPES and not _lossless_native(o):
            context = self.context
            return {context.type_key: context.to_symbol(o.datatype), context.value_key: str(o)}
        return super().to_raw_value(graph, s, o, nodemap)

    def convert_dataset(self, graphs: list[tuple[Node | None, Graph]]) -> dict[str, Any]:
        """The document of *graphs* (name or None for the default graph, graph)."""
        context = self.context
        default: list[dict[str, Any]] = []
        named: list[tuple[str, dict[str, Any]]] = []
        for name, graph in graphs:
            nodes = sorted(self.from_graph(graph), key=lambda node: str(node.get(context.id_key)))
            if not nodes:
                continue
            if name is None:
                default.extend(nodes)
                continue
            graph_id = name.n3() if isinstance(name, BNode) else context.shrink_iri(str(name))
            named.append((graph_id, {context.id_key: graph_id, context.graph_key: nodes}))
        named.sort(key=lambda pair: pair[0])
        if not default and len(named) == 1:
            return named[0][1]
        default.sort(key=lambda node: str(node.get(context.id_key)))
        return {context.graph_key: default + [obj for _, obj in named]}


def dataset_jsonld(graphs: list[tuple[Node | None, Graph]], context_data: dict[str, Any]) -> str:
    """Compacted JSON-LD of *graphs* (graph name, or None for the default graph, and the graph)
    with *context_data* as its inline ``@context``."""
    context = Context(context_data)
    doc = _Converter(context, True, False).convert_dataset(graphs)
    doc[context.get_key("@context")] = context_data
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False)
