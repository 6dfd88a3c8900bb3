"""The mention words of ``data/lexicons/mentions.toml``, compiled once for the mention index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...parse.patterns import alternation, phrase_key
from ...resources import lexicon

__all__ = ["MentionLexicon", "mention_lexicon"]


@dataclass(frozen=True, slots=True)
class MentionLexicon:
    member_nouns: frozenset[str]
    member_max: int
    state_nouns: frozenset[str]
    nonstate_nouns: frozenset[str]
    civilian_nouns: frozenset[str]
    titles: frozenset[str]
    particles: frozenset[str]
    connectors: frozenset[str]
    not_surnames: frozenset[str]
    bodies: dict[str, tuple[str, str]]  # noun phrase -> (body id, entity kind)
    body_names: frozenset[str]  # the first noun of each body: the form that names it ("forces")
    body_re: re.Pattern[str]  # a body noun after a word or two (the state's adjective)


@cache
def mention_lexicon() -> MentionLexicon:
    """The words of ``mentions.toml`` (and the ranks of ``names.toml``), loaded once."""
    data = lexicon("mentions.toml")
    ranks = lexicon("names.toml").get("ranks", {})
    bodies = {phrase_key(n): (b["id"], b["kind"]) for b in data["body"] for n in b["nouns"]}
    members = frozenset(phrase_key(w) for w in data["member_nouns"]) | frozenset(bodies)
    return MentionLexicon(
        member_nouns=members,
        member_max=max(len(m.split()) for m in members),
        state_nouns=frozenset(phrase_key(w) for w in data["state_nouns"]),
        nonstate_nouns=frozenset(phrase_key(w) for w in data["nonstate_nouns"]),
        civilian_nouns=frozenset(phrase_key(w) for w in data["civilian_nouns"]),
        titles=frozenset(w.casefold() for w in list(data["titles"]) + list(ranks)),
        particles=frozenset(data["particles"]),
        connectors=frozenset(w.casefold() for w in data["connectors"]),
        not_surnames=frozenset(w.casefold() for w in list(data["not_surnames"]) + list(data["titles"])),
        bodies=bodies,
        body_names=frozenset(phrase_key(b["nouns"][0]) for b in data["body"]),
        body_re=re.compile(
            rf"(?P<adj>(?:[A-Z][\w'’-]*\s+)?[A-Z][\w'’-]*)\s+(?P<noun>(?i:{alternation(sorted(bodies, key=len, reverse=True), flexible_spaces=True)}))(?![\w-])"
        ),
    )
