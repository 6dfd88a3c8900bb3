"""``kg table``: the event table or the figure table, as CSV a spreadsheet or pandas opens."""

from __future__ import annotations

from typing import Any

import click

from ._common import base_option, fails_cleanly, write_output
from .group import main
from .store_options import open_from_options, store_options

__all__ = ["table_cmd"]


@main.command("table")
@click.argument("kind", type=click.Choice(["events", "figures"]))
@click.argument("sources", nargs=-1, type=click.Path(path_type=str, readable=False), metavar="[ARTICLE|DIR|GRAPH]...")
@click.option("-o", "--output", metavar="FILE", help="Write the CSV to FILE (atomically) instead of stdout.")
@click.option(
    "--graph",
    "graph",
    metavar="ARTICLE",
    help="With the store: only this article's graph (file, identifier, title or graph IRI).",
)
@store_options
@base_option
@fails_cleanly
def table_cmd(
    kind: str, sources: tuple[str, ...], output: str | None, graph: str | None, target: dict[str, Any], base: str | None
) -> None:
    """Write the event table (one row per event) or the figure table (one row per figure) as CSV.

    SOURCES are articles (.txt, built here), folders of articles, and graph files (.ttl .nt .nq
    .trig .jsonld), in any mix; without them the table is made from the store (the embedded one,
    or --endpoint). Columns follow UCDP GED and ACLED where those have one: see docs/table.md.

    \b
    Example:
      kg table events article.txt -o events.csv
      kg table figures corpus/ -o figures.csv
      kg table events --store /tmp/kg-store
    """
    from ..table import table_csv

    if sources:
        if graph:
            raise click.UsageError("--graph picks an article of the store; give either SOURCES or --graph")
        from ..sources import open_sources

        write_output(table_csv(open_sources(sources, base=base).target, kind=kind), output, inputs=sources)
        return
    from ..rdf.iris import default_base
    from ..store import graph_iri, scoped

    with open_from_options(target, create=False) as store:
        scope = graph_iri(graph, base=base or default_base()) if graph else None
        text = table_csv(scoped(store, scope), kind=kind)
    write_output(text, output, inputs=sources)
