"""Suite-wide set-up for pytest-xdist (``-n auto --dist loadgroup``, see pyproject.toml).

Tests that must run in one process, in collection order, share an ``xdist_group``: the documented
transcripts of one page (tests/test_docs.py) run one after another in one folder, each block
reading the files the blocks before it wrote. (The tests sharing a server are grouped in
tests/store/conftest.py.) The scheduler of tests/scheduling.py sends each group whole to one
worker and deals the other tests in chunks, as ``--dist load`` does.

Compiled bytecode: where the environment says not to write it (``PYTHONDONTWRITEBYTECODE``, to
keep ``__pycache__`` folders out of the checkout), each worker and each ``kg`` process a test
starts would compile kg and the tests from source again, a quarter of a second or more each time.
The suite keeps that bytecode in one folder of its own outside the checkout instead
(``PYTHONPYCACHEPREFIX``, in the temporary folder), for itself and the processes it starts.

Temporary files in memory: the tests make a few hundred stores, exports and folders, and an
embedded store (RocksDB) opens and flushes ten times faster in memory than on a disk. Unless
``TMPDIR`` names a folder, the suite and the processes it starts put their temporary files in
``/dev/shm`` (a memory file system on Linux) when it has a gigabyte free; ``TMPDIR=/tmp python -m
pytest`` keeps them on the disk.

Nothing is written into the checkout: the run fails, naming the files, when a file of the checkout
was changed, added or removed while the tests ran (caches and build folders git ignores aside).
"""
from __future__ import annotations

import gc
import hashlib
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

_MEMORY = Path("/dev/shm")
_MEMORY_ROOM = 1 << 30  # bytes free: a run leaves a few hundred megabytes while it runs


def _memory_folder() -> Path | None:
    """/dev/shm when it is there, writable and has room; else None."""
    try:
        info = os.statvfs(_MEMORY)
    except OSError:
        return None
    if info.f_bavail * info.f_frsize < _MEMORY_ROOM or not os.access(_MEMORY, os.W_OK | os.X_OK):
        return None
    return _MEMORY


if not os.environ.get("TMPDIR") and (_memory := _memory_folder()) is not None:
    os.environ["TMPDIR"] = tempfile.tempdir = str(_memory)  # this process, its workers and their children

if sys.dont_write_bytecode and not sys.pycache_prefix:
    _PYCACHE = str(Path(tempfile.gettempdir()) / f"kg-tests-pycache-{os.getuid()}")
    sys.pycache_prefix, sys.dont_write_bytecode = _PYCACHE, False
    os.environ["PYTHONPYCACHEPREFIX"] = _PYCACHE
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Property tests: examples per test. The default keeps the suite quick on every change;
# HYPOTHESIS_PROFILE=thorough runs ten times as many (before a release, after a parser change).
# A test that names its own max_examples (a costly one) keeps it in both.
settings.register_profile("default", max_examples=40)
settings.register_profile("thorough", max_examples=400)
# Hypothesis keeps what it learns (the examples that failed, tried first next time) in the temporary
# folder, not in .hypothesis/ of the checkout: the tests write nothing into the working tree.
_CHECKOUT = hashlib.sha1(str(Path(__file__).resolve().parents[1]).encode()).hexdigest()[:12]  # one folder per checkout
set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / f"kg-tests-hypothesis-{os.getuid()}-{_CHECKOUT}"))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


_ROOT = Path(__file__).resolve().parents[1]
#: Folders of the checkout the tests may leave behind them (git ignores them): caches and builds.
_NOT_WATCHED = frozenset({"__pycache__", "build", "out", "kg.egg-info"})


_BEFORE = pytest.StashKey[dict[str, tuple[int, int]]]()
_CHANGED = pytest.StashKey[list[str]]()


def _checkout_files() -> dict[str, tuple[int, int]]:
    """(size, modification time) of every file of the checkout but hidden folders and caches."""
    files = {}
    for folder, subfolders, names in os.walk(_ROOT):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d not in _NOT_WATCHED]
        for name in names:
            info = os.stat(os.path.join(folder, name))
            files[os.path.relpath(os.path.join(folder, name), _ROOT)] = (info.st_size, info.st_mtime_ns)
    return files


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # once, in the process that runs or leads the run
        session.config.stash[_BEFORE] = _checkout_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    after = _checkout_files()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        session.config.stash[_CHANGED] = changed
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    changed = config.stash.get(_CHANGED, [])
    if changed:
        terminalreporter.write_sep("=", "the tests wrote into the checkout", red=True)
        for name in changed:
            terminalreporter.write_line(name)


def pytest_collection_finish(session: pytest.Session) -> None:
    # What collecting made (the test modules, their parameter tables, what they import) lives until
    # the end of the run: kept out of the garbage collector's full passes.
    gc.freeze()


_FREEZE_EVERY = 100  # tests
_RUN = pytest.StashKey[int]()


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    # So is most of what the tests keep (module fixtures, caches of parsed shapes, lexicons and
    # queries): every hundred tests, a full pass over what is new, then that too is frozen. The
    # full passes no longer walk everything the worker holds (measured: 2.0 -> 0.7 s in each
    # worker, the same peak memory: what a frozen object holds is still freed when nothing refers
    # to it; only a cycle of frozen objects stays until the end of the run).
    config = item.config
    config.stash[_RUN] = run = config.stash.get(_RUN, 0) + 1
    if run % _FREEZE_EVERY == 0:
        gc.collect()
        gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):  # noqa: ANN001 (xdist's Producer)
    """``--dist loadgroup`` (pyproject.toml): each group whole in one worker, the other tests in chunks."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from scheduling import GroupedLoadScheduling

    return GroupedLoadScheduling(config, log)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.name.startswith("test_documented_transcript_is_real_output") and "page" in params:
            page = Path(params["page"])
            name = page.relative_to(config.rootpath) if page.is_relative_to(config.rootpath) else page.name
            item.add_marker(pytest.mark.xdist_group(f"transcripts-{name}"))
