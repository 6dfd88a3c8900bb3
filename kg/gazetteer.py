"""Country gazetteer: present and historical states, their aliases and adjectives.

The data is ``data/lexicons/countries.tsv`` (name, aliases, adjectives/demonyms, ISO 3166-1
alpha-2 code; see the comments at its top). Lookups by name or alias are case-insensitive;
:func:`find_countries` scans running text case-sensitively (country names are capitalised,
and ``chad`` or ``georgia`` in lower case are not countries) for the longest name, alias or
adjective starting at each capitalised word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .errors import ResourceError
from .resources import resource_path

__all__ = ["Country", "country", "country_by_adjective", "find_countries", "countries"]

_FILE = "countries.tsv"
_COLUMNS = 4
#: Longest name or adjective, in words, that :func:`find_countries` tries at each word.
_TOKEN = re.compile(r"\w+(?:['’.]\w+)*\.?")


@dataclass(frozen=True, slots=True)
class Country:
    """A present or historical state; ``iso2`` is None for states that no longer exist."""

    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    iso2: str | None


@dataclass(frozen=True, slots=True)
class _Index:
    rows: tuple[Country, ...]
    by_name: dict[str, Country]  # casefolded name or alias
    by_adjective: dict[str, Country]  # casefolded adjective or demonym
    by_form: dict[str, Country]  # exact spelling of any form, for scanning text
    max_words: int
    first_tokens: frozenset[str]  # the first token of every form, without a final "."


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _add(index: dict[str, Country], key: str, row: Country, what: str) -> None:
    other = index.get(key)
    if other is not None and other is not row:
        raise ResourceError(f"{_FILE}: {what} {key!r} belongs to both {other.name!r} and {row.name!r}")
    index[key] = row


@cache
def _index() -> _Index:
    path = resource_path("lexicons", _FILE)
    rows: list[Country] = []
    by_name: dict[str, Country] = {}
    by_adjective: dict[str, Country] = {}
    by_form: dict[str, Country] = {}
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != _COLUMNS:
            raise ResourceError(f"{path}:{number}: expected {_COLUMNS} tab-separated columns, got {line!r}")
        if not header_seen:
            header_seen = True
            if cells[0].strip().lower() == "name":
                continue
        name = cells[0].strip()
        row = Country(name, _split(cells[1]), _split(cells[2]), cells[3].strip() or None)
        rows.append(row)
        for form in (name, *row.aliases):
            _add(by_name, form.casefold(), row, "name")
            _add(by_form, form, row, "form")
        for form in row.adjectives:
            _add(by_adjective, form.casefold(), row, "adjective")
            _add(by_form, form, row, "form")
    max_words = max(len(_TOKEN.findall(form)) for form in by_form)
    first_tokens = frozenset(m.group().rstrip(".") for m in map(_TOKEN.match, by_form) if m is not None)
    return _Index(tuple(rows), by_name, by_adjective, by_form, max_words, first_tokens)


def countries() -> tuple[Country, ...]:
    """Every state of the gazetteer, in file order."""
    return _index().rows


def country(name: str) -> Country | None:
    """The state called *name* (its name or an alias, any case), or None."""
    return _index().by_name.get(" ".join(name.split()).casefold())


def country_by_adjective(word: str) -> Country | None:
    """The state whose adjective or demonym is *word* (``"Nigeriens"``), or None."""
    return _index().by_adjective.get(" ".join(word.split()).casefold())


def find_countries(text: str) -> list[tuple[Country, int, int]]:
    """Country names, aliases and adjectives in *text*: ``(country, start, end)``, left to right.

    At each capitalised word the longest known form wins (``Equatorial Guinea`` before ``Guinea``);
    matches never overlap. Hyphenated compounds are read part by part
    (``Franco-Peruvian`` names two states).
    """
    index = _index()
    tokens = list(_TOKEN.finditer(text))
    found: list[tuple[Country, int, int]] = []
    i = 0
    while i < len(tokens):
        first = tokens[i]
        word = first.group()
        if not word[0].isupper() or word.rstrip(".") not in index.first_tokens:  # no form starts here
            i += 1
            continue
        hit = None
        for j in range(min(len(tokens), i + index.max_words) - 1, i - 1, -1):
            start, end = first.start(), tokens[j].end()
            form = text[start:end]
            row = index.by_form.get(form)
            if row is None and form.endswith("."):
                end -= 1
                row = index.by_form.get(form[:-1])
            if row is not None:
                hit = (row, start, end, j)
                break
        if hit is None:
            i += 1
            continue
        found.append(hit[:3])
        i = hit[3] + 1
    return found
