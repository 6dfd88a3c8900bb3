"""Regex helpers built from lexicon lists (kg.parse.patterns)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.parse.figure_lexicon import figure_grammar
from kg.parse.patterns import alternation, first_char_guard, prefix_guard, scanner


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


@pytest.mark.parametrize(
    ("pattern", "flags", "guard"),
    [
        pytest.param(r"(?<!\w)(?:about|above|ab)\s+\d", re.I, r"(?=\U00000061\U00000062[\s\U0000006f])",
                     id="words-sharing-a-prefix-one-branch-ends-merged-in-a-class"),
        pytest.param(r"(?:at\s+least\s+)*(?:seven|six)", 0,
                     r"(?=(?:\U00000061\U00000074[\s]|\U00000073(?:\U00000065\U00000076|\U00000069\U00000078)))",
                     id="optional-repeated-qualifier-then-words"),
        pytest.param(r"x{2,}", 0, r"(?=\U00000078\U00000078)", id="counted-repeat-its-minimum"),
        pytest.param(r"a.c", 0, r"(?=\U00000061)", id="any-character-ends-the-prefix"),
        pytest.param(r"\d+(?:,\d{3})*", 0, r"(?=[\d])", id="may-end-after-one-digit"),
        pytest.param(r"a?", 0, "", id="may-match-empty-no-guard"),
        pytest.param(r"(?i:x)y", 0, r"(?=(?i:\U00000078)\U00000079)", id="inline-ignorecase-kept-on-its-characters"),
        pytest.param(r"(?-i:x)y", re.I, r"(?=(?-i:\U00000078)\U00000079)", id="inline-case-sensitive-kept"),
        pytest.param(r"(?s:x)y", 0, "", id="other-inline-flag-no-guard"),
    ],
)
def test_prefix_guard(pattern, flags, guard):
    assert prefix_guard(pattern, flags) == guard


@pytest.mark.parametrize(
    ("pattern", "start"),
    [
        pytest.param(r"(?<![\w-])(?:killed|wounded)", r"(?<![\w-])(?=", id="look-behind-tested-first"),
        pytest.param(r"(?<![)])x", r"(?<![)])(?=", id="look-behind-with-a-bracket-in-its-class"),
        pytest.param(r"(?<!(a))x", r"(?=", id="look-behind-with-a-group-left-in-place"),
        pytest.param(r"killed", r"(?=", id="no-look-behind"),
    ],
)
def test_a_scanner_tests_a_leading_look_behind_before_its_guard(pattern, start):
    compiled = scanner(pattern)
    assert compiled.pattern.startswith(start) and compiled.pattern.endswith(pattern)


_ATOMS = st.sampled_from(["a", "b", "ab", "s", "\\s+", "\\d", "[a-c]", "(?:ab|b)", "x?", "(?=a)", "(?<!b)", ".",
                          "(?i:ab)", "(?-i:b|s)"])
_PATTERNS = st.lists(st.lists(_ATOMS, min_size=1, max_size=4).map("".join), min_size=1, max_size=4).map("|".join)


@settings(deadline=None)
@given(body=_PATTERNS, text=st.text("abcsxAB 12", max_size=40), ignore=st.booleans(), behind=st.booleans())
def test_a_scanner_finds_the_same_matches_as_its_plain_pattern(body, text, ignore, behind):
    pattern = (r"(?<![\w])" if behind else "") + rf"(?:{body})+"
    flags = re.IGNORECASE if ignore else 0
    plain, guarded = re.compile(pattern, flags), scanner(pattern, flags)
    assert [(m.span(), m.groups()) for m in guarded.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]


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
    assert core.pattern.startswith(r"(?<![\w])(?=(?:[\d]|") and r"(?<![\w])(?P<quals>" in core.pattern
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
