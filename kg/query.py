"""Answer the stored SPARQL queries (``queries/*.rq``) over an article graph or a store.

A stored query is one question in one file: a header of comments (``# summary:``,
``# question:``, ``# param:`` or ``# parameters: none``), then plain SPARQL 1.1. Every query
matches the article's triples inside ``GRAPH ?g { ... }``, so it runs unchanged on rdflib, on
pyoxigraph and on any SPARQL 1.1 server, whatever its default graph is (see docs/queries.md).

Parameters are bound as typed RDF terms (rdflib ``initBindings``, pyoxigraph ``substitutions``),
never pasted into the query text: a value cannot change the query, only fail to match.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from .errors import QueryError, ResourceError
from .rdf.namespaces import PREFIXES, VOCAB_IRI
from .rdf.oxigraph import from_oxigraph, to_oxigraph
from .resources import resource_dir
from .sparql_depth import check_depth

__all__ = [
    "Param",
    "StoredQuery",
    "QueryResult",
    "Target",
    "GraphTarget",
    "OxigraphTarget",
    "parse_query",
    "stored_queries",
    "get_query",
    "bind_params",
    "run_query",
]

# ---- stored queries ---------------------------------------------------------------------------

#: A stored query's name: short, lower-case kebab-case (the file name without ``.rq``).
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_HEADER = re.compile(r"#\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*\Z")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<datatype>\S+)\s+(?P<description>\S.*?)\s+default:\s*(?P<default>\S.*?)\Z"
)
_SELECT = re.compile(r"\bSELECT\b(?P<projection>.*?)(?:\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)
_HEADER_KEYS = frozenset({"summary", "question", "parameters", "param"})


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter: ``?name`` is bound to a term of *datatype*, or to *default*.

    With no default (``default: none``) an omitted parameter leaves ``?name`` unbound, so the
    query answers for every value.
    """

    name: str
    datatype: str
    description: str
    default: str | None


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
            _check_datatype(pm["datatype"], where)
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
        select = _SELECT.search("\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#")))
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
        if not _NAME.match(name):
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


# ---- parameters ---------------------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?\d+\Z")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\Z")
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}\Z")
_YEAR = re.compile(r"-?\d{4,}\Z")
_BOOLEAN = {"true": True, "false": False, "1": True, "0": False}
_LANG = re.compile(r"rdf:langString@(?P<lang>[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*)\Z")
_KG_CLASS = re.compile(r"kg:(?P<cls>[A-Z][A-Za-z]*)\Z")
_IRI_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_IRI_BAD = re.compile(r"[\s<>\"{}|\\^`\x00-\x1f\x7f]")
_PREFIXED = re.compile(r"(?P<prefix>[a-z][a-z0-9]*):(?P<local>[A-Za-z_][\w.-]*)\Z")
_LOCAL = re.compile(r"[A-Za-z_][\w-]*\Z")


def _literal_binder(pattern: re.Pattern[str], datatype: URIRef, hint: str) -> Callable[[str], Literal]:
    def bind(value: str) -> Literal:
        text = value.strip()
        if not pattern.match(text):
            raise ValueError(hint)
        return Literal(text, datatype=datatype)

    return bind


def _bind_date(value: str) -> Literal:
    text = value.strip()
    if not _DATE.match(text):
        raise ValueError("write YYYY-MM-DD")
    if not text.startswith("-"):
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ValueError("no such day") from None
    return Literal(text, datatype=XSD.date)


def _bind_boolean(value: str) -> Literal:
    found = _BOOLEAN.get(value.strip().lower())
    if found is None:
        raise ValueError("write true or false")
    return Literal(found)


def _bind_iri(value: str) -> URIRef:
    text = value.strip()
    m = _PREFIXED.match(text)
    if m and m["prefix"] in PREFIXES:
        return URIRef(PREFIXES[m["prefix"]] + m["local"])
    if not _IRI_SCHEME.match(text) or _IRI_BAD.search(text):
        raise ValueError(f"write an absolute IRI or a prefixed name ({', '.join(p + ':' for p in sorted(PREFIXES))})")
    return URIRef(text)


_BINDERS: dict[str, Callable[[str], Node]] = {
    "xsd:string": Literal,
    "xsd:integer": _literal_binder(_INTEGER, XSD.integer, "write a whole number"),
    "xsd:decimal": _literal_binder(_DECIMAL, XSD.decimal, "write a decimal number"),
    "xsd:gYear": _literal_binder(_YEAR, XSD.gYear, "write a year YYYY"),
    "xsd:date": _bind_date,
    "xsd:boolean": _bind_boolean,
    "iri": _bind_iri,
}


def _check_datatype(datatype: str, where: object) -> None:
    if datatype in _BINDERS or _LANG.match(datatype) or _KG_CLASS.match(datatype):
        return
    raise ResourceError(
        f"query {where}: unknown parameter datatype {datatype!r}; use one of {', '.join(_BINDERS)}, "
        "rdf:langString@LANG, or a kg: class such as kg:Category"
    )


@cache
def _vocabulary_members() -> dict[str, frozenset[str]]:
    """Local names of the kg terms of each kg class (``Category`` -> {``Killed`` ...}), from kg.ttl."""
    path = resource_dir("vocab") / "kg.ttl"
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ResourceError(f"cannot read the vocabulary {path}: {exc}") from None
    members: dict[str, set[str]] = {}
    for term, cls in graph.subject_objects(RDF.type):
        if str(cls).startswith(VOCAB_IRI) and str(term).startswith(VOCAB_IRI):
            members.setdefault(str(cls)[len(VOCAB_IRI) :], set()).add(str(term)[len(VOCAB_IRI) :])
    return {cls: frozenset(names) for cls, names in members.items()}


def _bind_kg_term(cls: str, value: str) -> URIRef:
    members = _vocabulary_members().get(cls)
    if not members:
        raise ResourceError(f"the kg vocabulary has no terms of class kg:{cls}")
    text = value.strip()
    if text.startswith(VOCAB_IRI):
        text = text[len(VOCAB_IRI) :]
    elif text.startswith("kg:"):
        text = text[3:]
    if text in members:
        return URIRef(VOCAB_IRI + text)
    folded = {m.casefold(): m for m in members}
    if text.casefold() in folded:
        return URIRef(VOCAB_IRI + folded[text.casefold()])
    raise ValueError(f"one of {', '.join(sorted(members))}")


def _bind_one(param: Param, value: str) -> Node:
    try:
        lang = _LANG.match(param.datatype)
        if lang:
            return Literal(value, lang=lang["lang"])
        cls = _KG_CLASS.match(param.datatype)
        if cls:
            return _bind_kg_term(cls["cls"], value)
        return _BINDERS[param.datatype](value)
    except ValueError as exc:
        if isinstance(exc, ResourceError):
            raise
        raise QueryError(f"parameter {param.name}: {value!r} is not a valid {param.datatype} ({exc})") from None


def bind_params(query: StoredQuery, params: Mapping[str, str]) -> dict[str, Node]:
    """The typed terms *params* bind in *query*, with the declared defaults.

    Raise :class:`QueryError` for an undeclared parameter or a value of the wrong type.
    """
    declared = {p.name: p for p in query.params}
    for name in params:
        if name not in declared:
            takes = f"its parameters: {', '.join(declared)}" if declared else "it takes no parameters"
            raise QueryError(f"query {query.name} has no parameter {name!r}; {takes}")
    bindings: dict[str, Node] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is not None:
            bindings[p.name] = _bind_one(p, value)
    return bindings


# ---- results ------------------------------------------------------------------------------------

_NUMERIC = frozenset(
    {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger}
)
_COMPACT = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda pair: -len(pair[0]))
_LOCAL_NAME = re.compile(r"[A-Za-z_][\w.-]*\Z")


def _compact(iri: str) -> str:
    for namespace, prefix in _COMPACT:
        if iri.startswith(namespace) and _LOCAL_NAME.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _show(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = str(term)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = _compact(str(term))
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _csv_value(term: Node | None, full_iris: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, URIRef) and not full_iris:
        name = _compact(str(term))
        return name[1:-1] if name.startswith("<") else name
    return str(term)


def _json_value(term: Node) -> dict[str, str]:
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The answer of a SELECT query: its variables and rows of rdflib terms (None when unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]

    def to_table(self) -> str:
        """An aligned text table: literals by value, kg and other known IRIs as prefixed names."""
        cells = [list(self.variables)] + [[_show(t) for t in row] for row in self.rows]
        widths = [max(_width(row[i]) for row in cells) for i in range(len(self.variables))]
        right = [
            bool(self.rows)
            and all(r[i] is None or (isinstance(r[i], Literal) and r[i].datatype in _NUMERIC) for r in self.rows)
            for i in range(len(self.variables))
        ]
        lines = []
        for n, row in enumerate(cells):
            parts = []
            for i, text in enumerate(row):
                pad = " " * (widths[i] - _width(text))
                parts.append(pad + text if right[i] and n > 0 else text + pad)
            lines.append("  ".join(parts).rstrip())
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"

    def to_csv(self, *, full_iris: bool = False) -> str:
        """CSV (RFC 4180, CRLF line ends) as the SPARQL 1.1 CSV results format lays it out:
        literals as plain strings; IRIs of kg's vocabularies as compact names (``kg:Killed``), the
        others whole; with *full_iris* every IRI whole, as that format writes them."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.variables)
        for row in self.rows:
            writer.writerow([_csv_value(t, full_iris) for t in row])
        return buffer.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON Format."""
        bindings = [
            {var: _json_value(t) for var, t in zip(self.variables, row) if t is not None} for row in self.rows
        ]
        doc = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# ---- targets ----------------------------------------------------------------------------------


@runtime_checkable
class Target(Protocol):
    """Anything that answers a SELECT query with bindings: rdflib, pyoxigraph, a remote endpoint."""

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run *sparql* with *bindings*; return the variable names and rows of rdflib terms or None."""
        ...


def _engine_error(exc: Exception) -> QueryError:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return QueryError(f"the query failed: {message[:300]}")


_FALLBACK_GRAPH = URIRef("urn:kg:graph:unnamed")


def _graph_name(graph: Graph) -> URIRef:
    """The name to file a plain graph under: its IRI, else its kg:ArticleGraph node."""
    if isinstance(graph.identifier, URIRef) and not str(graph.identifier).startswith("urn:x-rdflib:"):
        return graph.identifier
    names = sorted(s for s in graph.subjects(RDF.type, URIRef(VOCAB_IRI + "ArticleGraph")) if isinstance(s, URIRef))
    return names[0] if len(names) == 1 else _FALLBACK_GRAPH


class GraphTarget:
    """An in-memory rdflib ``Dataset``; a plain ``Graph`` is filed as one named graph.

    Stored queries read the article graphs through ``GRAPH ?g``; a graph parsed from Turtle or
    N-Triples (no graph name) becomes the named graph its ``kg:ArticleGraph`` node names.
    """

    __slots__ = ("dataset",)

    def __init__(self, graph: Graph) -> None:
        if isinstance(graph, Dataset):
            self.dataset = graph
        else:
            self.dataset = Dataset(default_union=True)
            named = self.dataset.graph(_graph_name(graph))
            named.addN((s, p, o, named) for s, p, o in graph)

    @classmethod
    def from_triples(cls, graphs: Iterable[tuple[URIRef, Iterable[tuple[Node, Node, Node]]]]) -> GraphTarget:
        """A dataset of named graphs given as ``(graph IRI, triples)`` pairs."""
        ds = Dataset(default_union=True)
        for iri, triples in graphs:
            named = ds.graph(iri)
            named.addN((s, p, o, named) for s, p, o in triples)
        return cls(ds)

    @classmethod
    def from_mapped(cls, *mapped: Any) -> GraphTarget:
        """A dataset of mapper outputs (:class:`kg.rdf.mapper.MappedGraph`: ``.iri``, ``.triples``)."""
        return cls.from_triples((m.iri, m.triples) for m in mapped)

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run *sparql* with *bindings* as rdflib ``initBindings``."""
        check_depth(sparql)
        try:
            result = self.dataset.query(sparql, initBindings=bindings or {})
            if result.type != "SELECT":
                raise QueryError(f"only SELECT queries are answered, not {result.type}")
            variables = [str(v) for v in result.vars]
            rows = [tuple(row) for row in result]
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises parse and evaluation errors of many types
            raise _engine_error(exc) from exc
        return variables, rows


def _ox_term(term: Node) -> Any:
    try:
        return to_oxigraph(term)
    except TypeError as exc:
        raise QueryError(str(exc)) from None


class OxigraphTarget:
    """An in-memory (or given) ``pyoxigraph.Store``; queries see the union of its graphs by default."""

    __slots__ = ("store",)

    def __init__(self, store: Any | None = None) -> None:
        import pyoxigraph as ox

        self.store = store if store is not None else ox.Store()

    def load(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Add *triples* to the named graph *graph*."""
        import pyoxigraph as ox

        g = ox.NamedNode(str(graph))
        self.store.extend(ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), g) for s, p, o in triples)

    @classmethod
    def from_mapped(cls, *mapped: Any) -> OxigraphTarget:
        """A store holding mapper outputs (``.iri``, ``.triples``), one named graph each."""
        target = cls()
        for m in mapped:
            target.load(m.iri, m.triples)
        return target

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphTarget:
        """A store holding an rdflib graph: a Dataset's named graphs, or a plain graph as one."""
        target = cls()
        if isinstance(graph, Dataset):
            for ctx in graph.graphs():
                if len(ctx):  # the default graph and blank-named graphs are filed under their article's name
                    target.load(_graph_name(ctx), ctx)
        else:
            target.load(_graph_name(graph), graph)
        return target

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> tuple[list[str], list[tuple]]:
        """Run *sparql* with *bindings* as pyoxigraph ``substitutions``, over the union of the graphs."""
        import pyoxigraph as ox

        check_depth(sparql)
        substitutions = {ox.Variable(name): _ox_term(term) for name, term in (bindings or {}).items()}
        try:
            result = self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions or None)
            if not isinstance(result, ox.QuerySolutions):
                raise QueryError("only SELECT queries are answered")
            variables = [v.value for v in result.variables]
            rows = [tuple(from_oxigraph(solution[v], canonical=True) for v in variables) for solution in result]
        except QueryError:
            raise
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
            raise _engine_error(exc) from exc
        return variables, rows


# ---- running ------------------------------------------------------------------------------------


def _resolve(query: str | StoredQuery) -> StoredQuery:
    if isinstance(query, StoredQuery):
        return query
    if _NAME.match(query):
        return get_query(query)
    if "{" in query:  # SPARQL text given directly: its header (if any) declares its parameters
        return parse_query(query, name="(query text)", strict=False)
    return get_query(query)


def run_query(
    query: str | StoredQuery, target: Target | Graph, *, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Answer *query* (a stored query, its name, or SPARQL text) over *target*.

    *target* is a :class:`Target` or an rdflib graph (wrapped in a :class:`GraphTarget`).
    *params* are the query's parameters as text; each is checked against its declared type and
    bound as a typed term. Raise :class:`QueryError` for an unknown name, a bad parameter or a
    query the engine rejects.
    """
    stored = _resolve(query)
    bindings = bind_params(stored, params or {})
    engine = GraphTarget(target) if isinstance(target, Graph) else target
    runs = [bindings]
    for p in stored.params:  # a name matches its labels whatever their case: actor=mali finds "Mali"@en
        if _LANG.match(p.datatype) and params and p.name in params:
            runs = [{**run, p.name: label} for run in runs for label in _labels_like(engine, bindings[p.name])]
    variables: list[str] = []
    rows: list[tuple] = []
    for run in runs:
        variables, found = engine.select(stored.text, run)
        rows.extend(found)
    return QueryResult(tuple(variables), tuple(tuple(row) for row in rows))


_LABELS_LIKE = """SELECT DISTINCT ?label ?name WHERE {
  GRAPH ?g { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label }
  FILTER (LCASE(STR(?label)) = LCASE(STR(?name)) && LANG(?label) = LANG(?name))
}"""


def _labels_like(engine: Target, name: Node) -> list[Node]:
    """The labels of the data equal to *name* but for case (the name itself when none is), sorted."""
    _, rows = engine.select(_LABELS_LIKE, {"name": name})
    found = sorted({row[0] for row in rows if row[0] is not None}, key=str)
    return found or [name]
