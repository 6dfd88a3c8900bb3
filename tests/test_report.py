"""kg report: the page's content, its charts' data, and the page drawn by a real browser (headless chromium)."""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.report.charts import epoch_ms
from kg.report.page import highlight

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
STORE_ARTICLES = ROOT / "tests" / "data" / "store"

# skipped without the report extra; looked up, not imported (importing altair takes a third of a
# second, and every test worker collects this module)
for _name, _package in (("altair", "altair"), ("vl_convert", "vl-convert-python")):
    if importlib.util.find_spec(_name) is None:
        pytest.skip(f"kg report needs {_package} (pip install 'kg[report]')", allow_module_level=True)


@pytest.mark.parametrize("stamp", ["2009-07-04T03:00:00", "1970-01-01T00:00:00", "1514-08-23T00:00:00", "0001-01-01T00:00:00"])
def test_epoch_ms_agrees_with_datetime(stamp):
    expected = datetime.fromisoformat(stamp).replace(tzinfo=UTC).timestamp() * 1000
    assert epoch_ms(stamp) == expected


def test_epoch_ms_counts_years_before_one():
    # XSD 1.1 and JavaScript both have a year 0 (1 BC); -0258 is 259 BC; 366 days in year 0
    assert epoch_ms("0000-01-01T00:00:00") == epoch_ms("0001-01-01T00:00:00") - 366 * 86400000
    assert epoch_ms("-0258-01-01") < epoch_ms("0000-01-01")
    assert epoch_ms("not a date") is None


def test_highlight_marks_overlapping_spans_piece_by_piece():
    html = highlight("ab<c>def", [(1, 5)], [(3, 8)])
    assert html == ('a<span class="hl fig" data-spans="1-5">b&lt;</span>'
                    '<span class="hl ev fig" data-spans="1-5 3-8">c&gt;</span>'
                    '<span class="hl ev" data-spans="3-8">def</span>')


@pytest.fixture(scope="module")
def flagship_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(main, ["report", str(FLAGSHIP), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _specs(html: str) -> dict:
    text = re.search(r'<script type="application/json" id="kg-specs">(.*?)</script>', html, re.DOTALL).group(1)
    return json.loads(text.replace("<\\/", "</"))


def test_the_page_is_self_contained(flagship_page):
    html = flagship_page.read_text(encoding="utf-8")
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", html, flags=re.DOTALL)  # the page, not its code
    assert markup.count("<script") == 4  # the bundle, the specs, the world outline, the page's code: all inline
    assert not re.search(r"<(script|img|iframe|embed|object)[^>]*\ssrc=|<link[^>]*\shref=", markup)  # nothing to fetch
    assert "Content-Security-Policy" in html and "connect-src 'none'" in html
    assert "vegaEmbed" in html  # the drawing code is inlined


def test_the_page_summarises_the_flagship(flagship_page):
    html = flagship_page.read_text(encoding="utf-8")
    assert "<dt>when</dt><dd>2009-07-04 (day)</dd>" in html
    assert "<dt>where</dt><dd>near Araouane, Mali</dd>" in html
    assert "commanders: Hamma Ould Mohamed Yahya (captured)" in html
    assert "<dt>result</dt><dd>AQIM and allied victory (victor: side 2)</dd>" in html
    # Casualties1: 16–28 killed -> the figure's row points at its line, and the line is highlighted
    assert '<tr data-span="349-392"><td>1</td><td>Killed</td><td class="n">16</td><td class="n">28</td>' in html
    assert '<span class="hl fig" data-spans="349-392">- Casualties1: 16–28 killed, 3-30 prisoners</span>' in html
    # the consistency warning: nothing in the prose supports 30 prisoners
    assert "No claim of the prose supports this upper bound of an infobox figure" in html
    # kg's links put Araouane and Timbuktu on the map (GeoNames); the other two are not populated places
    assert "Places without coordinates: Garn-Akassa, Tombouctou Region</p>" in html


def test_the_map_holds_the_flagships_geocoded_places(flagship_page):
    specs = _specs(flagship_page.read_text(encoding="utf-8"))
    (world,) = [s for s in specs.values() if s["usermeta"]["kg"] == "map"]
    points = {(r["place"], r["lat"], r["lon"]) for layer in _layers(world) for r in layer}
    assert points == {("Araouane", 18.90476, -3.52649), ("Timbuktu", 16.77348, -3.00742)}


def _layers(spec: dict) -> list[list[dict]]:
    """The rows of every layer of a chart that has place rows (the world outline has none)."""
    found = []
    for part in [spec, *spec.get("layer", [])]:
        values = (part.get("data") or {}).get("values")
        if isinstance(values, list) and values and isinstance(values[0], dict) and "place" in values[0]:
            found.append(values)
    return found


def test_the_charts_hold_the_flagship_figures(flagship_page):
    specs = _specs(flagship_page.read_text(encoding="utf-8"))
    kinds = sorted(spec["usermeta"]["kg"] for spec in specs.values())
    assert kinds == ["casualties", "map", "timeline"]
    casualties = next(s for s in specs.values() if s["usermeta"]["kg"] == "casualties")
    mali_killed = {(r["source"], r["low"], r["high"]) for r in casualties["data"]["values"] if r["group"] == "side 1: Mali · Killed"}
    assert mali_killed == {("infobox of Battle of Araouane (2009)", 16, 28), ("Jeune Afrique", 16, 16), ("AQIM", 28, 28)}
    timeline = next(s for s in specs.values() if s["usermeta"]["kg"] == "timeline")
    release = next(r for r in timeline["data"]["values"] if r["type"] == "Release")
    assert (release["precision"], release["point"]) == ("month", False)  # a month is a band
    assert release["end"] - release["begin"] > 29 * 86400000


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "corpus.html"
    result = CliRunner().invoke(main, ["report", str(STORE_ARTICLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_a_corpus_gets_an_index_and_a_timeline_of_its_battles(corpus_page):
    html = corpus_page.read_text(encoding="utf-8")
    assert html.count('<details class="article"') == 3
    assert re.findall(r'<td><a href="#[^"]+">([^<]+)</a></td>', html) == [
        "Battle of Kelbara (2011)", "Battle of Tamaris (2011)", "Siege of Orvane (2013)"]
    corpus = _specs(html)["corpus-timeline"]
    assert sorted(r["article"] for r in corpus["data"]["values"]) == [
        "Battle of Kelbara (2011)", "Battle of Tamaris (2011)", "Siege of Orvane (2013)"]


def test_report_of_nothing_readable_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: no such file:") and result.output.count("\n") == 1
    assert not (tmp_path / "r.html").exists()


def test_report_without_its_libraries_says_what_to_install(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_altair(name, *args, **kwargs):
        if name == "altair":
            raise ImportError("No module named 'altair'", name="altair")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_altair)
    result = CliRunner().invoke(main, ["report", str(FLAGSHIP), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.output == "kg: error: kg report needs altair and vl-convert-python (altair is missing): pip install 'kg[report]'\n"


# ---- in a real browser ----------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium; .ci/run does)")


def _chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        "--virtual-time-budget=20000", *args, page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _chart_markup(dom: str, kind: str) -> str:
    """What the browser drew inside the first chart element of *kind* (up to the next chart)."""
    start = dom.index(f'class="chart {kind}')
    following = dom.find('class="chart ', start + 10)
    return dom[start:following if following > 0 else len(dom)]


@pytest.fixture(scope="module")
def drawn_flagship(flagship_page, tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One browser run over the flagship's page: its console, the DOM it drew, and a screenshot."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does)")
    folder = tmp_path_factory.mktemp("chromium")
    shot = folder / "report.png"
    run = _chromium(folder, flagship_page, "--enable-logging=stderr", "--v=0", "--dump-dom",
                    "--hide-scrollbars", "--window-size=1280,2400", f"--screenshot={shot}")
    return run, shot


@needs_chromium
def test_the_browser_draws_every_chart_without_a_console_message(drawn_flagship):
    run, _shot = drawn_flagship
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []  # no error, no warning, no refused request (the page forbids every one)
    dom = run.stdout
    assert 'data-ready="yes"' in dom and 'data-charts="3"' in dom
    timeline, world, figures = (_chart_markup(dom, k) for k in ("timeline", "map", "casualties"))
    assert "<svg" in timeline and "mark-symbol" in timeline and "mark-rect" in timeline  # days as points, months as bands
    assert "<svg" in world and "mark-shape" in world  # the country outlines
    assert "<svg" in figures and "mark-rect" in figures and "Jeune Afrique" in figures


@needs_chromium
def test_the_browser_draws_a_corpus_page(corpus_page, tmp_path):
    run = _chromium(tmp_path, corpus_page, "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert [line for line in run.stderr.splitlines() if ":CONSOLE" in line] == []
    assert 'data-ready="yes"' in run.stdout and 'data-charts="2"' in run.stdout  # the corpus timeline and map
    assert "mark-rect" in _chart_markup(run.stdout, "timeline") or "mark-symbol" in _chart_markup(run.stdout, "timeline")


@needs_chromium
def test_a_screenshot_of_the_report(drawn_flagship):
    """The picture in docs/report.md is this screenshot (regenerate it with the command there); the
    browser takes it in the run that dumps the DOM checked above (one browser start, not two)."""
    run, shot = drawn_flagship
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a page with charts, not a blank one
