"""An index of one article's triples for the compiled shapes: subject -> predicate -> objects,
class -> instances, predicate -> (subject, object) pairs, and (made when first asked) object ->
(subject, predicate) pairs. Duplicate triples count once, as in an rdflib graph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

__all__ = ["GraphIndex", "index_of"]

_TYPE = RDF.type
_SUBCLASS = RDFS.subClassOf
_NONE: tuple = ()
_NOSET: frozenset = frozenset()


class GraphIndex:
    """The triples of one graph, indexed for the lookups SHACL checks make."""

    __slots__ = ("spo", "by_pred", "instances", "types", "_ops", "_pos", "_superclasses", "memo")

    def __init__(
        self, triples: Iterable[tuple[Node, Node, Node]], canon: dict[str, Node] | None = None, *, unique: bool = False
    ) -> None:
        # *unique*: the caller knows no triple comes twice (the duplicate check is skipped).
        # Equal IRIs are made the same object (the shapes' own instances where they have one, see
        # *canon*), so that the lookups that follow hit on identity instead of calling rdflib's
        # Python-level __eq__. Terms are cached by id(): the mapper reuses its term objects.
        same: dict[str, Node] = dict(canon) if canon else {}
        same.setdefault(str(_TYPE), _TYPE)
        type_node = same[str(_TYPE)]
        by_id: dict[int, Node] = {}
        spo: dict[Node, dict[Node, list[Node]]] = {}
        by_pred: dict[Node, list[tuple[Node, Node]]] = {}
        instances: dict[Node, list[Node]] = {}
        types: dict[Node, set[Node]] = {}
        for s, p, o in triples:
            t = by_id.get(id(s))
            if t is None:
                t = by_id[id(s)] = same.setdefault(str(s), s) if type(s) is URIRef else s
            s = t
            t = by_id.get(id(p))
            if t is None:
                t = by_id[id(p)] = same.setdefault(str(p), p)
            p = t
            if type(o) is URIRef:
                t = by_id.get(id(o))
                if t is None:
                    t = by_id[id(o)] = same.setdefault(str(o), o)
                o = t
            preds = spo.get(s)
            if preds is None:
                spo[s] = {p: [o]}
            else:
                objs = preds.get(p)
                if objs is None:
                    preds[p] = [o]
                elif not unique and o in objs:  # a duplicate triple counts once, as in an rdflib graph
                    continue
                else:
                    objs.append(o)
            pairs = by_pred.get(p)
            if pairs is None:
                by_pred[p] = [(s, o)]
            else:
                pairs.append((s, o))
            if p is type_node:
                known = types.get(s)
                if known is None:
                    types[s] = {o}
                else:
                    known.add(o)
                members = instances.get(o)
                if members is None:
                    instances[o] = [s]
                else:
                    members.append(s)
        self.spo = spo
        self.by_pred = by_pred
        self.instances = instances
        self.types = types
        self._ops: dict[Node, list[tuple[Node, Node]]] | None = None
        self._pos: dict[Node, dict[Node, list[Node]]] = {}
        self._superclasses: dict[Node, frozenset[Node]] | None = None
        self.memo: dict[Any, Any] = {}  # per-graph cache for query evaluation

    def objects(self, s: Node, p: Node) -> list[Node] | tuple:
        """The objects of (s, p, ?)."""
        preds = self.spo.get(s)
        if preds is None:
            return _NONE
        return preds.get(p, _NONE)

    def incoming(self, o: Node) -> list[tuple[Node, Node]]:
        """The (subject, predicate) pairs pointing at *o*."""
        ops = self._ops
        if ops is None:
            ops = {}
            for s, preds in self.spo.items():
                for p, objs in preds.items():
                    for obj in objs:
                        ops.setdefault(obj, []).append((s, p))
            self._ops = ops
        return ops.get(o, [])

    def subjects_of(self, p: Node, o: Node) -> list[Node] | tuple:
        """The subjects of (?, p, o), from an object index of *p* made when first asked."""
        by_object = self._pos.get(p)
        if by_object is None:
            by_object = self._pos[p] = {}
            for subj, obj in self.by_pred.get(p, _NONE):
                found = by_object.get(obj)
                if found is None:
                    by_object[obj] = [subj]
                else:
                    found.append(subj)
        return by_object.get(o, _NONE)

    # --- classes (rdfs:subClassOf in the data graph is followed, as pySHACL does)

    def superclasses(self, cls: Node) -> frozenset[Node]:
        """*cls* and every class it is a transitive rdfs:subClassOf of (in this graph)."""
        if _SUBCLASS not in self.by_pred:
            return frozenset((cls,))
        cache = self._superclasses
        if cache is None:
            cache = self._superclasses = {}
        found = cache.get(cls)
        if found is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for sup in self.objects(todo.pop(), _SUBCLASS):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            found = cache[cls] = frozenset(seen)
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        """True when *node* has an rdf:type that is *cls* or a subclass of it."""
        types = self.types.get(node, _NOSET)
        if cls in types:
            return True
        if _SUBCLASS not in self.by_pred:
            return False
        return any(cls in self.superclasses(t) for t in types)

    def instances_of(self, cls: Node) -> set[Node]:
        """The nodes typed *cls* or one of its (transitive) subclasses."""
        found = set(self.instances.get(cls, _NONE))
        if _SUBCLASS in self.by_pred:
            for t, members in self.instances.items():
                if t != cls and cls in self.superclasses(t):
                    found.update(members)
        return found


def index_of(data: Any, canon: dict[str, Node] | None = None) -> GraphIndex:
    """The index of a list of (s, p, o) triples, an rdflib Graph, or a Dataset (the union of its
    graphs); *canon* maps IRIs (by text) to the instances to use for them."""
    if isinstance(data, GraphIndex):
        return data
    if isinstance(data, Dataset):
        stored = _memory_triples(data)
        if stored is not None:
            return GraphIndex(stored, canon, unique=True)
        return GraphIndex(((s, p, o) for s, p, o, _ in data.quads((None, None, None, None))), canon)
    if isinstance(data, Graph):
        return GraphIndex(iter(data), canon)
    return GraphIndex(data, canon)


def _memory_triples(data: Dataset) -> Iterable[tuple[Node, Node, Node]] | None:
    """Every triple of a Dataset held in rdflib's in-memory store (the union of its graphs), each
    once, read from the store's own subject -> predicate -> objects index: five times cheaper than
    ``Dataset.quads``, which works out the graphs of every triple. None for another store, or an
    rdflib whose store no longer keeps that index (the caller then reads the quads)."""
    store = data.store
    if type(store) is not Memory:
        return None
    spo = getattr(store, "_Memory__spo", None)
    if not isinstance(spo, dict):
        return None
    return ((s, p, o) for s, by_pred in spo.items() for p, objs in by_pred.items() for o in objs)
