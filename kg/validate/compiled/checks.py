"""Constraint checks: one Python function per SHACL constraint component kg's shapes use.

Each check follows pySHACL's evaluation of the same component (which value nodes fail, whether a
result carries the value, how literals compare) so the fast engine reports what pySHACL reports.
A check is called with the shape, the (focus, value nodes) pairs and the run context, and returns
(failed, results). The checks of this module make results of their own shape only; each also
carries a *focus test* (:func:`focus_test`): whether it makes no result for one focus node, which
is all that sh:or, sh:and and sh:not need to know (see :mod:`.shape_checks`).
The checks that validate other shapes are in :mod:`.shape_checks`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Identifier, Node

from ...errors import KgError
from ..report import SH
from .terms import integer_value

if TYPE_CHECKING:
    from .load import Shape

__all__ = ["Check", "FocusTest", "Result", "ShapeRunner", "CHECK_MAKERS", "focus_test"]


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result: the shape that made it, focus, value, path text and message; *details*
    are nested results pySHACL attaches (sh:node) and also lists."""

    shape: Shape
    focus: Node
    value: Node | None
    path: str | None
    message: str
    details: tuple[Result, ...] = field(default=())


FocusValues = Sequence[tuple[Node, Sequence[Node]]]


class ShapeRunner:
    """What checks need from the engine: validate another shape on some focus nodes."""

    def validate(self, shape_node: Node, focus: Sequence[Node]) -> tuple[bool, list[Result]]:  # pragma: no cover
        raise NotImplementedError

    def conforms(self, shape_node: Node, focus: Node) -> bool:
        """The conforms of validate(shape_node, (focus,)), which a runner may find without making results."""
        return self.validate(shape_node, (focus,))[0]

    def term_text(self, node: Node) -> str:  # pragma: no cover
        raise NotImplementedError


Check = Callable[["Shape", FocusValues, Any, ShapeRunner], tuple[bool, list[Result]]]
#: Whether a check makes no result for one focus node: (focus, its value nodes, index) -> bool.
FocusTest = Callable[[Node, Sequence[Node], Any], bool]


def focus_test(check: Check) -> FocusTest | None:
    """The focus test of *check*, for a check of this module; None for another check."""
    return getattr(check, "focus_test", None)


def _tested(check: Check, test: FocusTest) -> Check:
    check.focus_test = test  # type: ignore[attr-defined]  # read by focus_test
    return check


def _result(shape: Shape, focus: Node, value: Node | None) -> Result:
    return Result(shape, focus, value, shape.path_text, shape.message or "")


# --------------------------------------------------------------------------- cardinality


def min_count(n: int) -> Check:
    def check(shape, fv, index, run):
        if n == 0:
            return False, []
        out = [_result(shape, f, None) for f, values in fv if not len(values) >= n]
        return bool(out), out

    return _tested(check, lambda f, values, index: len(values) >= n)


def max_count(n: int) -> Check:
    def check(shape, fv, index, run):
        out = [_result(shape, f, None) for f, values in fv if not len(values) <= n]
        return bool(out), out

    return _tested(check, lambda f, values, index: len(values) <= n)


# --------------------------------------------------------------------------- value type


_ACTUAL: dict[str, type | tuple[type, ...]] = {  # by IRI text: look-ups at C speed
    str(XSD.string): (str, bytes),
    str(RDF.langString): (str, bytes),
    str(XSD.integer): int,
    str(XSD.float): float,
    str(XSD.decimal): Decimal,
    str(XSD.boolean): bool,
    str(XSD.date): datetime.date,
    str(XSD.time): datetime.time,
    str(XSD.dateTime): datetime.datetime,
}


# the IRIs the datatype test compares with, as plain str (an rdflib namespace look-up is a Python call)
_RDFS_LITERAL, _RDFS_DATATYPE = str(RDFS.Literal), str(RDFS.Datatype)
_XSD_STRING, _RDF_LANGSTRING = str(XSD.string), str(RDF.langString)


def datatype_test(rule: Identifier) -> Callable[[Node], bool]:
    """pySHACL's sh:datatype test of one value node, for the datatype *rule* (its text and the
    Python type its values must have worked out once)."""
    text = str(rule)
    kind = _ACTUAL.get(text)
    any_literal, any_typed = text == _RDFS_LITERAL, text == _RDFS_DATATYPE
    plain, tagged = text == _XSD_STRING, text == _RDF_LANGSTRING

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        dt = v.datatype
        if dt is not None and str.__eq__(dt, text):  # both IRIs: compare their text at C speed
            if getattr(v, "ill_typed", None) is True:
                return False
            return True if kind is None else isinstance(v.value, kind)
        if any_literal:
            return True
        if any_typed and dt:
            return True
        if plain and dt is None and v.language is None:
            return isinstance(v.value, (str, bytes))
        if tagged and v.language:
            return isinstance(v.value, (str, bytes))
        return False

    return ok


def datatype(rule: Identifier) -> Check:
    ok = datatype_test(rule)

    def check(shape, fv, index, run):
        out = [_result(shape, f, v) for f, values in fv for v in values if not ok(v)]
        return bool(out), out

    def test(f: Node, values: Sequence[Node], index: Any) -> bool:
        for v in values:
            if not ok(v):
                return False
        return True

    return _tested(check, test)


def class_(cls: Node) -> Check:
    def check(shape, fv, index, run):
        out = [
            _result(shape, f, v)
            for f, values in fv
            for v in values
            if isinstance(v, Literal) or not index.is_instance(v, cls)
        ]
        return bool(out), out

    def test(f: Node, values: Sequence[Node], index: Any) -> bool:
        return not any(isinstance(v, Literal) or not index.is_instance(v, cls) for v in values)

    return _tested(check, test)


_KINDS = {
    "bnode": {SH.BlankNode, SH.BlankNodeOrLiteral, SH.BlankNodeOrIRI},
    "literal": {SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral},
    "iri": {SH.IRI, SH.IRIOrLiteral, SH.BlankNodeOrIRI},
}


def node_kind(rule: Node) -> Check:
    ok = {kind for kind, rules in _KINDS.items() if rule in rules}

    def kind_of(v: Node) -> str:
        return "bnode" if isinstance(v, BNode) else "literal" if isinstance(v, Literal) else "iri"

    def check(shape, fv, index, run):
        out = [_result(shape, f, v) for f, values in fv for v in values if kind_of(v) not in ok]
        return bool(out), out

    return _tested(check, lambda f, values, index: all(kind_of(v) in ok for v in values))


# --------------------------------------------------------------------------- values


def in_(allowed: frozenset[Node]) -> Check:
    def check(shape, fv, index, run):
        out = [_result(shape, f, v) for f, values in fv for v in values if v not in allowed]
        return bool(out), out

    return _tested(check, lambda f, values, index: all(v in allowed for v in values))


def has_value(wanted: Node) -> Check:
    def check(shape, fv, index, run):
        out = [_result(shape, f, None) for f, values in fv if not any(v == wanted for v in values)]
        return bool(out), out

    return _tested(check, lambda f, values, index: any(v == wanted for v in values))


_FORCE_VALUE = (datetime.datetime, datetime.time)


def _compare_literal(l1: Literal, l2: Literal, b: int | None) -> int:
    """pySHACL's compare_literal; *b* is integer_value(l2) (two integer literals: their ints
    compared, the same answer)."""
    if b is not None:
        a = integer_value(l1)
        if a is not None:
            return (a > b) - (a < b)
    if l1.eq(l2):
        return 0
    if l1.value.__class__ in _FORCE_VALUE:
        if l1.value == l2.value:
            return 0
        elif l1.value > l2.value:
            return 1
    elif l1 > l2:
        return 1
    return -1


_RANGE_OK: dict[str, Callable[[int], bool]] = {
    "minExclusive": lambda c: c > 0,
    "minInclusive": lambda c: c >= 0,
    "maxExclusive": lambda c: c < 0,
    "maxInclusive": lambda c: c <= 0,
}


def value_range(kind: str, bound: Node) -> Check:
    if not isinstance(bound, Literal):
        raise KgError(f"sh:{kind} needs a literal, not {bound}")
    passes = _RANGE_OK[kind]
    bound_is_string = isinstance(bound.value, str)
    bound_int = integer_value(bound)

    def ok(v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        if bound_is_string != isinstance(v.value, str):
            return False
        try:
            return passes(_compare_literal(v, bound, bound_int))
        except (TypeError, NotImplementedError):
            return False

    def check(shape, fv, index, run):
        out = [_result(shape, f, v) for f, values in fv for v in values if not ok(v)]
        return bool(out), out

    return _tested(check, lambda f, values, index: all(ok(v) for v in values))


def _comparable(node: Node) -> tuple[Any, bool]:
    if isinstance(node, BNode):
        raise KgError("cannot use sh:lessThan or sh:lessThanOrEquals to compare a blank node")
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def property_pair(kind: str, other: Node) -> Check:
    strict = kind == "lessThan"

    def failing(f: Node, values: Sequence[Node], index: Any) -> list[Node]:
        """The value nodes of *f* not below a value of *other*, once for each such pair."""
        out = []
        compare = index.objects(f, other)
        for value in values:
            number = integer_value(value)
            v, v_str = _comparable(value)
            for c_node in compare:
                if number is not None:  # two integer literals: rdflib compares their values
                    c_number = integer_value(c_node)
                    if c_number is not None:
                        if not (number < c_number if strict else number <= c_number):
                            out.append(value)
                        continue
                c, c_str = _comparable(c_node)
                if v_str != c_str or not (v < c if strict else v <= c):
                    out.append(value)
        return out

    def check(shape, fv, index, run):
        out = [_result(shape, f, value) for f, values in fv for value in failing(f, values, index)]
        return bool(out), out

    return _tested(check, lambda f, values, index: not failing(f, values, index))


# --------------------------------------------------------------------------- strings


def _node_string(v: Node) -> str:
    if isinstance(v, Literal):
        if v.value is not None and v.datatype in (None, RDF.langString, XSD.string):
            return str(v.value)
        return str(v)
    return str(v)


def pattern(regex: re.Pattern[str]) -> Check:
    def bad(v: Node) -> bool:
        return isinstance(v, BNode) or not regex.search(_node_string(v))

    def check(shape, fv, index, run):
        out = [_result(shape, f, v) for f, values in fv for v in values if bad(v)]
        return bool(out), out

    return _tested(check, lambda f, values, index: not any(bad(v) for v in values))


def _repeated_languages(values: Sequence[Node]) -> set[str]:
    seen: set[str] = set()
    dups: set[str] = set()
    for v in values:
        if isinstance(v, Literal) and v.language:
            low = str(v.language).lower()
            (dups if low in seen else seen).add(low)
    return dups


def unique_lang(flag: bool) -> Check:
    def check(shape, fv, index, run):
        if not flag:
            return False, []
        out = [_result(shape, f, None) for f, values in fv for _ in _repeated_languages(values)]
        return bool(out), out

    return _tested(check, lambda f, values, index: not flag or not _repeated_languages(values))


#: The check for each SHACL constraint that takes one parameter, by its local name.
CHECK_MAKERS: dict[str, Callable[..., Check]] = {
    "minCount": min_count,
    "maxCount": max_count,
    "datatype": datatype,
    "class": class_,
    "nodeKind": node_kind,
    "in": in_,
    "hasValue": has_value,
    "pattern": pattern,
    "uniqueLang": unique_lang,
}
