"""The report page: one HTML file holding its data, its charts and the JavaScript that draws them.

Nothing is fetched: the Vega-Lite/Vega/vega-embed bundle (from vl-convert) and the world outline
are inlined, and a Content-Security-Policy forbids every request, so a page that tried one would
show it as an error in the browser's console.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

__all__ = ["highlight", "page"]

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1180px; padding: 0 18px 60px; color: #222; }
h1 { font-size: 1.6em; margin: 18px 0 4px; } h2 { font-size: 1.3em; margin: 26px 0 6px; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05em; margin: 18px 0 6px; } .meta { color: #666; font-size: 0.9em; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.summary dt { font-weight: 600; color: #555; } dl.summary dd { margin: 0; }
.chart { width: 100%; min-height: 60px; margin: 8px 0; }
table { border-collapse: collapse; font-size: 0.92em; margin: 6px 0; width: 100%; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f5f4f0; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr[data-span] { cursor: pointer; } tr[data-span]:hover { background: #fff6d8; }
ul.warnings li { color: #8a4b00; } .none { color: #888; font-style: italic; }
pre.text { white-space: pre-wrap; font: 14px/1.5 Georgia, serif; background: #fbfaf7; padding: 12px; border: 1px solid #eee; }
.hl.fig { background: #ffe2a8; } .hl.ev { text-decoration: underline #5b8bd9 2px; } .hl.flash { outline: 2px solid #d33; background: #ffc36b; }
.sentence { border-left: 4px solid #d33; background: #fff8ef; padding: 6px 10px; margin: 8px 0; }
details.article > summary { cursor: pointer; font-size: 1.15em; font-weight: 600; padding: 6px 0; }
"""

_SCRIPT = """
(function () {
  const specs = JSON.parse(document.getElementById('kg-specs').textContent);
  const world = JSON.parse(document.getElementById('kg-world').textContent);
  let drawn = 0;
  function draw(el) {
    if (el.dataset.drawn) return Promise.resolve();
    el.dataset.drawn = 'pending';
    const spec = specs[el.dataset.spec];
    if (spec.usermeta && spec.usermeta.kg === 'map') spec.datasets = Object.assign({}, spec.datasets, {world: world});
    return vegaEmbed(el, spec, {actions: false, renderer: 'svg'}).then(function () {
      el.dataset.drawn = 'yes'; drawn += 1; document.body.dataset.charts = String(drawn);
    }).catch(function (e) { console.error('kg report: chart ' + el.dataset.spec + ': ' + e); });
  }
  function drawIn(root) { return Promise.all(Array.from(root.querySelectorAll('.chart[data-spec]')).map(draw)); }
  const lazy = Array.from(document.querySelectorAll('details.article'));
  lazy.forEach(function (d) { d.addEventListener('toggle', function () { if (d.open) drawIn(d); }); });
  const eager = Array.from(document.querySelectorAll('.chart[data-spec]')).filter(function (el) {
    const d = el.closest('details.article'); return !d || d.open;
  });
  Promise.all(eager.map(draw)).then(function () { document.body.dataset.ready = 'yes'; });
  document.addEventListener('click', function (event) {
    const row = event.target.closest('tr[data-span]');
    if (!row) return;
    const article = row.closest('.article');
    const key = row.dataset.span;
    article.querySelectorAll('.hl.flash').forEach(function (el) { el.classList.remove('flash'); });
    const pieces = Array.from(article.querySelectorAll('.hl')).filter(function (el) {
      return (el.dataset.spans || '').split(' ').indexOf(key) >= 0;
    });
    pieces.forEach(function (el) { el.classList.add('flash'); });
    const box = article.querySelector('.sentence');
    box.textContent = pieces.map(function (el) { return el.textContent; }).join('');
    box.hidden = pieces.length === 0;
    if (pieces.length) pieces[0].scrollIntoView({block: 'center', behavior: 'smooth'});
  });
})();
"""

_CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'")


def _json_script(element_id: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def highlight(text: str, figure_spans: Sequence[tuple[int, int]], event_spans: Sequence[tuple[int, int]]) -> str:
    """*text* as HTML with every piece inside a span marked: ``<span class="hl fig" data-spans="b-e ...">``.

    Spans may overlap; each piece between two span boundaries lists every span covering it, so a
    click on a row finds exactly the pieces of its span.
    """
    n = len(text)
    spans = [(max(0, b), min(n, e), "fig") for b, e in figure_spans] + [(max(0, b), min(n, e), "ev") for b, e in event_spans]
    spans = [s for s in spans if s[0] < s[1]]
    cuts = sorted({0, n, *(b for b, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for start, stop in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s[0] <= start and stop <= s[1]]
        piece = escape(text[start:stop])
        if not covering:
            out.append(piece)
            continue
        kinds = " ".join(sorted({k for _, _, k in covering}))
        keys = " ".join(sorted({f"{b}-{e}" for b, e, _ in covering}))
        out.append(f'<span class="hl {kinds}" data-spans="{keys}">{piece}</span>')
    return "".join(out)


def page(*, title: str, body: str, specs: dict[str, Any], world: Any, bundle: str, meta: str) -> str:
    """The whole HTML document."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style>",
        f"<script>{bundle}</script>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{meta}</p>',
        body,
        _json_script("kg-specs", specs),
        _json_script("kg-world", world),
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ])
