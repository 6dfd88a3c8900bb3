"""A bound on how deeply a SPARQL query nests its brackets, checked before any engine sees it.

The SPARQL parsers kg hands queries to are recursive: pyoxigraph crashes the process (a stack
overflow, exit 139) on 3,000 nested ``{``, an Oxigraph server dies on the same query, and rdflib
raises ``RecursionError`` from about 30 levels. :func:`check_depth` counts the brackets ``{ ( [``
that are open at once, outside strings, IRIs and comments, and refuses a query that opens more
than :data:`MAX_SPARQL_DEPTH`: one :class:`~kg.errors.QueryError` line with the position. Every
engine answers a query at the bound (tests/robustness/test_sparql_depth.py); kg's stored queries
nest at most 7 deep.
"""
from __future__ import annotations

import re

from .errors import QueryError

__all__ = ["MAX_SPARQL_DEPTH", "check_depth"]

#: The deepest nesting of ``{``, ``(`` and ``[`` kg accepts in a SPARQL query or update.
MAX_SPARQL_DEPTH = 24

# Strings (long and short, with escapes), IRIs (IRIREF: no space, no braces), comments, brackets.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\#[^\n\r]*"
    r"|[{(\[]|[})\]]",
    re.DOTALL,
)
_OPEN = frozenset("{([")
_CLOSE = frozenset("})]")


def check_depth(sparql: str, *, limit: int = MAX_SPARQL_DEPTH) -> int:
    """The deepest bracket nesting of *sparql*; :class:`QueryError` when it is deeper than *limit*."""
    depth = deepest = 0
    for m in _TOKENS.finditer(sparql):
        token = m.group()
        if token in _OPEN:
            depth += 1
            if depth > limit:
                line = sparql.count("\n", 0, m.start()) + 1
                column = m.start() - (sparql.rfind("\n", 0, m.start()) + 1) + 1
                raise QueryError(
                    f"the SPARQL query nests brackets more than {limit} deep (at line {line}, column {column}); "
                    f"kg refuses deeper queries, which crash SPARQL engines"
                )
            deepest = max(deepest, depth)
        elif token in _CLOSE:
            depth = max(depth - 1, 0)
    return deepest
