"""Read a SPARQL server's answer strictly: SPARQL 1.1 Query Results JSON, checked before use.

A server (or whatever answers at its address) can send anything: ``[]``, ``"bindings": [5]``,
``"boolean": "false"`` (which Python would read as true), ``"abc"^^xsd:integer``. Each is a
:class:`~kg.errors.StoreError` of one line saying what is wrong, never a traceback and never a
wrong value printed as if the server had said it. Answers are read up to
:data:`MAX_ANSWER_BYTES`; a bigger one is refused, not held in memory.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import StoreError
from . import Answer

__all__ = ["MAX_ANSWER_BYTES", "read_results", "read_term"]

#: The largest answer kg reads from a server, in bytes (about a million rows of results).
MAX_ANSWER_BYTES = 256 * 1024 * 1024

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = r"[+-]?\d+"
_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_DOUBLE = r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)"
_ZONE = r"(?:Z|[+-]\d\d:\d\d)?"
_YEAR = r"-?\d{4,}"
#: The lexical forms of the datatypes kg writes and reads (XML Schema 1.1 Part 2).
_LEXICAL: dict[str, re.Pattern[str]] = {
    _XSD + name: re.compile(pattern + r"\Z")
    for names, pattern in (
        (("integer", "long", "int", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
          "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"), _INTEGER),
        (("decimal",), _DECIMAL),
        (("double", "float"), _DOUBLE),
        (("boolean",), r"true|false|1|0"),
        (("date",), _YEAR + r"-\d\d-\d\d" + _ZONE),
        (("dateTime",), _YEAR + r"-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?" + _ZONE),
        (("gYear",), _YEAR + _ZONE),
        (("gYearMonth",), _YEAR + r"-\d\d" + _ZONE),
    )
    for name in names
}
_TERM_TYPES = frozenset({"uri", "bnode", "literal", "typed-literal"})


class _Malformed(ValueError):
    """What is wrong with an answer (turned into a StoreError naming the server)."""


def read_term(binding: Any) -> Node:
    """The rdflib term of one binding of a SPARQL JSON answer; :class:`ValueError` when malformed."""
    if not isinstance(binding, Mapping) or binding.get("type") not in _TERM_TYPES:
        raise _Malformed(f"a value that is not an RDF term: {_short(binding)}")
    value = binding.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Malformed(f"a term without a text value: {_short(binding)}")
    value = str(value)  # Virtuoso writes numbers as JSON numbers
    kind = binding["type"]
    if kind == "uri":
        # Virtuoso gives blank nodes of CONSTRUCT answers as "uri" values "_:..."
        return BNode(value[2:]) if value.startswith("_:") else URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang = binding.get("xml:lang") or binding.get("lang")
    if lang:
        return Literal(value, lang=str(lang))
    datatype = binding.get("datatype")
    if datatype is None or datatype == _XSD + "string":
        return Literal(value)
    if not isinstance(datatype, str):
        raise _Malformed(f"a literal whose datatype is not an IRI: {_short(binding)}")
    lexical = _LEXICAL.get(datatype)
    if lexical is not None and not lexical.match(value):
        raise _Malformed(f"{value[:60]!r} typed {datatype.replace(_XSD, 'xsd:')}, which it is not")
    return Literal(value, datatype=URIRef(datatype))


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def _answer(doc: Any) -> Answer:
    if not isinstance(doc, Mapping):
        raise _Malformed(f"not a SPARQL results object but {_short(doc)}")
    if "boolean" in doc:
        if not isinstance(doc["boolean"], bool):
            raise _Malformed(f"an ASK answer that is not true or false: {_short(doc['boolean'])}")
        return Answer("ask", boolean=doc["boolean"])
    head, results = doc.get("head"), doc.get("results")
    if not isinstance(head, Mapping) or not isinstance(results, Mapping):
        raise _Malformed("no 'head' and 'results' objects")
    variables = head.get("vars", [])
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise _Malformed(f"variables that are not a list of names: {_short(variables)}")
    bindings = results.get("bindings")
    if not isinstance(bindings, list):
        raise _Malformed(f"bindings that are not a list: {_short(bindings)}")
    rows = []
    for row in bindings:
        if not isinstance(row, Mapping):
            raise _Malformed(f"a row that is not an object: {_short(row)}")
        rows.append(tuple(read_term(row[v]) if v in row else None for v in variables))
    return Answer("select", variables=tuple(variables), rows=tuple(rows))


def read_results(body: bytes, source: str) -> Answer:
    """The :class:`~kg.store.Answer` of a SPARQL JSON answer *body* sent by *source* (a URL).

    :raises StoreError: when the body is not JSON or not a well-formed SPARQL results document.
    """
    try:
        doc = json.loads(body)
    except ValueError:
        text = body[:200].decode("utf-8", "replace").strip().splitlines()
        raise StoreError(f"{source} sent results that are not valid JSON: {text[0] if text else '(empty)'}") from None
    try:
        return _answer(doc)
    except _Malformed as exc:
        raise StoreError(f"{source} sent a malformed answer: {exc}; kg reads SPARQL 1.1 JSON results") from None
