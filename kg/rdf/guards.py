"""What the mapper checks before it writes a link: whether a label is a name (people and groups
are linked across articles by name only), and which "after" links close a cycle (the text
contradicting itself, so none of them is written). See docs/model.md."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef

from ..facts import Entity
from .iris import IriScheme
from .namespaces import KG, RDF, RDFS, SCHEMA

__all__ = ["is_proper_name", "cyclic_edges", "name_triples", "personal_statuses", "figure_numbers", "NAMED_KINDS"]

#: Actors that are never one node across articles (docs/model.md, "Identity"): each article has
#: its own, linked to a shared name node when its label is a name.
NAMED_KINDS = frozenset({"person", "armed_force", "armed_group", "organization", "news_media", "group", "government"})


def is_proper_name(label: str) -> bool:
    """True when *label* names someone (a word of it starts with a capital or a digit: "John Smith",
    "the Ostian forces", "4th Battalion"), False for a description ("drug traffickers", "the garrison")."""
    return any(word[:1].isupper() or word[:1].isdigit() for word in label.split())


def name_triples(scheme: IriScheme, node: URIRef, entity: Entity) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """``node kg:sameNameAs name`` and the name node, for a person or group whose label is a name;
    nothing for a state or place (global), an article's own node, or a description."""
    if entity.kind not in NAMED_KINDS or entity.local or not is_proper_name(entity.name):
        return []
    name = scheme.name(entity.name)
    return [(node, KG.sameNameAs, name), (name, RDF.type, KG.Name), (name, RDFS.label, Literal(entity.name, lang="en"))]


def personal_statuses(entity: Entity, statuses: list[URIRef]) -> tuple[list[URIRef], str | None]:
    """The statuses a role may carry, and a warning for those left out: a status says what became
    of a person, so a state's role carries none (kgsh:Role-stateHasNoStatus)."""
    if statuses and entity.kind == "state":
        return [], f"status {', '.join(s.rsplit('#', 1)[-1] for s in statuses)} of the state {entity.name!r} left out"
    return statuses, None


def figure_numbers(low: int | None, high: int | None, *, approximate: bool) -> list[tuple[URIRef, int]]:
    """The numbers of a figure as (property, value): its bounds, and ``schema:value`` when they are
    equal; an approximate single number ("~40 men") is its stated value only, never the exact
    bounds 40-40 (docs/model.md, "Approximate figures")."""
    if low is not None and low == high:
        return (
            [(SCHEMA.value, low)]
            if approximate
            else [(SCHEMA.minValue, low), (SCHEMA.maxValue, low), (SCHEMA.value, low)]
        )
    return [(p, n) for p, n in ((SCHEMA.minValue, low), (SCHEMA.maxValue, high)) if n is not None]


def cyclic_edges(edges: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The edges (a, b) of a directed graph that lie on a cycle: a == b, or b reaches a."""
    edges = set(edges)
    nexts: dict[str, list[str]] = {}
    for a, b in edges:
        nexts.setdefault(a, []).append(b)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = {start}, [start]
        while todo:
            for n in nexts.get(todo.pop(), ()):
                if n == goal:
                    return True
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return False

    return {(a, b) for a, b in edges if a == b or reaches(b, a)}
