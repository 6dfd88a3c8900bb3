"""Outside identifiers of the states kg recognises: ISO codes, Gleditsch–Ward number, GeoNames, DBpedia.

The table is ``data/links/states.tsv``, one row per state of ``data/lexicons/countries.tsv``
(the ISO alpha-2 code stays there); where each column comes from and under which licence is at
the top of the file, and ``tools/make_link_tables.py`` regenerates it. A historical state has only
what exists for it (often a Wikipedia title, sometimes a GW number) and never a made-up code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..errors import ResourceError
from ..gazetteer import country
from ..resources import resource_path

__all__ = ["StateLinks", "state_links", "all_state_links"]

_FILE = "states.tsv"
_COLUMNS = ("name", "iso3", "gw", "geonames", "capital", "wikipedia", "territory")


@dataclass(frozen=True, slots=True)
class StateLinks:
    """The identifiers of one state; None (or empty) where none exists."""

    name: str  # the gazetteer name
    iso2: str | None
    iso3: str | None
    gw: int | None  # Gleditsch–Ward number
    geonames: int | None  # GeoNames id of the country
    capital: int | None  # GeoNames id of its capital city
    wikipedia: str | None  # English Wikipedia title
    territory: tuple[str, ...] = ()  # present-day ISO alpha-2 codes of a historical state's land

    @property
    def geonames_iri(self) -> str | None:
        return None if self.geonames is None else f"https://sws.geonames.org/{self.geonames}/"


def _int(cell: str, path: object, number: int) -> int | None:
    if not cell:
        return None
    if not cell.isdigit():
        raise ResourceError(f"{path}:{number}: expected a number, got {cell!r}")
    return int(cell)


@cache
def all_state_links() -> dict[str, StateLinks]:
    """Every row of ``data/links/states.tsv``, keyed by gazetteer name."""
    path = resource_path("links", _FILE)
    rows: dict[str, StateLinks] = {}
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(_COLUMNS):
            raise ResourceError(f"{path}:{number}: expected {len(_COLUMNS)} tab-separated columns, got {line!r}")
        if not header_seen:
            header_seen = True
            if tuple(cells) == _COLUMNS:
                continue
        name, iso3, gw, geonames, capital, wikipedia, territory = cells
        found = country(name)
        if found is None or found.name != name:
            raise ResourceError(f"{path}:{number}: {name!r} is not a state of data/lexicons/countries.tsv")
        rows[name] = StateLinks(
            name, found.iso2, iso3 or None, _int(gw, path, number), _int(geonames, path, number),
            _int(capital, path, number), wikipedia or None, tuple(t for t in territory.split("|") if t),
        )
    return rows


def state_links(name: str) -> StateLinks | None:
    """The identifiers of the state called *name* (gazetteer name, alias, any case), or None."""
    found = country(name)
    return None if found is None else all_state_links().get(found.name)
