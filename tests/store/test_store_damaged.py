"""A damaged embedded store (garbage in ``CURRENT``, random bytes in an ``.sst`` table, a
truncated manifest) is one line saying the store is damaged and what to do, status 2, from
every command that opens it; it was a 44-line traceback."""
from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import StoreDamaged
from kg.store.embedded import EmbeddedStore


def _garbage_current(store: Path) -> None:
    (store / "CURRENT").write_bytes(b"garbage\n")


def _random_bytes_in_tables(store: Path) -> None:
    r = random.Random(7)
    for table in sorted(store.glob("*.sst")):
        data = bytearray(table.read_bytes())
        start = len(data) // 3
        data[start : start + max(1, len(data) // 3)] = bytes(r.randrange(256) for _ in range(max(1, len(data) // 3)))
        table.write_bytes(bytes(data))


def _truncated_manifest(store: Path) -> None:
    for manifest in store.glob("MANIFEST-*"):
        manifest.write_bytes(manifest.read_bytes()[:20])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage-CURRENT": _garbage_current,
    "random-bytes-in-sst": _random_bytes_in_tables,
    "truncated-manifest": _truncated_manifest,
}

COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "store-stats": lambda s, a: ["store", "stats", "--store", str(s)],
    "query": lambda s, a: ["query", "casualties", "--store", str(s)],
    "sparql": lambda s, a: ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--store", str(s)],
    "store-dump": lambda s, a: ["store", "dump", "--store", str(s)],
    "load": lambda s, a: ["load", str(a), "--store", str(s)],
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, flagship_path) -> Path:
    store = tmp_path_factory.mktemp("damaged") / "store"
    assert CliRunner().invoke(main, ["load", str(flagship_path), "--store", str(store), "-q"]).exit_code == 0
    return store


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_damaged_store_is_one_line(loaded, tmp_path, flagship_path, damage, command):
    store = tmp_path / "store"
    shutil.copytree(loaded, store)
    DAMAGE[damage](store)
    result = CliRunner().invoke(main, COMMANDS[command](store, flagship_path), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [result.stderr.rstrip("\n")], result.stderr
    assert result.stderr.startswith(f"kg: error: the store at {store} is damaged (")
    assert "restore the folder from a backup, or move it away and load the articles again" in result.stderr


def test_the_library_raises_store_damaged(loaded, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(loaded, store)
    _garbage_current(store)
    with pytest.raises(StoreDamaged, match="CURRENT"):
        EmbeddedStore(store, create=False)
