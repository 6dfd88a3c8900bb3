"""Read infobox Result values: the outcome, the victorious side, and the consequences.

The value is split into items at commas and semicolons outside parentheses. A label before a
colon (``First Battle: KF victory``) is ignored for reading but kept in the item as written.
The first item naming a victory (``<victor> victory``, ``Victory for <victor>``, with an
optional kind such as ``Decisive``/``Tactical``) gives the outcome; when none does, the first
item holding another outcome phrase (``Indecisive``, ``Treaty of ...``, ``ceasefire``,
``withdrawal`` ...) gives it; otherwise the outcome is ``other``. Every other item is a
consequence, as written; words after the victory word (``... victory in both battles``) are one
more consequence. Decision for values naming several victories (``First Battle: KF victory,
Second Battle: ODF victory``, ``Tactical A victory, Strategic B victory``): the first victory is the
outcome, the others stay consequences, and when they name different sides there is no victor.
An item saying who took control (``KF takes full control of the city``, ``X captured by Y``)
names the victor of a value that names no victory (not in a Status value: a town taken in an
ongoing war is no final victory). When the victor matches no named side, the one side that
fights unnamed (flags only) is the victor, if there is exactly one and no word is shared.

The victor is matched against the sides by, in decreasing weight: the member's name, its
acronym (written in parentheses or made of its capitalised initials), its country (through the
gazetteer: ``Peruvian`` -> Peru), and single words of its name (``Ostian`` in ``Ostian
Empire``). Compound victors are read part by part (``Franco-Peruvian``, ``ODF/Kelvar``,
``Ostland and Tolan``). Ally words (``and allied``) are dropped first. ``Government victory``
falls back to the only side holding a state or a government force. The side with the best
score wins; a tie gives no side (the matching: :mod:`kg.parse.side_match`). The vocabulary is data
(``data/lexicons/results.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..gazetteer import country
from ..resources import lexicon
from .clean import top_level_items
from .patterns import alternation
from .side_match import name_pieces, norm_word, read_member, side_scores

__all__ = ["ResultValue", "parse_result", "named_side", "side_sharing_a_word", "opposes_government", "camp_words"]

_LABEL = re.compile(r"^[^:,;]{1,40}:\s*")
_PARENS = re.compile(r"\([^()]*\)")
_WORDS = re.compile(r"[\w'’]+")
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ResultValue:
    """The reading of a Result value. ``victor_side`` is a 1-based index into the sides."""

    outcome: str
    victor_side: int | None
    victor_text: str | None
    consequences: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class _Grammar:
    victory_before: re.Pattern[str]  # "<kind>? <victor> <kind>? victory <rest>"
    victory_after: re.Pattern[str]  # "<kind>? victory for <victor>"
    kinds: dict[str, str]
    outcomes: re.Pattern[str]
    outcome_ids: dict[str, str]
    ally: re.Pattern[str]
    government_words: frozenset[str]
    government_markers: re.Pattern[str]
    opposition_words: frozenset[str]
    generic_words: frozenset[str]
    control_active: re.Pattern[str]  # "<victor> takes (full) control of <place>"
    control_passive: re.Pattern[str]  # "<place> captured by <victor>", "falls under <victor> control"
    control_holds: re.Pattern[str]  # "<victor> controls <place>"
    defeat: re.Pattern[str]  # "<loser> (temporarily) halted (at <place>)"


@cache
def _grammar() -> _Grammar:
    lex = lexicon("results.toml")
    kinds = {w: kid for kid, words in lex["victory_kinds"].items() for w in words}
    kind = r"(?:" + alternation(list(kinds)) + r")"
    win = r"(?:" + alternation(lex["victory_words"]) + r")"
    prep = r"(?:" + alternation(lex["victory_prepositions"]) + r")"
    outcome_ids = {p: oid for oid, phrases in lex["outcomes"].items() for p in phrases}
    words = lex["words"]
    return _Grammar(
        victory_before=re.compile(
            r"^(?:(?P<kind1>"
            + kind
            + r")\s+)?(?P<victor>.*?)\s*(?:(?P<kind2>"
            + kind
            + r")\s+)?\b"
            + win
            + r"\b(?P<rest>.*)$",
            re.IGNORECASE,
        ),
        victory_after=re.compile(
            r"^(?:(?P<kind1>" + kind + r")\s+)?" + win + r"\s+" + prep + r"\s+(?P<victor>.+)$", re.IGNORECASE
        ),
        kinds=kinds,
        outcomes=re.compile(r"(?<![\w-])(?:" + alternation(list(outcome_ids)) + r")(?![\w-])", re.IGNORECASE),
        outcome_ids=outcome_ids,
        ally=re.compile(r"(?<![\w])(?:" + alternation(words["ally_words"]) + r")(?![\w])", re.IGNORECASE),
        government_words=frozenset(w.lower() for w in words["government_words"]),
        government_markers=re.compile(r"\b(?:" + alternation(words["government_markers"]) + r")\b", re.IGNORECASE),
        opposition_words=frozenset(norm_word(w) for w in words["opposition_words"]),
        generic_words=frozenset(norm_word(w) for w in words["generic_words"]),
        control_active=re.compile(
            r"^(?P<victor>.+?)\s+(?:"
            + alternation(lex["control"]["verbs"])
            + r")\s+(?:(?:"
            + alternation(lex["control"]["degrees"])
            + r")\s+)?control\s+(?:of|over)\b",
            re.IGNORECASE,
        ),
        control_passive=re.compile(
            r"\b(?:(?:"
            + alternation(lex["control"]["passive"])
            + r")\s+by\s+(?P<by>.+)$"
            + r"|(?:"
            + alternation(lex["control"]["falls"])
            + r")\s+under\s+(?P<under>.+?)\s+control\b)",
            re.IGNORECASE,
        ),
        control_holds=re.compile(
            r"^(?P<victor>.+?)\s+(?:" + alternation(lex["control"]["holds"]) + r")\s+(?!of\b|over\b)\S", re.IGNORECASE
        ),
        defeat=re.compile(
            r"^(?P<loser>.+?)\s+(?:(?:"
            + alternation(lex["defeat"]["between"])
            + r")\s+)*(?:"
            + alternation(lex["defeat"]["words"])
            + r")(?:\s+(?:"
            + alternation(lex["defeat"]["between"])
            + r"))*(?:\s+(?:"
            + alternation(lex["defeat"]["after"])
            + r")\b.*)?[\s.]*$",
            re.IGNORECASE,
        ),
    )


def _strip_allies(victor: str, g: _Grammar) -> str:
    stripped = _SPACES.sub(" ", g.ally.sub(" ", victor)).strip(" -–,")
    return stripped or victor


def named_side(name: str, sides: Sequence[Sequence[str] | None]) -> int | None:
    """The side (1-based) that *name* names by a member's name, acronym, country or words, as a
    victor is matched, when exactly one side scores best; never by elimination or a government word."""
    if not sides:
        return None
    scores = side_scores(_strip_allies(name, _grammar()), sides)
    top = max(scores)
    return scores.index(top) + 1 if top > 0 and scores.count(top) == 1 else None


def _match_side(victor: str, sides: Sequence[Sequence[str] | None], g: _Grammar) -> int | None:
    if not sides:
        return None
    core = _strip_allies(victor, g)
    pieces = name_pieces(core)
    scores = side_scores(core, sides)
    top = max(scores)
    if top > 0 and scores.count(top) == 1:
        return scores.index(top) + 1
    if core.casefold() in g.government_words or any(p.casefold() in g.government_words for p in pieces):
        holders = [
            i
            for i, side in enumerate(sides, 1)
            if side and any(country(_PARENS.sub("", m).strip()) or g.government_markers.search(m) for m in side if m)
        ]
        if len(holders) == 1:
            return holders[0]
    if top == 0:
        return _eliminate(victor, sides, g)
    return None


def _eliminate(victor: str, sides: Sequence[Sequence[str] | None], g: _Grammar) -> int | None:
    """The winner matches none of the named sides by name. A side that holds a government cannot
    be a victor named by an opposition word ("Ostian opposition" is not "Ostian government"). Then,
    when exactly one remaining side shares a distinctive word with the victor ("Kelvar
    militants", a side "Kelvar Islamic Front"), that side; when none does, the one side that
    fights unnamed (flags only, or only commanders or strength), if there is exactly one. A
    victor made only of ally words ("Allied victory") names nobody and eliminates nothing."""
    core = g.ally.sub(" ", victor).strip(" -–,")
    if not core:
        return None
    words = {norm_word(w) for w in _WORDS.findall(core)}
    opposition = bool(words & g.opposition_words)
    words = {w for w in words - g.government_words - g.opposition_words - g.generic_words if len(w) > 2}
    sharing, unnamed = [], []
    for i, side in enumerate(sides, 1):
        names = [m for m in side or () if m and m.strip()]
        if side is None or (opposition and any(g.government_markers.search(m) for m in names)):
            continue
        if not names:
            unnamed.append(i)
        elif any(words & read_member(m).words for m in names):
            sharing.append(i)
    if sharing:
        return sharing[0] if len(sharing) == 1 else None
    if opposition and not words:  # "Resistance victory": the one side naming itself so
        camp = [i for i, side in enumerate(sides, 1) if side and any(opposes_government(m) for m in side if m)]
        if len(camp) == 1:
            return camp[0]
    return unnamed[0] if len(unnamed) == 1 else None


@cache
def camp_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words naming the government and those who fight it (``results.toml``: ``government_words``,
    ``opposition_words``), lower case, each also with a plural ``s``: for reading them in prose."""
    words = lexicon("results.toml")["words"]
    camps = tuple(frozenset(w.casefold() for w in words[k]) for k in ("government_words", "opposition_words"))
    return camps[0] | {w + "s" for w in camps[0]}, camps[1] | {w + "s" for w in camps[1]}


def opposes_government(name: str) -> bool:
    """Whether a side's member name says it opposes the government ("Hill anti-junta militias",
    "Ostian rebels"): an opposition word, or ``anti-`` and a government word."""
    g = _grammar()
    words = [w.casefold() for w in _WORDS.findall(name)]
    low = name.casefold()
    return any(norm_word(w) in g.opposition_words for w in words) or any(f"anti-{w}" in low for w in g.government_words)


def _victory(item: str, g: _Grammar) -> tuple[str, str | None, str] | None:
    """``(outcome id, victor words or None, rest)`` when *item* names a victory."""
    reading = _LABEL.sub("", item, count=1)
    after = g.victory_after.match(reading)
    if after:
        kind = after.group("kind1")
        victor = after.group("victor").strip()
        return (g.kinds[kind.lower()] if kind else "victory"), victor or None, ""
    before = g.victory_before.match(reading)
    if before is None:
        return None
    victor = before.group("victor").strip(" ,")
    kind = before.group("kind1") or before.group("kind2")
    rest = before.group("rest").strip(" .,;")
    rest = re.sub(r"^and\s+", "", rest)
    return (g.kinds[kind.lower()] if kind else "victory"), victor or None, rest


def _other_victors(
    items: Sequence[str], first: str, sides: Sequence[Sequence[str] | None], g: _Grammar
) -> set[int | None]:
    """The sides that later victory items name; None for a victor other than *first* that matches
    no side ("Strategic Loyalists victory" after "Tactical Ostian victory")."""
    out: set[int | None] = set()
    for item in items:
        found = _victory(item, g)
        if found and found[1]:
            side = _match_side(found[1], sides, g)
            if side is not None or norm_word(found[1]) != norm_word(first):
                out.add(side)
    return out


def _control_victor(item: str, g: _Grammar) -> str | None:
    """Who took control in an item such as "X takes control of Y" or "Y captured by X"."""
    active = g.control_active.match(item) or g.control_holds.match(item)
    if active:
        return _ARTICLE.sub("", active.group("victor").strip(" ,.")) or None
    passive = g.control_passive.search(item)
    if passive:
        return _ARTICLE.sub("", (passive.group("by") or passive.group("under") or "").strip(" ,.")) or None
    return None


def _defeat_victor(item: str, sides: Sequence[Sequence[str] | None], g: _Grammar) -> int | None:
    """The other side, when *item* says one of exactly two fighting sides was stopped ("Tolan's
    expansion temporarily halted", "X repulsed at Y"); the loser must match a side by name."""
    found = g.defeat.match(item)
    fighting = [i for i, side in enumerate(sides, 1) if side is not None]
    if found is None or len(fighting) != 2:
        return None
    loser = _match_side(found.group("loser"), sides, g)
    return (set(fighting) - {loser}).pop() if loser in fighting else None


def parse_result(text: str, sides: Sequence[Sequence[str] | None] = (), *, control: bool = True) -> ResultValue:
    """Parse a Result value; *sides* holds, per side, the names of its members: an empty sequence
    for a side that fights with no member named (it wins when the victor matches no named side and
    it is the only such side), None for a side that cannot win (one that only counts losses).
    With *control*, an item saying who took control ("X takes control of Y") names the victor when
    no item names a victory.

    Never raises on a string: a value with no readable outcome gives outcome ``other``.
    """
    g = _grammar()
    text = text if isinstance(text, str) else str(text)
    items = [text[a:b].strip() for a, b in top_level_items(text) if text[a:b].strip()]
    for index, item in enumerate(items):
        found = _victory(item, g)
        if found is None:
            continue
        outcome, victor, rest = found
        consequences = [it for i, it in enumerate(items) if i != index]
        if rest:
            consequences.insert(index, rest)
        side = _match_side(victor, sides, g) if victor else None
        if side is not None and victor and _other_victors(items[index + 1 :], victor, sides, g) - {side}:
            side = None  # "First Battle: A victory, Second Battle: B victory": no one victor
        return ResultValue(outcome, side, victor, tuple(consequences), text)
    for item in items:
        victor = _control_victor(_LABEL.sub("", item, count=1), g) if control else None
        if victor:
            side = _match_side(victor, sides, g)
            if side is not None:
                return ResultValue("victory", side, victor, tuple(items), text)
    for item in items:
        side = _defeat_victor(_LABEL.sub("", item, count=1), sides, g)
        if side is not None:
            return ResultValue("victory", side, None, tuple(items), text)
    for index, item in enumerate(items):
        match = g.outcomes.search(item)
        if match:
            outcome = g.outcome_ids[_SPACES.sub(" ", match.group().lower())]
            return ResultValue(outcome, None, None, tuple(it for i, it in enumerate(items) if i != index), text)
    return ResultValue("other", None, None, tuple(items), text)


def side_sharing_a_word(words: str, sides: Sequence[Sequence[str] | None]) -> int | None:
    """The side (1-based, in the order of *sides*, each its member names or None) that *words*
    name by a distinctive word only its members share ("Kelvar fighters" and a side
    "Kelvar Front"), or the one side that fights unnamed when none shares one; else None.
    The rule victors are found by, for other texts naming a side."""
    return _eliminate(words, sides, _grammar())
