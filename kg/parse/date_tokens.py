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
    "NUM", "ORD", "QTY", "MONTH", "ERA", "DASH", "TO", "AND", "SEP", "SEMI", "COLON",
    "PRESENT", "QUAL", "APPROX", "WEAK_APPROX", "PAREN", "WORD", "OTHER", "ISO", "DECADE",
    "POINT_START", "DATE_PARTS",
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


def tokenize(text: str, begin: int, stop: int, lex: DateLexicon) -> list[Token]:
    toks: list[Token] = []
    for m in lex.token_re.finditer(text, begin, stop):
        kind = m.lastgroup
        b, e = m.span()
        s = m.group()
        if kind == "num":
            toks.append(Token(NUM, b, e, int(s), len(s)))
        elif kind == "ord":
            digits = s.rstrip("stndrh")
            toks.append(Token(ORD, b, e, int(digits), len(digits)))
        elif kind == "abbr":  # "Sept.", "Jan."
            toks.append(Token(MONTH, b, e, lex.months[s[:-1].lower()], word=s[:-1].lower(), cap=s[0].isupper()))
        elif kind == "word":
            toks.append(_word_token(s, b, e, lex))
        elif kind == "era":
            toks.append(Token(ERA, b, e, lex.eras[s]))
        elif kind == "iso":  # "2009-07-04": value 20090704, checked when it becomes a date
            toks.append(Token(ISO, b, e, int(s.replace("-", "")), 8))
        elif kind == "decade":  # "1230s", "1990's"
            digits = s.rstrip("s'’")
            toks.append(Token(DECADE, b, e, int(digits), len(digits)))
        else:
            simple = {
                "paren": PAREN, "qty": QTY, "approx": APPROX, "qual": QUAL, "dash": DASH,
                "sep": SEP, "semi": SEMI, "colon": COLON, "amp": AND, "other": OTHER,
            }
            toks.append(Token(simple[kind], b, e, word=s.lower()))
    return toks


def _word_token(s: str, b: int, e: int, lex: DateLexicon) -> Token:
    low = s.lower()
    cap = s[0].isupper()
    if low in lex.months:
        return Token(MONTH, b, e, lex.months[low], word=low, cap=cap)
    for words, kind in (
        (lex.ongoing, PRESENT),
        (lex.to_words, TO),
        (lex.and_words, AND),
        (lex.qualifiers, QUAL),
        (lex.approx_words, WEAK_APPROX),
    ):
        if low in words:
            return Token(kind, b, e, word=low, cap=cap)
    return Token(WORD, b, e, word=low, cap=cap)
