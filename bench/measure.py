"""Measuring helpers for the benchmarks: wall clock, process-tree memory, time-limited children,
the machine measured, and progress lines.

Nothing here prints but :func:`log` (to stderr). :func:`run_command` runs a command and samples the resident memory of the
command and all its descendants (Linux ``/proc``), so a multi-process build reports the peak of
its largest process and the peak of the sum over the parent and its workers.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = [
    "ROOT",
    "log",
    "machine_info",
    "CommandRun",
    "run_command",
    "tree_rss",
    "in_child",
    "ChildResult",
    "best_of",
    "bulk_loaded_store",
]

#: The repository (the benchmarks run kg from here).
ROOT = Path(__file__).resolve().parents[1]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True, slots=True)
class CommandRun:
    """One command: exit status, wall seconds, CPU seconds of its children, memory peaks (bytes)."""

    argv: tuple[str, ...]
    returncode: int
    seconds: float
    cpu_seconds: float
    peak_rss_sum: int  # largest sum over the process tree at one sample
    peak_rss_max: int  # largest single process at one sample
    processes: int  # most processes seen at once
    stderr: str


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _children(pid: int) -> list[int]:
    try:
        out = []
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as fh:
                out.extend(int(x) for x in fh.read().split())
        return out
    except OSError:
        return []


def _kill_tree(pid: int) -> None:
    stack, found = [pid], []
    while stack:
        p = stack.pop()
        found.append(p)
        stack.extend(_children(p))
    for p in reversed(found):
        try:
            os.kill(p, 9)
        except OSError:
            pass


def tree_rss(pid: int) -> tuple[int, int, int]:
    """(sum, max, count) of the resident memory of *pid* and all its descendants."""
    total = biggest = count = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        r = _rss(p)
        if r:
            total += r
            biggest = max(biggest, r)
            count += 1
        stack.extend(_children(p))
    return total, biggest, count


def run_command(argv: Sequence[str], *, cwd: str | None = None, interval: float = 0.05,
                env: dict[str, str] | None = None, stdin: str | None = None,
                timeout: float | None = None) -> CommandRun:
    """Run *argv* to completion, sampling its process tree's memory every *interval* seconds.

    After *timeout* seconds the command and its descendants are killed (return code -9).
    """
    before = os.times()
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), cwd=cwd, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    peaks = [0, 0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            s, m, c = tree_rss(proc.pid)
            peaks[0], peaks[1], peaks[2] = max(peaks[0], s), max(peaks[1], m), max(peaks[2], c)
            done.wait(interval)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        _, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc.pid)
        _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    thread.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return CommandRun(tuple(argv), proc.returncode, seconds, cpu, peaks[0], peaks[1], peaks[2], err)


@dataclass(frozen=True, slots=True)
class ChildResult:
    """What a function run in a forked child gave back, or that it ran out of time."""

    value: Any
    seconds: float
    timed_out: bool
    error: str | None


def _child(conn: Any, fn: Callable[[], Any]) -> None:
    started = time.perf_counter()
    try:
        value = fn()
        conn.send((value, time.perf_counter() - started, None))
    except BaseException as exc:  # reported to the parent, which records it
        conn.send((None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_child(fn: Callable[[], Any], *, timeout: float) -> ChildResult:
    """Run *fn* in a forked child (it sees the parent's memory) for at most *timeout* seconds.

    *fn* returns something picklable; its wall time is measured inside the child.
    """
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn))
    started = time.perf_counter()
    proc.start()
    child.close()
    if parent.poll(timeout):
        try:
            value, seconds, error = parent.recv()
        except EOFError:
            value, seconds, error = None, time.perf_counter() - started, "child died"
        proc.join()
        return ChildResult(value, seconds, False, error)
    proc.kill()
    proc.join()
    return ChildResult(None, timeout, True, None)


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The smallest wall time of *repeat* calls of *fn*, and the last value."""
    best = float("inf")
    value = None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def bulk_loaded_store(folder: Path, nq: Path) -> Any:
    """A new pyoxigraph store in *folder* (emptied first) holding the N-Quads file *nq*, bulk loaded
    and flushed to disk."""
    import shutil

    import pyoxigraph as ox

    shutil.rmtree(folder, ignore_errors=True)
    store = ox.Store(str(folder))
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return store


def log(msg: str) -> None:
    """A progress line on stderr, with the time."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def machine_info() -> dict[str, Any]:
    """nproc, CPU model, RAM, Python and package versions, the commit measured."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for pkg in ("rdflib", "pyshacl", "pyshacl-turbo", "pyoxigraph", "pyinstrument", "click"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.rstrip()
        except OSError:
            return ""

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        # run from a clean export (git archive) there is no repository: say which commit it was
        "commit": git("rev-parse", "--short", "HEAD") or os.environ.get("KG_BENCH_COMMIT", "?"),
        "commit_subject": git("log", "-1", "--format=%s") or os.environ.get("KG_BENCH_SUBJECT", ""),
        "dirty_kg_files": [l[3:] for l in git("status", "--porcelain", "kg").splitlines()],
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
