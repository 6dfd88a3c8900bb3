"""A disk that fills up during ``kg load``: one line naming every graph that was not written and
how many articles are in the store; the graphs printed as loaded are there, whole. (It was the
error of closing the store, naming no graph at all.) Needs a small tmpfs: root, Linux."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.store.embedded import EmbeddedStore

ARTICLES = 30


@pytest.fixture()
def small_disk(tmp_path: Path):
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(where)], check=False, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield where
    subprocess.run(["umount", "--lazy", str(where)], check=True)  # the failed store may still hold a file


def test_a_full_disk_names_the_graphs_not_written(tmp_path, small_disk, flagship_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    text = flagship_path.read_text(encoding="utf-8")
    for i in range(ARTICLES):
        (folder / f"a{i:02d}.txt").write_text(text.replace("= Battle of Araouane (2009) =", f"= Battle of Place {i:02d} =", 1), encoding="utf-8")
    store = small_disk / "store"
    result = CliRunner().invoke(main, ["load", str(folder), "--store", str(store), "-j", "1"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    loaded = re.findall(r"^loaded <([^>]+)>", result.stdout, re.MULTILINE)
    m = re.fullmatch(r"kg: error: cannot load (.+) into the store at (\S+): .*No space left on device.*; none of them "
                     r"was written, every graph loaded before is in the store; the load stopped there: (\d+) of the "
                     rf"{ARTICLES} article\(s\) are in the store", lines[0])
    assert m, lines[0]
    not_written = re.findall(r"<([^>]+)>", m[1])
    assert not_written and not set(not_written) & set(loaded)
    assert int(m[3]) == len(loaded) > 0
    assert sorted(loaded + not_written) == sorted(loaded + not_written)[: len(loaded) + len(not_written)]
    copy = tmp_path / "copy"  # read it where there is room
    shutil.copytree(store, copy)
    with EmbeddedStore(copy, create=False) as s:
        assert s.graphs() == sorted(loaded)
        # every graph is whole: as many triples as the same article built in process
        from kg.pipeline import build_text

        whole = len(build_text(text.replace("= Battle of Araouane (2009) =", "= Battle of Place 00 =", 1), source="a00.txt").graph.triples)
        assert {st.triples for st in s.stats()} == {whole}
