"""A fast SHACL engine for kg's shapes: the shapes files are compiled once into Python checks
over an index of one article's triples (``load``: read and compile shapes; ``index``: index a
graph; ``checks``: the constraint components; ``shape_checks``: the components that validate
other shapes, and sh:sparql; ``sparql`` and its ``sparql_*`` modules: SPARQL-based constraints;
``run``: run the shapes and make findings). It reports what pySHACL reports for the same graph, as
:mod:`kg.validate.report` findings; it depends on that module and :mod:`kg.validate.shapes`, never
on the pySHACL engine."""

from __future__ import annotations

from .load import SUPPORTED, CompiledShapes, compile_shapes
from .run import compiled_shapes, validate_fast

__all__ = ["SUPPORTED", "CompiledShapes", "compile_shapes", "compiled_shapes", "validate_fast"]
