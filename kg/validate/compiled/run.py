"""Run the compiled shapes over one graph and turn the results into kg.validate findings."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from rdflib import Literal
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from ...errors import KgError
from ...rdf.namespaces import NIF, PROV
from ..report import SEVERITY, Finding, Report, namespaces, term_text
from ..shapes import shapes_graph
from .checks import FocusValues, Result, ShapeRunner
from .index import GraphIndex, index_of
from .load import (
    TARGET_CLASS,
    TARGET_NODE,
    TARGET_OBJECTS_OF,
    TARGET_SUBJECTS_OF,
    CompiledShapes,
    Shape,
    compile_shapes,
)

__all__ = ["validate_fast", "validate_compiled", "compiled_shapes"]

_TYPE = RDF.type
_SUBCLASS = RDFS.subClassOf
_NO_PREDICATES: dict = {}


@cache
def compiled_shapes(*, warnings: bool = True) -> CompiledShapes:
    """kg's shapes (both tiers, or only violations), compiled once per process."""
    return compile_shapes(shapes_graph(warnings=warnings))


def validate_fast(data: Any, *, warnings: bool = True) -> Report:
    """Validate *data* (a list of (s, p, o) rdflib terms, a Graph, or a Dataset: the union of its
    graphs) against kg's shapes; the same findings as :func:`kg.validate.validate` with pySHACL."""
    return validate_compiled(compiled_shapes(warnings=warnings), data)


def validate_compiled(compiled: CompiledShapes, data: Any) -> Report:
    """Validate *data* against shapes compiled by :func:`kg.validate.compiled.compile_shapes`."""
    index = index_of(data, compiled.canon)
    runner = _Runner(compiled, index)
    results: list[Result] = []
    try:
        for shape in compiled.targeted:
            if shape.deactivated:
                continue
            focus = _focus_nodes(shape, index)
            if focus:
                results.extend(runner.run(shape, focus)[1])
    except (TypeError, ValueError) as exc:
        if isinstance(exc, KgError):
            raise
        raise KgError(f"cannot validate the graph: {type(exc).__name__}: {exc}") from exc
    findings = [_finding(r, index) for r in _flatten(results)]
    return Report(tuple(sorted(findings, key=Finding.sort_key)))


class _Runner(ShapeRunner):
    __slots__ = ("compiled", "index")

    def __init__(self, compiled: CompiledShapes, index: GraphIndex) -> None:
        self.compiled = compiled
        self.index = index

    def validate(self, shape_node: Node, focus: Sequence[Node]) -> tuple[bool, list[Result]]:
        return self.run(self.compiled.by_id[id(shape_node)], focus)

    def conforms(self, shape_node: Node, focus: Node) -> bool:
        shape = self.compiled.by_id[id(shape_node)]
        tests = shape.focus_tests
        if tests is None:
            return self.run(shape, (focus,))[0]
        if shape.deactivated or not shape.blocking:  # run() cannot find it non-conforming
            return True
        index = self.index
        path = shape.path
        values = (focus,) if path is None else index.spo.get(focus, _NO_PREDICATES).get(path[1], ())
        for test in tests:
            if not test(focus, values, index):
                return False
        return True

    def term_text(self, node: Node) -> str:
        return term_text(node, namespaces())

    def run(self, shape: Shape, focus: Sequence[Node]) -> tuple[bool, list[Result]]:
        """pySHACL's Shape.validate: (conforms, results) of *shape* on *focus* nodes."""
        if shape.deactivated or not focus:
            return True, []
        index = self.index
        path = shape.path
        fv: FocusValues
        if path is None:
            fv = [(f, (f,)) for f in focus]
        elif path[0] == "pred":
            p = path[1]
            spo = index.spo  # index.objects, without a call for each focus node
            fv = [(f, spo.get(f, _NO_PREDICATES).get(p, ())) for f in focus]
        else:
            fv = [(f, _values(path, f, index)) for f in focus]
        out: list[Result] = []
        conforms = True
        for check in shape.checks:
            failed, results = check(shape, fv, index, self)
            if results:
                out.extend(results)
                if failed and shape.blocking and conforms and any(r.shape.blocking for r in results):
                    conforms = False
        return conforms, out


def _values(path: Any, focus: Node, index: GraphIndex) -> list[Node]:
    return list(dict.fromkeys(_walk(path, (focus,), index)))


def _walk(path: Any, nodes: Iterable[Node], index: GraphIndex) -> Iterable[Node]:
    kind = path[0]
    if kind == "pred":
        return [o for n in nodes for o in index.objects(n, path[1])]
    if kind == "inv":
        inner = path[1]
        if inner[0] != "pred":
            raise KgError("only an inverse of a property is supported in a path")
        return [s for n in nodes for s in index.subjects_of(inner[1], n)]
    if kind == "seq":
        current: Iterable[Node] = list(dict.fromkeys(nodes))
        for step in path[1]:
            current = list(dict.fromkeys(_walk(step, current, index)))
        return current
    return [v for step in path[1] for v in _walk(step, nodes, index)]  # alternative


def _focus_nodes(shape: Shape, index: GraphIndex) -> Sequence[Node]:
    targets = shape.targets
    if len(targets) == 1 and targets[0][0] is TARGET_CLASS and _SUBCLASS not in index.by_pred:
        return index.instances.get(targets[0][1], ())  # each once: a duplicate type triple is indexed once
    found: dict[Node, None] = {}
    for kind, obj in shape.targets:
        if kind is TARGET_CLASS:
            found.update(dict.fromkeys(index.instances_of(obj)))
        elif kind is TARGET_NODE:
            found[obj] = None
        elif kind is TARGET_SUBJECTS_OF:
            found.update(dict.fromkeys(s for s, _ in index.by_pred.get(obj, ())))
        elif kind is TARGET_OBJECTS_OF:
            found.update(dict.fromkeys(o for _, o in index.by_pred.get(obj, ())))
    return list(found)


def _flatten(results: Iterable[Result]) -> Iterable[Result]:
    for r in results:
        yield r
        if r.details:
            yield from _flatten(r.details)


# --------------------------------------------------------------------------- findings


def _finding(r: Result, index: GraphIndex) -> Finding:
    value = r.value
    if r.path is None and value == r.focus:
        value = None
    return Finding(
        severity=SEVERITY.get(r.shape.severity, "Violation"),  # type: ignore[call-overload]  # an IRI
        shape=r.shape.name,
        message=r.message,
        focus=str(r.focus),
        focus_label=_label(index, r.focus),
        path=r.path,
        value=term_text(value, namespaces()) if value is not None else None,
        span_text=_span_text(index, r.focus),
    )


def _label(index: GraphIndex, node: Node) -> str | None:
    if isinstance(node, Literal):
        return None
    labels = sorted(index.objects(node, RDFS.label), key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)))
    return str(labels[0]) if labels else None


def _span_text(index: GraphIndex, node: Node) -> str | None:
    if isinstance(node, Literal):
        return None
    for candidate in itertools.chain((node,), _parents(index, node)):
        own = index.objects(candidate, NIF.anchorOf)
        if own:
            return str(own[0])
        anchors = sorted(
            str(a) for span in index.objects(candidate, PROV.wasDerivedFrom) for a in index.objects(span, NIF.anchorOf)
        )
        if anchors:
            return anchors[0]
    return None


def _parents(index: GraphIndex, node: Node) -> Iterator[Node]:
    """The subjects pointing at *node* (other than by rdf:type), in IRI order; the index of
    incoming links is made only if a node's own span does not give the text."""
    yield from sorted({s for s, p in index.incoming(node) if p != _TYPE}, key=str)
