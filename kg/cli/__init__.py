"""The ``kg`` command: a thin shell over the library.

Each command lives in a small module of this package, calls one library function, and turns
:class:`kg.errors.KgError` into one line on stderr and a non-zero exit (see ``_common``). The
command group ``main`` is defined in :mod:`kg.cli.group`; importing this package imports the
command modules, which add their commands to it.
"""

from __future__ import annotations

from . import build, query, report, run, serve, show, store, table, validate  # noqa: F401  (each adds its commands)
from .group import main

__all__ = ["main"]
