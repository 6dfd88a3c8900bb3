"""Stored queries: ``queries/*.rq`` files, each one question with a header of comments.

A header has ``# summary:``, ``# question:`` and either ``# parameters: none`` or one
``# param: NAME DATATYPE  DESCRIPTION  default: VALUE|none`` line per parameter; the SPARQL follows
(see docs/queries.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import QueryError, ResourceError
from ..resources import resource_dir
from .params import Param, check_datatype

__all__ = ["NAME", "Param", "StoredQuery", "parse_query", "stored_queries", "get_query", "resolve"]

#: A stored query's name: short, lower-case kebab-case (the file name without ``.rq``).
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_HEADER = re.compile(r"#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*\Z")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<datatype>\S+)\s+(?P<description>\S.*?)\s+default:\s*(?P<default>\S.*?)\Z"
)
_SELECT = re.compile(r"\bSELECT\b(?P<projection>.*?)(?:\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)
_HEADER_KEYS = frozenset({"summary", "question", "parameters", "param"})


@dataclass(frozen=True, slots=True)
class StoredQuery:
    """A SPARQL query with its header: what it answers and which parameters it takes."""

    name: str
    summary: str
    question: str
    params: tuple[Param, ...]
    text: str
    path: Path | None


def parse_query(text: str, *, name: str, path: Path | None = None, strict: bool = True) -> StoredQuery:
    """Read the header of a query *text*; *strict* requires a summary and a question.

    Raise :class:`ResourceError` for a malformed header (a stored query is a shipped resource).
    """
    where = path or name
    fields: dict[str, str] = {}
    params: list[Param] = []
    no_params = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if m is None or m["key"] not in _HEADER_KEYS:
            if strict:
                raise ResourceError(f"query {where}: malformed header line {stripped!r}")
            continue
        key, value = m["key"], m["value"]
        if key == "param":
            pm = _PARAM.match(value)
            if pm is None:
                raise ResourceError(
                    f"query {where}: malformed parameter {value!r}; write 'NAME DATATYPE  DESCRIPTION  default: VALUE|none'"
                )
            check_datatype(pm["datatype"], where)
            default = None if pm["default"] == "none" else pm["default"]
            params.append(Param(pm["name"], pm["datatype"], pm["description"], default))
        elif key == "parameters":
            if value != "none":
                raise ResourceError(f"query {where}: write '# parameters: none' or one '# param:' line per parameter")
            no_params = True
        elif key in fields:
            raise ResourceError(f"query {where}: header line {key!r} given twice")
        else:
            fields[key] = value
    if strict:
        for key in ("summary", "question"):
            if not fields.get(key):
                raise ResourceError(f"query {where}: header has no '# {key}:' line")
        if no_params == bool(params):
            raise ResourceError(f"query {where}: header needs either '# parameters: none' or '# param:' lines")
    if params:
        select = _SELECT.search("\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
        projection = select["projection"] if select else ""
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            raise ResourceError(f"query {where}: a parameter is declared twice in {names}")
        for p in params:
            # pyoxigraph substitutes only projected variables (SEP-0007); rdflib would not mind.
            if not re.search(rf"[?$]{p.name}\b", projection):
                raise ResourceError(f"query {where}: parameter ?{p.name} must be a variable of the SELECT clause")
    return StoredQuery(name, fields.get("summary", ""), fields.get("question", ""), tuple(params), text, path)


@cache
def stored_queries() -> dict[str, StoredQuery]:
    """Every stored query of ``queries/``, by name (parsed once)."""
    folder = resource_dir("queries")
    found: dict[str, StoredQuery] = {}
    for path in sorted(folder.glob("*.rq"), key=lambda p: p.stem):  # by name: "a" before "a-b"
        name = path.stem
        if not NAME.match(name):
            raise ResourceError(f"stored query file {path.name!r} is not named in lower-case kebab-case")
        found[name] = parse_query(path.read_text(encoding="utf-8"), name=name, path=path)
    return found


def get_query(name: str) -> StoredQuery:
    """The stored query *name*; a :class:`QueryError` listing the known names otherwise."""
    queries = stored_queries()
    try:
        return queries[name]
    except KeyError:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(queries)}") from None


def resolve(query: str | StoredQuery) -> StoredQuery:
    """*query* as a stored query: itself, the stored query it names, or SPARQL text with its header."""
    if isinstance(query, StoredQuery):
        return query
    if NAME.match(query):
        return get_query(query)
    if "{" in query:  # SPARQL text given directly: its header (if any) declares its parameters
        return parse_query(query, name="(query text)", strict=False)
    return get_query(query)
