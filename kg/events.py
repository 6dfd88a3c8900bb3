"""Events as kg read them, from any store: the records behind ``kg table``, ``kg show`` and ``kg report``.

:func:`read_events` reads every event of every article graph of a store (the battle, and each
event the prose dates) with its time, places (with the codes and coordinates the graph gives, see
``data/mapping/table.toml``), sides and figures, through a few SELECT queries, so it works on any
:class:`kg.query.Target`: an article built in memory, graph files, the embedded store, a SPARQL
server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from rdflib.term import Node

from .errors import ResourceError
from .query import Target
from .query.results import compact_iri
from .rdf.namespaces import PREFIXES
from .resources import load_toml

__all__ = ["PROLOGUE", "Event", "Figure", "Place", "read_events", "select_rows", "term_int", "term_name", "term_text"]

_EXTRA_PREFIXES = {
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**PREFIXES, **_EXTRA_PREFIXES}.items())

_EVENTS = (
    PROLOGUE
    + """
SELECT ?g ?event ?label ?title ?main ?type ?start ?end ?precision ?earliest ?latest ?ongoing ?begin ?stop
WHERE { GRAPH ?g {
  ?article a kg:Article ; dcterms:title ?title ; schema:about ?main .
  ?event a sem:Event ; rdfs:label ?label .
  OPTIONAL {
    ?event sem:hasTime ?time .
    OPTIONAL { ?time sem:hasBeginTimeStamp ?start }
    OPTIONAL { ?time sem:hasEndTimeStamp ?end }
    OPTIONAL { ?time kg:timePrecision ?precision }
    OPTIONAL { ?time sem:hasEarliestBeginTimeStamp ?earliest }
    OPTIONAL { ?time sem:hasLatestEndTimeStamp ?latest }
    OPTIONAL { ?time kg:ongoing ?ongoing }
  }
  FILTER (?event = ?main || BOUND(?time))
  OPTIONAL { ?event sem:eventType ?type }
  OPTIONAL { ?event prov:wasDerivedFrom ?span . ?span nif:beginIndex ?begin ; nif:endIndex ?stop }
} }
"""
)

_CONFLICTS = (
    PROLOGUE
    + """
SELECT ?g ?event ?conflict WHERE { GRAPH ?g {
  ?event sem:subEventOf ?parent . ?parent sem:eventType kg:Conflict ; rdfs:label ?conflict .
} }
"""
)

_PLACES = (
    PROLOGUE
    + """
SELECT ?g ?event ?location ?place ?name ?relation ?country ?countryName
WHERE { GRAPH ?g {
  ?event kg:location ?location . ?location kg:place ?place .
  OPTIONAL { ?place rdfs:label ?name }
  OPTIONAL { ?location kg:spatialRelation ?relation }
  OPTIONAL { ?place schema:containedInPlace* ?country . ?country a schema:Country . OPTIONAL { ?country rdfs:label ?countryName } }
} }
"""
)

_SIDES = (
    PROLOGUE
    + """
SELECT DISTINCT ?g ?event ?index ?name WHERE { GRAPH ?g {
  ?side a kg:Side ; kg:sideIndex ?index .
  OPTIONAL { ?side rdfs:label ?name }
  { ?event kg:side ?side } UNION { ?event kg:participation ?role . ?role kg:side ?side }
  UNION { ?claim schema:about ?event ; kg:side ?side }
} }
"""
)

_FIGURES = (
    PROLOGUE
    + """
SELECT ?g ?claim ?event ?category ?index ?kind ?unit ?min ?max ?approximate ?vague ?authority ?source
       ?articleTitle ?attribution ?stated ?text ?begin ?end
WHERE { GRAPH ?g {
  ?claim a kg:Claim ; schema:about ?event ; kg:category ?category ; rdf:value ?value .
  OPTIONAL { ?claim kg:side ?side . ?side kg:sideIndex ?index }
  OPTIONAL { ?value kg:countedKind ?kind }
  OPTIONAL { ?value schema:unitText ?unit }
  OPTIONAL { ?value schema:minValue ?minBound }
  OPTIONAL { ?value schema:maxValue ?maxBound }
  OPTIONAL { ?value schema:value ?valueStated }  # an approximate figure: its stated value only
  BIND (COALESCE(?minBound, ?valueStated) AS ?min)
  BIND (COALESCE(?maxBound, ?valueStated) AS ?max)
  OPTIONAL { ?value kg:approximate ?approximate }
  OPTIONAL { ?value kg:vagueTerm ?vague }
  OPTIONAL {
    ?claim sem:accordingTo ?authority .
    OPTIONAL { ?authority rdfs:label ?source }
    OPTIONAL { ?authority a kg:Article ; dcterms:title ?articleTitle }
  }
  OPTIONAL { ?claim kg:attribution ?attribution }
  OPTIONAL { ?claim kg:statedOn ?stated }
  OPTIONAL { ?claim prov:wasDerivedFrom ?span . ?span nif:anchorOf ?text ; nif:beginIndex ?begin ; nif:endIndex ?end }
} }
"""
)


# ---- records ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Place:
    """A place of an event: its name, how the event relates to it, its country, codes and coordinates."""

    iri: str
    name: str
    relation: str = ""  # compact IRI of the spatial relation (kg:near ...)
    country: str = ""
    country_iri: str = ""
    iso_alpha2: str = ""
    iso_alpha3: str = ""
    iso_numeric: str = ""
    gwno: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(slots=True)
class Figure:
    """A figure (a claim with a value): who or what it counts, how many, and who says so."""

    iri: str
    graph: str
    event: str
    category: str  # compact: kg:Killed ...
    side: int | None
    kind: str  # compact: kg:Personnel ... ("" when the graph says nothing)
    unit: str
    min: int | None
    max: int | None
    approximate: bool | None
    vague: str
    source: str
    source_iri: str
    attribution: str
    stated: str
    text: str
    begin: int | None
    end: int | None


@dataclass(slots=True)
class Event:
    """An event of an article: the battle or an event the prose dates."""

    iri: str
    graph: str
    article: str
    label: str
    main: bool
    types: list[str] = field(default_factory=list)  # compact: kg:Battle ...
    start: str = ""
    end: str = ""
    precision: str = ""  # compact: time:unitDay ...
    earliest: str = ""
    latest: str = ""
    ongoing: bool = False
    conflicts: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the text tells it (begin, end)
    places: list[Place] = field(default_factory=list)
    sides: dict[int, str] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)


# ---- reading ------------------------------------------------------------------------------------


def term_text(term: Node | None) -> str:
    return "" if term is None else str(term)


def term_int(term: Node | None) -> int | None:
    if term is None:
        return None
    try:
        return int(str(term))
    except ValueError:
        return None


def term_name(term: Node | None) -> str:
    """A vocabulary IRI as a compact name (``kg:Killed``); another IRI as it is."""
    if term is None:
        return ""
    text = compact_iri(str(term))
    return text[1:-1] if text.startswith("<") else text


def select_rows(target: Target, sparql: str) -> Iterable[dict[str, Node | None]]:
    variables, rows = target.select(sparql)
    for row in rows:
        yield dict(zip(variables, row, strict=True))


def _expand(name: str) -> str:
    prefix, sep, local = name.partition(":")
    namespaces = {**PREFIXES, **_EXTRA_PREFIXES}
    if sep and prefix in namespaces and not local.startswith("//"):
        return namespaces[prefix] + local
    return name


@cache
def _code_query() -> tuple[str, dict[str, list[str]]]:
    """A query reading every code and coordinate property of data/mapping/table.toml, ranked."""
    config = load_toml("mapping", "table.toml")
    columns: dict[str, list[str]] = {}
    branches = []
    for section in ("state_codes", "coordinates"):
        for column, properties in config.get(section, {}).items():
            if not isinstance(properties, list) or not all(isinstance(p, str) for p in properties):
                raise ResourceError(f"data/mapping/table.toml: [{section}] {column} must be a list of property names")
            columns[column] = properties
            for rank, prop in enumerate(properties):
                path = "/".join(f"<{_expand(step)}>" for step in prop.split("/"))
                branches.append(f'{{ ?thing {path} ?value BIND ("{column}" AS ?column) BIND ({rank} AS ?rank) }}')
    sparql = (
        PROLOGUE + "SELECT DISTINCT ?thing ?column ?rank ?value WHERE { GRAPH ?h { " + " UNION ".join(branches) + " } }"
    )
    return sparql, columns


_POINT = re.compile(
    r"\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(?P<lon>[-+]?[\d.]+(?:[eE][-+]?\d+)?)\s+(?P<lat>[-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*\Z",
    re.IGNORECASE,
)


def _codes(target: Target) -> dict[str, dict[str, str]]:
    """Thing IRI -> column -> value, the best-ranked property winning."""
    sparql, _ = _code_query()
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for row in select_rows(target, sparql):
        key = (str(row["thing"]), str(row["column"]))
        rank = term_int(row["rank"]) or 0
        value = term_text(row["value"])
        if key not in best or (rank, value) < best[key]:
            best[key] = (rank, value)
    out: dict[str, dict[str, str]] = {}
    for (thing, column), (_, value) in best.items():
        out.setdefault(thing, {})[column] = value
    return out


def _coordinates(found: Mapping[str, str]) -> tuple[float | None, float | None]:
    """(latitude, longitude) from a WKT point, else from WGS84 lat/long; (None, None) when missing."""
    m = _POINT.match(found.get("wkt", ""))
    try:
        if m:
            lat, lon = float(m["lat"]), float(m["lon"])
        elif found.get("latitude") and found.get("longitude"):
            lat, lon = float(found["latitude"]), float(found["longitude"])
        else:
            return None, None
    except ValueError:
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _article_source(title: Node | None) -> str:
    """The name of a figure the article states in its own voice (its authority is the article)."""
    return f"article {title}" if title is not None else ""


def _sort_key(iri: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", iri))


def read_events(target: Target) -> list[Event]:
    """Every event of every article graph of *target*, in article and time order."""
    events: dict[tuple[str, str], Event] = {}
    for row in select_rows(target, _EVENTS):
        key = (str(row["g"]), str(row["event"]))
        ev = events.get(key)
        if ev is None:
            ev = events[key] = Event(
                iri=key[1],
                graph=key[0],
                article=term_text(row["title"]),
                label=term_text(row["label"]),
                main=row["event"] == row["main"],
                start=term_text(row["start"]),
                end=term_text(row["end"]),
                precision=term_name(row["precision"]),
                earliest=term_text(row["earliest"]),
                latest=term_text(row["latest"]),
                ongoing=term_text(row["ongoing"]).lower() == "true",
            )
        kind = term_name(row["type"])
        if kind and kind not in ev.types:
            ev.types.append(kind)
        begin, stop = term_int(row["begin"]), term_int(row["stop"])
        if begin is not None and stop is not None and (begin, stop) not in ev.spans:
            ev.spans.append((begin, stop))
    # a parent conflict named in the infobox is an event of its own, not a row
    events = {k: e for k, e in events.items() if e.main or "kg:Conflict" not in e.types}
    for ev in events.values():
        ev.types.sort()
        ev.spans.sort()

    conflicts: dict[tuple[str, str], list[str]] = {}
    for row in select_rows(target, _CONFLICTS):
        conflicts.setdefault((str(row["g"]), str(row["event"])), []).append(term_text(row["conflict"]))
    mains = {e.graph: e for e in events.values() if e.main}
    for (g, iri), names in conflicts.items():
        if (g, iri) in events:
            events[(g, iri)].conflicts = sorted(set(names))
    for ev in events.values():
        if not ev.main and not ev.conflicts and ev.graph in mains:
            ev.conflicts = list(mains[ev.graph].conflicts)

    codes = _codes(target)
    located: dict[tuple[str, str], dict[str, Place]] = {}
    for row in select_rows(target, _PLACES):
        key = (str(row["g"]), str(row["event"]))
        if key not in events:
            continue
        loc = str(row["location"])
        places = located.setdefault(key, {})
        if loc in places:
            continue
        place_iri = str(row["place"])
        country_iri = term_text(row["country"])
        state = codes.get(country_iri, {})
        lat, lon = _coordinates(codes.get(place_iri, {}))
        places[loc] = Place(
            iri=place_iri,
            name=term_text(row["name"]),
            relation=term_name(row["relation"]),
            country=term_text(row["countryName"]),
            country_iri=country_iri,
            iso_alpha2=state.get("iso_alpha2", ""),
            iso_alpha3=state.get("iso_alpha3", ""),
            iso_numeric=state.get("iso_numeric", ""),
            gwno=state.get("gwno", ""),
            latitude=lat,
            longitude=lon,
        )
    for key, places in located.items():
        events[key].places = [places[loc] for loc in sorted(places, key=_sort_key)]

    for row in select_rows(target, _SIDES):
        key = (str(row["g"]), str(row["event"]))
        index = term_int(row["index"])
        if key in events and index is not None:
            events[key].sides.setdefault(index, term_text(row["name"]))

    seen: set[str] = set()
    for row in select_rows(target, _FIGURES):
        key = (str(row["g"]), str(row["event"]))
        iri = str(row["claim"])
        if key not in events or iri in seen:
            continue
        seen.add(iri)
        approximate = row["approximate"]
        events[key].figures.append(
            Figure(
                iri=iri,
                graph=key[0],
                event=key[1],
                category=term_name(row["category"]),
                side=term_int(row["index"]),
                kind=term_name(row["kind"]),
                unit=term_text(row["unit"]),
                min=term_int(row["min"]),
                max=term_int(row["max"]),
                approximate=None if approximate is None else str(approximate).lower() == "true",
                vague=term_text(row["vague"]),
                source=_article_source(row["articleTitle"]) or term_text(row["source"]),
                source_iri=term_text(row["authority"]),
                attribution=term_name(row["attribution"]),
                stated=term_text(row["stated"]),
                text=term_text(row["text"]),
                begin=term_int(row["begin"]),
                end=term_int(row["end"]),
            )
        )
    for ev in events.values():
        ev.figures.sort(key=lambda f: (f.begin if f.begin is not None else -1, _sort_key(f.iri)))
    return sorted(
        events.values(),
        key=lambda e: (e.article, e.graph, not e.main, e.earliest or "~", e.latest or "~", e.label, e.iri),
    )
