"""The answer of a stored query, and how it is written: an aligned table, CSV or SPARQL JSON."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..rdf.namespaces import PREFIXES

__all__ = ["QueryResult", "compact_iri"]

_NUMERIC = frozenset(
    {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger}
)
_COMPACT = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda pair: -len(pair[0]))
_LOCAL_NAME = re.compile(r"[A-Za-z_][\w.-]*\Z")


def compact_iri(iri: str) -> str:
    """*iri* as a prefixed name of kg's known vocabularies (``kg:Killed``), else ``<iri>``."""
    for namespace, prefix in _COMPACT:
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _numeric_or_unbound(term: Node | None) -> bool:
    return term is None or (isinstance(term, Literal) and term.datatype in _NUMERIC)


def _show(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = str(term)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = compact_iri(str(term))
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _csv_value(term: Node | None, full_iris: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef) and not full_iris:
        name = compact_iri(str(term))
        return name[1:-1] if name.startswith("<") else name
    return str(term)


def _json_value(term: Node) -> dict[str, str]:
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer of a SELECT query: its variables and rows of rdflib terms (None when unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]

    def to_table(self) -> str:
        """An aligned text table: literals by value, kg and other known IRIs as prefixed names."""
        cells = [list(self.variables)] + [[_show(t) for t in row] for row in self.rows]
        widths = [max(_width(row[i]) for row in cells) for i in range(len(self.variables))]
        right = [
            bool(self.rows) and all(_numeric_or_unbound(r[i]) for r in self.rows) for i in range(len(self.variables))
        ]
        lines = []
        for n, row in enumerate(cells):
            parts = []
            for i, text in enumerate(row):
                pad = " " * (widths[i] - _width(text))
                parts.append(pad + text if right[i] and n > 0 else text + pad)
            lines.append("  ".join(parts).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"

    def to_csv(self, *, full_iris: bool = False) -> str:
        """CSV (RFC 4180, CRLF line ends) as the SPARQL 1.1 CSV results format lays it out:
        literals as plain strings; IRIs of kg's vocabularies as compact names (``kg:Killed``), the
        others whole; with *full_iris* every IRI whole, as that format writes them."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([_csv_value(t, full_iris) for t in row])
        return buffer.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON Format."""
        bindings = [
            {var: _json_value(t) for var, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]
        doc = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
