"""SPARQL-based constraints (``sh:sparql`` with ``sh:select``), evaluated in Python over the index.

The SELECT text is parsed once by rdflib (the engine pySHACL uses) into its algebra; this module
checks and prepares that algebra (:func:`compile_select`), and :mod:`.sparql_eval` walks it over a
:class:`~kg.validate.compiled.index.GraphIndex` the way rdflib's evaluator does (bindings pushed
down into lazy joins and sub-queries, ``$this`` pre-bound per focus node), evaluating expressions
(:mod:`.sparql_expr`) and aggregates with rdflib's own operator and aggregate code, so results
match pySHACL's. Algebra it does not know raises :class:`~kg.errors.ResourceError` at load time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MethodType
from typing import Any

from rdflib import URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.term import Node

from ...errors import ResourceError
from .index import GraphIndex
from .sparql_algebra import Row, algebra_get, collect_variables
from .sparql_eval import eval_exists, eval_part
from .sparql_paths import supported_path

__all__ = ["SparqlSelect", "compile_select"]

_THIS = Variable("this")
_PATH = Variable("path")
_VALUE = Variable("value")
_FAILURE = Variable("failure")
# pre-bound variables kg's engine does not provide (pySHACL would bind them)
_UNSUPPORTED_VARS = re.compile(r"[$?](currentShape|shapesGraph|PATH)\b")
# expression functions that read the query context, which this evaluator does not have
_CONTEXT_FUNCTIONS = {"Builtin_NOW", "Builtin_RAND", "Builtin_UUID", "Builtin_STRUUID", "Builtin_BNODE"}
_PARTS = {"BGP", "Filter", "Join", "Extend", "Project", "ToMultiSet", "AggregateJoin", "Group", "Union", "Distinct"}


@dataclass(frozen=True, slots=True)
class SparqlSelect:
    """One compiled SELECT: ``run(index, focus)`` gives pySHACL's violation tuples for a focus node."""

    text: str
    algebra: Any
    once: bool

    def run(
        self, index: GraphIndex, focus: Sequence[Node]
    ) -> dict[Node, list[tuple[Node | None, Node | None, Node | None, dict]]]:
        """For each focus node, the (this, path, value, other bindings) rows of the query with
        $this bound to it, without duplicates: what pySHACL gives to its result maker.

        When the first pattern the query evaluates binds $this, the query runs once with $this
        free and its rows are shared out by $this (the same rows, far cheaper)."""
        if self.once:
            grouped: dict[Node, list[Row]] = {}
            wanted = set(focus)
            for row in eval_part(self.algebra, index, {}):
                this = row.get(_THIS)
                if this in wanted:
                    grouped.setdefault(this, []).append(row)
            return {f: _violations(grouped.get(f, ())) for f in focus}
        return {f: _violations(eval_part(self.algebra, index, {_THIS: f})) for f in focus}


def _violations(rows: Iterable[Row]) -> list[tuple[Node | None, Node | None, Node | None, dict]]:
    out: list[tuple[Node | None, Node | None, Node | None, dict]] = []
    for row in rows:
        var_dict = {str(k): v for k, v in row.items()}
        if var_dict.pop("failure", None) is not None:
            raise ResourceError("sh:sparql results that bind ?failure are not supported by the fast engine")
        p = var_dict.pop("path", None)
        v = var_dict.pop("value", None)
        t = var_dict.pop("this", None)
        if p is None and v is None and t is None:
            continue
        key = (t, p, v, var_dict)
        if key not in out:
            out.append(key)
    return out


def _binds_this_first(part: Any) -> bool:
    """True when the first pattern evaluated (down Project, Filter, Extend, Distinct and the left
    side of joins) is a basic graph pattern that mentions $this."""
    while part.name in ("Project", "Filter", "Extend", "Distinct", "Join"):
        part = algebra_get(part, "p1") if part.name == "Join" else algebra_get(part, "p")
    return part.name == "BGP" and any(_THIS in triple for triple in algebra_get(part, "triples"))


def compile_select(text: str, *, where: str, terms: dict[str, Node] | None = None) -> SparqlSelect:
    """Parse *text* (prefixes already prepended) and check every part of it is supported; *where*
    names the shape for error messages. The query's IRIs take the instances of *terms* (IRI text
    -> instance, new ones added), the ones the data index uses."""
    if _UNSUPPORTED_VARS.search(text):
        raise ResourceError(f"{where}: SPARQL constraints using $currentShape, $shapesGraph or $PATH are not supported")
    try:
        query = prepareQuery(text)
    except Exception as exc:  # rdflib raises pyparsing errors and others
        raise ResourceError(f"{where}: cannot parse its SPARQL: {str(exc).splitlines()[0]}") from None
    algebra = query.algebra
    if algebra.name != "SelectQuery":
        raise ResourceError(f"{where}: only SELECT constraints are supported, not {algebra.name}")
    _prepare(algebra["p"], where)
    _intern(algebra, {v: v for v in (_THIS, _PATH, _VALUE, _FAILURE)}, set(), {} if terms is None else terms)
    body = _push_filters(algebra["p"])
    return SparqlSelect(text, body, _binds_this_first(body))


# --------------------------------------------------------------------------- load-time checks


def _intern(node: Any, same: dict[Variable, Variable], visited: set[int], terms: dict[str, Node]) -> Any:
    """Make every equal Variable of the algebra one object, and every IRI the instance of
    *terms*, so that dict look-ups hit on identity instead of calling rdflib's Python-level
    ``__eq__`` (the SELECT and each EXISTS in it are parsed into distinct objects)."""
    if isinstance(node, Variable):
        return same.setdefault(node, node)
    if type(node) is URIRef:
        return terms.setdefault(str(node), node)
    if id(node) in visited:
        return node
    if isinstance(node, CompValue):
        visited.add(id(node))
        for key, value in list(dict.items(node)):
            dict.__setitem__(node, key, _intern(value, same, visited, terms))
        for key, value in list(node.__dict__.items()):
            if key not in ("ctx", "_evalfn"):
                node.__dict__[key] = _intern(value, same, visited, terms)
        return node
    if isinstance(node, list):
        visited.add(id(node))
        node[:] = [_intern(v, same, visited, terms) for v in node]
        return node
    if isinstance(node, tuple):
        return tuple(_intern(v, same, visited, terms) for v in node)
    if isinstance(node, set):
        return {_intern(v, same, visited, terms) for v in node}
    return node


def _push_filters(part: Any) -> Any:
    """Filter(a && b, Join(BGP, x)) -> Filter(b, Join(Filter(a, BGP), x)) for each conjunct a whose
    variables the BGP binds and that holds no EXISTS: a row passes an rdflib conjunction only if
    every conjunct is true, and a conjunct over the BGP's variables has the same value before the
    join as after it."""
    for key in ("p", "p1", "p2"):
        child = algebra_get(part, key)
        if isinstance(child, CompValue) and child.name in _PARTS:
            part[key] = _push_filters(child)
    if part.name != "Filter":
        return part
    inner = algebra_get(part, "p")
    if inner.name != "Join" or algebra_get(inner, "p1").name != "BGP":
        return part
    expr = algebra_get(part, "expr")
    conjuncts = (
        [dict.get(expr, "expr"), *(dict.get(expr, "other") or ())]
        if isinstance(expr, CompValue) and expr.name == "ConditionalAndExpression" and dict.get(expr, "other")
        else [expr]
    )
    bgp = algebra_get(inner, "p1")
    bound = {n for triple in algebra_get(bgp, "triples") for n in triple if isinstance(n, Variable)}
    movable = [c for c in conjuncts if _pushable(c, bound)]
    if not movable:
        return part
    kept = [c for c in conjuncts if not any(c is m for m in movable)]
    inner["p1"] = CompValue("Filter", p=bgp, expr=_conjunction(movable))
    if not kept:
        return inner
    part["expr"] = _conjunction(kept)
    return part


def _pushable(expr: Any, bound: set[Variable]) -> bool:
    if isinstance(expr, CompValue) and _has_exists(expr):
        return False
    seen: dict[Variable, None] = {}
    collect_variables(expr, seen, set())
    return set(seen) <= bound


def _has_exists(node: Any) -> bool:
    if isinstance(node, CompValue):
        if node.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            return True
        return any(_has_exists(v) for k, v in dict.items(node) if k != "_vars")
    if isinstance(node, list):
        return any(_has_exists(v) for v in node)
    return False


def _conjunction(exprs: list[Any]) -> Any:
    if len(exprs) == 1:
        return exprs[0]
    from rdflib.plugins.sparql.operators import ConditionalAndExpression

    return Expr("ConditionalAndExpression", ConditionalAndExpression, expr=exprs[0], other=exprs[1:])


def _prepare(part: Any, where: str) -> None:
    """Check a graph pattern and wire (NOT) EXISTS expressions to this evaluator."""
    name = part.name
    if name not in _PARTS:
        raise ResourceError(f"{where}: SPARQL {name} is not supported by the fast engine")
    if name == "BGP":
        for _s, p, _o in part["triples"]:
            if not isinstance(p, (URIRef, Variable)) and not supported_path(p):
                raise ResourceError(f"{where}: SPARQL property path {p.n3()} is not supported by the fast engine")
        return
    for key in ("p", "p1", "p2"):
        child = algebra_get(part, key)
        if isinstance(child, CompValue):
            _prepare(child, where)
    for key in ("expr", "A"):
        expr = algebra_get(part, key)
        if expr is not None:
            _prepare_expr(expr, where)


def _prepare_expr(expr: Any, where: str) -> None:
    if isinstance(expr, list):
        for e in expr:
            _prepare_expr(e, where)
        return
    if not isinstance(expr, CompValue):
        return
    if expr.name in _CONTEXT_FUNCTIONS:
        raise ResourceError(f"{where}: SPARQL {expr.name} is not supported by the fast engine")
    if expr.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
        _prepare(algebra_get(expr, "graph"), where)
        _mark_existence(algebra_get(expr, "graph"))
        expr._evalfn = MethodType(eval_exists, expr)
        return
    for value in dict.values(expr):
        if isinstance(value, (CompValue, list)):
            _prepare_expr(value, where)


# the parts that make their rows from their inputs' rows without counting them (no aggregate):
# with or without duplicates among their inputs, they give a row or none alike
_ROW_BY_ROW = {"Join", "Filter", "Extend", "Union", "ToMultiSet"}


def _mark_existence(part: Any) -> None:
    """Mark the joins of an EXISTS pattern (down to a sub-query, whose aggregates would count
    rows): they need not drop duplicate rows, as rdflib's join does, since only whether a row
    comes matters."""
    if not isinstance(part, CompValue) or part.name not in _ROW_BY_ROW:
        return
    if part.name == "Join":
        part.__dict__["_kg_any_number"] = True
    for key in ("p", "p1", "p2"):
        _mark_existence(algebra_get(part, key))
