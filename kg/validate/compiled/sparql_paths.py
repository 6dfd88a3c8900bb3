"""SPARQL property paths over a :class:`~kg.validate.compiled.index.GraphIndex`, walked as
rdflib's evaluator walks them (see :mod:`.sparql_eval`)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.plugins.sparql.sparql import SPARQLError
from rdflib.term import Node

from .index import GraphIndex

__all__ = ["supported_path", "path_triples"]


def supported_path(path: object) -> bool:
    """True for the property paths this evaluator walks: IRIs, ^inverse, a/b sequences, a|b
    alternatives and the ?, * and + repetitions of any of them."""
    if isinstance(path, URIRef):
        return True
    if isinstance(path, InvPath):
        return supported_path(path.arg)
    if isinstance(path, (AlternativePath, SequencePath)):
        return all(supported_path(step) for step in path.args)
    if isinstance(path, MulPath):
        return supported_path(path.path)
    return False


def path_triples(index: GraphIndex, s: Node | None, path: Path, o: Node | None) -> Iterator[tuple[Node, Path, Node]]:
    """(s, path, o) rows as rdflib's evaluator gives them: each (start, end) pair once. An unbound
    start ranges over every node of the graph (subjects and objects), as a zero-length path needs."""
    if s is not None:
        starts: Iterator[Node] | tuple[Node, ...] = (s,)
    else:
        nodes: dict[Node, None] = dict.fromkeys(index.spo)
        for preds in index.spo.values():
            for objs in preds.values():
                nodes.update(dict.fromkeys(objs))
        starts = tuple(nodes)
    for start in starts:
        for end in _reach(index, path, start):
            if o is None or end == o:
                yield start, path, end


def _reach(index: GraphIndex, path: object, node: Node) -> list[Node]:
    """The nodes *path* leads to from *node*, each once."""
    if isinstance(path, URIRef):
        return list(dict.fromkeys(index.objects(node, path)))
    if isinstance(path, InvPath):
        inner = path.arg
        if isinstance(inner, URIRef):
            return list(dict.fromkeys(index.subjects_of(inner, node)))
        return [s for s in index.spo if node in _reach(index, inner, s)]
    if isinstance(path, AlternativePath):
        return list(dict.fromkeys(end for step in path.args for end in _reach(index, step, node)))
    if isinstance(path, SequencePath):
        current = [node]
        for step in path.args:
            current = list(dict.fromkeys(end for n in current for end in _reach(index, step, n)))
        return current
    if isinstance(path, MulPath):
        seen: dict[Node, None] = {node: None} if path.zero else {}
        if not path.more:
            seen.update(dict.fromkeys(_reach(index, path.path, node)))
            return list(seen)
        frontier = [node]
        while frontier:
            found = []
            for n in frontier:
                for end in _reach(index, path.path, n):
                    if end not in seen:
                        seen[end] = None
                        found.append(end)
            frontier = found
        return list(seen)
    raise SPARQLError(f"unsupported property path {path!r}")
