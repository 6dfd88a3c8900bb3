"""A ``kg load`` killed mid-way (SIGKILL, no clean-up at all) leaves the store readable and every
article graph whole: the old version or the new one, never a mix, never half a graph.

tests/store/test_store_embedded.py kills one long ``replace_graph`` inside its transaction; this
kills the command itself while it replaces 8 article graphs one after another.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.pipeline import build
from kg.store.bulk import load_corpus
from kg.store.embedded import EmbeddedStore
from kg.store.nquads import quads_nq

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
ARTICLES = 8
EPOCH = "1700000000"  # the same generation time in every build: versions differ only by content


def _write_versions(folder: Path, version: int) -> None:
    text = FLAGSHIP.read_text(encoding="utf-8")
    # version 2 changes one figure: "70 men" -> "71 men"
    text = text.replace("- Strength1: 70 men", f"- Strength1: {69 + version} men")
    for i in range(ARTICLES):
        (folder / f"a{i:03d}.txt").write_text(text.replace("= Battle of Araouane (2009) =", f"= Battle of Place {i} =", 1), encoding="utf-8")


def _kg(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _lines(store: ox.Store) -> dict[str, frozenset[str]]:
    """Each named graph of *store* as the set of its N-Triples lines (as the store keeps the values)."""
    return {g.value: frozenset(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=g).decode("utf-8").splitlines())
            for g in store.named_graphs()}


def _built(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, frozenset[str]]:
    scratch = ox.Store()
    with monkeypatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for path in sorted(folder.glob("*.txt")):
            graph = build(path).graph
            scratch.load(quads_nq(str(graph.iri), graph.triples), format=ox.RdfFormat.N_QUADS)
    return _lines(scratch)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_killed_load_leaves_every_graph_whole(tmp_path, monkeypatch):
    store, v1, v2 = tmp_path / "store", tmp_path / "v1", tmp_path / "v2"
    v1.mkdir()
    v2.mkdir()
    _write_versions(v1, 1)
    _write_versions(v2, 2)
    with monkeypatch.context() as m, EmbeddedStore(store) as s:  # version 1, loaded here (no process to start)
        m.setenv("SOURCE_DATE_EPOCH", EPOCH)
        load_corpus(sorted(v1.glob("*.txt")), s, jobs=1)
        old = _lines(s.store)
    new = _built(v2, monkeypatch)
    assert len(old) == ARTICLES and old.keys() == new.keys() and all(old[g] != new[g] for g in old)

    second = _kg("load", str(v2), "--store", str(store))
    assert second.stdout is not None
    for _ in range(ARTICLES // 4):  # a quarter of the articles replaced: kill it
        assert second.stdout.readline().startswith("replaced <")
    second.send_signal(signal.SIGKILL)
    assert second.wait(timeout=30) == -signal.SIGKILL

    with EmbeddedStore(store, wait=10, create=False) as s:
        after = _lines(s.store)
    assert sorted(after) == sorted(old)
    kinds = []
    for graph, stored in after.items():
        assert stored in (old[graph], new[graph]), f"{graph} holds a mix of versions or half a graph"
        kinds.append("new" if stored == new[graph] else "old")
    assert kinds.count("new") >= ARTICLES // 4, "the replaced graphs before the kill are not all there"
    assert kinds.count("old") >= 1, "the load ended before it was killed"
