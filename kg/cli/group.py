"""The ``kg`` command group: the commands of the other modules of :mod:`kg.cli` register on it.

The group imports the module of a command when the command is used (:data:`COMMANDS`), so that
``kg --version`` or ``kg sparql`` does not import what ``kg build`` needs (rdflib's parsers, the
mapper, the lexicons): every ``kg`` process starts faster.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__

__all__ = ["main", "COMMANDS"]

#: The name of every command of the group -> the module of :mod:`kg.cli` that defines it.
COMMANDS = {
    "build": "build",
    "coverage": "build",
    "export": "build",
    "load": "store",
    "queries": "query",
    "query": "query",
    "report": "report",
    "run": "run",
    "serve": "serve",
    "show": "show",
    "sparql": "store",
    "store": "store",
    "table": "table",
    "validate": "validate",
}


class _Commands(click.Group):
    """A group whose commands are registered by their module, imported when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(f"{__package__}.{COMMANDS[cmd_name]}")
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: knowledge graphs of armed conflicts from encyclopedia articles.

    \b
    Example:
      kg build article.txt -o battle.ttl
      kg query casualties article.txt
    """
