"""``kg report``: one HTML page to look at what kg read, for one article or a corpus."""
from __future__ import annotations

import click

from . import main
from ._common import base_option, fails_cleanly, write_output

__all__ = ["report_cmd"]


@main.command("report")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=str, readable=False), metavar="ARTICLE|DIR|GRAPH...")
@click.option("-o", "--output", metavar="FILE", required=True, help="The HTML file to write (atomically).")
@base_option
@fails_cleanly
def report_cmd(sources: tuple[str, ...], output: str, base: str | None) -> None:
    """Write a self-contained HTML report of the articles: summary, timeline, map, figures per
    side and source with the consistency warnings, and the text with what was read highlighted.

    The page works offline (its JavaScript and the world outline are inlined). Several articles
    get an index and a timeline of the battles. Needs: pip install 'kg[report]'.

    \b
    Example:
      kg report article.txt -o report.html
      kg report corpus/ -o corpus.html
    """
    from ..report import build_report

    write_output(build_report(sources, base=base), output, inputs=sources)
