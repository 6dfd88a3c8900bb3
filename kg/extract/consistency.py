"""Consistency of the infobox with the prose: ranges no prose claim supports.

For each infobox figure about the main event (side, category, kind of thing counted) that the
prose also gives figures for, every bound of the infobox range should be stated by some prose
claim: the lower bound by a claim whose range contains it, the upper bound likewise. A bound no
claim gives is reported as a :class:`ConsistencyWarning` ("the infobox says 3-30 captured for
side 1; the prose gives 20 and 3: nothing supports 30"). Infobox figures the prose says nothing
about are not checked (silence is no disagreement).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import ArticleFacts, ClaimFact

__all__ = ["ConsistencyWarning", "check", "from_infobox"]


@dataclass(frozen=True, slots=True)
class ConsistencyWarning:
    side: int | None
    category: str
    kind: str | None
    bound: str  # "lower" | "upper"
    value: int
    infobox: tuple[int | None, int | None]
    prose: tuple[tuple[int | None, int | None], ...]
    claim: str  # key of the infobox claim

    def __str__(self) -> str:
        low, high = self.infobox
        shown = f"{low}" if low == high else f"{low}-{high if high is not None else ''}"
        given = ", ".join(f"{a}" if a == b else f"{a}-{b if b is not None else ''}" for a, b in self.prose)
        side = f"side {self.side}" if self.side is not None else "no side"
        return (
            f"infobox {self.category} {shown} ({side}, claim {self.claim}): no prose claim supports its "
            f"{self.bound} bound {self.value}; the prose gives {given}"
        )


def _kind(claim: ClaimFact) -> str | None:
    return claim.figure.kind if claim.figure is not None else None


def _supports(claim: ClaimFact, value: int) -> bool:
    f = claim.figure
    if f is None or f.min is None:
        return False
    high = f.max if f.max is not None else None
    return f.min <= value and (high is None or value <= high)


def from_infobox(facts: ArticleFacts, claim: ClaimFact) -> bool:
    """True when *claim* was read from the infobox (whatever source the infobox names for it)."""
    box = facts.article.infobox_span
    return box is not None and box.start <= claim.span.start and claim.span.end <= box.end


def check(facts: ArticleFacts) -> list[ConsistencyWarning]:
    """Infobox bounds about the main event that no prose claim on the same side, category and
    kind supports (see the module's rule)."""
    prose = [c for c in facts.claims if not from_infobox(facts, c) and c.event == "" and c.figure is not None]
    out: list[ConsistencyWarning] = []
    for box in facts.claims:
        if not from_infobox(facts, box) or box.event != "" or box.figure is None or box.side is None:
            continue
        same = [
            c
            for c in prose
            if c.side == box.side
            and c.category == box.category
            and (_kind(c) == _kind(box) or None in (_kind(c), _kind(box)))
        ]
        if not same:
            continue
        f = box.figure
        ranges = tuple((c.figure.min, c.figure.max) for c in same if c.figure is not None)
        for bound, value in (("lower", f.min), ("upper", f.max)):
            if value is None or (bound == "upper" and value == f.min):
                continue
            if not any(_supports(c, value) for c in same):
                out.append(
                    ConsistencyWarning(
                        box.side, box.category, _kind(box), bound, value, (f.min, f.max), ranges, box.key
                    )
                )
    return out
