"""Validate kg graphs against the SHACL shapes in ``shapes/`` (see docs/validation.md).

Two tiers: ``shapes/violations.ttl`` (the graph is wrong) and ``shapes/warnings.ttl`` (the graph
says something implausible). :func:`validate` turns the engine's results into :class:`Finding`
records that name the shape, its message, the node concerned, its label and the line of the
article the node was read from.

Two engines give the same findings: the shapes compiled to Python (:mod:`kg.validate.compiled`,
``engine="fast"``, the default) and pySHACL (:mod:`kg.validate.pyshacl_engine`, the reference).
Both build on :mod:`kg.validate.report` (findings, report, shape names, term text) and
:mod:`kg.validate.shapes` (the shapes graph), and never on each other.
"""
from __future__ import annotations

from rdflib import Dataset, Graph

from ..errors import KgError
from .report import SH, SHAPES_IRI, Finding, Report, format_report
from .shapes import named_shapes, shapes_graph

__all__ = ["SH", "SHAPES_IRI", "Finding", "Report", "format_report", "named_shapes", "shapes_graph", "validate"]


def validate(graph: Graph | Dataset, *, warnings: bool = True, engine: str = "fast") -> Report:
    """Validate *graph* (a Graph, or a Dataset: the union of its graphs) against kg's shapes.

    With ``warnings=False`` only the violation tier runs. *engine* is ``"fast"`` (kg.validate.compiled:
    the shapes compiled to Python, same findings) or ``"pyshacl"`` (the reference). Raises
    :class:`KgError` if the engine cannot finish; a graph that breaks shapes is not an error.
    """
    if engine == "fast":
        from .compiled import validate_fast

        return validate_fast(graph, warnings=warnings)
    if engine != "pyshacl":
        raise KgError(f"unknown validation engine {engine!r}; use 'fast' or 'pyshacl'")
    from .pyshacl_engine import validate_pyshacl  # imported here: pySHACL takes a quarter second to import

    return validate_pyshacl(graph, warnings=warnings)
