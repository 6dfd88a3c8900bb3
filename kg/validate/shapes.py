"""kg's SHACL shapes, read once per process from ``shapes/violations.ttl`` and ``shapes/warnings.ttl``."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef

from ..errors import ResourceError
from ..rdf.namespaces import PREFIXES
from ..resources import resource_dir
from .report import SH, SHAPES_IRI, shape_name

__all__ = ["shapes_graph", "named_shapes"]

_TIERS = {"violations": "violations.ttl", "warnings": "warnings.ttl"}


@cache
def _tier_graph(tier: str) -> Graph:
    path = resource_dir("shapes") / _TIERS[tier]
    if not path.is_file():
        raise ResourceError(f"missing shapes file {path}; reinstall kg or set KG_RESOURCES")
    try:
        return Graph().parse(path, format="turtle")
    except (SyntaxError, ValueError) as exc:  # rdflib's BadSyntax is a SyntaxError
        raise ResourceError(f"malformed shapes file {path}: {str(exc).splitlines()[0]}") from None


@cache
def shapes_graph(*, warnings: bool = True) -> Graph:
    """The shapes graph (parsed once per process): violations, plus warnings unless told not to.

    It is held in rdflib's context-free ``SimpleMemory`` store: pySHACL reads the shapes graph over
    and over (it makes a shape's constraint objects anew each time it checks the shape, and each
    reads its parameters), and that store answers triple patterns without the context bookkeeping
    of the default one: 12 to 25% less time per pySHACL validation of a small graph (measured on the
    broken graphs of the tests), same report.
    """
    graph = Graph(store="SimpleMemory")
    for tier in ("violations", "warnings") if warnings else ("violations",):
        for triple in _tier_graph(tier):
            graph.add(triple)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("kgsh", SHAPES_IRI)
    graph.bind("sh", str(SH))
    return graph


def named_shapes(tier: str | None = None) -> frozenset[str]:
    """The named constraint shapes (each has an ``sh:message``), prefixed: ``kgsh:Claim-about`` ...

    *tier* is ``"violations"`` or ``"warnings"``; None gives both.
    """
    tiers = _TIERS if tier is None else {tier: _TIERS[tier]}
    return frozenset(
        shape_name(s) for name in tiers for s in _tier_graph(name).subjects(SH.message, None) if isinstance(s, URIRef)
    )
