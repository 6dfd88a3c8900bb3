"""The ``kg`` command: a thin shell over the library.

Each command lives in a small module of this package, calls one library function, and turns
:class:`kg.errors.KgError` into one line on stderr and a non-zero exit (see ``_common``). The
command group ``main`` is defined in :mod:`kg.cli.group`; it imports the module of a command
when the command is used, and the module adds its commands to it.
"""

from __future__ import annotations

from .group import main

__all__ = ["main"]
