"""Geocode an article's places against GeoNames, constrained by the country the article gives.

Rules (a wrong pin is worse than none):

* the country of a place is the nearest state on its containment chain (``Tolan, Ostland``); a
  chain without a state but with a region whose name is an ISO 3166-2 subdivision's takes the
  countries of that name (a region name two states share: both); a place the text names
  without either (``in Kelvar``) takes the countries of the battle's own place (its infobox
  ``Place``); a place with none stays unlinked;
* a historical state stands for the present-day states its land lies in, where
  ``data/links/states.tsv`` gives them (a kingdom whose land is one present-day state -> its code); one with none given (an
  empire over many present-day states) leaves its places unlinked;
* the name is looked up, as written, among the GeoNames populated places of those countries, by
  their names and alternate names (case, accents and punctuation ignored, see
  :func:`kg.link.gazetteer.name_key`);
* a place found only through one of its alternate names counts only when that name is a spelling
  variant of its GeoNames name (``Qarvan`` for *Qarwan*, ``Tolane`` for *Tolan*: name keys
  alike to at least :data:`VARIANT_RATIO` by :class:`difflib.SequenceMatcher`), not a former or
  other name (an island's name for the town on it);
* exactly one place found: linked. Several: linked only when exactly one of them bears the name as
  its GeoNames name (the others only as an alternate name); otherwise unlinked, as is a name
  that matches nothing;
* a place that contains another place of the article (``Dessa, Varo, Kelvar Province``: Varo
  the district, not the town) is an area, not a town: unlinked, unless it is the country's
  capital (``Marn Neighborhood of Tolan``);
* a name that is also the name of a region of the country (an ISO 3166-2 subdivision, any level:
  ``Dessa`` the province and the city, ``Marn`` the state and its capital) cannot be told
  from the town: unlinked, unless the chain names that region apart (``Varo, Varo Governorate``:
  then the bare name is the town) or the town is the country's capital (``Tolan``).

The outcome of each place is kept, linked or not, with the reason, for reports and benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from ..facts import ArticleFacts
from ..gazetteer import countries, country
from ..resources import resource_path
from .gazetteer import Gazetteer, GeoPlace, name_key, open_gazetteer
from .states import all_state_links, state_links

__all__ = ["PlaceLink", "PlaceOutcome", "place_countries", "link_places", "REASONS", "VARIANT_RATIO"]

#: How alike (0..1) an alternate name must be to a place's GeoNames name to be a spelling of it.
VARIANT_RATIO = 0.5

#: Why a place stays unlinked (or how it was linked).
REASONS = {
    "linked": "one GeoNames place of that name in the country",
    "linked-primary": "several places, exactly one with that GeoNames name",
    "no-country": "the article gives no country for it",
    "historical-country": "its country is a historical state whose present-day land is not given",
    "no-match": "no GeoNames place of that name in the country",
    "ambiguous": "several GeoNames places of that name in the country",
    "region-name": "a region of the country has the name too: town or region cannot be told",
    "container": "another place of the article lies in it: an area, not a town",
    "other-name": "found only under another name of a place, not a spelling of its name",
}


@dataclass(frozen=True, slots=True)
class PlaceLink:
    """A place of the article tied to one GeoNames place."""

    place: GeoPlace
    state: str  # gazetteer name of the state it lies in (GeoNames' country)


@dataclass(frozen=True, slots=True)
class PlaceOutcome:
    """What became of one place entity: a link, or the reason it has none."""

    key: str
    name: str
    countries: tuple[str, ...]  # ISO alpha-2 codes searched
    basis: str  # "chain" (a state on its containment), "region" (a region on it), "article" (the battle's place) or ""
    reason: str  # a key of REASONS
    link: PlaceLink | None = None
    candidates: int = 0
    refused: GeoPlace | None = None  # the one place a rule refused (container, region-name, other-name)


def _chain_states(facts: ArticleFacts, key: str | None) -> list[str]:
    """Gazetteer names of the states on *key*'s containment chain (itself included)."""
    states, seen = [], set()
    while key and key not in seen:
        seen.add(key)
        ent = facts.entities.get(key)
        if ent is None:
            break
        if ent.kind == "state":
            states.append(ent.name)
        key = ent.contained_in
    return states


def _iso2(names: list[str]) -> tuple[list[str], bool]:
    """ISO alpha-2 codes of the states *names* (a historical one: its present-day land), and whether
    a historical state without one was met."""
    codes, historical = [], False
    for name in names:
        found = country(name)
        if found is not None and found.iso2:
            codes.append(found.iso2)
            continue
        links = state_links(name)
        if links is not None and links.territory:
            codes.extend(links.territory)
        else:
            historical = True
    return list(dict.fromkeys(codes)), historical


def _chain_regions(facts: ArticleFacts, key: str) -> list[str]:
    """ISO alpha-2 codes of the countries with a subdivision named like a container of *key*."""
    codes: list[str] = []
    seen, outer = {key}, facts.entities[key].contained_in
    by_key = _regions_by_key()
    while outer and outer not in seen:
        seen.add(outer)
        ent = facts.entities.get(outer)
        if ent is None:
            break
        codes.extend(by_key.get(name_key(ent.name), ()))
        outer = ent.contained_in
    return list(dict.fromkeys(codes))


def place_countries(facts: ArticleFacts, key: str) -> tuple[tuple[str, ...], str, bool]:
    """The ISO alpha-2 codes a place is searched in, on what basis ("chain", "region", "article"
    or ""), and whether a historical state without present-day land stood in the way."""
    own = _chain_states(facts, key)
    if own:
        codes, historical = _iso2(own[:1])  # the nearest state contains the place
        return tuple(codes), "chain", historical
    regional = _chain_regions(facts, key)
    if regional:
        return tuple(regional), "region", False
    battle = facts.events.get("")
    names: list[str] = []
    for loc in battle.locations if battle is not None else ():
        names.extend(_chain_states(facts, loc.place))
    codes, historical = _iso2(list(dict.fromkeys(names)))
    return tuple(codes), "article" if codes else "", historical and not codes


@cache
def _regions() -> frozenset[tuple[str, str]]:
    """(ISO alpha-2, name key) of every ISO 3166-2 subdivision (``data/links/regions.tsv``)."""
    path = resource_path("links", "regions.tsv")
    rows = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#") and "\t" in line:
            code, name = line.split("\t", 1)
            if code != "iso2":
                rows.add((code, name_key(name)))
    return frozenset(rows)


@cache
def _regions_by_key() -> dict[str, tuple[str, ...]]:
    """Name key of a subdivision -> the countries that have one of that name."""
    out: dict[str, list[str]] = {}
    for code, key in sorted(_regions()):
        out.setdefault(key, []).append(code)
    return {key: tuple(codes) for key, codes in out.items()}


@cache
def _capitals() -> frozenset[int]:
    """GeoNames ids of national capitals: never taken for the region of their name."""
    return frozenset(c.capital for c in all_state_links().values() if c.capital is not None)


def _region_named(facts: ArticleFacts, key: str, name: str, codes: tuple[str, ...]) -> bool:
    """True when a region of *codes* bears *name* and the place's chain does not name it apart."""
    k = name_key(name)
    if not any((code, k) in _regions() for code in codes):
        return False
    seen, outer = {key}, facts.entities[key].contained_in
    while outer and outer not in seen:  # "Varo, Varo Governorate": the region is named apart
        seen.add(outer)
        ent = facts.entities.get(outer)
        if ent is None:
            break
        if name_key(ent.name).startswith(k + " "):
            return False
        outer = ent.contained_in
    return True


def _variant(name: str, place: GeoPlace) -> bool:
    return place.primary or SequenceMatcher(None, name_key(name), name_key(place.name)).ratio() >= VARIANT_RATIO


def _choose(name: str, found: list[GeoPlace]) -> tuple[GeoPlace | None, str]:
    spelled = [p for p in found if _variant(name, p)]
    if not spelled and len({p.geonameid for p in found}) == 1:
        return None, "other-name"
    found = spelled
    ids = {p.geonameid for p in found}
    if len(ids) == 1:
        return found[0], "linked"
    if not ids:
        return None, "no-match"
    primary = {p.geonameid: p for p in found if p.primary}
    if len(primary) == 1:
        return next(iter(primary.values())), "linked-primary"
    return None, "ambiguous"


def link_places(facts: ArticleFacts, gazetteer: Gazetteer | None = None) -> dict[str, PlaceOutcome]:
    """The outcome of every place entity of *facts*, keyed by entity key."""
    out: dict[str, PlaceOutcome] = {}
    places = [(key, ent) for key, ent in facts.entities.items() if ent.kind == "place"]
    if not places:
        return out
    gaz = gazetteer or open_gazetteer()
    by_code = _state_by_code()
    containers = {ent.contained_in for k, ent in places if ent.contained_in and ent.contained_in != k}
    for key, ent in places:
        codes, basis, historical = place_countries(facts, key)
        if not codes:
            out[key] = PlaceOutcome(key, ent.name, (), basis, "historical-country" if historical else "no-country")
            continue
        found = gaz.lookup(ent.name, codes)
        chosen, reason = _choose(ent.name, found)
        refused = found[0] if reason == "other-name" else None
        capital = chosen is not None and chosen.geonameid in _capitals()
        if chosen is not None and not capital and key in containers:
            chosen, refused, reason = None, chosen, "container"
        elif chosen is not None and not capital and _region_named(facts, key, ent.name, codes):
            chosen, refused, reason = None, chosen, "region-name"
        link = PlaceLink(chosen, by_code[chosen.country]) if chosen is not None else None
        out[key] = PlaceOutcome(key, ent.name, codes, basis, reason, link, len({p.geonameid for p in found}), refused)
    return out


@cache
def _state_by_code() -> dict[str, str]:
    """ISO alpha-2 -> gazetteer name of the state."""
    return {c.iso2: c.name for c in countries() if c.iso2}
