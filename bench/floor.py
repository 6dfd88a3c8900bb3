"""The floor: pyoxigraph parsing, serializing and bulk loading the N-Quads a build wrote.

The floor is serialize N-Quads + bulk load in memory: the least a program can spend to write and
load these triples; the build is compared with it.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .measure import best_of, bulk_loaded_store

__all__ = ["oxigraph_figures"]


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
