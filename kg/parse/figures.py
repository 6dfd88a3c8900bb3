"""Read the figures of an infobox strength or casualties value (the figure grammar).

``parse_quantities("20–50 killed, 42–50 captured")`` gives two :class:`~kg.parse.figure_core.Figure`
objects (20..50 killed, 42..50 captured). Figures inside prose sentences are found by
:func:`kg.parse.figure_scan.scan_figures`. The rules are written down in ``docs/quantities.md``; the
vocabulary is data (``data/lexicons/quantities.toml``, ``numbers.toml``, ``casualties.toml``,
compiled in :mod:`kg.parse.figure_lexicon`).

A value is read part by part (parts are separated by top-level commas and
semicolons). A part may be

* a **header** ``X:`` -- a claim (``Ostian claim:`` -> authority ``Ostian``) or a label
  (``Army:``, kept in the note) for the figures after it, up to the next header;
* a **parenthesis** on its own -- a claim, an ``as of`` date, ``(estimate)`` or a note for
  the figures before it, back to the previous claim, header or parenthesis;
* ``Unknown`` / ``?``; a **qualitative** word (``Heavy``, ``Many killed``); a note on the
  figure before (``including 12 chieftains``); a continuation of the counted words of the
  figure before (``9,000 hussars, cavalry and infantry``);
* one or more **figures**: qualifiers, a number, a range or a vague word, then the counted
  words, the casualty words, a note and parentheses. `` and `` starts a new figure only when
  a number follows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import QuantityParseError
from .categories import casualty_category
from .figure_core import (
    EDGE,
    TOKEN,
    WORD,
    Draft,
    Figure,
    FigureNote,
    QuantityList,
    find_core,
    skip,
    unit_kind,
    word_kind,
)
from .figure_lexicon import lazy_figure_grammar, norm
from .figure_words import close_paren, grouping_comma, is_unit_name, read_claim, read_date_label, read_paren, read_tail

__all__ = ["parse_quantities", "parse_figure"]

_G = lazy_figure_grammar()


@dataclass(slots=True)
class _State:
    text: str
    drafts: list[Draft] = field(default_factory=list)
    unknown: bool = False
    qualitative: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    group_start: int = 0
    header: FigureNote | None = None
    header_text: str | None = None
    header_used: bool = True

    def left(self, fragment: str) -> None:
        fragment = EDGE.sub("", fragment)
        if fragment and norm(fragment) not in _G.connectors:
            self.leftover.append(fragment)

    def backward(self, info: FigureNote) -> bool:
        """Apply a claim / date / note to the figures since the last boundary."""
        targets = self.drafts[self.group_start :] or self.drafts[-1:]
        if not targets:
            return False
        for d in targets:
            d.apply(info)
        self.group_start = len(self.drafts)
        return True

    def set_header(self, text: str | None, info: FigureNote | None = None) -> None:
        if self.header_text is not None and not self.header_used:
            self.leftover.append(self.header_text + ":")
        self.header_text = text
        self.header_used = text is None
        self.header = None
        if text is not None:
            if info is None:
                claim = read_claim(text)
                info = FigureNote()
                if claim is not None:
                    info.claim, info.authority, info.approximate = claim
                else:
                    info.notes.append(text.strip())
                    _label_category(text, info)
            self.header = info
        self.group_start = len(self.drafts)

    def add(self, d: Draft, attached: list[FigureNote]) -> None:
        self.drafts.append(d)
        self.header_used = True
        for info in attached:
            if info.claim:
                # a claim attached to a figure covers the figures back to the last boundary
                own = FigureNote(claim=True, authority=info.authority, approximate=info.approximate)
                for other in self.drafts[self.group_start :]:
                    other.apply(own)
                d.apply(FigureNote(as_of=info.as_of, notes=info.notes))
                self.group_start = len(self.drafts)
            else:
                d.apply(info)
        if self.header is not None:
            d.apply(self.header)


def _segments(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0 and not (ch == "," and grouping_comma(text, i)):
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _continues(segment: str) -> bool:
    """True if *segment* is only counted nouns, casualty words and joiners."""
    tokens = [t.lower() for t in TOKEN.findall(segment)]
    i, content = 0, False
    while i < len(tokens):
        if tokens[i] in _G.connectors:
            i += 1
            continue
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i : i + size])
            if i + size <= len(tokens) and (word_kind(phrase) or phrase in _G.category_words):
                i += size
                content = True
                break
        else:
            return False
    return content


def _has_core(text: str, s: int, e: int) -> bool:
    return find_core(text, s, e, []) is not None


def _merged(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in _segments(text):
        if out and _continues(text[s:e]) and _has_core(text, *out[-1]) and not _has_core(text, s, e):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _trailing_header(text: str, s: int, e: int) -> int | None:
    """Start of a header glued after a figure ("200 elephants Tolan sources:"), or None."""
    words = list(WORD.finditer(text, s, e - 1))
    start = None
    for w in reversed(words):
        token = w.group(0)
        if any(c.isdigit() for c in token) or word_kind(token) or norm(token) in _G.category_words:
            break
        start = w.start()
    if start is None or start == s:
        return None
    return start


def _label_category(label: str, info: FigureNote) -> None:
    """A label ending in casualty words ("Civilian dead:", "Killed:") gives the figures after it
    that have none their category, and its counted words ("Civilian") their unit."""
    words = label.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if _G.category_list.fullmatch(tail):
            category = casualty_category(tail)
            if category:
                info.category = category
                unit = " ".join(words[:i])
                kind = unit_kind(unit) if unit else None
                if kind:
                    info.unit, info.kind = unit, kind
            return


def _label(label: str) -> FigureNote | None:
    """What a label before a colon made of a date or a unit name says: "1612:" is the date of the
    figures after it, "212 Brigade:" their note. None for other labels."""
    date = read_date_label(label)
    if date is not None:
        return FigureNote(as_of=date)
    if is_unit_name(label):
        return FigureNote(notes=[label.strip()])
    return None


def _segment(st: _State, s: int, e: int) -> None:
    text = st.text
    colon = text.find(":", s, e) >= 0
    while True:
        lm = _G.label_header.match(text, s, e) if colon else None
        info = _label(lm.group("h")) if lm else None
        if lm and info is not None:
            st.set_header(lm.group("h"), info)
            s = lm.end()
            continue
        hm = _G.header.match(text, s, e)
        if not hm:
            break
        st.set_header(hm.group("h"))
        s = hm.end()
    if s >= e:
        return
    if text[e - 1] == ":":
        hs = _trailing_header(text, s, e)
        if hs is not None:
            _body(st, s, hs)
            st.set_header(text[hs : e - 1].strip())
            return
    _body(st, s, e)


def _body(st: _State, s: int, e: int) -> None:
    text = st.text
    body = text[s:e]
    stripped = body.strip()
    # Unknown / ?
    um = _G.unknown_only.fullmatch(stripped)
    if um:
        st.unknown = True
        st.header_used = True
        if um.group("paren"):
            info = read_paren(um.group("paren"))
            if info.notes or info.authority:
                st.leftover.append("(" + um.group("paren") + ")")
        return
    # a parenthesis on its own
    if stripped.startswith("(") and close_paren(stripped, 0, len(stripped)) == len(stripped):
        inner = stripped[1:-1] if stripped.endswith(")") else stripped[1:]
        info = read_paren(inner)
        if info.unknown and not (info.claim or info.as_of or info.notes):
            st.unknown = True
            return
        if not st.backward(info) and (info.authority or info.notes or info.as_of):
            st.left(stripped)
        return
    core = find_core(text, s, e, [])
    date = read_date_label(stripped) if core is None or _G.month_word.search(stripped) else None
    if date is not None:
        # a date alone ("1620–1621", "March 1911"): the date of the figures before it, never a figure
        if not st.backward(FigureNote(as_of=date)):
            st.left(stripped)
        return
    if core is None:
        # a bare claim: "according to X"
        claim = read_claim(stripped)
        if claim is not None and claim[0]:
            info = FigureNote(claim=True, authority=claim[1], approximate=claim[2])
            if not st.backward(info):
                st.left(stripped)
            return
        if _G.inclusion.match(stripped):
            if st.drafts:
                st.drafts[-1].notes.append(EDGE.sub("", stripped))
            else:
                st.left(stripped)
            return
        if norm(stripped) in _G.connectors:
            return
        qm = _G.qualitative.match(stripped)
        if qm:
            st.qualitative.append(norm(qm.group(0)))
            st.header_used = True
            st.left(stripped[qm.end() :])
            return
        st.left(stripped)
        return
    if _G.inclusion.match(stripped) and st.drafts:
        # "including 12 chieftains": a breakdown of the figure before, kept as its note
        st.drafts[-1].notes.append(EDGE.sub("", stripped))
        return
    _figures(st, s, e)


def _figures(st: _State, s: int, e: int) -> None:
    text = st.text
    pos = s
    pending_notes: list[str] = []
    while pos < e:
        bad: list[str] = []
        found = find_core(text, pos, e, bad)
        if found is None:
            st.left(text[pos:e])
            return
        m, d = found
        colon = skip(text, m.end(), e)
        if colon < e and text[colon] == ":":
            info = _label(text[m.start() : m.end()])
            if info is not None:  # "4,000 men 1620: 5,000 men": a year label, not a figure
                st.set_header(text[m.start() : m.end()].strip(), info)
                pos = colon + 1
                continue
        lead = text[pos : m.start()]
        label = _lead_label(lead)
        if label is not None:
            # "190 killed Chechen claim: 20 killed", "15 killed. According to MNLA: 40 killed":
            # a header glued before the next figure starts a new group with its own source
            st.set_header(label, _label(label))
            lead = ""
        unread = _lead(lead, pending_notes)
        if d.vague is not None and len(unread) >= 3:
            # a vague word inside a sentence ("... survive for several more decades")
            st.left(text[pos:e])
            return
        if unread:
            st.left(" ".join(unread))
        for note in pending_notes:
            d.notes.append(note)
        pending_notes = []
        attached: list[FigureNote] = []
        pos = read_tail(text, d, m.end(), e, attached)
        if d.category is None and d.unit is not None and is_unit_name(text[m.start() : m.end()] + " " + d.unit):
            st.left(text[d.start : d.end])  # "212 Brigade" names a unit: no figure
            continue
        st.add(d, attached)


def _lead_label(lead: str) -> str | None:
    """The header a lead before a number ends with ("Chechen claim:", ". According to MNLA:"), or None."""
    head, colon, rest = lead.rpartition(":")
    if not colon or rest.strip():
        return None
    words = EDGE.sub("", head).split()
    while words and norm(words[0]) in _G.connectors:
        words.pop(0)
    label = " ".join(words)
    if not label or "(" in label or ")" in label:
        return None
    return label


def _lead(lead: str, notes: list[str]) -> list[str]:
    """Words before a number inside a part: joiners, labels ("CAR 500"), status words."""
    rest = EDGE.sub("", lead).strip()
    unread: list[str] = []
    for token in rest.split():
        word = norm(token).strip(",;:")
        if not word or word in _G.connectors:
            continue
        if word in _G.status:
            notes.append(token)
        elif _G.label.fullmatch(token):
            notes.append(token)
        else:
            unread.append(token)
    return unread


def parse_quantities(text: str) -> QuantityList:
    """Read every figure of an infobox strength or casualties value (after ``clean_value``).

    Never raises on a ``str``: what cannot be read is returned in ``leftover``.

    >>> [(f.min, f.max, f.category) for f in parse_quantities("12–40 killed, 30–35 captured").figures]
    [(12, 40, 'killed'), (30, 35, 'captured')]
    """
    st = _State(text)
    for s, e in _merged(text):
        _segment(st, s, e)
    st.set_header(None)
    return QuantityList(
        figures=tuple(d.figure(text) for d in st.drafts),
        unknown=st.unknown,
        qualitative=tuple(st.qualitative),
        leftover=tuple(st.leftover),
    )


def parse_figure(text: str) -> Figure:
    """Read exactly one figure from *text*; raise QuantityParseError otherwise."""
    result = parse_quantities(text)
    if len(result.figures) != 1:
        raise QuantityParseError(f"expected exactly one figure, found {len(result.figures)} in {text!r}")
    if result.leftover:
        raise QuantityParseError(f"unreadable text {result.leftover[0]!r} in figure {text!r}")
    return result.figures[0]
