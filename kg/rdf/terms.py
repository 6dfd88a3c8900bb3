"""Controlled ids -> kg vocabulary terms, as ``data/mapping/terms.toml`` says."""

from __future__ import annotations

from functools import cache

from rdflib import URIRef

from ..errors import ResourceError
from ..resources import load_toml
from .namespaces import KG

__all__ = ["term", "camel"]


def camel(identifier: str) -> str:
    """``"killed_or_wounded"`` -> ``"KilledOrWounded"``."""
    return "".join(part[:1].upper() + part[1:] for part in identifier.replace("-", "_").split("_"))


def _lookup(name: str) -> URIRef | None:
    try:
        return KG[name]
    except AttributeError:
        return None


@cache
def term(section: str, identifier: str) -> URIRef | None:
    """The kg term for *identifier* in *section* (``category``, ``outcome`` ...).

    Returns None only when the section's default is empty (e.g. an unknown status is dropped).
    """
    table = load_toml("mapping", "terms.toml")
    if section not in table:
        raise ResourceError(f"data/mapping/terms.toml has no section [{section}]")
    entries = table[section]
    name = entries.get(identifier)
    found = _lookup(name) if name else _lookup(camel(identifier))
    if found is not None:
        return found
    default = entries.get("_default", "")
    if not default:
        return None
    found = _lookup(default)
    if found is None:
        raise ResourceError(f"data/mapping/terms.toml [{section}] _default {default!r} is not a kg term")
    return found
