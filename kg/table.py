"""The event table and the figure table: what a conflict researcher opens in a spreadsheet.

:func:`event_rows` and :func:`figure_rows` lay the events :func:`kg.events.read_events` reads out
in the columns of :data:`EVENT_COLUMNS` and :data:`FIGURE_COLUMNS`, named after UCDP GED and ACLED
where those have the column (docs/table.md maps each one); :func:`to_csv` writes them, and
:func:`table_csv` does it all for a store.

Deaths of each group (side A, side B, other sides, civilians, unknown) are ``low`` / ``best`` /
``high`` across the sources: low is the smallest lower bound any source gives, high the largest
figure any source gives, best the median of the sources' own (lowest) figures; see
:func:`deaths`.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .events import Event, Figure, Place, read_events
from .query import Target

__all__ = [
    "EVENT_COLUMNS",
    "FIGURE_COLUMNS",
    "GROUPS",
    "TABLES",
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
