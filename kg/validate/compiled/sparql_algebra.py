"""Reading rdflib's SPARQL algebra: the fields of a node, and the variables a part mentions."""
from __future__ import annotations

from typing import Any

from rdflib import Variable
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

__all__ = ["Row", "algebra_get", "mentioned", "collect_variables"]

Row = dict[Variable, Node]


def algebra_get(node: Any, key: str) -> Any:
    """A field of an algebra node; rdflib keeps some translated fields (the pattern of an EXISTS)
    as attributes over the parsed ones."""
    own = node.__dict__.get(key)
    return own if own is not None else dict.get(node, key)


def mentioned(part: Any) -> tuple[Variable, ...]:
    """Every variable that occurs anywhere in an algebra part (patterns and expressions); kept
    on the part."""
    found = part.__dict__.get("_kg_mentioned")
    if found is None:
        seen: dict[Variable, None] = {}
        collect_variables(part, seen, set())
        found = part.__dict__["_kg_mentioned"] = tuple(seen)
    return found


def collect_variables(node: Any, seen: dict[Variable, None], visited: set[int]) -> None:
    if isinstance(node, Variable):
        seen[node] = None
        return
    if id(node) in visited:
        return
    if isinstance(node, CompValue):
        visited.add(id(node))
        for key, value in list(dict.items(node)) + list(node.__dict__.items()):
            if key not in ("_vars", "ctx", "_evalfn") and not str(key).startswith("_kg_"):
                collect_variables(value, seen, visited)
    elif isinstance(node, (list, tuple, set)):
        for value in node:
            collect_variables(value, seen, visited)
