"""The output format of a command: ``-f`` when given, else the extension of ``-o``, else a default.

``kg build x.txt -o x.nq`` writes N-Quads, ``kg query casualties x.txt -o c.csv`` writes CSV: the
format follows the file name unless ``-f`` says otherwise, and a ``-f`` that contradicts a known
extension (``-f turtle -o x.nq``) is an error rather than a file named for one format holding
another.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePath

from ..errors import KgError

__all__ = ["OutputFormatError", "choose_format"]


class OutputFormatError(KgError):
    """``-f`` and the extension of ``-o`` name different formats."""


def choose_format(
    fmt: str | None,
    output: str | None,
    extensions: Mapping[str, str],
    *,
    default: str,
    canonical: Callable[[str], str] = str.lower,
) -> str:
    """The format to write: *fmt*, else the one *output*'s extension stands for, else *default*.

    *extensions* maps a lower-case suffix (``.nq``) to a format name; *canonical* turns a format
    name or alias into its canonical name (so ``-f ttl -o x.ttl`` agree).

    :raises OutputFormatError: when *fmt* and the extension of *output* name different formats.
    """
    implied = None
    if output not in (None, "-"):
        suffix = PurePath(str(output)).suffix.lower()
        implied = extensions.get(suffix)
    if fmt is None:
        return implied or default
    chosen = canonical(fmt)
    if implied is not None and canonical(implied) != chosen:
        suffix = PurePath(str(output)).suffix
        raise OutputFormatError(
            f"-f {fmt} contradicts the extension of {output} ({suffix} is {implied}); "
            f"drop -f to write {implied}, or name the file for {chosen}"
        )
    return chosen
