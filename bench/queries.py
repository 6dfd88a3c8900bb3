"""The stored queries benchmark: every ``queries/*.rq`` on the embedded store (pyoxigraph, on
disk) and on rdflib's in-memory engine, answers compared."""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from .measure import best_of, bulk_loaded_store, in_child, log

__all__ = ["query_figures"]


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
        log(f"query {name}: oxigraph {warm * 1000:.0f} ms; rdflib ...")
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
