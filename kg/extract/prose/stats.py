"""Counts of what the prose reader found, per article and over a corpus (for reports and benches)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from ...article import read_article
from ...facts import ArticleFacts
from ..consistency import from_infobox

__all__ = ["ProseStats", "prose_stats", "corpus_stats", "totals"]


@dataclass(frozen=True, slots=True)
class ProseStats:
    """What the prose of one article gave."""

    article: str
    events: int  # events read from the prose (the main event and named conflicts excluded)
    dated_events: int
    claims: int  # claims from the prose (figures and statements)
    explicit: int
    carried: int
    article_claims: int  # claims whose source is the article itself
    figures: int  # prose claims with a figure
    sided: int  # prose claims with a figure whose side was read
    sourced: int  # prose claims with a figure whose source the text names (explicit)
    statements: int  # prose claims in words only (vague figures included)
    captivities: int
    warnings: int


def prose_stats(facts: ArticleFacts) -> ProseStats:
    """Count the prose facts of one article's *facts*."""
    events = [ev for key, ev in facts.events.items() if key and not ev.external]
    claims = [c for c in facts.claims if not from_infobox(facts, c)]
    return ProseStats(
        article=facts.article.title,
        events=len(events),
        dated_events=sum(1 for ev in events if ev.time is not None),
        claims=len(claims),
        explicit=sum(1 for c in claims if c.attribution == "explicit"),
        carried=sum(1 for c in claims if c.attribution == "carried"),
        article_claims=sum(1 for c in claims if c.attribution == "article"),
        figures=sum(1 for c in claims if c.figure is not None),
        sided=sum(1 for c in claims if c.figure is not None and c.side is not None),
        sourced=sum(1 for c in claims if c.figure is not None and c.attribution == "explicit"),
        statements=sum(1 for c in claims if c.figure is None),
        captivities=len(facts.captivities),
        warnings=len(facts.warnings),
    )


def corpus_stats(paths: Iterable[str | Path]) -> list[ProseStats]:
    """Read and extract every article of *paths*; their prose counts, in order."""
    from .. import extract

    return [prose_stats(extract(read_article(p))) for p in paths]


def totals(rows: Iterable[ProseStats]) -> ProseStats:
    """The sum of *rows* (``article`` holds the number of articles)."""
    rows = list(rows)
    sums = {f.name: sum(getattr(r, f.name) for r in rows) for f in fields(ProseStats) if f.name != "article"}
    return ProseStats(article=f"{len(rows)} articles", **sums)
