"""The prose words of figures: ``casualties.toml`` ``[prose]`` and ``quantities.toml`` ``[prose]``,
compiled once for :mod:`kg.parse.figure_scan`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import lexicon
from .categories import category_lexicon
from .patterns import alternation

__all__ = ["ProseWords", "prose_words", "key_of"]


@dataclass(frozen=True, slots=True)
class ProseWords:
    """The prose words of ``casualties.toml`` ``[prose]``, compiled once."""

    nouns: frozenset[str]  # casualty words that are nouns ("deaths")
    objects: frozenset[str]  # "captured it": an active verb, no fate of the figure
    intransitive: frozenset[str]  # categories whose verbs take no object ("fled the city")
    compound_heads: frozenset[str]  # "police stations": the counted noun is a modifier
    pronoun: re.Pattern[str]  # "others", "more" right after a number
    not_after: re.Pattern[str]  # "the release of " before a number
    freed: re.Pattern[str]  # "were released" after a figure
    partitive: re.Pattern[str]  # " of his colleagues" after a number
    leave_before: re.Pattern[str]  # "leaving " before a number
    leave_states: dict[str, str]
    leave_window: int
    with_noun: re.Pattern[str]  # "losing ", "eliminated " before a number (a counted noun must follow)
    with_noun_categories: dict[str, str]
    toll: re.Pattern[str]  # "the death toll climbed to " before a number
    toll_nouns: dict[str, str]
    toll_open: frozenset[str]
    separator: re.Pattern[str]  # what joins the figures of a list
    along: re.Pattern[str]  # "killed in combat, along with " before a number
    ends: dict[str, tuple[str, ...]]  # per pattern above, the phrases its match ends with (a cheap test first)


def key_of(text: str) -> str:
    return " ".join(text.casefold().split())


def _endings(phrases: object, *optional: str) -> tuple[str, ...]:
    """The last words the phrases may end with (and the optional words after them), for
    :func:`_ends`."""
    ends = {key_of(p).split()[-1] for p in phrases}  # type: ignore[attr-defined]
    return tuple(sorted(ends | set(optional)))


@cache
def prose_words() -> ProseWords:
    """Load (once) the prose words of ``casualties.toml``."""
    d = lexicon("casualties.toml")["prose"]
    leaving = d["leaving"]
    with_noun = {key_of(w): cid for cid, words in d["before_with_noun"].items() for w in words}
    toll = d["toll"]
    toll_nouns = {key_of(k): v for k, v in toll["nouns"].items()}
    verbs = [key_of(v) for v in toll["verbs"]]
    open_verbs = [key_of(v) for v in toll["open_verbs"]]
    adverbs = alternation([key_of(a) for a in toll["adverbs"]], flexible_spaces=True)
    return ProseWords(
        nouns=frozenset(key_of(w) for w in d["nouns"]),
        objects=frozenset(key_of(w) for w in d["objects"]),
        intransitive=frozenset(d["intransitive"]),
        compound_heads=frozenset(key_of(w) for w in d["compound_heads"]),
        pronoun=re.compile(
            rf"\s+(?:{alternation([key_of(w) for w in d['pronouns']], flexible_spaces=True)})(?![\w-])", re.I
        ),
        not_after=re.compile(
            rf"(?:^|[^\w-])(?:{alternation([key_of(w) for w in d['not_after']], flexible_spaces=True)})\s+(?:the\s+)?$",
            re.I,
        ),
        freed=re.compile(
            rf"\s*(?:(?:were|was|had\s+been|have\s+been|has\s+been|are|being|later|also|all)\s+)*"
            rf"(?:{alternation([key_of(w) for w in d['freed']], flexible_spaces=True)})(?![\w-])",
            re.I,
        ),
        partitive=re.compile(
            rf"\s+of\s+(?:{alternation([key_of(w) for w in d['partitive']], flexible_spaces=True)})\s+"
            rf"(?P<n1>[^\W\d_][\w'’-]*)(?:\s+(?P<n2>[^\W\d_][\w'’-]*))?",
            re.I,
        ),
        leave_before=re.compile(
            rf"(?:^|[^\w-])(?:{alternation([key_of(w) for w in leaving['verbs']], flexible_spaces=True)})\s+$", re.I
        ),
        leave_states={key_of(k): v for k, v in leaving["states"].items()},
        leave_window=int(leaving["window"]),
        with_noun=re.compile(
            rf"(?:^|[^\w-])(?P<w>{alternation(with_noun, flexible_spaces=True)})\s+(?:the\s+)?$", re.I
        ),
        with_noun_categories=with_noun,
        toll=re.compile(
            rf"(?:^|[^\w-])(?P<noun>{alternation(toll_nouns, flexible_spaces=True)})\s+(?:(?:had|has|have)\s+)?"
            rf"(?:(?:{adverbs})\s+)?(?P<verb>{alternation(verbs + open_verbs, flexible_spaces=True)})\s+$",
            re.I,
        ),
        toll_nouns=toll_nouns,
        toll_open=frozenset(open_verbs),
        separator=re.compile(
            # a model name may stand for the counted noun ("lost 2 BMP-1, 12 jeeps and 6 guns")
            rf"^(?:\s+(?=[^\s,]*\d)[A-Z][\w-]*)?\s*(?:{category_lexicon().list_pattern}\s*)?"
            rf"(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|as\s+well\s+as\s+)$",
            re.I,
        ),
        ends={
            "not_after": _endings(d["not_after"], "the"),
            "leave": _endings(leaving["verbs"]),
            "with_noun": _endings(with_noun, "the"),
            "toll": _endings(verbs + open_verbs),
            "along": _endings(d["along"]),
        },
        along=re.compile(
            rf"(?:^|[^\w-])(?P<w>{category_lexicon().list_pattern})(?:\s+[\w'’-]+){{0,{int(d['along_window'])}}}\s*,?\s+"
            rf"(?:{alternation([key_of(w) for w in d['along']], flexible_spaces=True)})\s+$",
            re.I,
        ),
    )
