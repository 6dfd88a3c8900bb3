"""Integer literals read at C speed, for the comparisons the engine makes most (spans, bounds).

rdflib compares two integer literals by their values, through several Python-level calls; the
engine takes :func:`integer_value` of both and compares the ints when both have one.
"""

from __future__ import annotations

from typing import Any

from rdflib import XSD, Literal

__all__ = ["INTEGER_TYPES", "integer_value"]

# the IRIs as plain str: a set of URIRefs would call rdflib's Python-level __eq__ on each look-up
INTEGER_TYPES = frozenset(
    str(XSD[name])
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)


_INTEGER = str(XSD.integer)


def integer_value(node: Any) -> int | None:
    """The int of a well-typed literal of an XSD integer type; None for anything else (another
    type, an ill-typed lexical form such as ``"x"^^xsd:integer`` or ``"300"^^xsd:byte``, a
    non-literal). rdflib orders an ill-typed literal by its datatype, not by its value."""
    if type(node) is Literal:
        value = node.value
        if type(value) is int:
            datatype = str(node.datatype)
            if datatype == _INTEGER or (datatype in INTEGER_TYPES and not node.ill_typed):
                return value
    return None
