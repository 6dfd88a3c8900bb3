"""Regular expressions built from lexicon word lists."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

# the stdlib's own parser of patterns (no public API reads a pattern); typed loosely, as it is private
_parser: Any = importlib.import_module("re._parser")

__all__ = ["alternation", "trie_alternation", "first_char_guard", "prefix_guard", "phrase_key", "scanner"]


def phrase_key(text: str) -> str:
    """The look-up key of a lexicon phrase, and of the text matched for it: case-folded, with
    every run of white space as one space.

    >>> phrase_key("Taken   PRISONER")
    'taken prisoner'
    """
    return " ".join(text.casefold().split())


def alternation(words: Iterable[str], *, flexible_spaces: bool = False) -> str:
    """A regex alternation of *words*, longest first (so "seventeen" beats "seven").

    With *flexible_spaces*, a space inside a phrase matches any run of white space
    ("taken  prisoner" across a line break).

    >>> alternation(["seven", "seventeen"])
    'seventeen|seven'
    >>> alternation(["taken prisoner"], flexible_spaces=True)
    'taken\\\\s+prisoner'
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    if flexible_spaces:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
    return "|".join(re.escape(w) for w in ordered)


def trie_alternation(words: Iterable[str], *, flexible_spaces: bool = False) -> str:
    """The alternation of *words* as a prefix tree: the same matches as :func:`alternation`
    (longer words first wherever one word begins another), but the engine reads each character
    once per position instead of trying every word: much faster for long word lists.

    Like :func:`alternation`, the result is to be put inside a group.

    >>> trie_alternation(["attack", "attacked", "ambush"])
    'a(?:mbush|ttack(?:ed)?)'
    >>> trie_alternation(["taken prisoner"], flexible_spaces=True)
    'taken\\\\s+prisoner'
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in " ".join(word.split()) if flexible_spaces else word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if flexible_spaces and ch == " " else re.escape(ch)
            branches.append(piece + build(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# --------------------------------------------------------------------------- first characters


def scanner(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """*pattern* compiled for scanning prose with ``finditer``/``search``: with its
    :func:`prefix_guard` in front (or its :func:`first_char_guard`), so positions where no match
    can start cost a few character tests instead of a try of every alternative; a look-behind the
    pattern starts with ("a word starts here") is tested before the guard, as the cheaper test.
    The matches are those of ``re.compile(pattern, flags)``.
    """
    guard = prefix_guard(pattern, flags) or first_char_guard(pattern, flags)
    return re.compile(_leading_lookbehind(pattern, flags) + guard + pattern, flags)


_LOOKBEHIND = re.compile(r"\(\?<[!=](?:\[(?:\\.|[^\]\\])*\]|\\.|[^()\\\[])*\)")


def _leading_lookbehind(pattern: str, flags: int) -> str:
    """The look-behind *pattern* starts with, as written (``""`` if none): a zero-width test at
    the same position as the guard, so it may as well come first."""
    m = _LOOKBEHIND.match(pattern)
    if m is None or flags & re.VERBOSE:
        return ""
    try:
        items = list(_parser.parse(m.group(0), flags))
    except re.error:
        return ""
    return m.group(0) if len(items) == 1 and str(items[0][0]) in ("ASSERT", "ASSERT_NOT") else ""


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """A look-ahead ``(?=...)`` that holds at every position where *pattern* can match (the
    classes of the characters a match can start with), or ``""`` when they cannot be told.

    Put at the start of a pattern compiled with the same *flags* (so case folds the same way),
    it changes no match; it lets the engine skip, with one class test, the positions where the
    pattern's long alternations of lexicon words cannot start.

    >>> first_char_guard(r"(?<!\\w)(?:ab|c\\d)|\\d+")
    '(?=[\\\\U00000061\\\\U00000063]|[\\\\d])'
    >>> first_char_guard(r"a?")  # may match the empty string: no guard
    ''
    """
    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return ""
    found = _first(list(tree), flags)
    if found is None or found[1]:
        return ""
    literals = sorted({code for kind, code in found[0] if kind == "lit"})
    classes = sorted({code for kind, code in found[0] if kind == "class"})
    parts = (["[" + "".join(f"\\U{c:08x}" for c in literals) + "]"] if literals else []) + classes
    return "(?=" + "|".join(parts) + ")"


def _first(items: list, flags: int) -> tuple[set[tuple[str, Any]], bool] | None:
    """(first characters, may match empty) of a sequence of parsed items; None if unknown."""
    out: set[tuple[str, Any]] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.add(("lit", av))
            return out, False
        if name == "IN":
            cls = _class(av)
            if cls is None:
                return None
            out.add(("class", cls))
            return out, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: the next item starts the match
            continue
        if name == "BRANCH":
            nullable = False
            for alt in av[1]:
                sub = _first(list(alt), flags)
                if sub is None:
                    return None
                out |= sub[0]
                nullable = nullable or sub[1]
            if not nullable:
                return out, False
            continue
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            body = av[-1] if name == "SUBPATTERN" else av
            if name == "SUBPATTERN":
                add, drop = av[1], av[2]
                if drop or (add & ~re.IGNORECASE) or (add & re.IGNORECASE and not flags & re.IGNORECASE):
                    return None  # other flags inside: the guard would not fold case the same way
            sub = _first(list(body), flags)
            if sub is None:
                return None
            out |= sub[0]
            if not sub[1]:
                return out, False
            continue
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, body = av
            sub = _first(list(body), flags)
            if sub is None:
                return None
            out |= sub[0]
            if low > 0 and not sub[1]:
                return out, False
            continue
        return None  # ANY, NOT_LITERAL, back-references, conditionals ...: not told
    return out, True


def _class(items: list) -> str | None:
    parts = []
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            parts.append("^")
        elif name == "LITERAL":
            parts.append(f"\\U{av:08x}")
        elif name == "RANGE":
            parts.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
        elif name == "CATEGORY" and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            return None
    return "[" + "".join(parts) + "]"


# --------------------------------------------------------------------------- first characters, several

_Seq = tuple[str, ...]  # atoms rendered as pattern text: one character (or class) each


def prefix_guard(pattern: str, flags: int = 0, *, depth: int = 3) -> str:
    """A look-ahead ``(?=...)`` on the first *depth* characters a match of *pattern* can start
    with, as a prefix tree, or ``""`` when they cannot be told (see :func:`first_char_guard`)."""
    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return ""
    found = _prefixes(list(tree), flags, depth, "")
    if found is None or any(not seq for seq, _open in found):
        return ""
    trie: dict = {}
    for seq, _open in found:
        node = trie
        for atom in seq:
            if node.get("") is True:
                break
            node = node.setdefault(atom, {})
        else:
            node.clear()
            node[""] = True

    def build(node: dict) -> str:
        if node.get("") is True:
            return ""
        # the atoms that end a prefix are one class (one test), the others branches of the tree
        ends = sorted(atom for atom, child in node.items() if child.get("") is True and _mergeable(atom))
        branches = [atom + build(child) for atom, child in sorted(node.items()) if atom not in ends]
        if len(ends) > 1:
            branches.insert(0, "[" + "".join(a[1:-1] if a.startswith("[") else a for a in ends) + "]")
        else:
            branches = ends + branches
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return "(?=" + build(trie) + ")"


def _mergeable(atom: str) -> bool:
    """True for a literal or a class that is not negated, with the pattern's own flags: a member
    of a union class."""
    return not atom.startswith(("[^", "(?"))


def _concat(left: set[tuple[_Seq, bool]], right: set[tuple[_Seq, bool]], depth: int) -> set[tuple[_Seq, bool]]:
    out: set[tuple[_Seq, bool]] = set()
    for seq, open_ in left:
        if not open_:
            out.add((seq, False))
            continue
        for seq2, open2 in right:
            joined = seq + seq2
            out.add((joined[:depth], False) if len(joined) >= depth else (joined, open2))
    return out


def _prefixes(items: list, flags: int, depth: int, scope: str) -> set[tuple[_Seq, bool]] | None:
    """The prefixes (at most *depth* atoms) of the matches of a sequence of parsed items, each
    with True when the whole sequence may have matched by then (what follows continues it).
    *scope* is ``"i"`` or ``"-i"`` inside a group that turns case folding on or off (``(?i:...)``),
    whose atoms keep that flag."""
    cur: set[tuple[_Seq, bool]] = {((), True)}
    for op, av in items:
        if not any(open_ for _seq, open_ in cur):
            break
        item = _item_prefixes(str(op), av, flags, depth, scope)
        if item is None:
            return None
        cur = _concat(cur, item, depth)
    return cur


_UNKNOWN: set[tuple[_Seq, bool]] = {((), False)}


def _item_prefixes(name: str, av, flags: int, depth: int, scope: str) -> set[tuple[_Seq, bool]] | None:
    if name == "LITERAL":
        atom = f"\\U{av:08x}"
        return {((f"(?{scope}:{atom})" if scope else atom,), True)}
    if name == "IN":
        cls = _class(av)
        if cls is None:
            return _UNKNOWN
        return {((f"(?{scope}:{cls})" if scope else cls,), True)}
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: transparent
        return {((), True)}
    if name == "BRANCH":
        out: set[tuple[_Seq, bool]] = set()
        for alt in av[1]:
            sub = _prefixes(list(alt), flags, depth, scope)
            if sub is None:
                return None
            out |= sub
        return out
    if name in ("SUBPATTERN", "ATOMIC_GROUP"):
        body = av[-1] if name == "SUBPATTERN" else av
        if name == "SUBPATTERN":
            add, drop = av[1], av[2]
            if (add | drop) & ~re.IGNORECASE:
                return None  # other flags inside: not told
            if add & re.IGNORECASE:
                scope = "" if flags & re.IGNORECASE else "i"
            elif drop & re.IGNORECASE:
                scope = "-i" if flags & re.IGNORECASE else ""
        return _prefixes(list(body), flags, depth, scope)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        if low > 50:
            return _UNKNOWN
        sub = _prefixes(list(body), flags, depth, scope)
        if sub is None:
            return None
        out = set()
        cur: set[tuple[_Seq, bool]] = {((), True)}
        for n in range(0, min(high, low + depth) + 1):
            if n >= low:
                out |= cur
            if not any(open_ for _seq, open_ in cur):
                break
            cur = _concat(cur, sub, depth)
        return out
    return _UNKNOWN  # ANY, NOT_LITERAL, back-references ...: anything may follow
