"""What a validation finds, whichever engine ran it: :class:`Finding`, :class:`Report`, and text.

Both engines (:mod:`kg.validate.compiled` and :mod:`kg.validate.pyshacl_engine`) build their
findings with the helpers here, so they name shapes, paths and values the same way:
:func:`shape_name` (``kgsh:Claim-about``), :func:`term_text` and :func:`path_text` (prefixed
with kg's prefixes, :func:`namespaces`). :func:`format_report` writes a report as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from ..rdf.namespaces import PREFIXES, RDF

__all__ = [
    "SH",
    "SHAPES_IRI",
    "SEVERITY",
    "Finding",
    "Report",
    "format_report",
    "namespaces",
    "shape_name",
    "term_text",
    "path_text",
]

#: Namespace of kg's shapes (``kgsh:``).
SHAPES_IRI = "https://w3id.org/conflict-kg/shapes#"
SH = Namespace("http://www.w3.org/ns/shacl#")

SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
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
            "findings": [{name: getattr(f, name) for name in Finding.__slots__} for f in self.findings],
        }


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@cache
def namespaces() -> NamespaceManager:
    """kg's prefixes, with ``kgsh:`` and ``sh:``, for writing terms in findings (made once)."""
    nm = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns)
    nm.bind("kgsh", SHAPES_IRI)
    nm.bind("sh", str(SH))
    return nm


def shape_name(shape: Node) -> str:
    """A shape as findings name it: ``kgsh:Claim-about`` for kg's own shapes, else the IRI."""
    if isinstance(shape, URIRef) and str(shape).startswith(SHAPES_IRI):
        return "kgsh:" + str(shape)[len(SHAPES_IRI) :]
    return str(shape)


def term_text(node: Node, names: NamespaceManager) -> str:
    """A term as findings write it: a literal's text, a prefixed name when a prefix fits, else the IRI."""
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        prefixed = names.normalizeUri(node)
        return str(node) if prefixed.startswith("<") else prefixed
    return str(node)


def path_text(results: Graph, path: Node, names: NamespaceManager) -> str:
    """A SHACL path (described in *results*) as text: ``sem:accordingTo``, ``a/b``, ``^p``."""
    if isinstance(path, BNode):
        if results.value(path, RDF.first) is not None:
            return "/".join(path_text(results, step, names) for step in Collection(results, path))
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + path_text(results, inverse, names)
        return "(path)"
    return term_text(path, names)


# --------------------------------------------------------------------------- text


def format_report(report: Report) -> str:
    """The report as text: one block per finding (sorted), a blank line between blocks, and the
    summary line ``"N violations, M warnings"`` last::

        Violation  kgsh:Claim-accordingTo  A claim must name exactly one authority ...
            at https://w3id.org/conflict-kg/id/event/x/claim/casualties1-1
            path: sem:accordingTo
            text: "- Casualties1: 12–19 killed, 4-7 prisoners"

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
