"""bench/generate.py makes distinct articles that kg reads (a smoke test, not a benchmark)."""
from __future__ import annotations

import pytest

from bench.generate import generate_article, load_sources, unique_place
from kg.article import parse_article
from kg.rdf.iris import slugify

# Two small articles in the corpus format, written for this test (the generator reads real ones).
_ARTICLES = {
    "battle_of_kelvara.txt": (
        "= Battle of Kelvara =\n\nInfobox\n- Conflict: Battle of Kelvara\n- Place: Kelvara, Chad\n"
        "- Date: February 1, 2008\n- Result: Government victory\n- Combatant1: Chad\n- Combatant2: UFDD\n"
        "- Commander1: Idris Morane, Daoud SoumainKIA\n- Strength1: 500-1000 men, 70 vehicles\n"
        "- Casualties1: 16–28 killed, 3,000 captured\n\n"
        "On February 1, 2008, rebels attacked Kelvara. Morane led 1,300 men.\n\n== Aftermath ==\n"
        "Soumain was killed in 2008.\n"
    ),
    "siege_of_orvanto.txt": (
        "= Siege of Orvanto (1651) =\n\nInfobox\n- Place: Orvanto, Spain\n- Date: 23–25 September 1651\n"
        "- Commander2: Luis Peña\n- Strength2: ~1,500\n\nThe siege of Orvanto lasted three days.\n"
    ),
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("sources")
    for name, text in _ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_sources(folder)


def test_n_distinct_parseable_articles(sources) -> None:
    articles = [generate_article(sources, i, seed=3) for i in range(60)]
    slugs = {slugify(title) for title, _ in articles}
    assert len(slugs) == 60
    for title, text in articles:
        parsed = parse_article(text)
        assert parsed.title == title
        assert parsed.infobox  # the infobox survives the variation
        assert "Kelvara" not in title and "Orvanto" not in title


def test_deterministic_by_seed_and_index(sources) -> None:
    assert generate_article(sources, 7, seed=1) == generate_article(sources, 7, seed=1)
    assert generate_article(sources, 7, seed=1) != generate_article(sources, 7, seed=2)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("battle_of_kelvara.txt", ["Chad", "February 1,", "UFDD", "KIA"]),  # country, day, acronym, residue
        ("siege_of_orvanto.txt", ["Spain", "23–25 September", "~"]),
    ],
)
def test_keeps_what_is_not_particular(sources, name: str, kept: list[str]) -> None:
    index = next(i for i in range(200) if _source_of(sources, i) == name)
    _, text = generate_article(sources, index, seed=1)
    for piece in kept:
        assert piece in text


def _source_of(sources, index: int) -> str:
    import random

    rng = random.Random(1 * 1_000_003 + index)
    return sources[rng.randrange(len(sources))].name


def test_commander_names_change_consistently(sources) -> None:
    index = next(i for i in range(200) if _source_of(sources, i) == "battle_of_kelvara.txt")
    _, text = generate_article(sources, index, seed=1)
    assert "Morane" not in text and "Soumain" not in text


def test_unique_place_names_never_repeat() -> None:
    names = [unique_place(i, 5) for i in range(70_000)]
    assert len(set(names)) == len(names)
