"""Checks the robustness tests share: is an IRI a correct IRI, is a graph file a valid kg graph."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

__all__ = ["BIDI", "bad_iri", "graph_problems", "OX_FORMATS"]

#: RFC 3987 section 4.1: IRIs must not hold bidirectional formatting characters (LRM, RLM,
#: LRE, RLE, PDF, LRO, RLO, and the isolates LRI, RLI, FSI, PDI); a byte order mark neither.
BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: Code points no IRI may hold in any part (RFC 3987 ``ucschar``/``iprivate`` exclude them).
_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")

#: pyoxigraph format of each export file extension.
OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def bad_iri(iri: str) -> str | None:
    """Why *iri* is not a correct IRI, or None when it is one.

    pyoxigraph checks the RFC 3987 grammar (scheme, one ``#``, percent escapes ...); on top of
    it: no bidirectional controls (allowed by the grammar, forbidden by section 4.1).
    """
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        return f"{iri!r}: {exc}"
    if BIDI.search(iri):
        return f"{iri!r}: holds a bidirectional formatting character"
    if _FORBIDDEN.search(iri) or _PCT.search(iri):
        return f"{iri!r}: holds a character no IRI may hold"
    return None


def _terms(quad: ox.Quad):
    yield quad.subject
    yield quad.predicate
    yield quad.object
    yield quad.graph_name
    if isinstance(quad.object, ox.Literal):
        yield quad.object.datatype


def graph_problems(path: Path, *, base: str = "https://w3id.org/conflict-kg/id/") -> list[str]:
    """What is wrong with the graph file *path*: unparseable, empty, or holding a wrong IRI.

    Every IRI is checked (``bad_iri``); kg's own IRIs must also start with *base* followed by a
    non-empty slug, so a title made only of symbols cannot give ``.../event/``.
    """
    try:
        quads = list(ox.parse(path=str(path), format=OX_FORMATS[path.suffix]))
    except (SyntaxError, ValueError, OSError) as exc:
        return [f"{path.name}: does not parse: {exc}"]
    if not quads:
        return [f"{path.name}: holds no triples"]
    problems: list[str] = []
    seen: set[str] = set()
    for quad in quads:
        for term in _terms(quad):
            if not isinstance(term, ox.NamedNode) or term.value in seen:
                continue
            seen.add(term.value)
            why = bad_iri(term.value)
            if why is None and term.value.startswith(base):
                rest = term.value[len(base):]
                kind, _, slug = rest.partition("/")
                if not kind or not slug or slug.startswith(("/", "#")):
                    why = f"{term.value!r}: a kg IRI without a slug"
            if why:
                problems.append(f"{path.name}: {why}")
    return problems
