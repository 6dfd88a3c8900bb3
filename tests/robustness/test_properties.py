"""Property tests over the reader and every value parser, fed what articles really hold.

tests/parse/ already feeds each parser ``st.text()``: random text that almost never reaches the
grammar. Here the text is built from the pieces real infobox values are made of (values copied
from the corpus, residue such as flag icons and glued status markers, numbers, dates, dashes,
non-Latin letters, right-to-left text, emoji), goes through ``clean_value`` first as in the
pipeline, and every parser must give a result or its typed error, with these invariants:

- every span is inside the text and ``text[start:end]`` is what the result says it read;
- a figure is never negative and never has min > max;
- a date range never ends before it starts; clock times are clock times;
- the reader's spans of a generated article (BOM, CRLF, repeated keys, empty values) hold.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.article import ArticleError, parse_article
from kg.errors import DateParseError, NameParseError, PlaceParseError, QuantityParseError
from kg.parse.actors import parse_actors
from kg.parse.clean import clean_value
from kg.parse.date_types import DateRange, PartialDate
from kg.parse.dates import find_dates, parse_dates
from kg.parse.figure_core import Figure
from kg.parse.figure_scan import scan_figures
from kg.parse.figures import parse_figure, parse_quantities
from kg.parse.names import parse_people, parse_person
from kg.parse.numbers import parse_number
from kg.parse.places import find_places, parse_places
from kg.parse.results import parse_result
from kg.parse.times import find_times

# ---- what values are made of ----------------------------------------------------------------------

#: Infobox values as they are in the corpus (copied, residue and all).
REAL_VALUES = [
    "17–22+ killed, 2 captured, 2 killed", "Unofficial estimate:, 2 killed and 1 wounded", "31+ killed",
    "None, 1 killed, 2 wounded, border|20pxborder|20px 3 killed, 5 wounded", "1,200 – 3,000, (estimate)",
    "70 killed (by 5 August)", "16–28 killed, 3-30 prisoners", "~40 men", "70 men, 12 pick-ups",
    "Burmese sources:, 60,000+ men, 2,400 horses, 360 elephants Thai sources:, 120,000+ men|",
    "Unknown (Initially), 50–60 (HOR estimate, 14 June 2018), 46 (12 February 2019)", "500 cavalry",
    "Rohullah Khanzada, , Ata Mohammad Khan, , Gen. Sami Sadat, , Colonel Sharifullah Sartayib",
    "Serasker Hasan BeyKIA, Murad PashaKIA, Hadım Ali PashaKIA, , Haydar PashaKIA", "Hamma Ould Mohamed YahyaPOW",
    "WIA", "Vyacheslav Tikhomirov,", "Yoav Gallant, Itzik Cohen", "Ephesus, (modern-day Selçuk, İzmir, Turkey)",
    "Zacatecas, Zacatecas", "Babanusa, West Kordofan, Sudan", "British Egypt and Ottoman Syria", "near Araouane, Mali",
    "21 May – 12 June 2021", "598, 612–614", "February 22, 2017", "680–1355 (675 years)", "October 1641 – April 1653, ()",
    "July 4, 2009", "Ongoing (Map of the current military situation)", "Ottoman victory", "AQIM and allied victory",
    "Ceasefire and mutual disengagement to pre-battle positions", "RSF takes full control over the city.",
    "Abu Sayyaf, 25px Rogue MNLF fighters Jemaah Islamiyah", "Cossack Hetmanate , Crimean Khanate",
    "Military of the Islamic State, * IS-CAP (until 2022), * ISMP (from 2022)", "AQIM and affiliated drug traffickers",
]
PIECES = [
    "0", "7", "12", "1,000", "2,400", "5 000", "sixteen", "twenty-six", "a dozen", "dozens", "several hundred",
    "~", "≈", "c. ", "about ", "at least ", "up to ", "over ", "between ", " and ", " to ", "–", "—", "-", "−",
    "+", "±", " killed", " wounded", " captured", " men", " pick-ups", "Unknown", "?", "None", ", ", "; ", "(", ")",
    "()", "[1]", "[citation needed]", "<hr>", "25px", "20px", "border|20px", "|", "KIA", "POW", "WIA", "†",
    "Gen. ", "Colonel ", "Lt. Col. ", "near ", "north of ", "modern-day ", "July ", "4 ", "2009", "31 ", "1990s",
    "BC", "AD", " present", "–present", "3am", "15:30", "victory", "defeat", "Pyrrhic ", "stalemate", "Mali",
    "Russia", "Ottoman", "Kingdom of X", "Al-Qaeda", " and allied", "supported by", "*", ":", "\n", "\t", " ",
    "Битва", "Белая Церковь", "\u0645\u0639\u0631\u0643\u0629", "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd", "\u202e",
    "\u200f", "\u2067", "\ufeff", "\u00a0", "\u200b", "💥", "🇲🇱", "🏳️‍🌈", "e\u0301", "ﬁ", "Ⅻ", "٣", "৩", "𝟕",
]

_piece_text = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
_real_with_noise = st.tuples(st.sampled_from(REAL_VALUES), _piece_text, st.sampled_from(REAL_VALUES)).map(
    lambda t: t[0] + t[1] + t[2]
)
#: Raw infobox values: real ones, glued real ones, pieces, and any text at all.
RAW = st.one_of(st.sampled_from(REAL_VALUES), _real_with_noise, _piece_text, st.text(max_size=60))
#: What the parsers receive: values after clean_value, as the pipeline gives them.
VALUES = RAW.map(clean_value)

SETTINGS = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _span(text: str, start: int, end: int, said: str) -> None:
    assert 0 <= start <= end <= len(text)
    assert text[start:end] == said


# ---- clean_value ---------------------------------------------------------------------------------


@SETTINGS
@given(RAW)
def test_clean_value_is_stable_on_real_residue(raw: str) -> None:
    once = clean_value(raw)
    assert clean_value(once) == once
    assert once == once.strip()
    assert "<hr>" not in once and "\n" not in once


# ---- numbers and quantities ----------------------------------------------------------------------


@SETTINGS
@given(VALUES)
def test_parse_number_gives_a_whole_number_or_a_typed_error(text: str) -> None:
    try:
        value = parse_number(text)
    except QuantityParseError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(value, int) and value >= 0


def _figure_ok(text: str, f: Figure) -> None:
    assert f.min is None or f.min >= 0
    assert f.max is None or f.max >= 0
    assert f.min is None or f.max is None or f.min <= f.max
    _span(text, f.start, f.end, f.text)


@SETTINGS
@given(VALUES)
def test_parse_quantities_keeps_figures_ordered_and_non_negative(text: str) -> None:
    result = parse_quantities(text)
    for f in result.figures:
        _figure_ok(text, f)
    assert all(q == q.lower() for q in result.qualitative)


@SETTINGS
@given(VALUES)
def test_parse_figure_gives_one_figure_or_a_typed_error(text: str) -> None:
    try:
        f = parse_figure(text)
    except QuantityParseError as exc:
        assert "\n" not in str(exc)
        return
    _figure_ok(text, f)


@SETTINGS
@given(st.lists(st.one_of(VALUES, st.sampled_from(["Sixteen Malian soldiers were killed.", " On 4 July 2009, "])), max_size=4).map(" ".join))
def test_scan_figures_in_prose_are_ordered_and_inside_the_text(text: str) -> None:
    previous = 0
    for f in scan_figures(text):
        _figure_ok(text, f)
        assert f.start >= previous, "figures overlap or come out of order"
        previous = f.end


# ---- dates ---------------------------------------------------------------------------------------


def _low(d: PartialDate) -> tuple[int, ...]:
    return (d.year, d.month or 1, d.day or 1, d.hour or 0, d.minute or 0)


def _high(d: PartialDate) -> tuple[int, ...]:
    return (d.year, d.month or 12, d.day or 31, 23 if d.hour is None else d.hour, 59 if d.minute is None else d.minute)


def _range_ok(text: str, r: DateRange) -> None:
    _span(text, r.begin, r.stop, r.text)
    if r.end is None:
        assert r.ongoing
    else:
        assert _high(r.end) >= _low(r.start), f"{r.text!r} ends before it starts"
    for d in (r.start, r.end):
        if d is not None:
            assert -9999 <= d.year <= 9999


@SETTINGS
@given(VALUES, st.one_of(st.none(), st.integers(-500, 2100)))
def test_parse_dates_never_end_before_they_start(text: str, default_year: int | None) -> None:
    try:
        ranges = parse_dates(text, default_year=default_year)
    except DateParseError as exc:
        assert "\n" not in str(exc)
        return
    assert ranges
    for r in ranges:
        _range_ok(text, r)


@SETTINGS
@given(st.lists(VALUES, max_size=4).map(" ".join), st.one_of(st.none(), st.integers(-500, 2100)))
def test_find_dates_and_times_in_prose(text: str, default_year: int | None) -> None:
    for r in find_dates(text, default_year=default_year):
        _range_ok(text, r)
    for t in find_times(text):
        _span(text, t.begin, t.stop, t.text)
        assert 0 <= t.start_hour <= 23 and 0 <= t.start_minute <= 59
        assert t.end_hour is None or (0 <= t.end_hour <= 23 and 0 <= (t.end_minute or 0) <= 59)


# ---- people, places, actors, results ---------------------------------------------------------------


@SETTINGS
@given(VALUES)
def test_parse_people_spans_hold(text: str) -> None:
    for person in parse_people(text):
        _span(text, person.start, person.end, person.text)
        assert person.unknown == (person.name is None)
        assert person.name is None or (person.name and person.name == person.name.strip())


@SETTINGS
@given(VALUES)
def test_parse_person_gives_a_person_or_a_typed_error(text: str) -> None:
    try:
        person = parse_person(text)
    except NameParseError as exc:
        assert "\n" not in str(exc)
        return
    _span(text, person.start, person.end, person.text)


@SETTINGS
@given(VALUES)
def test_parse_places_gives_named_places_or_a_typed_error(text: str) -> None:
    try:
        places = parse_places(text)
    except PlaceParseError as exc:
        assert "\n" not in str(exc)
        return
    assert places
    for place in places:
        assert place.names and all(n and n == n.strip() for n in place.names)
        _span(text, place.start, place.end, place.text)


@SETTINGS
@given(st.lists(VALUES, max_size=4).map(" ".join))
def test_find_places_in_prose_do_not_overlap(text: str) -> None:
    previous = 0
    for place in find_places(text):
        assert previous <= place.start < place.end
        _span(text, place.start, place.end, place.text)
        previous = place.end


@SETTINGS
@given(VALUES)
def test_parse_actors_spans_hold(text: str) -> None:
    for mention in parse_actors(text):
        assert mention.name and mention.name == mention.name.strip()
        _span(text, mention.start, mention.end, mention.text)


@SETTINGS
@given(VALUES, st.lists(st.lists(VALUES, min_size=1, max_size=3), max_size=3))
def test_parse_result_names_a_side_that_exists(text: str, sides: list[list[str]]) -> None:
    result = parse_result(text, sides)
    assert result.outcome
    assert result.victor_side is None or (1 <= result.victor_side <= len(sides) and result.victor_text)


# ---- the reader ----------------------------------------------------------------------------------

_KEYS = st.sampled_from(["Date", "Place", "Result", "Combatant1", "Combatant2", "Commander1", "Strength1",
                         "Casualties1", "Casualties2", "Map Type", "Partof", "", "Date", "Ünïcödé", "Ключ", "💥"])
_FIELD = st.tuples(_KEYS, st.sampled_from([": ", ":", " : ", "", ":\t"]), RAW).map(lambda t: f"- {t[0]}{t[1]}{t[2]}")
_PROSE = st.lists(st.one_of(VALUES, st.sampled_from(["On July 4, 2009, clashes broke out.", "Gen. A. B. Smith said \"no.\" Then",
                                                     "== Background ==", "=== Sub ===", "==  ==", "", "= Not a title ="])),
                  max_size=8)


@st.composite
def _articles(draw) -> str:
    title = draw(st.one_of(st.sampled_from(["Battle of Nowhere (2009)", "Битва", "\u202eRTL\u202c", "💥", "A = B"]),
                           st.text(min_size=1, max_size=20).filter(lambda t: t.strip() and "\n" not in t and "\r" not in t)))
    lines = [draw(st.sampled_from(["", "\ufeff"])) + f"= {title} =", ""]
    if draw(st.booleans()):
        lines += ["Infobox", *draw(st.lists(_FIELD, max_size=10))]
    lines += draw(_PROSE)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


@settings(max_examples=300, deadline=None, database=None)
@given(_articles())
def test_generated_articles_read_with_spans_that_hold(text: str) -> None:
    try:
        article = parse_article(text)
    except ArticleError as exc:
        assert "\n" not in str(exc)
        return
    # control characters are read as their visible symbols, one for one: every offset still holds
    assert len(article.text) == len(text)
    assert all(a == b or (ord(b) < 32 or ord(b) == 127) and a == chr(0x2400 + (ord(b) if ord(b) < 32 else 0x21))
               for a, b in zip(article.text, text))
    assert article.controls == sum(1 for a, b in zip(article.text, text) if a != b)
    text = article.text
    _span(text, article.title_span.start, article.title_span.end, article.title)
    for f in article.infobox:
        _span(text, f.value_span.start, f.value_span.end, f.value)
        _span(text, f.key_span.start, f.key_span.end, f.key)
        assert f.line.start <= f.key_span.start and f.value_span.end <= f.line.end
        assert "\n" not in f.value  # a lone CR is a character, not a line break (LF or CRLF end lines)
    ends = 0
    for section in article.sections:
        for paragraph in section.paragraphs:
            _span(text, paragraph.span.start, paragraph.span.end, paragraph.text)
            assert paragraph.span.start >= ends
            ends = paragraph.span.end
            for sentence in paragraph.sentences:
                _span(text, sentence.span.start, sentence.span.end, sentence.text)
                assert paragraph.span.start <= sentence.span.start and sentence.span.end <= paragraph.span.end
    repeated = [f.name for f in article.infobox if f.name]
    for name in set(repeated):
        assert len(article.fields(name)) == repeated.count(name)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "is empty", id="empty"),
        pytest.param("\ufeff\r\n \r\n", "is empty", id="bom-and-blank-crlf-lines"),
        pytest.param("Infobox\n- Date: 4 July 2009\n", "first line 'Infobox' is not a title line", id="infobox-without-title"),
        pytest.param("== Section ==\ntext\n", "first line '== Section ==' is not a title line", id="section-heading-first"),
        pytest.param("=  =\n", "first line '=  =' is not a title line", id="blank-title"),
        pytest.param("= T =\n\x00", "contains NUL bytes", id="nul-byte"),
    ],
)
def test_not_an_article_is_one_typed_error(text: str, message: str) -> None:
    with pytest.raises(ArticleError) as err:
        parse_article(text, source="a.txt")
    assert message in str(err.value) and "\n" not in str(err.value)
