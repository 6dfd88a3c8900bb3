"""The parts of the valid Testville graph of tests/test_shapes.py, and a broken graph cut down to the
parts its break touches.

pySHACL's time on a graph grows with its focus nodes (the claims' SPARQL constraints above all), so
tests that run pySHACL on every break of ``BREAKS`` give it only what the break needs: the article
and its text (always kept), the parts whose nodes the break's triples name, and the parts those
need. Leaving a part out removes every triple whose subject or object is one of its nodes; what is
left stays valid (tests/test_shacl_fast.py checks that a cut graph gives the findings of the whole
one).
"""
from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from test_shapes import BREAKS, _graph, broken

__all__ = ["PARTS", "broken_part", "nodes_of", "parts_named", "parts_of_break", "without"]

# part -> (its nodes, written as in VALID; the parts it needs)
PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "provenance": (("<{id}graph/battle-of-testville>", "<{id}graph/battle-of-testville/build>", "kg:mapper"), ()),
    "field": (("<{a}/field/notes-1>", "{s_notes}"), ()),
    "event": (
        ("<{e}>", "<{e}/time>", "<{e}/location/1>", "<{id}place/testville>", "<{id}country/redland>",
         "<{id}actor/blue-army>", "<{e}/side/1>", "<{e}/side/2>", "{s_title}", "{s_date}", "{s_place}", "{s_c1}", "{s_c2}"),
        (),
    ),
    "geometry": (("<{id}place/testville/geometry/geonames-7654321>",), ("event",)),
    "commander": (("<{e}/role/commander-1-1>", "<{id}person/john-doe>", "<{id}name/john-doe>", "{s_cmd1}"), ("event",)),
    "result": (("<{e}/result>", "{s_result}"), ("event",)),
    "infobox": (("<{a}/infobox>", "{s_infobox}"), ()),
    "strength": (("<{e}/claim/strength1-1>", "<{e}/claim/strength1-1/value>", "{s_str1}"), ("event", "infobox")),
    "casualties": (("<{e}/claim/casualties1-1>", "<{e}/claim/casualties1-1/value>", "{s_cas1}"), ("event", "infobox")),
    "gazette": (
        ("<{e}/claim/sentence-1>", "<{e}/claim/sentence-1/value>", "<{id}actor/redland-gazette>",
         "<{id}name/redland-gazette>", "{s_gazette}"),
        ("event",),
    ),
}

# Breaks whose findings read a part that none of their triples names: the strength check compares
# the side's killed with its strength; a second result of the event breaks the event's one-result
# rule too; and the text of a finding on a node that points at no span of its own is that of the
# first node pointing at it (the title span for the text; a claim for the event and the infobox).
_ALSO = {
    "kgsh:Claim-casualtiesWithinStrength": ("strength",),
    "kgsh:Event-result": ("result",),
    "kgsh:Context-beginIndex": ("event",),
    "kgsh:Context-isString": ("event",),
    "kgsh:Event-derivedFrom": ("casualties",),
    "kgsh:Infobox-derivedFrom": ("casualties",),
}


@cache
def nodes_of(part: str) -> frozenset[URIRef]:
    """The nodes of *part*."""
    turtle = " ".join(f"{node} a <urn:part> ." for node in PARTS[part][0])
    return frozenset(s for s in _graph(turtle).subjects() if isinstance(s, URIRef))


def _with_needs(parts: set[str]) -> frozenset[str]:
    todo = list(parts)
    while todo:
        for needed in PARTS[todo.pop()][1]:
            if needed not in parts:
                parts.add(needed)
                todo.append(needed)
    return frozenset(parts)


def parts_named(*turtle: str) -> frozenset[str]:
    """The parts whose nodes the triples of *turtle* (VALID's notation) name, with the parts they need."""
    terms = {term for text in turtle for triple in _graph(text) for term in triple}
    return _with_needs({part for part in PARTS if nodes_of(part) & terms})


def parts_of_break(shape: str) -> frozenset[str]:
    """The parts the break of *shape* in ``BREAKS`` needs."""
    remove, add, *_ = BREAKS[shape]
    return _with_needs(set(parts_named(remove, add)) | set(_ALSO.get(shape, ())))


@cache
def _dropped(keep: frozenset[str]) -> frozenset[URIRef]:
    return frozenset().union(*(nodes_of(part) for part in PARTS if part not in keep))


def without(graph: Graph, keep: frozenset[str]) -> Graph:
    """*graph* less every triple that names a node of a part not in *keep* (a new graph)."""
    dropped = _dropped(keep)
    small = Graph()
    small.addN((s, p, o, small) for s, p, o in graph if s not in dropped and o not in dropped)
    return small


def broken_part(shape: str) -> tuple[Graph, Graph]:
    """The broken graph of *shape*'s row of ``BREAKS``: whole, and cut down to the parts the break needs."""
    remove, add, *_ = BREAKS[shape]
    whole = broken(remove, add)
    return whole, without(whole, parts_of_break(shape))

