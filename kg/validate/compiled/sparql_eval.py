"""Evaluate a SELECT's graph patterns over a :class:`~kg.validate.compiled.index.GraphIndex`.

:func:`eval_part` walks rdflib's algebra the way rdflib's evaluator does (bindings pushed down
into lazy joins and sub-queries); filters and BIND use the expressions of :mod:`.sparql_expr`,
aggregates rdflib's own Aggregator.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterator
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.paths import Path
from rdflib.plugins.sparql.aggregates import Aggregator
from rdflib.plugins.sparql.evalutils import _eval
from rdflib.plugins.sparql.parserutils import Expr
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib.term import Node

from .index import GraphIndex
from .sparql_aggregate import fast_aggregation
from .sparql_algebra import Row, algebra_get, mentioned
from .sparql_expr import filter_test, value_of
from .sparql_paths import path_triples

__all__ = ["eval_part", "eval_exists"]


def eval_part(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    """The rows of the algebra *part* over *index*, starting from the bindings *row*."""
    return _EVAL[part.name](part, index, row)


def eval_exists(expr: Expr, ctx: Any) -> Literal:
    """rdflib's Builtin_EXISTS over the index: the current bindings are the initial ones."""
    exists = expr.name == "Builtin_EXISTS"
    for _ in eval_part(algebra_get(expr, "graph"), ctx.index, dict(ctx)):
        return Literal(exists)
    return Literal(not exists)


class _Bindings(dict):
    """A row of bindings that also carries the index (for EXISTS inside expressions)."""

    __slots__ = ("index",)
    index: GraphIndex


def _ctx(row: Row, index: GraphIndex) -> Any:  # rdflib's evaluators read it as their FrozenBindings
    ctx = _Bindings(row)
    ctx.index = index
    return ctx


def _bgp(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    # the order the patterns are matched in depends only on which variables the row binds: it
    # is worked out once for each such set and kept on the pattern
    found = part.__dict__.get("_kg_plans")
    if found is None:
        found = part.__dict__["_kg_plans"] = ({}, frozenset(mentioned(part)))
    plans, names = found
    key = frozenset(row.keys() & names)  # the variables bound on entry (set operations at C speed)
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = _plan(list(algebra_get(part, "triples")), set(key))
    if not plan:
        yield row
        return
    yield from _match(plan, 0, index, row)


#: A pattern in a plan: (s, p, o, s unbound, p unbound, o unbound, how it is matched).
_Step = tuple[Any, Any, Any, bool, bool, bool, int]
# How a pattern with a constant IRI as predicate is matched (the others: _ANY, through _triples)
_ANY, _CHECK, _OBJECTS, _SUBJECTS, _PAIRS = range(5)
_NO_PREDICATES: dict = {}  # index.objects is read inline: spo.get(s, {}).get(p, ())


def _plan(patterns: list, bound: set) -> tuple[_Step, ...]:
    """The patterns in the order they are matched: the one with the fewest unbound variables
    first, the earliest of equals (the rows do not depend on the order, only the work does),
    each with which of its subject, predicate and object is still unbound when it is reached."""
    steps: list[_Step] = []
    while patterns:
        best, fewest = 0, 4
        for i, (s, p, o) in enumerate(patterns):
            n = (
                (type(s) is Variable and s not in bound)
                + (type(p) is Variable and p not in bound)
                + (type(o) is Variable and o not in bound)
            )
            if n < fewest:
                best, fewest = i, n
        s, p, o = patterns.pop(best)
        s_var = type(s) is Variable and s not in bound
        p_var = type(p) is Variable and p not in bound
        o_var = type(o) is Variable and o not in bound
        steps.append((s, p, o, s_var, p_var, o_var, _how(s, p, o, s_var, o_var)))
        bound.update(n for n in (s, p, o) if type(n) is Variable)
    return tuple(steps)


def _how(s: Any, p: Any, o: Any, s_var: bool, o_var: bool) -> int:
    if type(p) is not URIRef:  # a variable or a property path
        return _ANY
    if s_var and o_var:
        return _ANY if s is o else _PAIRS  # ?x p ?x: the generic matcher compares the two
    return _SUBJECTS if s_var else _OBJECTS if o_var else _CHECK


def _match(plan: tuple[_Step, ...], at: int, index: GraphIndex, row: Row) -> Iterator[Row]:
    s, p, o, s_var, p_var, o_var, how = plan[at]
    nxt = at + 1
    last = nxt == len(plan)
    if how == _OBJECTS:  # the same rows as the generic matcher below, with fewer steps
        for obj in index.spo.get(row[s] if type(s) is Variable else s, _NO_PREDICATES).get(p, ()):
            new = dict(row)
            new[o] = obj
            if last:
                yield new
            else:
                yield from _match(plan, nxt, index, new)
        return
    if how == _SUBJECTS:
        for subj in index.subjects_of(p, row[o] if type(o) is Variable else o):
            new = dict(row)
            new[s] = subj
            if last:
                yield new
            else:
                yield from _match(plan, nxt, index, new)
        return
    if how == _CHECK:
        wanted = row[o] if type(o) is Variable else o
        # rdflib's == of two IRIs (or two blank nodes) compares their texts: done at C speed
        text = wanted if type(wanted) is URIRef or type(wanted) is BNode else None
        for obj in index.spo.get(row[s] if type(s) is Variable else s, _NO_PREDICATES).get(p, ()):
            if obj is wanted or (
                (type(obj) is type(wanted) and str.__eq__(obj, text))  # type: ignore[operator]  # both str
                if text is not None
                else obj == wanted
            ):
                if last:
                    yield row
                else:
                    yield from _match(plan, nxt, index, row)
        return
    if how == _PAIRS:
        for subj, obj in index.by_pred.get(p, ()):
            new = dict(row)
            new[s] = subj
            new[o] = obj
            if last:
                yield new
            else:
                yield from _match(plan, nxt, index, new)
        return
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
        if last:
            yield new
        else:
            yield from _match(plan, nxt, index, new)


def _bound(node: Any, row: Row) -> Node | None:
    if isinstance(node, Variable):
        return row.get(node)
    return node


def _triples(index: GraphIndex, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
    if isinstance(p, Path):
        yield from path_triples(index, s, p, o)
        return
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
        test = part.__dict__["_kg_test"] = filter_test(algebra_get(part, "expr"), eval_part)
    for c in eval_part(algebra_get(part, "p"), index, row):
        if test(c, index):
            yield c


def _join(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    p1, p2 = algebra_get(part, "p1"), algebra_get(part, "p2")
    if algebra_get(part, "lazy"):
        # the right side only reads the variables it mentions: evaluate it once per binding of those
        names = mentioned(p2)
        memo = index.memo
        for a in eval_part(p1, index, row):
            key = (id(p2), tuple(map(a.get, names)))
            right = memo.get(key)
            if right is None:
                right = memo[key] = list(eval_part(p2, index, a))
            for b in right:
                yield {**b, **a}
        return
    distinct = _distinct_extensions(p2)
    if p1.name == "BGP" and not algebra_get(p1, "triples"):
        # a group that starts with a sub-pattern ({ ... } UNION { ... }, a sub-query): the
        # left side is the row itself, the right side's rows are read as they come
        if distinct:  # each row already is the row extended, once: what the loop below gives
            yield from eval_part(p2, index, row)
            return
        right = eval_part(p2, index, row)
        for b in right if part.__dict__.get("_kg_any_number") else _unique(right):
            if all(row[k] is v or row[k] == v for k, v in b.items() if k in row):
                yield {**row, **b}
        return
    rows: list[Row] | None = None
    for a in eval_part(p1, index, row):
        if rows is None:  # the right side only when the left has a row (it does not depend on it)
            right = eval_part(p2, index, row)
            rows = list(right if distinct or part.__dict__.get("_kg_any_number") else _unique(right))
        for b in rows:
            if all(a[k] == v for k, v in b.items() if k in a):
                yield {**a, **b}


def _distinct_extensions(part: Any) -> bool:
    """True when every row *part* gives extends the row it starts from, and no two are equal: a
    basic graph pattern (distinct triples bind distinct values), and a filter or BIND over one."""
    found = part.__dict__.get("_kg_distinct")
    if found is None:
        name = part.name
        if name == "BGP":
            found = True
        elif name in ("Filter", "Extend"):
            found = _distinct_extensions(algebra_get(part, "p"))
        else:
            found = False
        part.__dict__["_kg_distinct"] = found
    return found


def _unique(rows: Iterator[Row]) -> Iterator[Row]:
    seen = set()
    for r in rows:
        key = frozenset(r.items())
        if key not in seen:
            seen.add(key)
            yield r


def _extend(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    var = algebra_get(part, "var")
    value = part.__dict__.get("_kg_value")
    if value is None:
        value = part.__dict__["_kg_value"] = value_of(algebra_get(part, "expr"), eval_part)
    for c in eval_part(algebra_get(part, "p"), index, row):
        try:
            e = value(c, index)
            if isinstance(e, SPARQLError):
                raise e
        except SPARQLError:
            yield c
            continue
        yield {**c, var: e}


def _project(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    keep = algebra_get(part, "PV")
    for c in eval_part(algebra_get(part, "p"), index, row):
        yield {k: c[k] for k in keep if k in c}


def _multiset(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return eval_part(algebra_get(part, "p"), index, row)


def _group(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return eval_part(algebra_get(part, "p"), index, row)


def _aggregate(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    group = algebra_get(part, "p")
    keys = algebra_get(group, "expr")
    fast = part.__dict__.get("_kg_aggregation", False)
    if fast is False:
        fast = part.__dict__["_kg_aggregation"] = fast_aggregation(algebra_get(part, "A"), keys)
    if fast is not None:
        found = fast(eval_part(group, index, row))
        for bindings in found:
            yield {**row, **bindings}
        if not found:
            yield dict(row)
        return
    groups: dict[Any, Aggregator] = collections.defaultdict(lambda: Aggregator(aggregations=algebra_get(part, "A")))
    for r in eval_part(group, index, row):
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
    yield from eval_part(algebra_get(part, "p1"), index, row)
    yield from eval_part(algebra_get(part, "p2"), index, row)


def _distinct(part: Any, index: GraphIndex, row: Row) -> Iterator[Row]:
    return _unique(eval_part(algebra_get(part, "p"), index, row))


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
