"""``kg validate``: check articles or graph files against kg's SHACL shapes."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import KgError
from . import main
from ._common import EXIT_ERROR, EXIT_FINDINGS, base_option, fails_cleanly

__all__ = ["BadInput", "validate_cmd"]

#: Graph files kg validates, by extension (the format comes from kg.export.EXTENSIONS).
GRAPH_SUFFIXES = (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".json")


class BadInput(KgError):
    """An input of ``kg validate`` cannot be read: exit status 2, as every error of kg."""

    exit_code = EXIT_ERROR


def _load(path: str, *, base: str | None):
    """The Dataset of *path*: an article built by the pipeline, or a parsed graph file."""
    from .build import load_graph_or_article

    p = Path(path)
    if not p.exists():
        raise BadInput(f"no such file: {path}; give an article (.txt) or a graph file ({', '.join(GRAPH_SUFFIXES)})")
    if p.is_dir():
        raise BadInput(f"{path} is a directory; give an article (.txt) or a graph file")
    if p.suffix.lower() not in (".txt", *GRAPH_SUFFIXES):
        raise BadInput(f"cannot tell what {path} is from its extension; give an article (.txt) or a graph file ({', '.join(GRAPH_SUFFIXES)})")
    try:
        return load_graph_or_article(path, base=base)
    except KgError as exc:
        raise BadInput(str(exc)) from None


@main.command("validate")
@click.argument("inputs", nargs=-1, required=True, metavar="ARTICLE_OR_GRAPH...", type=click.Path(path_type=str, readable=False))
@click.option("--no-warnings", is_flag=True, help="Check the violation shapes only.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format."
)
@click.option(
    "--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
    help="SHACL engine: kg's compiled shapes, or pySHACL (the reference; same findings, slower).",
)
@base_option
@fails_cleanly
def validate_cmd(inputs: tuple[str, ...], no_warnings: bool, fmt: str, engine: str, base: str | None) -> None:
    """Validate articles (.txt, built first) or graph files (.ttl .nt .nq .trig .jsonld) against
    kg's SHACL shapes, and print what they break.

    Exit status: 0 when no input violates a shape (warnings allowed), 1 when one does, 2 when an
    input cannot be read. With several inputs each gets its own report under a "== FILE ==" line.

    \b
    Example:
      kg validate article.txt
      kg build article.txt -o battle.ttl && kg validate battle.ttl
      kg validate --no-warnings --format json battle.ttl
    """
    from ..validate import format_report, validate

    datasets = [(path, _load(path, base=base)) for path in inputs]
    reports = [(path, validate(ds, warnings=not no_warnings, engine=engine)) for path, ds in datasets]
    if fmt == "json":
        payload = {
            "conforms": all(r.conforms for _, r in reports),
            "reports": [{"input": path, **r.as_dict()} for path, r in reports],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for n, (path, report) in enumerate(reports):
            if len(reports) > 1:
                click.echo(("\n" if n else "") + f"== {path} ==")
            click.echo(format_report(report), nl=False)
    if not all(r.conforms for _, r in reports):
        raise SystemExit(EXIT_FINDINGS)
