"""The values compiled SPARQL expressions pass around (see :mod:`.sparql_expr`): rdflib's true
and false literals, the value of an unbound variable, and the types of compiled expressions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Literal, Variable
from rdflib.plugins.sparql.sparql import NotBoundError

from .index import GraphIndex
from .sparql_algebra import Row

__all__ = ["TRUE", "FALSE", "Ev", "Compile", "Unbound", "resolve"]

TRUE, FALSE = Literal(True), Literal(False)

#: A compiled expression: (row, index) -> value (a term, a SPARQLError, or Unbound).
Ev = Callable[[Row, GraphIndex], Any]
#: Compiles a sub-expression of the node being compiled.
Compile = Callable[[Any], Ev]


class Unbound:
    """The value of a variable the row does not bind (rdflib raises NotBoundError on reading it)."""

    __slots__ = ("var",)

    def __init__(self, var: Variable) -> None:
        self.var = var


def resolve(value: Any, variables: bool = False) -> Any:
    """An evaluated argument as rdflib's expression node reads it: NotBoundError for an unbound one."""
    if isinstance(value, Unbound):
        if variables:
            return value.var
        raise NotBoundError(f"Variable {value.var} is not bound")
    if isinstance(value, list):
        return [resolve(v, variables) for v in value]
    return value
