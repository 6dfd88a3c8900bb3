"""Shortcuts for the SPARQL string operators and casts the shapes use (see :mod:`.sparql_shortcuts`):
``STR``, ``REPLACE`` with a constant pattern and replacement, the cast ``xsd:integer(...)`` of a
plain literal, and ``<``, ``>``, ``<=``, ``>=`` between two such strings. Each gives exactly what
rdflib's own operator gives, and hands any other case to it (*general*). A ``STR`` or ``REPLACE``
inside a cast or a comparison makes no literal in between: its text is passed on.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.plugins.sparql.operators import _CUSTOM_FUNCTIONS, default_cast
from rdflib.plugins.sparql.parserutils import Expr
from rdflib.plugins.sparql.sparql import SPARQLError

from .index import GraphIndex
from .sparql_algebra import Row
from .sparql_values import FALSE, TRUE, Compile, Ev

__all__ = ["text_source", "fast_text", "fast_replace", "fast_integer_cast", "fast_text_compare"]

_TERMS = (Literal, URIRef, BNode)
#: A compiled expression whose value is a plain literal: (row, index) -> its text, or None when
#: rdflib must evaluate it (an unbound variable, an error, an argument of another kind).
Text = Callable[[Row, GraphIndex], "str | None"]


def text_source(e: Any, compile_expr: Compile) -> Text | None:
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
        replace = replace_parts(e)
        inner = text_source(dict.get(e, "arg"), compile_expr) if replace is not None else None
        if inner is None or replace is None:
            return None
        regex, repl = replace

        def replaced(row: Row, index: GraphIndex) -> str | None:
            t = inner(row, index)
            return None if t is None else regex.sub(repl, t)

        return replaced
    return None


def fast_text(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's Builtin_STR (the plain literal of a term's text), and Builtin_REPLACE of such a
    text: one plain literal made at the end."""
    source = text_source(e, compile_expr)
    if source is None:
        return None

    def ev(row: Row, index: GraphIndex) -> Any:
        t = source(row, index)
        return general(row, index) if t is None else Literal(t)

    return ev


def replace_parts(e: Expr) -> tuple[re.Pattern[str], str] | None:
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


def fast_replace(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's Builtin_REPLACE (constant pattern and replacement, no flags) of a plain or
    language-tagged literal: the same re.sub, the language tag kept."""
    replace = replace_parts(e)
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


def fast_integer_cast(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's cast ``xsd:integer(x)`` (default_cast) of a plain or xsd:string literal: Python's
    int() of it, or an error."""
    args = dict.get(e, "expr")
    if dict.get(e, "iri") != XSD.integer or _CUSTOM_FUNCTIONS.get(XSD.integer) != (default_cast, True):
        return None
    if not isinstance(args, list) or len(args) != 1:
        return None
    source = text_source(args[0], compile_expr)
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


# rdflib's Literal ordering of two plain literals (no datatype, no language; their values are
# their texts): __gt__ compares the values, __lt__ is "not greater and not equal", __le__ and
# __ge__ add equality, so each is Python's comparison of the two texts
_ORDER: dict[str, Callable[[str, str], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}


def fast_text_compare(e: Expr, general: Ev, compile_expr: Compile) -> Ev | None:
    """rdflib's ``<``, ``>``, ``<=``, ``>=`` between two expressions whose values are plain
    literals (:func:`text_source`): the texts compared. None for other operands."""
    compare = _ORDER.get(str(dict.get(e, "op")))
    if compare is None:
        return None
    left = text_source(dict.get(e, "expr"), compile_expr)
    right = text_source(dict.get(e, "other"), compile_expr)
    if left is None or right is None:
        return None

    def ev(row: Row, index: GraphIndex) -> Any:
        a = left(row, index)
        b = None if a is None else right(row, index)
        if a is None or b is None:
            return general(row, index)
        return TRUE if compare(a, b) else FALSE

    return ev
