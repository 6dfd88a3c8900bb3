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
"""
from __future__ import annotations

import argparse
import inspect
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from .generate import DEFAULT_SOURCE, big_article, write_corpus
from .measure import best_of, bulk_loaded_store, in_child, run_command

__all__ = ["main", "machine_info", "build_run", "oxigraph_figures", "rdflib_figures", "shacl_figures",
           "query_figures", "engine_figures", "render_markdown"]

ROOT = Path(__file__).resolve().parents[1]


def _log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---- machine --------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    """nproc, CPU model, RAM, Python and package versions, the commit measured."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for pkg in ("rdflib", "pyshacl", "pyshacl-turbo", "pyoxigraph", "pyinstrument", "click"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.rstrip()
        except OSError:
            return ""

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        # run from a clean export (git archive) there is no repository: say which commit it was
        "commit": git("rev-parse", "--short", "HEAD") or os.environ.get("KG_BENCH_COMMIT", "?"),
        "commit_subject": git("log", "-1", "--format=%s") or os.environ.get("KG_BENCH_SUBJECT", ""),
        "dirty_kg_files": [l[3:] for l in git("status", "--porcelain", "kg").splitlines()],
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def validation_engine_info() -> dict[str, Any]:
    """What ``kg build --validate`` runs: kg.validate.validate's signature and the engine corpus.py asks for."""
    import kg.corpus
    import kg.validate

    sig = inspect.signature(kg.validate.validate)
    engines = ["pyshacl"]
    if "engine" in sig.parameters:
        default = sig.parameters["engine"].default
        engines = list(dict.fromkeys([str(default), "pyshacl", "fast"]))
    src = inspect.getsource(kg.corpus)
    used = "default"
    for line in src.splitlines():
        if "validate(" in line and "engine" in line:
            used = line.strip()
    return {"signature": str(sig), "engines": engines, "corpus_call": used}


# ---- the build ------------------------------------------------------------------------------------


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


# ---- pyoxigraph -----------------------------------------------------------------------------------


def oxigraph_figures(nq: Path, work: Path) -> dict[str, Any]:
    """pyoxigraph on the N-Quads file *nq*: parse, serialize, bulk load (best of 3 each)."""
    import pyoxigraph as ox

    parse_s, quads = best_of(lambda: list(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    ser_nq, _ = best_of(lambda: ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    ser_trig, _ = best_of(lambda: ox.serialize(quads, format=ox.RdfFormat.TRIG))
    ser_ttl, _ = best_of(lambda: ox.serialize(triples, format=ox.RdfFormat.TURTLE))

    def load_mem() -> int:
        store = ox.Store()
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        return len(store)

    load_mem_s, count = best_of(load_mem)

    def load_disk() -> int:
        store = bulk_loaded_store(work / "ox-store", nq)
        n = len(store)
        del store
        return n

    load_disk_s, _ = best_of(load_disk)
    shutil.rmtree(work / "ox-store", ignore_errors=True)
    return {
        "quads": len(quads),
        "store_quads": count,
        "parse_nq_s": round(parse_s, 3),
        "serialize_nq_s": round(ser_nq, 3),
        "serialize_trig_s": round(ser_trig, 3),
        "serialize_turtle_s": round(ser_ttl, 3),
        "bulk_load_mem_s": round(load_mem_s, 3),
        "bulk_load_disk_s": round(load_disk_s, 3),
        "floor_s": round(ser_nq + load_mem_s, 3),
    }


# ---- rdflib ---------------------------------------------------------------------------------------


def _rdflib_dataset(nq: Path) -> Any:
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    return ds


def _union_graph(ds: Any) -> Any:
    from rdflib import Graph

    g = Graph()
    g.addN((s, p, o, g) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def rdflib_figures(ds: Any, union: Any, parse_s: float, *, timeout: float) -> dict[str, Any]:
    """rdflib's own writers on the same triples: Turtle (one graph) and N-Quads (the dataset)."""
    ttl = in_child(lambda: len(union.serialize(format="turtle", encoding="utf-8")), timeout=timeout)
    nq = in_child(lambda: len(ds.serialize(format="nquads", encoding="utf-8")), timeout=timeout)
    return {
        "triples": len(union),
        "parse_nq_s": round(parse_s, 2),
        "serialize_turtle_s": None if ttl.timed_out else round(ttl.seconds, 2),
        "serialize_nq_s": None if nq.timed_out else round(nq.seconds, 2),
        "turtle_mb": round((ttl.value or 0) / 1e6, 1),
    }


# ---- SHACL ----------------------------------------------------------------------------------------


def _finding_keys(results: Any) -> list[tuple[str, ...]]:
    """(severity, shape, focus, path, value) of every result of a SHACL report graph; blank nodes as _:b."""
    from rdflib import BNode, Namespace
    from rdflib.namespace import RDF

    sh = Namespace("http://www.w3.org/ns/shacl#")

    def txt(node: Any) -> str:
        if node is None:
            return ""
        return "_:b" if isinstance(node, BNode) else str(node)

    out = []
    for r in results.subjects(RDF.type, sh.ValidationResult):
        out.append((
            txt(results.value(r, sh.resultSeverity)).rsplit("#", 1)[-1],
            txt(results.value(r, sh.sourceShape)),
            txt(results.value(r, sh.focusNode)),
            txt(results.value(r, sh.resultPath)),
            txt(results.value(r, sh.value)),
        ))
    return sorted(out)


def _run_shacl(module: str, graph: Any, warnings: bool) -> list[tuple[str, ...]]:
    import importlib

    from kg.validate import shapes_graph

    engine = importlib.import_module(module)
    conforms, results, text = engine.validate(
        graph, shacl_graph=shapes_graph(warnings=warnings), inference="none", advanced=False,
        allow_warnings=True, allow_infos=True,
    )
    if isinstance(results, Exception) or not hasattr(results, "subjects"):  # pyshacl-turbo reports failures so
        raise RuntimeError(" ".join(str(text).split())[:300])
    return _finding_keys(results)


def perturbed(graph: Any, *, every: int = 7) -> Any:
    """A copy of *graph* without every *every*-th triple (in sorted order): a graph with violations,
    to check that two engines report the same ones."""
    from rdflib import Graph

    g = Graph()
    g.addN((s, p, o, g) for i, (s, p, o) in enumerate(sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))))
           if i % every)
    return g


def shacl_figures(union: Any, *, timeout: float) -> dict[str, Any]:
    """pySHACL and (when installed) pyshacl-turbo over the whole graph, both tiers and the violation
    tier alone, on the graph and on a perturbed copy with violations; findings compared."""
    out: dict[str, Any] = {"triples": len(union), "cases": []}
    broken = perturbed(union)
    cases = [("whole graph, both tiers", union, True), ("whole graph, violation tier", union, False),
             ("perturbed graph (1 triple in 7 removed), violation tier", broken, False)]
    for label, graph, warnings in cases:
        case: dict[str, Any] = {"case": label, "triples": len(graph)}
        found: dict[str, Any] = {}
        for name, module in (("pyshacl", "pyshacl"), ("pyshacl-turbo", "pyshacl_turbo")):
            try:
                __import__(module)
            except ImportError:
                case[name] = {"installed": False}
                continue
            _log(f"SHACL {label}: {name} on {len(graph):,} triples (timeout {timeout:.0f} s)")
            res = in_child(lambda m=module, g=graph, w=warnings: _run_shacl(m, g, w), timeout=timeout)
            keys = res.value if not res.timed_out and res.error is None else None
            found[name] = keys
            fig: dict[str, Any] = {"installed": True, "seconds": None if res.timed_out else round(res.seconds, 2),
                                   "timed_out": res.timed_out, "error": res.error}
            if keys is not None:
                fig["violations"] = sum(1 for k in keys if k[0] == "Violation")
                fig["warnings"] = sum(1 for k in keys if k[0] == "Warning")
            case[name] = fig
        a, b = found.get("pyshacl"), found.get("pyshacl-turbo")
        if a is not None and b is not None:
            sa, sb = set(a), set(b)
            case["same_findings"] = a == b
            case["only_pyshacl"] = [list(k) for k in sorted(sa - sb)[:10]]
            case["only_turbo"] = [list(k) for k in sorted(sb - sa)[:10]]
            case["only_pyshacl_count"] = len(sa - sb)
            case["only_turbo_count"] = len(sb - sa)
        out["cases"].append(case)
    return out


def engine_figures(paths: list[Path], *, timeout: float) -> dict[str, Any]:
    """kg's per-article validation in process on 1 core, for each engine it offers (and
    pyshacl-turbo per article): seconds for all articles, findings compared with pySHACL's."""
    info = validation_engine_info()

    def work() -> dict[str, Any]:
        import kg.validate as kv
        from kg.pipeline import build

        datasets = []
        for p in paths:
            try:
                datasets.append(build(p).dataset())
            except Exception:  # failed articles are counted by the build runs
                continue
        runs: dict[str, Any] = {}
        reference: list[Any] | None = None
        for engine in info["engines"]:
            kwargs = {"engine": engine} if "engine" in info["signature"] else {}
            try:
                kv.validate(datasets[0], warnings=True, **kwargs)  # warm-up: shapes parsed, queries prepared
                t = time.perf_counter()
                reports = [kv.validate(ds, warnings=True, **kwargs) for ds in datasets]
                seconds = time.perf_counter() - t
            except (TypeError, ValueError, NotImplementedError) as exc:
                runs[engine] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            keys = [sorted((f.severity, f.shape, f.focus, f.path or "", f.value or "") for f in r.findings) for r in reports]
            fig = {"seconds": round(seconds, 2), "ms_per_article": round(1000 * seconds / len(datasets), 2),
                   "violations": sum(len(r.violations) for r in reports),
                   "warnings": sum(len(r.warnings) for r in reports)}
            if reference is None:
                reference = keys
            else:
                fig["same_findings_as_first"] = keys == reference
                fig["articles_differing"] = sum(1 for x, y in zip(keys, reference) if x != y)
            runs[engine] = fig
        try:
            import pyshacl_turbo

            from kg.validate.pyshacl_engine import data_graph

            graphs = [data_graph(ds) for ds in datasets]  # the union graph kg validates
            shapes = kv.shapes_graph(warnings=False)  # turbo refuses the warning tier (see RESULTS.md)
            t = time.perf_counter()
            for g in graphs:
                pyshacl_turbo.validate(g, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True)
            seconds = time.perf_counter() - t
            runs["pyshacl-turbo, violation tier only, per article, 1 core"] = {
                "seconds": round(seconds, 2), "ms_per_article": round(1000 * seconds / len(graphs), 2)}
        except ImportError:
            pass
        return {"articles": len(datasets), "runs": runs}

    res = in_child(work, timeout=timeout)
    out = {"engine_info": info}
    if res.timed_out:
        out["timed_out"] = True
    elif res.error:
        out["error"] = res.error
    else:
        out.update(res.value)
    return out


# ---- queries --------------------------------------------------------------------------------------


def _normal_rows(rows: Any) -> list[tuple[str, ...]]:
    from rdflib import Literal

    def one(t: Any) -> str:
        if t is None:
            return ""
        if isinstance(t, Literal):
            try:
                v = t.toPython()
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    return repr(float(v))
                if hasattr(v, "is_finite"):  # Decimal
                    return repr(float(v))
            except Exception:
                pass
        return str(t)

    return sorted(tuple(one(t) for t in row) for row in rows)


def query_figures(nq: Path, ds: Any, work: Path, *, timeout: float) -> dict[str, Any]:
    """Every stored query on the embedded store (pyoxigraph on disk) and on rdflib's engine."""
    from kg.query import GraphTarget, OxigraphTarget, run_query, stored_queries

    folder = work / "query-store"
    store = bulk_loaded_store(folder, nq)
    ox_target = OxigraphTarget(store)
    rd_target = GraphTarget(ds)
    out: dict[str, Any] = {}
    for name, q in sorted(stored_queries().items()):
        first = time.perf_counter()
        ox_rows = run_query(q, ox_target).rows
        cold = time.perf_counter() - first
        warm, _ = best_of(lambda: run_query(q, ox_target), repeat=3)
        _log(f"query {name}: oxigraph {warm * 1000:.0f} ms; rdflib ...")
        res = in_child(lambda: _normal_rows(run_query(q, rd_target).rows), timeout=timeout)
        fig: dict[str, Any] = {
            "oxigraph_ms": round(warm * 1000, 1),
            "oxigraph_cold_ms": round(cold * 1000, 1),
            "rows": len(ox_rows),
            "rdflib_s": None if res.timed_out else round(res.seconds, 2),
            "rdflib_timed_out": res.timed_out,
            "rdflib_error": res.error,
        }
        if res.value is not None:
            fig["rdflib_rows"] = len(res.value)
            fig["same_answer"] = res.value == _normal_rows(ox_rows)
            fig["ratio"] = round(res.seconds / warm, 1) if warm else None
        out[name] = fig
    del ox_target, store
    shutil.rmtree(folder, ignore_errors=True)
    return out


# ---- the big article ------------------------------------------------------------------------------


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


# ---- report ---------------------------------------------------------------------------------------


def _fmt(x: Any, digits: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "yes" if x else "NO"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def render_markdown(res: dict[str, Any]) -> str:
    """The tables of a run, in Markdown."""
    m = res["machine"]
    lines = [
        f"Measured {m['date']} on commit `{m['commit']}` ({m['commit_subject']})"
        + (f"; uncommitted changes in {', '.join(m['dirty_kg_files'])}" if m["dirty_kg_files"] else "") + ".",
        "",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}, {m['platform']}.",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + ".",
        f"Command: `{res['command']}`",
        "",
        "### Build, by corpus size (end to end: `kg build DIR -f nq -o FILE --report R -j J [--validate]`)",
        "",
        "| articles | MB in | triples | run | wall s | ms/article | articles/s | triples/s | CPU s | peak RSS largest MB | peak RSS parent+workers MB | failed | violations | warnings |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in res["sizes"].items():
        for key in ("build_j1", "build_jN", "build_jN_validate"):
            b = r.get(key)
            if not b:
                continue
            label = f"{b['jobs']} job{'s' if b['jobs'] > 1 else ''}" + (" + validate" if b["validate"] else "")
            lines.append(
                f"| {int(n):,} | {r['corpus_mb']:.1f} | {b['triples']:,} | {label} | {b['wall_s']:.2f} | {b['ms_per_article']:.2f} | "
                f"{b['articles_per_s']:,.0f} | {b['triples_per_s']:,} | {b['cpu_s']:.1f} | {b['peak_rss_max_mb']:.0f} | "
                f"{b['peak_rss_sum_mb']:.0f} | {b['failed']} | {_fmt(b['violations']) if b['validate'] else '—'} | "
                f"{_fmt(b['warnings']) if b['validate'] else '—'} |"
            )
    lines += [
        "",
        "### The floor: pyoxigraph on the same N-Quads (best of 3), and our ratios to it",
        "",
        "| articles | quads | parse nq s | serialize nq s | serialize TriG s | serialize Turtle s | bulk load (memory) s | bulk load (disk) s | floor s (ser. nq + load mem.) | build all cores / floor | build+validate all cores / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in res["sizes"].items():
        o = r["oxigraph"]
        b, v = r["build_jN"], r.get("build_jN_validate")
        lines.append(
            f"| {int(n):,} | {o['quads']:,} | {o['parse_nq_s']:.3f} | {o['serialize_nq_s']:.3f} | {o['serialize_trig_s']:.3f} | "
            f"{o['serialize_turtle_s']:.3f} | {o['bulk_load_mem_s']:.3f} | {o['bulk_load_disk_s']:.3f} | {o['floor_s']:.3f} | "
            f"{b['wall_s'] / o['floor_s']:.1f}x | {(v['wall_s'] / o['floor_s']) if v else float('nan'):.1f}x |"
        )
    ref = res.get("reference")
    if ref:
        n = ref["size"]
        r = res["sizes"][str(n)] if str(n) in res["sizes"] else res["sizes"][n]
        o, rd = r["oxigraph"], ref["rdflib"]
        lines += [
            "",
            f"### Writers on the same triples ({int(n):,} articles: {o['quads']:,} quads, {rd['triples']:,} distinct triples)",
            "",
            "| what | seconds | triples/s | vs pyoxigraph |",
            "|---|---:|---:|---:|",
        ]
        t = rd["triples"]

        def row(label: str, s: float | None, base: float | None) -> None:
            if s is None:
                lines.append(f"| {label} | timed out | — | — |")
                return
            lines.append(f"| {label} | {s:.3f} | {t / s:,.0f} | {(s / base) if base else float('nan'):.0f}x |")

        row("kg build, all cores (read, extract, map, write N-Quads)", r["build_jN"]["wall_s"], o["floor_s"])
        if "build_j1" in r:
            row("kg build, 1 core", r["build_j1"]["wall_s"], o["floor_s"])
        row("rdflib: Turtle serializer (one graph)", rd["serialize_turtle_s"], o["serialize_turtle_s"])
        row("rdflib: N-Quads writer", rd["serialize_nq_s"], o["serialize_nq_s"])
        row("rdflib: parse N-Quads", rd["parse_nq_s"], o["parse_nq_s"])
        row("pyoxigraph: serialize Turtle", o["serialize_turtle_s"], o["serialize_turtle_s"])
        row("pyoxigraph: serialize N-Quads", o["serialize_nq_s"], o["serialize_nq_s"])
        row("pyoxigraph: bulk load, memory", o["bulk_load_mem_s"], o["bulk_load_mem_s"])
        row("pyoxigraph: bulk load, disk", o["bulk_load_disk_s"], o["bulk_load_mem_s"])

        sh = ref["shacl"]
        lines += [
            "",
            f"### SHACL validation ({int(n):,} articles, {sh['triples']:,} triples, kg's shapes, both tiers)",
            "",
            "| how | seconds | ms/article | violations | warnings | note |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for case in sh["cases"]:
            for name in ("pyshacl", "pyshacl-turbo"):
                f = case.get(name, {})
                label = f"{name}, {case['case']}, 1 process"
                if not f.get("installed"):
                    lines.append(f"| {label} | — | — | — | — | not installed |")
                    continue
                note = "timed out" if f["timed_out"] else (f["error"] or "")
                if name == "pyshacl-turbo" and "same_findings" in case:
                    note += ("same findings as pySHACL" if case["same_findings"] else
                             f"DIFFERENT findings: {case['only_pyshacl_count']} only in pySHACL, "
                             f"{case['only_turbo_count']} only in turbo")
                s = f["seconds"]
                lines.append(f"| {label} | {_fmt(s) if not f['error'] else '—'} | "
                             f"{_fmt(1000 * s / int(n)) if s and not f['error'] else '—'} | "
                             f"{_fmt(f.get('violations'))} | {_fmt(f.get('warnings'))} | {note} |")
        bv, b = r.get("build_jN_validate"), r["build_jN"]
        if bv:
            extra = bv["wall_s"] - b["wall_s"]
            lines.append(f"| kg per article, {bv['jobs']} processes (`kg build --validate` minus `kg build`) | {extra:.2f} | "
                         f"{1000 * extra / int(n):.2f} | {_fmt(bv['violations'])} | {_fmt(bv['warnings'])} | engine: "
                         f"{ref['engines']['engine_info']['corpus_call']} |")
        for engine, f in ref["engines"].get("runs", {}).items():
            if "error" in f:
                lines.append(f"| kg.validate engine={engine}, per article, 1 core | — | — | — | — | {f['error']} |")
                continue
            same = f.get("same_findings_as_first")
            note = "" if same is None else ("same findings as the first engine" if same else
                                            f"findings differ in {f['articles_differing']} articles")
            label = engine if "per article" in engine else f"kg.validate engine={engine}, per article, 1 core"
            lines.append(f"| {label} | {f['seconds']:.2f} | {f['ms_per_article']:.2f} | {_fmt(f.get('violations'))} | "
                         f"{_fmt(f.get('warnings'))} | {note} |")

        lines += [
            "",
            f"### Stored queries ({int(n):,} articles): embedded store (pyoxigraph, on disk) vs rdflib in memory",
            "",
            "| query | rows | pyoxigraph ms (warm) | pyoxigraph ms (first) | rdflib s | rdflib / pyoxigraph | same answer |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for name, q in ref["queries"].items():
            rdf = "timed out" if q["rdflib_timed_out"] else (_fmt(q["rdflib_s"]) if not q["rdflib_error"] else "error")
            lines.append(f"| {name} | {q['rows']:,} | {q['oxigraph_ms']:.1f} | {q['oxigraph_cold_ms']:.1f} | {rdf} | "
                         f"{_fmt(q.get('ratio'), 0)}x | {_fmt(q.get('same_answer'))} |")
    big = res.get("big")
    if big:
        n0 = next(iter(res["sizes"]))
        normal = res["sizes"][n0]["build_j1"]
        per_mb = normal["library_s"] / res["sizes"][n0]["corpus_mb"]
        lines += [
            "",
            "### One big article vs normal ones (1 core, library time)",
            "",
            "| input | MB | seconds | s per MB | triples | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|",
            f"| {int(n0):,} normal articles | {res['sizes'][n0]['corpus_mb']:.1f} | {normal['library_s']:.2f} | {per_mb:.3f} | "
            f"{normal['triples']:,} | {normal['peak_rss_max_mb']:.0f} |",
            (f"| one article, prose concatenated | {big['mb']:.2f} | killed after {big['wall_s']:.0f} | — | — | "
             f"{big['peak_rss_max_mb']:.0f} |") if big.get("timed_out") else
            (f"| one article, prose concatenated | {big['mb']:.2f} | {big['library_s']:.2f} | {big['s_per_mb']:.3f} | "
             f"{big['triples']:,} | {big['peak_rss_max_mb']:.0f} |"),
        ]
    return "\n".join(lines) + "\n"


# ---- main -----------------------------------------------------------------------------------------


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
    _log(f"machine: {res['machine']['nproc']} cores, commit {res['machine']['commit']}")
    for n in sizes:
        corpus = work / f"corpus-{n}"
        shutil.rmtree(corpus, ignore_errors=True)
        t = time.perf_counter()
        paths = write_corpus(corpus, n, seed=args.seed, source=args.source)
        r: dict[str, Any] = {"generate_s": round(time.perf_counter() - t, 2),
                             "corpus_mb": round(sum(p.stat().st_size for p in paths) / 1e6, 2)}
        _log(f"{n} articles generated in {r['generate_s']} s ({r['corpus_mb']} MB)")
        if n in j1sizes:
            r["build_j1"] = build_run(corpus, work / f"out-{n}-j1.nq", jobs=1, validate=False)
            _log(f"build 1 job: {r['build_j1']['wall_s']} s")
        r["build_jN"] = build_run(corpus, work / f"out-{n}.nq", jobs=args.jobs, validate=False)
        _log(f"build {args.jobs} jobs: {r['build_jN']['wall_s']} s")
        if n in vsizes:
            r["build_jN_validate"] = build_run(corpus, work / f"out-{n}-v.nq", jobs=args.jobs, validate=True)
            _log(f"build+validate {args.jobs} jobs: {r['build_jN_validate']['wall_s']} s")
        r["oxigraph"] = oxigraph_figures(work / f"out-{n}.nq", work)
        _log(f"oxigraph floor: {r['oxigraph']['floor_s']} s")
        for f in (work / f"out-{n}-j1.nq", work / f"out-{n}-v.nq"):
            f.unlink(missing_ok=True)
        res["sizes"][str(n)] = r
        _save(res, args)
    if args.reference_size:
        n = args.reference_size
        nq = work / f"out-{n}.nq"
        if not nq.exists():
            raise SystemExit(f"--reference-size {n} must be one of --sizes")
        _log("rdflib: parsing the N-Quads")
        t = time.perf_counter()
        ds = _rdflib_dataset(nq)
        parse_s = time.perf_counter() - t
        union = _union_graph(ds)
        ref: dict[str, Any] = {"size": n}
        ref["rdflib"] = rdflib_figures(ds, union, parse_s, timeout=args.timeout)
        _log(f"rdflib: {ref['rdflib']}")
        ref["queries"] = query_figures(nq, ds, work, timeout=min(args.timeout, 300))
        ref["shacl"] = shacl_figures(union, timeout=args.timeout)
        _log(f"shacl: {ref['shacl']}")
        ref["engines"] = engine_figures(sorted((work / f"corpus-{n}").glob("*.txt")), timeout=args.timeout)
        _log(f"engines: {ref['engines']}")
        res["reference"] = ref
        del ds, union
        _save(res, args)
    if args.big_mb:
        _log(f"big article: {args.big_mb} MB")
        res["big"] = big_figures(work, args.big_mb, seed=args.seed, source=Path(args.source), timeout=args.timeout)
        _log(f"big: {res['big']}")
    _save(res, args)
    _log(f"wrote {args.json} and {args.markdown}")
    return 0


def _save(res: dict[str, Any], args: argparse.Namespace) -> None:
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
    Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
    Path(args.markdown).write_text(render_markdown(res))


if __name__ == "__main__":
    raise SystemExit(main())
