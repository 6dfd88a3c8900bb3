"""``kg queries`` and ``kg query``: list the stored SPARQL queries, and answer one."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QueryError
from ..query import OxigraphTarget, StoredQuery, Target, bind_params, get_query, parse_query, run_query, stored_queries
from ._common import base_option, fails_cleanly, read_text_file, write_output
from ._output import RESULT_EXTENSIONS, choose_format
from .group import main
from .store_options import open_from_options, store_options

__all__ = ["RESULT_EXTENSIONS", "queries_command", "query_command", "resolve_target", "resolve_query", "parse_params"]

#: Graph file suffixes and their rdflib parser names.
GRAPH_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``("side=1", "category=Killed")`` -> ``{"side": "1", "category": "Killed"}``."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param expects NAME=VALUE, got {pair!r}")
        if name.strip() in params:
            raise QueryError(f"--param {name.strip()} is given twice")
        params[name.strip()] = value
    return params


def resolve_query(name: str) -> StoredQuery:
    """A stored query by name, or a ``.rq`` file given by path (its header declares its parameters)."""
    if name.endswith(".rq") and Path(name).is_file():
        return parse_query(read_text_file(name), name=Path(name).stem, path=Path(name), strict=False)
    return get_query(name)


def resolve_target(source: str | None, *, base: str | None) -> Target:
    """The data a query runs over: an article (built here) or a graph file, in an in-memory store."""
    if source is None:
        raise QueryError(
            "give an article (.txt) or a graph file (.ttl .nt .nq .trig .jsonld) to query, or query the store"
        )
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        from ..pipeline import build

        return OxigraphTarget.from_mapped(build(path, base=base).graph)
    if suffix in GRAPH_FORMATS:
        from ..export import read_graph  # here: the other commands of this module do without it

        return OxigraphTarget.from_graph(read_graph(path))
    raise QueryError(f"cannot query {source!r}: expected an article .txt or a graph file (.ttl .nt .nq .trig .jsonld)")


@main.command("queries")
@click.argument("name", required=False)
@fails_cleanly
def queries_command(name: str | None) -> None:
    """List the stored queries, or show one query's question and parameters.

    \b
    Example:
      kg queries
      kg queries envelope
    """
    if name is None:
        queries = stored_queries()
        width = max(len(n) for n in queries)
        click.echo("\n".join(f"{n.ljust(width)}  {q.summary}" for n, q in queries.items()))
        return
    q = get_query(name)
    lines = [f"{q.name}: {q.summary}", f"question: {q.question}"]
    if q.params:
        for p in q.params:
            default = "" if p.default is None else f" (default {p.default})"
            lines.append(f"--param {p.name}=<{p.datatype}>  {p.description}{default}")
    else:
        lines.append("parameters: none")
    if q.path is not None:
        lines.append(f"file: {q.path}")
    click.echo("\n".join(lines))


@main.command("query")
@click.argument("name")
@click.argument("source", required=False, metavar="[ARTICLE_OR_GRAPH]")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default=None,
    help="table: aligned text; csv: RFC 4180 with compact names (kg:Killed); json: SPARQL 1.1 results JSON "
    "[default: from the extension of -o (.csv .json), else table].",
)
@click.option("--output", "-o", default=None, metavar="FILE", help="Write the answer to FILE (default: stdout).")
@click.option(
    "--full-iris",
    is_flag=True,
    help="CSV: write every IRI whole (https://w3id.org/conflict-kg/vocab#Killed), not as a compact name.",
)
@click.option(
    "--graph",
    "graph",
    metavar="ARTICLE",
    help="With a store: only this article's graph (file, identifier, title or graph IRI).",
)
@store_options
@base_option
@fails_cleanly
def query_command(
    name: str,
    source: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    full_iris: bool,
    graph: str | None,
    target: dict,
    base: str | None,
) -> None:
    """Answer the stored query NAME over an article, a graph file, or the store.

    NAME is a stored query (see `kg queries`) or a .rq file. ARTICLE_OR_GRAPH is an article
    .txt (built on the fly) or a graph file: .ttl .nt .nq .trig .jsonld. Without it, the query
    runs on the store (the embedded one, or --endpoint), over every article or --graph's.

    \b
    Example:
      kg query casualties article.txt
      kg query envelope battle.trig --param side=1 --param category=Killed --format csv
      kg query timeline --graph article.txt
      kg query casualties --endpoint http://127.0.0.1:7878
    """
    fmt = choose_format(fmt, output, RESULT_EXTENSIONS, default="table")
    query = resolve_query(name)
    values = parse_params(params)
    bind_params(query, values)  # bad parameters fail before any article is read
    if source is not None:
        result = run_query(query, resolve_target(source, base=base), params=values)
    else:
        from ..rdf.iris import default_base
        from ..store import graph_iri, scoped

        with open_from_options(target, create=False) as store:
            scope = graph_iri(graph, base=base or default_base()) if graph else None
            result = run_query(query, scoped(store, scope), params=values)
    text = {"table": result.to_table, "csv": lambda: result.to_csv(full_iris=full_iris), "json": result.to_json}[fmt]()
    write_output(text, output, inputs=tuple(p for p in (name, source) if p))
