"""Convert terms between rdflib and pyoxigraph (the embedded store and in-memory query engine)."""
from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_oxigraph", "from_oxigraph"]

_PLAIN = frozenset({"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})


def to_oxigraph(term: Node) -> Any:
    """An rdflib IRI, blank node or literal as a pyoxigraph term; TypeError for anything else."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot pass {term!r} to pyoxigraph")


def from_oxigraph(term: Any) -> Node | None:
    """A pyoxigraph term as the rdflib term an rdflib query would give (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt in _PLAIN:
            return Literal(term.value)
        # normalize=False: rdflib would rewrite the lexical form of a number ("+1", "01" -> "1"),
        # making distinct RDF terms one
        return Literal(term.value, datatype=URIRef(dt), normalize=False)
    raise TypeError(f"not an RDF term: {term!r}")
