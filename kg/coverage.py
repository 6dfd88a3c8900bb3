"""Parse coverage over a folder of articles: how many infobox fields became typed facts.

Used by ``kg coverage DIR``: for each field the mapping knows, whether its value was read fully,
partly, or not at all; the fields that were not read are listed so coverage can be improved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .article import read_article
from .errors import KgError
from .extract import extract
from .facts import FieldReport

__all__ = ["Coverage", "coverage", "article_paths"]


@dataclass(slots=True)
class Coverage:
    articles: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    status: Counter[str] = field(default_factory=Counter)  # parsed / partial / unparsed / ignored / empty
    by_key: dict[str, Counter[str]] = field(default_factory=dict)
    misses: list[tuple[str, FieldReport]] = field(default_factory=list)  # (file, report) not fully parsed

    @property
    def readable(self) -> int:
        """Fields that carry a value kg tries to read (not ignored, not empty)."""
        return self.status["parsed"] + self.status["partial"] + self.status["unparsed"]

    def share(self, status: str) -> float:
        return self.status[status] / self.readable if self.readable else 0.0

    def summary(self) -> str:
        lines = [
            f"articles: {self.articles} ({len(self.failed)} failed)",
            f"infobox fields: {self.readable} to read, {self.status['ignored']} ignored, {self.status['empty']} empty",
            f"  parsed fully: {self.status['parsed']} ({self.share('parsed'):.1%})",
            f"  parsed partly: {self.status['partial']} ({self.share('partial'):.1%})",
            f"  not parsed: {self.status['unparsed']} ({self.share('unparsed'):.1%})",
            "by key (parsed/partly/not):",
        ]
        for key in sorted(self.by_key, key=lambda k: (-sum(self.by_key[k].values()), k)):
            c = self.by_key[key]
            lines.append(f"  {key:<14} {c['parsed']:>4} {c['partial']:>4} {c['unparsed']:>4}")
        return "\n".join(lines)

    def details(self) -> str:
        lines = []
        for file, report in self.misses:
            left = " | ".join(report.leftover)
            lines.append(f"{file}\t{report.field.key}\t{report.status}\t{left}")
        for file, reason in self.failed:
            lines.append(f"{file}\t-\tfailed\t{reason}")
        return "\n".join(lines)


def article_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the ``*.txt`` files they hold (sorted); keep files as given."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return out


def coverage(paths: Iterable[str | Path]) -> Coverage:
    """Extract every article of *paths* and count how its infobox fields were read."""
    cov = Coverage()
    for path in article_paths(paths):
        try:
            facts = extract(read_article(path))
        except KgError as exc:
            cov.failed.append((path.name, str(exc)))
            continue
        cov.articles += 1
        for report in facts.fields:
            cov.status[report.status] += 1
            if report.status in ("ignored", "empty"):
                continue
            key = report.field.name.rstrip("0123456789abc") or "?"
            cov.by_key.setdefault(key, Counter())[report.status] += 1
            if report.status != "parsed":
                cov.misses.append((path.name, report))
    return cov
