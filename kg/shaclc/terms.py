"""Integer literals read at C speed, for the comparisons the engine makes most (spans, bounds).

rdflib compares two integer literals by their values, through several Python-level calls; the
engine takes :func:`integer_value` of both and compares the ints when both have one.
"""
from __future__ import annotations

from typing import Any

from rdflib import XSD, Literal

__all__ = ["INTEGER_TYPES", "integer_value"]

INTEGER_TYPES = frozenset(
    XSD[name]
    for name in (
        "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)


def integer_value(node: Any) -> int | None:
    """The int of a well-typed literal of an XSD integer type; None for anything else (another
    type, an ill-typed lexical form such as ``"x"^^xsd:integer``, a non-literal)."""
    if type(node) is Literal and node.datatype in INTEGER_TYPES:
        value = node.value
        if type(value) is int:
            return value
    return None
