"""Derived forward links from a side to the figures of its battle claims, for tree-shaped JSON.

A claim points at its side (``kg:side``) and at its figure (``rdf:value``); nothing points from
the side to its figures, so a JSON tree rooted at the battle could not reach them from
``battle.sides[i]``. Each figure of a claim *about the battle* is therefore also linked from its
side: ``kg:strengthFigure`` for strength, ``kg:casualtyFigure`` for every other category. The
links say nothing new (they follow from the claim); the source of each figure stays on its claim.
"""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from . import namespaces as _ns

__all__ = ["figure_shortcuts"]

KG, RDF, SCHEMA = _ns.Terms(_ns.KG), _ns.Terms(_ns.RDF), _ns.Terms(_ns.SCHEMA)


def figure_shortcuts(triples: Iterable[tuple], battle: URIRef) -> list[tuple]:
    """``(side, kg:strengthFigure | kg:casualtyFigure, figure)`` for each claim about *battle*."""
    claims: set = set()
    about: dict = {}
    side: dict = {}
    value: dict = {}
    category: dict = {}
    for s, p, o in triples:
        if p == RDF.type and o == KG.Claim:
            claims.add(s)
        elif p == SCHEMA.about:
            about[s] = o
        elif p == KG.side:
            side[s] = o
        elif p == RDF.value:
            value[s] = o
        elif p == KG.category:
            category[s] = o
    out = []
    for claim in claims:
        if about.get(claim) != battle or claim not in side or claim not in value:
            continue
        link = KG.strengthFigure if category.get(claim) == KG.Strength else KG.casualtyFigure
        out.append((side[claim], link, value[claim]))
    return sorted(out)
