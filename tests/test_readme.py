"""The README's two set-up commands are what CI runs, word for word."""
from __future__ import annotations

import re
from pathlib import Path

README = Path("README.md").read_text(encoding="utf-8")
CI = Path(".ci/run").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_readme_has_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && kg run data/battle_of_araouane_2009.txt")
    assert commands[1].endswith("python -m pytest")


def test_ci_runs_the_readme_commands():
    ci_lines = [line.strip() for line in CI.splitlines()]
    for command in setup_commands():
        assert command in ci_lines


def test_setup_comes_first():
    headings = re.findall(r"^## (.+)$", README, re.MULTILINE)
    assert headings[0] == "Set up on a fresh machine"


def test_every_package_is_in_the_wheel():
    """pyproject.toml lists packages by hand (resources are mapped into the package): a package
    folder missing from the list would be missing from an installed kg."""
    import tomllib

    listed = set(tomllib.loads(Path("pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {str(p.parent).replace("/", ".") for p in Path("kg").rglob("__init__.py")}
    assert on_disk <= listed, sorted(on_disk - listed)
