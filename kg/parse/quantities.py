"""Read strength and casualty figures: infobox values and figures in free prose.

``parse_quantities("20–50 killed, 42–50 captured")`` gives two :class:`Figure` objects
(20..50 killed, 42..50 captured); ``scan_figures`` finds figures inside a sentence
("killing at least eleven soldiers"). The rules are written down in
``docs/quantities.md``; the vocabulary is data (``data/lexicons/quantities.toml``,
``numbers.toml``, ``casualties.toml``).

An infobox value is read part by part (parts are separated by top-level commas and
semicolons). A part may be

* a **header** ``X:`` -- a claim (``Russian claim:`` -> authority ``Russian``) or a label
  (``Army:``, kept in the note) for the figures after it, up to the next header;
* a **parenthesis** on its own -- a claim, an ``as of`` date, ``(estimate)`` or a note for
  the figures before it, back to the previous claim, header or parenthesis;
* ``Unknown`` / ``?``; a **qualitative** word (``Heavy``, ``Many killed``); a note on the
  figure before (``including 15 chieftains``); a continuation of the counted words of the
  figure before (``22,000 hussars, cavalry and infantry``);
* one or more **figures**: qualifiers, a number, a range or a vague word, then the counted
  words, the casualty words, a note and parentheses. `` and `` starts a new figure only when
  a number follows it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..errors import QuantityParseError
from ..resources import lexicon
from .categories import casualty_category, category_lexicon
from .clean import DASH_CLASS
from .numbers import NUMBER_WORDS, parse_number
from .patterns import scanner

__all__ = [
    "Figure",
    "QuantityList",
    "parse_quantities",
    "parse_figure",
    "scan_figures",
    "vague_value",
    "unit_kind",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure: a number or range of something counted, and what the value says of it."""

    min: int | None  # lower bound (None only when truly unknown)
    max: int | None  # upper bound; None = open-ended ("100+", "at least 4", "dozens")
    approximate: bool  # "~60", "c. 5,000", "about", "around", "≈", "some", "nearly"
    category: str | None  # casualty category id (kg.parse.categories) or None
    unit: str | None  # the counted words as written: "men", "pickups", "Yemeni soldiers"
    kind: str | None  # kind of the head noun: personnel, civilian, vehicle, ...
    vague: str | None  # the vague word read by rule, lower case ("dozens", "several hundred")
    authority: str | None  # who the value says stated it ("Moroccan", "official")
    as_of: str | None  # "(as of May 2019)" -> "May 2019"
    note: str | None  # other text about the figure, as written ("all Argentinians")
    text: str  # the figure's own text as written in the input
    start: int  # offsets of the figure's text in the input string
    end: int


@dataclass(frozen=True, slots=True)
class QuantityList:
    """Everything read from one value."""

    figures: tuple[Figure, ...]
    unknown: bool  # the value says "Unknown", "?", "(Unknown)", "Unclear"
    qualitative: tuple[str, ...]  # words with no figure, lower case: "heavy", "many killed"
    leftover: tuple[str, ...]  # fragments nothing could read (for coverage reports)


# ------------------------------------------------------------------------------------------
# Vocabulary and compiled grammar (built once, at import)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _alt(phrases: Iterable[str], *, bounded: bool = True) -> str:
    """Alternation of phrases, longest first; word phrases get word boundaries."""
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        if bounded and phrase[0].isalnum():
            body = r"(?<![\w-])" + body
        if bounded and phrase[-1].isalnum():
            body += r"(?![\w-])"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def _noun_key(word: str) -> str:
    return _norm(word).replace("-", "")


@dataclass(frozen=True, slots=True)
class _Grammar:
    qualifier_kind: dict[str, str]  # phrase -> approximate | at_least | at_most
    suffix_kind: dict[str, str]
    plurals: dict[str, int]
    singulars: dict[str, int]
    multipliers: dict[str, int]
    alone: dict[str, int]
    nouns: dict[str, str]  # noun key -> kind
    status: frozenset[str]
    approx_status: frozenset[str]
    connectors: frozenset[str]
    claim_fixed: dict[str, str]
    category_words: frozenset[str]
    qualifier: re.Pattern[str]
    core: re.Pattern[str]
    prose_core: re.Pattern[str]
    unknown_only: re.Pattern[str]
    header: re.Pattern[str]
    qualitative: re.Pattern[str]
    inclusion: re.Pattern[str]
    category_list: re.Pattern[str]
    status_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    preposition: re.Pattern[str]
    split: re.Pattern[str]
    claim_prefix: re.Pattern[str]
    claim_suffix: re.Pattern[str]
    estimate_suffix: re.Pattern[str]
    whole_suffix: re.Pattern[str]
    as_of_prefix: re.Pattern[str]
    date_token: re.Pattern[str]
    months: frozenset[str]
    date_words: frozenset[str]
    label: re.Pattern[str]
    # prose
    before_category: re.Pattern[str]
    auxiliary: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    clock_after: re.Pattern[str]
    not_after: re.Pattern[str]
    not_before: re.Pattern[str]
    stop: frozenset[str]
    clause: frozenset[str]
    noun_window: int
    verb_window: int


@cache
def _grammar() -> _Grammar:
    q = lexicon("quantities.toml")
    cats = category_lexicon()
    quals = q["qualifiers"]
    qualifier_kind = {_norm(p): kind for kind in ("approximate", "at_least", "at_most") for p in quals[kind]}
    suffix_kind = {_norm(p): kind for kind in ("at_least", "approximate") for p in q["suffixes"][kind]}
    vague = q["vague"]
    plurals = {_norm(k): int(v) for k, v in vague["plurals"].items()}
    singulars = {_norm(k): int(v) for k, v in vague["singulars"].items()}
    multipliers = {_norm(k): int(v) for k, v in vague["multipliers"].items()}
    alone = {_norm(k): int(v) for k, v in vague["alone"].items()}
    nouns = {_noun_key(n): kind for kind, words in q["kinds"].items() for n in words}
    words = q["words"]
    claims = q["claims"]
    as_of = q["as_of"]
    prose = q["prose"]

    number = NUMBER_WORDS
    qual = _alt(qualifier_kind)
    dash = rf"\s*{DASH_CLASS}\s*"
    vague_re = (
        rf"(?:{_alt(plurals)}\s+of\s+{_alt(plurals)}|{_alt(multipliers)}\s+(?:{_alt(singulars)}|{_alt(plurals)})"
        rf"|{_alt(plurals)}|{_alt(alone)})"
    )
    unknown_words = [_norm(w) for w in q["unknown"]["words"]]
    number_of = _alt(_norm(w) for w in q["unknown"]["number_of"])
    unknown_word = _alt(w for w in unknown_words if w[0].isalpha())
    zero = _alt(_norm(w) for w in q["zero"]["words"])
    suffix = _alt(suffix_kind)

    def core(prose_mode: bool) -> re.Pattern[str]:
        specials = rf"|(?P<unk>{number_of})"
        if not prose_mode:
            specials += rf"|(?P<unkw>{unknown_word})(?=\s+[^\W\d_(])|(?P<zero>{zero})"
        # In prose a figure starts a word: the look-behind spares the engine from trying the whole
        # alternation inside every word (2.4x faster on the corpus's prose, same figures).
        start = r"(?<![\w])" if prose_mode else ""
        body = (
            rf"(?P<quals>(?:{qual}\s*)*)"
            rf"(?:(?P<between>between)\s+(?P<b1>{number})\s+and\s+(?P<b2>{number})"
            rf"|(?P<n1>{number})(?P<mid>\s*[+±])?(?:(?:{dash}|\s+to\s+)(?P<q2>(?:{qual}\s*)?)(?P<n2>{number}))?"
            rf"(?P<plural>s(?![\w-]))?"
            rf"|(?P<vague>{vague_re})(?P<of>\s+of(?=\s))?"
            rf"{specials})"
            rf"(?P<suffix>\s*(?:{suffix}))?"
        )
        # In prose, also a look-ahead on the first characters a figure can start with (scanner):
        # most word starts fail it at once instead of trying every alternative (same matches).
        return scanner(start + body, re.IGNORECASE) if prose_mode else re.compile(body, re.IGNORECASE)

    qualitative = (
        rf"(?:{_alt(q['qualitative']['intensifiers'])}\s+)*{_alt(q['qualitative']['words'])}"
        rf"(?:\s+{cats.list_pattern})?"
    )
    months = frozenset(_norm(m) for m in as_of["months"])
    month_alt = _alt(months)
    before_phrases = _alt(cats.before)
    auxiliaries = _alt(cats.auxiliaries)
    return _Grammar(
        qualifier_kind=qualifier_kind,
        suffix_kind=suffix_kind,
        plurals=plurals,
        singulars=singulars,
        multipliers=multipliers,
        alone=alone,
        nouns=nouns,
        status=frozenset(_norm(w) for w in words["status"]),
        approx_status=frozenset(_norm(w) for w in words["approximate_status"]),
        connectors=frozenset(_norm(w) for w in words["connectors"]),
        claim_fixed={_norm(k): v for k, v in claims["fixed"].items()},
        category_words=frozenset(cats.words),
        qualifier=re.compile(qual, re.IGNORECASE),
        core=core(False),
        prose_core=core(True),
        unknown_only=re.compile(rf"(?:{_alt(unknown_words)}|\?)(?:\s*\((?P<paren>[^)]*)\)?)?\s*\.?", re.I),
        header=re.compile(r"\s*(?P<h>[^\W\d_][^:()\d,;]{0,60}?)\s*:(?!\d)\s*"),
        qualitative=re.compile(qualitative, re.IGNORECASE),
        inclusion=re.compile(_alt(words["inclusions"]), re.IGNORECASE),
        category_list=re.compile(cats.list_pattern),
        status_re=re.compile(_alt(list(words["status"]) + list(words["approximate_status"])), re.I),
        suffix_re=re.compile(suffix, re.IGNORECASE),
        preposition=re.compile(_alt(words["prepositions"]), re.IGNORECASE),
        split=re.compile(rf"(?:{_alt(words['connectors'])}\s*)", re.IGNORECASE),
        claim_prefix=re.compile(rf"{_alt(claims['prefixes'])}:?\s*(?P<who>.*)", re.I | re.S),
        claim_suffix=re.compile(rf"(?P<who>.*?)\s+{_alt(claims['suffixes'])}", re.I | re.S),
        estimate_suffix=re.compile(rf"(?P<who>.*?)\s*{_alt(claims['estimate_suffixes'])}", re.I | re.S),
        whole_suffix=re.compile(rf"(?P<who>.+?\s+{_alt(claims['whole_suffixes'])})", re.I | re.S),
        as_of_prefix=re.compile(rf"{_alt(as_of['prefixes'])}\s+(?P<date>.+)", re.I | re.S),
        date_token=re.compile(r"[^\s,–—\-/]+"),
        months=months,
        date_words=frozenset(_norm(w) for w in as_of["date_words"]),
        label=re.compile(r"[A-Z][A-Z0-9.&]{1,5}"),
        before_category=re.compile(rf"(?:^|[^\w-])(?P<w>{before_phrases})\s+(?:the\s+)?$", re.I),
        auxiliary=re.compile(rf"{auxiliaries}\s*", re.I),
        month_before=re.compile(rf"{month_alt}\.?\s+$", re.I),
        month_after=re.compile(rf"(?:st|nd|rd|th)?\s*(?:of\s+)?{month_alt}", re.I),
        clock_after=re.compile(
            rf"(?:\s*(?:and|to|or|{DASH_CLASS})\s*\d{{1,2}})?\s*(?:{_alt(prose['clock'])}|:\d\d)", re.I
        ),
        not_after=re.compile(rf"(?:^|[^\w-]){_alt(prose['not_after'])}\s+$", re.I),
        not_before=re.compile(rf"\s*{_alt(prose['not_before'])}", re.I),
        stop=frozenset(
            [_norm(w) for w in prose["stop"]]
            + [_norm(w) for w in words["prepositions"]]
            + [_norm(w) for w in words["connectors"]]
            + [a for a in cats.auxiliaries if " " not in a]
            + [w for w in cats.words if " " not in w]
        ),
        clause=frozenset(_norm(w) for w in prose["clause"]),
        noun_window=int(prose["noun_window"]),
        verb_window=int(prose["verb_window"]),
    )


_G = _grammar()
_WORD = re.compile(r"[^\s(),;:]+")
_TOKEN = re.compile(r"[^\s,&/]+")
_SPACE = re.compile(r"\s*")


def _skip(text: str, pos: int, end: int | None = None) -> int:
    """Position of the first non-space at or after *pos*."""
    m = _SPACE.match(text, pos, len(text) if end is None else end)
    return m.end() if m else pos
_EDGE = re.compile(r"^[\s,;:.\-–—]+|[\s,;:.\-–—]+$")


# ------------------------------------------------------------------------------------------
# Small readers


@lru_cache(maxsize=8192)
def _word_kind(phrase: str) -> str | None:
    """Kind of a noun phrase of 1-3 words (singular or plural), or None."""
    key = _noun_key(phrase)
    if not key:
        return None
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    forms = [last]
    if last.endswith("s"):
        forms.append(last[:-1])
    if last.endswith("es"):
        forms.append(last[:-2])
    if last.endswith("ies"):
        forms.append(last[:-3] + "y")
    if last.endswith("men"):
        forms.append(last[:-3] + "man")
    for form in forms:
        kind = _G.nouns.get(prefix + form)
        if kind:
            return kind
    return None


def unit_kind(unit: str) -> str | None:
    """Return the kind of the head noun of *unit* (its rightmost known noun), or None.

    >>> unit_kind("Polish–Lithuanian hussars, cavalry and infantry"), unit_kind("pickups")
    ('personnel', 'vehicle')
    """
    tokens = _TOKEN.findall(unit)
    for end in range(len(tokens), 0, -1):
        for size in (3, 2, 1):
            if end - size >= 0:
                kind = _word_kind(" ".join(tokens[end - size : end]))
                if kind:
                    return kind
    return None


def vague_value(phrase: str) -> int | None:
    """The number a vague phrase is read as by rule ("dozens" -> 12), or None."""
    words = _norm(phrase)
    if words.endswith(" of"):
        words = words[:-3]
    if words in _G.alone:
        return _G.alone[words]
    if words in _G.plurals:
        return _G.plurals[words]
    left, of, right = words.partition(" of ")
    if of and left in _G.plurals and right in _G.plurals:
        return _G.plurals[left] * _G.plurals[right]
    head, _, base = words.rpartition(" ")
    if head in _G.multipliers and (base in _G.singulars or base in _G.plurals):
        return _G.multipliers[head] * _G.singulars.get(base, _G.plurals.get(base, 0))
    return None


def _is_date(text: str) -> bool:
    if re.search(r"\d[,.]\d", text):
        return False
    tokens = _G.date_token.findall(_norm(text).replace(".", " "))
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
        elif token not in _G.date_words and not any(token == w.split()[-1] or token == w.split()[0] for w in _G.date_words):
            return False
    return anchor


@dataclass(slots=True)
class _Paren:
    """What a parenthesis (or header, or bare claim) says about figures."""

    claim: bool = False
    authority: str | None = None
    as_of: str | None = None
    approximate: bool = False
    unknown: bool = False
    notes: list[str] = field(default_factory=list)


def _authority(text: str) -> tuple[bool, str | None, bool] | None:
    """Read a claim: (is_claim, authority, approximate) or None when *text* is no claim."""
    phrase = _EDGE.sub("", text)
    low = _norm(phrase)
    if not low:
        return None
    if low in _G.claim_fixed:
        return True, _G.claim_fixed[low], "estimate" in low
    m = _G.claim_prefix.fullmatch(phrase)
    if m:
        who = _EDGE.sub("", m.group("who"))
        return True, who or None, False
    if low in ("estimate", "estimated", "estimates", "est."):
        return False, None, True
    m = _G.estimate_suffix.fullmatch(phrase)
    if m:
        who = _EDGE.sub("", m.group("who"))
        return True, who or None, True
    m = _G.claim_suffix.fullmatch(phrase)
    if m:
        who = _EDGE.sub("", m.group("who"))
        return True, who or None, False
    m = _G.whole_suffix.fullmatch(phrase)
    if m:
        return True, _EDGE.sub("", m.group("who")), False
    return None


def _grouping_comma(text: str, i: int) -> bool:
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
        if ch in seps and depth == 0 and not (ch == "," and _grouping_comma(text, i)):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _read_paren(content: str) -> _Paren:
    """Classify the text inside a parenthesis, part by part (split on ';' and ',')."""
    info = _Paren()
    parts = [p.strip() for p in _split_top(content, ";,")]
    readings: list[tuple[str, str | tuple[bool, str | None, bool]]] = []
    for part in parts:
        if not part:
            continue
        if _G.unknown_only.fullmatch(part):
            readings.append(("unknown", part))
            continue
        claim = _authority(part)
        if claim is not None:
            readings.append(("claim", claim))
            continue
        m = _G.as_of_prefix.fullmatch(part)
        if m and _is_date(m.group("date")):
            readings.append(("as_of", _EDGE.sub("", m.group("date"))))
        elif _is_date(part):
            readings.append(("as_of", _EDGE.sub("", part)))
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


def _close_paren(text: str, start: int, end: int) -> int:
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
# Figures under construction


@dataclass(slots=True)
class _Draft:
    min: int | None
    max: int | None
    approximate: bool
    vague: str | None
    start: int
    end: int
    category: str | None = None
    unit: str | None = None
    kind: str | None = None
    authority: str | None = None
    as_of: str | None = None
    notes: list[str] = field(default_factory=list)

    def figure(self, text: str) -> Figure:
        return Figure(
            min=self.min,
            max=self.max,
            approximate=self.approximate,
            category=self.category,
            unit=self.unit,
            kind=self.kind,
            vague=self.vague,
            authority=self.authority,
            as_of=self.as_of,
            note="; ".join(self.notes) if self.notes else None,
            text=text[self.start : self.end],
            start=self.start,
            end=self.end,
        )

    def apply(self, info: _Paren) -> None:
        if info.authority and not self.authority:
            self.authority = info.authority
        if info.as_of and not self.as_of:
            self.as_of = info.as_of
        self.approximate = self.approximate or info.approximate
        self.notes.extend(n for n in info.notes if n not in self.notes)


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except QuantityParseError:
        return None


def _draft(m: re.Match[str]) -> _Draft | None:
    """Turn a core match into a draft figure; None when the numbers do not make one."""
    approx = low_open = high_open = False
    for phrase in (m.group("quals"), m.group("q2")):
        for qm in _G.qualifier.finditer(phrase or ""):
            kind = _G.qualifier_kind.get(_norm(qm.group(0)))
            approx |= kind == "approximate"
            low_open |= kind == "at_least"
            high_open |= kind == "at_most"
    vague = None
    if m.group("between") is not None:
        lo, hi = _number(m.group("b1")), _number(m.group("b2"))
        if lo is None or hi is None:
            return None
    elif m.group("n1") is not None:
        lo = _number(m.group("n1"))
        hi = _number(m.group("n2")) if m.group("n2") else lo
        if lo is None or hi is None:
            return None
        if m.group("plural"):
            digits = m.group("n1").replace(",", "")
            year_like = len(digits) == 4 and "," not in m.group("n1")
            if m.group("n2") or not digits.isdigit() or year_like or not digits.endswith("0"):
                return None  # "1,000s" is vague; "1990s" is a decade, "15s" nothing
            vague, hi, approx = _norm(m.group("n1") + "s"), None, True
    elif m.group("vague") is not None:
        lo = vague_value(m.group("vague"))
        if lo is None:
            return None
        vague, hi, approx = _norm(m.group("vague")), None, True
    elif m.group("unk") is not None or (m.groupdict().get("unkw") is not None):
        lo = hi = None
        vague = "unknown"
    elif m.groupdict().get("zero") is not None:
        lo = hi = 0
    else:  # pragma: no cover - the pattern has no other branch
        return None
    if lo is not None and hi is not None and hi < lo:
        return None
    suffix = _norm(m.group("suffix") or "") or _norm(m.group("mid") or "")
    if suffix:
        kind = _G.suffix_kind.get(suffix)
        approx |= kind == "approximate"
        low_open |= kind == "at_least"
    if m.group("mid") and _norm(m.group("mid")) == "±":
        approx = True
    if low_open and lo is not None:
        hi = None
    if high_open and hi is not None:
        lo = None
    return _Draft(min=lo, max=hi, approximate=approx, vague=vague, start=m.start(), end=m.end())


def _core_at(text: str, pos: int, end: int) -> tuple[re.Match[str], _Draft] | None:
    m = _G.core.match(text, pos, end)
    if m and m.end() > m.start():
        d = _draft(m)
        if d is not None:
            return m, d
    return None


def _find_core(text: str, pos: int, end: int, bad: list[str]) -> tuple[re.Match[str], _Draft] | None:
    while pos < end:
        m = _G.core.search(text, pos, end)
        if m is None:
            return None
        if m.end() == m.start():
            pos = m.end() + 1
            continue
        d = _draft(m)
        if d is not None:
            return m, d
        bad.append(m.group(0).strip())
        pos = m.end()
    return None


# ------------------------------------------------------------------------------------------
# Tail: counted words, casualty words, notes, parentheses


def _word_end(text: str, pos: int, end: int) -> int:
    m = _WORD.match(text, pos, end)
    return m.end() if m else pos + 1


def _tail(text: str, d: _Draft, pos: int, end: int, attached: list[_Paren]) -> int:
    """Read what follows a core; fill *d*; return the position where the figure ends."""
    unit_start = unit_end = None
    state = "unit"  # unit -> after (casualty words read) ; note runs to the end
    note_start = note_end = None
    while True:
        pos = _skip(text, pos, end)
        if pos >= end:
            break
        ch = text[pos]
        if ch == "(":
            close = _close_paren(text, pos, end)
            inner = text[pos + 1 : close - 1] if text[close - 1] == ")" else text[pos + 1 : close]
            attached.append(_read_paren(inner))
            d.end = close
            pos = close
            if state == "note":
                d.notes.append(text[note_start:note_end].strip())
                note_start = note_end = None
            state = "after"
            continue
        split = _G.split.match(text, pos, end)
        if split and _core_at(text, split.end(), end):
            break
        if state != "note" and _core_at(text, pos, end):
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
            word = _norm(sm.group(0))
            if word in _G.approx_status:
                d.approximate = True
            else:
                d.notes.append(sm.group(0))
            d.end = pos = sm.end()
            continue
        xm = _G.suffix_re.match(text, pos, end)
        if xm and xm.group(0)[0].isalpha():
            kind = _G.suffix_kind.get(_norm(xm.group(0)))
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
            stop = _word_end(text, pos, end)
            if unit_start is None:
                unit_start = pos
            unit_end = d.end = pos = stop
            continue
        break
    if note_start is not None and note_end is not None:
        d.notes.append(text[note_start:note_end].strip())
    if unit_start is not None and unit_end is not None:
        unit = _EDGE.sub("", text[unit_start:unit_end])
        while unit and _norm(unit.rpartition(" ")[2]) in _G.connectors:
            unit = _EDGE.sub("", unit.rpartition(" ")[0])
        if unit:
            d.unit = unit
            d.kind = unit_kind(unit)
    return d.end


# ------------------------------------------------------------------------------------------
# The value reader


@dataclass(slots=True)
class _State:
    text: str
    drafts: list[_Draft] = field(default_factory=list)
    unknown: bool = False
    qualitative: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    group_start: int = 0
    header: _Paren | None = None
    header_text: str | None = None
    header_used: bool = True

    def left(self, fragment: str) -> None:
        fragment = _EDGE.sub("", fragment)
        if fragment and _norm(fragment) not in _G.connectors:
            self.leftover.append(fragment)

    def backward(self, info: _Paren) -> bool:
        """Apply a claim / date / note to the figures since the last boundary."""
        targets = self.drafts[self.group_start :] or self.drafts[-1:]
        if not targets:
            return False
        for d in targets:
            d.apply(info)
        self.group_start = len(self.drafts)
        return True

    def set_header(self, text: str | None) -> None:
        if self.header_text is not None and not self.header_used:
            self.leftover.append(self.header_text + ":")
        self.header_text = text
        self.header_used = text is None
        self.header = None
        if text is not None:
            claim = _authority(text)
            info = _Paren()
            if claim is not None:
                info.claim, info.authority, info.approximate = claim
            else:
                info.notes.append(text.strip())
            self.header = info
        self.group_start = len(self.drafts)

    def add(self, d: _Draft, attached: list[_Paren]) -> None:
        self.drafts.append(d)
        self.header_used = True
        for info in attached:
            if info.claim:
                # a claim attached to a figure covers the figures back to the last boundary
                own = _Paren(claim=True, authority=info.authority, approximate=info.approximate)
                for other in self.drafts[self.group_start :]:
                    other.apply(own)
                d.apply(_Paren(as_of=info.as_of, notes=info.notes))
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
        elif ch in ",;" and depth == 0 and not (ch == "," and _grouping_comma(text, i)):
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
    tokens = [t.lower() for t in _TOKEN.findall(segment)]
    i, content = 0, False
    while i < len(tokens):
        if tokens[i] in _G.connectors:
            i += 1
            continue
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i : i + size])
            if i + size <= len(tokens) and (_word_kind(phrase) or phrase in _G.category_words):
                i += size
                content = True
                break
        else:
            return False
    return content


def _has_core(text: str, s: int, e: int) -> bool:
    return _find_core(text, s, e, []) is not None


def _merged(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in _segments(text):
        if out and _continues(text[s:e]) and _has_core(text, *out[-1]) and not _has_core(text, s, e):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _trailing_header(text: str, s: int, e: int) -> int | None:
    """Start of a header glued after a figure ("360 elephants Thai sources:"), or None."""
    words = list(_WORD.finditer(text, s, e - 1))
    start = None
    for w in reversed(words):
        token = w.group(0)
        if any(c.isdigit() for c in token) or _word_kind(token) or _norm(token) in _G.category_words:
            break
        start = w.start()
    if start is None or start == s:
        return None
    return start


def _segment(st: _State, s: int, e: int) -> None:
    text = st.text
    while True:
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
            info = _read_paren(um.group("paren"))
            if info.notes or info.authority:
                st.leftover.append("(" + um.group("paren") + ")")
        return
    # a parenthesis on its own
    if stripped.startswith("(") and _close_paren(stripped, 0, len(stripped)) == len(stripped):
        inner = stripped[1:-1] if stripped.endswith(")") else stripped[1:]
        info = _read_paren(inner)
        if info.unknown and not (info.claim or info.as_of or info.notes):
            st.unknown = True
            return
        if not st.backward(info) and (info.authority or info.notes or info.as_of):
            st.left(stripped)
        return
    core = _find_core(text, s, e, [])
    if core is None:
        # a bare claim: "according to X"
        claim = _authority(stripped)
        if claim is not None and claim[0]:
            info = _Paren(claim=True, authority=claim[1], approximate=claim[2])
            if not st.backward(info):
                st.left(stripped)
            return
        if _G.inclusion.match(stripped):
            if st.drafts:
                st.drafts[-1].notes.append(_EDGE.sub("", stripped))
            else:
                st.left(stripped)
            return
        if _norm(stripped) in _G.connectors:
            return
        qm = _G.qualitative.match(stripped)
        if qm:
            st.qualitative.append(_norm(qm.group(0)))
            st.header_used = True
            st.left(stripped[qm.end() :])
            return
        st.left(stripped)
        return
    if _G.inclusion.match(stripped) and st.drafts:
        # "including 15 chieftains": a breakdown of the figure before, kept as its note
        st.drafts[-1].notes.append(_EDGE.sub("", stripped))
        return
    _figures(st, s, e)


def _figures(st: _State, s: int, e: int) -> None:
    text = st.text
    pos = s
    pending_notes: list[str] = []
    while pos < e:
        bad: list[str] = []
        found = _find_core(text, pos, e, bad)
        if found is None:
            st.left(text[pos:e])
            return
        m, d = found
        lead = text[pos : m.start()]
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
        attached: list[_Paren] = []
        pos = _tail(text, d, m.end(), e, attached)
        st.add(d, attached)


def _lead(lead: str, notes: list[str]) -> list[str]:
    """Words before a number inside a part: joiners, labels ("CAR 500"), status words."""
    rest = _EDGE.sub("", lead).strip()
    unread: list[str] = []
    for token in rest.split():
        word = _norm(token).strip(",;:")
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

    >>> [(f.min, f.max, f.category) for f in parse_quantities("20–50 killed, 42–50 captured").figures]
    [(20, 50, 'killed'), (42, 50, 'captured')]
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


# ------------------------------------------------------------------------------------------
# Prose


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
                kind = _word_kind(phrase)
                if kind and not (size == 1 and _norm(phrase) in _G.category_words):
                    best = (words[0][0], words[i + size - 1][1], kind)
                    matched = size
                    break
        if matched:
            i += matched
            continue
        if best is not None:
            break
        token = words[i][2]
        if _norm(token) in _G.stop or _G.prose_core.match(text, words[i][0]):
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
        pos = _skip(text, pos)
        if pos >= len(text) or text[pos] in ".;:!?,()\"“”":
            return None
        am = _G.auxiliary.match(text, pos)
        if am and am.end() > pos:
            aux = True
            pos = am.end()
            continue
        cm = _G.category_list.match(text, pos)
        if cm and (aux or gap == 0):
            after = _skip(text, cm.end())
            if not _G.prose_core.match(text, after) or after == len(text):
                return casualty_category(cm.group(0))
            return None
        nm = _G.prose_core.match(text, pos)
        if nm and nm.end() > pos:
            return None
        wm = _WORD.match(text, pos)
        if not wm or _norm(wm.group(0)) in _G.clause:
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
        word = _WORD.match(text, _skip(text, end))
        if word is None or not _word_kind(word.group(0)):
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
        d = _draft(m)
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
                d.category = casualty_category(bm.group("w")) or category_lexicon().before.get(_norm(bm.group("w")))
        if d.unit is None and previous is not None:
            pf, pstart = previous
            if re.fullmatch(r"\s*,\s*", text[pf.end : m.start()]) and re.search(
                r"\bof\s+(?:the\s+)?$", text[max(0, pstart - 12) : pstart], re.I
            ):
                d.unit, d.kind = pf.unit, pf.kind
        if d.unit is None and d.category is None:
            continue
        if d.unit is None and m.group("vague") and _norm(m.group("vague")) in _G.alone and not following:
            continue  # "the capture of several key cities": a bare "several" needs its noun
        d.end = end
        figure = d.figure(text)
        found.append(figure)
        previous = (figure, m.start())
    return found
