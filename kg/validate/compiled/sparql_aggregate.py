"""GROUP BY with SUM and SAMPLE of variables, aggregated the way rdflib's Aggregator does
(:mod:`rdflib.plugins.sparql.aggregates`) without its per-group objects and per-row lookups.

:func:`fast_aggregation` gives the aggregation of an ``AggregateJoin`` whose group keys are
variables (or absent) and whose aggregates are all SAMPLE or (non-DISTINCT) SUM of a variable;
for any other, None, and the evaluator uses rdflib's Aggregator. A SUM adds the values as rdflib's
does: the datatype promoted value by value, a well-typed integer literal's int read at C speed
(rdflib's ``numeric`` gives that int), every other value through rdflib's ``numeric``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Literal, Variable
from rdflib.plugins.sparql.aggregates import type_safe_numbers
from rdflib.plugins.sparql.operators import numeric, type_promotion

from .sparql_algebra import Row
from .terms import integer_value

__all__ = ["Aggregation", "fast_aggregation"]

#: Rows in, one dict of aggregate bindings per group out (in the order the groups were met).
Aggregation = Callable[[Iterable[Row]], list[dict]]


class _Sum:
    """rdflib's Sum accumulator of one group."""

    __slots__ = ("res", "var", "total", "datatype")

    def __init__(self, res: Variable, var: Variable) -> None:
        self.res, self.var = res, var
        self.total: Any = 0
        self.datatype: Any = None

    def update(self, value: Any) -> None:
        dt = self.datatype
        self.datatype = value.datatype if dt is None else type_promotion(dt, value.datatype)
        number = integer_value(value)
        if number is not None and type(self.total) is int:
            self.total += number
        else:
            self.total = sum(type_safe_numbers(self.total, numeric(value)))

    def value(self) -> Literal:
        return Literal(self.total, datatype=self.datatype)


def fast_aggregation(aggregations: list, keys: list | None) -> Aggregation | None:
    """The aggregation of an AggregateJoin (its aggregates *aggregations*, the Group's *keys*),
    or None when it uses something else than SAMPLE and SUM of variables."""
    if keys is not None and not all(type(k) is Variable for k in keys):
        return None
    specs: list[tuple[bool, Variable, Variable]] = []  # (is a sum, result variable, variable read)
    for a in aggregations:
        var, res = a.vars, a.res
        if type(var) is not Variable:
            return None
        if a.name == "Aggregate_Sample":
            specs.append((False, res, var))
        elif a.name == "Aggregate_Sum" and not a.distinct:
            specs.append((True, res, var))
        else:
            return None

    def run(rows: Iterable[Row]) -> list[dict]:
        groups: dict[Any, tuple[dict, list]] = {}
        for r in rows:
            key = True if keys is None else tuple(r.get(k) for k in keys)
            group = groups.get(key)
            if group is None:
                group = groups[key] = ({}, [_Sum(res, var) if is_sum else (res, var) for is_sum, res, var in specs])
            bindings, pending = group
            for acc in list(pending):
                if type(acc) is _Sum:
                    if acc.var in r:  # an unbound value is skipped
                        acc.update(r[acc.var])
                elif acc[1] in r:  # SAMPLE: the first bound value, then done
                    bindings[acc[0]] = r[acc[1]]
                    pending.remove(acc)
        out = []
        for bindings, pending in groups.values():
            for acc in pending:
                bindings[acc.res if type(acc) is _Sum else acc[0]] = acc.value() if type(acc) is _Sum else None
            out.append(bindings)
        return out

    return run
