"""Read one number written in digits or in words.

``parse_number`` turns ``"1,000"``, ``"5 000"``, ``"ninety"``, ``"thirty-one"``,
``"one hundred and five"``, ``"a dozen"`` or ``"1.5 million"`` into an ``int``.
:data:`NUMBER_WORDS` is the regular-expression source of the same language, for other
parsers to embed in their own patterns. The vocabulary (number words, scales, suffixes)
is data: ``data/lexicons/numbers.toml``; this module holds only the grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from ..errors import QuantityParseError
from ..resources import lexicon
from .patterns import alternation

__all__ = ["NUMBER_WORDS", "DIGIT_NUMBER", "WORD_NUMBER", "MAX_NUMBER", "parse_number", "number_lexicon"]

#: The largest number kg reads (2**53 - 1): every JSON reader of the JSON-LD export and every
#: 64-bit triplestore keeps it exactly. A larger "figure" is a typo or residue, not a count.
MAX_NUMBER = 2**53 - 1

# Separators that may group thousands: comma, or a (thin / no-break) space.
_SPACE_GROUP = "[ \u00a0\u2009\u202f]"


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """The number vocabulary of ``numbers.toml``, lower-cased."""

    small: dict[str, int]  # units, teens and tens
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    suffixes: dict[str, int]
    articles: frozenset[str]
    phrases: dict[str, int]


@cache
def number_lexicon() -> NumberLexicon:
    """Load (once) the number vocabulary."""
    data = lexicon("numbers.toml")
    low = lambda table: {str(k).lower(): int(v) for k, v in table.items()}  # noqa: E731
    units, teens, tens = low(data["units"]), low(data["teens"]), low(data["tens"])
    return NumberLexicon(
        small={**units, **teens, **tens},
        units=units,
        tens=tens,
        scales=low(data["scales"]),
        suffixes=low(data["suffixes"]),
        articles=frozenset(w.lower() for w in data["articles"]["words"]),
        phrases={" ".join(k.lower().split()): int(v) for k, v in data["phrases"].items()},
    )


def _build() -> tuple[str, str, str]:
    lex = number_lexicon()
    scale = f"(?:{alternation(lex.scales)})"
    suffix = f"(?:{alternation(lex.suffixes)})"
    # Digits: 1,000 / 12 500 / 70 / 1.5 (with a scale) -- never glued to a word before
    # ("Mi-24", "T-55") or a colon ("10:30"), and never followed by a letter (ordinals "2nd", clock "4am"),
    # except an abbreviated scale ("20k") or the plural "s" of "1,000s". A number written in a notation
    # kg does not read exactly is no number at all, not its first digits: exponents ("10^400",
    # "1.5e3"), fractions and slashes ("1/0", "10/12"); the decimal part is possessive, so "1.5e3"
    # never falls back to "1".
    digits = (
        r"(?=\d)(?<![\w.,:^/])(?<![\^*]\s)(?<!\d\s/)(?<!\d/\s)(?<!\d\s/\s)(?<![^\W\d_]-)(?<!\d[\u00ad\u200b-\u200f\u2060-\u2064\ufeff])"
        rf"(?:\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d{{1,3}}(?:{_SPACE_GROUP}\d{{3}})+(?![\d,])|\d+)(?![\d])"
        r"(?:\.\d+(?![\d]))?+(?![.,][\d\^*/–—-]|\.[eE][+-]?\d)(?!\s*(?:\^|\*\*|/\s*\d))(?![\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+\d)"
        rf"(?:\s?{scale}\b|{suffix}\b|(?=s\b)|(?![^\W\d_]))(?!\s?%)"
    )
    tens = f"(?:{alternation(lex.tens)})"
    units = f"(?:{alternation(lex.units)})"
    others = f"(?:{alternation(set(lex.small) - set(lex.tens))})"
    small = rf"(?:{tens}(?:[\s-]{units}\b)?|{others})"
    article = f"(?:{alternation(lex.articles)})"
    piece = rf"(?:{small}[\s-]+|{article}\s+){scale}(?:[\s-]+{scale})*"
    joiner = r"(?:\s+and\s+|[\s-]+)"
    phrases = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(lex.phrases, key=len, reverse=True))
    words = (
        r"(?<![\w-])(?:"
        + (f"{phrases}|" if phrases else "")
        + rf"{piece}(?:{joiner}{piece})*(?:{joiner}{small})?|{small})(?![\w-])"
    )
    return digits, words, f"(?i:{digits}|{words})"


#: Regex source for a number written in digits ("1,000", "5 000", "1.5m", "70").
#: Case-insensitive by an inline group, so it can be embedded anywhere.
DIGIT_NUMBER: str
#: Regex source for a number written in words ("thirty-one", "one hundred and five").
WORD_NUMBER: str
#: Regex source for a number in digits or words; embed it in other patterns.
NUMBER_WORDS: str
_digits, _words, NUMBER_WORDS = _build()
DIGIT_NUMBER = f"(?i:{_digits})"
WORD_NUMBER = f"(?i:{_words})"

_DIGIT_RE = re.compile(DIGIT_NUMBER)
_WORD_RE = re.compile(WORD_NUMBER)
_DIGIT_PARTS = re.compile(r"(?i)^([\d,\u00a0\u2009\u202f ]+(?:\.\d+)?)\s?([^\W\d_]*)$")
_WORD_TOKEN = re.compile(r"[^\W\d_]+")
_GROUPING = re.compile(r"[,\s\u00a0\u2009\u202f]")


def _digit_value(text: str, original: str) -> int:
    lex = number_lexicon()
    match = _DIGIT_PARTS.match(text)
    if not match:
        raise QuantityParseError(f"cannot read a number in {original!r}")
    digits, word = match.group(1), match.group(2).lower()
    digits = _GROUPING.sub("", digits)
    factor = 1
    if word:
        factor = lex.scales.get(word) or lex.suffixes.get(word) or 0
        if not factor:
            raise QuantityParseError(f"cannot read a number in {original!r}: unknown multiplier {word!r}")
    try:
        value = Decimal(digits) * factor
    except InvalidOperation:
        raise QuantityParseError(f"cannot read a number in {original!r}") from None
    if value != value.to_integral_value():
        raise QuantityParseError(f"not a whole number: {original!r}")
    return int(value)


def _word_value(text: str, original: str) -> int:
    lex = number_lexicon()
    phrase = " ".join(text.lower().split())
    if phrase in lex.phrases:
        return lex.phrases[phrase]
    total = current = 0
    last_big = None
    previous = None  # value of the previous small word, to allow "twenty six" only
    for token in _WORD_TOKEN.findall(text.lower()):
        if token == "and":
            continue
        if token in lex.small:
            value = lex.small[token]
            if previous is not None and not (previous in lex.tens.values() and token in lex.units):
                raise QuantityParseError(f"malformed number words in {original!r}")
            current += value
            previous = value
            continue
        previous = None
        if token in lex.articles:
            current += 1
        elif token in lex.scales:
            scale = lex.scales[token]
            if scale < 1000:
                if current >= scale:
                    raise QuantityParseError(f"malformed number words in {original!r}")
                current = (current or 1) * scale
            else:
                if last_big is not None and scale >= last_big:
                    raise QuantityParseError(f"malformed number words in {original!r}")
                total += (current or 1) * scale
                current, last_big = 0, scale
        else:
            raise QuantityParseError(f"unknown number word {token!r} in {original!r}")
    return total + current


def parse_number(text: str) -> int:
    """Return the non-negative integer written in *text* (digits or words).

    >>> parse_number("1,000"), parse_number("thirty-one"), parse_number("1.5 million")
    (1000, 31, 1500000)

    Raises :class:`~kg.errors.QuantityParseError` when *text* is not exactly one number.
    """
    stripped = text.strip()
    if not stripped:
        raise QuantityParseError(f"empty number: {text!r}")
    if _DIGIT_RE.fullmatch(stripped):
        value = _digit_value(stripped, text)
    elif _WORD_RE.fullmatch(stripped):
        value = _word_value(stripped, text)
    else:
        raise QuantityParseError(f"cannot read a number in {text!r}")
    if value > MAX_NUMBER:
        raise QuantityParseError(f"number too large: {text!r} is more than {MAX_NUMBER:,}")
    return value
