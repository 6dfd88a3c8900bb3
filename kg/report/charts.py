"""The report's charts as Vega-Lite specifications, made with altair.

- :func:`timeline`: each event from its earliest begin to its latest end, so that its precision
  shows: a day is a point, a month or a year a band (the label says which);
- :func:`place_map`: the places with coordinates on an outline of the world's countries
  (``data/geo/countries-110m.json``, inlined by the page: no tile server), fitted to the places;
- :func:`casualties`: for each side and category, one bar per source from its lowest to its
  highest figure, so that sources that disagree are seen at once.

Times are given to Vega-Lite as milliseconds since 1970 computed here (any year, BC included:
the proleptic Gregorian calendar with a year 0, as XSD 1.1 and JavaScript count).
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from ..events import Event, Figure, Place

__all__ = ["casualties", "epoch_ms", "place_map", "timeline", "WORLD"]

#: The name under which the page gives every map the world outline (Vega-Lite top-level datasets).
WORLD = "world"

_STAMP = re.compile(r"(?P<y>-?\d{4,})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2}):(?P<S>\d{2}))?")
_PRECISION = {"time:unitHour": "hour", "time:unitDay": "day", "time:unitMonth": "month", "time:unitYear": "year"}


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm, any year)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def epoch_ms(stamp: str) -> int | None:
    """Milliseconds since 1970 of an ``xsd:dateTime`` or ``xsd:date`` lexical form, or None."""
    m = _STAMP.match(stamp or "")
    if m is None:
        return None
    days = _days_from_civil(int(m["y"]), int(m["m"]), int(m["d"]))
    seconds = int(m["H"] or 0) * 3600 + int(m["M"] or 0) * 60 + int(m["S"] or 0)
    return (days * 86400 + seconds) * 1000


def _alt() -> Any:
    import altair as alt

    return alt


def _event_type(ev: Event) -> str:
    return ", ".join(t.removeprefix("kg:") for t in ev.types) or "event"


@cache
def _timeline_template(lane: str) -> str:
    """The timeline made once with altair (validated); each report fills in its data."""
    alt = _alt()
    y = alt.Y(f"{lane}:N", sort=alt.EncodingSortField(field="rank", op="min"), title=None, axis=alt.Axis(labelLimit=320))
    x = alt.X("begin:T", title=None, axis=alt.Axis(format="%Y-%m-%d"))
    tooltip = [alt.Tooltip(f, type="nominal") for f in ("event", "when", "precision", "type", "article")]
    bands = alt.Chart().mark_bar(height=10, opacity=0.55, cornerRadius=2).encode(
        x=x, x2="end:T", y=y, color=alt.Color("type:N", title="type"), tooltip=tooltip,
    ).transform_filter("!datum.point")
    points = alt.Chart().mark_point(filled=True, size=70).encode(
        x=x, y=y, color=alt.Color("type:N", title="type"), shape=alt.Shape("precision:N", title="precision"), tooltip=tooltip,
    ).transform_filter("datum.point")
    chart = alt.layer(bands, points, data=alt.Data(values=[])).properties(title="", width="container", height=60)
    return json.dumps(chart.to_dict())


def timeline(events: Sequence[Event], *, title: str = "Timeline", by_article: bool = False) -> dict[str, Any]:
    """The events with a time: a band from earliest begin to latest end, a point for a day or an hour.

    *by_article* puts one line per article (the corpus timeline of the battles).
    """
    rows = []
    for n, ev in enumerate(events):
        begin, end = epoch_ms(ev.earliest), epoch_ms(ev.latest or ev.earliest)
        if begin is None or end is None:
            continue
        precision = _PRECISION.get(ev.precision, "")
        rows.append({
            "n": n, "event": ev.label, "article": ev.article, "type": _event_type(ev), "begin": begin, "end": end,
            "when": f"{ev.start}{' – ' + ev.end if ev.end and ev.end != ev.start else ''}",
            "precision": precision or "unknown", "point": precision in ("day", "hour"),
        })
    lane = "article" if by_article else "event"
    for rank, row in enumerate(sorted(rows, key=lambda r: (r["begin"], r["n"]))):
        row["rank"] = rank
    spec = json.loads(_timeline_template(lane))
    spec["data"] = {"values": rows}
    spec["title"] = title
    spec["height"] = max(60, 18 * len({r[lane] for r in rows}))
    spec["usermeta"] = {"kg": "timeline"}
    return spec


def _fit(points: Sequence[tuple[float, float]]) -> dict[str, Any]:
    """A GeoJSON feature around the points (at least 8 degrees wide) for the projection to fit."""
    lons, lats = [p[1] for p in points], [p[0] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max((8 - (east - west)) / 2, (east - west) * 0.15)
    pad_lat = max((8 - (north - south)) / 2, (north - south) * 0.15)
    west, east = max(west - pad_lon, -180.0), min(east + pad_lon, 180.0)
    south, north = max(south - pad_lat, -85.0), min(north + pad_lat, 85.0)
    return {"type": "Feature", "properties": {}, "geometry": {
        "type": "MultiPoint", "coordinates": [[west, south], [east, north], [west, north], [east, south]]}}


@cache
def _map_template(with_places: bool) -> str:
    """The map made once with altair (validated): the world outline, and the places when there are."""
    alt = _alt()
    projection = {"type": "equalEarth", "fit": _fit([(-58.0, -170.0), (78.0, 170.0)])}
    world = alt.Chart(alt.NamedData(WORLD, format=alt.DataFormat(type="topojson", feature="countries"))).mark_geoshape(
        fill="#eceae4", stroke="#9a968c", strokeWidth=0.5, clip=True,
    ).project(**projection)
    layers = [world]
    if with_places:
        data = alt.Data(values=[])
        dots = alt.Chart(data).mark_circle(size=90, color="#b03a2e", opacity=0.9).encode(
            longitude="lon:Q", latitude="lat:Q", tooltip=["place:N", "country:N", "lat:Q", "lon:Q"],
        ).project(**projection)
        labels = alt.Chart(data).mark_text(align="left", dx=7, dy=-5, fontSize=11).encode(
            longitude="lon:Q", latitude="lat:Q", text="place:N",
        ).project(**projection)
        layers += [dots, labels]
    return json.dumps(alt.layer(*layers).properties(title="", width="container", height=320).to_dict())


def place_map(places: Sequence[Place], *, title: str = "Places") -> dict[str, Any]:
    """The places with coordinates on the world's country outlines (the whole world when none has any)."""
    located = [p for p in places if p.latitude is not None and p.longitude is not None]
    rows = [{"place": p.name, "country": p.country, "lat": p.latitude, "lon": p.longitude} for p in located]
    spec = json.loads(_map_template(bool(rows)))
    if rows:
        fit = _fit([(p.latitude, p.longitude) for p in located])
        for layer in spec["layer"]:
            layer["projection"]["fit"] = fit
            if "values" in layer.get("data", {}):
                layer["data"] = {"values": rows}
    spec["title"] = title
    spec["usermeta"] = {"kg": "map"}
    return spec


_GROUP = "@@group@@"


@cache
def _casualties_template() -> str:
    """One panel made once with altair (validated); each side and category gets a copy of it."""
    alt = _alt()
    y = alt.Y("source:N", title=None, axis=alt.Axis(labelLimit=260))
    tooltip = ["source:N", "figure:N", "counted:N", "approximate:N", "text:N"]
    colour = alt.Color("source:N", legend=None)
    base = alt.Chart().transform_filter(alt.FieldEqualPredicate(field="group", equal=_GROUP))
    bars = base.mark_bar(height=12, opacity=0.7).encode(x=alt.X("low:Q", title=None), x2="high:Q", y=y, color=colour, tooltip=tooltip)
    lows = base.mark_tick(thickness=3, size=16).encode(x="low:Q", y=y, color=colour, tooltip=tooltip)
    highs = base.mark_tick(thickness=3, size=16).encode(x="high:Q", y=y, color=colour, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=6, fontSize=11).encode(x="high:Q", y=y, text="figure:N")
    panel = alt.layer(bars, lows, highs, labels).properties(title=_GROUP, width=520)
    return json.dumps(alt.vconcat(panel, data=alt.Data(values=[])).properties(title="").to_dict())


def _range(f: Figure) -> tuple[int | None, int | None]:
    low = f.min if f.min is not None else f.max
    high = f.max if f.max is not None else f.min
    return low, high


def casualties(figures: Sequence[Figure], sides: dict[int, str], *, title: str = "Figures by side and category") -> dict[str, Any]:
    """One bar per source for each side and category, from its lowest to its highest figure."""
    rows = []
    for f in figures:
        low, high = _range(f)
        if low is None or high is None or f.category == "kg:Strength" and f.kind not in ("", "kg:Personnel"):
            continue
        side = f"side {f.side}: {sides.get(f.side, '')}" if f.side is not None else "no side"
        counted = f.unit or f.kind.removeprefix("kg:").lower() or "people"
        rows.append({
            "group": f"{side} · {f.category.removeprefix('kg:')}", "source": f.source or "no source",
            "side": f.side, "category": f.category.removeprefix("kg:"),
            "low": low, "high": high, "exact": low == high, "open": f.max is None,
            "figure": f"{low}" if low == high else f"{low}–{high if f.max is not None else ''}",
            "counted": counted, "approximate": bool(f.approximate), "text": f.text,
            "span": f"{f.begin}-{f.end}" if f.begin is not None else "",
        })
    order = {c: n for n, c in enumerate(("Killed", "Wounded", "KilledOrWounded", "Captured", "Missing"))}
    groups = sorted(dict.fromkeys((r["side"], r["category"], r["group"]) for r in rows),
                    key=lambda g: (g[1] == "Strength", g[0] if g[0] is not None else 99, order.get(g[1], 50), g[1]))
    spec = json.loads(_casualties_template())
    panel = json.dumps(spec["vconcat"][0])
    panels = []
    for _, _, group in groups:  # one panel per side and category: deaths first, strength last
        one = json.loads(panel.replace(_GROUP, json.dumps(group)[1:-1]))
        panels.append(one)
    if not panels:
        panels = [{"mark": {"type": "text", "text": "no figure was read"}, "width": 520, "height": 30}]
    spec["vconcat"] = panels
    spec["data"] = {"values": rows}
    spec["title"] = title
    spec["usermeta"] = {"kg": "casualties"}
    return spec
