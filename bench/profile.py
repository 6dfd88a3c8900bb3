"""Profile the corpus build on 1 core with pyinstrument (``pip install pyinstrument``).

Usage (from the repository root)::

    python -m bench.profile [-n 1000] [--validate] [--work /tmp/kg-bench] [--top 25] [-o bench/results/profile.md]

Generates (or reuses) N articles, runs ``kg.corpus.build_corpus(paths, devnull, jobs=1)`` under
pyinstrument (sampling every 1 ms) and writes Markdown tables: the functions with the most *self*
time (time spent in their own code), the kg functions with the most *total* time (their own code
and everything they call), and the time by package (kg module, rdflib, re, pyshacl ...).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from .generate import DEFAULT_SOURCE, write_corpus

__all__ = ["profile_build", "render", "main"]


def profile_build(paths: list[Path], *, validate: bool, interval: float = 0.001) -> tuple[Any, float]:
    """Run the build of *paths* on 1 core under pyinstrument; return (session, wall seconds)."""
    from pyinstrument import Profiler

    from kg.corpus import build_corpus

    build_corpus(paths[:5], open(os.devnull, "w"), jobs=1, validate=validate)  # warm caches and imports
    profiler = Profiler(interval=interval)
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        profiler.start()
        build_corpus(paths, sink, jobs=1, validate=validate)
        profiler.stop()
    return profiler.last_session, time.perf_counter() - started


_STDLIB = re.compile(r".*/lib/python3\.\d+/")


def _where(frame: Any) -> str:
    path = frame.file_path or ""
    for marker in ("/kg/", "/site-packages/"):
        i = path.rfind(marker)
        if i >= 0:
            return path[i + 1 :] if marker == "/kg/" else path[i + len(marker) :]
    return _STDLIB.sub("", path)


def _package(frame: Any) -> str:
    where = _where(frame)
    if where.startswith("kg/"):
        parts = where[:-3].split("/")
        return ".".join(parts[:3]) if parts[1] in ("parse", "extract", "rdf", "store") else ".".join(parts[:2])
    if frame.function in ("[self]", "[await]") or not where:
        return "(other)"
    return where.split("/")[0].removesuffix(".py")


def render(session: Any, wall: float, *, top: int = 25, title: str = "") -> str:
    """Markdown tables of the hot spots of *session*."""
    root = session.root_frame()
    total = root.time
    self_time: dict[tuple[str, str], float] = defaultdict(float)
    cum_time: dict[tuple[str, str], float] = defaultdict(float)
    package: dict[str, float] = defaultdict(float)

    def walk(frame: Any, stack: frozenset[tuple[str, str]]) -> None:
        key = (frame.function or "?", f"{_where(frame)}:{frame.line_no or ''}")
        real = [c for c in frame.children if not c.is_synthetic]
        own = frame.time - sum(c.time for c in real)  # pyinstrument files self time under "[self]" leaves
        self_time[key] += own
        package[_package(frame)] += own
        if key not in stack:  # recursion counts once
            cum_time[key] += frame.time
        inner = stack | {key}
        for child in real:
            walk(child, inner)

    walk(root, frozenset())
    pct = lambda t: 100 * t / total if total else 0.0  # noqa: E731
    lines = [f"#### {title}" if title else "", "",
             f"Wall {wall:.2f} s; {total:.2f} s sampled.", "",
             "Self time (own code, not callees):", "",
             "| % | s | function | where |", "|---:|---:|---|---|"]
    for (fn, where), t in sorted(self_time.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"| {pct(t):.1f} | {t:.2f} | `{fn}` | {where} |")
    lines += ["", "Total time of kg functions (own code and callees):", "",
              "| % | s | function | where |", "|---:|---:|---|---|"]
    kg_cum = [(k, t) for k, t in cum_time.items() if k[1].startswith("kg/")]
    for (fn, where), t in sorted(kg_cum, key=lambda kv: -kv[1])[:top]:
        lines.append(f"| {pct(t):.1f} | {t:.2f} | `{fn}` | {where} |")
    lines += ["", "Self time by package:", "", "| % | s | package |", "|---:|---:|---|"]
    for name, t in sorted(package.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"| {pct(t):.1f} | {t:.2f} | {name} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile", description="Profile kg's corpus build on 1 core")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--validate", action="store_true", help="profile the build with per-article validation")
    ap.add_argument("--work", default="/tmp/kg-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--source", default=str(DEFAULT_SOURCE))
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("-o", "--output", default=None, help="write the Markdown here [stdout]")
    ap.add_argument("--html", default=None, help="also write pyinstrument's HTML view here")
    args = ap.parse_args(argv)
    corpus = Path(args.work) / f"profile-corpus-{args.n}"
    paths = sorted(corpus.glob("*.txt"))
    if len(paths) != args.n:
        paths = write_corpus(corpus, args.n, seed=args.seed, source=args.source)
    session, wall = profile_build(paths, validate=args.validate)
    text = render(session, wall, top=args.top,
                  title=f"kg build of {args.n} articles, 1 core{' + validate' if args.validate else ''}")
    if args.html:
        from pyinstrument.renderers import HTMLRenderer

        Path(args.html).write_text(HTMLRenderer().render(session))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
