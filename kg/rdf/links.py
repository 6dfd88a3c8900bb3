"""Triples that link an article's graph to the outside (see docs/model.md, "Links").

* states: ISO 3166-1 alpha-2 and alpha-3 codes, the Gleditsch–Ward number, ``owl:sameAs`` the
  GeoNames country and the DBpedia resource of its English Wikipedia title (``kg.link.states``);
* places: ``owl:sameAs`` the GeoNames place, a GeoSPARQL point (``geo:hasGeometry`` /
  ``geo:asWKT "POINT(lon lat)"^^geo:wktLiteral``) and, when the article does not place it, the
  state GeoNames puts it in (``kg.link.places``);
* the article: its English Wikipedia page (``prov:hadPrimarySource``), the text's licence, and
  the DBpedia resource derived from its title on the battle (``kg:dbpediaResource``);
* the build: a ``prov:Activity`` with kg's version, the time and the rule set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rdflib import Literal, URIRef

from .. import __version__
from ..facts import ArticleFacts
from ..link.places import link_places
from ..link.source import dbpedia_resource, rule_set, text_licence, wikipedia_page
from ..link.states import state_links
from . import namespaces as _ns
from .iris import IriScheme

__all__ = ["link_triples", "wkt_point"]

DCTERMS, GEO, KG, OWL, PROV, RDF, SCHEMA = _ns.terms_of(
    _ns.DCTERMS, _ns.GEO, _ns.KG, _ns.OWL, _ns.PROV, _ns.RDF, _ns.SCHEMA
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]
IriOf = Callable[[str], URIRef]  # entity key -> its IRI (the mapper's)


def _coordinate(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wkt_point(longitude: float, latitude: float) -> Literal:
    """``"POINT(lon lat)"^^geo:wktLiteral`` (GeoSPARQL's default CRS is WGS84 longitude first)."""
    return Literal(f"POINT({_coordinate(longitude)} {_coordinate(latitude)})", datatype=GEO.wktLiteral)


def _states(facts: ArticleFacts, iri_of: IriOf) -> list[Triple]:
    out: list[Triple] = []
    for key, ent in facts.entities.items():
        if ent.kind != "state":
            continue
        links = state_links(ent.name)
        if links is None:
            continue
        node = iri_of(key)
        if links.iso2:
            out.append((node, KG.iso3166Alpha2, Literal(links.iso2)))
        if links.iso3:
            out.append((node, KG.iso3166Alpha3, Literal(links.iso3)))
        if links.gw is not None:
            out.append((node, KG.gleditschWardNumber, Literal(links.gw)))
        if links.geonames_iri:
            out.append((node, OWL.sameAs, URIRef(links.geonames_iri)))
        if links.wikipedia:
            out.append((node, OWL.sameAs, URIRef(dbpedia_resource(links.wikipedia))))
    return out


def _places(facts: ArticleFacts, scheme: IriScheme, iri_of: IriOf) -> list[Triple]:
    out: list[Triple] = []
    for key, outcome in link_places(facts).items():
        link = outcome.link
        if link is None:
            continue
        node, place = iri_of(key), link.place
        feature = URIRef(place.iri)
        geometry = scheme.sub(node, f"geometry/geonames-{place.geonameid}")
        out += [
            (node, OWL.sameAs, feature),
            (node, RDF.type, GEO.Feature),
            (node, GEO.hasGeometry, geometry),
            (geometry, RDF.type, GEO.Geometry),
            (geometry, GEO.asWKT, wkt_point(place.longitude, place.latitude)),
            (geometry, PROV.wasDerivedFrom, feature),
        ]
        state_key = f"state:{link.state.casefold()}"
        if facts.entities[key].contained_in is None and state_key in facts.entities:
            out.append((node, SCHEMA.containedInPlace, iri_of(state_key)))
    return out


def _source(facts: ArticleFacts, scheme: IriScheme, when: datetime) -> list[Triple]:
    title = facts.article.title
    page, licence = URIRef(wikipedia_page(title)), URIRef(text_licence())
    build = scheme.sub(scheme.graph, "build")
    stamp = Literal(when.isoformat().replace("+00:00", "Z"), datatype=_ns.XSD.dateTime)
    return [
        (scheme.article, PROV.hadPrimarySource, page),
        (scheme.article, DCTERMS.license, licence),
        (page, RDF.type, SCHEMA.WebPage),
        (page, RDF.type, PROV.Entity),
        (page, DCTERMS.license, licence),
        (scheme.battle, KG.dbpediaResource, URIRef(dbpedia_resource(title))),
        (scheme.graph, PROV.wasGeneratedBy, build),
        (build, RDF.type, PROV.Activity),
        (build, PROV.wasAssociatedWith, KG.mapper),
        (build, PROV.used, scheme.article),
        (build, PROV.endedAtTime, stamp),
        (build, KG.mapperVersion, Literal(__version__)),
        (build, KG.ruleSet, Literal(rule_set())),
    ]


def link_triples(facts: ArticleFacts, scheme: IriScheme, iri_of: IriOf, when: datetime) -> list[Triple]:
    """The link triples of one article; *iri_of* maps an entity key to its IRI (the mapper's)."""
    return _source(facts, scheme, when) + _states(facts, iri_of) + _places(facts, scheme, iri_of)
