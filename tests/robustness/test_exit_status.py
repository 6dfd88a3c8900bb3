"""One table of exit statuses for every command (docs/robustness.md, kg/cli/_common.py):
0 done, 1 done with findings (violations, some of several articles failed), 2 not done (an input
that cannot be read, a bad option, a refused output, a store error), 141 the reader went away.

The same kind of failure gives the same status in every command: a missing or unreadable file
is status 2 and one ``kg: error:`` line everywhere (it was 1 in ``build`` and 2 in ``validate``,
and click's three-line usage error for unreadable files)."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
GOOD = "= Battle of Nowhere =\n\nInfobox\n- Date: 4 July 2009\n- Combatant1: Northland\n- Combatant2: Southland\n"

Args = Callable[[Path, Path], list[str]]

#: Every command that reads article files: its arguments, given an input and a scratch folder.
READERS: dict[str, Args] = {
    "build": lambda src, out: ["build", str(src), "-o", str(out / "g.ttl")],
    "build-corpus": lambda src, out: ["build", str(src), str(src), "-o", str(out / "g.nq")],
    "export": lambda src, out: ["export", str(src), "-f", "nq", "-o", str(out / "g.nq")],
    "coverage": lambda src, out: ["coverage", str(src)],
    "run": lambda src, out: ["run", str(src), "--out", str(out / "run")],
    "validate": lambda src, out: ["validate", str(src)],
    "query": lambda src, out: ["query", "sides", str(src)],
    "load": lambda src, out: ["load", str(src), "--store", str(out / "store")],
    "table": lambda src, out: ["table", "events", str(src), "-o", str(out / "t.csv")],
    "show": lambda src, out: ["show", str(src)],
    "report": lambda src, out: ["report", str(src), "-o", str(out / "r.html")],
}


def _kg(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, catch_exceptions=True)


def _one_line(result: Result, status: int, *words: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == status, result.output
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("kg: error: "), lines
    if status == 2:
        assert len(lines) == 1, lines
    for word in words:
        assert word in lines[-1]


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    return src, out


@pytest.mark.parametrize("command", sorted(READERS))
def test_a_missing_file_is_status_2_everywhere(folders, command):
    src, out = folders
    _one_line(_kg(READERS[command](src / "missing.txt", out)), 2, "missing.txt")


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make *path* unreadable: its mode when not root; as root (who reads any file) what the
    system answers a user: ``os.access`` says no and opening it is refused."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    real_access, real_open = os.access, os.open

    def access(p, mode, *a, **k):
        return False if Path(p) == path and mode & os.R_OK else real_access(p, mode, *a, **k)

    def opener(p, flags, *a, **k):
        if Path(p) == path:
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, flags, *a, **k)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "open", opener)


@pytest.mark.parametrize("command", sorted(READERS))
def test_an_unreadable_file_is_one_line_and_status_2(folders, monkeypatch, command):
    src, out = folders
    article = src / "locked.txt"
    article.write_text(GOOD, encoding="utf-8")
    _unreadable(article, monkeypatch)
    result = _kg(READERS[command](article, out))
    assert "Usage:" not in result.output
    if command == "build-corpus":  # both articles failed: listed, status 1 as for any failed article
        assert result.exit_code == 1 and "locked.txt" in result.stderr and "Permission denied" in result.stderr
        return
    _one_line(result, 2, "cannot read", "locked.txt", "Permission denied")


def _violating(folder: Path) -> Path:
    """A graph file that breaks a shape (a claim without its authority)."""
    built = folder / "g.nq"
    assert _kg(["export", str(FLAGSHIP), "-f", "nq", "-o", str(built)]).exit_code == 0
    lines = [line for line in built.read_text(encoding="utf-8").splitlines(keepends=True) if "accordingTo" not in line]
    built.write_text("".join(lines), encoding="utf-8")
    return built


def test_findings_are_status_1(folders):
    src, out = folders
    bad = _violating(src)
    assert _kg(["validate", str(bad)]).exit_code == 1
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\xff not an article")
    build = _kg(["build", str(src), "-o", str(out / "all.nq")])
    assert build.exit_code == 1 and "bad.txt" in build.stderr and (out / "all.nq").is_file()
    load = _kg(["load", str(src), "--store", str(out / "store"), "-q"])
    assert load.exit_code == 1 and "1 article(s) could not be built" in load.stderr


#: Errors of the commands that do not read articles, each status 2 with one line.
ERRORS: list[tuple[str, Args, str]] = [
    ("queries-unknown", lambda s, o: ["queries", "no-such"], "no-such"),
    ("query-bad-param", lambda s, o: ["query", "envelope", str(FLAGSHIP), "-p", "side=x"], "side"),
    ("sparql-missing-store", lambda s, o: ["sparql", "ASK {}", "--store", str(o / "none")], "there is no store"),
    ("stats-missing-store", lambda s, o: ["store", "stats", "--store", str(o / "none")], "there is no store"),
    ("drop-missing-store", lambda s, o: ["store", "drop", "x", "--store", str(o / "none")], "there is no store"),
    ("dump-missing-store", lambda s, o: ["store", "dump", "--store", str(o / "none")], "there is no store"),
    ("serve-missing-store", lambda s, o: ["serve", "--store", str(o / "none"), "--port", "0"], "no store"),
    ("output-is-a-directory", lambda s, o: ["build", str(FLAGSHIP), "-o", str(o)], "is a directory"),
]


@pytest.mark.parametrize(("args", "words"), [pytest.param(a, w, id=i) for i, a, w in ERRORS])
def test_other_errors_are_status_2(folders, args, words):
    src, out = folders
    _one_line(_kg(args(src, out)), 2, words)


def test_usage_errors_are_status_2(folders):
    assert _kg(["build"]).exit_code == 2
    assert _kg(["query", "sides", str(FLAGSHIP), "-f", "yaml"]).exit_code == 2


def test_success_is_status_0(folders):
    _, out = folders
    assert _kg(["build", str(FLAGSHIP), "-o", str(out / "g.ttl")]).exit_code == 0
    assert _kg(["validate", str(out / "g.ttl")]).exit_code == 0


# 141 when the reader goes away: tests/test_cli_build.py::test_a_reader_that_goes_away_stops_the_build_quietly


def test_ctrl_c_is_one_line_and_status_130(folders, monkeypatch):
    import kg.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.pipeline, "build", interrupted)
    src, out = folders
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    result = _kg(["build", str(src / "a.txt"), "-o", str(out / "g.ttl")])
    assert result.exit_code == 130 and result.stderr == "kg: interrupted\n"
    assert not list(out.iterdir())
