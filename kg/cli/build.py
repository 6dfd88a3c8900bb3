"""``kg build``, ``kg export`` and ``kg coverage``."""
from __future__ import annotations

from pathlib import Path

import click
from rdflib import Dataset

from ..errors import ExportError, KgError
from ..export import FORMATS, format_for_path, serialize
from . import main
from ._common import base_option, fails_cleanly, write_output

__all__ = ["load_graph_or_article"]

_FORMAT_CHOICE = click.Choice(sorted(FORMATS) + ["ttl", "jsonld", "ntriples", "nquads"], case_sensitive=False)


def load_graph_or_article(path: str, *, base: str | None = None) -> Dataset:
    """An article (``.txt``) built into a Dataset, or a graph file parsed from its extension."""
    from ..pipeline import build

    p = Path(path)
    if p.suffix.lower() == ".txt" or p.is_dir() or not p.exists():
        return build(p, base=base).dataset()
    fmt = FORMATS[format_for_path(path)][0]
    ds = Dataset(default_union=True)
    try:
        ds.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise KgError(f"cannot parse {path} as {fmt}: {str(exc).splitlines()[0][:200]}") from None
    return ds


def _summary(built) -> str:
    facts = built.facts
    parsed = sum(1 for f in facts.fields if f.status == "parsed")
    readable = sum(1 for f in facts.fields if f.status in ("parsed", "partial", "unparsed"))
    return (
        f"{built.graph.iri}: {len(built.graph.triples)} triples; "
        f"{len(facts.events)} events, {len(facts.sides)} sides, {len(facts.claims)} claims; "
        f"infobox fields parsed: {parsed}/{readable}"
    )


@main.command("build")
@click.argument("article", type=click.Path(dir_okay=True, path_type=str))
@click.option("-f", "--format", "fmt", type=_FORMAT_CHOICE, default="turtle", show_default=True, help="Output format.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@base_option
@fails_cleanly
def build_cmd(article: str, fmt: str, output: str | None, base: str | None) -> None:
    """Build the knowledge graph of ARTICLE and write it.

    \b
    Example:
      kg build article.txt -o battle.ttl
      kg build article.txt --format json-ld
    """
    from ..pipeline import build

    built = build(article, base=base)
    write_output(serialize(built.graph, fmt), output)
    if output not in (None, "-"):
        click.echo(_summary(built), err=True)


@main.command("export")
@click.argument("source", type=click.Path(path_type=str))
@click.option("-f", "--format", "fmt", type=_FORMAT_CHOICE, required=True, help="Output format.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@base_option
@fails_cleanly
def export_cmd(source: str, fmt: str, output: str | None, base: str | None) -> None:
    """Export SOURCE (an article .txt or a graph file) in another RDF format.

    \b
    Formats: turtle, json-ld (compacted with data/context/kg.jsonld), nt, nq, trig.
    Example:
      kg export article.txt --format nq -o battle.nq
      kg export battle.ttl --format json-ld -o battle.jsonld
    """
    ds = load_graph_or_article(source, base=base)
    if not len(ds):
        raise ExportError(f"{source} holds no triples")
    write_output(serialize(ds, fmt), output)


@main.command("coverage")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("--details", is_flag=True, help="Also list every field not fully parsed (tab-separated).")
@fails_cleanly
def coverage_cmd(paths: tuple[str, ...], details: bool) -> None:
    """Report how many infobox fields of the articles in PATHS were parsed into typed facts.

    \b
    Example:
      kg coverage ../shared/corpus --details
    """
    from ..coverage import coverage

    cov = coverage(paths)
    click.echo(cov.summary())
    if details:
        click.echo(cov.details())
