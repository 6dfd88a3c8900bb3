"""The benchmark: kg's corpus build against the practical limits, on one generated corpus.

One command (from the repository root; about 15 minutes on 2 cores with the default sizes)::

    python -m bench.run [--sizes 1000,3000,10000] [--j1-sizes ...] [--reference-size 1000] [--validate-sizes 1000,3000,10000]
                        [--big-mb 5] [--work /tmp/kg-bench] [--seed 1] [--jobs N] [--timeout 900]
                        [--json bench/results/latest.json] [--markdown bench/results/latest.md]

For each size N it generates N articles (``bench/generate.py``, from the real articles in
``../shared/corpus``) and measures, on that same corpus:

- ``kg build DIR -f nq`` on 1 core and on all cores, and ``--validate`` on all cores (a real
  subprocess, end to end: start-up, read, extract, map, [validate,] write), with the peak memory
  of the largest process and of the parent + workers together (sampled from /proc every 50 ms);
- pyoxigraph on the N-Quads written by that build: parse, serialize (N-Quads, TriG, Turtle) and
  bulk load (in memory and on disk). The *floor* is serialize N-Quads + bulk load in memory: the
  least a program can spend to write and load these triples.

At the reference size (default 1,000) it also measures, on the same triples:

- rdflib: parse the N-Quads, its Turtle serializer (all triples as one graph) and N-Quads writer;
- SHACL: pySHACL over the whole graph (kg's shapes, both tiers) in one process, pyshacl-turbo on
  the same graph (if installed; its findings are compared with pySHACL's), and kg's per-article
  validation, in process on 1 core for every engine ``kg.validate.validate`` offers;
- every stored query (``queries/*.rq``, default parameters) on the embedded store (pyoxigraph,
  on disk) and on rdflib's in-memory engine, answers compared.

It also builds one article of ``--big-mb`` MB (prose concatenated) to check that the cost per MB
stays that of a normal article. Long steps run in a forked child with ``--timeout``.

Results go to a JSON file and a Markdown report (tables only; bench/RESULTS.md gives the
conclusions). Progress lines go to stderr.

Each benchmark is its own module: ``build`` (kg build, the big article), ``floor`` (pyoxigraph),
``rdflib_writers``, ``validation`` (SHACL engines), ``queries``; ``report`` writes the tables and
``measure`` holds the measuring helpers they share. This module runs them in order.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .build import big_figures, build_run
from .floor import oxigraph_figures
from .generate import DEFAULT_SOURCE, write_corpus
from .measure import ROOT, log, machine_info
from .queries import query_figures
from .rdflib_writers import rdflib_dataset, rdflib_figures, union_graph
from .report import render_markdown
from .validation import engine_figures, shacl_figures

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description="kg's corpus benchmark (see bench/README.md)")
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--validate-sizes", default=None, help="sizes where --validate runs too [all sizes]")
    ap.add_argument("--j1-sizes", default=None, help="sizes where the 1-core build runs [all sizes]")
    ap.add_argument("--reference-size", type=int, default=1000, help="size for rdflib, SHACL and query comparisons (0: none)")
    ap.add_argument("--big-mb", type=float, default=5.0, help="size of the big article (0: none)")
    ap.add_argument("--work", default="/tmp/kg-bench")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=900.0, help="limit for each long reference step, seconds")
    ap.add_argument("--source", default=str(DEFAULT_SOURCE))
    ap.add_argument("--json", default=str(ROOT / "bench" / "results" / "latest.json"))
    ap.add_argument("--markdown", default=str(ROOT / "bench" / "results" / "latest.md"))
    args = ap.parse_args(argv)
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)  # real dates rdflib cannot convert (year -304)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    j1sizes = sizes if args.j1_sizes is None else [int(x) for x in args.j1_sizes.split(",") if x]
    vsizes = sizes if args.validate_sizes is None else [int(x) for x in args.validate_sizes.split(",") if x]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"machine": machine_info(), "command": "python -m bench.run " + " ".join(argv or sys.argv[1:]),
                           "sizes": {}}
    log(f"machine: {res['machine']['nproc']} cores, commit {res['machine']['commit']}")
    for n in sizes:
        corpus = work / f"corpus-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        t = time.perf_counter()
        paths = write_corpus(corpus, n, seed=args.seed, source=args.source)
        r: dict[str, Any] = {"generate_s": round(time.perf_counter() - t, 2),
                             "corpus_mb": round(sum(p.stat().st_size for p in paths) / 1e6, 2)}
        log(f"{n} articles generated in {r['generate_s']} s ({r['corpus_mb']} MB)")
        if n in j1sizes:
            r["build_j1"] = build_run(corpus, work / f"out-{n}-j1.nq", jobs=1, validate=False)
            log(f"build 1 job: {r['build_j1']['wall_s']} s")
        r["build_jN"] = build_run(corpus, work / f"out-{n}.nq", jobs=args.jobs, validate=False)
        log(f"build {args.jobs} jobs: {r['build_jN']['wall_s']} s")
        if n in vsizes:
            r["build_jN_validate"] = build_run(corpus, work / f"out-{n}-v.nq", jobs=args.jobs, validate=True)
            log(f"build+validate {args.jobs} jobs: {r['build_jN_validate']['wall_s']} s")
        r["oxigraph"] = oxigraph_figures(work / f"out-{n}.nq", work)
        log(f"oxigraph floor: {r['oxigraph']['floor_s']} s")
        for f in (work / f"out-{n}-j1.nq", work / f"out-{n}-v.nq"):
            f.unlink(missing_ok=True)
        res["sizes"][str(n)] = r
        _save(res, args)
    if args.reference_size:
        n = args.reference_size
        nq = work / f"out-{n}.nq"
        if not nq.exists():
            raise SystemExit(f"--reference-size {n} must be one of --sizes")
        log("rdflib: parsing the N-Quads")
        t = time.perf_counter()
        ds = rdflib_dataset(nq)
        parse_s = time.perf_counter() - t
        union = union_graph(ds)
        ref: dict[str, Any] = {"size": n}
        ref["rdflib"] = rdflib_figures(ds, union, parse_s, timeout=args.timeout)
        log(f"rdflib: {ref['rdflib']}")
        ref["queries"] = query_figures(nq, ds, work, timeout=min(args.timeout, 300))
        ref["shacl"] = shacl_figures(union, timeout=args.timeout)
        log(f"shacl: {ref['shacl']}")
        ref["engines"] = engine_figures(sorted((work / f"corpus-{n}").glob("*.txt")), timeout=args.timeout)
        log(f"engines: {ref['engines']}")
        res["reference"] = ref
        del ds, union
        _save(res, args)
    if args.big_mb:
        log(f"big article: {args.big_mb} MB")
        res["big"] = big_figures(work, args.big_mb, seed=args.seed, source=Path(args.source), timeout=args.timeout)
        log(f"big: {res['big']}")
    _save(res, args)
    log(f"wrote {args.json} and {args.markdown}")
    return 0


def _save(res: dict[str, Any], args: argparse.Namespace) -> None:
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
    Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
    Path(args.markdown).write_text(render_markdown(res))


if __name__ == "__main__":
    raise SystemExit(main())
