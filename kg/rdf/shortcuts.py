"""Derived forward links from a side to the figures of its battle claims, for tree-shaped JSON.

A claim points at its side (``kg:side``) and at its figure (``rdf:value``); nothing points from
the side to its figures, so a JSON tree rooted at the battle could not reach them from
``battle.sides[i]``. Each figure of a claim *about the battle* is therefore also linked from its
side: ``kg:strengthFigure`` for strength, ``kg:casualtyFigure`` for every other category. The
links say nothing new (they follow from the claim); the source of each figure stays on its claim.
"""

from __future__ import annotations

from rdflib import URIRef

from . import namespaces as _ns

__all__ = ["figure_shortcut"]

KG = _ns.Terms(_ns.KG)


def figure_shortcut(side: URIRef, category: str, figure: URIRef) -> tuple[URIRef, URIRef, URIRef]:
    """``(side, kg:strengthFigure | kg:casualtyFigure, figure)`` for a figure of a claim about the
    battle (the mapper calls it as it maps the claim: no pass over the triples)."""
    return (side, KG.strengthFigure if category == "strength" else KG.casualtyFigure, figure)
