"""Run the fast SHACL engine and pySHACL over every article of a folder: print every article where
they disagree (there must be none) and the time per article of each engine.

    python -m bench.validation_equivalence [FOLDER] [--limit N] [--repeat R]

FOLDER defaults to ../shared/corpus. Findings are compared on (severity, shape, message, focus,
focus label, path, value, span text), as multisets. Times are the median over R runs of each engine
on the same graph (the fast engine from the mapper's triples, pySHACL from the article's Dataset).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

__all__ = ["finding_keys", "main"]


def finding_keys(report) -> Counter:
    """The findings of a report as a multiset of comparable tuples."""
    return Counter(
        (f.severity, f.shape, f.message, f.focus, f.focus_label, f.path, f.value, f.span_text) for f in report.findings
    )


def _timed(fn, repeat: int) -> tuple[object, float]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    from kg.errors import KgError
    from kg.pipeline import build
    from kg.validate.compiled import validate_fast
    from kg.validate import validate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    parser.add_argument("folder", nargs="?", default=str(default))
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each engine per article (median)")
    args = parser.parse_args(argv)

    paths = sorted(Path(args.folder).glob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    validate_fast([])  # compile the shapes before timing
    validate(build(paths[0]).dataset(), engine="pyshacl") if paths else None
    fast_times, slow_times, sizes = [], [], []
    disagreements = failed = findings = 0
    for path in paths:
        try:
            built = build(path)
        except KgError as exc:
            failed += 1
            print(f"skip {path.name}: {exc}")
            continue
        triples = built.graph.triples
        dataset = built.dataset()
        fast, t_fast = _timed(lambda: validate_fast(triples), args.repeat)
        slow, t_slow = _timed(lambda: validate(dataset, engine="pyshacl"), max(1, args.repeat // 3))
        fast_times.append(t_fast)
        slow_times.append(t_slow)
        sizes.append(len(triples))
        a, b = finding_keys(slow), finding_keys(fast)
        findings += sum(a.values())
        if a != b:
            disagreements += 1
            print(f"DISAGREE {path.name}")
            for key in sorted(a - b, key=repr):
                print("  only pySHACL:", key)
            for key in sorted(b - a, key=repr):
                print("  only fast:   ", key)
    n = len(fast_times)
    if not n:
        print("no article built")
        return 1
    fast_ms = 1000 * sum(fast_times) / n
    slow_ms = 1000 * sum(slow_times) / n
    print(f"articles: {n} validated ({failed} did not build), {sum(sizes)} triples, {findings} findings")
    print(f"disagreements: {disagreements}")
    print(f"fast engine: {fast_ms:.3f} ms per article (median article {1000 * statistics.median(fast_times):.3f} ms, "
          f"slowest {1000 * max(fast_times):.3f} ms)")
    print(f"pySHACL:     {slow_ms:.3f} ms per article (median article {1000 * statistics.median(slow_times):.3f} ms)")
    print(f"ratio: pySHACL / fast = {slow_ms / fast_ms:.1f}")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
