"""Prose extraction over a folder of articles: counts per article and in total, and the time taken.

    python bench/prose_stats.py ../shared/corpus          # a table on stdout
    python bench/prose_stats.py ../shared/corpus --tsv    # tab-separated
"""
from __future__ import annotations

import sys
import time
from dataclasses import astuple, fields
from pathlib import Path

from kg.article import read_article
from kg.extract import extract
from kg.extract.prose.stats import ProseStats, prose_stats, totals


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "../shared/corpus")
    tsv = "--tsv" in argv
    paths = sorted(folder.glob("*.txt"))
    rows: list[ProseStats] = []
    failures: list[tuple[str, str]] = []
    started = time.perf_counter()
    for path in paths:
        try:
            rows.append(prose_stats(extract(read_article(path))))
        except Exception as exc:  # a bench reports every failure and goes on
            failures.append((path.name, f"{type(exc).__name__}: {exc}"))
    elapsed = time.perf_counter() - started
    names = [f.name for f in fields(ProseStats)]
    sep = "\t" if tsv else "  "
    print(sep.join(names))
    for row in rows + [totals(rows)]:
        values = astuple(row)
        print(sep.join([str(values[0])[:40].ljust(0 if tsv else 40)] + [str(v).rjust(0 if tsv else len(n)) for v, n in zip(values[1:], names[1:], strict=True)]))
    print(f"# {len(paths)} files, {len(failures)} failures, {elapsed:.2f} s ({1000 * elapsed / max(1, len(paths)):.1f} ms per article, infobox included)")
    for name, error in failures:
        print(f"# FAILED {name}: {error}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
