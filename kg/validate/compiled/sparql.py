"""SPARQL-based constraints (``sh:sparql`` with ``sh:select``), evaluated in Python over the index.

The SELECT text is parsed once by rdflib (the engine pySHACL uses) into its algebra; this module
walks that algebra over a :class:`~kg.validate.compiled.index.GraphIndex` the way rdflib's evaluator does
(bindings pushed down into lazy joins and sub-queries, ``$this`` pre-bound per focus node), and
evaluates expressions and aggregates with rdflib's own operator and aggregate code, so results
match pySHACL's. Algebra it does not know raises :class:`~kg.errors.ResourceError` at load time.
"""
from __future__ import annotations

import collections
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import MethodType
from typing import Any

from rdflib import Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.plugins.sparql.evalutils import _eval
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLError
from rdflib.term import Node

from ...errors import ResourceError
from .index import GraphIndex
from .terms import integer_value

__all__ = ["SparqlSelect", "compile_select"]

Row = dict[Variable, Node]
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

    def run(self, index: GraphIndex, focus: Sequence[Node]) -> dict[Node, list[tuple[Node | None, Node | None, Node | None, dict]]]:
        """For each focus node, the (this, path, value, other bindings) rows of the query with
        $this bound to it, without duplicates: what pySHACL gives to its result maker.

        When the first pattern the query evaluates binds $this, the query runs once with $this
        free and its rows are shared out by $this (the same rows, far cheaper)."""
        if self.once:
            grouped: dict[Node, list[Row]] = {}
            wanted = set(focus)
            for row in _eval_part(self.algebra, index, {}):
                this = row.get(_THIS)
                if this in wanted:
                    grouped.setdefault(this, []).append(row)
            return {f: _violations(grouped.get(f, ())) for f in focus}
        return {f: _violations(_eval_part(self.algebra, index, {_THIS: f})) for f in focus}


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
        part = _get(part, "p1") if part.name == "Join" else _get(part, "p")
    return part.name == "BGP" and any(_THIS in triple for triple in _get(part, "triples"))


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



def _mentioned(part: Any) -> tuple[Variable, ...]:
    """Every variable that occurs anywhere in an algebra part (patterns and expressions); kept
    on the part."""
    found = part.__dict__.get("_kg_mentioned")
    if found is None:
        seen: dict[Variable, None] = {}
        _collect(part, seen, set())
        found = part.__dict__["_kg_mentioned"] = tuple(seen)
    return found


def _collect(node: Any, seen: dict[Variable, None], visited: set[int]) -> None:
    if isinstance(node, Variable):
        seen[node] = None
        return
    if id(node) in visited:
        return
    if isinstance(node, CompValue):
        visited.add(id(node))
        for key, value in list(dict.items(node)) + list(node.__dict__.items()):
            if key not in ("_vars", "ctx", "_evalfn") and not str(key).startswith("_kg_"):
                _collect(value, seen, visited)
    elif isinstance(node, (list, tuple, set)):
        for value in node:
            _collect(value, seen, visited)


def _push_filters(part: Any) -> Any:
    """Filter(a && b, Join(BGP, x)) -> Filter(b, Join(Filter(a, BGP), x)) for each conjunct a whose
    variables the BGP binds and that holds no EXISTS: a row passes an rdflib conjunction only if
    every conjunct is true, and a conjunct over the BGP's variables has the same value before the
    join as after it."""
    for key in ("p", "p1", "p2"):
        child = _get(part, key)
        if isinstance(child, CompValue) and child.name in _PARTS:
            part[key] = _push_filters(child)
    if part.name != "Filter":
        return part
    inner = _get(part, "p")
    if inner.name != "Join" or _get(inner, "p1").name != "BGP":
        return part
    expr = _get(part, "expr")
    conjuncts = (
        [dict.get(expr, "expr"), *dict.get(expr, "other")]
        if isinstance(expr, CompValue) and expr.name == "ConditionalAndExpression" and dict.get(expr, "other")
        else [expr]
    )
    bgp = _get(inner, "p1")
    bound = {n for triple in _get(bgp, "triples") for n in triple if isinstance(n, Variable)}
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
    _collect(expr, seen, set())
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


def _get(node: Any, key: str) -> Any:
    """A field of an algebra node; rdflib keeps some translated fields (the pattern of an EXISTS)
    as attributes over the parsed ones."""
    own = node.__dict__.get(key)
    return own if own is not None else dict.get(node, key)


def _prepare(part: Any, where: str) -> None:
    """Check a graph pattern and wire (NOT) EXISTS expressions to this evaluator."""
    name = part.name
    if name not in _PARTS:
        raise ResourceError(f"{where}: SPARQL {name} is not supported by the fast engine")
    if name == "BGP":
        for s, p, o in part["triples"]:
            if not isinstance(p, (URIRef, Variable)):
                raise ResourceError(f"{where}: SPARQL property paths are not supported by the fast engine")
        return
    for key in ("p", "p1", "p2"):
        child = _get(part, key)
        if isinstance(child, CompValue):
            _prepare(child, where)
    for key in ("expr", "A"):
        expr = _get(part, key)
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
        _prepare(_get(expr, "graph"), where)
        expr._evalfn = MethodType(_exists, expr)
        return
    for value in dict.values(expr):
        if isinstance(value, (CompValue, list)):
            _prepare_expr(value, where)


def _exists(expr: Expr, ctx: Any) -> Literal:
    """rdflib's Builtin_EXISTS over the index: the current bindings are the initial ones."""
    exists = expr.name == "Builtin_EXISTS"
    for _ in _eval_part(_get(expr, "graph"), ctx.index, dict(ctx)):
        return Literal(exists)
    return Literal(not exists)


class _Bindings(dict):
    """A row of bindings that also carries the index (for EXISTS inside expressions)."""

    __slots__ = ("index",)


def _ctx(row: Row, index: GraphIndex) -> _Bindings:
    ctx = _Bindings(row)
    ctx.index = index
    return ctx


# --------------------------------------------------------------------------- expressions
#
# An expression is compiled into a closure (row, index) -> value, or the SPARQLError rdflib's
# Expr.eval would return. Each operator is still rdflib's own function: it is called with an
# object whose fields are the already evaluated arguments, as rdflib's expression nodes give
# them (an unbound variable raises NotBoundError when the operator reads it).

class _Unbound:
    __slots__ = ("var",)

    def __init__(self, var: Variable) -> None:
        self.var = var


def _resolve(value: Any, variables: bool = False) -> Any:
    if isinstance(value, _Unbound):
        if variables:
            return value.var
        raise NotBoundError(f"Variable {value.var} is not bound")
    if isinstance(value, list):
        return [_resolve(v, variables) for v in value]
    return value


class _Args(dict):
    """The evaluated fields of an expression node, read the way rdflib's CompValue reads them."""

    __slots__ = ("name",)

    def __getattr__(self, key: str) -> Any:
        if key not in self:
            return None
        return _resolve(dict.__getitem__(self, key))

    def __getitem__(self, key: str) -> Any:
        return _resolve(dict.__getitem__(self, key))

    def get(self, key: str, variables: bool = False, errors: bool = False) -> Any:  # type: ignore[override]
        return _resolve(dict.get(self, key, key), variables)


def _compile_expr(e: Any) -> Callable[[Row, GraphIndex], Any]:
    return _make_expr(e)


# Comparisons of two integer literals, the bulk of the filters over spans and bounds, are made in
# Python: the same answer as rdflib's RelationalExpression (which compares integer literals by
# value), without its argument records and new Literals. Anything else goes to rdflib.
_TRUE, _FALSE = Literal(True), Literal(False)
_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge, "=": operator.eq, "!=": operator.ne,
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


def _fast_relation(e: Expr, general: Callable[[Row, GraphIndex], Any]) -> Callable[[Row, GraphIndex], Any]:
    compare = _COMPARE[dict.get(e, "op")]
    left, right = _compile_expr(dict.get(e, "expr")), _compile_expr(dict.get(e, "other"))

    def ev(row: Row, index: GraphIndex) -> Any:
        a, b = integer_value(left(row, index)), None
        if a is not None:
            b = integer_value(right(row, index))
        if b is None:
            return general(row, index)
        return _TRUE if compare(a, b) else _FALSE

    return ev


def _make_expr(e: Any) -> Callable[[Row, GraphIndex], Any]:
    if isinstance(e, Variable):
        unbound = _Unbound(e)
        return lambda row, index: row.get(e, unbound)
    if isinstance(e, list):
        items = [_compile_expr(x) for x in e]
        return lambda row, index: [f(row, index) for f in items]
    if isinstance(e, Expr):
        if e.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            graph = _get(e, "graph")
            exists = e.name == "Builtin_EXISTS"

            found, missing = (_TRUE, _FALSE) if exists else (_FALSE, _TRUE)

            def ev_exists(row: Row, index: GraphIndex) -> Any:
                for _ in _eval_part(graph, index, row):
                    return found
                return missing

            return ev_exists
        name = e.name
        operands = [dict.get(e, "expr"), *(dict.get(e, "other") or ())]
        if name == "ConditionalAndExpression" and len(operands) > 1 and all(isinstance(x, Expr) for x in operands):
            return _fast_and([_compile_expr(x) for x in operands])
        fn = e._evalfn.__func__
        fields = [(k, _compile_expr(v)) for k, v in dict.items(e) if k != "_vars"]

        def ev(row: Row, index: GraphIndex) -> Any:
            args = _Args({k: f(row, index) for k, f in fields})
            args.name = name
            try:
                return fn(args, row)
            except SPARQLError as err:
                return err

        if name == "RelationalExpression" and dict.get(e, "op") in _COMPARE and dict.get(e, "other") is not None:
            return _fast_relation(e, ev)
        return ev
    if isinstance(e, CompValue):
        raise ResourceError(f"SPARQL expression part {e.name} is not supported by the fast engine")
    return lambda row, index: e


def _filter_test(expr: Any) -> Callable[[Row, GraphIndex], bool]:
    """rdflib's _ebv: the effective boolean value, False on any error (and for a constant)."""
    if isinstance(expr, Variable):

        def test_var(row: Row, index: GraphIndex) -> bool:
            try:
                return EBV(row[expr])
            except Exception:
                return False

        return test_var
    if not isinstance(expr, Expr):
        return lambda row, index: False
    ev = _compile_expr(expr)

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


def _value_of(expr: Any) -> Callable[[Row, GraphIndex], Any]:
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
    return _compile_expr(expr)


# --------------------------------------------------------------------------- evaluation


def _eval_part(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return _EVAL[part.name](part, index, row)


def _bgp(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    yield from _match(list(_get(part, "triples")), index, row)


def _match(patterns: list, index: GraphIndex, row: Row) -> Iterator[Row]:
    if not patterns:
        yield row
        return
    # the pattern with the fewest unbound variables first (the result does not depend on the order)
    best, fewest = 0, 4
    for i, (s, p, o) in enumerate(patterns):
        n = (type(s) is Variable and s not in row) + (type(p) is Variable and p not in row) + (
            type(o) is Variable and o not in row
        )
        if n < fewest:
            best, fewest = i, n
    s, p, o = patterns[best]
    rest = patterns[:best] + patterns[best + 1 :]
    s_var = type(s) is Variable and s not in row
    p_var = type(p) is Variable and p not in row
    o_var = type(o) is Variable and o not in row
    for ss, pp, oo in _triples(
        index,
        None if s_var else (row[s] if type(s) is Variable else s),
        None if p_var else (row[p] if type(p) is Variable else p),
        None if o_var else (row[o] if type(o) is Variable else o),
    ):
        new = dict(row) if (s_var or p_var or o_var) else row
        if s_var:
            new[s] = ss
        if p_var:
            if p in new and new[p] != pp:  # the same variable twice in one pattern
                continue
            new[p] = pp
        if o_var:
            if o in new and new[o] != oo:
                continue
            new[o] = oo
        yield from _match(rest, index, new)


def _bound(node: Any, row: Row) -> Node | None:
    if isinstance(node, Variable):
        return row.get(node)
    return node


def _triples(index: GraphIndex, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
    if p is not None:
        if s is not None:
            for obj in index.objects(s, p):
                if o is None or obj is o or obj == o:
                    yield s, p, obj
            return
        if o is not None:
            for subj in index.subjects_of(p, o):
                yield subj, p, o
            return
        for subj, obj in index.by_pred.get(p, ()):
            yield subj, p, obj
        return
    subjects = (s,) if s is not None else tuple(index.spo)
    for subj in subjects:
        for pred, objs in index.spo.get(subj, {}).items():
            for obj in objs:
                if o is None or obj == o:
                    yield subj, pred, obj


def _filter(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    test = part.__dict__.get("_kg_test")
    if test is None:
        test = part.__dict__["_kg_test"] = _filter_test(_get(part, "expr"))
    for c in _eval_part(_get(part, "p"), index, row):
        if test(c, index):
            yield c



def _join(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    p1, p2 = _get(part, "p1"), _get(part, "p2")
    if _get(part, "lazy"):
        # the right side only reads the variables it mentions: evaluate it once per binding of those
        names = _mentioned(p2)
        memo = index.memo
        for a in _eval_part(p1, index, row):
            key = (id(p2), tuple(a.get(v) for v in names))
            right = memo.get(key)
            if right is None:
                right = memo[key] = list(_eval_part(p2, index, a))
            for b in right:
                yield {**b, **a}
        return
    right = list(_unique(_eval_part(p2, index, row)))
    for a in _eval_part(p1, index, row):
        for b in right:
            if all(a[k] == v for k, v in b.items() if k in a):
                yield {**a, **b}


def _unique(rows: Iterator[Row]) -> Iterator[Row]:
    seen = set()
    for r in rows:
        key = frozenset(r.items())
        if key not in seen:
            seen.add(key)
            yield r


def _extend(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    var = _get(part, "var")
    value = part.__dict__.get("_kg_value")
    if value is None:
        value = part.__dict__["_kg_value"] = _value_of(_get(part, "expr"))
    for c in _eval_part(_get(part, "p"), index, row):
        try:
            e = value(c, index)
            if isinstance(e, SPARQLError):
                raise e
        except SPARQLError:
            yield c
            continue
        yield {**c, var: e}


def _project(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    keep = _get(part, "PV")
    for c in _eval_part(_get(part, "p"), index, row):
        yield {k: c[k] for k in keep if k in c}


def _multiset(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return _eval_part(_get(part, "p"), index, row)


def _group(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return _eval_part(_get(part, "p"), index, row)


def _aggregate(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    group = _get(part, "p")
    keys = _get(group, "expr")
    groups: dict[Any, Aggregator] = collections.defaultdict(lambda: Aggregator(aggregations=_get(part, "A")))
    for r in _eval_part(group, index, row):
        ctx = _ctx(r, index)
        if keys is None:
            groups[True].update(ctx)
        else:
            groups[tuple(_eval(e, ctx, False) for e in keys)].update(ctx)
    for aggregator in groups.values():
        yield {**row, **aggregator.get_bindings()}
    if not groups:
        yield dict(row)


def _union(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    yield from _eval_part(_get(part, "p1"), index, row)
    yield from _eval_part(_get(part, "p2"), index, row)


def _distinct(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return _unique(_eval_part(_get(part, "p"), index, row))


_EVAL: dict[str, Callable[[Any, GraphIndex, Row], Iterator[Row]]] = {
    "BGP": _bgp,
    "Filter": _filter,
    "Join": _join,
    "Extend": _extend,
    "Project": _project,
    "ToMultiSet": _multiset,
    "AggregateJoin": _aggregate,
    "Group": _group,
    "Union": _union,
    "Distinct": _distinct,
}
