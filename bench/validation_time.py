"""Validation time per article of several commits, compared in one run on a noisy machine, and
whether they report the same findings.

Usage (from the repository root)::

    python -m bench.validation_time ceca259 main HEAD [--corpus ../shared/corpus] [--rounds 5] [--repeats 3]

Each argument is a git revision or a kg source folder (see :mod:`bench.build_time`, whose export
and interleaving this shares). In each fresh process the corpus is built once (not timed), each
article's graph put in an rdflib Dataset (``Built.dataset``, an attribute in older trees), and
validated once to warm the shapes; then every article is validated *repeats* times with
``kg.validate.validate`` (the default engine) and its best CPU time kept. The figure of a tree is
the mean of the per-article bests, minimum over the rounds; the ratio is to the first tree, also
per triple (the graphs grow with the model). The last column is a digest of every finding
(severity, shape, focus, path, value, message) over the corpus: equal digests, equal findings.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from .build_time import corpus_folder, export_tree, run_child
from .generate import DEFAULT_SOURCE

__all__ = ["time_validation", "main"]

_CHILD = r"""
import glob, hashlib, os, sys, time
root, corpus, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
os.chdir(root)
from kg.article import read_article
from kg.pipeline import build_article
from kg.validate import validate
assert os.path.dirname(sys.modules["kg"].__file__) == os.path.join(root, "kg"), "kg imported from elsewhere"
graphs = []
for path in sorted(glob.glob(os.path.join(corpus, "*.txt"))):
    dataset = build_article(read_article(path)).dataset
    graphs.append(dataset() if callable(dataset) else dataset)
triples = sum(len(list(g.quads((None, None, None, None)))) for g in graphs)
digest = hashlib.sha256()
for g in graphs:
    for f in validate(g).findings:
        digest.update(repr((f.severity, f.shape, f.focus, f.path, f.value, f.message)).encode())
best = [float("inf")] * len(graphs)
clock = time.process_time
for _ in range(repeats):
    for i, g in enumerate(graphs):
        started = clock()
        validate(g)
        best[i] = min(best[i], clock() - started)
print(sum(best) * 1000 / len(graphs), triples, len(graphs), digest.hexdigest()[:12])
"""


def time_validation(tree: Path, corpus: Path, *, repeats: int) -> tuple[float, int, int, str]:
    """(best CPU ms per article, triples, articles, findings digest) of one fresh process."""
    out = run_child(_CHILD, tree, corpus, repeats=repeats)
    ms, triples, articles, digest = out.split()[-4:]
    return float(ms), int(triples), int(articles), digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.validation_time", description=__doc__.splitlines()[0])
    parser.add_argument("revs", nargs="+", help="git revisions or kg source folders; the first is the reference")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    args.corpus = corpus_folder(parser, Path(args.corpus))
    runs: dict[str, list[tuple[float, int, int, str]]] = {rev: [] for rev in args.revs}
    with tempfile.TemporaryDirectory(prefix="kg-validation-time-") as tmp:
        trees = {rev: export_tree(rev, Path(tmp)) for rev in args.revs}
        for _ in range(args.rounds):
            for rev, tree in trees.items():  # interleaved: a busy spell hits every tree alike
                runs[rev].append(time_validation(tree, args.corpus, repeats=args.repeats))
    ref_ms = min(r[0] for r in runs[args.revs[0]])
    ref_triples, ref_articles = runs[args.revs[0]][0][1:3]
    print(f"| tree | triples | ms/article (min of {args.rounds}) | ratio to {args.revs[0]} | ratio per triple "
          "| all rounds | findings digest |")
    print("|---|---|---|---|---|---|---|")
    for rev, values in runs.items():
        ms = min(v[0] for v in values)
        triples, articles, digest = values[0][1], values[0][2], values[0][3]
        per_triple = (ms / triples) / (ref_ms / ref_triples) * (articles / ref_articles)
        print(f"| {rev} | {triples:,} | {ms:.2f} | {ms / ref_ms:.2f} | {per_triple:.2f} "
              f"| {', '.join(f'{v[0]:.2f}' for v in values)} | {digest} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
