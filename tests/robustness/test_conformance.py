"""The flagship's exports parse with independent parsers to the mapper's triples (.ci/conformance
runs the same checks over the whole corpus in CI)."""
from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from kg.export import FORMATS

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "conformance"
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
NO_RAPPER = "rapper (Debian package raptor2-utils) is not installed"


def _load_script():
    loader = importlib.machinery.SourceFileLoader("kg_conformance", str(SCRIPT))
    spec = importlib.util.spec_from_loader("kg_conformance", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    loader.exec_module(module)
    return module


conformance = _load_script()
# The tests run check_article on the flagship five or six times: this module's copy of the script
# builds it once and canonicalises each distinct text once (canonical() is a pure function, and
# pyld's normaliser takes a third of a second for a thousand triples).
conformance.build = functools.cache(conformance.build)
conformance.canonical = functools.cache(conformance.canonical)


@pytest.fixture(scope="module")
def flagship(tmp_path_factory):
    return conformance.check_article(FLAGSHIP, tmp_path_factory.mktemp("exports"), rapper=shutil.which("rapper") is not None)


def test_pyoxigraph_reads_every_export_to_the_mapper_triples(flagship):
    assert flagship.failures == []
    assert flagship.triples > 200
    assert flagship.pyoxigraph == len(FORMATS)


def test_pyld_expands_the_jsonld_export_to_the_same_triples(flagship):
    assert flagship.pyld == 2  # the flat and the framed JSON-LD


@pytest.mark.skipif(shutil.which("rapper") is None, reason=NO_RAPPER)
def test_rapper_reads_turtle_ntriples_nquads_and_trig(flagship):
    assert flagship.failures == []
    assert flagship.rapper == 4


@pytest.mark.parametrize(
    ("fmt", "tamper", "message"),
    [
        pytest.param("nt", lambda text: text.replace("\n", "\n<http://example.org/a> <http://example.org/b> \"c\" .\n", 1),
                     "battle_of_araouane_2009.txt nt: pyoxigraph reads", id="one-triple-too-many"),
        pytest.param("turtle", lambda text: text + "\n<http://example.org/a> <b", "battle_of_araouane_2009.txt turtle: pyoxigraph cannot parse it",
                     id="truncated-turtle"),
        pytest.param("json-ld", lambda text: text.replace('"schema:minValue": 3', '"schema:minValue": 4', 1),
                     "battle_of_araouane_2009.txt json-ld: pyoxigraph reads", id="jsonld-with-another-value"),
    ],
)
def test_a_broken_export_is_a_failure(monkeypatch, tmp_path, fmt, tamper, message):
    """The checks are not vacuous: a changed export is reported, with the article and format.

    Only the changed format is checked here (the others pass in the test above)."""
    real = conformance.serialize
    monkeypatch.setattr(conformance, "serialize", lambda ds, f: tamper(real(ds, f)) if f == fmt else real(ds, f))
    monkeypatch.setattr(conformance, "FORMATS", {fmt: FORMATS[fmt]})
    result = conformance.check_article(FLAGSHIP, tmp_path, rapper=False)
    assert [f for f in result.failures if f.startswith(message)], result.failures
    assert all(f.startswith(f"battle_of_araouane_2009.txt {fmt}: ") for f in result.failures), result.failures
    assert result.pyoxigraph == 0


@pytest.mark.skipif(shutil.which("rapper") is None, reason=NO_RAPPER)
def test_rapper_reports_what_it_cannot_parse(monkeypatch, tmp_path):
    real = conformance.serialize
    monkeypatch.setattr(conformance, "serialize", lambda ds, f: real(ds, f) + "<a> <b" if f == "trig" else real(ds, f))
    monkeypatch.setattr(conformance, "FORMATS", {f: FORMATS[f] for f in ("nt", "trig")})  # one sound, one broken
    result = conformance.check_article(FLAGSHIP, tmp_path, rapper=True)
    assert any(f.startswith("battle_of_araouane_2009.txt trig: rapper: ") for f in result.failures), result.failures
    assert result.rapper == 1


def test_a_missing_article_is_a_usage_error(tmp_path, capsys):
    assert conformance.main([str(tmp_path / "none.txt")]) == 2
    assert capsys.readouterr().err.startswith("conformance: error: no such article: ")
