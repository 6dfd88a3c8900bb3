"""Inputs that are not plain files: a symbolic link to ``/dev/zero``, a FIFO nobody writes to,
a FIFO fed by another process; and titles too long for a file name. kg reads at most the
documented size plus one byte from any kind of file, and never waits for a writer that is not
there. (Each case runs with a time limit: a regression that hangs fails; /dev/zero, which a
regression would read without end, runs as its own process.)"""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.article import MAX_ARTICLE_BYTES
from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "= Battle of Nowhere =\n\nInfobox\n- Date: 4 July 2009\n- Combatant1: Northland\n- Combatant2: Southland\n"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")


def _kg(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", *args], check=False, capture_output=True, text=True, env=env, timeout=timeout)


def _one_error(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [done.stderr.strip()] and done.stderr.startswith("kg: error: ")
    assert words in done.stderr


def _within(fifo: Path, *args: str) -> Result:
    """``kg ARGS`` in this process, failing (not hanging) when it takes more than 30 s: a FIFO
    opened for reading without a writer blocks; the writer opened here then releases it."""
    done: list[Result] = []
    runner = threading.Thread(target=lambda: done.append(CliRunner().invoke(main, list(args))), daemon=True)
    runner.start()
    runner.join(timeout=30)
    if runner.is_alive():
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"kg {' '.join(args)} waited for a writer of {fifo}")
    return done[0]


def test_a_link_to_dev_zero_is_read_up_to_the_bound(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    _one_error(_kg("build", str(link)), f"zero.txt is more than {MAX_ARTICLE_BYTES:,} bytes, more than an article can be")


@pytest.mark.parametrize("command", ["build", "coverage", "validate"])
def test_a_fifo_without_a_writer_reads_as_empty(tmp_path, command):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    result = _within(fifo, command, str(fifo))
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("kg: error: ") and f"{fifo} is empty; an article starts with a title line" in result.stderr


def test_a_folder_holding_a_fifo_is_built_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "a-fifo.txt")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = _within(tmp_path / "a-fifo.txt", "build", str(tmp_path), "-j", "1", "-o", str(tmp_path / "all.nq"))
    assert result.exit_code == 1, result.output  # one article failed, the other was written
    assert "a-fifo.txt is empty" in result.stderr and "articles: 2 (1 built, 1 failed)" in result.stderr
    assert "Northland" in (tmp_path / "all.nq").read_text(encoding="utf-8")


def test_a_fifo_fed_by_another_process_is_read(tmp_path):
    """As ``kg build <(some command)`` gives it: the writer is there, the article is read."""
    fifo = tmp_path / "fed.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(ARTICLE, encoding="utf-8"), daemon=True)
    writer.start()
    done = _kg("build", str(fifo), "-f", "nt")  # its own process, as kg is started after the writer
    writer.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert '"Northland"' in done.stdout


def test_run_on_a_long_title_writes_bounded_file_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = []
    for ending in ("North", "South"):  # two titles that differ only after 300 characters
        title = "Battle of " + "Verylongplacename " * 17 + ending
        article = folder / f"{ending}.txt"
        article.write_text(ARTICLE.replace("Battle of Nowhere", title), encoding="utf-8")
        result = CliRunner().invoke(main, ["run", str(article), "--out", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
    from kg.job import EXTENSION, MAX_STEM_BYTES

    longest = MAX_STEM_BYTES + max(len(ext.encode("utf-8")) for ext in EXTENSION.values())
    for path in (tmp_path / "out").iterdir():
        assert len(path.name.encode("utf-8")) <= longest
        names.append(path.name)
    assert len(names) == 2 * len(EXTENSION), names  # every format for each title, none overwritten
    assert all(name.startswith("battle-of-verylongplacename-") for name in names)
