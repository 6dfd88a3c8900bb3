"""Documented transcripts: every ```console block of README.md and docs/*.md is run and compared.

A block is a series of ``$ command`` lines, each followed by what it prints (stdout and stderr,
as a terminal shows them). The blocks of one page run in order, in one temporary folder that
holds links to the repository's ``data/`` and ``tests/``, with an empty store of its own
(``KG_STORE``): as a reader following the page would. ``kg`` is the kg of this checkout.

Before comparing, what changes from run to run is replaced on both sides: durations (``4 ms``,
``0.05 s``), rates (``68/s``) and the store's folder (shown as ``/home/me/.local/share/kg/store``).

An HTML comment just above a block says how to run it:

- ``<!-- transcript: skip: REASON -->``: not run (it needs a server, ``../shared/corpus``, minutes);
- ``<!-- transcript: setup: COMMAND -->``: COMMAND runs first, its output unseen (repeatable).

``tests/test_docs.py`` checks every block. To write the real output into the pages after a
change, run::

    python tests/transcripts.py --update            # every page
    python tests/transcripts.py --update README.md  # one page
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHOWN_STORE = "/home/me/.local/share/kg/store"

_BLOCK = re.compile(r"((?:<!-- transcript: [^\n]*-->\n)*)```console\n(.*?)```", re.DOTALL)
_MARK = re.compile(r"<!-- transcript: (skip|setup): (.*?) -->")
_DURATION = re.compile(r"\b\d+(?:\.\d+)? ?(?:ms|s)\b")
_RATE = re.compile(r"\b\d+/s\b")
_SEPARATOR = "@@kg-transcript-command@@"


@dataclass
class Block:
    """One console block: where it is in its page, how to run it, its commands and their outputs."""

    start: int
    end: int
    skip: str | None
    setup: list[str]
    commands: list[tuple[str, str]] = field(default_factory=list)  # (command, documented output)


def blocks(text: str) -> list[Block]:
    """The console blocks of a page, in order."""
    found = []
    for m in _BLOCK.finditer(text):
        marks = _MARK.findall(m.group(1))
        skip = next((why for kind, why in marks if kind == "skip"), None)
        block = Block(m.start(2), m.end(2), skip, [cmd for kind, cmd in marks if kind == "setup"])
        command, output = None, []
        for line in m.group(2).splitlines():
            if line.startswith("$ "):
                if command is not None:
                    block.commands.append((command, "\n".join(output)))
                command, output = line[2:], []
            elif command is not None:
                output.append(line)
        if command is not None:
            block.commands.append((command, "\n".join(output)))
        found.append(block)
    return found


def normalise(text: str, store: str | None = None) -> str:
    """*text* with durations, rates and the store's folder made the same on every run."""
    if store:
        text = text.replace(store, SHOWN_STORE)
    text = _RATE.sub("<rate>", _DURATION.sub("<time>", text))
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


class Session:
    """A temporary folder and store where the blocks of one page run, in order."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="kg-transcript-")
        self.path = Path(self._dir.name)
        for name in ("data", "tests", "queries"):
            (self.path / name).symlink_to(ROOT / name)
        self.store = str(self.path / "store")
        self.env = {**os.environ, "KG_STORE": self.store, "COLUMNS": "200", "NO_COLOR": "1"}
        self.env.pop("KG_ENDPOINT", None)
        self.env.pop("KG_BASE", None)

    def close(self) -> None:
        self._dir.cleanup()

    def run(self, block: Block) -> list[str]:
        """Run the block's setup, then its commands; the output of each command."""
        kg = f'kg() {{ "{sys.executable}" -m kg "$@"; }}'
        lines = [kg, "set +e"]
        lines += [f"{cmd} >/dev/null 2>&1" for cmd in block.setup]
        for command, _ in block.commands:  # $? is the previous command's status, as in a terminal
            lines += ["__kg_status=$?", f"echo {_SEPARATOR}", f"(exit $__kg_status); {command} 2>&1"]
        done = subprocess.run(["bash", "-c", "\n".join(lines)], cwd=self.path, env=self.env, capture_output=True,
                              text=True, timeout=600, check=False)
        parts = done.stdout.split(_SEPARATOR + "\n")
        return [p.rstrip("\n") for p in parts[1:]] + [""] * (len(block.commands) - len(parts) + 1)


def update(page: Path) -> bool:
    """Write the real output of every command of *page* into it; True when something changed."""
    text = page.read_text(encoding="utf-8")
    session = Session()
    try:
        pieces, last = [], 0
        for block in blocks(text):
            if block.skip is not None:
                continue
            outputs = session.run(block)
            body = "".join(f"$ {cmd}\n" + (_shown(out, documented, session.store) + "\n" if out else "")
                           for (cmd, documented), out in zip(block.commands, outputs))
            pieces += [text[last:block.start], body]
            last = block.end
        pieces.append(text[last:])
    finally:
        session.close()
    new = "".join(pieces)
    if new != text:
        page.write_text(new, encoding="utf-8")
    return new != text


def _shown(output: str, documented: str, store: str) -> str:
    """What the page shows: the documented output while it is still right (its timings stay), else
    the new output with the store's folder shown as a user's default one."""
    if normalise(output, store) == normalise(documented):
        return documented
    return output.replace(store, SHOWN_STORE)


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "--update":
        sys.exit("usage: python tests/transcripts.py --update [PAGE...]")
    chosen = [Path(a).resolve() for a in args[1:]] or PAGES
    for page in chosen:
        print(f"{page.relative_to(ROOT)}: {'updated' if update(page) else 'unchanged'}")
