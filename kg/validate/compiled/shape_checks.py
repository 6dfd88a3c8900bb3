"""The checks that validate other shapes (sh:property, sh:node, sh:and, sh:or, sh:not) and the
SPARQL-based constraint (sh:sparql), as pySHACL evaluates them; see :mod:`.checks` for the rest.

sh:and, sh:or and sh:not only need whether a member shape conforms for one value node:
:meth:`~.checks.ShapeRunner.conforms`, which the engine answers without making results when
the member's checks all have focus tests.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib.term import Node

from .checks import Check, Result, ShapeRunner

__all__ = ["property_", "node_", "logical", "sparql"]


def property_(node: Node) -> Check:
    def check(shape, fv, index, run):
        # pySHACL validates each value node on its own; the results and the "some value does
        # not conform" outcome are the same when all are validated at once
        values = [v for _f, vs in fv for v in vs]
        if not values:
            return False, []
        conforms, results = run.validate(node, values)
        return not conforms, results

    return check


def node_(node: Node) -> Check:
    def check(shape, fv, index, run):
        out = []
        for f, values in fv:
            for v in values:
                conforms, results = run.validate(node, (v,))
                if not conforms or results:
                    out.append(Result(shape, f, v, shape.path_text, shape.message or "", tuple(results)))
        return bool(out), out

    return check


def logical(kind: str, members: tuple[Node, ...]) -> Check:
    def passes(v: Node, run: ShapeRunner) -> bool:
        if kind == "not":
            return not run.conforms(members[0], v)
        outcomes = (run.conforms(m, v) for m in members)
        return all(outcomes) if kind == "and" else any(outcomes)

    def check(shape, fv, index, run):
        if not members:
            return False, []
        out = [
            Result(shape, f, v, shape.path_text, shape.message or "")
            for f, values in fv
            for v in values
            if not passes(v, run)
        ]
        return bool(out), out

    return check


_MESSAGE_VAR = "{{[?$]{}}}"


def sparql(select: Any, messages: tuple[str, ...]) -> Check:
    """A SPARQL-based constraint: each row the SELECT gives for a focus node is a result."""

    def check(shape, fv, index, run):
        out = []
        rows = select.run(index, [f for f, _values in fv])
        for f, _values in fv:
            for t, p, v, var_dict in rows[f]:
                value = v if v is not None else (None if shape.path is not None else f)
                focus = t or f
                bound = dict(var_dict)
                for name, val in (("this", t), ("path", p), ("value", value)):
                    if val is not None:
                        bound[name] = val
                text = messages[0] if messages else ""
                for name, val in bound.items():
                    text = re.sub(_MESSAGE_VAR.format(name), str(val), text)
                path = shape.path_text if p is None else run.term_text(p)
                out.append(Result(shape, focus, value, path, text))
        return bool(out), out

    return check
