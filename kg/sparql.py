"""SPARQL typed by hand: kg's prefixes without declarations, and syntax errors a person can read.

``kg sparql 'SELECT ?c WHERE { GRAPH ?g { ?c kg:category kg:Killed } }'`` works as the stored
queries do: :func:`with_prefixes` declares every prefix of :data:`kg.rdf.namespaces.PREFIXES`
the text uses without declaring it. :func:`run_sparql` runs the text on a store and turns a
syntax error of the engine into one line naming the line and column *of the text as typed*
(the declarations it added are not counted) and the words there.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import QueryError
from .rdf.namespaces import PREFIXES

__all__ = ["SparqlSyntaxError", "readable_syntax_error", "run_sparql", "with_prefixes"]


class SparqlSyntaxError(QueryError):
    """The text is not a SPARQL query; the message gives the line and column."""


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
_STRINGS_IRIS_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_USED = re.compile(r"(?<![\w:?$])([A-Za-z][\w-]*):")
_POSITION = re.compile(r"(?:error at|at line)\s*(\d+):(\d+)\s*:?\s*(.*)", re.IGNORECASE | re.DOTALL)


def with_prefixes(text: str) -> tuple[str, int]:
    """*text* with a declaration of each kg prefix it uses but does not declare.

    The declarations go on one line of their own before the text; return the new text and the
    number of lines added (0 or 1), to map an engine's positions back to the text as typed.
    """
    bare = _STRINGS_IRIS_COMMENTS.sub(" ", text)
    declared = {m.group(1) or "" for m in _DECLARED.finditer(bare)}
    used = {m.group(1) for m in _USED.finditer(bare)}
    missing = [p for p in PREFIXES if p in used and p not in declared]
    if not missing:
        return text, 0
    line = " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing)
    return f"{line}\n{text}", 1


def _expected(words: str) -> str:
    """The alternatives an engine lists, without its character classes (``['0'..='9']``)."""
    words = " ".join(words.split())
    m = re.match(r"expected one of (.*)", words)
    if not m:
        return words
    items = [i.strip() for i in re.split(r",\s*(?![^\[]*\])", m.group(1))]
    keep = [i for i in items if i and not i.startswith("[") and i != "Prefix not found"]
    if not keep:
        return "expected something else"
    return "expected " + (" or ".join(keep) if len(keep) <= 2 else ", ".join(keep[:8]) + (" ..." if len(keep) > 8 else ""))


def readable_syntax_error(message: str, text: str, *, added_lines: int = 0) -> str | None:
    """One line for an engine's syntax *message* about *text*, or None when it gives no position.

    *added_lines* lines were put before *text* (see :func:`with_prefixes`).
    """
    m = _POSITION.search(message)
    if m is None:
        return None
    line, column = int(m.group(1)) - added_lines, int(m.group(2))
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    here = lines[line - 1]
    near = here[max(column - 1, 0):][:30].strip()
    word = re.match(r"([A-Za-z][\w-]*):", here[max(column - 1, 0):]) or re.search(r"([A-Za-z][\w-]*):[\w-]*\Z", here[: max(column - 1, 0)])
    if "Prefix not found" in m.group(3) and word:
        known = " ".join(f"{p}:" for p in PREFIXES)
        return f"SPARQL syntax error at line {line}, column {column}: unknown prefix {word.group(1)}: (kg knows {known}; declare others with PREFIX)"
    where = f' near "{near}"' if near else " at the end of the query"
    return f"SPARQL syntax error at line {line}, column {column}{where}: {_expected(m.group(3))}"


def run_sparql(store: Any, text: str, *, graph: str | None = None) -> Any:
    """Run the SPARQL *text* (kg's prefixes declared as needed) on *store*; its ``Answer``.

    :raises SparqlSyntaxError: for a syntax error, with the line and column in *text*.
    :raises QueryError: when the store rejects the query for another reason.
    """
    full, added = with_prefixes(text)
    try:
        return store.query(full, graph=graph)
    except QueryError as exc:
        readable = readable_syntax_error(str(exc), text, added_lines=added)
        if readable is None:
            raise
        raise SparqlSyntaxError(readable) from None
