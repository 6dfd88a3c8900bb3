"""bench/article_text.py: no comment or docstring of kg quotes the flagship article's text."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

import pytest

from bench.article_text import (
    FLAGSHIP,
    ROOT,
    Quote,
    _comments,
    article_specific,
    code_quotes,
    findings,
    main,
    python_quotes,
    read_articles,
    toml_quotes,
    vocabulary,
)


def test_no_comment_of_kg_quotes_the_flagship(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(FLAGSHIP)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("quote", "specific"),
    [
        ("Ada Varo was killed", True),  # a capitalised word after the first
        ("the 9th Brigade", True),  # a digit
        ("Ostian forces attacked", True),  # a first word the articles only write capitalised
        ("The army attacked", False),  # a first word capitalised at a sentence's start only
        ("taken prisoner", False),
    ],
)
def test_article_specific(quote: str, specific: bool) -> None:
    assert article_specific(quote, {"Ostian"}) is specific


ARTICLE = """= Battle of Tolan =

Infobox
- Casualties1: 12 killed

The Ostian forces attacked on 3 May. The army attacked again; the Ostian army was taken prisoner.
"""

SOURCE = '''"""Read a battle: ``Ostian forces attacked`` (a name), "taken prisoner" (generic)."""

CODE = "the Ostian army was taken prisoner"  # a string the code uses, not an example


def f() -> None:
    """The day: "on 3 May" and 'The army attacked' (a sentence's first word)."""
    # a field: ``Casualties1``; a claim: “Ostian army was
    # taken prisoner” over two comment lines
'''


def test_python_quotes_are_docstrings_and_comments_only(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(SOURCE, encoding="utf-8")
    assert [(q.line, q.text) for q in python_quotes(path)] == [
        (1, "Ostian forces attacked"),
        (1, "taken prisoner"),
        (7, "on 3 May"),
        (7, "The army attacked"),
        (8, "Casualties1"),
        (8, "Ostian army was taken prisoner"),
    ]


def test_findings_report_article_specific_quotes_only(tmp_path: Path) -> None:
    article = tmp_path / "tolan.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code = tmp_path / "m.py"
    code.write_text(SOURCE, encoding="utf-8")
    found = findings(python_quotes(code), read_articles([tmp_path]))
    assert [f.quote.text for f in found] == ["Ostian forces attacked", "on 3 May", "Ostian army was taken prisoner"]
    assert {f.article for f in found} == {article}
    generic = findings(python_quotes(code), read_articles([article]), generic=True)
    assert [f.quote.text for f in generic] == [
        "Ostian forces attacked",
        "taken prisoner",
        "on 3 May",
        "The army attacked",
        "Ostian army was taken prisoner",
    ]


#: Python lines where a ``#`` is in a string or in a comment (one line each, joined below)
TRICKY = "\n".join([
    r'x = "# not a comment"  # a comment with "quotes"',
    r"y = 'it\'s # no comment'  # it's one",
    r'z = r"\"# still a string"  # raw',
    r'''s = """a docstring's # hash''',
    r'''and "quotes" """ + "\'\'\'" + """more # text"""  # after a triple-quoted string''',
    r"""f = f"{'#'} {x!r:>10}"  # an f-string""",
    r't = ("one"  # between the parts',
    r'     "two"',
    r'     "three")  # after the parts',
    'u = "a\\',
    r'# in a string continued over a line"',
    "#",
    "",
])


def test_comments_are_the_ones_tokenize_finds() -> None:
    expected = [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(TRICKY).readline)
                if t.type == tokenize.COMMENT]
    assert list(_comments(TRICKY)) == expected
    assert len(expected) == 8


def test_toml_quotes_are_comments_only(tmp_path: Path) -> None:
    path = tmp_path / "words.toml"
    path.write_text(
        '# the nouns of "Ostian forces attacked"\n'
        'nouns = ["# not a comment", "taken prisoner"]  # as in "on 3 May"\n'
        "\n"
        "# 'The army attacked'\n",
        encoding="utf-8",
    )
    assert list(toml_quotes(path)) == [
        Quote(path, 1, "Ostian forces attacked"),
        Quote(path, 2, "on 3 May"),
        Quote(path, 4, "The army attacked"),
    ]


def test_ellipsis_splits_a_quote(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text('# "The Battle of Tolan (1911) was ..." and ``"Ada Varo"``\n', encoding="utf-8")
    assert [q.text for q in python_quotes(path)] == ["The Battle of Tolan (1911) was", "Ada Varo"]


def test_code_quotes_reads_kg_and_the_lexicons() -> None:
    folders = {q.path.parent.relative_to(ROOT).as_posix() for q in code_quotes()}
    assert {"kg/parse", "data/lexicons", "data/mapping"} <= folders


def test_vocabulary_is_the_lexicons_words() -> None:
    assert {"Lt.", "Col.", "killed"} <= vocabulary()


def test_missing_article_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "none.txt")]) == 2
    assert "none.txt" in capsys.readouterr().err


def test_lexicon_words_and_field_names_are_not_article_text(tmp_path: Path) -> None:
    article = tmp_path / "tolan.txt"
    article.write_text("- Commander1: Lt. Col. Ada Varo\n\nLt. Col. Ada Varo led the Ostian army.\n", encoding="utf-8")
    code = tmp_path / "m.py"
    code.write_text('# ranks: "Lt. Col.", "Lt. Col. Ada Varo"; a field: ``Commander1``\n', encoding="utf-8")
    found = findings(python_quotes(code), read_articles([article]), words={"Lt.", "Col."})
    assert [f.quote.text for f in found] == ["Lt. Col. Ada Varo"]
