"""The vocabulary of figures, compiled once: the words and patterns the figure readers use.

Everything :mod:`kg.parse.figures` (infobox values) and :mod:`kg.parse.figure_scan` (prose) know
about words comes from here, read from ``data/lexicons/quantities.toml`` and ``casualties.toml``
(through :func:`kg.parse.categories.category_lexicon`) and the number words of ``numbers.toml``;
:func:`figure_grammar` builds the compiled patterns once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import cast

from ..resources import lexicon
from .categories import category_lexicon
from .clean import DASH_CLASS
from .numbers import NUMBER_WORDS
from .patterns import scanner

__all__ = ["FigureGrammar", "figure_grammar", "lazy_figure_grammar", "norm", "noun_key"]


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def _alt(phrases: Iterable[str], *, bounded: bool = True) -> str:
    """Alternation of phrases, longest first; word phrases get word boundaries."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        if bounded and phrase[0].isalnum():
            body = r"(?<![\w-])" + body
        if bounded and phrase[-1].isalnum():
            body += r"(?![\w-])"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def noun_key(word: str) -> str:
    return norm(word).replace("-", "")


@dataclass(frozen=True, slots=True)
class FigureGrammar:
    """The compiled vocabulary of figures: word tables and the patterns built from them."""

    qualifier_kind: dict[str, str]  # phrase -> approximate | at_least | at_most
    suffix_kind: dict[str, str]
    plurals: dict[str, int]
    singulars: dict[str, int]
    multipliers: dict[str, int]
    alone: dict[str, int]
    nouns: dict[str, str]  # noun key -> kind
    status: frozenset[str]
    approx_status: frozenset[str]
    connectors: frozenset[str]
    unit_nouns: frozenset[str]
    unit_name: re.Pattern[str]
    label_header: re.Pattern[str]
    claim_fixed: dict[str, str]
    category_words: frozenset[str]
    qualifier: re.Pattern[str]
    core: re.Pattern[str]  # guarded for search (see patterns.scanner): the same matches
    prose_core: re.Pattern[str]
    unknown_only: re.Pattern[str]
    header: re.Pattern[str]
    qualitative: re.Pattern[str]
    inclusion: re.Pattern[str]
    category_list: re.Pattern[str]
    status_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    preposition: re.Pattern[str]
    split: re.Pattern[str]
    claim_prefix: re.Pattern[str]
    claim_suffix: re.Pattern[str]
    estimate_suffix: re.Pattern[str]
    whole_suffix: re.Pattern[str]
    as_of_prefix: re.Pattern[str]
    date_token: re.Pattern[str]
    months: frozenset[str]
    month_word: re.Pattern[str]
    date_words: frozenset[str]
    label: re.Pattern[str]
    # prose
    before_category: re.Pattern[str]
    auxiliary: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    clock_after: re.Pattern[str]
    not_after: re.Pattern[str]
    not_before: re.Pattern[str]
    stop: frozenset[str]
    clause: frozenset[str]
    noun_window: int
    verb_window: int


@cache
def figure_grammar() -> FigureGrammar:
    """Build (once) the compiled vocabulary from ``quantities.toml``, the casualty words and the number words."""
    q = lexicon("quantities.toml")
    cats = category_lexicon()
    quals = q["qualifiers"]
    qualifier_kind = {norm(p): kind for kind in ("approximate", "at_least", "at_most") for p in quals[kind]}
    suffix_kind = {norm(p): kind for kind in ("at_least", "approximate") for p in q["suffixes"][kind]}
    vague = q["vague"]
    plurals = {norm(k): int(v) for k, v in vague["plurals"].items()}
    singulars = {norm(k): int(v) for k, v in vague["singulars"].items()}
    multipliers = {norm(k): int(v) for k, v in vague["multipliers"].items()}
    alone = {norm(k): int(v) for k, v in vague["alone"].items()}
    nouns = {noun_key(n): kind for kind, words in q["kinds"].items() for n in words}
    words = q["words"]
    claims = q["claims"]
    as_of = q["as_of"]
    prose = q["prose"]

    number = NUMBER_WORDS
    qual = _alt(qualifier_kind)
    dash = rf"\s*{DASH_CLASS}\s*"
    vague_re = (
        rf"(?:{_alt(plurals)}\s+of\s+{_alt(plurals)}|{_alt(multipliers)}\s+(?:{_alt(singulars)}|{_alt(plurals)})"
        rf"|{_alt(plurals)}|{_alt(alone)})"
    )
    unknown_words = [norm(w) for w in q["unknown"]["words"]]
    number_of = _alt(norm(w) for w in q["unknown"]["number_of"])
    unknown_word = _alt(w for w in unknown_words if w[0].isalpha())
    zero = _alt(norm(w) for w in q["zero"]["words"])
    suffix = _alt(suffix_kind)

    def core(prose_mode: bool) -> re.Pattern[str]:
        specials = rf"|(?P<unk>{number_of})"
        if not prose_mode:
            specials += rf"|(?P<unkw>{unknown_word})(?=\s+[^\W\d_(])|(?P<zero>{zero})"
        # In prose a figure starts a word: the look-behind spares the engine from trying the whole
        # alternation inside every word (2.4x faster on the corpus's prose, same figures).
        start = r"(?<![\w])" if prose_mode else ""
        body = (
            rf"(?P<quals>(?:{qual}\s*)*)"
            rf"(?:(?P<between>between)\s+(?P<b1>{number})\s+and\s+(?P<b2>{number})"
            rf"|(?P<n1>{number})(?P<mid>\s*[+±])?(?:(?:{dash}|\s+to\s+)(?P<q2>(?:{qual}\s*)?)(?P<n2>{number}))?"
            # a dash and a number kg cannot read ("16–2.8e21", "1—0/12"): no figure, not its first end
            rf"(?!{dash}\d)"
            rf"(?P<plural>s(?![\w-]))?"
            rf"|(?P<vague>{vague_re})(?P<of>\s+of(?=\s))?"
            rf"{specials})"
            rf"(?P<suffix>\s*(?:{suffix}))?"
        )
        # A look-ahead on the first characters a figure can start with (scanner): most word starts
        # fail it at once instead of trying every alternative (same matches).
        return scanner(start + body, re.IGNORECASE)

    qualitative = (
        rf"(?:{_alt(q['qualitative']['intensifiers'])}\s+)*{_alt(q['qualitative']['words'])}"
        rf"(?:\s+{cats.list_pattern})?"
    )
    months = frozenset(norm(m) for m in as_of["months"])
    month_alt = _alt(months)
    before_phrases = _alt(cats.before)
    auxiliaries = _alt(cats.auxiliaries)
    return FigureGrammar(
        qualifier_kind=qualifier_kind,
        suffix_kind=suffix_kind,
        plurals=plurals,
        singulars=singulars,
        multipliers=multipliers,
        alone=alone,
        nouns=nouns,
        status=frozenset(norm(w) for w in words["status"]),
        approx_status=frozenset(norm(w) for w in words["approximate_status"]),
        connectors=frozenset(norm(w) for w in words["connectors"]),
        unit_nouns=frozenset(norm(w) for w in words["unit_names"]),
        unit_name=re.compile(r"(?P<n>\d+)\s+(?:[^\W\d_][\w'’.-]*\s+){0,3}(?P<noun>[^\W\d_]+)"),
        label_header=re.compile(r"\s*(?P<h>[^\s:(),;][^:(),;]{0,59}?)\s*:(?!\d)\s*"),
        claim_fixed={norm(k): v for k, v in claims["fixed"].items()},
        category_words=frozenset(cats.words),
        qualifier=re.compile(qual, re.IGNORECASE),
        core=core(False),
        prose_core=core(True),
        unknown_only=re.compile(rf"(?:{_alt(unknown_words)}|\?)(?:\s*\((?P<paren>[^)]*)\)?)?\s*\.?", re.I),
        header=re.compile(r"\s*(?P<h>[^\W\d_][^:()\d,;]{0,60}?)\s*:(?!\d)\s*"),
        qualitative=re.compile(qualitative, re.IGNORECASE),
        inclusion=re.compile(_alt(words["inclusions"]), re.IGNORECASE),
        category_list=re.compile(cats.list_pattern),
        status_re=re.compile(_alt(list(words["status"]) + list(words["approximate_status"])), re.I),
        suffix_re=re.compile(suffix, re.IGNORECASE),
        preposition=re.compile(_alt(words["prepositions"]), re.IGNORECASE),
        split=re.compile(rf"(?:{_alt(words['connectors'])}\s*)", re.IGNORECASE),
        claim_prefix=re.compile(rf"{_alt(claims['prefixes'])}:?\s*(?P<who>.*)", re.I | re.S),
        claim_suffix=re.compile(rf"(?P<who>.*?)\s+{_alt(claims['suffixes'])}", re.I | re.S),
        estimate_suffix=re.compile(rf"(?P<who>.*?)\s*{_alt(claims['estimate_suffixes'])}", re.I | re.S),
        whole_suffix=re.compile(rf"(?P<who>.+?\s+{_alt(claims['whole_suffixes'])})", re.I | re.S),
        as_of_prefix=re.compile(rf"{_alt(as_of['prefixes'])}\s+(?P<date>.+)", re.I | re.S),
        date_token=re.compile(r"[^\s,–—\-/]+"),
        months=months,
        month_word=scanner(rf"{month_alt}", re.IGNORECASE),
        date_words=frozenset(norm(w) for w in as_of["date_words"]),
        label=re.compile(r"[A-Z][A-Z0-9.&]{1,5}"),
        before_category=re.compile(rf"(?:^|[^\w-])(?P<w>{before_phrases})\s+(?:the\s+)?$", re.I),
        auxiliary=re.compile(rf"{auxiliaries}\s*", re.I),
        month_before=re.compile(rf"{month_alt}\.?\s+$", re.I),
        month_after=re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?{month_alt}", re.I),
        clock_after=re.compile(
            rf"(?:\s*(?:and|to|or|{DASH_CLASS})\s*\d{{1,2}})?\s*(?:{_alt(prose['clock'])}|:\d\d)", re.I
        ),
        not_after=re.compile(rf"(?:^|[^\w-]){_alt(prose['not_after'])}\s+$", re.I),
        not_before=re.compile(rf"\s*{_alt(prose['not_before'])}", re.I),
        stop=frozenset(
            [norm(w) for w in prose["stop"]]
            + [norm(w) for w in words["prepositions"]]
            + [norm(w) for w in words["connectors"]]
            + [a for a in cats.auxiliaries if " " not in a]
            + [w for w in cats.words if " " not in w]
        ),
        clause=frozenset(norm(w) for w in prose["clause"]),
        noun_window=int(prose["noun_window"]),
        verb_window=int(prose["verb_window"]),
    )


class _LazyGrammar:
    """The figure grammar, built on first use instead of at import (it compiles long patterns
    from the lexicons: a tenth of a second that a process asking only ``kg --help`` never needs).
    Each attribute is looked up once, then kept on the proxy as a plain attribute."""

    def __getattr__(self, name: str) -> object:
        value = getattr(figure_grammar(), name)
        setattr(self, name, value)
        return value


def lazy_figure_grammar() -> FigureGrammar:
    """A stand-in for :func:`figure_grammar` to keep in a module global: built on first use."""
    return cast(FigureGrammar, _LazyGrammar())
