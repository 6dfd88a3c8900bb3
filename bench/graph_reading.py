"""Read one article's graph back into the shape of a gold annotation (``../shared/corpus-gold``).

The accuracy benchmark (``bench/accuracy.py``) compares what the *graph* says with the gold, so it
reads the triples kg wrote, never kg's internal facts. All knowledge of the model (which property
holds a side, a status, a bound ...) lives here, in one small module: when the model changes, this
module follows and the scoring stays the same.

:func:`read_graph` takes the triples of one article's named graph and returns a plain dict in the
gold's schema (see ``GUIDE.md`` there), with two additions the scorer prints: ``text`` (the words
each fact was read from) and, for prose items, the event or claim IRI.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.rdf.namespaces import KG, NIF, SCHEMA, SEM

__all__ = ["read_graph", "STATUS_CODES", "CATEGORY_CODES", "MATERIEL_KINDS", "RELATION_CODES"]

#: kg statuses of a person -> the gold's status markers
STATUS_CODES = {
    "Killed": "KIA", "Captured": "POW", "Wounded": "WIA", "Missing": "MIA", "Executed": "executed",
    "DiedOfWounds": "DOW",
}
#: kg categories of a figure -> the gold's casualty categories (materiel is decided by kind too)
CATEGORY_CODES = {
    "Killed": "killed", "Wounded": "wounded", "Captured": "captured", "Missing": "missing",
    "KilledOrWounded": "killed_or_wounded", "Casualties": "casualties",
    "KilledWoundedOrCaptured": "casualties", "Destroyed": "materiel", "Damaged": "materiel",
    "Strength": "strength",
}
#: kg spatial relations -> the gold's place qualifiers ("near | outside | null"): every relation
#: that puts the event by a place rather than in it is "near" in the gold's coarser list
RELATION_CODES = {
    "near": "near", "northOf": "near", "southOf": "near", "eastOf": "near", "westOf": "near",
    "northeastOf": "near", "northwestOf": "near", "southeastOf": "near", "southwestOf": "near",
    "between": "near", "along": "near", "around": "near", "outskirts": "near", "off": "near",
    "beneath": "near", "outside": "outside",
}
#: counted kinds that make a figure a materiel figure
MATERIEL_KINDS = {"Vehicle", "Aircraft", "Vessel", "Artillery", "Weapon", "Building"}


def _local(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Index:
    """Subject -> predicate -> objects, in the order the triples came."""

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        self.po: dict[Any, dict[Any, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.by_type: dict[Any, list[Any]] = defaultdict(list)
        for s, p, o in triples:
            self.po[s][p].append(o)
            if p == RDF.type:
                self.by_type[o].append(s)

    def all(self, s: Any, p: Any) -> list[Any]:
        node = self.po.get(s)
        return list(node.get(p, ())) if node is not None else []

    def one(self, s: Any, p: Any) -> Any:
        values = self.all(s, p)
        return values[0] if values else None

    def label(self, s: Any) -> str | None:
        value = self.one(s, RDFS.label) or self.one(s, SKOS.prefLabel)
        return str(value) if value is not None else None

    def names(self, s: Any) -> list[str]:
        """The label and every alternate name of a node."""
        names = [str(v) for v in self.all(s, RDFS.label)]
        names += [str(v) for v in self.all(s, SCHEMA.alternateName)]
        names += [str(v) for v in self.all(s, SKOS.altLabel)]
        return names

    def begin(self, s: Any) -> int | None:
        """The begin offset of the first span a node was derived from."""
        offsets = [int(b) for span in self.all(s, PROV.wasDerivedFrom) if (b := self.one(span, NIF.beginIndex)) is not None]
        return min(offsets) if offsets else None

    def text(self, s: Any) -> str:
        for span in self.all(s, PROV.wasDerivedFrom):
            anchor = self.one(span, NIF.anchorOf)
            if anchor is not None:
                return str(anchor)
        return ""


def _date(value: Any) -> str | None:
    """A time stamp literal as the gold writes dates: YYYY, YYYY-MM or YYYY-MM-DD; a dateTime on its
    day. Years before 1 are written as the gold does (``-0498`` is 498 BC), from XSD 1.1's
    astronomical years (``-0497`` is 498 BC)."""
    if value is None:
        return None
    text = str(value)
    negative = text.startswith("-")
    body = text[1:] if negative else text
    body = body.split("T", 1)[0]
    year, _, rest = body.partition("-")
    if negative or year == "0000":
        year = f"-{int(year) + 1:04d}"
    return year + (f"-{rest}" if rest else "")


def _inside(offset: int | None, span: tuple[int, int] | None) -> bool:
    return offset is not None and span is not None and span[0] <= offset < span[1]


def _side_key(index: _Index, side: Any) -> str | None:
    """A side as the gold keys it: its number, and the letter of a sub-column ("1", "2A")."""
    if side is None:
        return None
    number = index.one(side, KG.sideIndex)
    column = index.one(side, KG.sideColumn)
    return f"{number}{column or ''}" if number is not None else None


def _figure(index: _Index, claim: Any, infobox: tuple[int, int] | None) -> dict[str, Any] | None:
    value = index.one(claim, RDF.value)
    if value is None:
        return None
    low = index.one(value, SCHEMA.minValue)
    high = index.one(value, SCHEMA.maxValue)
    exact = index.one(value, SCHEMA.value)
    if low is None and high is None and exact is not None:
        low = high = exact
    if low is None and high is None:
        return None  # no number (a vague word is kept as kg:vagueTerm on a claim in words): no figure to score
    approx = index.one(value, KG.approximate)
    category = _local(index.one(claim, KG.category))
    kind = _local(index.one(value, KG.countedKind)) if index.one(value, KG.countedKind) is not None else None
    code = CATEGORY_CODES.get(category, category.lower())
    authority = index.one(claim, SEM.accordingTo)
    attribution = _local(index.one(claim, KG.attribution))
    return {
        "category": code,
        "materiel": code == "materiel" or kind in MATERIEL_KINDS,
        "min": int(low) if low is not None else None,
        "max": int(high) if high is not None else None,
        "approx": bool(approx.toPython()) if isinstance(approx, Literal) else False,
        "counts": str(index.one(value, SCHEMA.unitText) or ""),
        "according_to": index.label(authority) if attribution in ("ExplicitAttribution", "CarriedAttribution") else None,
        # the source's names, and the words the text names it with in this claim ("Moroccan")
        "source_names": (
            index.names(authority) + [str(w) for w in index.all(claim, KG.authorityText)]
            if attribution in ("ExplicitAttribution", "CarriedAttribution") else []
        ),
        "side": _side_key(index, index.one(claim, KG.side)),
        "infobox": _inside(index.begin(claim), infobox),
        "iri": str(claim),
        "text": index.text(claim),
    }


def read_graph(triples: Iterable[tuple[Any, Any, Any]]) -> dict[str, Any]:
    """What one article's graph says, in the gold's schema (plus ``text`` and ``iri`` per item)."""
    index = _Index(triples)
    article = next(iter(index.by_type.get(KG.Article, [])), None)
    battle = index.one(article, SCHEMA.about)
    infobox = next(iter(index.by_type.get(KG.Infobox, [])), None)
    infobox_span = None
    for span in index.all(infobox, PROV.wasDerivedFrom):
        begin, end = index.one(span, NIF.beginIndex), index.one(span, NIF.endIndex)
        if begin is not None and end is not None:
            infobox_span = (int(begin), int(end))

    time = index.one(battle, SEM.hasTime)
    main_time = {
        "start": _date(index.one(time, SEM.hasBeginTimeStamp)),
        "end": _date(index.one(time, SEM.hasEndTimeStamp)),
        "ongoing": bool(index.one(time, KG.ongoing)),
    }
    # the infobox's date: a main event with no Date line takes its time from the prose, and that
    # time (derived from a prose sentence) is no infobox fact
    from_prose = time is not None and infobox_span is not None and not _inside(index.begin(time), infobox_span)
    date = {"start": None, "end": None, "ongoing": False} if from_prose else main_time

    places: list[list[str]] = []  # per place, its label and alternate names
    seen: set[Any] = set()
    qualifier = None
    locations = sorted(index.all(battle, KG.location), key=lambda n: (index.begin(n) or 0, str(n)))
    for n, location in enumerate(locations):
        relation = _local(index.one(location, KG.spatialRelation))
        if n == 0:
            qualifier = RELATION_CODES.get(relation)
        place = index.one(location, KG.place)
        while place is not None and place not in seen:
            seen.add(place)
            places.append(index.names(place))
            place = index.one(place, SCHEMA.containedInPlace)

    sides: dict[str, dict[str, Any]] = {}
    side_nodes = {}
    for side in index.all(battle, KG.side):
        key = _side_key(index, side)
        if key is None:
            continue
        side_nodes[side] = key
        members = index.all(side, SCHEMA.member) + index.all(side, KG.supporter)
        sides[key] = {
            "label": index.label(side),
            "combatants": [{"names": index.names(m), "supporter": m in index.all(side, KG.supporter)} for m in members],
            "commanders": [],
            "strength": [],
            "casualties": [],
        }
    orphans: dict[str, list[Any]] = {"commanders": [], "strength": [], "casualties": []}

    def bucket(side_key: str | None, kind: str) -> list[Any]:
        if side_key is None or side_key not in sides:
            return orphans[kind]
        return sides[side_key][kind]

    for role in index.all(battle, KG.participation):
        if _local(index.one(role, SEM.roleType)) != "Commander":
            continue
        actor = index.one(role, RDF.value)
        if actor in index.by_type.get(KG.UnknownActor, []):
            continue
        side_key = _side_key(index, index.one(role, KG.side))
        statuses = sorted({STATUS_CODES.get(_local(s), _local(s)) for s in index.all(role, KG.status)})
        rank = index.one(role, KG.rank)
        bucket(side_key, "commanders").append({
            "names": index.names(actor), "rank": str(rank) if rank is not None else None,
            "status": statuses, "side": side_key, "text": index.text(role),
        })

    prose_figures = []
    for claim in index.by_type.get(KG.Claim, []):
        figure = _figure(index, claim, infobox_span)
        if figure is None:
            continue
        if figure["infobox"]:
            bucket(figure["side"], "strength" if figure["category"] == "strength" else "casualties").append(figure)
        elif figure["category"] != "strength":
            prose_figures.append(figure)

    result = index.one(battle, KG.result)
    winners = [_side_key(index, v) for v in index.all(result, KG.victor)]

    prose_dates = []
    for event in index.by_type.get(SEM.Event, []):
        if event == battle:
            continue
        start = index.begin(event)
        if start is None or _inside(start, infobox_span) or (infobox_span and start < infobox_span[0]):
            continue
        etime = index.one(event, SEM.hasTime)
        begin = _date(index.one(etime, SEM.hasBeginTimeStamp)) or _date(index.one(etime, SEM.hasTimeStamp))
        end = _date(index.one(etime, SEM.hasEndTimeStamp))
        if begin is None and end is None:
            continue
        prose_dates.append({
            "dates": [d for d in dict.fromkeys((begin, end)) if d],
            "types": [_local(t) for t in index.all(event, SEM.eventType)],
            "label": index.label(event), "iri": str(event), "text": index.text(event),
        })

    return {
        "title": str(index.one(article, DCTERMS.title) or ""),
        "battle": str(battle) if battle is not None else None,
        "partof": [index.label(e) for e in index.all(battle, SEM.subEventOf)],
        "date": date,
        "main_time": main_time,
        "date_text": index.text(time),
        "places": places,
        "place_qualifier": qualifier,
        "victors": winners,
        "result_text": index.text(result),
        "sides": sides,
        "orphans": orphans,
        "prose": {"dates": prose_dates, "figures": prose_figures},
    }
