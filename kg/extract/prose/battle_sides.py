"""The battle's sides as the prose reader sees them: which side each entity stands on, and which
sides hold a state, irregular fighters or the civilians.

Built once per article from the infobox's facts (:class:`BattleSides`), with the nouns of
``data/lexicons/mentions.toml``:

* an entity stands on the side it is a member (or supporter) of, or whose commander it is; an
  entity on two sides stands on none; an affiliate stands with whom it is affiliated;
* a state also stands on the side of its forces named after it (``Ostian Army``, ``Armed Forces
  of Ostland``: the state's name or adjective and member nouns only, so ``Free Ostian
  Army`` or ``Democratic Army of Tolan`` are no state's forces);
* a state's force noun alone (``soldiers``, ``police officers``) counts the only side holding a
  state; an irregular fighters' noun (``militants``, ``rebels``) the only combatant side holding
  none, when all others hold one; a civilians' noun the side of the civilians: the one side with
  no named member whose infobox figures count civilians (often ``Casualties3``);
* a state's forces whose state stands on no side count the one combatant side that fights
  unnamed (only a flag), when every named side holds no state and no state force (only
  irregular groups): ``Kenyan soldiers`` against a side ``X Front`` and a side with a flag;
* words of the government (``junta soldiers``, ``regime forces``) count the government side, the
  only side holding a state; words of those who fight it (``resistance fighters``) the opposition
  side: the only side holding none when all others hold one, else the one side whose member
  names carry such a word or ``anti-`` and a government word (``anti-junta militias``); in a
  battle of two sides, each is the other side of the other (words: ``results.toml``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...facts import ArticleFacts, entity_key
from ...gazetteer import find_countries
from ...parse.patterns import phrase_key
from ...parse.results import camp_words, opposes_government

if TYPE_CHECKING:
    from .mention_words import MentionLexicon

__all__ = ["BattleSides"]

_STATE_KINDS = frozenset({"state", "armed_force", "government"})


_WORD = re.compile(r"[^\W_][\w'’.-]*(?<![.'’])")


class BattleSides:
    """Which side each entity of an article stands on (entity keys to side keys)."""

    def __init__(self, facts: ArticleFacts, lex: MentionLexicon) -> None:
        self.facts = facts
        self.lex = lex
        self.sides: dict[str, int] = {}
        for index, side in facts.sides.items():
            for key in side.members + side.supporters:
                self._side(key, index)
                ent = facts.entities.get(key)
                state = self.state_of_force(ent.name) if ent is not None and ent.kind != "state" else None
                if state is not None:  # "Ostian Army": Ostland's forces, so Ostland counts this side
                    self._side(entity_key("state", state), index)
        for role in facts.battle.roles:
            if role.side is not None:
                self._side(role.actor, role.side)
        for key, ent in facts.entities.items():  # an affiliate stands with whom it is affiliated
            if ent.affiliated_with and ent.affiliated_with in self.sides:
                self._side(key, self.sides[ent.affiliated_with])
        self._civilian = self._civilian_side()

    def _side(self, key: str, index: int) -> None:
        if self.sides.get(key, index) != index:
            self.sides[key] = 0  # on two sides: none
        else:
            self.sides[key] = index

    def state_of_force(self, name: str) -> str | None:
        """The state whose forces *name* names by the state alone and member nouns, or None."""
        found = find_countries(name)
        if len(found) != 1:
            return None
        c, s, e = found[0]
        rest = [w.casefold() for w in _WORD.findall(name[:s] + " " + name[e:])]
        rest = [w for w in rest if w not in ("the", "of")]
        i = 0
        while i < len(rest):
            for size in range(min(self.lex.member_max, len(rest) - i), 0, -1):
                if " ".join(rest[i : i + size]) in self.lex.member_nouns:
                    i += size
                    break
            else:
                return None
        return c.name if rest else None

    def _civilian_side(self) -> int | None:
        found = []
        for index, side in self.facts.sides.items():
            if side.members or side.supporters:
                continue
            kinds = {
                c.figure.kind
                for c in self.facts.claims
                if c.side == index and c.figure is not None and c.attribution == "infobox"
            }
            if "civilian" in kinds and kinds <= {"civilian", None}:
                found.append(index)
        return found[0] if len(found) == 1 else None

    def affiliate(self, key: str, other: str) -> None:
        """Let the entity *key* stand on the side of *other* (an affiliate, a state's officials)."""
        side = self.sides.get(other)
        if side:
            self._side(key, side)

    def side_of(self, key: str | None) -> int | None:
        """The battle side whose members include the entity *key*, if exactly one does."""
        if key is None:
            return None
        side = self.sides.get(key)
        return side or None

    def state_sides(self) -> set[int]:
        """The sides holding a state (as a member, or through its forces named after it)."""
        return {i for k, i in self.sides.items() if i and k.startswith("state:")}

    def state_side(self) -> int | None:
        """The only side with a state among its members (None when none or several have one)."""
        found = self.state_sides()
        return found.pop() if len(found) == 1 else None

    def nonstate_side(self) -> int | None:
        """The only combatant side holding no state, when every other one holds a state."""
        states = self.state_sides()
        combatants = {i for i, side in self.facts.sides.items() if side.members}
        others = combatants - states
        return others.pop() if len(others) == 1 and states and combatants - others <= states else None

    def civilian_side(self) -> int | None:
        """The side of the civilians: the one side with no named member whose infobox figures count
        civilians (and nothing else that says what it counts)."""
        return self._civilian

    def unnamed_side(self) -> int | None:
        """The side a state's forces count when no side holds their state: the one combatant side
        with no member named (the civilians' side aside), when every named side holds no state and
        no member of a state's kind (a state, an armed force, a government)."""
        unnamed: list[int] = []
        named: list[int] = []
        for index, side in self.facts.sides.items():
            if index == self._civilian:
                continue
            keys = side.members + side.supporters
            (named if keys else unnamed).append(index)
            for key in keys:
                ent = self.facts.entities.get(key)
                if ent is None or ent.kind in _STATE_KINDS:
                    return None
        return unnamed[0] if len(unnamed) == 1 and named and not self.state_sides() else None

    def camp_side(self, words: str) -> int | None:
        """The side *words* name by a word of the government or of its opposition (see the module)."""
        government, opposition = camp_words()
        low = set(_WORD.findall(words.casefold()))
        if low & government and not low & opposition:
            return self._government_side()
        if low & opposition and not low & government:
            return self._opposition_side()
        return None

    def _fighting(self) -> list[int]:
        return [i for i in self.facts.sides if i != self._civilian]

    def other_side(self, side: int | None) -> int | None:
        """The other side of a battle of two sides (the civilians' side aside), or None."""
        two = self._fighting()
        if side is None or len(two) != 2 or side not in two:
            return None
        return two[0] if two[1] == side else two[1]

    def _government_side(self) -> int | None:
        found = self.state_side()
        if found is None and not self.state_sides():
            return self.other_side(self._opposition_named())
        return found

    def _opposition_side(self) -> int | None:
        found = self.nonstate_side() or self._opposition_named()
        government = self.state_side()
        if found is None:
            return self.other_side(government)
        return found if found != government else None

    def _opposition_named(self) -> int | None:
        """The one side whose member names carry an opposition word or ``anti-`` a government word."""
        found = []
        for index in self._fighting():
            side = self.facts.sides[index]
            names = [ent.name for ent in map(self.facts.entities.get, side.members + side.supporters) if ent]
            if any(opposes_government(name) for name in names):
                found.append(index)
        return found[0] if len(found) == 1 else None

    def state_noun(self, words: str) -> bool:
        """True when *words* end in a noun of a state's forces (``army vehicles``, ``soldiers``)."""
        low = phrase_key(words)
        return any(low == n or low.endswith(" " + n) or low.startswith(n + " ") for n in self.lex.state_nouns)

    def nonstate_noun(self, words: str) -> bool:
        """True when *words* end in a noun of irregular fighters (``militants``, ``rebel fighters``)."""
        low = phrase_key(words)
        return any(low == n or low.endswith(" " + n) for n in self.lex.nonstate_nouns)

    def civilian_noun(self, words: str) -> bool:
        """True when *words* end in a noun of civilians (``civilians``, ``villagers``)."""
        low = phrase_key(words)
        return any(low == n or low.endswith(" " + n) for n in self.lex.civilian_nouns)
