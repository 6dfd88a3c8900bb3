"""Mentions of actors in prose, linked to the entities of the infobox and of earlier sentences.

One entity, one key (so one IRI): a mention is linked by these general rules, whose vocabulary is
``data/lexicons/mentions.toml``:

* the names and aliases of the entities already known (the infobox's sides and commanders);
* an acronym and its expansion written together, ``Long Name (LN)``: both name one entity
  (the known one if either is known, else a new one named by the expansion);
* a person's surname alone (``Smith`` for ``John Smith``), when no other known person has it;
* a person named after a title word in prose (``officer Firstname Lastname``): a new person;
* a state by name; its adjective followed by the noun of one of its bodies (``[[body]]``:
  ``Kenyan forces``, ``Kenyan soldiers``, ``the Kenyan army`` -- an armed force; ``the Kenyan
  government``, ``Kenyan officials`` -- a government): that body, an actor of its own linked to
  the state (:attr:`~kg.facts.Entity.body_of`) and standing on its side, one per body and state,
  named as the text first names it; followed by another member noun: the state, as its members;
* a group's name followed by a member noun (``FLN fighters``): the group; the bare member
  noun used later (``jihadists``) is the same group when only one group was named with it (for
  the side of a figure, in either number: ``40 militants`` after ``X militant group``); so is
  the head noun of a group the infobox names by a lower-case description (``drug traffickers``:
  ``the trafficker's vehicle``), in either number, a possessive too.

Which battle side an entity stands on is :class:`~.battle_sides.BattleSides` (``index.battle``).

Mentions are made lazily into entities: :meth:`MentionIndex.use` registers the entity in the
facts only when an event role or a claim needs it, so a country merely named in passing adds
nothing to the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...article import Sentence, Span
from ...facts import ArticleFacts, entity_key
from ...gazetteer import country, country_by_adjective, find_countries
from ...parse.actors import parse_actors
from ...parse.patterns import phrase_key
from .battle_sides import BattleSides
from .mention_words import mention_lexicon

__all__ = ["Mention", "MentionIndex", "mention_lexicon", "find_acronyms"]

_WORD = re.compile(r"[^\W_][\w'’.-]*(?<![.'’])|[^\W_]\.")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]*[A-Z])\)")
_GAP = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor in a sentence; offsets are into the article text."""

    kind: str  # entity kind: state, armed_group, person, organization, group ...
    name: str  # the entity's canonical name
    start: int
    end: int
    text: str
    members: bool = False  # the mention counts members or forces ("Kenyan soldiers")

    @property
    def key(self) -> str:
        return entity_key(self.kind, self.name)


def _norm(form: str) -> str:
    """Lookup key of a name form: acronyms as written, anything else case-folded."""
    form = " ".join(form.split())
    return form if form.isupper() else form.casefold()


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _initials(words: list[str]) -> str:
    out = []
    for word in words:
        for part in word.split("-"):
            if part[:1].isupper():
                out.append(part[0])
    return "".join(out)


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """``(expansion, acronym)`` pairs written as ``Long Name (LN)`` in *text*.

    The expansion is the run of capitalised words and name connectors before the parenthesis
    whose capital initials hold every letter of the acronym, the first one included.
    """
    lex = mention_lexicon()
    out: list[tuple[str, str]] = []
    for m in _ACRONYM.finditer(text):
        acronym = m.group(1)
        words = [w.group() for w in _WORD.finditer(text, max(0, m.start() - 160), m.start())]
        tail = text[max(0, m.start() - 160) : m.start()]
        if not words or not tail.rstrip().endswith(words[-1]):
            continue
        run: list[str] = []
        for word in reversed(words):
            if _capitalised(word) or word.casefold() in lex.connectors:
                run.append(word)
            else:
                break
        run.reverse()
        while run and (run[0].casefold() in lex.connectors):
            run.pop(0)
        while run and run[-1].casefold() in lex.connectors:
            run.pop()
        if len(run) < 2:
            continue
        initials = _initials(run)
        letters = [c for c in acronym if c.isupper()]
        pool = list(initials)
        ok = bool(letters) and letters[0] in initials[:2]
        for c in letters:
            if c in pool:
                pool.remove(c)
            else:
                ok = False
                break
        if ok:
            out.append((" ".join(run), acronym))
    return out


class MentionIndex:
    """The names this article gives its actors, and the rules that link a mention to one."""

    def __init__(self, facts: ArticleFacts) -> None:
        self.facts = facts
        self.lex = mention_lexicon()
        self.forms: dict[str, tuple[str, str]] = {}  # normalised form -> (kind, name)
        self.first_words: set[str] = set()  # case-folded first words of the forms, to skip the rest fast
        self.max_words = 1
        self.aliases: dict[tuple[str, str], list[str]] = {}
        self.surnames: dict[str, tuple[str, str] | None] = {}
        self.bare_members: dict[str, tuple[str, str] | None] = {}
        self.bodies: dict[tuple[str, str], tuple[str, str]] = {}  # (state name, body id) -> (kind, name)
        self.body_states: dict[tuple[str, str], str] = {}  # (kind, name) of a body -> its state's name
        for ent in facts.entities.values():
            if ent.kind in ("place", "unknown"):
                continue
            for form in [ent.name, *ent.aliases]:
                self.add_form(form, ent.kind, ent.name)
        self.battle = BattleSides(facts, self.lex)
        for ent in facts.entities.values():  # "Ostian Army" in the infobox: Ostland's forces
            words = ent.name.split()
            if ent.kind not in ("state", "place", "unknown", "person") and len(words) > 1 and ent.name.islower():
                for noun in {words[-1], words[-1][:-1] if words[-1].endswith("s") else words[-1]}:
                    self._bare(noun, (ent.kind, ent.name))  # "drug traffickers": "the trafficker's vehicle"
            if ent.kind not in ("state", "place", "unknown", "person"):
                state = self.battle.state_of_force(ent.name)
                if state is not None:
                    self.bodies.setdefault((state, "forces"), (ent.kind, ent.name))
                    self.body_states.setdefault((ent.kind, ent.name), state)

    def side_of(self, key: str | None) -> int | None:
        """The battle side the entity *key* stands on, if exactly one (see :class:`BattleSides`)."""
        return self.battle.side_of(key)

    def mention_side(self, mention: Mention) -> int | None:
        """The battle side of what *mention* names, before it is used: a body of a state stands
        on the state's side."""
        state = self.body_states.get((mention.kind, mention.name))
        side = self.battle.side_of(mention.key)
        return side if side is not None or state is None else self.battle.side_of(entity_key("state", state))

    def add_form(self, form: str, kind: str, name: str) -> None:
        form = " ".join(form.split())
        if not form or len(form) < 2:
            return
        self.forms.setdefault(_norm(form), (kind, name))
        words = form.split()
        self.first_words.add(words[0].casefold())
        self.max_words = max(self.max_words, len(words))
        if kind == "person":
            words = form.split()
            last = words[-1]
            if (
                len(words) > 1
                and len(last) >= 3
                and (_capitalised(last) or last[:3] in ("al-", "el-"))
                and last.casefold() not in self.lex.not_surnames
            ):
                owner = self.surnames.get(last, (kind, name))
                self.surnames[last] = owner if owner == (kind, name) else None

    def learn(self, text: str) -> None:
        """Read the acronyms of *text* (the prose), and how it names the bodies of states, into
        the index."""
        self._learn_bodies(text)
        for expansion, acronym in find_acronyms(text):
            known = self.forms.get(_norm(acronym)) or self.forms.get(_norm(expansion))
            if known is None:
                found = country(expansion)
                if found is not None:
                    known = ("state", found.name)
                else:
                    actors = parse_actors(expansion)
                    kind = actors[0].kind if actors and actors[0].kind and actors[0].kind != "state" else "organization"
                    known = (kind, expansion)
            for form in (expansion, acronym):
                self.add_form(form, *known)
                if form != known[1]:
                    self.aliases.setdefault(known, [])
                    if form not in self.aliases[known]:
                        self.aliases[known].append(form)

    def _learn_bodies(self, text: str) -> None:
        """Name each body of a state the prose writes by the form with the body's first noun
        ("Ostian forces", "Ostian government") when the prose has one, else by its first form."""
        for m in self.lex.body_re.finditer(text):
            noun = phrase_key(m.group("noun"))
            if noun not in self.lex.body_names:
                continue
            words = m.group("adj").split()
            for n in (2, 1)[2 - len(words) :]:
                adjective = " ".join(words[-n:])
                found = country_by_adjective(adjective) if adjective[:1].isupper() else None
                if found is not None and country(adjective) is None:
                    body = self.lex.bodies[noun]
                    form = f"{adjective} {' '.join(m.group('noun').split())}"
                    self.bodies.setdefault((found.name, body[0]), (body[1], form))
                    self.body_states.setdefault((body[1], form), found.name)
                    break

    # -- finding -----------------------------------------------------------------------------

    def _lookup(self, form: str) -> tuple[str, str] | None:
        found = self.forms.get(_norm(form))
        if found is None and " " not in form:
            found = self.surnames.get(form)
        return found

    def _member_noun(self, words: list[re.Match[str]], i: int, run: list[int]) -> int:
        """Index past the member nouns starting at word *i* (or *i* when there is none)."""
        for size in range(min(self.lex.member_max, run[i] - i + 1), 0, -1):
            phrase = " ".join(w.group().casefold() for w in words[i : i + size])
            if phrase in self.lex.member_nouns:
                end = i + size  # "rebel forces": the member nouns run on
                return self._member_noun(words, end, run) if end < len(words) and run[end - 1] >= end else end
        return i

    def find(self, sentence: Sentence, *, skip: tuple[Span, ...] = ()) -> list[Mention]:
        """The actor mentions of *sentence*, left to right, never overlapping.

        Country names inside the spans *skip* (the sentence's place phrases) are places, not actors.
        """
        text = sentence.text
        base = sentence.span.start
        words = list(_WORD.finditer(text))
        texts = [w.group() for w in words]
        low = [t.casefold() for t in texts]
        taken = [False] * len(words)
        found: list[Mention] = []
        run = _runs(words, text)
        starts = {w.start(): k for k, w in enumerate(words)}
        ends = {w.end(): k for k, w in enumerate(words)}

        def place(s: int, e: int) -> bool:
            return any(sp.start <= base + s and base + e <= sp.end for sp in skip)

        def claim(i: int, j: int, kind: str, name: str, members: bool) -> None:
            for t in range(i, j):
                taken[t] = True
            s, e = words[i].start(), words[j - 1].end()
            found.append(Mention(kind, name, base + s, base + e, text[s:e], members))

        # 1. states by name, alias or adjective
        for c, s, e in find_countries(text):
            i = starts.get(s)
            j = ends[e] + 1 if e in ends else None
            if i is None or j is None or any(taken[i:j]):
                continue
            form = text[s:e]
            if country_by_adjective(form) is not None and country(form) is None:
                end = self._member_noun(words, j, run) if j < len(words) and run[j - 1] >= j else j
                if end > j:
                    noun = " ".join(w.group().casefold() for w in words[j:end])
                    body = self.lex.bodies.get(noun)
                    if body is not None:  # "Ostian forces": Ostland's armed force, not Ostland
                        kind, name = self.body(c.name, body, text[s : words[end - 1].end()])
                        claim(i, end, kind, name, True)
                    else:
                        claim(i, end, "state", c.name, True)
                continue
            if not place(s, e):
                claim(i, j, "state", c.name, False)
        # 2. persons after a title word
        titles = self.lex.titles
        for i in range(len(words)):
            if taken[i] or low[i] not in titles:
                continue
            j = i + 1
            while (
                j < len(words)
                and not taken[j]
                and run[j - 1] >= j
                and (_capitalised(words[j].group()) or words[j].group() in self.lex.particles)
            ):
                j += 1
            while j > i + 1 and words[j - 1].group() in self.lex.particles:
                j -= 1
            if j - i >= 3 or (j - i == 2 and self._lookup(words[i + 1].group()) is not None):
                name = text[words[i + 1].start() : words[j - 1].end()]
                known = self._lookup(name)
                if known is None or known[0] == "person":
                    if known is None:
                        self.add_form(name, "person", name)
                        known = ("person", name)
                    claim(i + 1, j, "person", known[1], False)
        # 3. known names, longest first, then a member noun after them
        i = 0
        while i < len(words):
            if taken[i]:
                i += 1
                continue
            hit = None
            if low[i] not in self.first_words and texts[i] not in self.surnames:
                i += 1
                continue
            for j in range(min(len(words), i + self.max_words, run[i] + 1), i, -1):
                if any(taken[i:j]):
                    continue
                known = self._lookup(text[words[i].start() : words[j - 1].end()])
                if known is not None:
                    hit = (j, known)
                    break
            if hit is None:
                i += 1
                continue
            j, (kind, name) = hit
            end = j
            if kind != "person" and j < len(words) and not taken[j] and run[j - 1] >= j:
                end = self._member_noun(words, j, run)
                if end > j:
                    self._bare(" ".join(w.group().casefold() for w in words[j:end]), (kind, name))
            claim(i, end, kind, name, end > j)
            i = end
        # 4. bare member nouns used before with one group
        bare = self.bare_members
        for i in range(len(words) if bare else 0):
            if taken[i]:
                continue
            owner = bare.get(low[i]) or bare.get(_POSSESSIVE.sub("", low[i]))
            if owner is not None:
                claim(i, i + 1, owner[0], owner[1], True)
        found.sort(key=lambda m: m.start)
        return found

    def body(self, state: str, body: tuple[str, str], form: str) -> tuple[str, str]:
        """The ``(kind, name)`` of the body *body* (id, kind) of *state*, written *form*: the one
        already known (another form becomes an alias), else a new one named *form*."""
        form = " ".join(form.split())
        known = self.bodies.get((state, body[0]))
        if known is None:
            known = self.bodies[(state, body[0])] = (body[1], form)
            self.body_states[known] = state
        elif form.casefold() != known[1].casefold():
            aliases = self.aliases.setdefault(known, [])
            if all(form.casefold() != a.casefold() for a in aliases):
                aliases.append(form)
        return known

    def _bare(self, noun: str, owner: tuple[str, str]) -> None:
        if owner[0] == "state" or noun in self.lex.state_nouns or " " in noun:
            return  # "forces", "soldiers" alone are anyone's: only a group's own members are learnt
        previous = self.bare_members.get(noun, owner)
        self.bare_members[noun] = previous if previous == owner else None

    def bare_owner(self, words: str) -> tuple[str, str] | None:
        """The group a bare member noun ending *words* stands for, in either number ("militants"
        after "X militant group"), when one group only was named with it; None otherwise."""
        noun = words.split()[-1].casefold() if words.split() else ""
        other = noun[:-1] if noun.endswith("s") else noun + "s"
        found = [self.bare_members.get(f) for f in (noun, other) if f in self.bare_members]
        owners = {o for o in found if o is not None}
        return owners.pop() if len(owners) == 1 and None not in found else None

    # -- entities ----------------------------------------------------------------------------

    def use(self, mention: Mention, span: Span) -> str:
        """Register the entity of *mention* in the facts (once); return its key."""
        key = self.facts.add_entity(mention.kind, mention.name, span)
        ent = self.facts.entities[key]
        for alias in self.aliases.get((mention.kind, mention.name), []):
            if alias not in ent.aliases and alias != ent.name:
                ent.aliases.append(alias)
        state = self.body_states.get((mention.kind, mention.name))
        if state is not None and ent.body_of is None:  # a body of a state stands on its side
            ent.body_of = self.facts.add_entity("state", state)
            self.battle.affiliate(key, ent.body_of)
        return key

    def actor_in(self, text: str, start: int) -> Mention | None:
        """The actor named in a figure's counted words (``Kenyan soldiers``, ``jihadists``)."""
        mentions = self.find(Sentence(text, Span(start, start + len(text))))
        return mentions[-1] if mentions else None


def _runs(words: list[re.Match[str]], text: str) -> list[int]:
    """For each word, the index of the last word it is joined to by white space only."""
    run = list(range(len(words)))
    for k in range(len(words) - 2, -1, -1):
        gap = text[words[k].end() : words[k + 1].start()]
        if gap and _GAP.fullmatch(gap):
            run[k] = run[k + 1]
    return run
