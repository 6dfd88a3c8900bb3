"""rdflib's own writers on the same triples: parse the N-Quads, write Turtle (one graph) and N-Quads."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .measure import in_child

__all__ = ["rdflib_dataset", "union_graph", "rdflib_figures"]


def rdflib_dataset(nq: Path) -> Any:
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    return ds


def union_graph(ds: Any) -> Any:
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
