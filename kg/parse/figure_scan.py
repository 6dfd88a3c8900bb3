"""Find figures in free prose: "killing at least eleven soldiers", "ten were captured".

:func:`scan_figures` reads a sentence with the same number grammar as infobox values
(:mod:`kg.parse.figure_core`), then keeps a number only when a counted noun follows it within a
few words or a casualty verb says what happened to it; years, days of dates, clock times and
ordinals are not figures. The words are data (``data/lexicons/quantities.toml``, ``[prose]``).
"""
from __future__ import annotations

import re

from .categories import casualty_category, category_lexicon
from .figure_core import WORD, Figure, make_draft, skip, word_kind
from .figure_lexicon import figure_grammar, norm

__all__ = ["scan_figures"]

_G = figure_grammar()


def _prose_unit(text: str, pos: int) -> tuple[int, int, str] | None:
    """Counted noun right after a number in prose: (start, end, kind) or None."""
    words = []
    for wm in re.finditer(r"[^\W\d_][\w'’-]*|\S", text[pos : pos + 120]):
        if not wm.group(0)[0].isalpha():
            break
        words.append((pos + wm.start(), pos + wm.end(), wm.group(0)))
        if len(words) > _G.noun_window + 2:
            break
    best = None
    i = plain = 0
    while i < len(words) and i <= _G.noun_window:
        matched = 0
        for size in (3, 2, 1):
            if i + size <= len(words):
                phrase = " ".join(w[2] for w in words[i : i + size])
                kind = word_kind(phrase)
                if kind and not (size == 1 and norm(phrase) in _G.category_words):
                    best = (words[0][0], words[i + size - 1][1], kind)
                    matched = size
                    break
        if matched:
            i += matched
            continue
        if best is not None:
            break
        token = words[i][2]
        if norm(token) in _G.stop or _G.prose_core.match(text, words[i][0]):
            break
        if token.islower() and "-" not in token:
            plain += 1
            if plain > 2:
                break
        i += 1
    return best


def _prose_category(text: str, pos: int) -> str | None:
    """A casualty verb after a figure ("were killed"), within the verb window."""
    aux = False
    gap = 0
    while gap <= _G.verb_window:
        pos = skip(text, pos)
        if pos >= len(text) or text[pos] in ".;:!?,()\"“”":
            return None
        am = _G.auxiliary.match(text, pos)
        if am and am.end() > pos:
            aux = True
            pos = am.end()
            continue
        cm = _G.category_list.match(text, pos)
        if cm and (aux or gap == 0):
            after = skip(text, cm.end())
            if not _G.prose_core.match(text, after) or after == len(text):
                return casualty_category(cm.group(0))
            return None
        nm = _G.prose_core.match(text, pos)
        if nm and nm.end() > pos:
            return None
        wm = WORD.match(text, pos)
        if not wm or norm(wm.group(0)) in _G.clause:
            return None
        pos = wm.end()
        gap += 1
    return None


def _prose_rejected(text: str, m: re.Match[str]) -> bool:
    start, end = m.start(), m.end()
    before = text[max(0, start - 40) : start]
    number = m.group("n1") or ""
    day = number.isdigit() and 1 <= int(number) <= 31 and not m.group("n2")
    if day and (_G.month_before.search(before) or _G.month_after.match(text, end)):
        return True  # "July 4", "16 June"
    if _G.clock_after.match(text, m.end("n1") if m.group("n1") else end) and number:
        return True
    if _G.not_after.search(before):
        return True
    if _G.not_before.match(text, end):
        return True
    digits = number.replace(",", "")
    if number and not m.group("n2") and digits.isdigit() and len(digits) == 4 and "," not in number:
        word = WORD.match(text, skip(text, end))
        if word is None or not word_kind(word.group(0)):
            return True  # a year, unless a counted noun follows at once ("5000 men")
    return False


def scan_figures(text: str) -> list[Figure]:
    """Find figures in free prose (one sentence or a paragraph); offsets are into *text*.

    A number is a figure when a counted noun follows it within a few words, or a casualty
    verb names what happened to it ("ten were captured", "killing at least 30").
    Years, days of dates, clock times, ordinals and "one of" are not figures.
    """
    found: list[Figure] = []
    previous: tuple[Figure, int] | None = None
    for m in _G.prose_core.finditer(text):
        if m.end() == m.start() or not (m.group("n1") or m.group("between") or m.group("vague") or m.group("unk")):
            continue
        d = make_draft(m)
        if d is None or _prose_rejected(text, m):
            continue
        core_end = m.end()
        unit = _prose_unit(text, core_end)
        end = core_end
        if unit:
            d.unit = text[unit[0] : unit[1]]
            d.kind = unit[2]
            end = unit[1]
        d.category = following = _prose_category(text, end)
        if d.category is None:
            bm = _G.before_category.search(text[max(0, m.start() - 60) : m.start()])
            if bm:
                d.category = casualty_category(bm.group("w")) or category_lexicon().before.get(norm(bm.group("w")))
        if d.unit is None and previous is not None:
            pf, pstart = previous
            if re.fullmatch(r"\s*,\s*", text[pf.end : m.start()]) and re.search(
                r"\bof\s+(?:the\s+)?$", text[max(0, pstart - 12) : pstart], re.I
            ):
                d.unit, d.kind = pf.unit, pf.kind
        if d.unit is None and d.category is None:
            continue
        if d.unit is None and m.group("vague") and norm(m.group("vague")) in _G.alone and not following:
            continue  # "the capture of several key cities": a bare "several" needs its noun
        d.end = end
        figure = d.figure(text)
        found.append(figure)
        previous = (figure, m.start())
    return found
