"""What kg read from each article, in a few lines: ``kg show`` prints it, ``kg report`` draws it.

:func:`summarize` reads, from any :class:`kg.query.Target`, each article's battle (when, where,
part of what), its sides with their members and commanders (and what became of them), the result,
its events and figures (through :mod:`kg.table`), and what needs a reader's eye: each figure or
commander left without a side and each infobox field kg could not read (fully).
:func:`format_summary` lays one summary out on one screen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib.term import Node

from .events import PROLOGUE, Event, Figure, read_events, select_rows, term_int, term_name, term_text
from .query import Target

__all__ = [
    "Commander",
    "Side",
    "Summary",
    "UnreadField",
    "fate",
    "format_summary",
    "show",
    "summarize",
    "when",
    "where",
]

_ARTICLES = (
    PROLOGUE
    + """
SELECT ?g ?title ?text ?source WHERE { GRAPH ?g {
  ?article a kg:Article ; dcterms:title ?title .
  OPTIONAL { ?article kg:text ?context . ?context nif:isString ?text }
  OPTIONAL { ?article dcterms:source ?source }
} }
"""
)

_SIDES = (
    PROLOGUE
    + """
SELECT ?g ?index ?label ?how ?who ?name WHERE { GRAPH ?g {
  ?article a kg:Article ; schema:about ?main .
  ?main kg:side ?side . ?side kg:sideIndex ?index .
  OPTIONAL { ?side rdfs:label ?label }
  OPTIONAL {
    { ?side schema:member ?who BIND ("member" AS ?how) } UNION { ?side kg:supporter ?who BIND ("supporter" AS ?how) }
    OPTIONAL { ?who rdfs:label ?name }
  }
} }
"""
)

_COMMANDERS = (
    PROLOGUE
    + """
SELECT ?g ?role ?index ?name ?unknown ?status ?rank ?anchor WHERE { GRAPH ?g {
  ?article a kg:Article ; schema:about ?main .
  ?main kg:participation ?role . ?role sem:roleType kg:Commander ; rdf:value ?who .
  OPTIONAL { ?who rdfs:label ?name }
  OPTIONAL { ?who a kg:UnknownActor BIND (true AS ?unknown) }
  OPTIONAL { ?role kg:side ?side . ?side kg:sideIndex ?index }
  OPTIONAL { ?role kg:status ?status }
  OPTIONAL { ?role kg:rank ?rank }
  OPTIONAL { ?role prov:wasDerivedFrom ?span . ?span nif:anchorOf ?anchor }
} }
"""
)

_RESULT = (
    PROLOGUE
    + """
SELECT ?g ?label ?outcome ?victor WHERE { GRAPH ?g {
  ?article a kg:Article ; schema:about ?main .
  ?main kg:result ?result .
  OPTIONAL { ?result rdfs:label ?label }
  OPTIONAL { ?result kg:outcome ?outcome }
  OPTIONAL { ?result kg:victor ?side . ?side kg:sideIndex ?victor }
} }
"""
)

_UNREAD = (
    PROLOGUE
    + """
SELECT ?g ?field ?key ?value ?status ?leftover WHERE { GRAPH ?g {
  ?article a kg:Article ; kg:unparsedField ?field .
  ?field kg:fieldKey ?key ; kg:fieldValue ?value ; kg:parseStatus ?status .
  OPTIONAL { ?field kg:leftover ?leftover }
} }
"""
)


@dataclass(slots=True)
class Commander:
    name: str
    side: int | None
    known: bool = True
    statuses: list[str] = field(default_factory=list)  # compact: kg:Captured ...
    rank: str = ""
    text: str = ""


@dataclass(slots=True)
class Side:
    index: int
    label: str
    members: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    commanders: list[Commander] = field(default_factory=list)


@dataclass(slots=True)
class UnreadField:
    key: str
    value: str
    status: str  # compact: kg:Unparsed, kg:PartlyParsed, kg:Ignored
    leftovers: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    """One article as kg read it."""

    graph: str
    title: str
    text: str = ""
    source: str = ""
    battle: Event | None = None
    events: list[Event] = field(default_factory=list)  # the battle first, then in time order
    sides: list[Side] = field(default_factory=list)
    result: str = ""
    outcome: str = ""
    victor: int | None = None
    unsided_commanders: list[Commander] = field(default_factory=list)
    unread: list[UnreadField] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return [f for ev in self.events for f in ev.figures]

    def warnings(self) -> list[str]:
        """What a reader should check: figures (other than of civilians) and commanders with no side,
        infobox fields not (fully) read."""
        out = []
        for f in self.figures:
            if f.side is None and f.kind != "kg:Civilian":  # civilians belong to no side
                out.append(f"figure without a side: {_figure_words(f)}, {f.source or 'no source'}: {_quote(f.text)}")
        for c in self.unsided_commanders:
            out.append(f"commander without a side: {c.name}: {_quote(c.text)}")
        for u in self.unread:
            what = {"kg:Unparsed": "field not read", "kg:PartlyParsed": "field partly read"}.get(
                u.status, "field ignored"
            )
            left = f" (left: {'; '.join(u.leftovers)})" if u.leftovers else ""
            out.append(f"{what}: {u.key}: {u.value}{left}")
        return out


def _quote(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= width else text[: width - 1] + "…"}"'


def _figure_words(f: Figure) -> str:
    if f.min is None and f.max is None:
        span = f.vague or "?"
    elif f.max is None:
        span = f"{f.min}+"
    elif f.min is None:
        span = f"up to {f.max}"
    elif f.min == f.max:
        span = f"{f.min}"
    else:
        span = f"{f.min}–{f.max}"
    return f"{f.category.removeprefix('kg:').lower()} {span}{' ' + f.unit if f.unit else ''}"


def _by_graph(target: Target, sparql: str) -> dict[str, list[dict[str, Node | None]]]:
    out: dict[str, list[dict[str, Node | None]]] = {}
    for row in select_rows(target, sparql):
        out.setdefault(str(row["g"]), []).append(row)
    return out


def show(target: Target) -> str:
    """The summaries of every article of *target*, one after the other (what ``kg show`` prints)."""
    return "\n".join(format_summary(s) for s in summarize(target))


def summarize(target: Target) -> list[Summary]:
    """A :class:`Summary` of every article graph of *target*, by title."""
    summaries: dict[str, Summary] = {}
    for row in select_rows(target, _ARTICLES):
        g = str(row["g"])
        if g not in summaries:
            summaries[g] = Summary(g, term_text(row["title"]), term_text(row["text"]), term_text(row["source"]))
    for ev in read_events(target):
        s = summaries.get(ev.graph)
        if s is None:
            continue
        s.events.append(ev)
        if ev.main:
            s.battle = ev

    for g, rows in _by_graph(target, _SIDES).items():
        sides: dict[int, Side] = {}
        for row in rows:
            index = term_int(row["index"])
            if index is None:
                continue
            side = sides.setdefault(index, Side(index, term_text(row["label"])))
            names = (
                side.members
                if term_text(row["how"]) == "member"
                else side.supporters
                if row["how"] is not None
                else None
            )
            name = term_text(row["name"])
            if names is not None and name and name not in names:
                names.append(name)
        if g in summaries:
            summaries[g].sides = [sides[i] for i in sorted(sides)]

    for g, rows in _by_graph(target, _COMMANDERS).items():
        roles: dict[str, Commander] = {}
        for row in rows:
            role = str(row["role"])
            c = roles.get(role)
            if c is None:
                c = roles[role] = Commander(
                    term_text(row["name"]),
                    term_int(row["index"]),
                    known=row["unknown"] is None,
                    rank=term_text(row["rank"]),
                    text=term_text(row["anchor"]),
                )
            status = term_name(row["status"])
            if status and status not in c.statuses:
                c.statuses.append(status)
        s = summaries.get(g)
        if s is None:
            continue
        by_index = {side.index: side for side in s.sides}
        for role in sorted(roles):
            c = roles[role]
            if c.side in by_index:
                by_index[c.side].commanders.append(c)
            else:
                s.unsided_commanders.append(c)

    for g, rows in _by_graph(target, _RESULT).items():
        if g in summaries and rows:
            row = rows[0]
            summaries[g].result, summaries[g].outcome = term_text(row["label"]), term_name(row["outcome"])
            summaries[g].victor = term_int(row["victor"])

    for g, rows in _by_graph(target, _UNREAD).items():
        fields: dict[str, UnreadField] = {}
        for row in rows:
            key = str(row["field"])
            u = fields.setdefault(
                key, UnreadField(term_text(row["key"]), term_text(row["value"]), term_name(row["status"]))
            )
            left = term_text(row["leftover"])
            if left and left not in u.leftovers:
                u.leftovers.append(left)
        if g in summaries:
            summaries[g].unread = [fields[k] for k in sorted(fields)]
    return sorted(summaries.values(), key=lambda s: (s.title, s.graph))


# ---- one screen --------------------------------------------------------------------------------

_PRECISION = {"time:unitHour": "hour", "time:unitDay": "day", "time:unitMonth": "month", "time:unitYear": "year"}


def when(ev: Event | None) -> str:
    """``2009-07-04 (day)``, ``1942-08 – 1943-02 (month)``, ``2011 – present (year)``, or ``not read``."""
    if ev is None or not (ev.start or ev.end):
        return "not read"
    end = "present" if ev.ongoing else ev.end
    span = ev.start if end in ("", ev.start) else f"{ev.start} – {end}"
    precision = _PRECISION.get(ev.precision, ev.precision)
    return f"{span} ({precision})" if precision else span


def where(ev: Event | None) -> str:
    """``near Tolan, Ostland; Kelvar`` or ``not read``."""
    if ev is None or not ev.places:
        return "not read"
    parts = []
    for p in ev.places:
        relation = p.relation.removeprefix("kg:")
        words = {"in": "", "at": "at "}.get(relation, f"{relation} ")
        country = f", {p.country}" if p.country and p.country != p.name else ""
        parts.append(f"{words}{p.name}{country}")
    return "; ".join(parts)


def fate(c: Commander) -> str:
    """A commander with rank and what became of them: ``Colonel X (captured)``."""
    name = c.name if c.known else "unknown"
    rank = f"{c.rank} " if c.rank and c.known else ""
    statuses = ", ".join(s.removeprefix("kg:").lower() for s in c.statuses)
    return f"{rank}{name}{f' ({statuses})' if statuses else ''}"


def format_summary(s: Summary) -> str:
    """One article's summary as a few aligned lines, then its warnings."""
    lines = [s.title]

    def add(label: str, value: str) -> None:
        lines.append(f"  {label + ':' if label else '':<10}{value}")

    add("when", when(s.battle))
    add("where", where(s.battle))
    if s.battle is not None and s.battle.conflicts:
        add("part of", "; ".join(s.battle.conflicts))
    for side in s.sides:
        members = ", ".join(side.members)
        label = side.label or members
        extra = f" (members: {members})" if members and members != label else ""
        if side.supporters:
            extra += f" (supported by {', '.join(side.supporters)})"
        add(f"side {side.index}", f"{label}{extra}")
        for c in side.commanders:
            add("", f"commander {fate(c)}")
    if s.result:
        victor = f"; victor side {s.victor}" if s.victor is not None else ""
        add("result", f"{s.result} ({s.outcome}{victor})" if s.outcome else s.result)
    dated = [e for e in s.events if not e.main and e.earliest]
    if dated:
        add(
            "events",
            f"{len(dated)} dated by the prose, {dated[0].start} to {max(dated, key=lambda e: e.latest).end or dated[-1].start}",
        )
    figures = s.figures
    if figures:
        counts = Counter(f.category.removeprefix("kg:").lower() for f in figures)
        sources = {f.source for f in figures if f.source}
        add(
            "figures",
            f"{len(figures)} ({', '.join(f'{n} {c}' for c, n in sorted(counts.items()))}) from {len(sources)} source(s)",
        )
    warnings = s.warnings()
    lines.append(f"{len(warnings)} warning(s)" + (":" if warnings else ""))
    lines.extend(f"  {w}" for w in warnings)
    return "\n".join(lines) + "\n"
