"""Benchmark: loading a corpus into the embedded store, the old way, the new way, and the floor.

Usage (from the repository root)::

    python -m bench.load --n 1000 [--jobs 2] [--work /tmp/kg-bench-load] [--seed 1] [--source ../shared/corpus]

On N generated articles (:func:`bench.generate.write_corpus`), in one run, each into a fresh
store folder on disk:

- **old**: what ``kg load`` did before ``kg.store.bulk``: each article built in this process, then
  ``store.load(built)`` (one ``DROP SILENT GRAPH; INSERT DATA`` update per article);
- **new**: :func:`kg.store.bulk.load_corpus` (the articles built on *jobs* worker processes, the
  graphs written in batches: one ``Store.load`` per batch for new graphs, one update of the
  differences per batch for replaced graphs);
- **floor**: ``kg build DIR -f nq -o FILE`` then pyoxigraph's own ``bulk_load`` of that file
  (not transactional: the fastest way in, with none of the guarantees);

then both stores are loaded again with the articles rebuilt at another generation time (every
graph replaced, one triple of each changed), and, to bound the other end, both replace every graph
by a version where every triple changed (the N-Quads of the corpus with all subjects renamed, given
to the store directly: old = ``replace_graph`` per graph, new = :class:`kg.store.bulk.GraphSink`).
The old and new stores are checked to hold the same quads after each step.

Prints a Markdown table (wall and CPU seconds, ratios) and writes the figures as JSON (``--json``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["main", "measure", "render"]

EPOCH = 1767225600  # generation time of the first load; the reload is one day later


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process and its reaped children, result)."""
    before, started = os.times(), time.perf_counter()
    result = work()
    wall, after = time.perf_counter() - started, os.times()
    cpu = (after.user - before.user) + (after.system - before.system)
    cpu += (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, result


def _log(msg: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _quads(folder: Path) -> set[bytes]:
    from kg.store.embedded import EmbeddedStore

    with EmbeddedStore(folder, create=False) as store:
        dumped = store.dump("nq")
    assert isinstance(dumped, bytes)
    return set(dumped.splitlines())


def _by_graph(nq: Path) -> list[tuple[str, str]]:
    """The graphs of the N-Quads file *nq* (as ``kg build`` writes it: one block per graph)."""
    graphs: dict[str, list[str]] = {}
    with nq.open(encoding="utf-8") as fh:
        for line in fh:
            graphs.setdefault(line.rsplit(" ", 2)[-2][1:-1], []).append(line)
    return [(g, "".join(lines)) for g, lines in graphs.items()]


def _all_changed(graph: str, text: str) -> str:
    """*text* with every subject renamed (the graph name kept): a version where every triple changed."""
    out = []
    for line in text.splitlines(keepends=True):
        subject, rest = line.split(" ", 1)
        out.append(subject[:-1] + "-v2> " + rest if subject.startswith("<") else line)
    return "".join(out)


def measure(n: int, *, jobs: int, work: Path, seed: int, source: Path) -> dict[str, Any]:
    """Run every step on *n* generated articles; return the figures."""
    from bench.generate import write_corpus
    from bench.measure import bulk_loaded_store, machine_info
    from kg.corpus import build_corpus
    from kg.pipeline import build
    from kg.store.bulk import GraphSink, load_corpus
    from kg.store.embedded import EmbeddedStore

    res: dict[str, Any] = {"machine": machine_info(), "n": n, "jobs": jobs}
    res["machine"]["loadavg_start"] = os.getloadavg()[0]
    corpus = work / f"corpus-{n}"
    if corpus.exists():
        shutil.rmtree(corpus)
    paths = write_corpus(corpus, n, seed=seed, source=source)
    old_dir, new_dir, floor_dir, nq = work / "store-old", work / "store-new", work / "store-floor", work / "corpus.nq"
    for folder in (old_dir, new_dir, floor_dir):
        shutil.rmtree(folder, ignore_errors=True)
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    build(paths[0])  # imports and word lists loaded once, before any timing

    def old_way() -> None:
        with EmbeddedStore(old_dir) as store:
            for p in paths:
                store.load(build(p))

    def new_way() -> Any:
        with EmbeddedStore(new_dir) as store:
            return load_corpus(paths, store, jobs=jobs)

    def same(step: str) -> None:
        old, new = _quads(old_dir), _quads(new_dir)
        if old != new:
            raise SystemExit(f"{step}: the old and new stores differ ({len(old)} vs {len(new)} quads)")
        res.setdefault("quads", len(new))

    steps: dict[str, dict[str, float]] = {}

    def record(name: str, wall: float, cpu: float) -> None:
        steps[name] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}
        _log(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU")

    _log(f"{n} articles in {corpus}; jobs {jobs}")
    wall, cpu, _ = _timed(old_way)
    record("load_old", wall, cpu)
    wall, cpu, summary = _timed(new_way)
    record("load_new", wall, cpu)
    res["commits"] = summary.commits
    same("load")

    wall, cpu, _ = _timed(lambda: _build_nq(build_corpus, paths, nq, jobs))
    record("build_nq", wall, cpu)

    def floor() -> int:
        store = bulk_loaded_store(floor_dir, nq)
        count = len(store)
        del store
        return count

    wall, cpu, count = _timed(floor)
    if count != res["quads"]:
        raise SystemExit(f"bulk_load stored {count} quads, the loads {res['quads']}")
    record("bulk_load", wall, cpu)
    res["bytes_nq"] = nq.stat().st_size

    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH + 86400)  # rebuilt a day later: one triple differs in each
    wall, cpu, _ = _timed(old_way)
    record("reload_old", wall, cpu)
    wall, cpu, _ = _timed(new_way)
    record("reload_new", wall, cpu)
    same("reload")

    graphs = [(g, _all_changed(g, text)) for g, text in _by_graph(nq)]

    def old_changed() -> None:  # what EmbeddedStore.replace_graph does once it has the N-Triples
        with EmbeddedStore(old_dir) as store:
            for g, text in graphs:
                body = text.replace(f" <{g}> .\n", " .\n")
                store.count(g)
                store.store.update(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{body}}} }}")
                store.count(g)

    def new_changed() -> None:
        with EmbeddedStore(new_dir) as store, GraphSink(store) as sink:
            for g, text in graphs:
                sink.write_graph(g, text, text.count("\n"))

    wall, cpu, _ = _timed(old_changed)
    record("replace_all_changed_old", wall, cpu)
    wall, cpu, _ = _timed(new_changed)
    record("replace_all_changed_new", wall, cpu)
    same("all changed")

    res["steps"] = steps
    res["machine"]["loadavg_end"] = os.getloadavg()[0]
    for folder in (old_dir, new_dir, floor_dir):
        shutil.rmtree(folder, ignore_errors=True)
    return res


def _build_nq(build_corpus: Any, paths: list[Path], nq: Path, jobs: int) -> Any:
    with nq.open("w", encoding="utf-8") as fh:
        return build_corpus(paths, fh, fmt="nq", jobs=jobs)


def render(res: dict[str, Any]) -> str:
    """The figures as a Markdown table with ratios."""
    s = res["steps"]
    m = res["machine"]

    def row(label: str, key: str, note: str = "") -> str:
        return f"| {label} | {s[key]['wall_s']:.2f} | {s[key]['cpu_s']:.2f} | {note} |"

    def ratio(a: str, b: str) -> str:
        return f"{s[a]['wall_s'] / s[b]['wall_s']:.1f}x"

    floor = s["build_nq"]["wall_s"] + s["bulk_load"]["wall_s"]
    lines = [
        (
            f"{res['n']} articles, {res['quads']} quads ({res['bytes_nq'] / 1e6:.0f} MB of N-Quads), {res['jobs']} worker(s); "
            f"{m['cpu']} ({m['nproc']} cores), Python {m['python']}, pyoxigraph {m['packages'].get('pyoxigraph')}; "
            f"commit `{m['commit']}`, {m['date']}; load average {m['loadavg_start']:.2f} at the start, {m['loadavg_end']:.2f} at the end."
        ),
        "",
        "| step | wall s | CPU s | |",
        "|---|---:|---:|---|",
        row("old `kg load` (build here, one update per article)", "load_old"),
        row("new `kg load` (`load_corpus`: parallel build, batches)", "load_new", f"{ratio('load_old', 'load_new')} faster than old; {res['commits']} transactions"),
        row("`kg build -f nq` (parallel)", "build_nq"),
        row("pyoxigraph `bulk_load` of that file (not transactional)", "bulk_load", f"floor: build + bulk_load = {floor:.2f} s; new = {s['load_new']['wall_s'] / floor:.2f}x that, {s['load_new']['wall_s'] / s['bulk_load']['wall_s']:.1f}x bulk_load alone"),
        row("old, load again (rebuilt: one triple per graph differs)", "reload_old"),
        row("new, load again", "reload_new", f"{ratio('reload_old', 'reload_new')} faster than old"),
        row("old, replace every graph by one where every triple changed", "replace_all_changed_old", "store writes only (no build)"),
        row("new, the same", "replace_all_changed_new", f"{s['replace_all_changed_new']['wall_s'] / s['replace_all_changed_old']['wall_s']:.2f}x the old time"),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from bench.generate import DEFAULT_SOURCE

    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the new load and the build")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-load"), help="scratch folder (corpus, stores)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="real articles to generate from")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    res = measure(args.n, jobs=args.jobs, work=args.work, seed=args.seed, source=args.source)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(render(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
