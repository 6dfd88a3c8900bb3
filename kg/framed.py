"""The article's graph as one JSON tree rooted at the battle (framed JSON-LD 1.1).

``data/context/battle.context.jsonld`` gives short terms (``sides``, ``casualties``, ``min``,
``label`` as a language map ...) and ``data/context/battle.frame.jsonld`` says which links are
embedded, so that plain JavaScript reads ``battle.sides[0].casualties[0].min`` and
``battle.label.en``. kg applies the frame itself (a subset of JSON-LD framing, no JSON-LD
processor at run time): starting at the battle, the nodes the frame names are embedded where they
are first met, once; a link the frame does not name stays a reference (its IRI); every node not
embedded is listed flat under ``@included``. Every triple of the graph is written exactly once,
so a JSON-LD processor reads the document back into the same triples (tested with PyLD).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import ExportError
from .rdf.namespaces import KG, SCHEMA, SEM
from .resources import resource_path

__all__ = ["framed_context", "battle_frame", "frame_triples"]

_NUMBER = re.compile(r"(\d+)")
_INTEGER = re.compile(r"[+-]?\d+\Z")


@cache
def framed_context() -> dict[str, Any]:
    """The context of the framed form (``data/context/battle.context.jsonld``)."""
    return json.loads(resource_path("context", "battle.context.jsonld").read_text(encoding="utf-8"))["@context"]


@cache
def battle_frame() -> dict[str, Any]:
    """The frame: which terms are embedded, below the battle (``data/context/battle.frame.jsonld``)."""
    return json.loads(resource_path("context", "battle.frame.jsonld").read_text(encoding="utf-8"))


class _Terms:
    """The context read for compaction: prefixes, and the terms of each property IRI."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes: list[tuple[str, str]] = []
        self.forward: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.reverse: dict[str, dict[str, str]] = {}  # term -> {"iri": ..., "type": ...}
        raw = {k: v for k, v in context.items() if not k.startswith("@")}
        for key, value in raw.items():
            if isinstance(value, str) and value.endswith(("/", "#")):
                self.prefixes.append((value, key))
        self.prefixes.sort(key=lambda pair: -len(pair[0]))
        for key, value in raw.items():
            if not isinstance(value, dict):
                continue
            if "@reverse" in value:
                self.reverse[key] = {"iri": self.expand(value["@reverse"])}
                continue
            container = value.get("@container", [])
            info = {
                "type": self.expand(value["@type"]) if value.get("@type", "@id") != "@id" else value.get("@type"),
                "language": "@language" in (container if isinstance(container, list) else [container]),
            }
            self.forward[self.expand(value["@id"])].append((key, info))

    def expand(self, curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        for iri, name in self.prefixes:
            if sep and name == prefix:
                return iri + local
        return curie

    def compact(self, iri: str) -> str:
        for namespace, name in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace) and "/" not in iri[len(namespace):]:
                return f"{name}:{iri[len(namespace):]}"
        return iri

    def term(self, predicate: str, obj: object, subject_types: set) -> tuple[str, dict] | None:
        """The term that writes ``predicate obj`` as it is, or None (then the key is the IRI)."""
        fits = [(k, i) for k, i in self.forward.get(predicate, ()) if _fits(i, obj)]
        if len(fits) > 1:  # one IRI, two terms: kg:side (sides of an event, side of the rest), rdf:value
            plural = str(SEM.Event) in subject_types
            role = str(SEM.Role) in subject_types
            for key, info in fits:
                if key in ("sides",) and plural or key == "side" and not plural:
                    return key, info
                if key == "actor" and role or key == "figure" and not role:
                    return key, info
        return fits[0] if fits else None


def _fits(info: dict, obj: object) -> bool:
    if isinstance(obj, (URIRef, BNode)):
        return info["type"] == "@id"
    assert isinstance(obj, Literal)
    if info["type"] == "@id":
        return False
    if info["language"]:
        return obj.language is not None
    if info["type"] is not None:
        return str(obj.datatype) == info["type"]
    return obj.language is None


def _sort_key(text: str) -> list:
    return [int(t) if i % 2 else t for i, t in enumerate(_NUMBER.split(text))]


def _literal(obj: Literal, info: dict | None, terms: _Terms) -> Any:
    lexical = str(obj)
    if obj.language is not None:
        return lexical if info is not None else {"@value": lexical, "@language": obj.language}
    if info is not None and info["type"] is not None:
        return lexical
    dt = obj.datatype
    if dt is None or dt == XSD.string:
        return lexical if info is not None else {"@value": lexical}
    if dt == XSD.integer and _INTEGER.match(lexical) and str(int(lexical)) == lexical:
        return int(lexical)
    if dt == XSD.boolean and lexical in ("true", "false"):
        return lexical == "true"
    return {"@value": lexical, "@type": terms.compact(str(dt))}


class _Framer:
    def __init__(self, triples: Iterable[tuple], terms: _Terms) -> None:
        self.terms = terms
        self.out: dict = defaultdict(list)  # subject -> [(p, o)]
        self.into: dict = defaultdict(list)  # object -> [(s, p)]
        for s, p, o in triples:
            self.out[s].append((p, o))
            self.into[o].append((s, p))
        self.done: set = set()
        self.implied: set = set()  # triples written by a reverse term already

    def types(self, node) -> set:
        return {str(o) for p, o in self.out[node] if p == RDF.type}

    def node(self, node, frame: dict) -> dict[str, Any]:
        """The node object of *node*; the links *frame* names are embedded, in the frame's order."""
        self.done.add(node)
        obj: dict[str, Any] = {"id": self._ref(node)}
        types = sorted((self.terms.compact(str(o)) for p, o in self.out[node] if p == RDF.type), key=_sort_key)
        if types:
            obj["type"] = types
        node_types = self.types(node)
        entries: dict[str, list] = defaultdict(list)  # key -> [(info, object)], in a stable order
        for p, o in sorted(self.out[node], key=lambda po: (str(po[0]), _sort_key(str(po[1])))):
            if p == RDF.type or (node, p, o) in self.implied:
                continue
            found = self.terms.term(str(p), o, node_types)
            key, info = found if found else (self.terms.compact(str(p)), None)
            entries[key].append((info, o))
        values: dict[str, list] = {}
        for key, sub in frame.items():  # embed first what the frame names, in its order
            rev = self.terms.reverse.get(key)
            if rev is not None:  # a reverse term: embed the nodes that point here
                pointing = [s for s, p in self.into[node] if str(p) == rev["iri"] and s not in self.done]
                for s in sorted(pointing, key=lambda n: _sort_key(str(n))):
                    self.implied.add((s, URIRef(rev["iri"]), node))
                    values.setdefault(key, []).append(self.node(s, sub))
                continue
            if key in entries:
                values[key] = [self.node(o, sub) if self._embeddable(o) else o for _, o in entries[key]]
        order = [k for k in ("label", "title") if k in entries] + [k for k in frame if k in values or k in entries]
        order += sorted(k for k in entries if k not in order)
        for key in order:
            infos = [info for info, _ in entries.get(key, ())]
            info = infos[0] if infos else None
            if info is not None and info["language"]:
                by_lang: dict[str, list] = defaultdict(list)
                for _, o in entries[key]:
                    by_lang[o.language].append(str(o))
                obj[key] = {lang: v[0] if len(v) == 1 else v for lang, v in sorted(by_lang.items())}
                continue
            raw = values.get(key, [o for _, o in entries.get(key, ())])
            out = [v if isinstance(v, dict) else self._value(v, info) for v in raw]
            obj[key] = out[0] if len(out) == 1 and not self._is_set(key) else out
        return obj

    def _embeddable(self, o) -> bool:
        return not isinstance(o, Literal) and o in self.out and o not in self.done

    def _ref(self, node) -> str:
        return str(node) if isinstance(node, URIRef) else f"_:{node}"

    def _value(self, o, info: dict | None) -> Any:
        if isinstance(o, Literal):
            return _literal(o, info, self.terms)
        ref = self.terms.compact(str(o)) if isinstance(o, URIRef) else self._ref(o)
        return ref if info is not None else {"@id": ref}

    def _is_set(self, key: str) -> bool:
        ctx = framed_context().get(key)
        container = ctx.get("@container", []) if isinstance(ctx, dict) else []
        return "@set" in (container if isinstance(container, list) else [container])


def _root(triples: list[tuple]) -> URIRef:
    articles = {s for s, p, o in triples if p == RDF.type and o == KG.Article}
    battles = sorted({o for s, p, o in triples if s in articles and p == SCHEMA.about}, key=str)
    if len(battles) != 1:
        raise ExportError(f"the framed JSON-LD needs one article about one battle; this graph has {len(battles)}")
    return battles[0]


def frame_triples(triples: Iterable[tuple]) -> dict[str, Any]:
    """The framed JSON-LD document of one article's triples: the battle, with ``@included`` the rest."""
    triples = list(dict.fromkeys(triples))
    framer = _Framer(triples, _Terms(framed_context()))
    frame = {k: v for k, v in battle_frame().items() if not k.startswith("@")}
    root = framer.node(_root(triples), frame)
    included = [framer.node(s, {}) for s in sorted(framer.out, key=lambda n: _sort_key(str(n))) if s not in framer.done]
    return {"@context": framed_context(), **root, "@included": included}
