"""``kg show``: what kg read from an article, on one screen, with what needs checking."""
from __future__ import annotations

import click

from . import main
from ._common import base_option, fails_cleanly

__all__ = ["show_cmd"]


@main.command("show")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=str, readable=False), metavar="ARTICLE|DIR|GRAPH...")
@base_option
@fails_cleanly
def show_cmd(sources: tuple[str, ...], base: str | None) -> None:
    """Summarise what kg read from each article: when, where, sides, commanders and what became
    of them, result, events and figures; then a warning for each figure or commander left
    without a side and each infobox field not (fully) read.

    Articles (.txt) are built first; graph files (.ttl .nt .nq .trig .jsonld) are read as they are.

    \b
    Example:
      kg show article.txt
      kg show battle.ttl
    """
    from ..sources import open_sources
    from ..summary import show

    click.echo(show(open_sources(sources, base=base).target), nl=False)
