"""Build time per article of several commits, compared in one run on a noisy machine.

Usage (from the repository root)::

    python -m bench.build_time ceca259 main HEAD [--corpus ../shared/corpus] [--rounds 5] [--repeats 3]

Each argument is a git revision (exported with ``git archive`` into a temporary folder, so the
work tree and other people's edits are never measured) or a folder holding a kg source tree. For
each round, every tree runs in a fresh process in turn (interleaved, so a busy spell of the
machine hits all of them alike): it reads the corpus, builds every article once to warm caches
and imports, then builds the whole corpus *repeats* times with ``kg.pipeline.build_article``,
keeps each article's best CPU time (``time.process_time``; the best per article filters out the
bursts of other processes better than the best whole pass) and reports their mean. The result of
a tree is the minimum over the rounds; the ratio is to the first tree. Nothing is written but the
table.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from .generate import DEFAULT_SOURCE
from .measure import ROOT

__all__ = ["export_tree", "run_child", "corpus_folder", "time_tree", "compare", "main"]

_CHILD = r"""
import glob, os, sys, time
root, corpus, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
os.chdir(root)
from kg.article import read_article
from kg.pipeline import build_article
assert os.path.dirname(sys.modules["kg"].__file__) == os.path.join(root, "kg"), "kg imported from elsewhere"
articles = [read_article(p) for p in sorted(glob.glob(os.path.join(corpus, "*.txt")))]
for a in articles:
    build_article(a)
best = [float("inf")] * len(articles)
clock = time.process_time
for _ in range(repeats):
    for i, a in enumerate(articles):
        started = clock()
        build_article(a)
        best[i] = min(best[i], clock() - started)
print(sum(best) * 1000 / len(articles))
"""


def export_tree(rev: str, into: Path) -> Path:
    """The tree of *rev* (a folder as it is, or a git revision exported into *into*)."""
    if Path(rev).is_dir():
        return Path(rev).resolve()
    out = into / rev.replace("/", "_")
    out.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def run_child(script: str, tree: Path, corpus: Path, *, repeats: int) -> str:
    """The output of *script* run in a fresh process on *tree*, with *corpus* and *repeats* as its
    arguments (the child scripts of this module and of :mod:`bench.validation_time`)."""
    run = subprocess.run([sys.executable, "-c", script, str(tree), str(corpus), str(repeats)],
                         capture_output=True, text=True, cwd=str(tree))
    if run.returncode != 0:
        raise RuntimeError(f"the run with {tree} failed: {run.stderr[-2000:]}")
    return run.stdout


def corpus_folder(parser: argparse.ArgumentParser, corpus: Path) -> Path:
    """*corpus* made absolute (the children run in the exported trees); a usage error when it holds
    no article."""
    if not any(corpus.glob("*.txt")):
        parser.error(f"no article (*.txt) in {corpus}")
    return corpus.resolve()


def time_tree(tree: Path, corpus: Path, *, repeats: int) -> float:
    """Best CPU milliseconds per article of one fresh process building *corpus* with *tree*."""
    return float(run_child(_CHILD, tree, corpus, repeats=repeats).strip().splitlines()[-1])


def compare(trees: dict[str, Path], corpus: Path, *, rounds: int, repeats: int) -> dict[str, list[float]]:
    """Every tree's ms/article in each round, the trees interleaved within a round."""
    times: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            times[name].append(time_tree(tree, corpus, repeats=repeats))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build_time", description=__doc__.splitlines()[0])
    parser.add_argument("revs", nargs="+", help="git revisions or kg source folders; the first is the reference")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    args.corpus = corpus_folder(parser, Path(args.corpus))
    with tempfile.TemporaryDirectory(prefix="kg-build-time-") as tmp:
        trees = {rev: export_tree(rev, Path(tmp)) for rev in args.revs}
        times = compare(trees, args.corpus, rounds=args.rounds, repeats=args.repeats)
    reference = min(times[args.revs[0]])
    print(f"| tree | ms/article (min of {args.rounds}) | ratio to {args.revs[0]} | all rounds |")
    print("|---|---|---|---|")
    for rev, values in times.items():
        print(f"| {rev} | {min(values):.2f} | {min(values) / reference:.3f} | {', '.join(f'{v:.2f}' for v in values)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
