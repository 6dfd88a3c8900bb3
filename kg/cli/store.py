"""``kg load``, ``kg sparql``, ``kg store stats|drop|dump`` and ``kg serve``.

Every command works on the embedded store (``--store DIR``, env ``KG_STORE``, default in the
platform data folder) or, with ``--endpoint URL`` (env ``KG_ENDPOINT``), on a SPARQL server.
"""
from __future__ import annotations

import functools
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import KgError, StoreError
from . import main
from ._common import EXIT_FINDINGS, MAX_QUERY_FILE_BYTES, atomic_write, base_option, fails_cleanly, read_text_file

__all__ = ["open_from_options", "store_group", "store_options"]

F = TypeVar("F", bound=Callable[..., Any])

_STORE_KEYS = ("store", "endpoint", "preset", "user", "password", "auth", "timeout", "retries", "wait")


def store_options(func: F) -> F:
    """Add the options that choose a store (embedded or remote) and how to reach it.

    The wrapped command receives them as one keyword argument ``target`` (a dict) to give to
    :func:`open_from_options`.
    """
    options = [
        click.option("--store", "store", metavar="DIR", envvar="KG_STORE", help="Embedded store folder (env KG_STORE; default ~/.local/share/kg/store)."),
        click.option("--endpoint", metavar="URL", envvar="KG_ENDPOINT", help="Use a SPARQL server instead (env KG_ENDPOINT), e.g. http://127.0.0.1:7878."),
        click.option("--preset", type=click.Choice(["auto", "oxigraph", "virtuoso", "fuseki", "generic"]), default="auto", envvar="KG_PRESET", show_default=True, help="Kind of server behind --endpoint (env KG_PRESET)."),
        click.option("--user", metavar="USER", envvar="KG_USER", help="User for the server (env KG_USER)."),
        click.option("--password", metavar="PASSWORD", envvar="KG_PASSWORD", help="Password (env KG_PASSWORD, safer than the option)."),
        click.option("--auth", type=click.Choice(["auto", "basic", "digest"]), default="auto", show_default=True, help="HTTP authentication scheme."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, envvar="KG_TIMEOUT", show_default=True, help="Seconds to wait for each server answer."),
        click.option("--retries", type=click.IntRange(min=0, max=10), default=2, show_default=True, help="Retries when the server cannot be reached."),
        click.option("--wait", type=click.FloatRange(min=0), default=10.0, show_default=True, help="Seconds to wait for an embedded store another process holds."),
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["target"] = {key: kwargs.pop(key) for key in _STORE_KEYS}
        return func(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def open_from_options(target: dict[str, Any], *, create: bool = True) -> Any:
    """Open the store the options of :func:`store_options` name."""
    from ..store import open_store

    if target.get("endpoint") and target.get("store"):
        raise StoreError("give either --store or --endpoint, not both (check KG_STORE and KG_ENDPOINT)")
    retries, wait = target.get("retries"), target.get("wait")
    return open_store(
        target.get("store"),
        endpoint=target.get("endpoint"),
        preset=target.get("preset") or "auto",
        user=target.get("user"),
        password=target.get("password"),
        auth=target.get("auth") or "auto",
        timeout=target.get("timeout") or 30.0,
        retries=2 if retries is None else int(retries),
        wait=10.0 if wait is None else float(wait),
        create=create,
    )


def _where(store: Any) -> str:
    return str(getattr(store, "path", None) or getattr(store, "base", ""))


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
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Worker processes that build the articles [default: CPU count].")
@store_options
@base_option
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@fails_cleanly
def load_cmd(articles: tuple[str, ...], jobs: int | None, target: dict[str, Any], base: str | None, quiet: bool) -> None:
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
            click.echo(f"{'replaced' if report.replaced else 'loaded'} <{report.graph}>: {report.triples} triples ({took})")

    # The store is opened when the first article is built: a run where none builds creates no store.
    progress = Progress(enabled=sys.stderr.isatty() and (quiet or not sys.stdout.isatty()))
    summary = load_corpus(files, functools.partial(open_from_options, target), jobs=jobs, base=base, progress=progress, on_commit=show)
    failed = summary.corpus.failed
    if len(files) == 1 and failed:
        raise KgError(failed[0][1])
    for path, reason in failed:
        click.echo(f"kg: error: {path}: {reason}", err=True)
    for graph, path in summary.corpus.duplicates:
        click.echo(f"kg: warning: {path} has the title of an earlier article: not loaded, <{graph}> holds the earlier one", err=True)
    into = f"into {summary.where}" if summary.where else "(no article built: the store was not opened)"
    click.echo(f"{summary.graphs} article(s), {summary.triples} triples {into} in {summary.seconds:.2f} s")
    if failed:
        names = [path for path, _ in failed]
        click.echo(f"kg: error: {len(names)} article(s) could not be built: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}", err=True)
        sys.exit(EXIT_FINDINGS)


def _graph_option(func: F) -> F:
    return click.option("--graph", "graph", metavar="ARTICLE", help="Query one article's graph (a graph IRI, an article file, its identifier or its title) instead of the whole store.")(func)


@main.command("sparql")
@click.argument("query")
@_graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "nt"]), default=None,
              help="Output of a SELECT: table, csv (compact names) or json (SPARQL results JSON); CONSTRUCT and "
              "DESCRIBE always give N-Triples [default: from the extension of -o (.csv .json), else table].")
@click.option("-o", "--output", metavar="FILE", help="Write the answer to FILE (atomically) instead of stdout.")
@click.option("--full-iris", is_flag=True, help="CSV: write every IRI whole, not as a compact name.")
@store_options
@base_option
@fails_cleanly
def sparql_cmd(query: str, graph: str | None, fmt: str | None, output: str | None, full_iris: bool,
               target: dict[str, Any], base: str | None) -> None:
    """Run the SPARQL query QUERY (the text, a .rq file, or - for stdin) against the store.

    kg's prefixes (kg: sem: schema: prov: nif: time: dcterms: skos: rdf: rdfs: xsd:) need no
    PREFIX declaration. A syntax error is one line with its line and column.

    \b
    Example:
      kg sparql 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'
      kg sparql 'SELECT ?c WHERE { GRAPH ?g { ?c kg:category kg:Killed } }'
      kg sparql my-question.rq --graph article.txt -o answer.csv
    """
    from ..pipeline import default_base
    from ..query import QueryResult
    from ..sparql import run_sparql
    from ..store import graph_iri
    from ..store.nquads import triples_nt
    from ._common import write_output
    from ._output import choose_format
    from .query import RESULT_EXTENSIONS

    fmt = choose_format(fmt, output, {**RESULT_EXTENSIONS, ".nt": "nt"}, default="table")

    if query == "-":
        text = sys.stdin.read(MAX_QUERY_FILE_BYTES + 1)
        if len(text) > MAX_QUERY_FILE_BYTES:
            raise KgError(f"the query read from stdin is more than {MAX_QUERY_FILE_BYTES:,} characters, too long for a query")
    elif "{" not in query and Path(query).is_file():
        text = read_text_file(query)
    else:
        text = query
    iri = graph_iri(graph, base=base or default_base()) if graph else None
    with open_from_options(target, create=False) as store:
        answer = run_sparql(store, text, graph=iri)
    if answer.kind == "ask":
        out = "true\n" if answer.boolean else "false\n"
    elif answer.kind == "graph":
        out = triples_nt(answer.triples)
    else:
        result = QueryResult(answer.variables, answer.rows)
        out = {"table": result.to_table, "csv": lambda: result.to_csv(full_iris=full_iris), "json": result.to_json,
               "nt": result.to_table}[fmt]()
    write_output(out, output)


@main.group("store")
def store_group() -> None:
    """Look after the store: stats, drop, dump."""


@store_group.command("stats")
@click.option("--all", "show_all", is_flag=True, help="List every graph, not only kg article graphs under the base IRI.")
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
    from ..pipeline import default_base

    prefix = None if show_all else f"{base or default_base()}graph/"
    started = time.perf_counter()
    with open_from_options(target, create=False) as store:
        sweep = getattr(store, "sweep", None)  # a server: remove what killed loads left
        removed = sweep() if sweep is not None else ()
        loading = store.named_graphs().fresh if sweep is not None else ()
        stats = store.stats(prefix=prefix)
        where = _where(store)
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
    from ..pipeline import default_base
    from ..store import graph_iri

    iris = [graph_iri(a, base=base or default_base()) for a in articles]
    with open_from_options(target, create=False) as store:
        for iri in iris:
            click.echo(f"dropped <{iri}>: {store.drop(iri)} triples")


@store_group.command("dump")
@click.option("-f", "--format", "fmt", type=click.Choice(["trig", "nq"]), default=None,
              help="TriG or N-Quads [default: from the extension of -o, else trig].")
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


def _free_port(host: str, port: int = 0) -> int:
    """*port* (any free one when 0) once it is checked free on *host*; :class:`StoreError` if in use."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        if sys.platform != "win32":  # as servers do: a port left in TIME_WAIT is free, a listener is not
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise StoreError(f"cannot serve on {host}:{port}: {exc.strerror or exc}; choose another --port (0: any free one)") from None
        return int(sock.getsockname()[1])


def _wait_ready(process: subprocess.Popen[bytes], log: Any, url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            err = log.read().decode("utf-8", "replace").strip()
            if "lock" in err.lower():
                raise StoreError("the store is in use by another process (kg load or another server); stop it first")
            raise StoreError(f"the oxigraph server stopped at once: {err.splitlines()[-1] if err else 'no message'}")
        try:
            with urllib.request.urlopen(url + "query?query=ASK%7B%7D", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise StoreError(f"the oxigraph server did not answer at {url} within 30 s")


@main.command("serve")
@click.option("--store", "store", metavar="DIR", envvar="KG_STORE", help="Embedded store folder (env KG_STORE).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep 127.0.0.1 unless you mean to share it).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="Port (0: any free port).")
@click.option("--read-only", is_flag=True, help="Serve without the update endpoints.")
@fails_cleanly
def serve_cmd(store: str | None, host: str, port: int, read_only: bool) -> None:
    """Serve the store as a SPARQL endpoint with a query page (the Oxigraph server), until Ctrl-C.

    While it runs the server holds the store: load through it with --endpoint.

    \b
    Example:
      kg serve --port 7878
      kg load article.txt --endpoint http://127.0.0.1:7878
    """
    from ..store.embedded import serve_command

    port = _free_port(host, port)  # a port in use fails here, not after "serving" is printed
    command = serve_command(store, host=host, port=port, read_only=read_only)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in the finally below) the server's messages, read only if it fails to start
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
    # A terminated `kg serve` stops its server too (SIGTERM would otherwise skip the finally).
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        _wait_ready(process, log, url, time.monotonic() + 30)
        click.echo(f"serving {command[command.index('--location') + 1]} at {url}  (query page; SPARQL at {url}query"
                   f"{'' if read_only else f', updates at {url}update, graph store at {url}store'}); Ctrl-C to stop")
        if process.wait() != 0:
            log.seek(0)
            lines = log.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"the oxigraph server stopped with status {process.returncode}: {lines[-1] if lines else 'no message'}")
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        signal.signal(signal.SIGTERM, previous)
