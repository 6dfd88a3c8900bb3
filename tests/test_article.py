"""The article reader: structure, offsets into the original text, tolerance of real-world residue."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.article import MAX_ARTICLE_CHARS, field_name, parse_article, read_article
from kg.errors import ArticleError

FLAGSHIP = "data/battle_of_araouane_2009.txt"

MINIMAL = "= A Battle =\n\nInfobox\n- Date: 1 May 1900\n- Place: Somewhere\n\nLead text here.\n\n== Background ==\nFirst. Second one.\n"


def spans_point_into_text(article) -> None:
    text = article.text
    assert text[article.title_span.start : article.title_span.end] == article.title
    for f in article.infobox:
        assert text[f.value_span.start : f.value_span.end] == f.value
        assert text[f.key_span.start : f.key_span.end] == f.key
        assert text[f.line.start : f.line.end].startswith("-")
    for p in article.paragraphs:
        assert text[p.span.start : p.span.end] == p.text
        for s in p.sentences:
            assert text[s.span.start : s.span.end] == s.text


def test_flagship_structure():
    a = read_article(FLAGSHIP)
    assert a.title == "Battle of Araouane (2009)"
    assert [f.key for f in a.infobox] == [
        "Conflict", "Place", "Date", "Result", "Combatant1", "Combatant2", "Commander1", "Commander2",
        "Strength1", "Strength2", "Casualties1", "Casualties2",
    ]
    assert a.field_value("casualties1") == "16–28 killed, 3-30 prisoners"
    assert [(s.title, s.level) for s in a.sections] == [(None, 1), ("Background", 2), ("Battle", 2), ("Aftermath", 2)]
    assert len(a.sentences) == 15
    assert a.sentences[0].text.startswith("On July 4, 2009, clashes broke out")
    spans_point_into_text(a)


def test_flagship_infobox_line_span_is_the_whole_line():
    a = read_article(FLAGSHIP)
    (f,) = a.fields("casualties1")
    assert a.text[f.line.start : f.line.end] == "- Casualties1: 16–28 killed, 3-30 prisoners"


def test_quoted_sentences_stay_whole():
    a = read_article(FLAGSHIP)
    quoted = [s.text for s in a.sentences if s.text.startswith("Survivors")]
    assert quoted == [
        'Survivors of the battle stated that "of the twelve army vehicles, six were destroyed with their '
        'occupants, and the other six were scattered in the desert. We don\'t yet know who is alive and who is dead."'
    ]


@pytest.mark.parametrize(
    "text, title, keys, sections",
    [
        pytest.param(MINIMAL, "A Battle", ["Date", "Place"], [None, "Background"], id="minimal"),
        pytest.param(MINIMAL.replace("\n", "\r\n"), "A Battle", ["Date", "Place"], [None, "Background"], id="crlf"),
        pytest.param("\ufeff" + MINIMAL, "A Battle", ["Date", "Place"], [None, "Background"], id="bom"),
        pytest.param("= No Box =\n\nJust prose.\n", "No Box", [], [None], id="no-infobox"),
        pytest.param("= T =\n\nInfobox\n- Result:\n- Place: X\n\nText.", "T", ["Result", "Place"], [None], id="empty-value"),
        pytest.param("= T =\nInfobox\n- Date: 1900\n- Date: 1901\n", "T", ["Date", "Date"], [], id="repeated-key"),
        pytest.param("= T =\n\nInfobox\n- Unknownkey: v\n\n==Heading==\nCut off mid-sent", "T", ["Unknownkey"], ["Heading"], id="cut-off"),
        pytest.param("= T =\n\n==A==\nx.\n===Deeper===\ny.\n", "T", [], ["A", "Deeper"], id="no-space-headings"),
        pytest.param("\n\n  = Padded title =  \n\nBody.", "Padded title", [], [None], id="leading-blank-lines"),
    ],
)
def test_reads_messy_articles(text, title, keys, sections):
    a = parse_article(text)
    assert a.title == title
    assert [f.key for f in a.infobox] == keys
    assert [s.title for s in a.sections] == sections
    spans_point_into_text(a)


def test_empty_value_is_kept_empty():
    a = parse_article("= T =\n\nInfobox\n- Result:\n")
    assert a.infobox[0].value == "" and a.infobox[0].name == "result"


def test_crlf_offsets_exclude_carriage_return():
    a = parse_article(MINIMAL.replace("\n", "\r\n"))
    assert a.infobox[0].value == "1 May 1900"
    assert "\r" not in a.text[a.infobox[0].line.start : a.infobox[0].line.end]


def test_infobox_line_without_colon_is_kept_with_empty_key():
    a = parse_article("= T =\n\nInfobox\n- stray line\n")
    assert (a.infobox[0].key, a.infobox[0].value) == ("", "stray line")


def test_heading_levels():
    a = parse_article("= T =\n\n== A ==\nx.\n=== B ===\ny.\n")
    assert [(s.title, s.level) for s in a.sections] == [("A", 2), ("B", 3)]


@pytest.mark.parametrize(
    "text, sentences",
    [
        pytest.param("Col. Smith arrived. He left.", ["Col. Smith arrived.", "He left."], id="rank-abbreviation"),
        pytest.param("In c. 1500 B.C. things. Then more.", ["In c. 1500 B.C. things.", "Then more."], id="circa-and-initials"),
        pytest.param("The U.S. Army came. It won.", ["The U.S. Army came.", "It won."], id="initialism"),
        pytest.param("It ended in 1990. 2,000 died.", ["It ended in 1990.", "2,000 died."], id="digit-start"),
        pytest.param("No full stop at the end", ["No full stop at the end"], id="cut-off"),
    ],
)
def test_sentence_splitting(text, sentences):
    a = parse_article(f"= T =\n\n{text}\n")
    assert [s.text for s in a.sentences] == sentences


@pytest.mark.parametrize(
    "key, name",
    [("Casualties1", "casualties1"), ("Map Type", "maptype"), ("Combatants Header", "combatantsheader"), ("Part_of", "partof")],
)
def test_field_name(key, name):
    assert field_name(key) == name


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param("", "is empty", id="empty"),
        pytest.param("   \n\n  ", "is empty", id="blank"),
        pytest.param("Just text, no title\n", "is not a title line", id="no-title"),
        pytest.param("== Section ==\ntext", "is not a title line", id="section-first"),
        pytest.param("= T =\x00\x01", "NUL bytes", id="binary"),
    ],
)
def test_bad_articles_raise_article_error(text, message):
    with pytest.raises(ArticleError, match=message):
        parse_article(text)


def test_too_long_article_is_refused():
    with pytest.raises(ArticleError, match="more than the limit"):
        parse_article("= T =\n" + "x" * MAX_ARTICLE_CHARS)


@pytest.mark.parametrize(
    "setup, message",
    [
        pytest.param(lambda p: None, "no such file", id="missing"),
        pytest.param(lambda p: p.mkdir(), "is a directory", id="directory"),
        pytest.param(lambda p: p.write_bytes("= Caf\xe9 =\n".encode("latin-1")), "is not UTF-8", id="latin-1"),
    ],
)
def test_read_article_bad_files(tmp_path, setup, message):
    path = tmp_path / "a.txt"
    setup(path)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


@settings(deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_an_article_or_an_article_error(text):
    try:
        a = parse_article("= T =\n" + text)
    except ArticleError:
        return
    spans_point_into_text(a)
