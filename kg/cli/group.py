"""The ``kg`` command group: the commands of the other modules of :mod:`kg.cli` register on it."""

from __future__ import annotations

import click

from .. import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: knowledge graphs of armed conflicts from encyclopedia articles.

    \b
    Example:
      kg build article.txt -o battle.ttl
      kg query casualties article.txt
    """
