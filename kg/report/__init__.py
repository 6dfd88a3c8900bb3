"""``kg report``: one self-contained HTML page to look at what kg read from one article or a corpus.

For each article: a summary (when, where, sides and commanders with what became of them, result),
a timeline of its events with their precision, a map of its places with coordinates (and the list of
those without), its figures per side and category as ranges with one bar per source and the
consistency warnings, and the article text with each figure and event highlighted where it was read
(a click on a figure or event row shows its sentence). For several articles, an index and a timeline
of the battles come first, and each article is a section that draws its charts when opened.

The charts are Vega-Lite (made with altair); the page inlines the JavaScript that draws them (from
vl-convert) and the world outline, so it works offline. ``pip install 'kg[report]'`` installs both.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from ..errors import KgError
from ..summary import Summary, fate, summarize, when, where
from ..table import Place, event_rows

__all__ = ["ReportError", "build_report", "render"]


class ReportError(KgError):
    """The report cannot be made (its plotting libraries are missing)."""


def _libraries() -> tuple[Any, Any]:
    try:
        import altair
        import vl_convert
    except ImportError as exc:
        raise ReportError(f"kg report needs altair and vl-convert-python ({exc.name} is missing): pip install 'kg[report]'") from None
    return altair, vl_convert


def _bundle() -> str:
    """vega, vega-lite and vega-embed as one script, for the Vega-Lite version altair writes."""
    from altair.utils._importers import vl_version_for_vl_convert

    _, vlc = _libraries()
    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()).replace("</script", "<\\/script")


def _world() -> Any:
    import json

    from ..resources import resource_path

    return json.loads(resource_path("geo", "countries-110m.json").read_text(encoding="utf-8"))


def _anchor(s: Summary, n: int) -> str:
    slug = s.graph.rstrip("/").rsplit("/", 1)[-1]
    return f"a{n}-" + "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in slug)[:60]


def _places(s: Summary) -> list[Place]:
    seen: dict[str, Place] = {}
    for ev in s.events:
        for p in ev.places:
            seen.setdefault(p.iri, p)
    return list(seen.values())


def _killed(s: Summary) -> str:
    if s.battle is None:
        return ""
    row = event_rows([s.battle])[0]
    low, high = row["low"], row["high"]
    return "" if not low else low if low == high else f"{low}–{high}"


def _summary_html(s: Summary) -> str:
    items = [("when", when(s.battle)), ("where", where(s.battle))]
    if s.battle is not None and s.battle.conflicts:
        items.append(("part of", "; ".join(s.battle.conflicts)))
    out = [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items]
    for side in s.sides:
        words = escape(side.label or ", ".join(side.members))
        if side.members and ", ".join(side.members) != side.label:
            words += f' <span class="meta">(members: {escape(", ".join(side.members))})</span>'
        if side.supporters:
            words += f' <span class="meta">(supported by {escape(", ".join(side.supporters))})</span>'
        commanders = "; ".join(escape(fate(c)) for c in side.commanders)
        if commanders:
            words += f"<br>commanders: {commanders}"
        out.append(f"<dt>side {side.index}</dt><dd>{words}</dd>")
    if s.result:
        victor = f" (victor: side {s.victor})" if s.victor is not None else ""
        out.append(f"<dt>result</dt><dd>{escape(s.result)}{victor}</dd>")
    dead = _killed(s)
    if dead:
        out.append(f"<dt>killed</dt><dd>{escape(dead)} <span class=\"meta\">(lowest to highest across sources)</span></dd>")
    return f'<dl class="summary">{"".join(out)}</dl>'


def _figures_table(s: Summary) -> str:
    rows = []
    for f in s.figures:
        low = "" if f.min is None else str(f.min)
        high = "" if f.max is None else str(f.max)
        side = "" if f.side is None else f"{f.side}"
        span = f' data-span="{f.begin}-{f.end}"' if f.begin is not None and f.end is not None else ""
        rows.append(
            f"<tr{span}><td>{escape(side)}</td><td>{escape(f.category.removeprefix('kg:'))}</td>"
            f'<td class="n">{escape(low)}</td><td class="n">{escape(high)}</td><td>{"~" if f.approximate else ""}</td>'
            f"<td>{escape(f.unit)}</td><td>{escape(f.source)}</td><td>{escape(f.stated)}</td></tr>"
        )
    if not rows:
        return '<p class="none">No figure was read.</p>'
    head = "<tr><th>side</th><th>category</th><th>min</th><th>max</th><th>≈</th><th>counted</th><th>source</th><th>stated</th></tr>"
    return f'<table class="figures">{head}{"".join(rows)}</table>'


def _events_table(s: Summary) -> str:
    rows = []
    for ev in s.events:
        span = f' data-span="{ev.spans[0][0]}-{ev.spans[0][1]}"' if ev.spans else ""
        places = "; ".join(p.name for p in ev.places)
        rows.append(
            f"<tr{span}><td>{escape(ev.start)}</td><td>{escape(ev.end if ev.end != ev.start else '')}</td>"
            f"<td>{escape(ev.precision.removeprefix('time:unit').lower())}</td><td>{escape(ev.label)}</td>"
            f"<td>{escape(', '.join(t.removeprefix('kg:') for t in ev.types))}</td><td>{escape(places)}</td></tr>"
        )
    head = "<tr><th>start</th><th>end</th><th>precision</th><th>event</th><th>type</th><th>place</th></tr>"
    return f'<table class="events">{head}{"".join(rows)}</table>'


def _list(items: Iterable[str], empty: str) -> str:
    items = list(items)
    if not items:
        return f'<p class="none">{escape(empty)}</p>'
    return '<ul class="warnings">' + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _article_html(s: Summary, n: int, specs: dict[str, Any], findings: Sequence[Any], *, lazy: bool) -> str:
    from . import charts
    from .page import highlight

    key = _anchor(s, n)
    specs[f"{key}-timeline"] = charts.timeline(s.events, title="Events in time")
    places = _places(s)
    specs[f"{key}-map"] = charts.place_map(places, title="Places with coordinates")
    sides = {side.index: side.label for side in s.sides}
    about_battle = [f for f in s.figures if s.battle is not None and f.event == s.battle.iri]
    specs[f"{key}-casualties"] = charts.casualties(about_battle, sides, title="Figures about the battle, by side and category")
    without = [p.name for p in places if p.latitude is None or p.longitude is None]
    consistency = [f"{f.message}: {f.span_text or f.focus}" for f in findings]
    text = highlight(s.text, [(f.begin, f.end) for f in s.figures if f.begin is not None and f.end is not None],
                     [sp for ev in s.events for sp in ev.spans])
    parts = [
        _summary_html(s),
        "<h3>Timeline</h3>",
        f'<div class="chart timeline" data-spec="{key}-timeline"></div>',
        "<h3>Places</h3>",
        f'<div class="chart map" data-spec="{key}-map"></div>',
        "<p>Places without coordinates: " + (escape(", ".join(without)) if without else '<span class="none">none</span>') + "</p>",
        "<h3>Figures</h3>",
        f'<div class="chart casualties" data-spec="{key}-casualties"></div>',
        "<h4>Consistency warnings</h4>",
        _list(consistency, "None: every bound of the infobox figures is supported by the prose, or the prose gives no figure."),
        "<h4>To check</h4>",
        _list(s.warnings(), "Nothing: every figure and commander has a side and every infobox field was read."),
        _figures_table(s),
        "<h3>Events</h3>",
        _events_table(s),
        "<h3>The article</h3>",
        '<div class="sentence" hidden></div>',
        f'<pre class="text">{text}</pre>',
    ]
    inner = "\n".join(parts)
    if lazy:
        return f'<details class="article" id="{key}"><summary>{escape(s.title)}</summary>\n{inner}\n</details>'
    return f'<section class="article" id="{key}">\n{inner}\n</section>'


def _index_html(summaries: Sequence[Summary]) -> str:
    rows = []
    for n, s in enumerate(summaries):
        warnings = len(s.warnings())
        rows.append(
            f'<tr><td><a href="#{_anchor(s, n)}">{escape(s.title)}</a></td><td>{escape(when(s.battle))}</td>'
            f"<td>{escape(where(s.battle))}</td><td class=\"n\">{escape(_killed(s))}</td>"
            f'<td class="n">{sum(not e.main for e in s.events)}</td><td class="n">{len(s.figures)}</td><td class="n">{warnings}</td></tr>'
        )
    head = "<tr><th>article</th><th>when</th><th>where</th><th>killed</th><th>events</th><th>figures</th><th>to check</th></tr>"
    return f'<table class="index">{head}{"".join(rows)}</table>'


def _findings_by_graph(summaries: Sequence[Summary], reports: Iterable[Any]) -> dict[str, list[Any]]:
    """The validation warnings about figures, filed under the article graph they concern."""
    owners: list[tuple[str, str]] = []
    for s in summaries:
        owners.extend((f.iri, s.graph) for f in s.figures)
        owners.extend((ev.iri + "/", s.graph) for ev in s.events if ev.main)
    owners.sort(key=lambda pair: -len(pair[0]))
    found: dict[str, list[Any]] = {}
    for report in reports:
        for finding in report.findings:
            if finding.severity == "Violation" or "/claim/" not in finding.focus:
                continue
            graph = next((g for prefix, g in owners if finding.focus.startswith(prefix)), None)
            if graph is not None:
                found.setdefault(graph, []).append(finding)
    return found


def render(sources: Any) -> str:
    """The report page of the articles in *sources* (a :class:`kg.sources.Sources`)."""
    from .. import __version__
    from ..validate import validate
    from .page import page

    _libraries()
    summaries = summarize(sources.target)
    if not summaries:
        raise ReportError("the input holds no kg article graph (no kg:Article): nothing to report")
    findings = _findings_by_graph(summaries, (validate(ds) for ds in sources.datasets()))
    specs: dict[str, Any] = {}
    corpus = len(summaries) > 1
    parts = []
    if corpus:
        from . import charts

        battles = [s.battle for s in summaries if s.battle is not None]
        specs["corpus-timeline"] = charts.timeline(battles, title="The battles in time", by_article=True)
        specs["corpus-map"] = charts.place_map(
            [p for s in summaries for p in _places(s)], title="Every place with coordinates")
        parts += [
            "<h2>Articles</h2>", _index_html(summaries),
            "<h2>Timeline</h2>", '<div class="chart timeline" data-spec="corpus-timeline"></div>',
            "<h2>Places</h2>", '<div class="chart map" data-spec="corpus-map"></div>',
            "<h2>Each article</h2>",
        ]
    for n, s in enumerate(summaries):
        parts.append(_article_html(s, n, specs, findings.get(s.graph, []), lazy=corpus))
    title = f"kg report: {summaries[0].title}" if not corpus else f"kg report: {len(summaries)} articles"
    files = ", ".join(Path(f).name for f in sources.files[:5]) + (" ..." if len(sources.files) > 5 else "")
    meta = escape(f"Made by kg {__version__} from {files}. Click a figure or an event to see the sentence it was read from.")
    return page(title=title, body="\n".join(parts), specs=specs, world=_world(), bundle=_bundle(), meta=meta)


def build_report(paths: Iterable[str | Path], *, base: str | None = None) -> str:
    """The report page of the articles, folders of articles and graph files *paths*."""
    from ..sources import open_sources

    _libraries()
    return render(open_sources(paths, base=base))
