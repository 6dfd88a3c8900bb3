"""Read actor lists: Combatant and Units values.

Items are split at commas and semicolons outside parentheses. For each item:

* leading ``*`` marks give the level (``* X`` is a sub-unit of the item before, level 1;
  ``** X`` level 2);
* a ``Supported by:`` header (the words are data) makes every later item a supporter; any
  other header ending in a colon (``Kelvar Powers:``) is kept as an actor of its own;
* parentheticals become the note (``(alleged)``, ``(per Ostland)``, ``(1702–1745)``); an
  item that is only a parenthetical (``, (until 1907)``) is the note of the actor before it;
* ``X and affiliated Y`` gives X and Y, Y ``affiliated_with`` X; ``X-affiliated Y`` gives Y
  affiliated with X (the affiliation words are data);
* decision for `` and ``: it splits two actors only when both halves start with a capital
  letter or a digit, the whole is not a country (``Bosnia and Herzegovina``) and the left half
  holds no preposition (``Army of X and Y``, ``Front for the Liberation of X and Y`` stay whole);
* a leading country code left by a flag icon (``CAR Kelvar Front``) is dropped when the gazetteer
  knows it and a name follows;
* ``...and others``, image-caption residue (``Coat of arms of X``) and items without a letter
  are skipped.

``kind`` is ``state`` when the gazetteer knows the name, else the first keyword family found
in the name (armed groups, then armed forces, then state words such as Empire or Kingdom), else
None. People are never inferred here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..gazetteer import country
from ..resources import lexicon
from .clean import blank_parens, top_level_items
from .patterns import alternation

__all__ = ["ActorMention", "parse_actors"]

_WORD = re.compile(r"[^\W_]")
_AND = re.compile(r"\s+and\s+")
_PREPOSITION = re.compile(r"\s(?:of|for|in|de|del|du|des|to)\s", re.IGNORECASE)
_CODE = re.compile(r"^([A-Z]{2,4})\s+(?=[^\W\d_])")
_SPACES = re.compile(r"\s+")
_KIND_ORDER = ("armed_group", "armed_force", "state")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor of a Combatant or Units list. Offsets point into the text given to the parser."""

    name: str
    note: str | None
    supporter: bool
    affiliated_with: str | None
    level: int
    kind: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Grammar:
    support: frozenset[str]
    others: frozenset[str]
    unknown: frozenset[str]
    residue: tuple[str, ...]
    and_affiliated: re.Pattern[str]
    dash_affiliated: re.Pattern[str]
    kinds: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def _grammar() -> _Grammar:
    lex = lexicon("actors.toml")
    aff = alternation(lex["affiliation_words"])
    kinds = tuple(
        (kind, re.compile(r"(?<![\w'])(?:" + alternation(lex["kinds"][kind]) + r")(?!\w)", re.IGNORECASE))
        for kind in _KIND_ORDER
    )
    return _Grammar(
        support=frozenset(w.lower() for w in lex["support_headers"]),
        others=frozenset(w.lower() for w in lex["others"]),
        unknown=frozenset(w.lower() for w in lex["unknown"]),
        residue=tuple(w.lower() for w in lex["residue_prefixes"]),
        and_affiliated=re.compile(r"\s+and\s+(?:" + aff + r")\s+", re.IGNORECASE),
        dash_affiliated=re.compile(r"^(?P<x>[^\s-][^\s]*?)-(?:" + aff + r")\s+(?=\S)", re.IGNORECASE),
        kinds=kinds,
    )


def _kind(name: str, g: _Grammar) -> str | None:
    if country(name) is not None:
        return "state"
    kinds = g.kinds
    if name[:1].isdigit():  # a numbered formation ("41st Composite Group") is a force first
        kinds = tuple(sorted(kinds, key=lambda pair: pair[0] != "armed_force"))
    for kind, pattern in kinds:
        if pattern.search(name):
            return kind
    return None


def _mention(
    text: str, start: int, end: int, *, level: int, supporter: bool, affiliated_with: str | None, g: _Grammar
) -> ActorMention | None:
    """Build a mention from ``text[start:end]`` (stars already removed)."""
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    raw = raw.strip().rstrip(":").rstrip()
    start += lead
    end = start + len(raw)
    blanked, notes = blank_parens(raw)
    name = _SPACES.sub(" ", blanked).strip(" '*.")
    if len(name) > 1 and name[0] == name[-1] == '"':
        name = name[1:-1].strip()
    code = _CODE.match(name)
    if code and country(code.group(1)) is not None and country(name) is None:
        rest = name[code.end() :]
        if _kind(rest, g) != "armed_force":
            name = rest
    if not _WORD.search(name):
        return None
    note = "; ".join(n for n, _, _ in notes if n) or None
    return ActorMention(name, note, supporter, affiliated_with, level, _kind(name, g), text[start:end], start, end)


def _split_and(body: str, blanked: str) -> list[tuple[int, int]]:
    """Spans (relative to *body*) of the actors joined by `` and `` in *body*."""
    if country(_SPACES.sub(" ", blanked).strip()) is not None:
        return [(0, len(body))]
    match = _AND.search(blanked)
    if match is None:
        return [(0, len(body))]
    left, right = blanked[: match.start()].strip(), blanked[match.end() :].strip()
    starts_ok = all(part and (part[0].isupper() or part[0].isdigit()) for part in (left, right))
    if not starts_ok or _PREPOSITION.search(f" {left} "):
        return [(0, len(body))]
    left_end = len(body[: match.start() + match.group().index("and")].rstrip())  # keeps "(note)" before "and"
    return [(0, left_end), *_split_and_rest(body, blanked, match.end())]


def _split_and_rest(body: str, blanked: str, offset: int) -> list[tuple[int, int]]:
    return [(offset + s, offset + e) for s, e in _split_and(body[offset:], blanked[offset:])]


def parse_actors(text: str) -> list[ActorMention]:
    """Parse a Combatant or Units value into actor mentions; see the module docstring."""
    g = _grammar()
    mentions: list[ActorMention] = []
    supporter = False
    attachable = False  # whether a parenthetical item may fold into the mention before it
    for item_start, item_end in top_level_items(text):
        item = text[item_start:item_end]
        stripped = item.strip()
        body = stripped.lstrip("*").lstrip()
        level = len(stripped) - len(stripped.lstrip("*"))
        body_start = item_start + item.index(body) if body else item_end
        if not _WORD.search(body):
            continue
        lowered = body.lower().lstrip(". ")
        if lowered in g.others or lowered.startswith(g.residue) or lowered.rstrip(": ") in g.unknown:
            attachable = False
            continue
        if lowered.rstrip(": ") in g.support:
            supporter, attachable = True, False
            continue
        blanked, _notes = blank_parens(body)
        if not blanked.strip():
            if mentions and attachable:
                note = body.strip()[1:-1].strip() if body.strip().endswith(")") else body.strip()[1:].strip()
                last = mentions[-1]
                end = body_start + len(body.rstrip())
                mentions[-1] = replace(
                    last,
                    note=f"{last.note}; {note}" if last.note else note,
                    text=text[last.start : end],
                    end=end,
                )
            continue
        attachable = True
        affiliated = g.and_affiliated.search(blanked)
        if affiliated:
            head_end = len(body[: affiliated.start() + affiliated.group().index("and")].rstrip())
            head = _mention(
                text, body_start, body_start + head_end, affiliated_with=None, level=level, supporter=supporter, g=g
            )
            tail = _mention(
                text,
                body_start + affiliated.end(),
                body_start + len(body),
                affiliated_with=head.name if head else None,
                level=level,
                supporter=supporter,
                g=g,
            )
            mentions.extend(m for m in (head, tail) if m is not None)
            continue
        dash = g.dash_affiliated.match(blanked)
        if dash:
            tail = _mention(
                text,
                body_start + dash.end(),
                body_start + len(body),
                affiliated_with=dash.group("x"),
                level=level,
                supporter=supporter,
                g=g,
            )
            if tail is not None:
                mentions.append(tail)
            continue
        for s, e in _split_and(body, blanked):
            mention = _mention(
                text, body_start + s, body_start + e, affiliated_with=None, level=level, supporter=supporter, g=g
            )
            if mention is not None:
                mentions.append(mention)
    return mentions
