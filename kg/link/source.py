"""Where an article comes from: its English Wikipedia page and DBpedia resource, derived from its
title, the licence of its text, and the identity of kg's rule set.

The page and resource IRIs are *derived* from the title, never looked up (kg is offline): the
title with spaces as underscores and a capital first letter, as Wikipedia names its pages
(``Battle of Araouane (2009)`` -> ``https://en.wikipedia.org/wiki/Battle_of_Araouane_(2009)``).
The bases and the licence are data (``data/links/source.toml``).
"""
from __future__ import annotations

import hashlib
import re
from functools import cache

from ..resources import load_toml, resource_dir

__all__ = ["title_path", "wikipedia_page", "dbpedia_resource", "text_licence", "rule_set"]

# Characters an IRI path cannot hold as they are, or that end a path (? #), or escape (%).
_ESCAPE = re.compile(r'[\x00-\x20"<>\\^`{|}?#%\x7f]')
#: The resource folders whose files decide what kg reads from an article and how it links it.
_RULE_FOLDERS = ("lexicons", "mapping", "links")


def _source() -> dict:
    return load_toml("links", "source.toml")


def title_path(title: str) -> str:
    """The path segment Wikipedia and DBpedia give a title: ``Battle_of_X_(2009)``."""
    words = "_".join(title.split())
    if words[:1].islower():
        words = words[0].upper() + words[1:]
    return _ESCAPE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), words)


def wikipedia_page(title: str) -> str:
    """The English Wikipedia page of *title* (derived, not verified)."""
    return _source()["wikipedia"] + title_path(title)


def dbpedia_resource(title: str) -> str:
    """The DBpedia resource of *title* (derived, not verified)."""
    return _source()["dbpedia"] + title_path(title)


def text_licence() -> str:
    """The licence of the articles' text (an IRI)."""
    return _source()["licence"]


@cache
def rule_set() -> str:
    """``sha256:<16 hex>`` of every lexicon, mapping and link table kg reads: the same digest means
    the same rules. Computed once per process."""
    digest = hashlib.sha256()
    for kind in _RULE_FOLDERS:
        folder = resource_dir(kind)
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".toml", ".tsv")):
            digest.update(f"{kind}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return "sha256:" + digest.hexdigest()[:16]
