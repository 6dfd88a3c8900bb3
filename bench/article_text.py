"""Article text quoted in kg's comments: examples must be invented, never copied from an article.

The project's rule is that no name, number or sentence of an article appears in ``kg/``. This
checker collects every quoted example (text inside double backticks, straight or curly double
quotes, or single quotes, 8 characters or more) in the docstrings and comments of ``kg/**/*.py``
and in the ``#`` comments of ``data/lexicons/*.toml`` and ``data/mapping/*.toml``, and reports
each one that occurs verbatim (case-sensitive, blanks collapsed) in an article AND carries
article-specific content: a digit, or a capitalised word after the first word. A generic
lower-case phrase an article happens to contain is not reported.

    python bench/article_text.py                      # the flagship, and ../shared/corpus if there
    python bench/article_text.py data/battle_of_araouane_2009.txt some/folder/

Prints ``file:line: "quote"`` for each finding; exits 1 when there is any. ``--all`` also lists
the generic quotes found in an article, for a reader to judge.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections import Counter, deque
from collections.abc import Container, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Articles",
    "Finding",
    "Quote",
    "article_specific",
    "code_quotes",
    "findings",
    "main",
    "python_quotes",
    "quotes_in",
    "read_articles",
    "toml_quotes",
    "vocabulary",
]

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "data" / "battle_of_araouane_2009.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
# findings left in files that were being rewritten elsewhere when this check came in

MIN_LENGTH = 8
# ``...``, "...", “...” and '...' (an apostrophe inside or at a word's end is not a quote mark).
_QUOTED = re.compile(
    r"``(?P<a>[^`]+?)``"
    r'|(?<![\w"])"(?P<b>[^"\n]+?)"(?![\w"])'
    r"|“(?P<c>[^”]+?)”"
    r"|(?<![\w'])'(?P<d>[^'\n]+?)'(?!\w)"
)
_BLANKS = re.compile(r"\s+")
# a string literal of Python (triple-quoted first), or a comment
_STRING_OR_COMMENT = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|(?P<comment>#[^\r\n]*)",
    re.DOTALL,
)
_ELLIPSIS = re.compile(r"\.\.\.|…")
# an infobox line of an article: "- Casualties1: ..."; its field name is the format, not content
_FIELD = re.compile(r"^- ([^:\n]+):", re.M)
# a capitalised word after a lower-case word: a name wherever it stands
_NAME = re.compile(r"(?<=[a-z,;] )[^\W\d_][\w'’.-]*")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


class Quote(NamedTuple):
    """A quoted example: where it is and its text (blanks collapsed)."""

    path: Path
    line: int
    text: str


class Finding(NamedTuple):
    """A quote found verbatim in an article."""

    quote: Quote
    article: Path


def quotes_in(text: str, path: Path, first_line: int) -> Iterator[Quote]:
    """The quotes of MIN_LENGTH characters or more in *text*, which starts at *first_line*.

    Quote marks inside the quote and an ellipsis (``"The X of Y ..."``) are left out: each piece
    between two ellipses is a quote of its own.
    """
    for m in _QUOTED.finditer(text):
        inner = _BLANKS.sub(" ", next(g for g in m.groups() if g is not None))
        line = first_line + text.count("\n", 0, m.start())
        for piece in _ELLIPSIS.split(inner):
            piece = piece.strip(" \"'“”")
            if len(piece) >= MIN_LENGTH:
                yield Quote(path, line, piece)


#: The fields of a node that hold statements, or the clauses (``except``, ``case``) that hold them.
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _docstring_nodes(tree: ast.AST) -> Iterator[ast.Constant]:
    """Every bare string statement: docstrings and the string 'comments' between statements.

    In the order of ``ast.walk`` (breadth first), visiting only statements and the clauses that
    hold them: an expression never holds a statement, and leaving expressions out keeps the order.
    """
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            yield node.value
        for name in node._fields:
            if name in _BODIES:
                todo.extend(getattr(node, name))


def _comments(source: str) -> Iterator[tuple[int, str]]:
    """The ``#`` comments of the Python *source* (which ``ast`` has read): (line, text), as
    ``tokenize`` gives them, found by one regular expression that skips string literals.

    Outside a string literal a ``#`` starts a comment; a literal is skipped whole (a backslash
    escapes the next character, in a raw string too, as far as finding its end goes).
    """
    line, last = 1, 0
    for m in _STRING_OR_COMMENT.finditer(source):
        if m.lastgroup == "comment":
            line += source.count("\n", last, m.start())
            last = m.start()
            yield line, m.group()


def python_quotes(path: Path) -> Iterator[Quote]:
    """The quotes in the docstrings and ``#`` comments of the Python file *path*."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in _docstring_nodes(ast.parse(source)):
        end = node.end_lineno or node.lineno
        raw = "\n".join(lines[node.lineno - 1 : end])
        # the delimiters of the docstring itself are not quote marks
        raw = raw.replace('"""', "   ").replace("'''", "   ")
        yield from quotes_in(raw, path, node.lineno)
    block: list[str] = []
    start = 0
    previous = -1
    for row, comment in _comments(source):
        if row != previous + 1 and block:
            yield from quotes_in("\n".join(block), path, start)
            block = []
        if not block:
            start = row
        block.append(comment.lstrip("#"))
        previous = row
    if block:
        yield from quotes_in("\n".join(block), path, start)


def _toml_comment(line: str) -> str | None:
    """The comment of one TOML line (after a ``#`` outside any string), or None."""
    quote = ""
    escaped = False
    for i, ch in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[i + 1 :]
    return None


def toml_quotes(path: Path) -> Iterator[Quote]:
    """The quotes in the ``#`` comments of the TOML file *path* (consecutive lines read as one)."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        comment = _toml_comment(line)
        if comment is None:
            if block:
                yield from quotes_in("\n".join(block), path, start)
            block = []
            continue
        if not block:
            start = number
        block.append(comment)
    if block:
        yield from quotes_in("\n".join(block), path, start)


def article_specific(text: str, names: Container[str] = ()) -> bool:
    """True when *text* carries a digit or a proper name.

    A proper name is a capitalised word after the first word, or a first word among *names* (the
    words the articles write capitalised: ``Ostian forces`` but not ``The army``).
    """
    if any(ch.isdigit() for ch in text):
        return True
    words = _WORD.findall(text)
    return bool(words) and (words[0] in names or any(w[0].isupper() for w in words[1:]))


def _articles(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(path.glob("*.txt"))
        else:
            yield path


class Articles(NamedTuple):
    """The articles' texts (blanks collapsed), their field names and their mid-sentence names."""

    texts: list[tuple[Path, str]]
    fields: set[str]
    names: set[str]


def read_articles(paths: Iterable[Path]) -> Articles:
    """Read the articles at *paths* (files, or folders of ``*.txt`` files).

    Their names are the words they capitalise after a lower-case word more than twice as often as
    they write them in lower case (``Ostian``, not ``The`` nor ``Second``).
    """
    texts: list[tuple[Path, str]] = []
    fields: set[str] = set()
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for path in _articles(paths):
        raw = path.read_text(encoding="utf-8")
        fields.update(_FIELD.findall(raw))
        text = _BLANKS.sub(" ", raw)
        capitalised.update(w for w in _NAME.findall(text) if w[0].isupper())
        lower.update(w for w in _WORD.findall(text) if w[0].islower())
        texts.append((path, text))
    names = {w for w, n in capitalised.items() if n > 2 * lower[w.lower()]}
    return Articles(texts, fields, names)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def vocabulary(root: Path = ROOT) -> set[str]:
    """Every key and string value of the lexicons and mappings: the project's own words."""
    words: set[str] = set()
    for folder in ("lexicons", "mapping"):
        for path in sorted((root / "data" / folder).glob("*.toml")):
            words.update(_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    return words


def findings(
    quotes: Iterable[Quote], articles: Articles, *, words: Container[str] = (), generic: bool = False
) -> list[Finding]:
    """The article-specific *quotes* (all of them if *generic*) found verbatim in an article.

    Never reported: an infobox field name (``Casualties1``: the article format), and a quote made
    of *words* only (the lexicons' own vocabulary: ``Lt. Col.`` is two rank words).
    """
    found: list[Finding] = []
    for quote in quotes:
        if quote.text in articles.fields or all(w in words for w in quote.text.split()):
            continue
        if not generic and not article_specific(quote.text, articles.names):
            continue
        for path, text in articles.texts:
            if quote.text in text:
                found.append(Finding(quote, path))
                break
    return found


def code_quotes(root: Path = ROOT) -> Iterator[Quote]:
    """Every quote in kg's Python files and in the comments of the lexicons and mappings."""
    for path in sorted((root / "kg").rglob("*.py")):
        yield from python_quotes(path)
    for folder in ("lexicons", "mapping"):
        for path in sorted((root / "data" / folder).glob("*.toml")):
            yield from toml_quotes(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Check kg against the articles named in *argv*; 1 when an article's text is quoted."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print(__doc__)
        return 0
    generic = "--all" in args
    paths = [Path(a) for a in args if a != "--all"]
    articles = paths or [FLAGSHIP, *([CORPUS] if CORPUS.is_dir() else [])]
    missing = [str(p) for p in articles if not p.exists()]
    if missing:
        print(f"article_text: error: no such article or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    found = findings(code_quotes(), read_articles(articles), words=vocabulary(), generic=generic)
    for f in found:
        where = f.quote.path.relative_to(ROOT).as_posix() if f.quote.path.is_relative_to(ROOT) else str(f.quote.path)
        print(f'{where}:{f.quote.line}: "{f.quote.text}"')
    if found:
        print(f"{len(found)} quoted example(s) copied from an article; invent them instead.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
