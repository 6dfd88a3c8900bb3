"""``-o PATH`` never replaces what it must not: a symbolic link is written through, a FIFO or a
device gets a stream, a directory or an input is refused with one line naming the path as given,
and a file gets the mode the umask gives (an existing file keeps its own)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import main
from kg.outfiles import check_output

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
TURTLE_START = "@prefix "


def _kg(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def _one_error(result: Result, *words: str) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), lines
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("= Battle of Nowhere =\n\nInfobox\n- Date: 4 July 2009\n- Combatant1: Northland\n", encoding="utf-8")
    return path


@pytest.fixture()
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


# ---- symbolic links are written through ----------------------------------------------------------


@pytest.mark.parametrize("dangling", [False, True], ids=["to-a-file", "dangling"])
def test_a_symlink_is_written_through_to_its_target(tmp_path, article, dangling):
    target = tmp_path / "real" / "graph.ttl"
    target.parent.mkdir()
    if not dangling:
        target.write_text("old\n")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    result = _kg("build", str(article), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and Path(os.readlink(link)) == target
    assert target.read_text(encoding="utf-8").startswith(TURTLE_START)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["article.txt", "graph.ttl", "link.ttl", "real"]


# ---- streams: FIFOs, devices, /dev/stdout --------------------------------------------------------


def test_a_fifo_gets_a_stream_and_stays_a_fifo(tmp_path, article):
    fifo = tmp_path / "graph.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        result = _kg("export", str(article), "-f", "nq", "-o", str(fifo))
        reader.join(timeout=20)
    finally:
        if reader.is_alive():  # kg never opened the FIFO: release the reader
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            reader.join(timeout=5)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert got and got[0].decode("utf-8").count(" .\n") > 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "graph.fifo"]


def test_a_symlink_to_a_pipe_is_written_as_a_stream(tmp_path, article):
    link = tmp_path / "out.ttl"
    link.symlink_to("/proc/self/fd/1")  # the pipe of the subprocess's stdout
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(article), "-o", str(link)],
                          check=False, capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith(TURTLE_START)
    assert link.is_symlink()


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout on this system")
@pytest.mark.parametrize("append", [False, True], ids=["stdout-a-pipe", "stdout-appending-to-a-file"])
def test_dev_stdout_is_a_stream(tmp_path, article, append):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "kg", "build", str(article), "-o", "/dev/stdout"]
    if not append:
        done = subprocess.run(command, check=False, capture_output=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.decode("utf-8").startswith(TURTLE_START)
        return
    log = tmp_path / "log.ttl"
    log.write_text("# kept\n")
    with log.open("a") as out:  # as `kg build ... -o /dev/stdout >> log.ttl`
        done = subprocess.run(command, check=False, stdout=out, stderr=subprocess.PIPE, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("# kept\n" + TURTLE_START)
    assert Path("/dev/stdout").is_symlink() or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_is_one_line(article):
    result = _kg("build", str(article), "-o", "/dev/full")
    _one_error(result, "No space left on device", "/dev/full")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/1", "link-to-dev-stdout"])
def test_a_name_of_an_open_descriptor_is_a_stream_whatever_it_leads_to(tmp_path, name):
    # behind /dev/stdout may be a regular file the shell opened for appending: never replaced
    if name.startswith("link"):
        (tmp_path / name).symlink_to("/dev/stdout")
        name = str(tmp_path / name)
    assert check_output(name) == (Path(name), True)


_SHM = Path("/dev/shm")


@pytest.fixture()
def shm_folder() -> Iterator[Path]:
    """A folder in /dev/shm: a memory file system of regular files, under /dev."""
    if not (_SHM.is_dir() and os.access(_SHM, os.W_OK)):
        pytest.skip("no writable /dev/shm on this system")
    with tempfile.TemporaryDirectory(dir=_SHM, prefix="kg-test-") as folder:
        yield Path(folder)


def test_a_file_in_dev_shm_is_a_regular_file_replaced_atomically(shm_folder, article):
    out = shm_folder / "graph.ttl"
    out.write_text("old\n")
    assert check_output(out) == (out, False)
    assert _kg("build", str(article), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(TURTLE_START)  # replaced, not appended to
    assert [p.name for p in shm_folder.iterdir()] == ["graph.ttl"]


def test_an_input_in_dev_shm_is_refused_as_the_output(shm_folder, article):
    copy = shm_folder / "article.txt"
    copy.write_bytes(article.read_bytes())
    _one_error(_kg("build", str(copy), "-o", str(copy)), f"refusing to write {copy}: it is the input {copy}")
    assert copy.read_bytes() == article.read_bytes()
    _one_error(_kg("build", str(copy), "-o", str(shm_folder)), f"cannot write {shm_folder}: it is a directory")


# ---- refused: directories and inputs ---------------------------------------------------------------


def test_a_directory_is_refused_naming_the_path_given(tmp_path, article):
    folder = tmp_path / "out"
    folder.mkdir()
    line = _one_error(_kg("build", str(article), "-o", str(folder)), f"cannot write {folder}: it is a directory")
    assert ".tmp" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "out"]
    assert not list(folder.iterdir())


@pytest.mark.parametrize("how", ["same-path", "symlink", "hard-link"])
def test_an_output_that_is_the_input_is_refused(tmp_path, article, how):
    before = article.read_bytes()
    output = {"same-path": article, "symlink": tmp_path / "link.txt", "hard-link": tmp_path / "hard.txt"}[how]
    if how == "symlink":
        output.symlink_to(article)
    elif how == "hard-link":
        os.link(article, output)
    _one_error(_kg("build", str(article), "-o", str(output)), f"refusing to write {output}: it is the input {article}")
    assert article.read_bytes() == before


@pytest.mark.parametrize("command", ["export", "query", "corpus-build", "corpus-report"])
def test_the_other_writers_refuse_their_input(tmp_path, article, command):
    graph = tmp_path / "graph.nq"
    assert _kg("export", str(article), "-f", "nq", "-o", str(graph)).exit_code == 0
    before = graph.read_bytes()
    args = {
        "export": ["export", str(graph), "-f", "nq", "-o", str(graph)],
        "query": ["query", "sides", str(graph), "-o", str(graph)],
        "corpus-build": ["build", str(tmp_path), "-o", str(article)],
        "corpus-report": ["build", str(article), str(article), "-o", str(tmp_path / "x.nq"), "--report", str(article)],
    }[command]
    _one_error(_kg(*args), "refusing to write", "it is the input")
    assert graph.read_bytes() == before
    assert not (tmp_path / "x.nq").exists()


# ---- modes -----------------------------------------------------------------------------------------


def test_a_new_file_gets_the_mode_of_the_umask(tmp_path, article, umask_022):
    for args in (["build", str(article)], ["export", str(article), "-f", "trig"], ["build", str(article), str(article)]):
        out = tmp_path / f"{len(args)}-{args[0]}.out"
        result = _kg(*args, "-o", str(out))
        assert out.is_file(), result.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
    run = _kg("run", str(article), "--out", str(tmp_path / "run"))
    assert run.exit_code == 0, run.output
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "run").iterdir()} == {0o644}


def test_an_existing_file_keeps_its_mode(tmp_path, article, umask_022):
    out = tmp_path / "graph.ttl"
    out.write_text("old\n")
    out.chmod(0o600)
    assert _kg("build", str(article), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith(TURTLE_START)


def test_a_long_output_name_gets_a_temporary_file_that_fits(tmp_path, article):
    out = tmp_path / ("g" * 250 + ".ttl")  # 254 bytes: the name fits, ".<name>.XXXXXXXX.tmp" would not
    result = _kg("build", str(article), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(TURTLE_START)
