"""Stable IRIs: identifiers of titles and names, slugs, and the IRI scheme of docs/model.md.

An article's **identifier** (the path segment of its graph, document and event IRIs) is injective:
two different titles never share one, and the same title always gives the same one.

* A *plain* title (NFC letters and digits, single spaces, and ``( ) , . ' -``; no ``_``; at most
  :data:`MAX_PLAIN_BYTES` UTF-8 bytes) is written as Wikipedia and DBpedia name its page: spaces
  become ``_`` (``Battle of Tolan (1990)`` -> ``Battle_of_Tolan_(1990)``). No plain title
  holds ``_``, so the title can be read back.
* Any other title is a slug (cut to :data:`MAX_SLUG_BYTES`), ``~`` (which no plain title holds)
  and the first 12 hex digits of the SHA-256 of the exact title (``Battle of X!`` ->
  ``battle-of-x~1c5ae4d0b3a2``): NFC and NFD spellings, ``!`` and ``?``, two emoji titles differ.

A **slug** is lower case; Latin letters lose their accents (``é`` -> ``e``); other letters and
digits (Cyrillic, Arabic, CJK ...) are kept, as IRIs allow; every other run of characters becomes
one ``-``. Slugs name states, places and the names shared across articles (``name/{slug}``).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from ..errors import KgError

__all__ = [
    "DEFAULT_BASE",
    "default_base",
    "MAX_PLAIN_BYTES",
    "MAX_SLUG_BYTES",
    "slugify",
    "identifier",
    "is_identifier",
    "check_base",
    "IriScheme",
]

#: The default base IRI. Change it with ``--base`` or the ``KG_BASE`` environment variable.
DEFAULT_BASE = "https://w3id.org/conflict-kg/id/"


def default_base() -> str:
    """The base IRI: ``KG_BASE`` from the environment, else :data:`DEFAULT_BASE`."""
    return os.environ.get("KG_BASE") or DEFAULT_BASE


_NON_WORD = re.compile(r"[^\w]+|_+")
# Characters RFC 3987 does not allow in an IRI path, beyond what slugify already removes.
_IRI_BAD = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
# Bidirectional controls and other format characters that make an IRI misleading.
_FORMAT = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _words(text: str) -> tuple[str, str]:
    """(the slug of *text*, possibly empty; *text* folded and lower-cased)."""
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
    return _NON_WORD.sub("-", text).strip("-"), text


@lru_cache(maxsize=65536)
def slugify(text: str, *, fallback: str = "untitled") -> str:
    """Return the slug of *text*; *fallback* when *text* is blank.

    Text made only of symbols (emoji) gets ``x-`` and a digest of the text.

    >>> slugify("Battle of Tolán")
    'battle-of-tolan'
    >>> slugify("Битва под Белой Церковью")
    'битва-под-белой-церковью'
    """
    slug, text = _words(text)
    if slug:
        return slug
    if text.strip():  # only symbols (emoji ...): a stable digest keeps distinct titles apart
        return "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return fallback


#: The longest plain title written as itself (UTF-8 bytes): identifiers stay usable as file names.
MAX_PLAIN_BYTES = 120
#: The longest slug kept before the hash in the identifier of any other title (UTF-8 bytes).
MAX_SLUG_BYTES = 64
_PLAIN_MARKS = frozenset(" (),.'-")
_HASH_MARK = "~"
_HASHED = re.compile(r"^[^\s~/#?%]*~[0-9a-f]{12}$")


def _plain(title: str) -> bool:
    """True for a title written as itself (with ``_`` for spaces) in its identifier."""
    if not title or title != title.strip() or "  " in title or len(title.encode("utf-8")) > MAX_PLAIN_BYTES:
        return False
    if unicodedata.normalize("NFC", title) != title:
        return False
    word = False
    for ch in title:
        if ch in _PLAIN_MARKS:
            continue
        category = unicodedata.category(ch)
        if category[0] != "L" and category != "Nd":
            return False
        word = True
    return word  # "." or ".." alone would be a dot segment


def _cut(slug: str, limit: int) -> str:
    data = slug.encode("utf-8")
    if len(data) <= limit:
        return slug
    return data[:limit].decode("utf-8", "ignore").rstrip("-")


@lru_cache(maxsize=65536)
def identifier(title: str) -> str:
    """The identifier of *title* (see the module docstring): injective, stable, bounded.

    >>> identifier("Battle of Tolan (1990)")
    'Battle_of_Tolan_(1990)'
    >>> identifier("Battle of X!")
    'battle-of-x~285ed13cb8dc'
    """
    if _plain(title):
        return title.replace(" ", "_")
    digest = hashlib.sha256(title.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    slug = _cut(_words(title)[0], MAX_SLUG_BYTES) or "untitled"
    return f"{slug}{_HASH_MARK}{digest}"


def is_identifier(text: str) -> bool:
    """True when *text* is the identifier of some title (``Battle_of_X``, ``battle-of-x~<hash>``)."""
    if _HASHED.match(text):
        return True
    return "_" in text and " " not in text and _plain(text.replace("_", " ")) or (_plain(text) and " " not in text)


def check_base(base: str) -> str:
    """Return *base* if it can prefix kg's IRIs; raise :class:`KgError` otherwise.

    A base is an absolute IRI (a scheme, then a hierarchical part) with no space, control,
    bidirectional control or character IRIs forbid, no query and no fragment, ending with ``/``:
    kg appends paths to it, and ``#char=`` to its document IRIs for text spans, so a base ending
    with ``#`` (or holding one) would give IRIs with two fragments. Sample IRIs made with it are
    parsed as a check.
    """
    if (
        not isinstance(base, str)
        or not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^:]", base)
        or _IRI_BAD.search(base)
        or _FORMAT.search(base)
    ):
        raise KgError(f"base IRI {base!r} is not an absolute IRI; give one like {DEFAULT_BASE}")
    if "#" in base:
        raise KgError(
            f"base IRI {base!r} holds a fragment ('#'): kg adds '#char=begin,end' to its IRIs for text spans; "
            f"give one ending with '/', e.g. {base.split('#', 1)[0].rstrip('/')}/"
        )
    if "?" in base:
        raise KgError(f"base IRI {base!r} holds a query ('?'); give one ending with '/', e.g. {DEFAULT_BASE}")
    if re.search(r"%(?![0-9A-Fa-f]{2})", base):
        raise KgError(f"base IRI {base!r} has a '%' that is not followed by two hex digits")
    if not base.endswith("/"):
        raise KgError(f"base IRI {base!r} must end with '/', e.g. {base}/")
    _check_parses(base)
    return base


@lru_cache(maxsize=64)
def _check_parses(base: str) -> None:
    """Parse IRIs made with *base* (a span, a plain and a hashed identifier) with Oxigraph's strict
    IRI parser; KgError naming the first that fails."""
    from pyoxigraph import NamedNode

    scheme = IriScheme(base, identifier("Battle of X (2009)"))
    other = IriScheme(base, identifier("Battle of X!"))
    for iri in (scheme.graph, scheme.span(0, 1), other.battle, scheme.person("Jane Doe")):
        try:
            NamedNode(str(iri))
        except ValueError as exc:
            raise KgError(f"base IRI {base!r} makes IRIs that do not parse ({iri}: {exc})") from None


@dataclass(frozen=True, slots=True)
class IriScheme:
    """The IRIs of one article's graph (see docs/model.md, section IRIs); *slug* is the article's
    :func:`identifier`."""

    base: str
    slug: str

    @classmethod
    def for_title(cls, base: str, title: str) -> IriScheme:
        """The scheme of the article titled *title* (*base* checked)."""
        return cls(check_base(base), identifier(title))

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
        """An event named by its title (a war in ``Partof``): the battle IRI of the article with
        that title, so the war's own article and the battles part of it meet."""
        return self._iri(f"event/{identifier(name)}")

    def country(self, name: str) -> URIRef:
        """A state: one node across articles (states come from the gazetteer, with ISO codes)."""
        return self._iri(f"country/{slugify(name)}")

    def actor(self, name: str) -> URIRef:
        """An armed force, group or organisation of this article (never merged across articles)."""
        return self._iri(f"actor/{self.slug}/{identifier(name)}")

    def person(self, name: str) -> URIRef:
        """A person of this article (never merged across articles: see :meth:`name`)."""
        return self._iri(f"person/{self.slug}/{identifier(name)}")

    def name(self, name: str) -> URIRef:
        """The name node shared across articles by every actor that bears *name* (its slug)."""
        return self._iri(f"name/{slugify(name, fallback='unnamed')}")

    def place(self, name: str) -> URIRef:
        return self._iri(f"place/{slugify(name)}")

    def local(self, path: str) -> URIRef:
        """A node of this article that has no other home (authorities like survivors)."""
        return self._iri(f"article/{self.slug}/{path}")
