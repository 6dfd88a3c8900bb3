"""What every command shares: error handling, atomic output, options."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import KgError
from ..export import atomic_write

__all__ = ["fails_cleanly", "write_output", "atomic_write", "base_option", "read_text_file"]

F = TypeVar("F", bound=Callable[..., Any])


def fails_cleanly(func: F) -> F:
    """Turn a :class:`KgError` (or an OS error) into ``kg: <message>`` on stderr and exit 1/2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(getattr(exc, "exit_code", 1))
        except BrokenPipeError:
            # the reader went away (``kg build ... | head``): stop quietly, as a program killed by
            # SIGPIPE does; point stdout at /dev/null so that flushing at exit does not fail again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
            sys.exit(141)
        except OSError as exc:
            click.echo(f"kg: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
            sys.exit(1)
        except UnicodeError as exc:  # text read from stdin or a file that is not UTF-8
            click.echo(f"kg: error: the input is not UTF-8 text ({exc.reason}); convert it to UTF-8", err=True)
            sys.exit(1)
        except RecursionError:
            click.echo("kg: error: the input is nested too deeply to process", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def read_text_file(path: str | Path) -> str:
    """The text of the UTF-8 file *path*; :class:`KgError` naming the file when it is not text."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KgError(f"{path} is not UTF-8 text (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); convert it to UTF-8") from None


def write_output(data: str, output: str | None) -> None:
    """Write *data* to the file *output* atomically, or to stdout when it is None or ``-``."""
    if output in (None, "-"):
        click.echo(data, nl=not data.endswith("\n"))
    else:
        atomic_write(output, data)


base_option = click.option(
    "--base",
    metavar="IRI",
    envvar="KG_BASE",
    default=None,
    help="Base IRI of the graph's IRIs (env KG_BASE; default https://w3id.org/conflict-kg/id/).",
)
