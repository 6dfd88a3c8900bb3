"""Regular expressions built from lexicon word lists."""
from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation", "trie_alternation", "first_char_guard", "phrase_key", "scanner"]


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
    :func:`first_char_guard` in front, so positions where no match can start cost one class test.
    The matches are those of ``re.compile(pattern, flags)``."""
    return re.compile(first_char_guard(pattern, flags) + pattern, flags)


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
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
    from re import _parser  # the stdlib's own parser of patterns (no public API reads a pattern)

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


def _first(items: list, flags: int) -> tuple[set[tuple[str, object]], bool] | None:
    """(first characters, may match empty) of a sequence of parsed items; None if unknown."""
    out: set[tuple[str, object]] = set()
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
