"""What every command shares: error handling, exit statuses, safe output, options.

Every command exits with one of these statuses (docs/robustness.md has the table):

- 0 (:data:`EXIT_OK`): done;
- 1 (:data:`EXIT_FINDINGS`): done, and what was checked has problems: a graph violates a shape
  (``validate``, ``run``, ``build --validate``), or some of several articles failed (``build``,
  ``load``) while the others were written;
- 2 (:data:`EXIT_ERROR`): not done: an input that cannot be read or is not an article, a bad
  option or parameter (click's usage errors too), an output path refused, a store or server error;
- 130 (:data:`EXIT_INTERRUPTED`): stopped by Ctrl-C (SIGINT);
- 141 (:data:`EXIT_PIPE`): the reader of the output went away (as a program killed by SIGPIPE).
"""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import KgError
from ..outfiles import atomic_write

__all__ = [
    "EXIT_OK", "EXIT_FINDINGS", "EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_PIPE",
    "fails_cleanly", "warn_replaced_controls", "write_output", "atomic_write", "base_option", "read_text_file", "MAX_QUERY_FILE_BYTES",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_PIPE = 141

#: The largest SPARQL query file kg reads (a query is a few kilobytes).
MAX_QUERY_FILE_BYTES = 10_000_000

F = TypeVar("F", bound=Callable[..., Any])


def fails_cleanly(func: F) -> F:
    """Turn a :class:`KgError` (or an OS error) into one ``kg: error: <message>`` line on stderr
    and the exit status of the module docstring."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(getattr(exc, "exit_code", EXIT_ERROR))
        except BrokenPipeError:
            # the reader went away (``kg build ... | head``): stop quietly, as a program killed by
            # SIGPIPE does; point stdout at /dev/null so that flushing at exit does not fail again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            sys.exit(EXIT_PIPE)
        except OSError as exc:
            click.echo(f"kg: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
            sys.exit(EXIT_ERROR)
        except UnicodeError as exc:  # text read from stdin or a file that is not UTF-8
            click.echo(f"kg: error: the input is not UTF-8 text ({exc.reason}); convert it to UTF-8", err=True)
            sys.exit(EXIT_ERROR)
        except RecursionError:
            click.echo("kg: error: the input is nested too deeply to process", err=True)
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]


def warn_replaced_controls(built: Any, source: str) -> None:
    """Say on stderr when the article held control characters, read as their visible symbols."""
    count = getattr(getattr(built, "article", None), "controls", 0)
    if count:
        click.echo(f"kg: warning: {source}: {count} control character(s) read as their visible symbols "
                   f"(U+0001 as \u2401, ...; see docs/robustness.md)", err=True)


def read_text_file(path: str | Path) -> str:
    """The text of the UTF-8 file *path*; :class:`KgError` naming the file when it is not text."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_QUERY_FILE_BYTES + 1)
    if len(data) > MAX_QUERY_FILE_BYTES:
        raise KgError(f"{path} is more than {MAX_QUERY_FILE_BYTES:,} bytes, too long for a query")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KgError(f"{path} is not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8") from None


def write_output(data: str, output: str | None, *, inputs: tuple[str, ...] = ()) -> None:
    """Write *data* to stdout when *output* is None or ``-``, else to the file *output* as
    :mod:`kg.outfiles` does (atomically; never over a directory or one of *inputs*)."""
    if output in (None, "-"):
        click.echo(data, nl=not data.endswith("\n"))
    else:
        atomic_write(output, data, inputs=inputs)


base_option = click.option(
    "--base",
    metavar="IRI",
    envvar="KG_BASE",
    default=None,
    help="Base IRI of the graph's IRIs (env KG_BASE; default https://w3id.org/conflict-kg/id/).",
)
