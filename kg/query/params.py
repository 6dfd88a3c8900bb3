"""The parameters of stored queries: declared datatypes, and text values bound as typed RDF terms.

A value is checked against its declared datatype and bound as a term (never pasted into the query
text): ``xsd:integer``, ``xsd:decimal``, ``xsd:gYear``, ``xsd:date``, ``xsd:boolean``,
``xsd:string``, ``iri`` (an absolute IRI or a prefixed name), ``rdf:langString@LANG``, or a kg class
(``kg:Category``: one of its terms in data/vocab/kg.ttl, in any case).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..errors import QueryError, ResourceError
from ..rdf.namespaces import PREFIXES, VOCAB_IRI
from ..resources import resource_dir

if TYPE_CHECKING:  # pragma: no cover
    from .stored import StoredQuery

__all__ = ["LANG", "Param", "bind_params", "check_datatype"]


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter: ``?name`` is bound to a term of *datatype*, or to *default*.

    With no default (``default: none``) an omitted parameter leaves ``?name`` unbound, so the
    query answers for every value.
    """

    name: str
    datatype: str
    description: str
    default: str | None


_INTEGER = re.compile(r"[+-]?\d+\Z")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}\Z")
_YEAR = re.compile(r"-?\d{4,}\Z")
_BOOLEAN = {"true": True, "false": False, "1": True, "0": False}
LANG = re.compile(r"rdf:langString@(?P<lang>[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*)\Z")
_KG_CLASS = re.compile(r"kg:(?P<cls>[A-Z][A-Za-z]*)\Z")
_IRI_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_IRI_BAD = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
_PREFIXED = re.compile(r"(?P<prefix>[a-z][a-z0-9]*):(?P<local>[A-Za-z_][\w.-]*)\Z")
_LOCAL = re.compile(r"[A-Za-z_][\w-]*\Z")


def _literal_binder(pattern: re.Pattern[str], datatype: URIRef, hint: str) -> Callable[[str], Literal]:
    def bind(value: str) -> Literal:
        text = value.strip()
        if not pattern.match(text):
            raise ValueError(hint)
        return Literal(text, datatype=datatype)

    return bind


def _bind_date(value: str) -> Literal:
    text = value.strip()
    if not _DATE.match(text):
        raise ValueError("write YYYY-MM-DD")
    if not text.startswith("-"):
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ValueError("no such day") from None
    return Literal(text, datatype=XSD.date)


def _bind_boolean(value: str) -> Literal:
    found = _BOOLEAN.get(value.strip().lower())
    if found is None:
        raise ValueError("write true or false")
    return Literal(found)


def _bind_iri(value: str) -> URIRef:
    text = value.strip()
    m = _PREFIXED.match(text)
    if m and m["prefix"] in PREFIXES:
        return URIRef(PREFIXES[m["prefix"]] + m["local"])
    if not _IRI_SCHEME.match(text) or _IRI_BAD.search(text):
        raise ValueError(f"write an absolute IRI or a prefixed name ({', '.join(p + ':' for p in sorted(PREFIXES))})")
    return URIRef(text)


_BINDERS: dict[str, Callable[[str], Node]] = {
    "xsd:string": Literal,
    "xsd:integer": _literal_binder(_INTEGER, XSD.integer, "write a whole number"),
    "xsd:decimal": _literal_binder(_DECIMAL, XSD.decimal, "write a decimal number"),
    "xsd:gYear": _literal_binder(_YEAR, XSD.gYear, "write a year YYYY"),
    "xsd:date": _bind_date,
    "xsd:boolean": _bind_boolean,
    "iri": _bind_iri,
}


def check_datatype(datatype: str, where: object) -> None:
    """Raise :class:`ResourceError` when *datatype* is no parameter datatype kg can bind."""
    if datatype in _BINDERS or LANG.match(datatype) or _KG_CLASS.match(datatype):
        return
    raise ResourceError(
        f"query {where}: unknown parameter datatype {datatype!r}; use one of {', '.join(_BINDERS)}, "
        "rdf:langString@LANG, or a kg: class such as kg:Category"
    )


@cache
def _vocabulary_members() -> dict[str, frozenset[str]]:
    """Local names of the kg terms of each kg class (``Category`` -> {``Killed`` ...}), from kg.ttl."""
    path = resource_dir("vocab") / "kg.ttl"
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ResourceError(f"cannot read the vocabulary {path}: {exc}") from None
    members: dict[str, set[str]] = {}
    for term, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(VOCAB_IRI) and str(term).startswith(VOCAB_IRI):
            members.setdefault(str(cls)[len(VOCAB_IRI) :], set()).add(str(term)[len(VOCAB_IRI) :])
    return {cls: frozenset(names) for cls, names in members.items()}


def _bind_kg_term(cls: str, value: str) -> URIRef:
    members = _vocabulary_members().get(cls)
    if not members:
        raise ResourceError(f"the kg vocabulary has no terms of class kg:{cls}")
    text = value.strip()
    if text.startswith(VOCAB_IRI):
        text = text[len(VOCAB_IRI) :]
    elif text.startswith("kg:"):
        text = text[3:]
    if text in members:
        return URIRef(VOCAB_IRI + text)
    folded = {m.casefold(): m for m in members}
    if text.casefold() in folded:
        return URIRef(VOCAB_IRI + folded[text.casefold()])
    raise ValueError(f"one of {', '.join(sorted(members))}")


def _bind_one(param: Param, value: str) -> Node:
    try:
        lang = LANG.match(param.datatype)
        if lang:
            return Literal(value, lang=lang["lang"])
        cls = _KG_CLASS.match(param.datatype)
        if cls:
            return _bind_kg_term(cls["cls"], value)
        return _BINDERS[param.datatype](value)
    except ValueError as exc:
        if isinstance(exc, ResourceError):
            raise
        raise QueryError(f"parameter {param.name}: {value!r} is not a valid {param.datatype} ({exc})") from None


def bind_params(query: StoredQuery, params: Mapping[str, str]) -> dict[str, Node]:
    """The typed terms *params* bind in *query*, with the declared defaults.

    Raise :class:`QueryError` for an undeclared parameter or a value of the wrong type.
    """
    declared = {p.name: p for p in query.params}
    for name in params:
        if name not in declared:
            takes = f"its parameters: {', '.join(declared)}" if declared else "it takes no parameters"
            raise QueryError(f"query {query.name} has no parameter {name!r}; {takes}")
    bindings: dict[str, Node] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is not None:
            bindings[p.name] = _bind_one(p, value)
    return bindings
