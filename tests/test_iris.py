"""Slugs and IRIs: stable, legal, derived from the article."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from kg.errors import KgError
from kg.rdf.iris import DEFAULT_BASE, IriScheme, check_base, slugify


@pytest.mark.parametrize(
    "title, slug",
    [
        pytest.param("Battle of Araouane (2009)", "battle-of-araouane-2009", id="parenthesised-year"),
        pytest.param("Battle of Acayuazá", "battle-of-acayuaza", id="accent-folded"),
        pytest.param("2022 Kyrgyzstan–Tajikistan clashes", "2022-kyrgyzstan-tajikistan-clashes", id="en-dash"),
        pytest.param('A "quoted" <title> #1 100%', "a-quoted-title-1-100", id="iri-illegal-characters"),
        pytest.param("Битва под Белой Церковью", "битва-под-белой-церковью", id="cyrillic-kept"),
        pytest.param("معركة الحديدة", "معركة-الحديدة", id="arabic-rtl-kept"),
        pytest.param("\u202eevil\u202c title", "evil-title", id="bidi-controls-dropped"),
        pytest.param("Battle 🙂 of Emoji", "battle-of-emoji", id="emoji-dropped"),
        pytest.param("", "untitled", id="empty"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_symbol_only_titles_get_distinct_stable_slugs():
    a, b = slugify("🙂"), slugify("🙃")
    assert a.startswith("x-") and b.startswith("x-") and a != b
    assert slugify("🙂") == a


@given(st.text(max_size=80))
def test_slugs_are_legal_iri_segments(text):
    slug = slugify(text)
    assert slug and not any(c in slug for c in ' <>"{}|\\^`#%/?')
    assert slug == slugify(text)


@pytest.mark.parametrize("base", ["no-scheme/", "http://x.org/with space/", "http://x.org/<x>/"])
def test_bad_base_is_refused(base):
    with pytest.raises(KgError, match="not an absolute IRI"):
        check_base(base)


def test_base_must_end_with_separator():
    with pytest.raises(KgError, match="must end with"):
        check_base("http://example.org/kg")


def test_iri_scheme():
    s = IriScheme(DEFAULT_BASE, "battle-of-x")
    assert s.graph == URIRef(DEFAULT_BASE + "graph/battle-of-x")
    assert s.battle == URIRef(DEFAULT_BASE + "event/battle-of-x")
    assert s.span(3, 9) == URIRef(DEFAULT_BASE + "article/battle-of-x#char=3,9")
    assert s.side(2) == URIRef(DEFAULT_BASE + "event/battle-of-x/side/2")
    assert s.country("Côte d'Ivoire") == URIRef(DEFAULT_BASE + "country/cote-d-ivoire")
    assert s.external_event("Mali War") == URIRef(DEFAULT_BASE + "event/mali-war")
