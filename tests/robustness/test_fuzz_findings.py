"""What the fuzz run (bench/fuzz.py) found, kept as regression tests: each test is one finding,
reduced to the smallest article that showed it."""
from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QuantityParseError
from kg.parse.figures import parse_quantities
from kg.parse.numbers import MAX_NUMBER, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("9,007,199,254,740,991", MAX_NUMBER, id="largest-json-safe-integer"),
        pytest.param("1.5 billion", 1_500_000_000, id="billions-still-read"),
    ],
)
def test_numbers_up_to_the_limit_are_read(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("9,007,199,254,740,992", id="one-above-the-limit"),
        pytest.param("99999999999999999999", id="twenty-nines"),
        pytest.param("1,000,000,000,000,000,000,000,000,000,000", id="ten-to-the-thirty"),
    ],
)
def test_a_number_above_the_limit_is_a_typed_error(text):
    with pytest.raises(QuantityParseError, match=r"^number too large: .* is more than 9,007,199,254,740,991$"):
        parse_number(text)


def test_a_huge_figure_is_left_over_not_read():
    """Fuzz: '99999999999999999999 men' became an xsd:integer that crashed the JSON-LD export
    (rdflib's orjson path: 'Integer exceeds 64-bit range') and that 64-bit stores cannot hold."""
    result = parse_quantities("99999999999999999999 men")
    assert (result.figures, result.leftover) == ((), ("99999999999999999999 men",))


def test_an_article_with_a_huge_figure_exports_json_ld(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("= Battle of Anywhere =\n\nInfobox\n- Strength1: 99999999999999999999 men, 70 men\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "--format", "json-ld"])
    assert result.exit_code == 0, result.output
    values = [n.get("schema:value") for n in json.loads(result.stdout)["@graph"] if "schema:value" in n]
    assert values == [70]


def test_a_date_in_year_zero_logs_no_traceback(tmp_path, caplog):
    """Fuzz: 'July 4, 0' (1 BC, year 0000) made rdflib log a traceback on stderr during kg build."""
    article = tmp_path / "a.txt"
    article.write_text("= Battle of Anywhere =\n\nInfobox\n- Date: 4 July 1 BC\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = CliRunner().invoke(main, ["build", str(article), "--format", "nt"])
    assert result.exit_code == 0
    assert '"0000-07-04"^^<http://www.w3.org/2001/XMLSchema#date>' in result.stdout
    assert [r.getMessage() for r in caplog.records] == []
    assert result.stderr == ""


@pytest.mark.parametrize("value", ["July 47–10, 2009", "July 47–10, 2009July 4, 2009"])
def test_a_short_range_end_after_an_impossible_day_is_a_parse_error_not_a_crash(value):
    """Fuzz (seed 5, 8 articles of 100,000): an impossible first day ('July 47') left the range's
    start without a year, and reading '10' as the short end of a year range raised TypeError."""
    from kg.errors import DateParseError
    from kg.parse.dates import parse_date

    with pytest.raises(DateParseError, match="no day 47 in a month"):
        parse_date(value)


def test_a_range_whose_year_turns_starts_in_the_year_before_its_written_year():
    """Fuzz (seed 5): the fuzz check took '21 May – 29 Jan. 1283' (start in 1282) for a guessed
    year; the year turning within a range is the reading of '26 December – 3 January 2023'."""
    from kg.parse.dates import parse_date

    rng = parse_date("21 May – 29 Jan. 1283")
    assert (rng.start.iso(), rng.end.iso()) == ("1282-05-21", "1283-01-29")
