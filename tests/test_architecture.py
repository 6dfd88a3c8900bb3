"""The shape of the code: kg/'s import graph has no cycle, and no module of kg/ is long.

The exceptions are listed below with their reasons; an exception no longer needed gives a warning.

The modules are read with the standard library's ``ast``, not imported. Every import statement
counts, at the top of a module or inside a function (an import made on first use is still a
dependency), except those under ``if TYPE_CHECKING:``. ``from . import build`` and
``from .report import Finding`` are edges to the modules ``build`` and ``report``; the package
``__init__`` Python runs on the way is not counted (every module would depend on its parents).
"""
from __future__ import annotations

import ast
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"
MAX_LINES = 450

#: Modules allowed over MAX_LINES, each with the reason. Remove an entry once its module is split.
LONG_MODULES: dict[str, str] = {
}

#: Packages inside which import cycles are still allowed, each with the reason. A cycle between
#: modules of the package (and the package itself) is allowed; one that leaves it is not.
CYCLES_ALLOWED_IN: dict[str, str] = {}


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package at *root*, by dotted name."""
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


#: The fields of a node that hold statements, or the clauses (``except``, ``case``) that hold them.
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(*nodes: ast.AST) -> Iterator[ast.AST]:
    """*nodes* and every statement (and ``except``/``case`` clause) inside them: an import is a
    statement, and no expression holds one, so the walk leaves expressions out."""
    todo = list(nodes)
    while todo:
        node = todo.pop()
        yield node
        for name in node._fields:
            if name in _BODIES:
                todo.extend(getattr(node, name))


def _type_checking_only(tree: ast.Module) -> set[int]:
    skipped: set[int] = set()
    for node in _statements(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in _statements(*node.body))
    return skipped


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of *known* that module *name* (at *path*) imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = _type_checking_only(tree)
    found: set[str] = set()
    for node in _statements(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known]
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(target)
    return {m for m in found if m in known and m != name}


def import_graph(root: Path) -> dict[str, set[str]]:
    known = modules(root)
    return {name: imports_of(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def not_allowed(found: list[frozenset[str]], packages: list[str]) -> list[list[str]]:
    """The cycles of *found* that do not stay inside one of *packages*."""
    return [sorted(c) for c in found if not any(all(_inside(m, p) for m in c) for p in packages)]


def test_the_import_graph_of_kg_has_no_cycle_but_in_the_listed_packages():
    found = cycles(import_graph(KG))
    others = not_allowed(found, list(CYCLES_ALLOWED_IN))
    assert not others, f"import cycles in kg/: {others}"
    for package in CYCLES_ALLOWED_IN:
        if not any(all(_inside(m, package) for m in c) for c in found):
            warnings.warn(f"no import cycle left in {package}: remove it from CYCLES_ALLOWED_IN", stacklevel=1)


@pytest.mark.parametrize(
    ("cycle", "allowed"),
    [
        pytest.param({"kg.cli", "kg.cli.build"}, True, id="package-and-its-module"),
        pytest.param({"kg.cli.a", "kg.cli.b"}, True, id="two-modules-of-the-package"),
        pytest.param({"kg.cli", "kg.store"}, False, id="across-two-listed-packages"),
        pytest.param({"kg.cli.build", "kg.export"}, False, id="leaving-the-package"),
        pytest.param({"kg.client", "kg.client.x"}, False, id="a-name-that-only-starts-like-it"),
    ],
)
def test_a_cycle_is_allowed_only_inside_one_listed_package(cycle, allowed):
    assert not_allowed([frozenset(cycle)], ["kg.cli", "kg.store"]) == ([] if allowed else [sorted(cycle)])


def test_no_module_of_kg_is_over_450_lines_but_the_listed_ones():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules(KG).items()}
    long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    unlisted = {name: n for name, n in long.items() if name not in LONG_MODULES}
    assert not unlisted, f"modules over {MAX_LINES} lines; split them by job: {unlisted}"
    for name in sorted(set(LONG_MODULES) - set(long)):
        warnings.warn(f"{name} is no longer over {MAX_LINES} lines: remove it from LONG_MODULES", stacklevel=1)


# ---- the checker itself, on small packages made for the purpose ----------------------------------


def _package(root: Path, files: dict[str, str]) -> Path:
    pkg = root / "pkg"
    for name, text in {"__init__.py": "", **files}.items():
        path = pkg / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return pkg


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param({"a.py": "from .b import x\n", "b.py": "from .a import y\n"}, [{"pkg.a", "pkg.b"}], id="two-modules"),
        pytest.param(
            {"a.py": "def f():\n    from . import b\n", "b.py": "import pkg.a\n"}, [{"pkg.a", "pkg.b"}], id="import-inside-a-function"
        ),
        pytest.param(
            {"__init__.py": "def f():\n    from . import a\n", "a.py": "from . import main\n"},
            [{"pkg", "pkg.a"}],
            id="package-and-its-module",
        ),
        pytest.param(
            {"sub/__init__.py": "", "sub/c.py": "from ..a import x\n", "a.py": "from .sub import c\n"},
            [{"pkg.a", "pkg.sub.c"}],
            id="subpackage-relative-import",
        ),
        pytest.param(
            {"a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import x\n", "b.py": "from .a import y\n"},
            [],
            id="type-checking-import-does-not-count",
        ),
        pytest.param({"a.py": "from . import b\n", "b.py": "from .c import z\n", "c.py": ""}, [], id="a-chain-is-no-cycle"),
        pytest.param(
            {"sub/__init__.py": "", "sub/c.py": "from ..a import x\n", "a.py": "import json\n"}, [], id="a-module-importing-a-sibling-of-its-package"
        ),
    ],
)
def test_the_cycle_finder_finds_exactly_the_cycles(tmp_path, files, expected):
    assert sorted(map(sorted, cycles(import_graph(_package(tmp_path, files))))) == sorted(map(sorted, expected))


def test_the_kg_group_knows_the_module_of_every_command():
    """kg.cli.group imports a command's module when the command is used: its table names them all."""
    import importlib

    from kg.cli.group import COMMANDS, main

    for module in sorted(set(COMMANDS.values())):
        importlib.import_module(f"kg.cli.{module}")
    assert sorted(main.commands) == sorted(COMMANDS)
    for name, module in COMMANDS.items():
        assert main.commands[name].callback.__module__ == f"kg.cli.{module}", name
