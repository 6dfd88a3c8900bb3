"""Where an article comes from: its English Wikipedia page and DBpedia resource, derived from its
title, the licence of its text, and the identity of kg's rule set.

The page and resource IRIs are *derived* from the title, never looked up (kg is offline): the
title with spaces as underscores and a capital first letter, as Wikipedia names its pages
(``Battle of Tolan (1990)`` -> ``https://en.wikipedia.org/wiki/Battle_of_Tolan_(1990)``).
The bases and the licence are data (``data/links/source.toml``).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from ..resources import load_toml, resource_dir

__all__ = ["title_path", "wikipedia_page", "dbpedia_resource", "text_licence", "rule_set"]

# What an IRI path segment holds as it is (RFC 3987 ipchar, and "/"): anything else, and "%", is
# percent-encoded as UTF-8.
_ASCII_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
# Bidirectional controls and other format characters: Wikipedia drops them from titles.
_FORMAT = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: The resource folders whose files decide what kg reads from an article and how it links it.
_RULE_FOLDERS = ("lexicons", "mapping", "links")


def _source() -> dict:
    return load_toml("links", "source.toml")


def title_path(title: str) -> str:
    """The path segment Wikipedia and DBpedia give a title: ``Battle_of_X_(2009)``."""
    words = "_".join(_FORMAT.sub("", title).split())
    if words[:1].islower():
        words = words[0].upper() + words[1:]
    return "".join(ch if _kept(ch) else _escape(ch) for ch in words)


def _kept(ch: str) -> bool:
    if ch.isascii():
        return ch in _ASCII_KEPT
    cp = ord(ch)  # RFC 3987 ucschar
    if cp <= 0xFFFF:
        return 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF
    return (cp & 0xFFFF) < 0xFFFE and not 0xE0000 <= cp < 0xE1000


def _escape(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


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
