"""Roles the text gives besides a trigger's doer and patient, and who states each role.

* **Sources** (:func:`attribute_roles`): a role read in a sentence that has a source is that
  source's view, like the sentence's figures: ``X reported that the ambush was conducted by Y and
  Z`` makes Y and Z perpetrators according to X (``sem:accordingTo``), with the attribution of the
  sentence (explicit; carried, in a sentence whose figures the source carries too). The roles before a source named mid-sentence are the article's,
  when some follow it; the roles of the statement event itself (``X claimed responsibility``) are
  the article's. A role already told with the same source is not told twice.
* **What a statement is about** (:func:`statement_about`): a statement event (``claimed
  responsibility``) is about the event it names after its word in its clause (``for the ambush``).
* **An unnamed victim** (:func:`unnamed_victim`): a figure of one person right after the verb of an
  event (``Ostian forces killed a gunner``) is the victim of that event, a person the text
  does not name, on the figure's side, with the status of the figure's category.
* **Captors** (:func:`captors`): the victims of a capture that is part of a battle of two sides,
  all of one side, were taken by the other side: the capture's captor is that side (who of it, the
  text does not say), unless the text names the captor.
"""

from __future__ import annotations

from ...facts import ArticleFacts, Entity, RoleFact
from ...parse.figure_core import Figure
from .context import Reading, SentenceView

__all__ = ["attribute_roles", "statement_about", "unnamed_victim", "captors"]

# categories of a figure -> the status its counted people take as victims
_STATUS = {"killed": "killed", "wounded": "wounded", "captured": "captured", "missing": "missing"}


def attribute_roles(reading: Reading, view: SentenceView) -> None:
    """Give the roles read in the sentence of *view* its source (see the module's rules)."""
    added, reading.sentence_roles = reading.sentence_roles, []
    a = view.attribution
    if a is not None and a.method == "carried" and not _carried_figures(reading, view):
        a = None  # a carried source speaks for the roles of a sentence whose figures it gives
    if a is not None:
        mid = a.method == "explicit" and any(pos >= a.begin for _, pos, _ in added)
        for role, pos, key in added:
            if key == a.stated_in or (mid and pos < a.begin) or role.actor == a.authority:
                continue
            role.authority, role.attribution = a.authority, a.method
    for role, _pos, key in added:  # told before with the same source: once
        roles = reading.facts.events[key].roles
        if any(
            r is not role and (r.actor, r.role, r.authority) == (role.actor, role.role, role.authority) for r in roles
        ):
            roles.remove(role)


def _carried_figures(reading: Reading, view: SentenceView) -> bool:
    span = view.sentence.span
    for c in reversed(reading.facts.claims):
        if c.span != span:
            return False
        if c.attribution == "carried":
            return True
    return False


def statement_about(reading: Reading, view: SentenceView) -> None:
    """A statement event is about the event a definite noun names after its word, in its clause."""
    from .clauses import clause

    for hit in view.hits:
        if not (hit.new and hit.speech and hit.key):
            continue
        lo, hi = clause(view.text, hit.begin)
        later = [h.begin for h in view.hits if h.new and h.begin > hit.end]
        stop = min([hi, *later])
        ev = reading.facts.events[hit.key]
        for ref in view.hits:
            if not ref.new and hit.end <= ref.begin < stop and ref.key != hit.key and ref.key not in ev.about:
                ev.about.append(ref.key)


def unnamed_victim(reading: Reading, view: SentenceView, fig: Figure, category: str, side: int | None) -> None:
    """The victim a one-person figure right after an event's verb is ("killed a gunner")."""
    status = _STATUS.get(category)
    if status is None or fig.min != 1 or fig.max != 1 or not fig.unit:
        return
    text = view.text
    hit = next(
        (
            h
            for h in view.hits
            if h.new and not h.speech and h.key and h.end <= fig.start and not text[h.end : fig.start].strip()
        ),
        None,
    )
    if hit is None:
        return
    facts = reading.facts
    ev = facts.events[hit.key]
    n = sum(1 for r in ev.roles if r.actor.startswith("unknown:")) + 1
    local = f"{ev.key}/victim-{n}"
    key = f"unknown:{local}"
    if key not in facts.entities:
        words = text[fig.start : fig.end]
        facts.entities[key] = Entity(key, "unknown", words, [view.span(fig.start, fig.end)], local=local)
    role = RoleFact(key, "victim", view.sentence.span, side=side, status=(status,))
    ev.roles.append(role)
    reading.sentence_roles.append((role, fig.start, hit.key))


def captors(facts: ArticleFacts, civilians: int | None) -> None:
    """The captor of each capture of a battle of two sides whose victims are all of one side."""
    sides = [k for k in facts.sides if k != civilians]
    if len(sides) != 2:
        return
    for ev in facts.events.values():
        if "capture" not in ev.types or "" not in ev.parents or any(r.role == "captor" for r in ev.roles):
            continue
        victims = {r.side for r in ev.roles if r.role == "victim"}
        side = victims.pop() if len(victims) == 1 else None
        if side not in sides:  # none, several, or the civilians'
            continue
        other = sides[0] if sides[1] == side else sides[1]
        span = next(r.span for r in ev.roles if r.role == "victim")
        ev.roles.append(RoleFact(f"side:{other}", "captor", span, side=other))
