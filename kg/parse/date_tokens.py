"""Date tokens: the kinds of token a date is made of, and :func:`tokenize`.

One precompiled regular expression of :mod:`kg.parse.date_lexicon` cuts a text into tokens
(numbers, ordinals, ISO dates, decades, month names, dashes, era markers, parenthesised or
bracketed notes, words ...); the reader of :mod:`kg.parse.date_grammar` reads dates from them.
"""

from __future__ import annotations

from typing import NamedTuple

from .date_lexicon import DateLexicon

__all__ = [
    "Token",
    "tokenize",
    "NUM",
    "ORD",
    "QTY",
    "MONTH",
    "ERA",
    "DASH",
    "TO",
    "AND",
    "SEP",
    "SEMI",
    "COLON",
    "PRESENT",
    "QUAL",
    "APPROX",
    "WEAK_APPROX",
    "PAREN",
    "WORD",
    "OTHER",
    "ISO",
    "DECADE",
    "POINT_START",
    "DATE_PARTS",
]

NUM, ORD, QTY, MONTH, ERA, DASH, TO, AND, SEP, SEMI, COLON = range(11)
PRESENT, QUAL, APPROX, WEAK_APPROX, PAREN, WORD, OTHER, ISO, DECADE = range(11, 20)
# A point starts with a qualifier or approximation, a month, a number, an ordinal, an era, an ISO
# date ("2009-07-04") or a decade ("1230s"; infobox values only).
POINT_START = frozenset({APPROX, QUAL, WEAK_APPROX, MONTH, NUM, ORD, ERA, ISO, DECADE})
#: token kinds that hold a date's numbers or month: one left unread makes a value partly read
DATE_PARTS = frozenset({NUM, ORD, QTY, MONTH, ISO, DECADE})


class Token(NamedTuple):  # a tuple: made several times faster than a frozen dataclass
    kind: int
    begin: int
    stop: int
    value: int = 0  # number, month number, era sign
    digits: int = 0
    word: str = ""  # lower-case text of words
    cap: bool = False  # written with a capital letter


_SIMPLE = {
    "paren": PAREN,
    "qty": QTY,
    "approx": APPROX,
    "qual": QUAL,
    "dash": DASH,
    "sep": SEP,
    "semi": SEMI,
    "colon": COLON,
    "amp": AND,
    "other": OTHER,
}
# The reading of each word already seen (kind, value, lower case, capital), per lexicon: most
# tokens are words, and prose repeats its words. Bounded: emptied when it grows past _MAX_WORDS.
_WORDS: dict[int, tuple[DateLexicon, dict[str, tuple[int, int, str, bool]]]] = {}
_MAX_WORDS = 50_000


def _words(lex: DateLexicon) -> dict[str, tuple[int, int, str, bool]]:
    got = _WORDS.get(id(lex))
    if got is None or got[0] is not lex:
        got = _WORDS[id(lex)] = (lex, {})
    elif len(got[1]) > _MAX_WORDS:
        got[1].clear()
    return got[1]


def tokenize(text: str, begin: int, stop: int, lex: DateLexicon) -> list[Token]:
    toks: list[Token] = []
    append = toks.append
    words = _words(lex)
    for m in lex.token_re.finditer(text, begin, stop):
        kind = m.lastgroup
        b, e = m.span()
        s = m.group()
        if kind == "word":  # the most frequent, first
            w = words.get(s)
            if w is None:
                w = words[s] = _word_kind(s, lex)
            append(Token(w[0], b, e, w[1], 0, w[2], w[3]))
        elif kind == "num":
            append(Token(NUM, b, e, int(s), len(s)))
        elif kind == "ord":
            digits = s.rstrip("stndrh")
            append(Token(ORD, b, e, int(digits), len(digits)))
        elif kind == "abbr":  # "Sept.", "Jan."
            append(Token(MONTH, b, e, lex.months[s[:-1].lower()], word=s[:-1].lower(), cap=s[0].isupper()))
        elif kind == "era":
            append(Token(ERA, b, e, lex.eras[s]))
        elif kind == "iso":  # "2009-07-04": value 20090704, checked when it becomes a date
            append(Token(ISO, b, e, int(s.replace("-", "")), 8))
        elif kind == "decade":  # "1230s", "1990's"
            digits = s.rstrip("s'’")
            append(Token(DECADE, b, e, int(digits), len(digits)))
        else:
            append(Token(_SIMPLE[kind], b, e, word=s.lower()))  # type: ignore[index]
    return toks


def _word_kind(s: str, lex: DateLexicon) -> tuple[int, int, str, bool]:
    """(kind, value, lower case, capital) of a word token."""
    low = s.lower()
    cap = s[0].isupper()
    if low in lex.months:
        return MONTH, lex.months[low], low, cap
    for words, kind in (
        (lex.ongoing, PRESENT),
        (lex.to_words, TO),
        (lex.and_words, AND),
        (lex.qualifiers, QUAL),
        (lex.approx_words, WEAK_APPROX),
    ):
        if low in words:
            return kind, 0, low, cap
    return WORD, 0, low, cap
