"""Export time of one article with a growing infobox: linear growth means no quadratic step.

    python -m bench.export_growth [--lines 1000,2000,4000,8000] [--formats turtle,trig,nq,nt,json-ld] [--repeat 3]

Each article is a title, an infobox of N lines (``- StrengthK: K men``, each read into a claim with
its figure, span and field) and one sentence of prose. It is built once; then each format is
written by :func:`kg.export.serialize`, and the best CPU time of ``--repeat`` runs is printed with
the time per triple (the writers run in one thread, and CPU time is what load on a shared machine
does not inflate). A time per triple that stays flat from 1,000 to 8,000 lines means the writer is
linear; a quadratic one doubles it with every doubling (rdflib's Turtle and TriG writers did:
3.3 / 6.7 / 23.6 / 76 s at 1k / 2k / 4k / 8k lines).
"""
from __future__ import annotations

import argparse
import sys
import time

from kg.article import parse_article
from kg.export import FORMATS, serialize
from kg.pipeline import build_article

__all__ = ["article", "main"]


def article(lines: int) -> str:
    """An article whose infobox has *lines* strength lines."""
    box = [f"- Strength{i}: {i} men" for i in range(1, lines + 1)]
    return "\n".join(["= Battle of Anywhere =", "", "Infobox", "- Date: July 4, 2009", *box, "",
                      "On July 4, 2009, clashes broke out."]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", default="1000,2000,4000,8000", help="infobox sizes [1000,2000,4000,8000]")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"formats [{','.join(FORMATS)}]")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each writer; the best counts [3]")
    args = parser.parse_args(argv)
    formats = args.formats.split(",")
    print(f"{'lines':>6} {'triples':>8} " + " ".join(f"{fmt:>18}" for fmt in formats))
    for lines in (int(n) for n in args.lines.split(",")):
        graph = build_article(parse_article(article(lines))).graph
        cells = []
        for fmt in formats:
            best = float("inf")
            for _ in range(args.repeat):
                started = time.process_time()
                serialize(graph, fmt)
                best = min(best, time.process_time() - started)
            cells.append(f"{best:6.2f} s {best / len(graph.triples) * 1e6:5.1f} µs/t")
        print(f"{lines:>6} {len(graph.triples):>8} " + " ".join(f"{c:>18}" for c in cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
