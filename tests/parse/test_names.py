"""Tests of kg.parse.names on real commander values (flagship article and corpus)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import NameParseError
from kg.parse.names import PersonName, parse_people, parse_person


def _fields(p: PersonName) -> tuple:
    return (p.name, p.rank, p.status, p.unknown, p.note, p.alias)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Hamma Ould Mohamed YahyaPOW", ("Hamma Ould Mohamed Yahya", None, ("captured",), False, None, None), id="flagship-glued-POW"),
        pytest.param("Unknown", (None, None, (), True, None, None), id="flagship-Unknown"),
        pytest.param("unknown", (None, None, (), True, None, None), id="lower-unknown"),
        pytest.param("?", (None, None, (), True, None, None), id="question-mark"),
        pytest.param("N/A", (None, None, (), True, None, None), id="n-a"),
        pytest.param("Usman KhanKIA", ("Usman Khan", None, ("killed",), False, None, None), id="glued-KIA"),
        pytest.param("Abdus khanPOW", ("Abdus khan", None, ("captured",), False, None, None), id="glued-after-lowercase-word"),
        pytest.param("Ali POW", ("Ali", None, ("captured",), False, None, None), id="spaced-POW"),
        pytest.param("Sebastian IMIA", ("Sebastian I", None, ("missing",), False, None, None), id="glued-after-roman-numeral"),
        pytest.param("Shaah Macabe (MIA)", ("Shaah Macabe", None, ("missing",), False, None, None), id="marker-in-parens"),
        pytest.param("Colonel Konstantinos DovasWIA", ("Konstantinos Dovas", "Colonel", ("wounded",), False, None, None), id="rank-word-and-WIA"),
        pytest.param("Lt. Col. John Paolo Perez", ("John Paolo Perez", "Lieutenant Colonel", (), False, None, None), id="chained-rank"),
        pytest.param("Brig. Gen. Carlito Galvez Jr.", ("Carlito Galvez Jr.", "Brigadier General", (), False, None, None), id="jr-stays"),
        pytest.param("Maj. Gen Kamal Gunaratne", ("Kamal Gunaratne", "Major General", (), False, None, None), id="dotless-second-rank"),
        pytest.param("FM. Khalifa Haftar", ("Khalifa Haftar", "Field Marshal", (), False, None, None), id="FM-abbreviation"),
        pytest.param("Field Marshal Khalifa Haftar", ("Khalifa Haftar", "Field Marshal", (), False, None, None), id="field-marshal-words"),
        pytest.param("Cpt. Sékou Traoré", ("Sékou Traoré", "Captain", (), False, None, None), id="cpt"),
        pytest.param("Pres. Benigno Aquino III", ("Benigno Aquino III", "President", (), False, None, None), id="president"),
        pytest.param("Gen. Sami Sadat", ("Sami Sadat", "General", (), False, None, None), id="gen"),
        pytest.param("King Xiaocheng", ("King Xiaocheng", None, (), False, None, None), id="title-stays-in-name"),
        pytest.param("Major General Frederick Roberts", ("Frederick Roberts", "Major General", (), False, None, None), id="full-word-chain"),
        pytest.param(
            'Bonomade Machude Omar (alias "Ibn Omar")',
            ("Bonomade Machude Omar", None, (), False, None, "Ibn Omar"),
            id="alias-in-parens",
        ),
        pytest.param(
            'Amin al-Kabayli ("al-Abras")KIA',
            ("Amin al-Kabayli", None, ("killed",), False, None, "al-Abras"),
            id="quoted-alias-then-glued-KIA",
        ),
        pytest.param(
            "Mohamed al-ZahawiKIA (Ansar al-Shariah Leader)",
            ("Mohamed al-Zahawi", None, ("killed",), False, "Ansar al-Shariah Leader", None),
            id="glued-KIA-then-role",
        ),
        pytest.param('Ali "Dheere" Mohamud', ("Ali Mohamud", None, (), False, None, "Dheere"), id="inline-nickname"),
        pytest.param('"Muhamudu"KIA', ("Muhamudu", None, ("killed",), False, None, None), id="quoted-only-name"),
        pytest.param("CAR François Bozizé", ("François Bozizé", None, (), False, "CAR", None), id="flag-code-prefix"),
        pytest.param("Abu Aqla Kikal (defected)", ("Abu Aqla Kikal", None, ("defected",), False, None, None), id="defected"),
        pytest.param("Kang I-sik (?)", ("Kang I-sik", None, (), False, "?", None), id="uncertain-note"),
        pytest.param(":es:Julián Ernesto Guevara", ("Julián Ernesto Guevara", None, (), False, None, None), id="interwiki-residue"),
        pytest.param("Maj. Gen. Abdul Latif Hamoud Al-Mahdi KIA", ("Abdul Latif Hamoud Al-Mahdi", "Major General", ("killed",), False, None, None), id="rank-and-spaced-KIA"),
        pytest.param("WIA", (None, None, ("wounded",), True, None, None), id="marker-alone"),
    ],
)
def test_parse_person(text: str, expected: tuple) -> None:
    person = parse_person(text)
    assert _fields(person) == expected
    assert (person.text, person.start, person.end) == (text, 0, len(text))


@pytest.mark.parametrize("text", [pytest.param("", id="empty"), pytest.param(" , ", id="punctuation"), pytest.param("()", id="empty-parens")])
def test_parse_person_rejects_nothing(text: str) -> None:
    with pytest.raises(NameParseError):
        parse_person(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Gen. Khalifa Haftar, (Commander of Operation Dignity), Col. Wanis Abu Khamada, (Commander of Libya's Special Forces)",
            [("Khalifa Haftar", "General", (), False, "Commander of Operation Dignity", None),
             ("Wanis Abu Khamada", "Colonel", (), False, "Commander of Libya's Special Forces", None)],
            id="role-notes-after-commas",
        ),
        pytest.param(
            "Sisiku Julius Ayuk Tabe, Samuel Ikome Sako, Ebenezer Akwanga,...and others",
            [("Sisiku Julius Ayuk Tabe", None, (), False, None, None),
             ("Samuel Ikome Sako", None, (), False, None, None),
             ("Ebenezer Akwanga", None, (), False, None, None)],
            id="and-others-skipped",
        ),
        pytest.param(
            "Mohammed DangoKIA, Mohammed Al-Mansouri, KIA",
            [("Mohammed Dango", None, ("killed",), False, None, None),
             ("Mohammed Al-Mansouri", None, ("killed",), False, None, None)],
            id="marker-after-comma-belongs-before",
        ),
        pytest.param(
            "First battle, Ahmad al-Tayeb, Second battle, Abu Aqla Kikal (defected)",
            [("Ahmad al-Tayeb", None, (), False, None, None),
             ("Abu Aqla Kikal", None, ("defected",), False, None, None)],
            id="battle-headings-skipped",
        ),
        pytest.param(
            "Emperors:, Constantine IV, Nikephoros IKIA",
            [("Constantine IV", None, (), False, None, None), ("Nikephoros I", None, ("killed",), False, None, None)],
            id="colon-heading-skipped",
        ),
        pytest.param(
            "Filipe Nyusi, (2017–25), Daniel Chapo, (since 2025)",
            [("Filipe Nyusi", None, (), False, "2017–25", None), ("Daniel Chapo", None, (), False, "since 2025", None)],
            id="term-notes-without-letters",
        ),
        pytest.param("", [], id="empty-value"),
        pytest.param(
            "Mali, Hamadou Sy, Niger, Issa KoneKIA",
            [("Hamadou Sy", None, (), False, None, None), ("Issa Kone", None, ("killed",), False, None, None)],
            id="a-states-name-alone-is-a-heading",
        ),
    ],
)
def test_parse_people(text: str, expected: list[tuple]) -> None:
    people = parse_people(text)
    assert [_fields(p) for p in people] == expected
    for person in people:
        assert text[person.start : person.end] == person.text


def test_note_item_extends_the_span() -> None:
    text = "Abiy Ahmed, (Prime Minister of Ethiopia), Mohammed Tessema"
    first, second = parse_people(text)
    assert (first.start, first.end, first.text) == (0, 40, "Abiy Ahmed, (Prime Minister of Ethiopia)")
    assert (second.start, second.end) == (42, 58)


@given(st.text(max_size=120))
def test_parse_people_never_raises_and_spans_hold(text: str) -> None:
    for person in parse_people(text):
        assert 0 <= person.start <= person.end <= len(text)
        assert text[person.start : person.end] == person.text
        assert person.unknown == (person.name is None)
        assert len(set(person.status)) == len(person.status)


@given(st.text(max_size=80))
def test_parse_person_gives_a_person_or_a_typed_error(text: str) -> None:
    try:
        person = parse_person(text)
    except NameParseError:
        return
    assert person.name is None or person.name.strip() == person.name
