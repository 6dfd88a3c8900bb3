"""Shortcuts for the SPARQL operators the shapes use most, for the cases where the answer is
plain: each gives exactly what rdflib's own operator gives (the value, or the SPARQLError it
would raise), and hands any other case (a literal where an IRI is usual, an unbound variable,
an error) to rdflib's operator, *general*. :func:`shortcut` is called by
:mod:`.sparql_expr` for each expression node it compiles.

- ``x = <iri>``, ``x != <iri>``, ``x IN (<iri> ...)``, ``NOT IN``: for an IRI or blank node x,
  whether it is the same term (rdflib's Identifier.__eq__: same type, same text);
- ``IF``: only the branch taken is evaluated (rdflib evaluates its arguments lazily too);
- ``isNUMERIC`` and ``DATATYPE`` of a literal;
- ``STR``, ``REPLACE``, ``xsd:integer(...)`` and comparisons of strings: see :mod:`.sparql_text`.
"""

from __future__ import annotations

from typing import Any

from rdflib import RDF, XSD, BNode, Literal, URIRef
from rdflib.plugins.sparql.operators import EBV
from rdflib.plugins.sparql.parserutils import Expr
from rdflib.plugins.sparql.sparql import SPARQLError

from .index import GraphIndex
from .sparql_algebra import Row
from .sparql_text import fast_integer_cast, fast_replace, fast_text, fast_text_compare
from .sparql_values import FALSE, TRUE, Compile, Ev, resolve

__all__ = ["shortcut"]


def _fast_iri_equal(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """``x = <iri>`` / ``x != <iri>`` (either side): when x is an IRI or a blank node, rdflib's
    answer is whether the two are the same term (Identifier.__eq__: same type, same text); a
    literal or an unbound x goes to rdflib. None when neither side is a constant IRI."""
    left, right = dict.get(e, "expr"), dict.get(e, "other")
    if type(right) is URIRef:
        const, other = right, left
    elif type(left) is URIRef:
        const, other = left, right
    else:
        return None
    value = compile_expr(other)
    same, differ = (TRUE, FALSE) if str(dict.get(e, "op")) == "=" else (FALSE, TRUE)
    text = str(const)

    def ev(row: Row, index: GraphIndex) -> Any:
        v = value(row, index)
        if type(v) is URIRef:
            return same if v is const or str.__eq__(v, text) else differ
        if type(v) is BNode:
            return differ
        return general(row, index)

    return ev


def _fast_in(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """``x IN (<iri> ...)`` / ``NOT IN`` over constant IRIs: rdflib compares each with ``==``,
    which for an IRI or a blank node x is true only for the same IRI (no error is possible);
    anything else goes to rdflib. None when the list is not all constant IRIs."""
    items = dict.get(e, "other")
    if not isinstance(items, list) or not all(type(x) is URIRef for x in items):
        return None
    texts = frozenset(str(x) for x in items)
    value = compile_expr(dict.get(e, "expr"))
    found, missing = (TRUE, FALSE) if str(dict.get(e, "op")) == "IN" else (FALSE, TRUE)

    def ev(row: Row, index: GraphIndex) -> Any:
        v = value(row, index)
        if type(v) is URIRef:
            return found if str(v) in texts else missing
        if type(v) is BNode:
            return missing
        return general(row, index)

    return ev


def _fast_if(e: Expr, compile_expr: Compile) -> Ev:
    """rdflib's Builtin_IF (``arg2 if EBV(arg1) else arg3``, an error for an error or an unbound
    argument), with only the branch taken evaluated: the other cannot change the answer."""
    cond = compile_expr(dict.get(e, "arg1"))
    then, other = compile_expr(dict.get(e, "arg2")), compile_expr(dict.get(e, "arg3"))

    def ev(row: Row, index: GraphIndex) -> Any:
        c = cond(row, index)
        try:
            if c is TRUE:
                v = then(row, index)
            elif c is FALSE:
                v = other(row, index)
            else:
                v = then(row, index) if EBV(resolve(c)) else other(row, index)
            return resolve(v)
        except SPARQLError as err:
            return err

    return ev


_LANG_STRING, _XSD_STRING = RDF.langString, XSD.string


def _fast_datatype(e: Expr, general: Ev, compile_expr: Compile) -> Ev:
    """rdflib's Builtin_DATATYPE for a literal (rdf:langString, xsd:string or its datatype);
    anything else (an error) goes to rdflib."""
    arg = compile_expr(dict.get(e, "arg"))

    def ev(row: Row, index: GraphIndex) -> Any:
        v = arg(row, index)
        if type(v) is Literal:
            if v.language:
                return _LANG_STRING
            return v.datatype or _XSD_STRING
        return general(row, index)

    return ev


_NUMERIC_TYPES = frozenset(
    str(XSD[name])
    for name in (
        "float",
        "double",
        "decimal",
        "integer",
        "nonPositiveInteger",
        "negativeInteger",
        "nonNegativeInteger",
        "positiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "long",
        "int",
        "short",
        "byte",
    )
)


def _fast_is_numeric(e: Expr, general: Ev, compile_expr: Compile) -> Ev:
    """rdflib's Builtin_isNUMERIC for a literal: true when its datatype is one of the numeric
    types rdflib's ``numeric`` accepts (and its value can be read), else false."""
    arg = compile_expr(dict.get(e, "arg"))

    def ev(row: Row, index: GraphIndex) -> Any:
        v = arg(row, index)
        if type(v) is Literal:
            datatype = v.datatype
            if type(datatype) is not URIRef or str(datatype) not in _NUMERIC_TYPES:
                return FALSE
            try:
                v.toPython()
            except Exception:
                return FALSE
            return TRUE
        return general(row, index)

    return ev


def shortcut(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """The shortcut for the expression node *e* (whose rdflib evaluation is *general*), or None."""
    name = e.name
    if name == "RelationalExpression" and dict.get(e, "other") is not None:
        op = dict.get(e, "op")
        if op in ("=", "!="):
            return _fast_iri_equal(e, general, compile_expr)
        if op in ("IN", "NOT IN"):
            return _fast_in(e, general, compile_expr)
        return fast_text_compare(e, general, compile_expr)
    if name == "Builtin_IF":
        return _fast_if(e, compile_expr)
    if name == "Builtin_DATATYPE":
        return _fast_datatype(e, general, compile_expr)
    if name in ("Builtin_STR", "Builtin_REPLACE"):
        return fast_text(e, general, compile_expr) or (
            fast_replace(e, general, compile_expr) if name == "Builtin_REPLACE" else None
        )
    if name == "Builtin_isNUMERIC":
        return _fast_is_numeric(e, general, compile_expr)
    if name == "Function":
        return fast_integer_cast(e, general, compile_expr)
    return None
