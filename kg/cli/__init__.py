"""The ``kg`` command: a thin shell over the library.

Each command lives in a small module of this package, calls one library function, and turns
:class:`kg.errors.KgError` into one line on stderr and a non-zero exit (see ``_common``).
"""
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


def _register() -> None:
    # each module adds its commands to main
    from . import build, query, report, run, show, store, table, validate  # noqa: F401


_register()
