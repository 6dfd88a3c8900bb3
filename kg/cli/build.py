"""``kg build``, ``kg export`` and ``kg coverage``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rdflib import Dataset

from ..errors import ExportError, KgError
from ..export import EXTENSIONS, FORMATS, canonical_format, read_graph, serialize
from ._common import EXIT_FINDINGS, base_option, fails_cleanly, warn_replaced_controls, write_output
from ._output import choose_format
from .group import main

__all__ = ["load_graph_or_article"]

_FORMAT_CHOICE = click.Choice(sorted(FORMATS) + ["ttl", "jsonld", "ntriples", "nquads"], case_sensitive=False)


def load_graph_or_article(path: str, *, base: str | None = None) -> Dataset:
    """An article (``.txt``) built into a Dataset, or a graph file parsed from its extension."""
    from ..pipeline import build

    p = Path(path)
    if p.suffix.lower() == ".txt" or p.is_dir() or not p.exists():
        return build(p, base=base).dataset()
    return read_graph(p)


def _summary(built) -> str:
    facts = built.facts
    parsed = sum(1 for f in facts.fields if f.status == "parsed")
    readable = sum(1 for f in facts.fields if f.status in ("parsed", "partial", "unparsed"))
    return (
        f"{built.graph.iri}: {len(built.graph.triples)} triples; "
        f"{len(facts.events)} events, {len(facts.sides)} sides, {len(facts.claims)} claims; "
        f"infobox fields parsed: {parsed}/{readable}"
    )


def _is_corpus(articles: tuple[str, ...]) -> bool:
    return len(articles) != 1 or articles[0] == "-" or Path(articles[0]).is_dir()


def _format_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-f/--format``, the RDF format of an output (build and export share it)."""
    return click.option("-f", "--format", "fmt", type=_FORMAT_CHOICE, default=None, help=help_text)


@main.command("build")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))
@_format_option("Output format [default: from the extension of -o; else turtle for one article, nq for several].")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to FILE (atomically) instead of stdout; its extension sets the format.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for several articles [default: CPU count].",
)
@click.option("--validate", "check", is_flag=True, help="Validate each article of a corpus with the SHACL shapes.")
@click.option("--report", metavar="FILE", help="Write a JSON report of a corpus build (failures, counts) to FILE.")
@base_option
@fails_cleanly
def build_cmd(
    articles: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    jobs: int | None,
    check: bool,
    report: str | None,
    base: str | None,
) -> None:
    """Build the knowledge graph of each ARTICLE and write it.

    One article is written in any format (Turtle by default). Several articles (files, folders of
    *.txt files, or - to read paths from stdin) are built across all cores and streamed to one
    N-Quads or TriG file, one named graph per article; failures are listed at the end and the exit
    status is 1 when any article failed.

    \b
    Example:
      kg build article.txt -o battle.ttl
      kg build article.txt --format json-ld
      kg build corpus/ --format nq -o corpus.nq --report report.json
      find corpus -name '*.txt' | kg build - -o corpus.trig -f trig
    """
    corpus = _is_corpus(articles)
    fmt = choose_format(fmt, output, EXTENSIONS, default="nq" if corpus else "turtle", canonical=canonical_format)
    if not corpus:
        from ..pipeline import build

        built = build(articles[0], base=base)
        warn_replaced_controls(built, articles[0])
        write_output(serialize(built.graph, fmt), output, inputs=articles)
        if output not in (None, "-"):
            click.echo(_summary(built), err=True)
        return
    _build_corpus(articles, fmt, output, jobs, check, report, base)


def _build_corpus(articles, fmt, output, jobs, check, report, base) -> None:
    import json

    from ..corpus import CORPUS_FORMATS, build_corpus, corpus_paths
    from ..outfiles import atomic_open, atomic_write, check_output
    from ._progress import Progress

    for arg in articles:  # as kg load: a path named on the command line must be there
        if arg != "-" and not Path(arg).exists():
            raise KgError(
                f"no such file: {arg}; give article .txt files, folders holding them, or - to read paths from stdin"
            )
    paths = corpus_paths(articles)
    if not paths:
        raise KgError("no articles found: give .txt files, folders holding them, or - to read paths from stdin")
    fmt = canonical_format(fmt)
    if fmt not in CORPUS_FORMATS:
        raise KgError(
            f"several articles are written as {' or '.join(CORPUS_FORMATS)} (one named graph each), not {fmt}"
        )
    for path in (output, report):
        if path not in (None, "-"):
            check_output(path, inputs=paths)  # refused before any article is built
    progress = Progress()
    if output in (None, "-"):
        summary = build_corpus(paths, sys.stdout, fmt=fmt, jobs=jobs, base=base, validate=check, progress=progress)
    else:
        with atomic_open(output, inputs=paths) as fh:
            summary = build_corpus(paths, fh, fmt=fmt, jobs=jobs, base=base, validate=check, progress=progress)
    if report:
        atomic_write(report, json.dumps(summary.as_dict(), indent=2, ensure_ascii=False) + "\n", inputs=paths)
    click.echo(summary.text(), err=True)
    if summary.failed or summary.invalid:
        sys.exit(EXIT_FINDINGS)


@main.command("export")
@click.argument("source", type=click.Path(path_type=str, readable=False))
@_format_option("Output format [default: from the extension of -o; required when writing to stdout].")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to FILE (atomically) instead of stdout; its extension sets the format.",
)
@base_option
@fails_cleanly
def export_cmd(source: str, fmt: str | None, output: str | None, base: str | None) -> None:
    """Export SOURCE (an article .txt or a graph file) in another RDF format.

    \b
    Formats: turtle, json-ld (compacted with data/context/kg.jsonld), nt, nq, trig, json-ld-framed
    (one article as a JSON tree rooted at its battle).
    Example:
      kg export article.txt -o battle.nq
      kg export battle.ttl --format json-ld -o battle.jsonld
    """
    fmt = choose_format(fmt, output, EXTENSIONS, default="", canonical=canonical_format)
    if not fmt:
        raise ExportError(
            "give the output format with -f, or an -o file whose extension names it (.ttl .jsonld .nt .nq .trig)"
        )
    ds = load_graph_or_article(source, base=base)
    if not len(ds):
        raise ExportError(f"{source} holds no triples")
    write_output(serialize(ds, fmt), output, inputs=(source,))


@main.command("coverage")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))
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
    if not cov.articles:  # nothing to report on: say why in one line
        if not cov.failed:
            raise KgError(f"no articles found in {', '.join(paths)}: give .txt files or folders holding them")
        name, reason = cov.failed[0]
        more = f" ({len(cov.failed) - 1} more failed likewise; see --details)" if len(cov.failed) > 1 else ""
        raise KgError(f"no article could be read: {reason}{more}")
    click.echo(cov.summary())
    if details:
        click.echo(cov.details())
