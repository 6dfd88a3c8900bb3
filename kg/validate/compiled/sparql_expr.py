"""SPARQL expressions compiled into closures ``(row, index) -> value`` (see :mod:`.sparql`).

An expression is compiled into a closure, or the SPARQLError rdflib's Expr.eval would return.
Each operator is still rdflib's own function: it is called with an object whose fields are the
already evaluated arguments, as rdflib's expression nodes give them (an unbound variable raises
NotBoundError when the operator reads it). An ``EXISTS`` runs its pattern with the evaluator
passed in (*eval_part*, :func:`kg.validate.compiled.sparql_eval.eval_part`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLError

from ...errors import ResourceError
from .index import GraphIndex
from .sparql_algebra import Row, algebra_get
from .sparql_shortcuts import shortcut
from .sparql_values import FALSE as _FALSE
from .sparql_values import TRUE as _TRUE
from .sparql_values import Unbound as _Unbound
from .sparql_values import resolve as _resolve
from .terms import integer_value

__all__ = ["EvalPart", "filter_test", "value_of"]

#: The pattern evaluator an EXISTS runs: (algebra part, index, row) -> rows.
EvalPart = Callable[[Any, GraphIndex, Row], Iterator[Row]]


class _Args(dict):
    """The evaluated fields of an expression node, read the way rdflib's CompValue reads them."""

    __slots__ = ("name",)
    name: str

    def __getattr__(self, key: str) -> Any:
        if key not in self:
            return None
        return _resolve(dict.__getitem__(self, key))

    def __getitem__(self, key: str) -> Any:
        return _resolve(dict.__getitem__(self, key))

    def get(self, key: str, variables: bool = False, errors: bool = False) -> Any:  # type: ignore[override]
        return _resolve(dict.get(self, key, key), variables)


def _compile_expr(e: Any, eval_part: EvalPart) -> Callable[[Row, GraphIndex], Any]:
    return _make_expr(e, eval_part)


# Comparisons of two integer literals, the bulk of the filters over spans and bounds, are made in
# Python: the same answer as rdflib's RelationalExpression (which compares integer literals by
# value), without its argument records and new Literals. Anything else goes to rdflib.
_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
    "=": operator.eq,
    "!=": operator.ne,
}


def _fast_and(parts: list[Callable[[Row, GraphIndex], Any]]) -> Callable[[Row, GraphIndex], Any]:
    """rdflib's && over operands that are all expressions: ``all(EBV(x) for x in operands)``,
    which stops at the first false operand, so the later ones (an EXISTS, often) are not
    evaluated; an error before a false operand is an error, as in rdflib."""

    def ev(row: Row, index: GraphIndex) -> Any:
        for part in parts:
            value = part(row, index)
            if value is _TRUE:
                continue
            if value is _FALSE:
                return _FALSE
            try:
                if not EBV(value):
                    return _FALSE
            except SPARQLError as err:
                return err
        return _TRUE

    return ev


def _fast_or(parts: list[Callable[[Row, GraphIndex], Any]]) -> Callable[[Row, GraphIndex], Any]:
    """rdflib's || over operands that are all expressions: true at the first operand whose EBV is
    true (the later ones cannot change that, so they are not evaluated); else the last error met,
    else false."""

    def ev(row: Row, index: GraphIndex) -> Any:
        error = None
        for part in parts:
            value = part(row, index)
            if value is _TRUE:
                return _TRUE
            if value is _FALSE:
                continue
            try:
                if EBV(value):
                    return _TRUE
            except SPARQLError as err:
                error = err
        return _FALSE if error is None else error

    return ev


def _fast_relation(
    e: Expr, general: Callable[[Row, GraphIndex], Any], eval_part: EvalPart
) -> Callable[[Row, GraphIndex], Any]:
    compare = _COMPARE[str(dict.get(e, "op"))]
    left, right = _compile_expr(dict.get(e, "expr"), eval_part), _compile_expr(dict.get(e, "other"), eval_part)

    def ev(row: Row, index: GraphIndex) -> Any:
        a = integer_value(left(row, index))
        b = None if a is None else integer_value(right(row, index))
        if a is None or b is None:
            return general(row, index)
        return _TRUE if compare(a, b) else _FALSE

    return ev


def _make_expr(e: Any, eval_part: EvalPart) -> Callable[[Row, GraphIndex], Any]:
    if isinstance(e, Variable):
        unbound = _Unbound(e)
        return lambda row, index: row.get(e, unbound)
    if isinstance(e, list):
        items = [_compile_expr(x, eval_part) for x in e]
        return lambda row, index: [f(row, index) for f in items]
    if isinstance(e, Expr):
        if e.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            graph = algebra_get(e, "graph")
            exists = e.name == "Builtin_EXISTS"

            found, missing = (_TRUE, _FALSE) if exists else (_FALSE, _TRUE)

            def ev_exists(row: Row, index: GraphIndex) -> Any:
                for _ in eval_part(graph, index, row):
                    return found
                return missing

            return ev_exists
        name = e.name
        operands = [dict.get(e, "expr"), *(dict.get(e, "other") or ())]
        if name == "ConditionalAndExpression" and len(operands) > 1 and all(isinstance(x, Expr) for x in operands):
            return _fast_and([_compile_expr(x, eval_part) for x in operands])
        if name == "ConditionalOrExpression" and len(operands) > 1 and all(isinstance(x, Expr) for x in operands):
            return _fast_or([_compile_expr(x, eval_part) for x in operands])
        if e._evalfn is None:
            raise ResourceError(f"SPARQL expression part {name} is not supported by the fast engine")
        fn = e._evalfn.__func__
        fields = [(k, _compile_expr(v, eval_part)) for k, v in dict.items(e) if k != "_vars"]

        def ev(row: Row, index: GraphIndex) -> Any:
            args = _Args({k: f(row, index) for k, f in fields})
            args.name = name
            try:
                return fn(args, row)
            except SPARQLError as err:
                return err

        op = dict.get(e, "op")
        fast = shortcut(e, ev, lambda x: _compile_expr(x, eval_part))
        if fast is not None:
            return fast
        if name == "RelationalExpression" and op in _COMPARE and dict.get(e, "other") is not None:
            return _fast_relation(e, ev, eval_part)
        return ev
    if isinstance(e, CompValue):
        raise ResourceError(f"SPARQL expression part {e.name} is not supported by the fast engine")
    return lambda row, index: e


def filter_test(expr: Any, eval_part: EvalPart) -> Callable[[Row, GraphIndex], bool]:
    """rdflib's _ebv: the effective boolean value, False on any error (and for a constant)."""
    if isinstance(expr, Variable):

        def test_var(row: Row, index: GraphIndex) -> bool:
            try:
                return EBV(row[expr])  # type: ignore[call-overload]  # a bound value is an Identifier
            except Exception:
                return False

        return test_var
    if not isinstance(expr, Expr):
        return lambda row, index: False
    ev = _compile_expr(expr, eval_part)

    def test(row: Row, index: GraphIndex) -> bool:
        try:
            value = ev(row, index)
            if value is _TRUE:
                return True
            if value is _FALSE:
                return False
            return EBV(value)
        except SPARQLError:
            return False

    return test


def value_of(expr: Any, eval_part: EvalPart) -> Callable[[Row, GraphIndex], Any]:
    """rdflib's _eval for BIND: a constant, a variable (NotBoundError if unbound) or an expression."""
    if isinstance(expr, (Literal, URIRef)):
        return lambda row, index: expr
    if isinstance(expr, Variable):

        def var(row: Row, index: GraphIndex) -> Any:
            try:
                return row[expr]
            except KeyError:
                raise NotBoundError(f"Variable {expr} is not bound") from None

        return var
    return _compile_expr(expr, eval_part)
