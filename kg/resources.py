"""Find the files kg ships: SHACL shapes, stored queries, lexicons, the infobox mapping.

In a source checkout (and an editable install) they sit at the top of the repository
(``shapes/``, ``queries/``, ``data/lexicons/`` ...). A wheel ships them inside the package
(``kg/_shapes/`` ...), see ``pyproject.toml``. The environment variable ``KG_RESOURCES``
points at another repository-style folder to override both.
"""
from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ResourceError

__all__ = ["resource_dir", "resource_path", "load_toml", "lexicon"]

# resource name -> (folder inside an installed package, folder in a source checkout)
_LAYOUT = {
    "shapes": ("_shapes", "shapes"),
    "queries": ("_queries", "queries"),
    "lexicons": ("_lexicons", "data/lexicons"),
    "mapping": ("_mapping", "data/mapping"),
    "context": ("_context", "data/context"),
    "vocab": ("_vocab", "data/vocab"),
    "links": ("_links", "data/links"),
    "geo": ("_geo", "data/geo"),
}

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder holding the resource kind *name* (``shapes``, ``queries`` ...)."""
    try:
        installed, source = _LAYOUT[name]
    except KeyError:
        raise ResourceError(f"unknown resource kind {name!r}; expected one of {sorted(_LAYOUT)}") from None
    override = os.environ.get("KG_RESOURCES")
    candidates = [Path(override) / source] if override else []
    candidates += [_PACKAGE / installed, _PACKAGE.parent / source]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise ResourceError(
        f"cannot find the {name} folder (looked in {', '.join(str(c) for c in candidates)}); "
        "reinstall kg or set KG_RESOURCES to the repository folder"
    )


def resource_path(name: str, filename: str) -> Path:
    """Return the path of *filename* in the resource folder *name*; it must exist."""
    path = resource_dir(name) / filename
    if not path.is_file():
        raise ResourceError(f"missing resource file {path}; reinstall kg or set KG_RESOURCES")
    return path


@cache
def load_toml(name: str, filename: str) -> dict[str, Any]:
    """Load and cache a TOML resource file."""
    path = resource_path(name, filename)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"malformed TOML in {path}: {exc}") from None


def lexicon(filename: str) -> dict[str, Any]:
    """Load a lexicon from ``data/lexicons/`` (cached)."""
    return load_toml("lexicons", filename)
