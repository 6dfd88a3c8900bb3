"""The event table and the figure table: what a conflict researcher opens in a spreadsheet.

:func:`read_events` reads every event of every article graph of a store (the battle, and each
event the prose dates) with its time, places, sides and figures, through a few SELECT queries, so
it works on any :class:`kg.query.Target` (an article built in memory, graph files, the embedded
store, a SPARQL server). :func:`event_rows` and :func:`figure_rows` lay them out in the columns
of :data:`EVENT_COLUMNS` and :data:`FIGURE_COLUMNS`, named after UCDP GED and ACLED where those
have the column (docs/table.md maps each one); :func:`to_csv` writes them.

Deaths of each group (side A, side B, other sides, civilians, unknown) are ``low`` / ``best`` /
``high`` across the sources: low is the smallest lower bound any source gives, high the largest
figure any source gives, best the median of the sources' own (lowest) figures; see
:func:`deaths`.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rdflib.term import Node

from .errors import ResourceError
from .query import Target, _compact
from .rdf.namespaces import PREFIXES
from .resources import load_toml

__all__ = [
    "EVENT_COLUMNS",
    "FIGURE_COLUMNS",
    "Deaths",
    "Event",
    "Figure",
    "Place",
    "deaths",
    "event_rows",
    "figure_rows",
    "read_events",
    "table_csv",
    "to_csv",
]

_EXTRA_PREFIXES = {
    "geo": "http://www.opengis.net/ont/geosparql#",
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
_KG = PREFIXES["kg"]
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**PREFIXES, **_EXTRA_PREFIXES}.items())

_EVENTS = _PROLOGUE + """
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

_CONFLICTS = _PROLOGUE + """
SELECT ?g ?event ?conflict WHERE { GRAPH ?g {
  ?event sem:subEventOf ?parent . ?parent sem:eventType kg:Conflict ; rdfs:label ?conflict .
} }
"""

_PLACES = _PROLOGUE + """
SELECT ?g ?event ?location ?place ?name ?relation ?country ?countryName
WHERE { GRAPH ?g {
  ?event kg:location ?location . ?location kg:place ?place .
  OPTIONAL { ?place rdfs:label ?name }
  OPTIONAL { ?location kg:spatialRelation ?relation }
  OPTIONAL { ?place schema:containedInPlace* ?country . ?country a schema:Country . OPTIONAL { ?country rdfs:label ?countryName } }
} }
"""

_SIDES = _PROLOGUE + """
SELECT DISTINCT ?g ?event ?index ?name WHERE { GRAPH ?g {
  ?side a kg:Side ; kg:sideIndex ?index .
  OPTIONAL { ?side rdfs:label ?name }
  { ?event kg:side ?side } UNION { ?event kg:participation ?role . ?role kg:side ?side }
  UNION { ?claim schema:about ?event ; kg:side ?side }
} }
"""

_FIGURES = _PROLOGUE + """
SELECT ?g ?claim ?event ?category ?index ?kind ?unit ?min ?max ?approximate ?vague ?authority ?source
       ?articleTitle ?attribution ?stated ?text ?begin ?end
WHERE { GRAPH ?g {
  ?claim a kg:Claim ; schema:about ?event ; kg:category ?category ; rdf:value ?value .
  OPTIONAL { ?claim kg:side ?side . ?side kg:sideIndex ?index }
  OPTIONAL { ?value kg:countedKind ?kind }
  OPTIONAL { ?value schema:unitText ?unit }
  OPTIONAL { ?value schema:minValue ?min }
  OPTIONAL { ?value schema:maxValue ?max }
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


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


def _int(term: Node | None) -> int | None:
    if term is None:
        return None
    try:
        return int(str(term))
    except ValueError:
        return None


def _name(term: Node | None) -> str:
    """A vocabulary IRI as a compact name (``kg:Killed``); another IRI as it is."""
    if term is None:
        return ""
    text = _compact(str(term))
    return text[1:-1] if text.startswith("<") else text


def _rows(target: Target, sparql: str) -> Iterable[dict[str, Node | None]]:
    variables, rows = target.select(sparql)
    for row in rows:
        yield dict(zip(variables, row))


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
    sparql = _PROLOGUE + "SELECT DISTINCT ?thing ?column ?rank ?value WHERE { GRAPH ?h { " + " UNION ".join(branches) + " } }"
    return sparql, columns


_POINT = re.compile(r"\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(?P<lon>[-+]?[\d.]+(?:[eE][-+]?\d+)?)\s+(?P<lat>[-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*\Z", re.IGNORECASE)


def _codes(target: Target) -> dict[str, dict[str, str]]:
    """Thing IRI -> column -> value, the best-ranked property winning."""
    sparql, _ = _code_query()
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for row in _rows(target, sparql):
        key = (str(row["thing"]), str(row["column"]))
        rank = _int(row["rank"]) or 0
        value = _text(row["value"])
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
    for row in _rows(target, _EVENTS):
        key = (str(row["g"]), str(row["event"]))
        ev = events.get(key)
        if ev is None:
            ev = events[key] = Event(
                iri=key[1], graph=key[0], article=_text(row["title"]), label=_text(row["label"]),
                main=row["event"] == row["main"], start=_text(row["start"]), end=_text(row["end"]),
                precision=_name(row["precision"]), earliest=_text(row["earliest"]), latest=_text(row["latest"]),
                ongoing=_text(row["ongoing"]).lower() == "true",
            )
        kind = _name(row["type"])
        if kind and kind not in ev.types:
            ev.types.append(kind)
        begin, stop = _int(row["begin"]), _int(row["stop"])
        if begin is not None and stop is not None and (begin, stop) not in ev.spans:
            ev.spans.append((begin, stop))
    # a parent conflict named in the infobox is an event of its own, not a row
    events = {k: e for k, e in events.items() if e.main or "kg:Conflict" not in e.types}
    for ev in events.values():
        ev.types.sort()
        ev.spans.sort()

    conflicts: dict[tuple[str, str], list[str]] = {}
    for row in _rows(target, _CONFLICTS):
        conflicts.setdefault((str(row["g"]), str(row["event"])), []).append(_text(row["conflict"]))
    mains = {e.graph: e for e in events.values() if e.main}
    for (g, iri), names in conflicts.items():
        if (g, iri) in events:
            events[(g, iri)].conflicts = sorted(set(names))
    for ev in events.values():
        if not ev.main and not ev.conflicts and ev.graph in mains:
            ev.conflicts = list(mains[ev.graph].conflicts)

    codes = _codes(target)
    located: dict[tuple[str, str], dict[str, Place]] = {}
    for row in _rows(target, _PLACES):
        key = (str(row["g"]), str(row["event"]))
        if key not in events:
            continue
        loc = str(row["location"])
        places = located.setdefault(key, {})
        if loc in places:
            continue
        place_iri = str(row["place"])
        country_iri = _text(row["country"])
        state = codes.get(country_iri, {})
        lat, lon = _coordinates(codes.get(place_iri, {}))
        places[loc] = Place(
            iri=place_iri, name=_text(row["name"]), relation=_name(row["relation"]), country=_text(row["countryName"]),
            country_iri=country_iri, iso_alpha2=state.get("iso_alpha2", ""), iso_alpha3=state.get("iso_alpha3", ""),
            iso_numeric=state.get("iso_numeric", ""), gwno=state.get("gwno", ""), latitude=lat, longitude=lon,
        )
    for key, places in located.items():
        events[key].places = [places[loc] for loc in sorted(places, key=_sort_key)]

    for row in _rows(target, _SIDES):
        key = (str(row["g"]), str(row["event"]))
        index = _int(row["index"])
        if key in events and index is not None:
            events[key].sides.setdefault(index, _text(row["name"]))

    seen: set[str] = set()
    for row in _rows(target, _FIGURES):
        key = (str(row["g"]), str(row["event"]))
        iri = str(row["claim"])
        if key not in events or iri in seen:
            continue
        seen.add(iri)
        approximate = row["approximate"]
        events[key].figures.append(Figure(
            iri=iri, graph=key[0], event=key[1], category=_name(row["category"]), side=_int(row["index"]),
            kind=_name(row["kind"]), unit=_text(row["unit"]), min=_int(row["min"]), max=_int(row["max"]),
            approximate=None if approximate is None else str(approximate).lower() == "true",
            vague=_text(row["vague"]), source=_article_source(row["articleTitle"]) or _text(row["source"]),
            source_iri=_text(row["authority"]), attribution=_name(row["attribution"]), stated=_text(row["stated"]),
            text=_text(row["text"]), begin=_int(row["begin"]), end=_int(row["end"]),
        ))
    for ev in events.values():
        ev.figures.sort(key=lambda f: (f.begin if f.begin is not None else -1, _sort_key(f.iri)))
    return sorted(events.values(), key=lambda e: (e.article, e.graph, not e.main, e.earliest or "~", e.latest or "~", e.label, e.iri))


# ---- deaths across sources ------------------------------------------------------------------------

#: The groups whose deaths the event table gives, in column order.
GROUPS = ("a", "b", "other", "civilians", "unknown")


@dataclass(frozen=True, slots=True)
class Deaths:
    """Deaths of one group across the sources; None when no source gives a figure."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    sources: int = 0


def _group(figure: Figure) -> str | None:
    """The group a figure of killed people counts, or None when it counts no deaths."""
    if figure.category != "kg:Killed" or figure.kind not in ("", "kg:Personnel", "kg:Civilian"):
        return None
    if figure.kind == "kg:Civilian":
        return "civilians"
    if figure.side is None:
        return "unknown"
    return {1: "a", 2: "b"}.get(figure.side, "other")


def deaths(figures: Sequence[Figure]) -> Deaths:
    """Deaths across the sources of *figures* (all of one group of one event).

    - low: the smallest lower bound (an upper bound alone counts as itself);
    - high: the largest upper bound (an open figure, "at least 12", counts as its lower bound);
    - best: each source's figure is the lowest it gives (the lower bound of its range, as ACLED
      keeps the most conservative figure of a report); best is the median of those, the lower of
      the two middle ones for an even number of sources, so one outlying source does not move it.
    """
    per_source: dict[str, int] = {}
    lows: list[int] = []
    highs: list[int] = []
    for f in figures:
        low = f.min if f.min is not None else f.max
        high = f.max if f.max is not None else f.min
        if low is None or high is None:
            continue  # a vague word with no number
        lows.append(low)
        highs.append(high)
        source = f.source_iri or f.iri
        per_source[source] = min(low, per_source.get(source, low))
    if not lows:
        return Deaths()
    ranked = sorted(per_source.values())
    return Deaths(min(lows), ranked[(len(ranked) - 1) // 2], max(highs), len(per_source))


# ---- rows -----------------------------------------------------------------------------------------

#: The event table's columns, in order (docs/table.md gives each one's meaning and GED/ACLED name).
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "article", "conflict", "event", "event_type",
    "start", "end", "precision", "date_start", "date_end", "date_prec", "time_precision",
    "place", "relation", "country", "iso_alpha2", "iso_alpha3", "iso_numeric", "gwno", "latitude", "longitude",
    "other_places", "side_a", "side_b", "side_other",
    *(f"deaths_{g}_{k}" for g in GROUPS for k in ("low", "best", "high")),
    "low", "best", "high", "number_of_sources", "sources", "iri",
)

#: The figure table's columns, in order.
FIGURE_COLUMNS: tuple[str, ...] = (
    "id", "article", "event_id", "event", "side", "side_name", "category", "counted", "unit",
    "min", "max", "approximate", "vague_term", "source", "attribution", "stated_on", "text",
    "text_start", "text_end", "iri",
)

#: UCDP GED date_prec and ACLED time_precision of each kg precision.
_DATE_PREC = {"time:unitHour": (1, 1), "time:unitDay": (1, 1), "time:unitMonth": (4, 3), "time:unitYear": (5, 3)}


def _local_id(iri: str) -> str:
    """The part of an event or claim IRI after ``/event/``: stable, short, unique in a store."""
    head, sep, tail = iri.partition("/event/")
    return tail if sep else iri


def _day(stamp: str) -> str:
    return stamp.split("T", 1)[0]


def _number(value: int | float | None) -> str:
    return "" if value is None else str(value)


def event_rows(events: Iterable[Event]) -> list[dict[str, str]]:
    """One row per event, with the columns of :data:`EVENT_COLUMNS` (every value a string)."""
    out = []
    for ev in events:
        first = ev.places[0] if ev.places else Place("", "")
        prec = _DATE_PREC.get(ev.precision, ("", ""))
        groups: dict[str, list[Figure]] = {g: [] for g in GROUPS}
        for f in ev.figures:
            g = _group(f)
            if g is not None:
                groups[g].append(f)
        row: dict[str, str] = {
            "id": _local_id(ev.iri), "article": ev.article, "conflict": "; ".join(ev.conflicts), "event": ev.label,
            "event_type": "; ".join(ev.types), "start": ev.start, "end": "" if ev.ongoing else ev.end,
            "precision": ev.precision, "date_start": _day(ev.earliest), "date_end": _day(ev.latest),
            "date_prec": str(prec[0]), "time_precision": str(prec[1]),
            "place": first.name, "relation": first.relation, "country": first.country,
            "iso_alpha2": first.iso_alpha2, "iso_alpha3": first.iso_alpha3, "iso_numeric": first.iso_numeric,
            "gwno": first.gwno, "latitude": _number(first.latitude), "longitude": _number(first.longitude),
            "other_places": "; ".join(p.name for p in ev.places[1:]),
            "side_a": ev.sides.get(1, ""), "side_b": ev.sides.get(2, ""),
            "side_other": "; ".join(name for i, name in sorted(ev.sides.items()) if i > 2),
        }
        totals: dict[str, list[int]] = {"low": [], "best": [], "high": []}
        for g in GROUPS:
            d = deaths(groups[g])
            for k in ("low", "best", "high"):
                value = getattr(d, k)
                row[f"deaths_{g}_{k}"] = _number(value)
                if value is not None:
                    totals[k].append(value)
        for k, values in totals.items():
            row[k] = str(sum(values)) if values else ""
        sources = sorted({f.source for f in ev.figures if f.source})
        row["number_of_sources"] = str(len(sources))
        row["sources"] = "; ".join(sources)
        row["iri"] = ev.iri
        out.append(row)
    return out


def figure_rows(events: Iterable[Event]) -> list[dict[str, str]]:
    """One row per figure, with the columns of :data:`FIGURE_COLUMNS` (every value a string)."""
    out = []
    for ev in events:
        for f in ev.figures:
            out.append({
                "id": _local_id(f.iri), "article": ev.article, "event_id": _local_id(ev.iri), "event": ev.label,
                "side": _number(f.side), "side_name": ev.sides.get(f.side, "") if f.side is not None else "",
                "category": f.category, "counted": f.kind, "unit": f.unit, "min": _number(f.min), "max": _number(f.max),
                "approximate": "" if f.approximate is None else str(f.approximate).lower(), "vague_term": f.vague,
                "source": f.source, "attribution": f.attribution, "stated_on": f.stated, "text": f.text,
                "text_start": _number(f.begin), "text_end": _number(f.end), "iri": f.iri,
            })
    return out


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """RFC 4180 CSV (CRLF line ends, a header row), as spreadsheets and pandas read it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()



#: The tables :func:`table_csv` writes: name -> (rows of the events, columns).
TABLES = {"events": (event_rows, EVENT_COLUMNS), "figures": (figure_rows, FIGURE_COLUMNS)}


def table_csv(target: Target, *, kind: str = "events") -> str:
    """The event table (*kind* ``events``) or the figure table (``figures``) of *target* as CSV."""
    try:
        rows, columns = TABLES[kind]
    except KeyError:
        raise ValueError(f"unknown table {kind!r}; choose one of {', '.join(TABLES)}") from None
    return to_csv(rows(read_events(target)), columns)
