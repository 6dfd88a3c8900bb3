"""Remote triplestores over the standard protocols (stdlib HTTP client, no extra dependency).

- **Reading**: the SPARQL 1.1 Protocol (``POST query=...``, JSON results or N-Triples), with
  ``default-graph-uri`` for one article's graph, and the preset's way of making the default
  graph the union of all graphs for the whole store.
- **Writing**: the SPARQL 1.1 Graph Store HTTP Protocol. A load PUTs the article into a fresh
  temporary graph (``urn:kg:tmp:<uuid>``), then moves it into place with ONE SPARQL Update
  (``MOVE GRAPH <tmp> TO GRAPH <g>``), which the server runs as one transaction. If anything
  fails on the way, the old graph is untouched and the temporary graph is dropped (when the
  server can still be reached). When the server has no Graph Store endpoint, the temporary graph
  is filled with ``INSERT DATA`` (SPARQL 1.1 Update) instead; when it has no Update endpoint, the
  article is PUT straight onto its graph (then only as safe as the server's PUT).
- **Authentication**: HTTP Basic or Digest (answering the server's challenge), user and password
  from the caller (the CLI reads ``--user``/``--password`` or ``KG_USER``/``KG_PASSWORD``).
  Credentials are never put in messages; ``user:password@`` in the URL is taken out of it.
- **Failures**: a timeout per request, a bounded number of retries (with back-off) when the
  server cannot be reached or answers 502/503/504; every failure is a :class:`StoreError` or
  :class:`QueryError` saying what failed, where, and what to check.
"""
from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Self

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from ..errors import QueryError, StoreError
from ..sparql_depth import check_depth
from . import TMP_GRAPH_PREFIX, Answer, GraphStats, LoadReport, Rows
from .answers import MAX_ANSWER_BYTES, read_results
from .nquads import bind_values, has_blank_nodes, term_nt, triples_nt
from .staging import STALE_AFTER, Staging, split_staging, staging_name

__all__ = ["PRESETS", "Preset", "RemoteStore", "resolve_endpoint"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RESULTS_JSON = "application/sparql-results+json"
_ACCEPT_TABLE = f"{_RESULTS_JSON}, application/json;q=0.9"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5"
# The query form: the first keyword after comments, BASE and PREFIX declarations.
_FORM = re.compile(
    r"(?:\s+|\#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)
_RETRY_STATUS = frozenset({502, 503, 504})
_UNSUPPORTED = frozenset({404, 405, 415, 501})


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
        "oxigraph", "/query", "/update", "/store", "graph",
        union=(("union-default-graph", ""),),
        list_graphs="SELECT DISTINCT ?g WHERE { GRAPH ?g { } }",
        note="oxigraph serve --location DIR --bind 127.0.0.1:7878 (no authentication)",
    ),
    "virtuoso": Preset(
        "virtuoso", "/sparql", "/sparql", "/sparql-graph-crud", "graph-uri",
        auth_update="/sparql-auth", auth_gsp="/sparql-graph-crud-auth",
        content_type="text/turtle",
        insert_chunk=500,  # Virtuoso turns SPARQL into SQL and refuses more than 10000 lines of it
        note="Virtuoso 7: /sparql, /sparql-graph-crud-auth?graph-uri= with Digest auth (dba, or a user with SPARQL_UPDATE)",
    ),
    "fuseki": Preset(
        "fuseki", "/query", "/update", "/data", "graph",
        union=(("default-graph-uri", "urn:x-arq:UnionGraph"),),
        note="Apache Jena Fuseki: give the dataset URL, e.g. http://host:3030/ds (/ds/query, /ds/update, /ds/data)",
    ),
    "generic": Preset("generic", "", "", None, "graph", note="any SPARQL 1.1 endpoint: the URL answers queries and updates"),
}


def resolve_endpoint(endpoint: str, preset: str = "auto") -> tuple[str, Preset, str | None, str | None]:
    """Split *endpoint* into (base URL, preset, user, password).

    With ``auto`` the preset is read from the URL: ``.../sparql`` is Virtuoso, ``/query`` on the
    root is Oxigraph, ``/ds/query`` (or a bare ``/ds``) is Fuseki, a bare host is Oxigraph.
    """
    parts = urllib.parse.urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"not an http(s) endpoint URL: {_redact(endpoint)!r}; give e.g. http://127.0.0.1:7878")
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


def _redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url


def _first_line(data: bytes, limit: int = 200) -> str:
    text = data.decode("utf-8", "replace").strip()
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


class _Refused(StoreError):
    """The server refused the request (401/403): nothing was written."""


class _Unsupported(Exception):
    """The server has no such endpoint (404/405/415/501): try the other protocol."""


class RemoteStore:
    """A SPARQL server reached over HTTP at *endpoint* (see :data:`PRESETS` and :func:`resolve_endpoint`)."""

    def __init__(
        self,
        endpoint: str,
        *,
        preset: str = "auto",
        user: str | None = None,
        password: str | None = None,
        auth: str = "auto",
        timeout: float = 30.0,
        retries: int = 2,
        backoff: float = 0.5,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.base, self.preset, url_user, url_password = resolve_endpoint(endpoint, preset)
        user = user or url_user
        password = password if password is not None else url_password
        if auth not in ("auto", "basic", "digest"):
            raise StoreError(f"unknown authentication {auth!r}; choose auto, basic or digest")
        if password is not None and not user:
            raise StoreError("a password was given without a user; add --user (or KG_USER)")
        self.timeout = float(timeout)
        self.retries = max(int(retries), 0)
        self.backoff = max(float(backoff), 0.0)
        self.max_answer_bytes = int(max_answer_bytes)
        self._swept = False  # stale staging graphs removed (once, before the first load)
        self._has_credentials = bool(user)
        self._gsp_ok: bool | None = None if self.preset.gsp is not None else False
        self._update_ok: bool | None = None if self.preset.update is not None else False
        handlers: list[urllib.request.BaseHandler] = []
        self._preemptive: str | None = None
        if user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, self.base, user, password or "")
            if auth in ("auto", "digest"):
                handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
            if auth == "auto":
                handlers.append(urllib.request.HTTPBasicAuthHandler(manager))
            if auth == "basic":
                import base64

                token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
                self._preemptive = "Basic " + token
        self._opener = urllib.request.build_opener(*handlers)

    # -- life cycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Nothing to release (each request opens its own connection)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.base!r}, preset={self.preset.name!r})"

    # -- endpoints --------------------------------------------------------------------------------

    @property
    def query_url(self) -> str:
        return self.base + self.preset.query

    @property
    def update_url(self) -> str:
        path = self.preset.auth_update if self._has_credentials and self.preset.auth_update else self.preset.update
        return self.base + (path or "")

    def gsp_url(self, graph: str) -> str:
        path = self.preset.auth_gsp if self._has_credentials and self.preset.auth_gsp else self.preset.gsp
        sep = "&" if "?" in (self.base + (path or "")) else "?"
        return f"{self.base}{path}{sep}{urllib.parse.urlencode({self.preset.gsp_param: graph})}"

    # -- HTTP -------------------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        what: str,
        idempotent: bool = True,
        unsupported_ok: bool = False,
    ) -> tuple[str, bytes]:
        """Send one request (with retries); return (content type, body).

        :raises _Unsupported: for 404/405/415/501 when *unsupported_ok*.
        """
        attempts = self.retries + 1
        shown = url.split("?", 1)[0]
        for attempt in range(1, attempts + 1):
            request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
            if self._preemptive:
                request.add_unredirected_header("Authorization", self._preemptive)
            retry_reason: str | None = None
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    body = response.read(self.max_answer_bytes + 1)  # never the whole of a huge answer
                    if len(body) > self.max_answer_bytes:
                        raise StoreError(
                            f"{what}: the answer of {shown} is more than {self.max_answer_bytes:,} bytes; "
                            "ask for less (LIMIT, --graph)"
                        )
                    return response.headers.get("Content-Type", ""), body
            except StoreError:
                raise
            except urllib.error.HTTPError as exc:
                body = exc.read(65536) if exc.fp is not None else b""  # the start of an error page is enough
                if exc.code in (401, 403):
                    if not self._has_credentials:
                        hint = "the server wants a user: add --user (and KG_PASSWORD or --password)"
                    elif exc.code == 401:
                        hint = "check --user/--password (or KG_USER/KG_PASSWORD)"
                    else:
                        hint = "the user may lack the right to write (Virtuoso: grant SPARQL_UPDATE)"
                    raise _Refused(f"{what} refused by {shown}: HTTP {exc.code} {exc.reason}; {hint}") from None
                if unsupported_ok and exc.code in _UNSUPPORTED:
                    raise _Unsupported(exc.code) from None
                if exc.code in _RETRY_STATUS and attempt < attempts:
                    retry_reason = f"HTTP {exc.code}"
                elif exc.code == 400:
                    raise QueryError(f"{what} rejected by {shown} (HTTP 400): {_first_line(body)}") from None
                else:
                    detail = _first_line(body)
                    raise StoreError(f"{what} failed at {shown}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from None
            except ValueError as exc:  # urllib's Basic handler meeting an unsupported challenge
                raise StoreError(f"{what} refused by {shown}: {exc}; try --auth digest or --auth basic") from None
            except (urllib.error.URLError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                timed_out = isinstance(reason, (TimeoutError, socket.timeout))
                refused = isinstance(reason, ConnectionRefusedError)
                text = f"no answer within {self.timeout:g}s" if timed_out else (
                    "connection refused" if refused else str(reason).strip() or type(reason).__name__
                )
                if attempt < attempts and (refused or idempotent):
                    retry_reason = text
                else:
                    tried = f" (tried {attempt} times)" if attempt > 1 else ""
                    hint = "raise --timeout" if timed_out else "is the server running? check --endpoint"
                    raise StoreError(f"cannot reach {shown} for {what}: {text}{tried}; {hint}") from None
            if retry_reason is not None:
                time.sleep(min(self.backoff * (2 ** (attempt - 1)), 10.0))
        raise StoreError(f"{what} failed at {shown}")  # pragma: no cover  (the loop always returns or raises)

    def _post_form(self, url: str, fields: list[tuple[str, str]], *, what: str, idempotent: bool, accept: str | None = None, unsupported_ok: bool = False) -> tuple[str, bytes]:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        data = urllib.parse.urlencode(fields).encode("ascii")
        return self._request("POST", url, data=data, headers=headers, what=what, idempotent=idempotent, unsupported_ok=unsupported_ok)

    def _update(self, sparql: str, *, what: str, idempotent: bool = False) -> None:
        try:
            self._post_form(self.update_url, [("update", sparql)], what=what, idempotent=idempotent, unsupported_ok=True)
        except _Unsupported as exc:
            self._update_ok = False
            raise StoreError(f"{what}: {self.update_url} accepts no SPARQL Update (HTTP {exc}); check --endpoint and --preset") from None
        self._update_ok = True

    # -- reading ----------------------------------------------------------------------------------

    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None, graph: str | None = None) -> Answer:
        """Run any SPARQL query over the whole store (union of graphs) or one *graph*.

        The whole store is its graphs without the staging graphs of loads (:mod:`kg.store.staging`).
        """
        check_depth(sparql)  # a deep query crashes an Oxigraph server: it is never sent
        fields = [("query", bind_values(sparql, bindings))]
        if graph is not None:
            term_nt(URIRef(graph))  # a bad IRI fails here, with the value in the message
            fields += [("default-graph-uri", graph), ("named-graph-uri", graph)]  # see EmbeddedStore.query
        else:
            found = self.named_graphs()
            if found.staging:  # the article graphs only, so no answer counts an article twice
                graphs = found.graphs or ("urn:kg:no-graph",)
                fields += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
            else:
                fields.extend(self.preset.union)
        return self._ask(sparql, fields)

    def _ask(self, sparql: str, fields: list[tuple[str, str]]) -> Answer:
        form = _FORM.match(sparql)
        accept = _ACCEPT_GRAPH if form and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE") else _ACCEPT_TABLE
        content_type, body = self._post_form(self.query_url, fields, what="the SPARQL query", idempotent=True, accept=accept)
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in (_RESULTS_JSON, "application/json"):
            return read_results(body, self.query_url)
        fmt = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle", "application/rdf+xml": "xml"}.get(mime)
        if fmt is None:
            raise StoreError(f"{self.query_url} answered in {mime or 'an unnamed format'}, which kg cannot read")
        g = Graph()
        try:
            g.parse(data=body.decode("utf-8"), format=fmt)
        except Exception as exc:  # noqa: BLE001  (rdflib raises many kinds of parse errors)
            raise StoreError(f"{self.query_url} sent {mime} that cannot be parsed: {str(exc).splitlines()[0][:200]}") from None
        return Answer("graph", triples=tuple(g))  # type: ignore[arg-type]

    def named_graphs(self) -> Staging:
        """The named graphs of the server, the staging graphs of loads sorted out."""
        answer = self._ask(self.preset.list_graphs, [("query", self.preset.list_graphs)])
        return split_staging(str(row[0]) for row in answer.rows if isinstance(row[0], URIRef))

    def sweep(self) -> tuple[str, ...]:
        """Remove the stale staging graphs (left by loads that were killed); return their IRIs."""
        stale = self.named_graphs().stale
        for tmp in stale:
            self._drop_graph(tmp, what="removing a staging graph left by an interrupted load")
        self._swept = True
        return stale

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, graph: str | None = None) -> Rows:
        """Run a SELECT query; return ``(variables, rows)`` of rdflib terms (None when unbound)."""
        answer = self.query(sparql, bindings=bindings, graph=graph)
        if answer.kind != "select":
            raise QueryError("select() needs a SELECT query; use query() for ASK, CONSTRUCT or DESCRIBE")
        return list(answer.variables), list(answer.rows)

    def count(self, iri: str) -> int:
        """The number of triples in the named graph *iri* (0 when absent)."""
        _, rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph=iri)
        return int(str(rows[0][0])) if rows and rows[0][0] is not None else 0

    def stats(self, *, prefix: str | None = None) -> tuple[GraphStats, ...]:
        """Named graphs (under *prefix*, when given) with their numbers of triples, sorted by IRI.

        Without *prefix* the server's own graphs are listed too (Virtuoso keeps several); the
        staging graphs of loads never are (see :meth:`named_graphs`).
        """
        where = "GRAPH ?g { ?s ?p ?o }"
        if prefix:
            where += f" FILTER(STRSTARTS(STR(?g), {term_nt(Literal(prefix))}))"
        _, rows = self.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {where} }} GROUP BY ?g")
        found = sorted((str(g), int(str(n))) for g, n in rows
                       if g is not None and n is not None and not str(g).startswith(TMP_GRAPH_PREFIX))
        return tuple(GraphStats(g, n) for g, n in found)

    def graphs(self) -> list[str]:
        """The named graphs that hold triples, sorted."""
        return [s.iri for s in self.stats()]

    # -- writing ----------------------------------------------------------------------------------

    def _put(self, graph: str, body: bytes, *, what: str) -> None:
        headers = {"Content-Type": self.preset.content_type + "; charset=utf-8"}
        try:
            self._request("PUT", self.gsp_url(graph), data=body, headers=headers, what=what, unsupported_ok=True)
        except _Unsupported:
            self._gsp_ok = False
            raise
        self._gsp_ok = True

    def _fill_with_updates(self, graph: str, triples: list[tuple[Identifier, Identifier, Identifier]], *, what: str) -> None:
        name = term_nt(URIRef(graph))
        # Blank nodes must arrive in one request, or the server would make several nodes of one.
        size = len(triples) if has_blank_nodes(triples) else self.preset.insert_chunk
        self._update(f"DROP SILENT GRAPH {name}", what=what, idempotent=True)
        for start in range(0, max(len(triples), 1), max(size, 1)):
            chunk = triples_nt(triples[start : start + size])
            self._update(f"INSERT DATA {{ GRAPH {name} {{\n{chunk}}} }}", what=what)

    def _drop_graph(self, graph: str, *, what: str) -> None:
        if self._update_ok is not False:
            self._update(f"DROP SILENT GRAPH {term_nt(URIRef(graph))}", what=what, idempotent=True)
        else:
            self._request("DELETE", self.gsp_url(graph), what=what, unsupported_ok=True)

    def _drop_quietly(self, graph: str) -> bool:
        try:
            self._drop_graph(graph, what="removing the temporary graph")
            return True
        except (StoreError, QueryError, _Unsupported):
            return False

    def _state_after_failure(self, iri: str, previous: int, new: int, *, moved: bool) -> str:
        """What a failed load left of the graph *iri*, as checked on the server (never assumed)."""
        if not moved:  # nothing that touches <iri> was sent
            return f"the previous graph <{iri}> is unchanged"
        try:
            now = self.count(iri)
        except (StoreError, QueryError):
            return (f"the server did not answer when kg checked <{iri}>: it holds either the previous or the new "
                    f"version (the move is one transaction); check it with kg store stats")
        if now == previous and now != new:
            return f"the previous graph <{iri}> is unchanged (checked: {now} triples)"
        if now == new and now != previous:
            return f"yet the new graph <{iri}> is in place (checked: {now} triples): the server made the move"
        return f"<{iri}> now holds {now} triples (it held {previous}, the new version has {new}); check it"

    def replace_graph(self, iri: str, triples: Iterable[tuple[Identifier, Identifier, Identifier]]) -> LoadReport:
        """Replace the named graph *iri* by *triples*: write a temporary graph, then MOVE it in place."""
        started = time.perf_counter()
        triples = triples if isinstance(triples, list) else list(triples)
        name = term_nt(URIRef(iri))
        body = triples_nt(triples).encode("utf-8")  # every term is checked before the server is touched
        previous = self.count(iri)
        what = f"loading <{iri}>"
        if self._update_ok is False:  # a Graph Store only: PUT replaces the graph in one request
            self._put(iri, body, what=what)
            return LoadReport(iri, self.count(iri), previous, time.perf_counter() - started)
        if not self._swept:
            self.sweep()
        tmp = staging_name()
        written = moved = False
        try:
            if self._gsp_ok is not False:
                try:
                    self._put(tmp, body, what=what)
                    written = True
                except _Unsupported:
                    pass
            if not written:
                self._fill_with_updates(tmp, triples, what=what)
            moved = True
            self._update(f"MOVE GRAPH {term_nt(URIRef(tmp))} TO GRAPH {name}", what=what + " (moving it into place)")
        except (StoreError, QueryError, _Unsupported) as exc:
            # A refused first write wrote nothing: no temporary graph to clean up.
            cleaned = (isinstance(exc, _Refused) and not written) or self._drop_quietly(tmp)
            tail = "" if cleaned else (
                f"; the temporary graph <{tmp}> may remain: queries ignore it, and the next load or kg store stats "
                f"removes it after {STALE_AFTER / 60:.0f} minutes (or: kg store drop {tmp})"
            )
            message = str(exc) if not isinstance(exc, _Unsupported) else f"{what}: the server has neither a Graph Store nor an Update endpoint"
            state = self._state_after_failure(iri, previous, len(set(triples)), moved=moved)
            raise StoreError(f"{message}; {state}{tail}") from None
        return LoadReport(iri, self.count(iri), previous, time.perf_counter() - started)

    def load(self, built: Any) -> LoadReport:
        """Store an article built by :func:`kg.pipeline.build` (or a ``MappedGraph``) in its named graph."""
        graph = getattr(built, "graph", built)
        return self.replace_graph(str(graph.iri), graph.triples)

    def drop(self, iri: str) -> int:
        """Remove the named graph *iri*; return how many triples it held.

        :raises StoreError: when the server holds no triples in that graph.
        """
        held = self.count(iri)
        if not held:
            raise StoreError(f"{self.base} has no graph <{iri}> (or it is empty); see kg store stats --endpoint {self.base}")
        if self._update_ok is not False:
            self._update(f"DROP SILENT GRAPH {term_nt(URIRef(iri))}", what=f"dropping <{iri}>", idempotent=True)
        else:
            self._request("DELETE", self.gsp_url(iri), what=f"dropping <{iri}>")
        return held

    def dump(self, fmt: str = "trig", output: Any = None, *, prefix: str | None = None) -> bytes | None:
        """The named graphs under *prefix* (all when None) in TriG or N-Quads, read graph by graph."""
        import pyoxigraph as ox

        from .embedded import DUMP_FORMATS

        if fmt.lower() not in DUMP_FORMATS:
            raise StoreError(f"cannot dump as {fmt!r}; choose one of {', '.join(DUMP_FORMATS)}")
        memory = ox.Store()
        for stat in self.stats(prefix=prefix):
            answer = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph=stat.iri)
            memory.load(triples_nt(answer.triples),  # type: ignore[arg-type]
                        format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(stat.iri))
        prefixes = None
        if fmt.lower() == "trig":
            from ..rdf.namespaces import PREFIXES

            prefixes = dict(PREFIXES)
        return memory.dump(output, format=DUMP_FORMATS[fmt.lower()], prefixes=prefixes)
