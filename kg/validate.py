"""Validate kg graphs against the SHACL shapes in ``shapes/`` (see docs/validation.md).

Two tiers: ``shapes/violations.ttl`` (the graph is wrong) and ``shapes/warnings.ttl`` (the graph
says something implausible). :func:`validate` runs pySHACL without inference and turns its report
into :class:`Finding` records that name the shape, its message, the node concerned, its label
and the line of the article that node was read from.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from .errors import KgError, ResourceError
from .rdf.namespaces import NIF, PREFIXES, PROV, RDF, RDFS
from .resources import resource_dir

__all__ = ["SH", "SHAPES_IRI", "Finding", "Report", "format_report", "named_shapes", "shapes_graph", "validate"]

#: Namespace of kg's shapes (``kgsh:``).
SHAPES_IRI = "https://w3id.org/conflict-kg/shapes#"
SH = Namespace("http://www.w3.org/ns/shacl#")

_TIERS = {"violations": "violations.ttl", "warnings": "warnings.ttl"}
_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_RANK = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a validation: which shape a node breaks, and where the node comes from."""

    severity: str  # "Violation" | "Warning" | "Info"
    shape: str  # the named shape, prefixed ("kgsh:Claim-accordingTo") when it is one of kg's
    message: str
    focus: str  # IRI (or blank node id) of the node concerned
    focus_label: str | None
    path: str | None  # prefixed result path ("sem:accordingTo"; "a/b" for a sequence)
    value: str | None
    span_text: str | None  # the text of the article the node was read from

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (_RANK.get(self.severity, 3), self.shape, self.focus, self.path or "", self.value or "")


@dataclass(frozen=True, slots=True)
class Report:
    """The findings of one validation, sorted (violations first)."""

    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        """True when no finding is a violation (warnings do not count)."""
        return not self.violations

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Warning")

    @property
    def infos(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Info")

    def shapes(self) -> frozenset[str]:
        """The shapes named by the findings."""
        return frozenset(f.shape for f in self.findings)

    def summary(self) -> str:
        """``"2 violations, 1 warning"`` (and infos, when there are some)."""
        parts = [_count(len(self.violations), "violation"), _count(len(self.warnings), "warning")]
        if self.infos:
            parts.append(_count(len(self.infos), "info"))
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view: conforms, counts and the findings."""
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "infos": len(self.infos),
            "findings": [
                {name: getattr(f, name) for name in Finding.__slots__} for f in self.findings  # type: ignore[attr-defined]
            ],
        }


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- shapes


@cache
def _tier_graph(tier: str) -> Graph:
    path = resource_dir("shapes") / _TIERS[tier]
    if not path.is_file():
        raise ResourceError(f"missing shapes file {path}; reinstall kg or set KG_RESOURCES")
    try:
        return Graph().parse(path, format="turtle")
    except (SyntaxError, ValueError) as exc:  # rdflib's BadSyntax is a SyntaxError
        raise ResourceError(f"malformed shapes file {path}: {str(exc).splitlines()[0]}") from None


@cache
def shapes_graph(*, warnings: bool = True) -> Graph:
    """The shapes graph (parsed once per process): violations, plus warnings unless told not to."""
    graph = Graph()
    for tier in ("violations", "warnings") if warnings else ("violations",):
        for triple in _tier_graph(tier):
            graph.add(triple)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("kgsh", SHAPES_IRI)
    graph.bind("sh", str(SH))
    return graph


def named_shapes(tier: str | None = None) -> frozenset[str]:
    """The named constraint shapes (each has an ``sh:message``), prefixed: ``kgsh:Claim-about`` ...

    *tier* is ``"violations"`` or ``"warnings"``; None gives both.
    """
    tiers = _TIERS if tier is None else {tier: _TIERS[tier]}
    return frozenset(
        _shape_name(s) for name in tiers for s in _tier_graph(name).subjects(SH.message, None) if isinstance(s, URIRef)
    )


# --------------------------------------------------------------------------- validation


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _DataGraph(Graph):
    """A graph that parses each SPARQL text once.

    pySHACL runs a SPARQL-based constraint once per focus node, passing the same query text each
    time; rdflib would parse it again on every call (tens of milliseconds each).
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _data_graph(graph: Graph | Dataset) -> Graph:
    """A copy of *graph* (the union of its graphs for a Dataset) to validate."""
    data = _DataGraph()
    add = data.add
    if isinstance(graph, Dataset):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            add((s, p, o))
    else:
        for triple in graph:
            add(triple)
    return data


def validate(graph: Graph | Dataset, *, warnings: bool = True, engine: str = "fast") -> Report:
    """Validate *graph* (a Graph, or a Dataset: the union of its graphs) against kg's shapes.

    With ``warnings=False`` only the violation tier runs. *engine* is ``"fast"`` (kg.shacl_fast:
    the shapes compiled to Python, same findings) or ``"pyshacl"`` (the reference). Raises
    :class:`KgError` if the engine cannot finish; a graph that breaks shapes is not an error.
    """
    if engine == "fast":
        from .shacl_fast import validate_fast

        return validate_fast(graph, warnings=warnings)
    if engine != "pyshacl":
        raise KgError(f"unknown validation engine {engine!r}; use 'fast' or 'pyshacl'")
    import pyshacl  # imported here: the fast engine does not need it (a quarter second to import)

    data = _data_graph(graph)
    try:
        _conforms, results, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph(warnings=warnings),
            inference="none",
            advanced=False,
            allow_warnings=True,
            allow_infos=True,
        )
    except (TypeError, ValueError) as exc:
        raise KgError(f"cannot validate the graph: pySHACL failed with {type(exc).__name__}: {exc}") from exc
    return Report(tuple(sorted(_findings(results, data), key=Finding.sort_key)))


def _findings(results: Graph, data: Graph) -> Iterable[Finding]:
    names = _namespaces()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = _SEVERITY.get(_iri(results.value(result, SH.resultSeverity)), "Violation")
        shape = results.value(result, SH.sourceShape)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        if path is None and value == focus:  # a constraint on the node itself: no separate value
            value = None
        yield Finding(
            severity=severity,
            shape=_shape_name(shape) if shape is not None else "",
            message=str(message) if message is not None else "",
            focus=str(focus),
            focus_label=_label(data, focus),
            path=_path_text(results, path, names) if path is not None else None,
            value=_term_text(value, names) if value is not None else None,
            span_text=_span_text(data, focus),
        )


def _iri(node: Node | None) -> URIRef:
    return node if isinstance(node, URIRef) else URIRef("")


@cache
def _namespaces() -> NamespaceManager:
    nm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns)
    nm.bind("kgsh", SHAPES_IRI)
    nm.bind("sh", str(SH))
    return nm


def _shape_name(shape: Node) -> str:
    if isinstance(shape, URIRef) and str(shape).startswith(SHAPES_IRI):
        return "kgsh:" + str(shape)[len(SHAPES_IRI) :]
    return str(shape)


def _term_text(node: Node, names: NamespaceManager) -> str:
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        prefixed = names.normalizeUri(node)
        return str(node) if prefixed.startswith("<") else prefixed
    return str(node)


def _path_text(results: Graph, path: Node, names: NamespaceManager) -> str:
    if isinstance(path, BNode):
        if results.value(path, RDF.first) is not None:
            return "/".join(_path_text(results, step, names) for step in Collection(results, path))
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(results, inverse, names)
        return "(path)"
    return _term_text(path, names)


def _label(data: Graph, node: Node | None) -> str | None:
    if node is None or isinstance(node, Literal):
        return None
    labels = sorted(data.objects(node, RDFS.label), key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)))
    return str(labels[0]) if labels else None


def _span_text(data: Graph, node: Node | None) -> str | None:
    """The text of the span *node* was read from: its own anchor, its prov:wasDerivedFrom span's,
    or (for a node that points at no text, like a figure) that of a node pointing at it."""
    if node is None or isinstance(node, Literal):
        return None
    for candidate in (node, *sorted(_parents(data, node), key=str)):
        own = data.value(candidate, NIF.anchorOf)
        if own is not None:
            return str(own)
        anchors = sorted(
            str(a) for span in data.objects(candidate, PROV.wasDerivedFrom) for a in data.objects(span, NIF.anchorOf)
        )
        if anchors:
            return anchors[0]
    return None


def _parents(data: Graph, node: Node) -> set[Node]:
    return {s for s, p in data.subject_predicates(node) if p != RDF.type}


# --------------------------------------------------------------------------- text


def format_report(report: Report) -> str:
    """The report as text: one block per finding (sorted), a blank line between blocks, and the
    summary line ``"N violations, M warnings"`` last::

        Violation  kgsh:Claim-accordingTo  A claim must name exactly one authority ...
            at https://w3id.org/conflict-kg/id/event/x/claim/casualties1-1
            path: sem:accordingTo
            text: "- Casualties1: 16–28 killed, 3-30 prisoners"

        1 violation, 0 warnings
    """
    return "".join(_format_finding(f) + "\n\n" for f in report.findings) + report.summary() + "\n"


def _format_finding(f: Finding) -> str:
    lines = [f"{f.severity:<10} {f.shape}  {f.message}"]
    lines.append(f"    at {f.focus}" + (f" ({f.focus_label})" if f.focus_label else ""))
    detail = []
    if f.path is not None:
        detail.append(f"path: {f.path}")
    if f.value is not None:
        detail.append(f"value: {_quote(f.value)}")
    if detail:
        lines.append("    " + "  ".join(detail))
    if f.span_text is not None:
        lines.append(f"    text: {_quote(f.span_text)}")
    return "\n".join(lines)


def _quote(text: str, limit: int = 160) -> str:
    """*text* on one line, in double quotes, cut to *limit* characters."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f'"{flat}"'
