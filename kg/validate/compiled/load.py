"""Read kg's shapes graph and compile every shape into Python checks (see kg.validate.compiled.checks).

Only the SHACL features kg's shapes use are supported; a shape that uses another one (an sh:
predicate this module does not know) is refused with a :class:`~kg.errors.ResourceError` that
names the feature and the shape, so a new shape is never silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from ...errors import ResourceError
from ..report import SH, namespaces, path_text, shape_name
from . import checks as C
from . import shape_checks as S
from .sparql import compile_select

__all__ = [
    "Shape",
    "CompiledShapes",
    "compile_shapes",
    "SUPPORTED",
    "TARGET_CLASS",
    "TARGET_NODE",
    "TARGET_SUBJECTS_OF",
    "TARGET_OBJECTS_OF",
]

_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
#: The target predicates, as the instances Shape.targets holds (compared by identity).
TARGET_CLASS, TARGET_NODE, TARGET_SUBJECTS_OF, TARGET_OBJECTS_OF = (
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
)
_TARGET_KINDS = {t: t for t in (TARGET_CLASS, TARGET_NODE, TARGET_SUBJECTS_OF, TARGET_OBJECTS_OF)}
_IGNORED = {
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.deactivated,
    SH.flags,
    SH.path,
}
_CONSTRAINTS = {
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH["class"],
    SH.nodeKind,
    SH["in"],
    SH.hasValue,
    SH.minInclusive,
    SH.minExclusive,
    SH.maxInclusive,
    SH.maxExclusive,
    SH.lessThan,
    SH.lessThanOrEquals,
    SH.pattern,
    SH.uniqueLang,
    SH.property,
    SH.node,
    SH["or"],
    SH["and"],
    SH["not"],
    SH.sparql,
}
#: Every sh: predicate a shape may carry for the fast engine.
SUPPORTED = frozenset(_TARGETS | _IGNORED | _CONSTRAINTS)
_SPARQL_KEYS = {RDF.type, SH.message, SH.prefixes, SH.select, SH.deactivated, RDFS.comment, RDFS.label}
_PATH_KEYS = {SH.inversePath: "inverse", SH.alternativePath: "alternative"}
_BLOCKING_FREE = {SH.Warning, SH.Info}


@dataclass(frozen=True, slots=True)
class Shape:
    """One compiled shape."""

    node: Node
    name: str
    severity: Node
    blocking: bool  # a result of this severity makes a nested check fail (not Warning or Info)
    message: str | None
    path: Any  # compiled path, None for a node shape
    path_text: str | None
    checks: tuple[C.Check, ...]
    deactivated: bool
    targets: tuple[tuple[Node, Node], ...]  # (target predicate, one of the TARGET_* instances; object)
    own_results: bool  # has constraints that make results of its own (not only sh:property)
    # the focus tests of its checks, when every check has one and the path is none or one
    # property: whether the shape conforms for a focus node is then known without making results
    focus_tests: tuple[C.FocusTest, ...] | None = None


@dataclass(frozen=True, slots=True)
class CompiledShapes:
    """All shapes by node, and the targeted ones (run at the top level), in a stable order."""

    shapes: dict[Node, Shape]
    targeted: tuple[Shape, ...]
    by_id: dict[int, Shape]  # shape by the id() of its node object, as the checks hold it
    canon: dict[str, Node]  # the IRIs of the shapes graph by text, to share their instances with the data


def compile_shapes(graph: Graph) -> CompiledShapes:
    """Compile every shape of *graph*; ResourceError for a feature the fast engine lacks."""
    # One instance per IRI, in the shapes and (through *canon*) in the indexed data and the
    # SPARQL constants: the engine's dict and set look-ups then hit on identity instead of
    # calling rdflib's Python-level __eq__.
    canon: dict[str, Node] = {}
    graph = _canonical(graph, canon)
    compiler = _Compiler(graph, canon)
    roots = {s for p in _TARGETS for s in graph.subjects(p, None)}
    roots |= set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    for node in sorted(roots, key=str):
        compiler.shape(node)
    shapes = compiler.done
    targeted = tuple(shapes[n] for n in sorted(shapes, key=str) if shapes[n].targets)
    _require_messages(shapes, targeted, graph)
    by_id = {id(node): shape for node, shape in shapes.items()}
    by_id.update({id(node): shapes[node] for node in compiler.references})
    return CompiledShapes(shapes, targeted, by_id, canon)


def _require_messages(shapes: dict[Node, Shape], targeted: tuple[Shape, ...], graph: Graph) -> None:
    """A shape whose results reach the report must carry an sh:message (pySHACL's generic
    messages are not reproduced)."""
    seen: set[Node] = set()
    todo = [s.node for s in targeted]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        shape = shapes[node]
        if shape.own_results and shape.message is None:
            has_sparql_message = all(
                graph.value(c, SH.message) is not None for c in graph.objects(node, SH.sparql)
            ) and any(True for _ in graph.objects(node, SH.sparql))
            only_sparql = {p for p in graph.predicates(node, None) if p in _CONSTRAINTS} <= {SH.sparql, SH.property}
            if not (has_sparql_message and only_sparql):
                raise ResourceError(f"shape {shape.name} has no sh:message; the fast SHACL engine needs one")
        todo.extend(graph.objects(node, SH.property))
        todo.extend(graph.objects(node, SH.node))


def _canonical(graph: Graph, canon: dict[str, Node]) -> Graph:
    """A copy of *graph* with one URIRef instance per IRI (recorded in *canon*)."""
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    for triple in graph:
        out.add(tuple(canon.setdefault(str(t), t) if type(t) is URIRef else t for t in triple))  # type: ignore[arg-type]
    return out


class _Compiler:
    def __init__(self, graph: Graph, canon: dict[str, Node]) -> None:
        self.g = graph
        self.canon = canon
        self.done: dict[Node, Shape] = {}
        self.references: list[Node] = []  # every node object a check holds
        self.names = namespaces()

    def shape(self, node: Node) -> None:
        if node in self.done:
            return
        g = self.g
        name = shape_name(node)
        for p in set(g.predicates(node, None)):
            if str(p).startswith(str(SH)) and p not in SUPPORTED:
                raise ResourceError(
                    f"shape {name} uses sh:{str(p)[len(str(SH)) :]}, which the fast SHACL engine does not support"
                )
        if (node, RDF.type, RDFS.Class) in g or (node, RDF.type, OWL.Class) in g:
            raise ResourceError(
                f"shape {name} is also a class (implicit class target), which the fast SHACL engine does not support"
            )
        path_node = g.value(node, SH.path)
        path = self.path(path_node, name) if path_node is not None else None
        severity = g.value(node, SH.severity) or SH.Violation
        messages = sorted(g.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
        checks: list[C.Check] = []
        own = False
        referenced: list[Node] = []
        for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p not in _CONSTRAINTS:
                continue
            local = str(p)[len(str(SH)) :]
            if p != SH.property:
                own = True
            checks.append(self.check(local, o, node, name, path is not None, referenced))
        self.done[node] = Shape(
            node=node,
            name=name,
            severity=severity,
            blocking=severity not in _BLOCKING_FREE,
            message=str(messages[0]) if messages else None,
            path=path,
            path_text=path_text(g, path_node, self.names) if path_node is not None else None,
            checks=tuple(checks),
            deactivated=_true(g.value(node, SH.deactivated)),
            targets=tuple(sorted(((_TARGET_KINDS[p], o) for p in _TARGETS for o in g.objects(node, p)), key=str)),
            own_results=own,
            focus_tests=_focus_tests(checks, path),
        )
        self.references.extend(referenced)
        for other in referenced:
            self.shape(other)

    def check(self, local: str, o: Node, node: Node, name: str, is_property: bool, referenced: list[Node]) -> C.Check:
        g = self.g
        if local in ("minCount", "maxCount"):
            if not is_property:
                raise ResourceError(f"shape {name}: sh:{local} needs a property shape (sh:path)")
            return C.CHECK_MAKERS[local](int(o))  # type: ignore[call-overload]  # a Literal (str) of sh:minCount
        if local in ("datatype", "nodeKind", "uniqueLang", "pattern") and len(list(g.objects(node, SH[local]))) > 1:
            raise ResourceError(f"shape {name}: more than one sh:{local}")
        if local in ("datatype", "class", "nodeKind", "hasValue"):
            return C.CHECK_MAKERS[local](o)
        if local == "in":
            return C.in_(frozenset(Collection(g, o)))
        if local in ("minInclusive", "minExclusive", "maxInclusive", "maxExclusive"):
            return C.value_range(local, o)
        if local in ("lessThan", "lessThanOrEquals"):
            if not isinstance(o, URIRef):
                raise ResourceError(f"shape {name}: sh:{local} must name a property")
            return C.property_pair(local, o)
        if local == "pattern":
            flags = str(g.value(node, SH.flags) or "").lower()
            re_flags = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
            text = str(o.value) if isinstance(o, Literal) and o.value is not None and len(o.value) > 1 else str(o)
            return C.pattern(re.compile(text, re_flags))
        if local == "uniqueLang":
            if not is_property:
                raise ResourceError(f"shape {name}: sh:uniqueLang needs a property shape (sh:path)")
            return C.unique_lang(isinstance(o, Literal) and o.value is True)
        if local in ("property", "node"):
            referenced.append(o)
            return S.property_(o) if local == "property" else S.node_(o)
        if local in ("or", "and", "not"):
            members = (o,) if local == "not" else tuple(Collection(g, o))
            referenced.extend(members)
            return S.logical(local, members)
        if local == "sparql":
            return self.sparql(o, node, name, is_property)
        raise ResourceError(
            f"shape {name} uses sh:{local}, which the fast SHACL engine does not support"
        )  # pragma: no cover

    def sparql(self, constraint: Node, node: Node, name: str, is_property: bool) -> C.Check:
        g = self.g
        if is_property:
            raise ResourceError(
                f"shape {name}: sh:sparql on a property shape is not supported by the fast SHACL engine"
            )
        for p in set(g.predicates(constraint, None)):
            if p not in _SPARQL_KEYS:
                raise ResourceError(
                    f"shape {name}: its SPARQL constraint uses {p}, which the fast SHACL engine does not support"
                )
        select = g.value(constraint, SH.select)
        if select is None:
            raise ResourceError(f"shape {name}: its SPARQL constraint has no sh:select")
        prefixes = ""
        for source in g.objects(constraint, SH.prefixes):
            for decl in g.objects(source, SH.declare):
                prefixes += f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>\n"
        compiled = compile_select(prefixes + str(select), where=f"shape {name}", terms=self.canon)
        shape_messages = list(g.objects(node, SH.message))
        extra = [m for m in g.objects(constraint, SH.message) if m not in shape_messages]
        messages = tuple(str(m) for m in [*shape_messages, *extra])
        if _true(g.value(constraint, SH.deactivated)):
            return lambda shape, fv, index, run: (False, [])
        return S.sparql(compiled, messages)

    def path(self, node: Node, name: str) -> Any:
        g = self.g
        if isinstance(node, URIRef):
            return ("pred", node)
        if isinstance(node, BNode):
            if g.value(node, RDF.first) is not None:
                return ("seq", tuple(self.path(step, name) for step in Collection(g, node)))
            for key, kind in _PATH_KEYS.items():
                inner = g.value(node, key)
                if inner is not None:
                    if kind == "inverse":
                        return ("inv", self.path(inner, name))
                    return ("alt", tuple(self.path(step, name) for step in Collection(g, inner)))
        raise ResourceError(f"shape {name}: its sh:path {node} is not supported by the fast SHACL engine")


def _focus_tests(checks: list[C.Check], path: Any) -> tuple[C.FocusTest, ...] | None:
    tests = [C.focus_test(check) for check in checks]
    if (path is not None and path[0] != "pred") or any(test is None for test in tests):
        return None
    return tuple(t for t in tests if t is not None)


def _true(node: Node | None) -> bool:
    return isinstance(node, Literal) and node.value is True
