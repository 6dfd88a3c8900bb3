"""The words around a figure's number in an infobox value.

:func:`read_tail` reads what follows a number (the counted words, the casualty words, status
words, a note, parentheses); :func:`read_paren` and :func:`read_claim` read what a parenthesis, a
header or a bare claim says about the figures near it (who claims them, as of when, a note),
as a :class:`~kg.parse.figure_core.FigureNote`.
"""

from __future__ import annotations

import re

from .categories import casualty_category
from .figure_core import EDGE, WORD, Draft, FigureNote, core_at, skip, unit_kind
from .figure_lexicon import lazy_figure_grammar, norm

__all__ = ["read_claim", "read_paren", "read_tail", "close_paren", "grouping_comma", "read_date_label", "is_unit_name"]

_G = lazy_figure_grammar()
_DATE_HINT = re.compile(r"\d\d\d")


def _is_date(text: str) -> bool:
    if re.search(r"\d[,.]\d", text):
        return False
    tokens = _G.date_token.findall(norm(text).replace(".", " "))
    if not tokens:
        return False
    anchor = False
    for token in tokens:
        if token in _G.months:
            anchor = True
        elif token.isdigit():
            if len(token) in (3, 4):
                anchor = True
            elif len(token) > 4:
                return False
        elif token not in _G.date_words and not any(
            token == w.split()[-1] or token == w.split()[0] for w in _G.date_words
        ):
            return False
    return anchor


def read_date_label(text: str) -> str | None:
    """The date a label or a part names, as written ("1612", "1620–1621", "in 1907", "March 1911"),
    or None when *text* is no date."""
    if not _DATE_HINT.search(text) and not _G.month_word.search(text):
        return None  # a date has a month or a year of three or four digits
    phrase = EDGE.sub("", text)
    m = _G.as_of_prefix.fullmatch(phrase)
    if m and _is_date(m.group("date")):
        return EDGE.sub("", m.group("date"))
    return phrase if phrase and _is_date(phrase) else None


def is_unit_name(text: str) -> bool:
    """True when *text* names a unit with a number ("212 Brigade", "3 Commando Brigade", "1 Battalion"):
    a number, capitalised words, then a singular unit noun written with a capital, or after a number
    above one. Plurals count ("3 battalions"), and so does "1 brigade"."""
    m = _G.unit_name.fullmatch(text.strip())
    if m is None:
        return False
    noun = m.group("noun")
    if noun.lower() not in _G.unit_nouns:
        return False
    middle = text.strip()[m.end("n") : m.start("noun")].split()
    if any(not w[0].isupper() for w in middle):
        return False
    return noun[0].isupper() or int(m.group("n")) != 1


def read_claim(text: str) -> tuple[bool, str | None, bool] | None:
    """Read a claim: (is_claim, authority, approximate) or None when *text* is no claim."""
    phrase = EDGE.sub("", text)
    low = norm(phrase)
    if not low:
        return None
    if low in _G.claim_fixed:
        return True, _G.claim_fixed[low], "estimate" in low
    m = _G.claim_prefix.fullmatch(phrase)
    if m:
        who = EDGE.sub("", m.group("who"))
        return True, who or None, False
    if low in ("estimate", "estimated", "estimates", "est."):
        return False, None, True
    m = _G.estimate_suffix.fullmatch(phrase)
    if m:
        who = EDGE.sub("", m.group("who"))
        return True, who or None, True
    m = _G.claim_suffix.fullmatch(phrase)
    if m:
        who = EDGE.sub("", m.group("who"))
        return True, who or None, False
    m = _G.whole_suffix.fullmatch(phrase)
    if m:
        return True, EDGE.sub("", m.group("who")), False
    return None


def grouping_comma(text: str, i: int) -> bool:
    """True if the comma at *i* groups thousands ("3,400"), so separates nothing."""
    return (
        0 < i
        and text[i - 1].isdigit()
        and text[i + 1 : i + 4].isdigit()
        and len(text[i + 1 : i + 4]) == 3
        and not text[i + 4 : i + 5].isdigit()
    )


def _split_top(text: str, seps: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0 and not (ch == "," and grouping_comma(text, i)):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def read_paren(content: str) -> FigureNote:
    """Classify the text inside a parenthesis, part by part (split on ';' and ',')."""
    info = FigureNote()
    parts = [p.strip() for p in _split_top(content, ";,")]
    readings: list[tuple[str, str | tuple[bool, str | None, bool]]] = []
    for part in parts:
        if not part:
            continue
        if _G.unknown_only.fullmatch(part):
            readings.append(("unknown", part))
            continue
        claim = read_claim(part)
        if claim is not None:
            readings.append(("claim", claim))
            continue
        m = _G.as_of_prefix.fullmatch(part)
        if m and _is_date(m.group("date")):
            readings.append(("as_of", EDGE.sub("", m.group("date"))))
        elif _is_date(part):
            readings.append(("as_of", EDGE.sub("", part)))
        else:
            readings.append(("note", part))
    if all(kind == "note" for kind, _ in readings):
        stripped = content.strip()
        if stripped:
            info.notes.append(stripped)
        return info
    for kind, value in readings:
        if kind == "unknown":
            info.unknown = True
        elif kind == "claim" and isinstance(value, tuple):
            is_claim, who, approx = value
            info.claim = info.claim or is_claim
            info.authority = info.authority or who
            info.approximate = info.approximate or approx
        elif kind == "as_of":
            info.as_of = info.as_of or str(value)
        else:
            info.notes.append(str(value))
    return info


def close_paren(text: str, start: int, end: int) -> int:
    """Index just after the parenthesis opening at *start* (or *end* if unclosed)."""
    depth = 0
    for i in range(start, end):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return end


# ------------------------------------------------------------------------------------------
# Tail: counted words, casualty words, notes, parentheses


def _word_end(text: str, pos: int, end: int) -> int:
    m = WORD.match(text, pos, end)
    return m.end() if m else pos + 1


def read_tail(text: str, d: Draft, pos: int, end: int, attached: list[FigureNote]) -> int:
    """Read what follows a core; fill *d*; return the position where the figure ends."""
    unit_start = unit_end = None
    state = "unit"  # unit -> after (casualty words read) ; note runs to the end
    note_start = note_end = None
    while True:
        pos = skip(text, pos, end)
        if pos >= end:
            break
        ch = text[pos]
        if ch == "(":
            close = close_paren(text, pos, end)
            inner = text[pos + 1 : close - 1] if text[close - 1] == ")" else text[pos + 1 : close]
            if d.category is None:  # "800 (killed by the reinforcements)": the casualty words are the figure's
                lead = len(inner) - len(inner.lstrip())
                cm = _G.category_list.match(inner, lead)
                if cm and not inner[cm.end() : cm.end() + 1].isalnum():
                    d.category = casualty_category(cm.group(0))
                    inner = inner[cm.end() :]
            if inner.strip():
                attached.append(read_paren(inner))
            d.end = close
            pos = close
            if state == "note":
                d.notes.append(text[note_start:note_end].strip())
                note_start = note_end = None
            state = "after"
            continue
        split = _G.split.match(text, pos, end)
        if split and core_at(text, split.end(), end):
            break
        if state != "note" and core_at(text, pos, end):
            break
        if state == "note":
            stop = _word_end(text, pos, end) if ch not in ",;:" else pos + 1
            note_end = stop
            d.end = stop
            pos = stop
            continue
        if d.category is None:
            cm = _G.category_list.match(text, pos, end)
            if cm:
                category = casualty_category(cm.group(0))
                if category:
                    d.category = category
                    d.end = pos = cm.end()
                    state = "after"
                    continue
        sm = _G.status_re.match(text, pos, end)
        if sm:
            word = norm(sm.group(0))
            if word in _G.approx_status:
                d.approximate = True
            else:
                d.notes.append(sm.group(0))
            d.end = pos = sm.end()
            continue
        xm = _G.suffix_re.match(text, pos, end)
        if xm and xm.group(0)[0].isalpha():
            kind = _G.suffix_kind.get(norm(xm.group(0)))
            if kind == "at_least" and d.min is not None:
                d.max = None
            elif kind == "approximate":
                d.approximate = True
            d.end = pos = xm.end()
            continue
        pm = _G.preposition.match(text, pos, end)
        if pm:
            state = "note"
            note_start = pos
            note_end = pm.end()
            d.end = pos = pm.end()
            continue
        if state == "unit":
            if ch in ",;:":
                pos += 1
                continue
            if ch.isdigit():
                break  # counted words never start with a digit: "1620–1621: 300 men" is no unit
            stop = _word_end(text, pos, end)
            if unit_start is None:
                unit_start = pos
            unit_end = d.end = pos = stop
            continue
        break
    if note_start is not None and note_end is not None:
        d.notes.append(text[note_start:note_end].strip())
    if unit_start is not None and unit_end is not None:
        unit = EDGE.sub("", text[unit_start:unit_end])
        while unit and norm(unit.rpartition(" ")[2]) in _G.connectors:
            unit = EDGE.sub("", unit.rpartition(" ")[0])
        if unit:
            d.unit = unit
            d.kind = unit_kind(unit)
    return d.end
