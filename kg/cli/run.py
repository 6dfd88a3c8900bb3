"""``kg run``: the main job on one article."""
from __future__ import annotations

import sys

import click

from . import main
from ._common import EXIT_FINDINGS, base_option, fails_cleanly, warn_replaced_controls


@main.command("run")
@click.argument("article", type=click.Path(path_type=str, readable=False))
@click.option("--out", "out_dir", metavar="DIR", default="out", show_default=True, help="Folder for the exports.")
@base_option
@fails_cleanly
def run_cmd(article: str, out_dir: str, base: str | None) -> None:
    """Build ARTICLE, validate it, export it in every format into DIR, and answer every stored query.

    Exits 1 when the graph violates a shape.

    \b
    Example:
      kg run article.txt --out out
    """
    from ..job import run_job
    from ..validate import format_report

    result = run_job(article, out_dir, base=base)
    built = result.built
    warn_replaced_controls(built, article)
    click.echo(f"graph {built.graph.iri}: {len(built.graph.triples)} triples")
    click.echo(f"validation: {result.report.summary()}")
    if result.report.findings:
        click.echo(format_report(result.report))
    click.echo("exports: " + ", ".join(str(p) for p in result.files))
    for name, answer in result.answers.items():
        click.echo(f"\n== {name} ==")
        click.echo(answer.to_table())
    if not result.report.conforms:
        sys.exit(EXIT_FINDINGS)
