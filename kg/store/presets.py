"""Where each kind of SPARQL server keeps its endpoints, and reading an endpoint URL.

A :class:`Preset` names a server's query, update and Graph Store paths relative to its base URL;
:func:`resolve_endpoint` splits a URL given by the user into the base, the preset (``auto``: read
from the URL) and the credentials written in it, which are taken out of the URL (:func:`redact`).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from ..errors import StoreError

__all__ = ["PRESETS", "Preset", "redact", "resolve_endpoint"]


@dataclass(frozen=True, slots=True)
class Preset:
    """Where a kind of server keeps its endpoints, relative to its base URL."""

    name: str
    query: str
    update: str | None
    gsp: str | None
    gsp_param: str
    auth_update: str | None = None  # the update path to use with credentials (Virtuoso: /sparql-auth)
    auth_gsp: str | None = None  # the Graph Store path to use with credentials
    union: tuple[tuple[str, str], ...] = ()  # request parameters making the default graph the union
    content_type: str = "application/n-triples"
    insert_chunk: int = 5000  # triples per INSERT DATA request in the Update fallback
    note: str = ""
    # lists the named graphs (``GRAPH ?g {}`` is quick but Virtuoso answers it with nothing)
    list_graphs: str = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


#: Known servers. ``generic``: the URL is the SPARQL endpoint for queries and updates, no Graph Store.
PRESETS: dict[str, Preset] = {
    "oxigraph": Preset(
        "oxigraph",
        "/query",
        "/update",
        "/store",
        "graph",
        union=(("union-default-graph", ""),),
        list_graphs="SELECT DISTINCT ?g WHERE { GRAPH ?g { } }",
        note="oxigraph serve --location DIR --bind 127.0.0.1:7878 (no authentication)",
    ),
    "virtuoso": Preset(
        "virtuoso",
        "/sparql",
        "/sparql",
        "/sparql-graph-crud",
        "graph-uri",
        auth_update="/sparql-auth",
        auth_gsp="/sparql-graph-crud-auth",
        content_type="text/turtle",
        insert_chunk=500,  # Virtuoso turns SPARQL into SQL and refuses more than 10000 lines of it
        note="Virtuoso 7: /sparql, /sparql-graph-crud-auth?graph-uri= with Digest auth (dba, or a user with SPARQL_UPDATE)",
    ),
    "fuseki": Preset(
        "fuseki",
        "/query",
        "/update",
        "/data",
        "graph",
        union=(("default-graph-uri", "urn:x-arq:UnionGraph"),),
        note="Apache Jena Fuseki: give the dataset URL, e.g. http://host:3030/ds (/ds/query, /ds/update, /ds/data)",
    ),
    "generic": Preset(
        "generic", "", "", None, "graph", note="any SPARQL 1.1 endpoint: the URL answers queries and updates"
    ),
}


def resolve_endpoint(endpoint: str, preset: str = "auto") -> tuple[str, Preset, str | None, str | None]:
    """Split *endpoint* into (base URL, preset, user, password).

    With ``auto`` the preset is read from the URL: ``.../sparql`` is Virtuoso, ``/query`` on the
    root is Oxigraph, ``/ds/query`` (or a bare ``/ds``) is Fuseki, a bare host is Oxigraph.
    """
    parts = urllib.parse.urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"not an http(s) endpoint URL: {redact(endpoint)!r}; give e.g. http://127.0.0.1:7878")
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    path = parts.path.rstrip("/")
    if preset == "auto":
        if path.endswith(("/sparql", "/sparql-auth")):
            preset = "virtuoso"
        elif path == "/query" or path == "":
            preset = "oxigraph"
        elif path.endswith("/query") or path.count("/") == 1:
            preset = "fuseki"
        else:
            preset = "generic"
    chosen = PRESETS.get(preset)
    if chosen is None:
        raise StoreError(f"unknown server preset {preset!r}; choose one of auto, {', '.join(PRESETS)}")
    for suffix in (chosen.query, chosen.auth_update or "", chosen.update or ""):
        if suffix and path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    base = urllib.parse.urlunsplit((parts.scheme, netloc, path, parts.query, ""))
    return base, chosen, user, password


def redact(url: str) -> str:
    """*url* without the ``user:password@`` it may hold."""
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url
