"""Stable IRIs: slugs of titles and names, and the IRI scheme of docs/model.md.

A slug is lower case; Latin letters lose their accents (``é`` -> ``e``); other letters and
digits (Cyrillic, Arabic, CJK ...) are kept, as IRIs allow; every other run of characters becomes
one ``-``. The same title always gives the same slug, so the same article always gives the same
IRIs.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from ..errors import KgError

__all__ = ["DEFAULT_BASE", "slugify", "check_base", "IriScheme"]

#: The default base IRI. Change it with ``--base`` or the ``KG_BASE`` environment variable.
DEFAULT_BASE = "https://w3id.org/conflict-kg/id/"

_NON_WORD = re.compile(r"[^\w]+|_+")
# Characters RFC 3987 does not allow in an IRI path, beyond what slugify already removes.
_IRI_BAD = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
# Bidirectional controls and other format characters that make an IRI misleading.
_FORMAT = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@lru_cache(maxsize=65536)
def slugify(text: str, *, fallback: str = "untitled") -> str:
    """Return the slug of *text*; *fallback* when *text* is blank.

    Text made only of symbols (emoji) gets ``x-`` and a digest of the text.

    >>> slugify("Battle of Acayuazá")
    'battle-of-acayuaza'
    >>> slugify("Битва под Белой Церковью")
    'битва-под-белой-церковью'
    """
    text = _FORMAT.sub("", text)
    folded: list[str] = []
    base_is_latin = False
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if base_is_latin:  # é -> e, but Cyrillic й stays й
                continue
        else:
            base_is_latin = ch.isascii()
        folded.append(ch)
    text = unicodedata.normalize("NFC", "".join(folded)).casefold()
    slug = _NON_WORD.sub("-", text).strip("-")
    if slug:
        return slug
    if text.strip():  # only symbols (emoji ...): a stable digest keeps distinct titles apart
        return "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return fallback


def check_base(base: str) -> str:
    """Return *base* if it can prefix kg's IRIs; raise :class:`KgError` otherwise."""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", base) or _IRI_BAD.search(base):
        raise KgError(f"base IRI {base!r} is not an absolute IRI; give one like {DEFAULT_BASE}")
    if not base.endswith(("/", "#")):
        raise KgError(f"base IRI {base!r} must end with '/' or '#', e.g. {base}/")
    return base


@dataclass(frozen=True, slots=True)
class IriScheme:
    """The IRIs of one article's graph (see docs/model.md, section IRIs)."""

    base: str
    slug: str

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    @property
    def graph(self) -> URIRef:
        return self._iri(f"graph/{self.slug}")

    @property
    def article(self) -> URIRef:
        return self._iri(f"article/{self.slug}")

    def span(self, start: int, end: int) -> URIRef:
        return self._iri(f"article/{self.slug}#char={start},{end}")

    @property
    def infobox(self) -> URIRef:
        return self._iri(f"article/{self.slug}/infobox")

    def field(self, key: str, n: int) -> URIRef:
        return self._iri(f"article/{self.slug}/field/{slugify(key, fallback='field')}-{n}")

    @property
    def battle(self) -> URIRef:
        return self._iri(f"event/{self.slug}")

    def event(self, local: str) -> URIRef:
        """An event of this article; ``local`` is ``""`` for the battle itself."""
        return self.battle if not local else self._iri(f"event/{self.slug}/{local}")

    def sub(self, node: URIRef, path: str) -> URIRef:
        """A node that belongs to *node*: ``{node}/{path}``."""
        return URIRef(f"{node}/{path}")

    def side(self, token: int | str) -> URIRef:
        """A side by its token: ``2``, or ``2a`` for a sub-column."""
        return self._iri(f"event/{self.slug}/side/{token}")

    def external_event(self, name: str) -> URIRef:
        return self._iri(f"event/{slugify(name)}")

    def country(self, name: str) -> URIRef:
        return self._iri(f"country/{slugify(name)}")

    def actor(self, name: str) -> URIRef:
        return self._iri(f"actor/{slugify(name)}")

    def person(self, name: str) -> URIRef:
        return self._iri(f"person/{slugify(name)}")

    def place(self, name: str) -> URIRef:
        return self._iri(f"place/{slugify(name)}")

    def local(self, path: str) -> URIRef:
        """A node of this article that has no other home (authorities like survivors)."""
        return self._iri(f"article/{self.slug}/{path}")
