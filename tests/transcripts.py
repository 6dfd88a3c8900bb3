"""Documented transcripts: every ```console block of README.md and docs/*.md is run and compared.

A block is a series of ``$ command`` lines, each followed by what it prints (stdout and stderr,
as a terminal shows them). The blocks of one page run in order, in one temporary folder that
holds links to the repository's ``data/`` and ``tests/``, with an empty store of its own
(``KG_STORE``): as a reader following the page would. ``kg`` is the kg of this checkout.

A ``kg`` command of plain words (quotes and a trailing ``# comment`` allowed) runs in this process,
through click's test runner, with the session's folder as working directory and its environment:
the same output and exit status as a ``kg`` process, without starting Python and compiling the
lexicons again for every command. A ``kg`` command piped into others (``kg ... | head -3``) runs
here too and its output goes on to the rest of the pipeline in bash; any other command line (``$?``
aside) runs in bash, where ``kg`` is ``python -m kg``. ``KG_TRANSCRIPTS_SHELL=1`` runs every
command in bash, each ``kg`` in a process of its own (slower; tests/test_docs.py checks that a
block gives the same output both ways).

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
import shlex
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHOWN_STORE = "/home/me/.local/share/kg/store"

_BLOCK = re.compile(r"((?:<!-- transcript: [^\n]*-->\n)*)```console\n(.*?)```", re.DOTALL)
_MARK = re.compile(r"<!-- transcript: (skip|setup): (.*?) -->")
_DURATION = re.compile(r"\b\d+(?:\.\d+)? ?(?:ms|s)\b")
_RATE = re.compile(r"\b\d+/s\b")
#: KG_TRANSCRIPTS_SHELL=1: every command through bash and a kg process of its own (slower; the same output)
SHELL = os.environ.get("KG_TRANSCRIPTS_SHELL") == "1"


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

    def __init__(self, *, shell: bool = SHELL) -> None:
        self.shell = shell  # every command in bash, each kg in a process of its own
        self._dir = tempfile.TemporaryDirectory(prefix="kg-transcript-")
        self.path = Path(self._dir.name)
        for name in ("data", "tests", "queries"):
            (self.path / name).symlink_to(ROOT / name)
        self.store = str(self.path / "store")
        self.changes: dict[str, str | None] = {"KG_STORE": self.store, "COLUMNS": "200", "NO_COLOR": "1",
                                               "KG_ENDPOINT": None, "KG_BASE": None}
        self.env = {k: v for k, v in {**os.environ, **self.changes}.items() if v is not None}
        self.status = 0  # the status of the last command, as $? in a terminal

    def close(self) -> None:
        self._dir.cleanup()

    def run(self, block: Block) -> list[str]:
        """Run the block's setup, then its commands; the output of each command."""
        for command in block.setup:
            self._one(command)
        return [self._one(command) for command, _ in block.commands]

    def _one(self, command: str) -> str:
        """Run *command* (stdout and stderr together), set :attr:`status`; its output."""
        if self.shell:
            return self._shell(command)
        if command.strip() == "echo $?":
            return str(self.status)
        plain = kg_command(command)
        if plain is None:
            return self._shell(command)
        args, rest = plain
        if rest is None:
            return self._kg(args)[0]
        out, err = self._kg(args, mixed=False)  # kg | rest: kg's stdout goes on, its stderr is shown
        return err + self._shell(rest, stdin=out)

    def _shell(self, command: str, *, stdin: str | None = None) -> str:
        kg = f'kg() {{ "{sys.executable}" -m kg "$@"; }}'
        script = f"{kg}\n(exit {self.status}); {command} 2>&1"
        done = subprocess.run(["bash", "-c", script], cwd=self.path, env=self.env, input=stdin or "",
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
        self.status = done.returncode
        return done.stdout.rstrip("\n")

    def _kg(self, args: list[str], *, mixed: bool = True) -> tuple[str, str]:
        """Run kg in this process: (stdout and stderr together, "") when *mixed*, else (stdout, stderr)."""
        from click.testing import CliRunner

        from kg.cli import main

        here = Path.cwd()
        os.chdir(self.path)
        try:
            result = CliRunner(env=self.changes).invoke(main, args, prog_name="kg")
        finally:
            os.chdir(here)
        self.status = result.exit_code
        crash = ""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            crash = "".join(traceback.format_exception(result.exception))  # shown, as kg would show it
        if mixed:
            return (result.output + crash).rstrip("\n"), ""
        return result.stdout, result.stderr + crash


#: Outside quotes, a command line with none of these is only words.
_SHELL_CHARACTERS = set("|&;<>()$`\\*?[]{}~!")


def kg_command(command: str) -> tuple[list[str], str | None] | None:
    """``(arguments, rest)`` when *command* is ``kg`` with plain words (quoted or not, a trailing
    ``# comment`` allowed), which runs in this process, perhaps piped into the shell command
    *rest*; None when the command needs a shell for itself."""
    quote, end, rest = None, len(command), None
    for i, char in enumerate(command):
        if quote == "'":
            quote = None if char == "'" else quote
        elif quote == '"':
            if char in "$`\\":  # expanded or escaped inside double quotes
                return None
            quote = None if char == '"' else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            if i and not command[i - 1].isspace():
                return None
            end = i
            break
        elif char == "|" and command[i + 1 : i + 2] != "|" and command[i - 1 : i] != "|":
            end, rest = i, command[i + 1 :].strip()
            break
        elif char in _SHELL_CHARACTERS:
            return None
    if quote is not None:
        return None
    words = shlex.split(command[:end])
    return (words[1:], rest) if words and words[0] == "kg" else None


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
                           for (cmd, documented), out in zip(block.commands, outputs, strict=True))
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
