"""The roles of an event (SEM's role pattern): one ``sem:Role`` node per participation, with its
actor (``rdf:value``), role type, side, statuses, rank, note and, when the text attributes the
role to a source, that source (``sem:accordingTo``, ``kg:attribution``), as a figure's claim has.

The actor of a role is an entity, or a side of the battle (key ``side:{n}``: "the other side"
took them prisoner, who of it the text does not say). A state's role carries no personal status
(:func:`~.guards.personal_statuses`).
"""

from __future__ import annotations

from typing import Protocol

from rdflib import Literal, URIRef

from ..facts import ArticleFacts, EventFact
from . import namespaces as _ns
from .guards import personal_statuses
from .iris import IriScheme
from .terms import term

__all__ = ["role_triples"]

KG, RDF, SEM, SKOS = _ns.terms_of(_ns.KG, _ns.RDF, _ns.SEM, _ns.SKOS)


class _Emitter(Protocol):  # what of the mapper's emitter the roles use
    facts: ArticleFacts
    scheme: IriScheme
    warnings: list[str]

    def add(self, triple: tuple) -> None: ...
    def entity(self, key: str) -> URIRef: ...
    def side_iri(self, key: int) -> URIRef: ...
    def side_token(self, key: int | None) -> str: ...
    def kg_term(self, section: str, identifier: str) -> URIRef | None: ...
    def derived(self, node: URIRef, span) -> None: ...


def _actor(em: _Emitter, key: str) -> URIRef:
    if key.startswith("side:"):
        side = em.side_iri(int(key[5:]))
        em.add((side, RDF.type, SEM.Actor))  # kg:Side ⊑ sem:Actor, stated for engines without inference
        return side
    return em.entity(key)


def role_triples(em: _Emitter, node: URIRef, ev: EventFact) -> None:
    """Emit the roles of *ev* (event node *node*) through the emitter *em*."""
    counters: dict[str, int] = {}
    for role in ev.roles:
        actor = _actor(em, role.actor)
        stem = f"{role.role}-{em.side_token(role.side)}"
        counters[stem] = counters.get(stem, 0) + 1
        rn = em.scheme.sub(node, f"role/{stem}-{counters[stem]}")
        em.add((node, SEM.hasActor, actor))
        em.add((node, KG.participation, rn))
        em.add((rn, RDF.type, SEM.Role))
        em.add((rn, RDF.value, actor))
        role_type = em.kg_term("role", role.role)
        if role_type is not None:
            em.add((rn, SEM.roleType, role_type))
        if role.side is not None and role.side in em.facts.sides:
            em.add((rn, KG.side, em.side_iri(role.side)))
        entity = em.facts.entities.get(role.actor)
        statuses = [st for st in (term("status", s) for s in role.status) if st]
        if entity is not None:
            statuses, dropped = personal_statuses(entity, statuses)
            em.warnings += [dropped] if dropped else []
        elif statuses:  # a side is no person either
            em.warnings.append(f"status of the side {role.actor!r} left out")
            statuses = []
        for st in statuses:
            em.add((rn, KG.status, st))
        if role.rank:
            em.add((rn, KG.rank, Literal(role.rank)))
        if role.note:
            em.add((rn, SKOS.note, Literal(role.note, lang="en")))
        if role.authority is not None:  # a role the text attributes to a source: SEM's view
            em.add((rn, SEM.accordingTo, em.entity(role.authority)))
            attribution = em.kg_term("attribution", role.attribution or "explicit")
            if attribution is not None:
                em.add((rn, KG.attribution, attribution))
        em.derived(rn, role.span)
