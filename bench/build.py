"""The build benchmark: ``kg build DIR -f nq`` end to end as a subprocess, and one big article.

:func:`build_run` runs ``python -m kg build CORPUS -f nq -o OUT --report R -j JOBS [--validate]``
and reports wall and CPU time, throughput and the peak memory of its process tree;
:func:`big_figures` builds one article of several MB alone, to compare its cost per MB with a
normal article's.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from .generate import big_article
from .measure import ROOT, run_command

__all__ = ["build_run", "big_figures"]


def build_run(corpus: Path, out: Path, *, jobs: int, validate: bool, timeout: float | None = None) -> dict[str, Any]:
    """``kg build CORPUS -f nq -o OUT --report R -j JOBS [--validate]`` as a subprocess.

    After *timeout* seconds the build is killed and ``{"timed_out": True, ...}`` returned.
    """
    report = out.with_suffix(".report.json")
    argv = [sys.executable, "-m", "kg", "build", str(corpus), "-f", "nq", "-o", str(out), "--report", str(report),
            "-j", str(jobs)]
    if validate:
        argv.append("--validate")
    load = os.getloadavg()[0]
    run = run_command(argv, cwd=str(ROOT), timeout=timeout)
    if timeout is not None and run.seconds >= timeout:
        return {"timed_out": True, "wall_s": round(run.seconds, 1), "cpu_s": round(run.cpu_seconds, 1),
                "peak_rss_max_mb": round(run.peak_rss_max / 1e6, 1), "jobs": jobs, "validate": validate}
    if run.returncode not in (0, 1) or not report.exists():
        raise RuntimeError(f"kg build failed ({run.returncode}): {run.stderr[-2000:]}")
    rep = json.loads(report.read_text())
    articles = rep["built"]
    return {
        "command": " ".join(["python", "-m", "kg", *argv[3:]]),
        "jobs": jobs,
        "validate": validate,
        "returncode": run.returncode,
        "wall_s": round(run.seconds, 3),
        "library_s": rep["seconds"],
        "cpu_s": round(run.cpu_seconds, 2),
        "articles": articles,
        "failed": len(rep["failed"]),
        "triples": rep["triples"],
        "violations": rep["violations"],
        "warnings": rep["warnings"],
        "invalid_articles": len(rep.get("invalid", [])),
        "conflicts": len(rep.get("conflicts", [])),
        "coverage": rep["coverage"],
        "articles_per_s": round(articles / run.seconds, 1),
        "triples_per_s": round(rep["triples"] / run.seconds),
        "ms_per_article": round(1000 * run.seconds / max(articles, 1), 3),
        "peak_rss_sum_mb": round(run.peak_rss_sum / 1e6, 1),
        "peak_rss_max_mb": round(run.peak_rss_max / 1e6, 1),
        "processes": run.processes,
        "output_mb": round(out.stat().st_size / 1e6, 1),
        "load_average_before": round(load, 2),
    }


def big_figures(work: Path, megabytes: float, *, seed: int, source: Path, timeout: float) -> dict[str, Any]:
    """One article of *megabytes* MB built alone (corpus mode, 1 job)."""
    folder = work / "big"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = big_article(megabytes, seed=seed, source=source)
    path = folder / "big.txt"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    run = build_run(folder, work / "big.nq", jobs=1, validate=False, timeout=timeout)
    run.update(mb=round(size / 1e6, 2), characters=len(text))
    if not run.get("timed_out"):
        run["s_per_mb"] = round(run["library_s"] / (size / 1e6), 3)
    return run
