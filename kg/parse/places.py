"""Read places: infobox place values and place phrases inside prose sentences.

A place value (:func:`parse_places`) is read as a containment chain, most specific first
(``Dessa, Tolan Department, Niger``), with these rules; the vocabulary is data
(``data/lexicons/places.toml``) and the country names come from :mod:`kg.gazetteer`:

* a parenthesis naming a present-day place (``(modern-day Varo, Kelvar, Turkey)``, ``(now X)``,
  ``(northwest of present-day X, Y)``) gives places of their own, ``present_day=True``, with the
  qualifier it opens with; one opening with a qualifier (``(near X)``, ``(Spillover in X's Y)``)
  gives places with that qualifier; any other parenthesis is the note (``Marn (Old Tolan)``);
* descriptor words are no part of a name: ``The plain of Dessa`` is ``Dessa``, ``Halvik
  village`` is ``Halvik`` (``descriptors_before`` / ``descriptors_after`` of the lexicon);
  ``X's Y`` with X a country is the chain (Y, X); a chain written largest first (a country, then
  only parts with a place-type word: ``Russia, Tolan region``) is turned round;
* a qualifier phrase opening the value gives the qualifier id (``near``, ``north_of`` ...);
  qualifier phrases opening a later part are dropped, except a *spillover* phrase, which
  starts a new group (``...; spillovers into Kelvar Province``); ``;`` also starts one;
* siblings: when a part holds `` and `` (or starts with ``and``), every part up to the last
  such part is a sibling leaf and the parts after it are the chain they share:
  ``Dessa and Marn, Chad`` gives two places, ``Tolan Department, Varo
  Department, and Kelvar Department, Benin`` three. A part that is itself a country
  (``Bosnia and Herzegovina``) is not split. Decision for ``between``: both ends become
  places of their own with qualifier ``between`` (``Between Dessa and Halvik, ...``);
* ``X <type> of Y`` (``Marn Neighborhood of Tolan``) is read as the chain (X <type>, Y);
* a country glued to the end of the last part without a comma (``Kelvar Province
  Mozambique``) is split off, unless a direction or an adjective comes before it
  (``Southern Bolivia``, ``Ostian Ghana``);
* ``country`` is the canonical gazetteer name of the last part that is a country, or that
  ends in one after direction words only (``northwestern Bolivia``).

Known limit: a comma list of sibling regions with no ``and`` (``Dessa, Marn, Upper
Kelvar``) cannot be told from a chain and is read as one.

In prose (:func:`find_places`) a place is a qualifier phrase (``in``, ``near``, ``north of``
...), optional lower-case modifiers (``the town of``, ``rural northern``), then a run of
capitalised words, optionally followed by comma parts that are countries or hold a place-type
word (``near X, Chad``; ``in the town of X, Y Region of Northern Z``). Heuristics that keep
organisations out: a run holding an organisation word (Front, Army, Forces ...) is skipped; a
run right after a capitalised word and introduced by ``the`` (``Harbour Brigades in the Eastern
Hills``, ``Kelvar Front in the Greater Tolan``) is inside a longer name and skipped; month
and day names and bare country adjectives are not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import PlaceParseError
from ..gazetteer import country, country_by_adjective
from .clean import blank_parens
from .place_lexicon import PlaceGrammar, chain_country, country_of, place_grammar, split_type_of

__all__ = ["PlaceValue", "parse_places", "find_places"]

_WORD = re.compile(r"\S+")
_AND = re.compile(r"\s+and\s+|^and\s+|,?\s*&\s*")
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_PROSE_WORD = re.compile(r"[^\s,;:()\"“”]+")
_RUN_SPLIT = re.compile(r"[\s-]+")
_LIST_COMMA = re.compile(r",\s+")
_POSSESSIVE = re.compile(r"^(?P<owner>[^\W\d_][^'’]*?)['’]s\s+(?P<place>[^\W\d_].*)$")


@dataclass(frozen=True, slots=True)
class PlaceValue:
    """One place: qualifier id, containment chain (most specific first), country, note.

    Offsets point into the text given to the parser.
    """

    qualifier: str | None
    names: tuple[str, ...]
    country: str | None
    note: str | None
    text: str
    start: int
    end: int
    present_day: bool = False  # the present-day place of the places before it: "(now X)", "(modern-day X)"


def _glued_country(part: str, g: PlaceGrammar) -> tuple[str, str] | None:
    """Split ``"Kelvar Province Mozambique"`` into ``("Kelvar Province", "Mozambique")``."""
    words = part.split()
    for i in range(1, len(words)):
        found = country(" ".join(words[i:]))
        if found is None:
            continue
        previous = words[i - 1]
        if previous.lower() in g.directions or country_by_adjective(previous) is not None:
            return None
        if country(part) is not None:
            return None
        return " ".join(words[:i]), " ".join(words[i:])
    return None


def _clean_part(part: str, g: PlaceGrammar) -> str:
    """A part without what is not its name: a modern marker, a leading "the"/"and", descriptors
    ("The plain of Dessa" -> "Dessa", "Halvik village" -> "Halvik")."""
    part = g.modern.sub("", part.strip())
    part = g.before_descriptor.sub("", part)
    if part.startswith("the ") or part.startswith("and "):
        part = part.split(" ", 1)[1]
    part = _SPACES.sub(" ", part).strip(" ,;:.")
    name = g.after_descriptor.sub("", part)
    return name if name != part and any(w[:1].isupper() for w in name.split()) else part


def _possessive(leaf: str) -> list[str]:
    """``"Nigeria's Tolan River State"`` -> ``["Tolan River State", "Nigeria"]`` (the owner a country)."""
    match = _POSSESSIVE.match(leaf)
    if match is None or country(match.group("owner")) is None:
        return [leaf]
    return [match.group("place"), match.group("owner")]


def _ordered(names: list[str], g: PlaceGrammar) -> list[str]:
    """A chain most specific first: ``"Russia, Tolan region"`` (a country, then only parts with a
    place-type word) is written largest first and is turned round."""
    if (
        len(names) > 1
        and country(names[0]) is not None
        and all(country(n) is None and any(w.lower() in g.place_types for w in n.split()) for n in names[1:])
    ):
        return names[::-1]
    return names


# ---------------------------------------------------------------- infobox values


def _parts(text: str, begin: int, end: int) -> list[tuple[str, int, int]]:
    parts = []
    pos = begin
    for i in range(begin, end + 1):
        if i == end or text[i] == ",":
            raw = text[pos:i]
            if raw.strip():
                lead = len(raw) - len(raw.lstrip())
                parts.append((raw.strip(), pos + lead, pos + lead + len(raw.strip())))
            pos = i + 1
    return parts


def _groups(blanked: str, g: PlaceGrammar) -> list[list[tuple[str, int, int]]]:
    """Split into groups at ``;`` and at parts opening with a spillover phrase."""
    groups: list[list[tuple[str, int, int]]] = []
    pos = 0
    for i in range(len(blanked) + 1):
        if i == len(blanked) or blanked[i] == ";":
            current: list[tuple[str, int, int]] = []
            for part in _parts(blanked, pos, i):
                opening = g.opening.match(part[0])
                if current and opening and g.qualifier_ids[opening.group("q").lower()] == "spillover":
                    groups.append(current)
                    current = []
                current.append(part)
            if current:
                groups.append(current)
            pos = i + 1
    return groups


def _leaves(part: str, start: int, g: PlaceGrammar) -> list[tuple[str, int]]:
    """Split a part at ``and`` unless it is a country name; keep each leaf's offset."""
    if country(part) is not None or not _AND.search(part):
        return [(part, start)]
    leaves = []
    pos = 0
    for match in _AND.finditer(part):
        if match.start() > pos:
            leaves.append((part[pos : match.start()], start + pos))
        pos = match.end()
    leaves.append((part[pos:], start + pos))
    return [(leaf, at) for leaf, at in leaves if leaf.strip()]


def _read_group(
    text: str,
    parts: list[tuple[str, int, int]],
    notes: list[tuple[str, int, int]],
    g: PlaceGrammar,
    *,
    present_day: bool = False,
) -> list[PlaceValue]:
    group_start = parts[0][1]
    group_end = max([parts[-1][2]] + [e for _, s, e in notes if s >= group_start])
    note_text = "; ".join(n for n, s, _ in notes if group_start <= s < group_end and n) or None
    qualifier = None
    cleaned: list[tuple[str, int]] = []
    for index, (part, start, _end) in enumerate(parts):
        opening = g.opening.match(part)
        if opening:
            if index == 0:
                qualifier = g.qualifier_ids[opening.group("q").lower()]
            start += opening.end()
            part = part[opening.end() :]
        lead = len(part) - len(part.lstrip())
        part = part.strip()
        if part:
            cleaned.append((part, start + lead))
    last_and = -1
    for index, (part, _start) in enumerate(cleaned):
        if country(part) is None and _AND.search(part):
            last_and = index
    leaves: list[tuple[str, int]] = []
    for part, start in cleaned[: last_and + 1] or cleaned[:1]:
        leaves.extend(_leaves(part, start, g))
    shared_parts = cleaned[last_and + 1 :] if last_and >= 0 else cleaned[1:]
    shared: list[str] = []
    for part, _start in shared_parts:
        shared.extend(split_type_of(_clean_part(part, g), g))
    leaves = [(leaf, at) for leaf, at in leaves if _clean_part(leaf, g).lower() not in g.vague]
    shared = [s for s in shared if s and s.lower() not in g.vague]
    if not leaves and shared:
        leaves = [(shared.pop(0), group_start)]
    if shared:
        glued = _glued_country(shared[-1], g)
        if glued:
            shared[-1:] = list(glued)
    elif leaves:
        glued = _glued_country(_clean_part(leaves[-1][0], g), g)
        if glued:
            leaves[-1] = (glued[0], leaves[-1][1])
            shared = [glued[1]]
    places = []
    for number, (leaf, at) in enumerate(leaves):
        own = [n for piece in split_type_of(_clean_part(leaf, g), g) for n in _possessive(piece)]
        names = tuple(_ordered([n for n in (*own, *shared) if n], g))
        if not names or not any(_LETTER.search(n) for n in names):
            continue
        begin = group_start if number == 0 else at
        places.append(
            PlaceValue(
                qualifier,
                names,
                chain_country(names, g),
                note_text,
                text[begin:group_end],
                begin,
                group_end,
                present_day,
            )
        )
    return places


def _paren_places(text: str, start: int, end: int, g: PlaceGrammar) -> list[PlaceValue]:
    """The places a parenthesis (``text[start:end]``, without its brackets) names, or ``[]`` when
    it is a note: a present-day name ("present-day Varo, Kelvar, Turkey", "now Tolan, India",
    "northwest of present-day X") or a place with a qualifier ("near Dessa", "Spillover in X")."""
    inner = text[start:end]
    lead = inner.lstrip()
    opening = g.opening.match(lead)
    rest = lead[opening.end() :] if opening else lead
    present_day = g.modern.match(rest) is not None
    if not present_day and opening is None:
        return []
    blanked_inner, notes = blank_parens(inner)
    blanked = " " * start + blanked_inner + " " * (len(text) - end)
    notes = [(n, s + start, e + start) for n, s, e in notes]
    places: list[PlaceValue] = []
    for parts in _groups(blanked, g):
        places.extend(_read_group(text, parts, notes, g, present_day=present_day))
    return places


def parse_places(text: str) -> list[PlaceValue]:
    """Parse a place value into one or more places; see the module docstring.

    Raises :class:`~kg.errors.PlaceParseError` when no place name is left.
    """
    g = place_grammar()
    blanked, notes = blank_parens(text)
    inside: list[PlaceValue] = []
    kept_notes = []
    for note in notes:
        _, begin, stop = note
        found = _paren_places(text, begin + 1, stop - 1 if text[stop - 1 : stop] == ")" else stop, g)
        if found:
            inside.extend(found)
        else:
            kept_notes.append(note)
    places: list[PlaceValue] = []
    for parts in _groups(blanked, g):
        places.extend(_read_group(text, parts, kept_notes, g))
    places.extend(inside)
    if not places:
        raise PlaceParseError(f"no place in value {text!r}")
    return places


# ---------------------------------------------------------------- prose


def _is_capitalised(word: str) -> bool:
    if word[:3].lower() in ("al-", "el-", "ad-", "an-", "as-", "at-", "ar-") and len(word) > 3:
        return word[3].isupper()
    return word[0].isupper()


def _capital_run(sentence: str, pos: int, g: PlaceGrammar) -> int:
    """End of the run of capitalised words (with inner connectors) starting at *pos*; pos if none."""
    end = cursor = pos
    pending = False
    for match in _PROSE_WORD.finditer(sentence, pos):
        gap = sentence[cursor : match.start()]
        if gap.strip() or (cursor != pos and not gap):
            break
        word = match.group()
        if any(ch.isdigit() for ch in word):
            break
        if _is_capitalised(word):
            end, pending = match.end(), False
        elif end > pos and not pending and word in g.connectors:
            pending = True
        else:
            break
        cursor = match.end()
    while end > pos and sentence[end - 1] in ".'’" and not sentence[pos:end].endswith(("St.", "Mt.", "Ft.")):
        end -= 1
    return end


def _looks_like_place_part(part: str, g: PlaceGrammar) -> bool:
    if country_of(part, g) is not None:
        return True
    return any(w.lower() in g.place_types for w in part.split())


def _rejected(run: str, g: PlaceGrammar) -> bool:
    words = run.split()
    if not words or words[0] in g.not_places:
        return True
    if any(w.lower().strip(".'’") in g.non_place for w in _RUN_SPLIT.split(run)):
        return True
    return len(words) == 1 and country_by_adjective(run) is not None and country(run) is None


def find_places(text: str) -> list[PlaceValue]:
    """Find place phrases in a prose sentence; offsets are relative to *text*."""
    g = place_grammar()
    found: list[PlaceValue] = []
    last_end = 0
    for match in g.prose.finditer(text):
        if match.start() < last_end:
            continue
        modifiers = g.modifiers.match(text, match.end())
        pos = modifiers.end() if modifiers else match.end()
        end = _capital_run(text, pos, g)
        if end == pos:
            continue
        run = text[pos:end]
        if _rejected(run, g):
            continue
        introduced_by_the = text[match.end() : pos].lower().startswith("the ")
        before = text[: match.start()].rsplit(None, 1)[-1:] if introduced_by_the else []  # the last word
        if before and _is_capitalised(before[-1]):
            if not any(w.lower() in g.place_types for w in run.split()):
                continue
        names: list[str] = split_type_of(run, g)
        while True:
            nxt = _LIST_COMMA.match(text, end)
            if not nxt:
                break
            part_start = nxt.end()
            part_mods = g.modifiers.match(text, part_start)
            part_pos = part_mods.end() if part_mods else part_start
            part_end = _capital_run(text, part_pos, g)
            part = text[part_start:part_end]
            if part_end == part_pos or _rejected(text[part_pos:part_end], g) or not _looks_like_place_part(part, g):
                break
            names.extend(split_type_of(part, g))
            end = part_end
        q_phrase = _SPACES.sub(" ", match.group("q").lower())
        qualifier = g.qualifier_ids.get(q_phrase, q_phrase.replace(" ", "_"))
        names_t = tuple(names)
        found.append(
            PlaceValue(
                qualifier, names_t, chain_country(names_t, g), None, text[match.start() : end], match.start(), end
            )
        )
        last_end = end
    return found
