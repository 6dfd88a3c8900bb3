"""Tests of kg.parse.places on real place values and prose sentences."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import PlaceParseError
from kg.parse.places import PlaceValue, find_places, parse_places


def _fields(p: PlaceValue) -> tuple:
    return (p.qualifier, p.names, p.country, p.note)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("near Araouane, Mali", [("near", ("Araouane", "Mali"), "Mali", None)], id="flagship-near"),
        pytest.param(
            "Tilwa, Ouallam Department, Niger",
            [(None, ("Tilwa", "Ouallam Department", "Niger"), "Niger", None)],
            id="three-level-chain",
        ),
        pytest.param(
            "Massaguet and Massakory, Chad",
            [(None, ("Massaguet", "Chad"), "Chad", None), (None, ("Massakory", "Chad"), "Chad", None)],
            id="two-towns-share-the-country",
        ),
        pytest.param(
            "Between Teguey and Bankilare, Tillabéri Region, Niger",
            [("between", ("Teguey", "Tillabéri Region", "Niger"), "Niger", None),
             ("between", ("Bankilare", "Tillabéri Region", "Niger"), "Niger", None)],
            id="between-gives-both-ends",
        ),
        pytest.param(
            "Ephesus, (modern-day Selçuk, İzmir, Turkey)",
            [(None, ("Ephesus",), None, None), (None, ("Selçuk", "İzmir", "Turkey"), "Turkey", None)],
            id="present-day-parenthesis-is-a-place",
        ),
        pytest.param(
            "Khamnor (Haldighati), Rajsamand district",
            [(None, ("Khamnor", "Rajsamand district"), None, "Haldighati")],
            id="parenthetical-note",
        ),
        pytest.param(
            "North of present-day Yanggu County, Shandong, China",
            [("north_of", ("Yanggu County", "Shandong", "China"), "China", None)],
            id="north-of-and-present-day",
        ),
        pytest.param("Along Yellow River, Henan", [("along", ("Yellow River", "Henan"), None, None)], id="along"),
        pytest.param(
            "Deynile Neighborhood of Mogadishu, Somalia",
            [(None, ("Deynile Neighborhood", "Mogadishu", "Somalia"), "Somalia", None)],
            id="type-of-place",
        ),
        pytest.param(
            "Konitsa, Epirus, northwestern Greece",
            [(None, ("Konitsa", "Epirus", "northwestern Greece"), "Greece", None)],
            id="direction-before-country",
        ),
        pytest.param(
            "Bangui central African Republic",
            [(None, ("Bangui", "central African Republic"), "Central African Republic", None)],
            id="country-glued-without-comma",
        ),
        pytest.param(
            "Cabo Delgado Province, Mozambique; spillovers into Niassa Province and Mtwara Rural",
            [(None, ("Cabo Delgado Province", "Mozambique"), "Mozambique", None),
             ("spillover", ("Niassa Province",), None, None),
             ("spillover", ("Mtwara Rural",), None, None)],
            id="semicolon-spillover-group",
        ),
        pytest.param(
            "Atakora Department, Alibori Department, and Borgou Department, Benin",
            [(None, ("Atakora Department", "Benin"), "Benin", None),
             (None, ("Alibori Department", "Benin"), "Benin", None),
             (None, ("Borgou Department", "Benin"), "Benin", None)],
            id="serial-and-siblings",
        ),
        pytest.param(
            "Kitchanga and surrounding villages, North Kivu, Democratic Republic of the Congo",
            [(None, ("Kitchanga", "North Kivu", "Democratic Republic of the Congo"), "Democratic Republic of the Congo", None)],
            id="vague-sibling-dropped",
        ),
        pytest.param(
            "Sudbischi village, Russian Tsardom (modern Russia, Oryol region)",
            [(None, ("Sudbischi", "Russian Tsardom"), "Tsardom of Russia", None),
             (None, ("Oryol region", "Russia"), "Russia", None)],
            id="historical-state-alias-descriptor-and-modern-chain-turned-round",
        ),
        pytest.param("Basilan, Southern Philippines", [(None, ("Basilan", "Southern Philippines"), "Philippines", None)], id="southern-not-split"),
        pytest.param("Kyrgyzstan–Tajikistan border", [(None, ("Kyrgyzstan–Tajikistan border",), None, None)], id="border-no-single-country"),
    ],
)
def test_parse_places(text: str, expected: list[tuple]) -> None:
    places = parse_places(text)
    assert [_fields(p) for p in places] == expected
    for place in places:
        assert text[place.start : place.end] == place.text


PRESENT_DAY = [
    ("Kohima, Naga Hills District, British India (now Nagaland, India)",
     [(None, ("Kohima", "Naga Hills District", "British India"), False), (None, ("Nagaland", "India"), True)]),
    ("Valtoria, Grey Province (present-day Ostrava, Redland)",
     [(None, ("Valtoria", "Grey Province"), False), (None, ("Ostrava", "Redland"), True)]),
    ("Hillfort, Old Kingdom (northwest of present-day Newtown, Lake District)",
     [(None, ("Hillfort", "Old Kingdom"), False), ("northwest_of", ("Newtown", "Lake District"), True)]),
    ("Kharda (modern-day Maharashtra)", [(None, ("Kharda",), False), (None, ("Maharashtra",), True)]),
    ("Fort Blue, (modern Russia, Oryol region)", [(None, ("Fort Blue",), False), (None, ("Oryol region", "Russia"), True)]),
    ("Redtown, Rajasthan (near Bluetown)", [(None, ("Redtown", "Rajasthan"), False), ("near", ("Bluetown",), False)]),
    ("Amhara Region and the Western Zone (Spillovers into Oromo Region)",
     [(None, ("Amhara Region",), False), (None, ("Western Zone",), False), ("spillover", ("Oromo Region",), False)]),
    ("Northwest Region, Cameroon (Spillover in Cameroon's Littoral Region and Nigeria's Cross River State)",
     [(None, ("Northwest Region", "Cameroon"), False), ("spillover", ("Littoral Region", "Cameroon"), False),
      ("spillover", ("Cross River State", "Nigeria"), False)]),
]


@pytest.mark.parametrize(("text", "expected"), PRESENT_DAY, ids=[t for t, _ in PRESENT_DAY])
def test_a_parenthesis_naming_a_present_day_or_qualified_place_gives_places(text: str, expected: list[tuple]) -> None:
    places = parse_places(text)
    assert [(p.qualifier, p.names, p.present_day) for p in places] == expected
    for place in places:
        assert text[place.start : place.end] == place.text


DESCRIPTORS = [
    ("Sudbischi village, Redland", ("Sudbischi", "Redland")),
    ("Ryazan and Tula lands, Redland", ("Ryazan", "Redland"), ("Tula", "Redland")),
    ("The plain of Otumba, modern-day Mexico", ("Otumba", "Mexico")),
    ("the environs of Newtown, Redland", ("Newtown", "Redland")),
    ("Kitchanga and surrounding villages, North Kivu", ("Kitchanga", "North Kivu")),
    ("Olympic Village, Newtown", ("Olympic Village", "Newtown")),
    ("Saada city, Yemen", ("Saada city", "Yemen")),
]


@pytest.mark.parametrize(("text", *["expected"]), [(t, e) for t, *e in DESCRIPTORS], ids=[t for t, *_ in DESCRIPTORS])
def test_descriptor_words_are_never_part_of_a_place(text: str, expected: list[tuple[str, ...]]) -> None:
    assert [p.names for p in parse_places(text)] == expected


QUALIFIED = [
    ("Outside Newtown, Redland", "outside"), ("The outskirts of Newtown", "outskirts"),
    ("Beneath the walls of Newtown", "beneath"), ("Off the coast of Redland", "off"),
    ("Southwest of Newtown, Redland", "southwest_of"), ("Across Redland", "across"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIED, ids=[t for t, _ in QUALIFIED])
def test_qualifier_words_open_the_relation_and_never_join_the_place(text: str, qualifier: str) -> None:
    (place,) = parse_places(text)
    assert place.qualifier == qualifier
    assert not any(w.lower() in ("outside", "outskirts", "beneath", "walls", "off", "coast", "southwest", "across")
                   for name in place.names for w in name.split())


def test_every_qualifier_the_lexicon_reads_has_its_own_vocabulary_term() -> None:
    from kg.rdf.namespaces import KG
    from kg.rdf.terms import term
    from kg.resources import lexicon

    ids = set(lexicon("places.toml")["qualifiers"])
    terms = {qid: term("relation", qid) for qid in ids}
    fallback = [qid for qid, found in terms.items() if found == KG["in"] and qid != "in"]
    assert fallback == []
    assert len(set(terms.values())) == len(ids)


def test_sibling_spans_run_from_the_leaf_to_the_shared_chain() -> None:
    first, second = parse_places("Massaguet and Massakory, Chad")
    assert (first.start, first.end) == (0, 29)
    assert (second.text, second.start) == ("Massakory, Chad", 14)


@pytest.mark.parametrize("text", [pytest.param("", id="empty"), pytest.param("(unknown)", id="only-a-note"), pytest.param(", ;", id="punctuation")])
def test_parse_places_rejects_values_without_a_place(text: str) -> None:
    with pytest.raises(PlaceParseError):
        parse_places(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "On July 4, 2009, clashes broke out between Al-Qaeda in the Islamic Maghreb (AQIM) and Malian forces near Araouane, Mali.",
            [("near", ("Araouane", "Mali"), "Mali", "near Araouane, Mali")],
            id="flagship-org-name-skipped-place-kept",
        ),
        pytest.param(
            "On June 11, 2009, AQIM jihadists assassinated Malian officer Lamana Ould Bou in his home in Timbuktu.",
            [("in", ("Timbuktu",), None, "in Timbuktu")],
            id="in-his-home-in",
        ),
        pytest.param(
            "Malian forces launched an offensive against AQIM in retaliation for the assassination on June 16, near Garn-Akassa, killing sixteen.",
            [("near", ("Garn-Akassa",), None, "near Garn-Akassa")],
            id="in-retaliation-is-not-a-place",
        ),
        pytest.param(
            "American intelligence alerted Malian officials to a drug trafficking convoy in rural northern Tombouctou Region.",
            [("in", ("Tombouctou Region",), None, "in rural northern Tombouctou Region")],
            id="lowercase-modifiers",
        ),
        pytest.param(
            "The battle took place in the town of Aguelhok, Kidal Region of Northern Mali, in January 2012.",
            [("in", ("Aguelhok", "Kidal Region", "Northern Mali"), "Mali", "in the town of Aguelhok, Kidal Region of Northern Mali")],
            id="town-of-and-region-of",
        ),
        pytest.param("Yahya was released in March 2012.", [], id="month-is-not-a-place"),
        pytest.param(
            "In Timbuktu, the fighters regrouped outside Gao.",
            [("in", ("Timbuktu",), None, "In Timbuktu"), ("outside", ("Gao",), None, "outside Gao")],
            id="sentence-initial-In",
        ),
        pytest.param(
            "The Islamic State in the Greater Sahara attacked soldiers north of Ouallam.",
            [("north_of", ("Ouallam",), None, "north of Ouallam")],
            id="group-name-with-in-the",
        ),
    ],
)
def test_find_places(sentence: str, expected: list[tuple]) -> None:
    found = find_places(sentence)
    assert [(p.qualifier, p.names, p.country, p.text) for p in found] == expected
    for place in found:
        assert sentence[place.start : place.end] == place.text


@given(st.text(max_size=150))
def test_parse_places_gives_places_or_a_typed_error(text: str) -> None:
    try:
        places = parse_places(text)
    except PlaceParseError:
        return
    assert places
    for place in places:
        assert place.names and all(place.names)
        assert 0 <= place.start <= place.end <= len(text)
        assert text[place.start : place.end] == place.text


@given(st.text(max_size=150))
def test_find_places_spans_hold(text: str) -> None:
    previous_end = 0
    for place in find_places(text):
        assert previous_end <= place.start < place.end <= len(text)
        assert text[place.start : place.end] == place.text
        previous_end = place.end
