"""Regex helpers built from lexicon lists (kg.parse.patterns)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.parse.figure_lexicon import figure_grammar
from kg.parse.patterns import alternation, first_char_guard, scanner


@pytest.mark.parametrize(
    ("pattern", "flags", "guard"),
    [
        pytest.param(r"(?<!\w)(?:ab|c\d)|\d+", 0, r"(?=[\U00000061\U00000063]|[\d])", id="branch-of-literal-and-class"),
        pytest.param(r"(?:about\s+)*seven|[^\W\d_]x", re.I, r"(?=[\U00000061\U00000073]|[^\W\d\U0000005f])",
                     id="optional-repeat-then-word-and-negated-class"),
        pytest.param(r"a?", 0, "", id="may-match-empty-no-guard"),
        pytest.param(r".b", 0, "", id="any-character-no-guard"),
        pytest.param(r"(?i:x)y", 0, "", id="inline-ignorecase-without-the-flag-no-guard"),
        pytest.param(r"(a)\1", 0, r"(?=[\U00000061])", id="back-reference-after-the-first-char"),
    ],
)
def test_first_char_guard(pattern, flags, guard):
    assert first_char_guard(pattern, flags) == guard


_WORDS = st.lists(st.text("abcsé ", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=6)
_TEXT = st.text("abcsdéÉABCS 12,.-", max_size=60)


@settings(deadline=None)
@given(words=_WORDS, quals=_WORDS, text=_TEXT, ignore=st.booleans())
def test_a_guarded_pattern_finds_the_same_matches(words, quals, text, ignore):
    flags = re.IGNORECASE if ignore else 0
    body = rf"(?:(?:{alternation(quals)})\s*)*(?:{alternation(words)}|\d+(?:,\d+)*)"
    plain = re.compile(r"(?<![\w])" + body, flags)
    guarded = re.compile(r"(?<![\w])" + first_char_guard(body, flags) + body, flags)
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_the_prose_figure_pattern_is_guarded_and_still_reads_figures():
    core = figure_grammar().prose_core
    assert core.pattern.startswith(r"(?=[") and r"(?<![\w])(?P<quals>" in core.pattern
    text = "Some 200 rebels and several soldiers were killed; twelve were captured near the well."
    assert [m.group() for m in core.finditer(text) if m.group().strip()] == ["Some 200", "several", "twelve"]


@pytest.mark.parametrize(
    ("pattern", "flags", "text", "found"),
    [
        pytest.param(r"(?<![\w-])(?:killed|wounded)(?![\w-])", re.I, "Ten KILLED, two wounded-in-action, one killed.",
                     ["KILLED", "killed"], id="triggers-any-case-not-inside-compounds"),
        pytest.param(r"\d+|several", 0, "3 of several 12", ["3", "several", "12"], id="digits-or-word"),
        pytest.param(r"a?b", 0, "ab b", ["ab", "b"], id="unguardable-pattern-still-scans"),
    ],
)
def test_a_scanner_finds_what_the_plain_pattern_finds(pattern, flags, text, found):
    assert [m.group() for m in scanner(pattern, flags).finditer(text)] == found
    assert [m.group() for m in re.compile(pattern, flags).finditer(text)] == found
