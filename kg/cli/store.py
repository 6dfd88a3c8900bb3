"""``kg load``, ``kg sparql`` and ``kg store stats|drop|dump`` (``kg serve`` is in :mod:`kg.cli.serve`).

Every command works on the embedded store (``--store DIR``, env ``KG_STORE``, default in the
platform data folder) or, with ``--endpoint URL`` (env ``KG_ENDPOINT``), on a SPARQL server.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path
from typing import Any

import click

from ..errors import KgError
from ._common import EXIT_FINDINGS, MAX_QUERY_FILE_BYTES, atomic_write, base_option, fails_cleanly, read_text_file
from .group import main
from .store_options import F, open_from_options, store_location, store_options

__all__ = ["load_cmd", "sparql_cmd", "store_group"]


def _article_files(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise KgError(f"no such file: {p}; give article .txt files or folders holding them")
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    if not files:
        raise KgError(f"no articles found in {', '.join(paths)}: give .txt files or folders holding them")
    return files


@main.command("load")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str, readable=False))
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Worker processes that build the articles [default: CPU count].",
)
@store_options
@base_option
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@fails_cleanly
def load_cmd(
    articles: tuple[str, ...], jobs: int | None, target: dict[str, Any], base: str | None, quiet: bool
) -> None:
    """Build each ARTICLE (a .txt file or a folder of them) and store it in its own named graph.

    The articles are built on all cores and written in batches. Loading an article again replaces
    exactly its graph, in one transaction (a failed load leaves the previous graph as it was). An
    article that does not build is listed and the others are loaded (exit status 1).

    \b
    Example:
      kg load article.txt
      kg load ../shared/corpus --store /tmp/kg-store
      KG_PASSWORD=dba kg load data/ --endpoint http://127.0.0.1:8890/sparql --user dba
    """
    from ..store.bulk import Commit, load_corpus
    from ._progress import Progress

    files = _article_files(articles)

    def show(commit: Commit) -> None:
        if quiet:
            return
        n = len(commit.reports)
        took = f"{commit.seconds * 1000:.0f} ms" if n == 1 else f"batch of {n}, {commit.seconds * 1000:.0f} ms"
        for report in commit.reports:
            click.echo(
                f"{'replaced' if report.replaced else 'loaded'} <{report.graph}>: {report.triples} triples ({took})"
            )

    # The store is opened when the first article is built: a run where none builds creates no store.
    progress = Progress(enabled=sys.stderr.isatty() and (quiet or not sys.stdout.isatty()))
    summary = load_corpus(
        files, functools.partial(open_from_options, target), jobs=jobs, base=base, progress=progress, on_commit=show
    )
    failed = summary.corpus.failed
    if len(files) == 1 and failed:
        raise KgError(failed[0][1])
    for path, reason in failed:
        click.echo(f"kg: error: {path}: {reason}", err=True)
    for graph, path in summary.corpus.duplicates:
        click.echo(
            f"kg: warning: {path} has the title of an earlier article: not loaded, <{graph}> holds the earlier one",
            err=True,
        )
    into = f"into {summary.where}" if summary.where else "(no article built: the store was not opened)"
    click.echo(f"{summary.graphs} article(s), {summary.triples} triples {into} in {summary.seconds:.2f} s")
    if failed:
        names = [path for path, _ in failed]
        click.echo(
            f"kg: error: {len(names)} article(s) could not be built: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)


def _graph_option(func: F) -> F:
    return click.option(
        "--graph",
        "graph",
        metavar="ARTICLE",
        help="Query one article's graph (a graph IRI, an article file, its identifier or its title) instead of the whole store.",
    )(func)


@main.command("sparql")
@click.argument("query")
@_graph_option
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "nt"]),
    default=None,
    help="Output of a SELECT: table, csv (compact names) or json (SPARQL results JSON); CONSTRUCT and "
    "DESCRIBE always give N-Triples [default: from the extension of -o (.csv .json), else table].",
)
@click.option("-o", "--output", metavar="FILE", help="Write the answer to FILE (atomically) instead of stdout.")
@click.option("--full-iris", is_flag=True, help="CSV: write every IRI whole, not as a compact name.")
@store_options
@base_option
@fails_cleanly
def sparql_cmd(
    query: str,
    graph: str | None,
    fmt: str | None,
    output: str | None,
    full_iris: bool,
    target: dict[str, Any],
    base: str | None,
) -> None:
    """Run the SPARQL query QUERY (the text, a .rq file, or - for stdin) against the store.

    kg's prefixes (kg: sem: schema: prov: nif: time: dcterms: skos: rdf: rdfs: xsd:) need no
    PREFIX declaration. A syntax error is one line with its line and column.

    \b
    Example:
      kg sparql 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'
      kg sparql 'SELECT ?c WHERE { GRAPH ?g { ?c kg:category kg:Killed } }'
      kg sparql my-question.rq --graph article.txt -o answer.csv
    """
    from ..query import QueryResult
    from ..sparql import run_sparql
    from ..store import graph_iri
    from ..store.nquads import triples_nt
    from ._common import write_output
    from ._output import RESULT_EXTENSIONS, choose_format

    fmt = choose_format(fmt, output, {**RESULT_EXTENSIONS, ".nt": "nt"}, default="table")

    if query == "-":
        text = sys.stdin.read(MAX_QUERY_FILE_BYTES + 1)
        if len(text) > MAX_QUERY_FILE_BYTES:
            raise KgError(
                f"the query read from stdin is more than {MAX_QUERY_FILE_BYTES:,} characters, too long for a query"
            )
    elif "{" not in query and Path(query).is_file():
        text = read_text_file(query)
    else:
        text = query
    iri = None
    if graph:
        from ..rdf.iris import default_base

        iri = graph_iri(graph, base=base or default_base())
    with open_from_options(target, create=False) as store:
        answer = run_sparql(store, text, graph=iri)
    if answer.kind == "ask":
        out = "true\n" if answer.boolean else "false\n"
    elif answer.kind == "graph":
        out = triples_nt(answer.triples)
    else:
        result = QueryResult(answer.variables, answer.rows)
        out = {
            "table": result.to_table,
            "csv": lambda: result.to_csv(full_iris=full_iris),
            "json": result.to_json,
            "nt": result.to_table,
        }[fmt]()
    write_output(out, output)


@main.group("store")
def store_group() -> None:
    """Look after the store: stats, drop, dump."""


@store_group.command("stats")
@click.option(
    "--all", "show_all", is_flag=True, help="List every graph, not only kg article graphs under the base IRI."
)
@store_options
@base_option
@fails_cleanly
def stats_cmd(show_all: bool, target: dict[str, Any], base: str | None) -> None:
    """List the named graphs with their numbers of triples.

    \b
    Example:
      kg store stats
      kg store stats --endpoint http://127.0.0.1:8890/sparql --all
    """
    from ..rdf.iris import default_base

    prefix = None if show_all else f"{base or default_base()}graph/"
    started = time.perf_counter()
    with open_from_options(target, create=False) as store:
        sweep = getattr(store, "sweep", None)  # a server: remove what killed loads left
        removed = sweep() if sweep is not None else ()
        loading = store.named_graphs().fresh if sweep is not None else ()
        stats = store.stats(prefix=prefix)
        where = store_location(store)
    if removed:
        click.echo(f"removed {len(removed)} staging graph(s) left by interrupted loads", err=True)
    if loading:
        click.echo(f"{len(loading)} load(s) in progress (staging graphs not counted)", err=True)
    width = max([len(s.iri) for s in stats] + [5])
    click.echo(f"{'graph':<{width}}  triples")
    for s in stats:
        click.echo(f"{s.iri:<{width}}  {s.triples:>7}")
    total = sum(s.triples for s in stats)
    click.echo(f"{len(stats)} graph(s), {total} triples in {where} ({time.perf_counter() - started:.2f} s)", err=True)


@store_group.command("drop")
@click.argument("articles", nargs=-1, required=True)
@store_options
@base_option
@fails_cleanly
def drop_cmd(articles: tuple[str, ...], target: dict[str, Any], base: str | None) -> None:
    """Remove the graph of each ARTICLE (a graph IRI, an article file, its identifier or its title).

    \b
    Example:
      kg store drop article.txt
      kg store drop battle-of-somewhere
    """
    from ..rdf.iris import default_base
    from ..store import graph_iri

    iris = [graph_iri(a, base=base or default_base()) for a in articles]
    with open_from_options(target, create=False) as store:
        for iri in iris:
            click.echo(f"dropped <{iri}>: {store.drop(iri)} triples")


@store_group.command("dump")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["trig", "nq"]),
    default=None,
    help="TriG or N-Quads [default: from the extension of -o, else trig].",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@store_options
@fails_cleanly
def dump_cmd(fmt: str | None, output: str | None, target: dict[str, Any]) -> None:
    """Write every named graph of the store in TriG or N-Quads.

    \b
    Example:
      kg store dump -o everything.nq
    """
    from ._output import choose_format

    fmt = choose_format(fmt, output, {".trig": "trig", ".nq": "nq"}, default="trig")
    with open_from_options(target, create=False) as store:
        data = store.dump(fmt)
    if output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)
