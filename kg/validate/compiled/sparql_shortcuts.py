"""Shortcuts for the SPARQL operators the shapes use most, for the cases where the answer is
plain: each gives exactly what rdflib's own operator gives (the value, or the SPARQLError it
would raise), and hands any other case (a literal where an IRI is usual, an unbound variable,
an error) to rdflib's operator, *general*. :func:`shortcut` is called by
:mod:`.sparql_expr` for each expression node it compiles.

- ``x = <iri>``, ``x != <iri>``, ``x IN (<iri> ...)``, ``NOT IN``: for an IRI or blank node x,
  whether it is the same term (rdflib's Identifier.__eq__: same type, same text);
- ``IF``: only the branch taken is evaluated (rdflib evaluates its arguments lazily too);
- ``isNUMERIC``, ``DATATYPE``, ``STR``, ``REPLACE`` with a constant pattern and replacement, and the cast
  ``xsd:integer(...)`` of a plain literal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import RDF, XSD, BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql.operators import _CUSTOM_FUNCTIONS, EBV, default_cast
from rdflib.plugins.sparql.parserutils import Expr
from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLError

from .index import GraphIndex
from .sparql_algebra import Row

__all__ = ["TRUE", "FALSE", "Unbound", "resolve", "shortcut"]

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


_TERMS = (Literal, URIRef, BNode)
#: A compiled expression whose value is a plain literal: (row, index) -> its text, or None when
#: rdflib must evaluate it (an unbound variable, an error, an argument of another kind).
Text = Callable[[Row, GraphIndex], "str | None"]


def _text_source(e: Any, compile_expr: Compile) -> Text | None:
    """For ``STR(x)`` and ``REPLACE(<one of these>, "p", "r")``, whose value is always a plain
    literal: its text, without making the literals in between. None for other expressions."""
    if not isinstance(e, Expr):
        return None
    if e.name == "Builtin_STR":
        arg = compile_expr(dict.get(e, "arg"))

        def text_of_term(row: Row, index: GraphIndex) -> str | None:
            v = arg(row, index)
            return str(v) if type(v) in _TERMS else None

        return text_of_term
    if e.name == "Builtin_REPLACE":
        replace = _replace_parts(e)
        inner = _text_source(dict.get(e, "arg"), compile_expr) if replace is not None else None
        if inner is None or replace is None:
            return None
        regex, repl = replace

        def replaced(row: Row, index: GraphIndex) -> str | None:
            t = inner(row, index)
            return None if t is None else regex.sub(repl, t)

        return replaced
    return None


def _fast_text(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's Builtin_STR (the plain literal of a term's text), and Builtin_REPLACE of such a
    text: one plain literal made at the end."""
    source = _text_source(e, compile_expr)
    if source is None:
        return None

    def ev(row: Row, index: GraphIndex) -> Any:
        t = source(row, index)
        return general(row, index) if t is None else Literal(t)

    return ev


def _replace_parts(e: Expr) -> tuple[re.Pattern[str], str] | None:
    """The compiled pattern and Python replacement of a REPLACE with a constant plain pattern and
    replacement and no flags (SPARQL's ``$1`` turned into ``\\1`` as rdflib does), else None."""
    pattern, replacement = dict.get(e, "pattern"), dict.get(e, "replacement")
    plain = all(type(x) is Literal and x.datatype is None and x.language is None for x in (pattern, replacement))
    if not plain or dict.get(e, "flags") is not None:
        return None
    try:
        regex = re.compile(str(pattern))
    except re.error:
        return None
    return regex, re.sub("\\$([0-9]*)", r"\\\1", str(replacement))


def _fast_replace(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's Builtin_REPLACE (constant pattern and replacement, no flags) of a plain or
    language-tagged literal: the same re.sub, the language tag kept."""
    replace = _replace_parts(e)
    if replace is None:
        return None
    regex, repl = replace
    arg = compile_expr(dict.get(e, "arg"))

    def ev(row: Row, index: GraphIndex) -> Any:
        v = arg(row, index)
        if type(v) is Literal and v.datatype is None:
            return Literal(regex.sub(repl, v), lang=v.language)
        return general(row, index)

    return ev


@lru_cache(maxsize=1 << 12)
def _integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _fast_integer_cast(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's cast ``xsd:integer(x)`` (default_cast) of a plain or xsd:string literal: Python's
    int() of it, or an error."""
    args = dict.get(e, "expr")
    if dict.get(e, "iri") != XSD.integer or _CUSTOM_FUNCTIONS.get(XSD.integer) != (default_cast, True):
        return None
    if not isinstance(args, list) or len(args) != 1:
        return None
    source = _text_source(args[0], compile_expr)
    if source is not None:  # the int() of a plain literal's text, read without making the literal

        def from_text(row: Row, index: GraphIndex) -> Any:
            t = source(row, index)
            if t is None:
                return general(row, index)
            try:
                return _integer(int(t))
            except Exception:
                return SPARQLError(f"Cannot interpret '{Literal(t)!r}' as int")

        return from_text
    arg = compile_expr(args[0])
    xsd_string = str(XSD.string)

    def ev(row: Row, index: GraphIndex) -> Any:
        v = arg(row, index)
        if type(v) is Literal and (v.datatype is None or str.__eq__(v.datatype, xsd_string)):
            try:
                return _integer(int(v))
            except Exception:
                return SPARQLError(f"Cannot interpret '{v!r}' as int")
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
        return None
    if name == "Builtin_IF":
        return _fast_if(e, compile_expr)
    if name == "Builtin_DATATYPE":
        return _fast_datatype(e, general, compile_expr)
    if name in ("Builtin_STR", "Builtin_REPLACE"):
        return _fast_text(e, general, compile_expr) or (
            _fast_replace(e, general, compile_expr) if name == "Builtin_REPLACE" else None
        )
    if name == "Builtin_isNUMERIC":
        return _fast_is_numeric(e, general, compile_expr)
    if name == "Function":
        return _fast_integer_cast(e, general, compile_expr)
    return None
