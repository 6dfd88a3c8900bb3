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


def from_oxigraph(term: Any, *, canonical: bool = False) -> Node | None:
    """A pyoxigraph term as an rdflib term (None stays None).

    The term is kept exactly: a typed literal keeps its lexical form (``"+1"`` and ``"01"`` stay
    two terms, as they are in RDF). With ``canonical=True`` a typed literal of a datatype rdflib
    knows is given in rdflib's canonical form instead, as an rdflib query would give it: for
    answers of a pyoxigraph ``Store``, which keeps numbers and dates as values in a canonical form
    of its own (``2009-07-04T00:00:00Z``), so that both engines print the same answer.
    """
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
        return Literal(term.value, datatype=URIRef(dt), normalize=canonical)
    raise TypeError(f"not an RDF term: {term!r}")
