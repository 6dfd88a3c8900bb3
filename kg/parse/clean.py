"""Normalise an infobox value before parsing: a straight pipeline of small functions.

Real values carry residue of the markup they were rendered from: flag icons (``30px``,
``border|40px``, ``21px|border|link``), horizontal rules (``<hr>``, ``----``), footnote
marks (``[1]``), footnote quotations (``[In the words of the council ...]``), empty parentheses left by removed templates (``()``), stray pipes. The
pipeline removes it and turns glued residue into the list separator it stood for
(``Col. Ada Varo25px Osman Tolan`` names two people).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["DASHES", "DASH_CLASS", "clean_value", "normalise_dashes", "STEPS", "blank_parens", "top_level_items"]

#: Every Unicode dash and minus sign a range may be written with.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
#: A regular-expression character class matching any of :data:`DASHES`.
DASH_CLASS = "[" + re.escape(DASHES) + "]"

_FLAG = r"(?:(?:border|class=[\w-]+)\|)*\d{1,3}\s?px(?:\|(?:border|link))*"
_GLUED_FLAG = re.compile(r"(?<=[^\W\d_])" + _FLAG + r"(?=\s*[^\W\d_])")
_FLAG_RE = re.compile(r"(?<![\w])" + _FLAG + r"|(?<=\w)" + _FLAG)
_BORDER = re.compile(r"\bborder\|")
_RULE = re.compile(r"<hr\s*/?>|-{4,}", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d+|nb \d+|citation needed|clarification needed)\]", re.IGNORECASE)
_QUOTE_LEAD = re.compile(r"\s*:?\s*$")
_EMPTY_PARENS = re.compile(r"\(\s*[,;]?\s*\)\)?")
_PIPE = re.compile(r"\s*\|\s*")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.)])")
_REPEATED_COMMAS = re.compile(r"(?:\s*,\s*){2,}")
_EDGE_PUNCT = re.compile(r"^[\s,;:|*]+|[\s,;|*]+$")


# Each step first tests (with ``in``) a character or word its pattern cannot match without: most
# values hold no residue, and the test costs far less than running the pattern over the value.


def _rules(text: str) -> str:
    return _RULE.sub(", ", text) if "<" in text or "----" in text else text


def _glued_flags(text: str) -> str:
    return _GLUED_FLAG.sub(", ", text) if "px" in text else text


def _flags(text: str) -> str:
    if "px" in text:
        text = _FLAG_RE.sub(" ", text)
    return _BORDER.sub(" ", text) if "border|" in text else text


def _footnotes(text: str) -> str:
    return _FOOTNOTE.sub("", text) if "[" in text else text


def _quotations(text: str) -> str:
    """Drop footnote quotations: a square-bracketed passage of four words or more (brackets may
    nest; an unclosed one runs to the end, as in a value cut off), with the colon before it
    (``Ostian: [In the words of the council ...]`` -> ``Ostian``)."""
    if "[" not in text:
        return text
    out, depth, begin, keep_from = [], 0, 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                begin = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0 and len(text[begin + 1 : i].split()) >= 4:
                out.append(_QUOTE_LEAD.sub("", text[keep_from:begin]))
                keep_from = i + 1
    if depth and len(text[begin + 1 :].split()) >= 4:
        out.append(_QUOTE_LEAD.sub("", text[keep_from:begin]))
        keep_from = len(text)
    return "".join(out) + text[keep_from:]


def _empty_parens(text: str) -> str:
    return _EMPTY_PARENS.sub("", text) if "(" in text else text


_PAREN = re.compile(r"[()]")


def _unbalanced(text: str) -> str:
    """Drop closing parentheses that close nothing (left by removed templates)."""
    if ")" not in text:
        return text
    depth, kept, last = 0, [], 0
    for m in _PAREN.finditer(text):
        if m.group() == "(":
            depth += 1
        elif depth == 0:
            kept.append(text[last : m.start()])
            last = m.end()
        else:
            depth -= 1
    return "".join(kept) + text[last:] if kept else text


def _pipes(text: str) -> str:
    return _PIPE.sub(", ", text) if "|" in text else text


def _spaces(text: str) -> str:
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text))


def _commas(text: str) -> str:
    return _REPEATED_COMMAS.sub(", ", text) if text.count(",") > 1 else text


def _edges(text: str) -> str:
    return _EDGE_PUNCT.sub("", text)


#: The cleaning pipeline, in order. Each step is ``str -> str``.
STEPS: tuple[Callable[[str], str], ...] = (
    _rules,
    _glued_flags,
    _flags,
    _footnotes,
    _quotations,
    _empty_parens,
    _unbalanced,
    _pipes,
    _spaces,
    _commas,
    _edges,
)


def clean_value(text: str) -> str:
    """Return *text* without markup residue, with single spaces and no edge punctuation.

    >>> clean_value("KLF, TDF, 25px Other Front")
    'KLF, TDF, Other Front'
    >>> clean_value("Col. Ada Varo25px Osman Tolan")
    'Col. Ada Varo, Osman Tolan'
    >>> clean_value("12–19 March 1911, ()")
    '12–19 March 1911'
    """
    for step in STEPS:
        text = step(text)
    return text


def normalise_dashes(text: str) -> str:
    """Replace every dash or minus sign of :data:`DASHES` with an en dash."""
    return re.sub(DASH_CLASS, "\u2013", text)


def blank_parens(text: str) -> tuple[str, list[tuple[str, int, int]]]:
    """*text* with each top-level parenthetical replaced by spaces (offsets are kept), and the
    parentheticals as ``(inner text stripped, start, end)``. An unclosed one runs to the end.

    >>> blank_parens("Egypt (alleged), Chad")
    ('Egypt          , Chad', [('alleged', 6, 15)])
    """
    chars = list(text)
    found: list[tuple[str, int, int]] = []
    depth, begin = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                begin = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                found.append((text[begin + 1 : i].strip(), begin, i + 1))
                chars[begin : i + 1] = " " * (i + 1 - begin)
    if depth:
        found.append((text[begin + 1 :].strip(), begin, len(text)))
        chars[begin:] = " " * (len(text) - begin)
    return "".join(chars), found


def top_level_items(text: str, *, quotes: str = "") -> list[tuple[int, int]]:
    """``(start, end)`` of the items of a list separated by commas or semicolons outside
    parentheses (and outside the quote characters *quotes*, when given). Items are not stripped.

    >>> top_level_items("A (x, y), B")
    [(0, 8), (9, 11)]
    """
    spans: list[tuple[int, int]] = []
    depth, quoted, begin = 0, False, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch in quotes:
            quoted = not quoted
        elif ch in ",;" and not depth and not quoted:
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, len(text)))
    return spans
