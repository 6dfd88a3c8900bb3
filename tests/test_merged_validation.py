"""A graph that merges many articles validates as its articles do one by one (issue 12, item 10).

The articles: the flagship, the three of tests/data/store/ and the two of tests/data/merge/, where
the infobox of Varnholt ends between the two prose figures of Tollen (offsets that mean nothing
across articles) and both name a different Colonel John Smith.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.export import to_dataset
from kg.pipeline import build
from kg.validate import validate

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = [
    DATA.parent.parent / "data" / "battle_of_araouane_2009.txt",
    *sorted((DATA / "store").glob("*.txt")),
    *sorted((DATA / "merge").glob("*.txt")),
]


def _findings(report) -> set[tuple]:
    return {(f.severity, f.shape, f.focus, f.path, f.value) for f in report.findings}


@pytest.fixture(scope="module")
def built():
    return [build(path) for path in ARTICLES]


def test_the_merge_articles_put_one_infobox_end_between_the_others_prose_figures(built):
    by_title = {b.article.title: b for b in built}
    box_end = by_title["Battle of Varnholt (1917)"].article.infobox_span.end
    tollen = by_title["Skirmish at Tollen (1917)"]
    prose = sorted(c.span.start for c in tollen.facts.claims if c.span.start > tollen.article.infobox_span.end)
    assert prose[0] < box_end < prose[-1]


def test_a_merged_graph_gives_the_findings_of_its_articles(built):
    one_by_one = set().union(*(_findings(validate(b.dataset())) for b in built))
    merged = _findings(validate(to_dataset([b.graph for b in built])))
    assert merged == one_by_one
    assert {f[1] for f in one_by_one if f[0] == "Violation"} == set()
    assert "kgsh:Claim-infoboxLowerBoundSupported" in {f[1] for f in one_by_one}


# pySHACL reads the two articles of tests/data/merge/ (spans that cross, one name in two articles)
# and Kelbara, whose infobox bound no prose claim supports (a warning the merge must keep), merged:
# it finds there what the fast engine finds, which is what each article gives alone (above; and
# pySHACL gives the fast engine's report on the flagship alone: tests/test_shacl_fast.py).
PYSHACL_READS = ("battle_of_kelbara_2011.txt", "battle_of_varnholt_1917.txt", "skirmish_at_tollen_1917.txt")


def test_pyshacl_finds_in_a_merged_graph_what_the_fast_engine_finds(built):
    articles = [b for path, b in zip(ARTICLES, built, strict=True) if path.name in PYSHACL_READS]
    assert len(articles) == len(PYSHACL_READS)
    merged = to_dataset([b.graph for b in articles])
    found = _findings(validate(merged, engine="pyshacl"))
    assert found == _findings(validate(merged, engine="fast"))
    assert found == set().union(*(_findings(validate(b.dataset())) for b in articles))
    assert "kgsh:Claim-infoboxLowerBoundSupported" in {f[1] for f in found}
