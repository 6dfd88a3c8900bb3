"""Read people from commander values: rank, name, status markers, role notes, aliases.

A person value is read in this order (the vocabulary is data, ``data/lexicons/names.toml``):

1. interwiki residue (``:es:``) at the start is dropped;
2. parentheticals are taken out: a status marker (``(POW)``) becomes a status, an alias
   (``(alias "Abu Tolan")``, ``("al-Varo")``) the alias, anything else the note;
3. status markers are taken off the end, also when glued to the name (``Ada VaroKIA``):
   an upper-case marker or symbol may follow a lower-case letter, a closing parenthesis or
   quote, or a Roman numeral (``Kelvar IIMIA``); a word marker (``executed``) needs a space;
4. an inline quoted nickname (``Ada "Hawk" Varo``) becomes the alias;
5. an all-capitals code before the name (``CAR``, ``DRC``: residue of flag templates, or an
   organisation such as ``PLA``) is kept as the note, since it names an affiliation;
6. a chain of rank words is taken off the front and spelled out (``Brig. Gen.`` ->
   ``Brigadier General``). Titles of nobility or office (King, Lord, Sheikh, Sir ...) are not
   ranks: they stay in the name, because they are how the person is known;
7. what is left is the name; an unknown word (``Unknown``, ``?``) gives ``unknown=True``.

In a list (:func:`parse_people`), items are split on commas and semicolons outside
parentheses and quotes; an item that is only a parenthetical or only a status marker belongs
to the person before it; ``...and others``, headings (``Emperors:``, ``First battle``, a state's
name alone such as ``Ming`` over the commanders of that state) and empty items are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..errors import NameParseError
from ..gazetteer import country
from ..resources import lexicon
from .clean import top_level_items
from .patterns import alternation

__all__ = ["PersonName", "parse_person", "parse_people"]

_QUOTES = '"“”„«»'
_INTERWIKI = re.compile(r"^:[a-z]{2,3}:\s*")
_ROMAN = re.compile(r"(?:^|\s)[IVX]{1,4}$")
_PREFIX = re.compile(r"^([A-Z]{2,5})\s+(?=[^\W\d_])")
_ROMAN_TOKEN = re.compile(r"^[IVXLC]+$")
_QUOTED = re.compile(r"[" + _QUOTES + r"]([^" + _QUOTES + r"]+)[" + _QUOTES + r"]")
_SPACES = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s,;:*'’]+|[\s,;:*]+$")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class PersonName:
    """One person of a commander value. Offsets point into the text given to the parser."""

    name: str | None
    rank: str | None
    status: tuple[str, ...]
    unknown: bool
    note: str | None
    alias: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Grammar:
    rank_chain: re.Pattern[str]
    rank_token: re.Pattern[str]
    ranks: dict[str, str]  # key without trailing dot -> full word
    continuations: frozenset[str]
    markers: dict[str, str]  # marker as written -> status id
    trailing_marker: re.Pattern[str]
    leading_marker: re.Pattern[str]
    unknown: frozenset[str]
    others: frozenset[str]
    alias_intro: re.Pattern[str]
    heading: re.Pattern[str]


@cache
def _grammar() -> _Grammar:
    lex = lexicon("names.toml")
    ranks = {key.rstrip("."): full for key, full in lex["ranks"].items()}
    token_alts = []
    for key in sorted(lex["ranks"], key=len, reverse=True):
        bare = key.rstrip(".")
        token_alts.append(re.escape(bare) + (r"\.?" if key.endswith(".") else ""))
    token = "(?:" + "|".join(token_alts) + ")"
    rank_chain = re.compile(r"^(?:" + token + r"(?:\s+|$)){1,4}")
    rank_token = re.compile(token)
    markers = {m: status for status, words in lex["status"].items() for m in words}
    glued = [m for m in markers if not any(c.islower() for c in m)]
    spaced = [m for m in markers if m not in glued]
    trailing = re.compile(
        r"(?:(?P<glued>" + alternation(glued) + r")|(?<![^\s,(])(?P<word>" + alternation(spaced) + r"))\s*$"
    )
    symbols = [m for m in glued if not _LETTER.search(m)]
    leading = re.compile(r"^(?P<marker>" + alternation(symbols) + r")\s*") if symbols else re.compile(r"(?!)")
    words = lex["words"]
    alias_intro = re.compile(r"^(?:" + alternation(words["alias"]) + r")[\s:]+(?P<alias>.+)$", re.IGNORECASE)
    heading = re.compile(
        r"^(?:" + alternation(words["ordinals"]) + r")\s+(?:" + alternation(words["heading_nouns"]) + r")$",
        re.IGNORECASE,
    )
    return _Grammar(
        rank_chain=rank_chain,
        rank_token=rank_token,
        ranks=ranks,
        continuations=frozenset(lex.get("continuations", [])),
        markers=markers,
        trailing_marker=trailing,
        leading_marker=leading,
        unknown=frozenset(w.lower() for w in words["unknown"]),
        others=frozenset(w.lower() for w in words["others"]),
        alias_intro=alias_intro,
        heading=heading,
    )


def _parentheticals(text: str) -> tuple[str, list[str]]:
    """Return *text* with top-level parentheticals replaced by a space, and their contents."""
    kept: list[str] = []
    inside: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch == "(":
            if depth:
                current.append(ch)
            else:
                kept.append(" ")
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth:
                current.append(ch)
            else:
                inside.append("".join(current).strip())
                current = []
        elif depth:
            current.append(ch)
        else:
            kept.append(ch)
    if depth and current:
        inside.append("".join(current).strip())
    return "".join(kept), inside


def _unquote(text: str) -> str:
    return text.strip().strip(_QUOTES + "'").strip()


def _add_status(status: tuple[str, ...], new: str) -> tuple[str, ...]:
    return status if new in status else status + (new,)


def _join_note(note: str | None, more: str) -> str:
    return more if note is None else f"{note}; {more}"


def _strip_trailing_markers(body: str, status: tuple[str, ...], g: _Grammar) -> tuple[str, tuple[str, ...]]:
    found: list[str] = []
    while True:
        body = body.rstrip(" ,;")
        match = g.trailing_marker.search(body)
        if match is None:
            break
        before = body[: match.start()]
        marker = match.group("glued") or match.group("word")
        if match.group("glued") and before and not before[-1].isspace():
            prev = before[-1]
            glue_ok = prev.islower() or prev in ")'’" + _QUOTES or _ROMAN.search(before) is not None
            if not glue_ok:
                break
        found.append(g.markers[marker])
        body = before
    for status_id in reversed(found):
        status = _add_status(status, status_id)
    return body, status


def _read_parenthetical(content: str, person: dict[str, object], g: _Grammar) -> None:
    """Fold one parenthetical into the fields being built (status, alias or note)."""
    if not content:
        return
    if content in g.markers:
        person["status"] = _add_status(person["status"], g.markers[content])  # type: ignore[arg-type]
        return
    intro = g.alias_intro.match(content)
    if intro:
        person["alias"] = _unquote(intro.group("alias"))
        return
    if len(content) > 2 and content[0] in _QUOTES and content[-1] in _QUOTES:
        person["alias"] = _unquote(content)
        return
    person["note"] = _join_note(person["note"], content)  # type: ignore[arg-type]


def _read(text: str, offset: int) -> PersonName:
    """Parse one person; *offset* is the position of *text* in the caller's input."""
    g = _grammar()
    lead = len(text) - len(text.lstrip())
    raw = text.strip()
    start, end = offset + lead, offset + lead + len(raw)
    person: dict[str, object] = {"status": (), "alias": None, "note": None}
    body = _INTERWIKI.sub("", raw)
    body, contents = _parentheticals(body)
    for content in contents:
        _read_parenthetical(content, person, g)
    status: tuple[str, ...] = person["status"]  # type: ignore[assignment]
    lead_marker = g.leading_marker.match(body.strip())
    if lead_marker:
        status = _add_status(status, g.markers[lead_marker.group("marker")])
        body = body.strip()[lead_marker.end() :]
    body, status = _strip_trailing_markers(body, status, g)
    body = _SPACES.sub(" ", body).strip()
    alias = person["alias"]
    quoted = _QUOTED.search(body)
    if quoted and quoted.group(0) == body:
        body = quoted.group(1).strip()
    elif quoted:
        alias = alias or quoted.group(1).strip()
        body = _SPACES.sub(" ", body[: quoted.start()] + " " + body[quoted.end() :]).strip()
    note: str | None = person["note"]  # type: ignore[assignment]
    prefix = _PREFIX.match(body)
    if prefix and not _ROMAN_TOKEN.match(prefix.group(1)) and prefix.group(1).rstrip(".") not in g.ranks:
        note = prefix.group(1) if note is None else f"{prefix.group(1)}; {note}"
        body = body[prefix.end() :]
    rank = None
    chain = g.rank_chain.match(body)
    if chain and chain.end() < len(body):
        tokens = [t.rstrip(".") for t in g.rank_token.findall(chain.group(0))]
        if not (len(tokens) == 1 and tokens[0] in g.continuations):
            rank = " ".join(g.ranks[t] for t in tokens)
            body = body[chain.end() :]
    body = _EDGE.sub("", body)
    unknown = body.lower() in g.unknown
    if unknown or not body:
        if not body and not status and not unknown:
            raise NameParseError(f"no name in person value {raw!r}")
        return PersonName(None, rank, status, True, note, alias, raw, start, end)  # type: ignore[arg-type]
    return PersonName(body, rank, status, False, note, alias, raw, start, end)  # type: ignore[arg-type]


def parse_person(text: str) -> PersonName:
    """Parse one person: ``"Lt. Col. Osman Tolan Varo"``, ``"Ada VaroKIA"``, ``"Unknown"``.

    Raises :class:`~kg.errors.NameParseError` when no name, marker or unknown word is left.
    """
    return _read(text, 0)


def _attach(person: PersonName, item: str, item_start: int, source: str) -> PersonName:
    """Fold a parenthetical or marker item into the person listed before it."""
    g = _grammar()
    stripped = item.strip()
    fields: dict[str, object] = {"status": person.status, "alias": person.alias, "note": person.note}
    content = stripped[1:-1].strip() if stripped.startswith("(") and stripped.endswith(")") else stripped
    _read_parenthetical(content, fields, g)
    end = item_start + len(item.rstrip())
    return replace(
        person,
        status=fields["status"],  # type: ignore[arg-type]
        alias=fields["alias"],  # type: ignore[arg-type]
        note=fields["note"],  # type: ignore[arg-type]
        text=source[person.start : end],
        end=end,
    )


def parse_people(text: str) -> list[PersonName]:
    """Parse a comma/semicolon list of people; see the module docstring for the rules."""
    g = _grammar()
    people: list[PersonName] = []
    previous_is_person = False
    for start, end in top_level_items(text, quotes=_QUOTES):
        item = text[start:end]
        stripped = item.strip()
        bare = stripped.lstrip(". ").lower()
        meaningful = _WORD.search(stripped) or stripped in g.markers or stripped.lower() in g.unknown
        if not stripped or not meaningful or bare in g.others:
            continue
        if stripped.endswith(":") or g.heading.match(stripped):
            previous_is_person = False
            continue
        is_paren = stripped.startswith("(") and stripped.endswith(")") and _parentheticals(stripped)[0].strip() == ""
        if (is_paren or stripped in g.markers) and previous_is_person:
            people[-1] = _attach(people[-1], item, start, text)
            continue
        if is_paren:
            continue
        try:
            person = _read(item, start)
        except NameParseError:
            # An item that leaves nothing once residue is removed ("(0", "*") names no one:
            # it is skipped like an empty item, as documented above.
            previous_is_person = False
            continue
        if person.name and not (person.rank or person.status) and country(person.name) is not None:
            previous_is_person = False  # a state's name over its commanders ("Peru ---- Bolivia"): a heading
            continue
        people.append(person)
        previous_is_person = True
    return people
