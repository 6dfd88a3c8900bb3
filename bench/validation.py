"""The SHACL benchmark: pySHACL and pyshacl-turbo over a whole corpus graph, and kg's validation
per article with every engine ``kg.validate.validate`` offers; findings compared.
"""
from __future__ import annotations

import inspect
import time
from pathlib import Path
from typing import Any

from .measure import in_child, log

__all__ = ["validation_engine_info", "perturbed", "shacl_figures", "engine_figures"]


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
            log(f"SHACL {label}: {name} on {len(graph):,} triples (timeout {timeout:.0f} s)")
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
